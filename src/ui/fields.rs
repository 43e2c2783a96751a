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

use super::state::Workspace;
use headroom_core::edit::{self, NaiveDate};
use headroom_core::input::NumberSpec;
use headroom_core::plan::{MonthDay, Plan};
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
    Memo::new(move |_| ws.plan.with(|p| p.currency().per_month())).into()
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
    Memo::new(move |_| {
        ws.field_errors
            .with(|e| e.get(&path).map(str::to_owned))
            .or_else(|| ws.plan_error(&path))
    })
}

/// The number of problems (validation or typing) at or under any of `prefixes`
/// (`catalogs.instances[2]` counts `catalogs.instances[2].usd_per_month`).
pub fn problem_count(ws: Workspace, prefixes: Vec<String>) -> Memo<usize> {
    fn under(path: &str, prefix: &str) -> bool {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    }
    Memo::new(move |_| {
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

/// Turns a field's text into a value, or the end of a sentence saying why not ("must be …").
type Parse<T> = Arc<dyn Fn(&str) -> Result<T, String> + Send + Sync>;

/// How a text field turns text into a value and back.
struct Parsing<T> {
    parse: Parse<T>,
    show: fn(&T) -> String,
}

/// The text a field shows for a plan.
type Read = Arc<dyn Fn(&Plan) -> String + Send + Sync>;
/// Typed text as a change to the plan, or the end of a sentence saying why it is not one.
type Apply = Arc<dyn Fn(&str) -> Result<Box<dyn FnOnce(&mut Plan)>, String> + Send + Sync>;

/// A field of values of type `T` as text: what it shows and what typing does. The text
/// control itself ([`text_field`]) is not generic, so every kind of field shares its code.
fn as_text<T: 'static>(get: Getter<T>, set: Setter<T>, parsing: Parsing<T>) -> (Read, Apply) {
    let Parsing { parse, show } = parsing;
    let read: Read = Arc::new(move |p| get(p).map(|v| show(&v)).unwrap_or_default());
    let apply: Apply = Arc::new(move |text| {
        let value = parse(text)?;
        let set = set.clone();
        Ok(Box::new(move |p: &mut Plan| set(p, value)))
    });
    (read, apply)
}

/// What differs between the text controls.
struct TextField {
    path: String,
    label: Signal<String>,
    unit: Option<Signal<String>>,
    hint: String,
    input_type: &'static str,
    inputmode: Option<&'static str>,
    placeholder: Option<&'static str>,
    /// From [`as_text`].
    value: (Read, Apply),
}

/// A labelled text input that keeps what was typed and writes parsed values only.
fn text_field(field: TextField) -> impl IntoView {
    let TextField {
        path,
        label,
        unit,
        hint,
        input_type,
        inputmode,
        placeholder,
        value: (read_text, apply),
    } = field;
    let ws = workspace();
    let id = field_id(&path);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let (text, record) = typed_text(ws, move || ws.plan.with_untracked(|p| read_text(p)));
    let input = NodeRef::<leptos::html::Input>::new();
    show_after_reload(ws, input, text);
    on_cleanup({
        let path = path.clone();
        move || ws.set_field_error(&path, None)
    });
    let problem = problem_for(ws, path.clone());
    let has_hint = !hint.is_empty();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            record(value.clone());
            match apply(&value) {
                Ok(change) => {
                    ws.set_field_error(&path, None);
                    ws.edit_typed(&path, change);
                }
                Err(sentence) => {
                    let message = format!("{} {sentence}", label.get_untracked());
                    ws.set_field_error(&path, Some(message));
                }
            }
        }
    };
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            <div class="input-row">
                <input
                    node_ref=input
                    id=id.clone()
                    type=input_type
                    inputmode=inputmode
                    placeholder=placeholder
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=id.clone()
                    data-path=path.clone()
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                    value=text.get_untracked()
                prop:value=move || text.get()
                    on:input=on_input
                />
                {unit.map(|unit| view! { <span class="unit">{move || unit.get()}</span> })}
            </div>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
            {move || {
                problem
                    .get()
                    .map(|message| {
                        view! {
                            <p class="error" id=error_id.clone() role="alert" data-testid="field-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The unit shown after a number: an override, else the spec's (none when both are empty).
fn unit_signal(unit: Option<Signal<String>>, spec: &NumberSpec) -> Option<Signal<String>> {
    unit.or_else(|| (!spec.unit.is_empty()).then(|| Signal::from(spec.unit.to_owned())))
}

/// A labelled numeric input with its unit, hint and inline error.
#[component]
pub fn NumberInput(
    /// The field's path in the plan (matches validation's paths).
    #[prop(into)]
    path: String,
    /// Label, unit and accepted range.
    spec: NumberSpec,
    /// Reads the value.
    get: Getter<f64>,
    /// Writes a valid value.
    set: Setter<f64>,
    /// One line of help under the field.
    #[prop(optional, into)]
    hint: String,
    /// A label to use instead of the spec's (e.g. one that names the demand unit).
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// A unit to show instead of the spec's ("users", "instances").
    #[prop(optional, into)]
    unit: Option<Signal<String>>,
) -> impl IntoView {
    text_field(TextField {
        label: label.unwrap_or_else(|| Signal::from(spec.label.to_owned())),
        unit: unit_signal(unit, &spec),
        path,
        hint,
        input_type: "text",
        inputmode: Some(if spec.min < 0.0 { "text" } else { "decimal" }),
        placeholder: None,
        value: as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(move |text| spec.parse(text).map_err(|p| spec.describe(&p))),
                show: |v| input_text(*v),
            },
        ),
    })
}

/// A number that may be left empty ("every year" when no year is given, "the plan's" when a
/// resource has no trigger of its own).
#[component]
pub fn OptionalNumberInput(
    #[prop(into)] path: String,
    spec: NumberSpec,
    get: Getter<Option<f64>>,
    set: Setter<Option<f64>>,
    #[prop(optional, into)] hint: String,
    #[prop(optional, into)] label: Option<Signal<String>>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    text_field(TextField {
        label: label.unwrap_or_else(|| Signal::from(spec.label.to_owned())),
        unit: unit_signal(None, &spec),
        path,
        hint,
        input_type: "text",
        inputmode: Some(if spec.whole { "numeric" } else { "decimal" }),
        placeholder,
        value: as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(move |text| {
                    if text.trim().is_empty() {
                        Ok(None)
                    } else {
                        spec.parse(text).map(Some).map_err(|p| spec.describe(&p))
                    }
                }),
                show: |v| v.map(input_text).unwrap_or_default(),
            },
        ),
    })
}

/// A day of the year typed as MM-DD.
#[component]
pub fn MonthDayInput(
    #[prop(into)] path: String,
    #[prop(into)] label: Signal<String>,
    get: Getter<MonthDay>,
    set: Setter<MonthDay>,
) -> impl IntoView {
    text_field(TextField {
        label,
        unit: None,
        path,
        hint: String::new(),
        input_type: "text",
        inputmode: Some("numeric"),
        placeholder: Some("MM-DD"),
        value: as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(edit::parse_month_day),
                show: MonthDay::to_string,
            },
        ),
    })
}

/// A calendar date, with the browser's date picker.
#[component]
pub fn DateInput(
    #[prop(into)] path: String,
    #[prop(into)] label: Signal<String>,
    get: Getter<NaiveDate>,
    set: Setter<NaiveDate>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    text_field(TextField {
        label,
        unit: None,
        path,
        hint,
        input_type: "date",
        inputmode: None,
        placeholder: None,
        value: as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(edit::parse_date),
                show: |d| d.to_string(),
            },
        ),
    })
}

/// A calendar date that may be left empty (then something else's date applies, said in the
/// hint).
#[component]
pub fn OptionalDateInput(
    #[prop(into)] path: String,
    #[prop(into)] label: Signal<String>,
    get: Getter<Option<NaiveDate>>,
    set: Setter<Option<NaiveDate>>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    text_field(TextField {
        label,
        unit: None,
        path,
        hint,
        input_type: "date",
        inputmode: None,
        placeholder: None,
        value: as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(|text: &str| {
                    if text.trim().is_empty() {
                        Ok(None)
                    } else {
                        edit::parse_date(text).map(Some)
                    }
                }),
                show: |d| d.map(|d| d.to_string()).unwrap_or_default(),
            },
        ),
    })
}

/// A labelled text input (names). Empty, repeated or over-long names are reported by
/// validation, next to the field.
#[component]
pub fn TextInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    get: Getter<String>,
    set: Setter<String>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let (text, record) = typed_text(ws, {
        let get = get.clone();
        move || ws.plan.with_untracked(|p| get(p)).unwrap_or_default()
    });
    let input = NodeRef::<leptos::html::Input>::new();
    show_after_reload(ws, input, text);
    let problem = problem_for(ws, path.clone());
    let has_hint = !hint.is_empty();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            record(value.clone());
            let set = set.clone();
            ws.edit_typed(&path, move |p| set(p, value));
        }
    };
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                node_ref=input
                id=id.clone()
                type="text"
                autocomplete="off"
                data-testid=id.clone()
                data-path=path.clone()
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                value=text.get_untracked()
                prop:value=move || text.get()
                on:input=on_input
            />
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
            {move || {
                problem
                    .get()
                    .map(|message| {
                        view! {
                            <p class="error" id=error_id.clone() role="alert" data-testid="field-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A labelled choice between a few options, each `(value, label)`.
#[component]
pub fn Choice(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    options: Vec<(&'static str, &'static str)>,
    get: Getter<&'static str>,
    set: Setter<&'static str>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let hint_id = format!("{id}-hint");
    // A memo: the options' `selected` follow the choice, not every edit of the plan.
    let current = Memo::new({
        let get = get.clone();
        move |_| ws.plan.with(|p| get(p)).unwrap_or("")
    });
    let on_change = {
        let path = path.clone();
        let options = options.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            if let Some((key, _)) = options.iter().find(|(k, _)| *k == value) {
                let key = *key;
                let set = set.clone();
                ws.edit(&path, move |p| set(p, key));
                reload(ws);
            }
        }
    };
    let has_hint = !hint.is_empty();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                data-testid=id.clone()
                aria-describedby=has_hint.then(|| hint_id.clone())
                on:change=on_change
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value selected=move || current.get() == value>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
        </div>
    }
}

/// A labelled on/off switch.
#[component]
pub fn Toggle(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    get: Getter<bool>,
    set: Setter<bool>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let hint_id = format!("{id}-hint");
    let checked = Memo::new({
        let get = get.clone();
        move |_| ws.plan.with(|p| get(p)).unwrap_or(false)
    });
    let problem = problem_for(ws, path.clone());
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_checked(&ev);
            let set = set.clone();
            ws.edit(&path, move |p| set(p, value));
            reload(ws);
        }
    };
    let has_hint = !hint.is_empty();
    view! {
        <div class="field toggle" class:invalid=move || problem.with(Option::is_some)>
            <input
                type="checkbox"
                id=id.clone()
                data-testid=id.clone()
                aria-describedby=has_hint.then(|| hint_id.clone())
                prop:checked=move || checked.get()
                on:change=on_change
            />
            <label for=id.clone()>{label}</label>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
            {move || problem.get().map(|m| view! { <p class="error" role="alert" data-testid="field-error">{m}</p> })}
        </div>
    }
}

/// A memo of one figure read from the plan. `read` is a function, not a closure of its own, so
/// every memo of figures of one type is one memo type: its code is compiled once per type of
/// figure (a flag, a count, a name), not once per memo.
pub fn plan_memo<T: Clone + PartialEq + Send + Sync + 'static>(read: fn(&Plan) -> T) -> Memo<T> {
    let ws = workspace();
    Memo::new(move |_| ws.plan.with(read))
}

/// Builds a getter/setter pair for a numeric field from two plain functions.
pub fn num(
    get: impl Fn(&Plan) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
) -> (Getter<f64>, Setter<f64>) {
    (Arc::new(get), Arc::new(set))
}

/// A titled group of fields that can be folded away (handy on a phone). It opens itself, and
/// says how many problems it holds, when a field at or under one of `paths` has a problem.
#[component]
pub fn Group(
    /// Heading of the group.
    #[prop(into)]
    title: String,
    /// Plan paths whose problems belong to this group (`baseline.database`).
    #[prop(optional)]
    paths: &'static [&'static str],
    /// Start folded.
    #[prop(optional)]
    closed: bool,
    /// Test id of the group.
    #[prop(optional, into)]
    testid: String,
    children: Children,
) -> impl IntoView {
    let ws = workspace();
    let problems = problem_count(ws, paths.iter().map(|p| (*p).to_owned()).collect());
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if problems.get() > 0 {
            if let Some(el) = details.get() {
                el.set_open(true);
            }
        }
    });
    view! {
        <details class="group" open=!closed node_ref=details data-testid=(!testid.is_empty()).then_some(testid)>
            <summary>
                <span class="group-title">{title.clone()}</span>
                {problem_badge(problems)}
            </summary>
            <fieldset>
                <legend class="visually-hidden">{title}</legend>
                {children()}
            </fieldset>
        </details>
    }
}

/// What a destructive action did, with the plan right after it: while the plan is still that,
/// the note offers to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct Undoable {
    /// "Deleted “Aggressive”."
    pub message: String,
    /// The plan just after the action.
    pub after: Arc<Plan>,
    /// What to select again after undoing (the index of a deleted scenario).
    pub select: Option<usize>,
}

impl Undoable {
    /// A note for what was just done to the workspace's plan.
    pub fn now(ws: Workspace, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            after: Arc::new(ws.plan.get_untracked()),
            select: None,
        }
    }

    /// The same note, remembering `index` to select again after undoing.
    pub fn selecting(mut self, index: usize) -> Self {
        self.select = Some(index);
        self
    }
}

/// "Deleted “Aggressive”. Undo": shown until the plan changes again (after which the toolbar's
/// Undo still works) or it is dismissed.
#[component]
pub fn UndoNote(
    note: RwSignal<Option<Undoable>>,
    #[prop(into)] testid: String,
    /// Called after undoing, with the note's [`Undoable::select`].
    #[prop(optional)]
    on_undo: Option<Callback<Option<usize>>>,
) -> impl IntoView {
    let ws = workspace();
    let visible = Memo::new(move |_| {
        note.with(|n| {
            n.as_ref()
                .filter(|n| ws.plan.with(|p| *p == *n.after))
                .map(|n| n.message.clone())
        })
    });
    let undo_id = format!("{testid}-undo");
    view! {
        <div class="undo-note-slot" role="status" aria-live="polite">
            {move || {
                visible
                    .get()
                    .map(|message| {
                        view! {
                            <div class="undo-note" data-testid=testid.clone()>
                                <span>{message}</span>
                                <button
                                    type="button"
                                    class="link"
                                    id=undo_id.clone()
                                    data-testid=undo_id.clone()
                                    on:click=move |_| {
                                        let select = note.with_untracked(|n| n.as_ref().and_then(|n| n.select));
                                        ws.undo();
                                        note.set(None);
                                        if let Some(callback) = on_undo {
                                            callback.run(select);
                                        }
                                    }
                                >
                                    "Undo"
                                </button>
                                <button
                                    type="button"
                                    class="link quiet"
                                    aria-label="Dismiss"
                                    on:click=move |_| note.set(None)
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
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
