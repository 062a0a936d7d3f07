"""Every row the loaders make, recorded once and compared after a change.

    python -m bench.identity record /tmp/rows.jsonl.gz [--corpus DIR ...]
    (change the loaders)
    python -m bench.identity check /tmp/rows.jsonl.gz [--corpus DIR ...]

A change meant to make the loaders faster must not change what they read. This reads
each file as a build does (`loaders.pipeline.read_report`: decode, clean, region,
periods, extraction; its mentions through the Arrow columns a build writes), with the
build's time fixed, and records its whole row — every field of the report and of each
of its mentions. `check` reads the same files again
and names each file whose row differs, with the first field that does. It also prints
the CPU seconds per MB of the run, so the same command times the change.

The files: the shipped reports, the dev corpus where `../shared` lies beside the clone,
the made-up sets of the tests, six kinds of adversarial text (`bench.adversarial`, 60 KB
each, written to a temporary folder), and any `--corpus` folders (a generated benchmark
corpus, say). `--only` reads the `--corpus` folders alone.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.adversarial import GENERATORS, adversarial_bytes
from bench.generate import DEV_DOCS
from bench.stages import report_files
from loaders.corpus import CorpusFile
from loaders.pipeline import Reference, read_report, rows_batch
from loaders.settings import DEFAULT_CORPUS, REPO_ROOT

MADE_UP = REPO_ROOT / "tests" / "data" / "madeup" / "docs"
ADVERSARIAL_BYTES = 60_000
LOADED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)   # the build's time, fixed


def _files(roots: list[tuple[str, Path]]) -> Iterator[tuple[str, CorpusFile]]:
    for label, root in roots:
        for file in report_files(root):
            yield f"{label}/{file.source_name}", file


def _as_json(row: dict[str, Any]) -> Any:
    """The row as JSON gives it back (tuples as lists, times as text): what is recorded."""
    return json.loads(json.dumps(row, ensure_ascii=False, default=str))


def read_rows(roots: list[tuple[str, Path]]) -> tuple[dict[str, Any], float, float]:
    """Each file's row by its label, the MB read and the CPU seconds the loaders took."""
    reference = Reference.from_seed_files()
    rows: dict[str, Any] = {}
    size = cpu = 0.0
    for label, file in _files(roots):
        data = file.path.read_bytes()
        size += len(data)
        started = time.process_time()
        row = read_report(file, data, hashlib.sha256(data).hexdigest(), reference, LOADED_AT,
                          columnar=True)
        cpu += time.process_time() - started
        # the mentions as a build lands them: through the Arrow columns of its batches
        row["mentions"] = rows_batch([row]).column("mentions").to_pylist()[0]
        rows[label] = _as_json(row)
    return rows, size / 1e6, cpu


def first_difference(old: Any, new: Any, where: str = "") -> str | None:
    """Where two recorded rows first differ (`mentions[3].value_raw: 12.0 → 13.0`), or None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            found = first_difference(old.get(key), new.get(key), f"{where}.{key}" if where else key)
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for k, (a, b) in enumerate(zip(old, new)):
            found = first_difference(a, b, f"{where}[{k}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{where}: {len(old)} items → {len(new)}"
        return None
    if old != new:
        return f"{where}: {str(old)[:80]!r} → {str(new)[:80]!r}"
    return None


def compare(recorded: dict[str, Any], rows: dict[str, Any]) -> list[str]:
    """One line per file whose row differs, is new or is gone."""
    out = []
    for label in sorted(recorded.keys() | rows.keys()):
        if label not in rows:
            out.append(f"{label}: recorded, not read now")
        elif label not in recorded:
            out.append(f"{label}: read now, not recorded")
        else:
            found = first_difference(recorded[label], rows[label])
            if found:
                out.append(f"{label}: {found}")
    return out


def _roots(corpora: list[Path], only: bool, scratch: Path) -> list[tuple[str, Path]]:
    roots = [(f"corpus{k}", path) for k, path in enumerate(corpora)]
    if only:
        return roots
    for kind in GENERATORS:
        (scratch / f"{kind}.txt").write_bytes(adversarial_bytes(kind, ADVERSARIAL_BYTES))
    defaults = [("shipped", DEFAULT_CORPUS), ("dev", DEV_DOCS), ("madeup", MADE_UP),
                ("adversarial", scratch)]
    return [(label, path) for label, path in defaults if path.is_dir()] + roots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("record", type=Path, help="the recorded rows (.jsonl.gz)")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a folder of reports to read too (repeatable)")
    parser.add_argument("--only", action="store_true", help="read the --corpus folders alone")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="keji-identity-") as scratch:
        rows, mb, cpu = read_rows(_roots(args.corpus, args.only, Path(scratch)))
    rate = f"{len(rows)} files, {mb:.2f} MB, {cpu:.2f} CPU s ({cpu / mb:.3f} s per MB)" if mb else "no files"
    if args.action == "record":
        args.record.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(args.record, "wt", encoding="utf-8") as out:
            for label, row in rows.items():
                out.write(json.dumps({"file": label, "row": row}, ensure_ascii=False) + "\n")
        print(f"recorded {rate} in {args.record}")
        return 0
    if not args.record.is_file():
        print(f"no record at {args.record}: run `python -m bench.identity record {args.record}` first",
              file=sys.stderr)
        return 2
    with gzip.open(args.record, "rt", encoding="utf-8") as lines:
        recorded = {item["file"]: item["row"] for item in map(json.loads, lines)}
    differences = compare(recorded, rows)
    for line in differences[:20]:
        print(line)
    print(f"checked {rate}: {len(differences)} of {len(recorded.keys() | rows.keys())} files differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
