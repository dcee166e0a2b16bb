"""A lookup quotes the best section's second sentence when it scores close to the first
(AnswerConfig.second_ratio): the footnote that defines the PII processor is followed by the
one that says what the PII controller is. Real model, real index; our own question."""

from __future__ import annotations


def test_a_close_second_sentence_of_the_best_section_is_quoted(assistant):
    ans = assistant.ask("What is a PII controller according to the report?")
    assert ans.citations[0].section_id == "2.4.2"
    assert any("PII を取り扱うための利用目的と手段を決定する" in c.text for c in ans.citations), ans.answer
