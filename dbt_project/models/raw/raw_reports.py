"""One row per file of the corpus, as the Python loaders read it.

The loaders do all the work (decode, clean, extract, resolve region and period);
this model hands them the reference seeds and lets `loaders.cache` read only the
files whose content no cached shard holds (KEJI_ENGINE: here, or on a Dask
cluster), then returns the corpus's rows as a DuckDB relation over the shards,
so `dbt run` alone rebuilds the warehouse from the corpus and a rebuild costs
the new and changed files only.

Incremental (keyed by source_name, delete+insert): when its table exists, the
model returns only the rows of files new or changed since that table was built,
and one row of status `__removed__` for each file gone, which the post-hook
(_raw__models.yml) deletes once it has replaced the file's row. Unchanged rows
keep their `loaded_at`, so the models downstream re-derive only the reports this
build touched (macros/incremental.sql). The table must have been built by the
same loader code and reference data: `keji build` starts from a copy of the
published warehouse only when they match, else from nothing; a bare `dbt build`
after such a change needs `--full-refresh`.
"""
from loaders.cache import raw_reports
from loaders.progress import writer_from_env
from loaders.settings import corpus_dir


def _rows(relation):
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert",
               unique_key="source_name")
    # dbt finds a model's parents by literal dbt.ref calls: one per seed
    reference_rows = {
        "units": _rows(dbt.ref("units")),
        "unit_prefixes": _rows(dbt.ref("unit_prefixes")),
        "non_quantities": _rows(dbt.ref("non_quantities")),
        "admin_divisions": _rows(dbt.ref("admin_divisions")),
        "regional_words": _rows(dbt.ref("regional_words")),
    }
    # one line per file to KEJI_PROGRESS, when `keji build` asks for it
    previous = str(dbt.this) if dbt.is_incremental else None
    rows = raw_reports(session, corpus_dir(), reference_rows, on_row=writer_from_env(),
                       previous=previous)
    # dbt-duckdb writes the returned rows with one `create table as`. On several threads
    # each thread leaves a part-filled row group of these wide rows (two texts each),
    # which DuckDB writes again when the file is closed: at 1 GB of reports 23 s of
    # the close and 1.7 GB of the file, against 10 s more of writing on one thread.
    # The post-hook (_raw__models.yml) gives the models after it every core again.
    session.execute("set threads = 1")
    return rows
