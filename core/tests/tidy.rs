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

/// Every package the core can pull in, for any target and with every feature, as Cargo
/// resolves it (`cargo tree`): a dependency behind `[target.'cfg(…)'.dependencies]`, a
/// feature or another crate counts as much as one in `[dependencies]`.
#[test]
fn core_depends_on_nothing_of_the_browser_for_any_target() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--package",
            "headroom-core",
            "--target",
            "all",
            "--all-features",
            "--edges",
            "normal,build,dev",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).expect("cargo tree prints UTF-8");
    let packages: Vec<&str> = tree.lines().filter_map(|l| l.split(' ').next()).collect();
    assert!(
        packages.contains(&"headroom-core") && packages.contains(&"serde"),
        "cargo tree listed no dependencies:\n{tree}"
    );
    let mut browser: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|name| {
            BROWSER_PACKAGES.contains(name)
                || name.starts_with("leptos")
                || name.starts_with("gloo")
        })
        .collect();
    browser.sort_unstable();
    browser.dedup();
    assert!(
        browser.is_empty(),
        "the core depends on {browser:?}: it must stay browser-free (see `cargo tree -p headroom-core --target all -i <name>`)"
    );
}

/// Packages that only make sense in a browser (beside every `leptos*` and `gloo*`).
const BROWSER_PACKAGES: [&str; 4] = ["web-sys", "js-sys", "wasm-bindgen", "wasm-bindgen-futures"];

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
/// takes the core without its default features, and only the file worker turns `yaml` on. The
/// upgrades' reasons are for the page and the file worker; the trials worker leaves them out.
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
    for line in [&app, &worker] {
        assert!(
            line.contains("\"upgrade-reasons\""),
            "the page and the file worker word the upgrades: {line}"
        );
    }
    let trials = core_line("trials/Cargo.toml");
    assert!(
        trials.contains("default-features = false") && !trials.contains("features = ["),
        "the trials worker takes the core without YAML and the upgrades' reasons: {trials}"
    );
}

/// Every citation of the model reference in the core's comments (`docs/models.md "Section"`,
/// possibly wrapped over comment lines) names a section the reference has.
#[test]
fn model_reference_citations_name_its_sections() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference =
        fs::read_to_string(root.join("../docs/models.md")).expect("read docs/models.md");
    let sections: Vec<&str> = reference
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect();
    let cited = std::cell::Cell::new(0);
    let mut unknown = Vec::new();
    rust_files(&root.join("src"), &mut unknown, &|text| {
        // Comment text only, lines joined with a space, so a wrapped citation reads whole.
        let comments: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("//"))
            .map(|l| l.trim_start_matches(['/', '!']).trim())
            .collect();
        let comments = comments.join(" ");
        // The reference is docs/models.md, cited as `docs/models.md "Section"`.
        if comments.contains("MODELS.md") || comments.contains("docs/models.md, \"") {
            return false;
        }
        comments
            .split("docs/models.md \"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .all(|name| {
                cited.set(cited.get() + 1);
                sections.contains(&name)
            })
    });
    assert!(
        unknown.is_empty(),
        "files citing a section docs/models.md does not have (sections: {sections:?}): {unknown:?}"
    );
    let cited = cited.get();
    assert!(
        cited >= 10,
        "only {cited} citations of docs/models.md found"
    );
}
