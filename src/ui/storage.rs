//! The browser's local storage: where the plan survives a reload or a crash.
//!
//! Storage can be missing or blocked (private modes, sandboxed frames, a full quota); the app
//! then works without persistence rather than failing. A stored plan that cannot be read is kept
//! aside under [`DAMAGED_KEY`] instead of being overwritten, and the person is told.

use headroom_core::plan::{Plan, PLAN_SCHEMA_VERSION};
use serde::{Deserialize, Serialize};

/// Key of the autosaved plan.
pub const PLAN_KEY: &str = "headroom.plan";
/// Where an unreadable autosave is moved, so nothing is lost silently.
pub const DAMAGED_KEY: &str = "headroom.plan.unreadable";

#[derive(Serialize, Deserialize)]
struct Stored {
    headroom_plan: u32,
    plan: Plan,
}

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
    match serde_json::from_str::<Stored>(&text) {
        Ok(stored) if stored.headroom_plan <= PLAN_SCHEMA_VERSION => {
            Loaded::Plan(Box::new(stored.plan))
        }
        Ok(stored) => {
            let _ = storage.set_item(DAMAGED_KEY, &text);
            Loaded::Unreadable(format!(
                "the saved plan was written by a newer version of Headroom (schema {})",
                stored.headroom_plan
            ))
        }
        Err(error) => {
            let _ = storage.set_item(DAMAGED_KEY, &text);
            Loaded::Unreadable(format!("the saved plan could not be read ({error})"))
        }
    }
}

/// Saves the plan; failures (quota, blocked storage) only cost persistence.
pub fn save_plan(plan: &Plan) {
    if let Some(storage) = local_storage() {
        let stored = Stored {
            headroom_plan: PLAN_SCHEMA_VERSION,
            plan: plan.clone(),
        };
        if let Ok(text) = serde_json::to_string(&stored) {
            let _ = storage.set_item(PLAN_KEY, &text);
        }
    }
}
