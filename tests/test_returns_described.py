"""Going back to an earlier topic when a turn in between could not be answered, or
when the return describes the topic instead of naming it: real model, real index.
The examples are our own; none is an eval question."""

from __future__ import annotations

from conversekit import converse


def test_an_unanswered_turn_leaves_the_topic_to_what_it_named(assistant):
    # the second turn is not in the report: its nearest section (another scheme's validity
    # period) is related text, not the conversation's topic
    turns = converse(
        assistant,
        "ISO/IEC 20000-1 はどんな規格ですか？",
        "Before a recertification audit falls due, how long does an ITSMS certificate stay valid?",
        "話は変わりますが、FedRAMP の承認は誰が行いますか？",
        "前の話に戻って、その規格は何を定めていますか？",
    )
    assert turns[1].abstained and turns[1].ranked_sections[0] != "2.4.4"
    assert turns[3].resolution == {"kind": "return", "topic": ["2.4.4"]}
    assert turns[3].ranked_sections[0] == "2.4.4"


def test_a_return_by_description_goes_to_the_topic_described(assistant):
    turns = converse(
        assistant,
        "ISO/IEC 20000-1 はどんな規格ですか？",
        "C5の監査基準は？",
        "FedRAMP の承認は誰が行いますか？",
        "Coming back to the service-management standard: what does it help to improve?",
    )
    assert turns[3].resolution == {"kind": "return", "topic": ["2.4.4"]}
    assert turns[3].ranked_sections[0] == "2.4.4"


def test_an_unanswered_turn_with_an_ambiguous_name_is_no_topic_of_its_own(assistant):
    # "EU" names both the EU-SEC project and the NIS directive: the unanswered turn stays on
    # the directive, and going back to it finds the directive
    turns = converse(
        assistant,
        "NIS指令の対象になる事業者は？",
        "Does the EU require those providers to carry cyber insurance?",
        "では米国のCSFは何のために作られた？",
        "Back to the EU directive: what does it aim to raise?",
    )
    assert turns[1].abstained
    assert turns[3].resolution == {"kind": "return", "topic": ["2.3.3"]}


def test_an_answer_sent_back_as_json_keeps_its_abstention(assistant):
    # the stateless API gets earlier answers as JSON: the same topic as the answers themselves
    first = converse(
        assistant,
        "ISO/IEC 20000-1 はどんな規格ですか？",
        "Before a recertification audit falls due, how long does an ITSMS certificate stay valid?",
        "話は変わりますが、FedRAMP の承認は誰が行いますか？",
    )
    again = assistant.ask("前の話に戻って、その規格は何を定めていますか？", history=[a.to_json() for a in first])
    assert again.resolution == {"kind": "return", "topic": ["2.4.4"]}
