"""read -> decode -> clean -> extract -> resolve, one report at a time.

`read_report` is the whole per-file path and is pure given the bytes;
`raw_report_batches` walks a corpus folder and yields Arrow record batches of
one row per file, so the dbt Python model `raw_reports` can stream a corpus of
any size into DuckDB without holding it in memory. A file that fails anywhere
becomes a row with a non-`loaded` status and its problems; the rest goes on.

A file may take at most `KEJI_FILE_SECONDS` (settings.FILE_SECONDS, 20 s) to read; past
that it is `too_slow` and skipped. The budget is held by checks between the steps (and
every few hundred numbers inside extraction and fact periods), which work the same in a
pool worker and in-process, where dbt may run the model in a thread that cannot take
signals; in a process's main thread an alarm (SIGALRM) also stops a step that runs on
between checks. Extraction is linear in the text's length, so the checks come often.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, Union

import pyarrow as pa

from loaders import native
from loaders.clean import clean_text, find_title
from loaders.corpus import CorpusFile, iter_corpus_files, read_and_hash
from loaders.decode import decode_bytes
from loaders.extract import SAME_PERIOD_LAST_YEAR_CUE, WHOLE_YEAR_CUE, Extractor
from loaders.gazetteer import Gazetteer
from loaders.period import (
    FactPeriodInfo,
    arabic_years,
    fact_periods,
    is_plan_title,
    page_dates,
    resolve_document_period,
)
from loaders.records import DecodeError, PeriodResolution, QuantityMention
from loaders.region import has_subdivisions, mark_subdivision_parts, resolve_region, subdivision_parts
from loaders.settings import (
    ENV_WORKERS,
    MAX_FILE_BYTES,
    PARALLEL_MIN_FILES,
    PARALLEL_WINDOW,
    TEXT_SUFFIXES,
    file_seconds,
)

log = logging.getLogger(__name__)

Rows = Iterable[Mapping[str, Any]]

PROBLEM_TYPE = pa.struct([("problem", pa.string()), ("detail", pa.string())])
MENTION_TYPE = pa.struct([
    ("char_start", pa.int32()), ("char_end", pa.int32()),
    ("number_text", pa.string()), ("value_raw", pa.float64()), ("unit_raw", pa.string()),
    ("numeral", pa.string()), ("indicator_phrase", pa.string()),
    ("quote", pa.string()), ("quote_start", pa.int32()),
    ("measure", pa.string()), ("fact_type", pa.string()), ("bound", pa.string()),
    ("period_year", pa.int32()), ("period_type", pa.string()),
    ("period_start_month", pa.int32()), ("period_end_month", pa.int32()),
    ("period_cue", pa.string()), ("in_plan_section", pa.bool_()), ("cues", pa.string()),
])
RAW_REPORTS_SCHEMA = pa.schema([
    ("source_name", pa.string()), ("sha256", pa.string()), ("byte_size", pa.int64()),
    ("encoding", pa.string()), ("status", pa.string()),
    ("raw_text", pa.string()), ("clean_text", pa.string()), ("title", pa.string()),
    ("region_name", pa.string()), ("region_level", pa.string()),
    ("province_name", pa.string()), ("admin_code", pa.string()),
    ("region_is_masked", pa.bool_()), ("region_evidence", pa.string()),
    ("period_year", pa.int32()), ("period_type", pa.string()),
    ("period_start_month", pa.int32()), ("period_end_month", pa.int32()),
    ("period_reason", pa.string()),
    ("loaded_at", pa.timestamp("us", tz="UTC")),
    ("problems", pa.list_(PROBLEM_TYPE)),
    ("mentions", pa.list_(MENTION_TYPE)),
])


@dataclass(frozen=True)
class Reference:
    """Reference data compiled once per build: the extractor and the gazetteer."""

    extractor: Extractor
    gazetteer: Gazetteer
    rows: dict[str, list[dict[str, Any]]]  # the seed rows it was built from

    @classmethod
    def from_rows(
        cls,
        units: Rows,
        unit_prefixes: Rows,
        non_quantities: Rows,
        admin_divisions: Rows,
        regional_words: Rows = (),
    ) -> "Reference":
        rows = {"units": [dict(r) for r in units],
                "unit_prefixes": [dict(r) for r in unit_prefixes],
                "non_quantities": [dict(r) for r in non_quantities],
                "admin_divisions": [dict(r) for r in admin_divisions],
                "regional_words": [dict(r) for r in regional_words]}
        return cls(
            extractor=Extractor(rows["units"], rows["unit_prefixes"], rows["non_quantities"]),
            gazetteer=Gazetteer(rows["admin_divisions"], rows["regional_words"]),
            rows=rows,
        )

    @classmethod
    def from_seed_files(cls) -> "Reference":
        """The reference data read straight from seeds/reference/ (outside dbt)."""
        from loaders.reference import read_rows

        return cls.from_rows(read_rows("units"), read_rows("unit_prefixes"),
                             read_rows("non_quantities"), read_rows("admin_divisions"),
                             read_rows("regional_words"))

    def mentions(self, text: str, admin_code: str | None,
                 check: Callable[[str], None] | None = None) -> list[QuantityMention]:
        """The quantities of a clean text whose region is resolved (`admin_code`): the
        extractor's, with the figures of the region's own divisions and zones marked as
        parts where the region states its own."""
        return mark_subdivision_parts(self.extractor.extract(text, check), self.gazetteer, admin_code)

    def mention_table(self, text: str, dated: str, period: PeriodResolution, plan_document: bool,
                      admin_code: str | None) -> Any | None:
        """The mention rows of a report as the compiled stages' `MentionTable` (what
        `mentions`, `fact_periods` and `_mention_row` make, kept out of Python objects
        until Arrow takes them), or None where the compiled stages are not built or
        fail on the text (the caller then makes the rows in Python)."""
        compiled = native.compiled
        if compiled is None:
            return None
        try:
            table = compiled.mention_table(self.extractor.compiled_twin(), text, dated, (
                period.year, period.period_type, period.start_month, period.end_month, period.reason),
                plan_document)
        except UnicodeEncodeError:
            return None   # a lone surrogate is no UTF-8 (decoding leaves none; a caller's text may)
        except native.Error as error:
            native.failed("mention_table", error)
            return None
        if has_subdivisions(self.gazetteer, admin_code):
            table.mark_one_of(subdivision_parts(table.phrases(), table.units(), self.gazetteer, admin_code))
        return table


# the column names, read once (the schema makes a new list of them each time it is asked)
_COLUMNS = tuple(RAW_REPORTS_SCHEMA.names)


def rows_batch(rows: Sequence[Mapping[str, Any]], schema: pa.Schema = RAW_REPORTS_SCHEMA) -> pa.RecordBatch:
    """The rows as a batch of `schema`, as `pa.RecordBatch.from_pylist` makes it (a key
    left out is null), built column by column: a list of structs (a report's mentions)
    as one flat column per field and the list offsets. `from_pylist` converts each
    struct of each list value by value, ~7 % of a worker's time; this ~5× less."""
    return pa.RecordBatch.from_arrays([_column([row.get(field.name) for row in rows], field.type)
                                       for field in schema], schema=schema)


def rows_table(rows: Sequence[Mapping[str, Any]], schema: pa.Schema = RAW_REPORTS_SCHEMA) -> pa.Table:
    """The rows as a table of `schema` (`rows_batch`)."""
    return pa.Table.from_batches([rows_batch(rows, schema)], schema=schema)


def _column(values: list[Any], kind: pa.DataType) -> pa.Array:
    if not (pa.types.is_list(kind) and pa.types.is_struct(kind.value_type)):
        return pa.array(values, type=kind)
    if native.compiled is not None and any(isinstance(v, native.compiled.MentionTable) for v in values):
        if all(v is None or isinstance(v, native.compiled.MentionTable) or not v for v in values):
            return _table_column(values, kind)
        # beside rows of dicts: the tables' rows as dicts too
        values = [v.rows() if isinstance(v, native.compiled.MentionTable) else v for v in values]
    offsets, items, nulls = [0], [], []
    for value in values:
        nulls.append(value is None)
        if value is not None:
            items.extend(value)
        offsets.append(len(items))
    struct = kind.value_type
    names = [field.name for field in struct]
    fields = None
    if len(names) > 1 and items:
        try:   # the fields of every item at once (a row's mentions have every key)
            fields = list(zip(*map(itemgetter(*names), items)))
        except KeyError:
            pass
    if fields is None:
        fields = [[item.get(name) for item in items] for name in names]
    children = [_column(list(values), field.type) for values, field in zip(fields, struct)]
    return pa.ListArray.from_arrays(
        pa.array(offsets, pa.int32()), pa.StructArray.from_arrays(children, fields=list(struct)),
        type=kind, mask=pa.array(nulls, pa.bool_()) if any(nulls) else None)


def _table_column(values: list[Any], kind: pa.DataType) -> pa.ListArray:
    """The mentions column of rows whose mentions are the compiled stages' tables (or
    empty, or None): the columns of all of them written by `mention_columns` as Arrow's
    buffers, which pyarrow takes as they are."""
    offsets, tables, nulls = [0], [], []
    for value in values:
        nulls.append(value is None)
        if value:
            tables.append(value)
        offsets.append(offsets[-1] + (len(value) if value is not None else 0))
    compiled: Any = native.compiled   # (`_column` comes here only where it is built)
    buffers = compiled.mention_columns(tables)
    length = offsets[-1]
    children = []
    for field in kind.value_type:
        nulls_in, validity, value_offsets, data = buffers[field.name]
        parts = [None if validity is None else pa.py_buffer(validity)]
        if value_offsets is not None:
            parts.append(pa.py_buffer(value_offsets))
        parts.append(pa.py_buffer(data))
        children.append(pa.Array.from_buffers(field.type, length, parts, null_count=nulls_in))
    return pa.ListArray.from_arrays(
        pa.array(offsets, pa.int32()), pa.StructArray.from_arrays(children, fields=list(kind.value_type)),
        type=kind, mask=pa.array(nulls, pa.bool_()) if any(nulls) else None)


def _empty_row(file: CorpusFile, sha256: str | None, loaded_at: datetime) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(_COLUMNS)
    row.update(source_name=file.source_name, sha256=sha256, byte_size=file.byte_size,
               loaded_at=loaded_at, problems=[], mentions=[])
    return row


def _mention_row(
    mention: QuantityMention, info: FactPeriodInfo, plan_document: bool,
    document_year: int | None = None,
) -> dict[str, Any]:
    # a figure of a table's year column (`2020年`) is of that year, whatever the text says
    period: PeriodResolution = mention.period or info.period
    cue = mention.period.reason if mention.period else info.cue
    if SAME_PERIOD_LAST_YEAR_CUE in mention.cues and period.year is not None:
        # a table's `上年同期` column: the same part of the year before
        cue = f"table: 上年同期 of {period.label}"
        period = replace(period, year=period.year - 1, reason=cue)
    elif WHOLE_YEAR_CUE in mention.cues and period.year is not None and period.period_type != "year":
        # a table's `全年目标` column in a report of part of a year: the year's goal
        cue = "table: 全年目标"
        period = PeriodResolution(period.year, "year", 1, 12, cue)
    fact_type = mention.fact_type
    # in a plan, a sentence framed by an earlier year (`2023年，…`) reviews that year
    reviews = (period.year is not None and document_year is not None and period.year < document_year)
    # and so does a sentence that turns to results (截至10月底,…; 目前已…); a starting
    # point (力争从2.5%提高到2.8%) is what is, even in a plan
    in_plan = ((info.in_plan_section or plan_document) and not reviews and not info.results
               and "baseline" not in mention.cues)
    if in_plan and fact_type == "actual":
        fact_type = "target"
    return {
        "char_start": mention.char_start, "char_end": mention.char_end,
        "number_text": mention.number_text, "value_raw": mention.value_raw,
        "unit_raw": mention.unit_raw, "numeral": mention.numeral,
        "indicator_phrase": mention.indicator_phrase,
        "quote": mention.quote, "quote_start": mention.quote_start,
        "measure": mention.measure, "fact_type": fact_type, "bound": mention.bound,
        "period_year": period.year, "period_type": period.period_type,
        "period_start_month": period.start_month, "period_end_month": period.end_month,
        "period_cue": cue, "in_plan_section": in_plan,
        "cues": "|".join(mention.cues),
    }


class TooSlow(BaseException):
    """A file's reading ran past its time budget (a BaseException, so that no handler of
    ordinary errors inside the steps swallows it)."""

    def __init__(self, step: str, seconds: float) -> None:
        super().__init__(f"reading took longer than the budget of {seconds:g} s "
                         f"(set KEJI_FILE_SECONDS), stopped at {step}")
        self.step, self.seconds = step, seconds


class FileClock:
    """The time budget of one file, checked between the steps of reading it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def __call__(self, step: str) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise TooSlow(step, self.seconds)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """A hard stop after `seconds`, where signals can be used (the main thread of a process:
    a pool worker, `keji extract`); elsewhere (dbt may run the model in a thread) the
    checks between steps alone hold the budget."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise TooSlow("a step that ran past the budget (alarm)", seconds)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_report(
    file: CorpusFile, data: bytes, sha256: str, reference: Reference, loaded_at: datetime,
    check: Callable[[str], None] | None = None, columnar: bool = False,
) -> dict[str, Any]:
    """The row of one file whose bytes are not a duplicate: pure, so it can run anywhere.

    `check(step)` is called between steps (a `FileClock` raises `TooSlow` from it). Its
    `mentions` are a list of dicts; `columnar` lets them be the compiled stages'
    `MentionTable` instead, which `rows_batch` writes as Arrow columns without a Python
    object per mention (the readers that land rows ask for it)."""
    check = check or (lambda step: None)
    try:
        decoded = decode_bytes(data)
    except DecodeError as err:
        return _skipped_row(file, loaded_at, err.problem,
                            err.detail.removesuffix("; skipped"), sha256)
    check("decode")
    row = _empty_row(file, sha256, loaded_at)
    row["problems"].extend({"problem": p, "detail": d} for p, d in decoded.problems)
    text = clean_text(decoded.text)
    if not text.strip():
        return _skipped_row(file, loaded_at, "empty",
                            "no text left after removing page debris", sha256)
    check("clean")
    title = find_title(text)
    region = resolve_region(text, title, reference.gazetteer, decoded.text)
    check("region")
    # periods are read from a copy with 二〇〇五年 as 2005年 (same length, same offsets)
    dated, dated_title = arabic_years(text), arabic_years(title) if title else title
    period = resolve_document_period(dated, dated_title, page_dates(decoded.text))
    plan_document = is_plan_title(title)
    check("period")
    table = reference.mention_table(text, dated, period, plan_document, region.admin_code)
    if table is not None:
        rows: Any = table if columnar else table.rows()
    else:
        mentions = reference.mentions(text, region.admin_code, check)
        infos = fact_periods(dated, period, [(m.char_start, m.char_end) for m in mentions], check)
        rows = [_mention_row(m, info, plan_document, period.year) for m, info in zip(mentions, infos, strict=True)]
    check("periods of facts")
    row.update(
        encoding=decoded.encoding, status="loaded", raw_text=decoded.text,
        clean_text=text, title=title,
        region_name=region.region_name, region_level=region.region_level,
        province_name=region.province_name, admin_code=region.admin_code,
        region_is_masked=region.is_masked, region_evidence=region.evidence,
        period_year=period.year, period_type=period.period_type,
        period_start_month=period.start_month, period_end_month=period.end_month,
        period_reason=period.reason,
        mentions=rows,
    )
    return row


def _skipped_row(
    file: CorpusFile, loaded_at: datetime, problem: str, detail: str, sha256: str | None = None
) -> dict[str, Any]:
    """The row of a file that was not loaded: its status is the problem met."""
    log.warning("%s: %s: %s", file.source_name, problem, detail)
    row = _empty_row(file, sha256, loaded_at)
    row["status"] = problem
    row["problems"].append({"problem": problem, "detail": f"{detail}; skipped"})
    return row


def _check_file(file: CorpusFile) -> tuple[str, str] | None:
    """(problem, detail) when the file is not to be read at all, else None."""
    if not file.source_name.lower().endswith(TEXT_SUFFIXES):
        suffix = Path(file.source_name).suffix or "no suffix"
        return "unsupported", f"not a report file ({suffix})"
    if file.byte_size > MAX_FILE_BYTES:
        return "too_large", f"{file.byte_size} bytes > limit {MAX_FILE_BYTES}"
    return None


class _Read(NamedTuple):
    """A file whose bytes are to be read into a row (by a worker, or in-process)."""

    file: CorpusFile
    data: bytes | None   # None where the cache's listing took the sha256 from its manifest
    sha256: str
    loaded_at: datetime


# A unit of work: a row already decided (skipped, duplicate) or a file to read.
_Task = Union[_Read, dict[str, Any]]
_WORKER_REFERENCE: Reference | None = None


def _init_worker(rows: dict[str, list[dict[str, Any]]]) -> None:
    global _WORKER_REFERENCE
    _WORKER_REFERENCE = Reference.from_rows(**rows)


def _with_notes(row: dict[str, Any], file: CorpusFile) -> dict[str, Any]:
    """The row with the file's own notes (a name escaped to UTF-8) before its problems."""
    if file.notes:
        row["problems"][:0] = [{"problem": p, "detail": d} for p, d in file.notes]
    return row


def _run_task(task: _Task, reference: Reference | None = None, columnar: bool = False) -> dict[str, Any]:
    if not isinstance(task, _Read):
        return task
    seconds = file_seconds()
    try:
        with _alarm(seconds):
            row = read_report(task.file, task.data, task.sha256, reference or _WORKER_REFERENCE,
                              task.loaded_at, FileClock(seconds), columnar)
    except TooSlow as err:
        row = _skipped_row(task.file, task.loaded_at, "too_slow", str(err), task.sha256)
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the corpus
        log.debug("%s", traceback.format_exc())
        row = _skipped_row(task.file, task.loaded_at, "error",
                           f"{type(err).__name__}: {err}", task.sha256)
    return _with_notes(row, task.file)


def _tasks(root: Path, content: Callable[[CorpusFile], tuple[bytes | None, str]] = read_and_hash
           ) -> Iterator[_Task]:
    """The corpus in order, with skipped files and duplicates decided here.

    `content(file)` gives a file's bytes and sha256; the cache's listing passes one that
    takes the sha256 of a file whose stat did not change from its manifest, without the
    bytes (`data` None: the listing keeps only the sha256)."""
    seen: dict[str, str] = {}
    loaded_at = datetime.now(timezone.utc)
    for file in iter_corpus_files(root):
        refused = (file.problem, file.detail) if file.problem else _check_file(file)
        if refused is not None:
            yield _with_notes(_skipped_row(file, loaded_at, *refused), file)
            continue
        try:
            data, sha256 = content(file)
        except OSError as err:
            problem = "unreadable" if isinstance(err, PermissionError) else "error"
            yield _with_notes(_skipped_row(file, loaded_at, problem,
                                           f"{type(err).__name__}: {err.strerror or err}"), file)
            continue
        if sha256 in seen:
            yield _with_notes(_skipped_row(file, loaded_at, "duplicate",
                                           f"same bytes as {seen[sha256]}", sha256), file)
            continue
        seen[sha256] = file.source_name
        yield _Read(file, data, sha256, loaded_at)


def worker_count() -> int:
    """Processes reading reports: KEJI_WORKERS, else one per core."""
    return max(1, int(os.environ.get(ENV_WORKERS) or os.cpu_count() or 1))


def _run_chunk(tasks: list[_Task]) -> pa.RecordBatch:
    """In a worker: the rows of a few files as one Arrow batch.

    A batch travels back to the building process as a few column buffers, where rows
    travel as pickled dicts (every mention a dict of its own) that the building process
    must unpickle and turn into columns again: the work stays on the worker's core."""
    return rows_batch([_run_task(task, columnar=True) for task in tasks])


def _parallel_start(tasks: Iterator[_Task], workers: int) -> tuple[list[_Task], bool]:
    """The first tasks, and whether a pool of workers pays for the corpus.

    Starting processes (each imports the loaders and builds the reference) costs
    more than it saves below PARALLEL_MIN_FILES files, and one worker saves nothing."""
    if workers <= 1:
        return [], False
    first = list(islice(tasks, PARALLEL_MIN_FILES))
    return first, len(first) >= PARALLEL_MIN_FILES


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While worker processes start: the program's main module out of their sight.

    A spawned process, and a worker forked from the fork server, first imports its
    parent's `__main__` again, by its path. Inside
    `keji build` that is dbt's command line (`.venv/bin/dbt`): ~2 s of CPU per worker
    importing dbt, which the workers never use (they run functions of `loaders` only),
    and a worker reads no file before it is done."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


# what the fork server loads once for every worker it forks: the loaders (their patterns
# are compiled at import, ~0.3 s), the cache's filler and pandas, which pyarrow imports at
# a process's first Arrow batch (~0.3 s)
_SERVER_PRELOAD = ["loaders.pipeline", "loaders.cache", "pandas", "pyarrow.pandas_compat"]


def _context() -> Any:
    """Workers forked from a fork server where there is one (Linux, macOS), else spawned.

    Not forked from the building process: it runs threads (dbt's, DuckDB's), and a fork
    copies their locks in whatever state they are. A fork server is a process of its own,
    started clean (single-threaded) the first time workers are needed; it imports the
    loaders once, and each worker is a fork of it, ready at once, where a spawned worker
    starts Python and imports them again (~1 s of CPU each)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_SERVER_PRELOAD)
    return context


def _start_worker(environ: dict[str, str], initializer: Callable[..., Any],
                  initargs: tuple[Any, ...]) -> None:
    """In a worker: the building process's environment as it was when the pool started
    (a forked worker inherits the fork server's, from when the server started; settings
    such as KEJI_FILE_SECONDS are read from it), then the caller's set-up."""
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)
    initializer(*initargs)
    # what a worker holds for its life (modules, compiled patterns, the reference) out of
    # the collector's full passes, which would walk it again and again as the rows of
    # each file come and go
    gc.freeze()


@contextmanager
def worker_pool(workers: int, initializer: Callable[..., Any],
                initargs: tuple[Any, ...]) -> Iterator[Any]:
    """`workers` worker processes (`_context`), each set up once by
    `initializer(*initargs)` (the reference compiled once per worker, not sent with
    every task)."""
    context = _context()
    with _main_module_hidden():
        pool = context.Pool(workers, initializer=_start_worker,
                            initargs=(dict(os.environ), initializer, initargs))
    with pool:
        yield pool


def _pool(reference: Reference, workers: int) -> Any:
    """Worker processes that each build the reference once."""
    return worker_pool(workers, _init_worker, (reference.rows,))


def _windows(first: list[_Task], tasks: Iterator[_Task]) -> Iterator[list[_Task]]:
    """The tasks in windows of PARALLEL_WINDOW files: memory stays bounded by a window."""
    window = first
    while window:
        yield window
        window = list(islice(tasks, PARALLEL_WINDOW))


def iter_raw_rows(
    root: Path, reference: Reference, workers: int | None = None
) -> Iterator[dict[str, Any]]:
    """One row per file of the corpus, in corpus order; a failing file yields its problem.

    With several workers, files are read in windows by a pool of worker processes
    (each builds the reference once), so memory stays bounded by the window.
    """
    workers = worker_count() if workers is None else workers
    tasks = _tasks(root)
    first, parallel = _parallel_start(tasks, workers)
    if not parallel:
        yield from (_run_task(task, reference) for task in chain(first, tasks))
        return
    with _pool(reference, workers) as pool:
        for window in _windows(first, tasks):
            yield from pool.imap(_run_task, window, chunksize=4)


def raw_report_batches(
    root: Path, reference: Reference, batch_size: int = 64
) -> Iterator[pa.RecordBatch]:
    """The corpus as Arrow record batches of `RAW_REPORTS_SCHEMA`.

    In-process, batches of `batch_size` rows; with a pool of workers, each worker
    returns the batch of the files it read (`_run_chunk`, a few per batch), so the
    building process only passes the batches on.
    """
    workers = worker_count()
    tasks = _tasks(root)
    first, parallel = _parallel_start(tasks, workers)
    if parallel:
        with _pool(reference, workers) as pool:
            for window in _windows(first, tasks):
                chunks = [window[k:k + _CHUNK_FILES] for k in range(0, len(window), _CHUNK_FILES)]
                yield from pool.imap(_run_chunk, chunks)
        return
    batch: list[dict[str, Any]] = []
    for task in chain(first, tasks):
        batch.append(_run_task(task, reference, columnar=True))
        if len(batch) >= batch_size:
            yield rows_batch(batch)
            batch = []
    if batch:
        yield rows_batch(batch)


# files a worker reads into one batch: enough that a batch's schema and buffers cost
# little per file, few enough that the two workers share a window evenly
_CHUNK_FILES = 16


def raw_reports_reader(root: Path, reference: Reference) -> pa.RecordBatchReader:
    """A streaming reader over the corpus, for DuckDB to scan batch by batch."""
    return pa.RecordBatchReader.from_batches(RAW_REPORTS_SCHEMA, raw_report_batches(root, reference))
