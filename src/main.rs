//! Entry point of the wasm binary: install the panic hook and mount the app.

/// Runs when the module is instantiated; the app mounts in the next task, so that compiling
/// and instantiating the module and building the page are two tasks, not one long one.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::prelude::set_timeout(headroom::ui::start, std::time::Duration::ZERO);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Headroom runs in the browser: `make serve`, then open http://127.0.0.1:8080/");
}
