//! Honest totals: when a total is only a lower bound, and how month 1 compares with today.
//!
//! A month's bill ([`crate::cost::CostBreakdown`]) lists the components it counts at less than
//! they cost ([`CostGap`]): a component nobody has priced (a $0 price where a cost is
//! expected) or a need beyond the largest catalog entry. Every total that includes such a
//! month is a lower bound, and every view that prints it says "at least" with the reason
//! ([`LowerBound::reason`]).
//!
//! The plan's baseline also says what runs today (instances) and what it costs (the monthly
//! bill); [`against_today`] sets month 1 beside them. A figure not entered (0) is not
//! compared.

use crate::cost::{CostComponent, CostGap};
use crate::currency::Currency;
use crate::engine::{MonthResult, ScenarioResult};
use crate::explain::Explanation;
use crate::format;
use crate::plan::{CostLine, Plan};
use crate::units::PlanMonth;
use serde::Serialize;

/// Why a total is only a lower bound: each gap with the months it covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LowerBound {
    /// Each gap once, in order of the first month it appears, then bill order.
    pub gaps: Vec<GapSpan>,
    /// First month of the span the total covers (1-based).
    pub first_month: PlanMonth,
}

/// One gap and the months it covers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GapSpan {
    /// What the total counts at less than it costs.
    pub gap: CostGap,
    /// First month with the gap (1-based).
    pub first_month: PlanMonth,
}

impl LowerBound {
    /// The gaps of `months` (a month, or a span of months a total covers); `None` when every
    /// bill is complete.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{engine, presets, totals::LowerBound};
    /// let plan = presets::find("voiceassist").unwrap().build().validate().unwrap();
    /// let results = engine::run(&plan);
    /// let months = &results.scenarios[0].months;
    /// let why = LowerBound::of(months).unwrap();
    /// assert_eq!(
    ///     why.reason(&[]),
    ///     "the database has no price; Redis has no price; \
    ///      the database is beyond the largest catalog tier from month 6"
    /// );
    /// ```
    pub fn of(months: &[MonthResult]) -> Option<Self> {
        let first_month = months.first()?.month;
        let mut gaps: Vec<GapSpan> = Vec::new();
        for m in months {
            for gap in &m.cost.gaps {
                if !gaps.iter().any(|g| g.gap == *gap) {
                    gaps.push(GapSpan {
                        gap: *gap,
                        first_month: m.month,
                    });
                }
            }
        }
        (!gaps.is_empty()).then_some(Self { gaps, first_month })
    }

    /// The gaps of one month; `None` when its bill is complete.
    pub fn of_month(month: &MonthResult) -> Option<Self> {
        Self::of(std::slice::from_ref(month))
    }

    /// The reason in words, gaps joined by "; ": "the database is beyond the largest catalog
    /// tier from month 6; Redis has no price". A gap that starts after the span's first month
    /// says from when.
    pub fn reason(&self, other_costs: &[CostLine]) -> String {
        self.reasons(other_costs).join("; ")
    }

    /// Each gap in words, as [`LowerBound::reason`] joins them.
    pub fn reasons(&self, other_costs: &[CostLine]) -> Vec<String> {
        self.gaps
            .iter()
            .map(|g| {
                let words = g.gap.words(other_costs);
                if g.first_month > self.first_month {
                    format!("{words} from month {}", g.first_month)
                } else {
                    words
                }
            })
            .collect()
    }
}

/// An amount as a total is written: "$715", or "at least $715" when it is a lower bound.
///
/// # Example
/// ```
/// use headroom_core::{currency::USD, totals::money};
/// assert_eq!(money(715.0, true, USD), "at least $715");
/// assert_eq!(money(715.0, false, USD), "$715");
/// ```
pub fn money(value: f64, lower_bound: bool, currency: Currency) -> String {
    let text = format::money(value, currency);
    if lower_bound {
        format!("at least {text}")
    } else {
        text
    }
}

/// Month 1 beside today's baseline: the app fleet and the bill.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgainstToday {
    /// App instances in month 1.
    pub month1_instances: u64,
    /// App instances running today, when entered (not 0).
    pub today_instances: Option<u64>,
    /// Month 1's bill, per month.
    pub month1_cost: f64,
    /// Whether month 1's bill is a lower bound.
    pub month1_lower_bound: bool,
    /// Today's monthly bill, when entered (not 0).
    pub today_cost: Option<f64>,
    /// The plan's currency, both bills' and the texts'.
    #[serde(skip)]
    pub currency: Currency,
}

impl AgainstToday {
    /// Month 1's instances against today's: "month 1: 7 instances, today 4 (+3)"; `None` when
    /// today's instances were not entered.
    pub fn instances_text(&self) -> Option<String> {
        let today = self.today_instances?;
        Some(format!(
            "month 1: {} {}, today {today} ({})",
            self.month1_instances,
            if self.month1_instances == 1 {
                "instance"
            } else {
                "instances"
            },
            signed_count(self.month1_instances, today)
        ))
    }

    /// Month 1's bill against today's: "month 1 bill $1\u{202f}240, today $900 (+$340)"; "month 1
    /// bill at least $715, today $900 (at least −$185)" when month 1 is a lower bound; `None`
    /// when today's bill was not entered.
    pub fn bill_text(&self) -> Option<String> {
        let today = self.today_cost?;
        let delta = self.month1_cost - today;
        let delta_text = signed_money(delta, self.currency);
        Some(format!(
            "month 1 bill {}, today {} ({})",
            money(self.month1_cost, self.month1_lower_bound, self.currency),
            format::money(today, self.currency),
            if self.month1_lower_bound {
                format!("at least {delta_text}")
            } else {
                delta_text
            }
        ))
    }
}

/// "+3", "−2", "same".
fn signed_count(month1: u64, today: u64) -> String {
    // Not as one signed 128-bit difference: formatting a 128-bit integer is code of its own.
    match month1.cmp(&today) {
        std::cmp::Ordering::Equal => "same".to_owned(),
        std::cmp::Ordering::Greater => format!("+{}", month1 - today),
        std::cmp::Ordering::Less => format!("−{}", today - month1),
    }
}

/// "+$340", "−$185", "same" (differences below a cent are the same bill).
fn signed_money(delta: f64, currency: Currency) -> String {
    if !delta.is_finite() || delta.abs() < 0.005 {
        "same".to_owned()
    } else if delta > 0.0 {
        format!("+{}", format::money(delta, currency))
    } else {
        format::money(delta, currency)
    }
}

/// Month 1 of `result` against the plan's baseline today; `None` when the scenario has no
/// months or neither today's instances nor today's bill was entered.
///
/// # Example
/// ```
/// use headroom_core::{engine, presets, totals};
/// let plan = presets::find("voiceassist").unwrap().build().validate().unwrap();
/// let results = engine::run(&plan);
/// let today = totals::against_today(plan.plan(), &results.scenarios[0]).unwrap();
/// assert_eq!(today.today_instances, Some(3));
/// assert_eq!(today.bill_text(), None); // no bill entered today
/// ```
pub fn against_today(plan: &Plan, result: &ScenarioResult) -> Option<AgainstToday> {
    let month1 = result.months.first()?;
    let today = &plan.baseline.today;
    let today_instances = (today.app_instances > 0).then_some(u64::from(today.app_instances));
    let today_cost = (today.monthly_bill_usd.is_finite() && today.monthly_bill_usd > 0.0)
        .then_some(today.monthly_bill_usd);
    if today_instances.is_none() && today_cost.is_none() {
        return None;
    }
    Some(AgainstToday {
        month1_instances: month1.app.instances,
        today_instances,
        month1_cost: month1.cost.total_usd_per_month,
        month1_lower_bound: month1.cost.is_lower_bound(),
        today_cost,
        currency: plan.currency(),
    })
}

/// `e`, the working of a figure made from month `m`'s total (the total itself, per unit, per
/// session), marked as a lower bound when the bill leaves out a component: "at least …", with
/// what is left out among the inputs and in the binding.
pub fn explain_lower_bound(plan: &Plan, m: &MonthResult, mut e: Explanation) -> Explanation {
    let Some(why) = LowerBound::of_month(m) else {
        return e;
    };
    let reason = why.reason(&plan.baseline.other_costs);
    e.figure = format!("at least {}", e.figure);
    e.binding = if e.binding.is_empty() {
        format!("a lower bound: {reason}")
    } else {
        format!("a lower bound: {reason}; {}", e.binding)
    };
    e.input("left out of the total", reason)
}

/// `e`, the working of the bill line of `component` in month `m`, saying when the line counts
/// less than it costs (no price, or beyond the catalog), which makes the month's total a lower
/// bound.
pub fn explain_cost_line(
    plan: &Plan,
    m: &MonthResult,
    component: CostComponent,
    mut e: Explanation,
) -> Explanation {
    let gaps: Vec<String> = m
        .cost
        .gaps
        .iter()
        .filter(|g| g.component() == component)
        .map(|g| g.words(&plan.baseline.other_costs))
        .collect();
    if gaps.is_empty() {
        return e;
    }
    let why = format!("{}: the month's total is a lower bound", gaps.join("; "));
    e.binding = if e.binding.is_empty() {
        why
    } else {
        format!("{why}; {}", e.binding)
    };
    e
}

/// The working of month `m`'s total cost `e`, marked as a lower bound when it is one, and in
/// month 1 with today's bill beside it (when entered).
pub fn explain_total(
    plan: &Plan,
    result: &ScenarioResult,
    m: &MonthResult,
    e: Explanation,
) -> Explanation {
    let e = explain_lower_bound(plan, m, e);
    match against_today(plan, result).and_then(|t| t.bill_text()) {
        Some(text) if m.month == 1 => e.input("against today", text),
        _ => e,
    }
}

/// The working of month `m`'s app instances `e`, in month 1 with today's instances beside it
/// (when entered).
pub fn explain_instances(
    plan: &Plan,
    result: &ScenarioResult,
    m: &MonthResult,
    e: Explanation,
) -> Explanation {
    match against_today(plan, result).and_then(|t| t.instances_text()) {
        Some(text) if m.month == 1 => e.input("against today", text),
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::presets;
    use crate::presets::computed as template;

    #[test]
    fn voiceassist_totals_are_lower_bounds_with_their_reasons() {
        let (_, results) = template("voiceassist");
        let months = &results.scenarios[0].months;
        // The runbook prices neither the database nor Redis: every month is a lower bound.
        for m in months {
            assert!(m.cost.is_lower_bound(), "month {}", m.month);
            assert!(m
                .cost
                .gaps
                .contains(&CostGap::Unpriced(CostComponent::Database)));
            assert!(m
                .cost
                .gaps
                .contains(&CostGap::Unpriced(CostComponent::Redis)));
        }
        // 1 000 × 1.5⁶ = 11 391 users × 0.1 = 1 139 connections > the 1 000 pooler clients of
        // the largest step: beyond the catalog in month 6 only.
        let beyond = CostGap::BeyondCatalog(CostComponent::Database);
        assert!(months[5].cost.gaps.contains(&beyond));
        assert!(!months[4].cost.gaps.contains(&beyond));
        assert_eq!(
            LowerBound::of_month(&months[5]).unwrap().reason(&[]),
            "the database has no price; the database is beyond the largest catalog tier; \
             Redis has no price"
        );
        assert_eq!(
            LowerBound::of(&months[2..]).unwrap().reason(&[]),
            "the database has no price; Redis has no price; \
             the database is beyond the largest catalog tier from month 6"
        );
        // The app instances are priced (m7g.large): not a gap.
        assert!(!months[0]
            .cost
            .gaps
            .contains(&CostGap::Unpriced(CostComponent::AppInstances)));
    }

    #[test]
    fn a_free_tier_beside_priced_ones_is_not_a_missing_price() {
        // The default catalogs start with free tiers (Supabase Nano at $0) and are priced
        // beyond: nothing is unpriced.
        for id in ["blank", "supabase-redis"] {
            let (_, results) = template(id);
            for s in &results.scenarios {
                for m in &s.months {
                    assert!(
                        !m.cost
                            .gaps
                            .iter()
                            .any(|g| matches!(g, CostGap::Unpriced(_))),
                        "{id} {} month {}: {:?}",
                        s.name,
                        m.month,
                        m.cost.gaps
                    );
                }
            }
        }
        // The blank plan's bills are complete.
        let (_, results) = template("blank");
        assert_eq!(LowerBound::of(&results.scenarios[0].months), None);
        // Supabase + Redis, aggressive: Redis outgrows the largest plan in month 8, the
        // database the largest tier in month 11.
        let (_, results) = template("supabase-redis");
        let why = LowerBound::of(&results.scenarios[2].months).unwrap();
        assert_eq!(
            why.reason(&[]),
            "Redis is beyond the largest catalog plan from month 8; \
             the database is beyond the largest catalog tier from month 11"
        );
    }

    #[test]
    fn unpriced_instances_and_nodes_are_gaps() {
        let mut plan = presets::find("cafe-pilot").expect("template").build();
        for i in &mut plan.catalogs.instances {
            i.usd_per_month = 0.0;
        }
        for n in &mut plan.catalogs.gpu_nodes {
            n.usd_per_month = 0.0;
        }
        let plan = plan.validate().expect("valid");
        let results = engine::run(&plan);
        let m = &results.scenarios[0].months[0];
        assert!(m
            .cost
            .gaps
            .contains(&CostGap::Unpriced(CostComponent::AppInstances)));
        assert!(m
            .cost
            .gaps
            .contains(&CostGap::Unpriced(CostComponent::GpuVoice)));
        assert_eq!(
            CostGap::Unpriced(CostComponent::GpuVoice).words(&[]),
            "the GPU voice nodes have no price"
        );
    }

    #[test]
    fn month_1_against_today() {
        let (plan, results) = template("voiceassist");
        let mut plan = plan.plan().clone();
        let result = &results.scenarios[0];
        let month1 = &result.months[0];
        // 1 500 users → 75 req/s ÷ 50 = 2 instances; today 3.
        assert_eq!(month1.app.instances, 2);
        let today = against_today(&plan, result).unwrap();
        assert_eq!(
            today.instances_text().as_deref(),
            Some("month 1: 2 instances, today 3 (−1)")
        );
        assert_eq!(
            today.bill_text(),
            None,
            "no bill entered: nothing to compare"
        );

        plan.baseline.today.monthly_bill_usd = 100.0;
        let today = against_today(&plan, result).unwrap();
        // 2 × $59.60 = $119.20, and the database and Redis are unpriced.
        assert_eq!(
            today.bill_text().as_deref(),
            Some("month 1 bill at least $119, today $100 (at least +$19.20)")
        );

        plan.baseline.today.app_instances = 0;
        plan.baseline.today.monthly_bill_usd = 0.0;
        assert_eq!(against_today(&plan, result), None);
        // The blank plan enters nothing for today: nothing to compare.
        let blank = crate::plan::Plan::default();
        let results = engine::run(&blank.clone().validate().expect("valid"));
        assert_eq!(against_today(&blank, &results.scenarios[0]), None);
    }

    #[test]
    fn explanations_say_why_a_total_is_a_lower_bound_and_set_month_1_beside_today() {
        use crate::engine::Figure;
        let mut plan = presets::find("voiceassist").expect("template").build();
        plan.baseline.today.monthly_bill_usd = 100.0;
        let plan = plan.validate().expect("valid");
        let results = engine::run(&plan);
        let explain = |month, figure| engine::explain(&plan, &results, 0, month, figure).unwrap();

        let total = explain(1, Figure::TotalCost);
        assert!(
            total.figure.starts_with("at least $119"),
            "{}",
            total.figure
        );
        assert!(
            total
                .binding
                .starts_with("a lower bound: the database has no price; Redis has no price; "),
            "{}",
            total.binding
        );
        let input = |e: &Explanation, name: &str| {
            e.inputs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            input(&total, "left out of the total").as_deref(),
            Some("the database has no price; Redis has no price")
        );
        assert_eq!(
            input(&total, "against today").as_deref(),
            Some("month 1 bill at least $119, today $100 (at least +$19.20)")
        );
        // Only month 1 is set beside today.
        assert_eq!(input(&explain(2, Figure::TotalCost), "against today"), None);
        let beyond = explain(6, Figure::TotalCost);
        assert!(
            input(&beyond, "left out of the total")
                .unwrap()
                .contains("the database is beyond the largest catalog tier"),
            "{beyond:?}"
        );
        // The unpriced line says so, and why the total is a lower bound.
        let database = results.scenarios[0].months[0]
            .cost
            .items
            .iter()
            .position(|i| i.component == CostComponent::Database)
            .unwrap();
        let line = explain(
            1,
            Figure::Cost {
                component: database,
            },
        );
        assert!(
            line.binding
                .starts_with("the database has no price: the month's total is a lower bound"),
            "{}",
            line.binding
        );
        let app = explain(1, Figure::Cost { component: 0 });
        assert!(!app.binding.contains("lower bound"), "{}", app.binding);
        let per_unit = explain(1, Figure::CostPerUnit);
        assert!(
            per_unit.figure.starts_with("at least $"),
            "{}",
            per_unit.figure
        );

        let instances = explain(1, Figure::AppInstances);
        assert_eq!(
            input(&instances, "against today").as_deref(),
            Some("month 1: 2 instances, today 3 (−1)")
        );
        assert_eq!(
            input(&explain(2, Figure::AppInstances), "against today"),
            None
        );

        // A complete bill and no baseline entered: nothing added.
        let blank = crate::plan::Plan::default().validate().expect("valid");
        let results = engine::run(&blank);
        let total = engine::explain(&blank, &results, 0, 1, Figure::TotalCost).unwrap();
        assert!(!total.figure.starts_with("at least"), "{}", total.figure);
        assert_eq!(input(&total, "left out of the total"), None);
    }

    #[test]
    fn an_exact_bill_against_today() {
        let today = AgainstToday {
            month1_instances: 7,
            today_instances: Some(4),
            month1_cost: 1240.0,
            month1_lower_bound: false,
            today_cost: Some(900.0),
            currency: crate::currency::USD,
        };
        assert_eq!(
            today.instances_text().as_deref(),
            Some("month 1: 7 instances, today 4 (+3)")
        );
        assert_eq!(
            today.bill_text().as_deref(),
            Some("month 1 bill $1\u{202f}240, today $900 (+$340)")
        );
        let same = AgainstToday {
            month1_instances: 1,
            today_instances: Some(1),
            month1_cost: 900.0,
            today_cost: Some(900.0),
            ..today
        };
        assert_eq!(
            same.instances_text().as_deref(),
            Some("month 1: 1 instance, today 1 (same)")
        );
        assert_eq!(
            same.bill_text().as_deref(),
            Some("month 1 bill $900, today $900 (same)")
        );
    }
}
