//! Preset: Café voice pilot.

use super::Template;
use crate::plan::Plan;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "cafe-pilot",
    title: "Café voice pilot",
    summary: "Work in progress.",
    build: plan,
};

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "Café voice pilot".to_owned(),
        ..Plan::default()
    }
}
