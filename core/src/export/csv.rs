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

use crate::text::is_line_break;

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
    let mut out = String::with_capacity(cell.len() + 2);
    if is_formula(cell) {
        out.push('\'');
    }
    let mut part_starts = false;
    for (i, c) in cell.char_indices() {
        if part_starts && c != ' ' {
            let part = &cell[i..];
            let end = part.find(is_separator).unwrap_or(part.len());
            if is_formula(&part[..end]) {
                out.push('\'');
            }
            part_starts = false;
        }
        out.push(c);
        if is_separator(c) {
            part_starts = true;
        }
    }
    out
}

fn is_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
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
}
