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
//! For a realistic 1 106-byte JSON document (`tests/link_codec/`, which checks these figures;
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
//! [`LinkError::TooLarge`]: `tests/link_codec/` measures its peak heap at the 256 KiB limit
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

mod base64url;
mod error;
mod inflate;
mod selection;
#[cfg(test)]
mod tests;

pub use error::{Damage, LinkError};
pub use selection::{selection, Selection, MONTH_KEY, SCENARIO_KEY};

use base64url::{base64url_decode, base64url_encode};
use inflate::inflate_bounded;

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
pub const DICTIONARY_V2: &[u8] = include_bytes!("../dictionary-v2.txt");

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
    let compressed = crate::codec::deflate::compress(json, DICTIONARY_V2);
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
