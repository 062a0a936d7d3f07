"""A model's column checks (one `column_checks` dbt test per model) fail on bad data.

The checks are dbt's not_null, unique, accepted_values and expression_is_true, run in
one query per model (dbt_project/macros/test_column_checks.sql). Values are broken for
real in a copy of a built warehouse; `keji build` and `dbt test` run as they do in a
build, and their failures must name the model, the column, the check and the value.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import settings
from tests.conftest import SEED_REPORTS, execute, keji_build, query

DBT = Path(sys.executable).with_name("dbt")


def _dbt_test(db: Path, select: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`dbt test --select SELECT` on `db`, run as `keji build` runs dbt (in the file's folder)."""
    project = str(settings.DBT_PROJECT_DIR)
    env = {**os.environ, settings.ENV_DB: db.name, settings.ENV_CORPUS: str(SEED_REPORTS),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [str(DBT), "test", "--select", select, "--quiet", "--no-use-colors",
         "--project-dir", project, "--profiles-dir", project,
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        env=env, cwd=db.parent, capture_output=True, text=True, timeout=600)


@pytest.fixture
def broken_copy(seeds_warehouse: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """A copy of the shipped reports' warehouse with facts broken for each kind of check;
    the keys of the three facts broken row by row."""
    copy = tmp_path / "build" / "warehouse.duckdb"
    copy.parent.mkdir()
    shutil.copy(seeds_warehouse, copy)
    keys = [key for (key,) in query(copy, "select fact_key from marts.fct_indicator_value "
                                          "order by fact_key limit 3")]
    execute(copy,
             f"update marts.fct_indicator_value set measure = 'bogus' where fact_key = '{keys[0]}'",
             f"update marts.fct_indicator_value set unit_raw = null, region_key = 'nowhere' "
             f"where fact_key = '{keys[1]}'",
             f"update marts.fct_indicator_value set char_start = -1 where fact_key = '{keys[2]}'",
             "insert into marts.fct_indicator_value select * from marts.fct_indicator_value "
             f"where fact_key = '{keys[0]}'")
    return copy, keys


def test_each_kind_of_check_fails_and_names_model_column_and_value(broken_copy, tmp_path):
    copy, keys = broken_copy
    # no build state: the build reads as a first build, every row is judged
    execute(copy, "drop table raw.keji_build_state")
    result = _dbt_test(copy, "column_checks_fct_indicator_value", tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "Runtime Error in test column_checks_fct_indicator_value" in output
    [line] = [line for line in output.splitlines() if "marts.fct_indicator_value:" in line]
    message = line.split("marts.fct_indicator_value: ", 1)[1]
    assert message.split("; ") == sorted([
        "char_start >= 0 and char_end > char_start not true: false or NULL (1 row)",
        f"fact_key not unique: '{keys[0]}' (2 rows)",
        "measure not in accepted_values: 'bogus' (2 rows)",   # the fact and its duplicate
        "region_key not in dim_region.region_key: 'nowhere' (1 row)",
        "unit_raw is null: NULL (1 row)",
    ])


def test_row_checks_of_an_incremental_build_skip_untouched_reports(broken_copy, tmp_path):
    """With the build state of the build that made them, the broken rows belong to reports
    this build did not touch: the row-by-row checks pass them; `unique` and `relationships`,
    which read the whole table, still fail."""
    copy, keys = broken_copy
    result = _dbt_test(copy, "column_checks_fct_indicator_value", tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    [line] = [line for line in output.splitlines() if "marts.fct_indicator_value:" in line]
    assert line.split("marts.fct_indicator_value: ", 1)[1].split("; ") == [
        f"fact_key not unique: '{keys[0]}' (2 rows)",
        "region_key not in dim_region.region_key: 'nowhere' (1 row)"]


def test_a_broken_value_fails_the_build_and_keeps_the_published_warehouse(
        seeds_warehouse: Path, tmp_path: Path) -> None:
    """`keji build` over a published warehouse holding a duplicated fact: the incremental
    build starts from a copy of it, the fact table's unique check fails, nothing is
    published, and keji's output names the model, the column and the key."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_REPORTS, corpus)
    target = tmp_path / "out" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copy(seeds_warehouse, target)
    [(key,)] = query(target, "select min(fact_key) from marts.fct_indicator_value")
    execute(target, "insert into marts.fct_indicator_value select * from "
                     f"marts.fct_indicator_value where fact_key = '{key}'")
    before = target.read_bytes()
    report = sorted(corpus.iterdir())[0]
    report.write_text(report.read_text(encoding="utf-8") + "\n附记一句。\n", encoding="utf-8")
    result = keji_build(corpus, target)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "FAILED at dbt build" in result.stderr
    assert f"marts.fct_indicator_value: fact_key not unique: '{key}' (2 rows)" in (
        result.stdout + result.stderr)
    assert target.read_bytes() == before
