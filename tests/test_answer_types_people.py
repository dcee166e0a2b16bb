"""A person by office, the number of a law or directive, a city: types of answer a
report of schemes seldom gives. Real model, real index for the answers; our own
examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import answers_type, expected_type, gives_type


def test_a_person_is_asked_by_office_not_by_who_does_a_thing():
    assert expected_type("BSIの長官は誰？") == "person" == expected_type("Who is the director of the Australian Signals Directorate?")
    assert expected_type("Who chaired the committee?") == "person"
    # an organisation that does something, or approving something, is no person
    assert expected_type("Who runs G-Cloud?") is None and expected_type("Who signs off on the assessment?") is None
    # an office asked by "which": a person, whatever office; 大統領令 is an order, not an office
    assert expected_type("Which US president signed the order?") == "person" == expected_type("どの大統領が署名した？")
    assert expected_type("CUIはどの大統領令で定義された？") != "person"
    assert gives_type("主査 山田 太郎 (JIPDEC)", "person")
    assert not gives_type("合同承認委員会 (JAB) が承認する", "person")
    assert not gives_type("Australian Signals Directorate (ASD)", "person")


def test_an_office_alone_or_a_word_with_sama_names_no_person():
    # a kind of reader, not a person; 様 in 様々 is no honorific
    assert not gives_type("組織の ISMS の構築・運用に携わっている方及び責任者を対象とした参考資料", "person")
    assert not gives_type("CSP の提供する様々なセキュリティコントロール", "person")
    assert not gives_type("the director of the agency approves it", "person")
    assert gives_type("委員長 佐藤 一郎 氏", "person") and gives_type("Director Jane Doe signed it", "person")
    assert gives_type("主査：駒瀬 彰彦", "person") and gives_type("委員長の佐藤氏が述べた", "person")
    assert not gives_type("Director General of the agency", "person") and not gives_type("多様なサービス", "person")


def test_when_a_law_was_made_is_not_when_rules_under_it_change():
    question = "When was HIPAA enacted?"
    assert not answers_type("2019年度の制度変更に伴い、HIPAA規則の改正に向けた作業が行われている。", question, "date")
    assert not answers_type("a significant change in 2019", question, "date")
    assert answers_type("NIS 指令は 2016 年 8 月に発効され", "When was the NIS Directive enacted?", "date")


def test_when_a_text_came_into_force_is_not_when_it_was_published():
    question = "When did the directive come into effect?"
    assert not answers_type("(原文公表：2013年12月) 国際保証業務基準 3000号", question, "date")
    assert answers_type("NIS 指令は 2016 年 8 月に発効され", question, "date")
    assert not answers_type("2013 年に発行された規格", "この規格はいつ施行された？", "date")


def test_the_number_a_grant_or_registration_is_filed_under_is_an_identifier():
    assert expected_type("What is the project's grant agreement number?") == "identifier"
    assert expected_type("CSマークの登録番号は？") == "identifier"


def test_the_number_of_a_law_is_not_that_of_a_standard():
    assert expected_type("NIS指令の正式な番号は？") == "identifier" == expected_type("What is the directive's official number?")
    assert expected_type("ISO/IEC 27017の番号は？") is None
    assert gives_type("サイバーセキュリティ基本法（平成26年法律第104号）", "identifier")
    assert gives_type("Directive (EU) 2016/1148", "identifier")
    assert not gives_type("ISO/IEC 27001 に基づく", "identifier")


def test_a_city_is_no_country():
    assert expected_type("In which city is it headquartered?") == "city" == expected_type("本部はどの都市にある？")
    assert expected_type("In which German city is BSI based?") == "city"
    assert not gives_type("欧州連合の機関", "city") and not gives_type("豪州の政府機関", "city")
    assert not gives_type("CSA STAR (本部：米国)", "city")


@pytest.mark.parametrize(
    "question",
    [
        "ドイツ情報セキュリティ庁(BSI)の長官は誰？",
        "Who heads the Australian Signals Directorate?",
        "NIS指令の正式な指令番号は？",
        "In which city is the Cloud Security Alliance headquartered?",
        "ISMSクラウドセキュリティ認証を運営する認定センターのトップは誰？",
        "What is the EU-SEC project's contract number?",
        "Which US president signed the executive order that defined CUI?",
    ],
)
def test_a_person_a_law_number_or_a_city_the_report_does_not_give_is_not_stated(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.to_json()["reason"] == "absent_aspect"


def test_a_law_number_and_a_committee_chair_the_report_gives_are_answered(assistant):
    law = assistant.ask("統一基準群の根拠になっている法律の番号は？")
    assert not law.abstained and "第104号" in law.answer.replace(" ", "")
    chair = assistant.ask("この報告書をまとめた専門部会の主査は誰？")
    assert not chair.abstained and chair.ranked_sections[0] == "ISMS専門部会"


@pytest.mark.parametrize("question", ["NIST SP 800-171の109項目の要件を、それぞれ名前で挙げて。", "Name the 109 requirements of NIST SP 800-171."])
def test_the_members_of_a_count_the_report_only_counts_are_not_stated(assistant, question):
    # 「14 分野 109 項目にわたる」 gives the numbers, not the requirements' names
    answer = assistant.ask(question)
    assert answer.abstained and answer.to_json()["reason"] == "absent_aspect"


@pytest.mark.parametrize("question", ["CSマークの2種類の名前は？", "What are the three levels of CSA STAR called?", "Name the 5 functions of the NIST CSF."])
def test_the_members_of_a_count_the_report_names_are_answered(assistant, question):
    assert not assistant.ask(question).abstained


def test_how_many_to_give_is_no_count_the_question_cites():
    from assistant.counted_members import cited_counts

    assert cited_counts("What are those 14 areas called?") == [14] == cited_counts("14分野の名前は？")
    assert cited_counts("Name two documents it refers to.") == [] == cited_counts("参照先の文書を2つ挙げて。")
    assert cited_counts("What does the SP 800 series cover?") == [] == cited_counts("3省3ガイドラインの名称は？")


def test_the_body_an_organisation_belongs_to_is_a_type_of_answer(assistant):
    assert expected_type("Which department is the GDS team part of?") == "parent" == expected_type("NISTはどの省に属している？")
    # which body runs a scheme, or who belongs to a consortium, is another question
    assert expected_type("Which agency runs IRAP?") is None
    assert expected_type("Which organisation is part of the EU-SEC consortium?") is None
    assert gives_type("FedRAMP PMO : GSA (General Services Administration) 内に設置されている。", "parent")
    # the report says where the PMO sits, not which department the UK team belongs to
    assert not assistant.ask("Which agency does the FedRAMP PMO sit in?").abstained
    answer = assistant.ask("Which UK ministry is the team behind the G-Cloud framework part of?")
    assert answer.abstained and answer.to_json()["reason"] == "absent_aspect"


def test_where_an_organisation_is_based_is_answered_only_where_the_report_says_it(assistant):
    assert expected_type("Where is JASA based?") == "headquarters" == expected_type("JIPDECの本部はどこにある？")
    # a name and a condition are no question of where
    assert expected_type("Under which law does the Cybersecurity Strategic Headquarters act?") is None
    assert expected_type("Where in the code of practice based on ISO/IEC 27002 is the list?") != "headquarters"
    assert expected_type("Where are the data centres located?") is None and expected_type("戦略本部はどの省庁に置かれている？") != "headquarters"
    assert not gives_type("サイバーセキュリティ戦略本部が定める", "headquarters")
    unsaid = assistant.ask("JIPDECの本部はどこにある？")
    assert unsaid.abstained and unsaid.to_json()["reason"] == "absent_aspect"
    said = assistant.ask("CSA STARの本部はどこ？")
    assert not said.abstained and said.ranked_sections[0] == "2.2.1" and "米国" in said.answer


def test_longer_forms_of_a_person_and_a_regulator_asked():
    assert expected_type("合同承認委員会の議長を務めているのは、どの機関の誰ですか？") == "person"
    assert expected_type("Which Japanese ministry supervises ISMS-AC?") == "regulator"


def test_a_time_of_day_is_asked_and_given_by_a_clock_time():
    assert expected_type("JIPDECの電話の受付時間は？") == "clock" == expected_type("During what hours is the help desk open?")
    # how many hours is a duration, not a time of day
    assert expected_type("審査には何時間かかる？") != "clock"
    assert gives_type("受付時間 9:30～17:30 (土日祝日を除く)", "clock") and gives_type("平日午前10時から", "clock")
    assert not gives_type("TEL 03-5860-7561 FAX 03-5573-0561", "clock")
    assert not gives_type("24 時間以内に通知する", "clock")


def test_a_time_of_day_the_report_does_not_give_is_not_stated(assistant):
    ans = assistant.ask("What are JIPDEC's telephone opening hours?")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
