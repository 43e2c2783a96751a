//! The results: sizing tables, explanations, the month and scenario pickers, the comparison.

use crate::support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

/// The element of `table` (a test id such as "table-demand") matching `selector`.
fn query(c: &HtmlElement, table: &str, selector: &str) -> Option<Element> {
    find(c, table)
        .unwrap_or_else(|| panic!("no {table}"))
        .query_selector(selector)
        .unwrap()
}

/// Index of the column titled `title` among a table's figure columns (the month column
/// excluded), as the cells' `data-col` numbers them.
fn column(c: &HtmlElement, table: &str, title: &str) -> usize {
    let headers = query(c, table, "thead tr")
        .expect("a header row")
        .children();
    (1..headers.length())
        .map(|i| {
            headers
                .item(i)
                .and_then(|th| th.query_selector(".col-title").unwrap())
                .and_then(|t| t.text_content())
                .unwrap_or_default()
        })
        .position(|t| t == title)
        .unwrap_or_else(|| panic!("no column {title} in {table}"))
}

/// A cell's text as shown, without the words a flag adds for screen readers.
fn cell(c: &HtmlElement, table: &str, month: u32, title: &str) -> String {
    let col = column(c, table, title);
    let td = query(
        c,
        table,
        &format!("tr[data-month='{month}'] td[data-col='{col}']"),
    )
    .unwrap_or_else(|| panic!("no cell {title} of month {month}"));
    let mut text = td.text_content().unwrap_or_default();
    if let Some(hidden) = td.query_selector(".visually-hidden").unwrap() {
        text = text.replace(&hidden.text_content().unwrap_or_default(), "");
    }
    text
}

/// Dispatches a bubbling `keydown` of `key` at `element`, as a key press would.
fn press(element: &HtmlElement, key: &str) {
    let dispatch = js_sys::Function::new_with_args(
        "element, key",
        "element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    dispatch
        .call2(&wasm_bindgen::JsValue::NULL, element, &key.into())
        .unwrap();
}

fn selected_month(c: &HtmlElement) -> String {
    c.query_selector("tr.selected")
        .unwrap()
        .expect("a selected row")
        .get_attribute("data-month")
        .unwrap_or_default()
}

async fn load_template(c: &HtmlElement, id: &str) {
    let select: web_sys::HtmlSelectElement = find(c, "template").unwrap().unchecked_into();
    select.set_value(id);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    click(c, "load-template");
    tick().await;
    settled().await;
}

#[wasm_bindgen_test]
async fn tables_show_the_default_plans_figures() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    // 1 000 users × 1.04 = 1 040 in month 1; 1 040 × 200 req/day ÷ 86 400 s × 3 = 7.22 req/s;
    // ⌈7.22 ÷ (50 × 70 %)⌉ = 1, below the minimum of 2.
    assert_eq!(cell(c, "table-demand", 1, "Units"), "1\u{202F}040");
    assert_eq!(cell(c, "table-demand", 1, "Peak"), "7.22");
    assert_eq!(cell(c, "table-demand", 1, "App instances"), "2");
    assert_eq!(cell(c, "table-demand", 1, "Binds"), "minimum");
    // 1 000 × 1.04¹² = 1 601 users in month 12.
    assert_eq!(cell(c, "table-demand", 12, "Units"), "1\u{202F}601");
    // Units are in the headers.
    let peak_header = query(c, "table-demand", "thead th:nth-child(3)").unwrap();
    assert!(peak_header.text_content().unwrap().contains("req/s"));
    // Twelve months, the last one selected.
    assert_eq!(
        query(c, "table-demand", "tbody")
            .unwrap()
            .children()
            .length(),
        12
    );
    assert_eq!(selected_month(c), "12");
    // Costs carry the catalog's price date.
    click(c, "table-tab-cost");
    tick().await;
    assert_eq!(cell(c, "table-cost", 1, "App instances"), "$119");
    assert_eq!(
        text(c, "table-note-cost"),
        "USD/month, prices of 1 Nov 2026"
    );
    assert!(text(c, "summary-cards").contains("prices of 1 Nov 2026"));
}

#[wasm_bindgen_test]
async fn changing_an_input_changes_the_cells() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    let rows_before = find(c, "table-demand")
        .unwrap()
        .query_selector("tr[data-month='1']")
        .unwrap()
        .unwrap();
    type_into(c, "f-baseline-units", "20000").await;
    tick().await;
    // 20 000 × 1.04 = 20 800 users; × 200 ÷ 86 400 × 3 = 144.44 req/s; ⌈144.44 ÷ 35⌉ = 5.
    assert_eq!(cell(c, "table-demand", 1, "Units"), "20\u{202F}800");
    assert_eq!(cell(c, "table-demand", 1, "Peak"), "144.44");
    assert_eq!(cell(c, "table-demand", 1, "App instances"), "5");
    assert_eq!(cell(c, "table-demand", 1, "Binds"), "CPU target");
    // The row was updated in place, not rebuilt.
    let rows_after = find(c, "table-demand")
        .unwrap()
        .query_selector("tr[data-month='1']")
        .unwrap()
        .unwrap();
    assert!(rows_before.is_same_node(Some(&rows_after)));
    // Half-typed input keeps the last results, marked stale.
    type_into(c, "f-baseline-units", "20 0x").await;
    tick().await;
    assert!(find(c, "stale").is_some());
    assert_eq!(cell(c, "table-demand", 1, "Units"), "20\u{202F}800");
}

#[wasm_bindgen_test]
async fn focusing_a_figure_shows_its_explanation() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    assert!(text(c, "explain-table").contains("Hover, focus or tap"));
    let col = column(c, "table-demand", "App instances");
    let td: HtmlElement = query(
        c,
        "table-demand",
        &format!("tr[data-month='12'] td[data-col='{col}']"),
    )
    .unwrap()
    .unchecked_into();
    assert_eq!(
        td.get_attribute("tabindex").as_deref(),
        Some("0"),
        "the selected month is in the tab order"
    );
    assert_eq!(
        td.get_attribute("aria-describedby").as_deref(),
        Some("explain-table")
    );
    td.focus().unwrap();
    tick().await;
    let panel = text(c, "explain-table");
    assert!(
        panel.contains("App instances · month 12 (Dec 2027) · Steady"),
        "{panel}"
    );
    assert!(panel.contains("2 × m7g.large"), "{panel}");
    assert!(panel.contains("the HA minimum binds"), "{panel}");
    // The arrow keys move to the month before, which becomes the selected month.
    press(&td, "ArrowUp");
    tick().await;
    assert_eq!(selected_month(c), "11");
    assert!(text(c, "explain-table").contains("month 11 (Nov 2027)"));
    // A summary card explains itself when focused.
    find(c, "app-instances").unwrap().focus().unwrap();
    tick().await;
    assert!(text(c, "explain-cards").contains("2 × m7g.large"));
}

#[wasm_bindgen_test]
async fn the_month_picker_moves_the_selection() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    assert!(text(c, "month-label").contains("Dec 2027"));
    click(c, "month-prev");
    tick().await;
    assert_eq!(selected_month(c), "11");
    assert!(text(c, "month-label").contains("Nov 2027"));
    assert!(text(c, "month-label").contains("Month 11 of 12"));
    type_into(c, "month-slider", "3").await;
    tick().await;
    assert_eq!(selected_month(c), "3");
    assert!(text(c, "month-label").contains("Mar 2027"));
    // The cards follow: 1 000 × 1.04³ = 1 125 users.
    assert_eq!(text(c, "units"), "1\u{202F}125");
    click(c, "month-next");
    tick().await;
    assert_eq!(selected_month(c), "4");
    assert!(find(c, "month-next")
        .unwrap()
        .get_attribute("disabled")
        .is_none());
    type_into(c, "month-slider", "12").await;
    assert!(find(c, "month-next").unwrap().has_attribute("disabled"));
    // Clicking a row selects its month.
    let row: HtmlElement = query(c, "table-demand", "tr[data-month='7'] th")
        .unwrap()
        .unchecked_into();
    row.click();
    tick().await;
    assert_eq!(selected_month(c), "7");
    assert!(text(c, "month-label").contains("Jul 2027"));
}

#[wasm_bindgen_test]
async fn scenarios_compare_with_break_points() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    assert!(
        find(c, "compare-table").is_none(),
        "one scenario has nothing to compare"
    );
    load_template(c, "supabase-redis").await;
    // Compare against Moderate in month 7: Aggressive needs Team, Moderate stays on Pro+.
    click(c, "scenario-1");
    type_into(c, "month-slider", "7").await;
    tick().await;
    let table = text(c, "compare-table");
    assert!(
        table.contains("Team") && table.contains("1 tier larger"),
        "{table}"
    );
    let sentences = text(c, "break-sentences");
    assert!(
        sentences
            .contains("Aggressive needs 4 GB single node 1 month before Moderate (month 2 vs 3)"),
        "{sentences}"
    );
    assert!(sentences.contains(
        "Aggressive needs Team in month 6; Moderate does not need Team within the 12-month horizon"
    ));
    // The tables follow the scenario: Moderate's database in month 1 is Pro+, an upgrade.
    click(c, "table-tab-database");
    tick().await;
    assert_eq!(cell(c, "table-database", 1, "Tier"), "Pro+");
    let tier = query(c, "table-database", "tr[data-month='1'] td.flag-upgrade").unwrap();
    assert!(tier.text_content().unwrap().contains("upgrade this month"));
    // The timeline names the upgrades.
    assert!(text(c, "timeline").contains("Redis 2 GB single node → 4 GB single node"));
}

#[wasm_bindgen_test]
async fn a_long_name_in_a_card_wraps_at_its_dots() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    // The blank plan's Redis node: a name with dots, then a size with a decimal point.
    let card = find(c, "redis-plan").expect("the Redis card");
    assert_eq!(text(c, "redis-plan"), "cache.t4g.micro (0.5 GB)");
    // A break opportunity after each dot of the name, none after the decimal point.
    assert_eq!(card.inner_html().matches("<wbr>").count(), 2);
    // Numbers stay plain text.
    let units = find(c, "units").expect("the units card");
    assert!(!units.inner_html().contains("<wbr>"));
}

/// A keystroke's own frame shows the field only; the summary follows once that frame is
/// painted, and the panels below the fold (here the demand chart's legend for the selected
/// month) once the summary's frame is painted.
#[wasm_bindgen_test]
async fn typing_shows_the_field_then_the_summary_then_the_charts() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    let units_before = text(c, "units");
    let legend_before = text(c, "chart-demand-legend");
    enter(c, "f-baseline-units", "20000");
    tick().await;
    assert_eq!(
        text(c, "units"),
        units_before,
        "the keystroke's frame shows the field only"
    );
    painted().await;
    assert_ne!(
        text(c, "units"),
        units_before,
        "the summary follows once the keystroke's frame is painted"
    );
    assert_eq!(
        text(c, "chart-demand-legend"),
        legend_before,
        "the charts wait for the summary's frame"
    );
    let peak_now = text(c, "peak");
    painted().await;
    let legend_now = text(c, "chart-demand-legend");
    assert_ne!(
        legend_now, legend_before,
        "the charts follow once the summary's frame is painted"
    );
    assert!(
        legend_now.contains(&peak_now),
        "the chart and the summary agree on the month's peak: {legend_now} / {peak_now}"
    );
}

/// Several keystrokes before a frame show the last one's results once the frame is painted;
/// undo right after typing shows its results at once.
#[wasm_bindgen_test]
async fn keystrokes_within_a_frame_show_the_last_ones_results_and_undo_at_once() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    let units_before = text(c, "units");
    enter(c, "f-baseline-units", "2");
    enter(c, "f-baseline-units", "20");
    enter(c, "f-baseline-units", "200");
    tick().await;
    assert_eq!(text(c, "units"), units_before);
    painted().await;
    let typed = text(c, "units");
    assert_ne!(typed, units_before);
    type_into(c, "f-baseline-units", "20000").await;
    let big = text(c, "units");
    assert_ne!(big, typed);
    // Typing again, then undo before the frame: the plan before the typing (one undo step,
    // typed within a second) and its results show at once.
    enter(c, "f-baseline-units", "30000");
    tick().await;
    assert_eq!(text(c, "units"), big);
    click(c, "undo");
    tick().await;
    assert_eq!(
        text(c, "units"),
        units_before,
        "undo shows the plan before the typing at once"
    );
}

/// The comparison's "Units" figure for `scenario`, as shown.
fn compared_units(c: &HtmlElement, scenario: usize) -> String {
    let title = text_of(query(c, "compare-table", "tbody tr th .col-title"));
    assert_eq!(title, "Units", "the comparison's first row");
    text_of(query(
        c,
        "compare-table",
        &format!("td[data-row='0'][data-scenario='{scenario}'] .value"),
    ))
}

fn text_of(element: Option<Element>) -> String {
    element
        .and_then(|e| e.text_content())
        .unwrap_or_else(|| panic!("no such element"))
}

/// A keystroke computes the scenario on show once its frame is painted, and the other
/// scenarios once that frame is painted; picking another scenario before then computes that one at once.
#[wasm_bindgen_test]
async fn other_scenarios_follow_the_frame_and_a_picked_one_is_computed_at_once() {
    let app = mount_fresh();
    let c = &app.container;
    load_template(c, "supabase-redis").await;
    click(c, "scenario-0");
    settled().await;
    let aggressive_before = compared_units(c, 2);
    enter(c, "f-baseline-units", "20000");
    painted().await;
    let shown_now = text(c, "units");
    assert_eq!(
        compared_units(c, 2),
        aggressive_before,
        "the comparison waits for the frame"
    );
    // Picked before the frame: the summary shows the picked scenario for the new baseline.
    click(c, "scenario-2");
    tick().await;
    let aggressive_now = text(c, "units");
    assert_ne!(
        aggressive_now, shown_now,
        "another scenario, another figure"
    );
    settled().await;
    assert_eq!(
        text(c, "units"),
        aggressive_now,
        "nothing changes after the frame"
    );
    assert_eq!(compared_units(c, 2), aggressive_now);
    assert_eq!(compared_units(c, 0), shown_now);
    assert_ne!(aggressive_now, aggressive_before);
}

/// An edit that moves an upgrade to another month rewrites its timeline entry in place: the
/// element stays (a focused entry keeps the focus), its month changes.
#[wasm_bindgen_test]
async fn a_timeline_entry_moved_by_an_edit_keeps_its_element() {
    let app = mount_fresh();
    let c = &app.container;
    load_template(c, "supabase-redis").await;
    click(c, "scenario-2");
    settled().await;
    let month_of = |e: &Element| {
        e.query_selector(".month-number")
            .unwrap()
            .and_then(|m| m.text_content())
            .unwrap_or_default()
    };
    // The first upgrade after month 1 (less demand moves it later).
    let list = query(c, "timeline", "ol.events").expect("the timeline's list");
    let entry = std::iter::successors(list.first_element_child(), Element::next_element_sibling)
        .find(|e| month_of(e) != "Month 1")
        .expect("the aggressive scenario has upgrades after month 1");
    let before = month_of(&entry);
    let units: f64 = input_value(c, "f-baseline-units").parse().unwrap();
    type_into(c, "f-baseline-units", &format!("{}", (units * 0.8).round())).await;
    assert!(entry.is_connected(), "the entry was rebuilt");
    assert_ne!(month_of(&entry), before, "the upgrade moved: {before}");
}

/// A total that leaves out a component reads "at least" with what it leaves out, and month 1
/// is set beside today's instances; without a bill today, no bill comparison.
#[wasm_bindgen_test]
async fn a_total_that_leaves_out_a_cost_reads_at_least_and_month_1_meets_today() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    // The blank plan's bills are complete and it enters nothing for today.
    assert!(text(c, "total-cost").starts_with('$'));
    assert_eq!(text(c, "total-cost-note"), "");
    assert_eq!(text(c, "app-instances-note"), "");
    // The VoiceAssist runbook prices neither the database nor Redis, and its database is
    // beyond the largest step in month 6 (the month selected: the last).
    load_template(c, "voiceassist").await;
    // 12 × m7g.large at $59.60 = $715, without the database and Redis.
    assert_eq!(text(c, "total-cost"), "at least $715");
    assert_eq!(
        text(c, "total-cost-note"),
        "leaves out: the database has no price; the database is beyond the largest catalog \
         tier; Redis has no price"
    );
    assert!(text(c, "cost-per-unit").starts_with("at least $"));
    // 1 500 users in month 1 → 75 req/s ÷ 50 = 2 instances; 3 run today.
    assert_eq!(
        text(c, "app-instances-note"),
        "month 1: 2 instances, today 3 (−1)"
    );
    // The cost table: 2 × $59.60 in month 1, at least; the note says why.
    click(c, "table-tab-cost");
    tick().await;
    assert_eq!(cell(c, "table-cost", 1, "Total"), "at least $119");
    assert!(text(c, "table-note-cost").contains("Totals marked “at least” leave out a cost"));
}

/// The voice policy's response-time target: switching to it keeps the sizing (the wait plus
/// the GPU time), a looser one needs fewer GPU nodes, one shorter than the GPU time is refused
/// next to its field; a stated peak concurrency sets the concurrent sessions, and clearing it
/// derives them again.
#[wasm_bindgen_test]
async fn a_response_target_and_a_stated_concurrency_change_the_gpu_nodes() {
    let app = mount_fresh();
    let c = &app.container;
    load_template(c, "cafe-pilot").await;
    click(c, "table-tab-voice");
    settled().await;
    // Month 1, 3 cafés: one node's p95 wait is 5.4 s, over the 2 s target, so 2 nodes.
    assert_eq!(cell(c, "table-voice", 1, "GPU nodes"), "2");
    assert!(text(c, "table-note-voice").ends_with("wait target p95 ≤ 2 s."));
    open_tab(c, "policies").await;
    choose(c, "f-policies-voice-target", "response");
    settled().await;
    // 2 s of wait + 3 s on the GPU: the same sizing.
    assert_eq!(input_value(c, "f-policies-voice-response_target_s"), "5");
    assert!(find(c, "f-policies-voice-wait_target_s").is_none());
    assert_eq!(cell(c, "table-voice", 1, "GPU nodes"), "2");
    // A p95 response of 10 s leaves 7 s of wait: one node (5.4 s) meets it.
    type_into(c, "f-policies-voice-response_target_s", "10").await;
    assert_eq!(cell(c, "table-voice", 1, "GPU nodes"), "1");
    assert!(text(c, "table-note-voice").ends_with("response target p95 ≤ 10 s."));
    column(c, "table-voice", "Response at p95");
    assert_eq!(
        saved_plan()["plan"]["policies"]["voice"]["target"],
        "response"
    );
    // Shorter than the 3 s on the GPU: refused next to the field, the results kept.
    type_into(c, "f-policies-voice-response_target_s", "2").await;
    let error = error_next_to(c, "f-policies-voice-response_target_s").expect("an error");
    assert!(
        error.contains("below the GPU time per interaction (3 s)"),
        "{error}"
    );
    assert_eq!(cell(c, "table-voice", 1, "GPU nodes"), "1");
    type_into(c, "f-policies-voice-response_target_s", "10").await;
    assert_eq!(error_next_to(c, "f-policies-voice-response_target_s"), None);

    // The guide's "up to 15 simultaneous" for today's 3 cafés, stated: ⌈15 ÷ 8⌉ = 2 nodes.
    open_tab(c, "baseline").await;
    let stated = "f-baseline-voice-peak_concurrent_sessions";
    assert_eq!(input_value(c, stated), "0");
    type_into(c, stated, "15").await;
    assert_eq!(cell(c, "table-voice", 1, "Concurrent sessions"), "15");
    assert_eq!(cell(c, "table-voice", 1, "Nodes by sessions"), "2");
    assert_eq!(
        saved_plan()["plan"]["baseline"]["voice"]["peak_concurrent_sessions"],
        15.0
    );
    type_into(c, stated, "0").await;
    assert_ne!(cell(c, "table-voice", 1, "Concurrent sessions"), "15");
    assert!(saved_plan()["plan"]["baseline"]["voice"]
        .get("peak_concurrent_sessions")
        .is_none());
}

/// Ctrl+P (the browser's own print) prints every table with every row: the print snapshot is
/// taken right after `beforeprint`, so its handler must have written them by the time it
/// returns, without waiting for the page to update. Nothing is written before.
#[wasm_bindgen_test]
async fn beforeprint_writes_every_table_with_every_row_at_once() {
    let app = mount_fresh();
    let c = &app.container;
    load_template(c, "supabase-redis").await;
    type_into(c, "f-horizon_months", "60").await;
    let tabs = c
        .query_selector(".table-tabs")
        .unwrap()
        .expect("the table tabs")
        .child_element_count();
    assert!(tabs >= 3, "{tabs} tables");
    let copy = find(c, "print-tables").expect("the print copy's place");
    assert_eq!(
        copy.child_element_count(),
        0,
        "nothing is built before a print"
    );
    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new("beforeprint").unwrap())
        .unwrap();
    // No await: this is what the print snapshot sees.
    assert_eq!(copy.child_element_count(), tabs, "one copy per table");
    for i in 0..tabs {
        let block = copy.children().item(i).unwrap();
        let rows = block
            .query_selector("tbody")
            .unwrap()
            .expect("a table body")
            .child_element_count();
        assert_eq!(
            rows,
            60,
            "every month of {:?}",
            block.get_attribute("data-testid")
        );
    }
    let demand = find(c, "print-table-demand").expect("the demand table");
    assert!(demand.text_content().unwrap().contains("Month"));
    // The plan's name and assumptions are on paper too (the inputs are not printed).
    let heading = find(c, "print-heading").expect("the print heading");
    let heading = heading.text_content().unwrap();
    assert!(
        heading.contains("Today") && heading.contains("Traffic"),
        "{heading}"
    );
    window
        .dispatch_event(&web_sys::Event::new("afterprint").unwrap())
        .unwrap();
    assert_eq!(
        copy.child_element_count(),
        0,
        "the copy goes after the print"
    );
}
