//! The plan's place in the calendar: its start month, its last month and the days of the year
//! that calendar effects name.

use super::{Checker, YEARS};
use crate::plan::{MonthDay, YearMonth};

/// The start month: a real month within [`YEARS`]. Text is checked when it is read; this
/// catches a plan built in code or edited field by field.
pub(super) fn check_start(c: &mut Checker, start: YearMonth) {
    if !YEARS.contains(&start.year) || !(1..=12).contains(&start.month) {
        c.fail(
            "start",
            format!(
                "The start month {:04}-{:02} is not a month between {}-01 and {}-12",
                start.year,
                start.month,
                YEARS.start(),
                YEARS.end()
            ),
        );
    }
}

/// The last planned month: no later than December of the last of [`YEARS`], so every month of
/// the plan has its own calendar month (past it, months would repeat December 2200). Checked
/// only for a valid start and horizon; the message names both fields and sits by the horizon.
pub(super) fn check_end(c: &mut Checker, start: YearMonth, horizon_months: u32) {
    if !YEARS.contains(&start.year) || !(1..=12).contains(&start.month) {
        return;
    }
    let first = i64::from(start.year) * 12 + i64::from(start.month) - 1;
    let last = first + i64::from(horizon_months) - 1;
    let latest = i64::from(*YEARS.end()) * 12 + 11;
    if last > latest {
        let latest_start = YearMonth {
            year: *YEARS.end(),
            month: 12,
        }
        .plus_months(1 - i64::from(horizon_months));
        c.fail(
            "horizon_months",
            format!(
                "Start / horizon: the plan would run past December {} ({} months from {:04}-{:02} \
                 end in {:04}-{:02}); start by {:04}-{:02} or plan fewer months",
                YEARS.end(),
                horizon_months,
                start.year,
                start.month,
                last.div_euclid(12),
                last.rem_euclid(12) + 1,
                latest_start.year,
                latest_start.month
            ),
        );
    }
}

/// A day of the year written `MM-DD`: a real day in a leap year (29 February allowed).
pub(super) fn check_month_day(c: &mut Checker, path: String, label: &str, day: MonthDay) {
    if chrono::NaiveDate::from_ymd_opt(2024, day.month, day.day).is_none() {
        c.fail(
            path,
            format!("{label} {day} is not a day of the year (MM-DD, e.g. 11-20)"),
        );
    }
}
