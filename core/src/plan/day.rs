//! Days in plan documents: `YYYY-MM-DD`, read and written by hand.
//!
//! chrono's own serde support parses through its format-string machinery, which was most of
//! chrono's code in the page's download for these few fields; the format here is the one
//! chrono writes, and a day that does not exist is refused with the same words as before.

use chrono::{Datelike, NaiveDate};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use std::borrow::Cow;

/// What a day that does not read says (the plan reader shows it with the field's path).
pub const NOT_A_DAY: &str = "not a date that exists, written as YYYY-MM-DD (e.g. 2026-11-20)";

/// The day written `YYYY-MM-DD` (a four-digit year, a month and a day of one or two digits;
/// space around is ignored), if it exists.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let number = |part: Option<&str>, digits: std::ops::RangeInclusive<usize>| {
        part.filter(|p| digits.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let mut parts = text.trim().split('-');
    let (year, month, day) = (
        number(parts.next(), 4..=4)?,
        number(parts.next(), 1..=2)?,
        number(parts.next(), 1..=2)?,
    );
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// `date` as `YYYY-MM-DD`.
pub fn text(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// For `#[serde(with = "day")]`.
pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text(*date))
}

/// For `#[serde(with = "day")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let written = Cow::<str>::deserialize(deserializer)?;
    parse(&written).ok_or_else(|| D::Error::custom(NOT_A_DAY))
}

/// For `#[serde(with = "day::optional")]` on an `Option<NaiveDate>`.
pub mod optional {
    use super::*;

    /// For `#[serde(with = "day::optional")]`.
    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_some(&text(*date)),
            None => serializer.serialize_none(),
        }
    }

    /// For `#[serde(with = "day::optional")]`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<Cow<str>>::deserialize(deserializer)? {
            Some(written) => parse(&written)
                .map(Some)
                .ok_or_else(|| D::Error::custom(NOT_A_DAY)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_chrono_wrote_them_and_impossible_ones_are_refused() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse("2026-11-20"), Some(day(2026, 11, 20)));
        assert_eq!(parse(" 2026-1-5 "), Some(day(2026, 1, 5)));
        assert_eq!(parse("2024-02-29"), Some(day(2024, 2, 29)));
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "26-11-20",
            "2026-11",
            "2026-11-20-1",
            "2026/11/20",
            "+2026-11-20",
            "2026-011-20",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        for date in [day(2026, 11, 20), day(2024, 2, 29), day(1999, 1, 1)] {
            assert_eq!(text(date), date.to_string());
            assert_eq!(parse(&text(date)), Some(date));
        }
    }
}
