"""The quality gate on a real, tiny DuckDB warehouse: it passes, then each corruption is named.

The warehouse is built in tmp_path with the contract's marts tables and a few
facts read from sentences of the dev corpus (004's R&D and completion figures,
p43's 617%, 001's 近千万元); no DuckDB or Great Expectations call is mocked.
Seed sentences are quoted; p43's is read from ../shared when the warehouse is built.
"""
from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from expectations import SUITE_NAMES, ValidationReport, validate_warehouse
from expectations.__main__ import main
from expectations.build_suites import SUITES, render_suite
from expectations.validate import load_suite_json, suite_path
from tests.conftest import dev_sentence, execute

REPO = Path(__file__).resolve().parents[1]

SCHEMA = """
create schema marts;
create table marts.dim_document (
    document_key varchar, source_name varchar, sha256 varchar, title varchar,
    clean_text varchar, region_key varchar, period_key varchar);
create table marts.dim_region (
    region_key varchar, region_name varchar, region_level varchar,
    province_name varchar, admin_code varchar, is_masked boolean);
create table marts.dim_period (
    period_key varchar, year integer, period_type varchar, start_month integer,
    end_month integer, period_label varchar);
create table marts.dim_indicator (
    indicator_key varchar, indicator_code varchar, name_zh varchar, name_en varchar,
    base_unit varchar);
create table marts.fct_indicator_value (
    fact_key varchar, document_key varchar, region_key varchar, period_key varchar,
    indicator_key varchar, indicator_phrase varchar, value double, base_unit varchar,
    value_raw double, unit_raw varchar, measure varchar, fact_type varchar,
    bound varchar, char_start integer, char_end integer, quote varchar);
create table marts.load_problems (
    source_name varchar, problem varchar, detail varchar, detected_at timestamp);
"""

TITLE = "2022年XX市科技局工作总结\n"


@functools.cache
def document_text() -> str:
    """Real sentences of the dev corpus, as the cleaner writes them (Simplified, `,`)."""
    sentences = [
        "全社会研发投入367.1亿元,同口径增长17.1%。",                                  # 004
        "2022年计划研发投入2.55亿元,完成投入2.95亿元,完成年度计划的115.7%。",         # 004
        dev_sentence("p43.txt", "617%"),                                             # p43
        "科技成果本地转化率达38%,提升5个百分点。",                                    # 004
        "落实兑现县本级科技项目及人才奖励资金近千万元。",                              # 001
    ]
    return TITLE + "".join(sentences)


# (span text, indicator, value, base_unit, value_raw, unit_raw, measure, bound)
FACTS = [
    ("367.1亿元", "rd_expenditure", 36_710_000_000, "CNY", 367.1, "亿元", "level", "exact"),
    ("17.1%", "rd_expenditure", 17.1, "percent", 17.1, "%", "growth", "exact"),
    ("115.7%", "unmapped", 115.7, "percent", 115.7, "%", "ratio", "exact"),
    ("617万元", "unmapped", 6_170_000, "CNY", 617, "万元", "level", "exact"),
    ("617%", "unmapped", 617, "percent", 617, "%", "growth", "exact"),
    ("38%", "unmapped", 38, "percent", 38, "%", "ratio", "exact"),
    ("5个百分点", "unmapped", 5, "pp", 5, "个百分点", "growth", "exact"),
    ("千万元", "unmapped", 10_000_000, "CNY", 1000, "万元", "level", "approx"),
]


def _sentence_around(text: str, start: int, end: int) -> str:
    left = text.rfind("。", 0, start) + 1
    return text[left:text.index("。", end) + 1]


def build_warehouse(path: Path) -> Path:
    """A marts-shaped DuckDB file that satisfies every suite."""
    text = document_text()
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA)
        con.execute("insert into marts.dim_region values "
                    "('r1', 'XX市', 'city', '湖南省', null, true), "
                    "('r2', '长沙市', 'city', '湖南省', '430100', false), "
                    "('r0', null, 'unknown', null, null, false)")
        con.execute("insert into marts.dim_period values "
                    "('p2022', 2022, 'year', 1, 12, '2022'), "
                    "('p2020h1', 2020, 'half', 1, 6, '2020H1'), "
                    "('p0', null, 'half', 1, 6, null), "      # 上半年 of an unknown year
                    "('p_unknown', null, null, null, null, null)")  # the unknown member
        con.execute("insert into marts.dim_indicator values "
                    "('i0', 'unmapped', '未映射', 'Unmapped', 'other'), "
                    "('i1', 'rd_expenditure', '全社会研发投入', 'Gross R&D expenditure', 'CNY')")
        con.execute("insert into marts.dim_document values "
                    "('d1', '004_fca62a6dc78bee06.txt', ?, '2022年XX市科技局工作总结', ?, 'r1', 'p2022')",
                    ["a" * 64, text])
        for number, (span, indicator, value, unit, raw, unit_raw, measure, bound) in enumerate(FACTS):
            start = text.index(span)
            end = start + len(span)
            con.execute(
                "insert into marts.fct_indicator_value values "
                "(?, 'd1', 'r1', 'p2022', ?, ?, ?, ?, ?, ?, ?, 'actual', ?, ?, ?, ?)",
                [f"f{number}", "i1" if indicator == "rd_expenditure" else "i0", "研发投入",
                 value, unit, raw, unit_raw, measure, bound, start, end,
                 _sentence_around(text, start, end)])
        con.execute("insert into marts.load_problems values "
                    "('p99.pdf', 'unsupported', 'not a report file (.pdf); skipped', "
                    "timestamp '2026-01-05 10:00:00')")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def good_report(good_db: Path) -> ValidationReport:
    return validate_warehouse(good_db)


def corrupted(good_db: Path, tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "corrupted.duckdb"
    shutil.copy(good_db, path)
    execute(path, *statements)
    return path


def named(report: ValidationReport, suite: str, expectation_type: str, column: str) -> list:
    return [f for f in report.failures
            if (f.suite, f.expectation_type, f.column) == (suite, expectation_type, column)]


# ------------------------------------------------------------ a sound warehouse passes
def test_sound_warehouse_passes(good_report: ValidationReport) -> None:
    assert good_report.failures == [], [f.describe() for f in good_report.failures]
    assert good_report.success
    assert list(good_report.results) == list(SUITE_NAMES)
    assert good_report.results["fct_indicator_value"].rows == len(FACTS)
    assert all(result.evaluated > 0 for result in good_report.results.values())


def test_connection_is_closed_after_validation(good_db: Path, good_report: ValidationReport) -> None:
    # DuckDB refuses a read-write connection while this process still holds a read-only one
    con = duckdb.connect(str(good_db))
    con.close()


# ------------------------------------------------------------ each corruption is named
CORRUPTIONS = {
    "negative value": (
        ["update marts.fct_indicator_value set value = -value where fact_key = 'f0'"],
        ("fct_indicator_value", "expect_column_values_to_be_between", "value", 'measure != "growth"'),
    ),
    "span outside the text": (
        ["update marts.fct_indicator_value set char_start = 5000, char_end = 5006 "
         "where fact_key = 'f3'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "span_inside_text", None),
    ),
    "percent ratio of 5000": (
        ["update marts.fct_indicator_value set value = 5000, value_raw = 5000 "
         "where fact_key = 'f2'"],
        ("fct_indicator_value", "expect_column_values_to_be_between", "value", 'measure == "ratio"'),
    ),
    "year 1900": (
        ["update marts.dim_period set year = 1900, period_label = '1900H1' "
         "where period_key = 'p2020h1'"],
        ("dim_period", "expect_column_values_to_be_between", "year", None),
    ),
    "quote from elsewhere": (
        ["update marts.fct_indicator_value set quote = '全社会研发投入367.1亿元,同口径增长17.1%。' "
         "where fact_key = 'f3'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "quote_covers_span", None),
    ),
    "unit scaled twice": (
        ["update marts.fct_indicator_value set value = value * 1e8 where fact_key = 'f0'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "value_scale", None),
    ),
    # each of these has a known scale (1e12, 1e8), but not the one its unit implies
    "亿元 fact scaled x1e4": (
        ["update marts.fct_indicator_value set value = value * 1e4 where fact_key = 'f0'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "value_matches_unit", None),
    ),
    "万元 facts scaled x1e4": (
        ["update marts.fct_indicator_value set value = value * 1e4 where unit_raw = '万元'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "value_matches_unit", None),
    ),
    # 367.1亿元 read as 36.71亿元: value and value_raw agree, only the span disagrees
    "value_raw misread /10": (
        ["update marts.fct_indicator_value set value = value / 10, value_raw = value_raw / 10 "
         "where fact_key = 'f0'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "span_text_matches_number",
         None),
    ),
    "dangling document key": (
        ["update marts.fct_indicator_value set document_key = 'nowhere' where fact_key = 'f4'"],
        ("fct_indicator_value", "expect_column_values_to_be_in_set", "document_exists", None),
    ),
    "period without months": (
        ["update marts.dim_period set start_month = null, end_month = null "
         "where period_key = 'p2020h1'"],
        ("dim_period", "expect_column_values_to_be_in_set", "has_type_and_months", None),
    ),
    "admin code of 5 digits": (
        ["update marts.dim_region set admin_code = '43010' where region_key = 'r2'"],
        ("dim_region", "expect_column_values_to_match_regex", "admin_code", None),
    ),
    "wrong period label": (
        ["update marts.dim_period set period_label = '2020' where period_key = 'p2020h1'"],
        ("dim_period", "expect_column_values_to_be_in_set", "label_matches_months", None),
    ),
    "skipped file also loaded": (
        ["insert into marts.load_problems values ('004_fca62a6dc78bee06.txt', 'duplicate', "
         "'same bytes as 003.txt; skipped', timestamp '2026-01-05 10:00:00')"],
        ("dim_document", "expect_column_values_to_not_match_regex", "load_problem_codes", None),
    ),
}


@pytest.mark.parametrize("case", list(CORRUPTIONS), ids=list(CORRUPTIONS))
def test_corruption_is_reported_by_name(good_db: Path, tmp_path: Path, case: str) -> None:
    statements, (suite, expectation_type, column, condition) = CORRUPTIONS[case]
    report = validate_warehouse(corrupted(good_db, tmp_path, *statements))
    assert not report.success
    hits = named(report, suite, expectation_type, column)
    if condition is not None:
        hits = [f for f in hits if f.condition and condition in f.condition]
    assert hits, [f.describe() for f in report.failures]
    assert hits[0].blocking and hits[0].notes
    assert not report.results[suite].success
    # the line printed for it names the suite, the expectation and the column
    line = hits[0].describe()
    assert line.startswith(f"FAIL {suite}: {expectation_type}({column}")


def test_all_four_headline_corruptions_reported_together(good_db: Path, tmp_path: Path) -> None:
    statements = [s for case in ("negative value", "span outside the text",
                                 "percent ratio of 5000", "year 1900")
                  for s in CORRUPTIONS[case][0]]
    report = validate_warehouse(corrupted(good_db, tmp_path, *statements))
    seen = {(f.suite, f.column, f.condition) for f in report.blocking_failures}
    assert ("fct_indicator_value", "value", 'measure != "growth"') in seen
    assert ("fct_indicator_value", "span_inside_text", None) in seen
    assert ("fct_indicator_value", "value", 'base_unit == "percent" and measure == "ratio"') in seen
    assert ("dim_period", "year", None) in seen
    negative = next(f for f in report.failures if f.condition == 'measure != "growth"')
    assert "-36710000000" in negative.observed and "f0" in negative.observed


def test_next_year_is_allowed_but_not_the_year_after(good_db: Path, tmp_path: Path) -> None:
    next_year = date.today().year + 1
    ok = corrupted(good_db, tmp_path, "update marts.dim_period set year = "
                   f"{next_year}, period_label = '{next_year}' where period_key = 'p2022'")
    assert validate_warehouse(ok).success
    late = validate_warehouse(ok, max_year=next_year - 1)
    assert named(late, "dim_period", "expect_column_values_to_be_between", "year")


def test_warnings_are_reported_but_do_not_fail(good_db: Path, tmp_path: Path) -> None:
    # a pp change marked as a level, and a province named without 省: unusual, not wrong
    path = corrupted(good_db, tmp_path,
                     "update marts.fct_indicator_value set measure = 'level' where fact_key = 'f6'",
                     "update marts.dim_region set province_name = '湖南' where region_key = 'r2'")
    report = validate_warehouse(path)
    assert report.success
    warnings = [f for f in report.failures if not f.blocking]
    assert {(f.column, f.condition) for f in warnings} == {("unit_and_measure", None),
                                                          ("province_name", None)}
    assert all(f.describe().startswith("WARN ") for f in warnings)


def test_missing_table_fails_its_suite_only(good_db: Path, tmp_path: Path) -> None:
    report = validate_warehouse(corrupted(good_db, tmp_path, "drop table marts.load_problems"))
    assert not report.success
    assert [f.expectation_type for f in report.failures if f.suite == "load_problems"] == ["query"]
    assert report.results["dim_region"].success


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        validate_warehouse(tmp_path / "absent.duckdb")
    assert not (tmp_path / "absent.duckdb").exists()


# ------------------------------------------------------------ command line
def test_cli_passes_with_one_summary_line(good_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(good_db)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("expectations passed")


def test_cli_fails_with_one_line_per_failure(good_db: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = corrupted(good_db, tmp_path, *CORRUPTIONS["negative value"][0])
    assert main(["--db", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("FAIL fct_indicator_value: expect_column_values_to_be_between(value")
    assert lines[-1].startswith("expectations FAILED")


def test_cli_reads_warehouse_db_and_fails_when_absent(tmp_path: Path) -> None:
    env = {"WAREHOUSE_DB": str(tmp_path / "absent.duckdb"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "expectations"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "absent.duckdb" in run.stderr


# ------------------------------------------------------------ the suite files
def test_one_suite_and_one_query_per_marts_table() -> None:
    assert list(SUITES) == list(SUITE_NAMES)
    for name in SUITE_NAMES:
        assert (REPO / "expectations" / "queries" / f"{name}.sql").is_file()
        assert suite_path(name).is_file()


@pytest.mark.parametrize("name", SUITE_NAMES)
def test_suite_file_is_generated(name: str) -> None:
    assert suite_path(name).read_text(encoding="utf-8") == render_suite(name), (
        f"suites/{name}.json differs from build_suites.py: run python -m expectations.build_suites")


@pytest.mark.parametrize("name", SUITE_NAMES)
def test_every_expectation_says_why(name: str) -> None:
    suite = load_suite_json(name)
    assert suite["name"] == name and suite["expectations"]
    for expectation in suite["expectations"]:
        assert len(expectation["meta"]["notes"]) > 15, json.dumps(expectation)
        assert expectation["severity"] in ("critical", "warning")


def test_suites_round_trip_through_gx() -> None:
    from expectations.validate import gx_context

    gx, _context = gx_context()
    for name in SUITE_NAMES:
        data = load_suite_json(name)
        assert gx.ExpectationSuite(**data).to_json_dict() == data


def test_the_gates_numeral_characters_are_the_readers():
    """The gate's check that a span writes its number knows every character the reader
    parses: a numeral the reader takes but the gate does not know fails the whole build."""
    from loaders.numerals import CN_BIG_CLASS, CN_DIGIT_CLASS, CN_SMALL_CLASS, ZEROS

    sql = (REPO / "expectations" / "queries" / "fct_indicator_value.sql").read_text(encoding="utf-8")
    (gate_class,) = re.findall(r"regexp_matches\(span_text, '\[([^\]]+)\]'\)", sql)
    missing = set(CN_DIGIT_CLASS + CN_SMALL_CLASS + CN_BIG_CLASS + ZEROS) - set(gate_class)
    assert not missing, f"numeral characters the gate does not know: {''.join(sorted(missing))}"
