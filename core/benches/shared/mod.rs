//! What the benchmarks share: the plan they time and the timing itself. A module of its own so
//! that `engine.rs`, `montecarlo.rs` and `uncertain.rs` time the same plan the same way;
//! included by `mod shared;` (a directory without a `main.rs` is not a bench target of its
//! own).
#![allow(dead_code)] // each bench uses part of it

use std::hint::black_box;
use std::time::{Duration, Instant};

use headroom_core::plan::{Growth, Plan, Scenario, VoiceDemand};

/// 120 months, 5 scenarios of compound growth (1–5 % a month, 1 % churn) and, unless the
/// environment sets `NOVOICE`, voice: the engine's largest ordinary plan.
pub fn big_plan() -> Plan {
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
        peak_concurrent_sessions: 0.0,
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
            traffic: None,
            data_monthly_growth_pct: None,
            background_monthly_growth_pct: None,
        })
        .collect();
    plan
}

/// `runs` timings of `work`, shortest first, after `warm_up` untimed runs.
// Timing is this harness' whole purpose; the core itself never reads the clock.
#[allow(clippy::disallowed_methods)]
pub fn samples<T>(warm_up: u32, runs: usize, mut work: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..warm_up {
        black_box(work());
    }
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(work());
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples
}
