//! Deterministic fuzzing: mutated plan files never panic.

use super::*;

use super::common::Rng;

/// Fragments that steer a YAML or JSON parser into its rarer paths.
const SYNTAX: &[&str] = &[
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "!!str ",
    "!!binary ",
    "!custom ",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "\"",
    "'",
    "#",
    "\t",
    "\n",
    "\\u0000",
    "<<: *a\n",
    ",",
    "null",
    "~",
    "1e999",
    "-0",
    "\u{feff}",
    "\r\n",
    "é",
];

/// Applies one random mutation to `bytes`: a bit flip, a truncation, an inserted syntax
/// fragment, a duplicated slice, a replaced byte or a deleted range.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    match rng.below(6) {
        0 if len > 0 => {
            let at = rng.below(len);
            bytes[at] ^= 1 << rng.below(8);
        }
        1 => bytes.truncate(rng.below(len + 1)),
        2 => {
            let fragment = SYNTAX[rng.below(SYNTAX.len())].as_bytes();
            let at = rng.below(len + 1);
            bytes.splice(at..at, fragment.iter().copied());
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = start + 1 + rng.below((len - start).min(64));
            let copy = bytes[start..end].to_vec();
            let at = rng.below(len + 1);
            bytes.splice(at..at, copy);
        }
        4 if len > 0 => {
            let at = rng.below(len);
            bytes[at] = b' ' + rng.below(95) as u8;
        }
        _ if len > 0 => {
            let start = rng.below(len);
            let end = start + rng.below((len - start).min(32) + 1);
            bytes.drain(start..end);
        }
        _ => bytes.push(b'\n'),
    }
}

#[test]
fn mutated_plan_files_never_panic() {
    let seeds: Vec<Vec<u8>> = fixtures()
        .iter()
        .map(|(_, path)| read(path).into_bytes())
        .collect();
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut accepted = 0;
    for _ in 0..3_000 {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(6) {
            mutate(&mut rng, &mut bytes);
        }
        // Both entry points: raw bytes (may not be UTF-8) and text.
        let result = import_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let text_result = import(&text);
        if let Ok(plan) = text_result {
            accepted += 1;
            // Whatever was accepted validates or is rejected in words, and never panics.
            let _ = plan.validate();
        } else if let Err(error) = &result {
            assert!(!error.to_string().is_empty());
        }
    }
    // Some mutations (in comments, or digit changes) still give a plan.
    assert!(accepted > 0);
}
