//! "My plans": the index of the plans kept in one browser.
//!
//! The plan open in the page is autosaved on its own (the app's `headroom.plan` key). Every
//! other plan the browser keeps — one the person saved under a name, the plan that was open
//! when a link, a template or a file replaced it, a stored copy that could not be read — is an
//! [`Entry`] of the [`Library`], its text stored under its own key ([`entry_key`]). Entries
//! never share a slot: keeping a second plan aside adds a second entry, so nothing is
//! overwritten silently.
//!
//! This module is the index only: plain data and the rules for ids and names, tested
//! natively. Reading and writing the browser's storage is the app's job.

use serde::{Deserialize, Serialize};

use crate::plan::Named;

/// Storage key of the index.
pub const INDEX_KEY: &str = "headroom.plans";

/// Prefix of an entry's storage key: `headroom.plans.7`.
pub const ENTRY_PREFIX: &str = "headroom.plans.";

/// Version of the index document.
pub const INDEX_VERSION: u32 = 1;

/// Longest name an entry keeps, in characters (longer names are cut with an ellipsis): the
/// longest a plan's name may be.
pub use crate::validate::MAX_NAME_CHARS;

/// Storage key of entry `id`.
pub fn entry_key(id: u32) -> String {
    format!("{ENTRY_PREFIX}{id}")
}

/// Why an entry is in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Saved by the person (a copy, a duplicate).
    Saved,
    /// The plan that was open when another plan (a link, a template, a file, another entry)
    /// took its place.
    Aside,
    /// Stored text that could not be read as a plan (damaged, or written by a newer version);
    /// kept as it was, to download or delete.
    Unreadable,
}

// Its names in the stored index.
crate::plan::named!(Kind: "saved" => Saved, "aside" => Aside, "unreadable" => Unreadable);

impl Kind {
    /// The words the list shows for this kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Saved => "saved",
            Kind::Aside => "kept aside",
            Kind::Unreadable => "unreadable",
        }
    }
}

/// One plan kept in the browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Its id; its text is stored under [`entry_key`]`(id)`.
    pub id: u32,
    /// The name the list shows (the plan's name, or a description of an unreadable copy).
    pub name: String,
    /// Why it is here.
    pub kind: Kind,
    /// Why it was kept ("replaced by the link “Shop”", or why it could not be read).
    #[serde(default)]
    pub note: String,
    /// When it was stored, as the app writes it (local date and time).
    #[serde(default)]
    pub saved: String,
}

/// The index: every entry, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    #[serde(default = "index_version")]
    version: u32,
    #[serde(default)]
    next_id: u32,
    #[serde(default)]
    entries: Vec<Entry>,
}

fn index_version() -> u32 {
    INDEX_VERSION
}

/// Why a stored index could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexError {
    /// Not the index's JSON (damaged).
    Damaged,
    /// Written by a newer version of Headroom.
    TooNew(u32),
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexError::Damaged => f.write_str("the list of saved plans is damaged"),
            IndexError::TooNew(v) => write!(
                f,
                "the list of saved plans was written by a newer version of Headroom (list version {v})"
            ),
        }
    }
}

/// `name` as an entry keeps it: one line, trimmed, at most [`MAX_NAME_CHARS`], never empty.
pub fn entry_name(name: &str) -> String {
    let line: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return "Untitled plan".to_owned();
    }
    if line.chars().count() > MAX_NAME_CHARS {
        let mut cut: String = line.chars().take(MAX_NAME_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        line
    }
}

impl Library {
    /// An empty library.
    pub fn new() -> Self {
        Library {
            version: INDEX_VERSION,
            next_id: 1,
            entries: Vec::new(),
        }
    }

    /// Reads a stored index. Entries with a repeated id keep the first; the next id is always
    /// past every id in use, so a damaged counter cannot make two entries share a key.
    pub fn parse(text: &str) -> Result<Library, IndexError> {
        let value = super::json::parse(text).map_err(|_| IndexError::Damaged)?;
        let mut library = Library::from_document(&value).ok_or(IndexError::Damaged)?;
        if library.version > INDEX_VERSION {
            return Err(IndexError::TooNew(library.version));
        }
        let mut seen = Vec::with_capacity(library.entries.len());
        library.entries.retain(|e| {
            let first = !seen.contains(&e.id);
            seen.push(e.id);
            first
        });
        for entry in &mut library.entries {
            entry.name = entry_name(&entry.name);
        }
        library.version = INDEX_VERSION;
        library.next_id = library.next_free_id();
        Ok(library)
    }

    /// The index in its stored document as it stands, before [`Library::parse`]'s repairs,
    /// read by hand as the derive declares it (keys it does not know are ignored, a key it
    /// knows must hold its type): the derived reader was most of this module's code in the
    /// page. `None` when it is not an index.
    pub fn from_document(value: &serde_json::Value) -> Option<Library> {
        use serde_json::Value;
        let map = value.as_object()?;
        // A key left out takes `default`; one present must read.
        fn field<T>(
            map: &serde_json::Map<String, Value>,
            key: &str,
            default: T,
            read: impl Fn(&Value) -> Option<T>,
        ) -> Option<T> {
            map.get(key).map_or(Some(default), read)
        }
        let whole = |v: &Value| v.as_u64().and_then(|n| u32::try_from(n).ok());
        let text = |v: &Value| v.as_str().map(str::to_owned);
        let entry = |v: &Value| {
            let e = v.as_object()?;
            let kind = Kind::from_name(e.get("kind")?.as_str()?)?;
            Some(Entry {
                id: whole(e.get("id")?)?,
                name: text(e.get("name")?)?,
                kind,
                note: field(e, "note", String::new(), text)?,
                saved: field(e, "saved", String::new(), text)?,
            })
        };
        Some(Library {
            version: field(map, "version", INDEX_VERSION, whole)?,
            next_id: field(map, "next_id", 0, whole)?,
            entries: field(map, "entries", Vec::new(), |v| {
                v.as_array()?.iter().map(entry).collect()
            })?,
        })
    }

    /// Rebuilds an index from the entries found in storage (`(id, name, kind)`), for when the
    /// stored index is damaged: the entries' texts are still there.
    pub fn rebuild(found: impl IntoIterator<Item = (u32, String, Kind)>) -> Library {
        let mut library = Library::new();
        let mut found: Vec<_> = found.into_iter().collect();
        crate::sort::stable_sort_by(&mut found, &|a, b| b.0.cmp(&a.0));
        for (id, name, kind) in found {
            if library.get(id).is_none() {
                library.entries.push(Entry {
                    id,
                    name: entry_name(&name),
                    kind,
                    note: "found again after the list of saved plans was damaged".to_owned(),
                    saved: String::new(),
                });
            }
        }
        library.next_id = library.next_free_id();
        library
    }

    fn next_free_id(&self) -> u32 {
        let past_max = self
            .entries
            .iter()
            .map(|e| e.id.saturating_add(1))
            .max()
            .unwrap_or(1);
        self.next_id.max(past_max).max(1)
    }

    /// The index as stored.
    pub fn to_json(&self) -> String {
        use super::json::object;
        use serde_json::Value;
        let entries = self
            .entries
            .iter()
            .map(|e| {
                object(vec![
                    ("id", e.id.into()),
                    ("name", e.name.as_str().into()),
                    ("kind", e.kind.name().into()),
                    ("note", e.note.as_str().into()),
                    ("saved", e.saved.as_str().into()),
                ])
            })
            .collect();
        super::json::write(&object(vec![
            ("version", self.version.into()),
            ("next_id", self.next_id.into()),
            ("entries", Value::Array(entries)),
        ]))
    }

    /// Every entry, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with `id`.
    pub fn get(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The id the next [`Library::add`] will use (its text is written first, under that key).
    pub fn next_id(&self) -> u32 {
        self.next_free_id()
    }

    /// Adds an entry at the top and returns its id. Ids are never reused while the index
    /// lives, so a new entry cannot land on an older one's text.
    pub fn add(&mut self, name: &str, kind: Kind, note: &str, saved: &str) -> u32 {
        let id = self.next_free_id();
        self.entries.insert(
            0,
            Entry {
                id,
                name: entry_name(name),
                kind,
                note: note.to_owned(),
                saved: saved.to_owned(),
            },
        );
        self.next_id = id.saturating_add(1);
        id
    }

    /// Renames an entry; false when there is no such entry.
    pub fn rename(&mut self, id: u32, name: &str) -> bool {
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) => {
                entry.name = entry_name(name);
                true
            }
            None => false,
        }
    }

    /// Takes an entry out, returning it with its place so [`Library::restore`] can put it
    /// back (undo).
    pub fn remove(&mut self, id: u32) -> Option<(usize, Entry)> {
        let index = self.entries.iter().position(|e| e.id == id)?;
        Some((index, self.entries.remove(index)))
    }

    /// Puts back an entry [`Library::remove`] took out, at its old place (or the end).
    pub fn restore(&mut self, index: usize, entry: Entry) {
        if self.get(entry.id).is_some() {
            return;
        }
        let index = index.min(self.entries.len());
        self.next_id = self.next_id.max(entry.id.saturating_add(1));
        self.entries.insert(index, entry);
    }
}

/// When an entry was stored, as the list shows it ("2026-12-05 10:07 UTC"), from the browser
/// clock's milliseconds since 1970; "" for a time that is not one.
pub fn stamp(ms_since_epoch: f64) -> String {
    if !ms_since_epoch.is_finite() {
        return String::new();
    }
    use chrono::Timelike;
    // Written by hand: chrono's format strings would put their parser in the page's download.
    chrono::DateTime::from_timestamp_millis(ms_since_epoch as i64)
        .map(|t| format!("{} {:02}:{:02} UTC", t.date_naive(), t.hour(), t.minute()))
        .unwrap_or_default()
}

/// The name of a copy: "Shop (copy)", "Shop (copy 2)", … not yet used by any entry.
pub fn copy_name(library: &Library, name: &str) -> String {
    let base = entry_name(name);
    let taken = |candidate: &str| library.entries.iter().any(|e| e.name == candidate);
    let first = entry_name(&format!("{base} (copy)"));
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| entry_name(&format!("{base} (copy {n})")))
        .find(|c| !taken(c))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ids_are_never_reused_and_survive_a_round_trip() {
        let mut library = Library::new();
        let a = library.add(
            "Shop",
            Kind::Aside,
            "replaced by a link",
            "2026-12-05 10:00",
        );
        let b = library.add("Shop", Kind::Aside, "replaced by a template", "");
        assert_ne!(a, b, "a second plan kept aside gets its own slot");
        assert_eq!(library.entries()[0].id, b, "newest first");
        library.remove(b);
        let c = library.add("Other", Kind::Saved, "", "");
        assert!(c > b, "a removed id is not handed out again");
        let again = Library::parse(&library.to_json()).unwrap();
        assert_eq!(again, library);
        assert_eq!(again.next_id(), c + 1);
    }

    #[test]
    fn a_damaged_counter_cannot_point_at_an_entry_in_use() {
        let text = r#"{"version":1,"next_id":1,"entries":[
            {"id":5,"name":"A","kind":"saved"},{"id":5,"name":"dup","kind":"aside"},
            {"id":2,"name":"B","kind":"unreadable","note":"damaged"}]}"#;
        let mut library = Library::parse(text).unwrap();
        assert_eq!(library.entries().len(), 2, "a repeated id keeps the first");
        assert_eq!(library.add("C", Kind::Saved, "", ""), 6);
    }

    #[test]
    fn unreadable_and_newer_indexes_are_refused_in_words() {
        assert_eq!(Library::parse("{"), Err(IndexError::Damaged));
        assert_eq!(Library::parse("[1,2]"), Err(IndexError::Damaged));
        let newer = r#"{"version":9,"entries":[]}"#;
        assert_eq!(Library::parse(newer), Err(IndexError::TooNew(9)));
        assert!(IndexError::TooNew(9).to_string().contains("newer version"));
    }

    #[test]
    fn undo_puts_a_deleted_entry_back_in_its_place() {
        let mut library = Library::new();
        let a = library.add("A", Kind::Saved, "", "");
        let b = library.add("B", Kind::Saved, "", "");
        let c = library.add("C", Kind::Saved, "", "");
        let (index, entry) = library.remove(b).unwrap();
        library.restore(index, entry);
        let ids: Vec<u32> = library.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![c, b, a]);
        let (index, entry) = library.remove(a).unwrap();
        library.restore(index, entry.clone());
        library.restore(index, entry);
        assert_eq!(library.entries().len(), 3, "restoring twice adds nothing");
    }

    #[test]
    fn names_are_one_line_bounded_and_never_empty() {
        assert_eq!(entry_name("  Shop\u{2028}\n plan\t "), "Shop plan");
        assert_eq!(entry_name(" \n"), "Untitled plan");
        let long = "x".repeat(500);
        assert_eq!(entry_name(&long).chars().count(), MAX_NAME_CHARS);
        let mut library = Library::new();
        let id = library.add("Shop", Kind::Saved, "", "");
        assert!(library.rename(id, "Shop 2\n"));
        assert_eq!(library.get(id).unwrap().name, "Shop 2");
        assert!(!library.rename(id + 1, "nothing"));
    }

    #[test]
    fn stamps_are_utc_minutes_and_never_panic() {
        assert_eq!(stamp(1_796_464_020_000.0), "2026-12-05 09:47 UTC");
        assert_eq!(stamp(f64::NAN), "");
        assert_eq!(stamp(f64::MAX), "");
        assert_eq!(stamp(-1.0e300), "");
    }

    #[test]
    fn copies_get_free_names() {
        let mut library = Library::new();
        assert_eq!(copy_name(&library, "Shop"), "Shop (copy)");
        library.add("Shop (copy)", Kind::Saved, "", "");
        assert_eq!(copy_name(&library, "Shop"), "Shop (copy 2)");
    }

    #[test]
    fn a_damaged_index_is_rebuilt_from_the_stored_entries() {
        let library = Library::rebuild(vec![
            (3, "Shop".to_owned(), Kind::Saved),
            (9, "Old".to_owned(), Kind::Unreadable),
            (3, "again".to_owned(), Kind::Saved),
        ]);
        let ids: Vec<u32> = library.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![9, 3]);
        assert_eq!(library.next_id(), 10);
    }
}
