//! A table as a spreadsheet reads it: the CSV text, numbers written plainly, and the
//! file name of the download.

use super::{Column, Table};
use crate::export::csv;

impl Table {
    /// The table as CSV (RFC 4180, formula-safe, see [`csv::to_csv`]): a "Month" and a
    /// "Calendar month" column, then one column per [`Column`] headed "Title (unit)", then
    /// "Flags", and for a table of costs "Lower bound" (why the row's totals are only lower
    /// bounds, empty when they are exact) and "Prices as of" with the catalog's price date.
    /// Numbers are written plainly (no digit grouping, at most six decimals) so spreadsheets
    /// read them as numbers, a lower bound included; names and words as shown.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{engine, plan::Plan, tables};
    /// let plan = Plan::default().validate().unwrap();
    /// let results = engine::run(&plan);
    /// let demand = &tables::scenario_tables(&plan, &results, 0)[0];
    /// let csv = demand.to_csv();
    /// assert!(csv.starts_with("Month,Calendar month,Units (users),Peak (req/s),"));
    /// assert_eq!(csv.lines().count(), 13); // header and 12 months
    /// ```
    pub fn to_csv(&self) -> String {
        let mut header: Vec<String> = vec!["Month".to_owned(), "Calendar month".to_owned()];
        header.extend(self.columns.iter().map(Column::heading));
        header.push("Flags".to_owned());
        if self.priced_on.is_some() {
            header.push("Lower bound".to_owned());
            header.push("Prices as of".to_owned());
        }
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                let mut cells = Vec::with_capacity(row.cells.len() + 3);
                cells.push(row.month.to_string());
                cells.push(row.label.clone());
                let mut flags = Vec::new();
                for (cell, column) in row.cells.iter().zip(&self.columns) {
                    cells.push(match cell.value {
                        Some(value) => plain_number(value),
                        None => cell.text.clone(),
                    });
                    if let Some(flag) = cell.flag {
                        flags.push(format!("{}: {}", column.title, flag.label()));
                    }
                }
                cells.push(flags.join("; "));
                if let Some(date) = self.priced_on {
                    cells.push(row.lower_bound.clone().unwrap_or_default());
                    cells.push(date.to_string());
                }
                cells
            })
            .collect();
        csv::to_csv(&header_refs, &rows)
    }

    /// A file name for the table's CSV: "supabase-redis-saas-moderate-database.csv".
    pub fn csv_file_name(&self, plan_name: &str, scenario_name: &str) -> String {
        format!(
            "{}.csv",
            slug(&format!("{plan_name} {scenario_name} {}", self.id))
        )
    }
}

/// A number as spreadsheets read it: no grouping, at most six decimals, no trailing zeros.
///
/// # Example
/// ```
/// use headroom_core::tables::plain_number;
/// assert_eq!(plain_number(1234.5), "1234.5");
/// assert_eq!(plain_number(2.0 / 3.0), "0.666667");
/// assert_eq!(plain_number(-0.0), "0");
/// ```
pub fn plain_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = crate::float_text::fixed(value, 6);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Lower-case words joined by dashes, for file names: "Supabase + Redis SaaS" →
/// "supabase-redis-saas".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(crate::text::lower_case) {
        if crate::text::is_letter_or_digit(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "headroom".to_owned()
    } else {
        trimmed.to_owned()
    }
}
