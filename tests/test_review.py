"""`keji review`: the static site that shows each number in its report's own text.

Built from the warehouse of the shipped reports (a real `keji build`), then read as
files and, in a real headless Chromium (Debian's /usr/bin/chromium driven by
Playwright), as a person would: the page loads without console errors, a chart
renders, a highlighted number shows its details. The screenshot is kept at
test-artifacts/review.png (git-ignored) for a person to look at.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import KEJI, REPO, execute, keji_env, query
from review.read import read_warehouse
from review.site import MARKER

CHROMIUM = Path("/usr/bin/chromium")
# The flags that work on these machines (no network, no GPU, no sandbox as root).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOT = REPO / "test-artifacts" / "review.png"


def keji_review(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = keji_env(REPO / "seeds" / "reports", Path("/nonexistent/ignored.duckdb"))
    return subprocess.run([str(KEJI), "review", "--db", str(db), *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def site(seeds_warehouse: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review") / "site"
    result = keji_review(seeds_warehouse, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    facts = query(seeds_warehouse, "select count(*) from marts.fct_indicator_value")[0][0]
    assert re.fullmatch(rf"keji review: 5 reports, {facts:,} facts, [1-9]\d* headline charts; "
                        rf"open {re.escape(str(out / 'index.html'))}", result.stdout.strip())
    return out


# ------------------------------------------------------------ the files
def test_every_report_has_a_page_with_every_fact_highlighted(site, seeds_warehouse):
    documents = query(seeds_warehouse, """
        select d.document_key, d.source_name, count(f.fact_key)
        from marts.dim_document d left join marts.fct_indicator_value f using (document_key)
        group by 1, 2""")
    assert len(documents) == 5
    for key, source_name, facts in documents:
        page = (site / "reports" / f"{key}.html").read_text(encoding="utf-8")
        assert source_name in page
        assert len(re.findall(r'<mark class="fact ', page)) == facts
    index = (site / "index.html").read_text(encoding="utf-8")
    rows = json.loads(re.search(r'<script type="application/json" id="reports-data">(.*?)</script>',
                                index).group(1))
    assert sorted((row[0], row[1], row[6]) for row in rows) == sorted(
        (f"reports/{key}.html", source_name, facts) for key, source_name, facts in documents)
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000   # bundled, not fetched
    assert "https://" not in (site / "index.html").read_text(encoding="utf-8").split("<script")[0]


def test_a_highlight_holds_exactly_the_span_of_its_fact(site, seeds_warehouse):
    (key, start, end, text), = query(seeds_warehouse, """
        select f.document_key, f.char_start, f.char_end,
               substring(d.clean_text, f.char_start + 1, f.char_end - f.char_start)
        from marts.fct_indicator_value f join marts.dim_document d using (document_key)
        join marts.dim_indicator i using (indicator_key)
        where i.indicator_code = 'rd_expenditure' and f.measure = 'level' limit 1""")
    page = (site / "reports" / f"{key}.html").read_text(encoding="utf-8")
    (fact_key,) = query(seeds_warehouse, f"""select fact_key from marts.fct_indicator_value
        where document_key = '{key}' and char_start = {start}""")[0]
    assert re.search(rf'<mark class="fact k-headline t-actual" id="{fact_key}" data-i="\d+" '
                     rf'tabindex="0" aria-label="rd_expenditure · [^"]+">{re.escape(text)}</mark>',
                     page)


def test_report_text_is_escaped_not_parsed(tmp_path, seeds_warehouse):
    db = tmp_path / "w.duckdb"
    shutil.copy(seeds_warehouse, db)
    execute(db, "update marts.dim_document set title = '<script>alert(1)</script>科技局'")
    result = keji_review(db, "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "site" / "reports").iterdir():
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_site_reads_the_marts_columns_and_falls_back_on_an_older_warehouse(
        tmp_path, seeds_warehouse):
    built = read_warehouse(seeds_warehouse)
    assert built.sources["is_part"] == "marts.fct_indicator_value.is_part"
    assert built.sources["region_evidence"] == "marts.dim_document.region_evidence"
    facts = [f for _, rows in built.facts_by_document() for f in rows]
    assert any(f["is_part"] for f in facts) and any(f["is_headline"] for f in facts)
    # a warehouse built before is_part, is_headline and the evidence columns existed
    db = tmp_path / "w.duckdb"
    shutil.copy(seeds_warehouse, db)
    execute(db, *(f"alter table marts.{table} drop column {column}" for table, column in (
        ("fct_indicator_value", "is_part"), ("fct_indicator_value", "is_headline"),
        ("dim_document", "region_evidence"))))
    older = read_warehouse(db)
    assert older.sources["is_part"] == "the phrase's 其中 mark"
    assert older.sources["region_evidence"] == "raw.raw_reports.region_evidence"
    parts = {(f["char_start"], f["is_part"]) for _, rows in older.facts_by_document() for f in rows}
    assert any(flag for _, flag in parts)
    result = keji_review(db, "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr


def test_a_folder_that_is_not_a_site_is_not_replaced(tmp_path, seeds_warehouse):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = keji_review(seeds_warehouse, "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"keji review: {out} exists and is not a review site written "
                                     "by `keji review`; choose another folder with --out, or "
                                     "remove it")
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_site_is_replaced_whole(tmp_path, seeds_warehouse):
    out = tmp_path / "site"
    assert keji_review(seeds_warehouse, "--out", str(out)).returncode == 0
    (out / "reports" / "stale.html").write_text("old", encoding="utf-8")
    assert keji_review(seeds_warehouse, "--out", str(out)).returncode == 0
    assert not (out / "reports" / "stale.html").exists() and (out / MARKER).exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]   # no temporary folder left


def test_a_missing_warehouse_is_one_line(tmp_path):
    result = keji_review(tmp_path / "absent.duckdb")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"keji review: no warehouse file at {tmp_path / 'absent.duckdb'}; "
                                     "build one with `keji build`, or set WAREHOUSE_DB to an "
                                     "existing warehouse")


# ------------------------------------------------------------ in a real browser
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str):  # noqa: ANN001, ANN201
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"requestfailed: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def test_the_index_loads_and_its_charts_render(browser, site):
    page, errors = open_page(browser, (site / "index.html").as_uri())
    page.wait_for_selector("#headline-chart .main-svg", timeout=30_000)
    assert page.locator("#headline-chart .scatterlayer .point").count() >= 1
    assert page.locator("#coverage-chart .barlayer .point").count() >= 1
    options = page.locator("#indicator-picker option")
    assert options.count() >= 2
    page.select_option("#indicator-picker", index=1)   # another indicator redraws the chart
    title = page.locator("#headline-chart .gtitle").text_content()
    assert page.locator("#indicator-picker option").nth(1).inner_text().split(" · ")[0] in title
    page.fill("#report-filter", "000_f566")
    assert page.locator("#report-table tbody tr:visible").count() == 1
    assert errors == []
    page.close()


def test_a_highlight_shows_its_details_in_the_browser(browser, site, seeds_warehouse):
    (key, fact_key, code, measure) = query(seeds_warehouse, """
        select f.document_key, f.fact_key, i.indicator_code, f.measure
        from marts.fct_indicator_value f join marts.dim_indicator i using (indicator_key)
        where i.indicator_code = 'rd_expenditure' order by f.char_start limit 1""")[0]
    page, errors = open_page(browser, (site / "reports" / f"{key}.html").as_uri())
    mark = page.locator(f"#text mark[id='{fact_key}']")
    mark.hover()
    assert page.locator("#tip").is_visible()
    assert page.locator("#tip").inner_text().startswith(code)
    mark.click()
    detail = page.locator("#detail").inner_text()
    assert code in detail and measure in detail and "sentence" in detail.lower()
    assert "selected" in (mark.get_attribute("class") or "")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    # a link to a fact (the charts' points) opens the page with that fact selected
    page.goto(f"{(site / 'reports' / f'{key}.html').as_uri()}#{fact_key}")
    assert code in page.locator("#detail").inner_text()
    assert errors == []
    page.close()
