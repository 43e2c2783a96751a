//! The plan: everything a planner enters, as one serde document.
//!
//! A [`Plan`] is what is stored in local storage, written to plan files and packed into share
//! links. It holds *inputs only*; results are always recomputed by [`crate::engine`]. It is
//! deliberately plain data (no validation in the types) so a half-edited or hand-written plan can
//! still be loaded and shown; [`Plan::validate`] is the one gate between such a document and the
//! models, and returns every problem at once, each naming its field (see [`crate::validate`]).
//!
//! Conventions, followed by every field:
//! - units are in the names: `_pct` is a percentage (70 means 70 %), `_rps` requests per second,
//!   `_gb`/`_mb` decimal gigabytes/megabytes, `_usd_per_month` an amount per month in the
//!   plan's [`Plan::currency`] (the name is older than the field), `_s` seconds;
//! - months are counted from 1: month 1 is the calendar month [`Plan::start`], month `m` is
//!   `m − 1` months later; "today" (the baseline) is month 0;
//! - catalogs are ordered from smallest to largest: tier progression walks them in order.
//!
//! The wire format is versioned by [`PLAN_SCHEMA_VERSION`]; files and links carry it so that
//! older documents can be migrated forward.
//!
//! This file holds the [`Plan`] itself, its defaults and the [`Named`] choices; each section
//! is a file of its own, its items re-exported here: `baseline.rs` (today), `scenario.rs` (the
//! futures), `policies.rs`, `catalogs.rs`, `calendar.rs` (months and days of the year) and
//! `day.rs` (dates in files).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod day;

/// Version of the plan document written by this build.
pub const PLAN_SCHEMA_VERSION: u32 = 1;

/// The longest plan, in months (ten years): the largest horizon validation accepts, the last
/// month a milestone can name, and the longest projection the growth model computes.
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// A whole capacity plan: inputs only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Title shown on the page and in exports.
    pub name: String,
    /// Calendar month of month 1.
    pub start: YearMonth,
    /// Months to plan, 1–120.
    pub horizon_months: u32,
    /// ISO 4217 code of the currency every price and cost of the plan is in (`EUR`); one of
    /// [`crate::currency::known`]. `USD` when left out, and then not written.
    #[serde(default = "usd_code", skip_serializing_if = "is_usd_code")]
    pub currency: String,
    /// Demand and infrastructure today.
    pub baseline: Baseline,
    /// One or more named futures to compare.
    pub scenarios: Vec<Scenario>,
    /// Rules that apply to every resource.
    #[serde(default)]
    pub policies: Policies,
    /// What can be bought, with capacities and prices.
    #[serde(default = "crate::catalog::default_catalogs")]
    pub catalogs: Catalogs,
}

fn usd_code() -> String {
    crate::currency::USD.code().to_owned()
}

fn is_usd_code(code: &str) -> bool {
    code == crate::currency::USD.code()
}

impl Default for Plan {
    /// A blank plan: 1 000 users, 200 requests per user per day, one steady scenario.
    fn default() -> Self {
        Self {
            name: "New plan".to_owned(),
            start: YearMonth {
                year: 2027,
                month: 1,
            },
            horizon_months: 12,
            currency: usd_code(),
            baseline: Baseline {
                demand_unit: "users".to_owned(),
                units: 1000.0,
                traffic: Traffic::DailyVolume {
                    requests_per_unit_per_day: 200.0,
                    peak: PeakShape::PeakToAverage { ratio: 3.0 },
                },
                fixed_peak_rps: 0.0,
                database: DatabaseDemand::default(),
                redis: RedisDemand::default(),
                voice: None,
                other_costs: Vec::new(),
                today: Today::default(),
                scaling: Vec::new(),
            },
            scenarios: vec![Scenario {
                name: "Steady".to_owned(),
                growth: Growth::Compound {
                    monthly_growth_pct: 5.0,
                    monthly_churn_pct: 1.0,
                },
                calendar: Vec::new(),
                traffic: None,
                data_monthly_growth_pct: None,
                background_monthly_growth_pct: None,
            }],
            policies: Policies::default(),
            catalogs: crate::catalog::default_catalogs(),
        }
    }
}

impl Plan {
    /// The plan's currency; US dollars when it names none Headroom knows (which validation
    /// refuses).
    pub fn currency(&self) -> crate::currency::Currency {
        crate::currency::Currency::of(&self.currency).unwrap_or(crate::currency::USD)
    }
}

/// The names plan files and the worker's messages give a choice's values (as its serde derive
/// writes them), in one table per choice: `codec::plan_reader` and `jobs` read by it,
/// `codec::plan_writer` and `jobs` write by it.
pub trait Named: Copy + PartialEq + 'static {
    /// Every value with its name, in the order the values are declared.
    const NAMES: &'static [(&'static str, Self)];

    /// The names alone, in the same order: what code that does not depend on the type reads.
    const WORDS: &'static [&'static str];

    /// The name plan files give `self`.
    fn name(self) -> &'static str;

    /// The value named `name`, if it is one of [`Named::NAMES`].
    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, value)| value)
    }
}

/// [`Named`] for a choice: its table, and its name looked up by position (the table lists the
/// values in their declared order; a test checks it).
macro_rules! named {
    ($ty:ident: $($name:literal => $value:ident),+) => {
        impl $crate::plan::Named for $ty {
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $ty::$value)),+];
            const WORDS: &'static [&'static str] = &[$($name),+];

            fn name(self) -> &'static str {
                Self::NAMES[self as usize].0
            }
        }
    };
}

pub(crate) use named;

mod baseline;
mod calendar;
mod catalogs;
mod policies;
mod scenario;
mod uncertainty;

pub use baseline::*;
pub use calendar::*;
pub use catalogs::*;
pub use policies::*;
pub use scenario::*;
pub use uncertainty::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_arithmetic_and_text() {
        let jan = YearMonth {
            year: 2027,
            month: 1,
        };
        assert_eq!(jan.of_plan_month(1), jan);
        assert_eq!(
            jan.of_plan_month(12),
            YearMonth {
                year: 2027,
                month: 12
            }
        );
        assert_eq!(
            jan.of_plan_month(13),
            YearMonth {
                year: 2028,
                month: 1
            }
        );
        assert_eq!(
            jan.plus_months(-1),
            YearMonth {
                year: 2026,
                month: 12
            }
        );
        for (year, month, days) in [
            (2028, 2, 29),
            (2027, 2, 28),
            (2000, 2, 29),
            (2100, 2, 28),
            (2027, 4, 30),
            (2027, 12, 31),
            (2027, 13, 30),
        ] {
            assert_eq!(YearMonth { year, month }.days(), days, "{year}-{month}");
        }
        // The same as counting between first days.
        for month in 1..=12 {
            let m = YearMonth { year: 2027, month };
            let next = m.plus_months(1).first_day().unwrap();
            let days = (next - m.first_day().unwrap()).num_days();
            assert_eq!(i64::from(m.days()), days);
        }
        assert_eq!(jan.to_string(), "2027-01");
        assert_eq!("2027-01".parse::<YearMonth>(), Ok(jan));
        assert!("2027-13".parse::<YearMonth>().is_err());
        assert!("январь".parse::<YearMonth>().is_err());
        assert_eq!(jan.label(), "Jan 2027");
    }

    #[test]
    fn every_choice_names_its_values_in_their_order() {
        fn check<T: Named + std::fmt::Debug>() {
            // `name` looks up by position: a table out of the declared order fails here.
            for &(name, value) in T::NAMES {
                assert_eq!(value.name(), name, "{value:?}");
            }
            let words: Vec<&str> = T::NAMES.iter().map(|(name, _)| *name).collect();
            assert_eq!(T::WORDS, words);
        }
        check::<Interpolation>();
        check::<TrendShape>();
        check::<ForecastBound>();
        check::<RedisTopology>();
        check::<VoiceTarget>();
        check::<crate::codec::plan_file::Format>();
        check::<crate::jobs::Deploy>();
        check::<crate::codec::library::Kind>();
    }

    #[test]
    fn month_day_text() {
        assert_eq!(
            "11-20".parse::<MonthDay>(),
            Ok(MonthDay { month: 11, day: 20 })
        );
        assert!("02-30".parse::<MonthDay>().is_err());
        assert!("1120".parse::<MonthDay>().is_err());
        assert_eq!(MonthDay { month: 7, day: 1 }.to_string(), "07-01");
    }

    #[test]
    fn default_plan_round_trips_through_json() {
        let plan = Plan::default();
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_name() {
        let mut value = serde_json::to_value(Plan::default()).unwrap();
        value["baseline"]["untis"] = serde_json::json!(5);
        let error = serde_json::from_value::<Plan>(value)
            .unwrap_err()
            .to_string();
        assert!(error.contains("untis"), "{error}");
    }
}
