//! Quantities whose unit a bare `f64` would not say, made once, where a plan is validated.
//!
//! A plan states shares in percent (`discount_pct: 30`), as people write them; the models
//! compute with fractions (0.3). [`Share`] is such a fraction, always within 0–1, so a model
//! that takes one neither divides by 100 nor checks for NaN or a negative share again.
//! Memory is `_mb` (decimal megabytes, 10⁶ bytes) in the plan and the models, as catalogs
//! state it, and [`MiB`] (mebibytes, 2²⁰ bytes) in the deployment exports, as container
//! limits and Redis's `maxmemory` take it; [`MiB::of_mb`] is the one way between them.

use serde::Serialize;

/// A share of a whole, 0–1 (0.3 for 30 %): a discount, the share of instances kept off hours.
///
/// # Example
/// ```
/// use headroom_core::units::Share;
/// let discount = Share::of_pct(30.0).unwrap();
/// assert_eq!(discount.get(), 0.3);
/// assert_eq!(Share::of_pct(120.0), None);
/// assert_eq!(Share::of_pct(f64::NAN), None);
/// // A trigger: at least 1 %, 80 % when not a number.
/// assert_eq!(Share::of_pct_at_least(f64::NAN, 1.0, 80.0).get(), 0.8);
/// assert_eq!(Share::of_pct_at_least(0.0, 1.0, 80.0).get(), 0.01);
/// assert_eq!(Share::of_pct_at_least(-5.0, 0.0, 100.0), Share::NONE);
/// assert_eq!(Share::of_pct_at_least(150.0, 0.0, 100.0), Share::ALL);
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

    /// `pct` percent as a share, brought within `lowest_pct`–100 % (`fallback_pct` when it is
    /// not a number): the one way a model's percentage becomes a share, whether validation
    /// checked it or not (a model's own defaults, a test's input). `lowest_pct` is above 0 for
    /// a share something is divided by (a trigger, a target utilisation).
    pub fn of_pct_at_least(pct: f64, lowest_pct: f64, fallback_pct: f64) -> Self {
        let pct = if pct.is_nan() { fallback_pct } else { pct };
        // max and min, not clamp: its check of the bounds would bring float formatting in.
        Self(pct.max(lowest_pct).min(100.0) / 100.0)
    }

    /// The fraction, 0–1.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A month of the plan, numbered from 1: month 1 starts on the plan's start date, as every
/// table, chart, link and plan file numbers it ("today" is month 0, which no result has). In a
/// list of months, month 1 is at index 0: [`PlanMonth::index`] and [`PlanMonth::of_index`] are
/// the way between the two. Results carry their months as this; what a person picks (the
/// month on show, a plan file's month numbers) stays the number they gave, held to the plan
/// by `selection`.
///
/// # Example
/// ```
/// use headroom_core::units::PlanMonth;
/// let m = PlanMonth::of_index(11);
/// assert_eq!((m.number(), m.index()), (12, 11));
/// assert_eq!(PlanMonth::new(12), Some(m));
/// assert_eq!(PlanMonth::new(0), None);
/// assert!(m == 12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PlanMonth(u32);

impl PlanMonth {
    /// Month 1.
    pub const FIRST: Self = Self(1);

    /// Month `number`, or `None` for 0.
    pub fn new(number: u32) -> Option<Self> {
        (number >= 1).then_some(Self(number))
    }

    /// The month at `index` in a list with month 1 first (the largest month for an index
    /// beyond it).
    pub fn of_index(index: usize) -> Self {
        Self(u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1)))
    }

    /// The month's number, from 1.
    pub fn number(self) -> u32 {
        self.0
    }

    /// The month's place in a list with month 1 first.
    pub fn index(self) -> usize {
        // At least 1: made by `new` or `of_index`.
        (self.0 - 1) as usize
    }
}

/// The month's number: "month 7".
impl std::fmt::Display for PlanMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl From<PlanMonth> for u32 {
    fn from(month: PlanMonth) -> u32 {
        month.0
    }
}

impl From<PlanMonth> for i64 {
    fn from(month: PlanMonth) -> i64 {
        i64::from(month.0)
    }
}

/// A month compared with a month number (the one on show, a plan file's).
impl PartialEq<u32> for PlanMonth {
    fn eq(&self, number: &u32) -> bool {
        self.0 == *number
    }
}

/// Memory in whole mebibytes (2²⁰ bytes), as container limits ("512Mi", Compose "512M") and
/// Redis's `maxmemory 512mb` take it.
///
/// # Example
/// ```
/// use headroom_core::units::MiB;
/// assert_eq!(MiB::of_mb(8000.0), MiB(7629)); // 8 GB as a catalog states it
/// assert_eq!(MiB::of_mb(1.0), MiB(0));
/// assert_eq!(MiB::of_mb(f64::NAN), MiB(0));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct MiB(pub u64);

impl MiB {
    /// Decimal megabytes (10⁶ bytes) as whole mebibytes, rounded down (never above what was
    /// asked for); 0 for what is not a number or below 0, saturating for absurd values.
    pub fn of_mb(mb: f64) -> Self {
        let value = (mb * BYTES_PER_MB / BYTES_PER_MIB).floor();
        if value.is_finite() && value >= 0.0 {
            Self(value as u64)
        } else {
            Self(0)
        }
    }
}

/// Bytes in a decimal megabyte and in a mebibyte.
const BYTES_PER_MB: f64 = 1e6;
const BYTES_PER_MIB: f64 = 1_048_576.0;
