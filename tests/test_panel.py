"""The BI layer on real builds: parts and headlines flagged, one value per cell, metrics by name.

Also the shipped gold sample (tests/data/gold_seeds: the dev gold's lines for the five
reports of seeds/reports) scored against the seeds warehouse, so that a plain clone
measures its accuracy too.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED, keji_build, query

GOLD_SEEDS = REPO / "tests" / "data" / "gold_seeds"
BIN = Path(sys.executable).parent


def test_part_flags_follow_the_extractors_marks(seeds_warehouse):
    """is_part/part_kind say in columns what the extractor wrote into the phrase."""
    from loaders.extract import _ONE_OF, _is_part

    rows = query(seeds_warehouse, """
        select indicator_phrase, is_part, part_kind from marts.fct_indicator_value""")
    kinds = defaultdict(int)
    for phrase, is_part, part_kind in rows:
        expected = ("one_of" if _ONE_OF in phrase
                    else "part_of_total" if _is_part(phrase) else None)
        assert (part_kind, is_part) == (expected, expected is not None), phrase
        kinds[part_kind] += 1
    assert kinds["part_of_total"] > 10 and kinds["one_of"] > 0 and kinds[None] > 300


@pytest.mark.parametrize("number_text, code, is_part, part_kind, is_headline", [
    ("188家", "hitech_enterprises", False, None, True),               # the stock
    ("2021件", "invention_patent_applications", True, "part_of_total", True),  # 其中发明专利
    ("93家", "unmapped", False, None, False),                         # applicants
    ("29家", "unmapped", True, "part_of_total", False),               # 其中过亿元企业
])
def test_a_fact_says_whether_it_is_a_part_and_a_headline(
        seeds_warehouse, number_text, code, is_part, part_kind, is_headline):
    rows = query(seeds_warehouse, f"""
        select i.indicator_code, f.is_part, f.part_kind, f.is_headline
        from marts.fct_indicator_value f
        join marts.dim_indicator i using (indicator_key)
        join marts.dim_document d using (document_key)
        where d.source_name = '000_f566bb897bdedf27.txt' and f.number_text = '{number_text}'""")
    assert rows == [(code, is_part, part_kind, is_headline)]


def test_the_panel_has_one_row_per_cell_and_counts_every_mapped_fact(seeds_warehouse):
    assert query(seeds_warehouse, """
        select count(*) from (
            select region_key, period_key, indicator_key, measure, fact_type, base_unit
            from marts.indicator_panel group by all having count(*) > 1)""") == [(0,)]
    [(supporting, mapped)] = query(seeds_warehouse, """
        select (select sum(supporting_facts) from marts.indicator_panel),
               (select count(*) from marts.fct_indicator_value f
                join marts.dim_indicator i using (indicator_key)
                where i.indicator_code != 'unmapped')""")
    assert supporting == mapped > 50
    mismatched = query(seeds_warehouse, """
        select count(*) from marts.indicator_panel p
        join marts.fct_indicator_value f using (fact_key)
        where (p.region_key, p.period_key, p.indicator_key, p.measure, p.fact_type, p.base_unit,
               p.value)
           != (f.region_key, f.period_key, f.indicator_key, f.measure, f.fact_type, f.base_unit,
               f.value)""")
    assert mismatched == [(0,)]


def test_headline_wide_holds_the_panels_figures(seeds_warehouse):
    rows = query(seeds_warehouse, """
        select region_label, period_label, rd_expenditure, hitech_enterprises,
               hitech_enterprises_new, tech_contract_turnover, hitech_industry_share
        from marts.headline_wide where period_label in ('2013', '2022') order by 2""")
    # 襄阳 2013: 495亿元 and 16.78% are estimates (预计), shown where no actual is stated
    assert rows == [("襄阳市", "2013", None, 188.0, 69.0, 5.89e9, 16.78),
                    ("XX市", "2022", 3.671e10, 6588.0, None, 8.2357e10, None)]
    # every figure is the panel's preferred value of its cell, never a target
    codes = [code for (code,) in query(seeds_warehouse, """
        select indicator_code from marts.dim_indicator where is_headline""")]
    unpivoted = " union all ".join(
        f"select region_key, period_key, '{c}' as code, {c} as value from marts.headline_wide"
        f" where {c} is not null" for c in codes)
    [(figures, found, targets)] = query(seeds_warehouse, f"""
        with wide as ({unpivoted})
        select count(*), count(p.value), count(*) filter (where p.fact_type = 'target')
        from wide
        left join marts.dim_indicator i on i.indicator_code = wide.code
        left join marts.indicator_panel p
          on p.region_key = wide.region_key and p.period_key = wide.period_key
         and p.indicator_key = i.indicator_key and p.base_unit = i.base_unit
         and p.is_preferred_fact_type and p.value = wide.value
         and p.measure = case i.base_unit when 'percent' then 'ratio' else 'level' end
        """)
    assert figures == found > 40 and targets == 0


# two reports of one masked city: its 2022 report, and its 2023 report looking back on 2022
REPORT_2022 = """XX市科技局2022年工作总结

2022年，全市高新技术企业达到100家，技术合同成交额12.5亿元。
"""
REPORT_2023 = """XX市科技局2023年工作总结

2023年，全市高新技术企业达到120家。2022年全市高新技术企业98家。
"""


@pytest.fixture(scope="module")
def two_reports_warehouse(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("two_reports")
    (corpus / "a_2022.txt").write_text(REPORT_2022, encoding="utf-8")
    (corpus / "b_2023.txt").write_text(REPORT_2023, encoding="utf-8")
    db = corpus / "warehouse.duckdb"
    result = keji_build(corpus, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return db


def test_the_report_about_a_year_wins_over_a_later_look_back(two_reports_warehouse):
    rows = query(two_reports_warehouse, """
        select r.region_label, per.period_label, p.value, d.source_name, p.is_about_its_period,
               p.supporting_facts, p.supporting_reports, p.distinct_values, p.disagreement
        from marts.indicator_panel p
        join marts.dim_indicator i using (indicator_key)
        join marts.dim_region r using (region_key)
        join marts.dim_period per on per.period_key = p.period_key
        join marts.dim_document d on d.document_key = p.document_key
        where i.indicator_code = 'hitech_enterprises' and p.measure = 'level'
        order by 2""")
    assert rows == [("XX市", "2022", 100.0, "a_2022.txt", True, 2, 2, 2, True),
                    ("XX市", "2023", 120.0, "b_2023.txt", True, 1, 1, 1, False)]
    assert query(two_reports_warehouse, """
        select period_label, hitech_enterprises, tech_contract_turnover, disagreement_count
        from marts.headline_wide order by 1""") == [("2022", 100.0, 1.25e9, 1),
                                                    ("2023", 120.0, None, 0)]


def _project_copy(tmp_path: Path) -> Path:
    """dbt_project/ copied beside a link to seeds/, so that dbt and mf write nothing in the repo."""
    root = tmp_path / "clone"
    shutil.copytree(REPO / "dbt_project", root / "dbt_project",
                    ignore=shutil.ignore_patterns("target", "logs", "*.duckdb*"))
    (root / "seeds").symlink_to(REPO / "seeds")
    return root / "dbt_project"


def _dbt_on_copy(warehouse: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A project copy, a copy of `warehouse` and the environment that points dbt/mf at it."""
    project = _project_copy(tmp_path)
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, db)
    env = {**os.environ, "WAREHOUSE_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return project, db, env


def test_metrics_by_name_answer_as_the_panel(seeds_warehouse, tmp_path):
    """`mf query` on the seeds warehouse gives headline_wide's yearly figures."""
    project, db, env = _dbt_on_copy(seeds_warehouse, tmp_path)
    parse = subprocess.run([str(BIN / "dbt"), "parse", "-q"], cwd=project, env=env,
                           capture_output=True, text=True)
    assert parse.returncode == 0, parse.stdout[-2000:]
    metrics = ["rd_expenditure", "hitech_enterprises", "tech_contract_turnover", "persons_trained"]
    out = tmp_path / "answer.csv"
    result = subprocess.run(
        [str(BIN / "mf"), "query", "--metrics", ",".join(metrics),
         "--group-by", "region_cell__region_label,metric_time__year", "--csv", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    with out.open(encoding="utf-8") as f:
        answer = {(row["region_cell__region_label"], row["metric_time__year"][:4]):
                  tuple(float(row[m]) if row[m] else None for m in metrics)
                  for row in csv.DictReader(f)}
    wide = query(db, f"""
        select w.region_label, cast(w.year as varchar), {', '.join('w.' + m for m in metrics)}
        from marts.headline_wide w join marts.dim_period p using (period_key)
        where p.period_type = 'year'
          and coalesce({', '.join('w.' + m for m in metrics)}) is not null""")
    expected = {(label, year): tuple(values) for label, year, *values in wide}
    assert answer == expected
    assert answer[("XX市", "2022")][0] == 3.671e10 and len(answer) >= 3


# --- the gold sample: the dev gold's lines for the shipped reports ---------------------------

HEADLINE_KEYS = ("indicator", "measure", "fact_type", "period")


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 1e-6 * max(abs(a), abs(b))


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score_seeds(db: Path) -> dict[str, float]:
    """Headline strict F1 and document region/period accuracy, as ../shared/eval/score.py counts them."""
    gold_docs = {d["doc"]: d for d in _read_jsonl(GOLD_SEEDS / "docs.jsonl")}
    gold = defaultdict(list)
    for fact in _read_jsonl(GOLD_SEEDS / "facts.jsonl"):
        gold[fact["doc"]].append(fact)
    predicted = defaultdict(list)
    for doc, value, unit, code, measure, fact_type, period in query(db, """
            select d.source_name, f.value, f.base_unit, i.indicator_code, f.measure, f.fact_type,
                   p.period_label
            from marts.fct_indicator_value f
            join marts.dim_document d using (document_key)
            join marts.dim_indicator i using (indicator_key)
            join marts.dim_period p on p.period_key = f.period_key
            where f.is_headline
            order by d.source_name, f.char_start"""):
        predicted[doc].append({"value": value, "base_unit": unit, "indicator": code,
                               "measure": measure, "fact_type": fact_type, "period": period})
    hits = n_gold = n_pred = 0
    for doc in gold_docs:
        free = list(predicted[doc])
        n_pred += len(free)
        for g in (g for g in gold[doc] if g.get("indicator")):
            n_gold += 1
            match = next((p for p in free if p["base_unit"] == g["base_unit"]
                          and _same_value(p["value"], g["value"])
                          and all(p[k] == g.get(k) for k in HEADLINE_KEYS)), None)
            if match is not None:
                free.remove(match)
                hits += 1
    precision, recall = hits / n_pred, hits / n_gold
    documents = {doc: (name, level, province, period) for doc, name, level, province, period in query(db, """
        select d.source_name, r.region_name, r.region_level, r.province_name, p.period_label
        from marts.dim_document d join marts.dim_region r using (region_key)
        join marts.dim_period p on p.period_key = d.period_key""")}
    right = sum(documents.get(doc) == (g["region"]["name"], g["region"]["level"],
                                       g["region"]["province"], g["period"])
                for doc, g in gold_docs.items())
    return {"headline_strict_f1": 2 * precision * recall / (precision + recall),
            "headline_gold": n_gold, "document_acc": right / len(gold_docs)}


def test_the_shipped_reports_score_against_their_gold(seeds_warehouse):
    """Runs in a plain clone: the five shipped reports against their shipped gold (70 headline facts)."""
    figures = score_seeds(seeds_warehouse)
    assert figures["headline_gold"] == 70
    assert figures["headline_strict_f1"] >= 0.98, figures   # 0.986 when the sample shipped
    assert figures["document_acc"] == 1.0, figures


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                    reason="dev corpus not beside the repo (../shared/eval/score.py)")
def test_the_sample_scorer_agrees_with_the_shared_scorer(seeds_warehouse):
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(seeds_warehouse),
         "--gold", str(GOLD_SEEDS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    line = dict(item.split("=") for item in result.stdout.splitlines()[-1].split())
    assert float(line["headline_strict_f1"]) == pytest.approx(
        score_seeds(seeds_warehouse)["headline_strict_f1"], abs=5e-4)


@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold").exists(),
                    reason="dev corpus not beside the repo (../shared/corpus/dev/gold)")
def test_the_gold_sample_is_the_dev_golds_lines_for_the_shipped_reports():
    shipped = {p.name for p in (REPO / "seeds" / "reports").iterdir()}
    for name in ("docs.jsonl", "facts.jsonl"):
        dev = [row for row in _read_jsonl(SHARED / "corpus" / "dev" / "gold" / name)
               if row["doc"] in shipped]
        assert _read_jsonl(GOLD_SEEDS / name) == dev
