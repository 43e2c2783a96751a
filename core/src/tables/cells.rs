//! What every table builder shares: one row per month, and the cells of counts, amounts,
//! percentages and money as the tables write them.

use super::{Cell, Row};
use crate::currency::Currency;
use crate::engine::{MonthResult, ScenarioResult};
use crate::format;

pub(super) fn rows(
    result: &ScenarioResult,
    labels: &[String],
    cells: impl Fn(usize, &MonthResult) -> Vec<Cell>,
) -> Vec<Row> {
    rows_with(result, labels, cells, |_| None)
}

/// Rows, each with the reason its totals are lower bounds (if any) from `lower_bound`.
pub(super) fn rows_with(
    result: &ScenarioResult,
    labels: &[String],
    cells: impl Fn(usize, &MonthResult) -> Vec<Cell>,
    lower_bound: impl Fn(&MonthResult) -> Option<String>,
) -> Vec<Row> {
    result
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| Row {
            month: m.month.number(),
            label: labels.get(i).cloned().unwrap_or_default(),
            cells: cells(i, m),
            lower_bound: lower_bound(m),
        })
        .collect()
}

pub(super) fn count(value: u64) -> Cell {
    Cell::number(value as f64, format::number(value as f64))
}

/// A count of things that is computed as a fraction (connections from a per-unit rule):
/// shown and kept whole, rounded up.
pub(super) fn whole(value: f64) -> Cell {
    Cell::number(
        crate::sizing::ceil_count(value) as f64,
        format::count(value),
    )
}

pub(super) fn amount(value: f64) -> Cell {
    Cell::number(value, format::number(value))
}

pub(super) fn percent(fraction: f64) -> Cell {
    Cell::number(fraction * 100.0, format::percent(fraction))
}

pub(super) fn money(value: f64, currency: Currency) -> Cell {
    Cell::number(value, format::money(value, currency))
}

/// Units as the growth explanation shows them: whole from 100 up.
pub(crate) fn units_amount(units: f64) -> f64 {
    if units.abs() >= 100.0 {
        units.round()
    } else {
        units
    }
}

/// "users" → "user"; names that do not end in a plain "s" are kept.
pub fn singular(unit_name: &str) -> &str {
    match unit_name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem,
        _ => unit_name,
    }
}
