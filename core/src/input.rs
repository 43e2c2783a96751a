//! Turning text typed by a person into a checked number.
//!
//! Every numeric field of a plan has a [`NumberSpec`]: its label, unit and the range a sane plan
//! can hold. [`NumberSpec::parse`] is the one place where text becomes a number, so every field
//! rejects empty, non-numeric, non-finite, fractional (where counts are whole) and absurd values
//! with the same wording.

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
    /// A count was given a fractional value.
    NotWhole,
    /// Below [`NumberSpec::min`].
    TooSmall { min: f64 },
    /// Above [`NumberSpec::max`].
    TooLarge { max: f64 },
}

impl NumberSpec {
    /// Parses `raw` (surrounding spaces ignored) into a value within this spec.
    ///
    /// # Errors
    /// A [`FieldProblem`] saying why the text is not an acceptable value.
    ///
    /// # Example
    /// ```
    /// use headroom_core::input::{FieldProblem, NumberSpec};
    /// let spec = NumberSpec { label: "Peak traffic", unit: "req/s", min: 0.0, max: 1e7, whole: false };
    /// assert_eq!(spec.parse(" 250 "), Ok(250.0));
    /// assert_eq!(spec.parse("abc"), Err(FieldProblem::NotANumber));
    /// assert_eq!(spec.parse("-1"), Err(FieldProblem::TooSmall { min: 0.0 }));
    /// ```
    pub fn parse(&self, raw: &str) -> Result<f64, FieldProblem> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(FieldProblem::Empty);
        }
        // Rust's float parser also accepts "inf" and "NaN"; neither is a quantity.
        let value: f64 = text.parse().map_err(|_| FieldProblem::NotANumber)?;
        self.check(value)
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
            FieldProblem::NotANumber => {
                "is not a number: use digits with a decimal point, such as 12.5".to_owned()
            }
            FieldProblem::NotWhole => "must be a whole number".to_owned(),
            FieldProblem::TooSmall { min } => format!("must be at least {}", self.with_unit(*min)),
            FieldProblem::TooLarge { max } => format!("must be at most {}", self.with_unit(*max)),
        }
    }
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
        assert_eq!(RATE.parse("12,5"), Err(FieldProblem::NotANumber));
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
    fn messages_name_the_field_and_the_limit_with_its_unit() {
        let err = FieldError {
            field: (),
            spec: RATE,
            problem: RATE.parse("1e12").unwrap_err(),
        };
        assert_eq!(
            err.to_string(),
            "Peak traffic must be at most 10 000 000 req/s"
        );
        let err = FieldError {
            field: (),
            spec: COUNT,
            problem: FieldProblem::NotWhole,
        };
        assert_eq!(err.to_string(), "Minimum instances must be a whole number");
    }
}
