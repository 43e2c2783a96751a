//! The bands of a seeded run, written out once (`fixtures/trials/bands.json`) and compared
//! figure for figure: natively here, and in Chromium by the browser tests
//! (`tests/web/trials.rs`), so the trials worker's wasm gives the bands the native engine
//! gives. `UPDATE_GOLDEN=1 cargo test -p headroom-core --test trials_golden` writes the file
//! again after a change that moves the bands on purpose.

use headroom_core::codec::{plan_file, share};
use headroom_core::montecarlo::wire;

const PLAN: &str = include_str!("fixtures/trials/plan.json");
const BANDS: &str = "tests/fixtures/trials/bands.json";

/// The bands report of the fixture plan's run, as the worker posts it: the plan file read,
/// then written as the page sends it.
fn bands_report() -> String {
    let plan = plan_file::import_json(PLAN).expect("the fixture reads");
    let sent = String::from_utf8(share::plan_json(&plan)).expect("UTF-8");
    let mut bands = None;
    wire::answer(&wire::request_text(1, &sent), &mut |text| {
        if text.contains("\"bands\"") {
            bands = Some(text);
        }
    });
    bands.expect("the run ends with its bands") + "\n"
}

#[test]
fn a_seeded_run_gives_the_recorded_bands() {
    let report = bands_report();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(BANDS, &report).unwrap();
    }
    let recorded = std::fs::read_to_string(BANDS).unwrap();
    assert!(
        report == recorded,
        "the bands differ from {BANDS} (UPDATE_GOLDEN=1 writes them again)"
    );
}
