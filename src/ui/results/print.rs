//! Every sizing table on paper, however the print starts (the "Print results" button, Ctrl+P
//! or the browser's menu).
//!
//! On screen only the table on show is built, and only its rows in view are drawn. The browser
//! takes its print snapshot right after `beforeprint`, before Leptos updates the page, so a
//! signal set there would come too late. Instead `beforeprint` writes a plain copy of the
//! selected scenario's tables, every row, straight into the page's `#print-tables` element,
//! synchronously; the print stylesheet shows that copy instead of the live table, and
//! `afterprint` empties it. Nothing is built or computed for printing until then, so a
//! keystroke costs what it did.
//!
//! The copy is text only (`set_text_content`, never markup), like the rest of the page.

use headroom_core::selection;
use headroom_core::tables::{table_ids, Table};
use leptos::prelude::*;
use web_sys::{Document, Element};

use crate::ui::state::Workspace;

/// Id of the element that holds the print copy (rendered empty by the sizing tables).
pub const PRINT_TABLES_ID: &str = "print-tables";

/// Id of the element that holds the plan's name, period and assumptions on paper (rendered
/// empty above the results).
pub const PRINT_HEADING_ID: &str = "print-heading";

/// Writes the plan's name, its period and scenarios, and its assumptions in words into
/// `#print-heading`.
fn fill_heading(document: &Document, ws: Workspace) {
    let Some(holder) = document.get_element_by_id(PRINT_HEADING_ID) else {
        return;
    };
    holder.set_text_content(None);
    ws.plan.with_untracked(|plan| {
        let scenarios: Vec<&str> = plan.scenarios.iter().map(|s| s.name.as_str()).collect();
        let period = format!(
            "{}. Scenarios: {}.",
            headroom_core::assumptions::period(plan),
            scenarios.join(" · ")
        );
        child(document, &holder, "p", "print-plan-name", &plan.name);
        child(document, &holder, "p", "", &period);
        let Some(list) = child(document, &holder, "dl", "assumptions", "") else {
            return;
        };
        for a in headroom_core::assumptions::assumptions(plan) {
            if let Some(row) = child(document, &list, "div", "assumption", "") {
                child(document, &row, "dt", "", &a.label);
                child(document, &row, "dd", "", &a.text);
            }
        }
    });
}

/// Writes every table of the selected scenario into `#print-tables`, replacing what was there.
/// Does nothing when the page has no such element or no results yet.
pub fn fill(ws: Workspace) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    fill_heading(&document, ws);
    let Some(holder) = document.get_element_by_id(PRINT_TABLES_ID) else {
        return;
    };
    holder.set_text_content(None);
    let Some(computed) = ws.complete_results() else {
        return;
    };
    let count = computed.results.scenarios.len();
    let scenario = selection::scenario_within(ws.scenario.get_untracked(), count);
    let month = ws.month.get_untracked();
    for (id, _) in table_ids(&computed.plan, &computed.results, scenario) {
        if let Some(table) = ws.sizing_table(&computed, scenario, id) {
            if let Some(block) = table_block(&document, &table, month) {
                let _ = holder.append_child(&block);
            }
        }
    }
}

/// Empties `#print-tables`, so the page holds only the live table again.
pub fn clear() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in [PRINT_TABLES_ID, PRINT_HEADING_ID] {
        if let Some(holder) = document.get_element_by_id(id) {
            holder.set_text_content(None);
        }
    }
}

/// An element `tag` with `class` (if not empty) and `text` (if not empty).
fn element(document: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    if !class.is_empty() {
        let _ = element.set_attribute("class", class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    Some(element)
}

/// A new element as [`element`], appended to `parent`.
fn child(
    document: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Option<Element> {
    let element = element(document, tag, class, text)?;
    parent.append_child(&element).ok()?;
    Some(element)
}

/// One table as the live one shows it (title, note, header, a row per month, flags), every
/// row drawn; the selected month's row marked as selected.
fn table_block(document: &Document, table: &Table, selected: u32) -> Option<Element> {
    let block = element(document, "div", "table-block print-table", "")?;
    let _ = block.set_attribute("data-testid", &format!("print-table-{}", table.id));
    child(document, &block, "h4", "", &table.title)?;
    if let Some(note) = &table.note {
        child(document, &block, "p", "table-note", note)?;
    }
    let scroll = child(document, &block, "div", "table-scroll", "")?;
    let grid = child(document, &scroll, "table", "sizing-table", "")?;
    let head = child(document, &grid, "thead", "", "")?;
    let head_row = child(document, &head, "tr", "", "")?;
    let month_head = child(document, &head_row, "th", "month-col", "Month")?;
    let _ = month_head.set_attribute("scope", "col");
    for column in &table.columns {
        let th = child(
            document,
            &head_row,
            "th",
            if column.numeric { "num" } else { "" },
            "",
        )?;
        let _ = th.set_attribute("scope", "col");
        child(document, &th, "span", "col-title", &column.title)?;
        if !column.unit.is_empty() {
            child(document, &th, "span", "col-unit", &column.unit)?;
        }
    }
    let body = child(document, &grid, "tbody", "", "")?;
    for row in &table.rows {
        let class = if row.month == selected {
            "selected"
        } else {
            ""
        };
        let tr = child(document, &body, "tr", class, "")?;
        let _ = tr.set_attribute("data-month", &row.month.to_string());
        let th = child(document, &tr, "th", "month-col", "")?;
        let _ = th.set_attribute("scope", "row");
        child(
            document,
            &th,
            "span",
            "month-number",
            &row.month.to_string(),
        )?;
        th.append_with_str_1(" ").ok()?;
        child(document, &th, "span", "month-name", &row.label)?;
        for (cell, column) in row.cells.iter().zip(&table.columns) {
            let mut class = String::from(if column.numeric { "num" } else { "text" });
            if let Some(flag) = cell.flag {
                class.push_str(" flagged flag-");
                class.push_str(flag.id());
            }
            let td = child(document, &tr, "td", &class, &cell.text)?;
            if let Some(flag) = cell.flag {
                let mark = child(document, &td, "span", "flag-mark", "")?;
                let _ = mark.set_attribute("aria-hidden", "true");
                let _ = mark.set_attribute("title", flag.label());
                let label = format!(" ({})", flag.label());
                child(document, &td, "span", "visually-hidden", &label)?;
            }
        }
    }
    Some(block)
}
