//! Twin of loaders/region.py `resolve_region`: see that module for the rules.
//!
//! The gazetteer is the Python one's data, handed over once per process (`region_init`).
//! Positions are Python's character offsets (`Txt`); the look-arounds of the Python
//! patterns are tested in code next to each `regex` pattern.
use crate::gazetteer::{
    anchored, chars_before, ending, finditer_checked, in_slogan, plain, rank_end_ok, DivisionRow, Gazetteer, NameMatch, Txt,
    KIND_FORMER,
};
use crate::py::{is_cjk, is_py_space, next_char, prev_char, CJK, PY_D, PY_S};
use once_cell::sync::Lazy;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use regex::{CaptureLocations, Regex};
use crate::gazetteer::{FxMap, FxSet};


const UNIT: &str = "(地区|[省市县区州旗盟])";
const STRONG_SELF: f64 = 3.0;
const WEAK_SELF: f64 = 3.0;
const PARTNER_WEIGHT: f64 = 0.3;
const MASK_SELF_WEIGHT: f64 = 1.0;
const MIN_CHILDREN: usize = 2;
const PROGRAMME_WEIGHT: f64 = 2.0;
const OWN_PROVINCE_WEIGHT: f64 = 3.0;
const SUBTITLE_WITHIN: usize = 200;
const ZONE_OPENING_CHARS: usize = 300;
const FORMER_MIN_CHARS: usize = 3;
const NOT_LOCAL_ABBRS: &str = "国中京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇云陕甘青宁新藏蒙";

struct Pats {
    self_patterns: Vec<(Regex, f64)>,
    county_level_city: Regex,
    district_organs: Regex,
    zone_author: Regex,
    district_government: Regex,
    self_after: Regex,
    partner_before: Regex,
    partner_after: Regex,
    book_title: Regex,
    self_side: Regex,
    own_situation_before: Regex,
    own_situation_after: Regex,
    zone_bracket_before: Regex,
    zone_bracket_after: Regex,
    quoted_project: Regex,
    year_frame_at_start: Regex,
    year_frame_before: Regex,
    result_after: Regex,
    slogan_before: Regex,
    doc_number: Regex,
    superior_after: Regex,
    superior_before: Regex,
    funds_after: Regex,
    won_before: Regex,
    guidance_after: Regex,
    rank_after: Regex,
    rank_before: Regex,
    own_towns: Regex,
    county_words: Regex,
    venue_after: Regex,
    venue_before: Regex,
    held_in: Regex,
    province_programme_after: Regex,
    own_province: Regex,
    held_in_before: Regex,
    subtitle: Regex,
    partner_work: Regex,
}

/// Words every match of each of `_SELF_PATTERNS` holds (a prefilter, as `_SELF_NEEDS`).
const SELF_NEEDS: [&[&str]; 8] = [&[], &["委", "政府"], &["全"], &["科"], &["自治区党委", "政府"],
                                  &["自治区科"], &["本级"], &["全"]];


static P: Lazy<Pats> = Lazy::new(|| Pats {
    // _SELF_PATTERNS without their look-arounds (tested in `self_check`)
    self_patterns: vec![
        (plain(&format!("(?:我|本){UNIT}")), 3.0),
        (plain(&format!("{UNIT}委[、,]?{UNIT}(?:人民)?政府")), 2.0),
        (plain(&format!("全{UNIT}")), 1.0),
        // (found from its bureau word: see `bureau_units`)
        (plain("科学技术局|科技局|经信科技局|工科局|科技厅"), 1.0),
        (plain("(自治区)党委[、,]?(?:自治区)?(?:人民)?政府"), 2.0),
        (plain("(自治区)(?:科学技术厅|科技厅)"), 1.0),
        (plain(&format!("{UNIT}本级")), 1.0),
        (plain(&format!("全[省市州国]各?{UNIT}(?:[(（][^)）]{{0,8}}[)）])?(?:之首|首位|前列|第|排名|排位|中)")), 2.0),
    ],
    county_level_city: plain("县级市(?:中|之中|里|排名|第)|(?:全国|全省)(?:百强)?县级市"),
    district_organs: plain("区(?:委|人民政府|政府|科技局|科学技术局)"),
    zone_author: plain(
        "(?:高新区|开发区|经开区|高新技术产业园区|工业园区|产业园区|综合保税区)(?:党工委|管委会|管理委员会)?\
         (?:科技创新局|科技局|科学技术局|科技和信息化局|科技信息局|经济发展局|经发局|创新发展局)"),
    district_government: plain("区(?:委|人民政府|政府|人大|政协)"),
    self_after: anchored(
        "[省市县区州旗盟]?(?:委|人民政府|政府|人大|政协)\
         |科技|科学技术|工科局|经信|研发|专利|发明|高新技术|创新|知识产权|新区|高新区\
         |(?:这座|这个)(?:县级市|城市|县城|县|区)"),
    partner_before: ending("与|同|和|跟|向|赴|到|援|帮扶|帮助|结对|对口|支援|援建|协作"),
    partner_after: anchored("[^，,。;；、\n]{0,4}?(?:结对|帮扶|对口|考察|签订|签约|签署|合作)"),
    book_title: plain("《[^《》\n]{1,80}》"),
    self_side: anchored("[与同和][^，,。;；、\n]{1,12}?(?:合作|交流|对接|协作|结对|共建)"),
    own_situation_before: ending("结合"),
    own_situation_after: anchored("[)）]?(?:的)?实际"),
    zone_bracket_before: ending("(?:新区|高新区|开发区|经开区|园区|试验区|示范区|产业园)[(（]"),
    zone_bracket_after: anchored("[)）]"),
    quoted_project: anchored(
        "[^“”\"「」\n。]{2,30}?(?:示范|研究|研发|应用|开发|集成|产业化|推广|攻关|建设)[”\"」]"),
    // (`^`: the text's start, searched only from there; `search_in` reads text[lo:hi])
    year_frame_at_start: ending(&format!(
        "^[ \\t　]*(?:(?:19|20)[{PY_D}]{{2}}年度?|今年|去年|全年|一年来)[，,]?")),
    year_frame_before: ending(&format!(
        "[。；;！\n][ \\t　]*(?:(?:19|20)[{PY_D}]{{2}}年度?|今年|去年|全年|一年来)[，,]?")),
    result_after: anchored(
        "(?:全年|共|累计)?(?:新增|新认定|实现|完成|登记|获批|争取|全社会|规上|规模以上|高新技术|科技型|技术合同|专利|研发)"),
    slogan_before: ending("创新|科创|智创|智造|数字|智慧"),
    doc_number: anchored(&format!(
        "[{CJK}](?:政办发|政办|政发|政函|委发|委办发|委办|科发|科字|科)\
         [{PY_S}]*[(（〔\\[【][{PY_S}]*(?:19|20)[{PY_D}][{PY_D}][{PY_S}]*[)）〕\\]】][{PY_S}]*[{PY_D}]{{1,4}}[{PY_S}]*号")),
    superior_after: anchored("(?:市|地区)?(?:下达|级以上|各县|所辖)"),
    superior_before: ending("申报"),
    funds_after: anchored("(?:级)?科技(?:计划|专项)?(?:资金|经费|项目)"),
    won_before: ending("(?:争取|到位|获得|获批|获)[^，,。；;\n]{0,8}"),
    guidance_after: anchored(
        "(?:科技局|科学技术局|科技厅|科学技术厅|科委|科技委员会|党委|人民政府|政府)(?:的)?\
         (?:精心|悉心|具体|有力|业务|正确|坚强)?(?:指导|领导)"),
    rank_after: anchored(&format!(
        "(?:市|地区)?(?:第|排名第?|排位第?)[{PY_D}一二三四五六七八九十]+(?:名|位)?")),
    rank_before: ending("[,，、;；]|居|列|为|位于|位列"),
    own_towns: plain(&format!(
        "[{CJK}]{{2}}镇[、，,和及][{CJK}]{{2}}镇|[{PY_D}]+个乡镇|各乡镇|全市(?:各)?乡镇")),
    county_words: plain("县|区县|各区|城区|辖区"),
    venue_after: anchored(
        "[)）]?[^，,。;；、\n]{0,16}?(?:交易会|博览会|展览会|洽谈会|推介会|对接会|交流会|\
         研讨会|论坛|峰会|大赛|博会|展会|年会)|[)）]?市场"),
    venue_before: ending("中国[(（]|销往|远销|运往"),
    held_in: anchored("(?:市)?(?:举办|召开|举行)"),
    province_programme_after: anchored(
        "省?级?(?:科技支撑|科技攻关|科技重大|重点研发|自然科学|科学技术|科技|重点|工程技术|\
         技术创新|星火|火炬|企业|新型)*(?:计划|专项|基金|实验室|研究中心|技术中心|研发机构|\
         科技奖|科学技术奖)"),
    own_province: plain("(?:我|本|全)省"),
    held_in_before: ending("在"),
    subtitle: plain("(?m)^[ \\t]*(?:——|—|--)[^\\n]{2,60}$"),
    partner_work: plain("对口支援|对口帮扶|对口合作|对口协作|援疆|援藏|援青|东西部(?:扶贫|科技)?协作|山海协作|闽宁"),
});

// ------------------------------------------------------------------ small helpers

/// Python's `f"{x:g}"`.
fn fmt_g(x: f64) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let p: i32 = 6;
    let sci = format!("{:.*e}", (p - 1) as usize, x);
    let (mant, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= p {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", strip(mant), sign, exp.abs())
    } else {
        strip(&format!("{:.*}", (p - 1 - exp) as usize, x))
    }
}

/// `d[k] += x` on an insertion-ordered dict (a defaultdict / Counter).
fn add(v: &mut Vec<(String, f64)>, k: &str, x: f64) {
    if let Some(e) = v.iter_mut().find(|e| e.0 == k) {
        e.1 += x;
    } else {
        v.push((k.to_string(), x));
    }
}

/// Twin of `_most`: the `n` highest, ties in insertion order (heapq.nlargest).
fn most(v: &[(String, f64)], n: usize) -> Vec<(String, f64)> {
    let mut out = v.to_vec();
    out.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    out.truncate(n);
    out
}

fn detail_of(v: &[(String, f64)]) -> String {
    most(v, 3).iter().map(|(k, s)| format!("{}:{}", k, fmt_g(*s))).collect::<Vec<_>>().join(", ")
}

fn unit_order(u: &str) -> i32 {
    match u {
        "区" | "县" | "旗" => 0,
        "市" | "州" | "盟" | "地区" => 1,
        _ => 2, // 省, 自治区
    }
}

fn unit_level_name(u: &str) -> &'static str {
    match u {
        "省" | "自治区" => "province",
        "市" | "州" | "盟" | "地区" => "city",
        "县" | "旗" => "county",
        "区" => "district",
        _ => "unknown",
    }
}

/// `(?<!自治)X` found somewhere in `s` (X = `re`).
fn search_not_after_zizhi(re: &Regex, s: &str) -> bool {
    let mut pos = 0;
    while let Some(m) = re.find_at(s, pos) {
        if !s[..m.start()].ends_with("自治") {
            return true;
        }
        pos = m.start() + next_char(s, m.start()).map_or(1, |c| c.len_utf8());
    }
    false
}

/// The look-arounds of `_SELF_PATTERNS[k]` at the match `l` of its `regex` part.
fn self_check(k: usize, s: &str, l: &CaptureLocations) -> bool {
    let (a, e) = l.get(0).unwrap();
    let prev = prev_char(s, a);
    let next = next_char(s, e);
    match k {
        0 => !next.map_or(false, |c| "场域级长".contains(c)),
        1 => {
            let (x0, x1) = l.get(1).unwrap();
            let (y0, y1) = l.get(2).unwrap();
            s[x0..x1] == s[y0..y1] // the \1 back reference
        }
        2 => prev != Some('占') && !next.map_or(false, |c| "场域".contains(c)),
        5 => !prev.map_or(false, is_cjk),
        4 => !prev.map_or(false, |c| "族古藏尔".contains(c)),
        _ => true,
    }
}

const MASK_CHARS: [char; 13] = ['X', 'x', '×', '*', '＊', 'Ｘ', 'ｘ', '_', '＿', '○', '〇', '□', '△'];

fn is_mask_char(c: char) -> bool {
    MASK_CHARS.contains(&c)
}

/// By the first byte of a character: 0 where a mask character may start, else the length
/// of the character's UTF-8 (a step from character to character, no decoding).
const MASK_STEP: [u8; 256] = {
    let mut step = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        step[b] = if b < 0xC0 { 1 } else if b < 0xE0 { 2 } else if b < 0xF0 { 3 } else { 4 };
        b += 1;
    }
    let mut k = 0;
    while k < MASK_CHARS.len() {
        let c = MASK_CHARS[k] as u32;
        let lead = if c < 0x80 { c } else if c < 0x800 { 0xC0 | c >> 6 } else { 0xE0 | c >> 12 };
        step[lead as usize] = 0;
        k += 1;
    }
    step
};

/// `(?<![0-9A-Za-z/\-.年月日_])` before a mask.
fn mask_prev_ok(prev: Option<char>) -> bool {
    !prev.map_or(false, |c| c.is_ascii_alphanumeric() || "/-.年月日_".contains(c))
}

/// A mask found: byte spans of the whole match, the mask and the unit.
#[derive(Clone, Copy)]
struct Mask {
    start: usize,
    end: usize,
    mask: (usize, usize),
    unit: (usize, usize),
}

/// `_MASK.finditer(s)` (`split`: false) or `_SPLIT_MASK.finditer(s)` (`split`: true),
/// written out: a run of 1 to 4 mask characters, (for a split mask: spaces, a line
/// break, spaces,) a unit, and the look-arounds.
fn mask_iter(s: &str, split: bool) -> Vec<Mask> {
    let at = |b: usize| next_char(s, b);
    let step = |b: usize| b + next_char(s, b).map_or(0, |c| c.len_utf8());
    let units = if split { "省市县区州旗盟縣區" } else { "省市县区州旗盟" };
    let not_after = if split { "县区市级縣區" } else { "县区市级" };
    let mut out = Vec::new();
    let mut skip_to = 0;
    let bytes = s.as_bytes();
    let mut from = 0;
    loop {
        // only the characters whose first byte may open a mask character are decoded (where
        // decoding each character of the text cost most of the time)
        let mut i = from;
        while i < bytes.len() && MASK_STEP[bytes[i] as usize] != 0 {
            i += MASK_STEP[bytes[i] as usize] as usize;
        }
        if i >= bytes.len() {
            break;
        }
        let c = next_char(s, i).unwrap();
        from = i + c.len_utf8();
        if i < skip_to || !is_mask_char(c) || !mask_prev_ok(prev_char(s, i)) {
            continue;
        }
        let mut j = i;
        let mut run = 0;
        while run < 5 && at(j).map_or(false, is_mask_char) {
            j = step(j);
            run += 1;
        }
        if run > 4 {
            continue; // a fifth mask character where the unit should be
        }
        let mask_end = j;
        if split {
            while matches!(at(j), Some(' ' | '\t' | '\u{3000}')) {
                j = step(j);
            }
            if at(j) == Some('\r') {
                j = step(j);
            }
            if at(j) != Some('\n') {
                continue;
            }
            j = step(j);
            while matches!(at(j), Some(' ' | '\t' | '\u{3000}')) {
                j = step(j);
            }
        }
        let unit_end = if s[j..].starts_with("地区") {
            j + "地区".len()
        } else if at(j).map_or(false, |c| units.contains(c)) {
            step(j)
        } else {
            continue;
        };
        if at(unit_end).map_or(false, |c| not_after.contains(c)) {
            continue;
        }
        out.push(Mask { start: i, end: unit_end, mask: (i, mask_end), unit: (j, unit_end) });
        skip_to = unit_end;
    }
    out
}

/// The units of `(?<![\u4e00-\u9fff])(地区|[省市县区州旗盟])(?:科学技术局|…|科技厅)` (the fourth
/// of `_SELF_PATTERNS`), found from the bureau words (`bureau`): a match is a unit and the
/// bureau word after it; no unit is inside a bureau word, so the matches are the bureau
/// words found with a unit before them (`地区` first, as the alternation tries it; when
/// its look-behind fails, so does that of its `区`, which follows `地`).
fn bureau_units(bureau: &Regex, s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in bureau.find_iter(s) {
        let q = m.start();
        let unit_start = if s[..q].ends_with("地区") {
            q - "地区".len()
        } else {
            match prev_char(s, q) {
                Some(c) if "省市县区州旗盟".contains(c) => q - c.len_utf8(),
                _ => continue,
            }
        };
        if !prev_char(s, unit_start).map_or(false, is_cjk) {
            out.push((unit_start, q));
        }
    }
    out
}

/// Twin of `_self_unit` (`head_is_text`: `source is head` holds for the text too).
/// (`masks`: those of the text and of the head, `mask_iter(_, false)`)
fn self_unit(text: &str, head: &str, head_is_text: bool, masks: [&[Mask]; 2]) -> (Option<String>, String) {
    let mut scores: Vec<(String, f64)> = Vec::new();
    for ((source, factor, is_head), source_masks) in [(text, 1.0, head_is_text), (head, 3.0, true)].into_iter().zip(masks) {
        for (k, (pattern, weight)) in P.self_patterns.iter().enumerate() {
            if !SELF_NEEDS[k].iter().all(|w| source.contains(w)) {
                continue; // a word every match holds is not in the text (`holds_all`)
            }
            if k == 3 {
                for (a, e) in bureau_units(pattern, source) {
                    add(&mut scores, &source[a..e], weight * factor);
                }
                continue;
            }
            for l in finditer_checked(pattern, source, |l| self_check(k, source, l)) {
                let (a, e) = l.get(1).unwrap();
                add(&mut scores, &source[a..e], weight * factor);
            }
        }
        let books: Vec<(usize, usize)> = P.book_title.find_iter(source).map(|m| (m.start(), m.end())).collect();
        for m in source_masks {
            let (a, e) = (m.start, m.end);
            if is_head || P.self_after.is_match(&source[e..]) || books.iter().any(|&(x, y)| x < a && a < y) {
                add(&mut scores, &source[m.unit.0..m.unit.1], MASK_SELF_WEIGHT * factor);
            }
        }
    }
    if scores.is_empty() {
        return (None, "no self reference".into());
    }
    let region_score = scores.iter().find(|e| e.0 == "自治区").map_or(0.0, |e| e.1);
    if region_score != 0.0 && scores.iter().any(|e| e.0 == "区") {
        let joined = format!("{}{}", text, head);
        if !search_not_after_zizhi(&P.district_organs, &joined) {
            let k = scores.iter().position(|e| e.0 == "区").unwrap();
            let (_, v) = scores.remove(k);
            add(&mut scores, "自治区", v);
        }
    }
    let best = scores.iter().map(|e| e.1).fold(f64::NEG_INFINITY, f64::max);
    let mut unit: Option<&str> = None;
    for (u, s) in &scores {
        if *s >= best / 2.0 && unit.map_or(true, |cur| unit_order(u) < unit_order(cur)) {
            unit = Some(u);
        }
    }
    let unit = unit.unwrap().to_string();
    let reason = format!("self unit {} ({})", unit, detail_of(&scores));
    (Some(unit), reason)
}

/// Twin of `_unit_of`.
fn unit_of(name: &str) -> &str {
    if name.ends_with("地区") {
        return "地区";
    }
    if name.ends_with("自治区") || name.ends_with("特别行政区") {
        return "区";
    }
    match name.char_indices().next_back() {
        Some((i, c)) if "省市县区州旗盟".contains(c) => &name[i..],
        _ => "",
    }
}

/// Twin of `_has_unit`.
fn has_unit(name: &str, unit: &str) -> bool {
    unit_of(name) == unit || (unit == "自治区" && name.ends_with("自治区"))
}

/// Twin of `_PROJECT_AFTER.match(text, pos)`:
/// `[^，,。;；、:：\n《》“”]{2,24}?[”"」]?(?:项目|专项|工程)(?![^，,。;；\n]{0,6}?(?:结对|帮扶|对口|合作))`.
fn project_after(t: &Txt, pos: usize) -> bool {
    let n = t.n();
    let pos = pos.min(n);
    let keyword = |p: usize| -> Option<usize> {
        let w = t.sl(p, p + 2);
        if w == "项目" || w == "专项" || w == "工程" {
            Some(p + 2)
        } else {
            None
        }
    };
    let partner_follows = |e: usize| -> bool {
        for j in 0..=6 {
            if j > 0 {
                match t.at(e + j - 1) {
                    Some(c) if !"，,。;；\n".contains(c) => {}
                    _ => return false,
                }
            }
            let w = t.sl(e + j, e + j + 2);
            if w == "结对" || w == "帮扶" || w == "对口" || w == "合作" {
                return true;
            }
        }
        false
    };
    for k in 1..=24 {
        match t.at(pos + k - 1) {
            Some(c) if !"，,。;；、:：\n《》“”".contains(c) => {}
            _ => break,
        }
        if k < 2 {
            continue;
        }
        let q = pos + k;
        if t.at(q).map_or(false, |c| "”\"」".contains(c)) {
            if let Some(e) = keyword(q + 1) {
                if !partner_follows(e) {
                    return true;
                }
            }
        }
        if let Some(e) = keyword(q) {
            if !partner_follows(e) {
                return true;
            }
        }
    }
    false
}

/// Twin of `_Candidate`.
struct Candidate {
    div: usize,
    score: f64,
    bonus: f64,
    reasons: Vec<String>,
    former: Option<String>,
}

/// One text under resolution: the gazetteer, the text and its sentence marks.
struct Ctx<'a> {
    g: &'a Gazetteer,
    t: Txt<'a>,
    marks: Vec<usize>,
}

type Chosen = FxMap<usize, usize>; // match start -> division

impl<'a> Ctx<'a> {
    fn text_of(&self, m: &NameMatch) -> &str {
        &self.g.surfaces[m.sid].text
    }

    /// Twin of `_in_partner_work`.
    fn in_partner_work(&self, m: &NameMatch) -> bool {
        let n = self.t.n();
        let i = self.marks.partition_point(|&p| p < m.start);
        let start = if i > 0 { self.marks[i - 1] + 1 } else { 0 };
        let j = self.marks.partition_point(|&p| p < m.end);
        let end = if j < self.marks.len() && self.marks[j] < n { self.marks[j] } else { n };
        self.t.search_in(&P.partner_work, start, end)
    }

    /// Twin of `_is_partner`.
    fn is_partner(&self, m: &NameMatch) -> bool {
        self.t.search_in(&P.partner_before, m.start.saturating_sub(2), m.start)
            || self.t.matches(&P.partner_after, m.end)
    }

    fn rank_after(&self, pos: usize) -> bool {
        self.t.match_end(&P.rank_after, pos).map_or(false, |e| rank_end_ok(&self.t, e))
    }

    /// Twin of `_is_superior`.
    fn is_superior(&self, m: &NameMatch) -> bool {
        let t = &self.t;
        t.matches(&P.superior_after, m.end)
            || t.matches(&P.guidance_after, m.end)
            || t.search_in(&P.superior_before, m.start.saturating_sub(2), m.start)
            || (t.matches(&P.funds_after, m.end) && t.search_in(&P.won_before, m.start.saturating_sub(12), m.start))
            || (self.rank_after(m.end) && t.search_in(&P.rank_before, m.start.saturating_sub(2), m.start))
    }

    /// Twin of `_is_venue`.
    fn is_venue(&self, m: &NameMatch) -> bool {
        let t = &self.t;
        t.matches(&P.venue_after, m.end)
            || t.search_in(&P.venue_before, m.start.saturating_sub(3), m.start)
            || (t.search_in(&P.held_in_before, m.start.saturating_sub(1), m.start) && t.matches(&P.held_in, m.end))
    }

    /// Twin of `_under_a_city`.
    fn under_a_city(&self, matches: &[NameMatch], chosen: &Chosen) -> bool {
        matches.iter().any(|m| {
            chosen.get(&m.start).map_or(false, |&d| self.g.divs[d].level == 1) && self.is_superior(m)
        })
    }

    /// Twin of `_runs_towns`.
    fn runs_towns(&self, chosen: &Chosen) -> bool {
        if !P.own_towns.is_match(self.t.s) || P.county_words.is_match(self.t.s) {
            return false;
        }
        !chosen.values().any(|&d| self.g.divs[d].level >= 2)
    }

    /// Twin of `_resolve_senses`.
    fn resolve_senses(&self, matches: &[NameMatch]) -> Chosen {
        let g = self.g;
        let named: FxSet<usize> = matches.iter()
            .filter(|m| g.surfaces[m.sid].senses.len() == 1)
            .map(|m| g.surfaces[m.sid].senses[0].div)
            .collect();
        let mut chosen = Chosen::default();
        for m in matches {
            let senses = &g.surfaces[m.sid].senses;
            if senses.len() == 1 {
                chosen.insert(m.start, senses[0].div);
                continue;
            }
            let inside: Vec<usize> = senses.iter().map(|s| s.div)
                .filter(|&d| g.ancestors(d).iter().any(|a| named.contains(a)))
                .collect();
            if inside.len() == 1 {
                chosen.insert(m.start, inside[0]);
                continue;
            }
            let top = senses.iter().map(|s| g.divs[s.div].level).min().unwrap();
            let tops: Vec<usize> = senses.iter().map(|s| s.div).filter(|&d| g.divs[d].level == top).collect();
            if tops.len() == 1 {
                chosen.insert(m.start, tops[0]);
            }
        }
        chosen
    }

    /// Twin of `_former_name`.
    fn former_name(&self, m: &NameMatch, d: Option<usize>, unit: Option<&str>) -> Option<String> {
        let (d, unit) = (d?, unit?);
        let surface = &self.g.surfaces[m.sid];
        if !surface.text.ends_with(unit) || surface.nchars < FORMER_MIN_CHARS {
            return None;
        }
        if surface.senses.iter().any(|s| s.kind == KIND_FORMER && s.div == d) {
            return Some(surface.text.clone());
        }
        None
    }

    /// Twin of `_self_context`.
    fn self_context(&self, m: &NameMatch, d: usize) -> bool {
        let t = &self.t;
        let div = &self.g.divs[d];
        let before = m.start.saturating_sub(6);
        let own_project = div.level >= 2 && matches!(unit_of(&div.name), "县" | "区" | "旗");
        t.matches(&P.self_side, m.end)
            || (t.search_in(&P.own_situation_before, before, m.start) && t.matches(&P.own_situation_after, m.end))
            || (t.search_in(&P.zone_bracket_before, before, m.start) && t.matches(&P.zone_bracket_after, m.end))
            || t.search_in(&P.slogan_before, before, m.start)
            || in_slogan(t, m.start, m.end)
            || (own_project && project_after(t, m.end))
            || (own_project && m.start > 0 && "“\"「".contains(t.ch[m.start - 1])
                && t.matches(&P.quoted_project, m.end))
            || ((t.search_in(&P.year_frame_before, m.start.saturating_sub(12), m.start)
                 || (m.start <= 12 && t.search_in(&P.year_frame_at_start, 0, m.start)))
                && t.matches(&P.result_after, m.end))
    }

    /// Twin of `_score_named`.
    fn score_named(&self, head_end: usize, matches: &[NameMatch], chosen: &Chosen, unit: Option<&str>) -> Vec<Candidate> {
        let t = &self.t;
        let g = self.g;
        let books: Vec<(usize, usize)> = P.book_title.find_iter(t.s).map(|m| (t.c(m.start()), t.c(m.end()))).collect();
        let mut doc_abbrs: FxSet<char> = FxSet::default();
        // `_DOC_NUMBER.finditer`: every match holds 号, and is a character then 政, 委 or 科,
        // so it is tried (anchored) only there
        if t.s.contains('号') {
            let mut pos = 0;
            for (a, c) in chars_before(t.s, &["政", "委", "科"]) {
                if a < pos {
                    continue;
                }
                if let Some(m) = P.doc_number.find(&t.s[a..]) {
                    if !NOT_LOCAL_ABBRS.contains(c) {
                        doc_abbrs.insert(c);
                    }
                    pos = a + m.end();
                }
            }
        }
        let district_organs = unit == Some("区") && search_not_after_zizhi(&P.district_organs, t.s);
        let mut cands: Vec<Candidate> = Vec::new();
        let mut index: FxMap<usize, usize> = FxMap::default();
        for m in matches {
            let d = chosen.get(&m.start).copied();
            let former = self.former_name(m, d, unit);
            let d = match d {
                None => continue,
                Some(d) => d,
            };
            let div = &g.divs[d];
            if let Some(u) = unit {
                if !has_unit(&div.name, u) && former.is_none() {
                    continue;
                }
            }
            if district_organs && div.level == 0 {
                continue; // 广西 in a report of one of its districts
            }
            let k = *index.entry(d).or_insert_with(|| {
                cands.push(Candidate { div: d, score: 0.0, bonus: 0.0, reasons: Vec::new(), former: None });
                cands.len() - 1
            });
            let c = &mut cands[k];
            if c.former.is_none() {
                c.former = former;
            }
            let text = self.text_of(m);
            if self.is_partner(m) || self.is_superior(m) {
                c.score += PARTNER_WEIGHT;
                c.reasons.push(format!("partner:{}", text));
                continue;
            }
            let mut bonus = 0.0;
            if m.start < head_end {
                bonus += 3.0;
                c.reasons.push(format!("title:{}", text));
            }
            if books.iter().any(|&(a, b)| a < m.start && m.start < b) {
                bonus += 2.0;
                c.reasons.push(format!("《{}…》", text));
            }
            if t.matches(&P.self_after, m.end) {
                bonus += 2.0;
                c.reasons.push(format!("{}{}", text, t.sl(m.end, m.end + 2)));
            } else if self.self_context(m, d) {
                bonus += 2.0;
                c.reasons.push(format!("own:{}", t.sl(m.start.saturating_sub(2), m.end + 4)));
            }
            c.score += 1.0 + bonus;
            c.bonus += bonus;
        }
        for c in cands.iter_mut() {
            let div = &g.divs[c.div];
            let short = div.short_name.as_deref().filter(|s| !s.is_empty()).unwrap_or(&div.name);
            if let Some(first) = short.chars().next() {
                if c.score >= 1.0 && doc_abbrs.contains(&first) {
                    c.score += 2.0;
                    c.bonus += 2.0;
                    c.reasons.push(format!("document number {}政…", first));
                }
            }
        }
        cands.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
        cands
    }

    /// Twin of `_recover_from_children`.
    fn recover_from_children(&self, matches: &[NameMatch], chosen: &Chosen, unit: &str) -> Option<(usize, usize)> {
        let g = self.g;
        let mut children: Vec<(usize, FxSet<usize>)> = Vec::new();
        for m in matches {
            let d = match chosen.get(&m.start) {
                Some(&d) => d,
                None => continue,
            };
            if g.divs[d].parent_code.is_none() || self.is_partner(m) {
                continue;
            }
            if let Some(parent) = g.divs[d].parent {
                if has_unit(&g.divs[parent].name, unit) {
                    match children.iter_mut().find(|e| e.0 == parent) {
                        Some(e) => {
                            e.1.insert(d);
                        }
                        None => children.push((parent, std::iter::once(d).collect())),
                    }
                }
            }
        }
        children.sort_by(|a, b| b.1.len().cmp(&a.1.len())); // stable
        if children.is_empty() || children[0].1.len() < MIN_CHILDREN {
            return None;
        }
        if children.len() > 1 && children[1].1.len() >= children[0].1.len() {
            return None;
        }
        Some((children[0].0, children[0].1.len()))
    }

    /// Twin of `_vote_province`.
    fn vote_province(&self, matches: &[NameMatch], kept: &FxSet<usize>, chosen: &Chosen) -> (Option<String>, String) {
        let g = self.g;
        let t = &self.t;
        let mut votes: Vec<(String, f64)> = Vec::new();
        let mut named_provinces: Vec<&str> = Vec::new();
        for m in matches {
            if self.is_venue(m) || (self.in_partner_work(m) && !t.matches(&P.guidance_after, m.end)) {
                continue;
            }
            let is_kept = kept.contains(&m.start);
            let d = if is_kept { chosen.get(&m.start).copied() } else { None };
            let senses = &g.surfaces[m.sid].senses;
            let first = &g.divs[senses[0].div].province_name;
            let province: &str = if senses.iter().all(|s| &g.divs[s.div].province_name == first) {
                first
            } else {
                match d {
                    Some(d) if g.divs[d].level == 0 => &g.divs[d].province_name,
                    _ => continue,
                }
            };
            if is_kept {
                let is_province = d.map_or(false, |d| g.divs[d].level == 0);
                add(&mut votes, province, if is_province { 2.0 } else { 1.0 });
                if is_province && !self.is_partner(m) {
                    if g.divs[d.unwrap()].name.ends_with('省') && !named_provinces.contains(&province) {
                        named_provinces.push(province);
                    }
                    if t.matches(&P.province_programme_after, m.end) {
                        add(&mut votes, province, PROGRAMME_WEIGHT);
                    }
                }
            } else if senses.iter().any(|s| g.divs[s.div].level <= 1) {
                add(&mut votes, province, 1.0);
            }
        }
        if named_provinces.len() == 1 {
            let own = finditer_checked(&P.own_province, t.s, |l| {
                let (_, e) = l.get(0).unwrap();
                next_char(t.s, e) != Some('级')
            });
            if !own.is_empty() {
                add(&mut votes, named_provinces[0], OWN_PROVINCE_WEIGHT);
            }
        }
        for w in g.regional_word_matches(t) {
            if w.abbreviation {
                // inside a match's span (matches are sorted and apart)
                let i = matches.partition_point(|m| m.start <= w.start);
                if i > 0 && w.start < matches[i - 1].end {
                    continue;
                }
            }
            if t.search_in(&P.partner_before, w.start.saturating_sub(2), w.start) {
                continue;
            }
            add(&mut votes, &w.province, if w.abbreviation { 1.0 } else { 2.0 });
        }
        if votes.is_empty() {
            return (None, "no province named".into());
        }
        let ranked = most(&votes, 2);
        let detail = detail_of(&votes);
        if ranked.len() > 1 && ranked[1].1 >= ranked[0].1 {
            return (None, format!("province votes tied ({})", detail));
        }
        (Some(ranked[0].0.clone()), format!("province by vote ({})", detail))
    }

    /// Twin of `_former`.
    fn former(&self, c: &Candidate) -> Option<(String, &'static str)> {
        let name = c.former.as_ref()?;
        let d = &self.g.divs[c.div];
        if *name == d.name {
            return None;
        }
        let parent_is_city = d.parent.map_or(false, |p| self.g.divs[p].level == 1);
        if name.ends_with('县') || name.ends_with('旗') || (name.ends_with('市') && parent_is_city) {
            return Some((name.clone(), "county"));
        }
        Some((name.clone(), if name.ends_with('区') { "district" } else { d.level_name() }))
    }

    /// Twin of `_resolution`.
    fn resolution(&self, d: usize, masked: bool, evidence: String, former: Option<(String, &'static str)>) -> Out {
        let div = &self.g.divs[d];
        match former {
            Some((name, level)) => {
                let evidence = format!("{}; its former name {}", evidence, name);
                (Some(name), level.to_string(), Some(div.province_name.clone()), Some(div.code.clone()), masked, evidence)
            }
            None => (Some(div.name.clone()), div.level_name().to_string(), Some(div.province_name.clone()),
                     Some(div.code.clone()), masked, evidence),
        }
    }

    /// Twin of `_unit_level`.
    fn unit_level(&self, unit: &str, county_city: bool) -> String {
        if unit == "市" && (county_city || P.county_level_city.is_match(self.t.s)) {
            return "county".into();
        }
        unit_level_name(unit).into()
    }
}

type Out = (Option<String>, String, Option<String>, Option<String>, bool, String);

/// Twin of `_masked_names`: (name as written, count) in the order first found.
/// (`masks`: `mask_iter(text, false)`)
fn masked_names(text: &str, masks: &[Mask], unit: &str, raw: Option<&str>) -> Vec<(String, i64)> {
    let mut found: Vec<(String, i64)> = Vec::new();
    let mut bump = |k: String| {
        if let Some(e) = found.iter_mut().find(|e| e.0 == k) {
            e.1 += 1;
        } else {
            found.push((k, 1));
        }
    };
    for m in masks {
        if &text[m.unit.0..m.unit.1] == unit {
            bump(text[m.start..m.end].to_string());
        }
    }
    let raw = raw.unwrap_or("");
    for m in mask_iter(raw, true) {
        let split_unit = match &raw[m.unit.0..m.unit.1] {
            "縣" => "县",
            "區" => "区",
            u => u,
        };
        if split_unit == unit {
            bump(format!("{}{}", &raw[m.mask.0..m.mask.1], split_unit));
        }
    }
    found
}

/// `Counter.most_common(1)[0][0]`: the first of the highest counts.
fn most_common(v: &[(String, i64)]) -> &str {
    let mut best = 0;
    for (i, e) in v.iter().enumerate() {
        if e.1 > v[best].1 {
            best = i;
        }
    }
    &v[best].0
}

/// Twin of `resolve_region`. `title_is_clean`: the title is the clean text's own object.
fn resolve(g: &Gazetteer, clean_text: &str, title: Option<&str>, raw_text: Option<&str>, title_is_clean: bool) -> Out {
    let owned: String;
    let head: &str;
    let text: &str;
    let mut head_end: usize;
    let head_is_text: bool;
    match title.filter(|s| !s.is_empty()) {
        Some(ti) => {
            head = ti;
            owned = format!("{}\n{}", ti, clean_text);
            text = &owned;
            head_end = ti.chars().count();
            head_is_text = title_is_clean;
        }
        None => {
            let body = clean_text.trim_start_matches(is_py_space);
            let line = body.split('\n').next().unwrap();
            head = match line.char_indices().nth(80) {
                Some((b, _)) => &line[..b],
                None => line,
            };
            text = clean_text;
            head_end = clean_text.chars().count() - body.chars().count() + head.chars().count();
            // `body is clean_text`, `split` and `[:80]` return the very string when they change nothing
            head_is_text = body.len() == clean_text.len() && !clean_text.contains('\n') && head.len() == line.len();
        }
    }
    let t = Txt::new(text);
    let marks: Vec<usize> = t.ch.iter().enumerate()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n')) // SENTENCE_MARKS
        .map(|(i, _)| i).collect();
    let cx = Ctx { g, t, marks };
    let t = &cx.t;

    if let Some((_, e)) = t.search_span(&P.subtitle, head_end, head_end + SUBTITLE_WITHIN) {
        head_end = e; // `——洛阳市推进企业科技创新工作侧记` under a feature's headline
    }
    let clean_masks = mask_iter(clean_text, false);
    let head_masks = mask_iter(head, false);
    let (unit, unit_reason) = self_unit(clean_text, head, head_is_text, [&clean_masks, &head_masks]);
    let matches = g.find_names(t);
    let kept_matches = g.supported_names(&matches);
    let kept: FxSet<usize> = kept_matches.iter().map(|m| m.start).collect();
    let chosen = cx.resolve_senses(&kept_matches);

    if let Some((a, e)) = t.search_span(&P.zone_author, 0, head_end + ZONE_OPENING_CHARS) {
        if !search_not_after_zizhi(&P.district_government, t.s) {
            let (province, province_reason) = cx.vote_province(&matches, &kept, &chosen);
            return (None, "unknown".into(), province, None, true,
                    format!("a development zone's bureau ({}): no division of its own; {}", t.sl(a, e), province_reason));
        }
    }

    if let Some(unit) = unit.as_deref() {
        // the masks of the text, from those found: with a title, the text is the title, a
        // line break and the clean text, and no mask reaches over a line break nor is read
        // otherwise beside one than at a text's start or end
        let text_masks: Vec<Mask> = if t.s.len() == clean_text.len() {
            clean_masks
        } else {
            let shift = head.len() + 1;
            head_masks.iter().copied()
                .chain(clean_masks.iter().map(|m| Mask {
                    start: m.start + shift,
                    end: m.end + shift,
                    mask: (m.mask.0 + shift, m.mask.1 + shift),
                    unit: (m.unit.0 + shift, m.unit.1 + shift),
                }))
                .collect()
        };
        let masked = masked_names(t.s, &text_masks, unit, raw_text);
        let n_masked: i64 = masked.iter().map(|e| e.1).sum();
        let mask_note = if masked.is_empty() {
            String::new()
        } else {
            format!("masked {} ×{}", most_common(&masked), n_masked)
        };
        let mut ranked = cx.score_named(head_end, &kept_matches, &chosen, Some(unit));
        let has_title = ranked.first().map_or(false, |top| top.reasons.iter().any(|r| r.starts_with("title:")));
        if has_title {
            // a bureau named in the title is not outvoted by the city above it
            let top_div = ranked[0].div;
            let mut rest: Vec<Candidate> = ranked.drain(1..).collect();
            rest.retain(|c| !g.is_within(top_div, c.div));
            ranked.extend(rest);
        }
        let clear = !ranked.is_empty() && (ranked.len() == 1 || ranked[1].score * 2.0 <= ranked[0].score);
        let mut why = String::new();
        if clear {
            let top = &ranked[0];
            let joined = top.reasons.iter().take(4).cloned().collect::<Vec<_>>().join("; ");
            let reasons = if joined.is_empty() { format!("{} mentions", fmt_g(top.score)) } else { joined };
            why = format!("{}; named {} score {} ({})", unit_reason, g.divs[top.div].name, fmt_g(top.score), reasons);
            // 1. Named as itself, and at least as often as the mask it also writes.
            if top.bonus >= 2.0 && top.score >= STRONG_SELF.max(n_masked as f64) {
                let evidence = if masked.is_empty() { why.clone() } else { format!("{}; also {}", why, mask_note) };
                return cx.resolution(top.div, !masked.is_empty(), evidence, cx.former(top));
            }
        }
        let county_city = unit == "市" && (cx.under_a_city(&kept_matches, &chosen) || cx.runs_towns(&chosen));
        // 2. Own counties/districts named (not for a county-level city).
        if !(unit == "市" && (county_city || P.county_level_city.is_match(t.s))) {
            if let Some((d, n)) = cx.recover_from_children(&kept_matches, &chosen, unit) {
                let note = if masked.is_empty() { String::new() } else { format!(" ({})", mask_note) };
                return cx.resolution(d, true, format!("{}; own name not written{}; {} of its counties/districts named → {}",
                                                      unit_reason, note, n, g.divs[d].name), None);
            }
        }
        // 3. Named often enough, with no masked name competing.
        if clear && masked.is_empty() && ranked[0].score >= WEAK_SELF {
            let top = &ranked[0];
            return cx.resolution(top.div, false, why, cx.former(top));
        }
        let (province, province_reason) = cx.vote_province(&matches, &kept, &chosen);
        // 4. A province's own bureau: the province its own words point to.
        if unit == "省" && masked.is_empty() {
            if let Some(p) = province.as_deref() {
                if let Some(own) = g.by_name(p).into_iter().find(|&d| g.divs[d].level == 0) {
                    return cx.resolution(own, false, format!("{}; a province's own report; {}", unit_reason, province_reason), None);
                }
            }
        }
        // 5. Masked name as written.
        if !masked.is_empty() {
            let name = most_common(&masked).to_string();
            let mask_unit = if name.ends_with("地区") {
                "地区".to_string()
            } else {
                name.chars().next_back().unwrap().to_string()
            };
            let level = cx.unit_level(&mask_unit, county_city);
            return (Some(name), level, province, None, true,
                    format!("{}; {}; {}", unit_reason, mask_note, province_reason));
        }
        // 6. Never written.
        return (None, cx.unit_level(unit, county_city), province, None, true,
                format!("{}; name never written; {}", unit_reason, province_reason));
    }

    // No self reference: only a division named as itself with a cue will do.
    let ranked = cx.score_named(head_end, &kept_matches, &chosen, None);
    if !ranked.is_empty() && ranked[0].bonus >= 2.0 && ranked[0].score >= STRONG_SELF
        && (ranked.len() == 1 || ranked[1].score * 2.0 <= ranked[0].score)
    {
        let top = &ranked[0];
        let reasons = top.reasons.iter().take(4).cloned().collect::<Vec<_>>().join("; ");
        return cx.resolution(top.div, false, format!("{}; named {} score {} ({})", unit_reason,
                                                     g.divs[top.div].name, fmt_g(top.score), reasons), None);
    }
    let (province, province_reason) = cx.vote_province(&matches, &kept, &chosen);
    (None, "unknown".into(), province, None, false, format!("{}; {}", unit_reason, province_reason))
}

/// The gazetteer's data as the Python `Gazetteer` holds them once built
/// (`init_from` in the glue): divisions (`_by_code` order) as
/// (admin_code, name, short_name, level, parent_code, province_code, province_name, former_names),
/// `_senses` as (surface, [(admin_code, kind)]), `_always_anchored`, `_lengths`, and the
/// items of `_regional`, `_abbreviations`, `_product_abbreviations`, `_document_numbers`.
/// Returns the compiled gazetteer, which Python keeps beside its own (one per Gazetteer).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn region_init(
    divisions: Vec<DivisionRow>,
    senses: Vec<(String, Vec<(String, String)>)>,
    always_anchored: Vec<String>,
    lengths: Vec<(String, Vec<usize>)>,
    regional: Vec<(String, String)>,
    abbreviations: Vec<(String, String)>,
    product_abbreviations: Vec<(String, String)>,
    document_numbers: Vec<(String, String)>,
) -> PyResult<CompiledGazetteer> {
    let g = Gazetteer::new(divisions, senses, always_anchored, lengths, regional, abbreviations,
                           product_abbreviations, document_numbers)
        .map_err(PyRuntimeError::new_err)?;
    Lazy::force(&P);
    crate::gazetteer::force_patterns();
    Ok(CompiledGazetteer { g })
}

/// A gazetteer built by `region_init`, held by Python beside the Gazetteer it copies.
#[pyclass]
pub struct CompiledGazetteer {
    g: Gazetteer,
}

/// Twin of `loaders.region.resolve_region` (with a gazetteer of `region_init`): the six
/// fields of its RegionResolution.
#[pyfunction]
fn resolve_region(
    py: Python,
    gazetteer: PyRef<CompiledGazetteer>,
    clean_text: &PyString,
    title: Option<&PyString>,
    raw_text: Option<&str>,
) -> PyResult<Out> {
    let g = &gazetteer.g;
    let title_is_clean = title.map_or(false, |t| t.is(clean_text));
    let clean = clean_text.to_str()?;
    let title = match title {
        Some(t) => Some(t.to_str()?),
        None => None,
    };
    crate::without_gil(py, || resolve(g, clean, title, raw_text, title_is_clean))
}

pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_class::<CompiledGazetteer>()?;
    m.add_function(wrap_pyfunction!(region_init, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_region, m)?)?;
    Ok(())
}
