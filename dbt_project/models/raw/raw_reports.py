"""One row per file of the corpus, as the Python loaders read it.

The loaders do all the work (decode, clean, extract, resolve region and period);
this model only hands them the reference seeds and streams their Arrow batches
into DuckDB, so `dbt run` alone rebuilds the warehouse from the corpus.
"""
from loaders.pipeline import Reference, raw_reports_reader
from loaders.progress import writer_from_env
from loaders.settings import corpus_dir


def _rows(relation):
    return relation.pl().to_dicts()


def model(dbt, session):
    dbt.config(materialized="table")
    reference = Reference.from_rows(
        units=_rows(dbt.ref("units")),
        unit_prefixes=_rows(dbt.ref("unit_prefixes")),
        non_quantities=_rows(dbt.ref("non_quantities")),
        admin_divisions=_rows(dbt.ref("admin_divisions")),
        regional_words=_rows(dbt.ref("regional_words")),
    )
    # one line per file read to KEJI_PROGRESS, when `keji build` asks for it
    return raw_reports_reader(corpus_dir(), reference, on_row=writer_from_env())
