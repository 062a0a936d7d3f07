"""The per-file pipeline: order, duplicates, problems, and the same rows in parallel."""
from __future__ import annotations

import shutil

import pytest

from loaders.pipeline import Reference, iter_raw_rows
from loaders.settings import PARALLEL_MIN_FILES
from tests.conftest import SEED_REPORTS


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_seed_files()


def _comparable(rows):
    return [{k: v for k, v in row.items() if k != "loaded_at"} for row in rows]


def test_rows_come_in_corpus_order_with_problems_recorded(tmp_path, reference):
    shutil.copy(SEED_REPORTS / "000_f566bb897bdedf27.txt", tmp_path / "a.txt")
    shutil.copy(SEED_REPORTS / "000_f566bb897bdedf27.txt", tmp_path / "b.txt")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d.doc").write_bytes(b"whatever")
    rows = list(iter_raw_rows(tmp_path, reference, workers=1))
    assert [(r["source_name"], r["status"]) for r in rows] == [
        ("a.txt", "loaded"), ("b.txt", "duplicate"), ("c.txt", "binary"), ("d.doc", "unsupported")]
    assert rows[1]["problems"] == [{"problem": "duplicate", "detail": "same bytes as a.txt; skipped"}]
    assert len(rows[0]["mentions"]) > 50


def test_a_pool_of_workers_gives_the_same_rows_in_the_same_order(tmp_path, reference):
    seeds = sorted(SEED_REPORTS.glob("*.txt"))
    count = 0
    while count < PARALLEL_MIN_FILES + 6:
        for path in seeds:
            data = path.read_bytes() + f"\n(副本 {count})\n".encode()
            (tmp_path / f"{count:03d}_{path.name}").write_bytes(data)
            count += 1
    shutil.copy(tmp_path / "000_000_f566bb897bdedf27.txt", tmp_path / "zzz_duplicate.txt")
    serial = list(iter_raw_rows(tmp_path, reference, workers=1))
    parallel = list(iter_raw_rows(tmp_path, reference, workers=2))
    assert _comparable(parallel) == _comparable(serial)
    assert serial[-1]["status"] == "duplicate"
