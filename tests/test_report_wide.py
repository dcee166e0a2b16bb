"""Questions about the report as a whole: how it is organised, its first and last dates,
a turn that announces it moves on to the whole report, and a quoted pattern of wording
whose placeholder (〇〇) stands for any word. Real model and index; our own examples,
none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.asked_names import unknown_quotes
from assistant.japanese import compact
from assistant.sweep import dated_years, extreme_date


def test_how_the_report_is_organised_is_about_its_chapters_not_its_schemes(assistant):
    ans = assistant.ask("How is this report organised, and what does each of its parts 2.1 to 2.4 introduce?")
    assert ans.shape == "meta"
    assert ans.ranked_sections[0] == "1.2"
    assert any("2.4" in c.text and "2.1" in c.text for c in ans.citations), ans.answer


def test_a_scheme_described_by_its_country_has_its_own_publication(assistant):
    # "published" is the scheme's, not the report's cover date
    ans = assistant.ask("Who published the Singapore multi-tier standard, and when?")
    assert ans.shape != "meta"
    assert ans.ranked_sections[0] == "2.3.6"
    assert assistant.ask("When was this report published?").shape == "meta"


@pytest.mark.parametrize(
    "q, which",
    [
        ("What is the oldest year the report mentions?", "earliest"),
        ("本書に出てくる一番新しい年は？", "latest"),
        ("本書でいちばん古い日付はどこに出てくる？", "earliest"),
        ("When was the first edition of FISC's standards drawn up?", None),
        ("FISCの最新版は第何版？", None),
        # the latest of one scheme's editions is that scheme's
        ("Which edition of the banking standards is the latest, and when was it issued?", None),
    ],
)
def test_the_first_or_last_date_is_asked(q, which):
    assert extreme_date(q) == which


def test_years_a_sentence_dates_things_by():
    # era years as Western ones; a number inside a name (HORIZON 2020) or an edition (:2013) dates nothing
    assert dated_years("平成30年7月に改訂。初版は 1985 年。March 2019 に公開。") == [2018, 1985, 2019]
    assert dated_years("HORIZON 2020 のプロジェクト、ISO/IEC 27001:2013") == []


def test_the_earliest_year_of_the_report_is_quoted_where_it_stands(assistant):
    ans = assistant.ask("What is the oldest year the report mentions, and in which entry?")
    assert ans.shape == "meta" and not ans.abstained
    years = [y for c in ans.citations for y in dated_years(c.text)]
    every = [y for p in assistant.index.passages for y in dated_years(p.text)]
    assert years and min(years) == min(every)


def test_a_turn_that_moves_on_to_the_whole_report_leaves_the_topic(assistant):
    history = [assistant.ask("MTCSのレベルは何段階？")]
    turn = assistant.ask("次は本文全体の話です。本文に「〜とされている」という形（「必要とされている」など）が出てくる節をすべて挙げてください。", history=history)
    assert turn.resolution["kind"] == "standalone"
    assert "MTCS" not in turn.searched_query
    # a turn that goes on about one aspect of the topic is not a move to something else
    turn = assistant.ask("次は有効期間について教えて。", history=history)
    assert turn.resolution["kind"] != "standalone"


def test_a_placeholder_in_a_quoted_pattern_is_no_unknown_title(assistant):
    corpus = compact("\n".join(p.text for p in assistant.index.passages))
    assert unknown_quotes("本書で「〇〇とは、…」という形で用語を説明している箇所は？", corpus) == ()
    assert unknown_quotes("「XXガイドライン」のような名前の文書はある？", corpus) == ()
    # a title the report never prints is still unknown
    assert unknown_quotes("「地方公共団体クラウド指針」は？", corpus)
    # …and so is one most of whose words it prints when the rest is a word it never uses
    # (情報セキュリティ is the report's, 年報 is not); a dropped or added 制度 is no other title
    assert unknown_quotes("「情報セキュリティ年報」には何が書いてある？", corpus)
    assert unknown_quotes("「ISMSクラウドセキュリティ認証制度」の対象は？", corpus) == ()
    ans = assistant.ask("本書で「〇〇とは、…」という形で用語を説明している箇所は？")
    assert ans.reason != "unknown_name"


def test_a_quote_in_kana_alone_is_a_style_not_an_unknown_title(assistant):
    corpus = compact("\n".join(p.text for p in assistant.index.passages))
    assert unknown_quotes("本書の中で「です・ます」の文体が使われている箇所は？", corpus) == ()
    ans = assistant.ask("本書の中で「です・ます」の文体が使われている箇所は？")
    assert ans.reason != "unknown_name"
