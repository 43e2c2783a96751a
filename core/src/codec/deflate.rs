//! A small DEFLATE encoder for share links: LZ77 with hash chains and one-step lazy matching,
//! written as a single block of fixed Huffman codes (RFC 1951 §3.2.6), with the window started
//! from a preset dictionary.
//!
//! Why not `miniz_oxide`'s compressor: it weighs about 10.7 KB gzipped in the `.wasm` (its
//! inflater, which decoding uses, 5.3 KB), for links only 2–10 % shorter than fixed codes give
//! here (its dynamic Huffman tables pay off on long inputs; a plan against the dictionary is
//! mostly back-references). This encoder weighs 1.9 KB gzipped. Its output is plain
//! DEFLATE: `miniz_oxide`'s inflater, zlib or any other reader decodes it (with the dictionary
//! as preset window), and the tests check every round trip through `miniz_oxide`.
//!
//! The encoder only ever sees the page's own plan JSON, but it is total all the same: any bytes
//! of any length give a valid stream.

/// Shortest match DEFLATE encodes.
const MIN_MATCH: usize = 3;
/// Longest match DEFLATE encodes.
const MAX_MATCH: usize = 258;
/// Farthest back a match may start (the DEFLATE window).
const WINDOW: usize = 32 * 1024;
/// Candidates tried per position: plenty for plan JSON, and a bound on the work per byte.
const MAX_CHAIN: usize = 128;
/// A match at least this long ends the search: longer ones save almost nothing more.
const NICE_MATCH: usize = 128;
/// A match at least this long is taken without looking one position further.
const GOOD_ENOUGH: usize = 64;

const HASH_BITS: u32 = 15;
const NO_POSITION: u32 = u32::MAX;

/// Base length and extra bits of length codes 257–285.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distance and extra bits of distance codes 0–29.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Bits written least significant first, as DEFLATE packs them.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.count;
        self.count += bits;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, which DEFLATE stores most significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        self.put(code.reverse_bits() >> (32 - bits), bits);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }

    /// A literal byte or a length symbol (0–285) in the fixed code.
    fn symbol(&mut self, symbol: u16) {
        let s = u32::from(symbol);
        match symbol {
            0..=143 => self.code(0x30 + s, 8),
            144..=255 => self.code(0x190 + s - 144, 9),
            256..=279 => self.code(s - 256, 7),
            _ => self.code(0xC0 + s - 280, 8),
        }
    }

    fn matched(&mut self, length: usize, distance: usize) {
        // Both tables are sorted; the last base not above the value is the code.
        let l = LENGTH_BASE
            .iter()
            .rposition(|&base| usize::from(base) <= length)
            .unwrap_or(0);
        self.symbol(257 + l as u16);
        self.put(
            (length - usize::from(LENGTH_BASE[l])) as u32,
            u32::from(LENGTH_EXTRA[l]),
        );
        let d = DISTANCE_BASE
            .iter()
            .rposition(|&base| usize::from(base) <= distance)
            .unwrap_or(0);
        self.code(d as u32, 5);
        self.put(
            (distance - usize::from(DISTANCE_BASE[d])) as u32,
            u32::from(DISTANCE_EXTRA[d]),
        );
    }
}

fn hash(bytes: &[u8]) -> usize {
    let v = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// Hash chains over `buffer`: the most recent earlier position with the same 3-byte hash.
struct Chains {
    head: Vec<u32>,
    previous: Vec<u32>,
}

impl Chains {
    fn new(len: usize) -> Self {
        Self {
            head: vec![NO_POSITION; 1 << HASH_BITS],
            previous: vec![NO_POSITION; len],
        }
    }

    fn insert(&mut self, buffer: &[u8], at: usize) {
        if at + MIN_MATCH <= buffer.len() {
            let h = hash(&buffer[at..]);
            self.previous[at] = self.head[h];
            self.head[h] = at as u32;
        }
    }

    /// The longest match for `at` (length, distance), if one of at least [`MIN_MATCH`].
    fn longest(&self, buffer: &[u8], at: usize) -> Option<(usize, usize)> {
        if at + MIN_MATCH > buffer.len() {
            return None;
        }
        let limit = (buffer.len() - at).min(MAX_MATCH);
        let mut best = (0, 0);
        let mut candidate = self.head[hash(&buffer[at..])];
        for _ in 0..MAX_CHAIN {
            if candidate == NO_POSITION {
                break;
            }
            let from = candidate as usize;
            if from >= at || at - from > WINDOW {
                break;
            }
            let length = buffer[from..]
                .iter()
                .zip(&buffer[at..at + limit])
                .take_while(|(a, b)| a == b)
                .count();
            if length > best.0 {
                best = (length, at - from);
                if length == limit || length >= NICE_MATCH {
                    break;
                }
            }
            candidate = self.previous[from];
        }
        (best.0 >= MIN_MATCH).then_some(best)
    }
}

/// Raw DEFLATE (one final block of fixed Huffman codes) of `data`, whose window starts with
/// `dictionary` (at most the 32 KiB window is used).
pub(crate) fn compress(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let dictionary = &dictionary[dictionary.len().saturating_sub(WINDOW)..];
    let mut buffer = Vec::with_capacity(dictionary.len() + data.len());
    buffer.extend_from_slice(dictionary);
    buffer.extend_from_slice(data);
    let mut chains = Chains::new(buffer.len());
    for at in 0..dictionary.len() {
        chains.insert(&buffer, at);
    }
    let mut bits = Bits {
        out: Vec::with_capacity(data.len() / 2 + 8),
        acc: 0,
        count: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE 01: fixed Huffman codes
    let mut at = dictionary.len();
    let mut pending = chains.longest(&buffer, at);
    while at < buffer.len() {
        chains.insert(&buffer, at);
        let here = pending;
        let next = if at + 1 < buffer.len() {
            chains.longest(&buffer, at + 1)
        } else {
            None
        };
        match here {
            // Lazy matching: a longer match one byte later is worth a literal now.
            Some((length, _)) if length < GOOD_ENOUGH && next.is_some_and(|n| n.0 > length) => {
                bits.symbol(u16::from(buffer[at]));
                at += 1;
                pending = next;
            }
            Some((length, distance)) => {
                bits.matched(length, distance);
                for skipped in at + 1..at + length {
                    chains.insert(&buffer, skipped);
                }
                at += length;
                pending = chains.longest(&buffer, at);
            }
            None => {
                bits.symbol(u16::from(buffer[at]));
                at += 1;
                pending = next;
            }
        }
    }
    bits.symbol(256);
    bits.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    fn inflate(stream: &[u8], dictionary: &[u8], expected_len: usize) -> Vec<u8> {
        let mut out = dictionary.to_vec();
        out.resize(dictionary.len() + expected_len + 1, 0);
        let mut state = DecompressorOxide::default();
        let (status, _, produced) = decompress(
            &mut state,
            stream,
            &mut out,
            dictionary.len(),
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        assert_eq!(status, TINFLStatus::Done);
        out[dictionary.len()..dictionary.len() + produced].to_vec()
    }

    #[test]
    fn round_trips_through_another_inflater() {
        let dictionary = b"the quick brown fox jumps over the lazy dog";
        for data in [
            &b""[..],
            b"a",
            b"ab",
            b"abc",
            b"the lazy dog jumps over the quick brown fox",
            &[0u8; 1000][..],
            &b"abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"[..],
        ] {
            for dict in [&b""[..], &dictionary[..]] {
                let stream = compress(data, dict);
                assert_eq!(inflate(&stream, dict, data.len()), data);
            }
        }
    }

    #[test]
    fn every_length_and_distance_code_round_trips() {
        // Matches of every length 3–258 at distances up to the whole window.
        let mut data = Vec::new();
        let mut seed = 1u32;
        let mut noise = |n: usize| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as u8
                })
                .collect()
        };
        let block = noise(300);
        for length in [3, 4, 10, 11, 18, 19, 34, 35, 66, 67, 130, 131, 257, 258] {
            data.extend_from_slice(&noise(length * 7 + 1));
            data.extend_from_slice(&block[..length]);
        }
        let far = noise(40_000);
        data.extend_from_slice(&far);
        data.extend_from_slice(&far[8000..8300]);
        let stream = compress(&data, &block);
        assert_eq!(inflate(&stream, &block, data.len()), data);
    }

    #[test]
    fn repetitive_text_shrinks() {
        let data = br#"{"name":"a","units":1.0},{"name":"b","units":2.0},{"name":"c","units":3.0}"#
            .repeat(20);
        let stream = compress(&data, b"");
        assert!(
            stream.len() * 8 < data.len(),
            "{} of {}",
            stream.len(),
            data.len()
        );
    }
}
