"""Turns that say how they move, names the report knows in other forms, and a
statement set before the question: real model, real index. The examples are our
own; none is an eval question."""

from __future__ import annotations

import pytest
from conversekit import converse

from assistant.answer_type import expected_type
from assistant.levels import levels_asked, shows_levels
from assistant.question_words import question_after_statement

# ------------------------------------------------------------ stated moves


@pytest.mark.parametrize(
    "second",
    [
        "ここで視点を変えます。監査を行うのは誰ですか？",
        "A different kind of question: which sections give a web address with www in it?",
    ],
)
def test_a_stated_change_of_angle_leaves_the_topic(assistant, second):
    _, turn = converse(assistant, "FedRAMPの目的は？", second)
    assert turn.resolution["kind"] == "standalone", turn.resolution
    assert "FedRAMP" not in turn.searched_query


def test_picking_a_described_topic_back_up_returns_to_it(assistant):
    *_, turn = converse(
        assistant,
        "ISO/IEC 27036-4 は何の規格？",
        "What does G-Cloud let government buyers do?",
        "Let's pick the supplier standard back up: what are the other parts of its series?",
    )
    assert turn.resolution["kind"] == "return", turn.resolution
    assert turn.ranked_sections[0] == "2.4.3"


def test_once_more_on_the_conclusion_by_another_word_for_it(assistant):
    *_, turn = converse(
        assistant,
        "おわりにでは今後の課題として何が挙げられている？",
        "C5の監査基準は？",
        "もう一度、本書の締めくくりについて。超スマート社会の情報インフラは何で構成されると考えられている？",
    )
    assert turn.ranked_sections[0] == "おわりに"
    assert "IoT機器群" in turn.answer


# ------------------------------------------------------------ names known in other forms


@pytest.mark.parametrize(
    "q",
    [
        "How does the report write the HITECH Act in Japanese?",  # HITECH法
        "How does C5 relate to the ISO/IEC 27000 family?",  # its members 27001, 27017 are named
    ],
)
def test_a_name_the_report_writes_another_way_is_known(assistant, q):
    ans = assistant.ask(q)
    assert ans.reason != "unknown_name", ans.answer
    assert not ans.abstained


def test_a_family_whose_members_the_report_never_names_is_unknown(assistant):
    ans = assistant.ask("What does the ISO 9000 family say about clouds?")
    assert ans.abstained and ans.reason == "unknown_name"


# ------------------------------------------------------------ entries, each


def test_each_of_a_group_s_entries_is_the_catalogue(assistant):
    ans = assistant.ask("For each of the foreign-country entries, give its target.")
    assert ans.shape == "catalogue"
    cited = {c.section_id for c in ans.citations}
    assert {"2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"} <= cited


# ------------------------------------------------------------ a statement, then the question


def test_the_question_after_a_statement():
    assert question_after_statement("The CSA STAR entry names three levels. Which one is a third-party certification?") == (
        "Which one is a third-party certification?"
    )
    assert question_after_statement("FISC's rules date from 1985. In which month?") == "In which month?"
    # one sentence, an abbreviation, a request before the question, two questions: none
    assert question_after_statement("Which schemes build on AICPA SOC reports, i.e. SOC2?") is None
    assert question_after_statement("政府という語が出てくる節を全部挙げて。それぞれ何の話？") is None
    assert question_after_statement("List the European schemes. Which one is German?") is None
    assert question_after_statement("C5とは何ですか。監査基準は？") is None


def test_a_statement_before_a_one_detail_question_does_not_make_it_a_catalogue(assistant):
    # the statement speaks of a country's programmes; the question asks one date of one of them
    ans = assistant.ask("The medical-guidelines entry mentions US programmes. When did the Meaningful Use programme end?")
    assert ans.shape == "lookup"
    assert ans.ranked_sections[0] == "2.1.5"
    assert "Meaningful Use" in ans.answer


# ------------------------------------------------------------ details not given


def test_minutes_and_numbers_of_days_are_durations():
    assert expected_type("ロックまで何分経過したら？") == "duration"
    assert expected_type("発行までの日数は？") == "duration"
    assert expected_type("How many minutes until the session locks?") == "duration"
    assert expected_type("C5の要求事項は何分野？") != "duration"
    assert expected_type("Which ministry is the agency part of, or answerable to?") == "parent"
    assert expected_type("What format do the registration numbers follow?") == "identifier"


def test_registration_numbers_asked_of_a_topic_that_gives_none(assistant):
    _, turn = converse(assistant, "ISMSクラウドセキュリティ認証とは？", "What format do the registration numbers on those certificates follow?")
    assert turn.abstained and turn.reason == "absent_aspect"


def test_minutes_asked_where_the_report_gives_none(assistant):
    ans = assistant.ask("ISMSクラウドセキュリティ認証の審査には何分かかる？")
    assert ans.abstained and ans.reason == "absent_aspect"


def test_a_compound_whose_head_the_report_never_uses_is_unsaid(assistant):
    # セキュリティ is the report's word, クリアランス is not
    ans = assistant.ask("MTCSの認証を受けるには、従業員に政府のセキュリティクリアランスが必要ですか？")
    assert ans.abstained and ans.reason == "absent_aspect"
    # 医療系 is 医療 with a suffix: the report's word
    ans = assistant.ask("医療系のガイドラインでは、ISMS認証の取得に言及ある？")
    assert not ans.abstained
    assert ans.ranked_sections[0] == "2.1.5"


# ------------------------------------------------------------ read through in order


def test_a_roster_read_from_the_top_runs_to_its_contact_block(assistant):
    ans = assistant.ask("委員名簿を冒頭から順にたどって、末尾の問い合わせ先まで示してください。")
    # the whole part in its order, not only the contact lines the last words point at
    assert "順不同" in ans.answer and "駒瀬" in ans.answer and "03-5860-7561" in ans.answer
    assert ans.answer.index("順不同") < ans.answer.index("駒瀬") < ans.answer.index("03-5860-7561")


# ------------------------------------------------------------ which standard


@pytest.mark.parametrize(
    "q, section, standard",
    [
        ("Which standard does the CS mark's management criteria follow?", "2.1.2", "JIS Q 27017"),
        ("Which standard does the Australian scheme refer to in its manual?", "2.3.5", "ISO/IEC 27005"),
    ],
)
def test_which_standard_a_scheme_draws_on_leads_with_the_sentence_naming_it(assistant, q, section, standard):
    ans = assistant.ask(q)
    assert ans.citations[0].section_id == section
    assert standard in ans.citations[0].text


# ------------------------------------------------------------ a number of levels


def test_levels_asked_and_shown():
    assert levels_asked("Which schemes are graded into three tiers?") == 3
    assert levels_asked("レベルが3段階に分かれている制度は？") == 3
    assert levels_asked("第3段階では何をする？") is None
    assert shows_levels("カタログでは、Star3~5 というレベルが設定されている", 3)
    assert shows_levels("認証は、Star3、4、5 のレベル別に発行される", 3)
    assert shows_levels("次の3つのレベルがある", 3)
    assert not shows_levels("「3省3ガイドライン」と呼ばれる", 3)
    assert not shows_levels("次の3つのレベルがある", 2)


@pytest.mark.parametrize("q", ["Which schemes are graded into three levels?", "レベルが3段階に分かれている制度はどれ？"])
def test_schemes_with_a_number_of_levels(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "list"
    # CSA STAR counts its levels, StarAudit numbers them Star3~5, FedRAMP and MTCS count 3 段階
    assert {c.section_id for c in ans.citations} == {"2.2.1", "2.2.2", "2.3.1", "2.3.6"}


# ------------------------------------------------------------ addresses by a part of them


def test_addresses_filtered_by_a_part_the_question_names(assistant):
    # only the addresses with a fragment: the ISMS cloud entry's smpo_doc.html#11 and CSA STAR's #_overview
    ans = assistant.ask("Which web addresses carry a # fragment? Name the sections too.")
    assert {c.section_id for c in ans.citations} == {"2.1.1", "2.2.1"}
    # every address with www, not the CS mark's jcispa.jasa.jp
    ans = assistant.ask("List all the URLs in the report that contain www")
    cited = {c.section_id for c in ans.citations}
    assert "2.1.3" in cited and "2.1.2" not in cited
