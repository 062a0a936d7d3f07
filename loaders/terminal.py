"""What `keji` prints while it works: messages, the loaders' progress, dbt's output.

On a terminal the load is a live progress bar (rich: files, MB, MB/s, time left);
elsewhere (a log file, CI) it is a plain line every PLAIN_EVERY seconds and one at
the end, without colour codes. dbt runs quiet and colourless in a child process;
its lines (errors, and the loaders' warnings) are relayed here so that they print
above the bar instead of through it, and its full log stays in the build's folder.
`--quiet` keeps only errors: dbt's lines are then shown only when dbt failed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from loaders.progress import LoadCount, ProgressReader

PLAIN_EVERY = 10.0     # seconds between progress lines when not on a terminal
POLL_SECONDS = 0.2     # how often the progress file is read
MB = 1e6


@dataclass(frozen=True)
class LoadStats:
    """What the loaders read during a build, as the summary reports it."""

    files: int
    bytes: int
    loaded: int
    seconds: float

    @property
    def mb_per_second(self) -> float:
        return self.bytes / MB / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        """One line: files, MB, time and speed.

        >>> LoadStats(49, 2_300_000, 48, 4.6).describe()
        '49 files (2.3 MB) read in 4.6 s, 0.50 MB/s'
        """
        return (f"{self.files:,} files ({self.bytes / MB:.1f} MB) read in {self.seconds:.1f} s, "
                f"{self.mb_per_second:.2f} MB/s")


def progress_line(count: LoadCount, total_files: int, total_bytes: int, seconds: float) -> str:
    """The plain progress line: files and MB done, speed, time left.

    >>> progress_line(LoadCount(10, 2_000_000, 10), 40, 8_000_000, 4.0)
    'loading reports: 10/40 files, 2.0/8.0 MB, 0.50 MB/s, about 12 s left'
    """
    speed = count.bytes / seconds if seconds > 0 else 0.0
    left = f", about {(total_bytes - count.bytes) / speed:.0f} s left" if speed > 0 else ""
    return (f"loading reports: {count.files:,}/{total_files:,} files, {count.bytes / MB:.1f}/"
            f"{total_bytes / MB:.1f} MB, {speed / MB:.2f} MB/s{left}")


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal that takes live updates and colour."""
    return (hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"
            and not os.environ.get("CI"))


class _LoadClock:
    """When the loaders began and ended, as seen from the progress file."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.finished: float | None = None

    def see(self, count: LoadCount, total_files: int) -> None:
        now = time.monotonic()
        if self.started is None and (count.started or count.files):
            self.started = now
        if self.started is not None and self.finished is None and count.files >= total_files:
            self.finished = now

    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    def stats(self, count: LoadCount) -> LoadStats:
        return LoadStats(count.files, count.bytes, count.loaded, self.elapsed())


class Output:
    """The one channel of a `keji` command's messages."""

    def __init__(self, command: str, quiet: bool = False,
                 out: IO[str] | None = None, err: IO[str] | None = None) -> None:
        self.command = command
        self.quiet = quiet
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.live = not quiet and is_terminal(self.err)
        self.load: LoadStats | None = None
        self._console = None   # the rich Console of a live display while one runs

    def say(self, message: str, error: bool = False) -> None:
        """`keji <command>: message` on stdout, or on stderr for an error (never silenced)."""
        if self.quiet and not error:
            return
        self._print(f"keji {self.command}: {message}", self.err if error else self.out)

    def relay(self, line: str) -> None:
        """A line of dbt's output, as it printed it."""
        self._print(line, self.err)

    def _print(self, text: str, stream: IO[str]) -> None:
        console = self._console
        if console is not None:
            console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=stream, flush=True)

    @contextmanager
    def following(self, child: subprocess.Popen, progress_file: Path, total_files: int,
                  total_bytes: int) -> Iterator[None]:
        """While `child` (dbt) runs: relay its output and show the loaders' progress.

        On leaving, the load's figures are kept in `self.load`. When the block is
        left by an exception the child may still be running: its output thread is
        not waited for (it ends with the child).
        """
        held: list[str] = []
        relay = threading.Thread(target=self._relay_lines, args=(child, held), daemon=True)
        reader = ProgressReader(progress_file)
        done = threading.Event()
        clock = _LoadClock()
        watcher = threading.Thread(
            target=self._watch, args=(reader, done, clock, total_files, total_bytes), daemon=True)
        relay.start()
        watcher.start()
        failed = True
        try:
            yield
            failed = False
        finally:
            done.set()
            watcher.join(timeout=5)
            if not failed:
                relay.join(timeout=30)
            self.load = clock.stats(reader.poll())
            if held and child.returncode not in (0, None):   # --quiet: dbt's lines when it failed
                for line in held:
                    print(line, file=self.err, flush=True)

    @contextmanager
    def status(self, what: str) -> Iterator[None]:
        """A spinner saying what runs now, on a terminal only."""
        if not self.live:
            yield
            return
        from rich.console import Console

        console = Console(file=self.err, highlight=False)
        self._console = console
        try:
            with console.status(what):
                yield
        finally:
            self._console = None

    def _relay_lines(self, child: subprocess.Popen, held: list[str]) -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n") if isinstance(raw, bytes) else raw.rstrip("\n")
            if self.quiet:
                held.append(line)
            else:
                self.relay(line)

    def _watch(self, reader: ProgressReader, done: threading.Event, clock: _LoadClock,
               total_files: int, total_bytes: int) -> None:
        """Poll the progress file until the load is complete or the child ended."""
        if self.live:
            self._watch_live(reader, done, clock, total_files, total_bytes)
            return
        last = time.monotonic()
        while not done.wait(POLL_SECONDS):
            count = reader.poll()
            clock.see(count, total_files)
            if clock.finished is not None:
                if not self.quiet:
                    self.say(f"reports loaded: {clock.stats(count).describe()}")
                done.wait()
                return
            if time.monotonic() - last >= PLAIN_EVERY and count.files and not self.quiet:
                self.say(progress_line(count, total_files, total_bytes, clock.elapsed()))
                last = time.monotonic()

    def _watch_live(self, reader: ProgressReader, done: threading.Event, clock: _LoadClock,
                    total_files: int, total_bytes: int) -> None:
        """A live bar while the loaders read, then a spinner while dbt goes on."""
        from rich.console import Console
        from rich.progress import (BarColumn, DownloadColumn, Progress, SpinnerColumn,
                                   TextColumn, TimeRemainingColumn, TransferSpeedColumn)

        console = Console(file=self.err, highlight=False)
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                            TextColumn("{task.fields[files]:,}/{task.fields[all_files]:,} files"),
                            DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                            console=console, redirect_stdout=False, redirect_stderr=False)
        self._console = console
        try:
            with progress:
                loading = progress.add_task("dbt: starting", total=total_bytes or 1, files=0,
                                            all_files=total_files)
                while not done.wait(POLL_SECONDS):
                    count = reader.poll()
                    clock.see(count, total_files)
                    progress.update(loading, completed=count.bytes, files=count.files,
                                    description="loading reports" if clock.started else
                                    "dbt: starting")
                    if clock.finished is not None:
                        progress.update(loading, completed=total_bytes or 1,
                                        description="reports loaded")
                        break
            if not done.is_set():
                with console.status("dbt: models and tests"):
                    done.wait()
        finally:
            self._console = None
