//! Preset: VoiceAssist scaling runbook.

use super::Template;
use crate::plan::Plan;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "voiceassist",
    title: "VoiceAssist scaling runbook",
    summary: "Work in progress.",
    build: plan,
};

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "VoiceAssist scaling runbook".to_owned(),
        ..Plan::default()
    }
}
