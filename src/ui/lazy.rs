//! Views fetched on first use.
//!
//! In the release build (`--cfg headroom_split`, set by `scripts/build-wasm.sh`) every view
//! declared with [`split_view!`] is a split point: `wasm-split-cli` moves the code only it
//! reaches into a chunk of its own, fetched the first time it is shown. Elsewhere (`trunk
//! serve`, browser tests) the same functions are plain `async fn`s, ready at once. [`lazily`]
//! shows such a view: a status line while its chunk is on the way, and a sentence with
//! "Try again" if it cannot be fetched (offline before it was ever cached), instead of the
//! panic a failed load would otherwise be. [`lazily_below`] does the same for a panel below
//! the fold, asked for only once it comes near the screen or the page is idle. Which views
//! are split, and why: ARCHITECTURE.md, "First load".

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

/// Builds a split view; its code is in the view's chunk.
pub type Build = Box<dyn FnOnce() -> AnyView>;

/// Declares `async fn $name($args) -> Result<$ret, NotLoaded>` running `$body`: in the release
/// build a split point whose code (and whatever only it reaches) is fetched on the first call,
/// elsewhere a plain function. For work the first screen never does (building a template,
/// talking to the file worker). Arguments cross into the chunk by value.
macro_rules! split_fn {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[cfg(headroom_split)]
        #[leptos::wasm_split::wasm_split(
            $name,
            fallible,
            wasm_split_path = ::leptos::wasm_split
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::NotLoaded> {
            Ok($body)
        }

        $(#[$attr])*
        #[cfg(not(headroom_split))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::NotLoaded> {
            Ok($body)
        }
    };
}
pub(crate) use split_fn;

/// Declares `async fn $name($args) -> Result<Build, NotLoaded>` whose [`Build`] makes `$view`:
/// a [`split_fn!`], so in the release build the view's code is fetched on first use. It
/// returns the builder, not the view, so that [`lazily`] builds it only if its place is still
/// on the page once the chunk has arrived. Arguments are small `Copy` values (signals, enums).
macro_rules! split_view {
    ($(#[$attr:meta])* $name:ident $(($($arg:ident: $ty:ty),*))? => $view:expr) => {
        $crate::ui::lazy::split_fn! {
            $(#[$attr])*
            fn $name($($($arg: $ty),*)?) -> $crate::ui::lazy::Build {
                Box::new(move || $view.into_any())
            }
        }
    };
}
pub(crate) use split_view;

/// Resolves once the page's first frame has been painted (at once after that): a view's chunk
/// is only asked for after the first results are on screen, so its fetch never delays them,
/// and a view shown again later (its chunk already here) does not flash "Loading…". Only in
/// the split build: elsewhere there is nothing to fetch, and the view shows at once.
#[cfg(headroom_split)]
async fn after_paint() {
    thread_local! {
        /// Set once the page's first frame is painted: later views need not wait for one.
        static PAINTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if PAINTED.get() {
        return;
    }
    let (painted, wait) = futures_channel::oneshot::channel();
    super::browser::after_paint(move || {
        PAINTED.set(true);
        let _ = painted.send(());
    });
    let _ = wait.await;
}

/// The view `load` makes, at once: nothing is split in this build, so its future is ready
/// when first asked.
#[cfg(not(headroom_split))]
pub fn lazily<F>(load: impl Fn() -> F + Clone + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<Build, NotLoaded>> + 'static,
{
    move || {
        let mut ready = std::pin::pin!(load());
        let waker = std::task::Waker::noop();
        match ready
            .as_mut()
            .poll(&mut std::task::Context::from_waker(waker))
        {
            std::task::Poll::Ready(Ok(build)) => untrack(build),
            _ => ().into_any(),
        }
    }
}

/// The view `load` makes, once its code is fetched: "Loading…" until then, and a way to try
/// again if it cannot be fetched. The fetch starts after the next paint ([`after_paint`]).
#[cfg(headroom_split)]
pub fn lazily<F>(load: impl Fn() -> F + Clone + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<Build, NotLoaded>> + 'static,
{
    lazily_in(erase(load), false)
}

/// A split view's loader with its type erased: the code that shows the view while its chunk
/// arrives ([`lazily_in`], [`lazily_below_erased`]) is compiled once for every split view,
/// not once per view (each copy was about 2 KB of the first download's `.wasm`).
#[cfg(headroom_split)]
type Load = std::sync::Arc<
    dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = Result<Build, NotLoaded>>>> + Send + Sync,
>;

#[cfg(headroom_split)]
fn erase<F>(load: impl Fn() -> F + Send + Sync + 'static) -> Load
where
    F: Future<Output = Result<Build, NotLoaded>> + 'static,
{
    std::sync::Arc::new(move || Box::pin(load()))
}

/// Resolves in the next task.
#[cfg(headroom_split)]
async fn next_task() {
    let (done, wait) = futures_channel::oneshot::channel();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::ZERO,
    );
    let _ = wait.await;
}

/// [`lazily`]; with `own_task`, the view is built in a task of its own once its code is here:
/// views that share a chunk (the panels below the tables) would otherwise all be built in the
/// task it arrives in, one long task.
#[cfg(headroom_split)]
fn lazily_in(load: Load, own_task: bool) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        // The page has one thread: the future never leaves it, whatever `Suspend` asks for.
        let load = load.clone();
        let view = send_wrapper::SendWrapper::new(async move {
            after_paint().await;
            let loaded = load().await;
            if own_task {
                next_task().await;
            }
            loaded
        });
        view! {
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {Suspend::new(async move {
                    match view.await {
                        // Gone while its chunk was on the way (another tab opened, the page
                        // unmounted): nothing to build, and nothing that could reach a signal
                        // that no longer exists.
                        Ok(_) if attempt.try_get_untracked().is_none() => ().into_any(),
                        // Untracked: a `Suspend` runs again when a signal its future read
                        // changes, and building a view reads many (they belong to the view's
                        // own effects, not to its arrival).
                        Ok(build) => untrack(build),
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

/// How far below (and above) the screen a panel's place may be for its chunk to be asked for:
/// one screen, so a reader scrolling down finds it built.
#[cfg(headroom_split)]
const NEAR_MARGIN: &str = "100% 0px";

/// How long the page is left alone before the panels still waiting are built anyway (each in
/// an idle period of its own), so that printing and find-in-page have them.
#[cfg(headroom_split)]
const IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// A split view below the fold, as [`lazily`] but asked for only once its place comes within
/// a screen of view ([`NEAR_MARGIN`]) or the page has been idle for [`IDLE_AFTER`], whichever
/// is first, and built in a task of its own once its code is here: on a phone the comparison
/// and the charts are several screens down, and building them while the first screen starts
/// would block it. Until then its place is an empty box
/// (`.lazy-below`, given a height so the panels after it stay further down).
#[cfg(headroom_split)]
pub fn lazily_below<F>(load: impl Fn() -> F + Clone + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<Build, NotLoaded>> + 'static,
{
    lazily_below_erased(erase(load))
}

#[cfg(headroom_split)]
fn lazily_below_erased(load: Load) -> impl IntoView {
    let near = RwSignal::new(false);
    // Once: set again (the page idle after the panel came near, or near again), it would
    // build the panel anew, and the page would show "Loading…" in its place meanwhile.
    let approach = move || {
        if near.try_get_untracked() == Some(false) {
            near.try_set(true);
        }
    };
    let place = NodeRef::<leptos::html::Div>::new();
    super::effect(move || {
        let Some(element) = place.get() else {
            return;
        };
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(NEAR_MARGIN);
        let watch = super::browser::watch(&element, &options, move |entry| {
            if entry.is_intersecting() {
                approach();
            }
        });
        match watch {
            // Disconnected with this effect's run (the place gone, the view unmounted).
            Some(watch) => {
                StoredValue::new_local(watch);
            }
            None => approach(),
        }
        super::browser::when_idle(IDLE_AFTER, approach);
    });
    move || {
        if near.get() {
            lazily_in(load.clone(), true).into_any()
        } else {
            view! { <div class="lazy-below" node_ref=place aria-hidden="true"></div> }.into_any()
        }
    }
}

/// The view `load` makes, at once: nothing is split in this build.
#[cfg(not(headroom_split))]
pub fn lazily_below<F>(load: impl Fn() -> F + Clone + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<Build, NotLoaded>> + 'static,
{
    lazily(load)
}

thread_local! {
    /// Set once the page's first screen is on show ([`started`]): from then on the views of
    /// [`in_own_task`] (a tab opened again) are built at once.
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// How many views of [`in_own_task`] are still waiting for their task while the page
    /// starts.
    static WAITING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Records that the page's first screen is on show (`ui::reveal`); whether it was not before.
pub fn started() -> bool {
    !STARTED.replace(true)
}

/// Whether no view of [`in_own_task`] is waiting for its task.
pub fn none_waiting() -> bool {
    WAITING.get() == 0
}

#[cfg(headroom_split)]
thread_local! {
    /// The views of [`built_later`] waiting for their frame once the page is on show.
    static QUEUED: std::cell::RefCell<std::collections::VecDeque<RwSignal<bool>>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Builds the view that `ready` stands for after the next frame is painted, after those
/// queued before it, one a frame.
#[cfg(headroom_split)]
fn one_a_frame(ready: RwSignal<bool>) {
    let first = QUEUED.with_borrow_mut(|queue| {
        queue.push_back(ready);
        queue.len() == 1
    });
    if first {
        next_frame();
    }
}

/// The next queued view ([`one_a_frame`]), after the next paint.
#[cfg(headroom_split)]
fn next_frame() {
    super::browser::after_paint(|| {
        if let Some(ready) = QUEUED.with_borrow_mut(std::collections::VecDeque::pop_front) {
            ready.try_set(true);
        }
        if QUEUED.with_borrow(|queue| !queue.is_empty()) {
            next_frame();
        }
    });
}

/// When a view of [`built_later`] is built.
#[derive(Clone, Copy, PartialEq)]
enum Later {
    /// In a task of its own while the page starts; at once once it has started.
    WhileStarting,
    /// As `WhileStarting`, and the page's first screen is shown once it is built.
    ThenShow,
    /// Always in a task of its own.
    Always,
}

/// `view`, built in a task of its own after the current one (in the release build, while the
/// page starts; elsewhere and later at once), untracked: part of a long start-up split off,
/// so that no single task holds the page for long. Unless one of them is
/// [`in_own_task_then_show`], the page's first screen is shown (`ui::reveal`) in the task that
/// builds the last of them.
pub fn in_own_task<V: IntoView + 'static>(view: impl Fn() -> V + Send + Sync + 'static) -> AnyView {
    built_later(Box::new(move || view().into_any()), Later::WhileStarting)
}

/// [`in_own_task`], and the page's first screen is shown (`ui::reveal`) once this view is
/// built, whatever is still waiting: the parts asked for after it (below the first screen
/// on a phone) are added to the page shown, each in a task of its own, and its layout is
/// done a part at a time instead of in one long task.
pub fn in_own_task_then_show<V: IntoView + 'static>(
    view: impl Fn() -> V + Send + Sync + 'static,
) -> AnyView {
    built_later(Box::new(move || view().into_any()), Later::ThenShow)
}

/// `view`, built in a task of its own after the current one (in the release build; elsewhere
/// at once), whenever it is asked for: a panel that, built with the one before it, would make
/// one long task.
pub fn in_next_task<V: IntoView + 'static>(
    view: impl Fn() -> V + Send + Sync + 'static,
) -> AnyView {
    built_later(Box::new(move || view().into_any()), Later::Always)
}

/// [`in_own_task`] and its kin for every view type (boxed): less code in the first load.
fn built_later(view: Box<dyn Fn() -> AnyView + Send + Sync>, when: Later) -> AnyView {
    let starting = !STARTED.get();
    let ready = RwSignal::new(cfg!(not(headroom_split)) || (when != Later::Always && !starting));
    #[cfg(headroom_split)]
    if !ready.get_untracked() {
        if starting {
            WAITING.set(WAITING.get() + 1);
        }
        set_timeout(
            move || {
                if STARTED.get() {
                    // The page is on show: one part a frame, so that each is laid out in a
                    // frame of its own, not all of them in one long one.
                    one_a_frame(ready);
                } else {
                    ready.try_set(true);
                }
                if !starting {
                    return;
                }
                WAITING.set(WAITING.get().saturating_sub(1));
                // In this task, after the view's build (queued before this, in this task's
                // microtasks): no frame comes in between. Unless that build asked for a task
                // of its own in turn: then the last of those shows the page.
                leptos::task::spawn_local(async move {
                    if !STARTED.get() && (when == Later::ThenShow || none_waiting()) {
                        super::reveal();
                    }
                });
            },
            std::time::Duration::ZERO,
        );
    }
    (move || ready.get().then(|| untrack(&view))).into_any()
}
