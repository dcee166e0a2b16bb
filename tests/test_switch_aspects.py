"""A switch to another scheme carries the last turn's aspect when it brings none of its
own: a kind noun (「オーストラリアの制度ではどう？」) says what the name is and asks nothing.
And the scheme the turn has just left is not one it names: a detail the new scheme's section
does not give is not stated, not quoted from a third scheme. Session 39; real model, real
index; our own examples."""

from __future__ import annotations

from conversekit import converse


def test_a_kind_noun_after_the_name_asks_nothing_of_its_own(assistant):
    turns = converse(assistant, "C5の監査基準は？", "オーストラリアの制度ではどう？")
    assert turns[1].resolution["kind"] == "switch"
    assert turns[1].resolution["topic"] == ["2.3.5"]
    assert "監査基準" in turns[1].searched_query, turns[1].searched_query


def test_a_detail_the_new_scheme_lacks_is_not_quoted_from_another(assistant):
    # the report gives StarAudit's validity (2.2.2), not G-Cloud's or FedRAMP's
    turns = converse(assistant, "FedRAMPの認証の有効期間は？", "英国の場合は？")
    assert turns[1].resolution["topic"] == ["2.3.2"]
    assert turns[1].abstained, turns[1].answer
    assert not any(c.section_id == "2.2.2" for c in turns[1].citations), turns[1].answer
