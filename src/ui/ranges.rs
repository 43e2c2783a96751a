//! The Ranges panel, shown when the plan has ranges: its ranges, each with a choice of shape,
//! the trials' progress (with a cancel), each figure's band in the month shown and its fan, the ranges
//! ranked by how far each alone moves the month's cost. When each tier is needed over the
//! trials goes to the timeline and the comparison ([`Workspace::range_notes`]); each figure
//! sized for the plan's percentile, with its band, to a column of the sizing tables beside the
//! figure ([`Workspace::banding`]).
//!
//! The trials run in their own worker ([`super::trials`]), started again a moment after each
//! change of the plan (a run still going is stopped); the bands of the last run stay on show,
//! marked as updating, until the new ones arrive.

use std::sync::Arc;

use super::fields::{field_id, focus_soon, step_key, structural_edit, Choice, TypedRange};
use super::files::json_of;
use super::results::{selected_month, selected_scenario};
use super::state::{AddBands, PageBands, Workspace};
use super::trials::{self, Signals, Trials};
use crate::ui::effect;
use crate::ui::memo;
use headroom_core::chart::{self, ChartData};
use headroom_core::edit::{self, SHAPES};
use headroom_core::export::SizedFor;
use headroom_core::format;
use headroom_core::input::NumberSpec;
use headroom_core::montecarlo::chart_bands;
use headroom_core::montecarlo::columns::BandColumns;
use headroom_core::montecarlo::fan::{fan, Fan};
use headroom_core::montecarlo::table::{
    band_rows, field_words, figure_text, move_lines, percentile_name, swing_rows,
};
use headroom_core::montecarlo::{Bands, Sensitivity};
use headroom_core::plan::{Plan, Uncertainty};
use headroom_core::tables::Table;
use headroom_core::uncertain::syntax;
use leptos::prelude::*;

/// How long after an edit the trials start again.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// The Ranges code's entry points: one split point for the panel and for reading a range
/// typed into a field, since a plan gets both at once (its first range), so one chunk.
pub struct Code {
    /// Builds the Ranges panel.
    pub panel: fn() -> AnyView,
    /// Reads a range typed into a field ([`super::fields::typed_range`]).
    pub typed: fn(NumberSpec, &str, String) -> Result<TypedRange, String>,
}

super::lazy::split_fn! {
    /// The Ranges code, fetched the first time a plan has a range or one is typed.
    pub fn ranges_code() -> Code {
        Code {
            panel: || view! { <RangesPanel/> }.into_any(),
            typed: super::fields::typed_range,
        }
    }
}

/// The Ranges panel while the plan has ranges (its code fetched then), nothing otherwise.
pub fn when_ranged() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let ranged = memo(move || {
        ws.plan
            .with(|p| p.uncertainty.as_ref().is_some_and(|u| !u.ranges.is_empty()))
    });
    // A closure giving `AnyView`, as the rest of its place has: no view types of its own.
    move || {
        if ranged.get() {
            super::lazy::lazily(panel).into_any()
        } else {
            ().into_any()
        }
    }
}

/// The Ranges panel, built once its code is here ([`super::lazy::lazily`]).
pub async fn panel() -> Result<super::lazy::Build, super::lazy::NotLoaded> {
    let code = ranges_code().await?;
    Ok(Box::new(code.panel))
}

impl PageBands for BandColumns {
    fn add_columns(&self, table: &mut Table, plan: &Plan, scenario: usize) {
        self.add(table, plan, scenario);
    }

    fn sized(&self, scenario: usize, month: u32) -> Option<SizedFor> {
        BandColumns::sized(self, scenario, month)
    }

    fn sized_line(&self, scenario: usize, month: u32) -> Option<String> {
        BandColumns::sized_line(self, scenario, month)
    }

    fn add_to_chart(&self, chart: &mut ChartData, scenario: usize, metric: chart::Metric) {
        chart_bands::add(
            self.bands(),
            chart,
            scenario,
            metric,
            self.is_of_earlier_plan(),
        );
    }
}

/// The percentiles the plan can be sized for (`""`: its single values).
const SIZE_FOR: [(&str, &str); 8] = [
    ("", "Its single values"),
    ("50", "P50"),
    ("75", "P75"),
    ("80", "P80"),
    ("90", "P90"),
    ("95", "P95"),
    ("99", "P99"),
    (OTHER, "As its file sets it"),
];

/// The bands on offer, by their lower percentile.
const BANDS: [(&str, &str); 4] = [
    ("10", "P10 to P90"),
    ("5", "P5 to P95"),
    ("25", "P25 to P75"),
    (OTHER, "As its file sets it"),
];

/// The numbers of trials on offer.
const TRIALS: [(&str, &str); 6] = [
    ("500", "500"),
    ("1000", "1 000"),
    ("2000", "2 000"),
    ("5000", "5 000"),
    ("10000", "10 000"),
    (OTHER, "As its file sets it"),
];

/// The key of the option every list ends with: a figure a plan file set that the list does
/// not offer (the summary above states it). Choosing it changes nothing.
const OTHER: &str = "other";

/// The option of `options` whose key is `value`, [`OTHER`] when none is.
fn key_of(options: &[(&'static str, &str)], value: f64) -> &'static str {
    options
        .iter()
        .find(|(key, _)| whole(key).map(f64::from) == Some(value))
        .map_or(OTHER, |(key, _)| key)
}

/// An option's key as the whole number it is (keys are whole numbers: no float parsing in the
/// Ranges code for them).
fn whole(key: &str) -> Option<u32> {
    key.parse().ok()
}

/// The plan's uncertainty section, to change (made if need be).
fn settings(p: &mut Plan) -> &mut Uncertainty {
    p.uncertainty.get_or_insert_with(Uncertainty::default)
}

/// The section of a plan without one.
static NO_SECTION: Uncertainty = Uncertainty::DEFAULT;

/// The plan's uncertainty section (the defaults when it has none).
fn section(p: &Plan) -> &Uncertainty {
    p.uncertainty.as_ref().unwrap_or(&NO_SECTION)
}

/// The Ranges panel.
#[component]
pub fn RangesPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let signals = Signals {
        trials: RwSignal::new(Trials::Idle),
        sensitivity: RwSignal::new(None),
    };
    // The last bands, kept on show while a new run goes.
    let last = RwSignal::new(None::<Arc<Bands>>);
    // The panel's own signals and memos are read with `try_` here and below: when an edit
    // removes the last range, the panel goes with the same change of the plan that wakes its
    // effects and views, which may still run once, after its signals are gone.
    effect(move || {
        if let Some(Trials::Done(bands)) = signals.trials.try_get() {
            last.try_set(Some(bands));
        }
    });
    // A run a moment after each change of the valid plan (each keystroke would otherwise
    // start one); the change counter drops the runs of earlier changes.
    let change = StoredValue::new(0u64);
    // The section's problems as markup, worked out when a run would start (a moment after an
    // edit), not on each keystroke.
    let problems = RwSignal::new(String::new());
    let start = move || {
        let Ok(valid) = ws.validated.get_untracked() else {
            return;
        };
        let plan = valid.plan();
        let found = plan.uncertainty_problems();
        let mut html = String::new();
        if !found.is_empty() {
            html.push_str(r#"<ul class="error" role="alert" data-testid="range-problems">"#);
            for problem in &found {
                element(&mut html, "li", "", &problem.to_string());
            }
            html.push_str("</ul>");
        }
        problems.try_set(html);
        match &plan.uncertainty {
            Some(u) if !u.ranges.is_empty() && found.is_empty() => {
                trials::run(&json_of(plan), u.trials, signals)
            }
            _ => trials::cancel(),
        }
    };
    effect(move || {
        if ws.validated.with(|v| v.is_err()) {
            return;
        }
        let Some(at) = change.try_update_value(|c| {
            *c += 1;
            *c
        }) else {
            return;
        };
        set_timeout(
            // Only the latest change's run, and only while the panel is on the page.
            move || {
                if change.try_get_value() == Some(at) {
                    start();
                }
            },
            SETTLE,
        );
    });
    on_cleanup(move || {
        trials::detach();
        for note in ws.range_notes {
            note.set(String::new());
        }
        ws.banding.set(None);
    });

    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    // Whether the bands on show are the plan's as it is: not while a run after an edit goes,
    // was cancelled or failed (a memo: the progress changes a hundred times a run).
    let current = memo(move || matches!(signals.trials.try_get(), Some(Trials::Done(_))));
    // What the bands say in the timeline, the comparison, the sizing tables, the charts and
    // the deployment files (one effect: each brings code of its own).
    effect(move || {
        let (Some(Some(bands)), Some(shown), Some(current)) =
            (last.try_get(), scenario.try_get(), current.try_get())
        else {
            return;
        };
        let mut texts = [String::new(), String::new()];
        let compared = bands.scenarios.len() > 1;
        let heading = if current {
            "When each tier is needed, over the trials:"
        } else {
            "When each tier is needed, over the trials of the plan before its last edit (those of the plan as it is now have not finished):"
        };
        ws.plan.with_untracked(|p| {
            for (s, x) in p.scenarios.iter().enumerate() {
                for line in move_lines(&bands, p, s) {
                    if s == shown {
                        dates_line(&mut texts[0], heading, "", &line);
                    }
                    if compared {
                        dates_line(&mut texts[1], heading, &x.name, &line);
                    }
                }
            }
        });
        let [timeline, comparison] = texts;
        ws.range_notes[0].set(timeline);
        ws.range_notes[1].set(comparison);
        let columns = BandColumns::new(bands);
        let add: AddBands = Box::new(if current {
            columns
        } else {
            columns.of_earlier_plan()
        });
        ws.banding.set(Some(add));
    });
    let summary = move || {
        ws.plan.with(|p| {
            let u = section(p);
            let ranges = u.ranges.len();
            format!(
                "{ranges} {} of the plan {} a range. {} trials (seed {}) give each figure a band from {} to {}{}.",
                if ranges == 1 { "input" } else { "inputs" },
                if ranges == 1 { "is" } else { "are" },
                format::count(f64::from(u.trials)),
                u.seed,
                percentile_name(u.band_pct[0]),
                percentile_name(u.band_pct[1]),
                u.size_for_pct
                    .map(|p| format!("; the plan sizes for {}", percentile_name(p)))
                    .unwrap_or_default(),
            )
        })
    };
    // The status keeps its nodes (a button pressed or focused stays the same button) and
    // changes its text and attributes.
    let state = move || signals.trials.try_get().unwrap_or(Trials::Idle);
    let running = move || match state() {
        Trials::Running { done, total } => Some((done, total)),
        _ => None,
    };
    let note = move || match state() {
        Trials::Idle => "Waiting for a valid plan.".to_owned(),
        Trials::Running { done, total } => format!(
            "Running trials: {} of {}",
            format::count(f64::from(done)),
            format::count(f64::from(total))
        ),
        Trials::Cancelled => "Trials cancelled.".to_owned(),
        Trials::Failed(why) => why,
        Trials::Done(bands) => {
            let mut text = format!("{} trials run.", format::count(f64::from(bands.trials)));
            if bands.rejected > 0 {
                text += &format!(
                    " {} left out: their draws made no valid plan ({}).",
                    format::count(f64::from(bands.rejected)),
                    bands.first_rejection.clone().unwrap_or_default()
                );
            }
            text
        }
    };
    let note_id = move || match state() {
        Trials::Running { .. } => "trials-count",
        Trials::Done(_) => "trials-done",
        Trials::Failed(_) => "trials-failed",
        _ => "trials-note",
    };
    // One button: Cancel while running, Run again after a cancel, Try again after a failure.
    let button = move || match state() {
        Trials::Running { .. } => Some(("trials-cancel", "Cancel")),
        Trials::Cancelled => Some(("trials-run", "Run again")),
        Trials::Failed(_) => Some(("trials-run", "Try again")),
        Trials::Idle | Trials::Done(_) => None,
    };
    let updating = move || {
        matches!(state(), Trials::Running { .. }) && last.try_with(Option::is_some) == Some(true)
    };
    // The bands and the tornado as markup (escaped), not as a tree of views: read-only text
    // that changes all at once, and no view types of its own shared with the other views.
    // Written again when new bands arrive or another scenario or month is shown, not on each
    // edit: the plan is read for names only (scenarios, tiers, fields), and every edit of a
    // valid plan brings new bands with the names it gave them.
    let body = move || {
        let mut html = String::new();
        let (Some(s), Some(m)) = (scenario.try_get(), month.try_get()) else {
            return html;
        };
        if let Some(bands) = last.try_get().flatten() {
            ws.plan
                .with_untracked(|p| bands_html(&mut html, &bands, p, s, m));
        }
        if let Some(sensitivity) = signals.sensitivity.try_get().flatten() {
            ws.plan
                .with_untracked(|p| tornado_html(&mut html, &sensitivity, p, s));
        }
        html
    };
    view! {
        <section class="ranges" aria-labelledby="ranges-title" data-testid="ranges">
            <h3 id="ranges-title">"Ranges"</h3>
            <p class="lede">{summary}</p>
            <div inner_html=move || problems.try_get().unwrap_or_default()></div>
            {range_list(ws)}
            <p class="trials-status" role="status" data-testid="trials-status">
                <progress data-testid="trials-progress" aria-label="Trials run"
                    hidden=move || running().is_none()
                    max=move || running().map_or(1, |(_, total)| total)
                    value=move || running().map_or(0, |(done, _)| done)></progress>
                <span data-testid=note_id class:error=move || note_id() == "trials-failed">{note}</span>
                <button type="button" data-testid=move || button().map_or("trials-button", |b| b.0)
                    hidden=move || button().is_none()
                    on:click=move |_| if running().is_some() { trials::cancel() } else { start() }>
                    {move || button().map_or("", |b| b.1)}
                </button>
            </p>
            <div class="bands-wrap" class:updating=updating inner_html=body></div>
            <div class="range-settings">
                <Choice path="uncertainty.size_for_pct" label="Size for" options=SIZE_FOR.to_vec()
                    get=Arc::new(|p: &Plan| Some(section(p).size_for_pct.map_or("", |pct| key_of(&SIZE_FOR, pct))))
                    set=Arc::new(|p: &mut Plan, key: &str| if key != OTHER {
                        settings(p).size_for_pct = whole(key).map(f64::from);
                    })
                    hint="The percentile of every figure the plan is sized for, beside its band."/>
                <Choice path="uncertainty.band_pct" label="Band" options=BANDS.to_vec()
                    get=Arc::new(|p: &Plan| Some(key_of(&BANDS, section(p).band_pct[0])))
                    set=Arc::new(|p: &mut Plan, key: &str| if let Some(low) = whole(key) {
                        settings(p).band_pct = [f64::from(low), 100.0 - f64::from(low)];
                    })/>
                <Choice path="uncertainty.trials" label="Trials" options=TRIALS.to_vec()
                    get=Arc::new(|p: &Plan| Some(key_of(&TRIALS, f64::from(section(p).trials))))
                    set=Arc::new(|p: &mut Plan, key: &str| if let Some(trials) = whole(key) {
                        settings(p).trials = trials;
                    })/>
                <p class="hint">
                    {move || format!("Seed {}: the same seed draws the same trials, so a shared link shows the same bands.",
                        ws.plan.with(|p| section(p).seed))}
                    " "
                    <button type="button" data-testid="new-seed"
                        on:click=move |_| ws.edit(&step_key("uncertainty.seed"), |p| {
                            let u = settings(p);
                            u.seed = u.seed.wrapping_add(1);
                        })>
                        "Draw with a new seed"
                    </button>
                </p>
            </div>
        </section>
    }
}

/// The plan's ranges, each with a choice of its shape ([`edit::reshape_range`]): a range typed
/// on a phone's number keypad (`8..20`, digits and dots only) becomes a normal or lognormal
/// one here, its numbers then edited in its field. As markup, with one handler for every
/// choice (each names its field), like the rest of the panel: no view types of its own.
fn range_list(ws: Workspace) -> impl IntoView {
    // A refusal, with the list as it was then: shown until a range changes (the refused one
    // fixed in its field, say), when it no longer speaks of the plan on show.
    let (problem, refused_with) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let rows = memo(move || {
        let mut html = String::new();
        ws.plan.with(|p| {
            for r in &section(p).ranges {
                let words = field_words(p, &r.field);
                html.push_str(r#"<tr data-testid="range-row">"#);
                element(&mut html, "th", r#" scope="row""#, &words);
                element(&mut html, "td", "", &syntax::field_text(&r.distribution));
                html.push_str(r#"<td><select data-testid="range-shape" id="shape-"#);
                // Its own id, to keep the keyboard's focus on it when the list is written
                // again (a shape chosen with the arrow keys changes the range at once).
                html.push_str(&field_id(&r.field));
                html.push_str(r#"" name=""#);
                escaped(&mut html, &r.field);
                html.push_str(r#"" aria-label="Shape of the range of "#);
                escaped(&mut html, &words);
                html.push_str(r#"">"#);
                for (key, name) in SHAPES {
                    let selected = if key == r.distribution.shape() {
                        " selected"
                    } else {
                        ""
                    };
                    element(
                        &mut html,
                        "option",
                        &format!(r#" value="{key}"{selected}"#),
                        name,
                    );
                }
                html.push_str("</select></td></tr>");
            }
        });
        html
    });
    let on_change = move |ev: web_sys::Event| {
        // Read and set through the bindings the fields use already (`value` is the same
        // property on a select), which bring no new imports to the page's glue.
        let select = event_target::<web_sys::HtmlInputElement>(&ev);
        let field = select.get_attribute("name").unwrap_or_default();
        let shape = select.value();
        match ws
            .plan
            .with_untracked(|p| edit::reshape_range(p, &field, &shape))
        {
            Ok(plan) => {
                problem.set(String::new());
                structural_edit(ws, &field, move |p| *p = plan);
                // The list is written again with the new range: the choice keeps the focus.
                focus_soon(format!("shape-{}", field_id(&field)));
            }
            Err(why) => {
                // The choice shows the shape kept.
                if let Some(kept) = ws
                    .plan
                    .with_untracked(|p| edit::range_of(p, &field).map(|r| r.shape()))
                {
                    select.set_value(kept);
                }
                let words = ws.plan.with_untracked(|p| field_words(p, &field));
                // "Today: units cannot be lognormal: …".
                refused_with.set(untrack(move || rows.get()));
                problem.set(format!("{words} {why}."));
            }
        }
    };
    view! {
        <table class="bands range-list" data-testid="range-list" on:change=on_change>
            <caption>"The plan's ranges, typed into their fields (8..20, 8..12..20, normal(12, 2)). A shape chosen here keeps the range's values; its numbers are then edited in the field."</caption>
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Range"</th><th scope="col">"Shape"</th></tr></thead>
            <tbody inner_html=move || rows.get()></tbody>
        </table>
        <p class="error" role="alert" data-testid="range-shape-problem">
            {move || if rows.get() == refused_with.get() { problem.get() } else { String::new() }}
        </p>
    }
}

/// Appends `text` to `html` with the characters markup gives a meaning to escaped.
fn escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
}

/// Appends `<tag attributes>text</tag>` (`attributes` written as they are, `text` escaped).
fn element(html: &mut String, tag: &str, attributes: &str, text: &str) {
    html.push('<');
    html.push_str(tag);
    html.push_str(attributes);
    html.push('>');
    escaped(html, text);
    html.push_str("</");
    html.push_str(tag);
    html.push('>');
}

/// The bands of scenario `s` in month `m` as a table, then each figure's fan over the months.
fn bands_html(html: &mut String, bands: &Bands, plan: &Plan, s: usize, m: u32) {
    let [low, high] = bands.band_pct.map(percentile_name);
    let sized = bands.size_for_pct.map(percentile_name);
    let name = plan.scenarios.get(s).map_or("", |x| x.name.as_str());
    html.push_str(r#"<table class="bands" data-testid="bands-table">"#);
    let trials = format::count(f64::from(bands.trials));
    element(
        html,
        "caption",
        "",
        &format!(
            "{name}, month {m}: each figure's band over {trials} trials{}",
            bands
                .size_for_pct
                .map(|p| format!(
                    "; sized for {}: the figure {} % of the trials stay at or under",
                    percentile_name(p),
                    format::number(p)
                ))
                .unwrap_or_default()
        ),
    );
    html.push_str("<thead><tr>");
    let mut heads = vec!["Figure".to_owned(), low, "P50".to_owned(), high];
    heads.extend(sized.map(|p| format!("Sized for {p}")));
    for (i, head) in heads.iter().enumerate() {
        let class = if i == 0 {
            r#" scope="col""#
        } else {
            r#" scope="col" class="num""#
        };
        element(html, "th", class, head);
    }
    html.push_str("</tr></thead><tbody>");
    let rows = band_rows(bands, plan, s, m);
    for row in &rows {
        html.push_str(r#"<tr data-testid="band-row">"#);
        element(html, "th", r#" scope="row""#, row.label);
        for figure in &row.figures {
            element(html, "td", r#" class="num""#, figure);
        }
        if let Some(figure) = &row.sized {
            element(html, "td", r#" class="num sized""#, figure);
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    // Each figure's fan over the months, small multiples under the table.
    element(html, "h4", "", "Over the months");
    html.push_str(r#"<div class="fans" data-testid="fans">"#);
    for row in &rows {
        if let Some(fan) = fan(bands, s, row.metric) {
            let top = figure_text(plan, row.metric, fan.top);
            html.push_str("<figure><figcaption>");
            escaped(html, row.label);
            element(html, "span", "", &format!("up to {top}"));
            html.push_str("</figcaption>");
            fan_svg(html, &fan, m);
            html.push_str("</figure>");
        }
    }
    html.push_str("</div>");
}

/// Appends `line` (when a tier is needed) to `text`, after `scenario`'s name when given, and
/// `heading` before the first.
fn dates_line(text: &mut String, heading: &str, scenario: &str, line: &str) {
    if text.is_empty() {
        text.push_str(heading);
    }
    text.push('\n');
    if !scenario.is_empty() {
        text.push_str(scenario);
        text.push_str(": ");
    }
    text.push_str(line);
}

/// A figure's fan ([`fan`]) as an SVG stretched to its box, month `m` marked. Hidden from
/// screen readers: the table above has the figures, the caption the scale.
fn fan_svg(html: &mut String, fan: &Fan, m: u32) {
    html.push_str(
        r#"<svg class="fan" viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">"#,
    );
    let marker = fan.marker(m);
    for (class, d) in [
        ("fan-band", Some(&fan.area)),
        ("fan-median", Some(&fan.median)),
        ("fan-sized", fan.sized.as_ref()),
        ("fan-month", Some(&marker)),
    ] {
        if let Some(d) = d {
            html.push_str(r#"<path class=""#);
            html.push_str(class);
            html.push_str(r#"" d=""#);
            html.push_str(d);
            html.push_str(r#""></path>"#);
        }
    }
    html.push_str("</svg>");
}

/// The ranges of scenario `s` ranked by how far each alone moves the month's cost.
fn tornado_html(html: &mut String, sensitivity: &Sensitivity, plan: &Plan, s: usize) {
    let rows = swing_rows(sensitivity, plan, s);
    if rows.is_empty() {
        return;
    }
    element(
        html,
        "h4",
        "",
        &format!("What moves the month-{} cost most", sensitivity.month),
    );
    element(
        html,
        "p",
        r#" class="hint""#,
        "Each range alone at its band's ends, every other input at its value.",
    );
    html.push_str(r#"<ol class="tornado" data-testid="tornado">"#);
    for row in rows {
        // Thousandths of the chart's width: whole numbers, no decimals to write.
        let [a, b] = row.at.map(|x| (x * 1000.0).round() as u32);
        html.push_str("<li>");
        element(html, "span", r#" class="tornado-field""#, &row.field);
        html.push_str(&format!(
            r#"<svg class="tornado-bar" viewBox="0 0 1000 8" preserveAspectRatio="none" aria-hidden="true"><rect x="{}" y="0" width="{}" height="8"></rect></svg>"#,
            a.min(b),
            a.abs_diff(b).max(5)
        ));
        element(
            html,
            "span",
            r#" class="tornado-values""#,
            &format!(
                "{} → {} (at {} → {})",
                row.outputs[0], row.outputs[1], row.inputs[0], row.inputs[1]
            ),
        );
        html.push_str("</li>");
    }
    html.push_str("</ol>");
}
