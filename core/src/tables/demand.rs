//! The demand and app instances table: units, peak, instances and what bound them.

use super::cells::{amount, count, percent, rows, units_amount};
use super::{Cell, Column, Flag, Table};
use crate::engine::{Figure, ScenarioResult};
use crate::format;
use crate::plan::Plan;
use crate::sizing::Binding;

pub(super) fn demand_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let unit_name = plan.baseline.demand_unit.as_str();
    let sized_differs = result
        .months
        .iter()
        .any(|m| (m.units_sized - m.units.mean).abs() > 1e-9 * m.units.mean.abs().max(1.0));
    let calendar = result
        .months
        .iter()
        .any(|m| !m.calendar_effect.active.is_empty());
    let mut columns = vec![Column::new("units", "Units", unit_name).explained(Figure::Units)];
    if sized_differs {
        columns.push(Column::new("units-sized", "Sized for", unit_name).explained(Figure::PeakRps));
    }
    if calendar {
        columns.push(Column::new("calendar", "Calendar", "").text());
    }
    columns.extend([
        Column::new("peak", "Peak", "req/s").explained(Figure::PeakRps),
        Column::new("instances", "App instances", "").explained(Figure::AppInstances),
        Column::new("utilisation", "Utilisation at peak", "%").explained(Figure::AppInstances),
        Column::new("binding", "Binds", "")
            .explained(Figure::AppInstances)
            .text(),
    ]);
    let rows = rows(result, labels, |_, m| {
        let mut cells = vec![amount(units_amount(m.units.mean))];
        if sized_differs {
            cells.push(amount(units_amount(m.units_sized)));
        }
        if calendar {
            let effect = &m.calendar_effect;
            cells.push(Cell::words(if effect.active.is_empty() {
                String::new()
            } else {
                format!(
                    "{} ×{}",
                    effect.active.join(", "),
                    format::number(effect.peak)
                )
            }));
        }
        let over = m.app.over_max.then_some(Flag::OverMax);
        cells.extend([
            amount(m.peak_rps),
            count(m.app.instances).flagged(over),
            percent(m.app.utilisation_at_peak),
            Cell::words(match (m.app.over_max, m.app.binding) {
                (true, _) => "above the maximum",
                (false, Binding::Load) => "CPU target",
                (false, Binding::Minimum) => "minimum",
            })
            .flagged(over),
        ]);
        cells
    });
    Table {
        id: "demand",
        title: "Demand and app instances".to_owned(),
        note: Some(format!(
            "{} on {}; at most {} instances before moving up a size.",
            plan.policies.app_instance,
            if plan.policies.target_utilisation_pct > 0.0 {
                format!(
                    "a {} utilisation target",
                    format::percent(plan.policies.target_utilisation_pct / 100.0)
                )
            } else {
                "no utilisation target".to_owned()
            },
            plan.policies.max_instances
        )),
        priced_on: None,
        columns,
        rows,
    }
}
