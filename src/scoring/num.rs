//! Exact points: a rational number with display rounding done only at the edge.

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, Zero};
use serde::{Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

thread_local! {
    /// Set when an operation on this thread could not be done exactly in `i128`.
    static OVERFLOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether an operation on this thread overflowed since the last call; clears the mark. The
/// value such an operation returned is meaningless: whoever computes a result checks this and
/// refuses the result instead of showing a wrong total.
pub fn take_overflow() -> bool {
    OVERFLOW.replace(false)
}

/// Marks an overflow on this thread; the value returned stands for nothing (see [`take_overflow`]).
fn overflowed() -> Num {
    OVERFLOW.set(true);
    Num::zero()
}

/// An exact number of points (a fraction of two `i128`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Num(pub Ratio<i128>);

impl Num {
    pub fn zero() -> Num {
        Num(Ratio::zero())
    }
    pub fn int(n: i64) -> Num {
        Num(Ratio::from_integer(n as i128))
    }
    pub fn frac(n: i64, d: i64) -> Num {
        Num(Ratio::new(n as i128, d as i128))
    }
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    /// Parse "12", "-7.5", "0.125" or "25/6".
    pub fn parse(s: &str) -> Option<Num> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once('/') {
            let n: i128 = a.trim().parse().ok()?;
            let d: i128 = b.trim().parse().ok()?;
            if d == 0 {
                return None;
            }
            return Some(Num(Ratio::new(n, d)));
        }
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if body.is_empty() {
            return None;
        }
        let (ip, fp) = body.split_once('.').unwrap_or((body, ""));
        if ip.is_empty() && fp.is_empty() {
            return None;
        }
        if !ip.chars().all(|c| c.is_ascii_digit()) || !fp.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if fp.len() > 30 {
            return None;
        }
        let digits = format!("{ip}{fp}");
        let n: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let d: i128 = 10i128.checked_pow(fp.len() as u32)?;
        let r = Ratio::new(n, d);
        Some(Num(if neg { -r } else { r }))
    }

    /// Exact value of a TOML float as written (7.5 -> 15/2, 0.1 -> 1/10).
    pub fn from_f64(f: f64) -> Option<Num> {
        if !f.is_finite() {
            return None;
        }
        // `{}` prints the shortest string that reads back as the same float,
        // which is what the clerk typed.
        let s = format!("{f}");
        if s.contains('e') {
            return None;
        }
        Num::parse(&s)
    }

    /// Largest integer not above the value.
    pub fn floor(&self) -> Num {
        Num(self.0.floor())
    }

    /// Round half away from zero to `decimals` places (四舍五入), exactly.
    pub fn round_to(&self, decimals: u32) -> Num {
        if self.0.is_integer() {
            return *self; // an integer is already rounded at any number of places
        }
        self.checked_round(decimals).unwrap_or_else(overflowed)
    }

    fn checked_round(&self, decimals: u32) -> Option<Num> {
        let scale = Ratio::from_integer(10i128.checked_pow(decimals)?);
        let abs = Ratio::new_raw(self.0.numer().checked_abs()?, *self.0.denom());
        let half = Ratio::new(1, 2);
        let r = abs
            .checked_mul(&scale)?
            .checked_add(&half)?
            .floor()
            .checked_div(&scale)?;
        Some(Num(if self.0.is_negative() { -r } else { r }))
    }

    /// Display with `decimals` places, rounded half away from zero: 25/6 at 2 -> "4.17".
    pub fn display(&self, decimals: u32) -> String {
        // Integers (most points): the digits followed by zeros, as the general path gives.
        if self.0.is_integer()
            && 10i128
                .checked_pow(decimals)
                .and_then(|p| i128::checked_mul(*self.0.numer(), p))
                .is_some()
        {
            let n = *self.0.numer();
            return if decimals == 0 {
                n.to_string()
            } else {
                format!("{n}.{:0width$}", 0, width = decimals as usize)
            };
        }
        // Values too large to scale in i128 are shown exactly rather than wrongly.
        let Some(r) = self.checked_round(decimals).map(|n| n.0) else {
            return self.exact();
        };
        let neg = r.is_negative();
        let Some(p) = 10i128.checked_pow(decimals) else {
            return self.exact();
        };
        let Some(scaled) = Ratio::new_raw(r.numer().abs(), *r.denom())
            .checked_mul(&Ratio::from_integer(p))
            .map(|x| x.to_integer())
        else {
            return self.exact();
        };
        let int = scaled / p;
        let fr = scaled % p;
        let sign = if neg && scaled != 0 { "-" } else { "" };
        if decimals == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{fr:0width$}", width = decimals as usize)
        }
    }

    /// Exact text: "25", "-15/2", "25/6".
    pub fn exact(&self) -> String {
        if self.0.is_integer() {
            format!("{}", self.0.numer())
        } else {
            format!("{}/{}", self.0.numer(), self.0.denom())
        }
    }

    /// Short text for rule descriptions: integer, finite decimal, or fraction; with sign.
    pub fn signed(&self) -> String {
        let s = self.short();
        if self.is_negative() { s } else { format!("+{s}") }
    }

    /// Integer or terminating decimal if short, else the fraction.
    pub fn short(&self) -> String {
        // Rounding to d places leaves the value unchanged exactly when its (reduced) denominator
        // divides 10^d: tested on the denominator instead of rounding up to five times.
        let den = *self.0.denom();
        for d in 0..=4u32 {
            if 10i128.pow(d) % den == 0 {
                return self.display(d);
            }
        }
        self.exact()
    }

    pub fn min(self, o: Num) -> Num {
        if self <= o { self } else { o }
    }
    pub fn max(self, o: Num) -> Num {
        if self >= o { self } else { o }
    }
}

impl fmt::Debug for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.exact())
    }
}
impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.short())
    }
}
impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.exact())
    }
}
impl<'de> serde::Deserialize<'de> for Num {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        let s = String::deserialize(d)?;
        Num::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not an exact number: {s}")))
    }
}
impl From<i64> for Num {
    fn from(n: i64) -> Num {
        Num::int(n)
    }
}
/// Integer fast paths: with both denominators 1 the general rational operations reduce by a gcd
/// of 1 and give the same integer; they are used only when the integer result cannot overflow,
/// so every value is the one the general path gives.
fn int_op(a: &Num, b: &Num, op: fn(i128, i128) -> Option<i128>) -> Option<Num> {
    if *a.0.denom() == 1 && *b.0.denom() == 1 {
        op(*a.0.numer(), *b.0.numer()).map(|n| Num(Ratio::new_raw(n, 1)))
    } else {
        None
    }
}
impl Add for Num {
    type Output = Num;
    fn add(self, o: Num) -> Num {
        int_op(&self, &o, i128::checked_add)
            .or_else(|| self.0.checked_add(&o.0).map(Num))
            .unwrap_or_else(overflowed)
    }
}
impl AddAssign for Num {
    fn add_assign(&mut self, o: Num) {
        *self = *self + o;
    }
}
impl Sub for Num {
    type Output = Num;
    fn sub(self, o: Num) -> Num {
        int_op(&self, &o, i128::checked_sub)
            .or_else(|| self.0.checked_sub(&o.0).map(Num))
            .unwrap_or_else(overflowed)
    }
}
impl Mul for Num {
    type Output = Num;
    fn mul(self, o: Num) -> Num {
        int_op(&self, &o, i128::checked_mul)
            .or_else(|| self.0.checked_mul(&o.0).map(Num))
            .unwrap_or_else(overflowed)
    }
}
impl Div for Num {
    type Output = Num;
    fn div(self, o: Num) -> Num {
        self.0.checked_div(&o.0).map(Num).unwrap_or_else(overflowed)
    }
}
impl Neg for Num {
    type Output = Num;
    fn neg(self) -> Num {
        match self.0.numer().checked_neg() {
            Some(n) => Num(Ratio::new_raw(n, *self.0.denom())),
            None => overflowed(),
        }
    }
}
impl Sum for Num {
    fn sum<I: Iterator<Item = Num>>(iter: I) -> Num {
        iter.fold(Num::zero(), |a, b| a + b)
    }
}
impl<'a> Sum<&'a Num> for Num {
    fn sum<I: Iterator<Item = &'a Num>>(iter: I) -> Num {
        iter.fold(Num::zero(), |a, b| a + *b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        assert_eq!(Num::parse("7.5"), Some(Num::frac(15, 2)));
        assert_eq!(Num::parse("-1.5"), Some(Num::frac(-3, 2)));
        assert_eq!(Num::parse("25/6"), Some(Num::frac(25, 6)));
        assert_eq!(Num::parse("x"), None);
        assert_eq!(Num::from_f64(0.1), Some(Num::frac(1, 10)));
        // 25/6 = 4.1666.. -> 4.17 ; 2.5 -> 3 ; -2.5 -> -3 (half away from zero)
        assert_eq!(Num::frac(25, 6).display(2), "4.17");
        assert_eq!(Num::frac(5, 2).display(0), "3");
        assert_eq!(Num::frac(-5, 2).display(0), "-3");
        assert_eq!(Num::frac(-1, 100).display(1), "0.0");
        assert_eq!(Num::int(50).display(1), "50.0");
        assert_eq!(Num::frac(25, 6).exact(), "25/6");
        assert_eq!(Num::frac(15, 2).signed(), "+7.5");
    }

    /// Rounding and `short` as computed before the fast paths (general rational arithmetic).
    fn round_general(v: Num, d: u32) -> Num {
        let scale = Ratio::from_integer(10i128.pow(d));
        let r = (v.0.abs() * scale + Ratio::new(1, 2)).floor() / scale;
        Num(if v.0.is_negative() { -r } else { r })
    }
    fn short_general(v: Num) -> String {
        for d in 0..=4u32 {
            if round_general(v, d) == v {
                return v.display(d);
            }
        }
        v.exact()
    }

    #[test]
    fn integer_fast_paths_match_the_general_path() {
        let ints = [0i64, 1, -1, 2, 7, -7, 10, 25, 50, -50, 100, 12345];
        for &a in &ints {
            for &b in &ints {
                let (x, y) = (Num::int(a), Num::int(b));
                assert_eq!(x + y, Num(x.0 + y.0), "{a} + {b}");
                assert_eq!(x - y, Num(x.0 - y.0), "{a} - {b}");
                assert_eq!(x * y, Num(x.0 * y.0), "{a} * {b}");
                let mut z = x;
                z += y;
                assert_eq!(z, Num::int(a + b));
            }
        }
        // hand-computed: 50 + 25 = 75, 10 - 12 = -2, -5 × 2 = -10; mixed with fractions
        assert_eq!(Num::int(50) + Num::int(25), Num::int(75));
        assert_eq!(Num::int(10) - Num::int(12), Num::int(-2));
        assert_eq!(Num::int(-5) * Num::int(2), Num::int(-10));
        assert_eq!(Num::int(2) + Num::frac(1, 2), Num::frac(5, 2));
        assert_eq!(Num::frac(1, 4) * Num::int(10), Num::frac(5, 2));
        // display and short of integers and fractions, as before
        assert_eq!(Num::int(-3).display(2), "-3.00");
        assert_eq!(Num::int(0).display(1), "0.0");
        assert_eq!(Num::int(42).display(0), "42");
        assert_eq!(Num::int(-42).short(), "-42");
        for v in [
            Num::int(0),
            Num::int(-17),
            Num::frac(15, 2),
            Num::frac(-1, 8),
            Num::frac(1, 16),
            Num::frac(1, 32),
            Num::frac(25, 6),
            Num::frac(-7, 3),
            Num::frac(3, 20),
            Num::frac(1, 10000),
            Num::frac(1, 100000),
        ] {
            assert_eq!(v.short(), short_general(v), "{v:?}");
            for d in 0..4 {
                assert_eq!(v.round_to(d), round_general(v, d), "{v:?} at {d}");
            }
        }
        assert_eq!(Num::frac(1, 16).short(), "0.0625");
        assert_eq!(Num::frac(1, 32).short(), "1/32");
        assert_eq!(Num::frac(-1, 8).short(), "-0.125");
        assert_eq!(Num::frac(25, 6).short(), "25/6");
    }

    #[test]
    fn overflow_is_marked_never_a_wrong_value() {
        take_overflow();
        let tiny = Num::parse("1/99999999999999999999999999999999999").unwrap();
        let other = Num::parse("1/99999999999999999999999999999999997").unwrap();
        // Each fits; their sum needs a denominator of about 10^70.
        let _ = tiny + other;
        assert!(take_overflow(), "1/(10^35-1) + 1/(10^35-3) does not fit in i128");
        assert!(!take_overflow(), "taking the mark clears it");
        // Same denominators stay exact: 1/d + 1/d = 2/d.
        assert_eq!((tiny + tiny).exact(), "2/99999999999999999999999999999999999");
        assert!(!take_overflow());
        // Near the limit: i128::MAX = 170141183460469231731687303715884105727.
        let max = Num(Ratio::from_integer(i128::MAX));
        assert_eq!(
            (max - Num::int(1)).exact(),
            "170141183460469231731687303715884105726"
        );
        assert!(!take_overflow());
        let _ = max + Num::int(1);
        assert!(take_overflow(), "i128::MAX + 1");
        let _ = max * Num::int(2);
        assert!(take_overflow(), "i128::MAX × 2");
        let _ = Num(Ratio::from_integer(i128::MIN)) - Num::int(1);
        assert!(take_overflow(), "i128::MIN - 1");
        let _ = -Num(Ratio::from_integer(i128::MIN));
        assert!(take_overflow(), "-i128::MIN");
        let _ = Num::int(1) / Num::zero();
        assert!(take_overflow(), "division by zero");
        // A fraction × its reciprocal reduces before multiplying: exact, no overflow.
        let big = Num::frac(i64::MAX, 3);
        assert_eq!(big * (Num::int(3) / Num::int(i64::MAX)), Num::int(1));
        assert!(!take_overflow());
        // (10^20 + 1/2) × 10^19 needs 10^39 > i128::MAX.
        let half_up = Num(Ratio::new(2 * 10i128.pow(20) + 1, 2));
        let _ = half_up * Num(Ratio::from_integer(10i128.pow(19)));
        assert!(take_overflow());
    }

    #[test]
    fn display_of_huge_values_is_exact_not_wrong() {
        take_overflow();
        // 10^37 + 1/3: scaling by 10^2 for display would overflow; the exact text is shown.
        let v = Num(Ratio::new(3 * 10i128.pow(37) + 1, 3));
        assert_eq!(v.display(2), "30000000000000000000000000000000000001/3");
        assert!(!take_overflow(), "display never marks");
        assert_eq!(Num::frac(25, 6).display(2), "4.17");
    }

    #[test]
    fn joint_split_is_exact() {
        // 25 split: lead 12.5 + 3 × 25/6 = 12.5 + 12.5 = 25
        let lead = Num::int(25) / Num::int(2);
        let each = (Num::int(25) - lead) / Num::int(3);
        assert_eq!(lead + each + each + each, Num::int(25));
    }
}
