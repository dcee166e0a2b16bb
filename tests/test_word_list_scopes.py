"""A list of the parts with (or without) a word is not narrowed by what the question adds
around the word: examples of compounds in brackets ("(no 国内, 米国 … or similar compounds)")
or its Japanese edition ("or its Japanese edition JIS Q 27001") set no region or group.
Measured on probe 43's failures (session 38). Real model, real index; our own examples."""

from __future__ import annotations


def _sections(assistant, question: str) -> set[str]:
    return {c.section_id for c in assistant.ask(question).citations}


def test_examples_of_compounds_do_not_narrow_a_list_of_parts_without_a_character(assistant):
    bare = _sections(assistant, "Which parts of the report never use the character 国 in their text?")
    assert len(bare) >= 8
    with_examples = _sections(
        assistant, "Which parts of the report never use the character 国 in their text (no 国内, 米国, 外国 or similar compounds)?"
    )
    assert with_examples == bare


def test_a_japanese_edition_is_no_domestic_scope(assistant):
    bare = _sections(assistant, "Which parts of the report never mention ISO/IEC 27001 (or JIS Q 27001)?")
    assert "2.2.1" in bare
    edition = _sections(assistant, "Which parts of the report never mention ISO/IEC 27001 (or its Japanese edition JIS Q 27001)?")
    assert edition == bare
