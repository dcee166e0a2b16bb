"""The answer metrics of ``assistant eval`` on hand-made answers.

The answers are real ``Answer`` objects turned into JSON by ``Answer.to_json()``
(what predictions.jsonl stores), scored by the real metric functions."""

from __future__ import annotations

import json

from assistant.eval_metrics import (
    abstention_scores,
    answer_text,
    cited_sections,
    followup_correct,
    item_recall,
    normalise,
    section_coverage,
)
from assistant.eval_report import report_md, update_readme
from assistant.evaluate import Question, load_questions, summarize, summarize_run, summarize_turns
from assistant.paths import PROJECT_ROOT
from assistant.types import Answer, Citation, Table, TableCell


def cite(section: str, text: str) -> Citation:
    return Citation(section, f"{section} title", section, "概要・特徴", text, 0, len(text), 1.0)


def answer(text: str = "", citations=(), table=None, abstained=False, related=(), shape="lookup") -> dict:
    a = Answer(
        "q",
        "q",
        text,
        abstained,
        tuple(citations),
        tuple(c.section_id for c in citations),
        shape=shape,
        table=table,
        related_citations=tuple(related),
    )
    return a.to_json()


def test_normalise_ignores_width_and_spaces():
    assert normalise("ＩＳＯ/IEC　27017 の 管理策") == normalise("ISO/IEC 27017の管理策")


def test_item_recall_counts_answer_citations_and_table_cells():
    table = Table(
        ("制度", "有効期間"),
        (
            (
                TableCell("CSマーク"),
                TableCell("3 年 6 か月", cite("2.1.2", "監査報告日から 3 年 6 か月であり")),
            ),
            (TableCell("StarAudit"), TableCell("記載なし", None, absent=True)),
        ),
    )
    a = answer(
        "比較します。",
        [cite("2.2.2", "認証の有効期間は3年で、1年毎に維持審査")],
        table=table,
        shape="compare",
    )
    items = ["監査報告日から3年6か月", "認証の有効期間は 3年", "認証は 3 年間有効"]
    assert item_recall(items, a) == 2 / 3
    assert set(cited_sections(a)) == {"2.2.2", "2.1.2"}
    assert section_coverage(["2.1.2", "2.2.2", "2.3.6"], a) == 2 / 3
    assert "記載なし" in answer_text(a)


def test_related_text_after_an_abstention_is_not_the_answer():
    a = answer(
        "この報告書には記載がありません。", abstained=True, related=[cite("2.3.2", "G-Cloud framework")]
    )
    assert item_recall(["G-Cloud framework"], a) == 0.0
    assert section_coverage(["2.3.2"], a) == 0.0
    assert item_recall([], a) is None and section_coverage([], a) is None


def test_abstention_scores():
    # 3 negatives (2 abstained), 4 answerable (1 abstained)
    should = [True, True, True, False, False, False, False]
    did = [True, True, False, True, False, False, False]
    s = abstention_scores(should, did)
    assert (s["precision"], s["recall"]) == (2 / 3, 2 / 3)
    assert abs(s["f1"] - 2 / 3) < 1e-9
    assert s["answerable_abstained"] == 0.25 and s["false_abstentions"] == 1


def test_followup_turn_with_empty_gold_is_right_only_when_abstained():
    assert followup_correct([], ["2.3.2"], abstained=True) == 1.0
    assert followup_correct([], ["2.3.2"], abstained=False) == 0.0
    assert followup_correct(["2.3.2"], ["2.3.2", "2.3.1"], abstained=False) == 1.0
    assert followup_correct(["2.3.2"], ["2.3.1", "2.3.2"], abstained=False) == 0.0


def pred(qid: str, ranked, ans: dict) -> dict:
    return {**ans, "id": qid, "ranked_sections": list(ranked), "latency_ms": 1.0}


def test_summarize_keeps_core_metrics_apart_and_scores_shapes():
    qs = [
        Question("a", "C5の監査基準は？", ["2.3.4"], "ISAE 3000", "lookup", "dev"),
        Question("b", "費用は？", [], None, "negative", "dev"),
        Question(
            "c",
            "CSFの機能は？",
            ["2.4.6"],
            None,
            "enumeration",
            "dev",
            shape="enumeration",
            must_contain=("「特定」", "「防御」"),
            core=False,
        ),
        Question(
            "d",
            "G-Cloudの登録事業者数は？",
            [],
            None,
            "negative",
            "dev",
            negative_kind="absent_aspect",
            core=False,
        ),
    ]
    preds = [
        pred("a", ["2.3.4"], answer("ISAE 3000 を適用", [cite("2.3.4", "ISAE 3000")])),
        pred("b", [], answer("記載がありません", abstained=True)),
        pred("c", ["2.4.6"], answer("", [cite("2.4.6", "「特定」「検知」")], shape="enumeration")),
        pred("d", ["2.3.2"], answer("G-Cloud framework", [cite("2.3.2", "G-Cloud framework")])),
    ]
    r = summarize(preds, qs)
    assert r["overall"]["n"] == 2 and r["overall"]["recall@1"] == 1.0  # core only
    assert r["overall"]["abstention"]["recall"] == 1.0
    assert r["by_shape"]["enumeration"]["item_recall"] == 0.5
    assert r["by_shape"]["enumeration"]["section_coverage"] == 1.0
    assert r["by_shape"]["enumeration"]["shape_match"] == 1.0
    assert r["new_shapes"]["n"] == 1
    assert r["abstention_all"]["recall"] == 0.5 and r["abstention_all"]["absent_aspect_recall"] == 0.0


def test_summarize_turns_by_kind_and_splits():
    def turn(i, gold, ranked, abstained, kind, split):
        return {
            "id": "c",
            "turn": i,
            "gold": gold,
            "ranked_sections": ranked,
            "abstained": abstained,
            "kind": kind,
            "split": split,
        }

    turns = [
        turn(0, ["2.3.1"], ["2.3.1"], False, "standalone", "dev"),
        turn(1, ["2.3.1"], ["2.3.5"], False, "continue", "dev"),
        turn(2, [], ["2.3.1"], True, "absent", "dev"),
        turn(0, ["2.3.2"], ["2.3.2"], False, None, "test"),
        turn(1, ["2.3.1"], ["2.3.1"], False, None, "test"),
    ]
    t = summarize_turns(turns)
    assert t["followup_recall@1"] == 1.0  # core (untagged) turns only
    assert t["followup_accuracy"] == 2 / 3
    assert t["followup_by_kind"]["absent"]["accuracy"] == 1.0
    assert t["followup_by_kind"]["continue"]["accuracy"] == 0.0
    r = summarize_run([], turns, [])
    assert r["splits"]["dev"]["conversations"]["followup_accuracy"] == 0.5
    assert r["splits"]["test"]["conversations"]["followup_accuracy"] == 1.0
    md = report_md({"questions": 0, "conversations": 2, "configs": {"full": r}}, [], "full")
    assert "| metric | dev | test |" in md


def test_loader_defaults_shape_from_type_and_marks_core():
    qs = load_questions(PROJECT_ROOT / "eval" / "questions.jsonl")
    by_type = {q.type: q for q in qs if q.core}
    assert by_type["compare"].shape == "compare" and by_type["scope"].shape == "meta"
    assert by_type["lookup"].shape == "lookup"
    assert sum(q.core for q in qs) == 213  # the set the quality gate was measured on
    assert all(q.must_contain for q in qs if not q.core and q.gold)


def test_readme_table_still_updates(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    r = summarize_run(
        [pred("a", ["2.3.4"], answer("x"))], [], [Question("a", "q", ["2.3.4"], None, "lookup", "dev")]
    )
    (run / "results.json").write_text(
        json.dumps({"questions": 1, "conversations": 0, "configs": {"full": r}}), encoding="utf-8"
    )
    readme = tmp_path / "README.md"
    readme.write_text("top\n<!-- eval:start -->\nOLD TABLE\n<!-- eval:end -->\nbottom\n", encoding="utf-8")
    update_readme(run, readme)
    text = readme.read_text(encoding="utf-8")
    assert "OLD TABLE" not in text and "| full | 1.000" in text and text.endswith("bottom\n")


def test_items_match_across_a_moved_footnote_marker():
    from assistant.eval_metrics import item_recall

    ans = {"answer": "各対策においてISO/IEC 27002の管理策との紐づけを示している。", "citations": []}
    assert item_recall(["ISO/IEC 27002※の管理策との紐づけ"], ans) == 1.0
    assert item_recall(["ISO/IEC 27001※1の管理策"], ans) == 0.0
