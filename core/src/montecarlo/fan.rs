//! A figure's bands over the months drawn as a fan: the band (P10 to P90 by default) as a
//! shaded area, the median (P50) as a line through it, the percentile sized for as a second
//! line. The page draws one per figure under the bands table (small multiples), each an SVG
//! whose view box is [`WIDTH`] × [`HEIGHT`], stretched to its box.
//!
//! Coordinates are whole numbers of that box (a thousandth of the width, a hundredth of the
//! height: finer than a cell's pixels), so writing them needs no float formatting. The value
//! axis runs from 0 at the bottom to the fan's highest value at the top; month `m` of `n` sits
//! at `(m − 1) / (n − 1)` of the width (a single month spans the whole width). Every value is
//! held within the box: no NaN, ∞ or coordinate outside it, whatever the bands hold.

use super::{Band, Bands, Metric};
use crate::chart::bounded;

/// The view box's width.
pub const WIDTH: u32 = 1000;
/// The view box's height.
pub const HEIGHT: u32 = 100;

/// One figure's fan, as SVG path data.
#[derive(Clone, Debug, PartialEq)]
pub struct Fan {
    /// The band: along its upper percentile, then back along its lower one, closed.
    pub area: String,
    /// The median.
    pub median: String,
    /// The percentile sized for, when the plan names one.
    pub sized: Option<String>,
    /// The fan's highest value, at the top of the box (0 when every value is 0: the lines then
    /// run along the bottom).
    pub top: f64,
    /// The number of months.
    pub months: u32,
}

impl Fan {
    /// The path data of a vertical line at plan month `month` (from 1; held within the
    /// horizon): the month on show.
    pub fn marker(&self, month: u32) -> String {
        let mut d = String::from("M");
        whole(&mut d, x_of(month.max(1) - 1, self.months));
        d.push_str(" 0V100");
        d
    }
}

/// The fan of `metric` in scenario `scenario`, or `None` when the bands have no such scenario
/// or no month.
pub fn fan(bands: &Bands, scenario: usize, metric: Metric) -> Option<Fan> {
    let months: &[Band] = bands.scenarios.get(scenario)?.metrics.get(metric.index())?;
    let n = u32::try_from(months.len()).ok().filter(|&n| n > 0)?;
    let mut top = 0.0_f64;
    for b in months {
        top = top
            .max(finite(b.low))
            .max(finite(b.median))
            .max(finite(b.high))
            .max(finite(b.sized.unwrap_or(0.0)));
    }
    // Every value 0: the lines along the bottom.
    let scale = if top > 0.0 { top } else { 1.0 };
    let line =
        |value: fn(&Band) -> f64, back: bool, d: &mut String| trace(d, months, scale, value, back);
    let mut area = String::new();
    line(|b| b.high, false, &mut area);
    line(|b| b.low, true, &mut area);
    area.push('Z');
    let mut median = String::new();
    line(|b| b.median, false, &mut median);
    let sized = months.iter().all(|b| b.sized.is_some()).then(|| {
        let mut d = String::new();
        line(|b| b.sized.unwrap_or(0.0), false, &mut d);
        d
    });
    Some(Fan {
        area,
        median,
        sized,
        top,
        months: n,
    })
}

/// `v`, or 0 when it is not a finite number.
fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// Appends the line through each month's `value` to `d` (`M x y L x y …`, or only `L`s when
/// `d` has a line already), from the last month back to the first when `back`. A single month
/// spans the whole width.
fn trace(d: &mut String, months: &[Band], scale: f64, value: fn(&Band) -> f64, back: bool) {
    let last = months.len().saturating_sub(1);
    let points = last.max(1) + 1;
    for k in 0..points {
        let i = if back { points - 1 - k } else { k };
        let Some(b) = months.get(i.min(last)) else {
            return;
        };
        let share = bounded(finite(value(b)) / scale, 0.0, 1.0);
        d.push(if d.is_empty() { 'M' } else { 'L' });
        whole(d, x_of(i as u32, points as u32));
        d.push(' ');
        whole(d, HEIGHT - (share * f64::from(HEIGHT)).round() as u32);
    }
}

/// The x of month index `i` (from 0) of `n` months.
fn x_of(i: u32, n: u32) -> u32 {
    if n < 2 {
        return 0;
    }
    let i = i.min(n - 1);
    (u64::from(i) * u64::from(WIDTH) / u64::from(n - 1)) as u32
}

/// Appends `v` in decimal digits.
fn whole(d: &mut String, v: u32) {
    if v >= 10 {
        whole(d, v / 10);
    }
    d.push(char::from(b'0' + (v % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::super::tests::bands_of;
    use super::super::ScenarioBands;
    use super::*;

    fn bands(values: &[[f64; 3]], sized: Option<f64>) -> Bands {
        let metrics = Metric::ALL
            .iter()
            .map(|_| {
                values
                    .iter()
                    .map(|&[low, median, high]| Band {
                        low,
                        median,
                        high,
                        sized,
                    })
                    .collect()
            })
            .collect();
        bands_of(
            vec![ScenarioBands {
                metrics,
                moves: Vec::new(),
            }],
            sized.map(|_| 90.0),
        )
    }

    fn numbers(d: &str) -> Vec<u32> {
        d.split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect()
    }

    #[test]
    fn the_band_runs_along_its_upper_end_and_back_along_its_lower() {
        let b = bands(&[[1.0, 2.0, 4.0], [2.0, 3.0, 8.0], [4.0, 6.0, 10.0]], None);
        let f = fan(&b, 0, Metric::CostPerMonth).unwrap();
        assert_eq!(f.top, 10.0);
        assert_eq!(f.area, "M0 60L500 20L1000 0L1000 60L500 80L0 90Z");
        assert_eq!(f.median, "M0 80L500 70L1000 40");
        assert_eq!(f.sized, None);
        assert_eq!(
            [1, 2, 3, 9].map(|m| f.marker(m)),
            ["M0 0V100", "M500 0V100", "M1000 0V100", "M1000 0V100"]
        );
    }

    #[test]
    fn the_sized_for_line_and_a_single_month_spanning_the_width() {
        let b = bands(&[[2.0, 3.0, 4.0]], Some(5.0));
        let f = fan(&b, 0, Metric::AppInstances).unwrap();
        assert_eq!(f.top, 5.0);
        assert_eq!(f.area, "M0 20L1000 20L1000 60L0 60Z");
        assert_eq!(f.sized.as_deref(), Some("M0 0L1000 0"));
        assert_eq!(f.marker(1), "M0 0V100");
    }

    #[test]
    fn any_values_stay_within_the_box() {
        let nan = f64::NAN;
        for values in [
            vec![[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
            vec![[nan, f64::INFINITY, -5.0], [f64::MAX, f64::MIN, nan]],
            vec![[-1.0, -1.0, -1.0]],
        ] {
            let f = fan(&bands(&values, Some(nan)), 0, Metric::Units).unwrap();
            assert!(f.top.is_finite() && f.top >= 0.0);
            for d in [&f.area, &f.median, f.sized.as_ref().unwrap()] {
                let n = numbers(d);
                assert!(n.chunks(2).all(|p| p[0] <= WIDTH && p[1] <= HEIGHT), "{d}");
            }
        }
        let flat = fan(&bands(&[[0.0; 3], [0.0; 3]], None), 0, Metric::Units).unwrap();
        assert_eq!((flat.top, flat.median.as_str()), (0.0, "M0 100L1000 100"));
        assert_eq!(fan(&bands(&[], None), 0, Metric::Units), None);
        assert_eq!(
            fan(&bands(&[[1.0, 1.0, 1.0]], None), 1, Metric::Units),
            None
        );
    }
}
