"""Score a built warehouse fold by fold, so that rules are judged on reports they were not written on.

    python scripts/score_folds.py --db /tmp/dev.duckdb [--gold ../shared/corpus/dev/gold]
                                  [--folds scripts/dev_folds.csv] [--only C] [-v]

The dev reports are split into folds by report (`dev_folds.csv`): `tuned` are the reports
the first rules were written on; the reports that joined later are dealt round-robin,
by the sha256 of their names, into folds `A`, `B` and `C`. A fold is scored before its
reports are read, and its first-sight figure is kept in the README beside the dev score.

The shared scorer reads only the documents its gold lists, so each fold is a gold folder
holding that fold's lines; the warehouse is built once over all reports.
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOLDS = Path(__file__).with_name("dev_folds.csv")


def read_folds(path: Path) -> dict[str, list[str]]:
    """Fold name → report file names, as listed in the folds file."""
    folds: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            folds.setdefault(row["fold"], []).append(row["doc"])
    return folds


def write_fold_gold(gold: Path, docs: set[str], out: Path) -> None:
    """Copy the gold lines of `docs` (both files) into the folder `out`."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    for name in ("docs.jsonl", "facts.jsonl"):
        lines = [line for line in (gold / name).read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["doc"] in docs]
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def score(db: Path, gold: Path, verbose: bool) -> str:
    """Run the shared scorer; its whole output (the last line is the figure)."""
    args = [sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(db), "--gold", str(gold)]
    return subprocess.run(args + (["-v"] if verbose else []), capture_output=True,
                          text=True, check=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--gold", type=Path, default=SHARED / "corpus" / "dev" / "gold")
    ap.add_argument("--folds", type=Path, default=FOLDS)
    ap.add_argument("--only", action="append", help="score only these folds (repeatable)")
    ap.add_argument("--group", action="append", default=[], metavar="NAME=F1+F2",
                    help="also score a union of folds, e.g. new=A+B+C")
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorer's details too")
    args = ap.parse_args()

    folds = read_folds(args.folds)
    for spec in args.group:
        name, _, members = spec.partition("=")
        folds[name] = [d for m in members.split("+") for d in folds[m]]
    with tempfile.TemporaryDirectory() as tmp:
        for name, docs in folds.items():
            if args.only and name not in args.only:
                continue
            fold_gold = Path(tmp) / name
            write_fold_gold(args.gold, set(docs), fold_gold)
            out = score(args.db, fold_gold, args.verbose)
            print(out if args.verbose else "", end="")
            print(f"{name:>6} ({len(docs):>2} reports): {out.splitlines()[-1]}")


if __name__ == "__main__":
    main()
