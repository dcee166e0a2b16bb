"""Sweeps: every date, web address, footnote, acronym or count in the sections a
question sets out, each line cited where it stands. Real model and index; our own
examples, none an eval question.
"""

from __future__ import annotations

import re

import pytest

from assistant.sweep import asked_kind, asks_which_sections


@pytest.mark.parametrize(
    "q, kind",
    [
        ("2.3の各項目に出てくる日付を全部挙げて。", "date"),
        ("For each international entry, give the web addresses it links to.", "address"),
        ("国内の各項目の脚注を一覧にして。", "footnote"),
        ("Go through the NIST entry and spell out every acronym it uses.", "acronym"),
        # one value asked, or where a word stands: no sweep
        ("C5の関連URLは？", None),
        ("「枠組み」という言葉が出てくる節を全部挙げて。", None),
        # the report's figures are its 図, not its numbers
        ("List all the figures in the report.", None),
        # a kind set aside is not asked for
        ("List every number in the NIST entry, leaving out dates.", "count"),
        ("国際の各項目のURLを全部挙げて。脚注は除いて。", "address"),
        ("List every footnote in chapter 2, except the dates.", "footnote"),
        # what a statement before the question says is given, not asked for
        ("The entry maps each requirement to a footnote. How many requirements are there?", None),
        ("The entry is long. List every footnote it has?", "footnote"),
    ],
)
def test_what_a_question_sweeps_for(q, kind):
    assert asked_kind(q) == kind


def test_every_date_of_a_group_is_quoted_with_its_section(assistant):
    ans = assistant.ask("2.3の各項目に出てくる日付を全部挙げて、それぞれ何の日付か教えて。")
    assert ans.shape == "catalogue" and not ans.abstained
    assert {c.section_id for c in ans.citations} <= {f"2.3.{k}" for k in range(1, 7)}
    assert len({c.section_id for c in ans.citations}) >= 3
    assert all(re.search(r"(?:19|20)\d\d|平成|令和", c.text) for c in ans.citations)


def test_a_value_given_in_the_question_keeps_only_the_lines_that_hold_it(assistant):
    q = "Which entries link to a .go.jp address? List every one."
    assert asks_which_sections(q)
    ans = assistant.ask(q)
    assert ans.shape == "list" and ans.citations
    assert all(".go.jp" in c.text for c in ans.citations)


def test_a_scheme_given_alone_keeps_only_the_addresses_that_use_it(assistant):
    # "https://…" does not hold "http://"
    ans = assistant.ask("関連URLがhttpsでなく「http://」のリンクになっている項目を全部挙げて。")
    assert ans.citations and all("http://" in c.text for c in ans.citations)
    assert "節に" in ans.answer and "つの節" not in ans.answer  # 「3節に」, not 「16つの節に」


def test_footnotes_of_a_numbered_range_stay_within_it(assistant):
    ans = assistant.ask("2.1.1〜2.1.6の各項目に付いている脚注を全部挙げて。")
    assert ans.citations and {c.section_id for c in ans.citations} <= {f"2.1.{k}" for k in range(1, 7)}
    assert any(c.text.lstrip().startswith("※") for c in ans.citations)


def test_two_entries_compared_are_compared_not_swept(assistant):
    ans = assistant.ask("C5とMTCSの関連URLを比べて。どちらも政府のサイト？")
    assert ans.shape == "compare"


def test_a_numbered_range_says_which_entries_whatever_the_words_beside_it(assistant):
    # "overseas" is the international group and the foreign one alike; the range is the foreign one
    ans = assistant.ask("For the overseas entries 2.3.1 to 2.3.6, list every date that appears in them.")
    cited = {c.section_id for c in ans.citations}
    assert cited and all(sid.startswith("2.3.") for sid in cited), cited


@pytest.mark.parametrize(
    "q, within, aside",
    [
        # a group, less the entry named before を除く
        ("国内の項目のうち金融分野を除く各項目の関連URLを全部挙げて。", "2.1.", "2.1.6"),
        # ...or after "except"
        ("List every web address in the foreign-country entries 2.3.1 to 2.3.6 except the C5 one.", "2.3.", "2.3.4"),
    ],
)
def test_an_entry_set_aside_is_left_out_of_the_entries_set_out(assistant, q, within, aside):
    ans = assistant.ask(q)
    cited = {c.section_id for c in ans.citations}
    assert len(cited) >= 3 and all(sid.startswith(within) for sid in cited) and aside not in cited, cited


def test_acronyms_asked_for_are_every_one_but_those_left_out(assistant):
    # spelled out or not ("ENISA" is only named), and not the ones the question leaves out
    ans = assistant.ask("List every abbreviation used in the ISO/IEC 27017 entry, apart from ISO/IEC and JIS.")
    assert any("ENISA" in c.text for c in ans.citations), ans.answer
    assert all(c.section_id == "2.4.1" for c in ans.citations)
    # asked what they stand for, only the ones the report spells out answer
    spelled = assistant.ask("Go through the FedRAMP entry and spell out every acronym it uses.")
    assert spelled.citations and all("(" in c.text or ":" in c.text for c in spelled.citations)


def test_every_amount_of_money_is_swept(assistant):
    ans = assistant.ask("本書に出てくる金額を一覧にして。")
    assert ans.citations and not ans.abstained
    assert any("ユーロ" in c.text for c in ans.citations)


@pytest.mark.parametrize(
    "q, kind",
    [
        ("本書の中に、金額はいくつ出てきますか？", "money"),
        ("本書に日付は何回出てきますか？", "date"),
        ("How many times does the report give a web address?", "address"),
    ],
)
def test_how_many_times_a_kind_of_value_comes_up_is_a_sweep(q, kind):
    assert asked_kind(q) == kind
