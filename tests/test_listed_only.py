"""Members beyond those the report lists: real sentences of the report, our own
questions (none an eval question); the real model and index for the answers."""

from __future__ import annotations

from assistant.listed_only import only_those_listed, set_aside_members

C5_SECTIONS = "C5の要求事項は、17のセクションで構成されている（例：情報セキュリティのための組織、要員、資産管理、物理的セキュリティ、運用等）。"
C5_SOURCES = "要求事項は、ISO/IEC 27001、Cloud Security AllianceのCloud Controls Matrix (CSA CCM)、ドイツ国内規格、各国の規格等を参照して作成されている。"


def test_the_members_a_question_sets_aside_are_read_without_its_subject():
    assert set_aside_members("C5の要求事項は、ISO/IEC 27001とCSA CCM以外にどんな規格を参照している？") == ["iso/iec27001", "csaccm"]
    assert set_aside_members("Besides ISO/IEC 27001 and the CSA CCM, what else did C5 draw on?") == ["iso/iec27001", "csaccm"]
    # one member is no list to go beyond
    assert set_aside_members("ISO/IEC 27001以外に参照している規格は？") == []


def test_others_are_not_stated_only_when_the_list_holds_no_more():
    beyond_examples = "C5のセクションのうち、組織、要員、資産管理、物理的セキュリティ、運用のほかにはどんなものがある？"
    assert only_those_listed(beyond_examples, [C5_SECTIONS])
    # the list goes on after the members named: the next one answers
    assert not only_those_listed("C5の要求事項は、ISO/IEC 27001とCSA CCM以外にどんな規格を参照している？", [C5_SOURCES])


def test_a_question_beyond_the_examples_the_report_gives_is_not_stated(assistant):
    beyond = assistant.ask("C5のセクションのうち、組織、要員、資産管理、物理的セキュリティ、運用のほかにはどんなものがある？")
    assert beyond.abstained and beyond.reason == "absent_aspect", beyond.answer
    more = assistant.ask("C5の要求事項は、ISO/IEC 27001とCSA CCM以外にどんな規格を参照している？")
    assert not more.abstained and "ドイツ国内規格" in more.answer


MTCS_GUIDANCE = "ISO/IEC 27001 との対応ガイダンス、ISO/IEC 27018 との対応ガイダンス等が発行されている。"


def test_two_names_sharing_one_tail_are_two_members():
    # 「AとBとの対応ガイダンス」: と before a Latin name joins two names
    q = "シンガポールの制度では、ISO/IEC 27001とISO/IEC 27018との対応ガイダンスを除くと、どの規格の対応ガイダンスがある？"
    assert only_those_listed(q.replace("を除くと", "のほかに"), [MTCS_GUIDANCE])


def test_others_of_a_typed_kind_beyond_the_list_are_not_stated(assistant):
    # "which standard" asks a typed value; the list of those set aside holds no more all the same
    ans = assistant.ask("MTCSの対応ガイダンスは、ISO/IEC 27001とISO/IEC 27018との対応ガイダンスのほかに、どの国際規格について出ている？")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    more = assistant.ask("C5の要求事項は、ISO/IEC 27001とCSA CCM以外にどの規格を参照している？")
    assert not more.abstained and "ドイツ国内規格" in more.answer
