//! The share-link codec against hostile and realistic input: measured link lengths, a
//! decompression bomb under an allocation counter, property tests, and a deterministic fuzz
//! loop (stable Rust has no `cargo fuzz`).
//!
//! The fuzz input generator ([`fuzz_inputs`]) takes any check, so the plan importer built on
//! top of the codec can run the same mutations through its whole pipeline.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use headroom_core::codec::link::{self, Damage, DecodeLimits, LinkError, FRAGMENT_KEY};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Allocation counter: live and peak heap bytes of the current thread, while enabled.

struct CountingAllocator;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn record(delta: isize) {
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            let live = LIVE.with(|live| {
                live.set(live.get() + delta);
                live.get()
            });
            PEAK.with(|peak| peak.set(peak.get().max(live)));
        }
    });
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters only observe.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(-(layout.size() as isize));
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size as isize - layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `f` and returns its result with the peak of the heap bytes it held at once.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.with(|live| live.set(0));
    PEAK.with(|peak| peak.set(0));
    COUNTING.with(|counting| counting.set(true));
    let result = f();
    COUNTING.with(|counting| counting.set(false));
    (result, PEAK.with(Cell::get).max(0) as usize)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

/// Unpadded base64url, written independently of the codec's so each checks the other.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = String::new();
    for byte in bytes {
        bits.push_str(&format!("{byte:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    bits.as_bytes()
        .chunks(6)
        .map(|six| {
            let value = six.iter().fold(0, |n, bit| n * 2 + usize::from(bit - b'0'));
            char::from(ALPHABET[value])
        })
        .collect()
}

/// A realistic plan of about 1.1 KB: a name, a baseline of 15 numeric fields, 3 scenarios and
/// a small catalog of 4 instance types.
fn realistic_plan() -> Vec<u8> {
    let plan = serde_json::json!({
        "version": 1,
        "name": "Checkout API — Black Friday 2025",
        "baseline": {
            "peak_rps": 1850.0,
            "average_rps": 640.0,
            "capacity_per_instance_rps": 210.0,
            "target_utilisation": 0.7,
            "min_instances": 3,
            "max_instances": 120,
            "p95_latency_ms": 180.0,
            "cpu_per_request_ms": 12.5,
            "memory_per_instance_mib": 1536,
            "startup_seconds": 45,
            "growth_per_month": 0.04,
            "headroom_fraction": 0.25,
            "zones": 3,
            "cost_per_instance_hour": 0.192,
            "hours_per_month": 730
        },
        "scenarios": [
            {"name": "Black Friday peak", "load_multiplier": 4.0, "months_ahead": 2,
             "zone_failure": false, "notes": "Marketing forecast"},
            {"name": "Zone outage at peak", "load_multiplier": 4.0, "months_ahead": 2,
             "zone_failure": true, "notes": "One zone lost"},
            {"name": "Organic growth, one year", "load_multiplier": 1.0, "months_ahead": 12,
             "zone_failure": false}
        ],
        "catalog": [
            {"id": "c6i.large", "vcpu": 2, "memory_gib": 4, "rps": 210.0, "hourly_usd": 0.085},
            {"id": "c6i.xlarge", "vcpu": 4, "memory_gib": 8, "rps": 430.0, "hourly_usd": 0.17},
            {"id": "m6i.xlarge", "vcpu": 4, "memory_gib": 16, "rps": 415.0, "hourly_usd": 0.192},
            {"id": "c6i.2xlarge", "vcpu": 8, "memory_gib": 16, "rps": 850.0, "hourly_usd": 0.34}
        ],
        "selected_instance": "m6i.xlarge"
    });
    serde_json::to_vec(&plan).expect("a JSON value always serialises")
}

fn limits() -> DecodeLimits {
    DecodeLimits::default()
}

/// A payload packed by a compressor with dynamic Huffman codes (`miniz_oxide` at level 9), as
/// an attacker would pack a bomb: denser than the app's own fixed-code encoder on runs.
fn packed_densely(bytes: &[u8]) -> String {
    let stream = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    format!("{}{}", link::VERSION_PREFIX, base64url(&stream))
}

// ---------------------------------------------------------------------------------------------
// Measured lengths (quoted in the docs of `codec::link`; update them together).

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

// ---------------------------------------------------------------------------------------------
// Examples.

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

// ---------------------------------------------------------------------------------------------
// Properties.

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

// ---------------------------------------------------------------------------------------------
// Deterministic fuzz loop.

/// Xorshift64: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn printable(&mut self) -> u8 {
        b' ' + self.below(95) as u8
    }
}

/// Applies one random mutation to `bytes`: a bit flip, a truncation, an insertion, a
/// duplicated slice, a replaced character or a deleted range.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    match rng.below(6) {
        0 if len > 0 => {
            let at = rng.below(len);
            bytes[at] ^= 1 << rng.below(8);
        }
        1 => bytes.truncate(rng.below(len + 1)),
        2 => {
            let c = rng.printable();
            bytes.insert(rng.below(len + 1), c);
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = start + 1 + rng.below((len - start).min(32));
            let copy = bytes[start..end].to_vec();
            let at = rng.below(len + 1);
            bytes.splice(at..at, copy);
        }
        4 if len > 0 => {
            let at = rng.below(len);
            bytes[at] = rng.printable();
        }
        _ if len > 0 => {
            let start = rng.below(len);
            let end = start + rng.below((len - start).min(16) + 1);
            bytes.drain(start..end);
        }
        _ => bytes.push(rng.printable()),
    }
}

/// Feeds `iterations` hostile inputs, derived from `seeds` (valid JSON documents) by a PRNG
/// started at `seed`, to `check`, in equal parts:
/// - a valid link (payload, fragment or URL) with 1–4 text mutations;
/// - a valid DEFLATE stream with 1–4 byte mutations, correctly base64url-encoded;
/// - random bytes as a DEFLATE stream (their first byte is a block header);
/// - random printable text after the version tag.
fn fuzz_inputs(seeds: &[Vec<u8>], iterations: usize, seed: u64, mut check: impl FnMut(&str)) {
    let mut rng = Rng(seed | 1);
    let payloads: Vec<String> = seeds.iter().map(|json| link::encode(json)).collect();
    let streams: Vec<Vec<u8>> = seeds
        .iter()
        .map(|json| miniz_oxide::deflate::compress_to_vec(json, 9))
        .collect();
    for _ in 0..iterations {
        let which = rng.below(seeds.len());
        let text = match rng.below(4) {
            0 => {
                let mut text = match rng.below(3) {
                    0 => payloads[which].clone(),
                    1 => format!("#{FRAGMENT_KEY}={}", payloads[which]),
                    _ => format!("https://example.org/#{FRAGMENT_KEY}={}", payloads[which]),
                }
                .into_bytes();
                for _ in 0..=rng.below(4) {
                    mutate(&mut rng, &mut text);
                }
                String::from_utf8_lossy(&text).into_owned()
            }
            1 => {
                let mut stream = streams[which].clone();
                for _ in 0..=rng.below(4) {
                    mutate(&mut rng, &mut stream);
                }
                format!("{}{}", link::VERSION_PREFIX, base64url(&stream))
            }
            2 => {
                let stream: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
                format!("{}{}", link::VERSION_PREFIX, base64url(&stream))
            }
            _ => {
                let body: String = (0..rng.below(100))
                    .map(|_| char::from(rng.printable()))
                    .collect();
                format!("{}{body}", link::VERSION_PREFIX)
            }
        };
        check(&text);
    }
}

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

// ---------------------------------------------------------------------------------------------
// Share links of real plans (`codec::share`): lengths of every template, fixtures of every
// schema version, round trips, hostile payloads and a fuzz loop through the whole opening path.

mod plans {
    use super::*;
    use headroom_core::codec::link::{Mode, Selection};
    use headroom_core::codec::plan_file::{self, ImportError};
    use headroom_core::codec::share::{self, Arrival, OpenError};
    use headroom_core::plan::{Plan, PLAN_SCHEMA_VERSION};
    use headroom_core::presets::TEMPLATES;
    use std::path::PathBuf;

    /// Where the app is published; links are measured with this prefix.
    const PAGE: &str = "https://headroom-planner.github.io/headroom/";

    /// Longest share link accepted for any template, in characters (see the constant's
    /// documentation for why 2 000).
    const LINK_BUDGET: usize = share::SAFE_LINK_CHARS;

    fn fixtures_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    }

    #[test]
    fn every_template_link_is_within_the_budget() {
        let mut lines = Vec::new();
        let mut over = Vec::new();
        for template in &TEMPLATES {
            let plan = template.build();
            let json = share::plan_json(&plan);
            let edit = share::url(PAGE, &plan, Mode::Edit);
            let view = share::url(PAGE, &plan, Mode::View);
            let v1 = base64url(&miniz_oxide::deflate::compress_to_vec(&json, 9)).len();
            let payload = edit.len() - PAGE.len() - "#plan=v2.".len();
            lines.push(format!(
                "| {} | {} | {} | {v1} | {payload} | {} |",
                template.id,
                json.len(),
                base64url(&json).len(),
                edit.len()
            ));
            assert_eq!(view.len(), edit.len());
            if edit.len() > LINK_BUDGET {
                over.push(format!("{} ({})", template.id, edit.len()));
            }
            let opened = share::open(&edit).unwrap();
            assert_eq!(opened.plan.plan(), &plan, "{}", template.id);
            assert_eq!(opened.mode, Mode::Edit);
            assert_eq!(share::open(&view).unwrap().mode, Mode::View);
        }
        println!(
            "share links under {PAGE}:\n| template | plan JSON, bytes | base64url | DEFLATE (v1) | DEFLATE + dictionary (v2) | whole link |\n|---|---:|---:|---:|---:|---:|\n{}",
            lines.join("\n")
        );
        assert!(
            over.is_empty(),
            "links over {LINK_BUDGET} characters: {over:?}"
        );
    }

    /// The plan a link fixture must decode to: the plan fixture of the same name (up to the
    /// first `.`) and version.
    fn expected_plan(version: &str, stem: &str) -> Plan {
        let dir = fixtures_dir().join("plans").join(version);
        let base = stem.split('.').next().unwrap_or(stem);
        let path = ["json", "yaml"]
            .iter()
            .map(|ext| dir.join(format!("{base}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no plan fixture {version}/{base}.json or .yaml"));
        plan_file::import(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every `links/v<N>/<name>[.view][.packing-v<P>].txt` opens, migrated, to the plan of
    /// `plans/v<N>/<name>.*`, in the mode its name says (`.view` is read-only); `.packing-v<P>`
    /// files keep older payload formats. Links made by every schema version must keep opening:
    /// never delete or regenerate these files.
    #[test]
    fn link_fixtures_of_every_schema_version_keep_opening() {
        let mut opened = 0;
        for version in 1..=PLAN_SCHEMA_VERSION {
            let dir = fixtures_dir().join(format!("links/v{version}"));
            let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (every schema version needs link fixtures)",
                    dir.display()
                )
            });
            for entry in entries.flatten() {
                let path = entry.path();
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                let got = share::open(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(
                    got.plan.plan(),
                    &expected_plan(&format!("v{version}"), &stem),
                    "{}",
                    path.display()
                );
                let mode = if stem.contains(".view") {
                    Mode::View
                } else {
                    Mode::Edit
                };
                if let Some(packing) = stem.split(".packing-").nth(1) {
                    assert!(text.contains(&format!("={packing}.")), "{}", path.display());
                }
                assert_eq!(got.mode, mode, "{}", path.display());
                // Made before links carried a scenario and month: they open on the defaults.
                assert_eq!(got.at, Selection::default(), "{}", path.display());
                opened += 1;
            }
        }
        assert!(opened >= 3, "only {opened} link fixtures");
    }

    /// The link fixtures of the current schema version exist, so that links made today are
    /// opened by every later version's tests. When a new schema version is introduced they are
    /// missing, and `HEADROOM_WRITE_LINK_FIXTURES=1` writes them (existing fixtures are never
    /// overwritten); without it the test fails, naming them.
    #[test]
    fn the_link_fixtures_of_this_version_exist() {
        let version = format!("v{PLAN_SCHEMA_VERSION}");
        let dir = fixtures_dir().join("links").join(&version);
        let mut wanted: Vec<(std::path::PathBuf, String)> = [
            ("default", Mode::Edit),
            ("cafe-chain", Mode::Edit),
            ("hand-written", Mode::Edit),
            ("cafe-chain.view", Mode::View),
            ("in-euros", Mode::Edit),
        ]
        .into_iter()
        .map(|(stem, mode)| {
            let plan = expected_plan(&version, stem);
            let text = format!("{}\n", share::url(PAGE, &plan, mode));
            (dir.join(format!("{stem}.txt")), text)
        })
        .collect();
        // The first payload format (no dictionary), as a link made before `v2.` reads.
        let json = share::plan_json(&expected_plan(&version, "default"));
        let compressed = miniz_oxide::deflate::compress_to_vec(&json, 9);
        wanted.push((
            dir.join("default.packing-v1.txt"),
            format!(
                "{PAGE}#plan={}{}\n",
                link::VERSION_1_PREFIX,
                base64url(&compressed)
            ),
        ));
        let missing: Vec<_> = wanted.iter().filter(|(path, _)| !path.exists()).collect();
        if missing.is_empty() {
            return;
        }
        assert!(
            std::env::var_os("HEADROOM_WRITE_LINK_FIXTURES").is_some(),
            "link fixtures of {version} missing (write them with HEADROOM_WRITE_LINK_FIXTURES=1 cargo test --test link_codec): {:?}",
            missing.iter().map(|(path, _)| path).collect::<Vec<_>>()
        );
        std::fs::create_dir_all(&dir).unwrap();
        for (path, text) in missing {
            std::fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn what_arriving_from_a_link_does() {
        let theirs = TEMPLATES[1].build();
        let mine = Plan::default();
        let edit = share::fragment(&theirs, Mode::Edit);
        let view = share::fragment(&theirs, Mode::View);
        assert_eq!(share::arrive("", Some(&mine)), Arrival::NoLink);
        assert_eq!(share::arrive("#results", Some(&mine)), Arrival::NoLink);
        assert!(matches!(share::arrive(&edit, None), Arrival::Open(p, _) if p.plan() == &theirs));
        assert!(matches!(
            share::arrive(&edit, Some(&theirs)),
            Arrival::Open(..)
        ));
        assert!(
            matches!(share::arrive(&edit, Some(&mine)), Arrival::Ask(p, _) if p.plan() == &theirs)
        );
        assert!(
            matches!(share::arrive(&view, Some(&mine)), Arrival::View(p, _) if p.plan() == &theirs)
        );
        assert!(matches!(share::arrive(&view, None), Arrival::View(..)));
        let cut = &edit[..edit.len() / 2];
        assert!(matches!(
            share::arrive(cut, Some(&mine)),
            Arrival::Failed(OpenError::Link(_))
        ));
    }

    /// The sender's scenario and month travel with the link and come back as they were, in
    /// both modes and whatever the receiver has saved.
    #[test]
    fn a_link_opens_on_the_scenario_and_month_it_was_made_on() {
        let theirs = TEMPLATES
            .iter()
            .map(|t| t.build())
            .find(|p| p.scenarios.len() >= 3 && p.horizon_months >= 7)
            .expect("a template with three scenarios");
        let at = Selection {
            scenario: Some(2),
            month: Some(7),
        };
        let mine = Plan::default();
        for mode in [Mode::Edit, Mode::View] {
            let url = share::url_at(PAGE, &theirs, mode, at);
            assert!(url.ends_with("&scenario=2&month=7"), "{url}");
            let opened = share::open(&url).unwrap();
            assert_eq!(opened.plan.plan(), &theirs);
            assert_eq!((opened.mode, opened.at), (mode, at));
            let arrived = share::arrive(&url, Some(&mine));
            assert!(
                matches!(
                    arrived,
                    Arrival::Ask(_, a) | Arrival::View(_, a) if a == at
                ),
                "{arrived:?}"
            );
            assert!(matches!(
                share::arrive(&url, None),
                Arrival::Open(_, a) | Arrival::View(_, a) if a == at
            ));
        }
        // Order of the parameters does not matter; the plan parameter is still found.
        let payload = share::fragment(&theirs, Mode::View);
        let payload = payload.trim_start_matches("#view=");
        let reordered = format!("#month=7&scenario=2&view={payload}");
        assert_eq!(share::open(&reordered).unwrap().at, at);
        // A link without them (every link made before) opens on the page's defaults.
        let plain = share::url(PAGE, &theirs, Mode::Edit);
        assert_eq!(share::open(&plain).unwrap().at, Selection::default());
    }

    /// Hand-edited scenario and month parameters never fail a link and never panic: what the
    /// plan does not have is dropped (or, for a month past the horizon, clamped to the last).
    #[test]
    fn hostile_scenario_and_month_parameters_are_ignored_or_clamped() {
        let plan = Plan::default();
        let scenarios = plan.scenarios.len();
        let horizon = plan.horizon_months;
        let base = share::url(PAGE, &plan, Mode::View);
        let cases: Vec<(String, Selection)> = vec![
            (format!("&scenario={scenarios}"), Selection::default()),
            (
                "&scenario=18446744073709551616".into(),
                Selection::default(),
            ),
            ("&scenario=4294967295".into(), Selection::default()),
            ("&scenario=-1&month=-3".into(), Selection::default()),
            ("&scenario=1e3&month=0x7".into(), Selection::default()),
            ("&scenario=&month=".into(), Selection::default()),
            ("&scenario&month".into(), Selection::default()),
            ("&scenario=+0&month=+2".into(), Selection::default()),
            ("&scenario=٣&month=７".into(), Selection::default()),
            ("&month=0".into(), Selection::default()),
            (
                "&month=999999999".into(),
                Selection {
                    scenario: None,
                    month: Some(horizon),
                },
            ),
            (
                format!("&month={}", horizon + 1),
                Selection {
                    scenario: None,
                    month: Some(horizon),
                },
            ),
            (
                "&scenario=0&month=1&scenario=5&month=3".into(),
                Selection {
                    scenario: Some(0),
                    month: Some(1),
                },
            ),
            ("&month=%37&scenario=0%00".into(), Selection::default()),
        ];
        for (params, want) in cases {
            let url = format!("{base}{params}");
            let opened = share::open(&url).unwrap_or_else(|e| panic!("{params}: {e}"));
            assert_eq!(opened.at, want, "{params}");
            assert_eq!(opened.plan.plan(), &plan, "{params}");
        }
        // Garbage in the parameters alone never panics, whatever the bytes.
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..2_000 {
            let mut text = String::from("#scenario=");
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(char::from_u32((seed % 0x3000) as u32).unwrap_or('&'));
            }
            let at = link::selection(&text).within(3, 24);
            assert!(at.scenario.is_none_or(|s| s < 3));
            assert!(at.month.is_none_or(|m| (1..=24).contains(&m)));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Any valid plan survives encode → decode exactly, in both modes.
        #[test]
        fn plans_round_trip_through_links(
            template in 0..TEMPLATES.len(),
            name in "[^\\p{Cc}]{0,40}[a-zA-Z0-9<>&\"'☕]",
            units in 0.0f64..1e9,
            growth in -50.0f64..200.0,
            view in any::<bool>(),
        ) {
            let mut plan = TEMPLATES[template].build();
            plan.name = name;
            plan.baseline.units = units;
            if let headroom_core::plan::Growth::Compound { monthly_growth_pct, monthly_churn_pct } =
                &mut plan.scenarios[0].growth
            {
                *monthly_growth_pct = growth;
                *monthly_churn_pct = 0.0;
            }
            prop_assume!(plan.validate().is_ok());
            let mode = if view { Mode::View } else { Mode::Edit };
            let url = share::url(PAGE, &plan, mode);
            let opened = share::open(&url).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(opened.plan.plan(), &plan);
            prop_assert_eq!(opened.mode, mode);
        }
    }

    /// A link whose payload is `json`, packed the way the app packs it.
    fn link_of(json: &str) -> String {
        format!("{PAGE}{}", link::fragment(json.as_bytes()))
    }

    #[test]
    fn hostile_links_are_refused_in_words() {
        let default = serde_json::to_value(plan_file::PlanFile::new(Plan::default())).unwrap();
        let with = |path: &[&str], value: serde_json::Value| {
            let mut document = default.clone();
            let mut target = &mut document;
            for key in path {
                target = &mut target[*key];
            }
            *target = value;
            link_of(&document.to_string())
        };
        // Huge and impossible numbers.
        let huge = share::open(&with(
            &["plan", "baseline", "units"],
            serde_json::json!(1e308),
        ))
        .unwrap_err();
        assert!(
            matches!(&huge, OpenError::Invalid(e) if e[0].path == "baseline.units"),
            "{huge:?}"
        );
        assert!(huge
            .to_string()
            .starts_with("This link's plan has values Headroom cannot use: "));
        let overflow = link_of(
            &default
                .to_string()
                .replace("\"units\":1000.0", "\"units\":1e999"),
        );
        assert!(overflow.len() > 100);
        assert!(
            matches!(share::open(&overflow), Err(OpenError::Plan(_))),
            "{:?}",
            share::open(&overflow)
        );
        // A negative price and an absurd horizon, reported together.
        let mut document = default.clone();
        document["plan"]["horizon_months"] = serde_json::json!(100000);
        document["plan"]["catalogs"]["instances"][0]["usd_per_month"] = serde_json::json!(-5);
        let both = share::open(&link_of(&document.to_string())).unwrap_err();
        assert!(
            matches!(&both, OpenError::Invalid(e) if e.len() >= 2),
            "{both:?}"
        );
        // Script in names is kept as plain text: the page shows it as text.
        let script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let opened = share::open(&with(&["plan", "name"], serde_json::json!(script))).unwrap();
        assert_eq!(opened.plan.plan().name, script);
        // Not a plan: wrong fields, a newer schema, not JSON, not text.
        let unknown = with(&["plan", "baseline", "untis"], serde_json::json!(5));
        assert!(share::open(&unknown)
            .unwrap_err()
            .to_string()
            .contains("untis"));
        let newer = share::open(&with(
            &["headroom_plan"],
            serde_json::json!(PLAN_SCHEMA_VERSION + 1),
        ))
        .unwrap_err();
        assert!(matches!(newer, OpenError::Plan(ImportError::TooNew { .. })));
        assert!(newer
            .to_string()
            .starts_with("This link was made by a newer version of Headroom"));
        let not_text = format!("{PAGE}{}", link::fragment(&[0xff, 0xfe, 0x00]));
        assert_eq!(share::open(&not_text), Err(OpenError::NotText));
        let array = share::open(&link_of("[1, 2, 3]")).unwrap_err();
        assert!(matches!(array, OpenError::Plan(_)), "{array:?}");
        // Deep nesting is refused by the JSON reader's recursion limit, not the stack.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(share::open(&link_of(&deep)).is_err());
        // 10 MB of link text is refused before anything is decoded.
        let long = format!("{PAGE}#plan=v1.{}", "A".repeat(10 * 1024 * 1024));
        let (result, peak) = peak_heap(|| share::open(&long));
        assert!(matches!(
            result,
            Err(OpenError::Link(LinkError::TooLong { .. }))
        ));
        assert!(peak < 4096, "refusing 10 MB held {peak} bytes");
        // A bomb of a plan: 10 MB of white space inside valid JSON.
        let bomb = format!(
            "{PAGE}#plan={}",
            packed_densely(
                format!(
                    "{{\"headroom_plan\": 1,{}\"plan\": {{}}}}",
                    " ".repeat(10 << 20)
                )
                .as_bytes()
            )
        );
        let (result, peak) = peak_heap(|| share::open(&bomb));
        assert!(
            matches!(result, Err(OpenError::Link(LinkError::TooLarge { .. }))),
            "{result:?}"
        );
        assert!(peak < 400 * 1024, "the bomb held {peak} bytes");
    }

    #[test]
    fn fuzz_link_opening() {
        let seeds: Vec<Vec<u8>> = TEMPLATES
            .iter()
            .map(|t| share::plan_json(&t.build()))
            .collect();
        let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
        fuzz_inputs(&seeds, 3_000, 0x5EED_0F5A_A2E0, |text| {
            let outcome = match share::open(text) {
                Ok(_) => "ok",
                Err(OpenError::Link(_)) => "link",
                Err(OpenError::NotText) => "not text",
                Err(OpenError::Plan(_)) => "not a plan",
                Err(OpenError::Invalid(_)) => "invalid",
                Err(_) => "other",
            };
            *outcomes.entry(outcome).or_default() += 1;
        });
        println!("{outcomes:#?}");
        for expected in ["ok", "link", "not a plan"] {
            assert!(
                outcomes.contains_key(expected),
                "the fuzz loop never reached {expected:?}: {outcomes:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
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
