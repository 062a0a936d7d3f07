"""The per-file pipeline: order, duplicates, problems, and the same rows in parallel."""
from __future__ import annotations

import shutil

import pytest

import pyarrow as pa

from loaders.pipeline import (
    RAW_REPORTS_SCHEMA, Reference, iter_raw_rows, raw_report_batches, rows_batch, rows_table,
)
from loaders.settings import PARALLEL_MIN_FILES
from tests.conftest import SEED_REPORTS


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_seed_files()


def _comparable(rows):
    return [{k: v for k, v in row.items() if k != "loaded_at"} for row in rows]


def test_rows_come_in_corpus_order_with_problems_recorded(tmp_path, reference):
    shutil.copy(SEED_REPORTS / "000_f566bb897bdedf27.txt", tmp_path / "a.txt")
    shutil.copy(SEED_REPORTS / "000_f566bb897bdedf27.txt", tmp_path / "b.txt")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d.doc").write_bytes(b"whatever")
    rows = list(iter_raw_rows(tmp_path, reference, workers=1))
    assert [(r["source_name"], r["status"]) for r in rows] == [
        ("a.txt", "loaded"), ("b.txt", "duplicate"), ("c.txt", "binary"), ("d.doc", "unsupported")]
    assert rows[1]["problems"] == [{"problem": "duplicate", "detail": "same bytes as a.txt; skipped"}]
    assert len(rows[0]["mentions"]) > 50


def test_rows_become_the_columns_from_pylist_makes(tmp_path, reference):
    """The workers' rows → Arrow, built column by column, are what pyarrow's own
    `from_pylist` makes of them: on the shipped reports, a skipped file, and rows with
    a key left out, a null list and a list of one mention."""
    for path in sorted(SEED_REPORTS.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02" * 100)
    rows = list(iter_raw_rows(tmp_path, reference, workers=1))
    assert sum(len(row["mentions"]) for row in rows) > 300
    rows += [{"source_name": "x.txt", "mentions": None, "problems": [{"problem": "empty"}]},
             {"sha256": "y", "mentions": [{"char_start": 3, "cues": "a|b"}], "problems": []}]
    assert rows_batch(rows).equals(pa.RecordBatch.from_pylist(rows, schema=RAW_REPORTS_SCHEMA))
    assert rows_table(rows).to_pylist() == pa.Table.from_pylist(rows, schema=RAW_REPORTS_SCHEMA).to_pylist()
    assert rows_batch([]).equals(pa.RecordBatch.from_pylist([], schema=RAW_REPORTS_SCHEMA))


def _copies(folder, at_least):
    """Numbered copies of the seed reports (each its own bytes), and one duplicate last."""
    seeds = sorted(SEED_REPORTS.glob("*.txt"))
    count = 0
    while count < at_least:
        for path in seeds:
            data = path.read_bytes() + f"\n(副本 {count})\n".encode()
            (folder / f"{count:03d}_{path.name}").write_bytes(data)
            count += 1
    shutil.copy(folder / "000_000_f566bb897bdedf27.txt", folder / "zzz_duplicate.txt")


def test_a_pool_of_workers_gives_the_same_rows_in_the_same_order(tmp_path, reference):
    _copies(tmp_path, PARALLEL_MIN_FILES + 6)
    serial = list(iter_raw_rows(tmp_path, reference, workers=1))
    parallel = list(iter_raw_rows(tmp_path, reference, workers=2))
    assert _comparable(parallel) == _comparable(serial)
    assert serial[-1]["status"] == "duplicate"


def test_batches_built_by_workers_hold_the_rows_read_in_process(tmp_path, reference, monkeypatch):
    _copies(tmp_path, PARALLEL_MIN_FILES + 6)

    def table(workers):
        monkeypatch.setenv("KEJI_WORKERS", str(workers))
        batches = list(raw_report_batches(tmp_path, reference))
        assert all(b.schema == RAW_REPORTS_SCHEMA for b in batches)
        return pa.Table.from_batches(batches, schema=RAW_REPORTS_SCHEMA).drop_columns(["loaded_at"])

    serial, parallel = table(1), table(2)
    assert parallel.num_rows == serial.num_rows == PARALLEL_MIN_FILES + 7
    assert parallel.equals(serial)
    assert parallel.column("status").to_pylist()[-1] == "duplicate"


def test_a_plan_reviews_last_year_before_setting_its_targets(tmp_path, reference):
    (tmp_path / "plan.txt").write_text(
        "区科技局2024年工作计划\n\n2023年,全区技术合同成交额突破400亿元,高新技术企业达到1860余家。"
        "2024年是关键一年,区科技局将重点做好以下工作。\n一、主要目标\n"
        "全社会研发投入达到95亿元,高新技术企业总数超过2000家。\n", encoding="utf-8")
    (row,) = iter_raw_rows(tmp_path, reference, workers=1)
    facts = {m["number_text"]: (m["fact_type"], m["period_year"]) for m in row["mentions"]}
    assert row["period_year"] == 2024
    assert facts["400亿元"] == ("actual", 2023) and facts["1860余家"] == ("actual", 2023)
    assert facts["95亿元"] == ("target", 2024) and facts["2000家"] == ("target", 2024)


def test_a_plan_sent_out_by_a_notice_keeps_its_review_sentence_actual(tmp_path, reference):
    (tmp_path / "notice.txt").write_text(
        "市科学技术局关于印发《2024年全市科技工作要点》的通知\n\n现将《2024年全市科技工作要点》印发给你们。\n\n"
        "2024年全市科技工作要点\n2023年,全市高新技术企业达到1314家。2024年,力争高新技术企业突破1500家。\n",
        encoding="utf-8")
    (row,) = iter_raw_rows(tmp_path, reference, workers=1)
    facts = {m["number_text"]: (m["fact_type"], m["period_year"]) for m in row["mentions"]}
    assert facts["1314家"] == ("actual", 2023) and facts["1500家"] == ("target", 2024)


def test_a_plans_figures_are_targets_until_it_turns_to_results(tmp_path, reference):
    # made up: a plan's results sentence and a rise's starting point stay actual
    (tmp_path / "plan.txt").write_text(
        "区科技局2024年工作要点\n\n一、主要目标\n全社会研发投入占比从2.5%提高到2.8%,新增高新技术企业150家。"
        "目前已入库培育企业200家。\n", encoding="utf-8")
    (row,) = iter_raw_rows(tmp_path, reference, workers=1)
    facts = {m["number_text"]: (m["fact_type"], m["period_year"]) for m in row["mentions"]}
    assert facts["2.5%"] == ("actual", 2023) and facts["2.8%"] == ("target", 2024)
    assert facts["150家"] == ("target", 2024) and facts["200家"] == ("actual", 2024)


def test_a_review_stamped_by_the_page_before_its_year_ended_has_no_year(tmp_path, reference):
    # made up: the page's stamp, which the cleaner drops, still tells when the page existed
    (tmp_path / "r.txt").write_text(
        "2023年区科技局工作总结\n时间:2023-04-16\n2023年,全区新认定高新技术企业30家。\n", encoding="utf-8")
    (row,) = iter_raw_rows(tmp_path, reference, workers=1)
    assert row["period_year"] is None and "host-written" in row["period_reason"]
    assert [m["period_year"] for m in row["mentions"]] == [None]


# ------------------------------------------------------------------ the per-file time budget
SLOW = "1亿元" * 100_000         # 300 K characters of quantities: seconds to read in full
QUICK = "XX市科技局2023年工作总结\n\n全市高新技术企业达到2318家。\n"


def _read(tmp_path, name: str, text: str):
    from datetime import datetime, timezone

    from loaders.corpus import CorpusFile, sha256_hex
    from loaders.pipeline import _Read

    data = text.encode()
    (tmp_path / name).write_bytes(data)
    file = CorpusFile(source_name=name, location=str(tmp_path / name), byte_size=len(data))
    return _Read(file, data, sha256_hex(data), datetime.now(timezone.utc))


def test_a_file_past_its_time_budget_is_too_slow_and_the_rest_loads(tmp_path, reference, monkeypatch):
    monkeypatch.setenv("KEJI_FILE_SECONDS", "0.5")
    (tmp_path / "a_quick.txt").write_text(QUICK, encoding="utf-8")
    (tmp_path / "b_slow.txt").write_text(SLOW, encoding="utf-8")
    (tmp_path / "c_quick.txt").write_text(QUICK + "研发投入3亿元。\n", encoding="utf-8")
    rows = list(iter_raw_rows(tmp_path, reference, workers=1))
    assert [(r["source_name"], r["status"]) for r in rows] == [
        ("a_quick.txt", "loaded"), ("b_slow.txt", "too_slow"), ("c_quick.txt", "loaded")]
    [problem] = rows[1]["problems"]
    assert problem["problem"] == "too_slow"
    assert problem["detail"].startswith("reading took longer than the budget of 0.5 s (set KEJI_FILE_SECONDS)")
    assert problem["detail"].endswith("; skipped")
    assert rows[1]["mentions"] == [] and rows[1]["clean_text"] is None


def test_the_budget_holds_without_signals_by_checks_between_steps(tmp_path, reference, monkeypatch):
    """dbt may run the loaders' model in a thread, where no alarm can be set: the checks
    between steps (and every few hundred numbers) stop the file there too."""
    import threading
    import time

    from loaders.pipeline import _run_task

    monkeypatch.setenv("KEJI_FILE_SECONDS", "0.5")
    task = _read(tmp_path, "slow.txt", SLOW)
    out = {}

    def run():
        started = time.monotonic()
        out["row"] = _run_task(task, reference)
        out["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert out["row"]["status"] == "too_slow"
    assert out["seconds"] < 5


def test_the_budget_holds_in_a_worker_process(tmp_path, reference, monkeypatch):
    import multiprocessing

    from loaders.pipeline import _init_worker, _run_task

    monkeypatch.setenv("KEJI_FILE_SECONDS", "0.5")   # spawned workers inherit it
    with multiprocessing.get_context("spawn").Pool(1, initializer=_init_worker,
                                                   initargs=(reference.rows,)) as pool:
        rows = pool.map(_run_task, [_read(tmp_path, "slow.txt", SLOW), _read(tmp_path, "quick.txt", QUICK)])
    assert [r["status"] for r in rows] == ["too_slow", "loaded"]


def test_a_worker_pool_reads_the_settings_of_its_start_and_frees_its_workers(tmp_path, reference, monkeypatch):
    """Workers are forked from a fork server that started with an earlier pool: each pool's
    workers still read the environment as it stands when that pool starts (the budget of a
    file, KEJI_FILE_SECONDS, is read in the worker), and each keeps what it holds for its
    life out of the collector's full passes."""
    import gc
    import os

    from loaders.pipeline import _init_worker, _run_task, worker_pool

    monkeypatch.delenv("KEJI_FILE_SECONDS", raising=False)
    with worker_pool(1, _init_worker, (reference.rows,)) as pool:   # the server starts here
        assert pool.map(os.getenv, ["KEJI_FILE_SECONDS"]) == [None]
        assert pool.apply(gc.get_freeze_count) > 0
    monkeypatch.setenv("KEJI_FILE_SECONDS", "0.5")
    with worker_pool(1, _init_worker, (reference.rows,)) as pool:
        rows = pool.map(_run_task, [_read(tmp_path, "slow.txt", SLOW), _read(tmp_path, "quick.txt", QUICK)])
    assert [r["status"] for r in rows] == ["too_slow", "loaded"]


def test_workers_start_without_the_programs_main_module(tmp_path):
    """A spawned worker imports its parent's main module again unless it is hidden: inside
    `keji build` that is dbt's command line, seconds of imports per worker for nothing."""
    import subprocess
    import sys

    def run(pool: str) -> bool:
        marker = tmp_path / f"imported-by-a-worker-of-{pool.split('(')[0]}"
        program = tmp_path / "program.py"
        program.write_text(
            "import multiprocessing, pathlib\n"
            f"if __name__ != '__main__':\n    pathlib.Path({str(marker)!r}).touch()\n"
            "from loaders.pipeline import worker_pool\n"
            "if __name__ == '__main__':\n"
            f"    with {pool} as pool:\n"
            "        print(sum(pool.map(abs, [-1, -2, -3])))\n", encoding="utf-8")
        done = subprocess.run([sys.executable, str(program)], capture_output=True, text=True,
                              timeout=120, check=True)
        assert done.stdout.split() == ["6"]
        return marker.exists()

    assert run("multiprocessing.get_context('spawn').Pool(2)")   # what hiding it avoids
    assert not run("worker_pool(2, abs, (0,))")


def test_the_cache_filled_by_a_pool_holds_the_rows_read_in_process(tmp_path, reference, monkeypatch):
    """The build's engine: workers compile the reference once (the pool's initializer) and
    receive only their files; their shards hold what one process reads."""
    import duckdb

    from loaders import cache

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _copies(corpus, PARALLEL_MIN_FILES + 6)
    monkeypatch.setattr(cache, "PARALLEL_MIN_BYTES", 0)   # a pool even for these few MB
    monkeypatch.setattr(cache, "SHARD_FILES", 8)          # several tasks per worker

    def table(workers, root):
        monkeypatch.setenv("KEJI_WORKERS", str(workers))
        con = duckdb.connect()
        try:
            rows = cache.raw_reports(con, corpus, reference.rows, tmp_path / root, "local")
            return rows.arrow().read_all().drop_columns(["loaded_at"]).sort_by("source_name")
        finally:
            con.close()

    serial, parallel = table(1, "serial"), table(2, "parallel")
    assert len(list((tmp_path / "parallel" / "rows").glob("*/*.parquet"))) >= 9
    assert parallel.num_rows == serial.num_rows == PARALLEL_MIN_FILES + 7
    assert parallel.equals(serial)


def test_a_tables_earlier_year_column_dates_its_figures(tmp_path, reference):
    # made up: a 2021 review whose table compares 2021 with 2020
    (tmp_path / "review.txt").write_text(
        "区科委2021年度工作总结\n2021年,区科委扎实推进各项工作。主要指标完成情况见下表。\n"
        "序号\t指标名称\t单位\t2021年\t2020年\t增长(%)\n1\t技术合同成交额\t亿元\t186.3\t142.7\t30.6\n",
        encoding="utf-8")
    (row,) = iter_raw_rows(tmp_path, reference, workers=1)
    facts = {m["number_text"]: (m["measure"], m["period_year"]) for m in row["mentions"]}
    assert facts == {"186.3": ("level", 2021), "142.7": ("level", 2020), "30.6": ("growth", 2021)}
    cues = {m["number_text"]: m["period_cue"] for m in row["mentions"]}
    assert cues["142.7"] == "table: 2020年"   # provenance: what dated it


def test_a_tables_columns_of_the_same_period_last_year_and_of_the_years_goal(tmp_path, reference):
    # made up: a half-year report's table against 上年同期 (units in its caption, columns
    # parted by two spaces), and a 1-9月 report's table of 全年目标 with a row's own unit
    (tmp_path / "half.txt").write_text(
        "某师市科技局2023年上半年工作总结\n上半年，科技经费投入保持较快增长。\n"
        "表 上半年科技经费情况（单位：万元）\n项目  2023年上半年  上年同期  增长(%)\n"
        "争取上级科技资金  1260  980  28.6\n", encoding="utf-8")
    (tmp_path / "months.txt").write_text(
        "某区科技局2025年1-9月工作总结\n今年以来，各项工作有序推进。\n"
        "表1 主要科技指标完成情况（金额单位：亿元）\n指标名称 1-9月完成 全年目标 完成率\n"
        "技术合同成交额 6.15 8.0 76.9%\n有效高新技术企业（家） 138 150 92.0%\n", encoding="utf-8")
    half, months = iter_raw_rows(tmp_path, reference, workers=1)
    facts = {m["number_text"]: (m["unit_raw"], m["measure"], m["period_year"], m["period_type"])
             for m in half["mentions"]}
    assert facts["1260"] == ("万元", "level", 2023, "half") and facts["28.6"] == ("%", "growth", 2023, "half")
    assert facts["980"] == ("万元", "level", 2022, "half")
    assert {m["number_text"]: m["period_cue"] for m in half["mentions"]}["980"].startswith("table: 上年同期")
    facts = {m["number_text"]: (m["unit_raw"], m["fact_type"], m["period_type"], m["indicator_phrase"])
             for m in months["mentions"]}
    assert facts["6.15"] == ("亿元", "actual", "months", "技术合同成交额")
    assert facts["8.0"] == ("亿元", "target", "year", "技术合同成交额")
    assert facts["138"] == ("家", "actual", "months", "有效高新技术企业")
    assert facts["150"] == ("家", "target", "year", "有效高新技术企业")
