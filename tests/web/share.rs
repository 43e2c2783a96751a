//! Sharing: opening the page from a link (damaged, different from the saved plan, read-only),
//! the saved plan kept safe throughout, and the share menu's links and keyboard behaviour.

use crate::support::*;
use headroom_core::codec::library::{self, Kind, Library};
use headroom_core::codec::link::{Mode, Selection};
use headroom_core::codec::share;
use headroom_core::plan::Plan;
use wasm_bindgen_test::*;

const PLAN_KEY: &str = "headroom.plan";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn stored(key: &str) -> Option<Plan> {
    let text = storage().get_item(key).unwrap()?;
    Some(headroom_core::codec::plan_file::import_json(&text).expect("a stored plan file"))
}

/// The plans kept in My plans, newest first, as `(kind, plan)` (`None` when unreadable).
fn kept() -> Vec<(Kind, Option<Plan>)> {
    let Some(index) = storage().get_item(library::INDEX_KEY).unwrap() else {
        return Vec::new();
    };
    Library::parse(&index)
        .expect("a readable index")
        .entries()
        .iter()
        .map(|e| {
            let text = storage().get_item(&library::entry_key(e.id)).unwrap();
            let plan = text.and_then(|t| headroom_core::codec::plan_file::import_json(&t).ok());
            (e.kind, plan)
        })
        .collect()
}

fn plan_named(name: &str, units: f64) -> Plan {
    let mut plan = Plan {
        name: name.to_owned(),
        ..Plan::default()
    };
    plan.baseline.units = units;
    plan
}

/// Sets the address's fragment (`"#plan=…"`, or `""` for none) the way opening a link does,
/// without a `hashchange` event.
fn set_fragment(fragment: &str) {
    let window = web_sys::window().unwrap();
    let location = window.location();
    let url = format!(
        "{}{}{fragment}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

/// A keydown of `key` that bubbles, as a person pressing it.
fn key_down(key: &str) -> web_sys::Event {
    let window = web_sys::window().unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"KeyboardEvent".into())
        .unwrap()
        .unchecked_into();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"keydown".into(), &init))
        .unwrap()
        .unchecked_into()
}

fn hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

/// An app mounted after `saved` (if any) is autosaved and the address holds `fragment`.
struct Page {
    app: Mounted,
}

impl std::ops::Deref for Page {
    type Target = Mounted;
    fn deref(&self) -> &Mounted {
        &self.app
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        set_fragment("");
        storage().clear().unwrap();
    }
}

fn open_page(saved: Option<&Plan>, fragment: &str) -> Page {
    storage().clear().unwrap();
    if let Some(plan) = saved {
        let text = String::from_utf8(share::plan_json(plan)).unwrap();
        storage().set_item(PLAN_KEY, &text).unwrap();
    }
    set_fragment(fragment);
    Page { app: mount_app() }
}

#[wasm_bindgen_test]
async fn a_damaged_link_says_why_and_leaves_the_saved_plan_alone() {
    let mine = plan_named("Mine", 1234.0);
    let fragment = share::fragment(&plan_named("Theirs", 5.0), Mode::Edit);
    let damaged = format!("{}x", &fragment[..fragment.len() - 20]);
    let page = open_page(Some(&mine), &damaged);
    let c = &page.container;
    settled().await;
    let message = text(c, "link-error");
    assert!(
        message.contains("This link could not be opened"),
        "{message}"
    );
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains("Your own plan is unchanged"), "{message}");
    assert_eq!(input_value(c, "f-name"), "Mine");
    assert_eq!(input_value(c, "f-baseline-units"), "1234");
    assert_eq!(stored(PLAN_KEY), Some(mine));
    assert_eq!(
        hash(),
        "",
        "the fragment is cleared so a reload does not retry"
    );
}

#[wasm_bindgen_test]
async fn a_link_opens_at_once_when_nothing_is_saved() {
    let theirs = plan_named("Theirs", 4321.0);
    let page = open_page(None, &share::fragment(&theirs, Mode::Edit));
    let c = &page.container;
    settled().await;
    idle().await;
    assert_eq!(input_value(c, "f-name"), "Theirs");
    assert!(text(c, "share-notice").contains("Opened “Theirs” from the link."));
    assert_eq!(stored(PLAN_KEY), Some(theirs));
    assert_eq!(hash(), "");
}

#[wasm_bindgen_test]
async fn a_link_to_another_plan_asks_and_keep_mine_changes_nothing() {
    let mine = plan_named("Mine", 1234.0);
    let page = open_page(
        Some(&mine),
        &share::fragment(&plan_named("Theirs", 5.0), Mode::Edit),
    );
    let c = &page.container;
    settled().await;
    let prompt = text(c, "link-prompt");
    assert!(
        prompt.contains("“Theirs”") && prompt.contains("“Mine”"),
        "{prompt}"
    );
    assert_eq!(
        input_value(c, "f-name"),
        "Mine",
        "nothing replaced before the answer"
    );
    assert_eq!(stored(PLAN_KEY), Some(mine.clone()));
    click(c, "keep-mine");
    settled().await;
    assert!(find(c, "link-prompt").is_none());
    assert_eq!(input_value(c, "f-name"), "Mine");
    assert_eq!(stored(PLAN_KEY), Some(mine));
    assert_eq!(kept(), vec![]);
    assert_eq!(hash(), "");
}

#[wasm_bindgen_test]
async fn opening_the_linked_plan_keeps_mine_aside_and_restores_it() {
    let mine = plan_named("Mine", 1234.0);
    let theirs = plan_named("Theirs", 5.0);
    let page = open_page(Some(&mine), &share::fragment(&theirs, Mode::Edit));
    let c = &page.container;
    settled().await;
    click(c, "open-linked");
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Theirs");
    assert_eq!(stored(PLAN_KEY), Some(theirs.clone()));
    assert_eq!(kept(), vec![(Kind::Aside, Some(mine.clone()))]);
    assert!(text(c, "share-notice").contains("Your plan “Mine” is kept in My plans"));
    click(c, "restore-aside-banner");
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Mine");
    assert_eq!(stored(PLAN_KEY), Some(mine));
    assert_eq!(
        kept(),
        vec![(Kind::Aside, Some(theirs))],
        "the swap loses neither plan"
    );
}

#[wasm_bindgen_test]
async fn a_read_only_link_shows_results_saves_nothing_and_makes_a_copy_on_request() {
    let mine = plan_named("Mine", 1234.0);
    let name = "<script>window.pwned = 1</script><b>Theirs</b>";
    let theirs = plan_named(name, 5000.0);
    let page = open_page(Some(&mine), &share::fragment(&theirs, Mode::View));
    let c = &page.container;
    settled().await;
    idle().await;
    assert!(find(c, "read-only-view").is_some());
    assert!(find(c, "f-baseline-units").is_none(), "inputs are hidden");
    assert!(find(c, "share-menu").is_none(), "no editing toolbar");
    assert!(find(c, "app-instances").is_some(), "results are shown");
    // The name is text, not markup.
    assert_eq!(text(c, "plan-name"), name);
    assert!(c.query_selector("script, b").unwrap().is_none());
    assert_eq!(stored(PLAN_KEY), Some(mine.clone()), "a view saves nothing");
    assert!(
        hash().starts_with("#view=v2."),
        "a reload shows the view again"
    );

    click(c, "make-copy");
    settled().await;
    assert!(text(c, "copy-prompt").contains("“Mine”"));
    assert_eq!(
        stored(PLAN_KEY),
        Some(mine.clone()),
        "asked before replacing"
    );
    click(c, "confirm-copy");
    settled().await;
    assert!(find(c, "read-only-view").is_none());
    assert_eq!(input_value(c, "f-name"), name);
    assert_eq!(stored(PLAN_KEY), Some(theirs));
    assert_eq!(kept(), vec![(Kind::Aside, Some(mine))]);
    assert_eq!(hash(), "");
}

#[wasm_bindgen_test]
async fn leaving_a_read_only_view_goes_back_to_the_saved_plan() {
    let mine = plan_named("Mine", 1234.0);
    let page = open_page(
        Some(&mine),
        &share::fragment(&plan_named("Theirs", 5.0), Mode::View),
    );
    let c = &page.container;
    settled().await;
    click(c, "leave-view");
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Mine");
    assert_eq!(stored(PLAN_KEY), Some(mine));
    assert_eq!(hash(), "");
}

#[wasm_bindgen_test]
async fn the_share_menu_builds_links_of_the_current_plan_and_closes_with_escape() {
    let mine = plan_named("Mine", 1234.0);
    let page = open_page(Some(&mine), "");
    let c = &page.container;
    settled().await;
    assert!(find(c, "share-panel").is_none());
    let toggle = find(c, "share-menu").unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.click();
    settled().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    click(c, "copy-view-link");
    settled().await;
    let link = input_value(c, "share-link");
    assert!(link.contains("#view=v2."), "{link}");
    let opened = share::open(&link).unwrap();
    assert_eq!(opened.plan.plan(), &mine);
    assert_eq!(opened.mode, Mode::View);
    // Escape closes the panel and gives the focus back to the toggle.
    let panel = find(c, "share-panel").unwrap();
    panel.dispatch_event(&key_down("Escape")).unwrap();
    settled().await;
    assert!(find(c, "share-panel").is_none());
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("share-menu"));
}

#[wasm_bindgen_test]
async fn exports_wait_for_a_valid_plan() {
    let page = open_page(Some(&plan_named("Mine", 1234.0)), "");
    let c = &page.container;
    settled().await;
    type_into(c, "f-baseline-units", "-5").await;
    click(c, "share-menu");
    settled().await;
    assert!(text(c, "share-blocked").contains("Fix the highlighted fields first"));
    click(c, "copy-link");
    settled().await;
    assert!(
        find(c, "share-link").is_none(),
        "no link of an invalid plan"
    );
    assert!(text(c, "share-status").contains("Fix the highlighted fields first"));
}

/// A `storage` event as another tab's save raises it in this one.
fn storage_event(key: &str, new_value: &str) -> web_sys::Event {
    let window = web_sys::window().unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"StorageEvent".into())
        .unwrap()
        .unchecked_into();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"newValue".into(), &new_value.into()).unwrap();
    js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"storage".into(), &init))
        .unwrap()
        .unchecked_into()
}

/// Makes every storage write throw as a full storage does, until [`storage_accepts_writes`].
fn storage_refuses_writes() {
    js_sys::Function::new_no_args(
        "Storage.prototype.__setItem = Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { \
           throw new DOMException('full', 'QuotaExceededError'); };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn storage_accepts_writes() {
    js_sys::Function::new_no_args(
        "if (Storage.prototype.__setItem) { \
           Storage.prototype.setItem = Storage.prototype.__setItem; \
           delete Storage.prototype.__setItem; }",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

#[wasm_bindgen_test]
async fn a_second_link_keeps_a_second_plan_aside_instead_of_replacing_the_first() {
    let mine = plan_named("Mine", 1234.0);
    let theirs = plan_named("Theirs", 5.0);
    let third = plan_named("Third", 7.0);
    let page = open_page(Some(&mine), &share::fragment(&theirs, Mode::Edit));
    let c = &page.container;
    settled().await;
    click(c, "open-linked");
    settled().await;
    set_fragment(&share::fragment(&third, Mode::Edit));
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("hashchange").unwrap())
        .unwrap();
    settled().await;
    click(c, "open-linked");
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Third");
    assert_eq!(
        kept(),
        vec![(Kind::Aside, Some(theirs)), (Kind::Aside, Some(mine))],
        "each plan a link replaced has its own entry"
    );
}

#[wasm_bindgen_test]
async fn another_tabs_save_of_the_plan_is_followed_and_said() {
    let mine = plan_named("Mine", 1234.0);
    let page = open_page(Some(&mine), "");
    let c = &page.container;
    settled().await;
    let newer = plan_named("Mine, edited in another tab", 99.0);
    let text = String::from_utf8(share::plan_json(&newer)).unwrap();
    // The other tab wrote it; this one hears of it.
    storage().set_item(PLAN_KEY, &text).unwrap();
    web_sys::window()
        .unwrap()
        .dispatch_event(&storage_event(PLAN_KEY, &text))
        .unwrap();
    // The other tab saves again right away: its newer save stays stored, and is followed when
    // its event arrives.
    let newest = plan_named("Mine, edited again", 98.0);
    let newest_text = String::from_utf8(share::plan_json(&newest)).unwrap();
    storage().set_item(PLAN_KEY, &newest_text).unwrap();
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Mine, edited in another tab");
    assert_eq!(input_value(c, "f-baseline-units"), "99");
    assert!(text_of_notice(c).contains("Another tab changed this plan"));
    assert_eq!(stored(PLAN_KEY), Some(newest));
    // Its event arrives: followed too.
    web_sys::window()
        .unwrap()
        .dispatch_event(&storage_event(PLAN_KEY, &newest_text))
        .unwrap();
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Mine, edited again");
}

/// The saves that run outside any effect (the first save on a timer, a link's plan opened
/// from a click, another tab's save heard) read whether the page autosaves untracked: a
/// tracked read there is one no effect would follow, which this (debug) build warns of.
#[wasm_bindgen_test]
async fn saves_outside_an_effect_read_no_signal_tracked() {
    let mine = plan_named("Mine", 1234.0);
    let theirs = plan_named("Theirs", 5.0);
    let page = open_page(Some(&mine), &share::fragment(&theirs, Mode::Edit));
    let c = &page.container;
    settled().await;
    idle().await;
    click(c, "open-linked");
    settled().await;
    assert_eq!(stored(PLAN_KEY), Some(theirs));
    let newer = String::from_utf8(share::plan_json(&plan_named("Elsewhere", 7.0))).unwrap();
    storage().set_item(PLAN_KEY, &newer).unwrap();
    web_sys::window()
        .unwrap()
        .dispatch_event(&storage_event(PLAN_KEY, &newer))
        .unwrap();
    settled().await;
    assert_eq!(input_value(c, "f-name"), "Elsewhere");
    idle().await;
    assert_eq!(untracked_reads(), Vec::<String>::new());
}

fn text_of_notice(c: &web_sys::HtmlElement) -> String {
    text(c, "share-notice")
}

#[wasm_bindgen_test]
async fn a_refused_save_is_said_at_once_and_cleared_when_saving_works_again() {
    let mine = plan_named("Mine", 1234.0);
    let page = open_page(Some(&mine), "");
    let c = &page.container;
    settled().await;
    assert!(find(c, "save-problem").is_none());
    storage_refuses_writes();
    type_into(c, "f-baseline-units", "2000").await;
    let alert = find(c, "save-problem").map(|e| e.text_content().unwrap_or_default());
    storage_accepts_writes();
    let alert = alert.expect("the failed save is on screen");
    assert!(alert.contains("not saved"), "{alert}");
    assert!(alert.contains("storage is full"), "{alert}");
    assert_eq!(
        stored(PLAN_KEY),
        Some(mine),
        "the stored plan is the last one saved"
    );
    assert_eq!(
        input_value(c, "f-baseline-units"),
        "2000",
        "the screen keeps the edit"
    );
    click(c, "retry-save");
    settled().await;
    assert!(find(c, "save-problem").is_none());
    assert_eq!(stored(PLAN_KEY).map(|p| p.baseline.units), Some(2000.0));
}

#[wasm_bindgen_test]
async fn a_replacement_that_cannot_keep_the_open_plan_is_refused() {
    let mine = plan_named("Mine", 1234.0);
    let theirs = plan_named("Theirs", 5.0);
    let page = open_page(Some(&mine), &share::fragment(&theirs, Mode::Edit));
    let c = &page.container;
    settled().await;
    storage_refuses_writes();
    click(c, "open-linked");
    settled().await;
    let failed = find(c, "share-failed").map(|e| e.text_content().unwrap_or_default());
    storage_accepts_writes();
    let failed = failed.expect("the refusal is said");
    assert!(failed.contains("Nothing was changed"), "{failed}");
    assert_eq!(input_value(c, "f-name"), "Mine");
    assert_eq!(stored(PLAN_KEY), Some(mine));
    assert_eq!(kept(), vec![]);
}

/// A plan with at least three scenarios over at least seven months.
fn three_scenario_plan() -> Plan {
    headroom_core::presets::TEMPLATES
        .iter()
        .map(|t| t.build())
        .find(|p| p.scenarios.len() >= 3 && p.horizon_months >= 7)
        .expect("a template with three scenarios")
}

fn radio_checked(c: &HtmlElement, test_id: &str) -> bool {
    let input: HtmlInputElement = find(c, test_id)
        .unwrap_or_else(|| panic!("no radio {test_id}"))
        .unchecked_into();
    input.checked()
}

/// The sender picks the third scenario and month 7; both links carry them, and the receiver
/// opens on them, read-only or for editing.
#[wasm_bindgen_test]
async fn a_link_opens_on_the_scenario_and_month_the_sender_had_on_show() {
    let theirs = three_scenario_plan();
    let sender = open_page(Some(&theirs), "");
    let c = &sender.container;
    settled().await;
    click(c, "scenario-2");
    type_into(c, "month-slider", "7").await;
    click(c, "share-menu");
    settled().await;
    let at = Selection {
        scenario: Some(2),
        month: Some(7),
    };
    click(c, "copy-view-link");
    settled().await;
    let view_link = input_value(c, "share-link");
    assert_eq!(share::open(&view_link).unwrap().at, at, "{view_link}");
    click(c, "copy-link");
    settled().await;
    let edit_link = input_value(c, "share-link");
    assert_eq!(share::open(&edit_link).unwrap().at, at, "{edit_link}");
    drop(sender);

    let fragment = |link: &str| link[link.find('#').unwrap()..].to_owned();
    let viewer = open_page(Some(&plan_named("Mine", 1234.0)), &fragment(&view_link));
    let c = &viewer.container;
    settled().await;
    assert!(find(c, "read-only-view").is_some());
    assert!(radio_checked(c, "scenario-2"), "the sender's scenario");
    assert!(!radio_checked(c, "scenario-0"));
    assert!(
        text(c, "month-label").contains("Month 7 of"),
        "{}",
        text(c, "month-label")
    );
    // The reader sees the plan's assumptions in words, one line per scenario.
    let assumptions = text(c, "assumptions");
    assert!(assumptions.contains("Assumptions"), "{assumptions}");
    for line in headroom_core::assumptions::assumptions(&theirs) {
        assert!(assumptions.contains(&line.label), "{assumptions}");
        assert!(assumptions.contains(&line.text), "{assumptions}");
    }
    drop(viewer);

    let editor = open_page(None, &fragment(&edit_link));
    let c = &editor.container;
    settled().await;
    assert!(find(c, "read-only-view").is_none());
    assert!(radio_checked(c, "scenario-2"), "the sender's scenario");
    assert!(text(c, "month-label").contains("Month 7 of"));
}

/// A hand-edited link with a scenario and month the plan does not have opens on the defaults
/// (a month past the horizon on the last month), with no error.
#[wasm_bindgen_test]
async fn a_link_with_out_of_range_scenario_and_month_opens_on_the_defaults() {
    let theirs = three_scenario_plan();
    let horizon = theirs.horizon_months;
    let link = format!(
        "{}&scenario=99&month=100000",
        share::fragment(&theirs, Mode::View)
    );
    let page = open_page(None, &link);
    let c = &page.container;
    settled().await;
    assert!(find(c, "read-only-view").is_some());
    assert!(find(c, "link-error").is_none());
    assert!(radio_checked(c, "scenario-0"));
    assert!(
        text(c, "month-label").contains(&format!("Month {horizon} of {horizon}")),
        "{}",
        text(c, "month-label")
    );
}
