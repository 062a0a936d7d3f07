"""The loaders' stages timed one by one, in one process, on a corpus folder.

`keji build` runs the loaders inside dbt's `raw_reports` model, in worker processes,
so its timings cannot tell reading from extracting. Here the same steps as
`loaders.pipeline.read_report` run in this process, each behind its own clock:

- read:    the file's bytes, their sha256, decoding to text;
- clean:   page debris removed, the title found;
- extract: quantities found in the clean text;
- resolve: the report's region and period, each quantity's period.

`stage_rows` returns the mentions it made so that a test can hold them equal to
`read_report`'s: the stages must stay the pipeline's, not a copy that drifts.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from loaders.clean import clean_text, find_title
from loaders.corpus import CorpusFile, iter_corpus_files, read_bytes, sha256_hex
from loaders.decode import decode_bytes
from loaders.period import (
    arabic_years,
    fact_periods,
    is_plan_title,
    page_dates,
    resolve_document_period,
)
from loaders.pipeline import Reference, _mention_row
from loaders.records import DecodeError
from loaders.region import resolve_region
from loaders.settings import TEXT_SUFFIXES

STAGES = ("read", "clean", "extract", "resolve")


class Clock:
    """Seconds spent per stage, added up over many files."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._stage: str | None = None
        self._started = 0.0

    def start(self, stage: str) -> None:
        now = time.perf_counter()
        if self._stage is not None:
            self.seconds[self._stage] += now - self._started
        self._stage, self._started = stage, now

    def stop(self) -> None:
        if self._stage is not None:
            self.seconds[self._stage] += time.perf_counter() - self._started
        self._stage = None


def stage_rows(path: Path, reference: Reference, clock: Clock) -> list[dict[str, Any]] | None:
    """The mention rows of one report as `read_report` makes them, each step on `clock`;
    None when the file is not loaded (undecodable, or empty once cleaned)."""
    clock.start("read")
    data = read_bytes(path)
    sha256_hex(data)
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        clock.stop()
        return None
    clock.start("clean")
    text = clean_text(decoded.text)
    if not text.strip():
        clock.stop()
        return None
    title = find_title(text)
    clock.start("resolve")
    region = resolve_region(text, title, reference.gazetteer, decoded.text)
    dated, dated_title = arabic_years(text), arabic_years(title) if title else title
    period = resolve_document_period(dated, dated_title, page_dates(decoded.text))
    plan_document = is_plan_title(title)
    clock.start("extract")
    mentions = reference.mentions(text, region.admin_code)
    clock.start("resolve")
    infos = fact_periods(dated, period, [(m.char_start, m.char_end) for m in mentions])
    rows = [_mention_row(m, info, plan_document, period.year) for m, info in zip(mentions, infos, strict=True)]
    clock.stop()
    return rows


def report_files(corpus: Path) -> Iterator[CorpusFile]:
    """The files of `corpus` a build reads as reports: readable, with a report's suffix."""
    for file in iter_corpus_files(corpus):
        if file.problem is None and file.source_name.lower().endswith(TEXT_SUFFIXES):
            yield file


def _report_files(corpus: Path, limit_bytes: int | None) -> Iterator[Path]:
    size = 0
    for file in report_files(corpus):
        if limit_bytes is not None and size >= limit_bytes:
            return
        size += file.byte_size
        yield file.path


def time_stages(corpus: Path, reference: Reference | None = None,
                limit_bytes: int | None = None) -> dict[str, Any]:
    """Per-stage seconds, MB/s, reports/s and mentions/s over the corpus (or its first
    `limit_bytes`), in this process."""
    reference = reference or Reference.from_seed_files()
    clock = Clock()
    files = size = mentions = loaded = 0
    started = time.perf_counter()
    for path in _report_files(corpus, limit_bytes):
        files += 1
        size += path.stat().st_size
        rows = stage_rows(path, reference, clock)
        if rows is not None:
            loaded += 1
            mentions += len(rows)
    wall = time.perf_counter() - started
    mb = size / 1e6
    stages = {}
    for stage, seconds in clock.seconds.items():
        stages[stage] = rates(seconds, mb, files, mentions)
    return {"files": files, "loaded": loaded, "mb": round(mb, 3), "mentions": mentions,
            "stages": stages, "total": rates(wall, mb, files, mentions)}


def rates(seconds: float, mb: float, reports: int, mentions: int) -> dict[str, float]:
    """A stage's figures: wall seconds and what it got through per second."""
    per = (lambda n: round(n / seconds, 2)) if seconds > 0 else (lambda n: None)
    return {"seconds": round(seconds, 3), "mb_per_s": per(mb), "reports_per_s": per(reports),
            "mentions_per_s": per(mentions)}
