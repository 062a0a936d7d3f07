"""decode_bytes on real dev-corpus reports written in every supported encoding.

Lines of the seed reports (000-004) are quoted; those of the other dev excerpts are read from
../shared at run time, found by a short needle, so their text stays out of the project.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from loaders.decode import common_share, decode_bytes, find_mis_decoded
from loaders.records import DecodeError
from tests.conftest import dev_line, dev_sentence

DEV_DOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev" / "docs"

SIMPLIFIED = "004_fca62a6dc78bee06.txt"      # long, Simplified
SHORT_SIMPLIFIED = "p17.txt"                  # short excerpt, Simplified
TRADITIONAL = "002_cc872de75aeed8b2.txt"     # long, Traditional
TRADITIONAL_GLOSSED = "001_3b41ed0b22b5540a.txt"  # Traditional with pinyin and a `??` fragment


def dev_text(name: str) -> str:
    path = DEV_DOCS / name
    if not path.exists():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    return path.read_text(encoding="utf-8")


def raw_clause(name: str, start: str, number: str) -> str:
    """From the last `start` before `number` through it, as the excerpt's own text spells it."""
    line = dev_line(name, number)
    end = line.index(number) + len(number)
    return line[line.rindex(start, 0, end):end]


def big5_paragraphs(name: str) -> str:
    """The lines of a Traditional report that plain Big5 can encode."""
    lines = []
    for line in dev_text(name).split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        lines.append(line)
    return "\n".join(lines)


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", [SIMPLIFIED, SHORT_SIMPLIFIED, TRADITIONAL, "p01.txt"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_real_report_round_trips(name, encoding):
    text = dev_text(name)
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.problems == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32"])
def test_other_unicode_forms(encoding):
    text = dev_text(SHORT_SIMPLIFIED)
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_traditional_report_in_big5():
    text = big5_paragraphs(TRADITIONAL)
    assert len(text) > 3000
    decoded = decode_bytes(text.encode("big5"))
    assert (decoded.text, decoded.encoding) == (text, "big5")


def test_traditional_report_needing_hkscs():
    # 002 writes 劵 and 墻, which plain Big5 lacks; Big5-HKSCS has them.
    text = dev_text(TRADITIONAL)
    with pytest.raises(UnicodeEncodeError):
        text.encode("big5")
    decoded = decode_bytes(text.encode("big5hkscs"))
    assert (decoded.text, decoded.encoding) == (text, "big5hkscs")


def test_byte_order_mark_belied_by_the_content():
    line = "全社会研发投入367.1亿元,同口径增长17.1%。"
    decoded = decode_bytes(b"\xef\xbb\xbf" + line.encode("gb18030"))
    assert (decoded.text, decoded.encoding) == (line, "gb18030")


@pytest.mark.parametrize("line, encoding", [
    ("全社会研发投入367.1亿元,同口径增长17.1%。", "gb18030"),
    ("高新技术企业、科技型中小企业达6588家、6403家", "gb18030"),
    ("今年以來,完成招商引資額5000萬元", "big5"),
])
def test_short_real_lines(line, encoding):
    decoded = decode_bytes(line.encode(encoding))
    assert (decoded.text, decoded.encoding) == (line, encoding)


@pytest.mark.parametrize("start, number", [("全區", "16000萬元"), ("培訓", "5000人次")])
def test_short_traditional_clauses_of_an_excerpt_in_big5(start, number):
    line = raw_clause("p01.txt", start, number)
    decoded = decode_bytes(line.encode("big5"))
    assert (decoded.text, decoded.encoding) == (line, "big5")


def test_line_endings_normalised():
    text = dev_text(SHORT_SIMPLIFIED)
    decoded = decode_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert decoded.text == text
    # a lone carriage return between an excerpt's date line and its title
    date, title = dev_line("p30.txt", "时间:"), dev_line("p30.txt", "工作总结")
    decoded = decode_bytes(f"{date}\r{title}".encode("utf-8"))
    assert decoded.text == f"{date}\n{title}"


# ------------------------------------------------------------- files that fail


@pytest.mark.parametrize("data", [b"", b"  \r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n",
                                  b"\xff\xfe", "\u3000\n".encode("utf-16")])
def test_empty(data):
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.problem == "empty"


@pytest.mark.parametrize("data", [
    b"\x00" * 64,
    b"\x00\x01\x02\x03PK" * 40,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"PK\x03\x04\x14\x00\x06\x00",
    bytes(range(1, 9)) * 50 + "科技局".encode("utf-8"),
])
def test_binary(data):
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.problem == "binary"
    assert info.value.detail


@pytest.mark.parametrize("seed, size", [(1, 40), (2, 400), (3, 4000), (4, 40000)])
def test_garbage_is_undecodable(seed, size):
    rng = random.Random(seed)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(size))
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.problem == "undecodable"


def test_utf8_report_read_as_nothing_else():
    # Mojibake made by reading UTF-8 as GBK, then saved as GBK: the bytes are
    # valid GB18030 but the characters are rare ones, so the file is refused.
    text = dev_text(SHORT_SIMPLIFIED)
    mojibake = text.encode("utf-8").decode("gb18030", errors="replace")
    assert common_share(mojibake) < 0.8
    assert common_share(text) > 0.95


# ------------------------------------------------------- damaged but readable


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_few_broken_bytes_are_replaced(encoding):
    text = dev_text(SHORT_SIMPLIFIED)
    data = bytearray(text.encode(encoding))
    for position in (100, 700, 1200):
        data[position] = 0xFF
    decoded = decode_bytes(bytes(data))
    assert decoded.encoding == encoding
    assert decoded.text.count("\ufffd") == 3
    codes = [problem for problem, _ in decoded.problems]
    assert codes == ["decoded_with_replacement"]
    detail = decoded.problems[0][1]
    assert "replaced" in detail and "3 place" in detail
    # everything but the three damaged spots reads as the original
    assert decoded.text.startswith(text[:30])
    assert decoded.text.endswith(text[-30:])


def test_truncated_in_the_middle_of_a_character():
    text = dev_text(SIMPLIFIED)
    text = text[: text.rindex("。") + 1]        # ends with a three-byte character
    decoded = decode_bytes(text.encode("utf-8")[:-1])
    assert decoded.encoding == "utf-8"
    assert decoded.problems[0][0] == "decoded_with_replacement"
    assert decoded.text.endswith("\ufffd")


def test_too_many_broken_bytes_fail():
    text = dev_text(SHORT_SIMPLIFIED)
    data = bytearray(text.encode("utf-8"))
    for position in range(0, len(data), 9):
        data[position] = 0xFF
    with pytest.raises(DecodeError) as info:
        decode_bytes(bytes(data))
    assert info.value.problem == "undecodable"


# ------------------------------------------------------------------ mojibake


def test_question_mark_fragment_is_reported_not_fatal():
    text = dev_text(TRADITIONAL_GLOSSED)
    assert "??萍季诸I導" in text
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text
    assert [p for p, _ in decoded.problems] == ["mis_decoded"]
    assert "??萍季诸I" in decoded.problems[0][1]


@pytest.mark.parametrize("wrong", ["gb18030", "latin-1", "cp1252"])
def test_wrong_reading_inside_good_text_is_reported(wrong):
    good = dev_sentence("p17.txt", "1759亿元")
    damaged = dev_sentence("p17.txt", "实验室9家").rstrip(";")
    damaged = damaged.encode("utf-8" if wrong == "gb18030" else "gb18030")
    fragment = damaged.decode(wrong, errors="replace")
    decoded = decode_bytes((good + fragment + good).encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert [p for p, _ in decoded.problems] == ["mis_decoded"]


def test_clean_reports_have_no_mojibake():
    for name in (SIMPLIFIED, SHORT_SIMPLIFIED, TRADITIONAL, "p01.txt", "p08.txt", "p29.txt"):
        assert find_mis_decoded(dev_text(name)) == (0, [])


@pytest.mark.parametrize("bom", [b"\xfe\xff", b"\xff\xfe"])
@pytest.mark.parametrize("size", [5, 200, 4819])
def test_noise_behind_a_utf16_mark_is_not_a_document(bom, size):
    """`FE FF` + noise decodes as UTF-16 without error (scattered rare characters): it was
    loaded as a document of garbage flagged only `mis_decoded` (issue 8). Now the mark is
    belied, the rest is detected as if it were absent, and the detail names the mark."""
    rng = random.Random(size)
    noise = bytes(rng.randrange(256) for _ in range(size))
    with pytest.raises(DecodeError) as err:
        decode_bytes(bom + noise)
    assert err.value.problem in ("binary", "undecodable")
    assert f"utf-16 byte-order mark ({bom.hex(' ').upper()})" in err.value.detail
    assert "belie" in err.value.detail


def test_a_real_utf16_report_behind_its_mark_still_loads():
    text = "科技局2023年工作总结：全市新增高新技术企业12家，研发投入3.2亿元。"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        data = text.encode(encoding)
        if encoding != "utf-16":
            data = (b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff") + data
        assert decode_bytes(data).text == text
