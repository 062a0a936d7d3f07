"""The adversarial benchmark's inputs and verdicts (its timings are read, never asserted)."""
from __future__ import annotations

import json

import pytest

from bench.adversarial import GENERATORS, adversarial_bytes, growth, main, table
from loaders.settings import DEFAULT_CORPUS


@pytest.mark.parametrize("kind", list(GENERATORS))
def test_each_kind_is_the_same_text_of_the_size_asked(kind):
    data = adversarial_bytes(kind, 10_000)
    assert data == adversarial_bytes(kind, 10_000)
    assert 10_000 - 4 < len(data) <= 10_000          # cut at a character, not inside one
    text = data.decode("utf-8")
    assert text != adversarial_bytes(kind, 10_000, seed=1).decode("utf-8") or kind == "reports"


def test_the_kinds_are_what_they_say():
    assert "一" in adversarial_bytes("numerals", 5_000).decode()
    assert "。" not in adversarial_bytes("long_clause", 50_000).decode()
    brackets = adversarial_bytes("brackets", 50_000).decode()
    assert brackets.count("“") != brackets.count("”")   # unbalanced
    first_report = sorted(DEFAULT_CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    assert adversarial_bytes("reports", 2_000).decode().startswith(first_report[:50])


def test_growth_flags_time_per_mb_that_rises_with_size():
    rows = [{"bytes": 1_000, "s_per_mb": 1.0}, {"bytes": 1_000_000, "s_per_mb": 2.5}]
    assert growth(rows) == 2.5
    assert growth(rows[:1]) is None
    results = {"numerals": {"sizes": rows, "growth": 2.5, "flagged": True}}
    assert table(results, [1_000, 10_000, 1_000_000]).splitlines()[2] == (
        "| numerals | 1.000 | – | 2.500 | 2.50x | FLAGGED |")


def test_a_run_writes_its_table_and_json(tmp_path, capsys):
    assert main(["--max-mb", "0.01", "--kinds", "numerals,reports", "--out", str(tmp_path)]) in (0, 1)
    report = json.loads((tmp_path / "adversarial.json").read_text(encoding="utf-8"))
    assert list(report["kinds"]) == ["numerals", "reports"]
    assert [round(row["bytes"], -2) for row in report["kinds"]["reports"]["sizes"]] == [1_000, 10_000]
    out = capsys.readouterr().out
    assert "| reports |" in out and out.strip().splitlines()[-1].startswith("flagged: ")
