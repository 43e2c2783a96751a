//! Leptos components. State lives in signals here; every number comes from `headroom_core`.

mod storage;

use headroom_core::baseline::{Baseline, BaselineField, BaselineForm};
use headroom_core::format;
use headroom_core::input::FieldError;
use headroom_core::sizing::{app_instances, Binding};
use leptos::prelude::*;

/// Mounts [`App`] into the page body and removes the "Loading…" placeholder.
pub fn start() {
    leptos::mount::mount_to_body(App);
    if let Some(placeholder) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        placeholder.remove();
    }
}

/// The whole page: the baseline form and the sizing it implies, recomputed as the person types.
#[component]
pub fn App() -> impl IntoView {
    let form = RwSignal::new(storage::load_baseline());
    // Sync with the outside world only: keep the draft in local storage so a reload loses nothing.
    Effect::new(move |_| form.with(storage::save_baseline));
    // Validate once per edit; both panels read the same result.
    let validated: Memo<Validated> = Memo::new(move |_| form.with(BaselineForm::validate));
    view! {
        <header class="masthead">
            <h1>"Headroom"</h1>
            <p class="tagline">"What do we need, when, and what will it cost?"</p>
        </header>
        <main class="layout">
            <BaselinePanel form=form validated=validated/>
            <SizingPanel validated=validated/>
        </main>
    }
}

/// The form after validation: a checked baseline, or what is wrong with each bad field.
pub type Validated = Result<Baseline, Vec<FieldError<BaselineField>>>;

/// The baseline inputs, each with its unit, hint and inline error.
#[component]
pub fn BaselinePanel(form: RwSignal<BaselineForm>, validated: Memo<Validated>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="baseline-title">
            <h2 id="baseline-title">"Baseline"</h2>
            <p class="lede">"Today's peak and what one app instance can take."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default() novalidate=true>
                {BaselineField::ALL
                    .into_iter()
                    .map(|field| view! { <NumberField field=field form=form validated=validated/> })
                    .collect_view()}
            </form>
        </section>
    }
}

/// One numeric input bound to one field of the form.
#[component]
fn NumberField(
    field: BaselineField,
    form: RwSignal<BaselineForm>,
    validated: Memo<Validated>,
) -> impl IntoView {
    let spec = field.spec();
    let id = format!("field-{}", field.key());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || {
        validated.with(|result| match result {
            Err(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(ToString::to_string),
            Ok(_) => None,
        })
    });
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{spec.label}</label>
            <div class="input-row">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=field.key()
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=move || form.with(|f| f.get(field).to_owned())
                    on:input=move |ev| form.update(|f| f.set(field, event_target_value(&ev)))
                />
                <span class="unit">{spec.unit}</span>
            </div>
            <p class="hint" id=hint_id>{field.hint()}</p>
            {move || {
                error
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

/// The app-instance count the baseline implies, with its working.
#[component]
pub fn SizingPanel(validated: Memo<Validated>) -> impl IntoView {
    view! {
        <section class="panel result" aria-labelledby="sizing-title" aria-live="polite">
            <h2 id="sizing-title">"App instances"</h2>
            {move || validated.with(|result| match result {
                Ok(baseline) => {
                    let sizing = app_instances(baseline);
                    let decided_by = match sizing.binding {
                        Binding::Load => "set by peak load",
                        Binding::Minimum => "set by the minimum",
                    };
                    view! {
                        <p class="big-number">
                            <span data-testid="app-instances">{sizing.instances}</span>
                            <span class="unit">
                                {if sizing.instances == 1 { " instance" } else { " instances" }}
                            </span>
                        </p>
                        <p class="summary" data-testid="utilisation">
                            {format!(
                                "{} utilisation at peak, {decided_by}.",
                                format::percent(sizing.utilisation_at_peak),
                            )}
                        </p>
                        <details class="explain">
                            <summary>"How is this computed?"</summary>
                            <ol>
                                {sizing
                                    .explain(baseline)
                                    .into_iter()
                                    .map(|line| view! { <li>{line}</li> })
                                    .collect_view()}
                            </ol>
                        </details>
                    }
                        .into_any()
                }
                Err(errors) => {
                    let count = errors.len();
                    view! {
                        <p class="blocked" data-testid="sizing-blocked">
                            {if count == 1 {
                                "Fix the highlighted field to see the sizing.".to_owned()
                            } else {
                                format!("Fix the {count} highlighted fields to see the sizing.")
                            }}
                        </p>
                    }
                        .into_any()
                }
            })}
        </section>
    }
}
