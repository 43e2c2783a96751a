//! GPU voice nodes: how many nodes one month's voice demand needs, and which rule sets them.
//!
//! Two rules, the larger binds (docs/models.md "GPU voice nodes"):
//!
//! ```text
//! busiest-hour sessions   S = units × sessions per unit per day × peak-hour share
//! concurrency rule        concurrent sessions = S × session minutes ÷ 60        (Little's law)
//!   stated concurrency    concurrent sessions = stated today × units ÷ units today
//!                         S = concurrent sessions × 60 ÷ session minutes        (Little's law)
//!                         nodes = ⌈concurrent sessions ÷ sessions per node⌉
//! queueing rule (M/M/c)   λ = S × interactions per session ÷ 3 600 s
//!                         A = λ × GPU seconds per interaction s                  (erlangs)
//!                         c = fewest streams whose chosen wait percentile meets the wait target
//!                         nodes = ⌈c ÷ streams per node⌉
//! wait target             the policy's wait target, or its response target − s:
//!                         P(wait + s ≤ t) = P(wait ≤ t − s), s taken as fixed
//! nodes                   max(concurrency, queueing) + redundancy, at least 1 when units > 0
//! ```
//!
//! The queueing rule's streams come from one of three models ([`QueueModel`]):
//! - Erlang C, searched exactly, up to [`EXACT_QUEUEING_MAX_ERLANGS`] of offered load;
//! - above it, Halfin–Whitt square-root staffing, checked and stepped with the exact Erlang C
//!   wait to the same count the exact search finds, in bounded work;
//! - beyond the queueing model's range, a utilisation cap: c = ⌈A ÷ target utilisation⌉.
//!
//! The wait at the chosen percentile with the nodes run is computed exactly up to
//! [`EXACT_WAIT_MAX_STREAMS`] streams and with the Halfin–Whitt approximation above.
//!
//! Source: docs/models.md "GPU voice nodes" (the café pilot guide's sessions-per-node rule and
//! the Erlang C queueing model; the queueing itself is [`crate::queueing`]). The engine sizes
//! every month's nodes here and prices them; [`VoiceSizing`] is what it keeps.

use crate::growth::MonthMultipliers;
use crate::plan::{GpuNode, Policies, VoiceDemand, VoicePolicy, VoiceTarget, YearMonth};
use crate::queueing;
use crate::sizing;
use serde::Serialize;
use std::cell::OnceCell;

/// GPU voice nodes in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VoiceSizing {
    /// Nodes to run: the larger of the two rules plus redundancy.
    pub nodes: u64,
    /// Nodes by the concurrency rule (sessions per node).
    pub nodes_by_concurrency: u64,
    /// Nodes by the queueing model (Erlang C).
    pub nodes_by_queue: u64,
    /// Streams (M/M/c servers) the queueing model needs.
    pub servers: u64,
    /// How the streams were computed.
    pub queue_model: QueueModel,
    /// Sessions in the busiest hour.
    pub busiest_hour_sessions: f64,
    /// Concurrent sessions at peak (Little's law).
    pub concurrent_sessions: f64,
    /// Voice interactions per second at peak.
    pub interactions_per_s: f64,
    /// Offered load, erlangs.
    pub offered_load_erlangs: f64,
    /// Streams the nodes provide: `nodes × streams per node`.
    pub streams: u64,
    /// The chosen percentile's wait with `nodes`, seconds (`None` without load, when unstable,
    /// or too long to represent; [`VoiceSizing::no_wait_words`] says which).
    pub wait_at_percentile_s: Option<f64>,
    /// Which rule binds.
    pub binding: VoiceBinding,
}

impl VoiceSizing {
    /// Why there is no wait figure, in words: "no load" when no voice interactions arrive,
    /// "unstable" when the offered load fills every stream (A ≥ streams: the queue grows
    /// without bound), "—" otherwise (a wait too long to represent).
    pub fn no_wait_words(&self) -> &'static str {
        if self.interactions_per_s <= 0.0 || self.offered_load_erlangs <= 0.0 {
            "no load"
        } else if self.offered_load_erlangs >= self.streams as f64 {
            "unstable"
        } else {
            "—"
        }
    }
}

/// Which rule sets the GPU voice nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum VoiceBinding {
    /// The wait target (queueing model).
    Queueing,
    /// Sessions per node.
    Concurrency,
    /// No voice demand: the minimum.
    Minimum,
}

impl VoiceBinding {
    /// "queueing", "concurrency" or "minimum".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queueing => "queueing",
            Self::Concurrency => "concurrency",
            Self::Minimum => "minimum",
        }
    }
}

/// How the voice streams were sized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum QueueModel {
    /// Erlang C, searched exactly (offered load up to [`EXACT_QUEUEING_MAX_ERLANGS`]).
    ErlangC,
    /// Square-root staffing with the Halfin–Whitt approximation of Erlang C, checked and
    /// stepped to the smallest count that meets the target by the exact Erlang C wait (larger
    /// loads).
    HalfinWhitt,
    /// Beyond the queueing model's range: streams at the target utilisation.
    UtilisationCap,
}

/// Offered load (erlangs) up to which voice streams are sized with the exact Erlang C search,
/// which takes O(streams) steps per month. Above it, square-root staffing with the
/// Halfin–Whitt approximation ([`queueing::size_servers_halfin_whitt`]) finds a count in
/// O(log streams) steps and a few exact Erlang C evaluations (O(√A) steps each) check it and step
/// to the smallest count that meets the target: the same count as the exact search. This bounds
/// the work of any plan, however large its voice load.
pub const EXACT_QUEUEING_MAX_ERLANGS: f64 = 5_000.0;

/// Streams up to which the wait at the chosen percentile is computed exactly (O(streams)
/// steps); above it, with the Halfin–Whitt approximation (O(1)).
pub const EXACT_WAIT_MAX_STREAMS: u64 = 10_000;

/// Voice sessions in calendar month `calendar` for `units` demand units:
/// units × sessions per unit per day × days in the month × the calendar's average multiplier.
pub(crate) fn sessions_in_month(
    voice: &VoiceDemand,
    units: f64,
    calendar: YearMonth,
    effect: &MonthMultipliers,
) -> f64 {
    units * voice.sessions_per_unit_per_day * f64::from(calendar.days()) * effect.average
}

/// Largest concurrency a stated peak is scaled to: beyond anything the derived rule gives
/// (10¹² units × 1 100 % headroom × a ×100 season × 10⁶ sessions a day, a whole day long), so
/// that a tiny number of units today never makes it overflow.
pub const MAX_CONCURRENT_SESSIONS: f64 = 1e24;

/// The longest wait before processing starts that meets the policy's target, in seconds: its
/// wait target, or for a response-time target the response target less the interaction's own
/// GPU time (docs/models.md "GPU voice nodes").
///
/// The response of an interaction is its wait plus its service, the GPU time s, taken as the
/// fixed figure the plan states: P(response ≤ t) = P(wait + s ≤ t) = P(wait ≤ t − s), so the
/// p-quantile of the response is at most t exactly when the p-quantile of the wait is at most
/// t − s. Validation refuses t < s; below 0 the result is 0 (every interaction at once).
///
/// # Example
/// ```
/// use headroom_core::plan::{VoicePolicy, VoiceTarget};
/// use headroom_core::voice::wait_target_s;
/// let mut policy = VoicePolicy::default();
/// assert_eq!(wait_target_s(&policy, 0.8), 2.0);
/// policy.target = VoiceTarget::Response;
/// policy.response_target_s = 1.5;
/// assert!((wait_target_s(&policy, 0.8) - 0.7).abs() < 1e-12); // p95 response 1.5 s, 0.8 s of it on the GPU
/// ```
pub fn wait_target_s(policy: &VoicePolicy, gpu_seconds_per_interaction: f64) -> f64 {
    match policy.target {
        VoiceTarget::Wait => policy.wait_target_s,
        VoiceTarget::Response => (policy.response_target_s - gpu_seconds_per_interaction).max(0.0),
    }
}

/// What the voice queue must achieve: the policy's percentile of interactions waits no longer
/// than [`wait_target_s`].
fn voice_wait_target(policy: &VoicePolicy, voice: &VoiceDemand) -> queueing::WaitTarget {
    queueing::WaitTarget::Quantile {
        quantile: policy.percentile().get(),
        max_wait_s: wait_target_s(policy, voice.gpu_seconds_per_interaction),
    }
}

/// Sessions in the busiest hour and concurrent sessions at peak for `units` (peak-adjusted)
/// demand units, `units_today` being the baseline's: from the sessions per unit per day, or
/// from today's stated peak concurrency (when above 0) scaled with the units (see the module
/// doc).
fn peak_sessions(voice: &VoiceDemand, units: f64, units_today: f64) -> (f64, f64) {
    let stated = voice.peak_concurrent_sessions;
    // Validation refuses a stated figure without units today.
    if stated > 0.0 && units_today > 0.0 {
        let concurrent = (stated * units / units_today).min(MAX_CONCURRENT_SESSIONS);
        (concurrent * 60.0 / voice.session_minutes, concurrent)
    } else {
        let busiest_hour_sessions =
            units * voice.sessions_per_unit_per_day * voice.peak_hour_share().get();
        (
            busiest_hour_sessions,
            busiest_hour_sessions * voice.session_minutes / 60.0,
        )
    }
}

/// The approximation for large voice loads, prepared for the plan's wait target the first time
/// a month needs it (one per scenario run).
pub(crate) type LargeLoadSizer =
    OnceCell<Result<queueing::HalfinWhittSizer, queueing::QueueingError>>;

/// GPU voice nodes for `units` (peak-adjusted) demand units; `units_today` is the baseline's
/// (a stated peak concurrency grows from it).
///
/// Two rules, the larger binds (docs/models.md "GPU voice nodes"; see the module doc):
/// - concurrency (the café pilot guide): concurrent sessions = sessions in the busiest hour ×
///   session minutes ÷ 60 (Little's law), or today's stated peak × units ÷ units today;
///   nodes = ⌈concurrent ÷ sessions per node⌉;
/// - queueing (Erlang C, M/M/c): interactions arrive at λ = busiest-hour sessions ×
///   interactions per session ÷ 3 600 per second and each takes the GPU time; the smallest
///   number of streams c whose chosen wait percentile meets the wait target (the policy's, or
///   its response target less the GPU time), nodes = ⌈c ÷ streams per node⌉.
pub(crate) fn size_voice(
    voice: &VoiceDemand,
    node: &GpuNode,
    policies: &Policies,
    large_load_sizer: &LargeLoadSizer,
    units: f64,
    units_today: f64,
) -> VoiceSizing {
    let (busiest_hour_sessions, concurrent_sessions) = peak_sessions(voice, units, units_today);
    let nodes_by_concurrency =
        sizing::ceil_count(concurrent_sessions / f64::from(node.sessions_per_node));
    let interactions_per_s = busiest_hour_sessions * voice.interactions_per_session / 3600.0;
    let offered_load_erlangs = interactions_per_s * voice.gpu_seconds_per_interaction;
    let options = queueing::SizingOptions {
        arrival_rate_per_s: interactions_per_s,
        mean_service_time_s: voice.gpu_seconds_per_interaction,
        streams_per_node: node.streams_per_node,
        target: voice_wait_target(&policies.voice, voice),
    };
    // Above the threshold the exact search would take O(streams) steps every month.
    let (queue, model) = if offered_load_erlangs > EXACT_QUEUEING_MAX_ERLANGS {
        (
            (*large_load_sizer.get_or_init(|| queueing::HalfinWhittSizer::new(options.target)))
                .and_then(|sizer| sizer.size(&options)),
            QueueModel::HalfinWhitt,
        )
    } else {
        (queueing::size_servers(&options), QueueModel::ErlangC)
    };
    let (nodes_by_queue, servers, queue_model) = match &queue {
        Ok(q) => (q.nodes, q.servers, model),
        // Beyond the queueing model's range: fall back to a utilisation cap.
        Err(_) => {
            let servers = sizing::ceil_count(
                offered_load_erlangs
                    / sizing::target_utilisation(policies.target_utilisation_pct).get(),
            );
            (
                sizing::ceil_count(servers as f64 / f64::from(node.streams_per_node)),
                servers,
                QueueModel::UtilisationCap,
            )
        }
    };
    let needed = nodes_by_queue.max(nodes_by_concurrency);
    let nodes = needed
        .saturating_add(u64::from(policies.redundancy))
        .max(u64::from(units > 0.0));
    let binding = if needed == 0 {
        VoiceBinding::Minimum
    } else if nodes_by_queue >= nodes_by_concurrency {
        VoiceBinding::Queueing
    } else {
        VoiceBinding::Concurrency
    };
    let streams = nodes.saturating_mul(u64::from(node.streams_per_node));
    let queue = queueing::MmcQueue {
        arrival_rate_per_s: interactions_per_s,
        mean_service_time_s: voice.gpu_seconds_per_interaction,
        servers: streams,
    };
    let wait = if streams <= EXACT_WAIT_MAX_STREAMS {
        queueing::mmc_wait(&queue)
    } else {
        queueing::mmc_wait_halfin_whitt(&queue)
    };
    let wait_at_percentile_s = wait.ok().and_then(|w| {
        w.wait_quantile_s(policies.voice.percentile().get())
            .ok()
            .flatten()
    });
    VoiceSizing {
        nodes,
        nodes_by_concurrency,
        nodes_by_queue,
        servers,
        queue_model,
        busiest_hour_sessions,
        concurrent_sessions,
        interactions_per_s,
        offered_load_erlangs,
        streams,
        wait_at_percentile_s,
        binding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::new_voice_demand;

    #[test]
    fn the_wait_target_is_the_response_target_less_the_gpu_time() {
        let mut policy = VoicePolicy::default();
        assert_eq!(wait_target_s(&policy, 2.5), policy.wait_target_s);
        policy.target = VoiceTarget::Response;
        policy.response_target_s = 4.0;
        assert_eq!(wait_target_s(&policy, 2.5), 1.5);
        assert_eq!(wait_target_s(&policy, 4.0), 0.0);
        // Refused by validation; never a negative wait.
        assert_eq!(wait_target_s(&policy, 5.0), 0.0);
        let voice = VoiceDemand {
            gpu_seconds_per_interaction: 2.5,
            ..new_voice_demand()
        };
        assert_eq!(
            voice_wait_target(&policy, &voice),
            queueing::WaitTarget::Quantile {
                quantile: 0.95,
                max_wait_s: 1.5
            }
        );
    }

    #[test]
    fn a_stated_peak_grows_with_units_and_stays_finite() {
        let voice = VoiceDemand {
            peak_concurrent_sessions: 15.0,
            session_minutes: 5.0,
            ..new_voice_demand()
        };
        // 15 at once for 3 units today; 5 units: 25 at once, 25 × 60 ÷ 5 = 300 an hour.
        assert_eq!(peak_sessions(&voice, 5.0, 3.0), (300.0, 25.0));
        assert_eq!(peak_sessions(&voice, 0.0, 3.0), (0.0, 0.0));
        // A tiny units-today is capped, not infinite.
        let (hour, at_once) = peak_sessions(&voice, 1e15, 5e-324);
        assert_eq!(at_once, MAX_CONCURRENT_SESSIONS);
        assert!(hour.is_finite());
        // Without units today (refused by validation) the derived rule stands in.
        let derived = VoiceDemand {
            peak_concurrent_sessions: 0.0,
            ..voice.clone()
        };
        assert_eq!(
            peak_sessions(&voice, 10.0, 0.0),
            peak_sessions(&derived, 10.0, 0.0)
        );
    }
}
