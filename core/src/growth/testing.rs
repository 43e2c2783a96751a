//! What the growth tests share: a tolerance check, the Supabase guide's moderate scenario and
//! its start month, and a projection's point forecasts.

use super::Projection;
use crate::plan::{Growth, YearMonth};
use crate::tolerance::Tolerance;

pub(super) fn close(actual: f64, expected: f64, tolerance: Tolerance) {
    crate::tolerance::assert_close("units", actual, expected, tolerance);
}

pub(super) fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth { year, month }
}

pub(super) fn means(p: &Projection) -> Vec<f64> {
    p.months.iter().map(|f| f.mean).collect()
}

pub(super) const START: YearMonth = YearMonth {
    year: 2027,
    month: 1,
};

/// The Supabase guide's moderate scenario.
pub(super) fn moderate() -> Growth {
    Growth::Compound {
        monthly_growth_pct: 25.0,
        monthly_churn_pct: 8.0,
    }
}
