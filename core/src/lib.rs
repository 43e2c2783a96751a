//! Headroom's planning core.
//!
//! Plain, synchronous Rust: no browser, no Leptos, no I/O. Everything the app shows is computed
//! here, so it compiles and tests natively with `cargo test`.
//!
//! Data flows one way: a plan document ([`plan::Plan`], typed in the page, read from a file or
//! unpacked from a link) is validated once, at the edge ([`validate`]), into a
//! [`validate::ValidPlan`]; the [`engine`] takes only that and runs the models (growth, sizing,
//! tiers, vertical, cost), so it cannot fail.

pub mod assumptions;
pub mod catalog;
pub mod chart;
pub mod codec;
pub mod compare;
pub mod cost;
pub mod currency;
pub mod database;
pub mod edit;
pub mod engine;
pub mod explain;
pub mod export;
pub mod float_text;
pub mod format;
pub mod growth;
pub mod input;
pub mod jobs;
pub mod montecarlo;
pub mod partial;
pub mod plan;
pub mod presets;
pub mod queueing;
pub mod redis;
pub mod selection;
pub mod sizing;
pub mod sort;
pub mod student_t;
pub mod tables;
pub mod text;
pub mod tiers;
pub mod tolerance;
pub mod totals;
pub mod uncertain;
pub mod units;
pub mod usl;
pub mod validate;
pub mod vertical;
pub mod voice;
