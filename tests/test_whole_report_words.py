"""A word looked for across the whole report: the title page's words count, one
character asked about as written is a word, and "never" lists the rest. Real model,
real index; the expected sections are read off the report's own text."""

from __future__ import annotations

import pytest

from assistant.japanese import compact


def _without(assistant, ch: str) -> set[str]:
    """Every part of the report (not the contents, nor a chapter's bare heading) whose text lacks ``ch``."""
    parts = {sid for sid in assistant.sections if assistant.index.passages_of(sid) and not sid.isdigit()}
    return {sid for sid in parts if ch not in compact("".join(p.text for p in assistant.index.passages_of(sid)))}


@pytest.mark.parametrize(
    "question",
    ["Which parts of the report never use the character 等?", "「等」という字が出てこない箇所はどこ？"],
)
def test_the_parts_without_one_character(assistant, question):
    ans = assistant.ask(question)
    assert ans.shape == "list"
    listed = {c.section_id for c in ans.citations}
    assert listed == _without(assistant, "等")
    assert "表紙" in listed  # the title page is a part of the report too


def test_the_title_page_holds_a_word_of_its_title(assistant):
    ans = assistant.ask("Which parts of the report use the word 国内外? List them all.")
    listed = {c.section_id for c in ans.citations}
    assert "表紙" in listed and {"はじめに", "1.1"} <= listed


def test_a_list_by_meaning_points_at_no_title_page(assistant):
    ans = assistant.ask("Which parts of the report discuss how governments procure cloud services?")
    assert "表紙" not in {c.section_id for c in ans.citations}


def test_the_converters_description_of_the_logo_is_no_word_of_the_report(assistant):
    # the title page's "The logo for JIPDEC (Japan Information Processing Development Center)…"
    # was written by the PDF converter
    ans = assistant.ask("Which parts of the report use the English word Development?")
    listed = {c.section_id for c in ans.citations}
    assert "表紙" not in listed and "2.3.6" in listed, ans.answer
