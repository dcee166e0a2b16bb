"""Acronyms the asker spells out, and a definition asked for after the question: real
model, real index. The examples are our own; none is an eval question."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question, section",
    [
        ("What is IRAP (Information Security Registered Assessors Program)?", "2.3.5"),
        ("What is CSF (Cybersecurity Framework)? Explain it as the report does.", "2.4.6"),
    ],
)
def test_an_acronym_spelled_out_by_the_asker_is_defined(assistant, question, section):
    ans = assistant.ask(question)
    assert ans.shape == "definition"
    assert ans.ranked_sections[0] == section
