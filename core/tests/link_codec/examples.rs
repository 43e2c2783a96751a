//! Examples: a realistic plan through a full URL, a decompression bomb under the allocation
//! counter, truncated links, and error messages that read well and stay short.

use super::*;

#[test]
fn a_realistic_plan_round_trips_through_a_full_url() {
    let json = realistic_plan();
    let url = format!("https://example.org/headroom/{}", link::fragment(&json));
    assert!(url.contains(&format!("#{FRAGMENT_KEY}={}", link::VERSION_PREFIX)));
    assert_eq!(link::decode_link(&url, &limits()).unwrap(), json);
    assert_eq!(
        link::decode_link(&format!("  {url}\r\n"), &limits()).unwrap(),
        json
    );
}

#[test]
fn a_decompression_bomb_fails_without_allocating_past_the_limit() {
    let bomb = packed_densely(&vec![0; 10 * 1024 * 1024]);
    let limits = limits();
    assert!(bomb.len() < limits.max_encoded_chars, "{}", bomb.len());
    let (result, peak) = peak_heap(|| link::decode(&bomb, &limits));
    assert_eq!(
        result,
        Err(LinkError::TooLarge {
            max: limits.max_decoded_bytes
        })
    );
    // The output buffer's capacity is capped at the dictionary plus the limit; the rest is the
    // decoded input (10 KB) and the inflater's state (10.5 KB).
    println!(
        "bomb: {} chars, peak heap while decoding: {peak} bytes",
        bomb.len()
    );
    assert!(
        peak <= link::DICTIONARY_V2.len() + limits.max_decoded_bytes + bomb.len() + 16 * 1024,
        "decoding the bomb held {peak} bytes at once"
    );
}

#[test]
fn truncating_a_realistic_link_anywhere_is_an_error() {
    let payload = link::encode(&realistic_plan());
    for end in 0..payload.len() {
        assert!(
            link::decode(&payload[..end], &limits()).is_err(),
            "{end} characters"
        );
    }
}

#[test]
fn error_messages_read_well() {
    let too_long = link::decode(&"A".repeat(70_000), &limits()).unwrap_err();
    assert_eq!(
        too_long.to_string(),
        "This link is too long to open (70000 characters; Headroom accepts at most 65536). \
         It was probably not made by Headroom."
    );
    let newer = link::decode("v7.AwA", &limits()).unwrap_err();
    assert_eq!(
        newer.to_string(),
        "This link was made by a newer version of Headroom (v7) and this version cannot open \
         it. Reload the page to update Headroom, then open the link again."
    );
    let damaged = link::decode("v1.AwA!", &limits()).unwrap_err();
    assert_eq!(
        damaged.to_string(),
        "This link is damaged: it contains the character '!' (at position 4), which links \
         never contain. Ask for the link again, or copy it in full."
    );
}

// A short link that unpacks to long text gets a short message: what the link holds is quoted as
// an excerpt at most.

#[test]
fn long_text_in_a_link_gives_a_short_message() {
    use headroom_core::codec::{plan_file, share};
    use headroom_core::plan::Plan;

    let long = "k".repeat(100_000);
    let mut named = Plan::default();
    named.scenarios[0].name = long.clone();
    let twin = named.scenarios[0].clone();
    named.scenarios.push(twin);
    named.name = format!("a\u{202E}b{long}");
    let named = plan_file::to_json(&named).unwrap();
    let jsons = [
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"{long}\": 1}}}}"),
        format!("{{\"headroom_plan\": 1, \"{long}\": 1, \"plan\": {{}}}}"),
        format!("{{\"headroom_plan\": \"{long}\", \"plan\": {{}}}}"),
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"start\": \"{long}\"}}}}"),
        format!("{{\"{long}\"}}"),
        named,
    ];
    for json in &jsons {
        let fragment = link::fragment(json.as_bytes());
        assert!(fragment.len() < 8_000, "{} chars", fragment.len());
        let message = share::open(&fragment).unwrap_err().to_string();
        assert!(
            message.chars().count() <= 400,
            "{} chars from {:.60?}: {:.500}",
            message.chars().count(),
            json,
            message
        );
        assert!(!message.contains('\u{202E}'), "{message}");
    }
}
