//! The bands in the page's charts: the demand chart's peak demand, the cost chart's total and
//! the scenarios chart's figure for the scenario on show get the trials' band (P10 to P90 by
//! default) as a shaded area and their median (P50) as a dashed line, with a sentence in the
//! chart's description. They are added after the chart's own series
//! ([`ChartData::bands_from`]), so the chart's own lines keep their places and colours.

use super::columns::{EARLIER, NOT_FINISHED};
use super::table::{percentile_name, LABELS};
use super::{Band, Bands, Metric};
use crate::chart::{self, ChartData, Series, Shape, Tone, ValueFormat};
use crate::format;

/// The figure of the bands that a chart's metric is.
fn figure(metric: chart::Metric) -> Metric {
    match metric {
        chart::Metric::TotalCost => Metric::CostPerMonth,
        chart::Metric::AppInstances => Metric::AppInstances,
        chart::Metric::PeakDemand => Metric::PeakRps,
        chart::Metric::DbConnections => Metric::DatabaseConnections,
        chart::Metric::RedisMemory => Metric::RedisMemoryMb,
        chart::Metric::GpuNodes => Metric::GpuNodes,
    }
}

/// Adds scenario `scenario`'s band and median of `metric` to `chart`, which plots that metric
/// of that scenario (the demand chart: peak demand; the cost chart: the total; the scenarios
/// chart: its chosen metric, every scenario's). Nothing is added when the bands have no such
/// scenario or cover other months than the chart (the plan's horizon changed since the
/// trials), or when the chart has its bands already. Bands of the plan before its last edit
/// (`earlier`: the trials of the plan as it is have not finished) say so in their names and
/// the sentence, and their band is drawn dashed.
pub fn add(
    bands: &Bands,
    chart: &mut ChartData,
    scenario: usize,
    metric: chart::Metric,
    earlier: bool,
) {
    let figure = figure(metric);
    let Some(months) = bands
        .scenarios
        .get(scenario)
        .and_then(|s| s.metrics.get(figure.index()))
    else {
        return;
    };
    let Some(last) = months.last() else {
        return;
    };
    if months.len() != chart.months as usize || chart.bands_from.is_some() {
        return;
    }
    // The Ranges panel's name of the figure; in the scenarios chart, the scenario's.
    let label = LABELS[figure.index()];
    let (what, tone, whose) = match chart.id {
        "scenarios" => {
            let name = chart.series.get(scenario).map_or("", |s| s.name.as_str());
            (
                name.to_owned(),
                Tone::Palette(scenario),
                format!("{label} ({name})"),
            )
        }
        _ => (label.to_owned(), Tone::Demand, label.to_owned()),
    };
    let [low, high] = bands.band_pct.map(percentile_name);
    let each = |value: fn(&Band) -> f64| months.iter().map(value).collect::<Vec<_>>();
    // As the chart writes its values (`ValueFormat::value`, which stays with the charts' code).
    let text = |v: f64| match &chart.format {
        ValueFormat::Unit(unit) => format::with_unit(v, unit),
        ValueFormat::MoneyPerMonth(currency) => format::money(v, *currency),
    };
    let sentence = format!(
        " {whose}, {}: {} to {} ({low}–{high}) over {} trials of the plan's ranges, median {}.{}",
        chart.start.of_plan_month(chart.months).label(),
        text(last.low),
        text(last.high),
        format::count(f64::from(bands.trials)),
        text(last.median),
        if earlier { NOT_FINISHED } else { "" },
    );
    let mark = if earlier { EARLIER } else { "" };
    chart.summary.push_str(&sentence);
    chart.bands_from = Some(chart.series.len());
    chart.series.push(Series {
        name: format!("{what} {low}–{high}{mark}"),
        values: each(|b| b.high),
        shape: Shape::Band,
        tone,
        dashed: earlier,
        emphasis: false,
        lower: each(|b| b.low),
    });
    chart.series.push(Series {
        name: format!("{what} P50{mark}"),
        values: each(|b| b.median),
        shape: Shape::Line,
        tone,
        dashed: true,
        emphasis: false,
        lower: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{cost_chart, demand_chart, scenarios_chart, Frame};
    use crate::engine;
    use crate::montecarlo::tests::{growth, plan_with, run_all, GROWTH};
    use crate::montecarlo::Simulation;

    fn banded() -> (crate::plan::Plan, engine::PlanResults, Bands) {
        let plan = plan_with(&[(GROWTH, growth(2.0, 5.0, 12.0))], 100);
        let results = engine::run(&plan);
        let bands = run_all(&Simulation::new(&plan).expect("ranges"))
            .bands([10.0, 90.0], None)
            .expect("bands");
        (plan.plan().clone(), results, bands)
    }

    #[test]
    fn every_chart_gets_its_figures_band_and_median_after_its_own_series() {
        let (plan, results, bands) = banded();
        let charts = [
            (demand_chart(&results, 0), chart::Metric::PeakDemand),
            (cost_chart(&plan, &results, 0), chart::Metric::TotalCost),
            (
                scenarios_chart(&results, 0, chart::Metric::AppInstances),
                chart::Metric::AppInstances,
            ),
        ];
        for (chart, metric) in charts {
            let mut chart = chart.expect("results");
            let own = chart.series.len();
            let summary = chart.summary.clone();
            add(&bands, &mut chart, 0, metric, false);
            assert_eq!(chart.bands_from, Some(own), "{}", chart.id);
            assert_eq!(chart.series.len(), own + 2);
            let months = &bands.scenarios[0].metrics[figure(metric).index()];
            let band = chart.series[own].clone();
            assert_eq!(band.shape, Shape::Band);
            assert!(band.name.ends_with(" P10–P90"), "{}", band.name);
            assert_eq!(
                band.values,
                months.iter().map(|b| b.high).collect::<Vec<_>>()
            );
            assert_eq!(band.lower, months.iter().map(|b| b.low).collect::<Vec<_>>());
            let median = &chart.series[own + 1];
            assert!(median.dashed && median.shape == Shape::Line);
            assert!(median.name.ends_with(" P50"));
            assert!(chart.summary.starts_with(&summary));
            assert!(
                chart
                    .summary
                    .contains("(P10–P90) over 100 trials of the plan's ranges, median "),
                "{}",
                chart.summary
            );
            // Added once, however often asked.
            add(&bands, &mut chart, 0, metric, false);
            assert_eq!(chart.series.len(), own + 2);
            // The band is drawn, the axis reaches its top, and its legend reads "low–high".
            let g = chart.layout(Frame {
                width: 600.0,
                height: 240.0,
            });
            let top = band.values.iter().copied().fold(0.0, f64::max);
            assert!(g.y_axis.max >= top);
            assert!(g.layers[own].d.ends_with('Z'));
            assert!(g.points(1).iter().all(|(layer, _, _)| *layer != own));
            let readout = chart.readout(1);
            let (low, high) = (months[0].low, months[0].high);
            assert_eq!(
                readout.values[own].1,
                format!("{}–{}", chart.format.value(low), chart.format.value(high))
            );
        }
    }

    #[test]
    fn bands_of_the_plan_before_its_edit_say_so_and_are_drawn_dashed() {
        let (_, results, bands) = banded();
        let mut chart = demand_chart(&results, 0).expect("results");
        let own = chart.series.len();
        add(&bands, &mut chart, 0, chart::Metric::PeakDemand, true);
        let (band, median) = (&chart.series[own], &chart.series[own + 1]);
        assert!(band.dashed && band.shape == Shape::Band);
        assert!(
            band.name.ends_with(" P10–P90, before the last edit"),
            "{}",
            band.name
        );
        assert!(median.name.ends_with(" P50, before the last edit"));
        assert!(chart.summary.ends_with(NOT_FINISHED), "{}", chart.summary);
        // Drawn dashed, its outline: the layer says so.
        let g = chart.layout(Frame {
            width: 600.0,
            height: 240.0,
        });
        assert!(g.layers[own].dashed);
    }

    #[test]
    fn the_cost_charts_total_stays_the_total_of_its_bars() {
        let (plan, results, bands) = banded();
        let mut chart = cost_chart(&plan, &results, 0).expect("results");
        let before = chart.readout(3).total;
        add(&bands, &mut chart, 0, chart::Metric::TotalCost, false);
        assert_eq!(chart.readout(3).total, before);
    }

    #[test]
    fn bands_of_other_months_or_scenarios_are_left_out() {
        let (plan, results, bands) = banded();
        let mut chart = demand_chart(&results, 0).expect("results");
        let own = chart.series.len();
        add(&bands, &mut chart, 5, chart::Metric::PeakDemand, false);
        assert_eq!((chart.series.len(), chart.bands_from), (own, None));
        let mut shorter = plan.clone();
        shorter.horizon_months -= 1;
        let results = engine::run(&shorter.validate().expect("valid"));
        let mut chart = demand_chart(&results, 0).expect("results");
        add(&bands, &mut chart, 0, chart::Metric::PeakDemand, false);
        assert_eq!((chart.series.len(), chart.bands_from), (own, None));
    }
}
