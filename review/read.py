"""Read what the review site shows from a published warehouse, read-only.

The site is written against the contract's columns and uses newer ones when the
warehouse has them (checked in `duckdb_columns()`, never assumed): a fact's own
`is_part` / `is_headline` flags and the report's region and period evidence in
`dim_document`; without them the part flag is read from the phrase's `其中` mark,
headline figures are chosen here, and the evidence comes from `raw.raw_reports`.
So one site generator serves warehouses built before and after those columns.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

# Where the evidence of a report's region and period may be, first match wins:
# (schema, table, column). `raw.raw_reports` is joined on sha256.
REGION_EVIDENCE = (("marts", "dim_document", "region_evidence"),
                   ("raw", "raw_reports", "region_evidence"))
PERIOD_EVIDENCE = (("marts", "dim_document", "period_evidence"),
                   ("marts", "dim_document", "period_reason"),
                   ("raw", "raw_reports", "period_reason"))
# Optional fact columns: shown when present.
FACT_OPTIONAL = ("cues", "number_text", "is_part", "is_headline", "is_in_plan_section")
# The marks `indicator_phrase` carries for a part of a total (README, "Tables").
PART_MARKS = ("其中…", "其中之一…")
MAX_UNMAPPED_PHRASES = 200   # the head of the worklist; the table holds them all
MAX_PROBLEMS = 1000          # problems listed one by one; all are counted by kind
FACT_BATCH = 20_000          # facts fetched at a time: the site holds one report's at once


@dataclass
class Warehouse:
    """Everything the site shows, as plain rows (dicts); the facts are streamed."""

    path: Path
    documents: list[dict[str, Any]]
    fact_sql: str                               # the facts, by document, in text order
    unmapped: list[dict[str, Any]]
    unmapped_total: int
    problems: list[dict[str, Any]]
    problem_kinds: list[tuple[str, int]]        # every problem counted, most frequent first
    sources: dict[str, str] = field(default_factory=dict)   # what each optional column came from

    def facts_by_document(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(document_key, its facts in text order), one report at a time.

        Streamed from a read-only connection of its own, so that a corpus of any
        size is shown in bounded memory.
        """
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            cursor = con.execute(self.fact_sql)
            names = [column[0] for column in cursor.description]
            current, facts = None, []
            while chunk := cursor.fetchmany(FACT_BATCH):
                for values in chunk:
                    fact = dict(zip(names, values))
                    if "is_part" not in fact:
                        fact["is_part"] = is_part_phrase(fact["indicator_phrase"])
                    if fact["document_key"] != current:
                        if facts:
                            yield current, facts
                        current, facts = fact["document_key"], []
                    facts.append(fact)
            if facts:
                yield current, facts
        finally:
            con.close()


def _columns(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str]]:
    rows = con.sql("select schema_name, table_name, column_name from duckdb_columns()").fetchall()
    return {(s, t, c) for s, t, c in rows}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    relation = con.sql(sql)
    names = relation.columns
    return [dict(zip(names, row)) for row in relation.fetchall()]


def _first(columns: set[tuple[str, str, str]], candidates: tuple[tuple[str, str, str], ...]
           ) -> tuple[str, str, str] | None:
    return next((c for c in candidates if c in columns), None)


def _evidence_sql(found: tuple[str, str, str] | None, alias: str) -> tuple[str, str]:
    """(select expression, join clause) for an evidence column, or NULL."""
    if found is None:
        return f"cast(null as varchar) as {alias}", ""
    schema, table, column = found
    if (schema, table) == ("marts", "dim_document"):
        return f"d.{column} as {alias}", ""
    return f"raw_{alias}.{column} as {alias}", (
        f"left join {schema}.{table} raw_{alias} on raw_{alias}.sha256 = d.sha256")


def is_part_phrase(phrase: str | None) -> bool:
    """Whether the phrase carries the mark of a part of a total.

    >>> is_part_phrase("其中…高新技术企业"), is_part_phrase("高新技术企业")
    (True, False)
    """
    return bool(phrase) and phrase.startswith(PART_MARKS)


def read_warehouse(db: Path) -> Warehouse:
    """The documents, facts, unmapped phrases and load problems of the warehouse `db`."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _read(con, db)
    finally:
        con.close()


def _read(con: duckdb.DuckDBPyConnection, db: Path) -> Warehouse:
    columns = _columns(con)
    region_found = _first(columns, REGION_EVIDENCE)
    period_found = _first(columns, PERIOD_EVIDENCE)
    region_select, region_join = _evidence_sql(region_found, "region_evidence")
    period_select, period_join = _evidence_sql(period_found, "period_evidence")
    documents = _rows(con, f"""
        select d.document_key, d.source_name, d.sha256, d.title, d.clean_text,
               r.region_name, r.region_level, r.province_name, r.admin_code, r.is_masked,
               p.period_label, p.year as period_year, p.period_type,
               {region_select}, {period_select}
        from marts.dim_document d
        left join marts.dim_region r on r.region_key = d.region_key
        left join marts.dim_period p on p.period_key = d.period_key
        {region_join}
        {period_join}
        order by d.source_name""")

    fact_table = {c for s, t, c in columns if (s, t) == ("marts", "fct_indicator_value")}
    indicator_table = {c for s, t, c in columns if (s, t) == ("marts", "dim_indicator")}
    optional = [c for c in FACT_OPTIONAL if c in fact_table]
    indicator_headline = ("i.is_headline as indicator_is_headline" if "is_headline" in indicator_table
                          else "false as indicator_is_headline")
    fact_sql = f"""
        select f.fact_key, f.document_key, f.char_start, f.char_end, f.indicator_phrase,
               f.value, f.base_unit, f.value_raw, f.unit_raw, f.measure, f.fact_type,
               f.bound, f.quote, i.indicator_code, i.name_zh, i.name_en, {indicator_headline},
               p.period_label, p.year as period_year, p.start_month, p.end_month,
               r.region_key, r.region_name, r.region_level, r.province_name
               {''.join(f', f.{c}' for c in optional)}
        from marts.fct_indicator_value f
        left join marts.dim_indicator i on i.indicator_key = f.indicator_key
        left join marts.dim_period p on p.period_key = f.period_key
        left join marts.dim_region r on r.region_key = f.region_key
        order by f.document_key, f.char_start, f.char_end"""

    unmapped = _rows(con, f"""
        select phrase_rank, indicator_phrase, mention_count, document_count, example_quote,
               example_source_name
        from marts.unmapped_indicator_phrases order by phrase_rank
        limit {MAX_UNMAPPED_PHRASES}""")
    unmapped_total = con.sql("select count(*) from marts.unmapped_indicator_phrases").fetchall()[0][0]
    problems = _rows(con, f"""
        select source_name, problem, detail from marts.load_problems
        order by problem, source_name limit {MAX_PROBLEMS}""")
    problem_kinds = con.sql("select problem, count(*) from marts.load_problems "
                            "group by 1 order by 2 desc, 1").fetchall()
    sources = {
        "region_evidence": ".".join(region_found) if region_found else "",
        "period_evidence": ".".join(period_found) if period_found else "",
        "is_part": ("marts.fct_indicator_value.is_part" if "is_part" in fact_table
                    else "the phrase's 其中 mark"),
        "is_headline": ("marts.fct_indicator_value.is_headline" if "is_headline" in fact_table
                        else "the first actual level of a headline indicator in a report"),
    }
    return Warehouse(db, documents, fact_sql, unmapped, unmapped_total, problems,
                     problem_kinds, sources)
