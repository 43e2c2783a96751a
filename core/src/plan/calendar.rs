//! Calendar months and days of the year: [`YearMonth`] (a plan's start, its months) and
//! [`MonthDay`] (a season's first and last day), written as text (`2027-01`, `11-20`).

use super::*;

/// A calendar month, written `"2026-01"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Calendar year, 1900–2200.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

/// A day of the year without a year, written `"11-20"` (20 November).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    /// 1–12.
    pub month: u32,
    /// 1–31, valid for the month (29 February allowed).
    pub day: u32,
}

impl YearMonth {
    /// The month `offset` months later (earlier when negative), saturating at the valid range.
    pub fn plus_months(self, offset: i64) -> YearMonth {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + offset;
        let index = index.clamp(1900 * 12, 2200 * 12 + 11);
        YearMonth {
            year: (index / 12) as i32,
            month: (index % 12) as u32 + 1,
        }
    }

    /// The calendar month of plan month `month` (1-based) when `self` is month 1.
    pub fn of_plan_month(self, month: u32) -> YearMonth {
        self.plus_months(i64::from(month) - 1)
    }

    /// First day of the month, when the fields are in range.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// Number of days in the month (28–31, Gregorian leap years); 30 when the month is out of
    /// range.
    pub fn days(self) -> u32 {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 30,
        }
    }

    /// "Jan 2027" ([`crate::format::month_label`]).
    pub fn label(self) -> String {
        crate::format::month_label(self)
    }
}

impl From<NaiveDate> for YearMonth {
    fn from(date: NaiveDate) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let quoted = crate::text::excerpt(text);
        let bad = || format!("\"{quoted}\" is not a month written as YYYY-MM (e.g. 2027-01)");
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(format!(
                "\"{quoted}\" names month {month}, which does not exist: months run from 01 to \
                 12 (YYYY-MM, e.g. 2027-01)"
            ));
        }
        if !(1900..=2200).contains(&year) {
            return Err(format!(
                "\"{quoted}\" is in the year {year}: plans start between 1900 and 2200"
            ));
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl std::str::FromStr for MonthDay {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let quoted = crate::text::excerpt(text);
        let bad = || format!("\"{quoted}\" is not a day written as MM-DD (e.g. 11-20)");
        let (month, day) = text.trim().split_once('-').ok_or_else(bad)?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        let day: u32 = day.parse().map_err(|_| bad())?;
        // 2024 is a leap year, so 02-29 is accepted.
        NaiveDate::from_ymd_opt(2024, month, day)
            .ok_or_else(|| format!("\"{quoted}\" is not a day that exists (MM-DD, e.g. 11-20)"))?;
        Ok(MonthDay { month, day })
    }
}

macro_rules! string_serde {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        // Parsed inside the visitor rather than after `String::deserialize`: `serde_json` gives
        // an error raised there the position just after the string, so the message names this
        // field even when it is the last of its object (after `}` it would name the object).
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Text)
            }
        }
    };
}

string_serde!(YearMonth);

string_serde!(MonthDay);
