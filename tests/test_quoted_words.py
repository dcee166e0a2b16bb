"""Words a question quotes: a pattern of wording with 〜 in it is no unknown title,
"a number of X" asks for no number, and a quoted word's own longer forms
(「準拠」 with 「準拠性」) do not narrow a list to the sections that use the longer
one. Real model and index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import expected_type
from assistant.asked_names import unknown_quotes


def test_a_quoted_pattern_with_a_wildcard_is_known_when_its_pieces_are():
    q = "「〜を参照されたい」「特に〜を紹介」のような言い回しの箇所は？"
    assert unknown_quotes(q, "参照されたい。特に安全性を紹介する") == ()
    # the pieces must all be printed: a made-up pattern stays unknown
    assert unknown_quotes("「〜を必ず暗号化せよ」の箇所は？", "参照されたい。") != ()


def test_a_quoted_predicate_is_wording_not_an_unknown_title():
    q = "本書で「名称が変わった」「ひとつにまとめられる」とされているものは？"
    assert unknown_quotes(q, "参照されたい。") == ()
    # a title the report never prints stays unknown
    assert unknown_quotes("『クラウド安全利用ハンドブック』には何が書いてある？", "参照されたい。") != ()


def test_a_question_quoting_wording_patterns_is_answered(assistant):
    ans = assistant.ask("本書で「〜を参照されたい」のように読者に参照を促している箇所を全部挙げて。")
    assert not ans.abstained
    assert len({c.section_id for c in ans.citations}) >= 2


@pytest.mark.parametrize(
    "q, kind",
    [
        ("The FedRAMP entry uses a number of acronyms. Spell each one out.", None),
        ("What is the number of levels in FedRAMP?", "number"),
        ("How many levels does FedRAMP have?", "number"),
    ],
)
def test_a_number_of_things_is_several_not_a_question_for_a_number(q, kind):
    assert expected_type(q) == kind


def test_a_catalogue_of_acronyms_in_one_entry_does_not_abstain(assistant):
    ans = assistant.ask("The FedRAMP entry uses a number of acronyms. Go through them and give each expansion.")
    assert not ans.abstained
    assert ans.citations[0].section_id == "2.3.1"


def test_a_quoted_word_with_its_longer_form_lists_every_section_using_the_word(assistant):
    ans = assistant.ask("「参照」という語（「参照性」なども含む）が出てくる節を全部挙げて。")
    short = assistant.ask("「参照」という語が出てくる節を全部挙げて。")
    assert {c.section_id for c in ans.citations} == {c.section_id for c in short.citations}
    assert len({c.section_id for c in ans.citations}) >= 3


@pytest.mark.parametrize(
    "q",
    [
        # a clause after the request asks about each use, not for the members of one thing
        "Give every section in which the word 審査 appears, and what is audited in each case.",
        "「監査」という語を含む節を全部挙げて、何の監査の話か教えて。",
    ],
)
def test_the_sections_that_use_a_word_are_listed_whatever_is_asked_of_each(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list"
    assert len({c.section_id for c in ans.citations}) >= 3


@pytest.mark.parametrize(
    "q, where",
    [
        ("「中で」という言い方が出てくる節を全部挙げて", True),
        ("「他」という文字が使われている箇所はどこ？", True),
        ("Which sections use the abbreviation CSP?", True),
        ("In which sections does the character 各 appear?", True),
        # an abbreviation asked to be spelled out, in a section named as where to look
        ("In the section on ISO/IEC 27018, what is the abbreviation PII spelled out as?", False),
    ],
)
def test_a_character_an_abbreviation_or_a_turn_of_phrase_is_asked_where_used(q, where):
    from assistant.question_cues import asks_where_word

    assert asks_where_word(q) is where


def test_the_sections_using_an_abbreviation_are_listed(assistant):
    ans = assistant.ask("Which sections of the report use the abbreviation CSP? List each.")
    sids = {c.section_id for c in ans.citations}
    assert ans.shape == "list" and len(sids) >= 5, ans.answer
    assert all("CSP" in c.text for c in ans.citations if c.section_id in sids), ans.answer


def test_one_character_asked_about_is_looked_for_itself_not_its_example(assistant):
    # "as in 各国" gives an example of 各; the sections using 各 in any word are the answer
    ans = assistant.ask("Which sections use the character 各 (as in 各国)? List them all.")
    sids = {c.section_id for c in ans.citations}
    assert len(sids) >= 5 and any("各国" not in c.text for c in ans.citations), ans.answer
    assert all("各" in c.text for c in ans.citations), ans.answer


def test_a_quoted_turn_of_phrase_with_a_wildcard_is_looked_for_by_its_fixed_piece(assistant):
    # 「〜が示されている」 and its examples stand for the words 「が示されている」: every
    # section using them, each with a sentence that does
    ans = assistant.ask("「〜が示されている」という言い方（「〜の活用が示されている」などを含む）が本文に出てくる節を全部挙げて。")
    plain = assistant.ask("「が示されている」という言い方が本文に出てくる節を全部挙げて。")
    sids = {c.section_id for c in ans.citations}
    assert len(sids) >= 3
    assert sids == {c.section_id for c in plain.citations}
    for c in ans.citations:
        assert "が示されている" in c.text.replace(" ", "")


def test_a_phrase_of_function_words_matches_as_written_not_any_sentence(assistant):
    # となる has no content word to stem: a sentence must print it
    ans = assistant.ask("「〜となる」という言い方が出てくる節を全部挙げて。")
    assert len({c.section_id for c in ans.citations}) >= 3
    for c in ans.citations:
        assert "となる" in c.text.replace(" ", "")


def test_a_word_with_no_stem_of_its_own_matches_only_where_printed(assistant):
    # 的な is no content word: a sentence without it does not show it, however the stems compare
    ans = assistant.ask("「的な」という表記を本文に含む節を全部挙げて。")
    assert len({c.section_id for c in ans.citations}) >= 3, ans.answer
    for c in ans.citations:
        assert "的な" in c.text.replace(" ", ""), ans.answer


def test_examples_of_a_word_name_no_group_to_search_in(assistant):
    # 国際的な among the examples does not narrow the list to the 国際 schemes
    ans = assistant.ask("「的な」という表記（具体的な、国際的な など）を本文に含む節を全部挙げて。")
    assert any(c.section_id.startswith("2.1.") or c.section_id.startswith("2.3.") for c in ans.citations), ans.answer


def test_an_english_word_asked_about_is_found_in_the_plural_too(assistant):
    ans = assistant.ask("List every section whose text contains the English word requirement.")
    sids = {c.section_id for c in ans.citations}
    assert "2.2.3" in sids, ans.answer  # "Security and Privacy Requirements and Controls"
