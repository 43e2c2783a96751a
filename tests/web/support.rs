//! Shared helpers: mount a fresh app, find elements by `data-testid`, type, click.
// Not every area uses every helper.
#![allow(dead_code)]

use headroom::App;
pub use leptos::task::tick;
pub use wasm_bindgen::JsCast;
pub use web_sys::{HtmlElement, HtmlInputElement};

/// A freshly mounted app; its container leaves the page when the test ends, pass or fail.
pub struct Mounted {
    pub container: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.container.remove();
        // A signal read outside any effect or view is one nothing follows: the debug build
        // warns of it on the console, and every test that mounts the app fails on it.
        let untracked = untracked_reads();
        if !untracked.is_empty() && !std::thread::panicking() {
            panic!("signals read outside a reactive tracking context: {untracked:#?}");
        }
    }
}

/// Starts recording the console's warnings of a signal read outside a reactive tracking
/// context, from none.
fn record_untracked_reads() {
    js_sys::Function::new_no_args(
        "if (!window.__untracked) { \
           window.__untracked = []; \
           const warn = console.warn; \
           console.warn = (...parts) => { \
             const text = parts.map(String).join(' '); \
             if (text.includes('outside a reactive tracking context')) window.__untracked.push(text); \
             warn(...parts); \
           }; \
         } \
         window.__untracked.length = 0;",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

/// The warnings of a signal read outside a reactive tracking context since the app was mounted.
pub fn untracked_reads() -> Vec<String> {
    let seen = js_sys::Function::new_no_args("return (window.__untracked || []).slice();")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    js_sys::Array::from(&seen)
        .iter()
        .filter_map(|w| w.as_string())
        .collect()
}

/// Mounts a fresh app (with an empty local storage) into its own container.
pub fn mount_fresh() -> Mounted {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    mount_app()
}

/// Marks the container of a test's app.
const TEST_APP: &str = "data-test-app";

/// Mounts the app, as the storage and address stand, into its own container. A failed test
/// aborts without dropping its [`Mounted`], so any container left behind is removed first:
/// the page's ids (`print-tables`) must name the app under test.
pub fn mount_app() -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    while let Some(left) = document.query_selector(&format!("[{TEST_APP}]")).unwrap() {
        left.remove();
    }
    record_untracked_reads();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_attribute(TEST_APP, "").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    Mounted {
        container,
        _handle: Box::new(handle),
    }
}

pub fn find(container: &HtmlElement, test_id: &str) -> Option<HtmlElement> {
    container
        .query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
        .map(JsCast::unchecked_into)
}

pub fn text(container: &HtmlElement, test_id: &str) -> String {
    find(container, test_id)
        .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
        .text_content()
        .unwrap_or_default()
}

/// Puts `value` in the input `test_id` as a keystroke would (one `input` event), without
/// waiting for anything to follow.
pub fn enter(container: &HtmlElement, test_id: &str, value: &str) {
    let input: HtmlInputElement = find(container, test_id).unwrap().unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// [`enter`], then waits until every panel has followed.
pub async fn type_into(container: &HtmlElement, test_id: &str, value: &str) {
    enter(container, test_id, value);
    settled().await;
}

/// Waits until every panel has followed the last change: typing's results follow once the
/// keystroke's frame has been painted, and the panels below the fold (the comparison, the
/// charts, the timeline) once the frame showing those results has been painted.
pub async fn settled() {
    tick().await;
    painted().await;
    painted().await;
}

/// Waits for the next animation frame and the task after it (what the page's `after_paint`
/// waits for), then for what that task set off.
pub async fn painted() {
    until(|w, done| w.request_animation_frame(done).map(drop)).await;
    until(|w, done| w.set_timeout_with_callback(done).map(drop)).await;
    tick().await;
}

/// Waits until the page has once been idle: the plan a page starts with is saved then.
///
/// The page asks for its idle period from a zero-delay timeout it sets when it starts (in a
/// task after the mount); the second timeout here fires after it, so the page's idle callback
/// is queued before this one, and idle callbacks run in the order they were asked for (even
/// when a busy host spreads them over several idle periods).
pub async fn idle() {
    until(|w, done| w.set_timeout_with_callback(done).map(drop)).await;
    until(|w, done| w.set_timeout_with_callback(done).map(drop)).await;
    until(|w, done| w.request_idle_callback(done).map(drop)).await;
    tick().await;
}

/// Waits `ms` milliseconds (a timer's wait the page has, such as the Ranges panel's before a
/// run).
pub async fn waited(ms: i32) {
    until(|w, done| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(done, ms)
            .map(drop)
    })
    .await;
    tick().await;
}

/// Waits until the callback that `register` hands to the window is called.
async fn until(
    register: impl Fn(&web_sys::Window, &js_sys::Function) -> Result<(), wasm_bindgen::JsValue>,
) {
    let window = web_sys::window().unwrap();
    let called = js_sys::Promise::new(&mut |resolve, _| register(&window, &resolve).unwrap());
    wasm_bindgen_futures::JsFuture::from(called).await.unwrap();
}

/// The autosaved plan's text, if there is one.
pub fn stored_plan_text() -> Option<String> {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("headroom.plan")
        .unwrap()
}

/// Changes the autosaved plan with `change` (its JSON, as a hand-edited file or link could
/// make it), then mounts the app again on it, once the page has been idle.
pub async fn remount_with_saved(change: impl FnOnce(&mut serde_json::Value)) -> Mounted {
    let mut stored: serde_json::Value =
        serde_json::from_str(&stored_plan_text().expect("a saved plan")).unwrap();
    change(&mut stored);
    store_plan_text(&stored.to_string());
    let app = mount_app();
    idle().await;
    settled().await;
    app
}

/// Stores `text` as the autosaved plan, as a reload would find it.
pub fn store_plan_text(text: &str) {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("headroom.plan", text)
        .unwrap();
}

pub fn saved_plan() -> serde_json::Value {
    let text = stored_plan_text().expect("the plan is autosaved");
    serde_json::from_str(&text).expect("the autosave is JSON")
}

pub fn input_value(container: &HtmlElement, test_id: &str) -> String {
    let input: HtmlInputElement = find(container, test_id)
        .unwrap_or_else(|| panic!("no input {test_id}"))
        .unchecked_into();
    input.value()
}

pub fn click(container: &HtmlElement, test_id: &str) {
    find(container, test_id)
        .unwrap_or_else(|| panic!("no element {test_id}"))
        .click();
}

/// The error shown in the same field as the input `test_id`.
pub fn error_next_to(c: &HtmlElement, test_id: &str) -> Option<String> {
    let input = find(c, test_id).unwrap_or_else(|| panic!("no input {test_id}"));
    let field = input
        .closest(".field")
        .unwrap()
        .expect("inputs sit in a .field");
    field
        .query_selector("[data-testid='field-error']")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
}

/// Opens the input tab `tab` ("scenarios", "policies").
pub async fn open_tab(c: &HtmlElement, tab: &str) {
    settled().await;
    click(c, &format!("tab-{tab}"));
    settled().await;
}

/// The value of the option chosen in the select `test_id`.
pub fn chosen(c: &HtmlElement, test_id: &str) -> String {
    let select: web_sys::HtmlSelectElement = find(c, test_id)
        .unwrap_or_else(|| panic!("no select {test_id}"))
        .unchecked_into();
    select.value()
}

/// Picks `value` in the select `test_id`, as a person would (one `change` event).
pub fn choose(c: &HtmlElement, test_id: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(c, test_id)
        .unwrap_or_else(|| panic!("no select {test_id}"))
        .unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}
