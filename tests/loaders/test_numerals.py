from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.numerals import (
    approximate_pair, numeral_kind, parse_chinese_integer, parse_number, parse_numeral, range_lower_end,
)
from tests.conftest import keji_build, query


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


# signed numbers and shares: the same grammar inside a sign or a fraction
@pytest.mark.parametrize("text, value", [
    ("负三十二", "-32"), ("-10000", "-10000"), ("负 1,200,000", "-1200000"), ("負四十五億零四百零四萬", "-4504040000"),
    ("四分之三", "0.75"), ("百分之五", "0.05"), ("千分之五", "0.005"), ("负五分之6", "-1.2"),
    ("十一又十四分之一", str(11 + Decimal(1) / 14)), ("3/5", "0.6"), ("1 3/5", "1.6"), ("-3/2", "-1.5"),
    ("百分之负六十五点二八", "-0.6528"), ("二分 之一", "0.5"),
])
def test_signed_and_fractions(text, value):
    assert parse_numeral(text).value == Decimal(value)


def test_a_third_is_exact_to_28_digits():
    assert parse_numeral("三分之一").value == Decimal(1) / 3


@pytest.mark.parametrize("text", ["负", "--3", "负负三", "零分之一", "三分之", "分之一", "三分之负五分之一", "1/0", "1/2/3", "2/五", "/5"])
def test_not_signed_numbers_or_fractions(text):
    assert parse_numeral(text) is None


@pytest.mark.parametrize("pair, about", [("二三", True), ("七八", True), ("三五", True), ("一一", False),
                                         ("五三", False), ("〇一", False)])
def test_neighbouring_digits_say_about(pair, about):
    assert approximate_pair(pair[0], pair[1]) is about


def _read(extractor, text):
    return [(m.value_raw, m.unit_raw, m.number_text) for m in extractor.extract(text)]


def test_a_minus_after_a_rate_word_is_kept_as_a_cue(extractor):
    # value_raw is the number as written, unsigned; the minus travels as the cue sign:-
    found = extractor.extract("全年专利授权量同比增长-12.5%,研发投入增速为-3%,出口额增幅负2.4%,增长5%。")
    assert [(m.value_raw, m.number_text, "sign:-" in m.cues) for m in found] == [
        (12.5, "-12.5%", True), (3.0, "-3%", True), (2.4, "负2.4%", True), (5.0, "5%", False)]


def test_a_dash_between_numbers_is_no_minus(extractor):
    # a range with its unit at both ends: one quantity from its lower end, no minus five
    assert _read(extractor, "2021-2023年共投入资金1万元-5万元。") == [(1.0, "万元", "1万元-5万元")]
    assert _read(extractor, "负责组织3个项目。") == [(3.0, "个", "3个")]


def test_a_fraction_is_no_percent(extractor):
    assert _read(extractor, "试点企业占五百分之2.2,骨干企业占百分之2.2。") == [(2.2, "百分之", "百分之2.2")]


def test_neighbouring_digits_are_no_value(extractor):
    assert _read(extractor, "增长了二三十个百分点,新增七八百人,唯一一家企业。") == [(1.0, "家", "一家")]


def test_a_link_is_no_percent(extractor):
    assert _read(extractor, "详见 https://example.org/list?page=30%25%2020% ,全年增长15%。") == [(15.0, "%", "15%")]
    # a figure glued to a percent is no escape: the escape runs on into the link
    assert _read(extractor, "占比12%35家企业") == [(12.0, "%", "12%"), (35.0, "家", "35家")]


@pytest.mark.parametrize("lower, upper, value", [
    ("2", "3万", "20000"), ("10", "20万", "100000"), ("十", "二十万", "100000"), ("2", "3百万", "2000000"),
    ("两千", "三千万", "20000000"), ("两", "三千", "2000"), ("8500", "3万", "8500"), ("3", "5", "3"),
    ("1万", "5万", "10000"),
])
def test_a_range_lower_end_shares_the_upper_ends_units(lower, upper, value):
    assert range_lower_end(parse_numeral(lower), upper, parse_numeral(upper)).value == Decimal(value)


def test_ranges_in_running_text(extractor):
    assert _read(extractor, "每家补助两到三千元,项目投资从8500到3万元不等,培训2——3万人次。") == [
        (2000.0, "元", "两到三千元"), (8500.0, "元", "8500到3万元"), (2.0, "万人次", "2——3万人次")]


def test_a_shared_small_unit_after_digits_is_no_mention(extractor):
    # 3-5千元 is 3000 to 5000 yuan, but no digit group of the span writes 3000, which the
    # gate asks of value_raw: left out rather than read as 3 yuan
    assert _read(extractor, "每家补助3-5千元,另奖励2至3万元。") == [(2.0, "万元", "2至3万元")]


def test_foreign_currencies_are_kept_as_written(extractor):
    found = extractor.extract("引进外资1200万欧元,出口额3.5亿港元。")
    assert [(m.value_raw, m.unit_raw) for m in found] == [(1200.0, "万欧元"), (3.5, "亿港元")]


def test_signed_rates_ranges_and_currencies_pass_the_gate_and_publish(tmp_path):
    # a made-up report of the forms above, built end to end: the quality gate holds
    # value_raw unsigned and written in its span, so these forms must be stored that way
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(
        "某某市科技局2023年工作总结\n"
        "2023年,全市高新技术企业达到120家,数量同比增长-12.5%。技术合同成交额3.2亿元,增速为-3%。\n"
        "全年引进外资1200万欧元,出口额3.5亿港元。项目投资从8500到3万元不等,每家补助3-5千元,"
        "培训2——3万人次。专利授权量增长负2.4%。\n", encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    result = keji_build(corpus, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = query(db, "select number_text, value_raw, unit_raw, value, base_unit, cues like '%sign:-%'"
                     " from marts.fct_indicator_value order by char_start")
    by_text = {row[0]: row[1:] for row in rows}
    # the sign is the value's: value_raw stays the number as written
    assert by_text["-12.5%"] == (12.5, "%", -12.5, "percent", True)
    assert by_text["负2.4%"] == (2.4, "%", -2.4, "percent", True)
    assert by_text["1200万欧元"] == (1200.0, "万欧元", 12_000_000.0, "other", False)
    assert by_text["8500到3万元"] == (8500.0, "元", 8500.0, "CNY", False)
    assert by_text["2——3万人次"] == (2.0, "万人次", 20_000.0, "count", False)
    assert not any(text.startswith("3-5") for text in by_text)
