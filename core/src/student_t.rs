//! The Student-t quantile a trend's confidence band needs ([`crate::growth`]).
//!
//! `statrs`'s `StudentsT::inverse_cdf` gives the same figures, but its `ln_gamma` handles
//! arguments below ½ by Euler's reflection, which brings the sine and its argument reduction
//! (libm's `rem_pio2_large` and its tables) into the page. Here every argument is at least ½:
//!
//! ```text
//! upper tail   Q(t) = ½ · I_x(ν/2, ½),  x = ν / (ν + t²)          (t ≥ 0, t² ≥ ν)
//!                   = ½ − ½ · I_y(½, ν/2),  y = t² / (ν + t²)     (t² < ν)
//! density      f(t) = Γ((ν+1)/2) / (√(νπ) · Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2)
//! ```
//!
//! with `I` the regularized incomplete beta function (its continued fraction, evaluated by
//! the modified Lentz method, Numerical Recipes §6.4) and `ln Γ` by Lanczos' approximation
//! (g = 7, nine terms; relative error below 10⁻¹⁵ for arguments of ½ and up). The quantile is
//! found by Newton's method on Q, kept inside a bracket that bisection narrows when a step
//! would leave it. `tests` holds it to reference values computed to 40 digits (10⁻¹¹; ln Γ of large arguments costs the last digits) and to
//! `statrs` (10⁻⁹, statrs's own accuracy).
//!
//! `ln_gamma` and `beta_reg` also give the PERT range's beta quantile
//! ([`crate::uncertain::distribution`]), whose shapes are 1–5.

use std::f64::consts::PI;

/// The `p` quantile (½ ≤ `p` < 1) of Student's t with `df` ≥ 1 degrees of freedom (a trend
/// fitted to n ≥ 3 points has n − 2): the `t` with P(T ≤ t) = `p`. `None` for arguments
/// outside those ranges.
///
/// # Example
/// ```
/// use headroom_core::student_t::quantile;
/// // The two-sided 95 % value for 10 degrees of freedom, as in every table.
/// assert!((quantile(10.0, 0.975).unwrap() - 2.228_138_851_986).abs() < 1e-9);
/// assert_eq!(quantile(10.0, 0.5), Some(0.0));
/// assert_eq!(quantile(0.0, 0.9), None);
/// ```
pub fn quantile(df: f64, p: f64) -> Option<f64> {
    if !(df >= 1.0 && df.is_finite() && (0.5..1.0).contains(&p)) {
        return None;
    }
    if p == 0.5 {
        return Some(0.0);
    }
    let tail = 1.0 - p;
    // ln of the density's constant: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)).
    let ln_norm = ln_gamma((df + 1.0) / 2.0) - ln_gamma(df / 2.0) - 0.5 * (df * PI).ln();
    let density = |t: f64| (ln_norm - (df + 1.0) / 2.0 * (t * t / df).ln_1p()).exp();
    // Near the centre (t² < ν) from the central probability, I_y(½, ν/2) with y = t²/(ν+t²),
    // which keeps its digits where x = ν/(ν+t²) is too close to 1 to.
    let upper_tail = |t: f64| {
        let t2 = t * t;
        if t2 < df {
            0.5 - 0.5 * beta_reg(0.5, df / 2.0, t2 / (df + t2))
        } else {
            0.5 * beta_reg(df / 2.0, 0.5, df / (df + t2))
        }
    };
    // A bracket [low, high] with Q(low) > tail ≥ Q(high).
    let (mut low, mut high) = (0.0, 1.0);
    while upper_tail(high) > tail {
        low = high;
        high *= 2.0;
        if high > 1e300 {
            return None;
        }
    }
    let mut t = (low + high) / 2.0;
    for _ in 0..200 {
        let excess = upper_tail(t) - tail;
        if excess > 0.0 {
            low = t;
        } else {
            high = t;
        }
        // Newton: Q'(t) = −f(t).
        let step = excess / density(t);
        let next = t + step;
        let next = if next.is_finite() && next > low && next < high {
            next
        } else {
            (low + high) / 2.0
        };
        if (next - t).abs() <= 1e-15 * t.abs() || high - low <= 1e-15 * high {
            return Some(next);
        }
        t = next;
    }
    Some(t)
}

/// ln Γ(`x`) for `x` ≥ ½ (Lanczos, g = 7, n = 9).
pub(crate) fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let sum = COEFFICIENTS[1..]
        .iter()
        .enumerate()
        .fold(COEFFICIENTS[0], |sum, (i, c)| {
            sum + c / (x + i as f64 + 1.0)
        });
    let t = x + G + 0.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The regularized incomplete beta function I_`x`(`a`, `b`) for `a`, `b` ≥ ½.
pub(crate) fn beta_reg(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (-x).ln_1p();
    // The continued fraction converges fast below (a + 1) / (a + b + 2); above it, by symmetry.
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * continued_fraction(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * continued_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let nonzero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / nonzero(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..500 {
        let m = f64::from(m);
        let two_m = 2.0 * m;
        // Even step.
        let even = m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m));
        d = 1.0 / nonzero(1.0 + even * d);
        c = nonzero(1.0 + even / c);
        h *= d * c;
        // Odd step.
        let odd = -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0));
        d = 1.0 / nonzero(1.0 + odd * d);
        c = nonzero(1.0 + odd / c);
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{ContinuousCDF, StudentsT};

    #[test]
    fn matches_reference_values() {
        // Computed to 40 digits (mpmath: bisection on 1 − ½ I_x(ν/2, ½)).
        for (df, p, exact) in [
            (1.0, 0.95, 6.313_751_514_675_043),
            (3.0, 0.9, 1.637_744_353_696_210_1),
            (8.0, 0.975, 2.306_004_135_204_166_7),
            (25.0, 0.995, 2.787_435_813_676_970_5),
            (118.0, 0.9, 1.288_767_170_824_706_2),
            (1e4, 0.9, 1.281_636_229_730_477_5),
            (1e4, 0.5001, 0.000_250_669_096_737_503_4),
            (5.0, 0.55, 0.132_175_175_231_687_26),
        ] {
            let ours = quantile(df, p).unwrap();
            assert!(
                (ours - exact).abs() <= 1e-11 * exact,
                "df {df}, p {p}: {ours} vs {exact}"
            );
        }
    }

    #[test]
    fn agrees_with_statrs() {
        // statrs (which this replaces in the page) to its own accuracy: it loses digits for
        // large ν and just above ½ (x = ν/(ν + t²) rounds towards 1).
        for df in (1..=60)
            .map(f64::from)
            .chain([1.5, 2.5, 75.0, 120.0, 500.0])
        {
            let reference = StudentsT::new(0.0, 1.0, df).unwrap();
            for p in [0.6, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995] {
                let ours = quantile(df, p).unwrap();
                let theirs = reference.inverse_cdf(p);
                assert!(
                    (ours - theirs).abs() <= 1e-9 * theirs,
                    "df {df}, p {p}: {ours} vs {theirs}"
                );
            }
        }
    }

    #[test]
    fn known_values() {
        // Cauchy (1 degree of freedom): tan(π(p − ½)).
        for p in [0.6f64, 0.9, 0.99] {
            let exact = (PI * (p - 0.5)).tan();
            assert!((quantile(1.0, p).unwrap() - exact).abs() < 1e-10 * exact);
        }
        // Two degrees of freedom: (2p − 1) √(2 / (4p(1 − p))).
        for p in [0.6f64, 0.9, 0.99] {
            let exact = (2.0 * p - 1.0) * (2.0 / (4.0 * p * (1.0 - p))).sqrt();
            assert!((quantile(2.0, p).unwrap() - exact).abs() < 1e-10 * exact);
        }
        assert!((ln_gamma(0.5) - PI.sqrt().ln()).abs() < 1e-14);
        assert!((ln_gamma(10.0) - 362_880f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn refuses_what_has_no_quantile() {
        for (df, p) in [
            (0.0, 0.9),
            (-1.0, 0.9),
            (f64::NAN, 0.9),
            (f64::INFINITY, 0.9),
            (3.0, 1.0),
            (3.0, 0.4),
            (3.0, f64::NAN),
        ] {
            assert_eq!(quantile(df, p), None, "{df} {p}");
        }
    }
}
