//! How close a computed figure must be to its reference, in one place.
//!
//! Every test — unit tests beside the models, the engine and property tests, the golden tests of
//! the seed plans — takes its allowance from here (as statrs keeps its `prec` module), so a
//! reader sees at once how exact each kind of figure is meant to be, and no test quietly widens
//! its own. The models themselves never compare with a tolerance: their few numeric slacks
//! (rounding up 4.000000000000001 instances to 4, [`crate::sizing`]) are part of the model and
//! documented there.

use std::fmt;

/// How close a figure must be to the figure it is checked against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// |actual − expected| ≤ the bound.
    Absolute(f64),
    /// |actual − expected| ≤ the bound × max(|expected|, 1): floating-point error grows with
    /// the size of the figure.
    Relative(f64),
    /// |actual − expected| ≤ the bound × |expected|: significant digits, however small the
    /// figure (a probability of 10⁻⁷ must still agree to its ninth digit).
    Proportional(f64),
}

/// Arithmetic the engine does exactly, but for floating-point error over a handful of
/// operations (units, req/s, GB, connections, dollars): relative 10⁻⁹.
pub const EXACT: Tolerance = Tolerance::Relative(1e-9);

/// Figures that go through iterative numerics (Student-t quantiles, bisection, least squares
/// through normal equations, long recursions): relative 10⁻⁶.
pub const ITERATIVE: Tolerance = Tolerance::Relative(1e-6);

/// Values checked against an independently computed reference (exact rational arithmetic,
/// arbitrary precision): nine significant digits, however small the value.
pub const REFERENCE: Tolerance = Tolerance::Proportional(1e-9);

/// Values that agree to six significant digits, however small (fitted coefficients, interval
/// bounds recomputed by hand).
pub const SIX_DIGITS: Tolerance = Tolerance::Proportional(1e-6);

/// Reference values quoted to 3–4 significant digits (docs/models.md "Check values and tolerances"): 10⁻⁴.
pub const QUOTED: Tolerance = Tolerance::Absolute(1e-4);

/// Figures worked out by hand to three decimals: 10⁻³.
pub const HAND: Tolerance = Tolerance::Absolute(1e-3);

/// A figure printed with two decimals, or dollars to the cent: half a cent.
pub const CENT: Tolerance = Tolerance::Absolute(0.005);

/// A figure a guide prints rounded to one decimal (11.7 GB): half of its last digit.
pub const ONE_DECIMAL: Tolerance = Tolerance::Absolute(0.05);

/// A figure a guide prints as a whole number (585 requests, 45 %): half of its last digit.
pub const WHOLE: Tolerance = Tolerance::Absolute(0.5);

impl Tolerance {
    /// The largest difference allowed from `expected`.
    pub fn allowed(self, expected: f64) -> f64 {
        match self {
            Self::Absolute(bound) => bound,
            Self::Relative(bound) => bound * expected.abs().max(1.0),
            Self::Proportional(bound) => bound * expected.abs(),
        }
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Absolute(bound) => write!(f, "± {bound}"),
            Self::Relative(bound) => write!(f, "± {bound} relative"),
            Self::Proportional(bound) => write!(f, "± {bound} of the value"),
        }
    }
}

/// Whether `actual` is within `tolerance` of `expected` (never, when either is NaN).
///
/// # Example
/// ```
/// use headroom_core::tolerance::{within, CENT, EXACT};
/// assert!(within(0.1 + 0.2, 0.3, EXACT));
/// assert!(within(536.464, 536.46, CENT));
/// assert!(!within(f64::NAN, f64::NAN, CENT));
/// ```
pub fn within(actual: f64, expected: f64, tolerance: Tolerance) -> bool {
    (actual - expected).abs() <= tolerance.allowed(expected)
}

/// Panics, naming `what` and both figures, unless `actual` is within `tolerance` of
/// `expected`. For tests.
///
/// # Example
/// ```
/// use headroom_core::tolerance::{assert_close, ONE_DECIMAL};
/// assert_close("database GB, month 1", 11.7, 11.7, ONE_DECIMAL);
/// ```
#[track_caller]
pub fn assert_close(what: &str, actual: f64, expected: f64, tolerance: Tolerance) {
    assert!(
        within(actual, expected, tolerance),
        "{what}: got {actual}, expected {expected} ({tolerance}, allowed {})",
        tolerance.allowed(expected)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_tolerances_grow_with_the_figure() {
        assert_eq!(EXACT.allowed(0.5), 1e-9);
        assert!(within(EXACT.allowed(-2000.0), 2e-6, REFERENCE));
        assert_eq!(CENT.allowed(1e9), 0.005);
        assert!(within(1e9 + 0.5, 1e9, EXACT));
        assert!(!within(1.0 + 1e-8, 1.0, EXACT));
        assert!(!within(f64::INFINITY, f64::INFINITY, WHOLE));
        assert!(within(
            1.928_547_231_868_143e-7 * (1.0 + 5e-10),
            1.928_547_231_868_143e-7,
            REFERENCE
        ));
        assert!(!within(1.93e-7, 1.928_547_231_868_143e-7, REFERENCE));
    }
}
