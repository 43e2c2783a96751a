//! "My plans": the toolbar's list of the plans this browser keeps — open, rename, duplicate,
//! download, delete (undoable) — and the alert that says at once when saving fails.
//!
//! A disclosure like the Share & export menu: Escape closes it and gives the focus back to its
//! button. Storage is read and written only through `ui::storage`, and every failure is shown.

use headroom_core::codec::library::Kind;
use headroom_core::codec::plan_file;
use headroom_core::plan::Plan;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::{Banner, Session};
use crate::ui::state::Workspace;
use crate::ui::storage::{self, Removed, SaveProblem};
use crate::ui::{browser, files};

/// The menu's message line, with an undo for the last deletion.
#[derive(Clone, Debug)]
struct Status {
    text: String,
    error: bool,
    undo: Option<Removed>,
}

fn say(status: RwSignal<Option<Status>>, text: impl Into<String>, error: bool) {
    status.set(Some(Status {
        text: text.into(),
        error,
        undo: None,
    }));
}

fn problem_text(problem: &SaveProblem) -> &'static str {
    match problem {
        SaveProblem::Blocked => "This browser does not let Headroom keep plans.",
        SaveProblem::Refused => {
            "This browser's storage is full: delete plans you no longer need, or download them."
        }
    }
}

/// Downloads `plan` as a plan file (YAML, or JSON when the file worker cannot be reached) and
/// returns the sentence that says what happened.
async fn download_plan(plan: Plan) -> Result<String, String> {
    let file = files::plan_file(&plan).await?;
    let mime = if file.name.ends_with(".json") {
        "application/json"
    } else {
        "application/yaml"
    };
    browser::download(&file.name, mime, &file.text).map(|()| format!("Saved {}.", file.name))
}

/// Keeps the keyboard focus inside the panel while the entry whose button has it is redrawn
/// or removed (the focus would otherwise leave the menu, which closes it).
fn hold_focus() {
    crate::ui::fields::focus_now("plans-panel");
}

/// What the menu and its panel share (the panel is fetched on first use: `ui::lazy`).
#[derive(Clone, Copy)]
struct MenuState {
    open: RwSignal<bool>,
    status: RwSignal<Option<Status>>,
    /// The entry being renamed, with the text typed so far.
    renaming: RwSignal<Option<(u32, String)>>,
    /// Set by the rename field's Escape, which ends the rename but not the menu.
    escaped_rename: StoredValue<bool>,
    toggle: NodeRef<leptos::html::Button>,
}

impl MenuState {
    /// Closes the menu and gives the focus back to its button.
    fn close(self) {
        self.open.set(false);
        self.renaming.set(None);
        if let Some(button) = self.toggle.get_untracked() {
            let _ = button.focus();
        }
    }
}

/// The toolbar's "My plans" button and list.
#[component]
pub fn PlansMenu() -> impl IntoView {
    let session = Session::get();
    let open = RwSignal::new(false);
    let renaming = RwSignal::new(None);
    let escaped_rename = StoredValue::new(false);
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let menu = MenuState {
        open,
        status: RwSignal::new(None),
        renaming,
        escaped_rename,
        toggle: NodeRef::new(),
    };
    let toggle = menu.toggle;
    provide_context(menu);
    let close = move || menu.close();

    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        if super::focus_left_menu(&ev, wrapper) {
            open.set(false);
            renaming.set(None);
        }
    };

    let count = move || session.library.with(|l| l.entries().len());

    view! {
        <div class="share-menu plans-menu" node_ref=wrapper on:focusout=on_focus_out
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() && !escaped_rename.get_value() {
                    ev.prevent_default();
                    close();
                }
                escaped_rename.set_value(false);
            }>
            <button type="button" class="share-toggle" node_ref=toggle data-testid="plans-menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="plans-panel"
                on:click=move |_| {
                    if !open.get_untracked() {
                        session.refresh();
                    }
                    open.update(|o| *o = !*o);
                }>
                "My plans"
                {move || (count() > 0).then(|| view! {
                    <span class="plans-count" data-testid="plans-count">{count()}</span>
                })}
                <span class="share-caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                {crate::ui::lazy::lazily(|| super::menu_panel(super::Menu::Plans))}
            </Show>
        </div>
    }
}

/// The menu's panel: the open plan and every plan kept in this browser.
#[component]
pub(super) fn PlansPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let session = Session::get();
    let menu: MenuState = use_context().expect("inside PlansMenu");
    let MenuState {
        status,
        renaming,
        escaped_rename,
        ..
    } = menu;
    let close = move || menu.close();

    let keep_copy = move |plan: Plan| {
        let name = session
            .library
            .with_untracked(|l| headroom_core::codec::library::copy_name(l, &plan.name));
        match storage::keep_copy(&plan, &name) {
            Ok(_) => {
                session.refresh();
                say(status, format!("Saved a copy as “{name}”."), false);
            }
            Err(problem) => say(status, problem_text(&problem), true),
        }
    };
    let save_copy = move |_| keep_copy(ws.plan.get_untracked());

    let open_entry = move |id: u32| match session.open_entry(ws, id) {
        Ok(message) => {
            status.set(None);
            session.banner.set(Some(Banner::Done {
                message,
                restore: None,
            }));
            close();
        }
        Err(why) => say(status, why, true),
    };

    let duplicate = move |id: u32| match storage::entry_plan(id) {
        Ok(plan) => keep_copy(plan),
        Err(why) => say(status, format!("It cannot be copied: {why}."), true),
    };

    let download = move |id: u32| {
        let Some(text) = storage::entry_text(id) else {
            return say(status, "Its text is no longer in this browser.", true);
        };
        match plan_file::import_json(&text) {
            Ok(plan) => spawn_local(async move {
                match download_plan(plan).await {
                    Ok(saved) => say(status, saved, false),
                    Err(why) => say(status, why, true),
                }
            }),
            // An unreadable copy is offered exactly as it was stored.
            Err(_) => {
                let file = format!("headroom-unreadable-plan-{id}.txt");
                match browser::download(&file, "text/plain", &text) {
                    Ok(()) => say(status, format!("Saved {file}."), false),
                    Err(why) => say(status, why, true),
                }
            }
        }
    };

    let on_deleted = move |result: Result<Removed, SaveProblem>| match result {
        Ok(removed) => {
            crate::ui::fields::focus_soon("plans-undo".to_owned());
            session.refresh();
            status.set(Some(Status {
                text: format!("Deleted “{}”.", removed.entry.name),
                error: false,
                undo: Some(removed),
            }));
        }
        Err(problem) => say(status, problem_text(&problem), true),
    };
    let delete = move |id: u32| {
        hold_focus();
        let result = storage::remove(id);
        on_deleted(result);
    };
    let undo_delete = move |_| {
        let Some(removed) = status.with_untracked(|s| s.as_ref().and_then(|s| s.undo.clone()))
        else {
            return;
        };
        let name = removed.entry.name.clone();
        hold_focus();
        match storage::restore(removed) {
            Ok(()) => {
                session.refresh();
                say(status, format!("“{name}” is back."), false);
            }
            Err(problem) => say(status, problem_text(&problem), true),
        }
    };

    let commit_rename = move || {
        let Some((id, text)) = renaming.get_untracked() else {
            return;
        };
        hold_focus();
        renaming.set(None);
        match storage::rename(id, &text) {
            Ok(()) => {
                session.refresh();
                say(status, "Renamed.", false);
            }
            Err(problem) => say(status, problem_text(&problem), true),
        }
    };

    let count = move || session.library.with(|l| l.entries().len());

    view! {
                <div id="plans-panel" class="share-panel plans-panel" role="group" tabindex="-1"
                    aria-label="My plans" data-testid="plans-panel">
                    <section aria-labelledby="plans-open-title">
                        <h3 id="plans-open-title">"Open now"</h3>
                        <p class="plans-open-name" data-testid="plans-open-name">
                            {move || ws.plan.with(|p| p.name.clone())}
                        </p>
                        <div class="share-row">
                            <button type="button" data-testid="save-copy" on:click=save_copy
                                disabled=move || !storage::available()>"Save a copy"</button>
                        </div>
                    </section>
                    <section aria-labelledby="plans-kept-title">
                        <h3 id="plans-kept-title">"Kept in this browser"</h3>
                        {move || if !storage::available() {
                            view! { <p class="share-hint">"This browser does not let Headroom keep plans."</p> }.into_any()
                        } else if count() == 0 {
                            view! { <p class="share-hint" data-testid="plans-empty">
                                "No other plans yet. When a link, a template or a file replaces the open plan, it is kept here."
                            </p> }.into_any()
                        } else {
                            view! {
                                <ul class="plans-list" data-testid="plans-list">
                                    // Keyed as (usize, String), the scenario picker's key type: see
                                    // `results::selection`.
                                    <For each=move || session.library.get().entries().to_vec()
                                        key=|e| (e.id as usize, e.name.clone())
                                        children=move |entry| {
                                            let id = entry.id;
                                            let readable = entry.kind != Kind::Unreadable;
                                            let name = entry.name.clone();
                                            let details = [entry.kind.label().to_owned(), entry.saved.clone(), entry.note.clone()]
                                                .into_iter()
                                                .filter(|s| !s.is_empty())
                                                .collect::<Vec<_>>()
                                                .join(" · ");
                                            let is_renaming = move || renaming.with(|r| r.as_ref().is_some_and(|(r, _)| *r == id));
                                            let name_for_rename = name.clone();
                                            view! {
                                                <li class="plans-entry" data-testid="plan-entry" data-id=id.to_string()
                                                    class:plans-unreadable=!readable>
                                                    <Show when=is_renaming fallback=move || view! {
                                                        <p class="plans-name" data-testid="entry-name">{name.clone()}</p>
                                                    }>
                                                        <label class="visually-hidden" for=format!("rename-{id}")>"New name"</label>
                                                        <input id=format!("rename-{id}") class="plans-rename" data-testid="rename-input"
                                                            prop:value=move || renaming.with(|r| r.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                                                            on:input=move |ev| {
                                                                let text = event_target_value(&ev);
                                                                renaming.set(Some((id, text)));
                                                            }
                                                            on:keydown=move |ev| match ev.key().as_str() {
                                                                "Enter" => { ev.prevent_default(); commit_rename(); }
                                                                "Escape" => {
                                                                    ev.prevent_default();
                                                                    // The menu's own Escape (which closes it) sees this and stays open.
                                                                    escaped_rename.set_value(true);
                                                                    hold_focus();
                                                                    renaming.set(None);
                                                                }
                                                                _ => {}
                                                            }/>
                                                    </Show>
                                                    <p class="plans-details">{details.clone()}</p>
                                                    <div class="share-row">
                                                        {readable.then(|| view! {
                                                            <button type="button" data-testid="open-entry"
                                                                on:click=move |_| open_entry(id)>"Open"</button>
                                                        })}
                                                        {move || if is_renaming() {
                                                            view! {
                                                                <button type="button" data-testid="rename-save"
                                                                    on:click=move |_| commit_rename()>"Save name"</button>
                                                            }.into_any()
                                                        } else {
                                                            let current = name_for_rename.clone();
                                                            view! {
                                                                <button type="button" data-testid="rename-entry"
                                                                    on:click=move |_| {
                                                                        hold_focus();
                                                                        renaming.set(Some((id, current.clone())));
                                                                        crate::ui::fields::focus_soon(format!("rename-{id}"));
                                                                    }>"Rename"</button>
                                                            }.into_any()
                                                        }}
                                                        {readable.then(|| view! {
                                                            <button type="button" data-testid="duplicate-entry"
                                                                on:click=move |_| duplicate(id)>"Duplicate"</button>
                                                        })}
                                                        <button type="button" data-testid="download-entry"
                                                            on:click=move |_| download(id)>"Download"</button>
                                                        <button type="button" data-testid="delete-entry"
                                                            on:click=move |_| delete(id)>"Delete"</button>
                                                    </div>
                                                </li>
                                            }
                                        }/>
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <p class="share-status" role="status" aria-live="polite" data-testid="plans-status"
                        class:share-error=move || status.with(|s| s.as_ref().is_some_and(|s| s.error))>
                        {move || status.with(|s| s.as_ref().map(|s| s.text.clone()))}
                        {move || status.with(|s| s.as_ref().is_some_and(|s| s.undo.is_some())).then(|| view! {
                            " "
                            <button type="button" class="link" id="plans-undo" data-testid="undo-delete" on:click=undo_delete>"Undo"</button>
                        })}
                    </p>
                </div>
    }
}

/// Says at once, and until it is resolved, that the plan on screen is not being saved.
#[component]
pub fn SaveAlert() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let session = Session::get();
    let result: RwSignal<Option<String>> = RwSignal::new(None);
    let download_open = move |_| {
        let plan = ws.plan.get_untracked();
        spawn_local(async move {
            result.set(Some(download_plan(plan).await.unwrap_or_else(|e| e)));
        });
    };
    let try_again = move |_| ws.plan.with_untracked(|p| session.save(p));
    let download_held = move |_| {
        let outcome = match storage::open_text() {
            Some(text) => browser::download("headroom-unreadable-plan.txt", "text/plain", &text)
                .map(|()| "Saved headroom-unreadable-plan.txt.".to_owned()),
            None => Err("It is no longer in this browser's storage.".to_owned()),
        };
        result.set(Some(outcome.unwrap_or_else(|e| e)));
    };
    let discard_held = move |_| match storage::discard_open() {
        Ok(()) => {
            session.held.set(None);
            result.set(None);
        }
        Err(problem) => result.set(Some(problem.message().to_owned())),
    };
    view! {
        {move || session.held.get().map(|why| view! {
            <div class="share-banner share-banner-error" role="alert" data-testid="save-held">
                <p>
                    <strong>"Your changes are not being saved. "</strong>
                    {format!("The plan saved in this browser could not be opened ({why}), and storage has no room to keep a copy of it, so it is left as it was. Download it, then discard it to save your changes here.")}
                </p>
                <div class="share-actions">
                    <button type="button" data-testid="download-held" on:click=download_held>"Download the saved plan"</button>
                    <button type="button" data-testid="discard-held" on:click=discard_held>"Discard it and save my changes"</button>
                </div>
                {move || result.get().map(|r| view! { <p class="share-hint">{r}</p> })}
            </div>
        })}
        {move || (session.held.with(Option::is_none) && session.autosaves())
            .then(|| session.save_problem.get())
            .flatten()
            .map(|problem| view! {
                <div class="share-banner share-banner-error" role="alert" data-testid="save-problem">
                    <p><strong>"Not saved. "</strong>{problem.message()}</p>
                    <div class="share-actions">
                        <button type="button" data-testid="download-unsaved" on:click=download_open>"Download YAML"</button>
                        {(problem == SaveProblem::Refused).then(|| view! {
                            <button type="button" data-testid="retry-save" on:click=try_again>"Try again"</button>
                        })}
                    </div>
                    {move || result.get().map(|r| view! { <p class="share-hint">{r}</p> })}
                </div>
            })}
    }
}
