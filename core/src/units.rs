//! Quantities whose unit a bare `f64` would not say, made once, where a plan is validated.
//!
//! A plan states shares in percent (`discount_pct: 30`), as people write them; the models
//! compute with fractions (0.3). [`Share`] is such a fraction, always within 0–1, so a model
//! that takes one neither divides by 100 nor checks for NaN or a negative share again.
//! Memory is `_mb` (decimal megabytes, 10⁶ bytes) in the plan and the models and `_mib`
//! (mebibytes, 2²⁰ bytes) in the exports; see `redis.rs` and `export/deployment.rs`.

use serde::Serialize;

/// A share of a whole, 0–1 (0.3 for 30 %): a discount, the share of instances kept off hours.
///
/// # Example
/// ```
/// use headroom_core::units::Share;
/// let discount = Share::of_pct(30.0).unwrap();
/// assert_eq!(discount.get(), 0.3);
/// assert_eq!(discount.rest().get(), 0.7);
/// assert_eq!(Share::of_pct(120.0), None);
/// assert_eq!(Share::of_pct(f64::NAN), None);
/// assert_eq!(Share::of_pct_within(f64::NAN, Share::ALL), Share::ALL);
/// assert_eq!(Share::of_pct_within(-5.0, Share::ALL), Share::NONE);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Share(f64);

impl Share {
    /// Nothing: 0 %.
    pub const NONE: Self = Self(0.0);
    /// All of it: 100 %.
    pub const ALL: Self = Self(1.0);

    /// `fraction` (0–1) as a share, or `None` when it is not a number within 0–1.
    pub fn new(fraction: f64) -> Option<Self> {
        (0.0..=1.0).contains(&fraction).then_some(Self(fraction))
    }

    /// `pct` percent as a share, or `None` when it is not a number within 0–100.
    pub fn of_pct(pct: f64) -> Option<Self> {
        Self::new(pct / 100.0)
    }

    /// `pct` percent as a share, brought within 0–100 % (`fallback` when it is not a number):
    /// for figures no validation has checked (a model's own defaults, a test's input).
    pub fn of_pct_within(pct: f64, fallback: Self) -> Self {
        if pct.is_nan() {
            fallback
        } else {
            Self(pct.clamp(0.0, 100.0) / 100.0)
        }
    }

    /// The fraction, 0–1.
    pub fn get(self) -> f64 {
        self.0
    }

    /// What is left of the whole: 1 − the share.
    pub fn rest(self) -> Self {
        Self(1.0 - self.0)
    }
}
