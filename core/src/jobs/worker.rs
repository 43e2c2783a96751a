//! The worker's side: doing a job (reading and writing plan files, deployments and catalog
//! tables) and answering a message's text. Built with the `yaml` feature only.

use super::wire::{answer_message_text, job_body, receive};
use super::{Answer, Deploy, Job, PROTOCOL};
use crate::{
    codec::{catalog_csv, history, plan_file},
    edit::CatalogKind,
    engine,
    export::{self, compose, deployment, helm, kubernetes},
    plan::{Growth, Plan},
    validate::ValidPlan,
};

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
                    name: export::file_name(&[&plan.plan().name], format.extension()),
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
            sized,
        } => {
            let plan = match valid(&plan) {
                Ok(plan) => plan,
                Err(answer) => return answer,
            };
            let results = engine::run(&plan);
            let spec = match deployment::spec_at(&plan, &results, scenario, month, sized) {
                Ok(spec) => spec,
                Err(e) => return failed(e),
            };
            let calendar = results
                .scenarios
                .get(scenario)
                .and_then(|s| crate::selection::month_of(&s.months, month))
                .map(|m| m.calendar.to_string())
                .unwrap_or_default();
            Answer::File {
                name: export::file_name(
                    &[&plan.plan().name, &spec.scenario, &calendar],
                    kind.extension(),
                ),
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
fn edited(plan: &Plan, summary: String) -> Answer {
    match plan_file::to_json(plan) {
        Ok(json) => Answer::Edited { json, summary },
        Err(e) => failed(e),
    }
}

/// Text that could not be read, and why.
fn unreadable(error: impl std::fmt::Display) -> Answer {
    Answer::Unreadable {
        message: error.to_string(),
    }
}

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

fn failed(error: impl std::fmt::Display) -> Answer {
    Answer::Failed {
        message: error.to_string(),
    }
}
