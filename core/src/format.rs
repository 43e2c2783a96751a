//! Numbers as people read them: grouped thousands, few decimals, units always shown.

/// Formats `value` with a space between groups of three digits and trailing zeros dropped: at
/// most two decimals from 1 up, three significant digits below 1 (so limits like 0.001 stay
/// visible), e.g. `1234567.5` → `"1 234 567.5"`.
///
/// # Example
/// ```
/// assert_eq!(headroom_core::format::number(1234567.5), "1 234 567.5");
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
        (format!("{abs:.0}"), String::new())
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 8);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(' ');
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
    let one_decimal = format!("{:.1}", fraction * 100.0);
    let trimmed = one_decimal.strip_suffix(".0").unwrap_or(&one_decimal);
    format!("{trimmed} %")
}

/// US dollars: "$1 234" from 100 up, cents below ("$59.60").
///
/// # Example
/// ```
/// assert_eq!(headroom_core::format::usd(1234.4), "$1 234");
/// assert_eq!(headroom_core::format::usd(59.6), "$59.60");
/// assert_eq!(headroom_core::format::usd(0.0), "$0");
/// ```
pub fn usd(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    if abs >= 100.0 || abs == 0.0 {
        format!("{sign}${}", number(abs.round()))
    } else {
        format!("{sign}${abs:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_trims_decimals() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), "1 000");
        assert_eq!(number(10_000_000.0), "10 000 000");
        assert_eq!(number(12.50), "12.5");
        assert_eq!(number(0.001), "0.001");
        assert_eq!(number(-0.001), "-0.001");
        assert_eq!(number(1e-9), "0");
        assert_eq!(number(-1e-9), "0");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn percent_has_one_decimal() {
        assert_eq!(percent(2.0 / 3.0), "66.7 %");
        assert_eq!(percent(0.7), "70 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(f64::INFINITY), "—");
    }
}
