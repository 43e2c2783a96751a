//! One size at a time: every instance type sized for the peak, what its fleet costs, and
//! the cheapest within the maximum.

use super::mix::{cheapest_mix, InstanceMix};
use super::{rps, SizingPolicy};
use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::InstanceType;
use crate::tiers::{demand_amount, supply_amount, USAGE_PCT_CAP};
use serde::Serialize;

/// One instance type sized for the peak.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeOption {
    /// Index of the type in the catalog.
    pub instance: usize,
    /// Name of the type.
    pub name: String,
    /// Instances the peak alone needs at the target utilisation.
    pub needed_for_load: u64,
    /// Instances to run: max(minimum, needed + redundancy).
    pub instances: u64,
    /// instances × price, USD per month.
    pub usd_per_month: f64,
    /// Whether `instances` is more than the policy's maximum.
    pub exceeds_max: bool,
    /// Peak load over the capacity of all `instances`, in percent.
    pub utilisation_at_peak_pct: f64,
    /// The working.
    pub explanation: Explanation,
}

/// Every instance type sized for one peak.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerticalComparison {
    /// The peak compared for, req/s (after the safety rules of the module docs).
    pub peak_rps: f64,
    /// One entry per catalog type, in catalog order.
    pub options: Vec<SizeOption>,
    /// Index of the cheapest type within the maximum; `None` when every type passes it.
    pub cheapest: Option<usize>,
    /// The policy's maximum instance count the options were checked against.
    pub max_instances: u32,
    /// Which type is cheapest and why.
    pub explanation: Explanation,
    /// The cheapest fleet of up to two sizes within the maximum (see [`cheapest_mix`]); never
    /// dearer than the cheapest single type. `None` when nothing fits the maximum.
    pub cheapest_mix: Option<InstanceMix>,
    /// The currency of the prices (the explanations and advice write them in it).
    pub currency: Currency,
}

/// Index of the catalog type called `name` (e.g. [`Policies::app_instance`](crate::plan::Policies::app_instance)).
///
/// # Example
/// ```
/// use headroom_core::{catalog, vertical::find_instance};
/// assert_eq!(find_instance(&catalog::default_instances(), "m7g.large"), Some(2));
/// ```
pub fn find_instance(instances: &[InstanceType], name: &str) -> Option<usize> {
    instances.iter().position(|i| i.name == name)
}

pub(super) fn size_one(
    index: usize,
    instance: &InstanceType,
    peak_rps: f64,
    policy: &SizingPolicy,
) -> SizeOption {
    let app = crate::sizing::size_app(peak_rps, instance, policy);
    let price = supply_amount(instance.usd_per_month);
    let instances = app.instances;
    let needed_for_load = app.needed_for_load;
    let usd_per_month = instances as f64 * price;
    let exceeds_max = app.over_max;
    let utilisation_at_peak_pct = (app.utilisation_at_peak * 100.0).min(USAGE_PCT_CAP);
    let app_explanation = app.explain(&instance.name);
    let money = |x| format::money(x, policy.currency);
    let explanation = Explanation::new(format!(
        "{instances} × {} = {}/month",
        instance.name,
        money(usd_per_month)
    ))
    .formula(format!(
        "{}; {instances} × {} = {}",
        app_explanation.formula,
        money(price),
        money(usd_per_month)
    ))
    .input("price", format!("{}/month", money(price)));
    let explanation = Explanation {
        inputs: app_explanation
            .inputs
            .into_iter()
            .chain(explanation.inputs)
            .collect(),
        binding: app_explanation.binding,
        ..explanation
    };
    SizeOption {
        instance: index,
        name: instance.name.clone(),
        needed_for_load,
        instances,
        usd_per_month,
        exceeds_max,
        utilisation_at_peak_pct,
        explanation,
    }
}

/// The cheapest option within the maximum among `options` (ties: fewer instances, then the
/// earlier type).
pub(super) fn cheapest_of<'a>(
    options: impl Iterator<Item = &'a SizeOption>,
) -> Option<&'a SizeOption> {
    options.filter(|o| !o.exceeds_max).min_by(|a, b| {
        a.usd_per_month
            .total_cmp(&b.usd_per_month)
            .then(a.instances.cmp(&b.instances))
            .then(a.instance.cmp(&b.instance))
    })
}

/// Sizes every instance type for `peak_rps` and finds the cheapest within `max_instances`.
///
/// Per type: instances = max(min_instances, ⌈peak ÷ (capacity × target)⌉ + redundancy), cost =
/// instances × price (see the module documentation).
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{compare_sizes, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // 70 %, N+0, 2–10 instances
/// let c = compare_sizes(&catalog::default_instances(), 140.0, &policy);
/// assert_eq!(c.options[2].instances, 4); // m7g.large: ⌈140 ÷ (50 × 70 %)⌉ = 4 exactly
/// assert_eq!(c.cheapest, Some(0));        // 5 × t4g.medium = $122.5
/// ```
pub fn compare_sizes(
    instances: &[InstanceType],
    peak_rps: f64,
    policy: &SizingPolicy,
) -> VerticalComparison {
    let peak_rps = demand_amount(peak_rps);
    let options: Vec<SizeOption> = instances
        .iter()
        .enumerate()
        .map(|(i, instance)| size_one(i, instance, peak_rps, policy))
        .collect();
    let best = cheapest_of(options.iter());
    let money = |x| format::money(x, policy.currency);
    let explanation = match best {
        Some(o) => Explanation::new(format!("{} × {}", o.instances, o.name))
            .formula(format!(
                "cheapest of the types within {} instances: {}/month",
                policy.max_instances,
                money(o.usd_per_month)
            ))
            .input("peak", rps(peak_rps))
            .binding("the lowest monthly cost (ties: fewer instances)"),
        None => Explanation::new("no instance type")
            .formula(format!(
                "every type needs more than {} instances for {}",
                policy.max_instances,
                rps(peak_rps)
            ))
            .input("peak", rps(peak_rps))
            .binding("the maximum instance count: re-architect (shard, cache, queue) or raise it"),
    };
    let cheapest_mix = cheapest_mix(instances, peak_rps, policy);
    VerticalComparison {
        peak_rps,
        cheapest: best.map(|o| o.instance),
        max_instances: policy.max_instances,
        options,
        explanation,
        cheapest_mix,
        currency: policy.currency,
    }
}
