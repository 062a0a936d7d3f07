"""The corpus walk: every entry below the folder is a file to read or a named problem."""
from __future__ import annotations

import os
from pathlib import Path

from loaders.corpus import iter_corpus_files


def walk(root: Path) -> list[tuple[str, str | None]]:
    return [(file.source_name, file.problem) for file in iter_corpus_files(root)]


def test_links_are_read_only_inside_the_corpus(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("外部文件", encoding="utf-8")
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "a" / "report.txt").write_text("报告", encoding="utf-8")
    (root / "inside.txt").symlink_to("a/report.txt")
    (root / "outside.txt").symlink_to(outside)
    (root / "relative_escape.txt").symlink_to("../outside.txt")
    (root / "folder_link").symlink_to("a")
    files = {file.source_name: file for file in iter_corpus_files(root)}
    assert {name: file.problem for name, file in files.items()} == {
        "a/report.txt": None, "inside.txt": None, "outside.txt": "symlink_outside",
        "relative_escape.txt": "symlink_outside", "folder_link": "not_a_file"}
    assert files["inside.txt"].path == (root / "a" / "report.txt").resolve()


def test_order_is_by_path_as_before(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a.txt", "ab/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [name for name, _ in walk(tmp_path)] == sorted(
        ["b.txt", "a/z.txt", "a.txt", "ab/c.txt"], key=lambda n: Path(n).parts)


def test_a_name_that_is_not_utf8_is_escaped_and_noted(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"\xb1\xa8.txt")).write_text("报告", encoding="utf-8")
    (file,) = iter_corpus_files(tmp_path)
    assert file.source_name == "\\xb1\\xa8.txt" and file.problem is None
    assert file.source_name.encode("utf-8")   # safe to store anywhere
    assert [problem for problem, _ in file.notes] == ["bad_file_name"]
    assert file.path.read_text(encoding="utf-8") == "报告"


def test_keji_private_files_beside_a_target_in_the_corpus_are_not_reports(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("报告", encoding="utf-8")
    (tmp_path / ".w.duckdb.lock").write_text("1", encoding="utf-8")
    (tmp_path / ".w.duckdb.build-1-abc").mkdir()
    (tmp_path / ".w.duckdb.build-1-abc" / "build.duckdb").write_bytes(b"x")
    (tmp_path / ".w.duckdb.rejected").mkdir()
    (tmp_path / ".w.duckdb.cache" / "rows").mkdir(parents=True)   # the loaders' cache
    (tmp_path / ".w.duckdb.cache" / "rows" / "a.txt").write_text("报告", encoding="utf-8")
    assert walk(tmp_path) == [("report.txt", None)]
