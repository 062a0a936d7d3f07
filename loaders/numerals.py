"""Numbers as written in Chinese reports -> floats.

Handles Arabic digits with thousands separators, Chinese numerals (`一百二十三`,
`两`, `十余` without the `余`), and mixes such as `3千`. `万`/`亿` are not read here:
in a report they belong to the unit (`1.2万份`, `367.1亿元`) and are scaled in dbt
against the units seed, so the value as written (`value_raw`) stays what the report says.
"""
from __future__ import annotations

import re

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
    "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS)

_ARABIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SPACED = re.compile(r"^\d{1,3}(?: \d{1,3})+$")
_MIXED = re.compile(r"^(\d+(?:\.\d+)?)([十百千])$")


def parse_chinese_integer(text: str) -> int | None:
    """Parse a Chinese numeral below ten thousand; None when it is not one.

    >>> parse_chinese_integer("一百二十三"), parse_chinese_integer("十一"), parse_chinese_integer("两")
    (123, 11, 2)
    >>> parse_chinese_integer("千"), parse_chinese_integer("三千零五"), parse_chinese_integer("二〇")
    (1000, 3005, 20)
    >>> parse_chinese_integer("十大") is None
    True
    """
    if not text or any(c not in CHINESE_DIGITS and c not in CHINESE_UNITS for c in text):
        return None
    if all(c in CHINESE_DIGITS for c in text) and len(text) > 1:
        # digit by digit only with a written zero (二〇 = 20); 唯一一 is not 11
        if not any(c in "零〇○" for c in text[1:]):
            return None
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total, digit = 0, None
    last_unit = 10_000
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None and CHINESE_DIGITS[char] != 0 and digit != 0:
                return None  # two digits in a row without a unit: not a numeral
            digit = CHINESE_DIGITS[char]
        else:
            unit = CHINESE_UNITS[char]
            if unit >= last_unit:
                return None  # 十百: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit:
        total += digit
    return total


def parse_number(text: str) -> float | None:
    """Parse an Arabic, Chinese or mixed number; None when `text` is not a number.

    >>> parse_number("367.1"), parse_number("23,003"), parse_number("十余".rstrip("余"))
    (367.1, 23003.0, 10.0)
    >>> parse_number("3千"), parse_number("近") is None, parse_number("十五点五")
    (3000.0, True, 15.5)
    >>> parse_number("一万二千"), parse_number("三万零五百")
    (12000.0, 30500.0)
    """
    text = text.strip()
    if _SPACED.match(text):  # a stray space inside a number on a copied page: 1 47
        text = text.replace(" ", "")
    if _ARABIC.match(text):
        return float(text.replace(",", ""))
    mixed = _MIXED.match(text)
    if mixed:
        return float(mixed.group(1)) * CHINESE_UNITS[mixed.group(2)]
    if "点" in text:  # 十五点五 = 15.5: digits after 点 are read one by one
        whole, _, fraction = text.partition("点")
        head = parse_chinese_integer(whole)
        if head is None or not fraction or any(c not in CHINESE_DIGITS for c in fraction):
            return None
        return float(f"{head}.{''.join(str(CHINESE_DIGITS[c]) for c in fraction)}")
    if "万" in text[1:-1]:  # 一万二千 = 12000: a 万 inside a Chinese numeral (a final 万 is the unit's)
        head, _, tail = text.partition("万")
        high, low = parse_chinese_integer(head), parse_chinese_integer(tail.lstrip("零〇"))
        return None if high is None or low is None else float(high * 10_000 + low)
    value = parse_chinese_integer(text)
    return None if value is None else float(value)


def numeral_kind(text: str) -> str:
    """`arabic`, `chinese` or `mixed`: how the number was written.

    >>> numeral_kind("58.9"), numeral_kind("十余"), numeral_kind("3千")
    ('arabic', 'chinese', 'mixed')
    """
    has_digit = any(c.isdigit() and c.isascii() for c in text)
    has_chinese = any(c in CHINESE_DIGITS or c in CHINESE_UNITS for c in text)
    if has_digit and has_chinese:
        return "mixed"
    return "chinese" if has_chinese else "arabic"
