//! `float_text::parse_f64` against Rust's own parser, which it replaces in the page: the same
//! `f64`, bit for bit, for any text in its grammar and for numbers written near every kind
//! of rounding boundary.

use headroom_core::float_text::parse_f64;
use proptest::prelude::*;

fn assert_agrees(text: &str) -> Result<(), TestCaseError> {
    let rust = text.parse::<f64>().ok().map(f64::to_bits);
    prop_assert_eq!(parse_f64(text).map(f64::to_bits), rust, "{:?}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// Any text made of a number's characters.
    #[test]
    fn any_text_of_number_characters(text in "[-+0-9.eE]{0,30}") {
        assert_agrees(&text)?;
    }

    /// Any f64, written shortest, with every precision, and with its last digits changed
    /// (which lands just beside, or exactly between, two f64s).
    #[test]
    fn any_f64_written_any_way(bits in any::<u64>(), precision in 0usize..40, tail in "[0-9]{0,25}") {
        let x = f64::from_bits(bits);
        if x.is_finite() {
            assert_agrees(&x.to_string())?;
            assert_agrees(&format!("{x:e}"))?;
            assert_agrees(&format!("{x:.precision$e}"))?;
            let long = format!("{x:.precision$e}");
            let (mantissa, exponent) = long.split_once('e').unwrap();
            let digits = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.") };
            assert_agrees(&format!("{digits}{tail}e{exponent}"))?;
            let cut = digits.len().saturating_sub(tail.len().min(3));
            assert_agrees(&format!("{}{tail}e{exponent}", &digits[..cut.max(1)]))?;
        }
    }

    /// Whole numbers and decimals of every length around 2⁵³ and 10²², where the fast path
    /// stops.
    #[test]
    fn near_the_fast_path_s_edges(w in 9_007_199_254_740_000u64..9_007_199_254_742_000, e in -30i32..30) {
        assert_agrees(&format!("{w}e{e}"))?;
        assert_agrees(&format!("{w}.5e{e}"))?;
        assert_agrees(&format!("0.{w}e{e}"))?;
    }
}

/// Exactly between two f64s: the decimal of the midpoint of every pair of neighbours in a
/// sample (exact, from the wider neighbour's exact decimal), then nudged by one unit in its
/// last place either way; ties go to the even mantissa.
#[test]
fn exact_halfway_cases_round_to_even() {
    for bits in
        (0u64..64).chain((1..2000).map(|i| i * 0x0009_0a0b_0c0d_0e0f % 0x7FEF_FFFF_FFFF_FFFF))
    {
        let low = f64::from_bits(bits);
        let high = f64::from_bits(bits + 1);
        // The exact midpoint: (low + high) / 2 has one more bit than an f64; written to 1100
        // decimals both are exact, and their digit-wise average is exact too.
        let exact = |x: f64| format!("{x:.1100}");
        let (a, b) = (exact(low), exact(high));
        let midpoint = decimal_average(&a, &b);
        let rust = midpoint.parse::<f64>().unwrap();
        assert_eq!(
            parse_f64(&midpoint).map(f64::to_bits),
            Some(rust.to_bits()),
            "{bits:#x}"
        );
    }
}

#[test]
fn the_midpoint_is_exact() {
    let midpoint = decimal_average(
        &format!("{:.60}", 1.0),
        &format!("{:.60}", 1.0000000000000002),
    );
    assert!(
        midpoint
            .trim_start_matches('0')
            .starts_with("1.000000000000000111022302462515654042363166809082031250"),
        "{midpoint}"
    );
    assert_eq!(parse_f64(&midpoint), Some(1.0));
}

/// (a + b) / 2 for two non-negative decimals with the same number of places.
fn decimal_average(a: &str, b: &str) -> String {
    let width = a.len().max(b.len());
    let pad = |s: &str| format!("{s:0>width$}");
    let (a, b) = (pad(a), pad(b));
    let point = a.find('.').unwrap();
    let digits = |s: &str| {
        s.bytes()
            .filter(|c| *c != b'.')
            .map(|c| c - b'0')
            .collect::<Vec<u8>>()
    };
    let (x, y) = (digits(&a), digits(&b));
    // Sum, then halve, keeping one more place for the half.
    let mut sum = vec![0u8; x.len() + 1];
    let mut carry = 0;
    for i in (0..x.len()).rev() {
        let s = x[i] + y[i] + carry;
        sum[i + 1] = s % 10;
        carry = s / 10;
    }
    sum[0] = carry;
    sum.push(0);
    let mut half = Vec::with_capacity(sum.len());
    let mut rest = 0u8;
    for d in sum {
        let v = rest * 10 + d;
        half.push(v / 2);
        rest = v % 2;
    }
    // `sum` had one leading digit more than the inputs: the point moves one to the right.
    let text: String = half.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{}.{}", &text[..point + 1], &text[point + 1..])
}

/// Every f64 kind worth trying: random bits, and values people write (a few digits, a
/// power of ten, a tie at some number of decimals).
fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        (-1_000_000i64..1_000_000, 0u32..8).prop_map(|(n, d)| n as f64 / 10f64.powi(d as i32)),
        (1i64..1000, -30i32..30).prop_map(|(n, e)| (n as f64 + 0.5) * 10f64.powi(e)),
        Just(0.0),
        Just(-0.0),
        Just(f64::INFINITY),
        Just(f64::NAN),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(f64::MAX),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// `fixed` and `scientific` write what Rust's `{:.N}` and `{:.Ne}` write.
    #[test]
    fn writes_as_rust_formats(value in any_value(), decimals in 0usize..20) {
        use headroom_core::float_text::{fixed, scientific};
        prop_assert_eq!(fixed(value, decimals), format!("{value:.decimals$}"));
        prop_assert_eq!(scientific(value, decimals), format!("{value:.decimals$e}"));
    }
}

#[test]
fn writes_ties_and_extremes_as_rust_formats() {
    use headroom_core::float_text::{fixed, scientific};
    for value in [
        0.0,
        -0.0,
        0.5,
        1.5,
        2.5,
        -0.5,
        0.125,
        0.375,
        2.675,
        1.005,
        9.995,
        99.5,
        999.5,
        0.05,
        0.25,
        1e15,
        1e16,
        1.5e300,
        1e-7,
        1.5e-7,
        123_456_789.125,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        0.1,
        0.3,
        1.0 / 3.0,
    ] {
        for decimals in [0, 1, 2, 3, 5, 6, 17, 30] {
            assert_eq!(
                fixed(value, decimals),
                format!("{value:.decimals$}"),
                "{value} {decimals}"
            );
            assert_eq!(
                scientific(value, decimals),
                format!("{value:.decimals$e}"),
                "{value} {decimals}"
            );
        }
    }
}
