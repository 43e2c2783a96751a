//! A scenario's timeline: the upgrades and limits crossed, in month order ([`TimelineEvent`]).
//!
//! From the results of every month: database tier and Redis plan upgrades (with the limit that
//! moved them), the first month a connection pooler is needed, the first month the app needs
//! more than its maximum instances, the month a larger instance size becomes cheaper than
//! adding instances, GPU voice node increases (grouped into one entry when there are more than
//! [`MAX_SEPARATE_STEPS`]) and the month adding instances stops helping.

use super::explain::connections_words;
use super::{MonthResult, ScalingCheck};
use crate::format;
use crate::plan::{Plan, YearMonth};
use crate::sizing::SizingPolicy;
use crate::tiers::Progression;
use crate::units::PlanMonth;
use crate::vertical::{self, SizeChange, SizeChangeReason};
use crate::voice::VoiceBinding;
use serde::Serialize;

/// One upgrade or limit crossed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEvent {
    /// The plan month.
    pub month: PlanMonth,
    /// Calendar month.
    pub calendar: YearMonth,
    /// Which resource.
    pub resource: Resource,
    /// "Supabase Small → Medium: connections 101 > 80 % of 120".
    pub text: String,
    /// The last month of an entry that groups repeated steps of one resource ("GPU voice
    /// nodes 3 → 47 over months 4–120, in 44 steps"); `None` for a single step. `month` is
    /// the first step's.
    pub through_month: Option<PlanMonth>,
}

/// A resource the plan sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Resource {
    /// App instances.
    App,
    /// Managed database.
    Database,
    /// Redis.
    Redis,
    /// GPU voice nodes.
    Voice,
}

/// The scenario's timeline from its months, its tier progressions, its size change and its
/// scaling check, sorted by month and then resource (stable: events of one month and resource
/// keep the order above).
pub(super) fn timeline(
    plan: &Plan,
    months: &[MonthResult],
    db: &Progression,
    redis: &Progression,
    size_change: &SizeChange,
    scaling: Option<&ScalingCheck>,
) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let at = |month: PlanMonth| plan.start.of_plan_month(month.number());
    for upgrade in &db.upgrades {
        events.push(TimelineEvent {
            month: upgrade.month,
            calendar: at(upgrade.month),
            resource: Resource::Database,
            text: format!(
                "Database {}: {}",
                tier_move(&db_names(plan), upgrade.from, upgrade.to),
                upgrade.reason
            ),
            through_month: None,
        });
    }
    for upgrade in &redis.upgrades {
        events.push(TimelineEvent {
            month: upgrade.month,
            calendar: at(upgrade.month),
            resource: Resource::Redis,
            text: format!(
                "Redis {}: {}",
                tier_move(&redis_names(plan), upgrade.from, upgrade.to),
                upgrade.reason
            ),
            through_month: None,
        });
    }
    if let Some(m) = months.iter().find(|m| m.database.needs_pooler) {
        let tier = m.database.tier.and_then(|t| plan.catalogs.databases.get(t));
        let text = match tier {
            Some(tier) => format!(
                "Connection pooler needed: {} pass {} of {}'s {} direct connections",
                connections_words(
                    &m.database
                        .connection_check(tier, plan.policies.pooler_share())
                ),
                format::percent(plan.policies.pooler_share().get()),
                tier.name,
                tier.max_connections
            ),
            None => "Connection pooler needed".to_owned(),
        };
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::Database,
            text,
            through_month: None,
        });
    }
    if let Some(m) = months.iter().find(|m| m.app.over_max) {
        // The size to move to that month (the size change may have come earlier, on price).
        let past_max = vertical::size_change(
            &plan.catalogs.instances,
            &[m.peak_rps],
            size_change.current,
            &SizingPolicy::from(plan),
        );
        let to = past_max.move_to.and_then(|to| {
            plan.catalogs.instances.get(to).map(|t| {
                format!(
                    "move up to {} ({} instances)",
                    t.name,
                    past_max.instances_after.unwrap_or(0)
                )
            })
        });
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::App,
            text: format!(
                "App needs {} instances, above the maximum of {}: {}",
                m.app.instances,
                plan.policies.max_instances,
                to.unwrap_or_else(|| "move up an instance size".to_owned())
            ),
            through_month: None,
        });
    }
    if let (Some(month), Some(SizeChangeReason::LargerIsCheaper)) =
        (size_change.month, size_change.reason)
    {
        events.push(TimelineEvent {
            month,
            calendar: plan.start.of_plan_month(month.number()),
            resource: Resource::App,
            text: format!(
                "A larger instance size is cheaper than adding instances: {}",
                size_change.explanation.formula
            ),
            through_month: None,
        });
    }
    events.extend(voice_steps(months));
    events.extend(scaling.and_then(|check| past_peak(plan, check)));
    crate::sort::stable_sort_by(&mut events, &|a, b| {
        (a.month, a.resource).cmp(&(b.month, b.resource))
    });
    events
}

/// The first month whose instances reach the Universal Scalability Law's peak, when they do.
fn past_peak(plan: &Plan, check: &ScalingCheck) -> Option<TimelineEvent> {
    let month = check.first_month_past_peak?;
    Some(TimelineEvent {
        month,
        calendar: plan.start.of_plan_month(month.number()),
        resource: Resource::App,
        text: format!(
            "Adding instances stops helping: throughput peaks near {} instances (Universal Scalability Law)",
            format::number(check.peak_instances.unwrap_or(0.0))
        ),
        through_month: None,
    })
}

/// Steps of one resource up to this many are listed one by one; more are grouped into one entry.
pub const MAX_SEPARATE_STEPS: usize = 2;

/// GPU voice node increases: each one (with the rule that binds) while there are at most
/// [`MAX_SEPARATE_STEPS`]; beyond that one entry from the first step to the last, so a fleet
/// that grows every month reads "GPU voice nodes 3 → 47 over months 4–120 (Apr 2027 – Dec
/// 2036), in 44 steps" rather than 44 entries.
fn voice_steps(months: &[MonthResult]) -> Vec<TimelineEvent> {
    struct Step<'a> {
        month: &'a MonthResult,
        from: u64,
        to: u64,
        binding: VoiceBinding,
    }
    let mut steps = Vec::new();
    let mut last_nodes = None;
    for m in months {
        if let Some(v) = &m.voice {
            if let Some(from) = last_nodes.filter(|&n| v.nodes > n) {
                steps.push(Step {
                    month: m,
                    from,
                    to: v.nodes,
                    binding: v.binding,
                });
            }
            last_nodes = Some(v.nodes);
        }
    }
    let single = |step: &Step| TimelineEvent {
        month: step.month.month,
        calendar: step.month.calendar,
        resource: Resource::Voice,
        text: format!(
            "GPU voice nodes {} → {} ({})",
            step.from,
            step.to,
            step.binding.as_str()
        ),
        through_month: None,
    };
    match (steps.first(), steps.last()) {
        (Some(first), Some(last)) if steps.len() > MAX_SEPARATE_STEPS => vec![TimelineEvent {
            month: first.month.month,
            calendar: first.month.calendar,
            resource: Resource::Voice,
            text: format!(
                "GPU voice nodes {} → {} over months {}–{} ({} – {}), in {} steps ({} at the last)",
                first.from,
                last.to,
                first.month.month,
                last.month.month,
                first.month.calendar.label(),
                last.month.calendar.label(),
                steps.len(),
                last.binding.as_str()
            ),
            through_month: Some(last.month.month),
        }],
        _ => steps.iter().map(single).collect(),
    }
}

fn db_names(plan: &Plan) -> Vec<String> {
    plan.catalogs
        .databases
        .iter()
        .map(|t| t.name.clone())
        .collect()
}

fn redis_names(plan: &Plan) -> Vec<String> {
    plan.catalogs.redis.iter().map(|t| t.name.clone()).collect()
}

fn tier_move(names: &[String], from: Option<usize>, to: Option<usize>) -> String {
    let name = |i: Option<usize>| {
        i.and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_else(|| "beyond the catalog".to_owned())
    };
    format!("{} → {}", name(from), name(to))
}
