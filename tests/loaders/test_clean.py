"""clean_text and find_title on real lines and files of the dev corpus.

Text of the seed reports (000-004, shipped in seeds/reports) is quoted here; text
of the other dev reports (p*.txt) is read from ../shared at run time, found by a
short needle (a number with its unit, a few generic words), and the expected
values are computed from it.
"""
from __future__ import annotations

import functools
import re

import opencc
import pytest

from loaders.clean import clean_text, find_title, is_debris_line
from tests.conftest import DEV_DOCS, dev_clean, dev_line, dev_raw, dev_sentence

DEV_NAMES = sorted(p.name for p in DEV_DOCS.glob("*.txt")) if DEV_DOCS.exists() else []
TRADITIONAL = ["001_3b41ed0b22b5540a.txt", "002_cc872de75aeed8b2.txt", "p01.txt"]
T2S = opencc.OpenCC("t2s")

# Seed lines (004) around which debris is placed in the tests below.
TITLE = "科技局上年度述职报告(2024年)"
CONTENT = "完成研发投入9.52亿元,年度完成率121.5%;"


@pytest.fixture(scope="module")
def dev_names() -> list[str]:
    if not DEV_NAMES:
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return DEV_NAMES


# ------------------------------------------------------- text read from the corpus


def clause(text: str, needle: str, count: int = 1) -> str:
    """`count` comma-separated clauses of `text`, from the one holding `needle`."""
    part = r"[^,;。:、\n]*"
    match = re.search(part + re.escape(needle) + part + (r"," + part) * (count - 1), text)
    assert match, f"{needle!r} not found"
    return match.group()


def raw_line(name: str, needle: str) -> str:
    return dev_line(name, needle).strip()


def clean_line(name: str, needle: str) -> str:
    return dev_line(name, needle, clean=True)


def dev_clause(name: str, needle: str, count: int = 1) -> str:
    return clause(dev_clean(name), needle, count)


def full_width(text: str) -> str:
    """ASCII printing characters as their full-width forms (0x21-0x7E -> U+FF01-U+FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def dev(fn, name: str, needle: str, *args):
    """A case read from the dev corpus when the test runs (a missing corpus skips it)."""
    return pytest.param(functools.partial(fn, name, needle, *args), id=f"{name}:{needle}")


def resolve(case):
    return case() if callable(case) else case


# --------------------------------------------------------- Traditional -> Simplified


@pytest.mark.parametrize("raw, clean", [
    ("今年以來,完成招商引資額5000萬元", "今年以来,完成招商引资额5000万元"),
])
def test_traditional_to_simplified(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("needle, count, words", [
    ("範文", 1, ("关于", "目标", "总结范文")),
    ("5000人次", 2, ("培训", "骨干", "群众")),          # 羣衆 is a variant form
    ("抓手", 2, ("坚持", "为抓手", "资源")),
])
def test_traditional_dev_lines_to_simplified(needle, count, words):
    raw = clause(dev_raw("p01.txt"), needle, count)
    out = clean_text(raw)
    assert out != raw and out == T2S.convert(raw)
    for word in words:
        assert word in out


def test_simplified_text_left_alone():
    # tw2s would turn 显著 into 显着
    sentence = dev_sentence("p17.txt", "显著增强")
    assert clean_text(sentence) == sentence


@pytest.mark.parametrize("name", TRADITIONAL)
def test_traditional_files_come_out_simplified(name):
    text = dev_clean(name)
    assert T2S.convert(text) == text
    assert "總結" not in text and "总结" in text


# ------------------------------------------------------------------ pinyin glosses


@pytest.mark.parametrize("raw, clean", [
    ("XX縣科技創(chuàng)新工作在縣委、縣政府的正確領導和上級業(yè)務主管部門的大力支持下",
     "XX县科技创新工作在县委、县政府的正确领导和上级业务主管部门的大力支持下"),
    ("深入實施創(chuàng)新驅動發(fā)展戰(zhàn)略", "深入实施创新驱动发展战略"),
    ("據(jù)不完全統(tǒng)計", "据不完全统计"),
])
def test_pinyin_glosses_removed(raw, clean):
    assert clean_text(raw) == clean


def _gdp_share():
    # p27 names the share without an abbreviation; (GDP) is put in after it
    share = dev_clause("p27.txt", "15.6%")
    assert "生产总值" in share
    return share.replace("生产总值", "生产总值(GDP)")


def _plan_title():
    # the book title holding the years, brackets and all
    years = "2020-2022年"
    return re.search(rf"《[^》]*\({years}\)》", dev_sentence("p20.txt", years)).group()


@pytest.mark.parametrize("line", [
    "国家第三代半导体技术创新中心(XXX)正式获批",
    dev(dev_clause, "p29.txt", "2.52%"),
    pytest.param(_plan_title, id="p20.txt:plan-title"),
    pytest.param(_gdp_share, id="p27.txt:15.6%"),
    dev(dev_clause, "p17.txt", "1069台"),
])
def test_ordinary_parentheses_kept(line):
    line = resolve(line)
    assert "(" in line
    assert clean_text(line) == line


def test_no_gloss_left_in_glossed_file():
    text = dev_clean("001_3b41ed0b22b5540a.txt")
    assert "(chuàng)" not in text and "(yè)" not in text and "创新" in text


# ---------------------------------------------------------------------- widths


@pytest.mark.parametrize("raw, clean", [
    ("全社会研发投入３６７．１亿元，同口径增长１７．１％。", "全社会研发投入367.1亿元,同口径增长17.1%。"),
    ("ＧＤＰ比重", "GDP比重"),
])
def test_widths(raw, clean):
    assert clean_text(raw) == clean


def _heading_from_sentence():
    sentence = dev_sentence("p03.txt", "(一)")
    return sentence[sentence.index("(一)"):]


def _enterprise_range():
    counts = re.findall(r"\d+\.\d+万家", dev_sentence("p17.txt", "1.3万家"))
    assert len(counts) == 2
    return "高新技术企业" + "~".join(counts)


@pytest.mark.parametrize("half", [
    dev(dev_clause, "p17.txt", "1759亿元"),
    pytest.param(_heading_from_sentence, id="p03.txt:(一)"),
    dev(clean_line, "p19.txt", "5个方面"),
    pytest.param(_enterprise_range, id="p17.txt:1.3万家"),
])
def test_full_width_dev_lines(half):
    half = resolve(half)
    raw = full_width(half)
    assert raw != half
    assert clean_text(raw) == half


def _circled_tasks():
    return re.search(r"任务是:①[^;]*;②[^(;。]*", clean_line("p23.txt", "①收集")).group()


def _book_titles_and_dash():
    title = re.search(r"《[^》]*》", dev_sentence("p28.txt", "天使投资")).group()
    return f"{title}、“魅力中国——外籍人才眼中最具吸引力的中国城市”"


@pytest.mark.parametrize("line", [
    pytest.param(_circled_tasks, id="p23.txt:circled"),
    pytest.param(_book_titles_and_dash, id="p28.txt:book-title"),
])
def test_widths_kept(line):
    # circled numbers, enumeration comma, book-title marks, dashes stay as they are
    line = resolve(line)
    assert clean_text(line) == line


def test_full_width_corpus_cleans_like_half_width():
    to_full = {ord(c): chr(ord(c) + 0xFEE0) for c in ",:;()!?%0123456789."}
    for name in ("004_fca62a6dc78bee06.txt", "p17.txt", "p29.txt", "p43.txt"):
        assert clean_text(dev_raw(name).translate(to_full)) == dev_clean(name)


# ---------------------------------------------------------------------- debris


@pytest.mark.parametrize("debris", [
    # navigation and breadcrumbs
    "当前位置:文山文库网>述职报告 > 科技局上年度述职报告(2024年)",
    dev(raw_line, "p13.txt", "当前位置"),
    dev(raw_line, "p16.txt", "当前位置"),
    dev(raw_line, "p01.txt", "位置"),
    dev(raw_line, "p43.txt", ">>"),
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
    dev(raw_line, "p16.txt", "查看人数"),
    dev(raw_line, "p17.txt", "浏览量"),
    dev(raw_line, "p17.txt", "发布时间"),
    dev(raw_line, "p08.txt", "发布"),
    # document-sharing boilerplate
    "下面是小编为大家整理的科技局上年度述职报告(2023年),供大家参考。",
    "导语:科技局工作總結暨工作計劃一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。",
    "前言:本站为你精心整理了科技局科技创新总结范文,希望能为你的创作提供参考价值,我们的客服老师可以帮助你提供个性化的参考范文,欢迎咨询。",
    "《科技局年度工作总结(二).doc》由会员分享,可在线阅读,更多相关《科技局年度工作总结(二).doc(9页珍藏版)》请在淘文阁 - 分享文档赚钱的网站上搜索。",
    dev(raw_line, "p07.txt", "全文预览"),
    dev(raw_line, "p07.txt", "下载本文档"),
    dev(raw_line, "p07.txt", "版权说明"),
    dev(raw_line, "p07.txt", "文档简介"),
    dev(raw_line, "p07.txt", "_第1页"),
    dev(raw_line, "p18.txt", "_第2页"),
    dev(raw_line, "p08.txt", "KB"),
    dev(raw_line, "p08.txt", "4页"),
    dev(raw_line, "p08.txt", "当前文档"),
    dev(raw_line, "p08.txt", "淘文库"),
    dev(raw_line, "p08.txt", "QQ"),
    dev(raw_line, "p27.txt", "全文共"),
    dev(raw_line, "p27.txt", "提示信息"),
    dev(raw_line, "p38.txt", "已省略"),
    dev(raw_line, "p13.txt", "欢迎访问"),
    dev(raw_line, "p17.txt", "欢迎您"),
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
    # a list of links to other articles, each a title and its date
    "· 我市15家企业获评省级“专精特新”企业　2019-12-20",
    "· 上党区：科技特派员助力乡村振兴 2022-09-15",
    "· 我县3家企业获评高新技术企业 20XX-12-06",
])
def test_debris_line_removed(debris):
    debris = resolve(debris)
    assert clean_text(f"{TITLE}\n{debris}\n{CONTENT}") == f"{TITLE}\n{CONTENT}"


def test_time_stamp_without_source_removed():
    # p29's stamp line with its 来源 field taken out is debris all through
    line = raw_line("p29.txt", "【打印】")
    stamp = re.sub(r"来源 : \S+ ", "", line)
    assert stamp != line and "【字体" in stamp
    assert clean_text(f"{TITLE}\n{stamp}\n{CONTENT}") == f"{TITLE}\n{CONTENT}"


@pytest.mark.parametrize("line", [
    dev(dev_sentence, "p30.txt", "12件"),
    "立案查处假冒专利违法案件39件,受理专利侵权纠纷案件15件",
    dev(dev_sentence, "p23.txt", "获得认定"),
    "加大与XX新闻频道电视媒体合作,继续与XX晚报、红网开展科技宣传战略,发布原创报道300余篇;",
    "每人全年调研时间不少于30天,帮助企业培育开发科技项目100个以上",
    dev(dev_sentence, "p19.txt", "1.59亿元"),
    dev(clean_line, "p17.txt", "主要工作"),
    dev(dev_sentence, "p17.txt", "(一)"),
    dev(dev_sentence, "p07.txt", "2、"),
    dev(clean_line, "p19.txt", "二是"),
    dev(clean_line, "p19.txt", "5个方面"),
])
def test_content_line_kept(line):
    line = resolve(line)
    assert clean_text(f"{TITLE}\n{line}\n{CONTENT}") == f"{TITLE}\n{line}\n{CONTENT}"
    assert not is_debris_line(line)


def _title_glued_to_metadata():
    # a title glued to its metadata keeps the title and the publisher
    raw = raw_line("p43.txt", "点击数")
    title, meta = raw.split("文章来源:")
    publisher = meta.split()[0]
    return raw, f"{title}\n来源:{publisher}"


def _stamp_with_source():
    raw = raw_line("p29.txt", "【打印】")
    return raw, "来源:" + re.search(r"来源 : (\S+)", raw).group(1)


def _numbered_title():
    # inline packaging goes, the text stays
    match = re.match(r"编号:\d+(.*?总结)", raw_line("p23.txt", "编号"))
    return match.group(), match.group(1)


def _tagged_text():
    raw = re.search(r"①[^①\[]*\[标签:[^\]]*\]", raw_line("p23.txt", "[标签")).group()
    return raw, re.sub(r"\[标签:[^\]]*\]$", "", raw)


def _article_count_title():
    raw = raw_line("p16.txt", "第1篇")
    return raw, re.fullmatch(r"第1篇 (\S+) \d+字", raw).group(1)


def _article_label_title():
    raw = raw_line("p30.txt", "篇一")
    return raw, raw.removeprefix("篇一:")


def _pipe_tail():
    line = next(line for line in dev_raw("p43.txt").split("\n") if line.endswith("。 |"))
    raw = re.search(r"[^。]*。 \|$", line).group()
    return raw, raw.removesuffix(" |")


@pytest.mark.parametrize("raw, clean", [
    pytest.param(_title_glued_to_metadata, None, id="p43.txt:点击数"),
    pytest.param(_stamp_with_source, None, id="p29.txt:来源"),
    pytest.param(_numbered_title, None, id="p23.txt:编号"),
    pytest.param(_tagged_text, None, id="p23.txt:标签"),
    pytest.param(_article_count_title, None, id="p16.txt:第1篇"),
    pytest.param(_article_label_title, None, id="p30.txt:篇一"),
    ("科技局年度工作总结(二).doc", "科技局年度工作总结(二)"),
    pytest.param(_pipe_tail, None, id="p43.txt:|"),
])
def test_debris_fragments_removed(raw, clean):
    if callable(raw):
        raw, clean = raw()
    assert raw != clean
    assert clean_text(raw) == clean


def test_html_page_and_character_references():
    sentence = dev_sentence("p17.txt", "3800家次")
    assert "“" in sentence
    quoted = sentence.replace("“", "&ldquo;").replace("”", "&rdquo;")
    research = dev_clause("p29.txt", "2.52%")
    assert "&" in research
    page = (f"<html><head><title>{TITLE}</title><style>p{{margin:0}}</style>"
            f"</head>\n<body><div>当前位置:首页 &gt; 工作总结</div>\n<p>{quoted}</p><p>{research}</p>"
            "</body></html>")
    assert clean_text(page) == f"{TITLE}\n\n{sentence}\n\n{research}"


def test_plain_text_with_angle_brackets_is_not_html():
    line = "研发投入强度>2%,高新技术企业数<10家的县区"
    assert clean_text(line) == line


def _site_name():
    # p01 opens with the site's name, then a breadcrumb, then the title
    site = dev_raw("p01.txt").split("\n", 1)[0]
    assert site and "位置" not in site and "範文" not in site
    return site


def test_site_name_above_breadcrumb_removed():
    clean = dev_clean("p01.txt")
    assert _site_name() not in clean
    assert clean.startswith(T2S.convert(raw_line("p01.txt", "範文")) + "\n")


def test_keyword_tail_removed():
    # 000 ends with the sharing site's notes and a keyword list
    text = dev_clean("000_f566bb897bdedf27.txt")
    assert text.endswith("先后4次组织干部观看了学廉政准则做廉政模范")
    for debris in ("配套讲稿", "特殊限制", "关 键 词", "限制150内"):
        assert debris not in text


def test_short_title_under_breadcrumb_kept():
    raw = f"当前位置:首页 > 工作动态\n砥砺奋进谱新篇\n{CONTENT}"
    assert clean_text(raw) == f"砥砺奋进谱新篇\n{CONTENT}"


def test_shared_document_pages_joined():
    # 000 and p26 are cut into pages numbered 1、2、… wherever the cut fell
    text = dev_clean("000_f566bb897bdedf27.txt")
    assert "其中进京21次、赴省67次" in text
    assert "一、突出八大重点" in text
    assert "“2021北京跨国技术转移大会”" in text
    assert "\n3、" not in text and "\n2、" not in text
    pages = [line for line in dev_raw("p26.txt").split("\n") if line]
    assert [page[:2] for page in pages] == ["1、", "2、", "3、"]
    text = dev_clean("p26.txt")
    for before, after in zip(pages, pages[1:]):
        assert before[-12:] + after[2:12] in text
    assert "\n3、" not in text and "\n2、" not in text


def test_numbered_paragraphs_not_joined():
    # 002's own numbered paragraphs end with 。 and stay as they are
    text = dev_clean("002_cc872de75aeed8b2.txt")
    assert "\n1、招商引资工作成效显著。" in text
    assert "\n2、全社会研发投入工作扎实开展。" in text


def test_closing_signature_kept():
    raw = f"{TITLE}\n{CONTENT}\nXX县科学技术局\n2020年12月30日\n- 上一篇:科技局局长招商引资工作汇报"
    assert clean_text(raw) == f"{TITLE}\n{CONTENT}\nXX县科学技术局\n2020年12月30日"


@pytest.mark.parametrize("marker", [
    "当前位置", "位置:首页", "ICP备", "Copyright", "小编", "_第", ".doc", "浏览量", "查看人数",
    "点击数", "更新时间", "发布时间", "全文预览", "下载本文档", "上一篇", "下一篇", "本站",
    "客服", "(chuàng)", "KB", "编号:", "[标签", "全文共", "已省略", "欢迎",
    pytest.param(_site_name, id="p01.txt:site-name"),
])
def test_no_debris_left_in_dev_corpus(dev_names, marker):
    marker = resolve(marker)
    assert [name for name in dev_names if marker in dev_clean(name)] == []


def test_every_report_quantity_line_survives(dev_names):
    # a line of the raw file that states 亿元/万元 amounts is content: it must
    # still be in the clean text (up to conversion and gloss removal)
    for name in dev_names:
        for line in dev_raw(name).split("\n"):
            if "亿元" in line or "万元" in line or "萬元" in line or "億元" in line:
                # a sharing site's page number (`3、`) goes when its pages are joined
                expected = re.sub(r"^\d{1,3}、", "", clean_text(line))
                assert expected and expected in dev_clean(name), (name, line[:12])
                assert T2S.convert(expected) == expected


# ------------------------------------------------------------------ white space


def test_line_endings_and_blank_runs():
    heading = "1、全力建设高能级创新平台,加快培育科技战略力量。"
    raw = f"  {TITLE}  \r\n\r\n\r\n\r\n{heading}\t \r\n\r\n"
    assert clean_text(raw) == f"{TITLE}\n\n{heading}"


def test_repeated_title_collapsed():
    title = clean_line("p20.txt", "工作总结")
    assert dev_raw("p20.txt").count(title + "\n") == 3
    assert dev_clean("p20.txt").count(title + "\n") == 1


def test_spaces_collapsed_inside_lines():
    line = raw_line("p08.txt", "   1、")
    raw = line[:line.index("。") + 1]
    assert "   " in raw
    assert clean_text(raw) == re.sub(" {2,}", " ", raw)


@pytest.mark.parametrize("raw", ["", "\n\n", "|\n|\n"])
def test_nothing_left(raw):
    assert clean_text(raw) == ""


# ------------------------------------------------------------------ idempotence


def test_idempotent_on_dev_corpus(dev_names):
    for name in dev_names:
        text = dev_clean(name)
        assert clean_text(text) == text, name


def test_deterministic():
    name = "004_fca62a6dc78bee06.txt"
    assert clean_text(dev_raw(name)) == dev_clean(name)


# ------------------------------------------------------------------------ titles


@pytest.mark.parametrize("name, title", [
    ("000_f566bb897bdedf27.txt", "科技局年度工作总结(二)"),
    ("001_3b41ed0b22b5540a.txt", "科技局2020年上半年工作总结和下半年工作计划"),
    ("002_cc872de75aeed8b2.txt", "科技局工作总结暨工作计划"),
    # no title on the page: a bare excerpt
    ("003_359fa4cc5da14e9f.txt", None),
])
def test_find_title(name, title):
    assert find_title(dev_clean(name)) == title


@pytest.mark.parametrize("name, end", [
    # the title is the first clean line up to its last words; what follows
    # (范文, _1, (四篇), 精选, the text run on after it) is not part of it
    ("p01.txt", "工作总结"),
    ("p03.txt", "工作总结"),
    ("p07.txt", "下一步计划"),
    ("p08.txt", "工作总结"),
    ("p16.txt", "下一年计划"),
    ("p17.txt", "工作总结"),
    ("p18.txt", "工作思路"),
    ("p23.txt", "工作总结"),
    ("p26.txt", "工作思路"),
    ("p27.txt", "工作要点"),
    ("p29.txt", "工作重点"),
    ("p38.txt", "表现材料"),
    ("p43.txt", "成效显著"),
    ("p44.txt", "发展规划"),
])
def test_find_title_on_dev_reports(name, end):
    first = dev_clean(name).split("\n", 1)[0]
    title = first[:first.index(end) + len(end)]
    assert len(title) > len(end)
    assert find_title(dev_clean(name)) == title


def test_no_title_on_news_item():
    # p34 is a news item opening with a sentence
    assert find_title(dev_clean("p34.txt")) is None


def _heading_then_text():
    return f"{clean_line('p34.txt', '一、')}\n{dev_sentence('p34.txt', '2017年上半年')}", None


def _source_then_title():
    title = clean_line("p29.txt", "科技工作重点")
    return f"{clean_line('p29.txt', '来源')}\n{title}", title


def _title_with_tag():
    line = clean_line("p19.txt", "精选")
    assert line.endswith("精选")
    body = clean_line("p19.txt", "全市科技系统")[:12] + "…"
    return f"{line}\n{body}", line.removesuffix("精选")


@pytest.mark.parametrize("clean, title", [
    pytest.param(_heading_then_text, None, id="p34.txt:heading"),
    pytest.param(_source_then_title, None, id="p29.txt:source"),
    pytest.param(_title_with_tag, None, id="p19.txt:精选"),
    ("", None),
])
def test_find_title_on_lines(clean, title):
    if callable(clean):
        clean, title = clean()
    assert find_title(clean) == title



@pytest.mark.parametrize("line", [
    "· 科技局2018年工作总结及2019年工作计划(精选5篇)",
    "下载本文档 VIP免费下载 相关文档推荐:县科技局20XX年工作总结(精选5篇)",
])
def test_a_sites_listing_of_other_documents_is_debris(line):
    # written for the project in the shape document sites use
    assert is_debris_line(line)


def test_a_title_with_its_site_packaging_is_not_debris():
    assert not is_debris_line("科技局2018年工作总结(精选5篇)")


def test_a_number_on_a_line_of_its_own_inside_a_sentence_is_kept():
    # made up, as a PDF copy sets it; a page number between two paragraphs still goes
    raw = "全年登记技术合同\n150\n项，技术合同成交额4543万元。\n工作回顾完毕。\n3\n二、下一步工作\n新增高新技术企业20家。"
    assert clean_text(raw) == ("全年登记技术合同150项,技术合同成交额4543万元。\n工作回顾完毕。\n"
                               "二、下一步工作\n新增高新技术企业20家。")


@pytest.mark.parametrize("text, title", [
    # made up: a statistical communiqué over its author's dated line
    ("某某县2023年国民经济和社会发展统计公报（节选）\n某某县统计局 2024年3月28日\n十、科学技术",
     "某某县2023年国民经济和社会发展统计公报(节选)"),
    ("关于市政协十届二次会议第47号提案的答复\n天科函〔2024〕15号\n",
     "关于市政协十届二次会议第47号提案的答复"),
])
def test_find_title_of_a_communique_or_a_reply(text, title):
    assert find_title(clean_text(text)) == title


def test_paragraphs_a_pdf_broke_at_the_pages_width_are_rejoined():
    # made up: paragraphs open indented and run on over unindented lines, broken anywhere,
    # even inside a number (`增长18.` / `4%`); a page number between paragraphs goes
    text = ("绵阳市科学技术局\n2023年工作总结\n\n    一、2023年主要工作成效\n"
            "    （一）创新投入持续加大。全社会研发投入达到268.4亿元，同比增\n"
            "长9.7%，研发投入强度达7.02%，继续保持全省第一。市级财政科技\n支出9.85亿元。\n\n"
            "                              — 3 —\n\n"
            "    （二）成果转化成效明显。技术合同成交额达到186.5亿元，增长18.\n4%；登记科技成果312项。\n")
    cleaned = clean_text(text)
    assert "同比增长9.7%" in cleaned and "财政科技支出9.85亿元" in cleaned and "增长18.4%" in cleaned
    assert "一、2023年主要工作成效\n(一)" in cleaned   # a heading stays on its own line
    assert cleaned.startswith("绵阳市科学技术局\n2023年工作总结\n")


def test_a_page_mark_inside_a_broken_number_goes_and_the_number_is_whole():
    # made up: a copy's page breaks fall inside numbers (`达到1` / `— 2 —` / `326家`)
    text = ("高新技术企业总数达到1\n— 2 —\n326家，比重达到3.\n68%。专利授权量5\n第1页 共2页\n48件。\n")
    cleaned = clean_text(text)
    assert "总数达到1326家" in cleaned and "达到3.68%" in cleaned and "专利授权量548件" in cleaned
