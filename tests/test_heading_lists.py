"""Lists by the sections' headings (「見出しに「本部」を含む節」), not by their text: real
model, real index. The expected sections are read off the headings themselves; the
questions are our own."""

from __future__ import annotations

import pytest

from assistant.heading_lists import asks_of_headings
from assistant.japanese import compact


def _headed(assistant, *words: str) -> set[str]:
    entries = {x.section_id for x in assistant.records}
    return {sid for sid in entries if any(compact(w) in compact(assistant.sections[sid].title) for w in words)}


@pytest.mark.parametrize(
    "question, words",
    [
        ("Which section headings in chapter 2 contain the word 本部?", ("本部",)),
        ("第2章の節見出しのうち「ガイドライン」という語を含むものはどれ？", ("ガイドライン",)),
        ("見出しに「政府」か「省」が入っている節を全部挙げて。", ("政府", "省")),
    ],
)
def test_the_sections_whose_headings_hold_the_word(assistant, question, words):
    ans = assistant.ask(question)
    listed = {c.section_id for c in ans.citations}
    assert listed == _headed(assistant, *words), ans.answer
    # (each shown by its heading, cited by its name row)
    assert all(assistant.sections[sid].title in ans.answer for sid in listed)


def test_a_word_only_the_text_uses_lists_no_heading(assistant):
    # 本部 stands in 2.1.3's text (サイバーセキュリティ戦略本部), not in its heading
    ans = assistant.ask("Which section headings contain the word 本部?")
    assert "2.1.3" not in {c.section_id for c in ans.citations}


@pytest.mark.parametrize(
    "question",
    ["見出しを除いた本文で「本部」が出てくる節は？", "Headings aside, which sections use the word 本部?", "Which sections use 本部, not counting the headings?"],
)
def test_headings_set_aside_ask_about_the_text(question):
    assert not asks_of_headings(question)


def test_a_detail_the_heading_gives_is_no_absent_aspect(assistant):
    # 「本部」の所在地 (where the headquarters are) is what the headings say, not a detail missing
    # from the entries' text
    ans = assistant.ask("見出しで「本部」の所在地を括弧書きしている節はどれ？")
    assert not ans.abstained
    assert {c.section_id for c in ans.citations} == _headed(assistant, "本部")
