//! Which scenario and month the results show: a scenario picker (radio buttons, arrow keys move
//! between them) and a month picker (a range slider over the horizon with previous/next
//! buttons), both driving `Workspace.scenario` and `Workspace.month`.

use super::{selected_month, selected_scenario};
use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::selection;
use headroom_core::tables::month_label;
use leptos::prelude::*;

/// The scenario and month pickers.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let names = memo(move || {
        ws.computed.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.results
                        .scenarios
                        .iter()
                        .map(|s| s.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let horizon = memo(move || {
        ws.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.results.scenarios.first())
                .map_or(1, |s| s.months.len().max(1) as u32)
        })
    });
    let start = memo(move || {
        ws.computed
            .with(|c| c.as_ref().map(|c| c.plan.plan().start))
    });
    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    let month_text = memo(move || {
        let m = month.get();
        let calendar = start
            .get()
            .map(|s| month_label(s.of_plan_month(m)))
            .unwrap_or_default();
        (format!("Month {m} of {}", horizon.get()), calendar)
    });
    let step = move |delta: i64| {
        ws.month.set(selection::month_step(
            month.get_untracked(),
            delta,
            horizon.get_untracked(),
        ));
    };
    view! {
        <div class="selection" data-testid="selection">
            <fieldset class="scenario-picker">
                <legend>"Scenario"</legend>
                <div class="segmented" data-testid="scenario-picker">
                    // (usize, String) is the key type of every keyed list of names (My plans, the
                    // break points, the timeline): their hashing code is compiled once, here.
                    <For
                        each={move || names.get().into_iter().enumerate().collect::<Vec<_>>()}
                        key={|entry: &(usize, String)| entry.clone()}
                        children={move |(i, name): (usize, String)| {
                            let id = format!("scenario-pick-{i}");
                            view! {
                                <input type="radio" name="scenario-pick" id=id.clone()
                                    data-testid=format!("scenario-{i}")
                                    prop:checked=move || scenario.get() == i
                                    on:change=move |_| ws.scenario.set(i)/>
                                <label for=id>{name}</label>
                            }
                        }}
                    />
                </div>
            </fieldset>
            <div class="month-picker">
                <label for="month-slider">"Month"</label>
                <div class="month-controls">
                    <button type="button" class="step" data-testid="month-prev"
                        aria-label="Previous month"
                        disabled={move || month.get() <= 1}
                        on:click=move |_| step(-1)>"‹"</button>
                    <input type="range" id="month-slider" data-testid="month-slider" min="1"
                        max=move || horizon.get().to_string()
                        step="1"
                        prop:value=move || month.get().to_string()
                        aria-valuetext=move || {
                            let (number, calendar) = month_text.get();
                            format!("{number}, {calendar}")
                        }
                        on:input=move |ev| {
                            if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                                ws.month.set(selection::month_within(m, horizon.get_untracked()));
                            }
                        }/>
                    <button type="button" class="step" data-testid="month-next"
                        aria-label="Next month"
                        disabled={move || month.get() >= horizon.get()}
                        on:click=move |_| step(1)>"›"</button>
                </div>
                <output for="month-slider" class="month-label" data-testid="month-label">
                    <strong>{move || month_text.get().1}</strong>
                    " · "
                    {move || month_text.get().0}
                </output>
            </div>
        </div>
    }
}
