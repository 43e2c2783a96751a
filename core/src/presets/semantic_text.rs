//! Preset: Semantic Text Processor.

use super::Template;
use crate::plan::Plan;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "semantic-text",
    title: "Semantic Text Processor",
    summary: "Work in progress.",
    build: plan,
};

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "Semantic Text Processor".to_owned(),
        ..Plan::default()
    }
}
