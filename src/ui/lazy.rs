//! Views fetched on first use.
//!
//! In the release build (`--cfg headroom_split`, set by `scripts/build-wasm.sh`) every view
//! declared with [`split_view!`] is a split point: `wasm-split-cli` moves the code only it
//! reaches into a chunk of its own, fetched the first time it is shown. Elsewhere (`trunk
//! serve`, browser tests) the same functions are plain `async fn`s, ready at once. [`lazily`]
//! shows such a view: a status line while its chunk is on the way, and a sentence with
//! "Try again" if it cannot be fetched (offline before it was ever cached), instead of the
//! panic a failed load would otherwise be. Which views are split, and why: ARCHITECTURE.md,
//! "First load".

use std::future::Future;

use leptos::prelude::*;

/// A split view's chunk could not be fetched.
#[derive(Debug)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Declares `async fn $name($args) -> Result<AnyView, NotLoaded>` making `$view`: a split
/// point in the release build, a plain function elsewhere. Arguments are small `Copy` values
/// (signals, enums): they cross into the chunk as they are.
macro_rules! split_view {
    ($(#[$attr:meta])* $name:ident $(($($arg:ident: $ty:ty),*))? => $view:expr) => {
        $(#[$attr])*
        #[cfg(headroom_split)]
        #[leptos::wasm_split::wasm_split(
            $name,
            fallible,
            wasm_split_path = ::leptos::wasm_split
        )]
        fn $name($($($arg: $ty),*)?) -> Result<AnyView, $crate::ui::lazy::NotLoaded> {
            Ok($view.into_any())
        }

        $(#[$attr])*
        #[cfg(not(headroom_split))]
        async fn $name($($($arg: $ty),*)?) -> Result<AnyView, $crate::ui::lazy::NotLoaded> {
            Ok($view.into_any())
        }
    };
}
pub(crate) use split_view;

/// Resolves once the frame showing the page as it is now has been painted: a view's chunk is
/// only asked for after the first results are on screen, so its fetch never delays them.
async fn after_paint() {
    let (painted, wait) = futures_channel::oneshot::channel();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = painted.send(());
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = wait.await;
}

/// The view `load` makes, once its code is fetched: "Loading…" until then, and a way to try
/// again if it cannot be fetched. The fetch starts after the next paint ([`after_paint`]).
pub fn lazily<F>(load: impl Fn() -> F + Clone + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        // The page has one thread: the future never leaves it, whatever `Suspend` asks for.
        let load = load.clone();
        let view = send_wrapper::SendWrapper::new(async move {
            after_paint().await;
            load().await
        });
        view! {
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {Suspend::new(async move {
                    match view.await {
                        Ok(view) => view,
                        Err(NotLoaded) => view! {
                            <p class="loading" role="alert" data-testid="not-loaded">
                                "This part of Headroom could not be fetched (is the connection down?). "
                                <button type="button" on:click=move |_| attempt.update(|a| *a += 1)>
                                    "Try again"
                                </button>
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        }
    }
}
