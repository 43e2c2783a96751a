//! Which ranges matter: each range alone set to its band's lower and upper percentile, every
//! other field at its point value, and how far that moves one result ([`Output`]). Sorted by
//! that swing, largest first, it is a tornado chart.
//!
//! One-at-a-time swings (Howard's tornado diagram, 1988): two runs of the engine per range,
//! no trials. It shows each input's own reach, not interactions between inputs.

use super::{first_month_at, CatalogLens, Metric, Resource, Simulation};
use crate::engine::{self, SizedScenario};

/// A result whose sensitivity to the ranges is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A figure of one month of one scenario (months from 1): month-12 cost.
    Figure {
        /// The scenario, from 0.
        scenario: usize,
        /// The figure.
        metric: Metric,
        /// The plan month, from 1.
        month: u32,
    },
    /// The month of a scenario's first database or Redis upgrade (the horizon + 1 when there
    /// is none).
    FirstUpgrade {
        /// The scenario, from 0.
        scenario: usize,
    },
}

impl Output {
    /// Its value in `results`, or `None` when they do not have it.
    pub fn of(self, results: &[SizedScenario], lens: CatalogLens) -> Option<f64> {
        match self {
            Output::Figure {
                scenario,
                metric,
                month,
            } => {
                let result = results.get(scenario)?;
                let m = usize::try_from(month).ok()?.checked_sub(1)?;
                Some(metric.of(result.months.get(m)?, lens))
            }
            Output::FirstUpgrade { scenario } => {
                let result = results.get(scenario)?;
                let months = result.months.len() as u32;
                let first = |resource, start: Option<usize>| {
                    let start = start.unwrap_or(0);
                    first_month_at(result, resource, start + 1, lens).unwrap_or(months + 1)
                };
                let database = first(
                    Resource::Database,
                    result.database_tiers.months.first().and_then(|m| m.tier),
                );
                let redis = first(
                    Resource::Redis,
                    result.redis_plans.months.first().and_then(|m| m.tier),
                );
                Some(f64::from(database.min(redis)))
            }
        }
    }
}

/// How far one range alone moves the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Swing {
    /// The range's field.
    pub field: String,
    /// The field at the band's lower and upper percentile.
    pub inputs: [f64; 2],
    /// The output with the field at each of those; `None` where that plan is not valid.
    pub outputs: [Option<f64>; 2],
    /// The output with every field at its point value.
    pub base: f64,
}

impl Swing {
    /// The distance between the two outputs (0 when one is missing).
    pub fn width(&self) -> f64 {
        match self.outputs {
            [Some(a), Some(b)] => (b - a).abs(),
            _ => 0.0,
        }
    }
}

/// A range at the ends of its band: the two inputs, and every output at each.
type End = ([f64; 2], [Vec<Option<f64>>; 2]);

/// Each range's swing of each of `outputs`, widest first (ties in the plan's order); `None`
/// for an output the plan at its point values does not give. Each plan (the point values, and
/// each range at each end of its band) is run once for all the outputs.
pub fn tornado(simulation: &Simulation, outputs: &[Output]) -> Vec<Option<Vec<Swing>>> {
    let lens = simulation.lens;
    let values = |plan: Result<crate::validate::ValidPlan, String>| -> Vec<Option<f64>> {
        match plan {
            Ok(p) => {
                let results = engine::run_sized(&p);
                outputs.iter().map(|o| o.of(&results, lens)).collect()
            }
            Err(_) => vec![None; outputs.len()],
        }
    };
    let base = values(simulation.plan_with(&[]));
    let [low, high] = simulation.uncertainty.band_pct.map(|p| p / 100.0);
    // Per range: its inputs and the outputs at each end.
    let ends: Vec<End> = simulation
        .uncertainty
        .ranges
        .iter()
        .map(|range| {
            let inputs = [low, high].map(|p| range.distribution.quantile(p));
            let outputs = inputs.map(|v| values(simulation.plan_with(&[(range, v)])));
            (inputs, outputs)
        })
        .collect();
    (0..outputs.len())
        .map(|o| {
            let base = base[o]?;
            let mut swings: Vec<Swing> = simulation
                .uncertainty
                .ranges
                .iter()
                .zip(&ends)
                .map(|(range, (inputs, at))| Swing {
                    field: range.field.clone(),
                    inputs: *inputs,
                    outputs: [at[0][o], at[1][o]],
                    base,
                })
                .collect();
            // The page's stable sort: the standard library's is kilobytes of code per type.
            crate::sort::stable_sort_by(&mut swings, &|a, b| b.width().total_cmp(&a.width()));
            Some(swings)
        })
        .collect()
}
