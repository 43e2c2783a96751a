//! The Universal Scalability Law: how throughput grows, flattens and falls as instances, cores or
//! concurrent users are added.
//!
//! # Model
//!
//! Gunther, *Guerrilla Capacity Planning* (Springer, 2007), chapters 4–6:
//!
//! ```text
//! relative capacity   C(N) = N / (1 + α(N − 1) + βN(N − 1))
//! throughput          X(N) = X(1) · C(N)
//! peak                N* = √((1 − α) / β)      (none when β = 0: throughput keeps rising)
//! ```
//!
//! α (contention, 0 ≤ α ≤ 1) is the share of work that serialises on a shared resource, as in
//! Amdahl's law; β (coherency, ≥ 0) is the cost of keeping N copies consistent with each other,
//! which grows with N² and makes throughput fall past N*. α = β = 0 is linear scaling.
//!
//! # Fitting
//!
//! From measured points (N, X(N)), with X(1) measured (the point at N = 1 is required; repeated
//! measurements at N = 1 are averaged), the model is linear in α and β after the substitution
//!
//! ```text
//! x = N − 1,   y = N / C(N) − 1 = βx² + (α + β)x,   C(N) = X(N) / X(1)
//! ```
//!
//! so least squares through the origin, `y = a·x² + b·x`, gives β = a and α = b − a. When that
//! unconstrained fit leaves the physical range (α < 0 or α > 1, e.g. superlinear measurements, or
//! β < 0), the best fit within 0 ≤ α ≤ 1, β ≥ 0 is returned instead and the fit says so. See also
//! docs/models.md "Universal Scalability Law".
//!
//! Nothing here panics or returns NaN or ±∞: invalid inputs give a [`UslError`].

use std::fmt;

/// Default for [`ScalingOptions::min_marginal_gain`]: one more unit is judged worth adding while
/// it adds at least half the throughput a lone unit delivers, X(N + 1) − X(N) ≥ ½·X(1).
pub const DEFAULT_MIN_MARGINAL_GAIN: f64 = 0.5;

/// Measured throughputs all within this fraction of their mean count as flat: their spread is
/// rounding noise, and R² is not reported.
const R_SQUARED_FLAT: f64 = 1e-9;

/// Why a scalability computation was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum UslError {
    /// α is NaN or outside [0, 1].
    ContentionAlpha,
    /// β is negative, NaN or infinite.
    CoherencyBeta,
    /// X(1) is zero, negative, NaN or infinite.
    Throughput,
    /// N is below 1, NaN or infinite.
    Concurrency,
    /// A measured point has N below 1 or a throughput that is not finite and > 0.
    InvalidPoint {
        /// Position of the point in the slice given.
        index: usize,
    },
    /// Fewer than 3 distinct N among the points: two coefficients need two N other than 1.
    TooFewPoints {
        /// How many distinct N there were.
        distinct: usize,
    },
    /// No point at N = 1, which fixes X(1).
    MissingSingleUnit,
    /// A marginal-gain threshold that is negative, NaN or infinite.
    MarginalGain,
}

impl fmt::Display for UslError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ContentionAlpha => write!(f, "α must be between 0 and 1"),
            Self::CoherencyBeta => write!(f, "β must be a finite number ≥ 0"),
            Self::Throughput => write!(f, "the throughput must be a finite number > 0"),
            Self::Concurrency => write!(f, "N must be a finite number ≥ 1"),
            Self::InvalidPoint { index } => write!(
                f,
                "point {} needs N ≥ 1 and a throughput > 0, both finite",
                index + 1
            ),
            Self::TooFewPoints { distinct } => write!(
                f,
                "at least 3 different values of N are needed, got {distinct}"
            ),
            Self::MissingSingleUnit => write!(f, "a measurement at N = 1 is needed"),
            Self::MarginalGain => write!(f, "the marginal-gain threshold must be finite and ≥ 0"),
        }
    }
}

impl std::error::Error for UslError {}

/// A scalability model: contention α, coherency β and the throughput of one unit, X(1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UslModel {
    contention_alpha: f64,
    coherency_beta: f64,
    single_throughput_per_s: f64,
}

/// Where throughput peaks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UslPeak {
    /// N* = √((1 − α) / β), at least 1 (with α = 1 the peak is at N = 1).
    pub concurrency: f64,
    /// X(N*).
    pub throughput_per_s: f64,
}

impl UslModel {
    /// A model from known coefficients.
    ///
    /// # Errors
    /// [`UslError::ContentionAlpha`] unless 0 ≤ α ≤ 1; [`UslError::CoherencyBeta`] unless β is
    /// finite and ≥ 0; [`UslError::Throughput`] unless X(1) is finite and > 0.
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::UslModel;
    /// let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    /// assert_eq!(model.contention_alpha(), 0.05);
    /// assert!(UslModel::new(-0.1, 0.0, 100.0).is_err());
    /// ```
    pub fn new(
        contention_alpha: f64,
        coherency_beta: f64,
        single_throughput_per_s: f64,
    ) -> Result<Self, UslError> {
        if !(0.0..=1.0).contains(&contention_alpha) {
            return Err(UslError::ContentionAlpha);
        }
        if !(coherency_beta.is_finite() && coherency_beta >= 0.0) {
            return Err(UslError::CoherencyBeta);
        }
        if !(single_throughput_per_s.is_finite() && single_throughput_per_s > 0.0) {
            return Err(UslError::Throughput);
        }
        Ok(Self {
            contention_alpha,
            coherency_beta,
            single_throughput_per_s,
        })
    }

    /// α, the contention coefficient.
    pub fn contention_alpha(&self) -> f64 {
        self.contention_alpha
    }

    /// β, the coherency coefficient.
    pub fn coherency_beta(&self) -> f64 {
        self.coherency_beta
    }

    /// X(1), the throughput of a single unit, per second.
    pub fn single_throughput_per_s(&self) -> f64 {
        self.single_throughput_per_s
    }

    /// C(N) = N / (1 + α(N − 1) + βN(N − 1)), the speed-up over one unit.
    ///
    /// The denominator is at least 1 for N ≥ 1, so the result is finite; it tends to 0 when
    /// βN² overflows.
    ///
    /// # Errors
    /// [`UslError::Concurrency`] unless N is finite and ≥ 1.
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::UslModel;
    /// let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    /// // 10 / (1 + 0.45 + 0.09)
    /// assert!((model.relative_capacity(10.0).unwrap() - 10.0 / 1.54).abs() < 1e-12);
    /// ```
    pub fn relative_capacity(&self, n: f64) -> Result<f64, UslError> {
        check_concurrency(n)?;
        Ok(self.capacity(n))
    }

    /// X(N) = X(1) · C(N), throughput per second at N units.
    ///
    /// # Errors
    /// [`UslError::Concurrency`] unless N is finite and ≥ 1.
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::UslModel;
    /// let model = UslModel::new(0.0, 0.0, 100.0).unwrap();
    /// assert_eq!(model.throughput_per_s(8.0).unwrap(), 800.0); // linear
    /// ```
    pub fn throughput_per_s(&self, n: f64) -> Result<f64, UslError> {
        check_concurrency(n)?;
        Ok(self.throughput(n))
    }

    /// Where throughput peaks: N* = √((1 − α) / β), clamped to at least 1; `None` when β = 0
    /// (throughput rises for ever, towards X(1)/α when α > 0).
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::UslModel;
    /// let peak = UslModel::new(0.05, 0.001, 100.0).unwrap().peak().unwrap();
    /// assert!((peak.concurrency - 950f64.sqrt()).abs() < 1e-9); // ≈ 30.8
    /// assert!(UslModel::new(0.05, 0.0, 100.0).unwrap().peak().is_none());
    /// ```
    pub fn peak(&self) -> Option<UslPeak> {
        if self.coherency_beta <= 0.0 {
            return None;
        }
        // β > 0 and 1 − α ∈ [0, 1]: finite, possibly huge for a tiny β (then X(N*) ≈ 0 is
        // still finite).
        let concurrency = ((1.0 - self.contention_alpha) / self.coherency_beta)
            .sqrt()
            .clamp(1.0, f64::MAX);
        Some(UslPeak {
            concurrency,
            throughput_per_s: self.throughput(concurrency),
        })
    }

    /// C(N) for a checked N ≥ 1 (finite, or +∞ only via the clamp in `peak`).
    fn capacity(&self, n: f64) -> f64 {
        let x = n - 1.0;
        let denominator = 1.0 + self.contention_alpha * x + self.coherency_beta * n * x;
        let c = n / denominator;
        if c.is_finite() {
            c
        } else {
            0.0 // n and the denominator both overflowed: the βN² term dominates
        }
    }

    fn throughput(&self, n: f64) -> f64 {
        (self.single_throughput_per_s * self.capacity(n)).min(f64::MAX)
    }

    /// Whether adding one more unit at `options.planned_n` still pays.
    ///
    /// ```text
    /// marginal gain      ΔX = X(N + 1) − X(N)
    /// marginal fraction  ΔX / X(1)      (1 for linear scaling)
    /// PastPeak           when N ≥ N* or ΔX ≤ 0
    /// DiminishingReturns when ΔX / X(1) < min_marginal_gain
    /// Helps              otherwise
    /// ```
    ///
    /// # Errors
    /// [`UslError::Concurrency`] unless N is finite and ≥ 1; [`UslError::MarginalGain`] unless
    /// `min_marginal_gain` is finite and ≥ 0.
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::{ScalingOptions, ScalingVerdict, UslModel};
    /// let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    /// let advice = |n| model.scaling_advice(&ScalingOptions::new(n)).unwrap().verdict;
    /// assert_eq!(advice(4.0), ScalingVerdict::Helps);
    /// assert_eq!(advice(12.0), ScalingVerdict::DiminishingReturns);
    /// assert_eq!(advice(40.0), ScalingVerdict::PastPeak);
    /// ```
    pub fn scaling_advice(&self, options: &ScalingOptions) -> Result<ScalingAdvice, UslError> {
        let n = options.planned_n;
        check_concurrency(n)?;
        if !(options.min_marginal_gain.is_finite() && options.min_marginal_gain >= 0.0) {
            return Err(UslError::MarginalGain);
        }
        let throughput_per_s = self.throughput(n);
        let next_throughput_per_s = self.throughput(n + 1.0);
        let marginal_gain_per_s = next_throughput_per_s - throughput_per_s;
        let marginal_gain_fraction = marginal_gain_per_s / self.single_throughput_per_s;
        let peak = self.peak();
        let past_peak = peak.is_some_and(|p| n >= p.concurrency) || marginal_gain_per_s <= 0.0;
        let verdict = if past_peak {
            ScalingVerdict::PastPeak
        } else if marginal_gain_fraction < options.min_marginal_gain {
            ScalingVerdict::DiminishingReturns
        } else {
            ScalingVerdict::Helps
        };
        Ok(ScalingAdvice {
            planned_n: n,
            throughput_per_s,
            next_throughput_per_s,
            marginal_gain_per_s,
            marginal_gain_fraction,
            peak,
            verdict,
        })
    }
}

fn check_concurrency(n: f64) -> Result<(), UslError> {
    if n.is_finite() && n >= 1.0 {
        Ok(())
    } else {
        Err(UslError::Concurrency)
    }
}

/// Inputs to [`UslModel::scaling_advice`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalingOptions {
    /// N, the planned number of instances, cores or concurrent users (≥ 1).
    pub planned_n: f64,
    /// Below this fraction of X(1), one more unit is judged not worth it; see
    /// [`DEFAULT_MIN_MARGINAL_GAIN`].
    pub min_marginal_gain: f64,
}

impl ScalingOptions {
    /// Options for `planned_n` with the default threshold, [`DEFAULT_MIN_MARGINAL_GAIN`].
    pub fn new(planned_n: f64) -> Self {
        Self {
            planned_n,
            min_marginal_gain: DEFAULT_MIN_MARGINAL_GAIN,
        }
    }
}

/// Whether adding a unit still helps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalingVerdict {
    /// One more unit adds at least the threshold share of X(1).
    Helps,
    /// Throughput still rises, but by less than the threshold share of X(1).
    DiminishingReturns,
    /// At or past N*: one more unit adds nothing or lowers throughput.
    PastPeak,
}

impl ScalingVerdict {
    /// In words, as the timeline writes it: "helps", "diminishing returns", "past the peak".
    pub fn words(self) -> &'static str {
        match self {
            ScalingVerdict::Helps => "helps",
            ScalingVerdict::DiminishingReturns => "diminishing returns",
            ScalingVerdict::PastPeak => "past the peak",
        }
    }
}

/// The answer of [`UslModel::scaling_advice`], with its working.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalingAdvice {
    /// N.
    pub planned_n: f64,
    /// X(N), per second.
    pub throughput_per_s: f64,
    /// X(N + 1), per second.
    pub next_throughput_per_s: f64,
    /// X(N + 1) − X(N), per second (negative past the peak).
    pub marginal_gain_per_s: f64,
    /// (X(N + 1) − X(N)) / X(1).
    pub marginal_gain_fraction: f64,
    /// The peak, if β > 0.
    pub peak: Option<UslPeak>,
    /// The judgement.
    pub verdict: ScalingVerdict,
}

/// One measurement: throughput at N units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UslPoint {
    /// N, instances, cores or concurrent users (≥ 1).
    pub n: f64,
    /// X(N), measured throughput per second (> 0).
    pub throughput_per_s: f64,
}

/// Which constraint the fitted coefficients were held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FitConstraint {
    /// The least-squares fit was within 0 ≤ α ≤ 1, β ≥ 0: used as is.
    None,
    /// The least-squares fit was outside the physical range; the best fit on its edge is used.
    Clamped,
}

/// A model fitted to measurements.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UslFit {
    /// The fitted model (α, β within range).
    pub model: UslModel,
    /// α from the unconstrained least-squares fit, before any clamping (may be < 0 or > 1).
    pub unconstrained_alpha: f64,
    /// β from the unconstrained least-squares fit, before any clamping (may be < 0).
    pub unconstrained_beta: f64,
    /// Whether the coefficients had to be held in range.
    pub constraint: FitConstraint,
    /// R² of the fitted throughput against the measured throughput, 1 − SSE/SST; `None` when every
    /// measured throughput is the same (to within 1 part in 10⁹), so SST is only rounding noise.
    pub r_squared: Option<f64>,
}

/// Fits α and β to measured points by least squares on the linearised model.
///
/// ```text
/// X(1) = mean throughput of the points at N = 1
/// x = N − 1,  y = N·X(1)/X(N) − 1
/// [Σx⁴ Σx³] [a]   [Σx²y]
/// [Σx³ Σx²] [b] = [Σxy ]      β = a,  α = b − a
/// ```
///
/// If α or β falls outside 0 ≤ α ≤ 1, β ≥ 0, the least-squares optimum within that range is used
/// (it lies on an edge: α = 0, α = 1 or β = 0, each fitted in one variable and clamped), and
/// [`UslFit::constraint`] is [`FitConstraint::Clamped`]. The sums are taken over x scaled by its
/// largest value, to keep the normal equations well conditioned.
///
/// # Errors
/// [`UslError::InvalidPoint`] for a point with N < 1 (including N ≤ 0) or a throughput that is not
/// finite and > 0; [`UslError::TooFewPoints`] with fewer than 3 distinct N;
/// [`UslError::MissingSingleUnit`] without a point at N = 1.
///
/// # Example
/// ```
/// use headroom_core::usl::{fit, UslModel, UslPoint};
/// let truth = UslModel::new(0.05, 0.001, 100.0).unwrap();
/// let points: Vec<UslPoint> = [1.0, 2.0, 4.0, 8.0, 16.0]
///     .iter()
///     .map(|&n| UslPoint { n, throughput_per_s: truth.throughput_per_s(n).unwrap() })
///     .collect();
/// let fitted = fit(&points).unwrap().model;
/// assert!((fitted.contention_alpha() - 0.05).abs() < 1e-9);
/// assert!((fitted.coherency_beta() - 0.001).abs() < 1e-9);
/// ```
pub fn fit(points: &[UslPoint]) -> Result<UslFit, UslError> {
    for (index, point) in points.iter().enumerate() {
        let n_ok = point.n.is_finite() && point.n >= 1.0;
        let x_ok = point.throughput_per_s.is_finite() && point.throughput_per_s > 0.0;
        if !(n_ok && x_ok) {
            return Err(UslError::InvalidPoint { index });
        }
    }
    let mut distinct: Vec<f64> = points.iter().map(|p| p.n).collect();
    crate::sort::stable_sort_by(&mut distinct, &f64::total_cmp);
    distinct.dedup();
    if distinct.len() < 3 {
        return Err(UslError::TooFewPoints {
            distinct: distinct.len(),
        });
    }
    let singles: Vec<f64> = points
        .iter()
        .filter(|p| p.n == 1.0)
        .map(|p| p.throughput_per_s)
        .collect();
    if singles.is_empty() {
        return Err(UslError::MissingSingleUnit);
    }
    let single_throughput_per_s = mean(&singles);

    // Linearised data, x scaled to at most 1. Finite: N finite ≥ 1, throughputs finite > 0.
    let largest_x = distinct[distinct.len() - 1] - 1.0; // > 0: at least 3 distinct N ≥ 1
    let data: Vec<(f64, f64)> = points
        .iter()
        .map(|p| {
            let x = (p.n - 1.0) / largest_x;
            let relative = p.throughput_per_s / single_throughput_per_s;
            (x, clamp_finite(p.n / relative - 1.0))
        })
        .collect();

    let (unconstrained_alpha, unconstrained_beta) = unconstrained(&data, largest_x);
    let in_range = (0.0..=1.0).contains(&unconstrained_alpha) && unconstrained_beta >= 0.0;
    let (alpha, beta, constraint) = if in_range {
        (unconstrained_alpha, unconstrained_beta, FitConstraint::None)
    } else {
        let (alpha, beta) = constrained(&data, largest_x);
        (alpha, beta, FitConstraint::Clamped)
    };
    let model = UslModel {
        contention_alpha: alpha,
        coherency_beta: beta,
        single_throughput_per_s,
    };
    Ok(UslFit {
        model,
        unconstrained_alpha,
        unconstrained_beta,
        constraint,
        r_squared: r_squared(&model, points),
    })
}

fn mean(values: &[f64]) -> f64 {
    // Each value is finite; divide first so the sum cannot overflow.
    let n = values.len() as f64;
    values.iter().map(|v| v / n).sum()
}

fn clamp_finite(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(-f64::MAX, f64::MAX)
    }
}

/// Least squares of y = a·x² + b·x on scaled x (x = (N − 1)/s), returned as (α, β) in
/// unscaled terms: β = a/s², α = b/s − β.
fn unconstrained(data: &[(f64, f64)], scale: f64) -> (f64, f64) {
    let (mut s2, mut s3, mut s4, mut sxy, mut sx2y) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y) in data {
        let x2 = x * x;
        s2 += x2;
        s3 += x2 * x;
        s4 += x2 * x2;
        sxy += x * y;
        sx2y += x2 * y;
    }
    // Two distinct x > 0 make the determinant > 0 (Cauchy–Schwarz); guard rounding anyway.
    let determinant = s4 * s2 - s3 * s3;
    if determinant.is_nan() || determinant <= 0.0 {
        return (0.0, 0.0);
    }
    let a = (sx2y * s2 - s3 * sxy) / determinant;
    let b = (s4 * sxy - s3 * sx2y) / determinant;
    let beta = clamp_finite(a / (scale * scale));
    let alpha = clamp_finite(b / scale - beta);
    (alpha, beta)
}

/// The least-squares optimum with 0 ≤ α ≤ 1 and β ≥ 0, when the unconstrained one is outside.
///
/// In terms of (α, β) the model is y = α·x + β·(x² + x): the squared error is a convex quadratic,
/// so its minimum over the region lies on an edge. On each edge it is a one-variable least-squares
/// fit, clamped to the edge; the best of the three edges wins.
fn constrained(data: &[(f64, f64)], scale: f64) -> (f64, f64) {
    // Unscaled regressors: x and x² + x.
    let rows: Vec<(f64, f64, f64)> = data
        .iter()
        .map(|&(x, y)| {
            let x = x * scale;
            (x, x * x + x, y)
        })
        .collect();
    let one_variable = |regressor: &dyn Fn(&(f64, f64, f64)) -> f64,
                        offset: &dyn Fn(&(f64, f64, f64)) -> f64| {
        // Least squares of (y − offset) = k · regressor.
        let (mut num, mut den) = (0.0, 0.0);
        for row in &rows {
            let r = regressor(row);
            num += r * (row.2 - offset(row));
            den += r * r;
        }
        if den > 0.0 {
            clamp_finite(num / den)
        } else {
            0.0
        }
    };
    // β = 0: y = α·x.
    let alpha_only = one_variable(&|r| r.0, &|_| 0.0).clamp(0.0, 1.0);
    // α = 0: y = β·(x² + x).
    let beta_only = one_variable(&|r| r.1, &|_| 0.0).max(0.0);
    // α = 1: y − x = β·(x² + x).
    let beta_at_full_contention = one_variable(&|r| r.1, &|r| r.0).max(0.0);
    let candidates = [
        (alpha_only, 0.0),
        (0.0, beta_only),
        (1.0, beta_at_full_contention),
    ];
    let error = |(alpha, beta): (f64, f64)| -> f64 {
        rows.iter()
            .map(|&(x, u, y)| {
                let residual = y - alpha * x - beta * u;
                residual * residual
            })
            .sum()
    };
    candidates
        .into_iter()
        .min_by(|a, b| error(*a).total_cmp(&error(*b)))
        .unwrap_or((0.0, 0.0))
}

/// 1 − SSE/SST on the throughput scale; `None` when the measurements are flat (see
/// [`R_SQUARED_FLAT`]) or the sums are not finite.
fn r_squared(model: &UslModel, points: &[UslPoint]) -> Option<f64> {
    let measured: Vec<f64> = points.iter().map(|p| p.throughput_per_s).collect();
    let average = mean(&measured);
    let total: f64 = measured.iter().map(|x| (x - average).powi(2)).sum();
    let residual: f64 = points
        .iter()
        .map(|p| (p.throughput_per_s - model.throughput(p.n)).powi(2))
        .sum();
    // Throughputs equal to within rounding leave SST as noise: R² says nothing then.
    let noise = measured.len() as f64 * (R_SQUARED_FLAT * average).powi(2);
    let value = 1.0 - residual / total;
    (total > noise && value.is_finite()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Coefficients recovered from exact model points are EXACT (only rounding separates
    // them); figures worked by hand are checked to HAND.
    use crate::tolerance::{assert_close, within, EXACT, HAND, ITERATIVE, ONE_DECIMAL, SIX_DIGITS};

    fn points_from(model: &UslModel, ns: &[f64]) -> Vec<UslPoint> {
        ns.iter()
            .map(|&n| UslPoint {
                n,
                throughput_per_s: model.throughput_per_s(n).unwrap(),
            })
            .collect()
    }

    fn point(n: f64, throughput_per_s: f64) -> UslPoint {
        UslPoint {
            n,
            throughput_per_s,
        }
    }

    #[test]
    fn hand_checked_capacity_and_peak() {
        let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
        // N* = √(0.95 / 0.001) = √950 = 30.822…
        let peak = model.peak().unwrap();
        assert_close("peak.concurrency", peak.concurrency, 30.822, HAND);
        // C(N*) = 30.822 / (1 + 0.05 × 29.822 + 0.001 × 30.822 × 29.822) = 30.822 / 3.4103
        //       = 9.038, so X(N*) = 903.8 /s.
        assert_close(
            "peak.throughput_per_s",
            peak.throughput_per_s,
            903.8,
            ONE_DECIMAL,
        );
        // C(2) = 2 / (1 + 0.05 + 0.002) = 1.9011.
        assert_close(
            "model.relative_capacity(2.0).unwrap()",
            model.relative_capacity(2.0).unwrap(),
            1.9011,
            HAND,
        );
        // C(1) = 1 always.
        assert_eq!(model.relative_capacity(1.0).unwrap(), 1.0);
        // Beyond the peak, throughput falls.
        assert!(model.throughput_per_s(60.0).unwrap() < peak.throughput_per_s);
    }

    #[test]
    fn recovers_known_coefficients() {
        for (alpha, beta) in [
            (0.05, 0.001),
            (0.2, 0.0),
            (0.0, 0.01),
            (0.5, 0.02),
            (1.0, 0.0),
        ] {
            let truth = UslModel::new(alpha, beta, 250.0).unwrap();
            let points = points_from(&truth, &[1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 32.0]);
            let fitted = fit(&points).unwrap();
            assert!(
                within(fitted.model.contention_alpha(), alpha, EXACT),
                "α: {fitted:?}"
            );
            assert!(
                within(fitted.model.coherency_beta(), beta, EXACT),
                "β: {fitted:?}"
            );
            assert_eq!(fitted.model.single_throughput_per_s(), 250.0);
            assert!(
                fitted.r_squared.is_none_or(|r| within(r, 1.0, EXACT)),
                "{fitted:?}"
            );
        }
    }

    #[test]
    fn recovers_coefficients_at_large_n() {
        let truth = UslModel::new(0.01, 1e-6, 10.0).unwrap();
        let points = points_from(&truth, &[1.0, 100.0, 1_000.0, 10_000.0, 100_000.0]);
        let fitted = fit(&points).unwrap().model;
        assert_close(
            "fitted.contention_alpha()",
            fitted.contention_alpha(),
            0.01,
            EXACT,
        );
        assert_close("β", fitted.coherency_beta(), 1e-6, SIX_DIGITS);
    }

    #[test]
    fn linear_scaling_fits_zero_coefficients() {
        let points: Vec<UslPoint> = [1.0, 2.0, 4.0, 8.0]
            .iter()
            .map(|&n| point(n, 50.0 * n))
            .collect();
        let fitted = fit(&points).unwrap();
        assert_close("α", fitted.model.contention_alpha(), 0.0, EXACT);
        assert_close("β", fitted.model.coherency_beta(), 0.0, EXACT);
        assert_eq!(fitted.constraint, FitConstraint::None);
        assert!(fitted.model.peak().is_none());
        assert_close(
            "fitted.r_squared.unwrap()",
            fitted.r_squared.unwrap(),
            1.0,
            EXACT,
        );
    }

    #[test]
    fn superlinear_measurements_are_clamped_and_reported() {
        // Throughput more than doubles per doubling: α and β would be negative.
        let points = [
            point(1.0, 100.0),
            point(2.0, 210.0),
            point(4.0, 450.0),
            point(8.0, 1_000.0),
        ];
        let fitted = fit(&points).unwrap();
        assert_eq!(fitted.constraint, FitConstraint::Clamped);
        assert!(fitted.unconstrained_alpha < 0.0 || fitted.unconstrained_beta < 0.0);
        assert_eq!(fitted.model.contention_alpha(), 0.0);
        assert_eq!(fitted.model.coherency_beta(), 0.0);
    }

    #[test]
    fn negative_coherency_is_refitted_with_contention_alone() {
        // Amdahl-like data with a slight upward bend at the end: β < 0 unconstrained.
        let truth = UslModel::new(0.1, 0.0, 100.0).unwrap();
        let mut points = points_from(&truth, &[1.0, 2.0, 4.0, 8.0, 16.0]);
        points[4].throughput_per_s *= 1.05;
        let fitted = fit(&points).unwrap();
        assert!(fitted.unconstrained_beta < 0.0, "{fitted:?}");
        assert_eq!(fitted.constraint, FitConstraint::Clamped);
        assert_eq!(fitted.model.coherency_beta(), 0.0);
        let alpha = fitted.model.contention_alpha();
        assert!(alpha > 0.05 && alpha < 0.1, "{alpha}");
    }

    #[test]
    fn falling_throughput_clamps_contention_at_one() {
        // Each unit added slows everything down: α > 1 unconstrained.
        let points = [point(1.0, 100.0), point(2.0, 40.0), point(3.0, 20.0)];
        let fitted = fit(&points).unwrap();
        assert_eq!(fitted.constraint, FitConstraint::Clamped);
        assert!(fitted.model.contention_alpha() <= 1.0);
        assert!(fitted.model.coherency_beta() >= 0.0);
        let peak = fitted.model.peak().unwrap();
        assert_eq!(peak.concurrency, 1.0);
    }

    #[test]
    fn repeated_single_unit_measurements_are_averaged() {
        let points = [
            point(1.0, 90.0),
            point(1.0, 110.0),
            point(2.0, 200.0),
            point(4.0, 400.0),
        ];
        let fitted = fit(&points).unwrap().model;
        assert_eq!(fitted.single_throughput_per_s(), 100.0);
        assert_close("α", fitted.contention_alpha(), 0.0, EXACT);
    }

    #[test]
    fn invalid_fits_are_rejected() {
        let good = [point(1.0, 100.0), point(2.0, 190.0), point(4.0, 350.0)];
        assert!(fit(&good).is_ok());
        assert_eq!(fit(&good[..2]), Err(UslError::TooFewPoints { distinct: 2 }));
        assert_eq!(
            fit(&[good[0], good[1], good[1], good[0]]),
            Err(UslError::TooFewPoints { distinct: 2 })
        );
        assert_eq!(fit(&[]), Err(UslError::TooFewPoints { distinct: 0 }));
        assert_eq!(
            fit(&[point(2.0, 1.0), point(3.0, 1.0), point(4.0, 1.0)]),
            Err(UslError::MissingSingleUnit)
        );
        for bad in [
            point(0.0, 1.0),
            point(-1.0, 1.0),
            point(0.5, 1.0),
            point(f64::NAN, 1.0),
            point(f64::INFINITY, 1.0),
            point(3.0, 0.0),
            point(3.0, -5.0),
            point(3.0, f64::NAN),
            point(3.0, f64::INFINITY),
        ] {
            let mut points = good.to_vec();
            points.push(bad);
            assert_eq!(fit(&points), Err(UslError::InvalidPoint { index: 3 }));
        }
    }

    #[test]
    fn invalid_models_and_queries_are_rejected() {
        assert_eq!(UslModel::new(1.5, 0.0, 1.0), Err(UslError::ContentionAlpha));
        assert_eq!(
            UslModel::new(f64::NAN, 0.0, 1.0),
            Err(UslError::ContentionAlpha)
        );
        assert_eq!(UslModel::new(0.0, -1e-9, 1.0), Err(UslError::CoherencyBeta));
        assert_eq!(
            UslModel::new(0.0, f64::INFINITY, 1.0),
            Err(UslError::CoherencyBeta)
        );
        assert_eq!(UslModel::new(0.0, 0.0, 0.0), Err(UslError::Throughput));
        let model = UslModel::new(0.1, 0.01, 10.0).unwrap();
        assert_eq!(model.relative_capacity(0.5), Err(UslError::Concurrency));
        assert_eq!(model.throughput_per_s(f64::NAN), Err(UslError::Concurrency));
        assert_eq!(
            model.scaling_advice(&ScalingOptions {
                planned_n: 4.0,
                min_marginal_gain: -0.1
            }),
            Err(UslError::MarginalGain)
        );
    }

    #[test]
    fn scaling_advice_by_hand() {
        let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
        // N = 5: X(5) = 500 / 1.22 = 409.84, X(6) = 600 / 1.28 = 468.75, gain 58.9 /s = 0.589 X(1).
        let advice = model.scaling_advice(&ScalingOptions::new(5.0)).unwrap();
        assert_close(
            "advice.throughput_per_s",
            advice.throughput_per_s,
            409.836,
            HAND,
        );
        assert_close(
            "advice.next_throughput_per_s",
            advice.next_throughput_per_s,
            468.75,
            HAND,
        );
        assert_close(
            "advice.marginal_gain_fraction",
            advice.marginal_gain_fraction,
            0.58914,
            HAND,
        );
        assert_eq!(advice.verdict, ScalingVerdict::Helps);
        // N = 10: X(10) = 1000 / 1.54 = 649.35, X(11) = 1100 / 1.61 = 683.23: gain 0.339 X(1).
        let advice = model.scaling_advice(&ScalingOptions::new(10.0)).unwrap();
        assert_close(
            "advice.marginal_gain_fraction",
            advice.marginal_gain_fraction,
            0.33882,
            HAND,
        );
        assert_eq!(advice.verdict, ScalingVerdict::DiminishingReturns);
        // A lower threshold accepts it.
        let lenient = ScalingOptions {
            planned_n: 10.0,
            min_marginal_gain: 0.25,
        };
        assert_eq!(
            model.scaling_advice(&lenient).unwrap().verdict,
            ScalingVerdict::Helps
        );
        // N = 30 < N* = 30.8: X(31) − X(30) is still (barely) positive.
        let advice = model.scaling_advice(&ScalingOptions::new(30.0)).unwrap();
        assert!(advice.marginal_gain_per_s > 0.0);
        assert_eq!(advice.verdict, ScalingVerdict::DiminishingReturns);
        // N = 31 ≥ N*: past the peak.
        let advice = model.scaling_advice(&ScalingOptions::new(31.0)).unwrap();
        assert!(advice.marginal_gain_per_s < 0.0);
        assert_eq!(advice.verdict, ScalingVerdict::PastPeak);
    }

    #[test]
    fn linear_scaling_always_helps() {
        let model = UslModel::new(0.0, 0.0, 100.0).unwrap();
        for n in [1.0, 10.0, 1e6] {
            let advice = model.scaling_advice(&ScalingOptions::new(n)).unwrap();
            assert_eq!(advice.verdict, ScalingVerdict::Helps);
            assert_close(
                "advice.marginal_gain_fraction",
                advice.marginal_gain_fraction,
                1.0,
                ITERATIVE,
            );
            assert!(advice.peak.is_none());
        }
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let model = UslModel::new(0.0, f64::MAX, f64::MAX).unwrap();
        for n in [1.0, 2.0, 1e300, f64::MAX] {
            let c = model.relative_capacity(n).unwrap();
            assert!(c.is_finite(), "C({n}) = {c}");
            let x = model.throughput_per_s(n).unwrap();
            assert!(x.is_finite(), "X({n}) = {x}");
        }
        let tiny_beta = UslModel::new(0.0, f64::MIN_POSITIVE, 1.0).unwrap();
        let peak = tiny_beta.peak().unwrap();
        assert!(peak.concurrency.is_finite() && peak.throughput_per_s.is_finite());
        let advice = tiny_beta
            .scaling_advice(&ScalingOptions::new(f64::MAX))
            .unwrap();
        assert!(advice.marginal_gain_per_s.is_finite());
        assert!(advice.marginal_gain_fraction.is_finite());
    }
}
