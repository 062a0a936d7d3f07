"""Faults a build must survive (issue 8): each is made for real and its outcome asserted.

Every test runs `keji build` as a user would, into temporary paths, on the shipped
reports or a one-file corpus; DuckDB and dbt are never mocked. Where a fault cannot
be made on this machine (a full disk needs a small mount), the step it breaks is
failed through the documented test hook `KEJI_FAULT` (loaders/publish.py).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import (KEJI, REPO, SEED_REPORTS, keji_build, keji_env, obey_file_permissions,
                            query)

TINY_REPORT = ("XX市科技局2023年工作总结\n\n"
               "全市全社会研发投入58.6亿元,增长12.1%。高新技术企业总数达到2318家。\n")

MARTS_COUNTS = """
    select (select count(*) from marts.dim_document), (select count(*) from marts.fct_indicator_value),
           (select count(*) from marts.load_problems),
           (select count(*) from information_schema.tables where table_schema = 'main')"""


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(TINY_REPORT, encoding="utf-8")
    return corpus


@pytest.fixture
def published(seeds_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of a good warehouse at the target path, as a previous build left it."""
    target = tmp_path / "out" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copy(seeds_warehouse, target)
    return target


def private_folders(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


def start_build(corpus: Path, db: Path, *args: str, log: Path) -> subprocess.Popen:
    """`keji build` in the background, in a process group of its own (as a shell runs it)."""
    with log.open("w") as out:
        return subprocess.Popen([str(KEJI), "build", *args], env=keji_env(corpus, db), cwd=REPO,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(condition, what: str, timeout: float = 120) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _stat(pid: str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def processes(field: int, value: int) -> list[int]:
    """Live pids whose /proc stat field (1: parent pid, 2: process group) is `value`."""
    found = []
    for entry in os.listdir("/proc"):
        stat = entry.isdigit() and _stat(entry)
        if stat and stat[0] != "Z" and int(stat[field]) == value:
            found.append(int(entry))
    return found


def dbt_started(build: subprocess.Popen, target: Path) -> bool:
    """The build holds its lock, made its private folder, and its child dbt is logging."""
    folders = [p for p in target.parent.glob(".warehouse.duckdb.build-*")]
    return bool(folders and (folders[0] / "logs" / "dbt.log").exists()
                and processes(1, build.pid))


# ------------------------------------------------------------ 1. atomic, complete publish
@pytest.mark.parametrize("fault, named", [
    ("checkpoint", "FAILED at checkpoint: checkpoint failed: injected fault"),
    ("verify", "FAILED at verify: marts.fct_indicator_value has"),
])
def test_a_failed_seal_leaves_the_published_warehouse_identical(
        tiny_corpus, published, fault, named):
    before = published.read_bytes()
    result = keji_build(tiny_corpus, published, env={"KEJI_FAULT": fault})
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert named in result.stderr
    kept = published.with_name(".warehouse.duckdb.rejected")
    assert f"the rejected build is kept in {kept}" in result.stderr
    assert (kept / "build.duckdb").is_file()
    assert published.read_bytes() == before
    assert query(published, "select count(*) from marts.dim_document") == [(5,)]
    # no temp folder; the loaders' cache stays for the next build
    assert private_folders(published) == [".warehouse.duckdb.cache", ".warehouse.duckdb.lock",
                                          kept.name]


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 14 MiB tmpfs: room for the published warehouse, not for it and a new build."""
    mount = tmp_path / "small_disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=14m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_leaves_the_published_warehouse_identical(seeds_warehouse, small_disk):
    # issue 8's first fault: dbt ends well, its data still in the private file's WAL,
    # and the checkpoint (or dbt itself) runs out of space
    target = small_disk / "warehouse.duckdb"
    shutil.copy(seeds_warehouse, target)
    before = target.read_bytes()
    # the same corpus: without --full-refresh the published warehouse is current, nothing built
    result = keji_build(SEED_REPORTS, target, "--full-refresh")
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "No space left on device" in result.stdout + result.stderr
    assert "the rejected build is kept in" in result.stderr
    assert target.read_bytes() == before
    assert query(target, MARTS_COUNTS) == query(seeds_warehouse, MARTS_COUNTS)


def test_a_stale_wal_is_set_aside_and_a_second_build_refused(
        seeds_warehouse, published, tiny_corpus, tmp_path):
    # a client that crashed with the old warehouse open leaves its log: a foreign table
    # and deleted facts, which DuckDB would replay onto whatever file has this name
    con = duckdb.connect(str(published))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("create table main.foreign_table as select 1 as x")
    con.execute("delete from marts.fct_indicator_value where value_raw < 100")
    con.close()
    wal = published.with_name("warehouse.duckdb.wal")
    assert wal.stat().st_size > 0

    build = start_build(SEED_REPORTS, published, log=tmp_path / "first.log")
    wait_for(lambda: dbt_started(build, published), "the first build to start dbt")
    # 2. a second build into the same target while the first runs: refused at once
    second = keji_build(tiny_corpus, published, timeout=60)
    assert second.returncode == 3
    assert (f"another build of {published} is running (pid {build.pid})"
            in second.stderr), second.stderr
    assert build.wait(timeout=900) == 0, (tmp_path / "first.log").read_text()[-3000:]
    assert "moved a stale write-ahead log aside" in (tmp_path / "first.log").read_text()
    assert not wal.exists()
    assert [p.name.startswith("warehouse.duckdb.wal.stale-")
            for p in published.parent.iterdir() if ".wal" in p.name] == [True]
    assert query(published, MARTS_COUNTS) == query(seeds_warehouse, MARTS_COUNTS)


# ------------------------------------------------------------ 2. one lock per target
def test_a_killed_build_leaves_no_child_and_its_folder_goes_at_the_next_start(
        tiny_corpus, published, tmp_path):
    before = published.read_bytes()
    build = start_build(tiny_corpus, published, log=tmp_path / "killed.log")
    wait_for(lambda: dbt_started(build, published), "the build to start dbt")
    os.killpg(build.pid, signal.SIGKILL)          # the whole group, as a shell's kill -9 %1
    build.wait(timeout=30)
    wait_for(lambda: not processes(2, build.pid), "the build's process group to be gone", 30)
    assert published.read_bytes() == before
    assert any(n.startswith(".warehouse.duckdb.build-") for n in private_folders(published))

    # the next build (here refused quickly: its corpus is missing) removes the stale folder
    after = keji_build(tmp_path / "missing", published, timeout=120)
    assert after.returncode == 2
    assert "removed 1 private folder(s) left by killed builds" in after.stdout
    assert private_folders(published) == [".warehouse.duckdb.cache", ".warehouse.duckdb.lock"]
    assert published.read_bytes() == before


def test_terminating_keji_alone_stops_dbt_and_removes_its_folder(tiny_corpus, published, tmp_path):
    before = published.read_bytes()
    build = start_build(tiny_corpus, published, log=tmp_path / "terminated.log")
    wait_for(lambda: dbt_started(build, published), "the build to start dbt")
    children = processes(1, build.pid)
    os.kill(build.pid, signal.SIGTERM)            # keji only, not its group
    assert build.wait(timeout=60) == 128 + signal.SIGTERM
    wait_for(lambda: not [pid for pid in children if _stat(str(pid))], "dbt to stop", 30)
    assert "interrupted by SIGTERM" in (tmp_path / "terminated.log").read_text()
    assert private_folders(published) == [".warehouse.duckdb.cache", ".warehouse.duckdb.lock"]
    assert published.read_bytes() == before


def test_wait_waits_for_the_lock_holder(published, tmp_path):
    lock = published.with_name(".warehouse.duckdb.lock")
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        build = start_build(tmp_path / "missing", published, "--wait", log=tmp_path / "wait.log")
        wait_for(lambda: "pid 4242" in (tmp_path / "wait.log").read_text(), "the wait message", 60)
        time.sleep(1)
        assert build.poll() is None               # still waiting
    assert build.wait(timeout=60) == 2            # then runs (and stops at the missing corpus)
    log = (tmp_path / "wait.log").read_text()
    assert f"waiting for another build of {published} (pid 4242) to finish" in log


# ------------------------------------------------------------ 3. an empty corpus is refused
@pytest.mark.parametrize("extra", [(), ("--strict",)])
def test_an_empty_corpus_folder_is_refused_at_once(published, tmp_path, extra):
    before = published.read_bytes()
    empty = tmp_path / "empty"
    (empty / "nested").mkdir(parents=True)
    (empty / "nested" / "blank.txt").write_bytes(b"")
    (empty / "notes.pdf").write_bytes(b"%PDF")
    result = keji_build(empty, published, *extra, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"keji build: corpus folder {empty} holds no report file (.txt .text .htm .html, not "
        "empty); nothing was published (run with --allow-empty to publish an empty warehouse)"]
    assert published.read_bytes() == before


def test_a_file_given_as_the_corpus_is_one_clear_line(published, tiny_corpus):
    result = keji_build(tiny_corpus / "report.txt", published, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"keji build: corpus folder {tiny_corpus / 'report.txt'} is a file, not a folder; "
        "set WAREHOUSE_CORPUS to the folder that holds the reports"]


def test_a_corpus_with_no_loadable_report_publishes_only_when_allowed(published, tmp_path):
    corpus = tmp_path / "unloadable"
    corpus.mkdir()
    (corpus / "scan.txt").write_bytes(bytes(range(256)) * 8)     # binary under a .txt name
    before = published.read_bytes()
    refused = keji_build(corpus, published)
    assert refused.returncode == 1
    assert "FAILED at an empty corpus: no file of" in refused.stderr
    assert published.read_bytes() == before

    allowed = keji_build(corpus, published, "--allow-empty")
    assert allowed.returncode == 0, allowed.stdout[-2000:] + allowed.stderr[-2000:]
    assert query(published, "select count(*) from marts.dim_document") == [(0,)]
    assert query(published, "select problem from marts.load_problems") == [("binary",)]
    # 0 documents where 5 were: published as asked, but said loudly
    assert "WARNING: 0 documents against 5 in the warehouse it replaced" in allowed.stderr


# ------------------------------------------------------------ 5. the gate checks each unit's scale
@pytest.mark.parametrize("corruption, where", [
    # each factor is a scale some unit has (1e12, 1e8, 1e4), so only the unit's own catches it
    ("亿元 fact x1e4", "fact_key = (select min(fact_key) from marts.fct_indicator_value "
                       "where unit_raw = '亿元')"),
    ("all 万元 facts x1e4", "unit_raw = '万元'"),
    ("a count x1e4", "fact_key = (select min(fact_key) from marts.fct_indicator_value "
                     "where base_unit = 'count' and unit_raw = '家')"),
])
def test_a_fact_scaled_wrongly_fails_validation(seeds_warehouse, tmp_path, corruption, where):
    from expectations import validate_warehouse

    copy = tmp_path / "corrupted.duckdb"
    shutil.copy(seeds_warehouse, copy)
    assert validate_warehouse(copy).success
    con = duckdb.connect(str(copy))
    changed = con.execute(f"update marts.fct_indicator_value set value = value * 1e4 "
                          f"where {where}").fetchall()[0][0]
    con.close()
    assert changed >= 1
    report = validate_warehouse(copy)
    assert not report.success
    (failure,) = [f for f in report.failures if f.column == "value_matches_unit"]
    assert failure.blocking and failure.observed.startswith(f"{changed} of ")


@pytest.mark.parametrize("misread, assignment, checks", [
    # 58.6亿元 read as 5.86亿元: value and value_raw agree with each other and with the
    # unit, the value is plausible; only the span's own digits tell
    ("value_raw and value /10", "value = value / 10, value_raw = value_raw / 10",
     {"span_text_matches_number"}),
    ("value_raw alone /10", "value_raw = value_raw / 10",
     {"span_text_matches_number", "value_matches_unit", "value_scale"}),
])
def test_a_value_misread_by_a_tenth_fails_validation(seeds_warehouse, tmp_path, misread,
                                                     assignment, checks):
    from expectations import validate_warehouse

    copy = tmp_path / "corrupted.duckdb"
    shutil.copy(seeds_warehouse, copy)
    con = duckdb.connect(str(copy))
    changed = con.execute(f"""
        update marts.fct_indicator_value set {assignment}
        where fact_key = (select min(fact_key) from marts.fct_indicator_value
                          where unit_raw = '亿元' and regexp_matches(number_text, '^[0-9.]+亿元$'))
        """).fetchall()[0][0]
    con.close()
    assert changed == 1
    report = validate_warehouse(copy)
    assert not report.success
    failed = {f.column: f for f in report.failures if f.suite == "fct_indicator_value"}
    assert set(failed) == checks, [f.describe() for f in report.failures]
    assert all(f.blocking and f.observed.startswith("1 of ") for f in failed.values())
    assert failed["span_text_matches_number"].describe().startswith(
        "FAIL fct_indicator_value: expect_column_values_to_be_in_set(span_text_matches_number)")


# ------------------------------------------------------------ 5b. ranges per indicator
PROVINCE_REPORT = ("XX省科技厅2023年工作总结\n\n"
                   "全省高新技术企业总数达到2318万家,全省常住人口2318万人。"
                   "全省研发投入强度达到120%,完成年度计划的115.7%。"
                   "全社会研发投入20万亿元,技术合同成交额5860亿元,增长12.1%。\n")


def test_implausible_values_for_their_indicator_are_quarantined_not_fatal(tmp_path):
    # the same magnitude is kept where no indicator bounds it (2318万人 of population,
    # a completion rate of 115.7%) and quarantined where its indicator's range excludes it
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "province.txt").write_text(PROVINCE_REPORT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = keji_build(corpus, db)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert query(db, """select indicator_code, number_text, problem from marts.quarantined_facts
                        order by char_start""") == [
        ("hitech_enterprises", "2318万家", "implausible_value"),
        ("rd_intensity", "120%", "implausible_value"),
        ("rd_expenditure", "20万亿元", "implausible_value")]
    details = [row[0] for row in query(db, "select detail from marts.load_problems order by 1")]
    assert any("reads as 120 percent, outside 0..100 for rd_intensity in percent ratio "
               "(plausible_values.csv)" in detail for detail in details), details
    assert len(details) == 3
    kept = query(db, """select i.indicator_code, f.number_text from marts.fct_indicator_value f
                        join marts.dim_indicator i using (indicator_key) order by f.char_start""")
    assert kept == [("unmapped", "2318万人"), ("unmapped", "115.7%"),
                    ("tech_contract_turnover", "5860亿元"), ("tech_contract_turnover", "12.1%")]


def test_every_indicator_range_is_explained_and_fits_its_indicator():
    from loaders.reference import read_rows

    units = {row["indicator_code"]: row["base_unit"] for row in read_rows("indicators")}
    rows = read_rows("plausible_values")
    keys = [(r["indicator_code"], r["base_unit"], r["measure"]) for r in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        assert float(row["min_value"]) < float(row["max_value"]), row
        assert len(row["note"]) > 8, row
        if row["indicator_code"]:
            # a row of an indicator bounds that indicator's own unit (its levels, or its
            # share); growth rates in percent fall back to the rows for any indicator
            assert units.get(row["indicator_code"]) == row["base_unit"], row
            if row["base_unit"] == "percent":
                assert (row["measure"], row["min_value"], row["max_value"]) == ("ratio", "0", "100")
    bounded = {row["indicator_code"] for row in rows if row["indicator_code"]}
    assert bounded == set(units), set(units) ^ bounded


# ------------------------------------------------------------ 6. errors are one line
def keji(*args: str, db: Path | None = None, as_user: bool = False) -> subprocess.CompletedProcess[str]:
    env = keji_env(SEED_REPORTS, db or Path("/nonexistent/w.duckdb"))
    return subprocess.run([str(KEJI), *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120, preexec_fn=obey_file_permissions if as_user else None)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_validate_on_a_missing_file_is_one_line(tmp_path):
    line = one_line(keji("validate", db=tmp_path / "absent.duckdb"))
    assert line == (f"keji validate: no warehouse file at {tmp_path / 'absent.duckdb'}; build one "
                    "with `keji build`, or set WAREHOUSE_DB to an existing warehouse")


def test_validate_on_a_file_that_is_not_duckdb_is_one_line(tmp_path):
    (tmp_path / "notes.duckdb").write_text("not a database", encoding="utf-8")
    line = one_line(keji("validate", db=tmp_path / "notes.duckdb"))
    assert line == (f"keji validate: {tmp_path / 'notes.duckdb'} is not a DuckDB database; set "
                    "WAREHOUSE_DB to a warehouse built by `keji build`")
    assert one_line(keji("validate", db=tmp_path)) == (
        f"keji validate: {tmp_path} is a folder; set WAREHOUSE_DB to a warehouse file")


def test_validate_warns_of_a_wal_beside_the_warehouse(seeds_warehouse, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(seeds_warehouse, db)
    con = duckdb.connect(str(db))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("create table main.foreign_table as select 1 as x")
    con.close()
    result = keji("validate", db=db)
    assert f"WARNING: {db}.wal exists and every reader replays it" in result.stderr


def test_extract_names_each_file_it_cannot_read_and_reads_the_rest(tiny_corpus, tmp_path):
    (tmp_path / "scan.txt").write_bytes(bytes(range(256)) * 8)
    result = keji("extract", str(tmp_path / "absent.txt"), str(tiny_corpus),
                  str(tmp_path / "scan.txt"), str(tiny_corpus / "report.txt"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"keji extract: {tmp_path / 'absent.txt'}: No such file or directory; check the path",
        f"keji extract: {tiny_corpus} is a folder; give report files, e.g. {tiny_corpus}/*.txt",
        f"keji extract: {tmp_path / 'scan.txt'}: binary: 8 NUL bytes in 2048 bytes, not UTF-16 "
        "text; not a report file (give a .txt or .html report)",
    ]
    assert '"text": "58.6亿元"' in result.stdout    # the good file is still read


def test_a_read_only_target_folder_is_one_line(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = one_line(keji("build", db=folder / "w.duckdb", as_user=True))
    finally:
        folder.chmod(0o755)
    assert line == (f"keji build: cannot write in folder {folder} (Permission denied); the build "
                    f"writes its private copy and a lock beside {folder / 'w.duckdb'}: make the "
                    "folder writable or set WAREHOUSE_DB to a file in a writable folder")
    assert list(folder.iterdir()) == []
