//! A range as text: the canonical form ([`text`]) and a number field's ([`field_text`]).

use super::*;

/// The canonical text of `distribution` (the module documentation), which [`parse`] reads
/// back to the same distribution when its parameters are finite and make one.
///
/// # Example
/// ```
/// use headroom_core::plan::Distribution;
/// use headroom_core::uncertain::syntax::text;
/// assert_eq!(text(&Distribution::Uniform { low: 8.0, high: 20.0 }), "8–20");
/// assert_eq!(text(&Distribution::Uniform { low: -5.0, high: -2.5 }), "-5 to -2.5");
/// assert_eq!(text(&Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 }), "8/12/20");
/// assert_eq!(text(&Distribution::Lognormal { median: 0.1, gsd: 1.5 }), "lognormal(0.1, 1.5)");
/// ```
pub fn text(distribution: &Distribution) -> String {
    text_with(distribution, number_text)
}

/// `distribution` as a number field shows it: [`text`]'s form with its numbers as the field
/// shows a number ([`crate::format::field_value`]: six significant digits), so the page's
/// first download needs no second way of writing numbers.
///
/// # Example
/// ```
/// use headroom_core::plan::Distribution;
/// use headroom_core::uncertain::syntax::field_text;
/// assert_eq!(field_text(&Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 }), "8/12/20");
/// assert_eq!(field_text(&Distribution::Uniform { low: 1.0 / 3.0, high: 2.0 }), "0.333333–2");
/// ```
pub fn field_text(distribution: &Distribution) -> String {
    text_with(distribution, crate::format::field_value)
}

/// [`text`]'s form, each number written by `n`.
fn text_with(distribution: &Distribution, n: fn(f64) -> String) -> String {
    match *distribution {
        Distribution::Uniform { low, high } => {
            if low.is_sign_negative() && low != 0.0 || high.is_sign_negative() && high != 0.0 {
                format!("{} to {}", n(low), n(high))
            } else {
                format!("{}–{}", n(low), n(high))
            }
        }
        Distribution::Triangular { low, likely, high } => {
            format!("triangular({}, {}, {})", n(low), n(likely), n(high))
        }
        Distribution::Pert { low, likely, high } => {
            format!("{}/{}/{}", n(low), n(likely), n(high))
        }
        Distribution::Normal { mean, sd } => format!("normal({}, {})", n(mean), n(sd)),
        Distribution::Lognormal { median, gsd } => {
            format!("lognormal({}, {})", n(median), n(gsd))
        }
    }
}

/// `value` in the fewest significant digits that [`parse_f64`] reads back to exactly
/// `value`: plainly from 10⁻⁵ to below 10¹⁵ (`0.1`, `12.5`, `-3`, `1234567.25`), with an
/// exponent beyond (`1e-7`, `2.5e20`). `-0` is written `0`; NaN and ±∞ as `NaN`, `inf` and
/// `-inf` (which read as no number).
///
/// # Example
/// ```
/// use headroom_core::uncertain::syntax::number_text;
/// assert_eq!(number_text(0.1), "0.1");
/// assert_eq!(number_text(1.0 / 3.0), "0.3333333333333333");
/// assert_eq!(number_text(-2.5e-7), "-2.5e-7");
/// assert_eq!(number_text(1e21), "1e21");
/// ```
pub fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return fixed(value, 0);
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return fixed(value, 0);
    }
    for decimals in 0..17 {
        let sci = scientific(value, decimals);
        if parse_f64(&sci) != Some(value) {
            continue;
        }
        let exponent = sci
            .split_once('e')
            .and_then(|(_, e)| e.parse::<i64>().ok())
            .unwrap_or(0);
        if (-5..15).contains(&exponent) {
            let places = (decimals as i64 - exponent).max(0) as usize;
            let plain = fixed(value, places);
            let plain = if plain.contains('.') {
                plain.trim_end_matches('0').trim_end_matches('.')
            } else {
                &plain
            };
            if parse_f64(plain) == Some(value) {
                return plain.to_owned();
            }
        }
        return sci;
    }
    scientific(value, 16)
}
