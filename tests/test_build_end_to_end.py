"""`keji build` for real: loaders + dbt build + expectations into a temporary file, then SQL.

No mocks: each test runs the console command in a subprocess, as a user would, with
WAREHOUSE_CORPUS and WAREHOUSE_DB pointing at temporary paths, and queries the file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEV_DOCS, REPO, SEED_REPORTS, SHARED, dev_sentence, keji_build, query

def test_build_publishes_every_contract_table(seeds_warehouse):
    tables = {name for (name,) in query(
        seeds_warehouse,
        "select table_name from information_schema.tables where table_schema = 'marts'")}
    assert {"dim_document", "dim_region", "dim_period", "dim_indicator",
            "fct_indicator_value", "load_problems"} <= tables
    assert query(seeds_warehouse, "select count(*) from marts.dim_document") == [(5,)]


def test_fact_columns_follow_the_contract(seeds_warehouse):
    columns = dict(query(seeds_warehouse, """
        select column_name, data_type from information_schema.columns
        where table_schema = 'marts' and table_name = 'fct_indicator_value'"""))
    expected = {
        "fact_key": "VARCHAR", "document_key": "VARCHAR", "region_key": "VARCHAR",
        "period_key": "VARCHAR", "indicator_key": "VARCHAR", "indicator_phrase": "VARCHAR",
        "value": "DOUBLE", "base_unit": "VARCHAR", "value_raw": "DOUBLE", "unit_raw": "VARCHAR",
        "measure": "VARCHAR", "fact_type": "VARCHAR", "bound": "VARCHAR",
        "char_start": "INTEGER", "char_end": "INTEGER", "quote": "VARCHAR",
    }
    assert {k: columns.get(k) for k in expected} == expected


def test_a_headline_number_is_traceable_to_its_sentence(seeds_warehouse):
    rows = query(seeds_warehouse, """
        select f.value, f.base_unit, i.indicator_code, f.measure, p.period_label,
               substring(d.clean_text, f.char_start + 1, f.char_end - f.char_start), f.quote
        from marts.fct_indicator_value f
        join marts.dim_document d using (document_key)
        join marts.dim_indicator i using (indicator_key)
        join marts.dim_period p on p.period_key = f.period_key
        where d.source_name = '004_fca62a6dc78bee06.txt' and f.value_raw = 367.1""")
    assert len(rows) == 1
    value, unit, code, measure, label, span_text, quote = rows[0]
    assert (value, unit, code, measure, label) == (36710000000.0, "CNY", "rd_expenditure",
                                                   "level", "2022")
    assert span_text == "367.1亿元" and span_text in quote


@pytest.mark.parametrize("document, number_text, code, measure, fact_type", [
    # 襄阳 2013: a new recognition, the stock, and applicants that are not a count of either
    ("000_f566bb897bdedf27.txt", "69家", "hitech_enterprises_new", "level", "actual"),
    ("000_f566bb897bdedf27.txt", "188家", "hitech_enterprises", "level", "actual"),
    ("000_f566bb897bdedf27.txt", "93家", "unmapped", "level", "actual"),
    ("000_f566bb897bdedf27.txt", "58.9亿元", "tech_contract_turnover", "level", "actual"),
    ("000_f566bb897bdedf27.txt", "4.3倍", "tech_contract_turnover", "multiple", "actual"),
    ("000_f566bb897bdedf27.txt", "495亿元", "hitech_industry_value_added", "level", "estimate"),
    ("000_f566bb897bdedf27.txt", "16.78%", "hitech_industry_share", "ratio", "estimate"),
    ("000_f566bb897bdedf27.txt", "2021件", "invention_patent_applications", "level", "actual"),
    # a list sharing its subjects, and their growth rates
    ("004_fca62a6dc78bee06.txt", "6403家", "tech_smes", "level", "actual"),
    ("004_fca62a6dc78bee06.txt", "44.4%", "tech_smes", "growth", "actual"),
    ("004_fca62a6dc78bee06.txt", "17.1%", "rd_expenditure", "growth", "actual"),
    ("004_fca62a6dc78bee06.txt", "23003项", "tech_contracts", "level", "actual"),
    # one number for three kinds of people is not the count of commissioners
    ("004_fca62a6dc78bee06.txt", "520多人", "unmapped", "level", "actual"),
    # 授权 with no noun of its own counts the patents named before it
    ("003_359fa4cc5da14e9f.txt", "91件", "patents_granted", "level", "actual"),
    # a plan section for next year: targets
    ("002_cc872de75aeed8b2.txt", "400件", "patent_applications", "level", "target"),
    # a planned figure is not the actual R&D spending; an estimate says so
    ("004_fca62a6dc78bee06.txt", "2.55亿元", "unmapped", "level", "target"),
    ("004_fca62a6dc78bee06.txt", "1.6万亿", "unmapped", "level", "estimate"),
    # 一至四月份 is the fact's period, not a quantity
    ("001_3b41ed0b22b5540a.txt", "29.6%", "hitech_industry_value_added", "growth", "actual"),
])
def test_headline_facts_are_typed_as_a_reader_would(
        seeds_warehouse, document, number_text, code, measure, fact_type):
    rows = query(seeds_warehouse, f"""
        select i.indicator_code, f.measure, f.fact_type
        from marts.fct_indicator_value f
        join marts.dim_document d using (document_key)
        join marts.dim_indicator i using (indicator_key)
        where d.source_name = '{document}' and f.number_text = '{number_text}'""")
    assert (code, measure, fact_type) in rows, rows


# sentences of the dev corpus whose subject is left unsaid: (report, the number)
UNSAID_SUBJECTS = [("p13.txt", "授权3件"), ("p30.txt", "12.4%"), ("p16.txt", "1500多人")]


@pytest.fixture(scope="module")
def unsaid_subjects_warehouse(tmp_path_factory) -> Path:
    sentences = [dev_sentence(name, needle) for name, needle in UNSAID_SUBJECTS]
    corpus = tmp_path_factory.mktemp("unsaid")
    (corpus / "report.txt").write_text(
        "XX区科技局2021年工作总结\n\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    db = corpus / "warehouse.duckdb"
    result = keji_build(corpus, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return db


@pytest.mark.parametrize("number_text, code, measure", [
    ("3件", "invention_patents_granted", "level"),      # invention grants are not all grants
    ("12.4%", "hitech_industry_share", "growth"),       # the share grew, not the value added
    ("9.7亿元", "hitech_industry_value_added", "level"),
    ("1500多人", "persons_trained", "level"),           # attendees of the training sessions
    ("800多家", "unmapped", "level"),                   # firms are not persons trained
])
def test_a_subject_left_unsaid_is_mapped_from_the_sentence(
        unsaid_subjects_warehouse, number_text, code, measure):
    rows = query(unsaid_subjects_warehouse, f"""
        select i.indicator_code, f.measure
        from marts.fct_indicator_value f
        join marts.dim_indicator i using (indicator_key)
        where f.number_text = '{number_text}'""")
    assert rows == [(code, measure)]


# sentences written for the project in the reports' manner, for cases the corpora lack
WRITTEN_REPORT = """XX市科技局2023年工作总结

2022年全市R&D经费投入达到52.4亿元,研发投入强度为2.12%。
2023年度全市全社会研发投入58.6亿元,占GDP比重达到2.71%,较上年提高0.23个百分点。
高新技术企业总数达到2318家,其中新认定612家;全市专利申请量8264件、授权量5815件,其中发明专利申请1412件,PCT国际专利申请量约300件。
技术合同登记1087项,成交额18.65亿元,分别增长41.2%、56.7%。
今年共有26家企业提交高新技术企业认定申请。
全市共选派科技特派员1268名,其中省级科技特派员156名;组建科技特派员服务团8个,举办科技特派员培训班两期。
新增省级工程技术研究中心3家,全市累计达到19家。
争取中央引导地方科技发展资金、省科技支撑计划等上级科技资金1280万元。
2023年,该公司投入研发经费4600万元,占营业收入的6.8%,新申请发明专利32件。
全年安排市级财政科技资金3.8亿元。高新区高新技术企业达到326家,其中2023年新认定61家。
全市高新技术企业达到215家(含当年新认定63家),科技型中小企业达到8,226家,分别比上年增长41.4%和32.7%。
新认定市级以上孵化器、众创空间17家(含国家级众创空间2家)。
技术合同成交额11.3亿元,完成全年目标25亿元的45.2%。争取省级科技计划项目53项、省级以上科技资金3270万元。
组织市级科技计划项目结题验收30项左右。
全市研究与试验发展(R&D)经费投入38.45亿元,投入强度达到1.18%。全年共申报各级科技项目52项,成功立项29项。
全市规模以上工业企业r&d经费支出11.2亿元;技术市场实现交易额8368万元;累计培育国家高新技术企业57家。
全年技术合同认定登记额达到15.7亿元。向上争取科技项目18项,到位资金1150万元。
高新技术产业增加值完成xx亿元,增速26.1%,占规上工业增加值比重55.6%。
完成七批科技型中小企业入库。获得经费支持1.11亿元。争取到位市以上科技项目资金60余万元。区财政科技专项经费达到1.6亿元。
全市共有省级以上高新技术企业143家,当年新认定21家。新增省级工程技术研究中心十一家、市级二十三家。
全市全社会研发投入占GDP比重达到2.66%,规模以上工业企业研发经费支出XX亿元,同比增长15.9%。
技术合同成交额、登记数分别为68.4亿元、926项,分别增长18.9%和5.3%。高新技术产业实现增加值9.81亿元。
派出特派员五十六名。申报省级科技计划项目40项,获得立项22项。全市技术市场合同成交额3200万元。登记省级科技成果 1028 项。
一、主要指标完成情况 全年全社会研发投入到达68.3亿元。全县高新技术企业实现零的突破,新认定1家;
帮助企业申报高新技术企业14家,经省里认定通过11家。全县专利申请量首次突破200件,达到217件,授权专利96件,分别比上年增长38.2%和29.7%。
上半年新增入库科技型中小企业206家,入库总量达到742家,完成全年任务的近八成。选派的126名省、市科技特派员深入乡镇开展服务。
新增市级以上孵化载体29家(孵化器24家、众创空间5家)。查处假冒专利案件27起。县财政科技拨款215万元。技术合约成交额11.6亿元,技术贸易额达到2.6亿元。
省科技厅立项32项。全社会R&D占比达到3.21%,全市第2,增幅达0.3%,全省第2。
全区累计认定高新技术企业1120家。全区国家级、省级、市级孵化器分别达到3家、8家和15家。科技三项经费投入560万元。
"""


@pytest.fixture(scope="module")
def written_warehouse(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("written")
    (corpus / "report.txt").write_text(WRITTEN_REPORT, encoding="utf-8")
    db = corpus / "warehouse.duckdb"
    result = keji_build(corpus, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return db


@pytest.mark.parametrize("number_text, code, measure, period", [
    ("52.4亿元", "rd_expenditure", "level", "2022"),        # a year leading its sentence
    ("0.23个百分点", "rd_intensity", "growth", "2023"),    # the change of the share before it
    ("612家", "hitech_enterprises_new", "level", "2023"),  # a part that is a headline itself
    ("1412件", "invention_patent_applications", "level", "2023"),
    ("300件", "unmapped", "level", "2023"),                # PCT filings are a subset
    ("41.2%", "tech_contracts", "growth", "2023"),         # 分别 over levels of two units
    ("56.7%", "tech_contract_turnover", "growth", "2023"),
    ("26家", "unmapped", "level", "2023"),                 # applicants, not recognitions
    ("1268名", "st_commissioners", "level", "2023"),
    ("156名", "unmapped", "level", "2023"),                # the provincial part of them
    ("8个", "unmapped", "level", "2023"),                  # teams of commissioners
    ("两期", "unmapped", "level", "2023"),                 # training sessions for them
    ("19家", "engineering_centers", "level", "2023"),      # 全市累计 takes the subject
    ("1280万元", "st_funding_secured", "level", "2023"),   # examples of 上级科技资金
    ("4600万元", "unmapped", "level", "2023"),             # one firm's figures are parts
    ("6.8%", "unmapped", "ratio", "2023"),
    ("32件", "unmapped", "level", "2023"),
    ("3.8亿元", "fiscal_st_expenditure", "level", "2023"),
    ("61家", "hitech_enterprises_new", "level", "2023"),
    ("63家", "hitech_enterprises_new", "level", "2023"),   # a part in brackets (含…)
    ("41.4%", "hitech_enterprises", "growth", "2023"),     # 分别 skips the bracketed part
    ("32.7%", "tech_smes", "growth", "2023"),
    ("2家", "unmapped", "level", "2023"),                  # the national ones among them
    ("25亿元", "tech_contract_turnover", "level", "2023"),  # the year's goal, a target
    ("3270万元", "st_funding_secured", "level", "2023"),   # 争取 heads the list
    ("30项", "unmapped", "level", "2023"),                 # projects closed, not run
    ("38.45亿元", "rd_expenditure", "level", "2023"),
    ("1.18%", "rd_intensity", "ratio", "2023"),
    ("29项", "st_projects", "level", "2023"),              # approved of those applied for
    ("11.2亿元", "enterprise_rd_expenditure", "level", "2023"),  # r&d in any letter case
    ("8368万元", "tech_contract_turnover", "level", "2023"),
    ("57家", "hitech_enterprises", "level", "2023"),       # 累计培育: the stock
    ("15.7亿元", "tech_contract_turnover", "level", "2023"),
    ("18项", "st_projects", "level", "2023"),
    ("1150万元", "st_funding_secured", "level", "2023"),   # 到位资金
    ("26.1%", "hitech_industry_value_added", "growth", "2023"),  # the masked amount's rate
    ("55.6%", "hitech_industry_share", "ratio", "2023"),
    ("七批", "unmapped", "level", "2023"),                 # batches are no count of firms
    ("1.11亿元", "st_funding_secured", "level", "2023"),
    ("60余万元", "st_funding_secured", "level", "2023"),   # 市以上: from higher levels
    ("1.6亿元", "fiscal_st_expenditure", "level", "2023"),
    ("21家", "hitech_enterprises_new", "level", "2023"),   # a flow after the stock (共有)
    ("二十三家", "engineering_centers", "level", "2023"),  # the next level of the same thing
    ("15.9%", "enterprise_rd_expenditure", "growth", "2023"),  # the masked amount's, not 2.66%'s
    ("926项", "tech_contracts", "level", "2023"),          # measures sharing 技术合同
    ("5.3%", "tech_contracts", "growth", "2023"),
    ("9.81亿元", "hitech_industry_value_added", "level", "2023"),
    ("五十六名", "st_commissioners", "level", "2023"),
    ("22项", "st_projects", "level", "2023"),
    ("3200万元", "tech_contract_turnover", "level", "2023"),
    ("1028 项", "st_achievements_registered", "level", "2023"),  # a page's space before the unit
    ("68.3亿元", "rd_expenditure", "level", "2023"),      # a heading run into its text
    ("1家", "hitech_enterprises_new", "level", "2023"),   # a bare flow after its subject's clause
    ("11家", "hitech_enterprises_new", "level", "2023"),  # 经省里认定通过: of those applied for
    ("217件", "patent_applications", "level", "2023"),
    ("38.2%", "patent_applications", "growth", "2023"),  # 分别 over 217件 (not 200件) and 96件
    ("29.7%", "patents_granted", "growth", "2023"),
    ("742家", "tech_smes", "level", "2023H1"),            # 入库总量 takes its subject
    ("八成", "unmapped", "ratio", "2023H1"),              # 成 is tenths: 80 percent; of the year's
                                                           # goal, done in the half its sentence says
    ("126名", "st_commissioners", "level", "2023"),       # 名省、市科技特派员
    ("24家", "unmapped", "level", "2023"),                # a bracket after a total: its parts
    ("27起", "unmapped", "level", "2023"),
    ("215万元", "fiscal_st_expenditure", "level", "2023"),
    ("11.6亿元", "tech_contract_turnover", "level", "2023"),
    ("2.6亿元", "tech_contract_turnover", "level", "2023"),
    ("32项", "st_projects", "level", "2023"),
    ("0.3%", "rd_intensity", "growth", "2023"),           # a rank between a share and its change
    ("1120家", "hitech_enterprises", "level", "2023"),     # 累计认定: the stock, not new ones
    ("8家", "incubators", "level", "2023"),                # levels side by side share the noun
    ("15家", "incubators", "level", "2023"),
    ("560万元", "fiscal_st_expenditure", "level", "2023"),  # 科技三项 names a budget line
])
def test_written_sentences_map_as_a_reader_would(written_warehouse, number_text, code, measure, period):
    rows = query(written_warehouse, f"""
        select i.indicator_code, f.measure, p.period_label
        from marts.fct_indicator_value f
        join marts.dim_indicator i using (indicator_key)
        join marts.dim_period p on p.period_key = f.period_key
        where f.number_text = '{number_text}'""")
    assert rows == [(code, measure, period)]


@pytest.mark.parametrize("document, region", [
    ("000_f566bb897bdedf27.txt", ("襄阳市", "city", "湖北省", False)),
    # masked city; the province is known by its own strategy (三高四新), never named
    ("004_fca62a6dc78bee06.txt", ("XX市", "city", "湖南省", True)),
])
def test_each_report_has_its_own_region(seeds_warehouse, document, region):
    rows = query(seeds_warehouse, f"""
        select r.region_name, r.region_level, r.province_name, r.is_masked
        from marts.dim_document d join marts.dim_region r using (region_key)
        where d.source_name = '{document}'""")
    assert rows == [region]


def test_a_fact_keeps_its_own_period(seeds_warehouse):
    rows = query(seeds_warehouse, """
        select p.period_label, dp.period_label
        from marts.fct_indicator_value f
        join marts.dim_document d using (document_key)
        join marts.dim_period p on p.period_key = f.period_key
        join marts.dim_period dp on dp.period_key = d.period_key
        where d.source_name = '001_3b41ed0b22b5540a.txt' and f.number_text = '29.6%'""")
    assert rows == [("2020-01..2020-04", "2020H1")]


def test_no_fact_has_a_null_key(seeds_warehouse):
    assert query(seeds_warehouse, """
        select count(*) from marts.fct_indicator_value
        where document_key is null or region_key is null or period_key is null
           or indicator_key is null""") == [(0,)]


def test_keys_are_stable_across_rebuilds(seeds_warehouse, tmp_path):
    again = tmp_path / "again.duckdb"
    assert keji_build(SEED_REPORTS, again).returncode == 0
    sql = "select fact_key from marts.fct_indicator_value order by fact_key"
    assert query(seeds_warehouse, sql) == query(again, sql)


def test_plain_dbt_run_rebuilds_the_same_tables_on_a_new_file(seeds_warehouse, tmp_path):
    db = tmp_path / "dbt_run.duckdb"
    env = {**os.environ, "WAREHOUSE_CORPUS": str(SEED_REPORTS), "WAREHOUSE_DB": str(db),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run([str(dbt), "run", "--target-path", str(tmp_path / "target"),
                             "--log-path", str(tmp_path / "logs")],
                            cwd=REPO / "dbt_project", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    sql = """select fact_key, indicator_key, period_key, region_key, value
             from marts.fct_indicator_value order by fact_key"""
    assert query(db, sql) == query(seeds_warehouse, sql)


TYPO_REPORT = ("XX市科技局2023年工作总结\n\n高新技术企业达到2318家。全市研发投入20000000亿元。"
               "全市研发投入" + "9" * 400 + "亿元。\n")


def test_bad_files_are_recorded_and_the_rest_still_builds(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    good = SEED_REPORTS / "000_f566bb897bdedf27.txt"
    shutil.copy(good, corpus / "good.txt")
    shutil.copy(good, corpus / "nested" / "copy_of_good.txt")
    text = good.read_text(encoding="utf-8")
    (corpus / "gbk.txt").write_bytes(text.encode("gb18030"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 binary")
    # what a hostile corpus holds: links out and broken, a FIFO, unreadable files and
    # folders, a name that is not UTF-8 (a GBK zip) whose report has two impossible numbers
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "locked.txt").write_text(text, encoding="utf-8")
    (corpus / "locked.txt").chmod(0)
    (corpus / "closed").mkdir()
    (corpus / "closed" / "inside.txt").write_text(text, encoding="utf-8")
    (corpus / "closed").chmod(0)
    (corpus / os.fsdecode("报告".encode("gbk") + b".txt")).write_text(TYPO_REPORT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    try:
        result = keji_build(corpus, db, as_user=True)
    finally:
        (corpus / "closed").chmod(0o755)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    problems = query(db, "select source_name, problem from marts.load_problems order by 1, 2")
    typo = "\\xb1\\xa8\\xb8\\xe6.txt"
    assert problems == sorted([
        ("nested/copy_of_good.txt", "duplicate"), ("empty.txt", "empty"),
        ("binary.txt", "binary"), ("scan.pdf", "unsupported"),
        ("passwd.txt", "symlink_outside"), ("dangling.txt", "broken_symlink"),
        ("loop.txt", "broken_symlink"), ("pipe.txt", "not_a_file"),
        ("locked.txt", "unreadable"), ("closed", "unreadable"),
        (typo, "bad_file_name"), (typo, "implausible_value"), (typo, "not_finite")])
    docs = dict(query(db, "select source_name, sha256 from marts.dim_document"))
    assert set(docs) == {"good.txt", "gbk.txt", typo}
    counts = query(db, """
        select d.source_name, count(*) from marts.fct_indicator_value f
        join marts.dim_document d using (document_key) group by 1 order by 1""")
    assert counts[1][1] == counts[2][1] > 50  # the GBK copy reads exactly like the UTF-8 one
    assert counts[0] == (typo, 1)            # its plausible fact is kept, the others not
    quarantined = query(db, """select problem, number_text, char_start, value, detail
                               from marts.quarantined_facts order by 1""")
    assert [row[:2] for row in quarantined] == [("implausible_value", "20000000亿元"),
                                                ("not_finite", "9" * 400 + "亿元")]
    start = quarantined[0][2]
    assert quarantined[0][4].startswith(f"20000000亿元 at characters {start}..{start + 10} reads "
                                        "as 2e+15 CNY, outside -1e+13..1e+13 for rd_expenditure in CNY level")
    assert query(db, f"""select substring(clean_text, {start + 1}, 10) from marts.dim_document
                         where source_name = '{typo}'""") == [("20000000亿元",)]

    strict = keji_build(corpus, tmp_path / "strict.duckdb", "--strict")
    assert strict.returncode != 0 and not (tmp_path / "strict.duckdb").exists()


def test_a_failed_build_leaves_the_published_warehouse_alone(seeds_warehouse, tmp_path):
    db = tmp_path / "published.duckdb"
    shutil.copy(seeds_warehouse, db)
    before = db.read_bytes()
    result = keji_build(tmp_path / "no-such-corpus", db)
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert db.read_bytes() == before


# The dev corpus's accuracy, held as a ratchet: set to what was measured on the 49 reports,
# raised with every gain, never lowered (at or above issue 7's bars since 2026-12-03).
# (a bar is the figure the scorer printed, less half its last digit: it prints rounded)
DEV_BARS = ("mention_f1=0.9925", "headline_strict_f1=0.9525", "measure_acc=0.9965",
            "fact_type_acc=0.9975", "bound_acc=0.9995", "period_acc=0.9955", "indicator_acc=0.9325",
            "region_acc=0.9995", "region_level_acc=0.9995", "province_acc=0.9795", "doc_period_acc=0.9995")


# The made-up reports of tests/data/madeup/ (thirty sets of 12, each written blind, in the
# reports' manner, by a writer who never saw the rules; first-sight figures in the README),
# now in fold: a guard that the rules which carried to them keep carrying.
MADEUP = REPO / "tests" / "data" / "madeup"
# set to the figures measured when the made-up corpus grew (sets 31 and 32, 2026-12-04: 360
# reports; set 16, of unusual authors — a township, a zone, an IP office —, stands lower)
MADEUP_BARS = ("mention_f1=0.9955", "headline_strict_f1=0.9655", "measure_acc=0.9975",
               "fact_type_acc=0.9975", "bound_acc=0.9995", "period_acc=0.9855", "indicator_acc=0.9595",
               "region_acc=0.9855", "region_level_acc=0.9935", "province_acc=0.9935",
               "doc_period_acc=0.9855")


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="scorer not beside the repo")
def test_madeup_reports_scores_hold(tmp_path):
    """The 360 made-up reports against their gold, at the bars reached."""
    db = tmp_path / "madeup.duckdb"
    result = keji_build(MADEUP / "docs", db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(db),
         "--gold", str(MADEUP / "gold"),
         *(arg for bar in MADEUP_BARS for arg in ("--require", bar))],
        capture_output=True, text=True)
    print(score.stdout.splitlines()[-1])
    assert score.returncode == 0, score.stdout.splitlines()[-1]


@pytest.mark.skipif(not DEV_DOCS.exists(), reason="dev corpus not beside the repo")
def test_dev_corpus_scores_hold(tmp_path):
    """The dev corpus against its gold: a guard against regressions, at the bars reached."""
    db = tmp_path / "dev.duckdb"
    result = keji_build(DEV_DOCS, db)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(db),
         "--gold", str(SHARED / "corpus" / "dev" / "gold"),
         *(arg for bar in DEV_BARS for arg in ("--require", bar))],
        capture_output=True, text=True)
    print(score.stdout.splitlines()[-1])
    assert score.returncode == 0, score.stdout.splitlines()[-1]


def test_a_file_past_its_time_budget_is_recorded_and_the_build_goes_on(tmp_path):
    """One file never stalls the corpus: past KEJI_FILE_SECONDS it is `too_slow`, skipped."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_REPORTS / "000_f566bb897bdedf27.txt", corpus / "good.txt")
    # over a minute to read in full by the Python stages, ~4 s by the compiled ones (which
    # are not stopped inside a call: the budget is checked between them)
    (corpus / "slow.txt").write_text("1亿元" * 240_000, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = keji_build(corpus, db, env={"KEJI_FILE_SECONDS": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    problems = query(db, "select source_name, problem, detail from marts.load_problems")
    assert [row[:2] for row in problems] == [("slow.txt", "too_slow")]
    assert "longer than the budget of 1 s" in problems[0][2]
    assert query(db, "select source_name from marts.dim_document") == [("good.txt",)]
