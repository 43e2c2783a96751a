//! Sizing to a wait target: the smallest M/M/c pool, and the nodes that provide it, whose wait
//! quantile or probability of waiting meets the target, by an exact search that carries Erlang
//! B's recursion upwards (see the [queueing module's documentation](super)).

use super::erlang::ErlangBRecursion;
use super::wait::MmcWait;
use super::{offered_load, QueueingError, MAX_SERVERS};

/// What a sized pool must achieve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WaitTarget {
    /// The `quantile` (p, with 0 ≤ p < 1) of the wait is at most `max_wait_s` seconds (≥ 0), e.g.
    /// p95 ≤ 2 s.
    Quantile {
        /// p, e.g. 0.95.
        quantile: f64,
        /// The longest acceptable p-quantile wait, in seconds.
        max_wait_s: f64,
    },
    /// The probability of waiting at all, C, is at most `max_probability` (0 < x ≤ 1).
    ProbabilityOfWait {
        /// x, e.g. 0.1 for "at most 10 % of requests wait".
        max_probability: f64,
    },
}

impl WaitTarget {
    pub(super) fn check(&self) -> Result<(), QueueingError> {
        match *self {
            Self::Quantile {
                quantile,
                max_wait_s,
            } => {
                if !(0.0..1.0).contains(&quantile) {
                    return Err(QueueingError::Probability);
                }
                if !(max_wait_s.is_finite() && max_wait_s >= 0.0) {
                    return Err(QueueingError::Wait);
                }
                Ok(())
            }
            Self::ProbabilityOfWait { max_probability } => {
                if max_probability > 0.0 && max_probability <= 1.0 {
                    Ok(())
                } else {
                    Err(QueueingError::Probability)
                }
            }
        }
    }

    /// Whether `wait` meets the target; also returns the achieved quantile for a quantile target.
    /// The target has been checked.
    pub(super) fn assess(&self, wait: &MmcWait) -> (bool, Option<f64>) {
        match *self {
            Self::Quantile {
                quantile,
                max_wait_s,
            } => {
                let achieved = wait.wait_quantile_s(quantile).ok().flatten();
                (achieved.is_some_and(|t| t <= max_wait_s), achieved)
            }
            Self::ProbabilityOfWait { max_probability } => (
                wait.is_stable() && wait.probability_of_wait <= max_probability,
                None,
            ),
        }
    }
}

/// Inputs to [`size_servers`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizingOptions {
    /// λ, requests per second (≥ 0).
    pub arrival_rate_per_s: f64,
    /// S, mean time one request holds a server, in seconds (> 0).
    pub mean_service_time_s: f64,
    /// k, servers (concurrent streams) one node provides (≥ 1). Use 1 when a node is a server.
    pub streams_per_node: u32,
    /// What the pool must achieve.
    pub target: WaitTarget,
}

/// The smallest pool meeting a [`WaitTarget`], with its figures.
///
/// The figures are those of exactly `servers` servers. The nodes provide `nodes × k ≥ servers`
/// streams, so a fleet using all of them does at least as well.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerSizing {
    /// c, the smallest number of servers meeting the target.
    pub servers: u64,
    /// ⌈c / k⌉ nodes of k streams each.
    pub nodes: u64,
    /// A = λ·S, in erlangs.
    pub offered_load_erlangs: f64,
    /// ρ = A / c (0 when c = 0).
    pub utilisation: f64,
    /// C, the probability that a request waits at all.
    pub probability_of_wait: f64,
    /// `E[Wq]` in seconds; `None` only if too long for an `f64`.
    pub mean_wait_s: Option<f64>,
    /// The achieved p-quantile of the wait in seconds, for a [`WaitTarget::Quantile`] target;
    /// `None` for [`WaitTarget::ProbabilityOfWait`].
    pub wait_quantile_s: Option<f64>,
}

/// The smallest number of M/M/c servers, and of nodes of `streams_per_node` servers, that meets
/// `options.target`.
///
/// ```text
/// A = λ·S
/// c = min { c ≥ ⌊A⌋ + 1 : t_p(c) ≤ max_wait_s }     (quantile target)
/// c = min { c ≥ ⌊A⌋ + 1 : C(c, A) ≤ max_probability }  (probability-of-waiting target)
/// nodes = ⌈c / k⌉
/// ```
///
/// Both conditions only get easier as `c` grows, so the search starts at the smallest stable
/// count, ⌊A⌋ + 1, and walks up, carrying the Erlang B recursion: O(c) work in total.
///
/// No load is handled without dividing by zero: λ = 0 needs 0 servers and 0 nodes, with
/// utilisation, C and every wait 0. Any λ > 0 needs at least one server, even when λ·S underflows
/// to 0.
///
/// # Errors
/// [`QueueingError::ArrivalRate`], [`QueueingError::ServiceTime`] or
/// [`QueueingError::OfferedLoad`] for invalid λ, S or λ·S; [`QueueingError::StreamsPerNode`] when
/// k = 0; [`QueueingError::Probability`] when p is not in [0, 1) or `max_probability` not in
/// (0, 1]; [`QueueingError::Wait`] when `max_wait_s` is negative or not finite;
/// [`QueueingError::TooManyServers`] when more than [`MAX_SERVERS`] servers would be needed.
///
/// # Example
/// ```
/// use headroom_core::queueing::{size_servers, SizingOptions, WaitTarget};
/// // 2.5 erlangs; at most 10 % of requests may wait.
/// let sizing = size_servers(&SizingOptions {
///     arrival_rate_per_s: 2.5,
///     mean_service_time_s: 1.0,
///     streams_per_node: 4,
///     target: WaitTarget::ProbabilityOfWait { max_probability: 0.1 },
/// })
/// .unwrap();
/// assert_eq!(sizing.servers, 6);
/// assert_eq!(sizing.nodes, 2); // ⌈6 / 4⌉
/// ```
pub fn size_servers(options: &SizingOptions) -> Result<ServerSizing, QueueingError> {
    let offered_load_erlangs =
        offered_load(options.arrival_rate_per_s, options.mean_service_time_s)?;
    if options.streams_per_node == 0 {
        return Err(QueueingError::StreamsPerNode);
    }
    options.target.check()?;
    if options.arrival_rate_per_s == 0.0 {
        return Ok(no_load_sizing(options.target));
    }
    let too_many = QueueingError::TooManyServers {
        max_servers: MAX_SERVERS,
    };
    if offered_load_erlangs >= MAX_SERVERS as f64 {
        return Err(too_many);
    }
    // A < 10⁶ here.
    let first = super::fewest_stable_servers(offered_load_erlangs);
    let found = first_meeting(
        first,
        offered_load_erlangs,
        options.mean_service_time_s,
        &options.target,
    )?;
    Ok(ServerSizing::found(found, offered_load_erlangs, options))
}

/// What [`size_servers`] returns for no arrivals.
pub(super) fn no_load_sizing(target: WaitTarget) -> ServerSizing {
    ServerSizing {
        servers: 0,
        nodes: 0,
        offered_load_erlangs: 0.0,
        utilisation: 0.0,
        probability_of_wait: 0.0,
        mean_wait_s: Some(0.0),
        wait_quantile_s: match target {
            WaitTarget::Quantile { .. } => Some(0.0),
            WaitTarget::ProbabilityOfWait { .. } => None,
        },
    }
}

impl ServerSizing {
    /// The sizing of a count found by a search (`(c, its wait, its wait quantile)`), in nodes
    /// of `options.streams_per_node` streams.
    pub(super) fn found(
        (servers, wait, wait_quantile_s): (u64, MmcWait, Option<f64>),
        offered_load_erlangs: f64,
        options: &SizingOptions,
    ) -> Self {
        ServerSizing {
            servers,
            nodes: servers.div_ceil(u64::from(options.streams_per_node)),
            offered_load_erlangs,
            utilisation: wait.utilisation,
            probability_of_wait: wait.probability_of_wait,
            mean_wait_s: wait.mean_wait_s,
            wait_quantile_s,
        }
    }
}

/// Servers below the approximate count at which [`exact_smallest`] starts checking exactly.
const EXACT_CHECK_MARGIN: u64 = 2;

/// Checks an approximate count `guess` with the exact Erlang C wait and returns the smallest
/// count that meets `target` exactly. The recursion is carried, without evaluating, up to
/// `guess` − [`EXACT_CHECK_MARGIN`] (or the smallest stable count), and counts are evaluated
/// from there up until one meets the target; both conditions only get easier as `c` grows, so
/// when the first count evaluated fails every smaller one does too. Only when the first count
/// evaluated already meets the target (the approximation over-sized by more than the margin)
/// is the search redone from the smallest stable count. The approximation lands within a
/// server or two, so this is one O(c − A + 10√A) walk of the warm-started recursion plus a few
/// evaluations; the count and its figures are those of the exact search ([`size_servers`]),
/// to the last bit, because the recursion takes the same steps.
///
/// Parts are checked: A finite with 0 < A < [`MAX_SERVERS`], S finite > 0, the target checked.
pub(super) fn exact_smallest(
    guess: u64,
    offered_load_erlangs: f64,
    mean_service_time_s: f64,
    target: &WaitTarget,
) -> Result<(u64, MmcWait, Option<f64>), QueueingError> {
    // A < 10⁶ here.
    let first = super::fewest_stable_servers(offered_load_erlangs);
    let start = guess
        .saturating_sub(EXACT_CHECK_MARGIN)
        .clamp(first, MAX_SERVERS);
    let found = first_meeting(start, offered_load_erlangs, mean_service_time_s, target)?;
    if found.0 > start || start == first {
        return Ok(found);
    }
    first_meeting(first, offered_load_erlangs, mean_service_time_s, target)
}

/// The first count from `from` (≥ 1) up that meets `target` exactly, with its wait and achieved
/// quantile: the recursion walks from [`ErlangBRecursion::near_load`] to `from` − 1 and then
/// evaluates every count, as [`size_servers`] does.
fn first_meeting(
    from: u64,
    offered_load_erlangs: f64,
    mean_service_time_s: f64,
    target: &WaitTarget,
) -> Result<(u64, MmcWait, Option<f64>), QueueingError> {
    let mut recursion = ErlangBRecursion::at(offered_load_erlangs, from.saturating_sub(1));
    while recursion.servers < MAX_SERVERS {
        recursion.step();
        let servers = recursion.servers;
        let wait = MmcWait::from_parts(
            servers,
            offered_load_erlangs,
            mean_service_time_s,
            recursion.blocking(),
        );
        let (met, quantile) = target.assess(&wait);
        if met {
            return Ok((servers, wait, quantile));
        }
    }
    Err(QueueingError::TooManyServers {
        max_servers: MAX_SERVERS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::erlang::erlang_c;
    use super::super::testing::{close_relative, probability_target, quantile_target};

    // Check values from docs/models.md "Queueing".

    #[test]
    fn check_value_sizing_2_5_erlangs_at_most_10_percent_waiting_needs_6() {
        let sizing = probability_target(2.5, 1.0, 0.1);
        assert_eq!(sizing.servers, 6);
        // 5 servers are not enough: C(5, 2.5) ≈ 0.130 > 0.1.
        assert!(erlang_c(5, 2.5).unwrap() > 0.1);
        assert!(sizing.probability_of_wait <= 0.1);
    }

    #[test]
    fn quantile_sizing_matches_exact_references() {
        // Smallest c with t_p ≤ target, searched upwards from ⌊A⌋ + 1 with the exact C (the
        // Python method of the Erlang references in erlang.rs): (λ, S, p, target) → (c, C, t_p).
        for (rate, service, p, target, servers, c, t_p) in [
            (
                100.0,
                0.05,
                0.95,
                0.01,
                9,
                0.08051034438125906,
                0.005954533404641147,
            ),
            (
                2.0,
                2.5,
                0.95,
                0.5,
                9,
                0.08051034438125906,
                0.29772667023205734,
            ),
            (
                50.0,
                2.0,
                0.99,
                0.1,
                121,
                0.026380699922585574,
                0.09238548440595615,
            ),
        ] {
            let sizing = quantile_target(rate, service, p, target);
            assert_eq!(sizing.servers, servers, "λ = {rate}, S = {service}");
            assert!(close_relative(sizing.probability_of_wait, c));
            assert!(close_relative(sizing.wait_quantile_s.unwrap(), t_p));
        }
    }

    #[test]
    fn a_trickle_of_load_still_needs_one_server() {
        // λ·S underflows to 0 but requests do arrive.
        let sizing = probability_target(1e-200, 1e-200, 0.01);
        assert_eq!(sizing.servers, 1);
        assert_eq!(sizing.nodes, 1);
    }

    #[test]
    fn nodes_round_up_servers() {
        for (streams_per_node, nodes) in [(1, 6), (2, 3), (4, 2), (6, 1), (100, 1)] {
            let sizing = size_servers(&SizingOptions {
                arrival_rate_per_s: 2.5,
                mean_service_time_s: 1.0,
                streams_per_node,
                target: WaitTarget::ProbabilityOfWait {
                    max_probability: 0.1,
                },
            })
            .unwrap();
            assert_eq!(sizing.servers, 6);
            assert_eq!(sizing.nodes, nodes, "k = {streams_per_node}");
        }
    }

    #[test]
    fn large_pools_are_sized_quickly_and_sensibly() {
        // 9 500 erlangs, p99 wait ≤ 50 ms with 1 s service: a few hundred servers of headroom.
        let sizing = quantile_target(9_500.0, 1.0, 0.99, 0.05);
        assert!(
            sizing.servers > 9_500 && sizing.servers < 9_800,
            "{sizing:?}"
        );
        assert!(sizing.utilisation < 1.0);
        assert!(sizing.wait_quantile_s.unwrap() <= 0.05);
    }
}
