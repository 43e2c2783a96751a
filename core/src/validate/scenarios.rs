//! The scenarios: the list and its names, each scenario's growth model, its calendar effects,
//! its own traffic and the own growth of its data and background work.

use super::baseline::{check_fixed_within, check_traffic};
use super::calendar::check_month_day;
use super::{at, repeated, specs, Checker, MAX_CALENDAR_EFFECTS, MAX_LIST, MAX_SCENARIOS};
use crate::plan::{Baseline, Growth, Scenario};

pub(super) fn check_scenarios(c: &mut Checker, scenarios: &[Scenario], baseline: &Baseline) {
    if scenarios.is_empty() {
        c.fail("scenarios", "The plan needs at least one scenario");
        return;
    }
    if !c.list_len(
        "scenarios",
        "The scenario list",
        scenarios.len(),
        1,
        MAX_SCENARIOS,
    ) {
        return;
    }
    c.unique_names(
        "scenarios",
        "A scenario's name",
        scenarios.iter().map(|s| s.name.as_str()),
    );
    for (i, scenario) in scenarios.iter().enumerate() {
        let path = format!("scenarios[{i}]");
        check_growth(c, &at(&path, "growth"), &scenario.growth);
        if let Some(traffic) = &scenario.traffic {
            let own = at(&path, "traffic");
            check_traffic(c, &own, traffic);
            check_fixed_within(c, &at(&own, "peak_rps"), baseline, traffic);
        }
        c.optional(
            at(&path, "data_monthly_growth_pct"),
            specs::DATA_GROWTH_PCT,
            scenario.data_monthly_growth_pct,
        );
        c.optional(
            at(&path, "background_monthly_growth_pct"),
            specs::BACKGROUND_GROWTH_PCT,
            scenario.background_monthly_growth_pct,
        );
        let effects = &scenario.calendar;
        if c.list_len(
            &at(&path, "calendar"),
            "The calendar",
            effects.len(),
            0,
            MAX_CALENDAR_EFFECTS,
        ) {
            for (j, effect) in effects.iter().enumerate() {
                let path = format!("{path}.calendar[{j}]");
                c.name(at(&path, "name"), "A season's name", &effect.name);
                check_month_day(c, at(&path, "from"), "The first day", effect.from);
                check_month_day(c, at(&path, "to"), "The last day", effect.to);
                c.number(
                    at(&path, "multiplier"),
                    specs::MULTIPLIER,
                    effect.multiplier,
                );
                if let Some(year) = effect.year {
                    c.number(at(&path, "year"), specs::EFFECT_YEAR, f64::from(year));
                }
            }
        }
    }
}

fn check_growth(c: &mut Checker, path: &str, growth: &Growth) {
    match growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => {
            c.number(
                at(path, "monthly_growth_pct"),
                specs::GROWTH_PCT,
                *monthly_growth_pct,
            );
            c.number(
                at(path, "monthly_churn_pct"),
                specs::CHURN_PCT,
                *monthly_churn_pct,
            );
            if monthly_growth_pct.is_finite()
                && monthly_churn_pct.is_finite()
                && monthly_growth_pct - monthly_churn_pct < -100.0
            {
                c.fail(
                    at(path, "monthly_churn_pct"),
                    "Growth minus churn is below −100 %: a month cannot lose more than every unit",
                );
            }
        }
        Growth::Milestones { points, .. } => {
            if c.list_len(&at(path, "points"), "Milestones", points.len(), 1, MAX_LIST) {
                let mut months = Vec::new();
                for (i, point) in points.iter().enumerate() {
                    c.count(
                        format!("{path}.points[{i}].month"),
                        specs::MILESTONE_MONTH,
                        point.month,
                    );
                    c.number(
                        format!("{path}.points[{i}].units"),
                        specs::MILESTONE_UNITS,
                        point.units,
                    );
                    if repeated(&mut months, point.month) {
                        c.fail(
                            format!("{path}.points[{i}].month"),
                            format!("Month {} has two milestones: keep one", point.month),
                        );
                    }
                }
            }
        }
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => {
            c.number(
                at(path, "confidence_pct"),
                specs::CONFIDENCE_PCT,
                *confidence_pct,
            );
            if c.list_len(&at(path, "history"), "History", history.len(), 3, MAX_LIST) {
                for (i, point) in history.iter().enumerate() {
                    c.number(
                        format!("{path}.history[{i}].units"),
                        specs::OBSERVED_UNITS,
                        point.units,
                    );
                    if *shape == crate::plan::TrendShape::Exponential
                        && (point.units.is_nan() || point.units <= 0.0)
                    {
                        c.fail(
                            format!("{path}.history[{i}].units"),
                            "An exponential trend needs every observation above 0",
                        );
                    }
                }
                let mut dates = Vec::new();
                let different_days = history
                    .iter()
                    .filter(|point| !repeated(&mut dates, point.date))
                    .count();
                if different_days < 3 {
                    c.fail(
                        at(path, "history"),
                        "History needs observations on at least 3 different days",
                    );
                }
            }
        }
    }
}
