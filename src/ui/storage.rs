//! The browser's local storage: where plans survive a reload or a crash.
//!
//! - [`PLAN_KEY`] holds the plan open in the page, autosaved at every change.
//! - "My plans" ([`library`]) holds every other plan this browser keeps: saved copies, the
//!   plan that was open when a link, a template or a file replaced it, and stored text that
//!   could not be read. Each entry has its own key, so nothing is overwritten silently.
//!
//! Storage can be missing or blocked (private modes, sandboxed frames, a setting) or full. Every
//! write returns a [`SaveProblem`] the page shows at once; nothing here panics. An unreadable
//! autosave is moved into the library, and left where it is when there is no room to move it.
//!
//! Every stored plan is the plan file's JSON envelope (`{"headroom_plan":1,"plan":{…}}`),
//! written with [`share::plan_json`] and read with [`plan_file::import_json`] (no YAML: this is the start-up path), so a plan written by
//! an older version is migrated like an old file.

use headroom_core::codec::library::{self, Entry, Kind, Library};
use headroom_core::codec::plan_file::{self, ImportError};
use headroom_core::codec::share;
use headroom_core::plan::Plan;

/// Key of the autosaved open plan.
pub const PLAN_KEY: &str = "headroom.plan";
/// Where older versions kept an unreadable autosave (moved into the library on start).
const LEGACY_DAMAGED_KEY: &str = "headroom.plan.unreadable";
/// Where older versions kept the plan a link replaced (moved into the library on start).
const LEGACY_ASIDE_KEY: &str = "headroom.plan.aside";

/// Why something could not be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveProblem {
    /// The browser gives this page no storage at all.
    Blocked,
    /// Storage refused the write (full, or a quota).
    Refused,
}

impl SaveProblem {
    /// The sentence the page shows.
    pub fn message(&self) -> &'static str {
        match self {
            SaveProblem::Blocked => {
                "This browser does not let Headroom save (storage is blocked, for example in a \
                 private window or by a setting): your plan lives only in this tab. Download it \
                 as a file to keep it."
            }
            SaveProblem::Refused => {
                "Your latest changes are not saved: this browser's storage is full. Download the \
                 plan as a file to keep it, or delete plans you no longer need in My plans."
            }
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn storage() -> Result<web_sys::Storage, SaveProblem> {
    local_storage().ok_or(SaveProblem::Blocked)
}

fn write(storage: &web_sys::Storage, key: &str, text: &str) -> Result<(), SaveProblem> {
    storage
        .set_item(key, text)
        .map_err(|_| SaveProblem::Refused)
}

/// Whether this page can use storage at all.
pub fn available() -> bool {
    local_storage().is_some()
}

/// What was found in storage for the open plan.
pub enum Loaded {
    /// Nothing saved yet (or no storage).
    Nothing,
    /// The autosaved plan.
    Plan(Box<Plan>),
    /// Something was saved but could not be read. `kept`: it was moved into My plans; when
    /// false it is left where it was (no room to move it), and autosave must not overwrite it.
    Unreadable {
        /// Why it could not be read.
        why: String,
        /// Whether it is now an entry of My plans.
        kept: bool,
    },
}

/// Why a stored text cannot be opened, in words.
pub fn unreadable_reason(error: &ImportError) -> String {
    match error {
        ImportError::TooNew { version, .. } => format!(
            "it was written by a newer version of Headroom (plan format {version}); open it \
             there, or download it"
        ),
        other => format!("it could not be read ({other})"),
    }
}

/// Reads the autosaved plan. An unreadable one is moved into My plans; if that fails it stays.
pub fn load_plan() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded::Nothing;
    };
    migrate_legacy(&storage);
    let Some(text) = storage.get_item(PLAN_KEY).ok().flatten() else {
        return Loaded::Nothing;
    };
    match plan_file::import_json(&text) {
        Ok(plan) => Loaded::Plan(Box::new(plan)),
        Err(error) => {
            let why = unreadable_reason(&error);
            let kept = keep_text(&text, "Unreadable saved plan", Kind::Unreadable, &why).is_ok()
                && storage.remove_item(PLAN_KEY).is_ok();
            Loaded::Unreadable { why, kept }
        }
    }
}

/// The open plan as stored: the text [`save_text`] writes.
pub fn stored_text(plan: &Plan) -> String {
    String::from_utf8(share::plan_json(plan)).unwrap_or_default()
}

/// Saves the open plan's text ([`stored_text`]).
pub fn save_text(text: &str) -> Result<(), SaveProblem> {
    let storage = storage()?;
    // Writing the same text again raises no `storage` event in other tabs (per the spec).
    write(&storage, PLAN_KEY, text)
}

/// Removes the stored open plan (after the person chose to discard an unreadable one).
pub fn discard_open() -> Result<(), SaveProblem> {
    storage()?
        .remove_item(PLAN_KEY)
        .map_err(|_| SaveProblem::Refused)
}

/// The stored open plan's text, as it is (for downloading an unreadable one).
pub fn open_text() -> Option<String> {
    local_storage()?.get_item(PLAN_KEY).ok().flatten()
}

/// The library ("My plans"). A missing index is an empty library; a damaged one is rebuilt
/// from the entries still stored.
pub fn library() -> Library {
    let Some(storage) = local_storage() else {
        return Library::new();
    };
    match storage.get_item(library::INDEX_KEY).ok().flatten() {
        None => Library::new(),
        Some(text) => Library::parse(&text).unwrap_or_else(|_| rebuild(&storage)),
    }
}

/// Ids a damaged index is rebuilt from: every id an index of this size could have handed out.
const REBUILD_IDS: u32 = 10_000;

fn rebuild(storage: &web_sys::Storage) -> Library {
    // Ids count up from 1 and are never reused, so probing them finds every stored entry
    // (without listing every key of the origin).
    let found: Vec<(u32, String, Kind)> = (1..=REBUILD_IDS)
        .filter_map(|id| {
            let text = storage.get_item(&library::entry_key(id)).ok().flatten()?;
            Some(match plan_file::import_json(&text) {
                Ok(plan) => (id, plan.name, Kind::Saved),
                Err(_) => (id, format!("Unreadable plan {id}"), Kind::Unreadable),
            })
        })
        .collect();
    Library::rebuild(found)
}

fn now_label() -> String {
    library::stamp(js_sys::Date::now())
}

/// Stores `text` as a new entry: its text first, then the index, so a failure leaves the
/// library as it was. An entry with the same text already stored is reused, not repeated.
fn keep_text(text: &str, name: &str, kind: Kind, note: &str) -> Result<u32, SaveProblem> {
    let storage = storage()?;
    let mut lib = library();
    if let Some(same) = lib.entries().iter().find(|e| {
        e.kind == kind
            && storage
                .get_item(&library::entry_key(e.id))
                .ok()
                .flatten()
                .as_deref()
                == Some(text)
    }) {
        return Ok(same.id);
    }
    let id = lib.next_id();
    let key = library::entry_key(id);
    write(&storage, &key, text)?;
    let added = lib.add(name, kind, note, &now_label());
    debug_assert_eq!(added, id);
    if let Err(problem) = write(&storage, library::INDEX_KEY, &lib.to_json()) {
        let _ = storage.remove_item(&key);
        return Err(problem);
    }
    Ok(id)
}

/// Keeps stored text that cannot be read as a plan in My plans, as it is.
pub fn keep_unreadable(text: &str, why: &str) -> Result<u32, SaveProblem> {
    keep_text(text, "Unreadable saved plan", Kind::Unreadable, why)
}

/// Keeps `plan` in My plans as `kind`, with a note saying why. Returns the entry's id.
pub fn keep(plan: &Plan, kind: Kind, note: &str) -> Result<u32, SaveProblem> {
    keep_text(&stored_text(plan), &plan.name, kind, note)
}

/// Keeps `plan` under `name` as a saved copy (the plan inside carries the name too).
pub fn keep_copy(plan: &Plan, name: &str) -> Result<u32, SaveProblem> {
    let mut copy = plan.clone();
    copy.name = name.to_owned();
    keep_text(&stored_text(&copy), name, Kind::Saved, "")
}

/// An entry's stored text.
pub fn entry_text(id: u32) -> Option<String> {
    local_storage()?
        .get_item(&library::entry_key(id))
        .ok()
        .flatten()
}

/// An entry's plan, or why it cannot be opened.
pub fn entry_plan(id: u32) -> Result<Plan, String> {
    let text = entry_text(id).ok_or_else(|| "its text is no longer in this browser".to_owned())?;
    plan_file::import_json(&text).map_err(|e| unreadable_reason(&e))
}

/// An entry taken out of My plans, kept in memory so the deletion can be undone.
#[derive(Clone, Debug)]
pub struct Removed {
    index: usize,
    /// The entry as it was.
    pub entry: Entry,
    text: Option<String>,
}

/// Takes an entry out of My plans (its text too).
pub fn remove(id: u32) -> Result<Removed, SaveProblem> {
    let storage = storage()?;
    let mut lib = library();
    let text = entry_text(id);
    let (index, entry) = lib.remove(id).ok_or(SaveProblem::Refused)?;
    write(&storage, library::INDEX_KEY, &lib.to_json())?;
    let _ = storage.remove_item(&library::entry_key(id));
    Ok(Removed { index, entry, text })
}

/// Puts back an entry [`remove`] took out.
pub fn restore(removed: Removed) -> Result<(), SaveProblem> {
    let storage = storage()?;
    let key = library::entry_key(removed.entry.id);
    if let Some(text) = &removed.text {
        write(&storage, &key, text)?;
    }
    let mut lib = library();
    lib.restore(removed.index, removed.entry);
    if let Err(problem) = write(&storage, library::INDEX_KEY, &lib.to_json()) {
        let _ = storage.remove_item(&key);
        return Err(problem);
    }
    Ok(())
}

/// Renames an entry; a readable plan's own name changes with it.
pub fn rename(id: u32, name: &str) -> Result<(), SaveProblem> {
    let storage = storage()?;
    let mut lib = library();
    let name = library::entry_name(name);
    if let Ok(mut plan) = entry_plan(id) {
        plan.name = name.clone();
        write(&storage, &library::entry_key(id), &stored_text(&plan))?;
    }
    lib.rename(id, &name);
    write(&storage, library::INDEX_KEY, &lib.to_json())
}

/// Moves what older versions kept in their single slots into the library, so a second plan
/// kept aside never replaces the first.
fn migrate_legacy(storage: &web_sys::Storage) {
    for key in [LEGACY_ASIDE_KEY, LEGACY_DAMAGED_KEY] {
        let Some(text) = storage.get_item(key).ok().flatten() else {
            continue;
        };
        // What it is now decides its kind: a copy an older version could not read may open now.
        let kept = match plan_file::import_json(&text) {
            Ok(plan) => keep_text(&text, &plan.name, Kind::Aside, "kept by an earlier version"),
            Err(error) => keep_unreadable(&text, &unreadable_reason(&error)),
        };
        if kept.is_ok() {
            let _ = storage.remove_item(key);
        }
    }
}
