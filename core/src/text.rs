//! Free text typed by people (plan, scenario, note and catalog names) on its way into files and
//! messages: which characters end a line for some reader, which are invisible, and a short,
//! escaped excerpt of any text for an error message.
//!
//! YAML readers (PyYAML, the Go scanner `kubectl` uses) end a line at `\n`, `\r`, U+0085 (NEL),
//! U+2028 and U+2029; spreadsheets and editors also at `\u{0B}` and `\u{0C}`. [`is_line_break`]
//! is all of them, so text written into a comment line or a CSV cell can be checked against
//! every reader at once.

/// Whether `c` ends a line for some reader: `\n`, `\r`, vertical tab, form feed, U+0085 (NEL),
/// U+2028 (line separator) and U+2029 (paragraph separator).
///
/// # Example
/// ```
/// use headroom_core::text::is_line_break;
/// assert!(is_line_break('\u{2028}'));
/// assert!(!is_line_break(' '));
/// ```
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// What kind of invisible character a character is, for a message that names the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invisible {
    /// A line break ([`is_line_break`]).
    LineBreak,
    /// Another control character (tab, NUL, escape, …).
    Control,
    /// A character that changes the direction text is shown in: the bidi embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F and
    /// U+061C.
    Direction,
    /// A character of no width: U+200B, U+200C and U+200D outside the places they are
    /// needed (see [`invisible_at`]), U+2060, U+FEFF.
    ZeroWidth,
    /// Another invisible formatting character (soft hyphen, invisible operators, fillers,
    /// interlinear annotation, tags outside a flag).
    Format,
}

impl Invisible {
    /// The problem in words, e.g. "an invisible direction-changing character".
    pub fn describe(self) -> &'static str {
        match self {
            Invisible::LineBreak => "a line break",
            Invisible::Control => "a control character",
            Invisible::Direction => "an invisible direction-changing character",
            Invisible::ZeroWidth => "an invisible zero-width character",
            Invisible::Format => "an invisible formatting character",
        }
    }
}

/// The kind of `c` when it is invisible on its own, without looking at its neighbours.
fn kind(c: char) -> Option<Invisible> {
    if is_line_break(c) {
        return Some(Invisible::LineBreak);
    }
    if c.is_control() {
        return Some(Invisible::Control);
    }
    match c {
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(Invisible::Direction),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(Invisible::ZeroWidth),
        '\u{00AD}'
        | '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{2061}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}' => Some(Invisible::Format),
        _ => None,
    }
}

/// Whether `c` is drawn as a pictograph (emoji and symbol blocks, regional indicators, skin
/// tone modifiers) or is the emoji presentation selector U+FE0F that may follow one.
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}'
            | '\u{00AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2194}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{2460}'..='\u{27BF}'
            | '\u{2900}'..='\u{297F}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{FE0F}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// Whether `c` is a visible character outside ASCII: a letter or mark of a script that may need
/// U+200C or U+200D between two of its characters (Persian, Arabic, the Indic scripts).
fn is_visible_non_ascii(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && kind(c).is_none() && c != '\u{FE0F}'
}

/// The kind of invisible character at `chars[i]`, looking at its neighbours where that decides.
///
/// Allowed, because they are part of what is shown rather than hidden in it:
/// - U+200D (zero-width joiner) between two pictographs, as in the emoji sequences 👩‍💻 or
///   🏳️‍🌈;
/// - U+200C and U+200D between two visible characters outside ASCII, where scripts such as
///   Persian and Devanagari need them to shape letters;
/// - tag characters (U+E0020–U+E007F) after U+1F3F4 (black flag) or another tag, as in the
///   flag of Scotland.
///
/// Everything else `kind` names is invisible: next to ASCII text a joiner could only hide
/// something, and direction-changing characters can reorder what a person reads.
pub fn invisible_at(chars: &[char], i: usize) -> Option<Invisible> {
    let c = *chars.get(i)?;
    let found = kind(c)?;
    let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
    let after = chars.get(i + 1).copied();
    match c {
        '\u{200D}' if before.is_some_and(is_pictographic) && after.is_some_and(is_pictographic) => {
            None
        }
        '\u{200C}' | '\u{200D}'
            if before.is_some_and(is_visible_non_ascii)
                && after.is_some_and(is_visible_non_ascii) =>
        {
            None
        }
        '\u{E0020}'..='\u{E007F}'
            if before
                .is_some_and(|b| b == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007F}').contains(&b)) =>
        {
            None
        }
        _ => Some(found),
    }
}

/// The first invisible character of `text` ([`invisible_at`]), with its kind.
///
/// # Example
/// ```
/// use headroom_core::text::{first_invisible, Invisible};
/// assert_eq!(first_invisible("Base\u{202E}line"), Some(('\u{202E}', Invisible::Direction)));
/// assert_eq!(first_invisible("ad\u{200D}min"), Some(('\u{200D}', Invisible::ZeroWidth)));
/// assert_eq!(first_invisible("Team 👩\u{200D}💻"), None);
/// assert_eq!(first_invisible("می\u{200C}خواهم"), None);
/// ```
pub fn first_invisible(text: &str) -> Option<(char, Invisible)> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).find_map(|i| invisible_at(&chars, i).map(|kind| (chars[i], kind)))
}

/// `c` in lower case, for the alphabets with case that plans are written in: Latin (ASCII,
/// Latin-1 and Latin Extended-A), Greek and Cyrillic; any other character as it is. For
/// comparing and filing names, where Rust's full Unicode mapping (`char::to_lowercase`)
/// would carry its tables of every script into the page for no name a planner writes.
///
/// ```
/// use headroom_core::text::lower_case;
/// assert_eq!(lower_case('Q'), 'q');
/// assert_eq!(lower_case('É'), 'é');
/// assert_eq!(lower_case('Ł'), 'ł');
/// assert_eq!(lower_case('Ω'), 'ω');
/// assert_eq!(lower_case('Ж'), 'ж');
/// assert_eq!(lower_case('Ё'), 'ё');
/// assert_eq!(lower_case('×'), '×');
/// ```
pub fn lower_case(c: char) -> char {
    let code = u32::from(c);
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Latin Extended-A: pairs, upper case first, but U+0130 İ (no single lower case) and
        // U+0138 ĸ (lower case only); from U+0139 to U+0148 and U+0179 to U+017E the upper
        // case is the odd one.
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 if code % 2 == 0 => code + 1,
        0x0139..=0x0148 | 0x0179..=0x017E if code % 2 == 1 => code + 1,
        0x0178 => 0xFF,
        // Greek: Α–Ϋ (no letter at U+03A2), the accented capitals.
        0x0391..=0x03AB if code != 0x03A2 => code + 0x20,
        0x0386 => 0x03AC,
        0x0388..=0x038A => code + 0x25,
        0x038C => 0x03CC,
        0x038E | 0x038F => code + 0x3F,
        // Cyrillic: Ѐ–Џ, А–Я.
        0x0400..=0x040F => code + 0x50,
        0x0410..=0x042F => code + 0x20,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Whether `c` is a letter or a digit, as a file name or a figure's text asks: exactly as
/// Rust's `char::is_alphanumeric` below U+0530 (ASCII, Latin, IPA, Greek, Cyrillic); above,
/// every character but the spaces, punctuation, symbols and marks of U+2000–U+2BFF and
/// U+3000–U+303F, private use, variation selectors, specials and emoji, so that the letters of
/// other scripts (Hebrew, Arabic, Devanagari, kana, Han, Hangul…) count. Rust's own would
/// bring Unicode's letter and number tables into the first download.
///
/// # Example
/// ```
/// use headroom_core::text::is_letter_or_digit;
/// assert!(is_letter_or_digit('é') && is_letter_or_digit('7') && is_letter_or_digit('ж'));
/// assert!(is_letter_or_digit('咖') && is_letter_or_digit('²'));
/// assert!(!is_letter_or_digit('×') && !is_letter_or_digit('€') && !is_letter_or_digit('—'));
/// ```
pub fn is_letter_or_digit(c: char) -> bool {
    let code = u32::from(c);
    match code {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // ª ² ³ µ ¹ º ¼ ½ ¾, and the letters but × and ÷.
        0x80..=0xBF => matches!(code, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE),
        0xC0..=0x2AF => code != 0xD7 && code != 0xF7,
        // Modifier letters among the spacing modifiers; of the combining marks, the iota
        // subscript and the small letters written above.
        0x2B0..=0x36F => matches!(
            code,
            0x2B0..=0x2C1 | 0x2C6..=0x2D1 | 0x2E0..=0x2E4 | 0x2EC | 0x2EE | 0x345 | 0x363..=0x36F
        ),
        // Greek: letters, but its punctuation, tonos, numeral signs and unassigned points.
        0x370..=0x3FF => matches!(
            code,
            0x370..=0x374 | 0x376 | 0x377 | 0x37A..=0x37D | 0x37F | 0x386 | 0x388..=0x38A
                | 0x38C | 0x38E..=0x3A1 | 0x3A3..=0x3F5 | 0x3F7..=0x3FF
        ),
        // Cyrillic: letters, but the thousands sign and the combining marks.
        0x400..=0x52F => !(0x482..=0x489).contains(&code),
        0x2000..=0x2BFF | 0x3000..=0x303F | 0xE000..=0xF8FF | 0xFE00..=0xFE0F => false,
        0xFFF0..=0xFFFF | 0x1F000..=0x1FAFF | 0xE0000..=0x10FFFF => false,
        _ => !c.is_whitespace(),
    }
}

/// `text` in lower case, a character at a time ([`lower_case`]).
pub fn lower_cased(text: &str) -> String {
    text.chars().map(lower_case).collect()
}

/// Where `needle` first occurs in `text` (a byte offset), as `text.find(needle)` answers for
/// a `needle` that is not empty; `None` for an empty one.
///
/// Rust's own search for a string in a string (`find`, `split_once`, `replace` with a
/// `&str` pattern) is its two-way searcher, whose code for an empty pattern slices the text
/// and so brings the panic message for a slice off a character boundary, with Unicode's
/// printable tables, into every binary that searches. A byte-by-byte comparison finds the
/// same place for the few short needles Headroom looks for.
///
/// # Example
/// ```
/// use headroom_core::text::find;
/// assert_eq!(find("café: open", ": "), Some(5));
/// assert_eq!(find("café", "é"), Some(3));
/// assert_eq!(find("café", "x"), None);
/// assert_eq!(find("café", ""), None);
/// ```
pub fn find(text: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return None;
    }
    let text = text.as_bytes();
    (0..text.len()).find(|&i| text.get(i..).is_some_and(|rest| rest.starts_with(needle)))
}

/// `text` with every `from` replaced by `to`, as `text.replace(from, to)` writes it for a
/// `from` that is not empty (an empty one changes nothing); see [`find`].
///
/// # Example
/// ```
/// use headroom_core::text::replace_all;
/// for (text, from, to) in [("per unit per unit", "per unit", "per café"), ("ünit", "ü", "u"), ("aaa", "aa", "b"), ("x", "y", "z")] {
///     assert_eq!(replace_all(text, from, to), text.replace(from, to));
/// }
/// assert_eq!(replace_all("abc", "", "-"), "abc");
/// ```
pub fn replace_all(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from) {
        // A match of a whole string starts and ends on character boundaries.
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(to);
        rest = rest.get(at + from.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Characters an excerpt keeps before it is cut with `…`.
pub const EXCERPT_CHARS: usize = 60;

/// `text` quoted as Rust's `{:?}` writes it (`"say \"hi\"\n"`), without Rust's Unicode
/// tables: control characters and [`first_invisible`]'s invisible ones are written `\u{…}`,
/// every other character as it is (Rust also escapes unassigned code points and combining
/// marks, and not a few fillers this escapes; never below U+0300).
///
/// # Example
/// ```
/// use headroom_core::text::debug_quoted;
/// for text in ["many", "café → 2", "tab\there", "quote \" and \\", "nul\0", "rtl\u{202E}", "é\u{200B}"] {
///     assert_eq!(debug_quoted(text), format!("{text:?}"));
/// }
/// ```
pub fn debug_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        escape_into(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// `c` quoted as Rust's `{:?}` writes a character (`'x'`, `'\''`, `'\u{200b}'`); see
/// [`debug_quoted`].
pub fn debug_quoted_char(c: char) -> String {
    let mut out = String::from('\'');
    escape_into(&mut out, c, '\'');
    out.push('\'');
    out
}

fn escape_into(out: &mut String, c: char, quote: char) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        '\\' => out.push_str("\\\\"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_control() || c == '\u{A0}' || c == '\u{AD}' || kind(c).is_some() => {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
        c => out.push(c),
    }
}

/// `text` as it may be quoted in a message: at most [`EXCERPT_CHARS`] characters followed by
/// `…` when cut, and every invisible character (see [`first_invisible`], line breaks included) written as
/// `\u{…}` so the message shows it and cannot be reordered or broken by it.
///
/// # Example
/// ```
/// use headroom_core::text::excerpt;
/// assert_eq!(excerpt("Base\u{202E}"), "Base\\u{202E}");
/// assert_eq!(excerpt(&"a".repeat(100)).chars().count(), 61);
/// ```
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    if kind(c).is_some() {
        out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// Longest message [`bounded_message`] returns, in characters.
pub const MAX_MESSAGE_CHARS: usize = 200;

/// A message from a parser made safe to show: every run quoted in backticks or double quotes is
/// cut to an [`excerpt`], invisible characters are escaped, and the whole is cut to
/// [`MAX_MESSAGE_CHARS`] with `…`.
///
/// # Example
/// ```
/// use headroom_core::text::bounded_message;
/// let long = format!("unknown field `{}`, expected `name`", "k".repeat(10_000));
/// let short = bounded_message(&long);
/// assert!(short.starts_with("unknown field `kkk"));
/// assert!(short.ends_with("…`, expected `name`"));
/// assert!(short.chars().count() < 120);
/// ```
pub fn bounded_message(message: &str) -> String {
    let mut out = String::new();
    let mut quoted: Option<(char, String)> = None;
    for c in message.chars() {
        match &mut quoted {
            Some((close, inner)) if c == *close => {
                out.push(c);
                out.push_str(&excerpt(inner));
                out.push(c);
                quoted = None;
            }
            Some((_, inner)) => {
                // One character more than an excerpt keeps is enough for it to show the cut,
                // and keeps memory bounded.
                if inner.chars().count() <= EXCERPT_CHARS {
                    inner.push(c);
                }
            }
            None if c == '`' || c == '"' => quoted = Some((c, String::new())),
            None => push_escaped(&mut out, c),
        }
    }
    if let Some((open, inner)) = quoted {
        out.push(open);
        out.push_str(&excerpt(&inner));
    }
    if out.chars().count() > MAX_MESSAGE_CHARS {
        let mut cut: String = out.chars().take(MAX_MESSAGE_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rust's `{:?}` and [`debug_quoted`] write every character alike where both write it as
    /// it is or both escape it; they differ only where Rust's tables and this one's list differ
    /// (unassigned code points, combining marks, fillers), never below U+0300.
    #[test]
    fn debug_quoted_is_rusts_debug_where_both_escape_alike() {
        let mut exceptions = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("x{c}");
            let plain = format!("\"{text}\"");
            let rust = format!("{text:?}");
            let ours = debug_quoted(&text);
            if (rust == plain) != (ours == plain) {
                assert!(c >= '\u{300}', "U+{:04X}", u32::from(c));
                exceptions += 1;
                continue;
            }
            assert_eq!(ours, rust, "U+{:04X}", u32::from(c));
            assert_eq!(
                debug_quoted_char(c),
                format!("{c:?}"),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(exceptions < 0x2_0000, "{exceptions}");
    }

    #[test]
    fn letters_and_digits_are_unicodes_below_u0530_and_the_scripts_letters_above() {
        for c in (0..0x530).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
        // Every letter or digit of these scripts (Hebrew, Arabic, Devanagari, Thai, kana,
        // Han, Hangul) counts; so does whatever else they hold.
        for range in [
            0x5D0..=0x5EA,
            0x620..=0x64A,
            0x905..=0x939,
            0xE01..=0xE30,
            0x3041..=0x3096,
            0x30A1..=0x30FA,
            0x4E00..=0x9FFF,
            0xAC00..=0xD7A3,
        ] {
            for c in range.filter_map(char::from_u32) {
                assert!(c.is_alphanumeric() && is_letter_or_digit(c), "{c:?}");
            }
        }
        // Punctuation, currency, arrows, maths, the ideographic space and full stop, emoji.
        for c in "—–“”‘’…•€₹→−≥✓\u{3000}。、😀🚀\u{FE0F}\u{2028}".chars()
        {
            assert!(!is_letter_or_digit(c), "{c:?}");
        }
    }

    #[test]
    fn lower_case_agrees_with_unicode_where_it_maps_and_covers_the_alphabets_it_names() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let ours = lower_case(c);
            let unicode: Vec<char> = c.to_lowercase().collect();
            assert!(
                ours == c || unicode == [ours],
                "{c:?}: {ours:?} against {unicode:?}"
            );
            // Latin to U+017F, Greek's modern capitals, Cyrillic's basic ones: exactly as
            // Unicode maps them (İ, U+0130, lower-cases to two characters and is left).
            let covered = matches!(u32::from(c), 0..=0x17F | 0x386..=0x3AB | 0x400..=0x42F);
            if covered && unicode.len() == 1 {
                assert_eq!(ours, unicode[0], "{c:?}");
            }
        }
    }

    #[test]
    fn excerpts_escape_and_cut() {
        assert_eq!(excerpt("a\nb"), "a\\u{000A}b");
        assert_eq!(excerpt("\u{2029}"), "\\u{2029}");
        let long = "é".repeat(200);
        let short = excerpt(&long);
        assert_eq!(short.chars().count(), EXCERPT_CHARS + 1);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn messages_are_bounded() {
        let message = format!("x `{}` y \"{}\" z", "a".repeat(5000), "b".repeat(5000));
        let short = bounded_message(&message);
        assert!(short.chars().count() <= MAX_MESSAGE_CHARS);
        assert!(short.contains("…` y \""), "{short}");
        let unclosed = bounded_message(&format!("`{}", "c".repeat(1000)));
        assert!(unclosed.chars().count() <= EXCERPT_CHARS + 2, "{unclosed}");
        assert_eq!(
            bounded_message(&"d".repeat(1000)).chars().count(),
            MAX_MESSAGE_CHARS
        );
        assert_eq!(bounded_message("a\u{202E}b"), "a\\u{202E}b");
    }

    #[test]
    fn joiners_are_allowed_only_where_they_join() {
        assert_eq!(first_invisible("🏳\u{FE0F}\u{200D}🌈"), None);
        assert_eq!(first_invisible("क्\u{200D}ष"), None);
        assert_eq!(
            first_invisible("\u{200D}💻"),
            Some(('\u{200D}', Invisible::ZeroWidth))
        );
        assert_eq!(
            first_invisible("a\u{200C}b"),
            Some(('\u{200C}', Invisible::ZeroWidth))
        );
        assert_eq!(
            first_invisible("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
            None
        );
        assert_eq!(
            first_invisible("x\u{E0041}"),
            Some(('\u{E0041}', Invisible::Format))
        );
        assert_eq!(
            first_invisible("a\u{2066}b"),
            Some(('\u{2066}', Invisible::Direction))
        );
        assert_eq!(first_invisible("Plan 2027"), None);
    }
}
