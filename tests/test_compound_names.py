"""A name the tokenizer splits into words (厚生/労働/省) is still one dictionary word with
an English name of its own: a question that writes that English name asks about the report's
Japanese one, and is not about something the report never mentions. Measured on probe 43's
failures (session 38). Real model, real index, real dictionary; the examples are our own."""

from __future__ import annotations


def test_the_glossary_knows_a_compound_by_its_english_name(assistant):
    names = assistant.retriever.glossary.names_written_out("Which Ministry of Health, Labour and Welfare guideline?")
    assert names == [("Ministry of Health, Labour and Welfare", "厚生労働省")]


def test_a_ministry_named_in_english_is_the_one_the_report_names_in_japanese(assistant):
    ans = assistant.ask("Which Ministry of Health, Labour and Welfare guideline does the medical entry list first?")
    assert not ans.abstained, ans.answer
    assert any("厚生労働省" in c.text for c in ans.citations), ans.answer


def test_a_ministry_the_report_never_names_is_still_unknown(assistant):
    ans = assistant.ask("Which Ministry of Agriculture, Forestry and Fisheries guideline covers cloud services?")
    assert ans.abstained
