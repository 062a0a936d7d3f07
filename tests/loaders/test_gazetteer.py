from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from loaders.gazetteer import Gazetteer, load_gazetteer
from tests.conftest import dev_clean, dev_sentence

CSV_PATH = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "admin_divisions.csv"
COLUMNS = ["admin_code", "name", "short_name", "level", "parent_code",
           "province_code", "province_name", "former_names"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer(CSV_PATH)


def dev_match(name: str, pattern: str) -> str:
    """The first match of `pattern` (its group 1 if it has one) in a dev report's clean text;
    a phrase of the report is read at run time rather than quoted here."""
    m = re.search(pattern, dev_clean(name))
    assert m, f"{pattern!r} is not in {name}"
    return m.group(1 if m.re.groups else 0)


# ------------------------------------------------------------------ the CSV
def test_csv_is_utf8_without_bom_and_small():
    data = CSV_PATH.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert len(data) < 5 * 1024 * 1024
    data.decode("utf-8")


def test_csv_columns_and_codes(rows):
    assert list(rows[0].keys()) == COLUMNS
    codes = [r["admin_code"] for r in rows]
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert codes[0] == "110000"          # a leading digit kept as text, not a number


def test_csv_parents_and_provinces_exist(rows):
    by_code = {r["admin_code"]: r for r in rows}
    for r in rows:
        assert r["level"] in {"province", "city", "county", "district"}
        if r["level"] == "province":
            assert r["parent_code"] == "" and r["province_code"] == r["admin_code"]
        else:
            assert r["parent_code"] in by_code, r
        province = by_code[r["province_code"]]
        assert province["level"] == "province"
        assert province["name"] == r["province_name"]


def test_csv_covers_the_country(rows):
    levels = [r["level"] for r in rows]
    assert levels.count("province") == 34
    assert 330 <= levels.count("city") <= 340
    assert 2800 <= levels.count("county") + levels.count("district") <= 2900


def test_short_names_have_two_characters_at_least(rows):
    assert all(len(r["short_name"]) >= 2 for r in rows if r["short_name"])
    by_name = {r["name"]: r["short_name"] for r in rows}
    assert by_name["襄阳市"] == "襄阳"
    assert by_name["海北藏族自治州"] == "海北"
    assert by_name["广西壮族自治区"] == "广西"
    assert by_name["鼎城区"] == "鼎城"
    assert by_name["昆都仑区"] == "昆都仑"
    assert by_name["城区"] == ""


# ------------------------------------------------------------------ lookups
def test_known_names_resolve(gz):
    (xiangyang,) = gz.by_name("襄阳市")
    assert (xiangyang.admin_code, xiangyang.level, xiangyang.province_name) == (
        "420600", "city", "湖北省")
    assert gz.by_short_name("襄阳")[0].name == "襄阳市"
    assert gz.by_name("襄阳市")[0] == gz.get("420600")


def test_former_names_resolve_to_the_current_division(gz):
    assert [d.name for d in gz.by_former_name("襄樊市")] == ["襄阳市"]
    assert [d.name for d in gz.by_former_name("襄樊")] == ["襄阳市"]
    assert "郫县" in gz.by_name("郫都区")[0].former_names


def test_county_province_and_parent(gz):
    (kaihua,) = gz.by_name("开化县")
    assert kaihua.province_name == "浙江省"
    assert gz.parent(kaihua.admin_code).name == "衢州市"
    assert gz.province(kaihua.admin_code).name == "浙江省"
    assert [a.name for a in gz.ancestors(kaihua.admin_code)] == ["衢州市", "浙江省"]
    assert gz.is_within(kaihua.admin_code, "330000")


def test_levels_of_special_divisions(gz):
    assert gz.by_name("海北藏族自治州")[0].level == "city"
    assert gz.by_name("海北州")[0].name == "海北藏族自治州"   # the spoken full form
    assert gz.by_name("兴义市")[0].level == "county"        # a 县级市
    assert gz.by_name("神农架林区")[0].level == "county"
    assert gz.by_name("碑林区")[0].level == "district"
    assert gz.by_name("北京市")[0].level == "province"
    assert gz.by_name("仙桃市")[0].parent_code == "420000"  # under the province


def test_shared_names_return_every_division(gz):
    assert len(gz.by_name("朝阳区")) == 2
    assert {d.name for d in gz.by_short_name("长沙")} == {"长沙市", "长沙县"}


def test_rows_from_a_table_with_numeric_codes():
    gz = Gazetteer([
        {"admin_code": 420000, "name": "湖北省", "short_name": "湖北", "level": "province",
         "parent_code": None, "province_code": 420000, "province_name": "湖北省",
         "former_names": None},
        {"admin_code": 420600, "name": "襄阳市", "short_name": "襄阳", "level": "city",
         "parent_code": 420000, "province_code": 420000, "province_name": "湖北省",
         "former_names": "襄樊市"},
    ])
    assert gz.get("420600").parent_code == "420000"
    assert gz.by_former_name("襄樊")[0].name == "襄阳市"


def test_duplicate_codes_are_refused():
    row = {"admin_code": "420000", "name": "湖北省", "short_name": "湖北", "level": "province",
           "parent_code": "", "province_code": "420000", "province_name": "湖北省",
           "former_names": ""}
    with pytest.raises(ValueError):
        Gazetteer([row, row])


# ------------------------------------------------------------------ the finder
def test_find_names_is_leftmost_longest(gz):
    text = "三是湖北省及襄阳市2021年科技活动周开幕式"     # 000_f566bb897bdedf27.txt
    found = [(m.text, m.start, m.kind) for m in gz.find_names(text)]
    assert found == [("湖北省", 2, "name"), ("襄阳市", 6, "name")]


def test_ordinary_words_are_not_anchored(gz):
    text = "全区共有25家企业与省内外13家高校院所、科研单位建立了稳定的产学研合作关系"  # 002
    (match,) = gz.find_names(text)
    assert match.text == "合作" and not match.anchored
    assert gz.supported_names(text) == []


def test_short_names_supported_by_their_parent(gz):
    text = dev_sentence("p30.txt", "林科院") + dev_sentence("p30.txt", "常德")
    kept = {m.text for m in gz.supported_names(text)}
    assert {"鼎城", "常德", "湖南省", "湖南"} <= kept
    assert "合作" not in kept


def test_context_anchors_a_short_name(gz):
    (m,) = gz.find_names(dev_match("p16.txt", r"“([^“” ]*福州新区[^“” ]*)"))  # a quoted slogan
    assert m.text == "福州" and m.anchored
    (m,) = gz.find_names("会上科技成果68项;在福州召开")     # a clause of 003, then a bare place
    assert m.text == "福州" and not m.anchored


def test_province_short_names_are_anchored(gz):
    matches = gz.find_names(dev_match("p13.txt", r"第33届.*?大赛"))       # a contest's name
    assert [(m.text, m.anchored) for m in matches] == [("广西", True)]


def test_a_common_noun_for_part_of_a_city_is_no_name(gz):
    # p42's title: a downtown district's bureau; 市区 is also 华龙区's former name
    head = dev_clean("p42.txt").split("\n", 1)[0]
    assert [m.text for m in gz.supported_names(head)] == []
    # made-up: neither an organ after it nor its city elsewhere makes it a name...
    for text in ("市区科技局2020年工作总结", "濮阳市科技局在市区开展科技活动周",
                 "城区科技局组织企业赴郊区考察"):
        assert all(m.text not in {"市区", "城区", "郊区"} for m in gz.supported_names(text))
    # ...but right after its containing city it is that city's district
    (m,) = [m for m in gz.find_names("阳泉城区科技局") if m.text == "城区"]
    assert m.anchored and {s.division.admin_code for s in m.senses} >= {"140302"}


def test_a_two_character_name_opened_by_a_word_before_it_is_no_name(gz):
    # made up: 完成县人大代表建议 holds 成县 before 人大, an organ word that anchors a name
    names = [m.text for m in gz.supported_names("完成县人大代表建议和政协提案办理7件。")]
    assert "成县" not in names
    assert [m.text for m in gz.find_names("成县人大常委会") if m.anchored] == ["成县"]
