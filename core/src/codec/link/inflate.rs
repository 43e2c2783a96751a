//! Raw DEFLATE inflated against a preset dictionary into a buffer that never grows past its
//! limit.

use super::error::{Damage, LinkError};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Inflates raw DEFLATE whose window starts with `dictionary` into a buffer that never grows
/// past the dictionary and `max` bytes, and requires the stream to end exactly at the end of
/// `input`.
pub(super) fn inflate_bounded(
    input: &[u8],
    dictionary: &[u8],
    max: usize,
) -> Result<Vec<u8>, LinkError> {
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
