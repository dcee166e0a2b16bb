"""Two parts of the report compared, or a part and an entry, are set side by side: the
parts named by what they are (the introduction, the conclusion) or by their whole title
(「ISMS 専門部会」, 「本書の構成」). Measured on probe 44's failures (session 39). Real model, real
index; our own examples."""

from __future__ import annotations


def test_two_parts_of_the_report_are_compared_side_by_side(assistant):
    ans = assistant.ask("Compare the introduction with the conclusion: what does each say about ISO/IEC 27001?")
    assert ans.shape == "compare", ans.answer
    assert {c.section_id for c in ans.citations} == {"はじめに", "おわりに"}, ans.answer


def test_a_part_named_by_its_title_is_compared_with_an_entry(assistant):
    ans = assistant.ask("EU-SEC のコンソーシアムの構成と、ISMS 専門部会の顔ぶれとを比べてください。")
    assert ans.shape == "compare", ans.answer
    assert {c.section_id for c in ans.citations} == {"2.2.3", "ISMS専門部会"}, ans.answer
