"""Validate the marts tables of a warehouse file against the suites in `suites/`.

The suites are Great Expectations suites (JSON written by `build_suites.py` with GX's
own classes): they say what is checked. They are evaluated inside DuckDB: the file is
opened read-only (with a memory limit, spilling to a temporary folder), one query per
suite (`queries/<suite>.sql`) computes in SQL the rules that need other tables (a span
inside its document's text becomes a boolean column) into a temporary table, and every
expectation of the suite becomes an aggregate over it (one scan per suite; a sample of
offending rows only for those that failed), with GX's semantics: NULLs are ignored
except by `not_be_null`, a row condition (GX's pandas syntax) narrows the rows, and the
failure reads as GX's would (`1 of 5 rows unexpected, e.g. {...}`).

Why not GX itself: its SQL datasource fails on DuckDB, and its pandas route needs a
DataFrame of every fact (memory that grows with the corpus) and ~6 s of import and
~10 s of validation on even a tiny warehouse. An expectation type this module does not
know is still run by GX, on the suite's DataFrame (`engine="gx"` runs every one so).
"""
from __future__ import annotations

import json
import re
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

PACKAGE_DIR = Path(__file__).resolve().parent
SUITES_DIR = PACKAGE_DIR / "suites"
QUERIES_DIR = PACKAGE_DIR / "queries"

# One suite per marts table, validated in this order (facts first: they matter most).
SUITE_NAMES = ("fct_indicator_value", "dim_document", "dim_region", "dim_period",
               "dim_indicator", "load_problems")

# Columns that name an offending row in a failure's detail.
ROW_NAMES = {
    "fct_indicator_value": ["fact_key"],
    "dim_document": ["source_name"],
    "dim_region": ["region_key"],
    "dim_period": ["period_key"],
    "dim_indicator": ["indicator_code"],
    "load_problems": ["source_name"],
}

BLOCKING_SEVERITY = "critical"
SAMPLE_SIZE = 3   # offending values quoted per failure


@dataclass(frozen=True)
class Failure:
    """One expectation that did not hold (or could not be evaluated)."""

    suite: str
    expectation_type: str       # e.g. expect_column_values_to_be_between; `query` if the SELECT failed
    column: str | None          # the column(s) checked, e.g. `value`, `char_end,char_start`
    observed: str               # what was found: counts and a few offending values/rows
    severity: str = BLOCKING_SEVERITY   # critical | warning | info
    condition: str | None = None        # the row condition, when the rule covers some rows
    notes: str = ""                     # why the expectation exists (meta.notes)

    @property
    def blocking(self) -> bool:
        """Critical failures fail the gate; warnings are only reported."""
        return self.severity == BLOCKING_SEVERITY

    def describe(self) -> str:
        """One line naming the suite, the expectation, its column and what was seen."""
        target = self.column or "table"
        if self.condition:
            target += f" where {self.condition}"
        label = "FAIL" if self.blocking else "WARN"
        return f"{label} {self.suite}: {self.expectation_type}({target}): {self.observed}"

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class SuiteResult:
    """The outcome of one suite on one table."""

    suite: str
    success: bool               # no blocking failure
    rows: int                   # rows of the table validated
    evaluated: int              # expectations run
    failed: int                 # expectations that failed, warnings included
    seconds: float


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one warehouse file."""

    db_path: Path
    success: bool
    results: dict[str, SuiteResult]
    failures: list[Failure]
    seconds: float

    @property
    def blocking_failures(self) -> list[Failure]:
        return [failure for failure in self.failures if failure.blocking]

    def summary(self) -> str:
        """One line: verdict, counts, time."""
        evaluated = sum(result.evaluated for result in self.results.values())
        rows = sum(result.rows for result in self.results.values())
        warned = len(self.failures) - len(self.blocking_failures)
        verdict = "passed" if self.success else "FAILED"
        return (f"expectations {verdict}: {len(self.results)} suites, {evaluated} expectations "
                f"on {rows} rows, {len(self.blocking_failures)} failed, {warned} warnings, "
                f"{self.seconds:.1f}s ({self.db_path})")


# ------------------------------------------------------------ files
def suite_path(name: str) -> Path:
    return SUITES_DIR / f"{name}.json"


def query_text(name: str) -> str:
    """The SELECT that builds suite `name`'s DataFrame."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


SCOPE_MARK = "true /* scope */"
# The suites whose rows are judged one by one and come from the reports: an incremental
# build validates the rows of the reports it touched (the other rows passed the gate of
# the build that made them and have not changed since).
SCOPED_SUITES = {"fct_indicator_value": "document_key"}


def scoped_query_text(name: str, since: datetime | None) -> str:
    """`query_text(name)`, narrowed to the reports loaded after `since` where the suite
    allows it (SCOPED_SUITES)."""
    text = query_text(name)
    if since is None or name not in SCOPED_SUITES:
        return text
    if SCOPE_MARK not in text:
        raise ValueError(f"queries/{name}.sql has no `{SCOPE_MARK}` to narrow")
    stamp = since.astimezone(timezone.utc).isoformat()
    touched = (f"{SCOPED_SUITES[name]} in (select md5('document|' || sha256) "
               f"from raw.raw_reports where loaded_at > '{stamp}'::timestamptz)")
    return text.replace(SCOPE_MARK, touched)


def load_suite_json(name: str) -> dict[str, Any]:
    with suite_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


# ------------------------------------------------------------ GX
def import_gx() -> Any:
    """The `great_expectations` module, imported on first use (~2 s)."""
    with warnings.catch_warnings():
        # GX imports sre_constants/sre_parse, deprecated since Python 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
    return gx


def gx_context() -> tuple[Any, Any]:
    """(the `great_expectations` module, a quiet in-memory context).

    Ephemeral so that nothing is written next to the warehouse; progress bars and
    analytics off because the gate runs unattended and offline.
    """
    gx = import_gx()
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    return gx, gx.get_context(mode="ephemeral", project_config=config)


def _sample(values: list[Any]) -> str:
    shown = [_plain(value) for value in values[:SAMPLE_SIZE]]
    return ", ".join(json.dumps(value, ensure_ascii=False, default=str) for value in shown)


def _plain(value: Any) -> Any:
    """numpy/pandas scalars and tuples -> plain Python, so they print readably."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "item") and callable(value.item):
        try:
            return value.item()
        except (TypeError, ValueError):
            return str(value)
    return value


def _exception_message(info: dict[str, Any]) -> str | None:
    """The first error GX met, or None; GX nests errors of metrics under metric ids."""
    if info.get("raised_exception"):
        lines = str(info.get("exception_message") or "unknown error").strip().splitlines()
        return lines[0] if lines else "unknown error"
    for value in info.values():
        if isinstance(value, dict):
            message = _exception_message(value)
            if message is not None:
                return message
    return None


def _observed(result: dict[str, Any], error: str | None) -> str:
    """What GX saw, as one short phrase."""
    if error is not None:
        return f"could not be evaluated: {error}"
    if "unexpected_count" in result:
        text = f"{result['unexpected_count']} of {result.get('element_count')} rows unexpected"
        rows = result.get("partial_unexpected_index_list") or []
        values = result.get("partial_unexpected_list") or []
        if rows:
            text += f", e.g. {_sample(rows)}"
        elif values:
            text += f", e.g. {_sample(values)}"
        return text
    if result.get("partial_missing_list"):
        return f"missing {_sample(result['partial_missing_list'])}"
    if "observed_value" in result:
        return f"observed {_sample([result['observed_value']])}"
    return json.dumps(_plain(result), ensure_ascii=False, default=str)[:200] or "no result"


def _column(kwargs: dict[str, Any]) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    if "column_list" in kwargs:
        return ",".join(kwargs["column_list"])
    return None


def _condition(kwargs: dict[str, Any]) -> str | None:
    condition = kwargs.get("row_condition")
    if condition is None:
        return None
    if isinstance(condition, dict):     # serialised pass-through condition
        return condition.get("pass_through_filter") or json.dumps(condition)
    return getattr(condition, "pass_through_filter", None) or str(condition)


def failures_from_result(suite: str, validation: Any) -> list[Failure]:
    """The failed expectations of one GX suite result, as `Failure`s."""
    failures = []
    for outcome in validation.results:
        if outcome.success:
            continue
        config = outcome.expectation_config
        kwargs = dict(config.kwargs)
        severity = getattr(config, "severity", BLOCKING_SEVERITY)
        severity = getattr(severity, "value", severity) or BLOCKING_SEVERITY
        error = _exception_message(dict(outcome.exception_info or {}))
        if error is not None:
            severity = BLOCKING_SEVERITY     # a rule that cannot run guards nothing
        failures.append(Failure(
            suite=suite,
            expectation_type=config.type,
            column=_column(kwargs),
            observed=_observed(dict(outcome.result or {}), error),
            severity=str(severity),
            condition=_condition(kwargs),
            notes=str((config.meta or {}).get("notes", "")),
        ))
    return failures


# ------------------------------------------------------------ reference data
def unit_forms() -> list[tuple[str, float]]:
    """(unit form, scale to its base unit) for every unit the extractor can write.

    The rule of dbt's `int_unit_forms`, re-derived here from the seeds
    (`units.csv`, `unit_prefixes.csv`) rather than read from the warehouse, so
    that the gate checks the scaling against the reference data, not against
    the model that applied it: each unit bare, and each prefix (万 亿 万亿) before
    a unit that allows one; where two spellings coincide the bare unit wins.
    """
    from loaders.reference import read_rows

    units = [(row["unit"].strip(), float(row["scale"])) for row in read_rows("units")]
    prefixed = {row["unit"].strip() for row in read_rows("units")
                if row.get("allow_prefix", "").strip().lower() == "true"}
    forms: dict[str, float] = {}
    for prefix in sorted(read_rows("unit_prefixes"), key=lambda row: len(row["prefix"])):
        for unit, scale in sorted(units):
            if unit in prefixed:
                forms.setdefault(prefix["prefix"].strip() + unit, float(prefix["scale"]) * scale)
    bare = dict(units)
    return sorted({**forms, **bare}.items())


# ------------------------------------------------------------ the expectations in DuckDB
class Unsupported(Exception):
    """An expectation (or row condition) this engine cannot translate: GX runs it."""


def _quote_identifier(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    return "'" + str(value).replace("'", "''") + "'"


_CONDITION_TOKEN = re.compile(r"""\s*(?:(?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    |(?P<number>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|<|>|\[|\]|\(|\)|,)
    |(?P<word>[A-Za-z_][A-Za-z_0-9]*))""", re.VERBOSE)


def condition_sql(condition: str) -> str:
    """A GX pandas row condition (`base_unit == "pp" and measure != "growth"`) as SQL.

    pandas' NULL logic is kept: NaN == x is false, NaN != x is true, NaN in [...] false.
    Anything else (a method call, arithmetic) raises `Unsupported`."""
    out, position = [], 0
    words = {"and": "and", "or": "or", "not": "not", "in": "in", "True": "true",
             "False": "false"}
    operators = {"==": "is not distinct from", "!=": "is distinct from", "[": "(", "]": ")"}
    while position < len(condition):
        match = _CONDITION_TOKEN.match(condition, position)
        if not match or match.end() == position:
            if condition[position:].strip():
                raise Unsupported(f"row condition {condition!r}")
            break
        position = match.end()
        if match["string"]:
            out.append(_literal(json.loads(match["string"]) if match["string"][0] == '"'
                                else match["string"][1:-1]))
        elif match["number"]:
            out.append(match["number"])
        elif match["op"]:
            out.append(operators.get(match["op"], match["op"]))
        elif match["word"] in words:
            out.append(words[match["word"]])
        else:
            out.append(_quote_identifier(match["word"]))
    return f"coalesce(({' '.join(out)}), false)"


def _parameter(value: Any, parameters: dict[str, Any]) -> Any:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return parameters[value["$PARAMETER"]]
    return value


def _map_rule(kind: str, kwargs: dict[str, Any], parameters: dict[str, Any]) -> tuple[str, str]:
    """(the rows an expectation judges, the rows it finds unexpected) as SQL predicates,
    for expectations judged row by row; raises `Unsupported` for the others."""
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = _quote_identifier(kwargs["column_A"]), _quote_identifier(kwargs["column_B"])
        judged = f"not ({a} is null and {b} is null)"
        operator = ">=" if kwargs.get("or_equal") else ">"
        return judged, f"not coalesce({a} {operator} {b}, false)"
    if kwargs.get("mostly") not in (None, 1, 1.0):
        raise Unsupported("mostly")
    if kind == "expect_compound_columns_to_be_unique":
        columns = [_quote_identifier(c) for c in kwargs["column_list"]]
        return (f"not ({' and '.join(c + ' is null' for c in columns)})",
                f"count(*) over (partition by {', '.join(columns)}) > 1")
    column = _quote_identifier(kwargs["column"])
    present = f"{column} is not null"
    if kind == "expect_column_values_to_not_be_null":
        return "true", f"{column} is null"
    if kind == "expect_column_values_to_be_in_set":
        values = kwargs.get("value_set") or []
        if not values:
            return present, "true"
        return present, f"{column} not in ({', '.join(_literal(v) for v in values)})"
    if kind in ("expect_column_values_to_be_between", "expect_column_value_lengths_to_be_between"):
        measured = f"length({column})" if "lengths" in kind else column
        low = _parameter(kwargs.get("min_value"), parameters)
        high = _parameter(kwargs.get("max_value"), parameters)
        tests = []
        if low is not None:
            tests.append(f"{measured} {'<=' if kwargs.get('strict_min') else '<'} {_literal(low)}")
        if high is not None:
            tests.append(f"{measured} {'>=' if kwargs.get('strict_max') else '>'} {_literal(high)}")
        return present, " or ".join(tests) or "false"
    if kind == "expect_column_values_to_match_regex":
        return present, f"not regexp_matches(cast({column} as varchar), {_literal(kwargs['regex'])})"
    if kind == "expect_column_values_to_not_match_regex":
        return present, f"regexp_matches(cast({column} as varchar), {_literal(kwargs['regex'])})"
    if kind == "expect_column_values_to_be_unique":
        return present, f"count(*) over (partition by {column}) > 1"
    raise Unsupported(kind)


def _shown_columns(kind: str, kwargs: dict[str, Any], index: list[str]) -> list[str]:
    """The columns quoted for an offending row, as GX's SUMMARY result lists them."""
    if "column" in kwargs:
        own = [kwargs["column"]]
    elif "column_A" in kwargs:
        own = [kwargs["column_A"], kwargs["column_B"]]
    else:
        own = list(kwargs.get("column_list", []))
    return own + [name for name in index if name not in own]


def _severity(expectation: dict[str, Any]) -> str:
    return str(expectation.get("severity") or BLOCKING_SEVERITY)


def _failure(suite: str, expectation: dict[str, Any], observed: str,
             severity: str | None = None) -> Failure:
    kwargs = expectation.get("kwargs", {})
    return Failure(suite=suite, expectation_type=expectation["type"], column=_column(kwargs),
                   observed=observed, severity=severity or _severity(expectation),
                   condition=_condition(kwargs),
                   notes=str((expectation.get("meta") or {}).get("notes", "")))


def _judge_in_duckdb(con: duckdb.DuckDBPyConnection, suite: str, table: str,
                     expectations: list[dict[str, Any]], parameters: dict[str, Any],
                     ) -> tuple[list[tuple[int, Failure]], list[tuple[int, dict[str, Any]]]]:
    """Evaluate a suite's expectations on `table`; (failures by position, the expectations
    left to GX by position)."""
    failures: list[tuple[int, Failure]] = []
    left: list[tuple[int, dict[str, Any]]] = []
    rules: list[tuple[int, dict[str, Any], str, str, str]] = []
    for position, expectation in enumerate(expectations):
        kind, kwargs = expectation["type"], dict(expectation.get("kwargs", {}))
        try:
            condition = kwargs.get("row_condition")
            if isinstance(condition, dict):
                if condition.get("type", "pass_through") != "pass_through":
                    raise Unsupported("row condition type")
                condition = condition.get("pass_through_filter")
            scope = condition_sql(condition) if condition else "true"
            if kind == "expect_column_distinct_values_to_contain_set":
                column = _quote_identifier(kwargs["column"])
                found = con.sql(f"select list(distinct {column} order by {column}) from {table} "
                                f"where {scope} and {column} is not null").fetchall()[0][0] or []
                if set(kwargs.get("value_set") or []) - set(found):
                    failures.append((position, _failure(suite, expectation,
                                                        f"observed {_sample([found])}")))
                continue
            judged, unexpected = _map_rule(kind, kwargs, parameters)
        except Unsupported:
            left.append((position, expectation))
            continue
        except (KeyError, duckdb.Error) as err:
            failures.append((position, _failure(
                suite, expectation, f"could not be evaluated: {_first_line(err)}",
                BLOCKING_SEVERITY)))
            continue
        rules.append((position, expectation, scope, judged, unexpected))
    index = ROW_NAMES.get(suite, [])
    for position, expectation, scope, judged, unexpected in rules:
        kwargs = expectation.get("kwargs", {})
        # windows (uniqueness) are computed over the judged rows only
        flagged = (f"select *, ({unexpected}) as keji_unexpected from {table} "
                   f"where ({scope}) and ({judged})")
        try:
            total, count = con.sql(
                f"select (select count(*) from {table} where {scope}), "
                f"count(*) filter (where keji_unexpected) from ({flagged})").fetchall()[0]
            if not count:
                continue
            shown = _shown_columns(expectation["type"], kwargs, index)
            listed = ", ".join(_quote_identifier(name) for name in shown)
            order = ", ".join(_quote_identifier(name) for name in index) or "1"
            sample = con.sql(f"select {listed} from ({flagged}) where keji_unexpected "
                             f"order by {order} limit {SAMPLE_SIZE}").fetchall()
        except duckdb.Error as err:
            failures.append((position, _failure(
                suite, expectation, f"could not be evaluated: {_first_line(err)}",
                BLOCKING_SEVERITY)))
            continue
        rows = [dict(zip(shown, row)) for row in sample]
        text = f"{count} of {total} rows unexpected"
        if rows:
            text += f", e.g. {_sample(rows)}"
        failures.append((position, _failure(suite, expectation, text)))
    return failures, left


def _first_line(err: BaseException) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _judge_with_gx(suite: str, frame: Any, expectations: list[dict[str, Any]],
                   parameters: dict[str, Any]) -> list[Failure]:
    """Run expectations through GX itself on the suite's DataFrame."""
    gx, context = gx_context()
    data = {**load_suite_json(suite), "expectations": expectations, "name": suite}
    datasource = context.data_sources.add_pandas("warehouse")
    gx_suite = context.suites.add(gx.ExpectationSuite(**data))
    batch = datasource.add_dataframe_asset(suite).add_batch_definition_whole_dataframe(suite)
    definition = gx.ValidationDefinition(data=batch, suite=gx_suite, name=suite)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        validation = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=parameters,
            result_format={"result_format": "SUMMARY",
                           "unexpected_index_column_names": ROW_NAMES[suite],
                           "partial_unexpected_count": SAMPLE_SIZE},
        )
    return failures_from_result(suite, validation)


def connect(db_path: Path, temp_directory: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection with the build's memory limit, spilling to `temp_directory`."""
    from loaders.settings import duckdb_memory

    return duckdb.connect(str(db_path), read_only=True,
                          config={"memory_limit": duckdb_memory(),
                                  "temp_directory": str(temp_directory),
                                  "preserve_insertion_order": False})


# ------------------------------------------------------------ entry point
def read_frames(db_path: Path, names: tuple[str, ...] = SUITE_NAMES) -> tuple[dict[str, Any], list[Failure]]:
    """One DataFrame per suite from a read-only connection, closed before returning.

    A query that fails (a missing table or column) becomes a blocking failure of
    its suite instead of stopping the others.
    """
    frames: dict[str, Any] = {}
    failures: list[Failure] = []
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        # the scale each unit implies, for queries/fct_indicator_value.sql
        connection.execute("create temporary table unit_forms (unit_form varchar, scale double)")
        connection.executemany("insert into unit_forms values (?, ?)", unit_forms())
        for name in names:
            try:
                frames[name] = connection.sql(query_text(name)).df()
            except duckdb.Error as err:
                first_line = str(err).strip().splitlines()[0]
                failures.append(Failure(name, "query", None,
                                        f"queries/{name}.sql failed: {first_line}"))
    finally:
        connection.close()
    return frames, failures


def validate_warehouse(db_path: Path, *, max_year: int | None = None,
                       engine: str = "duckdb", since: datetime | None = None) -> ValidationReport:
    """Validate every marts table of the DuckDB file `db_path` against its suite.

    Opens the file read-only (other readers may run alongside; a writer must have
    finished). `max_year` bounds period years (default: the current year + 1, as a
    plan may name next year). `success` is False when any critical expectation
    failed, a query failed or a suite could not run; warnings do not count.
    `engine="gx"` runs every expectation through GX on DataFrames (the reference
    the DuckDB engine is tested against). `since` (an incremental build: the newest
    `loaded_at` of the warehouse it started from) narrows the per-row suites to the
    reports loaded after it (SCOPED_SUITES).
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no warehouse file at {db_path}")
    parameters = {"max_year": max_year if max_year is not None else date.today().year + 1}
    failures: list[Failure] = []
    results: dict[str, SuiteResult] = {}
    with tempfile.TemporaryDirectory(prefix="keji-validate-") as spill:
        connection = connect(db_path, Path(spill))
        try:
            # the scale each unit implies, for queries/fct_indicator_value.sql
            connection.execute("create temporary table unit_forms (unit_form varchar, scale double)")
            connection.executemany("insert into unit_forms values (?, ?)", unit_forms())
            for name in SUITE_NAMES:
                suite_started = time.perf_counter()
                table = f"temp.keji_suite_{name}"
                try:
                    connection.execute(f"create temporary table keji_suite_{name} as "
                                       f"{scoped_query_text(name, since)}")
                except duckdb.Error as err:
                    failures.append(Failure(name, "query", None,
                                            f"queries/{name}.sql failed: {_first_line(err)}"))
                    results[name] = SuiteResult(name, False, 0, 0, 1, 0.0)
                    continue
                expectations = load_suite_json(name)["expectations"]
                rows = connection.sql(f"select count(*) from {table}").fetchall()[0][0]
                if engine == "gx":
                    found, left = [], list(enumerate(expectations))
                else:
                    found, left = _judge_in_duckdb(connection, name, table, expectations,
                                                   parameters)
                if left:
                    frame = connection.sql(f"select * from {table}").df()
                    by_type = _judge_with_gx(name, frame, [e for _, e in left], parameters)
                    found += _positioned(by_type, left)
                suite_failures = [failure for _, failure in sorted(found, key=lambda f: f[0])]
                connection.execute(f"drop table {table}")
                failures.extend(suite_failures)
                results[name] = SuiteResult(
                    suite=name,
                    success=not any(failure.blocking for failure in suite_failures),
                    rows=rows,
                    evaluated=len(expectations),
                    failed=len(suite_failures),
                    seconds=time.perf_counter() - suite_started,
                )
        finally:
            connection.close()
    return ValidationReport(
        db_path=db_path,
        success=not any(failure.blocking for failure in failures),
        results=results,
        failures=failures,
        seconds=time.perf_counter() - started,
    )


def _positioned(failures: list[Failure], left: list[tuple[int, dict[str, Any]]]
                ) -> list[tuple[int, Failure]]:
    """GX's failures, each at the position of the expectation it belongs to."""
    placed = []
    unused = list(left)
    for failure in failures:
        for k, (position, expectation) in enumerate(unused):
            kwargs = expectation.get("kwargs", {})
            if (expectation["type"], _column(kwargs), _condition(kwargs)) == (
                    failure.expectation_type, failure.column, failure.condition):
                placed.append((position, failure))
                del unused[k]
                break
        else:
            placed.append((len(left) and left[-1][0], failure))
    return placed
