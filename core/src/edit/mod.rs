//! Editing a plan: the operations behind the page's scenario, catalog and baseline editors.
//!
//! The editors only decide *when* something happens (a click, a keystroke); *what* happens to
//! the plan is here, as plain functions on [`Plan`] that are tested natively: adding,
//! duplicating, deleting and reordering scenarios with names that stay unique, switching a
//! scenario's growth model while keeping its trajectory, calendar-effect presets, catalog rows
//! and their reset to the defaults (repointing whatever referred to a removed entry), and the
//! one-line digests the editors show for a scenario, a growth model or a catalog entry.
//!
//! Every function is total: it accepts a half-edited plan, an index out of range or a name
//! that is empty, and then does nothing (returns `None`/`false`) rather than panic.
//!
//! One file a concept: names, the scenario list and other cost lines here; traffic and voice
//! (`traffic.rs`), growth models (`growth_model.rs`), calendar effects (`calendar.rs`) and catalogs
//! (`catalogs.rs`).

mod calendar;
mod catalogs;
mod growth_model;
mod ranges;
mod reshape;
mod traffic;

pub use calendar::*;
pub use catalogs::*;
pub use growth_model::*;
pub use ranges::*;
pub use reshape::*;
pub use traffic::*;

use crate::plan::{CostLine, Growth, Plan, Scenario};
use crate::validate::{MAX_LIST, MAX_SCENARIOS};

/// Dates in the plan (trend history, the catalogs' price date); re-exported so the page can
/// name the type without depending on the date library itself.
pub use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------------
// Names and labels
// ---------------------------------------------------------------------------------------------

/// `base` if no name in `taken` equals it (ignoring case and surrounding spaces, as validation
/// compares names), else `base 2`, `base 3`, …
///
/// # Example
/// ```
/// use headroom_core::edit::unique_name;
/// assert_eq!(unique_name("Scenario", ["Steady"]), "Scenario");
/// assert_eq!(unique_name("Scenario", ["scenario ", "Scenario 2"]), "Scenario 3");
/// ```
pub fn unique_name<'a>(base: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: Vec<String> = taken.into_iter().map(normalise).collect();
    let free = |name: &str| !taken.contains(&normalise(name));
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| free(name))
        .unwrap_or_else(|| base.to_owned())
}

/// The name of a copy of `name`: "Moderate (copy)", then "Moderate (copy 2)", … A copy of a
/// copy is named after the original ("Moderate (copy 2)", not "Moderate (copy) (copy)").
pub fn copy_name<'a>(name: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let original = strip_copy_suffix(name.trim());
    let taken: Vec<String> = taken.into_iter().map(normalise).collect();
    let free = |candidate: &str| !taken.contains(&normalise(candidate));
    let first = format!("{original} (copy)");
    if free(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{original} (copy {n})"))
        .find(|candidate| free(candidate))
        .unwrap_or(first)
}

fn strip_copy_suffix(name: &str) -> &str {
    if let Some(stem) = name.strip_suffix(" (copy)") {
        return stem;
    }
    // " (copy N)": digits between " (copy " and the closing parenthesis.
    let Some(inner) = name.strip_suffix(')') else {
        return name;
    };
    let before_digits = inner.trim_end_matches(|c: char| c.is_ascii_digit());
    match before_digits.strip_suffix(" (copy ") {
        Some(stem) if before_digits.len() < inner.len() => stem,
        _ => name,
    }
}

/// A name as two names are compared: without surrounding space, in lower case ("Moderate"
/// and " moderate" are the same name, and "Café" and "CAFÉ"; `text::lower_case` says which
/// alphabets). Validation finds repeated names by it too.
pub(crate) fn normalise(name: &str) -> String {
    crate::text::lower_cased(name.trim())
}

/// One of a demand unit: "cafés" → "café", "users" → "user"; a unit without a plural `s` is
/// kept ("staff"), and an empty one reads "unit".
pub fn singular(unit: &str) -> String {
    let trimmed = unit.trim();
    if trimmed.is_empty() {
        return "unit".to_owned();
    }
    match trimmed.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// A field label that speaks of "unit" in the plan's own demand unit: "Database data per
/// unit" → "Database data per café". Labels without "unit" are returned unchanged.
///
/// # Example
/// ```
/// use headroom_core::edit::label_in_units;
/// assert_eq!(label_in_units("Requests per unit per day", "users"), "Requests per user per day");
/// assert_eq!(label_in_units("Redis keys per unit", "cafés"), "Redis keys per café");
/// assert_eq!(label_in_units("Headroom", "users"), "Headroom");
/// ```
pub fn label_in_units(label: &str, demand_unit: &str) -> String {
    let one = singular(demand_unit);
    let lower = crate::text::replace_all(label, "per unit", &format!("per {one}"));
    crate::text::replace_all(&lower, "Per unit", &format!("Per {one}"))
}

/// Rounds to `digits` significant digits (a sensible value to show in a field generated from a
/// curve): 1 265.3 → 1 270 with 3 digits. Non-finite values become 0.
pub fn round_significant(value: f64, digits: i32) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return 0.0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/// The scenario "Add" creates: 5 % growth a month with 1 % churn, named "Scenario N".
pub fn new_scenario(plan: &Plan) -> Scenario {
    let name = unique_name(
        &format!("Scenario {}", plan.scenarios.len() + 1),
        plan.scenarios.iter().map(|s| s.name.as_str()),
    );
    Scenario {
        name,
        growth: Growth::Compound {
            monthly_growth_pct: 5.0,
            monthly_churn_pct: 1.0,
        },
        calendar: Vec::new(),
        traffic: None,
        data_monthly_growth_pct: None,
        background_monthly_growth_pct: None,
    }
}

/// Whether another scenario fits ([`MAX_SCENARIOS`]).
pub fn can_add_scenario(plan: &Plan) -> bool {
    plan.scenarios.len() < MAX_SCENARIOS
}

/// Appends [`new_scenario`]; returns its index, or `None` when the plan is full.
pub fn add_scenario(plan: &mut Plan) -> Option<usize> {
    if !can_add_scenario(plan) {
        return None;
    }
    let scenario = new_scenario(plan);
    plan.scenarios.push(scenario);
    Some(plan.scenarios.len() - 1)
}

/// Inserts a copy of scenario `index` right after it, named "… (copy)"; returns the copy's
/// index, or `None` when there is no such scenario or the plan is full.
pub fn duplicate_scenario(plan: &mut Plan, index: usize) -> Option<usize> {
    if !can_add_scenario(plan) {
        return None;
    }
    let mut copy = plan.scenarios.get(index)?.clone();
    copy.name = copy_name(&copy.name, plan.scenarios.iter().map(|s| s.name.as_str()));
    plan.scenarios.insert(index + 1, copy);
    move_ranges(plan, SCENARIOS, |i| Some(if i > index { i + 1 } else { i }));
    copy_ranges(plan, SCENARIOS, index, index + 1);
    Some(index + 1)
}

/// The scenario list's path, as ranges name its fields.
const SCENARIOS: &str = "scenarios";

/// Moves scenario `from` to position `to`, its ranges with it; `false` when nothing moved.
pub fn move_scenario(plan: &mut Plan, from: usize, to: usize) -> bool {
    let moved = move_item(&mut plan.scenarios, from, to);
    if moved {
        move_ranges(plan, SCENARIOS, |i| Some(moved_index(i, from, to)));
    }
    moved
}

/// Removes scenario `index` and returns it; never removes the last scenario (a plan needs one).
pub fn delete_scenario(plan: &mut Plan, index: usize) -> Option<Scenario> {
    if plan.scenarios.len() <= 1 || index >= plan.scenarios.len() {
        return None;
    }
    let removed = plan.scenarios.remove(index);
    drop_entry_ranges(plan, SCENARIOS, index);
    Some(removed)
}

/// Moves `list[from]` to position `to`; `false` (and nothing moved) when either is out of range
/// or they are equal.
pub fn move_item<T>(list: &mut Vec<T>, from: usize, to: usize) -> bool {
    if from == to || from >= list.len() || to >= list.len() {
        return false;
    }
    let item = list.remove(from);
    list.insert(to, item);
    true
}

// ---------------------------------------------------------------------------------------------
// Other costs
// ---------------------------------------------------------------------------------------------

/// Adds a cost line ("Monitoring", $0 a month) and returns its index, or `None` when full.
pub fn add_cost_line(plan: &mut Plan) -> Option<usize> {
    let lines = &mut plan.baseline.other_costs;
    if lines.len() >= MAX_LIST {
        return None;
    }
    let name = unique_name("Monitoring", lines.iter().map(|l| l.name.as_str()));
    lines.push(CostLine::new(&name, 0.0, 0.0));
    Some(lines.len() - 1)
}

#[cfg(test)]
mod tests;
