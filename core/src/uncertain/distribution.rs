//! What a plan's range means as a probability distribution: whether it is one
//! ([`Distribution::problem`]), its point, mean and standard deviation, its quantiles and
//! draws from it.
//!
//! With a = low, c = likely, b = high (formulas from Johnson, Kotz and Balakrishnan,
//! *Continuous Univariate Distributions*, 2nd ed.: uniform ch. 26, beta ch. 25, normal ch. 13,
//! lognormal ch. 14; triangular from Kotz and van Dorp, *Beyond Beta*, 2004, ch. 1; PERT from
//! Vose, *Risk Analysis*, 3rd ed., 2008, §III.8):
//!
//! ```text
//! shape        point   mean              variance                      quantile Q(p)
//! uniform      (a+b)/2 (a+b)/2           (b−a)²/12                     a + (b−a)·p
//! triangular   c       (a+b+c)/3         (a²+b²+c²−ab−ac−bc)/18        a + √(p(b−a)(c−a))          p < (c−a)/(b−a)
//!                                                                      b − √((1−p)(b−a)(b−c))      otherwise
//! PERT         c       (a+4c+b)/6        (μ−a)(b−μ)/7                  a + (b−a)·I⁻¹_p(α, β)
//! normal       mean μ  μ                 sd²                           μ − sd·√2·erfc⁻¹(2p)
//! lognormal    median m m·e^(σ²/2)        m²·e^(σ²)·(e^(σ²)−1)          m·e^(σ·Φ⁻¹(p)),  σ = ln gsd
//! ```
//!
//! PERT is the beta distribution on [a, b] with α = 1 + 4(c−a)/(b−a), β = 1 + 4(b−c)/(b−a)
//! (shape λ = 4, so α + β = 6). Its quantile inverts the regularized incomplete beta function
//! I_x(α, β) ([`crate::student_t`]'s, whose arguments here are 1–5) by Newton's method kept
//! inside a bisection bracket. erfc⁻¹ is statrs's (Boost's rational approximations, about
//! 10⁻¹⁶ relative).
//!
//! **Sampling.** Uniform, triangular, normal and lognormal draws are their quantile at one
//! uniform of [`Rng::uniform_open01`] (inverse-CDF sampling: one uniform per draw, and a draw
//! is a monotone function of it). PERT draws are X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β) by
//! Marsaglia and Tsang's method ("A simple method for generating gamma variables", ACM TOMS
//! 26(3), 2000; α, β ≥ 1, so no boosting is needed), each from a normal (by its inverse CDF)
//! and a uniform, accepted 95–98 % of the time: about 8 times faster than inverting I_x(α, β)
//! at a uniform (`benches/uncertain.rs`, unoptimized build: 0.7 µs a draw, the trial's
//! generator included, against 5.5 µs), whose Newton steps each evaluate a continued fraction.
//!
//! **Degenerate ranges** (low = likely = high, sd = 0, gsd = 1) draw and quantile to exactly
//! the point value, so a range of zero width changes nothing. Draws and quantiles of bounded
//! shapes are held within [low, high] against rounding, and every draw is finite; a
//! distribution with a [`Distribution::problem`] draws its point value (0 when that is not a
//! number), as the plan would compute without the range.

use super::rng::{Rng, SMALLEST_UNIFORM};
use crate::plan::Distribution;
use crate::student_t::{beta_reg, ln_gamma};
use crate::uncertain::syntax::number_text;
use std::f64::consts::SQRT_2;

/// Why a distribution is not one: the parameter at fault.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    /// The named parameter is NaN or ±∞.
    NotFinite(&'static str),
    /// `low` above `high` (uniform).
    LowAboveHigh(f64, f64),
    /// `likely` below `low`.
    LikelyBelowLow(f64, f64),
    /// `likely` above `high`.
    LikelyAboveHigh(f64, f64),
    /// A negative `sd`.
    NegativeSd(f64),
    /// A `median` ≤ 0.
    MedianNotPositive(f64),
    /// A `gsd` below 1.
    GsdBelowOne(f64),
    /// Valid parameters whose mean or standard deviation is beyond the largest `f64`.
    TooWide,
}

impl Distribution {
    /// Why this is not a usable distribution, in a sentence naming the parameter at fault, or
    /// `None` when it is one: every parameter finite, low ≤ likely ≤ high, low ≤ high,
    /// sd ≥ 0, median > 0, gsd ≥ 1, and a mean and standard deviation within the range of an
    /// `f64`.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// assert_eq!(Distribution::Uniform { low: 8.0, high: 20.0 }.problem(), None);
    /// assert_eq!(
    ///     Distribution::Pert { low: 8.0, likely: 25.0, high: 20.0 }.problem().unwrap(),
    ///     "likely (25) is above high (20)"
    /// );
    /// assert_eq!(
    ///     Distribution::Normal { mean: f64::NAN, sd: 1.0 }.problem().unwrap(),
    ///     "mean is not a finite number"
    /// );
    /// ```
    pub fn problem(&self) -> Option<String> {
        self.fault().map(|fault| match fault {
            Fault::NotFinite(name) => format!("{name} is not a finite number"),
            Fault::LowAboveHigh(low, high) => format!(
                "low ({}) is above high ({})",
                number_text(low),
                number_text(high)
            ),
            Fault::LikelyBelowLow(likely, low) => format!(
                "likely ({}) is below low ({})",
                number_text(likely),
                number_text(low)
            ),
            Fault::LikelyAboveHigh(likely, high) => format!(
                "likely ({}) is above high ({})",
                number_text(likely),
                number_text(high)
            ),
            Fault::NegativeSd(sd) => format!(
                "sd ({}) is negative: a standard deviation is at least 0",
                number_text(sd)
            ),
            Fault::MedianNotPositive(median) => format!(
                "median ({}) is not above 0: a lognormal's values are all positive",
                number_text(median)
            ),
            Fault::GsdBelowOne(gsd) => format!(
                "gsd ({}) is below 1: a geometric standard deviation is at least 1 (1 for no \
                 spread)",
                number_text(gsd)
            ),
            Fault::TooWide => "is too wide to compute with: its mean or standard deviation is \
                               beyond the largest number"
                .to_owned(),
        })
    }

    /// Whether this is a usable distribution ([`Distribution::problem`] is `None`), without
    /// writing the sentence.
    pub fn is_valid(&self) -> bool {
        self.fault().is_none()
    }

    fn fault(&self) -> Option<Fault> {
        let finite = |pairs: &[(&'static str, f64)]| {
            pairs
                .iter()
                .find(|(_, value)| !value.is_finite())
                .map(|(name, _)| Fault::NotFinite(name))
        };
        let fault = match *self {
            Self::Uniform { low, high } => finite(&[("low", low), ("high", high)])
                .or_else(|| (low > high).then_some(Fault::LowAboveHigh(low, high))),
            Self::Triangular { low, likely, high } | Self::Pert { low, likely, high } => {
                let order = if likely < low {
                    Some(Fault::LikelyBelowLow(likely, low))
                } else if likely > high {
                    Some(Fault::LikelyAboveHigh(likely, high))
                } else {
                    None
                };
                finite(&[("low", low), ("likely", likely), ("high", high)]).or(order)
            }
            Self::Normal { mean, sd } => finite(&[("mean", mean), ("sd", sd)])
                .or_else(|| (sd < 0.0).then_some(Fault::NegativeSd(sd))),
            Self::Lognormal { median, gsd } => {
                let range = if median <= 0.0 {
                    Some(Fault::MedianNotPositive(median))
                } else if gsd < 1.0 {
                    Some(Fault::GsdBelowOne(gsd))
                } else {
                    None
                };
                finite(&[("median", median), ("gsd", gsd)]).or(range)
            }
        };
        fault.or_else(|| {
            let (mean, sd) = self.moments();
            (!(mean.is_finite() && sd.is_finite())).then_some(Fault::TooWide)
        })
    }

    /// The number the plan's field holds beside this range: the likely value of a triangular
    /// or PERT range, the midpoint of a uniform one, the mean of a normal, the median of a
    /// lognormal. The parameter as given, so not a number when it is not one
    /// ([`Distribution::problem`] says so).
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// assert_eq!(Distribution::Uniform { low: 8.0, high: 20.0 }.point(), 14.0);
    /// assert_eq!(Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 }.point(), 12.0);
    /// assert_eq!(Distribution::Lognormal { median: 12.0, gsd: 1.5 }.point(), 12.0);
    /// ```
    pub fn point(&self) -> f64 {
        match *self {
            // low + (high − low)/2 would be exact for equal ends too, but overflows sooner.
            Self::Uniform { low, high } => low / 2.0 + high / 2.0,
            Self::Triangular { likely, .. } | Self::Pert { likely, .. } => likely,
            Self::Normal { mean, .. } => mean,
            Self::Lognormal { median, .. } => median,
        }
    }

    /// The point value, or 0 when it is not a finite number: what an unusable distribution
    /// draws.
    fn fallback(&self) -> f64 {
        let point = self.point();
        if point.is_finite() {
            point
        } else {
            0.0
        }
    }

    /// The mean (the table in the module documentation); the point value (0 if not a
    /// number) for a distribution with a [`Distribution::problem`].
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// assert_eq!(Distribution::Pert { low: 8.0, likely: 12.0, high: 22.0 }.mean(), 13.0);
    /// assert_eq!(Distribution::Triangular { low: 8.0, likely: 12.0, high: 22.0 }.mean(), 14.0);
    /// ```
    pub fn mean(&self) -> f64 {
        if self.is_valid() {
            self.moments().0
        } else {
            self.fallback()
        }
    }

    /// The standard deviation (the square root of the variance in the module
    /// documentation); 0 for a distribution with a [`Distribution::problem`].
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// // (b − a)/√12 = √12 for a width of 12.
    /// assert!((Distribution::Uniform { low: 0.0, high: 12.0 }.sd() - 12f64.sqrt()).abs() < 1e-12);
    /// assert_eq!(Distribution::Normal { mean: 5.0, sd: 2.0 }.sd(), 2.0);
    /// ```
    pub fn sd(&self) -> f64 {
        if self.is_valid() {
            self.moments().1
        } else {
            0.0
        }
    }

    /// Mean and standard deviation by the closed forms, whatever the parameters.
    fn moments(&self) -> (f64, f64) {
        match *self {
            // Exactly the point: (a + a + a)/3 and (a + 4a + a)/6 can round.
            Self::Triangular { low, likely, high } | Self::Pert { low, likely, high }
                if low == high =>
            {
                (likely, 0.0)
            }
            // (b − a)/√12 as (b/2 − a/2)/√3: no overflow for the widest of ranges.
            Self::Uniform { low, high } => (self.point(), (high / 2.0 - low / 2.0) / 3f64.sqrt()),
            Self::Triangular { low, likely, high } => {
                let (a, b, c) = (low, high, likely);
                let mean = (a + b + c) / 3.0;
                let mean = if mean.is_finite() {
                    mean
                } else {
                    a / 3.0 + b / 3.0 + c / 3.0
                };
                // The variance of the parameters scaled to at most 1, scaled back in its root:
                // the squares of very large parameters would overflow.
                let scale = a.abs().max(b.abs()).max(c.abs());
                if scale == 0.0 {
                    return (mean, 0.0);
                }
                let (a, b, c) = (a / scale, b / scale, c / scale);
                let variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
                (mean, scale * variance.max(0.0).sqrt())
            }
            Self::Pert { low, likely, high } => {
                let mean = (low + 4.0 * likely + high) / 6.0;
                let mean = if mean.is_finite() {
                    mean
                } else {
                    low / 6.0 + likely / 1.5 + high / 6.0
                };
                // (μ − a)(b − μ)/7 = αβ(b − a)²/252, from the distances to the ends halved (so
                // they cannot overflow) and scaled back in the root; max(0): rounding when μ
                // sits at an end.
                let (below, above) = (mean / 2.0 - low / 2.0, high / 2.0 - mean / 2.0);
                (
                    mean,
                    2.0 * (below.max(0.0).sqrt() * above.max(0.0).sqrt()) / 7f64.sqrt(),
                )
            }
            Self::Normal { mean, sd } => (mean, sd),
            Self::Lognormal { median, gsd } => {
                let sigma2 = gsd.ln().powi(2);
                let mean = median * (sigma2 / 2.0).exp();
                (mean, mean * exp_minus_one(sigma2).sqrt())
            }
        }
    }

    /// The `p` quantile, the value x with P(X ≤ x) = `p` (the table in the module
    /// documentation). `p` is held within [2⁻⁵³, 1 − 2⁻⁵³], the range of the uniforms the
    /// trials draw, for the normal and lognormal (whose 0 and 1 quantiles are not finite);
    /// a bounded shape's 0 and 1 quantiles are its low and high ends. A NaN `p` is ½. A
    /// distribution with a [`Distribution::problem`] gives its point value (0 if not a
    /// number).
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// let normal = Distribution::Normal { mean: 12.0, sd: 3.0 };
    /// assert_eq!(normal.quantile(0.5), 12.0);
    /// assert!((normal.quantile(0.9) - (12.0 + 3.0 * 1.281_551_565_545)).abs() < 1e-9);
    /// let uniform = Distribution::Uniform { low: 8.0, high: 20.0 };
    /// assert_eq!((uniform.quantile(0.0), uniform.quantile(0.25)), (8.0, 11.0));
    /// ```
    pub fn quantile(&self, p: f64) -> f64 {
        if !self.is_valid() {
            return self.fallback();
        }
        let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
        self.valid_quantile(p)
    }

    /// [`Distribution::quantile`] of a valid distribution at `p` within [0, 1].
    fn valid_quantile(&self, p: f64) -> f64 {
        let interior = || p.clamp(SMALLEST_UNIFORM, 1.0 - SMALLEST_UNIFORM);
        let value = match *self {
            Self::Uniform { low, high } => between(low, high, p),
            Self::Triangular { low, likely, high } => triangular_quantile(low, likely, high, p),
            Self::Pert { low, likely, high } => {
                if low == high {
                    likely
                } else {
                    let (alpha, beta) = pert_shapes(low, likely, high);
                    between(low, high, beta_quantile(alpha, beta, p))
                }
            }
            Self::Normal { mean, sd } => mean + sd * standard_normal_quantile(interior()),
            Self::Lognormal { median, gsd } => {
                median * (gsd.ln() * standard_normal_quantile(interior())).exp()
            }
        };
        self.held(value)
    }

    /// `value` held within a bounded shape's [low, high] and within the finite numbers.
    fn held(&self, value: f64) -> f64 {
        let (least, greatest) = match *self {
            Self::Uniform { low, high }
            | Self::Triangular { low, high, .. }
            | Self::Pert { low, high, .. } => (low, high),
            Self::Normal { .. } | Self::Lognormal { .. } => (-f64::MAX, f64::MAX),
        };
        value.max(least).min(greatest)
    }

    /// One draw (see "Sampling" in the module documentation); no allocation.
    ///
    /// # Example
    /// ```
    /// use headroom_core::plan::Distribution;
    /// use headroom_core::uncertain::rng::Rng;
    /// let pert = Distribution::Pert { low: 8.0, likely: 12.0, high: 20.0 };
    /// let x = pert.sample(&mut Rng::for_trial(1, 0, 0));
    /// assert!((8.0..=20.0).contains(&x));
    /// assert_eq!(x, pert.sample(&mut Rng::for_trial(1, 0, 0)));
    /// let fixed = Distribution::Normal { mean: 12.5, sd: 0.0 };
    /// assert_eq!(fixed.sample(&mut Rng::for_trial(1, 0, 0)), 12.5);
    /// ```
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        if !self.is_valid() {
            return self.fallback();
        }
        match *self {
            Self::Pert { low, likely, high } => {
                if low == high {
                    return likely;
                }
                let (alpha, beta) = pert_shapes(low, likely, high);
                let x = beta_draw(alpha, beta, rng);
                self.held(between(low, high, x))
            }
            _ => self.valid_quantile(rng.uniform_open01()),
        }
    }
}

/// PERT's beta shapes: α = 1 + 4(c − a)/(b − a), β = 1 + 4(b − c)/(b − a), for a < b
/// (every difference halved, so none overflows).
fn pert_shapes(low: f64, likely: f64, high: f64) -> (f64, f64) {
    let width = high / 2.0 - low / 2.0;
    (
        1.0 + 4.0 * (likely / 2.0 - low / 2.0) / width,
        1.0 + 4.0 * (high / 2.0 - likely / 2.0) / width,
    )
}

/// The point `share` (0–1) of the way from `low` to `high`: `low + (high − low)·share`, or,
/// when the width is too large to be a number, the same as a weighted mean of the ends.
fn between(low: f64, high: f64, share: f64) -> f64 {
    let width = high - low;
    if width.is_finite() {
        low + width * share
    } else {
        low * (1.0 - share) + high * share
    }
}

/// The triangular quantile (module documentation), `likely` exactly when the width is 0;
/// worked out as a share of the width (the peak at c = (c − a)/(b − a) of it, each difference
/// halved), so that no product of two differences overflows.
fn triangular_quantile(low: f64, likely: f64, high: f64, p: f64) -> f64 {
    if high == low {
        return likely;
    }
    let peak = ((likely / 2.0 - low / 2.0) / (high / 2.0 - low / 2.0)).clamp(0.0, 1.0);
    let share = if p < peak {
        (p * peak).sqrt()
    } else {
        1.0 - ((1.0 - p) * (1.0 - peak)).sqrt()
    };
    between(low, high, share)
}

/// Φ⁻¹(`p`), the standard normal quantile, for `p` strictly inside (0, 1): −√2·erfc⁻¹(2p).
fn standard_normal_quantile(p: f64) -> f64 {
    -SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
}

/// The `p` quantile (0 ≤ `p` ≤ 1) of Beta(`a`, `b`) for `a`, `b` ≥ 1: I_x(a, b) = p solved
/// by Newton's method, a step that would leave the bracket replaced by bisection (at most 200
/// steps; it converges in a few).
fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let density = |x: f64| ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_beta).exp();
    let (mut low, mut high) = (0.0f64, 1.0f64);
    // Start at the mean.
    let mut x = a / (a + b);
    for _ in 0..200 {
        let excess = beta_reg(a, b, x) - p;
        if excess == 0.0 {
            return x;
        }
        if excess < 0.0 {
            low = x;
        } else {
            high = x;
        }
        let next = x - excess / density(x);
        let next = if next.is_finite() && next > low && next < high {
            next
        } else {
            low + (high - low) / 2.0
        };
        if (next - x).abs() <= 1e-15 * x.max(1e-300) || high - low <= 1e-15 * high {
            return next;
        }
        x = next;
    }
    x
}

/// A Beta(`a`, `b`) draw, `a`, `b` ≥ 1: X/(X + Y) of two gamma draws.
fn beta_draw(a: f64, b: f64, rng: &mut Rng) -> f64 {
    let x = gamma_draw(a, rng);
    let y = gamma_draw(b, rng);
    let sum = x + y;
    if sum > 0.0 {
        x / sum
    } else {
        a / (a + b)
    }
}

/// A Gamma(`shape`, 1) draw for `shape` ≥ 1 by Marsaglia and Tsang (2000): with d = shape − ⅓,
/// c = 1/√(9d), z normal and v = (1 + cz)³ > 0, accept d·v when u < 1 − 0.0331·z⁴ (the
/// squeeze) or ln u < z²/2 + d(1 − v + ln v). After 64 rejections (probability below 10⁻⁸⁰)
/// the mean, `shape`, so that a draw always ends.
fn gamma_draw(shape: f64, rng: &mut Rng) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    for _ in 0..64 {
        let z = standard_normal_quantile(rng.uniform_open01());
        let t = 1.0 + c * z;
        if t <= 0.0 {
            continue;
        }
        let v = t * t * t;
        let u = rng.uniform_open01();
        let z2 = z * z;
        if u < 1.0 - 0.0331 * z2 * z2 || u.ln() < 0.5 * z2 + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
    shape
}

/// eˣ − 1, for the lognormal's σ² (x ≥ 0): by its series x + x²/2 + x³/6 below 10⁻⁵, where
/// eˣ − 1 would lose digits (the next term is under 10⁻¹⁶ of the sum), as eˣ − 1 above (a
/// relative error under 10⁻¹¹). libm's `exp_m1` brought 0.8 KB of code to the page for this
/// one use.
fn exp_minus_one(x: f64) -> f64 {
    if x.abs() < 1e-5 {
        x * (1.0 + x * (0.5 + x / 6.0))
    } else {
        x.exp() - 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_minus_one_is_libms_within_1e_11() {
        for x in [
            0.0, 1e-300, 1e-12, 1e-8, 9.9e-6, 1e-5, 1.1e-5, 1e-3, 0.1, 0.5, 1.0, 4.0, 30.0,
        ] {
            let (got, want) = (exp_minus_one(x), x.exp_m1());
            assert!(
                (got - want).abs() <= 1e-11 * want.abs(),
                "{x}: {got} {want}"
            );
        }
    }

    #[test]
    fn zero_width_ranges_are_their_point_exactly() {
        let point = 12.345_678_9;
        for d in [
            Distribution::Uniform {
                low: point,
                high: point,
            },
            Distribution::Triangular {
                low: point,
                likely: point,
                high: point,
            },
            Distribution::Pert {
                low: point,
                likely: point,
                high: point,
            },
            Distribution::Normal {
                mean: point,
                sd: 0.0,
            },
            Distribution::Lognormal {
                median: point,
                gsd: 1.0,
            },
        ] {
            assert_eq!(d.problem(), None);
            assert_eq!(d.point(), point);
            assert_eq!(d.mean(), point, "{d:?}");
            assert_eq!(d.sd(), 0.0, "{d:?}");
            for p in [0.0, 1e-12, 0.1, 0.5, 0.9, 1.0] {
                assert_eq!(d.quantile(p), point, "{d:?} at {p}");
            }
            let mut rng = Rng::for_trial(9, 0, 0);
            for _ in 0..100 {
                assert_eq!(d.sample(&mut rng), point, "{d:?}");
            }
        }
    }

    #[test]
    fn problems_name_the_parameter() {
        let cases = [
            (
                Distribution::Uniform {
                    low: 20.0,
                    high: 8.0,
                },
                "low (20) is above high (8)",
            ),
            (
                Distribution::Triangular {
                    low: 8.0,
                    likely: 4.5,
                    high: 20.0,
                },
                "likely (4.5) is below low (8)",
            ),
            (
                Distribution::Pert {
                    low: 8.0,
                    likely: f64::INFINITY,
                    high: 20.0,
                },
                "likely is not a finite number",
            ),
            (
                Distribution::Normal {
                    mean: 1.0,
                    sd: -0.5,
                },
                "sd (-0.5) is negative: a standard deviation is at least 0",
            ),
            (
                Distribution::Lognormal {
                    median: 0.0,
                    gsd: 2.0,
                },
                "median (0) is not above 0: a lognormal's values are all positive",
            ),
            (
                Distribution::Lognormal {
                    median: 3.0,
                    gsd: 0.9,
                },
                "gsd (0.9) is below 1: a geometric standard deviation is at least 1 (1 for no \
                 spread)",
            ),
            // A bounded shape's moments are worked out without overflowing, whatever its
            // width; a lognormal's mean can still be beyond the largest number.
            (
                Distribution::Lognormal {
                    median: 1e308,
                    gsd: 3.0,
                },
                "is too wide to compute with: its mean or standard deviation is beyond the \
                 largest number",
            ),
            (
                Distribution::Lognormal {
                    median: 1.0,
                    gsd: 1e300,
                },
                "is too wide to compute with: its mean or standard deviation is beyond the \
                 largest number",
            ),
        ];
        for (d, expected) in cases {
            assert_eq!(d.problem().as_deref(), Some(expected), "{d:?}");
            assert!(!d.is_valid());
        }
    }

    #[test]
    fn unusable_distributions_give_their_point_and_never_nan() {
        let bad = Distribution::Triangular {
            low: 8.0,
            likely: 30.0,
            high: 20.0,
        };
        let mut rng = Rng::for_trial(1, 0, 0);
        assert_eq!(bad.sample(&mut rng), 30.0);
        assert_eq!(bad.quantile(0.9), 30.0);
        assert_eq!((bad.mean(), bad.sd()), (30.0, 0.0));
        let nan = Distribution::Normal {
            mean: f64::NAN,
            sd: 1.0,
        };
        assert_eq!(nan.sample(&mut rng), 0.0);
        assert_eq!(nan.quantile(0.5), 0.0);
        assert_eq!(nan.mean(), 0.0);
    }

    #[test]
    fn quantiles_at_the_ends_and_of_nan() {
        let normal = Distribution::Normal { mean: 0.0, sd: 1.0 };
        for p in [0.0, -1.0, 1.0, 2.0, f64::NAN, f64::INFINITY] {
            assert!(normal.quantile(p).is_finite());
        }
        assert_eq!(normal.quantile(f64::NAN), 0.0);
        assert!(normal.quantile(0.0) < -8.0);
        let pert = Distribution::Pert {
            low: 1.0,
            likely: 2.0,
            high: 5.0,
        };
        assert_eq!((pert.quantile(0.0), pert.quantile(1.0)), (1.0, 5.0));
        let tri = Distribution::Triangular {
            low: 1.0,
            likely: 1.0,
            high: 5.0,
        };
        assert_eq!((tri.quantile(0.0), tri.quantile(1.0)), (1.0, 5.0));
    }

    #[test]
    fn draws_are_finite_even_at_the_widest() {
        let wide = Distribution::Normal {
            mean: 1e307,
            sd: 1e307,
        };
        assert_eq!(wide.problem(), None);
        let mut rng = Rng::for_trial(1, 0, 0);
        for _ in 0..1000 {
            assert!(wide.sample(&mut rng).is_finite());
        }
    }
}
