//! Headroom's browser app: a thin Leptos layer over the planning core (`headroom_core`).
//!
//! Only this crate touches the browser (Leptos, web-sys), and only when built for wasm32: on
//! the host it compiles to nothing, so native `cargo test` stays fast and browser-free.

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::App;
