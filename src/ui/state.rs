//! The workspace: the plan being edited, its history, and what the engine made of it.
//!
//! Signals live here and only here. Every edit goes through [`Workspace::edit`], which records
//! history for undo/redo; the validated plan and the results are memos derived from the plan,
//! so they are computed once per edit however many components read them. When the plan is
//! invalid (or a field holds text that is not a number yet), the last good results stay on
//! screen, marked stale, until the input is valid again.
//!
//! Typing is the one edit whose results come a frame later ([`Workspace::edit_typed`]): the
//! keystroke's own frame shows the field, the next one the results, so a phone keeps up with
//! the typist. Every other edit (a button, a choice, undo, a new plan) has its results at once.

use crate::ui::effect;
use crate::ui::memo;
use headroom_core::chart::{self, ChartData};
use headroom_core::export::SizedFor;
use headroom_core::partial::PartialResults;
use headroom_core::plan::{Plan, MAX_HORIZON_MONTHS};
use headroom_core::selection;
use headroom_core::tables::{scenario_table, Table};
use headroom_core::validate::{PlanError, ValidPlan};
use leptos::prelude::*;
use std::sync::Arc;

/// Most undo steps kept.
const HISTORY_LIMIT: usize = 200;
/// Edits of the same field closer together than this merge into one undo step (typing "250"
/// is one step, not three).
const MERGE_WINDOW_MS: f64 = 1000.0;

#[derive(Default)]
struct History {
    undo: Vec<Plan>,
    redo: Vec<Plan>,
    last_key: Option<String>,
    last_at_ms: f64,
}

/// Text typed into fields that does not parse yet: each field's path with its message. A
/// person has a few at most, so a list (a map's code was larger for nothing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// The message for the field at `path`.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m.as_str())
    }

    /// Sets (or with `None` clears) the message for the field at `path`.
    pub fn set(&mut self, path: &str, message: Option<String>) {
        let at = self.0.iter().position(|(p, _)| p == path);
        match (at, message) {
            (Some(i), Some(m)) => self.0[i].1 = m,
            (None, Some(m)) => self.0.push((path.to_owned(), m)),
            (Some(i), None) => {
                self.0.remove(i);
            }
            (None, None) => {}
        }
    }

    /// The paths of the fields with a message.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(p, _)| p.as_str())
    }

    /// Whether no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the Ranges panel gives the rest of the page while it has bands
/// (`headroom_core::montecarlo::columns::BandColumns`). A trait object rather than the bands,
/// so that the first load holds neither the bands nor their text.
pub trait PageBands {
    /// Adds the bands' columns beside the figures of `table`, scenario `scenario`'s of `plan`.
    fn add_columns(&self, table: &mut Table, plan: &Plan, scenario: usize);
    /// Scenario `scenario`'s figures in month `month` at the percentile the plan sizes for,
    /// for a deployment file; `None` when it names none.
    fn sized(&self, scenario: usize, month: u32) -> Option<SizedFor>;
    /// What the deployment files are sized for, in one sentence ([`PageBands::sized`]).
    fn sized_line(&self, scenario: usize, month: u32) -> Option<String>;
    /// Adds scenario `scenario`'s band and median of `metric` to `chart`, which plots them.
    fn add_to_chart(&self, chart: &mut ChartData, scenario: usize, metric: chart::Metric);
}

/// The page's bands while the plan has them ([`Banding`]).
pub type AddBands = Box<dyn PageBands>;

thread_local! {
    /// The page's [`AddBands`] ([`Banding`]): a plain cell rather than a stored value, whose
    /// code (per type) the first load would carry. The page has one workspace at a time.
    static ADD_BANDS: std::cell::RefCell<Option<AddBands>> = const { std::cell::RefCell::new(None) };
}

/// The sizing tables' [`AddBands`], while the plan has bands, and a count of its changes for
/// the tables shown to follow (a counter like [`Workspace::revision`], whose code the first
/// load has already).
#[derive(Clone, Copy)]
pub struct Banding {
    changes: RwSignal<u64>,
}

impl Banding {
    /// Sets what the tables add (`None`: nothing), and tells the tables shown.
    pub fn set(self, add: Option<AddBands>) {
        ADD_BANDS.with(|cell| *cell.borrow_mut() = add);
        self.changes.update(|n| *n += 1);
    }

    /// Follows [`Banding::set`] (reactive).
    pub fn track(self) {
        self.changes.track();
    }

    /// Adds to `table`, scenario `scenario`'s of `plan`, what is set (untracked).
    fn apply(self, table: &mut Table, plan: &Plan, scenario: usize) {
        ADD_BANDS.with(|cell| {
            if let Some(bands) = &*cell.borrow() {
                // Hidden from the optimiser: seeing the one type ever set, it calls its
                // methods directly, and that call brings them and the bands' text into the
                // first load.
                std::hint::black_box(bands).add_columns(table, plan, scenario);
            }
        });
    }

    /// `chart` (scenario `scenario`'s `metric`) with the bands of that figure, while the page
    /// has bands: tracked, so that the chart follows them. One copy for the three charts.
    #[inline(never)]
    pub fn chart(
        self,
        mut chart: Option<ChartData>,
        scenario: usize,
        metric: chart::Metric,
    ) -> Option<ChartData> {
        self.track();
        ADD_BANDS.with(|cell| {
            if let (Some(bands), Some(chart)) = (&*cell.borrow(), &mut chart) {
                std::hint::black_box(bands).add_to_chart(chart, scenario, metric);
            }
        });
        chart
    }

    /// What the deployment files of scenario `scenario`'s month `month` are sized for, in one
    /// sentence, while the plan sizes for a percentile (untracked).
    pub fn sized_line(self, scenario: usize, month: u32) -> Option<String> {
        ADD_BANDS.with(|cell| {
            cell.borrow()
                .as_ref()
                .and_then(|bands| std::hint::black_box(bands).sized_line(scenario, month))
        })
    }

    /// Scenario `scenario`'s figures in month `month` at the percentile the plan sizes for,
    /// while the page has bands (untracked).
    pub fn sized(self, scenario: usize, month: u32) -> Option<SizedFor> {
        ADD_BANDS.with(|cell| {
            cell.borrow()
                .as_ref()
                .and_then(|bands| std::hint::black_box(bands).sized(scenario, month))
        })
    }
}

/// All state of the page.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The plan being edited.
    pub plan: RwSignal<Plan>,
    /// Text in a field that does not parse yet, by field path, with its message.
    pub field_errors: RwSignal<FieldErrors>,
    /// The plan after validation.
    pub validated: Memo<Result<Arc<ValidPlan>, Arc<Vec<PlanError>>>>,
    /// The last good results (kept while the input is invalid). Right after an edit only the
    /// scenario on show is computed for the new plan, in the edit's frame; every scenario is,
    /// once that frame is painted. Read only the scenario on show from it (or use
    /// [`Workspace::deferred`] or [`Workspace::complete_results`]).
    pub computed: Memo<Option<PartialResults>>,
    /// [`Workspace::computed`] with every scenario computed, once the frame showing the edit
    /// has been painted: what the panels below the fold read (see [`Workspace::deferred`]).
    later: Memo<Option<PartialResults>>,
    /// What [`Workspace::later`] follows: set once the frame is painted, or at once by
    /// [`Workspace::complete_results`].
    complete: RwSignal<Option<PartialResults>>,
    /// Whether [`Workspace::computed`] is older than the input.
    pub stale: Signal<bool>,
    /// Scenario shown in detail (index into the plan's scenarios).
    pub scenario: RwSignal<usize>,
    /// Month shown in detail (1-based).
    pub month: RwSignal<u32>,
    history: StoredValue<History>,
    /// Bumped on every undo/redo/replace, so fields re-read their text from the plan.
    pub revision: RwSignal<u64>,
    /// What the Ranges panel's bands say elsewhere, as lines of text (a heading line first):
    /// when each tier is needed over the trials, the scenario on show's for the timeline
    /// (`[0]`) and every scenario's for the comparison (`[1]`). Empty without bands.
    pub range_notes: [RwSignal<String>; 2],
    /// What the sizing tables add while the plan has bands: the bands' columns
    /// ([`Workspace::sizing_table`]).
    pub banding: Banding,
    /// Notified when the validated plan (and with it the results and the autosave) should
    /// follow [`Workspace::plan`]: at once after an edit, after the next paint after typing.
    settled: Trigger,
    /// Whether typing has changed the plan since [`Workspace::settled`] was last notified.
    unsettled: StoredValue<bool>,
}

impl Workspace {
    /// A workspace holding `plan`.
    pub fn new(plan: Plan) -> Self {
        let month = selection::first_month_shown(plan.horizon_months);
        let plan = RwSignal::new(plan);
        let settled = Trigger::new();
        // The plan as of the last settling (see `settled`): typing changes `plan` at once and
        // this a frame later.
        let validated = memo(move || {
            settled.track();
            plan.with_untracked(|p| p.validate().map(Arc::new).map_err(Arc::new))
        });
        let scenario = RwSignal::new(0_usize);
        // The results with every scenario computed, set once the frame is painted.
        let complete = RwSignal::new(None::<PartialResults>);
        // The latest valid plan with the scenario on show computed. It reuses `complete`'s
        // results but does not follow it: nothing it depends on is written from what it gives.
        let latest = Memo::new(move |previous: Option<&Option<PartialResults>>| {
            let valid = validated.with(|v| v.as_ref().ok().cloned());
            let shown = scenario.get();
            complete.with_untracked(|c| {
                PartialResults::follow(previous.and_then(Option::as_ref), c.as_ref(), valid, shown)
            })
        });
        let later = complete_after_paint(latest, complete);
        let computed = memo(move || {
            latest.with(|l| complete.with(|c| PartialResults::on_show(l.as_ref(), c.as_ref())))
        });
        let field_errors = RwSignal::new(FieldErrors::default());
        let stale = Signal::derive(move || {
            validated.with(Result::is_err) || field_errors.with(|e| !e.is_empty())
        });
        Self {
            plan,
            field_errors,
            validated,
            computed,
            later,
            complete,
            stale,
            scenario,
            month: RwSignal::new(month),
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
            range_notes: [RwSignal::new(String::new()), RwSignal::new(String::new())],
            banding: Banding {
                changes: RwSignal::new(0),
            },
            settled,
            unsettled: StoredValue::new(false),
        }
    }

    /// Tracks when the plan settles (reactive): after every edit, and after the next paint
    /// after typing. What follows the plan but need not keep up with each keystroke (the
    /// autosave) reads the plan untracked and this instead.
    pub fn track_settled(&self) {
        self.settled.track();
    }

    /// Lets the validated plan and the results follow a typed edit now instead of after the
    /// next paint; returns whether one was waiting. For whatever must not see results of an
    /// earlier plan (an export) or must not lose a keystroke (the page going away).
    pub fn settle_now(&self) -> bool {
        let waiting = self.unsettled.try_get_value() == Some(true);
        if waiting {
            self.settle();
        }
        waiting
    }

    fn settle(&self) {
        self.unsettled.try_set_value(false);
        self.settled.notify();
    }

    /// Lets the validated plan follow once the frame showing the typed text is painted
    /// (several keystrokes before it are taken together).
    fn settle_after_paint(&self) {
        if self.unsettled.try_get_value() != Some(false) {
            return;
        }
        self.unsettled.set_value(true);
        let ws = *self;
        super::browser::after_paint(move || {
            ws.settle_now();
        });
    }

    /// This workspace as the panels below the fold see it: its results, every scenario
    /// computed, follow the plan once the frame with the rest of the page has been painted. A
    /// keystroke then computes the scenario on show and updates the field, the summary and the
    /// table rows on screen within one frame; the other scenarios, the comparison, the charts,
    /// the timeline, the advice and the table rows out of view follow right after it (several
    /// edits within one frame are drawn once).
    pub fn deferred(self) -> Self {
        Self {
            computed: self.later,
            ..self
        }
    }

    /// The sizing table `id` of scenario `scenario` of `results`, with the bands' columns
    /// when the plan has bands. Untracked: a view that follows the bands tracks
    /// [`Workspace::banding`].
    pub fn sizing_table(
        &self,
        results: &PartialResults,
        scenario: usize,
        id: &str,
    ) -> Option<Table> {
        let mut table = scenario_table(&results.plan, &results.results, scenario, id)?;
        self.banding
            .apply(&mut table, results.plan.plan(), scenario);
        Some(table)
    }

    /// The results of the plan on show with every scenario computed, computing the ones still
    /// waiting for the frame now (for an export, which must not hold results of an earlier
    /// plan). Untracked.
    pub fn complete_results(&self) -> Option<PartialResults> {
        self.settle_now();
        take_complete(self.computed.get_untracked(), self.complete);
        self.complete.get_untracked()
    }

    /// Applies `change` to the plan as one undoable step. `key` names what is edited (a field
    /// path); consecutive edits of the same key within a second merge into one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        if self.change(key, Box::new(change)) {
            self.settle();
        }
    }

    /// [`Workspace::edit`] for a keystroke in a text field: the plan changes at once, its
    /// validation and results once the frame showing the typed text has been painted. At 4×
    /// CPU slowdown (a mid-range phone) computing and drawing the results takes about two
    /// frames; in the keystroke's frame it made every keystroke miss one.
    pub fn edit_typed(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        if self.change(key, Box::new(change)) {
            self.settle_after_paint();
        }
    }

    /// The plan changed by `change`, recorded for undo; whether it changed. Not generic: the
    /// page's many edits share this code (`edit` and `edit_typed` only wrap their change).
    fn change(&self, key: &str, change: Box<dyn FnOnce(&mut Plan) + '_>) -> bool {
        let before = self.plan.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return false;
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
        true
    }

    /// Replaces the whole plan (a template, an imported file) as one undoable step.
    pub fn replace(&self, plan: Plan) {
        self.edit("\u{0}replace", |p| *p = plan);
        self.history.update_value(|h| h.last_key = None);
        self.field_errors.set(FieldErrors::default());
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
                self.settle();
                self.field_errors.set(FieldErrors::default());
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
            .with_untracked(|e| e.get(path) != message.as_deref());
        if differs {
            self.field_errors.update(|e| e.set(path, message));
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
        let scenario = self.scenario.get_untracked();
        if selection::scenario_within(scenario, scenarios) != scenario {
            self.scenario
                .set(selection::scenario_within(scenario, scenarios));
        }
        let month = self.month.get_untracked();
        let horizon = horizon.min(MAX_HORIZON_MONTHS);
        if selection::month_within(month, horizon) != month {
            self.month.set(selection::month_within(month, horizon));
        }
    }
}

/// The results with every scenario computed, a frame behind `latest`: once the browser has
/// painted the frame in which `latest` changed (the next animation frame, then the task after
/// it), the scenarios it has not computed yet are computed and the whole set is put in
/// `complete`, which the page then shows ([`PartialResults::on_show`]). Changes that come
/// faster than that are taken together, the latest one; a first value is taken at once.
/// `latest` does not depend on `complete`, so this writes nothing it reads.
fn complete_after_paint(
    latest: Memo<Option<PartialResults>>,
    complete: RwSignal<Option<PartialResults>>,
) -> Memo<Option<PartialResults>> {
    complete.set(latest.get_untracked().map(|c| c.completed()));
    let pending = StoredValue::new(false);
    effect(move || {
        let now = latest.get();
        if pending.get_value() || complete.with_untracked(|c| *c == now) {
            return;
        }
        pending.set_value(true);
        super::browser::after_paint(move || {
            // The workspace may have gone (a test's app unmounted) before the frame.
            if pending.try_set_value(false).is_some() {
                return;
            }
            if let Some(now) = latest.try_get_untracked() {
                take_complete(now, complete);
            }
        });
    });
    memo(move || complete.get())
}

/// Puts `now`, completed, in `complete` (unless it is there already).
fn take_complete(now: Option<PartialResults>, complete: RwSignal<Option<PartialResults>>) {
    let now = now.map(|c| c.completed());
    if complete.try_with_untracked(|c| *c != now) == Some(true) {
        complete.set(now);
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
