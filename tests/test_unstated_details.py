"""Details a report may write out or leave unsaid: what an acronym stands for,
who makes up a body, the JIS counterpart of a standard, where holders are
listed. Real corpus text, real
model and index for the answers; our own examples, none an eval question.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.expansions import Expansions, asked_acronym

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jipdec-cloud-2019.md"


@pytest.fixture(scope="module")
def spelled() -> Expansions:
    return Expansions([CORPUS.read_text(encoding="utf-8")])


def test_the_acronym_asked_to_be_spelled_out():
    assert asked_acronym("What does NIST stand for?") == "NIST"
    assert asked_acronym("「ECE」って何の略？") == "ECE"
    assert asked_acronym("Spell out what C5 stands for.") == "C5"
    assert asked_acronym("In the FedRAMP entry, the abbreviation JAB is spelled out how?") == "JAB"
    assert asked_acronym("What is the abbreviation GSA spelled out as?") == "GSA"
    # no acronym asked about: "what is it short for", a lower-case word
    assert asked_acronym("What is it short for?") is None
    assert asked_acronym("NISTの役割は？") is None


def test_the_report_writes_out_an_acronym_after_or_around_it(spelled):
    # after it: "A2LA (American Association of Laboratory Accreditors)", and after a word
    # closing the name: "HIPAA法（医療保険の携行性と責任に関する法律）"
    assert spelled.spelled_out("A2LA") and spelled.spelled_out("HIPAA")
    # in brackets after the name: "(The Cloud Security Alliance (CSA))"; "JAB : Joint …"
    assert spelled.spelled_out("CSA") and spelled.spelled_out("JAB")
    # named only: "Hong Kong OGCIO 等", and only inside a web address: ncsc.gov.uk
    assert spelled.spelled_out("OGCIO") is False and spelled.spelled_out("NCSC") is False
    # never used: an unknown name, not an unwritten expansion
    assert spelled.spelled_out("ISMAP") is None


def test_an_acronym_the_report_only_names_is_not_stated(assistant):
    ans = assistant.ask("Hong Kong OGCIO って何の略？")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize("q, section", [("ENISAは何の略？", "2.3.3"), ("What does A2LA stand for?", "2.3.1")])
def test_an_acronym_the_report_writes_out_is_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


def test_who_makes_up_a_body_the_report_names_only_as_a_whole():
    from assistant.body_members import asks_body_members, members_unnamed

    assert asks_body_members("Which departments serve on the FedRAMP board?") and asks_body_members("JABはどの省庁で構成される？")
    assert not asks_body_members("How is an assessment made reusable by other agencies?")
    # the make-up said, with a name the question does not give
    said = ["EU-SEC Consortium (Fraunhofer Fokus, CSA, PwC Germany 含む 8 組織)"]
    assert not members_unnamed("Which organisations make up the EU-SEC consortium?", said)
    # ...and only names the question gives already
    assert members_unnamed("Besides Fraunhofer Fokus, CSA and PwC Germany, which organisations make up the consortium?", said)


@pytest.mark.parametrize("q", ["Which government departments serve on FedRAMP's JAB?", "FedRAMPのJABはどの省庁で構成される？"])
def test_the_members_of_a_board_never_listed_are_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_a_roster_names_the_members_of_its_committee(assistant):
    ans = assistant.ask("ISMS専門部会を構成する委員は誰？")
    assert not ans.abstained and ans.ranked_sections[0] == "ISMS専門部会", ans.answer


def test_the_jis_counterpart_asked_of_one_standard():
    from assistant.counterparts import counterpart_given, tied_standard

    assert tied_standard("ISO/IEC 27002に対応するJIS規格は？") == "27002" and tied_standard("What is the JIS number for ISO/IEC 20000-1?") == "20000-1"
    assert tied_standard("どのJIS規格に準拠している？") is None
    lines = ["ISO/IEC 29100:2011 Information technology – Privacy framework", "(JIS X 9250:2017 プライバシーフレームワーク)"]
    # the line right after the one that names it, or the JIS number itself
    assert counterpart_given("29100", lines) and counterpart_given("27017", ["国内規格化したものが JIS Q 27017 である。"])
    assert not counterpart_given("27018", lines)


@pytest.mark.parametrize("q, abstains", [("ISO/IEC 20000-1に対応するJIS規格の番号は？", True), ("What is the JIS number for ISO/IEC 27002?", False)])
def test_a_jis_number_the_report_gives_for_another_standard_does_not_answer(assistant, q, abstains):
    ans = assistant.ask(q)
    assert ans.abstained is abstains and (ans.reason == "absent_aspect" or not abstains), ans.answer


def test_where_the_holders_are_listed():
    from assistant.answer_type import expected_type

    assert expected_type("Where can I look up which providers hold the CS mark?") == "registry"
    assert expected_type("CSマーク取得企業の一覧はどこで見られる？") == "registry"
    # a list inside a text is no list of holders
    assert expected_type("Where in ISO/IEC 27017 is the list of references?") != "registry"


@pytest.mark.parametrize("q, abstains", [("Where can I look up which providers hold the CS mark?", True), ("Where is the list of G-Cloud suppliers' services published?", False)])
def test_a_list_of_holders_the_report_never_mentions_is_not_stated(assistant, q, abstains):
    # G-Cloud's services are listed on its Digital Marketplace; the report names no list of CS mark holders
    ans = assistant.ask(q)
    assert ans.abstained is abstains and (ans.reason == "absent_aspect" or not abstains), ans.answer


def test_a_common_name_the_report_gives_names_its_section(assistant):
    # 名称 row: 「…以下のガイドラインは、通称として、「3省3ガイドライン」と呼ばれることがある」
    assert [m.alias.section_id for m in assistant.entities.find("3省3ガイドラインの対象は？")] == ["2.1.5"]


@pytest.mark.parametrize(
    "q",
    [
        # named by its common name, the medical guidelines give no validity (StarAudit's 3 years is not theirs)
        "3省3ガイドラインの有効期間は何年？",
        # a renewal audit (更新審査) is no revision: 「数年おきに改訂」 does not say how often one is held
        "総務省のクラウド事業者向けガイドラインの更新審査の頻度は？",
        # the names of the companies that hold it
        "C5を取得した日本企業の名前は？",
    ],
)
def test_details_of_a_named_scheme_the_report_does_not_give(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize(
    "q",
    [
        # read as a list, but of one named scheme's detail: its penalties, which the section never gives
        "What penalties apply for breaching the FISC standards?",
        # the certification bodies the MTCS section names (… Pte Ltd) hold nothing
        "Which companies have obtained MTCS certification?",
        # the ISMS cloud certification started in 2016; when the body behind it was founded is not said
        "In which year was the organisation that runs the ISMS cloud security certification founded?",
    ],
)
def test_a_detail_said_of_something_else_is_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_how_many_and_all_their_names_is_answered_by_the_list(assistant):
    ans = assistant.ask("NIST関連の文書はいくつ紹介されてる？名前も全部。")
    assert not ans.abstained and ans.ranked_sections[0] == "2.4.6", ans.answer


def test_the_first_holder_asked_after_the_verb():
    from assistant.answer_type import expected_type

    assert expected_type("CSマークの認証を取った最初の企業は？") == "first_holder"
    assert expected_type("C5を取得した最初の会社はどこ？") == "first_holder"


def test_the_next_revision_is_a_date_to_come_and_a_first_version_no_first_holder():
    from assistant.answer_type import expected_type, gives_type

    assert expected_type("When is the next revision of the FISC standards due?") == "future"
    assert not gives_type("「D.2.4 EU-SEC FRAMEWORK – FIRST VERSION」が発行されている", "first_holder")


@pytest.mark.parametrize(
    "q",
    [
        # read as a definition ("What is … under X?"), but asks for an amount the section never gives
        "What is the highest fine under the NIS Directive?",
        # a number of member states, which 「EU 各加盟国」 does not give
        "How many member states have implemented the NIS Directive?",
        # a number of registered people: 登録者数
        "IRAP審査員の登録者数は？",
    ],
)
def test_typed_details_asked_in_other_words_are_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_a_plain_definition_is_still_answered(assistant):
    ans = assistant.ask("What is the NIS Directive?")
    assert not ans.abstained and ans.ranked_sections[0] == "2.3.3", ans.answer
