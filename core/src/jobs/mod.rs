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
//!
//! [`plan_file::import_json`]: crate::codec::plan_file::import_json

#[cfg(all(test, feature = "yaml"))]
mod tests;
mod wire;
#[cfg(feature = "yaml")]
mod worker;

pub use wire::{job_text, read_answer};
#[cfg(feature = "yaml")]
pub use worker::{answer, answer_text};

use serde::{Deserialize, Serialize};

use crate::codec::plan_file::Format;

/// The worker's first message: from then on it listens, so the page holds jobs until it comes.
pub const READY: &str = "ready";

/// Version of the messages below; raised whenever a [`Job`] or an [`Answer`] changes shape or
/// gains a value an older worker cannot read (2: [`Deploy::Helm`]; 3: the catalog tables; 4:
/// a deployment sized for a percentile), so a worker left in a cache asks for a reload rather
/// than failing on the job (or, here, writing a file sized for the single values).
pub const PROTOCOL: u32 = 4;

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
        /// The month's figures at the percentile the plan sizes for, when it has ranges and
        /// names one: the file is sized for them instead of the single values.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sized: Option<crate::export::SizedFor>,
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
    /// [`plan_file::import_json`](crate::codec::plan_file::import_json)).
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
