//! The trials in wasm give the bands the native engine gives: the seeded run of
//! `core/tests/trials_golden.rs`, here in Chromium, against the same recorded bands.

use headroom_core::codec::{plan_file, share};
use headroom_core::montecarlo::wire;
use wasm_bindgen_test::*;

const PLAN: &str = include_str!("../../core/tests/fixtures/trials/plan.json");
const BANDS: &str = include_str!("../../core/tests/fixtures/trials/bands.json");

#[wasm_bindgen_test]
fn a_seeded_run_in_wasm_gives_the_natively_recorded_bands() {
    // The plan file read, then written as the page sends it.
    let plan = plan_file::import_json(PLAN).expect("the fixture reads");
    let sent = String::from_utf8(share::plan_json(&plan)).expect("UTF-8");
    let mut bands = None;
    wire::answer(&wire::request_text(1, &sent), &mut |text| {
        if text.contains("\"bands\"") {
            bands = Some(text);
        }
    });
    let bands = bands.expect("the run ends with its bands");
    assert!(
        bands + "\n" == BANDS,
        "the bands in wasm differ from the native ones (core/tests/fixtures/trials/bands.json)"
    );
}
