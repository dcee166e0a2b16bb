"""English questions reach the report's Japanese words (JMdict glosses of the
report's own vocabulary). Real dictionary, real model and index; our own
examples, none an eval question.
"""

from __future__ import annotations

import pytest

from assistant.bilingual import english_key
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
