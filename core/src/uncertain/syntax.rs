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

use crate::float_text::{fixed, parse_f64, scientific};
use crate::plan::Distribution;
use std::fmt;

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
    let mut tokens = tokens(text);
    // The unit: words (but `to`) and `%` at the end.
    while let Some(last) = tokens.last() {
        let is_unit = match last.kind {
            Kind::Percent => true,
            Kind::Word => !last.text.eq_ignore_ascii_case("to"),
            _ => false,
        };
        if !is_unit {
            break;
        }
        tokens.pop();
    }
    let body_end = tokens.last().map_or(0, |t| t.start + t.text.len());
    let mut reader = Reader {
        text,
        tokens: &tokens,
        at: 0,
        body_end,
    };
    let entry = reader.entry()?;
    if let Entry::Range(distribution) = &entry {
        if let Some(problem) = distribution.problem() {
            return Err(EntryProblem::Invalid { problem });
        }
    }
    Ok(entry)
}

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

/// What a token of the text is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// An unsigned number, read (possibly ±∞ when too large).
    Number(f64),
    /// A word: a shape, `to` or a unit.
    Word,
    /// `-`, `−`, `‒`, `–`, `—`: a minus sign or a range's separator.
    Dash,
    /// `+`.
    Plus,
    /// `..` or `…`.
    DotDot,
    /// `/`.
    Slash,
    /// `(`.
    Open,
    /// `)`.
    Close,
    /// `,` or `;`.
    Comma,
    /// `%`.
    Percent,
    /// Anything else: one character.
    Other,
}

/// A part of the text: its kind, the text and where it starts (a byte offset).
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{2014}')
}

fn starts_word(c: char) -> bool {
    (crate::text::is_letter_or_digit(c) && !c.is_ascii_digit())
        || matches!(c, '$' | '€' | '£' | '¥' | '°' | 'µ')
}

fn continues_word(c: char) -> bool {
    crate::text::is_letter_or_digit(c)
        || matches!(
            c,
            '/' | '_' | '·' | '²' | '³' | '°' | '$' | '€' | '£' | '¥' | 'µ'
        )
}

/// The text's tokens, white space dropped.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let digits_from = |mut i: usize| {
        while digit_at(i) {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = if c.is_whitespace() {
            continue;
        } else if c.is_ascii_digit() || (c == '.' && digit_at(start + 1)) {
            end = digits_from(start);
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1) != Some(&b'.') {
                end = digits_from(end + 1);
            }
            if matches!(bytes.get(end), Some(b'e' | b'E')) {
                let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
                if digit_at(end + 1 + sign) {
                    end = digits_from(end + 1 + sign);
                }
            }
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            let number = text.get(start..end).and_then(parse_f64).unwrap_or(0.0);
            Kind::Number(number)
        } else if starts_word(c) {
            while let Some(&(i, next)) = chars.peek() {
                if !continues_word(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            Kind::Word
        } else if is_dash(c) {
            Kind::Dash
        } else {
            match c {
                '+' => Kind::Plus,
                '.' if bytes.get(start + 1) == Some(&b'.') => {
                    chars.next();
                    end += 1;
                    Kind::DotDot
                }
                '…' => Kind::DotDot,
                '/' => Kind::Slash,
                '(' => Kind::Open,
                ')' => Kind::Close,
                ',' | ';' => Kind::Comma,
                '%' => Kind::Percent,
                _ => Kind::Other,
            }
        };
        out.push(Token {
            kind,
            text: text.get(start..end).unwrap_or(""),
            start,
        });
    }
    out
}

/// Reads the tokens of a number or a range, unit removed.
struct Reader<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    at: usize,
    body_end: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.at).copied()
    }

    /// The text from the token at `at` to the end of the range (before the unit).
    fn rest(&self) -> String {
        let start = self.peek().map_or(self.body_end, |t| t.start);
        self.text
            .get(start..self.body_end)
            .unwrap_or("")
            .trim()
            .to_owned()
    }

    /// The problem of an unexpected token at `at`.
    fn unexpected(&self) -> EntryProblem {
        let comma_outside = self
            .tokens
            .get(self.at..)
            .unwrap_or_default()
            .iter()
            .any(|t| t.kind == Kind::Comma);
        if comma_outside && !self.tokens.iter().any(|t| t.kind == Kind::Open) {
            EntryProblem::Comma
        } else {
            EntryProblem::Unexpected { part: self.rest() }
        }
    }

    /// The text of the token before `at`, "" at the start.
    fn previous(&self) -> String {
        self.at
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(String::new(), |t| t.text.to_owned())
    }

    /// A number with its optional sign.
    fn signed(&mut self) -> Result<f64, EntryProblem> {
        let negative = match self.peek().map(|t| t.kind) {
            Some(Kind::Dash) => {
                self.at += 1;
                true
            }
            Some(Kind::Plus) => {
                self.at += 1;
                false
            }
            _ => false,
        };
        match self.peek() {
            Some(Token {
                kind: Kind::Number(value),
                text,
                ..
            }) => {
                if !value.is_finite() {
                    return Err(EntryProblem::TooLarge {
                        part: text.to_owned(),
                    });
                }
                self.at += 1;
                Ok(if negative { -value } else { value })
            }
            None => Err(EntryProblem::MissingNumber {
                after: self.previous(),
            }),
            Some(token) if matches!(token.kind, Kind::Comma | Kind::Close | Kind::Slash) => {
                Err(EntryProblem::MissingNumber {
                    after: self.previous(),
                })
            }
            Some(_) => Err(self.unexpected()),
        }
    }

    /// The whole entry; every token must be used.
    fn entry(&mut self) -> Result<Entry, EntryProblem> {
        let entry = match self.peek() {
            // Only a unit.
            None => {
                return Err(EntryProblem::MissingNumber {
                    after: String::new(),
                })
            }
            Some(token) if token.kind == Kind::Word => self.named(token.text)?,
            Some(_) => self.positional()?,
        };
        if self.peek().is_some() {
            return Err(self.unexpected());
        }
        Ok(entry)
    }

    /// `8`, `8–20`, `8 to 20`, `8..20`, `8/12/20`, `8..12..20`.
    fn positional(&mut self) -> Result<Entry, EntryProblem> {
        let low = self.signed()?;
        let Some(next) = self.peek() else {
            return Ok(Entry::Number(low));
        };
        match next.kind {
            Kind::Dash | Kind::DotDot => {}
            Kind::Word if next.text.eq_ignore_ascii_case("to") => {}
            Kind::Slash => {
                self.at += 1;
                let likely = self.signed()?;
                match self.peek() {
                    Some(t) if t.kind == Kind::Slash => self.at += 1,
                    None => {
                        return Err(EntryProblem::MissingNumber {
                            after: self.previous(),
                        })
                    }
                    Some(_) => return Err(self.unexpected()),
                }
                let high = self.signed()?;
                return Ok(Entry::Range(Distribution::Pert { low, likely, high }));
            }
            _ => return Err(self.unexpected()),
        }
        let dots = next.kind == Kind::DotDot;
        self.at += 1;
        let high = self.signed()?;
        // `8..12..20`: PERT with a phone's number keypad alone (digits and dots).
        if dots && self.peek().is_some_and(|t| t.kind == Kind::DotDot) {
            self.at += 1;
            let greatest = self.signed()?;
            return Ok(Entry::Range(Distribution::Pert {
                low,
                likely: high,
                high: greatest,
            }));
        }
        Ok(Entry::Range(Distribution::Uniform { low, high }))
    }

    /// `pert(8, 12, 20)` and the other named shapes.
    fn named(&mut self, name: &str) -> Result<Entry, EntryProblem> {
        let lower = crate::text::lower_cased(name);
        let Some(&(shape, _, expected)) = SHAPES
            .iter()
            .find(|(_, names, _)| names.contains(&lower.as_str()))
        else {
            return Err(if name.eq_ignore_ascii_case("to") {
                EntryProblem::MissingNumber {
                    after: String::new(),
                }
            } else {
                EntryProblem::UnknownShape {
                    name: name.to_owned(),
                }
            });
        };
        self.at += 1;
        match self.peek() {
            Some(t) if t.kind == Kind::Open => self.at += 1,
            _ => {
                return Err(EntryProblem::NoParenthesis {
                    name: name.to_owned(),
                })
            }
        }
        let mut numbers = [0.0; 3];
        let mut found = 0;
        loop {
            if found == 0 && self.peek().is_some_and(|t| t.kind == Kind::Close) {
                self.at += 1;
                break;
            }
            let value = self.signed()?;
            if let Some(slot) = numbers.get_mut(found) {
                *slot = value;
            }
            found += 1;
            match self.peek().map(|t| t.kind) {
                Some(Kind::Comma) => self.at += 1,
                Some(Kind::Close) => {
                    self.at += 1;
                    break;
                }
                None => {
                    return Err(EntryProblem::Unexpected {
                        part: format!("{name}(…"),
                    })
                }
                Some(_) => {
                    return Err(EntryProblem::Unexpected { part: self.rest() });
                }
            }
        }
        if found != expected {
            return Err(EntryProblem::Arguments {
                shape,
                expected,
                found,
            });
        }
        let [a, b, c] = numbers;
        Ok(Entry::Range(match shape {
            "uniform" => Distribution::Uniform { low: a, high: b },
            "triangular" => Distribution::Triangular {
                low: a,
                likely: b,
                high: c,
            },
            "pert" => Distribution::Pert {
                low: a,
                likely: b,
                high: c,
            },
            "normal" => Distribution::Normal { mean: a, sd: b },
            _ => Distribution::Lognormal { median: a, gsd: b },
        }))
    }
}

#[cfg(test)]
mod tests {
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
        let pert = Distribution::Pert {
            low: 8.0,
            likely: 12.0,
            high: 20.0,
        };
        assert_eq!(range("8/12/20"), pert);
        assert_eq!(range(" 8 / 12 / 20 ms"), pert);
        assert_eq!(range("pert(8, 12, 20)"), pert);
        assert_eq!(range("PERT(8;12;20)"), pert);
        // A phone's number keypad has digits and a dot only.
        assert_eq!(range("8..12..20"), pert);
        assert_eq!(
            range("8.5..12..20"),
            Distribution::Pert {
                low: 8.5,
                likely: 12.0,
                high: 20.0
            }
        );
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
        assert_eq!(
            range("-5/-3/-2"),
            Distribution::Pert {
                low: -5.0,
                likely: -3.0,
                high: -2.0
            }
        );
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
            Distribution::Pert {
                low: -1e-7,
                likely: 0.0,
                high: 2.5e20,
            },
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
}
