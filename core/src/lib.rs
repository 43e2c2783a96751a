//! Headroom's planning core.
//!
//! Plain, synchronous Rust: no browser, no Leptos, no I/O. Everything the app shows is computed
//! here, so it compiles and tests natively with `cargo test`.
//!
//! Data flows one way: raw text typed by a person ([`baseline::BaselineForm`]) is validated once,
//! at the edge, into checked types ([`baseline::Baseline`]); the models ([`sizing`]) take only
//! checked types and therefore cannot fail.

pub mod baseline;
pub mod catalog;
pub mod codec;
pub mod draft;
pub mod explain;
pub mod export;
pub mod format;
pub mod input;
pub mod plan;
pub mod sizing;
pub mod validate;
