//! The JSON Schema (draft 2020-12) of a plan file of the current version, described by the
//! reader itself: every [`Read`] impl has a `schema` beside its `read`, naming the same fields,
//! saying which are required and which take a default, and the ranges of the same
//! [`NumberSpec`]s validation uses (`crate::validate::specs`).
//!
//! [`schema`] is the whole file: the envelope `plan_file` reads (`headroom_plan`, `plan`, an
//! optional `results`) around the plan. `docs/plan.schema.json` is this schema written out
//! (`cargo run -p headroom-core --example plan_schema > docs/plan.schema.json`);
//! `core/tests/plan_schema.rs` fails when the two differ and checks the schema against the
//! reader on every single change of the templates' plans.
//!
//! What a schema cannot say is left to validation and said in the descriptions: rules across
//! fields (a catalog name that must exist, `max_instances` ≥ `min_instances`, growth less
//! churn, distinct names), names that are blank or hold invisible characters, and the voice
//! policy's ranges, which apply only to plans with voice.
//!
//! Built with the `yaml` feature only: neither the page nor the worker calls it.

use super::Read;
use crate::codec::json::object;
use crate::codec::plan_file::{FORMAT_KEY, RESULTS_KEY};
use crate::input::NumberSpec;
use crate::plan::{Named, Plan, PLAN_SCHEMA_VERSION};
use crate::validate::MAX_NAME_CHARS;
use serde_json::{Map, Value};

/// The JSON Schema of a plan file of version [`PLAN_SCHEMA_VERSION`].
///
/// # Example
/// ```
/// use headroom_core::codec::plan_reader::schema;
/// let schema = schema();
/// assert_eq!(schema["properties"]["headroom_plan"]["const"], 1);
/// assert_eq!(schema["$defs"]["Plan"]["additionalProperties"], false);
/// ```
pub fn schema() -> Value {
    let mut defs = Defs::default();
    let plan = defs.of::<Plan>();
    let envelope = fields(
        &format!(
            "A Headroom plan file of version {PLAN_SCHEMA_VERSION} (docs/plan-format.md). Files \
             of older versions are updated when Headroom opens them; this schema describes the \
             current version only. Rules across fields (catalog names that must exist, \
             distinct names, maximum at least minimum) are checked by Headroom when it opens \
             the plan, not here."
        ),
        vec![
            req(
                FORMAT_KEY,
                described(
                    object(vec![("const", PLAN_SCHEMA_VERSION.into())]),
                    "Version of the plan format the file is written in.",
                ),
            ),
            req("plan", plan),
            opt(
                RESULTS_KEY,
                described(
                    object(vec![]),
                    "Figures Headroom computed from `plan`, for reading: ignored when the \
                     file is opened (results are computed again).",
                ),
            ),
        ],
    );
    let Value::Object(envelope) = envelope else {
        unreachable!("fields() makes an object")
    };
    let mut top = Map::new();
    top.insert(
        "$schema".to_owned(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    top.insert(
        "title".to_owned(),
        format!("Headroom plan file, version {PLAN_SCHEMA_VERSION}").into(),
    );
    top.extend(envelope);
    top.insert(
        "$defs".to_owned(),
        Value::Object(defs.defs.into_iter().collect()),
    );
    Value::Object(top)
}

/// [`schema`] as the text of `docs/plan.schema.json`: indented by two spaces, with a newline
/// at the end.
pub fn schema_text() -> String {
    let mut text = crate::codec::json::write_pretty(&schema());
    text.push('\n');
    text
}

/// The named parts of a schema (`$defs`), each type once, in the order first met.
#[derive(Default)]
pub(super) struct Defs {
    defs: Vec<(String, Value)>,
}

impl Defs {
    /// `{"$ref": "#/$defs/<T>"}`, with `T`'s schema added to the definitions the first time.
    pub(super) fn of<T: Read>(&mut self) -> Value {
        let name = std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or_default()
            .to_owned();
        if !self.defs.iter().any(|(n, _)| *n == name) {
            let at = self.defs.len();
            self.defs.push((name.clone(), Value::Null));
            self.defs[at].1 = T::schema(self);
        }
        object(vec![("$ref", format!("#/$defs/{name}").into())])
    }
}

/// One field of a mapping: its name, its schema and whether it must be there.
pub(super) struct Field {
    name: &'static str,
    schema: Value,
    required: bool,
}

/// A field that must be there.
pub(super) fn req(name: &'static str, schema: Value) -> Field {
    Field {
        name,
        schema,
        required: true,
    }
}

/// A field that may be left out.
pub(super) fn opt(name: &'static str, schema: Value) -> Field {
    Field {
        name,
        schema,
        required: false,
    }
}

/// A field that takes `default` when left out.
pub(super) fn or(name: &'static str, schema: Value, default: impl Into<Value>) -> Field {
    opt(name, with(schema, "default", default.into()))
}

/// `schema` with `key` set to `value`.
pub(super) fn with(mut schema: Value, key: &str, value: Value) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert(key.to_owned(), value);
    }
    schema
}

/// `schema` with a description.
pub(super) fn described(schema: Value, description: &str) -> Value {
    with(schema, "description", description.into())
}

/// A mapping with these fields and no other (the reader refuses unknown keys).
pub(super) fn fields(description: &str, fields: Vec<Field>) -> Value {
    let required: Vec<Value> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.into())
        .collect();
    let properties = fields.into_iter().map(|f| (f.name, f.schema)).collect();
    let mut parts = vec![
        ("description", description.into()),
        ("type", "object".into()),
        ("properties", object(properties)),
    ];
    if !required.is_empty() {
        parts.push(("required", Value::Array(required)));
    }
    parts.push(("additionalProperties", false.into()));
    object(parts)
}

/// An internally tagged model: a mapping whose `tag` key names one of `models` (name,
/// description, fields), with that model's fields and no other.
pub(super) fn models(
    description: &str,
    tag: &'static str,
    models: Vec<(&'static str, &str, Vec<Field>)>,
) -> Value {
    let one_of = models
        .into_iter()
        .map(|(name, about, mut own)| {
            own.insert(0, req(tag, object(vec![("const", name.into())])));
            fields(about, own)
        })
        .collect();
    object(vec![
        ("description", description.into()),
        ("oneOf", Value::Array(one_of)),
    ])
}

/// A number in `spec`'s range, described by its label and unit.
pub(super) fn number(spec: NumberSpec) -> Value {
    ranged("number", spec)
}

/// A whole number (`u32`, `i32` fields) in `spec`'s range.
pub(super) fn count(spec: NumberSpec) -> Value {
    ranged("integer", spec)
}

fn ranged(kind: &str, spec: NumberSpec) -> Value {
    let label = if spec.unit.is_empty() {
        spec.label.to_owned()
    } else {
        format!("{} ({})", spec.label, spec.unit)
    };
    object(vec![
        ("description", label.into()),
        ("type", kind.into()),
        ("minimum", bound(spec.min)),
        ("maximum", bound(spec.max)),
    ])
}

/// A bound as a whole number when it is one (`0`, not `0.0`).
fn bound(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        (x as i64).into()
    } else {
        x.into()
    }
}

/// A whole number of a Rust integer type's range.
pub(super) fn integer(min: i64, max: i64) -> Value {
    object(vec![
        ("type", "integer".into()),
        ("minimum", min.into()),
        ("maximum", max.into()),
    ])
}

/// A name, as validation checks it: not empty, at most [`MAX_NAME_CHARS`] characters (and,
/// which the schema does not check, not blank and without invisible characters).
pub(super) fn name(description: &str) -> Value {
    object(vec![
        ("description", description.into()),
        ("type", "string".into()),
        ("minLength", 1.into()),
        ("maxLength", MAX_NAME_CHARS.into()),
    ])
}

/// A string; `description` says what it holds.
pub(super) fn text(description: &str) -> Value {
    object(vec![
        ("description", description.into()),
        ("type", "string".into()),
    ])
}

/// A string of `pattern`, described.
pub(super) fn written(pattern: &str, description: &str) -> Value {
    object(vec![
        ("description", description.into()),
        ("type", "string".into()),
        ("pattern", pattern.into()),
    ])
}

/// One of a choice's names ([`Named::NAMES`]).
pub(super) fn choice<T: Named>() -> Value {
    let names = T::NAMES.iter().map(|(name, _)| (*name).into()).collect();
    object(vec![
        ("type", "string".into()),
        ("enum", Value::Array(names)),
    ])
}

/// A list of `items`, from `min` to `max` entries.
pub(super) fn list(items: Value, min: usize, max: usize) -> Value {
    let mut parts = vec![("type", "array".into()), ("items", items)];
    if min > 0 {
        parts.push(("minItems", min.into()));
    }
    parts.push(("maxItems", max.into()));
    object(parts)
}

/// `schema`, or `null`.
pub(super) fn nullable(schema: Value) -> Value {
    object(vec![(
        "anyOf",
        Value::Array(vec![schema, object(vec![("type", "null".into())])]),
    )])
}
