//! The cost by component chart ([`cost_chart`]): each month's bill stacked by component, the
//! smallest components summed into one beyond the palette's colours, and why a month's total
//! is only a lower bound when it leaves out a cost.

use super::{
    first_calendar, horizon, scenario_at, ChartData, Series, Shape, Tone, ValueFormat, PALETTE_SIZE,
};
use crate::engine::{MonthResult, PlanResults};
use crate::format;
use crate::plan::Plan;
use crate::totals::{self, LowerBound};
use std::fmt::Write as _;

/// Most components a cost chart stacks; beyond, the smallest are summed into one.
const MAX_COST_COMPONENTS: usize = PALETTE_SIZE;

/// Each month's bill stacked by component, for scenario `scenario` (clamped); `None` when
/// there are no results. `plan` names the plan's other costs.
///
/// Components keep the bill's order (app instances, database, Redis, GPU voice, other costs);
/// a component absent from a month counts 0 there. With more than [`PALETTE_SIZE`] components,
/// the smallest over the horizon are summed into "Other costs".
pub fn cost_chart(plan: &Plan, results: &PlanResults, scenario: usize) -> Option<ChartData> {
    let (_, result) = scenario_at(results, scenario)?;
    let months = &result.months;
    let start = first_calendar(months)?;
    let names = &plan.baseline.other_costs;
    // Components in first-seen order, each with a value per month.
    let mut components: Vec<(crate::cost::CostComponent, Vec<f64>)> = Vec::new();
    for (i, m) in months.iter().enumerate() {
        for item in &m.cost.items {
            let position = match components.iter().position(|(c, _)| *c == item.component) {
                Some(p) => p,
                None => {
                    components.push((item.component, vec![0.0; months.len()]));
                    components.len() - 1
                }
            };
            if let Some(slot) = components
                .get_mut(position)
                .and_then(|(_, values)| values.get_mut(i))
            {
                *slot += if item.usd_per_month.is_finite() {
                    item.usd_per_month
                } else {
                    0.0
                };
            }
        }
    }
    let mut series: Vec<(String, Vec<f64>)> = components
        .into_iter()
        .map(|(c, values)| (c.name(names).to_owned(), values))
        .collect();
    if series.len() > MAX_COST_COMPONENTS {
        // Keep the largest (by horizon total) in bill order; sum the rest.
        let total = |v: &Vec<f64>| v.iter().sum::<f64>();
        let mut order: Vec<usize> = (0..series.len()).collect();
        crate::sort::stable_sort_by(&mut order, &|&a, &b| {
            total(&series[b].1).total_cmp(&total(&series[a].1))
        });
        let keep: Vec<usize> = order[..MAX_COST_COMPONENTS - 1].to_vec();
        let mut rest = vec![0.0; months.len()];
        let mut rest_count = 0;
        let mut kept = Vec::new();
        for (i, (name, values)) in series.into_iter().enumerate() {
            if keep.contains(&i) {
                kept.push((name, values));
            } else {
                rest_count += 1;
                for (r, v) in rest.iter_mut().zip(values) {
                    *r += v;
                }
            }
        }
        kept.push((format!("Other costs ({rest_count} lines)"), rest));
        series = kept;
    }

    let first = months.first()?;
    let last = months.last()?;
    let currency = results.currency;
    let total = |m: &MonthResult| {
        totals::money(
            m.cost.total_usd_per_month,
            m.cost.is_lower_bound(),
            currency,
        )
    };
    let mut summary = format!(
        "{}: monthly cost goes from {} in {} to {} in {}",
        result.name,
        total(first),
        first.calendar.label(),
        total(last),
        last.calendar.label()
    );
    let last_index = months.len() - 1;
    let biggest = series
        .iter()
        .filter_map(|(name, v)| Some((name, *v.get(last_index)?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match biggest {
        Some((name, value)) if value > 0.0 => {
            let _ = write!(
                summary,
                "; the largest line in {} is {} at {}.",
                last.calendar.label(),
                name,
                format::money(value, currency)
            );
        }
        _ => summary.push('.'),
    }
    if let Some(why) = LowerBound::of(months) {
        let _ = write!(summary, " Totals are lower bounds: {}.", why.reason(names));
    }
    let lower_bounds = months
        .iter()
        .map(|m| LowerBound::of_month(m).map(|why| why.reason(names)))
        .collect();

    Some(ChartData {
        id: "cost",
        title: "Cost by component".to_owned(),
        summary,
        start,
        months: horizon(months),
        format: ValueFormat::MoneyPerMonth(currency),
        integer: false,
        series: series
            .into_iter()
            .enumerate()
            .map(|(i, (name, values))| Series {
                name,
                values,
                shape: Shape::Bars,
                tone: Tone::Palette(i),
                dashed: false,
                emphasis: false,
                lower: Vec::new(),
            })
            .collect(),
        events: Vec::new(),
        fleet: Vec::new(),
        lower_bounds,
        series_lower_bounds: Vec::new(),
        bands_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::tests::run;
    use crate::chart::Frame;
    use crate::{engine, presets};

    #[test]
    fn a_cost_chart_whose_totals_leave_out_a_cost_says_at_least_and_why() {
        let (plan, results) = run("voiceassist");
        let chart = cost_chart(&plan, &results, 0).expect("results");
        let months = &results.scenarios[0].months;
        let readout = chart.readout(1);
        assert_eq!(
            readout.total,
            Some(format!(
                "at least {}/month",
                format::money(months[0].cost.total_usd_per_month, crate::currency::USD)
            ))
        );
        assert_eq!(
            readout.remark.as_deref(),
            Some("the total leaves out a cost: the database has no price; Redis has no price")
        );
        assert!(chart
            .readout(6)
            .remark
            .unwrap()
            .contains("the database is beyond the largest catalog tier"));
        assert!(
            chart
                .summary
                .contains("monthly cost goes from at least $119 in "),
            "{}",
            chart.summary
        );
        assert!(
            chart.summary.ends_with(
                " Totals are lower bounds: the database has no price; Redis has no price; \
                 the database is beyond the largest catalog tier from month 6."
            ),
            "{}",
            chart.summary
        );
        // A complete bill: no "at least", no remark.
        let (plan, results) = run("blank");
        let chart = cost_chart(&plan, &results, 0).expect("results");
        let readout = chart.readout(1);
        assert!(!readout.total.unwrap().starts_with("at least"));
        assert_eq!(readout.remark, None);
        assert!(!chart.summary.contains("lower bound"), "{}", chart.summary);
    }

    #[test]
    fn cost_chart_stacks_every_component_to_the_total() {
        let (plan, results) = run("cafe-pilot");
        let chart = cost_chart(&plan, &results, 0).expect("results");
        let months = &results.scenarios[0].months;
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names[0], "App instances");
        for item in &months[0].cost.items {
            assert!(names.contains(&item.component.name(&plan.baseline.other_costs)));
        }
        for (i, m) in months.iter().enumerate() {
            let sum: f64 = chart.series.iter().map(|s| s.values[i]).sum();
            assert!((sum - m.cost.total_usd_per_month).abs() < 1e-6);
        }
        let readout = chart.readout(1);
        assert_eq!(
            readout.total,
            Some(format!(
                "{}/month",
                format::money(months[0].cost.total_usd_per_month, crate::currency::USD)
            ))
        );
        assert_eq!(readout.values.len(), chart.series.len());
        assert_eq!(chart.format.axis_title(), "USD/month");
        // The stack's top is the total: the axis covers the largest bill.
        let geometry = chart.layout(Frame::for_width(900.0));
        let top = months
            .iter()
            .map(|m| m.cost.total_usd_per_month)
            .fold(0.0, f64::max);
        assert!(geometry.y_axis.max >= top);
    }

    #[test]
    fn many_cost_lines_fold_into_other_costs() {
        let mut plan = presets::find("blank").expect("blank").build();
        for i in 0..12 {
            plan.baseline.other_costs.push(crate::plan::CostLine {
                name: format!("Line {i}"),
                fixed_usd_per_month: f64::from(i + 1),
                per_unit_usd_per_month: 0.0,
                included_units: 0.0,
                from_month: None,
                until_month: None,
            });
        }
        let results = engine::run(&plan.clone().validate().expect("valid"));
        let chart = cost_chart(&plan, &results, 0).expect("results");
        assert_eq!(chart.series.len(), MAX_COST_COMPONENTS);
        assert!(chart
            .series
            .last()
            .unwrap()
            .name
            .starts_with("Other costs ("));
        for (i, m) in results.scenarios[0].months.iter().enumerate() {
            let sum: f64 = chart.series.iter().map(|s| s.values[i]).sum();
            assert!((sum - m.cost.total_usd_per_month).abs() < 1e-6);
        }
    }
}
