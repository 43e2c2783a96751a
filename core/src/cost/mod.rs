//! Cost: a month's bill as line items, the plan's other costs and the cost per demand unit.
//! Committed-use discounts are in `commitment.rs`, the off-hours scale-down in `off_hours.rs`.
//!
//! Robustness: amounts that are not numbers count as 0 (prices) or [`AMOUNT_CAP`](crate::tiers::AMOUNT_CAP) (demand);
//! percentages are clamped to 0–100 %; every figure is finite.

mod commitment;
mod off_hours;

pub use commitment::*;
pub use off_hours::*;

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::CostLine;
use crate::tiers::{demand_amount, supply_amount};
use serde::Serialize;

/// What a line of the bill pays for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CostComponent {
    /// The app instances.
    AppInstances,
    /// The managed database.
    Database,
    /// Redis.
    Redis,
    /// GPU voice nodes.
    GpuVoice,
    /// One of the plan's other costs (index into `Baseline::other_costs`).
    Other(usize),
}

impl CostComponent {
    /// The component's name: "App instances", "Database", "Redis", "GPU voice", or the other
    /// cost's own name from `other_costs` ("other cost" when the index is out of range).
    ///
    /// # Example
    /// ```
    /// use headroom_core::cost::CostComponent;
    /// assert_eq!(CostComponent::GpuVoice.name(&[]), "GPU voice");
    /// ```
    pub fn name<'a>(&self, other_costs: &'a [CostLine]) -> &'a str {
        match self {
            Self::AppInstances => "App instances",
            Self::Database => "Database",
            Self::Redis => "Redis",
            Self::GpuVoice => "GPU voice",
            Self::Other(i) => other_costs
                .get(*i)
                .map_or("other cost", |l| l.name.as_str()),
        }
    }
}

/// One line of a month's bill. How the amount follows from sizes and prices is explained on
/// demand (`engine::explain`, [`explain_other_cost`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostLineItem {
    /// What the line pays for.
    pub component: CostComponent,
    /// USD per month.
    pub usd_per_month: f64,
}

impl CostLineItem {
    /// A line item; an amount that is not a number counts as 0, larger than [`AMOUNT_CAP`](crate::tiers::AMOUNT_CAP) as
    /// the cap.
    ///
    /// # Example
    /// ```
    /// use headroom_core::cost::{CostComponent, CostLineItem};
    /// let item = CostLineItem::new(CostComponent::Redis, f64::NAN);
    /// assert_eq!(item.usd_per_month, 0.0);
    /// ```
    pub fn new(component: CostComponent, usd_per_month: f64) -> Self {
        Self {
            component,
            usd_per_month: supply_amount(usd_per_month),
        }
    }
}

/// A month's bill.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostBreakdown {
    /// One line per component.
    pub items: Vec<CostLineItem>,
    /// Sum of the items, USD per month.
    pub total_usd_per_month: f64,
    /// Components the total counts at less than they cost, in bill order: when not empty, the
    /// total is only a lower bound ("at least $715").
    pub gaps: Vec<CostGap>,
}

/// Why a bill's total is only a lower bound: one component it counts at less than it costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CostGap {
    /// Priced at $0 where a price is expected (no entry of its catalog has a price): nobody has
    /// priced it yet, and the total counts it as free.
    Unpriced(CostComponent),
    /// The need is beyond the largest entry of the catalog: the total counts the largest
    /// entry's price, and the real one is higher.
    BeyondCatalog(CostComponent),
}

impl CostGap {
    /// The component the gap is about.
    pub fn component(self) -> CostComponent {
        match self {
            Self::Unpriced(c) | Self::BeyondCatalog(c) => c,
        }
    }

    /// The gap in words: "the database is beyond the largest catalog tier", "Redis has no
    /// price".
    ///
    /// # Example
    /// ```
    /// use headroom_core::cost::{CostComponent, CostGap};
    /// assert_eq!(CostGap::Unpriced(CostComponent::Redis).words(&[]), "Redis has no price");
    /// assert_eq!(
    ///     CostGap::BeyondCatalog(CostComponent::Database).words(&[]),
    ///     "the database is beyond the largest catalog tier"
    /// );
    /// ```
    pub fn words(self, other_costs: &[CostLine]) -> String {
        let subject = match self.component() {
            CostComponent::AppInstances => "the app instances".to_owned(),
            CostComponent::Database => "the database".to_owned(),
            CostComponent::Redis => "Redis".to_owned(),
            CostComponent::GpuVoice => "the GPU voice nodes".to_owned(),
            other => other.name(other_costs).to_owned(),
        };
        let plural = matches!(
            self.component(),
            CostComponent::AppInstances | CostComponent::GpuVoice
        );
        match self {
            Self::Unpriced(_) => {
                format!("{subject} {} no price", if plural { "have" } else { "has" })
            }
            Self::BeyondCatalog(component) => format!(
                "{subject} {} beyond the largest catalog {}",
                if plural { "are" } else { "is" },
                match component {
                    CostComponent::Database => "tier",
                    CostComponent::Redis => "plan",
                    _ => "entry",
                }
            ),
        }
    }
}

impl CostBreakdown {
    /// The bill made of `items`: total = Σ items (each counted as in [`CostLineItem::new`]).
    ///
    /// # Example
    /// ```
    /// use headroom_core::cost::{CostBreakdown, CostComponent, CostLineItem};
    /// let bill = CostBreakdown::from_items(vec![
    ///     CostLineItem::new(CostComponent::AppInstances, 238.4),
    ///     CostLineItem::new(CostComponent::Redis, 40.0),
    /// ]);
    /// assert!((bill.total_usd_per_month - 278.4).abs() < 1e-9);
    /// ```
    pub fn from_items(items: Vec<CostLineItem>) -> Self {
        let total_usd_per_month = items
            .iter()
            .map(|i| supply_amount(i.usd_per_month))
            .sum::<f64>();
        Self {
            items,
            total_usd_per_month,
            gaps: Vec::new(),
        }
    }

    /// Whether the total is only a lower bound (a component is unpriced or beyond its
    /// catalog).
    pub fn is_lower_bound(&self) -> bool {
        !self.gaps.is_empty()
    }
}

/// The plan's other costs in plan month `month` at `units` demand units, one item each:
///
/// ```text
/// cost = fixed + per unit × max(0, units − units included)    in the months the line runs
///      = 0                                                     before from_month, after until_month
/// ```
///
/// # Example
/// ```
/// use headroom_core::{cost::other_cost_items, plan::CostLine};
/// let lines = [CostLine::new("Monitoring", 20.0, 0.01)];
/// assert!((other_cost_items(&lines, 1000.0, 1)[0].usd_per_month - 30.0).abs() < 1e-9);
/// // 600 of the 1 000 units included; from month 6 on.
/// let lines = [CostLine { included_units: 600.0, from_month: Some(6), ..lines[0].clone() }];
/// assert_eq!(other_cost_items(&lines, 1000.0, 5)[0].usd_per_month, 0.0);
/// assert!((other_cost_items(&lines, 1000.0, 6)[0].usd_per_month - 24.0).abs() < 1e-9);
/// ```
pub fn other_cost_items(lines: &[CostLine], units: f64, month: u32) -> Vec<CostLineItem> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let usd = if line.runs_in(month) {
                let (fixed, per_unit, billed) = other_cost_terms(line, units);
                fixed + per_unit * billed
            } else {
                0.0
            };
            CostLineItem::new(CostComponent::Other(i), usd)
        })
        .collect()
}

/// A line's fixed price, its price per unit and the units it bills: those above the units
/// included.
fn other_cost_terms(line: &CostLine, units: f64) -> (f64, f64, f64) {
    let billed = (demand_amount(units) - supply_amount(line.included_units)).max(0.0);
    (
        supply_amount(line.fixed_usd_per_month),
        supply_amount(line.per_unit_usd_per_month),
        billed,
    )
}

/// How one of the plan's other costs comes to its amount in plan month `month` at `units`
/// demand units: "$30.00/month = $20.00 + $0.01 × 1 000".
///
/// # Example
/// ```
/// use headroom_core::{cost::explain_other_cost, currency::USD, plan::CostLine};
/// let line = CostLine::new("Monitoring", 20.0, 0.01);
/// assert_eq!(explain_other_cost(&line, 1000.0, 1, USD).sentence(), "$30.00/month = $20.00 + $0.01 × 1\u{202F}000");
/// let line = CostLine { included_units: 600.0, until_month: Some(3), ..line };
/// assert_eq!(
///     explain_other_cost(&line, 1000.0, 1, USD).sentence(),
///     "$24.00/month = $20.00 + $0.01 × (1\u{202F}000 − 600 included)"
/// );
/// assert_eq!(
///     explain_other_cost(&line, 1000.0, 4, USD).sentence(),
///     "$0/month — paid in months 1 to 3 only"
/// );
/// ```
pub fn explain_other_cost(
    line: &CostLine,
    units: f64,
    month: u32,
    currency: Currency,
) -> Explanation {
    let money = |x| format::money(x, currency);
    let months = months_paid(line);
    if !line.runs_in(month) {
        return Explanation::new(format!("{}/month", money(0.0)))
            .binding(format!("paid in {months} only"));
    }
    let (fixed, per_unit, billed) = other_cost_terms(line, units);
    let total = supply_amount(fixed + per_unit * billed);
    let units = format::number(demand_amount(units));
    let counted = if line.included_units > 0.0 {
        format!(
            "({units} − {} included)",
            format::number(line.included_units)
        )
    } else {
        units
    };
    Explanation::new(format!("{}/month", money(total)))
        .formula(format!(
            "{} + {} × {counted}",
            money(fixed),
            money(per_unit),
        ))
        .input("paid in", months)
}

/// The months a cost line is paid in, in words: "months 6 to 11", "from month 12", "every
/// month".
pub fn months_paid(line: &CostLine) -> String {
    match (line.from_month, line.until_month) {
        (Some(from), Some(until)) => format!("months {from} to {until}"),
        (Some(from), None) => format!("from month {from}"),
        (None, Some(until)) => format!("months 1 to {until}"),
        (None, None) => "every month".to_owned(),
    }
}

/// Cost per demand unit: `total_usd ÷ units`; `None` for no units (0, negative, or not a
/// number) or a result that is not finite.
///
/// # Example
/// ```
/// use headroom_core::cost::per_unit;
/// assert_eq!(per_unit(500.0, 1000.0), Some(0.5));
/// assert_eq!(per_unit(500.0, 0.0), None);
/// ```
pub fn per_unit(total_usd: f64, units: f64) -> Option<f64> {
    if units.is_nan() || units <= 0.0 || units.is_infinite() {
        return None;
    }
    let value = total_usd / units;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::plan::{CommitmentPolicy, OffHoursPolicy};
    use crate::tolerance::{assert_close, EXACT, HAND};
    use crate::units::Share;

    fn policy(discount_pct: f64, term_months: u32) -> Commitment {
        Commitment::of(&CommitmentPolicy {
            enabled: true,
            discount_pct,
            term_months,
        })
    }

    const GROWING: [u64; 12] = [4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 10, 11];

    #[test]
    fn commit_the_floor_not_the_peak() {
        let a = commitment_advice(&GROWING, 59.6, &policy(30.0, 12));
        assert_eq!(a.recommended.units, 4);
        assert_eq!(a.peak.units, 11);
        assert_eq!(a.window_months, 12);
        // 4 × 59.6 × 0.7 = 166.88 a month committed; 4 × 59.6 × 0.3 = 71.52 saved a month.
        assert_close(
            "a.recommended.committed_usd_per_month",
            a.recommended.committed_usd_per_month,
            166.88,
            EXACT,
        );
        assert_close(
            "a.recommended.saving_usd_per_month",
            a.recommended.saving_usd_per_month,
            71.52,
            EXACT,
        );
        assert_close(
            "a.recommended.saving_usd_over_term",
            a.recommended.saving_usd_over_term,
            858.24,
            EXACT,
        );
        // Peak: Σ min(count, 11) = 85 unit-months used against 11 × 0.7 × 12 = 92.4 paid:
        // (85 − 92.4) × 59.6 = −441.04.
        assert_close("peak saving", a.peak.saving_usd_over_term, -441.04, EXACT);
        assert_close(
            "a.break_even_utilisation_pct",
            a.break_even_utilisation_pct,
            70.0,
            EXACT,
        );
        assert_eq!(
            a.explanation.figure,
            "Commit 4 instances (the floor over months 1–12), not the peak of 11: saves \
             $858 over the term"
        );
        assert!(a
            .explanation
            .formula
            .ends_with("committing to the peak of 11: −$441 (never pays off within the term)"));
        // The floor pays off from month 1; the peak never does: its running saving is
        // −3.7, −7.4, … and still −7.4 units of price after month 12.
        assert_eq!(a.recommended.pays_off_month, Some(1));
        assert_eq!(a.peak.pays_off_month, None);
        // The 5th unit is in use 10 of 12 months (83 % > 70 %), the 6th 8 of 12 (67 %): 5 saves
        // the most, (58 − 5 × 0.7 × 12) × $59.6 = $953.60.
        assert_eq!(a.most_saving.units, 5);
        assert_close(
            "a.most_saving.saving_usd_over_term",
            a.most_saving.saving_usd_over_term,
            953.6,
            EXACT,
        );
        assert!(a.explanation.inputs.contains(&(
            "most saving".to_owned(),
            "5 instances: $954 over the term".to_owned()
        )));
    }

    #[test]
    fn a_commitment_pays_off_when_its_running_saving_turns_positive() {
        // 2, 2, 6 instances, then 6 for the rest of a 6-month term at 30 %. Committing 6:
        // −2.2, −2.2, +1.8 units of price a month, −2.6 after month 3; two more months of
        // +1.8 cover it: month 5.
        let a = commitment_advice(&[2, 2, 6], 100.0, &policy(30.0, 6));
        assert_eq!(a.peak.units, 6);
        assert_eq!(a.peak.pays_off_month, Some(5));
        assert_close(
            "a.peak.saving_usd_over_term",
            a.peak.saving_usd_over_term,
            280.0,
            EXACT,
        );
        // Within the forecast: 1, 2, 3 at 50 %, committing 3: −0.5, +0.5 → month 2.
        let a = commitment_advice(&[1, 2, 3], 100.0, &policy(50.0, 3));
        assert_eq!(a.peak.pays_off_month, Some(2));
        // Nothing committed never "pays off".
        let a = commitment_advice(&[0, 3], 100.0, &policy(30.0, 12));
        assert_eq!(a.recommended.pays_off_month, None);
    }

    #[test]
    fn off_hours_instances_are_not_committed() {
        // 4 instances in business hours, 2 around the clock, 108 of 168 hours reduced.
        let months = [FleetMonth {
            instances: 4,
            always_on: 2,
        }; 12];
        let reduced = Share::new(108.0 / 168.0).unwrap();
        let a = commitment_advice_for(
            &months,
            reduced,
            59.6,
            &policy(30.0, 12),
            crate::currency::USD,
        );
        assert_eq!(a.recommended.units, 2);
        assert_close(
            "a.recommended.saving_usd_over_term",
            a.recommended.saving_usd_over_term,
            2.0 * 59.6 * 0.3 * 12.0,
            EXACT,
        );
        // Committing all 4: use 2 + 2 × 60/168 = 2.714 a month against 2.8 paid: a loss.
        let use_4 = 2.0 + 2.0 * 60.0 / 168.0;
        assert_close(
            "a.peak.saving_usd_over_term",
            a.peak.saving_usd_over_term,
            59.6 * 12.0 * (use_4 - 2.8),
            EXACT,
        );
        assert_eq!(a.most_saving.units, 2);
        assert!(a
            .explanation
            .figure
            .contains("the floor running around the clock"));
    }

    #[test]
    fn commitments_renew_term_after_term() {
        let months: Vec<FleetMonth> = [2, 3, 3, 5, 6, 4, 9].map(FleetMonth::constant).to_vec();
        assert_eq!(rolling_commitments(&months, 3), [2, 2, 2, 4, 4, 4, 9]);
        assert_eq!(rolling_commitments(&months, 12), [2; 7]);
        // A zero term counts as one month; always-on instances set the floor.
        assert_eq!(rolling_commitments(&months[..2], 0), [2, 3]);
        let off = [FleetMonth {
            instances: 4,
            always_on: 1,
        }];
        assert_eq!(rolling_commitments(&off, 12), [1]);
        assert!(rolling_commitments(&[], 12).is_empty());
    }

    #[test]
    fn a_linear_ramp_loses_money_when_committing_to_its_peak() {
        let counts: Vec<u64> = (1..=12).collect();
        let a = commitment_advice(&counts, 100.0, &policy(30.0, 12));
        // Floor 1: 1 × 100 × 30 % × 12 = 360. Peak 12: (78 − 100.8) × 100 = −2 280.
        assert_close(
            "a.recommended.saving_usd_over_term",
            a.recommended.saving_usd_over_term,
            360.0,
            EXACT,
        );
        assert_close("peak saving", a.peak.saving_usd_over_term, -2280.0, EXACT);
    }

    #[test]
    fn short_forecasts_extend_their_last_month_and_long_ones_are_cut_to_the_term() {
        // 3 months of forecast, a 36-month term at 50 %: floor 3, the rest at the last count 5.
        let a = commitment_advice(&[3, 4, 5], 10.0, &policy(50.0, 36));
        assert_eq!(a.window_months, 3);
        assert_eq!(a.recommended.units, 3);
        assert_close(
            "a.recommended.saving_usd_over_term",
            a.recommended.saving_usd_over_term,
            3.0 * 10.0 * 0.5 * 36.0,
            EXACT,
        );
        // Peak 5: months 1–3 use 3, 4, 5 of 5 paid at 2.5 each; 33 more months use all 5.
        let expected = 10.0 * ((3.0 + 4.0 + 5.0 - 3.0 * 2.5) + 33.0 * (5.0 - 2.5));
        assert_close(
            "a.peak.saving_usd_over_term",
            a.peak.saving_usd_over_term,
            expected,
            EXACT,
        );
        // Only the first term's months set the floor.
        let a = commitment_advice(&[6, 7, 1], 10.0, &policy(30.0, 2));
        assert_eq!(a.recommended.units, 6);
        assert_eq!(
            a.explanation.figure.split(':').next(),
            Some("Commit 6 instances (the floor over months 1–2), not the peak of 7")
        );
    }

    #[test]
    fn nothing_to_commit() {
        let a = commitment_advice(&[], 10.0, &policy(30.0, 12));
        assert_eq!(a.recommended.units, 0);
        assert_eq!(a.recommended.saving_usd_over_term, 0.0);
        let a = commitment_advice(&[5], 10.0, &policy(30.0, 0));
        assert_eq!(a.window_months, 0);
        assert_eq!(a.recommended.saving_usd_per_month, 0.0);
        let a = commitment_advice(&[0, 3], 10.0, &policy(f64::NAN, 12));
        assert_eq!(a.discount_pct, 0.0);
        assert!(a
            .explanation
            .figure
            .contains("the floor over months 1–2 is 0"));
    }

    #[test]
    fn cafe_guide_off_hours() {
        let p = OffHoursPolicy {
            enabled: true,
            business_hours_per_weekday: 12.0,
            weekends_reduced: true,
            off_hours_share_pct: 50.0,
        };
        let s = off_hours_saving(4, 59.6, &OffHours::of(&p));
        assert_eq!(s.reduced_hours_per_week, 108.0);
        assert_close(
            "s.reduced_fraction",
            s.reduced_fraction,
            108.0 / 168.0,
            EXACT,
        );
        assert_close("s.reduced_fraction", s.reduced_fraction, 0.643, HAND); // 64.3 %
        assert_eq!(s.instances_kept, 2);
        assert_close(
            "s.saving_usd_per_month",
            s.saving_usd_per_month,
            2.0 * 59.6 * 108.0 / 168.0,
            EXACT,
        );
        assert_eq!(format::number(s.saving_usd_per_month), "76.63");
        // Weekends like weekdays: 12 × 7 = 84 h.
        let weekdays_only = OffHoursPolicy {
            weekends_reduced: false,
            ..p.clone()
        };
        assert_eq!(
            off_hours_saving(4, 59.6, &OffHours::of(&weekdays_only)).reduced_hours_per_week,
            84.0
        );
        // At least one instance stays; none from none.
        assert_eq!(
            off_hours_saving(1, 59.6, &OffHours::of(&p)).instances_kept,
            1
        );
        assert_eq!(
            off_hours_saving(1, 59.6, &OffHours::of(&p)).saving_usd_per_month,
            0.0
        );
        assert_eq!(
            off_hours_saving(0, 59.6, &OffHours::of(&p)).instances_kept,
            0
        );
        // ⌈5 × 50 %⌉ = 3 kept.
        assert_eq!(
            off_hours_saving(5, 59.6, &OffHours::of(&p)).instances_kept,
            3
        );
    }

    #[test]
    fn odd_inputs_stay_finite() {
        let p = OffHoursPolicy {
            enabled: true,
            business_hours_per_weekday: f64::NAN,
            weekends_reduced: false,
            off_hours_share_pct: f64::NAN,
        };
        let s = off_hours_saving(u64::MAX, f64::INFINITY, &OffHours::of(&p));
        assert_eq!(s.saving_usd_per_month, 0.0);
        let p = OffHoursPolicy {
            business_hours_per_weekday: -3.0,
            off_hours_share_pct: -1.0,
            ..p
        };
        let s = off_hours_saving(u64::MAX, f64::INFINITY, &OffHours::of(&p));
        assert!(s.saving_usd_per_month.is_finite());
        assert_eq!(s.reduced_hours_per_week, 168.0);
        let a = commitment_advice(&[u64::MAX, 1], f64::NAN, &policy(f64::INFINITY, u32::MAX));
        assert!(a.recommended.saving_usd_over_term.is_finite());
        assert!(a.peak.saving_usd_over_term.is_finite());
        let a = commitment_advice(&[u64::MAX; 3], 1e300, &policy(10.0, u32::MAX));
        assert!(a.peak.saving_usd_over_term.is_finite());
        assert_eq!(per_unit(f64::NAN, 1.0), None);
        assert_eq!(per_unit(1.0, f64::NAN), None);
        assert_eq!(per_unit(1e300, 1e-300), None);
        assert_eq!(per_unit(1.0, -1.0), None);
        let bill = CostBreakdown::from_items(vec![CostLineItem {
            component: CostComponent::Other(0),
            usd_per_month: f64::NAN,
        }]);
        assert_eq!(bill.total_usd_per_month, 0.0);
    }
}
