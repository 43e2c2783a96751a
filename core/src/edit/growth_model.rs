//! Growth models: switching a scenario's model while keeping its trajectory, digests and
//! outcomes in words, milestones and observations added.

use super::round_significant;
use crate::format;
use crate::growth::{self, fit_trend};
use crate::plan::{
    Growth, Interpolation, Milestone, Observation, Plan, TrendShape, YearMonth, MAX_HORIZON_MONTHS,
};
use crate::validate::MAX_LIST;
use chrono::NaiveDate;

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
pub(super) fn milestone_months(horizon: u32) -> Vec<u32> {
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
                    let units = crate::selection::month_of(&projection.months, month)
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
