//! Charts drawn as SVG by the app itself: demand and capacity over time with upgrade markers,
//! cost stacked by component, scenarios overlaid.

use leptos::prelude::*;

/// Every chart for the current results.
#[component]
pub fn ChartsPanel() -> impl IntoView {
    view! { <section class="panel charts" aria-label="Charts"></section> }
}
