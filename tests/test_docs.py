"""Docs where BI tools look: comments in the database, the dbt docs, the README's queries, the contract.

Each test reads a real build (the seeds warehouse) or runs dbt on a copy of the project.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, SHARED, query
from tests.test_panel import BIN, _dbt_on_copy, _project_copy

README = REPO / "README.md"
CONTRACT = REPO / "docs" / "contract.md"


def test_every_table_and_column_is_described(seeds_warehouse):
    """persist_docs lands every description of the YAML as a DuckDB comment (what BI tools show)."""
    relations = """
        select schema_name, table_name, comment from duckdb_tables()
        union all select schema_name, view_name, comment from duckdb_views() where not internal"""
    tables = query(seeds_warehouse, f"""
        select schema_name, table_name from ({relations})
        where schema_name in ('marts', 'reference', 'semantic', 'raw', 'staging', 'intermediate')""")
    assert len(tables) >= 35
    assert query(seeds_warehouse, f"""
        select schema_name || '.' || table_name from ({relations})
        where schema_name in ('marts', 'reference', 'semantic', 'raw', 'staging', 'intermediate')
          and coalesce(trim(comment), '') = ''""") == []
    assert query(seeds_warehouse, """
        select schema_name || '.' || table_name || '.' || column_name from duckdb_columns()
        where schema_name in ('marts', 'reference', 'semantic', 'raw', 'staging', 'intermediate')
          and coalesce(trim(comment), '') = ''""") == []
    comment = query(seeds_warehouse, """
        select comment from duckdb_columns()
        where table_name = 'fct_indicator_value' and column_name = 'fact_type'""")[0][0]
    assert "`actual`" in comment and "`target`" in comment


def _marts_columns() -> dict[tuple[str, str], dict]:
    spec = yaml.safe_load((REPO / "dbt_project" / "models" / "marts" / "_marts__models.yml").read_text())
    return {(model["name"], column["name"]): column
            for model in spec["models"] for column in model.get("columns", [])}


def _marts_accepted_values() -> dict[str, dict[str, list]]:
    """Each marts model's accepted values by column, as its column_checks test lists them."""
    spec = yaml.safe_load((REPO / "dbt_project" / "models" / "marts" / "_marts__models.yml").read_text())
    found = {}
    for model in spec["models"]:
        for test in model.get("data_tests", []):
            if isinstance(test, dict) and "column_checks" in test:
                found[model["name"]] = test["column_checks"]["arguments"].get("accepted_values", {})
    return found


@pytest.mark.parametrize("column", ["measure", "fact_type", "bound", "base_unit",
                                    "region_level", "period_type", "problem", "part_kind"])
def test_coded_columns_state_their_allowed_values(column):
    """Every marts column holding a code lists its codes (the model's column_checks test)."""
    found = [model for (model, col) in _marts_columns() if col == column]
    assert found, column
    accepted = _marts_accepted_values()
    for model in found:
        assert accepted.get(model, {}).get(column), f"{model}.{column}"


def _sql_blocks(text: str) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", text, re.DOTALL)


def test_every_sql_block_of_the_readme_runs_on_a_built_warehouse(seeds_warehouse):
    blocks = _sql_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    for sql in blocks:
        rows = query(seeds_warehouse, sql)
        assert rows, sql


def test_the_readme_reports_that_disagree_query_finds_them(seeds_warehouse):
    [sql] = [b for b in _sql_blocks(README.read_text(encoding="utf-8")) if "where c.disagreement" in b]
    rows = query(seeds_warehouse, sql)
    # 泸州 2008: persons trained in many programmes, one report, many figures
    assert {(r[0], r[1], r[2]) for r in rows} >= {("泸州市", "2008", "persons_trained")}


def test_the_readme_python_block_opens_the_file_read_only(seeds_warehouse, tmp_path):
    [code] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    shutil.copy(seeds_warehouse, tmp_path / "warehouse.duckdb")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "襄阳市" in result.stdout


def test_dbt_docs_generate_works_offline(seeds_warehouse, tmp_path):
    project, db, env = _dbt_on_copy(seeds_warehouse, tmp_path)
    result = subprocess.run([str(BIN / "dbt"), "docs", "generate"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    catalog = json.loads((project / "target" / "catalog.json").read_text())
    panel = catalog["nodes"]["model.keji_warehouse.indicator_panel"]
    assert "disagreement" in panel["columns"]
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    described = manifest["nodes"]["model.keji_warehouse.indicator_panel"]["columns"]
    assert "differ" in described["disagreement"]["description"]
    assert (project / "target" / "index.html").exists()


def test_a_bare_dbt_run_never_touches_the_published_warehouse(tmp_path):
    """Without WAREHOUSE_DB, dbt writes dbt_project/dev.duckdb, not ../warehouse.duckdb."""
    project = _project_copy(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("WAREHOUSE_DB", "WAREHOUSE_CORPUS")}
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    result = subprocess.run([str(BIN / "dbt"), "run", "--select", "stg_indicators"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert (project / "dev.duckdb").exists()
    assert not (project.parent / "warehouse.duckdb").exists()
    assert "/dbt_project/dev.duckdb" in (REPO / ".gitignore").read_text()


def test_the_contract_ships_with_the_project(seeds_warehouse):
    text = CONTRACT.read_text(encoding="utf-8")
    assert "docs/contract.md" in README.read_text(encoding="utf-8")
    tables = [name for (name,) in query(seeds_warehouse, """
        select table_name from duckdb_tables() where schema_name = 'marts'""")]
    assert len(tables) >= 10
    for table in tables:
        assert f"marts.{table}" in text, table
    for column in ("is_part", "is_headline", "region_evidence", "period_reason", "region_label",
                   "disagreement", "is_preferred_fact_type"):
        assert f"{column}" in text, column


@pytest.mark.skipif(not (SHARED / "CONTRACT.md").exists(),
                    reason="dev corpus not beside the repo (../shared/CONTRACT.md)")
def test_the_shipped_contract_holds_the_shared_one():
    shared = (SHARED / "CONTRACT.md").read_text(encoding="utf-8")
    shipped = CONTRACT.read_text(encoding="utf-8")
    body = shared.split("\n", 1)[1]   # below the title, which the copy extends
    assert body.strip() in shipped.split("## Additions of keji-warehouse")[0]
