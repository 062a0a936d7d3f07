"""clean_text and find_title on real lines and files of the dev corpus."""
from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from loaders.clean import clean_text, find_title, is_debris_line

DEV_DOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev" / "docs"
DEV_NAMES = sorted(p.name for p in DEV_DOCS.glob("*.txt")) if DEV_DOCS.exists() else []
TRADITIONAL = ["001_3b41ed0b22b5540a.txt", "002_cc872de75aeed8b2.txt", "p01.txt"]

# Real content lines around which debris is placed in the tests below.
TITLE = "市科技局2025年上半年工作总结"
CONTENT = "重组入列全国重点实验室9家;技术合同成交额达1759亿元;5项科技成果荣获国家科学技术奖。"


def dev_text(name: str) -> str:
    path = DEV_DOCS / name
    if not path.exists():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    if not DEV_NAMES:
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return {name: clean_text(dev_text(name)) for name in DEV_NAMES}


# --------------------------------------------------------- Traditional -> Simplified


@pytest.mark.parametrize("raw, clean", [
    ("關於科技局目標任務完成情況工作總結範文", "关于科技局目标任务完成情况工作总结范文"),
    ("培訓農民技術骨幹5000人次,培訓農民羣衆6000人次", "培训农民技术骨干5000人次,培训农民群众6000人次"),
    ("堅持以項目工作爲抓手,整合科技資源", "坚持以项目工作为抓手,整合科技资源"),
    ("今年以來,完成招商引資額5000萬元", "今年以来,完成招商引资额5000万元"),
    # Simplified text is left alone (tw2s would turn 显著 into 显着)
    ("全市创新体系持续健全,创新效能显著增强。", "全市创新体系持续健全,创新效能显著增强。"),
])
def test_traditional_to_simplified(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("name", TRADITIONAL)
def test_traditional_files_come_out_simplified(cleaned, name):
    t2s = opencc.OpenCC("t2s")
    assert t2s.convert(cleaned[name]) == cleaned[name]
    assert "總結" not in cleaned[name] and "总结" in cleaned[name]


# ------------------------------------------------------------------ pinyin glosses


@pytest.mark.parametrize("raw, clean", [
    ("XX縣科技創(chuàng)新工作在縣委、縣政府的正確領導和上級業(yè)務主管部門的大力支持下",
     "XX县科技创新工作在县委、县政府的正确领导和上级业务主管部门的大力支持下"),
    ("深入實施創(chuàng)新驅動發(fā)展戰(zhàn)略", "深入实施创新驱动发展战略"),
    ("據(jù)不完全統(tǒng)計", "据不完全统计"),
])
def test_pinyin_glosses_removed(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("line", [
    "国家第三代半导体技术创新中心(XXX)正式获批",
    "全省研发(R&D)投入占GDP比重提高到 2.52%",
    "《开化县全社会研究与试验发展经费支出提升三年行动方案(2020-2022年)》",
    "占地区生产总值(GDP)的比重15.6%",
    "入网仪器1069台(套)",
])
def test_ordinary_parentheses_kept(line):
    assert clean_text(line) == line


def test_no_gloss_left_in_glossed_file(cleaned):
    text = cleaned["001_3b41ed0b22b5540a.txt"]
    assert "(chuàng)" not in text and "(yè)" not in text and "创新" in text


# ---------------------------------------------------------------------- widths


@pytest.mark.parametrize("raw, clean", [
    ("技术合同成交额达１７５９亿元", "技术合同成交额达1759亿元"),
    ("全社会研发投入３６７．１亿元，同口径增长１７．１％。", "全社会研发投入367.1亿元,同口径增长17.1%。"),
    ("（一）科技园区建设取得重大突破。", "(一)科技园区建设取得重大突破。"),
    ("一年来，我们主要狠抓以下５个方面的工作：", "一年来,我们主要狠抓以下5个方面的工作:"),
    ("高新技术企业１．３万家～２．９万家", "高新技术企业1.3万家~2.9万家"),
    ("ＧＤＰ比重", "GDP比重"),
    # kept: circled numbers, enumeration comma, book-title marks, dashes
    ("任务是:①收集本年度企业科技成果2条以上;②完成10万元以上", None),
    ("《关于加快天使投资发展的若干意见》、“魅力中国——外籍人才眼中最具吸引力的中国城市”", None),
])
def test_widths(raw, clean):
    assert clean_text(raw) == (raw if clean is None else clean)


def test_full_width_corpus_cleans_like_half_width(cleaned):
    to_full = {ord(c): chr(ord(c) + 0xFEE0) for c in ",:;()!?%0123456789."}
    for name in ("004_fca62a6dc78bee06.txt", "p17.txt", "p29.txt", "p43.txt"):
        assert clean_text(dev_text(name).translate(to_full)) == cleaned[name]


# ---------------------------------------------------------------------- debris


@pytest.mark.parametrize("debris", [
    # navigation and breadcrumbs
    "当前位置:文山文库网>述职报告 > 科技局上年度述职报告(2024年)",
    "当前位置:首页 > 办公文档 > 工作范文 > 科技局2022年上半年工作总结范文",
    "当前位置: > 总结大全 > 年度总结",
    "位置:首頁 > 事務文書 > 工作總結",
    "千县博览园>>海北藏族自治州>>海北动态 |",
    "找總結網(wǎng) > 工作計劃 > 單位工作計劃 > 科技局2020年上半年工作總結和下半年工作計劃",
    "- 上一篇:科技局局長招商引資工作匯報",
    "- 下一篇:科技局開展企業服務年活動情況匯報",
    "推荐访问:科技局上年度述职报告 科技局 述职报告 年度",
    # copyright and licences
    "Copyright©2024 文山文库网 版权所有 备案号:苏ICP备10224236号-1",
    "声明:本网站尊重并保护知识产权,根据《信息网络传播权保护条例》,如果我们转载的作品侵犯了您的权利,请在一个月内通知我们,我们会及时删除。",
    # upload / publication stamps and counters
    "时间:2024-01-30 11:00:07",
    "時間:2022-07-24 08:47:42",
    "发布时间:2024-05-06 07:40:02 查看人数:62",
    "浏览量:63",
    "发布时间:2025-08-10",
    "时间 : 2017-07-04 05:07:18 【字体: 【打印】",
    "• 2022-04-24 发布",
    # document-sharing boilerplate
    "下面是小编为大家整理的科技局上年度述职报告(2023年),供大家参考。",
    "导语:科技局工作總結暨工作計劃一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。",
    "前言:本站为你精心整理了科技局科技创新总结范文,希望能为你的创作提供参考价值,我们的客服老师可以帮助你提供个性化的参考范文,欢迎咨询。",
    "《科技局年度工作总结(二).doc》由会员分享,可在线阅读,更多相关《科技局年度工作总结(二).doc(9页珍藏版)》请在淘文阁 - 分享文档赚钱的网站上搜索。",
    "全文预览已结束",
    "下载本文档",
    "版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领",
    "文档简介",
    "科技上半年工作总结和下一步计划.doc_第1页",
    "科技局2020年度工作总结及2021年工作思路_第2页",
    "• 31.29 KB",
    "• 4页",
    "• 当前文档由用户上传发布,收益归属用户",
    "1. 1、本文档由用户上传,淘文库整理发布,可阅读全部内容。",
    "4. 网站客服QQ:403074932",
    "(未完,全文共1968字,当前显示644字)",
    "(请认真阅读下面的提示信息)",
    "……(开头部分已省略573字)",
    "您好,欢迎访问三七文档",
    "奋书文库,欢迎您!",
    "如PPT文件的首页显示word图标,表示该PPT已包含配套word讲稿。双击word图标可打开word文档。",
    "- 配套讲稿:",
    "| cwl2",
    "53769",
    "|",
    # the same kinds as government pages write them
    "首页 > 新闻中心 > 工作动态",
    "发布日期：2023年05月12日 浏览次数：1234",
    "【字体：大 中 小】【打印】【关闭】",
    "扫一扫在手机打开当前页",
    "索引号:11330100002489/2021-00012",
    "网站地图 | 联系我们 | 关于我们",
])
def test_debris_line_removed(debris):
    assert clean_text(f"{TITLE}\n{debris}\n{CONTENT}") == f"{TITLE}\n{CONTENT}"


@pytest.mark.parametrize("line", [
    "全年查处假冒侵权专利案件12件,处理结案12件。",
    "立案查处假冒专利违法案件39件,受理专利侵权纠纷案件15件",
    "推荐申报高新技术企业1家及以上并获得认定。",
    "加大与XX新闻频道电视媒体合作,继续与XX晚报、红网开展科技宣传战略,发布原创报道300余篇;",
    "每人全年调研时间不少于30天,帮助企业培育开发科技项目100个以上",
    "代表政府履行德源基金相关管理职责,项目投资金额1.02亿元,带动其他基金投资1.59亿元。",
    "一、主要工作情况",
    "(一)创新平台体系持续夯实。",
    "2、园区建设工作。",
    "二是着力创新环境优化,构筑创新发展新常态",
    "一年来,我们主要狠抓以下5个方面的工作:",
])
def test_content_line_kept(line):
    assert clean_text(f"{TITLE}\n{line}\n{CONTENT}") == f"{TITLE}\n{line}\n{CONTENT}"
    assert not is_debris_line(line)


@pytest.mark.parametrize("raw, clean", [
    # a title glued to its metadata keeps the title and the publisher
    ("2010年海北州科技工作成效显著文章来源:海北州人民政府门户网 点击数:1203 更新时间:2010-12-21 13:52:57",
     "2010年海北州科技工作成效显著\n来源:海北州人民政府门户网"),
    ("时间 : 2017-07-04 05:07:18 来源 : 广东省科技厅 【字体: 【打印】", "来源:广东省科技厅"),
    # inline packaging goes, the text stays
    ("编号:392975859县科学技术局2017年绩效工作总结", "县科学技术局2017年绩效工作总结"),
    ("①高新技术企业培育任务:A.已培育了XX中源山泉有限[标签:介绍]", "①高新技术企业培育任务:A.已培育了XX中源山泉有限"),
    ("第1篇 市科技局年度工作总结及下一年计划 6150字", "市科技局年度工作总结及下一年计划"),
    ("篇一:乡镇年度科技局工作总结", "乡镇年度科技局工作总结"),
    ("科技局年度工作总结(二).doc", "科技局年度工作总结(二)"),
    ("起到了支撑和引领作用。 |", "起到了支撑和引领作用。"),
])
def test_debris_fragments_removed(raw, clean):
    assert clean_text(raw) == clean


def test_html_page_and_character_references():
    page = ("<html><head><title>市科技局2025年上半年工作总结</title><style>p{margin:0}</style>"
            "</head>\n<body><div>当前位置:首页 &gt; 工作总结</div>\n<p>&ldquo;科技贷&rdquo;累计支持"
            "企业超3800家次,投放贷款超230亿元。</p><p>全省研发(R&D)投入占GDP比重提高到 2.52%</p>"
            "</body></html>")
    assert clean_text(page) == (
        "市科技局2025年上半年工作总结\n\n“科技贷”累计支持企业超3800家次,投放贷款超230亿元。\n\n"
        "全省研发(R&D)投入占GDP比重提高到 2.52%")


def test_plain_text_with_angle_brackets_is_not_html():
    line = "高新技术产业增加值增速>10%,研发投入强度<3%的县区"
    assert clean_text(line) == line


def test_site_name_above_breadcrumb_removed(cleaned):
    # p01 opens with the site's name, then a breadcrumb, then the title
    assert dev_text("p01.txt").startswith("博文谷")
    assert cleaned["p01.txt"].startswith("关于科技局目标任务完成情况工作总结范文\n")


def test_keyword_tail_removed(cleaned):
    # 000 ends with the sharing site's notes and a keyword list
    text = cleaned["000_f566bb897bdedf27.txt"]
    assert text.endswith("先后4次组织干部观看了学廉政准则做廉政模范")
    for debris in ("配套讲稿", "特殊限制", "关 键 词", "限制150内"):
        assert debris not in text


def test_short_title_under_breadcrumb_kept():
    raw = f"当前位置:首页 > 工作动态\n砥砺奋进谱新篇\n{CONTENT}"
    assert clean_text(raw) == f"砥砺奋进谱新篇\n{CONTENT}"


def test_shared_document_pages_joined(cleaned):
    # 000 and p26 are cut into pages numbered 1、2、… wherever the cut fell
    text = cleaned["000_f566bb897bdedf27.txt"]
    assert "其中进京21次、赴省67次" in text
    assert "一、突出八大重点" in text
    assert "“2021北京跨国技术转移大会”" in text
    assert "\n3、" not in text and "\n2、" not in text
    assert "建设为我市重点培育的战略性新兴产业,先后出台" in cleaned["p26.txt"]


def test_numbered_paragraphs_not_joined(cleaned):
    # 002's own numbered paragraphs end with 。 and stay as they are
    text = cleaned["002_cc872de75aeed8b2.txt"]
    assert "\n1、招商引资工作成效显著。" in text
    assert "\n2、全社会研发投入工作扎实开展。" in text


def test_closing_signature_kept():
    raw = f"{TITLE}\n{CONTENT}\nXX县科学技术局\n2020年12月30日\n- 上一篇:科技局局长招商引资工作汇报"
    assert clean_text(raw) == f"{TITLE}\n{CONTENT}\nXX县科学技术局\n2020年12月30日"


@pytest.mark.parametrize("marker", [
    "当前位置", "位置:首页", "ICP备", "Copyright", "小编", "_第", ".doc", "浏览量", "查看人数",
    "点击数", "更新时间", "发布时间", "全文预览", "下载本文档", "上一篇", "下一篇", "本站",
    "客服", "(chuàng)", "KB", "编号:", "[标签", "全文共", "已省略", "欢迎", "博文谷",
])
def test_no_debris_left_in_dev_corpus(cleaned, marker):
    assert [name for name, text in cleaned.items() if marker in text] == []


def test_every_report_quantity_line_survives(cleaned):
    # a line of the raw file that states 亿元/万元 amounts is content: it must
    # still be in the clean text (up to conversion and gloss removal)
    t2s = opencc.OpenCC("t2s")
    for name in DEV_NAMES:
        for line in dev_text(name).split("\n"):
            if "亿元" in line or "万元" in line or "萬元" in line or "億元" in line:
                # a sharing site's page number (`3、`) goes when its pages are joined
                expected = re.sub(r"^\d{1,3}、", "", clean_text(line))
                assert expected and expected in cleaned[name], (name, line[:40])
                assert t2s.convert(expected) == expected


# ------------------------------------------------------------------ white space


def test_line_endings_and_blank_runs():
    raw = "  经信科技工作总结  \r\n\r\n\r\n\r\n(一)持续跟进政策激励工作。\t \r\n\r\n"
    assert clean_text(raw) == "经信科技工作总结\n\n(一)持续跟进政策激励工作。"


def test_repeated_title_collapsed(cleaned):
    assert dev_text("p20.txt").count("经信科技工作总结\n") == 3
    assert cleaned["p20.txt"].count("经信科技工作总结\n") == 1


def test_spaces_collapsed_inside_lines():
    raw = "科技局XX年上半年工作总结一、取得的工作成效   1、科技项目。"
    assert clean_text(raw) == "科技局XX年上半年工作总结一、取得的工作成效 1、科技项目。"


@pytest.mark.parametrize("raw", ["", "\n\n", "|\n|\n"])
def test_nothing_left(raw):
    assert clean_text(raw) == ""


# ------------------------------------------------------------------ idempotence


def test_idempotent_on_dev_corpus(cleaned):
    for name, text in cleaned.items():
        assert clean_text(text) == text, name


def test_deterministic(cleaned):
    name = "004_fca62a6dc78bee06.txt"
    assert clean_text(dev_text(name)) == cleaned[name]


# ------------------------------------------------------------------------ titles


@pytest.mark.parametrize("name, title", [
    ("000_f566bb897bdedf27.txt", "科技局年度工作总结(二)"),
    ("001_3b41ed0b22b5540a.txt", "科技局2020年上半年工作总结和下半年工作计划"),
    ("002_cc872de75aeed8b2.txt", "科技局工作总结暨工作计划"),
    ("p01.txt", "关于科技局目标任务完成情况工作总结"),
    ("p03.txt", "科技局领导班子工作总结"),
    ("p07.txt", "科技上半年工作总结和下一步计划"),
    ("p08.txt", "科技局xx年上半年工作总结"),
    ("p16.txt", "市科技局年度工作总结及下一年计划"),
    ("p17.txt", "市科技局2025年上半年工作总结"),
    ("p18.txt", "科技局2020年度工作总结及2021年工作思路"),
    ("p23.txt", "县科学技术局2017年绩效工作总结"),
    ("p26.txt", "市科学技术局上半年工作总结与下年工作思路"),
    ("p27.txt", "地区科技工作要点"),
    ("p29.txt", "2016年科技工作总结和2017年科技工作重点"),
    ("p38.txt", "县科技局长现实表现材料"),
    ("p43.txt", "2010年海北州科技工作成效显著"),
    ("p44.txt", "包头市昆都仑区“十三五”科学技术发展规划"),
    # no title on the page: a news item opening with a sentence, a bare excerpt
    ("p34.txt", None),
    ("003_359fa4cc5da14e9f.txt", None),
])
def test_find_title(cleaned, name, title):
    assert find_title(cleaned[name]) == title


@pytest.mark.parametrize("clean, title", [
    ("一、科技工作\n完成2017年上半年综合科技进步水平监测指数有关指标统计工作;", None),
    ("来源:广东省科技厅\n2016年科技工作总结和2017年科技工作重点", "2016年科技工作总结和2017年科技工作重点"),
    ("科技局2020年工作总结和2020年工作计划精选\n2020年,全市科技系统…", "科技局2020年工作总结和2020年工作计划"),
    ("", None),
])
def test_find_title_on_lines(clean, title):
    assert find_title(clean) == title
