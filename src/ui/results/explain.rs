//! How a figure explains itself on the page: hover, keyboard focus or a tap on a figure names
//! it as the [`Target`]; the area's [`ExplanationPanel`] builds its working with
//! `engine::explain` only then, for that one figure (results hold numbers, not words).
//!
//! Figures live in grids (the sizing tables, the scenario comparison) whose cells carry data
//! attributes; one set of listeners on the grid's container resolves the cell under the
//! pointer or the focus into a target, and moves the focus between cells with the arrow keys,
//! so a grid of 120 months costs no listener per cell.

use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::engine::{self, Figure};
use headroom_core::explain::Explanation;
use headroom_core::selection::month_of;
use headroom_core::tables::month_label;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Which part of the results a figure is in: each has its own explanation panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// The summary cards of the selected month.
    Cards,
    /// The sizing table on show.
    Table,
    /// Scenarios side by side.
    Compare,
}

impl Area {
    /// Element id of the area's explanation panel (for `aria-describedby`).
    pub fn panel_id(self) -> &'static str {
        match self {
            Area::Cards => "explain-cards",
            Area::Table => "explain-table",
            Area::Compare => "explain-compare",
        }
    }
}

/// A figure to explain.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Where it is shown.
    pub area: Area,
    /// Scenario index.
    pub scenario: usize,
    /// Plan month, 1-based.
    pub month: u32,
    /// Which figure.
    pub figure: Figure,
    /// What the figure is called where it is shown: "Tier", "Total cost".
    pub label: String,
}

/// The figure being explained, shared by the results (in context).
#[derive(Clone, Copy)]
pub struct Explainer {
    /// The last figure hovered, focused or tapped.
    pub target: RwSignal<Option<Target>>,
}

impl Default for Explainer {
    /// Nothing explained yet.
    fn default() -> Self {
        Self {
            target: RwSignal::new(None),
        }
    }
}

impl Explainer {
    /// Names `target` (no change when it is already named, so hovering is cheap).
    pub fn show(&self, target: Target) {
        if self.target.with_untracked(|t| t.as_ref() != Some(&target)) {
            self.target.set(Some(target));
        }
    }
}

/// The explainer of the results panel.
pub fn explainer() -> Explainer {
    use_context::<Explainer>().expect("inside ResultsPanel, which provides the Explainer")
}

/// The working of one figure: the figure, the formula with its inputs filled in, the inputs and
/// what binds.
#[component]
pub fn ExplanationView(explanation: Explanation) -> impl IntoView {
    let Explanation {
        figure,
        formula,
        inputs,
        binding,
    } = explanation;
    view! {
        <p class="explain-formula">
            <strong>{figure}</strong>
            {(!formula.is_empty()).then(|| view! { " = " <span class="formula">{formula}</span> })}
        </p>
        {(!inputs.is_empty()).then(|| view! {
            <dl class="explain-inputs">
                {inputs.into_iter().map(|(name, value)| view! {
                    <div><dt>{name}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
        })}
        {(!binding.is_empty()).then(|| view! { <p class="explain-binding">{binding}</p> })}
    }
}

/// The explanation panel of `area`: the working of the figure named last in that area, or a
/// hint saying how to ask for one. A polite live region, so the working is read out when a
/// figure gets keyboard focus.
#[component]
pub fn ExplanationPanel(area: Area) -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    // The comparison shows every scenario, so its explanations follow it once every scenario
    // is computed; the cards and the table show only the scenario on show.
    let ws = match area {
        Area::Compare => ws.deferred(),
        Area::Cards | Area::Table => ws,
    };
    let explainer = explainer();
    let scenario = super::selected_scenario(ws);
    let month = super::selected_month(ws);
    let shown = memo(move || {
        let mut target = explainer.target.get().filter(|t| t.area == area)?;
        // The cards show the selected scenario and month, a sizing table the selected
        // scenario, the comparison the selected month: their explanation follows the selection.
        if matches!(area, Area::Cards | Area::Table) {
            target.scenario = scenario.get();
        }
        if matches!(area, Area::Cards | Area::Compare) {
            target.month = month.get();
        }
        ws.computed.with(|c| {
            let c = c.as_ref()?;
            let explanation = engine::explain(
                &c.plan,
                &c.results,
                target.scenario,
                target.month,
                target.figure,
            )?;
            let scenario = c.results.scenarios.get(target.scenario)?.name.clone();
            let calendar = month_of(&c.results.scenarios[target.scenario].months, target.month)
                .map(|m| month_label(m.calendar))
                .unwrap_or_default();
            let heading = format!(
                "{} · month {} ({calendar}) · {scenario}",
                target.label, target.month
            );
            Some((heading, explanation))
        })
    });
    view! {
        <div class="explanation" id=area.panel_id() role="status" aria-live="polite"
            data-testid=area.panel_id()>
            {move || match shown.get() {
                Some((heading, explanation)) => view! {
                    <p class="explain-heading">{heading}</p>
                    <ExplanationView explanation=explanation/>
                }.into_any(),
                None => view! {
                    <p class="explain-hint">
                        "Hover, focus or tap a figure to see how it is worked out."
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// Where the mouse was last seen over a grid. Browsers send mouse events when the page moves
/// under a still pointer (a recomputed table, a scroll); only a pointer that really moved
/// should take the explanation from a figure focused by keyboard.
#[derive(Clone, Copy)]
pub struct Pointer(StoredValue<(i32, i32)>);

impl Default for Pointer {
    fn default() -> Self {
        Self(StoredValue::new((i32::MIN, i32::MIN)))
    }
}

impl Pointer {
    /// Whether `ev` is at another place than the last event seen (and remembers it).
    pub fn moved(&self, ev: &web_sys::MouseEvent) -> bool {
        let at = (ev.client_x(), ev.client_y());
        let moved = self.0.get_value() != at;
        self.0.set_value(at);
        moved
    }
}

/// The cell (an element with `data-cell`) an event happened in, if any.
pub fn cell_of(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?
        .dyn_into::<Element>()
        .ok()?
        .closest("[data-cell]")
        .ok()
        .flatten()
}

/// Moves the focus from the cell `from` to the next cell in the direction of `key`
/// ("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"): along its row, or to the
/// cell of the same column in the previous or next row. Returns the cell focused, if any.
pub fn move_focus(from: &Element, key: &str) -> Option<HtmlElement> {
    let row = from.closest("tr").ok().flatten()?;
    let cells = |row: &Element| -> Vec<Element> {
        let children = row.children();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .filter(|c| c.has_attribute("data-cell"))
            .collect()
    };
    let here = cells(&row);
    let index = here.iter().position(|c| c == from)?;
    let next = match key {
        "ArrowLeft" => index.checked_sub(1).and_then(|i| here.get(i).cloned()),
        "ArrowRight" => here.get(index + 1).cloned(),
        "Home" => here.first().cloned(),
        "End" => here.last().cloned(),
        "ArrowUp" | "ArrowDown" => {
            let mut other = row.clone();
            loop {
                other = if key == "ArrowUp" {
                    other.previous_element_sibling()?
                } else {
                    other.next_element_sibling()?
                };
                let there = cells(&other);
                if !there.is_empty() {
                    break there.get(index.min(there.len() - 1)).cloned();
                }
            }
        }
        _ => None,
    }?;
    let next: HtmlElement = next.dyn_into().ok()?;
    next.focus().ok()?;
    Some(next)
}

/// A number from a data attribute of `element`.
pub fn data_number(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}
