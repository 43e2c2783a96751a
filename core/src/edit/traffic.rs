//! Traffic and voice: whose traffic (the baseline's or a scenario's own), its figures,
//! switching the traffic model keeping daily requests, voice defaults.

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

/// The traffic model at `at`: the baseline's (`None`), or scenario `i`'s own (`Some(i)`;
/// `None` when it has none or there is no such scenario).
pub fn traffic_at(plan: &Plan, at: Option<usize>) -> Option<&Traffic> {
    match at {
        None => Some(&plan.baseline.traffic),
        Some(i) => plan.scenarios.get(i)?.traffic.as_ref(),
    }
}

/// [`traffic_at`], to change it.
pub fn traffic_at_mut(plan: &mut Plan, at: Option<usize>) -> Option<&mut Traffic> {
    match at {
        None => Some(&mut plan.baseline.traffic),
        Some(i) => plan.scenarios.get_mut(i)?.traffic.as_mut(),
    }
}

/// One figure of a traffic model, as the page edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrafficFigure {
    /// Daily requests per unit (both daily shapes).
    RequestsPerUnitPerDay,
    /// The peak-to-average ratio.
    PeakToAverage,
    /// The busiest hour's share of the day, in percent.
    PeakHourShare,
    /// The measured peak, in requests per second.
    PeakRps,
}

impl TrafficFigure {
    /// The figure in `traffic`, when its shape has it.
    pub fn of(self, traffic: &Traffic) -> Option<f64> {
        let mut copy = *traffic;
        self.of_mut(&mut copy).map(|v| *v)
    }

    /// The figure in `traffic`, to change it, when its shape has it.
    pub fn of_mut(self, traffic: &mut Traffic) -> Option<&mut f64> {
        match (self, traffic) {
            (
                TrafficFigure::RequestsPerUnitPerDay,
                Traffic::DailyVolume {
                    requests_per_unit_per_day,
                    ..
                },
            ) => Some(requests_per_unit_per_day),
            (
                TrafficFigure::PeakToAverage,
                Traffic::DailyVolume {
                    peak: PeakShape::PeakToAverage { ratio },
                    ..
                },
            ) => Some(ratio),
            (
                TrafficFigure::PeakHourShare,
                Traffic::DailyVolume {
                    peak: PeakShape::PeakHourShare { share_pct },
                    ..
                },
            ) => Some(share_pct),
            (TrafficFigure::PeakRps, Traffic::PeakRate { peak_rps }) => Some(peak_rps),
            _ => None,
        }
    }
}

/// Gives scenario `i` its own traffic model of shape `kind`, starting from the baseline's
/// figures when it had none (see [`set_traffic_kind`]), or (`None`) takes its own away so
/// that it follows the baseline's again. Returns whether the plan changed.
pub fn set_own_traffic(plan: &mut Plan, i: usize, kind: Option<TrafficKind>) -> bool {
    let baseline = plan.baseline.traffic;
    let Some(scenario) = plan.scenarios.get_mut(i) else {
        return false;
    };
    let Some(kind) = kind else {
        return scenario.traffic.take().is_some();
    };
    let copied = scenario.traffic.is_none();
    if copied {
        scenario.traffic = Some(baseline);
    }
    set_traffic_kind(plan, Some(i), kind) || copied
}

/// Gives the traffic at `at` ([`traffic_at`]) the shape `kind` (nothing when it has it already
/// or there is none), keeping the daily requests per unit between the two daily shapes; the
/// new shape's other figure starts from its default. Returns whether the plan changed.
pub fn set_traffic_kind(plan: &mut Plan, at: Option<usize>, kind: TrafficKind) -> bool {
    let Some(traffic) = traffic_at_mut(plan, at) else {
        return false;
    };
    if TrafficKind::of(traffic) == kind {
        return false;
    }
    let daily = TrafficFigure::RequestsPerUnitPerDay
        .of(traffic)
        .unwrap_or(DEFAULT_REQUESTS_PER_UNIT_PER_DAY);
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
