"""The period a report is about, and the period of each fact stated in it.

A report's period is read from what its body says about itself: a year that
frames a sentence or a heading (`2022年，在市委…`, `一、2019年工作情况`), a plan
for next year that follows the review (`三、2013年工作计划` → 2012), the report's
own title when the body does not contradict it, a political-calendar cue that
fixes one year (`改革开放30年` → 2008, reference data in
`seeds/reference/political_calendar.csv`), and, last, the years the body
mentions. Upload and publication stamps, page breadcrumbs, masked years (`*年`,
`20xx年`, `201X`) and five-year-plan spans are never evidence; without evidence,
or with evidence that contradicts itself, the year is None and the reason says so.
Nor is a year the host site wrote over the report, where the page shows it (a
review stamped before its period ended, the year spliced into an amount or a
document number, a title summing up and planning one same year over a body that
masks its years): then the year is None, in every sentence too.

A fact's period defaults to the report's, or to that of the heading of its
section where the heading names a period of its own (`二、1-10月工作进展`). A cue
in its own sentence before the number overrides it (`1-11月`, `截至10月底`,
`上半年`, `一季度`, `前三季度`, an earlier year written against the number, `去年`
when the report calls its own year `今年`), the starting point of a rise
(`从9%增长到11%`) is the year before, and a plan section for the next period
(`2013年工作计划`, `下一步工作安排` of a half-year report) gives its facts that next
period; a goal section (`二、工作目标`) keeps the report's. In plans, sentences
that report what was done (`截至…`, `目前已…`) are flagged (`FactPeriodInfo.results`).
"""
from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from functools import lru_cache

from loaders import native
from loaders.marks import (
    WindowScan, finditer_after, first_char_guard, last_mark, mark_positions, required_chars,
)
from loaders.records import PeriodResolution, fast_constructor, new_period, positional_constructor
from loaders.reference import read_rows
from loaders.settings import SENTENCE_WINDOW

__all__ = [
    "FactPeriodInfo",
    "FactPeriodResolver",
    "fact_periods",
    "heading_sections",
    "is_baseline",
    "plan_sections",
    "is_plan_title",
    "page_dates",
    "political_calendar",
    "resolve_document_period",
]

# ------------------------------------------------------------------ building blocks
_CN_MONTH = {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "十": 10, "十一": 11, "十二": 12,
}
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"

# a year written in Chinese digits, one character a digit: 二〇〇五年, 二零一二年
_CHINESE_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                  "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CHINESE_YEAR = first_char_guard(r"(?<![一二三四五六七八九十〇○零])[一二][〇○零一二三四五六七八九]{3}(?=\s?年)")


def arabic_years(text: str) -> str:
    """`text` with years written in Chinese digits (二〇〇五年) in Arabic ones, char for char.

    Each Chinese digit becomes one Arabic digit, so every offset into the text stays
    the same: periods are read from this copy, spans still index the clean text.

    >>> arabic_years("仙桃市科技局二〇〇五年工作总结，二零一二年上半年，十一五")
    '仙桃市科技局2005年工作总结，2012年上半年，十一五'
    """
    def digits(m: re.Match[str]) -> str:
        year = "".join(_CHINESE_DIGIT[c] for c in m.group())
        return year if 1950 <= int(year) <= 2049 else m.group()
    return _CHINESE_YEAR.sub(digits, text)
_COMMA = ",，:："
_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = ",，;；:：" + _SENTENCE_END

# A written year: `2022年`, `2022年度`; not a count (`2021件`), not a range end.
_YEAR_WORD = first_char_guard(rf"(?<![\d.\-－—–~～至到])(?P<y>{_YEAR})\s?年(?P<du>度)?(?![\d\-－—–~～])")
# Years that name a span, not a time frame: `(2016-2020年)`, `*—2012年`, `2022至2024年`.
_YEAR_SPAN = first_char_guard(rf"""
    (?:{_YEAR}|[*＊xX]{{1,4}})\s?年?\s?(?:-|－|—|–|~|～|至|到)+\s?{_YEAR}\s?年?
    """, re.VERBOSE)
# A document number: 宿区发[2012]37号, 县委〔2020〕17号.
_DOC_NUMBER_YEAR = re.compile(rf"[\[〔【(（](?P<y>{_YEAR})[\]〕】)）]\s?\d+\s?号")
# A masked year: `*年`, `XX年`, `20xx年`, `201X年` (at least one mask character).
_MASKED_YEAR = r"(?:(?:19|20)(?:[xX*＊][0-9xX*＊]|\d[xX*＊])|[xX*＊×]{1,4})\s?年"
_MASKED_FRAME = first_char_guard(rf"""
    (?<![0-9A-Za-z]){_MASKED_YEAR}度?(?:上半年|下半年)?(?:以来|来)?[{_COMMA}]
  | (?:^|\n|[一二三四五六七八九十]{{1,4}}、)\s*{_MASKED_YEAR}度?[^\n。，,]{{0,10}}?(?:工作总结|工作情况|主要工作|工作进展)
    """, re.VERBOSE)

# A year framing a sentence: `2022年，…`, `2020年以来…`, `2023年上半年，…`, `2012年是…`.
_FRAME_YEAR = first_char_guard(rf"""
    (?<![\d.\-－—–~～至到和与、])(?P<y>{_YEAR})\s?年度?
    (?: (?:上半年|下半年|全年)?(?:以来|来)
      | (?:上半年|下半年|全年|{_MONTH}\s?(?:月份?)?\s?[-－—–~～至到]\s?{_MONTH}\s?月份?)?[{_COMMA}]
      | 是 )
    """, re.VERBOSE)
# A year heading a review section: `一、2019年工作情况`, `一、2019年科技工作总结`.
_HEADING_YEAR = first_char_guard(rf"""
    (?:^|\n|[一二三四五六七八九十]{{1,4}}[、.．])[ \t　]*
    (?P<y>{_YEAR})\s?年度?[^\n。，,]{{0,10}}?(?:工作总结|工作情况|主要工作|工作回顾|工作进展|总结)
    """, re.VERBOSE)

# Lines that are page furniture: stamps, counters, breadcrumbs, copyright.
_DEBRIS_LINE = re.compile(r"""
    (?:发布|更新|上传|时间|日期|浏览|点击|阅读|来源|查看人数)\s*(?:数|量)?\s*[:：]
  | 当前位置 | 您的位置 | 首页\s*> | >\s*\S+\s*> | Copyright | © | 版权所有 | 备案号
  | \d{4}[-/.]\d{1,2}[-/.]\d{1,2}
    """, re.VERBOSE | re.IGNORECASE)
_DEBRIS_LINE_MAX = 120

# Kinds of report, read from the title and the opening of the body; a meeting on a part of
# the year reviews it (`2024年一季度科技工作推进会`, `前三季度科技创新工作推进会`).
_MEETING = r"(?:推进|调度|讲评|分析|总结|点评)(?:会|会议)"
_HALF_REPORT = first_char_guard(rf"""
    (?P<h>上|下)半年(?:科技|创新|主要)?(?:工作)?(?:总结|情况|汇报|报告|{_MEETING})
  | (?:{_YEAR}\s?年|{_MASKED_YEAR}|今年)(?P<h2>上|下)半年[{_COMMA}]
  | (?:^|\n|[一二三四五六七八九十]{{1,4}}、)\s*(?P<h3>上|下)半年(?:主要|科技)?工作
    """, re.VERBOSE)
_QUARTER_REPORT = first_char_guard(rf"""
    (?P<front>前|1-|一至)?第?(?P<q>[一二三四1-4])\s?季度(?:科技|创新|主要)*(?:工作)?(?:进展|完成|开展)?(?:总结|情况|汇报|报告|{_MEETING})
    # a news item framed by its quarters: `2022年前三季度，…`, a headline `前三季度我市…`
  | (?:{_YEAR}\s?年|今年)(?P<front2>前|1-|一至)?第?(?P<q2>[一二三四1-4])\s?季度[{_COMMA}]
  | ^(?P<front3>前)(?P<q3>[二三])季度
    """, re.VERBOSE)
_MONTHS_REPORT = re.compile(rf"""
    (?P<m1>{_MONTH})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2>{_MONTH})\s?月份?(?:科技)?(?:工作)?(?:进展|完成|开展|推进|落实|运行)?(?:情况)?(?:总结|情况|汇报|报告|{_MEETING})
  | {_YEAR}\s?年(?P<m1b>{_MONTH})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2b>{_MONTH})\s?月份?[{_COMMA}]
    """, re.VERBOSE)
# the date a report of the year so far counts to, opening a sentence: `截至2013年8月底，`
_UPTO_REPORT = re.compile(rf"(?:截至|截止)(?:到)?\s?(?P<y>{_YEAR})\s?年\s?(?P<m>{_MONTH})\s?月(?:底|末)?[{_COMMA}]")
_SO_FAR = re.compile(r"今年以来|年初以来")
_FIVE_YEAR_PLAN = re.compile(r"“?十[一二三四五六]五”?(?:时期|期间)?[^\n。]{0,12}?规划")
_OPENING_CHARS = 400
_FRAME_WEIGHT = 3          # a framing year counts as three passing mentions
_LEAD_WEIGHT = 2           # and two more when it opens a paragraph (`2022年,在市委…`)
_PARAGRAPH_START = re.compile(r"\n[ \t　]*(?:[一二三四五六七八九十]+[、.．])?[ \t　]*$")
_REVIEW_BEFORE_PLAN = 100   # characters of review needed before a dated plan heading

# Words that put a written year in the future or make it a comparison base.
_FUTURE_AFTER = re.compile(r"^[^。！？\n，,]{0,10}?(?:将|即将|拟)")
_FUTURE_FRAME = re.compile(r"\s?年度?[，,](?:[^。！？\n，,]{0,8}?(?:将|即将|拟)|[^。！？\n]{0,24}?(?:力争|确保))")
_TO_DO_AFTER = re.compile(r"[^，,。；;！？\n]{0,6}?(?:要|将|力争|确保|计划)")
_LATER_YEAR_TO_DO = re.compile(rf"\s*{_YEAR}\s?年度?[，,][^。！？\n，,]{{0,8}}?(?:将|即将|拟|要)")
_FUTURE_BEFORE = re.compile(r"(?:明年|筹备|迎接)[^。，,\n]{0,6}$")
_COMPARE_BEFORE = re.compile(r"(?:对比|相比|比|较|同比|与)\s?$")
_BASELINE_BEFORE = re.compile(r"(?:由|从|自)\s?$")

# The title of a review and plan: `2019年工作总结和2020年工作思路`.
_TITLE_YEAR = re.compile(rf"(?P<y>{_YEAR})\s?年度?(?P<rest>[^{_COMMA}\d]{{0,16}})")
_PLAN_WORD = r"(?:工作)?(?:计划|打算|思路|安排|重点|要点|设想|谋划|实施方案|行动方案)"
_PLAN_TITLE = re.compile(rf"^[^总]{{0,12}}?{_PLAN_WORD}")
_REVIEW_WORD = re.compile(r"总结|述职|报告|情况|回顾|成效|汇报|材料")
_TITLE_WORD = re.compile(r"总结|计划|述职|报告|要点|规划|汇报|材料|思路|打算")
_TITLE_MAX = 60

_REVIEW_AND_PLAN_TITLE = re.compile(
    rf"(?P<review>{_YEAR})\s?年度?[^\d]{{0,12}}?(?:总结|回顾)[^\d]{{0,8}}?"
    rf"(?P<plan>{_YEAR})\s?年度?[^\d]{{0,10}}?{_PLAN_WORD}")

# a speech or report that says it sums up one year and sets the next's tasks
# (`总结2023年全省科技工作，部署2024年重点任务`): it reports the year it sums up
_REVIEW_AND_PLAN_SAID = re.compile(
    rf"(?:总结|回顾)(?P<review>{_YEAR})\s?年度?[^\d。]{{0,16}}?[，,、和并]\s?(?:安排部署|部署安排|部署|谋划|安排)"
    rf"(?:(?P<plan>{_YEAR})\s?年度?|今年|新一年|本年度)")


def is_plan_title(title: str | None) -> bool:
    """A report that is itself a plan (`2019年科技工作要点`): every figure is a target.

    A title that also reviews (`总结和…计划`, `述职报告`) or a 规划 that reviews the
    last five years is not one.
    """
    if not title:
        return False
    return bool(re.search(_PLAN_WORD, title)) and not _REVIEW_WORD.search(title) \
        and "规划" not in title


# ------------------------------------------------------------------ plan sections
_NUMBERING = r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．])"
_NEXT_MARK = r"明年|来年|下一年度?|下年度?|新的一年|下半年|(?:第)?四季度|下一?阶段|下一?步|今后(?:一个时期|一段时期|几年)?"
# A heading of the goals set for the report's own period: `二、工作目标`, `一、目标任务`.
_GOAL_HEADING = r"(?:主要|年度|总体)?(?:工作目标|目标任务|主要目标|发展目标)"
_PLAN_STRICT = r"(?:科技)?工作(?:计划|打算|思路|安排|重点|要点|设想)|工作谋划"
# A heading that starts a plan: numbered, or alone on its line with a next-period word.
# A numbered one may also follow a space, as on pages that lost their line breaks
# (`…取得新突破。 三、2013年工作计划`, `完成情况 (一)…`). The spaces after the number
# are inside its optional group: two runs of spaces side by side would be split every
# way over a long run (the blanked title of a body) before the rest is tried, the same
# rest from the same places in the same order, so the matches are the same.
_PLAN_HEADING = re.compile(rf"""
    (?:^|(?<=\n)|(?<=。)|(?<=[ \t　])(?={_NUMBERING}))[ \t　]*
    (?:(?P<num>{_NUMBERING})[ \t　]*)?
    (?: (?P<review>[^\n。，,；;\d]{{2,8}}?(?:及|和|与|暨))?             # 存在不足及下步打算: a plan after a review
        (?P<mark>{_NEXT_MARK})[^\n。，,；;]{{0,10}}?{_PLAN_WORD}      # 下一步重点工作安排, 明年工作打算
      | (?P<y>{_YEAR})\s?年度?[^\n。，,；;\d]{{0,8}}?(?:{_PLAN_STRICT})   # 2013年工作计划
      | (?:扎实|全力|认真|切实|着力)?(?:做好|抓好)                           # 扎实做好2019年重点工作
        (?P<todo_y>{_YEAR})\s?年度?[^\n。，,；;\d]{{0,8}}?(?:重点工作|重点任务|主要任务)
      | (?P<masked>{_MASKED_YEAR})度?[^\n。，,；;\d]{{0,8}}?(?:{_PLAN_STRICT})   # 20xx年工作计划
      | (?P<bare>{_PLAN_STRICT})                                      # 工作打算 (numbered only)
      | (?P<goal>{_GOAL_HEADING})                                     # 工作目标 (numbered only)
    )
    (?P<own_line>[ \t　]*[:：]?[ \t　]*(?:\n|$))?
    (?P<run_in>(?(own_line)(?!)|[ \t　]*[:：]))?                    # 2011年工作思路：争取…
    """, re.VERBOSE)
_NOT_PLAN_HEADING = re.compile(r"总结|情况|回顾|成绩|成效|存在|问题|做法|经验|进展|进度|推进|落实|完成")
_PAGE_TAIL = re.compile(r"上一篇|下一篇|相关文章|相关推荐|版权说明")
# A heading: numbered, up to its line's end or first stop (`二、1-10月工作进展`,
# `(一)2019年工作回顾。`), or a short line of its own between line breaks.
_HEADING = re.compile(rf"""
    (?:^|(?<=\n)|(?<=。)|(?<=[ \t　])(?={_NUMBERING}))[ \t　]*
    (?: (?P<num>{_NUMBERING})[ \t　]*(?P<head>[^\n。，,；;:：!！?？ \t　]{{2,24}}?)(?=[ \t　]*(?:\n|$|。|[:：])|[ \t　]+\S)
      | (?P<line>[^\n。，,；;:：!！?？0-9一二三四五六七八九十（(]?[^\n。，,；;:：!！?？]{{1,23}}?)(?=[ \t　]*(?:\n|$)) )
    """, re.VERBOSE)
_ANY_HEADING = re.compile(rf"(?:^|(?<=\n)|(?<=。))[ \t　]*(?P<num>{_NUMBERING})")
_HEADING_LEVEL = {"chinese": 0, "paren": 1, "arabic": 2}
# the characters after which the headings above can start (besides the text's start): their
# look-behinds, so that they are tried only there (`finditer_after`)
_HEADING_AFTER = "\n。 \t　"
_TOP_HEADING_AFTER = "\n。"


# ------------------------------------------------------------------ fact cues
# Every character a `_CUE` can start with: the lookahead lets the scan of a sentence skip
# the other positions at once instead of trying each alternative there (same matches).
_CUE_FIRST = "0123456789一二三四五六七八九十今本去上明来截到至前第下全年力争"
_CUE = re.compile(rf"""
    (?=[{_CUE_FIRST}])
  (?:
    (?P<pre> (?P<py>{_YEAR})\s?年度?
           | (?P<rel>今年|本年|去年|上年|明年|来年) )?
    (?: (?P<range>(?P<m1>{_MONTH})\s?(?:月份?)?\s?(?:-|－|—|–|~|～|至|到)\s?(?P<m2>{_MONTH})\s?月(?:份|底|末)?)
      | (?P<upto>(?:截至|截止|截止到|截至到|到|至)\s?(?:目前|今年|{_YEAR}\s?年)?\s?(?P<m3>{_MONTH})\s?月(?:份|底|末|中旬|下旬)?)
      | (?P<q3>(?:前|截至|截止|截止到|至)\s?(?P<qn>[一二三1-3])\s?(?:个)?季度(?:末|底)?)
      | (?P<quarter>第?(?P<qq>[一二三四1-4])\s?季度)
      | (?P<half>(?P<hh>上|下)半年)
      | (?P<full>全年|年度(?=任务|目标)|(?<![\d年])年(?:底|末)(?=[^，,。；;]{{0,12}}?(?:达到|突破|超过|完成)))
      | (?P<sofar>截至目前|截止目前|截至到目前|截止到目前|今年以来|今年来|年初以来)
    )
  | (?P<yframe>(?:(?<!截)(?:到|至)|力争到|争取到)?(?P<fy>{_YEAR})\s?年(?:度|底|末)?)
        (?=[{_COMMA}]|(?:全|我)(?:国|省|市|区|县|州|盟|旗)|要|将|力争|争取|确保)  # 2015年, …  2021年全市…  2022年要力争…
  | (?P<deadline>(?<!截)(?:到|至)(?P<dy>{_YEAR})\s?年(?:度|底|末)?)(?![\d\-－—–~～至到年])   # 到2025年高新技术企业突破…
    # the year a sentence of targets aims at: `将力争2024年高新技术企业突破280家，研发投入…`
  | (?<=力争|争取|确保)(?P<tframe>(?:到)?(?P<ty>{_YEAR})\s?年(?:度|底|末)?)(?![\d\-－—–~～至到])
  )""", re.VERBOSE)
# A span of several years (`三年来…累计`, `“十三五”期间`, `2019年以来`): a figure of
# it is of no one period the warehouse can name, so its period is NULL (`一年来`, `半年来`
# are the report's own; a year `以来` is a span only when before the report's)
_SPAN = first_char_guard(rf"""
    (?<![一半\d])(?:近|过去)?(?P<n>[两三四五六七八九十]|[2-9]|1\d)\s?年(?:来|以来|间|中|里|累计)
  | 近(?:[两三四五六七八九十]|[2-9])\s?年
  | “?十[一二三四五六]五”?(?:期间|以来|时期)
  | (?P<since>{_YEAR})\s?年以来
  | (?<!月)(?:任职|到任|履职|上任|就任)以来        # a 述职's figures since taking office
    """, re.VERBOSE)
# an average yearly rate over a span is dated by its last year, the report's (`两年间年均增长31.5%`)
_YEARLY_AVERAGE = re.compile(r"年均[^，,。；;]{0,6}$")
# `去年`/`上年`/`明年`/`今年` on their own, as the time of a clause.
_REL_YEAR = first_char_guard(
    r"(?<!以)(?P<rel>去年|上年|明年|来年|今年(?!以来|来))"
    r"(?!同|的(?!(?:主要)?(?:工作)?(?:目标|任务)[:：])|基础|水平|底|末|度)")   # 今年的目标：… dates its list
_REL_COMPARE_BEFORE = re.compile(r"(?:比|较|同比|相比|对比|与|和|跟|是|为|在|超过|超|高于|低于|于)\s?$")
_JINNIAN = re.compile(r"今年")
_GOALS_OPENED = re.compile(r"(?:的)?(?:主要|工作|发展)?(?:目标|任务)(?:任务)?(?:是|为)?[:：]")
_GOAL_OF = re.compile(r"(?:目标)?(?:任务|目标|计划)(?:的|数的)")
_GROWTH_VERB = re.compile(r"增长|增加|提高|提升|下降|减少|上升|降低|翻")
_TARGET_WORD = re.compile(r"力争|目标|计划|将|拟|确保|争取|预计")
_NUMBER_CHAR = re.compile(r"[0-9一二三四五六七八九十百千万两]")
_BIND_GAP = 10   # at most this many characters between a bound year and its number
_CUE_AFTER_YEAR = re.compile(rf"\s?(?:上半年|下半年|第?[一二三四1-4]季度|前三季度|{_MONTH}\s?(?:月份?)?\s?[-－—–~～至到]|以来|来|全年)")
_SEMICOLON = re.compile(r"[;；]")
_LEAD_CHARS = 3   # a short subject (我县, 全市) may stand before a clause-leading cue
# a prefix of a fact's sentence longer than this is read from the text's scan (`WindowScan`);
# a shorter one is scanned as it is, which costs less than the bookkeeping
_SHARED_SCAN_CHARS = 200


# ------------------------------------------------------------------ helpers
def _part_of_year(cue: re.Match[str], year: int | None, words: str) -> PeriodResolution | None:
    """The months, quarter or half a `_CUE` match names (1-11月, 截至6月底, 前三季度,
    第二季度, 上半年); None for a cue of a whole year or none."""
    if cue.group("range"):
        return _months(year, _small_number(cue.group("m1")), _small_number(cue.group("m2")), words)
    if cue.group("upto"):
        return _months(year, 1, _small_number(cue.group("m3")), words)
    if cue.group("q3"):
        return _months(year, 1, 3 * _small_number(cue.group("qn")), words)
    if cue.group("quarter"):
        return _quarter(year, _small_number(cue.group("qq")), words)
    if cue.group("half"):
        return _half(year, cue.group("hh"), words)
    return None


def _months(label_year: int | None, start: int, end: int, reason: str) -> PeriodResolution:
    """A month range; the whole year or a half/quarter is given its own type.

    `截至6月底` and `上半年` are one span, so one member of dim_period (`2023H1`).
    """
    if start == 1 and end == 12:
        return PeriodResolution(label_year, "year", 1, 12, reason)
    if (start, end) in ((1, 6), (7, 12)):
        return PeriodResolution(label_year, "half", start, end, reason)
    if start % 3 == 1 and end == start + 2:
        return PeriodResolution(label_year, "quarter", start, end, reason)
    return PeriodResolution(label_year, "months", start, end, reason)


def _half(year: int | None, which: str, reason: str) -> PeriodResolution:
    return PeriodResolution(year, "half", 1 if which == "上" else 7, 6 if which == "上" else 12, reason)


def _quarter(year: int | None, q: int, reason: str) -> PeriodResolution:
    return PeriodResolution(year, "quarter", 3 * q - 2, 3 * q, reason)


def _small_number(text: str) -> int:
    """A month or quarter number, Arabic or Chinese (`11`, `十一`, `三`)."""
    return int(text) if text.isdigit() else _CN_MONTH[text]


def _debris_spans(text: str) -> list[tuple[int, int]]:
    """Short lines of page furniture whose years say nothing about the report."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if len(line) <= _DEBRIS_LINE_MAX and _DEBRIS_LINE.search(line):
            spans.append((pos, end))
        pos = end + 1
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace spans by spaces, keeping every offset."""
    if not spans:
        return text
    size = len(text)
    if not all(0 <= start <= end <= size for start, end in spans):
        chars = list(text)
        for start, end in spans:
            chars[start:end] = " " * (end - start)
        return "".join(chars)
    # spans within the text (all of them): slices between the merged spans, no list of
    # every character
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts += (text[pos:start], " " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(frozen=True)
class _CalendarCue:
    pattern: re.Pattern[str]
    year: int
    exact: bool
    needs: frozenset[str] = frozenset()   # characters every match of the pattern holds


@lru_cache(maxsize=1)
def political_calendar() -> tuple[_CalendarCue, ...]:
    """Cues of `seeds/reference/political_calendar.csv`, compiled once."""
    return tuple(
        _CalendarCue(re.compile(row["cue_pattern"]), int(row["event_year"]), row["kind"] == "exact",
                     required_chars(row["cue_pattern"]))
        for row in read_rows("political_calendar")
    )


# a calendar cue said of the year after or before the report's: `明年是“十四五”开局之年`
_RELATIVE_BEFORE = re.compile(r"(明年|来年|去年|上年)(?:是|为|,|，)?$")
_CALENDAR_SHIFT = {"明年": 1, "来年": 1, "去年": -1, "上年": -1}


def _calendar_year(text: str) -> tuple[int | None, str]:
    """The one year fixed by calendar cues, if the cues agree; else None."""
    exact: dict[int, str] = {}
    bounds: dict[int, str] = {}
    present = set(text)   # one set for the many cues (a few of them: `holds_all`)
    for cue in political_calendar():
        if not cue.needs <= present:
            continue   # a character every match holds is not in the text: no match
        hit = cue.pattern.search(text)
        if hit:
            # `明年是“十四五”开局之年`: the year after the report's is the one named
            said_of = _RELATIVE_BEFORE.search(text, max(0, hit.start() - 4), hit.start())
            shift = _CALENDAR_SHIFT[said_of.group(1)] if said_of else 0
            (exact if cue.exact else bounds).setdefault(cue.year - shift, hit.group(0))
    if len(exact) != 1:
        return None, ("calendar cues disagree: " + ", ".join(f"{v}={k}" for k, v in exact.items())) if exact else ""
    year, words = next(iter(exact.items()))
    late = [f"{v}={k}" for k, v in bounds.items() if k > year]
    if late:
        return None, f"calendar cue {words}={year} contradicted by {', '.join(late)}"
    return year, f"calendar cue {words}={year}"


# ------------------------------------------------------------------ plan sections
def plan_sections(clean_text: str) -> list[tuple[int, int, str]]:
    """Sections that plan a later period: (start, end, heading), in text order.

    A plan heading is numbered (`三、2013年工作计划`, `二、下一步重点工作安排`,
    `三、工作打算`) or stands on its own line with a next-period word
    (`明年工作打算`). The section runs to the next top-level heading that is not a
    plan, or to the end of the text.
    """
    sections: list[tuple[int, int, str]] = []
    headings = [
        m for m in finditer_after(_PLAN_HEADING, clean_text, _HEADING_AFTER)
        if (m.group("num") or ((m.group("own_line") is not None or m.group("run_in"))
                               and not (m.group("bare") or m.group("goal"))))
        and (m.group("review") or not _NOT_PLAN_HEADING.search(_heading_line(clean_text, m.start())))
    ]
    for match in headings:
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" \t　"))
        num = match.group("num")
        end = len(clean_text)
        if num:
            top_class = _numbering_class(num)
            for nxt in finditer_after(_ANY_HEADING, clean_text, _TOP_HEADING_AFTER, match.end()):  # (三)…打算 ends at (四)
                if _numbering_class(nxt.group("num")) == top_class:
                    end = nxt.start("num")
                    break
        tail = _PAGE_TAIL.search(clean_text, match.end(), end)
        if tail:
            end = clean_text.rfind("\n", match.end(), tail.start()) + 1 or tail.start()
        if sections and start < sections[-1][1]:
            continue  # a plan heading inside a plan section belongs to it
        sections.append((start, end, _heading_line(clean_text, start)))
    return sections


# a text given the year after the one it reviews: it sums up `去年` or `过去一年`
_SPEAKS_AFTER_THE_YEAR = re.compile(
    r"(?:总结|回顾)(?:去年|过去一年|上一年)|去年(?:工作)?回顾|过去(?:的)?一年(?=[，,]|[里来]|我们)")
# news of a year told the year after: `去年晋江全年争取…` beside `今年，市科技局将…`
_LAST_YEAR_DONE = re.compile(r"(?<![比较同与和跟])去年[^。！？\n，,]{0,8}?(?:完成|实现|新增|争取|实施|兑现|登记|认定|获批)")
_THIS_YEAR_TO_DO = re.compile(r"今年[，,]?[^。！？\n]{0,12}?(?:将|要|力争|计划|拟)")
# the date a speech was given, on its own line under the title: `——2022年1月10日在…会议上`, `（2023年2月21日）`
_SPEECH_DATE = re.compile(rf"(?:^|\n)\s*(?:——|--|（|\()\s?(?P<y>{_YEAR})\s?年\s?(?P<m>{_MONTH})\s?月")
# a speech or report to a meeting named with its year in the title: `在2023年全县科技工作会议上的讲话`
_MEETING_TITLE = re.compile(rf"{_YEAR}\s?年度?[^\n\d]{{0,24}}?(?:会议|大会)[^\n\d]{{0,6}}?(?:讲话|发言|报告)")
# the date a letter or report is signed with, on a line of its own near its end (a reply to a
# proposal: `天长市科学技术局` then `2024年6月18日`, then `抄送：…`)
_SIGNED_DATE = re.compile(rf"(?m)^[ \t　]*[（(]?(?P<y>{_YEAR})\s?年\s?(?P<m>{_MONTH})\s?月\s?\d{{1,2}}\s?日[)）]?[ \t　]*$")
_SIGNED_WITHIN = 200      # characters from the end
_SIGNED_LATE_MONTH = 3    # signed from March of the next year on, its `今年` is that year


def _signed_the_year_after(text: str, year: int) -> bool:
    """Whether the text is signed well into the year after `year` (`2024年6月18日` under a
    reply reviewing 2023): its `今年1—5月` is of the year it was signed."""
    for m in _SIGNED_DATE.finditer(text, max(0, len(text) - _SIGNED_WITHIN)):
        if int(m.group("y")) == year + 1 and _small_number(m.group("m")) >= _SIGNED_LATE_MONTH:
            return True
    return False


# ... or at its end: `（作者系市人民政府分管副市长，2024年2月23日）`, a last line `2023年2月10日`
_CLOSING_DATE = re.compile(rf"(?:^|\n|，|,|（|\()\s*(?P<y>{_YEAR})\s?年\s?(?P<m>{_MONTH})\s?月\s?\d{{1,2}}\s?日\s?[)）]?\s*$")
_CLOSING_CHARS = 40
_SAYS_THIS_YEAR = re.compile(r"今年以来|今年来|今年[1-9一二三四五六七八九十]|截至(?:目前|\d{1,2}月)")
_SPEECH_MONTHS = 6   # given in the first half of a year, a review of `过去一年` is of the year before
# how the report period's reason opens when the report was given the year after the one it
# reviews: the fact periods read its `今年` as the next year
_SUMS_UP, _SPEECH_OF = "sums up", "speech of"
# a numbered heading of this year's work in such a text: `二、今年要干的几件大事`
_THIS_YEAR_HEADING = re.compile(rf"(?:^|(?<=\n))[ \t　]*(?P<num>{_NUMBERING})[ \t　]*(?:今年|今年度|本年度)")


# a numbered heading of a later year's work: `二、2024年重点抓好的几项工作` in a review of 2023
_YEAR_HEADING = re.compile(rf"(?:^|(?<=\n))[ \t　]*(?P<num>{_NUMBERING})[ \t　]*(?P<y>{_YEAR})\s?年(?![\d一二三四五六七八九十上下]|度?[-—~至到]|以来)")


def _with_later_sections(
    text: str, sections: list[tuple[int, int, str, PeriodResolution]], present: int | None,
    document_year: int | None,
) -> list[tuple[int, int, str, PeriodResolution]]:
    """The plan sections with those of a later year than the report's.

    In a text given the year after the one it reviews (`present` > the report's year),
    a numbered `今年` heading plans `present`; in any report, a numbered heading of a later
    whole year (`二、2024年重点抓好的几项工作` in a review of 2023) plans that year. Such a
    section runs to the next heading of its own numbering."""
    added = list(sections)
    heads = []
    if present is not None and present != document_year:
        heads += [(m, present) for m in _THIS_YEAR_HEADING.finditer(text)]
    if document_year is not None:
        heads += [(m, int(m.group("y"))) for m in _YEAR_HEADING.finditer(text)
                  if int(m.group("y")) > document_year]
    for m, year in heads:
        start = m.start("num")
        if any(s <= start < e for s, e, _, _ in added) or _NOT_PLAN_HEADING.search(_heading_line(text, start)):
            continue
        end, cls = len(text), _numbering_class(m.group("num"))
        for nxt in finditer_after(_ANY_HEADING, text, _TOP_HEADING_AFTER, m.end()):
            if _numbering_class(nxt.group("num")) == cls:
                end = nxt.start("num")
                break
        heading = _heading_line(text, start)
        added.append((start, end, heading, PeriodResolution(year, "year", 1, 12, f"plan section {heading[:20]}")))
    return sorted(added, key=lambda section: section[0])


# a sentence that announces the work to be done, ending in a colon (`我们将重点做好以下工作：`,
# `2023年，本人将带头抓好以下工作：`, `今年要着力抓好以下几个方面：`): what follows is a plan,
# as under a plan heading; `将`/`要` say it is still to do (`一年来，我们狠抓以下5个方面的工作:`
# reviews), and a report's own `现将…总结如下：` is no plan
_PLAN_INTRO = re.compile(r"""
    (?:^|(?<=[。！？\n]))[ \t　]*
    (?P<intro>[^。！？\n:：]{0,40}?(?:要|将)[^。！？\n:：]{0,16}?
      (?:抓好|做好|抓实|推进|落实|突出|聚焦|实施|推动|加强|完成|从)[^。！？\n:：]{0,8}?
      (?:以下|如下|下面)[^。！？\n:：]{0,12}?[:：]
    | [^。！？\n:：]{0,30}?(?:部署|安排|明确|提出)了?[^。！？\n:：]{0,4}?(?:\d{4}\s?年|今年|明年|下一步|下半年)
      [^。！？\n:：]{0,10}?(?:工作|任务|目标)[^。！？\n:：]{0,6}?[:：]   # 会议部署了2024年重点工作：
    | [^。！？\n:：]{0,20}?对(?:\d{4}\s?年|今年|明年|下一步|下半年|第?四季度|下一阶段)
      [^。！？\n:：]{0,10}?(?:作出|做出|进行)了?(?:部署|安排)[:：])       # 对第四季度工作作出安排：""", re.VERBOSE)
_NOT_PLAN_INTRO = re.compile(r"现将|总结|汇报|报告|情况|回顾|答复|说明")
_INTRO_YEAR = re.compile(rf"(?<!\d)(?P<y>{_YEAR})\s?年(?!以来|来|[底末])")
_INTRO_REL = re.compile(r"今年|本年度?|明年|来年|下一年度?|新的一年|新一年|下半年|第?四季度|下一步|下一阶段|今后")


def _intro_sections(
    text: str, sections: list[tuple[int, int, str, PeriodResolution]], present: int | None,
    document: PeriodResolution,
) -> list[tuple[int, int, str, PeriodResolution]]:
    """The plan sections with those a sentence opens (`我们将重点做好以下工作：`).

    Such a section runs to the next heading of a numbering used before it (the
    section that holds it ends there) or to the end of the text; its period is the
    year the sentence, or the one before it, writes (`2024年是…关键一年。我们要…`),
    else what its words say (`今年`: the year of the speech, `明年`, `下半年`), else,
    in a text given the year after the one it reviews, the year it was given, else
    the period after the report's, as under a `下一步` heading."""
    added = list(sections)
    headings = [(h.start(), h.start("num"), _numbering_class(h.group("num")))
                for h in finditer_after(_ANY_HEADING, text, _TOP_HEADING_AFTER)]
    heading_starts = [h[0] for h in headings]
    classes: set[str] = set()   # the numberings used before the sentence (intros come in order)
    seen = 0
    for m in finditer_after(_PLAN_INTRO, text, "。！？\n"):
        start, intro = m.start("intro"), m.group("intro")
        if _NOT_PLAN_INTRO.search(intro) or any(s <= start < e for s, e, _, _ in added):
            continue
        upto = bisect_left(heading_starts, start)
        classes.update(cls for _, _, cls in headings[seen:upto])
        seen = max(seen, upto)
        end = next((num for at, num, cls in headings[bisect_left(heading_starts, m.end()):]
                    if cls in classes), len(text))
        tail = _PAGE_TAIL.search(text, m.end(), end)
        if tail:
            end = text.rfind("\n", m.end(), tail.start()) + 1 or tail.start()
        previous = text[max(text.rfind("。", 0, max(start - 1, 0)) + 1, text.rfind("\n", 0, start) + 1):start]
        added.append((m.end(), end, intro, _intro_period(intro, previous, present, document)))
    return sorted(added, key=lambda section: section[0])


def _intro_period(intro: str, previous: str, present: int | None, document: PeriodResolution) -> PeriodResolution:
    reason = f"plan section {intro[:20]}"
    year = _INTRO_YEAR.search(intro) or _INTRO_YEAR.match(previous.lstrip())
    if year:
        return PeriodResolution(int(year.group("y")), "year", 1, 12, reason)
    rel = _INTRO_REL.search(intro) or _INTRO_REL.search(previous)
    word = rel.group() if rel else ""
    doc_year = document.year
    after_year = present is not None and present != doc_year   # given the year after its review
    if word.startswith(("今年", "本年")) or (after_year and word in ("", "新的一年", "新一年", "下一步", "下一阶段")):
        return PeriodResolution(present, "year", 1, 12, reason)
    if word == "下半年" or (not word and document.period_type == "half" and document.start_month == 1):
        return _half(doc_year, "下", reason)
    if word.endswith("四季度"):
        return _quarter(doc_year, 4, reason)
    if document.period_type != "year":
        return document
    return PeriodResolution(None if doc_year is None else doc_year + 1, "year", 1, 12, reason)


def _heading_line(text: str, start: int) -> str:
    """The heading text from `start` to the end of its line or first sentence stop."""
    stop = len(text)
    for ch in "\n。":
        pos = text.find(ch, start)
        if pos != -1:
            stop = min(stop, pos)
    return text[start:min(stop, start + 40)].strip()


def _numbering_class(num: str | None) -> str:
    if not num:
        return ""
    if num[0] in "（(":
        return "paren"
    return "arabic" if num[0].isdigit() else "chinese"


def heading_sections(clean_text: str, document: PeriodResolution) -> list[tuple[int, int, PeriodResolution]]:
    """Sections whose heading names a period of their own: (start, end, period).

    A heading's period covers its section (the contract's rules for hard cases):
    `二、1-10月工作进展` gives its facts January to October of the report's year,
    `(一)2019年工作回顾` in a 2020 report gives them 2019. A numbered section runs
    to the next heading of its level or a higher one; a heading alone on its line,
    to the next numbered heading or heading line with a period. Headings that
    plan (`2013年工作计划`, `下半年工作打算`) are `plan_sections`; headings naming the
    report's own period change nothing. Cues of a fact's own sentence still win.
    """
    found: list[tuple[int, int, PeriodResolution, str]] = []
    for m in finditer_after(_HEADING, clean_text, _HEADING_AFTER):
        head = m.group("head") or m.group("line") or ""
        if m.group("line") and (not (_period_words_open(head) or _ANOTHER_TITLE.fullmatch(head))
                                or clean_text[:m.start("line")].rstrip(" \t　")[-1:] not in ("", "\n")):
            continue  # an unnumbered line is a heading of a period only when it opens with one
            # (or is the title of a second report on the page: `献县科技局2017年工作总结`)
        if m.group("line") and "。" not in clean_text[:m.start()]:
            continue  # a line before the first sentence is the title: the report's period is read from it
        if re.search(_PLAN_WORD, head) or re.search(_NEXT_MARK, head) or _PLAN_HEADING.match(head):
            continue
        period = _heading_period(head, document)
        if period is None or period.label == document.label:
            continue
        start = m.start("num") if m.group("num") else m.start("line")
        found.append((start, m.end(), period, _numbering_class(m.group("num"))))
    sections: list[tuple[int, int, PeriodResolution]] = []
    for start, head_end, period, cls in found:
        end = len(clean_text)
        for nxt in finditer_after(_ANY_HEADING, clean_text, _TOP_HEADING_AFTER, head_end):
            if not cls or _HEADING_LEVEL[_numbering_class(nxt.group("num"))] <= _HEADING_LEVEL[cls]:
                end = nxt.start("num")
                break
        later = [s for s, _, _, c in found if head_end <= s < end and (not c or not cls)]
        if later:
            end = min(later)
        tail = _PAGE_TAIL.search(clean_text, head_end, end)
        if tail:
            end = tail.start()
        sections.append((start, end, period))
    return sections


_WORK_OF_A_YEAR = re.compile(r"工作|情况|总结|回顾|成效|成绩|进展|完成|主要|开展|举措")
_HEADING_CUE_OPEN = 4   # a heading line's period words stand at its head


def _period_words_open(head: str) -> bool:
    m = _CUE.search(head) or _YEAR_WORD.search(head)
    return m is not None and m.start() <= _HEADING_CUE_OPEN


def _heading_period(head: str, document: PeriodResolution) -> PeriodResolution | None:
    """The period a heading names: its year (else the report's) and a part of it."""
    if _YEAR_SPAN.search(head) or re.search(_MASKED_YEAR, head):
        return None
    years = {int(m.group("y")) for m in _YEAR_WORD.finditer(head)}
    if len(years) > 1 or (years and document.year is None):
        return None   # a report without a year of its own: the heading's is the site's too
    year = years.pop() if years else document.year
    cue = next((c for c in _CUE.finditer(head)
                if not (c.group("yframe") or c.group("tframe") or c.group("deadline"))), None)
    if cue is None:
        if year is None or year == document.year or not _WORK_OF_A_YEAR.search(head):
            return None   # (三)2019年度科技进步奖: a name, not the section's time
        return PeriodResolution(year, "year", 1, 12, head)
    if cue.group("rel") or cue.group("sofar") or cue.group("full"):
        return None   # 今年以来, 全年: the report's own period
    return _part_of_year(cue, year, head)


# ------------------------------------------------------------------ document period
@dataclass(frozen=True)
class _Evidence:
    frames: Counter[int]
    leads: Counter[int]          # frames that open a paragraph
    mentions: Counter[int]
    relative: Counter[int]       # years implied by future/comparison wording
    masked: bool


def _gather(body: str, plans: list[tuple[int, int, str]]) -> _Evidence:
    """Year evidence of the body outside plan sections and page furniture."""
    hidden = _debris_spans(body) + [(s, e) for s, e, _ in plans]
    hidden += [m.span() for m in _YEAR_SPAN.finditer(body)]
    text = _blank(body, hidden)
    frames: Counter[int] = Counter()
    leads: Counter[int] = Counter()
    for pattern in (_FRAME_YEAR, _HEADING_YEAR):
        for m in pattern.finditer(text):
            if _FUTURE_FRAME.match(text, m.end("y")):
                continue  # `2020年，我将着力抓好…`: the plan after the review, not its year
            frames[int(m.group("y"))] += 1
            if _opens_paragraph(text, m.start("y")):
                leads[int(m.group("y"))] += 1
    mentions: Counter[int] = Counter()
    relative: Counter[int] = Counter()
    for m in _YEAR_WORD.finditer(text):
        year = int(m.group("y"))
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 14]
        if _FUTURE_AFTER.search(after) or _FUTURE_BEFORE.search(before):
            relative[year - 1] += 1
        elif _COMPARE_BEFORE.search(before):
            relative[year + 1] += 1
        elif _BASELINE_BEFORE.search(before):
            continue  # a starting point (由2019年的320小时缩短至…), not the report's year
        else:
            mentions[year] += 1
    for m in _DOC_NUMBER_YEAR.finditer(text):
        mentions[int(m.group("y"))] += 1
    for m in _UPTO_REPORT.finditer(text):   # 截至2013年8月底，: a date, and the year it is in
        mentions[int(m.group("y"))] += 1
    return _Evidence(frames, leads, mentions, relative, bool(_MASKED_FRAME.search(text)))


def _opens_paragraph(text: str, pos: int) -> bool:
    r"""True when only white space or a section number stands between a line start and `pos`.

    >>> _opens_paragraph("今年以来。\n2022年,在市委", 6), _opens_paragraph("目录。2023年来,新能源", 3)
    (True, False)
    """
    start = max(0, pos - 12)
    window = ("\n" if start == 0 else "") + text[start:pos]
    return bool(_PARAGRAPH_START.search(window))


def _first_body_offset(text: str) -> int:
    """Offset of the first non-blank character (blanked furniture is skipped)."""
    return len(text) - len(text.lstrip())


def _title_line(text: str) -> str | None:
    """The first line that is not page furniture, when it reads as a report title."""
    for line in text.split("\n"):
        line = line.strip()
        if not line or (len(line) <= _DEBRIS_LINE_MAX and _DEBRIS_LINE.search(line)):
            continue
        if len(line) <= _TITLE_MAX and _TITLE_WORD.search(line) and not re.search(r"[。；;！]", line):
            return line
        return None
    return None


def _title_year(title: str | None) -> tuple[int | None, str]:
    """The year a title gives its review: the review year, or a plan year − 1."""
    if not title:
        return None, ""
    review: list[int] = []
    plan: list[int] = []
    for m in _TITLE_YEAR.finditer(title):
        rest = m.group("rest")
        (plan if _PLAN_TITLE.search(rest) else review).append(int(m.group("y")))
    if review:
        return review[0], f"title year {review[0]}"
    if plan:
        if _REVIEW_WORD.search(title):
            return plan[0] - 1, f"title plans {plan[0]} after its review"
        return plan[0], f"title plan year {plan[0]}"
    return None, ""


# ------------------------------------------------------------------ host-written years
# A date the page stamped on the document: `时间:2023-04-16`, `发布日期：2019年3月12日`.
_PAGE_STAMP = first_char_guard(rf"""
    (?:发布|更新|上传|录入|添加|创建|发稿|成文)?(?:时间|日期)\s*[:：]\s*
    (?P<y>{_YEAR})\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*\d{{1,2}}
  | (?P<y2>{_YEAR})[-/.](?P<m2>1[0-2]|0?[1-9])[-/.]\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:发布|上传|更新)
    """, re.VERBOSE)
_HOST_YEAR = re.compile(r"host-written year (\d{4})")
_REVIEW_LEAD_MONTHS = 1   # a review may be written in the last month of its period, not earlier
# An amount (the digits before its unit) or a document number's year (〔2023〕, [20232]):
# where a run of digits longer than a year holds the year, the site wrote it in.
_AMOUNT = first_char_guard(r"""
    (?<![\d.])(?P<n>\d{6,})(?:\.\d+)?\s?(?:万|亿)?(?:元|家|项|件|个|人次|名|人|亩|吨)
  | [\[〔【(（](?P<d>\d{5,})[\]〕】)）]\s?\d+\s?号
    """, re.VERBOSE)
_ANY_MASKED_YEAR = first_char_guard(rf"(?<![0-9A-Za-z]){_MASKED_YEAR}")
# A title giving the summary and the plan one year: `2021年度工作总结暨2021年度工作计划`.
_SAME_YEAR_REVIEW_PLAN = re.compile(
    rf"(?P<review>{_YEAR})\s?年度?[^\d]{{0,12}}?(?:总结|回顾)[^\d]{{0,8}}?"
    rf"(?P=review)\s?年度?[^\d]{{0,10}}?{_PLAN_WORD}")


def page_dates(raw_text: str) -> tuple[tuple[int, int], ...]:
    """(year, month) of the dates the page stamped on the document, from short lines.

    Read from the decoded text before cleaning (cleaning drops the stamps). They are
    never the report's period; they only tell when the page existed.

    >>> page_dates("ID:970093\\n时间:2023-04-16\\n正文")
    ((2023, 4),)
    """
    found = []
    for line in raw_text.split("\n"):
        if len(line) > _DEBRIS_LINE_MAX:
            continue
        for m in _PAGE_STAMP.finditer(line):
            found.append((int(m.group("y") or m.group("y2")), int(m.group("m") or m.group("m2"))))
    return tuple(dict.fromkeys(found))


def _host_written(
    found: PeriodResolution, body: str, title: str | None, masked: bool,
    stamps: tuple[tuple[int, int], ...],
) -> str:
    """Why the year found is the host site's, not the report's; '' when nothing shows it.

    The contract's cases, each shown by the page itself:
    - a review of a period stamped by the page before that period could have
      been written (a year's summary dated in April of that year);
    - the year spliced into an amount (`交易额25832023万元`): the site replaced a
      masked year everywhere, digits inside a number too;
    - a title claiming the summary and the plan of one same year while the body
      masks its years (`2021年度工作总结暨2021年度工作计划`, body `XXXX年度`).
    """
    year = found.year
    if stamps and not is_plan_title(title):
        # the latest stamp: an earlier one may be a listed article's, the page is not older
        y, m = max(stamps)
        if (y, m) < (year, found.end_month - _REVIEW_LEAD_MONTHS):
            return f"host-written year {year}: a review of {found.label} dated {y}-{m:02d} by the page"
    for amount in _AMOUNT.finditer(body):
        digits = amount.group("n") or amount.group("d")
        if digits.startswith(str(year)) or digits.endswith(str(year)):   # not 1202300: a year in passing
            what = "the amount" if amount.group("n") else "the document number"
            return f"host-written year {year}: spliced into {what} {amount.group(0)}"
    both = _SAME_YEAR_REVIEW_PLAN.search(title or "")
    if both and int(both.group("review")) == year and (masked or _ANY_MASKED_YEAR.search(body)):
        return f"host-written year {year}: the title sums up and plans it while the body masks its years"
    return ""


def _plan_heading_year(body: str, plans: list[tuple[int, int, str]]) -> tuple[int | None, str]:
    """A dated next-year plan after the review: the review is of the year before."""
    for _start, _end, heading in plans:
        m = _PLAN_HEADING.match(heading)
        if m and m.group("y"):
            year = int(m.group("y"))
            return year - 1, f"plan heading '{heading[:20]}' follows the review"
    return None, ""


def _report_kind(title: str | None, body: str) -> tuple[str, int, int, str]:
    """period_type, start and end month of the report, from its title and opening."""
    opening = (title or "") + "\n" + body[:_OPENING_CHARS + _first_body_offset(body)]
    found: list[tuple[int, tuple[str, int, int, str]]] = []
    m = _QUARTER_REPORT.search(opening)
    if m:
        q = _small_number(m.group("q") or m.group("q2") or m.group("q3"))
        if m.group("front") or m.group("front2") or m.group("front3"):
            found.append((m.start(), ("months", 1, 3 * q, m.group(0))))
        else:
            found.append((m.start(), ("quarter", 3 * q - 2, 3 * q, m.group(0))))
    m = _HALF_REPORT.search(opening)
    if m:
        which = m.group("h") or m.group("h2") or m.group("h3")
        found.append((m.start(), ("half", 1, 6, m.group(0)) if which == "上" else ("half", 7, 12, m.group(0))))
    m = _MONTHS_REPORT.search(opening)
    if m:
        first, last = (m.group("m1"), m.group("m2")) if m.group("m1") else (m.group("m1b"), m.group("m2b"))
        found.append((m.start(), ("months", _small_number(first), _small_number(last), m.group(0))))
    m = _UPTO_REPORT.search(opening)
    if m and _SO_FAR.search(opening) and _small_number(m.group("m")) < 12:
        # a news item of `今年以来…截至2013年8月底，已…`: January to that month
        found.append((m.start(), ("months", 1, _small_number(m.group("m")), m.group(0))))
    if not found:
        return "year", 1, 12, ""
    ptype, start, end, words = min(found)[1]
    if ptype == "months":  # 1-6月工作总结 is a half-year report
        ptype = _months(None, start, end, words).period_type
    return ptype, start, end, words


def resolve_document_period(
    clean_text: str, title: str | None, page_dates: tuple[tuple[int, int], ...] = ()
) -> PeriodResolution:
    """The period a report is about (`python_resolve_document_period` says how); from the
    compiled twin where it is built (loaders/native.py)."""
    if _native_calendar():
        assert native.compiled is not None
        try:
            return PeriodResolution(*native.compiled.document_period(clean_text, title, list(page_dates)))
        except UnicodeEncodeError:
            pass   # a lone surrogate is no UTF-8 (decoding leaves none; a caller's text may)
        except native.Error as error:
            native.failed("resolve_document_period", error)
    return python_resolve_document_period(clean_text, title, page_dates)


@lru_cache(maxsize=1)
def _native_calendar() -> bool:
    """Whether the compiled twin is at hand, handed the political calendar once per process."""
    if native.compiled is None:
        return False
    try:
        native.compiled.period_init([(cue.pattern.pattern, cue.year, cue.exact) for cue in political_calendar()])
    except native.Error as error:
        native.failed("resolve_document_period", error)
        return False
    return True


def python_resolve_document_period(
    clean_text: str, title: str | None, page_dates: tuple[tuple[int, int], ...] = ()
) -> PeriodResolution:
    """The period a report is about, from the evidence of its body and title.

    Order of trust: years framing the body's sentences and headings (the body
    wins over the title when they disagree); a dated plan for the next year after
    the review; the title; a political-calendar cue that fixes one year; years
    the body mentions in passing. Five-year plans give no single year.

    A year the host site wrote over the report is no evidence (the contract's
    rules for hard cases): where the page itself shows that the year found is
    the site's, not the report's, the year is None and the reason says why (see
    `_host_written`). `page_dates` are the (year, month) stamps the page put on
    the document (`page_dates(raw_text)`); an upload date is never the period.
    """
    found, body, title, masked = _resolve(clean_text, title)
    if found.year is not None:
        veto = _host_written(found, body, title, masked, page_dates)
        if veto:
            return PeriodResolution(None, found.period_type, found.start_month, found.end_month,
                                    f"{veto}; was {found.reason}")
    return found


_ANOTHER_TITLE = re.compile(rf"(?m)^[^\n。，,；;\d]{{0,20}}?(?P<y>{_YEAR})\s?年度?[^\n。，,；;\d]{{0,12}}?"
                            r"(?:工作总结|工作计划|述职报告|工作要点)[^\n。，,；;]{0,6}$")


def _later_titles(clean_text: str) -> list[re.Match[str]]:
    """The title lines of the reports after the first on a page that holds several, of
    other years (`献县科技局2016年工作总结` … `献县科技局2017年工作总结`); none on a page of one."""
    titles = list(_ANOTHER_TITLE.finditer(clean_text))
    if len(titles) < 2 or len({m.group("y") for m in titles}) < 2:
        return []
    return titles[1:]


def _resolve(clean_text: str, title: str | None) -> tuple[PeriodResolution, str, str | None, bool]:
    """The period by the evidence of the body and title, with the body (title blanked),
    the title used and whether the body masks its years."""
    body = clean_text
    if not (title and title.strip()):
        title = _title_line(clean_text)
    if title:
        body = _blank(body, _occurrences(body, title.strip()))
        # a page of two reports (`篇一：…2016年工作总结` … `篇二：…2017年工作总结`): the title
        # line of the second is no evidence of the page's period, which is the first one's
        body = _blank(body, [m.span() for m in _later_titles(clean_text)])
    ptype, start_m, end_m, kind_words = _report_kind(title, clean_text)
    kind_note = f"; {kind_words.strip()} report" if kind_words else ""

    plans = [s for s in plan_sections(body) if len(body[:s[0]].strip()) > _REVIEW_BEFORE_PLAN]
    ev = _gather(body, plans)

    def result(year: int | None, reason: str) -> tuple[PeriodResolution, str, str | None, bool]:
        return PeriodResolution(year, ptype, start_m, end_m, reason + kind_note), body, title, ev.masked

    title_year, title_reason = _title_year(title)
    if title_year and is_plan_title(title) and set(ev.frames) <= {title_year - 1, title_year}:
        # a plan (`2024年工作计划`) is about its own year, after a line on the last one
        return result(title_year, f"plan for {title_year} by its title")
    both = _REVIEW_AND_PLAN_TITLE.search(title or "")
    if both:
        review, plan = int(both.group("review")), int(both.group("plan"))
        if plan == review + 1 and set(ev.frames) <= {review, plan}:
            # `2023年工作总结和2024年工作打算`: the review's year, however long the plan part
            return result(review, f"review of {review} and plan for {plan} by the title")

    said = _REVIEW_AND_PLAN_SAID.search(body[:_OPENING_CHARS + _first_body_offset(body)])
    # (`部署今年任务`: the year after the one summed up)
    said_plan = int(said.group("plan")) if said and said.group("plan") else (
        int(said.group("review")) + 1 if said else None)
    if said and said_plan == int(said.group("review")) + 1 \
            and set(ev.frames) <= {int(said.group("review")), said_plan}:
        review = int(said.group("review"))
        return result(review, f"{_SUMS_UP} {review} and sets the tasks of {review + 1} by its own words")
    # ... or says so of `去年` (`总结去年工作，安排今年任务`) and writes out just those two years
    if (len(ev.frames) == 2 and max(ev.frames) == min(ev.frames) + 1
            and _SPEAKS_AFTER_THE_YEAR.search(body[:_OPENING_CHARS + _first_body_offset(body)])):
        review = min(ev.frames)
        return result(review, f"{_SUMS_UP} last year ({review}) and sets this year's tasks by its own words")

    if ev.frames:
        scores = Counter({y: _FRAME_WEIGHT * n + _LEAD_WEIGHT * ev.leads[y] + ev.mentions[y]
                          for y, n in ev.frames.items()})
        ranked = scores.most_common()
        best, best_score = ranked[0]
        tied = [y for y, s in ranked if s == best_score]
        if len(tied) > 1:
            if title_year in tied:
                return result(title_year, f"body frames tie, title year {title_year}")
            return result(None, "body frames contradict: " + ", ".join(map(str, sorted(tied))))
        note = f"body frames {best}"
        if title_year and title_year != best:
            note += f" (title {title_year} disagrees; body wins)"
        return result(best, note)

    plan_year, plan_reason = _plan_heading_year(body, plans)
    if plan_year:
        return result(plan_year, plan_reason)
    if title_year and _MEETING_TITLE.search(title or "") and _SPEAKS_AFTER_THE_YEAR.search(body):
        # `在2023年全县科技工作会议上的讲话` that looks back on `过去一年`: the meeting opens
        # 2023, the year it reviews is the one before
        year = title_year - 1
        return result(year, f"{_SPEECH_OF} the {title_year} meeting looking back on the year {year}")
    if title_year and (ev.masked or _ANY_MASKED_YEAR.search(body)):
        # `*年是“十三五”收官之年` under a title of 2021: the report hides its year, names it
        # by an event, and the title's year was written in by the site
        named, named_reason = _calendar_year(body)
        if named and named != title_year:
            return result(named, f"{named_reason}; the body masks its years, the title's {title_year} is the site's")
    if title_year:
        return result(title_year, title_reason)
    title_line = title if title and title.strip() else body.lstrip().split("\n", 1)[0]
    if _FIVE_YEAR_PLAN.search(title_line):
        return result(None, "five-year plan: no single year")

    cal_year, cal_reason = _calendar_year(body)
    if not cal_year and title:   # `“十四五”开局之年…指标完成情况` names its year in the title alone
        cal_year, cal_reason = _calendar_year(title)
    if cal_year:
        return result(cal_year, cal_reason)

    # a speech dated early in a year that looks back on `过去一年`, with no year of its own
    # (`——二〇二二年一月十日在…人民代表大会…上`): the year before is the one it reports
    dated = (_SPEECH_DATE.search(body[:_OPENING_CHARS + _first_body_offset(body)])
             or _CLOSING_DATE.search(body, max(0, len(body.rstrip()) - _CLOSING_CHARS)))
    date = dated.group(0).strip("\n ——（(，,") if dated else ""
    if dated and _small_number(dated.group("m")) <= _SPEECH_MONTHS and _SPEAKS_AFTER_THE_YEAR.search(body):
        year = int(dated.group("y")) - 1
        return result(year, f"{_SPEECH_OF} {date} looking back on the year {year}")
    if dated and _SAYS_THIS_YEAR.search(body):
        # `（2022年11月28日）` over a report of `今年以来…`: the year it was given
        return result(int(dated.group("y")), f"dated {date} and speaking of this year")

    votes = Counter(ev.relative)
    if not ev.masked:
        votes.update(ev.mentions)
    if votes:
        (best, count), *_ = ranked = votes.most_common()
        if 2 * count <= sum(votes.values()):
            return result(None, "years mentioned disagree: " + ", ".join(f"{y} x{n}" for y, n in ranked[:3]))
        return result(best, f"years mentioned: {best} x{count}")
    reasons = ["masked year" if ev.masked else "no year written", cal_reason]
    return result(None, "; ".join(r for r in reasons if r))


# ------------------------------------------------------------------ fact periods
@dataclass(frozen=True)
class FactPeriodInfo:
    """The period of one fact and what decided it."""

    period: PeriodResolution      # the fact's own period (defaults to the document's)
    in_plan_section: bool         # inside a section that plans a later period
    cue: str                      # the words that decided it, '' if default
    results: bool = False         # its sentence reports what was done (截至…, 目前已…), plan or not


_new_info = fast_constructor(FactPeriodInfo)
_info_of = positional_constructor(FactPeriodInfo)


def _sets_goals(cue: re.Match[str], prefix: str) -> bool:
    """A year whose sentence sets what to do frames all of it (`2018年全市要力争…；新增…；…`),
    and so does a year to reach by (`到2025年，…`, `到2025年高新技术企业突破…`)."""
    if cue.group("deadline"):
        return True
    year = cue.group("yframe")
    return bool(year) and (year.startswith(("到", "至")) or _TO_DO_AFTER.match(prefix, cue.end()) is not None)


def fact_periods(clean_text: str, document: PeriodResolution, spans: Sequence[tuple[int, int]],
                 check: Callable[[str], None] | None = None) -> list[FactPeriodInfo]:
    """The period of each fact whose number spans (char_start, char_end), in order: what
    `FactPeriodResolver(clean_text, document).at` says of each, which is the specification;
    from the compiled twin, in one call for the report, where it is built (loaders/native.py).
    `check(step)` is called every few hundred facts in the Python (the file's time budget)."""
    if native.compiled is not None:
        try:
            found = native.compiled.fact_periods(
                clean_text, (document.year, document.period_type, document.start_month,
                             document.end_month, document.reason), list(spans))
        except UnicodeEncodeError:
            pass   # a lone surrogate is no UTF-8 (decoding leaves none; a caller's text may)
        except native.Error as error:
            native.failed("fact_periods", error)
        else:
            # most facts share a few periods (the report's, a year named in their
            # sentence): one object each, as they are frozen
            periods: dict[tuple[Any, ...], PeriodResolution] = {}
            infos = []
            for year, kind, start, end, reason, plans, cue, results in found:
                key = (year, kind, start, end, reason)
                period = periods.get(key)
                if period is None:
                    period = periods[key] = new_period(*key)
                infos.append(_info_of(period, plans, cue, results))
            return infos
    resolver = FactPeriodResolver(clean_text, document)
    infos = []
    for k, (start, end) in enumerate(spans):
        if check is not None and k % 256 == 255:
            check("periods of facts")
        infos.append(resolver.at(start, end))
    return infos


class FactPeriodResolver:
    """Periods of the facts of one report; sections are found once, at construction."""

    def __init__(self, clean_text: str, document: PeriodResolution) -> None:
        self.text = clean_text
        self.document = document
        # a speech or report given the year after the one it reviews (总结去年工作，部署今年任务):
        # its `今年` is the year after the report's, its `去年` the report's own
        self._present = (document.year + 1 if document.year is not None and document.period_type == "year"
                         and (_SPEAKS_AFTER_THE_YEAR.search(clean_text)
                              or document.reason.startswith((_SUMS_UP, _SPEECH_OF))
                              or _signed_the_year_after(clean_text, document.year)
                              or (_LAST_YEAR_DONE.search(clean_text) and _THIS_YEAR_TO_DO.search(clean_text)))
                         else document.year)
        sections = [(s, e, h, self._section_period(h)) for s, e, h in plan_sections(clean_text)]
        sections = _with_later_sections(clean_text, sections, self._present, document.year)
        sections = _intro_sections(clean_text, sections, self._present, document)
        self.headings = heading_sections(clean_text, document)
        self.sections = [(s, e, h) for s, e, h, _ in sections]
        self._section_starts = [s for s, _, _ in self.sections]
        self._section_periods = [p for _, _, _, p in sections]
        self._heading_bounds, self._heading_inner = _innermost_sections(self.headings)
        self._sentence_ends = mark_positions(clean_text, _SENTENCE_END)
        plain = _blank(clean_text, [(s, e) for s, e, _ in self.sections])
        self._says_jinnian = bool(_JINNIAN.search(plain))
        # the year the host site wrote over the report is no evidence in any sentence
        host = _HOST_YEAR.search(document.reason or "")
        self._host_year = int(host.group(1)) if host else None
        # the cues of the text, found once and shared by the sentences of its facts
        self._scans = (WindowScan(_CUE, clean_text), WindowScan(_REL_YEAR, clean_text),
                       WindowScan(_YEAR_WORD, clean_text), WindowScan(_SPAN, clean_text))

    # -- sections
    def _section_period(self, heading: str) -> PeriodResolution:
        """The period a plan section is about, from its heading and the report's period."""
        doc = self.document
        year = doc.year
        reason = f"plan section {heading[:20]}"
        match = _PLAN_HEADING.match(heading)
        mark = (match.group("mark") or "") if match else ""
        if match and (match.group("y") or match.group("todo_y")):
            return PeriodResolution(int(match.group("y") or match.group("todo_y")), "year", 1, 12, reason)
        if match and match.group("goal"):
            return doc   # the goals of the report's own period
        if match and match.group("masked"):
            # 三、20xx年工作计划 after the review: the plan of the year after the report's
            return PeriodResolution(None if year is None else year + 1, "year", 1, 12, reason)
        if mark == "下半年":
            return _half(year, "下", reason)
        if mark.endswith("四季度"):
            return _quarter(year, 4, reason)
        next_year = PeriodResolution(None if year is None else year + 1, "year", 1, 12, reason)
        if mark and mark not in ("下一步", "下步", "下一阶段", "下阶段") and not mark.startswith("今后"):
            return next_year
        # 下一步 / 今后 / a bare plan heading: the period after the report's own
        if doc.period_type == "half" and doc.start_month == 1:
            return _half(year, "下", reason)
        if doc.period_type == "year" and mark:
            return next_year
        return doc

    def section_at(self, pos: int) -> int | None:
        i = bisect_right(self._section_starts, pos) - 1
        if i >= 0 and pos < self.sections[i][1]:
            return i
        return None

    def heading_at(self, pos: int) -> PeriodResolution | None:
        """The period of the innermost heading section holding `pos`, if any."""
        k = bisect_right(self._heading_bounds, pos) - 1
        return self._heading_inner[k] if k >= 0 else None

    # -- facts
    def at(self, char_start: int, char_end: int) -> FactPeriodInfo:
        """The period of the fact whose number spans [char_start, char_end).

        Cues before the number in its own sentence are read in order; a cue
        followed by a comma (`截至10月底,…`) frames the rest of the sentence, an
        inline cue (`1-11月全市专利申请170件`) reaches to the next semicolon or to
        a later clause that writes a year of its own.
        """
        section = self.section_at(char_start)
        base = self.document if section is None else self._section_periods[section]
        default_cue = "" if section is None else self.sections[section][2]
        if section is None:
            heading = self.heading_at(char_start)
            if heading is not None:
                base, default_cue = heading, f"heading {heading.reason[:20]}"
        i = bisect_right(self._sentence_ends, char_start - 1) - 1
        sent_start = self._sentence_ends[i] + 1 if i >= 0 else 0
        if section is not None:
            sent_start = max(sent_start, self.sections[section][0])
        # at most a window of the sentence before the number: linear time on any input
        sent_start = max(sent_start, char_start - SENTENCE_WINDOW)
        prefix = self.text[sent_start:char_start]
        # `是2010年的3.2倍`, `是上年全年的2.4倍`: the base compared with, not the fact's time
        # (the pattern ends in 的 at the number: only such a prefix can hold it)
        if prefix.endswith("的"):
            prefix = _COMPARED_BASE.sub("", prefix)
        cues: Iterable[re.Match[str]]
        rels: Iterable[re.Match[str]]
        years: Iterable[re.Match[str]]
        spans: Iterable[re.Match[str]]
        if len(prefix) == char_start - sent_start and len(prefix) > _SHARED_SCAN_CHARS:
            # the cues of a long prefix, read from the text scanned once for all its numbers
            cues, rels, years, spans = (scan.finditer(prefix, sent_start) for scan in self._scans)
        else:
            cues, rels, years = _CUE.finditer(prefix), _REL_YEAR.finditer(prefix), _YEAR_WORD.finditer(prefix)
            spans = _SPAN.finditer(prefix)

        period, cue, reach, leading, to_do = base, default_cue, len(prefix), False, False
        frame = (base, default_cue, False)
        events = sorted(
            [(m.start(), 0, m) for m in cues]
            + [(m.start(), 1, m) for m in rels]
            + [(m.start(), 2, m) for m in years]
            + [(m.start(), 3, m) for m in spans],
            key=lambda e: (e[0], e[1]),
        )
        covered = -1
        for pos, kind, m in events:
            if pos < covered:
                continue
            if kind == 2:  # a year written in a later clause ends a leading inline cue
                if leading and pos > _next_clause_end(prefix, covered):
                    reach = min(reach, pos)
                continue
            if kind == 3:
                new = self._span_period(m)
            elif kind == 0 and m.group("full") and _GOAL_OF.match(prefix, m.end()):
                continue   # 完成全年任务的近八成, 为年度目标的141%: the year's goal, not the figure's time
            else:
                new = self._cue_period(m, base) if kind == 0 else self._relative_period(prefix, m, base)
            if new is None:
                continue
            if reach >= len(prefix) and not leading:
                frame = (period, cue, to_do)   # `下半年，力争…全年突破20亿元，新增…`: the frame
            period, cue, covered = new, m.group(0), m.end()
            to_do = kind == 0 and _sets_goals(m, prefix)
            # `全年目标：…，…，…`: the goals a period opens are all of that period
            framing = kind == 1 or to_do or (kind == 0 and (
                bool(m.group("tframe")) or _GOALS_OPENED.match(prefix, m.end()) is not None))
            reach, leading = self._reach(prefix, m.start(), m.end(), framing=framing)
        if len(prefix) > reach or (period.reason.startswith("span:") and _YEARLY_AVERAGE.search(prefix)):
            # past a cue's reach, the frame around it holds again (else the base)
            period, cue, to_do = frame
        bound = self._bound_year(prefix, base, sent_start)
        if bound is not None:
            period, cue = bound
        elif (is_baseline(self.text, char_start, char_end)
              and period.year is not None and period.period_type == "year"):
            # 总数由31家增至41家, 从9%增长到11%: the starting point is where last year ended
            period, cue = PeriodResolution(period.year - 1, "year", 1, 12, "由…增至"), "由…增至"
        if self._host_year is not None and period.year == self._host_year:
            period = PeriodResolution(None, period.period_type, period.start_month, period.end_month,
                                      f"host-written year {self._host_year}")
        # a plan's figures are targets until the report turns to results (截至…, 目前已…)
        results = bool(_RESULTS_OPEN.match(self.text, sent_start))
        # `2024年，本人将推动全区新增…` in a review of 2023: a sentence of the year after, to do
        plans = section is not None or (
            period.year is not None and self.document.year is not None and period.year > self.document.year
            and (to_do or _LATER_YEAR_TO_DO.match(prefix) is not None))
        return _new_info(period=period, in_plan_section=plans, cue=cue, results=results)

    @staticmethod
    def _reach(prefix: str, start: int, end: int, framing: bool) -> tuple[int, bool]:
        """How far a cue reaches, and whether it is an inline cue leading its clause.

        A cue set off by a comma (`截至10月底,…`) frames the rest of the sentence;
        an inline cue opening its clause (`1-11月全市专利申请170件,授权91件`)
        reaches to the next semicolon; one inside a clause
        (`专利申请量截至10月底已达460件`) to the end of that clause.
        """
        if framing or (end < len(prefix) and prefix[end] in _COMMA):
            return len(prefix), False
        clause_start = max(prefix.rfind(c, 0, start) for c in _CLAUSE_END) + 1
        if start - clause_start <= _LEAD_CHARS:
            semi = _SEMICOLON.search(prefix, end)
            return (semi.start() if semi else len(prefix)), True
        return _next_clause_end(prefix, end), False

    def _span_period(self, m: re.Match[str]) -> PeriodResolution | None:
        """A span of several years names no one period (`2023年以来` in a 2023 report does)."""
        since = m.group("since")
        if since and (self.document.year is None or int(since) >= self.document.year):
            return None
        return PeriodResolution(None, "year", 1, 12, f"span: {m.group(0)}")

    def _cue_period(self, m: re.Match[str], base: PeriodResolution) -> PeriodResolution | None:
        """The period a cue names, with the year of the section or the report."""
        if m.group("yframe") or m.group("tframe") or m.group("deadline"):
            framed = int(m.group("fy") or m.group("ty") or m.group("dy"))
            if framed in (base.year, self.document.year):
                return base
            return PeriodResolution(framed, "year", 1, 12, m.group(0))
        year = base.year
        if m.group("py"):
            year = int(m.group("py"))
        elif m.group("rel") in ("去年", "上年"):
            year = None if self._present is None else self._present - 1
        elif m.group("rel") in ("明年", "来年"):
            year = None if self._present is None else self._present + 1
        elif m.group("rel") in ("今年", "本年"):
            year = self._present
        words = m.group(0)
        part = _part_of_year(m, year, words)
        if part is not None:
            return part
        if m.group("full"):
            return PeriodResolution(year, "year", 1, 12, words)
        return base  # 截至目前, 今年以来: the section's or report's own period

    def _relative_period(self, prefix: str, m: re.Match[str], base: PeriodResolution) -> PeriodResolution | None:
        """`去年…`/`明年…` as the time of a clause, not as a comparison base; `今年…` brings
        a clause back to the section's or report's own period after another year's
        (`2021年全县登记技术合同9项,今年力争成交额增长45%`)."""
        doc_year = self._present
        before = prefix[max(0, m.start() - 4):m.start()]
        if _REL_COMPARE_BEFORE.search(before):
            return None
        if m.group("rel") == "今年":
            if doc_year != self.document.year and doc_year is not None:
                return PeriodResolution(doc_year, "year", 1, 12, m.group(0))
            return base
        if m.group("rel") in ("去年",) and not self._says_jinnian:
            return None  # written after the report year: 去年 may be the report year itself
        step = -1 if m.group("rel") in ("去年", "上年") else 1
        return PeriodResolution(None if doc_year is None else doc_year + step, "year", 1, 12, m.group(0))

    def _bound_year(
        self, prefix: str, base: PeriodResolution, offset: int
    ) -> tuple[PeriodResolution, str] | None:
        """A year written right against the number: `由2019年的320小时`, `对比2015年所占比重30.2%`.

        `prefix` is the text from `offset` up to the number (or less: a base compared with
        is cut off its end), so its clause marks are those of the text there."""
        mark = last_mark(self.text, _CLAUSE_END, offset, offset + len(prefix))
        clause_start = 0 if mark == -1 else mark - offset + 1
        clause = prefix[clause_start:]
        last: re.Match[str] | None = None
        for m in _YEAR_WORD.finditer(clause):
            last = m
        if last is None:
            return None
        gap = clause[last.end():]
        if len(gap) > _BIND_GAP or _NUMBER_CHAR.search(gap) or _GROWTH_VERB.search(gap):
            return None
        if _CUE_AFTER_YEAR.match(gap):
            return None  # a cue of its own (2017年上半年, 2008年1-11月), already read
        year = int(last.group("y"))
        doc_year = self.document.year
        if year == base.year or (doc_year is not None and year == doc_year):
            return None
        if doc_year is not None and year > doc_year and not _TARGET_WORD.search(clause):
            return None  # next year's things counted now: still the report's period
        return PeriodResolution(year, "year", 1, 12, last.group(0)), last.group(0)


# A sentence that reports what was done, inside a plan: `截至10月底,…`, `目前已…`.
_RESULTS_OPEN = re.compile(rf"""
    [ \t　\n]*(?:{_NUMBERING}|[一二三四五六七八九十]是)?[ \t　]*
    (?:截至|截止|目前|至今|到目前为止|现已|已经|已)
    """, re.VERBOSE)
_COMPARED_BASE = re.compile(
    r"(?:(?:是|为|相当于)[^，,。；;\d]{0,4}\d{0,4}[^，,。；;\d]{0,6}"
    r"|(?:完成|占|达到)(?:全年|年度)[^，,。；;]{0,12})的$")   # 完成全年目标任务的57%: progress so far
_FROM_END = re.compile(rf"(?:由|从)(?:上年|去年|原来|原有|过去|以前|之前|{_YEAR}\s?年)?(?:底|末)?的?$")
_BASELINE_LOOKBACK = 40
_RISES_TO = re.compile(r"(?:增|增加|增长|提高|提升|上升|升|发展|扩大|扩充|扩展|跃升|减少|下降|降|降低|缩短|缩小)了?(?:到|至)")


def is_baseline(text: str, start: int, end: int) -> bool:
    """The starting point of a rise or fall: `从9%增长到11%`, `由原来的31家增加到52家`.

    It is what was, before the period the sentence reports or plans: the year
    before, and a fact, not a goal, even in a sentence of targets.

    >>> t = "力争研发投入占比从2.5%提高到2.8%。"
    >>> is_baseline(t, t.index("2.5%"), t.index("2.5%") + 4), is_baseline(t, t.index("2.8%"), t.index("2.8%") + 4)
    (True, False)
    """
    # _FROM_END matches a few characters ending at the number: look no further back
    if not _RISES_TO.match(text, end):
        return False   # the cheaper test first: few numbers are followed by 增至, 提高到
    near = max(0, start - _BASELINE_LOOKBACK)
    clause_start = max(last_mark(text, _CLAUSE_END, near, start) + 1, near)
    return bool(_FROM_END.search(text, clause_start, start))


def _innermost_sections(
    sections: list[tuple[int, int, PeriodResolution]],
) -> tuple[list[int], list[PeriodResolution | None]]:
    """The innermost section at every point, as (boundaries, period from each boundary on).

    Heading sections nest (`二、1-10月…` holds `(一)…`); the innermost holding a position
    is the one that starts last (of two starting together, the later found). Between
    two consecutive starts or ends it does not change, so it is settled once here by a
    sweep, and `heading_at` looks a position up by bisection instead of reading every
    heading for every number.
    """
    order = sorted(range(len(sections)), key=lambda k: (sections[k][0], k))
    bounds = sorted({p for start, end, _ in sections for p in (start, end)})
    inner: list[PeriodResolution | None] = []
    open_: list[tuple[int, int]] = []   # heap of (-start, -index): innermost on top
    nxt = 0
    for point in bounds:
        while nxt < len(order) and sections[order[nxt]][0] <= point:
            k = order[nxt]
            heapq.heappush(open_, (-sections[k][0], -k))
            nxt += 1
        while open_ and sections[-open_[0][1]][1] <= point:
            heapq.heappop(open_)
        inner.append(sections[-open_[0][1]][2] if open_ else None)
    return bounds, inner


def _occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Spans of `words` in `text`, left to right, not overlapping (as `re.finditer` of
    the escaped words finds them, without compiling a pattern per title)."""
    spans: list[tuple[int, int]] = []
    if not words:
        return spans
    at = text.find(words)
    while at != -1:
        spans.append((at, at + len(words)))
        at = text.find(words, at + len(words))
    return spans


def _next_clause_end(text: str, pos: int) -> int:
    stops = [p for p in (text.find(c, pos) for c in _CLAUSE_END) if p != -1]
    return min(stops) if stops else len(text)
