//! Twin of `resolve_document_period` in loaders/period.py (lines 1–1040 are its
//! specification): the period a report is about, read from its body and title.
//!
//! Python indexes strings by code point, Rust by byte: every offset here is a byte offset
//! into the string it is used with, and every window or length that Python counts in
//! characters (`text[max(0, i - 12):i]`, `len(line) <= 120`, `heading[:20]`) is counted in
//! characters (`fwd`, `back`, `char_len`). The module's patterns are compiled with the
//! `regex` crate: `\d` and `\s` are spelled out as Python's classes (`py`), and every
//! look-around is a check in code at the place the pattern is used. The political
//! calendar's cues are data handed over by Python (`period_init`).
use crate::py::{char_len, digit_value, is_pd, is_py_space, next_char, prev_char, py_strip, PY_D, PY_S};
use once_cell::sync::{Lazy, OnceCell};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use regex::{CaptureLocations, Regex};
use std::collections::HashMap;

// ------------------------------------------------------------------ Python's classes
// (`\s`, `\d` and the tests of a character are py.rs's, shared by the twins)

/// A Python pattern (no look-around, not VERBOSE) as the `regex` crate reads it: `\d`,
/// `\s`, `\S` become Python's classes, in or out of a character class.
pub(crate) fn py(p: &str) -> String {
    let mut out = String::with_capacity(p.len() * 2);
    let mut in_class = false;
    let mut chars = p.chars().peekable();
    let mut class_first = false;
    while let Some(c) = chars.next() {
        if c == '\\' {
            let n = chars.next().expect("a pattern ending in a backslash");
            match (n, in_class) {
                ('d', false) => out.push_str(&format!("[{}]", PY_D)),
                ('d', true) => out.push_str(PY_D),
                ('s', false) => out.push_str(&format!("[{}]", PY_S)),
                ('s', true) => out.push_str(PY_S),
                ('S', false) => out.push_str(&format!("[^{}]", PY_S)),
                ('D', _) | ('S', true) | ('w', _) | ('W', _) | ('b', _) | ('B', _) => {
                    panic!("pattern class not translated: \\{}", n)
                }
                _ => {
                    out.push('\\');
                    out.push(n);
                }
            }
            class_first = false;
            continue;
        }
        if !in_class && c == '[' {
            in_class = true;
            class_first = true;
            out.push(c);
            if chars.peek() == Some(&'^') {
                out.push(chars.next().unwrap());
            }
            continue;
        }
        if in_class && c == ']' && !class_first {
            in_class = false;
        }
        class_first = false;
        out.push(c);
    }
    out
}

/// `int(text)` of a run of decimal digits.
pub(crate) fn py_int(text: &str) -> i64 {
    text.chars().fold(0, |n, c| n * 10 + digit_value(c) as i64)
}

// ------------------------------------------------------------------ offsets in characters
/// The byte offset `n` characters after `pos` (the end of `s` at most).
pub(crate) fn fwd(s: &str, pos: usize, n: usize) -> usize {
    match s[pos..].char_indices().nth(n) {
        Some((i, _)) => pos + i,
        None => s.len(),
    }
}

/// The byte offset `n` characters before `pos` (0 at least): `max(0, pos - n)`.
pub(crate) fn back(s: &str, pos: usize, n: usize) -> usize {
    let mut it = s[..pos].char_indices().rev();
    let mut at = pos;
    for _ in 0..n {
        match it.next() {
            Some((i, _)) => at = i,
            None => return 0,
        }
    }
    at
}

/// The offset after the character at `pos`.
pub(crate) fn step(s: &str, pos: usize) -> usize {
    pos + next_char(s, pos).map_or(1, |c| c.len_utf8())
}

/// Offsets into `from` as offsets into `to`, a string of as many characters (the same
/// character offsets); `offs` sorted.
fn remap(from: &str, to: &str, offs: &[usize]) -> Vec<usize> {
    let mut out = vec![0; offs.len()];
    let mut k = 0;
    let a = from.char_indices().map(|(i, _)| i).chain(std::iter::once(from.len()));
    let b = to.char_indices().map(|(i, _)| i).chain(std::iter::once(to.len()));
    for (ia, ib) in a.zip(b) {
        while k < offs.len() && offs[k] == ia {
            out[k] = ib;
            k += 1;
        }
        if k == offs.len() {
            break;
        }
    }
    out
}

// ------------------------------------------------------------------ compiled patterns
/// A pattern of the `regex` crate with its group names.
pub(crate) struct Re {
    re: Regex,
    names: HashMap<String, usize>,
}

pub(crate) struct Caps<'r> {
    locs: CaptureLocations,
    at: usize, // where the text the locations index starts
    re: &'r Re,
}

impl<'r> Caps<'r> {
    pub(crate) fn start(&self) -> usize {
        self.at + self.locs.get(0).unwrap().0
    }
    pub(crate) fn end(&self) -> usize {
        self.at + self.locs.get(0).unwrap().1
    }
    pub(crate) fn group(&self, i: usize) -> Option<(usize, usize)> {
        self.locs.get(i).map(|(s, e)| (self.at + s, self.at + e))
    }
    pub(crate) fn span(&self, name: &str) -> Option<(usize, usize)> {
        self.group(self.re.names[name])
    }
    pub(crate) fn has(&self, name: &str) -> bool {
        self.span(name).is_some()
    }
    pub(crate) fn str<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        self.span(name).map(|(s, e)| &text[s..e])
    }
}

impl Re {
    pub(crate) fn new(pattern: &str) -> Re {
        let re = Regex::new(&py(pattern)).unwrap_or_else(|e| panic!("{}: {}", pattern, e));
        let names = re
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect();
        Re { re, names }
    }
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }
    pub(crate) fn find_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        self.re.find_at(text, pos).map(|m| (m.start(), m.end()))
    }
    /// The groups of the first match at or after `pos`. The match is found first (the
    /// crate's DFA), then its groups are read from the match and the character before it
    /// only: the crate reads groups with a backtracker whose memory is cleared for the
    /// whole text it is given, once per call. The pattern's preferred match there is the
    /// same (a higher-priority path could only succeed if a `\z`, `$` or `^` read the cut
    /// edges differently: the character before stays, and the match ended at the cut).
    pub(crate) fn caps_at<'r>(&'r self, text: &str, pos: usize) -> Option<Caps<'r>> {
        let m = self.re.find_at(text, pos)?;
        let at = if m.start() == 0 { 0 } else { back(text, m.start(), 1) };
        let mut locs = self.re.capture_locations();
        self.re.captures_read_at(&mut locs, &text[at..m.end()], m.start() - at)?;
        Some(Caps { locs, at, re: self })
    }
    /// `pattern.finditer(text)` where every match a look-behind would refuse (`keep` false
    /// for its start) is not one: the search goes on from the next character.
    pub(crate) fn iter_where<'r>(&'r self, text: &str, keep: impl Fn(usize) -> bool) -> Vec<Caps<'r>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= text.len() {
            let Some(c) = self.caps_at(text, pos) else { break };
            let (s, e) = (c.start(), c.end());
            if !keep(s) {
                pos = step(text, s);
                continue;
            }
            pos = if e == s { step(text, e) } else { e };
            out.push(c);
        }
        out
    }
    pub(crate) fn iter<'r>(&'r self, text: &str) -> Vec<Caps<'r>> {
        self.iter_where(text, |_| true)
    }
    /// `search` of a pattern that ends in Python's `$` (compiled with `\z`): a match at
    /// the end, or before a final line break.
    pub(crate) fn search_to_end<'r>(&'r self, text: &str) -> Option<Caps<'r>> {
        let full = self.caps_at(text, 0);
        if let Some(cut) = text.strip_suffix('\n') {
            if let Some(c) = self.caps_at(cut, 0) {
                if full.as_ref().map_or(true, |f| c.start() < f.start()) {
                    return Some(c);
                }
            }
        }
        full
    }
}

const YEAR: &str = r"(?:19[5-9]\d|20[0-4]\d)";
const MONTH: &str = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
const MASKED_YEAR: &str = r"(?:(?:19|20)(?:[xX*＊][0-9xX*＊]|\d[xX*＊])|[xX*＊×]{1,4})\s?年";
const MEETING: &str = r"(?:推进|调度|讲评|分析|总结|点评)(?:会|会议)";
const PLAN_WORD: &str = r"(?:工作)?(?:计划|打算|思路|安排|重点|要点|设想|谋划|实施方案|行动方案)";
const NUMBERING: &str = r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．])";
const NEXT_MARK: &str = r"明年|来年|下一年度?|下年度?|新的一年|下半年|(?:第)?四季度|下一?阶段|下一?步|今后(?:一个时期|一段时期|几年)?";
const GOAL_HEADING: &str = r"(?:主要|年度|总体)?(?:工作目标|目标任务|主要目标|发展目标)";
const PLAN_STRICT: &str = r"(?:科技)?工作(?:计划|打算|思路|安排|重点|要点|设想)|工作谋划";

/// Fill `{Y}`, `{M}`, `{MASKED}`, ... into a pattern.
pub(crate) fn fill(p: &str) -> String {
    p.replace("{Y}", YEAR)
        .replace("{M}", MONTH)
        .replace("{MASKED}", MASKED_YEAR)
        .replace("{MEETING}", MEETING)
        .replace("{PLAN_WORD}", PLAN_WORD)
        .replace("{NUMBERING}", NUMBERING)
        .replace("{NEXT_MARK}", NEXT_MARK)
        .replace("{GOAL_HEADING}", GOAL_HEADING)
        .replace("{PLAN_STRICT}", PLAN_STRICT)
}

pub(crate) fn re(p: &str) -> Re {
    Re::new(&fill(p))
}

/// `re(p)` for a pattern searched through short texts, by the crate's DFA alone. The crate
/// would put a literal prefilter before the DFA, and for a pattern that may start with an
/// ASCII digit or with many Chinese words that prefilter (Teddy on the first byte of each
/// literal) stops at nearly every character of Chinese text, whose UTF-8 lead bytes are
/// few, and costs several times the DFA's own scan. An alternative anchored at the start
/// makes the crate build none (as it does for any pattern partly anchored there); this
/// one never matches (a character after the end) and holds no group.
pub(crate) fn re_dfa(p: &str) -> Re {
    Re::new(&format!(r"(?:{})|\A\z.", fill(p)))
}

/// The module's patterns; a comment names the Python one, and the look-around it had that
/// is now checked in code.
pub(crate) struct Pats {
    year_span: Re,         // _YEAR_SPAN
    doc_number_year: Re,   // _DOC_NUMBER_YEAR
    masked_frame_1: Re,    // _MASKED_FRAME, first branch, without (?<![0-9A-Za-z])
    masked_frame_2: Re,    // _MASKED_FRAME, second branch
    frame_year: Re,        // _FRAME_YEAR without (?<![\d.\-－—–~～至到和与、])
    heading_year: Re,      // _HEADING_YEAR
    debris_line: Re,       // _DEBRIS_LINE (IGNORECASE spelled out for `Copyright`)
    half_report: Re,       // _HALF_REPORT
    quarter_report: Re,    // _QUARTER_REPORT
    months_report: Re,     // _MONTHS_REPORT
    upto_report: Re,       // _UPTO_REPORT
    so_far: Re,            // _SO_FAR
    five_year_plan: Re,    // _FIVE_YEAR_PLAN
    paragraph_start: Re,   // _PARAGRAPH_START (`$`: search_to_end)
    future_after: Re,      // _FUTURE_AFTER
    future_frame: Re,      // _FUTURE_FRAME, as `.match` at a position (anchored on a slice)
    future_before: Re,     // _FUTURE_BEFORE (`$`)
    compare_before: Re,    // _COMPARE_BEFORE (`$`)
    baseline_before: Re,   // _BASELINE_BEFORE (`$`)
    title_year: Re,        // _TITLE_YEAR
    plan_title: Re,        // _PLAN_TITLE
    review_word: Re,       // _REVIEW_WORD
    title_word: Re,        // _TITLE_WORD
    title_stop: Re,        // r"[。；;！]" of _title_line
    review_and_plan_title: Re, // _REVIEW_AND_PLAN_TITLE
    review_and_plan_said: Re,  // _REVIEW_AND_PLAN_SAID
    same_year_review_plan: Re, // _SAME_YEAR_REVIEW_PLAN with (?P<plan>…) for (?P=review), compared in code
    plan_word: Re,         // _PLAN_WORD
    pub(crate) plan_core: Re, // _PLAN_HEADING after its anchor, up to its main alternatives (anchored)
    not_plan_heading: Re,  // _NOT_PLAN_HEADING
    page_tail: Re,         // _PAGE_TAIL
    speaks_after_12: Re,   // _SPEAKS_AFTER_THE_YEAR, first two branches
    speaks_after_3: Re,    // its third branch without (?=[，,]|[里来]|我们)
    speech_date: Re,       // _SPEECH_DATE
    meeting_title: Re,     // _MEETING_TITLE
    closing_date: Re,      // _CLOSING_DATE (`\s*$` is `\s*\z`: the greedy run reaches the end)
    says_this_year: Re,    // _SAYS_THIS_YEAR
    amount: Re,            // _AMOUNT without (?<![\d.]) of its first branch
    any_masked_year: Re,   // _ANY_MASKED_YEAR without (?<![0-9A-Za-z])
    pub(crate) another_title: Re, // _ANOTHER_TITLE
    relative_before: Re,   // _RELATIVE_BEFORE (`$`)
}

pub(crate) static P: Lazy<Pats> = Lazy::new(|| Pats {
    year_span: re(r"(?:{Y}|[*＊xX]{1,4})\s?年?\s?(?:-|－|—|–|~|～|至|到)+\s?{Y}\s?年?"),
    doc_number_year: re(r"[\[〔【(（](?P<y>{Y})[\]〕】)）]\s?\d+\s?号"),
    masked_frame_1: re(r"{MASKED}度?(?:上半年|下半年)?(?:以来|来)?[,，:：]"),
    masked_frame_2: re(
        r"(?:^|\n|[一二三四五六七八九十]{1,4}、)\s*{MASKED}度?[^\n。，,]{0,10}?(?:工作总结|工作情况|主要工作|工作进展)",
    ),
    frame_year: re(concat!(
        r"(?P<y>{Y})\s?年度?",
        r"(?:(?:上半年|下半年|全年)?(?:以来|来)",
        r"|(?:上半年|下半年|全年|{M}\s?(?:月份?)?\s?[-－—–~～至到]\s?{M}\s?月份?)?[,，:：]",
        r"|是)"
    )),
    heading_year: re(concat!(
        r"(?:^|\n|[一二三四五六七八九十]{1,4}[、.．])[ \t　]*",
        r"(?P<y>{Y})\s?年度?[^\n。，,]{0,10}?(?:工作总结|工作情况|主要工作|工作回顾|工作进展|总结)"
    )),
    debris_line: re(concat!(
        r"(?:发布|更新|上传|时间|日期|浏览|点击|阅读|来源|查看人数)\s*(?:数|量)?\s*[:：]",
        r"|当前位置|您的位置|首页\s*>|>\s*\S+\s*>|[Cc][Oo][Pp][Yy][Rr][Iiİı][Gg][Hh][Tt]|©|版权所有|备案号",
        r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    )),
    half_report: re_dfa(concat!(
        r"(?P<h>上|下)半年(?:科技|创新|主要)?(?:工作)?(?:总结|情况|汇报|报告|{MEETING})",
        r"|(?:{Y}\s?年|{MASKED}|今年)(?P<h2>上|下)半年[,，:：]",
        r"|(?:^|\n|[一二三四五六七八九十]{1,4}、)\s*(?P<h3>上|下)半年(?:主要|科技)?工作"
    )),
    quarter_report: re_dfa(concat!(
        r"(?P<front>前|1-|一至)?第?(?P<q>[一二三四1-4])\s?季度(?:科技|创新|主要)*(?:工作)?(?:进展|完成|开展)?(?:总结|情况|汇报|报告|{MEETING})",
        r"|(?:{Y}\s?年|今年)(?P<front2>前|1-|一至)?第?(?P<q2>[一二三四1-4])\s?季度[,，:：]",
        r"|^(?P<front3>前)(?P<q3>[二三])季度"
    )),
    months_report: re_dfa(concat!(
        r"(?P<m1>{M})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2>{M})\s?月份?(?:科技)?(?:工作)?(?:进展|完成|开展|推进|落实|运行)?(?:情况)?(?:总结|情况|汇报|报告|{MEETING})",
        r"|{Y}\s?年(?P<m1b>{M})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2b>{M})\s?月份?[,，:：]"
    )),
    upto_report: re(r"(?:截至|截止)(?:到)?\s?(?P<y>{Y})\s?年\s?(?P<m>{M})\s?月(?:底|末)?[,，:：]"),
    so_far: re(r"今年以来|年初以来"),
    five_year_plan: re(r"“?十[一二三四五六]五”?(?:时期|期间)?[^\n。]{0,12}?规划"),
    paragraph_start: re(r"\n[ \t　]*(?:[一二三四五六七八九十]+[、.．])?[ \t　]*\z"),
    future_after: re(r"^[^。！？\n，,]{0,10}?(?:将|即将|拟)"),
    future_frame: re(r"^\s?年度?[，,](?:[^。！？\n，,]{0,8}?(?:将|即将|拟)|[^。！？\n]{0,24}?(?:力争|确保))"),
    future_before: re(r"(?:明年|筹备|迎接)[^。，,\n]{0,6}\z"),
    compare_before: re(r"(?:对比|相比|比|较|同比|与)\s?\z"),
    baseline_before: re(r"(?:由|从|自)\s?\z"),
    title_year: re(r"(?P<y>{Y})\s?年度?(?P<rest>[^,，:：\d]{0,16})"),
    plan_title: re(r"^[^总]{0,12}?{PLAN_WORD}"),
    review_word: re(r"总结|述职|报告|情况|回顾|成效|汇报|材料"),
    title_word: re(r"总结|计划|述职|报告|要点|规划|汇报|材料|思路|打算"),
    title_stop: re(r"[。；;！]"),
    review_and_plan_title: re(concat!(
        r"(?P<review>{Y})\s?年度?[^\d]{0,12}?(?:总结|回顾)[^\d]{0,8}?",
        r"(?P<plan>{Y})\s?年度?[^\d]{0,10}?{PLAN_WORD}"
    )),
    review_and_plan_said: re(concat!(
        r"(?:总结|回顾)(?P<review>{Y})\s?年度?[^\d。]{0,16}?[，,、和并]\s?(?:安排部署|部署安排|部署|谋划|安排)",
        r"(?:(?P<plan>{Y})\s?年度?|今年|新一年|本年度)"
    )),
    same_year_review_plan: re(concat!(
        r"(?P<review>{Y})\s?年度?[^\d]{0,12}?(?:总结|回顾)[^\d]{0,8}?",
        r"(?P<plan>{Y})\s?年度?[^\d]{0,10}?{PLAN_WORD}"
    )),
    plan_word: re(PLAN_WORD),
    plan_core: re(concat!(
        r"^[ \t　]*(?:(?P<num>{NUMBERING})[ \t　]*)?",
        r"(?:(?P<review>[^\n。，,；;\d]{2,8}?(?:及|和|与|暨))?",
        r"(?P<mark>{NEXT_MARK})[^\n。，,；;]{0,10}?{PLAN_WORD}",
        r"|(?P<y>{Y})\s?年度?[^\n。，,；;\d]{0,8}?(?:{PLAN_STRICT})",
        r"|(?:扎实|全力|认真|切实|着力)?(?:做好|抓好)(?P<todo_y>{Y})\s?年度?[^\n。，,；;\d]{0,8}?(?:重点工作|重点任务|主要任务)",
        r"|(?P<masked>{MASKED})度?[^\n。，,；;\d]{0,8}?(?:{PLAN_STRICT})",
        r"|(?P<bare>{PLAN_STRICT})",
        r"|(?P<goal>{GOAL_HEADING}))"
    )),
    not_plan_heading: re(r"总结|情况|回顾|成绩|成效|存在|问题|做法|经验|进展|进度|推进|落实|完成"),
    page_tail: re(r"上一篇|下一篇|相关文章|相关推荐|版权说明"),
    speaks_after_12: re(r"(?:总结|回顾)(?:去年|过去一年|上一年)|去年(?:工作)?回顾"),
    speaks_after_3: re(r"过去(?:的)?一年"),
    speech_date: re(r"(?:^|\n)\s*(?:——|--|（|\()\s?(?P<y>{Y})\s?年\s?(?P<m>{M})\s?月"),
    meeting_title: re(r"{Y}\s?年度?[^\n\d]{0,24}?(?:会议|大会)[^\n\d]{0,6}?(?:讲话|发言|报告)"),
    closing_date: re(
        r"(?:^|\n|，|,|（|\()\s*(?P<y>{Y})\s?年\s?(?P<m>{M})\s?月\s?\d{1,2}\s?日\s?[)）]?\s*\z",
    ),
    says_this_year: re(r"今年以来|今年来|今年[1-9一二三四五六七八九十]|截至(?:目前|\d{1,2}月)"),
    amount: re(concat!(
        r"(?P<n>\d{6,})(?:\.\d+)?\s?(?:万|亿)?(?:元|家|项|件|个|人次|名|人|亩|吨)",
        r"|[\[〔【(（](?P<d>\d{5,})[\]〕】)）]\s?\d+\s?号"
    )),
    any_masked_year: re(r"{MASKED}"),
    another_title: re(concat!(
        r"(?m)^[^\n。，,；;\d]{0,20}?(?P<y>{Y})\s?年度?[^\n。，,；;\d]{0,12}?",
        r"(?:工作总结|工作计划|述职报告|工作要点)[^\n。，,；;]{0,6}$"
    )),
    relative_before: re(r"(明年|来年|去年|上年)(?:是|为|,|，)?\z"),
});

/// The character before `pos` is not one of `chars` nor (with `digits`) a Python `\d`:
/// a negative look-behind of one character.
pub(crate) fn not_after(text: &str, pos: usize, chars: &str, digits: bool) -> bool {
    match prev_char(text, pos) {
        None => true,
        Some(c) => !(chars.contains(c) || (digits && is_pd(c))),
    }
}

// ------------------------------------------------------------------ records
/// Twin of `PeriodResolution` (loaders/records.py).
#[derive(Clone, Debug)]
pub(crate) struct Period {
    pub(crate) year: Option<i64>,
    pub(crate) ptype: String,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) reason: String,
}

impl Period {
    /// Twin of `PeriodResolution.label`.
    pub(crate) fn label(&self) -> Option<String> {
        let y = self.year?;
        Some(match self.ptype.as_str() {
            "year" => y.to_string(),
            "half" => format!("{}H{}", y, if self.start == 1 { 1 } else { 2 }),
            "quarter" => format!("{}Q{}", y, (self.start - 1).div_euclid(3) + 1),
            _ => format!("{}-{:02}..{}-{:02}", y, self.start, y, self.end),
        })
    }
}

/// A `collections.Counter` of years: insertion-ordered counts.
#[derive(Default, Clone)]
struct Counter {
    items: Vec<(i64, i64)>,
}

impl Counter {
    fn add(&mut self, key: i64, n: i64) {
        match self.items.iter_mut().find(|(k, _)| *k == key) {
            Some(item) => item.1 += n,
            None => self.items.push((key, n)),
        }
    }
    fn get(&self, key: i64) -> i64 {
        self.items.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n)
    }
    fn len(&self) -> usize {
        self.items.len()
    }
    fn keys(&self) -> impl Iterator<Item = i64> + '_ {
        self.items.iter().map(|(k, _)| *k)
    }
    /// `set(counter) <= set(allowed)`
    fn keys_within(&self, allowed: &[i64]) -> bool {
        self.keys().all(|k| allowed.contains(&k))
    }
    /// `Counter.most_common()`: by count, ties in insertion order.
    fn most_common(&self) -> Vec<(i64, i64)> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| b.1.cmp(&a.1));
        v
    }
}

// ------------------------------------------------------------------ helpers
/// Twin of `_small_number`: a month or quarter number, Arabic or Chinese.
pub(crate) fn small_number(text: &str) -> i64 {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().unwrap();
    }
    match text {
        "一" => 1,
        "二" | "两" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        _ => panic!("not a month number: {}", text),
    }
}

/// Twin of `_months(...).period_type`.
pub(crate) fn months_type(start: i64, end: i64) -> &'static str {
    if start == 1 && end == 12 {
        "year"
    } else if (start, end) == (1, 6) || (start, end) == (7, 12) {
        "half"
    } else if start % 3 == 1 && end == start + 2 {
        "quarter"
    } else {
        "months"
    }
}

/// Twin of `_debris_spans`: short lines of page furniture.
fn debris_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let end = pos + line.len();
        if char_len(line) <= 120 && P.debris_line.is_match(line) {
            spans.push((pos, end));
        }
        pos = end + 1;
    }
    spans
}

/// Twin of `_blank`: spans (byte offsets into `text`) replaced by as many spaces as they
/// hold characters.
pub(crate) fn blank(text: &str, spans: &[(usize, usize)]) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (start, end) in sorted {
        if end <= pos {
            continue;
        }
        let start = start.max(pos);
        out.push_str(&text[pos..start]);
        out.extend(std::iter::repeat(' ').take(char_len(&text[start..end])));
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Twin of `_occurrences`: spans of `words` in `text`, left to right, not overlapping.
fn occurrences(text: &str, words: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if words.is_empty() {
        return spans;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(words) {
        let at = from + i;
        spans.push((at, at + words.len()));
        from = at + words.len();
    }
    spans
}

// ------------------------------------------------------------------ political calendar
enum Matcher {
    Plain(Regex),
    Fancy(fancy_regex::Regex),
}

/// Twin of `_CalendarCue` (its `needs` are the calendar's).
struct Cue {
    matcher: Matcher,
    year: i64,
    exact: bool,
}

impl Cue {
    /// `cue.pattern.search(text)`: the span of its first match.
    fn search(&self, text: &str) -> Option<(usize, usize)> {
        match &self.matcher {
            Matcher::Plain(r) => r.find(text).map(|m| (m.start(), m.end())),
            Matcher::Fancy(r) => match r.find(text) {
                Ok(found) => found.map(|m| (m.start(), m.end())),
                Err(e) => panic!("calendar cue {}: {}", r.as_str(), e),
            },
        }
    }
}

/// The cues, each with the shortcuts that skip its search where it cannot match: the
/// characters every match holds (`_CalendarCue.needs` in Python), and for a cue with
/// look-arounds (searched by fancy-regex, which tries it at every position) the cue
/// without them, a pattern that matches wherever the cue does, searched first.
struct Calendar {
    cues: Vec<Cue>,
    needs: Vec<Vec<char>>,
    relaxed: Vec<Option<Regex>>,
}

impl Calendar {
    fn new(cues: Vec<Cue>, patterns: &[String]) -> Calendar {
        let mut needs = Vec::new();
        let mut relaxed = Vec::new();
        for (cue, pattern) in cues.iter().zip(patterns) {
            let plain = without_lookaround(pattern).map(|p| py(&p));
            needs.push(plain.as_deref().map_or_else(Vec::new, required_chars));
            relaxed.push(match cue.matcher {
                Matcher::Fancy(_) => plain.and_then(|p| Regex::new(&p).ok()),
                Matcher::Plain(_) => None,
            });
        }
        Calendar { cues, needs, relaxed }
    }
}

/// Characters that every match of `pattern` (with no look-around) holds, as
/// `required_chars` (loaders/marks.py) reads them: a literal's, a group's, those every
/// branch of an alternation holds, a repetition's that matches at least once; none when
/// the pattern cannot be read.
fn required_chars(pattern: &str) -> Vec<char> {
    use regex_syntax::hir::{Hir, HirKind, Literal, RepetitionKind, RepetitionRange};
    use std::collections::BTreeSet;
    fn required(h: &Hir) -> BTreeSet<char> {
        match h.kind() {
            HirKind::Literal(Literal::Unicode(c)) => BTreeSet::from([*c]),
            HirKind::Group(g) => required(&g.hir),
            HirKind::Concat(hs) => hs.iter().flat_map(required).collect(),
            HirKind::Alternation(hs) => {
                let mut each = hs.iter().map(required);
                let first = each.next().unwrap_or_default();
                each.fold(first, |all, one| &all & &one)
            }
            HirKind::Repetition(r) => match r.kind {
                RepetitionKind::OneOrMore
                | RepetitionKind::Range(RepetitionRange::Exactly(1..))
                | RepetitionKind::Range(RepetitionRange::AtLeast(1..))
                | RepetitionKind::Range(RepetitionRange::Bounded(1.., _)) => required(&r.hir),
                _ => BTreeSet::new(),
            },
            _ => BTreeSet::new(),
        }
    }
    match regex_syntax::Parser::new().parse(pattern) {
        Ok(hir) => required(&hir).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

/// `set(text)` for the cues' needs: a bit for each character of the Basic Multilingual
/// Plane; one beyond it is looked for in the text.
struct Present<'t> {
    bits: Vec<u64>,
    text: &'t str,
}

impl<'t> Present<'t> {
    fn new(text: &'t str) -> Present<'t> {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in text.chars() {
            let n = c as usize;
            if n < 0x10000 {
                bits[n / 64] |= 1 << (n % 64);
            }
        }
        Present { bits, text }
    }
    fn has(&self, c: char) -> bool {
        let n = c as usize;
        if n < 0x10000 {
            self.bits[n / 64] >> (n % 64) & 1 == 1
        } else {
            self.text.contains(c)
        }
    }
}

/// `pattern` without its look-around groups (`(?<!…)`, `(?=…)`, …): it matches wherever
/// the pattern does. None when it holds a back reference or cannot be read.
fn without_lookaround(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let n = *chars.get(i + 1)?;
            if n.is_ascii_digit() || n == 'k' {
                return None;
            }
            out.push(c);
            out.push(n);
            i += 2;
            continue;
        }
        if in_class {
            if c == ']' {
                in_class = false;
            }
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            in_class = true;
            out.push(c);
            i += 1;
            if chars.get(i) == Some(&'^') {
                out.push('^');
                i += 1;
            }
            if chars.get(i) == Some(&']') {
                out.push(']');
                i += 1;
            }
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if rest.starts_with("(?P=") {
            return None;
        }
        if rest.starts_with("(?=") || rest.starts_with("(?!") || rest.starts_with("(?<=") || rest.starts_with("(?<!") {
            // skip to the matching parenthesis
            let mut depth = 0;
            let mut j = i;
            let mut cls = false;
            loop {
                let d = *chars.get(j)?;
                if d == '\\' {
                    j += 2;
                    continue;
                }
                if cls {
                    if d == ']' {
                        cls = false;
                    }
                } else if d == '[' {
                    cls = true;
                    if chars.get(j + 1) == Some(&'^') {
                        j += 1;
                    }
                    if chars.get(j + 1) == Some(&']') {
                        j += 1;
                    }
                } else if d == '(' {
                    depth += 1;
                } else if d == ')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                j += 1;
            }
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Some(out)
}

static CALENDAR: OnceCell<Calendar> = OnceCell::new();

/// The cues of `political_calendar()`, compiled: a pattern with a look-around or a back
/// reference by fancy-regex, any other by the `regex` crate (`\d`, `\s` as Python's).
fn compile_cue(pattern: &str, year: i64, exact: bool) -> Result<Cue, String> {
    let translated = py(pattern);
    let fancy = without_lookaround(pattern).as_deref() != Some(pattern);
    let matcher = if fancy {
        let mut builder = fancy_regex::RegexBuilder::new(&translated);
        builder.backtrack_limit(100_000_000);
        Matcher::Fancy(builder.build().map_err(|e| format!("{}: {}", pattern, e))?)
    } else {
        Matcher::Plain(Regex::new(&translated).map_err(|e| format!("{}: {}", pattern, e))?)
    };
    Ok(Cue { matcher, year, exact })
}

/// Twin of `_calendar_year`: the one year fixed by calendar cues, if they agree.
fn calendar_year(text: &str, calendar: &Calendar) -> (Option<i64>, String) {
    let mut exact: Vec<(i64, String)> = Vec::new();
    let mut bounds: Vec<(i64, String)> = Vec::new();
    let present = Present::new(text);
    for ((cue, needs), relaxed) in calendar.cues.iter().zip(&calendar.needs).zip(&calendar.relaxed) {
        if !needs.iter().all(|&c| present.has(c)) || relaxed.as_ref().map_or(false, |r| !r.is_match(text)) {
            continue; // a character every match holds is missing, or the cue without its look-arounds has no match
        }
        let Some((s, e)) = cue.search(text) else { continue };
        // `明年是“十四五”开局之年`: the year after the report's is the one named
        let window = &text[back(text, s, 4)..s];
        let said = P.relative_before.search_to_end(window);
        let shift = match said.as_ref().and_then(|c| c.group(1)).map(|(a, b)| &window[a..b]) {
            Some("明年") | Some("来年") => 1,
            Some("去年") | Some("上年") => -1,
            _ => 0,
        };
        let map = if cue.exact { &mut exact } else { &mut bounds };
        let key = cue.year - shift;
        if !map.iter().any(|(k, _)| *k == key) {
            map.push((key, text[s..e].to_string()));
        }
    }
    if exact.len() != 1 {
        if exact.is_empty() {
            return (None, String::new());
        }
        let said: Vec<String> = exact.iter().map(|(k, v)| format!("{}={}", v, k)).collect();
        return (None, format!("calendar cues disagree: {}", said.join(", ")));
    }
    let (year, words) = exact[0].clone();
    let late: Vec<String> =
        bounds.iter().filter(|(k, _)| *k > year).map(|(k, v)| format!("{}={}", v, k)).collect();
    if !late.is_empty() {
        return (None, format!("calendar cue {}={} contradicted by {}", words, year, late.join(", ")));
    }
    (Some(year), format!("calendar cue {}={}", words, year))
}

// ------------------------------------------------------------------ plan sections
/// A match of `_PLAN_HEADING` (the groups `plan_sections` reads).
pub(crate) struct PlanMatch {
    start: usize,
    end: usize,
    num: Option<(usize, usize)>,
    review: bool,
    bare: bool,
    goal: bool,
    own_line: bool,
    run_in: bool,
}

pub(crate) fn skip_hspace(text: &str, mut pos: usize) -> usize {
    while let Some(c) = next_char(text, pos) {
        if c == ' ' || c == '\t' || c == '　' {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

/// `[一二三四五六七八九十]` of the patterns.
pub(crate) const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// `_NUMBERING.match(text, p)`: its end. `[一二三四五六七八九十]+[、.．]`,
/// `[（(][一二三四五六七八九十]+[）)]` or `\d{1,2}[、.．]`: each can match one way only.
pub(crate) fn numbering_end(text: &str, p: usize) -> Option<usize> {
    let numeral = |c: char| NUMERALS.contains(&c);
    let mut it = text[p..].char_indices();
    let (_, c0) = it.next()?;
    let run_end = |from: usize| {
        let mut e = from;
        while let Some(c) = next_char(text, e) {
            if !numeral(c) {
                break;
            }
            e += c.len_utf8();
        }
        e
    };
    if numeral(c0) {
        let e = run_end(p);
        return match next_char(text, e) {
            Some(c @ ('、' | '.' | '．')) => Some(e + c.len_utf8()),
            _ => None,
        };
    }
    if c0 == '（' || c0 == '(' {
        let a = p + c0.len_utf8();
        let e = run_end(a);
        if e == a {
            return None;
        }
        return match next_char(text, e) {
            Some(c @ ('）' | ')')) => Some(e + c.len_utf8()),
            _ => None,
        };
    }
    if is_pd(c0) {
        let mut e = p + c0.len_utf8();
        if let Some(c1) = next_char(text, e) {
            if is_pd(c1) {
                // \d{1,2} is greedy; with one digit the next character is a digit, no delimiter
                e += c1.len_utf8();
            }
        }
        return match next_char(text, e) {
            Some(c @ ('、' | '.' | '．')) => Some(e + c.len_utf8()),
            _ => None,
        };
    }
    None
}

/// Whether one of the words every match of `plan_core` holds comes after `q` before the
/// first of 。，,；; (which no part of the pattern reads): each alternative ends in a
/// `_PLAN_WORD`, `_PLAN_STRICT`, `重点工作|重点任务|主要任务` or `_GOAL_HEADING`, and each of
/// those holds one of these words. Most places a heading may start hold none.
fn holds_plan_word(text: &str, q: usize) -> bool {
    const WORDS: [&str; 11] = ["计划", "打算", "思路", "安排", "重点", "要点", "设想", "谋划", "方案", "任务", "目标"];
    for (i, c) in text[q..].char_indices() {
        match c {
            '。' | '，' | ',' | '；' | ';' => return false,
            '计' | '打' | '思' | '安' | '重' | '要' | '设' | '谋' | '方' | '任' | '目' => {
                if WORDS.iter().any(|w| text[q + i..].starts_with(w)) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Twin of `_PLAN_HEADING.match(text, q)`. Its anchor `(?:^|(?<=\n)|(?<=。)|(?<=[ \t　])(?=
/// _NUMBERING))` is checked here; its main alternatives are `plan_core`; its tail
/// `(?P<own_line>[ \t　]*[:：]?[ \t　]*(?:\n|$))?(?P<run_in>(?(own_line)(?!)|[ \t　]*[:：]))?`
/// never fails, so it is read after them: the line's end (or the text's) after spaces and
/// a colon, else a colon after spaces.
pub(crate) fn plan_heading_at(text: &str, q: usize) -> Option<PlanMatch> {
    let anchored = q == 0
        || match prev_char(text, q) {
            Some('\n') | Some('。') => true,
            Some(' ') | Some('\t') | Some('　') => numbering_end(text, q).is_some(),
            _ => false,
        };
    if !anchored || !holds_plan_word(text, q) {
        return None;
    }
    let c = P.plan_core.caps_at(&text[q..], 0)?;
    let e = q + c.end();
    let mut f = skip_hspace(text, e);
    if let Some(ch @ (':' | '：')) = next_char(text, f) {
        f += ch.len_utf8();
    }
    f = skip_hspace(text, f);
    let (own_line, mut end) = if f == text.len() {
        (true, f)
    } else if text.as_bytes()[f] == b'\n' {
        (true, f + 1)
    } else {
        (false, e)
    };
    let mut run_in = false;
    if !own_line {
        let g = skip_hspace(text, e);
        if let Some(ch @ (':' | '：')) = next_char(text, g) {
            run_in = true;
            end = g + ch.len_utf8();
        }
    }
    Some(PlanMatch {
        start: q,
        end,
        num: c.span("num").map(|(a, b)| (q + a, q + b)),
        review: c.has("review"),
        bare: c.has("bare"),
        goal: c.has("goal"),
        own_line,
        run_in,
    })
}

/// Twin of `_ANY_HEADING.match(text, q)` where its anchor holds: the span of `num`
/// (`[ \t　]*` gives back no space: `_NUMBERING` starts with none).
fn any_heading_at(text: &str, q: usize) -> Option<(usize, usize)> {
    let p = skip_hspace(text, q);
    numbering_end(text, p).map(|e| (p, e))
}

/// Twin of `mark_positions`: the offsets of each character of `marks` in `text`, sorted.
/// The characters whose first byte is a mark's are found by memchr, three bytes at a time
/// (the first byte of a character's UTF-8 is never inside another's), the runs merged.
pub(crate) fn mark_positions(text: &str, marks: &[char]) -> Vec<usize> {
    let mut firsts: Vec<u8> = marks.iter().map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0]).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let bytes = text.as_bytes();
    let mut out: Vec<usize> = Vec::new();
    for three in firsts.chunks(3) {
        let byte = |k: usize| three[k.min(three.len() - 1)];
        let found = memchr::memchr3_iter(byte(0), byte(1), byte(2), bytes)
            .filter(|&i| marks.contains(&next_char(text, i).expect("a first byte starts a character")));
        if out.is_empty() {
            out.extend(found);
        } else {
            out = merge(&out, found);
        }
    }
    out
}

/// Offsets right after each character of `marks` in `text` (`mark_positions` + 1).
fn after_marks(text: &str, marks: &[char]) -> Vec<usize> {
    mark_positions(text, marks).into_iter().map(|i| step(text, i)).collect()
}

/// The offsets of two ascending runs, in one ascending run.
fn merge(a: &[usize], b: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len());
    let mut k = 0;
    for x in b {
        while k < a.len() && a[k] < x {
            out.push(a[k]);
            k += 1;
        }
        out.push(x);
    }
    out.extend_from_slice(&a[k..]);
    out
}

/// Twin of `marks.finditer_after`: the matches `at` finds at the text's start and right
/// after each character of `marks`, left to right, each tried only from where the one
/// before it ended (`end`), as `pattern.finditer` would find them. (Python tries every
/// place once per text; a try is the same wherever it is made, so here the places
/// before the last match's end are not tried.)
pub(crate) fn finditer_after<M>(
    text: &str,
    marks: &[char],
    at: impl Fn(usize) -> Option<M>,
    end: impl Fn(&M) -> usize,
) -> Vec<M> {
    let mut found = Vec::new();
    let mut pos = 0;
    if let Some(m) = at(0) {
        pos = end(&m);
        found.push(m);
    }
    for q in after_marks(text, marks) {
        if q < pos {
            continue;
        }
        if let Some(m) = at(q) {
            pos = end(&m);
            found.push(m);
        }
    }
    found
}

pub(crate) fn bisect_left(starts: &[usize], x: usize, lo: usize) -> usize {
    lo + starts[lo.min(starts.len())..].partition_point(|&s| s < x)
}

/// The tries of `_ANY_HEADING` after `\n` and `。` (`finditer_after(_ANY_HEADING, text, "\n。",
/// pos)`), for the report's period and the facts' sections alike: (start, num span).
pub(crate) struct AnyHeadings {
    starts: Vec<usize>,
    nums: Vec<(usize, usize)>,
    first: Option<(usize, usize)>, // the match at 0
}

impl AnyHeadings {
    /// `_tries_after(_ANY_HEADING, text, "\n。")`, and `_ANY_HEADING.match(text, 0)`.
    pub(crate) fn new(text: &str) -> AnyHeadings {
        let mut starts = Vec::new();
        let mut nums = Vec::new();
        for q in after_marks(text, &['\n', '。']) {
            if let Some(num) = any_heading_at(text, q) {
                starts.push(q);
                nums.push(num);
            }
        }
        AnyHeadings { starts, nums, first: any_heading_at(text, 0) }
    }
    /// The matches from `pos` on: (start, num span).
    pub(crate) fn from(&self, pos: usize) -> Vec<(usize, (usize, usize))> {
        let mut out = Vec::new();
        let mut pos = pos;
        if pos == 0 {
            if let Some(num) = self.first {
                out.push((0, num));
                pos = num.1;
            }
        }
        let mut k = bisect_left(&self.starts, pos, 0);
        while k < self.starts.len() {
            out.push((self.starts[k], self.nums[k]));
            k = bisect_left(&self.starts, self.nums[k].1, k + 1);
        }
        out
    }
    /// The `num` start of the first match from `pos` (> 0) whose numbering passes `keep`.
    pub(crate) fn first_where(&self, text: &str, pos: usize, keep: impl Fn(&str) -> bool) -> Option<usize> {
        let mut k = bisect_left(&self.starts, pos, 0);
        while k < self.starts.len() {
            let (a, b) = self.nums[k];
            if keep(numbering_class(&text[a..b])) {
                return Some(a);
            }
            k = bisect_left(&self.starts, b, k + 1);
        }
        None
    }
}

/// Twin of `_numbering_class`.
pub(crate) fn numbering_class(num: &str) -> &'static str {
    match num.chars().next() {
        None => "",
        Some('（') | Some('(') => "paren",
        Some(c) if is_pd(c) => "arabic",
        Some(_) => "chinese",
    }
}

/// Twin of `_heading_line`: from `start` to its line's end or first `。`, 40 characters
/// at most, stripped.
pub(crate) fn heading_line(text: &str, start: usize) -> &str {
    let mut stop = text.len();
    for ch in ['\n', '。'] {
        if let Some(i) = text[start..].find(ch) {
            stop = stop.min(start + i);
        }
    }
    let end = stop.min(fwd(text, start, 40));
    py_strip(&text[start..end])
}

/// Twin of `plan_sections`: (start, end, heading) of the sections that plan a later period.
pub(crate) fn plan_sections(text: &str) -> Vec<(usize, usize, String)> {
    // finditer_after(_PLAN_HEADING, text, _HEADING_AFTER)
    let found = finditer_after(text, &['\n', '。', ' ', '\t', '　'], |q| plan_heading_at(text, q), |m| m.end);
    let headings: Vec<PlanMatch> = found
        .into_iter()
        .filter(|m| {
            (m.num.is_some() || ((m.own_line || m.run_in) && !(m.bare || m.goal)))
                && (m.review || !P.not_plan_heading.is_match(heading_line(text, m.start)))
        })
        .collect();
    let mut any: Option<AnyHeadings> = None;
    let mut sections: Vec<(usize, usize, String)> = Vec::new();
    for m in headings {
        let start = skip_hspace(text, m.start).min(m.end);
        let mut end = text.len();
        if let Some((a, b)) = m.num {
            let top = numbering_class(&text[a..b]);
            let any = any.get_or_insert_with(|| AnyHeadings::new(text));
            if let Some(at) = any.first_where(text, m.end, |c| c == top) {
                end = at;
            }
        }
        if m.end <= end {
            if let Some((ts, _)) = P.page_tail.find_at(&text[..end], m.end) {
                end = match text[m.end..ts].rfind('\n') {
                    Some(i) => m.end + i + 1,
                    None => ts,
                };
            }
        }
        if let Some(last) = sections.last() {
            if start < last.1 {
                continue;
            }
        }
        sections.push((start, end, heading_line(text, start).to_string()));
    }
    sections
}

// ------------------------------------------------------------------ document period
/// Twin of `_Evidence`.
struct Evidence {
    frames: Counter,
    leads: Counter,
    mentions: Counter,
    relative: Counter,
    masked: bool,
}

/// `{_YEAR}` at `q`: its end.
pub(crate) fn year_at(s: &str, q: usize) -> Option<usize> {
    let mut it = s[q..].char_indices();
    let (_, a) = it.next()?;
    let (_, b) = it.next()?;
    let (_, c) = it.next()?;
    let (i, d) = it.next()?;
    let ok = (a == '1' && b == '9' && ('5'..='9').contains(&c) && is_pd(d))
        || (a == '2' && b == '0' && ('0'..='4').contains(&c) && is_pd(d));
    if ok {
        Some(q + i + d.len_utf8())
    } else {
        None
    }
}

/// `{_YEAR}\s?年` at `q`: (end of the year, end of 年).
pub(crate) fn year_nian_at(s: &str, q: usize) -> Option<(usize, usize)> {
    let y = year_at(s, q)?;
    let mut t = y;
    if let Some(c) = next_char(s, t) {
        if is_py_space(c) && next_char(s, t + c.len_utf8()) == Some('年') {
            t += c.len_utf8();
        }
    }
    if next_char(s, t) == Some('年') {
        Some((y, t + '年'.len_utf8()))
    } else {
        None
    }
}

/// The first match from `pos` of `_YEAR_WORD` without its look-arounds,
/// `(?P<y>{Y})\s?年(?P<du>度)?`: (start, end of `y`, end, start of `du`). A year starts
/// with an ASCII 1 or 2: only there is it tried.
fn year_word_from(text: &str, pos: usize) -> Option<(usize, usize, usize, Option<usize>)> {
    let bytes = text.as_bytes();
    let mut s = pos;
    loop {
        s += memchr::memchr2(b'1', b'2', &bytes[s..])?;
        if let Some((y, e)) = year_nian_at(text, s) {
            let du = (next_char(text, e) == Some('度')).then_some(e);
            return Some((s, y, du.map_or(e, |d| d + '度'.len_utf8()), du));
        }
        s += 1;
    }
}

/// `_YEAR_WORD.finditer(text)`: (start, end, year) of each match. The look-behind
/// `(?<![\d.\-－—–~～至到])` is checked at the start; the look-ahead `(?![\d\-－—–~～])`
/// at the end, where a refused `年度` is tried again as `年` (followed by 度, never refused).
pub(crate) fn year_words(text: &str) -> Vec<(usize, usize, i64)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let refused_after = |at: usize| match next_char(text, at) {
        Some(c) => is_pd(c) || "-－—–~～".contains(c),
        None => false,
    };
    while let Some((s, y, mut e, du)) = year_word_from(text, pos) {
        if !not_after(text, s, ".-－—–~～至到", true) {
            pos = step(text, s);
            continue;
        }
        if refused_after(e) {
            match du {
                Some(a) => e = a,
                None => {
                    pos = step(text, s);
                    continue;
                }
            }
        }
        out.push((s, e, py_int(&text[s..y])));
        pos = e;
    }
    out
}

/// Twin of `_opens_paragraph`.
fn opens_paragraph(text: &str, pos: usize) -> bool {
    let start = back(text, pos, 12);
    let window = format!("{}{}", if start == 0 { "\n" } else { "" }, &text[start..pos]);
    P.paragraph_start.search_to_end(&window).is_some()
}

/// Whether `text` holds one of x X * ＊ ×: every match of `{MASKED}` holds one (its years
/// are masked by them), and most texts hold none, so the patterns need not be searched.
fn holds_mask(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'x', b'X', b'*', bytes).is_some()
        || ["＊", "×"].iter().any(|m| memchr::memmem::find(bytes, m.as_bytes()).is_some())
}

/// `_MASKED_FRAME.search(text)` is not None (the look-behind `(?<![0-9A-Za-z])` of its
/// first branch checked at each start).
fn masked_frame(text: &str) -> bool {
    if !holds_mask(text) {
        return false;
    }
    if P.masked_frame_2.is_match(text) {
        return true;
    }
    let mut pos = 0;
    while let Some((s, _)) = P.masked_frame_1.find_at(text, pos) {
        if !prev_char(text, s).map_or(false, |c| c.is_ascii_alphanumeric()) {
            return true;
        }
        pos = step(text, s);
    }
    false
}

/// `_ANY_MASKED_YEAR.search(text)` is not None.
fn any_masked_year(text: &str) -> bool {
    if !holds_mask(text) {
        return false;
    }
    let mut pos = 0;
    while let Some((s, _)) = P.any_masked_year.find_at(text, pos) {
        if !prev_char(text, s).map_or(false, |c| c.is_ascii_alphanumeric()) {
            return true;
        }
        pos = step(text, s);
    }
    false
}

/// `_SPEAKS_AFTER_THE_YEAR.search(text)` is not None (its last branch's look-ahead
/// `(?=[，,]|[里来]|我们)` checked after each match of `过去(?:的)?一年`).
pub(crate) fn speaks_after_the_year(text: &str) -> bool {
    if P.speaks_after_12.is_match(text) {
        return true;
    }
    let mut pos = 0;
    while let Some((s, e)) = P.speaks_after_3.find_at(text, pos) {
        let rest = &text[e..];
        if rest.starts_with(['，', ',', '里', '来']) || rest.starts_with("我们") {
            return true;
        }
        pos = step(text, s);
    }
    false
}

/// Twin of `_gather`: year evidence of the body outside plan sections and page furniture.
fn gather(body: &str, plans: &[(usize, usize, String)]) -> Evidence {
    let mut hidden = debris_spans(body);
    hidden.extend(plans.iter().map(|(s, e, _)| (*s, *e)));
    hidden.extend(P.year_span.re.find_iter(body).map(|m| (m.start(), m.end())));
    let text = blank(body, &hidden);
    let text = text.as_str();
    let mut frames = Counter::default();
    let mut leads = Counter::default();
    let frame_matches =
        P.frame_year.iter_where(text, |s| not_after(text, s, ".-－—–~～至到和与、", true));
    let heading_matches = P.heading_year.iter(text);
    for m in frame_matches.iter().chain(heading_matches.iter()) {
        let (ya, yb) = m.span("y").unwrap();
        if P.future_frame.is_match(&text[yb..]) {
            continue; // `2020年，我将着力抓好…`: the plan after the review, not its year
        }
        let year = py_int(&text[ya..yb]);
        frames.add(year, 1);
        if opens_paragraph(text, ya) {
            leads.add(year, 1);
        }
    }
    let mut mentions = Counter::default();
    let mut relative = Counter::default();
    for (s, e, year) in year_words(text) {
        let before = &text[back(text, s, 12)..s];
        let after = &text[e..fwd(text, e, 14)];
        if P.future_after.is_match(after) || P.future_before.search_to_end(before).is_some() {
            relative.add(year - 1, 1);
        } else if P.compare_before.search_to_end(before).is_some() {
            relative.add(year + 1, 1);
        } else if P.baseline_before.search_to_end(before).is_some() {
            continue;
        } else {
            mentions.add(year, 1);
        }
    }
    for m in P.doc_number_year.iter(text) {
        mentions.add(py_int(m.str(text, "y").unwrap()), 1);
    }
    for m in P.upto_report.iter(text) {
        mentions.add(py_int(m.str(text, "y").unwrap()), 1);
    }
    Evidence { frames, leads, mentions, relative, masked: masked_frame(text) }
}

/// Twin of `_first_body_offset`: characters of white space the text opens with.
fn first_body_offset(text: &str) -> usize {
    text.chars().take_while(|c| is_py_space(*c)).count()
}

/// `body[:_OPENING_CHARS + _first_body_offset(body)]`
fn opening_of(body: &str) -> &str {
    &body[..fwd(body, 0, 400 + first_body_offset(body))]
}

/// Twin of `_title_line`.
fn title_line(text: &str) -> Option<&str> {
    for line in text.split('\n') {
        let line = py_strip(line);
        if line.is_empty() || (char_len(line) <= 120 && P.debris_line.is_match(line)) {
            continue;
        }
        if char_len(line) <= 60 && P.title_word.is_match(line) && !P.title_stop.is_match(line) {
            return Some(line);
        }
        return None;
    }
    None
}

/// Twin of `_title_year`.
fn title_year(title: Option<&str>) -> (Option<i64>, String) {
    let Some(title) = title.filter(|t| !t.is_empty()) else { return (None, String::new()) };
    let mut review = Vec::new();
    let mut plan = Vec::new();
    for m in P.title_year.iter(title) {
        let rest = m.str(title, "rest").unwrap();
        let year = py_int(m.str(title, "y").unwrap());
        if P.plan_title.is_match(rest) {
            plan.push(year);
        } else {
            review.push(year);
        }
    }
    if let Some(&y) = review.first() {
        return (Some(y), format!("title year {}", y));
    }
    if let Some(&y) = plan.first() {
        if P.review_word.is_match(title) {
            return (Some(y - 1), format!("title plans {} after its review", y));
        }
        return (Some(y), format!("title plan year {}", y));
    }
    (None, String::new())
}

/// Twin of `is_plan_title`.
fn is_plan_title(title: Option<&str>) -> bool {
    match title {
        None | Some("") => false,
        Some(t) => P.plan_word.is_match(t) && !P.review_word.is_match(t) && !t.contains("规划"),
    }
}

/// Twin of `_SAME_YEAR_REVIEW_PLAN.search(title)`: the review year's text. The back
/// reference `(?P=review)` is the plan year written as the review's: the plan year
/// starts at the first digit after the review year whatever path the match takes, so a
/// match whose plan year differs is no match at its start.
fn same_year_review_plan(title: &str) -> Option<&str> {
    let mut pos = 0;
    while let Some(c) = P.same_year_review_plan.caps_at(title, pos) {
        let review = c.str(title, "review").unwrap();
        if c.str(title, "plan").unwrap() == review {
            return Some(review);
        }
        pos = step(title, c.start());
    }
    None
}

/// Twin of `_host_written`: why the year found is the host site's; '' when nothing shows it.
fn host_written(found: &Period, body: &str, title: Option<&str>, masked: bool, stamps: &[(i64, i64)]) -> String {
    let year = found.year.unwrap();
    if !stamps.is_empty() && !is_plan_title(title) {
        let (y, m) = *stamps.iter().max().unwrap();
        if (y, m) < (year, found.end - 1) {
            return format!(
                "host-written year {}: a review of {} dated {}-{:02} by the page",
                year,
                found.label().unwrap(),
                y,
                m
            );
        }
    }
    let ys = year.to_string();
    let amounts = P.amount.iter_where(body, |s| {
        // (?<![\d.]) of the first branch (which opens with a digit, the second with a bracket)
        !next_char(body, s).map_or(false, is_pd) || not_after(body, s, ".", true)
    });
    for amount in amounts {
        let digits = amount.str(body, "n").or_else(|| amount.str(body, "d")).unwrap();
        if digits.starts_with(&ys) || digits.ends_with(&ys) {
            let what = if amount.has("n") { "the amount" } else { "the document number" };
            return format!(
                "host-written year {}: spliced into {} {}",
                year,
                what,
                &body[amount.start()..amount.end()]
            );
        }
    }
    if let Some(review) = same_year_review_plan(title.unwrap_or("")) {
        if py_int(review) == year && (masked || any_masked_year(body)) {
            return format!(
                "host-written year {}: the title sums up and plans it while the body masks its years",
                year
            );
        }
    }
    String::new()
}

/// Twin of `_plan_heading_year`.
fn plan_heading_year(plans: &[(usize, usize, String)]) -> (Option<i64>, String) {
    for (_, _, heading) in plans {
        if let Some(c) = P.plan_core.caps_at(heading, 0) {
            if let Some(y) = c.str(heading, "y") {
                let year = py_int(y);
                let short = &heading[..fwd(heading, 0, 20)];
                return (Some(year - 1), format!("plan heading '{}' follows the review", short));
            }
        }
    }
    (None, String::new())
}

/// Twin of `_report_kind`: period_type, start and end month, the words that said so.
fn report_kind(title: Option<&str>, body: &str) -> (String, i64, i64, String) {
    let opening = format!("{}\n{}", title.unwrap_or(""), opening_of(body));
    let o = opening.as_str();
    let mut found: Vec<(usize, String, i64, i64, String)> = Vec::new();
    // every match of a kind's pattern holds its word (季度, 半年, 月): without it, no search
    let search = |word: &str, pattern: &'static Re| if o.contains(word) { pattern.caps_at(o, 0) } else { None };
    if let Some(m) = search("季度", &P.quarter_report) {
        let q = small_number(m.str(o, "q").or(m.str(o, "q2")).or(m.str(o, "q3")).unwrap());
        let words = o[m.start()..m.end()].to_string();
        if m.has("front") || m.has("front2") || m.has("front3") {
            found.push((m.start(), "months".into(), 1, 3 * q, words));
        } else {
            found.push((m.start(), "quarter".into(), 3 * q - 2, 3 * q, words));
        }
    }
    if let Some(m) = search("半年", &P.half_report) {
        let which = m.str(o, "h").or(m.str(o, "h2")).or(m.str(o, "h3")).unwrap();
        let words = o[m.start()..m.end()].to_string();
        if which == "上" {
            found.push((m.start(), "half".into(), 1, 6, words));
        } else {
            found.push((m.start(), "half".into(), 7, 12, words));
        }
    }
    if let Some(m) = search("月", &P.months_report) {
        let (first, last) = if m.has("m1") {
            (m.str(o, "m1").unwrap(), m.str(o, "m2").unwrap())
        } else {
            (m.str(o, "m1b").unwrap(), m.str(o, "m2b").unwrap())
        };
        found.push((m.start(), "months".into(), small_number(first), small_number(last), o[m.start()..m.end()].to_string()));
    }
    if let Some(m) = P.upto_report.caps_at(o, 0) {
        let month = small_number(m.str(o, "m").unwrap());
        if P.so_far.is_match(o) && month < 12 {
            found.push((m.start(), "months".into(), 1, month, o[m.start()..m.end()].to_string()));
        }
    }
    let Some((_, mut ptype, start, end, words)) = found.into_iter().min() else {
        return ("year".into(), 1, 12, String::new());
    };
    if ptype == "months" {
        ptype = months_type(start, end).to_string();
    }
    (ptype, start, end, words)
}

/// Twin of `_later_titles`: spans of the title lines after the first on a page of several
/// reports of other years.
fn later_titles(clean_text: &str) -> Vec<(usize, usize)> {
    // every title holds one of these words, and titles do not overlap: a text that holds
    // them fewer than twice has fewer than two titles
    let words = ["工作总结", "工作计划", "述职报告", "工作要点"];
    let held: usize =
        words.iter().map(|w| memchr::memmem::find_iter(clean_text.as_bytes(), w.as_bytes()).take(2).count()).sum();
    if held < 2 {
        return Vec::new();
    }
    let titles = P.another_title.iter(clean_text);
    let mut years: Vec<&str> = Vec::new();
    for t in &titles {
        let y = t.str(clean_text, "y").unwrap();
        if !years.contains(&y) {
            years.push(y);
        }
    }
    if titles.len() < 2 || years.len() < 2 {
        return Vec::new();
    }
    titles[1..].iter().map(|m| (m.start(), m.end())).collect()
}

/// Twin of `_resolve`: the period by the evidence of the body and title, with the body
/// (title blanked), the title used and whether the body masks its years.
fn resolve(clean_text: &str, title: Option<&str>, calendar: &Calendar) -> (Period, String, Option<String>, bool) {
    let mut body = clean_text.to_string();
    let title: Option<String> = match title {
        Some(t) if !py_strip(t).is_empty() => Some(t.to_string()),
        _ => title_line(clean_text).map(str::to_string),
    };
    let title_ref = title.as_deref().filter(|t| !t.is_empty());
    if let Some(t) = title_ref {
        body = blank(&body, &occurrences(&body, py_strip(t)));
        let later = later_titles(clean_text);
        if !later.is_empty() {
            let offs: Vec<usize> = later.iter().flat_map(|&(s, e)| [s, e]).collect();
            let moved = remap(clean_text, &body, &offs);
            let spans: Vec<(usize, usize)> = moved.chunks(2).map(|p| (p[0], p[1])).collect();
            body = blank(&body, &spans);
        }
    }
    let title = title_ref.map(str::to_string);
    let title = title.as_deref();
    let (ptype, start_m, end_m, kind_words) = report_kind(title, clean_text);
    let kind_note = if kind_words.is_empty() { String::new() } else { format!("; {} report", py_strip(&kind_words)) };

    let plans: Vec<(usize, usize, String)> = plan_sections(&body)
        .into_iter()
        .filter(|s| char_len(py_strip(&body[..s.0])) > 100)
        .collect();
    let ev = gather(&body, &plans);

    let period = |year: Option<i64>, reason: String| Period {
        year,
        ptype: ptype.clone(),
        start: start_m,
        end: end_m,
        reason: reason + &kind_note,
    };
    let found = decide(&body, title, &plans, &ev, calendar, &period);
    (found, body.clone(), title.map(str::to_string), ev.masked)
}

/// The decisions of `_resolve` after the evidence is gathered, in its order.
fn decide(
    body: &str,
    title: Option<&str>,
    plans: &[(usize, usize, String)],
    ev: &Evidence,
    calendar: &Calendar,
    result: &dyn Fn(Option<i64>, String) -> Period,
) -> Period {
    let (title_year, title_reason) = title_year(title);
    if let Some(ty) = title_year {
        if is_plan_title(title) && ev.frames.keys_within(&[ty - 1, ty]) {
            return result(Some(ty), format!("plan for {} by its title", ty));
        }
    }
    if let Some(both) = P.review_and_plan_title.caps_at(title.unwrap_or(""), 0) {
        let t = title.unwrap_or("");
        let review = py_int(both.str(t, "review").unwrap());
        let plan = py_int(both.str(t, "plan").unwrap());
        if plan == review + 1 && ev.frames.keys_within(&[review, plan]) {
            return result(Some(review), format!("review of {} and plan for {} by the title", review, plan));
        }
    }

    let opening = opening_of(body);
    if let Some(said) = P.review_and_plan_said.caps_at(opening, 0) {
        let review = py_int(said.str(opening, "review").unwrap());
        let said_plan = match said.str(opening, "plan") {
            Some(p) => py_int(p),
            None => review + 1,
        };
        if said_plan == review + 1 && ev.frames.keys_within(&[review, said_plan]) {
            return result(
                Some(review),
                format!("sums up {} and sets the tasks of {} by its own words", review, review + 1),
            );
        }
    }
    if ev.frames.len() == 2 {
        let lo = ev.frames.keys().min().unwrap();
        let hi = ev.frames.keys().max().unwrap();
        if hi == lo + 1 && speaks_after_the_year(opening) {
            return result(
                Some(lo),
                format!("sums up last year ({}) and sets this year's tasks by its own words", lo),
            );
        }
    }

    if ev.frames.len() > 0 {
        let mut scores = Counter::default();
        for &(y, n) in &ev.frames.items {
            scores.add(y, 3 * n + 2 * ev.leads.get(y) + ev.mentions.get(y));
        }
        let ranked = scores.most_common();
        let (best, best_score) = ranked[0];
        let mut tied: Vec<i64> = ranked.iter().filter(|(_, s)| *s == best_score).map(|(y, _)| *y).collect();
        if tied.len() > 1 {
            if let Some(ty) = title_year {
                if tied.contains(&ty) {
                    return result(Some(ty), format!("body frames tie, title year {}", ty));
                }
            }
            tied.sort();
            let said: Vec<String> = tied.iter().map(|y| y.to_string()).collect();
            return result(None, format!("body frames contradict: {}", said.join(", ")));
        }
        let mut note = format!("body frames {}", best);
        if let Some(ty) = title_year {
            if ty != best {
                note += &format!(" (title {} disagrees; body wins)", ty);
            }
        }
        return result(Some(best), note);
    }

    let (plan_year, plan_reason) = plan_heading_year(plans);
    if plan_year.is_some() {
        return result(plan_year, plan_reason);
    }
    if let Some(ty) = title_year {
        if P.meeting_title.is_match(title.unwrap_or("")) && speaks_after_the_year(body) {
            let year = ty - 1;
            return result(
                Some(year),
                format!("speech of the {} meeting looking back on the year {}", ty, year),
            );
        }
        if ev.masked || any_masked_year(body) {
            let (named, named_reason) = calendar_year(body, calendar);
            if let Some(named) = named {
                if named != ty {
                    return result(
                        Some(named),
                        format!("{}; the body masks its years, the title's {} is the site's", named_reason, ty),
                    );
                }
            }
        }
        return result(Some(ty), title_reason);
    }
    let title_line = match title {
        Some(t) if !py_strip(t).is_empty() => t,
        _ => body.trim_start_matches(is_py_space).split('\n').next().unwrap(),
    };
    if P.five_year_plan.is_match(title_line) {
        return result(None, "five-year plan: no single year".into());
    }

    let (mut cal_year, mut cal_reason) = calendar_year(body, calendar);
    if cal_year.is_none() {
        if let Some(t) = title {
            (cal_year, cal_reason) = calendar_year(t, calendar);
        }
    }
    if cal_year.is_some() {
        return result(cal_year, cal_reason);
    }

    let dated: Option<(i64, i64, String)> = {
        let speech = P.speech_date.caps_at(opening, 0).map(|c| {
            (
                py_int(c.str(opening, "y").unwrap()),
                small_number(c.str(opening, "m").unwrap()),
                opening[c.start()..c.end()].to_string(),
            )
        });
        speech.or_else(|| {
            let rstripped = char_len(body.trim_end_matches(is_py_space));
            let from = fwd(body, 0, rstripped.saturating_sub(40));
            P.closing_date.caps_at(body, from).map(|c| {
                (
                    py_int(c.str(body, "y").unwrap()),
                    small_number(c.str(body, "m").unwrap()),
                    body[c.start()..c.end()].to_string(),
                )
            })
        })
    };
    if let Some((y, m, words)) = &dated {
        let date = words.trim_matches(|c| "\n ——（(，,".contains(c));
        if *m <= 6 && speaks_after_the_year(body) {
            let year = y - 1;
            return result(Some(year), format!("speech of {} looking back on the year {}", date, year));
        }
        if P.says_this_year.is_match(body) {
            return result(Some(*y), format!("dated {} and speaking of this year", date));
        }
    }

    let mut votes = ev.relative.clone();
    if !ev.masked {
        for &(y, n) in &ev.mentions.items {
            votes.add(y, n);
        }
    }
    if votes.len() > 0 {
        let ranked = votes.most_common();
        let (best, count) = ranked[0];
        let total: i64 = votes.items.iter().map(|(_, n)| n).sum();
        if 2 * count <= total {
            let said: Vec<String> = ranked.iter().take(3).map(|(y, n)| format!("{} x{}", y, n)).collect();
            return result(None, format!("years mentioned disagree: {}", said.join(", ")));
        }
        return result(Some(best), format!("years mentioned: {} x{}", best, count));
    }
    let reasons = [if ev.masked { "masked year".to_string() } else { "no year written".to_string() }, cal_reason];
    let kept: Vec<&str> = reasons.iter().map(String::as_str).filter(|r| !r.is_empty()).collect();
    result(None, kept.join("; "))
}

/// Twin of `resolve_document_period`.
fn resolve_document_period(clean_text: &str, title: Option<&str>, page_dates: &[(i64, i64)], calendar: &Calendar) -> Period {
    let (found, body, title, masked) = resolve(clean_text, title, calendar);
    if found.year.is_some() {
        let veto = host_written(&found, &body, title.as_deref(), masked, page_dates);
        if !veto.is_empty() {
            return Period {
                year: None,
                ptype: found.ptype.clone(),
                start: found.start,
                end: found.end,
                reason: format!("{}; was {}", veto, found.reason),
            };
        }
    }
    found
}

// ------------------------------------------------------------------ Python
/// Takes the cues of `political_calendar()` as (pattern text, event year, exact), once
/// per process (a later call changes nothing).
#[pyfunction]
fn period_init(calendar: Vec<(String, i64, bool)>) -> PyResult<()> {
    crate::guarded(|| init_calendar(calendar))
}

fn init_calendar(calendar: Vec<(String, i64, bool)>) -> PyResult<()> {
    if CALENDAR.get().is_some() {
        return Ok(());
    }
    let cues = calendar
        .iter()
        .map(|(p, y, e)| compile_cue(p, *y, *e))
        .collect::<Result<Vec<_>, _>>()
        .map_err(PyRuntimeError::new_err)?;
    let patterns: Vec<String> = calendar.iter().map(|(p, _, _)| p.clone()).collect();
    let _ = CALENDAR.set(Calendar::new(cues, &patterns));
    Lazy::force(&P);
    Ok(())
}

/// Twin of `resolve_document_period(clean_text, title, page_dates)`: the five fields of the
/// `PeriodResolution` it returns.
#[pyfunction]
fn document_period(
    py: Python<'_>,
    clean_text: &str,
    title: Option<&str>,
    page_dates: Vec<(i64, i64)>,
) -> PyResult<(Option<i64>, String, i64, i64, String)> {
    let calendar = CALENDAR
        .get()
        .ok_or_else(|| PyRuntimeError::new_err("period_init(political calendar) was not called"))?;
    let found = crate::without_gil(py, || resolve_document_period(clean_text, title, &page_dates, calendar))?;
    Ok((found.year, found.ptype, found.start, found.end, found.reason))
}

pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(period_init, m)?)?;
    m.add_function(wrap_pyfunction!(document_period, m)?)?;
    Ok(())
}
