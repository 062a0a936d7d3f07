"""Quantity extraction on real sentences of the corpus (Simplified, as the cleaner leaves them).

Grouped by provenance like a corpus of real strings: each case is a sentence of a report, with
what a careful reader takes from it. Seed reports (000-004) are quoted; the other dev excerpts
stay out of the project, so their clauses are `Excerpt`s read from ../shared at run time, and
the phrases expected from them are computed from the clause.
"""
from __future__ import annotations

from typing import NamedTuple

import pytest

from loaders.clean import clean_text
from tests.conftest import dev_clean, dev_line, dev_sentence


class Excerpt(NamedTuple):
    """A clause of a dev excerpt, found by short needles in the first sentence holding `needle`:
    from the last `start` before the needle (else the sentence's start) through the first `end`
    from the needle on (else through the needle)."""
    name: str
    needle: str
    start: str | None = None
    end: str | None = None

    @property
    def text(self) -> str:
        sentence = dev_sentence(self.name, self.needle)
        at = sentence.index(self.needle)
        left = sentence.rindex(self.start, 0, at) if self.start else 0
        tail = self.end or self.needle
        return sentence[left:sentence.index(tail, at) + len(tail)]


def read(text: str | Excerpt) -> str:
    return text.text if isinstance(text, Excerpt) else text


def between(text: str, after: str, before: str) -> str:
    """What `text` holds between the first `after` and the next `before`."""
    left = text.index(after) + len(after)
    return text[left:text.index(before, left)]


def expected_from(value, text: str):
    """A literal expectation, or one computed from the clause (for excerpt text)."""
    return value(text) if callable(value) else value


def facts(extractor, text):
    return [(m.value_raw, m.unit_raw) for m in extractor.extract(read(text))]


def test_level_and_growth_of_one_subject(extractor):
    text = "全社会研发投入367.1亿元,同口径增长17.1%。"
    level, growth = extractor.extract(text)
    assert (level.value_raw, level.unit_raw, level.measure) == (367.1, "亿元", "level")
    assert level.indicator_phrase == "全社会研发投入"
    assert text[level.char_start:level.char_end] == "367.1亿元"
    assert (growth.value_raw, growth.unit_raw, growth.measure) == (17.1, "%", "growth")
    assert level.quote == text.rstrip("。") + "。" or level.quote in text


def test_list_sharing_one_subject_gives_each_number_its_phrase(extractor):
    text = "高新技术企业、科技型中小企业达6588家、6403家,分别增长26.3%、44.4%;"
    found = extractor.extract(text)
    assert [(m.value_raw, m.indicator_phrase, m.measure) for m in found] == [
        (6588, "高新技术企业", "level"),
        (6403, "科技型中小企业", "level"),
        (26.3, "高新技术企业", "growth"),
        (44.4, "科技型中小企业", "growth"),
    ]


def test_a_shared_out_list_reaching_back_past_its_parts_keeps_the_totals_rates(extractor):
    # made up: the three rates are of the two totals and the part, in order
    text = "全市专利申请量5213件、授权量3308件，其中发明专利申请1284件，分别增长11.2%、15.6%和9.8%。"
    rates = [m.indicator_phrase for m in extractor.extract(text) if m.measure == "growth"]
    assert "其中" not in rates[0] and "其中" not in rates[1] and "其中" in rates[2]
    assert rates[0].endswith("专利申请量") and rates[1].endswith("授权量")
    # as many rates as parts: the rates are the parts'
    text = "全市高新技术企业56家，其中省级5家、市级10家，分别增长10%、20%。"
    rates = [m.indicator_phrase for m in extractor.extract(text) if m.measure == "growth"]
    assert all("其中" in r for r in rates)


@pytest.mark.parametrize("text, value, unit, bound", [
    ("实现利润2200多万元", 2200, "万元", "at_least"),
    # 约 before the verb, 最高 before the number (written for the project)
    ("签订合同额约为去年同期的1.6倍", 1.6, "倍", "approx"),
    ("给予每家最高50万元研发补助", 50, "万元", "at_most"),
    ("发放科普资料1.2万余份", 1.2, "万份", "at_least"),
    ("人才奖励资金近千万元", 1000, "万元", "approx"),
    ("为企业引进科技成果3-5个", 3, "个", "at_least"),
    ("举办成果对接活动十余场", 10, "场", "at_least"),
    ("高新技术产业增加值增长10%以上", 10, "%", "at_least"),
    (Excerpt("p01.txt", "16000万元", start="全区"), 16000, "万元", "at_least"),
    ("参观人数近1000多人次", 1000, "人次", "approx"),
    (Excerpt("p29.txt", "7500家", start="进入"), 7500, "家", "approx"),
    ("每人全年调研时间不少于30天", 30, "天", "at_least"),
    ("确保研发投入增速保持在 20% 以上", 20, "%", "at_least"),   # made up: a space before 以上
])
def test_bounds(extractor, text, value, unit, bound):
    (mention,) = extractor.extract(read(text))
    assert (mention.value_raw, mention.unit_raw, mention.bound) == (value, unit, bound)


@pytest.mark.parametrize("text, expected", [
    (Excerpt("p07.txt", "唯一一家", end="科技园"), [(1, "家")]),
    ("大飞机地面动力学、极端环境电能变换两个科技基础设施取得突破性进展", [(2, "个")]),
    ("抽调两批次10名干部", [(2, "批次"), (10, "名")]),
    (Excerpt("p30.txt", "1 47件", start="鼎城", end="。"), [(147, "件"), (147, "件")]),
    ("发放资料2万余册(份)", [(2, "万册(份)")]),
    ("XXX国家自创区(XX片区)预计实现技工贸总收入1.6万亿(预计)", [(1.6, "万亿")]),
])
def test_numerals_and_units(extractor, text, expected):
    assert facts(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "认真学习贯彻党的十八大和十八届三中全会精神",
    "在第二届中国创新创业大赛中",
    "区委发[2012]37号文件",
    "一至四月份工业增加值",
    "全面落实“三高四新”战略定位",
    "863计划项目",
    "突破14纳米工艺",
    "知识产权工作上了一个新台阶",
    "五是贯彻落实中央八项规定精神",
    "根据*实施“四个四”发展战略",
    Excerpt("p20.txt", "工业四十条", start="“", end="科技政策"),
    "2013年工作计划",
])
def test_not_quantities(extractor, text):
    assert facts(extractor, text) == []


def test_quotes_written_backwards_still_mark_names(extractor):
    text = "全年XX市实施”揭榜挂帅“重大科技项目10个、重大专项项目61个,支持资金6760万元"
    assert facts(extractor, text) == [(10, "个"), (61, "个"), (6760, "万元")]


@pytest.mark.parametrize("text, measure", [
    ("是去年的4.3倍", "multiple"),
    (Excerpt("p38.txt", "0.5个百分点", start="较上年"), "growth"),
    (Excerpt("p43.txt", "10项", start="比上年"), "growth"),
    (Excerpt("p01.txt", "基地1个", start="新增"), "level"),
    ("占全市gdp的比重达到16.78%", "ratio"),
    (Excerpt("p29.txt", "2.52%", start="全省"), "ratio"),
    ("菜农人均纯收入增长450元", "growth"),
    ("确保研发投入增速保持在20%以上", "growth"),   # made up: a rate held at a level
    (Excerpt("p38.txt", "40%", start="平均"), "growth"),
])
def test_measure(extractor, text, measure):
    assert extractor.extract(read(text))[-1].measure == measure


@pytest.mark.parametrize("text, fact_type", [
    ("预计全年高新技术产业增加值达到495亿元,占全市gdp的比重达到16.78%", "estimate"),
    ("计划创建星创天地10个", "target"),
    ("全年专利申请力争达400件", "target"),
    ("完成年度计划的105.9%", "actual"),
    ("各项科技计划项目194项", "actual"),
    ("争取上级科技资金超过8亿元", "actual"),
])
def test_fact_type(extractor, text, fact_type):
    assert {m.fact_type for m in extractor.extract(text)} == {fact_type}


def test_unit_before_the_noun_takes_the_noun_as_phrase(extractor):
    (mention,) = extractor.extract("158名科技特派员深入基层")
    assert mention.indicator_phrase.startswith("科技特派员")


def test_spans_index_the_text(extractor):
    text = "完成科技成果登记178项,登记技术合同915项,技术成交总额达58.9亿元,是去年的4.3倍。"
    for mention in extractor.extract(text):
        assert text[mention.char_start:mention.char_end] == mention.number_text
        assert mention.quote == text[mention.quote_start:mention.quote_start + len(mention.quote)]


def test_full_width_and_traditional_text_reads_after_cleaning(extractor):

    text = clean_text("技術合同成交額達５８.９億元，登記技術合同９１５項。")
    assert [(m.value_raw, m.unit_raw) for m in extractor.extract(text)] == [
        (58.9, "亿元"), (915, "项")]


def test_unit_after_the_noun(extractor):
    (mention,) = extractor.extract("全年认定选派科技领军人才、科技特派员520多人,征集科技副总")
    assert (mention.value_raw, mention.unit_raw, mention.bound) == (520, "人", "at_least")
    assert mention.indicator_phrase.endswith("科技特派员")


def test_a_part_names_its_whole(extractor):
    whole, part = extractor.extract("全年专利申请量达5347件,其中发明专利2021件。")
    assert part.indicator_phrase == "专利申请量…其中发明专利"


def test_a_stock_after_a_flow_drops_the_flow_words(extractor):
    text = Excerpt("p29.txt", "8752家", start="2016年", end="培育库").text
    flow, stock = extractor.extract(text)
    assert flow.indicator_phrase == text[:text.index("8752家")]  # all the words before it
    assert stock.indicator_phrase == "高新技术企业…总量"


def test_the_object_of_the_last_action_verb_is_counted(extractor):
    villages, trainings = extractor.extract(
        "二是全县78个贫困村科技特派员开展科技扶贫政策宣传、实用技术培训等78期,受训群众")
    assert trainings.indicator_phrase.startswith("开展")
    assert "科技特派员" not in trainings.indicator_phrase


@pytest.mark.parametrize("text", [
    Excerpt("p29.txt", "10万元", start="拥有", end="设备"),
    Excerpt("p23.txt", "80名", end="分别开展"),
    "合江县青果示范基地建成1000亩以上核心示范片2个",
])
def test_thresholds_inside_category_names_are_not_quantities(extractor, text):
    assert all(m.value_raw not in (10, 80, 1000) for m in extractor.extract(read(text)))


def test_a_bound_word_before_a_list_bounds_every_member(extractor):
    found = extractor.extract(Excerpt("p17.txt", "1.3万家", end="2.9万家").text)
    assert [(m.value_raw, m.bound) for m in found] == [(1.3, "at_least"), (2.9, "at_least")]


def test_a_bracketed_goal_is_the_target_of_the_quantity_before_it(extractor):
    done, goal = extractor.extract(Excerpt("p43.txt", "3239人", start="培训", end="的8%").text)[:2]
    assert (done.fact_type, goal.fact_type) == ("actual", "target")
    assert goal.indicator_phrase.startswith("培训农牧民")


def test_every_phrase_quote_and_span_is_found_in_the_clean_text(extractor):
    """Provenance on the whole dev corpus: a reader finds each fact where it says it is."""
    from loaders.clean import clean_text
    from loaders.decode import decode_bytes
    from tests.conftest import DEV_DOCS

    if not DEV_DOCS.exists():
        pytest.skip("dev corpus not beside the repo")
    checked = 0
    for path in sorted(DEV_DOCS.iterdir()):
        text = clean_text(decode_bytes(path.read_bytes()).text)
        for m in extractor.extract(text):
            assert text[m.char_start:m.char_end] == m.number_text, path.name
            assert text[m.quote_start:m.quote_start + len(m.quote)] == m.quote, path.name
            assert m.number_text in m.quote, (path.name, m.number_text)
            for piece in m.indicator_phrase.split("…"):
                if piece in ("其中", "其中之一"):
                    continue  # the marks of a part and of one firm's figures (README), not words read
                assert piece in text, (path.name, m.indicator_phrase)
            checked += 1
    assert checked > 700


@pytest.mark.parametrize("text, carried", [
    # the verb, then the last item's name
    (Excerpt("p34.txt", "25个", start="组织申报", end=";"),
     lambda t: "组织申报…" + between(t, "2个、", "25个")),
    (Excerpt("p20.txt", "16家", end="实验室"), lambda t: "申报…" + between(t, "16家", ",")),
])
def test_the_verb_heading_an_enumeration_governs_its_items(extractor, text, carried):
    text = read(text)
    assert expected_from(carried, text) in [m.indicator_phrase for m in extractor.extract(text)]


def test_a_new_clause_is_not_an_item_of_the_enumeration_before_it(extractor):
    found = extractor.extract(Excerpt("p34.txt", "49件", start="完成", end=";").text)
    assert found[1].indicator_phrase == "专利…授权"  # the patents, not the applying


@pytest.mark.parametrize("text, number, phrase", [
    # the unit counts the villages, not the commissioners before them
    ("切实开展好科技特派员与78个贫困村的结对帮扶工作,实现", "78个", "贫困村"),
    # what follows the number makes it a count of firms under re-examination: the whole clause
    (Excerpt("p13.txt", "5家", start="督促", end="资料"), "5家", lambda t: t),
    # one firm's figure, given as an example, is a part
    ("如*老窖股份有限公司知识产权保护工作实现了历史的突破,今年申请发明专利4件。", "4件",
     "其中之一…申请发明专利"),
])
def test_what_the_number_counts(extractor, text, number, phrase):
    text = read(text)
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert found[number] == expected_from(phrase, text)


@pytest.mark.parametrize("text, value, unit, measure", [
    ("全社会研发投入同比增长百分之十五点五", 15.5, "百分之", "growth"),
    ("高新技术企业占比达百分之三十五", 35, "百分之", "ratio"),
    ("争取上级资金一点五亿元", 1.5, "亿元", "level"),
])
def test_percent_written_before_the_number_and_chinese_decimals(extractor, text, value, unit, measure):
    (mention,) = extractor.extract(text)
    assert (mention.value_raw, mention.unit_raw, mention.measure) == (value, unit, measure)
    assert text[mention.char_start:mention.char_end] == mention.number_text


@pytest.mark.parametrize("text, number, phrase", [
    # 授权 with no noun: the grants are of the kind of patent named before it
    (Excerpt("p13.txt", "207件", end="。"), "3件", "发明专利…授权"),
    ("1-11月全市专利申请170件,授权91件;新增实施专利33件", "91件", "专利…授权"),
    # a rate right after a share, in the same clause, is the change of the share
    # (the subject before 9.7亿元, the comparison between 41.9% and 29.5%, the verb)
    (Excerpt("p30.txt", "12.4%", start="我区", end="。"), "12.4%",
     lambda t: "…".join([t[:t.index("9.7亿元")], between(t, "41.9%,", "29.5%"), "增长"])),
    # people named only as attendees of the sentence's training
    (Excerpt("p16.txt", "1500多人", start="共组织", end="。"), "1500多人", "培训会…人员"),
])
def test_a_subject_left_unsaid_comes_from_the_sentence(extractor, text, number, phrase):
    text = read(text)
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert found[number] == expected_from(phrase, text)


def test_a_rate_after_a_share_in_another_clause_keeps_the_base_subject(extractor):
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "全社会研发投入367.1亿元,占GDP比重2.5%,同口径增长17.1%。")}
    assert found["17.1%"] == "全社会研发投入…同口径增长"


@pytest.mark.parametrize("text, number, kinds", [
    ("全年认定选派科技领军人才、优秀杰出青年人才、科技特派员520多人,征集科技副总派驻企业68个。",
     "520多人", "科技领军人才、优秀杰出青年人才、科技特派员"),
    # levels qualifying one kind are not kinds of their own
    ("全年组织实施国家、省、市科技计划项目138项,财政投入经费1457万元", "138项", None),
    # the verb after the number governs every item
    ("开展结对服务的科技特派员、乡镇分管负责人等100余人参加了培训", "100余人", None),
    # numbers shared out over the list are each one kind's
    ("高新技术企业、科技型中小企业达6588家、6403家,分别增长26.3%、44.4%", "6403家", None),
])
def test_one_number_for_several_kinds_is_their_total(extractor, text, number, kinds):
    found = {m.number_text: m.cues for m in extractor.extract(text)}
    totals = [c.split(":", 1)[1] for c in found[number] if c.startswith("list_total:")]
    assert totals == ([kinds] if kinds else [])


def test_figures_listed_as_tasks_are_targets_until_the_results(extractor):
    # the tasks (①…;②…) and then, from 截至 on, what was done
    text = dev_clean("p23.txt")
    start = text.index("任务是:①")
    end = text.index("。", text.index("截至10月底", start)) + 1
    types = [(m.number_text, m.fact_type) for m in extractor.extract(text[start:end])]
    assert [t for _, t in types] == ["target", "target", "actual", "actual"], types


def test_money_measured_against_the_budget_is_fiscal(extractor):
    sentence = dev_sentence("p44.txt", "2.23亿元")
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(sentence)}
    assert found["2.23亿元"].endswith("资金…" + between(sentence, "亿元,", "2%"))
    # a share of GDP is not a share of the budget: the sum keeps its own words
    found = {m.number_text: m.indicator_phrase
             for m in extractor.extract("全社会研发投入367.1亿元,占GDP比重2.5%。")}
    assert found["367.1亿元"] == "全社会研发投入"


@pytest.mark.parametrize("text, number, phrase", [
    # no report of the corpus says it this way yet; the shape is the common one
    ("推荐申报省级科技计划项目85项,获批立项32项。", "32项", "省级科技计划项目…获批立项"),
    ("组织申报国家高新技术企业60家,通过认定45家。", "45家", "国家高新技术企业…通过认定"),
    ("全年共申报高新技术企业15家,经认定通过9家。", "9家", "高新技术企业…经认定通过"),
    ("指导19家企业申报高新技术企业,最终获认定12家。", "12家", "高新技术企业…最终获认定"),
    # a stock after a flow drops the flow's verb, and 累计 stays whole
    ("新建省级工程技术研究中心5家,累计达到32家。", "32家", "省级工程技术研究中心…累计"),
])
def test_an_outcome_after_an_application_is_of_what_was_applied_for(extractor, text, number, phrase):
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert found[number] == phrase


def test_more_applications_than_last_year_is_a_change(extractor):
    (level, change) = extractor.extract("申报高新技术企业65家,较去年同期多申报38家。")
    assert (level.measure, change.measure) == ("level", "growth")


def test_support_to_a_partner_region_is_not_the_regions_own(extractor):
    # a numbered section on 对口支援, and a sentence naming 援疆 (written for the project)
    text = ("一、主要成效\n全区新认定高新技术企业56家。\n"
            "二、科技助力对口支援阿瓦提县。\n组织12家企业与阿瓦提县开展技术对接,签订技术合同9项。"
            "选派4名科技特派员赴阿瓦提县驻点服务。\n"
            "三、其他工作\n全年为阿瓦提县争取援疆科技项目6项。全区登记技术合同1200项。\n")
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert [n for n, p in found.items() if p.startswith("其中之一…")] == ["12家", "9项", "4名", "6项"]



@pytest.mark.parametrize("text, expected", [
    # written for the project: units and amounts the corpora do not show yet
    ("全年生产香菇1.6亿袋。", [(1.6, "亿袋")]),
    ("科技项目资金拨付时限压缩至10个工作日以内。", [(10, "个工作日")]),
    ("集聚了数十家创新型企业,上百家企业参加。", []),            # vague, not counts
    ("技术服务覆盖全市85%以上的行政村。", [(85, "%")]),          # a share reached, not a threshold
    ("单价10万元以上的科研仪器12台。", [(12, "台")]),            # a threshold in a name
    # made up: a classifier counting the noun after 以上 counts those things; firms of a
    # size (100人以上, 500万元以上) stay a threshold
    ("遴选100家以上企业进入高企后备库,培育100人以上企业5家。", [(100, "家"), (5, "家")]),
    ("年销售收入500万元以上企业达到30家。", [(30, "家")]),
    ("高新技术企业净增二十一家、总数一百一十八家。", [(21, "家"), (118, "家")]),  # 总数, not 数十
    ("白茶产业带动农户增收户均1.2万元。", [(1.2, "万元")]),       # an average stated
    # made up: the points of a speech and the aspects of a work list are counted (as the
    # dev gold counts 以下六个方面的工作); a clock hour is not
    ("下面,我讲三点意见。重点抓好以下三方面工作。上午9点召开。", [(3, "点意见"), (3, "方面")]),
])
def test_units_vague_amounts_and_thresholds(extractor, text, expected):
    assert facts(extractor, text) == expected


def test_a_multiple_of_new_recognitions_takes_their_subject(extractor):
    found = extractor.extract("全市新认定高新技术企业156家,新认定数量是上年的2.3倍。")
    assert found[1].indicator_phrase == "全市新认定高新技术企业…新认定数量是上年的"


def test_the_years_goal_named_before_a_number_is_a_target(extractor):
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "技术合同成交额11.3亿元,完成全年目标25亿元的45.2%。全年目标新增高新技术企业60家。")}
    assert found == {"11.3亿元": "actual", "25亿元": "target", "45.2%": "actual", "60家": "target"}



@pytest.mark.parametrize("text, number, phrase", [
    # written for the project: the subject undergoes the status, it is not cut off
    ("全县科技型中小企业完成评价入库42家,是去年同期的2.1倍。", "42家", "全县科技型中小企业完成评价入库"),
    # a region-wide stock after new recognitions is not an item of their enumeration
    ("新认定国家高新技术企业5家,全县高新技术企业达到27家。", "27家", "全县高新技术企业"),
    # intensity alone takes the R&D spending before it
    ("全市研究与试验发展(R&D)经费投入38.45亿元,投入强度达到1.18%。", "1.18%",
     "全市研究与试验发展(R&D)经费投入…投入强度"),
    ("全年共申报各级科技项目52项,成功立项29项。", "29项", "各级科技项目…成功立项"),
])
def test_subjects_kept_and_lent(extractor, text, number, phrase):
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert found[number] == phrase



@pytest.mark.parametrize("text, number, phrase", [
    # written for the project
    ("全地区高新技术企业达到9家,新认定3家。", "3家", "全地区高新技术企业…新认定"),
    ("组织全县220名科技特派员开展服务。", "220名", "组织全县220名科技特派员开展服务"),
    ("全市专利申请量3264件。其中发明专利申请412件。", "412件", "全市专利申请量…其中发明专利申请"),
    # the growth of a part is the part's
    ("全区专利授权量2860件,同比下降6.4%;其中发明专利授权743件,同比增长12.9%。", "12.9%",
     "全区专利授权量…其中发明专利授权…同比增长"),
])
def test_subjects_of_flows_parts_and_scoped_verbs(extractor, text, number, phrase):
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert found[number] == phrase


def test_a_chinese_numeral_with_wan_inside_is_one_number(extractor):
    # written for the project: 一万二千人次 is 12000 person-times, not 二千; a numeral with
    # 万 inside is written in its largest magnitude (loaders.numerals), 1.2 万人次
    assert facts(extractor, "培训农民约一万二千人次,投入一百二十万元。") == [(1.2, "万人次"), (120, "万元")]


# ------------------------------------------------ newer dev reports (folds A and B)
def test_a_stock_word_before_the_verb_stays_in_the_phrase(extractor):
    text = Excerpt("p24.txt", "58家", start="累计")
    (mention,) = extractor.extract(text.text)
    assert mention.indicator_phrase.startswith("累计培育")


def test_a_rate_after_a_masked_amount_takes_the_clause_before(extractor):
    # 高新技术产业增加值完成xx亿元，增速26.6%全市第1，占规上工业增加值比重66.2%
    text = dev_sentence("p33.txt", "26.6%")
    by_number = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    growth, share = by_number["26.6%"], by_number["66.2%"]
    assert growth.split("…")[0].endswith("高新技术产业增加值") and growth.endswith("增速")
    assert "全市第" not in growth  # the rank after the number is no subject
    assert share.startswith(growth.split("…")[0]) and share.endswith("比重")
    # 规上工业企业研发费用xx亿元，增速24.24%
    rd = dev_sentence("p33.txt", "24.24%")
    (rate, *_) = [m for m in extractor.extract(rd) if m.number_text == "24.24%"]
    assert "研发费用…增速" in rate.indicator_phrase


def test_a_bare_wan_after_a_money_noun_is_money(extractor):
    text = dev_sentence("p25.txt", "675万")
    money = [(m.value_raw, m.unit_raw) for m in extractor.extract(text) if m.unit_raw == "万"]
    assert (675.0, "万") in money


def test_parts_after_qizhong_run_over_the_items_of_their_list(extractor):
    # 其中申报…1家，星火计划2项；省火炬计划7项，…，工程技术研究中心1家；…
    line = dev_line("p21.txt", "星火计划2项", clean=True)
    start = line.index("其中申报")
    items = [m for m in extractor.extract(line) if m.char_start > start]
    listed = items[:items.index(next(m for m in items if "组织申报" in m.indicator_phrase))]
    assert len(listed) >= 15 and all("其中" in m.indicator_phrase for m in listed)
    assert "其中" not in items[-1].indicator_phrase  # 。 ends the list; the next total is whole


def test_a_new_total_after_a_part_is_no_part(extractor):
    # a seed report (000): the trips are parts; the projects won are a new total
    text = "我本人进京赴省21次,其中进京12次,共争取国家、省各项科技计划项目194项,获无偿科技经费1.28亿元。"
    phrases = {m.number_text: m.indicator_phrase for m in extractor.extract(text)}
    assert "其中" in phrases["12次"]
    assert "其中" not in phrases["194项"]


def test_one_named_projects_funding_is_one_of(extractor):
    text = dev_line("p40.txt", "争取资金20万元", clean=True)
    funding = [m for m in extractor.extract(text) if m.number_text == "20万元"]
    assert funding and all(m.indicator_phrase.startswith("其中之一…") for m in funding)


def test_an_estimate_in_a_later_clause_does_not_reach_a_clause_with_its_own_verb(extractor):
    text = dev_sentence("p39.txt", "111家")
    types = {m.number_text: m.fact_type for m in extractor.extract(text)}
    assert types["111家"] == types["1009家"] == "actual"


def test_sessions_of_a_congress_are_not_counts(extractor):
    assert facts(extractor, "学习了省委九届七次全会、市委二届十二次全会精神。") == []
    # made up: the body named between the term and the session
    assert facts(extractor, "关于市十六届人大三次会议第128号建议的答复") == []


def test_figures_after_a_goal_heading_are_targets(extractor):
    text = "2024年工作目标:新增高新技术企业30家,技术合同成交额达到12.5亿元。"
    assert {m.fact_type for m in extractor.extract(text)} == {"target"}
    results = "主要指标完成情况:新增高新技术企业30家,技术合同成交额达到12.5亿元。"
    assert {m.fact_type for m in extractor.extract(results)} == {"actual"}


def test_a_bracket_names_its_own_count(extractor):
    text = dev_sentence("p25.txt", "高新技术企业2家")
    (mention,) = [m for m in extractor.extract(text) if m.number_text == "2家"]
    assert mention.indicator_phrase.startswith("实现全县高新技术企业")


def test_firms_counted_before_their_verb_are_firms(extractor):
    text = dev_sentence("p32.txt", "3个企业")
    firms, projects = [m for m in extractor.extract(text) if m.unit_raw == "个"][:2]
    assert not firms.indicator_phrase.endswith("3个") and "科技计划项目" in projects.indicator_phrase


# written for the project (issue 7): a numeral with 万/亿 inside is one mention, written in its
# largest magnitude; value = value_raw × the unit's scale stays the amount stated
@pytest.mark.parametrize("text, value, unit, bound", [
    ("全年争取上级资金两亿五千万元。", 2.5, "亿元", "exact"),
    ("项目总投资一亿零五百万元。", 1.05, "亿元", "exact"),
    ("发放补贴5万4千6百元。", 5.46, "万元", "exact"),
    ("奖励资金3万4000元。", 3.4, "万元", "exact"),
    ("实现技工贸总收入1.6万亿。", 1.6, "万亿", "exact"),
    # a range with 万 at both ends keeps its lower end, as ranges do
    ("每家给予补助1万-5万元。", 1, "万元", "at_least"),
    ("每项资助2至3万元。", 2, "万元", "at_least"),
])
def test_wan_and_yi_inside_a_numeral(extractor, text, value, unit, bound):
    (mention,) = extractor.extract(text)
    assert (mention.value_raw, mention.unit_raw, mention.bound) == (value, unit, bound)
    assert text[mention.char_start:mention.char_end].endswith(unit[-1])


def test_traditional_numerals_reach_the_extractor_simplified(extractor):
    from loaders.clean import clean_text

    text = clean_text("技術合同成交額參億貳仟萬元，培訓農民壹萬參仟人次。")
    assert facts(extractor, text) == [(3.2, "亿元"), (1.3, "万人次")]


@pytest.mark.parametrize("text, value, unit, bound", [
    # numbers copied from a PDF or a web page: a space or a line break before the unit
    ("全年实现技术合同成交额4543 万元。", 4543, "万元", "exact"),
    ("发放科普资料60000 余份。", 60000, "份", "at_least"),
    ("全年共登记技术合同150\n项，成交额2亿元。", 150, "项", "exact"),
])
def test_space_or_line_break_between_number_and_unit(extractor, text, value, unit, bound):
    mention = extractor.extract(text)[0]
    assert (mention.value_raw, mention.unit_raw, mention.bound) == (value, unit, bound)


def test_a_number_alone_on_its_line_is_section_numbering(extractor):
    # the unit guards stop 1\n项目; the line rule stops 2\n家门口 (家 may precede 门)
    assert extractor.extract("二、重点工作\n1\n项目建设扎实推进\n2\n家门口的科技服务站建成") == []
    assert facts(extractor, "建成科技服务站2\n家。") == [(2, "家")]


@pytest.mark.parametrize("text, expected", [
    ("发放宣传资料万余份,接受咨询群众万余人次。", [(1.0, "万份", "at_least"), (1.0, "万人次", "at_least")]),
    ("全年投入资金近亿元。", [(1.0, "亿元", "approx")]),
    ("惠及群众上万人,数万人参加。", []),                  # vague: 上万, 数万
])
def test_a_big_unit_alone_is_one_of_itself(extractor, text, expected):
    # written for the project in the reports' manner (万余份 as in a dev report)
    assert [(m.value_raw, m.unit_raw, m.bound) for m in extractor.extract(text)] == expected


def test_a_sum_naming_a_class_of_projects_is_no_sum(extractor):
    # written in the reports' manner: the 百万元 names the projects' size class
    assert facts(extractor, "市科技局设立百万元重大项目10个。") == [(10.0, "个")]


def test_parts_may_repeat_the_verb_they_open_with(extractor):
    # written in the reports' manner (a dev report lists its implemented projects so)
    text = "共实施各级科技计划项目30项,其中实施国家、省级科技项目12项,实施市、县级科技项目18项。"
    phrases = [m.indicator_phrase for m in extractor.extract(text)]
    assert "其中" not in phrases[0] and all(p.startswith("其中…") for p in phrases[1:])


def test_the_parts_of_a_planned_total_are_planned(extractor):
    text = dev_sentence("p36.txt", "4902")
    types = {m.number_text: m.fact_type for m in extractor.extract(text)}
    planned = [n for n in types if n.endswith(("万元", "亿元")) and n != "1.11亿元"]
    assert planned and all(types[n] == "target" for n in planned)


def test_a_site_count_of_listed_pieces_is_no_count(extractor):
    assert facts(extractor, "市科技局2023年度工作总结汇编(3篇)\n最新科技局半年工作总结(六篇)") == []


def test_an_estimate_after_results_stays_in_its_clause(extractor):
    # 目前…583家, 预计总数接近1100, then clauses with verbs of their own: results, not estimates
    sentence = dev_sentence("p39.txt", "预计总数")
    found = {m.number_text: m.fact_type for m in extractor.extract(sentence)}
    assert found["583家"] == "actual"
    assert [t for n, t in found.items() if n not in ("583家",) and "1100" not in n] == ["actual"] * 3


def test_an_estimate_after_results_governs_the_clauses_sharing_its_verb(extractor):
    # 预计销售收入10.8亿元,利税2亿元: the second figure has no verb of its own
    sentence = next(s for s in extractor.extract(dev_clean("003_359fa4cc5da14e9f.txt"))
                    if s.number_text == "2亿元" and "利税" in s.quote)
    assert sentence.fact_type == "estimate"


def test_a_task_list_ends_where_a_sentence_tells_what_was_done(extractor):
    # 该项目内容及目标是:…40个;…2个以上;…。该项目获科技部资金178万元,…将投入…700万元
    text = dev_clean("p32.txt")
    start = text.index("目标是:")
    end = text.index("。", text.index("700万元")) + 1
    found = {m.number_text: m.fact_type for m in extractor.extract(text[start:end])}
    assert found["40个"] == "target"
    assert found["178万元"] == "actual"
    assert found["700万元"] == "target"   # 将投入: still to come


@pytest.mark.parametrize("text, expected", [
    # made up: what a project is expected to bring, after the project itself
    ("实施科技项目12项,项目建成后可新增产值5亿元,利税8000万元,带动就业300人。",
     {"12项": "actual", "5亿元": "estimate", "8000万元": "estimate", "300人": "estimate"}),
    ("该项目总投资2亿元,投产后年产值可达10亿元。", {"2亿元": "actual", "10亿元": "estimate"}),
    ("引进项目5个,达产后可实现销售收入3亿元。", {"5个": "actual", "3亿元": "estimate"}),
    ("全年新增高新技术企业30家,实现产值50亿元。", {"30家": "actual", "50亿元": "actual"}),
])
def test_what_a_project_can_bring_is_an_estimate(extractor, text, expected):
    assert {m.number_text: m.fact_type for m in extractor.extract(text)} == expected


def test_a_dev_estimate_of_what_can_be_reached(extractor):
    # the one such wording of the dev reports outside the held-out fold: 可達到
    found = [m for m in extractor.extract(dev_clean("p01.txt")) if m.number_text.startswith("12.7")]
    assert found and {m.fact_type for m in found} == {"estimate"}


@pytest.mark.parametrize("raw", [
    # made up: a table copied from a page, cells split by tabs (spaces once cleaned) or bars
    "一、重点工作完成情况\n序号\t工作任务\t完成情况\t责任单位\n1\t新认定高新技术企业20家\t新认定25家\t科技局\n"
    "2\t技术合同成交额10亿元\t完成12.5亿元\t科技局\n二、存在问题\n全年新增3家。",
    "一、重点工作完成情况\n| 序号 | 工作任务 | 完成情况 | 责任单位 |\n| 1 | 新认定高新技术企业20家 | 新认定25家 | 科技局 |\n"
    "| 2 | 技术合同成交额10亿元 | 完成12.5亿元 | 科技局 |\n二、存在问题\n全年新增3家。",
])
def test_a_tables_task_column_is_a_target(extractor, raw):
    from loaders.clean import clean_text

    found = {m.number_text: m.fact_type for m in extractor.extract(clean_text(raw))}
    assert found == {"20家": "target", "25家": "actual", "10亿元": "target", "12.5亿元": "actual", "3家": "actual"}


@pytest.mark.parametrize("sep", ["\t", " ", " | "])
def test_a_tables_unit_column_gives_its_bare_numbers_their_unit(extractor, sep):
    # made up: a table of indicators whose units stand in a column of their own
    from loaders.clean import clean_text

    rows = [["序号", "指标名称", "单位", "目标任务", "完成情况", "完成率"],
            ["1", "技术合同成交额", "万元", "8000", "9215", "115.2%"],
            ["2", "科技特派员", "人", "300", "327", "109%"]]
    raw = "主要指标完成情况\n" + "\n".join(sep.join(r) for r in rows) + "\n全年新增高新技术企业3家。"
    found = {(m.number_text, m.unit_raw): (m.indicator_phrase, m.fact_type)
             for m in extractor.extract(clean_text(raw))}
    assert found[("8000", "万元")] == ("技术合同成交额", "target")
    assert found[("9215", "万元")] == ("技术合同成交额", "actual")
    assert found[("300", "人")] == ("科技特派员", "target")
    assert found[("327", "人")] == ("科技特派员", "actual")   # no 327109% from cells side by side
    assert ("109%", "%") in found and ("3家", "家") in found and len(found) == 7


def test_a_tables_caption_unit_and_its_budget_columns(extractor):
    # made up: the unit in the caption, a budget (a target) beside what was spent
    raw = ("表2　区级科技专项资金使用情况（单位：万元）\n项目\t预算数\t执行数\n科技创新券兑付\t500\t468\n"
           "合计\t1700\t1863\n说明：执行数含追加部分。")
    found = {m.number_text: (m.unit_raw, m.indicator_phrase, m.fact_type) for m in extractor.extract(raw)}
    assert found == {"500": ("万元", "科技创新券兑付", "target"), "468": ("万元", "科技创新券兑付", "actual"),
                     "1700": ("万元", "合计", "target"), "1863": ("万元", "合计", "actual")}


def test_a_caption_of_several_units_gives_each_row_the_one_its_name_calls_for(extractor):
    # made up: 家 for firms, 亿元 for money, % for shares; a row that fits none is left out
    raw = ("（一）主要指标完成情况（单位：家、亿元、%）\n指标名称　目标任务　完成情况\n高新技术企业总数　30　33\n"
           "全社会研发投入　6.5　7.12\n研发投入强度　2.1　2.3\n")
    from loaders.clean import clean_text

    found = {m.number_text: (m.unit_raw, m.measure, m.fact_type) for m in extractor.extract(clean_text(raw))}
    assert found == {"30": ("家", "level", "target"), "33": ("家", "level", "actual"),
                     "6.5": ("亿元", "level", "target"), "7.12": ("亿元", "level", "actual"),
                     "2.1": ("%", "ratio", "target"), "2.3": ("%", "ratio", "actual")}


def test_a_tables_year_growth_and_rate_columns(extractor):
    # made up: the year compared with is dated by its column, the latest year is the
    # report's own; growth and completion rates carry their unit in the column name
    from loaders.clean import clean_text

    raw = ("表1　主要指标完成情况\n序号\t指标名称\t单位\t2021年\t2020年\t增长（%）\n"
           "1\t技术合同成交额\t亿元\t186.3\t142.7\t30.6\n2\t研发投入强度\t%\t4.45\t4.38\t—\n"
           "全年新认定高新技术企业406家。")
    found = {m.number_text: (m.unit_raw, m.measure, m.indicator_phrase, m.period and m.period.label)
             for m in extractor.extract(clean_text(raw))}
    assert found == {"186.3": ("亿元", "level", "技术合同成交额", None),
                     "142.7": ("亿元", "level", "技术合同成交额", "2020"),
                     "30.6": ("%", "growth", "技术合同成交额", None),
                     "4.45": ("%", "ratio", "研发投入强度", None),
                     "4.38": ("%", "ratio", "研发投入强度", "2020"),
                     "406家": ("家", "level", "新认定高新技术企业", None)}
    raw = ("序号\t指标名称\t单位\t年度目标\t完成值\t完成率(%)\n1\t国家高新技术企业数\t家\t45\t49\t108.9")
    found = {m.number_text: (m.unit_raw, m.measure, m.indicator_phrase, m.fact_type)
             for m in extractor.extract(clean_text(raw))}
    assert found == {"45": ("家", "level", "国家高新技术企业数", "target"),
                     "49": ("家", "level", "国家高新技术企业数", "actual"),
                     "108.9": ("%", "ratio", "完成率", "actual")}   # a rate of its own, no indicator


def test_a_row_number_before_a_word_with_a_unit_in_it_is_no_quantity(extractor):
    # made up: row 7 of a table whose name opens with 万人; a share row keeps its ratio
    raw = ("序号\t指标名称\t单位\t目标任务\t完成情况\n1\t研发投入占GDP比重\t%\t2.9\t2.95\n"
           "7\t万人发明专利拥有量\t件\t40\t43.2")
    found = {m.number_text: (m.unit_raw, m.measure) for m in extractor.extract(raw)}
    assert found == {"2.9": ("%", "ratio"), "2.95": ("%", "ratio"), "40": ("件", "level"), "43.2": ("件", "level")}
    # a number copied onto a line of its own between its words and its unit is one
    found = extractor.extract("全年登记技术合同\n150\n项，成交额2.1亿元。")
    assert [(m.value_raw, m.unit_raw) for m in found] == [(150.0, "项"), (2.1, "亿元")]


def test_thousands_spaced_as_copied_from_a_pdf(extractor):
    # made up: thousands set apart by spaces after a space; cells of a table stay apart
    found = extractor.extract("新增科技型中小企业评价入库 1 038 家，登记技术合同5 874项。")
    assert [(m.value_raw, m.unit_raw) for m in found] == [(1038.0, "家"), (5874.0, "项")]


def test_bare_numbers_outside_a_unit_column_table_stay_out(extractor):
    # made up: a header without a unit column, and prose after the table, give no bare numbers
    found = extractor.extract("序号 工作任务 完成情况\n1 技术合同 8000 9215\n全市共有8000余人参加。")
    assert [m.number_text for m in found] == ["8000余人"]


def test_a_list_of_goals_after_a_colon_is_a_list_of_targets(extractor):
    # made up: 主要目标: opens a list of targets that runs to the results
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "主要目标:全社会研发投入达到95亿元;新增高新技术企业50家。截至10月底,已新增42家。")}
    assert found == {"95亿元": "target", "50家": "target", "42家": "actual"}


def test_the_completion_part_of_a_task_report_stays_actual(extractor):
    # 截至10月底完成情况:①高新技术企业培育任务:A.已培育了… reports what was done
    text = dev_clean("p23.txt")
    found = extractor.extract(text[text.index("截至10月底完成情况"):])   # the excerpt ends there
    assert found == [] or {m.fact_type for m in found} == {"actual"}
    # the same wording with a figure: a task named in a report of results is no list of goals
    found = extractor.extract("截至10月底完成情况:①高新技术企业培育任务:A.已培育了企业3家。")
    assert [m.fact_type for m in found] == ["actual"]


def test_a_requirement_set_is_a_target(extractor):
    # 要求所有人员每人每年讲课3次,撰写论文4篇以上: what is required, not what was done
    sentence = dev_sentence("002_cc872de75aeed8b2.txt", "讲课3次")
    found = {m.number_text: m.fact_type for m in extractor.extract(sentence)}
    assert found["3次"] == "target" and found["4篇"] == "target"
    # made up: a requirement followed is no requirement set
    found = extractor.extract("按照省厅要求,全年新认定高新技术企业30家。")
    assert [m.fact_type for m in found] == ["actual"]


def test_a_tables_task_column_copied_one_cell_a_line(extractor):
    # made up: the same table as a page gives it when its cells are copied one a line
    from loaders.clean import clean_text

    raw = ("一、重点工作完成情况\n序号\n工作任务\n完成情况\n1\n新认定高新技术企业20家\n新认定25家\n"
           "2\n技术合同成交额10亿元\n完成12.5亿元\n二、存在问题\n全年新增3家。")
    found = {m.number_text: m.fact_type for m in extractor.extract(clean_text(raw))}
    assert found == {"20家": "target", "25家": "actual", "10亿元": "target", "12.5亿元": "actual", "3家": "actual"}
    # and with its row numbers kept
    found = {m.number_text: m.fact_type for m in extractor.extract(raw)}
    assert found["20家"] == "target" and found["25家"] == "actual" and found["10亿元"] == "target"


def test_a_breakdown_by_level_runs_on_over_its_sentences(extractor):
    # …获无偿资金支持xx万元,其中列入国家项目5项,…。列入省级科技计划项目10个,争取省资金300万元,位居…。列入市计划…
    text = dev_clean("p06.txt")
    start, end = text.index("其中列入"), text.index("其他专项资金") + 12
    parts = [m for m in extractor.extract(text) if start < m.char_start < end]
    assert len(parts) >= 10 and all("其中" in m.indicator_phrase for m in parts)


def test_money_right_after_approved_projects_is_what_they_won(extractor):
    text = dev_sentence("p25.txt", "支持资金200万")
    (money,) = [m for m in extractor.extract(text) if m.number_text == "200万"]
    assert money.indicator_phrase == "立项…支持资金"


def test_projects_of_a_programme_take_its_name(extractor):
    # 全区科技计划围绕…,共安排136个项目 (a yearbook entry, Traditional in the page)
    text = dev_sentence("p36.txt", "共安排136")
    (projects,) = [m for m in extractor.extract(text) if m.number_text == "136个"]
    assert projects.indicator_phrase.startswith("科技计划…")
    assert "科技计划" not in extractor.extract("共申报省科技计划,确定5个项目。")[0].indicator_phrase


def test_a_goal_after_a_sentences_year_governs_its_list(extractor):
    # made up: the year opening the sentence is no figure stated before 力争
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "2022年,我们将深入实施创新驱动发展战略,力争全社会研发经费投入强度达到1.7%,"
        "高新技术企业数量达到260家,技术合同交易金额达到25亿元。")}
    assert found == {"1.7%": "target", "260家": "target", "25亿元": "target"}
    # figures stated before the cue keep theirs: results first, then the outlook
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "目前全市高新技术企业达到583家,预计总数接近1100家,新增科技型中小企业111家。")}
    assert found["583家"] == "actual" and found["111家"] == "actual"


def test_levels_listed_before_the_regions_total_are_its_parts(extractor):
    # made up: two levels side by side, then the region-wide stock of the same thing
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "新建省级工程技术研究中心4个、市级工程技术研究中心11个,全市工程技术研究中心累计达到87个。")}
    assert found["4个"].startswith("其中…") and found["11个"].startswith("其中…")
    assert not found["87个"].startswith("其中")
    # one level's new things before the stock are the new ones, not a part
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "新认定省级高新技术企业7家,全市省级高新技术企业累计达到33家。")}
    assert not found["7家"].startswith("其中")
    # another thing listed beside them is not a part of this total
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "新增省级科技企业孵化器2个、市级科技企业孵化器3个,全市工程技术研究中心总数达到43个。")}
    assert not found["2个"].startswith("其中") and not found["3个"].startswith("其中")


def test_each_of_the_places_listed_is_a_part(extractor):
    # made up: a city's districts each built one; 各类/各级 name kinds, not each of a list
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "新认定市级众创空间3家,叙州区、南溪区各新建科技企业孵化器1家。")}
    assert found["1家"].startswith("其中…") and not found["3家"].startswith("其中")
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "组织申报、推荐各类科技计划项目36项。")}
    assert not found["36项"].startswith("其中")


def test_a_years_net_gain_inherits_the_stocks_subject(extractor):
    # made up: 一年净增 names no thing of its own
    found = {m.number_text: m.indicator_phrase for m in extractor.extract(
        "高新技术企业有效数增至1096家，一年净增一百八十七家，增幅20.6%。")}
    assert found["一百八十七家"].startswith("高新技术企业有效数…")


def test_a_mention_copied_with_changes_equals_the_dataclass_replace_of_it(extractor):
    import dataclasses

    from loaders.extract import replace

    mention = extractor.extract("全年新增高新技术企业12家，同比增长20%。")[0]
    changes = {"indicator_phrase": "其中…高新技术企业", "cues": ("x",)}
    copied = replace(mention, **changes)
    assert copied == dataclasses.replace(mention, **changes) and copied is not mention
    assert mention.indicator_phrase != copied.indicator_phrase   # the original is left as it was
    with pytest.raises(TypeError, match="no field"):
        replace(mention, phrase="x")


def test_a_second_change_in_points_is_of_the_same_share(extractor):
    # made up: the share compared with two earlier years
    found = extractor.extract("全区研发经费投入58.3亿元，占地区生产总值比重为4.1%，较2021年提高0.3个百分点，"
                              "较2020年提高0.7个百分点。")
    assert [m.indicator_phrase.rsplit("…", 1)[0] for m in found[2:]] == [
        "全区研发经费投入…占地区生产总值比重"] * 2


@pytest.mark.parametrize("text", [
    "秦州区、麦积区技术合同成交额均超过5亿元。",      # each of two districts
    "力争每县新增高企不少于15家。",                  # one per county
])
def test_a_figure_each_of_several_reached_is_no_region_total(extractor, text):
    (found,) = extractor.extract(text)
    assert found.indicator_phrase.startswith("其中之一…")


def test_a_table_whose_rows_are_years(extractor):
    # made up: the caption lists the columns' units in order; each row dated by its year,
    # the latest year left to the report; rows of numbers alone survive the cleaner
    from loaders.clean import clean_text

    raw = ("近三年全市主要科技指标如下（单位：亿元、%、家）：\n年份  R&D经费  研发投入强度  高新技术企业\n"
           "2020  49.86  2.21  211\n2021  55.62  2.23  286\n2022  61.18  2.37  372\n从表中看，增长较快。")
    found = [(m.number_text, m.unit_raw, m.indicator_phrase, m.period and m.period.label)
             for m in extractor.extract(clean_text(raw))]
    assert found[:3] == [("49.86", "亿元", "R&D经费", "2020"), ("2.21", "%", "研发投入强度", "2020"),
                         ("211", "家", "高新技术企业", "2020")]
    assert found[6:9] == [("61.18", "亿元", "R&D经费", None), ("2.37", "%", "研发投入强度", None),
                          ("372", "家", "高新技术企业", None)]


def test_a_growth_column_named_against_last_year_with_a_fall(extractor):
    # made up: `比上年增长（%）` and a fall written with a minus
    raw = "指标名称\t单位\t2021年\t比上年增长（%）\n专利授权量\t件\t5127\t-6.1\n发明专利授权量\t件\t462\t19.4"
    found = {m.number_text: (m.value_raw, m.measure, m.cues) for m in extractor.extract(raw)}
    assert found["-6.1"] == (6.1, "growth", ("unit:单位列", "sign:-"))
    assert found["19.4"] == (19.4, "growth", ("unit:单位列",))


def test_a_key_and_its_value_and_a_bracket_of_its_change(extractor):
    # made up: key-value lines; a bracket telling the change is no breakdown into parts
    found = extractor.extract("高新技术企业：412家（净增67家，增长19.4%）\n技术合同登记成交额：186.3亿元，同比增长22.1%")
    assert [m.indicator_phrase for m in found] == [
        "高新技术企业", "高新技术企业…（净增", "高新技术企业…增长", "技术合同登记成交额", "技术合同登记成交额…同比增长"]


def test_the_key_of_a_key_value_line_names_its_bare_values(extractor):
    # made up: `——科技型中小企业：入库669家`; a clause after a semicolon on the key's line
    found = extractor.extract("——高企数量：高新技术企业总数412家；当年新认定121家。\n——科技型中小企业：入库669家。")
    phrases = {m.number_text: m.indicator_phrase for m in found}
    assert phrases["121家"].startswith("高企数量…") and "科技型中小企业" in phrases["669家"]


def test_this_years_goals_after_a_colon_are_targets(extractor):
    # made up: a speech's `今年的目标：` opens a list of targets
    found = extractor.extract("区政府已明确今年的目标：研发投入强度稳定在5%左右，新增高新技术企业400家。")
    assert [m.fact_type for m in found] == ["target", "target"]


@pytest.mark.parametrize("text, number, value, unit", [
    ("技术合同成交额同比增长15%—20%；", "15%—20%", 15, "%"),          # made up
    ("研发投入增长15%-20%。", "15%-20%", 15, "%"),
    ("带动投资3亿元至5亿元。", "3亿元至5亿元", 3, "亿元"),
])
def test_a_range_with_its_unit_at_both_ends_is_one_quantity(extractor, text, number, value, unit):
    (found,) = [m for m in extractor.extract(text) if m.unit_raw == unit]
    assert (found.number_text, found.value_raw, found.bound) == (number, value, "at_least")


def test_a_falling_pair_is_no_range(extractor):
    found = extractor.extract("技术合同成交额增长20%—15%。")
    assert [m.value_raw for m in found] == [20, 15]


def test_the_size_of_a_task_is_its_target(extractor):
    # made up: the task's size, then what was done of it
    found = {m.number_text: m.fact_type for m in extractor.extract(
        "完成德阳市下达的科技型中小企业入库任务150家的112%；完成计划任务80%。")}
    assert found == {"150家": "target", "112%": "actual", "80%": "actual"}


def test_a_statistical_tables_absolute_column(extractor):
    # made up: a communiqué's table, `#` marking a part, a fall written -4.1
    text = ("表10 2023年专利申请和授权情况\n指标 单位 绝对数 比上年增长(%)\n专利申请量 件 689 12.3\n"
            "#发明专利申请 件 94 -4.1\n")
    found = {m.number_text: (m.value_raw, m.unit_raw, m.measure) for m in extractor.extract(text)}
    assert found == {"689": (689, "件", "level"), "12.3": (12.3, "%", "growth"),
                     "94": (94, "件", "level"), "-4.1": (4.1, "%", "growth")}


def test_a_tables_growth_column_written_with_its_unit_and_a_minus(extractor):
    # made up: units in the rows' names, no unit column nor caption; growths written with %
    text = ("指标 2020年 同比增长\n专利申请量(件) 23516 18.2%\n其中:发明专利申请量(件) 3872 9.6%\n"
            "PCT国际专利申请(件) 62 -8.8%\n")
    found = {m.number_text: (m.value_raw, m.unit_raw, m.measure, m.indicator_phrase, "sign:-" in m.cues)
             for m in extractor.extract(text)}
    assert found["23516"] == (23516, "件", "level", "专利申请量", False)
    assert found["18.2%"] == (18.2, "%", "growth", "专利申请量", False)
    assert found["62"] == (62, "件", "level", "PCT国际专利申请", False)
    assert found["-8.8%"] == (8.8, "%", "growth", "PCT国际专利申请", True)


def test_more_than_last_year_is_a_growth(extractor):
    found = {m.number_text: m.measure for m in extractor.extract(
        "高新技术企业达到200家，较上年多出61家；新增入库科技型中小企业23家，同比多入库9家。")}
    assert found == {"200家": "level", "61家": "growth", "23家": "level", "9家": "growth"}


def test_cases_counted_in_zong_and_a_plan_to_attract(extractor):
    # made up
    found = {m.number_text: (m.unit_raw, m.fact_type) for m in extractor.extract(
        "全年办理专利侵权纠纷案件137宗；计划吸引200个以上创新团队参赛。坚持宗旨3项。")}
    assert found == {"137宗": ("宗", "actual"), "200个": ("个", "target"), "3项": ("项", "actual")}


def test_a_table_flattened_onto_one_line_after_its_heading(extractor):
    # made up: header and rows on one line, glued to the heading's sentence, units in the names
    text = ("（二）主要科技指标。指标　目标任务　完成情况　新增高新技术企业（家）　3　5　"
            "专利申请（件）　120　156　技术合同成交额（万元）　500　682\n")
    found = {m.number_text: (m.unit_raw, m.fact_type, m.indicator_phrase)
             for m in extractor.extract(clean_text(text))}
    assert found == {"3": ("家", "target", "新增高新技术企业"), "5": ("家", "actual", "新增高新技术企业"),
                     "120": ("件", "target", "专利申请"), "156": ("件", "actual", "专利申请"),
                     "500": ("万元", "target", "技术合同成交额"), "682": ("万元", "actual", "技术合同成交额")}
    # a line of names and numbers that is no whole table is left as it is
    assert not extractor.extract(clean_text("指标 目标任务 完成情况 新增高新技术企业 3\n"))


def test_a_growth_column_written_with_a_bare_percent_sign(extractor):
    # made up: `增长%` as the last column's name, cells separated by tabs
    text = ("表1　主要科技指标完成情况\n指标\t2019年\t2020年\t增长%\n"
            "全社会研发投入（亿元）\t38.52\t45.17\t17.3\n高新技术企业数（家）\t312\t407\t30.4\n")
    found = {m.number_text: (m.unit_raw, m.measure) for m in extractor.extract(clean_text(text))}
    assert found == {"38.52": ("亿元", "level"), "45.17": ("亿元", "level"), "17.3": ("%", "growth"),
                     "312": ("家", "level"), "407": ("家", "level"), "30.4": ("%", "growth")}


def test_an_estimate_written_as_guessed(extractor):
    # made up: `估计` as `预计`
    found = {m.number_text: m.fact_type for m in extractor.extract("全市全社会研发投入估计达到550亿元左右。")}
    assert found == {"550亿元": "estimate"}


def test_a_table_whose_rows_are_places_and_columns_figures(extractor):
    # made up, a statistical bulletin: `地区 R&D经费（亿元） 比上年增长（%） 投入强度（%）`
    text = ("表1　2022年全市及各县（市、区）R&D经费情况\n地区　R&D经费（亿元）　比上年增长（%）　投入强度（%）\n"
            "全市　258.37　12.7　3.66\n南湖区　21.45　10.3　2.53\n")
    found = {m.number_text: (m.unit_raw, m.measure, m.indicator_phrase) for m in extractor.extract(clean_text(text))}
    assert found == {"258.37": ("亿元", "level", "全市…R&D经费"),
                     "12.7": ("%", "growth", "全市…R&D经费…比上年增长"),
                     "3.66": ("%", "ratio", "全市…投入强度"),
                     "21.45": ("亿元", "level", "南湖区…R&D经费"),
                     "10.3": ("%", "growth", "南湖区…R&D经费…比上年增长"),
                     "2.53": ("%", "ratio", "南湖区…投入强度")}


def test_a_rise_by_times_is_a_growth_and_a_times_the_year_before_a_multiple(extractor):
    # made up: `增长1.3倍` is a change rate; `是上年的1.6倍` compares two levels
    found = {m.number_text: m.measure for m in extractor.extract(
        "技术合同成交额同比增长1.3倍，争取上级资金是上年的1.6倍。")}
    assert found == {"1.3倍": "growth", "1.6倍": "multiple"}
