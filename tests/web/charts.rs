//! The charts: SVGs with accessible names, paths that follow the inputs, the selected-month
//! marker that follows the workspace's month, upgrade markers and legends, and a 120-month,
//! 5-scenario plan redrawn on every keystroke.

use crate::support::*;
use headroom_core::plan::{Plan, PLAN_SCHEMA_VERSION};
use headroom_core::presets;
use wasm_bindgen_test::*;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// An app mounted with `plan` as the autosaved plan.
fn mount_with(plan: &Plan) -> Mounted {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let stored = serde_json::json!({ "headroom_plan": PLAN_SCHEMA_VERSION, "plan": plan });
    storage
        .set_item("headroom.plan", &stored.to_string())
        .unwrap();
    mount_app()
}

fn query(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

/// Every descendant of `root` matching `selector`, in document order.
fn query_all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    fn walk(el: &web_sys::Element, selector: &str, found: &mut Vec<web_sys::Element>) {
        let mut child = el.first_element_child();
        while let Some(c) = child {
            if c.matches(selector).unwrap_or(false) {
                found.push(c.clone());
            }
            walk(&c, selector, found);
            child = c.next_element_sibling();
        }
    }
    let mut found = Vec::new();
    walk(root, selector, &mut found);
    found
}

fn svg(c: &HtmlElement, chart: &str) -> web_sys::Element {
    find(c, &format!("chart-{chart}-svg"))
        .unwrap_or_else(|| panic!("no {chart} chart"))
        .unchecked_into()
}

/// The path data of the `index`-th series of `chart`.
fn series_d(c: &HtmlElement, chart: &str, index: usize) -> String {
    query_all(&svg(c, chart), "[data-testid='chart-series']")
        .get(index)
        .and_then(|p| p.get_attribute("d"))
        .unwrap_or_default()
}

fn selected_marker(c: &HtmlElement, chart: &str) -> (String, f64) {
    let line = query(&svg(c, chart), "[data-testid='selected-month-marker']")
        .expect("a selected-month marker");
    let month = line.get_attribute("data-month").unwrap_or_default();
    let x = line
        .get_attribute("x1")
        .and_then(|x| x.parse().ok())
        .unwrap_or(f64::NAN);
    (month, x)
}

fn press(element: &web_sys::Element, key: &str) {
    let dispatch = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    dispatch
        .call2(
            &wasm_bindgen::JsValue::NULL,
            element,
            &wasm_bindgen::JsValue::from_str(key),
        )
        .unwrap();
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
async fn three_charts_are_svg_images_with_names_and_descriptions() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    tick().await;
    for (chart, title) in [
        ("demand", "Demand and capacity"),
        ("cost", "Cost by component"),
        ("scenarios", "Total cost by scenario"),
    ] {
        let svg = svg(c, chart);
        assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
        let labelled_by = svg.get_attribute("aria-labelledby").unwrap();
        let title_el = query(&svg, &format!("#{labelled_by}")).expect("the title element");
        assert_eq!(title_el.tag_name(), "title");
        assert_eq!(title_el.namespace_uri().as_deref(), Some(SVG_NS));
        assert_eq!(title_el.text_content().unwrap_or_default(), title);
        let described_by = svg.get_attribute("aria-describedby").unwrap();
        let desc = query(&svg, &format!("#{described_by}")).expect("the description");
        assert_eq!(desc.namespace_uri().as_deref(), Some(SVG_NS));
        assert!(
            desc.text_content().unwrap_or_default().len() > 30,
            "{chart}: a description with figures"
        );
        let view_box = svg.get_attribute("viewBox").unwrap_or_default();
        assert!(view_box.starts_with("0 0 "), "{view_box}");
        // Axis ticks with labels, and series drawn.
        assert!(query_all(&svg, "text.tick-y").len() >= 3);
        assert!(!query_all(&svg, "text.tick-x").is_empty());
        assert!(
            !series_d(c, chart, 0).is_empty(),
            "{chart} draws its first series"
        );
    }
    // Axes say their units.
    let units: Vec<String> = ["demand", "cost", "scenarios"]
        .iter()
        .map(|chart| {
            query(&svg(c, chart), "text.axis-title")
                .and_then(|t| t.text_content())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(units, vec!["req/s", "USD/month", "USD/month"]);
    // Month labels read like "Jan 2027", as everywhere else on the page.
    let first_month = query(&svg(c, "demand"), "text.tick-x")
        .and_then(|t| t.text_content())
        .unwrap_or_default();
    assert_eq!(first_month.len(), 8, "{first_month}");
    // Legends name the series with this month's values.
    let legend = text(c, "chart-demand-legend");
    assert!(
        legend.contains("Peak demand") && legend.contains("req/s"),
        "{legend}"
    );
    let cost_legend = text(c, "chart-cost-legend");
    assert!(
        cost_legend.contains("App instances") && cost_legend.contains("$"),
        "{cost_legend}"
    );
    assert!(cost_legend.contains("/month"), "{cost_legend}");
}

#[wasm_bindgen_test]
async fn a_change_of_input_redraws_the_demand_line() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    tick().await;
    // Series: capacity, capacity at target, peak demand.
    let before = series_d(c, "demand", 2);
    let legend_before = text(c, "chart-demand-legend");
    assert!(!before.is_empty());
    type_into(c, "f-baseline-units", "4000").await;
    tick().await;
    let after = series_d(c, "demand", 2);
    assert_ne!(before, after, "the peak-demand path follows the input");
    assert_ne!(legend_before, text(c, "chart-demand-legend"));
    // Invalid input keeps the last good chart, marked stale.
    type_into(c, "f-baseline-units", "-1").await;
    tick().await;
    assert_eq!(series_d(c, "demand", 2), after);
    let charts = find(c, "charts").unwrap();
    assert!(charts.class_list().contains("stale"));
}

#[wasm_bindgen_test]
async fn the_selected_month_marker_follows_the_workspace_month() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    tick().await;
    // A 12-month plan opens on its last month.
    let (month, x12) = selected_marker(c, "demand");
    assert_eq!(month, "12");
    assert_eq!(selected_marker(c, "cost").0, "12");
    // Shortening the horizon moves the workspace's month; every chart follows.
    type_into(c, "f-horizon_months", "6").await;
    tick().await;
    let (month, x6) = selected_marker(c, "demand");
    assert_eq!(month, "6");
    assert_eq!(selected_marker(c, "scenarios").0, "6");
    // Six months are wider than twelve, so the last month's middle is further right.
    assert!(x6 > x12 * 0.9, "{x6} vs {x12}");
    // The keyboard on a chart selects months for the whole page.
    let plot: web_sys::Element = find(c, "chart-demand-plot").unwrap().unchecked_into();
    press(&plot, "Home");
    tick().await;
    let (month, x1) = selected_marker(c, "demand");
    assert_eq!(month, "1");
    assert!(x1 < x6);
    assert_eq!(selected_marker(c, "cost").0, "1");
    assert!(text(c, "chart-demand-legend").contains("Jan 2027"));
    press(&plot, "ArrowRight");
    tick().await;
    assert_eq!(selected_marker(c, "demand").0, "2");
    press(&plot, "End");
    tick().await;
    assert_eq!(selected_marker(c, "demand").0, "6");
    let said = text(c, "charts-announcement");
    assert!(
        said.starts_with("Jun 2027: ") && said.contains("req/s"),
        "{said}"
    );
}

#[wasm_bindgen_test]
async fn a_template_with_upgrades_shows_markers_and_scenario_legends() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    load_template(c, "supabase-redis").await;
    let scenarios = presets::find("supabase-redis").unwrap();
    let plan = scenarios.build();
    // Every scenario in the overlay's legend; the first is selected.
    let legend: web_sys::Element = find(c, "chart-scenarios-legend").unwrap().unchecked_into();
    let buttons = query_all(&legend, "button");
    assert_eq!(buttons.len(), plan.scenarios.len());
    assert_eq!(
        buttons[0].get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    // Picking another scenario there shows it in every chart.
    let before = series_d(c, "demand", 2);
    buttons[2].unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert_eq!(text(c, "charts-scenario"), plan.scenarios[2].name);
    assert_ne!(series_d(c, "demand", 2), before);
    // The aggressive scenario moves up tiers: markers with a label and the full sentence.
    let markers = query_all(&svg(c, "demand"), "[data-testid='chart-marker']");
    assert!(!markers.is_empty(), "upgrade markers");
    let title = query(&markers[0], "title").unwrap();
    assert_eq!(title.namespace_uri().as_deref(), Some(SVG_NS));
    assert!(title.text_content().unwrap_or_default().contains(':'));
    // Labels are drawn over every marker line, so no line crosses a label.
    let labels = query_all(&svg(c, "demand"), "[data-testid='chart-marker-label']");
    assert!(!labels.is_empty(), "labelled markers");
    let last_line = query_all(&svg(c, "demand"), ".marker-line")
        .pop()
        .expect("marker lines");
    for label in &labels {
        let after =
            last_line.compare_document_position(label) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING;
        assert_ne!(after, 0, "a label drawn under a marker line");
    }
    let events = text(c, "chart-events");
    assert!(events.contains(" → "), "{events}");
    // The metric can change.
    let select: web_sys::HtmlSelectElement = find(c, "chart-metric").unwrap().unchecked_into();
    select.set_value("app-instances");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    let axis = query(&svg(c, "scenarios"), "text.axis-title")
        .and_then(|t| t.text_content())
        .unwrap_or_default();
    assert_eq!(axis, "instances");
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn a_long_plan_redraws_on_every_keystroke() {
    let mut plan = presets::find("supabase-redis").unwrap().build();
    plan.horizon_months = 120;
    while plan.scenarios.len() < 5 {
        let mut copy = plan.scenarios[0].clone();
        copy.name = format!("Copy {}", plan.scenarios.len());
        plan.scenarios.push(copy);
    }
    let app = mount_with(&plan);
    let c = &app.container;
    tick().await;
    tick().await;
    assert_eq!(selected_marker(c, "demand").0, "12");
    let mut times = Vec::new();
    let drawn = |c: &HtmlElement| (series_d(c, "demand", 2), text(c, "chart-demand-legend"));
    let mut last = drawn(c);
    for i in 0..12 {
        let units = format!("{}", 150 + i * 7);
        let start = now();
        type_into(c, "f-baseline-units", &units).await;
        let elapsed = now() - start;
        let now_drawn = drawn(c);
        assert_ne!(now_drawn, last, "redrawn for {units}");
        last = now_drawn;
        times.push(elapsed);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    web_sys::console::log_1(
        &format!(
            "120 months × 5 scenarios, keystroke to redrawn charts: median {median:.1} ms, worst {worst:.1} ms"
        )
        .into(),
    );
    // This is an unoptimised test build: the frame budget is checked on the release build
    // (tests/e2e/charts.test.mjs); here the figure is only reported.
    let labels = query_all(&svg(c, "demand"), "text.tick-x").len();
    assert!(
        (2..=12).contains(&labels),
        "{labels} month labels over 120 months"
    );
    assert_eq!(
        query_all(&svg(c, "scenarios"), "[data-testid='chart-series']").len(),
        5
    );
}
