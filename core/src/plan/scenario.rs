//! Possible futures: a [`Scenario`] and its growth model, calendar effects, own traffic and
//! own growth rates.

use super::*;

/// One possible future.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// "Conservative", "Black Friday".
    pub name: String,
    /// How units evolve month by month.
    pub growth: Growth,
    /// Dated multipliers on peak demand (seasons, events).
    #[serde(default)]
    pub calendar: Vec<CalendarEffect>,
    /// This scenario's own traffic per unit, in place of [`Baseline::traffic`] ("each user
    /// makes 200 requests a month in the aggressive case"); `None` = the baseline's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<Traffic>,
    /// The database's data grows by this share a month on its own ("data grows 40 % in year
    /// 1"), in percent, instead of with units; `None` = with units (docs/models.md "Own
    /// growth").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_monthly_growth_pct: Option<f64>,
    /// Background work (the fixed peak traffic and the background connections) grows by this
    /// share a month, in percent; `None` = it stays at today's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_monthly_growth_pct: Option<f64>,
}

impl Scenario {
    /// The traffic model this scenario is sized with: its own, else the baseline's.
    pub fn traffic<'a>(&'a self, baseline: &'a Baseline) -> &'a Traffic {
        self.traffic.as_ref().unwrap_or(&baseline.traffic)
    }
}

/// How demand units evolve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Growth {
    /// Uₘ = U₀ · (1 + g − churn)ᵐ.
    Compound {
        /// New units per month as a share of current units, in percent.
        monthly_growth_pct: f64,
        /// Units lost per month as a share of current units, in percent.
        #[serde(default)]
        monthly_churn_pct: f64,
    },
    /// Known counts at given months ("3 cafés in month 1, 5 in 2, 8 in 3, 15 in 6, 50 in 12").
    Milestones {
        /// Points in month order; before the first, units are the baseline's.
        points: Vec<Milestone>,
        /// What happens between points.
        #[serde(default)]
        between: Interpolation,
    },
    /// A least-squares trend fitted to history.
    Trend {
        /// Dated observations of the demand unit count (at least 3).
        history: Vec<Observation>,
        /// Straight line, or straight line through log(units).
        #[serde(default)]
        shape: TrendShape,
        /// Prediction-interval confidence, in percent (e.g. 95).
        #[serde(default = "default_confidence_pct")]
        confidence_pct: f64,
    },
}

/// A trend's prediction-interval confidence when the plan does not give one, in percent.
pub const DEFAULT_CONFIDENCE_PCT: f64 = 95.0;

fn default_confidence_pct() -> f64 {
    DEFAULT_CONFIDENCE_PCT
}

/// A known unit count at a month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Month number, 1-based.
    pub month: u32,
    /// Units at that month.
    pub units: f64,
}

/// Between milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Interpolation {
    /// Hold the last reached value until the next milestone.
    #[default]
    Step,
    /// Straight line between milestones.
    Linear,
}

/// One historical observation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Day of the observation.
    #[serde(with = "day")]
    pub date: NaiveDate,
    /// Units observed.
    pub units: f64,
}

impl Observation {
    /// Puts `observations` in date order, keeping the order of those on the same day (the one
    /// sort of observations: the trend fit and the history reader share its code).
    pub fn sort_by_date(observations: &mut [Observation]) {
        crate::sort::stable_sort_by(observations, &|a, b| a.date.cmp(&b.date));
    }
}

/// Shape of a fitted trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TrendShape {
    /// units = a + b·t.
    #[default]
    Linear,
    /// log(units) = a + b·t (constant percentage growth).
    Exponential,
}

/// A multiplier on peak demand between two days of the year ("Black Friday 11-20..11-30 ×3").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarEffect {
    /// "Black Friday".
    pub name: String,
    /// First day (inclusive).
    pub from: MonthDay,
    /// Last day (inclusive); before `from` means the period wraps over New Year.
    pub to: MonthDay,
    /// Demand multiplier while active (3.0 = three times, 0.7 = 30 % less).
    pub multiplier: f64,
    /// Only this year; every year when absent.
    #[serde(default)]
    pub year: Option<i32>,
}

impl CalendarEffect {
    /// An effect every year from `from` to `to` (month, day), both inclusive.
    pub fn every_year(name: &str, from: (u32, u32), to: (u32, u32), multiplier: f64) -> Self {
        let day = |(month, day): (u32, u32)| MonthDay { month, day };
        Self {
            name: name.to_owned(),
            from: day(from),
            to: day(to),
            multiplier,
            year: None,
        }
    }
}

/// Which forecast bound to size for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ForecastBound {
    /// The fitted value.
    #[default]
    Mean,
    /// The upper prediction bound (safe side).
    Upper,
    /// The lower prediction bound.
    Lower,
}

named!(Interpolation: "step" => Step, "linear" => Linear);

named!(TrendShape: "linear" => Linear, "exponential" => Exponential);

named!(ForecastBound: "mean" => Mean, "upper" => Upper, "lower" => Lower);
