//! Calendar effects: seasons and events that multiply a month's peak demand on the days they
//! cover (the Selextract guide's "Black Friday November 20–30 ×3.0").

use crate::plan::{CalendarEffect, MonthDay, YearMonth};

/// Largest multiplier one day's calendar effects can add up to; a product above it is clamped.
pub const MAX_CALENDAR_MULTIPLIER: f64 = 1e6;

/// Calendar effects within one month.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MonthMultipliers {
    /// Largest day's multiplier (the product of the effects active that day).
    pub peak: f64,
    /// Mean of the days' multipliers.
    pub average: f64,
    /// Names of the effects active on at least one day, in the plan's order.
    pub active: Vec<String>,
}

/// Demand multipliers of `effects` over the days of calendar month `month`.
///
/// For each day `d`: `multiplier(d) = Π { effect.multiplier : effect active on d }` (1 when
/// none); `peak = max_d multiplier(d)`, `average = mean_d multiplier(d)`. An effect is active
/// from `from` to `to` inclusive, wrapping over New Year when `to` is before `from`, every year
/// or only in `year`. 29 February exists only in leap years.
///
/// A multiplier that is not a number is ignored (×1), a negative one counts as 0, and each
/// day's product is kept within `[0, MAX_CALENDAR_MULTIPLIER]`.
///
/// # Example
/// ```
/// use headroom_core::growth::calendar_multipliers;
/// use headroom_core::plan::{CalendarEffect, MonthDay, YearMonth};
/// let black_friday = CalendarEffect {
///     name: "Black Friday".into(),
///     from: MonthDay { month: 11, day: 20 },
///     to: MonthDay { month: 11, day: 30 },
///     multiplier: 3.0,
///     year: None,
/// };
/// let m = calendar_multipliers(&[black_friday], YearMonth { year: 2027, month: 11 });
/// assert_eq!(m.peak, 3.0);
/// assert!((m.average - (19.0 + 11.0 * 3.0) / 30.0).abs() < 1e-12);
/// assert_eq!(m.active, ["Black Friday"]);
/// ```
pub fn calendar_multipliers(effects: &[CalendarEffect], month: YearMonth) -> MonthMultipliers {
    if effects.is_empty() {
        return MonthMultipliers {
            peak: 1.0,
            average: 1.0,
            active: Vec::new(),
        };
    }
    let month = month.plus_months(0);
    let mut active_any = vec![false; effects.len()];
    let (mut peak, mut sum, mut days) = (0.0_f64, 0.0_f64, 0u32);
    for day in 1..=month.days() {
        let today = MonthDay {
            month: month.month,
            day,
        };
        let mut product = 1.0_f64;
        for (effect, seen) in effects.iter().zip(active_any.iter_mut()) {
            if effect_active(effect, month.year, today) {
                *seen = true;
                let multiplier = if effect.multiplier.is_nan() {
                    1.0
                } else {
                    effect.multiplier.clamp(0.0, MAX_CALENDAR_MULTIPLIER)
                };
                product = (product * multiplier).min(MAX_CALENDAR_MULTIPLIER);
            }
        }
        peak = peak.max(product);
        sum += product;
        days += 1;
    }
    if days == 0 {
        return MonthMultipliers {
            peak: 1.0,
            average: 1.0,
            active: Vec::new(),
        };
    }
    MonthMultipliers {
        peak,
        // The mean never exceeds the maximum; `min` removes the last bit of rounding.
        average: (sum / f64::from(days)).min(peak),
        active: effects
            .iter()
            .zip(&active_any)
            .filter(|(_, seen)| **seen)
            .map(|(effect, _)| effect.name.clone())
            .collect(),
    }
}

fn effect_active(effect: &CalendarEffect, year: i32, day: MonthDay) -> bool {
    if effect.year.is_some_and(|y| y != year) {
        return false;
    }
    if effect.from <= effect.to {
        effect.from <= day && day <= effect.to
    } else {
        day >= effect.from || day <= effect.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::testing::{close, ym};
    use crate::tolerance::EXACT;

    fn effect(name: &str, from: (u32, u32), to: (u32, u32), multiplier: f64) -> CalendarEffect {
        CalendarEffect::every_year(name, from, to, multiplier)
    }

    /// The Selextract guide's seasons.
    fn seasons() -> Vec<CalendarEffect> {
        vec![
            effect("Black Friday", (11, 20), (11, 30), 3.0),
            effect("Year End", (12, 15), (12, 31), 2.0),
            effect("Summer Vacation", (7, 1), (7, 31), 0.7),
        ]
    }

    #[test]
    fn calendar_seasons_from_the_selextract_guide() {
        let november = calendar_multipliers(&seasons(), ym(2027, 11));
        assert_eq!(november.peak, 3.0);
        close(november.average, (19.0 + 11.0 * 3.0) / 30.0, EXACT); // 1.7333
        assert_eq!(november.active, ["Black Friday"]);

        let july = calendar_multipliers(&seasons(), ym(2027, 7));
        close(july.peak, 0.7, EXACT);
        close(july.average, 0.7, EXACT);

        let december = calendar_multipliers(&seasons(), ym(2027, 12));
        assert_eq!(december.peak, 2.0);
        close(december.average, (14.0 + 17.0 * 2.0) / 31.0, EXACT);
        assert_eq!(december.active, ["Year End"]);

        let march = calendar_multipliers(&seasons(), ym(2027, 3));
        assert_eq!((march.peak, march.average), (1.0, 1.0));
        assert!(march.active.is_empty());
    }

    #[test]
    fn calendar_periods_wrap_over_new_year_and_overlaps_multiply() {
        let holidays = [effect("Holidays", (12, 20), (1, 10), 1.5)];
        let january = calendar_multipliers(&holidays, ym(2028, 1));
        assert_eq!(january.peak, 1.5);
        close(january.average, (10.0 * 1.5 + 21.0) / 31.0, EXACT);
        let december = calendar_multipliers(&holidays, ym(2027, 12));
        close(december.average, (19.0 + 12.0 * 1.5) / 31.0, EXACT);

        let overlapping = [
            effect("Year End", (12, 15), (12, 31), 2.0),
            holidays[0].clone(),
        ];
        let december = calendar_multipliers(&overlapping, ym(2027, 12));
        assert_eq!(december.peak, 3.0); // 2.0 × 1.5 from 20 December
        assert_eq!(december.active, ["Year End", "Holidays"]);
    }

    #[test]
    fn calendar_years_and_leap_days() {
        let mut launch = effect("Launch", (3, 1), (3, 31), 4.0);
        launch.year = Some(2028);
        assert_eq!(
            calendar_multipliers(&[launch.clone()], ym(2027, 3)).peak,
            1.0
        );
        assert_eq!(calendar_multipliers(&[launch], ym(2028, 3)).peak, 4.0);

        let leap_day = [effect("Leap day", (2, 29), (2, 29), 2.0)];
        assert_eq!(calendar_multipliers(&leap_day, ym(2027, 2)).peak, 1.0);
        let leap = calendar_multipliers(&leap_day, ym(2028, 2));
        assert_eq!(leap.peak, 2.0);
        close(leap.average, 30.0 / 29.0, EXACT);
    }

    #[test]
    fn calendar_multipliers_survive_nonsense() {
        let nonsense = [
            effect("NaN", (1, 1), (12, 31), f64::NAN),
            effect("Infinite", (1, 1), (12, 31), f64::INFINITY),
            effect("Negative", (5, 1), (5, 31), -2.0),
        ];
        let june = calendar_multipliers(&nonsense, ym(2027, 6));
        assert_eq!(june.peak, MAX_CALENDAR_MULTIPLIER);
        let may = calendar_multipliers(&nonsense, ym(2027, 5));
        assert_eq!((may.peak, may.average), (0.0, 0.0));
        // A month outside 1–12 is read as the calendar month it lands on.
        let odd = calendar_multipliers(&seasons(), ym(2026, 23));
        assert_eq!(odd.peak, 3.0);
    }
}
