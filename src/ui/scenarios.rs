//! Scenario manager: the plan's futures side by side. Add, duplicate, rename, reorder and delete
//! them (a deletion offers its own Undo), pick each one's growth model (compound with churn,
//! milestones, trend from history) and its seasons and events.
//!
//! The scenario selected here is the one the results show ([`Workspace::scenario`]). What each
//! action does to the plan is in [`headroom_core::edit`]; this file only wires it to buttons.

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

/// The plan's demand unit, as the milestone and history tables name it.
fn demand_unit(plan: &Plan) -> String {
    plan.baseline.demand_unit.trim().to_owned()
}

/// The scenarios of the plan.
#[component]
pub fn ScenarioEditor() -> impl IntoView {
    let ws = workspace();
    let count = plan_memo(|p| p.scenarios.len());
    let selected = Memo::new(move |_| selection::scenario_within(ws.scenario.get(), count.get()));
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
    let name = Memo::new(move |_| {
        ws.plan.with(|p| {
            p.scenarios
                .get(index)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    });
    let digest = Memo::new(move |_| {
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
    let kind = Memo::new(move |_| {
        ws.plan
            .with(|p| p.scenarios.get(i).map(|s| GrowthKind::of(&s.growth)))
    });
    let outcome = Memo::new(move |_| ws.plan.with(|p| edit::growth_outcome(p, i)));
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
            moved = edit::move_item(&mut p.scenarios, i, to);
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
    let own = Memo::new(move |_| ws.plan.with(|p| edit::traffic_at(p, Some(i)).is_some()));
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

/// Reads and writes the milestone points of scenario `i` (nothing when it uses another model).
fn points_mut(p: &mut Plan, i: usize) -> Option<&mut Vec<Milestone>> {
    match p.scenarios.get_mut(i).map(|s| &mut s.growth) {
        Some(Growth::Milestones { points, .. }) => Some(points),
        _ => None,
    }
}

fn points(p: &Plan, i: usize) -> Option<&Vec<Milestone>> {
    match p.scenarios.get(i).map(|s| &s.growth) {
        Some(Growth::Milestones { points, .. }) => Some(points),
        _ => None,
    }
}

/// The milestones of a scenario: month → count, with step or linear change between.
#[component]
fn MilestoneTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = Memo::new(move |_| ws.plan.with(|p| points(p, i).map_or(0, Vec::len)));
    let unit = plan_memo(demand_unit);
    let list_path = format!("scenarios[{i}].growth.points");
    let list_problem = Memo::new(move |_| ws.plan_error(&list_path));
    let add = move |_| {
        let mut added = None;
        structural_edit(ws, "milestones+", |p| {
            let (units, horizon) = (p.baseline.units, p.horizon_months);
            if let Some(points) = points_mut(p, i) {
                added = edit::add_milestone(points, units, horizon);
            }
        });
        if let Some(j) = added {
            focus_soon(field_id(&format!(
                "scenarios[{i}].growth.points[{j}].month"
            )));
        }
    };
    view! {
        <fieldset class="block model-fields" data-testid="milestone-fields">
            <legend>"Milestones"</legend>
            <p class="hint">
                {move || format!(
                    "Known counts of {} at given months. Before the first, today's count holds; after the last, the last one holds.",
                    unit.get()
                )}
            </p>
            <div class="rows">
                {index_rows(count, move |j| milestone_row(i, j, unit).into_any())}
            </div>
            {move || list_problem.get().map(|m| view! { <p class="error" role="alert" data-testid="field-error">{m}</p> })}
            <button type="button" class="add" data-testid="add-milestone" on:click=add>"Add a milestone"</button>
            <Choice
                path=format!("scenarios[{i}].growth.between")
                label="Between milestones"
                options=vec![("step", "Hold the last count (step)"), ("linear", "Straight line (linear)")]
                get=Arc::new(move |p: &Plan| match p.scenarios.get(i).map(|s| &s.growth) {
                    Some(Growth::Milestones { between: Interpolation::Linear, .. }) => Some("linear"),
                    Some(Growth::Milestones { .. }) => Some("step"),
                    _ => None,
                })
                set=Arc::new(move |p: &mut Plan, v: &'static str| {
                    if let Some(Growth::Milestones { between, .. }) = p.scenarios.get_mut(i).map(|s| &mut s.growth) {
                        *between = if v == "linear" { Interpolation::Linear } else { Interpolation::Step };
                    }
                })
            />
        </fieldset>
    }
}

fn milestone_row(i: usize, j: usize, unit: Memo<String>) -> impl IntoView {
    let ws = workspace();
    let (gm, sm) = num(
        move |p| {
            points(p, i)
                .and_then(|v| v.get(j))
                .map(|m| f64::from(m.month))
        },
        move |p, v| {
            if let Some(m) = points_mut(p, i).and_then(|v| v.get_mut(j)) {
                m.month = v as u32;
            }
        },
    );
    let (gu, su) = num(
        move |p| points(p, i).and_then(|v| v.get(j)).map(|m| m.units),
        move |p, v| {
            if let Some(m) = points_mut(p, i).and_then(|v| v.get_mut(j)) {
                m.units = v;
            }
        },
    );
    // The month's calendar name as its unit: "month 6" is "Jun 2027".
    let when = Memo::new(move |_| {
        ws.plan.with(|p| {
            points(p, i)
                .and_then(|v| v.get(j))
                .map(|m| p.start.of_plan_month(m.month.max(1)).label())
                .unwrap_or_default()
        })
    });
    let remove = move |_| {
        structural_edit(ws, "milestones-", |p| {
            if let Some(points) = points_mut(p, i) {
                if j < points.len() {
                    points.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row-fields three" role="group" aria-label=format!("Milestone {}", j + 1)>
            <NumberInput path=format!("scenarios[{i}].growth.points[{j}].month") spec=specs::MILESTONE_MONTH
                label="Month" unit=when get=gm set=sm/>
            <NumberInput path=format!("scenarios[{i}].growth.points[{j}].units") spec=specs::MILESTONE_UNITS
                label="Count" unit=Signal::derive(move || unit.get()) get=gu set=su/>
            <button type="button" class="remove" data-testid=format!("remove-milestone-{j}") on:click=remove
                aria-label=format!("Remove milestone {}", j + 1)>"Remove"</button>
        </div>
    }
}

fn history(p: &Plan, i: usize) -> Option<&Vec<Observation>> {
    match p.scenarios.get(i).map(|s| &s.growth) {
        Some(Growth::Trend { history, .. }) => Some(history),
        _ => None,
    }
}

fn history_mut(p: &mut Plan, i: usize) -> Option<&mut Vec<Observation>> {
    match p.scenarios.get_mut(i).map(|s| &mut s.growth) {
        Some(Growth::Trend { history, .. }) => Some(history),
        _ => None,
    }
}

/// The dated history a trend is fitted to, its shape and confidence.
#[component]
fn HistoryTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = Memo::new(move |_| ws.plan.with(|p| history(p, i).map_or(0, Vec::len)));
    let unit = plan_memo(demand_unit);
    let list_path = format!("scenarios[{i}].growth.history");
    let list_problem = Memo::new(move |_| ws.plan_error(&list_path));
    let fit = Memo::new(move |_| {
        ws.plan
            .with(|p| match p.scenarios.get(i).map(|s| &s.growth) {
                Some(Growth::Trend { history, shape, .. }) => {
                    edit::trend_summary(history, *shape, &p.baseline.demand_unit)
                }
                _ => None,
            })
    });
    let add = move |_| {
        let mut added = None;
        structural_edit(ws, "history+", |p| {
            let (units, start) = (p.baseline.units, p.start);
            if let Some(h) = history_mut(p, i) {
                added = edit::add_observation(h, units, start);
            }
        });
        if let Some(j) = added {
            focus_soon(field_id(&format!(
                "scenarios[{i}].growth.history[{j}].date"
            )));
        }
    };
    let (gc, sc) = growth_num(
        i,
        |g| match g {
            Growth::Trend { confidence_pct, .. } => Some(*confidence_pct),
            _ => None,
        },
        |g, v| {
            if let Growth::Trend { confidence_pct, .. } = g {
                *confidence_pct = v;
            }
        },
    );
    view! {
        <fieldset class="block model-fields" data-testid="trend-fields">
            <legend>"Trend from history"</legend>
            <p class="hint">
                {move || format!(
                    "Counts of {} you observed, with their dates (at least 3 different days). Headroom fits a line and extends it.",
                    unit.get()
                )}
            </p>
            <div class="rows">
                {index_rows(count, move |j| observation_row(i, j, unit).into_any())}
            </div>
            {move || list_problem.get().map(|m| view! {
                <p class="error" role="alert" data-testid="history-error">{m}</p>
            })}
            {move || fit.get().map(|f| view! { <p class="fit" data-testid="trend-fit">{f}</p> })}
            <button type="button" class="add" data-testid="add-observation" on:click=add>"Add an observation"</button>
            <PasteHistory index=i/>
            <div class="row-grid">
                <Choice
                    path=format!("scenarios[{i}].growth.shape")
                    label="Shape"
                    options=vec![(TrendShape::Linear.name(), "Straight line"), (TrendShape::Exponential.name(), "Exponential")]
                    hint="Exponential grows by a constant % a month"
                    get=Arc::new(move |p: &Plan| match p.scenarios.get(i).map(|s| &s.growth) {
                        Some(Growth::Trend { shape, .. }) => Some(shape.name()),
                        _ => None,
                    })
                    set=Arc::new(move |p: &mut Plan, v: &'static str| {
                        if let (Some(Growth::Trend { shape, .. }), Some(v)) =
                            (p.scenarios.get_mut(i).map(|s| &mut s.growth), TrendShape::from_name(v))
                        {
                            *shape = v;
                        }
                    })
                />
                <NumberInput path=format!("scenarios[{i}].growth.confidence_pct") spec=specs::CONFIDENCE_PCT get=gc set=sc
                    hint="Width of the prediction interval"/>
            </div>
            <p class="hint">"Which bound the plan sizes for is a policy (Policies tab, Capacity)."</p>
        </fieldset>
    }
}

/// History pasted from a spreadsheet, a CSV file or a Prometheus range query (or opened from a
/// file), read into the trend's observations by the file worker
/// (`headroom_core::codec::history::read`); text that cannot be read leaves them as they were
/// and says which line is at fault.
#[component]
fn PasteHistory(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    // Read by the file worker, which holds the reading of dates, numbers and Prometheus JSON.
    let read = move |text: String| {
        let job = move |plan| Job::ReadHistory {
            plan,
            scenario: i,
            text,
        };
        Box::pin(files::read_into(ws, job)) as _
    };
    paste_box(
        PasteBox {
            key: "history",
            id: format!("history-text-{i}"),
            summary: "Paste history",
            label: "Dates and counts",
            placeholder: "2026-07-01\t1200\n2026-08-01\t1350",
            hint: "Two columns copied from a spreadsheet or a CSV file (the date, then the count), or a Prometheus query_range answer (JSON). They replace the observations above; undo brings those back.",
            button: "Use these observations",
            accept: ".csv,.tsv,.txt,.json,text/csv,text/plain,application/json",
        },
        Box::new(read),
    )
}

fn observation_row(i: usize, j: usize, unit: Memo<String>) -> impl IntoView {
    let ws = workspace();
    let (gu, su) = num(
        move |p| history(p, i).and_then(|h| h.get(j)).map(|o| o.units),
        move |p, v| {
            if let Some(o) = history_mut(p, i).and_then(|h| h.get_mut(j)) {
                o.units = v;
            }
        },
    );
    let remove = move |_| {
        structural_edit(ws, "history-", |p| {
            if let Some(h) = history_mut(p, i) {
                if j < h.len() {
                    h.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row-fields three" role="group" aria-label=format!("Observation {}", j + 1)>
            <DateInput path=format!("scenarios[{i}].growth.history[{j}].date") label="Date"
                get=Arc::new(move |p: &Plan| history(p, i).and_then(|h| h.get(j)).map(|o| o.date))
                set=Arc::new(move |p: &mut Plan, d: edit::NaiveDate| {
                    if let Some(o) = history_mut(p, i).and_then(|h| h.get_mut(j)) {
                        o.date = d;
                    }
                })/>
            <NumberInput path=format!("scenarios[{i}].growth.history[{j}].units") spec=specs::OBSERVED_UNITS
                label="Count" unit=Signal::derive(move || unit.get()) get=gu set=su/>
            <button type="button" class="remove" data-testid=format!("remove-observation-{j}") on:click=remove
                aria-label=format!("Remove observation {}", j + 1)>"Remove"</button>
        </div>
    }
}

fn effects(p: &Plan, i: usize) -> Option<&Vec<CalendarEffect>> {
    p.scenarios.get(i).map(|s| &s.calendar)
}

fn effect_mut(p: &mut Plan, i: usize, j: usize) -> Option<&mut CalendarEffect> {
    p.scenarios.get_mut(i).and_then(|s| s.calendar.get_mut(j))
}

/// Seasons and events: multipliers on peak demand between two days of the year.
#[component]
fn CalendarTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = Memo::new(move |_| ws.plan.with(|p| effects(p, i).map_or(0, Vec::len)));
    let full = Memo::new(move |_| {
        ws.plan
            .with(|p| !p.scenarios.get(i).is_some_and(edit::can_add_effect))
    });
    let list_path = format!("scenarios[{i}].calendar");
    let list_problem = Memo::new(move |_| ws.plan_error(&list_path));
    let add_effect = move |effect: Option<CalendarEffect>| {
        let mut added = None;
        structural_edit(ws, "calendar+", |p| {
            if let Some(s) = p.scenarios.get_mut(i).filter(|s| edit::can_add_effect(s)) {
                let effect = effect.unwrap_or_else(|| edit::new_effect(s));
                s.calendar.push(effect);
                added = Some(s.calendar.len() - 1);
            }
        });
        added
    };
    view! {
        <fieldset class="block calendar" data-testid="calendar">
            <legend>"Seasons and events"</legend>
            <p class="hint">"Multiply peak demand between two days of every year (or one year). ×3 triples it; ×0.7 is 30 % less."</p>
            <div class="rows">
                {index_rows(count, move |j| effect_row(i, j).into_any())}
            </div>
            {move || list_problem.get().map(|m| view! { <p class="error" role="alert" data-testid="field-error">{m}</p> })}
            <div class="presets" role="group" aria-label="Add a common season">
                {CALENDAR_PRESETS
                    .iter()
                    .enumerate()
                    .map(|(k, preset)| {
                        let taken = Memo::new(move |_| {
                            ws.plan.with(|p| p.scenarios.get(i).is_some_and(|s| edit::has_preset(s, &CALENDAR_PRESETS[k])))
                        });
                        view! {
                            <button
                                type="button"
                                class="preset"
                                data-testid=format!("preset-{k}")
                                disabled=move || taken.get() || full.get()
                                title=move || if taken.get() { "Already in this scenario" } else { "" }
                                on:click=move |_| {
                                    add_effect(Some(CALENDAR_PRESETS[k].effect()));
                                }
                            >
                                "+ " {preset.label()}
                            </button>
                        }
                    })
                    .collect_view()}
                <button type="button" class="add" data-testid="add-effect" disabled=move || full.get() on:click=move |_| {
                    if let Some(j) = add_effect(None) {
                        focus_soon(field_id(&format!("scenarios[{i}].calendar[{j}].name")));
                    }
                }>"Add a season"</button>
            </div>
        </fieldset>
    }
}

fn effect_row(i: usize, j: usize) -> impl IntoView {
    let ws = workspace();
    let name = Memo::new(move |_| {
        ws.plan.with(|p| {
            effects(p, i)
                .and_then(|e| e.get(j))
                .map(|e| e.name.clone())
                .unwrap_or_default()
        })
    });
    let period = Memo::new(move |_| {
        ws.plan.with(|p| {
            effects(p, i)
                .and_then(|e| e.get(j))
                .map(edit::period)
                .unwrap_or_default()
        })
    });
    let (gx, sx) = num(
        move |p| effects(p, i).and_then(|e| e.get(j)).map(|e| e.multiplier),
        move |p, v| {
            if let Some(e) = effect_mut(p, i, j) {
                e.multiplier = v;
            }
        },
    );
    let day = |to: bool| -> (Getter<MonthDay>, Setter<MonthDay>) {
        (
            Arc::new(move |p: &Plan| {
                effects(p, i)
                    .and_then(|e| e.get(j))
                    .map(|e| if to { e.to } else { e.from })
            }),
            Arc::new(move |p: &mut Plan, d: MonthDay| {
                if let Some(e) = effect_mut(p, i, j) {
                    if to {
                        e.to = d;
                    } else {
                        e.from = d;
                    }
                }
            }),
        )
    };
    let (gfrom, sfrom) = day(false);
    let (gto, sto) = day(true);
    let remove = move |_| {
        structural_edit(ws, "calendar-", |p| {
            if let Some(s) = p.scenarios.get_mut(i) {
                if j < s.calendar.len() {
                    s.calendar.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row-card" role="group" aria-label=move || format!("Season {}: {}", j + 1, name.get())>
            <div class="row-head">
                <TextInput path=format!("scenarios[{i}].calendar[{j}].name") label="Name"
                    get=Arc::new(move |p: &Plan| effects(p, i).and_then(|e| e.get(j)).map(|e| e.name.clone()))
                    set=Arc::new(move |p: &mut Plan, v: String| {
                        if let Some(e) = effect_mut(p, i, j) {
                            e.name = v;
                        }
                    })/>
                <button type="button" class="remove" data-testid=format!("remove-effect-{j}") on:click=remove
                    aria-label=move || format!("Remove the season {}", name.get())>"Remove"</button>
            </div>
            <div class="row-grid four">
                <MonthDayInput path=format!("scenarios[{i}].calendar[{j}].from") label="From" get=gfrom set=sfrom/>
                <MonthDayInput path=format!("scenarios[{i}].calendar[{j}].to") label="To" get=gto set=sto/>
                <NumberInput path=format!("scenarios[{i}].calendar[{j}].multiplier") spec=specs::MULTIPLIER
                    label="Multiplier" get=gx set=sx/>
                <OptionalNumberInput path=format!("scenarios[{i}].calendar[{j}].year") spec=specs::EFFECT_YEAR
                    label="Only in year" placeholder="every year"
                    get=Arc::new(move |p: &Plan| effects(p, i).and_then(|e| e.get(j)).map(|e| e.year.map(f64::from)))
                    set=Arc::new(move |p: &mut Plan, y: Option<f64>| {
                        if let Some(e) = effect_mut(p, i, j) {
                            e.year = y.map(|y| y as i32);
                        }
                    })/>
            </div>
            <p class="hint period">{move || period.get()}</p>
        </div>
    }
}
