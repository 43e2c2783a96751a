//! Results: what the engine made of the plan, read by a planner.
//!
//! The selected scenario and month (`Workspace.scenario`/`.month`, picked in [`selection`])
//! drive everything here: the summary cards of that month, the month-by-month sizing tables
//! ([`tables`]), the timeline of upgrades and limits and the scenario's advice ([`timeline`]),
//! and all scenarios side by side for that month with their break points ([`compare`]). Every
//! figure explains itself on hover, focus or tap ([`explain`]). What a table, a card or a
//! comparison contains comes from `headroom_core::{tables, compare}`; this module only lays it
//! out.

mod compare;
mod explain;
mod print;
mod selection;
mod tables;
mod timeline;

use super::state::Workspace;
use crate::ui::memo;
use explain::{Area, Explainer, ExplanationPanel, Target};
use headroom_core::compare::compare_month;
use headroom_core::selection::{month_within, scenario_within};
use headroom_core::tables::price_note;
use headroom_core::totals::{against_today, AgainstToday};
use leptos::prelude::*;

/// The scenario shown in detail, clamped to the scenarios of the results on show.
pub(crate) fn selected_scenario(ws: Workspace) -> Memo<usize> {
    memo(move || {
        let count = ws
            .computed
            .with(|c| c.as_ref().map_or(1, |c| c.results.scenarios.len()));
        scenario_within(ws.scenario.get(), count)
    })
}

/// The month shown in detail (1-based), clamped to the horizon of the results on show.
pub(crate) fn selected_month(ws: Workspace) -> Memo<u32> {
    memo(move || {
        let horizon = ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.results.scenarios.first())
                .map_or(1, |s| s.months.len().max(1) as u32)
        });
        month_within(ws.month.get(), horizon)
    })
}

/// The results column: status, selection, summary, tables, timeline, advice, comparison and
/// charts.
#[component]
pub fn ResultsPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    provide_context(Explainer::default());
    let printing = tables::Printing::listen();
    provide_context(printing);
    view! {
        <section class="panel results" aria-labelledby="results-title" data-testid="results">
            // On paper the inputs are not printed: the plan's name and what it assumes are,
            // written here on `beforeprint` (`print::fill`), never per keystroke.
            <div class="print-only print-heading" id=print::PRINT_HEADING_ID data-testid="print-heading"></div>
            <div class="results-head">
                <h2 id="results-title">"Results"</h2>
                <button type="button" class="print" data-testid="print"
                    on:click=move |_| printing.print()>"Print results"</button>
                {move || ws.stale.get().then(|| view! {
                    <p class="stale" role="status" data-testid="stale">
                        "Showing the last valid results: fix the highlighted fields to update them."
                    </p>
                })}
            </div>
            {move || ws.computed.with(Option::is_none).then(|| view! {
                <p class="lede">"Results appear once the plan is valid."</p>
            })}
            <selection::SelectionBar/>
            <SummaryCards/>
            // A task of its own while the page starts (with the cards it was one long task),
            // the last of the first screen: the page is shown once it is built, and the
            // baseline's groups below the first screen follow on the page shown.
            {super::lazy::in_own_task_then_show(|| view! { <tables::SizingTables/> })}
            {super::lazy::lazily_below(|| below_tables(Below::TimelineAndAdvice))}
        </section>

        {super::lazy::lazily_below(|| below_tables(Below::ComparisonAndCharts))}
    }
}

/// The two places below the sizing tables.
#[derive(Clone, Copy)]
enum Below {
    /// Inside the results panel: the timeline and the advice.
    TimelineAndAdvice,
    /// After it: the comparison of scenarios and the charts.
    ComparisonAndCharts,
}

// Below the sizing tables: fetched once one of its places comes near the screen, or the page
// is idle (`ui::lazy::lazily_below`). One chunk for both places: they are next to each other,
// a reader who reaches one reaches the other, and one chunk carries the code they share once
// (three chunks were 12.6 KB more, most of it that shared code copied into small chunks).
super::lazy::split_view!(below_tables(part: Below) => match part {
    // The second panel of each place in a task of its own: together they were one long task.
    // The Ranges panel goes here too, once the plan has ranges: below the tables, and its
    // place's code (not the first load's) watches for ranges.
    Below::TimelineAndAdvice => view! {
        <timeline::Timeline/>
        {super::lazy::in_next_task(|| view! { <timeline::Advice/> })}
        {super::ranges::when_ranged()}
    }
    .into_any(),
    Below::ComparisonAndCharts => view! {
        <compare::ComparisonPanel/>
        {super::lazy::in_next_task(|| view! { <super::charts::ChartsPanel/> })}
    }
    .into_any(),
});

// The working behind a figure, shown on hover, focus or tap: fetched with the panels above.
super::lazy::split_view!(explanation_panel(area: Area) => view! { <ExplanationPanel area=area/> });

/// The explanation panel of `area`, fetched on first use.
pub(crate) fn explanation(area: Area) -> impl IntoView {
    super::lazy::lazily(move || explanation_panel(area))
}

/// Which compared figures the summary cards show, in order, with their test ids.
const CARDS: [(&str, &str); 8] = [
    ("units", "units"),
    ("peak", "peak"),
    ("instances", "app-instances"),
    ("db-tier", "db-tier"),
    ("redis-plan", "redis-plan"),
    ("gpu-nodes", "gpu-nodes"),
    ("total-cost", "total-cost"),
    ("per-unit", "cost-per-unit"),
];

/// One summary card's content.
#[derive(Clone, Debug, PartialEq)]
struct Card {
    title: String,
    unit: String,
    text: String,
    figure: headroom_core::engine::Figure,
    /// A line under the figure: why a total is only a lower bound ("leaves out: Redis has no
    /// price"), and month 1 against today ("month 1: 7 instances, today 4 (+3)").
    note: String,
}

/// The key figures of the selected scenario in the selected month, each a button that
/// explains itself. The cards stay in place as figures change (only their text is updated), so
/// a focused card keeps the focus while the plan is edited.
#[component]
fn SummaryCards() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let explainer = explain::explainer();
    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    let cards = memo(move || {
        let s = scenario.get();
        let m = month.get();
        ws.computed.with(|c| {
            let Some(c) = c.as_ref() else {
                return Vec::new();
            };
            let Some(comparison) = compare_month(&c.plan, &c.results, m, s) else {
                return Vec::new();
            };
            let prices = price_note(&c.results);
            let money_unit = c.results.currency.per_month();
            let today = c
                .results
                .scenarios
                .get(s)
                .and_then(|r| against_today(c.plan.plan(), r));
            CARDS
                .iter()
                .filter_map(|(key, test_id)| {
                    let row = comparison.rows.iter().find(|r| r.key == *key)?;
                    let cell = row.cells.get(s)?;
                    let unit = if row.unit == money_unit {
                        prices.clone()
                    } else {
                        row.unit.clone()
                    };
                    let mut notes: Vec<String> = Vec::new();
                    if let Some(why) = &cell.lower_bound {
                        notes.push(format!("leaves out: {why}"));
                    }
                    notes.extend(match *key {
                        "instances" => today.as_ref().and_then(AgainstToday::instances_text),
                        "total-cost" => today.as_ref().and_then(AgainstToday::bill_text),
                        _ => None,
                    });
                    Some((
                        *test_id,
                        Card {
                            title: row.title.clone(),
                            unit,
                            text: cell.text.clone(),
                            figure: row.figure,
                            note: notes.join(" · "),
                        },
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    let ids = memo(move || cards.with(|c| c.iter().map(|(id, _)| *id).collect::<Vec<_>>()));
    let card = move |id: &'static str| {
        memo(move || {
            cards.with(|c| {
                c.iter()
                    .find(|(i, _)| *i == id)
                    .map(|(_, card)| card.clone())
            })
        })
    };
    let target = move |card: Memo<Option<Card>>| {
        card.with_untracked(|c| {
            c.as_ref().map(|c| Target {
                area: Area::Cards,
                scenario: scenario.get_untracked(),
                month: month.get_untracked(),
                figure: c.figure,
                label: c.title.clone(),
            })
        })
    };
    let show = move |card: Memo<Option<Card>>| {
        if let Some(t) = target(card) {
            explainer.show(t);
        }
    };
    view! {
        <div class="summary-cards">
            <dl class="cards" data-testid="summary-cards">
                <For each=move || ids.get() key=|id| *id children=move |id| {
                    let c = card(id);
                    let field = move |f: fn(&Card) -> String| move || c.with(|c| c.as_ref().map(f).unwrap_or_default());
                    view! {
                        <div class="card">
                            <dt>{field(|c| c.title.clone())}</dt>
                            <dd>
                                <button type="button" class="figure" data-testid=id
                                    // A name (a tier, a plan) is set smaller than a number, so
                                    // that its words fit a narrow card whole.
                                    class:name=move || c.with(|c| c.as_ref().is_some_and(|c| c.text.chars().any(is_letter)))
                                    aria-describedby=Area::Cards.panel_id()
                                    on:mouseenter=move |_| show(c)
                                    on:focus=move |_| show(c)
                                    on:click=move |_| show(c)>
                                    {move || figure_text(c.with(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default()))}
                                </button>
                                <span class="card-unit">{field(|c| c.unit.clone())}</span>
                                <span class="card-note" data-testid=format!("{id}-note")>{field(|c| c.note.clone())}</span>
                            </dd>
                        </div>
                    }
                }/>
            </dl>
            {explanation(Area::Cards)}
        </div>
    }
}

/// Whether `c` is a letter, as a name (a tier, a plan) has and a number does not.
fn is_letter(c: char) -> bool {
    headroom_core::text::is_letter_or_digit(c) && !c.is_ascii_digit()
}

/// A figure's text, with a line-break opportunity after each dot of a name such as
/// `cache.t4g.micro (0.5 GB)` (a dot followed by a letter, not a decimal point), so a narrow
/// card wraps it at a dot rather than mid-word. `<wbr>` adds nothing to the text that is read
/// or copied. Other figures stay one text node.
fn figure_text(text: String) -> AnyView {
    // Pieces that each end at a dot (the last one may not), not byte offsets: a slice of a
    // string that could fail brings the standard library's panic message for it, with its
    // Unicode tables, into the first load.
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut pieces = text.split_inclusive('.').peekable();
    while let Some(piece) = pieces.next() {
        part.push_str(piece);
        let letter_next = pieces
            .peek()
            .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_alphabetic()));
        if piece.ends_with('.') && letter_next {
            parts.push(std::mem::take(&mut part));
        }
    }
    if parts.is_empty() {
        return text.into_any();
    }
    parts.push(part);
    let last = parts.len() - 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {part}{(i < last).then(|| view! { <wbr/> })} })
        .collect_view()
        .into_any()
}
