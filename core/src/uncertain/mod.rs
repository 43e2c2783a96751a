//! The pieces of Monte Carlo ranges that know nothing of the plan's models: turning a plan's
//! [`Distribution`](crate::plan::Distribution)s into seeded draws, reading and writing the
//! ranges people type, and summarising a result across trials.
//!
//! - [`rng`]: the random numbers, one generator per trial and input, so that trial i draws
//!   the same numbers however the trials are chunked, natively or in wasm;
//! - [`distribution`]: a range's validity, point, mean, standard deviation, quantiles and
//!   draws (methods on [`crate::plan::Distribution`]);
//! - [`syntax`]: the text of a range in a numeric field (`8–20`, `8/12/20`, `normal(12, 3)`),
//!   read and written;
//! - [`sketch`]: a mergeable quantile sketch of one result cell across trials, exact for
//!   whole numbers and within 0.1 % for the rest.

pub mod distribution;
pub mod rng;
pub mod sketch;
pub mod syntax;
