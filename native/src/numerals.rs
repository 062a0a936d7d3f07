//! Twin of loaders/numerals.py (the parts `Extractor.extract` calls): `parse_numeral`,
//! `numeral_kind`, `range_lower_end`, `approximate_pair`, with Python's `Decimal`
//! arithmetic (28 significant digits, ROUND_HALF_EVEN after every operation) in `Dec`.
use crate::py::{digit_value, is_pd, is_py_space};
use std::cmp::Ordering;

// ------------------------------------------------------------------ Decimal
/// A decimal number as Python's `decimal.Decimal` holds it: sign, coefficient digits
/// (most significant first, no leading zeros; empty for zero) and exponent.
#[derive(Clone, Debug)]
pub(crate) struct Dec {
    neg: bool,
    digits: Vec<u8>,
    exp: i64,
}

const PREC: usize = 28;

impl Dec {
    pub(crate) fn zero() -> Dec {
        Dec { neg: false, digits: vec![], exp: 0 }
    }
    pub(crate) fn from_u64(v: u64) -> Dec {
        let mut d = Dec { neg: false, digits: v.to_string().bytes().map(|b| b - b'0').collect(), exp: 0 };
        d.norm();
        d
    }
    pub(crate) fn pow10(k: u32) -> Dec {
        Dec { neg: false, digits: vec![1], exp: k as i64 }
    }
    /// `Decimal(s)` of digits with an optional fraction (`367.1`, Unicode digits): exact.
    pub(crate) fn parse(s: &str) -> Dec {
        let mut digits = Vec::new();
        let mut exp = 0i64;
        let mut frac = false;
        for c in s.chars() {
            if c == '.' {
                frac = true;
                continue;
            }
            digits.push(digit_value(c) as u8);
            if frac {
                exp -= 1;
            }
        }
        let mut d = Dec { neg: false, digits, exp };
        d.norm();
        d
    }
    fn norm(&mut self) {
        let lead = self.digits.iter().take_while(|&&d| d == 0).count();
        self.digits.drain(..lead);
        while let Some(&0) = self.digits.last() {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.exp = 0;
            self.neg = false;
        }
    }
    pub(crate) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }
    /// Round to PREC significant digits, half to even (the context of every operation).
    fn round(mut self) -> Dec {
        self.norm();
        if self.digits.len() <= PREC {
            return self;
        }
        let cut = self.digits.len() - PREC;
        let first = self.digits[PREC];
        let rest_nonzero = self.digits[PREC + 1..].iter().any(|&d| d != 0);
        let mut keep: Vec<u8> = self.digits[..PREC].to_vec();
        let up = first > 5 || (first == 5 && (rest_nonzero || keep[PREC - 1] % 2 == 1));
        let mut exp = self.exp + cut as i64;
        if up {
            let mut i = PREC;
            loop {
                if i == 0 {
                    keep.insert(0, 1);
                    break;
                }
                i -= 1;
                if keep[i] == 9 {
                    keep[i] = 0;
                } else {
                    keep[i] += 1;
                    break;
                }
            }
            if keep.len() > PREC {
                keep.pop();
                exp += 1;
            }
        }
        let mut d = Dec { neg: self.neg, digits: keep, exp };
        d.norm();
        d
    }
    fn abs_cmp(a: &Dec, b: &Dec) -> Ordering {
        if a.is_zero() || b.is_zero() {
            return a.digits.len().min(1).cmp(&b.digits.len().min(1));
        }
        let ma = a.digits.len() as i64 + a.exp;
        let mb = b.digits.len() as i64 + b.exp;
        if ma != mb {
            return ma.cmp(&mb);
        }
        let n = a.digits.len().max(b.digits.len());
        for i in 0..n {
            let x = a.digits.get(i).copied().unwrap_or(0);
            let y = b.digits.get(i).copied().unwrap_or(0);
            if x != y {
                return x.cmp(&y);
            }
        }
        Ordering::Equal
    }
    pub(crate) fn cmp(&self, other: &Dec) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            _ => {}
        }
        let sa = if self.is_zero() { 0 } else if self.neg { -1 } else { 1 };
        let sb = if other.is_zero() { 0 } else if other.neg { -1 } else { 1 };
        if sa != sb {
            return sa.cmp(&sb);
        }
        let c = Dec::abs_cmp(self, other);
        if sa < 0 { c.reverse() } else { c }
    }
    pub(crate) fn eq(&self, other: &Dec) -> bool {
        self.cmp(other) == Ordering::Equal
    }
    /// digits aligned to exponent `e` (e <= self.exp), least significant first
    fn aligned(&self, e: i64) -> Vec<u8> {
        let mut v: Vec<u8> = vec![0; (self.exp - e) as usize];
        v.extend(self.digits.iter().rev());
        v
    }
    fn from_le(neg: bool, le: Vec<u8>, exp: i64) -> Dec {
        let mut digits: Vec<u8> = le.into_iter().rev().collect();
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        let mut d = Dec { neg, digits, exp };
        d.norm();
        d
    }
    fn add_raw(a: &Dec, b: &Dec) -> Dec {
        if a.is_zero() {
            return b.clone();
        }
        if b.is_zero() {
            return a.clone();
        }
        let e = a.exp.min(b.exp);
        let x = a.aligned(e);
        let y = b.aligned(e);
        if a.neg == b.neg {
            let n = x.len().max(y.len());
            let mut out = Vec::with_capacity(n + 1);
            let mut carry = 0u8;
            for i in 0..n {
                let s = x.get(i).copied().unwrap_or(0) + y.get(i).copied().unwrap_or(0) + carry;
                out.push(s % 10);
                carry = s / 10;
            }
            if carry > 0 {
                out.push(carry);
            }
            Dec::from_le(a.neg, out, e)
        } else {
            let (big, small, neg) = match Dec::abs_cmp(a, b) {
                Ordering::Equal => return Dec::zero(),
                Ordering::Greater => (x, y, a.neg),
                Ordering::Less => (y, x, b.neg),
            };
            let mut out = Vec::with_capacity(big.len());
            let mut borrow = 0i16;
            for i in 0..big.len() {
                let mut s = big[i] as i16 - small.get(i).copied().unwrap_or(0) as i16 - borrow;
                if s < 0 {
                    s += 10;
                    borrow = 1;
                } else {
                    borrow = 0;
                }
                out.push(s as u8);
            }
            Dec::from_le(neg, out, e)
        }
    }
    pub(crate) fn add(&self, b: &Dec) -> Dec {
        Dec::add_raw(self, b).round()
    }
    pub(crate) fn neg(&self) -> Dec {
        let mut d = self.clone();
        if !d.is_zero() {
            d.neg = !d.neg;
        }
        d.round()
    }
    pub(crate) fn mul(&self, b: &Dec) -> Dec {
        if self.is_zero() || b.is_zero() {
            return Dec::zero();
        }
        let x: Vec<u8> = self.digits.iter().rev().copied().collect();
        let y: Vec<u8> = b.digits.iter().rev().copied().collect();
        // schoolbook, the carries propagated once at the end (a u64 holds 81 * any length
        // of digits here): linear in a long operand times a short one, as `Decimal` is,
        // where carrying after every digit was quadratic (a 32,000-digit run took 1.8 s)
        let mut acc = vec![0u64; x.len() + y.len() + 1];
        for (i, &dx) in x.iter().enumerate() {
            if dx == 0 {
                continue;
            }
            for (j, &dy) in y.iter().enumerate() {
                acc[i + j] += dx as u64 * dy as u64;
            }
        }
        let mut carry = 0u64;
        for v in acc.iter_mut() {
            let total = *v + carry;
            *v = total % 10;
            carry = total / 10;
        }
        debug_assert_eq!(carry, 0);
        let out: Vec<u8> = acc.into_iter().map(|v| v as u8).collect();
        Dec::from_le(self.neg != b.neg, out, self.exp + b.exp).round()
    }
    /// `self * 10**k`: `mul` by `pow10(k)` without multiplying the digits.
    pub(crate) fn mul_pow10(&self, k: u32) -> Dec {
        let mut d = self.clone();
        d.exp += k as i64;
        d.round()
    }
    /// `self / b` in the context (28 digits, half even); b nonzero.
    pub(crate) fn div(&self, b: &Dec) -> Dec {
        if self.is_zero() {
            return Dec::zero();
        }
        // integer long division of coefficient A * 10^s by B, producing PREC + 2 digits
        let a_len = self.digits.len() as i64;
        let b_len = b.digits.len() as i64;
        // shift so that the quotient has at least PREC + 1 digits
        let s = (PREC as i64 + 2 + b_len - a_len).max(0);
        let mut num: Vec<u8> = self.digits.clone();
        num.extend(std::iter::repeat(0).take(s as usize));
        let den = &b.digits;
        let mut q: Vec<u8> = Vec::with_capacity(num.len());
        let mut rem: Vec<u8> = Vec::new(); // big-endian, no leading zeros
        for &d in &num {
            rem.push(d);
            let lead = rem.iter().take_while(|&&x| x == 0).count();
            rem.drain(..lead);
            let mut count = 0u8;
            while be_cmp(&rem, den) != Ordering::Less {
                be_sub(&mut rem, den);
                count += 1;
            }
            q.push(count);
        }
        let exact = rem.iter().all(|&x| x == 0);
        let mut qd = Dec { neg: self.neg != b.neg, digits: q, exp: self.exp - b.exp - s };
        // a sticky digit for the remainder (the quotient has > PREC digits, so it sits below the cut)
        if !exact {
            qd.digits.push(1);
            qd.exp -= 1;
        }
        qd.round()
    }
    /// `float(Decimal)`: correctly rounded.
    pub(crate) fn to_f64(&self) -> f64 {
        if self.is_zero() {
            return 0.0;
        }
        // at most 15 digits times an exact power of ten (up to 1e22): both are exact in an
        // f64, so the one rounding of the product or quotient is the correct rounding that
        // parsing the digits gives (as the parser's own fast path does)
        const EXACT: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22,
        ];
        if self.digits.len() <= 15 && self.exp.unsigned_abs() < EXACT.len() as u64 {
            let m = self.digits.iter().fold(0u64, |m, &d| m * 10 + d as u64) as f64;
            let p = EXACT[self.exp.unsigned_abs() as usize];
            let v = if self.exp >= 0 { m * p } else { m / p };
            return if self.neg { -v } else { v };
        }
        let s: String = self.digits.iter().map(|d| (b'0' + d) as char).collect();
        let v: f64 = format!("{}e{}", s, self.exp).parse().unwrap();
        if self.neg { -v } else { v }
    }
}

fn be_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let a0 = a.iter().take_while(|&&x| x == 0).count();
    let b0 = b.iter().take_while(|&&x| x == 0).count();
    let (a, b) = (&a[a0..], &b[b0..]);
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    a.cmp(b)
}

fn be_sub(a: &mut Vec<u8>, b: &[u8]) {
    let mut borrow = 0i16;
    let n = a.len();
    for i in 0..n {
        let bi = if i < b.len() { b[b.len() - 1 - i] as i16 } else { 0 };
        let mut s = a[n - 1 - i] as i16 - bi - borrow;
        if s < 0 {
            s += 10;
            borrow = 1;
        } else {
            borrow = 0;
        }
        a[n - 1 - i] = s as u8;
    }
    let lead = a.iter().take_while(|&&x| x == 0).count();
    a.drain(..lead);
}

// ------------------------------------------------------------------ numerals
/// Twin of `Numeral`: the value, the largest big unit inside (as a power of ten) and the
/// run of big units it ends with.
#[derive(Clone, Debug)]
pub(crate) struct Numeral {
    pub(crate) value: Dec,
    pub(crate) largest: u32,
    pub(crate) tail: String,
}

pub(crate) fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' | '参' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

pub(crate) fn cn_small(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

pub(crate) const CN_DIGIT_CLASS: &str = "零〇○一壹二贰两三叁参四肆五伍六陆七柒八捌九玖兩貳參陸";
pub(crate) const CN_BIG_CLASS: &str = "万亿萬億";
const ZEROS: &str = "零〇○";

/// `text.translate(_TRADITIONAL)`
fn traditional(c: char) -> char {
    match c {
        '兩' => '两', '貳' => '贰', '參' => '参', '陸' => '陆', '萬' => '万', '億' => '亿',
        '點' => '点', '０' => '0', '１' => '1', '２' => '2', '３' => '3', '４' => '4',
        '５' => '5', '６' => '6', '７' => '7', '８' => '8', '９' => '9', '．' => '.',
        '，' => ',', '負' => '负', '－' => '-', '−' => '-', '／' => '/',
        _ => c,
    }
}

/// `_PLAIN.match(text)`: `\d+(?:\.\d+)?\Z`
fn plain(text: &str) -> bool {
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() && is_pd(cs[i]) {
        i += 1;
    }
    if i == 0 {
        return false;
    }
    if i == cs.len() {
        return true;
    }
    if cs[i] != '.' {
        return false;
    }
    let j = i + 1;
    let mut k = j;
    while k < cs.len() && is_pd(cs[k]) {
        k += 1;
    }
    k > j && k == cs.len()
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Arabic,
    Digit,
    Small,
    Big,
    Point,
}

/// Twin of `_tokens`: `_TOKEN.match` at each position.
fn tokens(cs: &[char]) -> Option<Vec<(Kind, String)>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < cs.len() {
        let c = cs[at];
        if is_pd(c) {
            // \d{1,3}(?:,\d{3})+(?:\.\d+)?  |  \d+(?:\.\d+)?
            let mut run = at;
            while run < cs.len() && is_pd(cs[run]) {
                run += 1;
            }
            let mut end = None;
            if run - at <= 3 {
                let mut p = run;
                let mut reps = 0;
                while p + 3 < cs.len() && cs[p] == ',' && (1..=3).all(|k| is_pd(cs[p + k])) {
                    p += 4;
                    reps += 1;
                }
                if reps > 0 {
                    if p + 1 < cs.len() && cs[p] == '.' && is_pd(cs[p + 1]) {
                        p += 1;
                        while p < cs.len() && is_pd(cs[p]) {
                            p += 1;
                        }
                    }
                    end = Some(p);
                }
            }
            let end = end.unwrap_or_else(|| {
                let mut p = run;
                if p + 1 < cs.len() && cs[p] == '.' && is_pd(cs[p + 1]) {
                    p += 1;
                    while p < cs.len() && is_pd(cs[p]) {
                        p += 1;
                    }
                }
                p
            });
            out.push((Kind::Arabic, cs[at..end].iter().collect()));
            at = end;
        } else if cn_digit(c).is_some() {
            out.push((Kind::Digit, c.to_string()));
            at += 1;
        } else if cn_small(c).is_some() {
            out.push((Kind::Small, c.to_string()));
            at += 1;
        } else if c == '万' || c == '亿' {
            out.push((Kind::Big, c.to_string()));
            at += 1;
        } else if c == '点' || c == '.' {
            out.push((Kind::Point, c.to_string()));
            at += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

/// Twin of `parse_numeral` (no lru_cache: it is pure).
pub(crate) fn parse_numeral(text: &str) -> Option<Numeral> {
    if plain(text) {
        return Some(Numeral { value: Dec::parse(text), largest: 0, tail: String::new() });
    }
    let t: String = text.chars().map(traditional).collect();
    let parts: Vec<&str> = t.split(is_py_space).filter(|s| !s.is_empty()).collect();
    let t = parts.join(" ");
    if t.is_empty() {
        return None;
    }
    let first = t.chars().next().unwrap();
    if first == '负' || first == '-' {
        let rest = t[first.len_utf8()..].trim_start_matches(is_py_space);
        let r0 = rest.chars().next();
        let numeral = if r0.is_some() && r0 != Some('负') && r0 != Some('-') { unsigned(rest) } else { None };
        return numeral.map(|n| Numeral { value: n.value.neg(), ..n });
    }
    unsigned(&t)
}

/// Twin of `_unsigned` (fractions are not reachable from the extractor's numerals: None).
fn unsigned(text: &str) -> Option<Numeral> {
    if text.contains('/') || text.replace(' ', "").contains("分之") {
        return fraction_of(text);
    }
    let cs: Vec<char> = text.chars().filter(|&c| c != ' ').collect();
    let toks = tokens(&cs)?;
    if toks.is_empty() || toks[0].0 == Kind::Big || toks[0].0 == Kind::Point {
        return None;
    }
    let points: Vec<usize> = toks.iter().enumerate().filter(|(_, t)| t.0 == Kind::Point).map(|(i, _)| i).collect();
    if !points.is_empty() && (points.len() > 1 || toks[points[0]].1 != "点") {
        return None;
    }
    let fraction = if !points.is_empty() {
        let rest = &toks[points[0] + 1..];
        if rest.is_empty() || rest.iter().any(|t| t.0 != Kind::Digit) {
            return None;
        }
        let s: String = rest.iter().map(|t| char::from(b'0' + cn_digit(t.1.chars().next().unwrap()).unwrap() as u8)).collect();
        Dec::parse(&format!("0.{}", s))
    } else {
        Dec::zero()
    };
    let toks: &[(Kind, String)] = if !points.is_empty() {
        let t = &toks[..points[0]];
        if t.is_empty() {
            return None;
        }
        t
    } else {
        &toks
    };
    if toks.len() > 1 && toks.iter().all(|t| t.0 == Kind::Digit) {
        if !toks[1..].iter().any(|t| ZEROS.contains(t.1.as_str())) {
            return None;
        }
        let s: String = toks.iter().map(|t| char::from(b'0' + cn_digit(t.1.chars().next().unwrap()).unwrap() as u8)).collect();
        return Some(Numeral { value: Dec::parse(&s).add(&fraction), largest: 0, tail: String::new() });
    }
    let mut total = Dec::zero();
    let mut section = Dec::zero();
    let mut number: Option<Dec> = None;
    let mut last_small: u64 = 10_000;
    let mut last_big: u32 = 0; // as a power of ten; 0 = none (Python's 0)
    let mut has_last_big = false;
    let mut previous_unit: u64 = 0; // small units by value; big units flagged below
    let mut previous_big: Option<u32> = None;
    let mut largest: u32 = 0;
    let mut tail = String::new();
    let mut has_zero = false;
    let mut short: u64 = 0;
    let mut short_big: Option<u32> = None;
    for (kind, tok) in toks {
        let unit_before = previous_unit;
        let unit_before_big = previous_big;
        previous_unit = 0;
        previous_big = None;
        let c = tok.chars().next().unwrap();
        if *kind == Kind::Digit && ZEROS.contains(c) {
            if number.is_some() {
                return None;
            }
            has_zero = true;
            continue;
        }
        match kind {
            Kind::Arabic | Kind::Digit => {
                if number.is_some() {
                    return None;
                }
                let n = if *kind == Kind::Arabic { Dec::parse(&tok.replace(',', "")) } else { Dec::from_u64(cn_digit(c).unwrap()) };
                if *kind == Kind::Digit {
                    short = unit_before;
                    short_big = unit_before_big;
                } else {
                    short = 0;
                    short_big = None;
                }
                has_zero = has_zero || n.is_zero();
                number = Some(n);
                tail.clear();
            }
            Kind::Small => {
                let unit = cn_small(c).unwrap();
                if unit >= last_small {
                    return None;
                }
                let n = number.take().unwrap_or_else(|| Dec::from_u64(1));
                section = section.add(&n.mul(&Dec::from_u64(unit)));
                last_small = unit;
                previous_unit = unit;
                tail.clear();
            }
            _ => {
                let big: u32 = if c == '万' { 4 } else { 8 };
                let pending = match &number {
                    Some(n) => section.add(n),
                    None => section.add(&Dec::zero()),
                };
                if pending.is_zero() {
                    if total.is_zero() {
                        return None;
                    }
                    total = total.mul(&Dec::pow10(big));
                    if has_last_big {
                        last_big += big;
                    } // last_big 0 stays 0 (0 * big)
                } else if has_last_big && big > last_big {
                    total = total.add(&pending).mul(&Dec::pow10(big));
                    last_big = big;
                } else if has_last_big && big == last_big {
                    return None;
                } else {
                    total = total.add(&pending.mul(&Dec::pow10(big)));
                    last_big = big;
                    has_last_big = true;
                }
                if has_last_big {
                    largest = largest.max(last_big);
                }
                section = Dec::zero();
                number = None;
                last_small = 10_000;
                previous_unit = 0;
                previous_big = if has_last_big { Some(last_big) } else { None };
                tail.push(c);
            }
        }
    }
    if let Some(n) = &number {
        // `short >= 100`: a small unit of 100 or 1000, or a big unit (>= 1e4)
        let factor: Option<Dec> = if let Some(b) = short_big {
            if b >= 2 { Some(Dec::pow10(b - 1)) } else { None }
        } else if short >= 100 {
            Some(Dec::from_u64(short / 10))
        } else {
            None
        };
        if let Some(f) = factor {
            number = Some(n.mul(&f));
        }
    }
    let value = total.add(&section).add(&number.clone().unwrap_or_else(Dec::zero));
    if value.is_zero() && !has_zero {
        return None;
    }
    Some(Numeral { value: value.add(&fraction), largest, tail })
}

/// `_fraction_of`: never reached from the extractor's numerals (no `/` nor 分之 in them);
/// kept as a refusal so that a change there shows in the parity runs.
fn fraction_of(_text: &str) -> Option<Numeral> {
    None
}

/// Twin of `numeral_kind`.
pub(crate) fn numeral_kind(text: &str) -> &'static str {
    let has_digit = text.chars().any(|c| c.is_ascii_digit());
    let has_chinese = text.chars().any(|c| CN_DIGIT_CLASS.contains(c) || cn_small(c).is_some());
    if has_digit && has_chinese {
        "mixed"
    } else if has_chinese {
        "chinese"
    } else {
        "arabic"
    }
}

/// Twin of `range_lower_end`.
pub(crate) fn range_lower_end(lower: &Numeral, upper_text: &str, upper: &Numeral) -> Numeral {
    if lower.largest != 0 || lower.value.cmp(&Dec::zero()) != Ordering::Greater {
        return lower.clone();
    }
    let text: Vec<char> = upper_text.chars().map(traditional).filter(|&c| c != ' ').collect();
    let digits: Vec<usize> = text.iter().enumerate().filter(|(_, &c)| is_pd(c) || cn_digit(c).is_some()).map(|(i, _)| i).collect();
    let mut cuts: Vec<usize> = digits.last().map(|&d| vec![d + 1]).unwrap_or_default();
    let big_tail = text.iter().rev().take_while(|&&c| CN_BIG_CLASS.contains(c)).count();
    if big_tail > 0 && !cuts.contains(&(text.len() - big_tail)) {
        cuts.push(text.len() - big_tail);
    }
    for cut in cuts {
        let coefficient = if 0 < cut && cut < text.len() {
            parse_numeral(&text[..cut].iter().collect::<String>())
        } else {
            None
        };
        if let Some(co) = coefficient {
            if Dec::zero().cmp(&lower.value) == Ordering::Less && lower.value.cmp(&co.value) == Ordering::Less {
                return Numeral { value: lower.value.mul(&upper.value).div(&co.value), largest: upper.largest, tail: upper.tail.clone() };
            }
        }
    }
    lower.clone()
}

/// Twin of `approximate_pair`.
pub(crate) fn approximate_pair(before: char, first: char) -> bool {
    let (a, b) = match (cn_digit(traditional(before)), cn_digit(traditional(first))) {
        (Some(a), Some(b)) => (a, b),
        _ => return false,
    };
    if ZEROS.contains(before) {
        return false;
    }
    b == a + 1 || (a, b) == (3, 5)
}
