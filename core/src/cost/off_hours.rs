//! **Off-hours scale-down** (the café guide: full capacity 8 AM–8 PM, half the instances
//! otherwise and on weekends):
//!
//! ```text
//! reduced hours per week = (24 − business_hours) × 5 + (48 if weekends are reduced,
//!                                                       else (24 − business_hours) × 2)
//! reduced fraction       = reduced hours ÷ 168
//! instances kept         = max(1, ⌈instances × off_hours_share⌉)   (never more than instances)
//! saving per month       = (instances − kept) × price × reduced fraction
//! ```

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::OffHoursPolicy;
use crate::tiers::{ceil_count, pct_fraction, supply_amount};
use serde::Serialize;

/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;

/// Weekdays in a week.
const WEEKDAYS: f64 = 5.0;

/// Weekend hours in a week.
const WEEKEND_HOURS: f64 = 48.0;

/// What scaling down outside business hours saves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OffHoursSaving {
    /// Hours per week at the reduced level.
    pub reduced_hours_per_week: f64,
    /// Reduced hours over the 168 hours of a week, 0–1.
    pub reduced_fraction: f64,
    /// Instances kept running off hours.
    pub instances_kept: u64,
    /// Saving, USD per month.
    pub saving_usd_per_month: f64,
    /// Instances sized for.
    pub instances: u64,
    /// On-demand price of one instance, USD per month (after the safety rules).
    pub unit_usd_per_month: f64,
    /// Business hours per weekday (after the safety rules).
    pub business_hours_per_weekday: f64,
    /// Whether weekends run at the reduced level.
    pub weekends_reduced: bool,
    /// Share of the instances kept off hours, as a fraction.
    pub off_hours_share: f64,
}

impl OffHoursSaving {
    /// The working: "$76.63/month saved = (4 − 2) × $59.6 × 108 h ÷ 168 h = …".
    ///
    /// # Example
    /// ```
    /// use headroom_core::{cost::off_hours_saving, plan::OffHoursPolicy};
    /// let policy = OffHoursPolicy { enabled: true, business_hours_per_weekday: 12.0,
    ///     weekends_reduced: true, off_hours_share_pct: 50.0 };
    /// let usd = headroom_core::currency::USD;
    /// assert_eq!(off_hours_saving(4, 59.6, &policy).explain(usd).figure, "$76.63/month saved");
    /// ```
    pub fn explain(&self, currency: Currency) -> Explanation {
        let money = |x| format::money(x, currency);
        let instances = self.instances;
        let instances_kept = self.instances_kept;
        let off_per_weekday = 24.0 - self.business_hours_per_weekday;
        let weekend_words = if self.weekends_reduced {
            "48 h".to_owned()
        } else {
            format!("{} h × 2", format::number(off_per_weekday))
        };
        Explanation::new(format!("{}/month saved", money(self.saving_usd_per_month)))
            .formula(format!(
                "({instances} − {instances_kept}) × {} × {} h ÷ 168 h = {}; reduced hours = \
                 (24 − {}) × 5 + {weekend_words}",
                money(self.unit_usd_per_month),
                format::number(self.reduced_hours_per_week),
                money(self.saving_usd_per_month),
                format::number(self.business_hours_per_weekday)
            ))
            .input("instances", instances.to_string())
            .input(
                "business hours per weekday",
                format::with_unit(self.business_hours_per_weekday, "h"),
            )
            .input(
                "weekends reduced",
                if self.weekends_reduced { "yes" } else { "no" },
            )
            .input(
                "share kept off hours",
                format::percent(self.off_hours_share),
            )
            .binding(format!(
                "{instances_kept} instances kept = max(1, ⌈{instances} × {}⌉) for {} of the week",
                format::percent(self.off_hours_share),
                format::percent(self.reduced_fraction)
            ))
    }
}

/// Saving from running fewer of `instances` outside business hours.
///
/// Formula in the module documentation. Business hours are clamped to 0–24 (24 when not a
/// number: no off hours), the share kept to 0–100 % (100 % when not a number: nothing saved).
/// Like [`commitment_advice`](super::commitment_advice), the figure is what enabling it would save; `policy.enabled` is
/// left to the caller.
///
/// # Example
/// ```
/// use headroom_core::{cost::off_hours_saving, plan::OffHoursPolicy};
/// // The café guide: 8 AM–8 PM, weekends reduced, half the instances off hours.
/// let policy = OffHoursPolicy { enabled: true, business_hours_per_weekday: 12.0,
///     weekends_reduced: true, off_hours_share_pct: 50.0 };
/// let s = off_hours_saving(4, 59.6, &policy);
/// assert_eq!(s.reduced_hours_per_week, 108.0); // 12 × 5 + 48
/// assert_eq!(s.instances_kept, 2);
/// assert!((s.saving_usd_per_month - 76.63).abs() < 0.005); // 2 × $59.6 × 108/168
/// ```
pub fn off_hours_saving(
    instances: u64,
    unit_usd_per_month: f64,
    policy: &OffHoursPolicy,
) -> OffHoursSaving {
    let price = supply_amount(unit_usd_per_month);
    let business = if policy.business_hours_per_weekday.is_nan() {
        24.0
    } else {
        policy.business_hours_per_weekday.clamp(0.0, 24.0)
    };
    let share = pct_fraction(policy.off_hours_share_pct, 100.0, 0.0, 100.0);
    let off_per_weekday = 24.0 - business;
    let weekend = if policy.weekends_reduced {
        WEEKEND_HOURS
    } else {
        off_per_weekday * 2.0
    };
    let reduced_hours_per_week = off_per_weekday * WEEKDAYS + weekend;
    let reduced_fraction = reduced_hours_per_week / HOURS_PER_WEEK;
    let instances_kept = if instances == 0 || share >= 1.0 {
        instances
    } else {
        ceil_count(instances as f64 * share).max(1).min(instances)
    };
    let stopped = instances - instances_kept;
    let saving_usd_per_month = stopped as f64 * price * reduced_fraction;
    OffHoursSaving {
        reduced_hours_per_week,
        reduced_fraction,
        instances_kept,
        saving_usd_per_month,
        instances,
        unit_usd_per_month: price,
        business_hours_per_weekday: business,
        weekends_reduced: policy.weekends_reduced,
        off_hours_share: share,
    }
}
