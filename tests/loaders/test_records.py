"""Records made without their dataclass `__init__` are the records `__init__` makes."""
from __future__ import annotations

import pickle

import pytest

from loaders.period import FactPeriodInfo, _new_info
from loaders.records import PeriodResolution, QuantityMention, fast_constructor, new_mention

FIELDS = dict(
    char_start=3, char_end=8, number_text="367.1亿元", value_raw=367.1, unit_raw="亿元",
    numeral="arabic", indicator_phrase="全社会研发投入", quote="全社会研发投入367.1亿元。",
    quote_start=0, measure="level", fact_type="actual", bound="exact",
)


def test_a_mention_made_at_once_equals_one_made_by_init():
    made, built = new_mention(**FIELDS), QuantityMention(**FIELDS)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert made.period is None and made.cues == ()   # the defaults are filled
    assert pickle.loads(pickle.dumps(made)) == built
    with pytest.raises(AttributeError):
        made.char_start = 4   # still frozen


def test_a_fact_period_made_at_once_equals_one_made_by_init():
    period = PeriodResolution(2021, "months", 1, 10, "1-10月")
    made = _new_info(period=period, in_plan_section=False, cue="1-10月", results=True)
    assert made == FactPeriodInfo(period, False, "1-10月", True)
    assert _new_info(period=period, in_plan_section=True, cue="").results is False


def test_a_field_missing_or_unknown_is_refused_as_init_refuses_it():
    with pytest.raises(TypeError, match="missing"):
        new_mention(**{k: v for k, v in FIELDS.items() if k != "quote"})
    with pytest.raises(TypeError, match="unexpected keyword"):
        new_mention(**FIELDS, colour="red")
    make = fast_constructor(PeriodResolution)
    assert make(year=2020, period_type="year", start_month=1, end_month=12) == PeriodResolution(2020, "year", 1, 12)
