"""Write the review site: static HTML pages that show each number with its evidence.

    index.html              the corpus at a glance: counts, headline charts, reports,
                            unmapped phrases, load problems
    reports/<key>.html      one report: its clean text with every quantity highlighted
    assets/                 plotly.min.js (from the `plotly` wheel), review.css, *.js

Everything is written into a folder beside the target and renamed over it at the
end, so an open site is never half old, half new. No page fetches anything: the
data each page needs is inlined as JSON, so the site opens from `file://` on a
machine without network.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from review.read import Warehouse, read_warehouse
from review.shape import (
    Coverage,
    chart_series,
    format_number,
    format_value,
    headline_facts,
    highlight_segments,
    mark_kind,
    period_label,
    region_label,
    share,
)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
# A file that marks a folder as a site this module wrote: only such a folder is replaced.
MARKER = ".keji-review"


class SiteError(Exception):
    """The site cannot be written where asked (one line for the user)."""


@dataclass(frozen=True)
class SiteSummary:
    """What was written, for the command's last line."""

    index: Path
    reports: int
    facts: int
    charts: int


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["number"] = format_number
    return env


def _json(data: Any) -> Markup:
    """JSON safe to inline in a <script> element (no `</script>` can close it early)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _fact_view(fact: dict[str, Any], index: int, skipped: bool) -> dict[str, Any]:
    """The fields of one fact that the page and its script show."""
    code = fact.get("indicator_code") or "unmapped"
    return {
        "i": index, "key": fact["fact_key"], "kind": mark_kind(fact),
        "code": code, "name_zh": fact.get("name_zh") or "", "name_en": fact.get("name_en") or "",
        "phrase": fact.get("indicator_phrase") or "",
        "text": fact.get("number_text") or "",
        "value": format_value(fact["value"], fact["base_unit"]),
        "base": _in_base_unit(fact["value"], fact["base_unit"]),
        "raw": f"{format_number(fact['value_raw'])} {fact['unit_raw'] or ''}".strip(),
        "measure": fact["measure"], "fact_type": fact["fact_type"], "bound": fact["bound"],
        "period": period_label(fact), "part": bool(fact.get("is_part")),
        "headline": fact.get("is_headline"), "cues": fact.get("cues") or "",
        "quote": fact.get("quote") or "", "span": [fact["char_start"], fact["char_end"]],
        "overlaps": skipped,
    }


def _in_base_unit(value: float | None, base_unit: str) -> str:
    """The value in its base unit, in full, where the shown value was scaled or has no unit."""
    shown, full = format_value(value, base_unit), format_number(value)
    return f"{full} {base_unit}" if shown.split(" ")[0] != full else base_unit


def _text_html(pieces: list[tuple[str, int | None]], views: list[dict[str, Any]]) -> Markup:
    """The clean text as HTML, each highlighted quantity a focusable <mark>."""
    out = []
    for piece, index in pieces:
        if index is None:
            out.append(str(escape(piece)))
            continue
        view = views[index]
        classes = [f"fact k-{view['kind']}", f"t-{view['fact_type']}"]
        if view["part"]:
            classes.append("part")
        label = f"{view['code']} · {view['value']} · {view['measure']} · {view['fact_type']}"
        out.append(f'<mark class="{" ".join(classes)}" id="{escape(view["key"])}" '
                   f'data-i="{index}" tabindex="0" aria-label="{escape(label)}">'
                   f"{escape(piece)}</mark>")
    return Markup("".join(out))


def _document_counts(facts: list[dict[str, Any]]) -> dict[str, int]:
    mapped = sum(1 for f in facts if (f.get("indicator_code") or "unmapped") != "unmapped")
    return {"facts": len(facts), "mapped": mapped, "headline": len(headline_facts(facts))}


def _report_context(document: dict[str, Any], facts: list[dict[str, Any]]) -> dict[str, Any]:
    text = document["clean_text"] or ""
    for fact in facts:   # the evidence as the page shows it: the text the span holds
        fact.setdefault("number_text", text[fact["char_start"]:fact["char_end"]])
    pieces, skipped = highlight_segments(text, [(f["char_start"], f["char_end"]) for f in facts])
    views = [_fact_view(fact, i, i in skipped) for i, fact in enumerate(facts)]
    return {"document": document, "region": region_label(document),
            "period": period_label(document), "text_html": _text_html(pieces, views),
            "facts": views, "facts_json": _json(views), "counts": _document_counts(facts),
            "kinds": Counter(view["kind"] for view in views)}


@dataclass
class _Corpus:
    """What the index shows of all reports, gathered while their pages are written."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)   # per document_key
    headline: list[dict[str, Any]] = field(default_factory=list)      # the charts' facts
    names: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    coverage: Coverage = field(default_factory=Coverage)

    def add(self, document_key: str, facts: list[dict[str, Any]]) -> None:
        self.counts[document_key] = _document_counts(facts)
        self.headline.extend(headline_facts(facts))
        self.coverage.add(facts)
        for fact in facts:
            if fact.get("indicator_code") and fact["indicator_code"] not in self.names:
                self.names[fact["indicator_code"]] = (fact.get("name_zh") or "",
                                                      fact.get("name_en") or "", fact["base_unit"])


def _index_context(warehouse: Warehouse, corpus: _Corpus, pages: dict[str, str]) -> dict[str, Any]:
    series = chart_series(corpus.headline, corpus.names, pages)
    documents = [{**document, **corpus.counts[document["document_key"]],
                  "url": pages[document["document_key"]], "region": region_label(document),
                  "period": period_label(document)} for document in warehouse.documents]
    facts = sum(d["facts"] for d in documents)
    mapped = sum(d["mapped"] for d in documents)
    return {
        "warehouse": warehouse,
        "stats": {"reports": len(documents), "facts": facts, "mapped": mapped,
                  "mapped_share": share(mapped, facts),
                  "headline": sum(d["headline"] for d in documents),
                  "problems": sum(count for _, count in warehouse.problem_kinds),
                  "unmapped": warehouse.unmapped_total},
        "problem_kinds": warehouse.problem_kinds,
        "series": series, "chart_json": _json({"series": series,
                                               "coverage": corpus.coverage.rows()}),
        # rows as arrays: the table is drawn by index.js, at most a few hundred rows at a time
        "reports_json": _json([[d["url"], d["source_name"], d["title"] or "", d["region"],
                                bool(d["is_masked"]), d["period"], d["facts"], d["mapped"],
                                d["headline"]] for d in documents]),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _page_name(document_key: str) -> str:
    return f"reports/{document_key}.html"


def render(warehouse: Warehouse, folder: Path) -> SiteSummary:
    """Write the site of `warehouse` into the empty folder `folder`, one report at a time."""
    env = _environment()
    (folder / "reports").mkdir(parents=True)
    (folder / "assets").mkdir()
    documents = {d["document_key"]: d for d in warehouse.documents}
    pages = {key: _page_name(key) for key in documents}
    report_page = env.get_template("report.html")
    corpus = _Corpus()

    def write_page(document: dict[str, Any], facts: list[dict[str, Any]]) -> None:
        html = report_page.render(root="../", sources=warehouse.sources,
                                  **_report_context(document, facts))
        (folder / pages[document["document_key"]]).write_text(html, encoding="utf-8")
        corpus.add(document["document_key"], facts)

    for key, facts in warehouse.facts_by_document():
        if key in documents:   # always: a fact's document_key is a foreign key
            write_page(documents[key], facts)
    for key, document in documents.items():
        if key not in corpus.counts:   # reports without a single quantity
            write_page(document, [])
    context = _index_context(warehouse, corpus, pages)
    (folder / "index.html").write_text(
        env.get_template("index.html").render(root="", sources=warehouse.sources, **context),
        encoding="utf-8")
    for asset in STATIC_DIR.iterdir():
        shutil.copyfile(asset, folder / "assets" / asset.name)
    shutil.copyfile(plotly_js(), folder / "assets" / "plotly.min.js")
    (folder / MARKER).write_text("written by `keji review`; replaced whole by the next run\n",
                                 encoding="utf-8")
    return SiteSummary(folder / "index.html", len(documents), context["stats"]["facts"],
                       len(context["series"]))


def plotly_js() -> Path:
    """plotly.min.js as the `plotly` wheel ships it (bundled, never fetched)."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise SiteError(f"plotly.min.js is missing from the plotly package ({path}); "
                        "reinstall with `make install`")
    return path


def write_site(db: Path, out: Path) -> SiteSummary:
    """Read the warehouse `db` and write its review site to the folder `out`.

    The site is written beside `out` and renamed over it; an existing `out` is
    replaced only when it is a site this module wrote (or an empty folder).
    """
    if out.exists() and not (out.is_dir() and ((out / MARKER).exists() or not any(out.iterdir()))):
        raise SiteError(f"{out} exists and is not a review site written by `keji review`; "
                        "choose another folder with --out, or remove it")
    warehouse = read_warehouse(db)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        summary = render(warehouse, work / "site")
        if out.exists():
            os.replace(out, work / "old")   # removed with `work` below
        os.replace(work / "site", out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return SiteSummary(out / "index.html", summary.reports, summary.facts, summary.charts)
