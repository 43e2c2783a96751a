//! The database and Redis tables: the tier each month, its upgrades and what it is sized
//! on.

use super::cells::{amount, rows, whole};
use super::{Cell, Column, Flag, Table};
use crate::engine::{Figure, ScenarioResult};
use crate::format;
use crate::plan::Plan;

/// The flag of a month's tier: beyond the catalog, or an upgrade into it.
fn tier_flag(
    tier: Option<usize>,
    month: crate::units::PlanMonth,
    upgrades: &[crate::tiers::Upgrade],
) -> Option<Flag> {
    if tier.is_none() {
        Some(Flag::BeyondCatalog)
    } else if upgrades.iter().any(|u| u.month == month) {
        Some(Flag::Upgrade)
    } else {
        None
    }
}

pub(super) fn database_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let per_unit_rule = plan.baseline.database.connections_per_unit > 0.0;
    let unit_name = plan.baseline.demand_unit.as_str();
    let mut columns = vec![
        Column::new("connections", "Connections", "").explained(Figure::DbConnections),
        Column::new("from-pools", "From app pools", "").explained(Figure::DbConnections),
    ];
    if per_unit_rule {
        columns.push(
            Column::new("from-units", format!("From {unit_name}"), "")
                .explained(Figure::DbConnections),
        );
    }
    columns.extend([
        Column::new("data", "Data", "GB").explained(Figure::DbTier),
        Column::new("tier", "Tier", "")
            .explained(Figure::DbTier)
            .text(),
        Column::new("usage", "Tier use", "%").explained(Figure::DbTier),
        Column::new("pooler", "Pooler", "")
            .explained(Figure::DbPooler)
            .text(),
    ]);
    let names = &plan.catalogs.databases;
    let rows = rows(result, labels, |i, m| {
        let db = &m.database;
        let mut cells = vec![whole(db.connections), whole(db.connections_from_pools)];
        if per_unit_rule {
            cells.push(whole(db.connections_from_units));
        }
        let tier_month = result.database_tiers.months.get(i);
        let flag = tier_flag(db.tier, m.month, &result.database_tiers.upgrades);
        let usage = tier_month.map_or(0.0, |t| t.usage_pct);
        cells.extend([
            amount(db.data_gb),
            Cell::words(tier_text(
                db.tier.and_then(|t| names.get(t)).map(|t| &t.name),
            ))
            .flagged(flag),
            Cell::number(usage, format::percent(usage / 100.0)),
            Cell::words(if db.tier.is_none() {
                "—"
            } else if db.needs_pooler {
                "needed"
            } else {
                "direct"
            })
            .flagged(db.needs_pooler.then_some(Flag::PoolerNeeded)),
        ]);
        cells
    });
    Table {
        id: "database",
        title: "Database".to_owned(),
        note: Some(format!(
            "Moves up a tier when {} of a limit; a pooler is advised above {} of direct connections.",
            database_triggers_words(&result.database_tiers),
            format::percent(plan.policies.pooler_share().get())
        )),
        priced_on: None,
        columns,
        rows,
    }
}

/// "a need passes 80 %", or "connections pass 80 % or its size 75 %" when the walk used a
/// trigger of its own for either limit (the walk's triggers, as its explanations give them).
fn database_triggers_words(walk: &crate::tiers::Progression) -> String {
    let [connections, size] = walk.triggers.map(format::percent);
    if connections == size {
        format!("a need passes {connections}")
    } else {
        format!("connections pass {connections} or its size {size}")
    }
}

fn tier_text(name: Option<&String>) -> String {
    name.cloned()
        .unwrap_or_else(|| "beyond the catalog".to_owned())
}

pub(super) fn redis_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let columns = vec![
        Column::new("data", "Data", "MB").explained(Figure::RedisMemory),
        Column::new("node-memory", "Node memory", "MB").explained(Figure::RedisMemory),
        Column::new("maxmemory", "maxmemory", "MB").explained(Figure::RedisMemory),
        Column::new("plan", "Plan", "")
            .explained(Figure::RedisPlan)
            .text(),
        Column::new("topology", "Topology", "")
            .explained(Figure::RedisPlan)
            .text(),
        Column::new("usage", "Plan use", "%").explained(Figure::RedisPlan),
    ];
    let plans = &plan.catalogs.redis;
    let rows = rows(result, labels, |i, m| {
        let r = &m.redis;
        let flag = tier_flag(r.plan, m.month, &result.redis_plans.upgrades);
        let usage = result
            .redis_plans
            .months
            .get(i)
            .map_or(0.0, |t| t.usage_pct);
        vec![
            amount(r.need.data_mb),
            amount(r.need.node_memory_mb),
            amount(r.need.maxmemory_mb),
            Cell::words(tier_text(
                r.plan.and_then(|p| plans.get(p)).map(|p| &p.name),
            ))
            .flagged(flag),
            Cell::words(r.topology_words().unwrap_or("—")),
            Cell::number(usage, format::percent(usage / 100.0)),
        ]
    });
    Table {
        id: "redis",
        title: "Redis".to_owned(),
        note: Some(format!(
            "Node memory keeps {} free for saves and rewrites; moves up a plan past {} of its memory.",
            format::percent(1.0 - plan.policies.redis.maxmemory_share_pct / 100.0),
            format::percent(result.redis_plans.triggers[0])
        )),
        priced_on: None,
        columns,
        rows,
    }
}
