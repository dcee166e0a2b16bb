"""The catalogue names each scheme by its formal name when the short one says less:
real model, real index. The examples are our own; none is an eval question."""

from __future__ import annotations

from assistant.catalogue_answer import formal_name_says_more


def test_a_catalogue_line_gives_the_formal_name_the_short_one_abbreviates(assistant):
    ans = assistant.ask("日本の制度やガイドラインをリストにして")
    assert ans.shape == "catalogue"
    assert "クラウドセキュリティ・マーク" in ans.answer  # the short name is only 「CS マーク」
    ans = assistant.ask("Which German scheme does the report cover?")
    assert ans.shape == "catalogue" and ans.ranked_sections[0] == "2.3.4"
    assert "Cloud Computing Compliance Control Catalogue" in ans.answer
    assert ans.answer.startswith("The report describes 1 scheme/standard ")


def test_which_scheme_of_a_country_is_in_the_report_is_its_catalogue(assistant):
    # as 「ドイツの制度はどれ？」: the country's schemes, however many
    for q in ("What scheme from Singapore is covered?", "Which Australian scheme is in the report?"):
        ans = assistant.ask(q)
        assert ans.shape == "catalogue", q
        assert ans.ranked_sections[0] in ("2.3.6", "2.3.5")


def test_a_formal_name_made_of_the_short_name_and_the_issuer_is_not_repeated():
    assert not formal_name_says_more("StarAudit Certification (EuroCloud Europe (ECE))", "ECE StarAudit Certification (本部：ルクセンブルク)", "EuroCloud Europe (ECE)")
    assert not formal_name_says_more("「政府機関等の統一基準群」（以下「統一基準群」という。）", "政府機関等の統一基準群", "")
    assert formal_name_says_more("クラウドセキュリティ・マーク (CS マーク) (JASA)", "CS マーク", "JASA")


def test_a_catalogue_entry_made_of_documents_lists_each_document(assistant):
    # 2.4.6 is a set of NIST documents, one sub-heading each, and one more sentence announcing two more
    ans = assistant.ask("2.4で紹介されている規格・ガイドを全部挙げて")
    assert ans.shape == "catalogue"
    for doc in ("NIST SP 800-53", "NIST SP 800-171", "サイバーセキュリティフレームワーク", "NIST SP 800-144", "NIST SP 800-146", "SOC2+"):
        assert doc in ans.answer, doc
