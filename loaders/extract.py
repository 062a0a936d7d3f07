"""Quantities (number + unit) in clean report text, with their evidence and cues.

`Extractor` compiles one pattern from the units seed (`seeds/reference/units.csv`,
`unit_prefixes.csv`) and the non-quantity patterns (`non_quantities.csv`), then
`Extractor.extract(text)` returns every quantity with its span, the phrase naming
what is counted, the sentence it came from, and cues for measure, fact type and
bound. It is pure: no files, no database; the caller passes the seed rows in.

Language cues (growth words, bound words, target words) are grammar, not
reference data, and live here as commented patterns.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from decimal import Decimal

from loaders import native
from loaders.marks import (
    first_char_guard, first_mark, last_mark, mark_positions, required_chars,
)
from loaders.numerals import (
    CN_BIG_CLASS, CN_DIGIT_CLASS, CN_SMALL_CLASS, NUMERAL_PATTERN, Numeral, approximate_pair, numeral_kind,
    parse_numeral, range_lower_end,
)
from loaders.period import is_baseline
from loaders.records import PeriodResolution, QuantityMention, new_mention, new_period, positional_constructor
from loaders.settings import MAX_NUMERAL_CHARS, SENTENCE_WINDOW

_MENTION_FIELDS = frozenset(f.name for f in fields(QuantityMention))


def replace(mention: QuantityMention, **changes: object) -> QuantityMention:
    """`dataclasses.replace` for a mention: the same new mention, made by copying its
    fields instead of running its __init__ (the passes over a report's mentions make
    one for most of them, some several)."""
    unknown = changes.keys() - _MENTION_FIELDS
    if unknown:
        raise TypeError(f"QuantityMention has no field {', '.join(sorted(unknown))}")
    new = object.__new__(QuantityMention)
    new.__dict__.update(mention.__dict__)
    new.__dict__.update(changes)
    return new


# ---------------------------------------------------------------- numbers
# the language of numerals, one grammar (loaders.numerals): 367.1, 23,003, 一百二十, 两亿五千万,
# 5万4千6百, 十五点五; big units at its end (1.2万) are moved into the unit by `_written`
_NUMBER = NUMERAL_PATTERN
# a big unit standing for one of itself: 发放资料万余份, 投入近亿元 (not 上万, 数万)
_BARE_BIG = rf"""(?<![\d.{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}上数几成])
    (?:[万亿](?=[多余])|(?<=[近超逾])[万亿])"""
# a number copied from a PDF or a web page with a space or a line break before its unit:
# `4543 万元`, `60000 余份`, `150\n项` (only after Arabic digits; a line break only where
# words precede the number on its line, so that section numbers `1\n项目…` stay out)
_GAP = r"(?<=\d)(?:[\x20\u3000\t]{1,2}|\n)"
# a range: 3-5个, 23-30%, 2至3家, 三至五个
# a minus before a number: 负3.2%, and `-` right after a rate's word (增长-3.2%, 增速为-1.5%),
# never between two numbers (2019-2021, 1万元-5万元)
_SIGN = r"负|(?<=[长速幅为是:：(（])-"
# (a hyphen after a space but not before the next number is a minus: table cells `62 -8.8%`)
_RANGE_SEP = r"(?:\s?(?:--|——|~|～|—|–|至|到)\s?|-\s?|\s-\s)"

# ---------------------------------------------------------------- cues
# words just before the number that bound it (longest first)
_PRE_BOUND = first_char_guard(r"""
    (?: (?P<approx>大约|将近|接近|大概|约|近)
      | (?P<at_least>超过|不少于|不低于|至少|多达|高达|突破|超|逾)
      | (?P<at_most>不到|不足|不超过|少于|低于|最高|最多|至多)
    )$""", re.VERBOSE)
_POST_BOUND = re.compile(r"""[ \t]?                 # `20% 以上` as copied
    (?:(?P<at_least>以上|及以上|之多|多)
  | (?P<approx>左右|上下)
  | (?P<at_most>以内|以下))
    """, re.VERBOSE)

# a change rate: the words right before the number (after small verbs are dropped)
_GROWTH_PCT = re.compile(r"""
    (?:增长|增速|增幅|增加|提高|提升|上升|下降|降低|减少|缩短|节水|节约|增产|增收|
       超计划|超额|超目标任务的?|净增|递增|减|增)
    (?:了|达|达到|为|约|近|超过|超|逾|分别为|分别|均超过|均|保持在|稳定在|维持在|保持)?$""", re.VERBOSE)
# a fall: the growth rate or change after it is negative (同比下降4.2%, 较上年减少15%)
_DECLINE = re.compile(r"(?:下降|降低|减少|回落|下滑)(?:了|达|约|近|为)?$")
_GROWTH_NOT = re.compile(r"(?:提高|提升|上升|增长|增加|下降|降低)(?:到|至)$")
_GROWTH_COUNT = first_char_guard(r"""
    (?:(?:比|较|同比|环比).{0,8}(?:增加|增长|减少|下降|多|少)
         (?:出|申报|申请|认定|登记|培训|引进|争取|实施|建成|新增|入库)?   # 较去年同期多申报38家, 较上年多出61家
      |(?<![新净])增长|(?<![新净])增加)
    (?:了)?$""", re.VERBOSE)
# what a project is expected to bring: 可新增产值5亿元, 建成投产后年产…, 达产后
_PROJECT_YIELD = r"可(?:新增|增加|实现|带动|创造|形成|节约|节省|减少|年产|提供|安置|吸纳|增收|产生)|(?:建成|投产|达产|竣工)后"
_ESTIMATE = first_char_guard(rf"预计|预期|估计|预估|有望|可望|可达到?|将达到?|将实现|将突破|将超过|{_PROJECT_YIELD}")
_TARGET = first_char_guard(r"""
    力争|确保|争取(?:达到|完成|实现|突破|新增)|拟|打算|
    (?:全年|年度)目标(?=新增|达到|突破|完成|实现|引进|培育|认定|\d)|   # 完成全年目标25亿元的45.2%
    计划(?=投资|研发|新增|创建|实施|完成|引进|吸引|培育|建设|组织|申报|举办|达到|建成|开展|争取|投入|新建)|
    目标(?:是|为|:|：)|工作目标|任务(?:是|为)|指标数?为|应(?:达到|完成)|
    要(?:达到|完成|实现|新增|培育|引进|建成)|全年(?:要|应)|
    将(?:新增|培育|引进|组织|实施|举办|建成|开展|投入|投资)|
    (?:目标|任务)[(（][^)）]*$|                    # 超额完成目标任务(2000人次)
    (?:目标|任务)[0-9][0-9.,]*\s?[^0-9\s%]{0,3}$  # 完成…入库任务150家的112%: the task's size (完成计划任务80%: no)
    """, re.VERBOSE)

# a digit of a figure, not of a date (`2022年,我们将…,力争…` states no figure before 力争)
_FIGURE_DIGIT = re.compile(r"\d(?!\d*\s?[年月日号])")
_OWN_VERB = re.compile(r"新增|新认定|认定|入库|获批|获得|引进|培育|建成|组织|实施|开展|举办|完成|实现|达到?|突破")
_SENTENCE_CUE = first_char_guard(
    rf"(?P<estimate>预计|估计|预估|{_PROJECT_YIELD})|(?P<target>力争|目标(?:是|为)|(?:^|(?<=[，,；;]))要求)")

# a threshold inside a category name, not a stated quantity: 单价10万元以上的科研仪器,
# 含80名学生以上的教学点, 1000亩以上核心示范片, 5万元以上(含)技术合同
_QUALIFIER_AFTER = re.compile(r"""
    [\u4e00-\u9fff]{0,3}以[上下](?:的|[(（]含[)）])
  | (?P<noun>以上(?![，,。；;、:：)）\s由并和及或等为达])[\u4e00-\u9fff])
    """, re.VERBOSE)
# ...but a classifier that counts the noun after it counts those things: 遴选100家以上企业,
# 实施10个以上项目 (not 100人以上企业, firms of a size, nor 1000亩以上示范片)
_COUNTED_NOUN_UNITS = frozenset("家个项名所座批")
# a figure each of several reached, or one per county: no region total
_EACH_ONE = re.compile(r"(?:均|都)(?:已)?(?:超过|达到|突破|在|为|达|有|超)?$")
_PER_UNIT = re.compile(r"(?:力争|确保|要|实现|推动)?(?:每|各)个?(?:县|区|市|乡镇|镇|园区)(?![市区县])")
# a sum naming a class of projects or firms: 百万元重大项目, 千万元级项目, 亿元以上企业
_SIZE_CLASS_AFTER = re.compile(r"(?:级|以上)?的?(?:重大|重点)?(?:科技)?(?:项目|工程|企业)")
# (an average stated is a quantity: 农户增收户均1.2万元)
_QUALIFIER_BEFORE = re.compile(r"(?:单价|单笔|单项|每[个家项])$")

# a share of things reached, not a threshold in a name: 覆盖全市85%以上的行政村
_COVERAGE_BEFORE = re.compile(r"(?:覆盖|惠及|达到|占)(?:全市|全县|全区|全省|全州|全镇)?$")
# vague amounts: 数十家, 几百人, 上百个 (the numeral then opens with its unit: 总数一百一十八家
# is a total, not 数十)
_VAGUE_BEFORE = re.compile(r"(?:数|几|若干|上)$")
_VAGUE_NUMERAL_OPENING = frozenset("十拾百佰千仟万萬亿億")

# a bare 亿/万亿 is money only after a money noun: 技工贸总收入1.6万亿
_MONEY_BEFORE = re.compile(
    r"(?:收入|投资|产值|资金|经费|金额|额|销售|利润|税|贷款|基金|融资|投入|支出|总值)[^，,。；;]{0,6}$")

# separators
_SENTENCE_END = "。！？!?；;\n"

_CLAUSE_END = "，,：:"
# (`分别增长6.4%、下降3.1%`: a list of changes names each one's direction)
_LIST_GLUE = re.compile(r"^\s?(?:(?:、|和|及|与|以及|,|，)|(?:、|和|及)\s?(?:增长|下降|减少|提高|降低|上升))\s?$")

# small words stripped from the ends of an indicator phrase
# (the bound word of the number before, left after it: `10项以上、资金250万元`)
_PHRASE_HEAD = re.compile(r"^(?:(?:以上|以下|左右|以内)[、,，])?[\s、,，：:）)】\]]*(?:并|和|及|共|共计|合计|全年|同时|另外|此外|[一二三四五六七八九十]是)?(?:今年|本年)?(?:力争|确保)?"
                          r"(?:(?:完成|实现)(?=全社会|全市|全县|全区|全省|全旗|全州))?")   # 全年完成全社会研发经费…
_PHRASE_TAIL = first_char_guard(r"""
    (?:已经|已|共|共计|分别|均|预计|预期|有望|可望)?
    (?:达到|到达|达|为|是|有|共|(?<![累合总预])计|实现|完成|超过|突破|增至|提高到|提升至|提升到|提高至|超|逾|约|近|将近|接近|大约|多达|高达|不到|不足)*
    (?:了)?\s*$""", re.VERBOSE, ends_at_end=True)


# a clause ending in a verb or preposition before the number: the noun follows the unit
_VERB_END = re.compile(r"""
    (?:对|向|为|与|给|组织|选派|派出|培育|引进|帮助|支持|推荐|带动|吸引|邀请|聘请|建立|建成|新建|组建|
       举办|开展|实施|发放|配备|扶持|服务|指导|走访|涌现|拥有|共有|有|新认定|认定|建设|创建|启动|
       打造|获批|评选出|表彰|遴选|申报|新增|培训|资助|奖励|签约|落户|入驻|孵化|挂牌|命名|授予)$""", re.VERBOSE)
_SCOPE_END = re.compile(r"(?:全|我)(?:市|县|区|州|省|镇|旗)$")
# places and bodies counted by the unit before them (78个贫困村…, 25家单位…)
_CONTAINER = re.compile(r"^(?:贫困村|行政村|村|乡镇|乡|镇|县区|县|区|社区|街道|学校|单位|部门"
                        r"|企业(?=实施|开展|承担|完成))")   # 组织3个企业实施…项目: the firms
# words right after the number that make it a count of applicants or candidates
_NEGATIVE_POST = re.compile(r"^(?:准备|正在|拟|参加|参与|参赛|申报|申请|推荐|复审|入库)")
# a level of government (国家, 省, 市 …), the one word that the level patterns below share
_GOV_LEVEL = r"(?:国家|中央|部|省|自治区|市|州|县|区)"
# a level of government on its own: 省, 市级, 国家 (or a list of them: 省、市)
_LEVEL_WORD = re.compile(rf"(?:{_GOV_LEVEL}级?、?)+")
# a rank right after the number: 增速26.6%全市第1, 占比3.21%居全省第2
# a rank (居全市第2, 位居全省各县之首, 全市第1): a standing among peers, never what is counted;
# the three patterns below place it after a number, between a share and its change, and
# between the items of a breakdown
_RANK_VERB = r"(?:位居|居于?|位列|列|排名|排)"
_RANK_PLACE = r"(?:第[一二三四五六七八九十\d]+位?|之首|前列)"
_RANK_POST = re.compile(rf"^(?:在?全(?:市|省|国|区|县|州)|同类)?(?:第|{_RANK_VERB})")
# words after the unit that make the phrase run on: 100余人参加了培训
_JOINS_POST = re.compile(r"^(?:参加|参与|参训|接受|受训|次)")


@dataclass(frozen=True)
class _Unit:
    text: str
    base_unit: str
    context: str


_mention_of = positional_constructor(QuantityMention)


def _compiled_mention(*fields: Any) -> QuantityMention:
    """A mention of the compiled twin's, from its fields in order (its period a tuple of
    PeriodResolution's fields or None, its cues a list)."""
    *head, period, cues = fields
    return _mention_of(*head, None if period is None else new_period(*period), tuple(cues))


def _truthy(value: str | None) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes", "t"}


class Extractor:
    """Finds quantities in clean text, compiled once from the reference rows."""

    def __init__(
        self,
        units: Iterable[Mapping[str, str]],
        prefixes: Iterable[Mapping[str, str]],
        non_quantities: Iterable[Mapping[str, str]] = (),
    ) -> None:
        units, prefixes, non_quantities = list(units), list(prefixes), list(non_quantities)
        # the rows again for the compiled twin, built on first use (loaders/native.py)
        self._rows = (units, prefixes, non_quantities)
        self.compiled: object | None = None
        prefix_list = [p["prefix"] for p in prefixes]
        # magnitudes written with big units (万 1e4, 亿 1e8, 万亿 1e12), longest prefix first
        self._magnitudes = {p["prefix"]: Decimal(p["scale"]) for p in prefixes}
        self._prefix_of = {scale: prefix for prefix, scale in self._magnitudes.items()}
        self._bare: set[str] = set()  # units that are a magnitude alone (亿, 万亿 after a money noun)
        self._units: dict[str, _Unit] = {}
        self._positions: dict[str, str] = {}
        alternatives: list[tuple[str, str]] = []  # (literal for ordering, regex)
        for row in units:
            unit, stop = row["unit"], (row.get("not_before") or "").strip()
            guard = f"(?!{stop})" if stop else ""
            self._units[unit] = _Unit(unit, row["base_unit"], (row.get("context") or "").strip())
            self._positions[unit] = (row.get("position") or "after").strip() or "after"
            if unit in self._magnitudes:
                self._bare.add(unit)
            if self._positions[unit] == "before":
                continue
            alternatives.append((unit, re.escape(unit) + guard))
            if _truthy(row.get("allow_prefix")):
                for prefix in prefix_list:
                    literal = prefix + unit
                    self._units.setdefault(literal, _Unit(literal, row["base_unit"], ""))
                    # 多/余 may sit between the prefix and the classifier: 1.2万余份
                    alternatives.append(
                        (literal, re.escape(prefix) + r"(?:多|余)?" + re.escape(unit) + guard))
        alternatives.sort(key=lambda item: len(item[0]), reverse=True)
        unit_re = "|".join(regex for _, regex in alternatives)
        # a unit written before its number (百分之十五) comes from rows whose
        # `position` is `before`; all others follow the number
        before = [re.escape(u) for u, row in self._positions.items() if row == "before"]
        before_re = "|".join(sorted(before, key=len, reverse=True)) or "(?!)"
        self._pattern = first_char_guard(rf"""
            (?: (?<![\d{CN_DIGIT_CLASS}{CN_SMALL_CLASS}])   # 五百分之2.2 is a fraction, not 2.2%
                (?P<unit_first>{before_re})(?P<number_after>{_NUMBER})
              | (?P<sign>{_SIGN})?(?P<number>{_NUMBER}|{_BARE_BIG})
                (?:{_RANGE_SEP}(?P<upper>{_NUMBER}))?
                (?P<gap>{_GAP})?
                (?P<mid>多|余)?
                (?P<unit>{unit_re})
                (?P<paren>[(（](?:次|套|册|份|个|项|家)[)）])?
            )""", re.VERBOSE)
        # each with the characters its matches need: a window lacking one is not searched
        self._non_quantities = [(re.compile(row["pattern"]), required_chars(row["pattern"]))
                                for row in non_quantities]
        self._unit_magnitudes: dict[str, tuple[Decimal, str]] = {}
        self._unit_magnitudes = {unit: self._magnitude(unit) for unit in self._units}

    # ------------------------------------------------------------ public
    def extract(self, text: str, check: Callable[[str], None] | None = None) -> list[QuantityMention]:
        """Every quantity stated in `text` (`python_extract` says how); from the compiled
        twin where it is built (loaders/native.py), which takes linear time and runs
        without the checks of `check`."""
        if native.compiled is not None:
            try:
                return [_compiled_mention(*fields)
                        for fields in native.compiled.extract(self.compiled_twin(), text)]
            except UnicodeEncodeError:
                pass   # a lone surrogate is no UTF-8 (decoding leaves none; a caller's text may)
            except native.Error as error:
                native.failed("extract", error)
        return self.python_extract(text, check)

    def compiled_twin(self) -> object:
        """The compiled extractor of these reference rows, built on first use (only
        where the compiled stages are: loaders/native.py)."""
        if self.compiled is None:
            assert native.compiled is not None
            self.compiled = native.compiled.extract_init(*self._rows)
        return self.compiled

    def python_extract(self, text: str, check: Callable[[str], None] | None = None) -> list[QuantityMention]:
        """Every quantity stated in `text`, in order of position.

        Each number is read on its own first (value, unit, bound, measure, the phrase
        before or after it); then passes over each sentence settle what one number
        cannot: lists sharing their subjects, one number for several kinds, subjects
        inherited or lent (rates, parts, bare outcomes, attendees), task lists as
        targets, and a partner region's figures as parts.

        `check(step)`, when given, is called every few hundred candidates and between
        passes: the per-file time budget of the pipeline raises from it.
        """
        found: list[QuantityMention] = []
        previous_end = 0
        sentences = _Sentences(text)
        for k, match in enumerate(self._pattern.finditer(text)):
            if check is not None and k % 256 == 255:
                check("extract")
            mention = self._mention(text, match, previous_end, sentences)
            if mention is not None:
                found.append(mention)
                previous_end = mention.char_end
        if check is not None:
            check("extract")
        found = _join_ranges(text, found)
        found = [_mark_list_total(text, m) for m in _share_list_subjects(text, found, sentences)]
        found = _mark_task_lists(text, _inherit_subjects(text, found, sentences))
        rows = list(_table_lines(text))   # read as table rows once, for the table passes
        found = _with_unit_column_cells(
            found, _unit_column_cells(text, self._units, rows) + _year_row_cells(text, self._units, rows))
        found = _mark_task_columns(text, found, rows)
        found = _levels_before_their_total(found, sentences)
        return _mark_partner_work(text, _parts_share_the_totals_type(text, found), sentences)

    # ------------------------------------------------------------ steps
    def _mention(
        self, text: str, match: re.Match[str], previous_end: int, sentences: _Sentences
    ) -> QuantityMention | None:
        unit_first = match.group("unit_first")
        number_text = match.group("number_after") if unit_first else match.group("number")
        start = match.start()
        numeral = parse_numeral("一" + number_text if number_text in ("万", "亿") else number_text)
        if numeral is None and numeral_kind(number_text) == "chinese" and not unit_first and not match.group("sign"):
            # 唯一一家: the run starts inside a word; keep the longest suffix that parses
            # (of at most MAX_NUMERAL_CHARS: retrying every suffix of a long run is quadratic)
            for cut in range(max(1, len(number_text) - MAX_NUMERAL_CHARS), len(number_text)):
                if approximate_pair(number_text[cut - 1], number_text[cut]):
                    break   # 二三十个, 七八百人: two neighbouring digits say about, not a value
                numeral = parse_numeral(number_text[cut:])
                if numeral is not None:
                    number_text, start = number_text[cut:], start + cut
                    break
        if numeral is None:
            return None
        gap = match.group("gap") or ""
        if gap and not text[text.rfind("\n", 0, start) + 1:start].strip() and not (
                "\n" in gap and _CLAUSE_STOP_NEXT.match(text, match.end())) and (
                "\n" in gap or (_WORD_NEXT.match(text, match.end()) and number_text.isdigit()
                                 and len(number_text) <= 3)):
            # a number opening its line, cut from a unit that runs into a word: a row or section
            # number (1\n项目…, `7  万人发明专利拥有量`); `150\n项，` alone on its line is a number
            return None
        unit_text = unit_first or match.group("unit")
        upper = parse_numeral(match.group("upper")) if match.group("upper") else None
        if upper is not None:   # 2至3万元, 两到三千: the lower end shares the upper end's units
            shared = range_lower_end(numeral, match.group("upper"), upper)
            if shared.value != numeral.value and shared.value / numeral.value not in self._prefix_of and any(
                    c.isascii() and c.isdigit() for c in text[start:match.end()]):
                return None   # 3-5千元: 3000 is nowhere written in the span, so no digit vouches for it
            numeral = shared
        written = self._written(numeral, upper, unit_text)
        if written is None:
            return None
        value, unit_raw = written
        paren = match.group("paren") or ""
        unit = self._units.get(unit_raw)
        if unit is None:
            return None
        end = match.end()
        sentence_start, sentence_end = sentences.bounds(start, end)
        before = text[sentence_start:start]
        if not self._is_quantity(text, start, end, number_text, sentence_start, unit):
            return None

        clause_start = max(_clause_start(text, sentence_start, start), previous_end)
        pre = text[clause_start:start]
        bound, pre_core = _pre_bound(pre)
        bound_cue = f"bound:{pre[len(pre_core):]}" if bound != "exact" else ""
        after = text[end:sentence_end]
        post_bound = _POST_BOUND.match(after)
        if match.group("upper"):
            bound = "at_least"
        elif match.group("mid") or ("多" in unit_text or "余" in unit_text):
            bound = bound if bound == "approx" else "at_least"
        elif post_bound and bound == "exact":
            bound = next(k for k, v in post_bound.groupdict().items() if v)

        if _EACH_ONE.search(pre_core[-_TAIL_CHARS:]) or _PER_UNIT.match(pre_core.lstrip()):
            # 秦州区、麦积区技术合同成交额均超过5亿元, 每县新增高企不少于15家: each one's figure
            phrase_prefix = _ONE_OF
        else:
            phrase_prefix = ""
        measure = _measure(unit.base_unit, pre_core)
        falls = measure == "growth" and bool(_DECLINE.search(pre_core[-_TAIL_CHARS:]))
        quote_start, quote = _quote(text, sentence_start, sentence_end, start, end)
        phrase = phrase_prefix + _indicator_phrase(text, clause_start, start, end, sentence_end)
        fact_type, cue = _fact_type(text[clause_start:end], before)
        if fact_type != "actual" and is_baseline(text, start, end):
            fact_type, cue = "actual", "baseline"   # 力争从2.5%提高到2.8%: 2.5% is what is
        return new_mention(
            char_start=start,
            char_end=end,
            number_text=text[start:end],
            value_raw=value,
            unit_raw=unit_raw + paren,
            numeral=numeral_kind(number_text),
            indicator_phrase=phrase,
            quote=quote,
            quote_start=quote_start,
            measure=measure,
            fact_type=fact_type,
            bound=bound,
            # 增长-12.5%, 同比下降4.2%: value_raw is the number as written, its minus a cue
            # (the gate: no sign in value_raw); dbt gives the value its sign
            cues=tuple(c for c in (cue, bound_cue, "sign:-" if match.group("sign") or falls else "") if c),
        )

    def _magnitude(self, unit: str) -> tuple[Decimal, str]:
        """The big-unit magnitude a unit form starts with, and the rest: `万元` → (1e4, `元`),
        `万亿` → (1e12, ``), `份` → (1, `份`)."""
        known = self._unit_magnitudes.get(unit)
        if known is not None:
            return known
        if unit in self._bare:
            return self._magnitudes[unit], ""
        for prefix in sorted(self._magnitudes, key=len, reverse=True):
            if unit.startswith(prefix) and unit[len(prefix):] in self._units:
                return self._magnitudes[prefix], unit[len(prefix):]
        return Decimal(1), unit

    def _written(self, lower: Numeral, upper: Numeral | None, unit_text: str) -> tuple[float, str] | None:
        """value_raw and unit_raw of a number (or a range's lower end) and the unit after it.

        Big units at the end of the numeral join the unit (`1.2万` + `份` → 1.2 `万份`); a
        range's lower end (its shared units already read: `numerals.range_lower_end`) is
        written in the upper end's (`2至3万元` → 2 `万元`, `从8500到3万港元` → 0.85 `万港元`); a
        numeral with a big unit inside is written in its largest magnitude (`两亿五千万` +
        `元` → 2.5 `亿元`). None when the unit form is not one of the seeds'.
        """
        core = unit_text.replace("多", "").replace("余", "") if len(unit_text) > 1 else unit_text
        value = lower.value * self._magnitude(core)[0]
        tail = lower.tail
        magnitude, base = self._magnitude(tail + core)
        largest = max(magnitude, Decimal(lower.largest))
        if largest == 1:
            return float(value), core
        prefix = self._prefix_of.get(largest)
        unit_raw = None if prefix is None else prefix + base
        if unit_raw not in self._units:
            return None
        return float(value / largest), unit_raw

    def _is_quantity(
        self, text: str, start: int, end: int, number_text: str, sentence_start: int, unit: _Unit
    ) -> bool:
        """Reject ordinals, names, slogans and titles that look like quantities."""
        before = text[sentence_start:start].rstrip()
        if before.endswith("第") or (
                before.endswith(("前", "排名", "居")) and numeral_kind(number_text) != "arabic"):
            return False  # an ordinal or a rank
        if _inside_quotes(text, sentence_start, sentence_start + len(before), end):
            return False
        # the patterns below end at the number and match a few characters: read the tail
        tail = before[-_TAIL_CHARS:]
        qualifier = _QUALIFIER_AFTER.match(text, end)
        if _QUALIFIER_BEFORE.search(tail) or (
                qualifier
                and not (unit.base_unit == "percent" and _COVERAGE_BEFORE.search(tail))
                and not (qualifier.group("noun") and unit.text in _COUNTED_NOUN_UNITS)):
            return False
        if (numeral_kind(number_text) == "chinese" and number_text[0] in _VAGUE_NUMERAL_OPENING
                and _VAGUE_BEFORE.search(tail)):
            return False  # 数十家, 几百人: a manner of speaking, not a count
        if unit.context == "money" and not _MONEY_BEFORE.search(tail):
            return False
        if unit.base_unit == "CNY" and _SIZE_CLASS_AFTER.match(text, end):
            return False  # 设立百万元重大项目10个: a size class in a name, not a sum stated
        window_start = max(0, start - 8)
        # a number of hundreds of digits is read by its first characters only (the patterns
        # would try every position of it: quadratic); no real quantity is that long
        window = text[window_start:min(end, start + MAX_NUMERAL_CHARS + 16) + 8]
        present = set(window)   # a few dozen characters, asked for several patterns
        for pattern, needs in self._non_quantities:
            if not needs <= present:
                continue
            for hit in pattern.finditer(window):
                if hit.start() + window_start <= start and hit.end() + window_start >= min(end, start + 2):
                    return False
        return True


# ---------------------------------------------------------------- helpers
_RANGE_BETWEEN = re.compile(rf"{_RANGE_SEP}$")


def _join_ranges(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """A range written with its unit at both ends (`增长15%—20%`, `3亿元至5亿元`) is one
    quantity, its lower end at least, as `8—10家` is: the two numbers were read apart."""
    out: list[QuantityMention] = []
    for mention in mentions:
        first = out[-1] if out else None
        if (first is not None and first.unit_raw == mention.unit_raw and first.bound == "exact"
                and mention.bound == "exact" and mention.value_raw > first.value_raw
                and _RANGE_BETWEEN.fullmatch(text, first.char_end, mention.char_start)):
            out[-1] = replace(first, char_end=mention.char_end, bound="at_least",
                              number_text=text[first.char_start:mention.char_end])
            continue
        out.append(mention)
    return out


# the longest match of the patterns read at the end of a sentence's text before a number
_TAIL_CHARS = 40


class _Sentences:
    """Sentence boundaries of one text, found once and looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.ends = mark_positions(text, _SENTENCE_END)
        self._known: dict[tuple[int, int], tuple[int, int]] = {}   # the passes ask again

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """[left, right) of the sentence holding [start, end); right includes its mark.

        At most SENTENCE_WINDOW characters either side of the span: a text with no
        sentence end (a page of one line) is read in windows, so that the work per
        number stays bounded and extraction linear in the text's length.
        """
        known = self._known.get((start, end))
        if known is None:
            known = self._known[start, end] = self._bounds(start, end)
        return known

    def _bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.ends, start) - 1
        left = self.ends[i] + 1 if i >= 0 else 0
        j = bisect_left(self.ends, end)
        right = self.ends[j] + 1 if j < len(self.ends) else self.size
        return max(left, start - SENTENCE_WINDOW), min(right, end + SENTENCE_WINDOW)


def _clause_start(text: str, sentence_start: int, start: int) -> int:
    """Where the clause holding `start` begins: after the last clause mark of its sentence."""
    left = last_mark(text, _CLAUSE_END, sentence_start, start) + 1
    if (left > sentence_start and text[left - 1] in "：:" and start - left <= _KEY_VERB_CHARS + 2
            and len(text[left:start].strip()) <= _KEY_VERB_CHARS):
        # a key and its value (`高新技术企业：412家`, `科技型中小企业：入库669家`): the key
        # names what the value counts
        left = last_mark(text, _CLAUSE_END, sentence_start, left - 1) + 1
    return max(left, sentence_start)


_KEY_VERB_CHARS = 2   # at most a verb (入库, 新增) between a key's colon and its value
_QUOTE_MARKS = "“”\"「」『』"
_QUOTE_MARK = re.compile(f"[{_QUOTE_MARKS}]")


def _inside_quotes(text: str, lo: int, hi: int, end: int) -> bool:
    """True when the number ending at `end` sits inside a short quoted name or a 《title》;
    text[lo:hi] is its sentence before it.

    Pages often flip the direction of quote marks (`”揭榜挂帅“`), so quote marks
    are counted regardless of direction: an odd count before the number and a
    mark shortly after it make it part of a slogan or name (`“四个四”`). The marks
    of the text are found once (`mark_positions`) and counted by bisection.
    """
    marks = mark_positions(text, _QUOTE_MARKS)
    first, past = bisect_left(marks, lo), bisect_left(marks, hi)
    if (past - first) % 2 == 1 and hi - marks[past - 1] <= 12:
        if first_mark(text, _QUOTE_MARKS, end, min(end + 12, len(text))) != -1:
            return True
    i = last_mark(text, "《", lo, hi)
    if i != -1 and last_mark(text, "》", lo, hi) < i and "》" in text[end:end + 30]:
        return True
    return False


# 约 before the verb still bounds the number: 约为去年同期的1.6倍, 约占全市的三成
_APPROX_VERB = re.compile(r"(?:大约|约)(?:为|是|占|达到?|合)[^，,。；;\d]{0,10}$")


def _pre_bound(pre: str) -> tuple[str, str]:
    """The bound cue right before the number, and the clause text without it."""
    pre = pre.rstrip()  # 突破 6000 家: a page's space before the number
    # both patterns end at the number and match at most _TAIL_CHARS characters: read the tail
    cut = max(0, len(pre) - _TAIL_CHARS)
    hit = _PRE_BOUND.search(pre, cut)
    if hit is None:
        return ("approx" if _APPROX_VERB.search(pre, cut) else "exact"), pre
    kind = next(k for k, v in hit.groupdict().items() if v)
    return kind, pre[:hit.start()]


# what follows a unit: a clause's stop, or a word the unit runs into
_CLAUSE_STOP_NEXT = re.compile(r"[ \t]*(?:[，,。；;、：:）)]|\n|$)")
_WORD_NEXT = re.compile(r"[\u4e00-\u9fff]")


_GROWN_BY_TIMES = re.compile(r"(?:增长|增加|提高|提升|翻)(?:了)?(?:近|约|超过|逾)?$")


def _measure(base_unit: str, pre: str) -> str:
    pre = pre.rstrip()[-_TAIL_CHARS:]   # the patterns end at the number and are short
    if base_unit == "multiple":   # 增长1.3倍 is a change rate; 是上年的1.6倍 a multiple
        return "growth" if _GROWN_BY_TIMES.search(pre) else "multiple"
    if base_unit == "pp":
        return "growth"
    if base_unit == "percent":
        if _GROWTH_NOT.search(pre):
            return "ratio"
        return "growth" if _GROWTH_PCT.search(pre) else "ratio"
    return "growth" if _GROWTH_COUNT.search(pre) else "level"


# patterns asked of every number, compiled once (not looked up in `re`'s cache each time)
_PLAN_DONE = re.compile(r"完成.{0,8}计划的")
_CLOSED_OR_INCLUDES = re.compile(r"[)）]|^含")
_POST_LEAD = re.compile(r"^(?:以上|及以上|左右|多|余|之多|的)")
_CLOSING = re.compile(r"[)）]")


def _fact_type(clause: str, sentence_before: str) -> tuple[str, str]:
    if "完成" in clause and _PLAN_DONE.search(clause):
        return "actual", ""
    hit = _ESTIMATE.search(clause)
    if hit:
        return "estimate", hit.group()
    hit = _TARGET.search(clause)
    if hit:
        return "target", hit.group()
    if clause.startswith("要求"):   # 要求所有人员每人每年讲课3次: a requirement set (not 按照…要求,)
        return "target", "要求"
    # a cue opening the same sentence still governs (预计全年…达到495亿元，占…16.78%);
    # one that follows a figure already stated governs the clauses sharing its verb
    # (…,预计销售收入10.8亿元,利税2亿元) but not a clause with a verb of its own
    # (目前…583家,预计总数接近1100,新增…111家): there the sentence opened with results
    hit = _SENTENCE_CUE.search(sentence_before)
    if hit and _FIGURE_DIGIT.search(sentence_before[:hit.start()]) and _OWN_VERB.search(clause):
        hit = None
    if hit:
        return ("estimate" if hit.group("estimate") else "target"), hit.group()
    return "actual", ""


def _quote(text: str, s_start: int, s_end: int, start: int, end: int, limit: int = 160) -> tuple[int, str]:
    """The sentence holding the number; a window of it when the sentence is long."""
    q_start, q_end = s_start, s_end
    while q_end > q_start and text[q_end - 1] in "\n ":
        q_end -= 1
    while q_start < q_end and text[q_start] in "\n ":
        q_start += 1
    if q_end - q_start > limit:
        # a long sentence: from a clause start about half the limit before the number
        q_start = min(_clause_start(text, max(q_start, start - limit // 2), start), start - 10)
        q_start = max(s_start, q_start)
        q_end = min(q_end, max(end + 40, q_start + limit))
    return q_start, text[q_start:q_end]


_SPACE_BY_LATIN = re.compile(r"(?<=[A-Za-z&])\s(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s(?=[A-Za-z])")


def _indicator_phrase(text: str, clause_start: int, start: int, end: int, sentence_end: int) -> str:
    """The words naming what is counted: before the number, else right after its unit."""
    pre = _strip_phrase(text[clause_start:start])
    pre = _PRE_BOUND.sub("", pre).strip()
    if " " in pre:   # a copy's spaces around a Latin word (`全区 R&D 经费投入`) are no break
        pre = _SPACE_BY_LATIN.sub("", pre)
    spaced = max(pre.rfind(" "), pre.rfind("\u3000"))
    if spaced != -1 and len(pre) - spaced > 2:
        pre = pre[spaced + 1:]  # 一、主要指标完成情况 全年全社会研发投入: a heading run into the text
    opened = max(pre.rfind("("), pre.rfind("（"))
    if opened != -1 and not _CLOSED_OR_INCLUDES.search(pre[opened + 1:]) and len(pre) - opened > 3:
        pre = pre[opened + 1:]  # …摩托为国家高新技术企业(实现全县高新技术企业2家): the bracket's own words
    pre = _object_of_last_verb(pre).rstrip("：:")   # 高新技术企业：412家: the key, not its colon
    post_end = end
    while (post_end < sentence_end and not text[post_end].isdigit()  # up to the next number
           and (text[post_end] not in _CLAUSE_END + _SENTENCE_END + "、"
                or (text[post_end] == "、" and _LEVEL_WORD.fullmatch(text[end:post_end])))):
        post_end += 1   # 126名省、市科技特派员: a list of levels before the noun runs on
    post = text[end:post_end].strip()
    post = _POST_LEAD.sub("", post)
    if _RANK_POST.match(post):
        post = ""  # 增速26.6%全市第1: a rank follows, not what is counted
    container = _CONTAINER.match(post)
    if container:  # 与78个贫困村结对, 78个贫困村科技特派员: the unit counts the villages
        return post[:container.end()]
    if _NEGATIVE_POST.match(post):
        # 高新技术企业3家准备复审: what follows the number says what the count is of
        right = text.find(post, end) + len(post)
        left = text.rfind(pre, clause_start, start) if pre else start
        return text[left:right] if left != -1 and right >= end else pre
    core = _SCOPE_END.sub("", pre)  # 组织全县220名科技特派员: the verb, then the scope
    if len(post) >= 2 and (len(core) < 3 or _VERB_END.search(core.removesuffix("的")) or _JOINS_POST.match(post)):
        # 选派78名科技特派员, 组织66个科技型中小企业参加, 等100余人参加了培训: the words
        # after the unit name what is counted; the verb before it stays for the cues
        if not pre:
            return post[:30]
        # one contiguous span of the text, so that a reader finds it as written
        left = text.rfind(pre, clause_start, start)
        right = text.find(post, end) + len(post)
        return text[left:right] if left != -1 and right >= end else pre
    return pre or post


# verbs of the bureau's actions: what a clause counts is the object of its last one
# (科技特派员开展…实用技术培训等78期 counts 培训, not 科技特派员); verbs that also
# name an indicator (投入, 申请, 登记, 授权, 认定, 培训) are not cut at
_ACTION_VERB = re.compile(r"""
    开展|举办|组织|实施|完成|发放|建成|建立|组建|培育|引进|推荐|争取|获得|带动|吸引|走访|
    选派|配备|聘请|邀请|召开|评选|表彰|创建|打造|启动|推动|促进|解决|攻克|
    征集|收集|接待|制作|印发|编制|出版|举行|委托|对接|签订|签约""", re.VERBOSE)


# what a subject undergoes, not an object: 科技型中小企业完成评价入库42家
_STATUS_AFTER_VERB = re.compile(r"(?:评价)?(?:入库|认定|备案|登记|评价)$")


# an amount that only its agent names: 高新技术产业完成产值, 技术市场实现交易额
_AMOUNT_OF_AGENT = re.compile(r"(?:总)?(?:产值|增加值|销售收入|营业收入|主营业务收入|成交额|交易额)")


# words before a verb that say how much or where, not who acts: 累计培育…, 全县共引进…
_NOT_AGENT = re.compile(r"^(?:全(?:市|县|区|州|省|盟|旗)|我(?:市|县|区|州|省)|累计|共|共计|已|已经|先后|当年|今年|全年)+$")


def _object_of_last_verb(pre: str) -> str:
    """The phrase from the clause's last action verb on, when an agent precedes it.

    A stock word is no agent: `累计培育国家高新技术企业` keeps its `累计`, which says
    the count is the stock, not this year's cultivation.
    """
    last = None
    for hit in _ACTION_VERB.finditer(pre):
        last = hit
    if last is None or last.start() == 0 or len(pre) - last.end() < 2:
        return pre
    if _NOT_AGENT.match(pre[:last.start()]):
        return pre
    if _STATUS_AFTER_VERB.fullmatch(pre[last.end():]) or _AMOUNT_OF_AGENT.fullmatch(pre[last.end():]):
        return pre
    return pre[last.start():]


def _share_list_subjects(
    text: str, mentions: list[QuantityMention], sentences: _Sentences
) -> list[QuantityMention]:
    """Give each member of a list of numbers its own subject.

    `高新技术企业、科技型中小企业达6588家、6403家，分别增长26.3%、44.4%` states four
    facts: the subjects listed before the first number are shared out in order, also
    to a following `分别…` list of the same length in the same sentence.
    """
    out = list(mentions)
    starts = [m.char_start for m in mentions]   # in order: mentions do not overlap
    i = 0
    last_subjects: tuple[int, list[str]] | None = None  # (sentence start, subjects)
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_GLUE.match(text[out[j].char_end:out[j + 1].char_start] or "x"):
            j += 1
        group = out[i:j + 1]
        if len(group) >= 2:
            first = group[0]
            s_start, _ = sentences.bounds(first.char_start, first.char_end)
            c_start = _clause_start(text, s_start, first.char_start)
            pre = text[c_start:first.char_start]
            pre_core = re.sub(r"(?:分别为|分别达到?|分别是|分别|均|共|达到?|为|突破|超过|增长|增加|提高|下降|比上年|比去年|较上年|较去年|同比)+$", "", pre)
            subjects = _share_noun(
                [s.strip() for s in re.split(r"、|和|及", pre_core) if s.strip()])
            if len(subjects) == len(group):
                last_subjects = (s_start, subjects)
            elif last_subjects and last_subjects[0] == s_start and len(last_subjects[1]) == len(group):
                subjects = last_subjects[1]
            elif _PREDICATE_START.match(pre_core.strip() or "分别") or not pre_core.strip():
                # only the quantities of the sentence before the list (not a copy of all)
                subjects = _parallel_subjects(text, out[bisect_left(starts, s_start):i], s_start, len(group))
            else:
                subjects = []
            for k, mention in enumerate(group):
                shared = replace(mention, measure=_measure_for_list(mention, first),
                                 bound=_bound_for_list(mention, first))
                if subjects:
                    shared = replace(shared, indicator_phrase=_trim_subject(subjects[k]))
                out[i + k] = shared
        i = j + 1
    return out


# what is measured of a thing: 技术合同|成交额, 专利|授权量
_MEASURE_WORD = re.compile(r"(?:成交额|交易额|金额|登记数|登记额|项数|件数|数量|申请量|授权量|受理量|总数|总量|总额)$")
# a level of government heading a subject: 国家级, 省级以上, 全区市级
_LEVEL_HEAD = re.compile(rf"^(?:全(?:市|区|县|省)|[\u4e00-\u9fff]{{2,4}}?(?=[市州县区]级))?{_GOV_LEVEL}级(?:以上)?")   # 潍坊市级


def _share_noun(subjects: list[str]) -> list[str]:
    """`国家级、省级、市级孵化器分别达到3家、8家和15家`: levels side by side share the last noun;
    `技术合同成交额、登记数分别为…`: measures side by side share the first one's head."""
    if len(subjects) < 2:
        return subjects
    head = _MEASURE_WORD.search(subjects[0])
    if head and head.start() >= 2 and all(_MEASURE_WORD.fullmatch(s) for s in subjects[1:]):
        return [subjects[0]] + [subjects[0][:head.start()] + s for s in subjects[1:]]
    last = _LEVEL_HEAD.match(subjects[-1])
    noun = subjects[-1][last.end():] if last else ""
    if len(noun) < 2 or not all((m := _LEVEL_HEAD.match(s)) and m.end() == len(s) for s in subjects[:-1]):
        return subjects
    return [s + noun for s in subjects[:-1]] + [subjects[-1]]


# a phrase that is only a predicate (同口径增长, 占GDP的, 是去年的) names no subject of its own
_PREDICATE_START = re.compile(r"^(?:占|是|为|相当于|比|较|同比|环比|同口径|分别|对比|相比)")
_PREDICATE_WORDS = first_char_guard(r"""
    同口径|同比|环比|比上年|比去年|较上年|较去年|上一年度|上年度|上年|去年|同期|对比|相比|比|较|
    增长|增加|增速|增幅|提高|提升|下降|减少|上升|降低|了|分别|是|的|达到|达|为|全年|今年|共|约|近|超|
    年均|年平均|首次|突破|超过|
    \d{4}年度?|当年|净增|新增|总量|总数|累计|总计|合计|目前|现有|所占|比重|其中|
    全(?:市|区|县|州|省|盟|旗)|(?:投入)?强度|
    (?:新认定|认定|申报|申请|授权|登记)(?:数量|数)|数量        # 新认定数量是上年的2.3倍
    """, re.VERBOSE)
# the target of the previous quantity, in brackets: 培训农民2150人次,超额完成目标任务(2000人次)
_TARGET_OF_PREVIOUS = re.compile(r"(?:目标|任务|计划)(?:任务)?[(（]$")
# a goal named only as a goal: 任务是50件, 全年应完成指标数为120件
_TARGET_WORD_END = re.compile(r"(?:^|完成|下达|的)(?:全年|年度)?(?:目标)?(?:任务|指标数?|目标)$")
# the start of a change, before its end point: 占GDP的比重由上年的1.98%(上升到2.12%)
_BASELINE_TAIL = re.compile(r"(?<=[^…])(?:由|从)(?:上年|去年|上一年|年初|\d{4}年)?(?:的|末|底)?$")
# a part of the previous quantity: 专利申请量达5347件，其中发明专利2021件
_PART_OF = re.compile(r"^(?:其中|[(（]含)")
# a stock stated after a flow: 新增高新技术企业320家、总量达1450家
_STOCK_WORDS = re.compile(r"总量|总数|累计|总计|合计|已达|达到")
_APPLIED_VERB = re.compile(r"^(?:全年|今年|当年)?(?:新)?(?:组织)?(?:申报|推荐|申请)")
_STOCK_MARKS = re.compile(r"累计|共有|现有|拥有|总数|总量|年末|目前")
_FLOW_WORDS = re.compile(r"新增|新认定|新建|新获批|净增|新培育|当年|今年|全年|\d{4}年度?")


# a stock named only as a stock: 入库总量, 认定总数, 累计入库
_BARE_STOCK = re.compile(r"^(?:(?:入库|认定|登记|备案|累计)?(?:总量|总数|数量)|累计(?:入库|认定|登记|备案|建成|达到|达))$")
_BARE_FLOW = re.compile(r"^(?:全年|今年|当年|年内|一年|本年|上半年|今年以来|以来|年初以来)?(?:新认定|新增|净增|新建|新获批|新通过认定|通过认定|新入库)(?:的)?$")
# an amount named only as an amount after what it is of: 技术合同登记367项，交易额完成45.2亿元
_BARE_AMOUNT = re.compile(r"^(?:实现|完成)?(?:(?:成交|交易|登记)?(?:总)?金?额|增加值)(?:完成|实现|达到?|为)?$")


# a line of key and values: `——科技型中小企业：入库669家`, `高企数量：…；当年新认定121家`
_LINE_KEY = re.compile(r"[ \t　]*(?:——|--|—|-|·|•|●|■)?[ \t　]*(?P<key>[^，,。；;：:\n\d]{2,12})[：:]")


def _line_key(text: str, start: int) -> str:
    """The key of a key-value line holding `start`, which names what its bare values count."""
    line_start = text.rfind("\n", 0, start) + 1
    key = _LINE_KEY.match(text, line_start, start)
    return key.group("key").strip() if key else ""


def _needs_subject(phrase: str) -> bool:
    phrase = phrase.strip()
    return (not phrase or bool(_PREDICATE_START.match(phrase)) or bool(_PART_OF.match(phrase))
            or bool(_BARE_FLOW.match(phrase)) or bool(_BARE_STOCK.match(phrase)) or bool(_BARE_AMOUNT.match(phrase))
            or bool(_TARGET_OF_PREVIOUS.search(phrase)) or bool(_TARGET_WORD_END.search(phrase))
            or len(_PREDICATE_WORDS.sub("", phrase)) < 2)


def _subject_of(phrase: str, own: str) -> str:
    """The subject a following rate, share or part inherits from `phrase`."""
    parts = phrase.split("…")
    if len(parts) > 1 and _BARE_AMOUNT.match(parts[-1]):
        return "…".join(parts[:-1] + [_strip_phrase(parts[-1])])   # 技术合同登记…成交额: the amount's
    if len(parts) > 1 and parts[1].startswith("其中"):
        return "…".join(parts[:2])  # 其中发明专利授权743件，同比增长: the part's own growth
    subject = parts[0]
    subject = re.split(r"占|比重", subject)[0] or subject   # 研发投入占销售收入 → 研发投入
    if _BARE_FLOW.match(own):   # 新申报高新技术企业38家，通过认定26家: recognised, not applied for
        subject = _APPLIED_VERB.sub("", subject) or subject
    if _STOCK_WORDS.search(own) and not _PART_OF.match(own):
        subject = _FLOW_WORDS.sub("", subject) or subject
    elif _FLOW_WORDS.search(own):  # 共有…高新技术企业143家，当年新认定21家: the flow is no stock
        marks = list(_STOCK_MARKS.finditer(subject))
        if marks and len(subject) - marks[-1].end() >= 2:
            subject = subject[marks[-1].end():]     # 全市共有|省级以上高新技术企业
        elif marks and marks[-1].start() >= 2:
            subject = subject[:marks[-1].start()]   # 全区高新技术企业|累计
    return subject


# a gap to another region's figure (`低于全省平均水平0.3个百分点`, `增速高于全市3.4个百分点`)
_OTHER_REGION = r"(?:全国|全省|全区|全市|全州|全盟|全县|全旗|省|市|国家)(?:的)?"
_GAP_TO_OTHERS = re.compile(rf"(?:高于|低于|快于|慢于|高出|低出|超出|领先|落后于?){_OTHER_REGION}(?:平均|均值)?"
                            rf"|(?:超过|比|较){_OTHER_REGION}(?:平均|均值)")


def _gap_only(mention: QuantityMention) -> QuantityMention:
    """A gap to another region's figure counts no quantity of the region's own: it is a
    difference (measure growth) whose phrase starts at the comparison, so that
    `研发投入强度低于全省平均水平近1个百分点` maps to no indicator (the share itself is
    stated elsewhere, or not at all)."""
    gap = _GAP_TO_OTHERS.search(mention.indicator_phrase)
    if gap is None:
        return mention
    # a gap is a difference, as a rise is (`超过全国平均水平8.6件`)
    measure = "growth" if mention.measure == "level" else mention.measure
    return replace(mention, indicator_phrase=mention.indicator_phrase[gap.start():], measure=measure)


def _inherit_subjects(
    text: str, mentions: list[QuantityMention], sentences: _Sentences
) -> list[QuantityMention]:
    """A rate, share, part or goal with no subject of its own is about a neighbour's.

    `全社会研发投入367.1亿元，同口径增长17.1%` states the growth of 全社会研发投入; the
    phrase becomes `全社会研发投入…同口径增长`, so its words stay the report's own.
    A goal stated first (`任务是50件，…发明专利受理量为50件`) takes the subject of the
    quantity after it in the same sentence, when that one has the same unit.
    """
    out = list(mentions)
    sentence = [sentences.bounds(m.char_start, m.char_end)[0] for m in out]
    for k, mention in enumerate(out):
        own = mention.indicator_phrase.strip()
        if k > 0 and sentence[k - 1] == sentence[k] and (noun := _level_item_noun(own, out[k - 1])):
            # 新增省级工程技术研究中心十一家、市级二十三家: the next level of the same thing
            out[k] = replace(mention, indicator_phrase=own + noun)
            continue
        if not _needs_subject(mention.indicator_phrase):
            continue
        neighbour = None
        # a clause right before whose amount the page masked names the subject, not a
        # quantity further back (…占GDP比重2.6%，企业研发经费支出XX亿元，同比增长15.8%)
        same_sentence = k > 0 and sentence[k - 1] == sentence[k]
        masked = ""
        if not same_sentence or out[k - 1].char_end <= _previous_clause_start(
                text, sentence[k], mention.char_start):
            masked = _unnumbered_subject(text, sentence[k], mention)
        if same_sentence and not masked:
            neighbour = out[k - 1]
        elif k > 0 and _PART_OF.match(own) and text[sentence[k]:mention.char_start].lstrip().startswith("其中"):
            neighbour = out[k - 1]  # `…专利申请量3264件。其中发明专利申请412件。`
        elif (k + 1 < len(out) and sentence[k + 1] == sentence[k]
              and _TARGET_WORD_END.search(own) and out[k + 1].unit_raw == mention.unit_raw):
            neighbour = out[k + 1]
        if neighbour is None:
            subject = masked or _line_key(text, mention.char_start)
            if subject:
                out[k] = replace(mention, indicator_phrase=f"{subject}…{own}" if own else subject)
            continue
        if _is_change_of_ratio(text, neighbour, mention):
            subject = neighbour.indicator_phrase  # 所占比重30.2%增长了5.1%: the share grew
        elif ("百分点" in mention.unit_raw and "百分点" in neighbour.unit_raw
              and neighbour.measure == "growth" and "…" in neighbour.indicator_phrase):
            # 较2021年提高0.3个百分点，较2020年提高0.7个百分点: the same share against another year
            subject = neighbour.indicator_phrase.rsplit("…", 1)[0]
        elif base := _BASELINE_TAIL.search(neighbour.indicator_phrase):
            # 占GDP的比重由上年的1.98%上升到2.12%: the end point is of what the start point is
            subject = neighbour.indicator_phrase[:base.start()].rstrip("…")
        else:
            subject = _subject_of(neighbour.indicator_phrase, own)
        if not subject or _needs_subject(subject):
            continue
        # a total of several kinds stays one when its rate inherits it
        kinds = tuple(c for c in neighbour.cues if c.startswith(_LIST_TOTAL_CUE) and c not in mention.cues)
        out[k] = replace(mention, indicator_phrase=f"{subject}…{own}" if own else subject,
                         cues=(*mention.cues, *kinds))
    out = _carry_patent_kind(out, sentence)
    out = _carry_applied_noun(out, sentence)
    out = _compare_to_budget(out, sentence)
    out = _carry_training(out, sentence)
    out = _carry_enumeration_verb(text, out, sentence)
    out = _carry_approval_to_money(out, sentence)
    out = _carry_programme(text, out, sentence)
    out = [_gap_only(m) for m in out]
    ends = [m.char_end for m in out]   # in order: mentions do not overlap
    return [_mark_part(text, m, start, ends) for m, start in zip(out, sentence, strict=True)]


def _level_item_noun(own: str, previous: QuantityMention) -> str:
    """The noun a bare level (`市级`) takes from the item before it (`省级工程技术研究中心`)."""
    if not _LEVEL_HEAD.fullmatch(own):
        return ""
    words = previous.indicator_phrase.split("…")[-1]
    level = None
    for level in _LEVEL_ANYWHERE.finditer(words):
        pass
    noun = words[level.end():] if level else ""
    return noun if len(noun) >= 2 else ""


_LEVEL_ANYWHERE = re.compile(rf"{_GOV_LEVEL}级(?:以上)?")


def _previous_clause_start(text: str, sentence_start: int, start: int) -> int:
    """Where the clause before the one holding `start` begins (its own start at the sentence's)."""
    here = _clause_start(text, sentence_start, start)
    return _clause_start(text, sentence_start, here - 1) if here > sentence_start else here


# where the subject of a clause ends: its verb, or an amount the page masked (xx亿元)
_SUBJECT_END = re.compile(r"完成|实现|达到|达|为|共|约|[xX×*＊]{1,4}|\d|[一二三四五六七八九十百千万亿]+[亿万]?元")


def _unnumbered_subject(text: str, sentence_start: int, mention: QuantityMention) -> str:
    """A rate or share whose subject stands in the clause before, which states no number.

    `高新技术产业增加值完成xx亿元，增速26.6%`: the page masked the amount, so no
    quantity lends its words; the clause before still names what grew.
    """
    if mention.measure not in ("growth", "ratio") and not _BARE_FLOW.match(mention.indicator_phrase.strip()):
        return ""  # …高新技术企业实现零的突破，新认定1家: a bare flow too
    clause_start = _clause_start(text, sentence_start, mention.char_start)
    if clause_start <= sentence_start:
        return ""
    previous = text[_previous_clause_start(text, sentence_start, mention.char_start):clause_start - 1]
    subject = _strip_phrase(previous[:m.start()] if (m := _SUBJECT_END.search(previous)) else previous)
    subject = _PERIOD_HEAD.sub("", subject).strip()
    return subject if len(subject) >= 2 and not _needs_subject(subject) else ""


# a period heading a clause (1-10月, 2023年, 上半年): not part of what is counted
_PERIOD_HEAD = re.compile(r"^(?:\d{1,2}[-—~至]\d{1,2}月(?:份)?|\d{4}年(?:度)?|(?:上|下)半年|今年|去年|全年)[，,]?")


def _is_change_of_ratio(text: str, neighbour: QuantityMention, mention: QuantityMention) -> bool:
    """A change right after a share is the share's change: in percentage points
    (`占GDP比重2.71%，较上年提高0.23个百分点`), or in percent within the same clause."""
    if mention.measure != "growth" or neighbour.measure != "ratio" or neighbour.char_end > mention.char_start:
        return False
    if "百分点" in mention.unit_raw:
        return True
    gap = _RANK_BETWEEN.sub("", text[neighbour.char_end:mention.char_start])
    return not any(c in gap for c in _CLAUSE_END + _SENTENCE_END)


# a rank between a share and its change is no new clause: 占比达到3.21%，全市第2，增幅达0.3%
_RANK_BETWEEN = re.compile(rf"^[，,]{_RANK_VERB}?(?:全(?:市|省|国|区|县|州))?{_RANK_PLACE}[，,]")


# a share of a public budget: 占本级财政支出的1.8%, 占地方财政收入的
_SHARE_OF_BUDGET = re.compile(r"^占[^…，,。]*财政")


def _compare_to_budget(mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """`安排科技资金1.5亿元，占本级财政支出的1.8%`: money measured against the budget is public money.

    The sum's phrase takes the words of the share that follows it in the same
    sentence (`安排科技资金…占本级财政支出的`), so that it can map to fiscal spending.
    """
    out = list(mentions)
    for k in range(len(out) - 1):
        money, share = out[k], out[k + 1]
        if (sentence[k] != sentence[k + 1] or money.measure != "level"
                or not money.unit_raw.endswith("元") or share.measure != "ratio"):
            continue
        words = share.indicator_phrase.split("…")[-1]
        if _SHARE_OF_BUDGET.match(words) and "…" not in money.indicator_phrase:
            out[k] = replace(money, indicator_phrase=f"{money.indicator_phrase}…{words}")
    return out


# a patent status named without its noun (授权91件 after 专利申请170件)
_BARE_PATENT_STATUS = re.compile(r"^(?:获得|获)?(?:授权|受理)(?:量|数)?$")
_PATENT_KIND = re.compile(r"(?:发明|实用新型|外观设计)?专利")


def _borrow_back(
    mentions: list[QuantityMention], sentence: list[int],
    needs: Callable[[QuantityMention], bool], lender: re.Pattern[str],
) -> list[QuantityMention]:
    """Each mention that `needs` words takes the first `lender` match of the nearest
    earlier mention of its sentence that has one, as `<words>…<own phrase>`; so do the
    rates after it that inherited its phrase (`落实资金4720万元，较上年增长18%`)."""
    out = list(mentions)
    for k, mention in enumerate(out):
        if not needs(mention):
            continue
        for j in range(k - 1, -1, -1):
            if sentence[j] != sentence[k]:
                break
            hit = lender.search(out[j].indicator_phrase)
            if hit:
                own = mention.indicator_phrase.strip()
                out[k] = replace(mention, indicator_phrase=f"{hit.group()}…{own}")
                heir = f"{own}…"
                for n in range(k + 1, len(out)):
                    if sentence[n] != sentence[k] or not out[n].indicator_phrase.startswith(heir):
                        break
                    out[n] = replace(out[n], indicator_phrase=f"{hit.group()}…{out[n].indicator_phrase}")
                break
    return out


def _carry_patent_kind(mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """`发明专利申请150件，…，授权12件`: the grants are of the patents named before.

    The nearest earlier quantity of the sentence that names a kind of patent lends
    it (`发明专利…授权`), so invention grants are not read as all grants.
    """
    return _borrow_back(mentions, sentence,
                        lambda m: bool(_BARE_PATENT_STATUS.match(m.indicator_phrase.strip())), _PATENT_KIND)


# an outcome named without its noun (获批立项32项 after 申报省级科技计划项目85项)
_BARE_OUTCOME = re.compile(
    r"^(?:已|均|最终|经[^，,、]{0,4}?|成功)?(?:获批立项|批准立项|获得?立项|获批准立项|获批|批准|立项|通过认定|获得认定|获认定|认定通过|认定|通过评审|通过)(?:的)?$")
_APPLIED = re.compile(r"申报|推荐|申请|上报|提交")


def _carry_applied_noun(mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """`推荐申报省级科技计划项目85项，获批立项32项`: the approvals are of what was applied for.

    A bare outcome right after an application in the same sentence takes the
    applied-for noun (`省级科技计划项目…获批立项`); the application verb stays behind,
    so the outcome is not read as an application.
    """
    out = list(mentions)
    for k in range(1, len(out)):
        own = out[k].indicator_phrase.strip()
        if sentence[k] != sentence[k - 1] or not _BARE_OUTCOME.match(own):
            continue
        applied = out[k - 1].indicator_phrase.split("…")[-1]
        verbs = list(_APPLIED.finditer(applied))
        if not verbs:
            continue
        noun = applied[verbs[-1].end():] or applied[:verbs[0].start()]
        noun = _LEADING_VERB.sub("", noun.strip("了的 ")) if noun else ""
        if len(noun) >= 2:
            out[k] = replace(out[k], indicator_phrase=f"{noun}…{own}")
    return out


# people counted only as attendees (人员900多人, 参会人员200人) of the sentence's training
_PEOPLE_UNIT = re.compile(r"^(?:万)?(?:人次|人|名)")
_ATTENDEES = re.compile(r"^(?:累计|共|共有)?(?:参会|参训|参加|与会|出席)?(?:的)?(?:人员|学员|代表|人)$")
_TRAINING_EVENT = re.compile(r"培训(?:会|班)|培训")


def _carry_training(mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """`举办…培训会6次，参会企业300多家、人员900多人`: the people are the trained.

    A count of people named only as attendees takes the training event counted
    earlier in the same sentence (`培训会…人员`).
    """
    def attendees(m: QuantityMention) -> bool:
        return bool(_PEOPLE_UNIT.match(m.unit_raw) and _ATTENDEES.match(m.indicator_phrase.strip()))

    return _borrow_back(mentions, sentence, attendees, _TRAINING_EVENT)


# money named only as money (支持资金200万) right after approved projects of the sentence
_BARE_MONEY = re.compile(r"^(?:获得|到位|下达|落实)?(?:支持|资助|扶持|补助|项目)?(?:资金|经费)$")
_APPROVAL = re.compile(r"立项|获批|批准|争取")


def _carry_approval_to_money(mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """`市级科技项目立项4项，支持资金200万`, `争取国家、省科技项目86项，资金7600万元`: the money
    is what the approved or won projects brought.

    Money named only as money takes the approval of the nearest earlier quantity of
    its sentence that was approved (`立项…支持资金`), so it reads as funds secured.
    """
    return _borrow_back(mentions, sentence,
                        lambda m: m.unit_raw.endswith(("元", "万", "亿")) and bool(_BARE_MONEY.match(m.indicator_phrase.strip())),
                        _APPROVAL)


# a count of projects named only as projects (确定136个项目, 共安排136个项目) in a sentence
# about a science and technology programme (全区科技计划…共安排136个项目)
_BARE_PROJECTS = re.compile(r"^(?:共|共计|全年)?(?:确定|安排|实施|下达|支持|启动|组织实施)?了?项目$")
_PROGRAMME = re.compile(r"科技(?:计划|攻关计划|发展计划)(?!项目)")


def _carry_programme(text: str, mentions: list[QuantityMention], sentence: list[int]) -> list[QuantityMention]:
    """Projects counted in a sentence whose subject is a science and technology programme
    are that programme's: the phrase becomes `科技计划…确定…项目`."""
    out = list(mentions)
    for k, mention in enumerate(out):
        words = mention.indicator_phrase.replace(mention.number_text, "")
        if not _BARE_PROJECTS.match(words):
            continue
        before = text[sentence[k]:mention.char_start]
        hit = _PROGRAMME.search(before)
        if hit and not _APPLIED.search(before):
            out[k] = replace(mention, indicator_phrase=f"{hit.group()}…{mention.indicator_phrase}")
    return out


# verbs heading an enumeration that change what its items count (applications,
# recommendations, approvals, new recognitions)
_ENUM_VERB = first_char_guard(r"(?:组织)?(?:申报|推荐|申请|获批|新认定|认定|新增|培育|争取)")
_NOT_ENUM_ITEM = re.compile(r"授权|目前|已|现有|累计|总量|总数|有效|年末|年底|拥有|共有|存量|入库|安排|财政|^全(?:市|县|区|州|省|盟|旗)|…")
_ENUM_GAP = re.compile(r"^[^，,。；;、]{0,20}?[、，,][^，,。；;、]{0,20}$")


def _carry_enumeration_verb(
    text: str, mentions: list[QuantityMention], sentence: list[int]
) -> list[QuantityMention]:
    """`申报省级众创空间2个、农业科技园区1个、科技计划项目18个`: the verb heading
    an enumeration governs every item of it, also those written without it."""
    out = list(mentions)
    for k in range(1, len(out)):
        previous, mention = out[k - 1], out[k]
        if sentence[k] != sentence[k - 1]:
            continue
        verb = _ENUM_VERB.search(previous.indicator_phrase)
        gap = text[previous.char_end:mention.char_start]
        if verb is None or not _ENUM_GAP.match(gap):
            continue
        own = mention.indicator_phrase
        if _ENUM_VERB.search(own) or _ACTION_VERB.search(own) or _NOT_ENUM_ITEM.search(own):
            continue
        if "、" not in gap and own[-2:] != previous.indicator_phrase[-2:]:
            continue  # after a comma, only an item of the same kind (…企业, …企业)
        out[k] = replace(mention, indicator_phrase=f"{verb.group()}…{mention.indicator_phrase}")
    return out


# a list of tasks: `任务是:①…2条以上;②…1项。` up to the report of what was done
_TASK_LIST = first_char_guard(r"""
    (?:任务|目标|指标)(?:是|为)[^。；;\n:：]{0,12}[:：]
  | (?<![完成了的])(?:工作|主要|年度|总体|发展)?(?:目标任务|任务目标|目标)[:：]    # 主要目标:…  (not 完成情况…任务:)
  | (?:今年|明年|本年度)的(?:主要)?(?:工作)?(?:目标|任务)[:：]                        # 已明确今年的目标：…
    """, re.VERBOSE)
_TASK_LIST_END = re.compile(r"""
    截至|截止|目前|完成情况|\n|[(（]\d+[)）]|(?<![\d.])\d+\.(?!\d)
  | (?<=。)[^。；;\n，,]{0,8}?(?:获得?|已经?|取得|实现了|完成了)   # a sentence that tells what was done
    """, re.VERBOSE)
_TASK_LIST_MAX = 400


def _mark_task_lists(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """Figures listed after `任务是:` or `目标为:` are the tasks set, not what was done.

    The list runs over its items (①…;②…, A.…;B.…) until the report turns to what
    was achieved (`截至10月底…`, `目前…`, `完成情况`, a sentence opening with what
    was done: `。该项目获…资金178万元`), a new numbered point or a line break.
    """
    spans = []
    for hit in _TASK_LIST.finditer(text):
        end = _TASK_LIST_END.search(text, hit.end(), hit.end() + _TASK_LIST_MAX)
        spans.append((hit.end(), end.start() if end else hit.end() + _TASK_LIST_MAX, hit.group()))
    if not spans:
        return mentions
    starts = [s for s, _, _ in spans]
    out = []
    for mention in mentions:
        # the first list holding the number; lists start in order and are short, so only
        # those starting in the _TASK_LIST_MAX characters before it can hold it
        at = bisect_left(starts, mention.char_start - _TASK_LIST_MAX)
        cue = next((c for s, e, c in spans[at:bisect_right(starts, mention.char_start)]
                    if s <= mention.char_start < e), None)
        if cue and mention.fact_type == "actual" and "baseline" not in mention.cues:
            mention = replace(mention, fact_type="target", cues=(*mention.cues, cue))
        out.append(mention)
    return out


# a table whose header names a column of tasks: `序号 工作任务 完成情况 责任单位`
_TASK_COLUMN = re.compile(r"^(?:工作任务|目标任务|任务目标|年度目标|年度任务|工作目标|目标值|任务指标|计划目标|主要任务|目标"
                          r"|预算数|计划数|全年目标|全年任务|全年计划|年度计划)$")
# a task column of the whole year (in a report of part of it, its figures are the year's)
_WHOLE_YEAR_COLUMN = re.compile(r"^(?:全年|年度)")
WHOLE_YEAR_CUE = "column:全年"
# a column of the same part of the year before (`上年同期`): the pipeline dates its figures
SAME_PERIOD_LAST_YEAR_CUE = "column:上年同期"
_SAME_PERIOD_COLUMN = re.compile(r"^(?:上年|去年)同期(?:数|值|完成)?$")
# a column of what was done in the report's own period: `1-9月完成`, `上半年`, `本期`, `累计完成`
_DONE_COLUMN = re.compile(r"^(?:本期|本年|当年|今年)?(?:1-\d{1,2}月|上半年|下半年|前三季度|[一二三四]季度)?"
                          r"(?:完成|实际完成|完成数|完成值|实际数|累计完成|累计)?$")
_HEADER_CELL = re.compile(r"""^(?:序号|编号|项目|类别|类型|指标|指标名称|工作内容|内容|工作任务|目标任务|任务目标
    |年度目标|年度任务|工作目标|目标值|任务指标|计划目标|主要任务|目标|完成情况|进展情况|完成进度|进度|实际完成
    |完成值|完成率|责任单位|牵头单位|配合单位|责任人|责任领导|完成时限|时限|时间节点|备注|得分|分值
    |单位|计量单位|预算数|计划数|执行数|实际数|决算数|全年目标|全年任务|全年计划|年度计划|绝对数|绝对值|数值|数量)$""", re.VERBOSE)
_CELL_SEP = first_char_guard(r"[ \t]*\|[ \t]*|[ \t]+")
_UNIT_CELL = re.compile(r"^(?:万|亿|余|多)*(?:元|家|项|件|个|名|人次|人|次|%|亩|吨|台|套|所|篇)$")


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """The cells of a table row as spans (a number cut from its unit by a space is one cell)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in list(_CELL_SEP.finditer(line)) + [None]:
        end = sep.start() if sep else len(line)
        if end > pos:
            cell = line[pos:end]
            if spans and _UNIT_CELL.match(cell) and line[spans[-1][1] - offset - 1].isdigit():
                spans[-1] = (spans[-1][0], offset + end)
            else:
                spans.append((offset + pos, offset + end))
        if sep:
            pos = sep.end()
    return spans


# a line read as a table row: (start, body, cell spans, cell texts)
_TableRow = tuple[int, str, list[tuple[int, int]], list[str]]


def _table_lines(text: str) -> Iterator[_TableRow | None]:
    """Each line read as a table row: (start, body, cell spans, cell texts); None when blank.

    A table flattened onto one line (`指标 目标任务 完成情况 新增高新技术企业（家） 3 5
    专利申请（件） 120 156`: a header of k names, then rows of k cells) is read as its
    header and its rows, each with the line as its body."""
    pos = 0
    for line in text.split("\n"):
        offset, pos = pos, pos + len(line) + 1
        body = line.strip().strip("|")
        if not body:
            yield None
            continue
        start = offset + line.index(body)
        cells = _cells(body, start)
        names = [text[a:b] for a, b in cells]
        width = _flat_header_width(names)
        if not width and len(names) > 4:
            # the header glued to the sentence before it: `（二）主要科技指标。指标 目标任务 …`
            cut = max(names[0].rfind(mark) for mark in "。:：")
            if 0 <= cut < len(names[0]) - 1:
                cells = [(cells[0][0] + cut + 1, cells[0][1])] + cells[1:]
                names = [names[0][cut + 1:]] + names[1:]
                width = _flat_header_width(names)
        if width:
            for at in range(0, len(names), width):
                yield start, body, cells[at:at + width], names[at:at + width]
            continue
        yield start, body, cells, names


def _flat_header_width(names: list[str]) -> int:
    """The width of a header that opens a line followed by whole rows of as many cells, each
    with a number (a table flattened onto one line); 0 when the line is no such table."""
    width = 0
    while width < len(names) and _is_column_name(names[width]):
        width += 1
    if width < 2 or len(names) <= width or (len(names) - width) % width:
        return 0
    rows = [names[at:at + width] for at in range(width, len(names), width)]
    return width if all(any(_BARE_NUMBER.match(c) for c in row[1:]) for row in rows) else 0


# a column name may carry its unit (`完成率(%)`, `完成值（万元）`); columns of years
# (`2021年 2020年`) and of growth (`增长(%)`) hold figures of the row too
# (`增长%`: a percent sign is written without brackets too)
_COLUMN_UNIT = re.compile(r"^(?P<name>[^()（）%％]+?)\s?(?:[(（](?P<unit>[^()（）]{1,4})[)）]|(?P<sign>[%％]))$")
_COLUMN_UNIT_ENDS = frozenset(")）%％")
_YEAR_COLUMN = re.compile(r"^(?P<year>(?:19|20)\d{2})年(?P<part>上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月)?"
                          r"(?:完成|实际|数|值|完成值|实际完成)?$")
_GROWTH_COLUMN = re.compile(r"^(?:同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)?(?:增长|增速|增幅|增长率|增减)$")
_SIGNED_NUMBER = re.compile(r"^[-－−][0-9][0-9,]*(?:\.[0-9]+)?%?$")   # a fall in a growth column: -6.1
_PERCENT_NUMBER = re.compile(r"^[0-9][0-9,]*(?:\.[0-9]+)?%$")      # a rise written with its unit: 18.2%
_RATE_COLUMN = re.compile(r"^(?:完成率|完成比例)$")


def _column(name: str) -> tuple[str, str]:
    """A column name and the unit it carries, if any: `增长(%)` → (`增长`, `%`)."""
    # a name carrying a unit ends in a bracket or a percent sign (`$`: or just before a last \n)
    if name.rstrip("\n")[-1:] not in _COLUMN_UNIT_ENDS:
        return name, ""
    own = _COLUMN_UNIT.match(name)
    if not own:
        return name, ""
    return own.group("name").strip(), (own.group("unit") or "%").strip()


def _is_header(names: list[str]) -> bool:
    """A row of column names: `序号 工作任务 完成情况 责任单位`, `指标名称 单位 2021年 增长(%)`,
    `项目 2023年上半年 上年同期 增长(%)`, `指标名称 1-9月完成 全年目标 完成率`."""
    return len(names) >= 2 and all(map(_is_column_name, names))


def _is_column_name(name: str) -> bool:
    base = _column(name)[0]
    return bool(_HEADER_CELL.match(base) or _YEAR_COLUMN.match(base) or _GROWTH_COLUMN.match(base)
                or _SAME_PERIOD_COLUMN.match(base) or (base and _DONE_COLUMN.match(base)))


def _task_cells_one_per_line(text: str, lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Task cells of a table copied one cell a line: `序号` `工作任务` `完成情况` then
    `1` `…20家` `…25家`, `2` …; rows are told by their numbers, 1, 2, 3 …, and the
    table ends where the next number is not there. Without the numbers (the cleaner
    drops lone numbers), rows are as wide as the other columns, up to prose or a heading."""
    cells = [(offset + len(line) - len(line.lstrip()), line.strip()) for offset, line in lines if line.strip()]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(cells):
        if cells[i][1] != "序号":
            i += 1
            continue
        k = 1
        while i + k < len(cells) and _HEADER_CELL.match(cells[i + k][1]) and not cells[i + k][1].isdigit():
            k += 1
        names = [c for _, c in cells[i:i + k]]
        task = [j for j, n in enumerate(names) if _TASK_COLUMN.match(n)]
        i += k
        if k < 2 or not task:
            continue
        if i < len(cells) and cells[i][1] == "1":
            row = 1
            while i + k <= len(cells) and cells[i][1] == str(row):
                start, cell = cells[i + task[0]]
                spans.append((start, start + len(cell)))
                row, i = row + 1, i + k
            continue
        # the row numbers dropped (lone numbers are page debris to the cleaner): rows of k - 1
        width, at = k - 1, task[0] - 1
        while i + width <= len(cells) and not any(_NOT_A_CELL.search(c) for _, c in cells[i:i + width]):
            start, cell = cells[i + at]
            spans.append((start, start + len(cell)))
            i += width
    return spans


# a table whose units stand in a column of their own (`指标名称 单位 目标任务 完成情况`):
# its bare numbers take the row's unit and the row's name as their subject
_UNIT_COLUMN = re.compile(r"^(?:计量)?单位$")
_NAME_COLUMN = re.compile(r"^(?:指标|指标名称|项目|工作内容|内容|类别|类型)$")
_VALUE_COLUMN = re.compile(r"^(?:工作任务|目标任务|任务目标|年度目标|年度任务|工作目标|目标值|任务指标|计划目标"
                           r"|目标|完成情况|实际完成|完成值|完成进度|预算数|计划数|执行数|实际数|决算数|绝对数|绝对值|数值|数量)$")
# a table's caption naming the unit of all its figures: `表2 …（单位：万元）`
_CAPTION_UNIT = re.compile(r"[（(]?单位[:：]\s*(?P<units>[^\s)）、,，/]{1,4}(?:[、,，/][^\s)）、,，/]{1,4})*)[)）]?[:：]?\s*$")
# which of a caption's several units (`单位：家、亿元、%`) a row is in, by the row's name
_SHARE_NAME = re.compile(r"比重|强度|占|率|增长|增速|增幅")
_MONEY_NAME = re.compile(r"额|投入|支出|经费|资金|收入|产值|增加值|投资|金")
_BARE_NUMBER = re.compile(r"^[0-9][0-9,]*(?:\.[0-9]+)?$")


def _unit_column_cells(
    text: str, units: Mapping[str, _Unit], rows: list[_TableRow | None] | None = None
) -> list[QuantityMention]:
    """The bare numbers of a table whose unit is a column: each a quantity of its row.

    `序号 指标名称 单位 目标任务 完成情况` then `1 技术合同成交额 万元 8000 9215`: 8000 and
    9215 are 万元 of 技术合同成交额. A table without a unit column takes the unit its
    caption names (`表2 …（单位：万元）` on the line before the header). Rows are read
    while they have the header's cells; the span is the number's cell alone (its unit
    is elsewhere, cue `unit:单位列`), the quote the row. Task and budget columns become
    targets in `_mark_task_columns`.
    """
    found: list[QuantityMention] = []
    # cells, the unit column or the caption's unit, the name column, the value columns
    header: tuple[int, int | tuple[str, ...], int, dict[int, tuple[str, str, str, int | None, str]]] | None = None
    caption_units: tuple[str, ...] = ()
    for row in _table_lines(text) if rows is None else rows:
        if row is None:
            header = None
            continue
        start, body, cells, names = row
        entity = _entity_columns(names, units)
        if entity is not None:
            header = (len(names), (), 0, entity)
            continue
        if _is_header(names):
            unit = [i for i, n in enumerate(names) if _UNIT_COLUMN.match(n)]
            name = [i for i, n in enumerate(names) if _NAME_COLUMN.match(n)]
            values = _value_columns(names, units)
            where: int | tuple[str, ...] = unit[0] if unit else caption_units
            # (with no unit column nor caption, the rows' own units: `专利申请量(件) 23516 18.2%`)
            header = (len(names), where, name[0], values) if name and values else None
            continue
        caption_units = _caption_units(body, units)
        if header is None or len(cells) != header[0]:
            header = None
            continue
        subject, own_row_unit = _column(names[header[2]])   # `有效高新技术企业（家）`: its own unit
        if own_row_unit not in units:
            subject, own_row_unit = names[header[2]], ""
        row_unit = own_row_unit or (names[header[1]] if isinstance(header[1], int)
                                    else _row_unit(subject, header[1], units))
        for column, (own_unit, measure_of, phrase_of, year, cue) in header[3].items():
            a, b = cells[column]
            unit_raw = own_unit or row_unit
            cell = names[column]
            falls = measure_of == "growth" and bool(_SIGNED_NUMBER.match(cell))
            written = measure_of == "growth" and unit_raw == "%" and bool(_PERCENT_NUMBER.match(cell))
            if unit_raw is None or unit_raw not in units or not (_BARE_NUMBER.match(cell) or falls or written):
                continue
            # a row of a place or kind: its name, then the column's (`全市…R&D经费`)
            phrase = subject + phrase_of if phrase_of.startswith("…") else (phrase_of or subject)
            found.append(_cell_mention(text, start, body, (a, b), unit_raw, phrase,
                                       units, measure_of, year, falls, cue))
    return found


# the first column of a table whose rows are places or kinds of a thing
_ENTITY_COLUMN = re.compile(r"^(?:地区|区域|地区名称|县(?:[(（]市、区[)）])?|县市区|区县|类别|类型|分类)$")


def _entity_columns(
    names: list[str], units: Mapping[str, _Unit]
) -> dict[int, tuple[str, str, str, int | None, str]] | None:
    """The value columns of a table whose rows are places or kinds and whose columns are
    figures, each with its unit (`地区 R&D经费（亿元） 比上年增长（%） 投入强度（%）`, `类别
    项数（项） 成交额（亿元）`), as `_value_columns` gives them; None for any other row.
    A growth column is the growth of the figure in the column before it."""
    if len(names) < 2 or not _ENTITY_COLUMN.match(names[0]):
        return None
    columns: dict[int, tuple[str, str, str, int | None, str]] = {}
    last = ""
    for i, name in enumerate(names[1:], 1):
        base, own = _column(name)
        if own not in units or not base:
            return None
        if _GROWTH_COLUMN.match(base):
            if not last:
                return None
            columns[i] = (own, "growth", f"…{last}…{base}", None, "")
        else:
            columns[i] = (own, "", f"…{base}", None, "")
            last = base
    return columns


def _cell_mention(
    text: str, row_start: int, body: str, span: tuple[int, int], unit_raw: str, phrase: str,
    units: Mapping[str, _Unit], measure: str = "", year: int | None = None, falls: bool = False,
    cue: str = "",
) -> QuantityMention:
    """A bare number of a table read in the unit its row, column or caption gives (cue
    `unit:单位列`), the row its quote; dated when its column or row is an earlier year."""
    cell = text[span[0]:span[1]]
    return QuantityMention(
        char_start=span[0], char_end=span[1], number_text=cell,
        value_raw=float(cell.lstrip("-－−").rstrip("%").replace(",", "")), unit_raw=unit_raw,
        numeral="arabic", indicator_phrase=phrase, quote=body, quote_start=row_start,
        measure=measure or _measure(units[unit_raw].base_unit, phrase),
        fact_type="actual", bound="exact",
        period=None if year is None else PeriodResolution(year, "year", 1, 12, f"table: {year}年"),
        cues=("unit:单位列", *(("sign:-",) if falls else ()), *((cue,) if cue else ())))


def _caption_units(body: str, units: Mapping[str, _Unit]) -> tuple[str, ...]:
    """The units a table's caption names (`（单位：家、亿元、%）`), if all are known ones."""
    caption = _CAPTION_UNIT.search(body) if "单位" in body else None   # every caption holds 单位
    listed = tuple(re.split(r"[、,，/]", caption.group("units"))) if caption else ()
    return listed if listed and all(u in units for u in listed) else ()


_YEAR_HEADER = re.compile(r"^(?:年份|年度|年)$")
_YEAR_CELL = re.compile(r"^(?P<year>(?:19|20)\d{2})年?$")


def _year_row_cells(
    text: str, units: Mapping[str, _Unit],
    rows: list[_TableRow | None] | None = None,
) -> list[QuantityMention]:
    """The figures of a table whose rows are years (`年份 R&D经费 研发投入强度 …` then
    `2018 42.31 1.98 …`): each a quantity of its column, dated by its row, in the unit
    its column name carries (`R&D经费(亿元)`) or the caption lists in column order
    (`（单位：亿元、%、家、亿元）`). The latest year is the report's own (its period may be
    a part of it), so only the earlier rows are dated by the table."""
    found: list[QuantityMention] = []
    header: list[tuple[str, str | None]] | None = None
    caption: tuple[str, ...] = ()
    dated: list[tuple[int, str, list[tuple[int, int]], list[str], int]] = []   # a row and its year

    def flush(header: list[tuple[str, str | None]]) -> None:
        latest = max((r[4] for r in dated), default=None)
        for start, body, cells, names, year in dated:
            for span, cell, (name, unit_raw) in zip(cells[1:], names[1:], header[1:]):
                if unit_raw is None or not _BARE_NUMBER.match(cell):
                    continue
                found.append(_cell_mention(text, start, body, span, unit_raw, name, units,
                                           year=None if year == latest else year))
        dated.clear()

    for row in _table_lines(text) if rows is None else rows:
        if row is None:
            if header and dated:
                flush(header)
            header = None
            continue
        start, body, cells, names = row
        year = _YEAR_CELL.match(names[0]) if header else None
        if header and year and len(names) == len(header):
            dated.append((start, body, cells, names, int(year.group("year"))))
            continue
        if header and dated:
            flush(header)
        header = None
        if len(names) >= 2 and _YEAR_HEADER.match(names[0]) and not any(
                _BARE_NUMBER.match(n) for n in names[1:]):
            columns = [_column(n) for n in names[1:]]
            listed = caption if len(caption) == len(columns) else (None,) * len(columns)
            header = [("", None)] + [
                (name, own if own in units else (fallback if not own else None))
                for (name, own), fallback in zip(columns, listed)]
            continue
        caption = _caption_units(body, units)
    if header and dated:
        flush(header)
    return found


def _value_columns(
    names: list[str], units: Mapping[str, _Unit]
) -> dict[int, tuple[str, str, str, int | None, str]]:
    """The columns of a header that hold a row's figures: index → (its own unit, a measure
    it fixes, a phrase of its own, the year it is of). A task, result or budget column
    takes the row's unit; a year column before the latest (`2020年`) its year; a growth column (`增长(%)`)
    is the row's growth; a completion rate (`完成率(%)`) a ratio of its own, no indicator. A
    column of the year's goal (`全年目标`) or of the same period a year before (`上年同期`)
    carries a cue by which the pipeline dates its figures (it knows the report's period)."""
    columns: dict[int, tuple[str, str, str, int | None, str]] = {}
    for i, name in enumerate(names):
        base, own = _column(name)
        own = own if own in units else ""
        year = _YEAR_COLUMN.match(base)
        if _TASK_COLUMN.match(base):
            columns[i] = (own, "", "", None, WHOLE_YEAR_CUE if _WHOLE_YEAR_COLUMN.match(base) else "")
        elif _VALUE_COLUMN.match(base) or (base and _DONE_COLUMN.match(base)) or (year and year.group("part")):
            columns[i] = (own, "", "", None, "")    # a year's part (2023年上半年): the report's own
        elif _SAME_PERIOD_COLUMN.match(base):
            columns[i] = (own, "", "", None, SAME_PERIOD_LAST_YEAR_CUE)
        elif year:
            columns[i] = (own, "", "", int(year.group("year")), "")
        elif _GROWTH_COLUMN.match(base):
            columns[i] = (own or "%", "growth", "", None, "")
        elif _RATE_COLUMN.match(base) and own:
            columns[i] = (own, "ratio", base, None, "")
    # the latest year is the report's own (its period may be a half or months of it):
    # only the years it is compared with are dated by their column
    latest = max((c[3] for c in columns.values() if c[3] is not None), default=None)
    return {i: (c[0], c[1], c[2], None if c[3] == latest else c[3], c[4]) for i, c in columns.items()}


def _row_unit(subject: str, listed: tuple[str, ...], units: Mapping[str, _Unit]) -> str | None:
    """The unit of a row among a caption's units: the only one, else the one its name calls
    for (a share in %, money in its money unit, else the one count unit); None if unclear."""
    if len(listed) == 1:
        return listed[0]
    by_base: dict[str, list[str]] = {}
    for unit in listed:
        by_base.setdefault(units[unit].base_unit, []).append(unit)
    if _SHARE_NAME.search(subject):
        kind = "percent"
    elif _MONEY_NAME.search(subject):
        kind = "CNY"
    else:
        kind = "count"
    chosen = by_base.get(kind, [])
    return chosen[0] if len(chosen) == 1 else None


def _with_unit_column_cells(
    found: list[QuantityMention], cells: list[QuantityMention]
) -> list[QuantityMention]:
    """The mentions with a unit column's numbers that no mention covers, in text order.

    A number read already with its own unit in a growth column (`18.2%` under `同比增长`)
    is the row's growth: it takes the column's measure and the row's subject."""
    if not cells:
        return found
    out = list(found)
    starts = [m.char_start for m in out]   # in order: mentions do not overlap
    extra = []
    for c in cells:
        k = bisect_right(starts, c.char_start) - 1
        overlaps = [j for j in (k, k + 1) if 0 <= j < len(out)
                    and out[j].char_start < c.char_end and c.char_start < out[j].char_end]
        if not overlaps:
            extra.append(c)
            continue
        j = overlaps[0]
        if (c.measure == "growth" and out[j].measure != "growth"
                and c.char_start <= out[j].char_start and out[j].char_end <= c.char_end):
            out[j] = c   # the cell whole, with its sign (`-8.8%`: the mention read 8.8% alone)
    return sorted(out + extra, key=lambda m: m.char_start)


# a line that is no table cell: prose (。) or a numbered heading
_NOT_A_CELL = re.compile(r"。|^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


def _mark_task_columns(
    text: str, mentions: list[QuantityMention], rows: list[_TableRow | None] | None = None
) -> list[QuantityMention]:
    """Figures in a table's `工作任务` column are the tasks set, not what was done.

    A header row of column names (`序号 工作任务 完成情况 责任单位`, cells split by
    spaces, tabs or `|`) with a task column; the rows below with as many cells are
    read cell by cell, up to the first row that is not one. A table copied one
    cell a line is read by its row numbers. Other columns (`完成情况`) keep their
    own types.
    """
    spans: list[tuple[int, int]] = []
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    header: tuple[int, int] | None = None   # (number of cells, index of the task column)
    for row in _table_lines(text) if rows is None else rows:
        if row is None:
            continue
        _, _, cells, names = row
        if _is_header(names):
            task = [i for i, n in enumerate(names) if _TASK_COLUMN.match(n)]
            header = (len(names), task[0]) if task else None
            continue
        if header is None:
            continue
        if len(cells) != header[0]:
            header = None
            continue
        spans.append(cells[header[1]])
    spans += _task_cells_one_per_line(text, lines)
    if not spans:
        return mentions
    # a number is in a task cell when a cell starting at or before it ends after it
    spans.sort()
    starts = [a for a, _ in spans]
    reach, furthest = [], -1
    for _, b in spans:
        furthest = max(furthest, b)
        reach.append(furthest)
    out = []
    for mention in mentions:
        k = bisect_right(starts, mention.char_start) - 1
        if mention.fact_type == "actual" and k >= 0 and reach[k] > mention.char_start:
            mention = replace(mention, fact_type="target", cues=(*mention.cues, "工作任务列"))
        out.append(mention)
    return out


# the mark of one firm's, one project's or one partner's figures: a part that is no total
# of the region's (`其中之一…该项目获得…50万元支持`), unlike a 其中 part of a stated total
_ONE_OF = "其中之一…"


def as_one_of(mention: QuantityMention) -> QuantityMention:
    """The mention marked as one part's figure (`其中之一…`), which maps to no region-wide code."""
    if mention.indicator_phrase.startswith(_ONE_OF):
        return mention
    return replace(mention, indicator_phrase=f"{_ONE_OF}{mention.indicator_phrase}")

# support given to a partner region elsewhere (对口支援阿瓦提县, 援疆, 东西部协作): its
# figures are the partner's or the programme's, not the reporting region's own
PARTNER_WORK = re.compile(r"对口支援|对口帮扶|对口合作|对口协作|援疆|援藏|援青|东西部(?:扶贫|科技)?协作|山海协作|闽宁")
_TOP_NUMBERED = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


def _mark_partner_work(text: str, mentions: list[QuantityMention], sentences: _Sentences) -> list[QuantityMention]:
    """Quantities of a sentence, or of a numbered section headed, about support to a partner region
    are parts (`其中…`): `为阿瓦提县争取援疆科技项目6项` is not the region's own projects."""
    if not PARTNER_WORK.search(text):
        return mentions
    scopes = []
    for heading in _TOP_NUMBERED.finditer(text):
        line_end = text.find("\n", heading.end())
        line_end = len(text) if line_end == -1 else line_end
        first = text[heading.end():line_end]
        title = re.split(r"[。！？]", first, maxsplit=1)[0]
        if PARTNER_WORK.search(title):
            nxt = _TOP_NUMBERED.search(text, line_end)
            scopes.append((heading.start(), nxt.start() if nxt else len(text)))
    starts = [a for a, _ in scopes]   # sections in order, one after another
    out = []
    for m in mentions:
        s_start, s_end = sentences.bounds(m.char_start, m.char_end)
        k = bisect_right(starts, m.char_start) - 1
        inside = (k >= 0 and m.char_start < scopes[k][1]) or PARTNER_WORK.search(text, s_start, s_end)
        out.append(as_one_of(m) if inside else m)
    return out


# an item of an enumeration that only qualifies the next one: 国家、省级科技项目, 工业、农业
_MODIFIER_ITEM = re.compile(r"^.{0,2}$|(?:国家|中央|部|省|自治区|市|州|盟|县|区|乡镇|乡|镇|级)$")
_LIST_TOTAL_CUE = "list_total:"
# verbs that name an indicator themselves: what follows them is their object
_NAMING_VERB = re.compile(r"^(?:新认定|认定|培训|受训|申请|申报|推荐|授权|登记|资助|奖励)")
# a verb or stock word heading the first item of an enumeration
_LEADING_VERB = re.compile(r"""^(?:
    (?:现有|拥有|共有|已有|累计|新增|净增|全市|全区|全县|全年|目前|共)*
    (?:开展|举办|组织|实施|完成|发放|建成|建立|组建|新建|建设|创建|培育|引进|争取|获得|带动|吸引|
       选派|派出|配备|聘请|邀请|评选|表彰|打造|启动|征集|对接|签约|落户|入驻|孵化|挂牌|命名|遴选|获批)?
    )""", re.VERBOSE)


def _mark_list_total(text: str, mention: QuantityMention) -> QuantityMention:
    """`选派科技领军人才、优秀杰出青年人才、科技特派员520多人`: one number for several kinds.

    When the words right before a single number enumerate two or more kinds of
    thing, the number is their total, not the count of the last one. The kinds are
    kept as a cue (`list_total:科技领军人才、…`) so that an indicator applies only
    when it names every one of them (`众创空间、科技企业孵化器12家` stays incubators).
    """
    phrase = mention.indicator_phrase
    if "…" in phrase or "、" not in phrase or "等" in phrase.split("、")[-1]:
        return mention  # `A、B等上级科技资金`: examples of the kind named after 等
    left = text.rfind(phrase, max(0, mention.char_start - 2 * SENTENCE_WINDOW), mention.char_start)
    if left == -1 or not _PHRASE_TAIL.fullmatch(text[left + len(phrase):mention.char_start]):
        return mention  # the phrase runs past the number: its verb governs every item
    if _VERB_END.search(phrase):
        return mention
    items = phrase.split("、")
    if items[0].startswith(("与", "同", "跟")):
        return mention  # 与农业大学、省农科院签订合作项目7个: partners listed, one kind counted
    first = _object_of_last_verb(items[0])
    if _NAMING_VERB.match(first):
        return mention  # 培训科技特派员、农技人员500人次: the verb, not the kinds, is counted
    verb = _LEADING_VERB.match(first)
    items[0] = first[verb.end():] if verb else first
    kinds = [item for item in items if not _MODIFIER_ITEM.search(item)]
    if len(kinds) < 2:
        return mention
    return replace(mention, cues=(*mention.cues, _LIST_TOTAL_CUE + "、".join(kinds)))


_EXAMPLE = re.compile(r"(?:[一二三四五六七八九十]是)?(?:如|例如|比如|譬如)[^，,。；;]{1,30}?(?:公司|企业|集团|厂|合作社|研究院|研究所)")
# one firm or one project as the sentence's subject: `2023年，该公司投入研发经费…`,
# `XX智能装备有限公司今年新申请发明专利32件`
_ONE_ENTITY = re.compile(r"""
    (?:(?:\d{4}年|今年|去年|上半年)[，,]?)?
    (?: (?:该|这家|此|这个)(?:公司|企业|集团|厂|项目|单位|合作社)
      | [^，,。；;、]{2,24}?(?:有限公司|有限责任公司|股份公司|集团公司)(?![的])
      | [^，,。；;、“”"]{0,12}[“"][^“”"]{2,40}[”"]项目[，,]   # XX区“…示范”项目，已列入…
    )""", re.VERBOSE)


# a bracket after a figure that tells its change, not its parts: 412家（净增67家，增长19.4%）
_CHANGE_IN_BRACKET = re.compile(r"(?:净增|新增|新认定|增长|增加|同比|比上年|较上年|比去年|较去年|下降|减少)")


# a clause of a list whose members each take a subject named before it: `分别增长`
# (its first number right after the verb: `分别是国际合作计划1项、…` names its own subjects)
_SHARED_OUT = re.compile(r"\s*(?:同比|比上年|较上年|比去年|较去年)?分别(?:比上年|较上年|同比)?"
                         r"(?:增长|增加|提高|提升|下降|减少|为|达到?|是)?\s*[\d一二三四五六七八九十两零〇]")


def _holds(ends: list[int], pos: int) -> bool:
    """Whether a quantity ends at `pos` (`ends` sorted)."""
    k = bisect_left(ends, pos)
    return k < len(ends) and ends[k] == pos


def _reaches_past_parts(text: str, s_start: int, clause_start: int, ends: list[int]) -> bool:
    """Whether the `分别` list opening at `clause_start` has more members than the sentence
    has parts after its `其中`: then its first members are about quantities before it."""
    at = text.rfind("其中", s_start, clause_start)
    if at == -1:
        return False
    clause_end = first_mark(text, _CLAUSE_END, clause_start, len(text))
    clause_end = len(text) if clause_end == -1 else clause_end
    parts = bisect_right(ends, clause_start) - bisect_right(ends, at)
    members = bisect_right(ends, clause_end) - bisect_right(ends, clause_start)
    return members > parts


def _mark_part(text: str, mention: QuantityMention, s_start: int, ends: list[int]) -> QuantityMention:
    """After `其中` every quantity of the sentence is a part of a total: say so in the phrase.

    `共组织申报…40项，其中，省级项目6项、…、市级项目30项`: the parts keep
    their own words, prefixed `其中…`, so that they do not map to the region's totals.
    The parts run on over clauses that are items of the same list (`…1家,星火计划2项;
    省火炬计划7项`): short clauses that end in a quantity (`ends`), with no verb or total.
    """
    if "其中" in mention.indicator_phrase:
        return mention
    lead = text[s_start:mention.char_start].lstrip()
    clause_start = _clause_start(text, s_start, mention.char_start)
    if _SHARED_OUT.match(text, clause_start, mention.char_end) and _reaches_past_parts(
            text, s_start, clause_start, ends):
        # `…，其中发明专利申请1284件，分别增长11.2%、15.6%和9.8%`: a list that shares out the
        # subjects before it reaches back past 其中; a part's own keeps its `其中` (above)
        return mention
    if _EXAMPLE.match(lead) or _ONE_ENTITY.match(lead) or _NAMED_PROJECT_BEFORE.search(
            text, max(s_start, clause_start - 60), clause_start):
        # 如*老窖股份有限公司…今年申请发明专利4件, 该公司投入研发经费…, 《…》项目，争取资金…:
        # one firm's or one project's figures
        return as_one_of(mention)
    if _SUBSET.search(mention.indicator_phrase) or _EACH_OF_A_LIST.search(
            text, max(s_start, clause_start), mention.char_start):
        return replace(mention, indicator_phrase=f"其中…{mention.indicator_phrase}")
    opened = last_mark(text, "(（", s_start, mention.char_start)
    if (opened != -1 and _holds(ends, opened) and not text.startswith("含", opened + 1)
            and not _CHANGE_IN_BRACKET.match(text, opened + 1)
            and not _CLOSING.search(text[opened:mention.char_start])):
        # 孵化载体5家(孵化器2家、众创空间3家): a bracket right after a total breaks it down
        return replace(mention, indicator_phrase=f"其中…{mention.indicator_phrase}")
    # 其中 may head a list that semicolons divide (其中…1家，星火计划2项；省火炬计划7项) or
    # a breakdown that runs on over sentences (其中列入国家项目5项…。列入省级…10个…)
    # (the line break is looked for no further back than the breakdown can reach: a page
    # of one long line must not be read back to its start for every number)
    paragraph_start = max(text.rfind("\n", max(0, s_start - _BREAKDOWN_MAX), s_start) + 1,
                          s_start - _BREAKDOWN_MAX)
    listed = text.rfind("其中", paragraph_start, s_start)
    at = max(text.rfind("其中", s_start, mention.char_start), listed,
             text.rfind("(含", s_start, mention.char_start), text.rfind("（含", s_start, mention.char_start))
    if at == -1:
        return mention
    if text[at] in "(（":
        # 215家(含当年新认定63家): a part in brackets, to the closing bracket
        close = min((i for i in (text.find(")", at), text.find("）", at)) if i != -1), default=-1)
        if close != -1 and close < mention.char_start:
            return mention
        return replace(mention, indicator_phrase=f"其中…{mention.indicator_phrase}")
    # the parts run from 其中 (and the comma after it) to the end of their enumeration
    scope = at + 2
    while scope < mention.char_start and text[scope] in "，,：: ":
        scope += 1
    # the verb the parts open with, which each item may repeat (其中实施…12项，实施…18项)
    verb = _PART_VERB.match(text, scope)
    items = 0
    while (stop := _next_separator(text, scope)) < mention.char_start:
        items += 1
        pieces = text[scope:stop].split("、")
        rank = _RANK_AFTER.match(text, scope, stop)
        if not rank and (max(map(len, pieces)) > _LIST_ITEM_MAX or not _holds(ends, stop)):
            return mention
        scope = stop + 1
        item = text[scope:_next_separator(text, scope)]
        if text[stop] == "。" and not (verb and item.startswith(verb.group())):
            return mention  # a new sentence continues the parts only in their own words
        if text[stop] in "；;" and items < 2 and not (verb and item.startswith(verb.group())):
            return mention  # 其中当年新获批4家；国家备案众创空间60家: one part, then a new thing
        if verb and item.startswith(verb.group()):
            item = item[verb.end() - verb.start():]
        if _STOCK_WORDS.search(item) or item.lstrip().startswith("共"):
            return mention  # 其中进京12次，共争取…项目194项: a new total, not an item
        if (_ACTION_VERB.search(item) or _ITEM_VERB.search(item)) and not _ONE_LEVEL.search(item):
            return mention  # a new statement, unless it names the next level (争取省资金…)
    return replace(mention, indicator_phrase=f"其中…{mention.indicator_phrase}")


# a stock stated for the whole region after its levels: `新建省级工程技术研究中心4个、
# 市级工程技术研究中心11个,全市工程技术研究中心累计达到87个`
_TOTAL_WORDS = re.compile(r"累计|总数|总量|合计|共计|总计|共有")
_ONE_LEVEL_HEAD = re.compile(
    r"^(?:新建|新增|新认定|认定|获批|建成|创建|组建)?(?:国家|省|自治区|市|州|县|区|部)级")
_CORE_MIN = 4


def _levels_before_their_total(mentions: list[QuantityMention], sentences: _Sentences) -> list[QuantityMention]:
    """One level's figures listed before the region's total of the same thing are its parts.

    The contract's parts of a total: where the sentence goes on to state the
    region-wide figure (`全市…累计达到87个`), the levels listed side by side before it
    (`省级…4个、市级…11个`) carry no headline code. A figure is one level's when its own
    words open with a level (`省级`, `新建市级`) and the rest of them
    (`工程技术研究中心`) is named in the total's words, in the same unit; two levels or
    more must be listed. One level's new things before the stock (`新认定省级高新技术
    企业7家,全市…累计达到33家`) are the new ones, not a part.
    """
    out = list(mentions)
    for k, total in enumerate(out):
        if total.measure != "level" or not _TOTAL_WORDS.search(total.indicator_phrase.split("…")[-1]):
            continue
        s_start, _ = sentences.bounds(total.char_start, total.char_end)
        levels: dict[str, list[int]] = {}
        for j in range(k - 1, -1, -1):
            m = out[j]
            if m.char_start < s_start:
                break
            own = m.indicator_phrase.split("…")[-1]
            level = _ONE_LEVEL_HEAD.match(own)
            if (level is None or m.measure != "level" or m.unit_raw != total.unit_raw
                    or _is_part(m.indicator_phrase) or _TOTAL_WORDS.search(own)):
                continue
            core = own[level.end():]
            if len(core) >= _CORE_MIN and core in total.indicator_phrase:
                levels.setdefault(level.group(), []).append(j)
        if len(levels) >= 2:
            for j in (j for found in levels.values() for j in found):
                out[j] = replace(out[j], indicator_phrase=f"其中…{out[j].indicator_phrase}")
    return out


def _is_part(phrase: str) -> bool:
    """A part's phrase: marked `其中…` (by `_mark_part`) or its own words opening with 其中
    (`专利申请量…其中发明专利申请`); not one firm's `其中之一…`."""
    return "其中…" in phrase or phrase.split("…")[-1].startswith("其中")


_SENTENCE_BREAKS = "。！？\n"


def _parts_share_the_totals_type(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """`计划投资总额9亿元，其中…科技拨款…，自筹4.3亿元`: the parts of a planned total are planned.

    A part (`其中…`) with no cue of its own takes the fact type of the nearest whole
    before it in the same sentence, when that one is a target or an estimate.
    """
    out = list(mentions)
    whole: QuantityMention | None = None
    for k, mention in enumerate(out):
        if whole is not None and first_mark(text, _SENTENCE_BREAKS, whole.char_end, mention.char_start) != -1:
            whole = None
        if not _is_part(mention.indicator_phrase):
            whole = mention
        elif whole is not None and whole.fact_type != "actual" and mention.fact_type == "actual" and not mention.cues:
            out[k] = replace(mention, fact_type=whole.fact_type, cues=("part_of:" + whole.fact_type,))
    return out


_LIST_ITEM_MAX = 30
_BREAKDOWN_MAX = 400
# a rank between the items of a breakdown (…300万元，位居全省各县之首。): no item, no end
_RANK_AFTER = re.compile(rf"{_RANK_VERB}[^，,。；;]{{0,12}}{_RANK_PLACE}$")
# verbs that open the parts of a breakdown and may open each of its items again
_PART_VERB = re.compile(r"列入|安排|下达|立项|获批|认定|" + _ACTION_VERB.pattern, re.VERBOSE)
# a level of government naming the part of a breakdown: 争取国家资金…, 争取省资金…, 其他专项资金…
_ONE_LEVEL = re.compile(rf"{_GOV_LEVEL}级?(?:资金|经费|项目|计划)|^其他|^其余")
_ITEM_VERB = re.compile(r"培训|受训|申请|申报|推荐|授权|登记|认定|新建|新增|净增")
# a named project right before the clause: `…申报的《…》项目，争取资金20万元`
_NAMED_PROJECT_BEFORE = re.compile(r"(?:(?:项目|课题)《[^《》]{2,40}》|[》”\"](?:项目|课题))[，,]$")
# each of the places or units listed (`叙州区、南溪区各新建孵化器1家`): one's figure, not the whole's
_EACH_OF_A_LIST = re.compile(r"[^、，,。；;]、[^、，,。；;…]{1,10}?各(?!类|级|项|种|地|部门|单位|方面|界|族)")
# a subset named inside its set: 科技特派员中属于无偿服务的
_SUBSET = re.compile(r"[^其]中(?:属于|来自)")


_ITEM_END = "，,；;。"


def _next_separator(text: str, start: int) -> int:
    """Where the clause from `start` ends (the text's length when it runs to the end), looking
    at most SENTENCE_WINDOW characters ahead (a clause longer than that ends there)."""
    stop = min(len(text), start + SENTENCE_WINDOW)
    found = first_mark(text, _ITEM_END, start, stop)
    return stop if found == -1 else found


def _parallel_subjects(
    text: str, before: list[QuantityMention], sentence_start: int, size: int
) -> list[str]:
    """Subjects for `分别增长54.78%和58.46%` from the parallel quantities before it.

    `全年专利申请量达到5200件、授权量达到3100件，…，分别比上年增长…`: the
    nearest `size` quantities of the sentence written in one unit are the subjects.
    """
    # lists are shared out before subjects are inherited: a part still reads `其中…`/`(含…`
    same_sentence = [m for m in before
                     if m.char_start >= sentence_start and not _PART_OF.match(m.indicator_phrase)]
    def subject(m: QuantityMention) -> str:
        """Its own words, or those of the quantity before it (突破200件，达到217件)."""
        k = same_sentence.index(m)
        while k > 0 and _needs_subject(same_sentence[k].indicator_phrase):
            k -= 1
        head = same_sentence[k].indicator_phrase.split("…")[0]
        own = m.indicator_phrase.strip()
        if same_sentence[k] is not m and _BARE_AMOUNT.match(own):
            return f"{head}…{own}"   # 高新技术产业完成产值42.6亿元，实现增加值13.8亿元: the value added
        return head

    for end in range(len(same_sentence), size - 1, -1):
        run = same_sentence[end - size:end]
        if len({m.unit_raw for m in run}) == 1 and all(m.measure == "level" for m in run):
            return [subject(m) for m in run]
    # `技术合同登记1,087项，成交额18.65亿元，分别增长41.2%、56.7%`: the last levels, in order
    levels = [m for m in same_sentence if m.measure == "level"]
    if len(levels) >= size:
        return [m.indicator_phrase.split("…")[0] for m in levels[-size:]]
    # `专利申请量5213件、授权量3308件，其中发明专利申请1284件，分别增长…`: the part is one of
    # them, and its rate a part's as well (`其中…`); the others' rates are no parts
    with_parts = [m for m in before if m.char_start >= sentence_start and m.measure == "level"]
    if len(with_parts) >= size and len({m.unit_raw for m in with_parts[-size:]}) == 1:
        return [m.indicator_phrase.split("…")[0] for m in with_parts[-size:]]
    return []


def _measure_for_list(mention: QuantityMention, first: QuantityMention) -> str:
    """Members of a list share the measure cue written before the first one."""
    return first.measure if mention.measure in ("level", "ratio") and first.measure == "growth" else mention.measure


def _bound_for_list(mention: QuantityMention, first: QuantityMention) -> str:
    """`分别突破1200家、3500家`: a bound word before the list bounds every member."""
    if mention is first or mention.bound != "exact":
        return mention.bound
    from_word = any(c.startswith("bound:") for c in first.cues)
    return first.bound if from_word else mention.bound


def _strip_phrase(words: str) -> str:
    """Drop connectives before a phrase and verbs after it (其中 and nouns stay)."""
    head = _PHRASE_HEAD.match(words)
    words = words[head.end():] if head else words
    cut = len(words) - _TAIL_SCAN
    if cut > 0:
        # the tail's words are at most 3 characters each and any of them may open a match,
        # so a match opening before `cut` leaves one within 3 of it: one that opens later
        # is the leftmost, and `sub` removes it alone (it runs to the end)
        tail = _PHRASE_TAIL.search(words, cut)
        if tail is not None and tail.start() > cut + _TAIL_SLACK:
            return words[:tail.start()]
    return _PHRASE_TAIL.sub("", words)


# `_strip_phrase` looks for the tail in the last _TAIL_SCAN characters of a long phrase
_TAIL_SCAN, _TAIL_SLACK = 24, 8


def _trim_subject(subject: str) -> str:
    return _strip_phrase(subject).strip() or subject
