"""Reference data (the CSV seeds) as plain rows, read at the edges of the pipeline.

The same CSV files are dbt seeds, so the rules the extractor compiles from them
and the scaling dbt applies come from one place.
"""
from __future__ import annotations

import csv
from pathlib import Path

from loaders.settings import REFERENCE_DIR

Row = dict[str, str]


def read_rows(name: str, folder: Path = REFERENCE_DIR) -> list[Row]:
    """Rows of `seeds/reference/<name>.csv` as dicts of strings (comment lines skipped)."""
    path = folder / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [dict(row) for row in csv.DictReader(lines)]
