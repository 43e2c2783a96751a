//! Axis labels as text: which months get a label ([`month_ticks`], "Jan 2027"), short value
//! tick labels ([`tick_label`]: "2.5k", "$1.5M"), how a chart's values are written
//! ([`ValueFormat`]) and a rough text width ([`text_width`]) to fit them.

use super::bounded;
use crate::currency::Currency;
use crate::format;
use crate::plan::YearMonth;

/// The widest month label an axis writes ("Sep 2027", as everywhere else on the page): month
/// labels are spaced by its width.
pub(super) const MONTH_LABEL_SAMPLE: &str = "Sep 2027";

/// Which plan months get a label on a month axis of `months` months starting at `start`, when
/// at most `max_labels` fit: every month, every 2nd, then quarters, half years, Januaries, and
/// every 2, 5, 10… years, aligned to the calendar from quarters up.
///
/// # Example
/// ```
/// use headroom_core::{chart::month_ticks, plan::YearMonth};
/// let jan = YearMonth { year: 2027, month: 1 };
/// assert_eq!(month_ticks(jan, 12, 12), (1..=12).collect::<Vec<_>>());
/// assert_eq!(month_ticks(jan, 12, 4), vec![1, 4, 7, 10]);
/// assert_eq!(month_ticks(jan, 120, 10), vec![1, 13, 25, 37, 49, 61, 73, 85, 97, 109]);
/// ```
pub fn month_ticks(start: YearMonth, months: u32, max_labels: usize) -> Vec<u32> {
    let months = months.max(1);
    let max_labels = max_labels.max(1);
    for step in [1u32, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200] {
        let ticks: Vec<u32> = (1..=months)
            .filter(|&m| {
                let calendar = start.of_plan_month(m);
                let index = calendar.month.saturating_sub(1);
                match step {
                    1 | 2 => (m - 1).is_multiple_of(step),
                    3 | 6 | 12 => index.is_multiple_of(step),
                    _ => index == 0 && calendar.year.rem_euclid((step / 12) as i32) == 0,
                }
            })
            .take(max_labels + 1)
            .collect();
        // Also by spacing: labels `step` months apart, at most `max_labels` per horizon.
        let spaced = u64::from(months) <= max_labels as u64 * u64::from(step);
        if !ticks.is_empty() && ticks.len() <= max_labels && spaced {
            return ticks;
        }
    }
    vec![1]
}

/// "1.50e-7" → "1.5e-7"; "2.0e15" → "2e15".
fn trim_exponent(text: &str) -> String {
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') {
                mantissa.trim_end_matches('0').trim_end_matches('.')
            } else {
                mantissa
            };
            format!("{mantissa}e{exponent}")
        }
        None => text.to_owned(),
    }
}

/// How a chart's values are written.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueFormat {
    /// A number and its unit: "412 req/s", "7 instances".
    Unit(String),
    /// Money per month, in the plan's currency: "$1 234", "€1 234".
    MoneyPerMonth(Currency),
}

impl ValueFormat {
    /// One value in full, as the legend shows it.
    pub fn value(&self, value: f64) -> String {
        match self {
            Self::Unit(unit) => format::with_unit(value, unit),
            Self::MoneyPerMonth(currency) => format::money(value, *currency),
        }
    }

    /// The axis title: the unit ("req/s", "USD/month").
    pub fn axis_title(&self) -> String {
        match self {
            Self::Unit(unit) => unit.clone(),
            Self::MoneyPerMonth(currency) => currency.per_month(),
        }
    }

    /// What goes before a tick label: the currency's prefix for money, nothing otherwise.
    pub(super) fn tick_prefix(&self) -> &'static str {
        match self {
            Self::Unit(_) => "",
            Self::MoneyPerMonth(currency) => currency.prefix(),
        }
    }
}

/// A tick label of an axis with `step` whose ticks reach `max_abs`, after `prefix` (a
/// currency's, or nothing): short ("2.5k", "$1.5M",
/// "40", "0.05", "2e-7") and with just enough decimals to tell neighbouring ticks apart.
///
/// # Example
/// ```
/// use headroom_core::chart::tick_label;
/// assert_eq!(tick_label(2500.0, 500.0, 2500.0, ""), "2\u{202F}500");
/// assert_eq!(tick_label(25_000.0, 5_000.0, 25_000.0, ""), "25k");
/// assert_eq!(tick_label(1_500_000.0, 500_000.0, 2e6, "$"), "$1.5M");
/// assert_eq!(tick_label(0.05, 0.05, 0.2, ""), "0.05");
/// ```
pub fn tick_label(value: f64, step: f64, max_abs: f64, prefix: &str) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    if abs == 0.0 {
        return format!("{prefix}0");
    }
    let step = if step.is_finite() && step > 0.0 {
        step
    } else {
        abs
    };
    if max_abs >= 1e15 || step < 1e-6 {
        return format!(
            "{sign}{prefix}{}",
            trim_exponent(&crate::float_text::scientific(abs, 2))
        );
    }
    let (scale, suffix) = match max_abs {
        m if m >= 1e12 => (1e12, "T"),
        m if m >= 1e9 => (1e9, "B"),
        m if m >= 1e6 => (1e6, "M"),
        m if m >= 1e4 => (1e3, "k"),
        _ => (1.0, ""),
    };
    let decimals = bounded(-(step / scale).log10().floor(), 0.0, 9.0) as usize;
    let text = crate::float_text::fixed(abs / scale, decimals);
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let frac = if frac_part.is_empty() {
        String::new()
    } else {
        format!(".{frac_part}")
    };
    // The integer part grouped as everywhere else ("1 000"); it is below 10⁴ × 10³.
    let grouped = format::number(int_part.parse::<u64>().unwrap_or(0) as f64);
    format!("{sign}{prefix}{grouped}{frac}{suffix}")
}

/// Rough width of `text` in px at `font_px` (system sans-serif, digits and lower case).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_are_short_and_exact_enough() {
        assert_eq!(tick_label(0.0, 100.0, 500.0, ""), "0");
        assert_eq!(tick_label(0.0, 100.0, 500.0, "$"), "$0");
        assert_eq!(tick_label(400.0, 100.0, 500.0, ""), "400");
        assert_eq!(tick_label(400.0, 100.0, 500.0, "$"), "$400");
        assert_eq!(tick_label(7500.0, 2500.0, 7500.0, ""), "7\u{202F}500");
        assert_eq!(tick_label(10_000.0, 2000.0, 10_000.0, "$"), "$10k");
        assert_eq!(tick_label(12_000.0, 2000.0, 12_000.0, ""), "12k");
        assert_eq!(tick_label(2_500_000.0, 500_000.0, 3e6, ""), "2.5M");
        assert_eq!(tick_label(4e9, 1e9, 5e9, ""), "4B");
        assert_eq!(tick_label(2e12, 1e12, 5e12, ""), "2T");
        assert_eq!(tick_label(2e15, 1e15, 5e15, ""), "2e15");
        assert_eq!(tick_label(2.5e15, 5e14, 5e15, ""), "2.5e15");
        assert_eq!(tick_label(0.25, 0.05, 0.3, ""), "0.25");
        assert_eq!(tick_label(1.2, 0.2, 2.0, ""), "1.2");
        assert_eq!(tick_label(3e-7, 1e-7, 5e-7, ""), "3e-7");
        assert_eq!(tick_label(-40.0, 20.0, 40.0, ""), "-40");
        assert_eq!(tick_label(-400.0, 100.0, 400.0, "$"), "-$400");
        assert_eq!(tick_label(f64::NAN, 1.0, 1.0, ""), "—");
    }

    #[test]
    fn month_labels_fit_and_follow_the_calendar() {
        let nov = YearMonth {
            year: 2026,
            month: 11,
        };
        assert_eq!(format::month_label(nov), "Nov 2026");
        // Quarters from November: Jan, Apr, Jul, Oct.
        assert_eq!(month_ticks(nov, 12, 4), vec![3, 6, 9, 12]);
        // Every 2nd month when quarters are not needed.
        assert_eq!(month_ticks(nov, 12, 6), vec![1, 3, 5, 7, 9, 11]);
        assert_eq!(month_ticks(nov, 1, 0), vec![1]);
        // 120 months on a phone: every 2 years, on Januaries of even years.
        let ticks = month_ticks(nov, 120, 5);
        assert!(ticks.len() <= 5 && !ticks.is_empty(), "{ticks:?}");
        for m in &ticks {
            let c = nov.of_plan_month(*m);
            assert_eq!(c.month, 1);
            assert_eq!(c.year % 2, 0);
        }
        // A horizon too short for any aligned label still gets one.
        assert_eq!(month_ticks(nov, 2, 1), vec![1]);
    }
}
