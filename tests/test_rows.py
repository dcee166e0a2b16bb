"""A question that points at a row of an entry's table by name: only that row's
sentences answer it. Real model, real index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.rows import pointed_row


@pytest.mark.parametrize(
    "q, concept",
    [
        ("In C5's row on the relation to ISMS, which standard is named?", "isms"),
        ("According to the operator row, who runs MTCS?", "issuer"),
        ("What does the row describing what IRAP covers say?", "target"),
        ("C5の「ISMSとの関連性」欄には何と書いてある？", "isms"),
        ("MTCSは対象の欄でどう説明されている？", "target"),
        # the notes under an entry's table, pointed at (not "Note that …")
        ("What does the note under the C5 entry explain?", "note"),
        ("What does the IRAP entry's footnote say?", "note"),
        ("27017の項の注記では何を説明している？", "note"),
        ("Note that the report is dated 2019: who wrote it?", None),
        # a row that is no table's: "three times in a row"
        ("How many times in a row can the CS mark licence be extended?", None),
        ("What does C5 cover?", None),
    ],
)
def test_a_row_pointed_at_by_name(q, concept):
    assert pointed_row(q) == concept


def test_the_row_pointed_at_is_quoted_not_the_entry_s_link(assistant):
    # "link to ISMS" names the relation row; the entry's web address is no answer
    ans = assistant.ask("In its row on the link to ISMS, what does the CS mark entry say?")
    assert not ans.abstained and ans.citations[0].section_id == "2.1.2", ans.answer
    assert ans.citations[0].field == "ISMSとの関連性", ans.answer


def test_the_scope_row_answers_whether_a_scheme_is_confined_to_cloud(assistant):
    ans = assistant.ask("Is IRAP limited to cloud services, according to the row describing what it covers?")
    assert not ans.abstained and ans.citations[0].field.startswith("対象"), ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        # the note may sit beyond the passages the search ranks first
        ("What does the note in the EU-SEC entry point the reader to?", "2.2.3"),
        ("What does the C5 entry's note say?", "2.3.4"),
        ("FedRAMPの項の注記には何が書かれている？", "2.3.1"),
    ],
)
def test_the_note_pointed_at_is_quoted_from_the_named_entry(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.citations[0].section_id == section, ans.answer
    assert ans.citations[0].field == "注記", ans.answer
