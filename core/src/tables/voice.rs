//! The GPU voice table: concurrent sessions, offered load, GPU nodes by sessions and by
//! queueing, and the wait or response at the percentile.

use super::cells::{amount, count, rows};
use super::{Cell, Column, Flag, Table};
use crate::engine::{Figure, ScenarioResult};
use crate::format;
use crate::plan::{Plan, VoiceTarget};

pub(super) fn voice_table(plan: &Plan, result: &ScenarioResult, labels: &[String]) -> Table {
    let policy = &plan.policies.voice;
    let percentile = format::number(policy.percentile_pct);
    // With a response target the column shows the response at the percentile: the wait plus
    // the GPU time (docs/models.md "GPU voice nodes").
    let gpu_s = plan
        .baseline
        .voice
        .as_ref()
        .map_or(0.0, |v| v.gpu_seconds_per_interaction);
    let (column, kind, target_s, added_s) = match policy.target {
        VoiceTarget::Wait => ("Wait", "wait", policy.wait_target_s, 0.0),
        VoiceTarget::Response => ("Response", "response", policy.response_target_s, gpu_s),
    };
    let columns = vec![
        Column::new("sessions", "Concurrent sessions", "").explained(Figure::GpuNodes),
        Column::new("interactions", "Interactions", "per s").explained(Figure::GpuNodes),
        Column::new("erlangs", "Offered load", "erlangs").explained(Figure::GpuNodes),
        Column::new("by-concurrency", "Nodes by sessions", "").explained(Figure::GpuNodes),
        Column::new("by-queue", "Nodes by queueing", "").explained(Figure::GpuNodes),
        Column::new("nodes", "GPU nodes", "").explained(Figure::GpuNodes),
        Column::new("wait", format!("{column} at p{percentile}"), "s").explained(Figure::GpuNodes),
        Column::new("binding", "Binds", "")
            .explained(Figure::GpuNodes)
            .text(),
    ];
    let width = columns.len();
    let rows = rows(result, labels, |i, m| {
        let Some(v) = &m.voice else {
            return std::iter::repeat_n(Cell::words("—"), width).collect();
        };
        let previous = i
            .checked_sub(1)
            .and_then(|p| result.months.get(p))
            .and_then(|p| p.voice.as_ref())
            .map(|p| p.nodes);
        let more = previous
            .is_some_and(|p| v.nodes > p)
            .then_some(Flag::MoreNodes);
        vec![
            amount(v.concurrent_sessions),
            amount(v.interactions_per_s),
            amount(v.offered_load_erlangs),
            count(v.nodes_by_concurrency),
            count(v.nodes_by_queue),
            count(v.nodes).flagged(more),
            match v.wait_at_percentile_s {
                Some(wait) => amount(wait + added_s),
                None => Cell::words(v.no_wait_words()),
            },
            Cell::words(v.binding.as_str()),
        ]
    });
    Table {
        id: "voice",
        title: "GPU voice".to_owned(),
        note: Some(format!(
            "{} nodes; {kind} target p{percentile} ≤ {} s.",
            policy.gpu_node,
            format::number(target_s)
        )),
        priced_on: None,
        columns,
        rows,
    }
}
