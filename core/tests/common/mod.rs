//! What several integration test files share: finding a Python with PyYAML for the YAML
//! cross-checks (a test crate includes this with `mod common;`).

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
