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
    "recall@1": 0.77,  # measured 0.795 at 1414b75, 0.784 at fe0724a, 0.789, 0.811 at 765d019
    "recall@3": 0.87,  # measured 0.907, 0.901, 0.901
    "mrr": 0.84,  # measured 0.875, 0.872, 0.879
    "span_hit@1": 0.70,  # measured 0.687, 0.675, 0.711, 0.747 at 765d019
    "followup_recall@1": 0.70,  # measured 0.552, 0.655, 0.759
    "abstention_precision": 0.80,  # measured 0.667 (recall 0.46), 0.818 (recall 0.69), 0.900 (recall 0.69)
}

# Answer shapes (issue 10) and abstention / follow-ups over every item (issue 11),
# measured on the test split (first at fe0724a, now in brackets after it; eval/README.md).
GATE_ANSWERS = {
    "new_item_recall": 0.65,  # measured 0.600, 0.619, now 0.695
    "new_section_coverage": 0.80,  # measured 0.798, 0.836, now 0.850
    "enumeration_item_recall": 0.80,  # measured 0.861, now 0.861
    "abstention_f1": 0.76,  # measured 0.71 over all negatives, now 0.816
    "absent_aspect_recall": 0.65,  # measured 0.533, now 0.733
    "answerable_abstained_max": 0.04,  # measured 0.024, now 0.008
    "followup_accuracy": 0.82,  # measured 0.730, now 0.873
}

# The probe set (eval/probes/, dev data: new phrasings the rules were tried on)
# guards against a change that helps the eval set's phrasings and hurts others.
GATE_PROBES = {
    "new_item_recall": 0.73,  # measured 0.677, now 0.786 (0.486 before it was used)
    "new_section_coverage": 0.88,  # measured 0.905, now 0.933 (0.768)
    "abstention_f1": 0.85,  # measured 0.857, now 0.902 (0.488)
    "answerable_abstained_max": 0.04,  # measured 0.000 (0.052)
    "followup_accuracy": 0.92,  # measured 0.958, now 0.979 (0.833)
}


def _results(assistant, folder, split: str) -> dict:
    qs = load_questions(folder / "questions.jsonl", split)
    convs = load_conversations(folder / "conversations.jsonl", split)
    preds, turns = run_config(assistant, "full", qs, convs)
    res = summarize(preds, qs)
    res["conversations"] = summarize_turns(turns)
    return res


@pytest.fixture(scope="module")
def test_split_results(assistant):
    return _results(assistant, EVAL, "test")


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


@pytest.fixture(scope="module")
def probe_results(assistant):
    return _results(assistant, EVAL / "probes", "dev")


def test_new_phrasings_of_the_probe_set_hold(probe_results):
    new = probe_results["new_shapes"]
    assert new["item_recall"] >= GATE_PROBES["new_item_recall"], new
    assert new["section_coverage"] >= GATE_PROBES["new_section_coverage"], new
    ab = probe_results["abstention_all"]
    assert ab["f1"] >= GATE_PROBES["abstention_f1"], ab
    assert ab["answerable_abstained"] <= GATE_PROBES["answerable_abstained_max"], ab
    conv = probe_results["conversations"]
    assert conv["followup_accuracy"] >= GATE_PROBES["followup_accuracy"], conv
