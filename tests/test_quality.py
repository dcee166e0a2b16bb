"""Quality gate: the full configuration on the frozen test split must not
regress below what was measured when the parameters were last chosen (on the
dev split). Thresholds sit a few points under the measured values (see
eval/README.md, "Quality gate") so that noise does not fail CI but a real
regression does."""

from __future__ import annotations

import pytest

from assistant.evaluate import load_conversations, load_questions, run_config, summarize, summarize_turns
from assistant.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

EVAL = PROJECT_ROOT / "eval"

# measured on the test split at commit time: see eval/README.md
GATE = {
    "recall@1": 0.75,  # measured 0.795 at 1414b75, 0.784 at fe0724a
    "recall@3": 0.87,  # measured 0.907, 0.901
    "mrr": 0.84,  # measured 0.875, 0.872
    "span_hit@1": 0.63,  # measured 0.687, 0.675
    "followup_recall@1": 0.55,  # measured 0.552, 0.655
    "abstention_precision": 0.70,  # measured 0.667 (recall 0.46), 0.818 (recall 0.69)
}

# Answer shapes (issue 10) and abstention / follow-ups over every item (issue 11),
# measured on the test split at fe0724a (dev in brackets; eval/README.md).
GATE_ANSWERS = {
    "new_item_recall": 0.55,  # measured 0.600 (dev 0.863)
    "new_section_coverage": 0.74,  # measured 0.798 (dev 0.980)
    "enumeration_item_recall": 0.80,  # measured 0.861 (dev 1.000)
    "abstention_f1": 0.65,  # measured 0.71 over all negatives (dev 0.74)
    "absent_aspect_recall": 0.45,  # measured 0.533 (dev 0.643)
    "answerable_abstained_max": 0.05,  # measured 0.024 (dev 0.008)
    "followup_accuracy": 0.68,  # measured 0.730 (dev 0.875)
}


@pytest.fixture(scope="module")
def test_split_results(assistant):
    qs = load_questions(EVAL / "questions.jsonl", "test")
    convs = load_conversations(EVAL / "conversations.jsonl", "test")
    preds, turns = run_config(assistant, "full", qs, convs)
    res = summarize(preds, qs)
    res["conversations"] = summarize_turns(turns)
    return res


def test_shaped_answers_quote_the_items_and_cite_the_sections(test_split_results):
    new = test_split_results["new_shapes"]
    assert new["item_recall"] >= GATE_ANSWERS["new_item_recall"], new
    assert new["section_coverage"] >= GATE_ANSWERS["new_section_coverage"], new
    enum = test_split_results["by_shape"]["enumeration"]
    assert enum["item_recall"] >= GATE_ANSWERS["enumeration_item_recall"], enum


def test_says_not_stated_without_refusing_answerable_questions(test_split_results):
    ab = test_split_results["abstention_all"]
    assert ab["f1"] >= GATE_ANSWERS["abstention_f1"], ab
    assert ab["absent_aspect_recall"] >= GATE_ANSWERS["absent_aspect_recall"], ab
    assert ab["answerable_abstained"] <= GATE_ANSWERS["answerable_abstained_max"], ab


def test_followups_over_every_turn_kind(test_split_results):
    conv = test_split_results["conversations"]
    assert conv["followup_accuracy"] >= GATE_ANSWERS["followup_accuracy"], conv


@pytest.mark.parametrize("metric", ["recall@1", "recall@3", "mrr", "span_hit@1"])
def test_retrieval_and_answers_hold(test_split_results, metric):
    got = test_split_results["overall"][metric]
    assert got >= GATE[metric], f"{metric} fell to {got:.3f} (gate {GATE[metric]})"


def test_followups_hold(test_split_results):
    got = test_split_results["conversations"]["followup_recall@1"]
    assert got >= GATE["followup_recall@1"], f"follow-up R@1 fell to {got:.3f}"


def test_abstention_is_precise(test_split_results):
    ab = test_split_results["overall"]["abstention"]
    assert ab["precision"] >= GATE["abstention_precision"], ab
    assert ab["recall"] > 0, ab
