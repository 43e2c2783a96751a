//! Sharing and exporting: share links, plan files, deployment configs and CSV downloads, and
//! opening a plan someone sent.

use leptos::prelude::*;

/// Export and share actions for the toolbar.
#[component]
pub fn ShareMenu() -> impl IntoView {
    view! { <span class="share-menu"></span> }
}

/// Shown when the page was opened from a plan link: what to do with the linked plan.
#[component]
pub fn LinkPrompt() -> impl IntoView {
    view! { <span class="link-prompt"></span> }
}
