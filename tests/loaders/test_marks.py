"""Marks found once per text, and patterns guarded by their first characters: the same
answers as asking the text each time, on the shipped reports."""
from __future__ import annotations

import random
import re
from bisect import bisect_right

import pytest

from loaders.clean import clean_text
from loaders.decode import decode_bytes
from loaders.marks import (
    WindowScan, finditer_after, first_char_guard, first_mark, last_mark, mark_positions, match_reach,
    required_chars,
)
from loaders.period import PeriodResolution, _innermost_sections
from tests.conftest import SEED_REPORTS

CLAUSE = "，,：:"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [clean_text(decode_bytes(p.read_bytes()).text) for p in sorted(SEED_REPORTS.glob("*.txt"))]


def test_the_last_and_first_mark_are_those_rfind_and_find_give(texts):
    rng = random.Random(7)
    for text in texts:
        for _ in range(400):
            lo = rng.randrange(-3, len(text) + 3)
            hi = rng.randrange(-3, len(text) + 3)
            assert last_mark(text, CLAUSE, lo, hi) == max(text.rfind(c, lo, hi) for c in CLAUSE)
            found = [i for i in (text.find(c, lo, hi) for c in "，,；;。") if i != -1]
            assert first_mark(text, "，,；;。", lo, hi) == min(found, default=-1)


@pytest.mark.parametrize("marks", ["。！？!?\n", "“”\"「」『』", "\n。 \t　", "(（(", "）", "無"])
def test_mark_positions_are_the_offsets_a_class_of_the_marks_finds(texts, marks):
    # each mark looked for with str.find, merged: the offsets a regex class gives, once each
    # (a mark written twice in the set, as in `(（(`, is not counted twice)
    cls = re.compile(f"[{re.escape(marks)}]")
    for text in texts + ["", "\n", "。。", "(（)"]:
        assert mark_positions(text, marks) == [m.start() for m in cls.finditer(text)]


def test_a_pattern_needs_the_characters_every_match_holds():
    assert required_chars("改革开放(?:三十|30)周?年") == frozenset("改革开放年")
    assert required_chars("(?:建党|中国共产党成立)(?:九十|90)周年") == frozenset("党周年")   # 党 is in both
    assert required_chars("(?i)abc") == frozenset()   # a letter may match in either case


@pytest.mark.parametrize("pattern, flags, ends_at_end", [
    (r"(?:建成|投产|达产|竣工)后|可(?:新增|增加)|预计", 0, False),
    (r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s?年(?P<du>度)?", 0, False),
    (r"(?:目标|任务)[(（][^)）]*$", 0, False),
    (r"""(?:已经|已|共)?(?:达到|达|为|超过)*(?:了)?\s*$   # may match nothing, at the end""",
     re.VERBOSE, True),
])
def test_a_guarded_pattern_finds_what_the_pattern_finds(texts, pattern, flags, ends_at_end):
    plain = re.compile(pattern, flags)
    guarded = first_char_guard(pattern, flags, ends_at_end=ends_at_end)
    assert guarded.pattern != plain.pattern   # a guard was put in front
    rng = random.Random(3)
    for text in texts:
        for _ in range(300):
            a = rng.randrange(len(text))
            piece = text[a:a + rng.choice([4, 30, 200])] + rng.choice(["", "已达到了", "任务（20"])
            assert ([(m.span(), m.groupdict()) for m in guarded.finditer(piece)]
                    == [(m.span(), m.groupdict()) for m in plain.finditer(piece)])
            assert guarded.sub("", piece) == plain.sub("", piece)


def test_a_pattern_the_guard_cannot_read_is_left_as_it_is():
    assert first_char_guard(r"a*b?").pattern == r"a*b?"        # may match nothing anywhere
    assert first_char_guard(r"(?m)^x").pattern == r"(?m)^x"    # global flags stay first
    assert first_char_guard(r"[^，]+号").pattern == r"[^，]+号"  # a negated class


def test_the_innermost_heading_section_is_found_by_bisection():
    rng = random.Random(11)
    for _ in range(500):
        sections = []
        for k in range(rng.randrange(6)):
            start = rng.randrange(30)
            sections.append((start, rng.randrange(start, 36), PeriodResolution(2000 + k, "year", 1, 12)))
        bounds, inner = _innermost_sections(sections)
        for pos in range(-1, 40):
            expected = None
            for start, end, period in sections:   # the definition: latest start holding pos
                if start <= pos < end and (expected is None or start >= expected[0]):
                    expected = (start, period)
            k = bisect_right(bounds, pos) - 1
            assert (inner[k] if k >= 0 else None) == (expected and expected[1])


# ---------------------------------------------------------------- headings tried where they start
def _pieces(texts: list[str]) -> list[str]:
    """The reports, and windows of them cut anywhere (a heading may open or end a piece)."""
    rng = random.Random(11)
    out = list(texts)
    for text in texts:
        for _ in range(60):
            a = rng.randrange(len(text))
            out.append(text[a:a + rng.choice([3, 40, 400])] + rng.choice(["", "\n", "。", " "]))
    return out


@pytest.mark.parametrize("name, marks", [
    ("_PLAN_HEADING", "\n。 \t　"), ("_HEADING", "\n。 \t　"),
    ("_ANY_HEADING", "\n。"),
])
def test_a_heading_tried_only_after_its_marks_is_found_as_finditer_finds_it(texts, name, marks):
    from loaders import period

    pattern = getattr(period, name)
    found = 0
    for piece in _pieces(texts):
        for pos in (0, 1, len(piece) // 2):
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(piece, pos)]
            assert [(m.span(), m.groupdict()) for m in finditer_after(pattern, piece, marks, pos)] == expected
            found += len(expected)
    assert found > 0   # the shipped reports do hold headings of each kind


def test_a_pattern_starting_elsewhere_is_refused_rather_than_missed():
    # the contract: every match starts at the text's start or right after a mark; an empty
    # match cannot be told apart from finditer's rules, so it stops the scan
    with pytest.raises(ValueError, match="empty"):
        list(finditer_after(re.compile(r"(?<=\n)x*"), "a\nb", "\n"))


def test_blanking_spans_keeps_every_offset_and_the_rest_of_the_text():
    from loaders.period import _blank

    text = "一二三四五六七八九十"
    assert _blank(text, []) is text
    assert _blank(text, [(1, 3)]) == "一  四五六七八九十"
    # overlapping and unordered spans blank their union, an empty span nothing
    assert _blank(text, [(6, 8), (2, 4), (3, 5), (9, 9)]) == "一二   六  九十"
    assert _blank(text, [(0, 10)]) == " " * 10


# ---------------------------------------------------------------- a text scanned once for its windows
def test_a_match_attempt_reads_a_bounded_stretch_of_text():
    # (after, before): the look-ahead reads 2 past the match, the look-behind 1 before it
    assert match_reach(re.compile(r"(?<!以)(?:去年|上年)(?!同|基础)")) == (2 + 2 + 1, 1 + 1)
    assert match_reach(re.compile(r"\d{4}年度?$")) == (6 + 2 + 1, 1 + 1)   # `$` reads a line end
    assert match_reach(re.compile(r"\d+年")) is None      # unbounded
    assert match_reach(re.compile(r"x*")) is None         # may match nothing


@pytest.mark.parametrize("name", ["_CUE", "_REL_YEAR", "_YEAR_WORD"])
def test_the_matches_of_every_window_are_those_finditer_finds_in_it(texts, name):
    from loaders import period

    pattern = getattr(period, name)
    found = 0
    rng = random.Random(5)
    for text in texts + ["2019年，2020年上半年去年1-6月" * 40, "年" * 300]:
        scan = WindowScan(pattern, text)
        assert scan.reach is not None   # the fact periods' cues are bounded: the scan is shared
        for _ in range(400):
            at = rng.randrange(len(text))
            window = text[at:at + rng.choice([0, 1, 5, 30, 120, 500, 2000])]
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(window)]
            assert [(m.span(), m.groupdict()) for m in scan.finditer(window, at)] == expected
            found += len(expected)
    assert found > 0
