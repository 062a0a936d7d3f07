"""The loaders on a Dask cluster: the same unit of work as on one machine, spread out.

`loaders.cache.fill_batch` is a function from a batch of files to one Parquet shard of
their rows (and the few rows not worth caching). Here each batch is a Dask task: a
worker reads the batch's files, runs the loaders on them and writes the shard into the
cache folder itself, so only the shard's path travels back to the build. The build then
reads the shards exactly as it reads those made on one machine (`cache.assemble`).

The cluster is `KEJI_DASK_SCHEDULER` (the address of a running scheduler: every worker
must reach the corpus files and the cache folder by the same paths, e.g. a shared file
system) or else a `LocalCluster` of KEJI_WORKERS worker processes on this machine.
docs/scaling.md says how to run it on a real cluster with object storage.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from loaders import settings
from loaders.cache import FilledBatch, Item, batches, fill_batch
from loaders.pipeline import worker_count

log = logging.getLogger(__name__)


def client(stack: ExitStack, workers: int | None = None):  # noqa: ANN201 - a distributed.Client
    """A client of KEJI_DASK_SCHEDULER, else of a local cluster closed with `stack`."""
    from distributed import Client, LocalCluster

    address = os.environ.get(settings.ENV_DASK_SCHEDULER)
    if address:
        return stack.enter_context(Client(address))
    cluster = stack.enter_context(LocalCluster(
        n_workers=workers or worker_count(), threads_per_worker=1, processes=True,
        dashboard_address=None, silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def fill_dask(items: list[Item], reference_rows: dict[str, list[dict[str, Any]]], key: str,
              folder: Path, workers: int | None = None
              ) -> Iterator[FilledBatch]:
    """Fill the cache on a Dask cluster: one task per batch, each writing its shard."""
    from distributed import as_completed

    with ExitStack() as stack:
        dask = client(stack, workers)
        # the reference rows travel to each worker once, not with every task
        reference = dask.scatter(reference_rows, broadcast=True)
        futures = [dask.submit(fill_batch, batch, reference, key, str(folder), pure=False)
                   for batch in batches(items)]
        for future in as_completed(futures):
            yield future.result()
            future.release()
