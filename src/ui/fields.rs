//! Form controls bound to one field of the plan.
//!
//! Each control keeps the text the person typed; it writes to the plan (through
//! [`Workspace::edit`], so it can be undone) only when the text is a valid value for the field's
//! [`NumberSpec`] — the same spec the plan's validation uses. A half-typed value shows its
//! problem next to the field and never reaches the engine. After undo, redo or a template
//! change, controls re-read their text from the plan.

use super::state::Workspace;
use headroom_core::input::NumberSpec;
use headroom_core::plan::Plan;
use leptos::prelude::*;
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

/// Text for a number in an input: plain digits, no grouping, no float noise.
pub fn input_text(value: f64) -> String {
    let rounded = (value * 1e9).round() / 1e9;
    let text = format!("{rounded}");
    if text == "-0" {
        "0".to_owned()
    } else {
        text
    }
}

fn workspace() -> Workspace {
    use_context::<Workspace>()
        .expect("controls are rendered inside the App, which provides the Workspace")
}

/// The problem to show for `path`: text that does not parse, else plan validation's message.
fn problem_for(ws: Workspace, path: String) -> Signal<Option<String>> {
    Signal::derive(move || {
        ws.field_errors
            .with(|e| e.get(&path).cloned())
            .or_else(|| ws.plan_error(&path))
    })
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
    /// A label to use instead of the spec's (e.g. inside a table row).
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let initial = ws
        .plan
        .with_untracked(|p| get(p))
        .map(input_text)
        .unwrap_or_default();
    let text = RwSignal::new(initial);
    {
        let get = get.clone();
        let path = path.clone();
        // Re-read after undo/redo/replace; the first run only subscribes.
        Effect::new(move |first: Option<()>| {
            ws.revision.track();
            if first.is_some() {
                let value = ws.plan.with_untracked(|p| get(p));
                text.set(value.map(input_text).unwrap_or_default());
                ws.set_field_error(&path, None);
            }
        });
    }
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
            text.set(value.clone());
            match spec.parse(&value) {
                Ok(number) => {
                    ws.set_field_error(&path, None);
                    let set = set.clone();
                    ws.edit(&path, move |p| set(p, number));
                }
                Err(problem) => {
                    ws.set_field_error(
                        &path,
                        Some(format!("{} {}", spec.label, spec.describe(&problem))),
                    );
                }
            }
        }
    };
    let label = label.unwrap_or_else(|| spec.label.to_owned());
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="input-row">
                <input
                    id=id.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=id.clone()
                    data-path=path.clone()
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=move || text.get()
                    on:input=on_input
                />
                <span class="unit">{spec.unit}</span>
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

/// A labelled text input (names). Empty or over-long names are reported by validation.
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
    let text = RwSignal::new(ws.plan.with_untracked(|p| get(p)).unwrap_or_default());
    {
        let get = get.clone();
        Effect::new(move |first: Option<()>| {
            ws.revision.track();
            if first.is_some() {
                text.set(ws.plan.with_untracked(|p| get(p)).unwrap_or_default());
            }
        });
    }
    let problem = problem_for(ws, path.clone());
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            text.set(value.clone());
            let set = set.clone();
            ws.edit(&path, move |p| set(p, value));
        }
    };
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                autocomplete="off"
                data-testid=id.clone()
                data-path=path.clone()
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || if problem.with(Option::is_some) { error_id.clone() } else { String::new() }
                prop:value=move || text.get()
                on:input=on_input
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint.clone()}</p> })}
            {move || {
                problem
                    .get()
                    .map(|message| {
                        view! {
                            <p class="error" id=format!("{}-error", field_id(&path)) role="alert" data-testid="field-error">
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
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let current = Signal::derive({
        let get = get.clone();
        move || ws.plan.with(|p| get(p)).unwrap_or("")
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
                ws.revision.update(|r| *r += 1);
            }
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() data-testid=id.clone() on:change=on_change>
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
    let checked = Signal::derive({
        let get = get.clone();
        move || ws.plan.with(|p| get(p)).unwrap_or(false)
    });
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_checked(&ev);
            let set = set.clone();
            ws.edit(&path, move |p| set(p, value));
            ws.revision.update(|r| *r += 1);
        }
    };
    view! {
        <div class="field toggle">
            <input
                type="checkbox"
                id=id.clone()
                data-testid=id.clone()
                prop:checked=move || checked.get()
                on:change=on_change
            />
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint.clone()}</p> })}
        </div>
    }
}

/// Builds a getter/setter pair for a numeric field from two plain functions.
pub fn num(
    get: impl Fn(&Plan) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
) -> (Getter<f64>, Setter<f64>) {
    (Arc::new(get), Arc::new(set))
}
