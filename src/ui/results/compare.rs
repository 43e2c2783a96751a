//! Scenarios side by side for the selected month, against the selected scenario, and the break
//! points where they part ways ("Aggressive needs Team 4 months before Moderate").
//!
//! The content is `headroom_core::compare`; the grid keeps its shape while figures change (its
//! cells update in place) and explains a figure on hover, focus or tap like the sizing tables.

use super::explain::{self, cell_of, data_number, move_focus, Area, Target};
use super::{selected_month, selected_scenario};
use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::compare::{break_points, break_sentences, compare_month, resource_name};
use headroom_core::tables::price_note;
use leptos::prelude::*;

/// The comparison panel.
#[component]
pub fn ComparisonPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App").deferred();
    let explainer = explain::explainer();
    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    let comparison = memo(move || {
        let (s, m) = (scenario.get(), month.get());
        ws.computed.with(|c| {
            c.as_ref()
                .filter(|c| c.results.scenarios.len() > 1)
                .and_then(|c| compare_month(&c.plan, &c.results, m, s))
        })
    });
    // The grid's shape: scenario names and row titles with units (costs with the price date).
    let shape = memo(move || {
        let (prices, money_unit) = ws.computed.with(|c| {
            c.as_ref()
                .map(|c| (price_note(&c.results), c.results.currency.per_month()))
                .unwrap_or_default()
        });
        comparison.with(|c| {
            c.as_ref().map(|c| {
                let rows: Vec<(String, String)> = c
                    .rows
                    .iter()
                    .map(|r| {
                        let unit = if r.unit == money_unit {
                            prices.clone()
                        } else {
                            r.unit.clone()
                        };
                        (r.title.clone(), unit)
                    })
                    .collect();
                (c.scenarios.clone(), rows)
            })
        })
    });
    let heading = memo(move || {
        comparison.with(|c| {
            c.as_ref().map(|c| {
                format!(
                    "{} (month {}): differences against {}, the selected scenario.",
                    c.label,
                    c.month,
                    c.scenarios.get(c.reference).cloned().unwrap_or_default()
                )
            })
        })
    });
    let points = memo(move || {
        ws.computed.with(|c| {
            c.as_ref()
                .filter(|c| c.results.scenarios.len() > 1)
                .map(|c| break_points(&c.plan, &c.results))
                .unwrap_or_default()
        })
    });
    let sentences = memo(move || {
        let s = scenario.get();
        ws.computed.with(|c| {
            c.as_ref()
                .map(|c| {
                    break_sentences(&c.plan, &c.results, s)
                        .into_iter()
                        .map(|b| {
                            (
                                c.results.scenarios[b.scenario].name.clone(),
                                b.text,
                                b.lead_months,
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let has_points = memo(move || !points.with(Vec::is_empty));
    let names = memo(move || {
        ws.computed.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.results
                        .scenarios
                        .iter()
                        .map(|s| s.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let target_of = move |cell: &web_sys::Element| -> Option<Target> {
        let row = data_number(cell, "data-row")?;
        let s = data_number(cell, "data-scenario")?;
        comparison.with_untracked(|c| {
            let r = c.as_ref()?.rows.get(row)?;
            Some(Target {
                area: Area::Compare,
                scenario: s,
                month: month.get_untracked(),
                figure: r.figure,
                label: r.title.clone(),
            })
        })
    };
    let explain_event = move |target: Option<web_sys::EventTarget>| {
        if let Some(t) = cell_of(target).and_then(|cell| target_of(&cell)) {
            explainer.show(t);
        }
    };
    let pointer = explain::Pointer::default();
    view! {
        <section class="panel compare" aria-labelledby="compare-title" data-testid="compare">
            <div class="section-head">
                <h2 id="compare-title">"Compare scenarios"</h2>
                <p class="section-hint" data-testid="compare-heading">{move || heading.get()}</p>
            </div>
            {move || shape.with(Option::is_none).then(|| view! {
                <p class="empty">
                    "Add a second scenario on the Scenarios tab to compare futures side by side."
                </p>
            })}
            {move || shape.get().map(|(names, rows)| {
                let reference = scenario;
                let count = names.len();
                view! {
                    <div class="table-scroll compare-scroll" role="region"
                        aria-label="Scenarios side by side, scrollable"
                        on:mousemove=move |ev| {
                            if pointer.moved(&ev) {
                                explain_event(ev.target());
                            }
                        }
                        on:focusin=move |ev| explain_event(ev.target())
                        on:click=move |ev| explain_event(ev.target())
                        on:keydown=move |ev| {
                            if let Some(cell) = cell_of(ev.target()) {
                                if move_focus(&cell, &ev.key()).is_some() {
                                    ev.prevent_default();
                                }
                            }
                        }>
                        <table class="compare-table" data-testid="compare-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Figure"</th>
                                    {names.into_iter().enumerate().map(|(s, name)| view! {
                                        <th scope="col" class="num" class:reference=move || reference.get() == s>
                                            <span class="col-title">{name}</span>
                                            {move || (reference.get() == s).then(|| view! { <span class="col-unit">"reference"</span> })}
                                        </th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().enumerate().map(|(r, (title, unit))| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <span class="col-title">{title}</span>
                                                {(!unit.is_empty()).then(|| view! { <span class="col-unit">{unit}</span> })}
                                            </th>
                                            {(0..count).map(|s| {
                                                let cell = move || comparison.with(|c| {
                                                    c.as_ref().and_then(|c| c.rows.get(r)).and_then(|row| row.cells.get(s)).map(|cell| {
                                                        (cell.text.clone(), cell.difference.as_ref().map(|d| (d.text.clone(), d.direction.id())))
                                                    })
                                                });
                                                view! {
                                                    <td class="num" class:reference=move || reference.get() == s
                                                        data-cell="" data-row=r data-scenario=s
                                                        tabindex=move || if reference.get() == s { "0" } else { "-1" }
                                                        aria-describedby=Area::Compare.panel_id()>
                                                        {move || cell().map(|(text, difference)| view! {
                                                            <span class="value">{text}</span>
                                                            {difference.map(|(d, direction)| view! {
                                                                <span class=format!("difference {direction}")>{d}</span>
                                                            })}
                                                        })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {super::explanation(Area::Compare)}
                }
            })}
            {move || has_points.get().then(|| {
                view! {
                    <div class="break-points">
                        <h3>"Break points"</h3>
                        <p class="section-hint">
                            "The first month each scenario needs a step, and how far apart the scenarios are."
                        </p>
                        // Keyed by the sentence, as `(0, text)`: a number and a text is the scenario
                        // picker's key type, so the keyed list's hashing code is compiled once.
                        <ul class="sentences" data-testid="break-sentences">
                            <For each=move || sentences.get() key={|s: &(String, String, Option<i64>)| (0usize, s.1.clone())} children={move |(name, text, lead): (String, String, Option<i64>)| {
                                let class = match lead {
                                    Some(l) if l > 0 => "sentence sooner",
                                    Some(_) => "sentence later",
                                    None => "sentence only",
                                };
                                view! { <li class=class data-scenario=name>{text}</li> }
                            }}/>
                        </ul>
                        {move || sentences.with(Vec::is_empty).then(|| view! {
                            <p class="empty">"The other scenarios reach every step in the same month as this one."</p>
                        })}
                        <div class="table-scroll small" role="region" aria-label="Break points, scrollable" tabindex="0">
                            <table class="break-table" data-testid="break-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Step"</th>
                                        {move || names.get().into_iter().map(|n| view! { <th scope="col">{n}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || points.get().into_iter().map(|p| view! {
                                        <tr>
                                            <th scope="row">
                                                <span class=format!("chip chip-{}", headroom_core::text::lower_cased(resource_name(p.resource)).replace(' ', "-"))>
                                                    {resource_name(p.resource)}
                                                </span>
                                                " "
                                                {p.step}
                                            </th>
                                            {p.texts.into_iter().map(|t| view! { <td>{t}</td> }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                }
            })}
            // With ranges: when each tier is needed over the trials, per scenario.
            <p class="range-note" data-testid="compare-ranges">{move || ws.range_notes[1].get()}</p>
        </section>
    }
}
