//! Scenarios side by side: every scenario's key figures for one month with their differences
//! against a reference scenario, and the break points where scenarios part ways.
//!
//! A *break point* is the first month a scenario needs a step the plan has to prepare for: a
//! database tier or Redis plan (or anything larger), a Redis cluster, a connection pooler, more
//! app instances than the maximum, demand beyond a catalog, the point where adding instances
//! stops helping, or a GPU voice fleet's first step and each doubling. Comparing those months across scenarios gives the sentences a planner acts
//! on: "Aggressive needs Team 4 months before Moderate (month 7 vs 11)".
//!
//! Everything here reads [`PlanResults`](crate::engine::PlanResults) only; nothing is recomputed.

mod breaks;
mod month;
#[cfg(test)]
mod tests;

pub use breaks::{break_points, break_sentences, BreakPoint, BreakSentence};
pub use month::{compare_month, CompareCell, CompareRow, Comparison, Difference, Direction};

use crate::engine::Resource;

/// A resource's name as the page writes it: "App", "Database", "Redis", "GPU voice".
pub fn resource_name(resource: Resource) -> &'static str {
    match resource {
        Resource::App => "App",
        Resource::Database => "Database",
        Resource::Redis => "Redis",
        Resource::Voice => "GPU voice",
    }
}
