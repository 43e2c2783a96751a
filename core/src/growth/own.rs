//! What grows at its own rate rather than with demand units: a scenario's database data ("data
//! grows 40 % in year 1" while users grow 50 %) and its background work, the fixed peak traffic
//! and the background connections (docs/models.md "Own growth").
//!
//! ```text
//! own factor(m)          = max(0, 1 + g)ᵐ          g: the scenario's monthly rate, m: plan month
//! data(m)                = data today × own factor(m) × (1 + headroom)
//!                          data today = fixed data + data per unit × units today
//! fixed traffic(m)       = fixed peak today × own factor(m) × (1 + headroom)
//! background conns(m)    = ⌈background connections today × own factor(m)⌉
//! ```
//!
//! Without a rate, data follows the units sized for and background work stays at today's
//! level (a factor of 1).

use super::compound::{compound_factor, compound_units};
use super::explain::{signed_percent, superscript};
use crate::plan::Scenario;
use serde::Serialize;

/// What grows at its own rate in one month of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OwnGrowth {
    /// `(1 + g)ᵐ` of the scenario's data growth, when its data grows on its own.
    pub data: Option<f64>,
    /// `(1 + g)ᵐ` of its background growth; 1 when background work stays at today's level.
    pub background: f64,
}

impl OwnGrowth {
    /// Month `month` (1-based) of `scenario`.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{growth::OwnGrowth, plan::Plan};
    /// let mut scenario = Plan::default().scenarios.remove(0);
    /// scenario.data_monthly_growth_pct = Some(10.0);
    /// let own = OwnGrowth::of(&scenario, 2);
    /// assert!((own.data.unwrap() - 1.21).abs() < 1e-12);
    /// assert_eq!(own.background, 1.0); // no background growth: today's level
    /// ```
    pub fn of(scenario: &Scenario, month: u32) -> Self {
        let factor = |pct: f64| compound_units(1.0, compound_factor(pct, 0.0), month);
        OwnGrowth {
            data: scenario.data_monthly_growth_pct.map(factor),
            background: scenario.background_monthly_growth_pct.map_or(1.0, factor),
        }
    }
}

/// `(1 + 2.84 %)¹²`: a monthly rate over `month` months, as explanations write it.
pub fn own_factor_words(monthly_pct: f64, month: u32) -> String {
    format!("(1 {}){}", signed_percent(monthly_pct), superscript(month))
}
