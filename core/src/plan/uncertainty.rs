//! Ranges in place of single numbers: an [`Uncertainty`] names numeric fields of the plan
//! whose value is not known exactly, each with a [`Distribution`], and how the seeded trials
//! that turn them into percentile bands are run.
//!
//! The field itself keeps its number, the plan's point estimate (the likely value of a
//! triangular or PERT range, the mean of a normal, the median of a lognormal): a plan computes
//! from its numbers exactly as without ranges, and the bands come beside them.

use super::*;

/// The plan's ranges and the trials run over them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Uncertainty {
    /// Seed of the trials: the same plan and seed give the same bands, in any browser.
    pub seed: u32,
    /// How many trials to run.
    pub trials: u32,
    /// Lower and upper percentile of a band, in percent (10 and 90: P10–P90); the middle is
    /// always the median (P50).
    pub band_pct: [f64; 2],
    /// The percentile the sizing tables and exports size for ("size for P90"), in percent;
    /// `None` = the plan's numbers (the point estimate), with the band beside them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_for_pct: Option<f64>,
    /// The uncertain fields.
    pub ranges: Vec<Range>,
}

/// The seed when a plan does not say.
pub const DEFAULT_SEED: u32 = 1;

/// Trials run when a plan does not say.
pub const DEFAULT_TRIALS: u32 = 2000;

/// The band when a plan does not say: P10–P90.
pub const DEFAULT_BAND_PCT: [f64; 2] = [10.0, 90.0];

impl Uncertainty {
    /// The section a plan without one is read as: the default settings, no ranges.
    pub const DEFAULT: Self = Self {
        seed: DEFAULT_SEED,
        trials: DEFAULT_TRIALS,
        band_pct: DEFAULT_BAND_PCT,
        size_for_pct: None,
        ranges: Vec::new(),
    };
}

impl Default for Uncertainty {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One uncertain number of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The field, as validation names it: `scenarios[0].growth.monthly_growth_pct`,
    /// `baseline.units`, `catalogs.instances[2].usd_per_month`.
    pub field: String,
    /// What values it may take, in the field's own unit.
    pub distribution: Distribution,
}

/// A distribution of one number, in the unit of the field it ranges over.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Every value between `low` and `high` equally likely.
    Uniform {
        /// Least value.
        low: f64,
        /// Greatest value.
        high: f64,
    },
    /// Triangular: density rising straight from `low` to `likely` and falling to `high`.
    Triangular {
        /// Least value.
        low: f64,
        /// Most likely value (the mode).
        likely: f64,
        /// Greatest value.
        high: f64,
    },
    /// PERT (a scaled beta with shape λ = 4): like the triangular, with less weight in the
    /// tails; mean (low + 4·likely + high) ÷ 6.
    Pert {
        /// Least value.
        low: f64,
        /// Most likely value (the mode).
        likely: f64,
        /// Greatest value.
        high: f64,
    },
    /// Normal (Gaussian).
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation, at least 0.
        sd: f64,
    },
    /// Lognormal: ln X is normal; given by its median and the factor one standard deviation
    /// multiplies by (the geometric standard deviation).
    Lognormal {
        /// Median, > 0.
        median: f64,
        /// Geometric standard deviation, ≥ 1.
        gsd: f64,
    },
}

impl Distribution {
    /// The shapes' names, as plan files write them under `shape`, in the order the shapes are
    /// declared.
    pub const SHAPES: [&'static str; 5] = ["uniform", "triangular", "pert", "normal", "lognormal"];

    /// The name of this distribution's shape, one of [`Distribution::SHAPES`].
    pub fn shape(&self) -> &'static str {
        Self::SHAPES[match self {
            Distribution::Uniform { .. } => 0,
            Distribution::Triangular { .. } => 1,
            Distribution::Pert { .. } => 2,
            Distribution::Normal { .. } => 3,
            Distribution::Lognormal { .. } => 4,
        }]
    }

    /// The parameters' names of the shape named `shape`, in the order they are declared
    /// (and written); empty for a name that is not one of [`Distribution::SHAPES`].
    pub fn parameter_names(shape: &str) -> &'static [&'static str] {
        match shape {
            "uniform" => &["low", "high"],
            "triangular" | "pert" => &["low", "likely", "high"],
            "normal" => &["mean", "sd"],
            "lognormal" => &["median", "gsd"],
            _ => &[],
        }
    }

    /// The distribution of shape `shape` with the parameters `p`, in the order
    /// [`Distribution::parameter_names`] gives (missing ones 0); `None` for a name that is not
    /// one of [`Distribution::SHAPES`].
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// let d = Distribution::of_parameters("pert", [8.0, 12.0, 20.0]);
    /// assert_eq!(d, Some(Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 }));
    /// ```
    pub fn of_parameters(shape: &str, p: [f64; 3]) -> Option<Self> {
        Some(match shape {
            "uniform" => Distribution::Uniform {
                low: p[0],
                high: p[1],
            },
            "triangular" => Distribution::Triangular {
                low: p[0],
                likely: p[1],
                high: p[2],
            },
            "pert" => Distribution::Pert {
                low: p[0],
                likely: p[1],
                high: p[2],
            },
            "normal" => Distribution::Normal {
                mean: p[0],
                sd: p[1],
            },
            "lognormal" => Distribution::Lognormal {
                median: p[0],
                gsd: p[1],
            },
            _ => return None,
        })
    }

    /// The parameters with their names, in the order [`Distribution::parameter_names`] gives.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// let d = Distribution::Normal { mean: 12.0, sd: 2.0 };
    /// assert_eq!(d.shape(), "normal");
    /// assert_eq!(d.parameters().collect::<Vec<_>>(), [("mean", 12.0), ("sd", 2.0)]);
    /// ```
    pub fn parameters(&self) -> impl Iterator<Item = (&'static str, f64)> {
        // As `of_parameters` takes them: three places, the unused ones 0.
        let values = match *self {
            Distribution::Uniform { low, high } => [low, high, 0.0],
            Distribution::Triangular { low, likely, high }
            | Distribution::Pert { low, likely, high } => [low, likely, high],
            Distribution::Normal { mean, sd } => [mean, sd, 0.0],
            Distribution::Lognormal { median, gsd } => [median, gsd, 0.0],
        };
        Self::parameter_names(self.shape())
            .iter()
            .copied()
            .zip(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_parameters_are_named_as_serde_writes_them() {
        for d in [
            Distribution::Uniform {
                low: 1.0,
                high: 2.0,
            },
            Distribution::Triangular {
                low: 1.0,
                likely: 2.0,
                high: 3.0,
            },
            Distribution::Pert {
                low: 1.0,
                likely: 2.0,
                high: 3.0,
            },
            Distribution::Normal { mean: 1.0, sd: 2.0 },
            Distribution::Lognormal {
                median: 1.0,
                gsd: 2.0,
            },
        ] {
            let derived = serde_json::to_value(d).unwrap();
            assert_eq!(derived["shape"], d.shape());
            let keys: Vec<&str> = derived
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "shape")
                .collect();
            assert_eq!(keys, Distribution::parameter_names(d.shape()));
            for (name, value) in d.parameters() {
                assert_eq!(derived[name], value, "{name}");
            }
        }
    }
}
