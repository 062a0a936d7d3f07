"""Decoded report text -> the clean text that every character span indexes.

`clean_text` is pure and deterministic, and its output is idempotent
(`clean_text(clean_text(x)) == clean_text(x)`). Steps, in order:

1. Line endings -> `\\n`; an HTML page turned into text (a line per block);
   character references (`&nbsp;`) unescaped; invisible characters dropped;
   odd spaces -> ` `.
2. Width: full-width digits, letters and ASCII punctuation -> half-width, and so
   are the Chinese `，：；（）！？`, because most reports of the corpus already
   write `,` `:` `;` `(` `)` inside Chinese text and the extractor needs one
   form. `。、《》“”‘’【】〔〕—…` keep their only (full-width) form.
   `unicodedata.normalize("NFKC")` is not used: it also turns `①` into `1`,
   `²` into `2`, `…` into `...` and `㎡` into `m2`, inventing numbers.
   Compatibility and Kangxi-radical forms of CJK characters are unified.
3. OpenCC `t2s` (Traditional -> Simplified). `tw2s` was rejected: it rewrites
   the Simplified `显著` as `显着`; `t2s` leaves Simplified text untouched and
   only misses the `著`/`着` choice of a few Traditional phrases (`著力`).
4. Pinyin glosses inserted by sites after a character (`创(chuàng)新`) removed.
5. Web-page debris removed line by line (navigation, metadata, document-sharing
   boilerplate, copyright, page markers), by kind of debris, never dropping a
   line that states a report quantity; pages a sharing site cut and numbered
   `1、` `2、` … mid-sentence are joined back.
6. White space: lines stripped, runs of spaces collapsed, repeated short lines
   and runs of blank lines collapsed.

`find_title` reads the report's own title from the clean text.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import opencc

from loaders import native
from loaders.marks import first_char_guard

# ------------------------------------------------------------------ 1-2. characters

_LINE_BREAKS_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES_RE = re.compile(r"[ \t\f\v]{2,}")
_DOUBLE_SPACE_RE = re.compile(r" {2,}")     # after _to_half_width, the only spaces left


def _width_table() -> dict[int, str | None]:
    """Translation table: full width -> half width, odd spaces, invisible chars."""
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):          # ！ .. ～ : the full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for char in "\u3000\u00a0\u202f\u205f\t\f\v" + "".join(map(chr, range(0x2002, 0x200B))):
        table[ord(char)] = " "
    for char in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
        table[ord(char)] = None
    # Minus signs, small forms and wave dashes written around numbers.
    table.update({
        0x2212: "-", 0xFE63: "-", 0xFE6A: "%", 0xFE50: ",", 0xFE51: "、", 0xFE52: ".",
        0xFE54: ";", 0xFE55: ":", 0xFE56: "?", 0xFE57: "!", 0xFE59: "(", 0xFE5A: ")",
        0x301C: "~", 0xFF5E: "~",
    })
    # Kangxi radicals, CJK radical supplements and compatibility ideographs: the
    # same characters as the unified ones, written with other code points.
    for code in [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)]:
        char = chr(code)
        unified = unicodedata.normalize("NFKC", char)
        if unified != char and len(unified) == 1 and "\u3400" <= unified <= "\u9fff":
            table[code] = unified
    return table


_WIDTH_TABLE = _width_table()
_WIDTH_RUN_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH_TABLE)) + "]+")
# The most frequent ones, replaced by str.replace (C speed) before the regex.
_FREQUENT_WIDTH = tuple(
    (char, half) for char in "，：；（）！？\u3000\u00a0０１２３４５６７８９．％"
    if (half := _WIDTH_TABLE[ord(char)]) is not None   # each has its half-width form
)


def _to_half_width(text: str) -> str:
    """Apply _WIDTH_TABLE (5x faster than str.translate on CJK text).

    >>> _to_half_width("增长３０．５％，（见表１）")
    '增长30.5%,(见表1)'
    """
    for char, half in _FREQUENT_WIDTH:
        if char in text:
            text = text.replace(char, half)
    return _WIDTH_RUN_RE.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)

# -------------------------------------------------------------------- 1b. HTML

# A page saved as .html: markup is turned into lines before anything else.
_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype|html|head|body|div|p|br|span|table|meta|title)\b", re.IGNORECASE)
_HTML_DROP_RE = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_HTML_BREAK_RE = re.compile(
    r"<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?title|/?table|/?section|/?article|hr)\b[^>]*>",
    re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z!][^<>]*>")
_HTML_SNIFF_CHARS = 4096


def _html_to_text(text: str) -> str:
    """Markup -> text with a line per block, when the text is an HTML page.

    >>> _html_to_text("<html><body><p>全年新增高企67家</p><p>增长17.1%</p></body></html>").split()
    ['全年新增高企67家', '增长17.1%']
    >>> _html_to_text("增长率<5%且>3%")
    '增长率<5%且>3%'
    """
    if not _HTML_SNIFF_RE.search(text, 0, _HTML_SNIFF_CHARS):
        return text
    text = _HTML_DROP_RE.sub("", text)
    text = text.replace("\n", " ")          # source line breaks mean nothing in HTML
    text = _HTML_BREAK_RE.sub("\n", text)
    return _HTML_TAG_RE.sub("", text)


# Character references left by scraping (`&nbsp;`, `&ldquo;`, `&#8220;`), in
# HTML pages and in text files alike. `R&D` has no `;` and is left alone.
_ENTITY_RE = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def _unescape_entities(text: str) -> str:
    """Replace character references, repeatedly, so that `&amp;nbsp;` ends as a space too.

    >>> _unescape_entities("&ldquo;科技贷&rdquo;累计支持企业超2500家次;R&D投入")
    '“科技贷”累计支持企业超2500家次;R&D投入'
    """
    for _ in range(4):
        if "&" not in text or not _ENTITY_RE.search(text):
            break
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
    return text


# ------------------------------------------------------------- 3. Traditional -> Simplified

_T2S = opencc.OpenCC("t2s")

# ------------------------------------------------------------------ 4. pinyin glosses

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\u0304\u0301\u030c\u0300"   # precomposed and combining marks
_PINYIN_LETTERS = f"a-zü{_TONED}"
_GLOSS_INSIDE = rf"""              # what follows the opening parenthesis of a gloss
    \ ?
    (?=[a-zü]*[{_TONED}])         # a tone mark: pinyin, not (km), (GDP) or (R&D)
    [{_PINYIN_LETTERS}]{{1,9}}     # one syllable (zhuàng is the longest)
    (?:[\ '][{_PINYIN_LETTERS}]{{1,9}}){{0,3}}
    \ ?\)
"""
_PINYIN_GLOSS_RE = re.compile(
    rf"""
    \((?<=[\u3400-\u9fff]\()     # a parenthesis right after a CJK character (a literal
    {_GLOSS_INSIDE}               # first, so that the search skips ahead quickly)
    (?:\({_GLOSS_INSIDE})*        # and any gloss repeated right after it
    """,
    re.VERBOSE,
)


# ------------------------------------------------------------------------ 5. debris

_HAN = r"\u3400-\u9fff"
_HAN_RE = re.compile(f"[{_HAN}]")
_DATE = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_DATETIME = rf"{_DATE}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"

# List markers and bullets in front of debris lines (`- `, `• `, `1. `, `| `).
_BULLET_RE = re.compile(r"^(?:[-•·*|>]\s*|\d{1,2}\.\s+)+")

# A report quantity: a number with a unit a report counts in. Debris counts in
# 字, 页, KB or visits, none of which is listed here.
_QUANTITY_RE = re.compile(
    r"""
    (?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]{2,})   # not 一个/一次 of prose
    \s*(?:多|余|万|亿)*
    (?:元|家|项|件|个|名|人次|人|次|%|亩|吨|公斤|倍|个百分点|场|期|份|台|所|条|户|批|套|座|篇|平方米|公里)
    """,
    re.VERBOSE,
)

# Metadata fields that make a line a metadata line ("strong"): stamped times and
# visit counters.
_META_STRONG_RE = first_char_guard(
    rf"""
      (?:发布|更新|上传|录入|添加|创建|修改|编辑|发稿|成文|生成|印发|公开)?(?:时间|日期)\s*:\s*{_DATETIME}
    | {_DATETIME}\s*(?:发布|更新|上传)
    | (?:浏览|阅读|点击|查看|访问|下载|围观|评论|收藏|人气)(?:量|数|次数|人数|人次|率)?
      (?:\s*:\s*|\s*\(\s*|\s+)(?:\d{{1,3}}(?:,\d{{3}})+|\d+)\s*\)?\s*次?   # 浏览量:63, 阅读(1234), 阅读:1,208次
    """,
    re.VERBOSE,
)
# Words one of which every strong field holds (a cheap first test).
_META_HINT_RE = re.compile(r"时间|日期|发布|更新|上传|浏览|阅读|点击|查看|访问|下载|围观|评论|收藏|人气")
# Fields removed from metadata lines only (they are common words elsewhere).
_META_WEAK_RE = first_char_guard(
    r"""
      (?:作者|编辑|责任编辑|责编|发布者|发布人|录入|审核|供稿)\s*:\s*[^\s|【】\[\]]{1,20}
    | 【?\s*字[体号]\s*:?\s*(?:[大中小]\s*)*】?
    | 【\s*(?:打印|关闭|收藏|分享|大|中|小)[^】]{0,6}】
    | (?:打印本页|关闭窗口|收藏本页|分享到|我要打印|我要纠错)
    | [|【】\[\]]
    """,
    re.VERBOSE,
)
# A source attribution on a metadata line: kept on a line of its own when it
# names a publisher (evidence of the report's region), dropped for site labels.
_META_SOURCE_RE = first_char_guard(r"(?:文章|信息|稿件)?来源\s*:\s*([^\s|【】\[\]]{1,30})")
_META_RESIDUE_CHARS = 3
_SITE_SOURCE_RE = re.compile(r"网友|本站|互联网|网络|原创|投稿|用户|文库|范文|文档|资料|整理|转载|未知")

# Inline fragments that are always site packaging.
# 编号:123456789 / 篇一: in front of a title
_LEADING_PACKAGING_RE = re.compile(r"^(?:(?:编号:\s*\d{5,}|篇[一二三四五六七八九十\d]+\s*:)\s*)+")
_TAG_RE = re.compile(r"\[标签:[^\]]{0,30}\]")                                   # [标签:介绍]
_NTH_PIECE_RE = re.compile(r"^第[\d一二三四五六七八九十]+篇\s+(.+?)\s+\d{3,6}字$")  # 第1篇 <title> 6150字
_WORD_COUNT_RE = first_char_guard(r"(?<=[^\d\s])(?:\s+\d{3,6}字)+$")                        # <title> 6150字

# Lines longer than this are report paragraphs: only inline fragments are
# looked for in them, never whole-line debris.
_SHORT_LINE_CHARS = 200

# Whole lines that are debris whatever else they hold: patterns matched at the
# start of the line (after any bullet) ...
_DEBRIS_START_RE = re.compile(
    r"""
    # navigation: breadcrumbs
      (?:当前|您的|你的|所在)?位置\s*[:>]
    | 首页\s*(?:>|›|»)
    # previous / next / site functions, alone or followed by a link text
    | (?:上一篇|下一篇|上一页|下一页|上一条|下一条|上篇|下篇|返回(?:首页|顶部|列表|目录)
      |打印本页|关闭(?:本页|窗口)|分享到|收藏本页|相关(?:文章|阅读|推荐|文档|搜索|链接|专题)
      |推荐(?:访问|阅读|文章|文档|范文)|热门(?:文章|推荐|标签|搜索)|猜你喜欢|延伸阅读|扩展阅读
      |更多(?:相关|精彩|内容|范文|文章)|点击(?:下载|查看|阅读|进入)|免费下载|立即下载|下载本文档?
      |全文预览已结束|展开阅读全文|查看全文|阅读全文|文档简介|本文(?:关键词|标签)|关\s*键\s*词
      |配套讲稿|特殊限制|标签)(?:\s*[:>»]|\s*$)
    # page and size markers: 第1页 共4页, 4页, 31.29 KB
    | (?:第\s*\d+\s*页)?\s*[,/]?\s*(?:共\s*)?\d+\s*页$
    | \d+(?:\.\d+)?\s*[KMGkmg][Bb]$
    # a document site's file card: 大小:20.15KB, 页数:7页, 格式:DOCX, 温馨提示:
    | (?:文件)?(?:大小|页数|格式|字数)\s*:\s*[\w.]{1,12}$|温馨提示\s*:?\s*$
    # truncation notes: (未完,全文共1968字,当前显示644字), ……(开头部分已省略500字)
    | […. ]*\(?[^()]{0,12}(?:已省略|当前显示|全文共|剩余)\d+字[^()]{0,12}\)?$
    | \(?请?(?:认真)?阅读[^()]{0,6}提示信息\)?$
    # site statements and page furniture
    | (?:免责|版权|特别)?声明\s*:
    | 【?\s*(?:字[体号]\s*:|打印(?:本页|此页)?\s*】|关闭(?:本页|窗口)?\s*】|索引号\s*:)
    # contact lines of sites
    | [^,。]{0,12}(?:QQ|qq|微信)(?:号|群)?\s*:?\s*\d{5,}[^,。]{0,6}$
    # an entry of a list of links: a title and its date, no sentence (· 我市15家企业获评… 2019-12-20)
    | [^。;；]{2,60}?\s(?:19|20)(?:\d{2}|[Xx*]{2})[-/.]\d{1,2}[-/.]\d{1,2}$
    """,
    re.VERBOSE,
)
# ... and anywhere in a short line: page headers of shared documents
# (`xxx.doc_第1页`), copyright and licence notes.
# Every branch starts with a literal so that the regex engine skips ahead to
# their first characters (no IGNORECASE, no leading group): 3x faster.
_DEBRIS_ANYWHERE_RE = re.compile(
    r"_第\d+页$|Copyright|copyright|COPYRIGHT|©|All Rights Reserved|All rights reserved"
    r"|ICP备|ICP证|ICP\d|公网安备|网安备\d|备案号\s*:|网站标识码|网站识别码"
    # a document site's own talk: 为您筛选了11篇…范文, 请放心下载, 分享赚钱
    r"|为您筛选|为您整理|为您精选|为您收集|请放心下载|分享赚钱"
)

# a document site's listing of other documents: `…工作总结(精选5篇)`, `…范文(通用6篇)`
_LISTED_TITLE_RE = re.compile(r"\((?:精选|通用|共)?[\d一二三四五六七八九十]+篇\)$|(?:范文|大全)$")

# Site talk: a short line holding one of these is debris unless it states a
# report quantity (a paragraph that merely mentions the word is long). Each
# branch starts with a literal, for speed (see _DEBRIS_ANYWHERE_RE).
_SITE_TALK_RE = re.compile(
    r"""
      本站|本网站|小编|网友上传|用户上传|会员分享|由用户提供|上传发布|收益归属|收益全部归
    | 网站客服|在线客服|联系客服|咨询客服|客服(?:QQ|qq|老师|热线|电话)
    | 供大家参考|仅供参考|欢迎(?:访问|光临|来到|咨询|参考|阅读|下载|您)
    | 付费(?:下载|阅读|之前|后)|下载(?:本文|文档|此文|全文)|预览已结束|在线阅读|网站上搜索
    | 内容提供方|版权(?:说明|声明|归|所有|争议)|免责声明|侵权请|如有侵权|请联系(?:我们|删除)
    | 转载请|未经(?:书面)?(?:授权|许可),?(?:不得|禁止|请勿)(?:转载|复制|使用)
    | 不代表本站|禁止商用|word图标|word讲稿|PPT文件|原创文章
    | 网站地图|联系我们|关于我们|网站声明|隐私政策|隐私声明|使用帮助|意见反馈|加入收藏|设为首页
    | 扫一扫|二维码|主办单位|承办单位|技术支持:
    """,
    re.VERBOSE,
)

# A line shaped like a breadcrumb: 3+ short parts joined by > / >> / › / ».
_CRUMB_SPLIT_RE = re.compile(r"\s*(?:>>?|›|»)\s*")

# File-name endings on a title line: 科技局年度工作总结(二).doc
_FILE_SUFFIX_RE = re.compile(r"(?:\.(?:docx?|pdf|wps|txt|pptx?|xlsx?|html?))+$", re.IGNORECASE)

# Words of report titles and headings (reading titles, keeping head lines).
_TITLE_WORDS = (
    "总结|计划|报告|要点|规划|材料|工作|汇报|讲话|意见|方案|述职|情况|思路|纪要|通报|成效|公报|答复|"
    "科技|科学技术|局"
)
_TITLE_WORD_RE = re.compile(_TITLE_WORDS)
_SENTENCE_PUNCT_RE = re.compile(r"[。;!?]")
_DIGIT_RE = re.compile(r"\d")

# Short lines (weak) in the head or tail zone of a page that also holds debris.
_WEAK_MAX_CHARS = 30
_HEAD_WEAK_MAX_CHARS = 12


def _strip_metadata(line: str) -> list[str]:
    """Remove stamped times, counters and the like from a metadata line.

    Returns the lines left: the rest of the line (often a title glued to the
    metadata), and a kept `来源:` attribution on a line of its own.

    >>> _strip_metadata("时间 : 2019-03-12 09:15:40 来源 : 广东省科技厅 【字体: 【打印】")
    ['来源:广东省科技厅']
    >>> _strip_metadata("发布时间:2023-08-01 10:20:30 查看人数:35")
    []
    >>> _strip_metadata("(2022-07-06 15:20 来源:XX县人民政府 阅读:1,208次)")
    ['来源:XX县人民政府']
    """
    if not _META_HINT_RE.search(line) or not _META_STRONG_RE.search(line):
        return [line]
    rest = _META_STRONG_RE.sub(" ", line)
    kept: list[str] = []
    for match in _META_SOURCE_RE.finditer(rest):
        if not _SITE_SOURCE_RE.search(match.group(1)):
            kept.append(f"来源:{match.group(1)}")
    rest = _META_SOURCE_RE.sub(" ", rest)
    rest = _META_WEAK_RE.sub(" ", rest)
    rest = _SPACES_RE.sub(" ", rest).strip(" :,-|")
    if not _HAN_RE.search(rest) or len(rest) <= _META_RESIDUE_CHARS:
        rest = ""                        # a field label left over: 生成, 信息
    return ([rest] if rest else []) + kept


def _strip_fragments(line: str) -> list[str]:
    """A stripped line without inline packaging; metadata may split it in two.

    >>> _strip_fragments("编号:123456789县科学技术局2019年工作总结")
    ['县科学技术局2019年工作总结']
    >>> _strip_fragments("第1篇 区科技局年度工作总结及明年计划 5200字")
    ['区科技局年度工作总结及明年计划']
    """
    if line.startswith(("编号", "篇")):
        line = _LEADING_PACKAGING_RE.sub("", line, count=1)
    if "[标签" in line:
        line = _TAG_RE.sub("", line)
    if line.endswith("字"):
        line = _NTH_PIECE_RE.sub(r"\1", line)
        line = _WORD_COUNT_RE.sub("", line)
    line = line.strip(" |")
    if len(line) > _SHORT_LINE_CHARS:
        return [line]
    return [_FILE_SUFFIX_RE.sub("", part) if "." in part and len(part) <= 60 else part
            for part in _strip_metadata(line) if part]


def _is_crumb(line: str) -> bool:
    """`首页 > 工作总结 > 年度总结`: three or more short parts, no sentence."""
    parts = _CRUMB_SPLIT_RE.split(line)
    return (len(parts) >= 3 and len(line) <= 150 and "。" not in line
            and all(len(part) <= 40 for part in parts))


def is_debris_line(line: str) -> bool:
    """True for a stripped line that is web-page debris, not report text.

    >>> is_debris_line("当前位置:首页 > 办公文档 > 工作范文")
    True
    >>> is_debris_line("下面是小编为大家整理的科技局上年度述职报告(2023年),供大家参考。")
    True
    >>> is_debris_line("全年查处专利侵权案件8件,结案8件。")
    False
    """
    if not _HAN_RE.search(line):
        return True                      # `|`, `53769`, `• 31.29 KB`, `| cwl2`
    if len(line) > _SHORT_LINE_CHARS:
        return False
    bullet = _BULLET_RE.match(line)
    bare = line[bullet.end():] if bullet else line
    if _DEBRIS_START_RE.match(bare) or _DEBRIS_ANYWHERE_RE.search(bare):
        return True
    if (">" in bare or "›" in bare or "»" in bare) and _is_crumb(bare):
        return True
    if bullet and _LISTED_TITLE_RE.search(bare):
        return True                      # `· 科技局2018年工作总结及2019年工作计划(精选5篇)`
    listing = _LISTED_TITLE_RE.sub("", bare)  # (精选5篇) counts documents, not report things
    return _SITE_TALK_RE.search(bare) is not None and not _QUANTITY_RE.search(listing)


def _is_weak(line: str, max_chars: int) -> bool:
    """A short line that states nothing: no quantity, no sentence."""
    return (len(line) <= max_chars and not _QUANTITY_RE.search(line)
            and not _SENTENCE_PUNCT_RE.search(line) and "。" not in line)


def _drop_zone_debris(lines: list[str], debris: list[bool]) -> list[bool]:
    """Extend debris marks over weak lines of the head and tail zones.

    The head zone runs from the top to the first line that is neither debris,
    blank nor a short line without a title word; its weak lines go when debris
    follows them (a site name above a breadcrumb). The tail zone runs from the
    bottom up to the first line that is neither debris, blank nor short; its weak
    lines go when debris precedes them (a keyword list under `关键词:`). So a
    short title under a breadcrumb and a closing signature above a `上一篇` link
    are kept.
    """
    drop = list(debris)
    head: list[int] = []
    for i, line in enumerate(lines):
        if not line or debris[i]:
            head.append(i)
            continue
        if (_is_weak(line, _HEAD_WEAK_MAX_CHARS) and not _TITLE_WORD_RE.search(line)
                and not _DIGIT_RE.search(line)):
            head.append(i)
            continue
        break
    last_debris = max((i for i in head if debris[i]), default=None)
    if last_debris is not None:
        for i in head:
            if i < last_debris:
                drop[i] = True
    tail: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i] or debris[i] or _is_weak(lines[i], _WEAK_MAX_CHARS):
            tail.append(i)
            continue
        break
    first_debris = min((i for i in tail if debris[i]), default=None)
    if first_debris is not None:
        for i in tail:
            if i > first_debris:
                drop[i] = True
    return drop


# Document-sharing sites cut a document into pages of a fixed size and number
# them `1、` `2、` … at the start of each, wherever the cut falls.
_PAGE_MARK_RE = re.compile(r"^(\d{1,3})、")
_PAGE_MIN_CHARS = 100
_SENTENCE_ENDS = ("。", ";", "!", "?", "…", ":", "。”", "!”", "?”")


def _join_page_chunks(lines: list[str]) -> list[str]:
    """Rejoin pages numbered `1、` `2、` … by a sharing site, dropping the numbers.

    A run counts as pages when it starts at `1、`, the numbers follow each other,
    and every page but the last is long and ends in the middle of a sentence
    (real numbered paragraphs end with `。`); the gold example is
    `…其中进京` + `3、21次、赴省67次` -> `…其中进京21次、赴省67次`.

    >>> pages = ["1、" + "甲" * 120 + "其中进京", "2、21次、赴省67次。", "3、乙"]
    >>> [line[-15:] for line in _join_page_chunks(pages)]
    ['甲其中进京21次、赴省67次。', '3、乙']
    >>> paragraphs = ["1、招商引资工作成效显著。" + "甲" * 120 + "。", "2、全社会研发投入工作扎实开展。"]
    >>> _join_page_chunks(paragraphs) == paragraphs
    True
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i + 1
        if lines[i].startswith("1、"):
            while (end < len(lines) and lines[end].startswith(f"{end - i + 1}、")
                   and len(lines[end - 1]) >= _PAGE_MIN_CHARS
                   and not lines[end - 1].endswith(_SENTENCE_ENDS)):
                end += 1
        if end - i >= 2:
            out.append("".join(_PAGE_MARK_RE.sub("", line, count=1) for line in lines[i:end]))
        else:
            out.extend(lines[i:end])
        i = end
    return out


_NUMBER_TAIL_RE = re.compile(r"[\u4e00-\u9fff,，]\d{1,4}(?:\.\d*)?$")   # (`…达到3.` / `68%`)
# (a line opening with a year starts a sentence of its own: `篇1` / `2010年,我局…`)
_NUMBER_HEAD_RE = re.compile(r"(?!(?:19|20)\d{2}年)\d{1,4}(?:\.\d+)?[\u4e00-\u9fff%]")


# a page's number or count between two pages of a copy: `— 2 —`, `- 3 -`, `第1页 共2页`
_PAGE_MARK_LINE_RE = re.compile(r"^(?:[—–-]+\s*\d{1,3}\s*[—–-]+|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?)$")


def _drop_page_marks(lines: list[str]) -> list[str]:
    """Drop the page marks a copy keeps between its pages, with the blank lines around them,
    so that a sentence or a number the page broke (`总数达到1` / `— 2 —` / `326家`) is whole
    again for the joins after; a page mark between paragraphs leaves one blank line.

    >>> _drop_page_marks(["总数达到1", "— 2 —", "326家。", "", "第1页 共2页", "", "二、下一步"])
    ['总数达到1', '326家。', '', '二、下一步']
    """
    out: list[str] = []
    skip_blank = False
    for line in lines:
        if _PAGE_MARK_LINE_RE.match(line):
            skip_blank = bool(out) and out[-1] == ""
            continue
        if skip_blank and line == "":
            skip_blank = False
            continue
        skip_blank = False
        out.append(line)
    return out


def _join_broken_numbers(lines: list[str]) -> list[str]:
    """Rejoin a number a page break cut in two: `…发明专利申请8` + `93件;…`.

    >>> _join_broken_numbers(["上半年全区专利申请2316件,其中发明专利申请8", "93件;专利授权1274件。"])
    ['上半年全区专利申请2316件,其中发明专利申请893件;专利授权1274件。']
    >>> _join_broken_numbers(["一、2023年工作回顾", "12家企业入选。"])
    ['一、2023年工作回顾', '12家企业入选。']
    >>> _join_broken_numbers(["县科技局年度工作总结 篇1", "2010年,我局…"])
    ['县科技局年度工作总结 篇1', '2010年,我局…']
    """
    # lines joined are collected as parts and the tail test reads the last 5 characters
    # (its longest match): re-reading and re-copying a growing line is quadratic
    out: list[list[str]] = []
    tail = ""
    for line in lines:
        if out and _NUMBER_TAIL_RE.search(tail) and _NUMBER_HEAD_RE.match(line):
            out[-1].append(line)
            tail = (tail + line)[-5:]
        else:
            out.append([line])
            tail = line[-5:]
    return ["".join(parts) for parts in out]


_BARE_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# what goes on after a number cut from its sentence: its unit and the sentence's punctuation
_UNIT_GOES_ON_RE = re.compile(f"(?:%|(?![年月日号])[{_HAN}]{{1,3}})[，,。；;、]")   # not a date
# ... or the line broke before the number (`研发投入强度达到` / `1.4%，…`) or after it
# (`总数达到 512` / `家，新增96家`)
# (`孵化器、众创空间` / `达到 48 家。`: its verb opens the line)
_NUMBER_GOES_ON_RE = re.compile(
    f"(?:(?:达到|达|突破|超过|完成|实现|增长|增加|提高|为|共|累计)\\s?)?"
    f"\\d+(?:\\.\\d+)?\\s?(?:%|(?![年月日号])[{_HAN}]{{1,3}})[，,。；;、]")
_NUMBER_ENDS_RE = re.compile(f"[{_HAN}][^，,。；;、\\n]{{0,12}}?\\d+(?:\\.\\d+)?$")
_NUMBER_END_CHARS = 40   # a line's end read for it (a joined line grows: never the whole)


def _join_numbers_inside_sentences(lines: list[str]) -> list[str]:
    """Rejoin a sentence a copy from a PDF broke around its number.

    A number set on a line of its own (`全年登记技术合同` / `150` / `项，…`) belongs to the
    sentence when the line before runs on (ends in a Han character) and the line after goes
    on with its unit and the sentence's punctuation; a page number between paragraphs, or a
    row number of a table copied one cell a line, is left. So is a line broken just before
    the number and its unit, or between them.

    >>> _join_numbers_inside_sentences(["全年登记技术合同", "150", "项，成交额2亿元。"])
    ['全年登记技术合同150项，成交额2亿元。']
    >>> _join_numbers_inside_sentences(["工作回顾。", "3", "二、下一步计划"])
    ['工作回顾。', '3', '二、下一步计划']
    >>> _join_numbers_inside_sentences(["研发投入强度达到", "1.4%，比上年提高0.1个百分点。", "总数达到 512", "家，新增96家。"])
    ['研发投入强度达到1.4%，比上年提高0.1个百分点。', '总数达到 512家，新增96家。']
    >>> _join_numbers_inside_sentences(["全市孵化器、众创空间", "达到 48 家。"])
    ['全市孵化器、众创空间达到 48 家。']
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        runs_on = bool(out and out[-1] and _HAN_RE.match(out[-1][-1]))
        if (runs_on and i + 1 < len(lines) and lines[i + 1]
                and _BARE_NUMBER_RE.fullmatch(line) and _UNIT_GOES_ON_RE.match(lines[i + 1])):
            out[-1] += line + lines[i + 1]
            i += 2
            continue
        if line and out and out[-1] and (
                (runs_on and _NUMBER_GOES_ON_RE.match(line))          # 强度达到 / 1.4%，比…
                or (out[-1][-1].isdigit() and _UNIT_GOES_ON_RE.match(line)          # 达到 512 / 家，
                    and _NUMBER_ENDS_RE.search(out[-1], max(0, len(out[-1]) - _NUMBER_END_CHARS)))):
            out[-1] += line
            i += 1
            continue
        out.append(line)
        i += 1
    return out


_NUMBER_CELLS_RE = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?(?:[ \t]+[-+]?\d+(?:[.,]\d+)*%?)+")


def _keep_table_rows(lines: list[str], debris: list[bool]) -> list[bool]:
    """Keep rows of a table that hold numbers only (`2018 42.31 1.98 128 16.2` under
    `年份 R&D经费 研发投入强度 …`): as many cells as the row above, down from a header.

    >>> _keep_table_rows(["年份 经费 强度", "2018 42.31 1.98", "2019 47.05 2.08", "3 4"], [False, True, True, True])
    [False, False, False, True]
    """
    kept = list(debris)
    width = 0
    for i, line in enumerate(lines):
        cells = len(line.split())
        if debris[i] and width and cells == width and _NUMBER_CELLS_RE.fullmatch(line):
            kept[i] = False
            continue
        width = cells if (not debris[i] and cells >= 2 and _HAN_RE.search(line)
                          and len(line) <= _SHORT_LINE_CHARS) else 0
    return kept


_INDENTED_RE = re.compile(r"^[ \t]+\S")
_NUMBERED_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.](?!\d))")
_WRAPPED_MIN_CHARS = 15   # a line a page's width broke is long; a heading is short
_WRAPPED_MIN_JOINS = 2    # ... and a page breaks more than one paragraph so
_ROW_CELLS = 3            # a line of three cells or more is a table's row, not prose


def _unwrap_indented_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin paragraphs a PDF copy broke at the page's width.

    Such a copy opens each paragraph indented and runs it on over unindented lines,
    breaking anywhere (`同比增` / `长9.7%`, `增长18.` / `4%`). A line of a paragraph opened by
    an indented line is joined to the next when it is long, ends mid-sentence and the next
    goes on unindented (no heading, no table row, no blank line); only when the text does so
    at least twice, so that a title, a heading or a one-line paragraph is never joined to
    its text.

    >>> wrapped = ["    全社会研发投入达到268.4亿元，同比增", "长9.7%，研发投入强度达7.02%。",
    ...            "    技术合同成交额达到186.5亿元，增长18.", "4%；登记科技成果312项。"]
    >>> _unwrap_indented_paragraphs(wrapped)
    ['    全社会研发投入达到268.4亿元，同比增长9.7%，研发投入强度达7.02%。', '    技术合同成交额达到186.5亿元，增长18.4%；登记科技成果312项。']
    >>> headings = ["    一、2023年主要工作成效", "全社会研发投入达到268.4亿元。"]
    >>> _unwrap_indented_paragraphs(headings) == headings
    True
    """
    joins: list[int] = []
    in_paragraph = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            in_paragraph = False
            continue
        if _INDENTED_RE.match(line):
            in_paragraph = True
        if (in_paragraph and i + 1 < len(lines) and len(stripped) >= _WRAPPED_MIN_CHARS
                and not stripped.endswith(_SENTENCE_ENDS)
                and lines[i + 1].strip() and not _INDENTED_RE.match(lines[i + 1])
                and not _NUMBERED_RE.match(lines[i + 1])
                and len(stripped.split()) < _ROW_CELLS and len(lines[i + 1].split()) < _ROW_CELLS):
            joins.append(i)
    if len(joins) < _WRAPPED_MIN_JOINS:
        return lines
    out: list[str] = []
    joined = set(joins)
    for i, line in enumerate(lines):
        if i - 1 in joined:
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return out


def _clean_lines(text: str) -> str:
    """Step 5 and 6 on the converted text."""
    lines: list[str] = []
    raw_lines = text.split("\n")
    if "\n " in text or "\n\t" in text:
        raw_lines = _unwrap_indented_paragraphs(raw_lines)
    spaced = "  " in text
    for raw in raw_lines:
        line = (_DOUBLE_SPACE_RE.sub(" ", raw) if spaced else raw).strip()
        if line:
            lines.extend(_strip_fragments(line))
        else:
            lines.append("")
    lines = _join_numbers_inside_sentences(_join_broken_numbers(_join_page_chunks(_drop_page_marks(lines))))
    debris = _keep_table_rows(lines, [bool(line) and is_debris_line(line) for line in lines])
    drop = _drop_zone_debris(lines, debris)

    out: list[str] = []
    previous = None                      # last non-blank line kept
    for line, dropped in zip(lines, drop):
        if dropped:
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if line == previous and len(line) <= 60:
            continue                     # the same title or heading repeated
        out.append(line)
        previous = line
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------- public API


def clean_text(text: str) -> str:
    """Decoded text -> clean Simplified text without debris; see the module docstring.

    The compiled twin (loaders/native.py) does the steps around OpenCC where it is built,
    and leaves HTML pages and texts with character references to `python_clean_text`.

    >>> clean_text("科技創(chuàng)新投入１２.５億元，增長３０％\\r\\n\\r\\n\\r\\n上一篇:科技局工作")
    '科技创新投入12.5亿元,增长30%'
    """
    if _native_widths():
        assert native.compiled is not None
        try:
            ready = native.compiled.clean_prepare(text)
            if ready is not None:
                return native.compiled.clean_finish(ready if ready.isascii() else _T2S.convert(ready))
        except native.Error as error:
            native.failed("clean_text", error)
    return python_clean_text(text)


@lru_cache(maxsize=1)
def _native_widths() -> bool:
    """Whether the compiled twin is at hand, handed the width table once per process."""
    if native.compiled is None:
        return False
    try:
        native.compiled.init_clean(_WIDTH_TABLE)
    except native.Error as error:
        native.failed("clean_text", error)
        return False
    return True


def python_clean_text(text: str) -> str:
    """`clean_text` in Python: the specification of its compiled twin."""
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _LINE_BREAKS_RE.sub("\n", text)
    text = _unescape_entities(_html_to_text(text))
    text = _to_half_width(text)
    if not text.isascii():
        text = _T2S.convert(text)
    if "(" in text:
        text = _PINYIN_GLOSS_RE.sub("", text)
    return _clean_lines(text)


# Packaging around a title: 范文, 精选, (四篇), _1, 第1篇
_TITLE_PACKAGING_RE = re.compile(
    r"""
      (?:范文|范本|精选|大全|模板|\((?:通用|精选|共)?[\d一二三四五六七八九十]+篇\)|_\d+)+$
    """,
    re.VERBOSE,
)
_LEADING_MARK_RE = re.compile(r"^(?:\d{1,2}、|篇[一二三四五六七八九十]+:)\s*")
# Where a body starts right after a title glued to it.
_BODY_START_RE = re.compile(
    r"""
      \s
    | [一二三四五六七八九十]+、 | \d{1,2}、 | \([一二三四五六七八九十]+\)
    | (?:\d{3}[\dXx]|[*Xx]{2,4}|\*)年 | \d{3}[\dXx] | 20[Xx]{2}
    | 今年 | 本年 | 全年 | 近年 | 一年来 | 截至 | 截止 | 在 | 我[局市县区省州]
    """,
    re.VERBOSE,
)
_GLUED_TITLE_RE = re.compile(
    rf"""
    ^(?P<title>[^。,;:!?]{{2,50}}?(?:总结|计划|报告|要点|规划|材料|汇报|方案|思路|述职)
      (?:范文|范本|精选|\([^()]{{1,6}}\))?)
    (?=(?:{_BODY_START_RE.pattern}))
    """,
    re.VERBOSE,
)
_TITLE_MAX_CHARS = 60
# Section headings are not titles: 一、 (一) 1、 一是 第一章
_SECTION_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是.]|\d{1,2}[、.]|\([一二三四五六七八九十\d]+\)|第[一二三四五六七八九十\d]+[章节部分])"
)
_TITLE_SCAN_LINES = 12
_GLUED_TITLE_SCAN_LINES = 3


def _is_heading_like(line: str) -> bool:
    """Short, no sentence punctuation, no colon or comma, a title word, no section number."""
    return (len(line) <= _TITLE_MAX_CHARS and "。" not in line and "," not in line
            and ":" not in line and not _SENTENCE_PUNCT_RE.search(line)
            and _TITLE_WORD_RE.search(line) is not None and not _QUANTITY_RE.search(line)
            and not _SECTION_START_RE.match(line))


def _tidy_title(line: str) -> str:
    """Strip page marks, file endings and site packaging (范文, (四篇), _1) from a title."""
    line = _LEADING_MARK_RE.sub("", line)
    line = _FILE_SUFFIX_RE.sub("", line)
    return _TITLE_PACKAGING_RE.sub("", line).strip()


def find_title(clean: str) -> str | None:
    """The report's own title in clean text: the first heading-like line near the top.

    A heading-like line is short, has no sentence punctuation and carries a
    title word (总结, 计划, 报告, 要点, 规划, 材料, 工作 ...). When the page glued the
    title to the body (`科技局工作总结今年以来,…`) the title part is cut off.

    >>> find_title("科技局年度工作总结(二)\\n1、科技局年度工作总结 市科技局在市委…")
    '科技局年度工作总结(二)'
    >>> find_title("科技局工作总结今年以来,区科技局全体干部职工在区委…")
    '科技局工作总结'
    >>> find_title("3月21日,兴义市工科局党组成员刘辛明组织召开会议。") is None
    True
    """
    lines = [line for line in clean.split("\n") if line.strip()][:_TITLE_SCAN_LINES]
    for position, line in enumerate(lines):
        if _is_heading_like(line):
            title = _tidy_title(line)
            if title:
                return title
        elif position < _GLUED_TITLE_SCAN_LINES:
            match = _GLUED_TITLE_RE.match(_LEADING_MARK_RE.sub("", line))
            if match:
                return _tidy_title(match.group("title"))
    return None
