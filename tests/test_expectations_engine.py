"""The expectations evaluated in DuckDB say what Great Expectations itself says.

The suites are GX suites; `validate_warehouse` evaluates them as SQL aggregates inside
DuckDB (no DataFrame of every fact, no GX import), and `engine="gx"` runs the same
suites through GX on DataFrames, as the gate did before. On the tiny warehouse of
test_expectations and each of its corruptions, both must name the same failed
expectations with the same counts and verdicts.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from expectations.validate import (
    Unsupported,
    _judge_in_duckdb,
    _judge_with_gx,
    condition_sql,
    validate_warehouse,
)
from tests.test_expectations import CORRUPTIONS, corrupted

EXTRA = {
    "pp change of 150 (a warning)": [
        "update marts.fct_indicator_value set value = 150, value_raw = 150 where fact_key = 'f6'"],
    "a NULL value and quote, a region without a level, repeated indicators": [
        "update marts.fct_indicator_value set value = null, quote = null where fact_key = 'f6'",
        "update marts.dim_region set region_level = null where region_key = 'r2'",
        "insert into marts.dim_indicator select * from marts.dim_indicator"],
}
CASES = {"sound": [], **{name: statements for name, (statements, _) in CORRUPTIONS.items()},
         **EXTRA}


def _verdicts(report) -> list[tuple]:  # noqa: ANN001
    """What a failure says, less the sample of rows (whose order is the frame's in GX)."""
    return sorted((f.suite, f.expectation_type, f.column, f.condition, f.severity,
                   re.sub(r", e\.g\. .*", "", f.observed)) for f in report.failures)


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_expectations import build_warehouse

    return build_warehouse(tmp_path_factory.mktemp("engine") / "warehouse.duckdb")


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_duckdb_engine_agrees_with_gx(good_db: Path, tmp_path: Path, case: str) -> None:
    path = corrupted(good_db, tmp_path, *CASES[case])
    ours, theirs = validate_warehouse(path), validate_warehouse(path, engine="gx")
    assert ours.success == theirs.success
    assert _verdicts(ours) == _verdicts(theirs)
    assert {name: (r.success, r.rows, r.evaluated, r.failed) for name, r in ours.results.items()} \
        == {name: (r.success, r.rows, r.evaluated, r.failed) for name, r in theirs.results.items()}
    for failure in ours.failures:   # the same sample of offending rows, in any order
        twin = next(f for f in theirs.failures
                    if (f.suite, f.expectation_type, f.column, f.condition)
                    == (failure.suite, failure.expectation_type, failure.column, failure.condition))
        keys = re.findall(r'"(?:fact_key|period_key|region_key|source_name)": "([^"]+)"',
                          failure.observed)
        assert sorted(keys) == sorted(re.findall(
            r'"(?:fact_key|period_key|region_key|source_name)": "([^"]+)"', twin.observed))


def test_row_conditions_keep_pandas_null_logic() -> None:
    con = duckdb.connect()
    con.execute("create table t as select * from (values ('a', false), (null, false), "
                "('unknown', false), ('a', null)) v(region_level, is_masked)")
    kept = con.sql("select count(*) from t where " + condition_sql(
        'is_masked == False and region_level != "unknown"')).fetchall()[0][0]
    assert kept == 2   # NaN != "unknown" holds in pandas; NaN == False does not
    listed = con.sql("select count(*) from t where " + condition_sql(
        'region_level in ["a", "b"]')).fetchall()[0][0]
    assert listed == 2
    with pytest.raises(Unsupported):
        condition_sql("region_level.str.len() > 2")


def test_an_expectation_the_engine_does_not_know_is_run_by_gx(good_db: Path) -> None:
    unknown = {"type": "expect_column_mean_to_be_between",
               "kwargs": {"column": "value", "min_value": 0, "max_value": 1},
               "meta": {"notes": "a mean far above 1 yuan: made up for this test"},
               "severity": "critical"}
    con = duckdb.connect(str(good_db), read_only=True)
    try:
        con.execute("create temporary table facts as select * from marts.fct_indicator_value")
        failures, left = _judge_in_duckdb(con, "fct_indicator_value", "temp.facts", [unknown], {})
        frame = con.sql("select * from temp.facts").df()
    finally:
        con.close()
    assert failures == [] and left == [(0, unknown)]
    by_gx = _judge_with_gx("fct_indicator_value", frame, [unknown], {})
    assert [(f.expectation_type, f.column, f.blocking) for f in by_gx] == [
        ("expect_column_mean_to_be_between", "value", True)]
