"""Validate the marts tables of a warehouse file against the suites in `suites/`.

Great Expectations' SQL datasource fails on DuckDB, so each suite is checked on
a pandas DataFrame instead: the DuckDB file is opened read-only, one query per
suite (`queries/<suite>.sql`) builds its DataFrame, computing in SQL the rules
that need other tables (a span inside its document's text becomes a boolean
column), the connection is closed, and the suites run on the DataFrames in an
ephemeral GX context. GX costs ~2 s to import, so it is imported only here,
when a validation runs.
"""
from __future__ import annotations

import json
import time
import warnings
from dataclasses import dataclass
from datetime import date
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


def validate_warehouse(db_path: Path, *, max_year: int | None = None) -> ValidationReport:
    """Validate every marts table of the DuckDB file `db_path` against its suite.

    Opens the file read-only (other readers may run alongside; a writer must have
    finished). `max_year` bounds period years (default: the current year + 1, as a
    plan may name next year). `success` is False when any critical expectation
    failed, a query failed or a suite could not run; warnings do not count.
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no warehouse file at {db_path}")
    frames, failures = read_frames(db_path)
    parameters = {"max_year": max_year if max_year is not None else date.today().year + 1}

    gx, context = gx_context()
    datasource = context.data_sources.add_pandas("warehouse")
    results: dict[str, SuiteResult] = {}
    for name in SUITE_NAMES:
        if name not in frames:
            results[name] = SuiteResult(name, False, 0, 0, 1, 0.0)
            continue
        suite_started = time.perf_counter()
        frame = frames[name]
        suite = context.suites.add(gx.ExpectationSuite(**load_suite_json(name)))
        batch = datasource.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        definition = gx.ValidationDefinition(data=batch, suite=suite, name=name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            validation = definition.run(
                batch_parameters={"dataframe": frame},
                expectation_parameters=parameters,
                result_format={"result_format": "SUMMARY",
                               "unexpected_index_column_names": ROW_NAMES[name],
                               "partial_unexpected_count": SAMPLE_SIZE},
            )
        suite_failures = failures_from_result(name, validation)
        failures.extend(suite_failures)
        results[name] = SuiteResult(
            suite=name,
            success=not any(failure.blocking for failure in suite_failures),
            rows=len(frame),
            evaluated=len(validation.results),
            failed=len(suite_failures),
            seconds=time.perf_counter() - suite_started,
        )
    return ValidationReport(
        db_path=db_path,
        success=not any(failure.blocking for failure in failures),
        results=results,
        failures=failures,
        seconds=time.perf_counter() - started,
    )
