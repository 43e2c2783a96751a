//! The month-by-month sizing tables of the selected scenario, one at a time behind tabs (all of
//! them, every row, on paper: see `print`), each with a CSV download.
//!
//! The page recomputes on every keystroke, so a table is built to update in place: the table's
//! content is one memo (`headroom_core::tables::scenario_table`, only for the table on show),
//! rows are keyed by month, each row reads its own memo and is touched only when its content
//! changed, and a cell's text node is rewritten only when its text differs. A long table
//! draws only the rows in and near view of its scrolling box (spacer rows stand for the rest,
//! and `aria-rowcount`/`aria-rowindex` give the full count), so a 120-month plan lays out and
//! updates a few dozen rows per keystroke, not 120; the print copy has every row. Of those, the
//! rows on screen follow a keystroke in the frame that shows it; the rows drawn but scrolled
//! out of the page's view follow once that frame is painted ([`Workspace::deferred`]). The selected
//! month is highlighted and kept in view; its figures are in the tab order, and the arrow keys
//! move between every figure of the table.

use super::explain::{self, cell_of, data_number, move_focus, Area, Target};
use super::{selected_month, selected_scenario};
use crate::ui::browser;
use crate::ui::effect;
use crate::ui::memo;
use crate::ui::state::Workspace;
use headroom_core::partial::PartialResults;
use headroom_core::tables::{table_ids, Column, Table};
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Tabs over the selected scenario's tables, and the table on show.
#[component]
pub fn SizingTables() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let scenario = selected_scenario(ws);
    let ids = memo(move || {
        let s = scenario.get();
        ws.computed.with(|c| {
            c.as_ref()
                .map(|c| table_ids(&c.plan, &c.results, s))
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new("demand");
    let active = memo(move || {
        let want = chosen.get();
        ids.with(|ids| {
            if ids.iter().any(|(id, _)| *id == want) {
                want
            } else {
                ids.first().map_or("demand", |(id, _)| *id)
            }
        })
    });
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let list = ids.get_untracked();
        let Some(i) = list
            .iter()
            .position(|(id, _)| *id == active.get_untracked())
        else {
            return;
        };
        let n = list.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        let id = list[next].0;
        chosen.set(id);
        crate::ui::fields::focus_now(&format!("table-tab-{id}"));
    };
    view! {
        <section class="sizing" aria-labelledby="sizing-title">
            <div class="section-head">
                <h3 id="sizing-title">"Month by month"</h3>
                <p class="section-hint">
                    "Click a row to select its month. Arrow keys move between figures."
                </p>
            </div>
            <div class="tabs table-tabs" role="tablist" aria-label="Sizing tables">
                <For each=move || ids.get() key={|entry: &(&'static str, &'static str)| entry.0} children={move |(id, title): (&'static str, &'static str)| {
                    view! {
                        <button type="button" role="tab" id=format!("table-tab-{id}")
                            data-testid=format!("table-tab-{id}")
                            aria-controls="table-panel"
                            aria-selected=move || (active.get() == id).to_string()
                            tabindex=move || if active.get() == id { "0" } else { "-1" }
                            on:click=move |_| chosen.set(id)
                            on:keydown=on_tab_key>
                            {title}
                        </button>
                    }
                }}/>
            </div>
            // Empty on screen; every table while the page prints (`print::fill`). While it
            // holds them, the print stylesheet shows them instead of the panel below.
            <div id=super::print::PRINT_TABLES_ID class="print-tables" data-testid="print-tables"></div>
            <div id="table-panel" role="tabpanel"
                aria-labelledby=move || format!("table-tab-{}", active.get())>
                {move || {
                    let id = active.get();
                    view! { <TableView id=id/> }
                }}
            </div>
            {super::explanation(Area::Table)}
        </section>
    }
}

/// Printing: every table of the selected scenario goes on paper, whether the print starts
/// from the page's button or from the browser (Ctrl+P, its menu). See `print`.
#[derive(Clone, Copy)]
pub struct Printing;

impl Printing {
    /// Follows the browser's print events for as long as the calling component lives: writes
    /// the print copy of every table on `beforeprint` (synchronously, so it is in the print
    /// snapshot), removes it on `afterprint`.
    pub fn listen() -> Self {
        let ws = use_context::<Workspace>().expect("inside App");
        let before = window_event_listener(leptos::ev::beforeprint, move |_| {
            super::print::fill(ws);
        });
        let after = window_event_listener(leptos::ev::afterprint, move |_| super::print::clear());
        on_cleanup(move || {
            before.remove();
            after.remove();
        });
        Self
    }

    /// Opens the browser's print dialog (its `beforeprint` writes the tables).
    pub fn print(self) {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    }
}

/// The columns of a table as far as its rows' layout goes: numeric, explained.
type Layout = Arc<Vec<(bool, bool)>>;

/// One sizing table of the selected scenario.
#[component]
fn TableView(id: &'static str) -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let explainer = explain::explainer();
    let scenario = selected_scenario(ws);
    let month = selected_month(ws);
    let table_of = move |results: Memo<Option<PartialResults>>| {
        memo(move || {
            let s = scenario.get();
            ws.banding.track();
            results.with(|c| c.as_ref().and_then(|c| ws.sizing_table(c, s, id)))
        })
    };
    // The table as the rows on screen show it, and as the others do (a frame later). A memo
    // is computed when read: while no row is on screen, only the second one is.
    let table = table_of(ws.computed);
    let table_later = table_of(ws.deferred().computed);
    let head = memo(move || {
        table_later.with(|t| {
            t.as_ref()
                .map(|t| (t.title.clone(), t.note.clone().unwrap_or_default()))
                .unwrap_or_default()
        })
    });
    let columns = memo(move || {
        table_later.with(|t| t.as_ref().map(|t| t.columns.clone()).unwrap_or_default())
    });
    let months = memo(move || {
        table_later.with(|t| {
            t.as_ref()
                .map(|t| t.rows.iter().map(|r| r.month).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let scroller = NodeRef::<Div>::new();
    let window = RowWindow::new();
    let shown = memo(move || window.range(months.with(Vec::len)));
    // Keep the selected month's row in view when the month (or the table) changes, or when
    // the month on show is picked again (the signal is set even to the same month). Boxes are
    // measured at the next animation frame, where the browser lays the page out anyway, not
    // in the task that built or changed the table (at start-up that forced a layout of the
    // whole page into the task building the results).
    effect(move || {
        let m = month.get();
        ws.month.track();
        months.track();
        columns.track();
        if let Some(el) = scroller.get() {
            request_animation_frame(move || {
                if let Some(row_height_px) = window.row_height_px.try_get_untracked() {
                    keep_row_in_view(&el, m, row_height_px);
                    window.follow(&el);
                }
            });
        }
    });
    // Which part of the box is on screen, as the page scrolls.
    effect(move || {
        if let Some(el) = scroller.get() {
            window.watch_page(&el);
        }
    });
    // Rows are drawn: measure one, so the spacers stand for the right height (at the next
    // animation frame too).
    effect(move || {
        shown.track();
        if let Some(el) = scroller.get() {
            request_animation_frame(move || {
                if window.row_height_px.try_get_untracked().is_some() {
                    window.measure_row(&el);
                }
            });
        }
    });
    let status = RwSignal::new(None::<String>);
    let download = move |_| {
        let file = ws.computed.with_untracked(|c| {
            let c = c.as_ref()?;
            let plan_name = c.plan.plan().name.clone();
            let scenario_name = c
                .results
                .scenarios
                .get(scenario.get_untracked())?
                .name
                .clone();
            table.with_untracked(|t| {
                t.as_ref()
                    .map(|t| (t.csv_file_name(&plan_name, &scenario_name), t.to_csv()))
            })
        });
        if let Some((name, text)) = file {
            status.set(Some(match browser::download(&name, "text/csv", &text) {
                Ok(()) => format!("Downloaded {name}."),
                Err(why) => why,
            }));
        }
    };
    let target_of = move |cell: &Element| -> Option<Target> {
        let row = cell.closest("tr").ok().flatten()?;
        let m = data_number(&row, "data-month")? as u32;
        let j = data_number(cell, "data-col")?;
        columns.with_untracked(|cols| {
            let column = cols.get(j)?;
            Some(Target {
                area: Area::Table,
                scenario: scenario.get_untracked(),
                month: m,
                figure: column.figure?,
                label: column.title.clone(),
            })
        })
    };
    let explain_cell = move |cell: &Element| {
        if let Some(target) = target_of(cell) {
            explainer.show(target);
        }
    };
    let select_row = move |element: &Element| {
        if let Some(m) = element
            .closest("tr[data-month]")
            .ok()
            .flatten()
            .and_then(|row| data_number(&row, "data-month"))
        {
            ws.month.set(m as u32);
        }
    };
    let label = move || format!("{}, scrollable", head.get().0);
    let pointer = explain::Pointer::default();
    view! {
        <div class="table-block" data-testid=format!("table-{id}")>
            <div class="table-head">
                <div>
                    <h4>{move || head.get().0}</h4>
                    <p class="table-note" data-testid=format!("table-note-{id}")>{move || head.get().1}</p>
                </div>
                <button type="button" class="download" data-testid=format!("csv-{id}")
                    on:click=download>
                    "Download CSV"
                </button>
            </div>
            <p class="download-status" role="status">{move || status.get()}</p>
            <div class="table-scroll" node_ref=scroller role="region" aria-label=label
                on:scroll=move |_| {
                    if let Some(el) = scroller.get_untracked() {
                        window.follow(&el);
                    }
                }
                on:mousemove=move |ev| {
                    if pointer.moved(&ev) {
                        if let Some(cell) = cell_of(ev.target()) {
                            explain_cell(&cell);
                        }
                    }
                }
                on:focusin=move |ev| {
                    if let Some(cell) = cell_of(ev.target()) {
                        explain_cell(&cell);
                    }
                }
                on:click=move |ev| {
                    if let Some(element) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                        select_row(&element);
                        if let Some(cell) = cell_of(ev.target()) {
                            explain_cell(&cell);
                        }
                    }
                }
                on:keydown=move |ev| {
                    let Some(cell) = cell_of(ev.target()) else { return };
                    let key = ev.key();
                    match key.as_str() {
                        "Enter" | " " => {
                            ev.prevent_default();
                            select_row(&cell);
                        }
                        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" => {
                            if let Some(next) = move_focus(&cell, &key) {
                                ev.prevent_default();
                                if matches!(key.as_str(), "ArrowUp" | "ArrowDown") {
                                    select_row(&next);
                                }
                            }
                        }
                        _ => {}
                    }
                }>
                {move || {
                    let cols = columns.get();
                    (!cols.is_empty()).then(|| {
                        let layout: Layout = Arc::new(
                            cols.iter().map(|c| (c.numeric, c.figure.is_some())).collect(),
                        );
                        let span = cols.len() + 1;
                        let spacer = move |rows: usize| {
                            let height = rows as i32 * window.row_height_px.get();
                            (rows > 0).then(|| view! {
                                <tr class="spacer" aria-hidden="true">
                                    <td colspan=span style=format!("height: {height}px")></td>
                                </tr>
                            })
                        };
                        view! {
                            <table class="sizing-table"
                                aria-rowcount=move || months.with(Vec::len) + 1>
                                <thead>
                                    <tr aria-rowindex="1">
                                        <th scope="col" class="month-col">"Month"</th>
                                        {cols.into_iter().map(header_cell).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || spacer(shown.get().0)}
                                    <For each=move || {
                                        let (start, end) = shown.get();
                                        months.with(|m| m.get(start..end).map(<[u32]>::to_vec).unwrap_or_default())
                                    } key=|m| *m children=move |m| {
                                        let on_screen = window.on_screen(m);
                                        view! {
                                            <TableRow table=table table_later=table_later on_screen=on_screen
                                                month=m layout=layout.clone() selected=month/>
                                        }
                                    }/>
                                    {move || {
                                        let (_, end) = shown.get();
                                        spacer(months.with(Vec::len).saturating_sub(end))
                                    }}
                                </tbody>
                            </table>
                        }
                    })
                }}
            </div>
            <p class="legend" aria-hidden="true">
                <span class="flag-upgrade"><span class="flag-mark"></span>"upgrade this month"</span>
                <span class="flag-beyond"><span class="flag-mark"></span>"beyond the catalog or above the maximum"</span>
                <span class="flag-pooler"><span class="flag-mark"></span>"pooler needed"</span>
                <span class="flag-more-nodes"><span class="flag-mark"></span>"more GPU nodes"</span>
                <span class="flag-lower-bound"><span class="flag-mark"></span>"at least: a cost is left out"</span>
            </p>
        </div>
    }
}

fn header_cell(column: Column) -> impl IntoView {
    let Column {
        title,
        unit,
        numeric,
        ..
    } = column;
    view! {
        <th scope="col" class:num=numeric>
            <span class="col-title">{title}</span>
            {(!unit.is_empty()).then(|| view! { <span class="col-unit">{unit}</span> })}
        </th>
    }
}

/// One month of a table: reads its own row of the table memo (`table` while the row is on
/// screen, else `table_later`), so an edit that leaves this month's figures alone leaves its
/// cells alone. Its cells are one view rebuilt in place (one
/// reactive node per row, not per cell): a cell's text node is rewritten only when its text
/// changed, and the cell elements stay, so a focused cell keeps the focus.
#[component]
fn TableRow(
    table: Memo<Option<Table>>,
    table_later: Memo<Option<Table>>,
    on_screen: Memo<bool>,
    month: u32,
    layout: Layout,
    selected: Memo<u32>,
) -> impl IntoView {
    let index = (month as usize).saturating_sub(1);
    let row = memo(move || {
        let source = if on_screen.get() { table } else { table_later };
        source.with(|t| {
            t.as_ref()
                .and_then(|t| t.rows.get(index))
                .filter(|r| r.month == month)
                .cloned()
        })
    });
    let is_selected = memo(move || selected.get() == month);
    let label = move || row.with(|r| r.as_ref().map(|r| r.label.clone()).unwrap_or_default());
    // The selected row's figures are in the tab order: its own attribute, so picking a month
    // touches no cell's content (and a focused cell stays the element it was).
    let focusable = move || if is_selected.get() { "0" } else { "-1" };
    let cells = move || {
        row.with(|r| {
            layout
                .iter()
                .enumerate()
                .map(|(j, &(numeric, explained))| {
                    let cell = r.as_ref().and_then(|r| r.cells.get(j));
                    let text = cell.map(|c| c.text.clone()).unwrap_or_default();
                    let flag = cell.and_then(|c| c.flag);
                    let mut class = String::from(if numeric { "num" } else { "text" });
                    if let Some(flag) = flag {
                        class.push_str(" flagged flag-");
                        class.push_str(flag.id());
                    }
                    view! {
                        <td class=class data-col=j
                            data-cell=explained.then_some("")
                            tabindex=move || explained.then_some(focusable())
                            aria-describedby=explained.then_some(Area::Table.panel_id())>
                            {text}
                            {flag.map(|f| view! {
                                <span class="flag-mark" aria-hidden="true" title=f.label()></span>
                                <span class="visually-hidden">{format!(" ({})", f.label())}</span>
                            })}
                        </td>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <tr data-month=month aria-rowindex=month + 1 class:selected=move || is_selected.get()
            aria-current=move || is_selected.get().then_some("date")>
            <th scope="row" class="month-col">
                <span class="month-number">{month}</span>
                " "
                <span class="month-name">{label}</span>
            </th>
            {cells}
        </tr>
    }
}

/// Tables longer than this draw only the rows in and near view (a 120-month plan would
/// otherwise lay out and update 120 rows on every keystroke); the rest are two spacer rows
/// of the same height, so the scroll bar and scrolling behave as with every row drawn.
const WINDOW_FROM_ROWS: usize = 40;
/// Rows drawn above and below the ones in view: enough that the arrow keys always find the
/// next row on the page, and that fast scrolling rarely shows a blank.
const OVERSCAN_ROWS: usize = 8;
/// How finely the part of a table's box in view of the page is followed: a report every
/// 1/STEPS of the box's height scrolled into or out of view.
const PAGE_VIEW_STEPS: u32 = 24;
/// Row height used before a row has been measured, px.
const ROW_HEIGHT_GUESS_PX: i32 = 34;

/// Which rows of a long table are drawn: follows the table's scroll position and height.
#[derive(Clone, Copy)]
struct RowWindow {
    /// Scroll offset of the table's box, px.
    scroll_top_px: RwSignal<i32>,
    /// Visible height of the table's box, px.
    view_height_px: RwSignal<i32>,
    /// Height of one row, as measured, px.
    row_height_px: RwSignal<i32>,
    /// The part of the box in view of the page, px from the box's top edge (`None`: none).
    on_page_px: RwSignal<Option<(i32, i32)>>,
}

impl RowWindow {
    fn new() -> Self {
        Self {
            scroll_top_px: RwSignal::new(0),
            view_height_px: RwSignal::new(600),
            row_height_px: RwSignal::new(ROW_HEIGHT_GUESS_PX),
            on_page_px: RwSignal::new(Some((0, i32::MAX))),
        }
    }

    /// Whether the row of `month` (1-based) is on screen, give or take a row: within the part
    /// of the box in view of the page (reactive). Rows are placed by index, every row
    /// `row_height_px` high below a header of about one row.
    fn on_screen(self, month: u32) -> Memo<bool> {
        memo(move || {
            let Some((top, bottom)) = self.on_page_px.get() else {
                return false;
            };
            let height = self.row_height_px.get().max(1);
            let scrolled = self.scroll_top_px.get();
            let row_top = month as i32 * height - scrolled;
            row_top + height >= top - height && row_top <= bottom.saturating_add(height)
        })
    }

    /// Follows which part of `scroller` is in view of the page, for as long as the calling
    /// component lives. Without an `IntersectionObserver`, every row counts as on screen.
    /// The box is never taller than most of the window (`--r-scroll-height`), so scrolling the
    /// page always changes how much of it is in view and the observer reports the new part.
    fn watch_page(self, scroller: &web_sys::HtmlDivElement) {
        let on_page = self.on_page_px;
        let options = web_sys::IntersectionObserverInit::new();
        let steps: js_sys::Array = (0..=PAGE_VIEW_STEPS)
            .map(|i| wasm_bindgen::JsValue::from(f64::from(i) / f64::from(PAGE_VIEW_STEPS)))
            .collect();
        options.set_threshold(&steps);
        let watch = browser::watch(scroller, &options, move |entry| {
            let next = entry.is_intersecting().then(|| {
                let shown = entry.intersection_rect();
                let whole = entry.bounding_client_rect();
                (
                    (shown.top() - whole.top()).floor() as i32,
                    (shown.bottom() - whole.top()).ceil() as i32,
                )
            });
            if on_page.get_untracked() != next {
                on_page.set(next);
            }
        });
        // Disconnected, and the callback freed, with the component.
        if let Some(watch) = watch {
            StoredValue::new_local(watch);
        }
    }

    /// Rows `start..end` (0-based) to draw out of `rows` (reactive).
    fn range(self, rows: usize) -> (usize, usize) {
        if rows <= WINDOW_FROM_ROWS {
            return (0, rows);
        }
        let height = self.row_height_px.get().max(1);
        let first = (self.scroll_top_px.get().max(0) / height) as usize;
        let visible = (self.view_height_px.get().max(0) / height) as usize + 1;
        let start = first.saturating_sub(OVERSCAN_ROWS).min(rows);
        let end = (first + visible + OVERSCAN_ROWS).min(rows);
        (start, end)
    }

    /// Reads the box's scroll position and height.
    fn follow(self, scroller: &web_sys::HtmlDivElement) {
        let top = scroller.scroll_top();
        if top != self.scroll_top_px.get_untracked() {
            self.scroll_top_px.set(top);
        }
        let height = scroller.client_height();
        if height > 0 && height != self.view_height_px.get_untracked() {
            self.view_height_px.set(height);
        }
    }

    /// Measures a drawn row's height.
    fn measure_row(self, scroller: &web_sys::HtmlDivElement) {
        let Ok(Some(row)) = scroller.query_selector("tbody tr[data-month]") else {
            return;
        };
        let Ok(row) = row.dyn_into::<HtmlElement>() else {
            return;
        };
        let height = row.offset_height();
        if height > 0 && height != self.row_height_px.get_untracked() {
            self.row_height_px.set(height);
        }
    }
}

/// Scrolls `scroller` (not the page) so the row of `month` is visible below the sticky header.
/// A row that is not drawn (outside the window of a long table) is placed by its index: every
/// row, drawn or standing in a spacer, is `row_height_px` high.
fn keep_row_in_view(scroller: &web_sys::HtmlDivElement, month: u32, row_height_px: i32) {
    let Ok(Some(table)) = scroller.query_selector("table") else {
        return;
    };
    let Ok(table) = table.dyn_into::<HtmlElement>() else {
        return;
    };
    let header = scroller
        .query_selector("thead")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
        .map_or(0, |h| h.offset_height());
    let row = scroller
        .query_selector(&format!("tr[data-month='{month}']"))
        .ok()
        .flatten()
        .and_then(|r| r.dyn_into::<HtmlElement>().ok());
    let (row_top, row_height) = match row {
        Some(row) => (row.offset_top(), row.offset_height()),
        None => (
            header + (month.saturating_sub(1) as i32).saturating_mul(row_height_px),
            row_height_px,
        ),
    };
    let top = table.offset_top() + row_top;
    let bottom = top + row_height;
    let view_top = scroller.scroll_top();
    let view_height = scroller.client_height();
    if top - header < view_top {
        scroller.set_scroll_top((top - header).max(0));
    } else if bottom > view_top + view_height {
        scroller.set_scroll_top(bottom - view_height);
    }
}
