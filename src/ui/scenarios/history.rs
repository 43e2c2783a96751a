//! A scenario's history: the dated observations a trend is fitted to, typed or pasted.

use super::*;
use crate::ui::memo;

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
pub(super) fn HistoryTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = memo(move || ws.plan.with(|p| history(p, i).map_or(0, Vec::len)));
    let unit = plan_memo(demand_unit);
    let list_path = format!("scenarios[{i}].growth.history");
    let list_problem = memo(move || ws.plan_error(&list_path));
    let fit = memo(move || {
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
                    edit::drop_entry_ranges(p, &format!("scenarios[{i}].growth.history"), j);
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
