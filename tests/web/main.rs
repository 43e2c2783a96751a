//! Component tests in a real browser (wasm-bindgen-test in headless Chromium), one crate with
//! an area per part of the page. Run with `make browser` (part of `make test`, see README).
#![cfg(target_arch = "wasm32")]

mod charts;
mod editors;
mod results;
mod share;
mod support;
mod trials;
mod workspace;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
