//! GPU voice nodes: how many nodes one month's voice demand needs, and which rule sets them.
//!
//! Two rules, the larger binds (docs/models.md "GPU voice nodes"):
//!
//! ```text
//! busiest-hour sessions   S = units × sessions per unit per day × peak-hour share
//! concurrency rule        concurrent sessions = S × session minutes ÷ 60        (Little's law)
//!                         nodes = ⌈concurrent sessions ÷ sessions per node⌉
//! queueing rule (M/M/c)   λ = S × interactions per session ÷ 3 600 s
//!                         A = λ × GPU seconds per interaction                    (erlangs)
//!                         c = fewest streams whose chosen wait percentile meets the target
//!                         nodes = ⌈c ÷ streams per node⌉
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
use crate::plan::{GpuNode, Policies, VoiceDemand, YearMonth};
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

/// What the voice queue must achieve: the policy's percentile of requests waits no longer
/// than its target.
fn voice_wait_target(policies: &Policies) -> queueing::WaitTarget {
    queueing::WaitTarget::Quantile {
        quantile: policies.voice.percentile_pct / 100.0,
        max_wait_s: policies.voice.wait_target_s,
    }
}

/// The approximation for large voice loads, prepared for the plan's wait target the first time
/// a month needs it (one per scenario run).
pub(crate) type LargeLoadSizer =
    OnceCell<Result<queueing::HalfinWhittSizer, queueing::QueueingError>>;

/// GPU voice nodes for `units` (peak-adjusted) demand units.
///
/// Two rules, the larger binds (docs/models.md "GPU voice nodes"; see the module doc):
/// - concurrency (the café pilot guide): concurrent sessions = sessions in the busiest hour ×
///   session minutes ÷ 60 (Little's law); nodes = ⌈concurrent ÷ sessions per node⌉;
/// - queueing (Erlang C, M/M/c): interactions arrive at λ = busiest-hour sessions ×
///   interactions per session ÷ 3 600 per second and each takes the GPU time; the smallest
///   number of streams c whose chosen wait percentile meets the target, nodes = ⌈c ÷ streams
///   per node⌉.
pub(crate) fn size_voice(
    voice: &VoiceDemand,
    node: &GpuNode,
    policies: &Policies,
    large_load_sizer: &LargeLoadSizer,
    units: f64,
) -> VoiceSizing {
    let busiest_hour_sessions =
        units * voice.sessions_per_unit_per_day * (voice.peak_hour_share_pct / 100.0);
    let concurrent_sessions = busiest_hour_sessions * voice.session_minutes / 60.0;
    let nodes_by_concurrency =
        sizing::ceil_count(concurrent_sessions / f64::from(node.sessions_per_node));
    let interactions_per_s = busiest_hour_sessions * voice.interactions_per_session / 3600.0;
    let offered_load_erlangs = interactions_per_s * voice.gpu_seconds_per_interaction;
    let options = queueing::SizingOptions {
        arrival_rate_per_s: interactions_per_s,
        mean_service_time_s: voice.gpu_seconds_per_interaction,
        streams_per_node: node.streams_per_node,
        target: voice_wait_target(policies),
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
                offered_load_erlangs / (policies.target_utilisation_pct / 100.0),
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
        w.wait_quantile_s(policies.voice.percentile_pct / 100.0)
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
