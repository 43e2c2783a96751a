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

mod advice;
mod fit;
#[cfg(test)]
mod tests;

pub use advice::{ScalingAdvice, ScalingOptions, ScalingVerdict, DEFAULT_MIN_MARGINAL_GAIN};
pub use fit::{fit, FitConstraint, UslFit, UslPoint};

use std::fmt;

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
}

fn check_concurrency(n: f64) -> Result<(), UslError> {
    if n.is_finite() && n >= 1.0 {
        Ok(())
    } else {
        Err(UslError::Concurrency)
    }
}
