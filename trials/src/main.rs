//! Headroom's trials worker: a Web Worker the page starts when a plan has ranges, to run the
//! Monte Carlo trials ([`headroom_core::montecarlo`]) without holding up the page.
//!
//! Each message in is a run request ([`wire::request_text`]); the worker runs it to the end,
//! posting its progress and then its bands ([`wire::answer`]). The page stops a run it no
//! longer wants by ending the worker. Its first message, [`READY`], tells the page that
//! messages are now listened to.

/// The worker's first message.
#[cfg(target_arch = "wasm32")]
const READY: &str = "ready";

#[cfg(target_arch = "wasm32")]
fn main() {
    use headroom_core::montecarlo::wire;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        wire::answer(&text, &mut |report| {
            let _ = replies.post_message(&JsValue::from_str(&report));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives until the page ends it: the handler is never dropped.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Natively there is no worker: this binary exists for wasm32 (`trunk build`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
