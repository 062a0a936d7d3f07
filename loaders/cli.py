"""`keji`: build the warehouse behind a quality gate, and look inside it.

    keji build [--corpus DIR] [--db FILE] [--strict] [--wait] [--allow-empty] [--quiet]
               [--full-refresh]
                            load the corpus, run dbt build (models + tests), validate the
                            expectations, and only then publish WAREHOUSE_DB atomically;
                            incremental from the published warehouse where it can be
    keji validate [--db FILE]
                            run the expectations on the published warehouse
    keji review [--db FILE] [--out DIR]
                            write the review site: every number in its report's text
    keji extract FILE...    print the quantities found in report files (no database)

The build writes a private copy next to the target and renames it over the target
only when every gate passed, so readers of the published file never see a half
build and a failed build leaves the last good warehouse in place.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from loaders import settings
from loaders.terminal import LoadStats, Output

if TYPE_CHECKING:
    from expectations.validate import ValidationReport
    from loaders.publish import Copying

ENV_DEBUG = "KEJI_DEBUG"   # set to see tracebacks instead of one-line errors (and dbt's debug log)
ENV_TIMINGS = "KEJI_TIMINGS"   # a file: `keji build` writes its steps' timings there (bench/)
_STEP_SECONDS: dict[str, float] = {}


def _timed(step: str, call, *args):
    """`call(*args)`, its wall time added to the build's timings under `step`."""
    started = time.perf_counter()
    try:
        return call(*args)
    finally:
        _STEP_SECONDS[step] = _STEP_SECONDS.get(step, 0.0) + time.perf_counter() - started


def _write_timings(work: Path | None, target: Path) -> None:
    """With KEJI_TIMINGS=FILE: the steps' wall times and dbt's per-node timings as JSON,
    for the benchmark, which cannot see inside the build's private folders. `work` None:
    dbt did not run (the published warehouse was current), no nodes."""
    path = os.environ.get(ENV_TIMINGS)
    if not path:
        return
    nodes = []
    # dbt's target folder: the build's own, or one kept between builds beside the target
    found = [p for p in (work / "target" / "run_results.json",
                         target.with_name(f".{target.name}.cache") / "dbt-target" /
                         "run_results.json") if p.is_file()] if work is not None else []
    try:
        newest = max(found, key=lambda p: p.stat().st_mtime)
        results = json.loads(newest.read_text(encoding="utf-8"))
        nodes = [{"node": r["unique_id"], "status": r["status"],
                  "seconds": r["execution_time"]} for r in results["results"]]
    except (OSError, ValueError, KeyError):   # no dbt run finished: steps only
        pass
    Path(path).write_text(json.dumps({"steps": _STEP_SECONDS, "dbt_nodes": nodes}, indent=1),
                          encoding="utf-8")

# Where keji's messages go; `main` sets the command's own (with --quiet).
_OUT = Output("build")


class Interrupted(Exception):
    """The build received SIGTERM or SIGHUP; raised so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """In the dbt child: be killed when `keji` dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class DbtChild:
    """dbt's child process, started before the build knows whether to run dbt or how
    (loaders/dbt_child.py): it imports dbt (~1.6 s) while the corpus is checked and the
    published warehouse copied, then runs the one command `_run_dbt` hands it."""

    _CODE = "import sys; from loaders.dbt_child import main; sys.exit(main())"

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-c", self._CODE], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)

    def take(self, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen | None:
        """The child, running dbt with `args` in `cwd` under `env`; None where it is gone
        (the caller starts dbt itself)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None or process.stdin is None:
            return None
        try:
            process.stdin.write((json.dumps({"args": args, "env": env, "cwd": str(cwd)})
                                 + "\n").encode())
            process.stdin.close()
        except OSError:   # it died meanwhile
            process.kill()
            process.wait()
            return None
        return process

    def discard(self) -> None:
        """End the child unused (it has only imported dbt: nothing to wait for)."""
        process, self.process = self.process, None
        if process is None:
            return
        process.kill()
        process.wait()
        if process.stdin is not None:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()


def _run_dbt(args: list[str], db: Path, corpus: Path, work: Path,
             cache: Path | None = None, engine: str | None = None,
             handed: Path | None = None, started: DbtChild | None = None) -> bool:
    """Run a dbt command against `db` in a child process; True when it succeeded.

    A child process, because dbt-duckdb keeps its connection open for the life of
    the process, and DuckDB lets one process hold a file in one mode only: the
    expectations must open the built file read-only afterwards. The child stays in
    the build's process group (killing the group kills both), dies with `keji`
    (PR_SET_PDEATHSIG), and is stopped when the build is interrupted.

    dbt runs in `db`'s folder and names the file relatively, and keeps its target
    folder in `cache`: the profile is then the same from build to build and dbt
    parses only the files that changed (a full parse costs ~10 s).

    `handed` is the corpus as the build's check listed it (loaders.cache.hand_over): an
    incremental raw_reports builds from it, and the progress counts it, instead of
    listing the corpus again.

    `started`: a child started earlier, dbt imported already (`DbtChild`), to run the
    command in; else a new child runs dbt's command line.
    """
    env = {**os.environ, settings.ENV_DB: db.name, settings.ENV_CORPUS: str(corpus),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
           settings.ENV_PROGRESS: str(work / PROGRESS_FILE),
           settings.ENV_LISTING: str(work / LISTING_FILE)}
    target_path = work / "target"
    if cache is not None:
        env[settings.ENV_CACHE] = str(cache)
        target_path = cache / "dbt-target"
    if engine is not None:
        env[settings.ENV_ENGINE] = engine
    if handed is not None:
        env[settings.ENV_LISTED] = str(handed)
    project = str(settings.DBT_PROJECT_DIR)
    dbt = Path(sys.executable).with_name("dbt")
    arguments = [*args, *dbt_output_flags(), "--project-dir", project, "--profiles-dir",
                 project, "--target-path", str(target_path), "--log-path", str(work / "logs")]
    child = started.take(arguments, env, db.parent) if started is not None else None
    if child is None:
        child = subprocess.Popen([str(dbt), *arguments], env=env, cwd=db.parent,
                                 preexec_fn=_die_with_parent,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        with _following(child, work, corpus, handed):   # relays dbt's lines, shows the loaders' progress
            return child.wait() == 0
    except BaseException:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise


# ------------------------------------------------------------ output of a build (review)
# dbt prints only errors, without colour, on keji's pipe; its log (info level: every node
# with its status, time and errors) stays in the build's folder, `logs/dbt.log` (kept with
# a rejected build). With KEJI_DEBUG the log is at debug level (every statement dbt sends):
# writing those lines cost ~1 s of a small build's ~8 s of dbt, on 4 threads that take
# turns at the log file's lock.
DBT_OUTPUT_FLAGS = ("--quiet", "--no-use-colors", "--no-use-colors-file")


def dbt_output_flags() -> tuple[str, ...]:
    """dbt's output flags for a build: quiet on the pipe, the file log's level by KEJI_DEBUG."""
    level = "debug" if os.environ.get(ENV_DEBUG) else "info"
    return (*DBT_OUTPUT_FLAGS, "--log-level-file", level)


STAGING_FILE = "build.duckdb"   # the private warehouse a build writes, in the build's folder
PROGRESS_FILE = "progress.txt"   # the loaders' progress lines, in the build's folder
LISTING_FILE = "listing.parquet"   # the corpus as raw_reports listed it, in the build's folder
HANDED_FILE = "listed.arrow"   # the corpus as the build's check listed it, for raw_reports


def _corpus_totals(corpus: Path) -> tuple[int, int]:
    """Files and bytes of the corpus, as the loaders will count them (the bar's 100%)."""
    from loaders.corpus import iter_corpus_files

    files = size = 0
    for file in iter_corpus_files(corpus):
        files += 1
        size += file.byte_size
    return files, size


def _following(child: subprocess.Popen, work: Path, corpus: Path, handed: Path | None = None
               ) -> AbstractContextManager[None]:
    """The context in which dbt runs: its output relayed, the loaders' progress shown."""
    if handed is not None:
        from loaders.cache import handed_over

        files, size = handed_over(handed).totals()
    else:
        files, size = _corpus_totals(corpus) if corpus.is_dir() else (0, 0)
    return _OUT.following(child, work / PROGRESS_FILE, files, size)


def warehouse_figures(db: Path) -> dict[str, Any]:
    """The figures of a built warehouse that a build's summary states."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        def one(sql: str) -> tuple:
            return con.sql(sql).fetchall()[0]

        facts, mapped, headline = one("""
            select count(*), count(*) filter (where i.indicator_code != 'unmapped'),
                   count(*) filter (where i.is_headline)
            from marts.fct_indicator_value f
            join marts.dim_indicator i on i.indicator_key = f.indicator_key""")
        return {
            "reports": one("select count(*) from marts.dim_document")[0],
            "facts": facts, "mapped": mapped, "headline": headline,
            "unmapped_phrases": one("select count(*) from marts.unmapped_indicator_phrases")[0],
            "problems": con.sql("select problem, count(*) from marts.load_problems "
                                "group by 1 order by 2 desc, 1").fetchall(),
        }
    finally:
        con.close()


def summary_lines(figures: dict[str, Any], report: ValidationReport, load: LoadStats | None,
                  target: Path) -> list[str]:
    """The summary of a published build, one aspect a line (pure: tested on its own)."""
    facts, mapped = figures["facts"], figures["mapped"]
    share = f"{mapped / facts:.1%}" if facts else "–"
    problems = sum(count for _, count in figures["problems"])
    kinds = ", ".join(f"{kind} {count}" for kind, count in figures["problems"])
    evaluated = sum(result.evaluated for result in report.results.values())
    warned = len(report.failures) - len(report.blocking_failures)
    read = (f" of {load.files:,} files read ({load.bytes / 1e6:.1f} MB in {load.seconds:.1f} s, "
            f"{load.mb_per_second:.2f} MB/s)") if load else ""
    size = target.stat().st_size / 1e6 if target.exists() else 0.0
    return [
        f"  reports       {figures['reports']:,} loaded{read}",
        f"  facts         {facts:,}: {mapped:,} mapped to an indicator ({share}), "
        f"{figures['headline']:,} of headline indicators; "
        f"{figures['unmapped_phrases']:,} unmapped phrases",
        f"  problems      {problems:,}{': ' + kinds if kinds else ''}",
        f"  expectations  {'passed' if report.success else 'FAILED'}: {evaluated} in "
        f"{len(report.results)} suites, {len(report.blocking_failures)} failed, {warned} warnings",
        f"  warehouse     {target} ({size:.1f} MB); `keji review` shows it as web pages",
    ]


def _print_summary(target: Path, report: ValidationReport) -> None:
    if _OUT.quiet:
        return
    for line in ["keji build: summary",
                 *summary_lines(warehouse_figures(target), report, _OUT.load, target)]:
        print(line, file=_OUT.out, flush=True)


def _load_summary(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {}
        for table in ("dim_document", "fct_indicator_value", "load_problems"):
            counts[table] = con.sql(f"select count(*) from marts.{table}").fetchall()[0][0]
        return counts
    finally:
        con.close()


def _say(message: str, error: bool = False) -> None:
    _OUT.say(message, error)


def rejected_path(target: Path) -> Path:
    """Where the last rejected build of `target` is kept (its file and dbt's logs)."""
    return target.with_name(f".{target.name}.rejected")


def _reject(work: Path, target: Path, step: str, message: str) -> int:
    """Keep the failed build for inspection, say what failed and where it is; exit 1."""
    kept = rejected_path(target)
    try:
        if kept.exists():
            shutil.rmtree(kept)
        os.replace(work, kept)
        where = f"the rejected build is kept in {kept}"
    except OSError as err:
        where = f"the rejected build could not be kept ({err.strerror})"
    _say(f"FAILED at {step}: {message}; {where}; the published warehouse {target} "
         "was left unchanged", error=True)
    return 1


def _has_report_file(corpus: Path) -> bool:
    """Whether the corpus holds at least one file that may be a report (by name and size)."""
    from loaders.corpus import iter_corpus_files

    return any(file.source_name.lower().endswith(settings.TEXT_SUFFIXES) and file.byte_size > 0
               for file in iter_corpus_files(corpus))


def _published_documents(target: Path) -> int | None:
    """Documents in the warehouse now published at `target`, None when it cannot be read."""
    import duckdb

    if not target.is_file():
        return None
    try:
        con = duckdb.connect(str(target), read_only=True)
        try:
            return con.sql("select count(*) from marts.dim_document").fetchall()[0][0]
        finally:
            con.close()
    except duckdb.Error:
        return None


# A build with fewer than this share of the published warehouse's documents is warned about.
DOCUMENT_DROP_WARNING = 0.5


def _unwritable(err: OSError, target: Path) -> int:
    """Say, in one line, that the target's folder cannot be written; exit status 2."""
    folder = Path(err.filename) if err.filename else target.parent
    folder = folder if folder.is_dir() or not folder.parent.exists() else folder.parent
    _say(f"cannot write in folder {folder} ({err.strerror or err}); the build writes its "
         f"private copy and a lock beside {target}: make the folder writable or set "
         f"{settings.ENV_DB} to a file in a writable folder", error=True)
    return 2


def build(strict: bool = False, wait: bool = False, allow_empty: bool = False,
          engine: str | None = None, full_refresh: bool = False) -> int:
    """Build, test, validate and publish the warehouse; the exit code of `keji build`.

    `engine` reads the files not yet in the target's cache: `local` (default) or `dask`.
    The build starts from a copy of the published warehouse when that was built by the
    same code and reference data (only the reports new, changed or gone are re-derived),
    else, or with `full_refresh`, from nothing."""
    from loaders.publish import BuildBusy, acquire_lock, remove_stale_work, work_prefix

    corpus, target = settings.corpus_dir(), settings.warehouse_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = acquire_lock(target, wait, on_wait=lambda pid: _say(
            f"waiting for another build of {target} (pid {pid}) to finish"))
    except BuildBusy as busy:
        _say(f"{busy}; wait for it to finish, or run `keji build --wait`", error=True)
        return 3
    except OSError as err:
        return _unwritable(err, target)
    try:
        stale = remove_stale_work(target)
        if stale:
            _say(f"removed {len(stale)} private folder(s) left by killed builds of {target}")
        if not corpus.is_dir():
            what = "is a file, not a folder" if corpus.exists() else "does not exist"
            _say(f"corpus folder {corpus} {what}; set {settings.ENV_CORPUS} to the folder "
                 "that holds the reports", error=True)
            return 2
        if not allow_empty and not _has_report_file(corpus):
            _say(f"corpus folder {corpus} holds no report file "
                 f"({' '.join(settings.TEXT_SUFFIXES)}, not empty); nothing was published "
                 "(run with --allow-empty to publish an empty warehouse)", error=True)
            return 1
        started = time.perf_counter()
        _say(f"corpus {corpus} -> {target}")
        # a private folder beside the target, unique to this build: the rename that
        # publishes stays on one file system
        try:
            work = Path(tempfile.mkdtemp(prefix=f"{work_prefix(target)}{os.getpid()}-",
                                         dir=target.parent))
        except OSError as err:
            return _unwritable(err, target)
        previous = {signum: signal.signal(signum, _raise_interrupted)
                    for signum in (signal.SIGTERM, signal.SIGHUP)}
        copying: Copying | None = None
        handed: Path | None = None
        dbt_ran: Path | None = work
        # dbt imported while the corpus is checked (and the published warehouse copied)
        dbt_child = DbtChild()
        try:
            if not full_refresh:
                # the copy an incremental build starts from, made while the corpus is listed
                copying = _timed("check", _start_copy, target, work / STAGING_FILE)
                current = _timed("check", _published_is_current, corpus, target,
                                 work / HANDED_FILE)
                if isinstance(current, Current):
                    dbt_ran = None
                    return _nothing_to_build(current, target, strict, allow_empty, started)
                handed = current
            return _build_in(work, corpus, target, strict, allow_empty, started, engine,
                             full_refresh, copying, handed, dbt_child)
        except (Interrupted, KeyboardInterrupt) as stop:
            name = stop.args[0] if isinstance(stop, Interrupted) else "SIGINT"
            _say(f"interrupted by {name}: dbt stopped, private files removed; the published "
                 f"warehouse {target} was left unchanged", error=True)
            return 128 + getattr(stop, "signum", signal.SIGINT)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            if copying is not None:   # not taken by the build: the check found it current
                copying.cancel()
            dbt_child.discard()       # unused: nothing was built
            _write_timings(dbt_ran, target)
            shutil.rmtree(work, ignore_errors=True)
    finally:
        os.close(lock)


def _start_copy(target: Path, db: Path) -> Copying | None:
    from loaders.cache import warehouse_key
    from loaders.publish import start_copy

    return start_copy(target, db, warehouse_key())


class Current(NamedTuple):
    """A published warehouse found to hold the corpus as it is, and how that was seen."""

    published: Any    # loaders.publish.Published
    files: int        # files of the corpus
    hashed: int       # of them read and hashed (their stat was not the one recorded)


def _published_is_current(corpus: Path, target: Path, handed: Path) -> Current | Path | None:
    """The published warehouse when a build would change nothing in it; else, when the
    build will start from a copy of it (same key), `handed`, where the listing made to
    check was written for the build (loaders.cache.hand_over); else None.

    That is when it was built under the same key (loader code, seeds, dbt project,
    libraries) and passed the same gate, no file of it is to be read again (`error`,
    `too_slow`), and the corpus lists as its build listed it: the same files under the
    same names with the same bytes (read only where a file's stat is not the one
    recorded in the cache's manifest) and the same decisions (skipped, duplicates)."""
    from loaders.cache import (cache_dir, collector_paused, gate_key, hand_over, list_corpus,
                               warehouse_key)
    from loaders.publish import published_state, same_listing

    state = published_state(target)
    if state is None or state.key != warehouse_key():
        return None
    with _OUT.status("checking the corpus against the published warehouse"), collector_paused():
        listing, manifest = list_corpus(corpus, cache_dir(target))
        identity = listing.identity()
        if not state.retried and state.gate == gate_key() and same_listing(target, identity):
            return Current(state, len(listing.decided) + len(listing.items), manifest.hashed)
        hand_over(listing, manifest, handed, identity)
    return handed


def _nothing_to_build(current: Current, target: Path, strict: bool, allow_empty: bool,
                      started: float) -> int:
    """Say that the published warehouse is current and leave it as it is; exit 0, or 1
    where a build of the same corpus would be rejected (--strict, an empty warehouse)."""
    state = current.published
    kept = f"the published warehouse {target} holds the corpus as it is and was left unchanged"
    if not state.documents and not allow_empty:
        _say(f"FAILED at an empty corpus: no file of the corpus could be loaded as a report "
             f"({state.problems} load problems, see marts.load_problems); {kept}; run with "
             "--allow-empty to accept an empty warehouse", error=True)
        return 1
    if strict and state.problems:
        _say(f"FAILED at --strict: {state.problems} load problems (see marts.load_problems); "
             f"{kept}", error=True)
        return 1
    checked = (f"{current.files:,} files unchanged, {current.hashed:,} of them read to "
               f"check their bytes")
    _say(f"current: {target} already holds this corpus ({checked}): {state.documents} "
         f"documents, {state.facts} facts, {state.problems} load problems; nothing rebuilt, "
         f"in {time.perf_counter() - started:.1f} s (--full-refresh rebuilds it)")
    return 0


# What an incremental build runs: under the same key (loaders.cache.warehouse_key) the
# seeds, the models that read only seeds and every unit test are as the published build
# left them and passed, so only raw_reports and what derives from it is built and tested.
INCREMENTAL_SELECTION = ("--select", "raw_reports+", "--exclude-resource-type", "unit_test")


def _build_in(work: Path, corpus: Path, target: Path, strict: bool, allow_empty: bool,
              started: float, engine: str | None = None, full_refresh: bool = False,
              copying: Copying | None = None, handed: Path | None = None,
              dbt_child: DbtChild | None = None) -> int:
    from loaders.cache import Manifest, cache_dir, gate_key, warehouse_key
    from loaders.publish import (PublishError, build_watermark, publish, record_key, seal,
                                 start_build, verify)

    staging = work / STAGING_FILE
    # the loaders' output and dbt's parse, kept beside the target between builds
    cache = cache_dir(target)
    cache.mkdir(exist_ok=True)
    if full_refresh:   # every file read and hashed again, whatever its stat says
        Manifest.forget(cache)
    # incremental: start from a copy of the published warehouse built under the same key
    key = warehouse_key()
    full = _timed("start", start_build, target, staging, key, full_refresh, copying)
    _say("incremental build: from a copy of the published warehouse, the reports new, "
         "changed or gone since" if full is None else f"full build: {full}")
    # the per-row expectations judge the reports loaded after it (None: every report)
    since = build_watermark(staging) if full is None else None
    if not _timed("dbt build", _run_dbt, ["build", *(INCREMENTAL_SELECTION if full is None else ())],
                  staging, corpus, work, cache, engine, handed if full is None else None,
                  dbt_child):
        return _reject(work, target, "dbt build",
                       "models or tests failed (dbt's output above, its logs in logs/)")
    from loaders.cache import last_fill

    loaded = last_fill(cache)
    if loaded is not None:
        known = (f"; {loaded['known']} of {loaded['known'] + loaded['hashed']} files known by "
                 "their stat, not read to hash" if "known" in loaded else "")
        _say(f"loaders: {loaded['read']} files read ({loaded['engine']}), {loaded['reused']} "
             f"taken from the cache {cache}{known}")
    try:
        _timed("seal", record_key, staging, key, gate_key(), work / LISTING_FILE)
        built = _timed("seal", seal, staging)
        _timed("seal", verify, staging, built)
    except PublishError as err:
        return _reject(work, target, err.step, str(err))

    summary = _load_summary(staging)
    if not summary["dim_document"] and not allow_empty:
        return _reject(work, target, "an empty corpus",
                       f"no file of {corpus} could be loaded as a report "
                       f"({summary['load_problems']} load problems, see marts.load_problems); "
                       "run with --allow-empty to publish an empty warehouse")
    if strict and summary["load_problems"]:
        return _reject(work, target, "--strict",
                       f"{summary['load_problems']} load problems (see marts.load_problems)")

    from expectations.validate import validate_warehouse

    with _OUT.status("validating the expectations"):
        report = _timed("expectations", lambda: validate_warehouse(staging, since=since))
    for failure in report.failures:
        _say(failure.describe(), error=True)
    _say(report.summary().replace(str(staging), "the private build"))
    if not report.success:
        return _reject(work, target, "the quality gate", "critical expectations failed")

    before = _published_documents(target)
    drop = ""
    if before and summary["dim_document"] < DOCUMENT_DROP_WARNING * before:
        drop = (f"; WARNING: {summary['dim_document']} documents against {before} in the "
                f"warehouse it replaced ({summary['dim_document'] / before - 1:.0%}): is "
                f"{settings.ENV_CORPUS} the corpus you meant?")
    try:
        notes = _timed("publish", publish, staging, target)
    except PublishError as err:
        return _reject(work, target, err.step, str(err))
    for note in notes:
        _say(note)
    elapsed = time.perf_counter() - started
    _print_summary(target, report)
    _say(f"published {target}: {summary['dim_document']} documents, "
         f"{summary['fct_indicator_value']} facts, {summary['load_problems']} load problems "
         f"in {elapsed:.1f} s{drop}")
    if drop:
        _say(drop.removeprefix("; "), error=True)
    return 0


def _warehouse_problem(db: Path, err: Exception) -> str:
    """One line saying why `db` cannot be validated and what to do."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if db.is_dir():
        return f"{db} is a folder; set {settings.ENV_DB} to a warehouse file"
    if isinstance(err, FileNotFoundError) or not db.exists():
        return (f"no warehouse file at {db}; build one with `keji build`, or set "
                f"{settings.ENV_DB} to an existing warehouse")
    if "not a valid DuckDB database" in text:
        return (f"{db} is not a DuckDB database; set {settings.ENV_DB} to a warehouse "
                "built by `keji build`")
    if "lock" in text.lower():
        return (f"{db} is open for writing by another process ({text}); validate again "
                "when it is closed")
    if isinstance(err, PermissionError):
        return f"cannot read {db} (permission denied); make it readable"
    return f"cannot read {db}: {text}"


def validate() -> int:
    """Run the expectations on the published warehouse."""
    import duckdb

    from expectations.validate import validate_warehouse

    db = settings.warehouse_path()
    try:
        report = validate_warehouse(db)
    except (OSError, duckdb.Error) as err:
        print(f"keji validate: {_warehouse_problem(db, err)}", file=sys.stderr)
        return 2
    for failure in report.failures:
        print(failure.describe())
    if not _OUT.quiet or not report.success:
        print(report.summary())
    from loaders.publish import wal_of

    if wal_of(db).exists():
        print(f"keji validate: WARNING: {wal_of(db)} exists and every reader replays it onto "
              "the warehouse; unless a client has the warehouse open for writing it is stale "
              "(a crash): move it aside or rebuild with `keji build`", file=sys.stderr)
    return 0 if report.success else 1


def review(out: Path | None) -> int:
    """Write the review site of the published warehouse (read-only) into `out`."""
    import duckdb

    from review import SiteError, write_site

    db = settings.warehouse_path()
    out = (out or default_review_folder(db)).resolve()
    if not db.is_file():
        print(f"keji review: {_warehouse_problem(db, FileNotFoundError(db))}", file=sys.stderr)
        return 2
    try:
        site = write_site(db, out)
    except SiteError as err:
        print(f"keji review: {err}", file=sys.stderr)
        return 2
    except duckdb.Error as err:
        print(f"keji review: {_warehouse_problem(db, err)}", file=sys.stderr)
        return 2
    _OUT.say(f"{site.reports:,} reports, {site.facts:,} facts, {site.charts} headline charts; "
             f"open {site.index}")
    return 0


def default_review_folder(db: Path) -> Path:
    """`<warehouse name>-review/` beside the warehouse file: `warehouse-review/`."""
    return db.with_name(f"{db.stem}-review")


def extract(files: list[Path]) -> int:
    """Print the quantities found in report files, one JSON object per line.

    A file that cannot be read as a report gets one line on stderr naming it and
    why; the others are still read, and the exit status is 1.
    """
    from loaders.clean import clean_text
    from loaders.decode import decode_bytes
    from loaders.pipeline import Reference
    from loaders.records import DecodeError

    extractor = None
    failed = 0
    for file in files:
        try:
            if file.is_dir():
                raise IsADirectoryError(f"{file} is a folder; give report files, "
                                        f"e.g. {file}/*.txt")
            text = clean_text(decode_bytes(file.read_bytes()).text)
        except DecodeError as err:
            print(f"keji extract: {file}: {err.problem}: {err.detail.removesuffix('; skipped')}; "
                  "not a report file (give a .txt or .html report)", file=sys.stderr)
            failed += 1
            continue
        except OSError as err:
            reason = (str(err) if isinstance(err, IsADirectoryError) and not err.errno
                      else f"{file}: {err.strerror or err}")
            hint = {FileNotFoundError: "; check the path",
                    PermissionError: "; make it readable"}.get(type(err), "")
            print(f"keji extract: {reason}{hint}", file=sys.stderr)
            failed += 1
            continue
        extractor = extractor or Reference.from_seed_files().extractor
        for mention in extractor.extract(text):
            record = {"file": str(file), "span": [mention.char_start, mention.char_end],
                      "text": mention.number_text, "value_raw": mention.value_raw,
                      "unit_raw": mention.unit_raw, "phrase": mention.indicator_phrase,
                      "measure": mention.measure, "fact_type": mention.fact_type,
                      "bound": mention.bound}
            print(json.dumps(record, ensure_ascii=False))
    return 1 if failed else 0


HELP_EPILOG = f"""\
environment (a flag wins over its variable):
  {settings.ENV_CORPUS}   the corpus folder (--corpus); default seeds/reports/
  {settings.ENV_DB}       the warehouse file (--db); default warehouse.duckdb
  {settings.ENV_WORKERS}       processes reading reports; default one per core
  {settings.ENV_FILE_SECONDS}  seconds one file may take to be read; default {settings.FILE_SECONDS:.0f}
  {ENV_DEBUG}         set to see tracebacks instead of one-line errors, and to
                     keep dbt's log of a build at debug level (logs/dbt.log)
  NO_COLOR           no colour even on a terminal

exit status:
  0      success
  1      a build or its gate failed (the published warehouse is left as it was),
         validation failed, or a file given to extract could not be read
  2      bad setup: a missing corpus, a folder that cannot be written, a warehouse
         that cannot be read, a bad argument
  3      another build of the same warehouse is running (use --wait)
  128+N  stopped by signal N (130: Ctrl-C, 143: SIGTERM)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keji", description=__doc__.splitlines()[0],
                                     epilog=HELP_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, metavar="FILE",
                    help=f"the warehouse file (default: ${settings.ENV_DB}, else warehouse.duckdb)")
    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("-q", "--quiet", action="store_true",
                       help="print only warnings and errors")
    build_cmd = sub.add_parser("build", parents=[db, quiet],
                               help="load, transform, test, validate and publish",
                               epilog=HELP_EPILOG,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    build_cmd.add_argument("--corpus", type=Path, metavar="DIR",
                           help=f"the folder of reports (default: ${settings.ENV_CORPUS}, "
                                "else seeds/reports)")
    build_cmd.add_argument("--strict", action="store_true",
                           help="fail the build when any file could not be loaded")
    build_cmd.add_argument("--allow-empty", action="store_true",
                           help="publish even when no report of the corpus could be loaded")
    build_cmd.add_argument("--wait", action="store_true",
                           help="wait for another build of the same file instead of exiting")
    build_cmd.add_argument("--full-refresh", action="store_true",
                           help="build from nothing, not from a copy of the published "
                                "warehouse, and read every file to hash it, whatever its "
                                "stat (the loaders' cached rows are still used)")
    build_cmd.add_argument("--engine", choices=settings.ENGINES, default=None,
                           help=f"what reads files not yet cached (default: "
                                f"${settings.ENV_ENGINE}, else local)")
    sub.add_parser("validate", parents=[db, quiet],
                   help="run the expectations on the published warehouse")
    review_cmd = sub.add_parser("review", parents=[db, quiet],
                                help="write the review site (static web pages) of the warehouse")
    review_cmd.add_argument("--out", type=Path, metavar="DIR",
                            help="the site's folder (default: <warehouse>-review/ beside the "
                                 "warehouse file); replaced whole by each run")
    extract_cmd = sub.add_parser("extract", help="print the quantities found in files")
    extract_cmd.add_argument("files", nargs="+", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    global _OUT
    args = _parser().parse_args(argv)
    # the flags become the variables, so that dbt's child process reads the same
    if getattr(args, "db", None) is not None:
        os.environ[settings.ENV_DB] = str(args.db)
    if getattr(args, "corpus", None) is not None:
        os.environ[settings.ENV_CORPUS] = str(args.corpus)
    _OUT = Output(args.command, quiet=getattr(args, "quiet", False))
    try:
        if args.command == "build":
            return build(strict=args.strict, wait=args.wait, allow_empty=args.allow_empty,
                         engine=args.engine, full_refresh=args.full_refresh)
        if args.command == "validate":
            return validate()
        if args.command == "review":
            return review(args.out)
        return extract(args.files)
    except Exception as err:  # noqa: BLE001 - one line, not a traceback, for any command
        if os.environ.get(ENV_DEBUG):
            raise
        where = f" ({err.filename})" if getattr(err, "filename", None) else ""
        print(f"keji {args.command}: {type(err).__name__}{where}: "
              f"{(str(err).strip().splitlines() or [''])[0]} "
              f"(set {ENV_DEBUG}=1 to see the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
