//! Cost: a month's bill as line items, committed-use discounts, off-hours scale-down and cost
//! per demand unit.
//!
//! **Committed use** (reserved instances, savings plans, committed-use discounts). AWS Savings
//! Plans and Reserved Instances save "up to 72 %" against on-demand; GCP committed-use discounts
//! up to 57 %; typical discounts are 30–35 % for 1 year and 50–55 % for 3 years, and the
//! Selextract guide plans with 30 % (1 year) and 50 % (3 years) (docs/models.md "Prices"). A
//! commitment is paid for the whole term whether used or not, so commit the *floor* of the
//! forecast, not its peak — the floor of the instances running *around the clock*, since those
//! stopped off hours would be paid for while idle:
//!
//! ```text
//! committed units C        = min over the term's months of the always-on instances
//! committed cost per month = C × price × (1 − discount)            (every month of the term)
//! use of C units in month m = min(C, always_onₘ) + (1 − off-hours share of the week)
//!                             × (min(C, instancesₘ) − min(C, always_onₘ))
//! saving in month m        = price × (useₘ(C) − C × (1 − discount))
//! pays off in month        = the first month the running sum of savings is ≥ 0
//! break-even utilisation   = 1 − discount    (a committed unit pays off when in use more than
//!                                              that share of the term)
//! ```
//!
//! Months of the term past the forecast are assumed to keep the last forecast month. The advice
//! also prices committing to the peak, which loses money on a growing curve (the early months pay
//! for units not yet needed, and it pays off late or never), and finds the level that saves the
//! most. When a plan enables commitments the engine renews them term after term
//! ([`rolling_commitments`]) and each month's bill falls by `C × price × discount`.
//!
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
//!
//! Robustness: amounts that are not numbers count as 0 (prices) or [`AMOUNT_CAP`](crate::tiers::AMOUNT_CAP) (demand);
//! percentages are clamped to 0–100 %; every figure is finite.

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::{CommitmentPolicy, CostLine, OffHoursPolicy};
use crate::tiers::{ceil_count, demand_amount, pct_fraction, supply_amount};
use serde::Serialize;

/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;

/// Weekdays in a week.
const WEEKDAYS: f64 = 5.0;

/// Weekend hours in a week.
const WEEKEND_HOURS: f64 = 48.0;

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
    let months = match (line.from_month, line.until_month) {
        (Some(from), Some(until)) => format!("months {from} to {until}"),
        (Some(from), None) => format!("from month {from}"),
        (None, Some(until)) => format!("months 1 to {until}"),
        (None, None) => "every month".to_owned(),
    };
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

/// One fleet (app instances, GPU nodes) in one month, as a commitment sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FleetMonth {
    /// Instances running at peak (business hours).
    pub instances: u64,
    /// Instances running around the clock; the rest stop off hours. At most `instances`
    /// (equal to it without off-hours scale-down).
    pub always_on: u64,
}

impl FleetMonth {
    /// A fleet that runs around the clock.
    pub fn constant(instances: u64) -> Self {
        Self {
            instances,
            always_on: instances,
        }
    }

    /// Instance-months of use the first `committed` committed instances get this month, when
    /// off-hours instances run `1 − reduced_fraction` of the time:
    /// `min(C, always_on) + (1 − f) × (min(C, instances) − min(C, always_on))`.
    fn usage(&self, committed: u64, reduced_fraction: f64) -> f64 {
        let always_on = self.always_on.min(self.instances).min(committed) as f64;
        let running = self.instances.min(committed) as f64;
        always_on + (1.0 - reduced_fraction) * (running - always_on)
    }
}

/// One way to commit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentOption {
    /// Units committed for the whole term.
    pub units: u64,
    /// Paid for them every month of the term: units × price × (1 − discount), USD.
    pub committed_usd_per_month: f64,
    /// Saving against on-demand averaged over the term, USD per month (negative = loss).
    pub saving_usd_per_month: f64,
    /// Saving against on-demand over the whole term, USD (negative = loss).
    pub saving_usd_over_term: f64,
    /// First month (1-based) by which the savings so far cover what the commitment cost so
    /// far, i.e. the cumulative saving is ≥ 0; `None` when that never happens within the term
    /// (or nothing is committed).
    pub pays_off_month: Option<u32>,
}

/// What to commit, what it saves, and what committing to the peak would do instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentAdvice {
    /// Commit the floor.
    pub recommended: CommitmentOption,
    /// Committing to the peak of the same months, for comparison.
    pub peak: CommitmentOption,
    /// The commitment that saves the most over the term: every unit in use for more than the
    /// break-even share of the term, and no more (at least the floor's saving).
    pub most_saving: CommitmentOption,
    /// Length of the commitment, months.
    pub term_months: u32,
    /// Months of forecast the floor and peak were taken over: min(term, forecast length).
    pub window_months: u32,
    /// Discount applied, percent (0–100).
    pub discount_pct: f64,
    /// A committed unit pays off when in use more than this share of the term, percent.
    pub break_even_utilisation_pct: f64,
    /// The advice in words.
    pub explanation: Explanation,
}

/// The months of a term: the known months (`months` cut to `term_months`), how many months of
/// the term lie past the forecast, and the month they repeat (the forecast's last).
fn term_months_of(months: &[FleetMonth], term_months: u32) -> (&[FleetMonth], u64, FleetMonth) {
    let term = term_months as usize;
    let known = &months[..months.len().min(term)];
    let rest = term.saturating_sub(months.len()) as u64;
    let last = months.last().copied().unwrap_or(FleetMonth::constant(0));
    (known, rest, last)
}

/// Saving over the term from committing `units`:
/// Σₘ price × (usageₘ(units) − units × (1 − d)), months past the forecast keeping its last
/// month; and the first month the running sum is ≥ 0.
fn commitment_option(
    months: &[FleetMonth],
    reduced_fraction: f64,
    term_months: u32,
    price: f64,
    discount: f64,
    units: u64,
) -> CommitmentOption {
    let committed = units as f64;
    let saving_in =
        |m: &FleetMonth| price * (m.usage(units, reduced_fraction) - committed * (1.0 - discount));
    let (known, rest_months, last) = term_months_of(months, term_months);
    let mut running = 0.0;
    let mut pays_off_month = None;
    for (i, m) in known.iter().enumerate() {
        running += saving_in(m);
        if pays_off_month.is_none() && units > 0 && running >= 0.0 {
            pays_off_month = u32::try_from(i + 1).ok();
        }
    }
    let each_later = saving_in(&last);
    if pays_off_month.is_none() && units > 0 && rest_months > 0 && each_later > 0.0 {
        // running < 0 here: the later months, each saving the same, cover it after
        // ⌈−running ÷ each⌉ of them.
        let needed = ceil_count(-running / each_later).max(1);
        if needed <= rest_months {
            pays_off_month = u32::try_from(known.len() as u64 + needed).ok();
        }
    }
    let saving_usd_over_term = finite_sum(running, rest_months as f64 * each_later);
    let saving_usd_per_month = if term_months == 0 {
        0.0
    } else {
        saving_usd_over_term / f64::from(term_months)
    };
    CommitmentOption {
        units,
        committed_usd_per_month: committed * price * (1.0 - discount),
        saving_usd_per_month,
        saving_usd_over_term,
        pays_off_month,
    }
}

/// `a + b` for finite savings (either sign), kept finite: a sum that overflows saturates.
fn finite_sum(a: f64, b: f64) -> f64 {
    let sum = a + b;
    if sum.is_nan() {
        0.0
    } else {
        sum.clamp(-f64::MAX, f64::MAX)
    }
}

/// Advice on committed use for `counts_per_month` (month 1 first) at `unit_usd_per_month`
/// on-demand, for a fleet that runs around the clock, explained in US dollars; see
/// [`commitment_advice_for`].
///
/// # Example
/// ```
/// use headroom_core::{cost::commitment_advice, plan::CommitmentPolicy};
/// let policy = CommitmentPolicy { enabled: true, discount_pct: 30.0, term_months: 12 };
/// let counts = [4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 10, 11];
/// let advice = commitment_advice(&counts, 59.6, &policy);
/// assert_eq!(advice.recommended.units, 4);
/// // 4 × $59.6 × 30 % × 12 months.
/// assert!((advice.recommended.saving_usd_over_term - 858.24).abs() < 1e-6);
/// assert_eq!(advice.recommended.pays_off_month, Some(1));
/// assert!(advice.peak.saving_usd_over_term < 0.0); // committing to 11 loses money
/// assert_eq!(advice.peak.pays_off_month, None);
/// assert_eq!(advice.most_saving.units, 5); // the 5th unit is in use 10 of 12 months > 70 %
/// ```
pub fn commitment_advice(
    counts_per_month: &[u64],
    unit_usd_per_month: f64,
    policy: &CommitmentPolicy,
) -> CommitmentAdvice {
    let months: Vec<FleetMonth> = counts_per_month
        .iter()
        .map(|&n| FleetMonth::constant(n))
        .collect();
    commitment_advice_for(
        &months,
        0.0,
        unit_usd_per_month,
        policy,
        crate::currency::USD,
    )
}

/// Advice on committed use for a fleet month by month (`months`, month 1 first) whose
/// off-hours instances run `1 − reduced_fraction` of the time, at `unit_usd_per_month`
/// on-demand.
///
/// Commits the floor: the fewest instances running around the clock over the first
/// `policy.term_months` months (or over all months given, when fewer). Such a unit is in use the
/// whole term, so it saves price × discount every month and pays off from month 1. See the
/// module documentation for the formulas. Also prices committing to the peak, and finds the
/// commitment that saves the most (a unit pays off when in use more than `1 − discount` of the
/// term, so the best level lies at one of the months' counts). The advice is what committing
/// would do; `policy.enabled` is left to the caller, so the saving can be shown before a planner
/// turns commitments on. The discount is clamped to 0–100 % (0 when not a number), the reduced
/// fraction to 0–1 (0 when not a number); a price that is not a number counts as 0.
///
/// # Example
/// ```
/// use headroom_core::{cost::{commitment_advice_for, FleetMonth}, currency::USD};
/// use headroom_core::plan::CommitmentPolicy;
/// let policy = CommitmentPolicy { enabled: true, discount_pct: 30.0, term_months: 12 };
/// // 4 instances in business hours, 2 of them around the clock; off hours are 64 % of a week.
/// let months = [FleetMonth { instances: 4, always_on: 2 }; 12];
/// let advice = commitment_advice_for(&months, 108.0 / 168.0, 59.6, &policy, USD);
/// assert_eq!(advice.recommended.units, 2); // not 4: two of them stop every night
/// assert_eq!(advice.most_saving.units, 2); // the 3rd is used 36 % of the time < 70 %
/// ```
pub fn commitment_advice_for(
    months: &[FleetMonth],
    reduced_fraction: f64,
    unit_usd_per_month: f64,
    policy: &CommitmentPolicy,
    currency: Currency,
) -> CommitmentAdvice {
    let money = |x| format::money(x, currency);
    let price = supply_amount(unit_usd_per_month);
    let discount = pct_fraction(policy.discount_pct, 0.0, 0.0, 100.0);
    let reduced = if reduced_fraction.is_nan() {
        0.0
    } else {
        reduced_fraction.clamp(0.0, 1.0)
    };
    let term_months = policy.term_months;
    let window = &months[..months.len().min(term_months as usize)];
    let window_months = u32::try_from(window.len()).unwrap_or(u32::MAX);
    let floor = window
        .iter()
        .map(|m| m.always_on.min(m.instances))
        .min()
        .unwrap_or(0);
    let peak_units = window.iter().map(|m| m.instances).max().unwrap_or(0);
    let option = |units| commitment_option(months, reduced, term_months, price, discount, units);
    let recommended = option(floor);
    let peak = option(peak_units);
    let mut most_saving = recommended.clone();
    for m in window {
        for units in [m.always_on.min(m.instances), m.instances] {
            if units > most_saving.units {
                let candidate = option(units);
                if candidate.saving_usd_over_term > most_saving.saving_usd_over_term {
                    most_saving = candidate;
                }
            }
        }
    }
    let months_words = if window_months <= 1 {
        format!("month {window_months}")
    } else {
        format!("months 1–{window_months}")
    };
    let around_the_clock = if reduced > 0.0 {
        " running around the clock"
    } else {
        ""
    };
    let figure = if window.is_empty() {
        "Commit nothing: no months to commit over".to_owned()
    } else if floor == 0 {
        format!("Commit nothing: the floor over {months_words} is 0 instances{around_the_clock}")
    } else {
        format!(
            "Commit {floor} instances (the floor{around_the_clock} over {months_words}), not the \
             peak of {peak_units}: saves {} over the term",
            money(recommended.saving_usd_over_term)
        )
    };
    let peak_pays_off = match peak.pays_off_month {
        Some(month) => format!("pays off in month {month}"),
        None => "never pays off within the term".to_owned(),
    };
    let mut explanation = Explanation::new(figure)
        .formula(format!(
            "{floor} × {} × {} × {term_months} months = {}; committing to the peak of \
             {peak_units}: {} ({peak_pays_off})",
            money(price),
            format::percent(discount),
            money(recommended.saving_usd_over_term),
            money(peak.saving_usd_over_term)
        ))
        .input("on-demand price", format!("{}/month", money(price)))
        .input("discount", format::percent(discount))
        .input("term", format!("{term_months} months"));
    if most_saving.units > floor {
        explanation = explanation.input(
            "most saving",
            format!(
                "{} instances: {} over the term",
                most_saving.units,
                money(most_saving.saving_usd_over_term)
            ),
        );
    }
    let explanation = explanation.binding(format!(
        "a commitment is paid whether used or not: a committed unit pays off only when in use \
         more than {} of the term",
        format::percent(1.0 - discount)
    ));
    CommitmentAdvice {
        recommended,
        peak,
        most_saving,
        term_months,
        window_months,
        discount_pct: discount * 100.0,
        break_even_utilisation_pct: (1.0 - discount) * 100.0,
        explanation,
    }
}

/// Instances committed in each month when commitments are renewed term after term: months
/// `1..=T` commit the floor of their around-the-clock instances, months `T+1..=2T` the floor of
/// theirs, and so on (the last term may run past the horizon; its known months set its floor).
/// Such a unit is always in use, so the month's bill falls by `committed × price × discount`.
///
/// # Example
/// ```
/// use headroom_core::cost::{rolling_commitments, FleetMonth};
/// let months: Vec<FleetMonth> = [2, 3, 3, 5, 6, 4].map(FleetMonth::constant).to_vec();
/// assert_eq!(rolling_commitments(&months, 3), [2, 2, 2, 4, 4, 4]);
/// ```
pub fn rolling_commitments(months: &[FleetMonth], term_months: u32) -> Vec<u64> {
    let term = (term_months as usize).max(1);
    months
        .chunks(term)
        .flat_map(|chunk| {
            let floor = chunk
                .iter()
                .map(|m| m.always_on.min(m.instances))
                .min()
                .unwrap_or(0);
            std::iter::repeat_n(floor, chunk.len())
        })
        .collect()
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
/// Like [`commitment_advice`], the figure is what enabling it would save; `policy.enabled` is
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tolerance::{assert_close, EXACT, HAND};

    fn policy(discount_pct: f64, term_months: u32) -> CommitmentPolicy {
        CommitmentPolicy {
            enabled: true,
            discount_pct,
            term_months,
        }
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
        let reduced = 108.0 / 168.0;
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
        let s = off_hours_saving(4, 59.6, &p);
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
            off_hours_saving(4, 59.6, &weekdays_only).reduced_hours_per_week,
            84.0
        );
        // At least one instance stays; none from none.
        assert_eq!(off_hours_saving(1, 59.6, &p).instances_kept, 1);
        assert_eq!(off_hours_saving(1, 59.6, &p).saving_usd_per_month, 0.0);
        assert_eq!(off_hours_saving(0, 59.6, &p).instances_kept, 0);
        // ⌈5 × 50 %⌉ = 3 kept.
        assert_eq!(off_hours_saving(5, 59.6, &p).instances_kept, 3);
    }

    #[test]
    fn odd_inputs_stay_finite() {
        let p = OffHoursPolicy {
            enabled: true,
            business_hours_per_weekday: f64::NAN,
            weekends_reduced: false,
            off_hours_share_pct: f64::NAN,
        };
        let s = off_hours_saving(u64::MAX, f64::INFINITY, &p);
        assert_eq!(s.saving_usd_per_month, 0.0);
        let p = OffHoursPolicy {
            business_hours_per_weekday: -3.0,
            off_hours_share_pct: -1.0,
            ..p
        };
        let s = off_hours_saving(u64::MAX, f64::INFINITY, &p);
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
