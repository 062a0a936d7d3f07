"""The benchmark's own correctness (its timings live in `make bench`, not here).

- the generated corpus is deterministic for a seed, and a smaller one starts a bigger one;
- its planted answers follow the text: a changed number is changed in its gold fact too,
  and the marker that makes each copy unique adds no number;
- a warehouse built from the dev reports and their variants scores every variant exactly
  as its source, by the shared scorer's matching, and the streaming scorer prints the
  shared scorer's own line;
- `keji build` with KEJI_TIMINGS writes its steps and dbt's nodes;
- the stages timed in-process are the pipeline's: the same mentions as `read_report`.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bench.accuracy import (
    doc_tallies,
    folder_gold,
    generated_gold,
    load_scorer,
    score_line,
    score_warehouse,
)
from bench.baselines import regex_extractor
from bench.generate import (
    DEV_DOCS,
    DEV_GOLD,
    Source,
    load_sources,
    marker,
    plant,
    write_corpus,
)
from bench.stages import Clock, stage_rows
from loaders.corpus import CorpusFile
from loaders.pipeline import Reference, read_report
from tests.conftest import SEED_REPORTS, SHARED, keji_build, query

needs_dev = pytest.mark.skipif(not DEV_GOLD.is_dir() or not DEV_DOCS.is_dir(),
                               reason="dev corpus and gold not beside the repo")
MADE_UP = Source("made_up.txt", "XX市科技局工作总结\n全年技术合同成交额18.65亿元，增长41.2%。"
                 "新认定高新技术企业612家。\n", (
                     {"doc": "made_up.txt", "quote": "全年技术合同成交额18.65亿元",
                      "value": 1865000000, "value_raw": 18.65, "unit_raw": "亿元",
                      "base_unit": "CNY", "numeral": "arabic"},
                     {"doc": "made_up.txt", "quote": "增长41.2%", "value": 41.2,
                      "value_raw": 41.2, "unit_raw": "%", "base_unit": "percent",
                      "numeral": "arabic"},
                     {"doc": "made_up.txt", "quote": "新认定高新技术企业612家", "value": 612,
                      "value_raw": 612, "unit_raw": "家", "base_unit": "count",
                      "numeral": "arabic"}),
                 {"doc": "made_up.txt", "period": None})


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_generated_corpus_is_the_same_for_the_same_seed(tmp_path):
    sources = load_sources()
    a = write_corpus(tmp_path / "a", 400_000, sources, seed=7, gold_dir=tmp_path / "ga")
    b = write_corpus(tmp_path / "b", 400_000, sources, seed=7, gold_dir=tmp_path / "gb")
    c = write_corpus(tmp_path / "c", 400_000, sources, seed=8)
    assert a.files > len(sources) and a.bytes >= 400_000
    assert _files(a.folder) == _files(b.folder)
    assert _files(tmp_path / "ga") == _files(tmp_path / "gb")
    assert _files(a.folder) != _files(c.folder)
    # a smaller corpus is the start of a bigger one
    small = write_corpus(tmp_path / "s", 100_000, sources, seed=7)
    assert _files(small.folder).items() <= _files(a.folder).items()


def test_every_copy_is_unique_and_its_marker_adds_no_number(tmp_path):
    corpus = write_corpus(tmp_path / "c", 80_000, load_sources())
    contents = list(_files(corpus.folder).values())
    assert len(set(contents)) == len(contents)
    for copy in range(50):
        assert not re.search(r"[0-9０-９P一二三四五六七八九十百千万亿]", marker(copy, 1).split()[-1])


def test_a_changed_number_is_changed_in_the_text_and_in_its_gold_fact():
    text, facts, edits = plant(MADE_UP, random.Random(3), edits=3)
    assert edits == 3 and text != MADE_UP.text
    for before, after in zip(MADE_UP.facts, facts):
        assert after["quote"] in text and before["quote"] not in text
        assert after["value_raw"] != before["value_raw"]
        assert str(after["value_raw"]) in after["quote"]
        scale = before["value"] / before["value_raw"]
        assert after["value"] == pytest.approx(after["value_raw"] * scale)
        # same length, same leading digits: the magnitude stays
        assert len(str(after["value_raw"])) == len(str(before["value_raw"]))
    assert "亿元，增长" in text and "高新技术企业6" in text


def test_years_dates_and_round_figures_are_never_changed():
    source = Source("d.txt", "2023年完成2021件专利申请，培训50多名农民，共15期。", (
        {"quote": "完成2021件专利申请", "value": 2021, "value_raw": 2021, "base_unit": "count",
         "numeral": "arabic"},
        {"quote": "培训50多名农民", "value": 50, "value_raw": 50, "base_unit": "count",
         "numeral": "arabic"},
        {"quote": "共15期", "value": 15, "value_raw": 15, "base_unit": "count",
         "numeral": "arabic"}))
    for seed in range(20):
        text, facts, edits = plant(source, random.Random(seed))
        assert (text, edits) == (source.text, 0)


@needs_dev
def test_variants_of_the_dev_reports_score_exactly_as_their_sources(tmp_path):
    """One build holds the dev reports and two variants of each: every variant's counts
    (matches, attributes, region, period) equal its source's, and the streaming scorer's
    line is the shared scorer's."""
    scorer = load_scorer()
    assert scorer is not None
    sources = load_sources()
    corpus = tmp_path / "corpus"
    gold = tmp_path / "gold"
    everything = 10**9
    generated = write_corpus(corpus / "generated", everything, sources, gold_dir=gold,
                             max_files=len(sources))
    more = write_corpus(corpus / "generated", everything, sources, first_copy=len(sources),
                        keep=True, max_files=len(sources))
    for source in sources:
        (corpus / source.name).write_text(source.text, encoding="utf-8")
    copies = {f"generated/{path}": made for path, made in {**generated.copies,
                                                          **more.copies}.items()}
    assert len(copies) == 2 * len(sources) and more.edits > len(sources)
    timings = tmp_path / "timings.json"
    db = tmp_path / "warehouse.duckdb"
    result = keji_build(corpus, db, env={"KEJI_TIMINGS": str(timings)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    names, gold_of = folder_gold(DEV_GOLD, scorer)
    source_tallies = dict(doc_tallies(db, names, gold_of, scorer))
    names, gold_of = generated_gold(sources, copies, generated.seed)
    for name, tally in doc_tallies(db, names, gold_of, scorer):
        assert tally == source_tallies[copies[name][1]], name

    # the first variant's gold was written out: the shared scorer agrees with ours
    shared = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(db),
                             "--gold", str(gold)], capture_output=True, text=True)
    first = [f"generated/{path}" for path in generated.copies]
    assert shared.stdout.strip().splitlines()[-1] == score_line(
        score_warehouse(db, first, gold_of, scorer))

    steps = json.loads(timings.read_text(encoding="utf-8"))
    assert {"dbt build", "seal", "expectations", "publish"} <= set(steps["steps"])
    nodes = {n["node"].split(".")[-1]: n for n in steps["dbt_nodes"]}
    assert nodes["raw_reports"]["status"] == "success" and nodes["raw_reports"]["seconds"] > 0
    assert any(n["node"].startswith("test.") for n in steps["dbt_nodes"])
    assert query(db, "select count(*) from marts.dim_document") == [(len(sources) + len(copies),)]


def test_the_stages_timed_are_the_pipelines_own():
    reference = Reference.from_seed_files()
    now = datetime.now(timezone.utc)
    clock = Clock()
    for path in sorted(SEED_REPORTS.glob("*.txt")):
        data = path.read_bytes()
        row = read_report(CorpusFile(path.name, str(path), len(data)), data, "", reference, now)
        assert stage_rows(path, reference, clock) == row["mentions"]
    assert all(seconds > 0 for seconds in clock.seconds.values())


def test_the_regex_baseline_parses_and_scales_values():
    extract = regex_extractor()
    assert extract("技术合同成交额18.65亿元，增长41.2%，企业1,268家。") == [
        {"value": pytest.approx(1.865e9), "base_unit": "CNY"},
        {"value": pytest.approx(41.2), "base_unit": "percent"},
        {"value": 1268.0, "base_unit": "count"},
    ]
