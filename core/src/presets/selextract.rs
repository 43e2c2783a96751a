//! Preset: Single-server SaaS (Selextract).

use super::Template;
use crate::plan::Plan;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "selextract",
    title: "Single-server SaaS (Selextract)",
    summary: "Work in progress.",
    build: plan,
};

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "Single-server SaaS (Selextract)".to_owned(),
        ..Plan::default()
    }
}
