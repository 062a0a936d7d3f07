"""The compiled stages (native/, loaders/native.py) agree with their Python twins.

The Python in loaders/ is the specification of every compiled stage: on every report of
the dev corpus, the shipped reports and the test data, and on pages made from them the
way sites mangle reports (Windows line ends, full-width digits, Traditional characters,
pinyin glosses, navigation and metadata lines, HTML), both give the same text. CI builds
the compiled module (`make install` runs scripts/build_native.sh), so there these tests
fail rather than skip when it is missing.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import pytest

from loaders import clean, native, period, region
from loaders.corpus import iter_corpus_files
from loaders.decode import decode_bytes
from loaders.pipeline import Reference
from tests.conftest import DEV_DOCS, REPO, SEED_REPORTS


@pytest.fixture(autouse=True)
def _compiled() -> Iterator[None]:
    if native.compiled is None:
        if os.environ.get("CI"):
            pytest.fail("loaders.keji_native is missing: CI builds it (scripts/build_native.sh)")
        pytest.skip("the compiled stages are not built here (scripts/build_native.sh)")
    before = dict(native.failures)
    yield
    # a compiled stage that failed ran the Python instead: the results agree, the twin is wrong
    assert dict(native.failures) == before


def _reports() -> Iterator[tuple[str, str]]:
    for folder in (DEV_DOCS, SEED_REPORTS, REPO / "tests" / "data"):
        if not folder.is_dir():
            continue
        for file in iter_corpus_files(folder):
            if file.problem is None:
                yield str(file.path.relative_to(folder.parent)), decode_bytes(file.path.read_bytes()).text


_FULL_WIDTH = str.maketrans("0123456789.%,:;()", "０１２３４５６７８９．％，：；（）")
_TRADITIONAL = str.maketrans("发区县专术企业科技创新经费万亿", "發區縣專術企業科技創新經費萬億")
_DEBRIS_HEAD = "当前位置:首页 > 工作总结 > 正文\n发布时间:2023-08-01 10:20:30 浏览量:63\n【字体:大 中 小】【打印】\n"
_DEBRIS_TAIL = "\n上一篇:科技局工作计划\n下一篇:述职报告\n第1页 共4页\n31.29 KB\nCopyright © 2023 版权所有 ICP备12345678号\n"


def _mangled(text: str) -> Iterator[str]:
    """The report as a web page or a shared document might carry it."""
    yield text.replace("\n", "\r\n")
    yield text.translate(_FULL_WIDTH)
    yield text.translate(_TRADITIONAL)
    yield _DEBRIS_HEAD + text.replace("创新", "创(chuàng)新", 3) + _DEBRIS_TAIL
    lines = text.split("\n")
    yield "\n".join(f"  {line}" if i % 3 else f"{i % 9 + 1}、{line}" for i, line in enumerate(lines))
    yield "\n\n".join(line[: len(line) // 2] + "\n" + line[len(line) // 2:] for line in lines)
    yield "<html><body>" + "".join(f"<p>{line}</p>" for line in lines[:40]) + "</body></html>"


def _differences(texts: Iterator[tuple[str, str]]) -> tuple[int, list[str]]:
    compared, differ = 0, []
    for name, text in texts:
        compared += 1
        if clean.clean_text(text) != clean.python_clean_text(text):
            differ.append(name)
    return compared, differ


def test_clean_text_is_its_python_twin_on_every_report() -> None:
    compared, differ = _differences(_reports())
    assert compared >= 5
    assert differ == []


def test_clean_text_is_its_python_twin_on_mangled_pages() -> None:
    pages = ((f"{name} #{k}", page) for name, text in _reports() for k, page in enumerate(_mangled(text)))
    compared, differ = _differences(pages)
    assert compared >= 35
    assert differ == []


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_seed_files()


def _read(text: str) -> tuple[str, str, str | None]:
    """A report's raw text, clean text and title, as `read_report` takes them."""
    cleaned = clean.clean_text(text)
    return text, cleaned, clean.find_title(cleaned)


def _with_titles(text: str) -> Iterator[tuple[str, str, str | None]]:
    """The report as read, without its title, and with its first line as the title."""
    raw, cleaned, title = _read(text)
    yield raw, cleaned, title
    yield raw, cleaned, None
    yield raw, cleaned, cleaned.lstrip().split("\n", 1)[0][:40]
    masked = cleaned.replace("2023年", "*年").replace("2022年", "XX年")
    yield raw, masked, title


def test_report_region_is_its_python_twin(reference: Reference) -> None:
    compared, differ = 0, []
    for name, text in _reports():
        for raw, cleaned, title in _with_titles(text):
            compared += 1
            if (region.resolve_region(cleaned, title, reference.gazetteer, raw)
                    != region.python_resolve_region(cleaned, title, reference.gazetteer, raw)):
                differ.append(name)
    assert compared >= 20
    assert differ == []


def test_report_period_is_its_python_twin() -> None:
    compared, differ = 0, []
    for name, text in _reports():
        stamps = period.page_dates(text)
        for _, cleaned, title in _with_titles(text):
            dated, dated_title = period.arabic_years(cleaned), period.arabic_years(title) if title else title
            for dates in (stamps, ((2024, 3),)):
                compared += 1
                if (period.resolve_document_period(dated, dated_title, dates)
                        != period.python_resolve_document_period(dated, dated_title, dates)):
                    differ.append(name)
    assert compared >= 40
    assert differ == []


def test_the_numbers_read_are_their_python_twins(reference: Reference) -> None:
    compared, mentions, differ = 0, 0, []
    for name, text in _reports():
        for _, cleaned, _ in list(_with_titles(text))[::3]:
            compared += 1
            found = reference.extractor.extract(cleaned)
            mentions += len(found)
            if found != reference.extractor.python_extract(cleaned):
                differ.append(name)
    assert compared >= 20 and mentions >= 1000
    assert differ == []


def test_the_numbers_of_mangled_pages_are_their_python_twins(reference: Reference) -> None:
    compared, differ = 0, []
    for name, text in _reports():
        for k, page in enumerate(_mangled(text)):
            cleaned = clean.clean_text(page)
            compared += 1
            if reference.extractor.extract(cleaned) != reference.extractor.python_extract(cleaned):
                differ.append(f"{name} #{k}")
    assert compared >= 35
    assert differ == []


def test_reference_rows_as_dbt_types_them(reference: Reference) -> None:
    # dbt's seed tables hand the loaders numbers and booleans (a scale of 10000.0), the CSV
    # files strings: the compiled extractor reads both as the Python does
    typed = Reference.from_rows(
        reference.rows["units"],
        [{**row, "scale": float(row["scale"])} for row in reference.rows["unit_prefixes"]],
        reference.rows["non_quantities"], reference.rows["admin_divisions"],
        reference.rows["regional_words"])
    text = "全年争取科技项目资金2.5亿元，技术合同成交额12万元，新增高新技术企业56家。"
    assert typed.extractor.extract(text) == typed.extractor.python_extract(text)
    assert [m.unit_raw for m in typed.extractor.extract(text)] == ["亿元", "万元", "家"]


def test_a_failing_stage_runs_the_python_and_is_counted(reference: Reference,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object) -> None:
        raise native.Error("a panic")

    monkeypatch.setattr(native.compiled, "fact_periods", fails)
    monkeypatch.setattr(native, "failures", type(native.failures)())
    text = "2023年全县新增高新技术企业12家，上半年技术合同成交额3.2亿元。"
    document = period.PeriodResolution(2023, "year", 1, 12, "title")
    spans = [(m.char_start, m.char_end) for m in reference.extractor.extract(text)]
    infos = period.fact_periods(text, document, spans)
    resolver = period.FactPeriodResolver(text, document)
    assert infos == [resolver.at(s, e) for s, e in spans] and len(infos) == 2
    assert native.failures == {"fact_periods": 1}
    monkeypatch.setattr(native, "failures", type(native.failures)())


def test_fact_periods_are_their_python_twins(reference: Reference) -> None:
    compared, differ = 0, []
    for name, text in _reports():
        _, cleaned, title = _read(text)
        dated = period.arabic_years(cleaned)
        document = period.resolve_document_period(dated, period.arabic_years(title) if title else title)
        spans = [(m.char_start, m.char_end) for m in reference.extractor.extract(cleaned)]
        # and a span at every digit, for the cues the numbers read do not reach
        spans += [(k, k + 1) for k, c in enumerate(cleaned) if c.isdigit()][::7]
        for doc in (document, period.PeriodResolution(None, "half", 1, 6, "masked year")):
            compared += len(spans)
            resolver = period.FactPeriodResolver(dated, doc)
            if period.fact_periods(dated, doc, spans) != [resolver.at(s, e) for s, e in spans]:
                differ.append(name)
    assert compared >= 10_000
    assert differ == []


def _rows_both_ways(reference: Reference, name: str, data: bytes,
                    monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict], list[dict], object, object]:
    """A report's mention rows from the compiled `MentionTable` (as dicts and as the Arrow
    batch a build writes) and from the Python's objects (`mentions`, `fact_periods`,
    `_mention_row`)."""
    from datetime import datetime, timezone

    from loaders.corpus import CorpusFile
    from loaders.pipeline import read_report, rows_batch

    file = CorpusFile(name, "", len(data))
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    table = read_report(file, data, "0" * 64, reference, at, columnar=True)
    compiled = read_report(file, data, "0" * 64, reference, at)
    with monkeypatch.context() as patch:
        patch.setattr(Reference, "mention_table", lambda self, *args: None)
        python = read_report(file, data, "0" * 64, reference, at)
    return compiled["mentions"], python["mentions"], rows_batch([table]), rows_batch([python])


def test_mention_rows_are_their_python_twins(reference: Reference, monkeypatch: pytest.MonkeyPatch) -> None:
    from loaders.region import has_subdivisions, subdivision_parts

    compared, mentions, parts, differ = 0, 0, 0, []
    # made up (as in tests/loaders/test_region.py): a city's districts and zone beside
    # the city's own figure of the same thing
    own = [("十堰 (made up)", "十堰市科技局2018年工作总结\n全市新增高新技术企业56家，其中张湾区新增高新技术企业14家。"
            "郧阳区新增高新技术企业9家；竹山县新建星创天地2家。"),
           ("大庆 (made up)", "大庆市科技局2016年工作总结\n全市新增省级科技企业孵化器4家，其中大庆高新区新增省级"
            "科技企业孵化器1家。大庆高新区新增省级科技企业孵化器2家。")]
    pages = chain(own, ((f"{name} #{k}", page) for name, text in _reports()
                        for k, page in enumerate([text, *list(_mangled(text))[1:3]])))
    for name, text in pages:
        compared += 1
        rows, python_rows, batch, python_batch = _rows_both_ways(reference, name, text.encode(), monkeypatch)
        batch.validate(full=True)
        mentions += len(rows)
        if rows != python_rows or not batch.equals(python_batch):
            differ.append(name)
        # the figures of a region's own divisions, marked from Python on the table
        _, cleaned, title = _read(text)
        code = region.resolve_region(cleaned, title, reference.gazetteer, text).admin_code
        if has_subdivisions(reference.gazetteer, code):
            found = reference.extractor.extract(cleaned)
            parts += len(subdivision_parts([m.indicator_phrase for m in found], [m.unit_raw for m in found],
                                           reference.gazetteer, code))
    assert compared >= 100 and mentions >= 10_000 and parts >= 2
    assert differ == []


def test_a_failing_mention_table_runs_the_python(reference: Reference,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object) -> None:
        raise native.Error("a panic")

    data = "2023年全县新增高新技术企业12家，上半年技术合同成交额3.2亿元。".encode()
    want, _, _, want_batch = _rows_both_ways(reference, "a.txt", data, monkeypatch)
    monkeypatch.setattr(native.compiled, "mention_table", fails)
    monkeypatch.setattr(native, "failures", type(native.failures)())
    rows, python_rows, batch, _ = _rows_both_ways(reference, "a.txt", data, monkeypatch)
    assert rows == python_rows == want and len(rows) == 2 and batch.equals(want_batch)
    assert native.failures == {"mention_table": 2}
    monkeypatch.setattr(native, "failures", type(native.failures)())


def test_a_gazetteer_of_its_own_gets_a_compiled_twin_of_its_own(reference: Reference) -> None:
    # a second gazetteer in the same process (a test's, a reloaded seed) is not the first one
    small = Reference.from_rows(
        reference.rows["units"], reference.rows["unit_prefixes"], reference.rows["non_quantities"],
        [r for r in reference.rows["admin_divisions"] if str(r["admin_code"]).startswith("42")],
        reference.rows["regional_words"]).gazetteer
    text = "襄阳市科技局2023年工作总结\n我市新增高新技术企业120家。宜昌市、十堰市列席。"
    assert region.resolve_region(text, None, small) == region.python_resolve_region(text, None, small)
    assert region.resolve_region(text, None, reference.gazetteer).admin_code == "420600"
    assert small.compiled is not None and small.compiled is not reference.gazetteer.compiled


def test_a_page_the_compiled_stage_does_not_read_goes_to_the_python() -> None:
    # an HTML page and a text with character references are left to the Python (rare)
    assert native.compiled is not None
    assert native.compiled.clean_prepare("<html><body><p>新增高企67家</p></body></html>") is None
    assert native.compiled.clean_prepare("&ldquo;科技贷&rdquo;累计支持企业超2500家次") is None
    assert clean.clean_text("&ldquo;科技贷&rdquo;累计支持企业超2500家次") == "“科技贷”累计支持企业超2500家次"


def test_off_switch_runs_the_python(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "from loaders import native; print(native.compiled is None)"
    env = {**os.environ, "KEJI_NATIVE": "off"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
