//! The month-by-month sizing tables of one scenario, as plain data.
//!
//! The page, the CSV downloads and the tests all read the same [`Table`]s, so a figure is
//! written one way everywhere: text through [`crate::format`], the unit in the column header,
//! and the raw value beside the text for spreadsheets and comparisons. Each column that holds
//! a figure [`engine::explain`](crate::engine::explain) can explain names that [`Figure`], so
//! the page builds the working of a cell only when someone asks for it.
//!
//! Tables ([`scenario_tables`]): demand and app instances, database, Redis, GPU voice (only when
//! the plan has voice) and cost. A cell may carry a [`Flag`]: an upgrade that month, a need
//! beyond the catalog, instances above the maximum, a pooler needed, more GPU nodes.

pub(crate) mod cells;
mod cost;
mod demand;
mod scenario;
mod spreadsheet;
mod stores;
#[cfg(test)]
mod tests;
mod voice;

pub use cells::singular;
pub use cost::price_note;
pub use scenario::{explain_cell, scenario_table, scenario_tables, table_ids};
pub use spreadsheet::{plain_number, slug};

/// "Jan 2027": the calendar month as tables and sentences write it.
pub use crate::format::month_label;

use crate::engine::Figure;
use serde::Serialize;
use std::hash::{Hash, Hasher};

/// One sizing table of one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Stable identifier: "demand", "database", "redis", "voice" or "cost".
    pub id: &'static str,
    /// "Database".
    pub title: String,
    /// One line under the title that says how to read the table, if any.
    pub note: Option<String>,
    /// The catalog's price date, for a table of costs: every cost is read with it.
    #[serde(with = "crate::plan::day::optional")]
    pub priced_on: Option<chrono::NaiveDate>,
    /// The columns after the month column.
    pub columns: Vec<Column>,
    /// One row per month of the horizon, in month order.
    pub rows: Vec<Row>,
}

/// A column of a [`Table`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// Stable identifier within the table: "instances", "tier", "cost-0".
    pub key: String,
    /// "Peak".
    pub title: String,
    /// "req/s", "GB", "USD/month"; empty for names and counts without a unit.
    pub unit: String,
    /// The figure [`engine::explain`](crate::engine::explain) explains for a cell of this
    /// column, if any.
    pub figure: Option<Figure>,
    /// Whether the cells are numbers (aligned right).
    pub numeric: bool,
}

/// One month of a [`Table`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Plan month, 1-based.
    pub month: u32,
    /// Calendar month: "Jan 2027".
    pub label: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// When the row's totals are lower bounds, why: "the database has no price; Redis is
    /// beyond the largest catalog plan" (cost table only).
    pub lower_bound: Option<String>,
}

/// One figure of one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// As shown: "1 234", "Pro+", "65.7 %".
    pub text: String,
    /// The number behind the text, in the column's unit (`None` for names and words).
    pub value: Option<f64>,
    /// Something the planner should notice.
    pub flag: Option<Flag>,
}

/// Something worth noticing about a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Flag {
    /// The resource moves to a larger tier or plan this month.
    Upgrade,
    /// No entry of the catalog holds this month's need.
    BeyondCatalog,
    /// More app instances than the policy's maximum.
    OverMax,
    /// The app's pools need a connection pooler.
    PoolerNeeded,
    /// More GPU voice nodes than the month before.
    MoreNodes,
    /// A total that leaves out a component (no price, or beyond the catalog): at least this.
    LowerBound,
}

impl Flag {
    /// Short words for the flag: "upgrade this month".
    pub fn label(self) -> &'static str {
        match self {
            Flag::Upgrade => "upgrade this month",
            Flag::BeyondCatalog => "beyond the catalog",
            Flag::OverMax => "above the maximum instances",
            Flag::PoolerNeeded => "pooler needed",
            Flag::MoreNodes => "more nodes than the month before",
            Flag::LowerBound => "lower bound",
        }
    }

    /// A class-name-safe identifier: "upgrade", "beyond", "over-max", "pooler", "more-nodes".
    pub fn id(self) -> &'static str {
        match self {
            Flag::Upgrade => "upgrade",
            Flag::BeyondCatalog => "beyond",
            Flag::OverMax => "over-max",
            Flag::PoolerNeeded => "pooler",
            Flag::MoreNodes => "more-nodes",
            Flag::LowerBound => "lower-bound",
        }
    }
}

impl Cell {
    fn number(value: f64, text: String) -> Self {
        Self {
            text,
            value: value.is_finite().then_some(value),
            flag: None,
        }
    }

    fn words(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            value: None,
            flag: None,
        }
    }

    fn flagged(mut self, flag: Option<Flag>) -> Self {
        self.flag = flag;
        self
    }
}

impl Column {
    fn new(key: impl Into<String>, title: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            title: title.into(),
            unit: unit.into(),
            figure: None,
            numeric: true,
        }
    }

    fn explained(mut self, figure: Figure) -> Self {
        self.figure = Some(figure);
        self
    }

    fn text(mut self) -> Self {
        self.numeric = false;
        self
    }

    /// "Peak (req/s)", or the bare title when there is no unit.
    pub fn heading(&self) -> String {
        if self.unit.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.unit)
        }
    }
}

impl Row {
    /// A fingerprint of everything the row shows (month, label, every cell's text and flag),
    /// so a view can tell an unchanged row from a changed one without comparing cell by cell.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.month.hash(&mut hasher);
        self.label.hash(&mut hasher);
        for cell in &self.cells {
            cell.text.hash(&mut hasher);
            cell.flag.hash(&mut hasher);
        }
        self.lower_bound.hash(&mut hasher);
        hasher.finish()
    }
}

impl Table {
    /// The row of plan month `month` (1-based), if in the horizon.
    pub fn row(&self, month: u32) -> Option<&Row> {
        self.rows.iter().find(|r| r.month == month)
    }

    /// The column with `key`, with its index.
    pub fn column(&self, key: &str) -> Option<(usize, &Column)> {
        self.columns.iter().enumerate().find(|(_, c)| c.key == key)
    }

    /// The cell of `month` in column `key`.
    pub fn cell(&self, month: u32, key: &str) -> Option<&Cell> {
        let (index, _) = self.column(key)?;
        self.row(month)?.cells.get(index)
    }
}
