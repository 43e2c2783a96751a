//! Architecture invariants: the planning core knows nothing about the browser or the UI.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 6] = [
    "leptos",
    "web_sys",
    "web-sys",
    "wasm_bindgen",
    "wasm-bindgen",
    "gloo",
];

#[test]
fn core_manifest_has_no_browser_dependency() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("read core/Cargo.toml");
    let deps: Vec<&str> = manifest
        .lines()
        .skip_while(|line| !line.starts_with("[dependencies]"))
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .collect();
    for line in deps {
        for name in FORBIDDEN.iter().chain(&["js-sys", "js_sys"]) {
            assert!(
                !line.trim_start().starts_with(name),
                "core/Cargo.toml depends on {name}: the core must stay browser-free"
            );
        }
    }
}

#[test]
fn core_sources_never_import_the_ui_or_the_browser() {
    let mut offences = Vec::new();
    visit(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut offences,
    );
    assert!(
        offences.is_empty(),
        "browser or UI code in the core:\n{}",
        offences.join("\n")
    );
}

fn visit(dir: &Path, offences: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("read core/src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            visit(&path, offences);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).expect("read source");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let imports = FORBIDDEN
                    .iter()
                    .any(|name| code.contains(&format!("{name}::")))
                    || code.contains("headroom::");
                if imports {
                    offences.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
}

#[test]
fn every_core_file_opens_with_a_module_doc() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(&root.join(dir), &mut missing, &|text| {
            text.starts_with("//!")
        });
    }
    assert!(
        missing.is_empty(),
        "files that do not open with a `//!` doc comment:\n{}",
        missing.join("\n")
    );
}

/// Paths of the `.rs` files under `dir` for which `ok` is false.
fn rust_files(dir: &Path, failing: &mut Vec<String>, ok: &dyn Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, failing, ok);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).expect("read source");
            if !ok(&text) {
                failing.push(path.display().to_string());
            }
        }
    }
}

/// The page's first download is built without YAML (ARCHITECTURE.md, "First load"): the app
/// takes the core without its default features, and only the file worker turns `yaml` on.
#[test]
fn only_the_file_worker_builds_the_core_with_yaml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let core_line = |manifest: &str| -> String {
        let text = fs::read_to_string(root.join(manifest)).expect("read a manifest");
        text.lines()
            .find(|line| line.trim_start().starts_with("headroom-core"))
            .unwrap_or_else(|| panic!("{manifest} does not depend on headroom-core"))
            .to_owned()
    };
    let app = core_line("Cargo.toml");
    assert!(
        app.contains("default-features = false") && !app.contains("yaml"),
        "the app must take headroom-core without YAML: {app}"
    );
    let worker = core_line("worker/Cargo.toml");
    assert!(
        worker.contains("\"yaml\""),
        "the file worker needs YAML: {worker}"
    );
}
