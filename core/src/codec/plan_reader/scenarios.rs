//! The plan's scenarios: growth models and calendar effects.

use super::{tagged, variant, At, Fields, Read, ReadError};
use crate::plan::{CalendarEffect, Growth, Milestone, Observation, Scenario};
use serde_json::Value;

impl Read for Scenario {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct Scenario",
            &["name", "growth", "calendar"],
        )?;
        Ok(Scenario {
            name: f.req("name")?,
            growth: f.req("growth")?,
            calendar: f.opt("calendar")?,
        })
    }
}

impl Read for Growth {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}

impl Read for Milestone {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(value, at, "struct Milestone", &["month", "units"])?;
        Ok(Milestone {
            month: f.req("month")?,
            units: f.req("units")?,
        })
    }
}

impl Read for Observation {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(value, at, "struct Observation", &["date", "units"])?;
        Ok(Observation {
            date: f.req("date")?,
            units: f.req("units")?,
        })
    }
}

impl Read for CalendarEffect {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}
