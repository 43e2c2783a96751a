//! The one gate between a plan document and the models.
//!
//! [`Plan::validate`] checks every field of a [`Plan`] — typed in the page, read from a file or
//! unpacked from a link — and returns either a [`ValidPlan`] or *every* problem at once, each
//! naming its field (a machine path such as `scenarios[1].growth.monthly_growth_pct` for the
//! page to place the message, and a sentence a person reads). The models take only a
//! [`ValidPlan`], so they never see NaN, ∞, a negative price or a horizon of 10 000 months.
//!
//! The accepted ranges are the [`NumberSpec`]s in [`specs`]; the page's form fields use the same
//! specs, so a field and the plan check can never disagree.
//!
//! # Files
//!
//! This file holds the gate itself: [`ValidPlan`], [`PlanError`], the limits (list lengths,
//! name length, [`YEARS`]), the `Checker` that collects problems, and [`Plan::validate`], which
//! runs the checks one after another. The ranges are in `specs.rs`; each section of the plan is
//! checked in a file of its own: `calendar.rs` (the start month, the last planned month and days of the year),
//! `baseline.rs` (today's demand, voice, cost lines and scaling points), `scenarios.rs` (the
//! scenario list, growth models and calendar effects), `policies.rs` (the policies and the
//! catalog entries the plan names), `catalogs.rs` (the instance, database, Redis and GPU
//! catalogs) and `uncertainty.rs` (the ranges and their trials). The tests, which check whole plans, are in `tests.rs`.

mod baseline;
mod calendar;
mod catalogs;
mod policies;
mod scenarios;
pub mod specs;
mod uncertainty;

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests;

use crate::input::{FieldProblem, NumberSpec};
use crate::plan::{GpuNode, InstanceType, Plan};
use crate::text::{excerpt, first_invisible};
use crate::units::Share;
use std::fmt;

/// A plan that passed [`Plan::validate`], with the catalog entries it names looked up once and
/// the models' inputs resolved from its policies; the models accept only this. It does not
/// stand in for the plan it was made from: what it was checked from is [`ValidPlan::plan`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidPlan {
    plan: Plan,
    lookups: Lookups,
}

/// What a valid plan refers to by name, as positions in its catalogs.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Lookups {
    app_instance: usize,
    gpu_node: Option<usize>,
    database_today: usize,
    redis_today: usize,
}

impl ValidPlan {
    /// The checked plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Gives the plan back, e.g. to edit it.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// The app's instance type: the catalog entry named by
    /// [`crate::plan::Policies::app_instance`], or the first (smallest) when the plan names none.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// plan.baseline.voice = Some(headroom_core::edit::new_voice_demand());
    /// let valid = plan.clone().validate().unwrap();
    /// assert_eq!(valid.app_instance_type().name, plan.policies.app_instance);
    /// assert_eq!(valid.gpu_node().unwrap().name, plan.policies.voice.gpu_node);
    /// plan.policies.app_instance = "gone".to_owned();
    /// assert!(plan.validate().is_err()); // a valid plan names an entry its catalog holds
    /// ```
    pub fn app_instance_type(&self) -> &InstanceType {
        &self.plan.catalogs.instances[self.lookups.app_instance]
    }

    /// Position of [`ValidPlan::app_instance_type`] in the instance catalog.
    pub fn app_instance_index(&self) -> usize {
        self.lookups.app_instance
    }

    /// The GPU node voice runs on ([`crate::plan::VoicePolicy::gpu_node`]); `None` when the
    /// plan has no voice.
    pub fn gpu_node(&self) -> Option<&GpuNode> {
        self.lookups
            .gpu_node
            .map(|i| &self.plan.catalogs.gpu_nodes[i])
    }

    /// Positions of today's database tier and Redis plan in their catalogs (the first entry
    /// when the plan names none): where the tier walks start.
    pub fn tiers_today(&self) -> (usize, usize) {
        (self.lookups.database_today, self.lookups.redis_today)
    }

    /// The plan's commitments as the cost model takes them, when the plan enables them.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{plan::Plan, units::Share};
    /// let mut plan = Plan::default();
    /// assert_eq!(plan.clone().validate().unwrap().commitment(), None);
    /// plan.policies.commitment.enabled = true;
    /// plan.policies.commitment.discount_pct = 30.0;
    /// let terms = plan.validate().unwrap().commitment().unwrap();
    /// assert_eq!(terms.discount, Share::of_pct(30.0).unwrap());
    /// ```
    pub fn commitment(&self) -> Option<crate::cost::Commitment> {
        let policy = &self.plan.policies.commitment;
        policy.enabled.then(|| crate::cost::Commitment::of(policy))
    }

    /// The database tier walk's triggers, connections then database size: each its own when
    /// the plan gives one, else the plan's scale-up trigger.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// plan.policies.scale_up_trigger_pct = 80.0;
    /// plan.policies.database_storage_trigger_pct = Some(75.0);
    /// let triggers = plan.validate().unwrap().database_triggers();
    /// assert_eq!(triggers.map(|t| t.get()), [0.8, 0.75]);
    /// ```
    pub fn database_triggers(&self) -> [Share; crate::tiers::OWN_TRIGGERS] {
        let p = &self.plan.policies;
        [
            p.database_connections_trigger_pct,
            p.database_storage_trigger_pct,
        ]
        .map(|own| crate::tiers::trigger(own.unwrap_or(p.scale_up_trigger_pct)))
    }

    /// The Redis plan walk's trigger: its own when the plan gives one, else the plan's
    /// scale-up trigger.
    pub fn redis_trigger(&self) -> Share {
        let p = &self.plan.policies;
        crate::tiers::trigger(p.redis_memory_trigger_pct.unwrap_or(p.scale_up_trigger_pct))
    }

    /// How the plan's Redis data becomes a node's memory, as the Redis model takes it.
    pub fn redis_rules(&self) -> crate::redis::MemoryRules {
        crate::redis::MemoryRules::of(&self.plan.policies.redis)
    }

    /// The plan's off-hours scale-down as the cost model takes it, when the plan enables it.
    pub fn off_hours(&self) -> Option<crate::cost::OffHours> {
        let policy = &self.plan.policies.off_hours;
        policy.enabled.then(|| crate::cost::OffHours::of(policy))
    }
}

/// Position of the entry named `name` among `names`; the first for no name. Validation has
/// checked that a name given is in the catalog.
fn position_or_first<'a>(mut names: impl Iterator<Item = &'a str>, name: &str) -> usize {
    if name.is_empty() {
        return 0;
    }
    names.position(|n| n == name).unwrap_or(0)
}

/// The path of `field` under `path` (`scenarios[0].growth` + `monthly_growth_pct`): one
/// function for every such path, where `format!` would be compiled at each.
fn at(path: &str, field: &str) -> String {
    [path, ".", field].concat()
}

/// One rejected field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    /// Where: `baseline.units`, `scenarios[0].growth.monthly_growth_pct`, `catalogs.instances[2].usd_per_month`.
    pub path: String,
    /// Why, naming the field in words: "Units today must be at least 0".
    pub message: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.path)
    }
}

impl std::error::Error for PlanError {}

/// Most scenarios a plan can hold.
pub const MAX_SCENARIOS: usize = 12;
/// Most entries per catalog, milestones, history points, calendar effects or cost lines.
pub const MAX_LIST: usize = 500;
/// Longest name or label, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest region of a catalog entry, in characters.
pub const MAX_REGION_CHARS: usize = 64;
/// Most scaling measurements (load-test points) a plan can hold.
pub const MAX_SCALING_POINTS: usize = 100;
/// Most calendar effects one scenario can hold.
pub const MAX_CALENDAR_EFFECTS: usize = 50;
/// Earliest and latest calendar years a plan can start in (`YYYY-MM`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Collects problems with their paths.
#[derive(Default)]
struct Checker {
    errors: Vec<PlanError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(PlanError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn number(&mut self, path: impl Into<String>, spec: NumberSpec, value: f64) {
        if let Err(problem) = spec.check(value) {
            let sentence = match problem {
                FieldProblem::NotANumber => "is not a finite number".to_owned(),
                other => spec.describe(&other),
            };
            self.fail(path, format!("{} {sentence}", spec.label));
        }
    }

    /// Checks `value` when the plan gives one (an own trigger, an own growth rate).
    fn optional(&mut self, path: impl Into<String>, spec: NumberSpec, value: Option<f64>) {
        if let Some(value) = value {
            self.number(path, spec, value);
        }
    }

    fn count(&mut self, path: impl Into<String>, spec: NumberSpec, value: u32) {
        self.number(path, spec, f64::from(value));
    }

    fn name(&mut self, path: impl Into<String>, label: &str, value: &str) {
        let path = path.into();
        if value.trim().is_empty() {
            self.fail(path, format!("{label} is empty: give it a name"));
        } else if value.chars().count() > MAX_NAME_CHARS {
            self.fail(
                path,
                format!("{label} is longer than {MAX_NAME_CHARS} characters"),
            );
        } else {
            self.visible(path, label, value);
        }
    }

    /// Refuses text holding a character a reader cannot see: a line break or other control
    /// character, a direction-changing character or a zero-width one (see
    /// [`crate::text::invisible_at`] for the joiners allowed inside emoji and scripts that need
    /// them).
    fn visible(&mut self, path: String, label: &str, value: &str) {
        if let Some((c, kind)) = first_invisible(value) {
            self.fail(
                path,
                format!(
                    "{label} contains {} (U+{:04X}); remove it",
                    kind.describe(),
                    u32::from(c)
                ),
            );
        }
    }

    fn list_len(&mut self, path: &str, label: &str, len: usize, min: usize, max: usize) -> bool {
        if len < min {
            self.fail(
                path,
                format!(
                    "{label} needs at least {min} {}",
                    if min == 1 { "entry" } else { "entries" }
                ),
            );
            false
        } else if len > max {
            self.fail(
                path,
                format!("{label} holds {len} entries; at most {max} are allowed"),
            );
            false
        } else {
            true
        }
    }

    fn unique_names<'a>(&mut self, path: &str, label: &str, names: impl Iterator<Item = &'a str>) {
        let mut seen = Vec::new();
        for (i, name) in names.enumerate() {
            self.name(format!("{path}[{i}].name"), label, name);
            if repeated(&mut seen, crate::edit::normalise(name)) {
                self.fail(
                    format!("{path}[{i}].name"),
                    format!(
                        "{label} \"{}\" is used twice: names must differ",
                        excerpt(name)
                    ),
                );
            }
        }
    }
}

/// Whether `item` is already in `seen`, which keeps it if not. A list, not a set: lists hold
/// at most `MAX_LIST` entries, and a set's hashing code was more of the page's download than
/// the comparisons cost.
fn repeated<T: PartialEq>(seen: &mut Vec<T>, item: T) -> bool {
    let found = seen.contains(&item);
    if !found {
        seen.push(item);
    }
    found
}

impl Plan {
    /// Checks every field and returns the plan the models can trust.
    ///
    /// # Errors
    /// Every problem found, each with the field's path and a sentence naming it.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Plan;
    /// let mut plan = Plan::default();
    /// assert!(plan.validate().is_ok());
    /// plan.horizon_months = 10_000;
    /// plan.baseline.units = f64::NAN;
    /// let errors = plan.validate().unwrap_err();
    /// assert_eq!(errors.len(), 2);
    /// assert_eq!(errors[0].message, "Horizon must be at most 120 months");
    /// assert_eq!(errors[1].path, "baseline.units");
    /// ```
    pub fn validate(&self) -> Result<ValidPlan, Vec<PlanError>> {
        // The uncertainty section is not checked here: see `uncertainty_problems`.
        let mut c = Checker::default();
        c.name("name", "The plan's name", &self.name);
        calendar::check_start(&mut c, self.start);
        c.count("horizon_months", specs::HORIZON, self.horizon_months);
        if !c.errors.iter().any(|e| e.path == "horizon_months") {
            calendar::check_end(&mut c, self.start, self.horizon_months);
        }
        if let Some(message) = crate::currency::Currency::check(&self.currency) {
            c.fail("currency", message);
        }
        let voice = self.baseline.voice.as_ref();
        baseline::check_baseline(&mut c, &self.baseline);
        policies::check_today_tiers(&mut c, self);
        scenarios::check_scenarios(&mut c, &self.scenarios, &self.baseline);
        catalogs::check_catalogs(&mut c, &self.catalogs, voice.is_some());
        policies::check_policies(&mut c, &self.policies, &self.catalogs, voice);
        if c.errors.is_empty() {
            let catalogs = &self.catalogs;
            let lookups = Lookups {
                app_instance: position_or_first(
                    catalogs.instances.iter().map(|i| i.name.as_str()),
                    &self.policies.app_instance,
                ),
                gpu_node: voice.map(|_| {
                    position_or_first(
                        catalogs.gpu_nodes.iter().map(|g| g.name.as_str()),
                        &self.policies.voice.gpu_node,
                    )
                }),
                database_today: position_or_first(
                    catalogs.databases.iter().map(|t| t.name.as_str()),
                    &self.baseline.today.database_tier,
                ),
                redis_today: position_or_first(
                    catalogs.redis.iter().map(|t| t.name.as_str()),
                    &self.baseline.today.redis_plan,
                ),
            };
            Ok(ValidPlan {
                plan: self.clone(),
                lookups,
            })
        } else {
            Err(c.errors)
        }
    }

    /// The problems of the plan's uncertainty section (the ranges and the trials' settings),
    /// each with its field's path, as [`Plan::validate`] gives the rest: each range names a
    /// fractional number of the plan, once, with a distribution whose parameters are finite
    /// and in order; the trials, band and percentile are within their limits.
    ///
    /// Apart from [`Plan::validate`] because only the trials use the section: the trials
    /// worker checks it before a run ([`crate::montecarlo::Simulation::new`]) and the Ranges
    /// panel shows what it finds, and the page's first download carries none of it. A plan
    /// whose section has problems still computes from its numbers.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::{Distribution, Plan, Range, Uncertainty};
    /// let mut plan = Plan::default();
    /// plan.uncertainty = Some(Uncertainty {
    ///     ranges: vec![Range {
    ///         field: "baseline.units".to_owned(),
    ///         distribution: Distribution::Uniform { low: 900.0, high: 800.0 },
    ///     }],
    ///     ..Uncertainty::default()
    /// });
    /// assert!(plan.validate().is_ok());
    /// assert_eq!(plan.uncertainty_problems()[0].path, "uncertainty.ranges[0].distribution.high");
    /// ```
    pub fn uncertainty_problems(&self) -> Vec<PlanError> {
        self.uncertainty_problems_in(None)
    }

    /// [`Plan::uncertainty_problems`], each range's field looked up in `document`: this
    /// plan's document as the writer writes it (written here when `None`).
    pub fn uncertainty_problems_in(&self, document: Option<&serde_json::Value>) -> Vec<PlanError> {
        let mut c = Checker::default();
        uncertainty::check_uncertainty(&mut c, self, document);
        c.errors
    }
}
