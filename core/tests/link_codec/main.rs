//! The share-link codec against hostile and realistic input: measured link lengths, a
//! decompression bomb under an allocation counter, property tests, and a deterministic fuzz
//! loop (stable Rust has no `cargo fuzz`).
//!
//! The fuzz input generator ([`fuzz_inputs`]) takes any check, so the plan importer built on
//! top of the codec can run the same mutations through its whole pipeline.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use common::Rng;
use headroom_core::codec::link::{self, Damage, DecodeLimits, LinkError, FRAGMENT_KEY};
use proptest::prelude::*;

#[path = "../common/mod.rs"]
mod common;
mod examples;
mod fuzz;
mod lengths;
mod plans;
mod properties;

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
// Deterministic fuzz input generator, shared by the decoder's fuzz loop and the plans'.

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
