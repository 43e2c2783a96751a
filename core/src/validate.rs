//! The one gate between a plan document and the models.
//!
//! [`Plan::validate`] checks every field of a [`Plan`] — typed in the page, read from a file or
//! unpacked from a link — and returns either a [`ValidPlan`] or *every* problem at once, each
//! naming its field (a machine path such as `scenarios[1].growth.monthly_growth_pct` for the
//! page to place the message, and a sentence a person reads). The models take only a
//! [`ValidPlan`], so they never see NaN, ∞, a negative price or a horizon of 10 000 months.
//!
//! The accepted ranges are the [`NumberSpec`]s below; the page's form fields use the same specs,
//! so a field and the plan check can never disagree.

use crate::input::{FieldProblem, NumberSpec};
use crate::plan::{
    Baseline, Catalogs, Growth, MonthDay, PeakShape, Plan, Policies, Scenario, Traffic,
    VoiceDemand, VoicePolicy, VoiceTarget, YearMonth,
};
use crate::text::{excerpt, first_invisible};
use std::fmt;

/// A plan that passed [`Plan::validate`]; the models accept only this.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidPlan(Plan);

impl ValidPlan {
    /// The checked plan.
    pub fn plan(&self) -> &Plan {
        &self.0
    }

    /// Gives the plan back, e.g. to edit it.
    pub fn into_plan(self) -> Plan {
        self.0
    }
}

impl std::ops::Deref for ValidPlan {
    type Target = Plan;

    fn deref(&self) -> &Plan {
        &self.0
    }
}

/// One rejected field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    /// Where: `baseline.units`, `scenarios[0].growth.monthly_growth_pct`, `catalogs.instances[2].usd_per_month`.
    pub path: String,
    /// Why, naming the field in words: "Units today must be at least 0".
    pub message: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.path)
    }
}

impl std::error::Error for PlanError {}

/// Most scenarios a plan can hold.
pub const MAX_SCENARIOS: usize = 12;
/// Most entries per catalog, milestones, history points, calendar effects or cost lines.
pub const MAX_LIST: usize = 500;
/// Longest name or label, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Most scaling measurements (load-test points) a plan can hold.
pub const MAX_SCALING_POINTS: usize = 100;
/// Most calendar effects one scenario can hold.
pub const MAX_CALENDAR_EFFECTS: usize = 50;
/// Earliest and latest calendar years a plan can start in (`YYYY-MM`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

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

/// Accepted ranges, one per numeric plan field.
pub mod specs {
    use super::spec;
    use crate::input::NumberSpec;
    use crate::plan::MAX_HORIZON_MONTHS;

    pub const HORIZON: NumberSpec = spec("Horizon", "months", 1.0, MAX_HORIZON_MONTHS as f64, true);
    pub const UNITS: NumberSpec = spec("Units today", "", 0.0, 1e9, false);
    pub const REQUESTS_PER_UNIT_PER_DAY: NumberSpec =
        spec("Requests per unit per day", "req/day", 0.0, 1e9, false);
    pub const PEAK_TO_AVERAGE: NumberSpec = spec("Peak-to-average ratio", "×", 1.0, 100.0, false);
    /// A busiest hour holds at least 1/24 of the day.
    pub const PEAK_HOUR_SHARE: NumberSpec =
        spec("Peak-hour share", "%", 100.0 / 24.0, 100.0, false);
    pub const PEAK_RPS: NumberSpec = spec("Peak traffic today", "req/s", 0.0, 1e7, false);
    pub const FIXED_PEAK_RPS: NumberSpec = spec("Fixed peak traffic", "req/s", 0.0, 1e7, false);
    pub const DATA_GB_FIXED: NumberSpec = spec("Fixed database data", "GB", 0.0, 1e6, false);
    pub const DATA_GB_PER_UNIT: NumberSpec = spec("Database data per unit", "GB", 0.0, 1e3, false);
    pub const CONNECTIONS_PER_UNIT: NumberSpec = spec("Connections per unit", "", 0.0, 1e3, false);
    pub const BACKGROUND_CONNECTIONS: NumberSpec =
        spec("Background connections", "", 0.0, 1e5, true);
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
    pub const BILL: NumberSpec = spec("Monthly bill today", "per month", 0.0, 1e10, false);
    pub const TODAY_INSTANCES: NumberSpec = spec("Instances today", "", 0.0, 1e5, true);
    pub const GROWTH_PCT: NumberSpec = spec("Monthly growth", "%", -100.0, 1000.0, false);
    pub const CHURN_PCT: NumberSpec = spec("Monthly churn", "%", 0.0, 100.0, false);
    pub const MILESTONE_MONTH: NumberSpec =
        spec("Milestone month", "", 1.0, MAX_HORIZON_MONTHS as f64, true);
    pub const MILESTONE_UNITS: NumberSpec = spec("Milestone units", "", 0.0, 1e12, false);
    pub const OBSERVED_UNITS: NumberSpec = spec("Observed units", "", 0.0, 1e12, false);
    pub const CONFIDENCE_PCT: NumberSpec = spec("Confidence", "%", 50.0, 99.9, false);
    pub const MULTIPLIER: NumberSpec = spec("Multiplier", "×", 0.0, 100.0, false);
    pub const EFFECT_YEAR: NumberSpec = spec("Year", "", 1900.0, 2200.0, true);
    pub const TARGET_UTILISATION_PCT: NumberSpec =
        spec("Target utilisation", "%", 1.0, 100.0, false);
    pub const SCALE_UP_TRIGGER_PCT: NumberSpec = spec("Scale-up trigger", "%", 1.0, 100.0, false);
    pub const HEADROOM_PCT: NumberSpec = spec("Headroom", "%", 0.0, 1000.0, false);
    pub const REDUNDANCY: NumberSpec = spec("Redundancy (N+k)", "", 0.0, 10.0, true);
    pub const MIN_INSTANCES: NumberSpec = spec("Minimum instances", "", 1.0, 10_000.0, true);
    pub const MAX_INSTANCES: NumberSpec = spec("Maximum instances", "", 1.0, 100_000.0, true);
    pub const POOL_PER_INSTANCE: NumberSpec =
        spec("Pool per instance", "connections", 1.0, 10_000.0, true);
    pub const POOLER_SHARE_PCT: NumberSpec = spec("Pooler threshold", "%", 1.0, 100.0, false);
    pub const FRAGMENTATION: NumberSpec = spec("Fragmentation ratio", "×", 1.0, 3.0, false);
    pub const MAXMEMORY_SHARE_PCT: NumberSpec = spec("maxmemory share", "%", 10.0, 100.0, false);
    pub const OVERHEAD_BYTES_PER_KEY: NumberSpec =
        spec("Overhead per key", "B", 0.0, 10_000.0, false);
    pub const WAIT_TARGET_S: NumberSpec = spec("Voice wait target", "s", 0.001, 3600.0, false);
    /// Up to the longest wait plus the longest GPU time, so that switching between a wait and
    /// a response target always converts into range.
    pub const RESPONSE_TARGET_S: NumberSpec =
        spec("Voice response target", "s", 0.001, 7200.0, false);
    /// Below 50 % a "percentile" target is meaningless; 100 % would need infinite capacity.
    pub const PERCENTILE_PCT: NumberSpec = spec("Target percentile", "%", 50.0, 99.99, false);
    pub const DISCOUNT_PCT: NumberSpec = spec("Commitment discount", "%", 0.0, 95.0, false);
    pub const TERM_MONTHS: NumberSpec = spec("Commitment term", "months", 1.0, 60.0, true);
    pub const BUSINESS_HOURS: NumberSpec =
        spec("Business hours per weekday", "h", 0.0, 24.0, false);
    pub const OFF_HOURS_SHARE_PCT: NumberSpec =
        spec("Share kept off hours", "%", 0.0, 100.0, false);
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
    pub const SCALING_THROUGHPUT: NumberSpec =
        spec("Measured throughput", "req/s", 0.001, 1e9, false);
}

/// Collects problems with their paths.
#[derive(Default)]
struct Checker {
    errors: Vec<PlanError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(PlanError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn number(&mut self, path: impl Into<String>, spec: NumberSpec, value: f64) {
        if let Err(problem) = spec.check(value) {
            let sentence = match problem {
                FieldProblem::NotANumber => "is not a finite number".to_owned(),
                other => spec.describe(&other),
            };
            self.fail(path, format!("{} {sentence}", spec.label));
        }
    }

    fn count(&mut self, path: impl Into<String>, spec: NumberSpec, value: u32) {
        self.number(path, spec, f64::from(value));
    }

    fn name(&mut self, path: impl Into<String>, label: &str, value: &str) {
        let path = path.into();
        if value.trim().is_empty() {
            self.fail(path, format!("{label} is empty: give it a name"));
        } else if value.chars().count() > MAX_NAME_CHARS {
            self.fail(
                path,
                format!("{label} is longer than {MAX_NAME_CHARS} characters"),
            );
        } else {
            self.visible(path, label, value);
        }
    }

    /// Refuses text holding a character a reader cannot see: a line break or other control
    /// character, a direction-changing character or a zero-width one (see
    /// [`crate::text::invisible_at`] for the joiners allowed inside emoji and scripts that need
    /// them).
    fn visible(&mut self, path: String, label: &str, value: &str) {
        if let Some((c, kind)) = first_invisible(value) {
            self.fail(
                path,
                format!(
                    "{label} contains {} (U+{:04X}); remove it",
                    kind.describe(),
                    u32::from(c)
                ),
            );
        }
    }

    fn list_len(&mut self, path: &str, label: &str, len: usize, min: usize, max: usize) -> bool {
        if len < min {
            self.fail(
                path,
                format!(
                    "{label} needs at least {min} {}",
                    if min == 1 { "entry" } else { "entries" }
                ),
            );
            false
        } else if len > max {
            self.fail(
                path,
                format!("{label} holds {len} entries; at most {max} are allowed"),
            );
            false
        } else {
            true
        }
    }

    fn unique_names<'a>(&mut self, path: &str, label: &str, names: impl Iterator<Item = &'a str>) {
        let mut seen = Vec::new();
        for (i, name) in names.enumerate() {
            self.name(format!("{path}[{i}].name"), label, name);
            if repeated(&mut seen, crate::edit::normalise(name)) {
                self.fail(
                    format!("{path}[{i}].name"),
                    format!(
                        "{label} \"{}\" is used twice: names must differ",
                        excerpt(name)
                    ),
                );
            }
        }
    }
}

/// Whether `item` is already in `seen`, which keeps it if not. A list, not a set: lists hold
/// at most `MAX_LIST` entries, and a set's hashing code was more of the page's download than
/// the comparisons cost.
fn repeated<T: PartialEq>(seen: &mut Vec<T>, item: T) -> bool {
    let found = seen.contains(&item);
    if !found {
        seen.push(item);
    }
    found
}

impl Plan {
    /// Checks every field and returns the plan the models can trust.
    ///
    /// # Errors
    /// Every problem found, each with the field's path and a sentence naming it.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// assert!(plan.validate().is_ok());
    /// plan.horizon_months = 10_000;
    /// plan.baseline.units = f64::NAN;
    /// let errors = plan.validate().unwrap_err();
    /// assert_eq!(errors.len(), 2);
    /// assert_eq!(errors[0].message, "Horizon must be at most 120 months");
    /// assert_eq!(errors[1].path, "baseline.units");
    /// ```
    pub fn validate(&self) -> Result<ValidPlan, Vec<PlanError>> {
        let mut c = Checker::default();
        c.name("name", "The plan's name", &self.name);
        check_start(&mut c, self.start);
        c.count("horizon_months", specs::HORIZON, self.horizon_months);
        if !c.errors.iter().any(|e| e.path == "horizon_months") {
            check_end(&mut c, self.start, self.horizon_months);
        }
        if let Some(message) = crate::currency::Currency::check(&self.currency) {
            c.fail("currency", message);
        }
        let voice = self.baseline.voice.as_ref();
        check_baseline(&mut c, &self.baseline);
        check_today_tiers(&mut c, self);
        check_scenarios(&mut c, &self.scenarios);
        check_catalogs(&mut c, &self.catalogs, voice.is_some());
        check_policies(&mut c, &self.policies, &self.catalogs, voice);
        if c.errors.is_empty() {
            Ok(ValidPlan(self.clone()))
        } else {
            Err(c.errors)
        }
    }
}

fn check_baseline(c: &mut Checker, b: &Baseline) {
    c.name("baseline.demand_unit", "The demand unit", &b.demand_unit);
    c.number("baseline.units", specs::UNITS, b.units);
    match &b.traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => {
            c.number(
                "baseline.traffic.requests_per_unit_per_day",
                specs::REQUESTS_PER_UNIT_PER_DAY,
                *requests_per_unit_per_day,
            );
            match peak {
                PeakShape::PeakToAverage { ratio } => c.number(
                    "baseline.traffic.peak.ratio",
                    specs::PEAK_TO_AVERAGE,
                    *ratio,
                ),
                PeakShape::PeakHourShare { share_pct } => c.number(
                    "baseline.traffic.peak.share_pct",
                    specs::PEAK_HOUR_SHARE,
                    *share_pct,
                ),
            }
        }
        Traffic::PeakRate { peak_rps } => {
            c.number("baseline.traffic.peak_rps", specs::PEAK_RPS, *peak_rps)
        }
    }
    c.number(
        "baseline.fixed_peak_rps",
        specs::FIXED_PEAK_RPS,
        b.fixed_peak_rps,
    );
    if let Traffic::PeakRate { peak_rps } = b.traffic {
        if b.fixed_peak_rps > peak_rps {
            c.fail(
                "baseline.fixed_peak_rps",
                format!(
                    "Fixed peak traffic ({}) is part of today's peak and cannot exceed it ({})",
                    specs::FIXED_PEAK_RPS.with_unit(b.fixed_peak_rps),
                    specs::PEAK_RPS.with_unit(peak_rps)
                ),
            );
        }
    }
    let db = &b.database;
    c.number(
        "baseline.database.data_gb_fixed",
        specs::DATA_GB_FIXED,
        db.data_gb_fixed,
    );
    c.number(
        "baseline.database.data_gb_per_unit",
        specs::DATA_GB_PER_UNIT,
        db.data_gb_per_unit,
    );
    c.number(
        "baseline.database.connections_per_unit",
        specs::CONNECTIONS_PER_UNIT,
        db.connections_per_unit,
    );
    c.count(
        "baseline.database.background_connections",
        specs::BACKGROUND_CONNECTIONS,
        db.background_connections,
    );
    let r = &b.redis;
    c.number(
        "baseline.redis.memory_mb_fixed",
        specs::REDIS_MB_FIXED,
        r.memory_mb_fixed,
    );
    c.number(
        "baseline.redis.memory_mb_per_unit",
        specs::REDIS_MB_PER_UNIT,
        r.memory_mb_per_unit,
    );
    c.number(
        "baseline.redis.keys_per_unit",
        specs::KEYS_PER_UNIT,
        r.keys_per_unit,
    );
    c.number(
        "baseline.redis.bytes_per_key",
        specs::BYTES_PER_KEY,
        r.bytes_per_key,
    );
    if let Some(voice) = &b.voice {
        check_voice(c, voice, b.units);
    }
    if c.list_len(
        "baseline.other_costs",
        "Other costs",
        b.other_costs.len(),
        0,
        MAX_LIST,
    ) {
        for (i, line) in b.other_costs.iter().enumerate() {
            let path = format!("baseline.other_costs[{i}]");
            c.name(format!("{path}.name"), "A cost line's name", &line.name);
            c.number(
                format!("{path}.fixed_usd_per_month"),
                specs::COST_PER_MONTH,
                line.fixed_usd_per_month,
            );
            c.number(
                format!("{path}.per_unit_usd_per_month"),
                specs::COST_PER_MONTH,
                line.per_unit_usd_per_month,
            );
        }
    }
    if c.list_len(
        "baseline.scaling",
        "Scaling measurements",
        b.scaling.len(),
        0,
        MAX_SCALING_POINTS,
    ) {
        for (i, point) in b.scaling.iter().enumerate() {
            let path = format!("baseline.scaling[{i}]");
            c.number(
                format!("{path}.instances"),
                specs::SCALING_INSTANCES,
                point.instances,
            );
            c.number(
                format!("{path}.throughput_rps"),
                specs::SCALING_THROUGHPUT,
                point.throughput_rps,
            );
        }
    }
    c.count(
        "baseline.today.app_instances",
        specs::TODAY_INSTANCES,
        b.today.app_instances,
    );
    c.number(
        "baseline.today.monthly_bill_usd",
        specs::BILL,
        b.today.monthly_bill_usd,
    );
}

fn check_voice(c: &mut Checker, v: &VoiceDemand, units: f64) {
    c.number(
        "baseline.voice.sessions_per_unit_per_day",
        specs::SESSIONS_PER_UNIT_PER_DAY,
        v.sessions_per_unit_per_day,
    );
    c.number(
        "baseline.voice.peak_hour_share_pct",
        specs::PEAK_HOUR_SHARE,
        v.peak_hour_share_pct,
    );
    c.number(
        "baseline.voice.session_minutes",
        specs::SESSION_MINUTES,
        v.session_minutes,
    );
    c.number(
        "baseline.voice.interactions_per_session",
        specs::INTERACTIONS_PER_SESSION,
        v.interactions_per_session,
    );
    c.number(
        "baseline.voice.gpu_seconds_per_interaction",
        specs::GPU_SECONDS,
        v.gpu_seconds_per_interaction,
    );
    const PATH: &str = "baseline.voice.peak_concurrent_sessions";
    c.number(
        PATH,
        specs::PEAK_CONCURRENT_SESSIONS,
        v.peak_concurrent_sessions,
    );
    // A stated figure grows in proportion to units: from none it cannot.
    if v.peak_concurrent_sessions > 0.0 && units == 0.0 {
        c.fail(
            PATH,
            "Peak concurrent sessions need units today above 0 (0 derives them)",
        );
    }
}

/// The start month: a real month within [`YEARS`]. Text is checked when it is read; this
/// catches a plan built in code or edited field by field.
fn check_start(c: &mut Checker, start: YearMonth) {
    if !YEARS.contains(&start.year) || !(1..=12).contains(&start.month) {
        c.fail(
            "start",
            format!(
                "The start month {:04}-{:02} is not a month between {}-01 and {}-12",
                start.year,
                start.month,
                YEARS.start(),
                YEARS.end()
            ),
        );
    }
}

/// The last planned month: no later than December of the last of [`YEARS`], so every month of
/// the plan has its own calendar month (past it, months would repeat December 2200). Checked
/// only for a valid start and horizon; the message names both fields and sits by the horizon.
fn check_end(c: &mut Checker, start: YearMonth, horizon_months: u32) {
    if !YEARS.contains(&start.year) || !(1..=12).contains(&start.month) {
        return;
    }
    let first = i64::from(start.year) * 12 + i64::from(start.month) - 1;
    let last = first + i64::from(horizon_months) - 1;
    let latest = i64::from(*YEARS.end()) * 12 + 11;
    if last > latest {
        let latest_start = YearMonth {
            year: *YEARS.end(),
            month: 12,
        }
        .plus_months(1 - i64::from(horizon_months));
        c.fail(
            "horizon_months",
            format!(
                "Start / horizon: the plan would run past December {} ({} months from {:04}-{:02} \
                 end in {:04}-{:02}); start by {:04}-{:02} or plan fewer months",
                YEARS.end(),
                horizon_months,
                start.year,
                start.month,
                last.div_euclid(12),
                last.rem_euclid(12) + 1,
                latest_start.year,
                latest_start.month
            ),
        );
    }
}

/// A day of the year written `MM-DD`: a real day in a leap year (29 February allowed).
fn check_month_day(c: &mut Checker, path: String, label: &str, day: MonthDay) {
    if chrono::NaiveDate::from_ymd_opt(2024, day.month, day.day).is_none() {
        c.fail(
            path,
            format!("{label} {day} is not a day of the year (MM-DD, e.g. 11-20)"),
        );
    }
}

fn check_scenarios(c: &mut Checker, scenarios: &[Scenario]) {
    if scenarios.is_empty() {
        c.fail("scenarios", "The plan needs at least one scenario");
        return;
    }
    if !c.list_len(
        "scenarios",
        "The scenario list",
        scenarios.len(),
        1,
        MAX_SCENARIOS,
    ) {
        return;
    }
    c.unique_names(
        "scenarios",
        "A scenario's name",
        scenarios.iter().map(|s| s.name.as_str()),
    );
    for (i, scenario) in scenarios.iter().enumerate() {
        let path = format!("scenarios[{i}]");
        check_growth(c, &format!("{path}.growth"), &scenario.growth);
        let effects = &scenario.calendar;
        if c.list_len(
            &format!("{path}.calendar"),
            "The calendar",
            effects.len(),
            0,
            MAX_CALENDAR_EFFECTS,
        ) {
            for (j, effect) in effects.iter().enumerate() {
                let path = format!("{path}.calendar[{j}]");
                c.name(format!("{path}.name"), "A season's name", &effect.name);
                check_month_day(c, format!("{path}.from"), "The first day", effect.from);
                check_month_day(c, format!("{path}.to"), "The last day", effect.to);
                c.number(
                    format!("{path}.multiplier"),
                    specs::MULTIPLIER,
                    effect.multiplier,
                );
                if let Some(year) = effect.year {
                    c.number(format!("{path}.year"), specs::EFFECT_YEAR, f64::from(year));
                }
            }
        }
    }
}

fn check_growth(c: &mut Checker, path: &str, growth: &Growth) {
    match growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => {
            c.number(
                format!("{path}.monthly_growth_pct"),
                specs::GROWTH_PCT,
                *monthly_growth_pct,
            );
            c.number(
                format!("{path}.monthly_churn_pct"),
                specs::CHURN_PCT,
                *monthly_churn_pct,
            );
            if monthly_growth_pct.is_finite()
                && monthly_churn_pct.is_finite()
                && monthly_growth_pct - monthly_churn_pct < -100.0
            {
                c.fail(
                    format!("{path}.monthly_churn_pct"),
                    "Growth minus churn is below −100 %: a month cannot lose more than every unit",
                );
            }
        }
        Growth::Milestones { points, .. } => {
            if c.list_len(
                &format!("{path}.points"),
                "Milestones",
                points.len(),
                1,
                MAX_LIST,
            ) {
                let mut months = Vec::new();
                for (i, point) in points.iter().enumerate() {
                    c.count(
                        format!("{path}.points[{i}].month"),
                        specs::MILESTONE_MONTH,
                        point.month,
                    );
                    c.number(
                        format!("{path}.points[{i}].units"),
                        specs::MILESTONE_UNITS,
                        point.units,
                    );
                    if repeated(&mut months, point.month) {
                        c.fail(
                            format!("{path}.points[{i}].month"),
                            format!("Month {} has two milestones: keep one", point.month),
                        );
                    }
                }
            }
        }
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => {
            c.number(
                format!("{path}.confidence_pct"),
                specs::CONFIDENCE_PCT,
                *confidence_pct,
            );
            if c.list_len(
                &format!("{path}.history"),
                "History",
                history.len(),
                3,
                MAX_LIST,
            ) {
                for (i, point) in history.iter().enumerate() {
                    c.number(
                        format!("{path}.history[{i}].units"),
                        specs::OBSERVED_UNITS,
                        point.units,
                    );
                    if *shape == crate::plan::TrendShape::Exponential
                        && (point.units.is_nan() || point.units <= 0.0)
                    {
                        c.fail(
                            format!("{path}.history[{i}].units"),
                            "An exponential trend needs every observation above 0",
                        );
                    }
                }
                let mut dates = Vec::new();
                let different_days = history
                    .iter()
                    .filter(|point| !repeated(&mut dates, point.date))
                    .count();
                if different_days < 3 {
                    c.fail(
                        format!("{path}.history"),
                        "History needs observations on at least 3 different days",
                    );
                }
            }
        }
    }
}

/// The response target: in range, and (when it is the target) no shorter than the GPU time of
/// the interaction itself, which every response includes (docs/models.md "GPU voice nodes").
fn check_response_target(c: &mut Checker, v: &VoicePolicy, gpu_seconds: f64) {
    const PATH: &str = "policies.voice.response_target_s";
    let response = v.response_target_s;
    c.number(PATH, specs::RESPONSE_TARGET_S, response);
    // Within its range (else refused above) but below the GPU time.
    let in_range = response >= specs::RESPONSE_TARGET_S.min;
    if v.target == VoiceTarget::Response && in_range && response < gpu_seconds {
        c.fail(
            PATH,
            format!(
                "Voice response target ({} s) is below the GPU time per interaction ({} s), \
                 which every response includes",
                crate::format::number(response),
                crate::format::number(gpu_seconds)
            ),
        );
    }
}

fn check_policies(c: &mut Checker, p: &Policies, catalogs: &Catalogs, voice: Option<&VoiceDemand>) {
    c.number(
        "policies.target_utilisation_pct",
        specs::TARGET_UTILISATION_PCT,
        p.target_utilisation_pct,
    );
    c.number(
        "policies.scale_up_trigger_pct",
        specs::SCALE_UP_TRIGGER_PCT,
        p.scale_up_trigger_pct,
    );
    c.number("policies.headroom_pct", specs::HEADROOM_PCT, p.headroom_pct);
    c.count("policies.redundancy", specs::REDUNDANCY, p.redundancy);
    c.count(
        "policies.min_instances",
        specs::MIN_INSTANCES,
        p.min_instances,
    );
    c.count(
        "policies.max_instances",
        specs::MAX_INSTANCES,
        p.max_instances,
    );
    if p.max_instances < p.min_instances {
        c.fail(
            "policies.max_instances",
            "Maximum instances is below the minimum",
        );
    }
    if !catalogs.instances.iter().any(|i| i.name == p.app_instance) {
        c.fail(
            "policies.app_instance",
            format!(
                "The app's instance type \"{}\" is not in the instance catalog",
                excerpt(&p.app_instance)
            ),
        );
    }
    c.count(
        "policies.pool_per_instance",
        specs::POOL_PER_INSTANCE,
        p.pool_per_instance,
    );
    c.number(
        "policies.pooler_share_pct",
        specs::POOLER_SHARE_PCT,
        p.pooler_share_pct,
    );
    c.number(
        "policies.redis.fragmentation_ratio",
        specs::FRAGMENTATION,
        p.redis.fragmentation_ratio,
    );
    c.number(
        "policies.redis.maxmemory_share_pct",
        specs::MAXMEMORY_SHARE_PCT,
        p.redis.maxmemory_share_pct,
    );
    c.number(
        "policies.redis.overhead_bytes_per_key",
        specs::OVERHEAD_BYTES_PER_KEY,
        p.redis.overhead_bytes_per_key,
    );
    if p.redis.require_replica
        && !catalogs
            .redis
            .iter()
            .any(|r| r.topology != crate::plan::RedisTopology::Single)
    {
        c.fail(
            "policies.redis.require_replica",
            "A replica is required but the Redis catalog has only single nodes",
        );
    }
    if let Some(voice) = voice {
        c.number(
            "policies.voice.wait_target_s",
            specs::WAIT_TARGET_S,
            p.voice.wait_target_s,
        );
        check_response_target(c, &p.voice, voice.gpu_seconds_per_interaction);
        c.number(
            "policies.voice.percentile_pct",
            specs::PERCENTILE_PCT,
            p.voice.percentile_pct,
        );
        if !catalogs
            .gpu_nodes
            .iter()
            .any(|g| g.name == p.voice.gpu_node)
        {
            c.fail(
                "policies.voice.gpu_node",
                format!(
                    "The voice GPU node \"{}\" is not in the GPU catalog",
                    excerpt(&p.voice.gpu_node)
                ),
            );
        }
    }
    c.number(
        "policies.commitment.discount_pct",
        specs::DISCOUNT_PCT,
        p.commitment.discount_pct,
    );
    c.count(
        "policies.commitment.term_months",
        specs::TERM_MONTHS,
        p.commitment.term_months,
    );
    c.number(
        "policies.off_hours.business_hours_per_weekday",
        specs::BUSINESS_HOURS,
        p.off_hours.business_hours_per_weekday,
    );
    c.number(
        "policies.off_hours.off_hours_share_pct",
        specs::OFF_HOURS_SHARE_PCT,
        p.off_hours.off_hours_share_pct,
    );
}

fn check_today_tiers(c: &mut Checker, plan: &Plan) {
    let today = &plan.baseline.today;
    if !today.database_tier.is_empty()
        && !plan
            .catalogs
            .databases
            .iter()
            .any(|t| t.name == today.database_tier)
    {
        c.fail(
            "baseline.today.database_tier",
            format!(
                "Today's database tier \"{}\" is not in the database catalog",
                excerpt(&today.database_tier)
            ),
        );
    }
    if !today.redis_plan.is_empty()
        && !plan
            .catalogs
            .redis
            .iter()
            .any(|t| t.name == today.redis_plan)
    {
        c.fail(
            "baseline.today.redis_plan",
            format!(
                "Today's Redis plan \"{}\" is not in the Redis catalog",
                excerpt(&today.redis_plan)
            ),
        );
    }
}

fn check_catalogs(c: &mut Checker, k: &Catalogs, has_voice: bool) {
    if c.list_len(
        "catalogs.instances",
        "The instance catalog",
        k.instances.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.instances",
            "An instance type's name",
            k.instances.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.instances.iter().enumerate() {
            let path = format!("catalogs.instances[{i}]");
            c.visible(
                format!("{path}.source"),
                "An instance type's source",
                &e.source,
            );
            c.number(format!("{path}.vcpu"), specs::VCPU, e.vcpu);
            c.number(format!("{path}.memory_gb"), specs::MEMORY_GB, e.memory_gb);
            c.number(
                format!("{path}.capacity_rps"),
                specs::CAPACITY_RPS,
                e.capacity_rps,
            );
            c.number(
                format!("{path}.usd_per_month"),
                specs::PRICE,
                e.usd_per_month,
            );
        }
    }
    if c.list_len(
        "catalogs.databases",
        "The database catalog",
        k.databases.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.databases",
            "A database tier's name",
            k.databases.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.databases.iter().enumerate() {
            let path = format!("catalogs.databases[{i}]");
            c.visible(
                format!("{path}.source"),
                "A database tier's source",
                &e.source,
            );
            c.count(
                format!("{path}.max_connections"),
                specs::MAX_CONNECTIONS,
                e.max_connections,
            );
            c.count(
                format!("{path}.pooler_clients"),
                specs::POOLER_CLIENTS,
                e.pooler_clients,
            );
            c.number(
                format!("{path}.storage_gb"),
                specs::STORAGE_GB,
                e.storage_gb,
            );
            c.number(
                format!("{path}.usd_per_month"),
                specs::PRICE,
                e.usd_per_month,
            );
        }
    }
    if c.list_len(
        "catalogs.redis",
        "The Redis catalog",
        k.redis.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.redis",
            "A Redis plan's name",
            k.redis.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.redis.iter().enumerate() {
            let path = format!("catalogs.redis[{i}]");
            c.visible(format!("{path}.source"), "A Redis plan's source", &e.source);
            c.number(format!("{path}.memory_gb"), specs::MEMORY_GB, e.memory_gb);
            c.count(format!("{path}.nodes"), specs::REDIS_NODES, e.nodes);
            c.number(
                format!("{path}.usd_per_month"),
                specs::PRICE,
                e.usd_per_month,
            );
        }
    }
    let min_gpus = usize::from(has_voice);
    if c.list_len(
        "catalogs.gpu_nodes",
        "The GPU catalog",
        k.gpu_nodes.len(),
        min_gpus,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.gpu_nodes",
            "A GPU node's name",
            k.gpu_nodes.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.gpu_nodes.iter().enumerate() {
            let path = format!("catalogs.gpu_nodes[{i}]");
            c.visible(format!("{path}.source"), "A GPU node's source", &e.source);
            c.count(
                format!("{path}.streams_per_node"),
                specs::STREAMS_PER_NODE,
                e.streams_per_node,
            );
            c.count(
                format!("{path}.sessions_per_node"),
                specs::SESSIONS_PER_NODE,
                e.sessions_per_node,
            );
            c.number(
                format!("{path}.usd_per_month"),
                specs::PRICE,
                e.usd_per_month,
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::plan::{Milestone, Observation, TrendShape};

    fn paths(plan: &Plan) -> Vec<String> {
        plan.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.path)
            .collect()
    }

    #[test]
    fn the_default_plan_is_valid() {
        assert!(Plan::default().validate().is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field() {
        let mut plan = Plan::default();
        plan.horizon_months = 10_000;
        plan.scenarios[0].growth = Growth::Compound {
            monthly_growth_pct: -150.0,
            monthly_churn_pct: 0.0,
        };
        plan.policies.voice.percentile_pct = 1.2;
        plan.baseline.voice = Some(VoiceDemand {
            sessions_per_unit_per_day: 1.0,
            peak_hour_share_pct: 20.0,
            session_minutes: 4.0,
            interactions_per_session: 4.0,
            gpu_seconds_per_interaction: 2.5,
            peak_concurrent_sessions: 0.0,
        });
        plan.catalogs.instances[0].capacity_rps = 0.0;
        plan.baseline.units = f64::NAN;
        let errors = plan.validate().unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "Horizon must be at most 120 months (horizon_months)",
                "Units today is not a finite number (baseline.units)",
                "Monthly growth must be at least -100 % (scenarios[0].growth.monthly_growth_pct)",
                "Growth minus churn is below −100 %: a month cannot lose more than every unit \
                 (scenarios[0].growth.monthly_churn_pct)",
                "Capacity per instance must be at least 0.001 req/s (catalogs.instances[0].capacity_rps)",
                "Target percentile must be at least 50 % (policies.voice.percentile_pct)",
            ]
        );
    }

    /// The messages of `plan`'s problems, by path.
    fn messages(plan: &Plan) -> Vec<(String, String)> {
        plan.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.path, e.message))
            .collect()
    }

    #[test]
    fn voice_targets_and_stated_concurrency_name_their_fields() {
        let mut plan = Plan::default();
        plan.baseline.voice = Some(crate::edit::new_voice_demand());
        plan.policies.voice.response_target_s = f64::NAN;
        // Both figures are checked with voice, whichever is the target.
        assert_eq!(
            messages(&plan),
            [(
                "policies.voice.response_target_s".to_owned(),
                "Voice response target is not a finite number".to_owned()
            )]
        );
        // A response target shorter than the GPU time is refused only when it is the target.
        plan.policies.voice.response_target_s = 2.0;
        assert!(plan.validate().is_ok());
        plan.policies.voice.target = VoiceTarget::Response;
        assert_eq!(
            messages(&plan),
            [(
                "policies.voice.response_target_s".to_owned(),
                "Voice response target (2 s) is below the GPU time per interaction (2.5 s), \
                 which every response includes"
                    .to_owned()
            )]
        );
        plan.policies.voice.response_target_s = 2.5;
        assert!(plan.validate().is_ok(), "as long as the GPU time: no wait");
        // Out of range: one message, the range's.
        plan.policies.voice.response_target_s = 0.0;
        assert_eq!(
            messages(&plan),
            [(
                "policies.voice.response_target_s".to_owned(),
                "Voice response target must be at least 0.001 s".to_owned()
            )]
        );
        plan.policies.voice.response_target_s = 3.0;
        let voice = plan.baseline.voice.as_mut().unwrap();
        voice.peak_concurrent_sessions = -1.0;
        assert_eq!(
            messages(&plan),
            [(
                "baseline.voice.peak_concurrent_sessions".to_owned(),
                "Peak concurrent sessions today must be at least 0 sessions".to_owned()
            )]
        );
        plan.baseline
            .voice
            .as_mut()
            .unwrap()
            .peak_concurrent_sessions = 40.0;
        assert!(plan.validate().is_ok());
        plan.baseline.units = 0.0;
        assert_eq!(
            messages(&plan)
                .into_iter()
                .map(|(path, _)| path)
                .collect::<Vec<_>>(),
            ["baseline.voice.peak_concurrent_sessions"]
        );
    }

    #[test]
    fn invisible_characters_in_names_are_refused_in_words() {
        let mut plan = Plan::default();
        plan.name = "Plan\u{202E}txt.exe".into();
        plan.scenarios[0].name = "Base\u{200B}".into();
        plan.baseline.demand_unit = "users\u{2028}".into();
        plan.catalogs.instances[0].name = "m7g\u{2066}.large".into();
        plan.catalogs.instances[0].source = "price page\u{061C}".into();
        let app = plan.catalogs.instances[0].name.clone();
        plan.policies.app_instance = app;
        assert_eq!(
            messages(&plan),
            [
                (
                    "name".to_owned(),
                    "The plan's name contains an invisible direction-changing character \
                     (U+202E); remove it"
                        .to_owned()
                ),
                (
                    "baseline.demand_unit".to_owned(),
                    "The demand unit contains a line break (U+2028); remove it".to_owned()
                ),
                (
                    "scenarios[0].name".to_owned(),
                    "A scenario's name contains an invisible zero-width character (U+200B); \
                     remove it"
                        .to_owned()
                ),
                (
                    "catalogs.instances[0].name".to_owned(),
                    "An instance type's name contains an invisible direction-changing \
                     character (U+2066); remove it"
                        .to_owned()
                ),
                (
                    "catalogs.instances[0].source".to_owned(),
                    "An instance type's source contains an invisible direction-changing \
                     character (U+061C); remove it"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn every_direction_zero_width_and_line_break_character_is_refused() {
        let refused = ('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .chain(['\u{200E}', '\u{200F}', '\u{061C}'])
            .chain(['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'])
            .chain(['\u{00AD}', '\u{2061}', '\u{3164}', '\u{E0041}'])
            .chain([
                '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}', '\t',
            ]);
        for c in refused {
            let mut plan = Plan::default();
            plan.scenarios[0].name = format!("Fast{c}er");
            let messages = messages(&plan);
            assert_eq!(messages.len(), 1, "{c:?}: {messages:?}");
            let (path, message) = &messages[0];
            assert_eq!(path, "scenarios[0].name");
            assert!(
                message.starts_with("A scenario's name contains ")
                    && message.ends_with(&format!("(U+{:04X}); remove it", u32::from(c))),
                "{c:?}: {message}"
            );
        }
    }

    #[test]
    fn joiners_inside_emoji_and_scripts_are_names() {
        for name in [
            "Team 👩\u{200D}💻",
            "🏳\u{FE0F}\u{200D}🌈 launch",
            "👨\u{200D}👩\u{200D}👧",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
            "Café ☕ 日本語",
        ] {
            let mut plan = Plan::default();
            plan.scenarios[0].name = name.to_owned();
            plan.name = name.to_owned();
            assert!(
                plan.validate().is_ok(),
                "{name}: {:?}",
                plan.validate().err()
            );
        }
    }

    #[test]
    fn references_and_names_are_checked() {
        let mut plan = Plan::default();
        plan.policies.app_instance = "nope".into();
        plan.scenarios.push(plan.scenarios[0].clone());
        plan.name = " ".into();
        assert_eq!(
            paths(&plan),
            ["name", "scenarios[1].name", "policies.app_instance"]
        );
    }

    #[test]
    fn growth_models_check_their_own_fields() {
        let mut plan = Plan::default();
        plan.scenarios[0].growth = Growth::Milestones {
            points: vec![
                Milestone {
                    month: 0,
                    units: 3.0,
                },
                Milestone {
                    month: 0,
                    units: -1.0,
                },
            ],
            between: Default::default(),
        };
        assert_eq!(
            paths(&plan),
            [
                "scenarios[0].growth.points[0].month",
                "scenarios[0].growth.points[1].month",
                "scenarios[0].growth.points[1].units",
                "scenarios[0].growth.points[1].month",
            ]
        );
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        plan.scenarios[0].growth = Growth::Trend {
            history: vec![
                Observation {
                    date: day(1),
                    units: 0.0,
                },
                Observation {
                    date: day(1),
                    units: 5.0,
                },
                Observation {
                    date: day(2),
                    units: 6.0,
                },
            ],
            shape: TrendShape::Exponential,
            confidence_pct: 95.0,
        };
        assert_eq!(
            paths(&plan),
            [
                "scenarios[0].growth.history[0].units",
                "scenarios[0].growth.history"
            ]
        );
    }

    #[test]
    fn start_month_calendar_days_and_scaling_points_are_checked() {
        let mut plan = Plan::default();
        plan.start = YearMonth {
            year: 2027,
            month: 13,
        };
        plan.scenarios[0].calendar = vec![crate::plan::CalendarEffect {
            name: "Black Friday".into(),
            from: MonthDay { month: 2, day: 30 },
            to: MonthDay { month: 11, day: 30 },
            multiplier: 3.0,
            year: None,
        }];
        plan.baseline.scaling = vec![
            crate::plan::ScalingPoint {
                instances: 0.0,
                throughput_rps: f64::NAN,
            };
            3
        ];
        let errors = plan.validate().unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages[..4],
            [
                "The start month 2027-13 is not a month between 1900-01 and 2200-12 (start)",
                "Instances tested must be at least 1 (baseline.scaling[0].instances)",
                "Measured throughput is not a finite number (baseline.scaling[0].throughput_rps)",
                "Instances tested must be at least 1 (baseline.scaling[1].instances)",
            ]
        );
        assert_eq!(
            messages.last().map(String::as_str),
            Some(
                "The first day 02-30 is not a day of the year (MM-DD, e.g. 11-20) \
                 (scenarios[0].calendar[0].from)"
            )
        );
        plan.start.month = 1;
        plan.scenarios[0].calendar[0].from.day = 29;
        plan.baseline.scaling = vec![
            crate::plan::ScalingPoint {
                instances: 1.0,
                throughput_rps: 10.0,
            };
            MAX_SCALING_POINTS + 1
        ];
        assert_eq!(paths(&plan), ["baseline.scaling"]);
        plan.baseline.scaling.truncate(MAX_SCALING_POINTS);
        assert!(plan.validate().is_ok());
    }

    /// Months past December 2200 would all read December 2200: a plan running past it is
    /// refused with a message naming the start and the horizon; one ending there is accepted
    /// and every month has its own label.
    #[test]
    fn a_plan_may_not_run_past_december_2200() {
        let mut plan = Plan::default();
        plan.start = YearMonth {
            year: 2199,
            month: 6,
        };
        plan.horizon_months = 120;
        let errors = plan.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "horizon_months");
        assert_eq!(
            errors[0].message,
            "Start / horizon: the plan would run past December 2200 (120 months from 2199-06 \
             end in 2209-05); start by 2191-01 or plan fewer months"
        );
        plan.horizon_months = 19; // 2199-06 … 2200-12
        let plan_ok = plan.validate().expect("ends in December 2200");
        let labels: std::collections::HashSet<_> = (1..=plan.horizon_months)
            .map(|m| plan_ok.plan().start.of_plan_month(m))
            .collect();
        assert_eq!(labels.len(), 19);
        plan.horizon_months = 20;
        assert_eq!(paths(&plan), ["horizon_months"]);
        plan.start = YearMonth {
            year: 2191,
            month: 1,
        };
        plan.horizon_months = 120;
        let valid = plan
            .validate()
            .expect("2191-01 + 120 months ends in 2200-12");
        let results = crate::engine::run(&valid);
        let months: std::collections::HashSet<_> = results.scenarios[0]
            .months
            .iter()
            .map(|m| m.calendar)
            .collect();
        assert_eq!(months.len(), 120);
    }

    #[test]
    fn empty_catalogs_and_scenarios_are_rejected() {
        let mut plan = Plan::default();
        plan.scenarios.clear();
        plan.catalogs.databases.clear();
        let errors = plan.validate().unwrap_err();
        assert_eq!(errors[0].message, "The plan needs at least one scenario");
        assert_eq!(errors[1].path, "catalogs.databases");
    }
}
