"""Incremental builds: the cached build gives what a full build gives, and reads less.

The loaders' rows are cached by file content and by the fingerprint of the loader code
and the reference data (loaders/cache.py). The oracle is the loaders without any cache
(`pipeline.iter_raw_rows`): after files are added, changed, renamed, duplicated and
removed, after the reference data changes, and after a shard is corrupted, the rows
assembled from the cache must be the oracle's, row for row; and `keji build` twice into
one target must publish the warehouse a fresh build publishes.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import cache
from loaders.pipeline import Reference, iter_raw_rows
from tests.conftest import SEED_REPORTS, keji_build

# columns that hold the build's time, not the data
MOMENT_COLUMNS = {"loaded_at", "detected_at"}


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_seed_files()


def seed_corpus(folder: Path) -> Path:
    """The shipped reports, one of them twice (a duplicate), plus a file that is no report."""
    folder.mkdir(parents=True)
    for path in sorted(SEED_REPORTS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "copies").mkdir()
    shutil.copy(SEED_REPORTS / "001_3b41ed0b22b5540a.txt", folder / "copies" / "001_again.txt")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not a report")
    (folder / "blank.txt").write_bytes(b"   \n")
    return folder


def change_corpus(folder: Path) -> None:
    """A change of every kind: add, change, rename, remove (and the duplicate goes with it)."""
    added = (SEED_REPORTS / "002_cc872de75aeed8b2.txt").read_text(encoding="utf-8")
    (folder / "new").mkdir()
    (folder / "new" / "added.txt").write_text(
        "XX县科技局2023年工作总结\n\n全县高新技术企业达到58家,技术合同成交额3.2亿元。\n" + added[:200],
        encoding="utf-8")
    changed = folder / "003_359fa4cc5da14e9f.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n全年新增省级众创空间4家。\n",
                       encoding="utf-8")
    os.replace(folder / "004_fca62a6dc78bee06.txt", folder / "copies" / "renamed_004.txt")
    (folder / "000_f566bb897bdedf27.txt").unlink()


def _plain(rows: list[dict]) -> list[dict]:
    for row in rows:
        for column in MOMENT_COLUMNS & row.keys():
            row.pop(column)
    return sorted(rows, key=lambda row: row["source_name"])


def oracle(corpus: Path, reference: Reference) -> list[dict]:
    """The rows of the corpus read by the loaders without a cache."""
    return _plain(list(iter_raw_rows(corpus, reference, workers=1)))


def cached(corpus: Path, reference_rows: dict, root: Path) -> list[dict]:
    """The rows of the corpus as the raw_reports model assembles them from the cache."""
    con = duckdb.connect()
    try:
        relation = cache.raw_reports(con, corpus, reference_rows, root, "local")
        return _plain(relation.arrow().read_all().to_pylist())
    finally:
        con.close()


def shards(root: Path) -> list[Path]:
    return sorted((root / "rows").glob("*/*.parquet"))


def test_rows_from_the_cache_are_the_loaders_rows(tmp_path: Path, reference: Reference) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    expected = oracle(corpus, reference)
    assert {row["status"] for row in expected} >= {"loaded", "duplicate", "unsupported", "empty"}
    assert cached(corpus, reference.rows, root) == expected
    assert cache.last_fill(root)["read"] == 6      # the reports and the blank file, once each
    assert cached(corpus, reference.rows, root) == expected
    assert cache.last_fill(root)["read"] == 0      # unchanged: nothing read again

    change_corpus(corpus)
    expected = oracle(corpus, reference)
    assert cached(corpus, reference.rows, root) == expected
    # the added and the changed file only: the renamed one is known by its content
    assert cache.last_fill(root) | {"engine": None} == {
        "read": 2, "reused": 4, "removed_shards": 0, "engine": None}
    renamed = next(row for row in expected if row["source_name"] == "copies/renamed_004.txt")
    assert renamed["status"] == "loaded" and renamed["mentions"]
    # the duplicate of 001 is still the copy, in corpus order, as without the cache
    assert [row["status"] for row in expected if "001" in row["source_name"]] == [
        "loaded", "duplicate"]


def test_a_reference_change_reads_every_file_again(tmp_path: Path, reference: Reference) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    cached(corpus, reference.rows, root)
    before = shards(root)
    rows = {name: list(table) for name, table in reference.rows.items()}
    rows["units"] = [row for row in rows["units"] if row["unit"].strip() != "家"]
    changed = Reference.from_rows(**rows)
    expected = oracle(corpus, changed)
    assert expected != oracle(corpus, reference)       # the change matters to the rows
    assert cached(corpus, rows, root) == expected
    assert cache.last_fill(root)["read"] == 6
    assert not set(before) & set(shards(root))         # the old key's shards are gone


def test_a_corrupt_shard_is_read_again_never_trusted(tmp_path: Path, reference: Reference) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    expected = cached(corpus, reference.rows, root)
    [shard] = shards(root)
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF                        # one bit-flipped byte inside the data
    shard.write_bytes(bytes(data))
    assert cached(corpus, reference.rows, root) == expected
    assert cache.last_fill(root)["read"] == 6
    [shard] = shards(root)
    shard.write_bytes(shard.read_bytes()[:100])         # a truncated shard
    assert cached(corpus, reference.rows, root) == expected
    shutil.rmtree(root)                                 # no cache at all
    assert cached(corpus, reference.rows, root) == expected


def test_rows_of_the_moment_are_not_cached(tmp_path: Path, reference: Reference,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    monkeypatch.setenv("KEJI_FILE_SECONDS", "0.000001")
    rows = cached(corpus, reference.rows, root)
    assert [row["status"] for row in rows].count("too_slow") == 6
    assert shards(root) == []
    monkeypatch.delenv("KEJI_FILE_SECONDS")
    assert cached(corpus, reference.rows, root) == oracle(corpus, reference)
    assert cache.last_fill(root)["read"] == 6     # those that were too slow


def test_the_fingerprint_follows_code_and_reference(reference: Reference) -> None:
    key = cache.fingerprint(reference.rows)
    assert key == cache.fingerprint({name: list(reversed(t)) for name, t in reference.rows.items()})
    typed = {name: [{k: (float(v) if k == "scale" else v) for k, v in row.items()} for row in t]
             for name, t in reference.rows.items()}
    assert cache.fingerprint(typed) == key             # a CSV's "1e8" and dbt's 1e8.0 alike
    fewer = {**reference.rows, "non_quantities": reference.rows["non_quantities"][1:]}
    assert cache.fingerprint(fewer) != key


# ------------------------------------------------------------ the warehouse, end to end
def marts_rows(db: Path) -> dict[str, list[tuple]]:
    """Every marts table's rows, sorted, less the columns that hold the build's time."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [name for (name,) in con.sql(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "and table_type = 'BASE TABLE' order by 1").fetchall()]
        out = {}
        for table in tables:
            columns = [name for (name,) in con.sql(
                "select column_name from information_schema.columns where table_schema = "
                f"'marts' and table_name = '{table}' order by ordinal_position").fetchall()
                if name not in MOMENT_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.sql(f'select {listed} from marts."{table}" '
                                 f"order by all").fetchall()
        return out
    finally:
        con.close()


def test_an_incremental_build_publishes_what_a_full_build_publishes(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    first = keji_build(corpus, target)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert "loaders: 6 files read (local), 0 taken from the cache" in first.stdout
    assert (target.parent / ".warehouse.duckdb.cache" / "dbt-target").is_dir()

    change_corpus(corpus)
    again = keji_build(corpus, target)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "loaders: 2 files read (local), 4 taken from the cache" in again.stdout

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    full = keji_build(corpus, fresh)
    assert full.returncode == 0, full.stdout[-2000:] + full.stderr[-2000:]
    assert "loaders: 6 files read (local), 0 taken from the cache" in full.stdout
    incremental, rebuilt = marts_rows(target), marts_rows(fresh)
    assert incremental["dim_document"] and incremental["fct_indicator_value"]
    assert incremental == rebuilt
    names = {row[1] for row in incremental["dim_document"]}
    assert "copies/renamed_004.txt" in names and "000_f566bb897bdedf27.txt" not in names
