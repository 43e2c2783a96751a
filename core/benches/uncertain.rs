//! Benchmark: draws from each shape of range, PERT by its gamma sampler against its inverse
//! CDF, and adding trials' results to quantile sketches.
//!
//! Run with `cargo bench -p headroom-core --bench uncertain`. The same plain harness as
//! `engine.rs` (median of many runs after a warm-up); figures go in BENCHMARKS.md.

use headroom_core::plan::Distribution;
use headroom_core::uncertain::rng::Rng;
use headroom_core::uncertain::sketch::Sketch;
use std::hint::black_box;

mod shared;

/// Draws per timed run.
const DRAWS: u32 = 10_000;

/// Median of 50 runs of `work` after 5 warm-up runs, per one of `per` items.
fn time<T>(what: &str, per: u32, work: impl FnMut() -> T) {
    let samples = shared::samples(5, 50, work);
    let median = samples[samples.len() / 2];
    println!(
        "{what}: {:.1} ns each (median of 50 runs of {per})",
        median.as_nanos() as f64 / f64::from(per)
    );
}

fn main() {
    let shapes = [
        (
            "uniform",
            Distribution::Uniform {
                low: 8.0,
                high: 20.0,
            },
        ),
        (
            "triangular",
            Distribution::Triangular {
                low: 8.0,
                likely: 12.0,
                high: 20.0,
            },
        ),
        (
            "pert",
            Distribution::Pert {
                low: 8.0,
                likely: 12.0,
                high: 20.0,
            },
        ),
        (
            "normal",
            Distribution::Normal {
                mean: 12.0,
                sd: 3.0,
            },
        ),
        (
            "lognormal",
            Distribution::Lognormal {
                median: 12.0,
                gsd: 1.5,
            },
        ),
    ];
    for (name, d) in shapes {
        time(
            &format!("{name}: a trial's generator and one draw"),
            DRAWS,
            || {
                (0..DRAWS)
                    .map(|trial| d.sample(&mut Rng::for_trial(1, black_box(trial), 0)))
                    .sum::<f64>()
            },
        );
    }
    let pert = Distribution::Pert {
        low: 8.0,
        likely: 12.0,
        high: 20.0,
    };
    time("pert by inverse CDF (quantile at a uniform)", DRAWS, || {
        (0..DRAWS)
            .map(|trial| pert.quantile(Rng::for_trial(1, black_box(trial), 0).uniform_open01()))
            .sum::<f64>()
    });
    let normal = Distribution::Normal {
        mean: 100.0,
        sd: 15.0,
    };
    time("Sketch::add, reals (10 000 into one sketch)", DRAWS, || {
        let mut sketch = Sketch::default();
        for trial in 0..DRAWS {
            sketch.add(normal.sample(&mut Rng::for_trial(1, trial, 0)));
        }
        sketch.quantile(0.9)
    });
    time(
        "Sketch::add, counts (10 000 into one sketch)",
        DRAWS,
        || {
            let mut sketch = Sketch::default();
            for trial in 0..DRAWS {
                sketch.add(normal.sample(&mut Rng::for_trial(1, trial, 0)).ceil());
            }
            sketch.quantile(0.9)
        },
    );
    let mut sketch = Sketch::default();
    for trial in 0..DRAWS {
        sketch.add(normal.sample(&mut Rng::for_trial(1, trial, 0)));
    }
    sketch.shrink();
    println!(
        "a normal's 10 000 draws in a sketch: {} representatives, {} bytes",
        sketch.distinct(),
        sketch.distinct() * 12
    );
}
