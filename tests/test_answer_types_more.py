"""More kinds of detail a report may not give: how often, when a plan will be
released, how long a term runs, which country. Real model, real index for the
answers; our own examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import answers_type, expected_type, gives_type
from assistant.shape import detect_shape


def test_frequency_length_and_country_are_types_of_answer():
    assert expected_type("維持審査の頻度は？") == "frequency" == expected_type("How often is it audited?")
    assert expected_type("What is the term length of the agreement?") == "duration"
    assert expected_type("代表者はどの加盟国に置く？") == "country" == expected_type("In which country is it run?")
    assert gives_type("認証を維持するためには 1 年毎のサーベイランスが必要である。", "frequency")
    assert gives_type("毎年サーベイランス審査が実施される。", "frequency")
    assert not gives_type("レベル 3 - 連続監視 (continuous auditing)", "frequency")
    # "every few years" says how often too
    assert gives_type("各規程は数年おきに見直されている。", "frequency")
    assert gives_type("BSI (ドイツ) が発行", "country") and not gives_type("EU 加盟国に適用される", "country")


def test_the_day_of_a_date_is_no_period():
    assert not gives_type("2019年5月22日", "duration") and not gives_type("2019 年 5 月 22 日", "deadline")
    assert gives_type("72 時間以内に通知する", "duration")


def test_a_version_asked_after_japanese_words_is_a_revision_and_a_certificate_lasts_as_it_is_valid():
    # no \b before "ver" in 「…のver.1.1」: a date given to no edition does not date that version
    first = "2014 年 2 月に NIST により策定・公表されたのがサイバーセキュリティフレームワークである。"
    assert not answers_type(first, "フレームワークのver.1.1が公表されたのはいつ？", "date")
    assert answers_type(first, "フレームワークが公表されたのはいつ？", "date")
    assert expected_type("How long does the certification last?") == "duration"
    assert expected_type("How long does the on-site audit last?") == "elapsed"


def test_asking_when_a_thing_first_appeared_needs_a_date_of_no_later_edition():
    later = "第5版（平成29年5月）が公表されている。"
    assert not answers_type(later, "When did the very first edition come out?", "date")
    assert not answers_type(later, "そのガイドラインの初版はいつ出た？", "date")
    assert answers_type("初版は 1985 年に策定された。", "そのガイドラインの初版はいつ出た？", "date")
    # a feature first added in an edition: that edition's date answers
    assert answers_type("2013 年の第 8 版追補にて盛り込まれた。", "When were the safeguards first added?", "date")


def test_asking_when_a_plan_comes_needs_a_time_not_only_the_plan():
    plan = "最終的には最終版の発行を予定している。"
    assert answers_type(plan, "最終版を出す予定はある？", "future")
    assert not answers_type(plan, "最終版はいつ出る予定？", "future")
    assert answers_type("2020年に最終版の発行を予定している。", "最終版はいつ出る予定？", "future")


@pytest.mark.parametrize(
    "q",
    [
        "How frequently does CSA STAR's continuous auditing check a provider?",  # 連続監視, no frequency
        "EU-SECの最終版はいつ出る予定？",  # a plan, with no date
        "What is the term length of a G-Cloud framework agreement?",
        "NIS指令の代表者を置く加盟国はどの国？",  # 加盟国 names no country
        # an article of a law: the law's own number (平成26年法律第104号) is none
        "統一基準群の根拠になっているのはサイバーセキュリティ基本法の第何条？",
        "Which article of the NIS Directive sets out the duties of operators of essential services?",
    ],
)
def test_details_of_these_kinds_the_report_does_not_give_are_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_a_typed_comparison_of_two_parts_of_one_scheme_is_checked_like_a_lookup(assistant):
    for q in ("FedRAMPのJAB承認とATO、それぞれ承認までに何か月かかる？", "MTCSのTier1とTier3、それぞれ認証取得にかかる費用はいくら？"):
        ans = assistant.ask(q)
        assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    ans = assistant.ask("CSA STARのレベルは何段階あって、それぞれ何と呼ぶ？")
    assert not ans.abstained and "3つのレベル" in ans.answer, ans.answer


def test_a_date_of_another_document_in_the_same_section_does_not_date_the_one_named(assistant):
    # the NIST section dates CSF and an executive order, not SP 800-146, which it only lists
    ans = assistant.ask("When was NIST SP 800-146 published?")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    # what the report does say of it is the related text
    assert "800-146" in ans.answer and ans.related_citations[0].section_id == "2.4.6"
    ans = assistant.ask("NISTのCSFが策定・公表されたのはいつ？")
    assert not ans.abstained and "2014 年 2 月" in ans.answer, ans.answer


def test_a_footnote_answers_for_the_term_it_glosses_when_the_question_describes_it(assistant):
    # 「EUの助成の枠組み」 is HORIZON 2020 in the gloss's own words: its amount is the answer
    ans = assistant.ask("EU-SECを資金面で支えるEUの研究助成の枠組みはいつからいつまで？")
    assert not ans.abstained and "2014 年～2020 年" in ans.answer, ans.answer


@pytest.mark.parametrize(
    "q, section, said",
    [
        ("ISMSクラウドセキュリティ認証の再審査の頻度は？", "2.1.1", "3 年毎"),
        ("EU-SECは最終版を出す予定はある？", "2.2.3", "予定"),
        ("In which country is EuroCloud headquartered?", "2.2.2", "ルクセンブルク"),  # in its heading
        ("C5はどこの国の基準？", "2.3.4", "ドイツ"),
    ],
)
def test_the_same_kinds_are_answered_where_the_report_gives_them(assistant, q, section, said):
    ans = assistant.ask(q)
    assert not ans.abstained, ans.answer
    assert ans.ranked_sections[0] == section
    assert said in ans.answer + " ".join(c.title for c in ans.citations)


def test_an_english_question_may_describe_the_glossed_term_too(assistant):
    # "the EU scheme that funds research projects" is HORIZON 2020 in the gloss's words, in English
    ans = assistant.ask("What total budget does the EU scheme funding EU-SEC's research have?")
    assert not ans.abstained and "800 億ユーロ" in ans.answer, ans.answer
    # …but a cost of the project itself is not the funding programme's total
    assert assistant.ask("What did the EU-SEC project cost to run?").abstained


def test_cost_effectiveness_is_no_amount_of_money(assistant):
    assert expected_type("How does G-Cloud make buying cloud services more cost-effective?") is None
    assert expected_type("費用対効果の高い調達ができるのはどの制度？") is None
    assert expected_type("What does a STAR audit cost?") == "money"
    ans = assistant.ask("How does G-Cloud make buying cloud services more cost-effective?")
    assert not ans.abstained and ans.ranked_sections[0] == "2.3.2", ans.answer


@pytest.mark.parametrize(
    "q, absent",
    [
        # what is counted is named, and no number of the section counts it ("4つの文書" counts documents)
        ("統一基準群が適用される府省庁って、全部でいくつ？", True),
        ("How many subcategories are there under the CSF's five functions?", True),
        # ...while the same kind of question about what the section does count is answered
        ("統一基準群の文書って、全部でいくつ？", False),
        ("How many functions does NIST's Cybersecurity Framework set out?", False),
    ],
)
def test_a_count_of_something_the_section_never_counts_is_not_stated(assistant, q, absent):
    ans = assistant.ask(q)
    assert ans.abstained == absent, ans.answer
    assert absent == (ans.reason == "absent_aspect")


def test_a_follow_up_count_of_a_scheme_s_parts_is_no_count_of_a_country_s_schemes(assistant):
    # a follow-up is read from its searched words, where the topic's country comes in and the
    # particle that says what is counted (管理策が) is gone; the turn as asked still says it
    searched = "オーストラリア 基準 Information Security Manual 管理策 いくつ"
    asked = "基準の Information Security Manual だと、管理策はいくつ？"
    assert detect_shape(searched, assistant.entities, assistant.group_labels).kind == "catalogue"
    assert detect_shape(searched, assistant.entities, assistant.group_labels, asked=asked).kind != "catalogue"


@pytest.mark.parametrize(
    "q",
    [
        "G-Cloudの供給者は、従業員に毎年の研修を受けさせる義務がある？",  # 研修
        "MTCSでは、データを暗号化して保管することが必須ですか？",  # 暗号化
        "CSマークの監査は、テレワークでも受けられますか？",  # テレワーク
    ],
)
def test_a_yes_or_no_about_a_thing_the_report_has_no_word_for_is_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    assert ans.related_citations, "the nearest text of the scheme named is still cited, as related"


@pytest.mark.parametrize(
    "q",
    [
        "Does FedRAMP require a penetration test of every cloud service?",  # penetration
        "Does MTCS demand encryption of stored data?",  # encryption
        "Under ISO/IEC 27036-4, must the contract set uptime metrics?",  # uptime, metrics
        # a question word after "say" opens what is said: still a yes or no
        "Does the FISC standard say how penetration tests must be run?",
        # the question after a sentence that sets the scene
        "The CS mark is granted under JASA's audit scheme. Does JASA also print its criteria in English?",
    ],
)
def test_an_english_yes_or_no_about_a_thing_the_report_has_no_word_for_is_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    assert ans.related_citations


@pytest.mark.parametrize(
    "q, section",
    [
        # "require", "certification", "first": the report's 要件, 認証, 前提
        ("Does CSA STAR certification require ISMS certification first?", "2.2.1"),
        # a scope question ("only", "remit") is answered by the scheme's scope, in its own words
        ("Is IRAP only about cloud services, or is its remit wider?", "2.3.5"),
        # "mandatory" is 義務的 in the dictionary: the report's 義務
        ("Is ISMS certification mandatory under the medical guidelines?", "2.1.5"),
    ],
)
def test_an_english_yes_or_no_in_words_the_dictionary_bridges_is_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        ("FedRAMPでは、評価結果を別の役所でも使えるの？", "2.3.1"),  # 役所: the section's 政府, 省庁
        ("FedRAMPのベースラインは3段階に分かれてる？", "2.3.1"),  # the report's "Baseline"
        ("StarAuditの認証は3年間有効なの？", "2.2.2"),
        # 代わり is in 「取って代わる」, whose lemma is 変わる
        ("MTCSの3つのレベルは、ISO/IEC 27001認証の代わりになるものなの？", "2.3.6"),
    ],
)
def test_a_yes_or_no_in_other_words_than_the_report_s_is_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


def test_a_kind_of_answer_named_in_passing_is_not_the_one_asked():
    # a language, firms, services named as a topic or a scope, not asked for
    assert expected_type("Which chapter-2 entries mention Germany, in either language?") is None
    assert expected_type("In which language is the self-disclosure written?") == "language"
    assert expected_type("The CS mark: which cloud services does it cover?") is None
    assert expected_type("Which cloud services hold the mark?") == "company"
    assert expected_type("監査法人の報告書では、どの分野が必須？") != "company"
    assert expected_type("どの監査法人が監査する？") == "company"
    # a score, as 何点, is a number
    assert expected_type("What minimum score earns the top award?") == "number"


@pytest.mark.parametrize(
    "q, section",
    [
        # the report's 日本マイクロソフト株式会社, in katakana
        ("Which committee member works for Microsoft?", "ISMS専門部会"),
        # 第5期科学技術基本計画 … 閣議決定: an English name word by word, written close together
        ("When did the Cabinet approve the Fifth Science and Technology Basic Plan?", "おわりに"),
        # ...or next to the Japanese name the question writes as the report does
        ("On what date did the Cabinet adopt the 第5期科学技術基本計画?", "おわりに"),
        # the report writes 保護対象保健情報（PHI）: the quote's parts in the other order
        ("「PHI（保護対象保健情報）」って何？", "2.1.5"),
        # "which cloud services … cover" asks the scope, not companies by name
        ("The CS mark: which cloud services does it cover?", "2.1.2"),
    ],
)
def test_a_name_the_report_writes_another_way_is_known(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section, ans.answer


@pytest.mark.parametrize(
    "q",
    [
        # 内閣, 事務, 変革, 戦略 are in one passage, but far apart: no name of the report's
        "What does the Cabinet Office's Digital Transformation Strategy say about cloud?",
        "Does Amazon Web Services hold C5?",
        # each word is the report's somewhere ("Cloud", "Certification", "Scheme"), the name is not
        "What does the Cloud Certification Scheme of ENISA require?",
        "Which providers passed the Security Service Audit Program in Japan?",
        "How does the Data Protection Framework relate to ISO/IEC 27018?",
    ],
)
def test_an_english_name_of_nothing_in_the_report_stays_unknown(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "unknown_name", ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        # the report's name in the plural, and after the name it is joined to by a hyphen
        ("Which Cloud Security Principles does G-Cloud assess services against?", "2.3.2"),
        ("Who buys through the G-Cloud Digital Marketplace?", "2.3.2"),
        ("What does the Cloud Security Principle say about data location?", "2.3.2"),
    ],
)
def test_an_english_name_the_report_prints_is_known(assistant, q, section):
    ans = assistant.ask(q)
    assert ans.reason != "unknown_name", ans.answer
    assert ans.ranked_sections[0] == section


def test_an_audit_firm_as_the_subject_of_a_question_asks_for_no_firm():
    assert expected_type("SOC2では、監査法人は何を表明する？") != "company"
    assert expected_type("C5の監査を行う監査法人はどこ？") == "company"


def test_a_part_of_the_report_asked_for_is_no_place_in_a_document():
    assert expected_type("金融分野に触れているのは、報告書のどの節？") != "locator"
    assert expected_type("Which chapter-2 entries mention Germany?") != "locator"
    assert expected_type("その規格で、供給者管理の要求事項は何番の箇条？") == "locator"


def test_the_japanese_version_of_a_standard_asks_for_no_language():
    # in a Japanese report a standard's 日本語版 is its JIS, with a title and a number of its own
    assert expected_type("参照先の規格の、日本語版の副題は？") != "language"
    assert expected_type("この規格に英語版はある？") == "language"
    assert expected_type("Is there an official English version of the guideline?") == "language"


def test_how_much_of_a_thing_is_no_amount_of_money():
    assert expected_type("How much technical detail does each of the two documents give?") is None
    assert expected_type("How much does the assessment cost?") == "money"
    assert expected_type("How much has the public sector spent so far?") == "money"
    assert expected_type("How much incentive money could a hospital receive?") == "money"


def test_a_founding_is_dated_only_by_a_sentence_that_says_it_was_founded():
    issued = "同協会が発行した管理基準 (平成 28 年版) は、JIS Q 27017 に準拠している。"
    assert answers_type(issued, "When was the document published?", "date")
    assert not answers_type(issued, "What year was the association founded?", "date")
    assert not answers_type(issued, "その協会は何年に設立されたの？", "date")
    assert answers_type("同協会は 2003 年に設立された。", "その協会は何年に設立されたの？", "date")


def test_a_validity_or_a_yearly_cycle_is_no_time_counted_in_days():
    valid = "認証は 3 年間有効で、毎年サーベイランス審査が実施される。"
    assert answers_type(valid, "認証は何年間有効？", "duration")
    assert not answers_type(valid, "How many days does a provider have to fix a finding?", "duration")
    assert not answers_type(valid, "指摘事項の是正には何日かかる？", "elapsed")
    assert answers_type("指摘事項は 30 日以内に是正する。", "指摘事項の是正には何日かかる？", "elapsed")
    # ...nor is a cycle of years: "1年毎に維持審査" says how often an audit comes
    cycle = "認証の有効期間は3年で、1年毎に維持審査 (refresh audit) が、3年毎に更新審査が実施される。"
    assert not answers_type(cycle, "Within how many days must the provider fix a finding?", "duration")
    assert answers_type(cycle, "認証の有効期間は何年？", "duration")


@pytest.mark.parametrize(
    "q",
    [
        # the section dates the association's own standard (平成 28 年版), not the association
        "CSマークを出している協会は何年に設立されたの？",
        # "3 年間有効で、毎年…" is how long the certificate lasts, not a time to act in
        "How many days does an MTCS-certified provider get to fix a finding from its audit?",
        # the report names the auditors and assessors, but no qualification or course they need
        "CSマークの監査人には、どんな資格や研修が必要？",
        "What training must a 3PAO's assessors complete?",
        # the report says how a certificate is kept, never how it is taken away
        "What happens when an MTCS certificate is suspended?",
        # nor whether a provider from another country may hold it
        "FedRAMPの認証は、米国外のクラウド事業者でも受けられる？",
        "Can a cloud provider based outside Germany obtain a C5 attestation?",
        # nor how a dispute or an appeal is settled, nor any logo, nor a recognition between two schemes
        "FedRAMPの承認をめぐって紛争になったら、どこが裁定する？",
        "Can a provider appeal a failed C5 audit?",
        "Can a C5-attested provider put a C5 logo on its website?",
        "Is IRAP mutually recognised with FedRAMP?",
        # nor any encryption
        "C5ではデータの暗号化について何が求められている？",
        "What encryption does FedRAMP require for data at rest?",
        # nor any security practice it never names: logs, backups, vulnerability tests, staff
        # vetting, confidentiality agreements, nonconformities, deployment models, insurance
        "CSマークの監査では、どんなログの保存が求められる？",
        "How often does the MIC guideline say backups must be taken?",
        "FedRAMPでは脆弱性診断をどのくらいの頻度で行う？",
        "What background checks does IRAP expect for a provider's staff?",
        "G-Cloudの供給者は、従業員とどんな秘密保持契約を結ぶ必要がある？",
        "MTCSの審査で見つかった不適合は、どう扱われる？",
        "Which hybrid cloud arrangements does C5 cover?",
        "C5の監査を受ける事業者は、どんな保険に入っておく必要がある？",
        "What monitoring of customer activity does ISO/IEC 27017 call for?",
        # subcontractors, site visits, data disposal, authentication, earthquakes, multi-cloud,
        # asset inventories, a version in another language
        "C5の監査では、再委託先の統制はどう扱われる？",
        "Does MTCS allow the certification audit to be done remotely?",
        "ISO/IEC 27017では、契約終了時にデータをどう削除することになっている？",
        "FedRAMPでは多要素認証が必須？",
        "MTCSはデータセンターの地震対策について何を求めている？",
        "G-Cloudでは、マルチクラウド構成はどう扱われる？",
        "Which asset inventory does the MIC guideline require providers to keep?",
        "CSマークの管理基準に英語版はある？",
        # where in a document (a section that names no part of one), who was first
        "C5の要求事項で、物理的セキュリティはどの章にある？",
        "In which annex of ISO/IEC 20000-1 are the supplier requirements listed?",
        "MTCSで最初に認証を取得した事業者はどこ？",
        # nor a ready-made contract form
        "総務省のクラウド事業者向けガイドラインには、利用契約のひな形が付いている？",
    ],
)
def test_a_type_of_answer_the_section_gives_only_for_something_else_is_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        # the section says it in those words: STAR's レベル 3 連続監視, 27018's パブリッククラウド
        ("CSA STARの連続監視は、どのレベルで行われる？", "2.2.1"),
        ("Which kind of cloud is ISO/IEC 27018 written for, public or private?", "2.4.2"),
        # an annex named is no annex asked for
        ("ISO/IEC 27017の附属書Bは何のリスト？", "2.4.1"),
        # HIPAA's Japanese name holds 保険
        ("米国の医療保険の携行性に関する法律は、報告書のどの項で紹介されている？", "2.1.5"),
    ],
)
def test_a_security_practice_the_section_names_is_answered(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained, ans.answer
    assert ans.ranked_sections[0] == section


def test_one_of_a_kind_is_no_count():
    one_of = "NIST は、米国の連邦政府機関の 1 つで、規格の標準化を支援している。"
    assert not gives_type(one_of, "number") and not gives_type(one_of, "count")
    assert gives_type("管理策は 1 つの文書にまとめられている。", "number")
    assert gives_type("3 つの文書からなる。", "number")


def test_a_qualification_is_a_type_of_answer():
    assert expected_type("審査員にはどんな資格が求められる？") == "qualification"
    assert expected_type("IRAP審査員になるための資格要件は？") != "qualification"  # (vaguely stated: its own check)
    assert gives_type("審査員は所定の研修を修了していること。", "qualification")
    assert not gives_type("ASD が一定の要件を満たす ICT 専門家を IRAP 審査員として承認する。", "qualification")


def test_revoking_or_suspending_is_a_type_of_answer():
    assert expected_type("CSマークが取り消されるのはどんなとき？") == "revocation"
    assert expected_type("When can a FedRAMP authorization be revoked?") == "revocation"
    assert not gives_type("認証の有効期間は3年で、毎年維持審査が実施される。", "revocation")
    assert gives_type("重大な不適合があれば認証は一時停止される。", "revocation")


def test_a_provider_abroad_is_a_type_of_answer_but_the_report_s_foreign_schemes_are_not():
    assert expected_type("Can a provider headquartered outside Japan get it?") == "abroad"
    assert expected_type("諸外国の制度はいくつ紹介されている？") != "abroad"
    assert gives_type("EU 域外の DSP は代表者を指名する。", "abroad")


def test_a_type_named_by_its_own_word_is_answered_where_the_section_uses_it(assistant):
    # EU-SEC's section is about mutual recognition: asked what it aims at, it answers
    ans = assistant.ask("EU-SECの相互承認の枠組みは何を目指している？")
    assert not ans.abstained and ans.ranked_sections[0] == "2.2.3", ans.answer


@pytest.mark.parametrize(
    "q",
    [
        # the report names these only as items of a list: 「統制基準」「実務基準」「設備基準」…, ① …統一規範
        "What does the 実務基準 of the FISC standards actually lay down?",
        "FISCの「設備基準」では、具体的にどんな対策が求められている？",
    ],
)
def test_the_contents_of_a_thing_the_report_only_lists_are_not_stated(assistant, q):
    ans = assistant.ask(q)
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer


def test_the_contents_of_a_thing_the_report_describes_are_answered(assistant):
    ans = assistant.ask("「統一基準群」は具体的にどんな文書から成る？")
    assert not ans.abstained, ans.answer
    assert ans.ranked_sections[0] == "2.1.3"


def test_without_delay_is_a_limit_a_deadline_question_is_answered_by(assistant):
    assert gives_type("インシデントを遅滞なく所管当局に通知する。", "deadline")
    assert not gives_type("インシデントを所管当局に通知する。", "deadline")
    answer = assistant.ask("EUの指令だと、重大なインシデントはいつまでに当局へ報告する決まり？")
    assert "遅滞なく" in answer.answer


def test_the_ministry_over_a_body_is_a_government_body():
    assert expected_type("FISCを監督している官庁はどこ？") == "regulator" == expected_type("Which government ministry oversees MTCS?")
    # the ministry a person or a document comes from is no regulator
    assert expected_type("Which ministry does the committee's observer come from?") != "regulator"
    assert expected_type("Which ministry issued guideline ②?") != "regulator"
    assert gives_type("情報通信メディア開発庁 (IMDA)", "regulator") and not gives_type("公益財団法人金融情報システムセンター(FISC)", "regulator")


def test_which_years_edition_needs_an_edition_year():
    q = "ISO/IEC 27018は何年版が紹介されている？"
    assert expected_type(q) == "date"
    assert answers_type("ISO/IEC 27018:2014 は PII 保護の実施規範である。", q, "date")
    # a date that starts a scheme dates no edition
    assert not answers_type("国内でも、2016 年 8 月、ISMS 適合性評価制度の一環として認証が始まった。", q, "date")


def test_a_day_asked_for_is_not_given_by_a_year_or_a_month():
    asked = "その基準は何年何月何日に決定された？"
    assert expected_type(asked) == "date" and expected_type("この報告書は何年何月何日付？") == "date"
    assert not answers_type("サイバーセキュリティ基本法（平成26年法律第104号）に基づき決定している。", asked, "date")
    assert not answers_type("2016 年 8 月に認証を開始した。", "On which day did it start?", "date")
    assert answers_type("2019年5月22日", asked, "date")
    assert answers_type("It was issued on May 22, 2019.", "On which day was it issued?", "date")
    assert expected_type("市場規模は何億円？") == "money"


def test_a_month_asked_for_is_not_given_by_a_year_alone():
    asked = "その管理基準は何年何月に発行された？"
    assert not answers_type("JASA 発行のクラウド情報セキュリティ管理基準 (平成 28 年版) は…作成されている。", asked, "date")
    assert not answers_type("It was issued in 2016 and may be revised.", "In which month was it issued?", "date")
    assert answers_type("2018年7月に第2版として発行された。", asked, "date")
    assert answers_type("It was issued in July 2018.", "In which month and year was it issued?", "date")


def test_the_front_matter_still_gives_its_dates_and_its_roster(assistant):
    dated = assistant.ask("本書の発行日は何年何月何日？")
    assert not dated.abstained and "2019年5月22日" in dated.answer
    counted = assistant.ask("巻末の名簿には委員が何人載っている？")
    assert not counted.abstained and counted.citations[0].section_id == "ISMS専門部会"


def test_a_year_the_question_states_itself_does_not_answer_it():
    cited = "ISO/IEC 29100:2011 Information technology – Privacy framework"
    asked = "The entry cites ISO/IEC 29100 in its 2011 edition. When did a newer edition come out?"
    assert not answers_type(cited, asked, "date")
    assert answers_type("ISO/IEC 29100:2024 was published.", asked, "date")
    # unless the question offers the years to choose from
    assert answers_type(cited, "Was ISO/IEC 29100 published in 2011 or 2012? When exactly?", "date")


def test_a_new_name_is_given_only_where_the_report_says_something_became_another():
    assert expected_type("What was the agency later renamed to?") == "renamed"
    assert expected_type("ENISAは後に何という名称に変わった？") == "renamed"
    # ...and the name it had before, which a sentence saying 旧 (former) gives, 復旧 (recovery) not
    assert expected_type("What was the agency called before it got its present name?") == "renamed"
    assert expected_type("この団体の旧称は？") == "renamed"
    assert gives_type("旧3省4ガイドラインに準拠することが求められてきた。", "renamed")
    assert not gives_type("「特定」「防御」「検知」「対応」「復旧」という 5 つの機能", "renamed")


@pytest.mark.parametrize(
    "unsaid, asked, said",
    [
        # when the publisher was founded is not the report's date, which still answers when it came out
        ("When was the organisation that published this report founded?", "この報告書はいつ発行された？", "2019年5月22日"),
        # a note that opens on a date and names the body in 「」 glosses no other term: it gives the new name
        ("ENISAは後に何という名称に変わった？", "JIPDEC情報マネジメントシステム認定センターは、その後何という名称に変わった？", "ISMS-AC"),
    ],
)
def test_an_event_the_report_does_not_give_is_not_stated_and_one_it_gives_is_quoted(assistant, unsaid, asked, said):
    absent = assistant.ask(unsaid)
    assert absent.abstained and absent.reason == "absent_aspect", absent.answer
    given = assistant.ask(asked)
    assert not given.abstained and said in given.answer


def test_a_deputy_or_a_successor_is_its_own_kind_of_answer():
    assert expected_type("巻末の名簿で副主査を務めているのは誰？") == "deputy" == expected_type("Who is the vice-chair?")
    assert expected_type("Which plan succeeded the fifth one?") == "successor"
    assert not answers_type("【主査】 駒瀬 彰彦 株式会社アズジェント", "Who is the vice-chair?", "deputy")


def test_a_committee_asked_about_is_not_the_one_the_question_names():
    asked_under = "ISMS専門部会はどの委員会の下に設けられている？"
    assert expected_type(asked_under) == "committee" == expected_type("Which AICPA committee sets the criteria?")
    # the roster's own committee is what the question names: no answer to what it sits under
    assert not answers_type("ISMS 専門部会 委員名簿", asked_under, "committee")
    assert answers_type("ISMS 専門部会 委員名簿", "本書をまとめたのはどの部会？", "committee")


def test_a_kind_of_answer_set_aside_is_not_asked_for():
    assert expected_type("Apart from the low start-up costs, which burden does it take off users?") is None
    # ...but a word of the kind's own cue stays asked for when only its object is set aside
    assert expected_type("Will it cover schemes from outside Europe, such as FedRAMP?") == "abroad"


def test_a_kanji_numeral_inside_a_name_is_no_duration():
    # 「河野 省二 日本マイクロソフト」: the 二 of a given name before 日本 is not "two days"
    assert not gives_type("河野 省二 日本マイクロソフト株式会社", "duration")
    assert gives_type("認証は三年間有効である。", "duration") and gives_type("審査には 5 日を要する。", "duration")


def test_how_many_organisations_asked_in_japanese_is_a_count_of_holders():
    for q in ("ISMSクラウドセキュリティ認証を取得した組織はいくつ？", "国内ではどのくらいの事業者が認証を取っているの？"):
        assert expected_type(q) == "count", q
    assert expected_type("組織は何を求められる？") is None  # 何 asks what, not how many
    assert expected_type("事業者はどのくらいの頻度で監査を受ける？") == "frequency"
    # 「110 を超える…プロバイダ…に対する実績」 gives that count
    sentence = "ISMS クラウドセキュリティ認証は、既に 110 を超えるクラウドサービスプロバイダ又はクラウドサービスカスタマに対する実績があり、"
    assert answers_type(sentence, "ISMSクラウドセキュリティ認証を取得した組織はいくつ？", "count")


@pytest.mark.parametrize(
    "q",
    ["On the report's cover, under the title, which day, month and year appear?", "表紙に印刷されている日付は？", "Which edition year of ISO/IEC 29100 is cited?"],
)
def test_a_day_month_and_year_or_an_edition_year_asks_a_date(q):
    from assistant.answer_type import expected_type

    assert expected_type(q) == "date"


def test_the_cover_s_date_is_quoted_when_a_day_month_and_year_are_asked(assistant):
    ans = assistant.ask("On the report's cover, under the title, which day, month and year appear?")
    assert "2019年5月22日" in " ".join(c.text for c in ans.citations), ans.answer


def test_a_unit_inside_an_organisation_is_not_stated_where_no_department_is_named(assistant):
    from assistant.answer_type import expected_type

    assert expected_type("JIPDECのどの部署が担当？") == "unit"
    assert expected_type("Which division inside NIST publishes the SP 800 series?") == "unit"
    # an office that acts as something is no unit inside another body
    assert expected_type("Which office acts as secretariat to the strategy headquarters?") != "unit"
    ans = assistant.ask("Which division within BSI maintains the C5 catalogue?")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
    assert ans.related_citations and ans.related_citations[0].section_id == "2.3.4"


def test_who_is_told_is_a_type_of_answer():
    assert expected_type("インシデントの通知先は？") == "recipient" == expected_type("To whom must a breach be reported?")
    assert expected_type("Who must be notified after an incident?") == "recipient"
    assert expected_type("To which authority must the incident report be sent?") == "recipient"
    assert expected_type("To which agency does the programme belong?") != "recipient"
    # "to whom does it give guidance" asks its audience, not where a notice goes
    assert expected_type("To whom does ISO/IEC 27017 offer guidance?") is None
    assert gives_type("インシデントを遅滞なく所管当局に通知する。", "recipient")
    assert gives_type("The provider must notify the competent authority.", "recipient")
    assert not gives_type("データ漏えい時の通知、外部監査対応等の要求事項が適用される。", "recipient")


def test_a_notice_whose_recipient_the_section_names_is_quoted_and_one_it_does_not_is_not_stated(assistant):
    unsaid = assistant.ask("HIPAAの事業提携者がデータ漏えいを起こしたとき、通知先はどこ？")
    assert unsaid.abstained and unsaid.reason == "absent_aspect", unsaid.answer
    said = assistant.ask("In StarAudit, to whom does the AAO report the result of its audit?")
    assert not said.abstained and said.ranked_sections[0] == "2.2.2"
    assert "ECE に報告" in said.answer.split("\n")[1], said.answer


def test_which_international_standard_asks_for_a_standard_not_a_country(assistant):
    assert expected_type("どの国際規格と紐づけている？") != "country"
    assert expected_type("どの国の規格？") == "country"
    # and which standard's edition: the edition year of the standard the sentence names answers it
    ans = assistant.ask("JIP-ISMS517はどの国際規格の何年版に基づいている？")
    assert not ans.abstained and "27017:2015" in ans.answer, ans.answer



def test_kinds_named_one_by_one_count_the_kinds_but_not_other_things():
    sorted_into = "調達可能なサービスは、クラウドホスティング、クラウドソフトウェア、クラウドサポートに分類される。"
    assert gives_type(sorted_into, "number", ("種類",))
    # three kinds of service say nothing of how many items or requirements there are
    assert not gives_type(sorted_into, "number", ("項目",))
    assert not gives_type("本ガイドラインでは対策を「組織・運用」と「物理的・技術的対策」に分類している。", "number", ("対策項目", "項目"))


def test_a_count_of_kinds_is_answered_by_the_kinds_named(assistant):
    ans = assistant.ask("G-Cloudで調達できるサービスは何種類に分かれていますか？")
    assert not ans.abstained, ans.answer
    assert "クラウドホスティング" in ans.answer
