//! What the benchmarks share: the plan they time. A module of its own so that `engine.rs` and
//! `montecarlo.rs` time the same plan; included by `mod shared;` (a directory without a
//! `main.rs` is not a bench target of its own).

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
