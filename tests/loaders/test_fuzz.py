"""Random and adversarial input never breaks decode, clean or extract, and costs linear time.

Property tests (Hypothesis, derandomized: the same examples on every run, a bounded number
of them) throw text built from the pieces reports are made of — numerals of every script,
units, repeated units, quote marks of both directions, brackets, mixed scripts, long clauses
without punctuation, digit strings of hundreds of digits — and raw bytes (with and without a
BOM) at the per-file path, and check what must hold for any input: no exception, every
mention's span inside the text and equal to its `number_text`, its quote holding the span,
its value finite (a numeral longer than any real one may overflow: the warehouse quarantines
such a fact as `not_finite`).
"""
from __future__ import annotations

import math
import time
from datetime import datetime, timezone
from functools import cache

from hypothesis import HealthCheck, given, settings, strategies as st

from loaders.clean import clean_text
from loaders.corpus import CorpusFile, sha256_hex
from loaders.decode import decode_bytes
from loaders.pipeline import Reference, read_report
from loaders.records import DecodeError
from loaders.settings import MAX_NUMERAL_CHARS

FUZZ = settings(derandomize=True, max_examples=300, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = [
    # numerals and units
    "一", "二", "十", "百", "千", "万", "亿", "两", "零", "〇", "点", "壹", "萬",
    "0", "1", "9", "12", "3.5", "1,234", "23,003.5", "1 47", "9" * 400, "一" * 60,
    "家", "个", "项", "件", "人次", "元", "万元", "亿元", "%", "百分之", "个百分点", "倍", "余", "多",
    "1亿元", "三家", "5万4千6百元", "两亿五千万元", "百分之十五", "3-5个", "2至3万元",
    # cues and words
    "全市", "新增", "高新技术企业", "研发投入", "增长", "同比", "其中", "分别", "约", "超过", "以上",
    "力争", "预计", "目标：", "任务是:", "计划", "由", "增至", "从", "提高到", "第", "数", "几",
    "2023年", "上半年", "1-11月", "截至10月底", "去年", "明年", "对口支援", "序号 工作任务 完成情况\n",
    # punctuation, quotes, brackets, white space
    "，", "。", "、", "；", ":", "\n", " ", "\u3000", "\t", "“", "”", "\"", "「", "」", "『", "』",
    "《", "》", "(", ")", "（", "）", "【", "】", "[", "]", "一、", "(一)", "①",
    # other scripts and oddities
    "abc", "ΩЖ", "한국", "ﾃｽﾄ", "１２３", "％", "\u200b", "\ufeff", "\x00", "\ud7ff", "😀", "\u0301",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)),
    max_size=120,
).map("".join)


@cache
def _reference() -> Reference:
    return Reference.from_seed_files()


def _check_mentions(text: str) -> None:
    for m in _reference().extractor.extract(text):
        assert 0 <= m.char_start < m.char_end <= len(text)
        assert text[m.char_start:m.char_end] == m.number_text
        assert 0 <= m.quote_start <= m.char_start
        assert m.char_end <= m.quote_start + len(m.quote)
        assert text[m.quote_start:m.quote_start + len(m.quote)] == m.quote
        assert not math.isnan(m.value_raw)
        assert math.isfinite(m.value_raw) or len(m.number_text) > MAX_NUMERAL_CHARS, m


@FUZZ
@given(texts)
def test_extract_holds_on_any_text(text):
    _check_mentions(text)
    _check_mentions(clean_text(text))


@FUZZ
@given(st.one_of(
    st.binary(max_size=400),
    st.tuples(st.sampled_from([b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf"]), st.binary(max_size=400)).map(b"".join),
    texts.flatmap(lambda t: st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]).map(
        lambda enc: t.encode(enc, errors="ignore"))),
))
def test_the_file_path_holds_on_any_bytes(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        pass
    else:
        assert isinstance(decoded.text, str)
        _check_mentions(clean_text(decoded.text))
    file = CorpusFile(source_name="fuzz.txt", location=None, byte_size=len(data))  # type: ignore[arg-type]
    row = read_report(file, data, sha256_hex(data), _reference(), datetime.now(timezone.utc))
    assert row["status"] in ("loaded", "empty", "binary", "undecodable")
    text = row["clean_text"] or ""
    for m in row["mentions"]:
        assert text[m["char_start"]:m["char_end"]] == m["number_text"]


# ------------------------------------------------------------------ linear time
ADVERSARIAL = {
    "a numeral run": lambda n: "一" * n + "家",
    "repeated units": lambda n: "1亿元" * (n // 3),
    "one clause, no sentence end": lambda n: ("全市新增高新技术企业12家和科技型中小企业" * (n // 20))[:n],
    "quotes, no sentence end": lambda n: ("“四个四”研发投入3亿元" * (n // 13))[:n],
    "a digit string": lambda n: "9" * n + "元",
    "numbers cut by line breaks": lambda n: "研发8\n" + "93件8\n" * (n // 5),
}


def _seconds(text: str, repeat: int = 1) -> float:
    data = text.encode()
    file = CorpusFile(source_name="adversarial.txt", location=None, byte_size=len(data))  # type: ignore[arg-type]
    best = math.inf
    for _ in range(repeat):
        started = time.process_time()   # this process's work: other jobs on the machine do not count
        read_report(file, data, "0" * 64, _reference(), datetime.now(timezone.utc))
        best = min(best, time.process_time() - started)
    return best


def test_adversarial_input_costs_time_proportional_to_its_size():
    """16 times the text costs about 16 times the time (quadratic work would cost 256 times).

    Before the work per number was bounded, `"一"*16000+"家"` took over a minute. The bound
    on the ratio is generous (noise, caches); seconds are not asserted, and they are CPU
    seconds, so that a busy machine does not stretch one reading and not the other.
    """
    _reference()
    small, large = 2_000, 32_000
    for name, make in ADVERSARIAL.items():
        t_small = max(_seconds(make(small), repeat=3), 0.002)   # below timer noise, read as 2 ms
        t_large = _seconds(make(large))
        assert t_large / t_small < 64, f"{name}: {t_small:.3f}s at {small}, {t_large:.3f}s at {large}"


# the words `_strip_phrase` cuts off a phrase's end, and words that are not
_TAIL_WORDS = ["达到", "到达", "达", "为", "是", "有", "共", "计", "实现", "完成", "超过", "突破", "增至",
               "提高到", "超", "逾", "约", "近", "将近", "了", "已经", "已", "分别", " ", "\n"]
_OTHER_WORDS = ["企业", "研发投入", "累", "合", "总", "预", "，", "提高", "将"]


@FUZZ
@given(st.lists(st.sampled_from(_TAIL_WORDS + _OTHER_WORDS), max_size=20),
       st.lists(st.sampled_from(_TAIL_WORDS), min_size=8, max_size=30))
def test_a_long_phrase_loses_the_tail_the_whole_phrase_would(words, tail):
    """`_strip_phrase` reads a long phrase's tail from its end: what it cuts is what
    the pattern's leftmost match over the whole phrase cuts (tails of up to 90 characters)."""
    from loaders.extract import _PHRASE_HEAD, _PHRASE_TAIL, _strip_phrase

    phrase = "".join(words + tail)
    head = _PHRASE_HEAD.match(phrase)
    rest = phrase[head.end():] if head else phrase
    assert _strip_phrase(phrase) == _PHRASE_TAIL.sub("", rest)
