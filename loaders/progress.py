"""The loaders' progress, handed across the process boundary between `keji` and dbt.

The loaders run inside dbt's child process (the Python model `raw_reports`), so
`keji build` cannot count their files itself. When KEJI_PROGRESS names a file, the
model appends `0 start` when it begins, then one line per corpus file it has read,
`<bytes> <status>` (or `<bytes> <status> <files>` for many files at once, as the
unchanged files of an incremental build), and `keji`
tails that file to show files, MB/s and time left. A file rather than a pipe: the
writer never blocks on a reader that stopped, and the lines stay in the build's
work folder as a record of the load. Without KEJI_PROGRESS nothing is written
(`dbt build` run by hand).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.settings import ENV_PROGRESS

OnRow = Callable[[Mapping[str, Any]], None]


class ProgressWriter:
    """Appends one line per row the loaders produced (called by the pipeline)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives with the load
        self._file.write("0 start\n")   # the load's clock starts here, not at dbt's start

    def __call__(self, row: Mapping[str, Any]) -> None:
        line = f"{int(row.get('byte_size') or 0)} {row.get('status') or '-'}"
        files = row.get("files")   # a row that stands for this many files
        self._file.write(f"{line} {int(files)}\n" if files is not None else f"{line}\n")


def writer_from_env() -> OnRow | None:
    """The writer of the file KEJI_PROGRESS names, or None when it is unset."""
    path = os.environ.get(ENV_PROGRESS)
    return ProgressWriter(Path(path)) if path else None


@dataclass
class LoadCount:
    """Files and bytes the loaders have read so far, and how many of them loaded."""

    files: int = 0
    bytes: int = 0
    loaded: int = 0
    started: bool = False   # the loaders have begun (dbt's seeds and start-up are behind)


class ProgressReader:
    """Reads what a `ProgressWriter` appended since the last call (whole lines only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = LoadCount()
        self._offset = 0
        self._partial = b""

    def poll(self) -> LoadCount:
        """The running totals, updated with the lines written since the last poll."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self._offset)
                data = handle.read()
        except FileNotFoundError:
            return self.count
        self._offset += len(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            size, _, status = line.decode("utf-8", "replace").partition(" ")
            status, _, files = status.partition(" ")
            if status == "start":
                self.count.started = True
                continue
            self.count.files += int(files) if files.isdigit() else 1
            self.count.bytes += int(size) if size.isdigit() else 0
            self.count.loaded += status == "loaded"
        return self.count
