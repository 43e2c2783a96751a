//! The page's side of the trials worker (`trials/`, messages in
//! `headroom_core::montecarlo::wire`): runs the Monte Carlo trials of a plan with ranges off
//! the main thread and reports their progress and bands into a signal.
//!
//! One run at a time: the worker reads messages between chunks of trials, so a new run
//! replaces the one going and a cancel stops it; reports of an earlier run are ignored by
//! their id. The worker is started on the first run, so a plan without ranges never fetches
//! it. If it cannot start (offline before it was ever cached), the run fails with a sentence
//! and the next run tries again.

use std::cell::RefCell;
use std::sync::Arc;

use headroom_core::montecarlo::wire::{self, Report};
use headroom_core::montecarlo::{Bands, Sensitivity};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The worker's script next to `index.html`: its glue, then the call that starts its wasm.
const WORKER_URL: &str = "headroom-trials_loader.js";

/// The worker's first message.
const READY: &str = "ready";

const UNAVAILABLE: &str = "The trials could not be started (check the connection, then try \
                           again)";

/// Where the trials of the plan on show stand.
#[derive(Clone, Debug, PartialEq)]
pub enum Trials {
    /// None asked for (a plan without ranges).
    Idle,
    /// Running: trials done of the total.
    Running {
        /// Trials run.
        done: u32,
        /// Trials asked for.
        total: u32,
    },
    /// Stopped by the planner before the end.
    Cancelled,
    /// Finished.
    Done(Arc<Bands>),
    /// No bands, and why.
    Failed(String),
}

#[derive(Default)]
struct Runner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    /// The request waiting for the worker's [`READY`].
    queued: Option<String>,
    /// Whether a run is going.
    busy: bool,
    /// The run whose reports count; earlier runs' are ignored.
    id: u32,
    state: Option<Signals>,
}

/// Where a run reports: its progress and bands, and each range's reach.
#[derive(Clone, Copy)]
pub struct Signals {
    /// Where the run stands.
    pub trials: RwSignal<Trials>,
    /// Each range's reach, once the worker has it.
    pub sensitivity: RwSignal<Option<Arc<Sensitivity>>>,
}

thread_local! {
    static RUNNER: RefCell<Runner> = RefCell::new(Runner::default());
}

/// Runs the trials of `plan_json` (a JSON plan file) of `total` trials, reporting into
/// `state`; a run still going is replaced.
pub fn run(plan_json: &str, total: u32, state: Signals) {
    RUNNER.with_borrow_mut(|runner| {
        runner.id = runner.id.wrapping_add(1);
        runner.state = Some(state);
        // The panel that asked may be gone already: its signals then take nothing.
        state.trials.try_set(Trials::Running { done: 0, total });
        let text = wire::request_text(runner.id, plan_json);
        if let Err(why) = runner.post(text) {
            runner.failed(&why);
        }
    });
}

/// Stops the run going, if any.
pub fn cancel() {
    stop(true);
}

/// Stops the run going, if any, and reports nothing more: the panel that asked is going (its
/// signals may already be disposed, and setting them would wake views being torn down).
pub fn detach() {
    stop(false);
}

/// Stops the run going, if any, saying so in the signals when `report`.
fn stop(report: bool) {
    RUNNER.with_borrow_mut(|runner| {
        if !report {
            runner.state = None;
        }
        if !runner.busy {
            return;
        }
        runner.id = runner.id.wrapping_add(1);
        let text = wire::stop_text(runner.id);
        if let Err(why) = runner.post(text) {
            runner.failed(&why);
        }
        runner.busy = false;
        if let Some(state) = runner.state {
            state.trials.try_set(Trials::Cancelled);
        }
    });
}

impl Runner {
    /// Posts `text` now, or keeps it until the worker (started here if need be) is ready
    /// (only the latest: each request replaces the one before).
    fn post(&mut self, text: String) -> Result<(), String> {
        if self.worker.is_none() {
            self.worker = Some(start()?);
            self.ready = false;
        }
        self.busy = true;
        match (&self.worker, self.ready) {
            (Some(worker), true) => worker
                .post_message(&JsValue::from_str(&text))
                .map_err(|_| UNAVAILABLE.to_owned()),
            _ => {
                self.queued = Some(text);
                Ok(())
            }
        }
    }

    /// A message from the worker.
    fn heard(&mut self, text: &str) {
        if text == READY {
            self.ready = true;
            if let (Some(worker), Some(queued)) = (&self.worker, self.queued.take()) {
                if worker.post_message(&JsValue::from_str(&queued)).is_err() {
                    self.failed(UNAVAILABLE);
                }
            }
            return;
        }
        let Some((id, report)) = wire::read_report(text) else {
            self.failed("The trials worker gave an answer this page cannot read");
            return;
        };
        if id != self.id {
            return;
        }
        let Some(state) = self.state else {
            return;
        };
        let next = match report {
            Report::Sensitivity(sensitivity) => {
                state.sensitivity.try_set(Some(Arc::new(sensitivity)));
                return;
            }
            Report::Progress { done, total } => Trials::Running { done, total },
            Report::Bands(bands) => {
                self.busy = false;
                Trials::Done(Arc::new(bands))
            }
            Report::Failed(why) => {
                self.busy = false;
                Trials::Failed(why)
            }
        };
        state.trials.try_set(next);
    }

    /// The worker failed: it is let go (the next run starts another), and the run fails.
    fn failed(&mut self, why: &str) {
        self.worker = None;
        self.ready = false;
        self.busy = false;
        self.queued = None;
        if let Some(state) = self.state {
            state.trials.try_set(Trials::Failed(why.to_owned()));
        }
    }
}

type Handler = Closure<dyn Fn(web_sys::Event)>;

thread_local! {
    /// The message and error handlers, made once and given to every worker started.
    static HANDLERS: (Handler, Handler) = (
        Closure::new(|event: web_sys::Event| {
            let Some(text) = js_sys::Reflect::get(&event, &JsValue::from_str("data"))
                .ok()
                .and_then(|data| data.as_string())
            else {
                return;
            };
            RUNNER.with_borrow_mut(|runner| runner.heard(&text));
        }),
        Closure::new(|event: web_sys::Event| {
            event.prevent_default();
            RUNNER.with_borrow_mut(|runner| runner.failed(UNAVAILABLE));
        }),
    );
}

/// Starts a worker wired to [`RUNNER`].
fn start() -> Result<web_sys::Worker, String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| UNAVAILABLE.to_owned())?;
    HANDLERS
        .with(|(on_message, on_error)| {
            let listen = |kind: &str, handler: &Handler| {
                worker.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref())
            };
            listen("message", on_message).and_then(|()| listen("error", on_error))
        })
        .map_err(|_| UNAVAILABLE.to_owned())?;
    Ok(worker)
}
