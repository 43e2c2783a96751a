//! Decimal text to the nearest `f64`, exactly rounded — what people type into a field
//! ([`crate::input`]) and the numbers of JSON text ([`crate::codec::json`]) — and `f64`s back
//! to decimal text ([`fixed`], [`scientific`]) for [`crate::format`].
//!
//! Rust's own `str::parse::<f64>` gives the same answer for every text (the tests below and
//! `tests/float_text.rs` hold it to that), but it carries a 10 KB table for its fast
//! algorithm (Eisel–Lemire), a fifth of the page's read-only data. Here the common case — at
//! most 19 significant digits, a value of at most 2⁵³ scaled by at most 10²² — is Clinger's
//! exact fast path (one multiplication or division of two exact `f64`s), and everything else
//! is the exact "simple decimal conversion" (Nigel Tao's, as in Go's `strconv` and in Rust's
//! own slow path): the digits are shifted by powers of two until the binary exponent and 53
//! bits of mantissa are known, then rounded half to even. Slower, and rare: only long or
//! extreme numbers take it.
//!
//! The grammar is Rust's without the words: an optional sign, digits with at most one point
//! (`1.`, `.5`, but not `.`), an optional exponent (`e`/`E`, sign, digits). A value too large
//! is ±∞, as with Rust's parser; the callers refuse it.

/// The nearest `f64` to the decimal number `text`, or `None` when `text` is not one.
///
/// # Example
/// ```
/// use headroom_core::float_text::parse_f64;
/// assert_eq!(parse_f64("12.5"), Some(12.5));
/// assert_eq!(parse_f64("-1e3"), Some(-1000.0));
/// assert_eq!(parse_f64("0.1"), Some(0.1));
/// assert_eq!(parse_f64("2.2250738585072011e-308"), "2.2250738585072011e-308".parse().ok());
/// assert_eq!(parse_f64("1e400"), Some(f64::INFINITY));
/// assert_eq!(parse_f64("1e"), None);
/// assert_eq!(parse_f64("inf"), None);
/// ```
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let digits_in = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let int_len = digits_in(rest);
    let (int_digits, rest) = rest.split_at(int_len);
    let (frac_digits, rest) = match rest.split_first() {
        Some((b'.', after)) => after.split_at(digits_in(after)),
        _ => (&rest[..0], rest),
    };
    if int_digits.is_empty() && frac_digits.is_empty() {
        return None;
    }
    let exponent = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after)) => {
            let (exp_negative, exp_digits) = match after.split_first() {
                Some((b'-', digits)) => (true, digits),
                Some((b'+', digits)) => (false, digits),
                _ => (false, after),
            };
            if exp_digits.is_empty() || digits_in(exp_digits) != exp_digits.len() {
                return None;
            }
            // Saturated far beyond any exponent that changes the answer.
            let magnitude = exp_digits.iter().fold(0i64, |e, &d| {
                (e * 10 + i64::from(d - b'0')).min(EXPONENT_CAP)
            });
            if exp_negative {
                -magnitude
            } else {
                magnitude
            }
        }
        Some(_) => return None,
    };
    let magnitude = positive_value(int_digits, frac_digits, exponent);
    Some(if negative { -magnitude } else { magnitude })
}

/// Exponents are read up to this size: beyond it every number is 0 or ∞ anyway.
const EXPONENT_CAP: i64 = 0x10000;

/// The value of the digits `int_digits.frac_digits` × 10^`exponent`.
fn positive_value(int_digits: &[u8], frac_digits: &[u8], exponent: i64) -> f64 {
    // The significant digits (no leading or trailing zeros) and where the point falls among
    // them: value = 0.d₁d₂d₃… × 10^point.
    let all = || int_digits.iter().chain(frac_digits);
    let Some(first) = all().position(|&d| d != b'0') else {
        return 0.0;
    };
    let nonzero = |digits: &[u8]| digits.iter().rposition(|&d| d != b'0');
    let last = nonzero(frac_digits)
        .map(|i| int_digits.len() + i)
        .or_else(|| nonzero(int_digits))
        .unwrap_or(first);
    let count = last - first + 1;
    let point = i64::try_from(int_digits.len()).unwrap_or(i64::MAX) - first as i64 + exponent;
    let significant = || all().skip(first).take(count).map(|&d| d - b'0');

    // Clinger's fast path: w × 10^e with w and 10^|e| both exact in an f64, one rounding.
    if count <= 19 {
        let w = significant().fold(0u64, |w, d| w * 10 + u64::from(d));
        let e = point - count as i64;
        if w <= 1 << 53 && (-22..=22).contains(&e) {
            let scale = POWERS_OF_TEN[e.unsigned_abs() as usize];
            return if e < 0 {
                w as f64 / scale
            } else {
                w as f64 * scale
            };
        }
    }
    Decimal::new(significant(), point).into_f64()
}

/// `value` with `decimals` digits after the point, as `format!("{value:.decimals$}")` writes
/// it: the exact value rounded half to even, a minus sign on anything negative (−0.0
/// included), `inf`, `-inf` and `NaN` as they are.
///
/// # Example
/// ```
/// use headroom_core::float_text::fixed;
/// assert_eq!(fixed(2.675, 2), "2.67"); // 2.67499999999999982236431605997495353221893310546875
/// assert_eq!(fixed(0.125, 2), "0.12"); // a tie, to even
/// assert_eq!(fixed(-0.01, 1), "-0.0");
/// assert_eq!(fixed(1e21, 0), "1000000000000000000000");
/// ```
pub fn fixed(value: f64, decimals: usize) -> String {
    let (mut out, abs) = match signed(value) {
        Ok(signed) => signed,
        Err(special) => return special,
    };
    let (digits, point) = fixed_in_integers(abs, decimals).unwrap_or_else(|| {
        let exact = Decimal::exact(abs);
        exact.rounded(i64::from(exact.decimal_point) + decimals as i64)
    });
    push_plain(&mut out, &digits, point, decimals);
    out
}

/// The digits and decimal point of [`fixed`] for the common case, in 128-bit integers:
/// `abs` = m·2^e, so `abs`·10^d is m·10^d / 2^−e, whose quotient and remainder give the
/// digits and the exact rounding (half to even). At most 20 decimals and magnitudes below
/// 2^117; `None` beyond (and for 0, which the exact digits handle as well).
fn fixed_in_integers(abs: f64, decimals: usize) -> Option<(Vec<u8>, i64)> {
    if decimals > 20 {
        return None;
    }
    let (mantissa, exp2) = binary_parts(abs);
    let scale = 10u128.pow(decimals as u32);
    let units = if exp2 >= 0 {
        if exp2 > 64 {
            return None;
        }
        (u128::from(mantissa) << exp2).checked_mul(scale)?
    } else {
        let shift = exp2.unsigned_abs();
        if shift >= 128 {
            // Below 2⁻⁷⁵ even 20 decimals show 0, and nothing is a tie.
            0
        } else {
            // Below 2⁵³ · 10²⁰ < 2¹²⁰.
            let scaled = u128::from(mantissa) * scale;
            let quotient = scaled >> shift;
            let remainder = scaled & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            quotient + u128::from(remainder > half || (remainder == half && quotient % 2 == 1))
        }
    };
    let digits = decimal_digits(units);
    let point = digits.len() as i64 - decimals as i64;
    Some((digits, point))
}

/// The decimal digits of `n`, most significant first (`[0]` for 0), divided by 10 a 32-bit
/// piece at a time: Rust's own writing of a 128-bit integer is a kilobyte of code of its own.
fn decimal_digits(mut n: u128) -> Vec<u8> {
    let mut digits = Vec::with_capacity(40);
    loop {
        let mut quotient = 0u128;
        let mut remainder = 0u64;
        for shift in [96, 64, 32, 0] {
            // Below 10 · 2³²: the remainder so far, then the next 32 bits.
            let piece = remainder << 32 | u64::from((n >> shift) as u32);
            quotient |= u128::from(piece / 10) << shift;
            remainder = piece % 10;
        }
        digits.push(remainder as u8);
        n = quotient;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    digits
}

/// A finite `abs` ≥ 0 as its integer mantissa m and binary exponent e: `abs` = m · 2^e.
fn binary_parts(abs: f64) -> (u64, i32) {
    let bits = abs.to_bits();
    let biased = ((bits >> MANTISSA_BITS) & 0x7FF) as i32;
    let fraction = bits & ((1 << MANTISSA_BITS) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << MANTISSA_BITS, biased - 1075)
    }
}

/// `value` in scientific notation with `decimals` digits after the point, as
/// `format!("{value:.decimals$e}")` writes it (`1.50e3`, `2e-7`).
///
/// # Example
/// ```
/// use headroom_core::float_text::scientific;
/// assert_eq!(scientific(1234.5, 2), "1.23e3");
/// assert_eq!(scientific(0.000_099_99, 1), "1.0e-4");
/// assert_eq!(scientific(-0.0, 1), "-0.0e0");
/// ```
pub fn scientific(value: f64, decimals: usize) -> String {
    let (mut out, abs) = match signed(value) {
        Ok(signed) => signed,
        Err(special) => return special,
    };
    let (digits, point) = if abs == 0.0 {
        (Vec::new(), 1)
    } else {
        Decimal::exact(abs).rounded(decimals as i64 + 1)
    };
    push_digits(&mut out, &digits, 1);
    push_fraction(&mut out, &digits, 1, decimals);
    out.push('e');
    out.push_str(&(point - 1).to_string());
    out
}

/// The sign of `value` written, and its magnitude; `Err` with the whole text for infinities
/// and NaN (as Rust writes them).
fn signed(value: f64) -> Result<(String, f64), String> {
    if value.is_nan() {
        return Err("NaN".to_owned());
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value.is_infinite() {
        return Err(format!("{sign}inf"));
    }
    Ok((sign.to_owned(), value.abs()))
}

/// 0.d₁d₂… × 10^`point` without an exponent: its whole part (`0` when there is none), then
/// `decimals` digits after the point.
fn push_plain(out: &mut String, digits: &[u8], point: i64, decimals: usize) {
    match usize::try_from(point) {
        Ok(whole) if whole > 0 => push_digits(out, digits, whole),
        _ => out.push('0'),
    }
    push_fraction(out, digits, point, decimals);
}

/// The first `count` digits of 0.d₁d₂… (zeros past the last one).
fn push_digits(out: &mut String, digits: &[u8], count: usize) {
    out.extend((0..count).map(|i| char::from(b'0' + digits.get(i).copied().unwrap_or(0))));
}

/// `.` and `decimals` digits from place `point` of 0.d₁d₂… (zeros before the first digit and
/// past the last); nothing when `decimals` is 0.
fn push_fraction(out: &mut String, digits: &[u8], point: i64, decimals: usize) {
    if decimals == 0 {
        return;
    }
    out.push('.');
    for place in point..point + decimals as i64 {
        let digit = usize::try_from(place)
            .ok()
            .and_then(|i| digits.get(i))
            .copied()
            .unwrap_or(0);
        out.push(char::from(b'0' + digit));
    }
}

/// 10⁰ … 10²², each exact in an `f64`.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Digits kept: enough to decide the rounding of any `f64` (the longest exact decimal of one
/// has 767 significant digits); beyond them `truncated` says whether anything nonzero was cut.
const MAX_DIGITS: usize = 768;
/// Past this decimal exponent the value is 0 or ∞ whatever the digits.
const DECIMAL_POINT_RANGE: i32 = 2047;
/// The largest shift in one step: 60 bits, so a digit shifted left stays below 2⁶⁴.
const MAX_SHIFT: u32 = 60;
/// f64's layout: 52 stored mantissa bits, exponent bias 1023, 0x7FF for ∞.
const MANTISSA_BITS: u32 = 52;
const MINIMUM_EXPONENT: i32 = -1023;
const INFINITE_POWER: i32 = 0x7FF;

/// A decimal number 0.d₁d₂… × 10^`decimal_point`, shifted by powers of two in place.
struct Decimal {
    digits: [u8; MAX_DIGITS],
    num_digits: usize,
    decimal_point: i32,
    truncated: bool,
}

impl Decimal {
    fn new(significant: impl Iterator<Item = u8>, point: i64) -> Decimal {
        let mut decimal = Decimal {
            digits: [0; MAX_DIGITS],
            num_digits: 0,
            decimal_point: point.clamp(
                -4 * i64::from(DECIMAL_POINT_RANGE),
                4 * i64::from(DECIMAL_POINT_RANGE),
            ) as i32,
            truncated: false,
        };
        for digit in significant {
            // The last significant digit is not 0: cutting any of them cuts something.
            match decimal.digits.get_mut(decimal.num_digits) {
                Some(slot) => {
                    *slot = digit;
                    decimal.num_digits += 1;
                }
                None => decimal.truncated = true,
            }
        }
        decimal
    }

    /// The exact decimal value of a finite `abs` > 0: its 53-bit mantissa's digits, shifted
    /// by its binary exponent (at most 767 significant digits, all kept).
    fn exact(abs: f64) -> Decimal {
        let (mantissa, mut exp2) = binary_parts(abs);
        let text = mantissa.to_string();
        let mut decimal = Decimal::new(text.bytes().map(|b| b - b'0'), text.len() as i64);
        decimal.trim();
        while exp2 > 0 {
            let shift = exp2.min(MAX_SHIFT as i32);
            decimal.left_shift(shift as u32);
            exp2 -= shift;
        }
        while exp2 < 0 {
            let shift = (-exp2).min(MAX_SHIFT as i32);
            decimal.right_shift(shift as u32);
            exp2 += shift;
        }
        decimal
    }

    /// The first `keep` significant digits, rounded half to even, and the decimal point after
    /// a carry (9.96 to two digits is 10: `[1]`, one place further).
    fn rounded(&self, keep: i64) -> (Vec<u8>, i64) {
        let digits = &self.digits[..self.num_digits];
        let mut point = i64::from(self.decimal_point);
        let Ok(keep) = usize::try_from(keep) else {
            return (Vec::new(), point);
        };
        if keep >= digits.len() {
            return (digits.to_vec(), point);
        }
        let next = digits[keep];
        let beyond = self.truncated || digits[keep + 1..].iter().any(|&d| d != 0);
        let odd = keep > 0 && digits[keep - 1] % 2 == 1;
        let mut kept = digits[..keep].to_vec();
        if next > 5 || (next == 5 && (beyond || odd)) {
            match kept.iter().rposition(|&d| d != 9) {
                Some(last) => {
                    kept[last] += 1;
                    kept.truncate(last + 1);
                }
                None => {
                    kept = vec![1];
                    point += 1;
                }
            }
        }
        (kept, point)
    }

    /// The nearest `f64` (the simple decimal conversion).
    fn into_f64(mut self) -> f64 {
        // How far to shift for a decimal point of `n`: 2^shift just below 10^n, at most 60.
        const POWERS: [u8; 19] = [
            0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59,
        ];
        let shift_for = |n: i32| POWERS.get(n as usize).map_or(MAX_SHIFT, |&s| u32::from(s));
        if self.num_digits == 0 || self.decimal_point < -324 {
            return 0.0;
        }
        if self.decimal_point >= 310 {
            return f64::INFINITY;
        }
        let mut exp2 = 0i32;
        // Down into [0.1, 1) …
        while self.decimal_point > 0 {
            let shift = shift_for(self.decimal_point);
            self.right_shift(shift);
            if self.decimal_point < -DECIMAL_POINT_RANGE {
                return 0.0;
            }
            exp2 += shift as i32;
        }
        // … then up into [0.5, 1).
        while self.decimal_point <= 0 {
            let shift = if self.decimal_point == 0 {
                match self.digits[0] {
                    5.. => break,
                    0 | 1 => 2,
                    _ => 1,
                }
            } else {
                shift_for(-self.decimal_point)
            };
            self.left_shift(shift);
            if self.decimal_point > DECIMAL_POINT_RANGE {
                return f64::INFINITY;
            }
            exp2 -= shift as i32;
        }
        // [0.5, 1) → [1, 2).
        exp2 -= 1;
        // Below the smallest normal exponent: a subnormal, shifted down to it.
        while MINIMUM_EXPONENT + 1 > exp2 {
            let n = ((MINIMUM_EXPONENT + 1 - exp2) as u32).min(MAX_SHIFT);
            self.right_shift(n);
            exp2 += n as i32;
        }
        if exp2 - MINIMUM_EXPONENT >= INFINITE_POWER {
            return f64::INFINITY;
        }
        // 53 bits of mantissa, rounded.
        self.left_shift(MANTISSA_BITS + 1);
        let mut mantissa = self.round();
        if mantissa >= 1 << (MANTISSA_BITS + 1) {
            // Rounding carried into a 54th bit.
            self.right_shift(1);
            exp2 += 1;
            mantissa = self.round();
            if exp2 - MINIMUM_EXPONENT >= INFINITE_POWER {
                return f64::INFINITY;
            }
        }
        let mut power2 = exp2 - MINIMUM_EXPONENT;
        if mantissa < 1 << MANTISSA_BITS {
            power2 -= 1;
        }
        mantissa &= (1 << MANTISSA_BITS) - 1;
        f64::from_bits(mantissa | (u64::from(power2 as u32) << MANTISSA_BITS))
    }

    /// The integer part, rounded half to even (a half that was truncated rounds up).
    fn round(&self) -> u64 {
        if self.num_digits == 0 || self.decimal_point < 0 {
            return 0;
        }
        if self.decimal_point > 18 {
            return u64::MAX;
        }
        let point = self.decimal_point as usize;
        let mut n = 0u64;
        for i in 0..point {
            n = n * 10
                + u64::from(if i < self.num_digits {
                    self.digits[i]
                } else {
                    0
                });
        }
        let round_up = if point < self.num_digits {
            let next = self.digits[point];
            if next == 5 && point + 1 == self.num_digits {
                self.truncated || (point != 0 && self.digits[point - 1] % 2 == 1)
            } else {
                next >= 5
            }
        } else {
            false
        };
        n + u64::from(round_up)
    }

    /// Multiplies by 2^`shift` (at most [`MAX_SHIFT`]).
    fn left_shift(&mut self, shift: u32) {
        if self.num_digits == 0 {
            return;
        }
        // The product has at most 19 more digits than the number (2⁶⁰ < 10¹⁹): written from
        // the right into place, then moved left over the leading zeros.
        const MAX_NEW: usize = 19;
        let mut out = [0u8; MAX_DIGITS + MAX_NEW];
        let mut write = self.num_digits + MAX_NEW;
        let mut n = 0u64;
        for &digit in self.digits[..self.num_digits].iter().rev() {
            n += u64::from(digit) << shift;
            write -= 1;
            out[write] = (n % 10) as u8;
            n /= 10;
        }
        while n > 0 {
            write -= 1;
            out[write] = (n % 10) as u8;
            n /= 10;
        }
        let new_digits = self.num_digits + MAX_NEW - write;
        let added = new_digits - self.num_digits;
        let kept = new_digits.min(MAX_DIGITS);
        if out[write + kept..write + new_digits]
            .iter()
            .any(|&d| d != 0)
        {
            self.truncated = true;
        }
        self.digits[..kept].copy_from_slice(&out[write..write + kept]);
        self.num_digits = kept;
        self.decimal_point += added as i32;
        self.trim();
    }

    /// Divides by 2^`shift` (at most [`MAX_SHIFT`]).
    fn right_shift(&mut self, shift: u32) {
        let mut read = 0;
        let mut write = 0;
        let mut n = 0u64;
        while n >> shift == 0 {
            if read < self.num_digits {
                n = 10 * n + u64::from(self.digits[read]);
                read += 1;
            } else if n == 0 {
                return;
            } else {
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
        }
        self.decimal_point -= read as i32 - 1;
        if self.decimal_point < -DECIMAL_POINT_RANGE {
            self.num_digits = 0;
            self.decimal_point = 0;
            self.truncated = false;
            return;
        }
        let mask = (1u64 << shift) - 1;
        while read < self.num_digits {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask) + u64::from(self.digits[read]);
            read += 1;
            self.digits[write] = digit;
            write += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if write < MAX_DIGITS {
                self.digits[write] = digit;
                write += 1;
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        self.num_digits = write;
        self.trim();
    }

    fn trim(&mut self) {
        while self.num_digits > 0 && self.digits[self.num_digits - 1] == 0 {
            self.num_digits -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    #[test]
    fn decimal_digits_are_rusts() {
        let mut n = 1u128;
        let mut samples = vec![0, 9, 10, u128::from(u64::MAX), u128::MAX, (1 << 120) - 1];
        while n < u128::MAX / 7 {
            samples.extend([n - 1, n, n + 1]);
            n = n * 7 + 3;
        }
        for n in samples {
            let digits: String = super::decimal_digits(n)
                .iter()
                .map(|&d| char::from(b'0' + d))
                .collect();
            assert_eq!(digits, n.to_string());
        }
    }

    fn agrees(text: &str) {
        let rust = text.parse::<f64>().ok();
        let own = parse_f64(text);
        assert_eq!(
            own.map(f64::to_bits),
            rust.map(f64::to_bits),
            "{text:?}: {own:?} vs {rust:?}"
        );
    }

    #[test]
    fn agrees_with_rust_on_hard_cases() {
        for text in [
            "0",
            "-0",
            "+0",
            "0.0",
            ".0",
            "0.",
            ".",
            "",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1.5e3",
            "1E3",
            "1e-3",
            "123456789012345678",
            "12345678901234567890",
            "9007199254740993",
            "9007199254740992",
            "9007199254740991",
            "1e22",
            "1e23",
            "8.98846567431158e307",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-324",
            "5e-324",
            "1e-400",
            "1e400",
            "0.1",
            "0.2",
            "0.3",
            "0.30000000000000004",
            "3.141592653589793238462643383279502884197169399375105820974944",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "9007199254740993.0000000000000000000000000000000000000000001",
            "0.000000000000000000000000000000000000000000001e45",
            "1e-99999999999999999999",
            "1e99999999999999999999",
            "0e99999999999999999999",
            "00012.50000",
            "12.5.0",
            "1e5.5",
            "1_000",
            " 1",
            "1 ",
            "0x10",
            "--1",
            "+-1",
            "1e+-1",
        ] {
            agrees(text);
        }
        // Rust's words for infinity and NaN are not numbers here.
        for word in ["inf", "-infinity", "NaN"] {
            assert_eq!(parse_f64(word), None);
        }
        agrees(&format!("0.{}1", "0".repeat(800)));
        agrees(&format!("1{}", "0".repeat(400)));
        agrees(&format!("{}e-700", "9".repeat(900)));
        agrees("2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281255e-324");
    }
}
