//! Editing a plan: the operations behind the page's scenario, catalog and baseline editors.
//!
//! The editors only decide *when* something happens (a click, a keystroke); *what* happens to
//! the plan is here, as plain functions on [`Plan`] that are tested natively: adding,
//! duplicating, deleting and reordering scenarios with names that stay unique, switching a
//! scenario's growth model while keeping its trajectory, calendar-effect presets, catalog rows
//! and their reset to the defaults (repointing whatever referred to a removed entry), and the
//! one-line digests the editors show for a scenario, a growth model or a catalog entry.
//!
//! Every function is total: it accepts a half-edited plan, an index out of range or a name
//! that is empty, and then does nothing (returns `None`/`false`) rather than panic.

use crate::catalog;
use crate::format;
use crate::growth::{self, fit_trend};
use crate::plan::{
    CalendarEffect, CostLine, DatabaseTier, GpuNode, Growth, InstanceType, Interpolation,
    Milestone, MonthDay, Observation, PeakShape, Plan, RedisPlan, RedisTopology, Scenario, Traffic,
    TrendShape, VoiceDemand, YearMonth, MAX_HORIZON_MONTHS,
};
use crate::validate::{MAX_CALENDAR_EFFECTS, MAX_LIST, MAX_SCENARIOS};

/// Dates in the plan (trend history, the catalogs' price date); re-exported so the page can
/// name the type without depending on the date library itself.
pub use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------------
// Names and labels
// ---------------------------------------------------------------------------------------------

/// `base` if no name in `taken` equals it (ignoring case and surrounding spaces, as validation
/// compares names), else `base 2`, `base 3`, …
///
/// # Example
/// ```
/// use headroom_core::edit::unique_name;
/// assert_eq!(unique_name("Scenario", ["Steady"]), "Scenario");
/// assert_eq!(unique_name("Scenario", ["scenario ", "Scenario 2"]), "Scenario 3");
/// ```
pub fn unique_name<'a>(base: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: Vec<String> = taken.into_iter().map(normalise).collect();
    let free = |name: &str| !taken.contains(&normalise(name));
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| free(name))
        .unwrap_or_else(|| base.to_owned())
}

/// The name of a copy of `name`: "Moderate (copy)", then "Moderate (copy 2)", … A copy of a
/// copy is named after the original ("Moderate (copy 2)", not "Moderate (copy) (copy)").
pub fn copy_name<'a>(name: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let original = strip_copy_suffix(name.trim());
    let taken: Vec<String> = taken.into_iter().map(normalise).collect();
    let free = |candidate: &str| !taken.contains(&normalise(candidate));
    let first = format!("{original} (copy)");
    if free(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{original} (copy {n})"))
        .find(|candidate| free(candidate))
        .unwrap_or(first)
}

fn strip_copy_suffix(name: &str) -> &str {
    if let Some(stem) = name.strip_suffix(" (copy)") {
        return stem;
    }
    // " (copy N)": digits between " (copy " and the closing parenthesis.
    let Some(inner) = name.strip_suffix(')') else {
        return name;
    };
    let before_digits = inner.trim_end_matches(|c: char| c.is_ascii_digit());
    match before_digits.strip_suffix(" (copy ") {
        Some(stem) if before_digits.len() < inner.len() => stem,
        _ => name,
    }
}

/// A name as two names are compared: without surrounding space, in lower case ("Moderate"
/// and " moderate" are the same name). Validation finds repeated names by it too.
pub(crate) fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

/// One of a demand unit: "cafés" → "café", "users" → "user"; a unit without a plural `s` is
/// kept ("staff"), and an empty one reads "unit".
pub fn singular(unit: &str) -> String {
    let trimmed = unit.trim();
    if trimmed.is_empty() {
        return "unit".to_owned();
    }
    match trimmed.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// A field label that speaks of "unit" in the plan's own demand unit: "Database data per
/// unit" → "Database data per café". Labels without "unit" are returned unchanged.
///
/// # Example
/// ```
/// use headroom_core::edit::label_in_units;
/// assert_eq!(label_in_units("Requests per unit per day", "users"), "Requests per user per day");
/// assert_eq!(label_in_units("Redis keys per unit", "cafés"), "Redis keys per café");
/// assert_eq!(label_in_units("Headroom", "users"), "Headroom");
/// ```
pub fn label_in_units(label: &str, demand_unit: &str) -> String {
    let one = singular(demand_unit);
    label
        .replace("per unit", &format!("per {one}"))
        .replace("Per unit", &format!("Per {one}"))
}

/// Rounds to `digits` significant digits (a sensible value to show in a field generated from a
/// curve): 1 265.3 → 1 270 with 3 digits. Non-finite values become 0.
pub fn round_significant(value: f64, digits: i32) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return 0.0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/// The scenario "Add" creates: 5 % growth a month with 1 % churn, named "Scenario N".
pub fn new_scenario(plan: &Plan) -> Scenario {
    let name = unique_name(
        &format!("Scenario {}", plan.scenarios.len() + 1),
        plan.scenarios.iter().map(|s| s.name.as_str()),
    );
    Scenario {
        name,
        growth: Growth::Compound {
            monthly_growth_pct: 5.0,
            monthly_churn_pct: 1.0,
        },
        calendar: Vec::new(),
    }
}

/// Whether another scenario fits ([`MAX_SCENARIOS`]).
pub fn can_add_scenario(plan: &Plan) -> bool {
    plan.scenarios.len() < MAX_SCENARIOS
}

/// Appends [`new_scenario`]; returns its index, or `None` when the plan is full.
pub fn add_scenario(plan: &mut Plan) -> Option<usize> {
    if !can_add_scenario(plan) {
        return None;
    }
    let scenario = new_scenario(plan);
    plan.scenarios.push(scenario);
    Some(plan.scenarios.len() - 1)
}

/// Inserts a copy of scenario `index` right after it, named "… (copy)"; returns the copy's
/// index, or `None` when there is no such scenario or the plan is full.
pub fn duplicate_scenario(plan: &mut Plan, index: usize) -> Option<usize> {
    if !can_add_scenario(plan) {
        return None;
    }
    let mut copy = plan.scenarios.get(index)?.clone();
    copy.name = copy_name(&copy.name, plan.scenarios.iter().map(|s| s.name.as_str()));
    plan.scenarios.insert(index + 1, copy);
    Some(index + 1)
}

/// Removes scenario `index` and returns it; never removes the last scenario (a plan needs one).
pub fn delete_scenario(plan: &mut Plan, index: usize) -> Option<Scenario> {
    if plan.scenarios.len() <= 1 || index >= plan.scenarios.len() {
        return None;
    }
    Some(plan.scenarios.remove(index))
}

/// Moves `list[from]` to position `to`; `false` (and nothing moved) when either is out of range
/// or they are equal.
pub fn move_item<T>(list: &mut Vec<T>, from: usize, to: usize) -> bool {
    if from == to || from >= list.len() || to >= list.len() {
        return false;
    }
    let item = list.remove(from);
    list.insert(to, item);
    true
}

// ---------------------------------------------------------------------------------------------
// Traffic and voice
// ---------------------------------------------------------------------------------------------

/// How today's traffic is given: the three shapes of [`Traffic`] the baseline offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrafficKind {
    /// Daily requests per unit × a peak-to-average ratio.
    DailyRatio,
    /// Daily requests per unit × the busiest hour's share of the day.
    DailyShare,
    /// A peak measured today, in requests per second.
    PeakRate,
}

impl TrafficKind {
    /// Every shape, in the order the baseline offers them.
    pub const ALL: [TrafficKind; 3] = [
        TrafficKind::DailyRatio,
        TrafficKind::DailyShare,
        TrafficKind::PeakRate,
    ];

    /// The shape `traffic` has.
    pub fn of(traffic: &Traffic) -> TrafficKind {
        match traffic {
            Traffic::DailyVolume {
                peak: PeakShape::PeakToAverage { .. },
                ..
            } => TrafficKind::DailyRatio,
            Traffic::DailyVolume {
                peak: PeakShape::PeakHourShare { .. },
                ..
            } => TrafficKind::DailyShare,
            Traffic::PeakRate { .. } => TrafficKind::PeakRate,
        }
    }

    /// Stable identifier (the choice's value in the page).
    pub fn id(self) -> &'static str {
        match self {
            TrafficKind::DailyRatio => "daily_ratio",
            TrafficKind::DailyShare => "daily_share",
            TrafficKind::PeakRate => "peak_rate",
        }
    }

    /// Name shown to the planner.
    pub fn label(self) -> &'static str {
        match self {
            TrafficKind::DailyRatio => "Daily requests × peak-to-average ratio",
            TrafficKind::DailyShare => "Daily requests × busiest-hour share",
            TrafficKind::PeakRate => "Measured peak today (req/s)",
        }
    }
}

/// Daily requests per unit a new daily shape starts from when the traffic was a measured peak.
pub const DEFAULT_REQUESTS_PER_UNIT_PER_DAY: f64 = 100.0;
/// The peak-to-average ratio a new ratio shape starts from.
pub const DEFAULT_PEAK_TO_AVERAGE: f64 = 3.0;
/// The busiest hour's share a new share shape starts from, in percent (3 × the 4.2 % of an
/// even day).
pub const DEFAULT_PEAK_HOUR_SHARE_PCT: f64 = 12.0;
/// The peak a new measured-peak shape starts from, in requests per second.
pub const DEFAULT_PEAK_RPS: f64 = 50.0;

/// Gives the baseline's traffic the shape `kind` (nothing when it has it already), keeping
/// the daily requests per unit between the two daily shapes; the new shape's other figure
/// starts from its default. Returns whether the plan changed.
pub fn set_traffic_kind(plan: &mut Plan, kind: TrafficKind) -> bool {
    let traffic = &mut plan.baseline.traffic;
    if TrafficKind::of(traffic) == kind {
        return false;
    }
    let daily = match traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            ..
        } => *requests_per_unit_per_day,
        Traffic::PeakRate { .. } => DEFAULT_REQUESTS_PER_UNIT_PER_DAY,
    };
    *traffic = match kind {
        TrafficKind::DailyRatio => Traffic::DailyVolume {
            requests_per_unit_per_day: daily,
            peak: PeakShape::PeakToAverage {
                ratio: DEFAULT_PEAK_TO_AVERAGE,
            },
        },
        TrafficKind::DailyShare => Traffic::DailyVolume {
            requests_per_unit_per_day: daily,
            peak: PeakShape::PeakHourShare {
                share_pct: DEFAULT_PEAK_HOUR_SHARE_PCT,
            },
        },
        TrafficKind::PeakRate => Traffic::PeakRate {
            peak_rps: DEFAULT_PEAK_RPS,
        },
    };
    true
}

/// The voice demand a plan gets when the planner turns voice on: one session per unit a day,
/// 15 % of them in the busiest hour, 4 minutes and 4 interactions a session, 2.5 GPU seconds an
/// interaction (the café pilot guide's order of magnitude; every figure is meant to be changed).
pub fn new_voice_demand() -> VoiceDemand {
    VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 15.0,
        session_minutes: 4.0,
        interactions_per_session: 4.0,
        gpu_seconds_per_interaction: 2.5,
    }
}

// ---------------------------------------------------------------------------------------------
// Growth models
// ---------------------------------------------------------------------------------------------

/// Which of the three growth models a scenario uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GrowthKind {
    /// [`Growth::Compound`].
    Compound,
    /// [`Growth::Milestones`].
    Milestones,
    /// [`Growth::Trend`].
    Trend,
}

impl GrowthKind {
    /// Every model, in the order the editor offers them.
    pub const ALL: [GrowthKind; 3] = [
        GrowthKind::Compound,
        GrowthKind::Milestones,
        GrowthKind::Trend,
    ];

    /// The model `growth` uses.
    pub fn of(growth: &Growth) -> GrowthKind {
        match growth {
            Growth::Compound { .. } => GrowthKind::Compound,
            Growth::Milestones { .. } => GrowthKind::Milestones,
            Growth::Trend { .. } => GrowthKind::Trend,
        }
    }

    /// Stable identifier, as in the plan file's `model` key.
    pub fn id(self) -> &'static str {
        match self {
            GrowthKind::Compound => "compound",
            GrowthKind::Milestones => "milestones",
            GrowthKind::Trend => "trend",
        }
    }

    /// Name shown to the planner.
    pub fn label(self) -> &'static str {
        match self {
            GrowthKind::Compound => "Compound growth",
            GrowthKind::Milestones => "Milestones",
            GrowthKind::Trend => "Trend from history",
        }
    }

    /// One sentence on when to use the model.
    pub fn description(self) -> &'static str {
        match self {
            GrowthKind::Compound => "A share more every month, less churn: organic growth.",
            GrowthKind::Milestones => "Known counts at given months: launches, sales targets.",
            GrowthKind::Trend => "A line fitted to past counts, with a prediction interval.",
        }
    }
}

/// Where a scenario's units start and how fast they grow: the level today (month 0) and the
/// average growth per month over the horizon, as a fraction.
struct Trajectory {
    today: f64,
    monthly_rate: Option<f64>,
}

fn trajectory(plan: &Plan, growth: &Growth) -> Trajectory {
    let horizon = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let projection = growth::project(plan.baseline.units, growth, plan.start, horizon);
    let today = match growth {
        Growth::Trend { history, shape, .. } => fit_trend(history, *shape)
            .ok()
            .and_then(|fit| today_date(plan.start).map(|d| fit.predict(d, 95.0).mean))
            .unwrap_or(plan.baseline.units),
        _ => plan.baseline.units,
    };
    let end = projection.months.last().map_or(today, |f| f.mean);
    let monthly_rate = if today > 0.0 && end > 0.0 && today.is_finite() && end.is_finite() {
        // (end / today)^(1/horizon), as exp and ln: the page has no other use for `powf`.
        let rate = ((end / today).ln() / f64::from(horizon)).exp() - 1.0;
        rate.is_finite().then_some(rate)
    } else {
        None
    };
    Trajectory {
        today: if today.is_finite() {
            today.max(0.0)
        } else {
            0.0
        },
        monthly_rate,
    }
}

/// The first day of month 0 (the month before `start`): "today" on a trend's time axis.
fn today_date(start: YearMonth) -> Option<NaiveDate> {
    start.plus_months(-1).first_day()
}

/// Months at which milestones sample a curve: the quarters of the horizon (3, 6, 9, 12 for a
/// year), at least month 1, no repeats.
fn milestone_months(horizon: u32) -> Vec<u32> {
    let horizon = horizon.clamp(1, MAX_HORIZON_MONTHS);
    let mut months: Vec<u32> = (1..=4).map(|q| (horizon * q).div_ceil(4).max(1)).collect();
    months.dedup();
    months
}

/// `growth` expressed in model `kind`, following the same trajectory where it can: the average
/// monthly growth over the horizon becomes a compound rate, milestones sample the curve at the
/// quarters of the horizon, and a trend gets six monthly observations up to today that grow at
/// that rate (marked in the editor as a starting point to replace with real history). The same
/// model returns `growth` unchanged.
///
/// # Example
/// ```
/// use headroom_core::edit::{switch_growth, GrowthKind};
/// use headroom_core::plan::{Growth, Plan};
/// let plan = Plan::default(); // 1 000 users, 5 % growth and 1 % churn a month, 12 months
/// let milestones = switch_growth(&plan, &plan.scenarios[0].growth, GrowthKind::Milestones);
/// let Growth::Milestones { points, .. } = &milestones else { panic!() };
/// assert_eq!(points.iter().map(|p| p.month).collect::<Vec<_>>(), [3, 6, 9, 12]);
/// assert_eq!(points[3].units, 1600.0); // 1 000 × 1.04¹² = 1 601, to 3 significant digits
/// ```
pub fn switch_growth(plan: &Plan, growth: &Growth, kind: GrowthKind) -> Growth {
    if GrowthKind::of(growth) == kind {
        return growth.clone();
    }
    let path = trajectory(plan, growth);
    match kind {
        GrowthKind::Compound => match path.monthly_rate {
            Some(rate) => Growth::Compound {
                monthly_growth_pct: ((rate * 1000.0).round() / 10.0).clamp(-100.0, 1000.0),
                monthly_churn_pct: 0.0,
            },
            None => Growth::Compound {
                monthly_growth_pct: 5.0,
                monthly_churn_pct: 1.0,
            },
        },
        GrowthKind::Milestones => {
            let horizon = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
            let projection = growth::project(plan.baseline.units, growth, plan.start, horizon);
            let points = milestone_months(horizon)
                .into_iter()
                .map(|month| {
                    let units = projection
                        .months
                        .get(month as usize - 1)
                        .map_or(path.today, |f| f.mean);
                    Milestone {
                        month,
                        units: round_significant(units, 3).max(0.0),
                    }
                })
                .collect();
            Growth::Milestones {
                points,
                between: Interpolation::Linear,
            }
        }
        GrowthKind::Trend => {
            let rate = path.monthly_rate.unwrap_or(0.0);
            let history = (0..6)
                .rev()
                .filter_map(|months_ago: i32| {
                    let date = plan
                        .start
                        .plus_months(-1 - i64::from(months_ago))
                        .first_day()?;
                    let units = path.today * (1.0 + rate).powi(-months_ago);
                    Some(Observation {
                        date,
                        units: round_significant(units, 3).max(0.0),
                    })
                })
                .collect::<Vec<_>>();
            let shape = if history.iter().all(|o| o.units > 0.0) {
                TrendShape::Exponential
            } else {
                TrendShape::Linear
            };
            Growth::Trend {
                history,
                shape,
                confidence_pct: 95.0,
            }
        }
    }
}

/// Scenario `index` switched to model `kind` (see [`switch_growth`]); `false` when there is no
/// such scenario or it already uses that model.
pub fn set_growth_kind(plan: &mut Plan, index: usize, kind: GrowthKind) -> bool {
    let Some(current) = plan.scenarios.get(index).map(|s| s.growth.clone()) else {
        return false;
    };
    if GrowthKind::of(&current) == kind {
        return false;
    }
    let next = switch_growth(plan, &current, kind);
    if let Some(scenario) = plan.scenarios.get_mut(index) {
        scenario.growth = next;
    }
    true
}

/// A growth model in a few words: "+5 % a month, 1 % churn", "4 milestones, linear between",
/// "Trend of 6 observations, exponential".
pub fn growth_digest(growth: &Growth) -> String {
    match growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => {
            let growth = format!(
                "{}{} a month",
                sign(*monthly_growth_pct),
                format::with_unit(*monthly_growth_pct, "%")
            );
            if *monthly_churn_pct > 0.0 {
                format!(
                    "{growth}, {} churn",
                    format::with_unit(*monthly_churn_pct, "%")
                )
            } else {
                growth
            }
        }
        Growth::Milestones { points, between } => format!(
            "{} {}, {}",
            points.len(),
            if points.len() == 1 {
                "milestone"
            } else {
                "milestones"
            },
            match between {
                Interpolation::Step => "steps between",
                Interpolation::Linear => "linear between",
            }
        ),
        Growth::Trend { history, shape, .. } => format!(
            "Trend of {} {}, {}",
            history.len(),
            if history.len() == 1 {
                "observation"
            } else {
                "observations"
            },
            match shape {
                TrendShape::Linear => "linear",
                TrendShape::Exponential => "exponential",
            }
        ),
    }
}

/// Where scenario `index` ends up: "1 000 users today → 1 601 in Dec 2027 (month 12)", with the
/// prediction interval for a trend ("… 95 % interval 1 400–1 800"). `None` when there is no
/// such scenario or its trend cannot be fitted (validation then says why).
pub fn growth_outcome(plan: &Plan, index: usize) -> Option<String> {
    let scenario = plan.scenarios.get(index)?;
    let horizon = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let projection = growth::project(plan.baseline.units, &scenario.growth, plan.start, horizon);
    if projection.trend_error.is_some() {
        return None;
    }
    let last = projection.months.last()?;
    let unit = plan.baseline.demand_unit.trim();
    let when = format!(
        "{} (month {horizon})",
        plan.start.of_plan_month(horizon).label()
    );
    let start = match &scenario.growth {
        Growth::Trend { .. } => String::new(),
        _ => format!("{} {unit} today → ", format::number(plan.baseline.units)),
    };
    let mut sentence = format!(
        "{start}{} {}in {when}",
        format::number(last.mean.round()),
        {
            if start.is_empty() {
                format!("{unit} ")
            } else {
                String::new()
            }
        }
    );
    if let Growth::Trend { confidence_pct, .. } = &scenario.growth {
        sentence.push_str(&format!(
            ", {} interval {}–{}",
            format::with_unit(*confidence_pct, "%"),
            format::number(last.lower.round()),
            format::number(last.upper.round())
        ));
    }
    if projection.saturated {
        sentence.push_str(" (beyond what a plan can hold: check the inputs)");
    }
    Some(sentence)
}

/// What the fitted trend says, for the editor: "+4 % a month, R² 0.99" (exponential) or
/// "+12.5 users a month, R² 0.97" (linear). `None` when the history cannot be fitted.
pub fn trend_summary(
    history: &[Observation],
    shape: TrendShape,
    demand_unit: &str,
) -> Option<String> {
    let fit = fit_trend(history, shape).ok()?;
    let r2 = format!("R² {}", crate::float_text::fixed(fit.r_squared(), 2));
    let rate = match fit.monthly_growth_pct() {
        Some(pct) => format!(
            "{}{} a month",
            sign(pct),
            format::with_unit(round_significant(pct, 2), "%")
        ),
        None => {
            let per_month = fit.slope_per_month();
            format!(
                "{}{} {} a month",
                sign(per_month),
                format::number(round_significant(per_month, 3)),
                demand_unit.trim()
            )
        }
    };
    Some(format!("Fitted: {rate}, {r2}"))
}

fn sign(value: f64) -> &'static str {
    if value > 0.0 {
        "+"
    } else {
        ""
    }
}

/// Adds a milestone: three months after the last when that is within the horizon, else the
/// first free month after the last within the horizon, else the first free month of the
/// horizon (filling a gap), else the first free month up to [`MAX_HORIZON_MONTHS`]. It repeats the count in force
/// at that month (the previous milestone's, or today's). Returns the new point's index, or
/// `None` when the list is full or every month is taken.
pub fn add_milestone(
    points: &mut Vec<Milestone>,
    baseline_units: f64,
    horizon: u32,
) -> Option<usize> {
    if points.len() >= MAX_LIST {
        return None;
    }
    let horizon = horizon.clamp(1, MAX_HORIZON_MONTHS);
    let taken = |m: u32| points.iter().any(|p| p.month == m);
    let last = points.iter().map(|p| p.month).max().unwrap_or(0);
    let preferred = last
        .saturating_add(3)
        .min(if last == 0 { horizon } else { u32::MAX });
    let month = if preferred <= horizon && !taken(preferred) {
        Some(preferred)
    } else {
        (last.saturating_add(1)..=horizon)
            .chain(1..=horizon)
            .chain(horizon.saturating_add(1)..=MAX_HORIZON_MONTHS)
            .find(|m| !taken(*m))
    }?;
    let units = points
        .iter()
        .filter(|p| p.month < month)
        .max_by_key(|p| p.month)
        .map_or(baseline_units, |p| p.units);
    points.push(Milestone {
        month,
        units: if units.is_finite() {
            units.max(0.0)
        } else {
            0.0
        },
    });
    Some(points.len() - 1)
}

/// Adds an observation a month after the latest (or, for an empty history, on the first day
/// of month 0), repeating its count. Returns the new point's index, or `None` when full.
pub fn add_observation(
    history: &mut Vec<Observation>,
    baseline_units: f64,
    start: YearMonth,
) -> Option<usize> {
    if history.len() >= MAX_LIST {
        return None;
    }
    let latest = history.iter().max_by_key(|o| o.date).copied();
    let observation = match latest {
        Some(latest) => Observation {
            date: latest
                .date
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(latest.date),
            units: latest.units,
        },
        None => Observation {
            date: today_date(start).unwrap_or_default(),
            units: if baseline_units.is_finite() {
                baseline_units.max(0.0)
            } else {
                0.0
            },
        },
    };
    history.push(observation);
    Some(history.len() - 1)
}

// ---------------------------------------------------------------------------------------------
// Calendar effects
// ---------------------------------------------------------------------------------------------

/// A season or event the editor offers in one click.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalendarPreset {
    /// Name given to the effect.
    pub name: &'static str,
    /// First day (month, day).
    pub from: (u32, u32),
    /// Last day (month, day); before `from` wraps over New Year.
    pub to: (u32, u32),
    /// Demand multiplier.
    pub multiplier: f64,
}

/// Common seasons (the Selextract guide's Black Friday, year end and July figures, and a
/// business-to-business Christmas lull).
pub const CALENDAR_PRESETS: [CalendarPreset; 4] = [
    CalendarPreset {
        name: "Black Friday",
        from: (11, 20),
        to: (11, 30),
        multiplier: 3.0,
    },
    CalendarPreset {
        name: "Year-end peak",
        from: (12, 15),
        to: (12, 31),
        multiplier: 2.0,
    },
    CalendarPreset {
        name: "July slowdown",
        from: (7, 1),
        to: (7, 31),
        multiplier: 0.7,
    },
    CalendarPreset {
        name: "Christmas lull",
        from: (12, 24),
        to: (1, 2),
        multiplier: 0.5,
    },
];

impl CalendarPreset {
    /// The effect this preset adds (every year).
    pub fn effect(&self) -> CalendarEffect {
        CalendarEffect {
            name: self.name.to_owned(),
            from: MonthDay {
                month: self.from.0,
                day: self.from.1,
            },
            to: MonthDay {
                month: self.to.0,
                day: self.to.1,
            },
            multiplier: self.multiplier,
            year: None,
        }
    }

    /// Button text: "Black Friday (Nov 20–30 ×3)".
    pub fn label(&self) -> String {
        let effect = self.effect();
        format!(
            "{} ({} ×{})",
            self.name,
            period(&effect),
            format::number(self.multiplier)
        )
    }
}

/// The days an effect covers, in words: "Nov 20–30", "Jul 1–31", "Dec 24 – Jan 2", with the
/// year when it applies to one year only.
pub fn period(effect: &CalendarEffect) -> String {
    let (from, to) = (effect.from, effect.to);
    let days = if from.month == to.month && from.day <= to.day {
        format!(
            "{} {}–{}",
            format::month_abbreviation(from.month),
            from.day,
            to.day
        )
    } else {
        format!(
            "{} {} – {} {}",
            format::month_abbreviation(from.month),
            from.day,
            format::month_abbreviation(to.month),
            to.day
        )
    };
    match effect.year {
        Some(year) => format!("{days} {year}"),
        None => days,
    }
}

/// Whether the scenario already has an effect named like `preset` (so adding it again would
/// apply it twice).
pub fn has_preset(scenario: &Scenario, preset: &CalendarPreset) -> bool {
    scenario
        .calendar
        .iter()
        .any(|e| normalise(&e.name) == normalise(preset.name))
}

/// Whether another season fits in the scenario ([`MAX_CALENDAR_EFFECTS`]).
pub fn can_add_effect(scenario: &Scenario) -> bool {
    scenario.calendar.len() < MAX_CALENDAR_EFFECTS
}

/// A blank season to fill in: all of June, ×1.5, every year.
pub fn new_effect(scenario: &Scenario) -> CalendarEffect {
    CalendarEffect {
        name: unique_name("Season", scenario.calendar.iter().map(|e| e.name.as_str())),
        from: MonthDay { month: 6, day: 1 },
        to: MonthDay { month: 6, day: 30 },
        multiplier: 1.5,
        year: None,
    }
}

/// Parses a day of the year typed as `MM-DD` ("11-20"; "1-5" is accepted too).
///
/// # Errors
/// The end of a sentence that starts with the field's label: "is empty: …", "must be …".
pub fn parse_month_day(text: &str) -> Result<MonthDay, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty: enter a day as MM-DD, such as 11-20".to_owned());
    }
    trimmed
        .parse::<MonthDay>()
        .map_err(|_| "must be a day of the year written MM-DD, such as 11-20".to_owned())
}

/// Parses a date typed as `YYYY-MM-DD` (what a date input gives).
///
/// # Errors
/// The end of a sentence that starts with the field's label: "is empty: …", "must be …".
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty: pick a date".to_owned());
    }
    // By hand rather than with chrono's format strings (see `plan::day`).
    crate::plan::day::parse(trimmed)
        .ok_or_else(|| "must be a date written YYYY-MM-DD, such as 2026-11-01".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Catalogs
// ---------------------------------------------------------------------------------------------

/// One of the plan's four catalogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CatalogKind {
    /// App instance types.
    Instances,
    /// Managed database tiers.
    Databases,
    /// Redis plans.
    Redis,
    /// GPU node types.
    GpuNodes,
}

impl CatalogKind {
    /// Every catalog, in the editor's order.
    pub const ALL: [CatalogKind; 4] = [
        CatalogKind::Instances,
        CatalogKind::Databases,
        CatalogKind::Redis,
        CatalogKind::GpuNodes,
    ];

    /// The field name in the plan: `instances`, `databases`, `redis`, `gpu_nodes`.
    pub fn key(self) -> &'static str {
        match self {
            CatalogKind::Instances => "instances",
            CatalogKind::Databases => "databases",
            CatalogKind::Redis => "redis",
            CatalogKind::GpuNodes => "gpu_nodes",
        }
    }

    /// Validation's path of the list, e.g. `catalogs.instances`.
    pub fn path(self) -> String {
        format!("catalogs.{}", self.key())
    }

    /// Heading: "Instance types".
    pub fn title(self) -> &'static str {
        match self {
            CatalogKind::Instances => "Instance types",
            CatalogKind::Databases => "Database tiers",
            CatalogKind::Redis => "Redis plans",
            CatalogKind::GpuNodes => "GPU node types",
        }
    }

    /// One entry in words, for buttons: "instance type".
    pub fn noun(self) -> &'static str {
        match self {
            CatalogKind::Instances => "instance type",
            CatalogKind::Databases => "database tier",
            CatalogKind::Redis => "Redis plan",
            CatalogKind::GpuNodes => "GPU node type",
        }
    }

    /// Entries in the plan's catalog.
    pub fn len(self, plan: &Plan) -> usize {
        let c = &plan.catalogs;
        match self {
            CatalogKind::Instances => c.instances.len(),
            CatalogKind::Databases => c.databases.len(),
            CatalogKind::Redis => c.redis.len(),
            CatalogKind::GpuNodes => c.gpu_nodes.len(),
        }
    }

    /// Whether the plan's catalog is empty.
    pub fn is_empty(self, plan: &Plan) -> bool {
        self.len(plan) == 0
    }

    /// Names of the entries, in order.
    pub fn names(self, plan: &Plan) -> Vec<String> {
        let c = &plan.catalogs;
        match self {
            CatalogKind::Instances => c.instances.iter().map(|e| e.name.clone()).collect(),
            CatalogKind::Databases => c.databases.iter().map(|e| e.name.clone()).collect(),
            CatalogKind::Redis => c.redis.iter().map(|e| e.name.clone()).collect(),
            CatalogKind::GpuNodes => c.gpu_nodes.iter().map(|e| e.name.clone()).collect(),
        }
    }

    /// Paths of the plan fields that name an entry of this catalog, with what they are.
    pub fn references(self) -> &'static [(&'static str, &'static str)] {
        match self {
            CatalogKind::Instances => &[("policies.app_instance", "the app's instance type")],
            CatalogKind::Databases => &[("baseline.today.database_tier", "today's database tier")],
            CatalogKind::Redis => &[("baseline.today.redis_plan", "today's Redis plan")],
            CatalogKind::GpuNodes => &[("policies.voice.gpu_node", "the voice GPU node")],
        }
    }
}

fn reference(plan: &Plan, kind: CatalogKind) -> &str {
    match kind {
        CatalogKind::Instances => &plan.policies.app_instance,
        CatalogKind::Databases => &plan.baseline.today.database_tier,
        CatalogKind::Redis => &plan.baseline.today.redis_plan,
        CatalogKind::GpuNodes => &plan.policies.voice.gpu_node,
    }
}

fn reference_mut(plan: &mut Plan, kind: CatalogKind) -> &mut String {
    match kind {
        CatalogKind::Instances => &mut plan.policies.app_instance,
        CatalogKind::Databases => &mut plan.baseline.today.database_tier,
        CatalogKind::Redis => &mut plan.baseline.today.redis_plan,
        CatalogKind::GpuNodes => &mut plan.policies.voice.gpu_node,
    }
}

/// What `plan` uses entry `index` of catalog `kind` for ("the app's instance type"), if anything.
pub fn used_for(plan: &Plan, kind: CatalogKind, index: usize) -> Option<&'static str> {
    let name = kind.names(plan).into_iter().nth(index)?;
    let reference = reference(plan, kind);
    (!reference.is_empty() && reference == name).then(|| kind.references()[0].1)
}

/// Adds an entry at the end of catalog `kind`: a copy of the last (largest) entry under a new
/// name, its source cleared (the figures are now the planner's). Returns its index, or `None`
/// when the catalog is full.
pub fn add_catalog_entry(plan: &mut Plan, kind: CatalogKind) -> Option<usize> {
    if kind.len(plan) >= MAX_LIST {
        return None;
    }
    let names = kind.names(plan);
    let name = unique_name(
        &format!("New {}", kind.noun()),
        names.iter().map(String::as_str),
    );
    let source = "Entered by hand".to_owned();
    let c = &mut plan.catalogs;
    match kind {
        CatalogKind::Instances => {
            let mut entry = c.instances.last().cloned().unwrap_or(InstanceType {
                name: String::new(),
                vcpu: 2.0,
                memory_gb: 8.0,
                capacity_rps: 50.0,
                usd_per_month: 60.0,
                source: String::new(),
                priced_on: None,
            });
            entry.name = name;
            entry.source = source;
            entry.priced_on = None;
            c.instances.push(entry);
        }
        CatalogKind::Databases => {
            let mut entry = c.databases.last().cloned().unwrap_or(DatabaseTier {
                name: String::new(),
                max_connections: 60,
                pooler_clients: 200,
                storage_gb: 8.0,
                usd_per_month: 25.0,
                source: String::new(),
                priced_on: None,
            });
            entry.name = name;
            entry.source = source;
            entry.priced_on = None;
            c.databases.push(entry);
        }
        CatalogKind::Redis => {
            let mut entry = c.redis.last().cloned().unwrap_or(RedisPlan {
                name: String::new(),
                memory_gb: 1.0,
                topology: RedisTopology::Single,
                nodes: 1,
                usd_per_month: 15.0,
                source: String::new(),
                priced_on: None,
            });
            entry.name = name;
            entry.source = source;
            entry.priced_on = None;
            c.redis.push(entry);
        }
        CatalogKind::GpuNodes => {
            let mut entry = c.gpu_nodes.last().cloned().unwrap_or(GpuNode {
                name: String::new(),
                streams_per_node: 4,
                sessions_per_node: 8,
                usd_per_month: 600.0,
                source: String::new(),
                priced_on: None,
            });
            entry.name = name;
            entry.source = source;
            entry.priced_on = None;
            c.gpu_nodes.push(entry);
        }
    }
    Some(kind.len(plan) - 1)
}

/// Removes entry `index` of catalog `kind`; `false` when there is no such entry.
pub fn remove_catalog_entry(plan: &mut Plan, kind: CatalogKind, index: usize) -> bool {
    let c = &mut plan.catalogs;
    fn remove<T>(list: &mut Vec<T>, index: usize) -> bool {
        if index < list.len() {
            list.remove(index);
            true
        } else {
            false
        }
    }
    match kind {
        CatalogKind::Instances => remove(&mut c.instances, index),
        CatalogKind::Databases => remove(&mut c.databases, index),
        CatalogKind::Redis => remove(&mut c.redis, index),
        CatalogKind::GpuNodes => remove(&mut c.gpu_nodes, index),
    }
}

/// Moves entry `from` of catalog `kind` to position `to` (catalogs are ordered smallest first).
pub fn move_catalog_entry(plan: &mut Plan, kind: CatalogKind, from: usize, to: usize) -> bool {
    let c = &mut plan.catalogs;
    match kind {
        CatalogKind::Instances => move_item(&mut c.instances, from, to),
        CatalogKind::Databases => move_item(&mut c.databases, from, to),
        CatalogKind::Redis => move_item(&mut c.redis, from, to),
        CatalogKind::GpuNodes => move_item(&mut c.gpu_nodes, from, to),
    }
}

/// Renames entry `index` of catalog `kind`; whatever referred to it by its old name (the app's
/// instance type, today's tier, the voice node) follows the new name.
pub fn rename_catalog_entry(plan: &mut Plan, kind: CatalogKind, index: usize, name: String) {
    let Some(old) = kind.names(plan).into_iter().nth(index) else {
        return;
    };
    let reference = reference_mut(plan, kind);
    if !reference.is_empty() && *reference == old {
        *reference = name.clone();
    }
    let c = &mut plan.catalogs;
    let slot = match kind {
        CatalogKind::Instances => c.instances.get_mut(index).map(|e| &mut e.name),
        CatalogKind::Databases => c.databases.get_mut(index).map(|e| &mut e.name),
        CatalogKind::Redis => c.redis.get_mut(index).map(|e| &mut e.name),
        CatalogKind::GpuNodes => c.gpu_nodes.get_mut(index).map(|e| &mut e.name),
    };
    if let Some(slot) = slot {
        *slot = name;
    }
}

/// Replaces catalog `kind` with Headroom's defaults. A reference to an entry the defaults do
/// not have is repointed (the app to [`catalog::DEFAULT_APP_INSTANCE`], the voice node to
/// [`catalog::DEFAULT_GPU_NODE`], today's tiers to the smallest); returns a sentence for each
/// reference that moved, e.g. "The app now runs on m7g.large.".
pub fn reset_catalog(plan: &mut Plan, kind: CatalogKind) -> Vec<String> {
    let c = &mut plan.catalogs;
    match kind {
        CatalogKind::Instances => c.instances = catalog::default_instances(),
        CatalogKind::Databases => c.databases = catalog::supabase_compute_tiers(),
        CatalogKind::Redis => c.redis = catalog::default_redis_plans(),
        CatalogKind::GpuNodes => c.gpu_nodes = catalog::default_gpu_nodes(),
    }
    let names = kind.names(plan);
    let reference = reference_mut(plan, kind);
    if reference.is_empty() || names.contains(reference) {
        return Vec::new();
    }
    let (replacement, sentence) = match kind {
        CatalogKind::Instances => (
            catalog::DEFAULT_APP_INSTANCE.to_owned(),
            format!("The app now runs on {}.", catalog::DEFAULT_APP_INSTANCE),
        ),
        CatalogKind::GpuNodes => (
            catalog::DEFAULT_GPU_NODE.to_owned(),
            format!("Voice now runs on {}.", catalog::DEFAULT_GPU_NODE),
        ),
        CatalogKind::Databases => (
            String::new(),
            "Today's database tier is now the smallest.".to_owned(),
        ),
        CatalogKind::Redis => (
            String::new(),
            "Today's Redis plan is now the smallest.".to_owned(),
        ),
    };
    *reference = replacement;
    vec![sentence]
}

fn per_month(usd: f64) -> String {
    format!("{}/month", format::usd(usd))
}

fn plural(count: u32, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format::number(f64::from(count)),
        if count == 1 { one } else { many }
    )
}

/// Figures joined by " · ", each kept on one line (its spaces made non-breaking, so
/// "$1 918/month" never wraps inside).
fn digest(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An instance type in a line: "2 vCPU · 8 GB · 50 req/s · $59.60/month" (figures unbroken).
pub fn instance_digest(e: &InstanceType) -> String {
    digest(&[
        format!("{} vCPU", format::number(e.vcpu)),
        format::with_unit(e.memory_gb, "GB"),
        format::with_unit(e.capacity_rps, "req/s"),
        per_month(e.usd_per_month),
    ])
}

/// A database tier in a line: "60 connections · pooler 200 · 8 GB · $10/month".
pub fn database_digest(e: &DatabaseTier) -> String {
    let pooler = if e.pooler_clients == 0 {
        "no pooler".to_owned()
    } else {
        format!("pooler {}", format::number(f64::from(e.pooler_clients)))
    };
    digest(&[
        plural(e.max_connections, "connection", "connections"),
        pooler,
        format::with_unit(e.storage_gb, "GB"),
        per_month(e.usd_per_month),
    ])
}

/// A Redis plan in a line: "6.38 GB · primary + replica · 2 nodes · $175/month".
pub fn redis_digest(e: &RedisPlan) -> String {
    digest(&[
        format::with_unit(e.memory_gb, "GB"),
        e.topology.words().to_owned(),
        plural(e.nodes, "node", "nodes"),
        per_month(e.usd_per_month),
    ])
}

/// A GPU node type in a line: "4 streams · 8 sessions · $588/month".
pub fn gpu_digest(e: &GpuNode) -> String {
    digest(&[
        plural(e.streams_per_node, "stream", "streams"),
        plural(e.sessions_per_node, "session", "sessions"),
        per_month(e.usd_per_month),
    ])
}

/// Entry `index` of catalog `kind` in a line (see the `*_digest` functions).
pub fn catalog_digest(plan: &Plan, kind: CatalogKind, index: usize) -> Option<String> {
    let c = &plan.catalogs;
    match kind {
        CatalogKind::Instances => c.instances.get(index).map(instance_digest),
        CatalogKind::Databases => c.databases.get(index).map(database_digest),
        CatalogKind::Redis => c.redis.get(index).map(redis_digest),
        CatalogKind::GpuNodes => c.gpu_nodes.get(index).map(gpu_digest),
    }
}

/// The price date in words: "1 Nov 2026".
pub fn priced_on_words(date: NaiveDate) -> String {
    format::day_label(date)
}

// ---------------------------------------------------------------------------------------------
// Other costs
// ---------------------------------------------------------------------------------------------

/// Adds a cost line ("Monitoring", $0 a month) and returns its index, or `None` when full.
pub fn add_cost_line(plan: &mut Plan) -> Option<usize> {
    let lines = &mut plan.baseline.other_costs;
    if lines.len() >= MAX_LIST {
        return None;
    }
    let name = unique_name("Monitoring", lines.iter().map(|l| l.name.as_str()));
    lines.push(CostLine {
        name,
        fixed_usd_per_month: 0.0,
        per_unit_usd_per_month: 0.0,
    });
    Some(lines.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_traffic_shape_switches_keeping_daily_requests() {
        let mut plan = Plan::default();
        assert_eq!(
            TrafficKind::of(&plan.baseline.traffic),
            TrafficKind::DailyRatio
        );
        assert!(!set_traffic_kind(&mut plan, TrafficKind::DailyRatio));
        assert!(set_traffic_kind(&mut plan, TrafficKind::DailyShare));
        assert_eq!(
            plan.baseline.traffic,
            Traffic::DailyVolume {
                requests_per_unit_per_day: 200.0,
                peak: PeakShape::PeakHourShare { share_pct: 12.0 },
            }
        );
        assert!(set_traffic_kind(&mut plan, TrafficKind::PeakRate));
        assert_eq!(plan.baseline.traffic, Traffic::PeakRate { peak_rps: 50.0 });
        assert!(set_traffic_kind(&mut plan, TrafficKind::DailyRatio));
        assert_eq!(
            plan.baseline.traffic,
            Traffic::DailyVolume {
                requests_per_unit_per_day: 100.0,
                peak: PeakShape::PeakToAverage { ratio: 3.0 },
            }
        );
        for kind in TrafficKind::ALL {
            set_traffic_kind(&mut plan, kind);
            assert_eq!(TrafficKind::of(&plan.baseline.traffic), kind);
            assert!(plan.validate().is_ok(), "{kind:?}");
        }
    }

    #[test]
    fn turning_voice_on_gives_a_valid_plan() {
        let mut plan = Plan::default();
        plan.baseline.voice = Some(new_voice_demand());
        assert!(plan.validate().is_ok());
    }
    use crate::plan::Plan;

    fn names(plan: &Plan) -> Vec<&str> {
        plan.scenarios.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn copies_are_named_after_the_original() {
        assert_eq!(copy_name("Moderate", ["Moderate"]), "Moderate (copy)");
        assert_eq!(
            copy_name("Moderate", ["Moderate", "moderate (copy)"]),
            "Moderate (copy 2)"
        );
        assert_eq!(
            copy_name("Moderate (copy)", ["Moderate", "Moderate (copy)"]),
            "Moderate (copy 2)"
        );
        assert_eq!(
            copy_name(
                "Moderate (copy 2)",
                ["Moderate", "Moderate (copy)", "Moderate (copy 2)"]
            ),
            "Moderate (copy 3)"
        );
        assert_eq!(copy_name("A (copy x)", []), "A (copy x) (copy)");
        assert_eq!(copy_name("A (copy )", []), "A (copy ) (copy)");
        assert_eq!(copy_name("A (copy 12)", []), "A (copy)");
    }

    #[test]
    fn singular_and_labels_follow_the_demand_unit() {
        assert_eq!(singular("cafés"), "café");
        assert_eq!(singular(" users "), "user");
        assert_eq!(singular("staff"), "staff");
        assert_eq!(singular("business"), "business");
        assert_eq!(singular(""), "unit");
        assert_eq!(
            label_in_units("Voice sessions per unit per day", "tenants"),
            "Voice sessions per tenant per day"
        );
        assert_eq!(label_in_units("Per unit", "cafés"), "Per café");
    }

    #[test]
    fn rounding_keeps_three_significant_digits() {
        assert_eq!(round_significant(1265.3, 3), 1270.0);
        assert_eq!(round_significant(3.0, 3), 3.0);
        assert_eq!(round_significant(0.012345, 3), 0.0123);
        assert_eq!(round_significant(f64::NAN, 3), 0.0);
        assert_eq!(round_significant(-1234.0, 2), -1200.0);
    }

    #[test]
    fn scenarios_are_added_duplicated_moved_and_deleted() {
        let mut plan = Plan::default();
        assert_eq!(add_scenario(&mut plan), Some(1));
        assert_eq!(names(&plan), ["Steady", "Scenario 2"]);
        plan.scenarios[0].name = "Moderate".into();
        assert_eq!(duplicate_scenario(&mut plan, 0), Some(1));
        assert_eq!(names(&plan), ["Moderate", "Moderate (copy)", "Scenario 2"]);
        assert_eq!(plan.scenarios[1].growth, plan.scenarios[0].growth);
        assert!(move_item(&mut plan.scenarios, 2, 0));
        assert_eq!(names(&plan), ["Scenario 2", "Moderate", "Moderate (copy)"]);
        assert!(!move_item(&mut plan.scenarios, 0, 3));
        assert!(!move_item(&mut plan.scenarios, 1, 1));
        assert_eq!(
            delete_scenario(&mut plan, 1).map(|s| s.name),
            Some("Moderate".into())
        );
        assert_eq!(delete_scenario(&mut plan, 7), None);
        delete_scenario(&mut plan, 0);
        assert_eq!(names(&plan), ["Moderate (copy)"]);
        assert_eq!(delete_scenario(&mut plan, 0), None, "the last one stays");
        assert!(plan.validate().is_ok());
    }

    #[test]
    fn a_full_plan_takes_no_more_scenarios() {
        let mut plan = Plan::default();
        while add_scenario(&mut plan).is_some() {}
        assert_eq!(plan.scenarios.len(), MAX_SCENARIOS);
        assert_eq!(duplicate_scenario(&mut plan, 0), None);
        assert!(plan.validate().is_ok(), "generated names are unique");
    }

    #[test]
    fn switching_model_keeps_the_trajectory() {
        let plan = Plan::default();
        let compound = plan.scenarios[0].growth.clone();
        // 5 % growth, 1 % churn: 1 000 × 1.04¹² = 1 601 in month 12.
        let trend = switch_growth(&plan, &compound, GrowthKind::Trend);
        let Growth::Trend { history, shape, .. } = &trend else {
            panic!("{trend:?}")
        };
        assert_eq!(history.len(), 6);
        assert_eq!(*shape, TrendShape::Exponential);
        assert_eq!(history[5].units, 1000.0, "today's count last");
        assert_eq!(
            history[5].date,
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(
            history[0].date,
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        let mut with_trend = plan.clone();
        with_trend.scenarios[0].growth = trend.clone();
        assert!(with_trend.validate().is_ok());
        let end = growth::project(1000.0, &trend, plan.start, 12).months[11].mean;
        assert!((end - 1601.0).abs() < 40.0, "{end}");
        // And back: the compound rate is the average growth, churn folded in.
        let back = switch_growth(&plan, &trend, GrowthKind::Compound);
        let Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } = back
        else {
            panic!()
        };
        assert!(
            (monthly_growth_pct - 4.0).abs() <= 0.3,
            "{monthly_growth_pct}"
        );
        assert_eq!(monthly_churn_pct, 0.0);
        // Milestones → compound: 3 cafés today, 50 in month 12 → about 26.4 % a month.
        let mut cafes = Plan::default();
        cafes.baseline.units = 3.0;
        let milestones = Growth::Milestones {
            points: vec![Milestone {
                month: 12,
                units: 50.0,
            }],
            between: Interpolation::Step,
        };
        let Growth::Compound {
            monthly_growth_pct, ..
        } = switch_growth(&cafes, &milestones, GrowthKind::Compound)
        else {
            panic!()
        };
        assert_eq!(monthly_growth_pct, 26.4);
        // The same model is left alone.
        assert_eq!(
            switch_growth(&plan, &compound, GrowthKind::Compound),
            compound
        );
    }

    #[test]
    fn switching_from_nothing_gives_defaults_that_validate() {
        let mut plan = Plan::default();
        plan.baseline.units = 0.0;
        for kind in GrowthKind::ALL {
            for from in GrowthKind::ALL {
                let mut p = plan.clone();
                assert_eq!(
                    set_growth_kind(&mut p, 0, from),
                    from != GrowthKind::Compound
                );
                set_growth_kind(&mut p, 0, kind);
                assert_eq!(GrowthKind::of(&p.scenarios[0].growth), kind);
                assert!(
                    p.validate().is_ok(),
                    "{from:?} → {kind:?}: {:?}",
                    p.validate()
                );
            }
        }
        assert!(!set_growth_kind(&mut plan, 5, GrowthKind::Trend));
    }

    #[test]
    fn milestones_sample_the_quarters_of_the_horizon() {
        assert_eq!(milestone_months(12), [3, 6, 9, 12]);
        assert_eq!(milestone_months(1), [1]);
        assert_eq!(milestone_months(2), [1, 2]);
        assert_eq!(milestone_months(30), [8, 15, 23, 30]);
    }

    #[test]
    fn digests_and_outcomes_read_as_sentences() {
        let mut plan = Plan::default();
        assert_eq!(
            growth_digest(&plan.scenarios[0].growth),
            "+5 % a month, 1 % churn"
        );
        assert_eq!(
            growth_outcome(&plan, 0).as_deref(),
            Some("1\u{202F}000 users today → 1\u{202F}601 in Dec 2027 (month 12)")
        );
        set_growth_kind(&mut plan, 0, GrowthKind::Milestones);
        assert_eq!(
            growth_digest(&plan.scenarios[0].growth),
            "4 milestones, linear between"
        );
        set_growth_kind(&mut plan, 0, GrowthKind::Trend);
        assert_eq!(
            growth_digest(&plan.scenarios[0].growth),
            "Trend of 6 observations, exponential"
        );
        if let Growth::Trend { history, shape, .. } = &plan.scenarios[0].growth {
            let summary = trend_summary(history, *shape, "users").unwrap();
            assert!(
                summary.starts_with("Fitted: +4 % a month, R² 1"),
                "{summary}"
            );
            let linear = trend_summary(history, TrendShape::Linear, "users").unwrap();
            assert!(
                linear.starts_with("Fitted: +3") && linear.contains("users a month"),
                "{linear}"
            );
            assert_eq!(trend_summary(&history[..2], *shape, "users"), None);
        }
        let outcome = growth_outcome(&plan, 0).unwrap();
        assert!(
            outcome.starts_with("1\u{202F}5") || outcome.starts_with("1\u{202F}6"),
            "{outcome}"
        );
        assert!(
            outcome.contains(" users in Dec 2027 (month 12), 95 % interval "),
            "{outcome}"
        );
        if let Growth::Trend { history, .. } = &mut plan.scenarios[0].growth {
            history.truncate(2);
        }
        assert_eq!(growth_outcome(&plan, 0), None, "no fit, no outcome");
        assert_eq!(growth_outcome(&plan, 3), None);
    }

    #[test]
    fn milestones_and_observations_are_added_after_the_last() {
        let mut points = Vec::new();
        assert_eq!(add_milestone(&mut points, 100.0, 12), Some(0));
        assert_eq!(
            points[0],
            Milestone {
                month: 3,
                units: 100.0
            }
        );
        points[0].units = 150.0;
        add_milestone(&mut points, 100.0, 12);
        add_milestone(&mut points, 100.0, 12);
        add_milestone(&mut points, 100.0, 12);
        assert_eq!(
            points.iter().map(|p| p.month).collect::<Vec<_>>(),
            [3, 6, 9, 12]
        );
        // Past the horizon's last month, gaps are filled first, with the count in force.
        add_milestone(&mut points, 100.0, 12);
        assert_eq!(
            points[4],
            Milestone {
                month: 1,
                units: 100.0
            }
        );
        add_milestone(&mut points, 100.0, 12);
        assert_eq!(
            points[5],
            Milestone {
                month: 2,
                units: 100.0
            }
        );
        add_milestone(&mut points, 100.0, 12);
        assert_eq!(
            points[6],
            Milestone {
                month: 4,
                units: 150.0
            }
        );
        let mut full: Vec<Milestone> = (1..=MAX_HORIZON_MONTHS)
            .map(|month| Milestone { month, units: 1.0 })
            .collect();
        assert_eq!(add_milestone(&mut full, 1.0, 12), None);
        let mut short = Vec::new();
        add_milestone(&mut short, 5.0, 2);
        assert_eq!(short[0].month, 2, "the first lands within a short horizon");
        let mut history = Vec::new();
        let start = YearMonth {
            year: 2027,
            month: 1,
        };
        add_observation(&mut history, 40.0, start);
        add_observation(&mut history, 40.0, start);
        assert_eq!(
            history
                .iter()
                .map(|o| o.date.to_string())
                .collect::<Vec<_>>(),
            ["2026-12-01", "2027-01-01"]
        );
        assert_eq!(history[1].units, 40.0);
    }

    #[test]
    fn calendar_presets_and_periods() {
        assert_eq!(CALENDAR_PRESETS[0].label(), "Black Friday (Nov 20–30 ×3)");
        assert_eq!(CALENDAR_PRESETS[2].label(), "July slowdown (Jul 1–31 ×0.7)");
        assert_eq!(
            CALENDAR_PRESETS[3].label(),
            "Christmas lull (Dec 24 – Jan 2 ×0.5)"
        );
        let mut effect = CALENDAR_PRESETS[0].effect();
        effect.year = Some(2027);
        assert_eq!(period(&effect), "Nov 20–30 2027");
        let mut plan = Plan::default();
        assert!(!has_preset(&plan.scenarios[0], &CALENDAR_PRESETS[0]));
        for preset in CALENDAR_PRESETS {
            plan.scenarios[0].calendar.push(preset.effect());
        }
        let blank = new_effect(&plan.scenarios[0]);
        plan.scenarios[0].calendar.push(blank);
        assert!(has_preset(&plan.scenarios[0], &CALENDAR_PRESETS[0]));
        assert!(can_add_effect(&plan.scenarios[0]));
        plan.scenarios[0].calendar = vec![new_effect(&plan.scenarios[0]); MAX_CALENDAR_EFFECTS];
        assert!(!can_add_effect(&plan.scenarios[0]));
        plan.scenarios[0].calendar.truncate(5);
        assert!(plan.validate().is_ok());
    }

    #[test]
    fn typed_days_and_dates_are_parsed_with_a_helpful_message() {
        assert_eq!(
            parse_month_day(" 11-20 "),
            Ok(MonthDay { month: 11, day: 20 })
        );
        assert_eq!(parse_month_day("2-29"), Ok(MonthDay { month: 2, day: 29 }));
        assert!(parse_month_day("02-30").unwrap_err().contains("MM-DD"));
        assert!(parse_month_day("").unwrap_err().contains("empty"));
        assert_eq!(
            parse_date("2026-11-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
        );
        assert!(parse_date("2026-13-01").unwrap_err().contains("YYYY-MM-DD"));
        for bad in [
            "2026-02-30",
            "2026-11",
            "2026-11-01-01",
            "26-11-01",
            "2026-+1-01",
            "2026/11/01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date(" 2027-1-5 "),
            Ok(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
        );
        assert!(parse_date("").is_err());
    }

    #[test]
    fn catalog_rows_are_added_removed_renamed_and_reset() {
        let mut plan = Plan::default();
        for kind in CatalogKind::ALL {
            let before = kind.len(&plan);
            let i = add_catalog_entry(&mut plan, kind).unwrap();
            assert_eq!(i, before);
            assert_eq!(kind.names(&plan)[i], format!("New {}", kind.noun()));
            add_catalog_entry(&mut plan, kind);
            assert_eq!(kind.names(&plan)[i + 1], format!("New {} 2", kind.noun()));
            assert!(catalog_digest(&plan, kind, i).is_some());
        }
        assert!(plan.validate().is_ok(), "{:?}", plan.validate());
        // Renaming the entry the app runs on takes the policy along.
        let app = plan
            .catalogs
            .instances
            .iter()
            .position(|i| i.name == plan.policies.app_instance)
            .unwrap();
        assert_eq!(
            used_for(&plan, CatalogKind::Instances, app),
            Some("the app's instance type")
        );
        assert_eq!(used_for(&plan, CatalogKind::Instances, 0), None);
        rename_catalog_entry(&mut plan, CatalogKind::Instances, app, "web".into());
        assert_eq!(plan.policies.app_instance, "web");
        assert!(plan.validate().is_ok());
        // Reset brings the defaults back and repoints the app.
        let moved = reset_catalog(&mut plan, CatalogKind::Instances);
        assert_eq!(moved, ["The app now runs on m7g.large."]);
        assert_eq!(plan.catalogs.instances, catalog::default_instances());
        assert!(plan.validate().is_ok());
        // Today's tier goes back to "the smallest" when the defaults lack it.
        plan.baseline.today.database_tier = "New database tier".into();
        assert!(reset_catalog(&mut plan, CatalogKind::Databases)[0].contains("smallest"));
        assert_eq!(plan.baseline.today.database_tier, "");
        assert!(reset_catalog(&mut plan, CatalogKind::Redis).is_empty());
        assert!(move_catalog_entry(&mut plan, CatalogKind::Redis, 0, 1));
        assert!(remove_catalog_entry(&mut plan, CatalogKind::GpuNodes, 0));
        assert!(!remove_catalog_entry(&mut plan, CatalogKind::GpuNodes, 99));
    }

    #[test]
    fn digests_show_units() {
        let plan = Plan::default();
        let m7g = plan
            .catalogs
            .instances
            .iter()
            .find(|i| i.name == "m7g.large")
            .unwrap();
        assert_eq!(
            instance_digest(m7g).replace('\u{a0}', " "),
            "2 vCPU · 8 GB · 50 req/s · $59.60/month"
        );
        let tier = DatabaseTier {
            name: "x".into(),
            max_connections: 60,
            pooler_clients: 0,
            storage_gb: 8.0,
            usd_per_month: 10.0,
            source: String::new(),
            priced_on: None,
        };
        assert_eq!(
            database_digest(&tier).replace('\u{a0}', " "),
            "60 connections · no pooler · 8 GB · $10.00/month"
        );
        let redis = RedisPlan {
            name: "r".into(),
            memory_gb: 6.38,
            topology: RedisTopology::Replicated,
            nodes: 2,
            usd_per_month: 175.2,
            source: String::new(),
            priced_on: None,
        };
        assert_eq!(
            redis_digest(&redis).replace('\u{a0}', " "),
            "6.38 GB · primary + replica · 2 nodes · $175/month"
        );
        let gpu = GpuNode {
            name: "g".into(),
            streams_per_node: 1,
            sessions_per_node: 8,
            usd_per_month: 88.9,
            source: String::new(),
            priced_on: None,
        };
        assert_eq!(
            gpu_digest(&gpu).replace('\u{a0}', " "),
            "1 stream · 8 sessions · $88.90/month"
        );
        assert_eq!(priced_on_words(plan.catalogs.priced_on), "1 Nov 2026");
    }

    #[test]
    fn cost_lines_get_unique_names() {
        let mut plan = Plan::default();
        add_cost_line(&mut plan);
        add_cost_line(&mut plan);
        assert_eq!(plan.baseline.other_costs[1].name, "Monitoring 2");
        assert!(plan.validate().is_ok());
    }
}
