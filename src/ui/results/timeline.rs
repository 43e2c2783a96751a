//! The selected scenario's timeline of upgrades and limits crossed ("Redis 8 GB → 16 GB
//! cluster in month 9"), and its advice: instance sizes compared at the busiest month,
//! committed-use advice, the scalability check and the scenario's notes.

use super::explain::ExplanationView;
use super::{selected_month, selected_scenario};
use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::compare::resource_name;
use headroom_core::format;
use headroom_core::tables::{month_label, price_note};
use headroom_core::usl::ScalingVerdict;
use leptos::prelude::*;

/// Upgrades and limits crossed, in month order; each month is a button that selects it.
#[component]
pub fn Timeline() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App").deferred();
    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    // Each event keeps its element while its figures change, even when an edit moves it to
    // another month (a keystroke rewrites the text, not the list, and a focused event keeps
    // the focus): keyed by resource and its order among that resource's events.
    let events = memo(move || {
        let s = scenario.get();
        ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.results.scenarios.get(s))
                .map(|r| {
                    let mut seen: Vec<&'static str> = Vec::new();
                    r.timeline
                        .iter()
                        .map(|e| {
                            let resource = resource_name(e.resource);
                            let occurrence = seen.iter().filter(|r| **r == resource).count();
                            seen.push(resource);
                            let shown = Shown {
                                month: e.month.number(),
                                through: e.through_month.map(u32::from),
                                calendar: month_label(e.calendar),
                                text: e.text.clone(),
                            };
                            ((resource, occurrence), shown)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let keys = memo(move || events.with(|e| e.iter().map(|(k, _)| *k).collect::<Vec<_>>()));
    let shown_of = move |key: EventKey| {
        memo(move || {
            events.with(|e| {
                e.iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, shown)| shown.clone())
                    .unwrap_or_default()
            })
        })
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title" data-testid="timeline">
            <div class="section-head">
                <h3 id="timeline-title">"Upgrades and limits"</h3>
                <p class="section-hint">"When this scenario has to change something, in month order."</p>
            </div>
            {move || events.with(Vec::is_empty).then(|| view! {
                <p class="empty" data-testid="timeline-empty">
                    "Nothing to upgrade and no limit crossed within the horizon."
                </p>
            })}
            <ol class="events">
                // Keyed as (occurrence, resource), a number and a text: the scenario picker's key
                // type, so the keyed list's hashing code is compiled once, not per key type.
                <For each=move || keys.get() key=|k: &EventKey| (k.1, k.0.to_owned()) children=move |key: EventKey| {
                    let (resource, _) = key;
                    let shown = shown_of(key);
                    let m = memo(move || shown.with(|s| s.month));
                    // A grouped entry (repeated steps of one resource) spans months: it selects
                    // its first and names its last.
                    let months = move || shown.with(|s| match s.through {
                        Some(last) if last != s.month => format!("Months {}–{last}", s.month),
                        _ => format!("Month {}", s.month),
                    });
                    let last = memo(move || shown.with(|s| s.through.unwrap_or(s.month).max(s.month)));
                    let when = move || {
                        let (m, last, selected) = (m.get(), last.get(), month.get());
                        if (m..=last).contains(&selected) { "event now" } else if last < selected { "event past" } else { "event later" }
                    };
                    view! {
                        <li class=when data-testid="timeline-event">
                            <button type="button" class="event-month"
                                on:click=move |_| ws.month.set(m.get_untracked())
                                title="Select this month">
                                <span class="month-number">{months}</span>
                                <span class="month-name">{move || shown.with(|s| s.calendar.clone())}</span>
                            </button>
                            <span class=format!("chip chip-{}", headroom_core::text::lower_cased(resource).replace(' ', "-"))>{resource}</span>
                            <span class="event-text">{move || shown.with(|s| s.text.clone())}</span>
                        </li>
                    }
                }/>
            </ol>
            // With ranges: when each tier is needed over the trials (the Ranges panel's).
            <p class="range-note" data-testid="timeline-ranges">{move || ws.range_notes[0].get()}</p>
        </section>
    }
}

/// Identifies a timeline event across edits: its resource and its order among that
/// resource's events (an edit that moves an upgrade to another month keeps it).
type EventKey = (&'static str, usize);

/// What a timeline event shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    month: u32,
    /// The last month of a grouped entry.
    through: Option<u32>,
    calendar: String,
    text: String,
}

/// Instance sizes at the busiest month, commitment advice, the scalability check and notes.
#[component]
pub fn Advice() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App").deferred();
    let scenario = selected_scenario(ws);
    let advice = memo(move || {
        let s = scenario.get();
        ws.computed.with(|c| {
            let c = c.as_ref()?;
            let result = c.results.scenarios.get(s)?;
            let in_use = c.plan.plan().policies.app_instance.clone();
            Some((
                result.vertical.clone(),
                in_use,
                result.commitment.clone(),
                result.scaling.clone(),
                result.notes.clone(),
                price_note(&c.results),
            ))
        })
    });
    view! {
        {move || advice.get().map(|(vertical, in_use, commitment, scaling, notes, prices)| view! {
            <section class="advice" aria-labelledby="advice-title" data-testid="advice">
                <div class="section-head">
                    <h3 id="advice-title">"Advice"</h3>
                </div>
                {(!notes.is_empty()).then(|| view! {
                    <div class="notes" role="note" data-testid="notes">
                        <h4>"Notes on this scenario"</h4>
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                })}
                {scaling.map(|check| {
                    let warn = check.verdict != ScalingVerdict::Helps;
                    view! {
                        <div class="advice-block" class:warning=warn data-testid="scaling">
                            <h4>{format!("Scaling out: {}", check.verdict.words())}</h4>
                            <ExplanationView explanation=check.explanation/>
                        </div>
                    }
                })}
                <div class="advice-block" data-testid="vertical">
                    <h4>{format!(
                        "Instance sizes at the busiest month ({})",
                        format::with_unit(vertical.peak_rps, "req/s")
                    )}</h4>
                    <div class="table-scroll small" role="region" tabindex="0"
                        aria-label="Instance sizes, scrollable">
                        <table class="vertical-table">
                            <caption class="visually-hidden">"Every instance type sized for the busiest month"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Type"</th>
                                    <th scope="col" class="num">"Instances"</th>
                                    <th scope="col" class="num"><span class="col-title">"Cost"</span><span class="col-unit">{prices.clone()}</span></th>
                                    <th scope="col" class="num"><span class="col-title">"Utilisation at peak"</span><span class="col-unit">"%"</span></th>
                                    <th scope="col">"Within the maximum"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {vertical.options.iter().map(|o| {
                                    let cheapest = vertical.cheapest == Some(o.instance);
                                    let current = o.name == in_use;
                                    let mut tags = Vec::new();
                                    if current { tags.push("in use"); }
                                    if cheapest { tags.push("cheapest"); }
                                    view! {
                                        <tr class:cheapest=cheapest class:current=current>
                                            <th scope="row">
                                                {o.name.clone()}
                                                {tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}
                                            </th>
                                            <td class="num">{format::number(o.instances as f64)}</td>
                                            <td class="num">{format::money(o.usd_per_month, vertical.currency)}</td>
                                            <td class="num">{format::percent(o.utilisation_at_peak_pct / 100.0)}</td>
                                            <td class:over=o.exceeds_max>
                                                {if o.exceeds_max {
                                                    format!("no: more than {}", vertical.max_instances)
                                                } else {
                                                    "yes".to_owned()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <ExplanationView explanation=vertical.explanation.clone()/>
                </div>
                {commitment.map(|c| view! {
                    <div class="advice-block" data-testid="commitment">
                        <h4>{format!(
                            "Committed use: {} off for {} months",
                            format::percent(c.discount_pct / 100.0),
                            c.term_months
                        )}</h4>
                        <ExplanationView explanation=c.explanation/>
                        <p class="table-note">{prices.clone()}</p>
                    </div>
                })}
            </section>
        })}
    }
}
