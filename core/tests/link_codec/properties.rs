//! Properties: arbitrary bytes and repetitive text round trip; arbitrary text, payload-shaped
//! text and DEFLATE streams never panic and stay within the limits.

use super::*;

proptest! {
    #[test]
    fn arbitrary_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let payload = link::encode(&bytes);
        prop_assert_eq!(link::decode(&payload, &limits()).unwrap(), bytes);
    }

    /// Text from a small alphabet, full of matches of every length and distance, and text
    /// that reuses the dictionary's words.
    #[test]
    fn repetitive_text_round_trips(
        text in "[ab{}\":,0-9]{0,3000}",
        words in proptest::collection::vec(
            proptest::sample::select(vec!["\"name\":", "\"units\":", "1000.0", "Supabase", ",", "{", "}", "x"]),
            0..600,
        ),
    ) {
        for json in [text.clone().into_bytes(), words.concat().into_bytes()] {
            let payload = link::encode(&json);
            prop_assert_eq!(link::decode(&payload, &limits()).unwrap(), json);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = link::decode(&text, &limits());
        let _ = link::decode_link(&text, &limits());
    }

    #[test]
    fn arbitrary_payload_shaped_text_is_bounded(body in "[A-Za-z0-9_-]{0,400}", max in 0usize..2048) {
        let limits = DecodeLimits { max_decoded_bytes: max, ..limits() };
        if let Ok(bytes) = link::decode(&format!("v1.{body}"), &limits) {
            prop_assert!(bytes.len() <= max);
        }
    }

    #[test]
    fn arbitrary_deflate_streams_are_bounded(
        stream in proptest::collection::vec(any::<u8>(), 0..300),
        max in 0usize..4096,
    ) {
        let limits = DecodeLimits { max_decoded_bytes: max, ..limits() };
        if let Ok(bytes) = link::decode(&format!("v1.{}", base64url(&stream)), &limits) {
            prop_assert!(bytes.len() <= max);
        }
    }
}
