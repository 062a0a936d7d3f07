"""The numeral reader against the public test suites of number readers.

Cases are taken from the suites' own files (`tests/data/numeral_suites/cases.csv`, one row
per case: source repo, file, input, expected value, kind, in_scope, reason when out):

- Ailln/cn2an `cn2an/cn2an_test.py` (strict, normal and error cases)
- facebook/duckling `Duckling/Numeral/ZH/Corpus.hs`
- microsoft/Recognizers-Text `Specs/Number/Chinese/NumberModel.json` (Simplified and
  Traditional blocks; inputs holding several numbers are taken as their single numerals)
  and `Specs/NumberWithUnit/Chinese/CurrencyModel.json`
- dongrixinyu/JioNLP `test/test_money_parser.py` and `test/test_money_extractor.py`

`kind` says how a case is run: `numeral` through `parse_numeral` (an empty expected value:
not a numeral), `quantity` through the cleaner and the Extractor built from the seeds, as
the pipeline reads a report (the expected values are value_raw × the unit's 万/亿 scale, in
order; empty: no quantity), `money` the same for money found in running text (only the
mentions in yuan are compared: the extractor also reads counts the money suite ignores). `unit_added` is a classifier appended where a suite's case has
none (`500余万` → `500余万元`): a report's quantity always has one. A range keeps its lower
end (bound at_least), as the warehouse reads ranges (`1万-5万元` → 10000). JioNLP rounds
money to cents, so values are compared to 0.005.

Counts: 513 cases taken (Recognizers-Text 294, cn2an 88, duckling 71, JioNLP 60); 326 in
scope (275 numerals, 44 quantities, 7 money in running text), all 326 pass; 187 left out,
by reason: fractions 35, Latin suffixes/exponents 23, foreign currencies 23, negative
numbers 21, dozens/pairs 15, vague numerals (几, 数十, 八九) 15, money subunits/圆整 10, digits
in a row without a zero 6, colloquial forms 5, decimals without an integer part 5, cn2an
strict-mode rejections 5, spaced 余 4, 兆 4, percent forms of the NumberModel 4, currencies
of the NumberModel 4, thresholds with (含) 3, tokenizer lists 2, a bare duration 1, a date 1,
a range written as two full amounts (`1万元--5万元`) 1.
"""
from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.clean import clean_text
from loaders.numerals import parse_numeral
from loaders.reference import read_rows

CASES = Path(__file__).resolve().parents[1] / "data" / "numeral_suites" / "cases.csv"


def _cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _in_scope(kind: str) -> list[pytest.param]:
    return [pytest.param(row["input"], row["expected"], row.get("unit_added", ""),
                         id=f"{row['source_repo'].split('/')[1]}:{row['input']}")
            for row in _cases() if row["in_scope"] == "true" and row["kind"] == kind]


def _expected(text: str) -> list[Decimal]:
    return [Decimal(v) for v in text.split(";") if v]


@pytest.mark.parametrize("text, expected, unit_added", _in_scope("numeral"))
def test_numeral(text, expected, unit_added):
    numeral = parse_numeral(text)
    if not expected:
        assert numeral is None
    else:
        assert numeral is not None and numeral.value == _expected(expected)[0]


_PREFIXES = {row["prefix"]: Decimal(row["scale"]) for row in read_rows("unit_prefixes")}


def _as_written(value_raw: float, unit_raw: str) -> Decimal:
    """value_raw × the 万/亿 scale of its unit form (`1.2`, `万份` → 12000)."""
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        if unit_raw.startswith(prefix):
            return Decimal(str(value_raw)) * _PREFIXES[prefix]
    return Decimal(str(value_raw))


@pytest.mark.parametrize("text, expected, unit_added", _in_scope("quantity"))
def test_quantity(extractor, text, expected, unit_added):
    _check(extractor.extract(clean_text(text + unit_added)), expected)


@pytest.mark.parametrize("text, expected, unit_added", _in_scope("money"))
def test_money_in_running_text(extractor, text, expected, unit_added):
    _check([m for m in extractor.extract(clean_text(text)) if m.unit_raw.endswith(("元", "亿"))], expected)


def _check(found, expected):
    values = [_as_written(m.value_raw, m.unit_raw) for m in found]
    assert len(values) == len(_expected(expected)), [(m.value_raw, m.unit_raw) for m in found]
    for value, want in zip(values, _expected(expected), strict=True):
        assert abs(value - want) <= Decimal("0.005"), (value, want)


def test_cases_left_out_say_why_and_counts_hold():
    rows = _cases()
    out = [row for row in rows if row["in_scope"] != "true"]
    assert all(row["reason"] for row in out)
    assert (len(rows), len(rows) - len(out), len(out)) == (513, 326, 187)
    assert Counter(row["source_repo"] for row in rows) == Counter({
        "microsoft/Recognizers-Text": 294, "Ailln/cn2an": 88, "facebook/duckling": 71,
        "dongrixinyu/JioNLP": 60})
