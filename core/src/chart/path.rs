//! SVG path data: coordinates rounded to 0.1 px, written from whole tenths rather than as
//! floats ([`coordinate`], [`PathData`]), and the paths of a series across months: a line, a
//! step line, the area under it, a band between two lines, and bars.

use super::{bounded, MonthScale};
use crate::units::PlanMonth;

/// Writes the decimal digits of `n`.
fn push_digits(out: &mut String, mut n: u64) {
    let mut buffer = [0u8; 20];
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for digit in &buffer[start..] {
        out.push(char::from(*digit));
    }
}

/// Writes `px` rounded to 0.1 px (`12.3`, `-4`, `0` for a non-finite value): tenths of a pixel
/// as an integer, far cheaper to write than a float (a long plan writes thousands of
/// coordinates per keystroke).
fn push_coordinate(out: &mut String, px: f64) {
    let tenths = (px * 10.0).round();
    let tenths = if tenths.is_finite() {
        bounded(tenths, -1e12, 1e12) as i64
    } else {
        0
    };
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    push_digits(out, magnitude / 10);
    if magnitude % 10 != 0 {
        out.push('.');
        push_digits(out, magnitude % 10);
    }
}

/// An SVG coordinate attribute's text (`x1`, `cy`, `width`…), written as path data writes
/// its coordinates: rounded to 0.1 px.
///
/// # Example
/// ```
/// assert_eq!(headroom_core::chart::coordinate(123.456), "123.5");
/// assert_eq!(headroom_core::chart::coordinate(-2.0), "-2");
/// ```
pub fn coordinate(px: f64) -> String {
    let mut out = String::new();
    push_coordinate(&mut out, px);
    out
}

/// Builds SVG path data (`d`) with coordinates rounded to 0.1 px.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathData(String);

impl PathData {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, command: char, values: &[f64]) {
        self.0.push(command);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.0.push(' ');
            }
            push_coordinate(&mut self.0, *v);
        }
    }

    /// Moves to (x, y).
    pub fn move_to(&mut self, x: f64, y: f64) -> &mut Self {
        self.push('M', &[x, y]);
        self
    }

    /// Straight line to (x, y).
    pub fn line_to(&mut self, x: f64, y: f64) -> &mut Self {
        self.push('L', &[x, y]);
        self
    }

    /// Horizontal line to x.
    pub fn horizontal_to(&mut self, x: f64) -> &mut Self {
        self.push('H', &[x]);
        self
    }

    /// Vertical line to y.
    pub fn vertical_to(&mut self, y: f64) -> &mut Self {
        self.push('V', &[y]);
        self
    }

    /// Closes the subpath.
    pub fn close(&mut self) -> &mut Self {
        self.0.push('Z');
        self
    }

    /// The `d` attribute.
    pub fn finish(self) -> String {
        self.0
    }
}

/// A line through the middle of each month, run flat to the plot's edges so that a single
/// month is a visible segment.
///
/// # Example
/// ```
/// use headroom_core::chart::{line_path, MonthScale};
/// let x = MonthScale { months: 2, left: 0.0, right: 100.0 };
/// assert_eq!(line_path(&x, &[10.0, 20.0]), "M0 10L25 10L75 20L100 20");
/// ```
pub fn line_path(x: &MonthScale, ys: &[f64]) -> String {
    let mut d = PathData::new();
    let (Some(first), Some(last)) = (ys.first(), ys.last()) else {
        return String::new();
    };
    d.move_to(x.left, *first);
    for (i, y) in ys.iter().enumerate() {
        d.line_to(x.center(PlanMonth::of_index(i).number()), *y);
    }
    d.line_to(x.right, *last);
    d.finish()
}

/// A step line: flat across each month, vertical between months.
///
/// # Example
/// ```
/// use headroom_core::chart::{step_path, MonthScale};
/// let x = MonthScale { months: 2, left: 0.0, right: 100.0 };
/// assert_eq!(step_path(&x, &[10.0, 20.0]), "M0 10H50V20H100");
/// ```
pub fn step_path(x: &MonthScale, ys: &[f64]) -> String {
    let mut d = PathData::new();
    let Some(first) = ys.first() else {
        return String::new();
    };
    d.move_to(x.left, *first);
    for (i, y) in ys.iter().enumerate() {
        if i > 0 {
            d.vertical_to(*y);
        }
        d.horizontal_to(x.start(PlanMonth::of_index(i).number()) + x.band());
    }
    d.finish()
}

/// The area under a step line down to `base` (the y pixel of zero).
pub fn step_area_path(x: &MonthScale, ys: &[f64], base: f64) -> String {
    if ys.is_empty() {
        return String::new();
    }
    let mut d = step_path(x, ys);
    let mut tail = PathData::new();
    tail.vertical_to(base).horizontal_to(x.left).close();
    d.push_str(&tail.finish());
    d
}

/// The band between two lines through the middle of each month, run flat to the plot's edges
/// as [`line_path`] runs: along `tops` left to right, back along `bottoms` (pixels).
///
/// # Example
/// ```
/// use headroom_core::chart::{band_path, MonthScale};
/// let x = MonthScale { months: 2, left: 0.0, right: 100.0 };
/// assert_eq!(band_path(&x, &[10.0, 20.0], &[30.0, 40.0]), "M0 10L25 10L75 20L100 20L100 40L75 40L25 30L0 30Z");
/// ```
pub fn band_path(x: &MonthScale, tops: &[f64], bottoms: &[f64]) -> String {
    let (Some(first), Some(last)) = (bottoms.first(), bottoms.last()) else {
        return String::new();
    };
    let mut d = line_path(x, tops);
    if d.is_empty() {
        return d;
    }
    let mut back = PathData::new();
    back.line_to(x.right, *last);
    for (i, y) in bottoms.iter().enumerate().rev() {
        back.line_to(x.center(PlanMonth::of_index(i).number()), *y);
    }
    back.line_to(x.left, *first).close();
    d.push_str(&back.finish());
    d
}

/// One rectangle per month from `bottoms[i]` up to `tops[i]` (pixels), `width_share` of the
/// month's band wide and centred in it; months whose rectangle has no height are left out.
///
/// # Example
/// ```
/// use headroom_core::chart::{bars_path, MonthScale};
/// let x = MonthScale { months: 2, left: 0.0, right: 100.0 };
/// assert_eq!(bars_path(&x, &[100.0, 100.0], &[60.0, 100.0], 0.6), "M10 100H40V60H10Z");
/// ```
pub fn bars_path(x: &MonthScale, bottoms: &[f64], tops: &[f64], width_share: f64) -> String {
    let band = x.band();
    let width = band * bounded(width_share, 0.05, 1.0);
    let mut d = PathData::new();
    for (i, (bottom, top)) in bottoms.iter().zip(tops).enumerate() {
        if (bottom - top).abs() < 0.05 {
            continue;
        }
        let left = x.start(PlanMonth::of_index(i).number()) + (band - width) / 2.0;
        d.move_to(left, *bottom)
            .horizontal_to(left + width)
            .vertical_to(*top)
            .horizontal_to(left)
            .close();
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_to_tenths_and_handle_edges() {
        let x = MonthScale {
            months: 3,
            left: 0.0,
            right: 100.0,
        };
        assert_eq!(
            line_path(&x, &[1.0, 2.0, 3.0]),
            "M0 1L16.7 1L50 2L83.3 3L100 3"
        );
        assert_eq!(line_path(&x, &[]), "");
        assert_eq!(step_path(&x, &[]), "");
        assert_eq!(step_area_path(&x, &[], 0.0), "");
        assert_eq!(
            step_area_path(&x, &[5.0, 5.0, 2.0], 10.0),
            "M0 5H33.3V5H66.7V2H100V10H0Z"
        );
        let one = MonthScale {
            months: 1,
            left: 10.0,
            right: 90.0,
        };
        assert_eq!(line_path(&one, &[7.0]), "M10 7L50 7L90 7");
        let mut d = PathData::new();
        d.move_to(f64::NAN, -0.04).line_to(1.25, 2.0);
        assert_eq!(d.finish(), "M0 0L1.3 2");
        let mut negative = PathData::new();
        negative.move_to(-0.5, -1.55).line_to(-12.0, 1e20);
        assert_eq!(negative.finish(), "M-0.5 -1.6L-12 100000000000");
    }
}
