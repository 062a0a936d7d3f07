"""`bench.identity`: the loaders' rows recorded, and a change to any of them named."""
from __future__ import annotations

import gzip
import json

from bench.identity import first_difference, main
from loaders.settings import DEFAULT_CORPUS


def _rewrite(record, change) -> str:
    with gzip.open(record, "rt", encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines]
    label = change(items)
    with gzip.open(record, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    return label


def test_the_same_loaders_read_the_shipped_reports_as_recorded(tmp_path, capsys):
    record = tmp_path / "rows.jsonl.gz"
    args = [str(record), "--only", "--corpus", str(DEFAULT_CORPUS)]
    assert main(["record", *args]) == 0
    assert main(["check", *args]) == 0
    assert "0 of 5 files differ" in capsys.readouterr().out


def test_a_changed_value_and_a_lost_mention_are_named_with_their_file(tmp_path, capsys):
    record = tmp_path / "rows.jsonl.gz"
    args = [str(record), "--only", "--corpus", str(DEFAULT_CORPUS)]
    assert main(["record", *args]) == 0

    def change_a_value(items):
        row = items[0]["row"]
        row["mentions"][2]["value_raw"] += 1
        return items[0]["file"]

    changed = _rewrite(record, change_a_value)
    capsys.readouterr()
    assert main(["check", *args]) == 1
    out = capsys.readouterr().out
    assert f"{changed}: mentions[2].value_raw:" in out
    assert "1 of 5 files differ" in out

    def drop_the_last_mention(items):
        items[0]["row"]["mentions"][2]["value_raw"] -= 1   # as read again
        items[1]["row"]["mentions"].pop()
        return items[1]["file"]

    shortened = _rewrite(record, drop_the_last_mention)
    assert main(["check", *args]) == 1
    out = capsys.readouterr().out
    assert f"{shortened}: mentions: " in out and "items →" in out
    assert changed not in out


def test_a_check_without_a_record_says_how_to_make_one(tmp_path, capsys):
    assert main(["check", str(tmp_path / "none.jsonl.gz"), "--only",
                 "--corpus", str(DEFAULT_CORPUS)]) == 2
    assert "bench.identity record" in capsys.readouterr().err


def test_the_first_difference_is_found_field_by_field():
    old = {"status": "loaded", "mentions": [{"unit_raw": "亿元", "cues": ["a"]}]}
    assert first_difference(old, json.loads(json.dumps(old))) is None
    new = {"status": "loaded", "mentions": [{"unit_raw": "万元", "cues": ["a"]}]}
    assert first_difference(old, new) == "mentions[0].unit_raw: '亿元' → '万元'"
    assert first_difference(old, {**old, "title": "x"}) == "title: 'None' → 'x'"
