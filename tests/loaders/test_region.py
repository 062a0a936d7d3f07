"""Region resolution on short excerpts of the dev corpus (Simplified, as the cleaner gives)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.gazetteer import Gazetteer, load_gazetteer
from loaders.region import resolve_region

REPO = Path(__file__).resolve().parents[2]
CSV_PATH = REPO / "seeds" / "reference" / "admin_divisions.csv"
DEV = REPO / ".." / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer(CSV_PATH)


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
    text = ("县科技局长现实表现材料\n2024年,先后被评为2024年度全省市县防震减灾工作综合考核优秀单位、"
            "2024年度全市科技工作综合先进单位。全省排名由倒数跃居全省中游水平,获评全省专利进步十强县;"
            "牵头制定《xx县加快科技创新驱动发展若干措施》,推动县财政科技支出增长15%。"
            "全县共组织申报xx省级重点新产品,其中xx个通过了省厅的验收。")        # p38.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "xx县", "county", None, True)


def test_a_masked_level_is_not_a_masked_name(gz):
    r = resolve_region("全省共组织申报xx省级重点新产品,我省科技工作稳步推进。", None, gz)  # p38
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
    text = ("全年来,我局在区委区政府的正确领导下,在省市科技部门的大力支援下,顺利完成了各项目标任务。"
            "我区被陕西省知识产权局授予“知识产权工程试点县区”。")       # p01.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "district", "陕西省")


def test_province_report(gz):
    text = ("时间 : 2017-07-04 05:07:18 来源 : 广东省科技厅\n"
            "2016年,在省委、省政府的正确领导下,广东把创新驱动发展战略作为全省发展的核心战略,"
            "全省科技工作由深入谋划布局转入全面推进落实阶段。")             # p29.txt
    r = resolve_region(text, "2016年科技工作总结和2017年科技工作重点", gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "广东省", "province", "广东省", False)


def test_county_named_by_its_own_documents(gz):
    text = ("2020年,我县科技工作紧紧围绕县委、县政府中心工作和省市科技部门工作部署。"
            "参与制定出台了《开化县全社会研究与试验发展经费支出提升三年行动方案(2020-2022年)》、"
            "《关于印发开化县科技创新券实施办法》等政策文件。")             # p20.txt
    r = resolve_region(text, "经信科技工作总结", gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "开化县", "county", "浙江省", False)
    assert r.admin_code == "330824"


def test_partner_county_gives_the_province_not_the_name(gz):
    text = ("分别在乡、乡、分场举办了三次全市性的科技下乡咨询活动。"
            "三是6月与永新科技局联合在永新开展了培训活动,我市选派相关人员专程参加了培训。"
            "这是目前全国县级市中唯一一家获批的国家级农业科技园。")        # p07.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        None, "county", "江西省", True)


def test_bare_mask_is_no_name(gz):
    text = ("2020年,全市科技系统认真贯彻落实党的十九大精神,不断提高XX科技创新管理水平。"
            "在市委市政府正确领导下,我市3家院士专家工作站荣膺全省十大模范院士专家工作站。"
            "省级科普基地达13家,仅次于长沙。")                               # p19.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "city", "湖南省")


def test_masked_date_is_not_a_masked_name(gz):
    text = ("编号:392975859县科学技术局2017年绩效工作总结201X/X/XX县科学技术局2017年绩效工作总结"
            "年度工作任务及完成情况1.防震减灾。我县含80名学生以上的教学点有92个。")  # p23.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (None, "county", None)


def test_masked_city_written_by_name_in_its_own_heading(gz):
    text = ("20xx年,xx市科技工作在市委、市政府的领导下,按照市委、市政府“全力推进福州新区开放开发”"
            "的战略部署。\n一、20xx年福州科技工作\n我市先后修订、出台一系列促进科技创新的政策文件。")  # p16
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "福州市", "city", "福建省", True)


def test_masked_city_named_only_in_a_university_stays_masked(gz):
    text = ("由宁波大学为主完成的项目获得国家自然科学二等奖(这是我市首次获得的国家自然科学奖)。"
            "我局会同市经信委、市财政局制定了《xx市天使投资引导基金管理暂行办法》,"
            "xx市首支机构化的天使投资基金正式设立。新引进中科院宁波材料所碳纤维项目。")  # p28
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name, r.is_masked) == (
        "xx市", "city", "浙江省", True)


def test_autonomous_prefecture_is_city_level(gz):
    text = ("2010年海北州科技工作成效显著文章来源:海北州人民政府门户网\n"
            "2010年度,全州共申报国家级、省级各类科技(协)项目35项。"
            "《气候变化对海北州农牧业影响评估研究》等5个州级项目通过项目验收。")  # p43.txt
    r = resolve_region(text, "2010年海北州科技工作成效显著", gz)
    assert (r.region_name, r.region_level, r.province_name) == (
        "海北藏族自治州", "city", "青海省")


def test_county_level_city_is_county(gz):
    text = ("3月21日,兴义市工科局党组成员组织召开第一季度科技工作总结会。"
            "邀请省内3家有资质的知识产权事务所到兴义市开展专利申请服务,全市有效发明专利达到98件;"
            "制定《兴义市2017年发明专利申请资助政策》。")                    # p34.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == ("兴义市", "county", "贵州省")


def test_district_named_in_the_title_under_its_city(gz):
    text = ("包头市昆都仑区“十三五”科学技术发展规划\n"
            "截至目前,昆区共实施国家、自治区、市级科技项目153项,获得包头市科技进步奖94项,"
            "占全市的39.2%。全区拥有科研院所11家。")                         # p44.txt
    r = resolve_region(text, None, gz)
    assert (r.region_name, r.region_level, r.province_name) == (
        "昆都仑区", "district", "内蒙古自治区")


def test_a_district_report_of_guangxi_is_not_guangxi(gz):
    text = ("2021年上半年,在区委、区政府的正确领导下,我们同志齐心协力。"
            "开展XX区2021年为民办实事科普活动;支持辖区中小学校参加了第33届广西青少年科技创新大赛;"
            "按照2021年广西科技计划项目申报要求,推荐辖区13家企业申报柳州市科技计划项目。")  # p13
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
