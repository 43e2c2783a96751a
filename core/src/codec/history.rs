//! Past counts pasted from elsewhere, read into a trend scenario's history.
//!
//! Two shapes are read:
//! - **Rows of a date and a value**, as a spreadsheet copies them (tab-separated) or a CSV file
//!   or monitoring export holds them (`,` or `;`): `2026-09-01<TAB>1 250`. A first line that is
//!   not a date and a value is taken as the header. Dates are written `YYYY-MM-DD` (a time after
//!   it, `T10:00:00Z` or ` 10:00`, is ignored), `YYYY/MM/DD`, `YYYY-MM` (the month's first day)
//!   or as Unix seconds; values may group thousands with spaces, `_` or `'`, and, when the
//!   columns are not separated by commas, may use a decimal comma (`1 250,5`).
//! - **A Prometheus `query_range` answer** (the JSON `/api/v1/query_range` returns, or Grafana's
//!   "Query inspector → Data"): one series, `[unix seconds, "value"]` pairs, read as the last
//!   value of each day (UTC).
//!
//! Either way the observations come out in date order, one per row (or per day). Text that
//! cannot be read is an error naming the line and the problem ([`HistoryError`]); the caller
//! keeps what it had.

use crate::codec::json;
use crate::export::csv::{self, LineError};
use crate::format;
use crate::input::{self, FieldProblem};
use crate::plan::{day, Observation};
use crate::text::excerpt;
use crate::validate::MAX_LIST;
use chrono::NaiveDate;
use serde_json::Value;

/// Why pasted history could not be read: the line at fault (1-based; 0 for the text as a
/// whole) and what is wrong with it.
pub type HistoryError = LineError;

/// Pasted history as read: its observations, date order, and what the reader did beyond
/// reading (days merged, a header skipped), in words.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The observations, oldest first.
    pub observations: Vec<Observation>,
    /// What the reader did that the planner may want to know.
    pub notes: Vec<String>,
}

impl History {
    /// What was read, in words: "12 observations read." and the notes.
    ///
    /// # Example
    /// ```
    /// let history = headroom_core::codec::history::read("2026-07-01,5\n2026-08-01,7\n").unwrap();
    /// assert_eq!(history.summary(), "2 observations read.");
    /// ```
    pub fn summary(&self) -> String {
        let count = self.observations.len();
        let noun = if count == 1 {
            "observation"
        } else {
            "observations"
        };
        let mut words = format!("{} {noun} read.", format::number(count as f64));
        for note in &self.notes {
            words.push(' ');
            words.push_str(note);
        }
        words
    }
}

/// Reads pasted history: rows of a date and a value, or a Prometheus `query_range` answer.
///
/// # Example
/// ```
/// use headroom_core::codec::history::read;
/// let history = read("month\tusers\n2026-07\t1 200\n2026-08\t1 350\n2026-09\t1 500\n").unwrap();
/// assert_eq!(history.observations.len(), 3);
/// assert_eq!(history.observations[2].units, 1500.0);
/// let error = read("2026-07-01,1200\n07/08/2026,1350\n").unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "Line 2: \"07/08/2026\" is not a date: write it YYYY-MM-DD (or YYYY-MM, or Unix seconds)"
/// );
/// ```
pub fn read(text: &str) -> Result<History, HistoryError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(whole("Nothing to read: paste rows of a date and a value"));
    }
    let mut history = if trimmed.starts_with('{') {
        read_prometheus(text.trim_start_matches('\u{feff}'))?
    } else {
        read_rows(text)?
    };
    if history.observations.len() > MAX_LIST {
        let dropped = history.observations.len() - MAX_LIST;
        history.observations.drain(..dropped);
        history.notes.push(format!(
            "Kept the latest {MAX_LIST} observations (a history holds at most {MAX_LIST}); the {dropped} oldest were left out."
        ));
    }
    Ok(history)
}

fn whole(message: &str) -> HistoryError {
    LineError::at(0, message)
}

fn at(line: usize, message: String) -> HistoryError {
    LineError::at(line, message)
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

fn read_rows(text: &str) -> Result<History, HistoryError> {
    let mut observations = Vec::new();
    let mut notes = Vec::new();
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let separator = csv::separator(first_line);
    for (i, row) in csv::rows(text, separator)?.into_iter().enumerate() {
        let cells = row.cells;
        let read = match cells.as_slice() {
            [date, value, ..] => read_row(date.trim(), value.trim(), separator),
            _ => Err(format!(
                "{} has no value beside its date: each line is a date and a value, separated by a tab, a comma or a semicolon",
                quoted(cells.concat().trim())
            )),
        };
        match read {
            Ok(observation) => observations.push(observation),
            // A first line that is not a row is the header ("date,users").
            // Its cells are named one by one: a tab in quotes would read as an escape.
            Err(_) if i == 0 => notes.push(format!(
                "Line {} ({}) was taken as the header.",
                row.line,
                cells
                    .iter()
                    .map(|cell| quoted(cell.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Err(message) => return Err(at(row.line, message)),
        }
    }
    if observations.is_empty() {
        return Err(whole(
            "No rows of a date and a value found: paste two columns, the date first",
        ));
    }
    Observation::sort_by_date(&mut observations);
    Ok(History {
        observations,
        notes,
    })
}

fn read_row(date: &str, value: &str, separator: char) -> Result<Observation, String> {
    let date = read_date(date)?;
    let units = read_value(value, separator)?;
    Ok(Observation { date, units })
}

fn read_date(text: &str) -> Result<NaiveDate, String> {
    let not_a_date = || {
        format!(
            "{} is not a date: write it YYYY-MM-DD (or YYYY-MM, or Unix seconds)",
            quoted(text)
        )
    };
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && text.len() >= 9 {
        let seconds: i64 = text.parse().map_err(|_| not_a_date())?;
        return unix_day(seconds as f64).ok_or_else(not_a_date);
    }
    // The day, before any time of day ("2026-09-01T10:00:00Z", "2026-09-01 10:00").
    let day_part = text.split(['T', ' ']).next().unwrap_or(text);
    let normal = day_part.replace('/', "-");
    if let Some(date) = day::parse(&normal) {
        return Ok(date);
    }
    // "2026-09": the month's first day.
    let mut parts = normal.split('-');
    if let (Some(y), Some(m), None) = (parts.next(), parts.next(), parts.next()) {
        if y.len() == 4 && (1..=2).contains(&m.len()) {
            if let (Ok(year), Ok(month)) = (y.parse(), m.parse()) {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, 1) {
                    return Ok(date);
                }
            }
        }
    }
    Err(not_a_date())
}

/// The UTC day of a Unix time in seconds, for days from year 1 to 9999.
fn unix_day(seconds: f64) -> Option<NaiveDate> {
    /// Days from 0001-01-01 (day 1) to 1970-01-01.
    const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;
    if !seconds.is_finite() || seconds.abs() > 3e11 {
        return None;
    }
    let days = (seconds / 86_400.0).floor() as i64 + UNIX_EPOCH_DAYS_FROM_CE;
    let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)?;
    (1..=9999)
        .contains(&chrono::Datelike::year(&date))
        .then_some(date)
}

fn read_value(text: &str, separator: char) -> Result<f64, String> {
    // Where commas separate the columns, a comma in a (quoted) value groups thousands:
    // "1,250". Elsewhere a comma is the decimal one, and points then group thousands:
    // "1.250,5". The digits themselves are read as every field reads them.
    let decimal_comma = separator != ',' && text.contains(',');
    let units = input::read_number(text, decimal_comma).map_err(|problem| match problem {
        FieldProblem::Empty => "has a date but no value".to_owned(),
        FieldProblem::DecimalComma => format!(
            "{} has a decimal comma, but commas separate the columns: write its decimals after a point",
            quoted(text)
        ),
        _ => format!("{} is not a number", quoted(text)),
    })?;
    if units < 0.0 {
        return Err(format!(
            "{} is negative: counts are 0 or more",
            quoted(text)
        ));
    }
    Ok(units)
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", excerpt(text))
}

// ---------------------------------------------------------------------------------------------
// Prometheus
// ---------------------------------------------------------------------------------------------

fn read_prometheus(text: &str) -> Result<History, HistoryError> {
    let document = json::parse(text).map_err(|e| {
        // JSON counts the end of a text that ends in a line break as a line of its own; the
        // person sees the last line.
        at(
            e.line.min(text.lines().count().max(1)),
            format!("the text starts like JSON but is not: {}", e.message),
        )
    })?;
    let not_prometheus = || {
        whole("This JSON is not a Prometheus query_range answer: expected {\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[…]}}")
    };
    let data = document.get("data").ok_or_else(not_prometheus)?;
    if let Some(status) = document.get("status").and_then(Value::as_str) {
        if status != "success" {
            let error = document
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("no reason given");
            return Err(whole(&format!(
                "The query did not succeed ({status}): {}",
                excerpt(error)
            )));
        }
    }
    let kind = data.get("resultType").and_then(Value::as_str);
    let series = data
        .get("result")
        .and_then(Value::as_array)
        .ok_or_else(not_prometheus)?;
    if kind != Some("matrix") {
        return Err(whole(&format!(
            "The answer is a {}, not a range of values: use query_range (the graph's data), not an instant query",
            kind.unwrap_or("result of another kind")
        )));
    }
    let one = match series.as_slice() {
        [one] => one,
        [] => return Err(whole("The answer holds no series: the query matched nothing")),
        many => {
            return Err(whole(&format!(
                "The answer holds {} series; history is one: sum them in the query (sum(…)) or pick one",
                many.len()
            )))
        }
    };
    let values = one
        .get("values")
        .and_then(Value::as_array)
        .ok_or_else(not_prometheus)?;
    // The last value of each day.
    let mut observations: Vec<Observation> = Vec::new();
    let mut samples = 0;
    for (i, pair) in values.iter().enumerate() {
        let bad = || {
            whole(&format!(
                "Value {} of the series is not a [unix seconds, \"value\"] pair",
                i + 1
            ))
        };
        let [time, value] = pair.as_array().map(Vec::as_slice).ok_or_else(bad)? else {
            return Err(bad());
        };
        let seconds = time.as_f64().ok_or_else(bad)?;
        let date = unix_day(seconds).ok_or_else(bad)?;
        let units = match value {
            Value::String(text) => {
                read_value(text, ',').map_err(|m| whole(&format!("Value {}: {m}", i + 1)))?
            }
            _ => return Err(bad()),
        };
        samples += 1;
        match observations.last_mut() {
            Some(last) if last.date == date => last.units = units,
            _ => observations.push(Observation { date, units }),
        }
    }
    if observations.is_empty() {
        return Err(whole("The series has no values"));
    }
    Observation::sort_by_date(&mut observations);
    observations.dedup_by(|later, earlier| {
        let same = later.date == earlier.date;
        if same {
            earlier.units = later.units;
        }
        same
    });
    let mut notes = Vec::new();
    if samples > observations.len() {
        notes.push(format!(
            "{} samples read as {} days (the last value of each day, UTC).",
            samples,
            observations.len()
        ));
    }
    Ok(History {
        observations,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        day::parse(text).unwrap()
    }

    fn rows(history: &History) -> Vec<(String, f64)> {
        history
            .observations
            .iter()
            .map(|o| (day::text(o.date), o.units))
            .collect()
    }

    #[test]
    fn spreadsheet_rows_with_a_header_and_grouped_thousands() {
        let history = read("Date\tActive users\n2026-09-01\t1 250\n2026-07-01\t1 000\n2026-08-01\t1\u{202f}100,5\n\n").unwrap();
        assert_eq!(
            rows(&history),
            [
                ("2026-07-01".to_owned(), 1000.0),
                ("2026-08-01".to_owned(), 1100.5),
                ("2026-09-01".to_owned(), 1250.0)
            ]
        );
        assert_eq!(
            history.notes,
            ["Line 1 (\"Date\", \"Active users\") was taken as the header."]
        );
    }

    #[test]
    fn csv_and_semicolons_and_date_forms() {
        let history = read("\u{feff}day,users\n2026-09-01T10:00:00Z,\"1,250\"\n\"2026/10/01\",1300\n2026-11,1400\n1767225600,1500\n").unwrap();
        assert_eq!(
            rows(&history),
            [
                ("2026-09-01".to_owned(), 1250.0),
                ("2026-10-01".to_owned(), 1300.0),
                ("2026-11-01".to_owned(), 1400.0),
                ("2026-01-01".to_owned(), 1500.0),
            ]
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        let semi =
            read("2026-09-01;1.250,5\n2026-10-01;2'000\n2026-11-01 ; 3_000\n2026-12-01;3.5\n")
                .unwrap();
        assert_eq!(
            rows(&semi).iter().map(|r| r.1).collect::<Vec<_>>(),
            [1250.5, 2000.0, 3000.0, 3.5]
        );
        assert!(semi.notes.is_empty());
        assert_eq!(
            csv::rows(r#"a,"b,""c""",d"#, ',').unwrap()[0].cells,
            ["a", r#"b,"c""#, "d"]
        );
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let cases = [
            (
                "2026-09-01,10\n2026-10-01,ten\n",
                2,
                "\"ten\" is not a number",
            ),
            (
                "2026-09-01,10\n2026-10-01,-5\n",
                2,
                "\"-5\" is negative: counts are 0 or more",
            ),
            ("2026-09-01,10\n2026-10-01\n", 2, "no value beside its date"),
            ("2026-09-01,10\n2026-13-01,5\n", 2, "is not a date"),
            ("date,users\n1/9/2026,5\n", 2, "is not a date"),
            ("2026-09-01,10\n2026-10-01,\n", 2, "has a date but no value"),
            ("2026-09-01,10\n2026-10-01,inf\n", 2, "is not a number"),
            // Grouped as no field would take it.
            ("2026-09-01\t10\n2026-10-01\t1 2 3\n", 2, "is not a number"),
            (
                "2026-09-01,10\n2026-10-01,\"12,5\"\n",
                2,
                "has a decimal comma",
            ),
        ];
        for (text, line, words) in cases {
            let error = read(text).unwrap_err();
            assert_eq!(error.line, line, "{text:?}: {error}");
            assert!(error.message.contains(words), "{text:?}: {error}");
        }
        assert_eq!(read("  \n").unwrap_err().line, 0);
        assert!(read("date,users\n")
            .unwrap_err()
            .message
            .contains("No rows"));
    }

    fn prometheus(values: &str) -> String {
        format!(
            r#"{{"status":"success","data":{{"resultType":"matrix","result":[{{"metric":{{"job":"api"}},"values":[{values}]}}]}}}}"#
        )
    }

    #[test]
    fn a_prometheus_range_is_read_as_the_last_value_of_each_day() {
        // 2026-01-01T00:00Z is 1767225600.
        let text = prometheus(
            r#"[1767225600,"10"],[1767268800,"12"],[1767312000,"15"],[1767398400,"20.5"]"#,
        );
        let history = read(&text).unwrap();
        assert_eq!(
            rows(&history),
            [
                ("2026-01-01".to_owned(), 12.0),
                ("2026-01-02".to_owned(), 15.0),
                ("2026-01-03".to_owned(), 20.5)
            ]
        );
        assert_eq!(
            history.notes,
            ["4 samples read as 3 days (the last value of each day, UTC)."]
        );
    }

    #[test]
    fn prometheus_answers_that_are_not_one_range_are_explained() {
        let two = r#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[]},{"values":[]}]}}"#;
        assert!(read(two).unwrap_err().message.contains("2 series"));
        let instant = r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
        assert!(read(instant).unwrap_err().message.contains("query_range"));
        let failed = r#"{"status":"error","errorType":"bad_data","error":"parse error at char 4","data":{}}"#;
        assert!(read(failed)
            .unwrap_err()
            .message
            .contains("parse error at char 4"));
        assert!(read(r#"{"a":1}"#)
            .unwrap_err()
            .message
            .contains("not a Prometheus"));
        let broken = read("{\n\"status\": \"success\",\n\"data\": [1, 2,,]\n}").unwrap_err();
        assert_eq!(broken.line, 3, "{broken}");
        let bad_pair = prometheus(r#"[1767225600,10]"#);
        assert!(read(&bad_pair).unwrap_err().message.contains("Value 1"));
        assert!(read(&prometheus(""))
            .unwrap_err()
            .message
            .contains("no values"));
    }

    #[test]
    fn a_long_history_keeps_its_latest_observations() {
        let start = d("2020-01-01");
        let text: String = (0..MAX_LIST + 20)
            .map(|i| format!("{},{i}\n", day::text(start + chrono::Days::new(i as u64))))
            .collect();
        let history = read(&text).unwrap();
        assert_eq!(history.observations.len(), MAX_LIST);
        assert_eq!(history.observations[0].units, 20.0);
        assert!(
            history.notes[0].contains("20 oldest"),
            "{:?}",
            history.notes
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_with_a_line(text in "[0-9a-z,;\t\n .:/\\-\"{}\\[\\]]{0,120}") {
            if let Err(error) = read(&text) {
                proptest::prop_assert!(error.line <= text.lines().count());
                proptest::prop_assert!(!error.message.is_empty());
            }
        }

        #[test]
        fn written_rows_read_back(
            rows in proptest::collection::vec((0u64..20_000, 0u32..10_000_000, 0u32..100), 1..40),
            separator in proptest::sample::select(vec!['\t', ',', ';']),
        ) {
            let start = d("2000-01-01");
            let text: String = rows
                .iter()
                .map(|&(days, whole, hundredths)| {
                    let value = format!("{whole}.{hundredths:02}");
                    let value = if separator == ';' { value.replace('.', ",") } else { value };
                    format!("{}{separator}{value}\n", day::text(start + chrono::Days::new(days)))
                })
                .collect();
            let history = read(&text).unwrap();
            let mut expected: Vec<(NaiveDate, f64)> = rows
                .iter()
                .map(|&(days, whole, hundredths)| {
                    (start + chrono::Days::new(days), f64::from(whole) + f64::from(hundredths) / 100.0)
                })
                .collect();
            expected.sort_by_key(|e| e.0);
            let got: Vec<(NaiveDate, f64)> =
                history.observations.iter().map(|o| (o.date, o.units)).collect();
            proptest::prop_assert_eq!(got.len(), expected.len());
            for (g, e) in got.iter().zip(&expected) {
                proptest::prop_assert_eq!(g.0, e.0);
                proptest::prop_assert!((g.1 - e.1).abs() <= 1e-9 * e.1.max(1.0), "{} vs {}", g.1, e.1);
            }
        }
    }

    #[test]
    fn unix_days_are_utc_days() {
        assert_eq!(unix_day(0.0), Some(d("1970-01-01")));
        assert_eq!(unix_day(-1.0), Some(d("1969-12-31")));
        assert_eq!(unix_day(1_767_225_599.0), Some(d("2025-12-31")));
        assert_eq!(unix_day(f64::NAN), None);
        assert_eq!(unix_day(1e300), None);
    }
}
