//! CSV tables for spreadsheets: RFC 4180 quoting, and cells defused against formula injection.
//!
//! Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and some also tab or
//! carriage return) as a formula, so such a cell gets a leading `'`, which spreadsheets show as
//! text. Programs that split cells on `;` or tab (or that are told to) would see a new cell
//! after each of them, so a formula character at the start of any part after `,`, `;`, tab or a
//! line break (after spaces) gets a `'` too: `x;=1+1` is written `"x;'=1+1"`. A `-` that starts
//! a plain number (`-12.5`) is left alone, so negative figures stay numbers.
//!
//! A cell is quoted (`"…"`, inner quotes doubled) when it holds a separator (`,` `;` tab), a
//! quote, a line break of any kind (`\n`, `\r`, vertical tab, form feed, U+0085, U+2028,
//! U+2029), leading or trailing spaces, or was defused; rows end with CRLF. Plain numbers are
//! never quoted.
//!
//! A cell whose text starts with `'` (or has a part that does) gets a second one, since
//! spreadsheets hide one leading `'`: every defused cell reads back as written ([`undefuse`]).
//!
//! Reading ([`rows`]) takes what spreadsheets and monitoring tools write: cells separated by a
//! comma, a semicolon or a tab, quoted cells that hold separators, line breaks and doubled
//! quotes, CRLF, LF or CR line ends, a byte-order mark.

use crate::text::is_line_break;
use std::fmt;

/// Writes a table: the `header` row, then every row, each row's cells joined by commas and
/// ended by CRLF. Rows may have any length; nothing is padded.
///
/// # Example
/// ```
/// use headroom_core::export::csv::to_csv;
/// let text = to_csv(
///     &["month", "instances", "note"],
///     &[vec!["Jan 2027".into(), "-2".into(), "=HYPERLINK(\"x\")".into()]],
/// );
/// assert_eq!(text, "month,instances,note\r\nJan 2027,-2,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
/// ```
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    write_row(&mut out, header.iter().copied());
    for row in rows {
        write_row(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell_text(cell));
    }
    out.push_str("\r\n");
}

/// One cell as written to the file: defused, then quoted when needed.
///
/// # Example
/// ```
/// use headroom_core::export::csv::cell_text;
/// assert_eq!(cell_text("a,b"), "\"a,b\"");
/// assert_eq!(cell_text("@SUM(A1)"), "\"'@SUM(A1)\"");
/// assert_eq!(cell_text("x;=1+1;"), "\"x;'=1+1;\"");
/// assert_eq!(cell_text("-1e3"), "-1e3");
/// assert_eq!(cell_text("-x"), "\"'-x\"");
/// ```
pub fn cell_text(cell: &str) -> String {
    let defused = defuse(cell);
    let needs_quotes = defused != cell
        || defused.contains([',', ';', '\t', '"'])
        || defused.contains(is_line_break)
        || defused.starts_with(' ')
        || defused.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// Whether a spreadsheet might start a new cell after `c`.
fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '\t') || is_line_break(c)
}

/// `cell` with a `'` before a formula at its start and before a formula that starts a part
/// after a separator (spaces after the separator skipped).
fn defuse(cell: &str) -> String {
    defused_parts(cell, true)
}

/// A cell as written before `defuse` (writing): the `'` before each part that needed one taken away.
///
/// # Example
/// ```
/// use headroom_core::export::csv::{cell_text, undefuse};
/// assert_eq!(undefuse("'=1+1"), "=1+1");
/// assert_eq!(undefuse("x; '@y"), "x; @y");
/// assert_eq!(undefuse("''quoted"), "'quoted");
/// assert_eq!(undefuse("plain 'text'"), "plain 'text'");
/// ```
pub fn undefuse(cell: &str) -> String {
    defused_parts(cell, false)
}

/// [`defuse`] (`add`) or [`undefuse`]: adds a `'` before the cell when it needs one (judged
/// on the whole cell) and before each part after a separator that needs one (spaces after the
/// separator skipped), or takes such a `'` away.
fn defused_parts(cell: &str, add: bool) -> String {
    let mut out = String::with_capacity(cell.len() + 2);
    let mut body = cell;
    if add && is_formula(cell) {
        out.push('\'');
    } else if !add {
        body = strip_mark(cell);
    }
    let mut part_starts = false;
    let mut skip_to = 0;
    for (i, c) in body.char_indices() {
        if part_starts && c != ' ' {
            // `split`, not slices by offset: a slice that could fail brings the standard
            // library's panic message, with its Unicode tables, into every binary.
            let rest = body.get(i..).unwrap_or_default();
            let part = rest.split(is_separator).next().unwrap_or_default();
            if add && is_formula(part) {
                out.push('\'');
            } else if !add && strip_mark(part).len() < part.len() {
                skip_to = i + 1;
            }
            part_starts = false;
        }
        if i + 1 != skip_to {
            out.push(c);
        }
        if is_separator(c) {
            part_starts = true;
        }
    }
    out
}

/// `text` without the `'` [`defuse`] put before it, if it has one.
fn strip_mark(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if is_formula(rest) => rest,
        _ => text,
    }
}

/// Whether a part starting `cell` needs a `'` before it: a formula, or text that starts with
/// `'` itself.
fn is_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r' | '\'') => true,
        Some('-') => !is_plain_number(cell),
        _ => false,
    }
}

/// Whether `text` is a finite decimal number such as `-12`, `-0.5` or `-1e3`.
fn is_plain_number(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && crate::float_text::parse_f64(text).is_some_and(f64::is_finite)
}

/// A problem with a table or pasted rows: the line at fault (1-based; 0 for the text as a
/// whole) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The line at fault, counted from 1; 0 when the problem is not one line's.
    pub line: usize,
    /// The column at fault, by its name in the header; empty when not one column's.
    pub column: String,
    /// What is wrong, in words.
    pub message: String,
}

impl LineError {
    /// A problem of line `line`.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        LineError {
            line,
            column: String::new(),
            message: message.into(),
        }
    }

    /// A problem of the cell of line `line` in column `column`.
    pub fn in_cell(line: usize, column: &str, message: impl Into<String>) -> Self {
        LineError {
            column: column.to_owned(),
            ..LineError::at(line, message)
        }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column.as_str()) {
            (0, _) => f.write_str(&self.message),
            (line, "") => write!(f, "Line {line}: {}", self.message),
            (line, column) => write!(f, "Line {line}, {column}: {}", self.message),
        }
    }
}

impl std::error::Error for LineError {}

/// The column separator of a table, from its first line: a tab if it has one (a spreadsheet's
/// copy), else a semicolon, else a comma.
pub fn separator(first_line: &str) -> char {
    ['\t', ';']
        .into_iter()
        .find(|s| first_line.contains(*s))
        .unwrap_or(',')
}

/// A row read from a table: the line it starts on and its cells, unquoted (not trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The line the row starts on, counted from 1.
    pub line: usize,
    /// Its cells.
    pub cells: Vec<String>,
}

/// The rows of a table whose cells are separated by `separator`: a double quote opens and
/// closes a quoted stretch, in which separators and line breaks are text and `""` is a quote;
/// rows end at a line break (CRLF, LF or CR) outside quotes. Rows whose cells are all blank are
/// left out; a byte-order mark is ignored. A quote never closed is an error at the line that
/// opened it.
///
/// # Example
/// ```
/// use headroom_core::export::csv::rows;
/// let read = rows("name,note\r\n\r\n\"a, b\",\"two\nlines \"\"x\"\"\"\nc,d", ',').unwrap();
/// assert_eq!(read.len(), 3);
/// assert_eq!(read[1].cells, ["a, b", "two\nlines \"x\""]);
/// assert_eq!((read[2].line, read[2].cells[0].as_str()), (5, "c"));
/// assert_eq!(rows("a\n\"b,c\nd", ',').unwrap_err().to_string(), "Line 2: a quote opened here is never closed");
/// ```
pub fn rows(text: &str, separator: char) -> Result<Vec<Row>, LineError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut cells = vec![String::new()];
    let (mut line, mut row_line, mut quote_line) = (1, 1, 0);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut end_row = |cells: &mut Vec<String>, row_line: usize| {
        let done = std::mem::replace(cells, vec![String::new()]);
        if done.iter().any(|c| !c.trim().is_empty()) {
            rows.push(Row {
                line: row_line,
                cells: done,
            });
        }
    };
    while let Some(c) = chars.next() {
        let cell = cells.last_mut().expect("one cell at least");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => {
                quoted = !quoted;
                quote_line = line;
            }
            '\r' | '\n' if !quoted => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_row(&mut cells, row_line);
                line += 1;
                row_line = line;
            }
            c if c == separator && !quoted => cells.push(String::new()),
            c => {
                if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(LineError::at(
            quote_line,
            "a quote opened here is never closed",
        ));
    }
    end_row(&mut cells, row_line);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4180_quoting() {
        let text = to_csv(
            &["name", "value"],
            &[
                vec!["plain".into(), "1".into()],
                vec!["with, comma".into(), "say \"hi\"".into()],
                vec!["two\nlines".into(), " padded ".into()],
                vec![String::new()],
            ],
        );
        assert_eq!(
            text,
            "name,value\r\nplain,1\r\n\"with, comma\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\" padded \"\r\n\r\n"
        );
    }

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for (cell, expected) in [
            ("=1+1", "\"'=1+1\""),
            ("+1", "\"'+1\""),
            ("@cmd", "\"'@cmd\""),
            ("-1+cmd|' /C calc'!A0", "\"'-1+cmd|' /C calc'!A0\""),
            ("\tx", "\"'\tx\""),
            ("-", "\"'-\""),
            ("-inf", "\"'-inf\""),
            ("-NaN", "\"'-NaN\""),
            ("-12.5", "-12.5"),
            ("-0", "-0"),
            ("1-2", "1-2"),
            ("=a,b", "\"'=a,b\""),
            ("a, -1", "\"a, -1\""),
            ("a; -b", "\"a; '-b\""),
        ] {
            assert_eq!(cell_text(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn rows_read_back_what_is_written() {
        let table = vec![
            vec![
                "=SUM(A1)".to_owned(),
                "a, \"b\"".to_owned(),
                "-3".to_owned(),
            ],
            vec![
                "two\r\nlines".to_owned(),
                "'quoted".to_owned(),
                "x; +y".to_owned(),
            ],
        ];
        let text = to_csv(&["h1", "h2", "h3"], &table);
        let read = rows(&text, separator(text.lines().next().unwrap())).unwrap();
        let cells: Vec<Vec<String>> = read[1..]
            .iter()
            .map(|r| r.cells.iter().map(|c| undefuse(c)).collect())
            .collect();
        assert_eq!(cells, table);
        assert_eq!(read[2].line, 3);
    }

    proptest::proptest! {
        #[test]
        fn undefuse_inverts_defuse(cell in "[-=+@'\t\r\n,; ax1.]{0,12}") {
            proptest::prop_assert_eq!(undefuse(&defuse(&cell)), cell);
        }
    }
}
