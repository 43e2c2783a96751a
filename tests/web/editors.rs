//! The editors: scenarios (add, duplicate, rename, delete and undo, growth models, milestones,
//! seasons), catalogs (a bad price next to its cell, stale results) and the baseline's cost
//! lines; rows keep their elements and focus while typing.

use crate::support::*;
use wasm_bindgen_test::*;

fn scenario_names() -> Vec<String> {
    saved_plan()["plan"]["scenarios"]
        .as_array()
        .expect("scenarios are a list")
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn growth() -> serde_json::Value {
    saved_plan()["plan"]["scenarios"][0]["growth"].clone()
}

fn pressed(c: &HtmlElement, test_id: &str) -> bool {
    find(c, test_id)
        .and_then(|e| e.get_attribute("aria-pressed"))
        .as_deref()
        == Some("true")
}

fn is_disabled(c: &HtmlElement, test_id: &str) -> bool {
    find(c, test_id)
        .unwrap_or_else(|| panic!("no element {test_id}"))
        .has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn scenarios_are_added_duplicated_renamed_deleted_and_undone() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    open_tab(c, "scenarios").await;
    assert_eq!(scenario_names(), ["Steady"]);
    assert!(is_disabled(c, "delete-scenario"), "the only scenario stays");

    click(c, "add-scenario");
    settled().await;
    assert_eq!(scenario_names(), ["Steady", "Scenario 2"]);
    assert!(
        pressed(c, "scenario-item-1"),
        "the new scenario is selected"
    );
    assert!(!pressed(c, "scenario-item-0"));

    type_into(c, "f-scenarios-1-name", "Aggressive").await;
    settled().await;
    assert_eq!(scenario_names(), ["Steady", "Aggressive"]);
    assert!(text(c, "scenario-item-1").contains("Aggressive"));

    click(c, "duplicate-scenario");
    settled().await;
    assert_eq!(
        scenario_names(),
        ["Steady", "Aggressive", "Aggressive (copy)"]
    );
    assert!(pressed(c, "scenario-item-2"));
    let plan = saved_plan();
    assert_eq!(
        plan["plan"]["scenarios"][1]["growth"],
        plan["plan"]["scenarios"][2]["growth"]
    );

    click(c, "scenario-item-1");
    settled().await;
    assert!(pressed(c, "scenario-item-1"));
    assert_eq!(input_value(c, "f-scenarios-1-name"), "Aggressive");
    click(c, "delete-scenario");
    settled().await;
    assert_eq!(scenario_names(), ["Steady", "Aggressive (copy)"]);
    assert!(text(c, "scenario-note").starts_with("Deleted “Aggressive”."));

    click(c, "scenario-note-undo");
    settled().await;
    assert_eq!(
        scenario_names(),
        ["Steady", "Aggressive", "Aggressive (copy)"]
    );
    assert!(
        pressed(c, "scenario-item-1"),
        "the restored scenario is selected"
    );
    assert_eq!(input_value(c, "f-scenarios-1-name"), "Aggressive");
    assert!(
        find(c, "scenario-note").is_none(),
        "the note goes once used"
    );
}

#[wasm_bindgen_test]
async fn the_undo_note_disappears_once_the_plan_moves_on() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    click(c, "add-scenario");
    settled().await;
    click(c, "delete-scenario");
    settled().await;
    assert!(find(c, "scenario-note").is_some());
    type_into(c, "f-scenarios-0-growth-monthly_growth_pct", "7").await;
    settled().await;
    assert!(
        find(c, "scenario-note").is_none(),
        "its Undo would now undo the typing"
    );
}

#[wasm_bindgen_test]
async fn switching_the_growth_model_keeps_the_trajectory() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    assert!(find(c, "compound-fields").is_some());

    click(c, "growth-milestones");
    settled().await;
    let g = growth();
    assert_eq!(g["model"], "milestones");
    assert_eq!(g["between"], "linear");
    let months: Vec<u64> = g["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["month"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [3, 6, 9, 12]);
    assert_eq!(g["points"][3]["units"], 1600.0);
    assert!(find(c, "milestone-fields").is_some());
    assert!(find(c, "compound-fields").is_none());
    assert_eq!(
        input_value(c, "f-scenarios-0-growth-points-3-units"),
        "1600"
    );
    assert!(text(c, "scenario-item-0").contains("4 milestones"));

    click(c, "growth-trend");
    settled().await;
    let g = growth();
    assert_eq!(g["model"], "trend");
    assert_eq!(g["history"].as_array().unwrap().len(), 6);
    assert!(text(c, "trend-fit").starts_with("Fitted: +4"));

    click(c, "growth-compound");
    settled().await;
    let g = growth();
    assert_eq!(g["model"], "compound");
    let pct = g["monthly_growth_pct"].as_f64().unwrap();
    assert!((3.5..=4.5).contains(&pct), "{pct}");
    assert_eq!(
        input_value(c, "f-scenarios-0-growth-monthly_growth_pct"),
        pct.to_string()
    );
}

#[wasm_bindgen_test]
async fn a_trend_with_too_few_observations_says_so_and_keeps_the_results() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    click(c, "growth-trend");
    settled().await;
    let instances = text(c, "app-instances");
    for _ in 0..4 {
        click(c, "remove-observation-0");
        settled().await;
    }
    assert_eq!(growth()["history"].as_array().unwrap().len(), 2);
    assert_eq!(text(c, "history-error"), "History needs at least 3 entries");
    assert!(find(c, "stale").is_some(), "results are marked stale");
    assert_eq!(text(c, "app-instances"), instances, "and stay on screen");
    click(c, "add-observation");
    settled().await;
    assert!(find(c, "history-error").is_none());
    assert!(find(c, "stale").is_none());
}

#[wasm_bindgen_test]
async fn adding_a_milestone_changes_the_plan() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    click(c, "growth-milestones");
    settled().await;
    let cost_before = text(c, "total-cost");
    click(c, "add-milestone");
    settled().await;
    let points = growth()["points"].as_array().unwrap().clone();
    assert_eq!(points.len(), 5);
    assert_eq!(points[4]["month"], 1, "fills the first free month");
    assert!(find(c, "f-scenarios-0-growth-points-4-units").is_some());

    type_into(c, "f-scenarios-0-growth-points-3-units", "50000").await;
    settled().await;
    assert_eq!(growth()["points"][3]["units"], 50000.0);
    assert!(
        text(c, "scenario-outcome").contains("50\u{202F}000 in Dec 2027 (month 12)"),
        "{}",
        text(c, "scenario-outcome")
    );
    assert_ne!(text(c, "total-cost"), cost_before, "the results follow");

    type_into(c, "f-scenarios-0-growth-points-4-month", "3").await;
    settled().await;
    let error = error_next_to(c, "f-scenarios-0-growth-points-4-month").unwrap_or_default();
    assert_eq!(error, "Month 3 has two milestones: keep one");
    assert!(find(c, "stale").is_some());
}

#[wasm_bindgen_test]
async fn typing_in_a_row_keeps_the_other_rows_and_the_focus() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    click(c, "growth-milestones");
    settled().await;
    let first = find(c, "f-scenarios-0-growth-points-0-units").unwrap();
    let second = find(c, "f-scenarios-0-growth-points-1-units").unwrap();
    second.focus().unwrap();
    for text in ["1", "12", "123", "1234"] {
        type_into(c, "f-scenarios-0-growth-points-1-units", text).await;
    }
    settled().await;
    assert_eq!(growth()["points"][1]["units"], 1234.0);
    let document = web_sys::window().unwrap().document().unwrap();
    let active = document.active_element().unwrap();
    assert!(active.is_same_node(Some(&second)), "focus stays in the row");
    let first_now = find(c, "f-scenarios-0-growth-points-0-units").unwrap();
    assert!(
        first_now.is_same_node(Some(&first)),
        "other rows are not rebuilt"
    );
    let second_now = find(c, "f-scenarios-0-growth-points-1-units").unwrap();
    assert!(second_now.is_same_node(Some(&second)));
}

#[wasm_bindgen_test]
async fn seasons_come_from_presets_or_by_hand_with_checked_days() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "scenarios").await;
    assert!(text(c, "preset-0").contains("Black Friday (Nov 20–30 ×3)"));
    click(c, "preset-0");
    settled().await;
    let effect = saved_plan()["plan"]["scenarios"][0]["calendar"][0].clone();
    assert_eq!(effect["name"], "Black Friday");
    assert_eq!(effect["from"], "11-20");
    assert_eq!(effect["to"], "11-30");
    assert_eq!(effect["multiplier"], 3.0);
    assert!(is_disabled(c, "preset-0"), "a preset is added once");

    click(c, "add-effect");
    settled().await;
    type_into(c, "f-scenarios-0-calendar-1-from", "13-01").await;
    assert_eq!(
        error_next_to(c, "f-scenarios-0-calendar-1-from").as_deref(),
        Some("From must be a day of the year written MM-DD, such as 11-20")
    );
    assert_eq!(
        saved_plan()["plan"]["scenarios"][0]["calendar"][1]["from"],
        "06-01"
    );
    type_into(c, "f-scenarios-0-calendar-1-from", "12-20").await;
    type_into(c, "f-scenarios-0-calendar-1-year", "2027").await;
    settled().await;
    assert!(error_next_to(c, "f-scenarios-0-calendar-1-from").is_none());
    let effect = saved_plan()["plan"]["scenarios"][0]["calendar"][1].clone();
    assert_eq!(effect["from"], "12-20");
    assert_eq!(effect["year"], 2027);
    type_into(c, "f-scenarios-0-calendar-1-year", "").await;
    settled().await;
    assert!(saved_plan()["plan"]["scenarios"][0]["calendar"][1]["year"].is_null());
}

#[wasm_bindgen_test]
async fn a_bad_catalog_price_is_flagged_next_to_its_cell_and_keeps_the_results() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "catalogs").await;
    let instances = text(c, "app-instances");
    let cost = text(c, "total-cost");
    let entry = find(c, "entry-instances-2").unwrap();
    assert!(
        !entry.has_attribute("open") && !js_open(&entry),
        "entries start folded"
    );

    type_into(c, "f-catalogs-instances-2-usd_per_month", "-5").await;
    settled().await;
    assert_eq!(
        error_next_to(c, "f-catalogs-instances-2-usd_per_month").as_deref(),
        Some("Price must be at least 0 per month")
    );
    assert!(js_open(&entry), "the entry opens to show its problem");
    assert!(find(c, "stale").is_some(), "results are marked stale");
    assert_eq!(text(c, "app-instances"), instances, "and stay on screen");
    assert_eq!(text(c, "total-cost"), cost);
    // The starting plan is saved once the page is idle; the bad value must not be in it.
    idle().await;
    assert_eq!(
        saved_plan()["plan"]["catalogs"]["instances"][2]["usd_per_month"],
        59.6,
        "a bad value never reaches the plan"
    );

    type_into(c, "f-catalogs-instances-2-usd_per_month", "100").await;
    settled().await;
    assert!(error_next_to(c, "f-catalogs-instances-2-usd_per_month").is_none());
    assert!(find(c, "stale").is_none());
    assert_ne!(text(c, "total-cost"), cost, "the new price is used");
}

fn js_open(entry: &HtmlElement) -> bool {
    js_sys::Reflect::get(entry, &"open".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[wasm_bindgen_test]
async fn catalog_names_must_differ_and_renames_carry_references() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "catalogs").await;
    type_into(c, "f-catalogs-instances-1-name", "t4g.medium").await;
    settled().await;
    assert_eq!(
        error_next_to(c, "f-catalogs-instances-1-name").as_deref(),
        Some("An instance type's name \"t4g.medium\" is used twice: names must differ")
    );
    // The app runs on m7g.large (entry 2): renaming it takes the policy along.
    type_into(c, "f-catalogs-instances-2-name", "web").await;
    settled().await;
    assert_eq!(saved_plan()["plan"]["policies"]["app_instance"], "web");
    assert!(text(c, "entry-instances-2").contains("used as the app's instance type"));
}

#[wasm_bindgen_test]
async fn catalog_rows_are_added_removed_and_reset() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    open_tab(c, "catalogs").await;
    let count = |c: &HtmlElement| {
        let _ = c;
        saved_plan()["plan"]["catalogs"]["gpu_nodes"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = count(c);
    click(c, "add-gpu_nodes");
    settled().await;
    assert_eq!(count(c), before + 1);
    assert_eq!(
        saved_plan()["plan"]["catalogs"]["gpu_nodes"][before]["name"],
        "New GPU node type"
    );
    click(c, &format!("remove-gpu_nodes-{before}"));
    settled().await;
    assert_eq!(count(c), before);
    assert!(text(c, "catalog-note").contains("Removed “New GPU node type”."));

    type_into(c, "f-catalogs-gpu_nodes-0-usd_per_month", "1").await;
    settled().await;
    click(c, "reset-gpu_nodes");
    settled().await;
    assert_ne!(
        saved_plan()["plan"]["catalogs"]["gpu_nodes"][0]["usd_per_month"],
        1.0
    );
    assert!(text(c, "catalog-note").contains("GPU node types reset to the defaults."));
    assert_ne!(input_value(c, "f-catalogs-gpu_nodes-0-usd_per_month"), "1");
    click(c, "catalog-note-undo");
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["catalogs"]["gpu_nodes"][0]["usd_per_month"],
        1.0,
        "reset is undoable"
    );
}

#[wasm_bindgen_test]
async fn the_price_date_is_shown_and_editable() {
    let app = mount_fresh();
    let c = &app.container;
    open_tab(c, "catalogs").await;
    assert_eq!(input_value(c, "f-catalogs-priced_on"), "2026-11-01");
    type_into(c, "f-catalogs-priced_on", "2027-02-15").await;
    settled().await;
    assert_eq!(saved_plan()["plan"]["catalogs"]["priced_on"], "2027-02-15");
}

#[wasm_bindgen_test]
async fn other_cost_lines_are_added_priced_and_removed() {
    let app = mount_fresh();
    let c = &app.container;
    settled().await;
    let cost = text(c, "total-cost");
    click(c, "add-cost-line");
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["baseline"]["other_costs"][0]["name"],
        "Monitoring"
    );
    type_into(c, "f-baseline-other_costs-0-fixed_usd_per_month", "500").await;
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["baseline"]["other_costs"][0]["fixed_usd_per_month"],
        500.0
    );
    assert_ne!(text(c, "total-cost"), cost);
    // The per-unit amount names the demand unit.
    let per_unit = find(c, "f-baseline-other_costs-0-per_unit_usd_per_month")
        .unwrap()
        .closest(".field")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        per_unit.contains("Per user") && per_unit.contains("USD/month"),
        "{per_unit}"
    );
    click(c, "remove-cost-line-0");
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["baseline"]["other_costs"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(text(c, "total-cost"), cost);
}

#[wasm_bindgen_test]
async fn a_removed_cost_line_takes_its_range_and_the_next_ones_keep_theirs() {
    let app = mount_fresh();
    let c = &app.container;
    settled().await;
    click(c, "add-cost-line");
    settled().await;
    click(c, "add-cost-line");
    settled().await;
    type_into(c, "f-baseline-other_costs-1-fixed_usd_per_month", "100–200").await;
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["uncertainty"]["ranges"][0]["field"],
        "baseline.other_costs[1].fixed_usd_per_month"
    );
    // The first line removed: the second, now the first, keeps its range.
    click(c, "remove-cost-line-0");
    settled().await;
    assert_eq!(
        saved_plan()["plan"]["uncertainty"]["ranges"][0]["field"],
        "baseline.other_costs[0].fixed_usd_per_month"
    );
    assert_eq!(
        input_value(c, "f-baseline-other_costs-0-fixed_usd_per_month"),
        "100–200"
    );
    // And removed itself, its range goes, and with it the plan's uncertainty section.
    click(c, "remove-cost-line-0");
    settled().await;
    assert!(saved_plan()["plan"].get("uncertainty").is_none());
}

#[wasm_bindgen_test]
async fn the_traffic_shape_switches_its_fields_and_keeps_daily_requests() {
    let app = mount_fresh();
    let c = &app.container;
    idle().await;
    let daily = "f-baseline-traffic-requests_per_unit_per_day";
    type_into(c, daily, "250").await;
    assert!(find(c, "f-baseline-traffic-peak-ratio").is_some());
    choose(c, "f-baseline-traffic", "daily_share");
    settled().await;
    assert_eq!(input_value(c, daily), "250", "daily requests kept");
    assert_eq!(input_value(c, "f-baseline-traffic-peak-share_pct"), "12");
    assert!(find(c, "f-baseline-traffic-peak-ratio").is_none());
    choose(c, "f-baseline-traffic", "peak_rate");
    settled().await;
    assert_eq!(input_value(c, "f-baseline-traffic-peak_rps"), "50");
    assert!(find(c, daily).is_none());
    choose(c, "f-baseline-traffic", "daily_ratio");
    settled().await;
    assert_eq!(
        input_value(c, daily),
        "100",
        "a measured peak has no daily requests to keep"
    );
    assert_eq!(input_value(c, "f-baseline-traffic-peak-ratio"), "3");
}
