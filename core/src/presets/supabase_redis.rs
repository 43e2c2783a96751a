//! Preset: Supabase + Redis SaaS.

use super::Template;
use crate::plan::Plan;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "supabase-redis",
    title: "Supabase + Redis SaaS",
    summary: "Work in progress.",
    build: plan,
};

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "Supabase + Redis SaaS".to_owned(),
        ..Plan::default()
    }
}
