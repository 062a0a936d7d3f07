//! Twin of `FactPeriodResolver` in loaders/period.py (with the helpers it uses there and
//! in loaders/marks.py): the period of each fact of a report.
//!
//! Offsets are byte offsets into the string they index (the spans handed over in code
//! points are turned into bytes once); every window or length Python counts in characters
//! (`SENTENCE_WINDOW`, `start - clause_start <= 3`, `len(gap) > 10`, `heading[:20]`) is
//! counted in characters here. `WindowScan.finditer(prefix, at)` gives the matches of
//! `pattern.finditer(prefix)`, so the prefix is scanned as it is. Every look-around of the
//! Python patterns is a check in code where the pattern is tried.
use once_cell::sync::Lazy;
use pyo3::prelude::*;

use crate::period::{
    back, bisect_left, finditer_after, blank, fwd, heading_line, mark_positions, numbering_class, numbering_end,
    plan_heading_at, plan_sections, py_int, re, re_dfa, skip_hspace, small_number, speaks_after_the_year, step,
    year_nian_at, year_words, months_type, AnyHeadings, Caps, Period, Re, NUMERALS,
};
use crate::py::{char_len, first_chars, is_pd, is_py_space, next_char, prev_char};

const SENTENCE_WINDOW: usize = 500;
const COMMA: &[char] = &[',', '，', ':', '：'];
const CLAUSE_END: &[char] = &[',', '，', ';', '；', ':', '：', '。', '！', '？', '!', '?', '\n'];

struct Pats {
    // _CUE, in parts
    cue_inner: Re,     // range | upto | q3 | quarter | half
    cue_relaxed: Re,   // every match of _CUE starts where this matches (no look-around)
    goal_after_de: Re, // (?:主要)?(?:工作)?(?:目标|任务)[:：] of _REL_YEAR's look-ahead
    // _SPAN, in parts
    span_b1: Re,
    span_b234: Re,
    span_b5: Re,
    span_relaxed: Re,
    compared_base: Re,     // _COMPARED_BASE (`$` as `\z`: a prefix ending in 的 has no line break)
    goal_of: Re,           // _GOAL_OF (match)
    goals_opened: Re,      // _GOALS_OPENED (match)
    to_do_after: Re,       // _TO_DO_AFTER (match)
    yearly_average: Re,    // _YEARLY_AVERAGE (`$`: a prefix holds no line break)
    rel_compare_before: Re, // _REL_COMPARE_BEFORE
    number_char: Re,       // _NUMBER_CHAR
    growth_verb: Re,       // _GROWTH_VERB
    cue_after_year: Re,    // _CUE_AFTER_YEAR (match)
    target_word: Re,       // _TARGET_WORD
    results_open: Re,      // _RESULTS_OPEN (match)
    later_year_to_do: Re,  // _LATER_YEAR_TO_DO (match)
    rises_to: Re,          // _RISES_TO (match)
    from_end: Re,          // _FROM_END (`$`: the clause holds no line break)
    last_year_done: Re,    // _LAST_YEAR_DONE after its look-behind (match)
    this_year_to_do: Re,   // _THIS_YEAR_TO_DO
    signed_date: Re,       // _SIGNED_DATE at a line start (match)
    this_year_heading: Re, // _THIS_YEAR_HEADING at a line start (match)
    year_heading: Re,      // _YEAR_HEADING at a line start, without its look-ahead (match)
    not_plan_heading: Re,  // _NOT_PLAN_HEADING
    page_tail: Re,         // _PAGE_TAIL
    plan_intro: Re,        // _PLAN_INTRO after its anchor (match)
    not_plan_intro: Re,    // _NOT_PLAN_INTRO
    intro_rel: Re,         // _INTRO_REL
    year_span: Re,         // _YEAR_SPAN
    masked_year: Re,       // _MASKED_YEAR
    plan_word: Re,         // _PLAN_WORD
    next_mark: Re,         // _NEXT_MARK
    work_of_a_year: Re,    // _WORK_OF_A_YEAR
    host_year: Re,         // _HOST_YEAR
}

const CUE_INNER: &str = concat!(
    r"^(?:(?P<range>(?P<m1>{M})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2>{M})\s?月(?:份|底|末)?)",
    r"|(?P<upto>(?:截至|截止|截止到|截至到|到|至)\s?(?:目前|今年|{Y}\s?年)?\s?(?P<m3>{M})\s?月(?:份|底|末|中旬|下旬)?)",
    r"|(?P<q3>(?:前|截至|截止|截止到|至)\s?(?P<qn>[一二三1-3])\s?(?:个)?季度(?:末|底)?)",
    r"|(?P<quarter>第?(?P<qq>[一二三四1-4])\s?季度)",
    r"|(?P<half>(?P<hh>上|下)半年))"
);

static Q: Lazy<Pats> = Lazy::new(|| Pats {
    cue_inner: re(CUE_INNER),
    cue_relaxed: re_dfa(concat!(
        r"(?:{Y}\s?年度?|今年|本年|去年|上年|明年|来年)?",
        r"(?:(?:{M})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)|截至|截止|到|至|前|第|[一二三四1-4]\s?季度|上半年|下半年|全年|年度|年底|年末|今年|年初)",
        r"|(?:到|至|力争到|争取到)?{Y}\s?年"
    )),
    goal_after_de: re(r"^(?:主要)?(?:工作)?(?:目标|任务)[:：]"),
    span_b1: re(r"^(?:近|过去)?(?P<n>[两三四五六七八九十]|[2-9]|1\d)\s?年(?:来|以来|间|中|里|累计)"),
    span_b234: re(concat!(
        r"^(?:近(?:[两三四五六七八九十]|[2-9])\s?年",
        r"|“?十[一二三四五六]五”?(?:期间|以来|时期)",
        r"|(?P<since>{Y})\s?年以来)"
    )),
    span_b5: re(r"^(?:任职|到任|履职|上任|就任)以来"),
    span_relaxed: re_dfa(concat!(
        r"(?:近|过去)?(?:[两三四五六七八九十]|[2-9]|1\d)\s?年(?:来|以来|间|中|里|累计)",
        r"|近(?:[两三四五六七八九十]|[2-9])\s?年",
        r"|“?十[一二三四五六]五”?(?:期间|以来|时期)",
        r"|{Y}\s?年以来",
        r"|(?:任职|到任|履职|上任|就任)以来"
    )),
    compared_base: re(concat!(
        r"(?:(?:是|为|相当于)[^，,。；;\d]{0,4}\d{0,4}[^，,。；;\d]{0,6}",
        r"|(?:完成|占|达到)(?:全年|年度)[^，,。；;]{0,12})的\z"
    )),
    goal_of: re(r"^(?:目标)?(?:任务|目标|计划)(?:的|数的)"),
    goals_opened: re(r"^(?:的)?(?:主要|工作|发展)?(?:目标|任务)(?:任务)?(?:是|为)?[:：]"),
    to_do_after: re(r"^[^，,。；;！？\n]{0,6}?(?:要|将|力争|确保|计划)"),
    yearly_average: re(r"年均[^，,。；;]{0,6}\z"),
    rel_compare_before: re(r"(?:比|较|同比|相比|对比|与|和|跟|是|为|在|超过|超|高于|低于|于)\s?\z"),
    number_char: re(r"[0-9一二三四五六七八九十百千万两]"),
    growth_verb: re(r"增长|增加|提高|提升|下降|减少|上升|降低|翻"),
    cue_after_year: re(
        r"^\s?(?:上半年|下半年|第?[一二三四1-4]季度|前三季度|{M}\s?(?:月份?)?\s?[-－—–~～至到]|以来|来|全年)",
    ),
    target_word: re(r"力争|目标|计划|将|拟|确保|争取|预计"),
    results_open: re(
        r"^[ \t　\n]*(?:{NUMBERING}|[一二三四五六七八九十]是)?[ \t　]*(?:截至|截止|目前|至今|到目前为止|现已|已经|已)",
    ),
    later_year_to_do: re(r"^\s*{Y}\s?年度?[，,][^。！？\n，,]{0,8}?(?:将|即将|拟|要)"),
    rises_to: re(
        r"^(?:增|增加|增长|提高|提升|上升|升|发展|扩大|扩充|扩展|跃升|减少|下降|降|降低|缩短|缩小)了?(?:到|至)",
    ),
    from_end: re(r"(?:由|从)(?:上年|去年|原来|原有|过去|以前|之前|{Y}\s?年)?(?:底|末)?的?\z"),
    last_year_done: re(r"^去年[^。！？\n，,]{0,8}?(?:完成|实现|新增|争取|实施|兑现|登记|认定|获批)"),
    this_year_to_do: re(r"今年[，,]?[^。！？\n]{0,12}?(?:将|要|力争|计划|拟)"),
    signed_date: re(
        r"(?m)\A[ \t　]*[（(]?(?P<y>{Y})\s?年\s?(?P<m>{M})\s?月\s?\d{1,2}\s?日[)）]?[ \t　]*$",
    ),
    this_year_heading: re(r"^[ \t　]*(?P<num>{NUMBERING})[ \t　]*(?:今年|今年度|本年度)"),
    year_heading: re(r"^[ \t　]*(?P<num>{NUMBERING})[ \t　]*(?P<y>{Y})\s?年"),
    not_plan_heading: re(r"总结|情况|回顾|成绩|成效|存在|问题|做法|经验|进展|进度|推进|落实|完成"),
    page_tail: re(r"上一篇|下一篇|相关文章|相关推荐|版权说明"),
    plan_intro: re(concat!(
        r"^[ \t　]*(?P<intro>",
        r"[^。！？\n:：]{0,40}?(?:要|将)[^。！？\n:：]{0,16}?",
        r"(?:抓好|做好|抓实|推进|落实|突出|聚焦|实施|推动|加强|完成|从)[^。！？\n:：]{0,8}?",
        r"(?:以下|如下|下面)[^。！？\n:：]{0,12}?[:：]",
        r"|[^。！？\n:：]{0,30}?(?:部署|安排|明确|提出)了?[^。！？\n:：]{0,4}?(?:\d{4}\s?年|今年|明年|下一步|下半年)",
        r"[^。！？\n:：]{0,10}?(?:工作|任务|目标)[^。！？\n:：]{0,6}?[:：]",
        r"|[^。！？\n:：]{0,20}?对(?:\d{4}\s?年|今年|明年|下一步|下半年|第?四季度|下一阶段)",
        r"[^。！？\n:：]{0,10}?(?:作出|做出|进行)了?(?:部署|安排)[:：])"
    )),
    not_plan_intro: re(r"现将|总结|汇报|报告|情况|回顾|答复|说明"),
    intro_rel: re(r"今年|本年度?|明年|来年|下一年度?|新的一年|新一年|下半年|第?四季度|下一步|下一阶段|今后"),
    year_span: re(r"(?:{Y}|[*＊xX]{1,4})\s?年?\s?(?:-|－|—|–|~|～|至|到)+\s?{Y}\s?年?"),
    masked_year: re(r"{MASKED}"),
    plan_word: re(r"{PLAN_WORD}"),
    next_mark: re(r"{NEXT_MARK}"),
    work_of_a_year: re(r"工作|情况|总结|回顾|成效|成绩|进展|完成|主要|开展|举措"),
    host_year: re(r"host-written year (\d{4})"),
});

/// Twin of `PeriodResolution(year, period_type, start_month, end_month, reason)`.
fn period(year: Option<i64>, ptype: &str, start: i64, end: i64, reason: &str) -> Period {
    Period { year, ptype: ptype.to_string(), start, end, reason: reason.to_string() }
}

/// `c in chars` of Python (the characters as a slice: a `&str` would be decoded at each test).
#[inline]
/// An anchored match of `pattern` at `pos` of `text` (`pattern.match(text, pos)` of a
/// pattern with no look-behind): its groups, offsets into `text`.
fn match_at<'r>(pattern: &'r Re, text: &str, pos: usize) -> Option<(usize, Caps<'r>)> {
    // the leftmost match starts at `pos` when one does there
    pattern.caps_at(&text[pos..], 0).filter(|c| c.start() == 0).map(|c| (pos, c))
}

/// `m.span(name)` of a match made on `text[base..]`, as offsets into `text`.
fn span_of(base: usize, c: &Caps, name: &str) -> Option<(usize, usize)> {
    c.span(name).map(|(a, b)| (base + a, base + b))
}

// ------------------------------------------------------------------ _CUE
/// A match of `_CUE`: its span and the spans of the groups the resolver reads.
#[derive(Clone, Default, Debug)]
struct CueMatch {
    start: usize,
    end: usize,
    py: Option<(usize, usize)>,
    rel: Option<(usize, usize)>,
    range: bool,
    m1: Option<(usize, usize)>,
    m2: Option<(usize, usize)>,
    upto: bool,
    m3: Option<(usize, usize)>,
    q3: bool,
    qn: Option<(usize, usize)>,
    quarter: bool,
    qq: Option<(usize, usize)>,
    half: bool,
    hh: Option<(usize, usize)>,
    full: bool,
    sofar: bool,
    yframe: Option<(usize, usize)>,
    fy: Option<(usize, usize)>,
    deadline: bool,
    dy: Option<(usize, usize)>,
    tframe: bool,
    ty: Option<(usize, usize)>,
}

/// The ends `(?:度|底|末)?` can take at `t`, greedy first.
fn suffix_ends(s: &str, t: usize) -> Vec<usize> {
    match next_char(s, t) {
        Some(c @ ('度' | '底' | '末')) => vec![t + c.len_utf8(), t],
        _ => vec![t],
    }
}

/// The look-ahead of `yframe`: `(?=[,，:：]|(?:全|我)(?:国|省|市|区|县|州|盟|旗)|要|将|力争|争取|确保)`.
fn yframe_ahead(s: &str, t: usize) -> bool {
    let rest = &s[t..];
    let mut cs = rest.chars();
    match (cs.next(), cs.next()) {
        (Some(c), _) if COMMA.contains(&c) => true,
        (Some('全' | '我'), Some(d)) if ['国', '省', '市', '区', '县', '州', '盟', '旗'].contains(&d) => true,
        _ => ["要", "将", "力争", "争取", "确保"].iter().any(|w| rest.starts_with(w)),
    }
}

/// `(?![\d\-－—–~～至到年])` (with `nian`) or `(?![\d\-－—–~～至到])`.
fn not_range_ahead(s: &str, t: usize, nian: bool) -> bool {
    match next_char(s, t) {
        None => true,
        Some(c) => !(is_pd(c) || ['-', '－', '—', '–', '~', '～', '至', '到'].contains(&c) || (nian && c == '年')),
    }
}

/// The `full` alternative of `_CUE` at `r`: `全年|年度(?=任务|目标)|(?<![\d年])年(?:底|末)(?=[^，,。；;]{0,12}?(?:达到|突破|超过|完成))`.
fn full_at(s: &str, r: usize) -> Option<usize> {
    let rest = &s[r..];
    if rest.starts_with("全年") {
        return Some(r + "全年".len());
    }
    if rest.starts_with("年度") {
        let after = &rest["年度".len()..];
        if after.starts_with("任务") || after.starts_with("目标") {
            return Some(r + "年度".len());
        }
        return None;
    }
    if rest.starts_with("年底") || rest.starts_with("年末") {
        if let Some(c) = prev_char(s, r) {
            if is_pd(c) || c == '年' {
                return None;
            }
        }
        let e = r + "年底".len();
        let mut t = e;
        for _ in 0..=12 {
            let ahead = &s[t..];
            if ["达到", "突破", "超过", "完成"].iter().any(|w| ahead.starts_with(w)) {
                return Some(e);
            }
            match next_char(s, t) {
                Some(c) if !['，', ',', '。', '；', ';'].contains(&c) => t += c.len_utf8(),
                _ => return None,
            }
        }
        return None;
    }
    None
}

/// Whether `cue_inner` may match at `r`: its first character opens one of its branches
/// (a month, 截至 到 至, 前, 第 or a quarter's number, 上 下).
fn may_open_inner(s: &str, r: usize) -> bool {
    match next_char(s, r) {
        Some(c) => c.is_ascii_digit() || NUMERALS.contains(&c) || ['截', '到', '至', '前', '第', '上', '下'].contains(&c),
        None => false,
    }
}

/// Twin of `_CUE.match(s, p)` (look-behinds reading `s` before `p`), trying its
/// alternatives in the order `re` does.
fn cue_at(s: &str, p: usize) -> Option<CueMatch> {
    let q = &*Q;
    // branch 1: (?P<pre>…)? then one of range, upto, q3, quarter, half, full, sofar
    let mut pres: Vec<(Option<(usize, usize)>, Option<(usize, usize)>, usize)> = Vec::new();
    // (?P<py>{_YEAR})\s?年(?P<du>度)?, 度 taken first
    if let Some((ye, t)) = year_nian_at(s, p) {
        let py = Some((p, ye));
        if next_char(s, t) == Some('度') {
            pres.push((py, None, t + '度'.len_utf8()));
        }
        pres.push((py, None, t));
    }
    if let Some(w) = ["今年", "本年", "去年", "上年", "明年", "来年"].iter().find(|w| s[p..].starts_with(*w)) {
        pres.push((None, Some((p, p + w.len())), p + w.len()));
    }
    pres.push((None, None, p));
    for (py, rel, r) in pres {
        let mut m = CueMatch { start: p, py, rel, ..Default::default() };
        if let Some((b, c)) = may_open_inner(s, r).then(|| match_at(&q.cue_inner, s, r)).flatten() {
            m.end = b + c.end();
            m.range = c.has("range");
            m.m1 = span_of(b, &c, "m1");
            m.m2 = span_of(b, &c, "m2");
            m.upto = c.has("upto");
            m.m3 = span_of(b, &c, "m3");
            m.q3 = c.has("q3");
            m.qn = span_of(b, &c, "qn");
            m.quarter = c.has("quarter");
            m.qq = span_of(b, &c, "qq");
            m.half = c.has("half");
            m.hh = span_of(b, &c, "hh");
            return Some(m);
        }
        if let Some(e) = full_at(s, r) {
            m.end = e;
            m.full = true;
            return Some(m);
        }
        // sofar: the first of its words in the pattern's order
        let sofar = ["截至目前", "截止目前", "截至到目前", "截止到目前", "今年以来", "今年来", "年初以来"];
        if let Some(w) = sofar.iter().find(|w| s[r..].starts_with(*w)) {
            m.end = r + w.len();
            m.sofar = true;
            return Some(m);
        }
    }
    let rest = &s[p..];
    let dao = (rest.starts_with('到') || rest.starts_with('至')) && prev_char(s, p) != Some('截');
    // branch 2: yframe
    let mut starts = Vec::new();
    if dao {
        starts.push(p + '到'.len_utf8());
    } else if rest.starts_with("力争到") || rest.starts_with("争取到") {
        starts.push(p + "力争到".len());
    }
    starts.push(p);
    for y0 in &starts {
        if let Some((ye, t)) = year_nian_at(s, *y0) {
            for e in suffix_ends(s, t) {
                if yframe_ahead(s, e) {
                    return Some(CueMatch { start: p, end: e, yframe: Some((p, e)), fy: Some((*y0, ye)), ..Default::default() });
                }
            }
        }
    }
    // branch 3: deadline
    if dao {
        let y0 = p + '到'.len_utf8();
        if let Some((ye, t)) = year_nian_at(s, y0) {
            for e in suffix_ends(s, t) {
                if not_range_ahead(s, e, true) {
                    return Some(CueMatch { start: p, end: e, deadline: true, dy: Some((y0, ye)), ..Default::default() });
                }
            }
        }
    }
    // branch 4: tframe, after 力争, 争取 or 确保
    let before = &s[..p];
    if before.ends_with("力争") || before.ends_with("争取") || before.ends_with("确保") {
        let mut starts = Vec::new();
        if rest.starts_with('到') {
            starts.push(p + '到'.len_utf8());
        }
        starts.push(p);
        for y0 in starts {
            if let Some((ye, t)) = year_nian_at(s, y0) {
                for e in suffix_ends(s, t) {
                    if not_range_ahead(s, e, false) {
                        return Some(CueMatch { start: p, end: e, tframe: true, ty: Some((y0, ye)), ..Default::default() });
                    }
                }
            }
        }
    }
    None
}

/// `pattern.finditer(s)` for a pattern tried by `at`, whose matches start only where
/// `next` finds a candidate (the first from a position) and are never empty.
fn finditer<M>(
    s: &str,
    next: impl Fn(&str, usize) -> Option<usize>,
    at: impl Fn(&str, usize) -> Option<M>,
    end: impl Fn(&M) -> usize,
) -> Vec<M> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < s.len() {
        let Some(cand) = next(s, pos) else { break };
        match at(s, cand) {
            Some(m) => {
                pos = end(&m);
                out.push(m);
            }
            None => pos = step(s, cand),
        }
    }
    out
}

/// The first match of a relaxed pattern from `pos`: its start.
fn relaxed_from(relaxed: &Re) -> impl Fn(&str, usize) -> Option<usize> + '_ {
    move |s, pos| relaxed.find_at(s, pos).map(|m| m.0)
}

/// Twin of `_CUE.finditer(s)`.
fn cues(s: &str) -> Vec<CueMatch> {
    finditer(s, relaxed_from(&Q.cue_relaxed), cue_at, |m| m.end)
}

// ------------------------------------------------------------------ _REL_YEAR, _SPAN
/// Where one of `_REL_YEAR`'s words (去年 上年 明年 来年 今年) starts first from `pos`: before
/// the first 年 that follows one of their first characters.
fn rel_word_from(s: &str, pos: usize) -> Option<usize> {
    let mut from = pos;
    loop {
        let i = from + s[from..].find('年')?;
        // (the first characters are three bytes long, as 年 is)
        if i >= pos + 3 && matches!(prev_char(s, i), Some('去' | '上' | '明' | '来' | '今')) {
            return Some(i - 3);
        }
        from = i + '年'.len_utf8();
    }
}

/// Twin of `_REL_YEAR.match(s, p)`: the span of `rel`.
fn rel_year_at(s: &str, p: usize) -> Option<(usize, usize)> {
    if prev_char(s, p) == Some('以') {
        return None;
    }
    let rest = &s[p..];
    let word = ["去年", "上年", "明年", "来年", "今年"].into_iter().find(|w| rest.starts_with(w))?;
    let e = p + word.len();
    let after = &s[e..];
    if word == "今年" && (after.starts_with("以来") || after.starts_with('来')) {
        return None;
    }
    if ["同", "基础", "水平", "底", "末", "度"].iter().any(|w| after.starts_with(w)) {
        return None;
    }
    if let Some(de) = after.strip_prefix('的') {
        if !Q.goal_after_de.is_match(de) {
            return None;
        }
    }
    Some((p, e))
}

/// A match of `_SPAN`: (start, end, span of `since`).
type SpanMatch = (usize, usize, Option<(usize, usize)>);

/// Twin of `_SPAN.match(s, p)`.
fn span_at(s: &str, p: usize) -> Option<SpanMatch> {
    let q = &*Q;
    let before = prev_char(s, p);
    if !before.map_or(false, |c| c == '一' || c == '半' || is_pd(c)) {
        if let Some((b, c)) = match_at(&q.span_b1, s, p) {
            return Some((p, b + c.end(), None));
        }
    }
    if let Some((b, c)) = match_at(&q.span_b234, s, p) {
        return Some((p, b + c.end(), span_of(b, &c, "since")));
    }
    if before != Some('月') {
        if let Some((b, c)) = match_at(&q.span_b5, s, p) {
            return Some((p, b + c.end(), None));
        }
    }
    None
}

// ------------------------------------------------------------------ small helpers
/// Twin of `_next_clause_end`.
fn next_clause_end(s: &str, pos: usize) -> usize {
    s[pos..].find(|c: char| CLAUSE_END.contains(&c)).map_or(s.len(), |i| pos + i)
}

/// `max(s.rfind(c, 0, hi) for c in marks) + 1` as an offset: after the last mark before `hi`.
fn after_last_mark(s: &str, marks: &[char], hi: usize) -> usize {
    match s[..hi].char_indices().rev().find(|(_, c)| marks.contains(c)) {
        Some((i, c)) => i + c.len_utf8(),
        None => 0,
    }
}

/// Twin of `_months`.
fn months(year: Option<i64>, start: i64, end: i64, reason: &str) -> Period {
    period(year, months_type(start, end), start, end, reason)
}

/// Twin of `_half`.
fn half(year: Option<i64>, which: &str, reason: &str) -> Period {
    if which == "上" {
        period(year, "half", 1, 6, reason)
    } else {
        period(year, "half", 7, 12, reason)
    }
}

/// Twin of `_quarter`.
fn quarter(year: Option<i64>, q: i64, reason: &str) -> Period {
    period(year, "quarter", 3 * q - 2, 3 * q, reason)
}

/// `m.group(name) or ""` of a group span.
fn sub<'t>(s: &'t str, span: Option<(usize, usize)>) -> &'t str {
    span.map_or("", |(a, b)| &s[a..b])
}

/// Twin of `_part_of_year`.
fn part_of_year(s: &str, cue: &CueMatch, year: Option<i64>, words: &str) -> Option<Period> {
    if cue.range {
        return Some(months(year, small_number(sub(s, cue.m1)), small_number(sub(s, cue.m2)), words));
    }
    if cue.upto {
        return Some(months(year, 1, small_number(sub(s, cue.m3)), words));
    }
    if cue.q3 {
        return Some(months(year, 1, 3 * small_number(sub(s, cue.qn)), words));
    }
    if cue.quarter {
        return Some(quarter(year, small_number(sub(s, cue.qq)), words));
    }
    if cue.half {
        return Some(half(year, sub(s, cue.hh), words));
    }
    None
}

/// Twin of `_sets_goals`.
fn sets_goals(cue: &CueMatch, prefix: &str) -> bool {
    if cue.deadline {
        return true;
    }
    match cue.yframe {
        Some((a, b)) => {
            let y = &prefix[a..b];
            y.starts_with('到') || y.starts_with('至') || Q.to_do_after.is_match(&prefix[cue.end..])
        }
        None => false,
    }
}

/// Twin of `_signed_the_year_after`.
fn signed_the_year_after(text: &str, year: i64) -> bool {
    let n = char_len(text);
    let from = fwd(text, 0, n.saturating_sub(200));
    let mut pos = from; // where finditer goes on from
    let mut p = from; // the candidates: line starts
    loop {
        let line_start = p == 0 || prev_char(text, p) == Some('\n');
        if line_start && p >= pos {
            if let Some((b, c)) = match_at(&Q.signed_date, text, p) {
                let y = py_int(c.str(&text[b..], "y").unwrap());
                let m = small_number(c.str(&text[b..], "m").unwrap());
                if y == year + 1 && m >= 3 {
                    return true;
                }
                pos = b + c.end();
            }
        }
        match text[p..].find('\n') {
            Some(i) => p = p + i + 1,
            None => break,
        }
    }
    false
}

/// Twin of `_LAST_YEAR_DONE.search(text) is not None`.
fn last_year_done(text: &str) -> bool {
    text.match_indices("去年").any(|(i, _)| {
        !matches!(prev_char(text, i), Some('比' | '较' | '同' | '与' | '和' | '跟'))
            && Q.last_year_done.is_match(&text[i..])
    })
}

/// Twin of `is_baseline` (offsets in bytes).
fn is_baseline(text: &str, start: usize, end: usize) -> bool {
    if !Q.rises_to.is_match(&text[end..]) {
        return false;
    }
    let near = back(text, start, 40);
    let clause_start = near + after_last_mark(&text[near..start], CLAUSE_END, start - near);
    Q.from_end.is_match(&text[clause_start..start])
}

// ------------------------------------------------------------------ headings
/// A match of `_HEADING`.
struct HeadingMatch {
    start: usize,
    end: usize,
    num: Option<(usize, usize)>,
    head: Option<(usize, usize)>,
    line: Option<(usize, usize)>,
}

/// `[ \t　]` of the patterns.
fn is_hspace(c: char) -> bool {
    c == ' ' || c == '\t' || c == '　'
}

/// `(?=[ \t　]*(?:\n|$|。|[:：])|[ \t　]+\S)` at `e`.
fn head_ahead(text: &str, e: usize) -> bool {
    let t = skip_hspace(text, e);
    match next_char(text, t) {
        None => true,
        Some(c) => ['\n', '。', ':', '：'].contains(&c) || (t > e && !is_py_space(c)),
    }
}

/// The characters that end a heading's `line` and `head`: `[^\n。，,；;:：!！?？]` of `_HEADING`.
const LINE_STOP: &[char] = &['\n', '。', '，', ',', '；', ';', ':', '：', '!', '！', '?', '？'];

/// `(?P<line>…{1,23}?)(?=[ \t　]*(?:\n|$))` from `c0` (after its optional first character
/// at `p`): its end. The lazy run stops at the first point from which only spaces are left
/// on the line, so one pass over the line finds it: after its last character that is no
/// space (or after its first character), if no stop comes before the line's end and that
/// point is 23 characters from `c0` at most.
fn line_from(text: &str, c0: usize) -> Option<usize> {
    let mut first = None;
    let mut solid = c0;
    for (n, (i, c)) in text[c0..].char_indices().enumerate() {
        if c == '\n' {
            break;
        }
        if LINE_STOP.contains(&c) {
            return None;
        }
        let end = c0 + i + c.len_utf8();
        first.get_or_insert(end);
        if !is_hspace(c) {
            if n >= 23 {
                return None;
            }
            solid = end;
        }
    }
    first.map(|f| f.max(solid))
}

/// Twin of `_HEADING.match(text, q)`.
fn heading_at(text: &str, q: usize) -> Option<HeadingMatch> {
    let anchored = q == 0
        || match prev_char(text, q) {
            Some('\n') | Some('。') => true,
            Some(c) if is_hspace(c) => numbering_end(text, q).is_some(),
            _ => false,
        };
    if !anchored {
        return None;
    }
    let all = skip_hspace(text, q);
    let mut p = all;
    loop {
        // (?P<num>…)[ \t　]*(?P<head>[^…]{2,24}?)(?=…)
        if let Some(num_end) = numbering_end(text, p) {
            let num = (p, num_end);
            let h0 = skip_hspace(text, num.1);
            let mut e = h0;
            for n in 1..=24 {
                match next_char(text, e) {
                    Some(c) if !LINE_STOP.contains(&c) && !is_hspace(c) => e += c.len_utf8(),
                    _ => break,
                }
                if n >= 2 && head_ahead(text, e) {
                    return Some(HeadingMatch { start: q, end: e, num: Some(num), head: Some((h0, e)), line: None });
                }
            }
        }
        // (?P<line>[^…]?[^…]{1,23}?)(?=[ \t　]*(?:\n|$))
        if let Some(c) = next_char(text, p) {
            if !(LINE_STOP.contains(&c) || c.is_ascii_digit() || NUMERALS.contains(&c) || c == '（' || c == '(') {
                if let Some(e) = line_from(text, p + c.len_utf8()) {
                    return Some(HeadingMatch { start: q, end: e, num: None, head: None, line: Some((p, e)) });
                }
            }
        }
        if let Some(e) = line_from(text, p) {
            return Some(HeadingMatch { start: q, end: e, num: None, head: None, line: Some((p, e)) });
        }
        if p == q {
            return None;
        }
        p = back(text, p, 1); // one space fewer for `[ \t　]*`
    }
}

/// Twin of `_period_words_open`.
fn period_words_open(head: &str) -> bool {
    let start = match cues(head).first() {
        Some(m) => Some(m.start),
        None => year_words(head).first().map(|w| w.0),
    };
    start.map_or(false, |s| char_len(&head[..s]) <= 4)
}

/// Twin of `_heading_period`.
fn heading_period(head: &str, document: &Period) -> Option<Period> {
    if Q.year_span.is_match(head) || Q.masked_year.is_match(head) {
        return None;
    }
    let mut years: Vec<i64> = Vec::new();
    for (_, _, y) in year_words(head) {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    if years.len() > 1 || (!years.is_empty() && document.year.is_none()) {
        return None;
    }
    let year = if years.is_empty() { document.year } else { Some(years[0]) };
    let found = cues(head).into_iter().find(|c| !(c.yframe.is_some() || c.tframe || c.deadline));
    let Some(cue) = found else {
        if year.is_none() || year == document.year || !Q.work_of_a_year.is_match(head) {
            return None;
        }
        return Some(period(year, "year", 1, 12, head));
    };
    if cue.rel.is_some() || cue.sofar || cue.full {
        return None;
    }
    part_of_year(head, &cue, year, head)
}

/// Twin of `heading_sections`.
fn heading_sections(text: &str, document: &Period, any: &AnyHeadings) -> Vec<(usize, usize, Period)> {
    // finditer_after(_HEADING, text, "\n。 \t　")
    let matches = finditer_after(text, &['\n', '。', ' ', '\t', '　'], |q| heading_at(text, q), |m| m.end);
    let first_stop = text.find('。');
    let mut found: Vec<(usize, usize, Period, &'static str)> = Vec::new();
    for m in matches {
        let head = match (m.head, m.line) {
            (Some((a, b)), _) | (None, Some((a, b))) => &text[a..b],
            _ => "",
        };
        if let Some((ls, _)) = m.line {
            let before = text[..ls].trim_end_matches(is_hspace);
            let last_ok = matches!(before.chars().next_back(), None | Some('\n'));
            // _ANOTHER_TITLE.fullmatch(head): a line holds no line break, so the pattern's
            // `^` and `$` (MULTILINE) can only match at its start and end
            let words = period_words_open(head) || crate::period::P.another_title.is_match(head);
            if !words || !last_ok {
                continue;
            }
            if first_stop.map_or(true, |i| i >= m.start) {
                continue;
            }
        }
        if Q.plan_word.is_match(head) || Q.next_mark.is_match(head) || plan_heading_at(head, 0).is_some() {
            continue;
        }
        let Some(found_period) = heading_period(head, document) else { continue };
        if found_period.label() == document.label() {
            continue;
        }
        let start = match (m.num, m.line) {
            (Some((a, _)), _) => a,
            (None, Some((a, _))) => a,
            _ => m.start,
        };
        let class = m.num.map_or("", |(a, b)| numbering_class(&text[a..b]));
        found.push((start, m.end, found_period, class));
    }
    let level = |c: &str| match c {
        "chinese" => 0,
        "paren" => 1,
        _ => 2,
    };
    let mut sections = Vec::new();
    for (start, head_end, p, cls) in &found {
        let mut end = text.len();
        if let Some(at) = any.first_where(text, *head_end, |c| cls.is_empty() || level(c) <= level(cls)) {
            end = at;
        }
        let later = found
            .iter()
            .filter(|(s, _, _, c)| *head_end <= *s && *s < end && (c.is_empty() || cls.is_empty()))
            .map(|(s, _, _, _)| *s)
            .min();
        if let Some(l) = later {
            end = l;
        }
        if *head_end <= end {
            if let Some((ts, _)) = Q.page_tail.find_at(&text[..end], *head_end) {
                end = ts;
            }
        }
        sections.push((*start, end, p.clone()));
    }
    sections
}

/// Twin of `_innermost_sections`: (boundaries, period from each boundary on).
fn innermost_sections(sections: &[(usize, usize, Period)]) -> (Vec<usize>, Vec<Option<Period>>) {
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&k| (sections[k].0, k));
    let mut bounds: Vec<usize> = sections.iter().flat_map(|(s, e, _)| [*s, *e]).collect();
    bounds.sort();
    bounds.dedup();
    let mut inner = Vec::with_capacity(bounds.len());
    let mut open: std::collections::BinaryHeap<(usize, usize)> = std::collections::BinaryHeap::new();
    let mut nxt = 0;
    for &point in &bounds {
        while nxt < order.len() && sections[order[nxt]].0 <= point {
            let k = order[nxt];
            open.push((sections[k].0, k));
            nxt += 1;
        }
        while let Some(&(_, k)) = open.peek() {
            if sections[k].1 <= point {
                open.pop();
            } else {
                break;
            }
        }
        inner.push(open.peek().map(|&(_, k)| sections[k].2.clone()));
    }
    (bounds, inner)
}

// ------------------------------------------------------------------ plan sections
type Section = (usize, usize, String, Period);

/// The offsets where `(?:^|(?<=\n))` holds (line starts).
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Twin of `_with_later_sections`.
fn with_later_sections(
    text: &str, sections: Vec<Section>, present: Option<i64>, document_year: Option<i64>, any: &AnyHeadings,
) -> Vec<Section> {
    let mut added = sections;
    let mut heads: Vec<((usize, usize, usize), i64)> = Vec::new(); // ((num start, num end, match end), year)
    let starts = line_starts(text);
    if present.is_some() && present != document_year {
        for &p in &starts {
            if let Some((b, c)) = match_at(&Q.this_year_heading, text, p) {
                let (a, e) = span_of(b, &c, "num").unwrap();
                heads.push(((a, e, b + c.end()), present.unwrap()));
            }
        }
    }
    if let Some(doc_year) = document_year {
        let mut last_end = 0;
        for &p in &starts {
            if p < last_end {
                continue;
            }
            let Some((b, c)) = match_at(&Q.year_heading, text, p) else { continue };
            let e = b + c.end();
            let rest = &text[e..];
            let mut cs = rest.chars();
            let refused = match cs.next() {
                None => false,
                Some(c0) => {
                    is_pd(c0)
                        || NUMERALS.contains(&c0)
                        || c0 == '上'
                        || c0 == '下'
                        || ['-', '—', '~', '至', '到'].contains(&c0)
                        || (c0 == '度' && cs.next().map_or(false, |c1| ['-', '—', '~', '至', '到'].contains(&c1)))
                        || rest.starts_with("以来")
                }
            };
            if refused {
                continue;
            }
            last_end = e;
            let (a, ne) = span_of(b, &c, "num").unwrap();
            let y = py_int(c.str(&text[b..], "y").unwrap());
            if y > doc_year {
                heads.push(((a, ne, e), y));
            }
        }
    }
    for ((start, num_end, m_end), year) in heads {
        if added.iter().any(|(s, e, _, _)| *s <= start && start < *e)
            || Q.not_plan_heading.is_match(heading_line(text, start))
        {
            continue;
        }
        let cls = numbering_class(&text[start..num_end]);
        let end = any.first_where(text, m_end, |c| c == cls).unwrap_or(text.len());
        let heading = heading_line(text, start).to_string();
        let reason = format!("plan section {}", first_chars(&heading, 20));
        added.push((start, end, heading, period(Some(year), "year", 1, 12, &reason)));
    }
    added.sort_by_key(|s| s.0);
    added
}

/// Twin of `_intro_period`.
fn intro_period(intro: &str, previous: &str, present: Option<i64>, document: &Period) -> Period {
    let reason = format!("plan section {}", first_chars(intro, 20));
    // _INTRO_YEAR.search(intro) or _INTRO_YEAR.match(previous.lstrip())
    let intro_year_at = |s: &str, p: usize| -> Option<i64> {
        if prev_char(s, p).map_or(false, is_pd) {
            return None;
        }
        let (ye, t) = year_nian_at(s, p)?;
        let after = &s[t..];
        if after.starts_with("以来") || after.starts_with('来') || after.starts_with('底') || after.starts_with('末') {
            return None;
        }
        Some(py_int(&s[p..ye]))
    };
    let mut year = None;
    for (p, _) in intro.char_indices() {
        if let Some(y) = intro_year_at(intro, p) {
            year = Some(y);
            break;
        }
    }
    if year.is_none() {
        year = intro_year_at(previous.trim_start_matches(is_py_space), 0);
    }
    if let Some(y) = year {
        return period(Some(y), "year", 1, 12, &reason);
    }
    let word = Q
        .intro_rel
        .find_at(intro, 0)
        .map(|(a, b)| &intro[a..b])
        .or_else(|| Q.intro_rel.find_at(previous, 0).map(|(a, b)| &previous[a..b]))
        .unwrap_or("");
    let doc_year = document.year;
    let after_year = present.is_some() && present != doc_year;
    if word.starts_with("今年")
        || word.starts_with("本年")
        || (after_year && ["", "新的一年", "新一年", "下一步", "下一阶段"].contains(&word))
    {
        return period(present, "year", 1, 12, &reason);
    }
    if word == "下半年" || (word.is_empty() && document.ptype == "half" && document.start == 1) {
        return half(doc_year, "下", &reason);
    }
    if word.ends_with("四季度") {
        return quarter(doc_year, 4, &reason);
    }
    if document.ptype != "year" {
        return document.clone();
    }
    period(doc_year.map(|y| y + 1), "year", 1, 12, &reason)
}

/// Twin of `_intro_sections`.
fn intro_sections(text: &str, sections: Vec<Section>, present: Option<i64>, document: &Period, any: &AnyHeadings) -> Vec<Section> {
    let mut added = sections;
    let headings: Vec<(usize, usize, &str)> = any
        .from(0)
        .into_iter()
        .map(|(s, (a, b))| (s, a, numbering_class(&text[a..b])))
        .collect();
    let heading_starts: Vec<usize> = headings.iter().map(|h| h.0).collect();
    let mut classes: Vec<&str> = Vec::new();
    let mut seen = 0;
    // finditer_after(_PLAN_INTRO, text, "。！？\n")
    // (start, end, intro span) of each intro
    // an intro ends in a colon, with no 。！？ before it: where the next colon comes after
    // the next of those, no intro is tried
    let colons = mark_positions(text, &[':', '：']);
    let stops = mark_positions(text, &['。', '！', '？']);
    let try_at = |p: usize| {
        let colon = colons.get(bisect_left(&colons, p, 0))?;
        if stops.get(bisect_left(&stops, p, 0)).map_or(false, |stop| stop < colon) {
            return None;
        }
        match_at(&Q.plan_intro, text, p).map(|(b, c)| (p, b + c.end(), span_of(b, &c, "intro").unwrap()))
    };
    let intros = finditer_after(text, &['。', '！', '？', '\n'], try_at, |m| m.1);
    for (_, m_end, (start, intro_end)) in intros {
        let intro = &text[start..intro_end];
        if Q.not_plan_intro.is_match(intro) || added.iter().any(|(s, e, _, _)| *s <= start && start < *e) {
            continue;
        }
        let upto = bisect_left(&heading_starts, start, 0);
        if seen < upto {
            for h in &headings[seen..upto] {
                if !classes.contains(&h.2) {
                    classes.push(h.2);
                }
            }
        }
        seen = seen.max(upto);
        let mut end = headings[bisect_left(&heading_starts, m_end, 0)..]
            .iter()
            .find(|h| classes.contains(&h.2))
            .map_or(text.len(), |h| h.1);
        if m_end <= end {
            if let Some((ts, _)) = Q.page_tail.find_at(&text[..end], m_end) {
                end = match text[m_end..ts].rfind('\n') {
                    Some(i) => m_end + i + 1,
                    None => ts,
                };
            }
        }
        // text[max(text.rfind("。", 0, max(start - 1, 0)) + 1, text.rfind("\n", 0, start) + 1):start]
        let stop = if start == 0 { 0 } else { back(text, start, 1) };
        let a = text[..stop].rfind('。').map_or(0, |i| i + '。'.len_utf8());
        let b = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let previous = &text[a.max(b)..start];
        let p = intro_period(intro, previous, present, document);
        added.push((m_end, end, intro.to_string(), p));
    }
    added.sort_by_key(|s| s.0);
    added
}

// ------------------------------------------------------------------ the resolver
/// Twin of `FactPeriodResolver`.
pub(crate) struct Resolver<'t> {
    text: &'t str,
    document: Period,
    present: Option<i64>,
    sections: Vec<(usize, usize, String)>,
    section_starts: Vec<usize>,
    section_periods: Vec<Period>,
    heading_bounds: Vec<usize>,
    heading_inner: Vec<Option<Period>>,
    sentence_ends: Vec<usize>,
    says_jinnian: bool,
    host_year: Option<i64>,
}

/// The outcome of `at`: `FactPeriodInfo`'s fields.
pub(crate) struct Info {
    pub(crate) period: Period,
    pub(crate) in_plan_section: bool,
    pub(crate) cue: String,
    pub(crate) results: bool,
}

/// An event of `at`'s scan: a match of `_CUE` (0), `_REL_YEAR` (1), `_YEAR_WORD` (2), `_SPAN` (3).
enum Event {
    Cue(CueMatch),
    Rel((usize, usize)),
    Year,
    Span(SpanMatch),
}

impl<'t> Resolver<'t> {
    /// Twin of `FactPeriodResolver.__init__`.
    pub(crate) fn new(text: &'t str, document: Period) -> Resolver<'t> {
        let present = match document.year {
            Some(y)
                if document.ptype == "year"
                    && (speaks_after_the_year(text)
                        || document.reason.starts_with("sums up")
                        || document.reason.starts_with("speech of")
                        || signed_the_year_after(text, y)
                        || (last_year_done(text) && Q.this_year_to_do.is_match(text))) =>
            {
                Some(y + 1)
            }
            y => y,
        };
        let mut r = Resolver {
            text,
            document: document.clone(),
            present,
            sections: Vec::new(),
            section_starts: Vec::new(),
            section_periods: Vec::new(),
            heading_bounds: Vec::new(),
            heading_inner: Vec::new(),
            // mark_positions(clean_text, _SENTENCE_END)
            sentence_ends: mark_positions(text, &['。', '！', '？', '!', '?', '\n']),
            says_jinnian: false,
            host_year: None,
        };
        let any = AnyHeadings::new(text);
        let sections: Vec<Section> = plan_sections(text)
            .into_iter()
            .map(|(s, e, h)| {
                let p = r.section_period(&h);
                (s, e, h, p)
            })
            .collect();
        let sections = with_later_sections(text, sections, present, document.year, &any);
        let sections = intro_sections(text, sections, present, &document, &any);
        let headings = heading_sections(text, &document, &any);
        r.sections = sections.iter().map(|(s, e, h, _)| (*s, *e, h.clone())).collect();
        r.section_starts = sections.iter().map(|s| s.0).collect();
        r.section_periods = sections.into_iter().map(|s| s.3).collect();
        let (bounds, inner) = innermost_sections(&headings);
        r.heading_bounds = bounds;
        r.heading_inner = inner;
        let spans: Vec<(usize, usize)> = r.sections.iter().map(|(s, e, _)| (*s, *e)).collect();
        r.says_jinnian = blank(text, &spans).contains("今年");
        r.host_year = Q.host_year.caps_at(&document.reason, 0).map(|c| {
            let (a, b) = c.group(1).unwrap();
            py_int(&document.reason[a..b])
        });
        r
    }

    /// Twin of `_section_period`.
    fn section_period(&self, heading: &str) -> Period {
        let doc = &self.document;
        let year = doc.year;
        let reason = format!("plan section {}", first_chars(heading, 20));
        let m = match_at(&crate::period::P.plan_core, heading, 0).map(|(_, c)| c);
        let g = |name: &str| m.as_ref().and_then(|c| c.str(heading, name));
        let mark = g("mark").unwrap_or("");
        if let Some(y) = g("y").or_else(|| g("todo_y")) {
            return period(Some(py_int(y)), "year", 1, 12, &reason);
        }
        if g("goal").is_some() {
            return doc.clone();
        }
        if g("masked").is_some() {
            return period(year.map(|y| y + 1), "year", 1, 12, &reason);
        }
        if mark == "下半年" {
            return half(year, "下", &reason);
        }
        if mark.ends_with("四季度") {
            return quarter(year, 4, &reason);
        }
        let next_year = period(year.map(|y| y + 1), "year", 1, 12, &reason);
        if !mark.is_empty() && !["下一步", "下步", "下一阶段", "下阶段"].contains(&mark) && !mark.starts_with("今后") {
            return next_year;
        }
        if doc.ptype == "half" && doc.start == 1 {
            return half(year, "下", &reason);
        }
        if doc.ptype == "year" && !mark.is_empty() {
            return next_year;
        }
        doc.clone()
    }

    /// Twin of `section_at`.
    fn section_at(&self, pos: usize) -> Option<usize> {
        let i = self.section_starts.partition_point(|&s| s <= pos);
        if i >= 1 && pos < self.sections[i - 1].1 {
            Some(i - 1)
        } else {
            None
        }
    }

    /// Twin of `heading_at`.
    fn heading_at(&self, pos: usize) -> Option<&Period> {
        let k = self.heading_bounds.partition_point(|&b| b <= pos);
        if k >= 1 {
            self.heading_inner[k - 1].as_ref()
        } else {
            None
        }
    }

    /// Twin of `at` (`char_start`, `char_end` as byte offsets; `window_start` the byte
    /// offset `SENTENCE_WINDOW` characters before `char_start`, or 0).
    /// `at` of a span in code points (`offsets`: `char_offsets` of the resolver's text), as
    /// `FactPeriodResolver.at(start, end)` takes it: offsets past the end are the end.
    pub(crate) fn at_chars(&self, offsets: &[usize], start: usize, end: usize) -> Info {
        let last = offsets.len() - 1;
        let (s, e) = (start.min(last), end.min(last));
        self.at(offsets[s], offsets[e], offsets[s.saturating_sub(SENTENCE_WINDOW)])
    }

    fn at(&self, char_start: usize, char_end: usize, window_start: usize) -> Info {
        let text = self.text;
        let section = self.section_at(char_start);
        let (mut base, mut default_cue) = match section {
            None => (self.document.clone(), String::new()),
            Some(k) => (self.section_periods[k].clone(), self.sections[k].2.clone()),
        };
        if section.is_none() {
            if let Some(h) = self.heading_at(char_start) {
                base = h.clone();
                default_cue = format!("heading {}", first_chars(&h.reason, 20));
            }
        }
        let base = base;
        // bisect_right(ends, char_start - 1) - 1: the last sentence end before char_start
        let i = self.sentence_ends.partition_point(|&e| e < char_start);
        let mut sent_start = if i >= 1 {
            let e = self.sentence_ends[i - 1];
            e + next_char(text, e).unwrap().len_utf8()
        } else {
            0
        };
        if let Some(k) = section {
            sent_start = sent_start.max(self.sections[k].0);
        }
        sent_start = sent_start.max(window_start);
        let mut prefix = &text[sent_start..char_start];
        if prefix.ends_with('的') {
            if let Some((a, _)) = Q.compared_base.find_at(prefix, 0) {
                prefix = &prefix[..a];
            }
        }
        let n = prefix.len();
        let mut events: Vec<(usize, u8, Event)> = Vec::new();
        events.extend(cues(prefix).into_iter().map(|m| (m.start, 0, Event::Cue(m))));
        events.extend(finditer(prefix, rel_word_from, rel_year_at, |m| m.1).into_iter().map(|m| (m.0, 1, Event::Rel(m))));
        events.extend(year_words(prefix).into_iter().map(|m| (m.0, 2, Event::Year)));
        events.extend(finditer(prefix, relaxed_from(&Q.span_relaxed), span_at, |m| m.1).into_iter().map(|m| (m.0, 3, Event::Span(m))));
        events.sort_by_key(|e| (e.0, e.1));

        let mut per = base.clone();
        let mut cue = default_cue.clone();
        let mut reach = n;
        let mut leading = false;
        let mut to_do = false;
        let mut frame = (base.clone(), default_cue.clone(), false);
        let mut covered: Option<usize> = None;
        for (pos, kind, ev) in &events {
            let pos = *pos;
            if covered.map_or(false, |c| pos < c) {
                continue;
            }
            let (new, start, end, m_cue) = match ev {
                Event::Year => {
                    if leading && pos > next_clause_end(prefix, covered.unwrap()) {
                        reach = reach.min(pos);
                    }
                    continue;
                }
                Event::Span(m) => (self.span_period(prefix, m), m.0, m.1, None),
                Event::Cue(m) => {
                    if m.full && Q.goal_of.is_match(&prefix[m.end..]) {
                        continue;
                    }
                    (self.cue_period(prefix, m, &base), m.start, m.end, Some(m))
                }
                Event::Rel(m) => (self.relative_period(prefix, *m, &base), m.0, m.1, None),
            };
            let Some(new) = new else { continue };
            if reach >= n && !leading {
                frame = (per.clone(), cue.clone(), to_do);
            }
            per = new;
            cue = prefix[start..end].to_string();
            covered = Some(end);
            to_do = m_cue.map_or(false, |m| sets_goals(m, prefix));
            let framing = *kind == 1
                || to_do
                || m_cue.map_or(false, |m| m.tframe || Q.goals_opened.is_match(&prefix[m.end..]));
            let (r, l) = reach_of(prefix, start, end, framing);
            reach = r;
            leading = l;
        }
        if n > reach || (per.reason.starts_with("span:") && Q.yearly_average.is_match(prefix)) {
            per = frame.0;
            cue = frame.1;
            to_do = frame.2;
        }
        if let Some((p, c)) = self.bound_year(prefix, &base) {
            per = p;
            cue = c;
        } else if is_baseline(text, char_start, char_end) && per.year.is_some() && per.ptype == "year" {
            per = period(per.year.map(|y| y - 1), "year", 1, 12, "由…增至");
            cue = "由…增至".to_string();
        }
        if self.host_year.is_some() && per.year == self.host_year {
            per = Period {
                year: None,
                ptype: per.ptype.clone(),
                start: per.start,
                end: per.end,
                reason: format!("host-written year {}", self.host_year.unwrap()),
            };
        }
        let results = Q.results_open.is_match(&text[sent_start..]);
        let plans = section.is_some()
            || (per.year.is_some()
                && self.document.year.is_some()
                && per.year.unwrap() > self.document.year.unwrap()
                && (to_do || Q.later_year_to_do.is_match(prefix)));
        Info { period: per, in_plan_section: plans, cue, results }
    }

    /// Twin of `_span_period`.
    fn span_period(&self, prefix: &str, m: &SpanMatch) -> Option<Period> {
        if let Some((a, b)) = m.2 {
            let since = py_int(&prefix[a..b]);
            if self.document.year.map_or(true, |y| since >= y) {
                return None;
            }
        }
        Some(period(None, "year", 1, 12, &format!("span: {}", &prefix[m.0..m.1])))
    }

    /// Twin of `_cue_period`.
    fn cue_period(&self, s: &str, m: &CueMatch, base: &Period) -> Option<Period> {
        let words = &s[m.start..m.end];
        if m.yframe.is_some() || m.tframe || m.deadline {
            let framed = py_int(sub(s, m.fy.or(m.ty).or(m.dy)));
            if Some(framed) == base.year || Some(framed) == self.document.year {
                return Some(base.clone());
            }
            return Some(period(Some(framed), "year", 1, 12, words));
        }
        let mut year = base.year;
        let rel = sub(s, m.rel);
        if m.py.is_some() {
            year = Some(py_int(sub(s, m.py)));
        } else if rel == "去年" || rel == "上年" {
            year = self.present.map(|y| y - 1);
        } else if rel == "明年" || rel == "来年" {
            year = self.present.map(|y| y + 1);
        } else if rel == "今年" || rel == "本年" {
            year = self.present;
        }
        if let Some(p) = part_of_year(s, m, year, words) {
            return Some(p);
        }
        if m.full {
            return Some(period(year, "year", 1, 12, words));
        }
        Some(base.clone())
    }

    /// Twin of `_relative_period`.
    fn relative_period(&self, prefix: &str, m: (usize, usize), base: &Period) -> Option<Period> {
        let doc_year = self.present;
        let before = &prefix[back(prefix, m.0, 4)..m.0];
        if Q.rel_compare_before.is_match(before) {
            return None;
        }
        let rel = &prefix[m.0..m.1];
        if rel == "今年" {
            if doc_year != self.document.year && doc_year.is_some() {
                return Some(period(doc_year, "year", 1, 12, rel));
            }
            return Some(base.clone());
        }
        if rel == "去年" && !self.says_jinnian {
            return None;
        }
        let step = if rel == "去年" || rel == "上年" { -1 } else { 1 };
        Some(period(doc_year.map(|y| y + step), "year", 1, 12, rel))
    }

    /// Twin of `_bound_year`.
    fn bound_year(&self, prefix: &str, base: &Period) -> Option<(Period, String)> {
        let clause_start = after_last_mark(prefix, CLAUSE_END, prefix.len());
        let clause = &prefix[clause_start..];
        let (s, e, year) = *year_words(clause).last()?;
        let gap = &clause[e..];
        if char_len(gap) > 10 || Q.number_char.is_match(gap) || Q.growth_verb.is_match(gap) {
            return None;
        }
        if Q.cue_after_year.is_match(gap) {
            return None;
        }
        let doc_year = self.document.year;
        if Some(year) == base.year || (doc_year.is_some() && Some(year) == doc_year) {
            return None;
        }
        if doc_year.is_some() && year > doc_year.unwrap() && !Q.target_word.is_match(clause) {
            return None;
        }
        let words = &clause[s..e];
        Some((period(Some(year), "year", 1, 12, words), words.to_string()))
    }
}

/// Twin of `FactPeriodResolver._reach`.
fn reach_of(prefix: &str, start: usize, end: usize, framing: bool) -> (usize, bool) {
    if framing || next_char(prefix, end).map_or(false, |c| COMMA.contains(&c)) {
        return (prefix.len(), false);
    }
    let clause_start = after_last_mark(prefix, CLAUSE_END, start);
    if char_len(&prefix[clause_start..start]) <= 3 {
        let semi = prefix[end..].find(|c| c == ';' || c == '；').map(|i| end + i);
        return (semi.unwrap_or(prefix.len()), true);
    }
    (next_clause_end(prefix, end), false)
}

// ------------------------------------------------------------------ Python
/// Twin of `[FactPeriodResolver(clean_text, PeriodResolution(*document)).at(s, e) for s, e
/// in spans]` (code-point offsets): each `FactPeriodInfo` as its period's five fields, then
/// in_plan_section, cue, results.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn fact_periods(
    py: Python<'_>,
    clean_text: &str,
    document: (Option<i64>, String, i64, i64, String),
    spans: Vec<(usize, usize)>,
) -> PyResult<Vec<(Option<i64>, String, i64, i64, String, bool, String, bool)>> {
    let (year, ptype, start, end, reason) = document;
    let document = Period { year, ptype, start, end, reason };
    crate::without_gil(py, || {
        let resolver = Resolver::new(clean_text, document);
        let offsets = char_offsets(clean_text);
        spans
            .iter()
            .map(|&(s, e)| {
                let info = resolver.at_chars(&offsets, s, e);
                let p = info.period;
                (p.year, p.ptype, p.start, p.end, p.reason, info.in_plan_section, info.cue, info.results)
            })
            .collect()
    })
}

/// The byte offset of every code point of `text`, and of its end.
pub(crate) fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

/// `fact_periods` in the module `keji_native`.
pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fact_periods, m)?)?;
    Ok(())
}
