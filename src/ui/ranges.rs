//! The Ranges panel, shown when the plan has ranges: the Monte Carlo trials' progress (with a
//! cancel), each figure's band in the month on show, when each tier is needed, the ranges
//! ranked by how far each alone moves the month's cost.
//!
//! The trials run in their own worker ([`super::trials`]), started again a moment after each
//! change of the plan (a run still going is stopped); the bands of the last run stay on show,
//! marked as updating, until the new ones arrive.

use std::sync::Arc;

use super::fields::TypedRange;
use super::files::json_of;
use super::results::{selected_month, selected_scenario};
use super::state::Workspace;
use super::trials::{self, Signals, Trials};
use crate::ui::effect;
use crate::ui::memo;
use headroom_core::format;
use headroom_core::input::NumberSpec;
use headroom_core::montecarlo::table::{band_rows, move_lines, percentile_name, swing_rows};
use headroom_core::montecarlo::Bands;
use headroom_core::plan::{Plan, Uncertainty};
use leptos::prelude::*;

/// How long after an edit the trials start again.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// The Ranges code's entry points: one split point for the panel and for reading a range
/// typed into a field, since a plan gets both at once (its first range), so one chunk.
pub struct Code {
    /// Builds the Ranges panel.
    pub panel: fn() -> AnyView,
    /// Reads a range typed into a field ([`super::fields::typed_range`]).
    pub typed: fn(NumberSpec, &str, String) -> Result<TypedRange, String>,
}

super::lazy::split_fn! {
    /// The Ranges code, fetched the first time a plan has a range or one is typed.
    pub fn ranges_code() -> Code {
        Code {
            panel: || view! { <RangesPanel/> }.into_any(),
            typed: super::fields::typed_range,
        }
    }
}

/// The Ranges panel while the plan has ranges (its code fetched then), nothing otherwise.
pub fn when_ranged() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let ranged = memo(move || {
        ws.plan
            .with(|p| p.uncertainty.as_ref().is_some_and(|u| !u.ranges.is_empty()))
    });
    move || ranged.get().then(|| super::lazy::lazily(panel))
}

/// The Ranges panel, built once its code is here ([`super::lazy::lazily`]).
pub async fn panel() -> Result<super::lazy::Build, super::lazy::NotLoaded> {
    let code = ranges_code().await?;
    Ok(Box::new(code.panel))
}

/// The plan's uncertainty section (the defaults when it has none).
fn section(p: &Plan) -> Uncertainty {
    p.uncertainty.clone().unwrap_or_default()
}

/// The Ranges panel.
#[component]
pub fn RangesPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let signals = Signals {
        trials: RwSignal::new(Trials::Idle),
        sensitivity: RwSignal::new(None),
    };
    // The last bands, kept on show while a new run goes.
    let last = RwSignal::new(None::<Arc<Bands>>);
    effect(move || {
        if let Trials::Done(bands) = signals.trials.get() {
            last.set(Some(bands));
        }
    });
    // A run a moment after each change of the valid plan (each keystroke would otherwise
    // start one); the change counter drops the runs of earlier changes.
    let change = StoredValue::new(0u64);
    let start = move || {
        let Ok(valid) = ws.validated.get_untracked() else {
            return;
        };
        let plan = valid.plan();
        match &plan.uncertainty {
            Some(u) if !u.ranges.is_empty() && plan.uncertainty_problems().is_empty() => {
                trials::run(&json_of(plan), u.trials, signals)
            }
            _ => trials::cancel(),
        }
    };
    effect(move || {
        if ws.validated.with(|v| v.is_err()) {
            return;
        }
        change.update_value(|c| *c += 1);
        let at = change.get_value();
        set_timeout(
            // Only the latest change's run, and only while the panel is on the page.
            move || {
                if change.try_get_value() == Some(at) {
                    start();
                }
            },
            SETTLE,
        );
    });
    on_cleanup(trials::cancel);

    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    let summary = move || {
        ws.plan.with(|p| {
            let u = section(p);
            let ranges = u.ranges.len();
            format!(
                "{ranges} {} of the plan {} a range. {} trials (seed {}) give each figure a band from {} to {}{}.",
                if ranges == 1 { "input" } else { "inputs" },
                if ranges == 1 { "is" } else { "are" },
                format::count(f64::from(u.trials)),
                u.seed,
                percentile_name(u.band_pct[0]),
                percentile_name(u.band_pct[1]),
                u.size_for_pct
                    .map(|p| format!("; the plan sizes for {}", percentile_name(p)))
                    .unwrap_or_default(),
            )
        })
    };
    let status = move || {
        match signals.trials.get() {
        Trials::Idle => view! { <span>"Waiting for a valid plan."</span> }.into_any(),
        Trials::Running { done, total } => view! {
            <progress max=total value=done data-testid="trials-progress"
                aria-label="Trials run"></progress>
            <span data-testid="trials-count">
                {format!("Running trials: {} of {}", format::count(f64::from(done)), format::count(f64::from(total)))}
            </span>
            <button type="button" data-testid="trials-cancel" on:click=move |_| trials::cancel()>
                "Cancel"
            </button>
        }
        .into_any(),
        Trials::Cancelled => view! {
            <span>"Trials cancelled."</span>
            <button type="button" data-testid="trials-run" on:click=move |_| start()>"Run again"</button>
        }
        .into_any(),
        Trials::Failed(why) => view! {
            <span class="error" data-testid="trials-failed">{why}</span>
            <button type="button" data-testid="trials-run" on:click=move |_| start()>"Try again"</button>
        }
        .into_any(),
        Trials::Done(bands) => {
            let left_out = (bands.rejected > 0).then(|| {
                format!(
                    " {} left out: their draws made no valid plan ({}).",
                    format::count(f64::from(bands.rejected)),
                    bands.first_rejection.clone().unwrap_or_default()
                )
            });
            view! {
                <span data-testid="trials-done">
                    {format!("{} trials run.", format::count(f64::from(bands.trials)))}
                    {left_out}
                </span>
            }
            .into_any()
        }
    }
    };
    let updating = move || {
        matches!(signals.trials.get(), Trials::Running { .. }) && last.with(Option::is_some)
    };
    let table = move || {
        let bands = last.get()?;
        let (s, m) = (scenario.get(), month.get());
        let rows = ws.plan.with(|p| band_rows(&bands, p, s, m));
        let [low, high] = bands.band_pct.map(percentile_name);
        let sized = bands.size_for_pct.map(percentile_name);
        let moves = ws.plan.with(|p| move_lines(&bands, p, s));
        Some(view! {
            <table class="bands" data-testid="bands-table" class:updating=updating>
                <caption>{move || ws.plan.with(|p| {
                    let name = p.scenarios.get(s).map(|x| x.name.clone()).unwrap_or_default();
                    format!("{name}, month {m}: each figure's band over the trials")
                })}</caption>
                <thead><tr>
                    <th scope="col">"Figure"</th>
                    <th scope="col" class="num">{low}</th>
                    <th scope="col" class="num">"P50"</th>
                    <th scope="col" class="num">{high}</th>
                    {sized.clone().map(|p| view! { <th scope="col" class="num">{format!("Sized for {p}")}</th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr data-testid="band-row">
                            <th scope="row">{row.label}</th>
                            {row.figures.into_iter().map(|f| view! { <td class="num">{f}</td> }).collect_view()}
                            {row.sized.map(|f| view! { <td class="num sized">{f}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!moves.is_empty()).then(|| view! {
                <h4>"When each tier is needed"</h4>
                <ul class="band-moves" data-testid="band-moves">
                    {moves.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            })}
        })
    };
    let tornado = move || {
        let sensitivity = signals.sensitivity.get()?;
        let s = scenario.get();
        let rows = ws.plan.with(|p| swing_rows(&sensitivity, p, s));
        (!rows.is_empty()).then(|| view! {
            <h4>{format!("What moves the month-{} cost most", sensitivity.month)}</h4>
            <p class="hint">"Each range alone at its band's ends, every other input at its value."</p>
            <ol class="tornado" data-testid="tornado">
                {rows.into_iter().map(|row| {
                    let [a, b] = row.at;
                    let (x, w) = (a.min(b) * 100.0, ((a - b).abs() * 100.0).max(0.5));
                    view! {
                        <li>
                            <span class="tornado-field">{row.field}</span>
                            <svg class="tornado-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                                <rect x=format!("{x:.1}") y="0" width=format!("{w:.1}") height="8"></rect>
                            </svg>
                            <span class="tornado-values">
                                {format!("{} → {} (at {} → {})", row.outputs[0], row.outputs[1], row.inputs[0], row.inputs[1])}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        })
    };
    view! {
        <section class="ranges" aria-labelledby="ranges-title" data-testid="ranges">
            <h3 id="ranges-title">"Ranges"</h3>
            <p class="lede">{summary}</p>
            {move || {
                let problems = ws.plan.with(|p| p.uncertainty_problems());
                (!problems.is_empty()).then(|| view! {
                    <ul class="error" role="alert" data-testid="range-problems">
                        {problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                    </ul>
                })
            }}
            <p class="trials-status" role="status" data-testid="trials-status">{status}</p>
            {table}
            {tornado}
            <p class="hint">
                "The seed, the number of trials, the band and the percentile to size for are \
                 the plan's uncertainty section (docs/plan-format.md): set them in a plan file."
            </p>
        </section>
    }
}
