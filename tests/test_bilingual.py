"""English questions reach the report's Japanese words (JMdict glosses of the
report's own vocabulary). Real dictionary, real model and index; our own
examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.bilingual import abbreviates, english_key
from assistant.japanese import search_tokens


def test_plural_endings_are_one_key_and_other_words_stay_whole():
    assert english_key("providers") == "provider" and english_key("policies") == "policy"
    assert english_key("access") == "access" and english_key("status") == "status" and english_key("Audit") == "audit"


def test_the_glossary_holds_the_report_s_words_for_common_english_words(assistant):
    table = assistant.retriever.glossary.table
    assert table["certification"][0] == "認証"
    assert table["security"][0] == "セキュリティ"  # the report's usual word before 担保 (collateral)
    assert table["audit"][0] == "監査"  # the word itself before compounds that hold it
    assert all(not w.isascii() for words in table.values() for w in words)


def test_a_participle_in_ified_is_glossed_by_its_noun(assistant):
    g = assistant.retriever.glossary
    # the dictionary glosses 統一 as "unification", never "unified"
    assert "統一" in g.words_for("unified")
    assert "統一" in g.bridge("the unified standards", ["the", "unified", "standards"])


def test_plain_english_words_are_bridged_and_names_are_not(assistant):
    g = assistant.retriever.glossary
    q = "Does the G-Cloud framework follow the Cloud Security Principle on cloud security?"
    out = g.bridge(q, search_tokens(q))
    assert "g-cloud" in out and "principle" in out  # written with capitals: a name
    assert "セキュリティ" in out and "クラウド" in out  # "cloud security" in lower case: plain words
    ja = "クラウドのセキュリティ認証は？"
    assert g.bridge(ja, search_tokens(ja)) == search_tokens(ja)


@pytest.mark.parametrize(
    "q, section",
    [
        ("Which guideline covers medical information systems in the cloud?", "2.1.5"),
        ("Who audits the cloud security mark?", "2.1.2"),
        ("What does the financial industry guideline cover?", "2.1.6"),
    ],
)
def test_an_english_description_of_a_japanese_scheme_finds_it(assistant, q, section):
    assert assistant.ask(q).ranked_sections[0] == section


def test_a_japanese_name_is_rendered_word_by_word_when_every_word_has_a_gloss(assistant):
    g = assistant.retriever.glossary
    assert g.english_name("ISMS クラウドセキュリティ認証") == "isms cloud security certification"
    assert g.english_name("クラウドセキュリティ・マーク") == "cloud security mark"
    assert g.english_name("FedRAMP") is None  # already English
    assert g.english_name("認証") is None  # one word names nothing in particular


@pytest.mark.parametrize(
    "q, section",
    [
        ("What is the ISMS cloud security certification, and who runs it?", "2.1.1"),
        ("Who audits providers for the Cloud Security Mark?", "2.1.2"),
    ],
)
def test_an_english_rendering_of_a_japanese_name_names_its_section(assistant, q, section):
    assert {m.alias.section_id for m in assistant.entities.find(q)} == {section}
    ans = assistant.ask(q)
    assert ans.ranked_sections[0] == section


def test_a_follow_up_may_switch_to_a_japanese_scheme_by_its_english_name(assistant):
    first = assistant.ask("CSマークの有効期間は？")
    second = assistant.ask("And for the ISMS cloud security certification?", history=[first])
    assert second.resolution["kind"] == "switch" and second.ranked_sections[0] == "2.1.1"
    assert "ISMS クラウドセキュリティ認証" in second.searched_query


def test_a_katakana_loanword_the_report_never_uses_brings_its_english_original(assistant):
    g = assistant.retriever.glossary
    q = "クラウドセキュリティアライアンスとは？"  # the report writes "Cloud Security Alliance"
    out = g.bridge(q, search_tokens(q))
    assert "アライアンス" in out and "alliance" in out
    # a loanword the report uses itself, and a word that is no loanword, are left alone
    q2 = "クラウドのセキュリティ認証は？"
    assert g.bridge(q2, search_tokens(q2)) == search_tokens(q2)


@pytest.mark.parametrize(
    "q, section",
    [
        ("クラウドセキュリティアライアンスとは？", "2.2.1"),  # the report: "The Cloud Security Alliance"
        ("ガバメントデジタルサービスとは何？", "2.3.2"),  # "Government Digital Services"
    ],
)
def test_an_english_name_written_in_katakana_names_its_section(assistant, q, section):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == section
    assert any(c.section_id == section for c in ans.citations)


def test_a_japanese_word_the_report_never_uses_has_the_report_s_words_that_share_its_glosses(assistant):
    g = assistant.retriever.glossary
    assert {"政府", "省庁"} & set(g.synonyms("役所"))  # government office
    assert "baseline" in g.synonyms("ベースライン")  # the report writes it in English
    assert g.synonyms("暗号化") == ()  # encryption: no word of the report means it


def test_an_acronym_is_the_initials_of_a_name_s_capitalised_words_first_to_last():
    assert abbreviates("MIC", "Ministry of Internal Affairs and Communications")  # Affairs skipped
    assert abbreviates("MHLW", "Ministry of Health, Labour and Welfare")
    assert not abbreviates("MIA", "Ministry of Internal Affairs and Communications")  # not to the last word
    assert not abbreviates("ICM", "Ministry of Internal Affairs and Communications")  # not from the first


def test_an_english_acronym_of_a_name_the_report_writes_in_japanese_names_it(assistant):
    g = assistant.retriever.glossary
    assert g.word_for_acronym("MIC") == "総務省"  # JMdict: Ministry of Internal Affairs and Communications
    assert g.word_for_acronym("DPC") is None and g.word_for_acronym("ISMS") is None  # unknown; the report's own
    ans = assistant.ask("What does MIC's guideline for cloud service providers map its measures to?")
    assert not ans.abstained and ans.ranked_sections[0] == "2.1.4", ans.answer
    assert "MIC" in ans.searched_query and "総務省" in ans.searched_query
    # an acronym nothing in the report or the dictionary spells out is still unknown
    assert assistant.ask("What does the DPC guideline say about cloud providers?").reason == "unknown_name"


def test_english_yes_or_no_questions_and_word_forms():
    from assistant.bilingual import english_variants, is_polar_question_en

    assert is_polar_question_en("Does FedRAMP require a penetration test?")
    assert is_polar_question_en("Under the NIS Directive, may a member state add rules?")
    assert not is_polar_question_en("Does FedRAMP say which body approves, and when?")  # asks a question word
    # after a sentence that sets the scene, the last sentence is the question
    assert is_polar_question_en("JASA wrote the criteria. Has JASA published them in English?")
    assert not is_polar_question_en("FedRAMP uses 3PAOs. Which body approves them?")
    assert is_polar_question_en("Is NIST SP 800-53 Rev. 4 cited by the U.S. programme?")
    assert not is_polar_question_en("FedRAMPは必須ですか？")  # Japanese: japanese.is_polar_question
    assert "assess" in english_variants("assessing") and "agency" in english_variants("agencies")
    assert "broad" in english_variants("broader") and "offer" in english_variants("offerings")


def test_an_english_word_has_every_japanese_word_the_dictionary_glosses_with_it(assistant):
    g = assistant.retriever.glossary
    assert "義務的" in g.japanese_words("mandatory")
    assert "必須" in g.japanese_words("compulsory")


def test_an_english_question_chooses_its_sentence_with_the_report_s_words_for_it(assistant):
    # "use" -> 利用: the sentence that says who may use the report, not SOC2's definition
    answer = assistant.ask("Who can use a SOC2 assurance report once it is written?")
    first = answer.citations[0].text
    assert answer.ranked_sections[0] == "2.4.5" and "利用することができる" in first
    r = assistant.retriever.search("Who can use a SOC2 assurance report once it is written?")
    assert r.bridged_vec is not None and r.sentence_vec is r.bridged_vec
    assert assistant.retriever.search("SOC2の保証報告書は誰が利用できる？").bridged_vec is None


def test_an_english_name_written_out_names_the_report_s_japanese_word(assistant):
    g = assistant.retriever.glossary
    q = "When did the Ministry of Internal Affairs and Communications publish its cloud guideline's second edition?"
    assert g.names_written_out(q) == [("Ministry of Internal Affairs and Communications", "総務省")]
    assert g.names_written_out("Which schemes come from the United Kingdom?") == []  # a place, read as one already
    ans = assistant.ask(q)
    assert not ans.abstained and ans.ranked_sections[0] == "2.1.4", ans.answer
