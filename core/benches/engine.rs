//! Benchmark: the whole engine on a 120-month, 5-scenario plan.
//!
//! Run with `cargo bench -p headroom-core --bench engine`. A plain timing harness (median of
//! many runs after a warm-up) keeps the dependency tree small; the figure is recorded in
//! BENCHMARKS.md. Performance targets live here, never in timed tests.

use headroom_core::engine;
use headroom_core::plan::{Growth, Plan, Scenario, VoiceDemand};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn big_plan() -> Plan {
    let mut plan = Plan {
        horizon_months: 120,
        ..Plan::default()
    };
    plan.baseline.voice = std::env::var("NOVOICE").is_err().then_some(VoiceDemand {
        sessions_per_unit_per_day: 0.5,
        peak_hour_share_pct: 15.0,
        session_minutes: 4.0,
        interactions_per_session: 5.0,
        gpu_seconds_per_interaction: 2.5,
    });
    plan.baseline.database.data_gb_per_unit = 0.01;
    plan.baseline.redis.memory_mb_per_unit = 0.1;
    plan.scenarios = (0..5)
        .map(|i| Scenario {
            name: format!("Scenario {i}"),
            growth: Growth::Compound {
                monthly_growth_pct: 1.0 + f64::from(i),
                monthly_churn_pct: 1.0,
            },
            calendar: Vec::new(),
        })
        .collect();
    plan
}

// Timing is this harness' whole purpose; the core itself never reads the clock.
#[allow(clippy::disallowed_methods)]
fn main() {
    let plan = big_plan().validate().expect("the benchmark plan is valid");
    for _ in 0..20 {
        black_box(engine::run(black_box(&plan)));
    }
    let mut samples: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            black_box(engine::run(black_box(&plan)));
            start.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[samples.len() / 2];
    let p95 = samples[samples.len() * 95 / 100];
    println!("engine::run, 120 months × 5 scenarios: median {median:?}, p95 {p95:?} (200 runs)");
}
