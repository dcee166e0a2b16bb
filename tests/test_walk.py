"""An entry read through in the report's own order: every sentence of the one entry
(or the one sub-part of it) the question names, in order, without its bare links.
Real model and index; our own examples, none an eval question.
"""

from __future__ import annotations

import re

import pytest

from assistant.walk import asks_to_walk


@pytest.mark.parametrize(
    "q, walk",
    [
        ("CS マークの項を、書かれている順番に追って説明して。", True),
        ("Walk me through the C5 entry in the order it gives it.", True),
        ("「はじめに」を段落ごとに要約して。", True),
        ("C5の項を、書かれている順番に整理して。", True),
        ("IRAPの認証の流れを、順番に並べて。", True),
        ("CS マークの項を、表の上から順番どおりに整理して。", True),
        # the order of its rows named, in brackets or not
        ("MTCSの項を、表の行の順序（名称、対象、概要・特徴）に沿って紹介して。", True),
        ("IRAPの項を、行の順番に沿ってまとめて。", True),
        # the members of one thing in their order are an enumeration, not the entry read through
        ("CSFの5つの機能を、順番どおりに教えて。", False),
        ("CS マークの対象は？", False),
        ("Which order does the report list the domestic schemes in?", False),
    ],
)
def test_a_walk_through_is_asked_in_either_language(q, walk):
    assert asks_to_walk(q) is walk


def test_an_entry_walked_through_is_quoted_whole_in_order(assistant):
    ans = assistant.ask("CS マークの項を、書かれている順番に追って整理して。誰が運用し、何を監査し、何が付与されるのか。")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"2.1.2"}
    starts = [c.start for c in ans.citations]
    assert starts == sorted(starts)
    fields = {c.field for c in ans.citations}
    # every row of the entry speaks (the name, whom it covers, the overview, the link to ISMS)...
    assert len(fields) >= 4
    # ...but a bare web address is no part of the account
    assert not any(re.fullmatch(r"\s*https?://\S+\s*", c.text) for c in ans.citations)


@pytest.mark.parametrize(
    "question",
    ["MTCS の項を、表の各行に沿って上から順にたどってください。", "Take me through the MTCS entry row by row, from its name down to the related URL."],
)
def test_a_walk_asked_to_reach_every_row_ends_on_the_link_row(assistant, question):
    ans = assistant.ask(question)
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"2.3.6"}
    assert any(re.fullmatch(r"\s*https?://\S+\s*", c.text) for c in ans.citations), ans.answer


def test_a_sub_part_named_by_its_own_number_is_walked_alone(assistant):
    ans = assistant.ask(
        "Walk through the report's account of NIST SP 800-53 in the order it gives it: what it covers, "
        "what the latest revision adds, and how it differs from SP 800-171."
    )
    assert ans.citations
    assert {c.field for c in ans.citations} == {"NIST SP 800-53 (Rev.4)"}
    starts = [c.start for c in ans.citations]
    assert starts == sorted(starts)


def test_footnotes_are_left_out_when_the_question_says_so(assistant):
    q = "FedRAMPの項を、書かれている順番に整理して。"
    whole = assistant.ask(q)
    assert "注記" in {c.field for c in whole.citations}
    for ask in (q + "脚注は除いてください。", "Walk through the FedRAMP entry in the order it gives it, leaving out the footnotes."):
        ans = assistant.ask(ask)
        assert ans.citations and "注記" not in {c.field for c in ans.citations}, ask


def test_a_part_of_the_report_read_through_is_an_enumeration_too(assistant):
    ans = assistant.ask("「本書の主旨」を段落ごとに、何を述べているか順に整理して。")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"1.1"}
    # how the report is organised, walked through, is still a question about the report
    assert assistant.ask("Walk me through how this report is structured.").shape == "meta"


def test_a_part_of_the_report_named_by_its_title_is_read_through(assistant):
    # 「本書の構成」 holds the figure: read through, its paragraphs come first and the figure's
    # cells follow in their place
    ans = assistant.ask("本書の構成の節を、書かれている順に整理してください。")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"1.2"}
    texts = [c.text for c in ans.citations]
    assert texts[0].startswith("クラウドサービスに関連する制度")
    assert any("最新版を参照されたい" in t for t in texts) and any("網羅するものではない" in t for t in texts)
    starts = [c.start for c in ans.citations if c.doc == ans.citations[0].doc]
    assert starts == sorted(starts)


def test_a_table_read_row_by_row_is_walked(assistant):
    # (session 39: "row by row" and 「上の行から順に一行ずつ」 are walks too)
    ans = assistant.ask("Go through the C5 entry's table row by row and say what each row holds.")
    assert ans.shape == "enumeration", ans.answer
    assert {c.section_id for c in ans.citations} == {"2.3.4"}, ans.answer
    assert len(ans.citations) >= 6, ans.answer


def test_a_table_read_from_the_top_row_one_row_at_a_time_reaches_its_last_row(assistant):
    ans = assistant.ask("FedRAMP の項の表を、上の行から順に一行ずつたどってください。")
    assert {c.section_id for c in ans.citations} == {"2.3.1"}, ans.answer
    assert any("fedramp.gov" in c.text for c in ans.citations), ans.answer
