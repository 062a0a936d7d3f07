"""Write `expectations/suites/*.json`: one Great Expectations suite per marts table.

The suites are generated, not hand-edited: `python -m expectations.build_suites`
rewrites every file from the definitions below, and the tests check that the
files on disk are exactly this module's output. Each expectation carries
`meta.notes` saying why it exists.

Severity follows one rule: `critical` for what the contract promises or what
can only be a bug (a key repeated, a span outside its text, a percent of 5000);
`warning` for plausibility rules that an unusual but genuine report could break
(an uncommon unit, a pp change above 100). Critical failures fail the gate;
warnings are reported and let it pass.

Columns that are not in the tables themselves (`span_inside_text`,
`value_scale`, ...) are computed by the queries in `expectations/queries/`.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from expectations.validate import gx_context, import_gx
from loaders.reference import read_rows

SUITES_DIR = Path(__file__).resolve().parent / "suites"

# Coded columns: the sets CONTRACT.md fixes.
BASE_UNITS = ("CNY", "count", "percent", "pp", "multiple", "mu", "kg", "ton", "other")
MEASURES = ("level", "growth", "ratio", "multiple")
FACT_TYPES = ("actual", "estimate", "target")
BOUNDS = ("exact", "approx", "at_least", "at_most")
REGION_LEVELS = ("province", "city", "county", "district", "unknown")
PERIOD_TYPES = ("year", "half", "quarter", "months")

# Load problems that only annotate a file that was loaded; every other code of
# records.PROBLEM_CODES means the file was skipped.
ANNOTATING_PROBLEMS = ("decoded_with_replacement", "mis_decoded", "bad_file_name",
                       "not_finite", "implausible_value")

FIRST_YEAR = 1978          # the reform era: no bureau report of this kind is older
MAX_LEVEL_VALUE = 1e15     # yuan: ~10x China's GDP; above it a unit was applied twice
MAX_SPAN_CHARS = 40        # a number and its unit; more is a sentence, not a span

# Province-level prefixes of GB/T 2260 division codes (11 Beijing .. 65
# Xinjiang, 71 Taiwan, 81 Hong Kong, 82 Macao).
ADMIN_CODE_REGEX = r"^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])[0-9]{4}$"


def _expectation(kind: str, notes: str, severity: str = "critical", **kwargs: Any) -> Any:
    """One expectation of class `kind` (e.g. "ExpectColumnValuesToNotBeNull") with its why."""
    cls = getattr(import_gx().expectations, kind)
    return cls(meta={"notes": notes}, severity=severity, **kwargs)


def _not_null(column: str, notes: str) -> Any:
    return _expectation("ExpectColumnValuesToNotBeNull", notes, column=column)


def _unique(column: str, notes: str) -> Any:
    return _expectation("ExpectColumnValuesToBeUnique", notes, column=column)


def _in_set(column: str, values: Iterable[Any], notes: str, severity: str = "critical",
            **kwargs: Any) -> Any:
    return _expectation("ExpectColumnValuesToBeInSet", notes, severity,
                        column=column, value_set=list(values), **kwargs)


def _true(column: str, notes: str, severity: str = "critical") -> Any:
    """A boolean computed by the suite's query must be true on every row."""
    return _in_set(column, [True], notes, severity)


def _between(column: str, notes: str, severity: str = "critical", *,
             row_condition: str | None = None, **bounds: Any) -> Any:
    extra: dict[str, Any] = {}
    if row_condition is not None:
        extra = {"row_condition": row_condition, "condition_parser": "pandas"}
    return _expectation("ExpectColumnValuesToBeBetween", notes, severity,
                        column=column, **bounds, **extra)


def _key(column: str, table: str) -> list[Any]:
    return [
        _not_null(column, f"{column} identifies a row of {table}; a NULL key cannot be joined."),
        _unique(column, f"{column} is the primary key of {table}: a repeated key "
                        "duplicates every row joined to it."),
    ]


# ------------------------------------------------------------ reference data
def unit_scales() -> list[float]:
    """Every factor `value / value_raw` that a unit of `units.csv` can apply.

    A unit's own scale (斤 0.5, 亿 1e8), times a prefix scale (万 亿 万亿) where the
    unit takes prefixes; rounded as the query rounds `value_scale` (9 significant digits).
    """
    def significant(x: float) -> float:
        return float(f"{x:.9g}")

    prefixes = [float(row["scale"]) for row in read_rows("unit_prefixes")]
    scales = {1.0}
    for row in read_rows("units"):
        scale = float(row["scale"])
        scales.add(significant(scale))
        if row.get("allow_prefix", "").strip().lower() == "true":
            scales.update(significant(scale * prefix) for prefix in prefixes)
    return sorted(scales)


def indicator_units() -> list[tuple[str, str]]:
    """(indicator_code, base_unit) of the reference indicators, the headline codes among them."""
    return [(row["indicator_code"], row["base_unit"]) for row in read_rows("indicators")]


def problem_codes() -> tuple[str, ...]:
    """The load-problem codes the loaders write."""
    from loaders.records import PROBLEM_CODES

    return tuple(PROBLEM_CODES)


def skipping_problems() -> tuple[str, ...]:
    """The load-problem codes after which a file is not loaded."""
    return tuple(code for code in problem_codes() if code not in ANNOTATING_PROBLEMS)


# ------------------------------------------------------------ suites
def fct_indicator_value() -> list[Any]:
    """Expectations on facts: the numbers, their codes and their evidence."""
    table = "fct_indicator_value"
    rules = _key("fact_key", table)
    for column, dim in (("document_key", "dim_document"), ("region_key", "dim_region"),
                        ("period_key", "dim_period"), ("indicator_key", "dim_indicator")):
        rules.append(_not_null(column, f"CONTRACT: foreign keys are never NULL; a fact "
                                       f"without a {dim} member points at the unknown member."))
        rules.append(_true(column.replace("_key", "_exists"),
                           f"{column} must name a row of {dim}, or the fact drops out of "
                           "every join to it."))
    rules += [
        _expectation(
            "ExpectCompoundColumnsToBeUnique",
            "One row per quantity stated: two facts on the same characters of one "
            "document count one number twice.",
            column_list=["document_key", "char_start", "char_end"]),
        _not_null("value", "Every fact is a number; a NULL value (or NaN, which pandas "
                           "reads as missing) is a quantity that was not parsed."),
        _not_null("value_raw", "The number as written is the evidence for value; it "
                               "cannot be missing."),
        _true("value_is_finite", "inf/NaN come from a division or a parse gone wrong, "
                                 "never from a report."),
        _true("value_raw_is_finite", "inf/NaN come from a parse gone wrong, never from "
                                     "a report."),
        _between("value_raw", "The number as written carries no sign: a decline is "
                              "stated with a word (下降, 减少), not a minus sign.",
                 min_value=0),
        _between("value", "Levels, ratios and multiples are never negative; the upper "
                          "bound (1e15, about ten times China's GDP in yuan) catches a "
                          "unit scale applied twice (亿 x 亿).",
                 row_condition='measure != "growth"', min_value=0, max_value=MAX_LEVEL_VALUE),
        _between("value", "A percentage other than a growth rate: shares stay within "
                          "0..100, but completion rates go beyond it (完成年度计划的115.7%, "
                          "超目标任务的120% are real), so the bound is 1000; above it "
                          "the number or its measure is wrong.",
                 row_condition='base_unit == "percent" and measure == "ratio"',
                 min_value=0, max_value=1000),
        _between("value", "A growth rate cannot fall below -100% (everything lost); "
                          "a rise of more than 100x (10000%) is a misread number.",
                 row_condition='base_unit == "percent" and measure == "growth"',
                 min_value=-100, max_value=10000),
        _between("value", "A change in percentage points between two shares lies within "
                          "-100..100; a change of a growth rate can exceed it, so this "
                          "only warns.",
                 "warning", row_condition='base_unit == "pp"', min_value=-100, max_value=100),
        _between("value", "Multiples (是去年的4.3倍) above 1000 are almost surely a misread "
                          "number or unit; a genuine one is possible, so this only warns.",
                 "warning", row_condition='base_unit == "multiple"', min_value=0,
                 max_value=1000),
        _in_set("value_scale", unit_scales(),
                "value = value_raw x the unit's scale (units.csv, with the 万/亿/万亿 "
                "prefixes): any other factor means the scaling in dbt went wrong. "
                "Regenerate the suites when units.csv gains a scale."),
        _true("value_matches_unit",
              "value = value_raw x the scale its own unit_raw implies (units.csv with the "
              "万/亿/万亿 prefixes, re-derived from the seeds as int_unit_forms does): a "
              "亿元 fact x1e4 or a count x1e4 has a known scale, but not its unit's."),
        _in_set("base_unit", BASE_UNITS, "CONTRACT: the base units; anything else cannot "
                                         "be summed or compared."),
        _not_null("base_unit", "A value without a unit is not comparable."),
        _in_set("measure", MEASURES, "CONTRACT: level, growth, ratio, multiple."),
        _not_null("measure", "Without a measure a growth rate reads as a level."),
        _in_set("fact_type", FACT_TYPES, "CONTRACT: actual, estimate, target."),
        _not_null("fact_type", "Without a fact type a target reads as an achievement."),
        _in_set("bound", BOUNDS, "CONTRACT: exact, approx, at_least, at_most."),
        _not_null("bound", "Without a bound 2200多万元 reads as exactly 2200万元."),
        _not_null("unit_raw", "The unit as written is the evidence for base_unit and scale."),
        _not_null("quote", "The quote is the fact's provenance."),
        _not_null("char_start", "The span is the fact's provenance."),
        _not_null("char_end", "The span is the fact's provenance."),
        _between("char_start", "Spans are 0-based code-point offsets.", min_value=0),
        _expectation("ExpectColumnPairValuesAToBeGreaterThanB",
                     "A span holds at least one character: the number and its unit.",
                     column_A="char_end", column_B="char_start"),
        _true("span_inside_text", "char_start/char_end index the document's clean_text; "
                                  "a span past its end points at nothing."),
        _true("quote_in_text", "The quote is copied from the document's clean_text; "
                               "if it is not there, provenance is lost."),
        _true("quote_covers_span", "The quote holds the span's text and is read at the "
                                   "span's position, so the quote a reader sees is the one "
                                   "the number came from."),
        _true("span_text_matches_number",
              "The span's text writes value_raw: one of its digit groups equals it "
              "(3千 counts as 3000), or the span writes its number in Chinese numerals "
              "(or mixes them with digits, 3万5千). A span that writes another number was "
              "shifted, or its number misread (58.6 read as 5.86 scales correctly and "
              "passes every range): the evidence no longer supports the value, so it fails."),
        _expectation("ExpectColumnValueLengthsToBeBetween",
                     "A span is a number and its unit; a long span swallowed its "
                     "sentence.", "warning",
                     column="span_text", min_value=1, max_value=MAX_SPAN_CHARS),
        _in_set("unit_and_measure", [f"{unit} {measure}" for unit, measure in
                                     sorted(_unit_measure_pairs())],
                "Percent is a growth or a ratio, percentage points a change, 倍 a "
                "multiple (or a growth), other units a level or a growth; e.g. a "
                "percent marked `level` would be summed as a stock.", "warning"),
        _true("level_unit_matches_indicator",
              "A level fact mapped to an indicator is in that indicator's base unit "
              "(a growth or ratio about it is not); a mismatch is a mapping slip.",
              "warning"),
    ]
    return rules


def _unit_measure_pairs() -> set[tuple[str, str]]:
    pairs = {(unit, measure) for unit in BASE_UNITS for measure in ("level", "growth")
             if unit not in ("percent", "pp", "multiple")}
    pairs |= {("percent", "growth"), ("percent", "ratio"), ("pp", "growth"),
              ("multiple", "multiple"), ("multiple", "growth"), ("other", "ratio")}
    return pairs


def dim_document() -> list[Any]:
    """Expectations on documents: identity, text and links."""
    table = "dim_document"
    skipping = skipping_problems()
    return _key("document_key", table) + [
        _not_null("source_name", "The file a document came from is how a reader finds it."),
        _unique("source_name", "One row per loaded report file."),
        _not_null("sha256", "Keys derive from the file's bytes."),
        _unique("sha256", "Identical bytes are loaded once and recorded as `duplicate`."),
        _expectation("ExpectColumnValuesToMatchRegex",
                     "sha256 is 64 lower-case hex digits.",
                     column="sha256", regex=r"^[0-9a-f]{64}$"),
        _not_null("text_length", "Every span indexes clean_text; it must exist."),
        _between("text_length", "A report with no text left is a load problem "
                                "(`empty`), not a document.", min_value=1),
        _not_null("region_key", "CONTRACT: a document's region points at dim_region "
                                "(the unknown member when it cannot be told)."),
        _true("region_exists", "region_key must name a row of dim_region."),
        _not_null("period_key", "CONTRACT: a document's period points at dim_period "
                                "(the unknown member when it cannot be told)."),
        _true("period_exists", "period_key must name a row of dim_period."),
        _expectation("ExpectColumnValuesToNotMatchRegex",
                     "A file recorded in load_problems as skipped ("
                     + ", ".join(skipping) + ") cannot also be a document.",
                     column="load_problem_codes",
                     regex=r"(?:^|,)(?:" + "|".join(skipping) + r")(?:,|$)"),
    ]


def dim_region() -> list[Any]:
    """Expectations on regions: codes and names."""
    return _key("region_key", "dim_region") + [
        _not_null("region_level", "CONTRACT: `unknown` is a level; NULL is not."),
        _in_set("region_level", REGION_LEVELS, "CONTRACT: province, city, county, "
                                               "district, unknown."),
        _not_null("is_masked", "CONTRACT: every region says whether its report hides "
                               "its name."),
        _expectation("ExpectColumnValuesToMatchRegex",
                     "admin_code is a 6-digit GB/T 2260 division code (NULL where unknown) "
                     "whose first two digits name a province-level division.",
                     column="admin_code", regex=ADMIN_CODE_REGEX),
        _expectation(
            "ExpectColumnValuesToNotBeNull",
            "CONTRACT: the name is NULL only where the report never writes it, and such a "
            "region is masked; an unmasked region of known level has a name.",
            "warning", column="region_name",
            row_condition='is_masked == False and region_level != "unknown"',
            condition_parser="pandas"),
        _expectation("ExpectColumnValuesToMatchRegex",
                     "Province-level names end in 省, 市 (municipalities), 自治区 or "
                     "特别行政区; anything else is a city or a fragment.",
                     "warning", column="province_name",
                     regex=r"(?:省|市|自治区|特别行政区)$"),
    ]


def dim_period() -> list[Any]:
    """Expectations on periods: years, months and labels."""
    return _key("period_key", "dim_period") + [
        _between("year", "Bureau reports of this kind start with the reform era (1978); "
                         "a plan may name next year, nothing later (max_year is passed "
                         "at validation as the current year + 1). NULL only without "
                         "evidence.",
                 min_value=FIRST_YEAR, max_value={"$PARAMETER": "max_year"}),
        _true("has_type_and_months", "CONTRACT: a period is a type and a month range; "
                                     "only the unknown member (every attribute NULL) "
                                     "has neither."),
        _in_set("period_type", PERIOD_TYPES, "CONTRACT: year, half, quarter, months."),
        _between("start_month", "Months are 1..12.", min_value=1, max_value=12),
        _between("end_month", "Months are 1..12.", min_value=1, max_value=12),
        _expectation("ExpectColumnPairValuesAToBeGreaterThanB",
                     "A period ends in or after the month it starts.",
                     column_A="end_month", column_B="start_month", or_equal=True),
        _true("months_match_type", "The months fit the type: a year is 1..12, a half 1..6 "
                                   "or 7..12, a quarter three months from 1, 4, 7 or 10 "
                                   "(not checked on the unknown member)."),
        _in_set("label_matches_months",
                [True], "period_label is what the scorer reads: it must be the contract's "
                        "spelling of year and months (2022, 2020H1, 2020Q3, "
                        "2008-01..2008-11)."),
        _unique("period_label", "One row per period: two keys with one label split the "
                                "facts of one period."),
    ]


def dim_indicator() -> list[Any]:
    """Expectations on indicators: codes, units, the unknown member."""
    pairs = indicator_units()
    codes = [code for code, _ in pairs]
    return _key("indicator_key", "dim_indicator") + [
        _not_null("indicator_code", "Facts are read by code."),
        _unique("indicator_code", "One row per code: two keys with one code split its facts."),
        _expectation("ExpectColumnDistinctValuesToContainSet",
                     "CONTRACT: facts that map to no indicator point at the `unmapped` "
                     "member, so it must exist.",
                     column="indicator_code", value_set=["unmapped"]),
        _not_null("base_unit", "Every indicator is counted in a base unit."),
        _in_set("base_unit", BASE_UNITS, "CONTRACT: the base units."),
        _in_set("code_and_unit", [f"{code} {unit}" for code, unit in pairs],
                "A code of the reference list (indicators.csv, the contract's headline "
                "codes among them) keeps its base unit; the scorer compares values in it.",
                row_condition="indicator_code in " + json.dumps(codes),
                condition_parser="pandas"),
    ]


def load_problems() -> list[Any]:
    """Expectations on load problems: each names its file, code and action."""
    return [
        _not_null("source_name", "A problem names the file it was met in."),
        _not_null("problem", "A problem has a code."),
        _expectation("ExpectColumnValuesToMatchRegex",
                     "A problem code is a short snake_case word (empty, binary, "
                     "too_large), so it can be grouped and filtered.",
                     column="problem", regex=r"^[a-z][a-z0-9_]*$"),
        _in_set("problem", problem_codes(),
                "The codes the loaders write (records.PROBLEM_CODES); a new one is "
                "allowed by the contract but should be added there.", "warning"),
        _not_null("detail", "CONTRACT: detail says what was found and what was done."),
        _not_null("detected_at", "CONTRACT: when the problem was met."),
    ]


SUITES: dict[str, Callable[[], list[Any]]] = {
    "fct_indicator_value": fct_indicator_value,
    "dim_document": dim_document,
    "dim_region": dim_region,
    "dim_period": dim_period,
    "dim_indicator": dim_indicator,
    "load_problems": load_problems,
}


def build_suite(name: str) -> dict[str, Any]:
    """The JSON form of suite `name` (`suite.to_json_dict()`)."""
    gx, _context = gx_context()   # expectations can only be added inside a context
    suite = gx.ExpectationSuite(name=name, meta={"notes": f"Quality gate on marts.{name}; "
                                                f"rows come from queries/{name}.sql."})
    for expectation in SUITES[name]():
        suite.add_expectation(expectation)
    return suite.to_json_dict()


def render_suite(name: str) -> str:
    """The exact text of `suites/<name>.json`."""
    return json.dumps(build_suite(name), ensure_ascii=False, indent=2) + "\n"


def write_suites(folder: Path = SUITES_DIR) -> list[Path]:
    """Rewrite every suite file; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SUITES:
        path = folder / f"{name}.json"
        path.write_text(render_suite(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_suites():
        print(written_path)
