"""How a follow-up is read: a country by the reader's own spelling, 「この報告書」
that means the scheme's report, an English follow-up to a Japanese report, and an
elliptic switch that leaves the old topic. Real model, real index; our own
examples, none an eval question.
"""

from __future__ import annotations

import pytest
from conversekit import converse

from assistant.regions import spellings


def test_a_country_has_the_reader_s_spellings_but_not_the_pronoun_us():
    assert {"uk", "united kingdom", "イギリス"} <= set(spellings("英国"))
    assert "us" not in spellings("米国") and "usa" in spellings("米国")


@pytest.mark.parametrize("follow_up", ["Is there something similar in the UK?", "イギリスにも似た仕組みはある？"])
def test_a_country_written_the_reader_s_way_switches_to_its_scheme(assistant, follow_up):
    _, second = converse(assistant, "FedRAMPとは？", follow_up)
    assert second.resolution["kind"] == "switch"
    assert second.ranked_sections[0] == "2.3.2"


def test_an_english_country_name_is_searched_as_the_report_writes_it(assistant):
    _, second = converse(assistant, "C5の監査基準は？", "And for the United Kingdom?")
    assert second.searched_query.startswith("英国")
    assert "United" not in second.searched_query  # the name is no aspect of its own
    assert not second.abstained


@pytest.mark.parametrize("place, section", [("米国の場合は？", "2.3.1"), ("英国の場合は？", "2.3.2")])
def test_an_elliptic_switch_leaves_the_old_topic_behind(assistant, place, section):
    # the old aspect (監査基準) is carried over, but not the old section: it was C5's
    _, second = converse(assistant, "C5の監査基準は？", place)
    assert second.ranked_sections[0] == section
    assert all(c.section_id != "2.3.4" for c in second.citations)


def test_this_report_after_a_scheme_s_report_is_that_report(assistant):
    _, second = converse(assistant, "SOC2の報告書には何が書かれている？", "この報告書を作成できる監査法人はどこ？")
    assert second.resolution["kind"] == "continue" and second.resolution["topic"] == ["2.4.5"]
    assert second.abstained and second.reason == "absent_aspect"  # no audit firm is named


def test_the_report_in_english_after_a_scheme_s_report_in_japanese_is_that_report(assistant):
    _, second = converse(assistant, "SOC2の保証報告書はどんな構成？", "What can be added to the report beyond the trust services criteria?")
    assert second.resolution == {"kind": "continue", "topic": ["2.4.5"]}
    assert second.ranked_sections[0] == "2.4.5" and second.shape != "meta"


def test_a_name_that_heads_the_turn_is_its_subject_though_the_topic_mentions_it(assistant):
    # 2.4.5 mentions SP 800-53 (SOC2+); the turn is about the publication itself, which 2.4.6 describes
    _, second = converse(assistant, "SOC2+とは何ですか？", "NIST SP 800-53, which auditors in the US like to add to these reports: what does that publication set out?")
    assert second.resolution["kind"] == "switch"
    assert second.ranked_sections[0] == "2.4.6"


def test_this_report_after_a_question_about_the_report_is_still_the_report(assistant):
    _, second = converse(assistant, "この報告書の目的は？", "この報告書の発行日は？")
    assert second.resolution["kind"] == "standalone"
    assert second.ranked_sections[0] == "表紙"


def test_an_english_follow_up_without_a_pronoun_stays_on_a_japanese_topic(assistant):
    # English words cannot be found in a Japanese section, so their absence is no reason to leave
    _, second = converse(assistant, "NIS指令の目的は？", "Which digital service providers are in scope?")
    assert second.resolution["kind"] == "continue"
    assert second.ranked_sections[0] == "2.3.3"


def test_does_the_report_say_frames_a_follow_up_about_the_topic(assistant):
    # the frame asks where to look, not what about: the topic stays C5
    _, second = converse(assistant, "C5の監査基準は？", "Does the report say which assurance standard the audits follow?")
    assert second.resolution["kind"] == "continue" and second.resolution["topic"] == ["2.3.4"]
    assert second.ranked_sections[0] == "2.3.4"
    # (the footnote that spells the standard out may come first: "(ISAE) 3000 (Revised)")
    assert "ISAE" in second.answer and "3000" in second.answer


def test_a_name_with_an_english_word_hyphened_on_is_a_known_name(assistant):
    a = assistant.ask("How long is a StarAudit-certified service's certificate valid?")
    assert not a.abstained
    assert a.ranked_sections[0] == "2.2.2"


def test_the_report_frame_is_taken_off_and_names_keep_their_own_hyphens():
    from assistant.asked_names import question_names
    from assistant.entities import without_report_frame

    assert without_report_frame("Does the report say whether audits may be remote?") == "Audits may be remote?"
    assert without_report_frame("According to the report, who runs G-Cloud?") == "Who runs G-Cloud?"
    assert without_report_frame("What is the purpose of this report?") == "What is the purpose of this report?"
    assert question_names("Is an ISMS-based or StarAudit-certified service needed?") == ["isms", "staraudit"]
    assert question_names("Who runs ISMS-AC?") == ["isms-ac"]


@pytest.mark.parametrize(
    "first, follow_up, section",
    [
        ("医療分野のガイドラインの対象は？", "And for the financial sector's guideline — who wrote it?", "2.1.6"),
        ("CSA STARのレベルは？", "What about the German cloud catalogue?", "2.3.4"),
    ],
)
def test_a_switch_to_a_scheme_described_not_named(assistant, first, follow_up, section):
    _, second = converse(assistant, first, follow_up)
    assert second.resolution["kind"] == "switch"
    assert second.ranked_sections[0] == section


def test_an_aspect_after_a_switch_cue_is_no_description():
    from assistant.described import described_subject

    assert described_subject("What about the validity of the standards?") is None
    assert described_subject("And the standard's requirements?") is None
    assert described_subject("And the banking sector's guideline — where?") == "the banking sector's guideline"
    # a phrase of purpose after the kind noun belongs to the description; a clause does not
    assert described_subject("What about the add-on certification for cloud services — who audits?") == (
        "the add-on certification for cloud services"
    )
    assert described_subject("And the federal program built on SP 800-53 — who?") == "the federal program"


def test_a_description_runs_to_its_phrase_of_purpose(assistant):
    _, second = converse(
        assistant, "CSマークの使用許諾期間は？", "What about the ISMS add-on certification for cloud services: what does it require first?"
    )
    assert second.resolution == {"kind": "switch", "topic": ["2.1.1"]}
    assert second.ranked_sections[0] == "2.1.1"


def test_the_opening_clause_of_a_switch_names_where_it_goes(assistant):
    # the scheme in 「…の場合は？」 is the new topic; the name asked about after it is an aspect
    _, second = converse(assistant, "総務省のガイドラインの目的は？", "政府機関向けの統一基準の場合は？ISO/IEC 27017はどう扱われている？")
    assert second.resolution["kind"] == "switch" and second.resolution["topic"] == ["2.1.3"]
    assert second.ranked_sections[0] == "2.1.3"
    _, second = converse(assistant, "SOC2の対象は？", "CSA STARのレベル2では、SOC2はどう使われている？")
    assert second.resolution["topic"] == ["2.2.1"]


@pytest.mark.parametrize(
    "first, second, section, said",
    [
        # English words that open a new subject before a described scheme
        ("What is MTCS?", "Moving on to the healthcare guidelines from the three ministries: what do they require?", "2.1.5", None),
        ("IRAPを運営しているのは？", "Next, the supplier relationship standard for cloud services — what does it cover?", "2.4.3", None),
        # Japanese: 「…に話を移すと」, 「今度は…について」 (the opening clause may be all the turn says)
        ("What is MTCS?", "銀行向けのガイドラインに話を移すと、何が書かれている？", "2.1.6", None),
        ("C5の監査基準は？", "今度は金融機関向けのガイドラインについて", "2.1.6", None),
        # a part of a standard (クラウド編) is a kind of document described
        ("ISO/IEC 27018の対象は？", "次は供給者関係の規格のクラウド編について、何を定めている？", "2.4.3", None),
        # the description alone finds 図 1-1 (1.2) first: it lists every scheme's name
        ("C5の監査基準は？", "じゃあ供給者管理のクラウド向け規格の場合は？ 何を扱っている？", "2.4.3", None),
        # 「…だと、」 opens a switch like 「…の場合は、」; a typed question (いつ) does not hold it on the topic
        ("ISMSクラウドセキュリティ認証の有効期間は？", "銀行向けの安全対策基準だと、最新版はいつ出た？", "2.1.6", "2019 年 3 月"),
        # "American" in a description is 米国 (CSA STAR's and FedRAMP's place), yet the description as a
        # whole finds the NIST framework: the place is part of the description, not the name switched to
        ("C5の監査基準は？", "Then the American five-function cybersecurity framework — what does it set out?", "2.4.6", None),
        # 「米国のCSF」 names CSF; 米国 (also CSA STAR's and FedRAMP's) only says whose it is
        ("NIS指令の対象となる事業者は？", "米国のCSFは何のために作られた？", "2.4.6", None),
        # "For the …, …": a phrase of scope opens a description, not an aspect of the topic
        ("医療分野のガイドラインは何を求めている？", "For the banking sector's safety standards, when was the latest edition published?", "2.1.6", None),
        # "the EU research project" holds EU (EU-SEC's and the NIS directive's): the description as a
        # whole finds EU-SEC, and "research project" is a thing, not how the report was researched
        ("FedRAMPの目的は？", "Turning to the EU research project on certification: what are its three pillars?", "2.2.3", None),
        # a headline with no cue word, up to its colon: a description up to its kind noun when the
        # rest names another document ("whose controls come from SP 800-53")
        ("CSFの5つの機能は？", "The federal cloud program whose controls come from SP 800-53: who approves the assessments?", "2.3.1", None),
        ("C5の監査基準は？", "The Japanese audit association's cloud mark: how long may a provider use it?", "2.1.2", None),
        # "moving to" opens a switch, and "For X instead:" moves to X
        ("What is MTCS?", "Moving to the NISC unified standards group: what must an agency meet when it uses cloud services?", "2.1.3", None),
        ("銀行向けの安全対策基準の最新版は？", "For hospitals instead: which guideline asks cloud providers for third-party certification?", "2.1.5", None),
    ],
)
def test_a_turn_that_names_or_describes_another_scheme_switches_to_it(assistant, first, second, section, said):
    _, turn = converse(assistant, first, second)
    assert turn.resolution == {"kind": "switch", "topic": [section]}
    assert not turn.abstained and turn.shape != "meta" and turn.ranked_sections[0] == section
    assert said is None or said in turn.answer, turn.answer


def test_a_switch_to_a_scheme_that_asks_who_published_it_is_no_question_about_the_report(assistant):
    _, turn = converse(assistant, "医療分野のガイドラインは何を求めている？", "Under the banking sector's safety standards, who published the latest edition, and when?")
    assert turn.shape == "lookup" and turn.ranked_sections[0] == "2.1.6"
    assert "金融情報システムセンター" in turn.answer and "2019 年 3 月" in turn.answer


def test_a_return_by_title_words_prefers_the_topic_they_fit_best(assistant):
    # "cloud security" (in the report's words クラウド, セキュリティ) fits ISMS クラウドセキュリティ認証's title
    # better than the more recent 総務省によるクラウド事業者のためのガイドライン, which shares クラウド only
    turns = converse(
        assistant, "ISMSクラウドセキュリティ認証の認証基準は？", "総務省のクラウド事業者向けガイドラインの目標は？", "C5の監査基準は？",
        "Going back to the cloud security one, what is it based on?",
    )
    assert turns[-1].resolution == {"kind": "return", "topic": ["2.1.1"]}


def test_this_guideline_is_the_topic_s_guideline_not_the_report(assistant):
    # 「この報告書」 or 「このガイド」 would be the report in hand; 「このガイドライン」 is the topic's
    turns = converse(assistant, "総務省のクラウド事業者向けガイドラインの第2版はいつ出た？", "このガイドラインでは、クラウドの利用がどうなることを目指していると書かれている？")
    assert turns[-1].resolution == {"kind": "continue", "topic": ["2.1.4"]}, turns[-1].answer


def test_the_report_s_wording_asked_for_is_no_question_about_the_report(assistant):
    # "with the report's Japanese names" says how to answer, not that the turn is about the report
    turns = converse(
        assistant, "ISO/IEC 27036はどんな規格のシリーズ？", "Which parts make up the series, with the report's Japanese names for them?"
    )
    assert turns[-1].resolution == {"kind": "continue", "topic": ["2.4.3"]}, turns[-1].answer


def test_a_report_another_word_qualifies_is_not_this_report():
    from assistant.entities import mentions_report

    assert mentions_report("報告書の結論では？") and mentions_report("What is JIPDEC's report for?")
    assert not mentions_report("保証報告書は誰が出す？")
    assert not mentions_report("Who signs the auditor report?")


def test_a_follow_up_about_the_scheme_s_own_report_stays_on_the_scheme(assistant):
    # "the assurance report" after SOC2 is SOC2's report, not a question about this one
    turns = converse(assistant, "SOC2の報告書は誰が作成する？", "How is the audit report organised?")
    assert turns[1].resolution["kind"] == "continue"
    assert turns[1].ranked_sections[0] == "2.4.5"


@pytest.mark.parametrize("follow_up", ["What is the published mapping useful for?", "Who published the mapping, and what is it for?"])
def test_a_follow_up_about_what_a_scheme_published_stays_on_the_scheme(assistant, follow_up):
    # "published" asks about the report only when the turn speaks of the report; here the topic is C5
    turns = converse(assistant, "ドイツのC5の監査基準は？", follow_up)
    assert turns[1].resolution["kind"] == "continue"
    assert turns[1].ranked_sections[0] == "2.3.4"


def test_where_to_look_is_not_what_a_follow_up_is_about(assistant):
    # "according to the report" names the source, not a new subject: the turn stays on MTCS
    turns = converse(assistant, "シンガポールのMTCSはいつ発行された？", "What is the standard meant to encourage, according to the report?")
    assert turns[1].resolution["kind"] == "continue"
    assert turns[1].ranked_sections[0] == "2.3.6"
    assert "according" not in turns[1].searched_query


@pytest.mark.parametrize(
    "follow_up",
    [
        "Which sections speak of JIS standards? Cover the whole report.",
        "別件で、「推奨」という語が出てくる節はどれ？",
        "Moving on: which sections mention the word マッピング?",
        # 「ところで」, "by the way" at the start turn to something else too
        "ところで、「推奨」という語が出てくる節はどれ？",
        "By the way, which sections mention the word マッピング?",
        # 「質問を変えます」「全然違う話ですが」「話を切り替えて」: the speaker says the question changes
        "質問を変えます。本文で「以下」が使われている節を全部挙げて",
        "全然違う話ですが、本文で「以下」が使われている節を全部挙げて",
        "話を切り替えて、本文で「以下」が使われている節を全部挙げて",
    ],
)
def test_a_turn_over_the_whole_report_or_after_a_stated_change_stands_alone(assistant, follow_up):
    turns = converse(assistant, "FISCの安全対策基準は何版？", follow_up)
    assert turns[1].resolution["kind"] == "standalone"
    assert turns[1].shape == "list"
    assert "FISC" not in turns[1].searched_query


def test_this_and_the_kind_of_the_topic_stay_on_it_whatever_place_is_named(assistant):
    # 「この指令」 is the NIS directive; 英国 (G-Cloud's place) only says where the aspect is asked about
    turns = converse(assistant, "NIS指令の目的は？", "英国ではこの指令にどう対応している？", "What must a provider do when an incident seriously affects its service?")
    assert turns[1].resolution["kind"] == "continue" and turns[1].ranked_sections[0] == "2.3.3"
    assert turns[2].ranked_sections[0] == "2.3.3"


def test_a_word_of_the_reports_parts_about_what_only_entries_hold_is_no_question_about_the_report(assistant):
    # "secretariat" is a word of the committee page, but the body asked about is NISC, in 2.1.3
    ans = assistant.ask("Which office serves as the secretariat of the government's cybersecurity strategy headquarters?")
    assert ans.shape != "meta" and ans.ranked_sections[0] == "2.1.3", ans.answer
    # the committee itself is still the report's own part
    assert assistant.ask("Who were the committee members?").shape == "meta"


@pytest.mark.parametrize("pointer", ["同じ図で、ISO/IEC 27017が載っている欄はどこ？", "In the same figure, which columns list ISO/IEC 27017?"])
def test_the_same_figure_stays_with_the_figure_whatever_scheme_it_names(assistant, pointer):
    # (「同じ」 points at the figure, not at the last topic; the scheme is a cell of the figure)
    *_, last = converse(assistant, "図1-1には何が載っている？", "IRAPの概要は？", pointer)
    assert last.ranked_sections[0] == "1.2"


@pytest.mark.parametrize(
    "back",
    [
        "Once more on the conclusion: what did the study confirm?",
        # (words of the last topic's section, 安全性 and 品質, do not keep the turn there)
        "One more point on the conclusion: besides safety, which quality of cloud services does it call important?",
        "Back to the closing pages: besides safety, which quality of cloud services does it call important?",
    ],
)
def test_once_more_on_a_part_of_the_report_goes_back_to_it(assistant, back):
    *_, last = converse(assistant, "What does the conclusion say about ISO 22301?", "StarAuditのカタログの領域は？", back)
    assert last.ranked_sections[0] == "おわりに"


def test_a_name_after_the_return_clause_is_what_the_turn_asks_about(assistant):
    # "Going back to <description>: which <other scheme's name> …": the return goes to the scheme
    # described before the colon; the name after it is part of the question
    *_, last = converse(
        assistant,
        "FedRAMPの評価は誰が行う？",
        "C5の監査基準は？",
        "Going back to the US government cloud programme: which NIST publication do its controls come from?",
    )
    assert last.resolution["kind"] == "return"
    assert last.ranked_sections[0] == "2.3.1"


def test_a_turn_asking_where_a_word_is_used_asks_it_of_the_whole_report(assistant):
    # "Switching to wording" opens no switch to a scheme the words describe: every section
    # that uses the word answers, the last topic's among them
    *_, last = converse(
        assistant, "What is ISO/IEC 27018 for?", "Switching to wording: which sections use the word 利用者, and who are the users in each case?"
    )
    assert last.resolution["kind"] == "standalone"
    assert last.shape == "list" and len({c.section_id for c in last.citations}) >= 4


def test_a_place_in_the_description_of_an_earlier_topic_goes_back_to_it(assistant):
    *_, back = converse(
        assistant,
        "医療分野のガイドラインで、米国の参考情報はどの法律に基づく制度を紹介している？",
        "C5の監査基準は？",
        "Returning to the medical guidelines' American note: what is the incentive programme called?",
    )
    assert back.resolution["kind"] == "return" and back.ranked_sections[0] == "2.1.5", (back.resolution, back.ranked_sections[:3])
