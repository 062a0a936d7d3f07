"""Pure shaping of warehouse rows into what the pages show (no I/O).

Each function takes rows as `review.read` returns them and gives plain values the
templates print: highlighted text segments, formatted values with their units,
labels for regions and periods, the series of the headline charts.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

# How a value in a base unit is shown: (threshold, factor, label) tried in order.
DISPLAY_UNITS: dict[str, tuple[tuple[float, float, str], ...]] = {
    "CNY": ((1e8, 1e8, "亿元"), (1e4, 1e4, "万元"), (0, 1, "元")),
    "count": ((1e8, 1e8, "亿"), (1e5, 1e4, "万"), (0, 1, "")),
    "percent": ((0, 1, "%"),),
    "pp": ((0, 1, "个百分点"),),
    "multiple": ((0, 1, "倍"),),
    "mu": ((1e4, 1e4, "万亩"), (0, 1, "亩")),
    "kg": ((0, 1, "公斤"),),
    "ton": ((1e4, 1e4, "万吨"), (0, 1, "吨")),
}
LEVEL_NAMES = {"province": "province", "city": "city", "county": "county",
               "district": "district", "unknown": "region"}


def format_number(value: float | None, digits: int = 4) -> str:
    """A number with thousands separators and at most `digits` significant decimals.

    >>> format_number(36710000000.0), format_number(2.318), format_number(0.1 + 0.2)
    ('36,710,000,000', '2.318', '0.3')
    >>> format_number(None), format_number(float("nan"))
    ('', 'NaN')
    """
    if value is None:
        return ""
    if math.isnan(value) or math.isinf(value):
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text


def display_unit(base_unit: str, magnitude: float) -> tuple[float, str]:
    """(factor, label) to show values of about `magnitude` in `base_unit` readably.

    >>> display_unit("CNY", 3.671e10), display_unit("CNY", 52000.0), display_unit("count", 188)
    ((100000000.0, '亿元'), (10000.0, '万元'), (1, ''))
    """
    for threshold, factor, label in DISPLAY_UNITS.get(base_unit, ((0, 1, base_unit or ""),)):
        if abs(magnitude) >= threshold:
            return factor, label
    return 1, base_unit or ""


def format_value(value: float | None, base_unit: str) -> str:
    """A value in its base unit as a reader writes it: `367.1 亿元`, `188`, `16.78 %`.

    >>> format_value(36710000000.0, "CNY"), format_value(188.0, "count")
    ('367.1 亿元', '188')
    """
    if value is None:
        return ""
    factor, label = display_unit(base_unit, value)
    number = format_number(value / factor)
    return f"{number} {label}".strip()


def region_label(row: dict[str, Any]) -> str:
    """A region as an analyst reads it: its name, else what is known of it.

    >>> region_label({"region_name": "襄阳市", "region_level": "city", "province_name": "湖北省"})
    '襄阳市 (湖北省)'
    >>> region_label({"region_name": None, "region_level": "county", "province_name": "云南省"})
    'unnamed county (云南省)'
    >>> region_label({"region_name": None, "region_level": "unknown", "province_name": None})
    'unknown region'
    """
    name, level, province = row.get("region_name"), row.get("region_level"), row.get("province_name")
    if not name:
        if level in (None, "unknown") and not province:
            return "unknown region"
        name = f"unnamed {LEVEL_NAMES.get(level or 'unknown', level)}"
    if province and province != name:
        return f"{name} ({province})"
    return name


def period_label(row: dict[str, Any]) -> str:
    """The period's label, or what is missing.

    >>> period_label({"period_label": "2020H1"}), period_label({"period_label": None})
    ('2020H1', 'unknown period')
    """
    return row.get("period_label") or "unknown period"


def highlight_segments(text: str, spans: Sequence[tuple[int, int]]
                       ) -> tuple[list[tuple[str, int | None]], set[int]]:
    """The text cut into (piece, index of the span or None), and the spans left out.

    Spans are taken in the order given (text order); one that overlaps an earlier
    one or falls outside the text is left out of the highlighting, not of the list.

    >>> highlight_segments("研发投入367.1亿元，增长17.1%。", [(4, 11), (14, 19)])
    ([('研发投入', None), ('367.1亿元', 0), ('，增长', None), ('17.1%', 1), ('。', None)], set())
    >>> highlight_segments("abcdef", [(1, 4), (2, 5), (5, 9)])
    ([('a', None), ('bcd', 0), ('ef', None)], {1, 2})
    """
    pieces: list[tuple[str, int | None]] = []
    skipped: set[int] = set()
    position = 0
    for index, (start, end) in enumerate(spans):
        if start < position or end > len(text) or end <= start:
            skipped.add(index)
            continue
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], index))
        position = end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces, skipped


def mark_kind(fact: dict[str, Any]) -> str:
    """The highlight class of a fact: `headline`, `mapped` or `unmapped`.

    >>> mark_kind({"indicator_code": "unmapped"}), mark_kind({"indicator_code": "rd_expenditure",
    ...     "indicator_is_headline": True, "is_part": False})
    ('unmapped', 'headline')
    """
    if fact.get("indicator_code") in (None, "unmapped"):
        return "unmapped"
    if fact.get("indicator_is_headline") and not fact.get("is_part"):
        return "headline"
    return "mapped"


def headline_facts(facts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts that state a region's headline figure: one per report, indicator and period.

    Where the warehouse flags them (`is_headline` on the fact) the flag decides;
    otherwise the first actual level of a headline indicator that is not a part of a
    total, in text order, stands for its report.
    """
    chosen: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for fact in facts:
        if fact.get("measure") != "level" or fact.get("fact_type") != "actual":
            continue
        if "is_headline" in fact:
            if not fact["is_headline"]:
                continue
        elif not fact.get("indicator_is_headline") or fact.get("is_part"):
            continue
        key = (fact["document_key"], fact["indicator_code"], fact.get("period_label"))
        chosen.setdefault(key, fact)
    return list(chosen.values())


def _period_sort(fact: dict[str, Any]) -> tuple[int, int, int]:
    return (fact.get("period_year") or 0, fact.get("start_month") or 0, fact.get("end_month") or 0)


def chart_series(facts: Iterable[dict[str, Any]], names: dict[str, tuple[str, str, str]],
                 url_of: dict[str, str]) -> list[dict[str, Any]]:
    """Per headline indicator: its points by region and period, in one display unit.

    `names` maps an indicator code to (name_zh, name_en, base_unit); `url_of` a
    document key to its page. Indicators with most reports first.
    """
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in headline_facts(facts):
        by_code[fact["indicator_code"]].append(fact)
    series = []
    for code, rows in by_code.items():
        name_zh, name_en, _ = names.get(code, (code, code, ""))
        base_unit = rows[0]["base_unit"]   # of a level: the indicator's own unit
        values = sorted(abs(r["value"]) for r in rows if r["value"] is not None)
        factor, unit = display_unit(rows[0]["base_unit"], values[len(values) // 2] if values else 0)
        rows.sort(key=_period_sort)
        points = [{
            "region_key": r["region_key"], "region": region_label(r),
            "period": period_label(r), "value": r["value"] / factor,
            "text": r.get("number_text") or format_value(r["value"], r["base_unit"]),
            "phrase": r["indicator_phrase"] or "",
            "url": f"{url_of[r['document_key']]}#{r['fact_key']}",
        } for r in rows if r["value"] is not None and r["document_key"] in url_of]
        periods = list(dict.fromkeys(p["period"] for p in points))
        series.append({"code": code, "name_zh": name_zh, "name_en": name_en, "unit": unit,
                       "base_unit": base_unit, "points": points, "periods": periods,
                       "reports": len({r["document_key"] for r in rows})})
    series.sort(key=lambda s: (-s["reports"], s["code"]))
    return series


class Coverage:
    """Facts and reports per mapped indicator, added report by report (the coverage chart)."""

    def __init__(self) -> None:
        self.facts: Counter[str] = Counter()
        self.reports: Counter[str] = Counter()
        self.headline: dict[str, bool] = {}

    def add(self, facts: Sequence[dict[str, Any]]) -> None:
        """Count the facts of one report."""
        codes = [f.get("indicator_code") or "unmapped" for f in facts]
        for fact, code in zip(facts, codes):
            if code != "unmapped":
                self.facts[code] += 1
                self.headline[code] = (self.headline.get(code, False)
                                       or bool(fact.get("indicator_is_headline")))
        self.reports.update(set(codes) - {"unmapped"})

    def rows(self) -> list[dict[str, Any]]:
        """One row per indicator, most facts first.

        >>> coverage = Coverage()
        >>> coverage.add([{"indicator_code": "rd_expenditure", "indicator_is_headline": True},
        ...               {"indicator_code": "rd_expenditure"}, {"indicator_code": "unmapped"}])
        >>> coverage.rows()
        [{'code': 'rd_expenditure', 'facts': 2, 'reports': 1, 'headline': True}]
        """
        return [{"code": code, "facts": count, "reports": self.reports[code],
                 "headline": self.headline[code]} for code, count in self.facts.most_common()]


def share(part: int, whole: int) -> str:
    """A share as a percentage with one decimal, or a dash for an empty whole.

    >>> share(205, 1030), share(0, 0)
    ('19.9%', '–')
    """
    return f"{100 * part / whole:.1f}%" if whole else "–"
