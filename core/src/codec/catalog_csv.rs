//! One catalog as a CSV table, for a spreadsheet or a provider's price list: [`write()`] and
//! [`read`].
//!
//! A table is one row per entry under a header of the entry's field names, as plan files name
//! them (`name,vcpu,memory_gb,capacity_rps,usd_per_month,priced_on,region,source` for instance
//! types). Written, it is [`crate::export::csv`]'s CSV (commas, quotes where needed, cells that
//! a spreadsheet would run as formulas defused); read, the columns may come in any order, the
//! header in any case with spaces for underscores, cells separated by commas, semicolons or
//! tabs (then numbers may have a decimal comma), and a field a plan file may leave out
//! (`source`, `priced_on`, `region`, `pooler_clients`) may be a missing column or an empty cell.
//!
//! Reading goes through the plan's own reader and validation, so a table is held to exactly
//! what a plan file is: the entries become the catalog's list in the plan document, which
//! [`super::plan_reader`] reads and [`Plan::validate`] checks. Their first complaint about the
//! new list is the error, placed at the table's line and column; a table with a problem
//! changes nothing.

use super::plan_file::content_message;
use super::{plan_reader, plan_writer};
use crate::edit::{self, CatalogKind};
use crate::export::csv::{self, LineError};
use crate::format;
use crate::input::{self, FieldProblem};
use crate::plan::Plan;
use crate::text::{excerpt, lower_cased};
use crate::validate::MAX_LIST;
use serde_json::{Map, Value};

/// Longest table read, in bytes (a catalog of [`MAX_LIST`] entries is far smaller).
pub const MAX_TABLE_BYTES: usize = 1 << 20;

/// Columns holding text; the others hold numbers.
const TEXT_COLUMNS: [&str; 5] = ["name", "topology", "priced_on", "region", "source"];

/// The columns of a table of catalog `kind`, in the order written: the entry's fields as
/// declared, its source last (the longest text).
pub fn columns(kind: CatalogKind) -> Vec<&'static str> {
    let mut columns: Vec<&str> = plan_reader::catalog_fields(kind)
        .iter()
        .copied()
        .filter(|c| *c != "source")
        .collect();
    columns.push("source");
    columns
}

/// Catalog `kind` of `plan` as a CSV table.
///
/// # Example
/// ```
/// use headroom_core::{codec::catalog_csv, edit::CatalogKind, plan::Plan};
/// let table = catalog_csv::write(&Plan::default(), CatalogKind::GpuNodes);
/// assert!(table.starts_with(
///     "name,streams_per_node,sessions_per_node,usd_per_month,priced_on,region,source\r\n"
/// ));
/// ```
pub fn write(plan: &Plan, kind: CatalogKind) -> String {
    let document = plan_writer::document(plan);
    let columns = columns(kind);
    let rows: Vec<Vec<String>> = document["plan"]["catalogs"][kind.key()]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| {
                    columns
                        .iter()
                        .map(|c| match &entry[*c] {
                            Value::String(text) => text.clone(),
                            Value::Null => String::new(),
                            // A whole number as spreadsheets write it: "2", not "2.0".
                            other => {
                                let text = super::json::write(other);
                                match text.strip_suffix(".0") {
                                    Some(whole) => whole.to_owned(),
                                    None => text,
                                }
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    csv::to_csv(&columns, &rows)
}

/// The file a table of catalog `kind` downloads as: "my-plan-instance-types.csv".
pub fn file_name(plan: &Plan, kind: CatalogKind) -> String {
    format!(
        "{}.csv",
        crate::tables::slug(&format!("{} {}", plan.name, kind.title()))
    )
}

/// A table read into a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// The plan with the catalog replaced, and what referred to an entry no longer listed
    /// pointing at one that is.
    pub plan: Plan,
    /// What was read, in words: "6 instance types read." and any reference that moved.
    pub summary: String,
}

/// Reads `text`, a table of catalog `kind`, into `plan`, whose catalog it replaces.
///
/// # Errors
/// The first problem with the table, naming its line (0 when it is the table's as a whole) and
/// column: a header without a field the entries need, a cell that is not a number, a figure out
/// of range, two entries of one name.
///
/// # Example
/// ```
/// use headroom_core::{codec::catalog_csv, edit::CatalogKind, plan::Plan};
/// let plan = Plan::default();
/// let table = "name;vcpu;memory_gb;capacity_rps;usd_per_month;region\n\
///              m7g.large;2;8;50;61,20;eu-central-1\n\
///              m7g.xlarge;4;16;125;122,40;eu-central-1\n";
/// let read = catalog_csv::read(plan.clone(), CatalogKind::Instances, table).unwrap();
/// assert_eq!(read.summary, "2 instance types read.");
/// assert_eq!(read.plan.catalogs.instances[0].usd_per_month, 61.2);
/// assert_eq!(read.plan.catalogs.instances[1].region, "eu-central-1");
/// let error = catalog_csv::read(plan.clone(), CatalogKind::Instances, &table.replace(";125;", ";-5;"));
/// assert_eq!(
///     error.unwrap_err().to_string(),
///     "Line 3, capacity_rps: Capacity per instance must be at least 0.001 req/s"
/// );
/// ```
pub fn read(plan: Plan, kind: CatalogKind, text: &str) -> Result<Read, LineError> {
    if text.len() > MAX_TABLE_BYTES {
        return Err(LineError::at(
            0,
            format!(
                "The table is larger than {} KiB: a catalog holds at most {MAX_LIST} entries",
                MAX_TABLE_BYTES >> 10
            ),
        ));
    }
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let separator = csv::separator(first_line);
    let rows = csv::rows(text, separator)?;
    let Some((header, entries)) = rows.split_first() else {
        return Err(LineError::at(
            0,
            format!(
                "Nothing to read: paste a header line ({}) and a line per entry",
                columns(kind).join(",")
            ),
        ));
    };
    let names = header_names(header)?;
    if entries.is_empty() {
        return Err(LineError::at(
            header.line,
            "The table has a header but no entries below it",
        ));
    }
    if entries.len() > MAX_LIST {
        return Err(LineError::at(
            0,
            format!(
                "A catalog holds at most {MAX_LIST} entries; this table has {}",
                entries.len()
            ),
        ));
    }
    let decimal_comma = separator != ',';
    let list = entries
        .iter()
        .map(|row| entry(&names, row, decimal_comma))
        .collect::<Result<Vec<Value>, LineError>>()?;

    // The list in the plan's document, read and checked as a plan file's would be.
    let mut document = plan_writer::document(&plan)["plan"]["catalogs"].take();
    document[kind.key()] = Value::Array(list);
    let place = |path: &str, message: String| placed(path, message, header, entries, &names);
    let catalogs = plan_reader::read_catalogs(&document)
        .map_err(|e| place(&e.path, content_message(&e.message)))?;
    let mut read = plan;
    read.catalogs = catalogs;
    let first = edit::catalog_entry(&read, kind, 0)
        .map(|e| e.shared().name.to_owned())
        .unwrap_or_default();
    let moved = edit::repoint(&mut read, kind, &first);
    if let Err(problems) = read.validate() {
        let list = kind.path();
        if let Some(p) = problems.iter().find(|p| p.path.starts_with(&list)) {
            let inside = p.path.strip_prefix("catalogs.").unwrap_or(&p.path);
            return Err(place(inside, p.message.clone()));
        }
    }
    let count = entries.len();
    let noun = if count == 1 {
        kind.noun().to_owned()
    } else {
        format!("{}s", kind.noun())
    };
    let mut summary = format!("{} {noun} read.", format::number(count as f64));
    for sentence in moved {
        summary.push(' ');
        summary.push_str(&sentence);
    }
    Ok(Read {
        plan: read,
        summary,
    })
}

/// The header's cells as field names: trimmed, in lower case, spaces and hyphens as
/// underscores. A blank or repeated name is an error.
fn header_names(header: &csv::Row) -> Result<Vec<String>, LineError> {
    let mut names: Vec<String> = Vec::with_capacity(header.cells.len());
    for (i, cell) in header.cells.iter().enumerate() {
        let name = lower_cased(cell.trim()).replace([' ', '-'], "_");
        if name.is_empty() && header.cells[i..].iter().any(|c| !c.trim().is_empty()) {
            return Err(LineError::at(
                header.line,
                format!("column {} of the header has no name", i + 1),
            ));
        }
        if !name.is_empty() && names.contains(&name) {
            return Err(LineError::at(
                header.line,
                format!("the header names the column `{name}` twice"),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// One row as an entry of the plan document: a text column's cell as text, any other as a
/// number (a whole number as an integer); an empty cell is a field left out.
fn entry(names: &[String], row: &csv::Row, decimal_comma: bool) -> Result<Value, LineError> {
    let mut fields = Map::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let cell = csv::undefuse(cell.trim());
        let name = names.get(i).map_or("", String::as_str);
        if cell.is_empty() {
            continue;
        }
        if name.is_empty() {
            return Err(LineError::at(
                row.line,
                format!(
                    "cell {} (\"{}\") is beyond the header's columns",
                    i + 1,
                    excerpt(&cell)
                ),
            ));
        }
        let value = if TEXT_COLUMNS.contains(&name) {
            Value::String(cell)
        } else {
            number(&cell, decimal_comma).map_err(|why| LineError::in_cell(row.line, name, why))?
        };
        fields.insert(name.to_owned(), value);
    }
    Ok(Value::Object(fields))
}

/// A number cell as the document holds it: an integer when whole, so that counts read.
fn number(cell: &str, decimal_comma: bool) -> Result<Value, String> {
    let x = input::read_number(cell, decimal_comma).map_err(|problem| match problem {
        FieldProblem::DecimalComma => format!(
            "\"{}\" has a decimal comma, but commas separate the columns: write its decimals after a point",
            excerpt(cell)
        ),
        _ => format!("\"{}\" is not a number", excerpt(cell)),
    })?;
    Ok(if x.fract() == 0.0 && x.abs() < 9e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    })
}

/// A reader's or validation's complaint, placed in the table: `path` is inside the catalogs
/// (`instances[2].vcpu`, `instances[2]` for the entry as a whole, `instances` for the list).
fn placed(
    path: &str,
    message: String,
    header: &csv::Row,
    entries: &[csv::Row],
    names: &[String],
) -> LineError {
    let after_list = path.split_once('[').map(|(_, rest)| rest);
    let index = after_list
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, _)| index.parse::<usize>().ok());
    let field = after_list
        .and_then(|rest| rest.split_once("]."))
        .map(|(_, field)| field);
    // A column the header lacks, or one it has that entries do not, is the header's problem.
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name);
    if let Some(name) = missing.filter(|name| !names.iter().any(|n| n == name)) {
        return LineError::at(header.line, format!("the header has no `{name}` column"));
    }
    if message.starts_with("unknown field") {
        return LineError::at(header.line, format!("unknown column: {message}"));
    }
    match (index.and_then(|i| entries.get(i)), field) {
        (Some(row), Some(field)) => LineError::in_cell(row.line, field, message),
        (Some(row), None) => LineError::at(row.line, message),
        (None, _) => LineError::at(0, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::RedisTopology;

    fn plan() -> Plan {
        Plan::default()
    }

    #[test]
    fn every_catalog_reads_back_as_written() {
        let mut plan = plan();
        plan.catalogs.instances[1].region = "eu-central-1".into();
        plan.catalogs.instances[2].source = "=cmd|' /C calc'!A0, \"quoted\"; -x".into();
        plan.catalogs.redis[0].priced_on = chrono::NaiveDate::from_ymd_opt(2026, 3, 4);
        plan.catalogs.gpu_nodes[0].name = "'odd' name; +1".into();
        plan.policies.voice.gpu_node = plan.catalogs.gpu_nodes[0].name.clone();
        assert!(write(&plan, CatalogKind::Instances)
            .contains("\r\nm7g.xlarge,4,16,125,119.1,,,\"AWS EC2"));
        for kind in CatalogKind::ALL {
            let table = write(&plan, kind);
            let read = read(plan.clone(), kind, &table).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            assert_eq!(read.plan, plan, "{kind:?}");
            assert!(!read.summary.contains("now"), "{}", read.summary);
        }
    }

    #[test]
    fn columns_in_any_order_case_and_separator() {
        let table = "Memory GB\tName\tTopology\tNodes\tUSD per month\n\
                     1,5\tsmall\tsingle\t1\t12,5\n\
                     \"3\"\tbig\treplicated\t2\t40\n";
        let mut plan = plan();
        plan.baseline.today.redis_plan = plan.catalogs.redis[1].name.clone();
        let read = read(plan.clone(), CatalogKind::Redis, table).unwrap();
        let redis = &read.plan.catalogs.redis;
        assert_eq!(redis.len(), 2);
        assert_eq!((redis[0].memory_gb, redis[0].usd_per_month), (1.5, 12.5));
        assert_eq!(redis[1].topology, RedisTopology::Replicated);
        assert_eq!(
            read.summary,
            "2 Redis plans read. Today's Redis plan is now the smallest."
        );
        assert_eq!(read.plan.baseline.today.redis_plan, "");
    }

    #[test]
    fn references_follow_to_the_first_entry() {
        let table = "name,vcpu,memory_gb,capacity_rps,usd_per_month\nweb,2,4,40,30\n";
        let read = read(plan(), CatalogKind::Instances, table).unwrap();
        assert_eq!(read.plan.policies.app_instance, "web");
        assert_eq!(
            read.summary,
            "1 instance type read. The app now runs on web."
        );
        assert!(read.plan.validate().is_ok());
    }

    #[test]
    fn problems_name_the_line_and_the_column() {
        let head = "name,vcpu,memory_gb,capacity_rps,usd_per_month\n";
        let cases = [
            ("", "Nothing to read: paste a header line (name,vcpu,memory_gb,capacity_rps,usd_per_month,priced_on,region,source) and a line per entry"),
            (head, "Line 1: The table has a header but no entries below it"),
            ("name,vcpu\na,2\n", "Line 1: the header has no `memory_gb` column"),
            ("name,vcpu,cores\n", "Line 1: The table has a header but no entries below it"),
            ("name,vcpu,cores,memory_gb,capacity_rps,usd_per_month\na,2,2,8,50,60\n", "Line 1: unknown column: unknown field `cores`, expected one of `name`, `vcpu`, `memory_gb`, `capacity_rps`, `usd_per_month`, `source`, `priced_on`, `region`"),
            ("name,,vcpu\n", "Line 1: column 2 of the header has no name"),
            ("name,Name\n", "Line 1: the header names the column `name` twice"),
            (&format!("{head}a,2,8,50,60\nb,two,8,50,60\n"), "Line 3, vcpu: \"two\" is not a number"),
            (&format!("{head}a,2,8,50,60,extra\n"), "Line 2: cell 6 (\"extra\") is beyond the header's columns"),
            (&format!("{head}a,2,8,,60\n"), "Line 2: missing field `capacity_rps`"),
            (&format!("{head}a,2,8,50,60\na,4,16,125,120\n"), "Line 3, name: An instance type's name \"a\" is used twice: names must differ"),
            (&format!("{head}a,2,8,50,\"60\n"), "Line 2: a quote opened here is never closed"),
            (&format!("{head}a,2.5,8,50,\"1,5\"\n"), "Line 2, usd_per_month: \"1,5\" has a decimal comma, but commas separate the columns: write its decimals after a point"),
        ];
        for (table, expected) in cases {
            let error = read(plan(), CatalogKind::Instances, table).unwrap_err();
            assert_eq!(error.to_string(), expected, "{table:?}");
        }
        let counts = "name,max_connections,storage_gb,usd_per_month\nx,2.5,1,10\n";
        assert_eq!(
            read(plan(), CatalogKind::Databases, counts)
                .unwrap_err()
                .to_string(),
            "Line 2, max_connections: invalid type: floating point `2.5`, expected u32"
        );
    }

    #[test]
    fn every_template_catalog_reads_back() {
        for template in &crate::presets::TEMPLATES {
            let plan = template.build();
            for kind in CatalogKind::ALL {
                let read = read(plan.clone(), kind, &write(&plan, kind));
                assert_eq!(read.map(|r| r.plan), Ok(plan.clone()), "{kind:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused(text in "[a-z_,;\t\"\n 0-9.=']{0,80}") {
            let head = "name,vcpu,memory_gb,capacity_rps,usd_per_month\n";
            for table in [text.clone(), format!("{head}{text}")] {
                if let Ok(read) = read(plan(), CatalogKind::Instances, &table) {
                    proptest::prop_assert!(read.plan.validate().is_ok());
                }
            }
        }
    }
}
