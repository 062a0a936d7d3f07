"""Records that travel between the loader steps.

Every step is a pure function from one of these to the next; only `corpus.py`,
`land.py` and the dbt Python models touch files or the database. Each record
keeps its evidence (spans, quotes, reasons) next to what was derived from it.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Callable, TypeVar

_T = TypeVar("_T")

# Problem codes landed in marts.load_problems (see CONTRACT.md).
PROBLEM_CODES = (
    "empty",          # zero bytes or only white space after decoding
    "binary",         # NUL bytes / not text at all
    "undecodable",    # no candidate encoding decodes it cleanly
    "decoded_with_replacement",  # decoded, but some bytes were replaced
    "mis_decoded",    # fragments of mojibake found in otherwise good text
    "duplicate",      # same bytes as an earlier file of the corpus
    "too_large",      # above the size limit
    "too_slow",       # reading it took longer than the per-file time budget; skipped
    "unsupported",    # file type not read (e.g. .pdf)
    "error",          # an unexpected exception while processing the file
    "unreadable",     # a file or folder the build may not read (permissions, I/O error)
    "symlink_outside",  # a link to a path outside the corpus folder; not followed
    "broken_symlink",   # a dangling or looping link
    "not_a_file",     # a FIFO, socket, device, or a link to a folder
    "bad_file_name",  # a name that is not valid UTF-8; loaded under an escaped name
    "not_finite",     # a fact whose value is inf/NaN: kept out of the facts
    "implausible_value",  # a fact beyond the bounds of plausible_values.csv: kept out
)


@dataclass(frozen=True)
class LoadProblem:
    """One problem met while loading a file; never fatal for the corpus."""

    source_name: str
    problem: str
    detail: str


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file's bytes, with the encoding that was detected."""

    text: str
    encoding: str                      # e.g. "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"
    problems: tuple[tuple[str, str], ...] = ()  # (problem code, detail) that did not stop decoding


class DecodeError(ValueError):
    """The bytes cannot be read as a report; `problem` is a PROBLEM_CODES code."""

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class RegionResolution:
    """The region a report is about, with the evidence that decided it."""

    region_name: str | None            # official full name, masked text as written, or None
    region_level: str                  # province | city | county | district | unknown
    province_name: str | None
    admin_code: str | None             # 6-digit code where known
    is_masked: bool
    evidence: str                      # short human-readable reason


@dataclass(frozen=True)
class PeriodResolution:
    """A period (of a report or of a fact): year and month range, with the reason."""

    year: int | None
    period_type: str                   # year | half | quarter | months
    start_month: int                   # 1..12
    end_month: int                     # 1..12
    reason: str = ""

    @property
    def label(self) -> str | None:
        """`2022`, `2020H1`, `2020Q3`, `2008-01..2008-11`; None without a year."""
        if self.year is None:
            return None
        if self.period_type == "year":
            return str(self.year)
        if self.period_type == "half":
            return f"{self.year}H{1 if self.start_month == 1 else 2}"
        if self.period_type == "quarter":
            return f"{self.year}Q{(self.start_month - 1) // 3 + 1}"
        return f"{self.year}-{self.start_month:02d}..{self.year}-{self.end_month:02d}"


@dataclass(frozen=True)
class QuantityMention:
    """One quantity stated in a report's clean text, with its evidence and cues.

    `char_start`/`char_end` index the clean text (0-based code points, end exclusive)
    and cover the number and its unit. `value_raw` is the number as written
    (Chinese numerals converted, `万` inside the unit not applied); scaling to the
    base unit happens in dbt against the units seed.
    """

    char_start: int
    char_end: int
    number_text: str                   # the surface text of the number and unit
    value_raw: float
    unit_raw: str                      # as written: 亿元, 万元, 家, %, 个百分点, 倍 ...
    numeral: str                       # arabic | chinese | mixed
    indicator_phrase: str              # words naming what is counted
    quote: str                         # the sentence or clause it was read from
    quote_start: int                   # offset of `quote` in the clean text
    measure: str                       # level | growth | ratio | multiple
    fact_type: str                     # actual | estimate | target
    bound: str                         # exact | approx | at_least | at_most
    period: PeriodResolution | None = None   # the fact's own period, where it differs
    cues: tuple[str, ...] = field(default=())  # words that decided the cues, for audit


def fast_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A keyword constructor of a frozen dataclass that fills its `__dict__` at once.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`; the
    loaders make one mention and one fact period per number read, so that cost is paid
    tens of thousands of times per MB. The object made is the one `__init__` would make
    (same fields, defaults filled, equal and hashed alike); every field without a
    default must be given.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    defaults = {f.name: f.default for f in fields(cls) if f.default is not MISSING}  # type: ignore[arg-type]
    allowed = frozenset(names)
    required = allowed - defaults.keys()
    new = object.__new__

    def make(**values: Any) -> _T:
        if not required <= values.keys() <= allowed:
            return cls(**values)   # let __init__ raise its own error
        obj = new(cls)
        state = obj.__dict__
        state.update(defaults)
        state.update(values)
        return obj

    return make


def positional_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of a frozen dataclass from every field's value in order, as the
    compiled stages hand them over: no keywords to check, no `object.__setattr__` per
    field (see `fast_constructor`)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def make(*values: Any) -> _T:
        if len(values) != len(names):
            return cls(*values)   # let __init__ raise its own error
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj

    return make


new_mention: Callable[..., QuantityMention] = fast_constructor(QuantityMention)
new_period: Callable[..., PeriodResolution] = positional_constructor(PeriodResolution)
