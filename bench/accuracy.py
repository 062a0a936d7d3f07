"""Score a generated corpus's warehouse against its planted answers, streaming.

The matching is the shared scorer's own (`../shared/eval/score.py`: `match`,
`headline_match`, `norm_text`, `prf`), imported from there at run time; only the
loop around it differs: facts are read from DuckDB in document order a chunk at a
time, and each document's gold is rebuilt from its name by the generator, so a
1 GB corpus (millions of facts) is scored in bounded memory. On a corpus whose gold
was written out, its last line is the one `score.py --db … --gold …` prints.
"""
from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from bench.generate import SHARED, Source, variant

SCORER = SHARED / "eval" / "score.py"

_FACTS_SQL = """
    select d.source_name, f.value, f.base_unit, f.value_raw, f.unit_raw, f.measure,
           f.fact_type, f.bound, i.indicator_code, p.period_label, f.quote,
           f.char_start, f.char_end
    from marts.fct_indicator_value f
    join marts.dim_document d on f.document_key = d.document_key
    left join marts.dim_indicator i on f.indicator_key = i.indicator_key
    left join marts.dim_period p on f.period_key = p.period_key
    order by d.source_name, f.char_start
"""
_DOCS_SQL = """
    select d.source_name, r.region_name, r.region_level, r.province_name,
           r.is_masked, p.period_label
    from marts.dim_document d
    left join marts.dim_region r on d.region_key = r.region_key
    left join marts.dim_period p on d.period_key = p.period_key
"""
_COLUMNS = ("doc", "value", "base_unit", "value_raw", "unit_raw", "measure", "fact_type",
            "bound", "indicator", "period", "quote", "char_start", "char_end")


def load_scorer(path: Path = SCORER) -> ModuleType | None:
    """The shared scorer as a module, None where it is not beside the project."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("keji_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _facts_by_doc(con: Any, headline: set[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(source_name, its predicted facts) in source_name order, a chunk at a time."""
    result = con.execute(_FACTS_SQL)
    current, facts = None, []
    while True:
        chunk = result.fetchmany(50_000)
        if not chunk:
            break
        for row in chunk:
            fact = dict(zip(_COLUMNS, row))
            if fact["indicator"] not in headline:
                fact["indicator"] = None
            if fact["doc"] != current:
                if current is not None:
                    yield current, facts
                current, facts = fact["doc"], []
            facts.append(fact)
    if current is not None:
        yield current, facts


Tally = Counter  # one document's (or a corpus's) counts: tp, pred, gold, ok:ATTR, ...


def doc_tallies(db: Path, names: list[str],
                gold_of: Callable[[str], tuple[dict, list[dict]] | None],
                scorer: ModuleType) -> Iterator[tuple[str, Tally]]:
    """(name, counts) of each file of `names` (those with gold, relative paths) against
    the warehouse `db`, in name order; `gold_of(name)` is its (doc gold, fact gold). A
    file missing from the warehouse earns nothing, as in the scorer."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        pred_docs = {}
        for name, rname, level, prov, masked, period in con.execute(_DOCS_SQL).fetchall():
            pred_docs[name] = {"region": {"name": rname, "level": level, "province": prov,
                                          "masked": masked}, "period": period}
        facts = _facts_by_doc(con, scorer.HEADLINE)
        pending = next(facts, None)
        for name in sorted(names):
            while pending is not None and pending[0] < name:
                pending = next(facts, None)
            pred = pending[1] if pending is not None and pending[0] == name else []
            doc_gold, gold = gold_of(name)
            yield name, _tally(doc_gold, gold, pred, pred_docs.get(name), scorer)
    finally:
        con.close()


def _tally(doc_gold: dict, gold: list[dict], pred: list[dict], pred_doc: dict | None,
           scorer: ModuleType) -> Tally:
    """One document's counts, as the scorer's main loop adds them up."""
    t: Tally = Counter(docs=1)
    pairs, _, _ = scorer.match(gold, pred)
    t["tp"], t["pred"], t["gold"] = len(pairs), len(pred), len(gold)
    for g, p in pairs:
        for a in scorer.ATTRS:
            if a == "indicator" and not (g.get(a) or p.get(a)):
                continue
            t[f"n:{a}"] += 1
            t[f"ok:{a}"] += scorer.norm_text(g.get(a)) == scorer.norm_text(p.get(a))
    t["h_gold"] = sum(1 for x in gold if x.get("indicator"))
    t["h_pred"] = sum(1 for x in pred if x["indicator"])
    t["h_tp"] = scorer.headline_match(gold, pred, strict=False)
    t["hs_tp"] = scorer.headline_match(gold, pred, strict=True)
    if pred_doc is not None:
        gr, pr = doc_gold.get("region") or {}, pred_doc["region"]
        t["region"] = scorer.norm_text(gr.get("name")) == scorer.norm_text(pr.get("name"))
        t["level"] = gr.get("level") == pr.get("level")
        t["province"] = scorer.norm_text(gr.get("province")) == scorer.norm_text(pr.get("province"))
        t["period"] = doc_gold.get("period") == pred_doc["period"]
    return +t   # zero counts dropped, so that equal tallies compare equal


def score_warehouse(db: Path, names: list[str],
                    gold_of: Callable[[str], tuple[dict, list[dict]] | None],
                    scorer: ModuleType) -> dict[str, Any]:
    """The shared scorer's figures for the files `names` of the warehouse `db`."""
    totals: Tally = Counter()
    for _, tally in doc_tallies(db, names, gold_of, scorer):
        totals.update(tally)
    return figures(totals, scorer)


def figures(totals: Tally, scorer: ModuleType) -> dict[str, Any]:
    """The scorer's figures, in its order and under its names."""
    mp, mr, mf = scorer.prf(totals["tp"], totals["pred"], totals["gold"])
    hp, hr, hf = scorer.prf(totals["h_tp"], totals["h_pred"], totals["h_gold"])
    _, _, hsf = scorer.prf(totals["hs_tp"], totals["h_pred"], totals["h_gold"])
    nd = totals["docs"] or 1
    return {
        "docs": totals["docs"], "gold_facts": totals["gold"], "pred_facts": totals["pred"],
        "mention_p": mp, "mention_r": mr, "mention_f1": mf,
        "headline_p": hp, "headline_r": hr, "headline_f1": hf, "headline_strict_f1": hsf,
        **{f"{a}_acc": (totals[f"ok:{a}"] / totals[f"n:{a}"] if totals[f"n:{a}"] else 0.0)
           for a in scorer.ATTRS},
        "region_acc": totals["region"] / nd, "region_level_acc": totals["level"] / nd,
        "province_acc": totals["province"] / nd, "doc_period_acc": totals["period"] / nd,
    }


def against_sources(db: Path, names: list[str],
                    gold_of: Callable[[str], tuple[dict, list[dict]] | None],
                    source_of: Callable[[str], str], source_tallies: dict[str, Tally],
                    scorer: ModuleType) -> dict[str, Any]:
    """The generated corpus scored, and set against its sources: `expected` is what the
    same mix of sources scores in the dev build, `same_as_source` how many files scored
    exactly (every count) as their source did there, with a few that did not."""
    totals: Tally = Counter()
    expected: Tally = Counter()
    same, differ = 0, []
    for name, tally in doc_tallies(db, names, gold_of, scorer):
        totals.update(tally)
        source = source_tallies.get(source_of(name))
        if source is None:
            continue
        expected.update(source)
        if tally == source:
            same += 1
        elif len(differ) < 10:
            differ.append({"file": name, "source": source_of(name),
                           "counts": {k: (tally[k], source[k]) for k in set(tally) | set(source)
                                      if tally[k] != source[k]}})
    return {"figures": figures(totals, scorer), "expected": figures(expected, scorer),
            "same_as_source": same, "files": totals["docs"], "differ": differ}


def generated_gold(sources: list[Source], copies: dict[str, tuple[int, str]], seed: int
                   ) -> tuple[list[str], Callable[[str], tuple[dict, list[dict]] | None]]:
    """(names, gold_of) of a generated corpus: each file's gold rebuilt from its copy."""
    by_name = {s.name: s for s in sources}
    names = [path for path, (_, source) in copies.items() if by_name[source].doc is not None]

    def gold_of(source_name: str) -> tuple[dict, list[dict]] | None:
        made = copies.get(source_name)
        if made is None or by_name[made[1]].doc is None:
            return None
        generated = variant(by_name[made[1]], made[0], seed)
        return generated.doc, generated.facts

    return names, gold_of


def folder_gold(gold: Path, scorer: ModuleType
                ) -> tuple[list[str], Callable[[str], tuple[dict, list[dict]] | None]]:
    """(names, gold_of) of a gold folder (docs.jsonl, facts.jsonl), for a corpus whose
    files sit at its top, named as in the gold."""
    docs = {d["doc"]: d for d in scorer.read_jsonl(gold / "docs.jsonl")}
    facts: dict[str, list[dict]] = defaultdict(list)
    for fact in scorer.read_jsonl(gold / "facts.jsonl"):
        facts[fact["doc"]].append(fact)

    def gold_of(source_name: str) -> tuple[dict, list[dict]] | None:
        name = PurePosixPath(source_name).name
        return (docs[name], facts.get(name, [])) if name in docs else None

    return list(docs), gold_of


def score_line(result: dict[str, Any]) -> str:
    """The scorer's last line: `key=value ...`."""
    return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                    for k, v in result.items())
