//! A scenario's milestones: known counts at given months, step or linear between.

use super::*;
use crate::ui::memo;

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
pub(super) fn MilestoneTable(index: usize) -> impl IntoView {
    let ws = workspace();
    let i = index;
    let count = memo(move || ws.plan.with(|p| points(p, i).map_or(0, Vec::len)));
    let unit = plan_memo(demand_unit);
    let list_path = format!("scenarios[{i}].growth.points");
    let list_problem = memo(move || ws.plan_error(&list_path));
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
    let when = memo(move || {
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
                    edit::drop_entry_ranges(p, &format!("scenarios[{i}].growth.points"), j);
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
