//! The plan's scenarios: growth models and calendar effects.

use super::{tagged, variant, At, Fault, Fields, Read};
use crate::plan::{CalendarEffect, Growth, Milestone, Observation, Scenario};
use serde_json::Value;
#[cfg(feature = "yaml")]
use {
    super::schema::{count, fields, list, models, name, nullable, number, or, req, Defs},
    crate::plan::{Interpolation, MonthDay, Named, Traffic, TrendShape, DEFAULT_CONFIDENCE_PCT},
    crate::validate::{specs, MAX_CALENDAR_EFFECTS, MAX_LIST},
    chrono::NaiveDate,
};

impl Read for Scenario {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Scenario",
            &[
                "name",
                "growth",
                "calendar",
                "traffic",
                "data_monthly_growth_pct",
                "background_monthly_growth_pct",
            ],
        )?;
        Ok(Scenario {
            name: f.req("name")?,
            growth: f.req("growth")?,
            calendar: f.opt("calendar")?,
            traffic: f.opt("traffic")?,
            data_monthly_growth_pct: f.opt_number("data_monthly_growth_pct")?,
            background_monthly_growth_pct: f.opt_number("background_monthly_growth_pct")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "One possible future.",
            vec![
                req(
                    "name",
                    name("Conservative, Black Friday; distinct among scenarios."),
                ),
                req("growth", d.of::<Growth>()),
                or(
                    "calendar",
                    list(d.of::<CalendarEffect>(), 0, MAX_CALENDAR_EFFECTS),
                    Value::Array(Vec::new()),
                ),
                or("traffic", nullable(d.of::<Traffic>()), Value::Null),
                or(
                    "data_monthly_growth_pct",
                    nullable(number(specs::DATA_GROWTH_PCT)),
                    Value::Null,
                ),
                or(
                    "background_monthly_growth_pct",
                    nullable(number(specs::BACKGROUND_GROWTH_PCT)),
                    Value::Null,
                ),
            ],
        )
    }
}

impl Read for Growth {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        const TAG: &str = "model";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum Growth",
            TAG,
            &["compound", "milestones", "trend"],
        )?;
        Ok(match name {
            "compound" => {
                let f = variant(map, at, TAG, &["monthly_growth_pct", "monthly_churn_pct"])?;
                Growth::Compound {
                    monthly_growth_pct: f.req("monthly_growth_pct")?,
                    monthly_churn_pct: f.opt("monthly_churn_pct")?,
                }
            }
            "milestones" => {
                let f = variant(map, at, TAG, &["points", "between"])?;
                Growth::Milestones {
                    points: f.req("points")?,
                    between: f.opt("between")?,
                }
            }
            _ => {
                let f = variant(map, at, TAG, &["history", "shape", "confidence_pct"])?;
                Growth::Trend {
                    history: f.req("history")?,
                    shape: f.opt("shape")?,
                    confidence_pct: f.or("confidence_pct", crate::plan::DEFAULT_CONFIDENCE_PCT)?,
                }
            }
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        models(
            "How demand units evolve.",
            "model",
            vec![
                (
                    "compound",
                    "Uₘ = U₀ · (1 + growth − churn)ᵐ; growth less churn at least −100 %.",
                    vec![
                        req("monthly_growth_pct", number(specs::GROWTH_PCT)),
                        or("monthly_churn_pct", number(specs::CHURN_PCT), 0),
                    ],
                ),
                (
                    "milestones",
                    "Known counts at given months, one point per month.",
                    vec![
                        req("points", list(d.of::<Milestone>(), 1, MAX_LIST)),
                        or(
                            "between",
                            Interpolation::schema(d),
                            Interpolation::default().name(),
                        ),
                    ],
                ),
                (
                    "trend",
                    "A least-squares trend fitted to history (on at least 3 different days).",
                    vec![
                        req("history", list(d.of::<Observation>(), 3, MAX_LIST)),
                        or("shape", TrendShape::schema(d), TrendShape::default().name()),
                        or(
                            "confidence_pct",
                            number(specs::CONFIDENCE_PCT),
                            DEFAULT_CONFIDENCE_PCT,
                        ),
                    ],
                ),
            ],
        )
    }
}

impl Read for Milestone {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct Milestone", &["month", "units"])?;
        Ok(Milestone {
            month: f.req("month")?,
            units: f.req("units")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        fields(
            "A known unit count at a month.",
            vec![
                req("month", count(specs::MILESTONE_MONTH)),
                req("units", number(specs::MILESTONE_UNITS)),
            ],
        )
    }
}

impl Read for Observation {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct Observation", &["date", "units"])?;
        Ok(Observation {
            date: f.req("date")?,
            units: f.req("units")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "One historical observation.",
            vec![
                req("date", NaiveDate::schema(d)),
                req("units", number(specs::OBSERVED_UNITS)),
            ],
        )
    }
}

impl Read for CalendarEffect {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct CalendarEffect",
            &["name", "from", "to", "multiplier", "year"],
        )?;
        Ok(CalendarEffect {
            name: f.req("name")?,
            from: f.req("from")?,
            to: f.req("to")?,
            multiplier: f.req("multiplier")?,
            year: f.opt("year")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "A multiplier on peak demand between two days of the year.",
            vec![
                req("name", name("Black Friday.")),
                req("from", MonthDay::schema(d)),
                req("to", MonthDay::schema(d)),
                req("multiplier", number(specs::MULTIPLIER)),
                or("year", nullable(count(specs::EFFECT_YEAR)), Value::Null),
            ],
        )
    }
}
