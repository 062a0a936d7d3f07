//! Python's character classes and the few `str` operations built on them (Python 3.11,
//! Unicode 14.0), one copy for every twin: each item says which Python behaviour it is
//! the twin of. (`#[inline]`: each ran in its callers' module before, inlined there.)

/// Python's `\s` (`str.isspace()`) as the body of a `regex` character class.
pub(crate) const PY_S: &str = r"\t\n\x0B\x0C\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";
/// Python's `\d` (`str.isdecimal()`, Unicode Nd) as the body of a `regex` character class.
pub(crate) const PY_D: &str = r"\x{30}-\x{39}\x{660}-\x{669}\x{6F0}-\x{6F9}\x{7C0}-\x{7C9}\x{966}-\x{96F}\x{9E6}-\x{9EF}\x{A66}-\x{A6F}\x{AE6}-\x{AEF}\x{B66}-\x{B6F}\x{BE6}-\x{BEF}\x{C66}-\x{C6F}\x{CE6}-\x{CEF}\x{D66}-\x{D6F}\x{DE6}-\x{DEF}\x{E50}-\x{E59}\x{ED0}-\x{ED9}\x{F20}-\x{F29}\x{1040}-\x{1049}\x{1090}-\x{1099}\x{17E0}-\x{17E9}\x{1810}-\x{1819}\x{1946}-\x{194F}\x{19D0}-\x{19D9}\x{1A80}-\x{1A89}\x{1A90}-\x{1A99}\x{1B50}-\x{1B59}\x{1BB0}-\x{1BB9}\x{1C40}-\x{1C49}\x{1C50}-\x{1C59}\x{A620}-\x{A629}\x{A8D0}-\x{A8D9}\x{A900}-\x{A909}\x{A9D0}-\x{A9D9}\x{A9F0}-\x{A9F9}\x{AA50}-\x{AA59}\x{ABF0}-\x{ABF9}\x{FF10}-\x{FF19}\x{104A0}-\x{104A9}\x{10D30}-\x{10D39}\x{11066}-\x{1106F}\x{110F0}-\x{110F9}\x{11136}-\x{1113F}\x{111D0}-\x{111D9}\x{112F0}-\x{112F9}\x{11450}-\x{11459}\x{114D0}-\x{114D9}\x{11650}-\x{11659}\x{116C0}-\x{116C9}\x{11730}-\x{11739}\x{118E0}-\x{118E9}\x{11950}-\x{11959}\x{11C50}-\x{11C59}\x{11D50}-\x{11D59}\x{11DA0}-\x{11DA9}\x{16A60}-\x{16A69}\x{16AC0}-\x{16AC9}\x{16B50}-\x{16B59}\x{1D7CE}-\x{1D7FF}\x{1E140}-\x{1E149}\x{1E2F0}-\x{1E2F9}\x{1E950}-\x{1E959}\x{1FBF0}-\x{1FBF9}";
/// `\u4e00-\u9fff` of a Python pattern's `[\u4e00-\u9fff]` as the body of a class.
pub(crate) const CJK: &str = r"\x{4e00}-\x{9fff}";

// the zeros of `\d`, ascending: each opens a run of ten digits 0..9 (for `int()`)
const ND_ZEROS: &[u32] = &[0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0];

/// `str.isspace()` of one character: `\s`, and what `strip()` and `split()` remove.
#[inline]
pub(crate) fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// `\d` of a str pattern (`str.isdecimal()` of one character: Unicode Nd).
#[inline]
pub(crate) fn is_pd(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x30 {
        return false;
    }
    // (fast paths of the search below: below U+0660 only the ASCII digits; none from
    // U+1C5A to U+A61F, the CJK ideographs among them)
    if cp < 0x660 {
        return cp - 0x30 < 10;
    }
    if (0x1c5a..0xa620).contains(&cp) {
        return false;
    }
    let i = match ND_ZEROS.binary_search(&cp) {
        Ok(_) => return true,
        Err(i) => i - 1,
    };
    cp - ND_ZEROS[i] < 10
}

/// `int(c)` of a `\d` character (any of them, not only ASCII): its value 0..9.
#[inline]
pub(crate) fn digit_value(c: char) -> u32 {
    let cp = c as u32;
    let i = match ND_ZEROS.binary_search(&cp) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    cp - ND_ZEROS[i]
}

/// `"\u4e00" <= c <= "\u9fff"`: a character of `[\u4e00-\u9fff]` (the CJK ideographs).
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `s[i - 1]` (None at the start), `pos` the byte offset of `i`.
#[inline]
pub(crate) fn prev_char(s: &str, pos: usize) -> Option<char> {
    s[..pos].chars().next_back()
}

/// `s[i]` (None at the end), `pos` the byte offset of `i`.
#[inline]
pub(crate) fn next_char(s: &str, pos: usize) -> Option<char> {
    s[pos..].chars().next()
}

/// `len(s)`: Python counts code points.
#[inline]
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s[:n]`: the first `n` characters.
#[inline]
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `s[-n:]`: the last `n` characters (all of `s` for n = 0, as `s[-0:]` is).
#[inline]
pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    match n.checked_sub(1).and_then(|k| s.char_indices().rev().nth(k)) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// `s.strip()`
#[inline]
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// `s.rstrip()`
#[inline]
pub(crate) fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

/// `s.lstrip()`
#[inline]
pub(crate) fn py_lstrip(s: &str) -> &str {
    s.trim_start_matches(is_py_space)
}
