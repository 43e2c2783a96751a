//! The note after a destructive action ("Deleted “Aggressive”. Undo") that offers to undo
//! it while the plan is unchanged since.

use super::workspace;
use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::plan::Plan;
use leptos::prelude::*;
use std::sync::Arc;

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
    let visible = memo(move || {
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
