//! Tests of the share-link codec: base64url, round trips, the frozen dictionary, and every
//! way a damaged or hostile link is refused.

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
    let json =
        br#"{"headroom_plan":1,"plan":{"name":"New plan","start":"2027-01","horizon_months":12}}"#;
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
