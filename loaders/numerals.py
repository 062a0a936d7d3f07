"""Numbers as written in Chinese reports -> exact values: one grammar for every form.

A numeral is read by one positional grammar, whatever mix of scripts it is written in:

    numeral  := integer ( ("点" cn_digit+) | ("." digit+) )?
    integer  := section ( big section? )*        big: 万 亿 (and 万亿, 万万: big units multiply)
    section  := ( number small? | "零" )+         small: 十 百 千 (and 拾 佰 仟), falling
    number   := arabic | cn_digit                arabic: 367.1, 23,003; cn_digit: 一…九 两 壹…玖 〇 ○ 零

so `一百二十三`, `两亿五千万`, `一亿零五百万`, `十万零一`, `四万点六`, `5万4千6百`, `3万4000`,
`一千零十`, `壹仟贰佰`, `1.2万`, `4.78万亿` and the Traditional `兩`/`貳`/`參`/`萬`/`億` are all
the same rules. A single digit right after a unit, with no `零` between, is that unit's next
place (`两千四百五` = 2450, `一万三` = 13000, `九十二万四` = 924000), as speakers and the
suites of cn2an and Recognizers-Text read it. Digits in a row are a numeral only with a
written zero (`二〇` = 20): in running text `唯一一家` is not 11. Spaces inside a numeral (a
copied page's `1 47`, `7 万5 千4 百`) are ignored.

`parse_numeral` returns a `Numeral`: the exact `Decimal` value and the big units it holds,
which the extractor needs to write `value_raw`/`unit_raw`. The rule for those (see
`loaders.extract`) is: a numeral whose big units are all at its end keeps them in the unit
as before (`1.2万份` → 1.2 `万份`, `367.1亿元` → 367.1 `亿元`); a numeral with a big unit
inside it (`两亿五千万元`, `5万4千6百元`) is written in its largest magnitude, so that it stays
one mention in the unit a reader would say: `两亿五千万元` → value_raw 2.5, unit_raw `亿元`;
`5万4千6百元` → 5.46 `万元`; `十万零一元` → 10.0001 `万元`. `value` = value_raw × the unit's
scale stays exact because value_raw is the exact quotient (dbt scales it in DECIMAL).

Two forms wrap a numeral, in the same grammar:

    signed   := ("负" | "-") numeral                          负三十二 = -32, -10000
    fraction := ( numeral "又" )? numeral "分之" signed       三分之一, 百分之五 = 0.05,
              | ( digits " " )? digits "/" digits             负五分之6 = -1.2, 1 3/5 = 1.6

A share is a report's form (`三分之一的企业`), read here as one value exact to 28 digits
(`三分之一` = 0.3333…); the extractor does not look for shares in running text yet (a share is
a ratio whose whole is named elsewhere). `百分之` before a number is a unit, which the
extractor reads as per cent (`百分之五` → 5 `百分之`), and it is never the denominator of a
fraction there (`五百分之2.2` is no 2.2%). A minus is the extractor's cue, never part of
value_raw, which is the number as written.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

# Traditional forms (the cleaner converts to Simplified first; the reader accepts both)
_TRADITIONAL = str.maketrans({"兩": "两", "貳": "贰", "參": "参", "陸": "陆", "萬": "万", "億": "亿",
                              "點": "点", "０": "0", "１": "1", "２": "2", "３": "3", "４": "4",
                              "５": "5", "６": "6", "７": "7", "８": "8", "９": "9", "．": ".",
                              "，": ",", "負": "负", "－": "-", "−": "-", "／": "/"})

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
    "叁": 3, "参": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
ZEROS = "零〇○"

# every character that can stand inside a numeral (also the Traditional forms)
CN_DIGIT_CLASS = "".join(CHINESE_DIGITS) + "兩貳參陸"
CN_SMALL_CLASS = "".join(CHINESE_UNITS)
CN_BIG_CLASS = "万亿萬億"

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# the language of numerals as one regex, for finding candidates in text; the parser decides
NUMERAL_PATTERN = rf"""
    (?: (?<![\d.A-Za-z]) (?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?   # 23,003 or 1,234.5
                          | (?<![\x20\t]) \d{{1,3}}(?:\x20\d{{1,3}})+(?![\d.])  # 1 47: a stray space inside
                                                                # a number (not cells: 300 327 109%)
                          | (?<!\d[\x20\t]) \d{{1,2}}(?:\x20\d{{3}})+(?![\d.])   # 入库 1 038 家: thousands spaced
                          | \d+(?:\.\d+)?)
      | (?<![{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}]) [{CN_DIGIT_CLASS}{CN_SMALL_CLASS}]
    )
    (?: (?<=[{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}]) [{CN_DIGIT_CLASS}]
      | [{CN_SMALL_CLASS}{CN_BIG_CLASS}]
      | (?<=[{CN_SMALL_CLASS}{CN_BIG_CLASS}]) \d+(?![\d.])
    )*
    (?: (?<=[{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}]) 点[{CN_DIGIT_CLASS}]+ )?
"""

_PLAIN = re.compile(r"\d+(?:\.\d+)?\Z")
_TOKEN = re.compile(rf"({_ARABIC})|([{''.join(CHINESE_DIGITS)}])|([{CN_SMALL_CLASS}])|([万亿])|(点|\.)")


class Numeral(NamedTuple):
    """A numeral read: its exact value, the largest big unit inside it (1 when none) and
    the run of big units it ends with (`两亿五千万` → 250000000, 100000000, `万`)."""
    value: Decimal
    largest: int
    tail: str


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    at = 0
    while at < len(text):
        hit = _TOKEN.match(text, at)
        if hit is None or hit.lastindex is None:   # every match sets one of the five groups
            return None
        kind = ("arabic", "digit", "small", "big", "point")[hit.lastindex - 1]
        out.append((kind, hit.group()))
        at = hit.end()
    return out


def _fraction(tokens: list[tuple[str, str]]) -> Decimal | None:
    """Digits after 点, read one by one."""
    if not tokens or any(kind != "digit" for kind, _ in tokens):
        return None
    return Decimal("0." + "".join(str(CHINESE_DIGITS[t]) for _, t in tokens))


@lru_cache(maxsize=4096)   # a report repeats its numbers (1, 2, 10, 100…): read each once
def parse_numeral(text: str) -> Numeral | None:
    """Read a numeral by the grammar above; None when `text` is not one.

    >>> parse_numeral("两亿五千万")
    Numeral(value=Decimal('250000000'), largest=100000000, tail='万')
    >>> [str(parse_numeral(t).value) for t in ("一亿零五百万", "十万零一", "四万点六", "5万4千6百")]
    ['105000000', '100001', '40000.6', '54600']
    >>> [str(parse_numeral(t).value) for t in ("3万4000", "一千零十", "兩千四百五", "1.2万", "4.78万亿")]
    ['34000', '1010', '2450', '12000.0', '4780000000000.00']
    >>> parse_numeral("十大") is None, parse_numeral("一一") is None, parse_numeral("万") is None
    (True, True, True)
    """
    if _PLAIN.match(text):  # most numbers of a report: 367.1, 188
        return Numeral(Decimal(text), 1, "")
    text = " ".join(text.translate(_TRADITIONAL).split())  # spaces kept for `1 3/5` only
    if not text:
        return None
    if text[0] in _SIGNS:
        text = text[1:].lstrip()
        numeral = _unsigned(text) if text and text[0] not in _SIGNS else None
        return None if numeral is None else numeral._replace(value=-numeral.value)
    return _unsigned(text)


_SIGNS = "负-"
_SLASH = re.compile(r"(?:(\d+)\s)?(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")


def _fraction_of(text: str) -> Numeral | None:
    """`(whole 又)? denominator 分之 numerator` or `(whole )? a/b`: the share as one value."""
    slash = _SLASH.fullmatch(text.replace(" /", "/").replace("/ ", "/"))
    if slash:
        parts = [slash.group(1) or "0", slash.group(3), slash.group(2)]
    elif "分之" not in text:
        return None  # 1/2/3, 2/五: not a fraction of digits
    else:
        head, numerator = text.split("分之", 1)
        if "分之" in numerator:
            return None  # 三分之五分之一: a share of a share is no form of a numeral
        if "又" in head:
            whole_text, head = head.split("又", 1)
            parts = [whole_text, head, numerator]
        else:
            parts = ["0", head, numerator]
    whole, denominator, share = (parse_numeral(part) for part in parts)
    if whole is None or denominator is None or share is None or any(
            part[:1] in _SIGNS for part in parts[:2]):
        return None  # 负 belongs before the whole fraction or its numerator, not its denominator
    if denominator.value <= 0:
        return None
    return Numeral(whole.value + share.value / denominator.value, 1, "")


def _unsigned(text: str) -> Numeral | None:
    if "/" in text:
        return _fraction_of(text)
    text = text.replace(" ", "")
    if "分之" in text:
        return _fraction_of(text)
    tokens = _tokens(text)
    if not tokens or tokens[0][0] in ("big", "point"):
        return None
    points = [i for i, (kind, _) in enumerate(tokens) if kind == "point"]
    if points and (len(points) > 1 or tokens[points[0]][1] != "点"):
        return None
    fraction = _fraction(tokens[points[0] + 1:]) if points else Decimal(0)
    if fraction is None:
        return None
    if points:
        tokens = tokens[:points[0]]
        if not tokens:
            return None
    # digits in a row with a written zero (二〇二三, 一七二零): read digit by digit
    if len(tokens) > 1 and all(kind == "digit" for kind, _ in tokens):
        if not any(t in ZEROS for _, t in tokens[1:]):
            return None
        return Numeral(Decimal("".join(str(CHINESE_DIGITS[t]) for _, t in tokens)) + fraction, 1, "")

    total = Decimal(0)      # the sum of the finished big sections
    section = Decimal(0)    # the section under way (below the next big unit)
    number: Decimal | None = None
    last_small = 10_000     # small units fall inside a section
    last_big = 0            # the last big unit's scale (亿 then 万; 万 then 亿 multiplies)
    previous_unit = 0       # the unit right before the current token, 0 after a number or 零
    largest, tail, has_zero = 1, "", False
    for kind, tok in tokens:
        unit_before, previous_unit = previous_unit, 0
        if kind == "digit" and tok in ZEROS:
            if number is not None:
                return None  # 三零: a zero after a digit, not after a unit
            has_zero = True
            continue
        if kind in ("arabic", "digit"):
            if number is not None:
                return None  # two numbers in a row without a unit
            number = Decimal(tok.replace(",", "")) if kind == "arabic" else Decimal(CHINESE_DIGITS[tok])
            short = unit_before if kind == "digit" else 0
            has_zero = has_zero or number == 0
            tail = ""
        elif kind == "small":
            unit = CHINESE_UNITS[tok]
            if unit >= last_small:
                return None  # 十百: small units fall
            section += (Decimal(1) if number is None else number) * unit
            number, last_small, previous_unit, tail = None, unit, unit, ""
        else:  # a big unit
            big = BIG_UNITS[tok]
            pending = section + (number or 0)
            if pending == 0:
                if total == 0:
                    return None  # 万 alone, 零万
                total *= big     # 万亿, 四万万: big units written together multiply
                last_big *= big
            elif last_big and big > last_big:
                total = (total + pending) * big   # 一万五千亿: all so far is counted in 亿
                last_big = big
            elif last_big and big == last_big:
                return None  # 一万二万
            else:
                total += pending * big
                last_big = big
            largest = max(largest, last_big)
            section, number, last_small, previous_unit = Decimal(0), None, 10_000, last_big
            tail += tok
    if number is not None and short >= 100:
        number *= short // 10  # 两千四百五, 一万三: a last lone digit is the next place down
    value = total + section + (number or 0)
    if value == 0 and not has_zero:
        return None
    return Numeral(value + fraction, largest, tail)


def parse_number(text: str) -> float | None:
    """Parse an Arabic, Chinese or mixed number; None when `text` is not a number.

    >>> parse_number("367.1"), parse_number("23,003"), parse_number("十余".rstrip("余"))
    (367.1, 23003.0, 10.0)
    >>> parse_number("3千"), parse_number("近") is None, parse_number("十五点五")
    (3000.0, True, 15.5)
    >>> parse_number("一万二千"), parse_number("三万零五百")
    (12000.0, 30500.0)
    """
    numeral = parse_numeral(text)
    return None if numeral is None else float(numeral.value)


def parse_chinese_integer(text: str) -> int | None:
    """A Chinese numeral's integer value; None when it is not one.

    >>> parse_chinese_integer("一百二十三"), parse_chinese_integer("十一"), parse_chinese_integer("两")
    (123, 11, 2)
    >>> parse_chinese_integer("千"), parse_chinese_integer("三千零五"), parse_chinese_integer("二〇")
    (1000, 3005, 20)
    >>> parse_chinese_integer("十大") is None
    True
    """
    if not text or any(c.isascii() for c in text):
        return None
    numeral = parse_numeral(text)
    if numeral is None or numeral.value != numeral.value.to_integral_value():
        return None
    return int(numeral.value)


def range_lower_end(lower: Numeral, upper_text: str, upper: Numeral) -> Numeral:
    """A range's lower end read with the units it shares with the upper end.

    A lower end written without units of its own takes those after the upper end's last
    digit when it is smaller than the digits before them (`2至3百万` → 2000000, `两到三千` →
    2000), else the upper end's big units when it is smaller than what comes before them
    (`十至二十万` → 100000, `两千至三千万` → 20000000); else it stands as written (`从8500到
    3万` → 8500): a range rises.

    >>> [str(range_lower_end(parse_numeral(a), b, parse_numeral(b)).value)
    ...  for a, b in (("2", "3万"), ("两", "三千"), ("十", "二十万"), ("8500", "3万"))]
    ['20000', '2000', '100000', '8500']
    """
    if lower.largest != 1 or lower.value <= 0:
        return lower
    text = upper_text.translate(_TRADITIONAL).replace(" ", "")
    digits = [i for i, c in enumerate(text) if c.isdigit() or c in CHINESE_DIGITS]
    cuts = [digits[-1] + 1] if digits else []
    big_tail = len(text) - len(text.rstrip(CN_BIG_CLASS))
    if big_tail and len(text) - big_tail not in cuts:
        cuts.append(len(text) - big_tail)
    for cut in cuts:
        coefficient = parse_numeral(text[:cut]) if 0 < cut < len(text) else None
        if coefficient is not None and 0 < lower.value < coefficient.value:
            return Numeral(lower.value * upper.value / coefficient.value, upper.largest, upper.tail)
    return lower


def approximate_pair(before: str, first: str) -> bool:
    """Whether two digits side by side say "about" (`二三十`, `七八百`, `十一二`, `三五`), so
    that a run of them is no single value: neighbours counting up, and the idiom 三五.

    >>> approximate_pair("二", "三"), approximate_pair("三", "五"), approximate_pair("一", "一")
    (True, True, False)
    """
    a, b = CHINESE_DIGITS.get(before.translate(_TRADITIONAL)), CHINESE_DIGITS.get(first.translate(_TRADITIONAL))
    if a is None or b is None or before in ZEROS:
        return False
    return b == a + 1 or (a, b) == (3, 5)


@lru_cache(maxsize=4096)
def numeral_kind(text: str) -> str:
    """`arabic`, `chinese` or `mixed`: how the number was written.

    >>> numeral_kind("58.9"), numeral_kind("十余"), numeral_kind("3千")
    ('arabic', 'chinese', 'mixed')
    """
    has_digit = any(c.isdigit() and c.isascii() for c in text)
    has_chinese = any(c in CN_DIGIT_CLASS or c in CHINESE_UNITS for c in text)
    if has_digit and has_chinese:
        return "mixed"
    return "chinese" if has_chinese else "arabic"
