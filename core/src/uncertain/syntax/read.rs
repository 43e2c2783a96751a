//! Reading a range's text: its tokens, then the [`Reader`] over them.

use super::*;

/// The entry `text` writes (not a plain number: [`super::parse`] has tried that), its unit
/// (trailing words but `to`, and `%`) left out.
pub(super) fn entry(text: &str) -> Result<Entry, EntryProblem> {
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
    reader.entry()
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
