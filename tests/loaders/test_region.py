"""Region resolution on short excerpts of the reports (Simplified, as the cleaner gives).

Excerpts of the seed reports are quoted; those of the other dev reports are read from
`../shared` at run time (sentences found by short needles), to keep their text out of the repo.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.clean import find_title
from loaders.gazetteer import Gazetteer, load_gazetteer
from loaders.region import resolve_region
from tests.conftest import dev_clean, dev_line, dev_raw, dev_sentence

REPO = Path(__file__).resolve().parents[2]
CSV_PATH = REPO / "seeds" / "reference" / "admin_divisions.csv"
DEV = REPO / ".." / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer(CSV_PATH)


def sentences(name: str, *needles: str) -> str:
    """The sentences of a dev report holding each needle, joined in the order given."""
    return "".join(dev_sentence(name, n) for n in needles)


def title(name: str) -> str:
    """A dev report's title: the first line of its clean text."""
    return dev_clean(name).split("\n", 1)[0]


def through(text: str, needle: str) -> str:
    """`text` from its start through the end of the sentence holding `needle`."""
    end = text.index("。", text.index(needle)) + 1
    return text[:end]


def test_masked_county_with_its_province_and_a_partner_not_taken(gz):
    text = ("2020年上半年,XX县科技创新工作在县委、县政府的正确领导和上级业务主管部门的关心支持下…"
            "一是认真落实《XX县深化人才发展体制机制改革实施意见》,激发我县人才创新创业活力;"
            "二是开展与长丰县县域科技结对帮扶,全面落实扶贫帮困和结对共建任务;"
            "四是加强与安徽农业大学等农业高校的产学研合作。")          # 001_3b41ed0b22b5540a.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "XX县", "county", "安徽省", True)
    assert r.admin_code is None


def test_partner_named_twice_is_not_the_author(gz):
    text = ("二是开展与长丰县县域科技结对帮扶,全面落实扶贫帮困和结对共建任务;"
            "我县一至四月份工业总产值增速30.9%,全县科技工作稳步推进。"
            "加强与长丰县县域科技结对帮扶,全面落实扶贫帮困和结对共建任务。")  # 001
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        None, "county", "安徽省", True)


def test_masked_county_among_provincial_rankings(gz):
    text = title("p38.txt") + "\n" + sentences(
        "p38.txt", "2024年度", "十强县", "2300万元", "15%", "重点新产品")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "xx县", "county", None, True)


def test_a_masked_level_is_not_a_masked_name(gz):
    # p38's sentence on the county's xx provincial products, said of a province instead:
    # its "xx省级" is a masked level, not a masked "xx省"
    declared = dev_sentence("p38.txt", "重点新产品").replace("全县", "全省")
    r = resolve_region(declared + "我省科技工作稳步推进。", None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == (None, "province", True)


def test_city_recovered_from_its_own_counties(gz):
    text = ("*年,我市科技系统认真学习贯彻党的*大精神,紧紧围绕市委、市政府发展战略目标。"
            "出台了《*市人民政府关于建立产学研联合运行机制促进科技成果转化的意见》。"
            "泸县天兴镇、江阳区通滩镇、合江县先市镇被列为试点;"
            "纳溪区黄栀子基地新发展4000亩;古蔺赶黄草基地新发展2200亩。")   # 003_359fa4cc5da14e9f.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "泸州市", "city", "四川省", True)
    assert r.admin_code == "510500"


def test_district_report_that_never_writes_its_name(gz):
    text = ("贯彻落实苏北工作会议精神,抢抓省科技厅扶持苏北科技发展的有利时机。"
            "同时先后多次邀请省市科技部门领导来我区指导工作。今年我区首次获准申报"
            "国家科技富民强县计划项目,全区共有25家企业与省内外13家高校院所建立了合作关系。")  # 002
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        None, "district", "江苏省", True)


def test_district_with_its_province_body(gz):
    text = sentences("p01.txt", "全年来", "陕西省")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "district", "陕西省")


def test_province_report(gz):
    # the raw "来源" line, which the cleaner shortens, then the opening (a line ending in ':')
    text = dev_line("p29.txt", "广东省科技厅") + "\n" + dev_line("p29.txt", "2016年", clean=True)
    r = resolve_region(text, title("p29.txt"), gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "广东省", "province", "广东省", False)


def test_county_named_by_its_own_documents(gz):
    text = sentences("p20.txt", "我县科技工作", "开化县")
    r = resolve_region(text, title("p20.txt"), gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "开化县", "county", "浙江省", False)
    assert r.admin_code == "330824"


def test_partner_county_gives_the_province_not_the_name(gz):
    text = sentences("p07.txt", "科技下乡", "永新", "县级市")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        None, "county", "江西省", True)


def test_bare_mask_is_no_name(gz):
    text = sentences("p19.txt", "XX科技", "3家院士", "13家")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "city", "湖南省")


def test_masked_date_is_not_a_masked_name(gz):
    # the raw opening, with the form number the cleaner drops, and its "201X/X/XX县"
    text = through(dev_line("p23.txt", "编号"), "92个")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "county", None)


def test_masked_city_written_by_name_in_its_own_heading(gz):
    text = "\n".join([dev_sentence("p16.txt", "福州新区"), dev_line("p16.txt", "福州科技"),
                      dev_sentence("p16.txt", "先后修订")])
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "福州市", "city", "福建省", True)


def test_masked_city_named_only_in_a_university_stays_masked(gz):
    text = sentences("p28.txt", "宁波大学", "天使投资", "353项")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "xx市", "city", "浙江省", True)


def test_autonomous_prefecture_is_city_level(gz):
    text = dev_line("p43.txt", "海北州") + "\n" + sentences("p43.txt", "35项", "5个州级")
    r = resolve_region(text, title("p43.txt"), gz)
    assert (r.region_name, r.region_level, r.province_name) == (
        "海北藏族自治州", "city", "青海省")


def test_county_level_city_is_county(gz):
    text = sentences("p34.txt", "3月21日", "98件", "资助政策")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("兴义市", "county", "贵州省")


def test_district_named_in_the_title_under_its_city(gz):
    text = title("p44.txt") + "\n" + sentences("p44.txt", "153项", "94项", "11家")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (
        "昆都仑区", "district", "内蒙古自治区")


def test_a_district_report_of_guangxi_is_not_guangxi(gz):
    text = sentences("p13.txt", "齐心协力", "14次", "第33届", "13家企业")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "XX区", "district", "广西壮族自治区", True)


def test_no_self_reference_is_unknown(gz):
    r = resolve_region("今年以来,科技工作取得新进展,专利申请量增长。", None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == (None, "unknown", False)


def test_dev_corpus_accuracy(gz):
    """Name, level and province over the 25 dev reports (Traditional converted to Simplified)."""
    opencc = pytest.importorskip("opencc")
    gold_path = DEV / "gold" / "docs.jsonl"
    if not gold_path.exists():
        pytest.skip(f"dev corpus not found at {DEV}")
    t2s = opencc.OpenCC("t2s").convert

    def norm(s: str | None) -> str | None:
        return None if s is None else t2s(s).strip().replace("x", "X")

    lines = gold_path.read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    hits = {"name": 0, "level": 0, "province": 0}
    for g in gold:
        raw = (DEV / "docs" / g["doc"]).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        r = resolve_region(t2s(text), None, gz)
        hits["name"] += norm(r.region_name) == norm(g["region"]["name"])
        hits["level"] += r.region_level == g["region"]["level"]
        hits["province"] += norm(r.province_name) == norm(g["region"]["province"])
    for field, n in hits.items():
        assert n / len(gold) >= 0.8, (field, n)


def test_a_feature_names_its_city_in_the_subtitle(gz):
    # a news feature: a slogan for headline, the city only in the subtitle, then 我市/全市
    text = ("科技赋能强产业 创新驱动促发展\n——洛阳市推进企业科技创新工作侧记\n\n"
            "这是我市推动企业创新的一个缩影。今年1-10月,全市规上工业企业研发费用达到98.3亿元。"
            "全市共选派科技特派员1268名。\n")
    r = resolve_region(text, find_title(text), gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == ("洛阳市", "city", "河南省", False)


# ---- issue 7: reports the rules were not written on ------------------------------------

def test_a_blank_to_fill_in_is_a_mask(gz):
    # a county's national project named with its name left blank: `__县…`
    text = sentences("p15.txt", "我县申报", "科技富民")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == ("__县", "county", True)


@pytest.mark.parametrize("mask", ["○○县", "□□县", "〇〇县"])
def test_circles_and_boxes_are_masks(gz, mask):
    text = f"{mask}科技局2019年工作总结\n今年,我县科技工作取得新进展,新增高新技术企业3家。"
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == (mask, "county", True)


def test_a_mask_parted_from_its_unit_by_a_line_break(gz):
    # the raw title `XXX` / `市20` / `XX` / `年…总结`: the cleaner drops the lone mask lines
    raw = dev_raw("p14.txt")
    text = through(dev_clean("p14.txt"), "创业基地")
    r = resolve_region(text, None, gz, raw_text=raw)
    assert (r.region_name, r.is_masked) == ("XXX市", True)
    # a city whose own units are its towns, with no county in sight, is county-level
    assert r.region_level == "county"


def test_a_city_under_another_city_is_county_level(gz):
    # `申报镇江市级以上科技计划`, `镇江市下达的年度指标任务`: 镇江 is above the author
    text = sentences("p21.txt", "镇江市下达", "各级科技大会")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        None, "county", "江苏省", True)


def test_a_document_number_names_the_city_and_a_ranking_names_its_superior(gz):
    # `为瑞安赶超…`, `瑞政办(2023)60号`, `温州地区第2`: the author is 瑞安市, under 温州
    text = sentences("p22.txt", "为瑞安", "温州地区", "瑞政办")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "瑞安市", "county", "浙江省", True)


def test_the_own_side_of_a_partnership_names_the_masked_county(gz):
    # `XX县科技局共同组织的嘉善与上海科技合作交流对接机制`; 上海 is the partner
    text = sentences("p24.txt", "我县科技创新", "嘉善与上海")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "嘉善县", "county", "浙江省", True)


def test_a_zone_and_its_district_in_brackets(gz):
    # `结合金义新区(金东区)实际情况`: the district's own name, not the zone's
    text = title("p33.txt") + "\n" + sentences("p33.txt", "结合金义", "3.21%")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "金东区", "district", "浙江省", False)


def test_a_venue_does_not_give_the_province(gz):
    # `第二届中国(上海)国际技术进出口交易会` is where the county's firms went, not where it lies
    text = sentences("p25.txt", "我县203", "中国(上海)")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "county", None)


def test_a_slogan_and_a_project_name_the_county(gz):
    # made-up: a county named only in its slogan and in its own project
    head = "科技局工作总结\n今年,县科技局紧紧围绕县委、县政府中心工作。"
    for own in ("全力建设创新辰溪。辰溪县获评科技进步先进县。",
                "全县实施辰溪县油茶良种繁育示范项目,辰溪县获评科技进步先进县。"):
        r = resolve_region(head + own, None, gz)
        assert (r.region_name, r.region_level, r.province_name) == ("辰溪县", "county", "湖南省")
    # a partner's project is not the author's
    r = resolve_region(head + "全县与辰溪县结对共建示范项目,辰溪县获评先进。", None, gz)
    assert r.region_name is None


def test_a_provinces_abbreviation_gives_the_province(gz):
    # `滇红集团`, `优质滇红茶`: 滇 is Yunnan's and seldom anything else
    text = sentences("p32.txt", "县委、县人民政府的坚强", "滇红集团实施")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "county", "云南省")


def test_a_common_abbreviation_counts_before_a_product(gz):
    # `授予首批“云药之乡”称号`: 云 counts only at a word's start before 药/茶/菜/酒/烟
    text = sentences("p02.txt", "县委、政府", "云药")
    r = resolve_region(text, None, gz)
    assert (r.region_level, r.province_name) == ("county", "云南省")
    r = resolve_region(text.replace("“云药之乡”", "白云药业示范基地"), None, gz)
    assert r.province_name is None


def test_an_abbreviation_inside_a_persons_name_or_a_wider_region_is_none(gz):
    # `县科协主席刘黔云同志` names a person, not Guizhou
    r = resolve_region(sentences("p35.txt", "刘黔云"), None, gz)
    assert (r.region_level, r.province_name) == ("county", None)
    # made-up: 粤港澳 is a wider region (here a market), not the author's province
    r = resolve_region("我县科技工作稳步推进,全县企业积极对接粤港澳大湾区。", None, gz)
    assert r.province_name is None


def test_a_provinces_own_programme_gives_the_province(gz):
    # Zhejiang's `“315”科技创新体系`; Jiangxi's `鄱阳湖生态经济区`
    r = resolve_region(sentences("p39.txt", "315"), None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("XX区", "district", "浙江省")
    r = resolve_region(sentences("p15.txt", "鄱阳湖"), None, gz)
    assert (r.region_level, r.province_name) == ("county", "江西省")


def test_a_provinces_document_number_and_a_countys_project_do_not_name_a_city(gz):
    # made-up: 湘政发 is the province's number, not 湘潭's; a county-level city's
    # project in a (masked) city's report is one of its parts, not the author
    text = ("XX市科技局2020年工作总结\n全市科技工作稳步推进。按照湘政发〔2020〕3号文件要求,"
            "全市组织企业参加湘潭举办的成果对接活动。支持宜城市高端装备产业化项目。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == ("XX市", "city", True)


def test_an_ordinal_in_a_name_or_a_partner_is_not_a_superior(gz):
    # made-up: a city report naming a school and a partner city; it stays a city
    text = ("我市科技工作稳步推进,全市新增高新技术企业12家。向武汉市推介项目,"
            "支持市农科所、襄阳市第一中学建设科普基地。")
    r = resolve_region(text, None, gz)
    assert r.region_level == "city"


# ---- issue 7, round 2: fold C ---------------------------------------------------------

def test_a_common_noun_in_the_title_and_the_name_in_a_slogan(gz):
    # `市区科技局` is a downtown district's bureau (市区 is also 华龙区's former name);
    # its own name is written only in its goal `打造质量新鄞州`
    text = dev_clean("p42.txt")
    r = resolve_region(text, find_title(text), gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "鄞州区", "district", "浙江省", False)


@pytest.mark.parametrize("slogan, name, province", [
    ("紧紧围绕区委、区政府“建设活力新番禺”的目标", "番禺区", "广东省"),
    ("全县上下奋力打造实力新辰溪,", "辰溪县", "湖南省"),
    ("坚持以“科创嘉善”为引领", "嘉善县", "浙江省"),
])
def test_a_slogan_closing_on_a_short_name_names_the_author(gz, slogan, name, province):
    # made-up reports in a bureau's manner, the name written only in the slogan
    text = f"科技局工作总结\n今年以来,{slogan}全面推进科技创新工作,全年新增高新技术企业12家。"
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.province_name) == (name, province)


def test_no_slogan_without_its_verb_or_quotes(gz):
    # made-up: `创新合作`, `打造新平台` are no slogans; 合作 is not 合作市
    text = ("区科技局工作总结\n全区加强创新合作,深化产学研合作,打造新平台。"
            "全区新增高新技术企业12家。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "district", None)


def test_a_rank_within_a_named_city_puts_the_author_under_it(gz):
    # `居绍兴第2`, `均为绍兴第一`: a masked 市 ranking itself within a city is county-level
    text = sentences("p31.txt", "XX市科技局", "居绍兴第2", "均为绍兴第一")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "XX市", "county", "浙江省", True)


def test_a_rank_within_a_province_or_an_ordinal_in_a_name_keeps_a_city(gz):
    # made-up: a city ranking itself in its province, or naming a city's school, is a city
    for tail in ("全市新增高新技术企业35家,居湖北第二。",
                 "全市新增高新技术企业35家,支持嘉兴第一中学建设科普基地。"):
        r = resolve_region("XX市科技局2022年工作总结\n我市科技工作稳步推进," + tail, None, gz)
        assert (r.region_name, r.region_level) == ("XX市", "city")
    # made-up: the same rank within a named city makes it county-level
    r = resolve_region("XX市科技局2022年工作总结\n我市科技工作稳步推进,"
                       "全市新增高新技术企业35家,居嘉兴第一。", None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("XX市", "county", "浙江省")


def test_a_provinces_name_that_is_also_a_district_elsewhere_gives_the_province(gz):
    # `列入河北科技支撑计划`: 河北 is 河北省 here, not 天津's 河北区; its own programme
    text = "我县科技工作稳步推进。" + dev_sentence("p06.txt", "支撑计划")
    r = resolve_region(text, None, gz)
    assert (r.region_level, r.province_name) == ("county", "河北省")


def test_a_provinces_own_programme_outweighs_a_partner(gz):
    # `获批江苏省实验室建设项目`, `为我省获批…四家之一` against a partner in 上海
    text = sentences("p11.txt", "XX区科技局聚焦", "江苏省实验室", "为我省", "上海交大", "在上海")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("XX区", "district", "江苏省")
    # made-up: one partner mention each side; the programme tips it
    r = resolve_region("我县企业与上海交通大学签订合作协议。3个项目列入浙江省重点研发计划。",
                       None, gz)
    assert (r.region_level, r.province_name) == ("county", "浙江省")
    r = resolve_region("我县企业与上海交通大学签订合作协议。3个项目获浙江省表彰。", None, gz)
    assert r.province_name is None


def test_our_province_is_the_one_province_named(gz):
    # made-up: `我省`/`全省` and one 省 named: that is the author's; partners in 上海 are not
    text = ("我县获评全省科技进步先进县。组织企业赴上海市考察对接,与上海交通大学签订合作协议。"
            "江苏省科技厅领导来我县调研。")
    r = resolve_region(text, None, gz)
    assert (r.region_level, r.province_name) == ("county", "江苏省")
    # two provinces named (neither a partner): `全省` cannot tell which
    r = resolve_region("我县获评全省科技进步先进县。江苏省科技厅领导来我县调研。"
                       "安徽省科技厅专家来我县指导。", None, gz)
    assert r.province_name is None


def test_own_plans_a_rank_among_counties_and_a_masked_name_make_a_county(gz):
    # `位居全省各县之首`, `县本级科技计划`, `出台了《xx县…意见》`, while `市科技局` is its superior
    text = dev_clean("p06.txt")
    r = resolve_region(text, find_title(text), gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "xx县", "county", "河北省", True)


@pytest.mark.parametrize("own, level", [
    ("下达县本级科技计划40项", "county"),
    ("科技进步考核位居全省各县之首", "county"),
    ("专利授权量居全市各区(县)第一", "district"),
    ("出台了《XX县科技创新券管理办法》", "county"),
])
def test_each_own_level_cue_outweighs_a_superiors_bureau(gz, own, level):
    # made-up: a report naming its superior's bureau (`市科技局`) and speaking of itself once
    text = f"科技局半年工作总结\n今年,市科技局设立重大项目10个。我局积极谋划,{own}。"
    assert resolve_region(text, None, gz).region_level == level


def test_a_city_naming_a_masked_county_stays_a_city(gz):
    # made-up: a city's report that masks one of its counties
    text = ("XX市科技局2021年工作总结\n全市科技工作稳步推进,我市新增高新技术企业45家,"
            "XX县获评全国科技进步先进县,市本级科技投入增长12%。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level) == ("XX市", "city")
    # made-up: a city's list of masked counties is not the author hiding its name
    text = ("科技局2021年工作总结\n全市新增高新技术企业45家,其中XX县12家、XX县9家、XX县8家,"
            "XX县获评全国科技进步先进县。")
    assert resolve_region(text, None, gz).region_level == "city"


def test_an_autonomous_regions_own_organs_make_it_province_level(gz):
    # `在自治区党委、政府的大力支持下`, `自治区科技厅通过…`, `全区科技计划`: the region itself
    text = sentences("p36.txt", "大力支持", "自治区科技厅通过", "全区科技计划")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == (None, "province", True)


def test_an_autonomous_region_named_or_a_district_within_one(gz):
    # made-up: a region's report with its name in the title
    text = ("宁夏回族自治区科技厅2021年工作总结\n2021年,全区科技工作在自治区党委、政府的坚强领导下"
            "稳步推进,我区综合科技创新水平指数增长5%。")
    r = resolve_region(text, find_title(text), gz)
    assert (r.region_name, r.region_level, r.province_name) == (
        "宁夏回族自治区", "province", "宁夏回族自治区")
    # made-up: a district under the region's leadership has its own organs
    text = ("在自治区党委、政府和市委、市政府的正确领导下,区委、区政府高度重视科技工作,"
            "全区新增高新技术企业8家。")
    assert resolve_region(text, None, gz).region_level == "district"
    # made-up: a district whose projects the region's department approved
    text = "全区新增高新技术企业8家,获自治区科技厅立项12项,我区科技工作稳步推进。"
    assert resolve_region(text, None, gz).region_level == "district"


def test_a_partner_region_named_in_support_work_is_no_province(gz):
    # written in the reports' manner: the giver of 援疆 support is not the author's province
    text = ("XX县科技局2017年工作总结\n在山东省对口支援前方指挥部的大力帮助下,我县科技工作取得新进展。"
            "山东援疆前方指挥部安排科技援疆资金150万元,山东省农业科学院选派专家8名来县开展技术服务。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.province_name) == ("XX县", None)


def test_a_county_named_only_in_a_quoted_project_of_its_own(gz):
    # made up: the title says only 县, the county's name is in its own project's title
    text = ("县科技局2023年上半年工作总结\n上半年共组织申报省级科技计划项目14项。"
            "“会宁县小杂粮绿色高产技术集成示范”项目完成示范种植3200亩。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.is_masked) == ("会宁县", "county", False)


def test_a_provinces_own_bureau_is_the_province_its_words_point_to(gz):
    # made up: 省科技厅 never writes 贵州省 in full; its places and portals say which
    text = ("省科技厅2020年工作总结\n一年来,全省科技系统为贵州决战决胜脱贫攻坚提供有力支撑。"
            "在遵义、毕节、铜仁选派科技特派员。全省技术合同成交额达到213.9亿元。")
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("贵州省", "province", "贵州省")
    # a masked province's report keeps its mask (its own cities still name it)
    masked = resolve_region(text.replace("省科技厅", "XX省科技厅"), None, gz)
    assert masked.is_masked


def test_a_partner_region_of_east_west_cooperation_casts_no_vote(gz):
    # made up: a masked county helps a county of another province
    text = ("**县科技局2021年度工作总结\n全县R&D经费支出15.2亿元。\n六是对口合作。结对帮扶四川省青川县,"
            "落实东西部科技协作资金500万元,帮助青川引进白茶种植技术,新增茶园1200亩。")
    r = resolve_region(text, None, gz)
    assert r.region_name == "**县" and r.province_name != "四川省"


def test_a_masked_county_by_its_provinces_document_number(gz):
    # made up: the only trace of the province is its S&T department's document number;
    # `新建县级众创空间` is 县级 (county level), not Jiangxi's former 新建县
    text = ("XX县科技局2018年上半年工作总结\n根据省科技厅《关于开展高新技术企业培育工作的通知》"
            "(川科高〔2018〕5号)要求,XX县新建县级众创空间2家。")
    found = resolve_region(text, find_title(text), gz)
    assert (found.region_name, found.region_level, found.province_name) == ("XX县", "county", "四川省")


def test_a_superior_thanked_beside_a_partner_still_names_the_province(gz):
    # made up: guidance from the prefecture's bureau and help from a partner province
    text = ("XX县科技局2017年工作总结\n2017年,XX县科技局在自治区科技厅、喀什地区科技局的精心指导"
            "和山东省对口支援前方指挥部的大力帮助下,全县新认定高新技术企业2家。")
    found = resolve_region(text, find_title(text), gz)
    assert found.province_name == "新疆维吾尔自治区"
    # without the guidance the sentence is the partner's, and names no province of the author's
    partner_only = text.replace("在自治区科技厅、喀什地区科技局的精心指导和", "在")
    assert resolve_region(partner_only, find_title(partner_only), gz).province_name is None


def test_a_county_level_city_outnumbered_by_the_city_above_it(gz):
    # made up: named in the title, then ranked among and guided by its prefecture
    text = ("宜都市科学技术局2021年度工作总结\n一年来,市科技局在宜昌市科技局和市委、市政府的坚强领导下,"
            "全市研发投入强度2.35%,居宜昌各县市区前列。宜昌市级科技计划项目12项。")
    found = resolve_region(text, find_title(text), gz)
    assert (found.region_name, found.region_level, found.is_masked) == ("宜都市", "county", False)


@pytest.mark.parametrize("text", [
    # made up: a short name with a cue of its own; the prefecture guides it and pays it
    "市科技局局长2022年度述职报告\n在市委、市政府的坚强领导和成都市科技局的业务指导下,推动彭州科技工作取得"
    "新进展。争取到位四川省、成都市科技资金两千四百五十万元。",
    "在全市科技创新大会上的讲话\n同志们:\n2023年,宜都这座县级市的创新底气更足了。全年技术合同成交额"
    "六点二亿元,在宜昌各县市区排倒数第二。",
])
def test_a_county_level_city_named_by_its_short_name(gz, text):
    found = resolve_region(text, find_title(text), gz)
    assert found.region_level == "county" and found.region_name in ("彭州市", "宜都市")
    assert not found.is_masked


def test_a_development_zones_bureau_is_no_division(gz):
    # made up: the zone's name is no evidence of a city or district (the contract); the
    # province still comes from its own words
    text = ("海口高新区2023年科技创新成效显著\n记者从海口国家高新区科技创新局获悉,全区高新技术企业达到"
            "156家,占全市总数的三成。海南自由贸易港建设深入推进。")
    found = resolve_region(text, find_title(text), gz)
    assert (found.region_name, found.region_level, found.province_name) == (None, "unknown", "海南省")
    # a district with its own government that runs a zone is that district
    district = "区委、区政府" + text
    assert resolve_region(district, find_title(district), gz).region_level != "unknown"


def test_a_district_named_only_in_its_quoted_slogan_whose_word_runs_into_another_name(gz):
    # made up: in “创新余杭” the 新 of 创新 and 余 read as 新余 (a city of Jiangxi)
    text = ("区科技局2020年工作总结和2021年工作思路\n2020年，区科技局坚持以“创新余杭”建设为统领，"
            "全区科技创新主要指标保持全市前列。全区新认定高新技术企业312家。浙江省科技厅表彰。")
    found = resolve_region(text, find_title(text), gz)
    assert (found.region_name, found.region_level, found.province_name) == ("余杭区", "district", "浙江省")


def test_a_district_heading_its_years_results_is_the_author(gz):
    # made up, after a deputy director's 述职: the district is named twice, once as the
    # subject of a sentence its year frames, and the city above it for a ranking
    text = ("2023年度述职述廉报告\n区科技局副局长 王××\n本人分管高新技术企业培育工作。"
            "2023年，夷陵区新增高新技术企业42家，总数达到236家，居宜昌市各县市区第二。"
            "全区技术合同登记成交额达到46.8亿元。为夷陵高质量发展贡献科技力量。")
    r = resolve_region(text, "2023年度述职述廉报告", gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == ("夷陵区", "district", "湖北省", False)
    # a district named only in passing stays unknown
    plain = text.replace("2023年，夷陵区新增", "2023年，全区新增")
    assert resolve_region(plain, "2023年度述职述廉报告", gz).region_name is None


def test_a_county_named_only_by_its_projects_quoted_title(gz):
    # made up: the county's name opens a quoted project title, and nowhere else (its city
    # is named for guidance)
    text = ("2021年述职报告\n在定西市科技局的精心指导下，全县获批立项23项，争取到位资金1368万元，其中“陇西白条党参规范化种植关键技术"
            "集成与示范”获甘肃省科技重大专项支持260万元，是我县历年来单项支持额度最大的项目。全县新增高新技术企业5家。")
    r = resolve_region(text, "2021年述职报告", gz)
    assert (r.region_name, r.province_name, r.is_masked) == ("陇西县", "甘肃省", False)
    unquoted = text.replace("“陇西白条党参", "“白条党参")
    assert resolve_region(unquoted, "2021年述职报告", gz).region_name is None


def test_a_municipalitys_district_missing_from_the_source_is_in_the_gazetteer(gz):
    r = resolve_region("渝北区科学技术局2021年工作要点\n2021年，全区科技工作的总体要求是…", "渝北区科学技术局2021年工作要点", gz)
    assert (r.region_name, r.region_level, r.province_name) == ("渝北区", "district", "重庆市")
    assert not gz.by_name("两江新区")   # a national new area, no division


def test_a_masked_city_led_and_ranked_by_the_city_above_it_is_county_level(gz):
    # made up, a 述职 of a masked county-level city under 石家庄
    text = ("述职报告\n本人任XX市科技局局长以来，在市委、市政府和石家庄市科技局的正确领导下，认真履行职责。"
            "全年新增国家高新技术企业11家，在石家庄各县（市）中居第3位。全市专利授权增长12%。XX市科技工作…")
    r = resolve_region(text, "述职报告", gz)
    assert (r.region_name, r.region_level, r.province_name) == ("XX市", "county", "河北省")


def test_a_figure_of_one_of_the_regions_own_divisions_is_a_part(gz, extractor):
    # made up, a city's report: its district's figure beside the city's own of the same thing
    from loaders.region import mark_subdivision_parts

    text = "全市新增高新技术企业56家，其中张湾区新增高新技术企业14家。郧阳区新增高新技术企业9家；竹山县新建星创天地2家。"
    city = resolve_region("十堰市科技局2018年工作总结\n" + text, "十堰市科技局2018年工作总结", gz)
    assert city.region_name == "十堰市"
    phrases = {m.number_text: m.indicator_phrase
               for m in mark_subdivision_parts(extractor.extract(text), gz, city.admin_code)}
    assert phrases["9家"].startswith("其中之一…郧阳区")      # the city states its own: a part
    assert not phrases["56家"].startswith("其中")
    assert not phrases["2家"].startswith("其中")             # no city-wide figure: keeps its code
    # a county's report names no division below it
    county = resolve_region("竹山县科技局工作总结\n竹山县新建星创天地2家。", "竹山县科技局工作总结", gz)
    assert [m.indicator_phrase for m in mark_subdivision_parts(
        extractor.extract("竹山县新建星创天地2家。"), gz, county.admin_code)] == ["竹山县新建星创天地"]


@pytest.mark.parametrize("text, name, level, code", [
    # made up: reports of their time, by names their divisions have since changed
    ("弥勒县科技局2005年工作总结\n2005年，在县委、县政府和红河州科技局的领导下，全县实施科技项目16项。",
     "弥勒县", "county", "532504"),
    ("南康市科技局2008年工作总结\n2008年，南康市科技局在市委、市政府的正确领导下，全市获批赣州市科技计划项目12项。",
     "南康市", "county", "360703"),
])
def test_a_report_naming_itself_by_a_former_name_keeps_it_with_the_divisions_code(gz, text, name, level, code):
    region = resolve_region(text, text.split("\n")[0], gz)
    assert (region.region_name, region.region_level, region.admin_code) == (name, level, code)


def test_a_share_of_the_city_above_is_no_self_reference(gz):
    # made up: a district of a municipality whose only 全市 is the share it has of the city's
    title = "浦东新区科技和经济委员会2022年上半年科技创新工作总结"
    text = f"{title}\n上半年，新区认定登记技术合同6150项，技术合同成交额达到612.4亿元，占全市的42%左右。"
    region = resolve_region(text, title, gz)
    assert (region.region_name, region.region_level) == ("浦东新区", "district")


@pytest.mark.parametrize("text, name", [
    # made up: slogans ending in the county's or city's name
    ("县科技局2015年农业科技工作总结\n2015年，县科技局紧紧围绕“粮食稳产、农民增收、富美西平”目标，全县推广新技术12项。",
     "西平县"),
    ("在全市科技创新工作会议上的讲话\n全市高企数量净增72家。要深化人才政策，为奋力建设现代化新大庆提供科技支撑。", "大庆市"),
])
def test_a_slogan_names_its_region(gz, text, name):
    assert resolve_region(text, text.split("\n")[0], gz).region_name == name


def test_a_slogan_of_developing_the_county_names_no_county(gz):
    # made up: `开放兴县` is to develop the county by opening up, not 兴县 (山西)
    text = ("XX县科技局工作总结\n在县委、县政府的坚强领导下，紧紧围绕县委“绿色发展、开放兴县”的工作思路，"
            "全县实施科技项目16项。XX县科技局\n")
    assert resolve_region(text, "XX县科技局工作总结", gz).region_name == "XX县"


def test_a_zone_named_by_the_region_has_a_part_of_its_figures(gz, extractor):
    # made up: the city's own high-tech zone beside the city's figure of the same thing
    from loaders.region import mark_subdivision_parts

    text = "全市新增省级科技企业孵化器4家，其中大庆高新区新增省级科技企业孵化器1家。大庆高新区新增省级科技企业孵化器2家。"
    city = resolve_region("大庆市科技局2016年工作总结\n" + text, "大庆市科技局2016年工作总结", gz)
    phrases = [m.indicator_phrase for m in mark_subdivision_parts(extractor.extract(text), gz, city.admin_code)]
    assert phrases[-1].startswith("其中之一…大庆高新区") and not phrases[0].startswith("其中")
