"""The region a report is about, read from the report's own words and the gazetteer.

A bureau writes about itself in fixed ways: `我市`, `全县`, `区委、区政府`,
`县科技局`, `县本级`, `位居全省各县之首`, its masked name in its own documents
(`《xx县…意见》`); those words give the level of the author, its *unit* (省 市 县 区
州 旗 盟 地区, and 自治区 of `自治区党委、政府`, `自治区科技厅`, level province). The name
then comes, in order of trust, from

1. a division of that unit that the text names as itself: in the title, in
   its own documents (`《XX县科技创新券管理办法》` naming the county), before its organs and its
   work (`襄阳科技工作`, `兴义市工科局`), in its own slogan (`创新番禺`, `打造质量新鄞州`), project
   (`某某县…示范项目`) or situation (`结合金东区实际`), as the own side of a partnership
   (`嘉善与上海科技合作`), in brackets after its zone (`金义新区(金东区)`), or agreeing
   with its government's document number (`瑞政办(2023)60号`); a partner
   (`与长丰县…结对帮扶`) or a division above it (`镇江市下达`, `温州地区第2`) counts little;
2. two or more of its own counties/districts named while its own name is
   masked or never written: the parent division is recovered (is_masked true);
3. a division of that unit named often enough, when no masked name is written;
4. a masked name of that unit (`XX县`, `*市`, `xx区`), kept as written;
5. nothing: the report never writes its name (`区科技局`, `我区`); only the
   level is known. A bare mask without a unit (`XX`, `*`) counts as no name.

A 市 is county-level (level `county`) when it compares itself with 县级市, names
another city above it (`镇江市下达的指标`, `居绍兴第2`), or runs towns with no county in sight.

The province is the gazetteer's for a resolved division; otherwise a vote of
the provinces the text names (`湖北省知识产权局`), of its regional words
(`苏北`) and of the divisions it mentions (a partner usually lies in the same
province as the author); a province named in its own programme (`河北科技支撑计划`)
votes more, and so does the one 省 named where the text says `我省`/`全省`; a venue
or a market (`中国(上海)…交易会`, `销往上海`) has no vote.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from loaders import native
from loaders.extract import PARTNER_WORK, as_one_of
from loaders.gazetteer import KIND_FORMER, LEVEL_RANK, Division, Gazetteer, NameMatch, in_slogan
from loaders.marks import first_char_guard, first_mark, holds_all, last_mark, required_chars
from loaders.records import QuantityMention, RegionResolution

# The level an author's unit stands for when no division is resolved.
UNIT_LEVEL = {"省": "province", "市": "city", "县": "county", "区": "district",
              "州": "city", "盟": "city", "旗": "county", "地区": "city",
              "自治区": "province"}
# Units from the lowest level up.
_UNIT_ORDER = {"区": 0, "县": 0, "旗": 0, "市": 1, "州": 1, "盟": 1, "地区": 1, "省": 2,
               "自治区": 2}
_UNIT = r"(地区|[省市县区州旗盟])"

# Words by which a bureau speaks of its own division, with their weight.
# (?!场|域|级): 全市场, 全区域, 本市级 are not self references.
_SELF_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"(?:我|本){_UNIT}(?!场|域|级|长)"), 3.0),
    (re.compile(rf"{_UNIT}委[、,]?\1(?:人民)?政府"), 2.0),
    (re.compile(rf"(?<!占)全{_UNIT}(?!场|域)"), 1.0),     # (占全市的42%: a share of the city above)
    # A bureau named by its unit alone, not after a name: 区科技局, 县经信科技局.
    (first_char_guard(rf"(?<![\u4e00-\u9fff]){_UNIT}(?:科学技术局|科技局|经信科技局|工科局|科技厅)"),
     1.0),
    # An autonomous region's own leadership and department (not after its name, 广西壮族…):
    # 在自治区党委、政府的支持下, 自治区科技厅通过…
    (first_char_guard(r"(?<![族古藏尔])(自治区)党委[、,]?(?:自治区)?(?:人民)?政府"), 2.0),
    (first_char_guard(r"(?<![\u4e00-\u9fff])(自治区)(?:科学技术厅|科技厅)"), 1.0),
    # Its own level of budget and plans: 县本级科技计划, 市本级财政.
    (re.compile(rf"{_UNIT}本级"), 1.0),
    # Ranking itself among the units of its kind: 位居全省各县之首, 全市各区(县)第一.
    (re.compile(rf"全[省市州国]各?{_UNIT}(?:[(（][^)）]{{0,8}}[)）])?"
                rf"(?:之首|首位|前列|第|排名|排位|中)"), 2.0),
)
# the characters every match of each holds: a text lacking one is not searched
_SELF_NEEDS = tuple(required_chars(pattern.pattern) for pattern, _ in _SELF_PATTERNS)
# A city bureau that compares itself with other county-level cities is one.
_COUNTY_LEVEL_CITY = re.compile(r"县级市(?:中|之中|里|排名|第)|(?:全国|全省)(?:百强)?县级市")
# A district's own organs; an autonomous region writes 自治区党委、自治区人民政府.
_DISTRICT_ORGANS = re.compile(r"(?<!自治)区(?:委|人民政府|政府|科技局|科学技术局)")
# The author is a development zone's bureau (`高新区管委会科技创新局`, `海口国家高新区科技创新局`):
# a zone is no administrative division and its name is no evidence of one (the contract),
# so, with no district government of its own in the text, its level is unknown
_ZONE_AUTHOR = re.compile(
    r"(?:高新区|开发区|经开区|高新技术产业园区|工业园区|产业园区|综合保税区)(?:党工委|管委会|管理委员会)?"
    r"(?:科技创新局|科技局|科学技术局|科技和信息化局|科技信息局|经济发展局|经发局|创新发展局)")
_DISTRICT_GOVERNMENT = re.compile(r"(?<!自治)区(?:委|人民政府|政府|人大|政协)")
_ZONE_OPENING_CHARS = 300

# A masked name: a run of X, x, *, ○, □ or underscores (a blank to fill in: `__县`)
# followed by a unit. Not a masked date (`201X/X/XX县…` is a date, then a
# title), not the 县 of `县区`/`县市`, not a level (`xx省级重点新产品`).
_MASK_CHARS = r"[Xx×*＊Ｘｘ_＿○〇□△]{1,4}"
_MASK = first_char_guard(
    rf"""(?<![0-9A-Za-z/\-.年月日_])
        (?P<mask>{_MASK_CHARS})
        (?P<unit>地区|[省市县区州旗盟])
        (?![县区市级])""",
    re.VERBOSE,
)
# A mask that the page broke from its unit by a line break (`XXX` / `市20` / `XX` /
# `年…总结`): the cleaner drops the mask's line as debris, so it is read from the
# decoded text. Traditional units are written as the clean text writes them.
_SPLIT_MASK = first_char_guard(
    rf"""(?<![0-9A-Za-z/\-.年月日_])(?P<mask>{_MASK_CHARS})[ \t\u3000]*\r?\n[ \t\u3000]*
        (?P<unit>地区|[省市县区州旗盟縣區])(?![县区市级縣區])""",
    re.VERBOSE,
)
_TRADITIONAL_UNIT = {"縣": "县", "區": "区"}

# Words after a name that show the author speaking of its own division.
_SELF_AFTER = re.compile(
    r"""(?:[省市县区州旗盟]?(?:委|人民政府|政府|人大|政协)
        | 科技|科学技术|工科局|经信|研发|专利|发明|高新技术|创新|知识产权|新区|高新区
        | (?:这座|这个)(?:县级市|城市|县城|县|区))       # 宜都这座县级市""",
    re.VERBOSE,
)
# Words around a name that make it a partner of the author, not the author.
_PARTNER_BEFORE = re.compile(r"(?:与|同|和|跟|向|赴|到|援|帮扶|帮助|结对|对口|支援|援建|协作)$")
_PARTNER_AFTER = re.compile(
    r"[^，,。;；、\n]{0,4}?(?:结对|帮扶|对口|考察|签订|签约|签署|合作)")
# A book-title span: the bureau's own documents are named after its division.
_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")
# More places where a bureau writes its own name:
# - the left side of a partnership it runs (`嘉善与上海科技合作交流对接机制`);
_SELF_SIDE = re.compile(r"[与同和][^，,。;；、\n]{1,12}?(?:合作|交流|对接|协作|结对|共建)")
# - its own situation (`结合金东区实际`), or a zone and the division that governs
#   it (`金义新区(金东区)`: the name is the division's own, written in brackets);
_OWN_SITUATION_BEFORE = re.compile(r"结合$")
_OWN_SITUATION_AFTER = re.compile(r"[)）]?(?:的)?实际")
_ZONE_BRACKET_BEFORE = re.compile(r"(?:新区|高新区|开发区|经开区|园区|试验区|示范区|产业园)[(（]$")
_ZONE_BRACKET_AFTER = re.compile(r"[)）]")
# - a slogan of its own (`建设创新番禺`, `“科创嘉善”`, `打造质量新鄞州`: `in_slogan`);
# - a project's quoted title opening with its name (`“陇西白条党参规范化种植关键技术集成与示范”`);
_QUOTED_PROJECT = re.compile(r"[^“”\"「」\n。]{2,30}?(?:示范|研究|研发|应用|开发|集成|产业化|推广|攻关|建设)[”\"」]")
# - the subject of a sentence a year frames, stating results (`2023年，夷陵区新增高新技术企业…`);
_YEAR_FRAME_BEFORE = re.compile(r"(?:^|[。；;！\n])[ \t　]*(?:(?:19|20)\d{2}年度?|今年|去年|全年|一年来)[，,]?$")
_RESULT_AFTER = re.compile(r"(?:全年|共|累计)?(?:新增|新认定|实现|完成|登记|获批|争取|全社会|规上|规模以上|高新技术|科技型|技术合同|专利|研发)")
_SLOGAN_BEFORE = re.compile(r"(?:创新|科创|智创|智造|数字|智慧)$")
# - one of its own projects (`某某县…示范项目`, `XX县…产业化(科技富民强县专项)`).
_PROJECT_AFTER = re.compile(
    r"[^，,。;；、:：\n《》“”]{2,24}?[”\"」]?(?:项目|专项|工程)(?![^，,。;；\n]{0,6}?(?:结对|帮扶|对口|合作))")
# A government's document number (`瑞政办(2023)60号`, `襄政发〔2015〕3号`): its first
# character is the issuing division's, so it agrees with the division the text names.
_DOC_NUMBER = re.compile(
    r"(?P<abbr>[\u4e00-\u9fff])(?:政办发|政办|政发|政函|委发|委办发|委办|科发|科字|科)"
    r"\s*[(（〔\[【]\s*(?:19|20)\d\d\s*[)）〕\]】]\s*\d{1,4}\s*号")
_NOT_LOCAL_ABBRS = frozenset(
    "国中京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇云陕甘青宁新藏蒙")
# A division the author ranks itself in or reports to is above it, not the author:
# `温州地区第2`, `居襄阳市第一`, `镇江市下达的年度指标`, `申报镇江市级以上科技计划`.
_SUPERIOR_AFTER = re.compile(r"(?:市|地区)?(?:下达|级以上|各县|所辖)")   # 在石家庄各县（市）中居第3位
_SUPERIOR_BEFORE = re.compile(r"申报$")
# money or projects won from a division (`争取到位四川省、成都市科技资金`): the division above
_FUNDS_AFTER = re.compile(r"(?:级)?科技(?:计划|专项)?(?:资金|经费|项目)")
_WON_BEFORE = re.compile(r"(?:争取|到位|获得|获批|获)[^，,。；;\n]{0,8}$")
# an organ guiding the author (`喀什地区科技局的精心指导`): a superior, in the author's province,
# even in a sentence that also thanks a partner (`和山东省对口支援前方指挥部的大力帮助下`)
_GUIDANCE_AFTER = re.compile(
    r"(?:科技局|科学技术局|科技厅|科学技术厅|科委|科技委员会|党委|人民政府|政府)(?:的)?(?:精心|悉心|具体|有力|业务|正确|坚强)?(?:指导|领导)")
# a rank ends the phrase (`温州地区第2,`), unlike an ordinal in a name (`襄阳市第一中学`)
_RANK_AFTER = re.compile(
    r"(?:市|地区)?(?:第|排名第?|排位第?)[\d一二三四五六七八九十]+(?:名|位)?(?=[,，。;；、)）\s]|$)")
_RANK_BEFORE = re.compile(r"(?:[,，、;；]|居|列|为|位于|位列)$")
# A city whose own units are its towns, never a county or district: county-level.
_OWN_TOWNS = re.compile(
    r"[\u4e00-\u9fff]{2}镇[、，,和及][\u4e00-\u9fff]{2}镇|\d+个乡镇|各乡镇|全市(?:各)?乡镇")
_COUNTY_WORDS = re.compile(r"县|区县|各区|城区|辖区")
# A name inside an event's name or after a market word is a venue or a market:
# `中国(上海)国际技术进出口交易会`, `销往上海`. It does not vote for the province.
_VENUE_AFTER = re.compile(
    r"[)）]?[^，,。;；、\n]{0,16}?(?:交易会|博览会|展览会|洽谈会|推介会|对接会|交流会|"
    r"研讨会|论坛|峰会|大赛|博会|展会|年会)|[)）]?市场")
_VENUE_BEFORE = re.compile(r"(?:中国[(（]|销往|远销|运往)$")
_HELD_IN = re.compile(r"(?:市)?(?:举办|召开|举行)")
# A province's own programme, lab or award written with its name (`河北科技支撑计划`,
# `获批江苏省实验室建设项目`): only that province's own units take part in it.
_PROVINCE_PROGRAMME_AFTER = re.compile(
    r"省?级?(?:科技支撑|科技攻关|科技重大|重点研发|自然科学|科学技术|科技|重点|工程技术|"
    r"技术创新|星火|火炬|企业|新型)*(?:计划|专项|基金|实验室|研究中心|技术中心|研发机构|"
    r"科技奖|科学技术奖)")
PROGRAMME_WEIGHT = 2.0
# The author's own province spoken of as such (`我省`, `全省`): it is the one 省 the text names.
_OWN_PROVINCE = re.compile(r"(?:我|本|全)省(?!级)")
OWN_PROVINCE_WEIGHT = 3.0
_HELD_IN_BEFORE = re.compile(r"在$")


# Self scores of a named division (see `_score_named`).
# a subtitle line under the title (a news feature's `——…市…侧记`) is part of the head
_SUBTITLE = re.compile(r"(?m)^[ \t]*(?:——|—|--)[^\n]{2,60}$")
_SUBTITLE_WITHIN = 200
STRONG_SELF = 3.0     # with a cue (title, own document, organ): beats a masked name
WEAK_SELF = 3.0       # mentions alone: enough when the report writes no masked name
PARTNER_WEIGHT = 0.3  # a mention as a partner
MASK_SELF_WEIGHT = 1.0  # a masked name (XX县) as a self reference of its unit
MIN_CHILDREN = 2      # own counties/districts named to recover a masked city


@dataclass
class _Candidate:
    division: Division
    score: float = 0.0                # mentions plus bonuses
    bonus: float = 0.0                # from the title, book titles and self cues only
    reasons: list[str] = field(default_factory=list)
    former: str | None = None         # the former full name it writes of itself (弥勒县 of 弥勒市)


def _unit_of(division: Division) -> str:
    """The unit a bureau of this division uses of itself (襄阳市 → 市, 广西壮族自治区 → 区)."""
    if division.name.endswith("地区"):
        return "地区"
    if division.name.endswith(("自治区", "特别行政区")):
        return "区"
    return division.name[-1] if division.name[-1] in "省市县区州旗盟" else ""


def _has_unit(division: Division, unit: str) -> bool:
    """True when a bureau of this division may speak of itself by `unit`
    (an autonomous region by 区 and by 自治区)."""
    return _unit_of(division) == unit or (unit == "自治区" and division.name.endswith("自治区"))


def _self_unit(text: str, head: str) -> tuple[str | None, str]:
    """The unit the author uses of itself, from its self references (the head weighs 3x).

    A county or district report also says 全市/全省 when it ranks itself
    (居全市第一, 全省十强县), a province rarely says 全县: so the lowest unit
    with at least half the best score is the author's.
    """
    scores: defaultdict[str, float] = defaultdict(float)
    for source, factor in ((text, 1.0), (head, 3.0)):
        for (pattern, weight), needs in zip(_SELF_PATTERNS, _SELF_NEEDS):
            if not holds_all(source, needs):
                continue   # a character every match holds is not in the text: no match
            for m in pattern.finditer(source):
                scores[m.group(1)] += weight * factor
        # a masked name where a report writes its own (the head, its own documents
        # `出台了《xx县…意见》`, before its organs and work `XX县科技局`) is the report hiding
        # its own name; a city's list of masked counties (`其中XX县12家`) is not
        books = [(b.start(), b.end()) for b in _BOOK_TITLE.finditer(source)]
        for m in _MASK.finditer(source):
            if (source is head or _SELF_AFTER.match(source, m.end())
                    or any(a < m.start() < b for a, b in books)):
                scores[m.group("unit")] += MASK_SELF_WEIGHT * factor
    if not scores:
        return None, "no self reference"
    # (`get`: reading a missing key of a defaultdict would add it to the scores)
    if scores.get("自治区") and "区" in scores and not _DISTRICT_ORGANS.search(text + head):
        # an autonomous region's 全区/我区 is the region itself when no district organ
        # (区委, 区政府, 区科技局) is in sight
        scores["自治区"] += scores.pop("区")
    best = max(scores.values())
    unit = min((u for u, s in scores.items() if s >= best / 2), key=_UNIT_ORDER.__getitem__)
    detail = ", ".join(f"{u}:{s:g}" for u, s in _most(scores, 3))
    return unit, f"self unit {unit} ({detail})"


def _unit_level(unit: str, text: str, county_city: bool = False) -> str:
    """Level for a unit; a 市 that compares itself with 县级市 is county-level,
    so is one that lies under another city or runs towns only (`county_city`)."""
    if unit == "市" and (county_city or _COUNTY_LEVEL_CITY.search(text)):
        return "county"
    return UNIT_LEVEL[unit]


def _in_partner_work(text: str, m: NameMatch) -> bool:
    """True when the mention stands in a sentence about support between regions
    (山东援疆前方指挥部, 对口支援): the provinces it names are the partners', not the author's."""
    start = last_mark(text, _SENTENCE_MARKS, 0, m.start) + 1
    end = first_mark(text, _SENTENCE_MARKS, m.end, len(text))
    return bool(PARTNER_WORK.search(text, start, len(text) if end == -1 else end))


_SENTENCE_MARKS = "。！？；;\n"   # found once per text (loaders.marks), not per name


def _is_partner(text: str, m: NameMatch) -> bool:
    """True when the words around a mention make it a partner (与长丰县…结对)."""
    return bool(_PARTNER_BEFORE.search(text, max(0, m.start - 2), m.start)
                or _PARTNER_AFTER.match(text, m.end))


def _is_superior(text: str, m: NameMatch) -> bool:
    """True when the author reports to or ranks itself in the named division."""
    return bool(_SUPERIOR_AFTER.match(text, m.end)
                or _GUIDANCE_AFTER.match(text, m.end)
                or _SUPERIOR_BEFORE.search(text, max(0, m.start - 2), m.start)
                or (_FUNDS_AFTER.match(text, m.end) and _WON_BEFORE.search(text, max(0, m.start - 12), m.start))
                or (_RANK_AFTER.match(text, m.end)
                    and _RANK_BEFORE.search(text, max(0, m.start - 2), m.start)))


def _is_venue(text: str, m: NameMatch) -> bool:
    """True when the mention is a venue of an event or a market (`中国(上海)…交易会`)."""
    return bool(_VENUE_AFTER.match(text, m.end)
                or _VENUE_BEFORE.search(text, max(0, m.start - 3), m.start)
                or (_HELD_IN_BEFORE.search(text, max(0, m.start - 1), m.start)
                    and _HELD_IN.match(text, m.end)))


def _under_a_city(text: str, matches: list[NameMatch], chosen: dict[int, Division]) -> bool:
    """True when the text names a prefecture-level city as above the author."""
    return any(chosen.get(m.start) is not None and chosen[m.start].level == "city"
               and _is_superior(text, m) for m in matches)


def _runs_towns(text: str, matches: list[NameMatch], chosen: dict[int, Division]) -> bool:
    """True when the author's own units are towns and no county or district is in sight."""
    if not _OWN_TOWNS.search(text) or _COUNTY_WORDS.search(text):
        return False
    return not any(d.level in ("county", "district") for d in chosen.values())


def _resolve_senses(matches: list[NameMatch], gazetteer: Gazetteer) -> dict[int, Division]:
    """One division per match (keyed by its start) where the text allows it.

    A match with one sense keeps it; of several (朝阳区, 长沙 = 长沙市/长沙县),
    the one inside a division the text names unambiguously wins, else the one
    of the highest level when it is alone there; else the match stays open.
    """
    named = {m.senses[0].division.admin_code for m in matches if len(m.senses) == 1}
    chosen: dict[int, Division] = {}
    for m in matches:
        if len(m.senses) == 1:
            chosen[m.start] = m.senses[0].division
            continue
        inside = [s.division for s in m.senses if any(
            a.admin_code in named for a in gazetteer.ancestors(s.division.admin_code))]
        if len(inside) == 1:
            chosen[m.start] = inside[0]
            continue
        top = min(LEVEL_RANK[s.division.level] for s in m.senses)
        tops = [s.division for s in m.senses if LEVEL_RANK[s.division.level] == top]
        if len(tops) == 1:
            chosen[m.start] = tops[0]
    return chosen


def _score_named(text: str, head_end: int, matches: list[NameMatch],
                 chosen: dict[int, Division], unit: str | None) -> list[_Candidate]:
    """Self score of each named division of the author's unit (any unit if None), best first.

    Each mention counts 1, +3 in the title, +2 inside a book title 《…》, +2
    before the division's organs or its S&T work; a partner mention counts 0.3.
    """
    books = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
    # a province's (湘科发) or the state's (国科发) number says nothing of the author
    doc_abbrs = {m.group("abbr") for m in _DOC_NUMBER.finditer(text)} - _NOT_LOCAL_ABBRS
    district_organs = unit == "区" and bool(_DISTRICT_ORGANS.search(text))
    cands: dict[str, _Candidate] = {}
    for m in matches:
        d = chosen.get(m.start)
        former = _former_name(m, d, unit)
        if d is None or (unit is not None and not _has_unit(d, unit) and former is None):
            continue
        if district_organs and d.level == "province":
            continue                      # 广西 in a report of one of its districts
        c = cands.setdefault(d.admin_code, _Candidate(d))
        c.former = c.former or former
        if _is_partner(text, m) or _is_superior(text, m):
            c.score += PARTNER_WEIGHT
            c.reasons.append(f"partner:{m.text}")
            continue
        bonus = 0.0
        if m.start < head_end:
            bonus += 3.0
            c.reasons.append(f"title:{m.text}")
        if any(a < m.start < b for a, b in books):
            bonus += 2.0
            c.reasons.append(f"《{m.text}…》")
        if _SELF_AFTER.match(text, m.end):
            bonus += 2.0
            c.reasons.append(f"{m.text}{text[m.end:m.end + 2]}")
        elif _self_context(text, m, d):
            bonus += 2.0
            c.reasons.append(f"own:{text[max(0, m.start - 2):m.end + 4]}")
        c.score += 1.0 + bonus
        c.bonus += bonus
    for c in cands.values():   # its government's document number (瑞政办…) agrees
        short = c.division.short_name or c.division.name
        if c.score >= 1.0 and short[0] in doc_abbrs:
            c.score += 2.0
            c.bonus += 2.0
            c.reasons.append(f"document number {short[0]}政…")
    return sorted(cands.values(), key=lambda c: c.score, reverse=True)


_FORMER_MIN_CHARS = 3   # 任县 (now 任泽区) is also 任 + 县科技局: a two-character one is no evidence


def _former_name(m: NameMatch, d: Division | None, unit: str | None) -> str | None:
    """The former full name a report of the time writes of itself, when it is one of `d`'s
    and ends in the unit the report uses of itself (`弥勒县科技局`, `全县`: 弥勒市 since 2013)."""
    if d is None or unit is None or not m.text.endswith(unit) or len(m.text) < _FORMER_MIN_CHARS:
        return None
    if any(s.kind == KIND_FORMER and s.division.admin_code == d.admin_code for s in m.senses):
        return m.text
    return None


def _self_context(text: str, m: NameMatch, d: Division) -> bool:
    """A mention in a place where a bureau writes its own name (see the patterns above).

    A project names its county or district (`辰溪县…项目`); a city's report also lists
    the projects of its counties and county-level cities, so there it is no cue.
    """
    before = max(0, m.start - 6)
    own_project = d.level in ("county", "district") and _unit_of(d) in ("县", "区", "旗")
    return bool(
        _SELF_SIDE.match(text, m.end)
        or (_OWN_SITUATION_BEFORE.search(text, before, m.start)
            and _OWN_SITUATION_AFTER.match(text, m.end))
        or (_ZONE_BRACKET_BEFORE.search(text, before, m.start)
            and _ZONE_BRACKET_AFTER.match(text, m.end))
        or _SLOGAN_BEFORE.search(text, before, m.start)
        or in_slogan(text, m.start, m.end)
        or (own_project and _PROJECT_AFTER.match(text, m.end))
        or (own_project and m.start > 0 and text[m.start - 1] in "“\"「" and _QUOTED_PROJECT.match(text, m.end))
        or (_YEAR_FRAME_BEFORE.search(text, max(0, m.start - 12), m.start) is not None
            and _RESULT_AFTER.match(text, m.end) is not None))


def _masked_names(text: str, unit: str, raw: str | None = None) -> Counter[str]:
    """Masked names of the author's unit, as written (`XX县`, `*市`, `__县`).

    `raw`, the decoded text before cleaning, adds the masks a line break parted
    from their unit (`XXX` then `市20XX年…总结` on the next line), written joined.
    """
    found = Counter(m.group(0) for m in _MASK.finditer(text) if m.group("unit") == unit)
    for m in _SPLIT_MASK.finditer(raw or ""):
        split_unit = _TRADITIONAL_UNIT.get(m.group("unit"), m.group("unit"))
        if split_unit == unit:
            found[m.group("mask") + split_unit] += 1
    return found


def _recover_from_children(text: str, matches: list[NameMatch], chosen: dict[int, Division],
                           unit: str, gazetteer: Gazetteer) -> tuple[Division, int] | None:
    """The division of the author's unit whose own children the text names (2 or more)."""
    children: dict[str, set[str]] = defaultdict(set)
    for m in matches:
        d = chosen.get(m.start)
        if d is None or d.parent_code is None or _is_partner(text, m):
            continue
        parent = gazetteer.get(d.parent_code)
        if parent is not None and _has_unit(parent, unit):
            children[parent.admin_code].add(d.admin_code)
    ranked = sorted(children.items(), key=lambda kv: len(kv[1]), reverse=True)
    if not ranked or len(ranked[0][1]) < MIN_CHILDREN:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) >= len(ranked[0][1]):
        return None
    parent = gazetteer.get(ranked[0][0])
    return (parent, len(ranked[0][1])) if parent is not None else None


def _vote_province(text: str, matches: list[NameMatch], kept: set[int],
                   chosen: dict[int, Division], gazetteer: Gazetteer) -> tuple[str | None, str]:
    """The province most supported by the names and regional words of the text.

    A kept mention (anchored or supported) votes 1, or 2 when it names a
    province; a prefecture or province short name votes 1 even without support
    (`仅次于长沙`: such names are seldom ordinary words); an unsupported county
    short name (`合作`, `资源`) does not vote. A regional word (`苏北`) votes 2, a
    province's abbreviation (`滇红茶`) 1; neither when a partner's (`赴滇`).
    A name shared by several provinces (新城区) does not vote, unless it resolves to a
    province (河北 is 河北省 before 天津's 河北区). A province named in its own programme
    (`河北科技支撑计划`, `江苏省实验室`) votes 2 more; where the text says `我省`/`全省`
    and names exactly one 省 (not as a partner), that one votes 3 more.
    """
    votes: defaultdict[str, float] = defaultdict(float)
    named_provinces: set[str] = set()     # 省 named other than as a partner or venue
    for m in matches:
        if _is_venue(text, m) or (_in_partner_work(text, m) and not _GUIDANCE_AFTER.match(text, m.end)):
            continue
        d = chosen.get(m.start) if m.start in kept else None
        provinces = {s.division.province_name for s in m.senses}
        if len(provinces) != 1:
            # a province's name that is also a district's elsewhere (河北: 河北省, and
            # 天津's 河北区) is the province's when the senses resolve to it
            if d is None or d.level != "province":
                continue
            provinces = {d.province_name}
        province = provinces.pop()
        if m.start in kept:
            is_province = d is not None and d.level == "province"
            votes[province] += 2.0 if is_province else 1.0
            if d is not None and is_province and not _is_partner(text, m):
                if d.name.endswith("省"):
                    named_provinces.add(province)
                if _PROVINCE_PROGRAMME_AFTER.match(text, m.end):
                    votes[province] += PROGRAMME_WEIGHT
        elif any(s.division.level in ("province", "city") for s in m.senses):
            votes[province] += 1.0
    if len(named_provinces) == 1 and _OWN_PROVINCE.search(text):
        votes[next(iter(named_provinces))] += OWN_PROVINCE_WEIGHT
    spans = [(m.start, m.end) for m in matches]
    for w in gazetteer.regional_word_matches(text):
        if w.abbreviation and any(a <= w.start < b for a, b in spans):
            continue                      # 黔 of 黔西南州: the division has voted
        if _PARTNER_BEFORE.search(text, max(0, w.start - 2), w.start):
            continue                      # 赴滇, 与湘…合作: a partner's
        votes[w.province] += 1.0 if w.abbreviation else 2.0
    if not votes:
        return None, "no province named"
    ranked = _most(votes, 2)
    detail = ", ".join(f"{p}:{s:g}" for p, s in _most(votes, 3))
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None, f"province votes tied ({detail})"
    return ranked[0][0], f"province by vote ({detail})"


def _most(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The `n` highest scores, ties in the order first scored, as `Counter.most_common`
    gives them (a Counter is typed for counts; these are weights)."""
    return heapq.nlargest(n, scores.items(), key=itemgetter(1))


def _resolution(d: Division, masked: bool, evidence: str,
                former: tuple[str, str] | None = None) -> RegionResolution:
    """The resolution naming `d`; by the former name the report writes of itself, at the
    level it had (`former`: name and level), with the division's code, so that the panel
    still joins it to its later reports."""
    if former is not None:
        name, level = former
        return RegionResolution(region_name=name, region_level=level,
                                province_name=d.province_name, admin_code=d.admin_code,
                                is_masked=masked, evidence=f"{evidence}; its former name {name}")
    return RegionResolution(region_name=d.name, region_level=d.level,
                            province_name=d.province_name, admin_code=d.admin_code,
                            is_masked=masked, evidence=evidence)


def _former(c: _Candidate, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The former name a candidate's report writes of itself and the level it had then:
    弥勒县 a county; 南康市, under 赣州市, a county-level city (now 南康区); a 区 a district."""
    name, d = c.former, c.division
    if name is None or name == d.name:
        return None
    parent = gazetteer.parent(d.admin_code)
    if name.endswith(("县", "旗")) or (name.endswith("市") and parent is not None and parent.level == "city"):
        return name, "county"
    return name, "district" if name.endswith("区") else d.level


def resolve_region(clean_text: str, title: str | None, gazetteer: Gazetteer,
                   raw_text: str | None = None) -> RegionResolution:
    """The region a report is about (`python_resolve_region` says how); from the compiled
    twin where it is built (loaders/native.py)."""
    if native.compiled is not None:
        try:
            if gazetteer.compiled is None:
                gazetteer.compiled = native.compiled.region_init(*gazetteer.compiled_tables())
            return RegionResolution(*native.compiled.resolve_region(
                gazetteer.compiled, clean_text, title, raw_text))
        except UnicodeEncodeError:
            pass   # a lone surrogate is no UTF-8 (decoding leaves none; a caller's text may)
        except native.Error as error:
            native.failed("resolve_region", error)
    return python_resolve_region(clean_text, title, gazetteer, raw_text)


def python_resolve_region(clean_text: str, title: str | None, gazetteer: Gazetteer,
                          raw_text: str | None = None) -> RegionResolution:
    """The region a report is about, from its own words and the gazetteer.

    `clean_text` is the report's clean (Simplified) text; `title` its own
    title, if known; without one, the first line of the text stands for it.
    `raw_text`, the decoded text before cleaning, is read only for masked names
    that a line break parted from their unit.
    """
    if title:
        head = title
        text = title + "\n" + clean_text
        head_end = len(title)
    else:
        body = clean_text.lstrip()
        head = body.split("\n", 1)[0][:80]
        text = clean_text
        head_end = len(clean_text) - len(body) + len(head)

    subtitle = _SUBTITLE.search(text, head_end, head_end + _SUBTITLE_WITHIN)
    if subtitle:  # `——洛阳市推进企业科技创新工作侧记` under a feature's headline
        head_end = subtitle.end()
    unit, unit_reason = _self_unit(clean_text, head)
    matches = gazetteer.find_names(text)
    kept_matches = gazetteer.supported_names(text, matches)
    kept = {m.start for m in kept_matches}
    chosen = _resolve_senses(kept_matches, gazetteer)

    zone = _ZONE_AUTHOR.search(text, 0, head_end + _ZONE_OPENING_CHARS)
    if zone and not _DISTRICT_GOVERNMENT.search(text):
        province, province_reason = _vote_province(text, matches, kept, chosen, gazetteer)
        return RegionResolution(
            region_name=None, region_level="unknown", province_name=province, admin_code=None,
            is_masked=True, evidence=f"a development zone's bureau ({zone.group(0)}): no division of "
            f"its own; {province_reason}")

    if unit is not None:
        masked = _masked_names(text, unit, raw_text)
        n_masked = sum(masked.values())
        mask_note = f"masked {masked.most_common(1)[0][0]} ×{n_masked}" if masked else ""
        ranked = _score_named(text, head_end, kept_matches, chosen, unit)
        top = ranked[0] if ranked else None
        if top is not None and any(r.startswith("title:") for r in top.reasons):
            # a bureau named in the title (`宜都市科学技术局…总结`) is not outvoted by the city
            # above it, which its report names for guidance and rankings (`居宜昌各县市区前列`)
            ranked = [top] + [c for c in ranked[1:]
                              if not gazetteer.is_within(top.division.admin_code, c.division.admin_code)]
        clear = top is not None and (len(ranked) == 1 or ranked[1].score * 2 <= top.score)
        if top is not None and clear:
            reasons = "; ".join(top.reasons[:4]) or f"{top.score:g} mentions"
            why = f"{unit_reason}; named {top.division.name} score {top.score:g} ({reasons})"
            # 1. Named as itself, and at least as often as the mask it also writes.
            if top.bonus >= 2.0 and top.score >= max(STRONG_SELF, n_masked):
                return _resolution(top.division, bool(masked),
                                   why + (f"; also {mask_note}" if masked else ""), _former(top, gazetteer))
        county_city = unit == "市" and (_under_a_city(text, kept_matches, chosen)
                                        or _runs_towns(text, kept_matches, chosen))
        # 2. Own counties/districts named (not for a county-level city).
        if not (unit == "市" and (county_city or _COUNTY_LEVEL_CITY.search(text))):
            recovered = _recover_from_children(text, kept_matches, chosen, unit, gazetteer)
            if recovered is not None:
                d, n = recovered
                return _resolution(d, True, f"{unit_reason}; own name not written"
                                   + (f" ({mask_note})" if masked else "")
                                   + f"; {n} of its counties/districts named → {d.name}")
        # 3. Named often enough, with no masked name competing.
        if top is not None and clear and not masked and top.score >= WEAK_SELF:
            return _resolution(top.division, False, why, _former(top, gazetteer))
        province, province_reason = _vote_province(text, matches, kept, chosen, gazetteer)
        # 4. A province's own bureau (省科技厅, 全省…): the province its own words point to.
        if unit == "省" and province is not None and not masked:
            own = next((d for d in gazetteer.by_name(province) if d.level == "province"), None)
            if own is not None:
                return _resolution(own, False, f"{unit_reason}; a province's own report; "
                                   f"{province_reason}")
        # 5. Masked name as written.
        if masked:
            name = masked.most_common(1)[0][0]
            mask_unit = name[-2:] if name.endswith("地区") else name[-1]
            return RegionResolution(
                region_name=name, region_level=_unit_level(mask_unit, text, county_city),
                province_name=province, admin_code=None, is_masked=True,
                evidence=f"{unit_reason}; {mask_note}; {province_reason}")
        # 6. Never written.
        return RegionResolution(
            region_name=None, region_level=_unit_level(unit, text, county_city),
            province_name=province,
            admin_code=None, is_masked=True,
            evidence=f"{unit_reason}; name never written; {province_reason}")

    # No self reference: only a division named as itself with a cue will do.
    ranked = _score_named(text, head_end, kept_matches, chosen, None)
    if ranked and ranked[0].bonus >= 2.0 and ranked[0].score >= STRONG_SELF and (
            len(ranked) == 1 or ranked[1].score * 2 <= ranked[0].score):
        top = ranked[0]
        return _resolution(top.division, False, f"{unit_reason}; named {top.division.name} "
                           f"score {top.score:g} ({'; '.join(top.reasons[:4])})")
    province, province_reason = _vote_province(text, matches, kept, chosen, gazetteer)
    return RegionResolution(region_name=None, region_level="unknown", province_name=province,
                            admin_code=None, is_masked=False,
                            evidence=f"{unit_reason}; {province_reason}")


def mark_subdivision_parts(
    mentions: list[QuantityMention], gazetteer: Gazetteer, admin_code: str | None,
) -> list[QuantityMention]:
    """The mentions with the figures of the region's own divisions and zones marked as
    parts (`subdivision_parts` says which)."""
    if not has_subdivisions(gazetteer, admin_code):
        return mentions
    marked = set(subdivision_parts([m.indicator_phrase for m in mentions],
                                   [m.unit_raw for m in mentions], gazetteer, admin_code))
    return [as_one_of(m) if k in marked else m for k, m in enumerate(mentions)]


def has_subdivisions(gazetteer: Gazetteer, admin_code: str | None) -> bool:
    """Whether the region has divisions below it (else no figure is one of theirs)."""
    return admin_code is not None and any(gazetteer.children(admin_code))


def subdivision_parts(phrases: Sequence[str], units: Sequence[str], gazetteer: Gazetteer,
                      admin_code: str | None) -> list[int]:
    """Which figures (by their indicator phrases and units, in order) are a part of the
    region's: a figure whose words open with one of the report's own divisions below it
    (`张湾区新增高新技术企业14家` in 十堰市's report), or with a zone named by the region or one
    of them (`大庆高新区新建众创空间5个`), is that division's or zone's: a part of the
    region's, marked as the parts of a list are when the report also states the
    region's own figure of the same thing (`全市新增高新技术企业56家`); with no such figure,
    the divisions' figures side by side keep their code, as levels listed side by side do."""
    if admin_code is None or not has_subdivisions(gazetteer, admin_code):
        return []
    heads: list[int | None] = []   # where the words after a division's name start
    for phrase in phrases:
        names = gazetteer.find_names(phrase[:_HEAD_NAME_CHARS]) if phrase else []
        head = names[0] if names and names[0].start == 0 and names[0].anchored else None
        below = head is not None and any(
            gazetteer.is_within(d.admin_code, admin_code)
            and (d.admin_code != admin_code or _ZONE_AFTER.match(phrase, head.end) is not None)
            for d in head.divisions)
        heads.append(head.end if below and head is not None else None)
    wholes = [(unit, phrase) for phrase, unit, h in zip(phrases, units, heads, strict=True)
              if h is None and not phrase.startswith("其中")]
    parts = []
    for k, (phrase, unit, end) in enumerate(zip(phrases, units, heads, strict=True)):
        if end is not None:
            noun = phrase[end:][-_NOUN_CHARS:]
            if len(noun) == _NOUN_CHARS and any(u == unit and noun in whole for u, whole in wholes):
                parts.append(k)
    return parts


_HEAD_NAME_CHARS = 12   # a name opening a phrase is within its first characters
# a zone named by its region (大庆高新区, 西安经开区): its figures are a part of the region's
_ZONE_AFTER = re.compile(r"(?:国家级|省级)?(?:高新区|高新技术产业开发区|经开区|经济技术开发区|开发区|工业园区|产业园区|园区|新区)")
_NOUN_CHARS = 4         # what is counted, as the phrase's last characters (高新技术企业 → 技术企业)
