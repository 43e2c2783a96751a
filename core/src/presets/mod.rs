//! Templates: one preset plan per capacity-planning guide Headroom was designed from, plus a
//! blank plan. Each preset expresses its guide's inputs in Headroom's terms; the golden tests
//! (`core/tests/golden/`) check that the engine reproduces the guide's figures, and say where a
//! guide's own arithmetic is wrong.

mod cafe_pilot;
mod selextract;
mod semantic_text;
mod supabase_redis;
mod voiceassist;

use crate::plan::Plan;

/// A named starting point.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Stable identifier, used in links and storage: "cafe-pilot".
    pub id: &'static str,
    /// Title shown in the template picker.
    pub title: &'static str,
    /// One sentence on what the template plans.
    pub summary: &'static str,
}

impl Template {
    /// Builds the plan. A method rather than a function pointer in the list, so that showing
    /// the list (names and summaries) does not bring every template's plan along: the page
    /// builds them in a part of its code fetched when a template is picked.
    pub fn build(&self) -> Plan {
        match self.id {
            "cafe-pilot" => cafe_pilot::plan(),
            "selextract" => selextract::plan(),
            "supabase-redis" => supabase_redis::plan(),
            "voiceassist" => voiceassist::plan(),
            "semantic-text" => semantic_text::plan(),
            _ => Plan::default(),
        }
    }
}

/// Every template, blank first.
pub const TEMPLATES: [Template; 6] = [
    Template {
        id: "blank",
        title: "Blank plan",
        summary: "1\u{202F}000 users, one steady scenario and the default catalogs.",
    },
    cafe_pilot::TEMPLATE,
    selextract::TEMPLATE,
    supabase_redis::TEMPLATE,
    voiceassist::TEMPLATE,
    semantic_text::TEMPLATE,
];

/// The template with `id`, if any.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The template `id`, validated and run: what the core's unit tests start from.
#[cfg(test)]
pub(crate) fn computed(id: &str) -> (crate::validate::ValidPlan, crate::engine::PlanResults) {
    let plan = find(id)
        .expect("template")
        .build()
        .validate()
        .expect("valid template");
    let results = crate::engine::run(&plan);
    (plan, results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_valid_and_ids_are_unique() {
        let mut ids = std::collections::HashSet::new();
        for template in &TEMPLATES {
            assert!(ids.insert(template.id), "duplicate id {}", template.id);
            let plan = template.build();
            if let Err(errors) = plan.validate() {
                panic!("template {} is invalid: {errors:?}", template.id);
            }
        }
    }

    #[test]
    fn every_template_builds_its_own_plan() {
        let plans: Vec<Plan> = TEMPLATES.iter().map(Template::build).collect();
        assert_eq!(plans[0], Plan::default(), "the blank plan first");
        for (i, plan) in plans.iter().enumerate() {
            for (j, other) in plans.iter().enumerate().skip(i + 1) {
                assert_ne!(
                    plan, other,
                    "{} and {} build the same plan",
                    TEMPLATES[i].id, TEMPLATES[j].id
                );
            }
        }
    }
}
