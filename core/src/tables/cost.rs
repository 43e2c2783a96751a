//! The cost table: each component's monthly cost, the total and its lower bounds, in the
//! plan's currency at the catalog's prices.

use super::cells::{money, rows_with, singular};
use super::{Cell, Column, Flag, Table};
use crate::engine::{Figure, PlanResults, ScenarioResult};
use crate::format;
use crate::plan::Plan;
use crate::totals::{self, LowerBound};

/// "USD/month, prices of 1 Nov 2026": the unit of every cost, with the catalog's price date.
pub fn price_note(results: &PlanResults) -> String {
    format!(
        "{}, prices of {}",
        results.currency.per_month(),
        format::day_label(results.priced_on)
    )
}

pub(super) fn cost_table(
    plan: &Plan,
    results: &PlanResults,
    result: &ScenarioResult,
    labels: &[String],
) -> Table {
    let names = &plan.baseline.other_costs;
    let currency = results.currency;
    let per_month = currency.per_month();
    let components: Vec<_> = result
        .months
        .first()
        .map(|m| m.cost.items.iter().map(|i| i.component).collect())
        .unwrap_or_default();
    let mut columns: Vec<Column> = components
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Column::new(format!("cost-{i}"), c.name(names), per_month.clone())
                .explained(Figure::Cost { component: i })
        })
        .collect();
    let unit_name = &plan.baseline.demand_unit;
    columns.push(Column::new("total", "Total", per_month.clone()).explained(Figure::TotalCost));
    columns.push(
        Column::new(
            "per-unit",
            format!("Per {}", singular(unit_name)),
            per_month,
        )
        .explained(Figure::CostPerUnit),
    );
    let rows = rows_with(
        result,
        labels,
        |_, m| {
            let mut cells: Vec<Cell> = components
                .iter()
                .map(|component| {
                    m.cost
                        .items
                        .iter()
                        .find(|item| item.component == *component)
                        .map_or_else(
                            || money(0.0, currency),
                            |item| money(item.usd_per_month, currency),
                        )
                })
                .collect();
            let lower_bound = m.cost.is_lower_bound();
            let flag = lower_bound.then_some(Flag::LowerBound);
            let total = m.cost.total_usd_per_month;
            cells.push(
                Cell::number(total, totals::money(total, lower_bound, currency)).flagged(flag),
            );
            cells.push(match m.cost_per_unit_usd {
                Some(per_unit) => {
                    Cell::number(per_unit, totals::money(per_unit, lower_bound, currency))
                        .flagged(flag)
                }
                None => Cell::words("—"),
            });
            cells
        },
        |m| LowerBound::of_month(m).map(|why| why.reason(names)),
    );
    let mut note = price_note(results);
    if let Some(why) = LowerBound::of(&result.months) {
        note.push_str(&format!(
            ". Totals marked “at least” leave out a cost: {}.",
            why.reason(names)
        ));
    }
    Table {
        id: "cost",
        title: "Cost".to_owned(),
        note: Some(note),
        priced_on: Some(results.priced_on),
        columns,
        rows,
    }
}
