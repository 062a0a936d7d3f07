"""Putting a private build in place of the published warehouse, all or nothing.

A build writes a private DuckDB file beside the target (same file system, so the
final rename is atomic). Before that file may replace the target it is

1. sealed: opened read-write, its marts tables counted, `CHECKPOINT`ed and closed,
   and its write-ahead log checked to be gone (DuckDB keeps committed data in the
   `.wal` until a checkpoint writes it into the file: a rename of the file alone
   would publish whatever the checkpoint did not reach, e.g. nothing on a full disk);
2. verified: reopened read-only, alone, and every marts table counted again; the
   counts must be those of step 1;
3. put in place by one `os.replace`, after a stale `<target>.wal` has been moved
   aside (DuckDB would replay it onto the new file: a crashed client's log of the
   old warehouse, applied to the new one).

Each step raises `PublishError` naming itself; the caller keeps the rejected
build and leaves the published file untouched.

`KEJI_FAULT` (settings.ENV_FAULT) injects a failure for tests: `checkpoint` fails
the checkpoint as a full disk would, `verify` makes the verification see one row
less than was built. Nothing reads it outside these two steps.
"""
from __future__ import annotations

import errno
import os
import shutil
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from loaders import settings

WAL_SUFFIX = ".wal"


class PublishError(Exception):
    """A step of sealing, verifying or publishing failed; `step` names it."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


def injected(step: str) -> bool:
    """True when KEJI_FAULT asks for a failure at `step` (comma-separated steps)."""
    faults = os.environ.get(settings.ENV_FAULT, "")
    return step in {fault.strip() for fault in faults.split(",")}


def wal_of(db: Path) -> Path:
    """DuckDB's write-ahead log of `db`: the same name plus `.wal`."""
    return db.with_name(db.name + WAL_SUFFIX)


def _first_line(err: BaseException) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def marts_counts(con) -> dict[str, int]:  # noqa: ANN001 - a duckdb connection
    """Row count of every base table of schema `marts`."""
    tables = [name for (name,) in con.sql(
        "select table_name from information_schema.tables "
        "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()]
    return {table: con.sql(f'select count(*) from marts."{table}"').fetchall()[0][0]
            for table in tables}


def seal(db: Path) -> dict[str, int]:
    """Checkpoint and close the private build; the marts row counts as built."""
    import duckdb

    try:
        con = duckdb.connect(str(db))
        try:
            counts = marts_counts(con)
            if injected("checkpoint"):
                raise OSError(f"injected fault ({settings.ENV_FAULT}=checkpoint): "
                              "No space left on device")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    except (duckdb.Error, OSError) as err:
        raise PublishError("checkpoint", f"checkpoint failed: {_first_line(err)}") from err
    wal = wal_of(db)
    if wal.exists() and wal.stat().st_size > 0:
        raise PublishError("checkpoint", f"the write-ahead log still holds {wal.stat().st_size} "
                                         "bytes after the checkpoint: the file alone is "
                                         "incomplete")
    if not counts:
        raise PublishError("checkpoint", "the build has no tables in schema marts")
    _fsync(db)
    return counts


def verify(db: Path, built: dict[str, int]) -> None:
    """Reopen the sealed file read-only, alone, and check it holds what was built."""
    import duckdb

    expected = dict(built)
    if injected("verify") and expected:
        table = "fct_indicator_value" if "fct_indicator_value" in expected else next(iter(expected))
        expected[table] += 1
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            found = marts_counts(con)
        finally:
            con.close()
    except duckdb.Error as err:
        raise PublishError("verify", f"cannot reopen the sealed build: {_first_line(err)}") from err
    for table in sorted(set(expected) | set(found)):
        if expected.get(table) != found.get(table):
            raise PublishError("verify", f"marts.{table} has {found.get(table)} rows in the "
                                         f"sealed file, {expected.get(table)} were built")


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk; best effort where unsupported."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _check_no_writer(target: Path) -> None:
    """Refuse to replace a warehouse that another process has open for writing.

    That process would write its log beside the new file and DuckDB would replay
    it there. A file that is not a DuckDB database is simply replaced.
    """
    import duckdb

    if not target.exists():
        return
    try:
        duckdb.connect(str(target), read_only=True).close()
    except duckdb.Error as err:
        message = _first_line(err)
        if "lock" in message.lower():
            raise PublishError("publish", f"{target} is open for writing by another process "
                                          f"({message}); close it and build again") from err


def set_stale_wal_aside(target: Path) -> Path | None:
    """Move `<target>.wal` aside (never replayed onto a new file); where it went, or None."""
    wal = wal_of(target)
    if not wal.exists():
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    aside = wal.with_name(f"{wal.name}.stale-{stamp}")
    os.replace(wal, aside)
    return aside


def publish(db: Path, target: Path) -> list[str]:
    """Rename the sealed, verified build over the target; the notes to print.

    A stale `<target>.wal` is moved aside before the rename (and put back if the
    rename fails, leaving the old warehouse as it was), and again after it if one
    appeared meanwhile.
    """
    notes = []
    _check_no_writer(target)
    aside = set_stale_wal_aside(target)
    if aside is not None:
        notes.append(f"moved a stale write-ahead log aside to {aside}: it belonged to the "
                     "previous warehouse and would have been replayed onto the new one")
    try:
        os.replace(db, target)
    except OSError as err:
        if aside is not None:
            os.replace(aside, wal_of(target))
        raise PublishError("publish", f"cannot rename {db} over {target}: "
                                      f"{_first_line(err)}") from err
    _fsync(target.parent)
    late = set_stale_wal_aside(target)
    if late is not None:
        notes.append(f"moved a write-ahead log that appeared during the rename aside to {late}")
    return notes


# ------------------------------------------------------------ where a build starts
# The key of everything but the corpus that the warehouse was built under
# (loaders.cache.warehouse_key) and of the gate it passed (loaders.cache.gate_key), and
# the corpus as its build listed it: written into every build before it is sealed.
KEY_TABLE = "raw.keji_warehouse_key"
LISTING_TABLE = "raw.keji_corpus_listing"
# Statuses of rows that a build reads again every time (loaders.cache.UNCACHED_STATUSES).
RETRIED_STATUSES = ("error", "too_slow")


def record_key(db: Path, key: str, gate: str | None = None, listing: Path | None = None
               ) -> None:
    """Write the warehouse key, the gate's key and the corpus listing (a Parquet file of
    loaders.cache.LISTING_SCHEMA, as raw_reports listed the corpus) into the private build,
    before it is sealed. Without a listing the build records none, and the next build
    cannot take it as current."""
    import duckdb

    try:
        con = duckdb.connect(str(db))
        try:
            con.execute(f"create or replace table {KEY_TABLE} as select ? as warehouse_key, "
                        "? as gate_key", [key, gate])
            con.execute(f"comment on table {KEY_TABLE} is 'The key of the loader code, "
                        "reference seeds and dbt project this warehouse was built under: "
                        "keji build starts the next build from a copy of it only under the "
                        "same key (loaders.cache.warehouse_key).'")
            con.execute(f"comment on column {KEY_TABLE}.warehouse_key is 'sha256 of the "
                        "loader code, seeds, dbt project and library versions (24 hex "
                        "digits).'")
            con.execute(f"comment on column {KEY_TABLE}.gate_key is 'sha256 of the "
                        "expectations (suites, queries, engine) the build passed (24 hex "
                        "digits; loaders.cache.gate_key).'")
            con.execute(f"drop table if exists {LISTING_TABLE}")
            if listing is not None and listing.is_file():
                path = str(listing).replace("'", "''")
                con.execute(f"create table {LISTING_TABLE} as select * from "
                            f"read_parquet('{path}')")
                for column, text in LISTING_COMMENTS.items():
                    target = LISTING_TABLE + (f".{column}" if column else "")
                    kind = "column" if column else "table"
                    con.execute(f"comment on {kind} {target} is '{text}'")
        finally:
            con.close()
    except duckdb.Error as err:
        raise PublishError("checkpoint", f"cannot record the warehouse key: "
                                         f"{_first_line(err)}") from err


LISTING_COMMENTS = {
    "": "The corpus as the build listed it, one row per file: keji build takes the "
        "published warehouse as current, and rebuilds nothing, when the corpus lists the "
        "same (loaders.cache.Listing.identity).",
    "source_name": "the file''s path relative to the corpus folder.",
    "sha256": "sha256 of the file''s bytes (NULL when the file was not read).",
    "byte_size": "size of the file in bytes.",
    "status": "the status the listing decided (a skipped file, a duplicate); NULL for a "
              "file handed to the loaders.",
    "problems": "the problems the listing decided, or the notes of the file''s name.",
}


def published_key(target: Path) -> str | None:
    """The key the published warehouse was built under; None when there is none to
    trust (no file, a write-ahead log beside it, a file built before keys, unreadable)."""
    import duckdb

    if not target.is_file() or wal_of(target).exists():
        return None
    try:
        con = duckdb.connect(str(target), read_only=True)
        try:
            rows = con.sql(f"select warehouse_key from {KEY_TABLE}").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return rows[0][0] if len(rows) == 1 else None


class Published(NamedTuple):
    """What a published warehouse says of itself, for taking it as current."""

    key: str
    gate: str | None
    retried: int      # files the next build must read again (error, too_slow)
    documents: int
    facts: int
    problems: int


def published_state(target: Path) -> Published | None:
    """The published warehouse's keys and counts; None when it cannot be taken as
    current whatever the corpus (no file, a write-ahead log beside it, no listing
    recorded, unreadable). Only read."""
    import duckdb

    if not target.is_file() or wal_of(target).exists():
        return None
    retried = ", ".join(f"'{status}'" for status in RETRIED_STATUSES)
    try:
        con = duckdb.connect(str(target), read_only=True)
        try:
            keys = con.sql(f"select warehouse_key, gate_key from {KEY_TABLE}").fetchall()
            con.sql(f"select count(*) from {LISTING_TABLE}").fetchall()
            [counts] = con.sql(f"""
                select (select count(*) from raw.raw_reports where status in ({retried})),
                       (select count(*) from marts.dim_document),
                       (select count(*) from marts.fct_indicator_value),
                       (select count(*) from marts.load_problems)""").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return Published(*keys[0], *counts) if len(keys) == 1 else None


def same_listing(target: Path, listing) -> bool:  # noqa: ANN001 - a pyarrow table
    """Whether the published warehouse was built from a corpus listed as `listing`
    (loaders.cache.LISTING_SCHEMA): the same files, names, contents and decisions."""
    import duckdb

    try:
        con = duckdb.connect(str(target), read_only=True)
        try:
            # a corpus of more or fewer files (the usual change) is told by its count,
            # before comparing 100,000s of rows
            [(published,)] = con.sql(f"select count(*) from {LISTING_TABLE}").fetchall()
            if published != listing.num_rows:
                return False
            con.register("keji_listing_now", listing)
            columns = ", ".join(listing.schema.names)
            [(extra, missing)] = con.sql(f"""
                select (select count(*) from (select {columns} from keji_listing_now except all
                                              select {columns} from {LISTING_TABLE})),
                       (select count(*) from (select {columns} from {LISTING_TABLE} except all
                                              select {columns} from keji_listing_now))
                """).fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return False
    return extra == 0 and missing == 0


def build_watermark(db: Path) -> datetime | None:
    """The newest `loaded_at` the build `db` recorded (raw.keji_build_state), None without."""
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.sql("select max(watermark) from raw.keji_build_state").fetchall()[0][0]
        finally:
            con.close()
    except duckdb.Error:
        return None


class Copying:
    """The published warehouse copied to a build's private file in a thread.

    An incremental build starts from such a copy (7 GB for a 1 GB corpus: ~13 s), and
    before it, `keji build` lists the corpus to see whether anything changed (~10 s at
    1 GB, on one core): started before that listing, the copy is made meanwhile, by the
    kernel (`copy_file_range`), in chunks, so that it stops within one chunk when the
    listing finds nothing to build. The published file is only read."""

    CHUNK = 64 * 1024 * 1024

    def __init__(self, source: Path, destination: Path, key: str | None = None) -> None:
        self.source, self.destination = source, destination
        self.key = key   # the warehouse key the source was found built under
        self.error: OSError | None = None
        self.taken = False   # the build started from it: it is the build's file now
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._copy, name="keji-copy", daemon=True)
        self._thread.start()

    def _copy(self) -> None:
        try:
            src = os.open(self.source, os.O_RDONLY)
            try:
                dst = os.open(self.destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                try:
                    self._chunks(src, dst)
                finally:
                    os.close(dst)
            finally:
                os.close(src)
        except OSError as err:
            self.error = err

    def _chunks(self, src: int, dst: int) -> None:
        in_kernel = hasattr(os, "copy_file_range")
        size = os.fstat(src).st_size
        while not self._stop.is_set():
            if in_kernel:
                try:
                    copied = os.copy_file_range(src, dst, self.CHUNK)
                except OSError as err:   # not between these file systems: by hand
                    if err.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL,
                                         errno.EOPNOTSUPP, errno.EPERM):
                        raise
                    in_kernel = False
                    continue
            else:
                data = memoryview(os.read(src, self.CHUNK))
                copied = len(data)
                while data:
                    data = data[os.write(dst, data):]
            if not copied:
                if in_kernel and os.lseek(src, 0, os.SEEK_CUR) < size:
                    in_kernel = False   # a file system that copies nothing this way
                    continue
                return

    def wait(self) -> OSError | None:
        """Wait for the whole copy; the error that stopped it, if any."""
        self._thread.join()
        return self.error

    def cancel(self) -> None:
        """Stop the copy (within one chunk) and remove what it wrote, unless a build
        started from it."""
        self._stop.set()
        self._thread.join()
        if not self.taken:
            self.destination.unlink(missing_ok=True)


def start_copy(target: Path, db: Path, key: str) -> Copying | None:
    """The copy an incremental build will start from, begun now when the published
    warehouse was built under `key` (else None: the build will be a full one)."""
    return Copying(target, db, key) if published_key(target) == key else None


def start_build(target: Path, db: Path, key: str, full_refresh: bool = False,
                copying: Copying | None = None) -> str | None:
    """Start the private build `db`: a copy of the published warehouse when it was built
    under `key` (dbt then runs incrementally), else nothing (a full build). The published
    file is only read; `copying`, a copy of it into `db` begun earlier (`start_copy`),
    under the lock, so the key it found is still the published file's. Returns why the
    build is full, or None when it is incremental."""
    if copying is not None:
        if full_refresh or copying.key != key:
            copying.cancel()
        elif copying.wait() is not None:
            error = copying.error
            copying.cancel()
            return f"the published warehouse could not be copied ({error.strerror or error})"
        else:
            copying.taken = True
            return None
    if full_refresh:
        return "--full-refresh"
    found = published_key(target)
    if found is None:
        return "no published warehouse to start from" if not target.exists() else \
            "the published warehouse carries no key to start from"
    if found != key:
        return "the loader code, reference data or dbt project changed"
    try:
        shutil.copyfile(target, db)
    except OSError as err:   # a full disk: a build from nothing then fails at its own step
        db.unlink(missing_ok=True)
        return f"the published warehouse could not be copied ({err.strerror or err})"
    return None


# ------------------------------------------------------------ one build per target
class BuildBusy(Exception):
    """Another build holds the target's lock; `pid` is its process id when known."""

    def __init__(self, target: Path, pid: str) -> None:
        super().__init__(f"another build of {target} is running (pid {pid})")
        self.pid = pid


def lock_path(target: Path) -> Path:
    """The lock file of builds of `target`, beside it."""
    return target.with_name(f".{target.name}.lock")


def work_prefix(target: Path) -> str:
    """The name prefix of a build's private folder beside `target` (`.<name>.build-<pid>-…`)."""
    return f".{target.name}.build-"


def _holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"


def acquire_lock(target: Path, wait: bool = False, on_wait=None) -> int:  # noqa: ANN001
    """Take the target's build lock; the open file descriptor that holds it.

    An advisory `flock` on `.<name>.lock`, which the kernel releases when the
    holder dies however it dies, so a killed build never leaves a lock behind.
    Raises `BuildBusy` at once, or with `wait` blocks until the holder is done
    (calling `on_wait(pid)` first). The lock file holds the holder's pid.
    """
    import fcntl

    fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _holder(fd)
            if not wait:
                raise BuildBusy(target, pid) from None
            if on_wait is not None:
                on_wait(pid)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return fd
    except BaseException:
        os.close(fd)
        raise


def remove_stale_work(target: Path) -> list[Path]:
    """Remove private folders of earlier builds that were killed; the ones removed.

    Called with the lock held, so no folder of a running build can match. The
    last rejected build is removed too (not counted): a new build supersedes it,
    and on a full disk it holds the space the new build needs.
    """
    removed = []
    for path in sorted(target.parent.glob(work_prefix(target) + "*")):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    shutil.rmtree(target.with_name(f".{target.name}.rejected"), ignore_errors=True)
    for old in (target.with_name(f".{target.name}.building"),
                target.with_name(f".{target.name}.building.wal")):
        if old.exists():   # the private file of builds before the lock existed
            old.unlink()
            removed.append(old)
    return removed
