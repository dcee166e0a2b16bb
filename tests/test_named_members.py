"""A count whose members the report names by label and number: real model, real index.
The example is our own; none is an eval question."""

from __future__ import annotations


def test_members_named_by_label_and_number_answer_a_count(assistant):
    # 「3 段階のレベルがあり、Tier1 が基本レベルで、Tier3 が…」 names the levels it counts
    ans = assistant.ask("Name the three tiers of MTCS.")
    assert not ans.abstained, ans.answer
    assert "Tier1" in ans.answer
