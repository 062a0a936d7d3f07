"""Incremental builds: the cached build gives what a full build gives, and reads less.

The loaders' rows are cached by file content and by the fingerprint of the loader code
and the reference data (loaders/cache.py). The oracle is the loaders without any cache
(`pipeline.iter_raw_rows`): after files are added, changed, renamed, duplicated and
removed, after the reference data changes, and after a shard is corrupted, the rows
assembled from the cache must be the oracle's, row for row.

The warehouse is incremental too: `keji build` starts from a copy of the published
warehouse when that was built under the same key (loader code, seeds, dbt project) and
re-derives only the reports new, changed or gone. After adds, changes, renames, removals
and duplicates, its every marts, raw, staging and intermediate table must hold the rows
of a build from nothing; under another key it must build from nothing.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import cache, settings
from loaders.pipeline import Reference, iter_raw_rows
from tests.conftest import SEED_REPORTS, execute, keji_build, query

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
    assert {key: cache.last_fill(root)[key] for key in ("read", "reused", "removed_shards")} == {
        "read": 2, "reused": 4, "removed_shards": 0}
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


def _incremental_rows(con: duckdb.DuckDBPyConnection, corpus: Path, reference: Reference,
                      root: Path) -> list[dict]:
    relation = cache.raw_reports(con, corpus, reference.rows, root, "local",
                                 previous="raw.raw_reports")
    return _plain(relation.arrow().read_all().to_pylist())


@pytest.mark.parametrize("before", ["changed corpus", "rows too slow before", "corrupt shard"])
def test_the_listing_handed_over_finds_the_rows_that_comparing_rows_finds(
        tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch,
        before: str) -> None:
    """An incremental raw_reports built from the listing `keji build` hands over (the
    files whose listing row changed) inserts and removes what comparing every row does."""
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema raw")
    if before == "rows too slow before":
        monkeypatch.setenv("KEJI_FILE_SECONDS", "0.000001")
    cache.raw_reports(con, corpus, reference.rows, root, "local").create("raw.raw_reports")
    monkeypatch.delenv("KEJI_FILE_SECONDS", raising=False)
    # what `keji build` records beside the table it publishes
    con.register("listed", cache.Listing.of(corpus).identity())
    con.execute("create table raw.keji_corpus_listing as select * from listed")
    if before != "rows too slow before":
        change_corpus(corpus)
    twin = tmp_path / "twin"   # the cache as the build left it, for the second way
    shutil.copytree(root, twin)
    if before == "corrupt shard":   # the shard the renamed file's row is taken from
        [shard] = shards(twin)
        data = bytearray(shard.read_bytes())
        data[len(data) // 2] ^= 0xFF
        shard.write_bytes(bytes(data))
    compared = _incremental_rows(con, corpus, reference, root)
    read_by_comparing = cache.last_fill(root)["read"]

    listing, manifest = cache.list_corpus(corpus, twin)
    cache.hand_over(listing, manifest, tmp_path / "listed.arrow")
    monkeypatch.setenv(settings.ENV_LISTED, str(tmp_path / "listed.arrow"))
    monkeypatch.setattr(cache, "changes", None)   # not the way of comparing every row
    handed = _incremental_rows(con, corpus, reference, twin)
    assert handed == compared
    statuses = [row["status"] for row in handed]
    if before == "corrupt shard":   # never trusted: the renamed file is read again too
        assert cache.last_fill(twin)["read"] == read_by_comparing + 1 == 3
        return
    assert cache.last_fill(twin)["read"] == read_by_comparing
    if before == "changed corpus":   # added, changed, renamed, removed, and what went with them
        assert statuses.count(cache.REMOVED_STATUS) == 2 and "loaded" in statuses
        assert read_by_comparing == 2
    else:                            # every file read again, nothing else
        assert cache.REMOVED_STATUS not in statuses and read_by_comparing == 6
    con.close()


def test_the_fingerprint_follows_code_and_reference(reference: Reference) -> None:
    key = cache.fingerprint(reference.rows)
    assert key == cache.fingerprint({name: list(reversed(t)) for name, t in reference.rows.items()})
    typed = {name: [{k: (float(v) if k == "scale" else v) for k, v in row.items()} for row in t]
             for name, t in reference.rows.items()}
    assert cache.fingerprint(typed) == key             # a CSV's "1e8" and dbt's 1e8.0 alike
    fewer = {**reference.rows, "non_quantities": reference.rows["non_quantities"][1:]}
    assert cache.fingerprint(fewer) != key


# ------------------------------------------------------------ the warehouse, end to end
# Tables compared between an incremental and a full build: every marts table, and the
# tables below them that an incremental build keeps (raw, staging, intermediate).
COMPARED_SCHEMAS = ("marts", "raw", "staging", "intermediate")
# what only says how a warehouse was built, not what it holds
BUILD_TABLES = {"keji_build_state", "keji_warehouse_key"}


def warehouse_rows(db: Path) -> dict[str, list[tuple]]:
    """Every compared table's rows, sorted, less the columns that hold the build's time."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [(schema, name) for schema, name in con.sql(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {COMPARED_SCHEMAS} and table_type = 'BASE TABLE' "
            "order by 1, 2").fetchall() if name not in BUILD_TABLES]
        out = {}
        for schema, table in tables:
            columns = [name for (name,) in con.sql(
                "select column_name from information_schema.columns where table_schema = "
                f"'{schema}' and table_name = '{table}' order by ordinal_position").fetchall()
                if name not in MOMENT_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in columns)
            out[f"{schema}.{table}"] = con.sql(f'select {listed} from {schema}."{table}" '
                                               "order by all").fetchall()
        return out
    finally:
        con.close()


def relations(db: Path) -> set[tuple[str, str]]:
    """Every table and view of the warehouse, in any schema."""
    return {(schema, name) for schema, name in query(
        db, "select table_schema, table_name from information_schema.tables")}


def marts_rows(db: Path) -> dict[str, list[tuple]]:
    """Every marts table's rows, sorted, less the columns that hold the build's time."""
    return {name.removeprefix("marts."): rows for name, rows in warehouse_rows(db).items()
            if name.startswith("marts.")}


def built(corpus: Path, target: Path, *args: str, env: dict[str, str] | None = None,
          expect: int = 0) -> str:
    """`keji build` of `corpus` into `target`, which must exit with `expect` (success);
    its output (stdout, then stderr)."""
    result = keji_build(corpus, target, *args, env=env)
    assert result.returncode == expect, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout + result.stderr


def newest_load(db: Path) -> object:
    return query(db, "select max(loaded_at), count(*) from raw.raw_reports")[0]


def test_an_incremental_build_publishes_what_a_full_build_publishes(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    first = built(corpus, target)
    assert "full build: no published warehouse to start from" in first
    assert "loaders: 6 files read (local), 0 taken from the cache" in first
    assert (target.parent / ".warehouse.duckdb.cache" / "dbt-target").is_dir()
    before, loaded = warehouse_rows(target), newest_load(target)

    # unchanged: nothing is built (tests/test_unchanged.py)
    same = built(corpus, target)
    assert f"current: {target} already holds this corpus" in same
    assert newest_load(target) == loaded          # no row of raw_reports was loaded again
    assert warehouse_rows(target) == before

    # added, changed, renamed and removed files
    change_corpus(corpus)
    again = built(corpus, target)
    assert "incremental build" in again
    assert "loaders: 2 files read (local), 4 taken from the cache" in again
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    full = built(corpus, fresh)
    assert "full build" in full and "loaders: 6 files read (local), 0 taken from the cache" in full
    incremental, rebuilt = warehouse_rows(target), warehouse_rows(fresh)
    assert incremental["marts.dim_document"] and incremental["marts.fct_indicator_value"]
    assert incremental["marts.load_problems"] and incremental != before
    assert incremental == rebuilt
    # nothing else either: no table an incremental step wrote its rows to is left behind
    assert relations(target) == relations(fresh)
    names = {row[1] for row in incremental["marts.dim_document"]}
    assert "copies/renamed_004.txt" in names and "000_f566bb897bdedf27.txt" not in names

    # the loaded original of a duplicate goes (the copy is now the report), a changed
    # file is changed back, a report becomes a duplicate of another
    (corpus / "001_3b41ed0b22b5540a.txt").unlink()
    shutil.copy(SEED_REPORTS / "003_359fa4cc5da14e9f.txt", corpus / "003_359fa4cc5da14e9f.txt")
    shutil.copy(corpus / "copies" / "renamed_004.txt", corpus / "new" / "004_again.txt")
    assert "incremental build" in built(corpus, target)
    assert "full build: --full-refresh" in built(corpus, fresh, "--full-refresh")
    incremental = warehouse_rows(target)
    assert incremental == warehouse_rows(fresh) and relations(target) == relations(fresh)
    documents = {row[1] for row in incremental["marts.dim_document"]}
    assert "copies/001_again.txt" in documents and "new/004_again.txt" not in documents
    # and then nothing changed: both are current
    assert "current:" in built(corpus, target) and "current:" in built(corpus, fresh)


def test_a_changed_key_builds_from_nothing(tmp_path: Path) -> None:
    """A warehouse built under other code or reference data is never the start of a build."""
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    before = warehouse_rows(target)
    # as if the published warehouse had been built by other code or seeds
    execute(target, "update raw.keji_warehouse_key set warehouse_key = 'other'",
            "delete from marts.fct_indicator_value where measure = 'growth'")
    output = built(corpus, target)
    assert "full build: the loader code, reference data or dbt project changed" in output
    assert warehouse_rows(target) == before       # rebuilt from nothing, not from the copy
    assert query(target, "select warehouse_key from raw.keji_warehouse_key") == [
        (cache.warehouse_key(),)]


def test_the_warehouse_key_follows_seeds_models_and_loader_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from loaders import settings

    root = tmp_path / "repo"
    shutil.copytree(settings.REFERENCE_DIR, root / "seeds" / "reference")
    for name in cache.DBT_SOURCES:
        source = settings.DBT_PROJECT_DIR / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, root / "dbt_project" / name)
    monkeypatch.setattr(settings, "REPO_ROOT", root)
    monkeypatch.setattr(settings, "REFERENCE_DIR", root / "seeds" / "reference")
    monkeypatch.setattr(settings, "DBT_PROJECT_DIR", root / "dbt_project")
    key = cache.warehouse_key()
    assert cache.warehouse_key() == key
    synonyms = root / "seeds" / "reference" / "indicator_synonyms.csv"   # no loader reads it
    synonyms.write_text(synonyms.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed_seed = cache.warehouse_key()
    assert changed_seed != key
    model = root / "dbt_project" / "models" / "marts" / "dim_region.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.warehouse_key() not in {key, changed_seed}


def test_the_gate_of_an_incremental_build_judges_the_touched_reports(
        seeds_warehouse: Path, tmp_path: Path) -> None:
    """A fact of a report loaded before the build's start is not judged again; one of a
    report the build touched is, and fails the gate."""
    from datetime import datetime, timezone

    from expectations.validate import validate_warehouse

    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(seeds_warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("update marts.fct_indicator_value set value = 'nan'::double "
                    "where fact_key = (select min(fact_key) from marts.fct_indicator_value)")
        [(loaded,)] = con.sql("select max(loaded_at) from raw.raw_reports").fetchall()
    finally:
        con.close()
    assert not validate_warehouse(copy).success                       # a full build's gate
    assert not validate_warehouse(copy, since=datetime(2000, 1, 1, tzinfo=timezone.utc)).success
    untouched = validate_warehouse(copy, since=loaded)                 # no report after it
    assert untouched.success and untouched.results["fct_indicator_value"].rows == 0
    assert untouched.results["dim_document"].rows > 0                  # not narrowed


def test_dbt_tests_of_an_incremental_build_read_the_touched_reports(tmp_path: Path) -> None:
    """Row-by-row tests of incremental models are narrowed to the touched reports; tests of
    the whole table (unique) and of models rebuilt in full are not."""
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    change_corpus(corpus)     # unchanged, nothing would be built
    assert "incremental build" in built(corpus, target)
    run = target.parent / ".warehouse.duckdb.cache" / "dbt-target" / "run" / "keji_warehouse"
    compiled = {path.stem.split(".")[0]: path.read_text(encoding="utf-8")
                for path in run.rglob("*.sql")}
    narrowed = [name for name, sql in compiled.items() if "keji_build_state" in sql]
    # a model's row-by-row checks (one column_checks test per model) read the touched
    # reports; its unique and relationships checks read the whole table
    assert {"column_checks_fct_indicator_value", "column_checks_load_problems"} <= set(narrowed)
    fact_checks = compiled["column_checks_fct_indicator_value"]
    assert re.search(r'whole as not materialized \(\s*'
                     r'select \* from "marts"\."fct_indicator_value"\s*\)', fact_checks), fact_checks
    assert re.search(r"from whole where fact_key is not null\s+group by", fact_checks)
    # the touched rows are found once, then read by each check (not found again for each)
    assert "checked as materialized (" in fact_checks
    assert "checked as not materialized (" in compiled["column_checks_indicator_panel"]
    assert not any(name.startswith("unique_") for name in narrowed)
    # indicator_panel is rebuilt in full: tested whole
    assert "column_checks_indicator_panel" in compiled
    assert "column_checks_indicator_panel" not in narrowed
