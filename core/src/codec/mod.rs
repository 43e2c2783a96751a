//! Wire formats that leave the app as text.
//!
//! [`link`] turns a serialised plan into the URL fragment of a share link and back. It is the
//! single owner of the link format's names (the fragment parameter and the version tag), so the
//! UI and the docs never spell them out themselves.
//!
//! [`plan_file`] writes a plan to a YAML or JSON file inside a versioned envelope and reads
//! either back, migrating files written by older versions. Its JSON half is all the page's first
//! download holds; `plan_yaml` (YAML files, and files with results) and `results` (the derived
//! results section an exported file may carry) are built with the `yaml` feature, for the file
//! worker.
//!
//! [`plan_reader`] reads the plan out of a plan file's untyped document, naming the field at
//! fault when it cannot; [`plan_writer`] writes that document. With the `yaml` feature the
//! reader also describes what it reads as a JSON Schema (`plan_reader::schema`). [`field_path`]
//! finds a number of that document by its path (`scenarios[0].growth.monthly_growth_pct`), and
//! changes it: what a range of the plan names.
//!
//! [`share`] puts a whole plan in a share link and opens one: [`link`]'s payload around the
//! plan file's JSON envelope, so links are migrated by the same chain as files.
//!
//! [`json`] is the JSON text itself: read into a document and written back, by hand. With the
//! `yaml` feature, `yaml_writer` writes such a document as YAML (plan files, their results
//! section, the deployment exports); `serde-saphyr` reads YAML.
//!
//! [`library`] is the index of the plans a browser keeps ("My plans").

#[cfg(feature = "yaml")]
pub mod catalog_csv;
mod deflate;
pub mod field_path;
pub mod history;
pub mod json;
pub mod library;
pub mod link;
pub mod plan_file;
pub mod plan_reader;
pub mod plan_writer;
#[cfg(feature = "yaml")]
pub mod plan_yaml;
#[cfg(feature = "yaml")]
pub mod results;
pub mod share;
#[cfg(feature = "yaml")]
pub mod yaml_writer;
