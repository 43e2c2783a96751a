//! The "Share & export" menu of the toolbar: share links, plan files (download and open), and
//! deployment configs for the selected scenario and month, each downloadable or copyable.
//!
//! A disclosure (a button that shows a panel of ordinary buttons): Tab moves through it,
//! Escape closes it and gives the focus back to the button, and it closes when the focus
//! leaves it (but not while a file chooser has the focus). Everything it writes comes from
//! the core (`codec::share`) or from the file worker (`ui::files`: plan files and deployment
//! files); it only talks to the browser.

use headroom_core::codec::link::{Mode, Selection};
use headroom_core::codec::plan_file::{self, Format, ImportError, MAX_FILE_BYTES};
use headroom_core::codec::share;
use headroom_core::jobs::{Deploy, Job};
use headroom_core::plan::MAX_HORIZON_MONTHS;
use headroom_core::text::excerpt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::session::{Banner, Session};
use crate::ui::memo;
use crate::ui::state::Workspace;
use crate::ui::{browser, files};

/// A message in the menu's live region.
#[derive(Clone, Debug, PartialEq)]
struct Status {
    text: String,
    error: bool,
}

fn say(status: RwSignal<Option<Status>>, text: impl Into<String>, error: bool) {
    status.set(Some(Status {
        text: text.into(),
        error,
    }));
}

fn title(kind: Deploy) -> &'static str {
    match kind {
        Deploy::Compose => "Docker Compose",
        Deploy::Kubernetes => "Kubernetes",
        Deploy::Helm => "Helm values",
    }
}

fn test_id(kind: Deploy) -> &'static str {
    match kind {
        Deploy::Compose => "compose",
        Deploy::Kubernetes => "k8s",
        Deploy::Helm => "helm",
    }
}

/// Why exports are unavailable right now, if they are.
fn blocked(ws: Workspace) -> Option<&'static str> {
    if ws.validated.with(Result::is_err) || ws.field_errors.with(|e| !e.is_empty()) {
        Some("Fix the highlighted fields first: files and links carry a plan that can be opened again.")
    } else {
        None
    }
}

/// What the menu and its panel share (the panel is fetched on first use: `ui::lazy`).
#[derive(Clone, Copy)]
struct MenuState {
    status: RwSignal<Option<Status>>,
    link_text: RwSignal<String>,
    file_input: NodeRef<leptos::html::Input>,
}

/// Export and share actions for the toolbar.
#[component]
pub fn ShareMenu() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let session = Session::get();
    let open = RwSignal::new(false);
    let status: RwSignal<Option<Status>> = RwSignal::new(None);
    let link_text = RwSignal::new(String::new());
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();

    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };

    provide_context(MenuState {
        status,
        link_text,
        file_input,
    });

    let file_chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let size = file.size();
        if size > MAX_FILE_BYTES as f64 {
            let error = ImportError::TooLarge {
                bytes: size as usize,
                max: MAX_FILE_BYTES,
            };
            say(status, format!("{}: {error}.", excerpt(&file.name())), true);
            return;
        }
        spawn_local(async move {
            // The file's own name, shown in messages: a short excerpt, invisible characters
            // escaped.
            let name = excerpt(&file.name());
            let bytes = match browser::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(why) => return say(status, why, true),
            };
            let text = match plan_file::text_of(&bytes) {
                Ok(text) => text.to_owned(),
                Err(error) => return say(status, format!("{name}: {error}."), true),
            };
            say(status, format!("Reading {name}…"), false);
            let plan = match files::read_plan(text).await {
                Ok(plan) => plan,
                Err(why) => return say(status, format!("{name}: {why}."), true),
            };
            if let Err(errors) = plan.validate() {
                let listed: Vec<String> = errors
                    .iter()
                    .take(5)
                    .map(|e| format!("{} ({})", e.message, e.path))
                    .collect();
                let more = errors.len().saturating_sub(5);
                let more = if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                };
                return say(
                    status,
                    format!(
                        "{name} has values Headroom cannot use: {}{more}.",
                        listed.join("; ")
                    ),
                    true,
                );
            }
            let plan_name = plan.name.clone();
            let mine = ws.plan.with_untracked(|p| p.name.clone());
            match session.replace_open(ws, plan, &format!("replaced by the file {name}")) {
                Ok(kept) => {
                    status.set(None);
                    session.banner.set(Some(Banner::Done {
                        message: format!(
                            "Opened “{plan_name}” from {name}.{}",
                            kept.sentence(&mine)
                        ),
                        restore: kept.entry(),
                    }));
                    close(true);
                }
                Err(why) => say(status, why, true),
            }
        });
    };

    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        if super::focus_left_menu(&ev, wrapper) {
            open.set(false);
        }
    };

    view! {
        <div class="share-menu" node_ref=wrapper on:focusout=on_focus_out
            on:keydown=move |ev| if ev.key() == "Escape" && open.get_untracked() {
                ev.prevent_default();
                close(true);
            }>
            <button type="button" class="share-toggle" node_ref=toggle data-testid="share-menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="share-panel"
                on:click=move |_| open.update(|o| *o = !*o)>
                "Share & export"
                <span class="share-caret" aria-hidden="true">"▾"</span>
            </button>
            <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                data-testid="import-file" node_ref=file_input on:change=file_chosen/>
            <Show when=move || open.get()>
                {crate::ui::lazy::lazily(|| super::menu_panel(super::Menu::Share))}
            </Show>
        </div>
    }
}

/// The menu's panel: links, plan files and deployment files.
#[component]
pub(super) fn SharePanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let MenuState {
        status,
        link_text,
        file_input,
    } = use_context().expect("inside ShareMenu");

    let copy_link = move |mode: Mode| {
        if let Some(why) = blocked(ws) {
            say(status, why, true);
            return;
        }
        let page = match browser::page_address() {
            Ok(page) => page,
            Err(why) => {
                say(status, why, true);
                return;
            }
        };
        // The link opens on what is on show here: this scenario, this month.
        let at = Selection {
            scenario: Some(ws.scenario.get_untracked()),
            month: Some(ws.month.get_untracked()),
        };
        let url = ws
            .plan
            .with_untracked(|p| share::url_at(&page, p, mode, at));
        link_text.set(url.clone());
        let what = match mode {
            Mode::Edit => "Share link",
            Mode::View => "Read-only link",
        };
        let length = url.chars().count();
        let long = if length > share::SAFE_LINK_CHARS {
            format!(
                " Some e-mail and chat tools cut links over {} characters; if it does not \
                 open, send the YAML file instead.",
                share::SAFE_LINK_CHARS
            )
        } else {
            String::new()
        };
        spawn_local(async move {
            match browser::copy(&url).await {
                Ok(()) => say(
                    status,
                    format!(
                        "{what} copied ({length} characters). Anyone with it sees this plan.{long}"
                    ),
                    false,
                ),
                Err(why) => say(status, why, true),
            }
        });
    };

    // Plan files and deployment files are written by the file worker (`ui::files`): the
    // first download has no YAML. The plan sent is the one the results on screen are for.
    let download_plan = move |format: Format| {
        let Some(computed) = blocked(ws)
            .is_none()
            .then(|| ws.complete_results())
            .flatten()
        else {
            say(
                status,
                blocked(ws).unwrap_or("There are no results yet."),
                true,
            );
            return;
        };
        let job = Job::WritePlan {
            plan: files::json_of(computed.plan.plan()),
            format,
            results: true,
        };
        let mime = match format {
            Format::Yaml => "application/yaml",
            Format::Json => "application/json",
        };
        say(status, format!("Writing the {format} file…"), false);
        spawn_local(async move {
            match files::write(job).await.and_then(|file| {
                browser::download(&file.name, mime, &file.text).map(|()| file.name)
            }) {
                Ok(name) => say(status, format!("Saved {name} (plan and results)."), false),
                Err(why) => say(status, why, true),
            }
        });
    };

    let deployment_job = move |kind: Deploy| -> Result<Job, String> {
        if let Some(why) = blocked(ws) {
            return Err(why.to_owned());
        }
        let computed = ws
            .complete_results()
            .ok_or_else(|| "There are no results yet.".to_owned())?;
        let (scenario, month) = (ws.scenario.get_untracked(), ws.month.get_untracked());
        Ok(Job::Deploy {
            plan: files::json_of(computed.plan.plan()),
            kind,
            scenario,
            month,
            // With ranges and a percentile to size for: its figures, from the last bands.
            sized: ws.banding.sized(scenario, month),
        })
    };

    let download_deployment = move |kind: Deploy| match deployment_job(kind) {
        Ok(job) => {
            say(status, format!("Writing the {} file…", title(kind)), false);
            spawn_local(async move {
                match files::write(job).await.and_then(|file| {
                    browser::download(&file.name, "application/yaml", &file.text)
                        .map(|()| file.name)
                }) {
                    Ok(name) => say(status, format!("Saved {name}."), false),
                    Err(why) => say(status, why, true),
                }
            });
        }
        Err(why) => say(status, why, true),
    };

    let copy_deployment = move |kind: Deploy| match deployment_job(kind) {
        Ok(job) => spawn_local(async move {
            let copied = match files::write(job).await {
                Ok(file) => browser::copy(&file.text).await,
                Err(why) => Err(why),
            };
            match copied {
                Ok(()) => say(
                    status,
                    format!("{} configuration copied.", title(kind)),
                    false,
                ),
                Err(why) => say(status, why, true),
            }
        }),
        Err(why) => say(status, why, true),
    };

    let choose_file = move |_| {
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
            input.click();
        }
    };

    let scenarios = memo(move || {
        ws.plan.with(|p| {
            p.scenarios
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let months = memo(move || {
        ws.plan.with(|p| {
            (1..=p.horizon_months.clamp(1, MAX_HORIZON_MONTHS))
                .map(|m| (m, p.start.of_plan_month(m).label()))
                .collect::<Vec<_>>()
        })
    });

    let deploy_row = move |kind: Deploy| {
        let id = test_id(kind);
        view! {
            <>
                <span class="share-row-title">{title(kind)}</span>
                <button type="button" data-testid=format!("download-{id}")
                    aria-label=format!("Download the {} file", title(kind))
                    on:click=move |_| download_deployment(kind)>"Download"</button>
                <button type="button" data-testid=format!("copy-{id}")
                    aria-label=format!("Copy the {} file", title(kind))
                    on:click=move |_| copy_deployment(kind)>"Copy"</button>
            </>
        }
    };

    view! {
                <div id="share-panel" class="share-panel" role="group" tabindex="-1"
                    aria-label="Share and export" data-testid="share-panel">
                    {move || blocked(ws).map(|why| view! {
                        <p class="share-blocked" data-testid="share-blocked">{why}</p>
                    })}
                    <section aria-labelledby="share-links-title">
                        <h3 id="share-links-title">"Share"</h3>
                        <div class="share-row">
                            <button type="button" data-testid="copy-link"
                                on:click=move |_| copy_link(Mode::Edit)>"Copy share link"</button>
                            <button type="button" data-testid="copy-view-link"
                                on:click=move |_| copy_link(Mode::View)>"Copy read-only link"</button>
                        </div>
                        <p class="share-hint">"The whole plan travels in the link; nothing is uploaded. A read-only link opens on the results."</p>
                        {move || (!link_text.with(String::is_empty)).then(|| view! {
                            <label class="share-link-label" for="share-link">
                                {move || format!("Link ({} characters)", link_text.with(|t| t.chars().count()))}
                            </label>
                            <input id="share-link" class="share-link" readonly data-testid="share-link"
                                prop:value=move || link_text.get()
                                on:focus=move |ev| {
                                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                        input.select();
                                    }
                                }/>
                        })}
                    </section>
                    <section aria-labelledby="share-file-title">
                        <h3 id="share-file-title">"Plan file"</h3>
                        <div class="share-row">
                            <button type="button" data-testid="download-yaml"
                                on:click=move |_| download_plan(Format::Yaml)>"Download YAML"</button>
                            <button type="button" data-testid="download-json"
                                on:click=move |_| download_plan(Format::Json)>"Download JSON"</button>
                            <button type="button" data-testid="open-file" on:click=choose_file>
                                "Open a plan file…"
                            </button>
                        </div>
                        <p class="share-hint">"Inputs and results; opening a file reads the inputs and computes the results again."</p>
                    </section>
                    <section aria-labelledby="share-deploy-title">
                        <h3 id="share-deploy-title">"Deployment"</h3>
                        <div class="share-pick">
                            <label for="export-scenario">"Scenario"</label>
                            <select id="export-scenario" data-testid="export-scenario"
                                on:change=move |ev| {
                                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                        ws.scenario.set(i);
                                    }
                                }>
                                {move || scenarios.get().into_iter().enumerate().map(|(i, name)| view! {
                                    <option value=i.to_string() selected=move || ws.scenario.get() == i>{name}</option>
                                }).collect_view()}
                            </select>
                            <label for="export-month">"Month"</label>
                            <select id="export-month" data-testid="export-month"
                                on:change=move |ev| {
                                    if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                                        ws.month.set(m);
                                    }
                                }>
                                {move || months.get().into_iter().map(|(m, label)| view! {
                                    <option value=m.to_string() selected=move || ws.month.get() == m>
                                        {format!("{label} (month {m})")}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="share-deploy">
                            {deploy_row(Deploy::Compose)}
                            {deploy_row(Deploy::Kubernetes)}
                            {deploy_row(Deploy::Helm)}
                        </div>
                        <p class="share-hint" data-testid="deploy-sized">{move || {
                            ws.banding.track();
                            ws.banding.sized_line(ws.scenario.get(), ws.month.get()).unwrap_or_else(|| {
                                "Replicas, resources and autoscaling from the sized month; Redis maxmemory and pool sizes from the plan.".to_owned()
                            })
                        }}</p>
                    </section>
                    <p class="share-status" role="status" aria-live="polite" data-testid="share-status"
                        class:share-error=move || status.with(|s| s.as_ref().is_some_and(|s| s.error))>
                        {move || status.get().map(|s| s.text)}
                    </p>
                </div>
    }
}
