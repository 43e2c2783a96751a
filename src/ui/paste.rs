//! A box to paste a table into (or open a file into): pasted history, a catalog as CSV.
//!
//! What the box holds is read only when the person asks (the button, or choosing a file); the
//! reading says what it took or why it took nothing, under the box. Text that cannot be read
//! changes nothing in the plan; text that can is applied as one step of undo history.

use super::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

/// What a box reads its text with: what was read, in words, or why nothing was; it may wait
/// (on the file worker).
pub type Reader =
    Box<dyn Fn(String) -> Pin<Box<dyn Future<Output = Result<String, String>>>> + Send + Sync>;

/// The words and test ids of one box.
pub struct PasteBox {
    /// Names the box's parts in test ids: `{key}-text`, `read-{key}`, `{key}-read`,
    /// `{key}-paste-error`, `paste-{key}`.
    pub key: &'static str,
    /// Its textarea's element id, unique on the page.
    pub id: String,
    /// The summary that opens the box: "Paste history".
    pub summary: &'static str,
    /// The textarea's label.
    pub label: &'static str,
    /// An example in the empty textarea.
    pub placeholder: &'static str,
    /// What to paste, and what reading it does.
    pub hint: &'static str,
    /// The button that reads it: "Use these observations".
    pub button: &'static str,
    /// File types the "Open a file" button offers (`accept`).
    pub accept: &'static str,
}

/// The box, reading with `read`.
pub fn paste_box(words: PasteBox, read: Reader) -> AnyView {
    let PasteBox {
        key,
        id,
        summary,
        label,
        placeholder,
        hint,
        button,
        accept,
    } = words;
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let read = StoredValue::new(read);
    let busy = RwSignal::new(false);
    let apply = move || {
        let reading = read.with_value(|read| read(text.get_untracked()));
        busy.set(true);
        spawn_local(async move {
            let result = reading.await;
            if result.is_ok() {
                text.set(String::new());
            }
            outcome.set(Some(result));
            busy.set(false);
        });
    };
    let file_chosen = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(input) = input {
            // Choosing the same file again reads it again.
            input.set_value("");
        }
        spawn_local(async move {
            let read = browser::read_file(&file).await.and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", file.name()))
            });
            match read {
                Ok(content) => {
                    text.set(content);
                    apply();
                }
                Err(why) => outcome.set(Some(Err(why))),
            }
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let (read_id, error_id) = (format!("{key}-read"), format!("{key}-paste-error"));
    view! {
        <details class="paste" data-testid=format!("paste-{key}")>
            <summary>{summary}</summary>
            <label for=id.clone()>{label}</label>
            <textarea id=id data-testid=format!("{key}-text") rows="5" spellcheck="false"
                placeholder=placeholder
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="hint">{hint}</p>
            <div class="list-actions">
                <button type="button" data-testid=format!("read-{key}") on:click=move |_| apply()
                    disabled=move || busy.get() || text.with(|t| t.trim().is_empty())>{button}</button>
                <button type="button" class="quiet" on:click=move |_| {
                    if let Some(input) = file_input.get_untracked() {
                        input.click();
                    }
                }>"Open a file…"</button>
                <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true" accept=accept
                    data-testid=format!("{key}-file") node_ref=file_input on:change=file_chosen/>
            </div>
            {move || busy.get().then(|| view! { <p class="hint" role="status">"Reading…"</p> })}
            {move || outcome.get().map(|o| match o {
                Ok(m) => view! { <p class="hint" role="status" data-testid=read_id.clone()>{m}</p> }.into_any(),
                Err(m) => view! { <p class="error" role="alert" data-testid=error_id.clone()>{m}</p> }.into_any(),
            })}
        </details>
    }
    .into_any()
}
