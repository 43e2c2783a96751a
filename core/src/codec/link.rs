//! The share-link codec: a plan's JSON bytes ↔ URL-safe text carried in the URL fragment.
//!
//! # Format
//!
//! A shared plan travels entirely in the fragment of the app's URL, so it never reaches a
//! server:
//!
//! ```text
//! https://example.org/headroom/#plan=v2.<payload>     (opens for editing)
//! https://example.org/headroom/#view=v2.<payload>     (opens read-only: the stakeholder view)
//!
//! plan, view FRAGMENT_KEY, VIEW_KEY: the fragment parameter, which also says how to open it
//! v2.        VERSION_PREFIX: the payload format's version tag
//! <payload>  base64url (RFC 4648 §5, unpadded) of raw DEFLATE (RFC 1951, no zlib header)
//!            of the plan's JSON, compressed against the preset dictionary DICTIONARY_V2
//!
//! https://example.org/headroom/#view=v2.<payload>&scenario=2&month=7
//!
//! scenario, month  SCENARIO_KEY, MONTH_KEY (optional): what the sender had on show, a
//!                  0-based scenario index and a 1-based plan month; see Selection
//! ```
//!
//! - **Version tag first.** `v2.` names the payload format, so a later format can change
//!   anything after it and an older app can still say "this link is newer than me" instead of
//!   "damaged". A tag is `v`, a decimal number without leading zeros, and a dot. Every format
//!   ever written stays readable: `v1.` is the same without the dictionary.
//! - **Raw DEFLATE with a preset dictionary.** Plans are repetitive JSON (field names, catalog
//!   entries), which DEFLATE shrinks to a third. Starting the compressor's 32 KiB window with
//!   [`DICTIONARY_V2`] (the field names of every variant, then the whole default plan with its
//!   catalogs) lets even the first occurrence of a field name or catalog entry be a short
//!   back-reference: template links are 51–66 % shorter again, and an unedited new plan's
//!   payload is 111 characters. The dictionary is frozen: `v2.` links decode with these
//!   exact bytes forever (a test pins their checksum); a better dictionary is a `v3.`.
//! - **No checksum.** The zlib wrapper would add 6 bytes (8 characters) for an Adler-32
//!   checksum that buys little here: damage almost always breaks the DEFLATE structure, and
//!   the decoded JSON is parsed and validated anyway.
//! - **base64url without padding.** Its alphabet (`A–Z a–z 0–9 - _`) and the `.` of the tag
//!   are all URL "unreserved" characters: nothing is percent-encoded, so links survive chat
//!   apps, e-mail and copy-paste unchanged.
//!
//! # Measured lengths
//!
//! For a realistic 1 106-byte JSON document (`tests/link_codec.rs`, which checks these figures;
//! it is not a plan, so the dictionary helps it little) and for the real templates (see
//! `docs/plan-format.md`, "Share links"):
//!
//! | encoding                                  | realistic document | blank plan | templates   |
//! |-------------------------------------------|-------------------:|-----------:|------------:|
//! | base64url of the JSON                     |              1 475 |      9 296 | 5 720–7 072 |
//! | DEFLATE (level 9) + base64url (`v1.`)     |                659 |      2 003 | 1 704–2 064 |
//! | fixed-code DEFLATE + dictionary (`v2.`)   |                551 |        124 |     583–950 |
//!
//! (payload characters, without the tag and the page address.)
//!
//! # Decoding is bounded
//!
//! A link is untrusted input. [`decode`] rejects text longer than
//! [`DecodeLimits::max_encoded_chars`] before looking at it, and inflates into a buffer that
//! never grows beyond the dictionary plus [`DecodeLimits::max_decoded_bytes`], so a
//! decompression bomb (10 MB of zeros is about 13 600 characters) fails with
//! [`LinkError::TooLarge`]: `tests/link_codec.rs` measures its peak heap at the 256 KiB limit
//! plus the dictionary, the 10 KB of decoded input and 10.5 KB of inflater state. Decoding
//! never panics; every failure is a [`LinkError`] whose `Display` text can be shown to a person
//! as is.
//!
//! # Dependencies and wasm size
//!
//! Inflating is [`miniz_oxide`]'s inflater: pure Rust, so no C toolchain for wasm32, and
//! bounded as below (5.3 KB gzipped in the `.wasm`). Compressing is the small encoder of
//! `codec::deflate` (fixed Huffman codes, 1.9 KB gzipped) rather than
//! `miniz_oxide`'s compressor (10.7 KB gzipped), whose dynamic Huffman tables would make
//! template links only 2–10 % shorter. base64url is the few dozen lines of table-driven code
//! below rather than the `base64` crate: this format needs one alphabet, no padding and strict
//! decoding (invalid characters, impossible lengths and non-zero trailing bits are errors), so
//! a dependency with configurable engines would only add code to every visitor's download. The
//! dictionary adds its 7.9 KB to the `.wasm` (1.8 KB gzipped).

use std::fmt;

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Name of the fragment parameter that carries a plan to edit: `#plan=…`.
pub const FRAGMENT_KEY: &str = "plan";

/// Name of the fragment parameter that carries a plan to view read-only: `#view=…`.
pub const VIEW_KEY: &str = "view";

/// How a link asks to open its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// In the editor ([`FRAGMENT_KEY`]).
    Edit,
    /// Read-only, results first ([`VIEW_KEY`]).
    View,
}

impl Mode {
    /// The fragment parameter of this mode.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Edit => FRAGMENT_KEY,
            Mode::View => VIEW_KEY,
        }
    }
}

/// Version of the payload format written by [`encode`].
pub const VERSION: u32 = 2;

/// Tag at the start of every payload written by [`encode`]; it names [`VERSION`].
pub const VERSION_PREFIX: &str = "v2.";

/// Tag of the first payload format (raw DEFLATE without a dictionary), still read.
pub const VERSION_1_PREFIX: &str = "v1.";

/// The preset dictionary of `v2.` payloads: fragments of the plan JSON's rarer variants, then
/// the default plan's JSON with its catalogs (most likely matches last, nearest the data).
/// Frozen: changing one byte breaks every `v2.` link ever made.
pub const DICTIONARY_V2: &[u8] = include_bytes!("dictionary-v2.txt");

/// Upper bounds applied by [`decode`] to untrusted link text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Longest payload accepted, in bytes of text (link text is ASCII, so also characters).
    /// Checked before any other work.
    pub max_encoded_chars: usize,
    /// Largest decompressed document accepted, in bytes. Inflating stops as soon as the output
    /// would exceed it.
    pub max_decoded_bytes: usize,
}

impl DecodeLimits {
    /// 64 KiB of link text, 256 KiB of JSON: far above any real plan, small enough for a
    /// browser tab to handle instantly.
    pub const DEFAULT: DecodeLimits = DecodeLimits {
        max_encoded_chars: 64 * 1024,
        max_decoded_bytes: 256 * 1024,
    };
}

impl Default for DecodeLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why a link could not be opened. The `Display` text is written for the person who opened it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The text holds no `plan=` fragment parameter (nor a bare payload).
    NoPlan,
    /// The payload is longer than [`DecodeLimits::max_encoded_chars`].
    TooLong {
        /// Length of the payload, in bytes of text.
        length: usize,
        /// The limit it exceeds.
        max: usize,
    },
    /// The payload starts with a well-formed version tag this build cannot read.
    UnsupportedVersion {
        /// The tag without its dot, as written in the link, e.g. `"v7"`.
        version: String,
    },
    /// The payload unpacks to more than [`DecodeLimits::max_decoded_bytes`].
    TooLarge {
        /// The limit it exceeds, in bytes.
        max: usize,
    },
    /// The payload is not a valid encoding (altered, truncated or not a Headroom link).
    Damaged(Damage),
}

/// What exactly is wrong with a [`LinkError::Damaged`] link.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// The payload does not start with a version tag such as `v1.`.
    MissingVersion,
    /// A character outside the base64url alphabet.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its byte offset in the payload after the version tag.
        offset: usize,
    },
    /// A length no base64url encoding can have (one character too many or too few).
    ImpossibleLength,
    /// The last character carries bits an encoder never sets: the text was altered.
    NonCanonicalEnding,
    /// The compressed data stops before its end marker.
    Truncated,
    /// The compressed data is not valid DEFLATE.
    Corrupt,
    /// Extra data follows the end of the compressed data.
    TrailingData,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::MissingVersion => f.write_str("it does not start with a version tag like v1."),
            Damage::InvalidCharacter { character, offset } => write!(
                f,
                "it contains the character {} (at position {}), which links never contain",
                crate::text::debug_quoted_char(*character),
                offset + 1
            ),
            Damage::ImpossibleLength => {
                f.write_str("its length is impossible; part of it is missing")
            }
            Damage::NonCanonicalEnding => f.write_str("its last character has been changed"),
            Damage::Truncated => f.write_str("it ends too early; part of it is missing"),
            Damage::Corrupt => f.write_str("its contents are scrambled"),
            Damage::TrailingData => f.write_str("it has extra characters at the end"),
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NoPlan => f.write_str(
                "This link does not contain a Headroom plan. Check that you copied all of it.",
            ),
            LinkError::TooLong { length, max } => write!(
                f,
                "This link is too long to open ({length} characters; Headroom accepts at most \
                 {max}). It was probably not made by Headroom."
            ),
            LinkError::UnsupportedVersion { version } => {
                if version_number(version).is_some_and(|n| n > u64::from(VERSION)) {
                    write!(
                        f,
                        "This link was made by a newer version of Headroom ({version}) and this \
                         version cannot open it. Reload the page to update Headroom, then open \
                         the link again."
                    )
                } else {
                    write!(
                        f,
                        "This link uses a format Headroom does not know ({version}). It was \
                         probably not made by Headroom."
                    )
                }
            }
            LinkError::TooLarge { max } => write!(
                f,
                "This link holds more data than Headroom accepts (over {} KiB once unpacked). \
                 It was probably not made by Headroom.",
                max / 1024
            ),
            LinkError::Damaged(damage) => write!(
                f,
                "This link is damaged: {damage}. Ask for the link again, or copy it in full."
            ),
        }
    }
}

impl std::error::Error for LinkError {}

impl From<Damage> for LinkError {
    fn from(damage: Damage) -> Self {
        LinkError::Damaged(damage)
    }
}

/// Encodes a serialised plan as a link payload: [`VERSION_PREFIX`] followed by the base64url
/// text of its raw DEFLATE compression. Deterministic: the same bytes give the same text.
///
/// # Example
/// ```
/// use headroom_core::codec::link;
///
/// let payload = link::encode(br#"{"name":"checkout"}"#);
/// assert!(payload.starts_with(link::VERSION_PREFIX));
/// assert_eq!(link::decode(&payload, &Default::default()).unwrap(), br#"{"name":"checkout"}"#);
/// ```
pub fn encode(json: &[u8]) -> String {
    let compressed = super::deflate::compress(json, DICTIONARY_V2);
    let mut text = String::with_capacity(VERSION_PREFIX.len() + compressed.len().div_ceil(3) * 4);
    text.push_str(VERSION_PREFIX);
    base64url_encode(&compressed, &mut text);
    text
}

/// The fragment of a share link for a serialised plan, `#plan=v2.…`, ready to append to the
/// app's URL.
///
/// # Example
/// ```
/// use headroom_core::codec::link;
///
/// let fragment = link::fragment(b"{}");
/// assert!(fragment.starts_with("#plan=v2."));
/// assert_eq!(link::payload(&fragment), Ok(&fragment["#plan=".len()..]));
/// ```
pub fn fragment(json: &[u8]) -> String {
    fragment_for(json, Mode::Edit)
}

/// The fragment of a link that opens a serialised plan in `mode`: `#plan=v2.…` or
/// `#view=v2.…`.
///
/// # Example
/// ```
/// use headroom_core::codec::link::{self, Mode};
///
/// let fragment = link::fragment_for(b"{}", Mode::View);
/// assert!(fragment.starts_with("#view=v2."));
/// assert_eq!(link::parse(&fragment), Ok((Mode::View, &fragment["#view=".len()..])));
/// ```
pub fn fragment_for(json: &[u8], mode: Mode) -> String {
    format!("#{}={}", mode.key(), encode(json))
}

/// Finds the payload in text a person pasted: a full URL (`https://…/#plan=v1.…`), a fragment
/// with or without its `#`, a `plan=…` or `view=…` parameter among others separated by `&`, or
/// a bare payload (`v1.…`). Surrounding whitespace is ignored. The payload itself is not
/// checked; pass it to [`decode`].
///
/// # Errors
/// [`LinkError::NoPlan`] when there is no `plan=` or `view=` parameter and the text is not a
/// bare payload.
///
/// # Example
/// ```
/// use headroom_core::codec::link::{payload, LinkError};
///
/// assert_eq!(payload("  https://example.org/app/#plan=v1.AwA\n"), Ok("v1.AwA"));
/// assert_eq!(payload("#theme=dark&plan=v1.AwA"), Ok("v1.AwA"));
/// assert_eq!(payload("#view=v1.AwA"), Ok("v1.AwA"));
/// assert_eq!(payload("v1.AwA"), Ok("v1.AwA"));
/// assert_eq!(payload("https://example.org/app/"), Err(LinkError::NoPlan));
/// ```
pub fn payload(link: &str) -> Result<&str, LinkError> {
    parse(link).map(|(_, payload)| payload)
}

/// [`payload`], and the [`Mode`] the link asks for (a bare payload opens for editing; with
/// both parameters, the first wins).
///
/// # Errors
/// As [`payload`].
///
/// # Example
/// ```
/// use headroom_core::codec::link::{parse, Mode};
///
/// assert_eq!(parse("https://example.org/#view=v1.AwA"), Ok((Mode::View, "v1.AwA")));
/// assert_eq!(parse("plan=v1.AwA"), Ok((Mode::Edit, "v1.AwA")));
/// assert_eq!(parse("v1.AwA"), Ok((Mode::Edit, "v1.AwA")));
/// ```
pub fn parse(link: &str) -> Result<(Mode, &str), LinkError> {
    let link = link.trim();
    let fragment = match link.split_once('#') {
        Some((_, fragment)) => fragment,
        None => {
            let mut bytes = link.bytes();
            if bytes.next() == Some(b'v') && bytes.next().is_some_and(|b| b.is_ascii_digit()) {
                return Ok((Mode::Edit, link));
            }
            link
        }
    };
    fragment
        .split('&')
        .find_map(|param| {
            [Mode::Edit, Mode::View].into_iter().find_map(|mode| {
                param
                    .strip_prefix(mode.key())
                    .and_then(|rest| rest.strip_prefix('='))
                    .map(|payload| (mode, payload.trim()))
            })
        })
        .ok_or(LinkError::NoPlan)
}

/// Whether `text` (a URL or a fragment) carries a plan parameter at all, so the page knows
/// whether there is a link to open. Cheap: nothing is decoded.
///
/// # Example
/// ```
/// use headroom_core::codec::link::has_plan;
/// assert!(has_plan("#plan=garbage"));
/// assert!(has_plan("view=v1.AwA"));
/// assert!(!has_plan(""));
/// assert!(!has_plan("#section-2"));
/// ```
pub fn has_plan(text: &str) -> bool {
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    fragment.split('&').any(|param| {
        [Mode::Edit, Mode::View].iter().any(|mode| {
            param
                .trim()
                .strip_prefix(mode.key())
                .is_some_and(|r| r.starts_with('='))
        })
    })
}

/// Name of the fragment parameter that carries the scenario the sender was looking at: a
/// 0-based index into the plan's scenarios (`&scenario=2` is the third).
pub const SCENARIO_KEY: &str = "scenario";

/// Name of the fragment parameter that carries the month the sender was looking at: a 1-based
/// plan month (`&month=7`).
pub const MONTH_KEY: &str = "month";

/// What the sender of a link was looking at: which scenario and which month. It travels as
/// plain fragment parameters beside the payload (`#plan=v2.…&scenario=2&month=7`), outside
/// the compressed plan: the plan is the same whatever is on show, older links have none, and
/// older versions of the page skip parameters they do not know. Both are optional: a link
/// without them opens on the page's defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    /// Index of the scenario on show (0 is the first).
    pub scenario: Option<usize>,
    /// Plan month on show (1-based; month 0 is today and is never selected).
    pub month: Option<u32>,
}

impl Selection {
    /// The fragment parameters for this selection, each after a `&`: `&scenario=2&month=7`, or
    /// nothing for what is not set.
    ///
    /// # Example
    /// ```
    /// use headroom_core::codec::link::Selection;
    /// let at = Selection { scenario: Some(2), month: Some(7) };
    /// assert_eq!(at.params(), "&scenario=2&month=7");
    /// assert_eq!(Selection::default().params(), "");
    /// ```
    pub fn params(self) -> String {
        let mut text = String::new();
        if let Some(scenario) = self.scenario {
            text.push_str(&format!("&{SCENARIO_KEY}={scenario}"));
        }
        if let Some(month) = self.month {
            text.push_str(&format!("&{MONTH_KEY}={month}"));
        }
        text
    }

    /// This selection as far as a plan with `scenarios` scenarios over `horizon_months` months
    /// has it: a scenario it does not have is dropped, month 0 is dropped, and a month past
    /// the horizon becomes the last month.
    ///
    /// # Example
    /// ```
    /// use headroom_core::codec::link::Selection;
    /// let at = Selection { scenario: Some(5), month: Some(40) };
    /// assert_eq!(at.within(3, 24), Selection { scenario: None, month: Some(24) });
    /// let at = Selection { scenario: Some(2), month: Some(0) };
    /// assert_eq!(at.within(3, 24), Selection { scenario: Some(2), month: None });
    /// ```
    pub fn within(self, scenarios: usize, horizon_months: u32) -> Selection {
        Selection {
            scenario: self.scenario.filter(|&s| s < scenarios),
            month: self
                .month
                .filter(|&m| m >= 1 && horizon_months >= 1)
                .map(|m| m.min(horizon_months)),
        }
    }
}

/// The [`Selection`] a link carries (`scenario=` and `month=` parameters in its fragment).
/// Anything that is not a plain decimal number that fits is ignored, as is a parameter that
/// appears again after its first occurrence; never fails.
///
/// # Example
/// ```
/// use headroom_core::codec::link::{selection, Selection};
/// let at = selection("https://example.org/#view=v2.AwA&scenario=1&month=7");
/// assert_eq!(at, Selection { scenario: Some(1), month: Some(7) });
/// assert_eq!(selection("#plan=v2.AwA&scenario=-1&month=7x"), Selection::default());
/// assert_eq!(selection("#plan=v2.AwA"), Selection::default());
/// ```
pub fn selection(link: &str) -> Selection {
    let link = link.trim();
    let fragment = link.split_once('#').map_or(link, |(_, fragment)| fragment);
    let value = |key: &str| {
        fragment.split('&').find_map(|param| {
            param
                .trim()
                .strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
        })
    };
    Selection {
        scenario: value(SCENARIO_KEY).and_then(number),
        month: value(MONTH_KEY).and_then(number),
    }
}

/// A plain decimal number (ASCII digits only, no sign, at most 9 digits) that fits `T`.
fn number<T: TryFrom<u32>>(text: &str) -> Option<T> {
    let text = text.trim();
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u32>().ok().and_then(|n| T::try_from(n).ok())
}

/// Decodes a payload written by [`encode`] back into the serialised plan, within `limits`.
///
/// `text` must be exactly the payload (`v2.…`); use [`decode_link`] for text a person pasted.
/// Never panics, whatever the input.
///
/// # Errors
/// - [`LinkError::TooLong`] when `text` exceeds [`DecodeLimits::max_encoded_chars`] (checked
///   first);
/// - [`LinkError::UnsupportedVersion`] for a well-formed tag other than [`VERSION_PREFIX`];
/// - [`LinkError::TooLarge`] when the output would exceed [`DecodeLimits::max_decoded_bytes`];
/// - [`LinkError::Damaged`] for a missing tag, invalid base64url, truncated or corrupt DEFLATE,
///   or data after the end of the DEFLATE stream.
///
/// # Example
/// ```
/// use headroom_core::codec::link::{self, DecodeLimits, LinkError};
///
/// let limits = DecodeLimits::default();
/// assert_eq!(link::decode(&link::encode(b"[1,2,3]"), &limits).unwrap(), b"[1,2,3]");
/// assert!(matches!(
///     link::decode("v7.AwA", &limits),
///     Err(LinkError::UnsupportedVersion { version }) if version == "v7"
/// ));
/// assert!(matches!(link::decode("v1.A", &limits), Err(LinkError::Damaged(_))));
/// ```
pub fn decode(text: &str, limits: &DecodeLimits) -> Result<Vec<u8>, LinkError> {
    if text.len() > limits.max_encoded_chars {
        return Err(LinkError::TooLong {
            length: text.len(),
            max: limits.max_encoded_chars,
        });
    }
    let (dictionary, body) = strip_version(text)?;
    let compressed = base64url_decode(body)?;
    inflate_bounded(&compressed, dictionary, limits.max_decoded_bytes)
}

/// [`payload`] then [`decode`]: opens a link as a person pasted it.
///
/// # Errors
/// Those of [`payload`] and [`decode`].
///
/// # Example
/// ```
/// use headroom_core::codec::link;
///
/// let url = format!("https://example.org/app/{}", link::fragment(b"{}"));
/// assert_eq!(link::decode_link(&url, &Default::default()).unwrap(), b"{}");
/// ```
pub fn decode_link(link: &str, limits: &DecodeLimits) -> Result<Vec<u8>, LinkError> {
    decode(payload(link)?, limits)
}

/// Splits off the version tag, accepting [`VERSION_PREFIX`] and [`VERSION_1_PREFIX`], and
/// gives the dictionary of that version.
fn strip_version(text: &str) -> Result<(&'static [u8], &str), LinkError> {
    if let Some(body) = text.strip_prefix(VERSION_PREFIX) {
        return Ok((DICTIONARY_V2, body));
    }
    if let Some(body) = text.strip_prefix(VERSION_1_PREFIX) {
        return Ok((&[], body));
    }
    let (tag, _) = text.split_once('.').ok_or(Damage::MissingVersion)?;
    if version_number(tag).is_some() {
        Err(LinkError::UnsupportedVersion {
            version: tag.to_owned(),
        })
    } else {
        Err(Damage::MissingVersion.into())
    }
}

/// The number in a well-formed tag (`v` and 1–9 digits without a leading zero, dot excluded).
fn version_number(tag: &str) -> Option<u64> {
    let digits = tag.strip_prefix('v')?;
    let well_formed = (1..=9).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'));
    well_formed.then(|| digits.parse().ok()).flatten()
}

/// Inflates raw DEFLATE whose window starts with `dictionary` into a buffer that never grows
/// past the dictionary and `max` bytes, and requires the stream to end exactly at the end of
/// `input`.
fn inflate_bounded(input: &[u8], dictionary: &[u8], max: usize) -> Result<Vec<u8>, LinkError> {
    // The whole stream is in `input` and `out` is the whole output, after the dictionary, so
    // matches can refer back into both directly; no 32 KiB ring buffer.
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let start = dictionary.len();
    let limit = start.saturating_add(max);
    let initial = input
        .len()
        .saturating_mul(4)
        .clamp(1024, 64 * 1024)
        .min(max);
    let mut out = Vec::with_capacity(start + initial);
    out.extend_from_slice(dictionary);
    out.resize(start + initial, 0);
    let mut state = Box::<DecompressorOxide>::default();
    let (mut in_pos, mut out_pos) = (0, start);
    loop {
        let rest = input.get(in_pos..).unwrap_or_default();
        let (status, consumed, produced) = decompress(&mut state, rest, &mut out, out_pos, flags);
        in_pos += consumed;
        out_pos += produced;
        match status {
            TINFLStatus::Done if in_pos < input.len() => return Err(Damage::TrailingData.into()),
            TINFLStatus::Done => {
                out.truncate(out_pos);
                out.drain(..start);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() >= limit => {
                return Err(LinkError::TooLarge { max })
            }
            TINFLStatus::HasMoreOutput => {
                let grown = (out.len() - start)
                    .saturating_mul(2)
                    .max(1024)
                    .saturating_add(start)
                    .min(limit);
                // `resize` alone may round the capacity up past the limit (amortised doubling).
                out.reserve_exact(grown - out.len());
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(Damage::Truncated.into())
            }
            _ => return Err(Damage::Corrupt.into()),
        }
    }
}

/// The base64url alphabet (RFC 4648 §5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Marks bytes outside [`ALPHABET`] in [`DECODE_TABLE`].
const INVALID: u8 = 0xFF;

/// Byte → 6-bit value, or [`INVALID`].
const DECODE_TABLE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Appends the unpadded base64url text of `bytes` to `out`.
fn base64url_encode(bytes: &[u8], out: &mut String) {
    let sextet = |n: u32, shift: u32| char::from(ALPHABET[(n >> shift & 0x3F) as usize]);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for shift in [18, 12, 6, 0].into_iter().take(chunk.len() + 1) {
            out.push(sextet(n, shift));
        }
    }
}

/// Strictly decodes unpadded base64url: only the alphabet, no padding or whitespace, no
/// impossible length, and zero bits after the last whole byte (so each byte string has exactly
/// one encoding).
fn base64url_decode(text: &str) -> Result<Vec<u8>, Damage> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (offset, byte) in text.bytes().enumerate() {
        let value = DECODE_TABLE[usize::from(byte)];
        if value == INVALID {
            let character = text
                .get(offset..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            return Err(Damage::InvalidCharacter { character, offset });
        }
        acc = acc << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if text.len() % 4 == 1 {
        return Err(Damage::ImpossibleLength);
    }
    if acc != 0 {
        return Err(Damage::NonCanonicalEnding);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_default(text: &str) -> Result<Vec<u8>, LinkError> {
        decode(text, &DecodeLimits::default())
    }

    fn b64(bytes: &[u8]) -> String {
        let mut text = String::new();
        base64url_encode(bytes, &mut text);
        text
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors_without_padding() {
        let vectors: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in vectors {
            assert_eq!(b64(bytes), text);
            assert_eq!(base64url_decode(text).unwrap(), bytes);
        }
        assert_eq!(b64(&[0xFB, 0xFF, 0xBF]), "-_-_");
        assert_eq!(base64url_decode("-_-_").unwrap(), [0xFB, 0xFF, 0xBF]);
    }

    #[test]
    fn base64url_decoding_is_strict() {
        assert_eq!(
            base64url_decode("Zg=="),
            Err(Damage::InvalidCharacter {
                character: '=',
                offset: 2
            })
        );
        assert_eq!(
            base64url_decode("Zm+v"),
            Err(Damage::InvalidCharacter {
                character: '+',
                offset: 2
            })
        );
        assert_eq!(
            base64url_decode("Zm é"),
            Err(Damage::InvalidCharacter {
                character: ' ',
                offset: 2
            })
        );
        assert_eq!(
            base64url_decode("Zmé"),
            Err(Damage::InvalidCharacter {
                character: 'é',
                offset: 2
            })
        );
        assert_eq!(base64url_decode("Zm9vY"), Err(Damage::ImpossibleLength));
        assert_eq!(base64url_decode("Zh"), Err(Damage::NonCanonicalEnding));
        assert_eq!(base64url_decode("Zm9"), Err(Damage::NonCanonicalEnding));
    }

    #[test]
    fn round_trips() {
        for json in [
            &b""[..],
            b"{}",
            br#"{"name":"checkout","peak_rps":1200,"target_utilisation":0.7}"#,
            &[0u8, 255, 10, 13, 0x80][..],
        ] {
            let text = encode(json);
            assert!(text.starts_with(VERSION_PREFIX));
            assert!(text[VERSION_PREFIX.len()..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(decode_default(&text).unwrap(), json);
        }
    }

    #[test]
    fn empty_input_has_a_short_valid_encoding() {
        assert_eq!(encode(b""), "v2.AwA");
        assert_eq!(decode_default("v2.AwA").unwrap(), b"");
        assert_eq!(decode_default("v1.AwA").unwrap(), b"");
    }

    #[test]
    fn version_prefix_names_the_version() {
        assert_eq!(VERSION_PREFIX, format!("v{VERSION}."));
    }

    /// Checksum of `dictionary-v2.txt` as first published.
    const DICTIONARY_V2_FNV1A: u64 = 0x84d4_fe36_b888_3409;

    /// FNV-1a, 64 bits: enough to notice any change to the dictionary.
    fn fnv1a(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
        })
    }

    #[test]
    fn the_v2_dictionary_never_changes() {
        assert_eq!(
            (DICTIONARY_V2.len(), fnv1a(DICTIONARY_V2)),
            (7864, DICTIONARY_V2_FNV1A),
            "dictionary-v2.txt changed: every v2 link ever made would decode wrongly. Restore \
             it, and put a new dictionary in a new payload version."
        );
        assert!(
            DICTIONARY_V2.len() <= 32 * 1024,
            "DEFLATE's window is 32 KiB"
        );
    }

    #[test]
    fn the_dictionary_shortens_plans_and_v1_payloads_still_decode() {
        let json = br#"{"headroom_plan":1,"plan":{"name":"New plan","start":"2027-01","horizon_months":12}}"#;
        let v2 = encode(json);
        let mut v1 = VERSION_1_PREFIX.to_owned();
        base64url_encode(&miniz_oxide::deflate::compress_to_vec(json, 9), &mut v1);
        assert!(v2.len() + 40 < v1.len(), "{v2} vs {v1}");
        assert_eq!(decode_default(&v2).unwrap(), json);
        assert_eq!(decode_default(&v1).unwrap(), json);
        // The same DEFLATE bytes read with and without the dictionary are different links.
        let body = &v2[VERSION_PREFIX.len()..];
        assert!(decode_default(&format!("{VERSION_1_PREFIX}{body}")).is_err());
    }

    #[test]
    fn rejects_over_long_input_before_anything_else() {
        let limits = DecodeLimits {
            max_encoded_chars: 8,
            ..DecodeLimits::default()
        };
        assert_eq!(
            decode("not even a link", &limits),
            Err(LinkError::TooLong { length: 15, max: 8 })
        );
        assert!(decode("v1.AwA", &limits).is_ok());
        let message = LinkError::TooLong { length: 15, max: 8 }.to_string();
        assert!(message.starts_with("This link is too long"), "{message}");
    }

    #[test]
    fn rejects_other_versions_naming_them() {
        let error = decode_default("v7.AwA").unwrap_err();
        assert!(matches!(
            decode_default("v3.AwA"),
            Err(LinkError::UnsupportedVersion { .. })
        ));
        assert_eq!(
            error,
            LinkError::UnsupportedVersion {
                version: "v7".into()
            }
        );
        let message = error.to_string();
        assert!(
            message.starts_with("This link was made by a newer version of Headroom (v7)"),
            "{message}"
        );
        let message = decode_default("v0.AwA").unwrap_err().to_string();
        assert!(
            message.contains("(v0)") && !message.contains("newer"),
            "{message}"
        );
        assert!(matches!(
            decode_default("v123456789.AwA"),
            Err(LinkError::UnsupportedVersion { .. })
        ));
    }

    #[test]
    fn rejects_text_without_a_version_tag() {
        for text in [
            "",
            "AwA",
            "v1AwA",
            "V1.AwA",
            "v.AwA",
            "v01.AwA",
            "vx.AwA",
            "v1234567890.AwA",
            ".AwA",
        ] {
            assert_eq!(
                decode_default(text),
                Err(LinkError::Damaged(Damage::MissingVersion)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_invalid_base64url() {
        assert!(matches!(
            decode_default("v1.AwA="),
            Err(LinkError::Damaged(Damage::InvalidCharacter {
                character: '=',
                ..
            }))
        ));
        assert_eq!(
            decode_default("v1.AwAAA"),
            Err(LinkError::Damaged(Damage::ImpossibleLength))
        );
        assert_eq!(
            decode_default("v1.AwB"),
            Err(LinkError::Damaged(Damage::NonCanonicalEnding))
        );
        let message = decode_default("v1.Aw A").unwrap_err().to_string();
        assert!(message.starts_with("This link is damaged: "), "{message}");
    }

    #[test]
    fn rejects_truncated_corrupt_and_trailing_deflate() {
        // Empty stream, and a stored block that promises more bytes than it has.
        assert_eq!(
            decode_default("v1."),
            Err(LinkError::Damaged(Damage::Truncated))
        );
        assert_eq!(
            decode_default(&format!(
                "v1.{}",
                b64(&[0x01, 0x05, 0x00, 0xFA, 0xFF, b'a'])
            )),
            Err(LinkError::Damaged(Damage::Truncated))
        );
        // Block type 3 is reserved; a stored block whose length check fails.
        assert_eq!(
            decode_default(&format!("v1.{}", b64(&[0x07, 0x00]))),
            Err(LinkError::Damaged(Damage::Corrupt))
        );
        assert_eq!(
            decode_default(&format!(
                "v1.{}",
                b64(&[0x01, 0x01, 0x00, 0x00, 0x00, b'a'])
            )),
            Err(LinkError::Damaged(Damage::Corrupt))
        );
        // A complete stream followed by one more byte.
        assert_eq!(
            decode_default(&format!("v1.{}", b64(&[0x03, 0x00, 0x00]))),
            Err(LinkError::Damaged(Damage::TrailingData))
        );
    }

    #[test]
    fn every_prefix_of_a_valid_link_is_rejected_without_panicking() {
        let text = encode(br#"{"name":"checkout","scenarios":[{"growth":1.5},{"growth":2}]}"#);
        for end in 0..text.len() {
            assert!(decode_default(&text[..end]).is_err(), "{:?}", &text[..end]);
        }
    }

    #[test]
    fn rejects_a_decompression_bomb() {
        // Packed by a compressor with dynamic Huffman codes, as an attacker would: 10 MB of
        // zeros in 13 600 characters.
        let stream = miniz_oxide::deflate::compress_to_vec(&vec![0; 10 * 1024 * 1024], 9);
        let bomb = format!("{VERSION_PREFIX}{}", b64(&stream));
        assert!(bomb.len() < DecodeLimits::default().max_encoded_chars);
        let error = decode_default(&bomb).unwrap_err();
        assert_eq!(error, LinkError::TooLarge { max: 256 * 1024 });
        assert!(error.to_string().contains("256 KiB"), "{error}");
    }

    #[test]
    fn output_of_exactly_the_limit_is_accepted() {
        for max in [0, 1, 1000, 1024, 5000, 70_000] {
            let limits = DecodeLimits {
                max_decoded_bytes: max,
                ..DecodeLimits::default()
            };
            let json = vec![b'7'; max];
            assert_eq!(decode(&encode(&json), &limits).unwrap(), json, "{max}");
            let over = vec![b'7'; max + 1];
            assert_eq!(
                decode(&encode(&over), &limits),
                Err(LinkError::TooLarge { max })
            );
        }
    }

    #[test]
    fn fragment_and_payload_agree() {
        let fragment = fragment(b"{}");
        let url = format!("https://example.org/headroom/{fragment}");
        let expected = &fragment["#plan=".len()..];
        for text in [
            fragment.as_str(),
            &fragment[1..],
            &url,
            &format!("\n  {url} \t"),
            &format!("https://example.org/?x=1#theme=dark&plan={expected}&lang=fr"),
            expected,
        ] {
            assert_eq!(payload(text), Ok(expected), "{text:?}");
            assert_eq!(decode_link(text, &DecodeLimits::default()).unwrap(), b"{}");
        }
        for text in [
            "",
            "  ",
            "https://example.org/",
            "#",
            "#planet=v1.AwA",
            "hello",
            "v.x",
        ] {
            assert_eq!(payload(text), Err(LinkError::NoPlan), "{text:?}");
        }
        assert!(LinkError::NoPlan
            .to_string()
            .contains("does not contain a Headroom plan"));
    }
}
