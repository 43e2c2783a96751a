//! Axes and scales: [`Axis::nice`] chooses an axis's bounds and ticks on 1-2-5 steps
//! ([`nice_step`]); [`LinearScale`] maps values onto pixels and [`MonthScale`] lays months out
//! as equal bands, with hit testing. Values too large or too small to draw are held in range,
//! so an axis is always finite.

use super::bounded;

/// Largest magnitude an axis shows; larger values are clamped (so spans stay finite).
const VALUE_LIMIT: f64 = 1e300;
/// Magnitudes below this count as zero (so steps stay normal floats).
const VALUE_FLOOR: f64 = 1e-250;

/// How an axis is chosen from its values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisOptions {
    /// Most ticks (at least 3: an axis through zero needs −step, 0 and +step).
    pub max_ticks: usize,
    /// Whether the axis reaches zero (amounts: demand, cost, instances).
    pub include_zero: bool,
    /// Whether ticks are whole numbers (counts): the step is at least 1.
    pub integer: bool,
    /// Room left above the largest value, as a share of the span (0.05 = 5 %), so lines do not
    /// run along the top edge.
    pub top_padding: f64,
}

impl Default for AxisOptions {
    fn default() -> Self {
        Self {
            max_ticks: 6,
            include_zero: true,
            integer: false,
            top_padding: 0.0,
        }
    }
}

/// A linear axis with "nice" bounds and ticks: every tick is a multiple of the step, and the
/// step is 1, 2 or 5 × 10ⁿ.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Lower bound (a tick).
    pub min: f64,
    /// Upper bound (a tick), always above `min`.
    pub max: f64,
    /// Distance between ticks.
    pub step: f64,
    /// Tick values from `min` to `max`.
    pub ticks: Vec<f64>,
}

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw`; 1 when `raw` is not a positive finite number.
///
/// # Example
/// ```
/// use headroom_core::chart::nice_step;
/// assert_eq!(nice_step(0.13), 0.2);
/// assert_eq!(nice_step(3.0), 5.0);
/// assert_eq!(nice_step(7.0), 10.0);
/// assert_eq!(nice_step(f64::NAN), 1.0);
/// ```
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let power = 10f64.powi(raw.log10().floor() as i32);
    if !(power.is_finite() && power > 0.0) {
        return 1.0;
    }
    // Float error in log10 can leave `raw / power` just under 1 or at 10.
    let mantissa = raw / power;
    let nice = [1.0, 2.0, 5.0, 10.0, 20.0]
        .into_iter()
        .find(|m| *m >= mantissa * (1.0 - 1e-12))
        .unwrap_or(20.0);
    nice * power
}

/// The next larger 1-2-5 step after `step`.
fn next_step(step: f64) -> f64 {
    nice_step(step * 1.5)
}

impl Axis {
    /// A nice axis covering every finite value of `values` (non-finite values are ignored).
    ///
    /// No values, or only zeros, give 0 to 1. A flat series away from zero is centred when the
    /// axis need not reach zero. At most `max_ticks` ticks.
    ///
    /// # Example
    /// ```
    /// use headroom_core::chart::{Axis, AxisOptions};
    /// let axis = Axis::nice([3.0, 412.0], &AxisOptions::default());
    /// assert_eq!((axis.min, axis.max, axis.step), (0.0, 500.0, 100.0));
    /// assert_eq!(axis.ticks, vec![0.0, 100.0, 200.0, 300.0, 400.0, 500.0]);
    /// ```
    pub fn nice(values: impl IntoIterator<Item = f64>, options: &AxisOptions) -> Axis {
        let clean = |v: f64| {
            let v = bounded(v, -VALUE_LIMIT, VALUE_LIMIT);
            if v.abs() < VALUE_FLOOR {
                0.0
            } else {
                v
            }
        };
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for v in values.into_iter().filter(|v| v.is_finite()).map(clean) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if lo > hi {
            lo = 0.0;
            hi = 0.0;
        }
        if options.include_zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if hi == lo {
            let pad = if hi == 0.0 {
                1.0
            } else if options.integer {
                (hi.abs() * 0.5).max(1.0)
            } else {
                hi.abs() * 0.5
            };
            if options.include_zero && lo >= 0.0 {
                hi += pad;
            } else {
                lo -= pad;
                hi += pad;
            }
        } else if options.top_padding > 0.0 && options.top_padding.is_finite() {
            hi = (hi + (hi - lo) * options.top_padding.min(1.0)).min(VALUE_LIMIT * 2.0);
        }
        let max_ticks = options.max_ticks.max(3);
        let mut step = nice_step((hi - lo) / (max_ticks - 1) as f64);
        if options.integer {
            step = step.max(1.0);
        }
        // Widen the step until the ticks fit (a few rounds at most).
        let mut bounds = Self::bounds(lo, hi, step);
        for _ in 0..8 {
            if bounds.2 < max_ticks {
                break;
            }
            step = next_step(step);
            bounds = Self::bounds(lo, hi, step);
        }
        let (first, last, intervals) = bounds;
        let ticks = (0..=intervals)
            .map(|i| {
                let t = (first + i as f64) * step;
                // No "-0" labels.
                if t == 0.0 {
                    0.0
                } else {
                    t
                }
            })
            .collect();
        Axis {
            min: first * step,
            max: last * step,
            step,
            ticks,
        }
    }

    /// First and last tick index (multiples of `step`) and the number of intervals.
    fn bounds(lo: f64, hi: f64, step: f64) -> (f64, f64, usize) {
        // Slack for float error: 0.30000000000000004 / 0.1 is still 3 steps.
        let first = (lo / step + 1e-9).floor();
        let mut last = (hi / step - 1e-9).ceil();
        if last <= first {
            last = first + 1.0;
        }
        let intervals = bounded(last - first, 1.0, 1e6) as usize;
        (first, last, intervals)
    }
}

/// Maps values of `domain` linearly onto pixels of `range` (which may run downwards, as a y
/// axis does).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    /// Values at the two ends.
    pub domain: (f64, f64),
    /// Pixels at the two ends.
    pub range: (f64, f64),
}

impl LinearScale {
    /// The pixel of `value`: finite always; a value that is not a number maps to the start of
    /// the range (the axis base), a degenerate domain to the middle.
    ///
    /// # Example
    /// ```
    /// use headroom_core::chart::LinearScale;
    /// let y = LinearScale { domain: (0.0, 500.0), range: (200.0, 0.0) };
    /// assert_eq!(y.map(100.0), 160.0);
    /// assert_eq!(y.map(f64::NAN), 200.0);
    /// ```
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if !value.is_finite() {
            return r0;
        }
        let span = d1 - d0;
        let px = if span.is_finite() && span != 0.0 {
            r0 + (value - d0) / span * (r1 - r0)
        } else {
            (r0 + r1) / 2.0
        };
        // Far outside the range is drawn just outside it: SVG stays well-formed.
        let (lo, hi) = (r0.min(r1), r0.max(r1));
        let reach = (hi - lo).max(1.0);
        if px.is_finite() {
            bounded(px, lo - reach, hi + reach)
        } else {
            r0
        }
    }
}

/// Months 1..=`months` as equal bands across `left..right` pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthScale {
    /// Number of months (at least 1).
    pub months: u32,
    /// Left edge of month 1, px.
    pub left: f64,
    /// Right edge of the last month, px.
    pub right: f64,
}

impl MonthScale {
    /// Width of one month, px.
    pub fn band(&self) -> f64 {
        (self.right - self.left).max(0.0) / f64::from(self.months.max(1))
    }

    /// Left edge of `month` (1-based, clamped to the horizon).
    pub fn start(&self, month: u32) -> f64 {
        let m = month.clamp(1, self.months.max(1));
        self.left + f64::from(m - 1) * self.band()
    }

    /// Middle of `month`.
    pub fn center(&self, month: u32) -> f64 {
        self.start(month) + self.band() / 2.0
    }

    /// The month under pixel `x` (clamped to 1..=months; 1 for a non-finite x).
    ///
    /// # Example
    /// ```
    /// use headroom_core::chart::MonthScale;
    /// let x = MonthScale { months: 12, left: 0.0, right: 120.0 };
    /// assert_eq!((x.month_at(5.0), x.month_at(15.0), x.month_at(999.0)), (1, 2, 12));
    /// ```
    pub fn month_at(&self, x: f64) -> u32 {
        let band = self.band();
        if !x.is_finite() || band <= 0.0 {
            return 1;
        }
        let index = ((x - self.left) / band).floor();
        (bounded(index, 0.0, f64::from(self.months.max(1) - 1)) as u32) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::tick_label;

    fn options() -> AxisOptions {
        AxisOptions::default()
    }

    fn assert_axis_sound(axis: &Axis, values: &[f64], options: &AxisOptions) {
        assert!(axis.min.is_finite() && axis.max.is_finite() && axis.step.is_finite());
        assert!(axis.max > axis.min, "{axis:?}");
        assert!(axis.step > 0.0);
        assert!(axis.ticks.len() >= 2, "{axis:?}");
        assert!(axis.ticks.len() <= options.max_ticks.max(3), "{axis:?}");
        for v in values.iter().filter(|v| v.is_finite()) {
            let v = bounded(*v, -VALUE_LIMIT, VALUE_LIMIT);
            let slack = axis.step * 1e-6;
            assert!(
                v >= axis.min - slack && v <= axis.max + slack,
                "{v} outside {axis:?}"
            );
        }
        // 1-2-5 steps.
        let mantissa = axis.step / 10f64.powi(axis.step.log10().floor() as i32);
        assert!(
            [1.0, 2.0, 5.0, 10.0]
                .iter()
                .any(|m| (mantissa - m).abs() < 1e-6),
            "step {} is not 1-2-5",
            axis.step
        );
        for pair in axis.ticks.windows(2) {
            assert!(((pair[1] - pair[0]) - axis.step).abs() <= axis.step * 1e-6);
        }
    }

    #[test]
    fn nice_steps_are_one_two_five() {
        assert_eq!(nice_step(1.0), 1.0);
        assert_eq!(nice_step(1.01), 2.0);
        assert_eq!(nice_step(2.0), 2.0);
        assert_eq!(nice_step(4.9), 5.0);
        assert_eq!(nice_step(5.1), 10.0);
        assert_eq!(nice_step(95.0), 100.0);
        assert_eq!(nice_step(0.0021), 0.005);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(-3.0), 1.0);
        assert_eq!(nice_step(f64::INFINITY), 1.0);
        assert_eq!(next_step(1.0), 2.0);
        assert_eq!(next_step(2.0), 5.0);
        assert_eq!(next_step(5.0), 10.0);
    }

    #[test]
    fn axis_is_zero_based_with_round_ticks() {
        let axis = Axis::nice([120.0, 950.0], &options());
        assert_eq!(axis.min, 0.0);
        assert_eq!(axis.max, 1000.0);
        assert_eq!(axis.step, 200.0);
        assert_eq!(axis.ticks.len(), 6);
    }

    #[test]
    fn axis_without_zero_hugs_the_data() {
        let opts = AxisOptions {
            include_zero: false,
            ..options()
        };
        let axis = Axis::nice([1010.0, 1090.0], &opts);
        assert_eq!((axis.min, axis.max, axis.step), (1000.0, 1100.0, 20.0));
    }

    #[test]
    fn flat_and_empty_series_get_a_usable_axis() {
        let zero = Axis::nice([0.0, 0.0], &options());
        assert_eq!((zero.min, zero.max), (0.0, 1.0));
        let empty = Axis::nice([], &options());
        assert_eq!((empty.min, empty.max), (0.0, 1.0));
        let nothing_finite = Axis::nice([f64::NAN, f64::INFINITY], &options());
        assert_eq!((nothing_finite.min, nothing_finite.max), (0.0, 1.0));
        let flat = Axis::nice([300.0; 12], &options());
        assert_eq!(flat.min, 0.0);
        assert!(flat.max >= 300.0 && flat.max <= 500.0, "{flat:?}");
        let flat_away = Axis::nice(
            [300.0],
            &AxisOptions {
                include_zero: false,
                ..options()
            },
        );
        assert!(
            flat_away.min < 300.0 && flat_away.max > 300.0,
            "{flat_away:?}"
        );
        let one = Axis::nice(
            [1.0],
            &AxisOptions {
                integer: true,
                ..options()
            },
        );
        assert_eq!(one.step, 1.0);
        assert_eq!(one.ticks, vec![0.0, 1.0]);
    }

    #[test]
    fn integer_axes_never_step_below_one() {
        let opts = AxisOptions {
            integer: true,
            ..options()
        };
        let axis = Axis::nice([2.0, 3.0], &opts);
        assert_eq!(axis.step, 1.0);
        assert!(axis.ticks.iter().all(|t| t.fract() == 0.0));
    }

    #[test]
    fn top_padding_leaves_room_above_the_data() {
        let padded = Axis::nice(
            [0.0, 100.0],
            &AxisOptions {
                top_padding: 0.12,
                ..options()
            },
        );
        assert!(padded.max > 100.0, "{padded:?}");
    }

    #[test]
    fn huge_tiny_and_negative_values_stay_finite() {
        let cases: Vec<Vec<f64>> = vec![
            vec![0.0, 1e15],
            vec![0.0, 1e17 * 3.7],
            vec![0.0, f64::MAX],
            vec![f64::MIN, f64::MAX],
            vec![0.0, 1e-9],
            vec![0.0, 3e-7],
            vec![0.0, 5e-324],
            vec![-5.0, 5.0],
            vec![-1e-300, 1e-300],
            vec![123_456_789.0, 123_456_790.0],
            vec![0.1, 0.3],
        ];
        for values in cases {
            for include_zero in [true, false] {
                for integer in [true, false] {
                    for max_ticks in [0, 2, 3, 6, 8] {
                        let opts = AxisOptions {
                            max_ticks,
                            include_zero,
                            integer,
                            top_padding: 0.1,
                        };
                        let axis = Axis::nice(values.iter().copied(), &opts);
                        assert_axis_sound(&axis, &values, &opts);
                        let max_abs = axis.min.abs().max(axis.max.abs());
                        let labels: Vec<String> = axis
                            .ticks
                            .iter()
                            .map(|t| tick_label(*t, axis.step, max_abs, ""))
                            .collect();
                        let mut unique = labels.clone();
                        unique.dedup();
                        assert_eq!(unique, labels, "labels repeat for {values:?}: {labels:?}");
                        assert!(labels
                            .iter()
                            .all(|l| !l.contains("NaN") && !l.contains("inf")));
                    }
                }
            }
        }
    }

    #[test]
    fn linear_scale_maps_and_never_returns_nan() {
        let y = LinearScale {
            domain: (0.0, 1000.0),
            range: (200.0, 20.0),
        };
        assert_eq!(y.map(0.0), 200.0);
        assert_eq!(y.map(1000.0), 20.0);
        assert_eq!(y.map(500.0), 110.0);
        assert_eq!(y.map(f64::INFINITY), 200.0);
        assert!(y.map(1e300).is_finite());
        assert!(y.map(1e300) >= 20.0 - 180.0);
        let flat = LinearScale {
            domain: (5.0, 5.0),
            range: (0.0, 100.0),
        };
        assert_eq!(flat.map(5.0), 50.0);
        let huge = LinearScale {
            domain: (-f64::MAX, f64::MAX),
            range: (0.0, 100.0),
        };
        assert!(huge.map(1.0).is_finite());
    }

    #[test]
    fn month_scale_bands_and_hit_testing() {
        let x = MonthScale {
            months: 4,
            left: 40.0,
            right: 440.0,
        };
        assert_eq!(x.band(), 100.0);
        assert_eq!(x.start(1), 40.0);
        assert_eq!(x.center(2), 190.0);
        assert_eq!(x.center(99), 390.0, "clamped to the last month");
        assert_eq!(x.month_at(39.0), 1);
        assert_eq!(x.month_at(140.0), 2);
        assert_eq!(x.month_at(439.0), 4);
        assert_eq!(x.month_at(f64::NAN), 1);
        let none = MonthScale {
            months: 0,
            left: 0.0,
            right: 100.0,
        };
        assert_eq!(none.band(), 100.0);
        assert_eq!(none.month_at(50.0), 1);
    }
}
