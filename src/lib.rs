//! Headroom's browser app: a thin Leptos layer over the planning core (`headroom_core`).
//!
//! Only this crate touches the browser (Leptos, web-sys). It reads what the person types,
//! hands it to the core, and shows what the core returns.

pub mod ui;

pub use ui::App;
