"""`python -m expectations [--db PATH]`: validate a warehouse file, exit 1 on failure.

Prints one line per failed expectation (FAIL blocks, WARN does not) and then a
one-line summary; exits 0 only when no critical expectation failed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from loaders.settings import ENV_DB, warehouse_path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m expectations",
        description="Validate the marts tables of a DuckDB warehouse against the suites.")
    parser.add_argument("--db", type=Path, default=None,
                        help=f"the DuckDB file (default: ${ENV_DB}, else warehouse.duckdb "
                             "at the repo root)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the gate; the exit status is 0 when it passed."""
    args = parse_args(argv)
    db_path = args.db if args.db is not None else warehouse_path()
    from expectations.validate import validate_warehouse

    try:
        report = validate_warehouse(db_path)
    except FileNotFoundError as err:
        print(f"FAIL {err}", file=sys.stderr)
        return 1
    except duckdb.Error as err:     # e.g. a writer holds the file's lock
        print(f"FAIL cannot read {db_path}: {str(err).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    for failure in report.failures:
        print(failure.describe())
    print(report.summary())
    return 0 if report.success else 1


if __name__ == "__main__":
    sys.exit(main())
