"""The corpus folder: which files there are and their bytes (the I/O edge of loading).

Every entry below the corpus folder becomes a `CorpusFile`; those that must not be
read carry a problem code instead of being dropped:

- `symlink_outside`: a link whose target lies outside the corpus folder (not read:
  a corpus must not pull in `/etc/passwd` or another folder's files);
- `broken_symlink`: a link that is dangling or loops;
- `not_a_file`: a FIFO, socket or device (reading it could block or never end),
  or a link to a folder (its files are read where they are);
- `unreadable`: a file or folder the build may not read or list.

A name that is not valid UTF-8 (a zip made on Windows) is kept under a safe
escaped name (`report\\xb1\\xa8.txt`) and loaded, with a `bad_file_name` note.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from loaders.records import positional_constructor
from loaders.settings import PRIVATE_NAME_PATTERN

_PRIVATE_NAME = re.compile(PRIVATE_NAME_PATTERN)


class FileStat(NamedTuple):
    """What the file system says of a file when it is listed: enough to tell, without
    reading it, that its bytes may have changed since (loaders.cache.Manifest).

    `ctime_ns` is the inode's change time, which no program can set back (`touch -d`
    and `os.utime` set it to now), so an edit whose tool restores the modification time
    is still seen; `device` and `inode` see a file replaced by another (an editor's save
    by rename, a corpus copied or moved to another folder)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> "FileStat":
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@dataclass(frozen=True)
class CorpusFile:
    """A file of the corpus, named by its path relative to the corpus folder."""

    source_name: str   # posix path relative to the corpus root, valid UTF-8 (escaped if need be)
    location: str      # where to read it (a link inside the corpus: its target), as listed
    byte_size: int
    problem: str | None = None   # set when the entry is not read: a records.PROBLEM_CODES code
    detail: str = ""
    notes: tuple[tuple[str, str], ...] = ()   # (problem, detail) that do not stop loading
    stat: FileStat | None = None   # of the file read (a link's target), taken when listed

    @property
    def path(self) -> Path:
        """Where to read it. Made when asked: a listing of 100,000s of files reads few
        of them (the others' content is known by their stat), and a `Path` costs more
        to make than the rest of a file's entry."""
        return Path(self.location)


# a listing makes one per file, 100,000s of them: without a frozen dataclass's
# `object.__setattr__` per field
_new_file = positional_constructor(CorpusFile)


def safe_name(relative: str) -> tuple[str, bool]:
    """The relative path as valid UTF-8 text, and whether it had to be escaped.

    >>> safe_name("a/报告.txt")
    ('a/报告.txt', False)
    >>> safe_name(os.fsdecode(b"\\xb1\\xa8.txt"))
    ('\\\\xb1\\\\xa8.txt', True)
    """
    if relative.isascii():   # most names: nothing to check (a listing makes 100,000s)
        return relative, False
    raw = os.fsencode(relative)
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _entry(relative: str, path: str | Path, size: int = 0, problem: str | None = None,
           detail: str = "", info: os.stat_result | None = None) -> CorpusFile:
    name, escaped = (relative, False) if relative.isascii() else safe_name(relative)
    notes = ()
    if escaped:
        notes = (("bad_file_name", f"the file name is not valid UTF-8; recorded as {name}; "
                                   "rename the file to UTF-8 to keep its own name"),)
    return _new_file(name, os.fspath(path), size, problem, detail, notes,
                     None if info is None else FileStat.of(info))


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _walk(root: Path, real_root: Path, folder: Path, prefix: str) -> Iterator[CorpusFile]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        if not prefix:
            raise
        yield _entry(prefix.rstrip("/"), folder, problem="unreadable",
                     detail=f"folder cannot be listed ({_reason(err)}); its files were not read")
        return
    for entry in entries:
        if _PRIVATE_NAME.match(entry.name):
            continue   # keji's own lock and private folders, when the target is in the corpus
        relative = prefix + entry.name
        path = entry.path
        try:
            if entry.is_symlink():
                yield _link(real_root, relative, Path(path))
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(root, real_root, Path(path), relative + "/")
            else:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    yield _entry(relative, path, problem="not_a_file",
                                 detail=f"{_kind(info.st_mode)}, not a report file")
                elif not os.access(path, os.R_OK):
                    yield _entry(relative, path, info.st_size, "unreadable",
                                 "permission denied")
                else:
                    yield _entry(relative, path, info.st_size, info=info)
        except OSError as err:
            yield _entry(relative, path, problem="unreadable", detail=_reason(err))


def _link(real_root: Path, relative: str, path: Path) -> CorpusFile:
    """A symbolic link: read only when it points at a regular file inside the corpus."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as err:
        return _entry(relative, path, problem="broken_symlink",
                      detail=f"link to {os.readlink(path)!r} that does not resolve "
                             f"({_reason(err)})")
    if not target.is_relative_to(real_root):
        return _entry(relative, path, problem="symlink_outside",
                      detail="link to a path outside the corpus folder, not followed")
    info = target.stat()
    if stat.S_ISDIR(info.st_mode):
        return _entry(relative, path, problem="not_a_file",
                      detail="link to a folder of the corpus; its files are read where they are")
    if not stat.S_ISREG(info.st_mode):
        return _entry(relative, path, problem="not_a_file",
                      detail=f"link to {_kind(info.st_mode)}")
    if not os.access(target, os.R_OK):
        return _entry(relative, path, info.st_size, "unreadable", "permission denied")
    return _entry(relative, target, info.st_size, info=info)


def iter_corpus_files(root: Path) -> Iterator[CorpusFile]:
    """Every entry below `root` that is not a folder, in a stable order, hidden ones included.

    Nothing is filtered here: entries that must not be read come with their problem,
    so that no file of the corpus is silently left out.
    """
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} does not exist or is not a folder")
    yield from _walk(root, root.resolve(), root, "")


def read_bytes(path: Path) -> bytes:
    """The file's bytes."""
    return path.read_bytes()


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of the bytes: the content key of a report."""
    return hashlib.sha256(data).hexdigest()


def read_and_hash(file: CorpusFile) -> tuple[bytes | None, str]:
    """The file's bytes and their sha256: how a listing learns a file's content key
    (loaders.cache.Manifest.content may answer from the file's stat instead, with no
    bytes)."""
    data = read_bytes(file.path)
    return data, sha256_hex(data)
