"""The compiled stages of the loaders (native/, Rust), when they are built.

Each compiled function has a twin in Python, in the module whose rules it follows, and
that Python is its specification: the parity tests (tests/test_native.py) run both on
every report of the dev corpus and the seeds, and a stage lands only when they agree.
Where the compiled module is missing (no Rust toolchain where the project was installed:
`scripts/build_native.sh`), or KEJI_NATIVE=off, the Python runs and the rows are the same.
"""
from __future__ import annotations

import logging
import os
from collections import Counter
from types import ModuleType

from loaders.settings import ENV_NATIVE

log = logging.getLogger(__name__)


def _load() -> ModuleType | None:
    if os.environ.get(ENV_NATIVE, "").lower() in ("off", "0", "no", "false"):
        return None
    try:
        from loaders import keji_native
    except ImportError:
        return None
    return keji_native


# the compiled module, or None: the callers then run their Python
compiled: ModuleType | None = _load()


class _Never(Exception):
    """Stands for the compiled module's error where there is no module (nothing raises it)."""


# what a compiled stage raises when it fails (a panic of the twin: its bug, not the report's)
Error: type[Exception] = compiled.NativeError if compiled is not None else _Never
# the stages that failed in this process, and how often: each call then ran the Python
failures: Counter[str] = Counter()


def failed(stage: str, error: Exception) -> None:
    """A compiled stage failed on a report: the caller runs the Python (the same rows), and
    the failure is said once per stage and process, and counted (the parity tests hold
    the count at zero)."""
    if not failures[stage]:
        log.warning("the compiled %s failed (%s); its Python runs instead", stage, error)
    failures[stage] += 1


def digest() -> bytes:
    """What the compiled stages are, for the cache's fingerprint: the digest of the sources
    the loaded module was built from (the rows must not differ from the Python's, but a
    cache must never hide it if they did), else `python`."""
    if compiled is None:
        return b"native=python\0"
    return f"native={compiled.SOURCE_DIGEST}\0".encode()
