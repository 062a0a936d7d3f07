"""Faults a build must survive (issue 8): each is made for real and its outcome asserted.

Every test runs `keji build` as a user would, into temporary paths, on the shipped
reports or a one-file corpus; DuckDB and dbt are never mocked. Where a fault cannot
be made on this machine (a full disk needs a small mount), the step it breaks is
failed through the documented test hook `KEJI_FAULT` (loaders/publish.py).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEED_REPORTS, keji_build, query

TINY_REPORT = ("XX市科技局2023年工作总结\n\n"
               "全市全社会研发投入58.6亿元,增长12.1%。高新技术企业总数达到2318家。\n")

MARTS_COUNTS = """
    select (select count(*) from marts.dim_document), (select count(*) from marts.fct_indicator_value),
           (select count(*) from marts.load_problems),
           (select count(*) from information_schema.tables where table_schema = 'main')"""


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(TINY_REPORT, encoding="utf-8")
    return corpus


@pytest.fixture
def published(seeds_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of a good warehouse at the target path, as a previous build left it."""
    target = tmp_path / "out" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copy(seeds_warehouse, target)
    return target


def private_folders(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


# ------------------------------------------------------------ 1. atomic, complete publish
@pytest.mark.parametrize("fault, named", [
    ("checkpoint", "FAILED at checkpoint: checkpoint failed: injected fault"),
    ("verify", "FAILED at verify: marts.fct_indicator_value has"),
])
def test_a_failed_seal_leaves_the_published_warehouse_identical(
        tiny_corpus, published, fault, named):
    before = published.read_bytes()
    result = keji_build(tiny_corpus, published, env={"KEJI_FAULT": fault})
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert named in result.stderr
    kept = published.with_name(".warehouse.duckdb.rejected")
    assert f"the rejected build is kept in {kept}" in result.stderr
    assert (kept / "build.duckdb").is_file()
    assert published.read_bytes() == before
    assert query(published, "select count(*) from marts.dim_document") == [(5,)]
    assert private_folders(published) == [kept.name]   # no temp folder left behind


def test_a_stale_wal_beside_the_target_is_set_aside_not_replayed(seeds_warehouse, published):
    # a client that crashed with the old warehouse open leaves its log: a foreign table
    # and deleted facts, which DuckDB would replay onto whatever file has this name
    con = duckdb.connect(str(published))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("create table main.foreign_table as select 1 as x")
    con.execute("delete from marts.fct_indicator_value where value_raw < 100")
    con.close()
    wal = published.with_name("warehouse.duckdb.wal")
    assert wal.stat().st_size > 0

    result = keji_build(SEED_REPORTS, published)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "moved a stale write-ahead log aside" in result.stdout
    assert not wal.exists()
    assert [p.name.startswith("warehouse.duckdb.wal.stale-")
            for p in published.parent.iterdir() if ".wal" in p.name] == [True]
    assert query(published, MARTS_COUNTS) == query(seeds_warehouse, MARTS_COUNTS)
