//! Traffic and voice: switching the traffic model keeping daily requests, voice defaults.

use crate::plan::{PeakShape, Plan, Traffic, VoiceDemand, VoiceTarget};
use crate::validate::specs;

// ---------------------------------------------------------------------------------------------
// Traffic and voice
// ---------------------------------------------------------------------------------------------

/// How today's traffic is given: the three shapes of [`Traffic`] the baseline offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrafficKind {
    /// Daily requests per unit × a peak-to-average ratio.
    DailyRatio,
    /// Daily requests per unit × the busiest hour's share of the day.
    DailyShare,
    /// A peak measured today, in requests per second.
    PeakRate,
}

impl TrafficKind {
    /// Every shape, in the order the baseline offers them.
    pub const ALL: [TrafficKind; 3] = [
        TrafficKind::DailyRatio,
        TrafficKind::DailyShare,
        TrafficKind::PeakRate,
    ];

    /// The shape `traffic` has.
    pub fn of(traffic: &Traffic) -> TrafficKind {
        match traffic {
            Traffic::DailyVolume {
                peak: PeakShape::PeakToAverage { .. },
                ..
            } => TrafficKind::DailyRatio,
            Traffic::DailyVolume {
                peak: PeakShape::PeakHourShare { .. },
                ..
            } => TrafficKind::DailyShare,
            Traffic::PeakRate { .. } => TrafficKind::PeakRate,
        }
    }

    /// Stable identifier (the choice's value in the page).
    pub fn id(self) -> &'static str {
        match self {
            TrafficKind::DailyRatio => "daily_ratio",
            TrafficKind::DailyShare => "daily_share",
            TrafficKind::PeakRate => "peak_rate",
        }
    }

    /// Name shown to the planner.
    pub fn label(self) -> &'static str {
        match self {
            TrafficKind::DailyRatio => "Daily requests × peak-to-average ratio",
            TrafficKind::DailyShare => "Daily requests × busiest-hour share",
            TrafficKind::PeakRate => "Measured peak today (req/s)",
        }
    }
}

/// Daily requests per unit a new daily shape starts from when the traffic was a measured peak.
pub const DEFAULT_REQUESTS_PER_UNIT_PER_DAY: f64 = 100.0;
/// The peak-to-average ratio a new ratio shape starts from.
pub const DEFAULT_PEAK_TO_AVERAGE: f64 = 3.0;
/// The busiest hour's share a new share shape starts from, in percent (3 × the 4.2 % of an
/// even day).
pub const DEFAULT_PEAK_HOUR_SHARE_PCT: f64 = 12.0;
/// The peak a new measured-peak shape starts from, in requests per second.
pub const DEFAULT_PEAK_RPS: f64 = 50.0;

/// Gives the baseline's traffic the shape `kind` (nothing when it has it already), keeping
/// the daily requests per unit between the two daily shapes; the new shape's other figure
/// starts from its default. Returns whether the plan changed.
pub fn set_traffic_kind(plan: &mut Plan, kind: TrafficKind) -> bool {
    let traffic = &mut plan.baseline.traffic;
    if TrafficKind::of(traffic) == kind {
        return false;
    }
    let daily = match traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            ..
        } => *requests_per_unit_per_day,
        Traffic::PeakRate { .. } => DEFAULT_REQUESTS_PER_UNIT_PER_DAY,
    };
    *traffic = match kind {
        TrafficKind::DailyRatio => Traffic::DailyVolume {
            requests_per_unit_per_day: daily,
            peak: PeakShape::PeakToAverage {
                ratio: DEFAULT_PEAK_TO_AVERAGE,
            },
        },
        TrafficKind::DailyShare => Traffic::DailyVolume {
            requests_per_unit_per_day: daily,
            peak: PeakShape::PeakHourShare {
                share_pct: DEFAULT_PEAK_HOUR_SHARE_PCT,
            },
        },
        TrafficKind::PeakRate => Traffic::PeakRate {
            peak_rps: DEFAULT_PEAK_RPS,
        },
    };
    true
}

/// The voice demand a plan gets when the planner turns voice on: one session per unit a day,
/// 15 % of them in the busiest hour, 4 minutes and 4 interactions a session, 2.5 GPU seconds an
/// interaction (the café pilot guide's order of magnitude; every figure is meant to be changed).
pub fn new_voice_demand() -> VoiceDemand {
    VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 15.0,
        session_minutes: 4.0,
        interactions_per_session: 4.0,
        gpu_seconds_per_interaction: 2.5,
        peak_concurrent_sessions: 0.0,
    }
}

/// Makes the voice policy's target `target` (nothing when it is already), converting the
/// figure so that the sizing stays where it was: a response target is the wait target plus the
/// GPU time per interaction, a wait target the response target less it (docs/models.md "GPU
/// voice nodes"), within the field's range. Without voice, or when the figures give nothing
/// valid to convert, the target's own figure is kept as it was. Returns whether the plan
/// changed.
pub fn set_voice_target(plan: &mut Plan, target: VoiceTarget) -> bool {
    let policy = &mut plan.policies.voice;
    if policy.target == target {
        return false;
    }
    policy.target = target;
    let Some(gpu_s) = plan
        .baseline
        .voice
        .as_ref()
        .map(|v| v.gpu_seconds_per_interaction)
        .filter(|s| specs::GPU_SECONDS.check(*s).is_ok())
    else {
        return true;
    };
    let (converted, spec, figure) = match target {
        VoiceTarget::Response => (
            policy.wait_target_s + gpu_s,
            specs::RESPONSE_TARGET_S,
            &mut policy.response_target_s,
        ),
        VoiceTarget::Wait => (
            policy.response_target_s - gpu_s,
            specs::WAIT_TARGET_S,
            &mut policy.wait_target_s,
        ),
    };
    if converted.is_finite() && converted >= 0.0 {
        *figure = converted.max(spec.min).min(spec.max);
    }
    true
}
