//! Erlang B and Erlang C: the probability that a request is lost, or has to wait, when `c`
//! identical servers share an offered load of A erlangs, by Erlang B's recursion (see the
//! [queueing module's documentation](super)).

use super::{check_offered_load, check_server_count, QueueingError};

/// The Erlang B recursion, advanced one server at a time.
#[derive(Clone, Copy, Debug)]
pub(super) struct ErlangBRecursion {
    offered_load_erlangs: f64,
    pub(super) servers: u64,
    inverse_blocking: f64,
}

impl ErlangBRecursion {
    /// The state for 0 servers (B = 1: everything is blocked). `offered_load_erlangs` is finite
    /// and ≥ 0.
    pub(super) fn new(offered_load_erlangs: f64) -> Self {
        Self {
            offered_load_erlangs,
            servers: 0,
            inverse_blocking: 1.0,
        }
    }

    /// The state for `servers` = ⌊A − 10√A⌋ servers, from the fluid approximation
    /// invB ≈ A / (A − c), when that count is positive; else the state for 0 servers. The
    /// recursion forgets where it started: below A each step multiplies an error in invB by
    /// c/A < 1, so over the 10√A steps up to A an error shrinks by about e^{−10²/2} ≈ 10⁻²²,
    /// far below an `f64`'s precision. Reaching c ≥ A then takes O(√A) steps instead of O(A)
    /// (70 instead of 5 000 at A = 5 000). `offered_load_erlangs` is finite and ≥ 0.
    pub(super) fn near_load(offered_load_erlangs: f64) -> Self {
        // Below A = 100, A − 10√A < 1: nothing to skip.
        if offered_load_erlangs <= WARM_START_SIGMAS * WARM_START_SIGMAS {
            return Self::new(offered_load_erlangs);
        }
        let start =
            (offered_load_erlangs - WARM_START_SIGMAS * offered_load_erlangs.sqrt()).floor();
        if start < 1.0 {
            return Self::new(offered_load_erlangs);
        }
        Self {
            offered_load_erlangs,
            // 1 ≤ start < A < 10⁶ wherever this is called with a valid load; the cast saturates
            // otherwise.
            servers: start as u64,
            inverse_blocking: offered_load_erlangs / (offered_load_erlangs - start),
        }
    }

    /// Adds one server: invB ← 1 + invB · j / A. With A = 0 nothing is ever blocked (invB = +∞).
    /// Once +∞, invB stays +∞; no step can give NaN.
    pub(super) fn step(&mut self) {
        self.servers += 1;
        self.inverse_blocking = if self.offered_load_erlangs == 0.0 {
            f64::INFINITY
        } else {
            1.0 + self.inverse_blocking * self.servers as f64 / self.offered_load_erlangs
        };
    }

    /// B for the current server count, in [0, 1].
    pub(super) fn blocking(&self) -> f64 {
        (1.0 / self.inverse_blocking).clamp(0.0, 1.0)
    }

    /// The state for `servers` servers: from [`ErlangBRecursion::near_load`] when it starts at
    /// or below `servers`, else from 0 servers, stepped up to `servers`. `offered_load_erlangs`
    /// is finite and ≥ 0.
    pub(super) fn at(offered_load_erlangs: f64, servers: u64) -> Self {
        let mut recursion = Self::near_load(offered_load_erlangs);
        if recursion.servers > servers {
            recursion = Self::new(offered_load_erlangs);
        }
        while recursion.servers < servers {
            recursion.step();
        }
        recursion
    }
}

/// How many standard deviations (√A) below the load [`ErlangBRecursion::near_load`] starts.
const WARM_START_SIGMAS: f64 = 10.0;

/// Erlang B for `servers` servers, by the recursion.
pub(super) fn blocking_for(servers: u64, offered_load_erlangs: f64) -> f64 {
    ErlangBRecursion::at(offered_load_erlangs, servers).blocking()
}

/// Erlang C from Erlang B: `C = B / (1 − ρ(1 − B))` when A < c, else 1.
pub(super) fn waiting_from_blocking(servers: u64, offered_load_erlangs: f64, blocking: f64) -> f64 {
    let servers = servers as f64;
    if offered_load_erlangs >= servers {
        return 1.0;
    }
    let utilisation = offered_load_erlangs / servers;
    // The denominator is 1 − ρ + ρB ≥ 1 − ρ > 0, so the division is finite.
    (blocking / (1.0 - utilisation * (1.0 - blocking))).clamp(0.0, 1.0)
}

/// Erlang B: the probability that a request finding all `servers` busy is lost, when lost
/// requests do not retry (Erlang 1917).
///
/// ```text
/// invB₀ = 1;  invBⱼ = 1 + invBⱼ₋₁ · j / A  for j = 1..=c;  B = 1 / invB_c
/// ```
///
/// With no servers everything is blocked (B = 1); with no load nothing is (B = 0 for c ≥ 1).
///
/// # Errors
/// [`QueueingError::OfferedLoad`] when `offered_load_erlangs` is negative, NaN or infinite;
/// [`QueueingError::TooManyServers`] when `servers` exceeds [`MAX_SERVERS`](super::MAX_SERVERS).
///
/// # Example
/// ```
/// use headroom_core::queueing::erlang_b;
/// let b = erlang_b(30, 25.0).unwrap();
/// assert!((b - 0.0526).abs() < 1e-4);
/// ```
pub fn erlang_b(servers: u64, offered_load_erlangs: f64) -> Result<f64, QueueingError> {
    check_offered_load(offered_load_erlangs)?;
    check_server_count(servers)?;
    Ok(blocking_for(servers, offered_load_erlangs))
}

/// Erlang C: the probability that a request has to wait in an M/M/c queue.
///
/// ```text
/// C = B / (1 − ρ(1 − B))   with ρ = A / c and B = erlang_b(c, A),  when A < c
/// C = 1                    when A ≥ c (including c = 0): the queue grows without bound
/// ```
///
/// # Errors
/// As [`erlang_b`].
///
/// # Example
/// ```
/// use headroom_core::queueing::erlang_c;
/// assert!((erlang_c(3, 2.0).unwrap() - 4.0 / 9.0).abs() < 1e-12);
/// assert_eq!(erlang_c(2, 2.0).unwrap(), 1.0); // unstable
/// ```
pub fn erlang_c(servers: u64, offered_load_erlangs: f64) -> Result<f64, QueueingError> {
    check_offered_load(offered_load_erlangs)?;
    check_server_count(servers)?;
    if offered_load_erlangs >= servers as f64 {
        return Ok(1.0);
    }
    let blocking = blocking_for(servers, offered_load_erlangs);
    Ok(waiting_from_blocking(
        servers,
        offered_load_erlangs,
        blocking,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::testing::close_relative;
    use crate::tolerance::{assert_close, within, QUOTED};

    // Check values from docs/models.md "Queueing".

    #[test]
    fn check_value_erlang_b_30_servers_25_erlangs() {
        assert_close(
            "erlang_b(30, 25.0).unwrap()",
            erlang_b(30, 25.0).unwrap(),
            0.0526,
            QUOTED,
        );
    }

    #[test]
    fn check_value_erlang_c_3_servers_2_erlangs() {
        assert_close(
            "erlang_c(3, 2.0).unwrap()",
            erlang_c(3, 2.0).unwrap(),
            0.4444,
            QUOTED,
        );
    }

    #[test]
    fn check_value_ten_thousand_servers_do_not_overflow() {
        let c = erlang_c(10_000, 9_500.0).unwrap();
        assert!(c.is_finite());
        // 1.9e-7 as quoted (two significant digits); the exact reference is checked below.
        assert!((1.85e-7..1.95e-7).contains(&c), "{c}");
    }

    // Independent references. Computed with Python 3.11 from the direct factorial formulas, not
    // from this code:
    //   B = (A^c/c!) / Σ_{k=0..c} A^k/k!
    //   C = (A^c/c! · c/(c−A)) / (Σ_{k=0..c−1} A^k/k! + A^c/c! · c/(c−A))
    // in exact rational arithmetic (`fractions.Fraction`, `math.factorial`), rounded to f64 at
    // the end; C(10 000, 9 500) in log space with mpmath 1.3.0 at 50 significant digits
    // (`loggamma`, `fsum`).

    #[test]
    fn erlang_b_matches_exact_references() {
        for (servers, load, expected) in [
            (30, 25.0, 0.052603172228140614),
            (100, 80.0, 0.003992028604553197),
            (1, 0.5, 1.0 / 3.0),
        ] {
            let actual = erlang_b(servers, load).unwrap();
            assert!(
                close_relative(actual, expected),
                "B({servers}, {load}) = {actual}, expected {expected}"
            );
        }
    }

    #[test]
    fn erlang_c_matches_exact_references() {
        for (servers, load, expected) in [
            (3, 2.0, 0.4444444444444444),
            (6, 2.5, 0.047444812194455406),
            (5, 2.5, 0.13037129745515227),
            (10, 8.0, 0.40918015079644354),
            (50, 45.0, 0.3638644672069884),
            (100, 90.0, 0.2169404809063664),
            (200, 180.5, 0.1020957076097466),
            (1, 0.5, 0.5),
            (1_000, 950.0, 0.06825341537714143),
            (10_000, 9_500.0, 1.928547231868143e-7),
        ] {
            let actual = erlang_c(servers, load).unwrap();
            assert!(
                close_relative(actual, expected),
                "C({servers}, {load}) = {actual}, expected {expected}"
            );
        }
    }

    #[test]
    fn the_warm_started_recursion_matches_the_full_one() {
        let full = |servers: u64, load: f64| {
            let mut recursion = ErlangBRecursion::new(load);
            for _ in 0..servers {
                recursion.step();
            }
            recursion.blocking()
        };
        for load in [
            0.0_f64, 0.3, 1.0, 99.0, 100.5, 101.0, 250.0, 999.9, 4_321.0, 5_000.0, 60_000.5,
        ] {
            let first = (load as u64 + 1).max(1);
            let spread = (5.0 * load.sqrt()) as u64 + 3;
            for servers in (first.saturating_sub(spread)..first + spread).chain([0, 1]) {
                let expected = full(servers, load);
                let actual = blocking_for(servers, load);
                assert!(
                    within(
                        actual,
                        expected,
                        crate::tolerance::Tolerance::Proportional(1e-10)
                    ),
                    "A = {load}, c = {servers}: {actual} vs {expected}"
                );
            }
        }
        // Far below the load the warm start does not apply.
        assert_eq!(ErlangBRecursion::near_load(50.0).servers, 0);
        assert_eq!(ErlangBRecursion::near_load(10_000.0).servers, 9_000);
    }

    #[test]
    fn the_recursion_at_a_count_is_at_that_count_whichever_start_it_takes() {
        // At A = 10 000 the warm start is at 9 000 servers: below it the walk starts from 0.
        for servers in [0, 1, 8_999, 9_000, 9_001] {
            assert_eq!(ErlangBRecursion::at(10_000.0, servers).servers, servers);
        }
        // The warm start's first state is the fluid approximation, which the walk forgets by
        // the load: from there on both walks agree.
        for servers in [0, 1, 8_999, 9_600, 10_050] {
            let recursion = ErlangBRecursion::at(10_000.0, servers);
            assert_eq!(recursion.servers, servers);
            let mut full = ErlangBRecursion::new(10_000.0);
            for _ in 0..servers {
                full.step();
            }
            assert!(
                within(
                    recursion.blocking(),
                    full.blocking(),
                    crate::tolerance::Tolerance::Proportional(1e-10)
                ),
                "c = {servers}: {} vs {}",
                recursion.blocking(),
                full.blocking()
            );
        }
        assert_eq!(ErlangBRecursion::at(0.0, 3).blocking(), 0.0);
    }
}
