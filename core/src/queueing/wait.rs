//! The M/M/c wait: how likely a request is to wait, how long on average, and the wait's tail
//! and quantiles (see the [queueing module's documentation](super)).

use super::erlang::{blocking_for, waiting_from_blocking};
use super::{check_server_count, offered_load, QueueingError};

/// An M/M/c queue: Poisson arrivals, exponential service, `servers` identical servers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmcQueue {
    /// λ, requests per second.
    pub arrival_rate_per_s: f64,
    /// S = 1/μ, mean time one request holds a server, in seconds.
    pub mean_service_time_s: f64,
    /// c, the number of servers.
    pub servers: u64,
}

/// How long requests wait in an [`MmcQueue`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmcWait {
    /// c.
    pub servers: u64,
    /// A = λ·S, in erlangs.
    pub offered_load_erlangs: f64,
    /// ρ = A / c, as a fraction; 1 or more when the queue is unstable.
    pub utilisation: f64,
    /// C, the probability that a request waits at all (Erlang C); 1 when unstable.
    pub probability_of_wait: f64,
    /// cμ − λ = (c − A) / S, the rate at which spare capacity drains the queue, per second
    /// (saturating at `f64::MAX`); `None` when the queue is unstable.
    pub spare_capacity_per_s: Option<f64>,
    /// `E[Wq]` = C / (cμ − λ), in seconds; `None` when unstable or too long for an `f64`.
    pub mean_wait_s: Option<f64>,
}

/// The M/M/c wait for `queue`.
///
/// ```text
/// A = λ·S;  ρ = A / c;  C = erlang_c(c, A);  cμ − λ = (c − A) / S;  E[Wq] = C / (cμ − λ)
/// ```
///
/// # Errors
/// [`QueueingError::ArrivalRate`] (λ negative or not finite), [`QueueingError::ServiceTime`]
/// (S not finite and > 0), [`QueueingError::OfferedLoad`] (λ·S overflows),
/// [`QueueingError::NoServers`] (c = 0), [`QueueingError::TooManyServers`]
/// (c > [`MAX_SERVERS`](super::MAX_SERVERS)).
///
/// # Example
/// ```
/// use headroom_core::queueing::{mmc_wait, MmcQueue};
/// // 10 req/s, 0.5 s each, 8 servers: A = 5 erlangs.
/// let wait = mmc_wait(&MmcQueue { arrival_rate_per_s: 10.0, mean_service_time_s: 0.5, servers: 8 })
///     .unwrap();
/// assert!((wait.utilisation - 0.625).abs() < 1e-12);
/// assert!((wait.probability_of_wait - 0.16727).abs() < 1e-5);
/// assert!((wait.mean_wait_s.unwrap() - 0.027878).abs() < 1e-6); // C / (16 − 10)
/// ```
pub fn mmc_wait(queue: &MmcQueue) -> Result<MmcWait, QueueingError> {
    let offered_load_erlangs = offered_load(queue.arrival_rate_per_s, queue.mean_service_time_s)?;
    if queue.servers == 0 {
        return Err(QueueingError::NoServers);
    }
    check_server_count(queue.servers)?;
    let blocking = if offered_load_erlangs >= queue.servers as f64 {
        1.0 // unused: C = 1 whatever B is
    } else {
        blocking_for(queue.servers, offered_load_erlangs)
    };
    Ok(MmcWait::from_parts(
        queue.servers,
        offered_load_erlangs,
        queue.mean_service_time_s,
        blocking,
    ))
}

impl MmcWait {
    /// Assembles the figures from checked parts: `servers` ≥ 1, A finite ≥ 0, S finite > 0 and B
    /// in [0, 1] for these `servers` and A. The sizing search and [`mmc_wait`] both go through
    /// here, so they agree to the last bit.
    pub(super) fn from_parts(
        servers: u64,
        offered_load_erlangs: f64,
        mean_service_time_s: f64,
        blocking: f64,
    ) -> Self {
        let probability_of_wait = waiting_from_blocking(servers, offered_load_erlangs, blocking);
        Self::from_probability(
            servers,
            offered_load_erlangs,
            mean_service_time_s,
            probability_of_wait,
        )
    }

    /// Assembles the figures from checked parts and C in [0, 1].
    pub(super) fn from_probability(
        servers: u64,
        offered_load_erlangs: f64,
        mean_service_time_s: f64,
        probability_of_wait: f64,
    ) -> Self {
        let servers_f = servers as f64;
        let stable = offered_load_erlangs < servers_f;
        // (c − A) > 0 and S > 0, so the rate is > 0; it can only overflow, never be NaN.
        let spare_capacity_per_s = stable
            .then(|| ((servers_f - offered_load_erlangs) / mean_service_time_s).min(f64::MAX));
        let mean_wait_s = spare_capacity_per_s.and_then(|rate| {
            if probability_of_wait == 0.0 {
                Some(0.0)
            } else {
                finite(probability_of_wait / rate)
            }
        });
        Self {
            servers,
            offered_load_erlangs,
            utilisation: offered_load_erlangs / servers_f,
            probability_of_wait,
            spare_capacity_per_s,
            mean_wait_s,
        }
    }

    /// Whether the queue settles (A < c). When it does not, waits grow without bound.
    pub fn is_stable(&self) -> bool {
        self.spare_capacity_per_s.is_some()
    }

    /// P(Wq > t): the probability that a request waits longer than `wait_s` seconds.
    ///
    /// ```text
    /// P(Wq > t) = C · e^{−(cμ − λ)t}     (1 when the queue is unstable)
    /// ```
    ///
    /// # Errors
    /// [`QueueingError::Wait`] when `wait_s` is negative, NaN or infinite.
    ///
    /// # Example
    /// ```
    /// use headroom_core::queueing::{mmc_wait, MmcQueue};
    /// let wait = mmc_wait(&MmcQueue { arrival_rate_per_s: 2.0, mean_service_time_s: 1.0, servers: 3 })
    ///     .unwrap();
    /// // C = 4/9, cμ − λ = 1 per second.
    /// assert!((wait.probability_wait_exceeds(0.0).unwrap() - 4.0 / 9.0).abs() < 1e-12);
    /// let expected = 4.0 / 9.0 * (-1.0f64).exp();
    /// assert!((wait.probability_wait_exceeds(1.0).unwrap() - expected).abs() < 1e-12);
    /// ```
    pub fn probability_wait_exceeds(&self, wait_s: f64) -> Result<f64, QueueingError> {
        if !(wait_s.is_finite() && wait_s >= 0.0) {
            return Err(QueueingError::Wait);
        }
        let Some(rate) = self.spare_capacity_per_s else {
            return Ok(1.0);
        };
        if wait_s == 0.0 {
            // Avoids 0 · ∞ when the rate saturated.
            return Ok(self.probability_of_wait);
        }
        Ok((self.probability_of_wait * (-(rate * wait_s)).exp()).clamp(0.0, 1.0))
    }

    /// The `quantile` (p) of the wait, in seconds: the time within which a fraction p of requests
    /// start service.
    ///
    /// ```text
    /// t_p = max(0, ln(C / (1 − p)) / (cμ − λ))
    /// ```
    ///
    /// `None` when the queue is unstable (t_p is unbounded) or t_p is too long for an `f64`.
    ///
    /// # Errors
    /// [`QueueingError::Probability`] unless 0 ≤ p < 1.
    ///
    /// # Example
    /// ```
    /// use headroom_core::queueing::{mmc_wait, MmcQueue};
    /// let wait = mmc_wait(&MmcQueue { arrival_rate_per_s: 2.0, mean_service_time_s: 1.0, servers: 3 })
    ///     .unwrap();
    /// // ln((4/9) / 0.05) / 1 s⁻¹
    /// let p95 = wait.wait_quantile_s(0.95).unwrap().unwrap();
    /// assert!((p95 - (80.0f64 / 9.0).ln()).abs() < 1e-12);
    /// // Over half the requests never wait, so the median wait is 0.
    /// assert_eq!(wait.wait_quantile_s(0.5).unwrap(), Some(0.0));
    /// ```
    pub fn wait_quantile_s(&self, quantile: f64) -> Result<Option<f64>, QueueingError> {
        if !(0.0..1.0).contains(&quantile) {
            return Err(QueueingError::Probability);
        }
        let Some(rate) = self.spare_capacity_per_s else {
            return Ok(None);
        };
        // C ≤ 1 and 1 − p ≥ 2⁻⁵³ for p < 1, so the ratio is finite.
        let ratio = self.probability_of_wait / (1.0 - quantile);
        if ratio <= 1.0 {
            // ln ≤ 0: at least a fraction p of requests do not wait at all.
            return Ok(Some(0.0));
        }
        Ok(finite(ratio.ln() / rate))
    }
}

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::super::erlang::{erlang_b, erlang_c};
    use super::super::testing::{close_relative, queue};
    use crate::tolerance::{assert_close, EXACT};

    #[test]
    fn mmc_wait_matches_exact_reference() {
        // λ = 10/s, S = 0.5 s, c = 8 (the Python method of the Erlang references in erlang.rs):
        // C = 0.1672665066617566, E[Wq] = C / (16 − 10) = 0.02787775111029277 s,
        // t_0.95 = ln(C / 0.05) / 6 = 0.20126089720830936 s.
        let wait = queue(10.0, 0.5, 8);
        assert!(close_relative(wait.probability_of_wait, 0.1672665066617566));
        assert!(close_relative(
            wait.mean_wait_s.unwrap(),
            0.02787775111029277
        ));
        assert!(close_relative(
            wait.wait_quantile_s(0.95).unwrap().unwrap(),
            0.20126089720830936
        ));
        assert!(close_relative(wait.spare_capacity_per_s.unwrap(), 6.0));
    }

    #[test]
    fn unstable_queues_wait_forever_without_infinities() {
        for servers in [1, 2, 3] {
            let wait = queue(3.0, 1.0, servers);
            assert!(!wait.is_stable());
            assert_eq!(wait.probability_of_wait, 1.0);
            assert_eq!(wait.mean_wait_s, None);
            assert_eq!(wait.spare_capacity_per_s, None);
            assert_eq!(wait.wait_quantile_s(0.5).unwrap(), None);
            assert_eq!(wait.probability_wait_exceeds(1e9).unwrap(), 1.0);
        }
        assert_eq!(erlang_c(0, 0.0).unwrap(), 1.0);
    }

    #[test]
    fn extreme_but_valid_inputs_stay_finite() {
        // Tiny service time: the spare capacity saturates instead of becoming +∞.
        let wait = queue(1.0, 5e-324, 1);
        assert_eq!(wait.spare_capacity_per_s, Some(f64::MAX));
        assert_eq!(wait.probability_wait_exceeds(0.0).unwrap(), 0.0);
        assert_eq!(wait.probability_wait_exceeds(1.0).unwrap(), 0.0);
        // Huge service time, barely stable: the mean wait is too long for an f64.
        let wait = queue(1e-300, 1e300, 2);
        assert!(wait.is_stable());
        assert!(wait.mean_wait_s.is_none_or(f64::is_finite));
        assert!(wait
            .wait_quantile_s(0.999_999)
            .unwrap()
            .is_none_or(f64::is_finite));
        // Far more servers than load: Erlang B underflows to exactly 0.
        assert_eq!(erlang_b(1_000, 1.0).unwrap(), 0.0);
        assert_eq!(erlang_c(1_000, 1.0).unwrap(), 0.0);
        let wait = queue(1.0, 1.0, 1_000);
        assert_eq!(wait.mean_wait_s, Some(0.0));
        assert_eq!(wait.wait_quantile_s(0.5).unwrap(), Some(0.0));
    }

    #[test]
    fn wait_tail_and_quantile_agree() {
        let wait = queue(45.0, 1.0, 50);
        for p in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
            let t = wait.wait_quantile_s(p).unwrap().unwrap();
            if t > 0.0 {
                let tail = wait.probability_wait_exceeds(t).unwrap();
                assert_close(&format!("tail at p = {p}"), tail, 1.0 - p, EXACT);
            }
        }
    }
}
