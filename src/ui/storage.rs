//! The browser's local storage: where the draft survives a reload.
//!
//! Storage can be missing or blocked (private modes, sandboxed frames, a full quota); the app
//! then simply works without persistence rather than failing.

use headroom_core::baseline::BaselineForm;
use headroom_core::draft;

/// Key of the baseline draft in local storage.
pub const BASELINE_KEY: &str = "headroom.baseline";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, or the defaults when there is none or it cannot be read.
pub fn load_baseline() -> BaselineForm {
    let stored = local_storage().and_then(|s| s.get_item(BASELINE_KEY).ok().flatten());
    match stored.map(|text| draft::decode(&text)) {
        Some(Ok(form)) => form,
        Some(Err(message)) => {
            web_sys::console::warn_1(
                &format!("Headroom: {message}; starting from defaults").into(),
            );
            BaselineForm::default()
        }
        None => BaselineForm::default(),
    }
}

/// Saves the draft; failures (quota, blocked storage) only cost persistence.
pub fn save_baseline(form: &BaselineForm) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(BASELINE_KEY, &draft::encode(form));
    }
}
