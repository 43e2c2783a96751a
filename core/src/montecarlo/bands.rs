//! A [`Tally`] summed up: for every figure of every month of every scenario, its band (the
//! plan's lower and upper percentile and the median) and, when the plan sizes for a
//! percentile, that percentile; for every tier, the months it is first needed in.

use super::{Metric, Move, Swing, Tally};

/// One figure's band over the trials.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// The band's lower percentile (P10 by default).
    pub low: f64,
    /// The median (P50).
    pub median: f64,
    /// The band's upper percentile (P90 by default).
    pub high: f64,
    /// The percentile the plan sizes for, when it names one.
    pub sized: Option<f64>,
}

/// When a tier is first needed, over the trials. Months from 1; `None`: not within the
/// horizon at that percentile.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoveBand {
    /// Which tier of which catalog.
    pub step: Move,
    /// The early month: the band's lower percentile of the month (it comes this early in the
    /// busiest futures).
    pub early: Option<u32>,
    /// The median month.
    pub median: Option<u32>,
    /// The late month: the band's upper percentile.
    pub late: Option<u32>,
    /// Share of the trials in which it is needed within the horizon, 0–1.
    pub within_horizon: f64,
}

/// One scenario's bands.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioBands {
    /// `[metric][month]`: the band of each [`Metric`] (in [`Metric::ALL`]'s order) in each
    /// month (month 1 first).
    pub metrics: Vec<Vec<Band>>,
    /// The tiers needed in some trial, in catalog order (database, then Redis).
    pub moves: Vec<MoveBand>,
}

impl ScenarioBands {
    /// The band of `metric` in plan month `month` (from 1).
    pub fn band(&self, metric: Metric, month: u32) -> Option<Band> {
        let m = usize::try_from(month).ok()?.checked_sub(1)?;
        self.metrics.get(metric.index())?.get(m).copied()
    }
}

/// The trials' bands for the whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    /// Trials counted.
    pub trials: u32,
    /// Trials left out because their draws made no valid plan.
    pub rejected: u32,
    /// Why the first of those was left out.
    pub first_rejection: Option<String>,
    /// Lower and upper percentile of the bands, in percent.
    pub band_pct: [f64; 2],
    /// The percentile sized for, in percent, when the plan names one.
    pub size_for_pct: Option<f64>,
    /// One per scenario, in the plan's order.
    pub scenarios: Vec<ScenarioBands>,
}

/// What each range alone does to one result of every scenario: [`Sensitivity::month`]'s cost.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sensitivity {
    /// The plan month whose cost is looked at (month 12, or the horizon when shorter).
    pub month: u32,
    /// Per scenario, in the plan's order: each range's swing, widest first.
    pub swings: Vec<Vec<Swing>>,
}

impl Tally {
    /// The bands at the band's percentiles `band_pct` and, when given, `size_for_pct` (both
    /// in percent). `None` when no trial was counted.
    pub fn bands(&self, band_pct: [f64; 2], size_for_pct: Option<f64>) -> Option<Bands> {
        if self.trials == 0 {
            return None;
        }
        let [low, high] = band_pct.map(|p| p / 100.0);
        let sized = size_for_pct.map(|p| p / 100.0);
        let moves = &self.steps;
        let scenarios = (0..self.scenarios)
            .map(|s| {
                let metrics = Metric::ALL
                    .iter()
                    .map(|&metric| {
                        (0..self.months)
                            .map(|m| {
                                let sketch = &self.cells[self.cell(s, m, metric)];
                                let at = |p: f64| sketch.quantile(p).unwrap_or(0.0);
                                Band {
                                    low: at(low),
                                    median: at(0.5),
                                    high: at(high),
                                    sized: sized.map(at),
                                }
                            })
                            .collect()
                    })
                    .collect();
                let horizon = self.months as f64;
                let moves = moves
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &step)| {
                        let at = s * moves.len() + i;
                        let sketch = &self.moves[at];
                        let month = |p: f64| {
                            sketch
                                .quantile(p)
                                .filter(|&m| m <= horizon)
                                .map(|m| m as u32)
                        };
                        let within = f64::from(self.moves_within[at]) / f64::from(self.trials);
                        (within > 0.0).then(|| MoveBand {
                            step,
                            early: month(low),
                            median: month(0.5),
                            late: month(high),
                            within_horizon: within,
                        })
                    })
                    .collect();
                ScenarioBands { metrics, moves }
            })
            .collect();
        Some(Bands {
            trials: self.trials,
            rejected: self.rejected,
            first_rejection: self.first_rejection.clone(),
            band_pct,
            size_for_pct,
            scenarios,
        })
    }
}
