//! Why a link could not be opened: the errors of decoding, in words for the person who
//! opened it.

use super::{version_number, VERSION};
use std::fmt;

/// Why a link could not be opened. The `Display` text is written for the person who opened it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The text holds no `plan=` fragment parameter (nor a bare payload).
    NoPlan,
    /// The payload is longer than
    /// [`DecodeLimits::max_encoded_chars`](super::DecodeLimits::max_encoded_chars).
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
    /// The payload unpacks to more than
    /// [`DecodeLimits::max_decoded_bytes`](super::DecodeLimits::max_decoded_bytes).
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
