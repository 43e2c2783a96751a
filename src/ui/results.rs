//! Results: what the engine made of the plan, for the selected scenario and month.

use super::state::Workspace;
use headroom_core::format;
use leptos::prelude::*;

/// Status, selection and the sizing of the selected month.
#[component]
pub fn ResultsPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    view! {
        <section class="panel results" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            {move || ws.stale.get().then(|| view! {
                <p class="stale" role="status" data-testid="stale">
                    "Showing the last valid results: fix the highlighted fields to update them."
                </p>
            })}
            {move || ws.computed.get().map(|c| {
                let s = ws.scenario.get().min(c.results.scenarios.len().saturating_sub(1));
                let m = ws.month.get();
                c.results.scenarios.get(s).and_then(|sc| sc.months.get(m as usize - 1).cloned()).map(|month| view! {
                    <dl class="cards">
                        <div><dt>"App instances"</dt><dd data-testid="app-instances">{month.app.instances}</dd></div>
                        <div><dt>"Peak"</dt><dd>{format::with_unit(month.peak_rps, "req/s")}</dd></div>
                        <div><dt>"Monthly cost"</dt><dd data-testid="total-cost">{format::usd(month.cost.total_usd_per_month)}</dd></div>
                    </dl>
                })
            })}
        </section>
        <super::charts::ChartsPanel/>
    }
}
