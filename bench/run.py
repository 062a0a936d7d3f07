"""The benchmark: build warehouses of generated corpora of 10 MB, 100 MB (and 1 GB), timed
per stage and checked against their planted answers.

    make bench                                  # 10 and 100 MB
    BENCH_SIZES=10,100,1000 make bench          # and 1 GB
    python -m bench.run [--sizes 10,100] [--out /tmp/keji-bench] [--sample-mb 20]

For each size, on a corpus made by `bench.generate` (seeded; a smaller corpus is the
start of a bigger one):
  1. the loaders' stages, in this process, one after the other: read, clean, extract,
     resolve (bench.stages; on at most --stage-mb of the corpus);
  2. a cold `keji build` in a child process, into a fresh folder (no cache, no dbt
     target): its wall time and peak resident memory (of its largest process), and per
     step through KEJI_TIMINGS: land (dbt's raw_reports model, where the loaders run
     with their workers), dbt (the other models and seeds), tests (dbt's data and unit
     tests), expectations, publish (seal, verify, rename);
  3. the build scored against the planted answers with the shared scorer's matching,
     beside the dev corpus's own build and score;
  4. when the loaders have an output cache (loaders/cache.py), an unchanged rebuild and
     a rebuild with 1% more files; without one, a note says so.
Then, on the same --sample-mb of generated reports: the plain regex baseline and
jionlp's money extractor beside the loaders (speed, and accuracy on the sample).
Results: OUT/results.json and OUT/results.md (the tables printed at the end).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.accuracy import (
    against_sources,
    doc_tallies,
    figures,
    folder_gold,
    generated_gold,
    load_scorer,
    score_line,
)
from bench.generate import DEFAULT_SEED, DEV_DOCS, DEV_GOLD, Corpus, load_sources, write_corpus
from bench.stages import rates, time_stages
from loaders.pipeline import worker_count

ENV_SIZES = "BENCH_SIZES"
DEFAULT_SIZES = "10,100"
KEJI = Path(sys.executable).with_name("keji")
SCORE_KEYS = ("docs", "gold_facts", "pred_facts", "mention_f1", "headline_f1",
              "headline_strict_f1", "measure_acc", "fact_type_acc", "period_acc",
              "indicator_acc", "region_acc", "doc_period_acc")


def build(corpus: Path, folder: Path, fresh: bool = True) -> dict[str, Any]:
    """`keji build` of `corpus` into folder/warehouse.duckdb in a child: wall time, peak
    RSS (wait4: the largest of the build's processes), and its KEJI_TIMINGS."""
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db, timings, log = folder / "warehouse.duckdb", folder / "timings.json", folder / "build.log"
    timings.unlink(missing_ok=True)
    env = {**os.environ, "WAREHOUSE_CORPUS": str(corpus), "WAREHOUSE_DB": str(db),
           "KEJI_TIMINGS": str(timings)}
    env.pop("KEJI_CACHE", None)   # the build's cache is the one beside its target, fresh or kept
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        child = subprocess.Popen([str(KEJI), "build"], env=env, stdout=out,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"bench: keji build of {corpus} failed ({child.returncode}); {log}:\n{tail}")
    steps = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {}
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "db_mb": round(db.stat().st_size / 1e6, 1), "db": str(db), "timings": steps,
            "summary": log.read_text(encoding="utf-8").strip().splitlines()[-1]}


def build_stages(result: dict[str, Any]) -> dict[str, float]:
    """Seconds per stage of a build from its KEJI_TIMINGS: dbt's nodes grouped, and what
    dbt spent outside its nodes (start-up, parsing) as `dbt start-up`."""
    steps = result["timings"].get("steps", {})
    nodes = result["timings"].get("dbt_nodes", [])
    land = sum(n["seconds"] for n in nodes if n["node"].endswith(".raw_reports"))
    tests = sum(n["seconds"] for n in nodes if n["node"].split(".")[0] in ("test", "unit_test"))
    dbt = sum(n["seconds"] for n in nodes) - land - tests
    stages = {"land": land, "dbt": dbt, "tests": tests}
    if "dbt build" in steps:
        stages["dbt start-up"] = max(0.0, steps["dbt build"] - land - dbt - tests)
    stages["expectations"] = steps.get("expectations", 0.0)
    stages["publish"] = steps.get("seal", 0.0) + steps.get("publish", 0.0)
    return stages


def warehouse_counts(db: Path) -> dict[str, int]:
    """Reports loaded and quantities found (the loaders' mentions) in a built warehouse."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.sql("select count(*) from marts.dim_document").fetchall()[0][0]
        facts = con.sql("select count(*) from marts.fct_indicator_value").fetchall()[0][0]
        try:
            mentions = con.sql("select count(*) from staging.stg_quantity_mentions").fetchall()[0][0]
        except duckdb.Error:
            mentions = facts
        return {"reports": docs, "facts": facts, "mentions": mentions}
    finally:
        con.close()


def has_cache() -> bool:
    """Whether the loaders keep an output cache between builds (loaders/cache.py)."""
    return importlib.util.find_spec("loaders.cache") is not None


def incremental(corpus: Corpus, folder: Path, sources: list, seed: int) -> dict[str, Any]:
    """Rebuilds on top of a cold build: unchanged (the published warehouse is found
    current: nothing is built), then with 1% more files."""
    if not has_cache():
        return {"note": "skipped: the loaders have no output cache (no loaders/cache.py), "
                        "so every rebuild is a cold build"}
    unchanged = build(corpus.folder, folder, fresh=False)
    added = write_corpus(corpus.folder, corpus.bytes, sources, seed, keep=True,
                         first_copy=max(c for c, _ in corpus.copies.values()) + 1,
                         max_files=max(1, corpus.files // 100))
    plus = build(corpus.folder, folder, fresh=False)
    kept = ("seconds", "cpu_seconds", "peak_rss_mb")
    return {"unchanged": {k: unchanged[k] for k in kept} | {
                "nothing_built": "current:" in unchanged["summary"]},
            "plus_1pct": {k: plus[k] for k in kept} | {
                "files_added": added.files, "mb_added": round(added.bytes / 1e6, 2)}}


def bench_size(size_mb: float, out: Path, sources: list, seed: int, stage_mb: float | None,
               scorer: Any, dev_tallies: dict[str, Any]) -> dict[str, Any]:
    """Generate, time per stage, build cold, score and rebuild one corpus size."""
    label = f"{size_mb:g}"
    say(f"{label} MB: generating the corpus")
    started = time.perf_counter()
    corpus = write_corpus(out / f"corpus_{label}", int(size_mb * 1e6), sources, seed)
    result: dict[str, Any] = {
        "corpus": {"files": corpus.files, "mb": round(corpus.bytes / 1e6, 2),
                   "gold_facts": corpus.gold_facts, "numbers_changed": corpus.edits,
                   "generate_s": round(time.perf_counter() - started, 1)}}
    say(f"{label} MB: {corpus.files} files; the loaders' stages in one process")
    limit = int(stage_mb * 1e6) if stage_mb else None
    result["stages_in_process"] = time_stages(corpus.folder, limit_bytes=limit)
    result["stages_in_process"]["peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    say(f"{label} MB: cold keji build")
    folder = out / f"build_{label}"
    built = build(corpus.folder, folder)
    counts = warehouse_counts(Path(built["db"]))
    mb = corpus.bytes / 1e6
    built["stages"] = {name: rates(seconds, mb, counts["reports"], counts["mentions"])
                       for name, seconds in build_stages(built).items()}
    built["total"] = rates(built["seconds"], mb, counts["reports"], counts["mentions"])
    built["counts"] = counts
    built["workers"] = worker_count()
    result["build"] = built
    if scorer is not None and corpus.with_gold:
        say(f"{label} MB: scoring against the planted answers")
        names, gold_of = generated_gold(sources, corpus.copies, seed)
        started = time.perf_counter()
        scored = against_sources(Path(built["db"]), names, gold_of,
                                 lambda name: corpus.copies[name][1], dev_tallies, scorer)
        result["accuracy"] = scored.pop("figures")
        result["accuracy_check"] = scored
        result["accuracy_score_s"] = round(time.perf_counter() - started, 1)
        say(score_line(result["accuracy"]))
        say(f"{scored['same_as_source']} of {scored['files']} files scored exactly as their "
            "source did in the dev build")
    say(f"{label} MB: incremental rebuilds")
    result["incremental"] = incremental(corpus, folder, sources, seed)
    return result


def dev_accuracy(out: Path, scorer: Any) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The dev corpus's own build and score, to set beside the generated corpora's, and
    each report's counts there (what its variants should score)."""
    if scorer is None or not DEV_DOCS.is_dir() or not DEV_GOLD.is_dir():
        return None, {}
    say("dev corpus: build and score")
    built = build(DEV_DOCS, out / "build_dev")
    names, gold_of = folder_gold(DEV_GOLD, scorer)
    tallies = dict(doc_tallies(Path(built["db"]), names, gold_of, scorer))
    totals: Counter = Counter()
    for tally in tallies.values():
        totals.update(tally)
    return figures(totals, scorer), tallies


def baselines(out: Path, sources: list, seed: int, sample_mb: float, scorer: Any,
              builds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The loaders, the regex baseline and jionlp on the same sample of generated reports."""
    from bench.baselines import (
        jionlp_extractor,
        regex_extractor,
        run_extractor,
        score_predictions,
        warehouse_predictions,
    )

    say(f"baselines on {sample_mb:g} MB")
    sample = write_corpus(out / f"sample_{sample_mb:g}", int(sample_mb * 1e6), sources, seed)
    files = sorted((name, sample.folder / name) for name in sample.copies)
    names, gold_of = generated_gold(sources, sample.copies, seed)
    result: dict[str, Any] = {"sample": {"files": sample.files,
                                         "mb": round(sample.bytes / 1e6, 2)}}
    loaders = time_stages(sample.folder)
    result["loaders"] = {**loaders["total"], "mentions": loaders["mentions"],
                         "note": "read, clean, extract, resolve in one process"}
    # a build of a bigger corpus holds the sample's files (same seed, same paths, same bytes)
    holder = next((b for b in builds.values() if b["corpus"]["mb"] >= sample.bytes / 1e6), None)
    if scorer is not None and sample.with_gold and holder is not None:
        predictions = warehouse_predictions(Path(holder["build"]["db"]), set(names))
        result["loaders"]["accuracy"] = score_predictions(predictions, gold_of, scorer)
        result["loaders"]["accuracy_money"] = score_predictions(predictions, gold_of, scorer,
                                                                {"CNY"})
    extractors = {"regex": regex_extractor()}
    try:
        extractors["jionlp"] = jionlp_extractor()
    except ImportError as err:
        result["jionlp"] = {"note": f"not run: jionlp cannot be imported ({err}); "
                                    "install the bench extra: pip install -e '.[bench]'"}
    for name, extract in extractors.items():
        predictions, speed = run_extractor(extract, files)
        result[name] = speed
        if scorer is not None and sample.with_gold:
            if name == "regex":
                result[name]["accuracy"] = score_predictions(predictions, gold_of, scorer)
            result[name]["accuracy_money"] = score_predictions(predictions, gold_of, scorer,
                                                               {"CNY"})
    return result


def make_corpus(sources: list[Path], out: Path, target_bytes: int, seed: int = DEFAULT_SEED
                ) -> tuple[int, int]:
    """Generated variants of the reports of `sources` (folders) in `out` until
    `target_bytes`; (files, bytes) written. For scripts that only need a big corpus."""
    reports = [report for folder in sources for report in load_sources(folder)]
    corpus = write_corpus(out, target_bytes, reports, seed)
    return corpus.files, corpus.bytes


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _n(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def markdown(results: dict[str, Any]) -> str:
    """The tables of the README: per stage, accuracy, baselines, incremental rebuilds."""
    lines = [f"Machine: {results['machine']}; started {results['date']}, "
             f"{results['bench_seconds']:,.0f} s in all; {results['load']}.", ""]
    lines += ["| corpus | stage | where | wall s | MB/s | reports/s | mentions/s | peak RSS MB |",
              "|---|---|---|--:|--:|--:|--:|--:|"]
    for label, r in results["sizes"].items():
        name = f"{r['corpus']['mb']:g} MB, {r['corpus']['files']:,} files"
        stages = r["stages_in_process"]
        where = "1 process" + (f", first {stages['mb']:g} MB" if stages["mb"] < r["corpus"]["mb"] - 0.5 else "")
        for stage, f in stages["stages"].items():
            lines.append(f"| {name} | {stage} | {where} | {_n(f['seconds'])} | {_n(f['mb_per_s'], 2)} "
                         f"| {_n(f['reports_per_s'])} | {_n(f['mentions_per_s'], 0)} | |")
        f = stages["total"]
        lines.append(f"| {name} | **loaders** | {where} | {_n(f['seconds'])} | {_n(f['mb_per_s'], 2)} "
                     f"| {_n(f['reports_per_s'])} | {_n(f['mentions_per_s'], 0)} "
                     f"| {_n(stages['peak_rss_mb'], 0)} |")
        b = r["build"]
        for stage, f in b["stages"].items():
            lines.append(f"| {name} | {stage} | keji build, {b['workers']} workers | {_n(f['seconds'])} "
                         f"| {_n(f['mb_per_s'], 2)} | {_n(f['reports_per_s'])} "
                         f"| {_n(f['mentions_per_s'], 0)} | |")
        f = b["total"]
        lines.append(f"| {name} | **build** | keji build, cold | {_n(f['seconds'])} | {_n(f['mb_per_s'], 2)} "
                     f"| {_n(f['reports_per_s'])} | {_n(f['mentions_per_s'], 0)} "
                     f"| {_n(b['peak_rss_mb'], 0)} |")
    lines += ["", "| corpus | " + " | ".join(SCORE_KEYS) + " |",
              "|---|" + "--:|" * len(SCORE_KEYS)]
    rows = [("dev corpus (49 reports)", results.get("dev_accuracy"))]
    for r in results["sizes"].values():
        check = r.get("accuracy_check") or {}
        rows.append((f"generated {r['corpus']['mb']:g} MB", r.get("accuracy")))
        if check.get("expected", {}).get("docs"):
            rows.append((f"… its sources in the dev build ({check['same_as_source']:,} of "
                         f"{check['files']:,} files scored exactly as their source)",
                         check["expected"]))
    for name, acc in rows:
        if acc:
            lines.append(f"| {name} | " + " | ".join(
                f"{acc[k]:.3f}" if isinstance(acc[k], float) else f"{acc[k]:,}" for k in SCORE_KEYS) + " |")
    base = results.get("baselines")
    if base:
        lines += ["", f"Same {base['sample']['mb']:g} MB ({base['sample']['files']:,} generated reports):", "",
                  "| extractor | wall s | MB/s | mentions/s | mention P / R / F1 | money P / R / F1 |",
                  "|---|--:|--:|--:|---|---|"]
        for name in ("loaders", "regex", "jionlp"):
            f = base.get(name, {})
            if "seconds" not in f:
                lines.append(f"| {name} | {f.get('note', 'not run')} | | | | |")
                continue
            acc, money = f.get("accuracy"), f.get("accuracy_money")
            prf = (lambda a: f"{a['mention_p']:.3f} / {a['mention_r']:.3f} / {a['mention_f1']:.3f}"
                   if a else "–")
            lines.append(f"| {name} | {_n(f['seconds'])} | {_n(f['mb_per_s'], 2)} "
                         f"| {_n(f['mentions_per_s'], 0)} | {prf(acc)} | {prf(money)} |")
    lines += [""]
    for label, r in results["sizes"].items():
        inc = r["incremental"]
        if "note" in inc:
            lines.append(f"- Incremental rebuild, {r['corpus']['mb']:g} MB: {inc['note']}.")
        else:
            same, plus = inc["unchanged"], inc["plus_1pct"]
            current = (" (found current: nothing built)" if same.get("nothing_built")
                       else " (rebuilt)")
            lines.append(f"- Incremental rebuild, {r['corpus']['mb']:g} MB: unchanged "
                         f"{same['seconds']:g} s{current}, +1% files "
                         f"({plus['files_added']} files) {plus['seconds']:g} s, against "
                         f"{r['build']['seconds']:g} s cold (CPU, user + system: "
                         f"{same.get('cpu_seconds', 0):g} s, {plus.get('cpu_seconds', 0):g} s, "
                         f"{r['build'].get('cpu_seconds', 0):g} s).")
    return "\n".join(lines) + "\n"


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
        return f"load average {one:.1f} at the end (1 min), {five:.1f} (5 min)"
    except OSError:
        return "load average unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get(ENV_SIZES, DEFAULT_SIZES),
                        help=f"corpus sizes in MB, comma-separated (env {ENV_SIZES}; "
                             f"default {DEFAULT_SIZES})")
    parser.add_argument("--target-mb", type=float, help="one corpus of this size (as --sizes)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/keji-bench"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--sample-mb", type=float, default=20,
                        help="size of the sample the baselines run on (0: no baselines)")
    parser.add_argument("--stage-mb", type=float, default=100,
                        help="time the loaders' stages in-process on at most this many MB "
                             "of each corpus (0: all of it)")
    parser.add_argument("--no-dev", action="store_true", help="do not build the dev corpus")
    args = parser.parse_args(argv)
    sizes = ([args.target_mb] if args.target_mb else
             [float(s) for s in args.sizes.split(",") if s.strip()])
    args.out.mkdir(parents=True, exist_ok=True)
    sources = load_sources()
    scorer = load_scorer()
    if scorer is None:
        say("the shared scorer is not beside the project: builds are timed, not scored")
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "seed": args.seed,
        "sources": f"{len(sources)} reports"
                   + (" with gold" if any(s.doc for s in sources) else " without gold"),
        "cache": has_cache(), "sizes": {},
    }
    dev_tallies: dict[str, Any] = {}
    if not args.no_dev:
        results["dev_accuracy"], dev_tallies = dev_accuracy(args.out, scorer)
    for size in sizes:
        results["sizes"][f"{size:g}"] = bench_size(size, args.out, sources, args.seed,
                                                   args.stage_mb or None, scorer, dev_tallies)
    if args.sample_mb:
        results["baselines"] = baselines(args.out, sources, args.seed, args.sample_mb,
                                         scorer, results["sizes"])
    results["load"] = load_average()
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    table = markdown(results)
    (args.out / "results.md").write_text(table, encoding="utf-8")
    print(table)
    say(f"results in {args.out / 'results.json'} and {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
