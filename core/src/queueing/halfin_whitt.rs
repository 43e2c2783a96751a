//! Square-root staffing and the Halfin–Whitt limit of Erlang C: `c ≈ A + β√A` as a rule of
//! thumb, and an O(1) approximate wait that sizes large loads quickly, its count then checked
//! with the exact wait (see the [queueing module's documentation](super)).

use super::sizing::{exact_smallest, no_load_sizing};
use super::{
    check_offered_load, offered_load, MmcQueue, MmcWait, QueueingError, ServerSizing,
    SizingOptions, WaitTarget, MAX_SERVERS,
};
use statrs::function::erf::erfc;

/// Upper end of the search for the Halfin–Whitt β: at β = 40 the probability of waiting is below
/// 10⁻³⁴⁰, which underflows an `f64` to 0, so every representable target is met below it.
const HALFIN_WHITT_MAX_BETA: f64 = 40.0;

/// Bisection steps for β: each halves the interval, so 64 steps reach far below `f64` precision
/// on [0, 40].
const HALFIN_WHITT_STEPS: u32 = 64;

/// The square-root staffing rule of thumb, for comparison with [`size_servers`].
///
/// [`size_servers`]: super::size_servers
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SquareRootStaffing {
    /// A, in erlangs.
    pub offered_load_erlangs: f64,
    /// β, the quality-of-service parameter.
    pub beta: f64,
    /// A + β√A before rounding.
    pub exact_servers: f64,
    /// ⌈A + β√A⌉, and at least ⌊A⌋ + 1 (the smallest stable count) when A > 0; 0 when A = 0.
    pub servers: u64,
}

/// Square-root staffing (Halfin–Whitt): `c ≈ A + β√A`.
///
/// The headroom above the load grows with √A, not with A: large fleets run hotter for the same
/// service. Pick β from a target probability of waiting with [`halfin_whitt_beta`].
///
/// # Errors
/// [`QueueingError::OfferedLoad`] for an invalid A, [`QueueingError::Beta`] for a negative or
/// non-finite β, [`QueueingError::TooManyServers`] when the result exceeds [`MAX_SERVERS`].
///
/// # Example
/// ```
/// use headroom_core::queueing::square_root_staffing;
/// let staffing = square_root_staffing(100.0, 1.0).unwrap();
/// assert_eq!(staffing.servers, 110); // 100 + 1 × 10
/// ```
pub fn square_root_staffing(
    offered_load_erlangs: f64,
    beta: f64,
) -> Result<SquareRootStaffing, QueueingError> {
    check_offered_load(offered_load_erlangs)?;
    if !(beta.is_finite() && beta >= 0.0) {
        return Err(QueueingError::Beta);
    }
    let exact_servers = offered_load_erlangs + beta * offered_load_erlangs.sqrt();
    // Never NaN: A and β are finite and ≥ 0 (the sum may overflow to +∞, caught here).
    if exact_servers > MAX_SERVERS as f64 {
        return Err(QueueingError::TooManyServers {
            max_servers: MAX_SERVERS,
        });
    }
    // Both are ≤ 10⁶ here, so the casts are exact.
    let rounded = exact_servers.ceil() as u64;
    let servers = if offered_load_erlangs > 0.0 {
        rounded.max(super::fewest_stable_servers(offered_load_erlangs))
    } else {
        0
    };
    if servers > MAX_SERVERS {
        return Err(QueueingError::TooManyServers {
            max_servers: MAX_SERVERS,
        });
    }
    Ok(SquareRootStaffing {
        offered_load_erlangs,
        beta,
        exact_servers,
        servers,
    })
}

/// The Halfin–Whitt limit of the probability of waiting when `c = A + β√A` and A is large.
///
/// ```text
/// P(wait) ≈ 1 / (1 + β · Φ(β) / φ(β))
/// ```
///
/// with Φ and φ the standard normal distribution and density. It is 1 at β = 0 and falls towards
/// 0 as β grows.
///
/// # Errors
/// [`QueueingError::Beta`] when β is negative, NaN or infinite.
///
/// # Example
/// ```
/// use headroom_core::queueing::halfin_whitt_probability_of_wait;
/// assert_eq!(halfin_whitt_probability_of_wait(0.0).unwrap(), 1.0);
/// let p = halfin_whitt_probability_of_wait(1.0).unwrap();
/// assert!((p - 0.2234).abs() < 1e-4); // 1 / (1 + Φ(1)/φ(1)) = 1 / (1 + 0.8413 / 0.2420)
/// ```
pub fn halfin_whitt_probability_of_wait(beta: f64) -> Result<f64, QueueingError> {
    if !(beta.is_finite() && beta >= 0.0) {
        return Err(QueueingError::Beta);
    }
    Ok(halfin_whitt(beta))
}

/// 1 / (1 + β Φ(β)/φ(β)) for a checked β ≥ 0. Φ/φ = ½ erfc(−β/√2) · √(2π) · e^{β²/2}; the
/// exponential overflowing to +∞ gives 0, never NaN (β = 0 is exact: 0 · finite).
fn halfin_whitt(beta: f64) -> f64 {
    let cdf = 0.5 * erfc(-beta / std::f64::consts::SQRT_2);
    let cdf_over_density = cdf * (2.0 * std::f64::consts::PI).sqrt() * (beta * beta / 2.0).exp();
    let p = 1.0 / (1.0 + beta * cdf_over_density);
    if p.is_nan() {
        0.0
    } else {
        p.clamp(0.0, 1.0)
    }
}

/// The smallest β for which the Halfin–Whitt probability of waiting is at most
/// `max_probability_of_wait`, found by bisection on [0, 40].
///
/// # Errors
/// [`QueueingError::Probability`] unless 0 < `max_probability_of_wait` ≤ 1.
///
/// # Example
/// ```
/// use headroom_core::queueing::{halfin_whitt_beta, square_root_staffing};
/// let beta = halfin_whitt_beta(0.2).unwrap();
/// assert!((beta - 1.0615).abs() < 1e-4);
/// // A = 100 erlangs, at most 20 % waiting: about 111 servers (Erlang C says 111 too).
/// assert_eq!(square_root_staffing(100.0, beta).unwrap().servers, 111);
/// ```
pub fn halfin_whitt_beta(max_probability_of_wait: f64) -> Result<f64, QueueingError> {
    if !(max_probability_of_wait > 0.0 && max_probability_of_wait <= 1.0) {
        return Err(QueueingError::Probability);
    }
    let (mut low, mut high) = (0.0f64, HALFIN_WHITT_MAX_BETA);
    if halfin_whitt(low) <= max_probability_of_wait {
        return Ok(0.0);
    }
    // Invariant: P(low) > target ≥ P(high).
    for _ in 0..HALFIN_WHITT_STEPS {
        let middle = 0.5 * (low + high);
        if halfin_whitt(middle) <= max_probability_of_wait {
            high = middle;
        } else {
            low = middle;
        }
    }
    Ok(high)
}

/// The M/M/c wait for `queue` with Erlang C replaced by its Halfin–Whitt limit: O(1) work
/// instead of the O(c) recursion of [`mmc_wait`], and an excellent approximation for large
/// loads (thousands of erlangs).
///
/// ```text
/// β = (c − A) / √A;  C ≈ 1 / (1 + β Φ(β)/φ(β))  when A < c, else 1;  the rest as mmc_wait
/// ```
///
/// # Errors
/// As [`mmc_wait`], except that any number of servers is accepted.
///
/// # Example
/// ```
/// use headroom_core::queueing::{mmc_wait, mmc_wait_halfin_whitt, MmcQueue};
/// let queue = MmcQueue { arrival_rate_per_s: 5000.0, mean_service_time_s: 1.0, servers: 5100 };
/// let exact = mmc_wait(&queue).unwrap().probability_of_wait;
/// let approx = mmc_wait_halfin_whitt(&queue).unwrap().probability_of_wait;
/// assert!((exact - approx).abs() < 0.01);
/// ```
///
/// [`mmc_wait`]: super::mmc_wait
pub fn mmc_wait_halfin_whitt(queue: &MmcQueue) -> Result<MmcWait, QueueingError> {
    let offered_load_erlangs = offered_load(queue.arrival_rate_per_s, queue.mean_service_time_s)?;
    if queue.servers == 0 {
        return Err(QueueingError::NoServers);
    }
    Ok(approximate_wait(
        queue.servers,
        offered_load_erlangs,
        queue.mean_service_time_s,
    ))
}

/// The Halfin–Whitt wait for checked parts: `servers` ≥ 1, A finite ≥ 0, S finite > 0.
fn approximate_wait(servers: u64, offered_load_erlangs: f64, mean_service_time_s: f64) -> MmcWait {
    let servers_f = servers as f64;
    let probability_of_wait = if offered_load_erlangs >= servers_f {
        1.0
    } else if offered_load_erlangs == 0.0 {
        0.0
    } else {
        halfin_whitt((servers_f - offered_load_erlangs) / offered_load_erlangs.sqrt())
    };
    MmcWait::from_probability(
        servers,
        offered_load_erlangs,
        mean_service_time_s,
        probability_of_wait,
    )
}

/// [`size_servers`] for large loads: the Halfin–Whitt limit of Erlang C (see
/// [`mmc_wait_halfin_whitt`]) finds a count in O(log A) work, then the exact Erlang C wait
/// checks it and steps to the smallest count that meets the target, so the count is the exact
/// search's.
///
/// Square-root staffing with β from [`halfin_whitt_beta`] for the probability of waiting the
/// target allows (1 − p for a p-quantile target, which meets any wait bound) gives a count that
/// meets the target; a bisection between the smallest stable count, ⌊A⌋ + 1, and that count
/// then finds the smallest one whose approximate wait meets it (the quantile target also
/// counts the e^{−(cμ − λ)t} tail, so it needs fewer servers than the bare probability).
///
/// Above a few thousand erlangs the approximation can be a server or more short of a strict
/// target, so that count is then checked with the exact wait (warm-started Erlang B, O(c − A +
/// 10√A) steps): down while one fewer still meets the target, up until one does. A few exact
/// evaluations suffice.
///
/// # Errors
/// As [`size_servers`].
///
/// # Example
/// ```
/// use headroom_core::queueing::{size_servers, size_servers_halfin_whitt, SizingOptions, WaitTarget};
/// let options = SizingOptions {
///     arrival_rate_per_s: 4000.0,
///     mean_service_time_s: 2.5,
///     streams_per_node: 8,
///     target: WaitTarget::Quantile { quantile: 0.95, max_wait_s: 0.1 },
/// };
/// let exact = size_servers(&options).unwrap().servers;
/// let approx = size_servers_halfin_whitt(&options).unwrap().servers;
/// assert_eq!(exact, approx);
/// ```
///
/// [`size_servers`]: super::size_servers
pub fn size_servers_halfin_whitt(options: &SizingOptions) -> Result<ServerSizing, QueueingError> {
    HalfinWhittSizer::new(options.target)?.size(options)
}

/// [`size_servers_halfin_whitt`] prepared for one wait target: β (a 64-step bisection, most of
/// the work) is found once and reused for every load sized against that target, such as every
/// month of a plan.
///
/// ```
/// use headroom_core::queueing::{size_servers, HalfinWhittSizer, SizingOptions, WaitTarget};
/// let target = WaitTarget::Quantile { quantile: 0.95, max_wait_s: 0.1 };
/// let sizer = HalfinWhittSizer::new(target).unwrap();
/// // One sizer, reused across loads, gives the exact Erlang C search's count.
/// for arrival_rate_per_s in [1000.0, 4000.0, 9000.0] {
///     let options = SizingOptions { arrival_rate_per_s, mean_service_time_s: 2.5, streams_per_node: 8, target };
///     let approx = sizer.size(&options).unwrap().servers;
///     let exact = size_servers(&options).unwrap().servers;
///     assert_eq!(exact, approx, "{arrival_rate_per_s}/s");
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HalfinWhittSizer {
    target: WaitTarget,
    beta: f64,
}

impl HalfinWhittSizer {
    /// Prepares sizing against `target`.
    ///
    /// # Errors
    /// [`QueueingError::Probability`] or [`QueueingError::Wait`] for a target out of range.
    pub fn new(target: WaitTarget) -> Result<Self, QueueingError> {
        target.check()?;
        let max_probability = match target {
            WaitTarget::Quantile { quantile, .. } => 1.0 - quantile,
            WaitTarget::ProbabilityOfWait { max_probability } => max_probability,
        };
        Ok(Self {
            target,
            beta: halfin_whitt_beta(max_probability)?,
        })
    }

    /// Sizes `options` as [`size_servers_halfin_whitt`] does. Options with another target than
    /// this sizer's are sized against their own target (β found afresh).
    ///
    /// # Errors
    /// As [`size_servers`].
    ///
    /// [`size_servers`]: super::size_servers
    pub fn size(&self, options: &SizingOptions) -> Result<ServerSizing, QueueingError> {
        if options.target != self.target {
            return Self::new(options.target)?.size(options);
        }
        let offered_load_erlangs =
            offered_load(options.arrival_rate_per_s, options.mean_service_time_s)?;
        if options.streams_per_node == 0 {
            return Err(QueueingError::StreamsPerNode);
        }
        if options.arrival_rate_per_s == 0.0 {
            return Ok(no_load_sizing(options.target));
        }
        let upper = square_root_staffing(offered_load_erlangs, self.beta)?
            .servers
            .max(1);
        let service = options.mean_service_time_s;
        let assess = |servers: u64| {
            let wait = approximate_wait(servers, offered_load_erlangs, service);
            let (met, quantile) = options.target.assess(&wait);
            (met, wait, quantile)
        };
        // A < 10⁶ here (square-root staffing checked it).
        let (mut low, mut high) = (super::fewest_stable_servers(offered_load_erlangs), upper);
        if low > high {
            low = high;
        }
        // Invariant: `high` meets the target (or is the staffing count); every count below
        // `low` does not.
        while low < high {
            let middle = low + (high - low) / 2;
            if assess(middle).0 {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        let found = exact_smallest(high, offered_load_erlangs, service, &options.target)?;
        Ok(ServerSizing::found(found, offered_load_erlangs, options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::testing::probability_target;
    use super::super::{mmc_wait, size_servers};
    use crate::tolerance::{assert_close, REFERENCE};

    #[test]
    fn square_root_staffing_tracks_erlang_c() {
        for (load, max_probability) in [(100.0, 0.2), (1_000.0, 0.1), (5_000.0, 0.05)] {
            let exact = probability_target(load, 1.0, max_probability).servers;
            let beta = halfin_whitt_beta(max_probability).unwrap();
            let rule = square_root_staffing(load, beta).unwrap().servers;
            assert!(
                exact.abs_diff(rule) <= 2,
                "A = {load}: Erlang C {exact}, square-root rule {rule}"
            );
        }
    }

    #[test]
    fn a_prepared_sizer_follows_the_target_of_what_it_sizes() {
        let strict = WaitTarget::ProbabilityOfWait {
            max_probability: 0.01,
        };
        let loose = WaitTarget::Quantile {
            quantile: 0.8,
            max_wait_s: 1.0,
        };
        let sizer = HalfinWhittSizer::new(loose).unwrap();
        let options = |target| SizingOptions {
            arrival_rate_per_s: 4_000.0,
            mean_service_time_s: 2.0,
            streams_per_node: 4,
            target,
        };
        let loose_sizing = sizer.size(&options(loose)).unwrap();
        let strict_sizing = sizer.size(&options(strict)).unwrap();
        assert_eq!(
            strict_sizing,
            HalfinWhittSizer::new(strict)
                .unwrap()
                .size(&options(strict))
                .unwrap()
        );
        assert!(strict_sizing.servers > loose_sizing.servers);
        assert!(strict_sizing.probability_of_wait <= 0.01);
        assert_eq!(
            HalfinWhittSizer::new(WaitTarget::Quantile {
                quantile: 1.2,
                max_wait_s: 1.0
            }),
            Err(QueueingError::Probability)
        );
    }

    /// Above ~5 000 erlangs the Halfin–Whitt count alone can fall a server or more short of a
    /// strict target; the sizer checks its count with the exact Erlang C wait and steps to the
    /// smallest count that meets it, so it matches the exact search server for server.
    #[test]
    fn the_approximate_sizer_returns_the_exact_smallest_count() {
        let targets = [
            WaitTarget::ProbabilityOfWait {
                max_probability: 0.001,
            },
            WaitTarget::ProbabilityOfWait {
                max_probability: 0.01,
            },
            WaitTarget::Quantile {
                quantile: 0.999,
                max_wait_s: 0.0,
            },
            WaitTarget::Quantile {
                quantile: 0.99,
                max_wait_s: 0.001,
            },
            WaitTarget::Quantile {
                quantile: 0.95,
                max_wait_s: 0.01,
            },
        ];
        let mut checked = 0;
        for load in [
            5_000.0, 5_001.5, 7_919.0, 12_345.6, 20_000.0, 33_333.3, 50_000.0,
        ] {
            for target in targets {
                let options = SizingOptions {
                    arrival_rate_per_s: load / 2.0,
                    mean_service_time_s: 2.0,
                    streams_per_node: 8,
                    target,
                };
                let sizing = size_servers_halfin_whitt(&options).unwrap();
                let meets = |servers: u64| {
                    let wait = mmc_wait(&MmcQueue {
                        arrival_rate_per_s: options.arrival_rate_per_s,
                        mean_service_time_s: options.mean_service_time_s,
                        servers,
                    })
                    .unwrap();
                    target.assess(&wait).0
                };
                let c = sizing.servers;
                assert!(
                    meets(c),
                    "A = {load}, {target:?}: {c} servers miss the target"
                );
                assert!(
                    !meets(c - 1),
                    "A = {load}, {target:?}: {} servers already meet the target",
                    c - 1
                );
                assert_eq!(sizing, size_servers(&options).unwrap(), "A = {load}");
                checked += 1;
            }
        }
        assert_eq!(checked, 35);
    }

    #[test]
    fn halfin_whitt_beta_inverts_the_probability() {
        for target in [0.9, 0.5, 0.2, 0.05, 1e-3, 1e-9] {
            let beta = halfin_whitt_beta(target).unwrap();
            let p = halfin_whitt_probability_of_wait(beta).unwrap();
            assert_close(&format!("P(wait) for {target}"), p, target, REFERENCE);
        }
        assert_eq!(halfin_whitt_beta(1.0).unwrap(), 0.0);
        assert!(halfin_whitt_beta(f64::MIN_POSITIVE).unwrap() <= HALFIN_WHITT_MAX_BETA);
        assert_eq!(halfin_whitt_probability_of_wait(1e300).unwrap(), 0.0);
    }

    #[test]
    fn square_root_staffing_edges() {
        assert_eq!(square_root_staffing(0.0, 2.0).unwrap().servers, 0);
        // β = 0 would leave A = c, which is unstable: one more server.
        assert_eq!(square_root_staffing(4.0, 0.0).unwrap().servers, 5);
        assert_eq!(square_root_staffing(4.0, 1.0).unwrap().servers, 6);
    }
}
