"""A section named by its number: "section 1.2", 「2.3.5節」, 「本書の 2.4.1」, a bare
"2.1.4". Real model, real index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.section_refs import asks_whole_section, referenced_sections, sections_holding_marks

IDS = {"1.1", "1.2", "2.1.4", "2.3.5", "2.4.1"}


def test_a_number_is_a_section_only_with_a_word_that_makes_it_one_or_with_three_levels():
    assert referenced_sections("What does section 1.2 say?", IDS) == ["1.2"]
    assert referenced_sections("2.3.5節には何が？", IDS) == ["2.3.5"] == referenced_sections("本書の 2.3.5 を読むと", IDS)
    assert referenced_sections("2.1.4 says what about 27002?", IDS) == ["2.1.4"]
    # a version, a standard's number, a group heading, a number the report has no section for
    assert referenced_sections("CSF ver.1.1 とは？", IDS) == [] == referenced_sections("NIST SP 800-53 rev.4", IDS)
    assert referenced_sections("2.4節では何を紹介？", IDS) == [] == referenced_sections("section 9.9", IDS)


def test_what_a_section_holds_is_asked_of_the_section_as_a_whole():
    assert asks_whole_section("2.3.5節には何が書いてある？") and asks_whole_section("What is section 2.2.3 about?")
    assert not asks_whole_section("2.3.5節で審査するのは誰？")


@pytest.mark.parametrize(
    "question, section",
    [("1.1節の内容は？", "1.1"), ("What does section 1.2 say the findings are based on?", "1.2"), ("2.1.4節では27002の管理策とどう紐づけている？", "2.1.4")],
)
def test_a_question_naming_a_section_by_number_is_answered_from_it(assistant, question, section):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.ranked_sections[0] == section
    assert {c.section_id for c in answer.citations} == {section}


def test_what_a_scheme_s_section_holds_is_its_name_and_summary(assistant):
    answer = assistant.ask("2.3.5節には何が書いてある？")
    assert not answer.abstained and answer.to_json()["shape"] == "definition"
    assert "IRAP" in answer.answer


def test_a_circled_number_points_at_the_few_sections_that_print_it(assistant):
    # "document ④": only the list that numbers it so holds ④ (NFKC makes it "4" in the search words)
    assert sections_holding_marks("What does document ④ set out?", assistant.raw_texts) == {"2.1.3"}
    # a mark every list uses singles out nothing
    assert sections_holding_marks("What does ① say?", {"a": "①", "b": "①", "c": "①"}) == set()
    ans = assistant.ask("What does document ④ of the unified standards set out?")
    assert ans.ranked_sections[0] == "2.1.3"


def test_an_item_asked_by_its_number_is_answered_with_what_the_report_says_it_is(assistant):
    ans = assistant.ask("統一基準群の④は何のための文書？")
    assert any(c.text.startswith("④は") for c in ans.citations), ans.answer
