from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.numerals import numeral_kind, parse_chinese_integer, parse_number, parse_numeral


@pytest.mark.parametrize("text, value", [
    ("367.1", 367.1), ("23,003", 23003), ("1 47", 147), ("十", 10), ("十一", 11),
    ("二十", 20), ("一百二十三", 123), ("三千零五", 3005), ("两", 2), ("千", 1000),
    ("百", 100), ("3千", 3000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "十大", "一一", "十百", "abc"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_written_zero_reads_digit_by_digit():
    assert parse_chinese_integer("二〇") == 20


def test_numeral_kind():
    assert [numeral_kind(t) for t in ("58.9", "十余", "3千")] == ["arabic", "chinese", "mixed"]


# the forms issue 7 reports as failing: one grammar reads them all
@pytest.mark.parametrize("text, value", [
    ("两亿五千万", "250000000"), ("一亿零五百万", "105000000"), ("十万零一", "100001"),
    ("四万点六", "40000.6"), ("5万4千6百", "54600"), ("3万4000", "34000"), ("一千零十", "1010"),
    ("参亿贰仟万", "320000000"), ("兩億伍仟萬", "250000000"), ("壹万参仟", "13000"),
    ("1.2万", "12000"), ("4.78万亿", "4780000000000"), ("两千四百五", "2450"), ("二〇", "20"),
])
def test_one_grammar(text, value):
    assert parse_numeral(text).value == Decimal(value)


def test_numeral_says_its_big_units():
    # what the extractor needs to write value_raw/unit_raw
    assert parse_numeral("两亿五千万")[1:] == (100_000_000, "万")
    assert parse_numeral("1.2万")[1:] == (10_000, "万")
    assert parse_numeral("5万4千6百")[1:] == (10_000, "")
    assert parse_numeral("367.1")[1:] == (1, "")


@pytest.mark.parametrize("text", ["万", "万万", "一万二万", "零点点", "十十", "一二三"])
def test_not_numerals_by_the_grammar(text):
    assert parse_numeral(text) is None
