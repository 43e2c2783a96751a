//! Hostile input is refused by a limit (size, parsing budget), not by running out of time or
//! memory: each test checks which limit refused it. How fast that is belongs to benchmarks.

use super::*;

#[test]
fn inputs_over_the_size_cap_are_refused_before_parsing() {
    let huge = format!(
        "headroom_plan: 1\nplan:\n  name: \"{}\"\n",
        "x".repeat(10_000_000)
    );
    let error = import(&huge).unwrap_err();
    assert!(matches!(error, ImportError::TooLarge { max, .. } if max == MAX_FILE_BYTES));
    assert!(error.to_string().contains("too large"));
    let bytes = vec![b'{'; MAX_FILE_BYTES + 1];
    assert!(matches!(
        import_bytes(&bytes),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn alias_bombs_are_refused() {
    // "Billion laughs": each level repeats the previous one ten times (10⁹ strings in all).
    let mut bomb = String::from(
        "headroom_plan: 1\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..10 {
        let previous = format!("*x{}", level - 1);
        bomb.push_str(&format!(
            "x{level}: &x{level} [{}]\n",
            vec![previous; 10].join(", ")
        ));
    }
    bomb.push_str("plan: *x9\n");
    let error = import(&bomb).unwrap_err();
    assert!(matches!(error, ImportError::TooComplex { .. }), "{error:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let cases = [
        format!("headroom_plan: 1\nplan: {}", "[".repeat(100_000)),
        format!("headroom_plan: 1\nplan: {}", "{a: ".repeat(10_000)),
        (0..500)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect(),
        (0..500).map(|i| format!("{}k:\n", " ".repeat(i))).collect(),
        format!("{{\"headroom_plan\": 1, \"plan\": {}", "[".repeat(100_000)),
    ];
    for text in cases {
        let error = import(&text).unwrap_err();
        assert!(
            matches!(
                error,
                ImportError::TooComplex { .. }
                    | ImportError::Syntax { .. }
                    | ImportError::NotAPlanFile { .. }
            ),
            "{error:?}"
        );
    }
}

#[test]
fn a_large_but_allowed_file_is_read_whole() {
    // Just under the cap: a plan with many cost lines is read in well under a second.
    let mut plan = Plan::default();
    plan.baseline.other_costs = (0..500)
        .map(|i| CostLine {
            name: format!("cost line {i} {}", "x".repeat(100)),
            fixed_usd_per_month: f64::from(i),
            per_unit_usd_per_month: 0.0,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        })
        .collect();
    let text = to_yaml(&plan).unwrap();
    assert!(text.len() < MAX_FILE_BYTES);
    assert_eq!(import(&text).unwrap(), plan);
}
