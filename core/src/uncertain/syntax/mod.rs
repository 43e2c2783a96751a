//! What a planner types in a numeric field when the number is not known exactly: a range, read
//! into a [`Distribution`] ([`parse`]), and the text that reads back to the same range
//! ([`text`]).
//!
//! # Syntax
//!
//! Spaces (any Unicode white space) may stand between any two parts and around the text. A
//! *number* is an optional sign (`-`, `−` U+2212 or `+`) and digits with at most one decimal
//! point and an optional exponent: `12`, `12.5`, `.5`, `-3`, `1e3`, `2.5E-4`. The point is the
//! decimal mark; a comma never is. A *dash* is `-`, `−`, `‒` (U+2012), `–` (en dash, U+2013)
//! or `—` (em dash, U+2014).
//!
//! | text | reads as |
//! |---|---|
//! | a number: `12`, `-3`, `1e3` (also grouped as a plain field reads it: `4 258`, `2,000`) | that number, no range |
//! | *a* dash *b*, *a* `to` *b*, *a* `..` *b*: `8–20`, `8-20`, `8 to 20`, `8..20` | uniform between *a* and *b* |
//! | *a* `/` *c* `/` *b*: `8/12/20` | PERT: low *a*, likely *c*, high *b* |
//! | `uniform(`*a*`,` *b*`)` | uniform between *a* and *b* |
//! | `triangular(`*a*`,` *c*`,` *b*`)`, or `tri(…)` | triangular: low, likely, high |
//! | `pert(`*a*`,` *c*`,` *b*`)` | PERT: low, likely, high |
//! | `normal(`*mean*`,` *sd*`)` | normal |
//! | `lognormal(`*median*`,` *gsd*`)` | lognormal: median and geometric standard deviation |
//!
//! - Shape names and `to` are read in any case (`PERT(8, 12, 20)`, `8 TO 20`); the numbers in
//!   parentheses are separated by commas (or semicolons).
//! - A dash right before a number, at the start or after a separator, is its minus sign:
//!   `-3` is minus three, `-5--2`, `-5 – -2` and `-5 to -2` are uniform from −5 to −2, and
//!   `-5-2` is uniform from −5 to 2.
//! - A unit may follow, and is ignored: one or more words (a letter or currency sign, then
//!   letters, digits and `/ _ · ² ³ °`) or `%`: `8–20 %`, `12 GB`, `8/12/20 req/s`. It must
//!   come last, and `to` is never a unit (`8 to` lacks its high end).
//! - The range must be one: low ≤ high, low ≤ likely ≤ high, sd ≥ 0, median > 0, gsd ≥ 1
//!   ([`Distribution::problem`]); `8–8` is a range of zero width, which computes as 8.
//! - Numbers inside a range are not grouped: `2000–3000`, not `2,000–3,000`.
//!
//! [`text`] writes the canonical form: `8–20` (`-5 to -2` when an end is negative, which reads
//! better than `-5–-2`), `8/12/20`, `triangular(8, 12, 20)`, `normal(12, 3)`,
//! `lognormal(12, 1.5)`, each number in the fewest digits that read back to the same `f64`
//! ([`number_text`]).
//!
//! Numbers are read by [`crate::float_text::parse_f64`] and written by
//! [`crate::float_text`]'s `fixed` and `scientific`, not Rust's float parser and formatting,
//! whose tables the page does without (ARCHITECTURE.md, "Numbers read without Rust's float
//! parser").

mod read;
mod write;

use crate::float_text::{fixed, parse_f64, scientific};
use crate::plan::Distribution;
use std::fmt;
pub use write::{field_text, number_text, text};

/// What a numeric field's text says: a plain number or a range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    /// A single number.
    Number(f64),
    /// A range, valid ([`Distribution::problem`] is `None`).
    Range(Distribution),
}

impl Entry {
    /// The number the field holds: the number itself, or the range's
    /// [`Distribution::point`].
    pub fn point(&self) -> f64 {
        match self {
            Self::Number(value) => *value,
            Self::Range(distribution) => distribution.point(),
        }
    }
}

/// Why a field's text is neither a number nor a range; [`EntryProblem::describe`] says it in
/// words, naming the part at fault.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EntryProblem {
    /// Nothing but spaces (or only a unit).
    Empty,
    /// A part that is no number, separator, shape or unit, or one out of place: the text from
    /// it to the end of the range.
    Unexpected {
        /// The part as typed.
        part: String,
    },
    /// A number too large for an `f64` (`1e400`).
    TooLarge {
        /// The number as typed.
        part: String,
    },
    /// A number is missing: after `after` (a separator, a sign, `(` or `,`), or at the start
    /// when `after` is empty.
    MissingNumber {
        /// The part the number should follow, as typed.
        after: String,
    },
    /// A word before `(` that is not a shape.
    UnknownShape {
        /// The word as typed.
        name: String,
    },
    /// A shape's name not followed by its numbers in parentheses.
    NoParenthesis {
        /// The shape's name as typed.
        name: String,
    },
    /// A shape given too few or too many numbers.
    Arguments {
        /// The shape, in its canonical name.
        shape: &'static str,
        /// How many numbers it takes.
        expected: usize,
        /// How many it was given.
        found: usize,
    },
    /// A comma outside parentheses (`2,5`, `2,000–3,000`).
    Comma,
    /// A range written well whose parameters make no distribution: the reason, from
    /// [`Distribution::problem`].
    Invalid {
        /// The sentence naming the parameter.
        problem: String,
    },
}

impl EntryProblem {
    /// The sentence explaining the problem, without the field's label (as
    /// [`crate::input::NumberSpec::describe`]): "is empty: …".
    pub fn describe(&self) -> String {
        match self {
            Self::Empty => "is empty: enter a number, or a range such as 8–20".to_owned(),
            Self::Unexpected { part } => format!(
                "has “{part}”, which is not part of a number or a range: write a number (12.5) \
                 or a range (8–20, 8/12/20, pert(8, 12, 20), normal(12, 3))"
            ),
            Self::TooLarge { part } => format!("has “{part}”, too large a number"),
            Self::MissingNumber { after } if after.is_empty() => {
                "does not start with a number: write a number (12.5) or a range (8–20)".to_owned()
            }
            Self::MissingNumber { after } => format!("needs a number after “{after}”"),
            Self::UnknownShape { name } => format!(
                "names “{name}”, which is not a shape: use uniform, triangular, pert, normal or \
                 lognormal"
            ),
            Self::NoParenthesis { name } => format!(
                "needs the numbers of “{name}” in parentheses, such as {}",
                shape_example(name)
            ),
            Self::Arguments {
                shape,
                expected,
                found,
            } => format!(
                "gives {shape} {found} number{}; it takes {expected}, such as {}",
                if *found == 1 { "" } else { "s" },
                shape_example(shape)
            ),
            Self::Comma => "has a comma outside parentheses: a decimal mark is a point (2.5), \
                            and numbers inside a range are not grouped (2000–3000)"
                .to_owned(),
            Self::Invalid { problem } => format!("is not a range: {problem}"),
        }
    }
}

impl fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The shapes written by name: the canonical name, the names read, and how many numbers.
const SHAPES: [(&str, &[&str], usize); 5] = [
    ("uniform", &["uniform"], 2),
    ("triangular", &["triangular", "tri"], 3),
    ("pert", &["pert"], 3),
    ("normal", &["normal"], 2),
    ("lognormal", &["lognormal"], 2),
];

/// An example of a named shape for messages (its canonical name or one it is read by).
fn shape_example(name: &str) -> &'static str {
    match crate::text::lower_cased(name).as_str() {
        "uniform" => "uniform(8, 20)",
        "triangular" | "tri" => "triangular(8, 12, 20)",
        "normal" => "normal(12, 3)",
        "lognormal" => "lognormal(12, 1.5)",
        _ => "pert(8, 12, 20)",
    }
}

/// Reads a field's text as a number or a range (the module documentation's syntax).
///
/// # Errors
/// An [`EntryProblem`] naming the part at fault.
///
/// # Example
/// ```
/// use headroom_core::plan::Distribution;
/// use headroom_core::uncertain::syntax::{parse, Entry, EntryProblem};
/// assert_eq!(parse(" -3 "), Ok(Entry::Number(-3.0)));
/// assert_eq!(
///     parse("8–20 %"),
///     Ok(Entry::Range(Distribution::Uniform { low: 8.0, high: 20.0 }))
/// );
/// assert_eq!(
///     parse("-5 to -2"),
///     Ok(Entry::Range(Distribution::Uniform { low: -5.0, high: -2.0 }))
/// );
/// assert_eq!(
///     parse("8/12/20"),
///     Ok(Entry::Range(Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 }))
/// );
/// assert_eq!(
///     parse("lognormal(12, 1.5) GB"),
///     Ok(Entry::Range(Distribution::Lognormal { median: 12.0, gsd: 1.5 }))
/// );
/// assert_eq!(
///     parse("8 to").unwrap_err().describe(),
///     "needs a number after “to”"
/// );
/// assert_eq!(
///     parse("20–8").unwrap_err().describe(),
///     "is not a range: low (20) is above high (8)"
/// );
/// ```
pub fn parse(text: &str) -> Result<Entry, EntryProblem> {
    if text.trim().is_empty() {
        return Err(EntryProblem::Empty);
    }
    // A plain number as every numeric field reads it, grouped thousands included.
    if let Ok(value) = crate::input::read_number(text, false) {
        return Ok(Entry::Number(value));
    }
    let entry = read::entry(text)?;
    if let Entry::Range(distribution) = &entry {
        if let Some(problem) = distribution.problem() {
            return Err(EntryProblem::Invalid { problem });
        }
    }
    Ok(entry)
}

#[cfg(test)]
mod tests;
