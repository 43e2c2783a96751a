//! YAML text for a JSON document, in block style: the writer of YAML plan files, their results
//! section and the deployment exports.
//!
//! Every document these write is a [`Value`] (a JSON document), so the writer only needs
//! JSON's kinds: mappings with string keys, sequences, strings, numbers, booleans and null.
//! Reading YAML stays with `serde-saphyr`; this writer is small and compiled once.
//!
//! # What every reader reads back
//!
//! The text must mean the same document to a YAML 1.2 reader (`serde-saphyr`, Go, most tools)
//! and to a YAML 1.1 one (PyYAML, older Kubernetes tooling), so a string is written plain only
//! when it is plainly a string to both: not empty, no space at either end, not a word some
//! reader takes for a boolean or null (`y`, `no`, `on`, `off`, `true`, `null`, `~`, … in any
//! case), nothing that could read as a number, a date or a time, no leading indicator
//! (`-?:,[]{}#&*!|>'"%@` and backtick, nor `.`), no `: ` or ` #` inside nor `:` at the end,
//! and no control, invisible-separator or byte-order character. Everything else is
//! double-quoted, with `\"`, `\\`, `\n`, `\t`, `\r` and `\uXXXX` (other controls, U+0085,
//! U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF) escaped. Keys follow the same rules, and are
//! quoted when they hold a `:` at all.
//!
//! Numbers are written as `serde_json` writes them, floats always with a `.` in the mantissa
//! and a sign in the exponent (`3.0`, `1.0e+21`), which YAML 1.1 needs to read a float.
//! Empty mappings and sequences are `{}` and `[]`.
//!
//! Sequences under a key named in [`Style::flow_keys`] are written in flow style when they
//! hold only scalars (`[a, b]`), and their sequence items too (a table's rows). With
//! [`Style::literal_blocks`], a string of several lines whose characters all survive a
//! literal block scalar (`|`) is written as one (configuration files read as they are).

use super::json::{self, Escapes};
use serde_json::{Map, Value};

/// How a document is laid out; the text reads back the same document in every style.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style<'a> {
    /// Keys whose sequences of scalars are written in flow style (`[a, b]`).
    pub flow_keys: &'a [&'a str],
    /// Whether strings of several lines may be written as literal block scalars.
    pub literal_blocks: bool,
}

/// `value` as a YAML document, ending with a line break.
///
/// # Example
/// ```
/// use headroom_core::codec::yaml_writer::{to_string, Style};
/// let value = serde_json::json!({"name": "no", "replicas": 2, "cpus": 1.0, "ports": []});
/// assert_eq!(
///     to_string(&value, Style::default()),
///     "name: \"no\"\nreplicas: 2\ncpus: 1.0\nports: []\n"
/// );
/// ```
#[must_use]
pub fn to_string(value: &Value, style: Style<'_>) -> String {
    let mut writer = Writer {
        out: String::new(),
        style,
    };
    match value {
        Value::Object(map) if !map.is_empty() => writer.map(map, 0, false),
        Value::Array(items) if !items.is_empty() => writer.seq(items, 0, false, false),
        scalar => {
            writer.scalar(scalar, false, None);
            writer.out.push('\n');
        }
    }
    writer.out
}

struct Writer<'a> {
    out: String,
    style: Style<'a>,
}

impl Writer<'_> {
    fn indent(&mut self, indent: usize) {
        for _ in 0..indent {
            self.out.push(' ');
        }
    }

    /// A mapping's entries at `indent`; `inline` when the first starts on the current line
    /// (after `- `).
    fn map(&mut self, map: &Map<String, Value>, indent: usize, inline: bool) {
        for (i, (key, value)) in map.iter().enumerate() {
            if i > 0 || !inline {
                self.indent(indent);
            }
            if plain(key, true) {
                self.out.push_str(key);
            } else {
                quoted(&mut self.out, key);
            }
            self.out.push(':');
            let flow = self.style.flow_keys.contains(&key.as_str());
            match value {
                Value::Object(inner) if !inner.is_empty() => {
                    self.out.push('\n');
                    self.map(inner, indent + 2, false);
                }
                Value::Array(items) if in_block(items, flow) => {
                    self.out.push('\n');
                    self.seq(items, indent, false, flow);
                }
                _ => {
                    self.out.push(' ');
                    self.node_inline(value, indent + 2);
                }
            }
        }
    }

    /// A sequence's items, their dashes at `indent`; `inline` when the first starts on the
    /// current line.
    fn seq(&mut self, items: &[Value], indent: usize, inline: bool, flow: bool) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 || !inline {
                self.indent(indent);
            }
            self.out.push_str("- ");
            match item {
                Value::Object(inner) if !inner.is_empty() => self.map(inner, indent + 2, true),
                Value::Array(inner) if in_block(inner, flow) => {
                    self.seq(inner, indent + 2, true, flow);
                }
                _ => self.node_inline(item, indent + 2),
            }
        }
    }

    /// A scalar, an empty collection or a flow sequence of scalars, then the line break;
    /// a literal block's lines at `block_indent`.
    fn node_inline(&mut self, value: &Value, block_indent: usize) {
        match value {
            Value::Array(items) if !items.is_empty() => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.scalar(item, true, None);
                }
                self.out.push(']');
            }
            _ => self.scalar(value, false, Some(block_indent)),
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// A scalar (or `{}`, `[]`); in a flow sequence when `in_flow`; as a literal block at
    /// `block` when given, allowed and possible.
    fn scalar(&mut self, value: &Value, in_flow: bool, block: Option<usize>) {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => number(&mut self.out, &n.to_string()),
            Value::String(s) => match block {
                Some(indent) if self.style.literal_blocks && literal_safe(s) => {
                    self.literal(s, indent);
                }
                _ if plain(s, in_flow) => self.out.push_str(s),
                _ => quoted(&mut self.out, s),
            },
            Value::Array(_) => self.out.push_str("[]"),
            Value::Object(_) => self.out.push_str("{}"),
        }
    }

    /// `text` as a literal block scalar, its lines at `indent`.
    fn literal(&mut self, text: &str, indent: usize) {
        let body = text.trim_end_matches('\n');
        let breaks = text.len() - body.len();
        self.out.push_str(match breaks {
            0 => "|-",
            1 => "|",
            _ => "|+",
        });
        self.out.push('\n');
        for line in body.split('\n') {
            if !line.is_empty() {
                self.indent(indent);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        for _ in 1..breaks {
            self.out.push('\n');
        }
    }
}

/// Whether a sequence is written in block style: not empty, and not flow-style scalars.
fn in_block(items: &[Value], flow: bool) -> bool {
    !items.is_empty() && (!flow || !all_scalars(items))
}

fn all_scalars(items: &[Value]) -> bool {
    items
        .iter()
        .all(|item| !matches!(item, Value::Array(_) | Value::Object(_)))
}

/// Writes a number as `serde_json` does (`text`), a float with a `.` in its mantissa and a
/// signed exponent, as YAML 1.1 readers need to read it as a float.
fn number(out: &mut String, text: &str) {
    match text.find(['e', 'E']) {
        Some(e) => {
            let (mantissa, exponent) = (&text[..e], &text[e + 1..]);
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exponent.starts_with(['+', '-']) {
                out.push('+');
            }
            out.push_str(exponent);
        }
        // serde_json writes a float without an exponent with its `.` (`1.0`).
        None => out.push_str(text),
    }
}

/// Characters written escaped in a double-quoted string, and never plain or in a block.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// Words a YAML 1.1 or 1.2 reader takes for a boolean, null, infinity or not-a-number, or
/// that PyYAML gives a tag of their own.
const WORDS: [&str; 21] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf", "+inf", "-inf",
    ".nan", ".inf", "+.inf", "-.inf", "<<", "=", "",
];

/// Whether `text` may be written as a plain scalar (a key when `key`, or in a flow sequence).
fn plain(text: &str, key_or_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
        || "-?:,[]{}#&*!|>'\"%@`. \t".contains(first)
        || text.ends_with([' ', '\t', ':'])
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(needs_escape)
        || number_like(text)
    {
        return false;
    }
    // In a flow sequence `,[]{}` end the scalar; a key holds no `:` at all.
    !(key_or_flow && text.contains([',', '[', ']', '{', '}', ':']))
}

/// Whether some reader might take `text` for a number, a date or a time: it starts with a digit
/// or sign and holds nothing but what numbers (decimal, hexadecimal, octal, binary,
/// base 60, with `_`), infinities, dates and times are made of.
fn number_like(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-' || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "+-._: xXoOtTzZiInN,".contains(c))
}

/// Whether `text` reads back the same from a literal block scalar: several lines, printable
/// characters only (no tab, no carriage return, nothing escaped), no line starting with a
/// space (the block's indentation is found from its first line) nor ending with one.
fn literal_safe(text: &str) -> bool {
    let body = text.trim_end_matches('\n');
    body.contains('\n')
        && !body.starts_with('\n')
        && !text.chars().any(|c| c != '\n' && needs_escape(c))
        && body
            .split('\n')
            .all(|line| !line.starts_with(' ') && !line.ends_with(' '))
}

/// `text` double-quoted, escaped as above: JSON's string writer, whose escapes YAML shares,
/// with the characters YAML adds ([`needs_escape`]).
fn quoted(out: &mut String, text: &str) {
    json::write_string(out, text, Escapes::Yaml);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn the_string_writer_escapes_exactly_what_yaml_needs() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let mut out = String::new();
            quoted(&mut out, &c.to_string());
            let escaped = out != format!("\"{c}\"");
            assert_eq!(
                escaped,
                needs_escape(c) || c == '"' || c == '\\',
                "U+{:04X}: {out}",
                u32::from(c)
            );
            assert_eq!(
                read(&out),
                Value::String(c.to_string()),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    fn read(text: &str) -> Value {
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    const FLOW: Style<'static> = Style {
        flow_keys: &["rows"],
        literal_blocks: true,
    };

    #[test]
    fn writes_block_style_as_before() {
        let value = json!({
            "name": "Café",
            "list": [{"a": 1, "b": [1, 2]}, [1, [2]], "x", {}, []],
            "empty": {},
            "rows": [[1, "2026-01", 3.0, null, true], [2, "a, b", 0.5, "no", false]],
            "nested": {"deep": {"k": "v"}},
        });
        let text = to_string(&value, FLOW);
        assert_eq!(
            text,
            "name: Café\nlist:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 1\n  - - 2\n- x\n- {}\n- []\n\
             empty: {}\nrows:\n- [1, \"2026-01\", 3.0, null, true]\n\
             - [2, \"a, b\", 0.5, \"no\", false]\nnested:\n  deep:\n    k: v\n"
        );
        assert_eq!(read(&text), value);
    }

    #[test]
    fn quotes_what_a_reader_would_take_for_something_else() {
        for text in [
            "",
            "no",
            "No",
            "Y",
            "ON",
            "off",
            "TRUE",
            "null",
            "~",
            "nan",
            ".inf",
            "<<",
            "=",
            "1",
            "-1",
            "1.5",
            "1e3",
            "0x1F",
            "0o17",
            "0b11",
            "1_000",
            "1:30",
            "2026-01-01",
            "2026-01-01 10:00:00",
            "1.4.2",
            "- a",
            "-a",
            "?a",
            ":a",
            "a: b",
            "a #b",
            "a:",
            " a",
            "a ",
            "#a",
            "&a",
            "*a",
            "!a",
            "|a",
            ">a",
            "'a",
            "\"a",
            "%a",
            "@a",
            "`a",
            ".a",
            "[a",
            "{a",
            "a\nb",
            "a\tb",
            "\u{85}",
            "\u{2028}",
            "\u{feff}",
            "\u{7f}",
        ] {
            let written = to_string(&json!({ "k": text }), Style::default());
            assert!(written.starts_with("k: \""), "{text:?}: {written}");
            assert_eq!(read(&written), json!({ "k": text }), "{written}");
        }
        for text in [
            "1930m",
            "5798Mi",
            "a-b",
            "ghcr.io/acme/api:1.4",
            "a#b",
            "Café voice",
        ] {
            assert_eq!(
                to_string(&json!({ "k": text }), Style::default()),
                format!("k: {text}\n")
            );
        }
        assert_eq!(
            to_string(&json!({"a:b": 1, "r": ["a,b", "c"]}), FLOW),
            "\"a:b\": 1\nr:\n- a,b\n- c\n"
        );
    }

    #[test]
    fn floats_stay_floats_for_yaml_1_1() {
        let value = json!([
            1.0,
            1e21,
            1e-7,
            -2.5e-300,
            123_456_789_012_345_680_000.0,
            0.1
        ]);
        let text = to_string(&value, Style::default());
        assert_eq!(
            text,
            "- 1.0\n- 1.0e+21\n- 1.0e-7\n- -2.5e-300\n- 1.2345678901234568e+20\n- 0.1\n"
        );
        assert_eq!(read(&text), value);
    }

    #[test]
    fn several_lines_may_be_literal_blocks() {
        let value =
            json!({"conf": {"a": "x 1\ny 2\n", "b": "x\n\ny", "c": "x\ny\n\n", "d": " x\ny"}});
        let text = to_string(&value, FLOW);
        assert_eq!(
            text,
            "conf:\n  a: |\n    x 1\n    y 2\n  b: |-\n    x\n\n    y\n  c: |+\n    x\n    y\n\n  \
             d: \" x\\ny\"\n"
        );
        assert_eq!(read(&text), value);
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[ -~\n\t]{0,12}".prop_map(Value::String),
            "(y|n|no|On|1|0x1|1:2|2026-01-01|- |: | #|\\.|-|~|#){1,3}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[ -~\u{85}\u{2028}é]{0,10}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn every_document_reads_back_the_same(value in any_value(), flow in any::<bool>()) {
            let style = if flow {
                Style { flow_keys: &["", "a", "b", "c"], literal_blocks: true }
            } else {
                Style::default()
            };
            let text = to_string(&value, style);
            prop_assert_eq!(read(&text), value, "{}", text);
        }
    }
}
