//! The trials' random numbers: xoshiro256** seeded by SplitMix64, one generator per trial and
//! per uncertain input, so that a trial's draws never depend on how the trials are run.
//!
//! **Generator.** xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
//! generators", ACM TOMS 47(4), 2021; reference code at <https://prng.di.unimi.it/>): 256 bits
//! of state, period 2²⁵⁶ − 1, passes BigCrush and PractRand. Each step is shifts, rotations,
//! XORs and one 64-bit multiplication by 5 and by 9 (wrapping): integer operations that give
//! the same bits on every platform, the browser's WebAssembly included.
//!
//! **Seeding.** The state is four successive outputs of SplitMix64 (Steele, Lea and Flood,
//! "Fast splittable pseudorandom number generators", OOPSLA 2014; the seeding the xoshiro
//! authors recommend) started from the 64-bit key of (seed, trial, stream). SplitMix64's
//! output function is a bijection of its state and consecutive states differ, so the four
//! words are never all zero (the one state xoshiro must avoid).
//!
//! **Reproducible by trial.** [`Rng::for_trial`] makes the generator of one input (`stream`,
//! the index of the plan's range) in one trial from the plan's seed alone: trial 7 draws the
//! same numbers whether the trials run 0..10 000 in one go or in chunks of 250, on a thread
//! or in a worker, natively or in wasm. A trial draws one number per input for inverse-CDF
//! sampling and a few for rejection sampling, so a generator of its own per (trial, stream)
//! costs four SplitMix64 steps: a few nanoseconds.
//!
//! **Uniforms.** [`Rng::uniform_open01`] takes the top 52 bits, adds ½ and scales by 2⁻⁵²:
//! (k + ½)·2⁻⁵² for k in 0..2⁵², every value exact, strictly inside (0, 1) (the smallest is
//! 2⁻⁵³, the largest 1 − 2⁻⁵³), so an inverse CDF is never asked for the 0 or 1 quantile of
//! an unbounded distribution. One conversion of an integer below 2⁵², one addition and one
//! multiplication by a power of two: exact in IEEE arithmetic, no library call. (With 53 bits,
//! (2⁵³ − 1) + ½ needs 54 bits of mantissa and rounds up to 2⁵³, giving exactly 1.)

/// Golden-ratio increment of SplitMix64: 2⁶⁴ / φ, odd.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// One SplitMix64 step: advances `state` and returns the mixed output.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN_GAMMA);
    mix64(*state)
}

/// SplitMix64's output function (Stafford's "Mix13" variant of the MurmurHash3 finalizer): a
/// bijection of 64-bit words that spreads every input bit over every output bit.
fn mix64(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The smallest value [`Rng::uniform_open01`] returns, 2⁻⁵³; the largest is 1 − 2⁻⁵³.
pub const SMALLEST_UNIFORM: f64 = 1.0 / (1u64 << 53) as f64;

/// A xoshiro256** generator.
///
/// # Example
/// ```
/// use headroom_core::uncertain::rng::Rng;
/// let mut a = Rng::for_trial(1, 7, 0);
/// let mut b = Rng::for_trial(1, 7, 0);
/// let u = a.uniform_open01();
/// assert!(u > 0.0 && u < 1.0);
/// assert_eq!(u, b.uniform_open01());
/// // Another trial, or another input of the same trial, draws other numbers.
/// assert_ne!(u, Rng::for_trial(1, 8, 0).uniform_open01());
/// assert_ne!(u, Rng::for_trial(1, 7, 1).uniform_open01());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    /// A generator seeded from the 64-bit `seed` by SplitMix64.
    pub fn new(seed: u64) -> Self {
        let mut sm = seed;
        Self {
            state: [
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
            ],
        }
    }

    /// The generator of input `stream` (the index of the plan's range) in trial `trial` of a
    /// run seeded with `seed`. The key is (`seed` · 2³² + `trial`) mixed once, XORed with
    /// `stream` mixed once: distinct (seed, trial, stream) give unrelated SplitMix64 starts.
    pub fn for_trial(seed: u32, trial: u32, stream: u32) -> Self {
        let key = u64::from(seed) << 32 | u64::from(trial);
        let stream_key = mix64(u64::from(stream).wrapping_add(GOLDEN_GAMMA));
        Self::new(mix64(key) ^ stream_key)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number strictly between 0 and 1: (k + ½)·2⁻⁵² with k the top 52 bits of
    /// [`Rng::next_u64`].
    pub fn uniform_open01(&mut self) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 52) as f64;
        ((self.next_u64() >> 12) as f64 + 0.5) * SCALE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_implementation() {
        // xoshiro256** from the state 1, 2, 3, 4 (reference C code, prng.di.unimi.it): the
        // first outputs are 11520, 0, 1509978240, 1215971899390074240.
        let mut rng = Rng {
            state: [1, 2, 3, 4],
        };
        let outputs: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(
            outputs,
            [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]
        );
    }

    #[test]
    fn splitmix_matches_the_reference_implementation() {
        // SplitMix64 from 0 (Vigna's splitmix64.c): the first output is 0xE220A8397B1DCDAF.
        let mut state = 0;
        assert_eq!(splitmix64(&mut state), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(&mut state), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn uniforms_stay_strictly_inside_the_unit_interval() {
        let mut low = Rng { state: [0; 4] };
        // An all-zero state outputs zeros forever: the smallest uniform.
        assert_eq!(low.uniform_open01(), SMALLEST_UNIFORM);
        let largest = ((u64::MAX >> 12) as f64 + 0.5) / (1u64 << 52) as f64;
        assert!(largest < 1.0);
        assert_eq!(largest, 1.0 - SMALLEST_UNIFORM);
        let mut rng = Rng::for_trial(3, 0, 0);
        for _ in 0..10_000 {
            let u = rng.uniform_open01();
            assert!(u > 0.0 && u < 1.0);
        }
    }

    #[test]
    fn keys_are_distinct() {
        let mut seen = Vec::new();
        for seed in 0..4 {
            for trial in 0..50 {
                for stream in 0..5 {
                    seen.push(Rng::for_trial(seed, trial, stream).next_u64());
                }
            }
        }
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 4 * 50 * 5);
    }
}
