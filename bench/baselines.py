"""What the loaders are measured against, on the same sample of the generated corpus.

- `regex`: the plain baseline, one regular expression (a number, an optional 万/亿
  prefix, a unit of seeds/reference/units.csv) and its value parsed and scaled, one
  process, no cleaning, no context: the floor of speed cost and of accuracy;
- `jionlp`: the money extractor of the `jionlp` package (`jio.ner.extract_money`), a
  maintained Chinese library, installed only for the benchmark (`pip install -e
  ".[bench]"`); money only, so it is scored on the money facts (CNY) alone.

Both are scored by the shared scorer's matching (same value and base unit, one to
one, per report) against the planted answers of the sample.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from loaders.reference import read_rows

Prediction = dict[str, Any]          # {"value": float, "base_unit": str}
Extractor = Callable[[str], list[Prediction]]


def regex_extractor() -> Extractor:
    """The plain number+unit regex with value parsing, its units read from the seeds."""
    units = {r["unit"]: (r["base_unit"], float(r["scale"])) for r in read_rows("units")
             if (r.get("position") or "after") == "after"}
    prefixes = {r["prefix"]: float(r["scale"]) for r in read_rows("unit_prefixes")}
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    prefix_alt = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    pattern = re.compile(rf"(\d+(?:,\d{{3}})*(?:\.\d+)?)\s*({prefix_alt})?({alternation})")

    def extract(text: str) -> list[Prediction]:
        found = []
        for m in pattern.finditer(text):
            base_unit, scale = units[m.group(3)]
            value = float(m.group(1).replace(",", "")) * prefixes.get(m.group(2) or "", 1.0)
            found.append({"value": value * scale, "base_unit": base_unit})
        return found

    return extract


def jionlp_extractor() -> Extractor:
    """jionlp's money extractor; ImportError when the package is not installed."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

    def extract(text: str) -> list[Prediction]:
        found = []
        for entity in jionlp.ner.extract_money(text, with_parsing=True):
            detail = entity.get("detail") or {}
            numbers = detail.get("num")
            base_unit = "CNY" if detail.get("case") == "元" else "other"
            for number in numbers if isinstance(numbers, list) else [numbers]:
                try:
                    found.append({"value": float(number), "base_unit": base_unit})
                except (TypeError, ValueError):
                    continue
        return found

    return extract


def run_extractor(extract: Extractor, files: Iterable[tuple[str, Path]]
                  ) -> tuple[dict[str, list[Prediction]], dict[str, float]]:
    """Predictions per file and the speed figures: the files are read and decoded as
    UTF-8 by the clock too, as the loaders read them."""
    predictions: dict[str, list[Prediction]] = {}
    size = count = 0
    started = time.perf_counter()
    for name, path in files:
        data = path.read_bytes()
        size += len(data)
        found = extract(data.decode("utf-8", "replace"))
        predictions[name] = found
        count += len(found)
    seconds = time.perf_counter() - started
    return predictions, {"seconds": round(seconds, 3), "mb": round(size / 1e6, 3),
                         "mb_per_s": round(size / 1e6 / seconds, 2) if seconds else None,
                         "reports_per_s": round(len(predictions) / seconds, 1) if seconds else None,
                         "mentions": count,
                         "mentions_per_s": round(count / seconds, 1) if seconds else None}


def score_predictions(predictions: dict[str, list[Prediction]],
                      gold_of: Callable[[str], tuple[dict, list[dict]] | None],
                      scorer: ModuleType, base_units: set[str] | None = None
                      ) -> dict[str, float]:
    """Mention precision, recall and F1 with the scorer's matching; with `base_units`,
    only facts and predictions of those units count."""
    tp = n_pred = n_gold = 0
    for name, pred in predictions.items():
        made = gold_of(name)
        if made is None:
            continue
        gold = made[1]
        if base_units is not None:
            gold = [g for g in gold if g["base_unit"] in base_units]
            pred = [p for p in pred if p["base_unit"] in base_units]
        pairs, _, _ = scorer.match(gold, pred)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(pred), n_gold + len(gold)
    p, r, f = scorer.prf(tp, n_pred, n_gold)
    return {"gold": n_gold, "pred": n_pred, "mention_p": round(p, 3), "mention_r": round(r, 3),
            "mention_f1": round(f, 3)}


def warehouse_predictions(db: Path, names: set[str]) -> dict[str, list[Prediction]]:
    """The facts of a built warehouse for the files `names` (to score the pipeline on the
    baselines' sample when a build holds it)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            select d.source_name, f.value, f.base_unit
            from marts.fct_indicator_value f
            join marts.dim_document d on f.document_key = d.document_key
            where d.source_name in (select unnest($names::varchar[]))""",
            {"names": sorted(names)}).fetchall()
    finally:
        con.close()
    predictions: dict[str, list[Prediction]] = {name: [] for name in names}
    for name, value, base_unit in rows:
        if name in predictions:
            predictions[name].append({"value": value, "base_unit": base_unit})
    return predictions
