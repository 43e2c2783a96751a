//! Peak rate: a day's request volume as requests per second at the busiest moment, by a
//! peak-to-average ratio or a busy-hour share (docs/models.md "Peak from daily volume").

use crate::plan::PeakShape;

/// Largest peak rate [`peak_rps`] returns, in requests per second.
pub const MAX_RPS: f64 = 1e12;

/// Peak requests per second from a day's request volume (docs/models.md "Peak from daily volume").
///
/// ```text
/// PeakToAverage:  peak = daily ÷ 86 400 × ratio
/// PeakHourShare:  peak = daily × share ÷ 3 600
/// ```
///
/// The result is kept within `[0, MAX_RPS]`; inputs that make no number give 0.
///
/// # Example
/// ```
/// use headroom_core::growth::peak_rps;
/// use headroom_core::plan::PeakShape;
/// // 864 000 requests a day average 10 req/s; a peak-to-average ratio of 3 makes 30.
/// assert_eq!(peak_rps(864_000.0, PeakShape::PeakToAverage { ratio: 3.0 }), 30.0);
/// // 36 000 requests a day with 10 % in the busiest hour: 3 600 in an hour, 1 req/s.
/// assert_eq!(peak_rps(36_000.0, PeakShape::PeakHourShare { share_pct: 10.0 }), 1.0);
/// ```
pub fn peak_rps(daily_requests: f64, shape: PeakShape) -> f64 {
    let rps = match shape {
        PeakShape::PeakToAverage { ratio } => daily_requests / 86_400.0 * ratio,
        PeakShape::PeakHourShare { share_pct } => daily_requests * (share_pct / 100.0) / 3_600.0,
    };
    if rps.is_nan() {
        0.0
    } else {
        rps.clamp(0.0, MAX_RPS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::testing::close;
    use crate::tolerance::EXACT;

    #[test]
    fn peak_rate_from_daily_volume() {
        // 1 000 000 ÷ 86 400 × 3 = 34.722 2…
        close(
            peak_rps(1e6, PeakShape::PeakToAverage { ratio: 3.0 }),
            34.722_222_222,
            EXACT,
        );
        // 1 000 000 × 12 % ÷ 3 600 = 33.333 3…
        close(
            peak_rps(1e6, PeakShape::PeakHourShare { share_pct: 12.0 }),
            33.333_333_333,
            EXACT,
        );
        assert_eq!(
            peak_rps(f64::NAN, PeakShape::PeakToAverage { ratio: 3.0 }),
            0.0
        );
        assert_eq!(
            peak_rps(f64::INFINITY, PeakShape::PeakHourShare { share_pct: 10.0 }),
            MAX_RPS
        );
        assert_eq!(peak_rps(-5.0, PeakShape::PeakToAverage { ratio: 2.0 }), 0.0);
    }
}
