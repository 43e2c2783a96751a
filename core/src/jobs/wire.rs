//! The messages as JSON text, written and read by hand as the derive would: the page writes
//! jobs and reads answers; the worker reads jobs and writes answers.

use super::{Answer, Job, Message, PROTOCOL};
use crate::codec::json;
use crate::plan::Named;
use serde_json::{Map, Value};

#[cfg(feature = "yaml")]
use super::Deploy;
#[cfg(feature = "yaml")]
use crate::codec::plan_file::Format;

/// `job` as the page sends it, message `id` of this [`PROTOCOL`]: the text the derive writes
/// for a [`Message`] of it, written by hand (the derived writer, compiled for `serde_json`'s
/// text writer, was most of the worker client's code).
///
/// # Example
/// ```
/// use headroom_core::jobs::{job_text, Job, Message, PROTOCOL};
/// let job = Job::ReadPlan { text: "plan".to_owned() };
/// let derived = serde_json::to_string(&Message { id: 2, protocol: PROTOCOL, body: &job });
/// assert_eq!(job_text(2, &job), derived.unwrap());
/// ```
pub fn job_text(id: u32, job: &Job) -> String {
    let (kind, fields) = match job {
        Job::ReadPlan { text } => ("read_plan", vec![("text", text.as_str().into())]),
        Job::WritePlan {
            plan,
            format,
            results,
        } => (
            "write_plan",
            vec![
                ("plan", plan.as_str().into()),
                ("format", format.name().into()),
                ("results", (*results).into()),
            ],
        ),
        Job::Deploy {
            plan,
            kind,
            scenario,
            month,
            sized,
        } => {
            let mut fields = vec![
                ("plan", plan.as_str().into()),
                ("kind", kind.name().into()),
                ("scenario", (*scenario).into()),
                ("month", (*month).into()),
            ];
            if let Some(f) = sized {
                let figures: Map<String, Value> = [
                    ("pct", f.pct.into()),
                    ("trials", f.trials.into()),
                    ("app_instances", f.app_instances.into()),
                    ("database_connections", f.database_connections.into()),
                    ("database_tier", f.database_tier.into()),
                    ("redis_plan", f.redis_plan.into()),
                    ("gpu_nodes", f.gpu_nodes.into()),
                ]
                .into_iter()
                .map(|(k, v): (&str, Value)| (k.to_owned(), v))
                .collect();
                fields.push(("sized", Value::Object(figures)));
            }
            ("deploy", fields)
        }
        Job::WriteCatalog { plan, catalog } => (
            "write_catalog",
            vec![
                ("plan", plan.as_str().into()),
                ("catalog", catalog.as_str().into()),
            ],
        ),
        Job::ReadHistory {
            plan,
            scenario,
            text,
        } => (
            "read_history",
            vec![
                ("plan", plan.as_str().into()),
                ("scenario", (*scenario).into()),
                ("text", text.as_str().into()),
            ],
        ),
        Job::ReadCatalog {
            plan,
            catalog,
            text,
        } => (
            "read_catalog",
            vec![
                ("plan", plan.as_str().into()),
                ("catalog", catalog.as_str().into()),
                ("text", text.as_str().into()),
            ],
        ),
    };
    message_text(id, kind, fields)
}

/// The text of a [`Message`] whose body is the variant `kind` with `fields`, as the derive
/// writes it: `{"id":…,"protocol":…,"body":{"kind":{…fields}}}`.
pub(super) fn message_text(id: u32, kind: &str, fields: Vec<(&str, Value)>) -> String {
    json::write(&json::object(vec![
        ("id", id.into()),
        ("protocol", PROTOCOL.into()),
        ("body", json::object(vec![(kind, json::object(fields))])),
    ]))
}

/// A message as read from its text ([`message_text`] writes them): its id and protocol where
/// they read as such, and its body's one variant, by name, with its fields.
pub(super) struct Received {
    pub(super) id: Option<u32>,
    pub(super) protocol: Option<u32>,
    pub(super) body: Option<(String, Map<String, Value>)>,
}

/// Reads `text` (once) as a [`Received`] message; all `None` when it is not a JSON object.
pub(super) fn receive(text: &str) -> Received {
    let Ok(Value::Object(mut message)) = json::parse(text) else {
        return Received {
            id: None,
            protocol: None,
            body: None,
        };
    };
    let whole = |key: &str| {
        message
            .get(key)?
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
    };
    let (id, protocol) = (whole("id"), whole("protocol"));
    let body = match message.remove("body") {
        Some(Value::Object(body)) if body.len() == 1 => match body.into_iter().next() {
            Some((kind, Value::Object(fields))) => Some((kind, fields)),
            _ => None,
        },
        _ => None,
    };
    Received { id, protocol, body }
}

/// A whole [`Message`] read from `text`, its body by `body` (from the variant's name and
/// fields); `None` when any part does not read.
pub(super) fn read<T>(
    text: &str,
    body: fn(&str, &Map<String, Value>) -> Option<T>,
) -> Option<Message<T>> {
    let received = receive(text);
    let (kind, fields) = received.body?;
    Some(Message {
        id: received.id?,
        protocol: received.protocol?,
        body: body(&kind, &fields)?,
    })
}

/// The string field `key` of a body's `fields`.
pub(super) fn text_field(fields: &Map<String, Value>, key: &str) -> Option<String> {
    Some(fields.get(key)?.as_str()?.to_owned())
}

/// The worker's reply in `text`, as the page reads it: `None` unless it is a [`Message`] of an
/// [`Answer`] as the worker writes them.
///
/// Read from the untyped document, which the page reads anyway, rather than by the derive:
/// the derived reader compiled for `serde_json`'s text reader only for this was about 0.7 KB
/// of the page's download.
///
/// # Example
/// ```
/// use headroom_core::jobs::{read_answer, Answer, Message, PROTOCOL};
/// let text = serde_json::to_string(&Message {
///     id: 4,
///     protocol: PROTOCOL,
///     body: Answer::Failed { message: "no".to_owned() },
/// })
/// .unwrap();
/// assert_eq!(read_answer(&text).unwrap().body, Answer::Failed { message: "no".to_owned() });
/// assert_eq!(read_answer("{\"id\": 4}"), None);
/// ```
pub fn read_answer(text: &str) -> Option<Message<Answer>> {
    read(text, answer_body)
}

/// An [`Answer`] from its variant's name and fields.
fn answer_body(kind: &str, fields: &Map<String, Value>) -> Option<Answer> {
    let text = |key: &str| text_field(fields, key);
    Some(match kind {
        "plan" => Answer::Plan {
            json: text("json")?,
        },
        "edited" => Answer::Edited {
            json: text("json")?,
            summary: text("summary")?,
        },
        "unreadable" => Answer::Unreadable {
            message: text("message")?,
        },
        "file" => Answer::File {
            name: text("name")?,
            text: text("text")?,
        },
        "failed" => Answer::Failed {
            message: text("message")?,
        },
        _ => return None,
    })
}

/// The text of the worker's reply `id`, as the derive writes a [`Message`] of `answer`.
#[cfg(feature = "yaml")]
pub(super) fn answer_message_text(id: u32, answer: &Answer) -> String {
    let (kind, fields) = match answer {
        Answer::Plan { json } => ("plan", vec![("json", json.as_str().into())]),
        Answer::Edited { json, summary } => (
            "edited",
            vec![
                ("json", json.as_str().into()),
                ("summary", summary.as_str().into()),
            ],
        ),
        Answer::Unreadable { message } => {
            ("unreadable", vec![("message", message.as_str().into())])
        }
        Answer::File { name, text } => (
            "file",
            vec![
                ("name", name.as_str().into()),
                ("text", text.as_str().into()),
            ],
        ),
        Answer::Failed { message } => ("failed", vec![("message", message.as_str().into())]),
    };
    message_text(id, kind, fields)
}

/// The figures of a deployment sized for a percentile, as [`job_text`] writes them.
#[cfg(feature = "yaml")]
fn sized_for(figures: &Value) -> Option<crate::export::SizedFor> {
    let whole = |key: &str| figures.get(key)?.as_u64();
    let index = |key: &str| usize::try_from(whole(key)?).ok();
    Some(crate::export::SizedFor {
        pct: figures
            .get("pct")?
            .as_f64()
            .filter(|p| *p > 0.0 && *p < 100.0)?,
        trials: u32::try_from(whole("trials")?).ok()?,
        app_instances: whole("app_instances")?,
        database_connections: whole("database_connections")?,
        database_tier: index("database_tier")?,
        redis_plan: index("redis_plan")?,
        gpu_nodes: whole("gpu_nodes")?,
    })
}

/// A [`Job`] from its variant's name and fields, as [`job_text`] writes them (read by hand,
/// as [`read_answer`] reads answers).
#[cfg(feature = "yaml")]
pub(super) fn job_body(kind: &str, fields: &Map<String, Value>) -> Option<Job> {
    let text = |key: &str| text_field(fields, key);
    let whole = |key: &str| fields.get(key)?.as_u64();
    Some(match kind {
        "read_plan" => Job::ReadPlan {
            text: text("text")?,
        },
        "write_plan" => Job::WritePlan {
            plan: text("plan")?,
            format: Format::from_name(fields.get("format")?.as_str()?)?,
            results: fields.get("results")?.as_bool()?,
        },
        "deploy" => Job::Deploy {
            plan: text("plan")?,
            kind: Deploy::from_name(fields.get("kind")?.as_str()?)?,
            scenario: usize::try_from(whole("scenario")?).ok()?,
            month: u32::try_from(whole("month")?).ok()?,
            sized: match fields.get("sized") {
                None => None,
                Some(list) => Some(sized_for(list)?),
            },
        },
        "write_catalog" => Job::WriteCatalog {
            plan: text("plan")?,
            catalog: text("catalog")?,
        },
        "read_history" => Job::ReadHistory {
            plan: text("plan")?,
            scenario: usize::try_from(whole("scenario")?).ok()?,
            text: text("text")?,
        },
        "read_catalog" => Job::ReadCatalog {
            plan: text("plan")?,
            catalog: text("catalog")?,
            text: text("text")?,
        },
        _ => return None,
    })
}
