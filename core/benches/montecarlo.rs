//! Benchmark: Monte Carlo trials per second, natively, of
//!
//! - **engine**: the whole engine through [`Simulation::run`] on the engine bench's plan
//!   (120 months, 5 scenarios, voice) with 12 ranges: each scenario's monthly growth (PERT)
//!   and churn (uniform), the baseline's units (lognormal) and GPU seconds per interaction
//!   (triangular). A trial draws them, reads and validates the plan, runs the engine and adds
//!   every figure of every month to the tally's sketches;
//! - **growth**: compound growth with churn alone, Uₘ = Uₘ₋₁ · (1 + g − c) over 120 months,
//!   g ~ PERT and c ~ uniform drawn once per trial with the core's [`Rng`] and
//!   [`Distribution`], each month written into one reused buffer and added to that month's
//!   sum (the mean of every month; no allocation per trial). `tests/bench/squiggle.mjs` runs
//!   the same model in Squiggle and compares.
//!
//! Run with `cargo bench -p headroom-core --bench montecarlo`; `-- engine` or `-- growth`
//! runs one figure; `MC_TRIALS` sets the growth figure's trials per run (default 100 000).
//! One line per figure, `montecarlo <name>: <n> trials/s, …`, in the same plain harness as
//! `engine.rs` (median of several runs after a warm-up); figures go in BENCHMARKS.md.

use headroom_core::montecarlo::Simulation;
use headroom_core::plan::{Distribution, Range, Uncertainty};
use headroom_core::uncertain::rng::Rng;
use std::hint::black_box;
use std::time::Duration;

mod shared;
use shared::big_plan;

/// Median and least of `runs` timings of `work` after `warm_up` untimed runs.
fn time(warm_up: u32, runs: usize, work: impl FnMut()) -> (Duration, Duration) {
    let samples = shared::samples(warm_up, runs, work);
    (samples[runs / 2], samples[0])
}

/// Trials per second of `trials` trials taking `elapsed`.
fn rate(trials: u32, elapsed: Duration) -> f64 {
    f64::from(trials) / elapsed.as_secs_f64()
}

/// The engine bench's plan with a range on each scenario's growth and churn, the baseline's
/// units and its GPU seconds per interaction.
fn ranged_plan() -> headroom_core::validate::ValidPlan {
    let mut plan = big_plan();
    let range = |field: String, distribution| Range {
        field,
        distribution,
    };
    let mut ranges = Vec::new();
    for i in 0..plan.scenarios.len() {
        let likely = 1.0 + i as f64;
        ranges.push(range(
            format!("scenarios[{i}].growth.monthly_growth_pct"),
            Distribution::Pert {
                low: likely - 1.0,
                likely,
                high: likely + 2.0,
            },
        ));
        ranges.push(range(
            format!("scenarios[{i}].growth.monthly_churn_pct"),
            Distribution::Uniform {
                low: 0.5,
                high: 1.5,
            },
        ));
    }
    ranges.push(range(
        "baseline.units".to_owned(),
        Distribution::Lognormal {
            median: 1000.0,
            gsd: 1.5,
        },
    ));
    if plan.baseline.voice.is_some() {
        ranges.push(range(
            "baseline.voice.gpu_seconds_per_interaction".to_owned(),
            Distribution::Triangular {
                low: 1.5,
                likely: 2.5,
                high: 4.0,
            },
        ));
    }
    plan.uncertainty = Some(Uncertainty {
        ranges,
        ..Uncertainty::default()
    });
    plan.validate().expect("the benchmark plan is valid")
}

/// Figure (a): the whole engine, trials of [`ranged_plan`].
fn engine_figure() {
    const TRIALS: u32 = 100;
    const RUNS: usize = 5;
    let plan = ranged_plan();
    let simulation = Simulation::new(&plan).expect("the plan has ranges");
    let ranges = simulation.uncertainty().ranges.len();
    let mut rejected = 0;
    let (median, best) = time(1, RUNS, || {
        let mut tally = simulation.tally();
        simulation.run(0..TRIALS, &mut tally, |done| {
            black_box(done);
        });
        rejected += tally.rejected;
        black_box(&tally);
    });
    let per_trial_ms = median.as_secs_f64() * 1e3 / f64::from(TRIALS);
    println!(
        "montecarlo engine: {:.1} trials/s, {per_trial_ms:.3} ms per trial (median of {RUNS} \
         runs of {TRIALS} trials; best {:.1} trials/s; {ranges} ranges, {} months × {} \
         scenarios, rejected {rejected})",
        rate(TRIALS, median),
        rate(TRIALS, best),
        simulation.months(),
        plan.plan().scenarios.len(),
    );
}

/// Figure (b)'s model: `units` today, growth g and churn c in percent a month, `months`.
/// `tests/bench/squiggle.mjs` checks its description against its own.
struct GrowthModel {
    units: f64,
    growth: Distribution,
    churn: Distribution,
    months: usize,
}

const GROWTH_MODEL: GrowthModel = GrowthModel {
    units: 1000.0,
    growth: Distribution::Pert {
        low: 1.0,
        likely: 3.0,
        high: 6.0,
    },
    churn: Distribution::Uniform {
        low: 0.5,
        high: 2.0,
    },
    months: 120,
};

impl GrowthModel {
    /// The model in words, as the Squiggle script writes it too.
    fn description(&self) -> String {
        let (Distribution::Pert { low, likely, high }, Distribution::Uniform { low: cl, high: ch }) =
            (self.growth, self.churn)
        else {
            unreachable!("the model is PERT growth and uniform churn")
        };
        format!(
            "U0 {} · (1 + g − c) over {} months, g ~ pert({low}, {likely}, {high}) %, c ~ \
             uniform({cl}, {ch}) %",
            self.units, self.months
        )
    }

    /// Runs trials `trials`: each draws g and c (streams 0 and 1 of its own generator),
    /// writes its months into `path` and adds each to `sums` (both `months` long).
    fn run(&self, seed: u32, trials: std::ops::Range<u32>, path: &mut [f64], sums: &mut [f64]) {
        for trial in trials {
            let g = self.growth.sample(&mut Rng::for_trial(seed, trial, 0)) / 100.0;
            let c = self.churn.sample(&mut Rng::for_trial(seed, trial, 1)) / 100.0;
            let factor = 1.0 + g - c;
            let mut units = self.units;
            for (slot, sum) in path.iter_mut().zip(sums.iter_mut()) {
                units *= factor;
                *slot = units;
                *sum += units;
            }
            black_box(&mut *path);
        }
    }
}

/// Figure (b): compound growth with churn alone.
fn growth_figure() {
    const RUNS: usize = 21;
    let trials: u32 = std::env::var("MC_TRIALS")
        .ok()
        .and_then(|text| text.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(100_000);
    let model = GROWTH_MODEL;
    let mut path = vec![0.0; model.months];
    let mut sums = vec![0.0; model.months];
    let (median, best) = time(2, RUNS, || {
        sums.fill(0.0);
        model.run(1, 0..trials, &mut path, &mut sums);
        black_box(&sums);
    });
    let last = sums[model.months - 1] / f64::from(trials);
    println!("montecarlo growth model: {}", model.description());
    println!(
        "montecarlo growth: {:.0} trials/s, {:.3} µs per trial (median of {RUNS} runs of \
         {trials} trials; best {:.0} trials/s); mean month-{} units {last:.1}",
        rate(trials, median),
        median.as_secs_f64() * 1e6 / f64::from(trials),
        rate(trials, best),
        model.months,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument names the figures to run.
    let names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| names.is_empty() || names.iter().any(|n| n == name);
    if wanted("engine") {
        engine_figure();
    }
    if wanted("growth") {
        growth_figure();
    }
}
