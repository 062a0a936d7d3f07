"""The corpus folder: which files there are and their bytes (the I/O edge of loading)."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.settings import PRIVATE_NAME_PATTERN

_PRIVATE_NAME = re.compile(PRIVATE_NAME_PATTERN)


@dataclass(frozen=True)
class CorpusFile:
    """A file of the corpus, named by its path relative to the corpus folder."""

    source_name: str   # posix path relative to the corpus root
    path: Path
    byte_size: int


def iter_corpus_files(root: Path) -> Iterator[CorpusFile]:
    """Every regular file below `root`, in a stable order, hidden files included.

    Nothing is filtered here: the pipeline records files it cannot read as problems,
    so that no file of the corpus is silently left out.
    """
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} does not exist or is not a folder")
    files = (p for p in root.rglob("*")
             if p.is_file() and not any(_PRIVATE_NAME.match(part)
                                        for part in p.relative_to(root).parts))
    for path in sorted(files):
        yield CorpusFile(path.relative_to(root).as_posix(), path, path.stat().st_size)


def read_bytes(path: Path) -> bytes:
    """The file's bytes."""
    return path.read_bytes()


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of the bytes: the content key of a report."""
    return hashlib.sha256(data).hexdigest()
