//! The workspace: autosave, inline errors, undo/redo, templates.

use crate::support::*;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn edits_are_autosaved_with_their_units() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    assert_eq!(input_value(c, "f-baseline-units"), "1000");
    type_into(c, "f-baseline-units", "2500").await;
    tick().await;
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 2500.0);
    assert_eq!(saved_plan()["headroom_plan"], 1);
    // The unit is shown next to the field.
    let field = find(c, "f-policies-target_utilisation_pct");
    assert!(field.is_none(), "policies live on their own tab");
    click(c, "tab-policies");
    tick().await;
    let row = find(c, "f-policies-target_utilisation_pct")
        .unwrap()
        .parent_element()
        .unwrap();
    assert!(row.text_content().unwrap_or_default().contains('%'));
}

/// The plan a page starts with is saved once the page is idle, not while it builds.
#[wasm_bindgen_test]
async fn the_starting_plan_is_saved_once_the_page_is_idle() {
    let app = mount_fresh();
    tick().await;
    assert_eq!(
        stored_plan_text(),
        None,
        "nothing is written while the page builds"
    );
    idle().await;
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 1000.0);
    drop(app);
}

/// Typing is saved once its frame is painted, and at once if the page goes away first.
#[wasm_bindgen_test]
async fn a_keystroke_is_saved_after_its_frame_or_when_the_page_goes_away() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    type_into(c, "f-baseline-units", "2500").await;
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 2500.0);
    enter(c, "f-baseline-units", "2600");
    tick().await;
    assert_eq!(
        saved_plan()["plan"]["baseline"]["units"],
        2500.0,
        "not in the keystroke's frame"
    );
    painted().await;
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 2600.0);
    enter(c, "f-baseline-units", "2700");
    tick().await;
    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    assert_eq!(
        saved_plan()["plan"]["baseline"]["units"],
        2700.0,
        "saved as the page goes away, before its frame"
    );
}

#[wasm_bindgen_test]
async fn a_half_typed_value_shows_its_problem_and_is_never_saved() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    type_into(c, "f-baseline-units", "12,5").await;
    tick().await;
    let error = text(c, "field-error");
    assert!(
        error.contains("Units today") && error.contains("comma as the decimal mark"),
        "{error}"
    );
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 1000.0);
    type_into(c, "f-baseline-units", "-3").await;
    assert!(text(c, "field-error").contains("at least 0"));
    type_into(c, "f-baseline-units", "30").await;
    tick().await;
    assert!(find(c, "field-error").is_none());
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 30.0);
    // Grouped as people paste and as the page writes.
    type_into(c, "f-baseline-units", "2,000").await;
    tick().await;
    assert!(find(c, "field-error").is_none());
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 2000.0);
    type_into(c, "f-baseline-units", "4\u{202F}258").await;
    tick().await;
    assert!(find(c, "field-error").is_none());
    assert_eq!(saved_plan()["plan"]["baseline"]["units"], 4258.0);
}

#[wasm_bindgen_test]
async fn undo_and_redo_restore_the_text_of_fields() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    type_into(c, "f-baseline-units", "777").await;
    tick().await;
    click(c, "undo");
    tick().await;
    assert_eq!(
        saved_plan()["plan"]["baseline"]["units"],
        1000.0,
        "undo restores the plan"
    );
    assert_eq!(input_value(c, "f-baseline-units"), "1000");
    click(c, "redo");
    tick().await;
    assert_eq!(input_value(c, "f-baseline-units"), "777");
}

#[wasm_bindgen_test]
async fn loading_a_template_replaces_the_plan_and_can_be_undone() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    let select: web_sys::HtmlSelectElement = find(c, "template").unwrap().unchecked_into();
    select.set_value("cafe-pilot");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    click(c, "load-template");
    tick().await;
    assert_eq!(saved_plan()["plan"]["baseline"]["demand_unit"], "cafés");
    assert!(text(c, "notice").contains("template"));
    click(c, "undo");
    tick().await;
    assert_eq!(saved_plan()["plan"]["baseline"]["demand_unit"], "users");
}

#[wasm_bindgen_test]
async fn a_range_typed_into_a_field_keeps_its_point_value_and_its_range() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    type_into(c, "f-baseline-units", "800/1000/1500").await;
    tick().await;
    assert!(find(c, "field-error").is_none());
    let plan = &saved_plan()["plan"];
    assert_eq!(plan["baseline"]["units"], 1000.0);
    assert_eq!(plan["uncertainty"]["ranges"][0]["field"], "baseline.units");
    assert_eq!(
        plan["uncertainty"]["ranges"][0]["distribution"]["shape"],
        "pert"
    );
    assert_eq!(input_value(c, "f-baseline-units"), "800/1000/1500");
    // The Ranges panel comes with the first range.
    assert!(find(c, "ranges").is_some());
    // A range with a problem says it, and changes nothing.
    type_into(c, "f-baseline-units", "1500–800").await;
    tick().await;
    let error = text(c, "field-error");
    assert!(
        error.contains("Units today") && error.contains("above"),
        "{error}"
    );
    assert_eq!(
        saved_plan()["plan"]["uncertainty"]["ranges"][0]["distribution"]["low"],
        800.0
    );
    // A plain number drops the range, and with the last range the section and the panel.
    type_into(c, "f-baseline-units", "900").await;
    tick().await;
    let plan = &saved_plan()["plan"];
    assert_eq!(plan["baseline"]["units"], 900.0);
    assert!(plan.get("uncertainty").is_none(), "{plan}");
    assert!(find(c, "ranges").is_none());
}

#[wasm_bindgen_test]
async fn the_ranges_settings_show_what_the_plan_says_even_a_figure_they_do_not_offer() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    type_into(c, "f-baseline-units", "800/1000/1500").await;
    settled().await;
    assert_eq!(chosen(c, "f-uncertainty-trials"), "2000");
    choose(c, "f-uncertainty-trials", "5000");
    settled().await;
    assert_eq!(saved_plan()["plan"]["uncertainty"]["trials"], 5000);
    // A plan file's 3 000 trials, which the list does not offer: said so, and kept.
    drop(app);
    let app = remount_with_saved(|stored| {
        stored["plan"]["uncertainty"]["trials"] = 3000.into();
        stored["plan"]["uncertainty"]["size_for_pct"] = 85.0.into();
    })
    .await;
    let c = &app.container;
    assert_eq!(chosen(c, "f-uncertainty-trials"), "other");
    assert_eq!(chosen(c, "f-uncertainty-size_for_pct"), "other");
    choose(c, "f-uncertainty-trials", "other");
    settled().await;
    assert_eq!(saved_plan()["plan"]["uncertainty"]["trials"], 3000);
    let trials = format!("{} trials", headroom_core::format::count(3000.0));
    assert!(text(c, "ranges").contains(&trials), "{}", text(c, "ranges"));
}

#[wasm_bindgen_test]
async fn the_ranges_problems_show_a_moment_after_the_plan_changes() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    type_into(c, "f-baseline-units", "800/1000/1500").await;
    settled().await;
    // A plan whose section asks for too few trials, as a hand-edited file or link could.
    drop(app);
    let app =
        remount_with_saved(|stored| stored["plan"]["uncertainty"]["trials"] = 10.into()).await;
    let c = &app.container;
    waited(400).await;
    let problems = text(c, "range-problems");
    assert!(problems.contains("at least 100"), "{problems}");
    // Set right: the problem goes with the next run's start.
    choose(c, "f-uncertainty-trials", "1000");
    settled().await;
    waited(400).await;
    assert!(find(c, "range-problems").is_none());
}
