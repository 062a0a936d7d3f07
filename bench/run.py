"""Rerunnable benchmark: build a warehouse from a synthetic corpus far larger than the seeds.

    python -m bench.run [--target-mb 50] [--source DIR] [--out /tmp/keji-bench]

The corpus is made of the shipped reports (and the dev corpus when it sits beside the
repo), copied with a numbered line so that every copy has its own bytes and is loaded
rather than skipped as a duplicate. Two figures are measured on that corpus:
  1. the loaders alone (decode, clean, extract, resolve) in this process: MB/s;
  2. the whole `keji build` (dbt build + tests + expectations + publish) in a child
     process: wall time and peak resident memory.
Results are printed and written to OUT/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from loaders.pipeline import Reference, iter_raw_rows, worker_count
from loaders.settings import DEFAULT_CORPUS, REPO_ROOT

DEV_DOCS = REPO_ROOT.parent / "shared" / "corpus" / "dev" / "docs"


def make_corpus(sources: list[Path], out: Path, target_bytes: int) -> tuple[int, int]:
    """Copy the source reports into `out` until `target_bytes`; (files, bytes) written."""
    files = [p for src in sources for p in sorted(src.glob("*.txt"))]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = count = 0
    while written < target_bytes:
        folder = out / f"batch_{count // 1000:04d}"
        folder.mkdir(exist_ok=True)
        for path in files:
            data = path.read_bytes() + f"\n(副本 {count})\n".encode("utf-8")
            (folder / f"{count:07d}_{path.name}").write_bytes(data)
            written += len(data)
            count += 1
            if written >= target_bytes:
                break
    return count, written


def bench_loaders(corpus: Path) -> dict[str, float]:
    reference = Reference.from_seed_files()
    started = time.perf_counter()
    size = mentions = files = 0
    for row in iter_raw_rows(corpus, reference):
        files += 1
        size += row["byte_size"] or 0
        mentions += len(row["mentions"])
    seconds = time.perf_counter() - started
    return {"files": files, "mb": size / 1e6, "mentions": mentions, "seconds": seconds,
            "mb_per_s": size / 1e6 / seconds, "workers": worker_count()}


def bench_build(corpus: Path, db: Path) -> dict[str, float]:
    env = {**os.environ, "WAREHOUSE_CORPUS": str(corpus), "WAREHOUSE_DB": str(db)}
    # a full build: the loaders' cache of an earlier run would hold every file already
    shutil.rmtree(db.with_name(f".{db.name}.cache"), ignore_errors=True)
    keji = Path(sys.executable).with_name("keji")
    started = time.perf_counter()
    result = subprocess.run([str(keji), "build"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"keji build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_rss_mb": peak_kb / 1024,
            "db_mb": db.stat().st_size / 1e6, "summary": result.stdout.strip().splitlines()[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-mb", type=float, default=50)
    parser.add_argument("--source", type=Path, action="append")
    parser.add_argument("--out", type=Path, default=Path("/tmp/keji-bench"))
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    sources = args.source or [DEFAULT_CORPUS] + ([DEV_DOCS] if DEV_DOCS.exists() else [])
    corpus = args.out / "corpus"
    files, size = make_corpus(sources, corpus, int(args.target_mb * 1e6))
    results: dict[str, object] = {
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "corpus": {"files": files, "mb": round(size / 1e6, 1)},
        "loaders": bench_loaders(corpus),
    }
    if not args.skip_build:
        results["build"] = bench_build(corpus, args.out / "bench.duckdb")
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (args.out / "results.json").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
