//! `codec::json` against `serde_json`, whose reader and writer it replaces: the same documents
//! from the same text, the same text from the same documents, and the same errors (message,
//! line and column) — on documents of every shape and on every single-character change of
//! real plan files' text.

use headroom_core::codec::json;
use headroom_core::codec::plan_file;
use headroom_core::presets::TEMPLATES;
use proptest::prelude::*;
use serde_json::Value;

/// What `serde_json` makes of `text`: the document, or its message, line and column.
fn serde_outcome(text: &str) -> Result<Value, (String, usize, usize)> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.clone(), |cut| message[..cut].to_owned());
        (message, e.line(), e.column())
    })
}

fn own_outcome(text: &str) -> Result<Value, (String, usize, usize)> {
    json::parse(text).map_err(|e| (e.message.to_owned(), e.line, e.column))
}

/// Equal documents, numbers equal in kind and in bits (so -0.0 is not 0.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y && x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, a), (l, b))| k == l && same(a, b))
        }
        _ => a == b,
    }
}

fn assert_agrees(text: &str) {
    match (own_outcome(text), serde_outcome(text)) {
        (Ok(own), Ok(theirs)) => assert!(same(&own, &theirs), "{text:?}: {own} vs {theirs}"),
        (own, theirs) => assert_eq!(own, theirs, "{text:?}"),
    }
}

/// Characters that matter to JSON's grammar, and some that do not.
const ALTERATIONS: &[&str] = &[
    "", "\"", "\\", ",", ":", "[", "]", "{", "}", " ", "\n", "0", "1", "-", ".", "e", "E", "+",
    "n", "t", "f", "u", "a", "\t", "\u{1}", "é", "😀",
];

#[test]
fn every_single_change_of_a_plan_file_reads_as_serde_json_reads_it() {
    let mut checked = 0;
    for template in &TEMPLATES {
        let pretty = plan_file::to_json(&template.build()).unwrap();
        let compact = json::write(&json::parse(&pretty).unwrap());
        // Every n-th place of each (a prime, so the places fall at every column of the
        // indentation): all of them would take minutes in a debug build.
        for (text, step) in [(&pretty, 61), (&compact, 29)] {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (n, &at) in boundaries.iter().enumerate().step_by(step) {
                let next = boundaries.get(n + 1).copied().unwrap_or(at);
                for alteration in ALTERATIONS {
                    // Replaced, and inserted before.
                    for (cut_from, cut_to) in [(at, next), (at, at)] {
                        let altered =
                            format!("{}{alteration}{}", &text[..cut_from], &text[cut_to..]);
                        assert_agrees(&altered);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 20_000, "{checked}");
}

#[test]
fn numbers_at_the_edges_read_as_serde_json_reads_them() {
    for text in [
        "0",
        "-0",
        "-0.0",
        "0.0e0",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "2e308",
        "-2e308",
        "5e-324",
        "2e-324",
        "1e-400",
        "-1e-400",
        "0e400",
        "-0e400",
        "1e2147483647",
        "1e2147483648",
        "1e-2147483649",
        "0e2147483648",
        "0.0e99999999999",
        "-1e99999999999",
        "1e+99999999999",
        "1.5e-99999999999",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551616",
        "123456789012345678901234567890",
        "1234567890.12345678901234567890",
        "0.30000000000000004",
        "9007199254740993",
        "-",
        "-a",
        "1.",
        "1.e3",
        "1e",
        "1e+",
        "1e-a",
        "01",
        "-01",
        "00",
        ".5",
        "+1",
        "1.5.",
        "1e5e",
        "0x10",
        "Infinity",
        "NaN",
        "1 ",
        " 1",
        "[-]",
        "[1.]",
        "[1e]",
        "{\"a\":1.}",
        "123456789012345678901234.5e-3",
        "0.000000000000000000001e400",
    ] {
        assert_agrees(text);
    }
}

#[test]
fn strings_and_nesting_read_as_serde_json_reads_them() {
    for text in [
        r#""\u0041\u00e9\u20ac""#,
        r#""\ud83d\ude00""#,
        r#""\ud83d""#,
        r#""\ud83dx""#,
        r#""\ud83d\x""#,
        r#""\ud83d\u0041""#,
        r#""\ude00""#,
        r#""\ud83d\ud83d""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\uD83D\uDE00""#,
        "\"\\",
        "\"\\u",
        "\"\\ud83d\\",
        "\"\\ud83d\\u",
        "\"a",
        "\"\u{7f}\"",
        "\"\t\"",
        "\"a\\/b\"",
        "{\"a\":1,\"a\":2,\"b\":3}",
        "{\"b\":1,\"a\":2}",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "{,}",
        "[,]",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "[1 2]",
        "nul",
        "nulx",
        "truex",
        "t",
        "",
        "  ",
        "\n\n x",
    ] {
        assert_agrees(text);
    }
    for depth in [126, 127, 128, 129, 300] {
        assert_agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        assert_agrees(&format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        assert_agrees(&format!("{}1", "[".repeat(depth)));
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        (-1e6f64..1e6).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[ -~\\n\\t\\u{0}-\\u{1f}\\u{85}\\u{2028}\\u{2029}é😀]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z\"\\\\é]{0,6}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any document is written as serde_json writes it, and read back as it was.
    #[test]
    fn writes_as_serde_json_writes_and_reads_back(value in any_value()) {
        let compact = json::write(&value);
        prop_assert_eq!(&compact, &serde_json::to_string(&value).unwrap());
        // Pretty (plan files) also escapes the three characters YAML reads as line ends.
        let pretty = json::write_pretty(&value);
        let serde_pretty = serde_json::to_string_pretty(&value)
            .unwrap()
            .replace('\u{85}', "\\u0085")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        prop_assert_eq!(&pretty, &serde_pretty);
        for text in [&compact, &pretty] {
            let back = json::parse(text).unwrap();
            prop_assert!(same(&back, &value), "{} from {}", back, text);
        }
    }

    /// Any text at all, JSON or not, reads as serde_json reads it.
    #[test]
    fn any_text_reads_as_serde_json_reads_it(text in "[ -~\\n\\t\\r\\u{1}é]{0,40}") {
        assert_agrees(&text);
    }

    /// A document's text with a few bytes changed reads as serde_json reads it.
    #[test]
    fn altered_documents_read_as_serde_json_reads_them(
        value in any_value(),
        changes in prop::collection::vec((any::<prop::sample::Index>(), 0..ALTERATIONS.len(), any::<bool>()), 1..4),
    ) {
        let mut text = serde_json::to_string(&value).unwrap();
        for (at, alteration, replace) in changes {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let n = at.index(boundaries.len());
            let from = boundaries[n];
            let to = if replace { boundaries.get(n + 1).copied().unwrap_or(from) } else { from };
            text = format!("{}{}{}", &text[..from], ALTERATIONS[alteration], &text[to..]);
        }
        assert_agrees(&text);
    }
}
