//! The workspace: the plan being edited, its history, and what the engine made of it.
//!
//! Signals live here and only here. Every edit goes through [`Workspace::edit`], which records
//! history for undo/redo; the validated plan and the results are memos derived from the plan,
//! so they are computed once per edit however many components read them. When the plan is
//! invalid (or a field holds text that is not a number yet), the last good results stay on
//! screen, marked stale, until the input is valid again.

use headroom_core::engine::{self, PlanResults};
use headroom_core::plan::Plan;
use headroom_core::validate::{PlanError, ValidPlan};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most undo steps kept.
const HISTORY_LIMIT: usize = 200;
/// Edits of the same field closer together than this merge into one undo step (typing "250"
/// is one step, not three).
const MERGE_WINDOW_MS: f64 = 1000.0;

/// A validated plan and its results, shared cheaply between components.
#[derive(Clone, Debug)]
pub struct Computed {
    /// The plan the results were computed from.
    pub plan: Arc<ValidPlan>,
    /// The engine's results.
    pub results: Arc<PlanResults>,
}

impl PartialEq for Computed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.results, &other.results)
    }
}

#[derive(Default)]
struct History {
    undo: Vec<Plan>,
    redo: Vec<Plan>,
    last_key: Option<String>,
    last_at_ms: f64,
}

/// All state of the page.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The plan being edited.
    pub plan: RwSignal<Plan>,
    /// Text in a field that does not parse yet, by field path, with its message.
    pub field_errors: RwSignal<BTreeMap<String, String>>,
    /// The plan after validation.
    pub validated: Memo<Result<Arc<ValidPlan>, Arc<Vec<PlanError>>>>,
    /// The last good results (kept while the input is invalid).
    pub computed: Memo<Option<Computed>>,
    /// [`Workspace::computed`] once the frame showing it has been painted: what the panels
    /// below the fold read (see [`Workspace::deferred`]).
    later: Memo<Option<Computed>>,
    /// Whether [`Workspace::computed`] is older than the input.
    pub stale: Signal<bool>,
    /// Scenario shown in detail (index into the plan's scenarios).
    pub scenario: RwSignal<usize>,
    /// Month shown in detail (1-based).
    pub month: RwSignal<u32>,
    history: StoredValue<History>,
    /// Bumped on every undo/redo/replace, so fields re-read their text from the plan.
    pub revision: RwSignal<u64>,
}

impl Workspace {
    /// A workspace holding `plan`.
    pub fn new(plan: Plan) -> Self {
        let month = plan.horizon_months.clamp(1, 12);
        let plan = RwSignal::new(plan);
        let validated =
            Memo::new(move |_| plan.with(|p| p.validate().map(Arc::new).map_err(Arc::new)));
        let computed =
            Memo::new(
                move |previous: Option<&Option<Computed>>| match validated.get() {
                    Ok(valid) => Some(Computed {
                        results: Arc::new(engine::run(&valid)),
                        plan: valid,
                    }),
                    Err(_) => previous.cloned().flatten(),
                },
            );
        let later = follow_after_paint(computed);
        let field_errors = RwSignal::new(BTreeMap::new());
        let stale = Signal::derive(move || {
            validated.with(Result::is_err) || field_errors.with(|e| !e.is_empty())
        });
        Self {
            plan,
            field_errors,
            validated,
            computed,
            later,
            stale,
            scenario: RwSignal::new(0),
            month: RwSignal::new(month),
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
        }
    }

    /// This workspace as the panels below the fold see it: its results follow the plan once the
    /// frame with the rest of the page has been painted. A keystroke then updates the field,
    /// the summary and the table rows on screen within one frame, and the comparison, the
    /// charts, the timeline, the advice and the table rows out of view right after it (several
    /// edits within one frame are drawn once).
    pub fn deferred(self) -> Self {
        Self {
            computed: self.later,
            ..self
        }
    }

    /// Applies `change` to the plan as one undoable step. `key` names what is edited (a field
    /// path); consecutive edits of the same key within a second merge into one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        let before = self.plan.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        let now = now_ms();
        self.history.update_value(|h| {
            let merge = h.last_key.as_deref() == Some(key) && now - h.last_at_ms < MERGE_WINDOW_MS;
            if !merge {
                h.undo.push(before);
                if h.undo.len() > HISTORY_LIMIT {
                    h.undo.remove(0);
                }
            }
            h.redo.clear();
            h.last_key = Some(key.to_owned());
            h.last_at_ms = now;
        });
        self.plan.set(after);
        self.clamp_selection();
    }

    /// Replaces the whole plan (a template, an imported file) as one undoable step.
    pub fn replace(&self, plan: Plan) {
        self.edit("\u{0}replace", |p| *p = plan);
        self.history.update_value(|h| h.last_key = None);
        self.field_errors.set(BTreeMap::new());
        self.revision.update(|r| *r += 1);
    }

    /// Steps back; returns whether there was anything to undo.
    pub fn undo(&self) -> bool {
        let current = self.plan.get_untracked();
        let previous = self.history.try_update_value(|h| {
            let previous = h.undo.pop()?;
            h.redo.push(current);
            h.last_key = None;
            Some(previous)
        });
        self.restore(previous.flatten())
    }

    /// Steps forward again; returns whether there was anything to redo.
    pub fn redo(&self) -> bool {
        let current = self.plan.get_untracked();
        let next = self.history.try_update_value(|h| {
            let next = h.redo.pop()?;
            h.undo.push(current);
            h.last_key = None;
            Some(next)
        });
        self.restore(next.flatten())
    }

    fn restore(&self, plan: Option<Plan>) -> bool {
        match plan {
            Some(plan) => {
                self.plan.set(plan);
                self.field_errors.set(BTreeMap::new());
                self.revision.update(|r| *r += 1);
                self.clamp_selection();
                true
            }
            None => false,
        }
    }

    /// Whether [`Workspace::undo`] would do something (reactive).
    pub fn can_undo(&self) -> bool {
        self.plan.track();
        self.history.with_value(|h| !h.undo.is_empty())
    }

    /// Whether [`Workspace::redo`] would do something (reactive).
    pub fn can_redo(&self) -> bool {
        self.plan.track();
        self.history.with_value(|h| !h.redo.is_empty())
    }

    /// Records (or clears, with `None`) a field's text problem.
    pub fn set_field_error(&self, path: &str, message: Option<String>) {
        let differs = self
            .field_errors
            .with_untracked(|e| e.get(path) != message.as_ref());
        if differs {
            self.field_errors.update(|e| match message {
                Some(m) => {
                    e.insert(path.to_owned(), m);
                }
                None => {
                    e.remove(path);
                }
            });
        }
    }

    /// The plan-level problem for `path`, if validation reported one (reactive).
    pub fn plan_error(&self, path: &str) -> Option<String> {
        self.validated.with(|v| match v {
            Ok(_) => None,
            Err(errors) => errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone()),
        })
    }

    fn clamp_selection(&self) {
        let (scenarios, horizon) = self
            .plan
            .with_untracked(|p| (p.scenarios.len(), p.horizon_months));
        if self.scenario.get_untracked() >= scenarios.max(1) {
            self.scenario.set(scenarios.saturating_sub(1));
        }
        let month = self.month.get_untracked();
        if month > horizon.max(1) || month == 0 {
            self.month.set(horizon.clamp(1, 120));
        }
    }
}

/// A memo that takes `source`'s value once the browser has painted the frame in which it
/// changed (the next animation frame, then the task after it). Changes that come faster than
/// that are taken together, the latest one; a first value is taken at once.
fn follow_after_paint(source: Memo<Option<Computed>>) -> Memo<Option<Computed>> {
    let taken = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        source.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // The workspace may have gone (a test's app unmounted) before the frame.
                    if pending.try_set_value(false).is_some() {
                        return;
                    }
                    let Some(now) = source.try_get_untracked() else {
                        return;
                    };
                    if taken.try_with_untracked(|t| *t != now) == Some(true) {
                        taken.set(now);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
    Memo::new(move |_| taken.get())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
