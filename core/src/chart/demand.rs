//! The demand and capacity chart ([`demand_chart`]): the peak req/s a month is sized for,
//! against the capacity of the instances running (instances × capacity per instance) and that
//! capacity at the target utilisation, with markers for the tier and plan upgrades and limits
//! crossed from the scenario's timeline.

use super::{
    first_calendar, horizon, scenario_at, ChartData, ChartEvent, Fleet, Series, Shape, Tone,
    ValueFormat,
};
use crate::engine::{PlanResults, Resource};
use crate::format;
use std::fmt::Write as _;

/// The short label of a timeline sentence: the part before its reason, with a tier move
/// shortened to where it goes ("Redis 4 GB single node → 8 GB primary + replica: memory …" →
/// "Redis → 8 GB primary + replica").
fn event_label(resource: Resource, text: &str) -> String {
    let head = crate::text::find(text, ": ")
        .and_then(|at| text.get(..at))
        .unwrap_or(text);
    let prefix = match resource {
        Resource::Database => "Database",
        Resource::Redis => "Redis",
        Resource::App | Resource::Voice => "",
    };
    let move_to = head
        .rsplit_once('→')
        .and_then(|(from, to)| Some((from.strip_suffix(' ')?, to.strip_prefix(' ')?)));
    match move_to {
        Some((from, to)) if !prefix.is_empty() && from.starts_with(prefix) => {
            format!("{prefix} → {to}")
        }
        _ => head.to_owned(),
    }
}

/// Index and value of the largest finite value (the first when several tie).
fn largest(values: &[f64]) -> Option<(usize, f64)> {
    values
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .fold(None, |best, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
}

/// Peak demand against the capacity of the instances running, for scenario `scenario` (clamped
/// to the scenarios there are); `None` when there are no results.
///
/// Capacity = instances × capacity per instance; "at target" = capacity × target utilisation,
/// the line the sizing keeps demand under. Markers: every timeline event but GPU voice node
/// steps (which this chart does not plot).
pub fn demand_chart(results: &PlanResults, scenario: usize) -> Option<ChartData> {
    let (_, result) = scenario_at(results, scenario)?;
    let months = &result.months;
    let start = first_calendar(months)?;
    let peak: Vec<f64> = months.iter().map(|m| m.peak_rps).collect();
    let capacity: Vec<f64> = months
        .iter()
        .map(|m| m.app.instances as f64 * m.app.capacity_rps)
        .collect();
    let usable: Vec<f64> = months
        .iter()
        .map(|m| m.app.instances as f64 * m.app.capacity_rps * m.app.target_utilisation)
        .collect();
    let target = months
        .first()
        .map(|m| format::percent(m.app.target_utilisation))
        .unwrap_or_default();
    let fleet = months
        .iter()
        .map(|m| Fleet {
            instances: m.app.instances,
            capacity_rps: m.app.capacity_rps,
            utilisation: m.app.utilisation_at_peak,
        })
        .collect();
    let events: Vec<ChartEvent> = result
        .timeline
        .iter()
        .filter(|e| e.resource != Resource::Voice)
        .map(|e| ChartEvent {
            month: e.month.number(),
            resource: e.resource,
            label: event_label(e.resource, &e.text),
            detail: e.text.clone(),
        })
        .collect();

    let rps = |v: f64| format::with_unit(v, "req/s");
    let first = months.first()?;
    let last = months.last()?;
    let mut summary = format!(
        "{}: peak demand goes from {} in {} to {} in {}",
        result.name,
        rps(first.peak_rps),
        first.calendar.label(),
        rps(last.peak_rps),
        last.calendar.label()
    );
    if let Some((i, top)) = largest(&peak) {
        if i + 1 < months.len() && top > last.peak_rps {
            let _ = write!(
                summary,
                ", highest at {} in {}",
                rps(top),
                start
                    .of_plan_month(crate::units::PlanMonth::of_index(i).number())
                    .label()
            );
        }
    }
    let _ = write!(
        summary,
        "; the running instances can take {} to {} ({} to {} instances).",
        rps(capacity.first().copied().unwrap_or(0.0)),
        rps(capacity.last().copied().unwrap_or(0.0)),
        first.app.instances,
        last.app.instances
    );
    if events.is_empty() {
        summary.push_str(" No upgrades or limits crossed.");
    } else {
        let _ = write!(
            summary,
            " Upgrades and limits: {}.",
            events
                .iter()
                .map(|e| format!("{} {}", start.of_plan_month(e.month).label(), e.label))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }

    Some(ChartData {
        id: "demand",
        title: "Demand and capacity".to_owned(),
        summary,
        start,
        months: horizon(months),
        format: ValueFormat::Unit("req/s".to_owned()),
        integer: false,
        series: vec![
            Series {
                name: "Capacity of the instances".to_owned(),
                values: capacity,
                shape: Shape::StepArea,
                tone: Tone::Capacity,
                dashed: false,
                emphasis: false,
                lower: Vec::new(),
            },
            Series {
                name: format!("Capacity at {target} target"),
                values: usable,
                shape: Shape::Step,
                tone: Tone::Capacity,
                dashed: true,
                emphasis: false,
                lower: Vec::new(),
            },
            Series {
                name: "Peak demand".to_owned(),
                values: peak,
                shape: Shape::Line,
                tone: Tone::Demand,
                dashed: false,
                emphasis: true,
                lower: Vec::new(),
            },
        ],
        events,
        fleet,
        lower_bounds: Vec::new(),
        series_lower_bounds: Vec::new(),
        bands_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::tests::run;

    #[test]
    fn demand_chart_plots_peak_against_the_capacity_running() {
        let (_, results) = run("cafe-pilot");
        let chart = demand_chart(&results, 0).expect("results");
        let months = &results.scenarios[0].months;
        assert_eq!(chart.months as usize, months.len());
        let capacity = &chart.series[0];
        let usable = &chart.series[1];
        let peak = &chart.series[2];
        for (i, m) in months.iter().enumerate() {
            assert_eq!(peak.values[i], m.peak_rps);
            let running = m.app.instances as f64 * m.app.capacity_rps;
            assert_eq!(capacity.values[i], running);
            assert!((usable.values[i] - running * m.app.target_utilisation).abs() < 1e-9);
            // Sizing keeps the peak under the capacity at target.
            assert!(peak.values[i] <= usable.values[i] + 1e-6);
        }
        assert_eq!(chart.format.axis_title(), "req/s");
        assert!(chart
            .summary
            .starts_with("Pilot rollout: peak demand goes from"));
        assert!(chart.summary.contains("req/s"));
        // Every timeline event but voice-node steps is a marker, with its sentence.
        let timeline: Vec<_> = results.scenarios[0]
            .timeline
            .iter()
            .filter(|e| e.resource != Resource::Voice)
            .collect();
        assert_eq!(chart.events.len(), timeline.len());
        for (event, source) in chart.events.iter().zip(timeline) {
            assert_eq!(event.month, source.month.number());
            assert_eq!(event.detail, source.text);
        }
    }

    #[test]
    fn upgrade_labels_say_where_a_tier_goes() {
        assert_eq!(
            event_label(
                Resource::Redis,
                "Redis 4 GB single node → 8 GB primary + replica: memory 6.9 GB > 80 % of 8 GB"
            ),
            "Redis → 8 GB primary + replica"
        );
        assert_eq!(
            event_label(
                Resource::Database,
                "Database Pro → Pro+: connections 412 > 80 % of 500"
            ),
            "Database → Pro+"
        );
        assert_eq!(
            event_label(
                Resource::Database,
                "Connection pooler needed: app pools pass the pooler threshold"
            ),
            "Connection pooler needed"
        );
        assert_eq!(
            event_label(
                Resource::App,
                "App needs 12 instances, above the maximum of 10: move up an instance size"
            ),
            "App needs 12 instances, above the maximum of 10"
        );
    }

    #[test]
    fn supabase_scenarios_have_tier_upgrade_markers() {
        let (_, results) = run("supabase-redis");
        let with_upgrades = (0..results.scenarios.len())
            .filter_map(|s| demand_chart(&results, s))
            .filter(|c| c.events.iter().any(|e| e.label.starts_with("Database → ")))
            .count();
        assert!(with_upgrades > 0, "some scenario moves up a database tier");
    }
}
