//! Plan files: a [`Plan`] written to YAML or JSON inside a versioned envelope, and read back.
//!
//! # Format
//!
//! A plan file is one mapping with two keys, and optionally a third (see
//! `docs/plan-format.md` for every field):
//!
//! ```yaml
//! headroom_plan: 1      # FORMAT_KEY: the plan schema version the file was written with
//! plan:                 # the Plan document itself
//!   name: New plan
//!   start: 2027-01
//!   # …
//! results:              # RESULTS_KEY, optional: derived figures, ignored on import
//!   derived: Computed by Headroom from `plan`. …
//!   # …
//! ```
//!
//! [`to_yaml`] and [`to_json`] write the inputs only; [`export_with_results`] adds the
//! `results` section ([`crate::codec::results`]), which [`import`] accepts and ignores: results
//! are always recomputed from the plan, so a file edited by hand cannot contradict itself.
//!
//! The same envelope is written as JSON (`{"headroom_plan": 1, "plan": {…}}`). [`import`]
//! accepts either and tells them apart by content: text whose first character (after an optional
//! byte-order mark and white space) is `{` is JSON, anything else is YAML.
//!
//! # Versions and migration
//!
//! `headroom_plan` is [`PLAN_SCHEMA_VERSION`] of the build that wrote the file. A file written by
//! a newer build is refused with [`ImportError::TooNew`] rather than misread. A file written by
//! an older build is passed through [`migrate`], which applies one step per version (`MIGRATIONS[0]` turns a v1 plan into a v2 plan, and so on)
//! until the plan is current. The length of that table is tied to [`PLAN_SCHEMA_VERSION`] at
//! compile time, so raising the version without adding its migration does not build.
//! `core/tests/fixtures/plans/v<N>/` keeps sample files of every version, which the tests import
//! on every run.
//!
//! # One document between text and types
//!
//! Every file is parsed into one untyped document ([`serde_json::Value`]) and only then
//! converted to a [`Plan`]; writing goes the other way ([`document`]). serde generates a plan's
//! reading and writing code once per format it meets, and the plan's types are many, so this
//! one hop keeps the page's download hundreds of kilobytes smaller than typed YAML would. The
//! plan itself is read from the document by [`super::plan_reader`], written by hand, so its
//! reading code exists once and knows where it is: field problems name the field's path
//! (`at `plan.baseline.units`: invalid type …`) rather than a line of the file; syntax problems
//! keep the parser's line and column.
//!
//! # YAML
//!
//! YAML is read by `serde-saphyr` (pure Rust, no `unsafe` parser, builds for wasm32) and
//! written by `yaml_writer`, which quotes every string a YAML 1.1 or 1.2 reader could take for
//! another type (`"no"`, `"on"`, `"1_000"`, `"~"`, `"0x10"`, `"2027-01-01"`), so a scenario
//! named `no` stays a string in PyYAML and other readers too; `tests/plan_file.rs` checks this with
//! PyYAML. Export goes further and reads its own output back: [`to_yaml`] and [`to_json`] fail
//! with [`ExportError`] rather than hand out a file that would not import to the same plan.
//!
//! # Reading is bounded
//!
//! A plan file is untrusted input. [`import`] refuses text over [`MAX_FILE_BYTES`] before
//! parsing, and parses YAML under a budget ([`yaml_options`]: nesting depth, node and event
//! counts, anchors, aliases and alias replay), so deep nesting and "billion laughs" alias bombs
//! fail quickly with [`ImportError::TooComplex`]. JSON is parsed by `serde_json`, whose
//! recursion limit (128) bounds nesting. Importing never panics.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{json, plan_reader};
use crate::plan::{Plan, PLAN_SCHEMA_VERSION};
use crate::text::{bounded_message, excerpt};

#[cfg(feature = "yaml")]
pub use super::plan_yaml::{
    export, export_with_results, import, import_bytes, to_yaml, yaml_options,
};

/// Name of the version field at the top of every plan file.
pub const FORMAT_KEY: &str = "headroom_plan";

/// Name of the optional, derived results section at the top of a plan file.
pub const RESULTS_KEY: &str = "results";

/// Largest plan file [`import`] reads, in bytes (1 MiB). Real plans are a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The envelope written to every plan file.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::PlanFile;
/// use headroom_core::plan::{Plan, PLAN_SCHEMA_VERSION};
/// let file = PlanFile::new(Plan::default());
/// assert_eq!(file.headroom_plan, PLAN_SCHEMA_VERSION);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Plan schema version the file was written with ([`PLAN_SCHEMA_VERSION`]).
    pub headroom_plan: u32,
    /// The plan.
    pub plan: Plan,
}

impl PlanFile {
    /// Wraps `plan` in an envelope of the current version.
    pub fn new(plan: Plan) -> Self {
        Self {
            headroom_plan: PLAN_SCHEMA_VERSION,
            plan,
        }
    }
}

/// The two text formats of a plan file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// YAML 1.2, written so YAML 1.1 readers agree.
    Yaml,
    /// JSON (RFC 8259).
    Json,
}

// Its variants' names, as the worker's messages write them.
crate::plan::named!(Format: "Yaml" => Yaml, "Json" => Json);

impl Format {
    /// The format of `text`: JSON when its first character after white space (and an optional
    /// byte-order mark) is `{`, YAML otherwise.
    ///
    /// # Example
    /// ```
    /// use headroom_core::codec::plan_file::Format;
    /// assert_eq!(Format::detect(" \n{\"headroom_plan\": 1}"), Format::Json);
    /// assert_eq!(Format::detect("headroom_plan: 1"), Format::Yaml);
    /// ```
    pub fn detect(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        }
    }

    /// Usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        })
    }
}

/// Where in the file a problem is, 1-based, when the parser knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: u64,
    /// Column, from 1.
    pub column: u64,
}

/// Why a plan could not be written faithfully.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// The serializer failed.
    Serialize {
        /// The format being written.
        format: Format,
        /// The serializer's explanation.
        message: String,
    },
    /// The written text does not read back to the same plan (typically a number that is not
    /// finite, which neither format can carry).
    NotFaithful {
        /// The format being written.
        format: Format,
        /// What went wrong when reading it back, or that it read back different.
        message: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Serialize { format, message } => {
                write!(f, "The plan could not be written as {format}: {message}")
            }
            ExportError::NotFaithful { format, message } => write!(
                f,
                "The plan cannot be saved as {format} without changing it ({message}); \
                 check that every number is finite"
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Why a plan file could not be read. The `Display` text says in words what is wrong and where,
/// for the person who chose the file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is larger than [`MAX_FILE_BYTES`]; nothing was parsed.
    TooLarge {
        /// Size of the file, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        max: usize,
    },
    /// The file is not UTF-8 text.
    NotText {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is empty or only white space.
    Empty,
    /// The text is not well-formed YAML or JSON.
    Syntax {
        /// The format the text was read as.
        format: Format,
        /// The parser's explanation.
        message: String,
        /// Where, when known.
        position: Option<Position>,
    },
    /// The YAML exceeds the parsing budget: nested too deeply, too many nodes, or aliases that
    /// expand too far.
    TooComplex {
        /// The parser's explanation.
        message: String,
        /// Where, when known.
        position: Option<Position>,
    },
    /// The top level is not a mapping with a [`FORMAT_KEY`] version number.
    NotAPlanFile {
        /// What is missing or wrong.
        message: String,
    },
    /// The file names a version this build does not know and never will (0 or not a whole
    /// number).
    BadVersion {
        /// The version as written.
        found: String,
    },
    /// The file was written by a newer build of Headroom.
    TooNew {
        /// The file's version.
        version: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A migration step from an older version failed.
    Migration {
        /// The version the failing step starts from.
        from: u32,
        /// What went wrong.
        message: String,
    },
    /// The document is well-formed but does not describe a plan: an unknown or missing field, or
    /// a value of the wrong type.
    Content {
        /// The format the text was read as.
        format: Format,
        /// The explanation, naming the field.
        message: String,
        /// Where, when known; field problems name their path in `message` instead.
        position: Option<Position>,
    },
}

fn at(position: &Option<Position>) -> String {
    match position {
        Some(p) => format!(" (line {}, column {})", p.line, p.column),
        None => String::new(),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, max } => write!(
                f,
                "The file is too large to be a plan: {bytes} bytes, the limit is {max} bytes"
            ),
            ImportError::NotText { offset } => write!(
                f,
                "The file is not text (UTF-8): invalid byte at offset {offset}"
            ),
            ImportError::Empty => f.write_str("The file is empty"),
            ImportError::Syntax {
                format,
                message,
                position,
            } => write!(
                f,
                "The file is not valid {format}: {message}{}",
                at(position)
            ),
            ImportError::TooComplex { message, position } => write!(
                f,
                "The file is too deeply nested or repetitive to be a plan: {message}{}",
                at(position)
            ),
            ImportError::NotAPlanFile { message } => {
                write!(f, "This is not a Headroom plan file: {message}")
            }
            ImportError::BadVersion { found } => write!(
                f,
                "The plan file's version `{FORMAT_KEY}: {found}` is not a version Headroom has \
                 ever written (expected a whole number from 1)"
            ),
            ImportError::TooNew { version, supported } => write!(
                f,
                "This plan file was written by a newer Headroom (plan format {version}; this \
                 version reads up to {supported}): open it with the newer version"
            ),
            ImportError::Migration { from, message } => write!(
                f,
                "The plan file (format {from}) could not be updated to format \
                 {PLAN_SCHEMA_VERSION}: {message}"
            ),
            ImportError::Content {
                format,
                message,
                position,
            } => write!(
                f,
                "The {format} file does not describe a plan: {message}{}",
                at(position)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// One migration step: a plan document of version `n` (as JSON) to version `n + 1`.
pub type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` turns a plan of version `i + 1` into version `i + 2`. Its length is fixed by
/// [`PLAN_SCHEMA_VERSION`]: raising the version without adding the step does not compile.
const MIGRATIONS: [Migration; PLAN_SCHEMA_VERSION as usize - 1] = [];

/// Brings a plan document (the value under `plan`, not the envelope) written at `version` up to
/// [`PLAN_SCHEMA_VERSION`], one step per version.
///
/// # Errors
/// [`ImportError::BadVersion`] for version 0, [`ImportError::TooNew`] for versions above
/// [`PLAN_SCHEMA_VERSION`], [`ImportError::Migration`] when a step rejects the document.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{migrate, ImportError};
/// let plan = serde_json::json!({"name": "Shop"});
/// assert_eq!(migrate(1, plan.clone()), Ok(plan.clone()));
/// assert!(matches!(migrate(99, plan), Err(ImportError::TooNew { version: 99, .. })));
/// ```
pub fn migrate(version: u32, value: Value) -> Result<Value, ImportError> {
    check_version(version)?;
    let first = (version - 1) as usize;
    MIGRATIONS
        .iter()
        .enumerate()
        .skip(first)
        .try_fold(value, |value, (step, migration)| {
            migration(value).map_err(|message| ImportError::Migration {
                from: step as u32 + 1,
                message,
            })
        })
}

fn check_version(version: u32) -> Result<(), ImportError> {
    if version == 0 {
        Err(ImportError::BadVersion {
            found: version.to_string(),
        })
    } else if version > PLAN_SCHEMA_VERSION {
        Err(ImportError::TooNew {
            version,
            supported: PLAN_SCHEMA_VERSION,
        })
    } else {
        Ok(())
    }
}

/// The envelope of `plan` as an untyped document, keys in the order of the plan's fields.
///
/// Every writer (YAML, JSON, share links) and every reader goes through this one document
/// rather than serializing the typed plan with each format's own serializer: serde's code for a
/// type is generated once per format it meets, and the plan's type tree is large, so one
/// untyped hop keeps the page's download small. Serializing plain data cannot fail; a plan that
/// somehow could not be represented is written as `null`, which reading refuses in words.
pub fn document(plan: &Plan) -> Value {
    super::plan_writer::document(plan)
}

/// Writes `plan` as a JSON plan file (pretty-printed, two-space indent, trailing newline).
///
/// # Errors
/// [`ExportError`] when the plan cannot be written so that [`import`] reads back the same plan
/// (JSON has no NaN or infinity).
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{import_json, to_json};
/// use headroom_core::plan::Plan;
/// let text = to_json(&Plan::default()).unwrap();
/// assert!(text.starts_with("{\n  \"headroom_plan\": 1,"));
/// assert_eq!(import_json(&text).unwrap(), Plan::default());
/// ```
pub fn to_json(plan: &Plan) -> Result<String, ExportError> {
    let mut text = json::write_pretty(&document(plan));
    text.push('\n');
    check_faithful(plan, &text, Format::Json, import_json)?;
    Ok(text)
}

/// Reads `text` back with `read` and checks that it gives `plan` again.
pub(super) fn check_faithful(
    plan: &Plan,
    text: &str,
    format: Format,
    read: fn(&str) -> Result<Plan, ImportError>,
) -> Result<(), ExportError> {
    match read(text) {
        Ok(back) if back == *plan => Ok(()),
        Ok(_) => Err(ExportError::NotFaithful {
            format,
            message: "it reads back with different values".to_owned(),
        }),
        Err(e) => Err(ExportError::NotFaithful {
            format,
            message: e.to_string(),
        }),
    }
}

/// Checks a file's bytes as a browser's file picker delivers them before anything is parsed:
/// their size, then that they are UTF-8 text.
///
/// # Errors
/// [`ImportError::TooLarge`] and [`ImportError::NotText`].
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{text_of, ImportError};
/// assert_eq!(text_of(b"{}"), Ok("{}"));
/// assert_eq!(text_of(&[0xff, 0xfe]), Err(ImportError::NotText { offset: 0 }));
/// ```
pub fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    check_size(bytes.len())?;
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotText {
        offset: e.valid_up_to(),
    })
}

/// Reads a JSON plan file, as the autosave, My plans and share links keep it, migrating older
/// versions. This is the page's start-up path: it needs no YAML reader. Text that is not JSON
/// (a YAML file) is refused as a JSON syntax error; the file worker reads YAML
/// ([`crate::jobs`]).
///
/// # Errors
/// As `import`: too large, empty, malformed, not a plan file, a version from a newer build,
/// or fields that do not describe a plan.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{import_json, to_json, ImportError};
/// use headroom_core::plan::Plan;
/// assert_eq!(import_json(&to_json(&Plan::default()).unwrap()), Ok(Plan::default()));
/// assert!(matches!(
///     import_json("{\"headroom_plan\": 7, \"plan\": {}}"),
///     Err(ImportError::TooNew { version: 7, .. })
/// ));
/// ```
pub fn import_json(text: &str) -> Result<Plan, ImportError> {
    let text = plain_text(text)?;
    let document = json::parse(text).map_err(json_error)?;
    read_document(document, Format::Json)
}

/// [`import_json`], with the plan's document (migrated to the current version) it was read
/// from: the trials work on the document ([`crate::montecarlo::Simulation::of_document`]).
pub fn import_json_document(text: &str) -> Result<(Plan, Value), ImportError> {
    let text = plain_text(text)?;
    let document = json::parse(text).map_err(json_error)?;
    let plan = migrated(document, Format::Json)?;
    Ok((read_plan(&plan, Format::Json)?, plan))
}

/// The text of a plan file without its byte-order mark, refused when too large or empty.
pub(super) fn plain_text(text: &str) -> Result<&str, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        Err(ImportError::Empty)
    } else {
        Ok(text)
    }
}

/// Reads the envelope of a parsed plan file (in either format): its version, its keys, and the
/// plan under `plan`, migrated to the current version.
pub(super) fn read_document(document: Value, format: Format) -> Result<Plan, ImportError> {
    read_plan(&migrated(document, format)?, format)
}

/// The plan under `plan` in a parsed plan file, migrated to the current version, once its
/// envelope (version, keys) is checked.
fn migrated(document: Value, format: Format) -> Result<Value, ImportError> {
    let Value::Object(mut top) = document else {
        return Err(not_a_mapping());
    };
    let version = read_version(top.get(FORMAT_KEY))?;
    if let Some(unknown) = top
        .keys()
        .find(|key| ![FORMAT_KEY, "plan", RESULTS_KEY].contains(&key.as_str()))
    {
        return Err(ImportError::Content {
            format,
            message: format!(
                "unknown key `{}` at the top (expected `{FORMAT_KEY}`, `plan` and \
                 optionally `{RESULTS_KEY}`)",
                excerpt(unknown)
            ),
            position: None,
        });
    }
    let plan = top
        .remove("plan")
        .ok_or_else(|| ImportError::NotAPlanFile {
            message: "there is no `plan` key at the top".to_owned(),
        })?;
    migrate(version, plan)
}

/// The plan in a migrated plan document, or what is wrong with it, prefixed with the path of
/// the field at fault (``at `plan.baseline.units`: invalid type …``).
fn read_plan(plan: &Value, format: Format) -> Result<Plan, ImportError> {
    plan_reader::read(plan).map_err(|e| {
        let message = content_message(&e.message);
        ImportError::Content {
            format,
            message: if e.path.is_empty() {
                message
            } else {
                format!("at `plan.{}`: {message}", excerpt(&e.path))
            },
            position: None,
        }
    })
}

pub(super) fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES {
        Err(ImportError::TooLarge {
            bytes,
            max: MAX_FILE_BYTES,
        })
    } else {
        Ok(())
    }
}

pub(super) fn not_a_mapping() -> ImportError {
    ImportError::NotAPlanFile {
        message: format!(
            "the top level must be a mapping with the keys `{FORMAT_KEY}` and `plan` (and \
             optionally `{RESULTS_KEY}`)"
        ),
    }
}

fn read_version(found: Option<&Value>) -> Result<u32, ImportError> {
    let found = found.ok_or_else(|| ImportError::NotAPlanFile {
        message: format!(
            "it has no `{FORMAT_KEY}` version at the top (a plan file starts with \
             `{FORMAT_KEY}: {PLAN_SCHEMA_VERSION}`, followed by `plan:`)"
        ),
    })?;
    let version = found
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| ImportError::BadVersion {
            found: excerpt(&json::write(found)),
        })?;
    check_version(version)?;
    Ok(version)
}

/// A field problem from serde's derived code in plain words: Rust type names are left out,
/// and quoted input is cut to an excerpt. (A day that does not read says so itself:
/// [`crate::plan::day::NOT_A_DAY`].)
pub(super) fn content_message(message: &str) -> String {
    let mut words = message.to_owned();
    for (developer, plain) in [
        ("expected struct ", "expected a mapping of fields, for "),
        ("expected enum ", "expected one of the known kinds, for "),
        ("expected a sequence", "expected a list"),
    ] {
        words = crate::text::replace_all(&words, developer, plain);
    }
    bounded_message(&words)
}

fn json_error(error: json::SyntaxError) -> ImportError {
    ImportError::Syntax {
        format: Format::Json,
        message: error.message.to_owned(),
        position: Some(Position {
            line: error.line as u64,
            column: error.column as u64,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migration_table_matches_the_schema_version() {
        assert_eq!(MIGRATIONS.len() + 1, PLAN_SCHEMA_VERSION as usize);
    }

    #[test]
    fn versions_outside_the_known_range_are_refused() {
        assert!(matches!(
            migrate(0, Value::Null),
            Err(ImportError::BadVersion { .. })
        ));
        assert!(matches!(
            import_json("{\"headroom_plan\": -1, \"plan\": {}}"),
            Err(ImportError::BadVersion { .. })
        ));
        assert!(matches!(
            import_json("{\"headroom_plan\": \"1\", \"plan\": {}}"),
            Err(ImportError::BadVersion { .. })
        ));
    }
}
