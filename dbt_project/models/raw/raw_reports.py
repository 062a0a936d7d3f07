"""One row per file of the corpus, as the Python loaders read it.

The loaders do all the work (decode, clean, extract, resolve region and period);
this model hands them the reference seeds and lets `loaders.cache` read only the
files whose content no cached shard holds (KEJI_ENGINE: here, or on a Dask
cluster), then returns the corpus's rows as a DuckDB relation over the shards,
so `dbt run` alone rebuilds the warehouse from the corpus and a rebuild costs
the new and changed files only.
"""
from loaders.cache import raw_reports
from loaders.progress import writer_from_env
from loaders.settings import corpus_dir


def _rows(relation):
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds a model's parents by literal dbt.ref calls: one per seed
    reference_rows = {
        "units": _rows(dbt.ref("units")),
        "unit_prefixes": _rows(dbt.ref("unit_prefixes")),
        "non_quantities": _rows(dbt.ref("non_quantities")),
        "admin_divisions": _rows(dbt.ref("admin_divisions")),
        "regional_words": _rows(dbt.ref("regional_words")),
    }
    # one line per file to KEJI_PROGRESS, when `keji build` asks for it
    return raw_reports(session, corpus_dir(), reference_rows, on_row=writer_from_env())
