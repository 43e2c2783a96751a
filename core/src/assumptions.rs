//! A plan's assumptions in words, for readers who see its results but not its inputs (the
//! read-only view of a shared link): today's baseline, each scenario's growth, the policies
//! that bind the sizing, and how old the prices are.
//!
//! Built from the plan alone (no results), in the same words and number formats as the rest
//! of the page ([`crate::format`], [`crate::edit::period`]). Total: any plan, even one that
//! does not validate, gives words and never panics.

use crate::edit;
use crate::format::{money, number, percent, with_unit};
use crate::plan::{
    ForecastBound, Growth, Interpolation, PeakShape, Plan, Scenario, Traffic, TrendShape,
};

/// One line of the assumptions: what it is about, and what the plan assumes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    /// Short label: "Today", "Traffic", "Scenario “Steady”", "Prices".
    pub label: String,
    /// The assumption in words.
    pub text: String,
}

fn line(label: impl Into<String>, text: impl Into<String>) -> Assumption {
    Assumption {
        label: label.into(),
        text: text.into(),
    }
}

/// The plan's period and today's demand in one sentence, under its name in the read-only view
/// and on paper: "12 months, Dec 2025 to Nov 2026; today 100 users".
pub fn period(plan: &Plan) -> String {
    let last = plan.start.of_plan_month(plan.horizon_months.max(1));
    format!(
        "{} months, {} to {}; today {} {}",
        plan.horizon_months,
        plan.start.label(),
        last.label(),
        number(plan.baseline.units),
        plan.baseline.demand_unit
    )
}

/// The plan's assumptions, in reading order: today, traffic, instances, one line per
/// scenario, policies, prices.
///
/// # Example
/// ```
/// use headroom_core::{assumptions::assumptions, plan::Plan};
/// let lines = assumptions(&Plan::default());
/// assert_eq!(lines[0].label, "Today");
/// assert!(lines.iter().any(|l| l.label == "Prices"));
/// ```
pub fn assumptions(plan: &Plan) -> Vec<Assumption> {
    let mut lines = Vec::with_capacity(6 + plan.scenarios.len());
    let unit = plan.baseline.demand_unit.trim();
    let one = edit::singular(unit);
    lines.push(line("Today", with_unit(plan.baseline.units, unit)));
    lines.push(line("Traffic", traffic(plan, &one)));
    lines.push(line("App instances", instances(plan)));
    for scenario in &plan.scenarios {
        let mut text = growth(scenario, plan.policies.forecast_bound);
        if let Some(own) = &scenario.traffic {
            text.push_str("; its own traffic: ");
            text.push_str(&traffic_model(plan, own, &one));
        }
        for (what, pct) in [
            ("data", scenario.data_monthly_growth_pct),
            ("background work", scenario.background_monthly_growth_pct),
        ] {
            if let Some(pct) = pct {
                let verb = if pct < 0.0 { "shrinks" } else { "grows" };
                text.push_str(&format!(
                    "; {what} {verb} {}/month on its own",
                    percent(pct.abs() / 100.0)
                ));
            }
        }
        lines.push(line(format!("Scenario “{}”", scenario.name), text));
    }
    lines.push(line("Policies", policies(plan)));
    lines.push(line("Prices", prices(plan)));
    lines
}

fn traffic(plan: &Plan, one: &str) -> String {
    let mut text = traffic_model(plan, &plan.baseline.traffic, one);
    if plan.baseline.fixed_peak_rps > 0.0 {
        text.push_str(&format!(
            ", plus {} that does not grow",
            with_unit(plan.baseline.fixed_peak_rps, "req/s")
        ));
    }
    text
}

/// A traffic model in words: "800 requests per user per day, peak 3× the day's average".
fn traffic_model(plan: &Plan, traffic: &Traffic, one: &str) -> String {
    let per = if one.is_empty() { "unit" } else { one };
    match traffic {
        Traffic::PeakRate { peak_rps } => format!(
            "peak {} today, growing with the {}",
            with_unit(*peak_rps, "req/s"),
            if plan.baseline.demand_unit.trim().is_empty() {
                "units"
            } else {
                plan.baseline.demand_unit.trim()
            }
        ),
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => {
            let shape = match peak {
                PeakShape::PeakToAverage { ratio } => {
                    format!("peak {}× the day's average", number(*ratio))
                }
                PeakShape::PeakHourShare { share_pct } => {
                    format!(
                        "{} of the day in its busiest hour",
                        with_unit(*share_pct, "%")
                    )
                }
            };
            format!(
                "{} requests per {per} per day, {shape}",
                number(*requests_per_unit_per_day)
            )
        }
    }
}

fn instances(plan: &Plan) -> String {
    let policies = &plan.policies;
    let target = with_unit(policies.target_utilisation_pct, "%");
    match plan
        .catalogs
        .instances
        .iter()
        .find(|i| i.name == policies.app_instance)
    {
        Some(instance) => format!(
            "{}, {} each, sized to {target} utilisation",
            instance.name,
            with_unit(instance.capacity_rps, "req/s")
        ),
        None => format!(
            "“{}” (not in the instance catalog), sized to {target} utilisation",
            policies.app_instance
        ),
    }
}

fn growth(scenario: &Scenario, bound: ForecastBound) -> String {
    let mut text = match &scenario.growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => {
            let mut text = format!("compound {} %/month", number(*monthly_growth_pct));
            if *monthly_churn_pct != 0.0 {
                text.push_str(&format!(", churn {} %", number(*monthly_churn_pct)));
            }
            text
        }
        Growth::Milestones { points, between } => {
            let shown: Vec<String> = points
                .iter()
                .map(|p| format!("{} in month {}", number(p.units), p.month))
                .collect();
            let between = match between {
                Interpolation::Step => "steps",
                Interpolation::Linear => "linear",
            };
            if shown.is_empty() {
                "milestones: none yet".to_owned()
            } else {
                format!("milestones {} ({between} between)", shown.join(", "))
            }
        }
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => {
            let shape = match shape {
                TrendShape::Linear => "linear",
                TrendShape::Exponential => "exponential",
            };
            let span = match (
                history.iter().map(|o| o.date).min(),
                history.iter().map(|o| o.date).max(),
            ) {
                (Some(first), Some(last)) => format!(", {first} to {last}"),
                _ => String::new(),
            };
            let bound = match bound {
                ForecastBound::Mean => "its mean".to_owned(),
                ForecastBound::Upper => {
                    format!(
                        "the upper end of its {} interval",
                        with_unit(*confidence_pct, "%")
                    )
                }
                ForecastBound::Lower => {
                    format!(
                        "the lower end of its {} interval",
                        with_unit(*confidence_pct, "%")
                    )
                }
            };
            let count = history.len();
            let observations = if count == 1 {
                "observation"
            } else {
                "observations"
            };
            format!("{shape} trend of {count} {observations}{span}, sized to {bound}")
        }
    };
    if !scenario.calendar.is_empty() {
        let events: Vec<String> = scenario
            .calendar
            .iter()
            .map(|e| format!("{} ({} ×{})", e.name, edit::period(e), number(e.multiplier)))
            .collect();
        text.push_str(&format!("; seasonal: {}", events.join(", ")));
    }
    text
}

fn policies(plan: &Plan) -> String {
    let p = &plan.policies;
    let mut parts = Vec::new();
    if p.redundancy > 0 {
        parts.push(format!("N+{} redundancy", p.redundancy));
    }
    if p.min_instances > 1 {
        parts.push(format!(
            "at least {} instances (HA minimum)",
            p.min_instances
        ));
    }
    parts.push(format!("flagged above {} instances", p.max_instances));
    if p.headroom_pct > 0.0 {
        parts.push(format!("{} headroom", with_unit(p.headroom_pct, "%")));
    }
    parts.push(format!(
        "next tier at {}",
        with_unit(p.scale_up_trigger_pct, "%")
    ));
    for (what, own) in [
        ("database connections", p.database_connections_trigger_pct),
        ("database size", p.database_storage_trigger_pct),
        ("Redis memory", p.redis_memory_trigger_pct),
    ] {
        if let Some(own) = own.filter(|&own| own != p.scale_up_trigger_pct) {
            parts.push(format!("{what} at {}", with_unit(own, "%")));
        }
    }
    if p.redis.require_replica {
        parts.push("Redis with a replica".to_owned());
    }
    if p.commitment.enabled {
        parts.push(format!(
            "committed {} months at {} off",
            p.commitment.term_months,
            with_unit(p.commitment.discount_pct, "%")
        ));
    }
    if p.off_hours.enabled {
        parts.push(format!(
            "off hours at {} of peak",
            with_unit(p.off_hours.off_hours_share_pct, "%")
        ));
    }
    parts.join("; ")
}

fn prices(plan: &Plan) -> String {
    let c = &plan.catalogs;
    let mut own: Vec<_> = c
        .entries()
        .filter_map(|e| e.priced_on)
        .filter(|d| *d != c.priced_on)
        .collect();
    crate::sort::stable_sort_by(&mut own, &|a, b| a.cmp(b));
    own.dedup();
    // Distinct, in the catalogs' order (a set of text would bring a sort of its own).
    let mut regions: Vec<&str> = Vec::new();
    for region in c.entries().map(|e| e.region.trim()) {
        if !region.is_empty() && !regions.contains(&region) {
            regions.push(region);
        }
    }
    let mut text = format!(
        "catalog prices in {} as of {}",
        plan.currency().code(),
        c.priced_on
    );
    if !own.is_empty() {
        let dates: Vec<String> = own.iter().map(ToString::to_string).collect();
        text.push_str(&format!("; some entries priced on {}", dates.join(", ")));
    }
    for (i, region) in regions.iter().enumerate() {
        text.push_str(match (i, regions.len()) {
            (0, 1) => "; region ",
            (0, _) => "; priced in more than one region: ",
            _ => ", ",
        });
        text.push_str(region);
    }
    // Cost lines paid in some months only, or with units included: what a reader of the
    // totals cannot see in them.
    let unit = plan.baseline.demand_unit.trim();
    for line in &plan.baseline.other_costs {
        let mut terms = Vec::new();
        if line.from_month.is_some() || line.until_month.is_some() {
            terms.push(crate::cost::months_paid(line));
        }
        if line.included_units > 0.0 {
            terms.push(format!("{} included", with_unit(line.included_units, unit)));
        }
        if !terms.is_empty() {
            text.push_str(&format!("; {} {}", line.name.trim(), terms.join(", ")));
        }
    }
    if plan.baseline.today.monthly_bill_usd > 0.0 {
        text.push_str(&format!(
            "; today's bill {}/month",
            money(plan.baseline.today.monthly_bill_usd, plan.currency())
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CostLine;

    #[test]
    fn the_period_names_months_dates_and_today() {
        let mut plan = Plan {
            horizon_months: 12,
            ..Plan::default()
        };
        plan.baseline.units = 4000.0;
        assert_eq!(
            period(&plan),
            format!(
                "12 months, {} to {}; today 4\u{202f}000 {}",
                plan.start.label(),
                plan.start.of_plan_month(12).label(),
                plan.baseline.demand_unit
            )
        );
    }
    use crate::plan::{CalendarEffect, MonthDay};
    use crate::presets;

    fn text_of<'a>(lines: &'a [Assumption], label: &str) -> &'a str {
        &lines
            .iter()
            .find(|l| l.label == label)
            .unwrap_or_else(|| panic!("no {label} in {lines:?}"))
            .text
    }

    #[test]
    fn the_cafe_pilot_in_words() {
        let plan = presets::find("cafe-pilot").unwrap().build();
        let lines = assumptions(&plan);
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Today",
                "Traffic",
                "App instances",
                "Scenario “Pilot rollout”",
                "Policies",
                "Prices"
            ]
        );
        assert_eq!(text_of(&lines, "Today"), "3 cafés");
        assert_eq!(
            text_of(&lines, "Traffic"),
            "4\u{202f}000 requests per café per day, 20.83 % of the day in its busiest hour"
        );
        assert_eq!(
            text_of(&lines, "App instances"),
            "API gateway (1 core, 1 GB), 1.67 req/s each, sized to 70 % utilisation"
        );
        assert_eq!(
            text_of(&lines, "Scenario “Pilot rollout”"),
            "milestones 3 in month 1, 5 in month 2, 8 in month 3, 15 in month 6, 50 in month 12 \
             (linear between)"
        );
        assert_eq!(
            text_of(&lines, "Policies"),
            "at least 2 instances (HA minimum); flagged above 5 instances; next tier at 80 %; \
             off hours at 50 % of peak"
        );
        assert_eq!(
            text_of(&lines, "Prices"),
            format!(
                "catalog prices in USD as of {}; today's bill $420/month",
                plan.catalogs.priced_on
            )
        );
    }

    #[test]
    fn prices_name_their_regions() {
        let mut plan = Plan::default();
        let prices = |plan: &Plan| text_of(&assumptions(plan), "Prices").to_owned();
        assert!(!prices(&plan).contains("region"));
        plan.catalogs.instances[0].region = "eu-central-1".into();
        plan.catalogs.redis[1].region = " eu-central-1 ".into();
        assert!(
            prices(&plan).ends_with("; region eu-central-1"),
            "{}",
            prices(&plan)
        );
        plan.catalogs.gpu_nodes[0].region = "us-east-1".into();
        assert!(
            prices(&plan).ends_with("; priced in more than one region: eu-central-1, us-east-1"),
            "{}",
            prices(&plan)
        );
    }

    #[test]
    fn compound_growth_churn_seasons_and_redundancy() {
        let mut plan = Plan::default();
        plan.scenarios[0].growth = Growth::Compound {
            monthly_growth_pct: 8.0,
            monthly_churn_pct: 2.0,
        };
        plan.scenarios[0].calendar = vec![CalendarEffect {
            name: "Black Friday".into(),
            from: MonthDay { month: 11, day: 20 },
            to: MonthDay { month: 11, day: 30 },
            multiplier: 3.0,
            year: None,
        }];
        plan.policies.redundancy = 1;
        let name = plan.scenarios[0].name.clone();
        let lines = assumptions(&plan);
        assert_eq!(
            text_of(&lines, &format!("Scenario “{name}”")),
            "compound 8 %/month, churn 2 %; seasonal: Black Friday (Nov 20–30 ×3)"
        );
        assert!(text_of(&lines, "Policies").starts_with("N+1 redundancy; at least 2 instances"));
    }

    #[test]
    fn cost_lines_say_when_they_are_paid_and_what_they_include() {
        let mut plan = Plan::default();
        plan.baseline.other_costs = vec![
            CostLine::new("Monitoring", 50.0, 0.0),
            CostLine {
                until_month: Some(11),
                ..CostLine::new("CloudFlare", 20.0, 0.0)
            },
            CostLine {
                from_month: Some(12),
                included_units: 100_000.0,
                ..CostLine::new("Auth", 25.0, 0.00325)
            },
        ];
        let text = prices(&plan);
        assert!(
            text.ends_with(
                "; CloudFlare months 1 to 11; Auth from month 12, 100\u{202F}000 users included"
            ),
            "{text}"
        );
    }

    #[test]
    fn own_growth_of_data_and_background_work() {
        let mut plan = Plan::default();
        plan.scenarios[0].growth = Growth::Compound {
            monthly_growth_pct: 8.0,
            monthly_churn_pct: 0.0,
        };
        plan.scenarios[0].data_monthly_growth_pct = Some(2.5);
        plan.scenarios[0].background_monthly_growth_pct = Some(-1.0);
        let name = plan.scenarios[0].name.clone();
        assert_eq!(
            text_of(&assumptions(&plan), &format!("Scenario “{name}”")),
            "compound 8 %/month; data grows 2.5 %/month on its own; background work \
             shrinks 1 %/month on its own"
        );
    }

    #[test]
    fn every_template_and_hostile_values_give_words() {
        for template in &presets::TEMPLATES {
            let plan = template.build();
            let lines = assumptions(&plan);
            assert_eq!(lines.len(), 5 + plan.scenarios.len(), "{}", template.id);
            assert!(lines.iter().all(|l| !l.text.is_empty()), "{}", template.id);
        }
        let mut plan = Plan::default();
        plan.baseline.units = f64::NAN;
        plan.baseline.demand_unit = String::new();
        plan.policies.app_instance = "gone".into();
        plan.scenarios[0].growth = Growth::Trend {
            history: Vec::new(),
            shape: TrendShape::Exponential,
            confidence_pct: f64::INFINITY,
        };
        plan.scenarios[0].calendar = vec![CalendarEffect {
            name: String::new(),
            from: MonthDay { month: 0, day: 99 },
            to: MonthDay { month: 13, day: 0 },
            multiplier: -1.0,
            year: Some(i32::MIN),
        }];
        let lines = assumptions(&plan);
        assert_eq!(text_of(&lines, "Today"), "—");
        assert!(text_of(&lines, "App instances").contains("not in the instance catalog"));
    }
}
