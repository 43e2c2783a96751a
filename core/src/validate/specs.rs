//! Accepted ranges, one per numeric plan field.

use crate::input::NumberSpec;
use crate::plan::MAX_HORIZON_MONTHS;

const fn spec(
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    whole: bool,
) -> NumberSpec {
    NumberSpec {
        label,
        unit,
        min,
        max,
        whole,
    }
}

pub const HORIZON: NumberSpec = spec("Horizon", "months", 1.0, MAX_HORIZON_MONTHS as f64, true);
pub const UNITS: NumberSpec = spec("Units today", "", 0.0, 1e9, false);
pub const REQUESTS_PER_UNIT_PER_DAY: NumberSpec =
    spec("Requests per unit per day", "req/day", 0.0, 1e9, false);
pub const PEAK_TO_AVERAGE: NumberSpec = spec("Peak-to-average ratio", "×", 1.0, 100.0, false);
/// A busiest hour holds at least 1/24 of the day.
pub const PEAK_HOUR_SHARE: NumberSpec = spec("Peak-hour share", "%", 100.0 / 24.0, 100.0, false);
pub const PEAK_RPS: NumberSpec = spec("Peak traffic today", "req/s", 0.0, 1e7, false);
pub const FIXED_PEAK_RPS: NumberSpec = spec("Fixed peak traffic", "req/s", 0.0, 1e7, false);
pub const DATA_GB_FIXED: NumberSpec = spec("Fixed database data", "GB", 0.0, 1e6, false);
pub const DATA_GB_PER_UNIT: NumberSpec = spec("Database data per unit", "GB", 0.0, 1e3, false);
pub const CONNECTIONS_PER_UNIT: NumberSpec = spec("Connections per unit", "", 0.0, 1e3, false);
pub const BACKGROUND_CONNECTIONS: NumberSpec = spec("Background connections", "", 0.0, 1e5, true);
pub const REDIS_MB_FIXED: NumberSpec = spec("Fixed Redis memory", "MB", 0.0, 1e7, false);
pub const REDIS_MB_PER_UNIT: NumberSpec = spec("Redis memory per unit", "MB", 0.0, 1e5, false);
pub const KEYS_PER_UNIT: NumberSpec = spec("Redis keys per unit", "", 0.0, 1e7, false);
pub const BYTES_PER_KEY: NumberSpec = spec("Bytes per key", "B", 0.0, 1e7, false);
pub const SESSIONS_PER_UNIT_PER_DAY: NumberSpec =
    spec("Voice sessions per unit per day", "", 0.0, 1e6, false);
pub const SESSION_MINUTES: NumberSpec = spec("Session length", "min", 0.01, 1440.0, false);
pub const INTERACTIONS_PER_SESSION: NumberSpec =
    spec("Interactions per session", "", 0.0, 1e4, false);
pub const GPU_SECONDS: NumberSpec = spec("GPU time per interaction", "s", 0.001, 3600.0, false);
pub const PEAK_CONCURRENT_SESSIONS: NumberSpec = spec(
    "Peak concurrent sessions today",
    "sessions",
    0.0,
    1e9,
    false,
);
pub const COST_PER_MONTH: NumberSpec = spec("Monthly cost", "per month", 0.0, 1e9, false);
pub const INCLUDED_UNITS: NumberSpec = spec("Units included", "", 0.0, 1e12, false);
pub const COST_FROM_MONTH: NumberSpec =
    spec("First month paid", "", 1.0, MAX_HORIZON_MONTHS as f64, true);
pub const COST_UNTIL_MONTH: NumberSpec =
    spec("Last month paid", "", 1.0, MAX_HORIZON_MONTHS as f64, true);
pub const BILL: NumberSpec = spec("Monthly bill today", "per month", 0.0, 1e10, false);
pub const TODAY_INSTANCES: NumberSpec = spec("Instances today", "", 0.0, 1e5, true);
pub const GROWTH_PCT: NumberSpec = spec("Monthly growth", "%", -100.0, 1000.0, false);
pub const CHURN_PCT: NumberSpec = spec("Monthly churn", "%", 0.0, 100.0, false);
pub const DATA_GROWTH_PCT: NumberSpec = spec("Monthly data growth", "%", -100.0, 1000.0, false);
pub const BACKGROUND_GROWTH_PCT: NumberSpec =
    spec("Monthly background growth", "%", -100.0, 1000.0, false);
pub const MILESTONE_MONTH: NumberSpec =
    spec("Milestone month", "", 1.0, MAX_HORIZON_MONTHS as f64, true);
pub const MILESTONE_UNITS: NumberSpec = spec("Milestone units", "", 0.0, 1e12, false);
pub const OBSERVED_UNITS: NumberSpec = spec("Observed units", "", 0.0, 1e12, false);
pub const CONFIDENCE_PCT: NumberSpec = spec("Confidence", "%", 50.0, 99.9, false);
pub const MULTIPLIER: NumberSpec = spec("Multiplier", "×", 0.0, 100.0, false);
pub const EFFECT_YEAR: NumberSpec = spec("Year", "", 1900.0, 2200.0, true);
pub const TARGET_UTILISATION_PCT: NumberSpec = spec("Target utilisation", "%", 1.0, 100.0, false);
pub const SCALE_UP_TRIGGER_PCT: NumberSpec = spec("Scale-up trigger", "%", 1.0, 100.0, false);
pub const CONNECTIONS_TRIGGER_PCT: NumberSpec =
    spec("Database connections trigger", "%", 1.0, 100.0, false);
pub const STORAGE_TRIGGER_PCT: NumberSpec = spec("Database size trigger", "%", 1.0, 100.0, false);
pub const REDIS_MEMORY_TRIGGER_PCT: NumberSpec =
    spec("Redis memory trigger", "%", 1.0, 100.0, false);
pub const HEADROOM_PCT: NumberSpec = spec("Headroom", "%", 0.0, 1000.0, false);
pub const REDUNDANCY: NumberSpec = spec("Redundancy (N+k)", "", 0.0, 10.0, true);
pub const MIN_INSTANCES: NumberSpec = spec("Minimum instances", "", 1.0, 10_000.0, true);
pub const MAX_INSTANCES: NumberSpec = spec("Maximum instances", "", 1.0, 100_000.0, true);
pub const POOL_PER_INSTANCE: NumberSpec =
    spec("Pool per instance", "connections", 1.0, 10_000.0, true);
pub const POOLER_SHARE_PCT: NumberSpec = spec("Pooler threshold", "%", 1.0, 100.0, false);
pub const FRAGMENTATION: NumberSpec = spec("Fragmentation ratio", "×", 1.0, 3.0, false);
pub const MAXMEMORY_SHARE_PCT: NumberSpec = spec("maxmemory share", "%", 10.0, 100.0, false);
pub const OVERHEAD_BYTES_PER_KEY: NumberSpec = spec("Overhead per key", "B", 0.0, 10_000.0, false);
pub const WAIT_TARGET_S: NumberSpec = spec("Voice wait target", "s", 0.001, 3600.0, false);
/// Up to the longest wait plus the longest GPU time, so that switching between a wait and
/// a response target always converts into range.
pub const RESPONSE_TARGET_S: NumberSpec = spec("Voice response target", "s", 0.001, 7200.0, false);
/// Below 50 % a "percentile" target is meaningless; 100 % would need infinite capacity.
pub const PERCENTILE_PCT: NumberSpec = spec("Target percentile", "%", 50.0, 99.99, false);
pub const DISCOUNT_PCT: NumberSpec = spec("Commitment discount", "%", 0.0, 95.0, false);
pub const TERM_MONTHS: NumberSpec = spec("Commitment term", "months", 1.0, 60.0, true);
pub const BUSINESS_HOURS: NumberSpec = spec("Business hours per weekday", "h", 0.0, 24.0, false);
pub const OFF_HOURS_SHARE_PCT: NumberSpec = spec("Share kept off hours", "%", 0.0, 100.0, false);
pub const VCPU: NumberSpec = spec("vCPUs", "", 0.1, 1024.0, false);
pub const MEMORY_GB: NumberSpec = spec("Memory", "GB", 0.01, 1e5, false);
pub const CAPACITY_RPS: NumberSpec = spec("Capacity per instance", "req/s", 0.001, 1e7, false);
pub const PRICE: NumberSpec = spec("Price", "per month", 0.0, 1e7, false);
pub const MAX_CONNECTIONS: NumberSpec = spec("Max connections", "", 1.0, 1e6, true);
pub const POOLER_CLIENTS: NumberSpec = spec("Pooler clients", "", 0.0, 1e7, true);
pub const STORAGE_GB: NumberSpec = spec("Storage", "GB", 0.001, 1e7, false);
pub const REDIS_NODES: NumberSpec = spec("Nodes", "", 1.0, 1000.0, true);
pub const STREAMS_PER_NODE: NumberSpec = spec("Streams per node", "", 1.0, 10_000.0, true);
pub const SESSIONS_PER_NODE: NumberSpec = spec("Sessions per node", "", 1.0, 10_000.0, true);
pub const SCALING_INSTANCES: NumberSpec = spec("Instances tested", "", 1.0, 100_000.0, false);
pub const SCALING_THROUGHPUT: NumberSpec = spec("Measured throughput", "req/s", 0.001, 1e9, false);
/// The Monte Carlo trials of a plan's ranges. At least 100: below that a P10 rests on fewer
/// than ten trials. At most 100 000: there the sampling error of a P10 or P90 (its standard
/// error √(p·(1 − p) ÷ n) of the percentile) is under 0.1 percentile point, far finer than any
/// range a planner gives; more would only cost time (a 120-month, 5-scenario plan's run is
/// about 0.5 ms natively, BENCHMARKS.md, so 100 000 trials of it take most of a minute).
pub const TRIALS: NumberSpec = spec("Trials", "", 100.0, 100_000.0, true);
