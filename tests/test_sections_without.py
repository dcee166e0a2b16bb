"""Lists by what sections do *not* say, and by a word as written: the sections without a
condition ("Which entries do not mention ISO/IEC 27001?"), both sides when each section is
asked about first, an English word inside a name, and a word that stands in one place only.
Real model and index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.question_cues import group_words
from assistant.sections_without import asks_sections_without, negates_mention

WITHOUT_27001 = {"2.1.2", "2.2.1", "2.3.5", "2.4.2", "2.4.3", "2.4.4"}


@pytest.mark.parametrize(
    "q, negated",
    [
        ("Which entries do not mention ISO/IEC 27001?", True),
        ("ISO/IEC 27001に触れていない制度はどれ？", True),
        ("Which part of the report never mentions the cloud?", True),
        ("クラウドという言葉が出てこない箇所はどこ？", True),
        ("Which schemes do not have levels?", True),
        ("レベルがない制度はどれ？", True),
        ("有効期間を定めていない認証はどれ？", True),
        ("Which entries mention ISO/IEC 27001?", False),
        ("ISO/IEC 27001に触れている制度はどれ？", False),
    ],
)
def test_a_question_asks_for_the_sections_without_a_condition(q, negated):
    assert negates_mention(q) is negated
    assert asks_sections_without(q) is negated


@pytest.mark.parametrize("q", ["Which entries do not mention ISO/IEC 27001?", "ISO/IEC 27001に触れていない制度はどれ？"])
def test_entries_without_a_standard_are_the_others(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list" and not ans.abstained
    cited = {c.section_id for c in ans.citations}
    assert cited == WITHOUT_27001, ans.answer
    assert all("27001" not in c.text for c in ans.citations)


@pytest.mark.parametrize(
    "q", ["クラウドという言葉が出てこない箇所はどこ？", "Which part of the report never mentions the cloud at all, in Japanese or in English?"]
)
def test_the_one_part_without_a_common_word_is_listed(assistant, q):
    # クラウド is in every part of the report but the committee roster
    ans = assistant.ask(q)
    assert ans.shape == "list"
    assert {c.section_id for c in ans.citations} == {"ISMS専門部会"}, ans.answer


def test_each_entry_and_the_one_without_are_both_given(assistant):
    ans = assistant.ask("For each domestic entry, say how it relates to ISO/IEC 27018, and name the entries that do not mention it.")
    cited = {c.section_id for c in ans.citations}
    assert "2.1.5" in cited  # (its footnote names 27018)
    assert {"2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.6"} <= cited
    lines = ans.answer.splitlines()
    assert any("(not mentioned)" in line for line in lines)
    assert not any("(not mentioned)" in line and "医療分野" in line for line in lines)


def test_an_english_word_inside_a_name_is_found_as_written(assistant):
    ans = assistant.ask("本文に英単語の「Development」が出てくる箇所をすべて挙げて。")
    assert ans.shape == "list"
    assert ans.citations and ans.citations[0].section_id == "2.3.6"
    assert "Development" in ans.citations[0].text


def test_the_english_word_of_an_english_question_is_looked_for_as_written(assistant):
    ans = assistant.ask("List every section whose text contains the English word Security, and say what it is part of.")
    assert ans.shape == "list"
    assert len({c.section_id for c in ans.citations}) >= 8
    assert all("security" in c.text.lower() for c in ans.citations), ans.answer


def test_names_given_as_examples_of_where_an_english_word_stands_are_no_condition(assistant):
    # "for example in NIST's full name" says where the word may stand: every section that has
    # the word is listed, not the sections that name NIST
    ans = assistant.ask("List every section whose text contains the English word Security, for example in ENISA's full name.")
    cited = {c.section_id for c in ans.citations}
    assert len(cited) >= 8 and "2.3.3" in cited
    assert all("security" in c.text.lower() for c in ans.citations), ans.answer


@pytest.mark.parametrize(
    "q, groups",
    [
        ("Which part of the report never mentions the cloud, in Japanese or in English?", ""),
        ("What is the Japanese title of JIS X 9250?", ""),
        ("Which Japanese schemes mention ISO/IEC 27017?", "国内"),
    ],
)
def test_a_language_is_no_group_of_schemes(q, groups):
    assert group_words(q) == groups


EUROPE = {"2.2.2", "2.2.3", "2.3.2", "2.3.3", "2.3.4"}


@pytest.mark.parametrize("q", ["Which European schemes refer to ISO/IEC 27001?", "欧州の制度のうち、ISO/IEC 27001に触れているものは？"])
def test_a_region_named_narrows_a_list_to_its_schemes(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert cited and cited <= EUROPE, ans.answer
    assert "2.3.2" in cited


def test_none_without_the_condition_is_said_and_shown(assistant):
    ans = assistant.ask("Which European schemes do not mention ISO/IEC 27001?")
    assert ans.shape == "list"
    assert ans.answer.splitlines()[1].startswith("None: all")
    assert {c.section_id for c in ans.citations} <= EUROPE
    # (each quoted line shows that its scheme mentions it)
    assert all("27001" in c.text for c in ans.citations), ans.answer


@pytest.mark.parametrize("q", ["Which US schemes refer to ISO/IEC 27001?", "米国の制度のうち、ISO/IEC 27001に触れているものは？"])
def test_a_country_named_before_its_schemes_narrows_a_list(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert "2.3.1" in cited and cited <= {"2.2.1", "2.3.1", "2.4.5", "2.4.6"}, ans.answer


@pytest.mark.parametrize("q", ["Which schemes do not have levels?", "レベルがない制度はどれ？"])
def test_schemes_without_levels_are_the_ones_that_never_speak_of_them(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert "2.1.1" in cited and not cited & {"2.2.2", "2.3.6"}, ans.answer


def test_the_words_negated_are_the_condition(assistant):
    # 有効期間 is the condition; 認証制度 names what is listed, not a word each must hold
    ans = assistant.ask("有効期間が書かれていない制度はどれ？")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert len(cited) >= 8 and not cited & {"2.1.1", "2.2.2"}, ans.answer


def test_an_english_negated_word_is_looked_for_in_the_reports_own_words(assistant):
    # validity -> 有効期間: the ISMS cloud certification and StarAudit give one, so they are set aside
    ans = assistant.ask("Which certifications do not give a validity period?")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert len(cited) >= 8 and not cited & {"2.1.1", "2.2.2"}, ans.answer
