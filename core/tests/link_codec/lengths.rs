//! Measured lengths (quoted in the docs of `codec::link`; update them together).

use super::*;

#[test]
fn measured_link_lengths_match_the_documented_figures() {
    let json = realistic_plan();
    let plain = base64url(&json).len();
    let without_dictionary = base64url(&miniz_oxide::deflate::compress_to_vec(&json, 9)).len();
    let payload = link::encode(&json);
    let deflated = payload.len() - link::VERSION_PREFIX.len();
    let fragment = link::fragment(&json);
    println!(
        "JSON: {} bytes; base64url: {plain} chars; deflate+base64url: {without_dictionary} \
         chars; with the dictionary: {deflated} chars; fragment: {} chars",
        json.len(),
        fragment.len()
    );
    assert_eq!(
        (
            json.len(),
            plain,
            without_dictionary,
            deflated,
            fragment.len()
        ),
        (1106, 1475, 659, 551, 560),
        "the figures in the docs of core/src/codec/link/mod.rs are out of date"
    );
    assert_eq!(link::decode(&payload, &limits()).unwrap(), json);
}
