"""Shared paths and fixtures: the shipped reports, the dev corpus beside the repo, seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"
SEED_REPORTS = REPO / "seeds" / "reports"


def dev_doc(name: str) -> Path:
    """A report of the dev corpus; the test is skipped where the corpus is not beside the repo."""
    path = DEV_DOCS / name
    if not path.exists():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return path


@pytest.fixture(scope="session")
def extractor():
    from loaders.extract import Extractor
    from loaders.reference import read_rows

    return Extractor(read_rows("units"), read_rows("unit_prefixes"), read_rows("non_quantities"))
