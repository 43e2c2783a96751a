//! Fitted trends: ordinary least squares on dated history, a straight line through the units or
//! through their logarithm, and its Student-t prediction interval. The model, its formulas and
//! their sources are in the [growth module's documentation](super).

use super::explain::{percent_text, units_text};
use super::{clamp_forecast, Forecast, MAX_UNITS};
use crate::explain::Explanation;
use crate::format;
use crate::plan::{Observation, TrendShape, YearMonth};
use chrono::NaiveDate;
use std::fmt;

/// Days in an average Gregorian month (365.2425 ÷ 12), for per-month trend slopes.
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// Confidence used when a plan's confidence is not a number: the plan's default.
pub use crate::plan::DEFAULT_CONFIDENCE_PCT;

/// Highest confidence used: 100 % would make every interval infinite.
pub const MAX_CONFIDENCE_PCT: f64 = 99.9;

/// Why a trend cannot be fitted to a history.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TrendError {
    /// Fewer than 3 observations: two fix a line and leave nothing to estimate its spread.
    TooFewObservations {
        /// Observations given.
        n: usize,
    },
    /// Every observation is on the same day, so there is no time axis to fit.
    SameDate {
        /// The one date.
        date: NaiveDate,
    },
    /// An observation's count is not a number, negative, or above [`MAX_UNITS`].
    UnitsOutOfRange {
        /// Day of the observation.
        date: NaiveDate,
        /// The count given.
        units: f64,
    },
    /// An exponential trend takes logarithms: every count must be above 0.
    NonPositiveUnits {
        /// Day of the observation.
        date: NaiveDate,
        /// The count given.
        units: f64,
    },
}

impl fmt::Display for TrendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrendError::TooFewObservations { n } => write!(
                f,
                "a trend needs at least 3 observations (2 fix a line, a 3rd measures its \
                 spread); the history has {n}"
            ),
            TrendError::SameDate { date } => write!(
                f,
                "every observation is dated {date}: a trend needs at least two different dates"
            ),
            TrendError::UnitsOutOfRange { date, units } => write!(
                f,
                "the observation of {date} counts {} units; counts must be between 0 and {}",
                format::number(*units),
                format::number(MAX_UNITS)
            ),
            TrendError::NonPositiveUnits { date, units } => write!(
                f,
                "an exponential trend needs every count above 0, but the observation of {date} \
                 counts {}",
                format::number(*units)
            ),
        }
    }
}

impl std::error::Error for TrendError {}

/// A least-squares trend fitted to dated history; see the module documentation for the model.
///
/// Built only by [`fit_trend`], so its figures are finite and its interval well defined.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendFit {
    shape: TrendShape,
    origin: NaiveDate,
    last: NaiveDate,
    intercept: f64,
    slope_per_day: f64,
    r_squared: f64,
    residual_std_error: f64,
    n: usize,
    mean_day: f64,
    sum_sq_days: f64,
}

impl TrendFit {
    /// Straight line through the units, or through their logarithm.
    pub fn shape(&self) -> TrendShape {
        self.shape
    }

    /// Day 0 of the time axis: the earliest observation.
    pub fn origin(&self) -> NaiveDate {
        self.origin
    }

    /// The latest observation.
    pub fn last_observation(&self) -> NaiveDate {
        self.last
    }

    /// `a`: the fitted value on day 0 (in units, or in ln units for the exponential shape).
    pub fn intercept(&self) -> f64 {
        self.intercept
    }

    /// `b`: change per day (units per day, or ln units per day for the exponential shape).
    pub fn slope_per_day(&self) -> f64 {
        self.slope_per_day
    }

    /// `b × 30.4375`: change per average month.
    pub fn slope_per_month(&self) -> f64 {
        self.slope_per_day * DAYS_PER_MONTH
    }

    /// For the exponential shape, the constant growth per average month in percent,
    /// `(e^{b × 30.4375} − 1) × 100`; `None` for a straight line.
    pub fn monthly_growth_pct(&self) -> Option<f64> {
        match self.shape {
            TrendShape::Linear => None,
            TrendShape::Exponential => {
                let pct = (self.slope_per_month().exp() - 1.0) * 100.0;
                pct.is_finite().then_some(pct)
            }
        }
    }

    /// Coefficient of determination, `1 − SSE/SST` (in log space for the exponential shape);
    /// 1 when every observation is equal.
    pub fn r_squared(&self) -> f64 {
        self.r_squared
    }

    /// Residual standard error `s = √(SSE / (n − 2))` (in log space for the exponential shape).
    pub fn residual_std_error(&self) -> f64 {
        self.residual_std_error
    }

    /// Observations fitted.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Days from the origin to `date` (negative before it).
    pub fn day_of(&self, date: NaiveDate) -> f64 {
        (date - self.origin).num_days() as f64
    }

    /// Forecast on `date` with a `confidence_pct` prediction interval, clamped to
    /// `[0, MAX_UNITS]`.
    ///
    /// `ŷ₀ = a + b·x₀`, interval `ŷ₀ ± t(n−2, (1+c)/2) · s · √(1 + 1/n + (x₀−x̄)²/Σ(xᵢ−x̄)²)`
    /// (exponentiated for the exponential shape). A confidence that is not a number means
    /// [`DEFAULT_CONFIDENCE_PCT`]; it is kept within `[0, MAX_CONFIDENCE_PCT]`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use headroom_core::growth::fit_trend;
    /// use headroom_core::plan::{Observation, TrendShape};
    /// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// let history = [(1, 10_000.0), (8, 12_000.0), (15, 15_000.0), (22, 18_000.0)]
    ///     .map(|(d, units)| Observation { date: day(d), units });
    /// let fit = fit_trend(&history, TrendShape::Linear).unwrap();
    /// // 30 days after the last observation is day 51: 9 700 + 385.714 × 51.
    /// let f = fit.predict(NaiveDate::from_ymd_opt(2024, 2, 21).unwrap(), 95.0);
    /// assert!((f.mean - 29_371.43).abs() < 0.01);
    /// assert!(f.lower < f.mean && f.mean < f.upper);
    /// ```
    pub fn predict(&self, date: NaiveDate, confidence_pct: f64) -> Forecast {
        let mut ignored = false;
        let t = self.t_quantile(confidence_pct);
        clamp_forecast(self.predict_raw(date, t), &mut ignored)
    }

    /// The forecast before clamping, with `t` from [`TrendFit::t_quantile`] (one per projection,
    /// not per month): finite or ±∞, never NaN.
    pub(super) fn predict_raw(&self, date: NaiveDate, t: f64) -> Forecast {
        let x0 = self.day_of(date);
        let fitted = self.intercept + self.slope_per_day * x0;
        let half_width = self.half_width(x0, t);
        let (lower, upper) = (fitted - half_width, fitted + half_width);
        match self.shape {
            TrendShape::Linear => Forecast {
                mean: fitted,
                lower,
                upper,
            },
            TrendShape::Exponential => Forecast {
                mean: fitted.exp(),
                lower: lower.exp(),
                upper: upper.exp(),
            },
        }
    }

    /// The two-sided Student-t quantile `t(n − 2, (1 + c)/2)` of this fit's band.
    pub(super) fn t_quantile(&self, confidence_pct: f64) -> f64 {
        t_quantile(self.n as f64 - 2.0, confidence_pct)
    }

    /// `t · s · √(1 + 1/n + (x₀ − x̄)² / Sxx)`: ≥ 0, possibly +∞, never NaN.
    fn half_width(&self, x0: f64, t: f64) -> f64 {
        if self.residual_std_error <= 0.0 {
            return 0.0;
        }
        let n = self.n as f64;
        let spread = 1.0 + 1.0 / n + (x0 - self.mean_day).powi(2) / self.sum_sq_days;
        let half = t * self.residual_std_error * spread.sqrt();
        if half.is_nan() {
            f64::INFINITY
        } else {
            half.max(0.0)
        }
    }
}

/// The confidence a prediction interval is drawn at, in percent: `confidence_pct` kept within
/// `[0, MAX_CONFIDENCE_PCT]`, or [`DEFAULT_CONFIDENCE_PCT`] when it is not a number.
fn confidence(confidence_pct: f64) -> f64 {
    if confidence_pct.is_nan() {
        DEFAULT_CONFIDENCE_PCT
    } else {
        confidence_pct.clamp(0.0, MAX_CONFIDENCE_PCT)
    }
}

/// Two-sided Student-t quantile `t(df, (1 + c)/2)`; +∞ when it cannot be computed.
fn t_quantile(df: f64, confidence_pct: f64) -> f64 {
    let pct = confidence(confidence_pct);
    let p = 0.5 + pct / 200.0;
    crate::student_t::quantile(df, p).map_or(f64::INFINITY, |q| q.max(0.0))
}

/// Fits a least-squares trend to `history` (any order; the earliest date is day 0).
///
/// ```text
/// x = days since the earliest observation,  y = units (Linear) or ln units (Exponential)
/// b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,  a = ȳ − b·x̄
/// r² = 1 − SSE/SST,  s = √(SSE / (n − 2))
/// ```
///
/// # Errors
/// [`TrendError`] when there are fewer than 3 observations, all share one date, a count is not
/// within `[0, MAX_UNITS]`, or (exponential) a count is 0.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use headroom_core::growth::fit_trend;
/// use headroom_core::plan::{Observation, TrendShape};
/// // The Semantic Text Processor guide's weekly daily-request counts.
/// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
/// let history = [(1, 10_000.0), (8, 12_000.0), (15, 15_000.0), (22, 18_000.0)]
///     .map(|(d, units)| Observation { date: day(d), units });
/// let fit = fit_trend(&history, TrendShape::Linear).unwrap();
/// assert!((fit.slope_per_day() - 385.714).abs() < 0.001);
/// assert!((fit.intercept() - 9_700.0).abs() < 0.001);
/// assert!(fit_trend(&history[..2], TrendShape::Linear).is_err());
/// ```
pub fn fit_trend(history: &[Observation], shape: TrendShape) -> Result<TrendFit, TrendError> {
    let mut points: Vec<Observation> = history.to_vec();
    Observation::sort_by_date(&mut points);
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() >= 3 => (first.date, last.date),
        _ => {
            return Err(TrendError::TooFewObservations { n: points.len() });
        }
    };
    let mut xs = Vec::with_capacity(points.len());
    let mut ys = Vec::with_capacity(points.len());
    for o in &points {
        if !(0.0..=MAX_UNITS).contains(&o.units) {
            return Err(TrendError::UnitsOutOfRange {
                date: o.date,
                units: o.units,
            });
        }
        let y = match shape {
            TrendShape::Linear => o.units,
            TrendShape::Exponential if o.units > 0.0 => o.units.ln(),
            TrendShape::Exponential => {
                return Err(TrendError::NonPositiveUnits {
                    date: o.date,
                    units: o.units,
                });
            }
        };
        xs.push((o.date - first).num_days() as f64);
        ys.push(y);
    }
    if first == last {
        return Err(TrendError::SameDate { date: first });
    }
    let n = points.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(&ys) {
        let (dx, dy) = (x - mean_x, y - mean_y);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx <= 0.0 {
        return Err(TrendError::SameDate { date: first });
    }
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let sse: f64 = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| (y - (intercept + slope * x)).powi(2))
        .sum();
    let r_squared = if syy > 0.0 {
        (1.0 - sse / syy).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Ok(TrendFit {
        shape,
        origin: first,
        last,
        intercept,
        slope_per_day: slope,
        r_squared,
        residual_std_error: (sse / (n - 2.0)).sqrt(),
        n: points.len(),
        mean_day: mean_x,
        sum_sq_days: sxx,
    })
}

/// First day of plan month `month`'s calendar month (the last observation if out of range).
pub(super) fn month_date(start: YearMonth, month: u32, fit: &TrendFit) -> NaiveDate {
    start
        .of_plan_month(month)
        .first_day()
        .unwrap_or(fit.last_observation())
}

pub(super) fn explain_trend(
    explanation: Explanation,
    fit: &TrendFit,
    start: YearMonth,
    month: u32,
    forecast: &Forecast,
    confidence_pct: f64,
) -> Explanation {
    let date = month_date(start, month, fit);
    let days = fit.day_of(date);
    let slope = fit.slope_per_day();
    let sign = if slope < 0.0 { "−" } else { "+" };
    let line = format!(
        "{} {sign} {} × {} days",
        format::number(fit.intercept()),
        format::number(slope.abs()),
        format::number(days)
    );
    let interval = format!(
        "{} interval {}–{}",
        format::percent(confidence(confidence_pct) / 100.0),
        units_text(forecast.lower),
        units_text(forecast.upper)
    );
    let (formula, kind, slope_text) = match fit.shape() {
        TrendShape::Linear => (
            format!("{line} ({interval})"),
            "linear",
            format!(
                "{} per day ({} per month)",
                format::number(slope),
                format::number(fit.slope_per_month())
            ),
        ),
        TrendShape::Exponential => (
            format!("e^({line}) ({interval})"),
            "exponential",
            format!(
                "{} ln units per day ({} per month)",
                format::number(slope),
                fit.monthly_growth_pct()
                    .map_or_else(|| "—".to_owned(), percent_text)
            ),
        ),
    };
    explanation
        .formula(formula)
        .input("evaluated on", date.to_string())
        .input(format!("days since {}", fit.origin()), format::number(days))
        .input("intercept", format::number(fit.intercept()))
        .input("slope", slope_text)
        .input("r²", crate::float_text::fixed(fit.r_squared(), 3))
        .input(
            "residual standard error",
            format::number(fit.residual_std_error()),
        )
        .binding(format!(
            "least-squares {kind} trend over {} observations ({} to {})",
            fit.n(),
            fit.origin(),
            fit.last_observation()
        ))
}

#[cfg(test)]
mod tests {
    //! Reference figures are computed by hand (or with a few lines of Python, independently of
    //! this code); the comments show the arithmetic.

    use super::*;

    use super::super::testing::{close, means, ym, START};
    use super::super::{explain_month, project};
    use crate::plan::Growth;
    use crate::tolerance::{EXACT, SIX_DIGITS};

    /// Prediction-interval bounds: the t quantile is iterative.
    fn close_rel(actual: f64, expected: f64) {
        close(actual, expected, SIX_DIGITS);
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    /// The Semantic Text Processor guide's weekly history of daily requests.
    fn weekly_history() -> Vec<Observation> {
        [(1, 10_000.0), (8, 12_000.0), (15, 15_000.0), (22, 18_000.0)]
            .map(|(day, units)| Observation {
                date: date(2024, 1, day),
                units,
            })
            .to_vec()
    }

    fn trend(shape: TrendShape) -> Growth {
        Growth::Trend {
            history: weekly_history(),
            shape,
            confidence_pct: 95.0,
        }
    }

    // Hand computation: x = 0, 7, 14, 21; x̄ = 10.5; Sxx = 245; Sxy = 94 500;
    // b = 94 500 / 245 = 385.714 285 7; a = 13 750 − b × 10.5 = 9 700;
    // fitted 9 700, 12 400, 15 100, 17 800, residuals +300, −400, −100, +200,
    // SSE = 300 000, s = √(300 000 / 2) = 387.298 334 6; SST = 36 750 000, r² = 0.991 836 7;
    // t(2, 0.975) = 0.95 / √(2 × 0.975 × 0.025) = 4.302 652 7 (closed form for 2 df).
    const A: f64 = 9_700.0;
    const B: f64 = 94_500.0 / 245.0;
    const S: f64 = 387.298_334_620_741_7;
    const T_2DF_975: f64 = 4.302_652_729_749_462;

    fn by_hand(x0: f64) -> (f64, f64, f64) {
        let mean = A + B * x0;
        let half = T_2DF_975 * S * (1.0 + 0.25 + (x0 - 10.5_f64).powi(2) / 245.0).sqrt();
        (mean, mean - half, mean + half)
    }

    #[test]
    fn linear_trend_matches_the_hand_computed_fit() {
        let fit = fit_trend(&weekly_history(), TrendShape::Linear).unwrap();
        close(fit.slope_per_day(), 385.714_285_714, EXACT);
        close(fit.intercept(), A, EXACT);
        close(fit.slope_per_month(), 385.714_285_714 * 30.4375, EXACT);
        close(fit.r_squared(), 1.0 - 300_000.0 / 36_750_000.0, EXACT);
        close(fit.residual_std_error(), S, EXACT);
        assert_eq!(fit.n(), 4);
        assert_eq!(fit.origin(), date(2024, 1, 1));
        assert_eq!(fit.monthly_growth_pct(), None);

        // 30 days after the last observation: day 51.
        let f = fit.predict(date(2024, 2, 21), 95.0);
        close(f.mean, 29_371.428_571, EXACT);
        let (_, lower, upper) = by_hand(51.0);
        close_rel(f.lower, lower); // 24 674.37
        close_rel(f.upper, upper); // 34 068.49
        close(lower, 24_674.368_801, EXACT); // cross-check of the by-hand formula (Python)
    }

    #[test]
    fn linear_trend_projects_each_month_on_its_first_day() {
        // Month 1 = February 2024, day 31; month 2 = March 2024, day 60.
        let p = project(0.0, &trend(TrendShape::Linear), ym(2024, 2), 2);
        assert!(p.trend.is_some() && p.trend_error.is_none() && !p.saturated);
        for (forecast, day) in p.months.iter().zip([31.0, 60.0]) {
            let (mean, lower, upper) = by_hand(day);
            close(forecast.mean, mean, EXACT);
            close_rel(forecast.lower, lower);
            close_rel(forecast.upper, upper);
        }
        close(p.months[0].mean, 21_657.142_857, EXACT);
    }

    #[test]
    fn exponential_trend_fits_log_units() {
        let fit = fit_trend(&weekly_history(), TrendShape::Exponential).unwrap();
        // Python: OLS of ln y on x.
        close(fit.intercept(), 9.206_258_172_524_159, EXACT);
        close(fit.slope_per_day(), 0.028_378_622_086_008_09, EXACT);
        close(fit.r_squared(), 0.998_313_692_506_157_4, EXACT);
        close(fit.residual_std_error(), 0.012_909_048_131_492_34, EXACT);
        close(fit.monthly_growth_pct().unwrap(), 137.209_684_743, EXACT);
        let f = fit.predict(date(2024, 2, 21), 95.0);
        close(f.mean, 42_343.402_334, EXACT);
        close_rel(f.lower, 36_207.085_499);
        close_rel(f.upper, 49_519.691_976);
    }

    #[test]
    fn narrower_confidence_gives_a_narrower_interval() {
        let fit = fit_trend(&weekly_history(), TrendShape::Linear).unwrap();
        let wide = fit.predict(date(2024, 2, 21), 95.0);
        let narrow = fit.predict(date(2024, 2, 21), 90.0);
        // t(2, 0.95) = 0.9 / √(2 × 0.95 × 0.05) = 2.919 986
        let half = 2.919_985_580_353_724 * S * (1.25 + 40.5_f64.powi(2) / 245.0).sqrt();
        close_rel(narrow.upper - narrow.mean, half);
        assert!(narrow.upper < wide.upper && narrow.lower > wide.lower);
        let point = fit.predict(date(2024, 2, 21), 0.0);
        close(point.upper, point.mean, EXACT);
        // NaN confidence means 95 %; 100 % is capped, not infinite.
        assert_eq!(fit.predict(date(2024, 2, 21), f64::NAN), wide);
        assert!(fit.predict(date(2024, 2, 21), 100.0).upper < MAX_UNITS);
    }

    #[test]
    fn confidence_is_kept_in_range_and_defaults_when_not_a_number() {
        assert_eq!(confidence(90.0), 90.0);
        assert_eq!(confidence(f64::NAN), DEFAULT_CONFIDENCE_PCT);
        assert_eq!(confidence(100.0), MAX_CONFIDENCE_PCT);
        assert_eq!(confidence(f64::INFINITY), MAX_CONFIDENCE_PCT);
        assert_eq!(confidence(-5.0), 0.0);
        // The interval an explanation names is the one the forecast was drawn at.
        let growth = Growth::Trend {
            history: weekly_history(),
            shape: TrendShape::Linear,
            confidence_pct: 250.0,
        };
        let p = project(0.0, &growth, ym(2024, 2), 1);
        let e = explain_month(0.0, &growth, ym(2024, 2), 1, &p.months[0], "requests");
        assert!(e.formula.contains("(99.9 % interval"), "{}", e.formula);
        let fit = fit_trend(&weekly_history(), TrendShape::Linear).unwrap();
        assert_eq!(
            p.months[0],
            fit.predict(date(2024, 2, 1), MAX_CONFIDENCE_PCT)
        );
    }

    #[test]
    fn unfittable_trends_name_the_problem() {
        let history = weekly_history();
        assert_eq!(
            fit_trend(&history[..2], TrendShape::Linear),
            Err(TrendError::TooFewObservations { n: 2 })
        );
        let same_day: Vec<Observation> = history
            .iter()
            .map(|o| Observation {
                date: date(2024, 1, 1),
                ..*o
            })
            .collect();
        let error = fit_trend(&same_day, TrendShape::Linear).unwrap_err();
        assert_eq!(
            error,
            TrendError::SameDate {
                date: date(2024, 1, 1)
            }
        );
        assert!(error.to_string().contains("2024-01-01"), "{error}");
        let mut with_zero = history.clone();
        with_zero[0].units = 0.0;
        assert!(fit_trend(&with_zero, TrendShape::Linear).is_ok());
        let error = fit_trend(&with_zero, TrendShape::Exponential).unwrap_err();
        assert!(matches!(error, TrendError::NonPositiveUnits { .. }));
        assert!(error.to_string().contains("above 0"), "{error}");
        let mut with_nan = history;
        with_nan[2].units = f64::NAN;
        assert!(matches!(
            fit_trend(&with_nan, TrendShape::Linear),
            Err(TrendError::UnitsOutOfRange { .. })
        ));
    }

    #[test]
    fn unfittable_trend_projects_the_baseline_flat() {
        let growth = Growth::Trend {
            history: weekly_history()[..2].to_vec(),
            shape: TrendShape::Linear,
            confidence_pct: 95.0,
        };
        let p = project(500.0, &growth, START, 3);
        assert_eq!(means(&p), [500.0; 3]);
        assert_eq!(p.trend_error, Some(TrendError::TooFewObservations { n: 2 }));
        assert!(p.trend.is_none());
        assert!(p.trend_error.unwrap().to_string().contains("at least 3"));
    }

    #[test]
    fn explains_trend_months() {
        let growth = trend(TrendShape::Linear);
        let p = project(0.0, &growth, ym(2024, 2), 1);
        let e = explain_month(0.0, &growth, ym(2024, 2), 1, &p.months[0], "requests");
        assert_eq!(
            e.sentence(),
            "21\u{202F}657 requests = 9\u{202F}700 + 385.71 × 31 days (95 % interval 18\u{202F}788–24\u{202F}527) — \
             least-squares linear trend over 4 observations (2024-01-01 to 2024-01-22)"
        );
        let growth = trend(TrendShape::Exponential);
        let p = project(0.0, &growth, ym(2024, 2), 1);
        let e = explain_month(0.0, &growth, ym(2024, 2), 1, &p.months[0], "requests");
        assert!(
            e.formula.starts_with("e^(9.21 + 0.0284 × 31 days)"),
            "{}",
            e.formula
        );
        let broken = Growth::Trend {
            history: Vec::new(),
            shape: TrendShape::Linear,
            confidence_pct: 95.0,
        };
        let e = explain_month(40.0, &broken, START, 1, &Forecast::exact(40.0), "users");
        assert!(e
            .sentence()
            .starts_with("40 users — units today, held: a trend needs"));
    }
}
