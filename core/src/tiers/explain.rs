//! Tiers in words: why a month needs its tier, why an upgrade happens, and the triggers that
//! decide both.

#[cfg(feature = "upgrade-reasons")]
use super::walk::usage_pct;
use super::walk::{binding, clean_need, fits, limit_of, trigger_of, Dimension, TierSpec};
use crate::explain::Explanation;
use crate::format;

pub(super) fn amount(value: f64, unit: &str) -> String {
    format::with_unit(value, unit)
}

/// What a month needs of a dimension: a count (no unit, such as connections) is whole, rounded
/// up as the need is; an amount keeps its decimals. Limits and thresholds stay as they are.
pub(super) fn need_amount(value: f64, unit: &str) -> String {
    if unit.is_empty() {
        format::count(value)
    } else {
        amount(value, unit)
    }
}

#[cfg(feature = "upgrade-reasons")]
pub(super) fn upgrade_reason(
    from: &TierSpec,
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
) -> String {
    // The failing dimension closest to (furthest past) its limit.
    let failing = need
        .iter()
        .enumerate()
        .filter(|&(d, &n)| {
            let limit = limit_of(from, d);
            limit != f64::INFINITY && n > limit * trigger_of(triggers, d)
        })
        .max_by(|a, b| {
            usage_pct(*a.1, limit_of(from, a.0)).total_cmp(&usage_pct(*b.1, limit_of(from, b.0)))
        });
    match failing {
        Some((d, &n)) => {
            let dim = &dimensions[d];
            format!(
                "{} {} > {} of {}",
                dim.name,
                need_amount(n, dim.unit),
                format::percent(trigger_of(triggers, d)),
                amount(limit_of(from, d), dim.unit)
            )
        }
        None => format!("{} no longer fits", from.name),
    }
}

/// Why `chosen` (an index into `tiers`, `None` = beyond the catalog) serves `need` (raw, one
/// entry per dimension) at `triggers` (a fraction per dimension).
pub(crate) fn explain_choice(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
    chosen: Option<usize>,
) -> Explanation {
    let need: Vec<f64> = (0..dimensions.len())
        .map(|d| clean_need(need.get(d).copied().unwrap_or(0.0)))
        .collect();
    explain_month(tiers, dimensions, &need, triggers, chosen)
}

pub(super) fn explain_month(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
    chosen: Option<usize>,
) -> Explanation {
    let Some(last) = tiers.len().checked_sub(1) else {
        return Explanation::new("beyond the catalog").binding("the catalog is empty");
    };
    let shown = chosen.unwrap_or(last);
    let spec = &tiers[shown];
    let bind = binding(spec, need);
    let figure = match chosen {
        Some(_) => spec.name.clone(),
        None => "beyond the catalog".to_owned(),
    };
    let comparisons: Vec<String> = need
        .iter()
        .enumerate()
        .filter(|&(d, _)| limit_of(spec, d) != f64::INFINITY)
        .map(|(d, &n)| {
            let dim = &dimensions[d];
            let limit = limit_of(spec, d);
            let trigger = trigger_of(triggers, d);
            let sign = if n <= limit * trigger { "≤" } else { ">" };
            format!(
                "{} {} {sign} {} × {} = {}",
                dim.name,
                need_amount(n, dim.unit),
                format::percent(trigger),
                amount(limit, dim.unit),
                amount(limit * trigger, dim.unit)
            )
        })
        .collect();
    let mut explanation = Explanation::new(figure)
        .formula(if comparisons.is_empty() {
            format!("{}: every dimension is unlimited", spec.name)
        } else {
            comparisons.join("; ")
        })
        .input("scale-up trigger", trigger_words(dimensions, triggers));
    for (d, &n) in need.iter().enumerate() {
        explanation = explanation.input(dimensions[d].name, need_amount(n, dimensions[d].unit));
    }
    let mut because = match (chosen, bind) {
        (Some(_), Some((d, pct))) => format!(
            "{} is closest to its limit ({} of {})",
            dimensions[d].name,
            format::percent(pct / 100.0),
            amount(limit_of(spec, d), dimensions[d].unit)
        ),
        (Some(_), None) => "no limit binds".to_owned(),
        (None, Some(_)) if fits(spec, need, triggers) => {
            "beyond the catalog since an earlier month: tiers never go down".to_owned()
        }
        (None, Some((d, _))) => format!(
            "even the largest tier, {}, is too small: {} {} > {} of {}",
            spec.name,
            dimensions[d].name,
            need_amount(need[d], dimensions[d].unit),
            format::percent(trigger_of(triggers, d)),
            amount(limit_of(spec, d), dimensions[d].unit)
        ),
        (None, None) => "beyond the catalog since an earlier month".to_owned(),
    };
    if let Some(t) = chosen {
        let smallest = (0..tiers.len()).find(|&s| fits(&tiers[s], need, triggers));
        if smallest.is_some_and(|s| s < t) {
            because.push_str("; held from an earlier month: tiers never go down");
        }
    }
    explanation.binding(because)
}

/// The triggers in words: "80 %" when every dimension has the same, else each with its
/// dimension ("connections 80 %, database size 75 %").
pub(super) fn trigger_words(dimensions: &[Dimension], triggers: &[f64]) -> String {
    let first = trigger_of(triggers, 0);
    if (1..dimensions.len()).all(|d| trigger_of(triggers, d) == first) {
        return format::percent(first);
    }
    let words: Vec<String> = dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| format!("{} {}", dim.name, format::percent(trigger_of(triggers, d))))
        .collect();
    words.join(", ")
}
