//! Numbers of a plan found by their path: [`number_at`] reads the number a path such as
//! `scenarios[0].growth.monthly_growth_pct` names in a plan's document, [`set_number_at`]
//! changes it. A range (`plan::Range`) names its field so, and the trials set each sampled
//! value through here before reading the plan back.
//!
//! The paths are validation's (`crate::validate`) and the plan reader's: keys joined with `.`,
//! list positions written `[i]` with no dot before them (`catalogs.instances[2].usd_per_month`).
//! A path is read strictly, so that one field has one path and two ranges over it are seen to
//! be the same: a key is one or more ASCII letters, digits or `_`, a position is `0` or a
//! whole number without leading zeros; anything else (spaces, an empty key, `[01]`, a trailing
//! dot) names nothing. Reading never panics, whatever the text.
//!
//! The document is the plan's value as [`super::plan_writer::plan_value`] writes it (and
//! serde's derive, which writes the same): in it, a whole-number field (a `u32` or `i32` of the
//! plan: months, counts, years) is an integer and every other number (`f64`) is not, so
//! [`FieldNumber::whole`] tells which a path names. A field the writer leaves out when it is
//! 0 (a cost line's `included_units`, a voice demand's `peak_concurrent_sessions`) is 0 there;
//! an optional figure left out (`scenarios[0].data_monthly_growth_pct` when the scenario has
//! none) is not a number there.
//!
//! This lives in `codec` rather than beside the plan's types because what it knows is the
//! document's: how the writer spells numbers and which it leaves out. Both functions find the
//! place the same way (`place`), so a path that reads a number is a path that sets it.

use serde_json::Value;

/// The paths [`number_at`] reads, as a regular expression (for `docs/plan.schema.json`).
pub const PATTERN: &str = "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+|\\[(0|[1-9][0-9]*)\\])*$";

/// Fields the writer leaves out when they are 0 (serde skips them at 0), with list positions
/// written `[]`: where a path names one of them and the field is not written, it is 0.
const ZERO_WHEN_LEFT_OUT: [&str; 2] = [
    "baseline.other_costs[].included_units",
    "baseline.voice.peak_concurrent_sessions",
];

/// A number found at a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldNumber {
    /// The number.
    pub value: f64,
    /// Whether the field holds whole numbers only (a month, a count, a year: written as an
    /// integer), which a range cannot be over.
    pub whole: bool,
}

/// One step of a path: a key of a mapping or a position in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The steps of `path`, or `None` when it is not a path (see the module's documentation).
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let bytes = path.as_bytes();
    let is_key_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut steps = Vec::new();
    let mut i = 0;
    // A key first, then keys after dots and positions in brackets.
    let mut key_next = true;
    loop {
        if key_next {
            let start = i;
            while i < bytes.len() && is_key_byte(bytes[i]) {
                i += 1;
            }
            if i == start {
                return None;
            }
            steps.push(Step::Key(path.get(start..i)?));
        }
        match bytes.get(i) {
            None => return Some(steps),
            Some(b'.') => {
                i += 1;
                key_next = true;
            }
            Some(b'[') => {
                i += 1;
                let start = i;
                let mut index: usize = 0;
                while let Some(&digit) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
                    index = index
                        .checked_mul(10)?
                        .checked_add(usize::from(digit - b'0'))?;
                    i += 1;
                }
                let digits = i - start;
                if digits == 0 || (digits > 1 && bytes[start] == b'0') {
                    return None;
                }
                if bytes.get(i) != Some(&b']') {
                    return None;
                }
                i += 1;
                steps.push(Step::Index(index));
                key_next = false;
            }
            Some(_) => return None,
        }
    }
}

/// Whether `path` is written as a path (it may still name nothing in a given plan).
///
/// # Example
/// ```
/// use headroom_core::codec::field_path::is_path;
/// assert!(is_path("scenarios[1].calendar[0].multiplier"));
/// assert!(!is_path("scenarios[01].name"));
/// assert!(!is_path("baseline..units"));
/// ```
pub fn is_path(path: &str) -> bool {
    steps(path).is_some()
}

/// The first key of `path`, when it is a path: the plan's section it is in (`baseline`).
pub fn section(path: &str) -> Option<&str> {
    match steps(path)?.first()? {
        Step::Key(key) => Some(key),
        Step::Index(_) => None,
    }
}

/// Where a path leads: the mapping holding the field and the field's key, and whether the
/// field, left out there, is 0 ([`ZERO_WHEN_LEFT_OUT`]).
fn place<'v, 'p>(
    plan: &'v Value,
    path: &'p str,
) -> Option<(&'v serde_json::Map<String, Value>, &'p str, bool)> {
    let steps = steps(path)?;
    let (last, parents) = steps.split_last()?;
    let Step::Key(key) = *last else {
        // A list's item is never a number of the plan (the band's percentiles are in the
        // uncertainty section, which ranges are not over).
        return None;
    };
    let mut here = plan;
    for step in parents {
        here = match (*step, here) {
            (Step::Key(key), Value::Object(map)) => map.get(key)?,
            (Step::Index(i), Value::Array(items)) => items.get(i)?,
            _ => return None,
        };
    }
    let map = here.as_object()?;
    let mut shape = String::with_capacity(path.len());
    for step in &steps {
        match step {
            Step::Key(key) => {
                if !shape.is_empty() {
                    shape.push('.');
                }
                shape.push_str(key);
            }
            Step::Index(_) => shape.push_str("[]"),
        }
    }
    let zero_when_left_out = ZERO_WHEN_LEFT_OUT.contains(&shape.as_str());
    Some((map, key, zero_when_left_out))
}

/// The number `path` names in `plan` (a plan's document, as [`super::plan_writer::plan_value`]
/// writes it), and whether its field holds whole numbers only; `None` when the path names no
/// number there.
///
/// # Example
/// ```
/// use headroom_core::codec::{field_path::field_number, plan_writer::plan_value};
/// use headroom_core::plan::Plan;
/// let document = plan_value(&Plan::default());
/// assert!(!field_number(&document, "baseline.units").unwrap().whole);
/// assert!(field_number(&document, "horizon_months").unwrap().whole);
/// ```
pub fn field_number(plan: &Value, path: &str) -> Option<FieldNumber> {
    let (map, key, zero_when_left_out) = place(plan, path)?;
    match map.get(key) {
        Some(Value::Number(n)) => Some(FieldNumber {
            value: n.as_f64()?,
            whole: !n.is_f64(),
        }),
        None if zero_when_left_out => Some(FieldNumber {
            value: 0.0,
            whole: false,
        }),
        _ => None,
    }
}

/// The number `path` names in `plan` (a plan's document, as [`super::plan_writer::plan_value`]
/// writes it); `None` when the path names no number there.
///
/// # Example
/// ```
/// use headroom_core::codec::{field_path::number_at, plan_writer::plan_value};
/// use headroom_core::plan::Plan;
/// let document = plan_value(&Plan::default());
/// assert_eq!(number_at(&document, "baseline.units"), Some(1000.0));
/// assert_eq!(number_at(&document, "scenarios[0].growth.monthly_growth_pct"), Some(5.0));
/// assert_eq!(number_at(&document, "scenarios[0].data_monthly_growth_pct"), None);
/// assert_eq!(number_at(&document, "scenarios[0].name"), None);
/// assert_eq!(number_at(&document, "baseline units"), None);
/// ```
pub fn number_at(plan: &Value, path: &str) -> Option<f64> {
    field_number(plan, path).map(|n| n.value)
}

/// Sets the number `path` names in `plan` to `x`; whether it did. Nothing changes when the
/// path names no number there ([`number_at`] is `None`), when `x` is not finite, or when the
/// field holds whole numbers and `x` is not one (a whole number is written as an integer, as
/// the reader takes it).
///
/// # Example
/// ```
/// use headroom_core::codec::{field_path::{number_at, set_number_at}, plan_reader, plan_writer};
/// use headroom_core::plan::Plan;
/// let mut document = plan_writer::plan_value(&Plan::default());
/// assert!(set_number_at(&mut document, "catalogs.instances[2].usd_per_month", 99.5));
/// assert_eq!(number_at(&document, "catalogs.instances[2].usd_per_month"), Some(99.5));
/// assert!(!set_number_at(&mut document, "horizon_months", 12.5));
/// assert!(!set_number_at(&mut document, "baseline.units", f64::NAN));
/// let plan = plan_reader::read(&document).unwrap();
/// assert_eq!(plan.catalogs.instances[2].usd_per_month, 99.5);
/// ```
pub fn set_number_at(plan: &mut Value, path: &str, x: f64) -> bool {
    let Some(found) = field_number(plan, path) else {
        return false;
    };
    let value = if !found.whole {
        serde_json::Number::from_f64(x).map(Value::Number)
    } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
        // Exact below 2^53; the reader checks the integer's own range.
        Some(if x >= 0.0 {
            Value::from(x as u64)
        } else {
            Value::from(x as i64)
        })
    } else {
        None
    };
    let Some(value) = value else {
        return false;
    };
    // `field_number` found the place; walk to it again, mutably.
    let Some((last, parents)) =
        steps(path).and_then(|s| s.split_last().map(|(l, p)| (*l, p.to_vec())))
    else {
        return false;
    };
    let mut here = plan;
    for step in &parents {
        let next = match (*step, here) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key),
            (Step::Index(i), Value::Array(items)) => items.get_mut(i),
            _ => None,
        };
        let Some(next) = next else {
            return false;
        };
        here = next;
    }
    match (last, here) {
        (Step::Key(key), Value::Object(map)) => {
            map.insert(key.to_owned(), value);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{plan_reader, plan_writer::plan_value};
    use crate::plan::{CostLine, Plan};
    use proptest::prelude::*;

    /// Every number of `value` with its path, written as validation writes paths.
    fn numbers(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
        let join = |key: &str| {
            if path.is_empty() {
                key.to_owned()
            } else {
                format!("{path}.{key}")
            }
        };
        match value {
            Value::Number(_) => out.push((path, value.clone())),
            Value::Object(map) => {
                for (key, child) in map {
                    numbers(child, join(key), out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    numbers(child, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    fn templates() -> Vec<Value> {
        crate::presets::TEMPLATES
            .iter()
            .map(|t| plan_value(&t.build()))
            .collect()
    }

    #[test]
    fn every_number_of_every_template_is_found_and_set_by_its_path() {
        let mut checked = 0;
        for document in templates() {
            let mut found = Vec::new();
            numbers(&document, String::new(), &mut found);
            for (path, value) in found {
                // The band's percentiles are list items, not fields.
                if path.ends_with(']') {
                    continue;
                }
                let number = field_number(&document, &path).unwrap();
                assert_eq!(Some(number.value), value.as_f64(), "{path}");
                assert_eq!(number.whole, !value.as_number().unwrap().is_f64(), "{path}");
                let mut changed = document.clone();
                let x = if number.whole { 3.0 } else { 3.25 };
                assert!(set_number_at(&mut changed, &path, x), "{path}");
                assert_eq!(number_at(&changed, &path), Some(x), "{path}");
                // Only that number changed, and the plan still reads.
                let mut back = changed.clone();
                assert!(set_number_at(&mut back, &path, number.value));
                assert_eq!(back, document, "{path}");
                plan_reader::read(&changed).unwrap_or_else(|e| panic!("{path}: {e:?}"));
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn the_validation_paths_of_the_brief_are_found() {
        let mut plan = Plan::default();
        plan.scenarios.push(plan.scenarios[0].clone());
        plan.scenarios[1]
            .calendar
            .push(crate::plan::CalendarEffect {
                name: "Sale".into(),
                from: "11-20".parse().unwrap(),
                to: "11-30".parse().unwrap(),
                multiplier: 3.0,
                year: None,
            });
        let document = plan_value(&plan);
        assert_eq!(number_at(&document, "baseline.units"), Some(1000.0));
        assert_eq!(
            number_at(&document, "scenarios[1].calendar[0].multiplier"),
            Some(3.0)
        );
        let price = plan.catalogs.instances[2].usd_per_month;
        assert_eq!(
            number_at(&document, "catalogs.instances[2].usd_per_month"),
            Some(price)
        );
        // Left out: not a number; a year left out (null) neither.
        assert_eq!(
            number_at(&document, "scenarios[0].data_monthly_growth_pct"),
            None
        );
        assert_eq!(number_at(&document, "scenarios[1].calendar[0].year"), None);
        assert!(!set_number_at(
            &mut document.clone(),
            "scenarios[0].data_monthly_growth_pct",
            2.0
        ));
        // Whole numbers are found, and known to be whole.
        let months = field_number(&document, "horizon_months").unwrap();
        assert_eq!((months.value, months.whole), (12.0, true));
        // Not numbers, or not there.
        for path in [
            "",
            "name",
            "baseline",
            "baseline.traffic",
            "scenarios",
            "scenarios[0]",
            "scenarios[9].growth.monthly_growth_pct",
            "baseline.units.more",
            "baseline[0]",
            "scenarios.growth",
            "uncertainty.trials",
        ] {
            assert_eq!(number_at(&document, path), None, "{path}");
        }
    }

    #[test]
    fn fields_left_out_at_zero_are_zero_and_can_be_set() {
        let mut plan = Plan::default();
        plan.baseline.other_costs.push(CostLine {
            name: "Support".into(),
            fixed_usd_per_month: 100.0,
            per_unit_usd_per_month: 0.0,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        });
        plan.baseline.voice = Some(crate::edit::new_voice_demand());
        plan.baseline
            .voice
            .as_mut()
            .unwrap()
            .peak_concurrent_sessions = 0.0;
        let mut document = plan_value(&plan);
        for path in [
            "baseline.other_costs[0].included_units",
            "baseline.voice.peak_concurrent_sessions",
        ] {
            assert_eq!(
                field_number(&document, path),
                Some(FieldNumber {
                    value: 0.0,
                    whole: false
                }),
                "{path}"
            );
            assert!(set_number_at(&mut document, path, 40.0));
        }
        let read = plan_reader::read(&document).unwrap();
        assert_eq!(read.baseline.other_costs[0].included_units, 40.0);
        assert_eq!(read.baseline.voice.unwrap().peak_concurrent_sessions, 40.0);
        // Only there: no cost line, no number.
        assert_eq!(
            number_at(&document, "baseline.other_costs[1].included_units"),
            None
        );
        assert_eq!(number_at(&document, "baseline.included_units"), None);
        // Without voice, `voice` is null: nothing in it.
        let document = plan_value(&Plan::default());
        assert_eq!(
            number_at(&document, "baseline.voice.peak_concurrent_sessions"),
            None
        );
    }

    #[test]
    fn paths_are_read_strictly() {
        for path in [
            "a",
            "a.b",
            "a[0]",
            "a[10].b_c[3][4].d9",
            "A_1.b",
            "a[18446744073709551615]",
        ] {
            assert!(is_path(path), "{path}");
        }
        for path in [
            "",
            ".",
            "a.",
            ".a",
            "a..b",
            "[0]",
            "a[]",
            "a[01]",
            "a[0",
            "a[0]b",
            "a[-1]",
            "a[+1]",
            "a [0]",
            "a b",
            "a.b ",
            "a[18446744073709551616]",
            "a[99999999999999999999999]",
            "é",
            "a.é",
            "a-b",
        ] {
            assert!(!is_path(path), "{path}");
        }
        assert_eq!(section("scenarios[0].name"), Some("scenarios"));
        assert_eq!(section("scenarios[0"), None);
    }

    /// A path as validation writes it from its steps.
    fn written(steps: &[(String, Option<usize>)]) -> String {
        let mut path = String::new();
        for (i, (key, index)) in steps.iter().enumerate() {
            if i > 0 {
                path.push('.');
            }
            path.push_str(key);
            if let Some(index) = index {
                path.push_str(&format!("[{index}]"));
            }
        }
        path
    }

    proptest! {
        #[test]
        fn no_text_makes_it_panic(path in ".{0,40}", x in any::<f64>()) {
            let document = plan_value(&Plan::default());
            let _ = is_path(&path);
            let _ = section(&path);
            let found = number_at(&document, &path);
            let mut changed = document.clone();
            let set = set_number_at(&mut changed, &path, x);
            prop_assert!(!set || found.is_some());
            if !set {
                prop_assert_eq!(changed, document);
            }
        }

        #[test]
        fn path_like_text_makes_it_panic_neither(path in "[a-z_\\.\\[\\]0-9]{0,40}") {
            let document = plan_value(&Plan::default());
            let _ = number_at(&document, &path);
            let _ = set_number_at(&mut document.clone(), &path, 1.0);
        }

        #[test]
        fn written_paths_read_back(
            steps in proptest::collection::vec(("[a-z_][a-z0-9_]{0,8}", proptest::option::of(0usize..1000)), 1..6)
        ) {
            let path = written(&steps);
            let read = super::steps(&path).unwrap();
            let mut expected = Vec::new();
            for (key, index) in &steps {
                expected.push(Step::Key(key));
                if let Some(i) = index {
                    expected.push(Step::Index(*i));
                }
            }
            prop_assert_eq!(read, expected);
        }
    }
}
