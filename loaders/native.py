"""The compiled stages of the loaders (native/, Rust), when they are built.

Each compiled function has a twin in Python, in the module whose rules it follows, and
that Python is its specification: the parity tests (tests/test_native.py) run both on
every report of the dev corpus and the seeds, and a stage lands only when they agree.
Where the compiled module is missing (no Rust toolchain where the project was installed:
`scripts/build_native.sh`), or KEJI_NATIVE=off, the Python runs and the rows are the same.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType

from loaders.settings import ENV_NATIVE, REPO_ROOT

SOURCE_DIR = REPO_ROOT / "native"


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


def digest() -> bytes:
    """What the compiled stages are, for the cache's fingerprint: their sources when the
    module is loaded (the rows must not differ, but a cache must never hide it if they
    did), else `python`."""
    if compiled is None:
        return b"native=python\0"
    sources = sorted(Path(SOURCE_DIR).glob("src/*.rs")) + [SOURCE_DIR / "Cargo.toml"]
    h = hashlib.sha256()
    for path in sources:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"native={h.hexdigest()}\0".encode()
