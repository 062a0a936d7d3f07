"""Bytes of a report file -> text, with the encoding detected rather than assumed.

Order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. the signature of a known binary format, NUL bytes (unless the bytes read as
   UTF-16 without a BOM) or mostly control bytes -> `binary`;
3. strict UTF-8, then UTF-8 with a few broken bytes replaced;
4. strict GB18030 / Big5 (and the Big5 supersets CP950, Big5-HKSCS), the
   candidate with the largest share of common CJK characters winning;
5. the same candidates with a few broken bytes replaced;
6. otherwise `undecodable`.

A byte-order mark that the content belies (most bytes break) is ignored and
the rest detected as if it were absent.

Why a plain score instead of a general charset detector: GBK bytes read as
Big5 (and the reverse) usually decode without error on short Chinese text, and
only the kind of characters produced tells them apart. Real text is made almost
entirely of the ~3,800 most common Simplified (GB2312 level 1) or ~5,400 most
common Traditional (Big5 level 1) characters; a wrong reading scatters over rare
characters, kana and private-use code points. Both sets are derived from the
codecs themselves, so no character list is kept in the code.

The text returned has `\\n` line endings. Mis-decoded fragments left by whoever
produced the file (`??萍季诸I導`, `ç§‘æŠ€`, `绉戞妧灞€`) are reported as a
`mis_decoded` problem and kept as they are.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from loaders.records import Decoded, DecodeError

# --------------------------------------------------------------------------- constants

# Candidate codecs for non-UTF text, tried in this order (earlier wins a tie).
# CP950 and Big5-HKSCS are supersets of Big5 used by Taiwanese and Hong Kong sites.
CJK_CODECS = ("gb18030", "big5", "cp950", "big5hkscs")

# A strict or lenient reading must reach this share of common characters
# (among its non-ASCII characters) to be accepted. Measured on the dev corpus
# cut into pieces: right readings of 32+ characters score >= 0.95, wrong ones
# <= 0.83 (<= 0.75 from 256 characters on); random high bytes <= 0.8 and they
# break far too often anyway. On a dozen characters a wrong reading can tie
# with the right one; the tie goes to the earlier codec of CJK_CODECS.
MIN_COMMON_SHARE = 0.8

# Broken bytes tolerated, as a share of the non-ASCII bytes, before a reading
# "with replacement" is refused; a wrong codec breaks far more than this.
MAX_BROKEN_SHARE = 0.05

# Share of control bytes above which a file is not text.
MAX_CONTROL_SHARE = 0.10

# Signatures of common binary formats met among downloaded "reports".
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP container (docx/xlsx/zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 container (doc/xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x1f\x8b", "a gzip stream"),
    (b"{\\rtf", "an RTF document"),
)

BOMS = (
    # UTF-32 first: its LE mark starts with the UTF-16 LE mark.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that text does not contain (tab, LF, VT, FF, CR and the DOS
# end-of-file mark 0x1A are allowed); NUL is handled separately.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r\x1a") + b"\x7f"

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAKS_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_SURROGATE_RUN_RE = re.compile(r"[\udc80-\udcff]+")
_REPLACEMENT_RUN_RE = re.compile("\ufffd+")
_BLANK_RE = re.compile(r"[\s\ufeff\u200b-\u200d\u2060\x00]*")

# Characters scored when choosing a codec; the choice never needs more.
SCORE_CHARS = 20_000

# --------------------------------------------------------------- common characters


def _decoded_pairs(codec: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
    """Characters that `codec` gives for every (lead, trail) byte pair."""
    trails = tuple(trails)
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def _common_chars() -> frozenset[str]:
    """GB2312 rows 1-3 and level 1 plus Big5 symbols and level 1, as characters."""
    gb_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    chars = _decoded_pairs("gb2312", range(0xA1, 0xA4), gb_trails)      # punctuation, full width
    chars |= _decoded_pairs("gb2312", (0xA8,), gb_trails)                # pinyin letters
    chars |= _decoded_pairs("gb2312", range(0xB0, 0xD8), gb_trails)     # level 1 hanzi
    chars |= _decoded_pairs("big5", range(0xA1, 0xA3), big5_trails)     # punctuation, symbols
    chars |= _decoded_pairs("big5", range(0xA4, 0xC7), big5_trails)     # level 1 hanzi
    chars |= set("\u00b7\u2014\u2026\u201c\u201d\u2018\u2019\u00d7\u00b0\u2116\u00a9")
    return frozenset(c for c in chars if len(c) == 1 and c.isprintable())


COMMON_CHARS = _common_chars()

# Letter-like characters that a wrong decoding produces: Latin-1 and CP1252
# letters and symbols, Greek, Cyrillic, kana, Hangul, CJK, private use.
_MOJIBAKE_ALPHABET = (
    "\u0080-\u024f\u0370-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\ue000-\uf8ff\uf900-\ufaff"
    "\u20ac\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u2039\u203a\u2122\u02dc"
)


def _rare_class() -> str:
    """A regex class of the mojibake alphabet minus the common characters."""
    alphabet = re.compile(f"[{_MOJIBAKE_ALPHABET}]")
    rare = [c for c in map(chr, range(0x80, 0xFB00))
            if alphabet.match(c) and c not in COMMON_CHARS and not c.isspace()]
    ranges: list[str] = []
    start = prev = None
    for char in rare + [None]:
        if char is not None and prev is not None and ord(char) == ord(prev) + 1:
            prev = char
            continue
        if start is not None:
            ranges.append(re.escape(start) if start == prev
                          else f"{re.escape(start)}-{re.escape(prev)}")
        start = prev = char
    return "[" + "".join(ranges) + "]"


# A run of 3+ rare letter-like characters: one encoding read as another
# (`绉戞妧灞€`, `ç§‘æŠ€`, `¿Æ¼¼¾Ö`); real reports almost never have one.
_RARE_RUN_RE = re.compile(_rare_class() + "{3,}")
# `?` runs standing where characters were lost by an earlier wrong conversion;
# they count when they touch a CJK character.
_QUESTION_RUN_RE = re.compile(r"[?？]{2,}")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


def common_share(text: str) -> float:
    """Share of the non-ASCII, non-space characters that are common CJK text.

    >>> common_share("科技局2020年工作总結")
    1.0
    >>> common_share("绉戞妧灞€") < 0.5
    True
    >>> common_share("2020 plain ascii")
    1.0
    """
    total = common = 0
    for char in text:
        if char < "\x80" or char.isspace():
            continue
        total += 1
        if char in COMMON_CHARS:
            common += 1
    return common / total if total else 1.0


# ------------------------------------------------------------------------ helpers


def _normalise_breaks(text: str) -> str:
    r"""CR LF, lone CR and Unicode line separators -> `\n`.

    >>> _normalise_breaks("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text
    return _LINE_BREAKS_RE.sub("\n", text)


def _is_blank(text: str) -> bool:
    """Only white space, BOMs and zero-width characters."""
    return _BLANK_RE.fullmatch(text) is not None


def _lenient(data: bytes, codec: str) -> tuple[str, int]:
    """Decode keeping every undecodable byte as a lone surrogate; count them.

    Strict decoding runs in C at full speed; the error handler only runs when
    there is something to count. A codec whose first 8 KB already break too
    often is given up without decoding the rest.
    """
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    head = data[:8_192]
    try:
        head_broken = _count_surrogates(head.decode(codec, errors="surrogateescape"))
        if head_broken > MAX_BROKEN_SHARE * _high_bytes(head) + 4:
            return "", len(data)  # hopeless: report everything broken
        text = data.decode(codec, errors="surrogateescape")
    except UnicodeDecodeError:
        # UTF-16/32 cut short (an odd number of bytes): the error handler cannot
        # keep a truncated code unit; nothing to read in that codec
        return "", len(data)
    return text, _count_surrogates(text)


def _count_surrogates(text: str) -> int:
    """Number of lone surrogates, i.e. bytes that did not decode."""
    return len(text) - len(_SURROGATE_RE.sub("", text))


def _bom_codec(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start, if any."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the bytes read as sensible text in one of them.

    Only asked when NUL bytes are present: UTF-16 puts one in every ASCII
    character, every other encoding of text has none.
    """
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:SCORE_CHARS]
        if common_share(sample) >= MIN_COMMON_SHARE and _control_share(sample) <= 0.01:
            return codec
    return None


def _control_share(text: str) -> float:
    """Share of control characters (other than tabs, line and page breaks)."""
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _high_bytes(data: bytes) -> int:
    """Number of non-ASCII bytes (at least 1, to divide by)."""
    return max(1, len(data) - len(data.translate(None, bytes(range(0x80, 0x100)))))


def _replaced(text: str) -> str:
    """Each run of undecodable bytes (lone surrogates) -> one U+FFFD."""
    return _SURROGATE_RUN_RE.sub("\ufffd", text)


def find_mis_decoded(text: str, limit: int = 3) -> tuple[int, list[str]]:
    """Count mojibake fragments in decoded text and return a few examples.

    A fragment is a `??` run touching a CJK character, a run of U+FFFD, or a run
    of three or more rare characters (one encoding read as another).

    >>> find_mis_decoded("在局??萍季诸I導班子帶頭下")[0]
    1
    >>> find_mis_decoded("全社会研发投入367.1亿元")
    (0, [])
    """
    spans: list[tuple[int, int]] = []
    if "??" in text or "？？" in text or "?？" in text or "？?" in text:
        spans.extend(
            m.span() for m in _QUESTION_RUN_RE.finditer(text)
            if _CJK_RE.match(text, max(0, m.start() - 1)) or _CJK_RE.match(text, m.end())
        )
    spans.extend(m.span() for m in _RARE_RUN_RE.finditer(text))
    if "\ufffd" in text:
        spans.extend(m.span() for m in _REPLACEMENT_RUN_RE.finditer(text))
    spans.sort()
    examples = [
        text[max(0, start - 4): end + 4].replace("\n", " ")
        for start, end in spans[:limit]
    ]
    return len(spans), examples


def _mis_decoded_problem(text: str) -> tuple[tuple[str, str], ...]:
    count, examples = find_mis_decoded(text)
    if not count:
        return ()
    shown = ", ".join(repr(e) for e in examples)
    return ((
        "mis_decoded",
        f"{count} mis-decoded fragment(s) found (e.g. {shown}); text kept as decoded",
    ),)


def _result(text: str, codec: str, broken: int = 0, total: int = 0) -> Decoded:
    """Assemble a Decoded value: line endings, mojibake note, replacement note.

    `text` still holds undecodable bytes as lone surrogates, so the mojibake scan
    sees only what the file itself carried, not the replacements made here.
    """
    text = _normalise_breaks(text)
    if _is_blank(_replaced(text) if broken else text):
        raise DecodeError("empty", f"only white space after decoding as {codec}")
    problems: tuple[tuple[str, str], ...] = ()
    if broken:
        places = len(_SURROGATE_RUN_RE.findall(text))
        problems += ((
            "decoded_with_replacement",
            f"{broken} undecodable bytes (of {total}) in {places} place(s) replaced "
            f"by U+FFFD; the rest read as {codec}",
        ),)
    problems += _mis_decoded_problem(text)
    return Decoded(text=_replaced(text) if broken else text, encoding=codec,
                   problems=problems)


# --------------------------------------------------------------------- public API


def decode_bytes(data: bytes) -> Decoded:
    """Decode a report file's bytes, detecting the encoding; see the module docstring.

    Raises DecodeError("empty" | "binary" | "undecodable", detail).

    >>> decode_bytes("科技局".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"\\xef\\xbb\\xbfa\\r\\nb").text
    'a\\nb'
    """
    if _is_blank_bytes(data):
        raise DecodeError("empty", f"{len(data)} bytes, no text (only white space or a BOM)")

    codec = _bom_codec(data)
    if codec is not None:
        text, broken = _lenient(data, codec)
        if broken <= MAX_BROKEN_SHARE * len(data):
            text = text[1:] if text.startswith("\ufeff") else text
            if _control_share(text[:SCORE_CHARS]) > MAX_CONTROL_SHARE:
                raise DecodeError(
                    "binary", f"{codec} byte-order mark, but mostly control characters; skipped")
            # almost any bytes decode as UTF-16/32 without error: noise behind an
            # FE FF / FF FE mark reads as scattered rare characters, not as text
            if codec == "utf-8-sig" or common_share(_replaced(text[:SCORE_CHARS])) >= MIN_COMMON_SHARE:
                return _result(text, codec, broken, len(data))
        # A mark that the content belies (a GBK file saved behind a UTF-8 BOM, noise
        # behind a UTF-16 one): detect the encoding of what follows it.
        bom = next(bom for bom, _ in BOMS if data.startswith(bom))
        try:
            return _decode_unmarked(data[len(bom):])
        except DecodeError as err:
            raise DecodeError(err.problem, f"starts with a {codec} byte-order mark ({bom.hex(' ').upper()}) "
                              f"that the bytes after it belie, and {err.detail}") from None
    return _decode_unmarked(data)


def _decode_unmarked(data: bytes) -> Decoded:
    """Steps 2–6 of the module docstring: the bytes without a byte-order mark."""

    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError("binary", f"starts with the signature of {what}; skipped")

    nuls = data.count(0)
    if nuls:
        codec16 = _utf16_without_bom(data)
        if codec16 is not None:
            return _result(data.decode(codec16), codec16)
        raise DecodeError(
            "binary", f"{nuls} NUL bytes in {len(data)} bytes, not UTF-16 text; skipped")

    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data):
        raise DecodeError("binary", f"{controls} of {len(data)} bytes are control bytes; skipped")

    # UTF-8: strict, then with a few broken bytes (a truncated or damaged file).
    text, broken = _lenient(data, "utf-8")
    high = _high_bytes(data)
    if broken == 0:
        return _result(text, "utf-8")
    if (broken <= MAX_BROKEN_SHARE * high
            and common_share(_replaced(text[:SCORE_CHARS])) >= MIN_COMMON_SHARE):
        return _result(text, "utf-8", broken, len(data))

    # CJK legacy codecs: strict readings first, the highest common share winning
    # (ties keep CJK_CODECS order); only when none qualifies, readings with a few
    # bytes replaced.
    best = (_best_reading(data, strict=True, high=high)
            or _best_reading(data, strict=False, high=high))
    if best is not None:
        codec, cjk_text, cjk_broken = best
        return _result(cjk_text, codec, cjk_broken, len(data))

    tried = ", ".join(("utf-8",) + CJK_CODECS)
    raise DecodeError(
        "undecodable",
        f"{len(data)} bytes; no candidate encoding ({tried}) gives sensible text "
        f"(UTF-8 breaks on {broken} bytes); skipped",
    )


def _best_reading(data: bytes, strict: bool, high: int) -> tuple[str, str, int] | None:
    """(codec, text, broken bytes) of the CJK codec whose reading scores best, if any."""
    readings: list[tuple[float, int, str, str, int]] = []
    for order, codec in enumerate(CJK_CODECS):
        if strict:
            try:
                text, broken = data.decode(codec), 0
            except UnicodeDecodeError:
                continue
        else:
            text, broken = _lenient(data, codec)
            if broken > MAX_BROKEN_SHARE * high:
                continue
        share = common_share(_replaced(text[:SCORE_CHARS]) if broken else text[:SCORE_CHARS])
        if share >= MIN_COMMON_SHARE:
            readings.append((-share, order, codec, text, broken))
    if not readings:
        return None
    _, _, codec, text, broken = min(readings, key=lambda r: (r[0], r[1]))
    return codec, text, broken


def _is_blank_bytes(data: bytes) -> bool:
    """No bytes, or only byte-order marks and ASCII white space."""
    stripped = data.strip()
    while True:
        bom = next((bom for bom, _ in BOMS if stripped.startswith(bom)), None)
        if bom is None:
            return not stripped
        stripped = stripped[len(bom):].strip()
