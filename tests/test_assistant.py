"""The Assistant API and `assistant ask`: real model, real index."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.question_input import MAX_QUESTION_CHARS, QuestionError
from assistant.segment import strip_markup

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`


def test_c5_beats_fisc_for_its_audit_standard(assistant):
    # FISC's text contains the literal word 監査基準, but the question names C5.
    ans = assistant.ask("C5の監査基準は？")
    assert ans.ranked_sections[0] == "2.3.4"
    assert not ans.abstained
    assert "ISAE 3000" in ans.answer
    assert any(c.section_id == "2.3.4" and c.field == "概要・特徴" for c in ans.citations)
    assert "［2.3.4" in ans.answer


def test_english_question_over_japanese_text(assistant):
    ans = assistant.ask("Which standard does IRAP reference?")
    assert ans.ranked_sections[0] == "2.3.5"
    assert not ans.abstained
    assert ans.answer.startswith("From the report")
    assert all(c.section_id == "2.3.5" for c in ans.citations)


def test_a_quoted_footnote_mark_brings_its_footnote(assistant):
    # the name row ends "(FedRAMP PMO) ※1"; the answer (GSA) is in footnote ※1
    ans = assistant.ask("FedRAMPのプログラム管理オフィス（PMO）はどの機関に置かれている？")
    texts = [c.text for c in ans.citations]
    marked = next(i for i, t in enumerate(texts) if "PMO) ※1" in t)
    assert texts[marked + 1].startswith("※1 FedRAMP PMO : GSA")
    assert ans.citations[marked + 1].field == "注記"
    # asked in English, the footnote is quoted too (chosen by the report's words for the question)
    english = assistant.ask("Which agency houses the FedRAMP Program Management Office?")
    assert any(c.text.startswith("※1 FedRAMP PMO : GSA") for c in english.citations)


@pytest.mark.parametrize("q", ["ＩＳＯ／ＩＥＣ　２７０１７の概要は？", "iso/iec27017とは", "ISO27017の位置づけ"])
def test_full_width_and_spelling_variants_find_the_standard(assistant, q):
    assert assistant.ask(q).ranked_sections[0] == "2.4.1"


@pytest.mark.parametrize("q", ["GDPRの罰金額は？", "AWSの料金はいくらですか"])
def test_abstains_when_the_report_is_silent(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained
    assert ans.answer.startswith("この報告書には記載がありません。")
    assert not ans.citations
    assert ans.related  # nearest sections offered, not as an answer


def test_three_turn_conversation_with_entity_swap(assistant):
    first = assistant.ask("C5の監査基準は？")
    second = assistant.ask("その有効期間は？", history=[first])
    assert "C5" in second.searched_query and second.searched_query != second.question
    assert second.ranked_sections[0] == "2.3.4"
    third = assistant.ask("米国の場合は？", history=[first, second])
    assert third.ranked_sections[0] == "2.3.1"  # the sibling scheme (FedRAMP), not CSA STAR
    assert "C5" not in third.searched_query


def test_history_as_plain_dicts(assistant):
    ans = assistant.ask("ISMSとの関係は？", history=[{"question": "C5の監査基準は？"}])
    assert ans.ranked_sections[0] == "2.3.4"


def test_a_bare_history_turn_is_read_like_the_turn_that_was_asked(assistant):
    # a katakana spelling of an English name in a history given as plain questions
    first = "ガバメントデジタルサービスの役割は？"
    asked = assistant.ask("What are its service categories?", history=[assistant.ask(first)])
    bare = assistant.ask("What are its service categories?", history=[{"question": first}])
    assert bare.resolution == asked.resolution == {"kind": "continue", "topic": ["2.3.2"]}
    assert bare.ranked_sections[0] == asked.ranked_sections[0] == "2.3.2"


def test_citation_offsets_point_at_the_quoted_text(assistant, corpus_text):
    for q in ["C5の監査基準は？", "CSマークの使用許諾期間は？", "SOC2の評価結果はどうまとめられる？", "NIST SP 800-171の要件の数は？"]:
        ans = assistant.ask(q)
        assert ans.citations
        for c in ans.citations:
            assert strip_markup(corpus_text[c.start : c.end]).replace("\n", "") == c.text.replace("\n", "")
            assert c.text in ans.answer


def test_empty_and_control_input(assistant):
    with pytest.raises(QuestionError):
        assistant.ask("   \n\t ")
    with pytest.raises(QuestionError):
        assistant.ask("\x00\x01")
    ans = assistant.ask("C5\x00の監査\x07基準は？")
    assert ans.ranked_sections[0] == "2.3.4"


def test_overlong_question_is_truncated_with_notice(assistant):
    ans = assistant.ask("C5の監査基準は？" + "あ" * 5000)
    assert len(ans.question) == MAX_QUESTION_CHARS
    assert ans.notices


def _cli(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, timeout=300, input=input
    )


def test_cli_ask_json_schema():
    p = _cli("ask", "C5の監査基準は？", "--json")
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    for key, typ in {
        "question": str,
        "searched_query": str,
        "answer": str,
        "abstained": bool,
        "citations": list,
        "ranked_sections": list,
        "timings_ms": dict,
        "shape": str,
    }.items():
        assert isinstance(obj[key], typ), key
    assert obj["ranked_sections"][0] == "2.3.4"
    c = obj["citations"][0]
    assert set(c) == {"section_id", "title", "path", "field", "text", "start", "end", "score", "page"}
    assert c["path"] == "2 › 2.3 › 2.3.4"
    assert c["page"] == 15  # 目次: 2.3.4 … 15


def _cli_imports(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the CLI under ``-X importtime``: the result and every module it imported."""
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assistant.cli", *args], capture_output=True, text=True, timeout=300
    )
    assert p.returncode == 0, p.stderr[-2000:]
    return p, {ln.rsplit("|", 1)[-1].strip() for ln in p.stderr.splitlines() if ln.startswith("import time:")}


def test_cli_ask_never_imports_the_torch_stack():
    """Answering encodes the query in NumPy: a cold ``assistant ask`` must not
    pay the ~11 s import of torch / transformers / sentence-transformers."""
    p, imported = _cli_imports("ask", "C5の監査基準は？", "--json")
    assert json.loads(p.stdout)["ranked_sections"][0] == "2.3.4"
    assert "numpy" in imported and "faiss" in imported  # the probe works
    assert not imported & {"torch", "transformers", "sentence_transformers", "scipy", "sklearn", "pandas"}


def test_cli_index_build_if_stale_on_a_fresh_index_does_not_load_torch():
    """``make run`` / ``make test`` call it every time: with the index fresh it
    must decide from the files and the model's completion marker alone."""
    p, imported = _cli_imports("index", "build", "--if-stale")
    assert "faiss" in imported
    assert not imported & {"torch", "sentence_transformers", "transformers"}
    assert "rebuilding" not in p.stderr


def test_cli_empty_question_exits_2():
    p = _cli("ask", "   ")
    assert p.returncode == 2
    assert "empty question" in p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.parametrize(
    "question",
    [
        # a region the catalogue groups schemes by, which the report never spells out
        "Which Asia-Pacific schemes have an entry of their own in the report?",
        # a language named as the language of a name, not a name
        "Which entries give their name in English or in Japanese?",
        # languages joined by "and" are no name of two words
        "Apart from Japanese and English, in which language does the report spell something out?",
        # a country in two English words, which the report writes 米国
        "In the United States, what kinds of additions to SOC2+ reports are commonly seen?",
    ],
)
def test_a_region_or_a_language_is_no_unknown_name(assistant, question):
    r = assistant.retriever.search(question)
    assert assistant.abstainer.evidence(r).unknown_names == ()
    assert assistant.ask(question).to_json().get("reason") != "unknown_name"


def test_a_japanese_name_in_romaji_is_the_report_s_name(assistant):
    # the roster's 株式会社日立製作所 and 株式会社三菱総合研究所, asked for in English
    for question in ("Which committee member came from Hitachi?", "Who on the committee is from Mitsubishi Research Institute?"):
        r = assistant.retriever.search(question)
        assert assistant.abstainer.evidence(r).unknown_names == ()
    # a name the report never writes is still unknown
    r = assistant.retriever.search("Which committee member came from Toyota?")
    assert assistant.abstainer.evidence(r).unknown_names == ("toyota",)


def test_a_country_in_two_words_is_one_name(assistant):
    # a country the report never names stays unknown, as one name
    r = assistant.retriever.search("Which schemes are based in the United Arab Emirates?")
    assert "unitedarabemirates" in assistant.abstainer.evidence(r).unknown_names


@pytest.mark.parametrize(
    "question",
    ["日本銀行の考査では、金融機関のクラウド外部委託についてどのような点が確認されますか？", "日本データセンター協会の会員数は？"],
)
def test_a_japanese_body_the_report_never_names_is_unknown(assistant, question):
    # a bank or an association by its name, which the report never writes
    a = assistant.ask(question)
    assert a.abstained and a.to_json().get("reason") == "unknown_name"


def test_a_japanese_body_the_report_names_is_known(assistant):
    r = assistant.retriever.search("日本セキュリティ監査協会はどの制度を運営していますか？")
    assert assistant.abstainer.evidence(r).unknown_names == ()
