//! Turning text typed by a person into a checked number.
//!
//! Every numeric field of a plan has a [`NumberSpec`]: its label, unit and the range a sane plan
//! can hold. [`NumberSpec::parse`] is the one place where text becomes a number, so every field
//! rejects empty, non-numeric, non-finite, fractional (where counts are whole) and absurd values
//! with the same wording.
//!
//! It reads what the page writes and what people paste: digits grouped in threes by a space
//! (plain, no-break U+00A0, narrow no-break U+202F as [`crate::format::number`] writes, or
//! thin U+2009), a comma ("2,000", "2,000.5"), an underscore ("1_000") or an apostrophe
//! ("1'000", as Swiss spreadsheets write it), one kind per number.
//! The decimal mark is always a point. A comma is a thousands separator only before a group of
//! exactly three digits, so "2,5" is not read as 2.5 (nor as 25): it is rejected with
//! [`FieldProblem::DecimalComma`], which says to write "2.5".

use std::fmt;

/// What is allowed in one numeric field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberSpec {
    /// Name shown to the person, e.g. "Peak traffic".
    pub label: &'static str,
    /// Unit shown after the value, e.g. "req/s". Empty for plain counts.
    pub unit: &'static str,
    /// Smallest accepted value (inclusive).
    pub min: f64,
    /// Largest accepted value (inclusive): anything above is a typing mistake, not a plan.
    pub max: f64,
    /// Whether only whole numbers make sense (instance counts).
    pub whole: bool,
}

/// Why a field's text was rejected.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// Nothing was typed.
    Empty,
    /// The text is not a finite decimal number.
    NotANumber,
    /// A comma where a decimal point belongs ("2,5", "1.234,5"): a comma only groups thousands.
    DecimalComma,
    /// A count was given a fractional value.
    NotWhole,
    /// Below [`NumberSpec::min`].
    TooSmall { min: f64 },
    /// Above [`NumberSpec::max`].
    TooLarge { max: f64 },
}

impl NumberSpec {
    /// Parses `raw` (surrounding spaces ignored, thousands grouped or not: see the module
    /// documentation) into a value within this spec.
    ///
    /// # Errors
    /// A [`FieldProblem`] saying why the text is not an acceptable value.
    ///
    /// # Example
    /// ```
    /// use headroom_core::input::{FieldProblem, NumberSpec};
    /// let spec = NumberSpec { label: "Peak traffic", unit: "req/s", min: 0.0, max: 1e7, whole: false };
    /// assert_eq!(spec.parse(" 250 "), Ok(250.0));
    /// assert_eq!(spec.parse("4\u{202F}258"), Ok(4258.0));
    /// assert_eq!(spec.parse("2,000.5"), Ok(2000.5));
    /// assert_eq!(spec.parse("2,5"), Err(FieldProblem::DecimalComma));
    /// assert_eq!(spec.parse("abc"), Err(FieldProblem::NotANumber));
    /// assert_eq!(spec.parse("-1"), Err(FieldProblem::TooSmall { min: 0.0 }));
    /// ```
    pub fn parse(&self, raw: &str) -> Result<f64, FieldProblem> {
        self.check(read_number(raw, false)?)
    }

    /// Checks a number that is already parsed (from a plan file or link) against this spec.
    ///
    /// # Errors
    /// [`FieldProblem::NotANumber`] for NaN or ±∞, otherwise the range or wholeness problem.
    pub fn check(&self, value: f64) -> Result<f64, FieldProblem> {
        if !value.is_finite() {
            return Err(FieldProblem::NotANumber);
        }
        if value < self.min {
            return Err(FieldProblem::TooSmall { min: self.min });
        }
        if value > self.max {
            return Err(FieldProblem::TooLarge { max: self.max });
        }
        if self.whole && value.fract() != 0.0 {
            return Err(FieldProblem::NotWhole);
        }
        Ok(value)
    }

    /// A value with this spec's unit, e.g. "1 000 req/s".
    pub fn with_unit(&self, value: f64) -> String {
        crate::format::with_unit(value, self.unit)
    }

    /// The sentence explaining `problem` for this field, without the label.
    pub fn describe(&self, problem: &FieldProblem) -> String {
        match problem {
            FieldProblem::Empty => "is empty: enter a number".to_owned(),
            // Not told to use a decimal point: a count takes none, nor a range ("5..7" in a
            // milestone's month).
            FieldProblem::NotANumber if self.whole => "must be a whole number".to_owned(),
            FieldProblem::NotANumber => {
                "is not a number: use digits with a decimal point, such as 12.5".to_owned()
            }
            FieldProblem::DecimalComma => "uses a comma as the decimal mark: write the decimals \
                 after a point, such as 2.5 (a comma only separates thousands, as in 2,000)"
                .to_owned(),
            FieldProblem::NotWhole => "must be a whole number".to_owned(),
            FieldProblem::TooSmall { min } => format!("must be at least {}", self.with_unit(*min)),
            FieldProblem::TooLarge { max } => format!("must be at most {}", self.with_unit(*max)),
        }
    }
}

/// `raw` (surrounding spaces ignored) as a finite number, grouped as [`NumberSpec::parse`]
/// reads it, in no range. With `decimal_comma` the comma is the decimal mark and points group
/// thousands ("1.250,5", "1 250,5"), as spreadsheets in many countries write numbers; the text
/// pasted into a trend's history is read so when its columns are not separated by commas.
///
/// # Errors
/// [`FieldProblem::Empty`], [`FieldProblem::NotANumber`] or [`FieldProblem::DecimalComma`].
///
/// # Example
/// ```
/// use headroom_core::input::{read_number, FieldProblem};
/// assert_eq!(read_number("1 250.5", false), Ok(1250.5));
/// assert_eq!(read_number("1.250,5", true), Ok(1250.5));
/// assert_eq!(read_number("2'000", false), Ok(2000.0));
/// assert_eq!(read_number("2,5", false), Err(FieldProblem::DecimalComma));
/// assert_eq!(read_number("1.2k", true), Err(FieldProblem::NotANumber));
/// ```
pub fn read_number(raw: &str, decimal_comma: bool) -> Result<f64, FieldProblem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldProblem::Empty);
    }
    let digits = if decimal_comma {
        let swapped: String = text
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                c => c,
            })
            .collect();
        plain_digits(&swapped)?
    } else {
        plain_digits(text)?
    };
    crate::float_text::parse_f64(&digits)
        .filter(|v| v.is_finite())
        .ok_or(FieldProblem::NotANumber)
}

/// How a number's integer digits may be grouped.
#[derive(Clone, Copy, PartialEq)]
enum Separator {
    Space,
    Comma,
    Underscore,
    Apostrophe,
}

fn separator(c: char) -> Option<Separator> {
    match c {
        ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' => Some(Separator::Space),
        ',' => Some(Separator::Comma),
        '_' => Some(Separator::Underscore),
        '\'' | '\u{2019}' => Some(Separator::Apostrophe),
        _ => None,
    }
}

/// `text` (already trimmed) with its grouping removed and its sign in ASCII, ready for
/// [`crate::float_text::parse_f64`]: only an optional sign, digits, one point and an exponent
/// of digits get through.
fn plain_digits(text: &str) -> Result<String, FieldProblem> {
    let (negative, unsigned) = if let Some(rest) = text.strip_prefix(['-', '\u{2212}']) {
        (true, rest)
    } else {
        (false, text.strip_prefix('+').unwrap_or(text))
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((int_part, frac_part)) => (int_part, Some(frac_part)),
        None => (mantissa, None),
    };
    if let Some(frac) = frac_part {
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            // "1.234,5": a decimal comma after a grouping point.
            return Err(if frac.contains(',') {
                FieldProblem::DecimalComma
            } else {
                FieldProblem::NotANumber
            });
        }
    }
    let groups: Vec<&str> = int_part.split(|c| separator(c).is_some()).collect();
    let mut kinds = int_part.chars().filter_map(separator);
    let one_kind = kinds.next().is_none_or(|first| kinds.all(|k| k == first));
    let well_grouped = one_kind
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && match groups.split_first() {
            // Grouped: one to three digits, then groups of exactly three.
            Some((first, rest)) if !rest.is_empty() => {
                (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3)
            }
            _ => true,
        };
    if !well_grouped {
        // One comma and no point ("2,5", "12 345,67"): a decimal comma, said in words.
        let decimal_comma = frac_part.is_none()
            && int_part.split_once(',').is_some_and(|(before, after)| {
                !before.is_empty()
                    && before
                        .chars()
                        .all(|c| c.is_ascii_digit() || separator(c).is_some())
                    && !after.is_empty()
                    && after.bytes().all(|b| b.is_ascii_digit())
            });
        return Err(if decimal_comma {
            FieldProblem::DecimalComma
        } else {
            FieldProblem::NotANumber
        });
    }
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(FieldProblem::NotANumber);
    }
    let mut digits = String::with_capacity(text.len());
    if negative {
        digits.push('-');
    }
    digits.extend(groups);
    if let Some(frac) = frac_part {
        digits.push('.');
        digits.push_str(frac);
    }
    if let Some(exponent) = exponent {
        let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldProblem::NotANumber);
        }
        digits.push('e');
        digits.push_str(exponent);
    }
    Ok(digits)
}

/// A rejected field: which one, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError<F> {
    pub field: F,
    pub spec: NumberSpec,
    pub problem: FieldProblem,
}

impl<F> fmt::Display for FieldError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.spec.label,
            self.spec.describe(&self.problem)
        )
    }
}

impl<F: fmt::Debug> std::error::Error for FieldError<F> {}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: NumberSpec = NumberSpec {
        label: "Minimum instances",
        unit: "",
        min: 0.0,
        max: 10_000.0,
        whole: true,
    };
    const RATE: NumberSpec = NumberSpec {
        label: "Peak traffic",
        unit: "req/s",
        min: 0.0,
        max: 10_000_000.0,
        whole: false,
    };

    #[test]
    fn accepts_plain_and_scientific_numbers() {
        assert_eq!(RATE.parse("12.5"), Ok(12.5));
        assert_eq!(RATE.parse("\t1e3\n"), Ok(1000.0));
        assert_eq!(COUNT.parse("3"), Ok(3.0));
        assert_eq!(COUNT.parse("3.0"), Ok(3.0));
    }

    #[test]
    fn rejects_each_kind_of_bad_text() {
        assert_eq!(RATE.parse(""), Err(FieldProblem::Empty));
        assert_eq!(RATE.parse("   "), Err(FieldProblem::Empty));
        assert_eq!(RATE.parse("12,5"), Err(FieldProblem::DecimalComma));
        assert_eq!(RATE.parse("NaN"), Err(FieldProblem::NotANumber));
        assert_eq!(RATE.parse("inf"), Err(FieldProblem::NotANumber));
        assert_eq!(RATE.parse("1e400"), Err(FieldProblem::NotANumber));
        assert_eq!(RATE.parse("-0.1"), Err(FieldProblem::TooSmall { min: 0.0 }));
        assert_eq!(
            RATE.parse("1e12"),
            Err(FieldProblem::TooLarge { max: 10_000_000.0 })
        );
        assert_eq!(COUNT.parse("2.5"), Err(FieldProblem::NotWhole));
    }

    #[test]
    fn accepts_numbers_grouped_as_the_page_writes_and_people_paste() {
        for (text, value) in [
            ("4 258", 4258.0),
            ("4\u{202F}258", 4258.0),
            ("4\u{00A0}258", 4258.0),
            ("4\u{2009}258", 4258.0),
            ("2,000", 2000.0),
            ("2,000.5", 2000.5),
            ("1_000", 1000.0),
            ("1 234 567.25", 1_234_567.25),
            ("10,000,000", 10_000_000.0),
            (" 2,000 ", 2000.0),
            ("\u{202F}2\u{202F}000\u{202F}", 2000.0),
            ("+1,000", 1000.0),
            ("1,000e3", 1_000_000.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1E-3", 0.001),
        ] {
            assert_eq!(RATE.parse(text), Ok(value), "{text:?}");
        }
        let signed = NumberSpec { min: -1e7, ..RATE };
        assert_eq!(signed.parse("-4\u{202F}258"), Ok(-4258.0));
        assert_eq!(signed.parse("\u{2212}2,000"), Ok(-2000.0));
        assert_eq!(COUNT.parse("1,000"), Ok(1000.0));
    }

    #[test]
    fn a_comma_groups_only_threes_and_a_decimal_comma_is_said_in_words() {
        for text in [
            "2,5",
            "12,75",
            "2,5000",
            "1000,000",
            "1_000,000",
            "1.234,5",
            "12 345,67",
            "0,5",
        ] {
            assert_eq!(
                RATE.parse(text),
                Err(FieldProblem::DecimalComma),
                "{text:?}"
            );
        }
        for text in [
            "1,2345,678",
            "1 00",
            "42 58",
            "1  000",
            "1,000 000",
            ",",
            ",5",
            "5,",
            ".",
            "-",
            "1.000.000",
            "1.5.",
            "1 000.000 1",
            "1e",
            "1e+",
            "1e3.5",
            "1e1,000",
            "--1",
            "- 1",
            "$1,000",
            "infinity",
            "+nan",
            "0x10",
            "٣",
        ] {
            assert_eq!(RATE.parse(text), Err(FieldProblem::NotANumber), "{text:?}");
        }
        assert_eq!(
            RATE.describe(&FieldProblem::DecimalComma),
            "uses a comma as the decimal mark: write the decimals after a point, such as 2.5 \
             (a comma only separates thousands, as in 2,000)"
        );
    }

    #[test]
    fn reads_back_every_number_the_page_writes() {
        let wide = NumberSpec {
            min: -1e15,
            max: 1e15,
            ..RATE
        };
        let values = [
            0.0,
            1.0,
            999.0,
            1000.0,
            4258.0,
            1_234_567.0,
            12.25,
            0.001,
            0.125,
            -4258.0,
        ];
        for value in values.into_iter().chain([1_234_567.5]) {
            assert_eq!(wide.parse(&crate::format::number(value)), Ok(value));
        }
        for value in values {
            assert_eq!(wide.parse(&crate::format::field_value(value)), Ok(value));
        }
        // An input shows six significant digits: what it reads back is that close.
        for value in [
            20.833_333_333,
            200.0 / 4.5,
            1_234_567.5,
            -0.000_123_456_78,
            1e-9,
            3.3e14 + 0.5,
        ] {
            let back = wide.parse(&crate::format::field_value(value));
            let back = back.unwrap_or_else(|p| panic!("{value}: {p:?}"));
            assert!(
                (back - value).abs() <= value.abs() * 5e-6,
                "{value} → {back}"
            );
        }
    }

    #[test]
    fn messages_name_the_field_and_the_limit_with_its_unit() {
        let err = FieldError {
            field: (),
            spec: RATE,
            problem: RATE.parse("1e12").unwrap_err(),
        };
        assert_eq!(
            err.to_string(),
            "Peak traffic must be at most 10\u{202F}000\u{202F}000 req/s"
        );
        let err = FieldError {
            field: (),
            spec: COUNT,
            problem: FieldProblem::NotWhole,
        };
        assert_eq!(err.to_string(), "Minimum instances must be a whole number");
    }

    #[test]
    fn a_count_that_is_not_a_number_is_not_told_to_use_decimals() {
        // A count takes no range either: "5..7" in a milestone's month.
        for text in ["5..7", "five"] {
            let problem = COUNT.parse(text).unwrap_err();
            assert_eq!(COUNT.describe(&problem), "must be a whole number");
        }
        assert_eq!(
            RATE.describe(&RATE.parse("five").unwrap_err()),
            "is not a number: use digits with a decimal point, such as 12.5"
        );
    }
}
