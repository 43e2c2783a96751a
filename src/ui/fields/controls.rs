//! The form controls bound to one field of the plan: numbers, dates, month-days, text,
//! choices and toggles.

use super::text::{
    as_text, text_field, unit_signal, Applied, Apply, Change, Parsing, Read, TextField,
};
use super::{field_id, input_text, problem_for, reload, workspace, Getter, Setter};
use headroom_core::edit::{self, NaiveDate};
use headroom_core::input::NumberSpec;
use headroom_core::plan::{MonthDay, Plan};
use headroom_core::uncertain::syntax::{self, Entry};
use leptos::prelude::*;
use std::sync::Arc;

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
    let path_for_ranges = path.clone();
    text_field(TextField {
        label: label.unwrap_or_else(|| Signal::from(spec.label.to_owned())),
        unit: unit_signal(unit, &spec),
        path,
        hint,
        input_type: "text",
        inputmode: Some(if spec.min < 0.0 { "text" } else { "decimal" }),
        placeholder: None,
        value: if spec.whole {
            as_text(
                get,
                set,
                Parsing {
                    parse: Arc::new(move |text| spec.parse(text).map_err(|p| spec.describe(&p))),
                    show: |v| input_text(*v),
                },
            )
        } else {
            number_or_range(path_for_ranges, spec, get, set)
        },
    })
}

/// A field of fractional numbers that also takes a range (`8–20`, `8/12/20`, `normal(12, 3)`):
/// it shows the field's range when it has one, else its number. A number typed sets the
/// field and drops its range; text that is not a number but reads like a range is read by
/// code fetched on first use ([`typed_range`], in the Ranges code), which sets the field to the range's point
/// value and keeps the range under the field's path.
fn number_or_range(
    path: String,
    spec: NumberSpec,
    get: Getter<f64>,
    set: Setter<f64>,
) -> (Read, Apply) {
    let path = Arc::new(path);
    let read: Read = {
        let path = path.clone();
        Arc::new(move |p| match edit::range_of(p, &path) {
            Some(range) => syntax::field_text(range),
            None => get(p).map(input_text).unwrap_or_default(),
        })
    };
    let apply: Apply = Arc::new(move |text| {
        let (set, path) = (set.clone(), path.clone());
        match spec.parse(text) {
            Ok(value) => Ok(Applied::Now(Box::new(move |p: &mut Plan| {
                set(p, value);
                edit::drop_range(p, &path);
            }))),
            Err(problem) if spec.whole || !edit::looks_like_range(text) => {
                Err(spec.describe(&problem))
            }
            Err(_) => {
                let text = text.to_owned();
                Ok(Applied::Later(Box::pin(async move {
                    let code = crate::ui::ranges::ranges_code().await.map_err(|_| {
                        "could not be read as a range: the page could not load the code that \
                         reads ranges (check the connection)"
                            .to_owned()
                    })?;
                    let change = (code.typed)(spec, &text, path.to_string())?;
                    Ok(Box::new(move |p: &mut Plan| {
                        let point = change(p);
                        set(p, point);
                    }) as Change)
                })))
            }
        }
    });
    (read, apply)
}

/// What typing a range into a field does, in the Ranges code fetched on first use
/// ([`crate::ui::ranges::ranges_code`]).
pub(crate) type TypedRange = Box<dyn FnOnce(&mut Plan) -> f64>;

/// The range typed as `text` into the field of `spec` at `path`, as a change that keeps the
/// range and returns its point value for the field, or the end of a sentence saying why it is
/// not one (`headroom_core::edit::read_typed`). Reached only through the Ranges code.
pub(crate) fn typed_range(
    spec: NumberSpec,
    text: &str,
    path: String,
) -> Result<TypedRange, String> {
    match edit::read_typed(&spec, text) {
        Ok(Entry::Range(range)) => Ok(Box::new(move |p: &mut Plan| {
            edit::set_range(p, &path, Some(range));
            range.point()
        })),
        Ok(Entry::Number(value)) => Ok(Box::new(move |p: &mut Plan| {
            edit::drop_range(p, &path);
            value
        })),
        Err(sentence) => Err(sentence),
    }
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
    text_field(TextField::plain(
        path,
        label,
        hint,
        "date",
        as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(edit::parse_date),
                show: |d| d.to_string(),
            },
        ),
    ))
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
    text_field(TextField::plain(
        path,
        label,
        hint,
        "date",
        as_text(
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
    ))
}

/// A labelled text input (names): the text control every field shares, taking any text.
/// Empty, repeated or over-long names are reported by validation, next to the field.
#[component]
pub fn TextInput(
    #[prop(into)] path: String,
    #[prop(into)] label: Signal<String>,
    get: Getter<String>,
    set: Setter<String>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    text_field(TextField::plain(
        path,
        label,
        hint,
        "text",
        as_text(
            get,
            set,
            Parsing {
                parse: Arc::new(|text: &str| Ok(text.to_owned())),
                show: String::clone,
            },
        ),
    ))
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
