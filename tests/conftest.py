"""Shared paths and fixtures: the shipped reports, the dev corpus beside the repo, seeds.

The dev corpus's text stays out of the project: tests that need it read it from
`../shared/corpus/dev/docs` at run time (`dev_raw`, `dev_clean`, `dev_sentence`),
finding a sentence by a short needle such as its number, and are skipped where
the corpus is not beside the repo. Text of the shipped seed reports may be quoted.
"""
from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"
SEED_REPORTS = REPO / "seeds" / "reports"

KEJI = Path(sys.executable).with_name("keji")

_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]|$)", re.MULTILINE)


def dev_doc(name: str) -> Path:
    """A report of the dev corpus; the test is skipped where the corpus is not beside the repo."""
    path = DEV_DOCS / name
    if not path.exists():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return path


@functools.cache
def _decoded(name: str) -> str:
    from loaders.decode import decode_bytes

    return decode_bytes((DEV_DOCS / name).read_bytes()).text


@functools.cache
def _cleaned(name: str) -> str:
    from loaders.clean import clean_text

    return clean_text(_decoded(name))


def dev_raw(name: str) -> str:
    """A dev report's text as decoded from its bytes, before cleaning."""
    dev_doc(name)
    return _decoded(name)


def dev_clean(name: str) -> str:
    """A dev report's clean text, as the loaders make it."""
    dev_doc(name)
    return _cleaned(name)


def _find(units: list[str], needle: str, name: str, what: str) -> str:
    hits = [u for u in units if needle in u]
    assert hits, f"{needle!r} is in no {what} of {name}"
    return hits[0]


def dev_sentence(name: str, needle: str) -> str:
    """The first sentence of a dev report's clean text holding `needle` (a number, a few words)."""
    units = [m.group().strip() for m in _SENTENCE.finditer(dev_clean(name))]
    return _find(units, needle, name, "sentence")


def dev_line(name: str, needle: str, *, clean: bool = False) -> str:
    """The first line of a dev report (raw, or clean) holding `needle`."""
    text = dev_clean(name) if clean else dev_raw(name)
    return _find(text.split("\n"), needle, name, "line")


@pytest.fixture(scope="session")
def extractor():
    from loaders.extract import Extractor
    from loaders.reference import read_rows

    return Extractor(read_rows("units"), read_rows("unit_prefixes"), read_rows("non_quantities"))


def keji_env(corpus: Path, db: Path, **extra: str) -> dict[str, str]:
    """The environment of a `keji` run on `corpus` into `db`."""
    return {**os.environ, "WAREHOUSE_CORPUS": str(corpus), "WAREHOUSE_DB": str(db),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **extra}


def keji_build(corpus: Path, db: Path, *args: str, env: dict[str, str] | None = None,
               timeout: int = 900, as_user: bool = False) -> subprocess.CompletedProcess[str]:
    """`keji build ARGS` as a user runs it, on `corpus` into `db`.

    `as_user`: where the tests run as root, without root's power to read and write
    past file permissions, so that a chmod 000 file is unreadable as for a user.
    """
    return subprocess.run([str(KEJI), "build", *args], env=keji_env(corpus, db, **(env or {})),
                          cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=obey_file_permissions if as_user else None)


def obey_file_permissions() -> None:
    """In a child about to exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (root only).

    Root keeps its uid (and so its own files) but no longer reads or writes past
    a file's mode bits; a user without these capabilities is unaffected.
    """
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):   # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:   # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of `sql` on the DuckDB file `db`, opened read-only."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def execute(db: Path, *statements: str) -> None:
    """Run `statements` on the DuckDB file `db`, opened for writing (a test's corruption)."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> Path:
    """The warehouse of the shipped reports, built once per test session."""
    db = tmp_path_factory.mktemp("seeds") / "warehouse.duckdb"
    result = keji_build(SEED_REPORTS, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return db


def _needs_shared(report) -> bool:
    """A skip whose reason says the dev corpus (../shared) is missing."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return "dev corpus" in reason


def pytest_terminal_summary(terminalreporter) -> None:
    """Say once why a plain clone skips tests: they read ../shared/corpus, which is not beside it."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _needs_shared(r)]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests skipped: ../shared/corpus not beside the clone "
            f"(expected at {SHARED / 'corpus'}; the rest, including the shipped gold "
            "sample of seeds/reports, ran)")
