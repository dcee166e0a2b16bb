"""Segmentation of the real report and of two synthetic reports of the same
Markdown-from-PDF kind (tests/data/), with the real files and no mocks.

What "a passage never cuts a sentence" and "offsets map back" mean here is
defined once, in the helpers below, and checked for every passage of every
document.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.segment import (
    MAX_PASSAGE_CHARS,
    CorpusError,
    clean_markup,
    load_corpus,
    load_document,
    read_corpus_file,
    segment_text,
    sentences,
    strip_markup,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "jipdec-cloud-2019.md"
DATA = Path(__file__).resolve().parent / "data"
SYNTH = DATA / "synthetic-report.md"
NO_TOC = DATA / "synthetic-no-toc.md"

CANONICAL = [
    "表紙",
    "はじめに",
    "1.1",
    "1.2",
    "2",
    *(f"2.1.{i}" for i in range(1, 7)),
    *(f"2.2.{i}" for i in range(1, 4)),
    *(f"2.3.{i}" for i in range(1, 7)),
    *(f"2.4.{i}" for i in range(1, 7)),
    "おわりに",
    "ISMS専門部会",
]

# A passage may end (when another passage of its field follows) after one of
# these, or where its source line / list item / paragraph ends.
SENTENCE_END = set("。！？!?）)」』】］]〕")
BLOCK_BREAK = re.compile(r"\n|<(?:/?)(?:li|p|br|ul|ol|div|tr|td|th)\b", re.I)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*")  # "<" followed by a tag name


@pytest.fixture(scope="module")
def doc():
    return load_document(CORPUS)


@pytest.fixture(scope="module")
def synth():
    return load_document(SYNTH)


@pytest.fixture(scope="module")
def no_toc():
    return load_document(NO_TOC)


ALL_DOCS = ["doc", "synth", "no_toc"]


def passages_of(d, section_id, field=None):
    return [p for p in d.passages if p.section_id == section_id and (field is None or p.field == field)]


def fields_of(d, section_id):
    return {p.field for p in d.passages if p.section_id == section_id}


def line_span(text: str, first: int, last: int) -> tuple[int, int]:
    """Source offsets of 1-based lines first..last (inclusive)."""
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[: first - 1])
    end = sum(len(x) + 1 for x in lines[:last])
    return start, end


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_offsets(d) -> None:
    """For every passage: one offset per clean char, strictly increasing,
    start/end = first/last offset + 1, and each char either *is* the source
    char at its offset, or is whitespace standing for source whitespace
    (a tab between cells, a line break) or for the ``<`` of the HTML tag
    (``<li>``, ``</p>``) it replaced."""
    src = d.text
    for p in d.passages:
        assert p.text, p
        assert len(p.offsets) == len(p.text), p.id
        assert all(a < b for a, b in zip(p.offsets, p.offsets[1:], strict=False)), p.id
        assert p.start == p.offsets[0] and p.end == p.offsets[-1] + 1, p.id
        assert 0 <= p.start < p.end <= len(src)
        for i, ch in enumerate(p.text):
            s = src[p.offsets[i]]
            assert ch == s or (ch.isspace() and (s.isspace() or s == "<")), (p.id, i, ch, s)


def check_strip_relation(d) -> None:
    """``strip_markup`` of a passage's source span gives the passage's text
    up to whitespace: the span holds nothing else (no other field, no
    heading, no 目次), and the only differences are how cells, lines and a
    page-broken row are joined (tab -> line break, break -> nothing)."""
    for p in d.passages:
        assert squash(strip_markup(d.text[p.start : p.end])) == squash(p.text), (p.id, p.field)


def check_sentences_whole(d) -> None:
    """Passages never cut a sentence: when the next passage continues the
    same field of the same section, this one ends on a sentence end (。！？ or
    a closing bracket) or where a source line, list item or paragraph ends
    (a line break or block tag lies in the source between the two). And a
    passage is at most MAX_PASSAGE_CHARS long unless it is one sentence."""
    src = d.text
    for p, q in zip(d.passages, d.passages[1:], strict=False):
        if (p.section_id, p.field) != (q.section_id, q.field):
            continue
        gap = src[p.end : q.start]
        assert p.text[-1] in SENTENCE_END or BLOCK_BREAK.search(gap), (p.id, p.text[-30:], q.text[:30])
        assert q.text[0] not in "、，,。" and not q.text[0].isspace(), q.id
    for p in d.passages:
        assert p.text == p.text.strip(), p.id
        assert len(p.text) <= MAX_PASSAGE_CHARS or len(sentences(p.text)) == 1, (p.id, len(p.text))


def check_nothing_lost(d, header_rows=()) -> None:
    """Every character of content is in some passage: all source lines but
    the 目次 block, heading lines (titles / field labels) and table header
    rows; of a table row, every cell after the label cell."""
    src = d.text
    covered = {o for p in d.passages for o in p.offsets}
    toc = re.search(r"^#+ 目\s*次[^\n]*(?:\n(?!#{1,6}[ \t])[^\n]*)*", src, re.M)
    pos = 0
    for line in src.split("\n"):
        off, pos = pos, pos + len(line) + 1
        if not line.strip() or re.match(r"#{1,6}[ \t]", line) or line in header_rows:
            continue
        if toc and toc.start() <= off < toc.end():
            continue
        if "\t" in line:
            cut = line.index("\t") + 1
            line, off = line[cut:], off + cut
        clean = clean_markup(line, off)
        lost = "".join(
            ch for ch, o in zip(clean.chars, clean.offs, strict=True) if not ch.isspace() and o not in covered
        )
        assert not lost, (line[:60], lost)


# --------------------------------------------------------------------------- the real report


def test_canonical_ids_exactly_once_in_order(doc):
    ids = [s.id for s in doc.sections]
    assert ids == CANONICAL
    assert len(set(ids)) == len(ids)
    assert {p.section_id for p in doc.passages} == set(CANONICAL)


def test_figure_1_1_headings_stay_in_1_2(doc):
    src = doc.text
    lines = src.split("\n")
    assert lines[77] == "## 2.1 国内" and lines[103].startswith("\\* 「関連規格又は参照規格」")
    a, b = line_span(src, 78, 104)
    s12 = doc.section("1.2")
    assert s12.start < a and b <= s12.end
    inside = [p for p in doc.passages if a <= p.start < b or a < p.end <= b]
    assert inside and {p.section_id for p in inside} == {"1.2"}
    text12 = "\n".join(p.text for p in passages_of(doc, "1.2"))
    for probe in (
        "ISMSクラウド セキュリティ認証",
        "CSA STAR",
        "MTCS (シンガポール)",
        "図 1-1 クラウドサービスに関連する",
    ):
        assert probe in text12
    # chapter 2 and its 2.1 start at the real headings, after the figure
    assert doc.section("2").start > b
    assert doc.section("2.1.1").start > b


def test_no_section_is_empty(doc):
    for s in doc.sections:
        ps = passages_of(doc, s.id)
        assert ps and sum(len(p.text.strip()) for p in ps) > 0, s.id
        for p in ps:
            assert s.start <= p.start and p.end <= s.end, (s.id, p.id)


@pytest.mark.parametrize("name", ALL_DOCS)
def test_no_html_tags_in_passages(name, request):
    d = request.getfixturevalue(name)
    for p in d.passages:
        assert not HTML_TAG.search(p.text), (p.id, HTML_TAG.search(p.text).group())
        assert "**" not in p.text and "&nbsp;" not in p.text


@pytest.mark.parametrize("name", ALL_DOCS)
def test_passages_keep_sentences_whole(name, request):
    check_sentences_whole(request.getfixturevalue(name))


def test_long_fields_are_split(doc):
    long_fields = [
        (p.section_id, p.field)
        for p, q in zip(doc.passages, doc.passages[1:], strict=False)
        if (p.section_id, p.field) == (q.section_id, q.field) and p.field == "概要・特徴"
    ]
    assert len(long_fields) >= 5  # several 概要・特徴 fields exceed one passage


@pytest.mark.parametrize("name", ALL_DOCS)
def test_offsets_map_back(name, request):
    check_offsets(request.getfixturevalue(name))


@pytest.mark.parametrize("name", ALL_DOCS)
def test_nothing_is_lost(name, request):
    check_nothing_lost(request.getfixturevalue(name), header_rows=("調査・分析項目\t詳細", "項目\t内容"))


@pytest.mark.parametrize("name", ALL_DOCS)
def test_strip_markup_of_source_span_is_the_text(name, request):
    check_strip_relation(request.getfixturevalue(name))


def test_source_span_of_a_quoted_sentence(doc):
    sentence = (
        "C5の監査・報告は、ISAE 3000（及び必要に応じて審査に関する国際・国内規格）を適用して実施される。"
    )
    (p,) = [p for p in passages_of(doc, "2.3.4", "概要・特徴") if sentence in p.text]
    i = p.text.index(sentence)
    a, b = p.source_span(i, i + len(sentence))
    raw = doc.text[a:b]
    assert raw.startswith("C5の監査") and raw.endswith("実施される。")
    assert "<sup>2</sup>" in raw and strip_markup(raw) == sentence


def test_segmentation_is_deterministic():
    text = read_corpus_file(CORPUS)
    a = segment_text(text, "jipdec-cloud-2019")
    b = segment_text(text, "jipdec-cloud-2019")
    assert a.sections == b.sections
    assert a.passages == b.passages
    assert [p.offsets for p in a.passages] == [p.offsets for p in b.passages]


def test_titles_as_printed(doc):
    assert doc.section("2.3.4").title == (
        "2.3.4 クラウドコンピューティングコンプライアンスコントロールカタログ（C5）（ドイツ）"
    )
    assert doc.section("2.4.5").title == "2.4.5 SOC2、SOC2+"
    assert doc.section("2").title == "2. 国内外のセキュリティ関連制度"
    assert doc.section("2.2.3").title == "2.2.3 EU-SEC (EU の HORIZON 2020におけるプロジェクトの 1 つ)"
    assert doc.section("ISMS専門部会").title == "ISMS 専門部会"
    assert doc.section("表紙").title == "クラウドサービスに関連する 国内外の制度・ガイドラインの紹介"
    # every section but the title page starts on its own heading line, and
    # the title is that line's clean text
    for s in doc.sections[1:]:
        line = doc.text[s.start : doc.text.index("\n", s.start)]
        assert line.startswith("#"), s.id
        assert strip_markup(line) == s.title, s.id


def test_paths(doc):
    s = doc.section("2.3.4")
    assert s.path == ("2", "2.3", "2.3.4")
    assert s.label == "2 › 2.3 › 2.3.4"
    assert s.path_titles == ("2. 国内外のセキュリティ関連制度", "2.3 諸外国の制度・ガイドライン等", s.title)
    assert doc.section("1.2").path == ("1", "1.2")
    assert doc.section("2").path == ("2",)
    assert doc.section("2.4.6").label == "2 › 2.4 › 2.4.6"
    for sid in ("表紙", "はじめに", "おわりに", "ISMS専門部会"):
        assert doc.section(sid).path == (sid,)
    for sec in doc.sections:
        assert sec.path[-1] == sec.id and len(sec.path_titles) == len(sec.path)


def test_pages_from_the_toc(doc):
    pages = {s.id: s.page for s in doc.sections}
    assert pages["2.3.4"] == 15
    assert pages["おわりに"] == 23
    assert pages["1.1"] == 1 and pages["1.2"] == 1 and pages["2"] == 3
    assert pages["2.4.1"] == 18 and pages["2.4.6"] == 21
    # not listed in the 目次
    assert pages["表紙"] is None and pages["はじめに"] is None and pages["ISMS専門部会"] is None
    assert len(doc.outline) == 30
    first = doc.outline[0]
    assert (first.number, first.title, first.page, first.depth) == ("1", "1. 概要", 1, 1)
    assert [e.title for e in doc.outline if e.number is None] == ["おわりに"]


def test_field_labels_2_3_4(doc):
    assert fields_of(doc, "2.3.4") == {
        "名称(発行者)",
        "対象(適用範囲)",
        "概要・特徴",
        "ISMSとの関連性",
        "関連URL",
        "注記",
    }
    (url,) = passages_of(doc, "2.3.4", "関連URL")
    assert url.text.startswith("https://www.bsi.bund.de/EN/Topics/CloudComputing/")
    (note,) = passages_of(doc, "2.3.4", "注記")
    assert "International Standard on Assurance Engagements (ISAE) 3000" in note.text


def test_table_fields_in_every_scheme_section(doc):
    for sid in CANONICAL:
        if not re.fullmatch(r"2\.[123]\.\d", sid):
            continue
        heads = {re.split(r"[（(]|及び", f)[0] for f in fields_of(doc, sid)}
        assert {"名称", "対象", "概要・特徴", "ISMSとの関連性", "関連URL"} <= heads, sid
        assert "調査・分析項目" not in heads  # the header row is not a field


def test_subparts_2_4_5_and_2_4_6(doc):
    f245 = fields_of(doc, "2.4.5")
    assert {"SOC2", "SOC2+"} <= f245
    (soc2plus,) = passages_of(doc, "2.4.5", "SOC2+")
    assert "「SOC2+」報告書と位置付けている" in soc2plus.text
    f246 = fields_of(doc, "2.4.6")
    assert any("SP 800-53" in f for f in f246)
    assert any("SP 800-171" in f for f in f246)
    assert any("CSF" in f for f in f246)
    assert "その他の文書" in f246
    others = "\n".join(p.text for p in passages_of(doc, "2.4.6", "その他の文書"))
    assert "NIST SP 800-144" in others and "NIST SP 800-146" in others
    # a sentence cut by a page break (blank line) is glued back
    sp171 = "\n".join(p.text for p in doc.passages if p.section_id == "2.4.6" and "800-171" in p.field)
    assert "セキュリティ要件であるのに対し、NIST SP 800-171 は" in sp171


def test_c5_sentence_verbatim(doc):
    sentence = (
        "C5の監査・報告は、ISAE 3000（及び必要に応じて審査に関する国際・国内規格）を適用して実施される。"
    )
    assert any(sentence in p.text for p in passages_of(doc, "2.3.4", "概要・特徴"))
    assert not any("30002" in p.text for p in doc.passages)
    # list items are lines of their own, their bullets dropped
    text = "\n".join(p.text for p in passages_of(doc, "2.3.4", "概要・特徴"))
    assert "\nC5の監査・報告は" in text and "•" not in text


def test_title_page(doc):
    text = "\n".join(p.text for p in passages_of(doc, "表紙"))
    assert "クラウドサービスに関連する 国内外の制度・ガイドラインの紹介" in text
    assert "2019年5月22日" in text
    assert "一般財団法人日本情報経済社会推進協会" in text
    assert "近年、インターネット" not in text  # はじめに is its own section


def test_page_break_continuation_row_2_1_5(doc):
    src = doc.text
    cont = "事項」において、ISMS 認証取得について具体的に触れている。"
    line_no = next(i for i, line in enumerate(src.split("\n"), 1) if line.startswith("\t" + cont[:10]))
    a, b = line_span(src, line_no, line_no)
    (p,) = [p for p in passages_of(doc, "2.1.5") if cont in p.text]
    assert p.field == "ISMSとの関連性"
    # the clean text of the continuation maps into that tab-started line
    i = p.text.index(cont)
    assert a < p.offsets[i] and p.offsets[i + len(cont) - 1] < b
    # and it completes the sentence the row above left unfinished
    assert "「7.1.1 ISMS認証取得時の考慮事項」において、ISMS 認証取得について具体的に触れている。" in p.text
    assert not any(q.section_id == "2.1.5" and q.field == BODY for q in doc.passages)


BODY = "本文"


def test_toc_is_not_content(doc):
    src = doc.text
    a = src.index("## 目次")
    b = src.index("## 1. 概要")
    for p in doc.passages:
        assert not any(a <= o < b for o in p.offsets), p.id
    assert not any("本書の主旨\t" in p.text or "本書の主旨 1" in p.text for p in doc.passages)
    # はじめに ends where the 目次 begins
    assert doc.section("はじめに").end <= a


def test_footnote_blocks_are_notes(doc):
    notes = passages_of(doc, "2.1.1", "注記")
    text = "\n".join(p.text for p in notes)
    for mark in ("※1 ISO/IEC 27001", "※2 ISO/IEC 27017", "※3 ISMS 適合性評価制度"):
        assert mark in text
    assert any(
        p.field == "注記" and p.text.startswith("※ 2018 年 4 月") for p in passages_of(doc, "はじめに")
    )
    # the inline marks are dropped from the table text
    overview = "\n".join(p.text for p in passages_of(doc, "2.1.1", "概要・特徴"))
    assert "ISO/IEC 27001に基づく ISMS 認証を前提" in overview and "※1" not in overview


def test_urls_kept_as_text(doc):
    (url,) = passages_of(doc, "2.1.1", "関連URL")
    assert url.text == "https://isms.jp/isms.html"
    last = passages_of(doc, "ISMS専門部会")[-1]
    assert "https://www.jipdec.or.jp/" in last.text


# --------------------------------------------------------------------------- synthetic: with 目次


def test_synthetic_ids_titles_pages(synth):
    assert [s.id for s in synth.sections] == [
        "表紙",
        "はじめに",
        "1.1",
        "1.2",
        "2",
        "2.1.1",
        "2.1.2",
        "2.2.1",
        "2.2.2",
        "3",
        "調査協力者",
    ]
    pages = {s.id: s.page for s in synth.sections}
    assert pages == {
        "表紙": None,
        "はじめに": 1,  # listed in this report's 目次
        "1.1": 2,
        "1.2": 2,
        "2": 3,
        "2.1.1": 3,
        "2.1.2": 5,  # a "## " heading where its siblings are "#### "
        "2.2.1": 6,
        "2.2.2": 7,
        "3": 9,
        "調査協力者": None,  # unlisted trailing section
    }
    s = synth.section("2.1.2")
    assert s.title == "2.1.2 モバイルセキュリティ評価ガイド"
    assert s.path == ("2", "2.1", "2.1.2")
    assert s.path_titles[:2] == ("2. 国内外の制度", "2.1 国内の制度")
    assert synth.section("2.2.2").title == "2.2.2 モバイル関連の NIST 文書"
    assert synth.section("1.1").path == ("1", "1.1")


def test_synthetic_toc_on_title_page_is_skipped(synth):
    cover = "\n".join(p.text for p in passages_of(synth, "表紙"))
    assert "2024年3月29日" in cover and "架空情報セキュリティ研究会" in cover
    assert "スマートフォンアプリにおける個人データ保護の 制度・ガイドライン調査" in cover
    assert "目" not in cover.replace("項目", "")  # neither 目次 nor its entries
    a = synth.text.index("## 目 次")
    b = synth.text.index("## はじめに")
    assert not any(a <= o < b for p in synth.passages for o in p.offsets)
    assert synth.section("表紙").end <= a


def test_synthetic_figure_headings_stay_in_1_2(synth):
    fig = "\n".join(p.text for p in passages_of(synth, "1.2"))
    assert "アプリ開発者向け 認証制度" in fig and "NIST SP 800-163" in fig
    assert "図 1-1 調査対象の制度・ガイドライン" in fig
    assert synth.section("2").start > synth.text.index("図 1-1 調査対象の制度")


def test_synthetic_chapter_lead_and_fields(synth):
    (lead,) = passages_of(synth, "2")
    assert lead.field == BODY and lead.text.startswith("本章では、調査対象とした国内外の制度")
    assert fields_of(synth, "2.1.1") == {
        "名称(運用組織)",
        "対象(適用範囲)",
        "概要・特徴",
        "ISMSとの関連性",
        "関連URL",
        "注記",
    }
    assert "対象（適用範囲）" in fields_of(synth, "2.1.2")  # labels as printed
    assert fields_of(synth, "2.2.2") == {BODY, "NIST SP 800-163 (Rev.1)", "NIST SP 800-124 (Rev.2)"}


def test_synthetic_long_field_split_at_sentences(synth):
    parts = passages_of(synth, "2.1.1", "概要・特徴")
    assert len(parts) >= 2
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in parts)
    joined = "\n".join(p.text for p in parts)
    for item in (
        "審査は書類審査と現地審査の二段階で行われる。",
        "認証の有効期間は 3 年であり、毎年のサーベイランス審査で運用状況が確認される。",
        "開発者は、組み込んだモジュールごとに、収集されるデータの種類と送信先を一覧にして提出する必要がある。",
    ):
        assert sum(item in p.text for p in parts) == 1, item
    assert "ISO/IEC 27001に基づく管理策" in joined and "※1" not in joined


def test_synthetic_continuation_row_and_footnotes(synth):
    (rel,) = passages_of(synth, "2.1.1", "ISMSとの関連性")
    assert "アプリが端末から収集するデータについては独自の基準が追加されている。" in rel.text
    notes = "\n".join(p.text for p in passages_of(synth, "2.1.1", "注記"))
    assert "※1 ISO/IEC 27001 :" in notes and "※2 架空アプリ認証センター" in notes
    (name,) = passages_of(synth, "2.1.1", "名称(運用組織)")
    assert name.text == "アプリ開発者向け認証制度 (架空アプリ認証センター)"
    overview = "\n".join(p.text for p in passages_of(synth, "2.1.2", "概要・特徴"))
    assert "ISO/IEC 29100（プライバシーフレームワーク）の原則" in overview  # <sup>2</sup> not glued
    assert any(p.text.startswith("2 ISO/IEC 29100 :") for p in passages_of(synth, "2.1.2", "注記"))


def test_synthetic_trailing_section_table(synth):
    text = "\n".join(p.text for p in passages_of(synth, "調査協力者"))
    assert "青木 一郎 架空大学 情報学部" in text.split("\n")


# --------------------------------------------------------------------------- synthetic: no 目次


def test_fallback_without_toc(no_toc):
    assert no_toc.outline == []
    assert [s.id for s in no_toc.sections] == [
        "表紙",
        "はじめに",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.2",
        "おわりに",
    ]
    assert all(s.page is None for s in no_toc.sections)
    assert no_toc.section("2.1").path == ("2", "2.1")
    assert no_toc.section("2.1").path_titles == ("2 利用時の確認事項", "2.1 事業者の選定")
    assert no_toc.section("1.2").label == "1 › 1.2"
    # the figure's "#### 2.1 選定" / "#### 2.2 運用" are content of 1.2
    fig = "\n".join(p.text for p in passages_of(no_toc, "1.2"))
    assert "事業者の認証取得状況" in fig and "バックアップ" in fig
    sel = "\n".join(p.text for p in passages_of(no_toc, "2.1"))
    assert sel.startswith("事業者を選定する際には") and "事業者の認証取得状況" not in sel
    assert [p.field for p in passages_of(no_toc, "2.1")] == [BODY, "注記"]
    cover = "\n".join(p.text for p in passages_of(no_toc, "表紙"))
    assert "2023年10月2日" in cover and "架空クラウド推進協議会" in cover


def test_toc_that_does_not_match_falls_back_to_headings():
    text = (
        "# 報告書\n\n## 目次\n\n5. 存在しない章\t1\n6. これも無い章\t2\n7. 三つ目\t3\n\n"
        "## 1 実際の章\n\n本文である。\n\n### 1.1 節\n\n節の本文である。\n"
    )
    d = segment_text(text, "x")
    assert d.outline == []
    assert [s.id for s in d.sections] == ["表紙", "1", "1.1"]
    assert not any("存在しない" in p.text for p in d.passages)  # the 目次 is still no content


def test_toc_without_page_numbers_is_not_content():
    text = "# 報告書\n\n## 目次\n\n1. 概要\n2. 詳細\n\n## 1. 概要\n\n概要の本文。\n\n## 2. 詳細\n\n詳細の本文。\n"
    d = segment_text(text, "x")
    assert [s.id for s in d.sections] == ["表紙", "1", "2"]
    assert [p.text for p in d.passages] == ["報告書", "概要の本文。", "詳細の本文。"]


def test_repeated_unlisted_titles_lose_no_text():
    text = (
        "# 報告書\n\n## 目次\n\n1. 概要\t1\n\n## 1. 概要\n\n本文。\n\n"
        "## 付録\n\n付録その一。\n\n## 付録\n\n付録その二。\n"
    )
    d = segment_text(text, "x")
    assert [s.id for s in d.sections] == ["表紙", "1", "付録"]
    appendix = "\n".join(p.text for p in passages_of(d, "付録"))
    assert "付録その一。" in appendix and "付録その二。" in appendix


# --------------------------------------------------------------------------- several reports


def test_load_corpus_qualifies_ids():
    docs = load_corpus([CORPUS, SYNTH])
    assert [d.doc for d in docs] == ["jipdec-cloud-2019", "synthetic-report"]
    a, b = docs
    assert "jipdec-cloud-2019/2.3.4" in {s.id for s in a.sections}
    s = b.section("synthetic-report/2.1.1")
    assert s.path == ("synthetic-report/2", "synthetic-report/2.1", "synthetic-report/2.1.1")
    assert s.title == "2.1.1 アプリ開発者向け認証制度" and s.page == 3
    ids = [p.id for d in docs for p in d.passages]
    assert ids == list(range(len(ids)))
    for d in docs:
        sids = {s.id for s in d.sections}
        assert all(p.section_id in sids and p.doc == d.doc for p in d.passages)
        assert all(sid.startswith(d.doc + "/") for sid in sids)
    # one file: ids stay as they are
    (single,) = load_corpus([CORPUS])
    assert [s.id for s in single.sections] == CANONICAL


def test_load_corpus_rejects_two_files_with_one_name(tmp_path):
    (tmp_path / "x").mkdir()
    dup = tmp_path / "x" / "jipdec-cloud-2019.md"
    dup.write_text(CORPUS.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CorpusError, match="share a name"):
        load_corpus([CORPUS, dup])


# --------------------------------------------------------------------------- bad input, via the CLI


def _cli() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "assistant"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant.cli"]


def run_sections(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_cli(), "sections", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "is a directory"),
    "empty": (b"", "file is empty"),
    "blank": (b"  \n\n\t\n", "file is empty"),
    "not-utf8": ("# 見出し\n\n本文。\n".encode("shift_jis"), "not UTF-8"),
    "no-headings": ("ただの文章です。\n見出しがありません。\n".encode(), "no recognisable section headings"),
    "toc-only": ("## 目次\n\n1. 概要\t1\n2. 詳細\t2\n".encode(), "no recognisable section headings"),
    "headings-only": (b"# Title\n\n## 1. A\n\n## 2. B\n", "no text found"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_cli_bad_corpus_one_clear_line(case, tmp_path):
    content, expected = BAD_INPUTS[case]
    path = tmp_path / f"{case}.md"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    r = run_sections("--corpus", str(path))
    assert r.returncode != 0
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert expected in lines[0] and str(path) in lines[0]


def test_cli_sections_json_real_corpus():
    r = run_sections("--json", "--corpus", str(CORPUS))
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [row["id"] for row in rows] == CANONICAL
    by_id = {row["id"]: row for row in rows}
    assert by_id["2.3.4"]["page"] == 15 and by_id["おわりに"]["page"] == 23
    assert by_id["2.3.4"]["path"] == ["2", "2.3", "2.3.4"]
    assert all(row["passages"] > 0 and row["chars"] > 0 for row in rows)


def test_cli_sections_two_reports():
    r = run_sections("--json", "--corpus", str(CORPUS), "--corpus", str(NO_TOC))
    assert r.returncode == 0, r.stderr
    ids = [row["id"] for row in json.loads(r.stdout)]
    assert "jipdec-cloud-2019/2.3.4" in ids and "synthetic-no-toc/2.1" in ids
