//! What several integration test files share: finding a Python with PyYAML for the YAML
//! cross-checks, walking a JSON document's places to alter them one at a time, and the
//! fuzz loops' random numbers (a test
//! crate includes this with `mod common;`; not every crate uses every helper).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python with PyYAML: the project's tool venv first (`scripts/setup.sh test`), then
/// `python3`. `None` skips the check, unless `HEADROOM_REQUIRE_PYYAML` is set (as `make test`
/// sets it), when a missing PyYAML fails the test instead.
pub fn python_with_pyyaml() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let found = [
        root.join(".tools/venv/bin/python3"),
        PathBuf::from("python3"),
    ]
    .into_iter()
    .find(|python| {
        Command::new(python)
            .args(["-c", "import yaml"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    });
    if found.is_none() {
        assert!(
            std::env::var_os("HEADROOM_REQUIRE_PYYAML").is_none(),
            "PyYAML is required (HEADROOM_REQUIRE_PYYAML is set) but not found: run scripts/setup.sh test"
        );
        eprintln!("skipped: no python3 with PyYAML (scripts/setup.sh test installs one)");
    }
    found
}

/// Runs `script` with `python`, its arguments `args`, then removes `dir` (the files the script
/// read); fails the test with what the script printed when it exits with an error.
pub fn run_python(python: &Path, script: &str, args: &[&std::ffi::OsStr], dir: &Path) {
    let output = Command::new(python)
        .args(["-c", script])
        .args(args)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(dir);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every place in `value`: the keys and indices that lead to it, the top first.
pub fn places(value: &serde_json::Value) -> Vec<Vec<serde_json::Value>> {
    fn walk(
        value: &serde_json::Value,
        here: &mut Vec<serde_json::Value>,
        out: &mut Vec<Vec<serde_json::Value>>,
    ) {
        out.push(here.clone());
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    here.push(key.as_str().into());
                    walk(child, here, out);
                    here.pop();
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    here.push(i.into());
                    walk(child, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// The value at `place` (as [`places`] gives it) in `value`.
pub fn at<'v>(
    value: &'v mut serde_json::Value,
    place: &[serde_json::Value],
) -> &'v mut serde_json::Value {
    place.iter().fold(value, |v, step| match step {
        serde_json::Value::String(key) => &mut v[key.as_str()],
        step => &mut v[step.as_u64().unwrap() as usize],
    })
}

/// `document` altered at one place at a time: each value replaced by each of `kinds`, each
/// key removed, an unknown key (`zzz`) added to each mapping; with a description of each.
pub fn single_changes(
    document: &serde_json::Value,
    kinds: &[serde_json::Value],
) -> Vec<(serde_json::Value, serde_json::Value, String)> {
    let mut altered = Vec::new();
    for place in places(document) {
        for kind in kinds {
            let mut changed = document.clone();
            *at(&mut changed, &place) = kind.clone();
            altered.push((changed, kind.clone(), format!("{place:?} = {kind}")));
        }
        let mut changed = document.clone();
        if let serde_json::Value::Object(map) = at(&mut changed, &place) {
            map.insert("zzz".to_owned(), 1.into());
            altered.push((changed, serde_json::Value::Null, format!("{place:?} + zzz")));
        }
        if let Some((serde_json::Value::String(key), parent)) = place.split_last() {
            let mut changed = document.clone();
            if let serde_json::Value::Object(map) = at(&mut changed, parent) {
                map.shift_remove(key.as_str());
                altered.push((
                    changed,
                    serde_json::Value::Null,
                    format!("{place:?} removed"),
                ));
            }
        }
    }
    altered
}

/// Xorshift64 for the fuzz loops: small, seeded, and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A printable ASCII byte.
    pub fn printable(&mut self) -> u8 {
        b' ' + self.below(95) as u8
    }
}
