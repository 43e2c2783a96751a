//! Deterministic fuzz loop through the link decoder.

use super::*;

/// A short name for the outcome of a decode, to count them.
fn outcome(result: &Result<Vec<u8>, LinkError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(LinkError::NoPlan) => "no plan",
        Err(LinkError::TooLong { .. }) => "too long",
        Err(LinkError::UnsupportedVersion { .. }) => "unsupported version",
        Err(LinkError::TooLarge { .. }) => "too large",
        Err(LinkError::Damaged(Damage::MissingVersion)) => "missing version",
        Err(LinkError::Damaged(Damage::InvalidCharacter { .. })) => "invalid character",
        Err(LinkError::Damaged(Damage::ImpossibleLength)) => "impossible length",
        Err(LinkError::Damaged(Damage::NonCanonicalEnding)) => "non-canonical ending",
        Err(LinkError::Damaged(Damage::Truncated)) => "truncated",
        Err(LinkError::Damaged(Damage::Corrupt)) => "corrupt",
        Err(LinkError::Damaged(Damage::TrailingData)) => "trailing data",
        Err(_) => "other",
    }
}

#[test]
fn fuzz_link_decoder() {
    let seeds = vec![
        realistic_plan(),
        br#"{"name":"checkout","baseline":{"peak_rps":"1200"}}"#.to_vec(),
        Vec::new(),
        vec![b'0'; 3000],
    ];
    // Small enough that repetitive mutants hit it, as well as the default.
    let tight = DecodeLimits {
        max_decoded_bytes: 2048,
        ..DecodeLimits::default()
    };
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    fuzz_inputs(&seeds, 20_000, 0x5EED_11AC_0DEC_0001, |text| {
        for limits in [limits(), tight] {
            let result = link::decode_link(text, &limits);
            if let Ok(bytes) = &result {
                assert!(bytes.len() <= limits.max_decoded_bytes, "{text:?}");
            }
            *outcomes.entry(outcome(&result)).or_default() += 1;
        }
    });
    println!("{outcomes:#?}");
    for expected in [
        "ok",
        "too large",
        "invalid character",
        "impossible length",
        "non-canonical ending",
        "truncated",
        "corrupt",
        "trailing data",
    ] {
        assert!(
            outcomes.contains_key(expected),
            "the fuzz loop never reached {expected:?}: {outcomes:?}"
        );
    }
}
