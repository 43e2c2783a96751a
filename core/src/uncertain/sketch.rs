//! A mergeable quantile sketch: the distribution of one result cell (one metric, one scenario,
//! one month) across the trials, in far less memory than every trial's value.
//!
//! 10 000 trials × 5 scenarios × 120 months × ~8 metrics is 48 million values, 384 MB as
//! `f64`s: more than a browser tab should hold. A [`Sketch`] keeps each value's
//! *representative* and how many values share it, as a sorted list:
//!
//! - **Whole numbers from −65 536 to 65 536** (counts of instances and nodes, tier indices,
//!   and 0) are their own representative: exact. [`EXACT_WHOLE_LIMIT`].
//! - **Every other finite value** is represented by the middle of its bin, the bins being the
//!   `f64`s that share the sign, the exponent and the top 9 bits of the mantissa (512 bins an
//!   octave, log-spaced like DDSketch's: Masson, Rim and Lee, "DDSketch: a fast and
//!   fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019, here with the
//!   bit-level "log-linear" index of HdrHistogram). A value v in the bin
//!   [2ᵉ(1 + j/512), 2ᵉ(1 + (j+1)/512)) is represented by 2ᵉ(1 + (j+½)/512), at most
//!   2ᵉ/1024 ≤ |v|·2⁻¹⁰ away: **a relative error of at most 2⁻¹⁰ ≈ 0.098 %** ([`RELATIVE_ERROR`]).
//!   The bin is found with integer operations on the value's bits: the same on every
//!   platform, no logarithm. Subnormal values (below 2.2·10⁻³⁰⁸) are kept exactly.
//! - NaN and ±∞ are not added ([`Sketch::add`] ignores them).
//!
//! **Quantile definition** (nearest rank): with n values, the `p` quantile is the r-th
//! smallest, r = ⌈p·n⌉ held within 1..n ([`rank`]); `p` = 0 is the minimum and `p` = 1 the
//! maximum, both exact. Since every representative is within 2⁻¹⁰·|v| of its value v, and
//! v ↦ v ± 2⁻¹⁰|v| are increasing, the r-th smallest representative is within 2⁻¹⁰·|x| of the
//! r-th smallest value x: the sketch's quantile is within [`RELATIVE_ERROR`] of the exact
//! nearest-rank quantile of the same values (exactly it for whole numbers in range), and is
//! held within [min, max].
//!
//! **Merging** sums the counts of equal representatives: the result depends only on the
//! values added, not on their order or on how they were split between sketches.
//!
//! **Memory.** 12 bytes per distinct representative (an `f64` and a `u32` count), plus values
//! added since the list was last brought up to date (8 bytes each, at most max(64, distinct
//! representatives) of them; [`Sketch::shrink`] frees them). A cell of whole numbers holds a
//! few dozen; a continuous metric at most 512 representatives per doubling of its spread
//! (about 1 000, 12 KB, for a P0–P100 spread of 4×) and never more than its trials.

/// Whole numbers of at most this size are kept exactly.
pub const EXACT_WHOLE_LIMIT: f64 = 65_536.0;

/// The largest relative error of a quantile (2⁻¹⁰, 0.098 %): |sketch − exact| ≤ this × |exact|.
pub const RELATIVE_ERROR: f64 = 1.0 / 1024.0;

/// Mantissa bits below a bin's 9 kept bits.
const DROPPED_BITS: u32 = 52 - 9;

/// Added values waiting to be sorted in are brought in once there are this many, or as many
/// as the distinct representatives, whichever is more.
const LEAST_PENDING: usize = 64;

/// The representative of a finite `value` (module documentation); 0 for ±0.
fn representative(value: f64) -> f64 {
    let abs = value.abs();
    if value == 0.0 {
        return 0.0;
    }
    if (abs <= EXACT_WHOLE_LIMIT && value.fract() == 0.0) || abs < f64::MIN_POSITIVE {
        return value;
    }
    let bits = abs.to_bits() >> DROPPED_BITS << DROPPED_BITS | 1 << (DROPPED_BITS - 1);
    let middle = f64::from_bits(bits);
    if value < 0.0 {
        -middle
    } else {
        middle
    }
}

/// The nearest rank of the `p` quantile of `count` values: ⌈p·count⌉ held within 1..count
/// (a NaN `p` is ½), computed in `f64`; 0 for no values.
///
/// # Example
/// ```
/// use headroom_core::uncertain::sketch::rank;
/// assert_eq!(rank(0.9, 10), 9);
/// assert_eq!(rank(0.5, 5), 3);
/// assert_eq!((rank(0.0, 5), rank(1.0, 5)), (1, 5));
/// ```
pub fn rank(p: f64, count: u64) -> u64 {
    if count == 0 {
        return 0;
    }
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    ((p * count as f64).ceil() as u64).max(1).min(count)
}

/// The distribution of one result across trials (module documentation).
///
/// # Example
/// ```
/// use headroom_core::uncertain::sketch::Sketch;
/// let mut nodes = Sketch::default();
/// for v in [3.0, 4.0, 4.0, 5.0, 9.0] {
///     nodes.add(v);
/// }
/// assert_eq!(nodes.count(), 5);
/// assert_eq!(nodes.quantile(0.5), Some(4.0));
/// assert_eq!(nodes.quantile(0.9), Some(9.0));
/// let mut cost = Sketch::default();
/// cost.add(1234.567);
/// let q = cost.quantile(0.5).unwrap();
/// assert_eq!(q, 1234.567); // held within [min, max]
/// ```
#[derive(Clone, Debug, Default)]
pub struct Sketch {
    /// Distinct representatives, ascending.
    values: Vec<f64>,
    /// How many values each of `values` stands for.
    counts: Vec<u32>,
    /// Representatives of values added since `values` was last brought up to date.
    pending: Vec<f64>,
    /// Values added.
    count: u64,
    /// Least and greatest value added (exact); meaningless while `count` is 0.
    min: f64,
    max: f64,
}

impl Sketch {
    /// Adds one value; NaN and ±∞ are ignored (they count nowhere).
    pub fn add(&mut self, value: f64) {
        if !value.is_finite() {
            return;
        }
        let value = if value == 0.0 { 0.0 } else { value };
        if self.count == 0 {
            (self.min, self.max) = (value, value);
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        self.count += 1;
        self.pending.push(representative(value));
        if self.pending.len() >= LEAST_PENDING.max(self.values.len()) {
            self.settle();
        }
    }

    /// Adds every value of `other` to this sketch: the same sketch as adding them one by one,
    /// in any order.
    pub fn merge(&mut self, other: &Sketch) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            (self.min, self.max) = (other.min, other.max);
        } else {
            self.min = self.min.min(other.min);
            self.max = self.max.max(other.max);
        }
        self.count += other.count;
        self.pending.extend_from_slice(&other.pending);
        self.settle();
        let (values, counts) = merged(&self.values, &self.counts, &other.values, &other.counts);
        self.values = values;
        self.counts = counts;
    }

    /// Brings the pending values into the sorted list and frees their buffer: for a cell
    /// whose trials are all in.
    pub fn shrink(&mut self) {
        self.settle();
        self.pending = Vec::new();
        self.values.shrink_to_fit();
        self.counts.shrink_to_fit();
    }

    /// Sorts the pending representatives into the list.
    fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable_by(f64::total_cmp);
        let mut values = Vec::with_capacity(self.pending.len());
        let mut counts: Vec<u32> = Vec::with_capacity(self.pending.len());
        for &v in &self.pending {
            match (values.last(), counts.last_mut()) {
                (Some(&last), Some(count)) if last == v => *count = count.saturating_add(1),
                _ => {
                    values.push(v);
                    counts.push(1);
                }
            }
        }
        self.pending.clear();
        let (values, counts) = merged(&self.values, &self.counts, &values, &counts);
        self.values = values;
        self.counts = counts;
    }

    /// How many values were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The least value added, exactly; `None` when none was.
    pub fn min(&self) -> Option<f64> {
        (self.count > 0).then_some(self.min)
    }

    /// The greatest value added, exactly; `None` when none was.
    pub fn max(&self) -> Option<f64> {
        (self.count > 0).then_some(self.max)
    }

    /// How many distinct representatives the sketch holds (what its memory grows with).
    pub fn distinct(&self) -> usize {
        if self.pending.is_empty() {
            self.values.len()
        } else {
            self.settled().values.len()
        }
    }

    /// The `p` quantile (0 ≤ `p` ≤ 1; outside, held within; NaN is ½) by nearest rank,
    /// within [`RELATIVE_ERROR`] of the exact one (module documentation); `None` when no
    /// value was added.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let r = rank(p, self.count);
        if r == 1 {
            return Some(self.min);
        }
        if r == self.count {
            return Some(self.max);
        }
        let settled = self.settled();
        let mut seen = 0u64;
        for (&value, &n) in settled.values.iter().zip(&settled.counts) {
            seen += u64::from(n);
            if seen >= r {
                return Some(value.max(self.min).min(self.max));
            }
        }
        Some(self.max)
    }

    /// This sketch with nothing pending (a copy only when something is).
    fn settled(&self) -> std::borrow::Cow<'_, Sketch> {
        if self.pending.is_empty() {
            std::borrow::Cow::Borrowed(self)
        } else {
            let mut copy = self.clone();
            copy.settle();
            std::borrow::Cow::Owned(copy)
        }
    }
}

/// Two sorted lists of representatives and counts as one, equal representatives' counts
/// summed.
fn merged(a: &[f64], a_counts: &[u32], b: &[f64], b_counts: &[u32]) -> (Vec<f64>, Vec<u32>) {
    let mut values = Vec::with_capacity(a.len() + b.len());
    let mut counts = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                let n = a_counts.get(i).copied().unwrap_or(0);
                let m = b_counts.get(j).copied().unwrap_or(0);
                i += 1;
                j += 1;
                (x, n.saturating_add(m))
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                (x, a_counts.get(i - 1).copied().unwrap_or(0))
            }
            (_, Some(&y)) => {
                j += 1;
                (y, b_counts.get(j - 1).copied().unwrap_or(0))
            }
            (Some(&x), None) => {
                i += 1;
                (x, a_counts.get(i - 1).copied().unwrap_or(0))
            }
            (None, None) => break,
        };
        values.push(next.0);
        counts.push(next.1);
    }
    (values, counts)
}

/// Two sketches are equal when they hold the same values' representatives, count, minimum
/// and maximum, however they were added.
impl PartialEq for Sketch {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.settled(), other.settled());
        a.count == b.count
            && (a.count == 0 || (a.min == b.min && a.max == b.max))
            && a.values == b.values
            && a.counts == b.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_exact() {
        for v in [
            0.0, 1.0, -1.0, 37.0, 1023.0, 1025.0, 65_535.0, 65_536.0, -65_536.0,
        ] {
            assert_eq!(representative(v), v);
        }
        assert_eq!(representative(-0.0).to_bits(), 0.0f64.to_bits());
        // Beyond the limit, whole numbers are binned like any other.
        assert_ne!(representative(65_537.0), 65_537.0);
    }

    #[test]
    fn representatives_are_within_the_bound() {
        let mut v = 1e-300;
        while v < 1e300 {
            for x in [v, -v, v * 1.000_7, v * 1.999] {
                let r = representative(x);
                assert!((r - x).abs() <= RELATIVE_ERROR * x.abs(), "{x} → {r}");
                assert_eq!(r.signum(), x.signum());
            }
            v *= 1.37;
        }
        assert!(representative(f64::MAX).is_finite());
        assert_eq!(representative(5e-324), 5e-324);
    }

    #[test]
    fn representatives_keep_order() {
        let mut previous = -f64::MAX;
        let mut v = -1e6;
        while v < 1e6 {
            let r = representative(v);
            assert!(r >= previous, "{v}");
            previous = r;
            v += 0.37;
        }
    }

    #[test]
    fn empty_and_non_finite() {
        let mut s = Sketch::default();
        assert_eq!((s.quantile(0.5), s.min(), s.max()), (None, None, None));
        s.add(f64::NAN);
        s.add(f64::INFINITY);
        assert_eq!(s.count(), 0);
        s.add(-0.0);
        assert_eq!(s.quantile(0.5).map(f64::to_bits), Some(0.0f64.to_bits()));
    }

    #[test]
    fn nearest_rank_of_whole_numbers_is_exact() {
        let mut s = Sketch::default();
        for v in 1..=1000 {
            s.add(f64::from(v % 100));
        }
        // 0..99 ten times each: the 500th smallest is 49, the 901st is 90.
        assert_eq!(s.quantile(0.5), Some(49.0));
        assert_eq!(s.quantile(0.901), Some(90.0));
        assert_eq!(s.quantile(0.0), Some(0.0));
        assert_eq!(s.quantile(1.0), Some(99.0));
        assert_eq!(s.distinct(), 100);
    }

    #[test]
    fn merging_in_any_order_is_adding_all() {
        let values: Vec<f64> = (0..500).map(|i| f64::from(i).sin() * 1000.0).collect();
        let mut all = Sketch::default();
        values.iter().for_each(|&v| all.add(v));
        let mut a = Sketch::default();
        let mut b = Sketch::default();
        values[..123].iter().for_each(|&v| a.add(v));
        values[123..].iter().for_each(|&v| b.add(v));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab, all);
        ab.shrink();
        assert_eq!(ab, all);
        assert_eq!(ab.quantile(0.3), all.quantile(0.3));
    }
}
