//! Calendar effects: presets, periods in words, new effects, month-day and date parsing.

use super::{normalise, unique_name};
use crate::format;
use crate::plan::{CalendarEffect, MonthDay, Scenario};
use crate::validate::MAX_CALENDAR_EFFECTS;
use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------------
// Calendar effects
// ---------------------------------------------------------------------------------------------

/// A season or event the editor offers in one click.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalendarPreset {
    /// Name given to the effect.
    pub name: &'static str,
    /// First day (month, day).
    pub from: (u32, u32),
    /// Last day (month, day); before `from` wraps over New Year.
    pub to: (u32, u32),
    /// Demand multiplier.
    pub multiplier: f64,
}

/// Common seasons (the Selextract guide's Black Friday, year end and July figures, and a
/// business-to-business Christmas lull).
pub const CALENDAR_PRESETS: [CalendarPreset; 4] = [
    CalendarPreset {
        name: "Black Friday",
        from: (11, 20),
        to: (11, 30),
        multiplier: 3.0,
    },
    CalendarPreset {
        name: "Year-end peak",
        from: (12, 15),
        to: (12, 31),
        multiplier: 2.0,
    },
    CalendarPreset {
        name: "July slowdown",
        from: (7, 1),
        to: (7, 31),
        multiplier: 0.7,
    },
    CalendarPreset {
        name: "Christmas lull",
        from: (12, 24),
        to: (1, 2),
        multiplier: 0.5,
    },
];

impl CalendarPreset {
    /// The effect this preset adds (every year).
    pub fn effect(&self) -> CalendarEffect {
        CalendarEffect::every_year(self.name, self.from, self.to, self.multiplier)
    }

    /// Button text: "Black Friday (Nov 20–30 ×3)".
    pub fn label(&self) -> String {
        let effect = self.effect();
        format!(
            "{} ({} ×{})",
            self.name,
            period(&effect),
            format::number(self.multiplier)
        )
    }
}

/// The days an effect covers, in words: "Nov 20–30", "Jul 1–31", "Dec 24 – Jan 2", with the
/// year when it applies to one year only.
pub fn period(effect: &CalendarEffect) -> String {
    let (from, to) = (effect.from, effect.to);
    let days = if from.month == to.month && from.day <= to.day {
        format!(
            "{} {}–{}",
            format::month_abbreviation(from.month),
            from.day,
            to.day
        )
    } else {
        format!(
            "{} {} – {} {}",
            format::month_abbreviation(from.month),
            from.day,
            format::month_abbreviation(to.month),
            to.day
        )
    };
    match effect.year {
        Some(year) => format!("{days} {year}"),
        None => days,
    }
}

/// Whether the scenario already has an effect named like `preset` (so adding it again would
/// apply it twice).
pub fn has_preset(scenario: &Scenario, preset: &CalendarPreset) -> bool {
    scenario
        .calendar
        .iter()
        .any(|e| normalise(&e.name) == normalise(preset.name))
}

/// Whether another season fits in the scenario ([`MAX_CALENDAR_EFFECTS`]).
pub fn can_add_effect(scenario: &Scenario) -> bool {
    scenario.calendar.len() < MAX_CALENDAR_EFFECTS
}

/// A blank season to fill in: all of June, ×1.5, every year.
pub fn new_effect(scenario: &Scenario) -> CalendarEffect {
    CalendarEffect {
        name: unique_name("Season", scenario.calendar.iter().map(|e| e.name.as_str())),
        from: MonthDay { month: 6, day: 1 },
        to: MonthDay { month: 6, day: 30 },
        multiplier: 1.5,
        year: None,
    }
}

/// Parses a day of the year typed as `MM-DD` ("11-20"; "1-5" is accepted too).
///
/// # Errors
/// The end of a sentence that starts with the field's label: "is empty: …", "must be …".
pub fn parse_month_day(text: &str) -> Result<MonthDay, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty: enter a day as MM-DD, such as 11-20".to_owned());
    }
    trimmed
        .parse::<MonthDay>()
        .map_err(|_| "must be a day of the year written MM-DD, such as 11-20".to_owned())
}

/// Parses a date typed as `YYYY-MM-DD` (what a date input gives).
///
/// # Errors
/// The end of a sentence that starts with the field's label: "is empty: …", "must be …".
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty: pick a date".to_owned());
    }
    // By hand rather than with chrono's format strings (see `plan::day`).
    crate::plan::day::parse(trimmed)
        .ok_or_else(|| "must be a date written YYYY-MM-DD, such as 2026-11-01".to_owned())
}
