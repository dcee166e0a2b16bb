"""Where a definition is read from: a term with a heading of its own is defined under it,
not by another entry's footnote; a word the report uses without glossing it is defined by
the few sentences that use it; a request to define a word the report uses is a definition,
not a question about the report. Real model and index; our own examples, none an eval
question.
"""

from __future__ import annotations

import pytest


def test_a_document_with_its_own_heading_is_defined_under_it(assistant):
    ans = assistant.ask("NIST SP 800-53とは？")
    assert ans.shape == "definition"
    assert ans.citations and all(c.field.startswith("NIST SP 800-53") for c in ans.citations), ans.answer


def test_a_shorter_name_is_not_the_heading_of_a_longer_one(assistant):
    # SOC is the framework; the heading "SOC2" is one report of it
    ans = assistant.ask("SOCとは？")
    assert ans.shape == "definition"
    assert "System and Organization" in ans.citations[0].text


def test_a_word_used_without_a_gloss_is_defined_by_the_sentences_that_use_it(assistant):
    ans = assistant.ask("「オンプレミス」とは？")
    assert ans.shape == "definition"
    uses = [c for c in ans.citations if "オンプレミス" in c.text]
    assert len({c.section_id for c in uses}) == 2, ans.answer


def test_an_english_gloss_is_not_looked_for_inside_english_names(assistant):
    # "assessment" is inside "Self-Assessment" and "Third-Party Assessment Organization"
    ans = assistant.ask("What is the 'assessment report' that a provider hands in for StarAudit?")
    assert ans.ranked_sections[0] == "2.2.2"


def test_defining_a_word_the_report_uses_is_a_definition_not_a_question_about_the_report(assistant):
    ans = assistant.ask("本書が使っている「オンプレミス」という言葉を定義してください。どんな文脈で出てきますか？")
    assert ans.shape == "definition"
    assert any("オンプレミス" in c.text for c in ans.citations)


def test_define_as_a_section_summarises_it_is_a_definition(assistant):
    ans = assistant.ask("Define NIST SP 800-171 as the NIST section summarises it: what it protects and for whom.")
    assert ans.shape == "definition"
    assert ans.citations[0].section_id == "2.4.6"


def test_a_document_with_its_own_heading_is_compared_from_under_it(assistant):
    # NIST SP 800-53 has its heading in the NIST section; FedRAMP's footnote only glosses it
    ans = assistant.ask("CSA CCMとNIST SP 800-53を比べてください。それぞれ何に使われるものですか？")
    assert ans.shape == "compare"
    assert {c.section_id for c in ans.citations} == {"2.2.1", "2.4.6"}
    # a heading that names its own entry (SOC2 of "SOC2、SOC2+") is that entry, not a part
    soc = assistant.ask("Compare SOC2 with the CS mark.")
    assert {c.section_id for c in soc.citations} == {"2.4.5", "2.1.2"}


def test_a_standard_without_an_entry_is_compared_from_where_the_report_glosses_it(assistant):
    # ISO/IEC 27001 has no entry: the ISMS entry's footnote says what it is
    ans = assistant.ask("ISO/IEC 27001とISO/IEC 20000-1は何が違う？比べて。")
    assert ans.shape == "compare"
    cited = {c.section_id for c in ans.citations}
    assert {"2.1.1", "2.4.4"} <= cited
    assert any("27001" in c.text and c.section_id == "2.1.1" for c in ans.citations)


def test_a_definition_asked_with_more_quotes_other_entries_that_speak_of_the_term(assistant):
    ans = assistant.ask("Define ISO/IEC 27002: what it is, and how ISO/IEC 27017 builds on it.")
    assert ans.shape == "definition"
    assert ans.citations[0].section_id == "2.1.4"
    others = [c for c in ans.citations if c.section_id != "2.1.4"]
    assert others and all("27002" in c.text for c in others)
    # a title line that only holds the number says nothing of it
    assert not any(c.text.strip().startswith(("(", "Information technology")) for c in others)


def test_a_short_form_is_defined_by_the_sentence_that_opens_on_it_again(assistant):
    # 「…（以下「統一基準群」という。）」 sets up the short form; 「統一基準群は、以下の4つの文書から
    # 構成される。」 goes on defining it, with the documents it announces
    ans = assistant.ask("What are the 統一基準群?")
    assert ans.shape == "definition"
    texts = [c.text for c in ans.citations]
    assert any(t.startswith("統一基準群は、以下の4つの文書から構成される") for t in texts), ans.answer
    assert all(any(t.startswith(n) for t in texts) for n in "①②③④"), ans.answer


def test_a_sentence_that_opens_on_the_term_is_quoted_once(assistant):
    # 「3PAO は、ISO/IEC 17020 に従って…」 both follows the first sentence and speaks of the term
    ans = assistant.ask("Define 3PAO.")
    spans = [(c.section_id, c.start) for c in ans.citations]
    assert len(spans) == len(set(spans)), ans.answer


@pytest.mark.parametrize(
    "question",
    [
        "Based on the report, define the term 3PAO.",
        "Going by the report's description, what is a 3PAO?",
        "本書に基づいて、3PAOとは何かを説明してください。",
    ],
)
def test_a_definition_after_a_frame_that_says_where_to_look(assistant, question):
    ans = assistant.ask(question)
    assert ans.shape == "definition", question
    assert ans.citations[0].section_id == "2.3.1"
    assert "Third-Party Assessment Organization" in ans.citations[0].text


def test_what_an_acronym_stands_for_is_a_lookup(assistant):
    assert assistant.ask("In the report, what does the acronym SOC stand for?").shape == "lookup"
