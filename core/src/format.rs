//! Numbers as people read them: grouped thousands, few decimals, units always shown.
//!
//! One rule per quantity, each written by one function here:
//!
//! - any figure: [`number`] (groups of three digits joined by [`GROUP_SEPARATOR`], a narrow
//!   no-break space, so "4 258" never wraps inside and is read back by
//!   [`crate::input::NumberSpec::parse`]);
//! - counts of things (instances, connections, nodes): [`count`], always whole;
//! - money, in the plan's currency: [`money`];
//! - a calendar month: [`month_label`] ("Mar 2027"); a day: [`day_label`] ("1 Nov 2026");
//! - a value put back into an input field: [`field_value`].
//!
//! Machine formats (CSV, plan files, exports' keys and values) do not use these: they write
//! plain numbers (`tables::plain_number`) and `2027-03`.
//!
//! The digits come from [`crate::float_text`] (`fixed`, `scientific`), never from `format!`
//! on an `f64`: Rust's float formatting would be most of 6 KB of the page's first download.

use crate::currency::Currency;
use crate::plan::YearMonth;

/// Joins groups of three digits in every number written for display: U+202F NARROW NO-BREAK
/// SPACE, the SI thin space that does not let a line break between "4" and "258".
pub const GROUP_SEPARATOR: char = '\u{202F}';

/// Formats `value` with [`GROUP_SEPARATOR`] between groups of three digits and trailing zeros
/// dropped: at most two decimals from 1 up, three significant digits below 1 (so limits like
/// 0.001 stay visible), e.g. `1234567.5` → `"1 234 567.5"`.
///
/// # Example
/// ```
/// assert_eq!(headroom_core::format::number(1234567.5), "1\u{202F}234\u{202F}567.5");
/// assert_eq!(headroom_core::format::number(0.125), "0.125");
/// assert_eq!(headroom_core::format::number(2.0 / 3.0), "0.667");
/// assert_eq!(headroom_core::format::number(-42.0), "-42");
/// ```
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let abs = value.abs();
    let decimals = if abs >= 1.0 || abs == 0.0 {
        2
    } else {
        // Three significant digits: 0.125 → 3 decimals, 0.001 → 5 (then trimmed), at most 6.
        (2 - abs.log10().floor() as i32).clamp(2, 6) as usize
    };
    // Integer arithmetic below 10¹⁵ (exact for every value a plan shows, and far faster than
    // float formatting, which the engine does thousands of times per run for explanations).
    let (int_part, frac_part) = if abs < 1e15 {
        let scale = 10u64.pow(decimals as u32);
        let scaled = (abs * scale as f64).round() as u64;
        let frac = scaled % scale;
        let frac_text = if frac == 0 {
            String::new()
        } else {
            let padded = format!("{frac:0width$}", width = decimals);
            padded.trim_end_matches('0').to_owned()
        };
        ((scaled / scale).to_string(), frac_text)
    } else {
        (crate::float_text::fixed(abs, 0), String::new())
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 8);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(GROUP_SEPARATOR);
        }
        grouped.push(digit);
    }
    let is_zero = int_part == "0" && frac_part.is_empty();
    if value < 0.0 && !is_zero {
        grouped.insert(0, '-');
    }
    if !frac_part.is_empty() {
        grouped.push('.');
        grouped.push_str(&frac_part);
    }
    grouped
}

/// [`number`] followed by a space and `unit` (SI style, so "70 %" too); a bare number when
/// `unit` is empty.
///
/// # Example
/// ```
/// assert_eq!(headroom_core::format::with_unit(70.0, "%"), "70 %");
/// assert_eq!(headroom_core::format::with_unit(3.0, ""), "3");
/// ```
pub fn with_unit(value: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(value)
    } else {
        format!("{} {unit}", number(value))
    }
}

/// A fraction (0.667) as a percentage with at most one decimal ("66.7 %"), written like the
/// percentages people type ("70 %", not "70.0 %").
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    let one_decimal = crate::float_text::fixed(fraction * 100.0, 1);
    let trimmed = one_decimal.strip_suffix(".0").unwrap_or(&one_decimal);
    format!("{trimmed} %")
}

/// A count of things — instances, connections, nodes — as a whole number: a fractional need
/// (1 139.06 connections) is rounded up with the slack of [`crate::sizing::ceil_count`] (so
/// float noise such as 4.000000001 stays 4), negatives count as 0, and NaN or ±∞ show "—".
///
/// # Example
/// ```
/// assert_eq!(headroom_core::format::count(1139.06), "1\u{202F}140");
/// assert_eq!(headroom_core::format::count(12.0), "12");
/// assert_eq!(headroom_core::format::count(f64::NAN), "—");
/// ```
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    number(crate::sizing::ceil_count(value) as f64)
}

/// An amount of money in `currency`, one rule for every cost shown: whole units from 100 up
/// ("$1 234", "€1 234"), two decimals below ("$59.60", never "$59.6"), and under 1 three
/// significant digits with at least two decimals ("$0.50", "$0.0596": per-unit costs stay
/// readable). A currency without minor units in use writes whole units from 1 up ("¥60").
/// Zero is "$0"; a negative amount has a minus sign in front ("−$120"). What goes before the
/// digits, a symbol or the code, is [`Currency::prefix`]'s rule ("CHF 1 234").
///
/// # Example
/// ```
/// use headroom_core::currency::{Currency, USD};
/// use headroom_core::format::money;
/// assert_eq!(money(1234.4, USD), "$1\u{202F}234");
/// assert_eq!(money(59.6, USD), "$59.60");
/// assert_eq!(money(0.0596, USD), "$0.0596");
/// assert_eq!(money(0.0, USD), "$0");
/// assert_eq!(money(-120.0, USD), "−$120");
/// let [eur, chf, jpy] = ["EUR", "CHF", "JPY"].map(|c| Currency::of(c).unwrap());
/// assert_eq!(money(59.6, eur), "€59.60");
/// assert_eq!(money(1234.4, chf), "CHF\u{A0}1\u{202F}234");
/// assert_eq!(money(59.6, jpy), "¥60");
/// ```
pub fn money(value: f64, currency: Currency) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let abs = value.abs();
    // Cents, then decide: 99.996 is "$100", not "$100.00".
    let cents = (abs * 100.0).round() / 100.0;
    let digits = if cents >= 100.0 || (currency.whole() && abs >= 1.0) {
        number(abs.round())
    } else if abs >= 1.0 {
        crate::float_text::fixed(cents, 2)
    } else {
        // Three significant digits, at least two decimals, at most six.
        let decimals = if abs == 0.0 {
            2
        } else {
            (2 - abs.log10().floor() as i32).clamp(2, 6) as usize
        };
        let text = crate::float_text::fixed(abs, decimals);
        let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
        let frac = frac.trim_end_matches('0');
        format!("{int_part}.{frac:0<2}")
    };
    let prefix = currency.prefix();
    if digits.trim_start_matches(['0', '.']).is_empty() {
        return format!("{prefix}0");
    }
    let sign = if value < 0.0 { "−" } else { "" };
    format!("{sign}{prefix}{digits}")
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's three-letter English name ("Mar" for 3); "?" outside 1–12.
pub fn month_abbreviation(month: u32) -> &'static str {
    MONTH_ABBREVIATIONS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// A calendar month as every table, card, sentence and picker writes it: "Mar 2027". A month
/// outside 1–12 (never in a valid plan) falls back to the machine form "2027-13".
///
/// # Example
/// ```
/// use headroom_core::{format::month_label, plan::YearMonth};
/// assert_eq!(month_label(YearMonth { year: 2027, month: 3 }), "Mar 2027");
/// ```
pub fn month_label(month: YearMonth) -> String {
    match MONTH_ABBREVIATIONS.get(month.month.wrapping_sub(1) as usize) {
        Some(name) => format!("{name} {}", month.year),
        None => month.to_string(),
    }
}

/// A day as the page writes it: "1 Nov 2026" (the price date of a catalog). Machine forms
/// (plan files, CSV) keep `2026-11-01`.
///
/// # Example
/// ```
/// use headroom_core::{edit::NaiveDate, format::day_label};
/// assert_eq!(day_label(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()), "1 Nov 2026");
/// ```
pub fn day_label(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        date.day(),
        month_abbreviation(date.month()),
        date.year()
    )
}

/// The text an input field shows for a stored value: at most six significant digits with
/// trailing zeros dropped (20.833333333 → "20.8333"), whole numbers in full (1234567 →
/// "1234567"), no grouping so it reads as typed. Tiny and huge values use an exponent
/// ("1e-9"). Only for display: the plan keeps the exact figure until the person edits it, and
/// [`crate::input::NumberSpec::parse`] reads every text this writes. NaN and ±∞ give "".
///
/// # Example
/// ```
/// use headroom_core::format::field_value;
/// assert_eq!(field_value(20.833333333), "20.8333");
/// assert_eq!(field_value(1_234_567.0), "1234567");
/// assert_eq!(field_value(0.7), "0.7");
/// ```
pub fn field_value(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let abs = value.abs();
    if value.fract() == 0.0 && abs < 1e15 {
        return crate::float_text::fixed(value, 0);
    }
    if !(1e-4..1e15).contains(&abs) {
        let text = crate::float_text::scientific(value, 5);
        return match text.split_once('e') {
            Some((mantissa, exponent)) if mantissa.contains('.') => {
                let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
                format!("{mantissa}e{exponent}")
            }
            _ => text,
        };
    }
    let decimals = (5 - abs.log10().floor() as i32).max(0) as usize;
    let text = crate::float_text::fixed(value, decimals);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::USD;

    /// "1 000" as written, with the group separator.
    fn grouped(text: &str) -> String {
        text.replace(' ', "\u{202F}")
    }

    #[test]
    fn groups_thousands_and_trims_decimals() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), grouped("1 000"));
        assert_eq!(number(10_000_000.0), grouped("10 000 000"));
        assert_eq!(number(-4258.0), grouped("-4 258"));
        assert_eq!(number(12.50), "12.5");
        assert_eq!(number(0.001), "0.001");
        assert_eq!(number(-0.001), "-0.001");
        assert_eq!(number(1e-9), "0");
        assert_eq!(number(-1e-9), "0");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn numbers_never_hold_a_breakable_space() {
        for value in [1e3, 4258.0, 1_234_567.5, 2e6, 1e14, 9.9e18] {
            for text in [number(value), money(value, USD), count(value)] {
                assert!(!text.contains(' '), "{text:?} can wrap");
                assert!(text.contains(GROUP_SEPARATOR), "{text:?} is not grouped");
            }
        }
        // The unit stays apart with an ordinary space (it may wrap before the unit).
        assert_eq!(with_unit(2000.0, "req/s"), grouped("2 000") + " req/s");
    }

    #[test]
    fn percent_has_one_decimal() {
        assert_eq!(percent(2.0 / 3.0), "66.7 %");
        assert_eq!(percent(0.7), "70 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(f64::INFINITY), "—");
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(count(1139.06), grouped("1 140"));
        assert_eq!(count(140.0 / (50.0 * 0.7)), "4");
        assert_eq!(count(4.2), "5");
        assert_eq!(count(0.0), "0");
        assert_eq!(count(-3.0), "0");
        assert_eq!(count(f64::INFINITY), "—");
        assert_eq!(count(1e300), grouped("1 000 000 000 000 000"));
    }

    #[test]
    fn dollars_have_one_rule() {
        assert_eq!(money(0.0, USD), "$0");
        assert_eq!(money(-0.0, USD), "$0");
        assert_eq!(money(1234.4, USD), grouped("$1 234"));
        assert_eq!(money(100.0, USD), "$100");
        assert_eq!(money(99.996, USD), "$100");
        assert_eq!(money(99.99, USD), "$99.99");
        assert_eq!(money(59.6, USD), "$59.60");
        assert_eq!(money(1.0, USD), "$1.00");
        assert_eq!(money(0.9996, USD), "$1.00");
        assert_eq!(money(0.5, USD), "$0.50");
        assert_eq!(money(0.01, USD), "$0.01");
        assert_eq!(money(0.021, USD), "$0.021");
        assert_eq!(money(0.0596, USD), "$0.0596");
        assert_eq!(money(0.000_001_2, USD), "$0.000001");
        assert_eq!(money(1e-9, USD), "$0");
        assert_eq!(money(-441.04, USD), "−$441");
        assert_eq!(money(-0.2, USD), "−$0.20");
        assert_eq!(money(f64::NAN, USD), "—");
        assert_eq!(money(1e300, USD).chars().filter(|c| *c == '.').count(), 0);
    }

    #[test]
    fn every_currency_has_the_same_rule_and_its_own_prefix() {
        let of = |code| crate::currency::Currency::of(code).unwrap();
        assert_eq!(money(1234.4, of("EUR")), grouped("€1 234"));
        assert_eq!(money(59.6, of("GBP")), "£59.60");
        assert_eq!(money(-0.2, of("GBP")), "−£0.20");
        assert_eq!(money(0.0, of("EUR")), "€0");
        assert_eq!(money(59.6, of("AUD")), "AUD\u{A0}59.60");
        assert_eq!(money(-120.0, of("CHF")), "−CHF\u{A0}120");
        // No minor unit in use: whole yen and won from 1 up, per-unit costs still readable.
        assert_eq!(money(59.6, of("JPY")), "¥60");
        assert_eq!(money(1.4, of("JPY")), "¥1");
        assert_eq!(money(0.0596, of("JPY")), "¥0.0596");
        assert_eq!(money(12_345.6, of("KRW")), grouped("KRW\u{A0}12 346"));
        for c in crate::currency::known() {
            assert_eq!(money(f64::INFINITY, c), "—");
            assert!(money(1e300, c).starts_with(c.prefix()));
        }
    }

    #[test]
    fn dollars_never_show_one_decimal() {
        for cents in 0..20_000u32 {
            let text = money(f64::from(cents) / 100.0 + 0.001, USD);
            if let Some((_, frac)) = text.split_once('.') {
                assert!(frac.len() >= 2, "{text}");
            }
        }
    }

    #[test]
    fn month_labels_name_the_month_and_year() {
        let at = |year, month| month_label(YearMonth { year, month });
        assert_eq!(at(2027, 3), "Mar 2027");
        assert_eq!(at(2027, 12), "Dec 2027");
        assert_eq!(at(2027, 0), "2027-00");
        assert_eq!(at(2027, 13), "2027-13");
        assert_eq!(month_abbreviation(1), "Jan");
        assert_eq!(month_abbreviation(0), "?");
        assert_eq!(month_abbreviation(u32::MAX), "?");
    }

    #[test]
    fn days_read_as_words() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(day_label(day(2026, 11, 1)), "1 Nov 2026");
        assert_eq!(day_label(day(2027, 3, 31)), "31 Mar 2027");
    }

    #[test]
    fn field_values_have_sensible_precision() {
        assert_eq!(field_value(20.833_333_333), "20.8333");
        assert_eq!(field_value(200.0 / 4.5), "44.4444");
        assert_eq!(field_value(0.7), "0.7");
        assert_eq!(field_value(59.6), "59.6");
        assert_eq!(field_value(0.0), "0");
        assert_eq!(field_value(-0.0), "0");
        assert_eq!(field_value(-2.5), "-2.5");
        assert_eq!(field_value(1_234_567.0), "1234567");
        assert_eq!(field_value(0.000_123_456_78), "0.000123457");
        assert_eq!(field_value(1e-9), "1e-9");
        assert_eq!(field_value(1.5e20), "1.5e20");
        assert_eq!(field_value(f64::NAN), "");
        assert_eq!(field_value(0.1 + 0.2), "0.3");
    }
}
