//! How the page started and what it may do with the browser's saved plans: opened from a link
//! or not, read-only or editing, shown inside another site's frame, a linked plan waiting for a
//! decision, the plans kept in My plans, and whether saving works.
//!
//! The rules (decided by `headroom_core::codec::share::arrive`, carried out here):
//! - the open plan is never replaced silently: whatever takes its place (a link, a template,
//!   a file, a plan from My plans) first keeps it in My plans, each time as its own entry; when
//!   storage refuses that, the replacement is refused and the page says why;
//! - a link never silently replaces a saved plan that differs from it: the page asks;
//! - a link that cannot be opened says why and leaves the saved plan untouched;
//! - a read-only (`#view=`) link shows its plan without saving anything; "Make my own copy"
//!   asks before replacing a different saved plan;
//! - a page shown inside another site's frame reads and writes no storage and edits nothing:
//!   it shows a link's plan read-only and offers to open Headroom in its own tab;
//! - any failure to save is said on screen at once, and what is on screen stays there;
//! - another tab's save of the open plan is followed here, and said;
//! - once a link is handled, its fragment is removed from the address, so a reload does not
//!   open it again (a read-only view keeps its fragment until it becomes a copy: reloading
//!   the view shows the view).

use std::sync::Arc;

use headroom_core::codec::library::{Kind, Library};
use headroom_core::codec::link::Selection;
use headroom_core::codec::plan_file;
use headroom_core::codec::share::{self, Arrival};
use headroom_core::plan::Plan;
use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::state::Workspace;
use crate::ui::storage::{self, SaveProblem};

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
    /// Something happened; `restore` offers to bring back the plan kept in My plans just now.
    Done {
        /// What happened.
        message: String,
        /// The My plans entry to offer "Restore" for.
        restore: Option<u32>,
    },
    /// Something could not be done; nothing changed.
    Failed(String),
}

/// Where the plan that was open went when another took its place.
#[derive(Clone, Debug, PartialEq)]
pub enum Kept {
    /// Kept in My plans as this entry.
    Entry(u32),
    /// Nothing worth keeping (the same plan, or a read-only view).
    NotNeeded,
    /// This browser has no storage: only undo brings it back.
    NoStorage,
}

impl Kept {
    /// The sentence about the plan that was open, named `name`.
    pub fn sentence(&self, name: &str) -> String {
        match self {
            Kept::Entry(_) => format!(" Your plan “{name}” is kept in My plans."),
            Kept::NotNeeded => String::new(),
            Kept::NoStorage => " Undo (Ctrl+Z) brings your plan back.".to_owned(),
        }
    }

    /// The entry to offer "Restore" for.
    pub fn entry(&self) -> Option<u32> {
        match self {
            Kept::Entry(id) => Some(*id),
            _ => None,
        }
    }
}

/// The page's share and storage state, in context next to the [`Workspace`].
#[derive(Clone, Copy)]
pub struct Session {
    /// Whether the page shows a linked plan read-only.
    read_only: RwSignal<bool>,
    /// Whether the page is shown inside another site's frame (then it never edits or saves).
    framed: bool,
    /// The banner's message, if any.
    pub banner: RwSignal<Option<Banner>>,
    /// A linked plan waiting for the person's decision, and the scenario and month to open it
    /// on.
    pending: RwSignal<Option<(Arc<Plan>, Selection)>>,
    /// My plans, as last read from storage.
    pub library: RwSignal<Library>,
    /// Why the last save failed, while it does.
    pub save_problem: RwSignal<Option<SaveProblem>>,
    /// The stored open plan could not be read and could not be moved into My plans: autosave
    /// is held so it is not overwritten, until the person downloads or discards it.
    pub held: RwSignal<Option<String>>,
    /// The text of the plan last followed from another tab's save (not to be written back).
    followed: StoredValue<Option<String>>,
}

/// How the page starts: the plan to show, a notice about the saved plan, the session.
pub struct Start {
    /// The plan the workspace starts with.
    pub plan: Plan,
    /// The scenario and month a link opened on asks to show (see [`show_at`]).
    pub at: Selection,
    /// A notice about the saved plan (unreadable), for the page's notice line.
    pub notice: Option<String>,
    /// The share state.
    pub session: Session,
}

/// Whether this page is shown inside another page's frame.
fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => top != window,
        // The top window is out of reach: framed by another origin.
        _ => true,
    }
}

/// What the page starts from, read before anything of it is built ([`arrived`]): whether it
/// is framed by another site, the plan saved in this browser, and what the address's link
/// holds. Plain data, so that reading it (a link's plan decoded and read, the saved plan read)
/// and building the page can be tasks of their own.
pub struct Arrived {
    framed: bool,
    /// The saved plan; `None` when framed (nothing of this browser's own is read then).
    loaded: Option<storage::Loaded>,
    arrival: Arrival,
}

/// Reads what the page starts from (see [`Arrived`]).
pub fn arrived() -> Arrived {
    let framed = framed();
    let fragment = browser::fragment();
    if framed {
        return Arrived {
            framed,
            loaded: None,
            arrival: share::arrive(&fragment, None),
        };
    }
    let loaded = storage::load_plan();
    let saved = match &loaded {
        storage::Loaded::Plan(plan) => Some(&**plan),
        _ => None,
    };
    let arrival = share::arrive(&fragment, saved);
    Arrived {
        framed,
        loaded: Some(loaded),
        arrival,
    }
}

/// Takes the link out of the address in a task of its own, after the one that builds the
/// page (a history entry rewritten costs a phone about 10 ms). A reload before it opens the
/// same link again, as it would have before.
fn clear_fragment_later() {
    set_timeout(
        || {
            browser::clear_fragment();
        },
        std::time::Duration::ZERO,
    );
}

/// Decides what the page starts with, from what [`arrived`] read.
pub fn start(arrived: Arrived) -> Start {
    let Arrived {
        framed,
        loaded,
        arrival,
    } = arrived;
    let session = Session {
        read_only: RwSignal::new(framed),
        framed,
        banner: RwSignal::new(None),
        pending: RwSignal::new(None),
        library: RwSignal::new(Library::new()),
        save_problem: RwSignal::new(None),
        held: RwSignal::new(None),
        followed: StoredValue::new(None),
    };
    let Some(loaded) = loaded else {
        // Framed: nothing of this browser's own plans is read or shown inside another site.
        let (plan, at) = match arrival {
            Arrival::Open(linked, at) | Arrival::View(linked, at) | Arrival::Ask(linked, at) => {
                (linked.into_plan(), at)
            }
            Arrival::Failed(error) => {
                session
                    .banner
                    .set(Some(Banner::LinkFailed(error.to_string())));
                (Plan::default(), Selection::default())
            }
            Arrival::NoLink => (Plan::default(), Selection::default()),
        };
        return Start {
            plan,
            at,
            notice: None,
            session,
        };
    };
    let (saved, notice) = match loaded {
        storage::Loaded::Plan(plan) => (Some(*plan), None),
        storage::Loaded::Nothing => (None, None),
        storage::Loaded::Unreadable { why, kept: true } => (
            None,
            Some(format!(
                "Started from a blank plan: your saved plan could not be opened: {why}. It is \
                 kept, as it was, in My plans."
            )),
        ),
        storage::Loaded::Unreadable { why, kept: false } => {
            session.held.set(Some(why));
            (None, None)
        }
    };
    session.refresh();
    let mut at = Selection::default();
    let plan = match arrival {
        Arrival::NoLink => saved.unwrap_or_default(),
        Arrival::Failed(error) => {
            session.banner.set(Some(Banner::LinkFailed(failure_message(
                &error,
                saved.is_some(),
            ))));
            clear_fragment_later();
            saved.unwrap_or_default()
        }
        Arrival::Open(linked, linked_at) => {
            session.banner.set(Some(Banner::Done {
                message: format!("Opened “{}” from the link.", linked.plan().name),
                restore: None,
            }));
            clear_fragment_later();
            at = linked_at;
            linked.into_plan()
        }
        Arrival::Ask(linked, linked_at) => {
            let saved = saved.unwrap_or_default();
            session.banner.set(Some(Banner::Ask {
                linked: linked.plan().name.clone(),
                mine: saved.name.clone(),
            }));
            session
                .pending
                .set(Some((Arc::new(linked.into_plan()), linked_at)));
            saved
        }
        Arrival::View(linked, linked_at) => {
            session.read_only.set(true);
            at = linked_at;
            linked.into_plan()
        }
    };
    Start {
        plan,
        at,
        notice,
        session,
    }
}

/// Shows the scenario and month a link asks for, once its plan is in `ws`: the scenario it
/// names (or the first), and the month it names (or the month already on show, clamped to the
/// plan as always). `at` was already fitted to the plan by the core.
pub fn show_at(ws: Workspace, at: Selection) {
    ws.scenario.set(at.scenario.unwrap_or(0));
    if let Some(month) = at.month {
        ws.month.set(month);
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

    /// Whether the page is shown inside another site's frame.
    pub fn framed(&self) -> bool {
        self.framed
    }

    /// Whether edits are saved to the browser's storage (reactive): never in a read-only view
    /// or a frame, nor while an unreadable stored plan is held.
    pub fn autosaves(&self) -> bool {
        self.editing() && !self.framed && self.held.with(Option::is_none)
    }

    /// [`Session::autosaves`] read once, not tracked: for a timer or an event handler, where
    /// no effect is there to be told of a change (a tracked read there is a mistake, which
    /// the debug build warns of on the console).
    pub fn autosaves_now(&self) -> bool {
        untrack(|| self.autosaves())
    }

    /// Reads My plans again from storage.
    pub fn refresh(&self) {
        if !self.framed {
            self.library.set(storage::library());
        }
    }

    /// Saves the open plan, and says at once when that fails (and when it works again).
    pub fn save(&self, plan: &Plan) {
        let text = storage::stored_text(plan);
        // The plan another tab saved, followed here: it is stored already, and writing it back
        // later could overwrite a newer save of that tab.
        if self
            .followed
            .with_value(|f| f.as_deref() == Some(text.as_str()))
        {
            return;
        }
        self.followed.set_value(None);
        let result = storage::save_text(&text);
        let problem = result.err();
        if self.save_problem.get_untracked() != problem {
            self.save_problem.set(problem);
        }
    }

    /// Replaces the open plan with `plan`, first keeping it in My plans with `why` as the
    /// note. Refused (with the sentence to show) when storage cannot keep it.
    pub fn replace_open(&self, ws: Workspace, plan: Plan, why: &str) -> Result<Kept, String> {
        let current = ws.plan.get_untracked();
        let kept = if !self.autosaves_now() || current == plan || current == Plan::default() {
            Kept::NotNeeded
        } else {
            match storage::keep(&current, Kind::Aside, why) {
                Ok(id) => Kept::Entry(id),
                Err(SaveProblem::Blocked) => Kept::NoStorage,
                Err(SaveProblem::Refused) => {
                    return Err(format!(
                        "Nothing was changed: your plan “{}” could not be kept in My plans \
                         because this browser's storage is full. Download it as a file, or \
                         delete plans you no longer need in My plans, then try again.",
                        current.name
                    ))
                }
            }
        };
        ws.replace(plan);
        ws.scenario.set(0);
        self.refresh();
        Ok(kept)
    }

    /// Opens the linked plan waiting for a decision, keeping the current plan in My plans.
    pub fn open_linked(&self, ws: Workspace) {
        let Some((linked, at)) = self.pending.get_untracked() else {
            return;
        };
        let mine = ws.plan.with_untracked(|p| p.name.clone());
        let name = linked.name.clone();
        match self.replace_open(
            ws,
            (*linked).clone(),
            &format!("replaced by the link “{name}”"),
        ) {
            Ok(kept) => {
                self.pending.set(None);
                show_at(ws, at);
                self.banner.set(Some(Banner::Done {
                    message: format!("Opened “{name}” from the link.{}", kept.sentence(&mine)),
                    restore: kept.entry(),
                }));
                browser::clear_fragment();
            }
            Err(why) => self.banner.set(Some(Banner::Failed(why))),
        }
    }

    /// Keeps the current plan and drops the linked one.
    pub fn keep_mine(&self) {
        self.pending.set(None);
        self.banner.set(Some(Banner::Done {
            message: "Kept your plan; the link was not opened.".to_owned(),
            restore: None,
        }));
        browser::clear_fragment();
    }

    /// Opens entry `id` of My plans, keeping the open plan there in its place.
    pub fn open_entry(&self, ws: Workspace, id: u32) -> Result<String, String> {
        let plan = storage::entry_plan(id).map_err(|why| format!("It cannot be opened: {why}."))?;
        let current = ws.plan.with_untracked(|p| p.name.clone());
        let name = plan.name.clone();
        let kept = self.replace_open(ws, plan, &format!("replaced by “{name}” from My plans"))?;
        // The entry is the open plan now; it comes back to the list when it is replaced.
        let _ = storage::remove(id);
        self.refresh();
        Ok(format!("Opened “{name}”.{}", kept.sentence(&current)))
    }

    /// "Restore" in the banner: opens the entry kept just now.
    pub fn restore_entry(&self, ws: Workspace, id: u32) {
        let banner = match self.open_entry(ws, id) {
            Ok(message) => Banner::Done {
                message,
                restore: None,
            },
            Err(why) => Banner::Failed(why),
        };
        self.banner.set(Some(banner));
    }

    /// "Make my own copy" in a read-only view: asks first when a different plan is saved.
    pub fn make_copy(&self, ws: Workspace) {
        if self.framed {
            return;
        }
        match saved_plan() {
            Some(saved) if ws.plan.with_untracked(|p| *p != saved) => {
                self.banner
                    .set(Some(Banner::ConfirmCopy { mine: saved.name }));
            }
            _ => self.start_editing(
                "This is now your copy: your changes are saved in this browser.",
                None,
            ),
        }
    }

    /// Makes the copy after [`Banner::ConfirmCopy`], keeping the saved plan in My plans.
    pub fn confirm_copy(&self, ws: Workspace) {
        let Some(saved) = saved_plan() else {
            return self.start_editing(
                "This is now your copy: your changes are saved in this browser.",
                None,
            );
        };
        let linked = ws.plan.with_untracked(|p| p.name.clone());
        match storage::keep(
            &saved,
            Kind::Aside,
            &format!("replaced by a copy of the link “{linked}”"),
        ) {
            Ok(id) => {
                self.refresh();
                self.start_editing(
                    &format!(
                        "This is now your copy: your changes are saved in this browser. Your \
                         plan “{}” is kept in My plans.",
                        saved.name
                    ),
                    Some(id),
                );
            }
            Err(SaveProblem::Blocked) => self.start_editing(
                "This is now your copy, but this browser does not let Headroom save.",
                None,
            ),
            Err(SaveProblem::Refused) => self.banner.set(Some(Banner::Failed(format!(
                "No copy was made: your plan “{}” could not be kept in My plans because this \
                 browser's storage is full. Download it first, or delete plans you no longer \
                 need.",
                saved.name
            )))),
        }
    }

    /// Leaves a read-only view for the person's own saved plan (or a blank one).
    pub fn leave_view(&self, ws: Workspace) {
        if self.framed {
            return;
        }
        let own = saved_plan().unwrap_or_default();
        ws.replace(own);
        ws.scenario.set(0);
        self.read_only.set(false);
        self.banner.set(None);
        browser::clear_fragment();
    }

    fn start_editing(&self, message: &str, restore: Option<u32>) {
        self.read_only.set(false);
        self.banner.set(Some(Banner::Done {
            message: message.to_owned(),
            restore,
        }));
        browser::clear_fragment();
    }

    /// Handles a link pasted into the address bar of the open page (`hashchange`).
    pub fn arrive_again(&self, ws: Workspace) {
        let fragment = browser::fragment();
        if self.framed {
            if let Arrival::Open(linked, at)
            | Arrival::View(linked, at)
            | Arrival::Ask(linked, at) = share::arrive(&fragment, None)
            {
                ws.replace(linked.into_plan());
                show_at(ws, at);
            }
            return;
        }
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
            Arrival::View(linked, at) => {
                self.pending.set(None);
                self.read_only.set(true);
                self.banner.set(None);
                ws.replace(linked.into_plan());
                show_at(ws, at);
            }
            Arrival::Open(linked, at) => {
                let name = linked.plan().name.clone();
                if self.read_only.get_untracked() {
                    self.read_only.set(false);
                }
                ws.replace(linked.into_plan());
                show_at(ws, at);
                self.banner.set(Some(Banner::Done {
                    message: format!("Opened “{name}” from the link."),
                    restore: None,
                }));
                browser::clear_fragment();
            }
            Arrival::Ask(linked, at) => {
                if self.read_only.get_untracked() {
                    // Back to the person's own plan first, then ask about the link.
                    ws.replace(current.clone().unwrap_or_default());
                    self.read_only.set(false);
                }
                self.banner.set(Some(Banner::Ask {
                    linked: linked.plan().name.clone(),
                    mine: ws.plan.with_untracked(|p| p.name.clone()),
                }));
                self.pending.set(Some((Arc::new(linked.into_plan()), at)));
            }
        }
    }

    /// Another tab changed storage (`storage` event): read My plans again, and follow its save
    /// of the open plan — unless this page's own last save failed, when what is on screen is
    /// newer than what is stored and must stay.
    pub fn storage_changed(&self, ws: Workspace) {
        if self.framed {
            return;
        }
        self.refresh();
        if !self.autosaves_now() || self.save_problem.with_untracked(Option::is_some) {
            return;
        }
        // A keystroke of this tab still waiting for its frame is saved first: it is newer.
        if ws.settle_now() {
            ws.plan.with_untracked(|p| self.save(p));
        }
        let Some(text) = storage::open_text() else {
            return;
        };
        if text == ws.plan.with_untracked(storage::stored_text) {
            return;
        }
        let banner = match plan_file::import_json(&text) {
            Ok(plan) => {
                let name = plan.name.clone();
                self.followed.set_value(Some(text));
                ws.replace(plan);
                Banner::Done {
                    message: format!(
                        "Another tab changed this plan: showing its latest version (“{name}”). \
                         Undo (Ctrl+Z) steps back."
                    ),
                    restore: None,
                }
            }
            Err(error) => {
                // This page's next save would overwrite it: keep it in My plans first.
                let why = storage::unreadable_reason(&error);
                let kept = storage::keep_unreadable(&text, &why).is_ok();
                self.refresh();
                Banner::Failed(format!(
                    "Another tab saved a plan this page cannot read: {why}. This page keeps \
                     showing yours{}.",
                    if kept {
                        "; the other tab's plan is kept, as it was, in My plans"
                    } else {
                        ""
                    }
                ))
            }
        };
        if self.banner.with_untracked(|b| b.as_ref() != Some(&banner)) {
            self.banner.set(Some(banner));
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
