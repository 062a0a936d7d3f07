"""The indicator synonyms (seeds/reference/indicator_synonyms.csv) map report wording onto codes.

Bureaus say the same thing in other words; each sentence below is made up in the
wording of a kind the rules were not first written for, and goes through a real build:
the extractor's phrase, then the synonyms as dbt applies them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import keji_build, query

# (sentence, number as written, expected indicator code or None)
CASES = [
    # R&D spending by its statistical name, without 投入/支出
    ("全年全社会研究与试验发展经费达到47.6亿元。", "47.6亿元", "rd_expenditure"),
    # programmes named by their kind, at any level
    ("全年争取吉林省科技发展计划项目104项、资金4160万元。", "104项", "st_projects"),
    ("全年争取吉林省科技发展计划项目104项、资金4160万元。", "4160万元", "st_funding_secured"),
    ("获批省级重点研发计划项目2项,到位省级资金640万元。", "2项", "st_projects"),
    ("获批省级重点研发计划项目2项,到位省级资金640万元。", "640万元", "st_funding_secured"),
    # fiscal money with the budget's verb between 财政 and 科技
    ("县财政安排科技专项资金300万元。", "300万元", "fiscal_st_expenditure"),
    ("市财政投入科技经费850万元。", "850万元", "fiscal_st_expenditure"),
    # cooperation projects with universities and institutes
    ("与农业大学、省农科院达成合作项目7个。", "7个", "iur_projects"),
    # the new recognitions written as a part of the stock
    ("有效期内高新技术企业达到188家,其中当年通过认定的有71家。", "71家", "hitech_enterprises_new"),
    # counties counted where commissioners are sent are not commissioners
    ("在全省66个贫困县选派科技特派员。", "66个", None),
    # 今年力争 before the subject is no part of its name
    ("2021年全县登记技术合同9项、成交额826万元,今年力争成交额增长45%以上。", "45%",
     "tech_contract_turnover"),
    # a fall keeps its subject's code (and its sign: see below)
    ("全市财政科技支出2.35亿元,同比下降4.2%。", "4.2%", "fiscal_st_expenditure"),
    # applications are not approved projects
    ("组织申报省级科技计划项目14项。", "14项", None),
    # business R&D by its statistical name, fiscal money with a word between, money granted
    ("规模以上工业企业研究与试验发展经费达到9.5亿元。", "9.5亿元", "enterprise_rd_expenditure"),
    ("区级财政每年安排科技专项资金1.2亿元。", "1.2亿元", "fiscal_st_expenditure"),
    ("全年获国家资助资金4.6亿元。", "4.6亿元", "st_funding_secured"),
    # an amount named only as an amount after the contracts it is of, and its growth
    ("技术合同登记367项,交易额完成45.2亿元,同比增长19.6%。", "45.2亿元", "tech_contract_turnover"),
    ("技术合同登记367项,交易额完成45.2亿元,同比增长19.6%。", "19.6%", "tech_contract_turnover"),
    ("技术合同登记367项,交易额完成45.2亿元,同比增长19.6%。", "367项", "tech_contracts"),
    # an average yearly growth after an estimate keeps the estimate's subject
    ("全市R&D经费支出预计达到38.6亿元,比2015年翻了一番多,年均增长16.4%。", "16.4%", "rd_expenditure"),
    # a count in the financial numerals (the gate reads them as numerals too)
    ("科技型中小企业入库参拾伍家。", "参拾伍家", "tech_smes"),
    # projects of a special programme, counted in 项; its money is no project
    ("获批省重大科技专项1项、省重点研发与推广专项12项。", "1项", "st_projects"),
    ("组织实施自治区科技重大专项2项。", "2项", "st_projects"),
    ("申报省重大科技专项3项。", "3项", None),
    # a milestone passed keeps the subject of the count before it
    ("国家科技型中小企业评价入库二百零七家,首次突破两百家。", "两百家", "tech_smes"),
    # growth written in tenths
    ("评价入库科技型中小企业2415家,同比增长约三成。", "三成", "tech_smes"),
    # made up: contracts named by what is done with them, and a bare flow of recognitions
    ("技术合同交易实现成交额 9.37 亿元,登记合同653项。", "9.37 亿元", "tech_contract_turnover"),
    ("技术合同交易实现成交额 9.37 亿元,登记合同653项。", "653项", "tech_contracts"),
    ("全市有效高新技术企业总量达到186家,全年新通过认定51家。", "51家", "hitech_enterprises_new"),
    ("全市有效高新技术企业总量达到186家,全年新通过认定51家。", "186家", "hitech_enterprises"),
    # a stock after a flow keeps its own words; a recognition after the applications is new
    ("全年新认定高新技术企业43家,年末高新技术企业168家。", "168家", "hitech_enterprises"),
    ("新增高新技术企业8家,有效高新技术企业达到27家。", "27家", "hitech_enterprises"),
    ("全年新申报高新技术企业38家,通过认定26家。", "26家", "hitech_enterprises_new"),
    ("全市有效高新技术企业126家,今年以来净增9家。", "9家", "hitech_enterprises_new"),
    ("全市研究与开发经费投入8.9亿元,占GDP的比重为2.07%。", "8.9亿元", "rd_expenditure"),
    ("全市研究与开发经费投入8.9亿元,占GDP的比重为2.07%。", "2.07%", "rd_intensity"),
    # made up: an item with a verb of its own is not the enumeration's (争取…, 申报…)
    ("争取省级以上科技资金3.26亿元,市财政安排科技专项资金2亿元。", "2亿元", "fiscal_st_expenditure"),
    ("新申报高新技术企业11家,新入库科技型中小企业27家。", "27家", "tech_smes"),
    ("本级科技专项仅安排300万元,较上年减少15%。", "300万元", "fiscal_st_expenditure"),
    ("完成科小企业评价入库1463家。", "1463家", "tech_smes"),
    ("全年技术市场成交合同612份。", "612份", "tech_contracts"),
    # made up: the verb before the region-wide subject; value added named after the output
    ("全年完成全社会研究与开发经费支出4.96亿元,占生产总值的0.62%。", "4.96亿元", "rd_expenditure"),
    ("实现高新技术产业总产值231亿元,增加值72亿元,比上年增长24.7%。", "72亿元", "hitech_industry_value_added"),
    ("实现高新技术产业总产值231亿元,增加值72亿元,比上年增长24.7%。", "24.7%", "hitech_industry_value_added"),
    ("实现高新技术产业总产值231亿元,增加值72亿元,比上年增长24.7%。", "231亿元", None),
    ("全市高新技术产品增加值完成512亿元,占规模以上工业增加值比重达到41.2%。", "41.2%", "hitech_industry_share"),
    # made up: a subsidy of firms' R&D is no R&D spending; a part written with a colon
    ("兑现企业研发费用补助资金6900万元。", "6900万元", None),
    # made up: an amount named as registered after the contracts is their turnover
    ("全区登记技术合同1820项,登记额达到52.6亿元。", "52.6亿元", "tech_contract_turnover"),
    # a PDF copy's space inside the name; approvals named by 获立项 after the applications
    ("全区 R&D 经费投入 28.6 亿元,占地区生产总值的比重达到 2.68%。", "28.6 亿元", "rd_expenditure"),
    ("全区 R&D 经费投入 28.6 亿元,占地区生产总值的比重达到 2.68%。", "2.68%", "rd_intensity"),
    ("组织申报省级科技计划项目26项,获立项11项。", "11项", "st_projects"),
    ("指标 2020年 同比增长\n专利申请量(件) 23516 18.2%\n其中:发明专利申请量(件) 3872 9.6%\n", "3872",
     "invention_patent_applications"),
    # made up: projects won from regions named in between; the money after them is won too
    ("全旗全年争取内蒙古自治区和鄂尔多斯市科技项目二十一项。", "二十一项", "st_projects"),
    ("争取国家、省科技项目86项,资金7600万元。", "7600万元", "st_funding_secured"),
    # a part of the money won, its total named before it, is no region-wide figure
    ("获得上级科技经费680万元,其中省级项目资金510万元。", "510万元", None),
    ("获得上级科技经费680万元,其中省级项目资金510万元。", "680万元", "st_funding_secured"),
    # the end point of a change is of what its start point is
    ("全市全社会R&D支出11.3亿元,占GDP的比重由上年的1.98%上升到2.12%。", "2.12%", "rd_intensity"),
    # a gap to another region's figure is no quantity of the region's own
    ("研发投入强度低于全省平均水平近1个百分点。", "1个百分点", None),
    # value added after the output, named with its verb, and the rates shared out
    ("全市高新技术产业完成产值42.6亿元,实现增加值13.8亿元,分别增长19.2%和17.5%。", "13.8亿元",
     "hitech_industry_value_added"),
    ("全市高新技术产业完成产值42.6亿元,实现增加值13.8亿元,分别增长19.2%和17.5%。", "17.5%",
     "hitech_industry_value_added"),
    ("全市高新技术产业完成产值42.6亿元,实现增加值13.8亿元,分别增长19.2%和17.5%。", "19.2%", None),
    # made up: a stock named only by 累计 after the flow keeps the flow's subject
    ("新增入库国家科技型中小企业146家,累计入库达到612家。", "612家", "tech_smes"),
    # made up: R&D centres of high-tech firms are no high-tech firms
    ("新认定省级高新技术企业研究开发中心6家。", "6家", None),
    # money made available after projects won, and its rate
    ("全年获批国家、省级科技项目86项,落实资金4720万元,较上年增长18%。", "4720万元", "st_funding_secured"),
    ("全年获批国家、省级科技项目86项,落实资金4720万元,较上年增长18%。", "18%", "st_funding_secured"),
    # a city's level named by the city (潍坊市级) after the levels above it
    ("获批国家级科技计划项目5项、省级22项、潍坊市级41项。", "41项", "st_projects"),
    # the inventions among the patents applied for, the verb first
    ("全年申请专利2236件,其中发明专利612件;授权专利1320件。", "612件", "invention_patent_applications"),
    # changes listed with their own directions are shared out in order
    ("专利申请量2,611件、授权量1,874件,分别增长6.4%、下降3.1%。", "6.4%", "patent_applications"),
    ("专利申请量2,611件、授权量1,874件,分别增长6.4%、下降3.1%。", "3.1%", "patents_granted"),
    # made up: the bound word of the number before is no part of the next one's words
    ("力争全年争取上级科技项目10项以上、资金250万元。", "250万元", "st_funding_secured"),
    # the rate of the new recognitions stated as a part of the stock is theirs
    ("全区有效高新技术企业达到186家,其中当年新认定高新技术企业67家,同比增长52.3%。", "52.3%",
     "hitech_enterprises_new"),
    # a gap to the country's average, written with 比…高
    ("研发投入强度达到2.96%,比全国平均水平高0.55个百分点。", "0.55个百分点", None),
    # made up: business R&D as a part of the society-wide total is a headline of its own
    ("全市全社会研发投入12.6亿元,其中规模以上工业企业研发经费支出3.96亿元。", "3.96亿元",
     "enterprise_rd_expenditure"),
    ("县财政今年安排科技经费120万元。", "120万元", "fiscal_st_expenditure"),
    ("争取自治区科技厅项目5项。", "5项", "st_projects"),
    ("争取山西省科技厅各类项目37项。", "37项", "st_projects"),
]


@pytest.fixture(scope="module")
def mapped(tmp_path_factory) -> dict[tuple[str, str], tuple[str | None, float]]:
    root = tmp_path_factory.mktemp("synonyms")
    corpus = root / "corpus"
    corpus.mkdir()
    sentences = list(dict.fromkeys(s for s, _, _ in CASES))
    for k, sentence in enumerate(sentences):
        (corpus / f"s{k:02d}.txt").write_text(f"某县科技局工作总结\n{sentence}\n", encoding="utf-8")
    db = root / "warehouse.duckdb"
    result = keji_build(corpus, db, "--quiet")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    rows = query(db, """
        select d.source_name, f.number_text, i.indicator_code, f.value
        from marts.fct_indicator_value f
        join marts.dim_document d using (document_key)
        join marts.dim_indicator i using (indicator_key)""")
    by_file = {f"s{k:02d}.txt": s for k, s in enumerate(sentences)}
    return {(by_file[name], text): (None if code == "unmapped" else code, value)
            for name, text, code, value in rows}


@pytest.mark.parametrize("sentence, number, code", CASES)
def test_the_wording_maps_to_its_indicator(mapped, sentence, number, code):
    assert (sentence, number) in mapped, sorted(mapped)
    assert mapped[(sentence, number)][0] == code


def test_a_fall_is_a_negative_growth(mapped):
    """`同比下降4.2%` is a growth of -4.2%; value_raw stays the number as written."""
    assert mapped[("全市财政科技支出2.35亿元,同比下降4.2%。", "4.2%")][1] == -4.2
    assert mapped[("全市财政科技支出2.35亿元,同比下降4.2%。", "2.35亿元")][1] == 2.35e8
