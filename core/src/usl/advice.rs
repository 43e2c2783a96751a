//! Whether one more unit still pays at the planned count: helps, diminishing returns, or past
//! the peak.

use super::{check_concurrency, UslError, UslModel, UslPeak};

/// Default for [`ScalingOptions::min_marginal_gain`]: one more unit is judged worth adding while
/// it adds at least half the throughput a lone unit delivers, X(N + 1) − X(N) ≥ ½·X(1).
pub const DEFAULT_MIN_MARGINAL_GAIN: f64 = 0.5;

impl UslModel {
    /// Whether adding one more unit at `options.planned_n` still pays.
    ///
    /// ```text
    /// marginal gain      ΔX = X(N + 1) − X(N)
    /// marginal fraction  ΔX / X(1)      (1 for linear scaling)
    /// PastPeak           when N ≥ N* or ΔX ≤ 0
    /// DiminishingReturns when ΔX / X(1) < min_marginal_gain
    /// Helps              otherwise
    /// ```
    ///
    /// # Errors
    /// [`UslError::Concurrency`] unless N is finite and ≥ 1; [`UslError::MarginalGain`] unless
    /// `min_marginal_gain` is finite and ≥ 0.
    ///
    /// # Example
    /// ```
    /// use headroom_core::usl::{ScalingOptions, ScalingVerdict, UslModel};
    /// let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    /// let advice = |n| model.scaling_advice(&ScalingOptions::new(n)).unwrap().verdict;
    /// assert_eq!(advice(4.0), ScalingVerdict::Helps);
    /// assert_eq!(advice(12.0), ScalingVerdict::DiminishingReturns);
    /// assert_eq!(advice(40.0), ScalingVerdict::PastPeak);
    /// ```
    pub fn scaling_advice(&self, options: &ScalingOptions) -> Result<ScalingAdvice, UslError> {
        let n = options.planned_n;
        check_concurrency(n)?;
        if !(options.min_marginal_gain.is_finite() && options.min_marginal_gain >= 0.0) {
            return Err(UslError::MarginalGain);
        }
        let throughput_per_s = self.throughput(n);
        let next_throughput_per_s = self.throughput(n + 1.0);
        let marginal_gain_per_s = next_throughput_per_s - throughput_per_s;
        let marginal_gain_fraction = marginal_gain_per_s / self.single_throughput_per_s;
        let peak = self.peak();
        let past_peak = peak.is_some_and(|p| n >= p.concurrency) || marginal_gain_per_s <= 0.0;
        let verdict = if past_peak {
            ScalingVerdict::PastPeak
        } else if marginal_gain_fraction < options.min_marginal_gain {
            ScalingVerdict::DiminishingReturns
        } else {
            ScalingVerdict::Helps
        };
        Ok(ScalingAdvice {
            planned_n: n,
            throughput_per_s,
            next_throughput_per_s,
            marginal_gain_per_s,
            marginal_gain_fraction,
            peak,
            verdict,
        })
    }
}

/// Inputs to [`UslModel::scaling_advice`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalingOptions {
    /// N, the planned number of instances, cores or concurrent users (≥ 1).
    pub planned_n: f64,
    /// Below this fraction of X(1), one more unit is judged not worth it; see
    /// [`DEFAULT_MIN_MARGINAL_GAIN`].
    pub min_marginal_gain: f64,
}

impl ScalingOptions {
    /// Options for `planned_n` with the default threshold, [`DEFAULT_MIN_MARGINAL_GAIN`].
    pub fn new(planned_n: f64) -> Self {
        Self {
            planned_n,
            min_marginal_gain: DEFAULT_MIN_MARGINAL_GAIN,
        }
    }
}

/// Whether adding a unit still helps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalingVerdict {
    /// One more unit adds at least the threshold share of X(1).
    Helps,
    /// Throughput still rises, but by less than the threshold share of X(1).
    DiminishingReturns,
    /// At or past N*: one more unit adds nothing or lowers throughput.
    PastPeak,
}

impl ScalingVerdict {
    /// In words, as the timeline writes it: "helps", "diminishing returns", "past the peak".
    pub fn words(self) -> &'static str {
        match self {
            ScalingVerdict::Helps => "helps",
            ScalingVerdict::DiminishingReturns => "diminishing returns",
            ScalingVerdict::PastPeak => "past the peak",
        }
    }
}

/// The answer of [`UslModel::scaling_advice`], with its working.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalingAdvice {
    /// N.
    pub planned_n: f64,
    /// X(N), per second.
    pub throughput_per_s: f64,
    /// X(N + 1), per second.
    pub next_throughput_per_s: f64,
    /// X(N + 1) − X(N), per second (negative past the peak).
    pub marginal_gain_per_s: f64,
    /// (X(N + 1) − X(N)) / X(1).
    pub marginal_gain_fraction: f64,
    /// The peak, if β > 0.
    pub peak: Option<UslPeak>,
    /// The judgement.
    pub verdict: ScalingVerdict,
}
