"""How the report writes an English name in Japanese: real model, real index. The
examples are our own; none is an eval question."""

from __future__ import annotations

import pytest

from assistant.expansions import asked_rendering, renders


@pytest.mark.parametrize(
    "question, name",
    [
        ("How does the report write the HIPAA Act in Japanese?", "HIPAA Act"),
        ("Which Japanese term does the report give for the NIS Directive?", "NIS Directive"),
    ],
)
def test_a_name_that_opens_with_its_acronym_is_asked_in_japanese(question, name):
    assert asked_rendering(question) == name


def test_a_name_is_rendered_where_japanese_stands_beside_it():
    assert renders("HIPAA法（医療保険の携行性と責任に関する法律）", "HIPAA Act")
    assert not renders("the HIPAA Act applies to covered entities", "HIPAA Act")


def test_the_japanese_name_of_a_scheme_is_one_name_quoted_from_its_entry(assistant):
    ans = assistant.ask("What is the Japanese name the report uses for the NIS Directive?")
    assert ans.shape == "lookup" and not ans.abstained
    assert ans.ranked_sections[0] == "2.3.3"
    assert "ネットワーク及び情報セキュリティ指令" in ans.answer


def test_the_japanese_for_a_law_comes_from_the_sentence_that_writes_it(assistant):
    ans = assistant.ask("How does the report write the HITECH Act in Japanese?")
    assert "経済的及び臨床的健全性のための医療情報技術に関する法律" in ans.answer.split("\n")[1]
