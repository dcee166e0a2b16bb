"""The items of a kind a question asks for ("the names of those areas", 「具体的に
どんな考慮事項が」) where the section names the kind and lists none. Our own
examples in the report's wording, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.counted_members import asked_kinds, asks_items_of_kind, count_unnamed, kinds_never_listed

EN = {"areas": ("領域",), "services": ("サービス",)}


def test_the_kind_whose_items_are_asked():
    assert asked_kinds("具体的にどんな考慮事項が書かれていますか？") == ("考慮事項",)
    assert asked_kinds("具体的にどのような機密区分（レベル）が定められているのか") == ("機密区分", "レベル")
    # (asked without 具体的に, a kind is asked about, not its items one by one)
    assert not asks_items_of_kind("どのような機密区分があるのか")
    assert asked_kinds("What are the names of those areas?", lambda w: EN.get(w, ())) == ("領域",)
    # one name asked (singular), or no items at all
    assert not asks_items_of_kind("What is the English name of the board that approves it?")
    assert not asks_items_of_kind("C5の監査基準は？")


def test_a_kind_named_and_never_listed():
    said = ["認証審査では、CCM で規定する管理策領域についてスコアが付けられ、ブロンズ、シルバー、ゴールドのアワードが付与される。"]
    # the awards are listed, not the areas
    assert kinds_never_listed(("領域",), said)
    assert not kinds_never_listed(("アワード",), said)
    # items after a colon, a list announced, or an item named with its kind
    assert not kinds_never_listed(("サービス",), ["② デジタルサービスプロバイダ (DSP) : オンラインマーケットプレイス、オンライン検索エンジン、クラウドコンピューティングサービス"])
    assert not kinds_never_listed(("レベル",), ["STAR プログラムには、次の3つのレベルがあり、このうちレベル 2 が第三者認証である。"])
    assert not kinds_never_listed(("審査",), ["認証は 3 年間有効で、毎年サーベイランス審査が実施される。"])
    assert not kinds_never_listed(("認定",), ["その他、関連当局による認定もある (ATO : Agency Authority to Operate) 。"])
    # one item of another list is not the kind named: the report may call it otherwise
    assert not kinds_never_listed(("利点",), ["サービスに関する情報の提供 (サービスの概説・特徴・技術・利点・費用等) が求められる。"])
    assert not kinds_never_listed(("考慮事項",), ["審査の結果を ECE に報告する。"])


@pytest.mark.parametrize(
    "q",
    [
        "医療分野のガイドラインの項に出てくる「7.1.1 ISMS認証取得時の考慮事項」には、具体的にどんな考慮事項が書かれている？",
        "CSA STAR scores are given per control area of the CCM. What are the names of those areas?",
    ],
)
def test_items_of_a_kind_the_section_never_lists_are_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        ("NIS指令のデジタルサービスプロバイダには具体的にどんなサービスが含まれる？", "2.3.3"),
        ("CSA STARのプログラムにはどんなレベルがある？", "2.2.1"),
    ],
)
def test_items_of_a_kind_the_section_lists_are_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


def test_the_digit_of_a_name_counts_nothing():
    # "SOC2対応" holds a 2 but counts no two things: the members may still be named
    q = "Of the two certifications at that level, which one is tied to SOC2, and what is it called?"
    assert not count_unnamed(q, ["✓ CSA STAR 実践認証 (Attestation) : SOC2対応の認証。"])
