"""Lists of the sections that use a word: real model, real index. The examples are our
own; none is an eval question."""

from __future__ import annotations

import re

import pytest

from assistant.question_words import counted_noun


def _cited(answer) -> list[str]:
    return list(dict.fromkeys(c.section_id for c in answer.citations))


def _holders(assistant, word: str) -> set[str]:
    text: dict[str, str] = {}
    for p in assistant.index.passages:
        text[p.section_id] = text.get(p.section_id, "") + re.sub(r"\s", "", p.text)
    return {sid for sid, t in text.items() if word in t}


def test_a_quoted_word_most_sections_use_lists_every_one_of_them(assistant):
    # a word in quotes is the condition itself, however many sections hold it, and the
    # list is not cut at a fixed length
    ans = assistant.ask("本文に「セキュリティ」という語が出てくる節をすべて挙げてください。")
    cited = set(_cited(ans))
    assert len(cited) > 20
    assert cited <= _holders(assistant, "セキュリティ")


@pytest.mark.parametrize("word, compound", [("組織", "組織数"), ("管理策", "管理策数")])
def test_an_english_question_mentioning_a_japanese_compound_is_still_a_list(assistant, word, compound):
    q = f"List every section whose text uses the term {word}, alone or in compounds such as {compound}."
    ans = assistant.ask(q)
    assert ans.shape == "list" and not ans.abstained
    assert set(_cited(ans)) == _holders(assistant, word) - {"目次"}


def test_a_japanese_compound_counts_only_in_a_japanese_question():
    assert counted_noun("管理策の総数を教えて") == "管理策"
    assert counted_noun("Which sections use compounds such as 管理策数?") is None


def test_a_list_by_a_word_quotes_each_place_the_word_stands(assistant):
    # (a list by meaning keeps its three best sentences a section; a word's places are the answer)
    ans = assistant.ask("Which sections use the word 審査? Say what is examined in each.")
    per_section: dict[str, int] = {}
    for c in ans.citations:
        assert "審査" in c.text, c.text
        per_section[c.section_id] = per_section.get(c.section_id, 0) + 1
    assert max(per_section.values()) > 3, per_section
