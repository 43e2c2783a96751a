//! Sharing and exporting: share links, plan files, deployment configs, and opening a plan
//! someone sent.
//!
//! - [`session`]: how the page starts (from a link or the saved plan) and the rules that
//!   protect the saved plan; the `App` asks it what to load and whether to show the editor.
//! - [`menu`]: the toolbar's "Share & export" menu.
//! - [`LinkPrompt`]: the banner that reports on a link (opened, failed, "open it or keep
//!   mine?") and offers to restore a plan kept aside.
//! - [`ReadOnlyView`]: the stakeholder view of a `#view=` link: results first, no inputs, one
//!   action to make an editable copy.
//!
//! Names from links and files are shown as text (Leptos escapes text nodes; nothing here sets
//! HTML).

mod menu;
mod plans;
mod session;

pub use menu::ShareMenu;
pub use plans::{PlansMenu, SaveAlert};
pub use session::{arrived, show_at, start, Arrived, Session};

use leptos::prelude::*;
use session::Banner;

use crate::ui::browser;
use crate::ui::memo;
use crate::ui::state::Workspace;

/// The toolbar's two menus whose panels are fetched on first use.
#[derive(Clone, Copy)]
enum Menu {
    /// Share & export: links, plan files, deployment files.
    Share,
    /// My plans: the open plan and every plan kept in this browser.
    Plans,
}

// Both menus' panels in one chunk: they share most of their code (the plan's files, the
// library's entries, the dialogs' parts), which as two chunks was carried twice.
crate::ui::lazy::split_view!(menu_panel(menu: Menu) => match menu {
    Menu::Share => view! { <menu::SharePanel/> }.into_any(),
    Menu::Plans => view! { <plans::PlansPanel/> }.into_any(),
});

/// Whether a `focusout` from a menu leaves it for somewhere else on the page, so the menu
/// closes. A file chooser or another window in front takes the page's focus: the menu stays.
fn focus_left_menu(ev: &leptos::ev::FocusEvent, wrapper: NodeRef<leptos::html::Div>) -> bool {
    use wasm_bindgen::JsCast;
    let inside = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .zip(wrapper.get_untracked())
        .is_some_and(|(node, wrapper)| wrapper.contains(Some(&node)));
    !inside && browser::page_has_focus()
}

/// Reports on a link or a file that was opened, and asks when a link would replace the saved
/// plan. Also opens links pasted into the address bar while the page is open.
#[component]
pub fn LinkPrompt() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let session = Session::get();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        session.arrive_again(ws);
    });
    on_cleanup(move || listener.remove());
    let dismiss = move |_| session.banner.set(None);
    move || {
        session.banner.get().map(|banner| match banner {
            Banner::LinkFailed(message) => view! {
                <div class="share-banner share-banner-error" role="alert" data-testid="link-error">
                    <p><strong>"This link could not be opened. "</strong>{message}</p>
                    <div class="share-actions">
                        <button type="button" on:click=dismiss data-testid="dismiss-banner">"Dismiss"</button>
                    </div>
                </div>
            }
            .into_any(),
            Banner::Ask { linked, mine } => view! {
                <div class="share-banner share-banner-ask" role="alertdialog"
                    aria-labelledby="link-ask-title" aria-describedby="link-ask-text" data-testid="link-prompt">
                    <p id="link-ask-title"><strong>{format!("This link holds the plan “{linked}”.")}</strong></p>
                    <p id="link-ask-text">
                        {format!("Your own plan “{mine}” is saved in this browser. Opening the link keeps yours in My plans, from where you can open it again.")}
                    </p>
                    <div class="share-actions">
                        <button type="button" class="primary" data-testid="open-linked"
                            on:click=move |_| session.open_linked(ws)>"Open the linked plan"</button>
                        <button type="button" data-testid="keep-mine"
                            on:click=move |_| session.keep_mine()>"Keep mine"</button>
                    </div>
                </div>
            }
            .into_any(),
            Banner::ConfirmCopy { mine } => view! {
                <div class="share-banner share-banner-ask" role="alertdialog"
                    aria-labelledby="copy-ask-title" data-testid="copy-prompt">
                    <p id="copy-ask-title">
                        <strong>{format!("Your own plan “{mine}” is saved in this browser.")}</strong>
                        " Making a copy of this plan keeps yours in My plans, from where you can open it again."
                    </p>
                    <div class="share-actions">
                        <button type="button" class="primary" data-testid="confirm-copy"
                            on:click=move |_| session.confirm_copy(ws)>"Make my copy"</button>
                        <button type="button" data-testid="cancel-copy" on:click=dismiss>"Cancel"</button>
                    </div>
                </div>
            }
            .into_any(),
            Banner::Done { message, restore } => view! {
                <div class="share-banner" role="status" data-testid="share-notice">
                    <p>{message}</p>
                    <div class="share-actions">
                        {restore.map(|id| view! {
                            <button type="button" data-testid="restore-aside-banner"
                                on:click=move |_| session.restore_entry(ws, id)>"Restore my plan"</button>
                        })}
                        <button type="button" on:click=dismiss data-testid="dismiss-banner">"Dismiss"</button>
                    </div>
                </div>
            }
            .into_any(),
            Banner::Failed(message) => view! {
                <div class="share-banner share-banner-error" role="alert" data-testid="share-failed">
                    <p>{message}</p>
                    <div class="share-actions">
                        <button type="button" on:click=dismiss data-testid="dismiss-banner">"Dismiss"</button>
                    </div>
                </div>
            }
            .into_any(),
        })
    }
}

/// The stakeholder view: what the plan concludes, without its inputs.
#[component]
pub fn ReadOnlyView() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let session = Session::get();
    let summary = memo(move || {
        ws.plan.with(|p| {
            let scenarios: Vec<String> = p.scenarios.iter().map(|s| s.name.clone()).collect();
            (
                p.name.clone(),
                headroom_core::assumptions::period(p),
                scenarios,
            )
        })
    });
    // The plan's inputs in words: the reader of a view sees results, not the fields.
    let assumptions = memo(move || ws.plan.with(headroom_core::assumptions::assumptions));
    view! {
        <main class="read-only" data-testid="read-only-view">
            <section class="panel read-only-header" aria-labelledby="read-only-title">
                <p class="read-only-badge">"Read-only view"</p>
                <h2 id="read-only-title" data-testid="plan-name">{move || summary.get().0}</h2>
                <p class="read-only-facts">{move || summary.get().1}</p>
                <p class="read-only-facts">
                    "Scenarios: "
                    {move || summary.get().2.join(" · ")}
                </p>
                {if session.framed() {
                    view! {
                        <p class="share-hint" data-testid="framed-notice">
                            "Headroom is shown inside another site here, so it edits and saves nothing. "
                            <a href=browser::current_address() target="_blank" rel="noopener noreferrer"
                                data-testid="open-own-tab">"Open it in its own tab"</a>
                            " to make a copy or edit."
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="share-actions">
                            <button type="button" class="primary" data-testid="make-copy"
                                on:click=move |_| session.make_copy(ws)>"Make my own copy"</button>
                            <button type="button" data-testid="leave-view"
                                on:click=move |_| session.leave_view(ws)>"Open my own plan instead"</button>
                        </div>
                        <p class="share-hint">
                            "Shared with a link: nothing is saved in this browser until you make a copy."
                        </p>
                    }
                    .into_any()
                }}
            </section>
            <section class="panel read-only-assumptions" aria-labelledby="assumptions-title"
                data-testid="assumptions">
                <h3 id="assumptions-title">"Assumptions"</h3>
                <dl class="assumptions">
                    {move || assumptions.get().into_iter().map(|a| view! {
                        <div class="assumption">
                            <dt>{a.label}</dt>
                            <dd>{a.text}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </section>
            <div class="read-only-results">
                <crate::ui::results::ResultsPanel/>
            </div>
        </main>
    }
}
