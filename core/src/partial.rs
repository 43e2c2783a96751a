//! Results computed a scenario at a time: what the page shows while a plan is being edited.
//!
//! After a keystroke the page computes only the scenario on show, so that the field, the
//! summary and the visible table rows keep up with the typist; the other scenarios keep their
//! results for the plan before the edit until the frame is painted, and are then computed all
//! together ([`PartialResults::completed`]). This module is that bookkeeping, as plain values:
//! which plan the results belong to, which scenarios are computed for it, and what to show
//! after a change ([`PartialResults::follow`]).
//!
//! The page holds two of these: the latest (the scenario on show computed for the latest valid
//! plan) and the complete one (every scenario computed, a frame behind). Neither is derived
//! from the other's output in a loop: the latest reads the complete one only as a source of
//! results to reuse ([`PartialResults::follow`]), and what is on screen is the complete one
//! when it belongs to the latest plan, else the latest ([`PartialResults::on_show`]).

use crate::engine::{self, PlanResults};
use crate::validate::ValidPlan;
use std::sync::Arc;

/// A validated plan and its results, some scenarios possibly still those of an earlier plan.
/// Cheap to clone and to compare (by identity of the results).
#[derive(Clone, Debug)]
pub struct PartialResults {
    /// The plan the results are for.
    pub plan: Arc<ValidPlan>,
    /// The engine's results: every scenario [`PartialResults::is_fresh`] is computed for
    /// `plan`; the others are an earlier plan's, with `plan`'s scenario names.
    pub results: Arc<PlanResults>,
    /// Which scenarios' results are for `plan`, by index.
    fresh: Arc<[bool]>,
}

/// The same results: the same computation, not merely equal numbers (a memo holding these
/// then notifies its readers once per computation).
impl PartialEq for PartialResults {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.results, &other.results)
    }
}

impl PartialResults {
    /// Every scenario of `plan` computed.
    pub fn whole(plan: Arc<ValidPlan>) -> Self {
        let results = engine::run(&plan);
        let fresh = vec![true; results.scenarios.len()].into();
        Self {
            plan,
            results: Arc::new(results),
            fresh,
        }
    }

    /// A new `plan` with scenario `shown` computed and the others taken from `before` (the
    /// results of an earlier plan) while they wait: only when `before` has the same scenarios
    /// over the same months; otherwise the whole plan is computed at once.
    pub fn first_for(plan: Arc<ValidPlan>, shown: usize, before: Option<&Self>) -> Self {
        let same_shape = |before: &&Self| {
            let (old, new) = (before.plan.plan(), plan.plan());
            old.scenarios.len() == new.scenarios.len()
                && old.horizon_months == new.horizon_months
                && old.start == new.start
        };
        let Some(before) = before.filter(same_shape) else {
            return Self::whole(plan);
        };
        let mut results = PlanResults::clone(&before.results);
        results.priced_on = plan.plan().catalogs.priced_on;
        results.currency = plan.plan().currency();
        // A renamed scenario is named right away, wherever its name shows.
        for (result, scenario) in results.scenarios.iter_mut().zip(&plan.plan().scenarios) {
            if result.name != scenario.name {
                Arc::make_mut(result).name.clone_from(&scenario.name);
            }
        }
        Self {
            fresh: vec![false; results.scenarios.len()].into(),
            plan,
            results: Arc::new(results),
        }
        .computing(|i| i == shown)
    }

    /// What to show after the plan or the scenario on show changed: the results for `valid`
    /// (the plan as validated now; `None` while it is invalid, which keeps the last good
    /// plan) with scenario `scenario` computed. `previous` is what this returned last time,
    /// `complete` the latest results with every scenario computed: the freshest of the two is
    /// reused, and a scenario already computed for the plan is not computed again.
    pub fn follow(
        previous: Option<&Self>,
        complete: Option<&Self>,
        valid: Option<Arc<ValidPlan>>,
        scenario: usize,
    ) -> Option<Self> {
        let plan = match valid {
            Some(plan) => plan,
            None => Arc::clone(&previous?.plan),
        };
        if let Some(done) = complete.filter(|c| c.is_for(&plan)) {
            return Some(done.clone());
        }
        let shown = scenario.min(plan.plan().scenarios.len().saturating_sub(1));
        let before = match (previous, complete) {
            // Another scenario picked before the frame: it is computed at once.
            (Some(p), _) if p.is_for(&plan) => return Some(p.computing(|i| i == shown)),
            // The complete results of the plan `previous` was for are as recent and fresher.
            (Some(p), Some(c)) if Arc::ptr_eq(&p.plan, &c.plan) => Some(c),
            (Some(p), _) => Some(p),
            (None, c) => c,
        };
        Some(Self::first_for(plan, shown, before))
    }

    /// What the page shows: `complete` when it is for the same plan as `latest` (every
    /// scenario computed), else `latest`.
    pub fn on_show(latest: Option<&Self>, complete: Option<&Self>) -> Option<Self> {
        let latest = latest?;
        Some(
            complete
                .filter(|c| c.is_for(&latest.plan))
                .unwrap_or(latest)
                .clone(),
        )
    }

    /// These results with every scenario computed for [`PartialResults::plan`] (itself when
    /// it is).
    pub fn completed(&self) -> Self {
        self.computing(|_| true)
    }

    /// These results with the scenarios that `wanted` picks (by index) computed for
    /// [`PartialResults::plan`], where they are not yet (itself when nothing is to compute).
    pub fn computing(&self, wanted: impl Fn(usize) -> bool) -> Self {
        let due = |i: usize| wanted(i) && !self.fresh[i];
        if !(0..self.fresh.len()).any(due) {
            return self.clone();
        }
        let mut results = PlanResults::clone(&self.results);
        let mut fresh = self.fresh.to_vec();
        for (i, result) in results.scenarios.iter_mut().enumerate() {
            if due(i) {
                if let Some(now) = engine::run_one(&self.plan, i) {
                    *result = now;
                    fresh[i] = true;
                }
            }
        }
        Self {
            plan: Arc::clone(&self.plan),
            results: Arc::new(results),
            fresh: fresh.into(),
        }
    }

    /// Whether these are results of `plan` (the same validation, not merely an equal plan).
    pub fn is_for(&self, plan: &Arc<ValidPlan>) -> bool {
        Arc::ptr_eq(&self.plan, plan)
    }

    /// Whether scenario `index` is computed for [`PartialResults::plan`].
    pub fn is_fresh(&self, index: usize) -> bool {
        self.fresh.get(index).copied().unwrap_or(false)
    }

    /// Whether every scenario is computed for [`PartialResults::plan`].
    pub fn is_complete(&self) -> bool {
        self.fresh.iter().all(|f| *f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;
    use crate::presets::TEMPLATES;

    /// A valid plan with three scenarios.
    fn valid(change: impl FnOnce(&mut Plan)) -> Arc<ValidPlan> {
        let mut plan = TEMPLATES[3].build();
        while plan.scenarios.len() < 3 {
            let mut copy = plan.scenarios[0].clone();
            copy.name = format!("Copy {}", plan.scenarios.len());
            plan.scenarios.push(copy);
        }
        change(&mut plan);
        Arc::new(plan.validate().expect("valid plan"))
    }

    fn fresh(r: &PartialResults) -> Vec<bool> {
        (0..r.results.scenarios.len())
            .map(|i| r.is_fresh(i))
            .collect()
    }

    /// An edit that changes every scenario's figures.
    fn more_units(plan: &mut Plan) {
        plan.policies.headroom_pct += 10.0;
    }

    #[test]
    fn the_first_results_are_whole() {
        let plan = valid(|_| {});
        let first = PartialResults::follow(None, None, Some(Arc::clone(&plan)), 1).unwrap();
        assert!(first.is_complete());
        assert_eq!(*first.results, engine::run(&plan));
    }

    #[test]
    fn an_edit_computes_the_scenario_on_show_and_keeps_the_others_until_completed() {
        let before = PartialResults::whole(valid(|_| {}));
        let plan = valid(more_units);
        let latest =
            PartialResults::follow(Some(&before), None, Some(Arc::clone(&plan)), 1).unwrap();
        assert_eq!(fresh(&latest), [false, true, false]);
        let now = engine::run(&plan);
        assert_eq!(latest.results.scenarios[1], now.scenarios[1]);
        assert_eq!(latest.results.scenarios[0], before.results.scenarios[0]);
        assert_ne!(latest.results.scenarios[0], now.scenarios[0]);
        let complete = latest.completed();
        assert!(complete.is_complete());
        assert_eq!(*complete.results, now);
        // Nothing left to compute: the same results, not a copy.
        assert_eq!(complete.completed(), complete);
    }

    #[test]
    fn a_new_currency_shows_at_once_with_the_results_kept() {
        let before = PartialResults::whole(valid(|_| {}));
        let plan = valid(|p| p.currency = "EUR".to_owned());
        let latest =
            PartialResults::follow(Some(&before), None, Some(Arc::clone(&plan)), 0).unwrap();
        assert_eq!(latest.results.currency.code(), "EUR");
        assert_eq!(*latest.completed().results, engine::run(&plan));
    }

    #[test]
    fn another_scenario_picked_before_completion_is_computed_at_once() {
        let before = PartialResults::whole(valid(|_| {}));
        let plan = valid(more_units);
        let latest =
            PartialResults::follow(Some(&before), None, Some(Arc::clone(&plan)), 0).unwrap();
        let picked = PartialResults::follow(Some(&latest), None, Some(plan), 2).unwrap();
        assert_eq!(fresh(&picked), [true, false, true]);
        // Picking a computed scenario computes nothing.
        let again = PartialResults::follow(Some(&picked), None, None, 0).unwrap();
        assert_eq!(again, picked);
    }

    #[test]
    fn complete_results_of_the_plan_are_shown_as_they_are() {
        let plan = valid(more_units);
        let complete = PartialResults::whole(Arc::clone(&plan));
        let latest = PartialResults::follow(None, Some(&complete), Some(plan), 2).unwrap();
        assert_eq!(latest, complete);
        assert_eq!(
            PartialResults::on_show(Some(&latest), Some(&complete)),
            Some(complete)
        );
    }

    #[test]
    fn what_shows_is_the_complete_results_only_for_the_latest_plan() {
        let complete = PartialResults::whole(valid(|_| {}));
        let latest =
            PartialResults::follow(Some(&complete), Some(&complete), Some(valid(more_units)), 0)
                .unwrap();
        assert_eq!(
            PartialResults::on_show(Some(&latest), Some(&complete)),
            Some(latest.clone())
        );
        let done = latest.completed();
        assert_eq!(
            PartialResults::on_show(Some(&latest), Some(&done)),
            Some(done)
        );
        assert_eq!(PartialResults::on_show(None, Some(&complete)), None);
    }

    #[test]
    fn the_waiting_scenarios_come_from_the_freshest_results_of_the_plan_before() {
        let first = valid(|_| {});
        let latest = PartialResults::follow(
            Some(&PartialResults::whole(valid(|p| {
                p.policies.headroom_pct += 30.0
            }))),
            None,
            Some(Arc::clone(&first)),
            0,
        )
        .unwrap();
        assert_eq!(fresh(&latest), [true, false, false]);
        let complete = latest.completed();
        let next =
            PartialResults::follow(Some(&latest), Some(&complete), Some(valid(more_units)), 0)
                .unwrap();
        // Scenario 1 waits with the first plan's results (the complete ones), not older ones.
        assert_eq!(next.results.scenarios[1], complete.results.scenarios[1]);
        assert_ne!(next.results.scenarios[1], latest.results.scenarios[1]);
    }

    #[test]
    fn an_invalid_plan_keeps_the_last_good_results() {
        assert_eq!(PartialResults::follow(None, None, None, 0), None);
        let good = PartialResults::whole(valid(|_| {}));
        let kept = PartialResults::follow(Some(&good), None, None, 2).unwrap();
        assert_eq!(kept, good);
    }

    #[test]
    fn a_plan_of_another_shape_is_computed_whole() {
        let before = PartialResults::whole(valid(|_| {}));
        let shorter = PartialResults::follow(
            Some(&before),
            None,
            Some(valid(|p| p.horizon_months = 6)),
            0,
        )
        .unwrap();
        assert!(shorter.is_complete());
        let fewer = PartialResults::follow(
            Some(&before),
            None,
            Some(valid(|p| {
                p.scenarios.pop();
            })),
            0,
        )
        .unwrap();
        assert!(fewer.is_complete());
    }

    #[test]
    fn a_renamed_scenario_is_named_before_it_is_computed() {
        let before = PartialResults::whole(valid(|_| {}));
        let latest = PartialResults::follow(
            Some(&before),
            None,
            Some(valid(|p| p.scenarios[2].name = "Renamed".into())),
            0,
        )
        .unwrap();
        assert!(!latest.is_fresh(2));
        assert_eq!(latest.results.scenarios[2].name, "Renamed");
    }
}
