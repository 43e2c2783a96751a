//! Errors say what and where.

use super::*;

#[test]
fn field_errors_name_the_field_and_its_path() {
    let text = read(&fixtures_dir().join("v1/hand-written.yaml")).replace("units: 40", "untis: 40");
    let error = import(&text).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Content {
                format: Format::Yaml,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("at `plan.baseline.untis`: unknown field `untis`"),
        "{message}"
    );

    let text = read(&fixtures_dir().join("v1/default.json")).replacen(
        "\"units\": 1000.0",
        "\"units\": \"many\"",
        1,
    );
    let error = import(&text).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Content {
                format: Format::Json,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("at `plan.baseline.units`: invalid type: string \"many\""),
        "{error}"
    );
}

#[test]
fn syntax_errors_carry_a_position() {
    let error = import("headroom_plan: 1\nplan: [unclosed\n").unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Syntax {
                format: Format::Yaml,
                position: Some(_),
                ..
            }
        ),
        "{error:?}"
    );
    let error = import("{\"headroom_plan\": 1,\n \"plan\": }").unwrap_err();
    let ImportError::Syntax {
        format: Format::Json,
        position: Some(position),
        ..
    } = error
    else {
        panic!("{error:?}");
    };
    assert_eq!(position.line, 2);
}

#[test]
fn files_that_are_not_plans_are_refused_in_words() {
    assert_eq!(import("  \n"), Err(ImportError::Empty));
    for text in [
        "name: x\n",
        "{\"plan\": {}}",
        "- a\n- b\n",
        "[1, 2]",
        "just text",
    ] {
        let error = import(text).unwrap_err();
        assert!(
            matches!(error, ImportError::NotAPlanFile { .. }),
            "{text}: {error:?}"
        );
        assert!(error.to_string().contains("headroom_plan"), "{error}");
    }
    let error = import("headroom_plan: 2\nplan: {}\n").unwrap_err();
    assert_eq!(
        error,
        ImportError::TooNew {
            version: 2,
            supported: 1
        }
    );
    assert_eq!(
        error.to_string(),
        "This plan file was written by a newer Headroom (plan format 2; this version reads up to \
         1): open it with the newer version"
    );
}

/// A message a person can read: names the problem in words, quotes no more than a short
/// excerpt, and holds nothing that looks like a Rust value (`Name { field: … }`).
fn assert_in_words(message: &str) {
    assert!(
        message.chars().count() <= 300,
        "{} chars: {message}",
        message.len()
    );
    assert!(!message.contains('{'), "{message}");
    for developer in [
        "struct ",
        "Some(",
        "None",
        "budget breached",
        "Error",
        "input is out of range",
    ] {
        assert!(!message.contains(developer), "{developer:?} in {message}");
    }
}

#[test]
fn anchor_and_alias_limits_are_explained_in_words() {
    // One anchor over more events than the reader records for aliases.
    let recorded = format!("a: &x [{}]\nb: *x\n", "1, ".repeat(10_001));
    // An anchor repeated past its expansion limit, and more anchors than allowed.
    let expanded = format!("a: &x [1, 2]\nb: [{}]\n", "*x, ".repeat(11));
    let anchors: String = (0..101).map(|i| format!("a{i}: &a{i} 1\n")).collect();
    for text in [recorded, expanded] {
        let error = import(&text).unwrap_err();
        assert!(matches!(error, ImportError::TooComplex { .. }), "{error:?}");
        let message = error.to_string();
        assert_in_words(&message);
        assert!(
            message.contains("aliases (`*name`) repeat parts of the file"),
            "{message}"
        );
    }
    let message = import(&anchors).unwrap_err().to_string();
    assert_in_words(&message);
    assert!(message.contains("more than 100 anchors"), "{message}");
    let message = import("a: *nowhere\n").unwrap_err().to_string();
    assert_in_words(&message);
    assert!(
        message.contains("alias (`*name`) refers to an anchor"),
        "{message}"
    );
}

#[test]
fn impossible_dates_and_months_are_named_in_words() {
    let yaml = read(&fixtures_dir().join("v1/hand-written.yaml"));
    let message = import(&yaml.replacen("start: 2027-03", "start: 2027-13", 1))
        .unwrap_err()
        .to_string();
    assert_in_words(&message);
    assert!(
        message.contains("`plan.start`: \"2027-13\" names month 13, which does not exist"),
        "{message}"
    );
    let message = import(&yaml.replacen("start: 2027-03", "start: 2027-02-30", 1))
        .unwrap_err()
        .to_string();
    assert_in_words(&message);
    assert!(
        message.contains("`plan.start`: \"2027-02-30\" is not a month written as YYYY-MM"),
        "{message}"
    );
    let cafe = read(&fixtures_dir().join("v1/cafe-chain.yaml"));
    let text = cafe.replacen("date: \"2026-09-01\"", "date: \"2026-02-30\"", 1);
    assert_ne!(text, cafe);
    let message = import(&text).unwrap_err().to_string();
    assert_in_words(&message);
    assert!(
        message.contains("not a date that exists, written as YYYY-MM-DD"),
        "{message}"
    );
    // Inside the growth model and its list of points, the message names the point's field.
    assert!(
        message.contains("at `plan.scenarios[1].growth.history[0].date`: not a date"),
        "{message}"
    );
    // A month or a day that does not parse is named even as the last field of its mapping.
    let text = yaml.replacen("  start: 2027-03\n", "", 1) + "  start: 2027-13\n";
    assert!(text.ends_with("year: 2027\n  start: 2027-13\n"), "{text}");
    let message = import(&text).unwrap_err().to_string();
    assert!(
        message.contains("at `plan.start`: \"2027-13\" names month 13"),
        "{message}"
    );
    let text = yaml.replacen(
        "to: 11-30\n          multiplier: 3\n          year: 2027",
        "multiplier: 3\n          year: 2027\n          to: 11-31",
        1,
    );
    assert_ne!(text, yaml);
    let message = import(&text).unwrap_err().to_string();
    assert!(
        message.contains("at `plan.scenarios[1].calendar[0].to`: \"11-31\" is not a day"),
        "{message}"
    );
}

#[test]
fn two_documents_are_named_as_such() {
    for text in [
        "a: 1\n---\nb: 2\n",
        "headroom_plan: 1\nplan: {}\n---\nheadroom_plan: 1\n",
    ] {
        let error = import(text).unwrap_err();
        assert!(
            matches!(error, ImportError::NotAPlanFile { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert_in_words(&message);
        assert!(message.contains("more than one YAML document"), "{message}");
        assert!(!message.contains("nested"), "{message}");
    }
}

#[test]
fn parser_messages_are_in_words() {
    for (text, expected) in [
        ("a: 1\na: 2\n", "the key `a` appears twice"),
        (
            "headroom_plan: 1\nplan: {horizon_months: 1e999}\n",
            "the number `1e999` is too large",
        ),
        (
            "headroom_plan: 1\nplan: 3\n",
            "expected a mapping of fields",
        ),
    ] {
        let message = import(text).unwrap_err().to_string();
        assert_in_words(&message);
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn long_hostile_inputs_give_short_messages() {
    let long = "k".repeat(100_000);
    let hidden = format!("a\u{202E}b\u{2028}{}", "x".repeat(1000));
    let deep_json = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let texts = [
        "a".repeat(100_000),
        format!("{long}: 1\n"),
        format!("{long}\n"),
        "[".repeat(100_000),
        "{a: ".repeat(10_000),
        deep_json,
        format!("headroom_plan: 1\nplan: {{}}\n{long}: 1\n"),
        format!("headroom_plan: 1\nplan: {{name: x, {long}: 1}}\n"),
        format!("headroom_plan: \"{long}\"\nplan: {{}}\n"),
        format!("headroom_plan: {}\nplan: {{}}\n", "9".repeat(50_000)),
        format!("headroom_plan: 1\nplan: {{start: \"{long}\"}}\n"),
        format!("headroom_plan: 1\nplan: {{start: \"2027-{long}\"}}\n"),
        format!("headroom_plan: 1\nplan: {{name: \"\\q{long}\"}}\n"),
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"{long}\": 1}}}}"),
        format!("{{\"headroom_plan\": 1, \"{long}\": 1}}"),
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"start\": \"{hidden}\"}}}}"),
        format!("{{\"{long}\"}}"),
        format!("a: 1\n---\n{long}"),
        format!("a: &{long} 1\nb: *{long}x\n"),
    ];
    for text in &texts {
        let message = import(text).unwrap_err().to_string();
        // Two excerpts of at most 60 characters and the list of a mapping's fields.
        assert!(
            message.chars().count() <= 320,
            "{} chars from {:.40?}: {:.400}",
            message.chars().count(),
            text,
            message
        );
        assert!(
            !message.contains('\u{202E}') && !message.contains('\u{2028}'),
            "{message}"
        );
    }
}
