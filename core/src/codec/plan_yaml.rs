//! YAML plan files, and plan files that carry their results: the file worker's half of
//! [`plan_file`](super::plan_file), built only with the `yaml` feature.
//!
//! The page's first download reads and writes plans as JSON only (the autosave, My plans and
//! share links are JSON): `serde-saphyr`, the YAML writer (`yaml_writer`) and the results
//! section stay out of it. Everything
//! here is re-exported from [`plan_file`](super::plan_file), so a caller built with the feature
//! sees one module. See [`plan_file`](super::plan_file) for the format and its versions.
//!
//! # Reading is bounded
//!
//! YAML is parsed under a budget ([`yaml_options`]: nesting depth, node and event counts,
//! anchors, aliases and alias replay), so deep nesting and "billion laughs" alias bombs fail
//! quickly with [`ImportError::TooComplex`].

use serde_json::Value;

use super::plan_file::{
    check_faithful, document, import_json, plain_text, read_document, text_of, to_json,
    ExportError, Format, ImportError, Position, MAX_FILE_BYTES, RESULTS_KEY,
};
use crate::codec::results;
use crate::codec::yaml_writer::{self, Style};
use crate::engine::PlanResults;
use crate::plan::Plan;
use crate::text::{bounded_message, excerpt};
use crate::validate::ValidPlan;

/// The results section's layout: the columns and each month's row as flow sequences, one
/// line each.
const RESULTS_STYLE: Style<'static> = Style {
    flow_keys: &["columns", "months"],
    literal_blocks: false,
};

/// The parsing budget applied to YAML plan files: far above any real plan (the default plan is
/// about 400 nodes), far below what would take noticeable time or memory.
///
/// Depth 32, 100 000 events, 50 000 nodes, 1 MiB of scalar text, 100 anchors, 1 000 aliases
/// (and at most 10 per anchor, 10 000 replayed events in all), one document, no merge keys.
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_FILE_BYTES),
            max_events: 100_000,
            max_aliases: 1_000,
            max_anchors: 100,
            max_recorded_anchor_events: 10_000,
            max_recorded_anchor_bytes: MAX_FILE_BYTES,
            max_depth: 32,
            max_inclusion_depth: 0,
            max_documents: 1,
            max_nodes: 50_000,
            max_total_scalar_bytes: MAX_FILE_BYTES,
            max_merge_keys: 0,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 8,
            max_alias_expansions_per_anchor: 10,
        },
        merge_keys: serde_saphyr::options::MergeKeyPolicy::Error,
        with_snippet: false,
    }
}

/// Writes `plan` as a YAML plan file.
///
/// # Errors
/// [`ExportError`] when the plan cannot be written so that [`import`] reads back the same plan
/// (a number that is not finite).
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{import, to_yaml};
/// use headroom_core::plan::Plan;
/// let text = to_yaml(&Plan::default()).unwrap();
/// assert!(text.starts_with("headroom_plan: 1\n"));
/// assert_eq!(import(&text).unwrap(), Plan::default());
/// ```
pub fn to_yaml(plan: &Plan) -> Result<String, ExportError> {
    let text = yaml_writer::to_string(&document(plan), Style::default());
    check_faithful(plan, &text, Format::Yaml, import)?;
    Ok(text)
}

/// Writes `plan` in `format`; see [`to_yaml`] and [`to_json`].
///
/// # Errors
/// As [`to_yaml`] and [`to_json`].
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{export, Format};
/// use headroom_core::plan::Plan;
/// assert!(export(&Plan::default(), Format::Json).unwrap().starts_with('{'));
/// ```
pub fn export(plan: &Plan, format: Format) -> Result<String, ExportError> {
    match format {
        Format::Yaml => to_yaml(plan),
        Format::Json => to_json(plan),
    }
}

/// Writes `plan` in `format` with a `results` section holding `results` (which must be
/// `engine::run(plan)`): the plan's inputs and what Headroom computed from them, in one file.
/// [`import`] reads such a file back to exactly `plan`, ignoring the results. In YAML a comment
/// above the section says it is derived; in both formats its `derived` field says so.
///
/// # Errors
/// As [`to_yaml`] and [`to_json`].
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{export_with_results, import, Format};
/// use headroom_core::{engine, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let text = export_with_results(&plan, &engine::run(&plan), Format::Yaml).unwrap();
/// assert!(text.contains("\nresults:\n"));
/// assert_eq!(import(&text).unwrap(), Plan::default());
/// ```
pub fn export_with_results(
    plan: &ValidPlan,
    results: &PlanResults,
    format: Format,
) -> Result<String, ExportError> {
    let section = results::section(plan, results).document();
    let text = match format {
        Format::Yaml => {
            let mut text = to_yaml(plan.plan())?;
            text.push_str(
                "# results: derived from `plan` by Headroom, for reading only; opening the file \
                 ignores them and computes the results again.\n",
            );
            let mut only = serde_json::Map::new();
            only.insert(RESULTS_KEY.to_owned(), section);
            text.push_str(&yaml_writer::to_string(&Value::Object(only), RESULTS_STYLE));
            text
        }
        Format::Json => {
            let mut file = document(plan.plan());
            if let Value::Object(top) = &mut file {
                top.insert(RESULTS_KEY.to_owned(), section);
            }
            let mut text = super::json::write_pretty(&file);
            text.push('\n');
            text
        }
    };
    check_faithful(plan.plan(), &text, format, import)?;
    Ok(text)
}

/// Reads a plan file given as bytes, as a browser's file picker delivers it: checks the size
/// before anything else, then that it is UTF-8, then imports it as [`import`] does.
///
/// # Errors
/// [`ImportError::TooLarge`], [`ImportError::NotText`] and every error of [`import`].
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{import_bytes, ImportError};
/// assert_eq!(import_bytes(&[0xff, 0xfe]), Err(ImportError::NotText { offset: 0 }));
/// ```
pub fn import_bytes(bytes: &[u8]) -> Result<Plan, ImportError> {
    import(text_of(bytes)?)
}

/// Reads a YAML or JSON plan file (detected by [`Format::detect`]), migrating older versions.
///
/// The result is a plan document, not yet a checked one: pass it to
/// [`Plan::validate`](crate::plan::Plan::validate) before sizing with it.
///
/// # Errors
/// An [`ImportError`] saying what is wrong and, where the parser knows, at which line and
/// column: too large, empty, malformed, too complex, not a plan file, a version from a newer
/// build, or fields that do not describe a plan.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{import, ImportError};
/// let error = import("headroom_plan: 7\nplan: {}\n").unwrap_err();
/// assert!(matches!(error, ImportError::TooNew { version: 7, supported: 1 }));
/// assert!(error.to_string().contains("newer Headroom"));
/// ```
pub fn import(text: &str) -> Result<Plan, ImportError> {
    let text = plain_text(text)?;
    match Format::detect(text) {
        Format::Json => import_json(text),
        Format::Yaml => {
            let document = serde_saphyr::from_str_with_options(text, untyped_yaml_options())
                .map_err(|e| yaml_error(&e, Format::Yaml))?;
            read_document(document, Format::Yaml)
        }
    }
}

/// Options for reading YAML into an untyped document: without target types to say that a field
/// is a string, only `true`/`false` are booleans, so a name `no` stays text.
fn untyped_yaml_options() -> serde_saphyr::Options {
    let mut options = yaml_options();
    options.strict_booleans = true;
    options
}

/// Classifies a YAML error: budget breaches and alias limits (in words, without the parser's
/// type names), more than one document, field problems and syntax errors. Every message is
/// bounded ([`bounded_message`]): quoted input is cut to a short excerpt.
fn yaml_error(error: &serde_saphyr::Error, format: Format) -> ImportError {
    use serde_saphyr::{Error as E, MessageFormatter as _};
    let position = error.location().filter(|l| l.line() > 0).map(|l| Position {
        line: l.line(),
        column: l.column(),
    });
    let mut inner = error.without_snippet();
    // An error met while replaying an alias wraps the error itself.
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = inner {
        inner = error;
    }
    let too_complex = |message: &str| ImportError::TooComplex {
        message: message.to_owned(),
        position,
    };
    match inner {
        E::Budget { breach, .. } => match budget_words(breach) {
            Some(words) => return too_complex(words),
            None => return several_documents(),
        },
        E::MultipleDocuments { .. } => return several_documents(),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => return too_complex(ALIASES_REPEAT),
        E::DuplicateMappingKey { key, .. } => {
            let key = key
                .as_deref()
                .map(|k| format!(" `{}`", excerpt(k)))
                .unwrap_or_default();
            return ImportError::Syntax {
                format,
                message: format!("the key{key} appears twice in the same mapping"),
                position,
            };
        }
        E::NonFiniteFloat { value, .. } => {
            return ImportError::Content {
                format,
                message: format!(
                    "the number `{}` is too large or not a number (plans hold finite numbers)",
                    excerpt(value)
                ),
                position,
            }
        }
        E::UnknownAnchor { .. } => {
            return ImportError::Syntax {
                format,
                message: "an alias (`*name`) refers to an anchor (`&name`) that is not defined                           before it"
                    .to_owned(),
                position,
            }
        }
        _ => {}
    }
    // The message alone, as the parser's own formatter words it: its location is reported
    // separately, and its rendering of the error (with a snippet of the file, through
    // annotate-snippets: 14 KB of the worker) is never shown.
    let message = bounded_message(&serde_saphyr::DefaultMessageFormatter.format_message(inner));
    if message.starts_with("budget breached") {
        too_complex(ALIASES_REPEAT)
    } else if is_content_error(&message) {
        ImportError::Content {
            format,
            message,
            position,
        }
    } else {
        ImportError::Syntax {
            format,
            message,
            position,
        }
    }
}

const ALIASES_REPEAT: &str = "aliases (`*name`) repeat parts of the file more often than a plan \
                              ever needs";

/// A YAML stream of two or more documents, which a plan file never is.
fn several_documents() -> ImportError {
    ImportError::NotAPlanFile {
        message: "it holds more than one YAML document (a line `---` starts another one); a plan \
                  file is a single document"
            .to_owned(),
    }
}

/// A parsing budget breach in words; `None` for more than one document, which is not about
/// complexity.
fn budget_words(breach: &serde_saphyr::budget::BudgetBreach) -> Option<&'static str> {
    use serde_saphyr::budget::BudgetBreach as B;
    Some(match breach {
        B::Documents { .. } => return None,
        B::Depth { .. } | B::InclusionDepth { .. } => {
            "it is nested more than 32 levels deep (a plan needs fewer than 10)"
        }
        B::Anchors { .. } => "it defines more than 100 anchors (`&name`)",
        B::Aliases { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => ALIASES_REPEAT,
        B::MergeKeys { .. } => "it uses merge keys (`<<`), which plan files do not",
        B::InputBytes { .. } | B::ScalarBytes { .. } => "it holds more text than a plan file can",
        B::Events { .. } | B::Nodes { .. } => "it holds far more values than any plan",
        _ => "it is more complex than any plan",
    })
}

/// Whether a message from serde's derived code (rather than from the YAML parser) describes a
/// field that is wrong for a plan.
fn is_content_error(message: &str) -> bool {
    [
        "unknown field",
        "missing field",
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid length",
        "is not a",
        "invalid u32",
        "invalid i32",
        "invalid f64",
        "duplicate field",
        "expected mapping",
        "expected sequence",
    ]
    .iter()
    .any(|needle| message.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_that_is_not_a_whole_number_is_refused_in_yaml_too() {
        assert!(matches!(
            import("headroom_plan: -1\nplan: {}\n"),
            Err(ImportError::BadVersion { .. })
        ));
    }
}
