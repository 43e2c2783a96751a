//! What the queueing tests share: the tolerance against exact references, a checked M/M/c wait,
//! and sizing to either kind of target with one stream a node.

use super::{mmc_wait, size_servers, MmcQueue, MmcWait, ServerSizing, SizingOptions, WaitTarget};
use crate::tolerance::{within, REFERENCE};

// Against the tests' exact references the recursion loses a few ulps per step: REFERENCE
// allows far more than that and far less than any modelling difference.
pub(super) fn close_relative(actual: f64, expected: f64) -> bool {
    within(actual, expected, REFERENCE)
}

pub(super) fn queue(arrival_rate_per_s: f64, mean_service_time_s: f64, servers: u64) -> MmcWait {
    mmc_wait(&MmcQueue {
        arrival_rate_per_s,
        mean_service_time_s,
        servers,
    })
    .unwrap()
}

pub(super) fn probability_target(
    arrival_rate_per_s: f64,
    mean_service_time_s: f64,
    max_probability: f64,
) -> ServerSizing {
    size_servers(&SizingOptions {
        arrival_rate_per_s,
        mean_service_time_s,
        streams_per_node: 1,
        target: WaitTarget::ProbabilityOfWait { max_probability },
    })
    .unwrap()
}

pub(super) fn quantile_target(
    arrival_rate_per_s: f64,
    mean_service_time_s: f64,
    quantile: f64,
    max_wait_s: f64,
) -> ServerSizing {
    size_servers(&SizingOptions {
        arrival_rate_per_s,
        mean_service_time_s,
        streams_per_node: 1,
        target: WaitTarget::Quantile {
            quantile,
            max_wait_s,
        },
    })
    .unwrap()
}
