"""The evidence checks say what reading the whole text would say.

Both the dbt test `assert_fact_evidence_inside_document_text` and the expectations'
`queries/fct_indicator_value.sql` cut each report's text once per fact, around its
span, instead of reading the whole text for every substring (at 1 GB, 7 million
facts: most of their time). Here thousands of facts, sound and broken (spans moved,
cut short, past the text; quotes from elsewhere, shorter than the span, empty,
NULL), are placed on the text of shipped report 004 and every verdict is compared
with plain Python string slicing.
"""
from __future__ import annotations

import random
from pathlib import Path

import duckdb
import jinja2
import pytest

from expectations.validate import scoped_query_text
from tests.test_expectations import SCHEMA, document_text

REPO = Path(__file__).resolve().parents[1]
DBT_TEST = REPO / "dbt_project" / "tests" / "assert_fact_evidence_inside_document_text.sql"


def _facts(text: str, n: int = 3000) -> list[tuple[str, int, int, str, str | None]]:
    """(key, char_start, char_end, number_text, quote): mostly sound, many broken."""
    rng = random.Random(20261204)
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    out = []
    for k in range(n):
        start = rng.choice(digits)
        end = start + rng.randint(1, 6)
        roll = rng.random()
        if roll < 0.15:   # moved, cut short, reversed or past the text
            start, end = start + rng.randint(-3, 3), end + rng.choice([-7, -1, 1, len(text)])
        number = text[max(start, 0):max(end, 0)] if rng.random() < 0.9 else "9"
        before, after = rng.randint(0, 30), rng.randint(0, 30)
        quote: str | None = text[max(start - before, 0):max(end + after, 0)]
        roll = rng.random()
        if roll < 0.05:
            quote = None
        elif roll < 0.10:
            quote = ""
        elif roll < 0.20:   # shorter than the span, or from elsewhere in the text
            at = rng.randrange(len(text))
            quote = text[at:at + rng.randint(1, 12)]
        elif roll < 0.25:
            quote = "不在文中的句子"
        out.append((f"f{k}", start, end, number, quote))
    return out


def _inside(text: str, start: int, end: int) -> bool:
    return start >= 0 and end > start and end <= len(text)


def _covers(text: str, start: int, end: int, quote: str | None) -> bool:
    if quote is None or not _inside(text, start, end) or len(quote) < end - start:
        return False
    return any(text.startswith(quote, p) for p in range(max(end - len(quote), 0), start + 1))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[duckdb.DuckDBPyConnection, str, list]:
    text = document_text()
    facts = _facts(text)
    con = duckdb.connect(str(tmp_path_factory.mktemp("evidence") / "w.duckdb"))
    con.execute(SCHEMA)
    con.execute("insert into marts.dim_region values ('r1', 'XX市', 'city', '湖南省', null, true)")
    con.execute("insert into marts.dim_period values ('p2022', 2022, 'year', 1, 12, '2022')")
    con.execute("insert into marts.dim_indicator values "
                "('i0', 'unmapped', '未映射', 'Unmapped', 'other')")
    con.execute("insert into marts.dim_document values "
                "('d1', '004.txt', ?, null, ?, 'r1', 'p2022')", ["a" * 64, text])
    columns = [c[0] for c in con.execute("select * from marts.fct_indicator_value limit 0").description]
    if "number_text" not in columns:   # the expectations' schema does not read it; dbt's test does
        con.execute("alter table marts.fct_indicator_value add column number_text varchar")
        columns.append("number_text")
    for key, start, end, number, quote in facts:
        row = dict.fromkeys(columns)
        row.update(fact_key=key, document_key="d1", region_key="r1", period_key="p2022",
                   indicator_key="i0", value=1.0, value_raw=1.0, base_unit="count",
                   unit_raw="家", measure="level", fact_type="actual", bound="exact",
                   char_start=start, char_end=end, number_text=number, quote=quote)
        con.execute(f"insert into marts.fct_indicator_value ({', '.join(columns)}) "
                    f"values ({', '.join('?' * len(columns))})", [row[c] for c in columns])
    con.execute("create temporary table unit_forms (unit_form varchar, scale double)")
    con.execute("insert into unit_forms values ('家', 1)")
    return con, text, facts


def test_the_facts_hold_every_kind_of_fault(warehouse) -> None:  # noqa: ANN001
    _, text, facts = warehouse
    kinds = {(_inside(text, s, e), q is not None and q in text, _covers(text, s, e, q),
              _inside(text, s, e) and text[s:e] == n) for _, s, e, n, q in facts}
    assert len(kinds) >= 6, kinds


def test_the_expectations_read_spans_and_quotes_as_python_does(warehouse) -> None:  # noqa: ANN001
    con, text, facts = warehouse
    got = {row[0]: row[1:] for row in con.execute(
        "select fact_key, span_inside_text, span_text, quote_in_text, quote_covers_span "
        f"from ({scoped_query_text('fct_indicator_value', None)})").fetchall()}
    for key, start, end, _, quote in facts:
        inside = _inside(text, start, end)
        expected = (inside, text[start:end] if inside else None,
                    quote is not None and quote in text, _covers(text, start, end, quote))
        assert got[key] == expected, (key, start, end, quote)


def test_the_dbt_evidence_test_flags_what_python_flags(warehouse) -> None:  # noqa: ANN001
    con, text, facts = warehouse
    sql = jinja2.Environment().from_string(DBT_TEST.read_text()).render(
        ref=lambda name: f"marts.{name}",
        scope_test_to_touched_reports=lambda *args: "true")
    flagged = {row[0]: row[1:] for row in con.execute(
        "select fact_key, coalesce(is_quote_missing_from_text, false), is_span_off_number_text "
        f"from ({sql})").fetchall()}
    expected = {}
    for key, start, end, number, quote in facts:
        missing = quote is not None and quote not in text
        off = not _inside(text, start, end) or text[start:end] != number
        if missing or off:
            expected[key] = (missing, off)
    assert flagged == expected
    assert 100 < len(expected) < len(facts) - 100   # both sound and broken facts were judged
