//! The scenarios chart ([`scenarios_chart`]): one [`Metric`] (total cost, app instances, peak
//! demand, …) for every scenario, overlaid, the selected scenario drawn heavier.

use super::{
    first_calendar, horizon, scenario_at, ChartData, Series, Shape, Tone, ValueFormat, PALETTE_SIZE,
};
use crate::currency::Currency;
use crate::engine::{MonthResult, PlanResults};

/// A figure the scenarios chart can compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Total cost, USD/month.
    TotalCost,
    /// App instances.
    AppInstances,
    /// Peak demand sized for, req/s.
    PeakDemand,
    /// Database connections.
    DbConnections,
    /// Redis node memory, MB.
    RedisMemory,
    /// GPU voice nodes.
    GpuNodes,
}

impl Metric {
    /// Every metric, in menu order.
    pub const ALL: [Metric; 6] = [
        Metric::TotalCost,
        Metric::AppInstances,
        Metric::PeakDemand,
        Metric::DbConnections,
        Metric::RedisMemory,
        Metric::GpuNodes,
    ];

    /// Stable identifier: "total-cost".
    pub fn id(self) -> &'static str {
        match self {
            Self::TotalCost => "total-cost",
            Self::AppInstances => "app-instances",
            Self::PeakDemand => "peak-demand",
            Self::DbConnections => "db-connections",
            Self::RedisMemory => "redis-memory",
            Self::GpuNodes => "gpu-nodes",
        }
    }

    /// The metric with `id`.
    pub fn from_id(id: &str) -> Option<Metric> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Menu label with its unit: "Peak demand (req/s)"; the cost is in the plan's currency.
    pub fn label(self) -> &'static str {
        match self {
            Self::TotalCost => "Total cost per month",
            Self::AppInstances => "App instances",
            Self::PeakDemand => "Peak demand (req/s)",
            Self::DbConnections => "Database connections",
            Self::RedisMemory => "Redis node memory (MB)",
            Self::GpuNodes => "GPU voice nodes",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::TotalCost => "Total cost",
            Self::AppInstances => "App instances",
            Self::PeakDemand => "Peak demand",
            Self::DbConnections => "Database connections",
            Self::RedisMemory => "Redis node memory",
            Self::GpuNodes => "GPU voice nodes",
        }
    }

    fn format(self, currency: Currency) -> ValueFormat {
        let unit = |u: &str| ValueFormat::Unit(u.to_owned());
        match self {
            Self::TotalCost => ValueFormat::MoneyPerMonth(currency),
            Self::AppInstances => unit("instances"),
            Self::PeakDemand => unit("req/s"),
            Self::DbConnections => unit("connections"),
            Self::RedisMemory => unit("MB"),
            Self::GpuNodes => unit("nodes"),
        }
    }

    fn integer(self) -> bool {
        matches!(
            self,
            Self::AppInstances | Self::DbConnections | Self::GpuNodes
        )
    }

    /// This metric's value in `month` (0 GPU nodes without voice).
    pub fn value(self, month: &MonthResult) -> f64 {
        match self {
            Self::TotalCost => month.cost.total_usd_per_month,
            Self::AppInstances => month.app.instances as f64,
            Self::PeakDemand => month.peak_rps,
            // A count: whole, as the tables write it (a per-unit rule computes a fraction).
            Self::DbConnections => crate::sizing::ceil_count(month.database.connections) as f64,
            Self::RedisMemory => month.redis.need.node_memory_mb,
            Self::GpuNodes => month.voice.as_ref().map_or(0.0, |v| v.nodes as f64),
        }
    }

    /// The metrics that mean something for these results (GPU nodes only with voice).
    pub fn available(results: &PlanResults) -> Vec<Metric> {
        let voice = results
            .scenarios
            .iter()
            .any(|s| s.months.iter().any(|m| m.voice.is_some()));
        Self::ALL
            .into_iter()
            .filter(|m| *m != Metric::GpuNodes || voice)
            .collect()
    }
}

/// `metric` for every scenario, overlaid; `selected` (clamped) is drawn heavier. `None` when
/// there are no results. Scenarios with fewer months (never, from one plan) end early.
pub fn scenarios_chart(
    results: &PlanResults,
    selected: usize,
    metric: Metric,
) -> Option<ChartData> {
    let (selected, first_result) = scenario_at(results, selected)?;
    let months = results
        .scenarios
        .iter()
        .map(|s| horizon(&s.months))
        .max()
        .unwrap_or(0);
    let start = results
        .scenarios
        .iter()
        .find_map(|s| first_calendar(&s.months))?;
    let format = metric.format(results.currency);
    let series: Vec<Series> = results
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| Series {
            name: s.name.clone(),
            values: s.months.iter().map(|m| metric.value(m)).collect(),
            shape: Shape::Line,
            tone: Tone::Palette(i),
            dashed: i >= PALETTE_SIZE,
            emphasis: i == selected,
            lower: Vec::new(),
        })
        .collect();
    // A total cost that leaves out a component is only a lower bound.
    let series_lower_bounds: Vec<Vec<bool>> = if metric == Metric::TotalCost {
        results
            .scenarios
            .iter()
            .map(|s| s.months.iter().map(|m| m.cost.is_lower_bound()).collect())
            .collect()
    } else {
        Vec::new()
    };
    let last_value = |i: usize, s: &Series| {
        let text = format.value(s.values.last().copied().unwrap_or(0.0));
        let at_least = series_lower_bounds
            .get(i)
            .and_then(|b| b.last())
            .copied()
            .unwrap_or(false);
        if at_least {
            format!("at least {text}")
        } else {
            text
        }
    };
    let last_label = start.of_plan_month(months).label();
    let summary = if series.len() == 1 {
        format!(
            "{} of the only scenario, {}, in {}: {}.",
            metric.name(),
            first_result.name,
            last_label,
            last_value(0, &series[0])
        )
    } else {
        format!(
            "{} of {} scenarios in {}: {}.",
            metric.name(),
            series.len(),
            last_label,
            series
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{} {}", s.name, last_value(i, s)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Some(ChartData {
        id: "scenarios",
        title: format!("{} by scenario", metric.name()),
        summary,
        start,
        months: months.max(1),
        integer: metric.integer(),
        format,
        series,
        events: Vec::new(),
        fleet: Vec::new(),
        lower_bounds: Vec::new(),
        series_lower_bounds,
        bands_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::tests::run;

    #[test]
    fn the_scenarios_chart_reads_at_least_for_a_total_that_leaves_out_a_cost() {
        // Supabase + Redis: Aggressive's Redis is beyond the largest plan from month 8.
        let (_, results) = run("supabase-redis");
        let chart = scenarios_chart(&results, 1, Metric::TotalCost).expect("results");
        let readout = chart.readout(8);
        assert!(
            readout.values[2].1.starts_with("at least $"),
            "{:?}",
            readout.values
        );
        assert!(readout.values[1].1.starts_with('$'), "{:?}", readout.values);
        assert!(chart.readout(7).values[2].1.starts_with('$'));
        assert!(
            chart.summary.contains("Aggressive at least $"),
            "{}",
            chart.summary
        );
        // Other metrics are never lower bounds.
        let chart = scenarios_chart(&results, 1, Metric::AppInstances).expect("results");
        assert!(chart
            .readout(8)
            .values
            .iter()
            .all(|(_, v)| !v.starts_with("at least")));
    }

    #[test]
    fn scenarios_chart_overlays_one_metric_per_scenario() {
        let (_, results) = run("supabase-redis");
        assert!(results.scenarios.len() >= 3);
        for metric in Metric::available(&results) {
            let chart = scenarios_chart(&results, 1, metric).expect("results");
            assert_eq!(chart.series.len(), results.scenarios.len());
            for (series, scenario) in chart.series.iter().zip(&results.scenarios) {
                assert_eq!(series.name, scenario.name);
                let expected: Vec<f64> = scenario.months.iter().map(|m| metric.value(m)).collect();
                assert_eq!(series.values, expected);
            }
            assert!(chart.series[1].emphasis && !chart.series[0].emphasis);
            assert!(chart.summary.contains(&results.scenarios[2].name));
        }
        assert!(!Metric::available(&results).contains(&Metric::GpuNodes));
        let (_, voice) = run("cafe-pilot");
        assert!(Metric::available(&voice).contains(&Metric::GpuNodes));
        assert_eq!(Metric::from_id("app-instances"), Some(Metric::AppInstances));
        assert_eq!(Metric::from_id("nope"), None);
        let instances = scenarios_chart(&results, 99, Metric::AppInstances).expect("clamped");
        assert!(instances.integer);
        assert!(instances.series.last().unwrap().emphasis);
    }
}
