//! Fitting α and β to measured points by least squares on the linearised model, with how
//! well the fit explains them (R²).

use super::{UslError, UslModel};

/// Measured throughputs all within this fraction of their mean count as flat: their spread is
/// rounding noise, and R² is not reported.
const R_SQUARED_FLAT: f64 = 1e-9;

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
