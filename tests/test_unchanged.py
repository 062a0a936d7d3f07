"""A rebuild of an unchanged corpus costs only the fixed cost.

Two things make it so (loaders/cache.py, loaders/cli.py):

- the cache's *manifest* gives the sha256 of a file whose stat (device, inode, size,
  modification and change time) is the one recorded when it was last hashed, so a
  listing reads only the files whose stat changed;
- `keji build` compares the corpus, so listed, with the listing the published warehouse
  was built from (raw.keji_corpus_listing): the same files, names and bytes under the
  same key and gate, and the build stops there, the published file untouched.

The oracle is the loaders without any manifest (every file read and hashed) and a build
from nothing; the tests change files the ways that fool a stat (same size, the
modification time set back, a corpus copied elsewhere with its times kept).
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from loaders import cache
from tests.conftest import SEED_REPORTS, query
from tests.test_incremental import built, change_corpus, seed_corpus, warehouse_rows

REPORT = "003_359fa4cc5da14e9f.txt"


def listed(corpus: Path, manifest: cache.Manifest | None = None) -> list[dict]:
    """The listing's identity rows, sorted by name."""
    rows = cache.Listing.of(corpus, manifest).identity().to_pylist()
    return sorted(rows, key=lambda row: row["source_name"])


def same_size_edit(path: Path, keep_mtime: bool = False) -> None:
    """Change one digit of the file (its size stays), optionally setting its modification
    time back to what it was, as `touch -r` or a careless sync would."""
    time.sleep(0.02)   # a tick of the file system's clock after the last write
    before = path.stat()
    data = bytearray(path.read_bytes())
    at = next(k for k in range(len(data)) if chr(data[k]).isdigit() and data[k] != ord("7"))
    data[at] = ord("7")
    path.write_bytes(bytes(data))
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert after.st_size == before.st_size
    assert (after.st_mtime_ns == before.st_mtime_ns) == keep_mtime


# ------------------------------------------------------------ the manifest
@pytest.fixture
def no_racy_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as settled (the tests cannot age a change time)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def test_a_listing_reads_only_the_files_whose_stat_changed(tmp_path: Path,
                                                          no_racy_margin: None) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    expected = listed(corpus)                        # every file read and hashed
    first = cache.Manifest.load(root)
    assert listed(corpus, first) == expected
    assert (first.hashed, first.taken) == (7, 0)     # 5 reports, a copy, a blank file
    first.save(root)

    again = cache.Manifest.load(root)
    assert listed(corpus, again) == expected
    assert (again.hashed, again.taken) == (0, 7)     # none read
    again.save(root)

    same_size_edit(corpus / REPORT)                  # new bytes, same size, new mtime
    (corpus / "copies" / "001_again.txt").touch()    # new mtime, same bytes
    os.replace(corpus / "004_fca62a6dc78bee06.txt", corpus / "renamed.txt")
    (corpus / "000_f566bb897bdedf27.txt").unlink()
    changed = cache.Manifest.load(root)
    assert listed(corpus, changed) == listed(corpus)
    assert (changed.hashed, changed.taken) == (3, 3)  # the edit, the touch, the rename
    assert {row["source_name"]: row["sha256"] for row in listed(corpus)}[REPORT] != {
        row["source_name"]: row["sha256"] for row in expected}[REPORT]
    changed.save(root)
    assert len(cache.Manifest.load(root).entries) == 6   # the removed file dropped out


def test_an_edit_that_keeps_size_and_mtime_is_still_read(tmp_path: Path,
                                                        no_racy_margin: None) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    cache.list_corpus(corpus, root)
    same_size_edit(corpus / REPORT, keep_mtime=True)   # only the change time tells
    listing, manifest = cache.list_corpus(corpus, root)
    assert manifest.hashed == 1
    assert sorted(listing.identity().to_pylist(), key=lambda r: r["source_name"]) == listed(corpus)


def test_a_manifest_from_another_corpus_root_is_not_trusted(tmp_path: Path,
                                                           no_racy_margin: None) -> None:
    """A copy that keeps the files' times (cp -a) is another root: every file is read."""
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    cache.list_corpus(corpus, root)
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)                     # copy2: modification times kept
    same_size_edit(copy / REPORT, keep_mtime=True)
    listing, manifest = cache.list_corpus(copy, root)
    assert (manifest.hashed, manifest.taken) == (7, 0)
    assert sorted(listing.identity().to_pylist(), key=lambda r: r["source_name"]) == listed(copy)


def test_a_name_that_is_not_utf8_is_recorded(tmp_path: Path, no_racy_margin: None) -> None:
    corpus, root = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    name = os.fsdecode(b"\xb1\xa8.txt")               # a zip made on Windows
    (corpus / name).write_text("XX县科技局2023年工作总结\n技术合同成交额3.2亿元。\n",
                               encoding="utf-8")
    cache.list_corpus(corpus, root)
    listing, manifest = cache.list_corpus(corpus, root)
    assert (manifest.hashed, manifest.taken) == (0, 1)
    assert listing.identity().to_pylist()[0]["source_name"] == "\\xb1\\xa8.txt"


def test_recent_files_are_hashed_but_not_recorded(tmp_path: Path) -> None:
    """A file written within RACY_NS of the listing may be written again within the same
    clock tick, stat unchanged: it is not recorded, so the next listing reads it again."""
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    _, first = cache.list_corpus(corpus, root)
    assert first.hashed == 7 and first.kept == {}
    _, second = cache.list_corpus(corpus, root)
    assert (second.hashed, second.taken) == (7, 0)


def test_a_corrupt_manifest_is_not_used(tmp_path: Path, no_racy_margin: None) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    cache.list_corpus(corpus, root)
    [kept] = (root / cache.MANIFEST_DIR).glob("*.parquet")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))
    assert cache.Manifest.load(root).entries == {}
    listing, manifest = cache.list_corpus(corpus, root)
    assert manifest.hashed == 7
    assert sorted(listing.identity().to_pylist(), key=lambda r: r["source_name"]) == listed(corpus)


# ------------------------------------------------------------ keji build, end to end
def published_stat(target: Path) -> tuple:
    info = target.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


def test_an_unchanged_corpus_is_not_built_again(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    before, stat, data = warehouse_rows(target), published_stat(target), target.read_bytes()
    run_results = target.parent / ".warehouse.duckdb.cache" / "dbt-target" / "run_results.json"
    dbt_ran = run_results.stat().st_mtime_ns
    timings = tmp_path / "timings.json"

    output = built(corpus, target, env={"KEJI_TIMINGS": str(timings)})
    [line] = [line for line in output.splitlines() if "current:" in line]
    assert line.startswith(f"keji build: current: {target} already holds this corpus (8 files "
                           "unchanged, ")
    assert ": 5 documents, 459 facts, 4 load problems; nothing rebuilt, in " in line
    assert "full build" not in output and "incremental build" not in output
    assert published_stat(target) == stat and target.read_bytes() == data
    assert run_results.stat().st_mtime_ns == dbt_ran          # dbt did not run
    assert json.loads(timings.read_text())["dbt_nodes"] == []
    assert sorted(p.name for p in target.parent.iterdir()) == [
        ".warehouse.duckdb.cache", ".warehouse.duckdb.lock", "warehouse.duckdb"]

    # the contract holds: --strict fails on the load problems a rebuild would meet
    strict = built(corpus, target, "--strict", expect=1)
    assert "FAILED at --strict: 4 load problems (see marts.load_problems)" in strict
    assert published_stat(target) == stat
    # a file touched, its bytes the same: read to check, nothing rebuilt
    time.sleep(0.01)
    (corpus / REPORT).touch()
    touched = built(corpus, target)
    assert "(8 files unchanged, 1 of them read to check their bytes)" in touched
    assert published_stat(target) == stat

    # --full-refresh builds and publishes anyway, the same rows
    refreshed = built(corpus, target, "--full-refresh")
    assert "full build: --full-refresh" in refreshed
    assert published_stat(target) != stat and warehouse_rows(target) == before


def test_a_file_rewritten_with_the_same_size_is_built_again(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    time.sleep(cache.RACY_NS / 1e9)       # past the racy margin: the manifest holds them all
    assert "(8 files unchanged, 0 of them read" in built(corpus, target)

    same_size_edit(corpus / REPORT)
    output = built(corpus, target)
    assert "incremental build" in output
    assert "loaders: 1 files read (local), 5 taken from the cache" in output
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    built(corpus, fresh)
    assert warehouse_rows(target) == warehouse_rows(fresh)

    # the same again, the modification time set back: the change time still tells
    same_size_edit(corpus / REPORT, keep_mtime=True)
    assert "incremental build" in built(corpus, target)
    sha = cache.sha256_hex((corpus / REPORT).read_bytes())
    assert query(target, f"select sha256 from raw.raw_reports where source_name = '{REPORT}'"
                 ) == [(sha,)]


def test_a_corpus_copied_with_its_times_is_checked_by_its_bytes(tmp_path: Path) -> None:
    """Another root with the same names, sizes and modification times is not taken at the
    word of the manifest: one file edited there (size and time kept) is built."""
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    time.sleep(cache.RACY_NS / 1e9)               # so that the copy's files are recorded
    # the same bytes: nothing to build, but every file read to know it
    assert "(8 files unchanged, 7 of them read" in built(copy, target)
    same_size_edit(copy / REPORT, keep_mtime=True)
    assert "incremental build" in built(copy, target)
    sha = cache.sha256_hex((copy / REPORT).read_bytes())
    assert query(target, f"select sha256 from marts.dim_document where source_name = '{REPORT}'"
                 ) == [(sha,)]


def test_a_warehouse_without_a_listing_or_with_a_retry_is_built(tmp_path: Path) -> None:
    """A published warehouse that cannot say what it was built from, or that holds files
    to read again, is never taken as current."""
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    con = duckdb.connect(str(target))
    try:
        con.execute("update raw.raw_reports set status = 'too_slow' "
                    f"where source_name = '{REPORT}'")
    finally:
        con.close()
    assert "incremental build" in built(corpus, target)
    assert "current:" in built(corpus, target)
    con = duckdb.connect(str(target))
    try:
        con.execute("drop table raw.keji_corpus_listing")
    finally:
        con.close()
    assert "incremental build" in built(corpus, target)
    assert "current:" in built(corpus, target)


def test_an_added_removed_or_renamed_file_is_built(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    shutil.copy(SEED_REPORTS / "002_cc872de75aeed8b2.txt", corpus / "copies" / "002_too.txt")
    assert "incremental build" in built(corpus, target)      # a new duplicate
    os.replace(corpus / "copies" / "002_too.txt", corpus / "copies" / "002_moved.txt")
    assert "incremental build" in built(corpus, target)      # a renamed file
    (corpus / "copies" / "002_moved.txt").unlink()
    assert "incremental build" in built(corpus, target)      # a removed file
    change_corpus(corpus)
    assert "incremental build" in built(corpus, target)
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    built(corpus, fresh)
    assert warehouse_rows(target) == warehouse_rows(fresh)


def test_full_refresh_reads_every_file_whatever_the_manifest_says(tmp_path: Path) -> None:
    """The manifest is trusted on a file's stat; `--full-refresh` is the way out when the
    stat cannot be trusted (here a manifest that names wrong bytes for a file)."""
    corpus = seed_corpus(tmp_path / "corpus")
    target = tmp_path / "kept" / "warehouse.duckdb"
    built(corpus, target)
    time.sleep(cache.RACY_NS / 1e9)
    root = cache.cache_dir(target)
    cache.list_corpus(corpus, root)                 # every file recorded
    lied = cache.Manifest.load(root)
    path = os.fsencode(os.path.abspath(corpus / REPORT))
    lied.kept = dict(lied.entries)
    lied.kept[path] = (*lied.entries[path][:-1], "0" * 64)
    lied.save(root)
    # trusted: the file is taken at the wrong sha256, found to differ when it is read,
    # and then dropped from the manifest: the next build reads it
    assert "incremental build" in built(corpus, target)
    status = f"select status, sha256 from raw.raw_reports where source_name = '{REPORT}'"
    assert query(target, status) == [("error", "0" * 64)]
    assert path not in cache.Manifest.load(root).entries
    sha = cache.sha256_hex((corpus / REPORT).read_bytes())
    assert "incremental build" in built(corpus, target)
    assert query(target, status) == [("loaded", sha)]

    lied = cache.Manifest.load(root)
    lied.kept = dict(lied.entries)
    lied.kept[path] = (*lied.entries[path][:-1], "0" * 64)
    lied.save(root)
    assert "full build: --full-refresh" in built(corpus, target, "--full-refresh")
    assert query(target, status) == [("loaded", sha)]
    assert cache.Manifest.load(root).entries[path][-1] == sha
