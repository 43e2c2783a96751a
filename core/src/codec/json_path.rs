//! The field path at a position in JSON text, for error messages.
//!
//! `serde_json` reports where in the text a field problem was found (line and column) but not
//! which field that is. [`path_at`] recovers the field by scanning the text up to that point,
//! keeping one frame per open object (its current key) or array (its current index). This
//! replaces a wrapping deserializer that tracked the path while reading: the wrapper doubled the
//! plan's reading code in the page's download (about 100 KB of wasm), the scan is a few hundred
//! bytes and runs only when reading has already failed.
//!
//! # Format
//!
//! Keys are joined with `.` and array indices written `[i]` with no dot before them
//! (`baseline.other_costs[0].name`); the empty path, the top level, is `.`. This is the notation
//! of `serde_path_to_error`, so messages read as they did before.
//!
//! # Where `serde_json` puts an error
//!
//! The text is one line (`serde_json::to_string` of the plan document), so the column is the
//! byte offset just past the last byte read ([`offset`]). For a field problem that is:
//!
//! - a value of the wrong type, or a string that does not parse (an unknown variant, a date):
//!   just after the value, or just before it when it is an object or an array, so the
//!   containing object's current key names the field;
//! - an unknown field: just after the key, which is why a key counts as read as soon as its
//!   closing quote is;
//! - a missing field, or any problem found inside an internally tagged enum (which is read
//!   whole before its variant is chosen): just after the object's `}`, so the path names the
//!   object (the enum's field), not a field inside it.
//!
//! The scan trusts nothing: it reads any text at any offset without panicking (past the end is
//! the end; an offset inside a character or a string stops the scan there).

use std::fmt::Write;

/// One open object or array before the offset.
#[derive(Clone, Copy, Debug)]
enum Frame {
    /// An object; `key` is the byte range of its current key's raw text (between the quotes),
    /// `None` before the first key and after a `,`.
    Object { key: Option<(usize, usize)> },
    /// An array and the index of its current element.
    Array { index: usize },
}

/// The byte offset of 1-based `line` and `column` as `serde_json` reports them (the column
/// counts bytes, and is the number of bytes of the line already read). `None` when the error
/// carries no position (line 0) or the line is not in `text`.
pub(super) fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => {
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .nth(line - 2)?
                .0
                + 1
        }
    };
    Some(start.saturating_add(column))
}

/// The path of the value being read at byte `offset` of JSON `text` (see the module's
/// [format](self#format)); `.` at the top level.
pub(super) fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let Some(close) = string_end(&bytes[..end], i + 1) else {
                    break;
                };
                if let Some(Frame::Object { key: key @ None }) = stack.last_mut() {
                    *key = Some((i + 1, close));
                }
                i = close;
            }
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index = index.saturating_add(1),
                None => {}
            },
            // `:`, white space, numbers and the literals `true`, `false`, `null` change nothing.
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match *frame {
            Frame::Object {
                key: Some((from, to)),
            } => {
                if !path.is_empty() {
                    path.push('.');
                }
                push_key(&mut path, text.get(from..to).unwrap_or(""));
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The index of the quote that closes the string whose content starts at `from`, skipping
/// escaped characters; `None` when the string does not close within `bytes`.
fn string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Appends a key's raw JSON text with its escapes decoded (`\"`, `\\`, `\n`, `\u00e9`, surrogate
/// pairs); an escape that is not valid JSON is kept as written, a lone surrogate becomes U+FFFD.
fn push_key(path: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(at) = rest.find('\\') {
        path.push_str(&rest[..at]);
        let escape = &rest[at..];
        let (decoded, len) = match escape.as_bytes().get(1) {
            Some(b'"') => ('"', 2),
            Some(b'\\') => ('\\', 2),
            Some(b'/') => ('/', 2),
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'n') => ('\n', 2),
            Some(b'r') => ('\r', 2),
            Some(b't') => ('\t', 2),
            Some(b'u') => match hex4(escape, 2) {
                Some(high @ 0xD800..=0xDBFF) => match (escape.get(6..8), hex4(escape, 8)) {
                    (Some("\\u"), Some(low @ 0xDC00..=0xDFFF)) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        (char::from_u32(code).unwrap_or('\u{fffd}'), 12)
                    }
                    _ => ('\u{fffd}', 6),
                },
                Some(code) => (char::from_u32(code).unwrap_or('\u{fffd}'), 6),
                None => ('\\', 1),
            },
            _ => ('\\', 1),
        };
        path.push(decoded);
        rest = &escape[len..];
    }
    path.push_str(rest);
}

/// The four hex digits of a `\u` escape starting at byte `from` of `text`.
fn hex4(text: &str, from: usize) -> Option<u32> {
    let digits = text.get(from..from + 4)?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;
    use crate::plan::Plan;

    /// The default plan as a document, edited by `edit`.
    fn plan_with(edit: impl FnOnce(&mut Value)) -> Value {
        let mut plan = serde_json::to_value(Plan::default()).unwrap();
        edit(&mut plan);
        plan
    }

    /// The path `serde_json`'s error position names when `plan` is read as a [`Plan`] from one
    /// line of JSON, as plan files are read.
    fn error_path(plan: &Value) -> String {
        let text = serde_json::to_string(plan).unwrap();
        assert!(!text.contains('\n'));
        let error = serde_json::from_str::<Plan>(&text).unwrap_err();
        let offset = offset(&text, error.line(), error.column()).unwrap();
        path_at(&text, offset)
    }

    fn object(value: &mut Value) -> &mut serde_json::Map<String, Value> {
        value.as_object_mut().unwrap()
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_field() {
        // Scalars: the error is just after the value.
        let plan = plan_with(|p| p["baseline"]["units"] = json!("many"));
        assert_eq!(error_path(&plan), "baseline.units");
        let plan = plan_with(|p| p["policies"]["redundancy"] = json!(-1));
        assert_eq!(error_path(&plan), "policies.redundancy");
        // Objects and arrays: the error is just before the `{` or `[`.
        let plan = plan_with(|p| p["baseline"]["units"] = json!({"a": [1]}));
        assert_eq!(error_path(&plan), "baseline.units");
        let plan = plan_with(|p| p["baseline"]["units"] = json!([{"a": 1}]));
        assert_eq!(error_path(&plan), "baseline.units");
        let plan = plan_with(|p| p["scenarios"] = json!({}));
        assert_eq!(error_path(&plan), "scenarios");
        let plan = plan_with(|p| p["baseline"] = json!(3));
        assert_eq!(error_path(&plan), "baseline");
    }

    #[test]
    fn array_elements_are_numbered_from_zero() {
        let plan = plan_with(|p| {
            let steady = p["scenarios"][0].clone();
            let scenarios = p["scenarios"].as_array_mut().unwrap();
            scenarios.push(steady.clone());
            scenarios.push(steady);
            p["scenarios"][2]["name"] = json!(5);
        });
        assert_eq!(error_path(&plan), "scenarios[2].name");
        let plan = plan_with(|p| {
            p["baseline"]["other_costs"] = json!([
                {"name": "a", "fixed_usd_per_month": 1.0},
                {"name": "b", "fixed_usd_per_month": true}
            ]);
        });
        assert_eq!(
            error_path(&plan),
            "baseline.other_costs[1].fixed_usd_per_month"
        );
        let plan = plan_with(|p| p["catalogs"]["instances"][3]["capacity_rps"] = Value::Null);
        assert_eq!(error_path(&plan), "catalogs.instances[3].capacity_rps");
    }

    #[test]
    fn a_missing_field_names_the_object_that_lacks_it() {
        // The error is just after the object's `}`.
        let plan = plan_with(|p| {
            object(&mut p["baseline"]).shift_remove("units");
        });
        assert_eq!(error_path(&plan), "baseline");
        let plan = plan_with(|p| {
            object(&mut p["scenarios"][0]).shift_remove("name");
        });
        assert_eq!(error_path(&plan), "scenarios[0]");
        let plan = plan_with(|p| {
            object(p).shift_remove("name");
        });
        assert_eq!(error_path(&plan), ".");
    }

    #[test]
    fn an_unknown_field_names_itself() {
        // The error is just after the key, before its value is read.
        let plan = plan_with(|p| {
            object(&mut p["baseline"]).insert("untis".to_owned(), json!({"units": 5}));
        });
        assert_eq!(error_path(&plan), "baseline.untis");
        let plan = plan_with(|p| {
            object(p).insert("zz".to_owned(), json!(1));
        });
        assert_eq!(error_path(&plan), "zz");
        // Escapes in the key are decoded, as serde decodes them.
        let plan = plan_with(|p| {
            let key = "u\"n\\i\n\u{1}é\u{1d11e}ts".to_owned();
            object(&mut p["policies"]["redis"]).insert(key, json!(1));
        });
        assert_eq!(
            error_path(&plan),
            "policies.redis.u\"n\\i\n\u{1}é\u{1d11e}ts"
        );
    }

    #[test]
    fn an_unknown_variant_names_its_field() {
        let plan = plan_with(|p| p["policies"]["forecast_bound"] = json!("meen"));
        assert_eq!(error_path(&plan), "policies.forecast_bound");
        // The tag of an internally tagged enum is read as its own field.
        let plan = plan_with(|p| p["baseline"]["traffic"]["model"] = json!("daily"));
        assert_eq!(error_path(&plan), "baseline.traffic.model");
    }

    #[test]
    fn a_string_that_does_not_parse_names_its_field_even_when_last() {
        let plan = plan_with(|p| p["start"] = json!("2027-13"));
        assert_eq!(error_path(&plan), "start");
        // Last in its object: `YearMonth` parses inside its visitor, so the error comes before
        // the `}` is read.
        let plan = plan_with(|p| {
            object(p).shift_remove("start");
            object(p).insert("start".to_owned(), json!("2027-13"));
        });
        assert_eq!(error_path(&plan), "start");
        let plan = plan_with(|p| {
            p["scenarios"][0]["calendar"] = json!([
                {"name": "a", "from": "11-20", "multiplier": 2.0, "to": "13-01"}
            ]);
        });
        assert_eq!(error_path(&plan), "scenarios[0].calendar[0].to");
        // chrono's dates parse inside their visitor too.
        let plan = plan_with(|p| p["catalogs"]["priced_on"] = json!("2026-02-30"));
        assert_eq!(error_path(&plan), "catalogs.priced_on");
    }

    #[test]
    fn problems_inside_an_internally_tagged_enum_name_the_enum() {
        // The enum's object is read whole before its variant is chosen, so the error is just
        // after its `}`.
        let plan = plan_with(|p| {
            p["baseline"]["traffic"]["requests_per_unit_per_day"] = json!("x");
        });
        assert_eq!(error_path(&plan), "baseline.traffic");
        let plan = plan_with(|p| p["baseline"]["traffic"]["peak"]["ratio"] = json!("x"));
        assert_eq!(error_path(&plan), "baseline.traffic");
        let plan = plan_with(|p| {
            p["scenarios"][0]["growth"] = json!({
                "model": "trend",
                "history": [{"date": "2026-02-30", "units": 1.0}]
            });
        });
        assert_eq!(error_path(&plan), "scenarios[0].growth");
    }

    #[test]
    fn columns_count_bytes_so_names_in_any_script_do_not_shift_the_path() {
        let plan = plan_with(|p| {
            p["name"] = json!("Café ☕ 𝄞 \u{2028}");
            p["baseline"]["demand_unit"] = json!("cafés");
            p["baseline"]["units"] = json!("many");
        });
        assert_eq!(error_path(&plan), "baseline.units");
        let text = serde_json::to_string(&plan).unwrap();
        let error = serde_json::from_str::<Plan>(&text).unwrap_err();
        let at = offset(&text, error.line(), error.column()).unwrap();
        assert!(
            text[..at].ends_with("\"units\":\"many\""),
            "{}",
            &text[..at]
        );
        let plan = plan_with(|p| {
            p["name"] = json!("Café");
            object(&mut p["baseline"]).insert("ünits".to_owned(), json!(1));
        });
        assert_eq!(error_path(&plan), "baseline.ünits");
    }

    #[test]
    fn offsets_come_from_lines_and_byte_columns() {
        assert_eq!(offset("{}", 0, 0), None);
        assert_eq!(offset("{\"é\": 1}", 1, 5), Some(5));
        assert_eq!(offset("{\n  \"a\": x\n}", 2, 6), Some(8));
        assert_eq!(offset("{}", 3, 1), None);
    }

    #[test]
    fn the_scan_reads_any_text_at_any_offset() {
        assert_eq!(path_at("{\"a\": [1, {\"b\": ", 100), "a[1].b");
        assert_eq!(path_at("{\"a\": [1, {\"b\": ", 9), "a[1]");
        assert_eq!(path_at("{\"a\": [1, {\"b\": ", 3), ".");
        assert_eq!(path_at("{\"a\\", 4), ".");
        assert_eq!(path_at("{\"a\\u12\": 1", 9), "a\\u12");
        assert_eq!(path_at("{\"\\ud800\": 1", 9), "\u{fffd}");
        assert_eq!(path_at("]]}{\"k\":[,,", 100), "k[2]");
        assert_eq!(path_at("", 5), ".");
    }

    proptest! {
        #[test]
        fn the_scan_never_panics(text in any::<String>(), offset in 0usize..200) {
            let _ = path_at(&text, offset);
            let _ = path_at(&text, usize::MAX);
        }

        #[test]
        fn the_scan_never_panics_on_json_like_text(
            text in "[{}\\[\\]\",:\\\\u0-9a-fé☕𝄞 ]{0,40}",
            offset in 0usize..60,
            line in 0usize..4,
            column in 0usize..60,
        ) {
            let _ = path_at(&text, offset);
            if let Some(offset) = super::offset(&text, line, column) {
                let _ = path_at(&text, offset);
            }
        }
    }
}
