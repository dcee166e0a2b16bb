"""An entry's notes asked for each in turn ("the two footnotes under the FedRAMP table",
「注記をすべて」) are quoted note by note; a term that an unnumbered note explains
(「※ アセスメントレポート：…」) brings that note when the question asks about the term.
Measured on probe 44's failures (session 39). Real model, real index; our own examples."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    ["In their order, what do the two footnotes under the FedRAMP table say?", "FedRAMP の項の注記をすべて教えてください。"],
)
def test_each_note_of_an_entry_is_quoted_in_order(assistant, question):
    ans = assistant.ask(question)
    assert ans.shape == "enumeration", ans.answer
    assert [c.text.split()[0] for c in ans.citations] == ["※1", "※2"], ans.answer
    assert {c.section_id for c in ans.citations} == {"2.3.1"}


def test_a_term_an_unnumbered_note_explains_brings_the_note(assistant):
    ans = assistant.ask("StarAudit の審査で確認されるアセスメントレポートは、CSP がどのように作成したもの？")
    assert any(c.text.lstrip().startswith("※ アセスメントレポート") for c in ans.citations), ans.answer
