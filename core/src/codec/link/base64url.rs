//! Unpadded base64url (RFC 4648 §5), written and read strictly.

use super::error::Damage;

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
pub(super) fn base64url_encode(bytes: &[u8], out: &mut String) {
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
pub(super) fn base64url_decode(text: &str) -> Result<Vec<u8>, Damage> {
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
