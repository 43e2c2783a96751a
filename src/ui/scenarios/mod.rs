//! Scenario manager: the plan's futures side by side. Add, duplicate, rename, reorder and delete
//! them (a deletion offers its own Undo), pick each one's growth model (compound with churn,
//! milestones, trend from history) and its seasons and events.
//!
//! The scenario selected here is the one the results show ([`Workspace::scenario`]). What each
//! action does to the plan is in [`headroom_core::edit`]; this file only wires it to buttons.
//! The growth models' tables are files of their own: `milestones.rs`, `history.rs` (a trend's
//! observations, typed or pasted) and `calendar.rs` (seasons and events).

use super::fields::{
    field_id, focus_soon, index_rows, num, plan_memo, structural_edit, workspace, Choice,
    DateInput, Getter, MonthDayInput, NumberInput, OptionalNumberInput, Setter, TextInput,
    UndoNote, Undoable,
};
use super::files;
use super::paste::{paste_box, PasteBox};
use headroom_core::edit::{self, GrowthKind, TrafficKind, CALENDAR_PRESETS};
use headroom_core::jobs::Job;
use headroom_core::plan::{
    CalendarEffect, Growth, Interpolation, Milestone, MonthDay, Named, Observation, Plan, Scenario,
    TrendShape,
};
use headroom_core::selection;
use headroom_core::validate::{specs, MAX_SCENARIOS};
use leptos::prelude::*;
use std::sync::Arc;

mod calendar;
mod history;
mod milestones;

use crate::ui::memo;
use calendar::CalendarTable;
use history::HistoryTable;
use milestones::MilestoneTable;

/// The plan's demand unit, as the milestone and history tables name it.
fn demand_unit(plan: &Plan) -> String {
    plan.baseline.demand_unit.trim().to_owned()
}

/// The scenarios of the plan.
#[component]
pub fn ScenarioEditor() -> impl IntoView {
    let ws = workspace();
    let count = plan_memo(|p| p.scenarios.len());
    let selected = memo(move || selection::scenario_within(ws.scenario.get(), count.get()));
    let can_add = plan_memo(edit::can_add_scenario);
    let note = RwSignal::new(None::<Undoable>);
    let add = move |_| {
        let mut added = None;
        structural_edit(ws, "scenarios+", |p| added = edit::add_scenario(p));
        if let Some(i) = added {
            ws.scenario.set(i);
            focus_soon(field_id(&format!("scenarios[{i}].name")));
        }
    };
    view! {
        <section class="panel inputs scenarios" aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">"Scenarios"</h2>
            <p class="lede">"Futures to compare, each with its own growth and seasons. The selected one is shown in the results."</p>
            <ul class="scenario-list" aria-label="Scenarios" data-testid="scenario-list">
                {index_rows(count, move |i| view! { <ScenarioItem index=i selected=selected/> }.into_any())}
            </ul>
            <div class="list-actions">
                <button type="button" class="add" data-testid="add-scenario" on:click=add disabled=move || !can_add.get()>
                    "Add a scenario"
                </button>
                <span class="hint" data-testid="scenario-count">
                    {move || {
                        let n = count.get();
                        if n >= MAX_SCENARIOS {
                            format!("{n} of {MAX_SCENARIOS}: the most a plan holds")
                        } else {
                            format!("{n} of at most {MAX_SCENARIOS}")
                        }
                    }}
                </span>
            </div>
            <UndoNote note=note testid="scenario-note" on_undo=Callback::new(move |index: Option<usize>| {
                if let Some(i) = index {
                    ws.scenario.set(i);
                }
            })/>
            {move || {
                let i = selected.get();
                view! { <ScenarioDetail index=i note=note/> }
            }}
        </section>
    }
}

/// One scenario in the list: its name and growth model in a few words; pressing it selects it.
#[component]
fn ScenarioItem(index: usize, selected: Memo<usize>) -> impl IntoView {
    let ws = workspace();
    let name = memo(move || {
        ws.plan.with(|p| {
            p.scenarios
                .get(index)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    });
    let digest = memo(move || {
        ws.plan.with(|p| {
            p.scenarios
                .get(index)
                .map(|s| edit::growth_digest(&s.growth))
                .unwrap_or_default()
        })
    });
    let is_selected = move || selected.get() == index;
    view! {
        <li>
            <button
                type="button"
                class="scenario-item"
                class:selected=is_selected
                aria-pressed=move || if is_selected() { "true" } else { "false" }
                data-testid=format!("scenario-item-{index}")
                on:click=move |_| ws.scenario.set(index)
            >
                <span class="scenario-name">
                    {move || {
                        let n = name.get();
                        if n.trim().is_empty() { "(no name)".to_owned() } else { n }
                    }}
                </span>
                <span class="scenario-digest">{move || digest.get()}</span>
            </button>
        </li>
    }
}

/// Everything about the selected scenario.
#[component]
fn ScenarioDetail(index: usize, note: RwSignal<Option<Undoable>>) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = plan_memo(|p| p.scenarios.len());
    let can_add = plan_memo(edit::can_add_scenario);
    let kind = memo(move || {
        ws.plan
            .with(|p| p.scenarios.get(i).map(|s| GrowthKind::of(&s.growth)))
    });
    let outcome = memo(move || ws.plan.with(|p| edit::growth_outcome(p, i)));
    let name_of = move || {
        ws.plan.with_untracked(|p| {
            p.scenarios
                .get(i)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    };
    let duplicate = move |_| {
        let mut copy = None;
        structural_edit(ws, "scenarios*", |p| copy = edit::duplicate_scenario(p, i));
        if let Some(c) = copy {
            ws.scenario.set(c);
            focus_soon(field_id(&format!("scenarios[{c}].name")));
        }
    };
    let delete = move |_| {
        let name = name_of();
        let mut removed = false;
        structural_edit(ws, "scenarios-", |p| {
            removed = edit::delete_scenario(p, i).is_some();
        });
        if removed {
            note.set(Some(
                Undoable::now(ws, format!("Deleted “{name}”.")).selecting(i),
            ));
            focus_soon("scenario-note-undo".to_owned());
        }
    };
    let move_by = move |up: bool| {
        let to = if up { i.checked_sub(1) } else { Some(i + 1) };
        let Some(to) = to else { return };
        let mut moved = false;
        structural_edit(ws, "scenarios~", |p| {
            moved = edit::move_scenario(p, i, to);
        });
        if moved {
            ws.scenario.set(to);
            focus_soon(
                if up {
                    "scenario-move-up"
                } else {
                    "scenario-move-down"
                }
                .to_owned(),
            );
        }
    };
    view! {
        <div class="scenario-detail" data-testid="scenario-detail">
            <div class="detail-head">
                <TextInput
                    path=format!("scenarios[{i}].name")
                    label="Scenario name"
                    get=Arc::new(move |p: &Plan| p.scenarios.get(i).map(|s| s.name.clone()))
                    set=Arc::new(move |p: &mut Plan, v: String| {
                        if let Some(s) = p.scenarios.get_mut(i) {
                            s.name = v;
                        }
                    })
                />
                <div class="detail-actions" role="group" aria-label="Scenario actions">
                    <button type="button" data-testid="duplicate-scenario" on:click=duplicate
                        disabled=move || !can_add.get()>"Duplicate"</button>
                    <button type="button" id="scenario-move-up" data-testid="scenario-move-up"
                        on:click=move |_| move_by(true) disabled=move || i == 0
                        >"Move up"</button>
                    <button type="button" id="scenario-move-down" data-testid="scenario-move-down"
                        on:click=move |_| move_by(false) disabled=move || { i + 1 >= count.get() }
                        >"Move down"</button>
                    <button type="button" class="danger" data-testid="delete-scenario" on:click=delete
                        disabled=move || { count.get() <= 1 }
                        title=move || { if count.get() <= 1 { "A plan needs at least one scenario" } else { "" } }>
                        "Delete"
                    </button>
                </div>
            </div>
            <Show when=move || { count.get() <= 1 }>
                <p class="hint">"The only scenario cannot be deleted: a plan needs one."</p>
            </Show>
            <p class="outcome" data-testid="scenario-outcome" aria-live="polite">
                {move || outcome.get().unwrap_or_default()}
            </p>
            <GrowthPicker index=i kind=kind/>
            {move || match kind.get() {
                Some(GrowthKind::Compound) => compound_fields(i).into_any(),
                Some(GrowthKind::Milestones) => view! { <MilestoneTable index=i/> }.into_any(),
                Some(GrowthKind::Trend) => view! { <HistoryTable index=i/> }.into_any(),
                None => ().into_any(),
            }}
            <OwnTraffic index=i/>
            <OwnGrowthRates index=i/>
            <CalendarTable index=i/>
        </div>
    }
}

/// Whether the scenario has traffic per unit of its own ("each user makes twice the requests
/// in this future") and, when it has, its model.
#[component]
fn OwnTraffic(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let own = memo(move || ws.plan.with(|p| edit::traffic_at(p, Some(i)).is_some()));
    view! {
        <fieldset class="block" data-testid="own-traffic">
            <legend>"Traffic per unit"</legend>
            <Choice
                path=format!("scenarios[{i}].traffic.own")
                label="This scenario's traffic"
                options=vec![("baseline", "As the baseline's"), ("own", "Its own")]
                get=Arc::new(move |_p: &Plan| Some(if own.get_untracked() { "own" } else { "baseline" }))
                set=Arc::new(move |p: &mut Plan, v: &'static str| {
                    let kind = (v == "own").then(|| TrafficKind::of(&p.baseline.traffic));
                    edit::set_own_traffic(p, i, kind);
                })
                hint="Its own starts as a copy of the baseline's: change the requests per unit for this future only"
            />
            {move || own.get().then(|| super::inputs::traffic_model(Some(i)))}
        </fieldset>
    }
}

/// What grows at this scenario's own monthly rate rather than with units: its database data
/// and its background work (docs/models.md "Own growth"). Empty: the data follows the units and
/// background work stays at today's level.
#[component]
fn OwnGrowthRates(index: usize) -> impl IntoView {
    let i = index;
    let field = |name: &'static str,
                 spec,
                 read: fn(&Scenario) -> Option<f64>,
                 write: fn(&mut Scenario, Option<f64>),
                 placeholder: &'static str,
                 hint: &'static str| {
        view! {
            <OptionalNumberInput path=format!("scenarios[{i}].{name}") spec=spec placeholder=placeholder hint=hint
                get=Arc::new(move |p: &Plan| p.scenarios.get(i).map(read))
                set=Arc::new(move |p: &mut Plan, v: Option<f64>| {
                    if let Some(s) = p.scenarios.get_mut(i) {
                        write(s, v);
                    }
                })/>
        }
    };
    view! {
        <fieldset class="block" data-testid="own-growth">
            <legend>"Growing at their own rate"</legend>
            <div class="row-grid">
                {field(
                    "data_monthly_growth_pct",
                    specs::DATA_GROWTH_PCT,
                    |s| s.data_monthly_growth_pct,
                    |s, v| s.data_monthly_growth_pct = v,
                    "with units",
                    "The database's data. Empty: it follows the units. +40 % a year is 2.84 % a month",
                )}
                {field(
                    "background_monthly_growth_pct",
                    specs::BACKGROUND_GROWTH_PCT,
                    |s| s.background_monthly_growth_pct,
                    |s, v| s.background_monthly_growth_pct = v,
                    "today's level",
                    "Fixed peak traffic and background connections (jobs, workers). Empty: they stay at today's level",
                )}
            </div>
        </fieldset>
    }
}

/// The three growth models as radio buttons, each with a line on when to use it.
#[component]
fn GrowthPicker(index: usize, kind: Memo<Option<GrowthKind>>) -> impl IntoView {
    let ws = workspace();
    let group = format!("growth-model-{index}");
    view! {
        <fieldset class="block growth-picker">
            <legend>"Growth model"</legend>
            <div class="choices">
                {GrowthKind::ALL
                    .into_iter()
                    .map(|k| {
                        let id = format!("growth-{index}-{}", k.id());
                        let desc_id = format!("{id}-desc");
                        let choose = move |_| {
                            structural_edit(ws, "scenarios.growth", |p| {
                                edit::set_growth_kind(p, index, k);
                            });
                        };
                        view! {
                            <label class="choice" for=id.clone()>
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name=group.clone()
                                    value=k.id()
                                    data-testid=format!("growth-{}", k.id())
                                    aria-describedby=desc_id.clone()
                                    prop:checked=move || kind.get() == Some(k)
                                    on:change=choose
                                />
                                <span class="choice-text">
                                    <span class="choice-label">{k.label()}</span>
                                    <span class="choice-desc" id=desc_id>{k.description()}</span>
                                </span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="hint">"Switching keeps the scenario's trajectory as a starting point; Undo (Ctrl+Z) brings the previous model back."</p>
        </fieldset>
    }
}

fn growth_num(
    index: usize,
    read: fn(&Growth) -> Option<f64>,
    write: fn(&mut Growth, f64),
) -> (Getter<f64>, Setter<f64>) {
    num(
        move |p| p.scenarios.get(index).and_then(|s| read(&s.growth)),
        move |p, v| {
            if let Some(s) = p.scenarios.get_mut(index) {
                write(&mut s.growth, v);
            }
        },
    )
}

fn compound_fields(i: usize) -> impl IntoView {
    let (gg, sg) = growth_num(
        i,
        |g| match g {
            Growth::Compound {
                monthly_growth_pct, ..
            } => Some(*monthly_growth_pct),
            _ => None,
        },
        |g, v| {
            if let Growth::Compound {
                monthly_growth_pct, ..
            } = g
            {
                *monthly_growth_pct = v;
            }
        },
    );
    let (gc, sc) = growth_num(
        i,
        |g| match g {
            Growth::Compound {
                monthly_churn_pct, ..
            } => Some(*monthly_churn_pct),
            _ => None,
        },
        |g, v| {
            if let Growth::Compound {
                monthly_churn_pct, ..
            } = g
            {
                *monthly_churn_pct = v;
            }
        },
    );
    view! {
        <fieldset class="block model-fields" data-testid="compound-fields">
            <legend>"Compound growth"</legend>
            <div class="row-grid">
                <NumberInput path=format!("scenarios[{i}].growth.monthly_growth_pct") spec=specs::GROWTH_PCT get=gg set=sg
                    hint="New demand a month, as a share of the current"/>
                <NumberInput path=format!("scenarios[{i}].growth.monthly_churn_pct") spec=specs::CHURN_PCT get=gc set=sc
                    hint="Demand lost a month"/>
            </div>
        </fieldset>
    }
}
