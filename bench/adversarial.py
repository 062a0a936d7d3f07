"""Adversarial benchmark: the loaders' time per MB must stay flat from 1 KB to 10 MB.

    python -m bench.adversarial [--max-mb 10] [--kinds numerals,reports] [--out DIR]

A report is read in one process exactly as a build reads it (decode, clean,
region and period resolution, extraction, the periods of its facts:
`loaders.pipeline.read_report`), once per kind of text and size. The kinds are
made by seeded generators, so every run reads the same bytes:

  numerals        long runs of Chinese numeral characters (一二三…万亿) ending in a unit
  digits_units    numbers with units back to back, no words (`1亿元37亿元5亿元…`)
  repeated_units  one number followed by a long run of units (`5亿元亿元万元家…`)
  long_clause     report-like phrases joined by commas, never a sentence end
  brackets        nested and unbalanced quotes and brackets around numbers
  reports         the shipped reports (seeds/reports) one after the other, as one file

Time that grows faster than the text is a quadratic step: a kind whose s/MB at
the largest size is more than 2x its s/MB at the smallest is flagged. The
per-file time budget (KEJI_FILE_SECONDS) is lifted for the run; instead a size
that takes longer than --max-seconds is stopped, reported as such and flagged,
and the kind's larger sizes are skipped. Results are printed as a table and
written to OUT/adversarial.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from loaders.settings import DEFAULT_CORPUS, ENV_FILE_SECONDS

SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)   # bytes of UTF-8 text
SEED = 20261204
GROWTH_LIMIT = 2.0       # s/MB at the largest size over s/MB at the smallest
MIN_SECONDS = 0.5        # small sizes are read again until this much time has passed

NUMERALS = "零〇一二两三四五六七八九十百千万亿"
UNITS = ("亿元", "万元", "元", "家", "项", "个", "人", "人次", "件", "%", "个百分点", "倍", "亩", "吨")
OPENERS = "“‘「『《（(【〔"
CLOSERS = "”’」』》）)】〕"
PHRASES = ("全市研发投入", "高新技术企业", "新增科技型中小企业", "技术合同成交额", "专利授权量",
           "同比增长", "完成年度计划的", "争取上级科技资金", "培训农民", "建成众创空间")


# ------------------------------------------------------------ generators (pure, seeded)
def _pieces_numerals(rng: random.Random) -> Iterator[str]:
    while True:
        yield "".join(rng.choice(NUMERALS) for _ in range(rng.randint(2_000, 20_000)))
        yield rng.choice(UNITS)


def _pieces_digits_units(rng: random.Random) -> Iterator[str]:
    while True:
        yield f"{rng.randint(1, 9999)}{rng.choice(('', '.' + str(rng.randint(1, 99))))}"
        yield rng.choice(UNITS[:3]) if rng.random() < 0.7 else rng.choice(UNITS)


def _pieces_repeated_units(rng: random.Random) -> Iterator[str]:
    while True:
        yield f"全市研发投入{rng.randint(1, 999)}"
        yield "".join(rng.choice(UNITS) for _ in range(rng.randint(500, 5_000)))
        yield "。"


def _pieces_long_clause(rng: random.Random) -> Iterator[str]:
    while True:
        yield (f"{rng.choice(PHRASES)}{rng.randint(1, 9999)}.{rng.randint(0, 9)}"
               f"{rng.choice(UNITS)},")


def _pieces_brackets(rng: random.Random) -> Iterator[str]:
    while True:
        depth = rng.randint(1, 60)
        opened = [rng.randrange(len(OPENERS)) for _ in range(depth)]
        yield "".join(OPENERS[k] for k in opened)
        yield f"{rng.choice(PHRASES)}{rng.randint(1, 999)}{rng.choice(UNITS)}"
        # close some, in the wrong order or not at all
        closing = opened[: rng.randint(0, depth)]
        rng.shuffle(closing)
        yield "".join(CLOSERS[k] for k in closing)
        if rng.random() < 0.1:
            yield "。"


def _pieces_reports(rng: random.Random) -> Iterator[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_CORPUS.glob("*.txt"))]
    while True:
        yield from texts


GENERATORS: dict[str, Callable[[random.Random], Iterator[str]]] = {
    "numerals": _pieces_numerals,
    "digits_units": _pieces_digits_units,
    "repeated_units": _pieces_repeated_units,
    "long_clause": _pieces_long_clause,
    "brackets": _pieces_brackets,
    "reports": _pieces_reports,
}


def adversarial_bytes(kind: str, size: int, seed: int = SEED) -> bytes:
    """`size` bytes of UTF-8 text of `kind`, the same on every call (cut at a character)."""
    rng = random.Random(f"{seed}-{kind}")
    parts: list[str] = []
    total = 0
    for piece in GENERATORS[kind](rng):
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size:
            break
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


# ------------------------------------------------------------ timing
class OverTime(BaseException):
    """A size ran past --max-seconds."""


def _read_once(data: bytes, reference: Any, max_seconds: float) -> tuple[float, int, str]:
    """(seconds, mentions, status) of reading `data` as one report file, as a build does."""
    from loaders.corpus import CorpusFile
    from loaders.pipeline import FileClock, read_report
    from loaders.settings import file_seconds

    def ring(signum: int, frame: object) -> None:
        raise OverTime

    file = CorpusFile("adversarial.txt", "adversarial.txt", len(data))
    sha256 = hashlib.sha256(data).hexdigest()
    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max_seconds)
    started = time.perf_counter()
    try:
        row = read_report(file, data, sha256, reference, datetime.now(timezone.utc),
                          FileClock(file_seconds()))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started, len(row["mentions"]), row["status"]


def measure(kind: str, size: int, reference: Any, max_seconds: float) -> dict[str, Any]:
    """Read `size` bytes of `kind` (again and again while under MIN_SECONDS): s/MB."""
    data = adversarial_bytes(kind, size)
    runs, spent, mentions, status = 0, 0.0, 0, ""
    while runs == 0 or spent < MIN_SECONDS:
        seconds, mentions, status = _read_once(data, reference, max_seconds)
        runs += 1
        spent += seconds
    per_run = spent / runs
    return {"kind": kind, "bytes": len(data), "runs": runs, "seconds": round(per_run, 6),
            "s_per_mb": round(per_run / (len(data) / 1e6), 4), "mentions": mentions,
            "status": status}


def growth(rows: list[dict[str, Any]]) -> float | None:
    """s/MB at the largest size read over s/MB at the smallest (None with fewer than two)."""
    done = [row for row in rows if "s_per_mb" in row]
    if len(done) < 2:
        return None
    return done[-1]["s_per_mb"] / done[0]["s_per_mb"]


def run(kinds: list[str], sizes: list[int], max_seconds: float) -> dict[str, Any]:
    from loaders.pipeline import Reference

    os.environ[ENV_FILE_SECONDS] = str(10 * max_seconds)   # the build's budget, lifted
    reference = Reference.from_seed_files()
    results: dict[str, Any] = {}
    for kind in kinds:
        rows: list[dict[str, Any]] = []
        for size in sizes:
            try:
                rows.append(measure(kind, size, reference, max_seconds))
            except OverTime:
                rows.append({"kind": kind, "bytes": size, "over_seconds": max_seconds})
                break
            finally:
                if rows:
                    print(_row_line(rows[-1]), file=sys.stderr, flush=True)
        ratio = growth(rows)
        flagged = (ratio is not None and ratio > GROWTH_LIMIT) or "over_seconds" in rows[-1]
        results[kind] = {"sizes": rows, "growth": ratio and round(ratio, 2), "flagged": flagged}
    return results


def _row_line(row: dict[str, Any]) -> str:
    if "over_seconds" in row:
        return f"  {row['kind']} {row['bytes']} B: over {row['over_seconds']:g} s, stopped"
    return (f"  {row['kind']} {row['bytes']} B: {row['seconds']:.4f} s x{row['runs']}, "
            f"{row['s_per_mb']:.3f} s/MB, {row['mentions']} mentions ({row['status']})")


def _size_label(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1_000} KB"


def table(results: dict[str, Any], sizes: list[int]) -> str:
    """A Markdown table of s/MB per kind and size, with the growth and the flag."""
    head = ["kind", *(_size_label(s) for s in sizes), "growth", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind, result in results.items():
        cells = {row["bytes"]: row for row in result["sizes"]}
        shown = []
        for size in sizes:
            row = next((r for b, r in cells.items() if abs(b - size) <= 4), None)
            if row is None:
                shown.append("–")
            elif "over_seconds" in row:
                shown.append(f">{row['over_seconds']:g} s")
            else:
                shown.append(f"{row['s_per_mb']:.3f}")
        ratio = result["growth"]
        shown.append("–" if ratio is None else f"{ratio:.2f}x")
        shown.append("FLAGGED" if result["flagged"] else "flat")
        lines.append("| " + " | ".join([kind, *shown]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=10,
                        help="largest size in MB (1 for a quick run; default 10)")
    parser.add_argument("--kinds", default=",".join(GENERATORS),
                        help="comma-separated kinds (default: all)")
    parser.add_argument("--max-seconds", type=float, default=600,
                        help="stop a size that takes longer than this (default 600)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/keji-bench-adversarial"))
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(GENERATORS))
    if unknown:
        parser.error(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(GENERATORS)}")
    sizes = [s for s in SIZES if s <= args.max_mb * 1e6]
    started = time.perf_counter()
    results = run(kinds, sizes, args.max_seconds)
    report = {
        "machine": f"{platform.machine()} {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "seed": SEED, "growth_limit": GROWTH_LIMIT, "sizes": sizes,
        "seconds": round(time.perf_counter() - started, 1),
        "kinds": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "adversarial.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("s/MB (decode + clean + region + period + extract), growth = largest / smallest size")
    print(table(results, sizes))
    flagged = [kind for kind, result in results.items() if result["flagged"]]
    print(f"flagged: {', '.join(flagged) if flagged else 'none'}; written {out}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
