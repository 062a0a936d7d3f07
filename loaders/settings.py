"""Constants and environment variable names only (no logic, no I/O)."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

ENV_CORPUS = "WAREHOUSE_CORPUS"
ENV_DB = "WAREHOUSE_DB"
ENV_WORKERS = "KEJI_WORKERS"   # processes reading reports; default one per core
# Seconds one file may take to be read (decode → clean → resolve → extract); a file that
# takes longer is recorded as `too_slow` and skipped. KEJI_FILE_SECONDS overrides.
ENV_FILE_SECONDS = "KEJI_FILE_SECONDS"
FILE_SECONDS = 20.0
# Where the loaders' output is cached between builds (set by `keji build` to the target's
# `.<name>.cache/`; unset, dbt run alone caches beside WAREHOUSE_DB), and what reads the
# files not yet cached: `local` (processes of this machine) or `dask` (a Dask cluster:
# KEJI_DASK_SCHEDULER, else a local cluster of KEJI_WORKERS workers).
ENV_CACHE = "KEJI_CACHE"
ENV_ENGINE = "KEJI_ENGINE"
# `off` runs the loaders' Python where a compiled stage (native/, loaders/native.py) is built
ENV_NATIVE = "KEJI_NATIVE"
ENV_DASK_SCHEDULER = "KEJI_DASK_SCHEDULER"
ENGINES = ("local", "dask")
# DuckDB's memory limit in every connection of a build (dbt's and the expectations');
# beyond it DuckDB spills to a temporary folder inside the build's private folder.
# 1 GB: at 1 GB of reports, the fact-wide joins and the gate spill less than at 512 MB
# (dbt's models after raw_reports 81 -> 74 s, the expectations 41.8 -> 35.4 s), and no
# process of the build comes near 3 GB (the gate peaks at 1.4 GB, dbt's models at 1.43).
ENV_DUCKDB_MEMORY = "KEJI_DUCKDB_MEMORY"
DUCKDB_MEMORY = "1GB"
# Test hook: a comma-separated list of publish steps to fail on purpose
# (`checkpoint`, `verify`; see loaders/publish.py). Unset in normal use.
ENV_FAULT = "KEJI_FAULT"
# Set by `keji build` for its dbt child: the file where the loaders append one line per
# corpus file read, which keji tails to show progress (loaders/progress.py).
ENV_PROGRESS = "KEJI_PROGRESS"
# Set by `keji build` for its dbt child: the Parquet file where raw_reports writes the
# corpus as it listed it, which keji records in the warehouse (raw.keji_corpus_listing)
# so that the next build can tell that nothing changed.
ENV_LISTING = "KEJI_LISTING"
# Set by `keji build` for its dbt child when its check listed the corpus: the file of that
# listing (loaders.cache.hand_over), which an incremental raw_reports builds from instead
# of listing the corpus again (at 1 GB of reports ~15 s of the build of a few new files).
ENV_LISTED = "KEJI_LISTED"

DEFAULT_CORPUS = REPO_ROOT / "seeds" / "reports"
DEFAULT_DB = REPO_ROOT / "warehouse.duckdb"
REFERENCE_DIR = REPO_ROOT / "seeds" / "reference"
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

# Files larger than this are recorded as `too_large` and not read into memory.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Below this many files the reports are read in-process; above, by a pool of workers
# fed windows of this many files (bounded memory, order kept).
PARALLEL_MIN_FILES = 64
PARALLEL_WINDOW = 256
# Names `keji build` gives its own files beside the target (`.<name>.lock`,
# `.<name>.build-<pid>-…/`, `.<name>.rejected/`, `.<name>.cache/`): not reports, never
# read as such when the target lies inside the corpus folder.
PRIVATE_NAME_PATTERN = r"^\..+\.(?:lock|rejected|cache|build-.+)$"
# Linear time on any input: the work per number found is bounded. A sentence is read at
# most SENTENCE_WINDOW characters either side of a number (the longest look-back in the
# dev corpus is under 300), and of a run of numeral characters that does not parse as a
# whole (唯一一家) only suffixes of up to MAX_NUMERAL_CHARS are tried: no real numeral
# (一亿二千三百四十五万六千七百八十九) is that long.
SENTENCE_WINDOW = 500
MAX_NUMERAL_CHARS = 40
# File name endings read as reports; anything else is recorded as `unsupported`.
TEXT_SUFFIXES = (".txt", ".text", ".htm", ".html")


def file_seconds() -> float:
    """The time budget of one file: KEJI_FILE_SECONDS, else FILE_SECONDS."""
    return float(os.environ.get(ENV_FILE_SECONDS) or FILE_SECONDS)


def corpus_dir() -> Path:
    """The corpus folder: WAREHOUSE_CORPUS, else the reports shipped in seeds/."""
    return Path(os.environ.get(ENV_CORPUS) or DEFAULT_CORPUS).resolve()


def duckdb_memory() -> str:
    """DuckDB's memory limit for a build: KEJI_DUCKDB_MEMORY, else DUCKDB_MEMORY."""
    return os.environ.get(ENV_DUCKDB_MEMORY) or DUCKDB_MEMORY


def warehouse_path() -> Path:
    """The DuckDB file to build: WAREHOUSE_DB, else warehouse.duckdb at the repo root."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB).resolve()
