"""The loaders on a Dask cluster of 2 local workers give the warehouse one process gives.

`loaders.distributed.fill_dask` runs the same unit of work as one machine
(`cache.fill_batch`: a batch of files in, one Parquet shard out) as Dask tasks on a
`LocalCluster`; the shards are then read exactly as those made locally.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from loaders import cache
from loaders.distributed import fill_dask
from loaders.pipeline import Reference
from tests.conftest import keji_build
from tests.test_incremental import change_corpus, marts_rows, oracle, seed_corpus


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_seed_files()


def test_two_dask_workers_fill_the_cache_with_the_loaders_rows(
        tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, root = seed_corpus(tmp_path / "corpus"), tmp_path / "cache"
    change_corpus(corpus)
    monkeypatch.setattr(cache, "SHARD_FILES", 2)    # several tasks for two workers
    listing = cache.Listing.of(corpus)
    key = cache.fingerprint(reference.rows)
    folder = cache.shard_folder(root, key)
    made = list(fill_dask(listing.items, reference.rows, key, folder, workers=2))
    assert len(made) == 3 and all(batch.shard for batch in made)
    assert {Path(batch.shard) for batch in made} == set(folder.glob("*.parquet"))
    # what a worker says its shard holds is what the shard holds, in order
    for batch in made:
        held = pq.read_table(batch.shard, columns=["sha256", "byte_size", "status"])
        assert batch.kept == list(zip(*(column.to_pylist() for column in held.columns)))
    # the build reads the shards the workers wrote: nothing is read again
    con = duckdb.connect()
    try:
        rows = cache.raw_reports(con, corpus, reference.rows, root, "local")
        rows = rows.arrow().read_all().to_pylist()
    finally:
        con.close()
    assert cache.last_fill(root)["read"] == 0
    for row in rows:
        row.pop("loaded_at")
    assert sorted(rows, key=lambda row: row["source_name"]) == oracle(corpus, reference)


def test_a_build_on_dask_publishes_the_single_process_warehouse(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    on_dask, alone = tmp_path / "dask" / "warehouse.duckdb", tmp_path / "one" / "warehouse.duckdb"
    built = keji_build(corpus, on_dask, "--engine", "dask", env={"KEJI_WORKERS": "2"})
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert "loaders: 6 files read (dask), 0 taken from the cache" in built.stdout
    single = keji_build(corpus, alone, env={"KEJI_WORKERS": "1"})
    assert single.returncode == 0, single.stdout[-2000:] + single.stderr[-2000:]
    assert "loaders: 6 files read (local)" in single.stdout
    assert marts_rows(on_dask) == marts_rows(alone)
