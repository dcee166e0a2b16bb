"""The name asked for in full is the name row's; a footnote quoted first comes after the
sentence that uses the term it explains. Measured on probe 43's failures (session 38). Real
model, real index; the examples are our own."""

from __future__ import annotations


def test_a_name_asked_written_out_quotes_the_name_row(assistant):
    ans = assistant.ask("FedRAMP is an abbreviation. What is the name written out in full?")
    assert ans.citations[0].field.startswith("名称"), ans.answer
    assert "Federal Risk and Authorization Management Program" in ans.citations[0].text


def test_a_footnote_comes_after_the_sentence_that_uses_its_term(assistant):
    ans = assistant.ask("Which international assurance standard is applied when C5 audits and reports are carried out?")
    texts = [c.text for c in ans.citations]
    body = next(i for i, t in enumerate(texts) if t.startswith("C5の監査・報告は、ISAE 3000"))
    note = next(i for i, t in enumerate(texts) if t.startswith("2 International Standard on Assurance"))
    assert body < note, ans.answer
