//! A scenario's seasons and events: multipliers on peak demand between two days of the year.

use super::*;
use crate::ui::memo;

fn effects(p: &Plan, i: usize) -> Option<&Vec<CalendarEffect>> {
    p.scenarios.get(i).map(|s| &s.calendar)
}

fn effect_mut(p: &mut Plan, i: usize, j: usize) -> Option<&mut CalendarEffect> {
    p.scenarios.get_mut(i).and_then(|s| s.calendar.get_mut(j))
}

/// Seasons and events: multipliers on peak demand between two days of the year.
#[component]
pub(super) fn CalendarTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = memo(move || ws.plan.with(|p| effects(p, i).map_or(0, Vec::len)));
    let full = memo(move || {
        ws.plan
            .with(|p| !p.scenarios.get(i).is_some_and(edit::can_add_effect))
    });
    let list_path = format!("scenarios[{i}].calendar");
    let list_problem = memo(move || ws.plan_error(&list_path));
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
                        let taken = memo(move || {
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
    let name = memo(move || {
        ws.plan.with(|p| {
            effects(p, i)
                .and_then(|e| e.get(j))
                .map(|e| e.name.clone())
                .unwrap_or_default()
        })
    });
    let period = memo(move || {
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
                    edit::drop_entry_ranges(p, &format!("scenarios[{i}].calendar"), j);
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
