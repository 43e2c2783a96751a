//! The few browser services the page uses besides local storage: saving a file, copying text,
//! reading the page's address and fragment (and clearing it), reading a chosen file, and
//! timing: after the next paint, when an element comes into view, when the page is idle. Each returns a plain `Result<(), String>` with a sentence a person
//! can read, so callers show it in the page instead of failing; nothing here panics when the
//! browser refuses (blocked downloads, no clipboard permission, an insecure context).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "this page has no window".to_owned())
}

/// Offers `text` as a file download named `file_name` with the MIME type `mime`
/// ("application/yaml", "text/csv"…). UTF-8, no byte-order mark.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |what: &str| format!("The browser did not save {file_name}: {what}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| failed("the file could not be made"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| failed("no download address"))?;
    let document = window()?.document().ok_or_else(|| failed("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed("no link element"))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| failed("no page body"))?;
    let _ = body.append_child(&anchor);
    anchor.click();
    anchor.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard. Resolves once the browser has accepted (or refused) it.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = window()?.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser did not allow copying: select the text and copy it by hand.".to_owned()
        })
}

/// The page's address without its fragment: where a share link points.
pub fn page_address() -> Result<String, String> {
    let location = window()?.location();
    let href = location
        .href()
        .map_err(|_| "the page's address cannot be read".to_owned())?;
    Ok(match href.split_once('#') {
        Some((base, _)) => base.to_owned(),
        None => href,
    })
}

/// The page's URL fragment without the `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading or adding a history entry, so
/// a reload does not open a link again. Returns whether the browser accepted it.
pub fn clear_fragment() -> bool {
    let Ok(address) = page_address() else {
        return false;
    };
    web_sys::window()
        .and_then(|w| w.history().ok())
        .is_some_and(|history| {
            history
                .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
                .is_ok()
        })
}

/// Reads the whole of `file` (as chosen in a file input) as bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| {
            format!(
                "The browser could not read {}",
                headroom_core::text::excerpt(&file.name())
            )
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether the page (its window) has the keyboard focus: false while a file chooser or
/// another window is in front.
pub fn page_has_focus() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.has_focus().ok())
        .unwrap_or(false)
}

/// The page's whole address, fragment included ("" when it cannot be read).
pub fn current_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Runs `f` in the first task after the next frame has been painted (the next animation frame,
/// then the task after it): what follows an edit or the first results without delaying them.
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// An `IntersectionObserver` watching one element, with its callback: disconnected (and the
/// callback freed) when dropped, so it lives as long as whoever keeps it.
pub struct Watch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Watches how much of `element` is in view of the page: `on_change` gets the observer's
/// latest entry each time that crosses one of `options`' thresholds. `None` where the browser
/// has no `IntersectionObserver`.
pub fn watch(
    element: &web_sys::Element,
    options: &web_sys::IntersectionObserverInit,
    mut on_change: impl FnMut(web_sys::IntersectionObserverEntry) + 'static,
) -> Option<Watch> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            on_change(entry);
        }
    });
    let observer =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), options)
            .ok()?;
    observer.observe(element);
    Some(Watch {
        observer,
        _callback: callback,
    })
}

/// Runs `f` once the page has been left alone for `quiet`: after that delay, in the browser's
/// next idle period (`requestIdleCallback`), or at once where there is none (Safari).
pub fn when_idle(quiet: std::time::Duration, f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(
        move || match web_sys::window() {
            Some(window)
                if js_sys::Reflect::has(&window, &"requestIdleCallback".into()) == Ok(true) =>
            {
                let _ = window.request_idle_callback(Closure::once_into_js(f).unchecked_ref());
            }
            _ => f(),
        },
        quiet,
    );
}
