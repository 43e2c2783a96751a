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
use crate::tiers::{ceil_count, supply_amount};
use crate::units::Share;
use serde::Serialize;

/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;

/// Weekdays in a week.
const WEEKDAYS: f64 = 5.0;

/// Weekend hours in a week.
const WEEKEND_HOURS: f64 = 48.0;

/// Off-hours scale-down as the models take it: a plan's [`OffHoursPolicy`] resolved once
/// ([`crate::validate::ValidPlan::off_hours`], which gives one only when the plan enables it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OffHours {
    /// Hours per weekday at full capacity, 0–24.
    business_hours_per_weekday: f64,
    /// Whether weekends run at the reduced level all day.
    weekends_reduced: bool,
    /// Share of the instances kept off hours (never below one instance).
    kept: Share,
}

impl OffHours {
    /// `policy`'s rules, whether or not it is enabled: business hours within 0–24 (24 when not
    /// a number: no off hours), the share kept within 0–100 % (all when not a number: nothing
    /// saved).
    pub fn of(policy: &OffHoursPolicy) -> Self {
        let hours = policy.business_hours_per_weekday;
        Self {
            business_hours_per_weekday: if hours.is_nan() {
                24.0
            } else {
                hours.clamp(0.0, 24.0)
            },
            weekends_reduced: policy.weekends_reduced,
            kept: Share::of_pct_at_least(policy.off_hours_share_pct, 0.0, 100.0),
        }
    }

    /// Hours per week at the reduced level.
    pub fn reduced_hours_per_week(&self) -> f64 {
        let off_per_weekday = 24.0 - self.business_hours_per_weekday;
        let weekend = if self.weekends_reduced {
            WEEKEND_HOURS
        } else {
            off_per_weekday * 2.0
        };
        off_per_weekday * WEEKDAYS + weekend
    }

    /// The share of a week at the reduced level: reduced hours ÷ 168.
    pub fn reduced_share(&self) -> Share {
        Share::new(self.reduced_hours_per_week() / HOURS_PER_WEEK).unwrap_or(Share::NONE)
    }
}

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
    /// use headroom_core::{cost::{off_hours_saving, OffHours}, plan::OffHoursPolicy};
    /// let rules = OffHours::of(&OffHoursPolicy { enabled: true, business_hours_per_weekday: 12.0,
    ///     weekends_reduced: true, off_hours_share_pct: 50.0 });
    /// let usd = headroom_core::currency::USD;
    /// assert_eq!(off_hours_saving(4, 59.6, &rules).explain(usd).figure, "$76.63/month saved");
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
/// Formula in the module documentation. Like [`commitment_advice`](super::commitment_advice),
/// the figure is what enabling it would save.
///
/// # Example
/// ```
/// use headroom_core::{cost::{off_hours_saving, OffHours}, plan::OffHoursPolicy};
/// // The café guide: 8 AM–8 PM, weekends reduced, half the instances off hours.
/// let rules = OffHours::of(&OffHoursPolicy { enabled: true, business_hours_per_weekday: 12.0,
///     weekends_reduced: true, off_hours_share_pct: 50.0 });
/// let s = off_hours_saving(4, 59.6, &rules);
/// assert_eq!(s.reduced_hours_per_week, 108.0); // 12 × 5 + 48
/// assert_eq!(s.instances_kept, 2);
/// assert!((s.saving_usd_per_month - 76.63).abs() < 0.005); // 2 × $59.6 × 108/168
/// ```
pub fn off_hours_saving(
    instances: u64,
    unit_usd_per_month: f64,
    rules: &OffHours,
) -> OffHoursSaving {
    let price = supply_amount(unit_usd_per_month);
    let share = rules.kept.get();
    let reduced_hours_per_week = rules.reduced_hours_per_week();
    let reduced_fraction = rules.reduced_share().get();
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
        business_hours_per_weekday: rules.business_hours_per_weekday,
        weekends_reduced: rules.weekends_reduced,
        off_hours_share: share,
    }
}
