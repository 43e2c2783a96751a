//! What the page writes, a field reads back: for every value, `NumberSpec::parse` of the
//! displayed text gives the value again within the precision shown; displayed numbers never
//! hold a space a line could break at; and no text, however odd, makes the parser panic.

use headroom_core::input::NumberSpec;
use headroom_core::{currency, format};
use proptest::prelude::*;

const ANY: NumberSpec = NumberSpec {
    label: "Value",
    unit: "",
    min: f64::MIN,
    max: f64::MAX,
    whole: false,
};

/// Finite values across every magnitude a plan shows, both signs.
fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e15..1e15f64,
        -1e4..1e4f64,
        -1.0..1.0f64,
        (0u64..1_000_000_000_000).prop_map(|n| n as f64),
        (0u32..100_000).prop_map(|cents| f64::from(cents) / 100.0),
    ]
}

/// Text drawn from what numbers are made of, so most of it is nearly a number.
fn number_like_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            '0', '1', '5', '9', '.', ',', '_', ' ', '\u{A0}', '\u{202F}', '\u{2009}', '-',
            '\u{2212}', '+', 'e', 'E', '$', 'n', 'a', 'i', 'f', '٣', '\u{FEFF}',
        ]),
        0..16,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn numbers_read_back_within_their_shown_precision(value in any_value()) {
        let text = format::number(value);
        prop_assert!(!text.contains(' '), "{text:?}");
        let back = ANY.parse(&text).map_err(|p| TestCaseError::fail(format!("{text:?}: {p:?}")))?;
        // Two decimals from 1 up; three significant digits (at most six decimals) below.
        let abs = value.abs();
        let tolerance = if abs >= 1.0 { 0.005 } else { (abs * 0.005).max(5e-7) };
        prop_assert!((back - value).abs() <= tolerance * (1.0 + 1e-9) + abs * 1e-15,
            "{value} → {text:?} → {back}");
    }

    #[test]
    fn field_values_read_back_to_six_significant_digits(value in any_value()) {
        let text = format::field_value(value);
        let back = ANY.parse(&text).map_err(|p| TestCaseError::fail(format!("{text:?}: {p:?}")))?;
        prop_assert!((back - value).abs() <= value.abs() * 5e-6 + 1e-300,
            "{value} → {text:?} → {back}");
        if value.fract() == 0.0 {
            prop_assert_eq!(back, value);
        }
    }

    #[test]
    fn money_reads_back_within_a_cent_or_a_unit(value in any_value(), index in 0..19usize) {
        let currency = currency::known().nth(index).unwrap();
        let text = format::money(value, currency);
        prop_assert!(!text.contains(' '), "{text:?}");
        let digits = text.replacen(currency.prefix(), "", 1);
        let back = ANY.parse(&digits).map_err(|p| TestCaseError::fail(format!("{text:?}: {p:?}")))?;
        let abs = value.abs();
        let whole_from = if currency.whole() { 0.995 } else { 99.995 };
        let tolerance = if abs >= whole_from { 0.5 } else if abs >= 1.0 { 0.005 } else { (abs * 0.005).max(5e-7) };
        prop_assert!((back - value).abs() <= tolerance * (1.0 + 1e-9) + abs * 1e-15,
            "{value} → {text:?} → {back}");
        if let Some((_, cents)) = text.split_once('.') {
            prop_assert!(cents.len() >= 2, "{text:?} has one decimal");
        }
    }

    #[test]
    fn counts_are_whole_and_read_back(value in 0.0..1e12f64) {
        let text = format::count(value);
        let back = ANY.parse(&text).map_err(|p| TestCaseError::fail(format!("{text:?}: {p:?}")))?;
        prop_assert_eq!(back.fract(), 0.0);
        prop_assert!(back >= value - 1e-6 && back < value + 1.0, "{value} → {text:?}");
    }

    #[test]
    fn every_writer_is_total_and_never_breakable(value in any::<f64>()) {
        for text in [
            format::number(value),
            format::money(value, currency::USD),
            format::money(value, currency::Currency::of("CHF").unwrap()),
            format::count(value),
            format::field_value(value),
            format::percent(value),
            format::with_unit(value, "req/s"),
        ] {
            let number_part = text.trim_end_matches(" %").trim_end_matches(" req/s");
            prop_assert!(!number_part.contains(' '), "{value}: {text:?}");
        }
        if value.is_finite() {
            prop_assert!(ANY.parse(&format::field_value(value)).is_ok(), "{value}");
        }
    }

    #[test]
    fn the_parser_never_panics_and_accepts_only_finite_values(
        text in prop_oneof![number_like_text(), any::<String>()]
    ) {
        if let Ok(value) = ANY.parse(&text) {
            prop_assert!(value.is_finite());
        }
    }
}
