//! Headroom's file worker: a Web Worker the page starts the first time someone opens a plan
//! file, downloads one, or exports a deployment.
//!
//! It holds the YAML reader and writers and the deployment exports (`headroom-core` with the
//! `yaml` feature), which the page's first download leaves out. Each message in is a
//! [`jobs::Message`] of a [`jobs::Job`] as JSON text; each message out is the answer
//! ([`jobs::answer_text`]). Its first message, [`jobs::READY`], tells the page that messages are now
//! listened to: anything posted before it would be lost while the wasm starts.

#[cfg(target_arch = "wasm32")]
fn main() {
    use headroom_core::jobs;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&jobs::answer_text(&text)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: the handler is never dropped.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(jobs::READY));
}

/// Natively there is no worker: this binary exists for wasm32 (`trunk build`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
