//! Golden tests: each preset template reproduces the figures of the capacity-planning guide it
//! expresses. Where a guide's own arithmetic is wrong, the test asserts the correct figure and
//! says what the guide printed.

mod cafe_pilot;
mod selextract;
mod semantic_text;
mod supabase_redis;
mod voiceassist;

/// Tolerances shared by every golden test, and the one comparison they use.
mod tolerance {
    /// Figures the engine computes exactly (units, GB, MB, connections, dollars): only
    /// floating-point error is allowed, relative to the figure's size.
    pub const EXACT: f64 = 1e-9;
    /// A figure a guide prints rounded to one decimal (11.7 GB): half of its last digit.
    pub const ONE_DECIMAL: f64 = 0.05;
    /// A figure a guide prints as a whole number (585 requests): half of its last digit.
    pub const WHOLE: f64 = 0.5;
    /// Dollars worked out by hand to the cent: half a cent.
    pub const CENT: f64 = 0.005;

    /// Asserts `|actual − expected| ≤ tolerance`, where an [`EXACT`] tolerance is scaled by
    /// the expected figure's size.
    #[track_caller]
    pub fn assert_close(what: &str, actual: f64, expected: f64, tolerance: f64) {
        let allowed = if tolerance == EXACT {
            EXACT * expected.abs().max(1.0)
        } else {
            tolerance
        };
        assert!(
            (actual - expected).abs() <= allowed,
            "{what}: engine {actual}, expected {expected} (± {allowed})"
        );
    }
}
