"""A corpus of any size whose answers are known: variants of reports that have gold.

    python -m bench.generate --target-mb 10 --out /tmp/keji-bench/corpus_10

A big corpus is only worth timing if its build can be checked too. Each file is a
variant of a source report (the dev corpus with its hand-made gold, read at run time
from ../shared; the shipped reports without gold where that is absent):

- a marker line at its end makes its bytes unique (so it is loaded, not skipped as a
  duplicate); the marker is letters only, so it adds no number, year or unit;
- a few of its numbers are changed in the text and in their gold facts together (the
  last digit of a number of two or more digits, inside the fact's quote, where the
  quote occurs once in the report and the number once in the quote): the generated
  answers are not those of the dev corpus, so nothing learnt by heart carries over.

Nothing of the gold reaches the text but what the report already said: the edits are
chosen by a seeded generator from the copy's number, not from the gold's fields.
`variant(source, copy, seed)` is pure, so the scorer can rebuild the gold of any file
from its name alone and a 1 GB corpus needs no gold held in memory.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.settings import DEFAULT_CORPUS, REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold"
DEFAULT_SEED = 20261204
FILES_PER_FOLDER = 1000
EDITS_PER_COPY = 3

# Letters for the marker: none is a unit (P is one, in units.csv) nor reads as a numeral.
_MARKER_LETTERS = "ABCDEFGHJKLMNQRSTUVWXYZ"
# A plain number not glued to another digit, a decimal point or a thousands comma.
_NUMBER = re.compile(r"(?<![\d.,，０-９])\d+(?:\.\d+)?(?![\d.,０-９])")
# What after a number makes it a date or an ordinal, or a round figure (50多名) that a
# changed last digit would make odd: such numbers are left as they are.
_KEEP_AFTER = tuple("年月日号时届期多余几")


@dataclass(frozen=True)
class Source:
    """A report to vary, with its gold (empty when there is none)."""

    name: str
    text: str
    facts: tuple[dict[str, Any], ...] = ()
    doc: dict[str, Any] | None = None


@dataclass
class Variant:
    """One generated report: its relative path, bytes and gold lines."""

    path: str
    data: bytes
    facts: list[dict[str, Any]] = field(default_factory=list)
    doc: dict[str, Any] | None = None
    edits: int = 0


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}:{n}: not a JSON line ({err})") from err
    return rows


def load_sources(docs: Path | None = None, gold: Path | None = None) -> list[Source]:
    """The reports to vary: the dev corpus with its gold, else the shipped reports.

    Reports that are not UTF-8 text are left out: their edits could not be made in
    place, and a variant must decode exactly as its source does."""
    docs = docs or (DEV_DOCS if DEV_DOCS.is_dir() else DEFAULT_CORPUS)
    if gold is None and docs == DEV_DOCS and DEV_GOLD.is_dir():
        gold = DEV_GOLD
    facts: dict[str, list[dict[str, Any]]] = {}
    doc_gold: dict[str, dict[str, Any]] = {}
    if gold is not None:
        for fact in _read_jsonl(gold / "facts.jsonl"):
            facts.setdefault(fact["doc"], []).append(fact)
        doc_gold = {d["doc"]: d for d in _read_jsonl(gold / "docs.jsonl")}
    sources = []
    for path in sorted(docs.glob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        sources.append(Source(path.name, text, tuple(facts.get(path.name, ())),
                              doc_gold.get(path.name)))
    if not sources:
        raise SystemExit(f"{docs}: no UTF-8 .txt report to generate a corpus from")
    return sources


def marker(copy: int, seed: int) -> str:
    """The line that makes a copy's bytes unique: letters only, no number or unit."""
    rng = random.Random(f"marker:{seed}:{copy}")
    return "样本标记 " + "".join(rng.choice(_MARKER_LETTERS) for _ in range(10))


def _editable(text: str, fact: dict[str, Any]) -> tuple[int, int] | None:
    """Where (start, end) in `text` the fact's number may be changed, else None."""
    if fact.get("numeral") != "arabic" or not fact.get("value_raw") or not fact.get("value"):
        return None
    quote = fact.get("quote") or ""
    at = text.find(quote)
    if not quote or at < 0 or text.find(quote, at + 1) >= 0:
        return None
    hits = [m for m in _NUMBER.finditer(quote) if float(m.group()) == float(fact["value_raw"])]
    if len(hits) != 1:
        return None
    number = hits[0].group()
    if len(number.replace(".", "")) < 2 or quote[hits[0].end():].startswith(_KEEP_AFTER):
        return None
    if "." not in number and 1900 <= int(number) <= 2100:
        return None
    return at + hits[0].start(), at + hits[0].end()


def _changed(number: str, rng: random.Random) -> str:
    """`number` with its last digit changed: same length, same magnitude, never a year."""
    last = number[-1]
    choices = [d for d in "123456789" if d != last]
    while True:
        new = number[:-1] + rng.choice(choices)
        if "." in new or not 1900 <= int(new) <= 2100:
            return new


def plant(source: Source, rng: random.Random, edits: int = EDITS_PER_COPY
          ) -> tuple[str, list[dict[str, Any]], int]:
    """The source's text and gold facts with up to `edits` numbers changed in both.

    Two facts whose quotes overlap in the text are never both edited, and no fact is
    edited whose value another fact of the report shares (matching is by value)."""
    text, facts = source.text, [dict(f) for f in source.facts]
    spans = {}
    for k, fact in enumerate(facts):
        quote = fact.get("quote") or ""
        at = text.find(quote) if quote else -1
        spans[k] = (at, at + len(quote)) if at >= 0 else None
    values = [f.get("value") for f in facts]
    candidates = [k for k, f in enumerate(facts)
                  if values.count(f.get("value")) == 1 and _editable(text, f)]
    rng.shuffle(candidates)
    chosen: list[int] = []
    for k in candidates:
        if len(chosen) == edits:
            break
        a = spans[k]
        overlaps = any(o != k and spans[o] and a[0] < spans[o][1] and spans[o][0] < a[1]
                       for o in range(len(facts)))
        if not overlaps:
            chosen.append(k)
    # edit from the end of the text, so that earlier offsets stay valid
    for k in sorted(chosen, key=lambda k: spans[k][0], reverse=True):
        fact = facts[k]
        start, end = _editable(text, fact)
        old = text[start:end]
        new = _changed(old, rng)
        text = text[:start] + new + text[end:]
        scale = float(fact["value"]) / float(fact["value_raw"])
        fact["quote"] = fact["quote"].replace(old, new, 1)
        fact["value_raw"] = float(new) if "." in new else int(new)
        fact["value"] = float(f"{float(new) * scale:.12g}")   # 1.3 * 1e8, not 130000000.00000001
    return text, facts, len(chosen)


def variant_path(copy: int, name: str) -> str:
    """The relative path of a copy: its number first, so that sorted paths follow copies."""
    return f"batch_{copy // FILES_PER_FOLDER:04d}/{copy:07d}_{name}"


def variant(source: Source, copy: int, seed: int = DEFAULT_SEED) -> Variant:
    """The `copy`-th generated report, made from `source`: pure and deterministic."""
    rng = random.Random(f"edits:{seed}:{copy}:{source.name}")
    text, facts, edits = plant(source, rng)
    path = variant_path(copy, source.name)
    doc_name = path.rsplit("/", 1)[-1]
    body = text if text.endswith("\n") else text + "\n"
    data = (body + "\n" + marker(copy, seed) + "\n").encode("utf-8")
    for fact in facts:
        fact["doc"] = doc_name
    doc = {**source.doc, "doc": doc_name} if source.doc is not None else None
    return Variant(path, data, facts, doc, edits)


def iter_variants(sources: list[Source], target_bytes: int, seed: int = DEFAULT_SEED,
                  first_copy: int = 0, max_files: int | None = None
                  ) -> Iterator[tuple[int, Source, Variant]]:
    """Variants of the sources in turn until `target_bytes` (or `max_files`) are made: a
    smaller corpus is always the start of a bigger one made with the same seed."""
    written, copy = 0, first_copy
    while written < target_bytes and (max_files is None or copy - first_copy < max_files):
        source = sources[copy % len(sources)]
        made = variant(source, copy, seed)
        written += len(made.data)
        yield copy, source, made
        copy += 1


@dataclass
class Corpus:
    """A generated corpus on disk: where it is, its size, and how to rebuild its gold."""

    folder: Path
    files: int
    bytes: int
    gold_facts: int
    edits: int
    seed: int
    with_gold: bool
    copies: dict[str, tuple[int, str]]   # relative path -> (copy, source name)


def write_corpus(out: Path, target_bytes: int, sources: list[Source],
                 seed: int = DEFAULT_SEED, gold_dir: Path | None = None,
                 first_copy: int = 0, keep: bool = False, max_files: int | None = None
                 ) -> Corpus:
    """Write variants into `out` (emptied first unless `keep`) and, when `gold_dir` is
    given, their gold as docs.jsonl and facts.jsonl in the scorer's format."""
    if out.exists() and not keep:
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    files = size = gold_facts = edits = 0
    copies: dict[str, tuple[int, str]] = {}
    gold_files = None
    if gold_dir is not None:
        gold_dir.mkdir(parents=True, exist_ok=True)
        gold_files = (open(gold_dir / "docs.jsonl", "w", encoding="utf-8"),
                      open(gold_dir / "facts.jsonl", "w", encoding="utf-8"))
    try:
        for copy, source, made in iter_variants(sources, target_bytes, seed, first_copy,
                                                  max_files):
            path = out / made.path
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(made.data)
            copies[made.path] = (copy, source.name)
            files, size = files + 1, size + len(made.data)
            gold_facts, edits = gold_facts + len(made.facts), edits + made.edits
            if gold_files and made.doc is not None:
                gold_files[0].write(json.dumps(made.doc, ensure_ascii=False) + "\n")
                for fact in made.facts:
                    gold_files[1].write(json.dumps(fact, ensure_ascii=False) + "\n")
    finally:
        for handle in gold_files or ():
            handle.close()
    with_gold = any(s.doc is not None for s in sources)
    return Corpus(out, files, size, gold_facts, edits, seed, with_gold, copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-mb", type=float, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path, help="also write the gold here")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    corpus = write_corpus(args.out, int(args.target_mb * 1e6), load_sources(), args.seed,
                          args.gold)
    print(f"{corpus.files} files, {corpus.bytes / 1e6:.1f} MB, {corpus.gold_facts} gold facts "
          f"({corpus.edits} numbers changed) in {corpus.folder}")


if __name__ == "__main__":
    main()
