//! Leptos components: a thin layer over `headroom_core`. Signals live in [`state::Workspace`];
//! every number comes from the core.

pub mod browser;
mod catalogs;
mod charts;
mod fields;
mod files;
mod inputs;
mod lazy;
mod paste;
mod ranges;
mod results;
mod scenarios;
mod share;
mod state;
mod storage;
mod trials;

use headroom_core::plan::Plan;
use headroom_core::presets::{self, TEMPLATES};
use leptos::prelude::*;
use state::Workspace;

pub use state::Workspace as WorkspaceState;

/// Reads what the page starts from (`share::arrived`: the saved plan, a link's plan), then,
/// in the next task, mounts [`App`] into the page's `#app` (the body where there is none),
/// hidden behind the page's shell while its first screen is built over several tasks (the
/// masthead, the inputs column, the results, the toolbar, the baseline's first group and the
/// sizing tables each in a task of its own, `lazy::in_own_task`), then shows it in place of
/// the shell ([`reveal`]) once the sizing tables, the last of them, are built. The baseline's
/// groups below the first screen follow on the page shown, one a frame: below the first
/// screen on a phone, under it in the inputs column on a wide screen, so nothing on screen
/// moves. No frame shows both.
/// A memo of `f`'s value. `Memo::new` compiles its machinery once per closure it is given,
/// that is once per call site (about 1 KB of `.wasm` each); through here the closure is boxed
/// first, so the machinery is compiled once per value type instead (BENCHMARKS.md,
/// 2026-12-07).
pub(crate) fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    memo_boxed(Box::new(f))
}

/// An effect running `f` (again whenever what it reads changes), boxed like [`memo`]: the
/// effect machinery compiled once, not once per call site.
pub(crate) fn effect(f: impl Fn() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// [`memo`]'s memo: not generic over the function, so its closure is one type per `T`.
fn memo_boxed<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}

pub fn start() {
    // A task of its own for reading the plan the page starts from (a link's decoded and read),
    // then one for building the page.
    ARRIVED.set(Some(share::arrived()));
    set_timeout(mount, std::time::Duration::ZERO);
}

thread_local! {
    /// What [`start`] read for [`App`] to start from; where nothing was read before (the
    /// browser tests mount `App` themselves), `App` reads it.
    static ARRIVED: std::cell::RefCell<Option<share::Arrived>> = const { std::cell::RefCell::new(None) };
}

/// The second half of [`start`].
fn mount() {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document());
    let root = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.and_then(|d| d.body()));
    if let Some(root) = root {
        leptos::mount::mount_to(root, App).forget();
    }
    // Where nothing of the first screen waits for a task of its own (a read-only view).
    set_timeout(
        || {
            if lazy::none_waiting() {
                reveal();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Shows the app built by [`start`] and removes the page's shell (once; nothing where there
/// is neither, as in the browser tests): once every part of the first screen built in a task
/// of its own (`lazy::in_own_task`) is built.
fn reveal() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if !lazy::started() {
        return;
    }
    if let Some(shell) = document.get_element_by_id("loading") {
        shell.remove();
    }
    if let Some(root) = document.get_element_by_id("app") {
        let _ = root.remove_attribute("hidden");
    }
}

/// Which input panel is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InputTab {
    Baseline,
    Scenarios,
    Policies,
    Catalogs,
}

impl InputTab {
    const ALL: [InputTab; 4] = [
        InputTab::Baseline,
        InputTab::Scenarios,
        InputTab::Policies,
        InputTab::Catalogs,
    ];

    fn label(self) -> &'static str {
        match self {
            InputTab::Baseline => "Baseline",
            InputTab::Scenarios => "Scenarios",
            InputTab::Policies => "Policies",
            InputTab::Catalogs => "Catalogs",
        }
    }

    fn id(self) -> &'static str {
        match self {
            InputTab::Baseline => "baseline",
            InputTab::Scenarios => "scenarios",
            InputTab::Policies => "policies",
            InputTab::Catalogs => "catalogs",
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    // What to load (the saved plan, or a plan from a share link) is the share module's call.
    let arrived = ARRIVED.take().unwrap_or_else(share::arrived);
    let start = share::start(arrived);
    let session = start.session;
    let ws = Workspace::new(start.plan);
    share::show_at(ws, start.at);
    provide_context(ws);
    provide_context(session);
    let notice = RwSignal::new(start.notice);
    // Sync with the outside world only: autosave every change (never in a read-only view),
    // typing once its frame is painted. A failure to save is shown at once (`SaveAlert`).
    // The plan the page starts with (read from storage, or a link's) is saved once the page
    // is idle, not in the task that builds the first screen.
    let first_save_due = StoredValue::new(true);
    let save = move || {
        if session.autosaves_now() {
            // Any save is the first one's too.
            first_save_due.try_set_value(false);
            ws.plan.with_untracked(|p| session.save(p));
        }
    };
    // Whether no save has been done yet (false once the page is gone).
    let first_save_due = move || first_save_due.try_get_value() == Some(true);
    Effect::new(move |started: Option<()>| {
        ws.track_settled();
        // Tracked: a read-only view made editable, or a held save released, saves too.
        let autosaves = session.autosaves();
        match started {
            Some(()) if autosaves => save(),
            Some(()) => {}
            // Not if the page is gone by then (a test's app unmounted).
            None => browser::when_idle(std::time::Duration::ZERO, move || {
                if first_save_due() {
                    save();
                }
            }),
        }
    });
    // What is waiting (a keystroke's frame, the first save) is saved before the page goes
    // away; nothing else, so storage written since by anyone else is left as it is.
    let leaving = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("pagehide"),
        move |_| {
            if ws.settle_now() || first_save_due() {
                save();
            }
        },
    );
    on_cleanup(move || leaving.remove());
    // Another tab saved: follow its plan, read My plans again.
    let other_tabs = window_event_listener(leptos::ev::storage, move |_| {
        session.storage_changed(ws);
    });
    on_cleanup(move || other_tabs.remove());
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y, ⌘ on macOS) undo and redo plan edits everywhere.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let modifier = ev.ctrl_key() || ev.meta_key();
        if !modifier || ev.alt_key() {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let handled = match (key.as_str(), ev.shift_key()) {
            ("z", false) => {
                ws.undo();
                true
            }
            ("z", true) | ("y", false) => {
                ws.redo();
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
    let tab = RwSignal::new(InputTab::Baseline);

    // The first screen in several tasks while the page starts (`lazy::in_own_task`, in the
    // order they are asked for): the masthead, the inputs column (then its toolbar, the
    // baseline's first group and each group after it), the results. Each is a few dozen
    // milliseconds on a phone; together they were one task several times that.
    view! {
        {lazy::in_own_task(move || view! { <Masthead notice=notice/> })}
        <Show when=move || session.editing() fallback=|| view! { <share::ReadOnlyView/> }>
        <main class="workspace">
            {lazy::in_own_task(move || view! { <InputsColumn tab=tab/> })}
            <div class="results-column" id="results" tabindex="-1">
                {lazy::in_own_task(|| view! { <results::ResultsPanel/> })}
            </div>
        </main>
        </Show>
    }
}

/// The page's masthead: the name, the toolbar, and the notices under it.
#[component]
fn Masthead(notice: RwSignal<Option<String>>) -> impl IntoView {
    let session = share::Session::get();
    view! {
        <header class="masthead">
            <div class="brand">
                <h1>"Headroom"</h1>
                <p class="tagline">"What do we need, when, and what will it cost?"</p>
            </div>
            <Show when=move || session.editing()>
                {lazy::in_own_task(move || view! { <Toolbar notice=notice/> })}
            </Show>
        </header>
        {move || notice.get().map(|message| view! {
            <div class="notice" role="status" data-testid="notice">
                <span>{message}</span>
                <button type="button" class="link" on:click=move |_| notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <share::SaveAlert/>
        <share::LinkPrompt/>
    }
}

/// The inputs column: the plan header, the tabs and the open tab.
#[component]
fn InputsColumn(tab: RwSignal<InputTab>) -> impl IntoView {
    view! {
            <div class="inputs-column">
                // On a phone the inputs come first and the page is long: one tap to the results.
                // (Scrolled to by hand: the address's fragment is where share links arrive.)
                <a class="jump-results" href="#results" data-testid="jump-results"
                    on:click=move |ev| {
                        ev.prevent_default();
                        // Top of the results to the top of the screen (focus alone would
                        // scroll only as far as some of the column shows), then focus.
                        if let Some(el) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id("results"))
                        {
                            el.scroll_into_view();
                        }
                        fields::focus_now("results");
                    }>"Jump to results ↓"</a>
                <PlanHeader/>
                <div class="tabs" role="tablist" aria-label="Plan inputs">
                    {InputTab::ALL
                        .into_iter()
                        .map(|t| {
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    id=format!("tab-{}", t.id())
                                    data-testid=format!("tab-{}", t.id())
                                    aria-controls=format!("panel-{}", t.id())
                                    aria-selected=move || if tab.get() == t { "true" } else { "false" }
                                    tabindex=move || if tab.get() == t { "0" } else { "-1" }
                                    on:click=move |_| tab.set(t)
                                    on:keydown=move |ev| {
                                        let i = InputTab::ALL.iter().position(|x| *x == tab.get_untracked()).unwrap_or(0);
                                        let next = match ev.key().as_str() {
                                            "ArrowRight" => Some((i + 1) % 4),
                                            "ArrowLeft" => Some((i + 3) % 4),
                                            _ => None,
                                        };
                                        if let Some(n) = next {
                                            tab.set(InputTab::ALL[n]);
                                            fields::focus_now(&format!("tab-{}", InputTab::ALL[n].id()));
                                        }
                                    }
                                >
                                    {t.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div role="tabpanel" id=move || format!("panel-{}", tab.get().id())
                    aria-labelledby=move || format!("tab-{}", tab.get().id())>
                    {move || match tab.get() {
                        InputTab::Baseline => lazy::in_own_task(|| view! { <inputs::BaselinePanel/> }).into_any(),
                        other => lazy::lazily(move || input_tab(other)).into_any(),
                    }}
                </div>
            </div>
    }
}

// The input tabs after the first, fetched in one chunk when one is first opened (`lazy`; three
// chunks were 8.6 KB more, the code they share copied into each). The toolbar, the plan
// header and the baseline tab stay in the first load: on a phone they are the first screen,
// above the results (splitting them out delayed Lighthouse's largest paint by 1.4 s).
lazy::split_view!(input_tab(tab: InputTab) => match tab {
    InputTab::Scenarios => view! { <scenarios::ScenarioEditor/> }.into_any(),
    InputTab::Policies => view! { <inputs::PoliciesPanel/> }.into_any(),
    InputTab::Catalogs => view! { <catalogs::CatalogEditor/> }.into_any(),
    // Built in the first load (not asked for here).
    InputTab::Baseline => ().into_any(),
});

/// The plan's name, start month and horizon.
#[component]
fn PlanHeader() -> impl IntoView {
    use fields::{num, NumberInput, TextInput};
    use headroom_core::validate::specs;
    use std::sync::Arc;
    let ws = use_context::<Workspace>().expect("inside App");
    let start = memo(move || ws.plan.with(|p| p.start.to_string()));
    let (hget, hset) = num(
        |p| Some(f64::from(p.horizon_months)),
        |p, v| p.horizon_months = v as u32,
    );
    view! {
        <section class="panel plan-header" aria-label="Plan">
            <TextInput path="name" label="Plan name"
                get=Arc::new(|p: &Plan| Some(p.name.clone()))
                set=Arc::new(|p: &mut Plan, v: String| p.name = v)/>
            <div class="row">
                <div class="field">
                    <label for="f-start">"First month"</label>
                    <input id="f-start" type="month" data-testid="f-start"
                        prop:value=move || start.get()
                        on:change=move |ev| {
                            if let Ok(month) = event_target_value(&ev).parse() {
                                ws.edit("start", |p| p.start = month);
                            }
                        }/>
                </div>
                <NumberInput path="horizon_months" spec=specs::HORIZON get=hget set=hset/>
            </div>
        </section>
    }
}

/// The code the first screen never runs that is not a view: the templates' plans and the
/// file worker's client. One split point for both (each split point costs the first load's
/// chunk loader a few dozen bytes); fetched the first time either is used.
pub(crate) struct FirstUse {
    /// The plan of the template `id` (the blank plan for an unknown one).
    pub template_plan: fn(&'static str) -> Plan,
    /// Posts a job to the file worker ([`files::post`]).
    pub post_job: fn(
        headroom_core::jobs::Job,
    ) -> futures_channel::oneshot::Receiver<
        Result<headroom_core::jobs::Answer, String>,
    >,
}

lazy::split_fn! {
    /// [`FirstUse`]'s functions, fetched on the first call.
    pub(crate) fn first_use() -> FirstUse {
        FirstUse {
            template_plan: |id| presets::find(id).map(presets::Template::build).unwrap_or_default(),
            post_job: files::post,
        }
    }
}

/// Template picker, undo/redo and reset.
#[component]
fn Toolbar(notice: RwSignal<Option<String>>) -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let template = RwSignal::new(String::new());
    let session = share::Session::get();
    let switch_to = move |t: &'static presets::Template| {
        leptos::task::spawn_local(async move {
            let Ok(plan) = first_use().await.map(|code| (code.template_plan)(t.id)) else {
                notice.try_set(Some(format!(
                    "The “{}” template could not be fetched: check the connection and try again.",
                    t.title
                )));
                return;
            };
            if ws.plan.try_with_untracked(|_| ()).is_none() {
                return;
            }
            let mine = ws.plan.with_untracked(|p| p.name.clone());
            match session.replace_open(ws, plan, &format!("replaced by the “{}” template", t.title))
            {
                Ok(kept) => notice.set(Some(format!(
                    "Loaded the “{}” template.{}",
                    t.title,
                    kept.sentence(&mine)
                ))),
                Err(why) => notice.set(Some(why)),
            }
        });
    };
    let load = move |_| {
        let id = template.get_untracked();
        if let Some(t) = presets::find(&id) {
            switch_to(t);
        }
    };
    let reset = move |_| {
        let id = template.get_untracked();
        let t = presets::find(&id).unwrap_or(&TEMPLATES[0]);
        let confirmed = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(&format!(
                    "Replace the whole plan with the “{}” template? Your plan is kept in My plans.",
                    t.title
                ))
                .ok()
            })
            .unwrap_or(false);
        if confirmed {
            switch_to(t);
        }
    };
    view! {
        <nav class="toolbar" aria-label="Plan actions">
            <label class="visually-hidden" for="template">"Template"</label>
            <select id="template" data-testid="template" on:change=move |ev| template.set(event_target_value(&ev))>
                <option value="" selected=true>"Start from a template…"</option>
                {TEMPLATES.iter().map(|t| view! { <option value=t.id title=t.summary>{t.title}</option> }).collect_view()}
            </select>
            <button type="button" data-testid="load-template" on:click=load
                disabled=move || template.with(String::is_empty)>"Load"</button>
            <button type="button" data-testid="undo" title="Undo (Ctrl+Z)"
                disabled=move || !ws.can_undo() on:click=move |_| { ws.undo(); }>"Undo"</button>
            <button type="button" data-testid="redo" title="Redo (Ctrl+Shift+Z)"
                disabled=move || !ws.can_redo() on:click=move |_| { ws.redo(); }>"Redo"</button>
            <button type="button" data-testid="reset" on:click=reset>"Reset to template…"</button>
            <share::PlansMenu/>
            <share::ShareMenu/>
        </nav>
    }
}
