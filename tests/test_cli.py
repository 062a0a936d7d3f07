"""`keji` as a user meets it: help, flags, progress, summary, quiet runs, exit codes.

The builds are real (`keji build` on a small corpus, dbt and the gate included),
with output captured through pipes, i.e. not on a terminal: there, no colour code
may appear, from keji or from dbt.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from loaders.progress import LoadCount, ProgressReader, ProgressWriter
from loaders.terminal import LoadStats, Output
from tests.conftest import KEJI, REPO, SEED_REPORTS, query

ESCAPE = "\x1b["


def keji(*args: str, env: dict[str, str] | None = None, timeout: int = 900
         ) -> subprocess.CompletedProcess[str]:
    """`keji ARGS` with neither WAREHOUSE_* variable set unless `env` sets it."""
    import os

    base = {k: v for k, v in os.environ.items() if not k.startswith("WAREHOUSE_")}
    return subprocess.run([str(KEJI), *args], env={**base, "DBT_SEND_ANONYMOUS_USAGE_STATS":
                                                    "false", **(env or {})},
                          cwd=REPO, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_f566bb897bdedf27.txt", "004_fca62a6dc78bee06.txt"):
        shutil.copy(SEED_REPORTS / name, corpus / name)
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")   # one load problem: unsupported
    return corpus


# ------------------------------------------------------------ help and exit codes
def test_help_names_the_variables_and_the_exit_codes():
    result = keji("--help")
    assert result.returncode == 0
    for words in ("WAREHOUSE_CORPUS", "WAREHOUSE_DB", "KEJI_WORKERS", "KEJI_DEBUG",
                  "build", "validate", "review", "extract", "exit status:",
                  "3      another build of the same warehouse is running",
                  "128+N  stopped by signal N"):
        assert words in result.stdout, words
    build_help = keji("build", "--help").stdout
    for flag in ("--corpus DIR", "--db FILE", "--quiet", "--strict", "--wait", "--allow-empty"):
        assert flag in build_help


def test_a_bad_argument_is_exit_code_2():
    result = keji("build", "--no-such-flag")
    assert result.returncode == 2 and "unrecognized arguments: --no-such-flag" in result.stderr


def test_validate_of_a_warehouse_that_cannot_be_read_is_exit_code_2(tmp_path):
    result = keji("validate", "--db", str(tmp_path / "absent.duckdb"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"keji validate: no warehouse file at {tmp_path}")


# ------------------------------------------------------------ a build that talks
def test_a_build_by_flags_shows_progress_and_a_summary_without_colour(small_corpus, tmp_path):
    db = tmp_path / "out" / "w.duckdb"
    decoy = tmp_path / "decoy.duckdb"
    # the flags win over the variables
    result = keji("build", "--corpus", str(small_corpus), "--db", str(db),
                  env={"WAREHOUSE_DB": str(decoy), "WAREHOUSE_CORPUS": str(tmp_path / "none")})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert db.is_file() and not decoy.exists()
    assert ESCAPE not in result.stdout + result.stderr
    out = result.stdout.splitlines()
    assert out[0] == f"keji build: corpus {small_corpus} -> {db}"
    # the loaders' progress crossed from dbt's child process to keji
    size = sum(p.stat().st_size for p in small_corpus.iterdir()) / 1e6
    (loaded,) = [line for line in out if line.startswith("keji build: reports loaded:")]
    assert re.fullmatch(rf"keji build: reports loaded: 3 files \({size:.1f} MB\) read in "
                        r"\d+\.\d s, \d+\.\d\d MB/s", loaded)
    facts, mapped = query(db, """select count(*), count(*) filter (where i.indicator_code !=
        'unmapped') from marts.fct_indicator_value join marts.dim_indicator i
        using (indicator_key)""")[0]
    summary = out[out.index("keji build: summary") + 1:]
    assert summary[0].startswith("  reports       2 loaded of 3 files read (")
    assert summary[1].startswith(f"  facts         {facts:,}: {mapped:,} mapped to an indicator "
                                 f"({mapped / facts:.1%}), ")
    assert summary[2] == "  problems      1: unsupported 1"
    assert re.fullmatch(r"  expectations  passed: \d+ in 6 suites, 0 failed, \d+ warnings",
                        summary[3])
    assert summary[4].startswith(f"  warehouse     {db} (")
    # dbt ran quiet: none of its per-model lines reached keji's output
    assert "PASS=" not in result.stdout and "OK created" not in result.stdout


def test_a_quiet_failed_build_says_only_why_and_keeps_dbt_log_and_progress(small_corpus,
                                                                            tmp_path):
    db = tmp_path / "w.duckdb"
    result = keji("build", "--quiet", "--corpus", str(small_corpus), "--db", str(db),
                  env={"KEJI_FAULT": "verify"})
    assert result.returncode == 1
    assert result.stdout == ""
    kept = tmp_path / ".w.duckdb.rejected"
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if line.startswith("keji build: FAILED")]
    assert f"the rejected build is kept in {kept}" in result.stderr
    log = (kept / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert "raw_reports" in log and ESCAPE not in log     # dbt's full log, without colour
    lines = (kept / "progress.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "0 start" and len(lines) == 4      # the start, then one line per file
    assert sorted(line.split()[1] for line in lines[1:]) == ["loaded", "loaded", "unsupported"]


# ------------------------------------------------------------ the pieces, on their own
def test_progress_lines_are_read_whole_as_they_are_written(tmp_path):
    path = tmp_path / "progress.txt"
    reader = ProgressReader(path)
    assert reader.poll() == LoadCount()                  # nothing written yet
    write = ProgressWriter(path)
    assert reader.poll() == LoadCount(started=True)
    write({"byte_size": 1200, "status": "loaded"})
    write({"byte_size": 30, "status": "duplicate"})
    with path.open("a", encoding="utf-8") as half:       # a line still being written
        half.write("99")
    assert reader.poll() == LoadCount(files=2, bytes=1230, loaded=1, started=True)
    with path.open("a", encoding="utf-8") as rest:
        rest.write("9 loaded\n")
    assert reader.poll() == LoadCount(files=3, bytes=2229, loaded=2, started=True)


def test_quiet_output_keeps_errors_only():
    out, err = io.StringIO(), io.StringIO()
    quiet = Output("build", quiet=True, out=out, err=err)
    quiet.say("corpus a -> b")
    quiet.say("FAILED at verify", error=True)
    assert out.getvalue() == "" and err.getvalue() == "keji build: FAILED at verify\n"
    assert not quiet.live                                 # no live display off a terminal
    loud = Output("review", out=out, err=err)
    loud.say("5 reports")
    assert out.getvalue() == "keji review: 5 reports\n"


def test_summary_lines_state_each_aspect_once(tmp_path):
    from loaders.cli import summary_lines

    target = tmp_path / "w.duckdb"
    target.write_bytes(b"x" * 2_500_000)
    report = SimpleNamespace(success=True, failures=[], blocking_failures=[],
                             results={"a": SimpleNamespace(evaluated=50),
                                      "b": SimpleNamespace(evaluated=41)})
    figures = {"reports": 49, "facts": 1030, "mapped": 205, "headline": 192,
               "unmapped_phrases": 761, "problems": [("mis_decoded", 1), ("duplicate", 2)]}
    assert summary_lines(figures, report, LoadStats(50, 2_300_000, 49, 4.6), target) == [
        "  reports       49 loaded of 50 files read (2.3 MB in 4.6 s, 0.50 MB/s)",
        "  facts         1,030: 205 mapped to an indicator (19.9%), 192 of headline indicators; "
        "761 unmapped phrases",
        "  problems      3: mis_decoded 1, duplicate 2",
        "  expectations  passed: 91 in 2 suites, 0 failed, 0 warnings",
        f"  warehouse     {target} (2.5 MB); `keji review` shows it as web pages",
    ]
# ------------------------------------------------------------ progress across a process boundary
CHILD = """
import sys, time
from pathlib import Path
from loaders.progress import ProgressWriter
write = ProgressWriter(Path(sys.argv[1]))
print("a line of the child", flush=True)
for size in (1000, 2000, 3000):
    time.sleep(0.3)
    write({"byte_size": size, "status": "loaded"})
time.sleep(0.5)
"""


def run_child(output: Output, progress: Path) -> subprocess.Popen:
    import sys

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(progress)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with output.following(child, progress, total_files=3, total_bytes=6000):
        child.wait()
    return child


def test_a_child_process_progress_is_shown_as_plain_lines_off_a_terminal(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    output = Output("build", out=out, err=err)
    run_child(output, tmp_path / "progress.txt")
    assert err.getvalue() == "a line of the child\n"           # relayed
    (line,) = out.getvalue().splitlines()
    assert re.fullmatch(r"keji build: reports loaded: 3 files \(0\.0 MB\) read in \d\.\d s, "
                        r"\d\.\d\d MB/s", line)
    assert output.load.files == 3 and output.load.bytes == 6000 and output.load.seconds > 0.3


def test_a_child_process_progress_is_a_live_bar_on_a_terminal(tmp_path):
    import os
    import threading

    master, slave = os.openpty()
    screen = bytearray()
    reader = threading.Thread(target=lambda: _drain(master, screen), daemon=True)
    reader.start()
    with open(slave, "w", encoding="utf-8", closefd=True) as terminal:
        output = Output("build", out=io.StringIO(), err=terminal)
        output.live = True
        run_child(output, tmp_path / "progress.txt")
    reader.join(timeout=5)
    text = screen.decode("utf-8", "replace")
    assert "loading reports" in text and "3/3 files" in text and "a line of the child" in text
    assert ESCAPE in text                                      # a terminal gets the live bar


def _drain(fd: int, into: bytearray) -> None:
    import os

    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        into.extend(chunk)


# ------------------------------------------------------------------ dbt's child, started early
def test_dbt_child_runs_the_command_it_is_handed_with_dbts_exit_status(tmp_path):
    """The child imports dbt first, then runs one command from its stdin: a usage error is
    dbt's command line's exit status 2, and said (dbtRunner leaves click's message to its
    caller)."""
    import os

    from loaders.cli import DbtChild

    child = DbtChild()
    process = child.take(["build", "--no-such-flag"], dict(os.environ), tmp_path)
    assert process is not None and child.take(["build"], {}, tmp_path) is None   # used once
    out = process.stdout.read()
    assert process.wait(timeout=120) == 2
    assert b"dbt: " in out and b"no-such-flag" in out


def test_an_unused_dbt_child_is_ended_and_a_dead_one_is_not_used(tmp_path):
    from loaders.cli import DbtChild

    unused = DbtChild()
    process = unused.process
    unused.discard()
    assert process.poll() is not None and unused.process is None
    dead = DbtChild()
    dead.process.kill()
    dead.process.wait()
    assert dead.take(["build"], {}, tmp_path) is None   # the build runs dbt's command line


def test_dbt_child_with_nothing_to_run_ends_at_once():
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys; from loaders.dbt_child import main; "
                           "sys.exit(main())"], input=b"", capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout == b""
