"""The loaders' output cached between builds: a file is read and extracted once per content.

A report's row (`RAW_REPORTS_SCHEMA`) depends only on its bytes, the loader code and the
reference data, never on its name or the build's time. So rows are kept in Parquet shards
under a folder named by the *fingerprint* of the code and the reference data:

    .<target>.cache/rows/<fingerprint>/<sha256 of the shard's bytes>.parquet

and a build reads and extracts only the files whose sha256 no shard holds; renamed,
moved and unchanged files come from the shards; removed ones are simply not selected
(a shard none of whose files is left is deleted). A change of code or reference data
changes the fingerprint, so every file is read again (and the old shards are deleted).

Each shard is named by the sha256 of its own bytes and checked against it before use:
a corrupt or truncated shard is deleted and its files read again, never trusted.
Rows that depend on the moment (`too_slow`, `error`) are used in the build that made
them but never cached. Names, sizes, file-name notes and `loaded_at` are the corpus's,
applied when the rows are assembled (`assemble`), so a build from the cache gives the
same rows as a build without it.

Which files each shard holds is kept in an index beside the shards (`index/`, named by the
hash of its bytes too), so that a build need not read every shard to know what is cached.
An incremental `keji build` hands `raw_reports` the listing it made to check the corpus
(`hand_over`), and only the files whose listing row changed are looked up and read
(`changes_from_listing`).

`fill_batch` is the unit of work of both engines: a batch of files in, one shard out.
It runs in a pool of local processes (`fill_local`) or on a Dask cluster
(`loaders.distributed`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pyarrow as pa

from loaders import native, settings
from loaders.corpus import CorpusFile, FileStat, read_bytes, sha256_hex

if TYPE_CHECKING:
    from loaders.pipeline import Reference
    from loaders.progress import OnRow

log = logging.getLogger(__name__)

LOADERS_DIR = Path(__file__).resolve().parent
# Modules of loaders/ that take no part in reading a file into its row: a change to them
# keeps the cache. Every other module (a new one too) is part of the fingerprint.
NOT_READING = frozenset({"cli.py", "publish.py", "cache.py", "distributed.py", "__init__.py"})
# Libraries whose version can change a row (decoding, Traditional→Simplified, regexes).
READING_LIBRARIES = ("opencc", "charset-normalizer", "pyarrow")
# Statuses that depend on the moment (the machine's load, a bug met once): not cached.
UNCACHED_STATUSES = frozenset({"too_slow", "error"})
# Files per shard: the unit of work of an engine (bounded memory in each worker).
SHARD_FILES = 64
SHARD_BYTES = 8 * 1024 * 1024
SHARD_SUFFIX = ".parquet"
# Below this many bytes to read, the files are read in-process: starting worker processes
# (each imports the loaders and compiles the reference) costs more than it saves on the
# few files of an incremental build (1 MB: 5.4 s in-process, 6.9 s with 2 workers).
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
# Columns that belong to the corpus, not to the file's content: set by `assemble`.
CORPUS_COLUMNS = ("source_name", "byte_size", "loaded_at")


# ------------------------------------------------------------ where and under which key
def cache_dir(target: Path) -> Path:
    """The cache of builds of `target`: a private folder beside it, like its lock."""
    return target.with_name(f".{target.name}.cache")


def cache_root() -> Path:
    """KEJI_CACHE, else the cache beside WAREHOUSE_DB (dbt run alone)."""
    explicit = os.environ.get(settings.ENV_CACHE)
    return Path(explicit).resolve() if explicit else cache_dir(settings.warehouse_path())


def _canonical(rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """Reference rows as bytes that do not depend on how they were read (CSV or dbt)."""
    def plain(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    canonical = {name: sorted(json.dumps({k: plain(v) for k, v in row.items()}, sort_keys=True,
                                         ensure_ascii=False) for row in table)
                 for name, table in sorted(rows.items())}
    return json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _code_digest(digest: Any, libraries: Sequence[str] = READING_LIBRARIES) -> None:
    """Feed the loader code that reads files, the libraries' versions and Python's."""
    for path in sorted(LOADERS_DIR.glob("*.py")):
        if path.name not in NOT_READING:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for library in libraries:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=absent\0".encode())
    digest.update(f"python={sys.version_info[:2]}\0".encode())
    digest.update(native.digest())


def fingerprint(reference_rows: dict[str, list[dict[str, Any]]]) -> str:
    """The key of every cached row besides its file's sha256: loader code, libraries,
    Python, and the reference data. Anything that can change a row changes it."""
    digest = hashlib.sha256()
    _code_digest(digest)
    digest.update(_canonical(reference_rows))
    return digest.hexdigest()[:24]


# What the dbt project is made of, besides the seeds (dbt's own files are left out).
DBT_SOURCES = ("models", "macros", "tests", "dbt_project.yml", "profiles.yml")
WAREHOUSE_LIBRARIES = (*READING_LIBRARIES, "duckdb", "dbt-core", "dbt-duckdb")


def warehouse_key() -> str:
    """The key of everything but the corpus that decides a warehouse's rows: the loader
    code, every reference seed (the synonyms and plausible ranges too, which the loaders
    never read), the dbt project and the libraries. A published warehouse built under
    the same key may be the start of an incremental build; under another, the build
    starts from nothing (a full refresh)."""
    digest = hashlib.sha256()
    _code_digest(digest, WAREHOUSE_LIBRARIES)
    roots = [settings.REFERENCE_DIR] + [settings.DBT_PROJECT_DIR / name for name in DBT_SOURCES]
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file():
                relative = path.relative_to(settings.REPO_ROOT).as_posix()
                digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


# What the expectations gate is made of: its suites, queries and engine.
GATE_DIR = settings.REPO_ROOT / "expectations"


def gate_key() -> str:
    """The key of the expectations gate (suites, queries, their engine): a published
    warehouse is taken as current, without being judged again, only under the gate it
    passed. Not part of the warehouse key: a changed gate judges an incremental build,
    it does not call for one from nothing."""
    digest = hashlib.sha256()
    for path in sorted(GATE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(GATE_DIR).as_posix().encode() + b"\0"
                          + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def shard_folder(root: Path, key: str) -> Path:
    return root / "rows" / key


# ------------------------------------------------------------ shards
def write_shard(folder: Path, table: pa.Table) -> Path:
    """Write `table` as a shard named by the sha256 of its bytes (atomically); its path."""
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    # no dictionaries (a report's texts are unique: each page was tried as a dictionary
    # first) and no statistics (a shard is read whole, never pruned): a third less time
    # per shard, and smaller
    pq.write_table(table, sink, compression="zstd", use_dictionary=False, write_statistics=False)
    data = sink.getvalue().to_pybytes()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha256_hex(data)}{SHARD_SUFFIX}"
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path


def shard_is_intact(path: Path) -> bool:
    """Whether the shard's bytes still hash to its name (read in a stream)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == path.stem
    except OSError:
        return False


INDEX_DIR = "index"
_INDEX_SCHEMA = pa.schema([("shard", pa.string()), ("sha256", pa.string())])


def _load_index(folder: Path) -> dict[str, list[str]]:
    """The files each shard held when the last build left the folder (shard name → sha256s):
    reading them from the shards' own columns costs ~3 s at 1 GB of reports."""
    # one index a folder, more only after a killed build: the newest is taken. Any index is
    # right about the shards it names (a shard's name is the hash of its bytes); an old one
    # only leaves more shards to read.
    table = _newest_intact(folder / INDEX_DIR, _INDEX_SCHEMA, "index")
    contents: dict[str, list[str]] = {}
    if table is not None:
        for shard, sha in zip(*(table.column(name).to_pylist() for name in _INDEX_SCHEMA.names)):
            contents.setdefault(shard, []).append(sha)
    return contents


def _newest_intact(folder: Path, schema: pa.Schema, what: str) -> pa.Table | None:
    """The newest table of `folder` whose bytes hash to its name (a manifest, an index),
    read with `schema`; None when there is none to trust."""
    import pyarrow.parquet as pq

    found = []
    for path in folder.glob(f"*{SHARD_SUFFIX}") if folder.is_dir() else ():
        try:
            found.append((path.stat().st_mtime_ns, path))
        except OSError:   # replaced by a newer one meanwhile
            continue
    for _, path in sorted(found, reverse=True):
        try:
            if not shard_is_intact(path):
                raise ValueError("its bytes do not hash to its name")
            return pq.read_table(path, schema=schema)
        except (OSError, ValueError, pa.ArrowException) as err:
            log.warning("cache %s %s is corrupt (%s): not used", what, path.name, err)
    return None


def _save_index(folder: Path, contents: dict[str, list[str]]) -> None:
    """Record which files each shard of `folder` holds (see `_load_index`)."""
    shards = [shard for shard, hashes in contents.items() for _ in hashes]
    hashes = [sha for listed in contents.values() for sha in listed]
    written = write_shard(folder / INDEX_DIR, pa.table([shards, hashes], schema=_INDEX_SCHEMA))
    for path in [*(folder / INDEX_DIR).glob(f"*{SHARD_SUFFIX}"),
                 *(folder / INDEX_DIR).glob(".*.tmp")]:
        if path != written:
            path.unlink(missing_ok=True)


def scan_shards(folder: Path, check_known: bool = True) -> tuple[dict[str, list[str]], bool]:
    """The intact shards of `folder` and the sha256s of the files each holds; corrupt
    shards deleted. A shard's bytes are checked against its name before its rows are
    used; what it holds is taken from the folder's index where the index names it. With
    `check_known` false the shards the index names are left for `check_shards` (an
    incremental build reads the rows of a few of them). Also returned: whether the index
    must be written again (shards it does not name, or gone)."""
    import pyarrow.parquet as pq

    if not folder.is_dir():
        return {}, False
    for partial in folder.glob(".*.tmp"):   # a shard being written when a build was killed
        partial.unlink(missing_ok=True)
    known = _load_index(folder)
    contents: dict[str, list[str]] = {}
    for path in sorted(folder.glob(f"*{SHARD_SUFFIX}")):
        hashes = known.get(path.stem)
        try:
            if (check_known or hashes is None) and not shard_is_intact(path):
                raise ValueError("its bytes do not hash to its name")
            if hashes is None:
                hashes = pq.ParquetFile(path).read(columns=["sha256"]).column(0).to_pylist()
        except (OSError, ValueError, pa.ArrowException) as err:
            _drop_corrupt(path, err)
            continue
        contents[path.stem] = hashes
    return contents, contents.keys() != known.keys()


def _drop_corrupt(path: Path, err: Exception) -> None:
    log.warning("cache shard %s is corrupt (%s): deleted, its files are read again",
                path.name, err)
    path.unlink(missing_ok=True)


def check_shards(folder: Path, contents: dict[str, list[str]], shards: Iterable[Path]) -> bool:
    """Check `shards` against their names (`scan_shards` without `check_known`), dropping
    the corrupt ones from the folder and from `contents`; whether any was."""
    dropped = False
    for path in shards:
        if not shard_is_intact(path):
            _drop_corrupt(path, ValueError("its bytes do not hash to its name"))
            contents.pop(path.stem, None)
            dropped = True
    return dropped


def _index_of(folder: Path, contents: dict[str, list[str]]) -> dict[str, Path]:
    """sha256 of every cached file → the (first) shard holding its row."""
    index: dict[str, Path] = {}
    for shard, hashes in contents.items():
        path = folder / f"{shard}{SHARD_SUFFIX}"
        for sha in hashes:
            index.setdefault(sha, path)
    return index


# ------------------------------------------------------------ the unit of work
class Item(NamedTuple):
    """A file to read: where it is and the sha256 its bytes had when the corpus was listed."""

    file: CorpusFile
    sha256: str


_REFERENCES: dict[str, Reference] = {}


def reference_for(rows: dict[str, list[dict[str, Any]]] | None, key: str) -> Reference:
    """The reference compiled once per process and fingerprint (workers keep it); `rows`
    may be None where it was compiled already (a pool's initializer did)."""
    from loaders.pipeline import Reference

    if key not in _REFERENCES:
        _REFERENCES.clear()
        _REFERENCES[key] = Reference.from_rows(**rows)
    return _REFERENCES[key]


def read_batch(items: Sequence[Item], reference: Reference,
               loaded_at: datetime, columnar: bool = False) -> list[dict[str, Any]]:
    """The rows of a batch of files, in order: the loaders as a function of the files.

    Names' notes are left out (the corpus adds them back); a file whose bytes changed
    since it was listed is an `error` row (not cached). `columnar`: the rows' mentions
    may be tables for `rows_table` (`read_report`)."""
    from loaders.pipeline import _Read, _run_task, _skipped_row

    rows = []
    for item in items:
        file = dataclasses.replace(item.file, notes=())
        try:
            data = read_bytes(file.path)
        except OSError as err:
            rows.append(_skipped_row(file, loaded_at, "error",
                                     f"{type(err).__name__}: {err.strerror or err}", item.sha256))
            continue
        if sha256_hex(data) != item.sha256:
            rows.append(_skipped_row(file, loaded_at, "error",
                                     "the file changed while the build read it", item.sha256))
            continue
        rows.append(_run_task(_Read(file, data, item.sha256, loaded_at), reference, columnar))
    return rows


class FilledBatch(NamedTuple):
    """What `fill_batch` made of a batch of files."""

    shard: str | None      # the shard's path, None when no row was worth keeping
    kept: list[tuple[str, int, str]]   # the shard's rows' (sha256, byte_size, status), in order
    uncached: list[dict[str, Any]]     # the rows not worth caching, whole


def fill_batch(items: Sequence[Item], reference_rows: dict[str, list[dict[str, Any]]] | None,
               key: str, folder: str) -> FilledBatch:
    """Read a batch of files and write the rows worth keeping as one shard.

    Runs anywhere the files and `folder` can be reached: a local process or a cluster's
    worker. What the shard holds comes back with its path, so that the building process
    need not open the shard to index it (5,300 shards at 1 GB of reports)."""
    from loaders.pipeline import rows_table

    reference = reference_for(reference_rows, key)
    rows = read_batch(items, reference, datetime.now(timezone.utc), columnar=True)
    kept = [row for row in rows if row["status"] not in UNCACHED_STATUSES]
    uncached = [row for row in rows if row["status"] in UNCACHED_STATUSES]
    shard = None
    if kept:
        shard = str(write_shard(Path(folder), rows_table(kept)))
    return FilledBatch(shard, [(row["sha256"], row["byte_size"], row["status"]) for row in kept],
                       uncached)


def batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Items in batches of at most SHARD_FILES files and about SHARD_BYTES bytes."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.file.byte_size
        if len(batch) >= SHARD_FILES or size >= SHARD_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


Filler = Callable[[list[Item], dict[str, list[dict[str, Any]]], str, Path], Iterator[FilledBatch]]


def _fill_one(args: tuple[list[Item], dict[str, list[dict[str, Any]]], str, str]) -> FilledBatch:
    return fill_batch(*args)


def fill_local(items: Iterable[Item], reference_rows: dict[str, list[dict[str, Any]]], key: str,
               folder: Path) -> Iterator[FilledBatch]:
    """Fill the cache with processes of this machine (in-process for a few files).

    `items` may still be being listed: the first few tell whether workers pay (more
    than one batch, PARALLEL_MIN_FILES files, PARALLEL_MIN_BYTES bytes); the pool then
    takes the rest as the listing reaches them (its feeder thread draws on `items`),
    so on a build with nothing cached the workers read while the rest is hashed."""
    from loaders.pipeline import worker_count, worker_pool

    def pays(files: int, size: int) -> bool:
        return files > SHARD_FILES and files >= settings.PARALLEL_MIN_FILES and size >= PARALLEL_MIN_BYTES

    items = iter(items)
    first: list[Item] = []
    size = 0
    for item in items:
        first.append(item)
        size += item.file.byte_size
        if pays(len(first), size):
            break
    workers = worker_count()
    if workers <= 1 or not pays(len(first), size):
        yield from (_fill_one((batch, reference_rows, key, str(folder)))
                    for batch in batches(chain(first, items)))
        return
    # each worker compiles the reference once; tasks carry only their files
    with worker_pool(workers, reference_for, (reference_rows, key)) as pool:
        yield from pool.imap_unordered(_fill_one, ((batch, None, key, str(folder))
                                                   for batch in batches(chain(first, items))))


def filler(engine: str | None = None) -> Filler:
    """The engine that reads files missing from the cache: KEJI_ENGINE, else `local`."""
    engine = engine or os.environ.get(settings.ENV_ENGINE) or "local"
    if engine == "local":
        return fill_local
    if engine == "dask":
        from loaders.distributed import fill_dask

        return fill_dask
    raise ValueError(f"{settings.ENV_ENGINE}={engine!r} is not an engine "
                     f"({', '.join(settings.ENGINES)})")


# ------------------------------------------------------------ the manifest
MANIFEST_DIR = "manifest"
# A file whose modification or change time is this close to the start of the listing
# (or after it) may be written again within the same tick of the file system's clock,
# its stat unchanged: it is hashed, but not recorded (git's "racily clean" entries).
# Two seconds cover coarse clocks and file systems that keep times to 2 s.
RACY_NS = 2_000_000_000
_MANIFEST_SCHEMA = pa.schema([
    ("path", pa.binary()), ("device", pa.uint64()), ("inode", pa.uint64()),
    ("size", pa.int64()), ("mtime_ns", pa.int64()), ("ctime_ns", pa.int64()),
    ("sha256", pa.string())])


_FS_ENCODING, _FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()


def _absolute(path: str | Path) -> bytes:
    """The path, absolute, as the file system's bytes (a name need not be UTF-8; a
    listing's paths are absolute already: cheap)."""
    text = os.fspath(path)   # (a POSIX test: os.path.isabs took a fifth of a listing's time)
    # os.fsencode's own encoding, without its Python-level checks (once per file listed)
    return (text if text.startswith("/") else os.path.abspath(text)).encode(_FS_ENCODING, _FS_ERRORS)


class Manifest:
    """What each file's bytes hashed to, by the file's stat when it was hashed, so that a
    listing reads only the files whose stat changed (reading and hashing every byte of a
    1 GB corpus costs ~40 s; a stat, microseconds).

    A file is known by its absolute path and its stat: device, inode, size, modification
    and change time (corpus.FileStat). Any write changes the change time, which no tool
    can set back, so an edit is seen even when its size and modification time are kept;
    a corpus copied or moved elsewhere has other paths, inodes and change times, and is
    hashed again. Only a file rewritten within one tick of the clock of its last write,
    after it was hashed, would keep its stat: entries that recent are not recorded
    (RACY_NS). A file system that fakes inodes and change times (some network or FUSE
    mounts) weakens this; `keji build --full-refresh` hashes every file again.

    Kept in the loaders' cache (`manifest/<sha256 of its bytes>.parquet`), checked
    against its name before use like a shard; a corrupt or missing one is an empty one.
    Load it just before listing: its clock for RACY_NS starts then."""

    def __init__(self, entries: dict[bytes, tuple], racy_ns: int | None = None) -> None:
        self.entries = entries          # path -> (*FileStat, sha256), as last recorded
        self.kept: dict[bytes, tuple] = {}   # what this listing saw, recorded on save
        self.racy_ns = RACY_NS if racy_ns is None else racy_ns
        self.listed_at_ns = time.time_ns()
        self.taken = self.hashed = 0    # files whose sha256 came from here / were read

    @classmethod
    def load(cls, root: Path, racy_ns: int | None = None) -> "Manifest":
        """The manifest kept in the cache `root`; an empty one when there is none to trust."""
        table = _newest_intact(root / MANIFEST_DIR, _MANIFEST_SCHEMA, "manifest")
        if table is not None:
            columns = [table.column(name).to_pylist() for name in _MANIFEST_SCHEMA.names]
            return cls({row[0]: tuple(row[1:]) for row in zip(*columns)}, racy_ns)
        return cls({}, racy_ns)

    def content(self, file: CorpusFile) -> tuple[bytes | None, str]:
        """The file's sha256, from the manifest when its stat is the one recorded (no
        bytes then), else read and hashed (for `pipeline._tasks`)."""
        key = _absolute(file.location)
        known = self.entries.get(key)
        if file.stat is not None and known is not None and known[:-1] == file.stat:
            self.taken += 1
            self._keep(key, file.stat, known[-1])
            return None, known[-1]
        data = read_bytes(file.path)
        sha256 = sha256_hex(data)
        self.hashed += 1
        if file.stat is not None:
            self._keep(key, file.stat, sha256)
        return data, sha256

    def _keep(self, key: str, stat: FileStat, sha256: str) -> None:
        if max(stat.mtime_ns, stat.ctime_ns) < self.listed_at_ns - self.racy_ns:
            self.kept[key] = (*stat, sha256)

    def discard(self, files: Iterable[CorpusFile]) -> None:
        """Not record these files: their bytes were found not to be those listed."""
        for file in files:
            self.kept.pop(_absolute(file.location), None)

    @staticmethod
    def forget(root: Path) -> None:
        """Drop the manifest of the cache `root`: the next listing reads every file
        (`keji build --full-refresh`, for file systems whose stat cannot be trusted)."""
        shutil.rmtree(root / MANIFEST_DIR, ignore_errors=True)

    def save(self, root: Path) -> None:
        """Record the files this listing saw (files gone drop out); unchanged: no write."""
        if self.kept == self.entries:
            return
        folder = root / MANIFEST_DIR
        paths = list(self.kept)
        values = list(zip(*self.kept.values())) or [[] for _ in range(6)]
        table = pa.table([paths, *values], schema=_MANIFEST_SCHEMA)
        written = write_shard(folder, table)
        for path in [*folder.glob(f"*{SHARD_SUFFIX}"), *folder.glob(".*.tmp")]:
            if path != written:   # older manifests, and one a killed build was writing
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while (as it was, after).

    A listing makes a few objects per file and keeps them: at 300,000 files the
    collector's full passes, started by that growth, walk them again and again and took
    a third of the time of listing the corpus. Entries, stats and rows hold no cycles;
    what they leave is freed by reference counting as before, and what anything else
    leaves is collected when the collector is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ------------------------------------------------------------ a build's rows
# The corpus as a build listed it, one row per file: what `keji build` compares with the
# listing a published warehouse was built from (raw.keji_corpus_listing) to tell that
# nothing changed. `status` and `problems` are those the listing decided (a skipped file,
# a duplicate); for a file to load, `status` is NULL and `problems` the notes of its name.
LISTING_SCHEMA = pa.schema([
    ("source_name", pa.string()), ("sha256", pa.string()), ("byte_size", pa.int64()),
    ("status", pa.string()), ("problems", pa.list_(pa.struct([("problem", pa.string()),
                                                               ("detail", pa.string())])))])


@dataclasses.dataclass
class Listing:
    """The corpus as this build sees it: rows decided from the listing alone, and the
    files to load with the notes their names carry."""

    decided: list[dict[str, Any]]
    items: list[Item]

    @classmethod
    def of(cls, root: Path, manifest: Manifest | None = None) -> "Listing":
        """List `root`, reading and hashing every file, or, with a `manifest`, only the
        files whose stat is not the one it recorded."""
        listing = cls([], [])
        for _ in listing.grow(root, manifest):
            pass
        return listing

    def grow(self, root: Path, manifest: Manifest | None = None) -> Iterator[Item | dict[str, Any]]:
        """List `root` into this listing, yielding each entry (an `Item` to load, or a row
        decided from the listing) as it is added: what reads the files can start on the
        first ones while the rest are hashed."""
        from loaders.corpus import read_and_hash
        from loaders.pipeline import _Read, _tasks

        content = manifest.content if manifest is not None else read_and_hash
        for task in _tasks(root, content):   # skipped files and duplicates are decided here
            if isinstance(task, _Read):
                item = Item(task.file, task.sha256)
                self.items.append(item)
                yield item
            else:
                self.decided.append(task)
                yield task

    def identity(self) -> pa.Table:
        """One row per file (LISTING_SCHEMA): what tells this listing from another."""
        decided, items = self.decided, self.items
        columns = [
            [row["source_name"] for row in decided] + [i.file.source_name for i in items],
            [row["sha256"] for row in decided] + [i.sha256 for i in items],
            [row["byte_size"] for row in decided] + [i.file.byte_size for i in items],
            [row["status"] for row in decided] + [None] * len(items),
            [row["problems"] for row in decided]
            + [[{"problem": p, "detail": d} for p, d in i.file.notes] for i in items]]
        return pa.Table.from_arrays([pa.array(column, type=field.type)
                                     for column, field in zip(columns, LISTING_SCHEMA)],
                                    schema=LISTING_SCHEMA)


# ------------------------------------------------------------ a listing handed over
# The listing `keji build` made to check the corpus against the published warehouse, as
# its dbt child's raw_reports takes it: the rows of LISTING_SCHEMA, then where each file
# to load is read and its stat (NULL for the rows decided from the listing, which travel
# whole beside the table).
HANDED_SCHEMA = pa.schema([*LISTING_SCHEMA, ("location", pa.string()),
                           *((name, pa.int64()) for name in FileStat._fields)])
_DECIDED_SUFFIX = ".decided.pickle"


def hand_over(listing: Listing, manifest: Manifest, path: Path,
              identity: pa.Table | None = None) -> None:
    """Write `listing` (made with `manifest`; `identity`, its `Listing.identity()` where
    made already) to `path` for `handed_over`: a table, since pickling 300,000 files'
    entries costs seconds each way where Arrow costs a fraction."""
    import pickle

    import pyarrow.feather as feather

    identity = identity if identity is not None else listing.identity()
    blank = [None] * len(listing.decided)
    stats = [[None if item.file.stat is None else item.file.stat[i] for item in listing.items]
             for i in range(len(FileStat._fields))]
    extra = [pa.array(blank + [item.file.location for item in listing.items], pa.string()),
             *(pa.array(blank + column, pa.int64()) for column in stats)]
    table = pa.Table.from_arrays([*identity.columns, *extra], schema=HANDED_SCHEMA.with_metadata(
        {"hashed": str(manifest.hashed), "taken": str(manifest.taken)}))
    feather.write_feather(table, str(path), compression="uncompressed")
    with open(f"{path}{_DECIDED_SUFFIX}", "wb") as handle:
        pickle.dump(listing.decided, handle, protocol=pickle.HIGHEST_PROTOCOL)


@dataclasses.dataclass
class Handed:
    """A listing handed over by `keji build` (`hand_over`): the whole corpus as a table,
    of which an incremental build turns only the files it reads into `Item`s."""

    table: pa.Table
    decided: list[dict[str, Any]]
    hashed: int      # files the listing read and hashed
    taken: int       # files it knew by their stat

    def part(self, names: set[str]) -> Listing:
        """The listing of the files named, in corpus order."""
        import pyarrow.compute as pc

        columns = self.table.select(["source_name", "sha256", "byte_size", "status", "problems",
                                     "location", *FileStat._fields])
        items = []
        for row in zip(*(column.to_pylist() for column in columns.filter(pc.is_in(
                columns["source_name"], pa.array(sorted(names), pa.string()))).columns)):
            name, sha256, size, status, problems, location, *stat = row
            if status is not None:
                continue
            notes = tuple((note["problem"], note["detail"]) for note in problems)
            file_stat = FileStat(*stat) if stat[0] is not None else None
            items.append(Item(CorpusFile(name, location, size, notes=notes, stat=file_stat),
                              sha256))
        return Listing([row for row in self.decided if row["source_name"] in names], items)

    @functools.cached_property
    def hashes(self) -> set[str]:
        """The sha256 of every file to load."""
        import pyarrow.compute as pc

        loaded = self.table.filter(pc.is_null(self.table["status"]))
        return set(loaded["sha256"].to_pylist())

    def totals(self) -> tuple[int, int]:
        """Files and bytes of the corpus."""
        import pyarrow.compute as pc

        return self.table.num_rows, int(pc.sum(self.table["byte_size"]).as_py() or 0)


def handed_over(path: Path) -> Handed:
    """The listing `hand_over` wrote to `path`."""
    import pickle

    import pyarrow.feather as feather

    table = feather.read_table(str(path), memory_map=False)
    with open(f"{path}{_DECIDED_SUFFIX}", "rb") as handle:
        decided = pickle.load(handle)
    metadata = table.schema.metadata or {}
    return Handed(table, decided, int(metadata.get(b"hashed", 0)), int(metadata.get(b"taken", 0)))


def list_corpus(corpus: Path, root: Path) -> tuple[Listing, Manifest]:
    """The corpus listed with the manifest of the cache `root`, which is then updated."""
    manifest = Manifest.load(root)
    listing = Listing.of(corpus, manifest)
    root.mkdir(parents=True, exist_ok=True)
    manifest.save(root)
    return listing, manifest


@dataclasses.dataclass
class Filled:
    """What `fill` did: the index of the cache and the rows that were not cached."""

    index: dict[str, Path]
    uncached: list[dict[str, Any]]
    read: int          # files read and extracted in this build
    reused: int        # files taken from the cache
    removed_shards: int


def fill(listing: Listing, reference_rows: dict[str, list[dict[str, Any]]], root: Path,
         engine: str | None = None, on_row: OnRow | None = None,
         growing: Iterable[Item | dict[str, Any]] | None = None,
         corpus_hashes: set[str] | None = None) -> Filled:
    """Bring the cache up to the corpus: read the files no intact shard holds.

    `growing` is the listing still being made (`Listing.grow`): the files are read as
    they are listed, and `listing` is whole when this returns. `on_row` (the build's
    progress) sees every file of `listing` once: those decided from the listing and
    those found in the cache as they are listed (status `cached`), the others as their
    shards come back. `corpus_hashes` are the sha256s of the whole corpus where
    `listing` is only the part of it a build reads (`changes_from_listing`): the shards
    that hold none of them are deleted, the others kept."""

    key = fingerprint(reference_rows)
    folder = shard_folder(root, key)
    for other in (root / "rows").glob("*") if (root / "rows").is_dir() else ():
        if other.name != key:   # made by other code or reference data: never hit again
            shutil.rmtree(other, ignore_errors=True)
    # where the listing is a part of the corpus, only the shards that serve it are read:
    # checked here, not every shard of the cache (at 1 GB of reports ~1 s of hashing)
    contents, stale = scan_shards(folder, check_known=corpus_hashes is None)
    index = _index_of(folder, contents)
    if corpus_hashes is not None and check_shards(
            folder, contents, {index[item.sha256] for item in listing.items
                               if item.sha256 in index}):
        stale = True
        index = _index_of(folder, contents)
    listed = growing if growing is not None else chain(listing.decided, listing.items)
    # what the listing reports, passed to `on_row` by this thread only (an engine may
    # draw on `to_read` from a thread of its own)
    reports: deque[dict[str, Any]] = deque()
    missing = 0

    def to_read() -> Iterator[Item]:
        nonlocal missing
        for entry in listed:
            if not isinstance(entry, Item):
                reports.append(entry)
            elif entry.sha256 in index:
                reports.append({"byte_size": entry.file.byte_size, "status": "cached"})
            else:
                missing += 1
                yield entry

    def report(rows: Iterable[dict[str, Any]]) -> None:
        if on_row is not None:
            while reports:
                on_row(reports.popleft())
            for row in rows:
                on_row(row)

    uncached: list[dict[str, Any]] = []
    pending = to_read()
    first = next(pending, None)   # an engine (a cluster) is started only for work to do
    work = filler(engine)(chain([first], pending), reference_rows, key, folder) if first else ()
    if first:
        folder.mkdir(parents=True, exist_ok=True)
    for shard, kept, rows in work:
        uncached.extend(rows)
        if shard is not None:
            hashes = [sha for sha, _, _ in kept]
            contents[Path(shard).stem] = hashes
            stale = True
            for sha in hashes:
                index.setdefault(sha, Path(shard))
        report([{"byte_size": size, "status": status} for _, size, status in kept] + rows)
    report(())
    wanted = (corpus_hashes if corpus_hashes is not None
              else {item.sha256 for item in listing.items})
    # shards none of whose files is in the corpus any more (or whose every file another
    # shard serves)
    live = {index[sha] for sha in wanted if sha in index}
    removed = 0
    for shard in [shard for shard in contents if folder / f"{shard}{SHARD_SUFFIX}" not in live]:
        (folder / f"{shard}{SHARD_SUFFIX}").unlink(missing_ok=True)
        del contents[shard]
        removed += 1
        stale = True
    index = {sha: path for sha, path in index.items() if path in live}
    if stale and folder.is_dir():
        _save_index(folder, contents)
    return Filled(index, uncached, missing, len(listing.items) - missing, removed)


def _with_corpus_columns(rows: list[dict[str, Any]], loaded_at: datetime) -> pa.Table:
    from loaders.pipeline import rows_table

    for row in rows:
        row["loaded_at"] = loaded_at
    return rows_table(rows)


def assemble(con, listing: Listing, filled: Filled, loaded_at: datetime | None = None):  # noqa: ANN001, ANN201
    """The raw_reports rows of the corpus as a DuckDB relation on `con`.

    Cached rows are read from their shards by DuckDB (streamed, within its memory
    limit) and given the corpus's names, sizes, notes and `loaded_at`; rows decided from
    the listing and rows not cached are added to them."""
    return con.sql(_assemble_sql(con, listing, filled, loaded_at))


def _assemble_sql(con, listing: Listing, filled: Filled,  # noqa: ANN001
                  loaded_at: datetime | None = None) -> str:
    """The query of `assemble`, over tables it registers on `con` (replaced by the
    next call: run the query before calling again)."""
    from loaders.pipeline import PROBLEM_TYPE, RAW_REPORTS_SCHEMA, rows_table

    loaded_at = loaded_at or datetime.now(timezone.utc)
    uncached = {row["sha256"] for row in filled.uncached}
    files = [(item, filled.index[item.sha256]) for item in listing.items
             if item.sha256 in filled.index and item.sha256 not in uncached]
    names = rows_table(
        [{"source_name": item.file.source_name, "sha256": item.sha256,
          "byte_size": item.file.byte_size, "shard": str(shard),
          "notes": [{"problem": p, "detail": d} for p, d in item.file.notes]}
         for item, shard in files],
        pa.schema([("source_name", pa.string()), ("sha256", pa.string()),
                   ("byte_size", pa.int64()), ("shard", pa.string()),
                   ("notes", pa.list_(PROBLEM_TYPE))]))
    uncached_rows = []
    by_sha = {item.sha256: item for item in listing.items}
    for row in filled.uncached:   # the corpus's name and notes, as for cached rows
        item = by_sha.get(row["sha256"])
        if item is not None:
            row = {**row, "source_name": item.file.source_name,
                   "byte_size": item.file.byte_size,
                   "problems": [{"problem": p, "detail": d} for p, d in item.file.notes]
                   + list(row["problems"])}
        uncached_rows.append(row)
    others = _with_corpus_columns([dict(row) for row in listing.decided] + uncached_rows,
                                  loaded_at)
    con.register("keji_corpus_names", names)
    con.register("keji_corpus_others", others)
    shards = sorted({str(shard) for _, shard in files})
    stamp = loaded_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f+00")
    columns = ", ".join(
        "names.source_name" if name == "source_name"
        else "names.sha256" if name == "sha256"
        else "names.byte_size" if name == "byte_size"
        else f"cast('{stamp}' as timestamptz) as loaded_at" if name == "loaded_at"
        else "list_concat(names.notes, cached.problems) as problems" if name == "problems"
        else f"cached.{name}" for name in RAW_REPORTS_SCHEMA.names)
    others_sql = f"select {', '.join(RAW_REPORTS_SCHEMA.names)} from keji_corpus_others"
    if not shards:
        return others_sql
    shard_list = ", ".join("'" + path.replace("'", "''") + "'" for path in shards)
    return (f"select {columns} from read_parquet([{shard_list}], filename = true) as cached "
            "join keji_corpus_names as names "
            "on cached.sha256 = names.sha256 and cached.filename = names.shard "
            f"union all {others_sql}")


STATS_FILE = "last_fill.json"


def last_fill(root: Path) -> dict[str, Any] | None:
    """What the last build of this cache read and reused (None when unknown)."""
    try:
        return json.loads((root / STATS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# The status of a row that stands for a file gone from the corpus: an incremental
# raw_reports inserts it in place of the file's row and its post-hook deletes it.
REMOVED_STATUS = "__removed__"
# What a file's row is compared by between builds of one fingerprint: its content (sha256),
# how the corpus names it and what the listing decided (duplicate, skipped, notes).
ROW_IDENTITY = ("sha256", "byte_size", "status", "problems")


def changes(con, listing: Listing, filled: Filled, previous: str,  # noqa: ANN001, ANN201
            now: datetime | None = None):
    """The raw_reports rows an incremental build inserts, as a DuckDB relation on `con`.

    `previous` names the table as the last build left it (same fingerprint, so a file's
    row depends only on its bytes and how the corpus names it). Returned: the rows of
    files that are new, or whose content, name, status or problems differ from that
    table's, plus the rows never cached (`too_slow`, `error`: read again every build);
    they are stamped with a `loaded_at` later than any row of `previous`. Files gone
    from the corpus come back as one row of status REMOVED_STATUS each (the model's
    post-hook deletes them once they have replaced the old rows)."""
    now = _after_previous(con, previous, now)
    current_sql = _assemble_sql(con, listing, filled, now)
    same = " and ".join(f"old.{column} is not distinct from new.{column}"
                        for column in ROW_IDENTITY)
    uncached = ", ".join(f"'{status}'" for status in sorted(UNCACHED_STATUSES))
    touched = {name for (name,) in con.sql(
        f"select new.source_name from ({current_sql}) as new "
        f"left join {previous} as old on old.source_name = new.source_name and {same} "
        f"where old.source_name is null or new.status in ({uncached})").fetchall()}
    names = ({item.file.source_name for item in listing.items}
             | {row["source_name"] for row in listing.decided})
    removed = sorted({name for (name,) in con.sql(
        f"select source_name from {previous}").fetchall()} - names)
    part = Listing([row for row in listing.decided if row["source_name"] in touched],
                   [item for item in listing.items if item.file.source_name in touched])
    return _changed_rows(con, part, filled, removed, now)


def _after_previous(con, previous: str, now: datetime | None) -> datetime:  # noqa: ANN001
    """The `loaded_at` of this build's rows: now, or later than every row of `previous`
    where the clock was set back."""
    now = now or datetime.now(timezone.utc)
    newest = con.sql(f"select max(loaded_at) from {previous}").fetchall()[0][0]
    if newest is not None and newest >= now:
        now = newest + timedelta(microseconds=1)
    return now


def _changed_rows(con, part: Listing, filled: Filled, removed: list[str],  # noqa: ANN001, ANN201
                  now: datetime):
    """The rows of the files of `part` and one REMOVED_STATUS row per name `removed`."""
    from loaders.pipeline import rows_table

    rows_sql = _assemble_sql(con, part, filled, now)
    gone = rows_table([{"source_name": name, "status": REMOVED_STATUS, "loaded_at": now,
                        "problems": [], "mentions": []} for name in removed])
    con.register("keji_corpus_removed", gone)
    log.info("raw_reports: %d files new or changed, %d gone",
             len(part.items) + len(part.decided), len(removed))
    return con.sql(f"{rows_sql} union all select * from keji_corpus_removed")


def _has_table(con, qualified: str) -> bool:  # noqa: ANN001
    schema, name = (part.replace("'", "''") for part in qualified.split("."))
    return bool(con.sql("select count(*) from information_schema.tables where "
                        f"table_schema = '{schema}' and table_name = '{name}'").fetchall()[0][0])


def changes_from_listing(con, handed: Handed, previous: str,  # noqa: ANN001
                         recorded: str) -> tuple[Listing, list[str]]:
    """The files an incremental build reads, told from the listings alone, and the names gone.

    `recorded` is the listing `previous` was built from (raw.keji_corpus_listing: the same
    build wrote both). Under one fingerprint a file's row depends only on what its listing
    row holds (content, name, size, status, the notes of its name), so the files whose
    listing row is not the recorded one are those whose raw_reports row would differ:
    what `changes` finds by assembling every row of the corpus and comparing, at 1 GB of
    reports ~10 s, here a join of two listings. Rows never cached (`too_slow`, `error`)
    are read again, as there."""
    con.register("keji_listed_now", handed.table)
    same = " and ".join(f"old.{column} is not distinct from new.{column}"
                        for column in LISTING_SCHEMA.names)
    uncached = ", ".join(f"'{status}'" for status in sorted(UNCACHED_STATUSES))
    touched = {name for (name,) in con.sql(
        f"select new.source_name from keji_listed_now as new left join {recorded} as old "
        f"on old.source_name = new.source_name and {same} where old.source_name is null "
        f"union select old.source_name from {previous} as old "
        f"join keji_listed_now as new on new.source_name = old.source_name "
        f"where old.status in ({uncached})").fetchall()}
    removed = sorted(name for (name,) in con.sql(
        f"select source_name from {previous} except "
        "select source_name from keji_listed_now").fetchall())
    return handed.part(touched), removed


def raw_reports(con, corpus: Path, reference_rows: dict[str, list[dict[str, Any]]],  # noqa: ANN001, ANN201
                root: Path | None = None, engine: str | None = None,
                on_row: OnRow | None = None, previous: str | None = None):
    """The whole of the raw_reports model: list the corpus, fill the cache, assemble.

    With `previous` (an incremental build: the model's own table), only the rows that
    changed since (`changes`)."""
    from loaders.publish import LISTING_TABLE

    root = root or cache_root()
    (root / STATS_FILE).unlink(missing_ok=True)
    handed = os.environ.get(settings.ENV_LISTED)
    if previous is not None and handed and _has_table(con, LISTING_TABLE):
        with collector_paused():
            return _from_handed(con, handed_over(Path(handed)), reference_rows, root, engine,
                                on_row, previous, LISTING_TABLE)
    # listed as the files are read (a file not cached is read while the next are hashed)
    with collector_paused():
        manifest = Manifest.load(root)
        listing = Listing([], [])
        filled = fill(listing, reference_rows, root, engine, on_row, listing.grow(corpus, manifest))
        changed = {row["source_name"] for row in filled.uncached if row["status"] == "error"}
        if changed:   # read and found not to be the bytes listed: hashed again next time
            manifest.discard(item.file for item in listing.items
                             if item.file.source_name in changed)
        manifest.save(root)
        _record(listing.identity(), filled.read, filled.reused, filled.removed_shards,
                manifest.hashed, manifest.taken, root, engine)
    if previous is not None:
        return changes(con, listing, filled, previous)
    return assemble(con, listing, filled)


def _record(identity: pa.Table, read: int, reused: int, removed_shards: int, hashed: int,
            known: int, root: Path, engine: str | None) -> None:
    """Write the listing for `keji build` (which records it in the warehouse it publishes)
    and what the fill did (`last_fill`)."""
    kept = os.environ.get(settings.ENV_LISTING)
    if kept:
        import pyarrow.parquet as pq

        pq.write_table(identity, kept)
    stats = {"read": read, "reused": reused, "removed_shards": removed_shards,
             "hashed": hashed, "known": known,
             "engine": engine or os.environ.get(settings.ENV_ENGINE) or "local"}
    (root / STATS_FILE).write_text(json.dumps(stats), encoding="utf-8")
    log.info("raw_reports: %d files read, %d from the cache, %d shards removed",
             read, reused, removed_shards)


def _from_handed(con, handed: Handed, reference_rows: dict[str, list[dict[str, Any]]],  # noqa: ANN001, ANN201
                 root: Path, engine: str | None, on_row: OnRow | None, previous: str,
                 recorded: str):
    """The incremental raw_reports from a listing `keji build` handed over: only the
    files it touched are looked up in the cache and read (`changes_from_listing`)."""
    part, removed = changes_from_listing(con, handed, previous, recorded)
    now = _after_previous(con, previous, None)
    if on_row is not None:   # the unchanged files, at once: the progress counts the corpus
        files, size = handed.totals()
        size -= sum(item.file.byte_size for item in part.items)
        size -= sum(int(row.get("byte_size") or 0) for row in part.decided)
        on_row({"byte_size": size, "status": "cached",
                "files": files - len(part.items) - len(part.decided)})
    filled = fill(part, reference_rows, root, engine, on_row, corpus_hashes=handed.hashes)
    errors = {row["source_name"] for row in filled.uncached if row["status"] == "error"}
    changed = [item.file for item in part.items if item.file.source_name in errors]
    if changed:   # read and found not to be the bytes listed: hashed again next time
        manifest = Manifest.load(root)
        manifest.kept = dict(manifest.entries)
        manifest.discard(changed)
        manifest.save(root)
    items = len(handed.hashes)   # files to load (duplicates are decided, not loaded)
    _record(handed.table.select(LISTING_SCHEMA.names), filled.read, items - filled.read,
            filled.removed_shards, handed.hashed, handed.taken, root, engine)
    return _changed_rows(con, part, filled, removed, now)
