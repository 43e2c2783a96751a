//! A titled group of fields that folds away and opens itself when one of its fields has a
//! problem.

use super::{problem_badge, problem_count, workspace};
use crate::ui::effect;
use leptos::prelude::*;

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
    effect(move || {
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
