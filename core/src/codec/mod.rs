//! Wire formats that leave the app as text.
//!
//! [`link`] turns a serialised plan into the URL fragment of a share link and back. It is the
//! single owner of the link format's names (the fragment parameter and the version tag), so the
//! UI and the docs never spell them out themselves.
//!
//! [`plan_file`] writes a plan to a YAML or JSON file inside a versioned envelope and reads
//! either back, migrating files written by older versions.

pub mod link;
pub mod plan_file;
