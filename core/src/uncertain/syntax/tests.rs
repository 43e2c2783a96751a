//! The range syntax: reading, writing, and the two agreeing.

use super::*;

fn range(text: &str) -> Distribution {
    match parse(text) {
        Ok(Entry::Range(d)) => d,
        other => panic!("{text:?}: {other:?}"),
    }
}

fn problem(text: &str) -> String {
    match parse(text) {
        Err(problem) => problem.describe(),
        Ok(entry) => panic!("{text:?} read as {entry:?}"),
    }
}

const fn uniform(low: f64, high: f64) -> Distribution {
    Distribution::Uniform { low, high }
}

const fn pert(low: f64, likely: f64, high: f64) -> Distribution {
    Distribution::Pert { low, likely, high }
}

#[test]
fn plain_numbers_stay_numbers() {
    for (text, value) in [
        ("12", 12.0),
        ("12.5", 12.5),
        (" -3 ", -3.0),
        ("−3", -3.0),
        ("+4", 4.0),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("4 258", 4258.0),
        ("2,000", 2000.0),
        ("12 GB", 12.0),
        ("-3 %", -3.0),
        ("12%", 12.0),
        ("2.5E-4 req/s", 2.5e-4),
    ] {
        assert_eq!(parse(text), Ok(Entry::Number(value)), "{text:?}");
    }
}

#[test]
fn ranges_between_two_numbers() {
    for text in [
        "8–20",
        "8-20",
        "8 - 20",
        "8 to 20",
        "8 TO 20",
        "8..20",
        "8 .. 20",
        "8—20",
        "8–20 %",
        "8-20%",
        "uniform(8, 20)",
        "Uniform( 8 ,20 ) req/s",
        "  8\u{00A0}–\u{2009}20  ",
    ] {
        assert_eq!(range(text), uniform(8.0, 20.0), "{text:?}");
    }
    assert_eq!(range("1.5..2.5"), uniform(1.5, 2.5));
    assert_eq!(range("-5--2"), uniform(-5.0, -2.0));
    assert_eq!(range("-5 – -2"), uniform(-5.0, -2.0));
    assert_eq!(range("-5 to -2"), uniform(-5.0, -2.0));
    assert_eq!(range("−5−−2"), uniform(-5.0, -2.0));
    assert_eq!(range("-5-2"), uniform(-5.0, 2.0));
    assert_eq!(range("1e3-2e3"), uniform(1000.0, 2000.0));
    assert_eq!(range("1e-3-2e-3"), uniform(0.001, 0.002));
    assert_eq!(range("8–8"), uniform(8.0, 8.0));
}

#[test]
fn ranges_of_three_numbers_and_named_shapes() {
    let expected = pert(8.0, 12.0, 20.0);
    for text in [
        "8/12/20",
        " 8 / 12 / 20 ms",
        "pert(8, 12, 20)",
        "PERT(8;12;20)",
        // A phone's number keypad has digits and a dot only.
        "8..12..20",
    ] {
        assert_eq!(range(text), expected, "{text:?}");
    }
    assert_eq!(range("8.5..12..20"), pert(8.5, 12.0, 20.0));
    assert!(parse("8..12..").is_err() && parse("8..12-20").is_err());
    let tri = Distribution::Triangular {
        low: 8.0,
        likely: 12.0,
        high: 20.0,
    };
    assert_eq!(range("triangular(8, 12, 20)"), tri);
    assert_eq!(range("tri(8,12,20)"), tri);
    assert_eq!(
        range("normal(12, 3)"),
        Distribution::Normal {
            mean: 12.0,
            sd: 3.0
        }
    );
    assert_eq!(
        range("normal(-12, 3)"),
        Distribution::Normal {
            mean: -12.0,
            sd: 3.0
        }
    );
    assert_eq!(
        range("lognormal(12, 1.5) GB"),
        Distribution::Lognormal {
            median: 12.0,
            gsd: 1.5
        }
    );
    assert_eq!(range("-5/-3/-2"), pert(-5.0, -3.0, -2.0));
}

#[test]
fn problems_say_which_part_and_why() {
    assert_eq!(
        problem(""),
        "is empty: enter a number, or a range such as 8–20"
    );
    assert_eq!(
        problem("GB"),
        "does not start with a number: write a number (12.5) or a range (8–20)"
    );
    assert_eq!(problem("8 to"), "needs a number after “to”");
    assert_eq!(problem("8 –"), "needs a number after “–”");
    assert_eq!(problem("8/12"), "needs a number after “12”");
    assert_eq!(problem("8/12/"), "needs a number after “/”");
    assert_eq!(problem("8–-"), "needs a number after “-”");
    assert_eq!(problem("pert(8, 12,)"), "needs a number after “,”");
    assert_eq!(
        problem("8 x 20"),
        "has “x 20”, which is not part of a number or a range: write a number (12.5) or \
         a range (8–20, 8/12/20, pert(8, 12, 20), normal(12, 3))"
    );
    assert_eq!(
        problem("8–20–30"),
        "has “–30”, which is not part of a number or a range: write a number (12.5) or a \
         range (8–20, 8/12/20, pert(8, 12, 20), normal(12, 3))"
    );
    assert_eq!(
        problem("1.2.3"),
        "has “.3”, which is not part of a number or a range: write a number (12.5) or a \
         range (8–20, 8/12/20, pert(8, 12, 20), normal(12, 3))"
    );
    assert_eq!(problem("1e400–2"), "has “1e400”, too large a number");
    assert_eq!(
        problem("gauss(1, 2)"),
        "names “gauss”, which is not a shape: use uniform, triangular, pert, normal or \
         lognormal"
    );
    assert_eq!(
        problem("pert 8 12 20"),
        "needs the numbers of “pert” in parentheses, such as pert(8, 12, 20)"
    );
    assert_eq!(
        problem("pert(8, 20)"),
        "gives pert 2 numbers; it takes 3, such as pert(8, 12, 20)"
    );
    assert_eq!(
        problem("normal()"),
        "gives normal 0 numbers; it takes 2, such as normal(12, 3)"
    );
    assert_eq!(
        problem("uniform(1, 2, 3, 4)"),
        "gives uniform 4 numbers; it takes 2, such as uniform(8, 20)"
    );
    assert_eq!(
        problem("pert(8, 12, 20"),
        "has “pert(…”, which is not part of a number or a range: write a number (12.5) \
         or a range (8–20, 8/12/20, pert(8, 12, 20), normal(12, 3))"
    );
    assert_eq!(
        problem("2,5"),
        "has a comma outside parentheses: a decimal mark is a point (2.5), and numbers \
         inside a range are not grouped (2000–3000)"
    );
    assert_eq!(problem("2,000–3,000"), problem("2,5"));
    assert_eq!(
        problem("20–8"),
        "is not a range: low (20) is above high (8)"
    );
    assert_eq!(
        problem("8/25/20"),
        "is not a range: likely (25) is above high (20)"
    );
    assert_eq!(
        problem("normal(12, -3)"),
        "is not a range: sd (-3) is negative: a standard deviation is at least 0"
    );
    assert_eq!(
        problem("lognormal(0, 2)"),
        "is not a range: median (0) is not above 0: a lognormal's values are all positive"
    );
}

#[test]
fn canonical_text_reads_back() {
    for d in [
        uniform(8.0, 20.0),
        uniform(-5.0, -2.0),
        uniform(-5.0, 2.0),
        uniform(0.1, 0.30000000000000004),
        pert(-1e-7, 0.0, 2.5e20),
        Distribution::Triangular {
            low: 1.0 / 3.0,
            likely: 0.5,
            high: 7.0,
        },
        Distribution::Normal {
            mean: -12.0,
            sd: 0.0,
        },
        Distribution::Lognormal {
            median: 1e-300,
            gsd: 1.5,
        },
    ] {
        let written = text(&d);
        assert_eq!(parse(&written), Ok(Entry::Range(d)), "{written}");
    }
    assert_eq!(text(&uniform(-5.0, -2.0)), "-5 to -2");
    assert_eq!(text(&uniform(-0.0, 2.0)), "0–2");
}

#[test]
fn numbers_are_written_short_and_exact() {
    for (value, written) in [
        (0.1, "0.1"),
        (12.5, "12.5"),
        (-3.0, "-3"),
        (1e-5, "0.00001"),
        (1.5e-6, "1.5e-6"),
        (123_456_789_012_345.6, "123456789012345.6"),
        (1e15, "1e15"),
        (0.30000000000000004, "0.30000000000000004"),
        (f64::MAX, "1.7976931348623157e308"),
        (5e-324, "5e-324"),
        (-0.0, "0"),
    ] {
        assert_eq!(number_text(value), written);
        assert_eq!(parse_f64(written), Some(value));
    }
}
