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
mod halfin_whitt;
mod sizing;
mod wait;

#[cfg(test)]
mod testing;

pub use erlang::{erlang_b, erlang_c};
pub use halfin_whitt::{
    halfin_whitt_beta, halfin_whitt_probability_of_wait, mmc_wait_halfin_whitt,
    size_servers_halfin_whitt, square_root_staffing, HalfinWhittSizer, SquareRootStaffing,
};
pub use sizing::{size_servers, ServerSizing, SizingOptions, WaitTarget};
pub use wait::{mmc_wait, MmcQueue, MmcWait};

use std::fmt;

/// The largest server count any function here evaluates or returns.
///
/// Evaluating Erlang B for `c` servers takes `c` steps, so the bound keeps every call fast (a
/// million steps is a few milliseconds). Beyond it, [`QueueingError::TooManyServers`].
pub const MAX_SERVERS: u64 = 1_000_000;

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

/// The fewest servers that can carry `offered_load_erlangs` (A ≥ 0, below 10⁶ so the cast is
/// exact) without an ever-growing queue: ⌊A⌋ + 1, the first count with utilisation A ÷ c < 1.
fn fewest_stable_servers(offered_load_erlangs: f64) -> u64 {
    offered_load_erlangs.floor() as u64 + 1
}

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

#[cfg(test)]
mod tests {
    use super::*;

    use super::testing::{quantile_target, queue};

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
}
