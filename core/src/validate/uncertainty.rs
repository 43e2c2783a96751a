//! The ranges: the trials' settings, each range's field and its distribution.
//!
//! A range's field must name a number of this plan, found by [`field_path::field_number`] in
//! the plan's document as the writer writes it (written only when the plan has ranges, so a
//! plan without them is checked as fast as before), and a number that may be fractional: a
//! whole-number field (a month, a count such as `policies.redundancy`, `min_instances` or
//! `pool_per_instance`, a year) is refused, since a trial's draw would not be one. Every `f64`
//! of the plan outside the uncertainty section itself can take a range. A field takes at most
//! one range.

use super::{at, repeated, specs, Checker, MAX_LIST};
use crate::codec::{field_path, plan_writer};
use crate::format::number;
use crate::plan::{Distribution, Plan, Uncertainty};
use crate::text::excerpt;
use serde_json::Value;

/// The path of the section, and the first key of every path inside it.
const SECTION: &str = "uncertainty";

/// The section's problems, each range's field looked up in `document`, the plan's document as
/// the writer writes it (made when first needed when `None`).
pub(super) fn check_uncertainty(c: &mut Checker, plan: &Plan, document: Option<&Value>) {
    let Some(u) = &plan.uncertainty else {
        return;
    };
    // The seed is any u32: nothing to check.
    c.count(at(SECTION, "trials"), specs::TRIALS, u.trials);
    check_band(c, u);
    if let Some(p) = u.size_for_pct {
        if !(p > 0.0 && p < 100.0) {
            c.fail(
                at(SECTION, "size_for_pct"),
                format!(
                    "The percentile to size for {}",
                    between(p, "above 0 % and below 100 %")
                ),
            );
        }
    }
    let ranges = &u.ranges;
    let path = at(SECTION, "ranges");
    if ranges.is_empty() || !c.list_len(&path, "The list of ranges", ranges.len(), 0, MAX_LIST) {
        return;
    }
    let written;
    let document = match document {
        Some(d) => d,
        None => {
            written = plan_writer::plan_value(plan);
            &written
        }
    };
    let mut seen = Vec::new();
    for (i, range) in ranges.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let field = &range.field;
        let field_at = at(&path, "field");
        // A field refused itself (a number that is not finite is not written as one) is
        // not also refused here.
        let refused = c.errors.iter().any(|e| e.path == *field);
        if let Some(problem) = field_problem(document, field).filter(|_| !refused) {
            c.fail(
                field_at,
                format!("The range's field \"{}\" {problem}", excerpt(field)),
            );
        } else if repeated(&mut seen, field.as_str()) {
            c.fail(
                field_at,
                format!(
                    "The field \"{}\" has a range already: give each field one range",
                    excerpt(field)
                ),
            );
        }
        check_distribution(c, &at(&path, "distribution"), &range.distribution);
    }
}

/// The band's percentiles: the lower above 0 and below the median, the upper above the median
/// and below 100.
fn check_band(c: &mut Checker, u: &Uncertainty) {
    let [low, high] = u.band_pct;
    let path = at(SECTION, "band_pct");
    if !(low > 0.0 && low < 50.0) {
        c.fail(
            format!("{path}[0]"),
            format!(
                "The band's lower percentile {}",
                between(low, "above 0 % and below 50 % (the median)")
            ),
        );
    }
    if !(high > 50.0 && high < 100.0) {
        c.fail(
            format!("{path}[1]"),
            format!(
                "The band's upper percentile {}",
                between(high, "above 50 % (the median) and below 100 %")
            ),
        );
    }
}

/// "is not a finite number", or "must be <range> (it is <x> %)".
fn between(x: f64, range: &str) -> String {
    if x.is_finite() {
        format!("must be {range} (it is {} %)", number(x))
    } else {
        "is not a finite number".to_owned()
    }
}

/// Why `field` cannot take a range in the plan whose document is `document`, if it cannot.
fn field_problem(document: &serde_json::Value, field: &str) -> Option<&'static str> {
    if !field_path::is_path(field) {
        return Some(
            "is not a field's path: write it as Headroom names fields, such as \
             scenarios[0].growth.monthly_growth_pct or baseline.units",
        );
    }
    if field_path::section(field) == Some(SECTION) {
        return Some("is a setting of the ranges themselves, which cannot take a range");
    }
    match field_path::field_number(document, field) {
        None => Some("is not a number of this plan"),
        Some(found) if found.whole => Some(
            "holds a whole number (a month or a count), which cannot take a range: a trial \
             would draw fractions",
        ),
        Some(_) => None,
    }
}

/// What a parameter is called in messages.
fn word(parameter: &str) -> &'static str {
    match parameter {
        "low" => "least value",
        "likely" => "most likely value",
        "high" => "greatest value",
        "mean" => "mean",
        "sd" => "standard deviation",
        "median" => "median",
        _ => "geometric standard deviation",
    }
}

/// Every parameter finite; then the shape's own rules: least ≤ most likely ≤ greatest, a
/// standard deviation of at least 0, a median above 0, a geometric standard deviation of at
/// least 1.
fn check_distribution(c: &mut Checker, path: &str, d: &Distribution) {
    let mut finite = true;
    for (name, x) in d.parameters() {
        if !x.is_finite() {
            c.fail(
                at(path, name),
                format!("The range's {} is not a finite number", word(name)),
            );
            finite = false;
        }
    }
    if !finite {
        return;
    }
    let below = |c: &mut Checker, upper: &str, u: f64, lower: &str, l: f64| {
        c.fail(
            at(path, upper),
            format!(
                "The range's {} ({}) is below its {} ({})",
                word(upper),
                number(u),
                word(lower),
                number(l)
            ),
        );
    };
    match *d {
        Distribution::Uniform { low, high } => {
            if high < low {
                below(c, "high", high, "low", low);
            }
        }
        Distribution::Triangular { low, likely, high }
        | Distribution::Pert { low, likely, high } => {
            if likely < low {
                below(c, "likely", likely, "low", low);
            }
            if high < likely {
                below(c, "high", high, "likely", likely);
            } else if high < low {
                below(c, "high", high, "low", low);
            }
        }
        Distribution::Normal { sd, .. } => {
            if sd < 0.0 {
                c.fail(
                    at(path, "sd"),
                    format!(
                        "The range's standard deviation must be at least 0 (it is {})",
                        number(sd)
                    ),
                );
            }
        }
        Distribution::Lognormal { median, gsd } => {
            if median <= 0.0 {
                c.fail(
                    at(path, "median"),
                    format!(
                        "The range's median must be above 0: a lognormal range holds positive \
                         values only (it is {})",
                        number(median)
                    ),
                );
            }
            if gsd < 1.0 {
                c.fail(
                    at(path, "gsd"),
                    format!(
                        "The range's geometric standard deviation must be at least 1, which is \
                         no spread (it is {})",
                        number(gsd)
                    ),
                );
            }
        }
    }
}
