"""The copy an incremental build starts from (loaders.publish.Copying, start_build).

`keji build` begins copying the published warehouse while it lists the corpus; the
copy must be the published file byte for byte, by the kernel or by hand, and must
leave nothing behind when the build does not use it.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

import duckdb
import pytest

from loaders import publish
from loaders.publish import Copying, start_build, start_copy
from tests.conftest import SEED_REPORTS


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A published warehouse of the seed reports' text under key `k1`, a few MB."""
    db = tmp_path / "warehouse.duckdb"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED_REPORTS.glob("*.txt"))]
    con = duckdb.connect(str(db))
    try:
        con.execute("create schema raw")
        con.execute("create table raw.texts as select unnest(?) as text, range as copy "
                    "from range(200)", [texts])
    finally:
        con.close()
    publish.record_key(db, "k1")
    return db


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Copying, "CHUNK", 64 * 1024)   # many chunks, as at 1 GB


def test_the_copy_is_the_published_file(published: Path, tmp_path: Path,
                                         small_chunks: None) -> None:
    db = tmp_path / "build.duckdb"
    copying = start_copy(published, db, "k1")
    assert copying is not None
    assert start_build(published, db, "k1", copying=copying) is None
    assert copying.taken and db.read_bytes() == published.read_bytes()
    copying.cancel()   # as keji build's cleanup does: a copy the build took stays
    assert db.read_bytes() == published.read_bytes()


def test_the_copy_is_made_by_hand_where_the_kernel_cannot(
        published: Path, tmp_path: Path, small_chunks: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    db = tmp_path / "build.duckdb"
    copying = Copying(published, db, "k1")
    assert copying.wait() is None and db.read_bytes() == published.read_bytes()


def test_a_kernel_that_copies_nothing_is_not_trusted(
        published: Path, tmp_path: Path, small_chunks: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "copy_file_range", lambda *args: 0)
    db = tmp_path / "build.duckdb"
    copying = Copying(published, db, "k1")
    assert copying.wait() is None and db.read_bytes() == published.read_bytes()


def test_a_copy_not_used_is_removed(published: Path, tmp_path: Path) -> None:
    db = tmp_path / "build.duckdb"
    copying = Copying(published, db, "k1")
    copying.cancel()
    assert not db.exists() and not copying.taken


def test_no_copy_under_another_key(published: Path, tmp_path: Path) -> None:
    db = tmp_path / "build.duckdb"
    assert start_copy(published, db, "k2") is None and not db.exists()
    # the key changed after the copy began (a build from nothing then): it is removed
    copying = Copying(published, db, "k1")
    assert start_build(published, db, "k2", copying=copying) == \
        "the loader code, reference data or dbt project changed"
    assert not db.exists()
    copying = Copying(published, db, "k1")
    assert start_build(published, db, "k1", full_refresh=True, copying=copying) == \
        "--full-refresh"
    assert not db.exists()


def test_a_copy_that_failed_makes_a_full_build(published: Path, tmp_path: Path) -> None:
    db = tmp_path / "missing-folder" / "build.duckdb"
    copying = Copying(published, db, "k1")
    reason = start_build(published, db, "k1", copying=copying)
    assert reason is not None and reason.startswith("the published warehouse could not be copied")
