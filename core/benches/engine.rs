//! Benchmark: the whole engine on a 120-month, 5-scenario plan, and what a keystroke's own
//! frame computes of it.
//!
//! Run with `cargo bench -p headroom-core --bench engine`. A plain timing harness (median of
//! many runs after a warm-up) keeps the dependency tree small; the figure is recorded in
//! BENCHMARKS.md. Performance targets live here, never in timed tests.

use headroom_core::{compare, engine, tables};
use std::hint::black_box;

mod shared;
use shared::big_plan;

/// Median and p95 of 200 runs of `work` after 20 warm-up runs.
fn time<T>(what: &str, work: impl FnMut() -> T) {
    let samples = shared::samples(20, 200, work);
    let median = samples[samples.len() / 2];
    let p95 = samples[samples.len() * 95 / 100];
    println!("{what}: median {median:?}, p95 {p95:?} (200 runs)");
}

fn main() {
    let plan = big_plan().validate().expect("the benchmark plan is valid");
    time("engine::run, 120 months × 5 scenarios", || {
        engine::run(black_box(&plan))
    });
    // What a keystroke's own frame computes in the app: the scenario on show, the other
    // scenarios' earlier results carried over, its table and the summary's comparison.
    let results = engine::run(&plan);
    time("engine::run_one, 120 months, 1 scenario", || {
        engine::run_one(black_box(&plan), 2)
    });
    time("PlanResults::clone, 120 months × 5 scenarios", || {
        black_box(&results).clone()
    });
    for (id, _) in tables::table_ids(&plan, &results, 2) {
        time(
            &format!("tables::scenario_table {id:?}, 120 months"),
            || tables::scenario_table(black_box(&plan), &results, 2, id),
        );
    }
    time("compare::compare_month, 5 scenarios", || {
        compare::compare_month(black_box(&plan), &results, 60, 2)
    });
}
