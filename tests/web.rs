//! Component tests in a real browser (wasm-bindgen-test in headless Chromium).
//! Run with `make test` (see README); they mount the app into a fresh element and type into it.
#![cfg(target_arch = "wasm32")]

use headroom::App;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A freshly mounted app; its container leaves the page when the test ends, pass or fail.
struct Mounted {
    container: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Mounts a fresh app (with an empty local storage) into its own container.
fn mount_fresh() -> Mounted {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    Mounted {
        container,
        _handle: Box::new(handle),
    }
}

fn find(container: &HtmlElement, test_id: &str) -> Option<HtmlElement> {
    container
        .query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
        .map(JsCast::unchecked_into)
}

fn text(container: &HtmlElement, test_id: &str) -> String {
    find(container, test_id)
        .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
        .text_content()
        .unwrap_or_default()
}

async fn type_into(container: &HtmlElement, test_id: &str, value: &str) {
    let input: HtmlInputElement = find(container, test_id).unwrap().unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn defaults_show_six_instances() {
    let app = mount_fresh();
    let c = &app.container;
    tick().await;
    // 200 req/s ÷ (50 req/s × 70 %) = 5.71 → 6.
    assert_eq!(text(c, "app-instances"), "6");
    assert!(text(c, "utilisation").starts_with("66.7 %"));
}

#[wasm_bindgen_test]
async fn typing_a_new_peak_recomputes() {
    let app = mount_fresh();
    let c = &app.container;
    type_into(c, "peak_rps", "1000").await;
    // 1000 ÷ 35 = 28.6 → 29.
    assert_eq!(text(c, "app-instances"), "29");
    type_into(c, "min_instances", "40").await;
    assert_eq!(text(c, "app-instances"), "40");
    assert!(text(c, "utilisation").contains("set by the minimum"));
}

#[wasm_bindgen_test]
async fn invalid_input_shows_an_inline_error_and_recovers() {
    let app = mount_fresh();
    let c = &app.container;
    type_into(c, "peak_rps", "abc").await;
    assert_eq!(
        text(c, "field-error"),
        "Peak traffic is not a number: use digits with a decimal point, such as 12.5"
    );
    assert!(find(c, "app-instances").is_none());
    assert_eq!(
        text(c, "sizing-blocked"),
        "Fix the highlighted field to see the sizing."
    );
    let input = find(c, "peak_rps").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));

    type_into(c, "peak_rps", "-5").await;
    assert_eq!(
        text(c, "field-error"),
        "Peak traffic must be at least 0 req/s"
    );
    type_into(c, "peak_rps", "").await;
    assert_eq!(
        text(c, "field-error"),
        "Peak traffic is empty: enter a number"
    );
    type_into(c, "peak_rps", "1e30").await;
    assert_eq!(
        text(c, "field-error"),
        "Peak traffic must be at most 10 000 000 req/s"
    );

    type_into(c, "peak_rps", "70").await;
    assert!(find(c, "field-error").is_none());
    assert_eq!(text(c, "app-instances"), "2");
}

#[wasm_bindgen_test]
async fn edits_are_saved_for_the_next_visit() {
    let app = mount_fresh();
    let c = &app.container;
    type_into(c, "capacity_per_instance_rps", "12.5").await;
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("headroom.baseline")
        .unwrap()
        .expect("draft saved");
    let form = headroom_core::draft::decode(&stored).expect("readable draft");
    assert_eq!(form.capacity_per_instance_rps, "12.5");
}
