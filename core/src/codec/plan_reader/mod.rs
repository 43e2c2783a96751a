//! The plan in a plan document: [`read`] turns the untyped document (JSON or YAML, already
//! migrated) into a [`Plan`], or says which field is wrong and why.
//!
//! This is the one reader of plans that the page and the file worker run. It is written out by
//! hand rather than derived: serde's derived reading code, compiled for `serde_json`, was about
//! 40 KB of the page's gzipped first download and as much of the worker's (BENCHMARKS.md), and
//! the untyped document is already in hand. Reading by hand also knows where it is, so every
//! message names the field itself, inside lists and the growth and traffic models too.
//!
//! # What it accepts, and the words it uses
//!
//! The same documents as the plan's serde derive (`core/tests/by_hand.rs` checks both on
//! thousands of altered plans), with its words ("invalid type: string \"many\", expected f64",
//! "unknown field `untis`, expected one of …", "missing field `units`"), which
//! [`super::plan_file`] puts in plain words and prefixes with the path:
//! - a struct is a mapping; no field outside its own; a field with a default may be left out;
//! - a model (`growth`, `traffic`, `peak`) is a mapping whose `model` or `shape` key names it;
//! - a whole number (`u32`, `i32`) is an integer in range; a number (`f64`) any number;
//! - a list is a sequence; a choice (`between`, `shape`, `topology`, `forecast_bound`, `target`) a
//!   string;
//! - days, months and month-days are strings ([`crate::plan::day`], `YearMonth`, `MonthDay`).
//!
//! Two things the derive also took and this reader does not: a struct written as a list of its
//! values in field order, and a choice written as a one-key mapping (`{linear: null}`). Neither
//! is written by Headroom or documented in `docs/plan-format.md`.
//!
//! # Where
//!
//! [`ReadError::path`] joins keys with `.` and writes list indices `[i]` with no dot before them
//! (`baseline.other_costs[0].name`); the top of the plan is the empty path. A missing field is
//! reported at the mapping that lacks it; an unknown field at that field.
//!
//! # Files
//!
//! This file holds the reading itself (where, fields, models, numbers, text, choices) and the
//! plan's top; each section of the plan is read in a file of its own: `baseline.rs`,
//! `scenarios.rs`, `policies.rs`, `catalogs.rs` and `uncertainty.rs` (the ranges). Beside each reading is the schema of what
//! it reads; `schema.rs` puts them together into the plan file's JSON Schema
//! (`docs/plan.schema.json`), with the `yaml` feature.

use crate::plan::{
    day, Catalogs, ForecastBound, Interpolation, MonthDay, Named, Plan, RedisTopology, TrendShape,
    VoiceTarget, YearMonth,
};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::fmt::Write;

mod baseline;
mod catalogs;
mod policies;
mod scenarios;
#[cfg(feature = "yaml")]
mod schema;
mod uncertainty;

#[cfg(feature = "yaml")]
use schema::{fields, opt, or, req, Defs};
#[cfg(feature = "yaml")]
pub use schema::{schema, schema_text};

/// A field that does not describe a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Where: `baseline.other_costs[0].name`; empty at the top of the plan.
    pub path: String,
    /// What, in serde's words (`invalid type: string "many", expected f64`).
    pub message: String,
}

/// A [`ReadError`] on its way out of the reading: boxed, so that every field's `?` moves a
/// pointer rather than the two strings (the reader is one of the largest functions of the
/// page's first download, and most of it is these moves).
type Fault = Box<ReadError>;

/// The plan in `document` (the value under a plan file's `plan` key, migrated).
///
/// # Example
/// ```
/// use headroom_core::codec::plan_reader::read;
/// use headroom_core::plan::Plan;
/// let mut document = serde_json::to_value(Plan::default()).unwrap();
/// assert_eq!(read(&document), Ok(Plan::default()));
/// document["baseline"]["units"] = "many".into();
/// let error = read(&document).unwrap_err();
/// assert_eq!(error.path, "baseline.units");
/// assert_eq!(error.message, "invalid type: string \"many\", expected f64");
/// ```
pub fn read(document: &Value) -> Result<Plan, ReadError> {
    Plan::read(document, &At::TOP).map_err(|e| *e)
}

/// The catalogs in `document` (the value under a plan's `catalogs` key); paths in errors start
/// inside it (`instances[2].vcpu`).
#[cfg(feature = "yaml")]
pub(crate) fn read_catalogs(document: &Value) -> Result<Catalogs, ReadError> {
    Catalogs::read(document, &At::TOP).map_err(|e| *e)
}

/// The fields of an entry of catalog `kind`, in their declared order.
#[cfg(feature = "yaml")]
pub(crate) fn catalog_fields(kind: crate::edit::CatalogKind) -> &'static [&'static str] {
    use crate::edit::CatalogKind;
    match kind {
        CatalogKind::Instances => catalogs::INSTANCE_FIELDS,
        CatalogKind::Databases => catalogs::DATABASE_FIELDS,
        CatalogKind::Redis => catalogs::REDIS_FIELDS,
        CatalogKind::GpuNodes => catalogs::GPU_NODE_FIELDS,
    }
}

/// Where reading is: a chain of steps from the top, turned into text only for an error.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Top,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    const TOP: At<'static> = At {
        parent: None,
        step: Step::Top,
    };

    fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            steps.push(here.step);
            at = here.parent;
        }
        let mut path = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Top => {}
                Step::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Step::Index(index) => {
                    let _ = write!(path, "[{index}]");
                }
            }
        }
        path
    }

    fn fail(&self, message: String) -> Fault {
        Box::new(ReadError {
            path: self.path(),
            message,
        })
    }

    /// `invalid type: <what was found>, expected <expected>`.
    fn wrong_type(&self, found: &Value, expected: &str) -> Fault {
        self.fail(format!(
            "invalid type: {}, expected {expected}",
            described(found)
        ))
    }
}

/// A value as serde's messages name it (`string "many"`, `integer `5``, `map`).
fn described(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {}", crate::text::debug_quoted(s)),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
}

/// `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``: serde's list of what was expected.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// A value read from its place in the document.
///
/// Each impl also says, beside `read`, what `read` accepts as a JSON Schema
/// ([`schema::schema`], with the `yaml` feature): the same fields, which are required, the
/// choices' names and the ranges validation checks.
trait Read: Sized {
    fn read(value: &Value, at: &At) -> Result<Self, Fault>;

    /// The schema of the values `read` accepts; named types go in `defs` ([`Defs::of`]).
    #[cfg(feature = "yaml")]
    fn schema(defs: &mut Defs) -> Value;
}

/// A schema of one `type`, nothing more.
#[cfg(feature = "yaml")]
fn of_type(name: &str) -> Value {
    super::json::object(vec![("type", name.into())])
}

impl Read for f64 {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        value.as_f64().ok_or_else(|| at.wrong_type(value, "f64"))
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        of_type("number")
    }
}

/// A whole number of type `T` (`u32`, `i32`), named `name` in messages.
fn whole<T: TryFrom<i64> + TryFrom<u64>>(value: &Value, at: &At, name: &str) -> Result<T, Fault> {
    let out_of_range = || {
        at.fail(format!(
            "invalid value: {}, expected {name}",
            described(value)
        ))
    };
    match value {
        Value::Number(n) if n.is_u64() => n
            .as_u64()
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(out_of_range),
        Value::Number(n) if n.is_i64() => n
            .as_i64()
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(out_of_range),
        _ => Err(at.wrong_type(value, name)),
    }
}

impl Read for u32 {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        whole(value, at, "u32")
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        schema::integer(0, u32::MAX.into())
    }
}

impl Read for i32 {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        whole(value, at, "i32")
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        schema::integer(i32::MIN.into(), i32::MAX.into())
    }
}

impl Read for bool {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        value
            .as_bool()
            .ok_or_else(|| at.wrong_type(value, "a boolean"))
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        of_type("boolean")
    }
}

/// The text of a string value.
fn text<'v>(value: &'v Value, at: &At) -> Result<&'v str, Fault> {
    value
        .as_str()
        .ok_or_else(|| at.wrong_type(value, "a string"))
}

impl Read for String {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        text(value, at).map(str::to_owned)
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        of_type("string")
    }
}

impl Read for NaiveDate {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        day::parse(text(value, at)?).ok_or_else(|| at.fail(day::NOT_A_DAY.to_owned()))
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        schema::with(schema::text("A day, YYYY-MM-DD."), "format", "date".into())
    }
}

impl Read for YearMonth {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        text(value, at)?.parse().map_err(|message| at.fail(message))
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        schema::written(
            "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])$",
            "A calendar month, YYYY-MM, in the years 1900–2200.",
        )
    }
}

impl Read for MonthDay {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        text(value, at)?.parse().map_err(|message| at.fail(message))
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        schema::written(
            "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            "A day of the year, MM-DD (02-29 allowed; a day the month does not have is \
             refused when the plan is opened).",
        )
    }
}

impl<T: Read> Read for Option<T> {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        match value {
            Value::Null => Ok(None),
            value => T::read(value, at).map(Some),
        }
    }

    #[cfg(feature = "yaml")]
    fn schema(defs: &mut Defs) -> Value {
        schema::nullable(T::schema(defs))
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let items = value
            .as_array()
            .ok_or_else(|| at.wrong_type(value, "a sequence"))?;
        // A loop rather than `collect` into a `Result`: its adapter is compiled again for each
        // item type, and larger.
        let mut read = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            read.push(T::read(item, &at.index(i))?);
        }
        Ok(read)
    }

    #[cfg(feature = "yaml")]
    fn schema(defs: &mut Defs) -> Value {
        super::json::object(vec![("type", "array".into()), ("items", T::schema(defs))])
    }
}

/// One of a choice's names ([`Named::NAMES`]), as the value it names; `expected` names the
/// choice when the value is not a string (`enum Interpolation`).
fn choice<T: Named>(value: &Value, at: &At, expected: &str) -> Result<T, Fault> {
    choice_index(value, at, expected, T::WORDS).map(|i| T::NAMES[i].1)
}

/// The position of `value`'s name among a choice's `names`: what reading a choice does
/// whatever its type, compiled once for every choice rather than once per choice.
fn choice_index(value: &Value, at: &At, expected: &str, names: &[&str]) -> Result<usize, Fault> {
    let Value::String(name) = value else {
        return Err(at.wrong_type(value, expected));
    };
    names.iter().position(|n| n == name).ok_or_else(|| {
        at.fail(format!(
            "unknown variant `{name}`, expected {}",
            one_of(names)
        ))
    })
}

/// [`Read`] for choices: one of the choice's names ([`Named::NAMES`]); a value that is not a
/// string is named `enum <type>` in messages.
macro_rules! read_choice {
    ($($ty:ident),+) => {$(
        impl Read for $ty {
            fn read(value: &Value, at: &At) -> Result<Self, Fault> {
                choice(value, at, concat!("enum ", stringify!($ty)))
            }

            #[cfg(feature = "yaml")]
            fn schema(_: &mut Defs) -> Value {
                schema::choice::<Self>()
            }
        }
    )+};
}

read_choice!(
    Interpolation,
    TrendShape,
    ForecastBound,
    RedisTopology,
    VoiceTarget
);

/// The fields of one mapping, read by name.
struct Fields<'v, 'a> {
    map: &'v Map<String, Value>,
    at: &'a At<'a>,
}

impl<'v, 'a> Fields<'v, 'a> {
    /// The mapping `value` with no key outside `known`; `expected` names it when it is not a
    /// mapping (`struct Baseline`).
    fn of(value: &'v Value, at: &'a At<'a>, expected: &str, known: &[&str]) -> Result<Self, Fault> {
        let map = value
            .as_object()
            .ok_or_else(|| at.wrong_type(value, expected))?;
        Self::checked(map, at, known, known)
    }

    /// `map`, refusing a key outside `allowed`; an error lists `expected`.
    fn checked(
        map: &'v Map<String, Value>,
        at: &'a At<'a>,
        allowed: &[&str],
        expected: &[&str],
    ) -> Result<Self, Fault> {
        if let Some(unknown) = map.keys().find(|key| !allowed.contains(&key.as_str())) {
            let message = if expected.is_empty() {
                format!("unknown field `{unknown}`, there are no fields")
            } else {
                format!("unknown field `{unknown}`, expected {}", one_of(expected))
            };
            return Err(at.key(unknown).fail(message));
        }
        Ok(Self { map, at })
    }

    /// A field that must be there.
    fn req<T: Read>(&self, name: &str) -> Result<T, Fault> {
        match self.map.get(name) {
            Some(value) => T::read(value, &self.at.key(name)),
            None => Err(self.at.fail(format!("missing field `{name}`"))),
        }
    }

    /// A field that takes `default` when left out.
    fn or<T: Read>(&self, name: &str, default: T) -> Result<T, Fault> {
        match self.map.get(name) {
            Some(value) => T::read(value, &self.at.key(name)),
            None => Ok(default),
        }
    }

    /// A field that takes its type's default when left out.
    fn opt<T: Read + Default>(&self, name: &str) -> Result<T, Fault> {
        self.or(name, T::default())
    }

    /// A number that may be left out or `null` (`None`): [`Fields::opt`] compiled once for
    /// every such field, not inlined at each.
    #[inline(never)]
    fn opt_number(&self, name: &str) -> Result<Option<f64>, Fault> {
        self.opt(name)
    }
}

/// The mapping of an internally tagged model and the name under its `tag` key, one of `names`.
fn tagged<'v, 'n>(
    value: &'v Value,
    at: &At,
    expected: &str,
    tag: &str,
    names: &[&'n str],
) -> Result<(&'v Map<String, Value>, &'n str), Fault> {
    let map = value
        .as_object()
        .ok_or_else(|| at.wrong_type(value, expected))?;
    let found = map
        .get(tag)
        .ok_or_else(|| at.fail(format!("missing field `{tag}`")))?;
    let name = found
        .as_str()
        .ok_or_else(|| at.key(tag).wrong_type(found, "variant identifier"))?;
    let known = names.iter().find(|n| **n == name).ok_or_else(|| {
        at.key(tag).fail(format!(
            "unknown variant `{name}`, expected {}",
            one_of(names)
        ))
    })?;
    Ok((map, known))
}

/// The fields of one model of an internally tagged enum: its own, and the tag.
fn variant<'v, 'a>(
    map: &'v Map<String, Value>,
    at: &'a At<'a>,
    tag: &str,
    fields: &[&str],
) -> Result<Fields<'v, 'a>, Fault> {
    let mut allowed = fields.to_vec();
    allowed.push(tag);
    Fields::checked(map, at, &allowed, fields)
}

impl Read for Plan {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Plan",
            &[
                "name",
                "start",
                "horizon_months",
                "currency",
                "baseline",
                "scenarios",
                "policies",
                "catalogs",
                "uncertainty",
            ],
        )?;
        Ok(Plan {
            name: f.req("name")?,
            start: f.req("start")?,
            horizon_months: f.req("horizon_months")?,
            currency: f.or("currency", crate::currency::USD.code().to_owned())?,
            baseline: f.req("baseline")?,
            scenarios: f.req("scenarios")?,
            policies: f.opt("policies")?,
            catalogs: match f.map.get("catalogs") {
                Some(value) => Catalogs::read(value, &at.key("catalogs"))?,
                None => crate::catalog::default_catalogs(),
            },
            uncertainty: f.opt("uncertainty")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        use crate::validate::{specs, MAX_SCENARIOS};
        fields(
            "A whole capacity plan: inputs only.",
            vec![
                req(
                    "name",
                    schema::name("Title shown on the page and in exports."),
                ),
                req("start", YearMonth::schema(d)),
                req("horizon_months", schema::count(specs::HORIZON)),
                schema::or(
                    "currency",
                    schema::with(
                        schema::text(
                            "ISO 4217 code of the currency every price and cost is in (no \
                             conversion: the prices are read in it).",
                        ),
                        "enum",
                        Value::Array(crate::currency::known().map(|c| c.code().into()).collect()),
                    ),
                    crate::currency::USD.code(),
                ),
                req("baseline", d.of::<crate::plan::Baseline>()),
                req(
                    "scenarios",
                    schema::list(d.of::<crate::plan::Scenario>(), 1, MAX_SCENARIOS),
                ),
                opt("policies", d.of::<crate::plan::Policies>()),
                opt(
                    "catalogs",
                    schema::described(
                        d.of::<Catalogs>(),
                        "What can be bought; the built-in catalogs when left out.",
                    ),
                ),
                or(
                    "uncertainty",
                    schema::nullable(d.of::<crate::plan::Uncertainty>()),
                    Value::Null,
                ),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(document: &Value) -> ReadError {
        read(document).unwrap_err()
    }

    #[test]
    fn the_default_plan_reads_back() {
        let document = serde_json::to_value(Plan::default()).unwrap();
        assert_eq!(read(&document), Ok(Plan::default()));
    }

    #[test]
    fn errors_name_the_field_inside_lists_and_models() {
        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["scenarios"][0]["growth"]["monthly_growth_pct"] = json!("fast");
        let e = error(&document);
        assert_eq!(e.path, "scenarios[0].growth.monthly_growth_pct");
        assert_eq!(e.message, "invalid type: string \"fast\", expected f64");

        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["baseline"]["untis"] = json!(5);
        let e = error(&document);
        assert_eq!(e.path, "baseline.untis");
        assert!(
            e.message
                .starts_with("unknown field `untis`, expected one of `demand_unit`"),
            "{}",
            e.message
        );

        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["baseline"]
            .as_object_mut()
            .unwrap()
            .remove("units");
        let e = error(&document);
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("baseline", "missing field `units`")
        );

        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["catalogs"]["instances"][1]["priced_on"] = json!("2026-02-30");
        let e = error(&document);
        assert_eq!(e.path, "catalogs.instances[1].priced_on");
        assert_eq!(e.message, day::NOT_A_DAY);
    }

    #[test]
    fn whole_numbers_in_range_only() {
        let mut document = serde_json::to_value(Plan::default()).unwrap();
        for (found, message) in [
            (json!(-1), "invalid value: integer `-1`, expected u32"),
            (
                json!(5_000_000_000u64),
                "invalid value: integer `5000000000`, expected u32",
            ),
            (
                json!(1.5),
                "invalid type: floating point `1.5`, expected u32",
            ),
            (json!(null), "invalid type: null, expected u32"),
        ] {
            document["horizon_months"] = found;
            let e = error(&document);
            assert_eq!(
                (e.path.as_str(), e.message.as_str()),
                ("horizon_months", message)
            );
        }
    }

    #[test]
    fn models_name_their_kind() {
        let mut document = serde_json::to_value(Plan::default()).unwrap();
        document["scenarios"][0]["growth"]["model"] = json!("exponential");
        let e = error(&document);
        assert_eq!(e.path, "scenarios[0].growth.model");
        assert_eq!(
            e.message,
            "unknown variant `exponential`, expected one of `compound`, `milestones`, `trend`"
        );
        document["scenarios"][0]["growth"] = json!({"monthly_growth_pct": 5});
        let e = error(&document);
        assert_eq!(e.path, "scenarios[0].growth");
        assert_eq!(e.message, "missing field `model`");
    }

    #[test]
    fn voice_targets_and_stated_concurrency_read_with_older_documents_unchanged() {
        use crate::plan::{VoiceDemand, VoiceTarget};
        let mut document = serde_json::to_value(Plan::default()).unwrap();
        // Written before the target could be a response time: a wait target.
        let voice = document["policies"]["voice"].as_object_mut().unwrap();
        voice.remove("target");
        voice.remove("response_target_s");
        voice.insert("wait_target_s".to_owned(), json!(1.5));
        document["baseline"]["voice"] = json!({
            "sessions_per_unit_per_day": 2, "peak_hour_share_pct": 15, "session_minutes": 4,
            "interactions_per_session": 4, "gpu_seconds_per_interaction": 0.8
        });
        let plan = read(&document).unwrap();
        assert_eq!(plan.policies.voice.target, VoiceTarget::Wait);
        assert_eq!(plan.policies.voice.wait_target_s, 1.5);
        let voice: &VoiceDemand = plan.baseline.voice.as_ref().unwrap();
        assert_eq!(voice.peak_concurrent_sessions, 0.0);

        document["policies"]["voice"]["target"] = json!("response");
        document["policies"]["voice"]["response_target_s"] = json!(1.5);
        document["baseline"]["voice"]["peak_concurrent_sessions"] = json!(40);
        let plan = read(&document).unwrap();
        assert_eq!(plan.policies.voice.target, VoiceTarget::Response);
        assert_eq!(plan.policies.voice.response_target_s, 1.5);
        assert_eq!(plan.baseline.voice.unwrap().peak_concurrent_sessions, 40.0);

        document["policies"]["voice"]["target"] = json!("latency");
        let e = error(&document);
        assert_eq!(e.path, "policies.voice.target");
        assert_eq!(
            e.message,
            "unknown variant `latency`, expected `wait` or `response`"
        );
        document["policies"]["voice"]["target"] = json!("wait");
        document["baseline"]["voice"]["peak_concurrent_sessions"] = json!("many");
        let e = error(&document);
        assert_eq!(e.path, "baseline.voice.peak_concurrent_sessions");
        assert_eq!(e.message, "invalid type: string \"many\", expected f64");
    }

    #[test]
    fn the_top_path_is_empty() {
        let e = error(&json!(3));
        assert_eq!(e.path, "");
        assert_eq!(e.message, "invalid type: integer `3`, expected struct Plan");
    }
}
