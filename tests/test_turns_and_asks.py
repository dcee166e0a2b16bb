"""How a turn is read: a stated change of question leaves no verb ending behind, a kind noun
after a demonstrative points back, an acronym asked to be spelled out is defined, a numbered
standard's title is no question about the report, an entry read through on request, two typed
questions in one, and a part of the report set beside an entry.
Real model and index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import expected_type, typed_asks
from assistant.walk import asks_to_walk


def _talk(assistant, *turns):
    history = []
    for q in turns:
        history.append(assistant.ask(q, history=history))
    return history


def test_a_stated_change_of_question_leaves_no_verb_ending(assistant):
    turns = _talk(assistant, "CS マークの運用組織は？", "質問を切り替えます。本文に英単語の「Marketplace」が出てくる箇所をすべて挙げて。")
    last = turns[-1]
    assert last.resolution.get("kind") == "standalone"
    assert not last.searched_query.startswith("ます")
    assert {c.section_id for c in last.citations} == {"2.3.2"}


def test_a_change_of_the_kind_of_question_leaves_the_topic(assistant):
    turns = _talk(assistant, "CSA STARのレベルは？", "ここで質問の種類を変えます。有効期間が書かれている節をすべて挙げてください。")
    last = turns[-1]
    assert last.resolution.get("kind") == "standalone"
    assert last.shape == "list" and not last.abstained
    assert {"2.1.2", "2.2.2"} <= {c.section_id for c in last.citations}


def test_a_kind_noun_after_a_demonstrative_continues_the_topic(assistant):
    turns = _talk(assistant, "C5はどの国の制度で、誰が作ったもの？", "そのカタログでは、要求事項はいくつのセクションで構成されている？")
    last = turns[-1]
    assert last.resolution.get("kind") == "continue"
    assert last.ranked_sections[0] == "2.3.4"
    assert any("17" in c.text for c in last.citations)


@pytest.mark.parametrize("q", ["Spell out ASD.", "Spell out ASD, the body that approves IRAP assessors."])
def test_an_acronym_spelled_out_is_its_expansion(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "definition"
    assert "Australian Signals Directorate" in ans.citations[0].text


def test_a_numbered_standards_title_is_not_the_reports(assistant):
    ans = assistant.ask("JIS X 9250:2017の日本語タイトルは何ですか？")
    assert ans.shape != "meta"
    assert ans.citations[0].section_id == "2.4.2"
    assert "プライバシーフレームワーク" in ans.citations[0].text


def test_take_me_through_reads_an_entry_in_order(assistant):
    assert asks_to_walk("Take me through the CS mark entry in the order it is written.")
    ans = assistant.ask("Take me through the ISO/IEC 27036-4 entry in the order it is written.")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"2.4.3"}
    starts = [c.start for c in ans.citations]
    assert len(starts) >= 3 and starts == sorted(starts)


def test_what_an_entry_says_is_looked_up_in_that_entry(assistant):
    ans = assistant.ask("Besides the guidelines the report introduces, which two bodies does the 27017 entry say are also presented in its reference list?")
    assert ans.shape != "list"
    assert ans.ranked_sections[0] == "2.4.1"
    assert "ENISA" in ans.answer


def test_a_section_set_aside_is_no_place_to_look(assistant):
    # (a regression guard for "the X entry says": a section set aside is not where to look)
    ans = assistant.ask("Which schemes point to ISO/IEC 27017 in some way (not counting the 27017 entry itself)?")
    assert ans.shape == "list"
    assert "2.4.1" not in {c.section_id for c in ans.citations}


def test_two_typed_questions_in_one(assistant):
    q = "When did the NIS Directive take effect, and how long did member states have to apply it?"
    assert [k for _, k in typed_asks(q)] == ["date", "duration"]
    ans = assistant.ask(q)
    # the report dates it; that it gives no duration does not make the whole question unanswered
    assert not ans.abstained
    assert ans.citations[0].section_id == "2.3.3" and "2016" in ans.citations[0].text
    both_absent = assistant.ask("When was C5 first published, and how much does a C5 audit cost?")
    assert both_absent.abstained and both_absent.reason == "absent_aspect"


def test_how_many_organisations_in_japanese_asks_for_a_count():
    assert expected_type("取得している組織は、合わせてどのくらいの数ですか？") == "count"


def test_a_part_of_the_report_beside_an_entry_is_a_comparison(assistant):
    ans = assistant.ask("はじめにとFedRAMPの項を比べて、政府調達について何を述べているか教えて。")
    assert ans.shape == "compare"
    assert {"はじめに", "2.3.1"} <= {c.section_id for c in ans.citations}


def test_a_comparison_the_report_makes_is_not_one_asked_for(assistant):
    # (a regression guard for a part of the report compared with an entry)
    ans = assistant.ask("おわりにで、ISO/IEC 27017が他のガイドラインと比較されるのは何についてですか？")
    assert ans.shape != "compare"
    assert ans.ranked_sections[0] == "おわりに"


def test_the_members_of_the_one_scheme_named_and_ranked_first(assistant):
    # 統一基準群's list of four documents is nearer in words; FISC's four groups are asked for
    ans = assistant.ask("FISCの安全対策基準が具体的な取組みを分類している対策基準群を、数と名前で挙げてください。")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"2.1.6"}
    assert "監査基準" in ans.answer


def test_the_categories_of_one_scheme_are_its_members(assistant):
    ans = assistant.ask("NIS指令が対象を分けている区分を、数と名前で挙げてください。")
    assert ans.shape == "enumeration"
    assert {c.section_id for c in ans.citations} == {"2.3.3"}
    assert "重要サービスオペレーター" in ans.answer and "デジタルサービスプロバイダ" in ans.answer


def test_where_a_members_word_stands_is_a_list(assistant):
    # (a regression guard: 区分 asks for members, but here for the places that use the word)
    ans = assistant.ask("3段階というレベル区分が出てくる箇所はどこですか")
    assert ans.shape == "list"


def test_a_japanese_term_holding_a_name_is_defined_by_its_own_gloss(assistant):
    # PII管理者 holds the name PII; it is a term to define, by the sentence that says what it is
    # (not by 「PII 処理者…とは、PII 管理者（PII コントローラ）の代行として…」, which only names it)
    ans = assistant.ask("PII管理者とは？")
    assert ans.shape == "definition"
    assert ans.citations[0].text.startswith("PII 管理者は")


def test_kinds_asked_by_number_and_name_are_answered_by_naming_them(assistant):
    # the report names the two kinds of controls and gives no number: naming them answers
    ans = assistant.ask("How many kinds of controls does NIST SP 800-53 provide? Name them.")
    assert not ans.abstained
    assert any("プライバシー管理策" in c.text and c.section_id == "2.4.6" for c in ans.citations)


def test_a_question_of_another_kind_announced_leaves_the_topic(assistant):
    turns = _talk(assistant, "CS マークの運用組織は？", "次は表記の質問。本文で「Marketplace」という語が出てくる節を挙げて。")
    assert turns[-1].resolution.get("kind") == "standalone"
    assert {c.section_id for c in turns[-1].citations} == {"2.3.2"}


def test_rewinding_to_a_described_scheme_returns_to_it(assistant):
    turns = _talk(
        assistant,
        "ISMSクラウドセキュリティ認証は、どの制度のもとで実施される？",
        "次は表記の質問。本文で「Marketplace」という語が出てくる節を挙げて。",
        "Rewinding to the ISMS-based certification for cloud: which standard's controls does it add?",
    )
    assert turns[-1].resolution.get("kind") == "return"
    assert turns[-1].ranked_sections[0] == "2.1.1"


def test_the_same_section_pins_the_part_the_last_turn_was_in(assistant):
    # "the report" in the turn does not make it a question about the whole report, and its
    # words ("readers") do not move it to the part they usually point to (the introduction)
    turns = _talk(
        assistant,
        "本書の構成の節では、2.1から2.4でそれぞれ何を紹介すると書いてある？",
        "In the same section, what is the report said to be based on, and what should readers check?",
    )
    last = turns[-1]
    assert last.resolution.get("kind") == "continue"
    assert last.ranked_sections[0] == "1.2"
    assert any("公開情報に基づいて" in c.text for c in last.citations)
    assert {c.section_id for c in last.citations} == {"1.2"}


def test_the_report_s_own_parts_are_the_report_in_hand(assistant):
    # after a turn about SOC2's 報告書, "the parts of the report" are still this report's
    turns = _talk(
        assistant,
        "SOC2の保証報告書はどんなパートで構成される？",
        "Which parts of the report point the reader to another numbered section for details?",
    )
    last = turns[-1]
    assert last.resolution.get("kind") == "standalone"
    assert len({c.section_id for c in last.citations}) >= 3


def test_the_committee_roster_named_leaves_the_topic(assistant):
    turns = _talk(assistant, "SOC2の評価は誰が行う？", "On the committee roster, who came from Hitachi?")
    last = turns[-1]
    assert last.resolution.get("kind") == "standalone"
    assert last.ranked_sections[0] == "ISMS専門部会"
