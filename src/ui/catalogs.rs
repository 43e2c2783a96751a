//! Catalog editor: instance sizes, database tiers, Redis plans and GPU nodes, with prices.

use leptos::prelude::*;

/// The plan's catalogs.
#[component]
pub fn CatalogEditor() -> impl IntoView {
    view! { <section class="panel inputs"><h2>"Catalogs"</h2></section> }
}
