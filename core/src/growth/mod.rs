//! Growth: how many demand units each plan month holds, how seasons and events shape a month's
//! peak, and when a forecast crosses a limit.
//!
//! # Models
//!
//! Google SRE's capacity planning (CACM, April 2019) separates *organic* growth (users arriving
//! through word of mouth and adoption, extrapolated from history) from *inorganic* growth
//! (launches, new customers, marketing events, entered as known steps). A plan [`Growth`] is one
//! of three models (docs/models.md "Forecasting"):
//!
//! - **Compound** — organic growth with churn, Uₘ = U₀ · (1 + g − churn)ᵐ, as in the Supabase
//!   capacity guide's `projectCapacity` (moderate scenario: g = 25 %, churn = 8 %, so 100 users
//!   become 117, 136.89, 160.16 … 658.0 in month 12). A net rate below −100 % leaves no units.
//! - **Milestones** — inorganic growth as known counts ("3 cafés in month 1, 5 in 2, 8 in 3, 15 in
//!   6, 50 in 12", the Swedish café pilot). Before the first milestone the baseline holds; between
//!   milestones the last one holds ([`Interpolation::Step`]) or a straight line joins them
//!   ([`Interpolation::Linear`]); after the last, it holds.
//! - **Trend** — ordinary least squares on dated history, time `x` in days since the earliest
//!   observation: `y = a + b·x` (linear) or `ln y = a + b·x` (exponential, constant percentage
//!   growth). The forecast at `x₀` carries the prediction interval (Hyndman & Athanasopoulos,
//!   *Forecasting: Principles and Practice*, 3rd ed., §7.6 "Forecasting with regression"):
//!
//!   ```text
//!   ŷ₀ ± t(n − 2, (1 + confidence)/2) · s · √(1 + 1/n + (x₀ − x̄)² / Σ(xᵢ − x̄)²)
//!   s = √(Σ(yᵢ − ŷᵢ)² / (n − 2))      (residual standard error)
//!   ```
//!
//!   For the exponential shape the interval is computed in log space and exponentiated, so it is
//!   skewed upward and the point forecast is the back-transformed median (FPP3 §5.6). The
//!   Semantic Text Processor guide fits the same line to weekly request counts but prints a
//!   "simplified" interval of ±1.96 population standard deviations of the residuals; that
//!   interval ignores both the small sample (t, not z) and the growing uncertainty away from the
//!   data (the square root), and is too narrow to size for.
//!
//! Each plan month is evaluated as follows: month 1 is the calendar month `start`, the baseline
//! (today) is month 0; a trend is evaluated on the first day of the month's calendar month.
//!
//! # Calendar effects and peak rate
//!
//! Seasons and events multiply peak demand on the days they cover (the Selextract guide's
//! "Black Friday November 20–30 ×3.0, Year End December 15–31 ×2.0, Summer July ×0.7"): see
//! [`calendar_multipliers`]. A day's volume becomes a peak rate by a peak-to-average ratio or a
//! busy-hour share (docs/models.md "Peak from daily volume"): see [`peak_rps`].
//!
//! # Robustness
//!
//! Every function here is total: inputs may come straight from a half-edited plan, so NaN, ∞,
//! negative counts and out-of-range months are all accepted. Unit counts are clamped to
//! `[0, MAX_UNITS]` and a [`Projection`] says when it had to clamp (`saturated`); no result is
//! ever NaN or infinite.
//!
//! [`Interpolation::Step`]: crate::plan::Interpolation::Step
//! [`Interpolation::Linear`]: crate::plan::Interpolation::Linear

mod calendar;
mod compound;
mod crossing;
mod explain;
mod milestones;
mod own;
mod peak;
mod trend;

#[cfg(test)]
mod testing;

pub use calendar::{calendar_multipliers, MonthMultipliers, MAX_CALENDAR_MULTIPLIER};
pub use crossing::{days_to_exhaustion, first_month_above};
pub use explain::explain_month;
pub use own::{own_factor_words, OwnGrowth};
pub use peak::{peak_rps, MAX_RPS};
pub use trend::{
    fit_trend, TrendError, TrendFit, DAYS_PER_MONTH, DEFAULT_CONFIDENCE_PCT, MAX_CONFIDENCE_PCT,
};

use crate::plan::{ForecastBound, Growth, YearMonth, MAX_HORIZON_MONTHS};
use compound::{compound_factor, compound_units};
use milestones::{milestone_value, sorted_milestones};
use serde::Serialize;
use trend::month_date;

/// Largest unit count a projection reports (a trillion users, cafés or tenants); anything above
/// is clamped to it and flagged as [`Projection::saturated`].
pub const MAX_UNITS: f64 = 1e12;

/// Units in one plan month: the point forecast and its prediction interval.
///
/// For compound and milestone growth the three are equal; for a trend `lower ≤ mean ≤ upper`.
/// All three are within `[0, MAX_UNITS]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Forecast {
    /// Point forecast (fitted value).
    pub mean: f64,
    /// Lower prediction bound.
    pub lower: f64,
    /// Upper prediction bound.
    pub upper: f64,
}

impl Forecast {
    /// A forecast without uncertainty: all three values are `units`.
    pub fn exact(units: f64) -> Self {
        Self {
            mean: units,
            lower: units,
            upper: units,
        }
    }

    /// The value to size for under the plan's [`ForecastBound`].
    ///
    /// # Example
    /// ```
    /// use headroom_core::growth::Forecast;
    /// use headroom_core::plan::ForecastBound;
    /// let f = Forecast { mean: 100.0, lower: 80.0, upper: 130.0 };
    /// assert_eq!(f.bound(ForecastBound::Upper), 130.0);
    /// assert_eq!(f.bound(ForecastBound::Mean), 100.0);
    /// ```
    pub fn bound(&self, bound: ForecastBound) -> f64 {
        match bound {
            ForecastBound::Mean => self.mean,
            ForecastBound::Upper => self.upper,
            ForecastBound::Lower => self.lower,
        }
    }
}

/// Units month by month for one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// One forecast per plan month: index 0 is month 1.
    pub months: Vec<Forecast>,
    /// Whether some value had to be clamped to [`MAX_UNITS`], or was not a number and is shown
    /// as 0: the inputs are beyond what the plan can represent.
    pub saturated: bool,
    /// The fitted trend, for trend growth.
    pub trend: Option<TrendFit>,
    /// Why the trend could not be fitted; the months then hold the baseline units flat.
    pub trend_error: Option<TrendError>,
}

/// Units for each plan month under `growth`, starting from `baseline_units` today (month 0).
///
/// - Compound: `Uₘ = U₀ · max(0, 1 + g − churn)ᵐ`.
/// - Milestones: the baseline before the first point, a point's value at its month, the last
///   reached value (Step) or the straight line (Linear) between points, the last value after.
///   Points may be unsorted (they are sorted by month); on a repeated month the last one wins.
/// - Trend: the [`fit_trend`] forecast on the first day of each month's calendar month, with
///   its prediction interval; an unfittable history gives the baseline flat and
///   [`Projection::trend_error`].
///
/// Every value is clamped to `[0, MAX_UNITS]`; at most [`MAX_HORIZON_MONTHS`] are computed.
///
/// # Example
/// ```
/// use headroom_core::growth::project;
/// use headroom_core::plan::{Growth, YearMonth};
/// // The Supabase guide's moderate scenario: 25 % growth, 8 % churn.
/// let growth = Growth::Compound { monthly_growth_pct: 25.0, monthly_churn_pct: 8.0 };
/// let p = project(100.0, &growth, YearMonth { year: 2027, month: 1 }, 12);
/// assert!((p.months[0].mean - 117.0).abs() < 1e-9);
/// assert!((p.months[11].mean - 658.0).abs() < 0.01);
/// assert!(!p.saturated);
/// ```
pub fn project(
    baseline_units: f64,
    growth: &Growth,
    start: YearMonth,
    horizon_months: u32,
) -> Projection {
    let horizon = horizon_months.min(MAX_HORIZON_MONTHS);
    let mut saturated = false;
    let baseline = clamp_units(baseline_units, &mut saturated);
    let mut trend = None;
    let mut trend_error = None;
    let months = match growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => {
            let factor = compound_factor(*monthly_growth_pct, *monthly_churn_pct);
            (1..=horizon)
                .map(|m| {
                    let units = compound_units(baseline, factor, m);
                    Forecast::exact(clamp_units(units, &mut saturated))
                })
                .collect()
        }
        Growth::Milestones { points, between } => {
            let points = sorted_milestones(points, &mut saturated);
            (1..=horizon)
                .map(|m| Forecast::exact(milestone_value(&points, *between, baseline, m).0))
                .collect()
        }
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => match fit_trend(history, *shape) {
            Ok(fit) => {
                let t = fit.t_quantile(*confidence_pct);
                let months = (1..=horizon)
                    .map(|m| {
                        let date = month_date(start, m, &fit);
                        clamp_forecast(fit.predict_raw(date, t), &mut saturated)
                    })
                    .collect();
                trend = Some(fit);
                months
            }
            Err(error) => {
                trend_error = Some(error);
                vec![Forecast::exact(baseline); horizon as usize]
            }
        },
    };
    Projection {
        months,
        saturated,
        trend,
        trend_error,
    }
}

/// `units` within `[0, MAX_UNITS]`; NaN becomes 0. Sets `saturated` when it had to cut a value
/// above the maximum or replace NaN (negative values are a floor, not saturation).
fn clamp_units(units: f64, saturated: &mut bool) -> f64 {
    if units.is_nan() {
        *saturated = true;
        0.0
    } else if units > MAX_UNITS {
        *saturated = true;
        MAX_UNITS
    } else {
        units.max(0.0)
    }
}

fn clamp_forecast(f: Forecast, saturated: &mut bool) -> Forecast {
    Forecast {
        mean: clamp_units(f.mean, saturated),
        lower: clamp_units(f.lower, saturated),
        upper: clamp_units(f.upper, saturated),
    }
}

#[cfg(test)]
mod tests {
    //! Reference figures are computed by hand (or with a few lines of Python, independently of
    //! this code); the comments show the arithmetic.

    use super::*;

    use super::testing::{moderate, START};

    #[test]
    fn horizon_is_capped() {
        let p = project(1.0, &moderate(), START, u32::MAX);
        assert_eq!(p.months.len(), MAX_HORIZON_MONTHS as usize);
    }

    #[test]
    fn forecast_bounds() {
        let f = Forecast {
            mean: 2.0,
            lower: 1.0,
            upper: 3.0,
        };
        assert_eq!(f.bound(ForecastBound::Lower), 1.0);
        assert_eq!(f.bound(ForecastBound::Mean), 2.0);
        assert_eq!(f.bound(ForecastBound::Upper), 3.0);
    }
}
