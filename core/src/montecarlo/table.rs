//! The bands as a person reads them: one row per figure of the month on show (its band and,
//! when the plan sizes for a percentile, that figure), one line per tier that some trials
//! need ("Database “Team”: month 7 to month 11"), and the ranges ranked by how far each alone
//! moves the month's cost.

use super::{Bands, Metric, Resource, Sensitivity};
use crate::format;
use crate::plan::Plan;

/// One figure's band, as text.
#[derive(Clone, Debug, PartialEq)]
pub struct BandRow {
    /// Which figure.
    pub metric: Metric,
    /// What the figure is ("App instances").
    pub label: &'static str,
    /// The band's lower percentile, the median and the upper percentile.
    pub figures: [String; 3],
    /// The percentile sized for, when the plan names one.
    pub sized: Option<String>,
}

/// The label of each metric, in [`Metric::ALL`]'s order.
pub(super) const LABELS: [&str; 9] = [
    "Demand units",
    "Peak requests/s",
    "App instances",
    "Database connections",
    "Database tier",
    "Redis memory",
    "Redis plan",
    "GPU voice nodes",
    "Cost per month",
];

/// `value` of `metric` as text, as the sizing tables write it: units whole from 100 up, counts whole, tiers by name, memory in MB or GB, money in the
/// plan's currency.
pub fn figure_text(plan: &Plan, metric: Metric, value: f64) -> String {
    let tier = |names: Vec<&str>| {
        names
            .get(value.max(0.0) as usize)
            .map_or_else(|| "beyond the catalog".to_owned(), |n| (*n).to_owned())
    };
    match metric {
        Metric::Units => format::number(crate::tables::cells::units_amount(value)),
        Metric::DatabaseConnections => format::count(value),
        Metric::PeakRps => format::number(value),
        Metric::AppInstances | Metric::GpuNodes => format::count(value),
        Metric::DatabaseTier => tier(
            plan.catalogs
                .databases
                .iter()
                .map(|t| t.name.as_str())
                .collect(),
        ),
        Metric::RedisPlan => tier(
            plan.catalogs
                .redis
                .iter()
                .map(|t| t.name.as_str())
                .collect(),
        ),
        Metric::RedisMemoryMb => format::with_unit(value, "MB"),
        Metric::CostPerMonth => format::money(value, plan.currency()),
    }
}

/// The rows of scenario `scenario` in plan month `month` (from 1); a figure the plan does not
/// have (GPU nodes without voice) is left out.
pub fn band_rows(bands: &Bands, plan: &Plan, scenario: usize, month: u32) -> Vec<BandRow> {
    let Some(s) = bands.scenarios.get(scenario) else {
        return Vec::new();
    };
    Metric::ALL
        .iter()
        .zip(LABELS)
        .filter(|(metric, _)| **metric != Metric::GpuNodes || plan.baseline.voice.is_some())
        .filter_map(|(&metric, label)| {
            let band = s.band(metric, month)?;
            let text = |v: f64| figure_text(plan, metric, v);
            Some(BandRow {
                metric,
                label,
                figures: [text(band.low), text(band.median), text(band.high)],
                sized: band.sized.map(text),
            })
        })
        .collect()
}

/// "P10", "P90": a percentile's short name.
pub fn percentile_name(pct: f64) -> String {
    format!("P{}", format::number(pct))
}

/// One sentence per tier some trials need in scenario `scenario`: when, at the band's
/// percentiles, and in how many trials. A tier needed within the horizon in every trial, and
/// from month 1 at the band's upper percentile, is where the scenario starts, not a move:
/// left out.
pub fn move_lines(bands: &Bands, plan: &Plan, scenario: usize) -> Vec<String> {
    let Some(s) = bands.scenarios.get(scenario) else {
        return Vec::new();
    };
    let [low, high] = bands.band_pct.map(percentile_name);
    s.moves
        .iter()
        .filter(|m| !(m.late == Some(1) && m.within_horizon >= 1.0))
        .map(|m| {
            let (what, metric) = match m.step.resource {
                Resource::Database => ("The database", Metric::DatabaseTier),
                Resource::Redis => ("Redis", Metric::RedisPlan),
            };
            let tier = figure_text(plan, metric, m.step.tier as f64);
            let month = |at: Option<u32>| at.map_or_else(|| "after the horizon".to_owned(), |m| format!("month {m}"));
            let share = format::number((m.within_horizon * 100.0).round());
            format!(
                "{what} needs “{tier}” from {} ({low}) to {} ({high}), median {}; within the horizon in {share} % of the trials.",
                month(m.early),
                month(m.late),
                month(m.median),
            )
        })
        .collect()
}

/// One range's reach, as a row of the tornado chart.
#[derive(Clone, Debug, PartialEq)]
pub struct SwingRow {
    /// The field, in words ("Steady: monthly growth %").
    pub field: String,
    /// The field at the band's lower and upper percentile, as text written for reading
    /// (`format::number`: "2.46", not the draw's "2.45908"; a price as money).
    pub inputs: [String; 2],
    /// The month's cost with the field at each of those, as text ("—" when not valid).
    pub outputs: [String; 2],
    /// Where each output sits on the chart, as shares 0–1 of the widest swing's span.
    pub at: [f64; 2],
}

/// The tornado rows of scenario `scenario`, widest first.
pub fn swing_rows(sensitivity: &Sensitivity, plan: &Plan, scenario: usize) -> Vec<SwingRow> {
    let Some(swings) = sensitivity.swings.get(scenario) else {
        return Vec::new();
    };
    let outputs = swings
        .iter()
        .flat_map(|s| s.outputs.iter().flatten().copied());
    let (lowest, highest) = outputs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let span = highest - lowest;
    let at = |v: Option<f64>, base: f64| {
        let v = v.unwrap_or(base);
        if span > 0.0 {
            ((v - lowest) / span).clamp(0.0, 1.0)
        } else {
            0.5
        }
    };
    swings
        .iter()
        .map(|s| SwingRow {
            field: field_words(plan, &s.field),
            // A price's ends in the plan's currency, as its cost is.
            inputs: s.inputs.map(|v| {
                if s.field.ends_with("usd_per_month") {
                    format::money(v, plan.currency())
                } else {
                    format::number(v)
                }
            }),
            outputs: s
                .outputs
                .map(|o| o.map_or_else(|| "—".to_owned(), |v| format::money(v, plan.currency()))),
            at: [at(s.outputs[0], s.base), at(s.outputs[1], s.base)],
        })
        .collect()
}

/// A plan field's path in words: the scenario, cost line or catalog entry it belongs to (or
/// "Today" for the rest of the baseline), then the field
/// (`scenarios[0].growth.monthly_growth_pct` → "Steady: monthly growth %",
/// `catalogs.databases[1].usd_per_month` → "Team: price").
pub fn field_words(plan: &Plan, path: &str) -> String {
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    // The unit a key ends in, in words, then the rest with spaces for underscores (by
    // character, not `str::replace`: its slicing brings panic messages along).
    let (stem, unit) = [
        ("usd_per_month", "price"),
        ("_pct", " %"),
        ("_rps", " requests/s"),
        ("_gb", " GB"),
    ]
    .iter()
    .find_map(|(suffix, unit)| key.strip_suffix(suffix).map(|stem| (stem, *unit)))
    .unwrap_or((key, ""));
    let mut words: String = stem
        .chars()
        .map(|c| if c == '_' { ' ' } else { c })
        .collect();
    words.push_str(unit);
    // The list the path's first index is into, and the name of that element.
    let owner = path
        .split_once('[')
        .and_then(|(list, rest)| {
            let i: usize = rest.split(']').next()?.parse().ok()?;
            let c = &plan.catalogs;
            match list {
                "scenarios" => plan.scenarios.get(i).map(|s| &s.name),
                "baseline.other_costs" => plan.baseline.other_costs.get(i).map(|l| &l.name),
                "catalogs.instances" => c.instances.get(i).map(|e| &e.name),
                "catalogs.databases" => c.databases.get(i).map(|e| &e.name),
                "catalogs.redis" => c.redis.get(i).map(|e| &e.name),
                "catalogs.gpu_nodes" => c.gpu_nodes.get(i).map(|e| &e.name),
                _ => None,
            }
        })
        .map(String::as_str)
        .or(path.starts_with("baseline.").then_some("Today"));
    // Field keys and their units' words are lower case: capitalised when first.
    match owner {
        Some(owner) => format!("{owner}: {words}"),
        None => {
            // ASCII case only: field keys are ASCII, and Unicode's case tables are kilobytes.
            if let Some(first) = words.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            words
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::bands_of;
    use super::super::{Band, Move, MoveBand, ScenarioBands};
    use super::*;

    #[test]
    fn the_tiers_a_scenario_starts_on_are_not_moves() {
        let plan = Plan::default();
        let step = |tier, early, late, within| MoveBand {
            step: Move {
                resource: Resource::Database,
                tier,
            },
            early: Some(early),
            median: Some(early),
            late,
            within_horizon: within,
        };
        let bands = bands_of(
            vec![ScenarioBands {
                metrics: vec![vec![Band {
                    low: 0.0,
                    median: 0.0,
                    high: 0.0,
                    sized: None,
                }]],
                moves: vec![
                    // Every trial starts on it.
                    step(0, 1, Some(1), 1.0),
                    // Most trials start on it, some reach it later or not at all.
                    step(1, 1, Some(3), 1.0),
                    step(2, 1, Some(1), 0.95),
                    step(3, 7, None, 0.4),
                ],
            }],
            None,
        );
        let lines = move_lines(&bands, &plan, 0);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].contains("from month 1 (P10) to month 3 (P90)"),
            "{}",
            lines[0]
        );
        assert!(
            lines[2].contains("from month 7 (P10) to after the horizon (P90)"),
            "{}",
            lines[2]
        );
        assert!(
            lines[2].ends_with("within the horizon in 40 % of the trials."),
            "{}",
            lines[2]
        );
        assert!(move_lines(&bands, &plan, 1).is_empty());
    }

    #[test]
    fn a_swing_reads_its_field_and_ends_as_a_person_would() {
        let plan = Plan::default();
        let swing = |field: &str, inputs, outputs| crate::montecarlo::sensitivity::Swing {
            field: field.to_owned(),
            inputs,
            outputs,
            base: 2_574.0,
        };
        let sensitivity = Sensitivity {
            month: 12,
            swings: vec![vec![
                swing(
                    "baseline.units",
                    [2.459_081_7, 3_933.372],
                    [Some(2_400.0), Some(2_800.0)],
                ),
                swing(
                    "baseline.traffic.peak.ratio",
                    [2.0, 4.0],
                    [Some(2_500.0), None],
                ),
                swing(
                    "catalogs.databases[0].usd_per_month",
                    [20.0, 31.5],
                    [Some(2_560.0), Some(2_590.0)],
                ),
            ]],
        };
        let rows = swing_rows(&sensitivity, &plan, 0);
        assert_eq!(rows[0].field, "Today: units");
        assert_eq!(rows[0].inputs, ["2.46", "3\u{202F}933.37"]);
        assert_eq!(rows[0].at, [0.0, 1.0]);
        // A plan not valid at one end: no cost there, its mark at the base.
        assert_eq!(rows[1].outputs[1], "—");
        assert_eq!(rows[1].at[1], (2_574.0 - 2_400.0) / 400.0);
        // A price's ends are money, as its costs are.
        assert_eq!(
            rows[2].inputs,
            [
                format::money(20.0, plan.currency()),
                format::money(31.5, plan.currency())
            ]
        );
        assert!(rows[2].inputs[0].contains('$'), "{:?}", rows[2].inputs);
        // A scenario the sensitivity does not have: no rows.
        assert!(swing_rows(&sensitivity, &plan, 3).is_empty());
    }

    #[test]
    fn a_fields_path_reads_as_its_owner_then_the_field_in_words() {
        let plan = Plan::default();
        let name = &plan.scenarios[0].name;
        for (path, words) in [
            (
                "scenarios[0].growth.monthly_growth_pct".to_owned(),
                format!("{name}: monthly growth %"),
            ),
            ("baseline.units".to_owned(), "Today: units".to_owned()),
            (
                "catalogs.instances[0].usd_per_month".to_owned(),
                format!("{}: price", plan.catalogs.instances[0].name),
            ),
            (
                "catalogs.databases[1].max_connections".to_owned(),
                format!("{}: max connections", plan.catalogs.databases[1].name),
            ),
            (
                "catalogs.redis[0].memory_gb".to_owned(),
                format!("{}: memory GB", plan.catalogs.redis[0].name),
            ),
            (
                "catalogs.gpu_nodes[0].usd_per_month".to_owned(),
                format!("{}: price", plan.catalogs.gpu_nodes[0].name),
            ),
            // An entry the plan does not have: the field alone.
            (
                "catalogs.databases[99].usd_per_month".to_owned(),
                "Price".to_owned(),
            ),
            (
                "baseline.traffic.peak_rps".to_owned(),
                "Today: peak requests/s".to_owned(),
            ),
            // A scenario the plan does not have: the field alone, capitalised.
            (
                "scenarios[9].growth.monthly_churn_pct".to_owned(),
                "Monthly churn %".to_owned(),
            ),
        ] {
            assert_eq!(field_words(&plan, &path), words, "{path}");
        }
        // A cost line by its name, not as the rest of the baseline.
        let mut plan = plan;
        plan.baseline.other_costs = vec![
            crate::plan::CostLine::new("Support plan", 100.0, 0.0),
            crate::plan::CostLine::new("Monitoring", 50.0, 0.0),
        ];
        assert_eq!(
            field_words(&plan, "baseline.other_costs[1].fixed_usd_per_month"),
            "Monitoring: fixed price"
        );
    }
}
