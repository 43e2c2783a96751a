//! The one text control every typed field shares: the text as typed, parsed into a value
//! only when it is valid, and its problem shown beside it.

use super::{
    described_by, field_id, problem_for, show_after_reload, typed_text, workspace, Getter, Setter,
};
use headroom_core::input::NumberSpec;
use headroom_core::plan::Plan;
use leptos::prelude::*;
use std::sync::Arc;

/// Turns a field's text into a value, or the end of a sentence saying why not ("must be …").
pub(super) type Parse<T> = Arc<dyn Fn(&str) -> Result<T, String> + Send + Sync>;

/// How a text field turns text into a value and back.
pub(super) struct Parsing<T> {
    pub(super) parse: Parse<T>,
    pub(super) show: fn(&T) -> String,
}

/// The text a field shows for a plan.
pub(super) type Read = Arc<dyn Fn(&Plan) -> String + Send + Sync>;
/// A change to the plan.
pub(super) type Change = Box<dyn FnOnce(&mut Plan)>;

/// What typed text does: a change now, or one worked out by code fetched on first use (a
/// range typed into a number field), which applies if the text is still the field's then.
pub(super) enum Applied {
    Now(Change),
    Later(std::pin::Pin<Box<dyn std::future::Future<Output = Result<Change, String>>>>),
}

/// Typed text as a change to the plan, or the end of a sentence saying why it is not one.
pub(super) type Apply = Arc<dyn Fn(&str) -> Result<Applied, String> + Send + Sync>;

/// A field of values of type `T` as text: what it shows and what typing does. The text
/// control itself ([`text_field`]) is not generic, so every kind of field shares its code.
pub(super) fn as_text<T: 'static>(
    get: Getter<T>,
    set: Setter<T>,
    parsing: Parsing<T>,
) -> (Read, Apply) {
    let Parsing { parse, show } = parsing;
    let read: Read = Arc::new(move |p| get(p).map(|v| show(&v)).unwrap_or_default());
    let apply: Apply = Arc::new(move |text| {
        let value = parse(text)?;
        let set = set.clone();
        Ok(Applied::Now(Box::new(move |p: &mut Plan| set(p, value))))
    });
    (read, apply)
}

/// What differs between the text controls.
pub(super) struct TextField {
    pub(super) path: String,
    pub(super) label: Signal<String>,
    pub(super) unit: Option<Signal<String>>,
    pub(super) hint: String,
    pub(super) input_type: &'static str,
    pub(super) inputmode: Option<&'static str>,
    pub(super) placeholder: Option<&'static str>,
    /// From [`as_text`].
    pub(super) value: (Read, Apply),
}

impl TextField {
    /// A field with no unit, input mode or placeholder (dates, names).
    pub(super) fn plain(
        path: String,
        label: Signal<String>,
        hint: String,
        input_type: &'static str,
        value: (Read, Apply),
    ) -> Self {
        Self {
            path,
            label,
            unit: None,
            hint,
            input_type,
            inputmode: None,
            placeholder: None,
            value,
        }
    }
}

/// A labelled text input that keeps what was typed and writes parsed values only.
pub(super) fn text_field(field: TextField) -> impl IntoView {
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
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), problem);
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            record(value.clone());
            let done = {
                let path = path.clone();
                move |applied: Result<Change, String>| match applied {
                    Ok(change) => {
                        ws.set_field_error(&path, None);
                        ws.edit_typed(&path, change);
                    }
                    Err(sentence) => {
                        let message = format!("{} {sentence}", label.get_untracked());
                        ws.set_field_error(&path, Some(message));
                    }
                }
            };
            match apply(&value) {
                Ok(Applied::Now(change)) => done(Ok(change)),
                Err(sentence) => done(Err(sentence)),
                Ok(Applied::Later(later)) => leptos::task::spawn_local(async move {
                    let applied = later.await;
                    // A later keystroke wins over this one.
                    if text.try_get_untracked().as_deref() == Some(value.as_str()) {
                        done(applied);
                    }
                }),
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
pub(super) fn unit_signal(
    unit: Option<Signal<String>>,
    spec: &NumberSpec,
) -> Option<Signal<String>> {
    unit.or_else(|| (!spec.unit.is_empty()).then(|| Signal::from(spec.unit.to_owned())))
}
