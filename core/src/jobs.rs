//! The work the page hands to its file worker, and the answers it gets back.
//!
//! The page's first download holds no YAML reader or writer (see ARCHITECTURE.md, "First
//! load"). Reading a plan file someone chose, writing a plan file with its results, and writing
//! the Compose, Kubernetes and Helm files happen in a Web Worker built from `worker/` with the `yaml`
//! feature, fetched the first time one of them is asked for. The page and the worker exchange
//! one [`Message`] each way, as JSON text:
//!
//! ```text
//! page                                   worker
//!  Message { id, protocol, body: Job }  ──▶  answer(job)
//!  Message { id, protocol, body: Answer } ◀──
//! ```
//!
//! Plans travel as JSON plan files (the autosave's format), so both sides read them with
//! [`plan_file::import_json`]. A worker from an older deployment still in a cache answers a
//! message of another [`PROTOCOL`] with [`Answer::Failed`], asking for a reload, rather than
//! misreading it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::codec::json;
use crate::codec::plan_file::Format;
use crate::plan::Named;

#[cfg(feature = "yaml")]
use crate::{
    codec::{catalog_csv, history, plan_file},
    edit::CatalogKind,
    engine,
    export::{self, compose, deployment, helm, kubernetes},
    plan::{Growth, Plan},
    validate::ValidPlan,
};

/// The worker's first message: from then on it listens, so the page holds jobs until it comes.
pub const READY: &str = "ready";

/// Version of the messages below; raised whenever a [`Job`] or an [`Answer`] changes shape or
/// gains a value an older worker cannot read (2: [`Deploy::Helm`]; 3: the catalog tables), so
/// a worker left in a cache asks for a reload rather than failing on the job.
pub const PROTOCOL: u32 = 3;

/// One message between the page and the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message<T> {
    /// Pairs an answer with its job.
    pub id: u32,
    /// [`PROTOCOL`] of the sender.
    pub protocol: u32,
    /// The job or the answer.
    pub body: T,
}

/// The deployment files. Their names (the `named!` table) only ever gain entries, so a name
/// written by an older page still reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deploy {
    /// A Docker Compose file.
    Compose,
    /// Kubernetes manifests.
    Kubernetes,
    /// A Helm `values.yaml` for the chart `helm create` makes.
    Helm,
}

crate::plan::named!(Deploy: "compose" => Compose, "kubernetes" => Kubernetes, "helm" => Helm);

impl Deploy {
    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        match self {
            Deploy::Compose => "compose.yaml",
            Deploy::Kubernetes => "k8s.yaml",
            Deploy::Helm => "helm-values.yaml",
        }
    }
}

/// What the page asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Read a plan file (YAML or JSON) as a person chose it.
    ReadPlan {
        /// The file's text.
        text: String,
    },
    /// Write a plan file: the plan, and its results when `results` is set.
    WritePlan {
        /// The plan, as a JSON plan file.
        plan: String,
        /// YAML or JSON.
        format: Format,
        /// Whether to add the derived results section.
        results: bool,
    },
    /// Write a deployment file sized for one scenario and month.
    Deploy {
        /// The plan, as a JSON plan file.
        plan: String,
        /// Compose, Kubernetes or Helm.
        kind: Deploy,
        /// The scenario, from 0.
        scenario: usize,
        /// The plan month, from 1.
        month: u32,
    },
    /// Write one catalog of the plan as a CSV table.
    WriteCatalog {
        /// The plan, as a JSON plan file.
        plan: String,
        /// Which catalog: `instances`, `databases`, `redis` or `gpu_nodes`.
        catalog: String,
    },
    /// Read pasted history (rows of a date and a value, or a Prometheus answer) into the
    /// history of trend scenario `scenario`.
    ReadHistory {
        /// The plan, as a JSON plan file.
        plan: String,
        /// The scenario, from 0.
        scenario: usize,
        /// The pasted text.
        text: String,
    },
    /// Read a CSV table into one catalog of the plan.
    ReadCatalog {
        /// The plan, as a JSON plan file.
        plan: String,
        /// Which catalog: `instances`, `databases`, `redis` or `gpu_nodes`.
        catalog: String,
        /// The table's text.
        text: String,
    },
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The plan read from a file, as a JSON plan file of the current version (read it with
    /// [`plan_file::import_json`]).
    Plan {
        /// The JSON plan file.
        json: String,
    },
    /// The plan edited by reading a table (a catalog, a trend's history), and what was read,
    /// in words.
    Edited {
        /// The JSON plan file.
        json: String,
        /// "6 instance types read.", "12 observations read." and any notes.
        summary: String,
    },
    /// The file or table could not be read.
    Unreadable {
        /// Why, in words: the [`ImportError`](crate::codec::plan_file::ImportError)'s
        /// `Display`. Text rather than the error itself, so the page carries no code to
        /// rebuild one.
        message: String,
    },
    /// A written file.
    File {
        /// A file name for it (see [`crate::export::file_name`]).
        name: String,
        /// Its text.
        text: String,
    },
    /// The job could not be done; `message` says why, for the person.
    Failed {
        /// The explanation.
        message: String,
    },
}

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
        } => (
            "deploy",
            vec![
                ("plan", plan.as_str().into()),
                ("kind", kind.name().into()),
                ("scenario", (*scenario).into()),
                ("month", (*month).into()),
            ],
        ),
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
fn message_text(id: u32, kind: &str, fields: Vec<(&str, Value)>) -> String {
    json::write(&json::object(vec![
        ("id", id.into()),
        ("protocol", PROTOCOL.into()),
        ("body", json::object(vec![(kind, json::object(fields))])),
    ]))
}

/// A message as read from its text ([`message_text`] writes them): its id and protocol where
/// they read as such, and its body's one variant, by name, with its fields.
struct Received {
    id: Option<u32>,
    protocol: Option<u32>,
    body: Option<(String, Map<String, Value>)>,
}

/// Reads `text` (once) as a [`Received`] message; all `None` when it is not a JSON object.
fn receive(text: &str) -> Received {
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
fn read<T>(text: &str, body: fn(&str, &Map<String, Value>) -> Option<T>) -> Option<Message<T>> {
    let received = receive(text);
    let (kind, fields) = received.body?;
    Some(Message {
        id: received.id?,
        protocol: received.protocol?,
        body: body(&kind, &fields)?,
    })
}

/// The string field `key` of a body's `fields`.
fn text_field(fields: &Map<String, Value>, key: &str) -> Option<String> {
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
fn answer_message_text(id: u32, answer: &Answer) -> String {
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

/// A [`Job`] from its variant's name and fields, as [`job_text`] writes them (read by hand,
/// as [`read_answer`] reads answers).
#[cfg(feature = "yaml")]
fn job_body(kind: &str, fields: &Map<String, Value>) -> Option<Job> {
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

/// Does `job`: the worker's whole behaviour, natively testable.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::{to_json, Format};
/// use headroom_core::jobs::{answer, Answer, Job};
/// use headroom_core::plan::Plan;
/// let plan = to_json(&Plan::default()).unwrap();
/// let Answer::File { name, text } = answer(Job::WritePlan { plan, format: Format::Yaml, results: true })
/// else { panic!() };
/// assert_eq!(name, "new-plan.yaml");
/// assert!(text.starts_with("headroom_plan: 1\n") && text.contains("\nresults:\n"));
/// ```
#[cfg(feature = "yaml")]
pub fn answer(job: Job) -> Answer {
    match job {
        Job::ReadPlan { text } => match plan_file::import(&text) {
            Ok(plan) => match plan_file::to_json(&plan) {
                Ok(json) => Answer::Plan { json },
                Err(e) => failed(e),
            },
            Err(error) => Answer::Unreadable {
                message: error.to_string(),
            },
        },
        Job::WritePlan {
            plan,
            format,
            results,
        } => {
            let plan = match valid(&plan) {
                Ok(plan) => plan,
                Err(answer) => return answer,
            };
            let text = if results {
                plan_file::export_with_results(&plan, &engine::run(&plan), format)
            } else {
                plan_file::export(plan.plan(), format)
            };
            match text {
                Ok(text) => Answer::File {
                    name: export::file_name(&[&plan.name], format.extension()),
                    text,
                },
                Err(e) => failed(e),
            }
        }
        Job::Deploy {
            plan,
            kind,
            scenario,
            month,
        } => {
            let plan = match valid(&plan) {
                Ok(plan) => plan,
                Err(answer) => return answer,
            };
            let results = engine::run(&plan);
            let spec = match deployment::spec(&plan, &results, scenario, month) {
                Ok(spec) => spec,
                Err(e) => return failed(e),
            };
            let calendar = results
                .scenarios
                .get(scenario)
                .and_then(|s| s.months.get(month.saturating_sub(1) as usize))
                .map(|m| m.calendar.to_string())
                .unwrap_or_default();
            Answer::File {
                name: export::file_name(&[&plan.name, &spec.scenario, &calendar], kind.extension()),
                text: match kind {
                    Deploy::Compose => compose::to_yaml(&spec),
                    Deploy::Kubernetes => kubernetes::to_yaml(&spec),
                    Deploy::Helm => helm::to_yaml(&spec),
                },
            }
        }
        Job::WriteCatalog { plan, catalog } => {
            let plan = match plan_file::import_json(&plan) {
                Ok(plan) => plan,
                Err(e) => return failed(e),
            };
            match CatalogKind::from_key(&catalog) {
                Some(kind) => Answer::File {
                    name: catalog_csv::file_name(&plan, kind),
                    text: catalog_csv::write(&plan, kind),
                },
                None => unknown_catalog(&catalog),
            }
        }
        Job::ReadHistory {
            plan,
            scenario,
            text,
        } => {
            let mut plan = match plan_file::import_json(&plan) {
                Ok(plan) => plan,
                Err(e) => return failed(e),
            };
            let read = match history::read(&text) {
                Ok(read) => read,
                Err(error) => return unreadable(error),
            };
            match plan.scenarios.get_mut(scenario).map(|s| &mut s.growth) {
                Some(Growth::Trend { history, .. }) => *history = read.observations.clone(),
                _ => return failed("The scenario is not a trend from history"),
            }
            edited(&plan, read.summary())
        }
        Job::ReadCatalog {
            plan,
            catalog,
            text,
        } => {
            let plan = match plan_file::import_json(&plan) {
                Ok(plan) => plan,
                Err(e) => return failed(e),
            };
            let Some(kind) = CatalogKind::from_key(&catalog) else {
                return unknown_catalog(&catalog);
            };
            match catalog_csv::read(plan, kind, &text) {
                Ok(read) => edited(&read.plan, read.summary),
                Err(error) => unreadable(error),
            }
        }
    }
}

/// The plan as edited, with what was read.
#[cfg(feature = "yaml")]
fn edited(plan: &Plan, summary: String) -> Answer {
    match plan_file::to_json(plan) {
        Ok(json) => Answer::Edited { json, summary },
        Err(e) => failed(e),
    }
}

/// Text that could not be read, and why.
#[cfg(feature = "yaml")]
fn unreadable(error: impl std::fmt::Display) -> Answer {
    Answer::Unreadable {
        message: error.to_string(),
    }
}

#[cfg(feature = "yaml")]
fn unknown_catalog(key: &str) -> Answer {
    Answer::Failed {
        message: format!(
            "The plan has no catalog named {}",
            crate::text::excerpt(key)
        ),
    }
}

/// Answers one message given as JSON text, as the worker receives it; the answer is JSON text
/// too. Text that is not a message of this [`PROTOCOL`] gets [`Answer::Failed`] (with id 0
/// when even the id cannot be read). Never panics.
///
/// # Example
/// ```
/// use headroom_core::jobs::{answer_text, Answer, Message};
/// let reply: Message<Answer> = serde_json::from_str(&answer_text("{\"id\": 3}")).unwrap();
/// assert_eq!(reply.id, 3);
/// assert!(matches!(reply.body, Answer::Failed { .. }));
/// ```
#[cfg(feature = "yaml")]
pub fn answer_text(text: &str) -> String {
    let received = receive(text);
    let body = match received.protocol {
        Some(PROTOCOL) => match received
            .body
            .and_then(|(kind, fields)| job_body(&kind, &fields))
        {
            Some(job) => answer(job),
            None => Answer::Failed {
                message: "The file worker could not read the request: it is not a job this \
                          version of Headroom knows."
                    .to_owned(),
            },
        },
        _ => Answer::Failed {
            message: "This page and its file worker are from different versions of Headroom: \
                      reload the page."
                .to_owned(),
        },
    };
    answer_message_text(received.id.unwrap_or(0), &body)
}

#[cfg(feature = "yaml")]
fn valid(json: &str) -> Result<ValidPlan, Answer> {
    let plan: Plan = plan_file::import_json(json).map_err(|error| Answer::Failed {
        message: error.to_string(),
    })?;
    plan.validate().map_err(|errors| Answer::Failed {
        message: format!(
            "The plan has values Headroom cannot use: {}.",
            errors
                .iter()
                .take(3)
                .map(|e| format!("{} ({})", e.message, e.path))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    })
}

#[cfg(feature = "yaml")]
fn failed(error: impl std::fmt::Display) -> Answer {
    Answer::Failed {
        message: error.to_string(),
    }
}

#[cfg(all(test, feature = "yaml"))]
mod tests {
    use super::*;
    use crate::codec::plan_file::to_json;
    use crate::presets;

    fn every_job() -> [Job; 8] {
        [
            Job::ReadPlan {
                text: "a \"plan\"\n".into(),
            },
            Job::WritePlan {
                plan: "{}".into(),
                format: Format::Yaml,
                results: true,
            },
            Job::WritePlan {
                plan: "{}".into(),
                format: Format::Json,
                results: false,
            },
            Job::Deploy {
                plan: "{}".into(),
                kind: Deploy::Compose,
                scenario: 2,
                month: 12,
            },
            Job::Deploy {
                plan: "{}".into(),
                kind: Deploy::Kubernetes,
                scenario: 0,
                month: 1,
            },
            Job::Deploy {
                plan: "{}".into(),
                kind: Deploy::Helm,
                scenario: 1,
                month: 3,
            },
            Job::WriteCatalog {
                plan: "{}".into(),
                catalog: "redis".into(),
            },
            Job::ReadCatalog {
                plan: "{}".into(),
                catalog: "instances".into(),
                text: "name,vcpu\r\n\"a, b\",2".into(),
            },
        ]
    }

    #[test]
    fn the_page_writes_every_job_as_the_derive_does() {
        for job in every_job() {
            let derived = serde_json::to_string(&Message {
                id: 7,
                protocol: PROTOCOL,
                body: &job,
            })
            .unwrap();
            assert_eq!(job_text(7, &job), derived);
        }
    }

    #[test]
    fn the_worker_reads_every_job_and_writes_every_answer_as_the_derive_does() {
        for job in every_job() {
            let text = job_text(7, &job);
            let by_hand = read(&text, job_body);
            assert_eq!(by_hand, serde_json::from_str::<Message<Job>>(&text).ok());
            assert!(by_hand.is_some(), "{text}");
            for altered in [
                text.replace("\"id\":7", "\"id\":-7"),
                text.replace("\"protocol\"", "\"version\""),
                text.replace("\"plan\":\"", "\"plan\":7,\"x\":\""),
                text.replace("\"Yaml\"", "\"yaml\""),
                text.replace("\"compose\"", "\"Compose\""),
                text.replace("\"month\":12", "\"month\":-12"),
                text.replace("\"results\":true", "\"results\":1"),
                text.replace("{\"id\"", "[{\"id\"") + "]",
                text.replace("\"body\":{\"", "\"body\":{\"other"),
            ] {
                if altered != text {
                    assert_eq!(read(&altered, job_body), None, "{altered}");
                    assert!(
                        serde_json::from_str::<Message<Job>>(&altered).is_err(),
                        "{altered}"
                    );
                }
            }
        }
        for body in [
            Answer::Plan { json: "{}".into() },
            Answer::Edited {
                json: "{}".into(),
                summary: "2 Redis plans read.".into(),
            },
            Answer::Unreadable {
                message: "a \"b\"".into(),
            },
            Answer::File {
                name: "n".into(),
                text: "t\n".into(),
            },
            Answer::Failed {
                message: "f".into(),
            },
        ] {
            let derived = serde_json::to_string(&Message {
                id: 9,
                protocol: PROTOCOL,
                body: &body,
            })
            .unwrap();
            assert_eq!(answer_message_text(9, &body), derived);
        }
    }

    #[test]
    fn the_page_reads_every_answer_as_the_derive_does() {
        let answers = [
            Answer::Plan { json: "{}".into() },
            Answer::Edited {
                json: "{}".into(),
                summary: "s".into(),
            },
            Answer::Unreadable {
                message: "a".into(),
            },
            Answer::File {
                name: "n".into(),
                text: "t".into(),
            },
            Answer::Failed {
                message: "f".into(),
            },
        ];
        for body in answers {
            let text = serde_json::to_string(&Message {
                id: 9,
                protocol: PROTOCOL,
                body,
            })
            .unwrap();
            let by_hand = read_answer(&text);
            assert_eq!(by_hand, serde_json::from_str::<Message<Answer>>(&text).ok());
            assert!(by_hand.is_some(), "{text}");
            for altered in [
                text.replace("\"id\":9", "\"id\":-9"),
                text.replace("\"protocol\"", "\"version\""),
                text.replace("\":\"", "\":7,\"x\":\""),
                text.replace("{\"id\"", "[{\"id\"") + "]",
                text.replace("\"body\":{\"", "\"body\":{\"other"),
            ] {
                assert_ne!(altered, text);
                assert_eq!(read_answer(&altered), None, "{altered}");
                assert!(
                    serde_json::from_str::<Message<Answer>>(&altered).is_err(),
                    "{altered}"
                );
            }
        }
    }

    fn ask(job: Job) -> Answer {
        let text = serde_json::to_string(&Message {
            id: 7,
            protocol: PROTOCOL,
            body: job,
        })
        .unwrap();
        let reply = read_answer(&answer_text(&text)).unwrap();
        assert_eq!((reply.id, reply.protocol), (7, PROTOCOL));
        reply.body
    }

    #[test]
    fn a_yaml_file_is_read_into_the_json_plan_the_page_opens() {
        let plan = presets::TEMPLATES[1].build();
        let yaml = plan_file::to_yaml(&plan).unwrap();
        let Answer::Plan { json } = ask(Job::ReadPlan { text: yaml }) else {
            panic!("not read")
        };
        assert_eq!(plan_file::import_json(&json).unwrap(), plan);
    }

    #[test]
    fn an_unreadable_file_says_why() {
        let answer = ask(Job::ReadPlan {
            text: "headroom_plan: 7\nplan: {}\n".to_owned(),
        });
        let Answer::Unreadable { message } = answer else {
            panic!("read")
        };
        assert!(message.contains("newer Headroom"), "{message}");
    }

    #[test]
    fn plan_files_and_deployments_are_written_from_the_json_plan() {
        let plan = presets::TEMPLATES[1].build();
        let json = to_json(&plan).unwrap();
        for format in [Format::Yaml, Format::Json] {
            let Answer::File { text, .. } = ask(Job::WritePlan {
                plan: json.clone(),
                format,
                results: true,
            }) else {
                panic!("not written")
            };
            assert_eq!(plan_file::import(&text).unwrap(), plan);
        }
        for kind in [Deploy::Compose, Deploy::Kubernetes, Deploy::Helm] {
            let Answer::File { name, text } = ask(Job::Deploy {
                plan: json.clone(),
                kind,
                scenario: 0,
                month: 12,
            }) else {
                panic!("not written")
            };
            assert!(name.ends_with(kind.extension()), "{name}");
            assert!(text.contains(&format!("# plan: {}", plan.name)), "{text}");
        }
    }

    #[test]
    fn a_month_outside_the_plan_or_an_invalid_plan_fails_in_words() {
        let json = to_json(&Plan::default()).unwrap();
        let Answer::Failed { message } = ask(Job::Deploy {
            plan: json,
            kind: Deploy::Compose,
            scenario: 9,
            month: 1,
        }) else {
            panic!("written")
        };
        assert!(message.contains("scenario"), "{message}");
        let Answer::Failed { message } = ask(Job::WritePlan {
            plan: "{".to_owned(),
            format: Format::Yaml,
            results: false,
        }) else {
            panic!("written")
        };
        assert!(message.contains("JSON"), "{message}");
    }

    #[test]
    fn another_protocol_or_no_message_at_all_asks_for_a_reload() {
        for text in ["{\"id\": 2, \"protocol\": 999, \"body\": {}}", "not json"] {
            let reply: Message<Answer> = serde_json::from_str(&answer_text(text)).unwrap();
            let Answer::Failed { message } = reply.body else {
                panic!("answered")
            };
            assert!(message.contains("reload"), "{message}");
        }
    }

    #[test]
    fn a_catalog_goes_out_as_a_table_and_comes_back() {
        let mut plan = crate::plan::Plan::default();
        plan.catalogs.redis[0].region = "eu-west-1".into();
        let json = to_json(&plan).unwrap();
        let Answer::File { name, text } = answer(Job::WriteCatalog {
            plan: json.clone(),
            catalog: "redis".into(),
        }) else {
            panic!("no table")
        };
        assert_eq!(name, "new-plan-redis-plans.csv");
        let edited = text.replacen("eu-west-1", "eu-central-1", 1);
        let Answer::Edited {
            json: read,
            summary,
        } = answer(Job::ReadCatalog {
            plan: json.clone(),
            catalog: "redis".into(),
            text: edited,
        })
        else {
            panic!("not read")
        };
        assert_eq!(
            summary,
            format!("{} Redis plans read.", plan.catalogs.redis.len())
        );
        let read = plan_file::import_json(&read).unwrap();
        assert_eq!(read.catalogs.redis[0].region, "eu-central-1");
        let refused = answer(Job::ReadCatalog {
            plan: json.clone(),
            catalog: "redis".into(),
            text: "name,memory_gb\nx,lots\n".into(),
        });
        assert_eq!(
            refused,
            Answer::Unreadable {
                message: "Line 2, memory_gb: \"lots\" is not a number".into()
            }
        );
        assert!(matches!(
            answer(Job::WriteCatalog {
                plan: json,
                catalog: "disks".into()
            }),
            Answer::Failed { .. }
        ));
    }
}
