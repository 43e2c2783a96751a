//! Queueing maths for pools of identical servers: Erlang B, Erlang C, the M/M/c wait, sizing to a
//! wait target, and the square-root staffing rule as a cross-check.
//!
//! # Model
//!
//! M/M/c (Kleinrock, *Queueing Systems*, vol. 1, 1975, §3.5): requests arrive as a Poisson stream
//! at rate λ (per second), each holds one of `c` identical servers for an exponentially
//! distributed time with mean `S` seconds (μ = 1/S), and requests that find every server busy wait
//! in one first-come, first-served queue. A "server" is whatever serves one request at a time: a
//! worker thread, a database connection, one stream on a GPU node.
//!
//! ```text
//! offered load      A = λ·S                       (erlangs: mean busy servers)
//! utilisation       ρ = A / c
//! Erlang B          invB₀ = 1;  invBⱼ = 1 + invBⱼ₋₁ · j / A  (j = 1..=c);  B = 1 / invB_c
//! Erlang C          C = B / (1 − ρ(1 − B))        if A < c, else 1 (the queue grows without bound)
//! spare capacity    cμ − λ = (c − A) / S          (per second)
//! mean wait         E[Wq] = C / (cμ − λ)
//! wait tail         P(Wq > t) = C · e^{−(cμ − λ)t}
//! p-quantile        t_p = max(0, ln(C / (1 − p)) / (cμ − λ))
//! ```
//!
//! Erlang B is the loss formula of Erlang (1917); Erlang C follows from it. Both are computed with
//! the recursion above rather than the factorial formula, so thousands of servers never overflow:
//! every step stays within `f64`, and when `invB` does overflow to +∞ the blocking probability it
//! stands for is below 10⁻³⁰⁸, which is reported as 0. The spare capacity is computed as
//! `(c − A) / S`, which equals `cμ − λ` but avoids cancelling two large numbers.
//!
//! Sizing picks the smallest `c` meeting a target: the p-quantile of the wait, or the probability
//! of waiting at all. Both fall as `c` grows, so the search starts at the smallest stable count,
//! ⌊A⌋ + 1, and walks up carrying the Erlang B recursion along, which costs O(c) in total. It gives
//! up past [`MAX_SERVERS`].
//!
//! Square-root staffing (Halfin and Whitt, "Heavy-traffic limits for queues with many exponential
//! servers", *Operations Research* 29, 1981), `c ≈ A + β√A`, is a cross-check: large fleets need
//! proportionally less headroom than a flat utilisation cap. See also docs/models.md "Queueing".
//!
//! # Failure and edge cases
//!
//! No function here panics or returns NaN or ±∞. Invalid inputs (negative, NaN or infinite rates
//! and times, probabilities out of range) give a [`QueueingError`]. A wait that is unbounded
//! because the queue is unstable (A ≥ c), or too long to represent in an `f64`, is `None`.

mod erlang;
mod wait;

#[cfg(test)]
mod testing;

pub use erlang::{erlang_b, erlang_c};
pub use wait::{mmc_wait, MmcQueue, MmcWait};

use std::fmt;

use erlang::ErlangBRecursion;
use statrs::function::erf::erfc;

/// The largest server count any function here evaluates or returns.
///
/// Evaluating Erlang B for `c` servers takes `c` steps, so the bound keeps every call fast (a
/// million steps is a few milliseconds). Beyond it, [`QueueingError::TooManyServers`].
pub const MAX_SERVERS: u64 = 1_000_000;

/// Upper end of the search for the Halfin–Whitt β: at β = 40 the probability of waiting is below
/// 10⁻³⁴⁰, which underflows an `f64` to 0, so every representable target is met below it.
const HALFIN_WHITT_MAX_BETA: f64 = 40.0;

/// Bisection steps for β: each halves the interval, so 64 steps reach far below `f64` precision
/// on [0, 40].
const HALFIN_WHITT_STEPS: u32 = 64;

/// Why a queueing computation was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum QueueingError {
    /// The arrival rate is negative, NaN or infinite.
    ArrivalRate,
    /// The mean service time is zero, negative, NaN or infinite.
    ServiceTime,
    /// The offered load is negative, NaN or infinite (given directly, or λ·S overflowed).
    OfferedLoad,
    /// A queue was described with no servers.
    NoServers,
    /// A probability or quantile is NaN or outside its documented range.
    Probability,
    /// A wait (in seconds) is negative, NaN or infinite.
    Wait,
    /// Nodes were described as serving no streams.
    StreamsPerNode,
    /// The square-root staffing β is negative, NaN or infinite.
    Beta,
    /// More servers than [`MAX_SERVERS`] would be needed or were given.
    TooManyServers {
        /// The bound that was exceeded, [`MAX_SERVERS`].
        max_servers: u64,
    },
}

impl fmt::Display for QueueingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ArrivalRate => write!(f, "the arrival rate must be a finite number ≥ 0"),
            Self::ServiceTime => write!(f, "the mean service time must be a finite number > 0"),
            Self::OfferedLoad => write!(f, "the offered load must be a finite number ≥ 0"),
            Self::NoServers => write!(f, "a queue needs at least one server"),
            Self::Probability => write!(f, "the probability is outside its allowed range"),
            Self::Wait => write!(f, "the wait must be a finite number of seconds ≥ 0"),
            Self::StreamsPerNode => write!(f, "each node must serve at least one stream"),
            Self::Beta => write!(f, "β must be a finite number ≥ 0"),
            Self::TooManyServers { max_servers } => {
                write!(f, "more than {max_servers} servers would be needed")
            }
        }
    }
}

impl std::error::Error for QueueingError {}

fn check_offered_load(offered_load_erlangs: f64) -> Result<(), QueueingError> {
    if offered_load_erlangs.is_finite() && offered_load_erlangs >= 0.0 {
        Ok(())
    } else {
        Err(QueueingError::OfferedLoad)
    }
}

fn check_server_count(servers: u64) -> Result<(), QueueingError> {
    if servers > MAX_SERVERS {
        Err(QueueingError::TooManyServers {
            max_servers: MAX_SERVERS,
        })
    } else {
        Ok(())
    }
}

/// Checks λ and S and returns the offered load A = λ·S.
fn offered_load(arrival_rate_per_s: f64, mean_service_time_s: f64) -> Result<f64, QueueingError> {
    if !(arrival_rate_per_s.is_finite() && arrival_rate_per_s >= 0.0) {
        return Err(QueueingError::ArrivalRate);
    }
    if !(mean_service_time_s.is_finite() && mean_service_time_s > 0.0) {
        return Err(QueueingError::ServiceTime);
    }
    let offered_load_erlangs = arrival_rate_per_s * mean_service_time_s;
    check_offered_load(offered_load_erlangs)?;
    Ok(offered_load_erlangs)
}

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
    fn check(&self) -> Result<(), QueueingError> {
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
    fn assess(&self, wait: &MmcWait) -> (bool, Option<f64>) {
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
    // A < 10⁶, so the cast is exact.
    let first = offered_load_erlangs.floor() as u64 + 1;
    let found = first_meeting(
        first,
        offered_load_erlangs,
        options.mean_service_time_s,
        &options.target,
    )?;
    Ok(ServerSizing::found(found, offered_load_erlangs, options))
}

/// The square-root staffing rule of thumb, for comparison with [`size_servers`].
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
        rounded.max(offered_load_erlangs.floor() as u64 + 1)
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

/// What [`size_servers`] returns for no arrivals.
fn no_load_sizing(target: WaitTarget) -> ServerSizing {
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
        // A < 10⁶ here (square-root staffing checked it), so the cast is exact.
        let (mut low, mut high) = (offered_load_erlangs.floor() as u64 + 1, upper);
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

impl ServerSizing {
    /// The sizing of a count found by a search (`(c, its wait, its wait quantile)`), in nodes
    /// of `options.streams_per_node` streams.
    fn found(
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
fn exact_smallest(
    guess: u64,
    offered_load_erlangs: f64,
    mean_service_time_s: f64,
    target: &WaitTarget,
) -> Result<(u64, MmcWait, Option<f64>), QueueingError> {
    // A < 10⁶, so the cast is exact; no count below ⌊A⌋ + 1 is stable.
    let first = offered_load_erlangs.floor() as u64 + 1;
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
    let mut recursion = ErlangBRecursion::near_load(offered_load_erlangs);
    if recursion.servers >= from {
        recursion = ErlangBRecursion::new(offered_load_erlangs);
    }
    while recursion.servers + 1 < from {
        recursion.step();
    }
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

    use super::testing::{close_relative, probability_target, quantile_target, queue};
    use crate::tolerance::{assert_close, REFERENCE};

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
        // Smallest c with t_p ≤ target, searched upwards from ⌊A⌋ + 1 with the exact C above
        // (same Python method): (λ, S, p, target) → (c, C, t_p).
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

    // Edge cases.

    #[test]
    fn no_load_means_no_wait_and_no_servers() {
        assert_eq!(erlang_b(0, 0.0).unwrap(), 1.0);
        assert_eq!(erlang_b(5, 0.0).unwrap(), 0.0);
        assert_eq!(erlang_c(5, 0.0).unwrap(), 0.0);
        let wait = queue(0.0, 1.0, 1);
        assert_eq!(wait.mean_wait_s, Some(0.0));
        assert_eq!(wait.wait_quantile_s(0.99).unwrap(), Some(0.0));

        let sizing = quantile_target(0.0, 1.0, 0.95, 0.0);
        assert_eq!((sizing.servers, sizing.nodes), (0, 0));
        assert_eq!(sizing.utilisation, 0.0);
        assert_eq!(sizing.wait_quantile_s, Some(0.0));
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

    #[test]
    fn the_server_bound_is_reported_not_exceeded() {
        let too_many = QueueingError::TooManyServers {
            max_servers: MAX_SERVERS,
        };
        assert_eq!(erlang_b(MAX_SERVERS + 1, 1.0), Err(too_many));
        assert_eq!(erlang_c(u64::MAX, 1.0), Err(too_many));
        let options = SizingOptions {
            arrival_rate_per_s: 2e6,
            mean_service_time_s: 1.0,
            streams_per_node: 1,
            target: WaitTarget::ProbabilityOfWait {
                max_probability: 0.5,
            },
        };
        assert_eq!(size_servers(&options).map(|s| s.servers), Err(too_many));
        assert_eq!(
            square_root_staffing(2e6, 1.0).map(|s| s.servers),
            Err(too_many)
        );
    }

    #[test]
    fn invalid_inputs_are_rejected() {
        let nan = f64::NAN;
        assert_eq!(erlang_b(3, -1.0), Err(QueueingError::OfferedLoad));
        assert_eq!(erlang_c(3, nan), Err(QueueingError::OfferedLoad));
        assert_eq!(erlang_c(3, f64::INFINITY), Err(QueueingError::OfferedLoad));
        let mmc = |arrival_rate_per_s, mean_service_time_s, servers| {
            mmc_wait(&MmcQueue {
                arrival_rate_per_s,
                mean_service_time_s,
                servers,
            })
        };
        assert_eq!(mmc(-1.0, 1.0, 1), Err(QueueingError::ArrivalRate));
        assert_eq!(mmc(nan, 1.0, 1), Err(QueueingError::ArrivalRate));
        assert_eq!(mmc(1.0, 0.0, 1), Err(QueueingError::ServiceTime));
        assert_eq!(mmc(1.0, nan, 1), Err(QueueingError::ServiceTime));
        assert_eq!(mmc(1e200, 1e200, 1), Err(QueueingError::OfferedLoad));
        assert_eq!(mmc(1.0, 1.0, 0), Err(QueueingError::NoServers));

        let wait = queue(1.0, 1.0, 2);
        assert_eq!(wait.wait_quantile_s(1.0), Err(QueueingError::Probability));
        assert_eq!(wait.wait_quantile_s(-0.1), Err(QueueingError::Probability));
        assert_eq!(wait.wait_quantile_s(nan), Err(QueueingError::Probability));
        assert_eq!(
            wait.probability_wait_exceeds(-1.0),
            Err(QueueingError::Wait)
        );
        assert_eq!(
            wait.probability_wait_exceeds(f64::INFINITY),
            Err(QueueingError::Wait)
        );

        let sizing = |streams_per_node, target| {
            size_servers(&SizingOptions {
                arrival_rate_per_s: 1.0,
                mean_service_time_s: 1.0,
                streams_per_node,
                target,
            })
        };
        let ok = WaitTarget::ProbabilityOfWait {
            max_probability: 0.5,
        };
        assert_eq!(sizing(0, ok), Err(QueueingError::StreamsPerNode));
        for max_probability in [0.0, -0.5, 1.5, nan] {
            assert_eq!(
                sizing(1, WaitTarget::ProbabilityOfWait { max_probability }),
                Err(QueueingError::Probability)
            );
        }
        for (quantile, max_wait_s, error) in [
            (1.0, 1.0, QueueingError::Probability),
            (nan, 1.0, QueueingError::Probability),
            (0.9, -1.0, QueueingError::Wait),
            (0.9, nan, QueueingError::Wait),
            (0.9, f64::INFINITY, QueueingError::Wait),
        ] {
            assert_eq!(
                sizing(
                    1,
                    WaitTarget::Quantile {
                        quantile,
                        max_wait_s
                    }
                ),
                Err(error)
            );
        }
        assert_eq!(square_root_staffing(1.0, -1.0), Err(QueueingError::Beta));
        assert_eq!(
            square_root_staffing(nan, 1.0),
            Err(QueueingError::OfferedLoad)
        );
        assert_eq!(halfin_whitt_beta(0.0), Err(QueueingError::Probability));
        assert_eq!(
            halfin_whitt_probability_of_wait(nan),
            Err(QueueingError::Beta)
        );
    }

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
