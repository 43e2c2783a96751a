//! Headroom's trials worker: a Web Worker the page starts when a plan has ranges, to run the
//! Monte Carlo trials ([`headroom_core::montecarlo`]) without holding up the page.
//!
//! Each message in is a run request or a stop ([`wire::request_text`], [`wire::stop_text`]);
//! a run goes a chunk of trials at a time ([`wire::Runner`]), each chunk in a task of its own,
//! so the worker reads the page's messages between chunks: a new request replaces the run, a
//! stop ends it. Its first message, [`READY`], tells the page that messages are now listened
//! to.

/// The worker's first message.
#[cfg(target_arch = "wasm32")]
const READY: &str = "ready";

#[cfg(target_arch = "wasm32")]
mod worker {
    use headroom_core::montecarlo::wire::Runner;
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static RUNNER: RefCell<Runner> = RefCell::new(Runner::default());
        /// Whether the next chunk is already asked for.
        static SCHEDULED: Cell<bool> = const { Cell::new(false) };
        static SCOPE: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        /// Runs the next chunk: made once, handed to every `setTimeout`.
        static CHUNK: Closure<dyn Fn()> = Closure::new(|| {
            SCHEDULED.set(false);
            RUNNER.with_borrow_mut(|runner| runner.chunk(&mut post));
            schedule();
        });
    }

    fn post(report: String) {
        SCOPE.with(|scope| {
            let _ = scope.post_message(&JsValue::from_str(&report));
        });
    }

    /// Asks for the next chunk in a task of its own, if a run is going and none is asked for.
    fn schedule() {
        if SCHEDULED.get() || !RUNNER.with_borrow(Runner::busy) {
            return;
        }
        SCHEDULED.set(true);
        let asked = SCOPE.with(|scope| {
            CHUNK.with(|chunk| scope.set_timeout_with_callback(chunk.as_ref().unchecked_ref()))
        });
        if asked.is_err() {
            SCHEDULED.set(false);
        }
    }

    pub fn start() {
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            RUNNER.with_borrow_mut(|runner| runner.hear(&text, &mut post));
            schedule();
        });
        SCOPE.with(|scope| scope.set_onmessage(Some(on_message.as_ref().unchecked_ref())));
        // The worker lives as long as the page: the handler is never dropped.
        on_message.forget();
        post(super::READY.to_owned());
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// Natively there is no worker: this binary exists for wasm32 (`trunk build`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
