//! How the page started and what it may do with the browser's saved plan: opened from a link
//! or not, read-only or editing, a linked plan waiting for a decision, a plan kept aside.
//!
//! The rules (decided by `headroom_core::codec::share::arrive`, carried out here):
//! - a link never silently replaces a saved plan that differs from it: the page asks, and
//!   opening keeps the saved plan aside, from where it can be restored;
//! - a link that cannot be opened says why and leaves the saved plan untouched;
//! - a read-only (`#view=`) link shows its plan without saving anything; "Make my own copy"
//!   asks before replacing a different saved plan;
//! - once a link is handled, its fragment is removed from the address, so a reload does not
//!   open it again (a read-only view keeps its fragment until it becomes a copy: reloading
//!   the view shows the view).

use std::sync::Arc;

use headroom_core::codec::share::{self, Arrival};
use headroom_core::plan::Plan;
use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::state::Workspace;
use crate::ui::storage;

/// What the banner under the masthead says and offers.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    /// A link could not be opened; the person's plan is untouched.
    LinkFailed(String),
    /// A linked plan differs from the saved one: open it, or keep mine?
    Ask {
        /// Name of the linked plan.
        linked: String,
        /// Name of the saved plan.
        mine: String,
    },
    /// Making a copy of a read-only plan would replace a different saved plan.
    ConfirmCopy {
        /// Name of the saved plan.
        mine: String,
    },
    /// Something happened; `restore` offers to bring back the plan kept aside.
    Done {
        /// What happened.
        message: String,
        /// Whether to offer "Restore" (a plan was kept aside just now).
        restore: bool,
    },
}

/// The page's share state, in context next to the [`Workspace`].
#[derive(Clone, Copy)]
pub struct Session {
    /// Whether the page shows a linked plan read-only.
    read_only: RwSignal<bool>,
    /// The banner's message, if any.
    pub banner: RwSignal<Option<Banner>>,
    /// A linked plan waiting for the person's decision.
    pending: RwSignal<Option<Arc<Plan>>>,
    /// Name of the plan kept aside in storage, if any.
    pub aside: RwSignal<Option<String>>,
}

/// How the page starts: the plan to show, a notice about the saved plan, the session.
pub struct Start {
    /// The plan the workspace starts with.
    pub plan: Plan,
    /// A notice about the saved plan (unreadable), for the page's notice line.
    pub notice: Option<String>,
    /// The share state.
    pub session: Session,
}

/// Reads the saved plan and the address, and decides what the page starts with.
pub fn start() -> Start {
    let (saved, notice) = match storage::load_plan() {
        storage::Loaded::Plan(plan) => (Some(*plan), None),
        storage::Loaded::Nothing => (None, None),
        storage::Loaded::Unreadable(why) => (
            None,
            Some(format!(
                "Started from a blank plan: {why}. The unreadable copy is kept in this \
                 browser's storage."
            )),
        ),
    };
    let session = Session {
        read_only: RwSignal::new(false),
        banner: RwSignal::new(None),
        pending: RwSignal::new(None),
        aside: RwSignal::new(storage::aside().map(|p| p.name)),
    };
    let fragment = browser::fragment();
    let plan = match share::arrive(&fragment, saved.as_ref()) {
        Arrival::NoLink => saved.unwrap_or_default(),
        Arrival::Failed(error) => {
            session.banner.set(Some(Banner::LinkFailed(failure_message(
                &error,
                saved.is_some(),
            ))));
            browser::clear_fragment();
            saved.unwrap_or_default()
        }
        Arrival::Open(linked) => {
            session.banner.set(Some(Banner::Done {
                message: format!("Opened “{}” from the link.", linked.name),
                restore: false,
            }));
            browser::clear_fragment();
            linked.into_plan()
        }
        Arrival::Ask(linked) => {
            let saved = saved.unwrap_or_default();
            session.banner.set(Some(Banner::Ask {
                linked: linked.name.clone(),
                mine: saved.name.clone(),
            }));
            session.pending.set(Some(Arc::new(linked.into_plan())));
            saved
        }
        Arrival::View(linked) => {
            session.read_only.set(true);
            linked.into_plan()
        }
    };
    Start {
        plan,
        notice,
        session,
    }
}

fn failure_message(error: &share::OpenError, has_saved: bool) -> String {
    let kept = if has_saved {
        "Your own plan is unchanged."
    } else {
        "Nothing was changed."
    };
    format!("{error} {kept}")
}

impl Session {
    /// The session in context.
    pub fn get() -> Session {
        use_context::<Session>().expect("the App provides the share Session")
    }

    /// Whether the page shows the editor (reactive): false in a read-only view.
    pub fn editing(&self) -> bool {
        !self.read_only.get()
    }

    /// Whether edits are saved to the browser's storage (reactive): never in a read-only view.
    pub fn autosaves(&self) -> bool {
        self.editing()
    }

    /// Opens the linked plan waiting for a decision, keeping the current plan aside.
    pub fn open_linked(&self, ws: Workspace) {
        let Some(linked) = self.pending.get_untracked() else {
            return;
        };
        let mine = ws.plan.get_untracked();
        let kept = storage::keep_aside(&mine);
        if kept {
            self.aside.set(Some(mine.name.clone()));
        }
        let name = linked.name.clone();
        self.pending.set(None);
        ws.replace((*linked).clone());
        ws.scenario.set(0);
        self.banner.set(Some(Banner::Done {
            message: if kept {
                format!(
                    "Opened “{name}” from the link. Your plan “{}” is kept aside.",
                    mine.name
                )
            } else {
                format!("Opened “{name}” from the link. Undo (Ctrl+Z) brings your plan back.")
            },
            restore: kept,
        }));
        browser::clear_fragment();
    }

    /// Keeps the current plan and drops the linked one.
    pub fn keep_mine(&self) {
        self.pending.set(None);
        self.banner.set(Some(Banner::Done {
            message: "Kept your plan; the link was not opened.".to_owned(),
            restore: false,
        }));
        browser::clear_fragment();
    }

    /// Swaps the current plan with the one kept aside, so neither is lost.
    pub fn restore_aside(&self, ws: Workspace) {
        let Some(aside) = storage::aside() else {
            self.aside.set(None);
            self.banner.set(Some(Banner::Done {
                message: "There is no plan kept aside in this browser any more.".to_owned(),
                restore: false,
            }));
            return;
        };
        let current = ws.plan.get_untracked();
        if storage::keep_aside(&current) {
            self.aside.set(Some(current.name.clone()));
        } else {
            storage::clear_aside();
            self.aside.set(None);
        }
        let name = aside.name.clone();
        ws.replace(aside);
        ws.scenario.set(0);
        self.banner.set(Some(Banner::Done {
            message: format!(
                "Restored “{name}”. “{}” is kept aside in its place.",
                current.name
            ),
            restore: false,
        }));
    }

    /// "Make my own copy" in a read-only view: asks first when a different plan is saved.
    pub fn make_copy(&self, ws: Workspace) {
        match saved_plan() {
            Some(saved) if ws.plan.with_untracked(|p| *p != saved) => {
                self.banner
                    .set(Some(Banner::ConfirmCopy { mine: saved.name }));
            }
            _ => {
                self.start_editing("This is now your copy: your changes are saved in this browser.")
            }
        }
    }

    /// Makes the copy after [`Banner::ConfirmCopy`], keeping the saved plan aside.
    pub fn confirm_copy(&self) {
        let message = match saved_plan() {
            Some(saved) if storage::keep_aside(&saved) => {
                self.aside.set(Some(saved.name.clone()));
                format!(
                    "This is now your copy: your changes are saved in this browser. Your plan \
                     “{}” is kept aside.",
                    saved.name
                )
            }
            _ => "This is now your copy: your changes are saved in this browser.".to_owned(),
        };
        self.start_editing(&message);
        if self.aside.get_untracked().is_some() {
            self.banner.update(|b| {
                if let Some(Banner::Done { restore, .. }) = b {
                    *restore = true;
                }
            });
        }
    }

    /// Leaves a read-only view for the person's own saved plan (or a blank one).
    pub fn leave_view(&self, ws: Workspace) {
        let own = saved_plan().unwrap_or_default();
        ws.replace(own);
        ws.scenario.set(0);
        self.read_only.set(false);
        self.banner.set(None);
        browser::clear_fragment();
    }

    fn start_editing(&self, message: &str) {
        self.read_only.set(false);
        self.banner.set(Some(Banner::Done {
            message: message.to_owned(),
            restore: false,
        }));
        browser::clear_fragment();
    }

    /// Handles a link pasted into the address bar of the open page (`hashchange`).
    pub fn arrive_again(&self, ws: Workspace) {
        let fragment = browser::fragment();
        let current = if self.read_only.get_untracked() {
            saved_plan()
        } else {
            Some(ws.plan.get_untracked())
        };
        match share::arrive(&fragment, current.as_ref()) {
            Arrival::NoLink => {}
            Arrival::Failed(error) => {
                self.banner
                    .set(Some(Banner::LinkFailed(failure_message(&error, true))));
                browser::clear_fragment();
            }
            Arrival::View(linked) => {
                self.pending.set(None);
                self.read_only.set(true);
                self.banner.set(None);
                ws.replace(linked.into_plan());
                ws.scenario.set(0);
            }
            Arrival::Open(linked) => {
                let name = linked.name.clone();
                if self.read_only.get_untracked() {
                    self.read_only.set(false);
                }
                ws.replace(linked.into_plan());
                self.banner.set(Some(Banner::Done {
                    message: format!("Opened “{name}” from the link."),
                    restore: false,
                }));
                browser::clear_fragment();
            }
            Arrival::Ask(linked) => {
                if self.read_only.get_untracked() {
                    // Back to the person's own plan first, then ask about the link.
                    ws.replace(current.clone().unwrap_or_default());
                    self.read_only.set(false);
                }
                self.banner.set(Some(Banner::Ask {
                    linked: linked.name.clone(),
                    mine: ws.plan.with_untracked(|p| p.name.clone()),
                }));
                self.pending.set(Some(Arc::new(linked.into_plan())));
            }
        }
    }
}

/// The plan saved in this browser, if readable.
fn saved_plan() -> Option<Plan> {
    match storage::load_plan() {
        storage::Loaded::Plan(plan) => Some(*plan),
        _ => None,
    }
}
