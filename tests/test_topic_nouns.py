"""A follow-up that points at the topic by a noun of its own ("the catalogue", "the
baseline") while naming a standard the topic's section cites: real model, real index.
The examples are our own; none is an eval question."""

from __future__ import annotations

import pytest
from conversekit import converse


def test_the_topics_own_noun_keeps_the_topic_when_a_cited_standard_is_named(assistant):
    _, turn = converse(assistant, "StarAuditの審査はどう進む？", "Where does the catalogue bring in ISO/IEC 20000-1?")
    assert turn.resolution["kind"] == "continue", turn.resolution
    assert turn.ranked_sections[0] == "2.2.2"
    assert "20000-1 を取得している" in turn.answer


def test_a_noun_the_named_standard_uses_too_is_no_pointer_to_the_topic(assistant):
    # "the standard" is what ISO/IEC 27018 is: the turn moves to it
    _, turn = converse(assistant, "C5の監査基準は？", "What does ISO/IEC 27018 add to the standard it builds on?")
    assert turn.resolution["kind"] == "switch", turn.resolution
    assert turn.ranked_sections[0] == "2.4.2"


@pytest.mark.parametrize(
    "first, second",
    [
        # a stated move on to a part of the report
        ("What is FedRAMP?", "Moving on: what does the introduction say about ISMS cloud certification?"),
        # "across the report" is this one, even after a scheme with a report of its own
        ("SOC2とは何か？", "Across the report, which schemes publish a list of certified providers?"),
    ],
)
def test_a_turn_about_this_report_leaves_the_topic(assistant, first, second):
    _, turn = converse(assistant, first, second)
    assert turn.resolution["kind"] != "continue", turn.resolution


def test_the_report_after_an_answer_on_a_schemes_own_report_is_that_report(assistant):
    # SOC2's section speaks of its 保証報告書: "the report" in the next turn is SOC2's
    _, turn = converse(assistant, "SOC2とは何か？", "Who can use the report, according to the entry?")
    assert turn.resolution["kind"] == "continue", turn.resolution
    assert turn.ranked_sections[0] == "2.4.5"
