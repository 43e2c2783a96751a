//! Entry point of the wasm binary: install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    headroom::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Headroom runs in the browser: `make serve`, then open http://127.0.0.1:8080/");
}
