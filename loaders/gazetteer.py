"""The gazetteer of China's administrative divisions and a fast name finder.

Built once from the rows of `seeds/reference/admin_divisions.csv` (see
`scripts/build_gazetteer.py`); every lookup afterwards is a dict access, and
`find_names` scans a text for every division name at tens of MB/s, so region
resolution stays cheap on large corpora.

Short names (`襄阳`, `鼎城`) are also ordinary words in some cases (`合作`,
`资源`, `新兴`, `光明` are the short names of 合作市, 资源县, 新兴县, 光明区).
`find_names` therefore marks each short-name match as `anchored` or not by
general rules of context (a containing division named just before it, an
administrative or organ word after it, a name of three or more characters), and
`supported_names` keeps an unanchored short name only when the same text also
names the division another way or names a division above or below it.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

LEVELS = ("province", "city", "county", "district")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

# How a surface string names a division, strongest first.
KIND_NAME = "name"                  # current full name: 襄阳市
KIND_FORMER = "former"              # former full name: 襄樊市
KIND_SHORT = "short"                # current name without its suffix: 襄阳
KIND_FORMER_SHORT = "former_short"  # former name without its suffix: 襄樊
KIND_RANK = {KIND_NAME: 0, KIND_FORMER: 1, KIND_SHORT: 2, KIND_FORMER_SHORT: 3}

# Suffixes stripped from former names to get their short forms (current short
# names come from the CSV). Longest first; at least two characters must remain.
_FORMER_SUFFIXES = ("地区", "省", "市", "县", "区", "旗", "盟")

# Words that, right after a short name, show it is used as a place name:
# party/government organs, bureaus, zones named after the place. (A unit
# character alone is no cue: `新建省级` is 新建 + 省级, not 新建区.)
_AFTER_CUE = re.compile(
    r"""(?:
        市委|县委|区委|州委|旗委|盟委|省委|党委|人民政府|政府|人大|政协
      | 地区|片区|辖区|境内|全境|城区|当地|籍
      | 高新区|高新技术产业开发区|经开区|经济技术开发区|开发区|新区|农高区|工业园|产业园|科技城
      | 科技局|科学技术局|科技厅|知识产权局|经信|工科局|财政局
    )""",
    re.VERBOSE,
)
# Words right before a short name that introduce a place.
_BEFORE_CUE = re.compile(r"(?:赴|抵|驻|落户|来自|位于|地处)$")
# Names that are also the common nouns for a part of any city: 市区 (downtown, the
# former name of 华龙区), 城区, 郊区, 矿区. `市区科技局` is a city's downtown bureau, not
# 华龙区's: such a word reads as a name only right after a division containing it
# (`阳泉城区`), never by an organ word after it or a place verb before it.
GENERIC_AREA_WORDS = frozenset({"市区", "城区", "郊区", "矿区"})
# A division's own slogan ends in its name: `打造质量新鄞州`, `“科创嘉善”`. The name
# closes it (a quote, a punctuation mark or the goal's noun follows); a bare `创新资源,`
# is no slogan, so without a verb before `新` the slogan must be quoted.
_SLOGAN_VERB = re.compile(
    r"(?:打造|建设|建成|争创|构建|再造|奋力|加快|共建|迈向)[\u4e00-\u9fff]{0,4}?新$")
# (a quoted slogan, or one item of a quoted list of them: `“粮食稳产、农民增收、富美西平”`)
_SLOGAN_WORDS = ("创新", "科创", "智创", "智造", "数字", "智慧", "富美", "幸福", "美丽", "活力",
                 "实力", "魅力", "生态", "平安", "法治", "健康", "文明", "品质", "人文", "和谐",
                 "精致", "大美", "秀美", "锦绣", "开放", "绿色", "宜居", "美好")
_SLOGAN_WORD = "(?:" + "|".join(_SLOGAN_WORDS) + ")"
_SLOGAN_QUOTED = re.compile(rf"[“\"「『‘]{_SLOGAN_WORD}$|[“\"「『‘][^”\"」』’。\n]{{0,28}}、{_SLOGAN_WORD}$")
_SLOGAN_LIST_CHARS = 34   # how far back the quote opening a list of slogans may be
_SLOGAN_WORD_ENDS = frozenset(w[-1] for w in _SLOGAN_WORDS)   # the last characters of those words
# (the name ends the slogan: a mark, the goal's noun, or what one does for it: `为…新大庆提供`)
_SLOGAN_AFTER = re.compile(r"[”\"」』’,，。;；、!！\s]|(?:总体|奋斗|发展|战略)?目标|提供|作出|做出|贡献|而奋斗|$")


# Words whose last character opens a two-character name (成县, 和县) when written before it.
_WORDS_ENDING_IN_A_NAME = frozenset(
    "完成 形成 组成 建成 达成 促成 造成 变成 构成 生成 合成 养成 落成 集成 筹成 "
    "总和 缓和 平和 调和 柔和 温和 饱和 祥和".split())


# A rank within a division is a place's: `居绍兴第2`, `均为绍兴第一` (the rank ends its
# phrase, unlike an ordinal in a name: `襄阳第一中学`).
_RANK_BEFORE = re.compile(r"(?:居|列|为|位居|位列|排名|排)$")
_RANK_AFTER = re.compile(
    r"(?:市|地区)?(?:第|前)[\d一二三四五六七八九十]+(?:名|位)?(?=[,，。;；、)）\s]|$)")


def in_rank(text: str, start: int, end: int) -> bool:
    """True when the name at text[start:end] is the division a rank is taken in."""
    return bool(_RANK_BEFORE.search(text, max(0, start - 2), start)
                and _RANK_AFTER.match(text, end))


def in_slogan(text: str, start: int, end: int) -> bool:
    """True when the name at text[start:end] closes a slogan (`打造质量新鄞州”`); a
    two-character name ending in its unit is a slogan's verb and object (`开放兴县`, 兴县)."""
    if end - start <= 2 and text[end - 1] in "县市区旗":
        return False
    return bool((_SLOGAN_VERB.search(text, max(0, start - 9), start)
                 or _SLOGAN_QUOTED.search(text, max(0, start - _SLOGAN_LIST_CHARS), start))
                and _SLOGAN_AFTER.match(text, end))


# Kinds of regional_words.csv rows read as a province's one-character abbreviation.
KIND_ABBREVIATION = "abbreviation"                  # seldom anything else: 滇 黔 湘
KIND_ABBREVIATION_PRODUCT = "abbreviation_product"  # also a common character: 云 川
KIND_DOCUMENT_NUMBER = "document_number"  # the province in its S&T department's document numbers: 川科高〔2018〕5号
_PRODUCT_WORDS = "[药茶菜酒烟]"
# Every province's abbreviation and 港澳台: several side by side name a wider region.
_PROVINCE_ABBREVIATIONS = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云陕秦甘陇青宁新藏蒙港澳台")
# A character inside a person's name: `刘黔云同志`, `主席刘黔云`.
_PERSON_AFTER = re.compile(r"[\u4e00-\u9fff]?(?:同志|先生|女士|教授|博士|院士|研究员)")
_PERSON_BEFORE = re.compile(
    r"(?:主席|局长|主任|书记|县长|市长|区长|部长|厅长|处长|科长|经理|董事长|专家|同志)"
    r"[\u4e00-\u9fff]$")


@dataclass(frozen=True)
class RegionalWord:
    """A word of one province in a text (`苏北`, `三高四新`, the abbreviation `滇`)."""

    start: int
    end: int
    word: str
    province: str
    abbreviation: bool           # a one-character abbreviation: a weaker vote


@dataclass(frozen=True)
class Division:
    """One administrative division, as one row of the gazetteer CSV."""

    admin_code: str
    name: str
    short_name: str | None
    level: str                    # province | city | county | district
    parent_code: str | None
    province_code: str
    province_name: str
    former_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sense:
    """One division that a surface string can denote, and how it names it."""

    division: Division
    kind: str                     # name | former | short | former_short


@dataclass(frozen=True)
class NameMatch:
    """A span of text that is a division name; `senses` are the divisions it may denote."""

    start: int
    end: int
    text: str
    senses: tuple[Sense, ...]
    anchored: bool                # reads as a place name from its length or its context

    @property
    def kind(self) -> str:
        """The strongest way this surface names any of its divisions."""
        return min((s.kind for s in self.senses), key=KIND_RANK.__getitem__)

    @property
    def divisions(self) -> tuple[Division, ...]:
        return tuple(s.division for s in self.senses)


def _former_short(name: str) -> str | None:
    """Short form of a former name: plain suffix off, None if under two characters remain."""
    if "自治" in name:
        return None
    for suffix in _FORMER_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _division_from_row(row: Mapping[str, object]) -> Division:
    """A Division from a CSV/DuckDB row; codes are kept as 6-digit text."""

    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    def code(key: str) -> str | None:
        value = text(key)
        if not value:
            return None
        if value.endswith(".0"):          # a code that went through a float
            value = value[:-2]
        return value.zfill(6)

    admin_code = code("admin_code")
    if admin_code is None or len(admin_code) != 6 or not admin_code.isdigit():
        raise ValueError(f"bad admin_code in gazetteer row: {row!r}")
    level = text("level")
    if level not in LEVEL_RANK:
        raise ValueError(f"bad level {level!r} for {admin_code}")
    formers = tuple(n for n in text("former_names").split("|") if n)
    return Division(
        admin_code=admin_code,
        name=text("name"),
        short_name=text("short_name") or None,
        level=level,
        parent_code=code("parent_code"),
        province_code=code("province_code") or admin_code[:2] + "0000",
        province_name=text("province_name"),
        former_names=formers,
    )


class Gazetteer:
    """Lookups by code, name, short name and former name, and a name finder for texts."""

    def __init__(
        self,
        rows: Iterable[Mapping[str, object]],
        regional_words: Iterable[Mapping[str, object]] = (),
    ) -> None:
        # words naming part of one province (苏北, 陕南): seeds/reference/regional_words.csv;
        # a province's one-character abbreviation (滇, 湘) is read by rules of its own kind
        self._regional: dict[str, str] = {}
        self._abbreviations: dict[str, str] = {}
        self._product_abbreviations: dict[str, str] = {}
        self._document_numbers: dict[str, str] = {}
        for r in regional_words:
            word, province = str(r["word"]), str(r["province_name"])
            kind = str(r.get("kind") or "")
            if kind == KIND_ABBREVIATION:
                self._abbreviations[word] = province
            elif kind == KIND_ABBREVIATION_PRODUCT:
                self._product_abbreviations[word] = province
            elif kind == KIND_DOCUMENT_NUMBER:
                self._document_numbers[word] = province
            else:
                self._regional[word] = province
        self._regional_re = (
            re.compile("|".join(sorted(map(re.escape, self._regional), key=len, reverse=True)))
            if self._regional else None)
        self._abbreviation_re = (
            re.compile(f"[{''.join(self._abbreviations)}]") if self._abbreviations else None)
        self._product_re = (
            re.compile(f"(?<![\u4e00-\u9fff])[{''.join(self._product_abbreviations)}]"
                       f"(?={_PRODUCT_WORDS})") if self._product_abbreviations else None)
        # a provincial department's document number: `川科高〔2018〕5号`, `苏科技发[2021]12号`
        self._document_number_re = (
            re.compile(f"(?<![\u4e00-\u9fff])(?P<a>[{''.join(self._document_numbers)}])科[\u4e00-\u9fff]{{0,3}}"
                       r"[〔\[［(（]\s?(?:19|20)\d{2}\s?[〕\]］)）]") if self._document_numbers else None)
        divisions = [_division_from_row(r) for r in rows]
        self._by_code: dict[str, Division] = {}
        for d in divisions:
            if d.admin_code in self._by_code:
                raise ValueError(f"duplicate admin_code {d.admin_code}")
            self._by_code[d.admin_code] = d
        self._children: dict[str, list[Division]] = defaultdict(list)
        for d in divisions:
            if d.parent_code:
                self._children[d.parent_code].append(d)

        senses: dict[str, list[Sense]] = defaultdict(list)

        def add(surface: str | None, division: Division, kind: str) -> None:
            if not surface or len(surface) < 2:
                return
            if any(s.division is division and s.kind == kind for s in senses[surface]):
                return
            senses[surface].append(Sense(division, kind))

        for d in divisions:
            add(d.name, d, KIND_NAME)
            add(d.short_name, d, KIND_SHORT)
            # The usual spoken full form of an autonomous division: 海北州, 长阳县.
            for suffix, unit in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
                if d.short_name and d.name.endswith(suffix):
                    add(d.short_name + unit, d, KIND_NAME)
            for former in d.former_names:
                add(former, d, KIND_FORMER)
                add(_former_short(former), d, KIND_FORMER_SHORT)
        # Each surface keeps only its strongest kind: 沙县 is the former full
        # name of 沙县区 and also its short name; a full name beats a short one.
        self._senses: dict[str, tuple[Sense, ...]] = {}
        for surface, items in senses.items():
            best = min(KIND_RANK[s.kind] for s in items)
            ranked = [s for s in items if KIND_RANK[s.kind] == best]
            ranked.sort(key=lambda s: (LEVEL_RANK[s.division.level], s.division.admin_code))
            self._senses[surface] = tuple(ranked)
        # Surfaces that read as place names whatever their context: three or
        # more characters (襄阳市, 老河口), or a province's name (广西, 湖南).
        self._always_anchored = frozenset(
            surface for surface, found in self._senses.items()
            if len(surface) >= 3 or any(s.division.level == "province" for s in found))

        # Finder: candidate starts are positions whose first two characters begin
        # some surface; a character-class regex finds them in C, and a dict of
        # lengths per two-character prefix confirms the longest surface there.
        lengths: dict[str, set[int]] = defaultdict(set)
        for surface in self._senses:
            lengths[surface[:2]].add(len(surface))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        first = "".join(sorted({s[0] for s in self._senses}))
        second = "".join(sorted({s[1] for s in self._senses}))
        self._candidate = re.compile(f"(?=[{re.escape(first)}][{re.escape(second)}])")

        self.compiled: object | None = None   # its compiled twin, made on first use (loaders.region)

    def compiled_tables(self) -> tuple[object, ...]:
        """The built gazetteer as its compiled twin takes it (`keji_native.region_init`):
        the divisions, the senses of each surface, the finder's tables and the regional words,
        so that the twin copies what was built here rather than building it again."""
        divisions = [(d.admin_code, d.name, d.short_name, d.level, d.parent_code, d.province_code,
                      d.province_name, tuple(d.former_names)) for d in self]
        senses = [(surface, [(s.division.admin_code, s.kind) for s in found])
                  for surface, found in self._senses.items()]
        return (divisions, senses, sorted(self._always_anchored), list(self._lengths.items()),
                list(self._regional.items()), list(self._abbreviations.items()),
                list(self._product_abbreviations.items()), list(self._document_numbers.items()))

    # ----------------------------------------------------------------- lookups
    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def get(self, admin_code: str) -> Division | None:
        """The division with this 6-digit code, or None."""
        return self._by_code.get(admin_code)

    def lookup(self, surface: str) -> tuple[Sense, ...]:
        """Every division the exact string names, strongest kind only, higher levels first."""
        return self._senses.get(surface, ())

    def by_name(self, name: str) -> tuple[Division, ...]:
        """Divisions whose current full name is `name` (several: 朝阳区, 和平区)."""
        return tuple(s.division for s in self.lookup(name) if s.kind == KIND_NAME)

    def by_short_name(self, short: str) -> tuple[Division, ...]:
        """Divisions whose current short name is `short` (when no full name is spelled so)."""
        return tuple(s.division for s in self.lookup(short) if s.kind == KIND_SHORT)

    def by_former_name(self, name: str) -> tuple[Division, ...]:
        """Divisions formerly called `name`, full (`襄樊市`) or short (`襄樊`)."""
        return tuple(s.division for s in self.lookup(name)
                     if s.kind in (KIND_FORMER, KIND_FORMER_SHORT))

    def regional_words_in(self, text: str) -> list[tuple[str, str]]:
        """(word, province) for each regional word (苏北 → 江苏省) written in the text."""
        return [(w.word, w.province) for w in self.regional_word_matches(text)]

    def regional_word_matches(self, text: str) -> list[RegionalWord]:
        """Each regional word of the text, and each province abbreviation read as one.

        An abbreviation of one character that is seldom anything else (滇, 黔, 湘)
        counts where it is not one of several provinces side by side (`粤港澳`,
        `湘鄂赣`, `川渝`: a wider region) nor part of a person's name
        (`主席刘黔云同志`); an abbreviation that is also a common character (云, 川)
        counts only at a word's start before a product (`“云药之乡”`, `川茶`).
        Whether a match lies inside a division's name (`黔西南州`) is for the caller.
        """
        out: list[RegionalWord] = []
        if self._regional_re is not None:
            out += [RegionalWord(m.start(), m.end(), m.group(0), self._regional[m.group(0)], False)
                    for m in self._regional_re.finditer(text)]
        if self._abbreviation_re is not None:
            for m in self._abbreviation_re.finditer(text):
                i = m.start()
                if (i > 0 and text[i - 1] in _PROVINCE_ABBREVIATIONS) or (
                        i + 1 < len(text) and text[i + 1] in _PROVINCE_ABBREVIATIONS):
                    continue
                if _PERSON_AFTER.match(text, i + 1) or _PERSON_BEFORE.search(text, max(0, i - 6), i):
                    continue
                out.append(RegionalWord(i, i + 1, m.group(0), self._abbreviations[m.group(0)], True))
        if self._document_number_re is not None:
            # the department that numbers the document is the province's own: a full vote
            out += [RegionalWord(m.start(), m.end("a"), m.group("a"), self._document_numbers[m.group("a")], False)
                    for m in self._document_number_re.finditer(text)]
        if self._product_re is not None:
            out += [RegionalWord(m.start(), m.end(), m.group(0),
                                 self._product_abbreviations[m.group(0)], True)
                    for m in self._product_re.finditer(text)]
        return sorted(out, key=lambda w: w.start)

    def parent(self, admin_code: str) -> Division | None:
        """The division directly above, or None for a province."""
        d = self._by_code.get(admin_code)
        return self._by_code.get(d.parent_code) if d and d.parent_code else None

    def province(self, admin_code: str) -> Division | None:
        """The province (or municipality / autonomous region) a division lies in."""
        d = self._by_code.get(admin_code)
        return self._by_code.get(d.province_code) if d else None

    def children(self, admin_code: str) -> tuple[Division, ...]:
        """The divisions directly below."""
        return tuple(self._children.get(admin_code, ()))

    def ancestors(self, admin_code: str) -> tuple[Division, ...]:
        """Parent, grandparent, … up to the province."""
        out: list[Division] = []
        d = self.parent(admin_code)
        while d is not None:
            out.append(d)
            d = self.parent(d.admin_code)
        return tuple(out)

    def is_within(self, admin_code: str, ancestor_code: str) -> bool:
        """True when `ancestor_code` is the division itself or one above it."""
        if admin_code == ancestor_code:
            return True
        return any(a.admin_code == ancestor_code for a in self.ancestors(admin_code))

    # ------------------------------------------------------------------ finder
    def find_names(self, text: str) -> list[NameMatch]:
        """Every division name in `text`, leftmost-longest, not overlapping.

        Any name of three or more characters is anchored (`襄阳市`, `老河口`),
        so is a province's short name (`广西`); another two-character name
        (`襄阳`, `成县`) is anchored when a division containing it is named just
        before (`常德鼎城`, `湖北襄阳`), an organ or zone word follows
        (`襄阳高新区`, `鼎城区委`), or a place verb precedes (`赴襄阳`).
        """
        matches: list[NameMatch] = []
        last_end = 0
        lengths, senses = self._lengths, self._senses
        for m in self._candidate.finditer(text):
            i = m.start()
            if i < last_end:
                continue
            options = lengths.get(text[i:i + 2])
            if options is None:
                continue
            if (text[i] in _SLOGAN_WORD_ENDS
                    and _SLOGAN_QUOTED.search(text, max(0, i - _SLOGAN_LIST_CHARS), i + 1)):
                continue   # “创新余杭”: 新余 would take the slogan's word; the name follows it
            for size in options:
                surface = text[i:i + size]
                found = senses.get(surface)
                if found is not None and surface[-1] in "县市区州" and text[i + size:i + size + 1] == "级":
                    continue   # 新建县级众创空间: the 县 of 县级, not 新建县
                if found is not None:
                    if surface in self._always_anchored:
                        anchored = True
                    else:
                        prev = matches[-1] if matches and matches[-1].end == i else None
                        anchored = self._anchored(text, i, i + size, found, prev)
                    matches.append(NameMatch(i, i + size, surface, found, anchored))
                    last_end = i + size
                    break
        return self._anchor_pairs(text, matches)

    @staticmethod
    def _anchor_pairs(text: str, matches: list[NameMatch]) -> list[NameMatch]:
        """Anchor a short name joined by 与/和/同 to an anchored place name (`嘉善与上海`)."""
        out = list(matches)
        for k, m in enumerate(matches):
            if m.anchored:
                continue
            for j in (k - 1, k + 1):
                if not 0 <= j < len(matches) or not matches[j].anchored:
                    continue
                left, right = (matches[j], m) if j < k else (m, matches[j])
                if right.start - left.end == 1 and text[left.end] in "与和同":
                    out[k] = NameMatch(m.start, m.end, m.text, m.senses, True)
                    break
        return out

    def _anchored(self, text: str, start: int, end: int, senses: tuple[Sense, ...],
                  prev: NameMatch | None) -> bool:
        """Context rules that make a two-character name read as a place name.

        Two-character full names (成县, 和县, 城区, 市区) are read like short
        names: they are as often pieces of words (形成县域, 老城区).
        """
        if prev is not None and any(
            self.is_within(s.division.admin_code, p.division.admin_code)
            for s in senses for p in prev.senses
        ):
            return True
        if text[start:end] in GENERIC_AREA_WORDS:
            return False
        if end - start == 2 and text[max(0, start - 1):start + 1] in _WORDS_ENDING_IN_A_NAME:
            return False   # 完成县人大代表建议: the 成 of 完成, not 成县 before its 人大
        if _AFTER_CUE.match(text, end):
            return True
        return bool(_BEFORE_CUE.search(text, max(0, start - 2), start)
                    or in_slogan(text, start, end) or in_rank(text, start, end))

    def supported_names(self, text: str,
                        matches: list[NameMatch] | None = None) -> list[NameMatch]:
        """`find_names`, keeping an unanchored short name only when the text supports it.

        Support: the same division, its parent, a direct child or a sibling is
        named elsewhere in the text (anchored, or as another unanchored short
        name: `鼎城` and `常德` support each other, so do `古蔺` and `叙永`).
        Ordinary words that happen to be short names (`合作`, `资源`) rarely
        have such company; a common noun for a part of a city (`市区`) is kept
        only where anchored. `matches`, if given, is `find_names(text)` already run.
        """
        if matches is None:
            matches = self.find_names(text)
        codes: dict[str, frozenset[str]] = {}
        parents: dict[str, frozenset[str]] = {}
        for m in matches:
            if m.text not in codes:
                codes[m.text] = frozenset(s.division.admin_code for s in m.senses)
                parents[m.text] = frozenset(s.division.parent_code for s in m.senses
                                            if s.division.parent_code)
        anchored_surfaces = {m.text for m in matches if m.anchored}
        # How many distinct surfaces name each code / each parent code.
        code_count: Counter[str] = Counter(c for cs in codes.values() for c in cs)
        parent_count: Counter[str] = Counter(p for ps in parents.values() for p in ps)

        def supported(surface: str) -> bool:
            own = surface not in anchored_surfaces

            def named_elsewhere(code: str | None) -> bool:
                return code is not None and code_count[code] - (
                    own and code in codes[surface]) > 0

            def parent_elsewhere(code: str | None) -> bool:
                return code is not None and parent_count[code] - (
                    own and code in parents[surface]) > 0

            return any(
                named_elsewhere(s.division.admin_code) or named_elsewhere(s.division.parent_code)
                or parent_elsewhere(s.division.admin_code)
                or parent_elsewhere(s.division.parent_code)
                for s in self._senses[surface]
            )

        verdict: dict[str, bool] = {}
        kept: list[NameMatch] = []
        for m in matches:
            if m.anchored:
                kept.append(m)
                continue
            if m.text in GENERIC_AREA_WORDS:
                continue                  # 市区 near 濮阳 is still its downtown
            if m.text not in verdict:
                verdict[m.text] = supported(m.text)
            if verdict[m.text]:
                kept.append(m)
        return kept


def load_gazetteer(path: Path, regional_words: Path | None = None) -> Gazetteer:
    """Read the gazetteer CSV (UTF-8, codes as text) and build the lookups.

    `regional_words` defaults to `regional_words.csv` beside the gazetteer, when present.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    words_path = regional_words or path.with_name("regional_words.csv")
    words: list[dict[str, str]] = []
    if words_path.exists():
        with words_path.open(encoding="utf-8", newline="") as fh:
            words = list(csv.DictReader(fh))
    return Gazetteer(rows, words)
