//! Twin of `Extractor.extract` in loaders/extract.py (its specification), with the
//! numerals of loaders/numerals.py in numerals.rs.
//!
//! Offsets: Python indexes strings by code point, Rust by byte. Every offset here is a
//! byte offset into the string it is used with; windows Python counts in characters
//! (`_TAIL_CHARS`, `SENTENCE_WINDOW`, `max(0, i - n)`) are counted in characters (`fwd`,
//! `back`, `char_len`), and the offsets handed back to Python are code points (`CharIndex`).
//!
//! Patterns: each Python pattern is written here as in the Python (`tr` reads Python's
//! syntax: VERBOSE, `\d`/`\s` as Python's classes, `$` as end or before a final line
//! break); one without look-around runs on the `regex` crate, one with look-around on
//! `fancy_regex` (which backtracks as Python's `re` does). `first_char_guard` only adds
//! a look-ahead that never changes a match: it is dropped.
use crate::numerals::{approximate_pair, numeral_kind, parse_numeral, range_lower_end, Dec, Numeral};
use crate::py::{
    char_len, digit_value, is_cjk, is_pd, is_py_space, last_chars, next_char, prev_char, py_lstrip, py_rstrip,
    py_strip, PY_D, PY_S,
};
use once_cell::sync::Lazy;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::collections::{HashMap, HashSet};

// ------------------------------------------------------------------ Python's classes
// (`\s`, `\d` and the tests of a character are py.rs's, shared by the twins)
// Python's `\w` (str.isalnum() or `_`), as near as Unicode categories say it
const PW: &str = r"\p{L}\p{N}_";

// ------------------------------------------------------------------ offsets in characters
/// The byte offset `n` characters after `pos` (the end of `s` at most).
fn fwd(s: &str, pos: usize, n: usize) -> usize {
    if pos >= s.len() {
        return s.len();
    }
    // step over `n` characters by their UTF-8 lead bytes
    let b = s.as_bytes();
    let mut at = pos;
    for _ in 0..n {
        if at >= b.len() {
            return s.len();
        }
        let x = b[at];
        at += if x < 0x80 { 1 } else if x < 0xe0 { 2 } else if x < 0xf0 { 3 } else { 4 };
    }
    at.min(s.len())
}

/// The byte offset `n` characters before `pos` (0 at least): `max(0, pos - n)`.
fn back(s: &str, pos: usize, n: usize) -> usize {
    // the `n`-th character start (a byte not 0b10xxxxxx) met going back from `pos`, 0 when
    // there are fewer: 32 bytes at a time (a loop the compiler vectorizes) while more than
    // 16 are left, then eight, while they hold fewer starts than are left
    if n == 0 {
        return pos;
    }
    let b = s.as_bytes();
    let mut at = pos;
    let mut left = n;
    while left > 16 && at >= 32 {
        let starts = b[at - 32..at].iter().filter(|&&x| (x as i8) >= -0x40).count();
        if starts >= left {
            break;
        }
        left -= starts;
        at -= 32;
    }
    while at >= 8 {
        let w = u64::from_le_bytes(b[at - 8..at].try_into().unwrap());
        let cont = (w >> 7) & !(w >> 6) & 0x0101_0101_0101_0101;
        let starts = 8 - cont.count_ones() as usize;
        if starts >= left {
            break;
        }
        left -= starts;
        at -= 8;
    }
    while at > 0 {
        at -= 1;
        if b[at] & 0xc0 != 0x80 {
            left -= 1;
            if left == 0 {
                return at;
            }
        }
    }
    0
}

/// `s[-n:]`
fn tail(s: &str, n: usize) -> &str {
    &s[back(s, s.len(), n)..]
}

/// The offset after the character at `pos`.
fn step(s: &str, pos: usize) -> usize {
    pos + next_char(s, pos).map_or(1, |c| c.len_utf8())
}

/// Code point offsets of byte offsets into one text (checkpoints every 64 bytes).
pub(crate) struct CharIndex {
    marks: Vec<usize>,
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let b = text.as_bytes();
        let mut marks = Vec::with_capacity(b.len() / 64 + 2);
        let mut n = 0usize;
        for (i, &x) in b.iter().enumerate() {
            if i % 64 == 0 {
                marks.push(n);
            }
            if (x & 0xC0) != 0x80 {
                n += 1;
            }
        }
        marks.push(n);
        CharIndex { marks }
    }
    pub(crate) fn at(&self, text: &str, pos: usize) -> usize {
        let block = pos / 64;
        let mut n = self.marks[block.min(self.marks.len() - 1)];
        let b = text.as_bytes();
        for &x in &b[block * 64..pos] {
            if (x & 0xC0) != 0x80 {
                n += 1;
            }
        }
        n
    }
}

// ------------------------------------------------------------------ patterns
/// A Python pattern as the `regex` crate reads it: VERBOSE whitespace and comments
/// dropped, `\d`, `\s`, `\S`, `\w` as Python's classes, `\Z` as `\z`, `$` as `\n?\z`
/// (consuming the final line break: the same positions match; no text searched here
/// ends in one where a match's end is read), escapes as `\x{…}`.
fn tr(p: &str, verbose: bool) -> String {
    let mut out = String::with_capacity(p.len() * 2);
    let cs: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    let mut class_first = false;
    while i < cs.len() {
        let c = cs[i];
        if c == '\\' {
            let n = cs[i + 1];
            i += 2;
            match n {
                'd' => out.push_str(&if in_class { PY_D.to_string() } else { format!("[{}]", PY_D) }),
                's' => out.push_str(&if in_class { PY_S.to_string() } else { format!("[{}]", PY_S) }),
                'S' => {
                    assert!(!in_class);
                    out.push_str(&format!("[^{}]", PY_S))
                }
                'w' => out.push_str(&if in_class { PW.to_string() } else { format!("[{}]", PW) }),
                'Z' => out.push_str(r"\z"),
                'A' | 'b' | 'B' | 'n' | 't' | 'r' | 'f' | 'v' => {
                    out.push('\\');
                    out.push(n)
                }
                'x' => {
                    let h: String = cs[i..i + 2].iter().collect();
                    i += 2;
                    out.push_str(&format!(r"\x{{{}}}", h));
                }
                'u' => {
                    let h: String = cs[i..i + 4].iter().collect();
                    i += 4;
                    out.push_str(&format!(r"\x{{{}}}", h));
                }
                _ => out.push_str(&format!(r"\x{{{:x}}}", n as u32)),
            }
            class_first = false;
            continue;
        }
        i += 1;
        if in_class {
            if c == ']' && !class_first {
                in_class = false;
                out.push(c);
            } else if c == '[' || c == '&' || c == '~' || (c == '-' && cs.get(i) == Some(&'-')) {
                out.push_str(&format!(r"\x{{{:x}}}", c as u32));
            } else if c == '^' && class_first && cs[i - 2] == '[' {
                out.push(c);
                continue; // `[^]...`: a `]` right after `[^` is still the first
            } else {
                out.push(c);
            }
            class_first = false;
            continue;
        }
        if verbose && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c') {
            continue;
        }
        if verbose && c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                class_first = true;
                out.push(c);
            }
            '$' => out.push_str(r"(?:\n?\z)"),
            _ => out.push(c),
        }
    }
    out
}

/// A pattern (Python syntax) with its lookaround assertions dropped, compiled for the `regex`
/// crate: it matches wherever the pattern does (an assertion only refuses matches), so where it
/// finds nothing the pattern finds nothing. None where that cannot be made sure (a quantified
/// assertion, groups referred back to, a verbose pattern's comment, or no plain regex left).
/// With `edges`, a lookbehind that opens a pattern without alternatives at its top and a
/// lookahead that closes it are kept as plain groups: what they look at is in the text
/// searched too, so the regex still finds a match in any text where the pattern does (not
/// at the same place: for searching only).
fn loose(p: &str, verbose: bool, edges: bool) -> Option<Pat> {
    if p.contains("(?P=") || (verbose && p.contains('#')) {
        return None;
    }
    let b: Vec<char> = p.chars().collect();
    if b.windows(2).any(|w| w[0] == '\\' && w[1].is_ascii_digit()) {
        return None;
    }
    // the end of a class opened at `i` (on `[`): the index after its `]`
    fn class_end(b: &[char], mut i: usize) -> Option<usize> {
        i += 1;
        if i < b.len() && b[i] == '^' {
            i += 1;
        }
        if i < b.len() && b[i] == ']' {
            i += 1;
        }
        while i < b.len() {
            match b[i] {
                '\\' => i += 2,
                '[' => return None,
                ']' => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    }
    // an alternative at the top: then the pattern's first and last groups are not its edges
    let mut top_alternatives = false;
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '\\' => i += 1,
            '[' => i = class_end(&b, i)? - 1,
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => top_alternatives = true,
            _ => {}
        }
        i += 1;
    }
    let edges = edges && !top_alternatives;
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '\\' {
            out.extend(b[i..(i + 2).min(b.len())].iter());
            i += 2;
            continue;
        }
        if c == '[' {
            let e = class_end(&b, i)?;
            out.extend(b[i..e].iter());
            i = e;
            continue;
        }
        let head: String = b[i..(i + 4).min(b.len())].iter().collect();
        if head.starts_with("(?=") || head.starts_with("(?!") || head.starts_with("(?<=") || head.starts_with("(?<!") {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                if j >= b.len() {
                    return None;
                }
                match b[j] {
                    '\\' => {
                        j += 2;
                        continue;
                    }
                    '[' => {
                        j = class_end(&b, j)?;
                        continue;
                    }
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if b[i..j].iter().collect::<String>().contains("(?P<") {
                return None;
            }
            // (in a verbose pattern, blanks may stand before a quantifier)
            let mut k = j + 1;
            while verbose && k < b.len() && b[k].is_whitespace() {
                k += 1;
            }
            if k < b.len() && matches!(b[k], '*' | '+' | '?' | '{') {
                return None;
            }
            if edges && ((i == 0 && head.starts_with("(?<=")) || (j + 1 == b.len() && head.starts_with("(?="))) {
                // (its closing parenthesis is copied as the group's)
                out.push_str("(?:");
                i += if head.starts_with("(?<=") { 4 } else { 3 };
                continue;
            }
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    let rp = tr(&out, verbose);
    if has_lookaround(&rp) || regex::Regex::new(&rp).is_err() || regex::Regex::new(&format!(r"\A(?:{})", rp)).is_err() {
        return None;
    }
    Some(Pat::from_rust(&rp))
}

fn has_lookaround(p: &str) -> bool {
    p.contains("(?=") || p.contains("(?!") || p.contains("(?<=") || p.contains("(?<!")
}

enum Eng {
    R(regex::Regex),
    F(fancy_regex::Regex),
}

/// The characters a match of a plain pattern starts with, when no match is empty: read on
/// its syntax tree (regex-syntax, the parser of the `regex` crate). A call of the crate
/// costs some hundreds of instructions however short the text (its cache pool, its
/// prefilter); most of this module's patterns are tried at a place where they cannot
/// start, or on a few characters that hold none of their first characters.
/// Ranges of code points sorted and merged where they overlap or touch: then a binary
/// search by their ends finds the one a character may be in.
fn disjoint(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    ranges.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Every character a match of a plain pattern may hold (`disjoint` ranges); None where its
/// syntax tree holds bytes.
fn pattern_chars(rp: &str) -> Option<Vec<(u32, u32)>> {
    use regex_syntax::hir::{Class, Hir, HirKind, Literal};
    fn walk(h: &Hir, out: &mut Vec<(u32, u32)>) -> Option<()> {
        match h.kind() {
            HirKind::Empty | HirKind::Anchor(_) | HirKind::WordBoundary(_) => {}
            HirKind::Literal(Literal::Unicode(c)) => out.push((*c as u32, *c as u32)),
            HirKind::Class(Class::Unicode(c)) => out.extend(c.iter().map(|r| (r.start() as u32, r.end() as u32))),
            HirKind::Literal(Literal::Byte(_)) | HirKind::Class(Class::Bytes(_)) => return None,
            HirKind::Repetition(r) => walk(&r.hir, out)?,
            HirKind::Group(g) => walk(&g.hir, out)?,
            HirKind::Concat(hs) | HirKind::Alternation(hs) => {
                for h in hs {
                    walk(h, out)?;
                }
            }
        }
        Some(())
    }
    let mut out = Vec::new();
    walk(&regex_syntax::Parser::new().parse(rp).ok()?, &mut out)?;
    Some(disjoint(out))
}

/// Whether `c` is in one of `ranges` (made by `disjoint`).
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let x = c as u32;
    let k = ranges.partition_point(|r| r.1 < x);
    k < ranges.len() && ranges[k].0 <= x
}

#[derive(Clone)]
struct First {
    // inclusive ranges of code points, sorted; and a bit for each low byte among them
    ranges: Vec<(u32, u32)>,
    bits: [u64; 4],
    // matches only at the start of the text searched (`\A` or `^` first in every branch)
    at_start: bool,
}

// patterns whose first characters span more code points are not worth the test
const FIRST_MAX: u32 = 2000;
// a text searched anywhere is read for first characters up to this many bytes
const FIRST_SCAN: usize = 64;

impl First {
    fn of(rp: &str) -> Option<First> {
        use regex_syntax::hir::{Anchor, Class, Hir, HirKind, Literal, RepetitionKind, RepetitionRange};
        // (first characters, whether it matches the empty string); None: not read here
        fn first(h: &Hir) -> Option<(Vec<(u32, u32)>, bool)> {
            Some(match h.kind() {
                HirKind::Empty | HirKind::Anchor(_) | HirKind::WordBoundary(_) => (vec![], true),
                HirKind::Literal(Literal::Unicode(c)) => (vec![(*c as u32, *c as u32)], false),
                HirKind::Class(Class::Unicode(c)) => (c.iter().map(|r| (r.start() as u32, r.end() as u32)).collect(), false),
                HirKind::Literal(Literal::Byte(_)) | HirKind::Class(Class::Bytes(_)) => return None,
                HirKind::Repetition(r) => {
                    let (set, empty) = first(&r.hir)?;
                    let none = match &r.kind {
                        RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => true,
                        RepetitionKind::OneOrMore => false,
                        RepetitionKind::Range(RepetitionRange::Exactly(m) | RepetitionRange::AtLeast(m) | RepetitionRange::Bounded(m, _)) => *m == 0,
                    };
                    (set, empty || none)
                }
                HirKind::Group(g) => first(&g.hir)?,
                HirKind::Concat(hs) => {
                    let mut all = vec![];
                    for h in hs {
                        let (set, empty) = first(h)?;
                        all.extend(set);
                        if !empty {
                            return Some((all, false));
                        }
                    }
                    (all, true)
                }
                HirKind::Alternation(hs) => {
                    let mut all = vec![];
                    let mut any_empty = false;
                    for h in hs {
                        let (set, empty) = first(h)?;
                        all.extend(set);
                        any_empty |= empty;
                    }
                    (all, any_empty)
                }
            })
        }
        fn at_start(h: &Hir) -> bool {
            match h.kind() {
                HirKind::Anchor(Anchor::StartText) => true,
                HirKind::Group(g) => at_start(&g.hir),
                HirKind::Concat(hs) => at_start(&hs[0]),
                HirKind::Alternation(hs) => hs.iter().all(at_start),
                _ => false,
            }
        }
        let hir = regex_syntax::Parser::new().parse(rp).ok()?;
        let (ranges, empty) = first(&hir)?;
        let ranges = disjoint(ranges);
        if empty || ranges.iter().map(|(a, b)| b - a + 1).sum::<u32>() > FIRST_MAX {
            return None;
        }
        let mut bits = [0u64; 4];
        for &(a, b) in &ranges {
            for x in a..=b.min(a + 255) {
                bits[(x as usize >> 6) & 3] |= 1 << (x & 63);
            }
        }
        Some(First { ranges, bits, at_start: at_start(&hir) })
    }
    fn has(&self, c: char) -> bool {
        let x = c as u32;
        self.bits[(x as usize >> 6) & 3] & (1 << (x & 63)) != 0 && in_ranges(&self.ranges, c)
    }
    /// Whether a match may be found in `region`, the text a regex reads from its start.
    fn may_match(&self, region: &str) -> bool {
        if self.at_start {
            return region.chars().next().map_or(false, |c| self.has(c));
        }
        region.len() > FIRST_SCAN || region.chars().any(|c| self.has(c))
    }
}

/// A compiled pattern and the methods of Python's `re.Pattern` used here.
pub(crate) struct Pat {
    eng: Eng,
    first: Option<First>,
    names: HashMap<String, usize>,
    ends_z: bool,
    // for a fancy pattern, itself behind `\A`: `match` on a slice starting where it is tried
    anchored: Option<Box<Pat>>,
}

/// A match: absolute byte offsets of the match and of its groups.
#[derive(Clone, Debug)]
struct Mt {
    s: usize,
    e: usize,
    g: Vec<Option<(usize, usize)>>,
}

impl Mt {
    fn group<'t>(&self, text: &'t str, i: usize) -> Option<&'t str> {
        self.g.get(i).copied().flatten().map(|(a, b)| &text[a..b])
    }
}

impl Pat {
    fn from_rust(rp: &str) -> Pat {
        Pat::with_first(rp, true, First::of(rp))
    }
    fn with_first(rp: &str, twin: bool, first: Option<First>) -> Pat {
        let (eng, names) = if has_lookaround(rp) {
            let re = fancy_regex::RegexBuilder::new(rp).backtrack_limit(usize::MAX / 2).build().unwrap_or_else(|e| panic!("{}: {}", rp, e));
            let names = re.capture_names().enumerate().filter_map(|(i, n)| n.map(|n| (n.to_string(), i))).collect();
            (Eng::F(re), names)
        } else {
            let re = regex::Regex::new(rp).unwrap_or_else(|e| panic!("{}: {}", rp, e));
            let names = re.capture_names().enumerate().filter_map(|(i, n)| n.map(|n| (n.to_string(), i))).collect();
            (Eng::R(re), names)
        };
        let first = first.filter(|_| matches!(eng, Eng::R(_)));
        // (the twin behind `\A` starts with the same characters, at the start only)
        let anchored = twin.then(|| {
            let at_start = first.as_ref().map(|f| First { at_start: true, ..f.clone() });
            Box::new(Pat::with_first(&format!(r"\A(?:{})", rp), false, at_start))
        });
        Pat { eng, first, names, ends_z: rp.contains(r"\z"), anchored }
    }
    fn new(p: &str) -> Pat {
        Pat::from_rust(&tr(p, false))
    }
    fn v(p: &str) -> Pat {
        Pat::from_rust(&tr(p, true))
    }
    fn gi(&self, name: &str) -> usize {
        self.names[name]
    }
    /// `pattern.search(text, pos, endpos)`
    fn search(&self, text: &str, pos: usize, endpos: usize) -> Option<Mt> {
        if pos > endpos {
            return None;
        }
        let hay = &text[..endpos];
        match &self.eng {
            Eng::R(re) => {
                let (base, sub) = if self.ends_z { (pos, &hay[pos..]) } else { (0, hay) };
                if !self.may_match(text, base, pos, endpos) {
                    return None;
                }
                let m = re.find_at(sub, pos - base)?;
                if re.captures_len() == 1 {
                    return Some(Mt { s: base + m.start(), e: base + m.end(), g: vec![Some((base + m.start(), base + m.end()))] });
                }
                // groups read on the match and the character before it only
                let at = if m.start() == 0 { 0 } else { back(sub, m.start(), 1) };
                let mut locs = re.capture_locations();
                re.captures_read_at(&mut locs, &sub[at..m.end()], m.start() - at)?;
                let g = (0..locs.len()).map(|i| locs.get(i).map(|(a, b)| (base + at + a, base + at + b))).collect();
                Some(Mt { s: base + m.start(), e: base + m.end(), g })
            }
            Eng::F(re) => {
                let c = re.captures_from_pos(hay, pos).expect("fancy_regex")?;
                let g: Vec<Option<(usize, usize)>> = (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect();
                let (s, e) = g[0].unwrap();
                Some(Mt { s, e, g })
            }
        }
    }
    fn search_all(&self, text: &str) -> Option<Mt> {
        self.search(text, 0, text.len())
    }
    fn is_in(&self, text: &str) -> bool {
        // `search(text, 0, len).is_some()` without resolving the match's span or groups
        match &self.eng {
            Eng::R(re) => self.may_match(text, 0, 0, text.len()) && re.is_match(text),
            Eng::F(re) => re.is_match(text).expect("fancy_regex"),
        }
    }
    /// False where `first` says the regex, searching `text[base..endpos]` from `pos`, finds
    /// nothing.
    fn may_match(&self, text: &str, base: usize, pos: usize, endpos: usize) -> bool {
        match &self.first {
            // (anchored at `base` and searched from further on: left to the regex)
            Some(f) if !(f.at_start && pos != base) => f.may_match(&text[pos..endpos]),
            _ => true,
        }
    }
    /// `search(text, pos, endpos).is_some()`
    fn search_ok(&self, text: &str, pos: usize, endpos: usize) -> bool {
        if pos > endpos {
            return false;
        }
        match &self.eng {
            Eng::R(re) => {
                let hay = &text[..endpos];
                let base = if self.ends_z { pos } else { 0 };
                self.may_match(text, base, pos, endpos)
                    && if self.ends_z { re.is_match(&hay[pos..]) } else { re.is_match_at(hay, pos) }
            }
            Eng::F(_) => self.search(text, pos, endpos).is_some(),
        }
    }
    /// `mat(text, pos, endpos).is_some()`
    fn mat_ok(&self, text: &str, pos: usize, endpos: usize) -> bool {
        if let Some(a) = &self.anchored {
            return a.is_in(&text[pos..endpos]);
        }
        self.search(text, pos, endpos).map_or(false, |m| m.s == pos)
    }
    fn mat_no(&self, text: &str, pos: usize, endpos: usize) -> bool {
        !self.mat_ok(text, pos, endpos)
    }
    fn mat_all_ok(&self, text: &str) -> bool {
        self.mat_ok(text, 0, text.len())
    }
    fn mat_all_no(&self, text: &str) -> bool {
        !self.mat_all_ok(text)
    }
    /// `pattern.match(text, pos, endpos)`: the caller bounds `endpos` where the pattern
    /// cannot read further (the scan of a failed match runs to it).
    fn mat(&self, text: &str, pos: usize, endpos: usize) -> Option<Mt> {
        if let Some(a) = &self.anchored {
            // (no pattern `match`ed here reads before where it is tried, nor holds `^`)
            let m = a.search(&text[pos..endpos], 0, endpos - pos)?;
            let g = m.g.iter().map(|x| x.map(|(a, b)| (a + pos, b + pos))).collect();
            return Some(Mt { s: m.s + pos, e: m.e + pos, g });
        }
        // a match at `pos` is the leftmost match of a search from `pos` when it exists
        let m = self.search(text, pos, endpos)?;
        if m.s == pos { Some(m) } else { None }
    }
    fn mat_all(&self, text: &str) -> Option<Mt> {
        self.mat(text, 0, text.len())
    }
    /// `pattern.fullmatch(text, pos, endpos)`: compiled separately as `(?:…)\z`.
    fn finditer(&self, text: &str, pos: usize, endpos: usize) -> Vec<Mt> {
        let mut out = Vec::new();
        let mut p = pos;
        let mut last_empty_end: Option<usize> = None;
        while p <= endpos {
            let Some(m) = self.search(text, p, endpos) else { break };
            if m.s == m.e {
                if last_empty_end == Some(m.s) {
                    // (never here: an empty match right after a match is tried once)
                }
                p = if m.e < endpos { step(text, m.e) } else { endpos + 1 };
                last_empty_end = Some(m.e);
                out.push(m);
            } else {
                p = m.e;
                out.push(m);
            }
        }
        out
    }
    /// `pattern.sub("", s)`
    fn sub_empty(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in self.finditer(s, 0, s.len()) {
            out.push_str(&s[last..m.s]);
            last = m.e;
        }
        out.push_str(&s[last..]);
        out
    }
}

/// `pattern.fullmatch`: the pattern compiled as `\A(?:…)\z`, on a slice.
struct Full(Pat);

impl Full {
    fn new(p: &str) -> Full {
        Full(Pat::from_rust(&format!(r"\A(?:{})\z", tr(p, false))))
    }
    fn is(&self, s: &str) -> bool {
        self.0.is_in(s)
    }
}

// ------------------------------------------------------------------ the module's patterns
const RANGE_SEP: &str = r"(?:\s?(?:--|——|~|～|—|–|至|到)\s?|-\s?|\s-\s)";
const PROJECT_YIELD: &str = r"可(?:新增|增加|实现|带动|创造|形成|节约|节省|减少|年产|提供|安置|吸纳|增收|产生)|(?:建成|投产|达产|竣工)后";
const GOV_LEVEL: &str = r"(?:国家|中央|部|省|自治区|市|州|县|区)";
const MEASURE_WORD: &str = r"(?:成交额|交易额|金额|登记数|登记额|项数|件数|数量|申请量|授权量|受理量|总数|总量|总额)$";
/// `_LEVEL_HEAD` (潍坊市级).
fn level_head() -> String {
    format!(r"^(?:全(?:市|区|县|省)|[\u4e00-\u9fff]{{2,4}}?(?=[市州县区]级))?{}级(?:以上)?", GOV_LEVEL)
}
const RANK_VERB: &str = r"(?:位居|居于?|位列|列|排名|排)";
const RANK_PLACE: &str = r"(?:第[一二三四五六七八九十\d]+位?|之首|前列)";
const OTHER_REGION: &str = r"(?:全国|全省|全区|全市|全州|全盟|全县|全旗|省|市|国家)(?:的)?";
const ACTION_VERB_SRC: &str = r"
    开展|举办|组织|实施|完成|发放|建成|建立|组建|培育|引进|推荐|争取|获得|带动|吸引|走访|
    选派|配备|聘请|邀请|召开|评选|表彰|创建|打造|启动|推动|促进|解决|攻克|
    征集|收集|接待|制作|印发|编制|出版|举行|委托|对接|签订|签约";

const PREDICATE_WORDS: &str = r"
    同口径|同比|环比|比上年|比去年|较上年|较去年|上一年度|上年度|上年|去年|同期|对比|相比|比|较|
    增长|增加|增速|增幅|提高|提升|下降|减少|上升|降低|了|分别|是|的|达到|达|为|全年|今年|共|约|近|超|
    年均|年平均|首次|突破|超过|
    \d{4}年度?|当年|净增|新增|总量|总数|累计|总计|合计|目前|现有|所占|比重|其中|
    全(?:市|区|县|州|省|盟|旗)|(?:投入)?强度|
    (?:新认定|认定|申报|申请|授权|登记)(?:数量|数)|数量
    ";

struct Pats {
    post_bound: Pat,
    growth_pct: Pat,
    decline: Pat,
    growth_not: Pat,
    growth_count: Pat,
    estimate: Pat,
    target: Pat,
    own_verb: Pat,
    sentence_cue: Pat,
    qualifier_after: Pat,
    each_one: Pat,
    per_unit: Pat,
    size_class_after: Pat,
    qualifier_before: Pat,
    coverage_before: Pat,
    vague_before: Pat,
    money_before: Pat,
    list_glue: Pat,
    phrase_head: Pat,
    verb_end: Pat,
    scope_end: Pat,
    container: Pat,
    negative_post: Pat,
    level_word_full: Full,
    rank_post: Pat,
    joins_post: Pat,
    range_between_full: Full,
    approx_verb: Pat,
    grown_by_times: Pat,
    plan_done: Pat,
    closed_or_includes: Pat,
    post_lead: Pat,
    closing: Pat,
    action_verb: Pat,
    status_after_verb_full: Full,
    amount_of_agent_full: Full,
    not_agent: Pat,
    share_pre_core: Pat,
    measure_word: Pat,
    measure_word_full: Full,
    level_head: Pat,
    level_head_full: Full,
    predicate_start: Pat,
    predicate_words: Pat,
    target_of_previous: Pat,
    target_word_end: Pat,
    baseline_tail: Pat,
    part_of: Pat,
    stock_words: Pat,
    applied_verb: Pat,
    stock_marks: Pat,
    flow_words: Pat,
    bare_stock: Pat,
    bare_flow: Pat,
    bare_amount: Pat,
    line_key: Pat,
    gap_to_others: Pat,
    level_anywhere: Pat,
    subject_end: Pat,
    period_head: Pat,
    rank_between: Pat,
    share_of_budget: Pat,
    bare_patent_status: Pat,
    patent_kind: Pat,
    bare_outcome: Pat,
    applied: Pat,
    people_unit: Pat,
    attendees: Pat,
    training_event: Pat,
    bare_money: Pat,
    approval: Pat,
    bare_projects: Pat,
    programme: Pat,
    enum_verb: Pat,
    not_enum_item: Pat,
    enum_gap: Pat,
    task_list: Pat,
    task_list_end: Pat,
    task_column: Pat,
    whole_year_column: Pat,
    same_period_column: Pat,
    done_column: Pat,
    header_cell: Pat,
    cell_sep: Pat,
    unit_cell: Pat,
    column_unit: Pat,
    year_column: Pat,
    growth_column: Pat,
    signed_number: Pat,
    percent_number: Pat,
    rate_column: Pat,
    unit_column: Pat,
    name_column: Pat,
    value_column: Pat,
    caption_unit: Pat,
    share_name: Pat,
    money_name: Pat,
    bare_number: Pat,
    entity_column: Pat,
    year_header: Pat,
    year_cell: Pat,
    not_a_cell: Pat,
    partner_work: Pat,
    top_numbered: Pat,
    title_split: Pat,
    modifier_item: Pat,
    naming_verb: Pat,
    leading_verb: Pat,
    example: Pat,
    one_entity: Pat,
    // `one_entity` without its lookahead: matches wherever it does (a plain regex, tried first)
    one_entity_loose: Pat,
    change_in_bracket: Pat,
    shared_out: Pat,
    total_words: Pat,
    one_level_head: Pat,
    rank_after: Pat,
    part_verb: Pat,
    one_level: Pat,
    item_verb: Pat,
    named_project_before: Pat,
    subset: Pat,
    caption_split: Pat,
    split_subjects: Pat,
    split_ratio: Pat,
}

static P: Lazy<Pats> = Lazy::new(|| Pats {
    post_bound: Pat::v(r"[ \t]?
    (?:(?P<at_least>以上|及以上|之多|多)
  | (?P<approx>左右|上下)
  | (?P<at_most>以内|以下))
    "),
    growth_pct: Pat::v(r"
    (?:增长|增速|增幅|增加|提高|提升|上升|下降|降低|减少|缩短|节水|节约|增产|增收|
       超计划|超额|超目标任务的?|净增|递增|减|增)
    (?:了|达|达到|为|约|近|超过|超|逾|分别为|分别|均超过|均|保持在|稳定在|维持在|保持)?$"),
    decline: Pat::new(r"(?:下降|降低|减少|回落|下滑)(?:了|达|约|近|为)?$"),
    growth_not: Pat::new(r"(?:提高|提升|上升|增长|增加|下降|降低)(?:到|至)$"),
    growth_count: Pat::v(r"
    (?:(?:比|较|同比|环比).{0,8}(?:增加|增长|减少|下降|多|少)
         (?:出|申报|申请|认定|登记|培训|引进|争取|实施|建成|新增|入库)?
      |(?P<g>增长|增加))
    (?:了)?$"),
    estimate: Pat::new(&format!(r"预计|预期|估计|预估|有望|可望|可达到?|将达到?|将实现|将突破|将超过|{}", PROJECT_YIELD)),
    target: Pat::v(r"
    力争|确保|争取(?:达到|完成|实现|突破|新增)|拟|打算|
    (?P<a6>(?:全年|年度)目标)|
    (?P<a7>计划)|
    目标(?:是|为|:|：)|工作目标|任务(?:是|为)|指标数?为|应(?:达到|完成)|
    要(?:达到|完成|实现|新增|培育|引进|建成)|全年(?:要|应)|
    将(?:新增|培育|引进|组织|实施|举办|建成|开展|投入|投资)|
    (?:目标|任务)[(（][^)）]*$|
    (?:目标|任务)[0-9][0-9.,]*\s?[^0-9\s%]{0,3}$
    "),
    own_verb: Pat::new(r"新增|新认定|认定|入库|获批|获得|引进|培育|建成|组织|实施|开展|举办|完成|实现|达到?|突破"),
    // (?:^|(?<=[，,；;]))要求 checked in code (`sentence_cue`)
    sentence_cue: Pat::new(&format!(r"(?P<estimate>预计|估计|预估|{})|(?P<target>力争|目标(?:是|为)|(?P<req>要求))", PROJECT_YIELD)),
    // (?!…) before a CJK character: the class without those characters
    qualifier_after: Pat::from_rust(r"[\x{4e00}-\x{9fff}]{0,3}以[上下](?:的|[(（]含[)）])|(?P<noun>以上[\x{4e00}-\x{9fff}&&[^由并和及或等为达]])"),
    each_one: Pat::new(r"(?:均|都)(?:已)?(?:超过|达到|突破|在|为|达|有|超)?$"),
    // (?![市区县]) checked in code: the match has one way only
    per_unit: Pat::new(r"(?:力争|确保|要|实现|推动)?(?:每|各)个?(?:县|区|市|乡镇|镇|园区)"),
    size_class_after: Pat::new(r"(?:级|以上)?的?(?:重大|重点)?(?:科技)?(?:项目|工程|企业)"),
    qualifier_before: Pat::new(r"(?:单价|单笔|单项|每[个家项])$"),
    coverage_before: Pat::new(r"(?:覆盖|惠及|达到|占)(?:全市|全县|全区|全省|全州|全镇)?$"),
    vague_before: Pat::new(r"(?:数|几|若干|上)$"),
    money_before: Pat::new(r"(?:收入|投资|产值|资金|经费|金额|额|销售|利润|税|贷款|基金|融资|投入|支出|总值)[^，,。；;]{0,6}$"),
    list_glue: Pat::new(r"^\s?(?:(?:、|和|及|与|以及|,|，)|(?:、|和|及)\s?(?:增长|下降|减少|提高|降低|上升))\s?$"),
    phrase_head: Pat::new(&(r"^(?:(?:以上|以下|左右|以内)[、,，])?[\s、,，：:）)】\]]*(?:并|和|及|共|共计|合计|全年|同时|另外|此外|[一二三四五六七八九十]是)?(?:今年|本年)?(?:力争|确保)?".to_string()
        // + (?:(?:完成|实现)(?=全社会|全市|全县|全区|全省|全旗|全州))?, checked in code
        )),
    verb_end: Pat::v(r"
    (?:对|向|为|与|给|组织|选派|派出|培育|引进|帮助|支持|推荐|带动|吸引|邀请|聘请|建立|建成|新建|组建|
       举办|开展|实施|发放|配备|扶持|服务|指导|走访|涌现|拥有|共有|有|新认定|认定|建设|创建|启动|
       打造|获批|评选出|表彰|遴选|申报|新增|培训|资助|奖励|签约|落户|入驻|孵化|挂牌|命名|授予)$"),
    scope_end: Pat::new(r"(?:全|我)(?:市|县|区|州|省|镇|旗)$"),
    // (?=实施|开展|承担|完成) after 企业 checked in code (no other branch starts with 企)
    container: Pat::new(r"^(?:贫困村|行政村|村|乡镇|乡|镇|县区|县|区|社区|街道|学校|单位|部门|(?P<firm>企业))"),
    negative_post: Pat::new(r"^(?:准备|正在|拟|参加|参与|参赛|申报|申请|推荐|复审|入库)"),
    level_word_full: Full::new(&format!(r"(?:{}级?、?)+", GOV_LEVEL)),
    rank_post: Pat::new(&format!(r"^(?:在?全(?:市|省|国|区|县|州)|同类)?(?:第|{})", RANK_VERB)),
    joins_post: Pat::new(r"^(?:参加|参与|参训|接受|受训|次)"),
    range_between_full: Full::new(&format!(r"{}$", RANGE_SEP)),
    approx_verb: Pat::new(r"(?:大约|约)(?:为|是|占|达到?|合)[^，,。；;\d]{0,10}$"),
    grown_by_times: Pat::new(r"(?:增长|增加|提高|提升|翻)(?:了)?(?:近|约|超过|逾)?$"),
    plan_done: Pat::new(r"完成.{0,8}计划的"),
    closed_or_includes: Pat::new(r"[)）]|^含"),
    post_lead: Pat::new(r"^(?:以上|及以上|左右|多|余|之多|的)"),
    closing: Pat::new(r"[)）]"),
    action_verb: Pat::v(ACTION_VERB_SRC),
    status_after_verb_full: Full::new(r"(?:评价)?(?:入库|认定|备案|登记|评价)$"),
    amount_of_agent_full: Full::new(r"(?:总)?(?:产值|增加值|销售收入|营业收入|主营业务收入|成交额|交易额)"),
    not_agent: Pat::new(r"^(?:全(?:市|县|区|州|省|盟|旗)|我(?:市|县|区|州|省)|累计|共|共计|已|已经|先后|当年|今年|全年)+$"),
    share_pre_core: Pat::new(r"(?:分别为|分别达到?|分别是|分别|均|共|达到?|为|突破|超过|增长|增加|提高|下降|比上年|比去年|较上年|较去年|同比)+$"),
    // (`_MEASURE_WORD` and `_LEVEL_HEAD` are searched and also fully matched)
    measure_word: Pat::new(MEASURE_WORD),
    measure_word_full: Full::new(MEASURE_WORD),
    level_head: Pat::new(&level_head()),
    level_head_full: Full::new(&level_head()),
    predicate_start: Pat::new(r"^(?:占|是|为|相当于|比|较|同比|环比|同口径|分别|对比|相比)"),
    predicate_words: Pat::v(PREDICATE_WORDS),
    target_of_previous: Pat::new(r"(?:目标|任务|计划)(?:任务)?[(（]$"),
    target_word_end: Pat::new(r"(?:^|完成|下达|的)(?:全年|年度)?(?:目标)?(?:任务|指标数?|目标)$"),
    baseline_tail: Pat::new(r"(?<=[^…])(?:由|从)(?:上年|去年|上一年|年初|\d{4}年)?(?:的|末|底)?$"),
    part_of: Pat::new(r"^(?:其中|[(（]含)"),
    stock_words: Pat::new(r"总量|总数|累计|总计|合计|已达|达到"),
    applied_verb: Pat::new(r"^(?:全年|今年|当年)?(?:新)?(?:组织)?(?:申报|推荐|申请)"),
    stock_marks: Pat::new(r"累计|共有|现有|拥有|总数|总量|年末|目前"),
    flow_words: Pat::new(r"新增|新认定|新建|新获批|净增|新培育|当年|今年|全年|\d{4}年度?"),
    bare_stock: Pat::new(r"^(?:(?:入库|认定|登记|备案|累计)?(?:总量|总数|数量)|累计(?:入库|认定|登记|备案|建成|达到|达))$"),
    bare_flow: Pat::new(r"^(?:全年|今年|当年|年内|一年|本年|上半年|今年以来|以来|年初以来)?(?:新认定|新增|净增|新建|新获批|新通过认定|通过认定|新入库)(?:的)?$"),
    bare_amount: Pat::new(r"^(?:实现|完成)?(?:(?:成交|交易|登记)?(?:总)?金?额|增加值)(?:完成|实现|达到?|为)?$"),
    line_key: Pat::new(r"[ \t　]*(?:——|--|—|-|·|•|●|■)?[ \t　]*(?P<key>[^，,。；;：:\n\d]{2,12})[：:]"),
    gap_to_others: Pat::new(&format!(r"(?:高于|低于|快于|慢于|高出|低出|超出|领先|落后于?){o}(?:平均|均值)?|(?:超过|比|较){o}(?:平均|均值)", o = OTHER_REGION)),
    level_anywhere: Pat::new(&format!(r"{}级(?:以上)?", GOV_LEVEL)),
    subject_end: Pat::new(r"完成|实现|达到|达|为|共|约|[xX×*＊]{1,4}|\d|[一二三四五六七八九十百千万亿]+[亿万]?元"),
    period_head: Pat::new(r"^(?:\d{1,2}[-—~至]\d{1,2}月(?:份)?|\d{4}年(?:度)?|(?:上|下)半年|今年|去年|全年)[，,]?"),
    rank_between: Pat::new(&format!(r"^[，,]{}?(?:全(?:市|省|国|区|县|州))?{}[，,]", RANK_VERB, RANK_PLACE)),
    share_of_budget: Pat::new(r"^占[^…，,。]*财政"),
    bare_patent_status: Pat::new(r"^(?:获得|获)?(?:授权|受理)(?:量|数)?$"),
    patent_kind: Pat::new(r"(?:发明|实用新型|外观设计)?专利"),
    bare_outcome: Pat::new(r"^(?:已|均|最终|经[^，,、]{0,4}?|成功)?(?:获批立项|批准立项|获得?立项|获批准立项|获批|批准|立项|通过认定|获得认定|获认定|认定通过|认定|通过评审|通过)(?:的)?$"),
    applied: Pat::new(r"申报|推荐|申请|上报|提交"),
    people_unit: Pat::new(r"^(?:万)?(?:人次|人|名)"),
    attendees: Pat::new(r"^(?:累计|共|共有)?(?:参会|参训|参加|与会|出席)?(?:的)?(?:人员|学员|代表|人)$"),
    training_event: Pat::new(r"培训(?:会|班)|培训"),
    bare_money: Pat::new(r"^(?:获得|到位|下达|落实)?(?:支持|资助|扶持|补助|项目)?(?:资金|经费)$"),
    approval: Pat::new(r"立项|获批|批准|争取"),
    bare_projects: Pat::new(r"^(?:共|共计|全年)?(?:确定|安排|实施|下达|支持|启动|组织实施)?了?项目$"),
    programme: Pat::new(r"科技(?:计划|攻关计划|发展计划)(?!项目)"),
    enum_verb: Pat::new(r"(?:组织)?(?:申报|推荐|申请|获批|新认定|认定|新增|培育|争取)"),
    not_enum_item: Pat::new(r"授权|目前|已|现有|累计|总量|总数|有效|年末|年底|拥有|共有|存量|入库|安排|财政|^全(?:市|县|区|州|省|盟|旗)|…"),
    enum_gap: Pat::new(r"^[^，,。；;、]{0,20}?[、，,][^，,。；;、]{0,20}$"),
    // (?<![完成了的]) of the second branch checked in code (`task_lists`)
    task_list: Pat::v(r"
    (?:任务|目标|指标)(?:是|为)[^。；;\n:：]{0,12}[:：]
  | (?P<second>(?:工作|主要|年度|总体|发展)?(?:目标任务|任务目标|目标)[:：])
  | (?:今年|明年|本年度)的(?:主要)?(?:工作)?(?:目标|任务)[:：]
    "),
    // its first branches; the other two are found in code (`task_list_end`)
    task_list_end: Pat::new(r"截至|截止|目前|完成情况|\n|[(（]\d+[)）]"),
    task_column: Pat::new(r"^(?:工作任务|目标任务|任务目标|年度目标|年度任务|工作目标|目标值|任务指标|计划目标|主要任务|目标|预算数|计划数|全年目标|全年任务|全年计划|年度计划)$"),
    whole_year_column: Pat::new(r"^(?:全年|年度)"),
    same_period_column: Pat::new(r"^(?:上年|去年)同期(?:数|值|完成)?$"),
    done_column: Pat::new(r"^(?:本期|本年|当年|今年)?(?:1-\d{1,2}月|上半年|下半年|前三季度|[一二三四]季度)?(?:完成|实际完成|完成数|完成值|实际数|累计完成|累计)?$"),
    header_cell: Pat::v(r"^(?:序号|编号|项目|类别|类型|指标|指标名称|工作内容|内容|工作任务|目标任务|任务目标
    |年度目标|年度任务|工作目标|目标值|任务指标|计划目标|主要任务|目标|完成情况|进展情况|完成进度|进度|实际完成
    |完成值|完成率|责任单位|牵头单位|配合单位|责任人|责任领导|完成时限|时限|时间节点|备注|得分|分值
    |单位|计量单位|预算数|计划数|执行数|实际数|决算数|全年目标|全年任务|全年计划|年度计划|绝对数|绝对值|数值|数量)$"),
    cell_sep: Pat::new(r"[ \t]*\|[ \t]*|[ \t]+"),
    unit_cell: Pat::new(r"^(?:万|亿|余|多)*(?:元|家|项|件|个|名|人次|人|次|%|亩|吨|台|套|所|篇)$"),
    column_unit: Pat::new(r"^(?P<name>[^()（）%％]+?)\s?(?:[(（](?P<unit>[^()（）]{1,4})[)）]|(?P<sign>[%％]))$"),
    year_column: Pat::new(r"^(?P<year>(?:19|20)\d{2})年(?P<part>上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月)?(?:完成|实际|数|值|完成值|实际完成)?$"),
    growth_column: Pat::new(r"^(?:同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)?(?:增长|增速|增幅|增长率|增减)$"),
    signed_number: Pat::new(r"^[-－−][0-9][0-9,]*(?:\.[0-9]+)?%?$"),
    percent_number: Pat::new(r"^[0-9][0-9,]*(?:\.[0-9]+)?%$"),
    rate_column: Pat::new(r"^(?:完成率|完成比例)$"),
    unit_column: Pat::new(r"^(?:计量)?单位$"),
    name_column: Pat::new(r"^(?:指标|指标名称|项目|工作内容|内容|类别|类型)$"),
    value_column: Pat::new(r"^(?:工作任务|目标任务|任务目标|年度目标|年度任务|工作目标|目标值|任务指标|计划目标|目标|完成情况|实际完成|完成值|完成进度|预算数|计划数|执行数|实际数|决算数|绝对数|绝对值|数值|数量)$"),
    caption_unit: Pat::new(r"[（(]?单位[:：]\s*(?P<units>[^\s)）、,，/]{1,4}(?:[、,，/][^\s)）、,，/]{1,4})*)[)）]?[:：]?\s*$"),
    share_name: Pat::new(r"比重|强度|占|率|增长|增速|增幅"),
    money_name: Pat::new(r"额|投入|支出|经费|资金|收入|产值|增加值|投资|金"),
    bare_number: Pat::new(r"^[0-9][0-9,]*(?:\.[0-9]+)?$"),
    entity_column: Pat::new(r"^(?:地区|区域|地区名称|县(?:[(（]市、区[)）])?|县市区|区县|类别|类型|分类)$"),
    year_header: Pat::new(r"^(?:年份|年度|年)$"),
    year_cell: Pat::new(r"^(?P<year>(?:19|20)\d{2})年?$"),
    not_a_cell: Pat::new(r"。|^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])"),
    partner_work: Pat::new(r"对口支援|对口帮扶|对口合作|对口协作|援疆|援藏|援青|东西部(?:扶贫|科技)?协作|山海协作|闽宁"),
    top_numbered: Pat::new(r"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])"),
    title_split: Pat::new(r"[。！？]"),
    modifier_item: Pat::new(r"^.{0,2}$|(?:国家|中央|部|省|自治区|市|州|盟|县|区|乡镇|乡|镇|级)$"),
    naming_verb: Pat::new(r"^(?:新认定|认定|培训|受训|申请|申报|推荐|授权|登记|资助|奖励)"),
    leading_verb: Pat::v(r"^(?:
    (?:现有|拥有|共有|已有|累计|新增|净增|全市|全区|全县|全年|目前|共)*
    (?:开展|举办|组织|实施|完成|发放|建成|建立|组建|新建|建设|创建|培育|引进|争取|获得|带动|吸引|
       选派|派出|配备|聘请|邀请|评选|表彰|打造|启动|征集|对接|签约|落户|入驻|孵化|挂牌|命名|遴选|获批)?
    )"),
    example: Pat::new(r"(?:[一二三四五六七八九十]是)?(?:如|例如|比如|譬如)[^，,。；;]{1,30}?(?:公司|企业|集团|厂|合作社|研究院|研究所)"),
    one_entity: Pat::v(r#"
    (?:(?:\d{4}年|今年|去年|上半年)[，,]?)?
    (?: (?:该|这家|此|这个)(?:公司|企业|集团|厂|项目|单位|合作社)
      | [^，,。；;、]{2,24}?(?:有限公司|有限责任公司|股份公司|集团公司)(?![的])
      | [^，,。；;、“”"]{0,12}[“"][^“”"]{2,40}[”"]项目[，,]
    )"#),
    one_entity_loose: loose(r#"
    (?:(?:\d{4}年|今年|去年|上半年)[，,]?)?
    (?: (?:该|这家|此|这个)(?:公司|企业|集团|厂|项目|单位|合作社)
      | [^，,。；;、]{2,24}?(?:有限公司|有限责任公司|股份公司|集团公司)(?![的])
      | [^，,。；;、“”"]{0,12}[“"][^“”"]{2,40}[”"]项目[，,]
    )"#, true, false).unwrap(),
    change_in_bracket: Pat::new(r"(?:净增|新增|新认定|增长|增加|同比|比上年|较上年|比去年|较去年|下降|减少)"),
    shared_out: Pat::new(r"\s*(?:同比|比上年|较上年|比去年|较去年)?分别(?:比上年|较上年|同比)?(?:增长|增加|提高|提升|下降|减少|为|达到?|是)?\s*[\d一二三四五六七八九十两零〇]"),
    total_words: Pat::new(r"累计|总数|总量|合计|共计|总计|共有"),
    one_level_head: Pat::new(r"^(?:新建|新增|新认定|认定|获批|建成|创建|组建)?(?:国家|省|自治区|市|州|县|区|部)级"),
    rank_after: Pat::new(&format!(r"{}[^，,。；;]{{0,12}}{}$", RANK_VERB, RANK_PLACE)),
    part_verb: Pat::v(&format!(r"列入|安排|下达|立项|获批|认定|{}", ACTION_VERB_SRC)),
    one_level: Pat::new(&format!(r"{}级?(?:资金|经费|项目|计划)|^其他|^其余", GOV_LEVEL)),
    item_verb: Pat::new(r"培训|受训|申请|申报|推荐|授权|登记|认定|新建|新增|净增"),
    named_project_before: Pat::new(r#"(?:(?:项目|课题)《[^《》]{2,40}》|[》”"](?:项目|课题))[，,]$"#),
    subset: Pat::new(r"[^其]中(?:属于|来自)"),
    caption_split: Pat::new(r"[、,，/]"),
    split_subjects: Pat::new(r"、|和|及"),
    split_ratio: Pat::new(r"占|比重"),
});


const TAIL_CHARS: usize = 40;
const SENTENCE_WINDOW: usize = 500;
const MAX_NUMERAL_CHARS: usize = 40;
const SENTENCE_END: &str = "。！？!?；;\n";
const CLAUSE_END: &str = "，,：:";
const QUOTE_MARKS: &str = "“”\"「」『』";
const KEY_VERB_CHARS: usize = 2;
pub(crate) const ONE_OF: &str = "其中之一…";
const LIST_TOTAL_CUE: &str = "list_total:";
pub(crate) const WHOLE_YEAR_CUE: &str = "column:全年";
pub(crate) const SAME_PERIOD_LAST_YEAR_CUE: &str = "column:上年同期";
const SENTENCE_BREAKS: &str = "。！？\n";
const LIST_ITEM_MAX: usize = 30;
const BREAKDOWN_MAX: usize = 400;
const ITEM_END: &str = "，,；;。";
const TASK_LIST_MAX: usize = 400;
const CORE_MIN: usize = 4;
const TAIL_SCAN: usize = 24;
const TAIL_SLACK: usize = 8;

// ------------------------------------------------------------------ records
pub(crate) type Period = (Option<i64>, String, i64, i64, String);

/// Twin of `QuantityMention` (offsets in bytes until handed back).
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
    pub(crate) number_text: String,
    pub(crate) value_raw: f64,
    pub(crate) unit_raw: String,
    pub(crate) numeral: String,
    pub(crate) indicator_phrase: String,
    pub(crate) quote: String,
    pub(crate) quote_start: usize,
    pub(crate) measure: String,
    pub(crate) fact_type: String,
    pub(crate) bound: String,
    pub(crate) period: Option<Period>,
    pub(crate) cues: Vec<String>,
}

/// Twin of `_Unit`.
struct Unit {
    text: String,
    base_unit: String,
    context: String,
}

/// Twin of `Extractor` (its state after `__init__`).
pub(crate) struct Extractor {
    magnitudes: Vec<(String, u32)>, // prefix, power of ten (in the rows' order)
    // the same, longest prefix first (a stable sort of the rows' order, done once)
    magnitudes_by_length: Vec<(String, u32)>,
    prefix_of: HashMap<u32, String>,
    bare: HashSet<String>,
    units: HashMap<String, Unit>,
    pattern: MainScan,
    non_quantities: Vec<(Pat, Vec<char>, Option<Pat>)>,
}

type Rows = Vec<HashMap<String, String>>;

/// Twin of `_truthy`.
fn truthy(v: Option<&String>) -> bool {
    let s = v.map(|s| py_strip(s).to_lowercase()).unwrap_or_else(|| "none".to_string());
    matches!(s.as_str(), "true" | "1" | "yes" | "t")
}

/// The power of ten a prefix's scale is, however the rows write it (`10000`, `10000.0` from
/// dbt's seed tables, `1e4`): `Decimal(scale)` in the Python.
fn pow10_of(scale: &str) -> u32 {
    let s = py_strip(scale);
    let value: f64 = s.parse().unwrap_or_else(|_| panic!("a scale that is no number: {}", s));
    let k = value.log10().round();
    assert!(k >= 0.0 && 10f64.powi(k as i32) == value, "a scale that is no power of ten: {}", s);
    k as u32
}

fn escape(s: &str) -> String {
    regex::escape(s)
}

fn get<'a>(row: &'a HashMap<String, String>, k: &str) -> String {
    row.get(k).cloned().unwrap_or_default()
}

impl Extractor {
    /// Twin of `Extractor.__init__`.
    fn new(
        units: Vec<HashMap<String, String>>,
        prefixes: Vec<HashMap<String, String>>,
        non_quantities: Vec<HashMap<String, String>>,
    ) -> Extractor {
        let prefix_list: Vec<String> = prefixes.iter().map(|p| get(p, "prefix")).collect();
        let mut magnitudes: Vec<(String, u32)> = Vec::new();
        for p in &prefixes {
            let k = pow10_of(&get(p, "scale"));
            if let Some(e) = magnitudes.iter_mut().find(|(q, _)| *q == get(p, "prefix")) {
                e.1 = k;
            } else {
                magnitudes.push((get(p, "prefix"), k));
            }
        }
        let mut prefix_of = HashMap::new();
        for (p, k) in &magnitudes {
            prefix_of.insert(*k, p.clone());
        }
        let mut bare = HashSet::new();
        let mut units_map: HashMap<String, Unit> = HashMap::new();
        let mut positions: Vec<(String, String)> = Vec::new();
        let mut alternatives: Vec<(String, UnitAlt)> = Vec::new();
        for row in &units {
            let unit = get(row, "unit");
            let stop = py_strip(&get(row, "not_before")).to_string();
            let guard = || if stop.is_empty() { None } else { Some(regex::Regex::new(&format!(r"\A(?:{})", tr(&stop, false))).unwrap()) };
            units_map.insert(unit.clone(), Unit {
                text: unit.clone(),
                base_unit: get(row, "base_unit"),
                context: py_strip(&get(row, "context")).to_string(),
            });
            let pos0 = get(row, "position");
            let pos1 = py_strip(if pos0.is_empty() { "after" } else { &pos0 }).to_string();
            let position = if pos1.is_empty() { "after".to_string() } else { pos1 };
            if let Some(e) = positions.iter_mut().find(|(u, _)| *u == unit) {
                e.1 = position.clone();
            } else {
                positions.push((unit.clone(), position.clone()));
            }
            if magnitudes.iter().any(|(p, _)| *p == unit) {
                bare.insert(unit.clone());
            }
            if position == "before" {
                continue;
            }
            alternatives.push((unit.clone(), UnitAlt { prefix: String::new(), unit: unit.clone(), guard: guard() }));
            if truthy(row.get("allow_prefix")) {
                for prefix in &prefix_list {
                    let literal = format!("{}{}", prefix, unit);
                    units_map.entry(literal.clone()).or_insert(Unit {
                        text: literal.clone(),
                        base_unit: get(row, "base_unit"),
                        context: String::new(),
                    });
                    alternatives.push((literal, UnitAlt { prefix: prefix.clone(), unit: unit.clone(), guard: guard() }));
                }
            }
        }
        alternatives.sort_by(|a, b| char_len(&b.0).cmp(&char_len(&a.0)));
        let alts: Vec<UnitAlt> = alternatives.into_iter().map(|(_, a)| a).collect();
        let mut before: Vec<String> = positions.iter().filter(|(_, p)| p == "before").map(|(u, _)| u.clone()).collect();
        before.sort_by(|a, b| char_len(&escape(b)).cmp(&char_len(&escape(a))));
        let pattern = MainScan::new(before, alts);
        let non_quantities = non_quantities
            .iter()
            .map(|r| {
                let p = get(r, "pattern");
                let pat = Pat::new(&p);
                // for a pattern with lookarounds, the same without them (those at its edges kept
                // as text): where it finds nothing in a window, the pattern finds nothing there
                let pre = if matches!(pat.eng, Eng::F(_)) { loose(&p, false, true) } else { None };
                (pat, required_chars(&p), pre)
            })
            .collect();
        let mut magnitudes_by_length = magnitudes.clone();
        magnitudes_by_length.sort_by(|a, b| char_len(&b.0).cmp(&char_len(&a.0)));
        Extractor { magnitudes, magnitudes_by_length, prefix_of, bare, units: units_map, pattern, non_quantities }
    }
}

// ------------------------------------------------------------------ marks
/// Twin of `mark_positions` / `last_mark` / `first_mark` for one text, the positions of
/// each set of marks found once.
struct Marks<'t> {
    text: &'t str,
    // (a handful of sets: a list read by the set's address first, then by its text)
    found: std::cell::RefCell<Vec<(&'static str, std::rc::Rc<Vec<usize>>)>>,
}

fn find_set(found: &[(&'static str, std::rc::Rc<Vec<usize>>)], marks: &str) -> Option<std::rc::Rc<Vec<usize>>> {
    if let Some((_, p)) = found.iter().find(|(k, _)| k.as_ptr() == marks.as_ptr() && k.len() == marks.len()) {
        return Some(p.clone());
    }
    found.iter().find(|(k, _)| *k == marks).map(|(_, p)| p.clone())
}

/// Every set of marks this module asks for, found in one pass over the text.
const MARK_SETS: [&str; 10] =
    [CLAUSE_END, ITEM_END, QUOTE_MARKS, SENTENCE_BREAKS, "(（", "《", "》", "\n", ",，;；:：。！？!?\n", SENTENCE_END];

/// The sets of `MARK_SETS` each mark is in (a bit each): by byte for an ASCII mark, by
/// character for the others, with the lead bytes those start with.
struct MarkTable {
    ascii: [u16; 128],
    lead: [bool; 256],
    other: Vec<(char, u16)>,
}

static MARK_TABLE: Lazy<MarkTable> = Lazy::new(|| {
    let mut t = MarkTable { ascii: [0; 128], lead: [false; 256], other: Vec::new() };
    for (k, set) in MARK_SETS.iter().enumerate() {
        for c in set.chars() {
            if c.is_ascii() {
                t.ascii[c as usize] |= 1 << k;
            } else if let Some(e) = t.other.iter_mut().find(|e| e.0 == c) {
                e.1 |= 1 << k;
            } else {
                t.other.push((c, 1 << k));
                t.lead[c.to_string().as_bytes()[0] as usize] = true;
            }
        }
    }
    t.other.sort_unstable();
    t
});

impl<'t> Marks<'t> {
    fn new(text: &'t str) -> Marks<'t> {
        Marks { text, found: std::cell::RefCell::new(Vec::new()) }
    }
    fn positions(&self, marks: &'static str) -> std::rc::Rc<Vec<usize>> {
        if let Some(p) = find_set(&self.found.borrow(), marks) {
            return p;
        }
        if self.found.borrow().is_empty() {
            // (by bytes: most characters are no mark, and most marks are ASCII or start
            // with one of a few lead bytes)
            let table = &*MARK_TABLE;
            let mut found: Vec<Vec<usize>> = vec![Vec::new(); MARK_SETS.len()];
            let mut push = |bits: u16, i: usize| {
                for (k, f) in found.iter_mut().enumerate() {
                    if bits & (1 << k) != 0 {
                        f.push(i);
                    }
                }
            };
            let b = self.text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let x = b[i];
                if x < 0x80 {
                    if table.ascii[x as usize] != 0 {
                        push(table.ascii[x as usize], i);
                    }
                    i += 1;
                    continue;
                }
                if table.lead[x as usize] {
                    let c = next_char(self.text, i).unwrap();
                    if let Ok(k) = table.other.binary_search_by(|e| e.0.cmp(&c)) {
                        push(table.other[k].1, i);
                    }
                }
                i += if x < 0xe0 { 2 } else if x < 0xf0 { 3 } else { 4 };
            }
            let mut map = self.found.borrow_mut();
            for (set, f) in MARK_SETS.iter().zip(found) {
                map.push((set, std::rc::Rc::new(f)));
            }
            if let Some(p) = find_set(&map, marks) {
                return p;
            }
        }
        let p: Vec<usize> = mark_positions(self.text, marks);
        let p = std::rc::Rc::new(p);
        self.found.borrow_mut().push((marks, p.clone()));
        p
    }
    /// `last_mark(text, marks, lo, hi)`: -1 as None
    fn last(&self, marks: &'static str, lo: usize, hi: usize) -> Option<usize> {
        let p = self.positions(marks);
        let i = p.partition_point(|&x| x < hi);
        if i > 0 && p[i - 1] >= lo { Some(p[i - 1]) } else { None }
    }
    fn first(&self, marks: &'static str, lo: usize, hi: usize) -> Option<usize> {
        let p = self.positions(marks);
        let i = p.partition_point(|&x| x < lo);
        if i < p.len() && p[i] < hi { Some(p[i]) } else { None }
    }
}

/// Twin of `_Sentences`.
struct Sentences {
    ends: std::rc::Rc<Vec<usize>>,
    size: usize,
}

impl Sentences {
    fn new(marks: &Marks) -> Sentences {
        Sentences { ends: marks.positions(SENTENCE_END), size: marks.text.len() }
    }
    /// `bounds(start, end)` (the Python caches it; it is pure)
    fn bounds(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let i = self.ends.partition_point(|&x| x < start);
        let left = if i > 0 { step(text, self.ends[i - 1]) } else { 0 };
        let j = self.ends.partition_point(|&x| x < end);
        let right = if j < self.ends.len() { step(text, self.ends[j]) } else { self.size };
        // the window matters only where the sentence runs further than SENTENCE_WINDOW characters
        let left = if start - left <= SENTENCE_WINDOW || clen_upto(&text[left..start], SENTENCE_WINDOW + 1) <= SENTENCE_WINDOW {
            left
        } else {
            left.max(back(text, start, SENTENCE_WINDOW))
        };
        let right = if right - end <= SENTENCE_WINDOW || clen_upto(&text[end..right], SENTENCE_WINDOW + 1) <= SENTENCE_WINDOW {
            right
        } else {
            right.min(fwd(text, end, SENTENCE_WINDOW))
        };
        (left, right)
    }
}

struct Ctx<'t> {
    text: &'t str,
    marks: Marks<'t>,
    sentences: Sentences,
}

// ------------------------------------------------------------------ extract
impl Extractor {
    /// Twin of `Extractor.extract`.
    pub(crate) fn extract(&self, text: &str) -> Vec<Mention> {
        let marks = Marks::new(text);
        let sentences = Sentences::new(&marks);
        let cx = Ctx { text, marks, sentences };
        let mut found: Vec<Mention> = Vec::new();
        let mut previous_end = 0;
        let mut pos = 0;
        while pos <= text.len() {
            let Some(m) = self.pattern.search(text, pos, text.len()) else { break };
            pos = if m.e == m.s { step(text, m.e) } else { m.e };
            if let Some(mention) = self.mention(&cx, &m, previous_end) {
                previous_end = mention.char_end;
                found.push(mention);
            }
        }
        let found = join_ranges(text, found);
        let found: Vec<Mention> = share_list_subjects(&cx, found).into_iter().map(|m| mark_list_total(text, m)).collect();
        let found = mark_task_lists(text, inherit_subjects(&cx, found));
        let rows = table_lines(text);
        let mut cells = unit_column_cells(text, &self.units, &rows);
        cells.extend(year_row_cells(text, &self.units, &rows));
        let found = with_unit_column_cells(found, cells);
        let found = mark_task_columns(text, found, &rows);
        let found = levels_before_their_total(&cx, found);
        mark_partner_work(&cx, parts_share_the_totals_type(&cx, found))
    }

    /// Twin of `Extractor._mention`.
    fn mention(&self, cx: &Ctx, m: &Mt, previous_end: usize) -> Option<Mention> {
        let text = cx.text;
        let unit_first = m.group(text, G_UNIT_FIRST);
        let sign = m.group(text, G_SIGN);
        let mut number_text: &str = if unit_first.map_or(false, |u| !u.is_empty()) {
            m.group(text, G_NUMBER_AFTER).unwrap()
        } else {
            m.group(text, G_NUMBER).unwrap()
        };
        let unit_first = unit_first.filter(|u| !u.is_empty());
        let mut start = m.s;
        let mut numeral = if number_text == "万" || number_text == "亿" {
            parse_numeral(&format!("一{}", number_text))
        } else {
            parse_numeral(number_text)
        };
        if numeral.is_none() && numeral_kind(number_text) == "chinese" && unit_first.is_none() && sign.map_or(true, |s| s.is_empty()) {
            let chars: Vec<(usize, char)> = number_text.char_indices().collect();
            let n = chars.len();
            let lo = if n > MAX_NUMERAL_CHARS { (n - MAX_NUMERAL_CHARS).max(1) } else { 1 };
            for cut in lo..n {
                if approximate_pair(chars[cut - 1].1, chars[cut].1) {
                    break;
                }
                let rest = &number_text[chars[cut].0..];
                if let Some(v) = parse_numeral(rest) {
                    numeral = Some(v);
                    start += chars[cut].0;
                    number_text = rest;
                    break;
                }
            }
        }
        let mut numeral = numeral?;
        let gap = m.group(text, G_GAP).unwrap_or("");
        if !gap.is_empty() {
            let line_start = cx.marks.last("\n", 0, start).map_or(0, |i| i + 1);
            if py_strip(&text[line_start..start]).is_empty()
                && !(gap.contains('\n') && clause_stop_next(text, m.e))
                && (gap.contains('\n')
                    || (next_char(text, m.e).map_or(false, is_cjk)
                        && !number_text.is_empty()
                        && number_text.chars().all(is_pd)
                        && char_len(number_text) <= 3))
            {
                return None;
            }
        }
        let unit_text = unit_first.unwrap_or_else(|| m.group(text, G_UNIT).unwrap());
        let upper_text = m.group(text, G_UPPER).filter(|u| !u.is_empty());
        let upper = upper_text.and_then(parse_numeral);
        if let Some(up) = &upper {
            let shared = range_lower_end(&numeral, upper_text.unwrap(), up);
            if !shared.value.eq(&numeral.value) {
                let ratio = shared.value.div(&numeral.value);
                let in_prefixes = self.prefix_of.keys().any(|&k| ratio.eq(&Dec::pow10(k)));
                if !in_prefixes && text[start..m.e].chars().any(|c| c.is_ascii_digit()) {
                    return None;
                }
            }
            numeral = shared;
        }
        let (value, unit_raw) = self.written(&numeral, unit_text)?;
        let paren = m.group(text, G_PAREN).unwrap_or("");
        let unit = self.units.get(&unit_raw)?;
        let end = m.e;
        let (sentence_start, sentence_end) = cx.sentences.bounds(text, start, end);
        let before = &text[sentence_start..start];
        if !self.is_quantity(cx, start, end, number_text, sentence_start, unit) {
            return None;
        }
        let clause_start = clause_start(cx, sentence_start, start).max(previous_end);
        let pre = &text[clause_start.min(start)..start];
        let (mut bound, pre_core) = pre_bound(pre);
        let bound_cue = if bound != "exact" { format!("bound:{}", &pre[pre_core.len()..]) } else { String::new() };
        let after = &text[end..sentence_end.max(end)];
        let post_bound = P.post_bound.mat_all(after);
        if upper_text.is_some() {
            bound = "at_least";
        } else if m.group(text, G_MID).map_or(false, |s| !s.is_empty()) || unit_text.contains('多') || unit_text.contains('余') {
            bound = if bound == "approx" { bound } else { "at_least" };
        } else if let Some(pb) = &post_bound {
            if bound == "exact" {
                for k in ["at_least", "approx", "at_most"] {
                    if pb.group(after, P.post_bound.gi(k)).map_or(false, |s| !s.is_empty()) {
                        bound = k;
                        break;
                    }
                }
            }
        }
        let phrase_prefix = if P.each_one.is_in(tail(pre_core, TAIL_CHARS)) || per_unit(py_lstrip(pre_core)) {
            ONE_OF
        } else {
            ""
        };
        let measure = measure(&unit.base_unit, pre_core);
        let falls = measure == "growth" && P.decline.is_in(tail(pre_core, TAIL_CHARS));
        let (quote_start, quote) = quote(cx, sentence_start, sentence_end, start, end);
        let phrase = format!("{}{}", phrase_prefix, indicator_phrase(cx, clause_start, start, end, sentence_end));
        let (mut fact_type, mut cue) = fact_type(&text[clause_start.min(start)..end], before);
        if fact_type != "actual" && is_baseline(cx, start, end) {
            fact_type = "actual".to_string();
            cue = "baseline".to_string();
        }
        let sign_cue = if sign.map_or(false, |s| !s.is_empty()) || falls { "sign:-".to_string() } else { String::new() };
        let cues: Vec<String> = [cue, bound_cue, sign_cue].into_iter().filter(|c| !c.is_empty()).collect();
        Some(Mention {
            char_start: start,
            char_end: end,
            number_text: text[start..end].to_string(),
            value_raw: value,
            unit_raw: format!("{}{}", unit_raw, paren),
            numeral: numeral_kind(number_text).to_string(),
            indicator_phrase: phrase,
            quote,
            quote_start,
            measure: measure.to_string(),
            fact_type,
            bound: bound.to_string(),
            period: None,
            cues,
        })
    }

    /// Twin of `Extractor._magnitude`.
    fn magnitude(&self, unit: &str) -> (u32, String) {
        if self.bare.contains(unit) {
            let k = self.magnitudes.iter().find(|(p, _)| p == unit).unwrap().1;
            return (k, String::new());
        }
        for (prefix, k) in &self.magnitudes_by_length {
            if let Some(rest) = unit.strip_prefix(prefix.as_str()) {
                if self.units.contains_key(rest) {
                    return (*k, rest.to_string());
                }
            }
        }
        (0, unit.to_string())
    }

    /// Twin of `Extractor._written`.
    fn written(&self, lower: &Numeral, unit_text: &str) -> Option<(f64, String)> {
        let core = if char_len(unit_text) > 1 { unit_text.replace('多', "").replace('余', "") } else { unit_text.to_string() };
        let value = lower.value.mul_pow10(self.magnitude(&core).0);
        let (magnitude, base) = self.magnitude(&format!("{}{}", lower.tail, core));
        let largest = magnitude.max(lower.largest);
        if largest == 0 {
            return Some((value.to_f64(), core));
        }
        let prefix = self.prefix_of.get(&largest)?;
        let unit_raw = format!("{}{}", prefix, base);
        if !self.units.contains_key(&unit_raw) {
            return None;
        }
        Some((value.div(&Dec::pow10(largest)).to_f64(), unit_raw))
    }

    /// Twin of `Extractor._is_quantity`.
    fn is_quantity(&self, cx: &Ctx, start: usize, end: usize, number_text: &str, sentence_start: usize, unit: &Unit) -> bool {
        let text = cx.text;
        let before = py_rstrip(&text[sentence_start..start]);
        if before.ends_with('第')
            || ((before.ends_with('前') || before.ends_with("排名") || before.ends_with('居')) && numeral_kind(number_text) != "arabic")
        {
            return false;
        }
        if inside_quotes(cx, sentence_start, sentence_start + before.len(), end) {
            return false;
        }
        let tl = tail(before, TAIL_CHARS);
        // _QUALIFIER_AFTER reads at most 8 characters
        let qualifier = P.qualifier_after.mat(text, end, fwd(text, end, 12));
        if P.qualifier_before.is_in(tl)
            || (qualifier.is_some()
                && !(unit.base_unit == "percent" && P.coverage_before.is_in(tl))
                && !(qualifier.as_ref().unwrap().g[P.qualifier_after.gi("noun")].is_some()
                    && char_len(&unit.text) == 1
                    && "家个项名所座批".contains(unit.text.as_str())))
        {
            return false;
        }
        if numeral_kind(number_text) == "chinese"
            && "十拾百佰千仟万萬亿億".contains(number_text.chars().next().unwrap())
            && P.vague_before.is_in(tl)
        {
            return false;
        }
        if unit.context == "money" && !P.money_before.is_in(tl) {
            return false;
        }
        // _SIZE_CLASS_AFTER reads at most 11 characters
        if unit.base_unit == "CNY" && P.size_class_after.mat_ok(text, end, fwd(text, end, 14)) {
            return false;
        }
        let window_start = back(text, start, 8);
        let lim = end.min(fwd(text, start, MAX_NUMERAL_CHARS + 16));
        let window = &text[window_start..fwd(text, lim, 8)];
        let reach = end.min(fwd(text, start, 2));
        for (pattern, needs, pre) in &self.non_quantities {
            if !needs.iter().all(|&c| window.contains(c)) {
                continue;
            }
            if pre.as_ref().map_or(false, |pre| !pre.is_in(window)) {
                continue;
            }
            for hit in pattern.finditer(window, 0, window.len()) {
                if hit.s + window_start <= start && hit.e + window_start >= reach {
                    return false;
                }
            }
        }
        true
    }
}

/// `_CLAUSE_STOP_NEXT.match(text, pos)`: `[ \t]*(?:[，,。；;、：:）)]|\n|$)`
fn clause_stop_next(text: &str, pos: usize) -> bool {
    let rest = text[pos..].trim_start_matches(|c| c == ' ' || c == '\t');
    match rest.chars().next() {
        None => true,
        Some(c) => "，,。；;、：:）)\n".contains(c),
    }
}

/// Twin of `loaders.period.is_baseline`.
fn is_baseline(cx: &Ctx, start: usize, end: usize) -> bool {
    static RISES_TO: Lazy<Pat> = Lazy::new(|| {
        Pat::new(r"(?:增|增加|增长|提高|提升|上升|升|发展|扩大|扩充|扩展|跃升|减少|下降|降|降低|缩短|缩小)了?(?:到|至)")
    });
    static FROM_END: Lazy<Pat> = Lazy::new(|| {
        Pat::new(r"(?:由|从)(?:上年|去年|原来|原有|过去|以前|之前|(?:19[5-9]\d|20[0-4]\d)\s?年)?(?:底|末)?的?$")
    });
    let text = cx.text;
    // _RISES_TO reads at most 5 characters
    if RISES_TO.mat_no(text, end, fwd(text, end, 6)) {
        return false;
    }
    let near = back(text, start, 40);
    let cs = match cx.marks.last(",，;；:：。！？!?\n", near, start) {
        Some(i) => step(text, i),
        None => 0,
    }
    .max(near);
    FROM_END.search_ok(text, cs, start)
}

// ------------------------------------------------------------------ helpers of one number
/// Twin of `_join_ranges`.
fn join_ranges(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for mention in mentions {
        if let Some(first) = out.last() {
            if first.unit_raw == mention.unit_raw
                && first.bound == "exact"
                && mention.bound == "exact"
                && mention.value_raw > first.value_raw
                && first.char_end <= mention.char_start
                && P.range_between_full.is(&text[first.char_end..mention.char_start])
            {
                let mut joined = first.clone();
                joined.char_end = mention.char_end;
                joined.bound = "at_least".to_string();
                joined.number_text = text[first.char_start..mention.char_end].to_string();
                *out.last_mut().unwrap() = joined;
                continue;
            }
        }
        out.push(mention);
    }
    out
}

/// Twin of `_clause_start`.
fn clause_start(cx: &Ctx, sentence_start: usize, start: usize) -> usize {
    let text = cx.text;
    let mut left = cx.marks.last(CLAUSE_END, sentence_start, start).map_or(0, |i| step(text, i));
    if left > sentence_start {
        let c = prev_char(text, left).unwrap();
        if (c == '：' || c == ':')
            && left <= start
            && char_len(&text[left..start]) <= KEY_VERB_CHARS + 2
            && char_len(py_strip(&text[left..start])) <= KEY_VERB_CHARS
        {
            let before = back(text, left, 1);
            left = cx.marks.last(CLAUSE_END, sentence_start, before).map_or(0, |i| step(text, i));
        }
    }
    left.max(sentence_start)
}

/// Twin of `_inside_quotes`.
fn inside_quotes(cx: &Ctx, lo: usize, hi: usize, end: usize) -> bool {
    let text = cx.text;
    let marks = cx.marks.positions(QUOTE_MARKS);
    let first = marks.partition_point(|&x| x < lo);
    let past = marks.partition_point(|&x| x < hi);
    if (past - first) % 2 == 1 && clen_upto(&text[marks[past - 1]..hi], 13) <= 12 {
        if cx.marks.first(QUOTE_MARKS, end, fwd(text, end, 12)).is_some() {
            return true;
        }
    }
    if let Some(i) = cx.marks.last("《", lo, hi) {
        let j = cx.marks.last("》", lo, hi);
        if j.map_or(true, |j| j < i) && text[end..fwd(text, end, 30)].contains('》') {
            return true;
        }
    }
    false
}

/// The characters of `s`, counted up to `cap`.
fn clen_upto(s: &str, cap: usize) -> usize {
    s.chars().take(cap).count()
}

/// Twin of `_pre_bound`: (bound, the clause without the bound word).
fn pre_bound(pre: &str) -> (&'static str, &str) {
    let pre = py_rstrip(pre);
    // `(?:…words…)$` searched: the leftmost match is the longest word the text ends with
    const WORDS: [(&str, &str); 23] = [
        ("大约", "approx"), ("将近", "approx"), ("接近", "approx"), ("大概", "approx"), ("约", "approx"), ("近", "approx"),
        ("超过", "at_least"), ("不少于", "at_least"), ("不低于", "at_least"), ("至少", "at_least"), ("多达", "at_least"),
        ("高达", "at_least"), ("突破", "at_least"), ("超", "at_least"), ("逾", "at_least"),
        ("不到", "at_most"), ("不足", "at_most"), ("不超过", "at_most"), ("少于", "at_most"), ("低于", "at_most"),
        ("最高", "at_most"), ("最多", "at_most"), ("至多", "at_most"),
    ];
    let cut = back(pre, pre.len(), TAIL_CHARS);
    let mut best: Option<(usize, &str)> = None;
    for (w, kind) in WORDS {
        if pre.ends_with(w) && pre.len() - w.len() >= cut {
            let s = pre.len() - w.len();
            if best.map_or(true, |(b, _)| s < b) {
                best = Some((s, kind));
            }
        }
    }
    match best {
        None => {
            let approx = P.approx_verb.search_ok(pre, cut, pre.len());
            (if approx { "approx" } else { "exact" }, pre)
        }
        Some((s, kind)) => (kind, &pre[..s]),
    }
}

/// Twin of `_measure`.
fn measure(base_unit: &str, pre: &str) -> &'static str {
    let pre = tail(py_rstrip(pre), TAIL_CHARS);
    if base_unit == "multiple" {
        return if P.grown_by_times.is_in(pre) { "growth" } else { "multiple" };
    }
    if base_unit == "pp" {
        return "growth";
    }
    if base_unit == "percent" {
        if P.growth_not.is_in(pre) {
            return "ratio";
        }
        return if P.growth_pct.is_in(pre) { "growth" } else { "ratio" };
    }
    if growth_count(pre) { "growth" } else { "level" }
}

/// `_FIGURE_DIGIT.search(s)`: `\d(?!\d*\s?[年月日号])`
fn figure_digit(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    for i in 0..cs.len() {
        if !is_pd(cs[i]) {
            continue;
        }
        let mut j = i + 1;
        while j < cs.len() && is_pd(cs[j]) {
            j += 1;
        }
        let date = |k: usize| k < cs.len() && "年月日号".contains(cs[k]);
        let is_date = date(j) || (j < cs.len() && is_py_space(cs[j]) && date(j + 1));
        if !is_date {
            return true;
        }
    }
    false
}

/// Twin of `_fact_type`: (fact type, cue).
fn fact_type(clause: &str, sentence_before: &str) -> (String, String) {
    if clause.contains("完成") && P.plan_done.is_in(clause) {
        return ("actual".into(), String::new());
    }
    if let Some(h) = P.estimate.search_all(clause) {
        return ("estimate".into(), clause[h.s..h.e].to_string());
    }
    if let Some(h) = target(clause) {
        return ("target".into(), clause[h.s..h.e].to_string());
    }
    if clause.starts_with("要求") {
        return ("target".into(), "要求".into());
    }
    let mut hit = sentence_cue(sentence_before);
    if let Some(h) = &hit {
        if figure_digit(&sentence_before[..h.s]) && P.own_verb.is_in(clause) {
            hit = None;
        }
    }
    if let Some(h) = hit {
        let kind = if h.g[P.sentence_cue.gi("estimate")].is_some() { "estimate" } else { "target" };
        return (kind.into(), sentence_before[h.s..h.e].to_string());
    }
    ("actual".into(), String::new())
}

/// Twin of `_quote`.
fn quote(cx: &Ctx, s_start: usize, s_end: usize, start: usize, end: usize) -> (usize, String) {
    let text = cx.text;
    let limit = 160;
    let (mut q_start, mut q_end) = (s_start, s_end);
    while q_end > q_start && matches!(prev_char(text, q_end), Some('\n') | Some(' ')) {
        q_end -= 1;
    }
    while q_start < q_end && matches!(next_char(text, q_start), Some('\n') | Some(' ')) {
        q_start += 1;
    }
    if clen_upto(&text[q_start..q_end], limit + 1) > limit {
        let lo = q_start.max(back(text, start, limit / 2));
        let a = clause_start(cx, lo, start);
        // min(_clause_start(…), start - 10): in characters (start - 10 may be negative)
        let b = char_sub(text, start, 10);
        let qs = match b {
            Some(b) => a.min(b),
            None => 0, // below zero: max(s_start, …) below takes s_start
        };
        q_start = s_start.max(if b.is_none() { s_start } else { qs });
        let e40 = fwd(text, end, 40);
        let ql = fwd(text, q_start, limit);
        q_end = q_end.min(e40.max(ql));
    }
    (q_start, text[q_start..q_end.max(q_start)].to_string())
}

/// `pos - n` in characters, None below zero.
fn char_sub(text: &str, pos: usize, n: usize) -> Option<usize> {
    let b = back(text, pos, n);
    if clen_upto(&text[b..pos], n) < n { None } else { Some(b) }
}

/// `_SPACE_BY_LATIN.sub("", s)`: a white space between a Latin letter (or &) and a CJK
/// character, either way round.
fn space_by_latin(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..cs.len() {
        let c = cs[i];
        if is_py_space(c) && i > 0 && i + 1 < cs.len() {
            let (a, b) = (cs[i - 1], cs[i + 1]);
            if ((a.is_ascii_alphabetic() || a == '&') && is_cjk(b)) || (is_cjk(a) && b.is_ascii_alphabetic()) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `s.rfind(sub)` among characters: the byte offset.
fn rfind_char(s: &str, c: char) -> Option<usize> {
    s.rfind(c)
}

/// Twin of `_indicator_phrase`.
fn indicator_phrase(cx: &Ctx, clause_start: usize, start: usize, end: usize, sentence_end: usize) -> String {
    let text = cx.text;
    let pre0 = strip_phrase(&text[clause_start.min(start)..start]);
    let mut pre: String = py_strip(&pre_bound_sub(&pre0)).to_string();
    if pre.contains(' ') {
        pre = space_by_latin(&pre);
    }
    let spaced = [rfind_char(&pre, ' '), rfind_char(&pre, '\u{3000}')].into_iter().flatten().max();
    if let Some(sp) = spaced {
        if char_len(&pre[sp..]) > 2 {
            pre = pre[step(&pre, sp)..].to_string();
        }
    }
    let opened = [rfind_char(&pre, '('), rfind_char(&pre, '（')].into_iter().flatten().max();
    if let Some(op) = opened {
        let inner = &pre[step(&pre, op)..];
        if !P.closed_or_includes.is_in(inner) && char_len(&pre[op..]) > 3 {
            pre = inner.to_string();
        }
    }
    let pre = object_of_last_verb(&pre).trim_end_matches(|c| c == '：' || c == ':').to_string();
    let mut post_end = end;
    let stops = format!("{}{}、", CLAUSE_END, SENTENCE_END);
    while post_end < sentence_end {
        let c = next_char(text, post_end).unwrap();
        if c.is_numeric_digit_py() {
            break;
        }
        if !stops.contains(c) || (c == '、' && P.level_word_full.is(&text[end..post_end])) {
            post_end = step(text, post_end);
        } else {
            break;
        }
    }
    let post0 = py_strip(&text[end..post_end.max(end)]);
    let mut post: String = match P.post_lead.mat_all(post0) {
        Some(m) => format!("{}{}", &post0[..m.s], &post0[m.e..]),
        None => post0.to_string(),
    };
    if P.rank_post.mat_all_ok(&post) {
        post = String::new();
    }
    if let Some(c) = P.container.mat_all(&post) {
        let firm_ok = c.g[P.container.gi("firm")].is_none()
            || ["实施", "开展", "承担", "完成"].iter().any(|w| post[c.e..].starts_with(w));
        if firm_ok {
            return post[..c.e].to_string();
        }
    }
    if P.negative_post.mat_all_ok(&post) {
        let right = text[end..].find(post.as_str()).map(|i| end + i + post.len());
        let left = if !pre.is_empty() { text[clause_start.min(start)..start].rfind(pre.as_str()).map(|i| clause_start + i) } else { Some(start) };
        return match (left, right) {
            (Some(l), Some(r)) if r >= end => text[l..r].to_string(),
            (Some(l), None) if end as isize - 1 >= end as isize => text[l..].to_string(),
            _ => pre,
        };
    }
    let core = P.scope_end.sub_empty(&pre);
    let core_verb = core.strip_suffix('的').unwrap_or(&core);
    if char_len(&post) >= 2 && (char_len(&core) < 3 || P.verb_end.is_in(core_verb) || P.joins_post.mat_all_ok(&post)) {
        if pre.is_empty() {
            return post.chars().take(30).collect();
        }
        let left = text[clause_start.min(start)..start].rfind(pre.as_str()).map(|i| clause_start + i);
        let right = text[end..].find(post.as_str()).map(|i| end + i + post.len());
        return match (left, right) {
            (Some(l), Some(r)) if r >= end => text[l..r].to_string(),
            _ => pre,
        };
    }
    if pre.is_empty() { post } else { pre }
}

trait PyDigit {
    fn is_numeric_digit_py(self) -> bool;
}
impl PyDigit for char {
    /// `str.isdigit()` (Nd, and the digits of Numeric_Type=Digit: superscripts, circled …)
    fn is_numeric_digit_py(self) -> bool {
        is_pd(self) || is_other_digit(self)
    }
}

/// Characters with Numeric_Type=Digit that are not Nd (Python's `isdigit()` beyond `\d`).
fn is_other_digit(c: char) -> bool {
    matches!(c as u32,
        0xB2 | 0xB3 | 0xB9 | 0x1369..=0x1371 | 0x19DA | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089
        | 0x2460..=0x2468 | 0x2474..=0x247C | 0x2488..=0x2490 | 0x24EA | 0x24F5..=0x24FD | 0x24FF
        | 0x2776..=0x277E | 0x2780..=0x2788 | 0x278A..=0x2792 | 0x10A40..=0x10A43 | 0x10E60..=0x10E68
        | 0x11052..=0x1105A | 0x1F100..=0x1F10A)
}

/// `_PRE_BOUND.sub("", pre)`: every bound word the text ends with is at its end, so the
/// leftmost (longest) one is removed (then the string ends in none of its suffixes?
/// `sub` goes on from the end: nothing is left to match).
fn pre_bound_sub(pre: &str) -> String {
    // the match must end at the end (or before a final line break)
    let (body, nl) = match pre.strip_suffix('\n') {
        Some(b) => (b, "\n"),
        None => (pre, ""),
    };
    let _ = nl;
    const WORDS: [&str; 23] = [
        "大约", "将近", "接近", "大概", "约", "近", "超过", "不少于", "不低于", "至少", "多达", "高达", "突破", "超", "逾",
        "不到", "不足", "不超过", "少于", "低于", "最高", "最多", "至多",
    ];
    // leftmost match: the longest word `pre` ends with (at the end of `pre` itself first:
    // a match before a final line break starts further left only if longer)
    let mut best: Option<usize> = None;
    for w in WORDS {
        if pre.ends_with(w) {
            let s = pre.len() - w.len();
            if best.map_or(true, |b| s < b) {
                best = Some(s);
            }
        }
        if !nl.is_empty() && body.ends_with(w) {
            let s = body.len() - w.len();
            if best.map_or(true, |b| s < b) {
                best = Some(s);
            }
        }
    }
    match best {
        None => pre.to_string(),
        Some(s) => {
            // the match ends at the end of `pre` (consuming a final line break when there is one)
            if pre[s..].ends_with('\n') && !WORDS.iter().any(|w| pre[s..] == **w) {
                pre[..s].to_string()
            } else {
                pre[..s].to_string()
            }
        }
    }
}

/// Twin of `_object_of_last_verb`.
fn object_of_last_verb(pre: &str) -> String {
    let last = P.action_verb.finditer(pre, 0, pre.len()).pop();
    let Some(last) = last else { return pre.to_string() };
    if last.s == 0 || char_len(&pre[last.e..]) < 2 {
        return pre.to_string();
    }
    if P.not_agent.mat_all_ok(&pre[..last.s]) {
        return pre.to_string();
    }
    if P.status_after_verb_full.is(&pre[last.e..]) || P.amount_of_agent_full.is(&pre[last.e..]) {
        return pre.to_string();
    }
    pre[last.s..].to_string()
}

/// Twin of `_strip_phrase`.
fn strip_phrase(words: &str) -> String {
    let words = match P.phrase_head.mat_all(words) {
        Some(h) => {
            let mut e = h.e;
            let r = &words[e..];
            if (r.starts_with("完成") || r.starts_with("实现"))
                && ["全社会", "全市", "全县", "全区", "全省", "全旗", "全州"].iter().any(|w| r["完成".len()..].starts_with(w))
            {
                e += "完成".len();
            }
            &words[e..]
        }
        None => words,
    };
    let tails = PhraseTail::new(words);
    // (more than TAIL_SCAN characters exactly when the TAIL_SCAN-th from the end is not the first)
    let cut = back(words, words.len(), TAIL_SCAN);
    if cut > 0 {
        let t = tails.first_from(cut);
        if char_len(&words[cut..t]) > TAIL_SLACK {
            return words[..t].to_string();
        }
    }
    words[..tails.first_from(0)].to_string()
}

/// `_PHRASE_TAIL` by hand: `(?:A)?(?:B)*(?:了)?\s*$` with A, B the word lists below and
/// B's `计` only after a character that is not 累, 合, 总 or 预. It matches at a position
/// when the text from there is in that language (then it runs to the end). Found from the
/// end: its words are at most 3 characters, so after 3 positions in a row where `B*了?\s*`
/// cannot start it starts nowhere before, and A's words (2 characters at most) reach 2
/// positions further.
struct PhraseTail {
    // the byte offsets where it matches, ascending (the end of the text among them)
    ok: Vec<usize>,
}

const TAIL_A: [&str; 10] = ["已经", "已", "共", "共计", "分别", "均", "预计", "预期", "有望", "可望"];
const TAIL_B: [&str; 28] = [
    "达到", "到达", "达", "为", "是", "有", "共", "计", "实现", "完成", "超过", "突破", "增至", "提高到", "提升至", "提升到",
    "提高至", "超", "逾", "约", "近", "将近", "接近", "大约", "多达", "高达", "不到", "不足",
];

/// A word list as (first character, word, its length in characters): the first character
/// is compared before the word.
fn by_first(words: &[&'static str]) -> Vec<(char, &'static str, usize)> {
    words.iter().map(|w| (w.chars().next().unwrap(), *w, char_len(w))).collect()
}
static TAIL_A_WORDS: Lazy<Vec<(char, &str, usize)>> = Lazy::new(|| by_first(&TAIL_A));
static TAIL_B_WORDS: Lazy<Vec<(char, &str, usize)>> = Lazy::new(|| by_first(&TAIL_B));

impl PhraseTail {
    fn new(s: &str) -> PhraseTail {
        // s[i:] is `了?\s*` to the end
        let spaces = py_rstrip(s).len();
        let tail_ok = |i: usize| i >= spaces || (s[i..].starts_with('了') && i + '了'.len_utf8() >= spaces);
        // from the end: each position (a byte offset), whether `B*了?\s*` runs from it to the
        // end, and the character there; 5 positions in a row where it does not close the list
        let mut at: Vec<(usize, bool, char)> = Vec::with_capacity(16);
        let mut falses = 0;
        let mut i = s.len();
        loop {
            let c = next_char(s, i).unwrap_or('\0');
            let mut v = tail_ok(i);
            if !v && i < s.len() {
                for &(f, w, k) in TAIL_B_WORDS.iter() {
                    if f != c || !s[i..].starts_with(w) {
                        continue;
                    }
                    if w == "计" && prev_char(s, i).map_or(false, |p| "累合总预".contains(p)) {
                        continue;
                    }
                    if at[at.len() - k].1 {
                        v = true;
                        break;
                    }
                }
            }
            at.push((i, v, c));
            falses = if v { 0 } else { falses + 1 };
            if falses >= 5 || i == 0 {
                break;
            }
            i -= prev_char(s, i).unwrap().len_utf8();
        }
        let mut ok = Vec::new();
        for n in (0..at.len()).rev() {
            let (i, v, c) = at[n];
            let a = || TAIL_A_WORDS.iter().any(|&(f, w, k)| f == c && k <= n && s[i..].starts_with(w) && at[n - k].1);
            if v || (i < s.len() && a()) {
                ok.push(i);
            }
        }
        PhraseTail { ok }
    }
    /// The byte offset of the leftmost match at or after byte offset `from`.
    fn first_from(&self, from: usize) -> usize {
        let k = self.ok.partition_point(|&x| x < from);
        self.ok[k]
    }
    /// `_PHRASE_TAIL.fullmatch(s)`
    fn whole(&self) -> bool {
        self.ok[0] == 0
    }
}

/// Twin of `_trim_subject`.
fn trim_subject(subject: &str) -> String {
    let s = py_strip(&strip_phrase(subject)).to_string();
    if s.is_empty() { subject.to_string() } else { s }
}

// ------------------------------------------------------------------ lists
/// `re.split(pattern, s)` (no groups in the pattern)
fn split(p: &Pat, s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut last = 0;
    for m in p.finditer(s, 0, s.len()) {
        out.push(s[last..m.s].to_string());
        last = m.e;
    }
    out.push(s[last..].to_string());
    out
}

/// Twin of `_share_list_subjects`.
fn share_list_subjects(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let text = cx.text;
    let starts: Vec<usize> = mentions.iter().map(|m| m.char_start).collect();
    let mut out = mentions;
    let mut i = 0;
    let mut last_subjects: Option<(usize, Vec<String>)> = None;
    while i < out.len() {
        let mut j = i;
        while j + 1 < out.len() {
            let gap = if out[j].char_end <= out[j + 1].char_start { &text[out[j].char_end..out[j + 1].char_start] } else { "" };
            let gap = if gap.is_empty() { "x" } else { gap };
            if P.list_glue.mat_all_ok(gap) {
                j += 1;
            } else {
                break;
            }
        }
        if j > i {
            let group: Vec<Mention> = out[i..j + 1].to_vec();
            let first = group[0].clone();
            let (s_start, _) = cx.sentences.bounds(text, first.char_start, first.char_end);
            let c_start = clause_start(cx, s_start, first.char_start);
            let pre = &text[c_start..first.char_start];
            let pre_core = P.share_pre_core.sub_empty(pre);
            let subjects0: Vec<String> = split(&P.split_subjects, &pre_core).iter().map(|s| py_strip(s).to_string()).filter(|s| !s.is_empty()).collect();
            let mut subjects = share_noun(subjects0);
            if subjects.len() == group.len() {
                last_subjects = Some((s_start, subjects.clone()));
            } else if last_subjects.as_ref().map_or(false, |(s, l)| *s == s_start && l.len() == group.len()) {
                subjects = last_subjects.as_ref().unwrap().1.clone();
            } else if {
                let pc = py_strip(&pre_core);
                P.predicate_start.mat_all_ok(if pc.is_empty() { "分别" } else { pc }) || pc.is_empty()
            } {
                let lo = starts.partition_point(|&x| x < s_start);
                let before: Vec<Mention> = if lo < i { out[lo..i].to_vec() } else { vec![] };
                subjects = parallel_subjects(&before, s_start, group.len());
            } else {
                subjects = vec![];
            }
            for (k, mention) in group.iter().enumerate() {
                let shared = &mut out[i + k];
                shared.measure = measure_for_list(mention, &first).to_string();
                shared.bound = bound_for_list(mention, &first, k == 0).to_string();
                if !subjects.is_empty() {
                    shared.indicator_phrase = trim_subject(&subjects[k]);
                }
            }
        }
        i = j + 1;
    }
    out
}

/// Twin of `_share_noun`.
fn share_noun(subjects: Vec<String>) -> Vec<String> {
    if subjects.len() < 2 {
        return subjects;
    }
    if let Some(head) = P.measure_word.search_all(&subjects[0]) {
        if char_len(&subjects[0][..head.s]) >= 2 && subjects[1..].iter().all(|s| P.measure_word_full.is(s)) {
            let mut out = vec![subjects[0].clone()];
            for s in &subjects[1..] {
                out.push(format!("{}{}", &subjects[0][..head.s], s));
            }
            return out;
        }
    }
    let last_s = subjects.last().unwrap();
    let noun = match P.level_head.mat_all(last_s) {
        Some(m) => last_s[m.e..].to_string(),
        None => String::new(),
    };
    if char_len(&noun) < 2 || !subjects[..subjects.len() - 1].iter().all(|s| P.level_head.mat_all(s).map_or(false, |m| m.e == s.len())) {
        return subjects;
    }
    let mut out: Vec<String> = subjects[..subjects.len() - 1].iter().map(|s| format!("{}{}", s, noun)).collect();
    out.push(last_s.clone());
    out
}

/// Twin of `_parallel_subjects`.
fn parallel_subjects(before: &[Mention], sentence_start: usize, size: usize) -> Vec<String> {
    let same: Vec<&Mention> = before
        .iter()
        .filter(|m| m.char_start >= sentence_start && P.part_of.mat_all_no(&m.indicator_phrase))
        .collect();
    let subject = |idx: usize| -> String {
        let mut k = idx;
        while k > 0 && needs_subject(&same[k].indicator_phrase) {
            k -= 1;
        }
        let head = same[k].indicator_phrase.split('…').next().unwrap().to_string();
        let own = py_strip(&same[idx].indicator_phrase);
        if k != idx && P.bare_amount.mat_all_ok(own) {
            return format!("{}…{}", head, own);
        }
        head
    };
    if same.len() >= size {
        let mut end = same.len();
        while end >= size {
            let run = &same[end - size..end];
            let units: HashSet<&str> = run.iter().map(|m| m.unit_raw.as_str()).collect();
            if units.len() == 1 && run.iter().all(|m| m.measure == "level") {
                return (end - size..end).map(|i| subject(i)).collect();
            }
            if end == 0 {
                break;
            }
            end -= 1;
        }
    }
    let levels: Vec<&&Mention> = same.iter().filter(|m| m.measure == "level").collect();
    if levels.len() >= size {
        return levels[levels.len() - size..].iter().map(|m| m.indicator_phrase.split('…').next().unwrap().to_string()).collect();
    }
    let with_parts: Vec<&Mention> = before.iter().filter(|m| m.char_start >= sentence_start && m.measure == "level").collect();
    if with_parts.len() >= size {
        let tailp = &with_parts[with_parts.len() - size..];
        let units: HashSet<&str> = tailp.iter().map(|m| m.unit_raw.as_str()).collect();
        if units.len() == 1 {
            return tailp.iter().map(|m| m.indicator_phrase.split('…').next().unwrap().to_string()).collect();
        }
    }
    vec![]
}

/// Twin of `_measure_for_list`.
fn measure_for_list<'a>(mention: &'a Mention, first: &'a Mention) -> &'a str {
    if (mention.measure == "level" || mention.measure == "ratio") && first.measure == "growth" {
        &first.measure
    } else {
        &mention.measure
    }
}

/// Twin of `_bound_for_list` (`mention is first`: the first of the group).
fn bound_for_list<'a>(mention: &'a Mention, first: &'a Mention, is_first: bool) -> &'a str {
    if is_first || mention.bound != "exact" {
        return &mention.bound;
    }
    if first.cues.iter().any(|c| c.starts_with("bound:")) { &first.bound } else { &mention.bound }
}

/// Twin of `_mark_list_total`.
fn mark_list_total(text: &str, mention: Mention) -> Mention {
    let phrase = &mention.indicator_phrase;
    if phrase.contains('…') || !phrase.contains('、') || phrase.split('、').last().unwrap().contains('等') {
        return mention;
    }
    let lo = back(text, mention.char_start, 2 * SENTENCE_WINDOW);
    let left = text[lo..mention.char_start].rfind(phrase.as_str()).map(|i| lo + i);
    let Some(left) = left else { return mention };
    let after = left + phrase.len();
    let gap = if after <= mention.char_start { &text[after..mention.char_start] } else { "" };
    if after > mention.char_start || !PhraseTail::new(gap).whole() {
        return mention;
    }
    if P.verb_end.is_in(phrase) {
        return mention;
    }
    let mut items: Vec<String> = phrase.split('、').map(|s| s.to_string()).collect();
    if items[0].starts_with('与') || items[0].starts_with('同') || items[0].starts_with('跟') {
        return mention;
    }
    let first = object_of_last_verb(&items[0]);
    if P.naming_verb.mat_all_ok(&first) {
        return mention;
    }
    items[0] = match P.leading_verb.mat_all(&first) {
        Some(v) => first[v.e..].to_string(),
        None => first.clone(),
    };
    let kinds: Vec<String> = items.into_iter().filter(|item| !P.modifier_item.is_in(item)).collect();
    if kinds.len() < 2 {
        return mention;
    }
    let mut m = mention;
    m.cues.push(format!("{}{}", LIST_TOTAL_CUE, kinds.join("、")));
    m
}

// ------------------------------------------------------------------ subjects
/// Twin of `_line_key`.
fn line_key(cx: &Ctx, start: usize) -> String {
    let text = cx.text;
    let line_start = cx.marks.last("\n", 0, start).map_or(0, |i| i + 1);
    match P.line_key.mat(text, line_start, start) {
        Some(k) => py_strip(k.group(text, P.line_key.gi("key")).unwrap()).to_string(),
        None => String::new(),
    }
}

/// Twin of `_needs_subject`.
fn needs_subject(phrase: &str) -> bool {
    let phrase = py_strip(phrase);
    phrase.is_empty()
        || P.predicate_start.mat_all_ok(phrase)
        || P.part_of.mat_all_ok(phrase)
        || P.bare_flow.mat_all_ok(phrase)
        || P.bare_stock.mat_all_ok(phrase)
        || P.bare_amount.mat_all_ok(phrase)
        || P.target_of_previous.is_in(phrase)
        || P.target_word_end.is_in(phrase)
        || kept_chars_below_2(phrase)
}

/// `len(_PREDICATE_WORDS.sub("", phrase)) < 2`, counted without building the string: the kept
/// characters are the phrase's less those of the (non-overlapping) matches removed.
fn kept_chars_below_2(phrase: &str) -> bool {
    // every character a match of `_PREDICATE_WORDS` may hold: one it cannot is kept
    static MATCH_CHARS: Lazy<Option<Vec<(u32, u32)>>> = Lazy::new(|| pattern_chars(&tr(PREDICATE_WORDS, true)));
    let total = char_len(phrase);
    if total < 2 {
        return true;
    }
    if let Some(chars) = &*MATCH_CHARS {
        if phrase.chars().filter(|&c| !in_ranges(chars, c)).nth(1).is_some() {
            return false;
        }
    }
    let removed: usize = P.predicate_words.finditer(phrase, 0, phrase.len()).iter().map(|m| char_len(&phrase[m.s..m.e])).sum();
    total - removed < 2
}

/// Twin of `_subject_of`.
fn subject_of(phrase: &str, own: &str) -> String {
    let parts: Vec<&str> = phrase.split('…').collect();
    if parts.len() > 1 && P.bare_amount.mat_all_ok(parts[parts.len() - 1]) {
        let mut v: Vec<String> = parts[..parts.len() - 1].iter().map(|s| s.to_string()).collect();
        v.push(strip_phrase(parts[parts.len() - 1]));
        return v.join("…");
    }
    if parts.len() > 1 && parts[1].starts_with("其中") {
        return parts[..2].join("…");
    }
    let mut subject = parts[0].to_string();
    let first = split(&P.split_ratio, &subject)[0].clone();
    if !first.is_empty() {
        subject = first;
    }
    if P.bare_flow.mat_all_ok(own) {
        let s = match P.applied_verb.mat_all(&subject) {
            Some(m) => format!("{}{}", &subject[..m.s], &subject[m.e..]),
            None => subject.clone(),
        };
        if !s.is_empty() {
            subject = s;
        }
    }
    if P.stock_words.is_in(own) && P.part_of.mat_all_no(own) {
        let s = P.flow_words.sub_empty(&subject);
        if !s.is_empty() {
            subject = s;
        }
    } else if P.flow_words.is_in(own) {
        let marks = P.stock_marks.finditer(&subject, 0, subject.len());
        if let Some(last) = marks.last() {
            if char_len(&subject[last.e..]) >= 2 {
                subject = subject[last.e..].to_string();
            } else if char_len(&subject[..last.s]) >= 2 {
                subject = subject[..last.s].to_string();
            }
        }
    }
    subject
}

/// Twin of `_gap_only`.
fn gap_only(mut m: Mention) -> Mention {
    let Some(gap) = P.gap_to_others.search_all(&m.indicator_phrase) else { return m };
    if m.measure == "level" {
        m.measure = "growth".to_string();
    }
    m.indicator_phrase = m.indicator_phrase[gap.s..].to_string();
    m
}

/// Twin of `_inherit_subjects`.
fn inherit_subjects(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let text = cx.text;
    let mut out = mentions;
    let sentence: Vec<usize> = out.iter().map(|m| cx.sentences.bounds(text, m.char_start, m.char_end).0).collect();
    for k in 0..out.len() {
        let own = py_strip(&out[k].indicator_phrase).to_string();
        if k > 0 && sentence[k - 1] == sentence[k] {
            let noun = level_item_noun(&own, &out[k - 1]);
            if !noun.is_empty() {
                out[k].indicator_phrase = format!("{}{}", own, noun);
                continue;
            }
        }
        if !needs_subject(&out[k].indicator_phrase) {
            continue;
        }
        let mention = &out[k];
        let mut neighbour: Option<usize> = None;
        let same_sentence = k > 0 && sentence[k - 1] == sentence[k];
        let mut masked = String::new();
        if !same_sentence || out[k - 1].char_end <= previous_clause_start(cx, sentence[k], mention.char_start) {
            masked = unnumbered_subject(cx, sentence[k], mention);
        }
        if same_sentence && masked.is_empty() {
            neighbour = Some(k - 1);
        } else if k > 0 && P.part_of.mat_all_ok(&own) && py_lstrip(&text[sentence[k]..mention.char_start]).starts_with("其中") {
            neighbour = Some(k - 1);
        } else if k + 1 < out.len() && sentence[k + 1] == sentence[k] && P.target_word_end.is_in(&own) && out[k + 1].unit_raw == mention.unit_raw {
            neighbour = Some(k + 1);
        }
        let Some(neighbour) = neighbour.map(|n| &out[n]) else {
            let subject = if masked.is_empty() { line_key(cx, mention.char_start) } else { masked };
            if !subject.is_empty() {
                out[k].indicator_phrase = if own.is_empty() { subject } else { format!("{}…{}", subject, own) };
            }
            continue;
        };
        let subject: String;
        if is_change_of_ratio(text, neighbour, mention) {
            subject = neighbour.indicator_phrase.clone();
        } else if mention.unit_raw.contains("百分点")
            && neighbour.unit_raw.contains("百分点")
            && neighbour.measure == "growth"
            && neighbour.indicator_phrase.contains('…')
        {
            subject = neighbour.indicator_phrase.rsplitn(2, '…').nth(1).unwrap().to_string();
        } else if let Some(base) = (neighbour.indicator_phrase.contains('由') || neighbour.indicator_phrase.contains('从'))
            .then(|| P.baseline_tail.search_all(&neighbour.indicator_phrase))
            .flatten()
        {
            subject = neighbour.indicator_phrase[..base.s].trim_end_matches('…').to_string();
        } else {
            subject = subject_of(&neighbour.indicator_phrase, &own);
        }
        if subject.is_empty() || needs_subject(&subject) {
            continue;
        }
        let kinds: Vec<String> = neighbour
            .cues
            .iter()
            .filter(|c| c.starts_with(LIST_TOTAL_CUE) && !mention.cues.contains(c))
            .cloned()
            .collect();
        out[k].indicator_phrase = if own.is_empty() { subject } else { format!("{}…{}", subject, own) };
        out[k].cues.extend(kinds);
    }
    let out = carry_patent_kind(out, &sentence);
    let out = carry_applied_noun(out, &sentence);
    let out = compare_to_budget(out, &sentence);
    let out = carry_training(out, &sentence);
    let out = carry_enumeration_verb(text, out, &sentence);
    let out = carry_approval_to_money(out, &sentence);
    let out = carry_programme(text, out, &sentence);
    let out: Vec<Mention> = out.into_iter().map(gap_only).collect();
    let ends: Vec<usize> = out.iter().map(|m| m.char_end).collect();
    let mut listed_at = None;
    out.into_iter().zip(sentence.iter()).map(|(m, &s)| mark_part(cx, m, s, &ends, &mut listed_at)).collect()
}

/// Twin of `_level_item_noun`.
fn level_item_noun(own: &str, previous: &Mention) -> String {
    if !own.contains('级') || !P.level_head_full.is(own) {
        return String::new();
    }
    let words = previous.indicator_phrase.split('…').last().unwrap();
    let level = P.level_anywhere.finditer(words, 0, words.len()).pop();
    let noun = match level {
        Some(l) => &words[l.e..],
        None => "",
    };
    if char_len(noun) >= 2 { noun.to_string() } else { String::new() }
}

/// Twin of `_previous_clause_start`.
fn previous_clause_start(cx: &Ctx, sentence_start: usize, start: usize) -> usize {
    let here = clause_start(cx, sentence_start, start);
    if here > sentence_start { clause_start(cx, sentence_start, back(cx.text, here, 1)) } else { here }
}

/// Twin of `_unnumbered_subject`.
fn unnumbered_subject(cx: &Ctx, sentence_start: usize, mention: &Mention) -> String {
    let text = cx.text;
    if mention.measure != "growth" && mention.measure != "ratio" && P.bare_flow.mat_all_no(py_strip(&mention.indicator_phrase)) {
        return String::new();
    }
    let cs = clause_start(cx, sentence_start, mention.char_start);
    if cs <= sentence_start {
        return String::new();
    }
    let pcs = previous_clause_start(cx, sentence_start, mention.char_start);
    let prev_end = back(text, cs, 1);
    let previous = if pcs <= prev_end { &text[pcs..prev_end] } else { "" };
    let head = match P.subject_end.search_all(previous) {
        Some(m) => &previous[..m.s],
        None => previous,
    };
    let subject = strip_phrase(head);
    let subject = match P.period_head.mat_all(&subject) {
        Some(m) => format!("{}{}", &subject[..m.s], &subject[m.e..]),
        None => subject.clone(),
    };
    let subject = py_strip(&subject).to_string();
    if char_len(&subject) >= 2 && !needs_subject(&subject) { subject } else { String::new() }
}

/// Twin of `_is_change_of_ratio`.
fn is_change_of_ratio(text: &str, neighbour: &Mention, mention: &Mention) -> bool {
    if mention.measure != "growth" || neighbour.measure != "ratio" || neighbour.char_end > mention.char_start {
        return false;
    }
    if mention.unit_raw.contains("百分点") {
        return true;
    }
    let between = &text[neighbour.char_end..mention.char_start];
    let gap = match P.rank_between.mat_all(between) {
        Some(m) => format!("{}{}", &between[..m.s], &between[m.e..]),
        None => between.to_string(),
    };
    !gap.chars().any(|c| CLAUSE_END.contains(c) || SENTENCE_END.contains(c))
}

/// Twin of `_compare_to_budget`.
fn compare_to_budget(mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    let mut out = mentions;
    for k in 0..out.len().saturating_sub(1) {
        let (money, share) = (&out[k], &out[k + 1]);
        if sentence[k] != sentence[k + 1] || money.measure != "level" || !money.unit_raw.ends_with('元') || share.measure != "ratio" {
            continue;
        }
        let words = share.indicator_phrase.split('…').last().unwrap().to_string();
        if P.share_of_budget.mat_all_ok(&words) && !money.indicator_phrase.contains('…') {
            out[k].indicator_phrase = format!("{}…{}", out[k].indicator_phrase, words);
        }
    }
    out
}

/// Twin of `_borrow_back`.
fn borrow_back(mentions: Vec<Mention>, sentence: &[usize], needs: impl Fn(&Mention) -> bool, lender: &Pat) -> Vec<Mention> {
    let mut out = mentions;
    for k in 0..out.len() {
        if !needs(&out[k]) {
            continue;
        }
        let mut j = k;
        while j > 0 {
            j -= 1;
            if sentence[j] != sentence[k] {
                break;
            }
            if let Some(hit) = lender.search_all(&out[j].indicator_phrase) {
                let lent = out[j].indicator_phrase[hit.s..hit.e].to_string();
                let own = py_strip(&out[k].indicator_phrase).to_string();
                out[k].indicator_phrase = format!("{}…{}", lent, own);
                let heir = format!("{}…", own);
                for n in k + 1..out.len() {
                    if sentence[n] != sentence[k] || !out[n].indicator_phrase.starts_with(&heir) {
                        break;
                    }
                    out[n].indicator_phrase = format!("{}…{}", lent, out[n].indicator_phrase);
                }
                break;
            }
        }
    }
    out
}

/// Twin of `_carry_patent_kind`.
fn carry_patent_kind(mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    borrow_back(mentions, sentence, |m| P.bare_patent_status.mat_all_ok(py_strip(&m.indicator_phrase)), &P.patent_kind)
}

/// Twin of `_carry_applied_noun`.
fn carry_applied_noun(mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    let mut out = mentions;
    for k in 1..out.len() {
        let own = py_strip(&out[k].indicator_phrase).to_string();
        if sentence[k] != sentence[k - 1] || P.bare_outcome.mat_all_no(&own) {
            continue;
        }
        let applied = out[k - 1].indicator_phrase.split('…').last().unwrap().to_string();
        let verbs = P.applied.finditer(&applied, 0, applied.len());
        if verbs.is_empty() {
            continue;
        }
        let after = &applied[verbs.last().unwrap().e..];
        let noun = if !after.is_empty() { after } else { &applied[..verbs[0].s] };
        let noun = if !noun.is_empty() {
            let t = noun.trim_matches(|c| c == '了' || c == '的' || c == ' ');
            match P.leading_verb.mat_all(t) {
                Some(m) => format!("{}{}", &t[..m.s], &t[m.e..]),
                None => t.to_string(),
            }
        } else {
            String::new()
        };
        if char_len(&noun) >= 2 {
            out[k].indicator_phrase = format!("{}…{}", noun, own);
        }
    }
    out
}

/// Twin of `_carry_training`.
fn carry_training(mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    borrow_back(
        mentions,
        sentence,
        |m| P.people_unit.mat_all_ok(&m.unit_raw) && P.attendees.mat_all_ok(py_strip(&m.indicator_phrase)),
        &P.training_event,
    )
}

/// Twin of `_carry_approval_to_money`.
fn carry_approval_to_money(mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    borrow_back(
        mentions,
        sentence,
        |m| {
            (m.unit_raw.ends_with('元') || m.unit_raw.ends_with('万') || m.unit_raw.ends_with('亿'))
                && P.bare_money.mat_all_ok(py_strip(&m.indicator_phrase))
        },
        &P.approval,
    )
}

/// Twin of `_carry_programme`.
fn carry_programme(text: &str, mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    let mut out = mentions;
    for k in 0..out.len() {
        let m = &out[k];
        let words = if m.number_text.is_empty() { m.indicator_phrase.clone() } else { m.indicator_phrase.replace(&m.number_text, "") };
        if P.bare_projects.mat_all_no(&words) {
            continue;
        }
        let before = &text[sentence[k]..m.char_start];
        if let Some(hit) = P.programme.search_all(before) {
            if !P.applied.is_in(before) {
                out[k].indicator_phrase = format!("{}…{}", &before[hit.s..hit.e], out[k].indicator_phrase);
            }
        }
    }
    out
}

/// Twin of `_carry_enumeration_verb`.
fn carry_enumeration_verb(text: &str, mentions: Vec<Mention>, sentence: &[usize]) -> Vec<Mention> {
    let mut out = mentions;
    for k in 1..out.len() {
        if sentence[k] != sentence[k - 1] {
            continue;
        }
        let (previous, mention) = (&out[k - 1], &out[k]);
        let verb = P.enum_verb.search_all(&previous.indicator_phrase);
        let gap = &text[previous.char_end..mention.char_start];
        let Some(verb) = verb else { continue };
        if P.enum_gap.mat_all_no(gap) {
            continue;
        }
        let own = &mention.indicator_phrase;
        if P.enum_verb.is_in(own) || P.action_verb.is_in(own) || P.not_enum_item.is_in(own) {
            continue;
        }
        if !gap.contains('、') && last_chars(own, 2) != last_chars(&previous.indicator_phrase, 2) {
            continue;
        }
        let v = previous.indicator_phrase[verb.s..verb.e].to_string();
        out[k].indicator_phrase = format!("{}…{}", v, out[k].indicator_phrase);
    }
    out
}

// ------------------------------------------------------------------ parts
/// Twin of `_holds`.
fn holds(ends: &[usize], pos: usize) -> bool {
    let k = ends.partition_point(|&x| x < pos);
    k < ends.len() && ends[k] == pos
}

/// Twin of `_reaches_past_parts`.
fn reaches_past_parts(cx: &Ctx, s_start: usize, clause_start: usize, ends: &[usize]) -> bool {
    let text = cx.text;
    let Some(at) = text[s_start..clause_start.max(s_start)].rfind("其中").map(|i| s_start + i) else { return false };
    let clause_end = cx.marks.first(CLAUSE_END, clause_start, text.len()).unwrap_or(text.len());
    let upto = |p: usize| ends.partition_point(|&x| x <= p);
    let parts = upto(clause_start) as isize - upto(at) as isize;
    let members = upto(clause_end) as isize - upto(clause_start) as isize;
    members > parts
}

/// Twin of `as_one_of`.
fn as_one_of(mut m: Mention) -> Mention {
    if !m.indicator_phrase.starts_with(ONE_OF) {
        m.indicator_phrase = format!("{}{}", ONE_OF, m.indicator_phrase);
    }
    m
}

/// `replace(mention, indicator_phrase=f"其中…{mention.indicator_phrase}")`
fn with_part(mut m: Mention) -> Mention {
    m.indicator_phrase = format!("其中…{}", m.indicator_phrase);
    m
}

/// `text.rfind(sub, lo, hi)`
fn rfind_in(text: &str, sub: &str, lo: usize, hi: usize) -> Option<usize> {
    if lo > hi {
        return None;
    }
    // the last place the needle's first character stands and the needle follows: found with
    // a byte scan from the right (no substring searcher built per call)
    let hay = &text[lo..hi];
    let Some(first) = sub.chars().next() else { return Some(hi) };
    let mut end = hay.len();
    while let Some(i) = hay[..end].rfind(first) {
        if hay[i..].starts_with(sub) {
            return Some(lo + i);
        }
        end = i;
    }
    None
}

/// Twin of `_next_separator`.
fn next_separator(cx: &Ctx, start: usize) -> usize {
    let text = cx.text;
    // the first mark, when it stands within SENTENCE_WINDOW characters (counted only up to it)
    if let Some(f) = cx.marks.first(ITEM_END, start, text.len()) {
        if clen_upto(&text[start..f], SENTENCE_WINDOW) < SENTENCE_WINDOW {
            return f;
        }
    }
    fwd(text, start, SENTENCE_WINDOW)
}

/// Twin of `_mark_part`.
/// `listed_at`: the last sentence start read and where `其中` stands before it in its
/// paragraph (the same for each mention of a sentence).
fn mark_part(cx: &Ctx, mention: Mention, s_start: usize, ends: &[usize], listed_at: &mut Option<(usize, Option<usize>)>) -> Mention {
    let text = cx.text;
    if mention.indicator_phrase.contains("其中") {
        return mention;
    }
    let lead = py_lstrip(&text[s_start..mention.char_start]);
    let clause_start = clause_start(cx, s_start, mention.char_start);
    if P.shared_out.mat_ok(text, clause_start, mention.char_end) && reaches_past_parts(cx, s_start, clause_start, ends) {
        return mention;
    }
    let np_lo = s_start.max(back(text, clause_start, 60));
    if P.example.mat_all_ok(lead)
        || one_entity(lead)
        || P.named_project_before.search_ok(text, np_lo.min(clause_start), clause_start)
    {
        return as_one_of(mention);
    }
    if P.subset.is_in(&mention.indicator_phrase)
        || each_of_a_list(text, s_start.max(clause_start), mention.char_start)
    {
        return with_part(mention);
    }
    if let Some(opened) = cx.marks.last("(（", s_start, mention.char_start) {
        let o1 = step(text, opened);
        if holds(ends, opened)
            && !text[o1..].starts_with('含')
            && P.change_in_bracket.mat_no(text, o1, fwd(text, o1, 6))
            && !P.closing.is_in(&text[opened..mention.char_start])
        {
            return with_part(mention);
        }
    }
    let listed = match *listed_at {
        Some((s, l)) if s == s_start => l,
        _ => {
            let lo = back(text, s_start, BREAKDOWN_MAX);
            let paragraph_start = text[lo..s_start].rfind('\n').map_or(0, |i| lo + i + 1).max(lo);
            let l = rfind_in(text, "其中", paragraph_start, s_start);
            *listed_at = Some((s_start, l));
            l
        }
    };
    let at = [
        rfind_in(text, "其中", s_start, mention.char_start),
        listed,
        rfind_in(text, "(含", s_start, mention.char_start),
        rfind_in(text, "（含", s_start, mention.char_start),
    ]
    .into_iter()
    .flatten()
    .max();
    let Some(at) = at else { return mention };
    let c = next_char(text, at).unwrap();
    if c == '(' || c == '（' {
        let close = [text[at..].find(')').map(|i| at + i), text[at..].find('）').map(|i| at + i)].into_iter().flatten().min();
        if let Some(close) = close {
            if close < mention.char_start {
                return mention;
            }
        }
        return with_part(mention);
    }
    let mut scope = fwd(text, at, 2);
    while scope < mention.char_start && "，,：: ".contains(next_char(text, scope).unwrap()) {
        scope = step(text, scope);
    }
    let verb = P.part_verb.mat(text, scope, fwd(text, scope, 8));
    let verb_text: Option<String> = verb.as_ref().map(|v| text[v.s..v.e].to_string());
    let mut items = 0;
    loop {
        let stop = next_separator(cx, scope);
        if stop >= mention.char_start {
            break;
        }
        items += 1;
        let pieces_max = text[scope..stop].split('、').map(char_len).max().unwrap_or(0);
        let rank = P.rank_after.mat_ok(text, scope, stop);
        if !rank && (pieces_max > LIST_ITEM_MAX || !holds(ends, stop)) {
            return mention;
        }
        scope = step(text, stop);
        let item_end = next_separator(cx, scope);
        let mut item: &str = &text[scope..item_end];
        let stop_c = next_char(text, stop).unwrap();
        let starts_verb = verb_text.as_ref().map_or(false, |v| item.starts_with(v.as_str()));
        if stop_c == '。' && !starts_verb {
            return mention;
        }
        if (stop_c == '；' || stop_c == ';') && items < 2 && !starts_verb {
            return mention;
        }
        if starts_verb {
            item = &item[verb_text.as_ref().unwrap().len()..];
        }
        if P.stock_words.is_in(item) || py_lstrip(item).starts_with('共') {
            return mention;
        }
        if (P.action_verb.is_in(item) || P.item_verb.is_in(item)) && !P.one_level.is_in(item) {
            return mention;
        }
    }
    with_part(mention)
}

// ------------------------------------------------------------------ task lists
/// Twin of `_mark_task_lists`.
fn mark_task_lists(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for hit in task_list_hits(text) {
        let lim = fwd(text, hit.e, TASK_LIST_MAX);
        let end = task_list_end(text, hit.e, lim);
        spans.push((hit.e, end.unwrap_or_else(|| lim_raw(text, hit.e, TASK_LIST_MAX)), text[hit.s..hit.e].to_string()));
    }
    if spans.is_empty() {
        return mentions;
    }
    let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
    let mut out = Vec::with_capacity(mentions.len());
    for mut mention in mentions {
        let lo = starts.partition_point(|&x| x < back(text, mention.char_start, TASK_LIST_MAX).max(0));
        let lo = if clen_upto(&text[..mention.char_start], TASK_LIST_MAX + 1) <= TASK_LIST_MAX { 0 } else { lo };
        let hi = starts.partition_point(|&x| x <= mention.char_start);
        let cue = spans[lo.min(hi)..hi].iter().find(|(s, e, _)| *s <= mention.char_start && mention.char_start < *e).map(|x| x.2.clone());
        if let Some(cue) = cue {
            if mention.fact_type == "actual" && !mention.cues.iter().any(|c| c == "baseline") {
                mention.fact_type = "target".to_string();
                mention.cues.push(cue);
            }
        }
        out.push(mention);
    }
    out
}

/// `pos + n` in characters, past the end of the text where it runs out: as a byte
/// offset that compares as Python's would with offsets inside the text.
fn lim_raw(text: &str, pos: usize, n: usize) -> usize {
    let f = fwd(text, pos, n);
    if f < text.len() { f } else { text.len() + (n - char_len(&text[pos..])) }
}

// ------------------------------------------------------------------ tables
/// Twin of one row of `_table_lines`: (start, body, cell spans, cell texts); None when blank.
type TableRow = Option<(usize, String, Vec<(usize, usize)>, Vec<String>)>;

/// Twin of `_cells`.
fn cells(text: &str, line: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    let seps = P.cell_sep.finditer(line, 0, line.len());
    let n = seps.len();
    for k in 0..=n {
        let sep = seps.get(k);
        let end = sep.map_or(line.len(), |s| s.s);
        if end > pos {
            let cell = &line[pos..end];
            let glued = !spans.is_empty() && P.unit_cell.mat_all_ok(cell) && {
                let last_end = spans.last().unwrap().1 - offset;
                prev_char(line, last_end).map_or(false, |c| c.is_numeric_digit_py())
            };
            if glued {
                spans.last_mut().unwrap().1 = offset + end;
            } else {
                spans.push((offset + pos, offset + end));
            }
        }
        if let Some(s) = sep {
            pos = s.e;
        }
    }
    let _ = text;
    spans
}

/// Twin of `_table_lines`.
fn table_lines(text: &str) -> Vec<TableRow> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let offset = pos;
        pos += line.len() + 1;
        let body = py_strip(line).trim_matches('|');
        if body.is_empty() {
            out.push(None);
            continue;
        }
        // `line.find(body)`: `body` stands in `line` at `d`, so the first occurrence is at or before it
        let d = body.as_ptr() as usize - line.as_ptr() as usize;
        let first = (0..=d).find(|&i| line.as_bytes()[i..].starts_with(body.as_bytes())).unwrap();
        let start = offset + first;
        let mut cs = cells(text, body, start);
        let mut names: Vec<String> = cs.iter().map(|&(a, b)| text[a..b].to_string()).collect();
        let mut width = flat_header_width(&names);
        if width == 0 && names.len() > 4 {
            let n0 = &names[0];
            let cut = ["。", ":", "："].iter().filter_map(|m| n0.rfind(m).map(|i| (i, m.len()))).max_by_key(|x| x.0);
            if let Some((ci, ml)) = cut {
                if char_len(&n0[ci..]) > 1 {
                    let rest = n0[ci + ml..].to_string();
                    cs[0] = (cs[0].0 + ci + ml, cs[0].1);
                    names[0] = rest;
                    width = flat_header_width(&names);
                }
            }
        }
        if width > 0 {
            let mut at = 0;
            while at < names.len() {
                let e = (at + width).min(names.len());
                out.push(Some((start, body.to_string(), cs[at..e].to_vec(), names[at..e].to_vec())));
                at += width;
            }
            continue;
        }
        out.push(Some((start, body.to_string(), cs, names)));
    }
    out
}

/// Twin of `_flat_header_width`.
fn flat_header_width(names: &[String]) -> usize {
    let mut width = 0;
    while width < names.len() && is_column_name(&names[width]) {
        width += 1;
    }
    if width < 2 || names.len() <= width || (names.len() - width) % width != 0 {
        return 0;
    }
    let mut at = width;
    while at < names.len() {
        let row = &names[at..at + width];
        if !row[1..].iter().any(|c| P.bare_number.mat_all_ok(c)) {
            return 0;
        }
        at += width;
    }
    width
}

/// Twin of `_column`: (name, unit).
fn column(name: &str) -> (String, String) {
    let last = name.trim_end_matches('\n').chars().last();
    if !matches!(last, Some(')') | Some('）') | Some('%') | Some('％')) {
        return (name.to_string(), String::new());
    }
    let Some(own) = P.column_unit.mat_all(name) else { return (name.to_string(), String::new()) };
    let n = own.group(name, P.column_unit.gi("name")).unwrap();
    let u = own.group(name, P.column_unit.gi("unit")).filter(|u| !u.is_empty()).unwrap_or("%");
    (py_strip(n).to_string(), py_strip(u).to_string())
}

/// Twin of `_is_header`.
fn is_header(names: &[String]) -> bool {
    names.len() >= 2 && names.iter().all(|n| is_column_name(n))
}

/// Twin of `_is_column_name`.
fn is_column_name(name: &str) -> bool {
    let base = column(name).0;
    P.header_cell.mat_all_ok(&base)
        || P.year_column.mat_all_ok(&base)
        || P.growth_column.mat_all_ok(&base)
        || P.same_period_column.mat_all_ok(&base)
        || (!base.is_empty() && P.done_column.mat_all_ok(&base))
}

/// Twin of `_task_cells_one_per_line`.
fn task_cells_one_per_line(lines: &[(usize, &str)]) -> Vec<(usize, usize)> {
    let cells: Vec<(usize, &str)> = lines
        .iter()
        .filter(|(_, l)| !py_strip(l).is_empty())
        .map(|&(o, l)| (o + (l.len() - py_lstrip(l).len()), py_strip(l)))
        .collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if cells[i].1 != "序号" {
            i += 1;
            continue;
        }
        let mut k = 1;
        while i + k < cells.len() && P.header_cell.mat_all_ok(cells[i + k].1) && !(cells[i + k].1.chars().all(|c| c.is_numeric_digit_py())) {
            k += 1;
        }
        let names: Vec<&str> = cells[i..i + k].iter().map(|c| c.1).collect();
        let task: Vec<usize> = names.iter().enumerate().filter(|(_, n)| P.task_column.mat_all_ok(n)).map(|(j, _)| j).collect();
        i += k;
        if k < 2 || task.is_empty() {
            continue;
        }
        if i < cells.len() && cells[i].1 == "1" {
            let mut row = 1;
            while i + k <= cells.len() && cells[i].1 == row.to_string() {
                let (start, cell) = cells[i + task[0]];
                spans.push((start, start + cell.len()));
                row += 1;
                i += k;
            }
            continue;
        }
        let width = k - 1;
        let at = task[0] as isize - 1;
        while i + width <= cells.len() && !cells[i..i + width].iter().any(|(_, c)| P.not_a_cell.is_in(c)) {
            let idx = (i as isize + at) as usize;
            let (start, cell) = cells[idx];
            spans.push((start, start + cell.len()));
            i += width;
        }
    }
    spans
}

type ValueColumns = Vec<(usize, (String, String, String, Option<i64>, String))>;

/// Twin of `_unit_column_cells`.
fn unit_column_cells(text: &str, units: &HashMap<String, Unit>, rows: &[TableRow]) -> Vec<Mention> {
    let mut found = Vec::new();
    // (cells, unit column or caption units, name column, value columns)
    enum Where {
        Col(usize),
        Caption(Vec<String>),
    }
    let mut header: Option<(usize, Where, usize, ValueColumns)> = None;
    let mut caption_units: Vec<String> = vec![];
    for row in rows {
        let Some((start, body, cells, names)) = row else {
            header = None;
            continue;
        };
        if let Some(entity) = entity_columns(names, units) {
            header = Some((names.len(), Where::Caption(vec![]), 0, entity));
            continue;
        }
        if is_header(names) {
            let unit: Vec<usize> = names.iter().enumerate().filter(|(_, n)| P.unit_column.mat_all_ok(n)).map(|(i, _)| i).collect();
            let name: Vec<usize> = names.iter().enumerate().filter(|(_, n)| P.name_column.mat_all_ok(n)).map(|(i, _)| i).collect();
            let values = value_columns(names, units);
            let w = if let Some(&u) = unit.first() { Where::Col(u) } else { Where::Caption(caption_units.clone()) };
            header = if !name.is_empty() && !values.is_empty() { Some((names.len(), w, name[0], values)) } else { None };
            continue;
        }
        caption_units = caption_units_of(body, units);
        let Some(h) = &header else { continue };
        if cells.len() != h.0 {
            header = None;
            continue;
        }
        let (mut subject, mut own_row_unit) = column(&names[h.2]);
        if !units.contains_key(&own_row_unit) {
            subject = names[h.2].clone();
            own_row_unit = String::new();
        }
        let row_unit: Option<String> = if !own_row_unit.is_empty() {
            Some(own_row_unit.clone())
        } else {
            match &h.1 {
                Where::Col(i) => Some(names[*i].clone()),
                Where::Caption(listed) => row_unit(&subject, listed, units),
            }
        };
        for (col, (own_unit, measure_of, phrase_of, year, cue)) in &h.3 {
            let (a, b) = cells[*col];
            let unit_raw: Option<String> = if !own_unit.is_empty() { Some(own_unit.clone()) } else { row_unit.clone() };
            let cell = &names[*col];
            let falls = measure_of == "growth" && P.signed_number.mat_all_ok(cell);
            let written = measure_of == "growth" && unit_raw.as_deref() == Some("%") && P.percent_number.mat_all_ok(cell);
            let Some(unit_raw) = unit_raw else { continue };
            if !units.contains_key(&unit_raw) || !(P.bare_number.mat_all_ok(cell) || falls || written) {
                continue;
            }
            let phrase = if phrase_of.starts_with('…') {
                format!("{}{}", subject, phrase_of)
            } else if !phrase_of.is_empty() {
                phrase_of.clone()
            } else {
                subject.clone()
            };
            found.push(cell_mention(text, *start, body, (a, b), &unit_raw, &phrase, units, measure_of, *year, falls, cue));
        }
    }
    found
}

/// Twin of `_entity_columns`.
fn entity_columns(names: &[String], units: &HashMap<String, Unit>) -> Option<ValueColumns> {
    if names.len() < 2 || P.entity_column.mat_all_no(&names[0]) {
        return None;
    }
    let mut columns: ValueColumns = Vec::new();
    let mut last = String::new();
    for (i, name) in names.iter().enumerate().skip(1) {
        let (base, own) = column(name);
        if !units.contains_key(&own) || base.is_empty() {
            return None;
        }
        if P.growth_column.mat_all_ok(&base) {
            if last.is_empty() {
                return None;
            }
            columns.push((i, (own, "growth".into(), format!("…{}…{}", last, base), None, String::new())));
        } else {
            columns.push((i, (own, String::new(), format!("…{}", base), None, String::new())));
            last = base;
        }
    }
    Some(columns)
}

/// `float()` of a cell (ASCII digits, commas dropped).
fn py_float(s: &str) -> f64 {
    s.parse::<f64>().unwrap()
}

/// Twin of `_cell_mention`.
#[allow(clippy::too_many_arguments)]
fn cell_mention(
    text: &str, row_start: usize, body: &str, span: (usize, usize), unit_raw: &str, phrase: &str,
    units: &HashMap<String, Unit>, measure_: &str, year: Option<i64>, falls: bool, cue: &str,
) -> Mention {
    let cell = &text[span.0..span.1];
    let v = cell.trim_start_matches(|c| c == '-' || c == '－' || c == '−').trim_end_matches('%').replace(',', "");
    let mut cues = vec!["unit:单位列".to_string()];
    if falls {
        cues.push("sign:-".into());
    }
    if !cue.is_empty() {
        cues.push(cue.to_string());
    }
    Mention {
        char_start: span.0,
        char_end: span.1,
        number_text: cell.to_string(),
        value_raw: py_float(&v),
        unit_raw: unit_raw.to_string(),
        numeral: "arabic".into(),
        indicator_phrase: phrase.to_string(),
        quote: body.to_string(),
        quote_start: row_start,
        measure: if measure_.is_empty() { measure(&units[unit_raw].base_unit, phrase).to_string() } else { measure_.to_string() },
        fact_type: "actual".into(),
        bound: "exact".into(),
        period: year.map(|y| (Some(y), "year".to_string(), 1, 12, format!("table: {}年", y))),
        cues,
    }
}

/// Twin of `_caption_units`.
fn caption_units_of(body: &str, units: &HashMap<String, Unit>) -> Vec<String> {
    if !body.contains("单位") {
        return vec![];
    }
    let Some(c) = P.caption_unit.search_all(body) else { return vec![] };
    let listed = split(&P.caption_split, c.group(body, P.caption_unit.gi("units")).unwrap());
    if !listed.is_empty() && listed.iter().all(|u| units.contains_key(u)) { listed } else { vec![] }
}

/// Twin of `_year_row_cells`.
fn year_row_cells(text: &str, units: &HashMap<String, Unit>, rows: &[TableRow]) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut header: Option<Vec<(String, Option<String>)>> = None;
    let mut caption: Vec<String> = vec![];
    type Dated = (usize, String, Vec<(usize, usize)>, Vec<String>, i64);
    let mut dated: Vec<Dated> = Vec::new();
    let flush = |header: &Vec<(String, Option<String>)>, dated: &mut Vec<Dated>, found: &mut Vec<Mention>| {
        let latest = dated.iter().map(|r| r.4).max();
        for (start, body, cells, names, year) in dated.iter() {
            for ((span, cell), (name, unit_raw)) in cells[1..].iter().zip(names[1..].iter()).zip(header[1..].iter()) {
                let Some(unit_raw) = unit_raw else { continue };
                if P.bare_number.mat_all_no(cell) {
                    continue;
                }
                let y = if Some(*year) == latest { None } else { Some(*year) };
                found.push(cell_mention(text, *start, body, *span, unit_raw, name, units, "", y, false, ""));
            }
        }
        dated.clear();
    };
    for row in rows {
        let Some((start, body, cells, names)) = row else {
            if let Some(h) = &header {
                if !dated.is_empty() {
                    flush(h, &mut dated, &mut found);
                }
            }
            header = None;
            continue;
        };
        let year = if header.is_some() { P.year_cell.mat_all(&names[0]) } else { None };
        if let (Some(h), Some(y)) = (&header, &year) {
            if names.len() == h.len() {
                let yv: i64 = py_int(y.group(&names[0], P.year_cell.gi("year")).unwrap());
                dated.push((*start, body.clone(), cells.clone(), names.clone(), yv));
                continue;
            }
        }
        if let Some(h) = &header {
            if !dated.is_empty() {
                flush(h, &mut dated, &mut found);
            }
        }
        header = None;
        if names.len() >= 2 && P.year_header.mat_all_ok(&names[0]) && !names[1..].iter().any(|n| P.bare_number.mat_all_ok(n)) {
            let columns: Vec<(String, String)> = names[1..].iter().map(|n| column(n)).collect();
            let listed: Vec<Option<String>> =
                if caption.len() == columns.len() { caption.iter().map(|c| Some(c.clone())).collect() } else { vec![None; columns.len()] };
            let mut h = vec![(String::new(), None)];
            for ((name, own), fallback) in columns.into_iter().zip(listed) {
                let u = if units.contains_key(&own) { Some(own) } else if own.is_empty() { fallback } else { None };
                h.push((name, u));
            }
            header = Some(h);
            continue;
        }
        caption = caption_units_of(body, units);
    }
    if let Some(h) = &header {
        if !dated.is_empty() {
            flush(h, &mut dated, &mut found);
        }
    }
    found
}

/// Twin of `_value_columns`.
fn value_columns(names: &[String], units: &HashMap<String, Unit>) -> ValueColumns {
    let mut columns: ValueColumns = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let (base, own0) = column(name);
        let own = if units.contains_key(&own0) { own0 } else { String::new() };
        let year = P.year_column.mat_all(&base);
        let part = year.as_ref().map_or(false, |y| y.g[P.year_column.gi("part")].is_some_and(|(a, b)| b > a));
        if P.task_column.mat_all_ok(&base) {
            let cue = if P.whole_year_column.mat_all_ok(&base) { WHOLE_YEAR_CUE } else { "" };
            columns.push((i, (own, String::new(), String::new(), None, cue.to_string())));
        } else if P.value_column.mat_all_ok(&base) || (!base.is_empty() && P.done_column.mat_all_ok(&base)) || part {
            columns.push((i, (own, String::new(), String::new(), None, String::new())));
        } else if P.same_period_column.mat_all_ok(&base) {
            columns.push((i, (own, String::new(), String::new(), None, SAME_PERIOD_LAST_YEAR_CUE.to_string())));
        } else if let Some(y) = &year {
            let yv: i64 = py_int(y.group(&base, P.year_column.gi("year")).unwrap());
            columns.push((i, (own, String::new(), String::new(), Some(yv), String::new())));
        } else if P.growth_column.mat_all_ok(&base) {
            let u = if own.is_empty() { "%".to_string() } else { own };
            columns.push((i, (u, "growth".into(), String::new(), None, String::new())));
        } else if P.rate_column.mat_all_ok(&base) && !own.is_empty() {
            columns.push((i, (own, "ratio".into(), base.clone(), None, String::new())));
        }
    }
    let latest = columns.iter().filter_map(|c| c.1 .3).max();
    for c in columns.iter_mut() {
        if c.1 .3 == latest {
            c.1 .3 = None;
        }
    }
    columns
}

/// Twin of `_row_unit`.
fn row_unit(subject: &str, listed: &[String], units: &HashMap<String, Unit>) -> Option<String> {
    if listed.len() == 1 {
        return Some(listed[0].clone());
    }
    let mut by_base: HashMap<&str, Vec<&String>> = HashMap::new();
    for u in listed {
        by_base.entry(units[u].base_unit.as_str()).or_default().push(u);
    }
    let kind = if P.share_name.is_in(subject) {
        "percent"
    } else if P.money_name.is_in(subject) {
        "CNY"
    } else {
        "count"
    };
    let chosen = by_base.get(kind).cloned().unwrap_or_default();
    if chosen.len() == 1 { Some(chosen[0].clone()) } else { None }
}

/// Twin of `_with_unit_column_cells`.
fn with_unit_column_cells(found: Vec<Mention>, cells: Vec<Mention>) -> Vec<Mention> {
    if cells.is_empty() {
        return found;
    }
    let mut out = found;
    let starts: Vec<usize> = out.iter().map(|m| m.char_start).collect();
    let mut extra = Vec::new();
    for c in cells {
        let k = starts.partition_point(|&x| x <= c.char_start) as isize - 1;
        let overlaps: Vec<usize> = [k, k + 1]
            .into_iter()
            .filter(|&j| j >= 0 && (j as usize) < out.len())
            .map(|j| j as usize)
            .filter(|&j| out[j].char_start < c.char_end && c.char_start < out[j].char_end)
            .collect();
        if overlaps.is_empty() {
            extra.push(c);
            continue;
        }
        let j = overlaps[0];
        if c.measure == "growth" && out[j].measure != "growth" && c.char_start <= out[j].char_start && out[j].char_end <= c.char_end {
            out[j] = c;
        }
    }
    out.extend(extra);
    out.sort_by_key(|m| m.char_start);
    out
}

/// Twin of `_mark_task_columns`.
fn mark_task_columns(text: &str, mentions: Vec<Mention>, rows: &[TableRow]) -> Vec<Mention> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        lines.push((pos, line));
        pos += line.len() + 1;
    }
    let mut header: Option<(usize, usize)> = None;
    for row in rows {
        let Some((_, _, cells, names)) = row else { continue };
        if is_header(names) {
            let task: Vec<usize> = names.iter().enumerate().filter(|(_, n)| P.task_column.mat_all_ok(n)).map(|(i, _)| i).collect();
            header = task.first().map(|&t| (names.len(), t));
            continue;
        }
        let Some(h) = header else { continue };
        if cells.len() != h.0 {
            header = None;
            continue;
        }
        spans.push(cells[h.1]);
    }
    spans.extend(task_cells_one_per_line(&lines));
    if spans.is_empty() {
        return mentions;
    }
    spans.sort();
    let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
    let mut reach = Vec::with_capacity(spans.len());
    let mut furthest: isize = -1;
    for &(_, b) in &spans {
        furthest = furthest.max(b as isize);
        reach.push(furthest);
    }
    let mut out = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        let k = starts.partition_point(|&x| x <= m.char_start) as isize - 1;
        if m.fact_type == "actual" && k >= 0 && reach[k as usize] > m.char_start as isize {
            m.fact_type = "target".into();
            m.cues.push("工作任务列".into());
        }
        out.push(m);
    }
    out
}

// ------------------------------------------------------------------ totals and partners
/// Twin of `_is_part`.
fn is_part(phrase: &str) -> bool {
    phrase.contains("其中…") || phrase.split('…').last().unwrap().starts_with("其中")
}

/// Twin of `_levels_before_their_total`.
fn levels_before_their_total(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let text = cx.text;
    let mut out = mentions;
    for k in 0..out.len() {
        let m = &out[k];
        if m.measure != "level" || !P.total_words.is_in(m.indicator_phrase.split('…').last().unwrap()) {
            continue;
        }
        let total = out[k].clone();
        let (s_start, _) = cx.sentences.bounds(text, total.char_start, total.char_end);
        let mut levels: Vec<(String, Vec<usize>)> = Vec::new();
        let mut j = k;
        while j > 0 {
            j -= 1;
            let m = &out[j];
            if m.char_start < s_start {
                break;
            }
            let own = m.indicator_phrase.split('…').last().unwrap();
            let level = P.one_level_head.mat_all(own);
            let Some(level) = level else { continue };
            if m.measure != "level" || m.unit_raw != total.unit_raw || is_part(&m.indicator_phrase) || P.total_words.is_in(own) {
                continue;
            }
            let core = &own[level.e..];
            if char_len(core) >= CORE_MIN && total.indicator_phrase.contains(core) {
                let key = own[level.s..level.e].to_string();
                if let Some(e) = levels.iter_mut().find(|(l, _)| *l == key) {
                    e.1.push(j);
                } else {
                    levels.push((key, vec![j]));
                }
            }
        }
        if levels.len() >= 2 {
            let idx: Vec<usize> = levels.iter().flat_map(|(_, v)| v.iter().copied()).collect();
            for j in idx {
                out[j].indicator_phrase = format!("其中…{}", out[j].indicator_phrase);
            }
        }
    }
    out
}

/// Twin of `_parts_share_the_totals_type`.
fn parts_share_the_totals_type(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out = mentions;
    // (the whole by its index: only parts are changed, never a whole)
    let mut whole: Option<usize> = None;
    for k in 0..out.len() {
        if let Some(w) = whole {
            if cx.marks.first(SENTENCE_BREAKS, out[w].char_end, out[k].char_start).is_some() {
                whole = None;
            }
        }
        if !is_part(&out[k].indicator_phrase) {
            whole = Some(k);
        } else if let Some(w) = whole {
            let (w, mention) = (&out[w], &out[k]);
            if w.fact_type != "actual" && mention.fact_type == "actual" && mention.cues.is_empty() {
                let fact_type = w.fact_type.clone();
                out[k].cues = vec![format!("part_of:{}", fact_type)];
                out[k].fact_type = fact_type;
            }
        }
    }
    out
}

/// Twin of `_mark_partner_work`.
fn mark_partner_work(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let text = cx.text;
    if !P.partner_work.is_in(text) {
        return mentions;
    }
    let mut scopes: Vec<(usize, usize)> = Vec::new();
    for heading in P.top_numbered.finditer(text, 0, text.len()) {
        let line_end = text[heading.e..].find('\n').map_or(text.len(), |i| heading.e + i);
        let first = &text[heading.e..line_end];
        let title = split(&P.title_split, first).into_iter().next().unwrap();
        let title = match P.title_split.search_all(first) {
            Some(m) => first[..m.s].to_string(),
            None => title,
        };
        if P.partner_work.is_in(&title) {
            let nxt = P.top_numbered.search(text, line_end, text.len());
            scopes.push((heading.s, nxt.map_or(text.len(), |n| n.s)));
        }
    }
    let starts: Vec<usize> = scopes.iter().map(|s| s.0).collect();
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let (s_start, s_end) = cx.sentences.bounds(text, m.char_start, m.char_end);
        let k = starts.partition_point(|&x| x <= m.char_start) as isize - 1;
        let inside = (k >= 0 && m.char_start < scopes[k as usize].1) || P.partner_work.search_ok(text, s_start, s_end);
        out.push(if inside { as_one_of(m) } else { m });
    }
    out
}

// ------------------------------------------------------------------ Python
/// Rows (any iterable of dicts) as maps of `str(value)`; a None value counts as missing
/// (`row.get(k) or …`).
fn rows_of(rows: &PyAny) -> PyResult<Rows> {
    let mut out = Vec::new();
    for row in rows.iter()? {
        let row: &pyo3::types::PyDict = row?.downcast()?;
        let mut map = HashMap::new();
        for (k, v) in row.iter() {
            if v.is_none() || k.is_none() {
                continue;
            }
            map.insert(k.str()?.to_string(), v.str()?.to_string());
        }
        out.push(map);
    }
    Ok(out)
}

/// An extractor built by `extract_init`, held by Python beside the Extractor it twins.
#[pyclass]
pub struct CompiledExtractor {
    pub(crate) ex: Extractor,
}

/// `Extractor(units, unit_prefixes, non_quantities)`: the reference rows as
/// `Reference.from_rows` hands them over (lists of dicts of str).
#[pyfunction]
fn extract_init(units: &PyAny, unit_prefixes: &PyAny, non_quantities: &PyAny) -> PyResult<CompiledExtractor> {
    let rows = (rows_of(units)?, rows_of(unit_prefixes)?, rows_of(non_quantities)?);
    crate::guarded(|| {
        let ex = Extractor::new(rows.0, rows.1, rows.2);
        Lazy::force(&P);
        Ok(CompiledExtractor { ex })
    })
}

/// `Extractor.extract(text)`: each mention as the tuple of its fields in order
/// (offsets in code points, `period` as (year, period_type, start_month, end_month, reason)).
#[pyfunction]
fn extract(py: Python, extractor: PyRef<CompiledExtractor>, text: &PyString) -> PyResult<Vec<PyObject>> {
    let py_text = text;
    let text = py_text.to_str()?;
    let ex = &extractor.ex;
    let found = crate::without_gil(py, || ex.extract(text))?;
    let ix = CharIndex::new(text);
    // a field that is a piece of the text (the number, the quote) as a substring of the text's
    // str: a copy of its code points, where a new str would decode the UTF-8 again
    let piece = |s: String, at: usize, at_char: usize| -> PyResult<PyObject> {
        if text.get(at..at + s.len()) != Some(s.as_str()) {
            return Ok(s.into_py(py));
        }
        let end = ix.at(text, at + s.len());
        // SAFETY: `py_text` is a str and 0 <= at_char <= end <= its length; a new reference or NULL
        unsafe {
            PyObject::from_owned_ptr_or_err(py, pyo3::ffi::PyUnicode_Substring(pyo3::AsPyPointer::as_ptr(py_text), at_char as isize, end as isize))
        }
    };
    // the fields of a few values (the numeral's kind, the unit, the measure, the fact type,
    // the bound): one str for each value, shared by the mentions
    let mut words: Vec<(String, PyObject)> = Vec::new();
    let mut word = |s: String| -> PyObject {
        if let Some((_, o)) = words.iter().find(|(w, _)| *w == s) {
            return o.clone_ref(py);
        }
        let o: PyObject = s.as_str().into_py(py);
        words.push((s, o.clone_ref(py)));
        o
    };
    found
        .into_iter()
        .map(|m| {
            let (start, quote_start) = (ix.at(text, m.char_start), ix.at(text, m.quote_start));
            let items: Vec<PyObject> = vec![
                start.into_py(py),
                ix.at(text, m.char_end).into_py(py),
                piece(m.number_text, m.char_start, start)?,
                m.value_raw.into_py(py),
                word(m.unit_raw),
                word(m.numeral),
                m.indicator_phrase.into_py(py),
                piece(m.quote, m.quote_start, quote_start)?,
                quote_start.into_py(py),
                word(m.measure),
                word(m.fact_type),
                word(m.bound),
                m.period.into_py(py),
                m.cues.into_py(py),
            ];
            Ok(pyo3::types::PyTuple::new(py, items).into_py(py))
        })
        .collect()
}

pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_class::<CompiledExtractor>()?;
    m.add_function(wrap_pyfunction!(extract_init, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    Ok(())
}

// ------------------------------------------------------------------ the extractor's pattern
// `Extractor._pattern`, matched by hand: a backtracking matcher that tries the same
// alternatives in the same order as Python's `re` (each piece calls its continuation
// with every end it can reach, preferred first), with each look-around a check of the
// characters around it. The numeral grammar's loop is deterministic (its three
// alternatives start with disjoint characters, and `\d+(?![\d.])` has one length), so it
// is walked once and backtracked by giving up iterations, last first.

/// `[CN_DIGIT_CLASS]`
fn is_cn_d(c: char) -> bool {
    matches!(c, '零' | '〇' | '○' | '一' | '壹' | '二' | '贰' | '两' | '三' | '叁' | '参' | '四' | '肆' | '五' | '伍' | '六' | '陆'
        | '七' | '柒' | '八' | '捌' | '九' | '玖' | '兩' | '貳' | '參' | '陸')
}
/// `[CN_SMALL_CLASS]`
fn is_cn_s(c: char) -> bool {
    matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟')
}
/// `[CN_BIG_CLASS]`
fn is_cn_b(c: char) -> bool {
    matches!(c, '万' | '亿' | '萬' | '億')
}
fn is_dsb(c: char) -> bool {
    is_cn_d(c) || is_cn_s(c) || is_cn_b(c)
}

/// The end of the run of Python digits from `pos`.
fn digits_end(t: &str, pos: usize) -> usize {
    let mut x = pos;
    while let Some(c) = next_char(t, x) {
        if !is_pd(c) {
            break;
        }
        x += c.len_utf8();
    }
    x
}

/// One alternative of the unit alternation: `prefix(?:多|余)?unit(?!stop)` or `unit(?!stop)`.
struct UnitAlt {
    prefix: String,
    unit: String,
    guard: Option<regex::Regex>,
}

struct MainScan {
    before: Vec<String>,
    alts: Vec<UnitAlt>,
    // the alternatives by their first character, sorted by it (searched for each end a
    // number may have: a hash of the character cost more)
    by_first: Vec<(char, Vec<usize>)>,
}

/// The main pattern's groups while it is matched (copied into an `Mt` at the end).
type Groups = [Option<(usize, usize)>; 10];

/// A list of at most three alternatives, None last (each `Some` pushed in order of preference).
struct Vec3<T: Copy> {
    items: [Option<T>; 3],
    len: usize,
}

impl<T: Copy> Vec3<T> {
    fn new() -> Vec3<T> {
        Vec3 { items: [None; 3], len: 0 }
    }
    fn push(&mut self, x: Option<T>) {
        self.items[self.len] = x;
        self.len += 1;
    }
    fn iter(&self) -> impl Iterator<Item = Option<T>> + '_ {
        self.items[..self.len].iter().copied()
    }
}

const G_UNIT_FIRST: usize = 1;
const G_NUMBER_AFTER: usize = 2;
const G_SIGN: usize = 3;
const G_NUMBER: usize = 4;
const G_UPPER: usize = 5;
const G_GAP: usize = 6;
const G_MID: usize = 7;
const G_UNIT: usize = 8;
const G_PAREN: usize = 9;

impl MainScan {
    fn new(before: Vec<String>, alts: Vec<UnitAlt>) -> MainScan {
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, a) in alts.iter().enumerate() {
            let first = if a.prefix.is_empty() { a.unit.chars().next() } else { a.prefix.chars().next() };
            if let Some(c) = first {
                match by_first.binary_search_by(|e| e.0.cmp(&c)) {
                    Ok(k) => by_first[k].1.push(i),
                    Err(k) => by_first.insert(k, (c, vec![i])),
                }
            }
        }
        MainScan { before, alts, by_first }
    }

    /// `_pattern.search(text, pos)`
    fn search(&self, t: &str, pos: usize, _endpos: usize) -> Option<Mt> {
        let mut p = pos;
        while p < t.len() {
            let c = next_char(t, p).unwrap();
            let may = if c.is_ascii() { c.is_ascii_digit() || c == '-' } else { is_pd(c) || is_dsb(c) || c == '负' }
                || self.before.iter().any(|w| w.starts_with(c));
            if may {
                if let Some(m) = self.match_at(t, p) {
                    return Some(m);
                }
            }
            p += c.len_utf8();
        }
        None
    }

    /// NUMERAL_PATTERN at `q`: each end, preferred first, until `k` accepts one.
    fn number(&self, t: &str, q: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let Some(c) = next_char(t, q) else { return false };
        let prev = prev_char(t, q);
        if is_pd(c) && !prev.map_or(false, |p| is_pd(p) || p == '.' || p.is_ascii_alphabetic()) {
            let run_end = digits_end(t, q);
            let run_len = char_len(&t[q..run_end]);
            // \d{1,3}(?:,\d{3})+(?:\.\d+)?
            if run_len <= 3 {
                let mut reps = Vec::new();
                let mut x = run_end;
                loop {
                    let b = t.as_bytes();
                    if x < t.len() && b[x] == b',' {
                        let y = fwd(t, x, 4);
                        let ok = char_len(&t[x..y]) == 4 && t[x + 1..y].chars().all(is_pd);
                        if ok {
                            reps.push(y);
                            x = y;
                            continue;
                        }
                    }
                    break;
                }
                for &x in reps.iter().rev() {
                    if self.fraction(t, x, &mut |e| self.star(t, e, k)) {
                        return true;
                    }
                }
            }
            // (?<![\x20\t])\d{1,3}(?:\x20\d{1,3})+(?![\d.])
            if run_len <= 3 && !prev.map_or(false, |p| p == ' ' || p == '\t') {
                let reps = spaced_reps(t, run_end, 1, 3);
                for &y in reps.iter().rev() {
                    if !next_char(t, y).map_or(false, |n| is_pd(n) || n == '.') && self.star(t, y, k) {
                        return true;
                    }
                }
            }
            // (?<!\d[\x20\t])\d{1,2}(?:\x20\d{3})+(?![\d.])
            let pp = prev.and_then(|_| prev_char(t, back(t, q, 1)));
            let blocked = prev.map_or(false, |p| p == ' ' || p == '\t') && pp.map_or(false, is_pd);
            if run_len <= 2 && !blocked {
                let reps = spaced_reps(t, run_end, 3, 3);
                for &y in reps.iter().rev() {
                    if !next_char(t, y).map_or(false, |n| is_pd(n) || n == '.') && self.star(t, y, k) {
                        return true;
                    }
                }
            }
            // \d+(?:\.\d+)?
            if self.fraction(t, run_end, &mut |e| self.star(t, e, k)) {
                return true;
            }
            let mut e = back(t, run_end, 1);
            while e > q {
                if self.star(t, e, k) {
                    return true;
                }
                e = back(t, e, 1);
            }
        }
        if (is_cn_d(c) || is_cn_s(c)) && !prev.map_or(false, is_dsb) {
            if self.star(t, q + c.len_utf8(), k) {
                return true;
            }
        }
        false
    }

    /// `(?:\.\d+)?` at `x` (greedy), then `k`.
    fn fraction(&self, t: &str, x: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        if t.as_bytes().get(x) == Some(&b'.') && next_char(t, x + 1).map_or(false, is_pd) {
            let de = digits_end(t, x + 1);
            let mut e = de;
            while e > x + 1 {
                if k(e) {
                    return true;
                }
                e = back(t, e, 1);
            }
        }
        k(x)
    }

    /// The numeral's loop from `o` (deterministic), then its `点…` ending, then `k`.
    fn star(&self, t: &str, o: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let mut ends = vec![o];
        let mut x = o;
        loop {
            let Some(c) = next_char(t, x) else { break };
            let p = prev_char(t, x);
            if is_cn_d(c) && p.map_or(false, is_dsb) {
                x += c.len_utf8();
            } else if is_cn_s(c) || is_cn_b(c) {
                x += c.len_utf8();
            } else if is_pd(c) && p.map_or(false, |p| is_cn_s(p) || is_cn_b(p)) {
                let de = digits_end(t, x);
                if next_char(t, de) == Some('.') {
                    break;
                }
                x = de;
            } else {
                break;
            }
            ends.push(x);
        }
        for &e in ends.iter().rev() {
            // (?:(?<=[DSB])点[D]+)?
            if prev_char(t, e).map_or(false, is_dsb) && next_char(t, e) == Some('点') {
                let s = e + '点'.len_utf8();
                let mut de = s;
                while let Some(c) = next_char(t, de) {
                    if !is_cn_d(c) {
                        break;
                    }
                    de += c.len_utf8();
                }
                let mut z = de;
                while z > s {
                    if k(z) {
                        return true;
                    }
                    z = back(t, z, 1);
                }
            }
            if k(e) {
                return true;
            }
        }
        false
    }

    /// The ends of `_RANGE_SEP` at `e`, preferred first.
    fn sep_ends(&self, t: &str, e: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let sp = |x: usize| next_char(t, x).filter(|&c| is_py_space(c)).map(|c| x + c.len_utf8());
        let mut leads = Vec::new();
        if let Some(x) = sp(e) {
            leads.push(x);
        }
        leads.push(e);
        for lead in leads {
            for w in ["--", "——", "~", "～", "—", "–", "至", "到"] {
                if t[lead..].starts_with(w) {
                    let x = lead + w.len();
                    if let Some(y) = sp(x) {
                        out.push(y);
                    }
                    out.push(x);
                }
            }
        }
        if t[e..].starts_with('-') {
            if let Some(y) = sp(e + 1) {
                out.push(y);
            }
            out.push(e + 1);
        }
        if let Some(x) = sp(e) {
            if t[x..].starts_with('-') {
                if let Some(y) = sp(x + 1) {
                    out.push(y);
                }
            }
        }
        out
    }

    /// The unit alternation at `x`: (end, end of the unit proper) of the first alternative.
    fn unit_at(&self, t: &str, x: usize) -> Option<usize> {
        let c = next_char(t, x)?;
        let list = &self.by_first[self.by_first.binary_search_by(|e| e.0.cmp(&c)).ok()?].1;
        let rest = &t[x..];
        for &i in list {
            let a = &self.alts[i];
            let guard_ok = |end: usize| match &a.guard {
                None => true,
                Some(g) => g.find(&t[end..]).is_none(),
            };
            if a.prefix.is_empty() {
                if rest.starts_with(a.unit.as_str()) && guard_ok(x + a.unit.len()) {
                    return Some(x + a.unit.len());
                }
            } else if rest.starts_with(a.prefix.as_str()) {
                let y = x + a.prefix.len();
                for mid in ["多", "余"] {
                    if t[y..].starts_with(mid) && t[y + mid.len()..].starts_with(a.unit.as_str()) {
                        let end = y + mid.len() + a.unit.len();
                        if guard_ok(end) {
                            return Some(end);
                        }
                    }
                }
                if t[y..].starts_with(a.unit.as_str()) && guard_ok(y + a.unit.len()) {
                    return Some(y + a.unit.len());
                }
            }
        }
        None
    }

    /// The pattern after the number (and its range): gap, 多/余, unit, paren.
    fn tail_from(&self, t: &str, e: usize, g: &mut Groups) -> Option<usize> {
        // (the few alternatives of each piece in arrays: this runs for each end a number may have)
        let mut gaps: Vec3<usize> = Vec3::new();
        if prev_char(t, e).map_or(false, is_pd) {
            let hs = |c: char| c == ' ' || c == '\u{3000}' || c == '\t';
            if let Some(c1) = next_char(t, e).filter(|&c| hs(c)) {
                let x = e + c1.len_utf8();
                if let Some(c2) = next_char(t, x).filter(|&c| hs(c)) {
                    gaps.push(Some(x + c2.len_utf8()));
                }
                gaps.push(Some(x));
            }
            if next_char(t, e) == Some('\n') {
                gaps.push(Some(e + 1));
            }
        }
        gaps.push(None);
        for gap in gaps.iter() {
            let ge = gap.unwrap_or(e);
            let mut mids: Vec3<usize> = Vec3::new();
            if let Some(c) = next_char(t, ge).filter(|&c| c == '多' || c == '余') {
                mids.push(Some(ge + c.len_utf8()));
            }
            mids.push(None);
            for mid in mids.iter() {
                let me = mid.unwrap_or(ge);
                if let Some(ue) = self.unit_at(t, me) {
                    g[G_GAP] = gap.map(|x| (e, x));
                    g[G_MID] = mid.map(|x| (ge, x));
                    g[G_UNIT] = Some((me, ue));
                    let mut end = ue;
                    if let Some(c) = next_char(t, ue).filter(|&c| c == '(' || c == '（') {
                        let x = ue + c.len_utf8();
                        if let Some(k) = next_char(t, x).filter(|&k| "次套册份个项家".contains(k)) {
                            let y = x + k.len_utf8();
                            if let Some(z) = next_char(t, y).filter(|&z| z == ')' || z == '）') {
                                end = y + z.len_utf8();
                                g[G_PAREN] = Some((ue, end));
                            }
                        }
                    }
                    return Some(end);
                }
            }
        }
        None
    }

    fn match_at(&self, t: &str, p: usize) -> Option<Mt> {
        let prev = prev_char(t, p);
        // (?<![\d D S])(?P<unit_first>…)(?P<number_after>NUMBER)
        if !prev.map_or(false, |c| is_pd(c) || is_cn_d(c) || is_cn_s(c)) {
            for w in &self.before {
                if t[p..].starts_with(w.as_str()) {
                    let q = p + w.len();
                    let mut found = None;
                    self.number(t, q, &mut |e| {
                        found = Some(e);
                        true
                    });
                    if let Some(e) = found {
                        let mut g: Groups = [None; 10];
                        g[0] = Some((p, e));
                        g[G_UNIT_FIRST] = Some((p, q));
                        g[G_NUMBER_AFTER] = Some((q, e));
                        return Some(Mt { s: p, e, g: g.to_vec() });
                    }
                }
            }
        }
        // (?P<sign>负|(?<=[长速幅为是:：(（])-)?
        let mut signs: Vec3<usize> = Vec3::new();
        if t[p..].starts_with('负') {
            signs.push(Some(p + '负'.len_utf8()));
        } else if t[p..].starts_with('-') && prev.map_or(false, |c| "长速幅为是:：(（".contains(c)) {
            signs.push(Some(p + 1));
        }
        signs.push(None);
        for sign in signs.iter() {
            let q = sign.unwrap_or(p);
            let mut g: Groups = [None; 10];
            let mut result: Option<usize> = None;
            let rest = |e: usize, g: &mut Groups| -> Option<usize> {
                for s in self.sep_ends(t, e) {
                    let mut got = None;
                    let mut gg = *g;
                    self.number(t, s, &mut |u| {
                        if let Some(end) = self.tail_from(t, u, &mut gg) {
                            gg[G_UPPER] = Some((s, u));
                            got = Some(end);
                            true
                        } else {
                            false
                        }
                    });
                    if got.is_some() {
                        *g = gg;
                        return got;
                    }
                }
                self.tail_from(t, e, g)
            };
            let ok = self.number(t, q, &mut |e| {
                let mut gg: Groups = [None; 10];
                if let Some(end) = rest(e, &mut gg) {
                    gg[G_NUMBER] = Some((q, e));
                    g = gg;
                    result = Some(end);
                    true
                } else {
                    false
                }
            });
            if !ok {
                // _BARE_BIG: (?<![\d.DSB上数几成])(?:[万亿](?=[多余])|(?<=[近超逾])[万亿])
                let pq = prev_char(t, q);
                let c = next_char(t, q);
                if let Some(c) = c.filter(|&c| c == '万' || c == '亿') {
                    let blocked = pq.map_or(false, |x| is_pd(x) || x == '.' || is_dsb(x) || "上数几成".contains(x));
                    let after = next_char(t, q + c.len_utf8());
                    let ok2 = after.map_or(false, |a| a == '多' || a == '余') || pq.map_or(false, |x| "近超逾".contains(x));
                    if !blocked && ok2 {
                        let e = q + c.len_utf8();
                        let mut gg: Groups = [None; 10];
                        if let Some(end) = rest(e, &mut gg) {
                            gg[G_NUMBER] = Some((q, e));
                            g = gg;
                            result = Some(end);
                        }
                    }
                }
            }
            if let Some(end) = result {
                g[0] = Some((p, end));
                g[G_SIGN] = sign.map(|s| (p, s));
                return Some(Mt { s: p, e: end, g: g.to_vec() });
            }
        }
        None
    }
}

/// The ends of `(?:\x20\d{lo,hi})+` after `x` (each group as long as `\d{lo,hi}` takes it
/// greedily; a longer run ends the repetition, as its end is followed by a digit).
fn spaced_reps(t: &str, x0: usize, lo: usize, hi: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut x = x0;
    while t.as_bytes().get(x) == Some(&b' ') {
        let de = digits_end(t, x + 1);
        let n = char_len(&t[x + 1..de]);
        if n < lo {
            break;
        }
        let y = fwd(t, x + 1, n.min(hi));
        out.push(y);
        if n > hi {
            break;
        }
        x = y;
    }
    out
}

/// `_SENTENCE_CUE.search(s)`: `要求` only at the start or after [，,；;] (no other branch
/// starts with 要, so a refused one is no match at its position).
fn sentence_cue(s: &str) -> Option<Mt> {
    let mut pos = 0;
    while pos <= s.len() {
        let m = P.sentence_cue.search(s, pos, s.len())?;
        if m.g[P.sentence_cue.gi("req")].is_some() && !(m.s == 0 || prev_char(s, m.s).map_or(false, |c| "，,；;".contains(c))) {
            pos = step(s, m.s);
            continue;
        }
        return Some(m);
    }
    None
}

/// `_TASK_LIST.finditer(text)`: its second branch refused after 完, 成, 了 or 的 (no other
/// branch matches where the second does: the first was tried before it, the third starts
/// with other characters).
fn task_list_hits(text: &str) -> Vec<Mt> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(m) = P.task_list.search(text, pos, text.len()) else { break };
        if m.g[P.task_list.gi("second")].is_some() && prev_char(text, m.s).map_or(false, |c| "完成了的".contains(c)) {
            pos = step(text, m.s);
            continue;
        }
        pos = m.e;
        out.push(m);
    }
    out
}

/// `_EACH_OF_A_LIST.search(text, lo, hi)` is not None:
/// `[^、，,。；;]、[^、，,。；;…]{1,10}?各(?!类|级|项|种|地|部门|单位|方面|界|族)`
fn each_of_a_list(text: &str, lo: usize, hi: usize) -> bool {
    if lo >= hi {
        return false;
    }
    let w = &text[lo..hi];
    let cs: Vec<char> = w.chars().collect();
    for s in 0..cs.len() {
        if s + 1 >= cs.len() || cs[s + 1] != '、' || "、，,。；;".contains(cs[s]) {
            continue;
        }
        for l in 1..=10 {
            let k = s + 2 + l; // the position of 各
            if k > cs.len() || cs[k - 1] == '…' || "、，,。；;".contains(cs[k - 1]) {
                break;
            }
            if k < cs.len() && cs[k] == '各' {
                let after: String = cs[k + 1..cs.len().min(k + 3)].iter().collect();
                let refused = ["类", "级", "项", "种", "地", "部门", "单位", "方面", "界", "族"].iter().any(|x| after.starts_with(x));
                if !refused {
                    return true;
                }
            }
        }
    }
    false
}

/// `_TARGET.search(clause)`: the look-aheads of `(?:全年|年度)目标(?=…)` and `计划(?=…)`
/// checked in code (no later branch starts with 全, 年 or 计, so a refused one is no match
/// at its position).
fn target(clause: &str) -> Option<Mt> {
    const A6: [&str; 8] = ["新增", "达到", "突破", "完成", "实现", "引进", "培育", "认定"];
    const A7: [&str; 18] = [
        "投资", "研发", "新增", "创建", "实施", "完成", "引进", "吸引", "培育", "建设", "组织", "申报", "举办", "达到", "建成", "开展",
        "争取", "投入",
    ];
    let mut pos = 0;
    while pos <= clause.len() {
        let m = P.target.search(clause, pos, clause.len())?;
        let r = &clause[m.e..];
        let refused = if m.g[P.target.gi("a6")].is_some() {
            !(A6.iter().any(|w| r.starts_with(w)) || next_char(r, 0).map_or(false, is_pd))
        } else if m.g[P.target.gi("a7")].is_some() {
            !(A7.iter().any(|w| r.starts_with(w)) || r.starts_with("新建"))
        } else {
            false
        };
        if refused {
            pos = step(clause, m.s);
            continue;
        }
        return Some(m);
    }
    None
}

/// `_GROWTH_COUNT.search(pre)` is not None: `增长`/`增加` refused after 新 or 净 (the first
/// branch starts with other characters).
fn growth_count(pre: &str) -> bool {
    let mut pos = 0;
    while pos <= pre.len() {
        let Some(m) = P.growth_count.search(pre, pos, pre.len()) else { return false };
        if m.g[P.growth_count.gi("g")].is_some() && prev_char(pre, m.s).map_or(false, |c| c == '新' || c == '净') {
            pos = step(pre, m.s);
            continue;
        }
        return true;
    }
    false
}

/// `_PER_UNIT.match(s)` is not None (its one way of matching, then `(?![市区县])`).
fn per_unit(s: &str) -> bool {
    match P.per_unit.mat(s, 0, fwd(s, 0, 12)) {
        Some(m) => !next_char(s, m.e).map_or(false, |c| "市区县".contains(c)),
        None => false,
    }
}

/// Twin of `mark_positions`: each mark looked for on its own (memchr), then sorted.
fn mark_positions(text: &str, marks: &str) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    for c in marks.chars() {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        found.extend(text.match_indices(c).map(|(i, _)| i));
    }
    found.sort_unstable();
    found
}

/// Twin of `marks.required_chars`: characters every match of a pattern holds (literals
/// outside classes, through groups, the common ones of alternatives, repeats of at least
/// one; look-arounds and anything unread hold none). Empty when unsure.
fn required_chars(p: &str) -> Vec<char> {
    fn seq(cs: &[char], i: &mut usize) -> Option<HashSet<char>> {
        // a sequence up to `|` or `)` at this level; returns None when unsure
        let mut branches: Vec<HashSet<char>> = Vec::new();
        let mut cur: HashSet<char> = HashSet::new();
        let mut last: HashSet<char> = HashSet::new(); // what the last atom holds
        while *i < cs.len() {
            let c = cs[*i];
            match c {
                '|' => {
                    *i += 1;
                    cur.extend(last.drain());
                    branches.push(std::mem::take(&mut cur));
                    continue;
                }
                ')' => break,
                '(' => {
                    cur.extend(last.drain());
                    *i += 1;
                    let mut assert = false;
                    if cs.get(*i) == Some(&'?') {
                        let n = cs.get(*i + 1).copied();
                        match n {
                            Some(':') => *i += 2,
                            Some('=') | Some('!') => {
                                assert = true;
                                *i += 2
                            }
                            Some('<') if matches!(cs.get(*i + 2), Some('=') | Some('!')) => {
                                assert = true;
                                *i += 3
                            }
                            Some('P') if cs.get(*i + 2) == Some(&'<') => {
                                while *i < cs.len() && cs[*i] != '>' {
                                    *i += 1;
                                }
                                *i += 1;
                            }
                            _ => return None,
                        }
                    }
                    let inner = seq(cs, i)?;
                    if cs.get(*i) != Some(&')') {
                        return None;
                    }
                    *i += 1;
                    last = if assert { HashSet::new() } else { inner };
                }
                '[' => {
                    cur.extend(last.drain());
                    *i += 1;
                    if cs.get(*i) == Some(&'^') {
                        *i += 1;
                    }
                    if cs.get(*i) == Some(&']') {
                        *i += 1;
                    }
                    while *i < cs.len() && cs[*i] != ']' {
                        if cs[*i] == '\\' {
                            *i += 1;
                        }
                        *i += 1;
                    }
                    *i += 1;
                    last = HashSet::new();
                }
                '?' | '*' => {
                    last.clear();
                    *i += 1;
                    if cs.get(*i) == Some(&'?') {
                        *i += 1;
                    }
                }
                '+' => {
                    *i += 1;
                    if cs.get(*i) == Some(&'?') {
                        *i += 1;
                    }
                }
                '{' => {
                    let mut j = *i + 1;
                    let mut n = String::new();
                    while j < cs.len() && cs[j].is_ascii_digit() {
                        n.push(cs[j]);
                        j += 1;
                    }
                    while j < cs.len() && cs[j] != '}' {
                        j += 1;
                    }
                    *i = j + 1;
                    if n.is_empty() || n == "0" {
                        last.clear();
                    }
                    if cs.get(*i) == Some(&'?') {
                        *i += 1;
                    }
                }
                '\\' => {
                    cur.extend(last.drain());
                    let n = *cs.get(*i + 1)?;
                    *i += 2;
                    last = HashSet::new();
                    if !n.is_ascii_alphanumeric() {
                        last.insert(n);
                    } else if n == 'x' || n == 'u' {
                        return None;
                    }
                }
                '.' | '^' | '$' => {
                    cur.extend(last.drain());
                    *i += 1;
                }
                _ => {
                    cur.extend(last.drain());
                    last = [c].into_iter().collect();
                    *i += 1;
                }
            }
        }
        cur.extend(last.drain());
        if branches.is_empty() {
            return Some(cur);
        }
        branches.push(cur);
        let mut out = branches[0].clone();
        for b in &branches[1..] {
            out = out.intersection(b).copied().collect();
        }
        Some(out)
    }
    let cs: Vec<char> = p.chars().collect();
    let mut i = 0;
    match seq(&cs, &mut i) {
        Some(set) if i == cs.len() => {
            let mut v: Vec<char> = set.into_iter().collect();
            v.sort();
            v
        }
        _ => vec![],
    }
}

/// `_ONE_ENTITY.match(lead)` is not None: read within its longest match (a few dozen
/// characters), and only where one of its branches' words stands there.
fn one_entity(lead: &str) -> bool {
    let w = &lead[..fwd(lead, 0, 80)];
    if !(w.contains('该') || w.contains('这') || w.contains('此') || w.contains("公司") || w.contains("项目")) {
        return false;
    }
    P.one_entity_loose.mat_ok(lead, 0, w.len()) && P.one_entity.mat_ok(lead, 0, w.len())
}

/// `int(text)` of a run of Python digits.
fn py_int(text: &str) -> i64 {
    text.chars().fold(0, |n, c| n * 10 + digit_value(c) as i64)
}

/// Where `_TASK_LIST_END.search(text, pos, endpos)` starts: the leftmost start of any of its
/// branches (only the start is read). `(?<![\d.])\d+\.(?!\d)` and
/// `(?<=。)[^。；;\n，,]{0,8}?(?:获得?|已经?|取得|实现了|完成了)` are found in code.
fn task_list_end(text: &str, pos: usize, endpos: usize) -> Option<usize> {
    let w = &text[..endpos];
    let mut best = P.task_list_end.search(text, pos, endpos).map(|m| m.s);
    let limit = best.unwrap_or(endpos);
    let mut p = pos;
    while p < limit {
        let c = next_char(w, p).unwrap();
        let prev = prev_char(text, p);
        if is_pd(c) && !prev.map_or(false, |x| is_pd(x) || x == '.') {
            let de = digits_end(w, p);
            if w.as_bytes().get(de) == Some(&b'.') && !next_char(w, de + 1).map_or(false, is_pd) {
                best = Some(p);
                break;
            }
        }
        if prev == Some('。') {
            let mut x = p;
            let mut found = false;
            for _ in 0..=8 {
                let r = &w[x..];
                if ["获", "已", "取得", "实现了", "完成了"].iter().any(|v| r.starts_with(v)) {
                    found = true;
                    break;
                }
                match next_char(w, x) {
                    Some(ch) if !"。；;\n，,".contains(ch) => x += ch.len_utf8(),
                    _ => break,
                }
            }
            if found {
                best = Some(p);
                break;
            }
        }
        p += c.len_utf8();
    }
    best
}
