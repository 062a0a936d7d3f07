//! Twin of loaders/gazetteer.py (the lookups and the name finder that loaders/region.py
//! uses): the data come from the Python `Gazetteer` once built (see `region::region_init`),
//! so that its construction is not repeated here.
//!
//! Positions are Python's: character offsets (`Txt` maps them to byte offsets).
use crate::py::{is_cjk, is_py_space, next_char, prev_char, CJK, PY_D, PY_S};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::{HashMap, HashSet};

pub const LEVELS: [&str; 4] = ["province", "city", "county", "district"];
pub const KIND_NAME: u8 = 0;
pub const KIND_FORMER: u8 = 1;
pub const KIND_SHORT: u8 = 2;
pub const KIND_FORMER_SHORT: u8 = 3;

/// A fast hasher for the lookups of short keys (FxHash): no key comes from outside.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);
impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64)
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64)
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
pub type FxBuild = std::hash::BuildHasherDefault<Fx>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxSet<K> = HashSet<K, FxBuild>;

/// `^(?:p)`: for Python's `pattern.match(text, pos)` (applied to the text from `pos` on).
pub fn anchored(p: &str) -> Regex {
    Regex::new(&format!("^(?:{})", p)).unwrap()
}

/// `(?:p)$` searched in text[lo:hi]: Python's `$` is the end or before a final `\n`.
pub fn ending(p: &str) -> Regex {
    Regex::new(&format!("(?:{})\n?\\z", p)).unwrap()
}

pub fn plain(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

/// A text indexed by character (Python's offsets), with its byte offsets.
pub struct Txt<'a> {
    pub s: &'a str,
    pub ch: Vec<char>,
    pub cb: Vec<usize>, // byte offset of each character, and the length at the end
}

impl<'a> Txt<'a> {
    pub fn new(s: &'a str) -> Self {
        let mut ch = Vec::with_capacity(s.len() / 2);
        let mut cb = Vec::with_capacity(s.len() / 2 + 1);
        for (b, c) in s.char_indices() {
            ch.push(c);
            cb.push(b);
        }
        cb.push(s.len());
        Txt { s, ch, cb }
    }
    pub fn n(&self) -> usize {
        self.ch.len()
    }
    /// Byte offset of a character offset (clamped to the end, as Python clamps).
    pub fn b(&self, c: usize) -> usize {
        self.cb[c.min(self.ch.len())]
    }
    /// Character offset of a byte offset (a character boundary).
    pub fn c(&self, b: usize) -> usize {
        match self.cb.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i,
        }
    }
    /// text[a:e] (clamped).
    pub fn sl(&self, a: usize, e: usize) -> &'a str {
        let n = self.n();
        let (a, e) = (a.min(n), e.min(n));
        if a >= e {
            ""
        } else {
            &self.s[self.cb[a]..self.cb[e]]
        }
    }
    pub fn at(&self, i: usize) -> Option<char> {
        self.ch.get(i).copied()
    }
    /// `pattern.match(text, pos)` for an `anchored` pattern: the end of the match.
    pub fn match_end(&self, re: &Regex, pos: usize) -> Option<usize> {
        let b = self.b(pos);
        re.find(&self.s[b..]).map(|m| self.c(b + m.end()))
    }
    pub fn matches(&self, re: &Regex, pos: usize) -> bool {
        re.is_match(&self.s[self.b(pos)..])
    }
    /// `pattern.search(text, lo, hi)` for an `ending` pattern (or any without `^`, `\b`):
    /// found or not. (On text[lo:hi]: regex 1.7.1's `is_match_at` fails on patterns
    /// anchored at the end.)
    pub fn search_in(&self, re: &Regex, lo: usize, hi: usize) -> bool {
        let (lo, hi) = (self.b(lo), self.b(hi));
        if lo > hi {
            return false;
        }
        re.is_match(&self.s[lo..hi])
    }
    /// `pattern.search(text, lo, hi)`: the span (characters).
    pub fn search_span(&self, re: &Regex, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let (lo, hi) = (self.b(lo), self.b(hi));
        if lo > hi {
            return None;
        }
        re.find_at(&self.s[..hi], lo).map(|m| (self.c(m.start()), self.c(m.end())))
    }
}

/// `finditer` of a pattern whose look-arounds (left out of `re`) are tested by `check`
/// on the match found at a position: when it fails, the next position is tried.
/// (For patterns whose match at a position is the only one there.)
pub fn finditer_checked<F>(re: &Regex, s: &str, mut check: F) -> Vec<regex::CaptureLocations>
where
    F: FnMut(&regex::CaptureLocations) -> bool,
{
    let mut out = Vec::new();
    let mut pos = 0;
    let mut locs = re.capture_locations();
    while pos <= s.len() {
        if re.captures_read_at(&mut locs, s, pos).is_none() {
            break;
        }
        let (a, e) = locs.get(0).unwrap();
        if check(&locs) {
            out.push(locs.clone());
            pos = if e > a { e } else { e + next_char(s, e).map_or(1, |c| c.len_utf8()) };
        } else {
            pos = a + next_char(s, a).map_or(1, |c| c.len_utf8());
        }
    }
    out
}

/// The byte offsets and characters right before the occurrences of the `words` (memmem), in
/// order: where a match may start of a pattern that opens with a character then one of them.
pub fn chars_before(s: &str, words: &[&str]) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = words
        .iter()
        .flat_map(|w| memchr::memmem::find_iter(s.as_bytes(), w.as_bytes()))
        .filter_map(|p| prev_char(s, p).map(|c| (p - c.len_utf8(), c)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Twin of `Division`.
pub struct Division {
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub level: usize, // LEVEL_RANK
    pub parent_code: Option<String>,
    pub parent: Option<usize>,
    pub province_name: String,
}

impl Division {
    pub fn level_name(&self) -> &'static str {
        LEVELS[self.level]
    }
}

/// Twin of `Sense`: a division (index) and how the surface names it.
#[derive(Clone, Copy)]
pub struct Sense {
    pub div: usize,
    pub kind: u8,
}

pub struct Surface {
    pub text: String,
    pub nchars: usize,
    pub senses: Vec<Sense>,
    pub always_anchored: bool,
}

/// Twin of `NameMatch`: `sid` is the surface (its text and senses).
#[derive(Clone, Copy, Debug)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub sid: usize,
    pub anchored: bool,
}

/// Twin of `RegionalWord`.
#[allow(dead_code)]
pub struct RegionalWord {
    pub start: usize,
    pub end: usize,
    pub province: String,
    pub abbreviation: bool,
}

#[allow(dead_code)]
pub struct Gazetteer {
    pub divs: Vec<Division>,
    pub by_code: FxMap<String, usize>,
    pub surfaces: Vec<Surface>,
    pub surface_id: FxMap<String, usize>,
    lengths: FxMap<(char, char), Vec<usize>>,
    opening_pairs: Vec<u64>, // bits of `pair_slot` of the two characters that open a surface
    abbreviation_chars: Vec<u64>, // bits of the abbreviations' and product abbreviations' characters
    regional: FxMap<String, String>,
    regional_re: Option<Regex>,
    abbreviations: FxMap<char, String>,
    products: FxMap<char, String>,
    document_numbers: FxMap<char, String>,
    document_number_re: Option<Regex>, // anchored: tried where 科 follows a character of its class
}

pub type DivisionRow = (String, String, Option<String>, String, Option<String>, String, String, Vec<String>);

struct GazPatterns {
    after_cue: Regex,
    before_cue: Regex,
    slogan_verb: Regex,
    slogan_quoted: Regex,
    slogan_after: Regex,
    rank_before: Regex,
    rank_after: Regex,
    person_after: Regex,
    person_before: Regex,
}

const SLOGAN_WORDS: [&str; 28] = ["创新", "科创", "智创", "智造", "数字", "智慧", "富美", "幸福", "美丽", "活力",
    "实力", "魅力", "生态", "平安", "法治", "健康", "文明", "品质", "人文", "和谐",
    "精致", "大美", "秀美", "锦绣", "开放", "绿色", "宜居", "美好"];
pub const GENERIC_AREA_WORDS: [&str; 4] = ["市区", "城区", "郊区", "矿区"];
const WORDS_ENDING_IN_A_NAME: &[&str] = &["完成", "形成", "组成", "建成", "达成", "促成", "造成", "变成",
    "构成", "生成", "合成", "养成", "落成", "集成", "筹成", "总和", "缓和", "平和", "调和", "柔和", "温和",
    "饱和", "祥和"];
const PROVINCE_ABBREVIATIONS: &str = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云陕秦甘陇青宁新藏蒙港澳台";
const PRODUCT_WORDS: &str = "药茶菜酒烟";

static GP: Lazy<GazPatterns> = Lazy::new(|| {
    let w = format!("(?:{})", SLOGAN_WORDS.join("|"));
    GazPatterns {
        after_cue: anchored(
            "市委|县委|区委|州委|旗委|盟委|省委|党委|人民政府|政府|人大|政协\
             |地区|片区|辖区|境内|全境|城区|当地|籍\
             |高新区|高新技术产业开发区|经开区|经济技术开发区|开发区|新区|农高区|工业园|产业园|科技城\
             |科技局|科学技术局|科技厅|知识产权局|经信|工科局|财政局"),
        before_cue: ending("赴|抵|驻|落户|来自|位于|地处"),
        slogan_verb: ending(&format!(
            "(?:打造|建设|建成|争创|构建|再造|奋力|加快|共建|迈向)[{}]{{0,4}}?新", CJK)),
        slogan_quoted: ending(&format!(
            "[“\"「『‘]{w}|[“\"「『‘][^”\"」』’。\n]{{0,28}}、{w}")),
        slogan_after: anchored(&format!(
            "[”\"」』’,，。;；、!！{}]|(?:总体|奋斗|发展|战略)?目标|提供|作出|做出|贡献|而奋斗", PY_S)),
        rank_before: ending("居|列|为|位居|位列|排名|排"),
        rank_after: anchored(&format!("(?:市|地区)?(?:第|前)[{}一二三四五六七八九十]+(?:名|位)?", PY_D)),
        person_after: anchored(&format!("[{}]?(?:同志|先生|女士|教授|博士|院士|研究员)", CJK)),
        person_before: ending(&format!(
            "(?:主席|局长|主任|书记|县长|市长|区长|部长|厅长|处长|科长|经理|董事长|专家|同志)[{}]", CJK)),
    }
});

/// Compiles the patterns here (at `region_init`: not within a first report's time).
pub fn force_patterns() {
    Lazy::force(&GP);
}

/// `_SLOGAN_WORD_ENDS`: the last characters of the slogan words.
fn slogan_word_end(c: char) -> bool {
    matches!(c, '新' | '创' | '造' | '字' | '慧' | '美' | '福' | '丽' | '力' | '态' | '安' | '治' | '康'
        | '明' | '质' | '文' | '谐' | '致' | '绣' | '放' | '色' | '居' | '好')
}

/// `(?=[,，。;；、)）\s]|$)` at `end`.
pub fn rank_end_ok(t: &Txt, end: usize) -> bool {
    match t.at(end) {
        None => true,
        Some(c) => ",，。;；、)）".contains(c) || is_py_space(c),
    }
}

/// Twin of `in_rank` (gazetteer.py).
pub fn in_rank(t: &Txt, start: usize, end: usize) -> bool {
    t.search_in(&GP.rank_before, start.saturating_sub(2), start)
        && t.match_end(&GP.rank_after, end).map_or(false, |e| rank_end_ok(t, e))
}

/// `_SLOGAN_AFTER.match(text, end)`.
fn slogan_after(t: &Txt, end: usize) -> bool {
    end >= t.n() || t.matches(&GP.slogan_after, end)
}

/// Twin of `in_slogan` (gazetteer.py).
pub fn in_slogan(t: &Txt, start: usize, end: usize) -> bool {
    if end - start <= 2 {
        if let Some(c) = t.at(end - 1) {
            if "县市区旗".contains(c) {
                return false;
            }
        }
    }
    (t.search_in(&GP.slogan_verb, start.saturating_sub(9), start)
        || t.search_in(&GP.slogan_quoted, start.saturating_sub(34), start))
        && slogan_after(t, end)
}

/// The slots of `Gazetteer::opening_pairs`: few of them are taken, so that most pairs of
/// characters of a text fall on an empty one.
const PAIR_SLOTS: usize = 1 << 18;

/// A pair of characters' slot among `PAIR_SLOTS` (a multiplicative hash).
fn pair_slot(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77);
    (h >> 14) as usize & (PAIR_SLOTS - 1)
}

impl Gazetteer {
    /// Built from what the Python Gazetteer holds after construction (see region_init).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        divisions: Vec<DivisionRow>,
        senses: Vec<(String, Vec<(String, String)>)>,
        always_anchored: Vec<String>,
        lengths: Vec<(String, Vec<usize>)>,
        regional: Vec<(String, String)>,
        abbreviations: Vec<(String, String)>,
        products: Vec<(String, String)>,
        document_numbers: Vec<(String, String)>,
    ) -> Result<Gazetteer, String> {
        let mut divs = Vec::new();
        let mut by_code = FxMap::default();
        for (code, name, short_name, level, parent_code, _province_code, province_name, _formers) in divisions {
            let level = LEVELS.iter().position(|l| *l == level).ok_or(format!("bad level {}", level))?;
            by_code.insert(code.clone(), divs.len());
            divs.push(Division { code, name, short_name, level, parent_code, parent: None, province_name });
        }
        for i in 0..divs.len() {
            let p = divs[i].parent_code.as_ref().and_then(|c| by_code.get(c).copied());
            divs[i].parent = p;
        }
        let anchored_set: HashSet<String> = always_anchored.into_iter().collect();
        let mut surfaces = Vec::new();
        let mut surface_id = FxMap::default();
        for (text, items) in senses {
            let mut ss = Vec::new();
            for (code, kind) in items {
                let div = *by_code.get(&code).ok_or(format!("unknown code {}", code))?;
                let kind = match kind.as_str() {
                    "name" => KIND_NAME,
                    "former" => KIND_FORMER,
                    "short" => KIND_SHORT,
                    "former_short" => KIND_FORMER_SHORT,
                    _ => return Err(format!("bad kind {}", kind)),
                };
                ss.push(Sense { div, kind });
            }
            surface_id.insert(text.clone(), surfaces.len());
            surfaces.push(Surface {
                nchars: text.chars().count(),
                always_anchored: anchored_set.contains(&text),
                text,
                senses: ss,
            });
        }
        let mut lens = FxMap::default();
        for (prefix, sizes) in lengths {
            let mut it = prefix.chars();
            if let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) {
                lens.insert((a, b), sizes);
            }
        }
        // `_regional_re`: the words, longest first (a stable sort of the dict's order)
        let mut words: Vec<&String> = regional.iter().map(|(w, _)| w).collect();
        // (sorted by the length of Python's `re.escape` of each word)
        let py_escaped_len = |w: &str| -> usize {
            w.chars().map(|c| if "()[]{}?*+-|^$\\.&~# \t\n\r\x0B\x0C".contains(c) { 2 } else { 1 }).sum()
        };
        words.sort_by_key(|w| std::cmp::Reverse(py_escaped_len(w)));
        let regional_re = if words.is_empty() {
            None
        } else {
            Some(plain(&words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")))
        };
        let regional_map: FxMap<String, String> = regional.iter().cloned().collect();
        let to_chars = |v: Vec<(String, String)>| -> FxMap<char, String> {
            let mut out = FxMap::default();
            for (w, p) in v {
                for c in w.chars() {
                    out.entry(c).or_insert_with(|| p.clone());
                }
            }
            out
        };
        let doc_chars: String = document_numbers.iter().map(|(w, _)| w.as_str()).collect();
        let document_number_re = if document_numbers.is_empty() {
            None
        } else {
            let class: String = doc_chars.chars().map(|c| regex::escape(&c.to_string())).collect();
            Some(anchored(&format!(
                "[{class}]科[{CJK}]{{0,3}}[〔\\[［(（][{PY_S}]?(?:19|20)[{PY_D}]{{2}}[{PY_S}]?[〕\\]］)）]")))
        };
        let mut opening_pairs = vec![0u64; PAIR_SLOTS / 64];
        for &(a, b) in lens.keys() {
            let slot = pair_slot(a, b);
            opening_pairs[slot >> 6] |= 1 << (slot & 63);
        }
        let mut abbreviation_chars = vec![0u64; 1024];
        let abbreviations = to_chars(abbreviations);
        let products = to_chars(products);
        for &c in abbreviations.keys().chain(products.keys()) {
            if (c as u32) < 0x10000 {
                abbreviation_chars[c as usize >> 6] |= 1 << (c as u32 & 63);
            }
        }
        Ok(Gazetteer {
            opening_pairs,
            abbreviation_chars,
            divs,
            by_code,
            surfaces,
            surface_id,
            lengths: lens,
            regional: regional_map,
            regional_re,
            abbreviations,
            products,
            document_numbers: to_chars(document_numbers),
            document_number_re,
        })
    }

    fn maybe_abbreviation(&self, c: char) -> bool {
        (c as u32) >= 0x10000 || self.abbreviation_chars[c as usize >> 6] & (1 << (c as u32 & 63)) != 0
    }

    pub fn code(&self, d: usize) -> &str {
        &self.divs[d].code
    }

    /// Twin of `Gazetteer.is_within`: `anc` is `d` or one above it.
    pub fn is_within(&self, d: usize, anc: usize) -> bool {
        if d == anc {
            return true;
        }
        let mut p = self.divs[d].parent;
        while let Some(x) = p {
            if x == anc {
                return true;
            }
            p = self.divs[x].parent;
        }
        false
    }

    /// Twin of `Gazetteer.ancestors`.
    pub fn ancestors(&self, d: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut p = self.divs[d].parent;
        while let Some(x) = p {
            out.push(x);
            p = self.divs[x].parent;
        }
        out
    }

    /// Twin of `Gazetteer.by_name`.
    pub fn by_name(&self, name: &str) -> Vec<usize> {
        match self.surface_id.get(name) {
            None => Vec::new(),
            Some(&sid) => self.surfaces[sid].senses.iter().filter(|s| s.kind == KIND_NAME).map(|s| s.div).collect(),
        }
    }

    /// Twin of `Gazetteer.find_names`.
    pub fn find_names(&self, t: &Txt) -> Vec<NameMatch> {
        let n = t.n();
        let mut matches: Vec<NameMatch> = Vec::new();
        let mut last_end = 0;
        let mut i = 0;
        while i + 1 < n {
            if i < last_end {
                i = last_end;
                continue;
            }
            let slot = pair_slot(t.ch[i], t.ch[i + 1]);
            if self.opening_pairs[slot >> 6] & (1 << (slot & 63)) == 0 {
                i += 1;
                continue; // no surface opens with these two characters (no look-up of `lengths`)
            }
            let options = match self.lengths.get(&(t.ch[i], t.ch[i + 1])) {
                Some(o) => o,
                None => {
                    i += 1;
                    continue;
                }
            };
            if slogan_word_end(t.ch[i]) && t.search_in(&GP.slogan_quoted, i.saturating_sub(34), i + 1) {
                i += 1;
                continue; // “创新余杭”: 新余 would take the slogan's word
            }
            for &size in options {
                let surface = t.sl(i, i + size);
                let sid = match self.surface_id.get(surface) {
                    Some(&s) => s,
                    None => continue,
                };
                let last = surface.chars().next_back().unwrap();
                if "县市区州".contains(last) && t.sl(i + size, i + size + 1) == "级" {
                    continue; // 新建县级众创空间
                }
                let anchored = if self.surfaces[sid].always_anchored {
                    true
                } else {
                    let prev = matches.last().filter(|p| p.end == i).copied();
                    self.anchored(t, i, i + size, sid, prev)
                };
                matches.push(NameMatch { start: i, end: i + size, sid, anchored });
                last_end = i + size;
                break;
            }
            i += 1;
        }
        Self::anchor_pairs(t, matches)
    }

    /// Twin of `Gazetteer._anchor_pairs`.
    fn anchor_pairs(t: &Txt, matches: Vec<NameMatch>) -> Vec<NameMatch> {
        let mut out = matches.clone();
        for k in 0..matches.len() {
            let m = matches[k];
            if m.anchored {
                continue;
            }
            for j in [k as isize - 1, k as isize + 1] {
                if j < 0 || j as usize >= matches.len() || !matches[j as usize].anchored {
                    continue;
                }
                let other = matches[j as usize];
                let (left, right) = if (j as usize) < k { (other, m) } else { (m, other) };
                if right.start == left.end + 1 && t.at(left.end).map_or(false, |c| "与和同".contains(c)) {
                    out[k].anchored = true;
                    break;
                }
            }
        }
        out
    }

    /// Twin of `Gazetteer._anchored`.
    fn anchored(&self, t: &Txt, start: usize, end: usize, sid: usize, prev: Option<NameMatch>) -> bool {
        if let Some(p) = prev {
            let senses = &self.surfaces[sid].senses;
            let psenses = &self.surfaces[p.sid].senses;
            if senses.iter().any(|s| psenses.iter().any(|q| self.is_within(s.div, q.div))) {
                return true;
            }
        }
        if GENERIC_AREA_WORDS.contains(&t.sl(start, end)) {
            return false;
        }
        if end - start == 2 && WORDS_ENDING_IN_A_NAME.contains(&t.sl(start.saturating_sub(1), start + 1)) {
            return false;
        }
        if t.matches(&GP.after_cue, end) {
            return true;
        }
        t.search_in(&GP.before_cue, start.saturating_sub(2), start)
            || in_slogan(t, start, end)
            || in_rank(t, start, end)
    }

    /// Twin of `Gazetteer.supported_names`.
    pub fn supported_names(&self, matches: &[NameMatch]) -> Vec<NameMatch> {
        // per distinct surface: its codes and parent codes
        let mut order: Vec<usize> = Vec::new();
        let mut seen: FxSet<usize> = FxSet::default();
        for m in matches {
            if seen.insert(m.sid) {
                order.push(m.sid);
            }
        }
        let codes_of = |sid: usize| -> FxSet<&str> {
            self.surfaces[sid].senses.iter().map(|s| self.code(s.div)).collect()
        };
        let parents_of = |sid: usize| -> FxSet<&str> {
            self.surfaces[sid].senses.iter()
                .filter_map(|s| self.divs[s.div].parent_code.as_deref())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let codes: FxMap<usize, FxSet<&str>> = order.iter().map(|&s| (s, codes_of(s))).collect();
        let parents: FxMap<usize, FxSet<&str>> = order.iter().map(|&s| (s, parents_of(s))).collect();
        let anchored_surfaces: FxSet<usize> = matches.iter().filter(|m| m.anchored).map(|m| m.sid).collect();
        let mut code_count: FxMap<&str, i64> = FxMap::default();
        let mut parent_count: FxMap<&str, i64> = FxMap::default();
        for cs in codes.values() {
            for c in cs {
                *code_count.entry(c).or_insert(0) += 1;
            }
        }
        for ps in parents.values() {
            for p in ps {
                *parent_count.entry(p).or_insert(0) += 1;
            }
        }
        let supported = |sid: usize| -> bool {
            let own = !anchored_surfaces.contains(&sid);
            let named_elsewhere = |code: Option<&str>| -> bool {
                match code {
                    None => false,
                    Some(c) => {
                        code_count.get(c).copied().unwrap_or(0)
                            - (own && codes[&sid].contains(c)) as i64 > 0
                    }
                }
            };
            let parent_elsewhere = |code: Option<&str>| -> bool {
                match code {
                    None => false,
                    Some(c) => {
                        parent_count.get(c).copied().unwrap_or(0)
                            - (own && parents[&sid].contains(c)) as i64 > 0
                    }
                }
            };
            self.surfaces[sid].senses.iter().any(|s| {
                let d = &self.divs[s.div];
                let pc = d.parent_code.as_deref();
                named_elsewhere(Some(&d.code)) || named_elsewhere(pc)
                    || parent_elsewhere(Some(&d.code)) || parent_elsewhere(pc)
            })
        };
        let mut verdict: FxMap<usize, bool> = FxMap::default();
        let mut kept = Vec::new();
        for m in matches {
            if m.anchored {
                kept.push(*m);
                continue;
            }
            if GENERIC_AREA_WORDS.contains(&self.surfaces[m.sid].text.as_str()) {
                continue;
            }
            let v = *verdict.entry(m.sid).or_insert_with(|| supported(m.sid));
            if v {
                kept.push(*m);
            }
        }
        kept
    }

    /// Twin of `Gazetteer.regional_word_matches`.
    pub fn regional_word_matches(&self, t: &Txt) -> Vec<RegionalWord> {
        let mut out = Vec::new();
        if let Some(re) = &self.regional_re {
            for m in re.find_iter(t.s) {
                out.push(RegionalWord {
                    start: t.c(m.start()),
                    end: t.c(m.end()),
                    province: self.regional[m.as_str()].clone(),
                    abbreviation: false,
                });
            }
        }
        // abbreviations and products in one pass over the characters; the products come
        // after the document numbers, as they were found (`sorted` keeps that order)
        let n = t.n();
        let mut products = Vec::new();
        for i in 0..n {
            let c = t.ch[i];
            if !self.maybe_abbreviation(c) {
                continue;
            }
            if let Some(province) = self.abbreviations.get(&c) {
                let beside_another = (i > 0 && PROVINCE_ABBREVIATIONS.contains(t.ch[i - 1]))
                    || (i + 1 < n && PROVINCE_ABBREVIATIONS.contains(t.ch[i + 1]));
                if !beside_another
                    && !t.matches(&GP.person_after, i + 1)
                    && !t.search_in(&GP.person_before, i.saturating_sub(6), i)
                {
                    out.push(RegionalWord { start: i, end: i + 1, province: province.clone(), abbreviation: true });
                }
            }
            if let Some(province) = self.products.get(&c) {
                if !(i > 0 && is_cjk(t.ch[i - 1])) && i + 1 < n && PRODUCT_WORDS.contains(t.ch[i + 1]) {
                    products.push(RegionalWord { start: i, end: i + 1, province: province.clone(), abbreviation: true });
                }
            }
        }
        if let Some(re) = &self.document_number_re {
            // `finditer` with the look-behind checked: every match is a character of the
            // class then 科, so it is tried (anchored) only there, where the search ran a
            // prefilter stopping at nearly every Chinese character
            let mut pos = 0;
            for (a, c) in chars_before(t.s, &["科"]) {
                let Some(province) = self.document_numbers.get(&c) else { continue };
                if a < pos {
                    continue;
                }
                let Some(m) = re.find(&t.s[a..]) else { continue };
                let e = a + c.len_utf8();
                if prev_char(t.s, a).map_or(false, is_cjk) {
                    pos = e; // the next try is a character on
                    continue;
                }
                out.push(RegionalWord { start: t.c(a), end: t.c(e), province: province.clone(), abbreviation: false });
                pos = a + m.end();
            }
        }
        out.extend(products);
        out.sort_by_key(|w| w.start); // stable, as `sorted`
        out
    }
}
