//! JSON text into a document ([`Value`]) and back, by hand.
//!
//! Everything the page stores or shares is JSON: the autosave, My plans and its index, a
//! link's plan, the file worker's messages. [`parse`] and [`write()`] (and [`write_pretty`] for
//! plan files) are the only code that reads or writes that text; the documents are
//! `serde_json`'s [`Value`], which the plan reader ([`super::plan_reader`]) and writer take.
//!
//! Why not `serde_json::from_str` and `to_string`: they are serde's generic reader and writer,
//! with a float parser of their own (tables and all); numbers here are read by
//! [`crate::float_text`], as what people type is. These few hundred lines do the same job
//! in about a third of the page's bytes. They follow `serde_json` to the letter — the same
//! documents, the same text out, the same error messages at the same line and column (both
//! counted in bytes, as `serde_json` counts them) — and `tests/json.rs` holds them to it on
//! documents of every shape and on every single-character change of their text.
//!
//! Numbers as `serde_json` reads them: a whole number without a fraction or exponent is a
//! `u64` (or an `i64` when negative); anything else, and a whole number too large for those,
//! is the nearest `f64` (`-0` is `-0.0`); one too large for an `f64` is an error ("number out
//! of range"). Arrays and objects nest at most [`NESTING_LIMIT`] deep.

use crate::float_text::parse_f64;
use serde_json::{Map, Number, Value};
use std::fmt;

/// How deep arrays and objects may nest, as in `serde_json`: 127 levels, the 128th is
/// refused ("recursion limit exceeded"), so a hand-made link cannot exhaust the stack.
pub const NESTING_LIMIT: u8 = 128;

/// Why a text is not JSON, and where: `serde_json`'s message and position, counted as it
/// counts them (line from 1; column in bytes from the start of the line, the byte at fault
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in `serde_json`'s words ("expected `,` or `}`").
    pub message: &'static str,
    /// The line, from 1.
    pub line: usize,
    /// The byte on that line, from 1 (0 at the start of an empty line).
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

// serde_json's words for each error (its `ErrorCode` texts).
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_LEADING_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const UNEXPECTED_END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// Reads `text` as one JSON value, white space around it allowed.
///
/// # Errors
/// [`SyntaxError`] when `text` is not one JSON value: the first fault, where it is.
///
/// # Example
/// ```
/// use headroom_core::codec::json::{parse, SyntaxError};
/// let value = parse(r#"{"name": "Café", "nodes": [3, -1, 2.5]}"#).unwrap();
/// assert_eq!(value["nodes"][1], -1);
/// assert_eq!(
///     parse("[1, 2,]").unwrap_err(),
///     SyntaxError { message: "trailing comma", line: 1, column: 7 }
/// );
/// ```
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        index: 0,
        depth_left: NESTING_LIMIT,
    };
    let value = parser.value()?;
    match parser.skip_white_space() {
        Some(_) => Err(parser.peek_error(TRAILING_CHARACTERS)),
        None => Ok(value),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    index: usize,
    depth_left: u8,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.index += 1;
        Some(byte)
    }

    /// An error just after the last byte read (serde_json's `error`).
    fn error(&self, message: &'static str) -> SyntaxError {
        self.error_at(self.index, message)
    }

    /// An error at the next byte, the one looked at but not read (serde_json's `peek_error`).
    fn peek_error(&self, message: &'static str) -> SyntaxError {
        self.error_at((self.index + 1).min(self.bytes.len()), message)
    }

    fn error_at(&self, index: usize, message: &'static str) -> SyntaxError {
        let before = self.bytes.get(..index).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        SyntaxError {
            message,
            line: 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count(),
            column: index - line_start,
        }
    }

    fn skip_white_space(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        let Some(first) = self.skip_white_space() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match first {
            b'n' => self.word(b"null", Value::Null),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'"' => {
                self.index += 1;
                self.string().map(Value::String)
            }
            b'[' | b'{' => {
                if self.depth_left <= 1 {
                    return Err(self.peek_error(RECURSION_LIMIT));
                }
                self.depth_left -= 1;
                self.index += 1;
                let nested = if first == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth_left += 1;
                nested
            }
            _ => Err(self.peek_error(EXPECTED_VALUE)),
        }
    }

    /// `null`, `true` or `false`, its first byte looked at.
    fn word(&mut self, word: &[u8], value: Value) -> Result<Value, SyntaxError> {
        self.index += 1;
        for &expected in &word[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(byte) if byte != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(value)
    }

    /// The elements of an array, its `[` read, up to and with its `]`.
    fn array(&mut self) -> Result<Value, SyntaxError> {
        let mut elements = Vec::new();
        self.items(b']', EOF_LIST, EXPECTED_LIST_COMMA_OR_END, &mut |p| {
            elements.push(p.value()?);
            Ok(())
        })?;
        Ok(Value::Array(elements))
    }

    /// The members of an object, its `{` read, up to and with its `}`. A key given twice
    /// keeps its first place and its last value.
    fn object(&mut self) -> Result<Value, SyntaxError> {
        let mut members = Map::new();
        self.items(b'}', EOF_OBJECT, EXPECTED_OBJECT_COMMA_OR_END, &mut |p| {
            if p.skip_white_space() != Some(b'"') {
                return Err(p.peek_error(KEY_MUST_BE_A_STRING));
            }
            p.index += 1;
            let key = p.string()?;
            match p.skip_white_space() {
                Some(b':') => p.index += 1,
                Some(_) => return Err(p.peek_error(EXPECTED_COLON)),
                None => return Err(p.peek_error(EOF_OBJECT)),
            }
            let value = p.value()?;
            members.insert(key, value);
            Ok(())
        })?;
        Ok(Value::Object(members))
    }

    /// The items of an array or an object, its opening bracket read, up to and with `close`:
    /// `item` reads each one, the commas between them are read here. `end` is the message
    /// for text that ends inside, `comma_or_end` for anything else after an item. (`item` is
    /// a `dyn`: one copy of this loop for both, not one per closure.)
    fn items(
        &mut self,
        close: u8,
        end: &'static str,
        comma_or_end: &'static str,
        item: &mut dyn FnMut(&mut Self) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        let mut first = true;
        loop {
            let Some(next) = self.skip_white_space() else {
                return Err(self.peek_error(end));
            };
            if next == close {
                self.index += 1;
                return Ok(());
            }
            if !first {
                if next != b',' {
                    return Err(self.peek_error(comma_or_end));
                }
                self.index += 1;
                match self.skip_white_space() {
                    Some(byte) if byte == close => return Err(self.peek_error(TRAILING_COMMA)),
                    Some(_) => {}
                    None => return Err(self.peek_error(EOF_VALUE)),
                }
            }
            item(self)?;
            first = false;
        }
    }

    /// A string's contents, its opening `"` read, up to and with its closing `"`.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let mut out = String::new();
        let mut run_start = self.index;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.error(EOF_STRING));
            };
            match byte {
                b'"' | b'\\' => {
                    // Runs end before an ASCII byte, so both ends are character boundaries.
                    out.push_str(self.text.get(run_start..self.index).unwrap_or_default());
                    self.index += 1;
                    if byte == b'"' {
                        return Ok(out);
                    }
                    self.escape(&mut out)?;
                    run_start = self.index;
                }
                0..=0x1F => {
                    self.index += 1;
                    return Err(self.error(CONTROL_CHARACTER));
                }
                _ => self.index += 1,
            }
        }
    }

    /// One escape, its `\` read.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(byte) = self.next() else {
            return Err(self.error(EOF_STRING));
        };
        out.push(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error(INVALID_ESCAPE)),
        });
        Ok(())
    }

    /// `\uXXXX`, its `\u` read; a character beyond the BMP as a pair of them (UTF-16
    /// surrogates), which must come paired.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let first = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.error(LONE_LEADING_SURROGATE));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            out.extend(char::from_u32(first));
            return Ok(());
        }
        for expected in [b'\\', b'u'] {
            match self.peek() {
                None => return Err(self.error(EOF_STRING)),
                Some(byte) => {
                    self.index += 1;
                    if byte != expected {
                        return Err(self.error(UNEXPECTED_END_OF_HEX_ESCAPE));
                    }
                }
            }
        }
        let second = self.hex_escape()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.error(LONE_LEADING_SURROGATE));
        }
        out.extend(char::from_u32(
            (((first - 0xD800) << 10) | (second - 0xDC00)) + 0x1_0000,
        ));
        Ok(())
    }

    /// The four hex digits of a `\u` escape.
    fn hex_escape(&mut self) -> Result<u32, SyntaxError> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.error(EOF_STRING));
        };
        self.index += 4;
        digits
            .iter()
            .try_fold(0, |n, &b| Some(n << 4 | char::from(b).to_digit(16)?))
            .ok_or_else(|| self.error(INVALID_ESCAPE))
    }

    /// A number, its first byte (`-` or a digit) looked at.
    fn number(&mut self) -> Result<Number, SyntaxError> {
        let start = self.index;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.index += 1;
        }
        // The whole part: `0`, or a digit 1-9 and more digits.
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let whole_end = self.index;
        let mut fractional = false;
        if self.peek() == Some(b'.') {
            fractional = true;
            self.index += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                let message = if self.peek().is_some() {
                    INVALID_NUMBER
                } else {
                    EOF_VALUE
                };
                return Err(self.peek_error(message));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            fractional = true;
            let zero = self.bytes[start..self.index]
                .iter()
                .all(|b| matches!(b, b'0' | b'-' | b'.'));
            self.exponent(zero)?;
        }
        let digits = &self.bytes[usize::from(negative) + start..whole_end];
        if !fractional {
            // A whole number: u64 (i64 when negative) while it fits.
            if let Some(magnitude) = digits.iter().try_fold(0u64, |n, &d| {
                n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            }) {
                return Ok(if !negative {
                    magnitude.into()
                } else {
                    match (magnitude as i64).wrapping_neg() {
                        // -0, and magnitudes past i64's, are floats (as serde_json reads them).
                        n if n >= 0 => Number::from_f64(-(magnitude as f64)).unwrap_or(0.into()),
                        n => n.into(),
                    }
                });
            }
        }
        // The nearest f64, exactly rounded.
        let token = self.text.get(start..self.index).unwrap_or_default();
        match parse_f64(token).and_then(Number::from_f64) {
            Some(number) => Ok(number),
            None => Err(self.error(NUMBER_OUT_OF_RANGE)),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.index += 1;
        }
    }

    /// An exponent, its `e` looked at. Past i32's range it is out of range for a number
    /// whose digits are not all `0` and whose exponent is positive (it is 0 otherwise).
    fn exponent(&mut self, zero_significand: bool) -> Result<(), SyntaxError> {
        self.index += 1;
        let positive = match self.peek() {
            Some(b'-') => {
                self.index += 1;
                false
            }
            Some(b'+') => {
                self.index += 1;
                true
            }
            _ => true,
        };
        let mut exponent = match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(digit @ b'0'..=b'9') => i32::from(digit - b'0'),
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        };
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            self.index += 1;
            match exponent
                .checked_mul(10)
                .and_then(|e| e.checked_add(i32::from(digit - b'0')))
            {
                Some(e) => exponent = e,
                None if positive && !zero_significand => {
                    return Err(self.error(NUMBER_OUT_OF_RANGE))
                }
                None => {
                    self.digits();
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

/// A mapping of `fields`, in order: a document built by hand (`serde_json::json!` sends its
/// values through serde's writer, which the page does not otherwise need).
///
/// # Example
/// ```
/// use headroom_core::codec::json::{object, write};
/// assert_eq!(write(&object(vec![("id", 3.into()), ("name", "a".into())])), r#"{"id":3,"name":"a"}"#);
/// ```
pub fn object(fields: Vec<(&str, Value)>) -> Value {
    let mut map = Map::with_capacity(fields.len());
    for (key, value) in fields {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// `value` as JSON text without white space, as `serde_json::to_string` writes it.
///
/// # Example
/// ```
/// use headroom_core::codec::json::write;
/// let value = serde_json::json!({"name": "a \"b\"", "nodes": [3, 2.5, null]});
/// assert_eq!(write(&value), r#"{"name":"a \"b\"","nodes":[3,2.5,null]}"#);
/// ```
pub fn write(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None);
    out
}

/// `value` as JSON text indented by two spaces, as `serde_json::to_string_pretty` writes it
/// (no newline at the end), but for U+0085, U+2028 and U+2029, written as `\u` escapes: JSON
/// allows them in strings, but YAML readers and many editors end a line at each, so a plan
/// file read as YAML, or shown line by line, would split a name in two.
///
/// # Example
/// ```
/// use headroom_core::codec::json::write_pretty;
/// let value = serde_json::json!({"nodes": [3], "none": {}});
/// assert_eq!(write_pretty(&value), "{\n  \"nodes\": [\n    3\n  ],\n  \"none\": {}\n}");
/// ```
pub fn write_pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0));
    out
}

/// Writes `value`; `indent` is the depth when pretty-printing, `None` for no white space.
fn write_value(out: &mut String, value: &Value, indent: Option<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => out.push_str(&number.to_string()),
        Value::String(text) => write_string(out, text, line_ends(indent)),
        Value::Array(elements) => write_nested(
            out,
            ('[', ']'),
            elements.iter().map(|element| (None, element)),
            indent,
        ),
        Value::Object(members) => write_nested(
            out,
            ('{', '}'),
            members.iter().map(|(key, value)| (Some(key), value)),
            indent,
        ),
    }
}

/// An array's elements or an object's members (with their keys) between `open` and `close`.
fn write_nested<'v>(
    out: &mut String,
    (open, close): (char, char),
    items: impl ExactSizeIterator<Item = (Option<&'v String>, &'v Value)>,
    indent: Option<usize>,
) {
    out.push(open);
    let empty = items.len() == 0;
    let inner = indent.map(|depth| depth + 1);
    for (i, (key, value)) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(out, inner);
        if let Some(key) = key {
            write_string(out, key, line_ends(indent));
            out.push(':');
            if indent.is_some() {
                out.push(' ');
            }
        }
        write_value(out, value, inner);
    }
    if !empty {
        new_line(out, indent);
    }
    out.push(close);
}

/// The escapes of a compact (`None`) or pretty-printed document.
fn line_ends(indent: Option<usize>) -> Escapes {
    if indent.is_some() {
        Escapes::LineEnds
    } else {
        Escapes::Json
    }
}

fn new_line(out: &mut String, indent: Option<usize>) {
    if let Some(depth) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

/// Which characters a quoted string writes as `\u` escapes beyond JSON's own (`"`, `\`, and
/// the controls U+0000 to U+001F, which every writer escapes).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Escapes {
    /// JSON's own only ([`write`]).
    Json,
    /// Also U+0085, U+2028 and U+2029, which end a line for YAML readers and many editors
    /// ([`write_pretty`]).
    LineEnds,
    /// Also every other character a YAML double-quoted scalar must escape: DEL, the C1
    /// controls, U+FEFF, U+FFFE and U+FFFF (the YAML writer, `super::yaml_writer`).
    #[cfg_attr(not(feature = "yaml"), allow(dead_code))]
    Yaml,
}

/// A string in quotes: `"` and `\` escaped, control characters as `\b \t \n \f \r` or
/// `\u00xx`, and the characters `escapes` adds as `\u` escapes; everything else as it is.
/// The escapes are those JSON and YAML share, so the same text is a JSON string and a YAML
/// double-quoted scalar.
pub(crate) fn write_string(out: &mut String, text: &str, escapes: Escapes) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let lines = escapes != Escapes::Json;
    let yaml = escapes == Escapes::Yaml;
    out.push('"');
    // Runs without anything to escape are copied whole; each ends where an escaped
    // character starts, so both ends are character boundaries.
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        // The escape as text, or `None` for `\u` and the character's code; and its width.
        let (escape, width) = match (byte, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'"', ..) => (Some("\\\""), 1),
            (b'\\', ..) => (Some("\\\\"), 1),
            (0x08, ..) => (Some("\\b"), 1),
            (b'\t', ..) => (Some("\\t"), 1),
            (b'\n', ..) => (Some("\\n"), 1),
            (0x0C, ..) => (Some("\\f"), 1),
            (b'\r', ..) => (Some("\\r"), 1),
            (0..=0x1F, ..) => (None, 1),
            (0x7F, ..) if yaml => (None, 1),
            (0xC2, Some(0x85), _) if lines => (None, 2),
            (0xC2, Some(0x80..=0x9F), _) if yaml => (None, 2),
            (0xE2, Some(0x80), Some(0xA8 | 0xA9)) if lines => (None, 3),
            (0xEF, Some(0xBB), Some(0xBF)) | (0xEF, Some(0xBF), Some(0xBE | 0xBF)) if yaml => {
                (None, 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(text.get(run_start..i).unwrap_or_default());
        match escape {
            Some(escape) => out.push_str(escape),
            None => {
                // Every character escaped this way is in the Basic Multilingual Plane.
                let code = text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .map_or(0, u32::from);
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[((code >> shift) & 0xF) as usize]));
                }
            }
        }
        i += width;
        run_start = i;
    }
    out.push_str(text.get(run_start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (&'static str, usize, usize) {
        let e = parse(text).unwrap_err();
        (e.message, e.line, e.column)
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value = parse(" {\"a\": [null, true, false, 0, -0, 12, -3, 1.5e2, \"x\\u00e9\\ud83d\\ude00\"], \"b\": {}} ").unwrap();
        assert_eq!(value["a"][3], 0);
        assert!(value["a"][4].as_f64().unwrap().is_sign_negative());
        assert_eq!(value["a"][6], -3);
        assert_eq!(value["a"][7], 150.0);
        assert_eq!(value["a"][8], "xé😀");
        assert_eq!(value["b"], Value::Object(Map::new()));
    }

    #[test]
    fn numbers_keep_their_kind() {
        assert_eq!(parse("18446744073709551615").unwrap(), u64::MAX);
        assert_eq!(parse("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(
            parse("18446744073709551616").unwrap(),
            18446744073709551616.0
        );
        assert_eq!(
            parse("-9223372036854775809").unwrap(),
            -9223372036854775809.0
        );
        assert_eq!(parse("0.1").unwrap(), 0.1);
        assert_eq!(parse("1e-400").unwrap(), 0.0);
        assert_eq!(parse("0e99999999999").unwrap(), 0.0);
        assert_eq!(error("1e400"), (NUMBER_OUT_OF_RANGE, 1, 5));
        assert_eq!(error("1e99999999999"), (NUMBER_OUT_OF_RANGE, 1, 12));
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(error(""), (EOF_VALUE, 1, 0));
        assert_eq!(error("[1 2]"), (EXPECTED_LIST_COMMA_OR_END, 1, 4));
        assert_eq!(error("{\"a\" 1}"), (EXPECTED_COLON, 1, 6));
        assert_eq!(error("{\"a\": 1,}"), (TRAILING_COMMA, 1, 9));
        assert_eq!(error("{1: 2}"), (KEY_MUST_BE_A_STRING, 1, 2));
        assert_eq!(error("[\n  nul"), (EOF_VALUE, 2, 5));
        assert_eq!(error("[01]"), (INVALID_NUMBER, 1, 3));
        assert_eq!(error("\"a\nb\""), (CONTROL_CHARACTER, 2, 0));
        assert_eq!(error("\"\\x\""), (INVALID_ESCAPE, 1, 3));
        assert_eq!(error("\"\\ud800\""), (UNEXPECTED_END_OF_HEX_ESCAPE, 1, 8));
        assert_eq!(error("\"\\udc00\""), (LONE_LEADING_SURROGATE, 1, 7));
        assert_eq!(error("1 2"), (TRAILING_CHARACTERS, 1, 3));
        assert_eq!(error(&"[".repeat(200)), (RECURSION_LIMIT, 1, 128));
        assert!(parse(&format!("{}{}", "[".repeat(127), "]".repeat(127))).is_ok());
        assert_eq!(
            parse("[1,]").unwrap_err().to_string(),
            "trailing comma at line 1 column 4"
        );
    }

    #[test]
    fn plan_files_escape_what_yaml_reads_as_a_line_end() {
        let value = Value::String("a\u{85}b\u{2028}c\u{2029}dé".to_owned());
        assert_eq!(write_pretty(&value), r#""a\u0085b\u2028c\u2029dé""#);
        assert_eq!(write(&value), "\"a\u{85}b\u{2028}c\u{2029}dé\"");
        assert_eq!(parse(&write_pretty(&value)).unwrap(), value);
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"name":"a\"\\\n\u0001é","n":[1,-2,0.5,1e+16,-0.0,true,null],"o":{}}"#;
        assert_eq!(write(&parse(text).unwrap()), text);
    }
}
