"""Conversation cues measured on probe 43's failures (session 38): a scheme named after a
switch's description, the report as the one who says something of the topic, and a word
asked about as a form 「「…」という形」 over every part of the report. Real model, real index;
the examples are our own."""

from __future__ import annotations

from conversekit import converse


def test_a_scheme_named_after_a_described_switch_is_where_the_turn_goes(assistant):
    turns = converse(
        assistant,
        "本書の主旨の節では、ISMS をどのように説明していますか？",
        "Now for a scheme we have not talked about so far: under MTCS, how many levels are there?",
    )
    assert turns[1].resolution["kind"] == "switch"
    assert turns[1].resolution["topic"] == ["2.3.6"]
    assert turns[1].ranked_sections[0] == "2.3.6"


def test_the_report_pointing_to_something_keeps_the_topic(assistant):
    turns = converse(
        assistant,
        "EU-SEC はどんなプロジェクトですか？",
        "Which version of the framework has been published, and which final one does the report say is planned?",
    )
    assert turns[1].resolution == {"kind": "continue", "topic": ["2.2.3"]}
    assert turns[1].ranked_sections[0] == "2.2.3"


def test_a_form_asked_about_in_every_part_is_a_word_list_of_the_whole_report(assistant):
    turns = converse(
        assistant,
        "EU-SEC はどんなプロジェクトですか？",
        "この項には「すること」という形が出てきます。本文に「すること」を含む部分をすべて挙げてください。",
    )
    assert turns[1].resolution["kind"] == "standalone"
    cited = {c.section_id for c in turns[1].citations}
    assert {"2.2.3", "はじめに", "2.3.1", "おわりに"} <= cited
    assert all("すること" in c.text for c in turns[1].citations)


def test_a_japanese_noun_only_the_topic_uses_keeps_the_topic_over_the_names_it_mentions(assistant):
    # C5's section names ISO/IEC 27001 and 27017 and says its mapping to them is published; the
    # sections of those standards say nothing of a mapping
    turns = converse(
        assistant,
        "What is Germany's C5 catalogue built from?",
        "ISO/IEC 27001 や ISO/IEC 27017 とのマッピングは公開されていますか？",
    )
    assert turns[1].resolution == {"kind": "continue", "topic": ["2.3.4"]}
    assert turns[1].ranked_sections[0] == "2.3.4"


def test_announcing_what_the_next_questions_are_about_starts_afresh(assistant):
    turns = converse(
        assistant,
        "ISO/IEC 27018 は何をベースにした規格ですか？",
        "ここからは調達について尋ねます。調達可能なサービスはどのように分類されますか？",
    )
    assert turns[1].resolution["kind"] == "standalone", turns[1].resolution
    assert turns[1].ranked_sections[0] == "2.3.2", turns[1].answer


def test_taking_a_described_scheme_up_again_returns_to_it(assistant):
    turns = converse(
        assistant,
        "医療分野のガイドラインで、3省3ガイドラインとは何ですか？",
        "話は変わって、C5 の要求事項はいくつのセクションで構成されていますか？",
        "もう一度、医療情報のガイドラインを取り上げます。以前はどのガイドライン群に準拠することが求められてきましたか？",
    )
    assert turns[2].resolution["kind"] == "return", turns[2].resolution
    assert turns[2].ranked_sections[0] == "2.1.5", turns[2].answer
