//! The page's side of the file worker (`worker/`, protocol in `headroom_core::jobs`): reading
//! plan files someone chose and writing plan files and deployment files, none of which the
//! first download can do (it has no YAML).
//!
//! The worker is started on the first job, not at load: a visitor who only reads a plan never
//! fetches it. Jobs posted before its [`jobs::READY`] message wait in a queue. Each job waits
//! on a channel that the answer with the same id fills; if the worker cannot start (offline before
//! it was ever cached, a failed fetch), every waiting job fails with a sentence and the next
//! job tries again.

use std::cell::RefCell;

use futures_channel::oneshot;
use headroom_core::codec::plan_file::{self, Format};
use headroom_core::codec::share;
use headroom_core::jobs::{self, Answer, Job};
use headroom_core::plan::Plan;

use super::fields::structural_edit;
use super::state::Workspace;
use leptos::prelude::{GetUntracked, WithUntracked};
use wasm_bindgen::prelude::*;

/// The worker's script next to `index.html`: its glue, then the call that starts its wasm.
const WORKER_URL: &str = "headroom-worker_loader.js";

const UNAVAILABLE: &str = "The file tools could not be loaded (check the connection, then try \
                           again)";

const UNREADABLE: &str = "The file worker gave an answer this page cannot read";

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    ready: bool,
    /// Messages posted before the worker said it listens.
    queue: Vec<String>,
    /// Where each waiting job's answer or failure goes, by id (a few at most: a list).
    pending: Vec<(u32, oneshot::Sender<Result<Answer, String>>)>,
    next_id: u32,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// Does `job` in the worker and returns its answer, or why there is none.
pub async fn ask(job: Job) -> Result<Answer, String> {
    let Ok(answer) = super::first_use().await.map(|code| (code.post_job)(job)) else {
        return Err(UNAVAILABLE.to_owned());
    };
    answer.await.unwrap_or_else(|_| Err(UNAVAILABLE.to_owned()))
}

/// Posts `job` to the worker (started if need be); the answer comes on the channel. This
/// client (the messages' JSON, the worker's start and its handlers) is fetched with the first
/// job, not with the first screen (`ui::first_use`).
pub(super) fn post(job: Job) -> oneshot::Receiver<Result<Answer, String>> {
    let (send, answer) = oneshot::channel();
    CLIENT.with_borrow_mut(|client| {
        client.next_id = client.next_id.wrapping_add(1);
        let id = client.next_id;
        let text = jobs::job_text(id, &job);
        client.pending.push((id, send));
        if let Err(why) = client.post(text) {
            client.fail_all(&why);
        }
    });
    answer
}

impl Client {
    /// Posts `text` now, or queues it until the worker (started here if need be) is ready.
    fn post(&mut self, text: String) -> Result<(), String> {
        if self.worker.is_none() {
            self.worker = Some(start()?);
            self.ready = false;
        }
        match (&self.worker, self.ready) {
            (Some(worker), true) => worker
                .post_message(&JsValue::from_str(&text))
                .map_err(|_| UNAVAILABLE.to_owned()),
            _ => {
                self.queue.push(text);
                Ok(())
            }
        }
    }

    /// Rejects every waiting job with `why` and drops the worker, so the next job starts anew.
    fn fail_all(&mut self, why: &str) {
        // A worker that failed to start has stopped already; the page just lets it go.
        self.worker = None;
        self.ready = false;
        self.queue.clear();
        for (_, waiting) in self.pending.drain(..) {
            let _ = waiting.send(Err(why.to_owned()));
        }
    }
}

/// Starts the worker and wires its messages and errors to [`CLIENT`].
fn start() -> Result<web_sys::Worker, String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| UNAVAILABLE.to_owned())?;
    // Both handlers take a plain `Event`: one closure type for the two, a smaller download.
    let on_message = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        // `MessageEvent.data`, read through `Reflect` (already in the page's glue).
        let Some(text) = js_sys::Reflect::get(&event, &JsValue::from_str("data"))
            .ok()
            .and_then(|data| data.as_string())
        else {
            return;
        };
        CLIENT.with_borrow_mut(|client| {
            if text == jobs::READY {
                client.ready = true;
                let queued = std::mem::take(&mut client.queue);
                if let Some(worker) = &client.worker {
                    for message in queued {
                        if worker.post_message(&JsValue::from_str(&message)).is_err() {
                            client.fail_all(UNAVAILABLE);
                            return;
                        }
                    }
                }
                return;
            }
            // Read once, here; a reply without a readable id fails every waiting job rather
            // than leaving one to wait for ever.
            match jobs::read_answer(&text) {
                Some(reply) => {
                    let at = client.pending.iter().position(|(id, _)| *id == reply.id);
                    if let Some((_, waiting)) = at.map(|i| client.pending.swap_remove(i)) {
                        let _ = waiting.send(Ok(reply.body));
                    }
                }
                None => client.fail_all(UNREADABLE),
            }
        });
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        CLIENT.with_borrow_mut(|client| client.fail_all(UNAVAILABLE));
    });
    // `addEventListener` rather than `onmessage`/`onerror`: the page's glue has it already.
    let listen = |kind: &str, handler: &Closure<dyn Fn(web_sys::Event)>| {
        worker.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref())
    };
    listen("message", &on_message).map_err(|_| UNAVAILABLE.to_owned())?;
    listen("error", &on_error).map_err(|_| UNAVAILABLE.to_owned())?;
    // One worker per page at a time, restarted only after a failure: the two handlers live as
    // long as the page.
    on_message.forget();
    on_error.forget();
    Ok(worker)
}

/// A written file: its name and text.
pub struct File {
    /// Suggested file name.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Asks the worker for a file (a plan file or a deployment file).
pub async fn write(job: Job) -> Result<File, String> {
    match ask(job).await? {
        Answer::File { name, text } => Ok(File { name, text }),
        Answer::Failed { message } => Err(message),
        Answer::Unreadable { message } => Err(message),
        Answer::Plan { .. } | Answer::Edited { .. } => {
            Err("The file worker answered with a plan, not a file".to_owned())
        }
    }
}

/// `plan` as a YAML plan file (inputs only), or as JSON written here when the worker cannot
/// be reached: a plan to save never waits on the network.
pub async fn plan_file(plan: &Plan) -> Result<File, String> {
    let yaml = write(Job::WritePlan {
        plan: json_of(plan),
        format: Format::Yaml,
        results: false,
    })
    .await;
    match yaml {
        Ok(file) => Ok(file),
        Err(_) => plan_file::to_json(plan)
            .map(|text| File {
                name: headroom_core::export::file_name(&[&plan.name], "json"),
                text,
            })
            .map_err(|e| e.to_string()),
    }
}

/// A plan as the JSON plan file jobs carry.
pub fn json_of(plan: &Plan) -> String {
    String::from_utf8(share::plan_json(plan)).unwrap_or_default()
}

/// Reads a plan file's text in the worker: the plan, or why it is not one (in words).
pub async fn read_plan(text: String) -> Result<Plan, String> {
    match ask(Job::ReadPlan { text }).await? {
        Answer::Plan { json } => plan_file::import_json(&json).map_err(|e| e.to_string()),
        Answer::Unreadable { message } | Answer::Failed { message } => Err(message),
        Answer::File { .. } | Answer::Edited { .. } => {
            Err("The file worker answered with something else than a plan".to_owned())
        }
    }
}

/// Has the worker read a table into the plan (`job`, given the plan as its JSON plan file: a
/// catalog as CSV, a trend's history) and applies the plan it sends back as one step of undo
/// history; returns what was read, in words, or why nothing was (the line and column at
/// fault). An edit made while the worker read wins: the table is then not applied.
pub async fn read_into(ws: Workspace, job: impl FnOnce(String) -> Job) -> Result<String, String> {
    let before = ws.plan.get_untracked();
    let answer = ask(job(json_of(&before))).await?;
    let (json, summary) = match answer {
        Answer::Edited { json, summary } => (json, summary),
        Answer::Unreadable { message } | Answer::Failed { message } => return Err(message),
        Answer::Plan { .. } | Answer::File { .. } => {
            return Err("The file worker answered with something else than a plan".to_owned())
        }
    };
    let read = plan_file::import_json(&json).map_err(|e| e.to_string())?;
    if ws.plan.with_untracked(|p| *p != before) {
        return Err("The plan changed while the text was read: use it again".to_owned());
    }
    structural_edit(ws, "read-table", |p| *p = read);
    Ok(summary)
}
