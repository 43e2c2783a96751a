//! The browser's local storage: where the plan survives a reload or a crash.
//!
//! Storage can be missing or blocked (private modes, sandboxed frames, a full quota); the app
//! then works without persistence rather than failing. A stored plan that cannot be read is kept
//! aside under [`DAMAGED_KEY`] instead of being overwritten, and the person is told. When a
//! linked or imported plan replaces the autosaved one, the autosaved plan is first copied to
//! [`ASIDE_KEY`], from where it can be restored.
//!
//! Every stored plan is the plan file's JSON envelope (`{"headroom_plan":1,"plan":{…}}`),
//! written with [`share::plan_json`] and read with [`plan_file::import`], so an autosave
//! written by an older version is migrated like an old file.

use headroom_core::codec::plan_file::{self, ImportError};
use headroom_core::codec::share;
use headroom_core::plan::Plan;

/// Key of the autosaved plan.
pub const PLAN_KEY: &str = "headroom.plan";
/// Where an unreadable autosave is moved, so nothing is lost silently.
pub const DAMAGED_KEY: &str = "headroom.plan.unreadable";
/// Where the autosaved plan is kept when a plan from a link replaces it.
pub const ASIDE_KEY: &str = "headroom.plan.aside";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was found in storage.
pub enum Loaded {
    /// Nothing saved yet.
    Nothing,
    /// The autosaved plan.
    Plan(Box<Plan>),
    /// Something was saved but could not be read; it was moved to [`DAMAGED_KEY`].
    Unreadable(String),
}

/// Reads the autosaved plan.
pub fn load_plan() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded::Nothing;
    };
    let Some(text) = storage.get_item(PLAN_KEY).ok().flatten() else {
        return Loaded::Nothing;
    };
    match plan_file::import(&text) {
        Ok(plan) => Loaded::Plan(Box::new(plan)),
        Err(error) => {
            let _ = storage.set_item(DAMAGED_KEY, &text);
            Loaded::Unreadable(match error {
                ImportError::TooNew { version, .. } => format!(
                    "the saved plan was written by a newer version of Headroom (schema {version})"
                ),
                other => format!("the saved plan could not be read ({other})"),
            })
        }
    }
}

fn stored_text(plan: &Plan) -> Option<String> {
    String::from_utf8(share::plan_json(plan)).ok()
}

/// Saves the plan; failures (quota, blocked storage) only cost persistence.
pub fn save_plan(plan: &Plan) {
    if let (Some(storage), Some(text)) = (local_storage(), stored_text(plan)) {
        let _ = storage.set_item(PLAN_KEY, &text);
    }
}

/// Keeps `plan` aside (replacing what was kept before), so it can be restored after another
/// plan takes its place. Returns whether it was stored.
pub fn keep_aside(plan: &Plan) -> bool {
    match (local_storage(), stored_text(plan)) {
        (Some(storage), Some(text)) => storage.set_item(ASIDE_KEY, &text).is_ok(),
        _ => false,
    }
}

/// The plan kept aside, if any and readable.
pub fn aside() -> Option<Plan> {
    let text = local_storage()?.get_item(ASIDE_KEY).ok().flatten()?;
    plan_file::import(&text).ok()
}

/// Forgets the plan kept aside.
pub fn clear_aside() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(ASIDE_KEY);
    }
}
