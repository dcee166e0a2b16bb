"""Property tests: the Japanese helpers and the segmenter on arbitrary input.

Arbitrary Unicode (no lone surrogates: a str read from a UTF-8 file cannot
hold them) must never make ``normalize`` / ``tokenize`` / ``search_tokens``
raise, and ``segment_text`` may only raise ``CorpusError``. On random
Markdown-ish reports (headings, paragraphs with inline markup, tab-separated
rows, an optional 目次) every passage maps back to the source exactly.
Example counts are modest so the whole file runs in a few seconds.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.japanese import normalize, search_tokens, tokenize
from assistant.segment import (
    MAX_PASSAGE_CHARS,
    CorpusError,
    clean_markup,
    segment_text,
    sentences,
    strip_markup,
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOCS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that have broken text pipelines before: controls, zero-width and
# bidi marks, combining marks, half-width kana with separate (semi-)voiced
# marks, dash and long-vowel variants, emoji, markup characters.
SPECIAL = (
    "\x00\x01\x1b\x7f\x85\u2028\u2029\t\n\r \u3000\u200b\u200d\ufeff\u00ad"
    "\u202e\u202d\u200f\u0627\u05d0\u0301\u0308\u3099\u309a\u309b\uff9e\uff9f"
    "ｻｰﾊﾞｶﾟ-－‐‑–—―−ー〜～・。、！？「」（）()[]<>/#*\\※①㈱㍻"
    "😀👍🏽👨‍👩‍👧🇯🇵"
    "ａＡ０９aZ09ISOiec"
    "あいうアイウ漢字規格監査の"
)
any_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(SPECIAL), max_size=200),
    st.lists(
        st.sampled_from(["ISO/IEC", " 27017", "SP 800-53", "C5", "ｻｰﾊﾞｰ", "の", "監査", "SOC2+", "。"])
    ).map("".join),
)


@FAST
@given(any_text)
def test_normalize_total_and_offsets(s):
    n = normalize(s)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(s)
    assert all(0 <= o <= len(s) for o in n.offsets)
    assert list(n.offsets) == sorted(n.offsets)


@FAST
@given(any_text)
def test_tokens_in_bounds_and_map_back(s):
    for t in tokenize(s):
        assert 0 <= t.start < t.end <= len(s), t
        assert s[t.start : t.end] == t.surface
        assert t.surface and t.text
    toks = search_tokens(s)
    assert all(isinstance(x, str) and x for x in toks)


@FAST
@given(any_text)
def test_segment_text_raises_only_corpus_error(s):
    try:
        d = segment_text(s, "fuzz")
    except CorpusError as e:
        assert str(e) and "\n" not in str(e)
        return
    for p in d.passages:
        assert p.text and len(p.offsets) == len(p.text)


@FAST
@given(any_text)
def test_sentences_are_ordered_trimmed_ranges(s):
    prev = 0
    for a, b in sentences(s):
        assert prev <= a < b <= len(s)
        assert s[a:b] == s[a:b].strip()
        prev = b


# --------------------------------------------------------------------------- Markdown-ish reports

WORDS = st.sampled_from(
    [
        "クラウドサービス",
        "ISO/IEC 27017",
        "の管理策",
        "を実施する",
        "監査",
        "（CSP）",
        "「認証」",
        "SP 800-53",
        "C5",
        "Security techniques",
        "データ",
        "サーバー",
        "等",
        " ",
        "、",
    ]
)
sentence = st.builds(
    lambda ws, end: "".join(ws) + end,
    st.lists(WORDS, min_size=1, max_size=8),
    st.sampled_from(["。", "", "？"]),
)
inline = st.one_of(
    sentence,
    sentence.map(lambda s: s + "<sup>※1</sup>"),
    sentence.map(lambda s: "**" + s + "**"),
    st.just("ISAE 3000<sup>2</sup>（国際規格）を適用する。"),
    st.just('<a href="https://example.jp/a">https://example.jp/a</a>'),
    st.just("<https://example.org/x>"),
    st.just("\\* 注記の文。"),
)
paragraph = st.lists(inline, min_size=1, max_size=4).map("".join)
lst = st.lists(sentence, min_size=1, max_size=4).map(
    lambda items: '<ul style="list-style-type: none">' + "".join(f"<li>• {i}</li>" for i in items) + "</ul>"
)
cell = st.one_of(sentence, lst, paragraph.map(lambda p: f"<p>{p}</p>"), st.just(""))
LABELS = st.sampled_from(["名称 (運用組織)", "対象", "概要・特徴", "ISMS との関連性", "関連 URL", "項目", ""])
row = st.builds(lambda lab, cells: "\t".join([lab, *cells]), LABELS, st.lists(cell, min_size=1, max_size=2))
number = st.lists(st.integers(1, 3), min_size=1, max_size=3).map(lambda xs: ".".join(map(str, xs)))
heading = st.builds(
    lambda depth, num, dot, title: "#" * depth + " " + (num + dot + " " if num else "") + title,
    st.integers(1, 5),
    st.one_of(st.none(), number),
    st.sampled_from(["", "."]),
    st.sampled_from(["概要", "国内の制度", "はじめに", "おわりに", "**SOC2**", "C5 (ドイツ)", "付録"]),
)
footnote = st.builds(lambda n, s: f"※{n} {s}", st.integers(1, 3), sentence)
block = st.one_of(
    heading,
    paragraph,
    footnote,
    st.lists(row, min_size=1, max_size=4).map("\n".join),
    st.just("\t" + "続きの文である。"),  # a row continued after a page break
    st.just(""),
)


@st.composite
def report(draw):
    blocks = draw(st.lists(block, min_size=1, max_size=16))
    if draw(st.booleans()):
        # a 目次 listing some of the numbered headings
        nums = [b.split(" ", 2) for b in blocks if re.match(r"#+ \d", b)]
        toc = "\n".join(
            f"{parts[1]} {parts[2] if len(parts) > 2 else ''}\t{k + 1}" for k, parts in enumerate(nums)
        )
        at = draw(st.integers(0, len(blocks)))
        blocks[at:at] = ["## 目次", toc]
    return "\n\n".join(blocks) + draw(st.sampled_from(["", "\n", "\n\n"]))


@DOCS
@given(report())
def test_passages_map_back_on_random_reports(text):
    try:
        d = segment_text(text, "r")
    except CorpusError:
        return
    ids = [s.id for s in d.sections]
    assert len(ids) == len(set(ids))
    for p in d.passages:
        assert p.text and p.text == p.text.strip()
        assert len(p.offsets) == len(p.text)
        assert all(a < b for a, b in zip(p.offsets, p.offsets[1:], strict=False))
        assert p.start == p.offsets[0] and p.end == p.offsets[-1] + 1 <= len(text)
        for ch, o in zip(p.text, p.offsets, strict=True):
            assert ch == text[o] or (ch.isspace() and (text[o].isspace() or text[o] == "<")), (ch, text[o])
        assert not re.search(r"<(?:/?)(?:ul|li|p|sup|a)\b", p.text)
        assert len(p.text) <= MAX_PASSAGE_CHARS or len(sentences(p.text)) == 1
        assert re.sub(r"\s+", "", strip_markup(text[p.start : p.end])) == re.sub(r"\s+", "", p.text)
    assert segment_text(text, "r").passages == d.passages  # deterministic
    # no paragraph text is lost (outside the 目次 block; rows may be headers)
    covered = {o for p in d.passages for o in p.offsets}
    toc = re.search(r"^#+ 目\s*次[^\n]*(?:\n(?!#{1,6}[ \t])[^\n]*)*", text, re.M)
    pos = 0
    for line in text.split("\n"):
        off, pos = pos, pos + len(line) + 1
        if "\t" in line or re.match(r"#{1,6}[ \t]", line) or (toc and toc.start() <= off < toc.end()):
            continue
        clean = clean_markup(line, off)
        assert all(ch.isspace() or o in covered for ch, o in zip(clean.chars, clean.offs, strict=True)), line
