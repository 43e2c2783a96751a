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

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::CommitmentPolicy;
use crate::tiers::{ceil_count, supply_amount};
use crate::units::Share;
use serde::Serialize;

/// Commitments as the models take them: a plan's [`CommitmentPolicy`] resolved once
/// ([`crate::validate::ValidPlan::commitment`], which gives one only when the plan enables
/// commitments).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Commitment {
    /// Discount on committed capacity.
    pub discount: Share,
    /// Length of a commitment, in months.
    pub term_months: u32,
}

impl Commitment {
    /// `policy`'s terms, whether or not it is enabled: its discount within 0–100 % (0 when not
    /// a number).
    pub fn of(policy: &CommitmentPolicy) -> Self {
        Self {
            discount: Share::of_pct_at_least(policy.discount_pct, 0.0, 0.0),
            term_months: policy.term_months,
        }
    }
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
/// use headroom_core::{cost::{commitment_advice, Commitment}, units::Share};
/// let terms = Commitment { discount: Share::of_pct(30.0).unwrap(), term_months: 12 };
/// let counts = [4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 10, 11];
/// let advice = commitment_advice(&counts, 59.6, &terms);
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
    terms: &Commitment,
) -> CommitmentAdvice {
    let months: Vec<FleetMonth> = counts_per_month
        .iter()
        .map(|&n| FleetMonth::constant(n))
        .collect();
    commitment_advice_for(
        &months,
        Share::NONE,
        unit_usd_per_month,
        terms,
        crate::currency::USD,
    )
}

/// Advice on committed use for a fleet month by month (`months`, month 1 first) whose
/// off-hours instances run `1 − reduced` of the time (`reduced`: the share of the week off
/// hours, [`super::OffHours::reduced_share`]), at `unit_usd_per_month` on-demand.
///
/// Commits the floor: the fewest instances running around the clock over the first
/// `terms.term_months` months (or over all months given, when fewer). Such a unit is in use the
/// whole term, so it saves price × discount every month and pays off from month 1. See the
/// module documentation for the formulas. Also prices committing to the peak, and finds the
/// commitment that saves the most (a unit pays off when in use more than `1 − discount` of the
/// term, so the best level lies at one of the months' counts). The advice is what committing
/// would do, so the saving can be shown before a planner turns commitments on. A price that is
/// not a number counts as 0.
///
/// # Example
/// ```
/// use headroom_core::{cost::{commitment_advice_for, FleetMonth}, currency::USD};
/// use headroom_core::{cost::Commitment, units::Share};
/// let terms = Commitment { discount: Share::of_pct(30.0).unwrap(), term_months: 12 };
/// // 4 instances in business hours, 2 of them around the clock; off hours are 64 % of a week.
/// let months = [FleetMonth { instances: 4, always_on: 2 }; 12];
/// let off_hours = Share::new(108.0 / 168.0).unwrap();
/// let advice = commitment_advice_for(&months, off_hours, 59.6, &terms, USD);
/// assert_eq!(advice.recommended.units, 2); // not 4: two of them stop every night
/// assert_eq!(advice.most_saving.units, 2); // the 3rd is used 36 % of the time < 70 %
/// ```
pub fn commitment_advice_for(
    months: &[FleetMonth],
    reduced: Share,
    unit_usd_per_month: f64,
    terms: &Commitment,
    currency: Currency,
) -> CommitmentAdvice {
    let money = |x| format::money(x, currency);
    let price = supply_amount(unit_usd_per_month);
    let discount = terms.discount.get();
    let reduced = reduced.get();
    let term_months = terms.term_months;
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
