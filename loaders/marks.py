"""Cheaper ways to ask a text the same questions: where its marks stand, and whether a
pattern can match it at all.

- Extraction and fact periods ask, for every number, where its clause or sentence
  starts and ends. Asking the text each time (`max(text.rfind(c, lo, hi) for c in
  "，,：:")`) costs a scan per mark per number; the positions of each set of marks are
  found once per text (`mark_positions`, one regex pass) and each question is one
  bisection (`last_mark`, `first_mark`), so the work per number no longer grows with
  the length of its sentence. The answers are those of `str.rfind`/`str.find`.
- A pattern can only match a text holding the characters every match holds
  (`required_chars`), and only at a character a match can start with
  (`first_char_guard`): both skip work that cannot find anything, and never change
  what is found.
"""
from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=64)
def mark_positions(text: str, marks: str) -> list[int]:
    """Sorted offsets of every character of `marks` in `text`.

    Each mark is looked for with `str.find`, which skips through the text far faster
    than a regex class tests each of its characters; a mark the text lacks costs one
    `in`. Cached for the texts being read at once (one report's clean text, the copy
    periods are read from and its body without the title, about a dozen sets of marks
    each: the cache must hold them all, or each number would scan its text again): a
    string keeps its hash, so a lookup with the same text object costs no scan.
    """
    found: list[int] = []
    find = text.find
    for mark in dict.fromkeys(marks):
        at = find(mark)
        while at != -1:
            found.append(at)
            at = find(mark, at + 1)
    found.sort()
    return found


def last_mark(text: str, marks: str, lo: int, hi: int) -> int:
    """The offset of the last character of `marks` in text[lo:hi], else -1:
    `max(text.rfind(c, lo, hi) for c in marks)` (lo, hi within the text)."""
    if lo < 0 or hi < 0:   # str.rfind counts a negative offset from the end
        return max(text.rfind(c, lo, hi) for c in marks)
    positions = mark_positions(text, marks)
    i = bisect_left(positions, hi) - 1
    return positions[i] if i >= 0 and positions[i] >= lo else -1


def first_mark(text: str, marks: str, lo: int, hi: int) -> int:
    """The offset of the first character of `marks` in text[lo:hi], else -1:
    `min` of `text.find(c, lo, hi)` over the marks found (lo, hi within the text)."""
    if lo < 0 or hi < 0:   # str.find counts a negative offset from the end
        return min((i for i in (text.find(c, lo, hi) for c in marks) if i != -1), default=-1)
    positions = mark_positions(text, marks)
    i = bisect_left(positions, lo)
    return positions[i] if i < len(positions) and positions[i] < hi else -1


def _re_module(name: str) -> Any:
    """A private module of `re` (its parser, its constants): read where a pattern's
    structure is asked, typed as unknown, since typeshed does not describe them."""
    return importlib.import_module(f"re.{name}")


def holds_all(text: str, chars: frozenset[str]) -> bool:
    """True when every one of `chars` is in `text` (`chars <= set(text)`): a few searches
    of the text, without making a set of every character of it."""
    return all(c in text for c in chars)


def required_chars(pattern: str) -> frozenset[str]:
    """Characters that every match of `pattern` contains (an empty set when unsure).

    Reference data brings lists of patterns (the political calendar's cues, the
    non-quantities), each searched over a text; a text lacking one of a pattern's
    required characters (`改革开放…` needs 改) cannot match it, so most patterns are
    skipped without a scan.
    """
    try:
        parser = _re_module("_parser")   # the parser of the `re` module itself
    except ImportError:  # pragma: no cover - a Python without it: search every pattern
        return frozenset()

    def required(items: object) -> set[str]:
        out: set[str] = set()
        for op, arg in items:  # type: ignore[attr-defined]
            if op is parser.LITERAL:
                out.add(chr(arg))
            elif op is parser.SUBPATTERN:
                out |= required(arg[-1])
            elif op is parser.BRANCH:
                branches = [required(b) for b in arg[1]]
                out |= set.intersection(*branches) if branches else set()
            elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT) and arg[0] >= 1:
                out |= required(arg[2])
        return out

    try:
        parsed = parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return frozenset()   # a letter may match in either case
        return frozenset(required(parsed))
    except Exception:  # noqa: BLE001 - an unknown construct: no shortcut, search it
        return frozenset()



def first_char_guard(pattern: str, flags: int = 0, ends_at_end: bool = False) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead for the characters its matches can start with.

    A search tries a pattern at every position of its text; one that opens with groups
    of alternatives (`(?:建成|投产)后|可(?:新增|…)`) is entered at each of them. The
    lookahead turns most positions away with one class test, so the matches are the
    same, found sooner. A pattern that may match nothing is guarded only when it ends
    in `$` (`ends_at_end`): its empty match can only be at the end, which the guard
    lets through. A pattern that cannot be read this way is compiled as it is.

    Only for patterns that open with groups or look-behinds: one that opens with
    plain alternatives of literals (`收入|投资|…`) is already scanned fast by `re`,
    which a guard would only slow down.
    """
    found = _first_class(pattern, flags)
    if found is None or (found[1] and not ends_at_end):
        return re.compile(pattern, flags)
    first, nullable = found
    guard = f"[{first}]|$" if nullable else f"[{first}]"
    close = "\n)" if flags & re.VERBOSE else ")"   # past a comment on the pattern's last line
    try:
        return re.compile(f"(?=(?:{guard}))(?:{pattern}{close}", flags)
    except re.error:   # global flags inside (`(?m)…`) must stay at its start
        return re.compile(pattern, flags)


def _first_class(pattern: str, flags: int) -> tuple[str, bool] | None:
    """(a regex class body of the characters a match can start with, whether it may be empty),
    or None when the pattern holds a construct this reading does not follow."""
    const = _re_module("_constants")
    parser = _re_module("_parser")

    categories = {const.CATEGORY_DIGIT: r"\d", const.CATEGORY_SPACE: r"\s",
                  const.CATEGORY_WORD: r"\w"}

    def in_class(items: list) -> str | None:
        out = []
        for op, arg in items:
            if op is const.LITERAL:
                out.append(re.escape(chr(arg)))
            elif op is const.RANGE:
                out.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
            elif op is const.CATEGORY and arg in categories:
                out.append(categories[arg])
            else:
                return None   # a negated class or another construct
        return "".join(out)

    def first(items: list) -> tuple[str, bool] | None:
        found = ""
        for op, arg in items:
            if op is const.LITERAL:
                return found + re.escape(chr(arg)), False
            if op is const.IN:
                body = in_class(arg)
                return None if body is None else (found + body, False)
            if op in (const.AT, const.ASSERT, const.ASSERT_NOT):
                continue   # zero width: the first character comes after it
            if op is const.SUBPATTERN:
                sub = first(arg[-1])
            elif op is const.BRANCH:
                subs = [first(branch) for branch in arg[1]]
                known = [s for s in subs if s is not None]
                if len(known) < len(subs):
                    return None
                sub = ("".join(s[0] for s in known), any(s[1] for s in known))
            elif op in (const.MAX_REPEAT, const.MIN_REPEAT):
                sub = first(arg[2])
                if sub is not None and arg[0] == 0:
                    sub = (sub[0], True)
            else:
                return None   # a back reference, any character, or another construct
            if sub is None:
                return None
            found += sub[0]
            if not sub[1]:
                return found, False
        return found, True

    try:
        parsed = parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None   # a letter may start a match in either case
        return first(list(parsed))
    except Exception:  # noqa: BLE001 - an unknown construct: no guard
        return None


def finditer_after(
    pattern: re.Pattern[str], text: str, marks: str, pos: int = 0
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos)` for a pattern whose matches can only start at the
    text's start or right after a character of `marks` (a heading: after a line break,
    a full stop or a space), and are never empty.

    `re` tries such a pattern at every position of the text, each time testing its
    look-behinds; here it is tried only where a match can start (`pattern.match` at
    each such position, whose look-behinds see the text before it), so the matches
    are the same, found in a fraction of the tries. The tries are made once per text
    and pattern (`_tries_after`): the scans that start at each heading to find where its
    section ends bisect into the matches found, not into every mark again.
    """
    if pos == 0:
        found = pattern.match(text, 0)
        if found is not None:
            yield found
            pos = found.end()
    starts, matches = _tries_after(pattern, text, marks)
    k = bisect_left(starts, pos)
    while k < len(starts):
        found = matches[k]
        if found.end() == starts[k]:   # never for the patterns it is meant for: keep finditer's rules
            raise ValueError("finditer_after: the pattern matched an empty string")
        yield found
        pos = found.end()
        k = bisect_left(starts, pos, k + 1)


@lru_cache(maxsize=32)
def _tries_after(pattern: re.Pattern[str], text: str, marks: str) -> tuple[list[int], list[re.Match[str]]]:
    """Where `pattern.match` succeeds right after a character of `marks` (its offsets,
    sorted, and the matches), each tried once, overlapping or not: `finditer_after`
    walks them from any position. Cached as `mark_positions` is, per text."""
    starts: list[int] = []
    matches: list[re.Match[str]] = []
    match = pattern.match
    for mark in mark_positions(text, marks):
        found = match(text, mark + 1)
        if found is not None:
            starts.append(mark + 1)
            matches.append(found)
    return starts, matches


@lru_cache(maxsize=None)
def match_reach(pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """How far a match attempt of `pattern` can read from where it is tried: (characters
    after, characters before), the first its longest match and what its look-aheads and
    `$` read past it, the second what its look-behinds and anchors read before it. None
    when there is no bound (a `*` or `+`, a back reference, a construct this reading
    does not follow), or when the pattern may match nothing."""
    const = _re_module("_constants")
    parser = _re_module("_parser")

    one = {const.LITERAL, const.NOT_LITERAL, const.IN, const.ANY, const.CATEGORY}
    back = [1]   # an anchor (`^`, `\b`) reads the character before it

    def walk(items: object) -> tuple[int, int]:   # (longest match, furthest character read)
        width = reach = 0
        for op, arg in items:  # type: ignore[attr-defined]
            if op in one:
                width += 1
                reach = max(reach, width)
            elif op is const.SUBPATTERN:
                w, r = walk(arg[-1])
                reach, width = max(reach, width + r), width + w
            elif op is const.BRANCH:
                found = [walk(branch) for branch in arg[1]]
                reach = max(reach, width + max(r for _, r in found))
                width += max(w for w, _ in found)
            elif op in (const.MAX_REPEAT, const.MIN_REPEAT):
                low, high, sub = arg
                if high is const.MAXREPEAT or high > 1000:
                    raise ValueError("unbounded")
                w, r = walk(sub)
                if high:
                    reach = max(reach, width + (high - 1) * w + r)
                width += high * w
            elif op in (const.ASSERT, const.ASSERT_NOT):
                direction, sub = arg
                w, r = walk(sub)
                if direction > 0:   # a look-ahead reads past where it stands
                    reach = max(reach, width + r)
                else:               # a look-behind as far back as it is long
                    back.append(r)
            elif op is const.AT:
                reach = max(reach, width + 2)   # `$` reads a final line break and past it
            else:
                raise ValueError("not followed")
        return width, reach

    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            return None
        after = walk(list(parsed))[1]
        return after + 1, max(back) + 1
    except (ValueError, TypeError, AttributeError):
        return None


class WindowScan:
    """`pattern.finditer(window)` for many windows `text[a:c]` of one text (a sentence, or
    the stretch before it, up to each of its numbers), without reading the same
    characters again for each window.

    A match attempt at a position reads a bounded stretch around it (`match_reach`): one
    tried far enough inside a window (past what its look-behinds read at the window's
    start, short of what it reads before the window's end) goes as in the whole text.
    So the whole text is scanned once; a window is scanned from its start only until it
    and the whole text's scan both stand free at one such position (neither inside a
    match), takes the whole text's matches from there (each matched again at its place
    in the window, one attempt), and scans again only its last stretch. The matches are
    those of `pattern.finditer(window)`: the same spans (in the window) and groups.
    """

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self.text = text
        self.reach = match_reach(pattern)
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _whole(self) -> list[int]:
        if self._starts is None:
            spans = [m.span() for m in self.pattern.finditer(self.text)]
            self._starts = [s for s, _ in spans]
            self._ends = [e for _, e in spans]
        return self._starts

    def finditer(self, window: str, at: int) -> list[re.Match[str]]:
        """The matches of `pattern.finditer(window)`, where `window` is text[at:at + len(window)]."""
        pattern = self.pattern
        if self.reach is None:
            return list(pattern.finditer(window))
        after, before = self.reach
        last = len(window) - after   # attempts up to here read only inside the window
        sync = before                # and from here on read nothing before it
        if sync > last:
            return list(pattern.finditer(window))
        starts, ends = self._whole(), self._ends
        out: list[re.Match[str]] = []
        pos = 0
        while True:   # the window's own scan up to where both scans stand free
            while pos < sync:   # finditer's attempts, one position at a time
                found = pattern.match(window, pos)
                if found is None:
                    pos += 1
                else:
                    out.append(found)
                    pos = found.end()
                    sync = max(sync, pos)
            i = bisect_right(starts, at + sync) - 1
            if i >= 0 and starts[i] < at + sync < ends[i]:
                sync = ends[i] - at
                continue
            break
        if sync > last:
            return list(pattern.finditer(window))
        resume = sync
        for i in range(bisect_left(starts, at + sync), len(starts)):
            start = starts[i] - at
            if start > last:
                break
            found = pattern.match(window, start)
            if found is None or found.end() != ends[i] - at:   # never: the same attempt
                return list(pattern.finditer(window))
            out.append(found)
            resume = found.end()
        out.extend(pattern.finditer(window, max(resume, last + 1)))
        return out
