//! A range given another shape ([`reshape_range`]): the Ranges panel lists the plan's ranges
//! with a choice of shape, so that a range typed on a phone's number keypad (`8..20`, which has
//! digits and a dot only) can become a normal or lognormal one without typing its name, its
//! numbers then edited in the field.
//!
//! The new range keeps the field's number (its point value: the likely value, a normal's mean,
//! a lognormal's median; a uniform range's is its midpoint, so only that shape moves it) and
//! spans the same values: a bounded range's ends are its own, a normal's are its mean ± 2
//! standard deviations and a lognormal's its median ÷ and × its geometric standard deviation
//! squared (about P2 and P98 both). So `8–20` becomes `8/14/20`, `triangular(8, 14, 20)`,
//! `normal(14, 3)` and `lognormal(14, 1.257)`, and each but the lognormal becomes `8–20` again
//! (the lognormal, centred on its median in logarithms, `8.86–22.12`: the same ratio of ends).

use super::ranges::{range_of, set_range};
use crate::codec::field_path::set_number_at;
use crate::codec::{plan_reader, plan_writer};
use crate::float_text;
use crate::format;
use crate::plan::{Distribution, Plan};
use crate::uncertain::syntax;

/// The shapes a range can take, as plan files name them, with their names in words.
pub const SHAPES: [(&str, &str); 5] = [
    ("uniform", "Uniform"),
    ("triangular", "Triangular"),
    ("pert", "PERT"),
    ("normal", "Normal"),
    ("lognormal", "Lognormal"),
];

/// `x` to four significant digits: a derived parameter (a standard deviation worked out from
/// a range's ends) written as a person would type it. (Through its text, as the range's text
/// writes numbers, rather than with logarithms and powers, whose code the page has not.)
fn tidy(x: f64) -> f64 {
    float_text::parse_f64(&float_text::scientific(x, 3)).unwrap_or(x)
}

/// The values `range` spans when it takes another shape: a bounded range's ends; a normal's
/// mean ± 2 sd; a lognormal's median ÷ and × gsd².
fn ends(range: &Distribution) -> (f64, f64) {
    match *range {
        Distribution::Uniform { low, high }
        | Distribution::Triangular { low, high, .. }
        | Distribution::Pert { low, high, .. } => (low, high),
        Distribution::Normal { mean, sd } => (tidy(mean - 2.0 * sd), tidy(mean + 2.0 * sd)),
        Distribution::Lognormal { median, gsd } => {
            (tidy(median / (gsd * gsd)), tidy(median * gsd * gsd))
        }
    }
}

/// `range` with the shape `shape` (a name of [`SHAPES`]), over the same values (see the
/// module's documentation); or the end of a sentence saying why it cannot take it.
pub fn reshaped(range: &Distribution, shape: &str) -> Result<Distribution, String> {
    if range.shape() == shape {
        return Ok(*range);
    }
    let (low, high) = ends(range);
    let point = range.point();
    Ok(match shape {
        "uniform" => Distribution::Uniform { low, high },
        "triangular" => Distribution::Triangular {
            low,
            likely: point,
            high,
        },
        "pert" => Distribution::Pert {
            low,
            likely: point,
            high,
        },
        "normal" => Distribution::Normal {
            mean: point,
            sd: tidy((high - low) / 4.0),
        },
        "lognormal" if low > 0.0 && point > 0.0 => Distribution::Lognormal {
            median: point,
            gsd: tidy((high / low).sqrt().sqrt()).max(1.0),
        },
        "lognormal" => {
            return Err(format!(
                "cannot be lognormal: a lognormal range takes values above 0 only, and this one reaches {}",
                format::number(low.min(point))
            ))
        }
        _ => return Err(format!("has no shape called \"{shape}\"")),
    })
}

/// `plan` with the range of the field at `path` given the shape `shape` ([`reshaped`]), and the
/// field its point value; or the end of a sentence saying why not: the field has no range, the
/// shape cannot span its values, or the plan refuses a value the new range reaches (as a trial
/// drawing it would be left out).
pub fn reshape_range(plan: &Plan, path: &str, shape: &str) -> Result<Plan, String> {
    let range = range_of(plan, path).ok_or("has no range")?;
    let new = reshaped(range, shape)?;
    let mut document = plan_writer::plan_value(plan);
    if let Some(map) = document.as_object_mut() {
        map.remove("uncertainty");
    }
    // The same document each time: every value is set in the same place.
    let mut with = |value: f64| -> Result<Plan, String> {
        set_number_at(&mut document, path, value);
        plan_reader::read(&document).map_err(|e| e.message)
    };
    let bounded = match new {
        Distribution::Uniform { low, high }
        | Distribution::Triangular { low, high, .. }
        | Distribution::Pert { low, high, .. } => vec![low, high],
        Distribution::Normal { .. } | Distribution::Lognormal { .. } => Vec::new(),
    };
    for value in bounded {
        let refused = with(value).and_then(|p| {
            p.validate().map(|_| ()).map_err(|errors| {
                errors
                    .first()
                    .map_or_else(|| "invalid".to_owned(), |e| e.message.clone())
            })
        });
        if let Err(why) = refused {
            let name = if shape == "pert" { "PERT" } else { shape };
            return Err(format!(
                "cannot be made {name} ({}): it would reach {}, which the plan refuses ({why})",
                syntax::text(&new),
                format::number(value)
            ));
        }
    }
    let mut reshaped = with(new.point())?;
    reshaped.uncertainty.clone_from(&plan.uncertainty);
    set_range(&mut reshaped, path, Some(new));
    Ok(reshaped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    const UNITS: &str = "baseline.units";

    fn with_range(range: Distribution) -> Plan {
        let mut plan = Plan::default();
        plan.baseline.units = range.point();
        set_range(&mut plan, UNITS, Some(range));
        plan
    }

    #[test]
    fn a_range_keeps_its_values_and_point_through_every_shape() {
        let uniform = Distribution::Uniform {
            low: 8.0,
            high: 20.0,
        };
        let expected = [
            ("triangular", "triangular(8, 14, 20)"),
            ("pert", "8/14/20"),
            ("normal", "normal(14, 3)"),
            ("lognormal", "lognormal(14, 1.257)"),
        ];
        for (shape, text) in expected {
            let new = reshaped(&uniform, shape).unwrap();
            assert_eq!(syntax::field_text(&new), text);
            assert_eq!(new.point(), 14.0);
            // And back: the same ends, within the tidying of a derived parameter; a
            // lognormal's the same ratio of its ends, centred on its median (in logarithms).
            let back = reshaped(&new, "uniform").unwrap();
            let Distribution::Uniform { low, high } = back else {
                panic!("{back:?}");
            };
            let close = |a: f64, b: f64| (a - b).abs() <= 0.01 * b;
            if shape == "lognormal" {
                assert!(close(high / low, 20.0 / 8.0), "{low}–{high}");
                assert!(close(low * high, 14.0 * 14.0), "{low}–{high}");
            } else {
                assert!(
                    close(low, 8.0) && close(high, 20.0),
                    "{shape}: {low}–{high}"
                );
            }
        }
        // The same shape: the same range.
        assert_eq!(reshaped(&uniform, "uniform"), Ok(uniform));
    }

    #[test]
    fn a_shape_that_cannot_span_the_values_says_why() {
        let reaching_zero = Distribution::Pert {
            low: 0.0,
            likely: 2.0,
            high: 5.0,
        };
        assert_eq!(
            reshaped(&reaching_zero, "lognormal"),
            Err("cannot be lognormal: a lognormal range takes values above 0 only, and this one reaches 0".to_owned())
        );
        assert!(reshaped(&reaching_zero, "cauchy")
            .unwrap_err()
            .contains("\"cauchy\""));
    }

    #[test]
    fn the_field_takes_the_new_point_and_the_plan_keeps_the_range() {
        let plan = with_range(Distribution::Pert {
            low: 500.0,
            likely: 800.0,
            high: 2000.0,
        });
        let uniform = reshape_range(&plan, UNITS, "uniform").unwrap();
        assert_eq!(uniform.baseline.units, 1250.0);
        assert_eq!(
            range_of(&uniform, UNITS),
            Some(&Distribution::Uniform {
                low: 500.0,
                high: 2000.0
            })
        );
        let normal = reshape_range(&plan, UNITS, "normal").unwrap();
        assert_eq!(normal.baseline.units, 800.0);
        assert_eq!(
            range_of(&normal, UNITS),
            Some(&Distribution::Normal {
                mean: 800.0,
                sd: 375.0
            })
        );
        // Nothing else moves.
        let mut same = normal.clone();
        same.baseline.units = plan.baseline.units;
        set_range(&mut same, UNITS, range_of(&plan, UNITS).copied());
        assert_eq!(same, plan);
        assert_eq!(
            reshape_range(&Plan::default(), UNITS, "normal"),
            Err("has no range".to_owned())
        );
    }

    #[test]
    fn a_value_the_plan_refuses_is_not_reached() {
        // A normal reaching below 0 demand units: as a uniform range its low end is refused.
        let plan = with_range(Distribution::Normal {
            mean: 100.0,
            sd: 80.0,
        });
        let why = reshape_range(&plan, UNITS, "uniform").unwrap_err();
        assert!(
            why.starts_with(
                "cannot be made uniform (-60 to 260): it would reach -60, which the plan refuses (Units today must be at least 0"
            ),
            "{why}"
        );
    }
}
