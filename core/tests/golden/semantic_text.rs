//! Golden test for the semantic_text preset: the Semantic Text Processor's "Capacity Planning
//! and Scaling Recommendations Guide".
//!
//! Month 1 is February 2024 (the growth history ends on 22 January 2024); the trend is evaluated
//! on the first day of each month, 31, 60, 91 … 366 days after 1 January 2024.

use chrono::{Duration, NaiveDate};
use headroom_core::engine::{self, PlanResults, ScenarioResult};
use headroom_core::growth::{days_to_exhaustion, first_month_above, fit_trend};
use headroom_core::plan::{Observation, Plan, TrendShape};
use headroom_core::presets;
use headroom_core::tolerance::{assert_close, CENT, EXACT, HAND, ITERATIVE};
use headroom_core::usl::{self, FitConstraint, UslPoint};
use headroom_core::vertical::SizeAction;

fn plan() -> Plan {
    presets::find("semantic-text")
        .expect("semantic-text template")
        .build()
}

fn results() -> PlanResults {
    engine::run(&plan().validate().expect("the preset is valid"))
}

fn scenario<'a>(results: &'a PlanResults, name: &str) -> &'a ScenarioResult {
    results
        .scenarios
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scenario {name}"))
}

/// Ordinary least squares y = a + b·x: (slope b, intercept a, r²).
fn least_squares(xs: &[f64], ys: &[f64]) -> (f64, f64, f64) {
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
        syy += (y - my) * (y - my);
    }
    let slope = sxy / sxx;
    (slope, my - slope * mx, sxy * sxy / (sxx * syy))
}

fn history() -> Vec<Observation> {
    [(1, 10_000.0), (8, 12_000.0), (15, 15_000.0), (22, 18_000.0)]
        .map(|(d, units)| Observation {
            date: NaiveDate::from_ymd_opt(2024, 1, d).unwrap(),
            units,
        })
        .to_vec()
}

// The resource model's sample data.
const REQUEST_RATES: [f64; 6] = [10.0, 25.0, 50.0, 75.0, 100.0, 150.0];
const CPU_PCT: [f64; 6] = [15.0, 25.0, 40.0, 55.0, 70.0, 85.0];
const MEMORY_MB: [f64; 6] = [1800.0, 2000.0, 2300.0, 2600.0, 2900.0, 3400.0];
const RESPONSE_MS: [f64; 6] = [80.0, 90.0, 120.0, 150.0, 200.0, 300.0];
const CONCURRENT_USERS: [f64; 6] = [5.0, 12.0, 25.0, 38.0, 50.0, 75.0];

#[test]
fn practical_limits() {
    // 80 % of 6 GB and of 80 GB, as printed.
    assert_close("memory", 6.0 * 0.8, 4.8, EXACT);
    assert_close("storage", 80.0 * 0.8, 64.0, EXACT);
    // "4 cores @ 2.4GHz = ~9,600 CPU-seconds/hour" mixes clock rate into a time unit: 4 cores
    // give 4 × 3 600 = 14 400 CPU-seconds an hour, and 80 % of that is 11 520, not 7 680. The
    // guide's 7 680 is 80 % of its wrong 9 600.
    assert_close("the guide's arithmetic", 9600.0 * 0.8, 7680.0, EXACT);
    assert_close(
        "correct CPU-seconds at 80 %",
        4.0 * 3600.0 * 0.8,
        11_520.0,
        EXACT,
    );
    // The database tier is outgrown at the 80 % trigger of its 80 GB: the 64 GB practical limit.
    let plan = plan();
    let db = &plan.catalogs.databases[0];
    assert_close(
        "storage trigger",
        db.storage_gb * plan.policies.scale_up_trigger_pct / 100.0,
        64.0,
        EXACT,
    );
}

#[test]
fn cpu_model_is_a_straight_line_through_the_samples() {
    // stats.linregress(request_rates, cpu_utilizations).
    let (slope, intercept, r2) = least_squares(&REQUEST_RATES, &CPU_PCT);
    assert_close("CPU % per req/s", slope, 0.5125, EXACT);
    assert_close("CPU % at no load", intercept, 13.3125, EXACT);
    assert_close("r²", r2, 0.977_326, ITERATIVE);
    // The fit puts the 80 % upgrade trigger of the 4-core host at 130 req/s: tier 2's max_rps
    // of 125 is the rate at that trigger, not at 100 % CPU (which would be 169 req/s).
    assert_close(
        "req/s at 80 % CPU",
        (80.0 - intercept) / slope,
        130.122,
        HAND,
    );
    assert_close(
        "req/s at 100 % CPU",
        (100.0 - intercept) / slope,
        169.146,
        HAND,
    );
}

#[test]
fn memory_and_response_time_models() {
    let (slope, intercept, r2) = least_squares(&CONCURRENT_USERS, &MEMORY_MB);
    assert_close("MB per user", slope, 22.865_082, ITERATIVE);
    assert_close("base MB", intercept, 1_718.776_361, ITERATIVE);
    assert_close("r²", r2, 0.997_749, ITERATIVE);
    // Exponential response time: ln(rt) = ln a + b · rps.
    let logs: Vec<f64> = RESPONSE_MS.iter().map(|v| v.ln()).collect();
    let (b, ln_a, r2) = least_squares(&REQUEST_RATES, &logs);
    assert_close("a", ln_a.exp(), 72.811_310, ITERATIVE);
    assert_close("b", b, 0.009_645_940, EXACT);
    assert_close("r²", r2, 0.996_609, ITERATIVE);
    // The same fit through growth::fit_trend's exponential shape, with req/s as days.
    let origin = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let points: Vec<Observation> = REQUEST_RATES
        .iter()
        .zip(RESPONSE_MS)
        .map(|(&rps, units)| Observation {
            date: origin + Duration::days(rps as i64),
            units,
        })
        .collect();
    let fit = fit_trend(&points, TrendShape::Exponential).unwrap();
    assert_close("same slope", fit.slope_per_day(), b, EXACT);
    assert_close("same r²", fit.r_squared(), r2, EXACT);
}

#[test]
fn prediction_for_twice_the_load() {
    // calculate_scaling_requirements(current 50 req/s / 25 users, target 100 req/s / 50 users).
    let (cs, ci, _) = least_squares(&REQUEST_RATES, &CPU_PCT);
    let (ms, mi, _) = least_squares(&CONCURRENT_USERS, &MEMORY_MB);
    let logs: Vec<f64> = RESPONSE_MS.iter().map(|v| v.ln()).collect();
    let (b, ln_a, _) = least_squares(&REQUEST_RATES, &logs);
    let cpu = cs * 100.0 + ci;
    let memory = ms * 50.0 + mi;
    let response = (ln_a + b * 100.0).exp();
    assert_close("CPU % at 100 req/s", cpu, 64.5625, EXACT);
    assert_close("MB at 50 users", memory, 2862.030, HAND);
    assert_close("ms at 100 req/s", response, 191.037, HAND);
    // Everything stays within the targets (80 % CPU, 6 144 MB, 250 ms). The guide's function
    // then returns cpu_cores = 1: below 80 % it sets one core, though the percentages are of
    // the 4-core host. Correct: 64.6 % of 4 cores is 2.58 busy cores; at the 80 % target that
    // needs ⌈2.58 ÷ 0.8⌉ = 4 cores — the current host, not 1 core. memory_gb = 8 is right.
    let busy_cores = cpu / 100.0 * 4.0;
    assert_close("busy cores", busy_cores, 2.5825, EXACT);
    assert_eq!((busy_cores / 0.8).ceil(), 4.0);
    assert!(memory < 6144.0 && response < 250.0);
}

#[test]
fn growth_trend_and_thirty_day_forecast() {
    let fit = fit_trend(&history(), TrendShape::Linear).unwrap();
    assert_close("daily growth", fit.slope_per_day(), 2700.0 / 7.0, EXACT);
    assert_close("intercept", fit.intercept(), 9700.0, EXACT);
    assert_close("r²", fit.r_squared(), 0.991_837, ITERATIVE);
    // The guide's monthly and annual rates are the daily slope × 30 and × 365.
    assert_close("monthly", fit.slope_per_day() * 30.0, 11_571.429, HAND);
    assert_close("annual", fit.slope_per_day() * 365.0, 140_785.714, HAND);
    // forecast_load(days_ahead=30): the last forecast is day 21 + 30 = 51 → "18000 -> 29371".
    let day_51 = NaiveDate::from_ymd_opt(2024, 2, 21).unwrap();
    let f = fit.predict(day_51, 95.0);
    assert_close("30-day forecast", f.mean, 29_371.429, HAND);
    // The guide's "simplified" interval: ±1.96 × the residuals' population standard deviation
    // (residuals +300, −400, −100, +200: σ = √75 000 = 273.86), ±536.77 at every horizon. It
    // ignores the small sample and the distance from the data. The t-based prediction
    // interval (t(2) = 4.303, s = √150 000, √(1 + 1/4 + 40.5²/245)) is ±4 697.06.
    let guide_half = 1.96 * 75_000.0_f64.sqrt();
    assert_close("the guide's half-width", guide_half, 536.768, HAND);
    assert_close("t-based half-width", f.upper - f.mean, 4697.060, CENT);
    assert_close("lower bound", f.lower, 24_674.369, CENT);
    assert_close("upper bound", f.upper, 34_068.488, CENT);
}

#[test]
fn trend_scenario_month_by_month() {
    let results = results();
    let s = scenario(&results, "Weekly trend");
    let days = [31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];
    for (m, d) in s.months.iter().zip(days) {
        let units = 9700.0 + 2700.0 / 7.0 * d as f64;
        assert_close("units", m.units.mean, units, HAND);
        assert_close("peak", m.peak_rps, 75.0 * units / 18_000.0, HAND);
        assert_close("data", m.database.data_gb, units / 1000.0, HAND);
    }
    assert_close("January 2025", s.months[11].units.mean, 150_871.429, HAND);
    assert_close("lower", s.months[11].units.lower, 112_977.987, CENT);
    assert_close("upper", s.months[11].units.upper, 188_764.870, CENT);
    // ⌈peak ÷ (125 req/s × 70 %)⌉ on tier 2, at least 2.
    let counts: Vec<u64> = s.months.iter().map(|m| m.app.instances).collect();
    assert_eq!(counts, [2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 7, 8]);
}

#[test]
fn three_times_growth() {
    let results = results();
    let s = scenario(&results, "3× growth");
    let m12 = &s.months[11];
    assert_close("3 × 18 000", m12.units.mean, 54_000.0, EXACT);
    // predicted_rps = current_rps × 3 = 75 × 3, as the guide computes.
    assert_close("predicted rps", m12.peak_rps, 225.0, EXACT);
    // 3 × tier 2 (12 cores at 70 %).
    assert_eq!(m12.app.instances, 3);
    let counts: Vec<u64> = s.months.iter().map(|m| m.app.instances).collect();
    assert_eq!(counts, [2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3]);
    // The guide: response time 150 ms × 3 = 450 ms > 250 → factor 1.8 → cpu_cores
    // int(4 × 1.8) = 7, memory_gb int(8 × 1.8 × 0.8) = 11, cache 3 000 MB, db_connections
    // int(25 × 3 × 1.2) = 90. int() truncates capacity: 7.2 cores and 11.52 GB need 8 cores
    // and 12 GB. Through the CPU fit instead, 225 req/s is 128.6 % of 4 cores = 5.14 busy
    // cores, 7.35 at the 70 % target: also 8 cores.
    assert_close("cores before truncation", 4.0 * 1.8, 7.2, EXACT);
    assert_close("GB before truncation", 8.0 * 1.8 * 0.8, 11.52, EXACT);
    let busy = (0.5125 * 225.0 + 13.3125) / 100.0 * 4.0;
    assert_close("cores at 70 %", busy / 0.7, 7.35, HAND);
    // Cache 1 000 MB × 3.
    assert_close("cache", m12.redis.need.data_mb, 3000.0, EXACT);
}

#[test]
fn vertical_tiers_at_the_busiest_month() {
    let results = results();
    // Trend, January 2025: 628.6 req/s. Tier 1 needs 18 (over the maximum of 10); tiers 2–4
    // cost the same per req/s ($105.85 ÷ 125 = $423.40 ÷ 500), so 8 × tier 2, 4 × tier 3 and
    // 2 × tier 4 all cost $846.80; fewer instances break the tie.
    let v = &scenario(&results, "Weekly trend").vertical;
    assert_close("busiest peak", v.peak_rps, 628.631, HAND);
    let counts: Vec<u64> = v.options.iter().map(|o| o.instances).collect();
    assert_eq!(counts, [18, 8, 4, 2]);
    assert!(v.options[0].exceeds_max);
    for o in &v.options[1..] {
        assert_close(&o.name, o.usd_per_month, 846.8, EXACT);
    }
    assert_eq!(v.cheapest, Some(3));
    // Same cost on the current tier: scale out.
    assert_eq!(v.advice(1).map(|a| a.action), Some(SizeAction::ScaleOut));
    // 3×, 225 req/s: 7 × tier 1 = $370.48, 3 × tier 2 = $317.55, 2 × tier 3 = $423.40,
    // 2 × tier 4 (the minimum) = $846.80. Tier 2 is cheapest: scale out.
    let v = &scenario(&results, "3× growth").vertical;
    let counts: Vec<u64> = v.options.iter().map(|o| o.instances).collect();
    assert_eq!(counts, [7, 3, 2, 2]);
    assert_close("3 × tier 2", v.options[1].usd_per_month, 317.55, EXACT);
    assert_eq!(v.cheapest, Some(1));
    assert_eq!(v.advice(1).map(|a| a.action), Some(SizeAction::ScaleOut));
    // Mixing sizes beats every single size at the trend's busiest month: 898.04 req/s of
    // capacity is 3 × tier 3 (750) + 3 × tier 1 (150) = 900 for $793.87, against $846.80.
    let v = &scenario(&results, "Weekly trend").vertical;
    let mix = v.cheapest_mix.as_ref().expect("a mix fits");
    assert_eq!(
        mix.explanation.figure,
        "3 × Tier 3 (8 cores, 16 GB) + 3 × Tier 1 (2 cores, 4 GB) = $794/month"
    );
    assert_close(
        "mix",
        mix.usd_per_month,
        3.0 * 0.29 * 730.0 + 3.0 * 0.0725 * 730.0,
        EXACT,
    );
}

#[test]
fn tiers_scale_linearly_by_the_universal_scalability_law() {
    // Throughput per 2-core unit: N = 1, 2, 4, 8 → 50, 125, 250, 500 req/s. Going from 2 to 4
    // cores is superlinear (×2.5), which the law cannot describe: the fit is clamped to
    // α = β = 0, linear scaling with no peak.
    let points: Vec<UslPoint> = [(1.0, 50.0), (2.0, 125.0), (4.0, 250.0), (8.0, 500.0)]
        .map(|(n, throughput_per_s)| UslPoint {
            n,
            throughput_per_s,
        })
        .to_vec();
    let fit = usl::fit(&points).unwrap();
    assert_eq!(fit.constraint, FitConstraint::Clamped);
    assert_close("α", fit.model.contention_alpha(), 0.0, EXACT);
    assert_close("β", fit.model.coherency_beta(), 0.0, EXACT);
    assert!(fit.model.peak().is_none());
}

#[test]
fn horizontal_scaling_policy_and_connections() {
    let plan = plan();
    let p = &plan.policies;
    assert_eq!((p.min_instances, p.max_instances), (2, 10));
    assert_eq!(p.target_utilisation_pct, 70.0);
    // The HPA also targets 100 req/s per pod: 80 % of tier 2's 125, not the 70 % CPU target.
    assert_close("HPA rps target", 100.0 / 125.0 * 100.0, 80.0, EXACT);
    // 25 connections per instance against 100 in total: 4 instances fill the database, while
    // max_instances allows 10 (250 connections). The guide's pool settings do not fit its own
    // scaling range.
    assert_eq!(
        p.pool_per_instance * 4,
        plan.catalogs.databases[0].max_connections
    );
    let results = results();
    let trend = scenario(&results, "Weekly trend");
    // Month 5 (June 2024): 4 instances hold 100 connections, past 80 % of 100, and the data
    // (68.3 GB) passes 64 GB: the database is beyond the catalog from then on.
    assert_eq!(
        trend.months[3]
            .database
            .tier
            .map(|t| plan.catalogs.databases[t].name.as_str()),
        Some("PostgreSQL on the 100 GB SSD")
    );
    assert_close(
        "connections",
        trend.months[4].database.connections,
        100.0,
        EXACT,
    );
    assert!(trend.months[4..].iter().all(|m| m.database.tier.is_none()));
    let three = scenario(&results, "3× growth");
    assert!(three.months.iter().all(|m| m.database.tier.is_some()));
    assert_close("3 × 25", three.months[11].database.connections, 75.0, EXACT);
    assert!(!three.months[11].database.needs_pooler);
}

#[test]
fn days_until_the_storage_limit() {
    // Data is daily requests ÷ 1 000 in the history: 18 GB growing 0.3857 GB a day reaches the
    // 64 GB practical limit in (64 − 18) ÷ 0.3857 = 119.3 days (20 May 2024).
    let fit = fit_trend(&history(), TrendShape::Linear).unwrap();
    let days = days_to_exhaustion(18.0, 64.0, fit.slope_per_day() / 1000.0).unwrap();
    assert_close("days", days, 119.259, HAND);
    // The plan's months agree: June (month 5) is the first month past 64 GB.
    let results = results();
    let data: Vec<f64> = scenario(&results, "Weekly trend")
        .months
        .iter()
        .map(|m| m.database.data_gb)
        .collect();
    assert_eq!(first_month_above(&data, 64.0), Some(5));
}
