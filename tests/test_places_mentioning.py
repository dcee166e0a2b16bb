"""The places that mention a thing: a kind of value named as a topic (費用) asks where the
report speaks of it, not for an amount; words given as examples in brackets are the words
looked for, any one of them. Real model and index; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import expected_type


def test_the_places_that_mention_money_are_a_list_not_an_amount(assistant):
    ans = assistant.ask("本書で費用に言及している節をすべて挙げて。")
    assert ans.shape == "list" and not ans.abstained
    cited = {c.section_id for c in ans.citations}
    assert {"2.3.1", "2.3.2"} <= cited
    assert all("費用" in c.text for c in ans.citations)


def test_examples_in_brackets_are_the_words_looked_for(assistant):
    words = ("監査", "第三者認証", "アセスメント")
    ans = assistant.ask("本書で外部の評価（監査、第三者認証、アセスメントなど）に触れている箇所をすべて挙げて。")
    assert ans.shape == "list"
    assert len({c.section_id for c in ans.citations}) >= 3
    assert all(any(w in c.text for w in words) for c in ans.citations), ans.answer


@pytest.mark.parametrize(
    "q, kind",
    [
        # the words between "which" and "cloud services" describe them...
        ("Which specific cloud services are listed?", "company"),
        ("Which Japanese companies hold it?", "company"),
        # ...but "activities involving cloud services" are activities, no company's name
        ("With respect to which activities involving cloud services does the certification check its controls?", None),
    ],
)
def test_which_names_of_companies_are_asked(q, kind):
    assert expected_type(q) == kind


def test_one_thing_in_two_entries_compares_the_entries(assistant):
    # the sides are the entries it is in, described by their subject, not named
    ans = assistant.ask("Compare the role the Privacy Mark plays in the medical entry with the role it plays in the finance entry.")
    assert ans.shape == "compare"
    assert {c.section_id for c in ans.citations} == {"2.1.5", "2.1.6"}


def test_how_many_places_use_a_word_lists_the_places(assistant):
    # 「何か所」 asks where, each place: not a question about the report because 本書 opens it
    ans = assistant.ask("本書で「年度」が使われているのは何か所？それぞれ何のこと？")
    assert ans.shape == "list" and not ans.abstained
    assert {c.section_id for c in ans.citations} == {"2.1.3", "2.1.5"}
    assert all("年度" in c.text for c in ans.citations)
