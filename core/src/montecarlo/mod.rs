//! Monte Carlo over the plan's ranges: many futures drawn from the [`Uncertainty`] section,
//! each computed by the same [`engine`], summed up as percentile bands.
//!
//! ```text
//! ValidPlan ──▶ Simulation::new ──▶ run(trials a..b) ──▶ Tally ──merge──▶ Tally ──▶ Bands
//!   (point)       (its document,     one trial: draw each          (any chunking,
//!                  its ranges)       range, read, validate, run)    same result)
//! ```
//!
//! - **A trial** is the plan with each ranged field set to a value drawn from its
//!   distribution, read and validated like any plan, and run by [`engine::run_sized`]. A trial whose
//!   draws make the plan invalid (a negative count, say) is not counted; the [`Tally`] keeps
//!   how many were left out and the first reason.
//! - **Reproducible**: trial `t`'s draw for range `r` comes from its own generator,
//!   `Rng::for_trial(seed, t, r)`, so the bands depend on the seed and the trial count only:
//!   not on how the trials are cut into chunks, nor on the machine (native or wasm).
//! - **Bands without keeping every trial**: each figure of each month of each scenario
//!   ([`Metric`]) adds its value to a quantile sketch ([`Sketch`]: exact for whole numbers,
//!   within 0.1 % for the rest); the first month each tier is needed goes to a sketch too
//!   ([`Move`]). Sketches merge, so chunks run anywhere add up.
//!
//! `bands.rs` turns a tally into [`Bands`]; `sensitivity.rs` ranks the ranges by how far each
//! alone moves a result (a tornado chart); `table.rs` writes the bands as text, `columns.rs` puts
//! them beside the sizing tables' figures and `fan.rs` draws a figure's bands over the months.

mod bands;
pub mod chart_bands;
pub mod columns;
pub mod fan;
mod metrics;
mod sensitivity;
pub mod table;
pub mod wire;

#[cfg(test)]
mod tests;

pub use bands::{Band, Bands, MoveBand, ScenarioBands, Sensitivity};
pub use metrics::{first_month_at, CatalogLens, Metric, Move, Resource};
pub use sensitivity::{tornado, Output, Swing};

use serde_json::Value;

use crate::codec::field_path::set_number_at;
use crate::codec::{plan_reader, plan_writer};
use crate::engine::{self, SizedScenario};
use crate::plan::{Range, Uncertainty};
use crate::uncertain::rng::Rng;
use crate::uncertain::sketch::Sketch;
use crate::validate::ValidPlan;

/// Why a plan has no trials.
#[derive(Clone, Debug, PartialEq)]
pub enum NoTrials {
    /// It has no ranges.
    NoRanges,
    /// Its uncertainty section has these problems.
    Problems(Vec<crate::validate::PlanError>),
}

/// A plan's trials, ready to run: its document with the ranges to draw.
#[derive(Clone, Debug)]
pub struct Simulation {
    /// The plan as a document, without its uncertainty section (trials do not need it).
    document: Value,
    /// The section: seed, trial count, band, ranges.
    uncertainty: Uncertainty,
    /// Scenario count and horizon, the shape of every trial's results.
    scenarios: usize,
    months: usize,
    lens: CatalogLens,
}

impl Simulation {
    /// The trials of `plan`, or why there are none: it has no ranges, or its uncertainty
    /// section has problems ([`crate::plan::Plan::uncertainty_problems`], which
    /// [`crate::plan::Plan::validate`] leaves out).
    pub fn new(plan: &ValidPlan) -> Result<Self, NoTrials> {
        Self::of_document(plan, plan_writer::plan_value(plan.plan()))
    }

    /// [`Simulation::new`], from `document`: `plan`'s document as the writer writes it (the
    /// plan file the page sends the trials worker holds it), so that the worker needs no
    /// writer of its own.
    pub fn of_document(plan: &ValidPlan, mut document: Value) -> Result<Self, NoTrials> {
        let p = plan.plan();
        let uncertainty = match &p.uncertainty {
            Some(u) if !u.ranges.is_empty() => u.clone(),
            _ => return Err(NoTrials::NoRanges),
        };
        let problems = p.uncertainty_problems_in(Some(&document));
        if !problems.is_empty() {
            return Err(NoTrials::Problems(problems));
        }
        if let Some(map) = document.as_object_mut() {
            map.remove("uncertainty");
        }
        Ok(Self {
            document,
            uncertainty,
            scenarios: p.scenarios.len(),
            months: p.horizon_months as usize,
            lens: CatalogLens {
                database: p.catalogs.databases.len(),
                redis: p.catalogs.redis.len(),
            },
        })
    }

    /// The plan's uncertainty section.
    pub fn uncertainty(&self) -> &Uncertainty {
        &self.uncertainty
    }

    /// The plan's horizon, in months.
    pub fn months(&self) -> u32 {
        self.months as u32
    }

    /// Each range's swing of every scenario's cost in month 12 (or the horizon's last month).
    pub fn sensitivity(&self) -> Sensitivity {
        let month = self.months().min(12);
        let outputs: Vec<Output> = (0..self.scenarios)
            .map(|scenario| Output::Figure {
                scenario,
                metric: Metric::CostPerMonth,
                month,
            })
            .collect();
        let swings = tornado(self, &outputs)
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        Sensitivity { month, swings }
    }

    /// How many trials the plan asks for.
    pub fn trials(&self) -> u32 {
        self.uncertainty.trials
    }

    /// An empty tally of this simulation's shape.
    pub fn tally(&self) -> Tally {
        Tally::new(self.scenarios, self.months, self.lens)
    }

    /// The plan of trial `trial`: every range drawn, or why the draws make no valid plan.
    pub fn trial_plan(&self, trial: u32) -> Result<ValidPlan, String> {
        let mut document = self.document.clone();
        for (stream, range) in self.uncertainty.ranges.iter().enumerate() {
            let mut rng = Rng::for_trial(self.uncertainty.seed, trial, stream as u32);
            set_number_at(
                &mut document,
                &range.field,
                range.distribution.sample(&mut rng),
            );
        }
        self.valid(&document)
    }

    /// The plan with each field of `values` (a field of a range and its value) set.
    pub(crate) fn plan_with(&self, values: &[(&Range, f64)]) -> Result<ValidPlan, String> {
        let mut document = self.document.clone();
        for (range, value) in values {
            set_number_at(&mut document, &range.field, *value);
        }
        self.valid(&document)
    }

    fn valid(&self, document: &Value) -> Result<ValidPlan, String> {
        let plan = plan_reader::read(document).map_err(|e| format!("{}: {}", e.path, e.message))?;
        plan.validate().map_err(|errors| {
            errors
                .first()
                .map_or_else(|| "invalid".to_owned(), ToString::to_string)
        })
    }

    /// Runs trials `trials` (numbered from 0) into `tally`; `progress` is told after each
    /// trial how many of these have run.
    pub fn run(
        &self,
        trials: std::ops::Range<u32>,
        tally: &mut Tally,
        mut progress: impl FnMut(u32),
    ) {
        let first = trials.start;
        for trial in trials {
            match self.trial_plan(trial) {
                Ok(plan) => tally.add(&engine::run_sized(&plan)),
                Err(why) => tally.reject(why),
            }
            progress(trial - first + 1);
        }
    }
}

/// What a set of trials has seen: a sketch of every figure of every month of every scenario,
/// and of the month each tier is first needed.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    scenarios: usize,
    months: usize,
    lens: CatalogLens,
    /// The moves followed ([`Tally::move_list`]), listed once.
    steps: Vec<Move>,
    /// `[scenario][month][metric]`, flattened.
    cells: Vec<Sketch>,
    /// `[scenario][move]`, flattened, moves as `steps` lists them; a move not made
    /// within the horizon counts as month `months + 1`.
    moves: Vec<Sketch>,
    /// `[scenario][move]`: in how many trials the move is made within the horizon.
    moves_within: Vec<u32>,
    /// Trials counted.
    pub trials: u32,
    /// Trials whose draws made no valid plan, and the first one's reason.
    pub rejected: u32,
    /// Why the first rejected trial was rejected.
    pub first_rejection: Option<String>,
}

impl Tally {
    fn new(scenarios: usize, months: usize, lens: CatalogLens) -> Self {
        let steps = Self::move_list(lens);
        let moves = steps.len();
        Self {
            scenarios,
            months,
            lens,
            steps,
            cells: vec![Sketch::default(); scenarios * months * Metric::ALL.len()],
            moves: vec![Sketch::default(); scenarios * moves],
            moves_within: vec![0; scenarios * moves],
            trials: 0,
            rejected: 0,
            first_rejection: None,
        }
    }

    /// Every move a tally follows: each database tier and Redis plan after the first, and
    /// beyond each catalog.
    pub fn move_list(lens: CatalogLens) -> Vec<Move> {
        let database = (1..=lens.database).map(|tier| Move {
            resource: Resource::Database,
            tier,
        });
        let redis = (1..=lens.redis).map(|tier| Move {
            resource: Resource::Redis,
            tier,
        });
        database.chain(redis).collect()
    }

    fn cell(&self, scenario: usize, month: usize, metric: Metric) -> usize {
        (scenario * self.months + month) * Metric::ALL.len() + metric.index()
    }

    /// Counts one trial's results.
    pub fn add(&mut self, results: &[SizedScenario]) {
        let moves = self.steps.len();
        for (s, result) in results.iter().enumerate().take(self.scenarios) {
            for (m, month) in result.months.iter().enumerate().take(self.months) {
                for metric in Metric::ALL {
                    let at = self.cell(s, m, metric);
                    self.cells[at].add(metric.of(month, self.lens));
                }
            }
            for (i, step) in self.steps.iter().enumerate() {
                let first = first_month_at(result, step.resource, step.tier, self.lens);
                let at = s * moves + i;
                self.moves_within[at] += u32::from(first.is_some());
                self.moves[at].add(f64::from(first.unwrap_or(self.months as u32 + 1)));
            }
        }
        self.trials += 1;
    }

    /// Counts a trial left out, and why.
    pub fn reject(&mut self, why: String) {
        self.rejected += 1;
        self.first_rejection.get_or_insert(why);
    }

    /// Adds `other`'s trials (of the same simulation) to these.
    pub fn merge(&mut self, other: &Tally) {
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            a.merge(b);
        }
        for (a, b) in self.moves.iter_mut().zip(&other.moves) {
            a.merge(b);
        }
        for (a, b) in self.moves_within.iter_mut().zip(&other.moves_within) {
            *a += b;
        }
        self.trials += other.trials;
        self.rejected += other.rejected;
        if self.first_rejection.is_none() {
            self.first_rejection.clone_from(&other.first_rejection);
        }
    }
}
