"""Details a report may give or leave unsaid: what an acronym stands for, who
makes up a body, the JIS counterpart of a standard, where holders are listed,
and typed details asked in many words. Real corpus text; real model and index
for the answers; our own examples, none an eval question.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_type import expected_type, gives_type
from assistant.body_members import asks_body_members, members_unnamed
from assistant.counterparts import counterpart_given, tied_standard
from assistant.expansions import Expansions, asked_acronym, asked_rendering
from assistant.question_words import is_polar_question

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jipdec-cloud-2019.md"


@pytest.fixture(scope="module")
def spelled() -> Expansions:
    return Expansions([CORPUS.read_text(encoding="utf-8")])


# ---------------------------------------------------------------- reading the question and the text


def test_the_acronym_asked_to_be_spelled_out():
    assert asked_acronym("What does NIST stand for?") == "NIST"
    assert asked_acronym("「ECE」って何の略？") == "ECE"
    assert asked_acronym("Spell out what C5 stands for.") == "C5"
    assert asked_acronym("In the FedRAMP entry, the abbreviation JAB is spelled out how?") == "JAB"
    assert asked_acronym("What is the abbreviation GSA spelled out as?") == "GSA"
    # its name in words: in Japanese, in full
    assert asked_acronym("What Japanese term does the report give for PHI?") == "PHI"
    assert asked_acronym("医療分野の項でCEに当てられている日本語は？") == "CE"
    assert asked_acronym("What is the full name for the JAB?") == "JAB"
    # what body or word it is short for
    assert asked_acronym("このURLの「NICT」は何という組織の略称？") == "NICT"
    assert asked_acronym("ECEはどこの団体の略称ですか") == "ECE"
    # its full form asked for, or the abbreviation to be spelled out
    assert asked_acronym("What full form of the acronym SaaS does the report give?") == "SaaS"
    assert asked_acronym("Spell out in English the abbreviation AICPA.") == "AICPA"
    # a quoted word in lower case is asked about as written (a web address's part)
    assert asked_acronym("アドレスの「gov」は何の略？") == "gov"
    # (a name of several words is no acronym: the NIS Directive)
    assert asked_acronym("What Japanese name does the report give for the NIS Directive?") is None
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
    # inside a bracket that glosses another name: "(NIST SP 800-53 [IPA (独立行政法人…) 訳] より要約)"
    # spells out IPA, not SP
    assert spelled.spelled_out("SP") is False
    # one of a list of members in a bracket: "(Fraunhofer Fokus, CSA, PwC Germany 含む 8 組織)"
    assert spelled.spelled_out("PwC") is False
    # never used: an unknown name, not an unwritten expansion
    assert spelled.spelled_out("ISMAP") is None


def test_who_makes_up_a_body_the_report_names_only_as_a_whole():
    assert asks_body_members("Which departments serve on the FedRAMP board?") and asks_body_members("JABはどの省庁で構成される？")
    assert not asks_body_members("How is an assessment made reusable by other agencies?")
    # the make-up said, with a name the question does not give
    said = ["EU-SEC Consortium (Fraunhofer Fokus, CSA, PwC Germany 含む 8 組織)"]
    assert not members_unnamed("Which organisations make up the EU-SEC consortium?", said)
    # ...and only names the question gives already
    assert members_unnamed("Besides Fraunhofer Fokus, CSA and PwC Germany, which organisations make up the consortium?", said)


def test_the_jis_counterpart_asked_of_one_standard():
    assert tied_standard("ISO/IEC 27002に対応するJIS規格は？") == "27002" and tied_standard("What is the JIS number for ISO/IEC 20000-1?") == "20000-1"
    assert tied_standard("どのJIS規格に準拠している？") is None
    lines = ["ISO/IEC 29100:2011 Information technology – Privacy framework", "(JIS X 9250:2017 プライバシーフレームワーク)"]
    # the line right after the one that names it, or the JIS number itself
    assert counterpart_given("29100", lines) and counterpart_given("27017", ["国内規格化したものが JIS Q 27017 である。"])
    assert not counterpart_given("27018", lines)


def test_types_of_detail_asked_in_other_words():
    assert expected_type("Where can I look up which providers hold the CS mark?") == "registry"
    assert expected_type("CSマーク取得企業の一覧はどこで見られる？") == "registry"
    # a list inside a text is no list of holders
    assert expected_type("Where in ISO/IEC 27017 is the list of references?") != "registry"
    # the first holder, asked after the verb
    assert expected_type("CSマークの認証を取った最初の企業は？") == "first_holder" == expected_type("C5を取得した最初の会社はどこ？")
    # the next revision is a date to come; a "FIRST VERSION" is an edition, no first holder
    assert expected_type("When is the next revision of the FISC standards due?") == "future"
    assert not gives_type("「D.2.4 EU-SEC FRAMEWORK – FIRST VERSION」が発行されている", "first_holder")


def test_counts_of_times_and_ordinals():
    assert expected_type("How many times can it be extended?") == "times" == expected_type("延長は何回できる？")
    assert expected_type("How many times a year is it audited?") == "frequency"
    assert gives_type("延長申請は 2 回まで可能", "times") and not gives_type("3 年間延長することが可能", "times")
    # an ordinal counts nothing
    assert not gives_type("情報技術－サービスマネジメントー第 1 部：要求事項", "number", ("部", "パート"))
    assert gives_type("ISO/IEC 27036 は 4 部構成であり", "number", ("部", "パート"))


def test_a_common_name_the_report_gives_names_its_section(assistant):
    # 名称 row: 「…以下のガイドラインは、通称として、「3省3ガイドライン」と呼ばれることがある」
    assert [m.alias.section_id for m in assistant.entities.find("3省3ガイドラインの対象は？")] == ["2.1.5"]


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    "q",
    [
        # an acronym the report only names: "Hong Kong OGCIO 等"
        "Hong Kong OGCIO って何の略？",
        "NISTのSP 800シリーズの「SP」って何の略？",
        # the members of a board the section names only as a whole
        "Which government departments serve on FedRAMP's JAB?",
        "FedRAMPのJABはどの省庁で構成される？",
        # a JIS number, which the report gives for other standards only
        "ISO/IEC 20000-1に対応するJIS規格の番号は？",
        # a list of holders the report never mentions (G-Cloud's Digital Marketplace is one it does)
        "Where can I look up which providers hold the CS mark?",
        # named by its common name, the medical guidelines give no validity (StarAudit's 3 years is not theirs)
        "3省3ガイドラインの有効期間は何年？",
        # a renewal audit (更新審査) is no revision: 「数年おきに改訂」 does not say how often one is held
        "総務省のクラウド事業者向けガイドラインの更新審査の頻度は？",
        # the names of the companies that hold it; the certification bodies MTCS names (… Pte Ltd) hold nothing
        "C5を取得した日本企業の名前は？",
        "Which companies have obtained MTCS certification?",
        # read as a list, but of one named scheme's detail: its penalties, which the section never gives
        "What penalties apply for breaching the FISC standards?",
        # the ISMS cloud certification started in 2016; when the body behind it was founded is not said
        "In which year was the organisation that runs the ISMS cloud security certification founded?",
        # read as a definition ("What is … under X?"), but asks for an amount the section never gives
        "What is the highest fine under the NIS Directive?",
        # the FISC section names the private foundation only, no ministry over it
        "FISCを監督している官庁はどこ？",
        # the report gives 29100:2011, never a year of 27001
        "ISMSクラウドセキュリティ認証が前提とするISO/IEC 27001は何年版？",
        # a number of member states, which 「EU 各加盟国」 does not give; a number of registered people
        "How many member states have implemented the NIS Directive?",
        "IRAP審査員の登録者数は？",
        # a count of times: 「3 年間延長することが可能」 says for how long, not how many times
        "How many times can the StarAudit certificate be renewed?",
        "CSマークの使用許諾は何回まで延長できる？",
        # people by office or by authorship, which the sections never name
        "Who was the executive director of ENISA when the NIS Directive was adopted?",
        "JASAのトップ（理事長）は誰？",
        "Who are the authors of NIST SP 800-144?",
        # a yes or no about a numbered standard the scheme's section never names
        "Does the NIST Cybersecurity Framework list references to ISO/IEC 27018 among its informative references?",
        "C5の要求事項はISO/IEC 20000-1を参照している？",
        # ...or about an acronym the report uses elsewhere (IaaS in はじめに), never in that section
        "FedRAMPの認可はIaaSとSaaSで手続きが違う？",
        # a quantity the report's own parts do not give
        "はじめにによると、日本のクラウドサービス市場の規模は何億円？",
        "本書の主旨では、クラウドサービスを導入した企業の割合を何パーセントとしている？",
        # a deputy or a successor the report's own parts do not name
        "巻末の名簿で副主査を務めているのは誰？",
        "おわりにで触れている第5期科学技術基本計画の後継となる計画は？",
        # what an acronym only a web address holds stands for (jst.go.jp)
        "NIS指令の関連URLにあるjst.go.jpの「JST」は何という組織の略称？",
        # a later change of a programme (「2019年度の…への制度変更」) is not when it began
        "When did the Meaningful Use incentive scheme begin in the US?",
        # a number of providers asked as 「…事業者はどのくらい？」: G-Cloud's section gives none
        "G-Cloudに登録している事業者はどのくらい？",
        # the body a scheme's operator belongs to, which its section never says (ASD's ministry)
        "IRAPを運用するASDはどの機関に属している？",
        # a committee or working group the scheme's section never names
        "Which working group of the Cloud Security Alliance developed the STAR programme?",
        "Which ENISA committee drafted the NIS Directive?",
        "Which ISO/IEC subcommittee developed ISO/IEC 27018?",
        "総務省のどの検討会が医療情報のガイドラインを作った？",
        # a person by the office they hold in a body the report names only as a whole
        "Which officer in the buying agency signs off an IRAP accreditation?",
        # who was first, with the scheme's long name between 最初に and 取得
        "最初にISMSクラウドセキュリティ認証を取得した組織はどこ？",
        # when a committee was set up: its roster gives no date (the cover's is the report's)
        "ISMS専門部会はいつ設置された？",
    ],
)
def test_a_detail_the_report_does_not_give_is_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        # acronyms the report writes out
        ("ENISAは何の略？", "2.3.3"),
        ("What does A2LA stand for?", "2.3.1"),
        # a roster names the members of its committee
        ("ISMS専門部会を構成する委員は誰？", "ISMS専門部会"),
        # JIS Q 27002 is 27002's
        ("What is the JIS number for ISO/IEC 27002?", "2.1.4"),
        ("Where is the list of G-Cloud suppliers' services published?", "2.3.2"),
        # 「いくつ…名前も全部」 is answered by listing them
        ("NIST関連の文書はいくつ紹介されてる？名前も全部。", "2.4.6"),
        ("What is the NIS Directive?", "2.3.3"),
        # the MTCS section names its agency (…庁); an edition year the report gives
        ("MTCSを監督している官庁は？", "2.3.6"),
        ("ISO/IEC 29100は何年版？", "2.4.2"),
        # a count of parts the report gives, and how often an audit is held
        ("How many parts does ISO/IEC 27036 have?", "2.4.3"),
        ("How many times a year is the ISMS cloud security certification audited?", "2.1.1"),
        # the committee's chair is named on its roster
        ("ISMS専門部会の主査は誰？", "ISMS専門部会"),
        # a standard's first edition drawn up (「初版は 1985 年に…策定」) is when it began
        ("When did the FISC safety standards start?", "2.1.6"),
        # a kind of answer named in what the question sets aside is not asked for
        ("Besides lower initial costs, what does the introduction say cloud services reduce?", "はじめに"),
        ("初期導入コスト以外に、はじめにではクラウドサービスが何を軽減するとしている？", "はじめに"),
        # ...and it is the committee that wrote the report
        ("本書の作成・レビューにあたったのはどの部会？", "ISMS専門部会"),
        # ...and one it names
        ("FedRAMPはNIST SP 800-53に基づいている？", "2.3.1"),
        ("Does the ISMS cloud security certification add ISO/IEC 27017 controls?", "2.1.1"),
        ("Does StarAudit cover IaaS, PaaS and SaaS services?", "2.2.2"),
    ],
)
def test_a_detail_the_report_gives_is_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


@pytest.mark.parametrize(
    "q, said",
    [
        ("What is the full name for the JAB?", "Joint Authorization Board"),
        ("What is the JAB short for?", "Joint Authorization Board"),
        ("医療分野の項でCEに当てられている日本語は？", "適用対象主体"),
    ],
)
def test_the_sentence_that_writes_an_acronym_out_answers_what_it_stands_for(assistant, q, said):
    ans = assistant.ask(q)
    assert not ans.abstained and said in ans.citations[0].text


def test_a_standard_the_report_only_cites_is_not_described():
    from assistant.named_only import asked_standards, described

    assert asked_standards("ISO/IEC 17020は何を定めている規格？") == ["17020"]
    assert asked_standards("What does ISO/IEC 27002 specify?") == ["27002"]
    assert asked_standards("Which standard does IRAP reference?") == []
    # cited only, as what something follows; described as a sentence's subject, or in a title
    assert not described("17020", [], ["3PAO は、ISO/IEC 17020 に従って A2LA の認定を受ける必要がある。"])
    assert described("29100", [], ["ISO/IEC 29100:2011 Information technology – Privacy framework"])
    assert described("800", [], ["NIST が発行する文書の中でも、SP 800 シリーズは、…文書であり"])
    assert described("27017", ["2.4.1 ISO/IEC 27017"], [])


@pytest.mark.parametrize(
    "q, absent",
    [
        ("ISO/IEC 17020は何を定めている規格？", True),
        ("ISO/IEC 29100は何を定めている？", False),
        # any noun between どんな and を: 「どんなテーマを扱う」, 「どういう分野を対象とする」
        ("ISO/IEC 17020は、どんなテーマを扱う規格ですか？", True),
        ("ISO/IEC 29100は、どういう分野を対象とする規格？", False),
    ],
)
def test_what_a_standard_says_is_not_stated_when_the_report_only_cites_it(assistant, q, absent):
    ans = assistant.ask(q)
    assert ans.abstained is absent, ans.answer


@pytest.mark.parametrize(
    "q",
    [
        # the report writes JIS and ISO/IEC only in standards' designations, never spelled out
        "CSマークの項に出てくる「JIS」は何の略？",
        "What do the abbreviations ISO and IEC stand for?",
        # used only in a web address, asked in lower case; and asked for as a full form
        "C5の項のアドレスにある「bund」は何の略？",
        "What full form of the abbreviation TUV does the MTCS entry give?",
        "本書の主旨で、ISO/IEC 27001 の「ISO」は何の略だと説明されていますか？",
    ],
)
def test_an_acronym_the_report_uses_only_in_designations_is_not_spelled_out(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize(
    "q, words",
    [
        ("What does MTCS stand for?", "Multi-Tier Cloud Security"),  # its initials, before a bracket that goes on
        ("JABは何の略？", "Joint Authorization Board"),
    ],
)
def test_an_acronym_the_report_spells_out_is_answered(assistant, q, words):
    ans = assistant.ask(q)
    assert not ans.abstained and words in ans.answer, ans.answer


def test_a_term_the_report_names_only_inside_a_quoted_title_is_not_defined(assistant):
    # 「4.1.2 約款による外部サービスの利用」 is a title the report quotes; it never says what such a service is
    ans = assistant.ask("「約款による外部サービス」はどう定義されていますか？")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_a_term_the_report_quotes_on_its_own_is_still_answered(assistant):
    ans = assistant.ask("「公正な情報取扱原則」はどう定義されていますか？")
    assert not ans.abstained and "Fair Information Practice Principles" in ans.answer, ans.answer


@pytest.mark.parametrize(
    "q, polar",
    [
        ("FedRAMPの評価結果は誰でも閲覧できるの？", True),  # 誰でも: anyone, no question word
        ("C5の報告書はいつでも取得できますか？", True),
        ("C5の報告書は誰が発行するの？", False),
        ("SOC2で選べる分野にはどんなものがありますか？", False),
    ],
)
def test_a_question_word_made_indefinite_by_mo_asks_yes_or_no(q, polar):
    assert is_polar_question(q) is polar


def test_a_yes_no_question_with_daredemo_is_checked_for_its_unsaid_words(assistant):
    ans = assistant.ask("NISTのSP 800シリーズは誰でも無料でダウンロードできるの？")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_a_web_address_answers_for_a_document_only_where_the_report_gives_it_with_it(assistant):
    # the entry's link row is the scheme's page, not the page of a document the entry names
    doc = assistant.ask("Where can the requirements document JIP-ISMS517 be downloaded? Give its URL.")
    assert doc.abstained and doc.reason == "absent_aspect", doc.answer
    # the entry's own link is given
    own = assistant.ask("Which web address does the ISMS cloud security certification entry give as its related URL?")
    assert not own.abstained and "https://" in own.answer


def test_some_is_no_count(assistant):
    # 「いくつか挙げた」 says "some", not "how many": the choice asked for is stated
    a = assistant.ask("本書の主旨では、留意すべき点をいくつか挙げていますが、本書が特に扱うのはどれですか？")
    assert not a.abstained
    assert "特に安全性について紹介" in a.answer
    assert expected_type("管理策はいくつありますか？") == "number"


@pytest.mark.parametrize(
    "q, stated",
    [
        # the roster writes this body without a short form
        ("名簿に出てくる日本マネジメントシステム認証機関協議会の略称は何ですか？", False),
        ("総務省の略称は？", False),
        # …and gives these beside the name, in a bracket or before one
        ("日本情報経済社会推進協会の略称は？", True),
        ("情報マネジメントシステム認定センターの略称は何？", True),
        ("What is the abbreviation of the Infocomm Media Development Authority?", True),
    ],
)
def test_a_name_s_abbreviation_is_stated_only_where_the_report_gives_one(assistant, q, stated):
    a = assistant.ask(q)
    assert a.abstained is (not stated)
    if not stated:
        assert a.to_json().get("reason") == "absent_aspect"


def test_the_japanese_for_an_english_name_is_stated_only_where_the_report_glosses_it(assistant, spelled):
    assert asked_rendering("What Japanese term does the report give for Trust Service Criteria?") == "Trust Service Criteria"
    assert asked_rendering("「Cloud Security Principle」の日本語訳は？") == "Cloud Security Principle"
    # (a name that opens with its acronym is one too, and the report glosses this one:
    # 「NIS 指令：ネットワーク及び情報セキュリティ指令」)
    assert asked_rendering("What Japanese name does the report give for the NIS Directive?") == "NIS Directive"
    assert not assistant.ask("What Japanese name does the report give for the NIS Directive?").abstained
    # glossed in brackets: トラストサービスの原則と規準（Trust Service Criteria）
    assert spelled.spelled_out("Trust Service Criteria")
    ans = assistant.ask("What Japanese term does the SOC2 entry give for Trust Service Criteria?")
    assert not ans.abstained and "トラストサービス" in ans.answer, ans.answer
    # named only in English: "Cloud Security Principle が用いられる"
    ans = assistant.ask("What Japanese term does the G-Cloud entry give for the Cloud Security Principle?")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
