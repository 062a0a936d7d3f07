"""Report and fact periods on sentences and headings taken from the dev corpus.

Excerpts of the seed reports are quoted; those of the other dev reports are read from
`../shared` at run time (spans found by short needles), to keep their text out of the repo.
"""
from __future__ import annotations

import json

import pytest

from loaders.clean import clean_text, find_title
from loaders.period import (
    FactPeriodResolver,
    arabic_years,
    heading_sections,
    is_baseline,
    page_dates,
    plan_sections,
    political_calendar,
    resolve_document_period,
)
from loaders.records import PeriodResolution
from tests.conftest import DEV_DOCS, dev_clean, dev_line, dev_raw, dev_sentence

DEV = DEV_DOCS.parent


def dev_title(name: str) -> str | None:
    """A dev report's title, as the loaders find it."""
    return find_title(dev_clean(name))


def dev_span(name: str, start: str, end: str) -> str:
    """A dev report's clean text from the first `start` through the first `end` after it.

    Lets a test take the same excerpt (a clause, a sentence cut short) that a quote did.
    """
    text = dev_clean(name)
    i = text.index(start)
    return text[i:text.index(end, i) + len(end)]


def doc_label(text: str, title: str | None = None) -> str | None:
    return resolve_document_period(text, title).label


def fact_label(text: str, number: str, document: PeriodResolution, nth: int = 1) -> str | None:
    return fact_info(text, number, document, nth).period.label


def fact_info(text: str, number: str, document: PeriodResolution, nth: int = 1):
    """The period of the nth occurrence of `number` in `text`."""
    pos = -1
    for _ in range(nth):
        pos = text.index(number, pos + 1)
    return FactPeriodResolver(text, document).at(pos, pos + len(number))


def assert_plans(text: str, document: PeriodResolution, label: str, numbers: tuple[str, ...],
                 reviews: tuple[str, ...] = ()) -> None:
    """Each of `numbers` is a figure of a plan for `label`; each of `reviews` of no plan."""
    for number in numbers:
        info = fact_info(text, number, document)
        assert info.in_plan_section and info.period.label == label, number
    for number in reviews:
        assert not fact_info(text, number, document).in_plan_section, number


def assert_periods(text: str, title: str | None, label: str, facts: dict[str, str]) -> None:
    """The report's period is `label`, and each number of `facts` has the period given."""
    period = resolve_document_period(text, title)
    assert period.label == label
    for number, fact in facts.items():
        assert fact_label(text, number, period) == fact, number


YEAR_2008 = PeriodResolution(2008, "year", 1, 12)
YEAR_2012 = PeriodResolution(2012, "year", 1, 12)
YEAR_2015 = PeriodResolution(2015, "year", 1, 12)
YEAR_2016 = PeriodResolution(2016, "year", 1, 12)
YEAR_2017 = PeriodResolution(2017, "year", 1, 12)
YEAR_2020 = PeriodResolution(2020, "year", 1, 12)
H1_2020 = PeriodResolution(2020, "half", 1, 6)
H1_2021 = PeriodResolution(2021, "half", 1, 6)
H1_2025 = PeriodResolution(2025, "half", 1, 6)
NO_YEAR = PeriodResolution(None, "year", 1, 12)


# ------------------------------------------------------------------ document: years written
def test_body_year_wins_over_a_mismatched_title() -> None:
    text = dev_sentence("p13.txt", "2021年上半年")
    period = resolve_document_period(text, dev_title("p13.txt"))
    assert period.label == "2021H1"
    assert "body wins" in period.reason


def test_body_year_wins_over_the_title_of_a_review_of_last_year() -> None:
    text = ("科技局上年度述职报告(2023年)\n2022年,在市委、市政府坚强领导下,市科技局坚持以新时代中国特色社会主义思想为指导,"
            "认真学习贯彻党的XX大精神。全社会研发投入367.1亿元,同口径增长17.1%。\n"
            "两型(绿色)产品政府采购目录。2023年来,新能源汽车、储能材料等新兴产业实现显著增长。")
    assert doc_label(text, "科技局上年度述职报告(2024年)") == "2022"


def test_title_year_counts_when_the_body_writes_none() -> None:
    text = dev_span("p17.txt", "今年以来", "为指导") + "。" + dev_span("p17.txt", "入网仪器", "947小时。")
    assert doc_label(text, dev_title("p17.txt")) == "2025H1"


def test_title_of_a_review_and_a_plan_gives_the_review_year() -> None:
    # The body's own year is put as 今年, so that only the title can date the report.
    opening = "今年" + dev_span("p18.txt", "以来", "模范生") + "为指引。"
    assert doc_label(opening, dev_title("p18.txt")) == "2020"
    assert doc_label("今年以来,全省科技工作稳步推进。", dev_title("p29.txt")) == "2016"


def test_upload_time_and_breadcrumb_are_not_evidence() -> None:
    text = ("当前位置:文山文库网>述职报告 > 科技局上年度述职报告(2024年)\n"
            "时间:2024-01-30 11:00:07\n"
            + dev_span("p17.txt", "今年以来", "为指导") + "。")
    period = resolve_document_period(text, None)
    assert period.year is None


def test_upload_time_does_not_override_a_comparison_year() -> None:
    text = "\n".join([
        dev_title("p30.txt"),
        dev_line("p30.txt", "时间:"),  # the upload time, which the cleaner would drop
        dev_line("p30.txt", "一、", clean=True),
        dev_span("p30.txt", "1、", "12.4%。"),
    ])
    assert doc_label(text) == "2015"


# ------------------------------------------------------------------ document: no year
@pytest.mark.parametrize("name, start, end", [
    ("p16.txt", "20xx年", "体制改革"),
    ("p26.txt", "一、*年", "创新战略"),
])
def test_masked_year_gives_no_year(name: str, start: str, end: str) -> None:
    period = resolve_document_period(dev_span(name, start, end) + "。", None)
    assert period.year is None and period.label is None
    assert "masked" in period.reason


def test_masked_half_year_report_keeps_its_type() -> None:
    text = dev_span("p08.txt", "科技局XX", "6个。")
    period = resolve_document_period(text, dev_title("p08.txt"))
    assert (period.year, period.period_type, period.start_month, period.end_month) == (None, "half", 1, 6)


def test_five_year_plan_has_no_single_year() -> None:
    text = "\n".join([dev_title("p44.txt"), dev_line("p44.txt", "十二五", clean=True),
                      dev_span("p44.txt", "截至目前", "6138万元") + "。"])
    assert doc_label(text) is None


def test_contradicting_frames_give_no_year() -> None:
    # The report's frame, once moved a year back, against a later clause of it.
    frame = dev_span("p19.txt", "2020年,", "十九大精神")
    later = dev_span("p19.txt", "2020年,", "科技系统") + dev_span("p19.txt", "推动经济", "质量变革")
    text = frame.replace("2020年", "2019年") + "。\n" + later + "。"
    period = resolve_document_period(text, None)
    assert period.year is None and "contradict" in period.reason


# ------------------------------------------------------------------ document: host-written years
def test_a_years_review_stamped_in_april_of_that_year_has_a_host_written_year() -> None:
    raw = dev_raw("p04.txt")
    text = dev_clean("p04.txt")
    stamps = page_dates(raw)
    assert (2023, 4) in stamps
    period = resolve_document_period(text, dev_title("p04.txt"), stamps)
    assert period.year is None and "host-written" in period.reason
    # the same body without the page's stamp keeps its year: the stamp is what shows it
    assert resolve_document_period(text, dev_title("p04.txt")).year == 2023


def test_a_stamp_after_the_period_ended_does_not_veto_it() -> None:
    text = "\n".join([dev_title("p30.txt"), dev_line("p30.txt", "一、", clean=True),
                      dev_span("p30.txt", "1、", "12.4%。")])
    stamps = page_dates(dev_raw("p30.txt"))
    assert stamps and all(s > (2015, 12) for s in stamps)
    assert resolve_document_period(text, None, stamps).label == "2015"


def test_a_plan_stamped_before_its_year_ended_keeps_its_year() -> None:
    # made up: a plan is written before its year, its stamp shows nothing
    text = "2024年科技工作要点\n2024年,全市科技工作的总体要求是……力争新增高新技术企业30家。"
    assert resolve_document_period(text, "2024年科技工作要点", ((2024, 2),)).year == 2024


def test_the_year_spliced_into_an_amount_is_the_sites() -> None:
    text = dev_clean("p22.txt")
    period = resolve_document_period(text, find_title(text))
    assert period.year is None and "spliced" in period.reason
    # a plain amount holding no year does not count
    plain = dev_span("p22.txt", "2023年,我市", "创造专利授权量达171件")
    plain = plain.replace(plain[plain.index("交易额"):plain.index("万元")], "交易额258320")
    assert resolve_document_period(plain, None).year == 2023


def test_a_title_summing_up_and_planning_one_same_year_over_a_masked_body() -> None:
    text = dev_clean("p21.txt")
    period = resolve_document_period(text, dev_title("p21.txt"))
    assert period.year is None and "masks its years" in period.reason
    # the body's mask is what shows it: without it the title's year stands
    unmasked = text.replace("XXXX年度", "年度")
    assert resolve_document_period(unmasked, dev_title("p21.txt")).year == 2021


# ------------------------------------------------------------------ document: indirect evidence
REVIEW_2012 = (
    "今年以来,区科技局围绕科技创新和年度工作目标,内强素质,外树形象,以招商引资、项目培育、策应扶持、人才引进以及"
    "科技为企业服务等为重点,认真贯彻落实省市区科技创新大会精神。\n"
    "1、招商引资工作成效显著。今年以来,完成招商引资额5000万元。\n"
    "三、2013年工作计划\n"
    "2013年全区科技工作要以党的“十八大”精神为指导,全面贯彻落实科技创新大会精神。\n"
    "3、推进科技项目培育申报工作\n加大为企业服务力度,每人全年调研时间不少于30天,帮助企业培育开发科技项目100个以上。\n"
    "4、强力开展知识产权工作\n一是全面开展创建省知识产权试点区工作。2012年我区被省知识产权局批准创建省知识产权试点区。"
    "全年专利申请力争达400件,其中发明专利申请50件。\n"
)


def test_plan_heading_for_next_year_dates_the_review() -> None:
    period = resolve_document_period(REVIEW_2012, "科技局工作总结暨工作计划")
    assert period.label == "2012"
    assert "plan heading" in period.reason


def test_half_year_report_from_the_body_opening() -> None:
    text = ("2020年上半年,XX县科技创新工作在县委、县政府的正确领导和上级业务主管部门的大力支持下,"
            "深入实施创新驱动发展战略,各项工作进展顺利。")
    assert doc_label(text, "科技局2020年上半年工作总结和下半年工作计划") == "2020H1"


def test_first_quarter_report_with_the_year_from_the_body() -> None:
    def span(start: str, end: str) -> str:
        return dev_span("p34.txt", start, end)

    # The report's opening, shortened: only the meeting's quarter and the years written stay.
    text = "\n".join([
        span("3月21日", "党组成员") + span("组织召开", "总结会") + "。" + span("会议就", "作了总结") + ":",
        dev_line("p34.txt", "一、", clean=True),
        span("完成2017年", "统计工作;") + span("组织申报", "空间一个") + "。",
        dev_sentence("p34.txt", "资助"),
    ])
    assert doc_label(text) == "2017Q1"


def test_jinnian_with_a_political_calendar_cue() -> None:
    text = ("科技局年度工作总结 市科技局在市委、市政府的坚强领导下,认真学习贯彻党的十八大和十八届三中全会精神。"
            "今年,我市先后被批准为国家创新型试点城市、国家可持续发展实验区。"
            "组织66个科技型中小企业参加第二届中国创新创业大赛。"
            "三是湖北省及襄阳市2021年科技活动周开幕式。")
    period = resolve_document_period(text, None)
    assert period.label == "2013"
    assert "calendar" in period.reason


def test_anniversary_fixes_a_masked_year() -> None:
    text = ("*年,我市科技系统认真学习贯彻党的*大、*届三中全会精神。四是编纂了《*市改革开放30年科技成果集》。"
            "筹备参加2009年元月上旬将在成都召开的“2009中国(西部)高新技术产业与风险资本对接推进会”。")
    assert doc_label(text) == "2008"


def test_a_plenum_alone_does_not_fix_the_year() -> None:
    text = dev_span("p16.txt", "xx市", "全会精神") + "。"
    assert doc_label(text) is None


def test_written_year_wins_over_a_calendar_cue() -> None:
    text = dev_line("p27.txt", "2012年", clean=True)
    assert doc_label(text, dev_title("p27.txt")) == "2012"


def test_political_calendar_reference_data() -> None:
    years = {}
    for cue in political_calendar():
        for words in ("十八届三中全会", "改革开放30年", "十七届四中全会", "十八届三中、四中、五中全会"):
            if cue.pattern.search(words):
                years.setdefault(words, set()).add(cue.year)
    assert years["十八届三中全会"] == {2013}
    assert years["改革开放30年"] == {2008}
    assert years["十七届四中全会"] == {2009}
    assert years["十八届三中、四中、五中全会"] == {2013, 2014, 2015}


# ------------------------------------------------------------------ facts
def test_months_cue_leading_its_clause_reaches_to_the_semicolon() -> None:
    text = "三是抓专利申请和专利实施工作,1-11月全市专利申请170件,授权91件;新增实施专利33件、新增产值5.07亿元。"
    assert fact_label(text, "170", YEAR_2008) == "2008-01..2008-11"
    assert fact_label(text, "91", YEAR_2008) == "2008-01..2008-11"
    assert fact_label(text, "33", YEAR_2008) == "2008"


def test_chinese_month_range() -> None:
    text = ("我县一至四月份工业总产值(高新技术工业)增速30.9%,全市排名第一,一至四月份工业增加值(高新技术工业)增速29.6%,"
            "全市排名第一;第一批新申报高新技术企业15家。")
    assert fact_label(text, "30.9", H1_2020) == "2020-01..2020-04"
    assert fact_label(text, "29.6", H1_2020) == "2020-01..2020-04"
    assert fact_label(text, "15家", H1_2020) == "2020H1"


def test_up_to_end_of_october_frames_the_rest_of_the_sentence() -> None:
    text = dev_span("p23.txt", "(2)", "任务。")
    assert fact_label(text, "60件", YEAR_2017, nth=1) == "2017"
    info = fact_info(text, "60件", YEAR_2017, nth=2)
    assert info.period.label == "2017-01..2017-10"
    assert info.cue == "截至10月底"


def test_up_to_cue_inside_a_clause_stays_in_it() -> None:
    text = dev_span("p01.txt", "开展专利", "2000余份") + "。"
    assert fact_label(text, "541", YEAR_2017) == "2017-01..2017-10"
    assert fact_label(text, "2000", YEAR_2017) == "2017"


def test_first_half_cue() -> None:
    text = "据不完全统计,上半年全县企业研发经费投入占销售收入3.6%以上,较去年同期增长15%。"
    assert fact_label(text, "3.6", YEAR_2020) == "2020H1"
    assert fact_label(text, "15", YEAR_2020) == "2020H1"


def test_first_quarter_cue_ends_where_a_later_clause_writes_its_year() -> None:
    text = dev_span("p13.txt", "三、", "5个") + "。"
    assert fact_label(text, "2500", H1_2021) == "2021Q1"
    assert fact_label(text, "5个", H1_2021) == "2021H1"


def test_first_three_quarters_and_a_comparison_year() -> None:
    text = dev_span("p30.txt", "1、", "20%。")
    assert fact_label(text, "9.7", YEAR_2015) == "2015-01..2015-09"
    assert fact_label(text, "29.5", YEAR_2015) == "2014"
    assert fact_label(text, "12.4", YEAR_2015) == "2015-01..2015-09"
    assert fact_label(text, "20%", YEAR_2015) == "2015"


def test_up_to_december_is_the_whole_year() -> None:
    # The report breaks the first 147 with a space; mend it, so that the first is the one read.
    text = dev_span("p30.txt", "2、", "147件。").replace("1 47", "147")
    assert fact_label(text, "147", YEAR_2015) == "2015"


def test_earlier_year_written_against_the_number() -> None:
    text = dev_span("p17.txt", "入网仪器", "947小时。")
    assert fact_label(text, "598", H1_2025) == "2018"
    assert fact_label(text, "947", H1_2025) == "2025H1"


def test_next_years_things_counted_this_year_stay_in_this_year() -> None:
    text = "征集应对金融危机,拉动内需及2009年科技项目100余个,向省科技厅推荐了科技项目60项。"
    assert fact_label(text, "100", YEAR_2008) == "2008"


def test_comparison_with_last_year_is_this_years_fact() -> None:
    text = "完成科技成果登记178项,登记技术合同915项,技术成交总额达58.9亿元,是去年的4.3倍,取得了湖北省第二名的好成绩。"
    assert fact_label(text, "4.3", PeriodResolution(2013, "year", 1, 12)) == "2013"


def test_qunian_is_last_year_only_when_the_report_says_jinnian() -> None:
    sentence = dev_span("p29.txt", "一批高新", "挂牌上市,") + dev_span("p29.txt", "去年全省", "全国第一") + "。"
    assert fact_label(sentence, "1500", YEAR_2016) == "2016"
    # The report's summary sentence, its year put as 今年.
    with_jinnian = "今年," + dev_span("p29.txt", "全省科技综合", "稳步提升") + "。" + sentence
    assert fact_label(with_jinnian, "1500", YEAR_2016) == "2015"


def test_dated_plan_section_gives_next_year() -> None:
    document = resolve_document_period(REVIEW_2012, None)
    info = fact_info(REVIEW_2012, "400", document)
    assert info.period.label == "2013" and info.in_plan_section
    assert fact_label(REVIEW_2012, "30天", document) == "2013"
    review = fact_info(REVIEW_2012, "5000", document)
    assert review.period.label == "2012" and not review.in_plan_section


def test_next_step_section_of_a_half_year_report_is_the_second_half() -> None:
    text = ("2020年上半年,XX县科技创新工作在县委、县政府的正确领导下,各项工作进展顺利。\n"
            "一、上半年科技创新工作开展情况\n认真落实奖励资金50万元。\n"
            "二、下一步重点工作安排\n"
            "3、认真做好科技计划项目申报工作,争取建立省工程技术研究中心2个、博士后工作站2个、申报产学研创建成果奖4项;\n")
    assert fact_label(text, "50", H1_2020) == "2020H1"
    info = fact_info(text, "4项", H1_2020)
    assert info.period.label == "2020H2" and info.in_plan_section


def test_plan_sections_span_to_the_end_of_the_plan() -> None:
    sections = plan_sections(REVIEW_2012)
    assert [heading for _, _, heading in sections] == ["三、2013年工作计划"]
    start, end, _ = sections[0]
    assert REVIEW_2012[start:end].startswith("三、2013年工作计划") and end == len(REVIEW_2012)


def test_review_headings_are_not_plans() -> None:
    text = "科技局2020年上半年工作总结和下半年工作计划\n一、上半年科技创新工作开展情况\n1、优化完善科技创新政策环境\n"
    assert plan_sections(text) == []


def period_of(text: str, number: str) -> PeriodResolution:
    """The period the resolver gives the first `number` of a report (its title on the first line)."""
    resolver = FactPeriodResolver(text, resolve_document_period(text, find_title(text)))
    at = text.index(number)
    return resolver.at(at, at + len(number)).period


@pytest.mark.parametrize("heading", ["二、重点工作进展", "二、重点工作推进情况", "三、重点工作落实情况"])
def test_progress_on_key_work_is_a_review_not_a_plan(heading: str) -> None:
    text = f"市科技局2023年上半年工作总结\n{heading}\n(一)平台建设。新获批省级技术创新中心2家。\n"
    assert plan_sections(text) == []


def test_a_fourth_quarter_plan_is_a_plan() -> None:
    text = ("州科技局2022年前三季度工作情况报告\n一、主要指标完成情况\n1-9月,高新技术企业总数达到218家。\n"
            "三、第四季度工作打算\n力争全年新增高新技术企业30家以上。\n")
    assert [heading for _, _, heading in plan_sections(text)] == ["三、第四季度工作打算"]
    assert period_of(text, "30家") == PeriodResolution(2022, "year", 1, 12, "全年")


def test_a_plan_is_about_its_own_year_after_a_line_on_the_last() -> None:
    text = ("区科技局2024年工作计划\n\n2023年,全区技术合同成交额突破400亿元。"
            "2024年是关键一年,区科技局将重点做好以下工作。\n一、主要目标\n全社会研发投入力争达到95亿元。\n")
    assert resolve_document_period(text, find_title(text)).year == 2024


def test_a_short_review_before_a_long_plan_keeps_the_titles_review_year() -> None:
    text = ("市科技局2023年工作总结和2024年工作打算(节选)\n\n2023年,全市新认定国家高新技术企业126家。\n"
            "二、2024年工作打算\n2024年是关键一年。力争新认定高新技术企业150家以上。\n")
    assert resolve_document_period(text, find_title(text)).year == 2023


def test_facts_of_a_report_without_year_have_no_year() -> None:
    # The report's months cue moved to lead the clause of the number read.
    text = (dev_span("p28.txt", "纳入统计", "1830.7亿元") + "。" + dev_span("p28.txt", "截止", "月底") + ","
            + dev_span("p28.txt", "科技活动", "53.06亿元") + "。")
    info = fact_info(text, "53.06", NO_YEAR)
    assert info.period.label is None
    assert (info.period.period_type, info.period.end_month) == ("months", 11)


# ------------------------------------------------------------------ the dev corpus
@pytest.mark.skipif(not (DEV / "gold" / "docs.jsonl").exists(), reason="dev corpus not beside the repo")
def test_dev_corpus_document_periods() -> None:
    from loaders.clean import clean_text
    from loaders.decode import decode_bytes

    gold = [json.loads(line) for line in (DEV / "gold" / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    right = 0
    for row in gold:
        raw = decode_bytes((DEV / "docs" / row["doc"]).read_bytes()).text
        text = clean_text(raw)
        right += resolve_document_period(text, find_title(text), page_dates(raw)).label == row["period"]
    assert right / len(gold) >= 0.85


def test_the_year_a_party_congress_met_dates_a_report() -> None:
    text = "县科技局年度工作总结\n今年是党的二十大召开之年。全年新认定高新技术企业12家。\n"
    assert resolve_document_period(text, find_title(text)).year == 2022


def test_up_to_the_end_of_june_is_the_first_half() -> None:
    text = "区科技局2023年上半年工作总结\n截至6月底,全区有效高新技术企业达到412家。\n"
    period = period_of(text, "412家")
    assert (period.year, period.period_type, period.start_month, period.end_month) == (2023, "half", 1, 6)


@pytest.mark.parametrize("sentence", [
    "2023年,全县高新技术企业总数由上年的31家增至41家。",
    "2023年,全县高新技术企业总数由31家增至41家。",
    "2023年,全县高新技术企业由原来的31家增加到41家。",
    "2023年,全县研发投入占比从31家提高至41家。".replace("家", "%"),
])
def test_the_starting_point_of_a_rise_is_last_years(sentence: str) -> None:
    text = "县科技局2023年工作总结\n" + sentence + "\n"
    unit = "%" if "%" in sentence else "家"
    assert period_of(text, "31" + unit).year == 2022
    assert period_of(text, "41" + unit).year == 2023


def test_a_starting_point_with_its_year_written_keeps_that_year() -> None:
    sentence = dev_sentence("p17.txt", "598小时")
    start = sentence.index("598小时")
    assert is_baseline(sentence, start, start + len("598小时"))
    assert fact_label(sentence, "598小时", H1_2025) == "2018"
    assert fact_label(sentence, "947小时", H1_2025) == "2025H1"


def test_the_starting_point_of_a_planned_rise_is_a_fact(extractor) -> None:
    # made up: the goal is the end point; the starting point is what is
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "力争全社会研发投入占GDP比重从2.5%提高到2.8%。目标是:高新技术企业由120家增至150家;新增10家。")}
    assert found == {"2.5%": "actual", "2.8%": "target", "120家": "actual", "150家": "target", "10家": "target"}


def test_a_plan_sentence_framed_by_next_year_does_not_date_the_review() -> None:
    text = ("县科技局局长2019年度述职述廉报告\n一年来,我带领局班子认真履职尽责。\n"
            "全年新认定国家高新技术企业5家。2020年,我将着力抓好以下工作:力争新认定高新技术企业8家。\n")
    assert resolve_document_period(text, find_title(text)).year == 2019


def test_key_work_alone_is_not_a_plan_heading() -> None:
    text = "市科学技术局2017年工作总结\n一、主要指标\n全年专利申请量达到735件。\n二、重点工作\n新建省级众创空间1家。\n"
    assert plan_sections(text) == []


def test_the_partys_centenary_dates_a_report() -> None:
    text = "区科学技术局年度工作总结\n今年是中国共产党成立一百周年,也是“十四五”规划开局之年。\n"
    assert resolve_document_period(text, find_title(text)).year == 2021


def test_a_multiple_of_an_earlier_year_is_this_years_fact() -> None:
    text = "地区科技局2015年工作总结\n全年专利申请量387件,是2010年的3.2倍,专利授权量203件。\n"
    assert period_of(text, "3.2倍").year == 2015


def test_a_completion_rate_is_the_progress_so_far() -> None:
    # 完成全年目标任务的57%: the year is the goal's, the rate is of the half year reported
    text = "区科技局2022年上半年工作总结\n上半年,技术合同成交额达到42.6亿元,完成全年目标任务的57%。\n"
    period = period_of(text, "57%")
    assert (period.year, period.period_type, period.start_month) == (2022, "half", 1)


# ------------------------------------------------------------------ facts: a heading's period
YEAR_2021 = PeriodResolution(2021, "year", 1, 12)


def test_a_headings_period_covers_its_section() -> None:
    """Made up: a 2020 report whose sections are headed by periods of their own."""
    text = ("科技局2020年工作总结\n一、2019年工作回顾\n全市新增高新技术企业30家。\n(一)平台建设\n建成众创空间3个。\n"
            "二、1-10月工作进展\n全市新增高新技术企业20家,技术合同成交额3亿元。2020年全年专利授权500件。\n"
            "三、存在问题\n缺口5家。\n")
    assert fact_label(text, "30家", YEAR_2020) == "2019"
    assert fact_label(text, "3个", YEAR_2020) == "2019"            # a subsection stays in its section
    assert fact_label(text, "20家", YEAR_2020) == "2020-01..2020-10"
    assert fact_label(text, "3亿元", YEAR_2020) == "2020-01..2020-10"
    assert fact_label(text, "500件", YEAR_2020) == "2020"          # the sentence's own words win
    assert fact_label(text, "5家", YEAR_2020) == "2020"            # the next heading ends the section


def test_a_review_heading_in_a_report_of_the_next_year() -> None:
    # the review part of a report, its heading on a line of its own, read as if the
    # report were about the year after: the section keeps the heading's year
    part = dev_span("p18.txt", "一、2020年工作总结", "居全市第一。")
    text = part.replace("工作总结", "工作总结\n", 1)
    assert fact_label(text, "263.61亿元", YEAR_2021) == "2020-01..2020-09"
    assert [p.label for _, _, p in heading_sections(text, YEAR_2021)] == ["2020"]
    # where the heading names the report's own year, nothing changes
    assert heading_sections(text, YEAR_2020) == []


def test_a_heading_year_written_by_the_host_is_no_evidence() -> None:
    text = dev_clean("p22.txt")
    document = resolve_document_period(text, find_title(text))
    assert document.year is None
    assert heading_sections(text, document) == []
    assert fact_label(text, "171件", document) is None


# ------------------------------------------------------------------ facts: plans until the results
def test_a_goal_heading_starts_a_plan_of_the_reports_own_period() -> None:
    text = dev_clean("p27.txt")
    headings = [h for _, _, h in plan_sections(text)]
    assert headings == ["二、工作目标"]
    info = fact_info(text, "406件", YEAR_2012)
    assert info.in_plan_section and info.period.label == "2012"


def test_a_goal_heading_with_its_results_is_a_review() -> None:
    # the excerpt's own heading: goals and their completion, reviewed
    assert plan_sections(dev_span("p04.txt", "一、目标任务", "立项13项。")) == []


@pytest.mark.parametrize("heading", ["三、下步工作打算", "三、下阶段工作安排"])
def test_next_step_headings_without_yi(heading: str) -> None:
    """Made up: `下步`/`下阶段` are `下一步`/`下一阶段`."""
    text = f"县科技局2020年工作总结\n一、工作成效\n全年新增高新技术企业12家。\n{heading}\n新增高新技术企业15家。\n"
    assert fact_info(text, "15家", YEAR_2020).in_plan_section
    assert fact_label(text, "15家", YEAR_2020) == "2021"


def test_a_plan_turns_to_results_at_a_sentence_of_what_was_done() -> None:
    """Made up: in a plan, `截至…`/`目前已…` report what is, not what is planned."""
    text = ("县科技局2020年工作总结\n一、工作成效\n全年新增高新技术企业12家。\n二、2021年工作计划\n"
            "新增高新技术企业15家。目前已入库培育企业20家,力争认定10家。截至11月底,已签约项目6个。\n")
    assert not fact_info(text, "15家", YEAR_2020).results
    assert fact_info(text, "20家", YEAR_2020).results
    assert fact_info(text, "6个", YEAR_2020).results


def test_the_year_spliced_into_a_document_number_is_the_sites() -> None:
    """Made up: a year written into a document number's own year (〔20232〕), not in its place."""
    spliced = "2023年,根据区政办〔20232〕60号文件,全区新增高新技术企业28家。"
    assert "document number" in resolve_document_period(spliced, None).reason
    assert doc_label(spliced) is None
    plain = "2023年,根据区政办〔2023〕60号文件,全区新增高新技术企业28家,交易额120000万元。"
    assert doc_label(plain) == "2023"


def test_a_heading_run_into_its_text_after_a_space() -> None:
    """Made up, in the layout of a page that lost its line breaks (`一、目标任务 完成情况 (一)…`)."""
    text = "科技局2020年工作总结 一、2019年工作回顾 全市新增高新技术企业20家。 二、存在问题 缺口5家。"
    assert [p.label for _, _, p in heading_sections(text, YEAR_2020)] == ["2019"]
    assert fact_label(text, "20家", YEAR_2020) == "2019"
    assert fact_label(text, "5家", YEAR_2020) == "2020"


def test_a_heading_naming_a_years_award_is_no_period() -> None:
    """Made up: `2019年度科技进步奖` names an award; the section is the report's year."""
    text = "科技局2020年工作总结\n(三)2019年度科技进步奖评审\n评出获奖项目25项。\n"
    assert heading_sections(text, YEAR_2020) == []
    assert fact_label(text, "25项", YEAR_2020) == "2020"


def test_a_later_stamp_on_the_page_clears_an_early_one() -> None:
    """Made up: of several stamps (a listed article's, the page's), the latest tells when the page was."""
    text = "2023年区科技局工作总结\n2023年,全区新认定高新技术企业30家。\n"
    assert doc_label(text, None) == "2023"
    assert resolve_document_period(text, None, ((2023, 4),)).year is None
    assert resolve_document_period(text, None, ((2023, 4), (2024, 1))).year == 2023
    assert resolve_document_period(text, None, ((2023, 11),)).year == 2023   # written in its last weeks


def test_a_numbered_plan_heading_after_a_space() -> None:
    """Made up, a page without line breaks: the plan heading still starts a plan section."""
    text = "县科技局2020年工作总结 一、工作成效 全年新增高新技术企业12家 二、2021年工作计划 新增高新技术企业15家。"
    assert [h for _, _, h in plan_sections(text)] == ["二、2021年工作计划 新增高新技术企业15家"]
    assert fact_label(text, "15家", YEAR_2020) == "2021"
    assert fact_label(text, "12家", YEAR_2020) == "2020"


def test_the_title_line_is_no_section_heading() -> None:
    # the title's year lost to the body's (p13: a 2021 half-year report under a 2020 title)
    text = dev_title("p13.txt") + "\n" + dev_sentence("p13.txt", "2021年上半年")
    document = resolve_document_period(text, dev_title("p13.txt"))
    assert document.label == "2021H1"
    assert heading_sections(text, document) == []


def test_a_year_in_chinese_digits_dates_the_report():
    # written in the reports' manner: older reports write their year 二〇〇五年
    from loaders.period import arabic_years, resolve_document_period

    text = "仙桃市科技局二〇〇五年工作总结\n二〇〇五年是“十五”计划的最后一年。全年实施科技计划项目96项。"
    dated = arabic_years(text)
    assert len(dated) == len(text) and dated.count("2005年") == 2
    assert resolve_document_period(dated, dated.split("\n")[0]).year == 2005
    assert resolve_document_period("“十五”计划的最后一年,全年实施科技计划项目96项。", None).year == 2005


def test_a_plan_headed_with_a_masked_year_is_the_next_years():
    # written in the reports' manner: the review's year is known, the plan's is masked
    from loaders.period import FactPeriodResolver, resolve_document_period

    text = ("2021年是“十四五”开局之年。全区新认定国家高新技术企业113家。\n"
            "三、20xx年工作计划\n力争新增国家高新技术企业120家以上。")
    period = resolve_document_period(text, None)
    resolver = FactPeriodResolver(text, period)
    start = text.index("120家")
    assert period.year == 2021 and resolver.at(start, start + 4).period.year == 2022


def test_a_news_item_framed_by_a_month_range_is_about_those_months() -> None:
    # made up: a news item with no year in its title, stamped after the months it covers
    text = ("某市科技局多措并举推动科技创新\n今年以来,全市科技创新工作取得新进展。"
            "2023年1—7月,全市新增科技型中小企业入库212家,新申报高新技术企业93家。")
    period = resolve_document_period(text, None, ((2023, 8),))
    assert period.label == "2023-01..2023-07"
    assert fact_label(text, "93家", period) == "2023-01..2023-07"
    # a full year's review stamped in August is still the site's year
    year_text = text.replace("2023年1—7月", "2023年")
    assert resolve_document_period(year_text, None, ((2023, 8),)).year is None


def test_a_year_end_target_inside_a_half_year_report_is_the_years() -> None:
    # made up: the second half's plan names what the year must reach
    text = ("县科技局2025年上半年工作总结\n一、上半年工作\n新认定高新技术企业3家。\n"
            "二、下半年工作打算\n确保年底高新技术企业总数达到30家以上,完成年度任务(1亿元)。"
            "力争下半年新增科技型中小企业20家。")
    assert fact_label(text, "30家", H1_2025) == "2025"
    assert fact_label(text, "1亿元", H1_2025) == "2025"
    assert fact_label(text, "20家", H1_2025) == "2025H2"


def test_jinnian_brings_a_clause_back_to_the_reports_period() -> None:
    # made up: a plan states last year's figures, then this year's goal in one sentence
    text = "(五)促进成果转化。2021年全县登记技术合同9项、成交额826万元,今年力争成交额增长45%以上。"
    plan_2022 = PeriodResolution(2022, "year", 1, 12)
    assert fact_label(text, "826万元", plan_2022) == "2021"
    assert fact_label(text, "45%", plan_2022) == "2022"
    # in a half-year report 今年 is the report's own months, not the whole year
    assert fact_label("今年新获批工程技术研究中心3家。", "3家", H1_2025) == "2025H1"


def test_a_speech_given_the_year_after_it_reviews() -> None:
    # made up: a speech sums up last year's work (the report's year) and sets this year's
    text = ("在全县科技工作会议上的讲话\n同志们：今天主要是总结去年工作，部署今年任务。\n"
            "一、过去一年的主要成绩\n2023年，全县高新技术企业达到52家。去年新增专利授权310件。\n"
            "二、今年重点抓好几件事\n第一，新增高新技术企业10家；第二，专利授权达到350件。\n"
            "三、几点要求\n全县30个部门要一季一通报。")
    year_2023 = PeriodResolution(2023, "year", 1, 12)
    assert resolve_document_period(text, None).label == "2023"
    assert fact_label(text, "52家", year_2023) == "2023"
    assert fact_label(text, "310件", year_2023) == "2023"
    assert fact_info(text, "10家", year_2023).in_plan_section and fact_label(text, "10家", year_2023) == "2024"
    assert fact_label(text, "350件", year_2023) == "2024"
    assert not fact_info(text, "30个", year_2023).in_plan_section   # the section ended at 三、
    # without the words of a look back, 今年 is the report's own year
    plain = text.replace("总结去年工作，部署今年任务", "部署工作").replace("过去一年的", "")
    assert fact_label(plain, "10家", year_2023) == "2023"


def test_a_speech_that_says_it_sums_up_one_year_and_sets_the_next() -> None:
    # made up: dated the next year, it reports the year it sums up; the next year's section plans
    text = ("在全市科技工作会议上的讲话\n（2024年2月20日）\n同志们：这次会议的任务是总结2023年全市科技工作，"
            "部署2024年重点任务。\n一、2023年科技工作成效\n全市技术合同成交额达到53亿元。\n"
            "二、2024年重点抓好的几项工作\n2024年是关键一年。技术合同成交额突破60亿元。\n三、几点要求\n各单位要落实责任。")
    period = resolve_document_period(text, "在全市科技工作会议上的讲话")
    assert period.label == "2023"
    assert fact_label(text, "53亿元", period) == "2023"
    info = fact_info(text, "60亿元", period)
    assert info.in_plan_section and info.period.label == "2024"
    # a heading of the report's own year is no plan
    own = text.replace("二、2024年重点抓好的几项工作", "二、2023年重点工作")
    assert not fact_info(own, "60亿元", period).in_plan_section


def test_a_progress_report_of_three_quarters_and_a_plan_after_its_problems() -> None:
    # made up: 前三季度工作进展情况 is January to September (not a year the page dated early)
    title = "区科技局2022年前三季度工作进展情况"
    text = title + "\n一、主要指标\n1-9月,全区技术合同成交额完成386.42亿元。"
    assert resolve_document_period(text, title, ((2022, 10),)).label == "2022-01..2022-09"
    # a heading of problems and next steps plans the next year after its review
    text = ("XX市科技局局长2023年述职报告\n一、主要成绩\n全年新认定高新技术企业36家。\n"
            "三、存在不足及下步打算\n2024年,力争高新技术企业总数达到140家。具体措施:入库培育企业不少于60家。")
    year_2023 = PeriodResolution(2023, "year", 1, 12)
    info = fact_info(text, "60家", year_2023)
    assert info.in_plan_section and info.period.label == "2024"
    assert not fact_info(text, "36家", year_2023).in_plan_section


def test_a_speech_that_sums_up_last_year_in_words_reports_that_year() -> None:
    # made up: `总结去年工作，安排今年任务` and just the two years written: the one reviewed
    text = ("在全市科技创新工作会议上的讲话\n（2023年2月21日）\n同志们：\n今天召开会议，主要任务是总结去年工作，"
            "安排今年任务。\n一、充分肯定过去一年的成绩\n2022年，全市研发经费投入达到19.2亿元。\n"
            "二、准确把握今年重点任务\n2023年是开局之年。研发投入强度提高到1.55%。")
    assert resolve_document_period(text, "在全市科技创新工作会议上的讲话").label == "2022"
    # without those words the two years still contradict each other
    plain = text.replace("主要任务是总结去年工作，安排今年任务", "主要任务是交流经验")
    assert resolve_document_period(plain, "在全市科技创新工作会议上的讲话").year is None


def test_a_news_item_framed_by_its_first_three_quarters() -> None:
    # made up: a headline `前三季度…` or an opening `2022年前三季度，` is January to September
    title = "前三季度我市科技创新主要指标稳中有进"
    text = title + "\n记者从市科技局获悉，2022年前三季度，全市科技创新主要指标稳中有进。登记技术合同396项。"
    assert resolve_document_period(text, title).label == "2022-01..2022-09"
    title = "我市科技创新主要指标稳中有进"
    text = title + "\n记者从市科技局获悉，2022年前三季度，全市科技创新主要指标稳中有进。登记技术合同396项。"
    assert resolve_document_period(text, title).label == "2022-01..2022-09"


def test_a_year_named_by_an_event_in_the_title_alone() -> None:
    # made up: a table of indicators whose title alone dates it
    title = "某盟科技局“十四五”开局之年科技创新主要指标完成情况"
    text = title + "\n序号\t指标名称\t单位\t目标任务\t完成情况\n1\t技术合同成交额\t万元\t8000\t9215"
    assert resolve_document_period(text, title).label == "2021"


def test_a_months_progress_report_by_its_heading() -> None:
    # made up: the second line names the months in full-width digits (the cleaner folds them)
    text = clean_text("北京市某区科学技术委员会\n２０２３年１-１１月科技工作进展情况\n一、总体情况\n"
                      "１-１１月，全区专利授权6453件。")
    assert resolve_document_period(text, None).label == "2023-01..2023-11"


def test_next_years_goal_after_the_review_does_not_date_it() -> None:
    # made up: a review of 2021 closes with a sentence of 2022's goals
    title = "**县科技局2021年度工作总结"
    text = (title + "\n一是创新投入持续加大。全县R&D经费支出15.2亿元。\n"
            "2022年，全县R&D经费占GDP比重力争达到3.2%，高新技术企业达到300家。")
    assert resolve_document_period(text, title).label == "2021"


def test_a_plan_section_ends_at_the_next_heading_of_its_numbering() -> None:
    # made up: (三) plans, (四) names problems in figures that are facts
    text = ("XX县科技局上半年工作总结\n（一）上半年完成情况\n1-6月，新申报高新技术企业11家。\n"
            "（三）下半年工作打算\n下半年，力争新增省级以上科技计划项目5项。\n"
            "（四）存在问题\n全县研发费用最多的10家企业占总量的71%。")
    sections = plan_sections(text)
    assert len(sections) == 1
    start, end, heading = sections[0]
    assert heading.startswith("（三）") and text[start:end].count("力争") == 1
    assert "存在问题" not in text[start:end]


def test_the_year_a_sentence_of_targets_aims_at_covers_its_list() -> None:
    # made up: `力争2024年` heads the targets that follow it in the sentence
    text = ("海口高新区2023年科技创新成效显著\n2023年,全区高新技术企业达到237家。\n下一步,海口高新区将力争2024年"
            "高新技术企业突破280家,研发投入增长10%以上,新增专利授权800件左右。")
    period = resolve_document_period(text, "海口高新区2023年科技创新成效显著")
    assert period.label == "2023"
    assert [fact_label(text, n, period) for n in ("237家", "280家", "10%", "800件")] == [
        "2023", "2024", "2024", "2024"]


def test_a_number_of_things_expanded_from_is_a_baseline() -> None:
    # made up: 由5家扩充至6家 starts from last year's 5
    text = "海河实验室由5家扩充至6家。"
    assert is_baseline(text, text.index("5家"), text.index("5家") + 2)
    assert not is_baseline(text, text.index("6家"), text.index("6家") + 2)


def test_a_speech_dated_early_in_a_year_that_looks_back_on_the_last() -> None:
    # made up: `——二〇二二年一月十日在…上` and `过去一年`, no year of its own written
    text = ("政府工作报告（摘要）\n——2022年一月十日在临洮县第十八届人民代表大会第一次会议上\n县长 ***\n"
            "过去一年，我们坚持创新驱动。全县研究与试验发展经费投入1.38亿元。\n今年，全县研发经费投入强度提高到1.1%。")
    assert_periods(text, "政府工作报告（摘要）", "2021", {"1.38亿元": "2021", "1.1%": "2022"})


def test_a_speech_that_sums_up_a_year_and_sets_todays_tasks() -> None:
    # made up: `总结2023年工作，部署今年任务`
    text = ("在全区科技创新大会上的讲话\n（2024年2月27日）\n同志们：\n今天召开大会，主要任务是总结2023年工作，"
            "部署今年任务。\n过去一年，全区专利授权量2.1万件。")
    assert resolve_document_period(text, "在全区科技创新大会上的讲话").label == "2023"


@pytest.mark.parametrize("title, plan", [
    ("XX县人民政府办公室关于印发《XX县2024年科技创新工作实施方案》的通知", True),   # made up
    ("2019年科技工作要点", True),
    ("科技局2023年工作总结及2024年工作计划", False),
    ("XX市科技局2023年述职报告", False),
])
def test_which_titles_are_plans(title, plan) -> None:
    from loaders.period import is_plan_title
    assert is_plan_title(title) is plan


def test_a_plan_heading_matches_where_and_as_its_two_space_runs_form_matched():
    """`_PLAN_HEADING` keeps the spaces after its number inside the number's group; the form
    with two runs of spaces side by side (which a long blank run made slow) matches at the
    same places with the same groups, on the shipped reports, their bodies with the title
    blanked, and made-up headings amid runs of spaces."""
    import random
    import re

    from loaders import period
    from tests.conftest import SEED_REPORTS

    numbered = f"(?:(?P<num>{period._NUMBERING})[ \\t　]*)?"
    assert numbered in period._PLAN_HEADING.pattern
    two_runs = re.compile(period._PLAN_HEADING.pattern.replace(
        numbered, f"(?P<num>{period._NUMBERING})?[ \\t　]*"), period._PLAN_HEADING.flags)
    texts = []
    for path in sorted(SEED_REPORTS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        title = find_title(text) or ""
        texts += [text, period._blank(text, period._occurrences(text, title.strip()))]
    pieces = [" ", "   ", "\t", "　", "\n", "。", "三、", "(二)", "1.", "2013年", "2013\n年", "20xx年",
              "工作计划", "下一步", "工作打算", "存在不足及", "和", "工作目标", "重点", "，", "明年"]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    # a review run from the spaces before it: found only by giving the leading run back
    texts += ["总结。\n   和下一步工作安排", "。  及明年工作打算", "二、 (二)  存在不足及下一步工作打算\n"]
    assert period._PLAN_HEADING.match(texts[-3], 4).group("review") == "  和"
    for text in texts:
        for at in range(len(text) + 1):
            new, old = period._PLAN_HEADING.match(text, at), two_runs.match(text, at)
            assert (new and (new.span(), new.groupdict())) == (old and (old.span(), old.groupdict()))


def test_this_years_goals_in_a_speech_after_the_year_it_reviews() -> None:
    # made up: `今年的目标：` dates its list with the year after the one summed up
    text = ("在全区科技创新大会上的讲话\n（2024年2月27日）\n同志们：\n主要任务是总结2023年工作，部署今年任务。\n"
            "过去一年，全区专利授权量2.1万件。\n区政府已明确今年的目标：新增高新技术企业400家。")
    period = resolve_document_period(text, "在全区科技创新大会上的讲话")
    assert fact_label(text, "2.1万件", period) == "2023" and fact_label(text, "400家", period) == "2024"


def test_a_sentence_announcing_the_work_to_do_opens_a_plan() -> None:
    # made up: a 政府工作报告 given the year after its review; `我们将重点做好以下工作：` heads
    # paragraphs of this year's tasks, with no plan heading of their own
    text = ("政府工作报告（摘要）\n——2022年一月十日在临洮县第十八届人民代表大会第一次会议上\n"
            "过去一年，全县新认定国家高新技术企业7家。\n我们将重点做好以下工作：\n"
            "深入实施“科技兴县”战略，全年新增高新技术企业5家以上、科技型中小企业60家。\n")
    period = resolve_document_period(text, "政府工作报告（摘要）")
    assert period.label == "2021"
    assert fact_label(text, "7家", period) == "2021"
    sixty = fact_info(text, "60家", period)
    assert sixty.period.label == "2022" and sixty.in_plan_section


@pytest.mark.parametrize("intro, label", [
    ("2024年是关键一年。我们要重点抓好以下工作：", "2024"),    # the year of the sentence before
    ("2023年，本人将带头抓好以下工作：", "2023"),
    ("下一步，我们将从以下方面推进：", "2023"),                 # after a year's review: the next year
    ("下半年，我们将重点抓好以下几项工作：", "2022H2"),
])
def test_the_period_a_plan_announcing_sentence_gives(intro: str, label: str) -> None:
    # made up, in a review of 2022
    text = f"一、工作成效\n2022年，全县登记技术合同46项。\n{intro}\n一是新增高新技术企业10家。\n"
    document = PeriodResolution(2022, "year", 1, 12)
    info = fact_info(text, "10家", document)
    assert info.in_plan_section and info.period.label == label
    assert fact_label(text, "46项", document) == "2022"


@pytest.mark.parametrize("sentence", [
    "一年来，我们主要狠抓以下5个方面的工作：",    # what was done
    "现将有关工作开展情况总结如下：",              # the report's own opening
])
def test_sentences_that_introduce_a_review_open_no_plan(sentence: str) -> None:
    text = f"{sentence}\n一是新增高新技术企业10家。\n"
    assert not fact_info(text, "10家", PeriodResolution(2022, "year", 1, 12)).in_plan_section


def test_a_speech_at_a_meeting_named_with_its_year_reports_the_year_before() -> None:
    # made up: `在2023年全县科技工作会议上的讲话` that looks back on `过去一年`
    title = "XX县科技局局长在2023年全县科技工作会议上的讲话"
    text = (f"{title}\n同志们：过去一年，全县高新技术企业达到56家。\n"
            "今年要重点抓好以下几项工作：一是全年新增高新技术企业10家以上；二是研发投入强度达到2.5%。\n")
    assert_periods(text, title, "2022", {"56家": "2022", "2.5%": "2023"})
    # a summary whose title names its own year stays that year's
    plain = text.replace("在2023年全县科技工作会议上的讲话", "2023年工作总结")
    assert resolve_document_period(plain, "XX县科技局2023年工作总结").label == "2023"


def test_a_speech_dated_at_its_end_that_looks_back_on_the_last_year() -> None:
    # made up: the only date is in the closing bracket
    title = "在全市科技创新大会上的讲话"
    text = (f"{title}\n同志们：\n今天召开大会，主要任务是总结过去一年的科技工作，安排部署今年的重点任务。\n"
            "过去的一年，全市研究与试验发展经费投入达到21.6亿元。\n二、今年要重点抓好以下几项工作\n"
            "一是研发投入强度提高到1.1%。\n（作者系市人民政府分管副市长，2024年2月23日）\n")
    period = resolve_document_period(text, title)
    assert period.label == "2023"
    assert fact_label(text, "21.6亿元", period) == "2023" and fact_label(text, "1.1%", period) == "2024"


def test_a_report_dated_under_its_title_speaking_of_this_year() -> None:
    # made up: a 汇报 dated in November, of `今年以来`, naming only last year's R&D year
    title = "关于全市科技创新工作情况的汇报"
    text = (f"{title}\n——在省人大常委会调研组座谈会上\n（2022年11月28日）\n"
            "今年以来，全市有效高新技术企业达到172家。2021年全社会研发经费投入18.9亿元。\n")
    assert resolve_document_period(text, title).label == "2022"


def test_a_masked_body_naming_its_year_by_an_event_outweighs_the_sites_title_year() -> None:
    # made up: the site wrote 2021 over a 述职 whose body masks its years; `明年是“十四五”
    # 开局之年` names the year after the report's
    title = "2021年科技局局长述职报告"
    text = (f"{title}\nXX市科技局局长述职报告\n现将本人*年来的履职情况报告如下：\n"
            "*年是“十三五”收官之年，也是极不平凡的一年。全年新认定高新技术企业47家。\n"
            "明年是“十四五”开局之年，力争全市高新技术企业突破250家。\n")
    period = resolve_document_period(text, title)
    assert period.label == "2020" and "site" in period.reason
    # with its year unmasked, the title's holds
    assert resolve_document_period(text.replace("*年", "2021年"), title).label == "2021"


@pytest.mark.parametrize("title, label", [
    ("金凤区科技局召开2024年一季度科技工作推进会", "2024Q1"),
    ("梅江区召开2024年前三季度科技创新工作推进会", "2024-01..2024-09"),
    ("某区召开2023年上半年科技工作调度会", "2023H1"),
])
def test_a_meeting_on_part_of_a_year_reports_that_part(title: str, label: str) -> None:
    # made up: news of a meeting that reviews a quarter, three quarters or a half
    text = f"{title}\n会议通报，全区登记技术合同47项，合同成交额1.08亿元。\n"
    assert resolve_document_period(text, title).label == label


@pytest.mark.parametrize("intro, number, label", [
    ("会议部署了2024年重点工作：力争高新技术企业突破1.8万家。", "1.8万家", "2024"),    # made up
    ("会议还对第四季度工作作出安排：组织2场科技成果对接活动。", "2场", "2023Q4"),
])
def test_a_sentence_setting_out_the_work_of_a_later_period(intro: str, number: str, label: str) -> None:
    text = f"会议指出，全省技术合同成交额达到3000亿元以上。\n{intro}\n"
    document = PeriodResolution(2023, "year", 1, 12) if "2024" in intro else PeriodResolution(2023, "months", 1, 9)
    info = fact_info(text, number, document)
    assert info.in_plan_section and info.period.label == label
    assert not fact_info(text, "3000亿元", document).in_plan_section


def test_a_sentence_of_the_next_year_to_do_is_a_plan() -> None:
    # made up, a 述职 reviewing 2023: `2024年，本人将…`
    text = "2023年，全区新增高新技术企业42家。\n2024年，本人将推动全区新增高新技术企业40家以上。\n"
    document = PeriodResolution(2023, "year", 1, 12)
    later = fact_info(text, "40家", document)
    assert later.in_plan_section and later.period.label == "2024"
    assert not fact_info(text, "42家", document).in_plan_section


def test_a_reply_signed_the_year_after_its_review_dates_its_this_year_by_the_signature() -> None:
    # made up: a bureau's reply to a proposal, reviewing 2023, signed in June 2024
    text = ("关于市政协十届三次会议第47号提案的答复\n2023年，全市研发经费支出达到22.7亿元。"
            "今年1—5月，全市已登记技术合同312项。\n天长市科学技术局\n2024年6月18日\n抄送：市政协提案委员会。\n")
    period = resolve_document_period(text, "关于市政协十届三次会议第47号提案的答复")
    assert period.label == "2023"
    assert fact_label(text, "312项", period) == "2024-01..2024-05"
    # signed in January, a summary's `今年` is still its own year
    early = text.replace("2024年6月18日", "2024年1月8日")
    assert fact_label(early, "312项", resolve_document_period(early, None)) == "2023-01..2023-05"


@pytest.mark.parametrize("sentence, number, label", [
    ("三年来技术合同成交额累计达到41.7亿元，其中2023年17.2亿元。", "41.7亿元", None),    # made up
    ("三年来技术合同成交额累计达到41.7亿元，其中2023年17.2亿元。", "17.2亿元", "2023"),
    ("五年来累计新增高新技术企业196家。", "196家", None),
    ("“十三五”期间，全区共引进科技人才1270人。", "1270人", None),
    ("2019年以来，累计争取上级资金3.06亿元。", "3.06亿元", None),
    ("2023年以来，全区登记技术合同653项。", "653项", "2023"),         # the report's own year
    ("一年来，全区登记技术合同653项。", "653项", "2023"),
    ("高新技术企业比2020年净增271家，两年间年均增长31.5%。", "31.5%", "2023"),   # dated by its end
])
def test_a_figure_of_a_span_of_years_has_no_one_period(sentence: str, number: str, label: str | None) -> None:
    assert fact_label(sentence, number, PeriodResolution(2023, "year", 1, 12)) == label


@pytest.mark.parametrize("sentence, number, label", [
    ("上半年，入库科技型中小企业58家，完成全年任务的近八成。", "近八成", "2023H1"),     # made up
    ("技术合同交易额累计完成42.35亿元，为年度目标的141%。", "141%", "2023H1"),
    ("全年新增高新技术企业10家。", "10家", "2023"),                                  # the year's own
])
def test_a_share_of_the_years_goal_is_of_the_period_reported(sentence: str, number: str, label: str) -> None:
    assert fact_label(sentence, number, PeriodResolution(2023, "half", 1, 6)) == label


def test_a_later_year_whose_sentence_sets_what_to_do_frames_all_of_it() -> None:
    # made up, news of a 2018 meeting reviewing 2017: the list runs over semicolons
    text = ("会议总结了全市2017年科技工作。会议要求,2018年全市要力争高新技术产业增加值突破800亿元;"
            "新增高新技术企业80家;科技型中小企业评价入库达到300家。\n")
    document = PeriodResolution(2017, "year", 1, 12)
    for number in ("800亿元", "80家", "300家"):
        info = fact_info(text, number, document)
        assert info.period.label == "2018" and info.in_plan_section, number


def test_a_page_of_two_reports_keeps_the_first_ones_year() -> None:
    # made up: a template site's page, `篇1` on its line before the year that frames the report
    text = clean_text("县科技局年度工作总结(通用2篇)\n县科技局年度工作总结 篇1\n2010年,我局各项工作取得了新的成效。\n"
                      "全年争取上级科技项目资金1160万元。\n")
    assert "篇12010" not in text
    assert resolve_document_period(text, "县科技局年度工作总结(通用2篇)").label == "2010"


def test_a_news_item_of_the_year_so_far_counts_to_the_date_it_names() -> None:
    # made up: `今年以来…截至2013年8月底，已…` with no other year written
    title = "昌吉市科技局扎实推进科技惠民工作"
    text = (f"{title}\n本报讯 今年以来，市科技局紧紧围绕科技惠民主题开展工作。截至2013年8月底，"
            "已建成设施农业科技示范园5个，推广新技术8项。\n")
    assert resolve_document_period(text, title).label == "2013-01..2013-08"
    # a review of a whole year that names such a date keeps its year
    review = "2012年工作总结\n2012年，全县新增高新技术企业5家。截至2013年3月底，已有3家通过复审。\n"
    assert resolve_document_period(review, "2012年工作总结").label == "2012"


def test_a_year_to_do_after_a_meeting_verb_frames_its_sentence() -> None:
    # made up, news of a meeting in December 2021: `会议强调，2022年要力争…，…，…。`
    text = ("会议指出，2021年全市技术合同成交额112.5亿元。"
            "会议强调，2022年要力争全社会研发投入增长10%以上，高新技术企业总数达到650家。\n")
    assert_plans(text, PeriodResolution(2021, "year", 1, 12), "2022", ("10%", "650家"), ("112.5亿元",))


@pytest.mark.parametrize("heading", [
    "2011年工作思路：",                     # made up: a plan heading ending in a colon
    "二〇一一年工作思路：争取上级科技资金1500万元，",   # run into its first sentence
])
def test_a_plan_heading_with_a_colon_opens_a_plan(heading: str) -> None:
    text = arabic_years(f"延吉市科技局2010年工作总结\n2010年，全年专利申请量215件。\n{heading}\n"
                        "专利申请量达到250件。\n")
    assert_plans(text, PeriodResolution(2010, "year", 1, 12), "2011", ("250件",), ("215件",))


def test_past_an_inline_cue_the_sentences_frame_holds_again() -> None:
    # made up, a half-year report's plan: `下半年，力争…全年突破20亿元，新增…100家`
    text = "下半年，力争技术合同成交额全年突破20亿元，新增入库科技型中小企业100家。\n"
    document = PeriodResolution(2024, "half", 1, 6)
    assert fact_info(text, "20亿元", document).period.label == "2024"
    assert fact_info(text, "100家", document).period.label == "2024H2"


def test_news_of_a_year_told_the_year_after_reads_its_last_and_this_year_from_then() -> None:
    # made up, a news item of February 2022 on 2021: `去年…争取…`, `今年，…将…力争…`
    text = ("2021年我市新增国家高新技术企业152家。据介绍，去年全市争取上级科技资金6000万元，"
            "实施市级科技计划项目126项。\n今年，市科技局将力争新增高新技术企业150家以上。\n")
    document = PeriodResolution(2021, "year", 1, 12)
    for number, label in (("152家", "2021"), ("6000万元", "2021"), ("126项", "2021"), ("150家", "2022")):
        assert fact_info(text, number, document).period.label == label, number


def test_figures_since_taking_office_have_no_one_period() -> None:
    # made up, a 述职 of 2012: `任职以来，全市累计实施…87项，…`
    text = "2012年，全市登记技术合同96项。\n任职以来，全市累计实施国家、省科技计划项目87项，争取上级科技资金6230万元。\n"
    document = PeriodResolution(2012, "year", 1, 12)
    assert fact_info(text, "96项", document).period.label == "2012"
    for number in ("87项", "6230万元"):
        assert fact_info(text, number, document).period.year is None, number


def test_the_goals_a_period_opens_are_of_that_period() -> None:
    # made up, a plan for the fourth quarter: `全力冲刺全年目标：…，…，…。`
    text = "三、四季度工作安排\n全力冲刺全年目标：科技型中小企业入库450家，技术合同成交额达到10亿元。\n"
    assert_plans(text, PeriodResolution(2024, "months", 1, 9), "2024", ("450家", "10亿元"))


@pytest.mark.parametrize("sentence", [
    "按照“十四五”规划，到2025年，全社会研发投入强度达到4%，高新技术企业超过1.5万家。",   # made up
    "对照“十四五”规划目标，到2025年全社会研发投入强度达到4%，高新技术企业超过1.5万家。",
])
def test_a_year_to_reach_by_frames_its_goals(sentence: str) -> None:
    document = PeriodResolution(2021, "year", 1, 12)
    assert_plans(sentence, document, "2025", ("4%", "1.5万家"))
    # the report's own year-end is no goal
    assert not fact_info("到2021年底，全市高新技术企业达到1200家。", "1200家", document).in_plan_section


def test_a_page_of_two_reports_dates_each_by_its_own_title() -> None:
    # made up: a template site's page holding the summaries of 2016 and 2017
    text = ("献县科技局年度工作总结(精选2篇)\n献县科技局2016年工作总结\n2016年,全县科技工作稳步推进。"
            "全县新增高新技术企业3家。\n献县科技局2017年工作总结\n2017年,全县科技工作再上新台阶。"
            "全县新增高新技术企业5家。2018年,力争全县高新技术企业达到20家。\n")
    assert_periods(text, find_title(text), "2016", {"3家": "2016", "5家": "2017"})


def test_a_numbered_heading_of_a_later_years_work_opens_a_plan() -> None:
    # made up, a deputy mayor's speech: `三、扎实做好2019年重点工作`
    text = ("一、2018年科技创新工作成效明显\n全市新认定高新技术企业412家。\n三、扎实做好2019年重点工作\n"
            "要实施重大科技项目80项以上，选派科技特派员300名。\n")
    assert_plans(text, PeriodResolution(2018, "year", 1, 12), "2019", ("80项", "300名"), ("412家",))


def test_a_report_of_the_months_so_far_named_by_its_work_pushed_forward() -> None:
    # made up: `2023年1-9月工作推进情况报告` dated in October is January to September, no host year
    title = "成都市郫都区科学技术局2023年1-9月工作推进情况报告"
    text = f"{title}\n1-9月，全区技术合同登记612项。"
    assert resolve_document_period(text, title, ((2023, 10),)).label == "2023-01..2023-09"
