from __future__ import annotations

import pytest

from loaders.numerals import numeral_kind, parse_chinese_integer, parse_number


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
