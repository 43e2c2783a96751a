//! Form controls bound to one field of the plan, and the small pieces every editor shares.
//!
//! Each text control keeps the text the person typed; it writes to the plan (through
//! [`Workspace::edit`], so it can be undone) only when the text parses to a valid value — for
//! numbers, by the field's [`NumberSpec`], the same spec the plan's validation uses. A
//! half-typed value shows its problem next to the field and never reaches the engine. After
//! undo, redo, a template change or a structural edit (a row added or removed), controls
//! re-read their text from the plan.
//!
//! Besides the controls: [`Group`] (a collapsible, labelled group of fields that opens itself
//! when one of its fields has a problem), [`UndoNote`] ("Deleted “Aggressive”. Undo") and
//! [`structural_edit`] for edits that change the shape of a list.

mod controls;
mod group;
mod text;
mod undo;

pub(crate) use controls::{typed_range, TypedRange};
pub use controls::{
    Choice, DateInput, MonthDayInput, NumberInput, OptionalDateInput, OptionalNumberInput,
    TextInput, Toggle,
};
pub use group::Group;
pub use undo::{UndoNote, Undoable};

use super::state::Workspace;
use crate::ui::memo;
use headroom_core::plan::Plan;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Reads a field's value; `None` when the field no longer exists (a deleted scenario).
pub type Getter<T> = Arc<dyn Fn(&Plan) -> Option<T> + Send + Sync>;
/// Writes a field's value.
pub type Setter<T> = Arc<dyn Fn(&mut Plan, T) + Send + Sync>;

/// Element id for a field path: `scenarios[1].growth.monthly_growth_pct` →
/// `f-scenarios-1-growth-monthly_growth_pct`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// Text for a number in an input: plain digits, no grouping, at most six significant digits
/// (the plan keeps the exact value until the person edits the field).
pub fn input_text(value: f64) -> String {
    headroom_core::format::field_value(value)
}

pub(super) fn workspace() -> Workspace {
    use_context::<Workspace>()
        .expect("controls are rendered inside the App, which provides the Workspace")
}

/// The unit of a price or cost field: a monthly amount in the plan's currency ("EUR/month").
pub fn money_unit() -> Signal<String> {
    let ws = workspace();
    memo(move || ws.plan.with(|p| p.currency().per_month())).into()
}

/// A history key that no other edit shares, so a structural edit (add, delete, move) is always
/// its own undo step, never merged with the one before.
pub fn step_key(what: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{what}#{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// An edit that adds, removes or reorders list entries: its own undo step, after which every
/// control re-reads its text (rows are keyed by position, so a row may now show another entry).
pub fn structural_edit(ws: Workspace, what: &str, change: impl FnOnce(&mut Plan)) {
    ws.edit(&step_key(what), change);
    reload(ws);
}

/// Makes every control show the plan's values again, dropping half-typed text and its
/// problems (after an edit that changes which fields exist or what they hold).
pub fn reload(ws: Workspace) {
    ws.field_errors.set(Default::default());
    ws.revision.update(|r| *r += 1);
}

/// Writes `text` into `input` as soon as the plan is loaded into the controls again (undo,
/// redo, a template), as an effect of the revision itself rather than a redraw after it, so
/// the restored value is there by the time the page settles.
fn show_after_reload(ws: Workspace, input: NodeRef<leptos::html::Input>, text: Signal<String>) {
    Effect::new(move |first: Option<()>| {
        ws.revision.track();
        if first.is_some() {
            if let Some(el) = input.get_untracked() {
                el.set_value(&text.get_untracked());
            }
        }
    });
}

/// The text a control shows: what the person typed, until the plan is loaded into the controls
/// again ([`Workspace::revision`] moves on: undo, redo, a template, a row added or removed), then
/// the plan's value. Derived in one step, so a restored value shows as soon as the revision
/// changes. Returns the text and a function that records typing.
fn typed_text(
    ws: Workspace,
    read: impl Fn() -> String + Send + Sync + 'static,
) -> (Signal<String>, impl Fn(String) + Copy + 'static) {
    let typed = RwSignal::new((ws.revision.get_untracked(), read()));
    let shown = Signal::derive(move || {
        let revision = ws.revision.get();
        typed
            .with(|(at, text)| (*at == revision).then(|| text.clone()))
            .unwrap_or_else(&read)
    });
    let record = move |text: String| typed.set((ws.revision.get_untracked(), text));
    (shown, record)
}

/// Moves keyboard focus to the element with `id` once the page has drawn it.
pub fn focus_soon(id: String) {
    request_animation_frame(move || focus_now(&id));
}

/// Moves keyboard focus to the element with `id`, if it is on the page.
pub fn focus_now(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The problem to show for `path`: text that does not parse, else plan validation's message.
/// A memo, so the controls that show it change only when the message does.
fn problem_for(ws: Workspace, path: String) -> Memo<Option<String>> {
    memo(move || {
        ws.field_errors
            .with(|e| e.get(&path).map(str::to_owned))
            .or_else(|| ws.plan_error(&path))
    })
}

/// What a field's control is described by (`aria-describedby`): its hint, when it has one, and
/// its error while one is shown.
pub fn described_by(
    hint_id: Option<String>,
    error_id: String,
    problem: Memo<Option<String>>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        let error = problem.with(Option::is_some).then_some(error_id.as_str());
        let ids: Vec<&str> = hint_id.as_deref().into_iter().chain(error).collect();
        ids.join(" ")
    }
}

/// The number of problems (validation or typing) at or under any of `prefixes`
/// (`catalogs.instances[2]` counts `catalogs.instances[2].usd_per_month`).
pub fn problem_count(ws: Workspace, prefixes: Vec<String>) -> Memo<usize> {
    fn under(path: &str, prefix: &str) -> bool {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    }
    memo(move || {
        let typed = ws.field_errors.with(|e| {
            e.paths()
                .filter(|p| prefixes.iter().any(|x| under(p, x)))
                .count()
        });
        let checked = ws.validated.with(|v| match v {
            Ok(_) => 0,
            Err(errors) => errors
                .iter()
                .filter(|e| prefixes.iter().any(|x| under(&e.path, x)))
                .count(),
        });
        typed + checked
    })
}

/// "2 problems", shown in a heading while `count` is above 0.
pub fn problem_badge(count: Memo<usize>) -> impl IntoView {
    move || {
        let n = count.get();
        (n > 0).then(|| {
            let words = if n == 1 {
                "1 problem".to_owned()
            } else {
                format!("{n} problems")
            };
            view! { <span class="badge problem">{words}</span> }
        })
    }
}

/// A memo of one figure read from the plan. `read` is a function, not a closure of its own, so
/// every memo of figures of one type is one memo type: its code is compiled once per type of
/// figure (a flag, a count, a name), not once per memo.
pub fn plan_memo<T: Clone + PartialEq + Send + Sync + 'static>(read: fn(&Plan) -> T) -> Memo<T> {
    let ws = workspace();
    memo(move || ws.plan.with(read))
}

/// Builds a getter/setter pair for a numeric field from two plain functions.
pub fn num(
    get: impl Fn(&Plan) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
) -> (Getter<f64>, Setter<f64>) {
    (Arc::new(get), Arc::new(set))
}

/// The rows of an editor's list, one per index `0..count`, each built once and kept while the
/// count changes (keyed by index: a row reads its item by index, so only added or removed
/// rows are built or dropped). Every editor list goes through here, so the keyed-list code is
/// compiled once for all of them rather than once per list.
pub fn index_rows(
    count: Memo<usize>,
    row: impl Fn(usize) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    index_rows_shared(count, Arc::new(row))
}

fn index_rows_shared(
    count: Memo<usize>,
    row: Arc<dyn Fn(usize) -> AnyView + Send + Sync>,
) -> AnyView {
    view! {
        <For each=move || 0..count.get() key=|i| *i children=move |i| row(i)/>
    }
    .into_any()
}
