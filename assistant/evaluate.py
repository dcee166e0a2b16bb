"""Batch evaluation: ``assistant eval``.

Reads any question / conversation files in the schema of ``eval/README.md``,
asks every question through ``Assistant.ask`` (the same path as the UI and
CLI) and writes ``predictions.jsonl``, ``results.json``, ``report.md`` and
``report.png``. Several retrieval configurations can be compared in one run.

Metric definitions (positives = questions with gold sections):
- Recall@k: for ``compare`` questions the share of gold sections in the top
  k; for every other type, whether any gold section is in the top k (their
  gold ids are alternatives, each answering on its own).
- MRR: 1 / rank of the first gold section (0 if not in the ranking).
- nDCG@5: binary relevance over the top 5.
- span hit@1: the whitespace-free gold span appears in the answer text.
- abstention precision/recall/F1: "should abstain" = negative questions.
- follow-up R@1: conversation turns after the first, any gold at rank 1.

The metrics above are computed on the *core* set: questions without ``shape``
or ``negative_kind`` and conversations without per-turn ``kind`` (the set the
quality gate was measured on), so they stay comparable across versions of the
eval files. Over every question and turn (``eval_metrics``):
- item recall and section coverage, per expected answer shape;
- abstention P/R/F1 over all negatives, absent-aspect recall, and the share of
  answerable questions abstained;
- follow-up accuracy (a gold [] turn is right iff it abstained), per turn kind.
With questions from both splits, every summary is also given per split.
"""

from __future__ import annotations

import json
import logging
import math
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .eval_metrics import abstention_scores, followup_correct, item_recall, mean, section_coverage
from .eval_report import plot, report_md, results_table, update_readme
from .paths import PROJECT_ROOT
from .retrieve import CONFIGS

logger = logging.getLogger(__name__)

CONFIG_ORDER = ["keyword", "dense", "hybrid", "full"]
K_RANK = 10


@dataclass
class Question:
    id: str
    question: str
    gold: list[str]
    answer_span: str | None
    type: str
    split: str = "all"
    shape: str = "lookup"  # the answer shape a good answer has
    must_contain: tuple[str, ...] = ()  # verbatim quotes a good answer shows
    negative_kind: str | None = None  # e.g. "absent_aspect"
    core: bool = True  # written in the original schema (no shape / negative_kind)


# the shape a question of an older type is answered in, when it gives none
SHAPE_OF_TYPE = {"compare": "compare", "scope": "meta", "definition": "definition", "enumeration": "enumeration",
                 "list": "list", "catalogue": "catalogue", "meta": "meta"}


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
    return rows


def load_questions(path: Path, split: str = "all") -> list[Question]:
    out = []
    for r in load_jsonl(path):
        if split != "all" and r.get("split", "all") != split:
            continue
        qtype = r.get("type", "lookup")
        out.append(
            Question(
                str(r["id"]),
                r["question"],
                list(r.get("gold") or []),
                r.get("answer_span"),
                qtype,
                r.get("split", "all"),
                shape=r.get("shape") or SHAPE_OF_TYPE.get(qtype, "lookup"),
                must_contain=tuple(r.get("must_contain") or ()),
                negative_kind=r.get("negative_kind"),
                core="shape" not in r and "negative_kind" not in r,
            )
        )
    return out


def load_conversations(path: Path, split: str = "all") -> list[dict]:
    return [c for c in load_jsonl(path) if split == "all" or c.get("split", "all") == split]


# --------------------------------------------------------------------- metrics


def recall_at(ranked: list[str], gold: list[str], k: int, all_needed: bool) -> float:
    top = set(ranked[:k])
    if all_needed:
        return len(top & set(gold)) / len(gold)
    return 1.0 if top & set(gold) else 0.0


def mrr(ranked: list[str], gold: list[str]) -> float:
    for i, s in enumerate(ranked, 1):
        if s in gold:
            return 1.0 / i
    return 0.0


def ndcg_at(ranked: list[str], gold: list[str], k: int = 5) -> float:
    dcg = sum(1.0 / math.log2(i + 1) for i, s in enumerate(ranked[:k], 1) if s in gold)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(k, len(gold)) + 1))
    return dcg / ideal if ideal else 0.0


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def span_hit(answer: str, span: str | None) -> float | None:
    if not span:
        return None
    return 1.0 if _squash(span) in _squash(answer) else 0.0


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    i = min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))
    return v[i]


def summarize(preds: list[dict], questions: list[Question]) -> dict[str, Any]:
    by_id = {q.id: q for q in questions}
    lat = [p["latency_ms"] for p in preds]
    preds = [p for p in preds if p["id"] in by_id]
    core = [p for p in preds if by_id[p["id"]].core]
    pos = [p for p in core if by_id[p["id"]].gold]
    neg = [p for p in core if not by_id[p["id"]].gold]

    def block(ps: list[dict]) -> dict[str, Any]:
        out: dict[str, Any] = {"n": len(ps)}
        positives = [p for p in ps if by_id[p["id"]].gold]
        if positives:
            for k in (1, 3, 5):
                out[f"recall@{k}"] = statistics.fmean(
                    recall_at(p["ranked_sections"], by_id[p["id"]].gold, k, by_id[p["id"]].type == "compare")
                    for p in positives
                )
            out["mrr"] = statistics.fmean(mrr(p["ranked_sections"], by_id[p["id"]].gold) for p in positives)
            out["ndcg@5"] = statistics.fmean(ndcg_at(p["ranked_sections"], by_id[p["id"]].gold) for p in positives)
            hits = [span_hit(p["answer"], by_id[p["id"]].answer_span) for p in positives]
            hits = [h for h in hits if h is not None]
            if hits:
                out["span_hit@1"] = statistics.fmean(hits)
        if ps:
            out["abstained"] = statistics.fmean(1.0 if p["abstained"] else 0.0 for p in ps)
        return out

    res: dict[str, Any] = {"overall": block(core)}
    tp = sum(1 for p in neg if p["abstained"])
    fp = sum(1 for p in pos if p["abstained"])
    fn = len(neg) - tp
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    res["overall"]["abstention"] = {
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "false_abstentions": fp,
        "negatives": len(neg),
    }
    res["overall"]["latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    types = sorted({by_id[p["id"]].type for p in preds})
    res["by_type"] = {t: block([p for p in preds if by_id[p["id"]].type == t]) for t in types}
    res.update(summarize_answers(preds, by_id))
    return res


def shape_block(ps: list[dict], by_id: dict[str, Question]) -> dict[str, Any]:
    """Item recall, section coverage and R@1 of answerable questions."""
    out: dict[str, Any] = {"n": len(ps)}
    if not ps:
        return out
    qs = [by_id[p["id"]] for p in ps]
    shaped = [(p, q) for p, q in zip(ps, qs) if q.must_contain]
    out["n_items"] = len(shaped)
    out["item_recall"] = mean(item_recall(q.must_contain, p) for p, q in shaped)
    out["section_coverage"] = mean(section_coverage(q.gold, p) for p, q in zip(ps, qs))
    out["recall@1"] = statistics.fmean(recall_at(p["ranked_sections"], q.gold, 1, q.shape == "compare") for p, q in zip(ps, qs))
    out["shape_match"] = mean((1.0 if p.get("shape") == q.shape else 0.0) for p, q in shaped) if shaped else None
    out["abstained"] = statistics.fmean(1.0 if p["abstained"] else 0.0 for p in ps)
    return out


def summarize_answers(preds: list[dict], by_id: dict[str, Question]) -> dict[str, Any]:
    """Per-shape answer metrics and abstention over every question (issues 10, 11)."""
    pos = [p for p in preds if by_id[p["id"]].gold]
    shapes = sorted({by_id[p["id"]].shape for p in pos})
    out: dict[str, Any] = {"by_shape": {s: shape_block([p for p in pos if by_id[p["id"]].shape == s], by_id) for s in shapes}}
    out["new_shapes"] = shape_block([p for p in pos if by_id[p["id"]].must_contain], by_id)
    ab = abstention_scores([not by_id[p["id"]].gold for p in preds], [bool(p["abstained"]) for p in preds])
    kinds = sorted({by_id[p["id"]].negative_kind for p in preds if by_id[p["id"]].negative_kind})
    for k in kinds:
        ks = [p for p in preds if by_id[p["id"]].negative_kind == k]
        ab[f"{k}_recall"] = statistics.fmean(1.0 if p["abstained"] else 0.0 for p in ks)
        ab[f"{k}_n"] = len(ks)
    out["abstention_all"] = ab
    return out


def summarize_turns(turns: list[dict]) -> dict[str, Any]:
    core = [t for t in turns if not t.get("kind")]
    later = [t for t in core if t["turn"] > 0 and t["gold"]]
    first = [t for t in core if t["turn"] == 0 and t["gold"]]
    out = {
        "turns": len(turns),
        "followup_recall@1": statistics.fmean(1.0 if t["ranked_sections"][:1] and t["ranked_sections"][0] in t["gold"] else 0.0 for t in later) if later else 0.0,
        "followup_recall@3": statistics.fmean(recall_at(t["ranked_sections"], t["gold"], 3, False) for t in later) if later else 0.0,
        "first_turn_recall@1": statistics.fmean(1.0 if t["ranked_sections"][:1] and t["ranked_sections"][0] in t["gold"] else 0.0 for t in first) if first else 0.0,
    }
    # every follow-up, tagged or not: a gold [] turn is right iff it abstained
    follow = [t for t in turns if t["turn"] > 0]
    right = {id(t): followup_correct(t["gold"], t["ranked_sections"], t["abstained"]) for t in follow}
    out["followup_accuracy"] = mean(right[id(t)] for t in follow)
    out["followup_n"] = len(follow)
    kinds = sorted({t.get("kind") or "untagged" for t in follow})
    out["followup_by_kind"] = {
        k: {"n": len(ks), "accuracy": mean(right[id(t)] for t in ks)}
        for k in kinds
        for ks in [[t for t in follow if (t.get("kind") or "untagged") == k]]
    }
    answerable = [t for t in turns if t["gold"]]
    out["answerable_turns_abstained"] = mean((1.0 if t["abstained"] else 0.0) for t in answerable)
    return out


# --------------------------------------------------------------------- running


def answer_fields(ans) -> dict[str, Any]:
    """The parts of ``Answer.to_json()`` the answer metrics read, besides the
    answer text and citations (shape, table, and why/how it was answered)."""
    j = ans.to_json()
    return {k: j[k] for k in ("shape", "table", "resolution", "reason") if k in j}


def run_config(assistant, name: str, questions: list[Question], conversations: list[dict], progress=None) -> tuple[list[dict], list[dict]]:
    full = name == "full"
    rcfg = CONFIGS[name]
    acfg = None if full else replace(assistant.answerer.config, abstain=False)
    preds = []
    for q in questions:
        t0 = time.perf_counter()
        ans = assistant.ask(q.question, config=rcfg, answer_config=acfg)
        ms = (time.perf_counter() - t0) * 1000
        preds.append(
            {
                "id": q.id,
                "ranked_sections": list(ans.ranked_sections),
                "answer": ans.answer,
                "abstained": ans.abstained,
                "citations": [c.to_json() for c in ans.citations],
                "latency_ms": round(ms, 2),
                **answer_fields(ans),
            }
        )
        if progress:
            progress.update(1)
    turns = []
    for conv in conversations:
        history: list = []
        for i, turn in enumerate(conv["turns"]):
            t0 = time.perf_counter()
            # only the full configuration resolves follow-ups from the conversation
            ans = assistant.ask(turn["question"], history=history if full else None, config=rcfg, answer_config=acfg)
            ms = (time.perf_counter() - t0) * 1000
            history.append(ans)
            turns.append(
                {
                    "id": conv["id"],
                    "turn": i,
                    "question": turn["question"],
                    "gold": turn.get("gold") or [],
                    "ranked_sections": list(ans.ranked_sections),
                    "answer": ans.answer,
                    "abstained": ans.abstained,
                    "searched_query": ans.searched_query,
                    "latency_ms": round(ms, 2),
                    "kind": turn.get("kind"),
                    "split": conv.get("split", "all"),
                    **answer_fields(ans),
                }
            )
            if progress:
                progress.update(1)
    return preds, turns


def summarize_run(preds: list[dict], turns: list[dict], questions: list[Question]) -> dict[str, Any]:
    """The summary of one configuration, and of each split when several are present."""

    def one(ps: list[dict], ts: list[dict], qs: list[Question]) -> dict[str, Any]:
        r = summarize(ps, qs) if qs else {}
        if ts:
            r["conversations"] = summarize_turns(ts)
        return r

    r = one(preds, turns, questions)
    splits = sorted({q.split for q in questions} | {t.get("split", "all") for t in turns})
    if len(splits) > 1:
        r["splits"] = {
            s: one(preds, [t for t in turns if t.get("split") == s], [q for q in questions if q.split == s]) for s in splits
        }
    elif splits:
        r["split"] = splits[0]
    return r


def worst_misses(preds: list[dict], questions: list[Question], n: int = 25) -> list[tuple[Question, dict]]:
    """Positives ranked lowest by MRR, then negatives answered anyway."""
    by_id = {q.id: q for q in questions}
    misses = []
    for p in preds:
        q = by_id[p["id"]]
        if q.gold:
            m = mrr(p["ranked_sections"], q.gold)
            if m < 1.0:
                misses.append((m, p, q))
        elif not p["abstained"]:
            misses.append((0.5, p, q))
    misses.sort(key=lambda x: x[0])
    return [(q, p) for _, p, q in misses[:n]]


def evaluate(assistant, questions: list[Question], conversations: list[dict], configs: list[str], out: Path) -> dict:
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    n_turns = sum(len(c["turns"]) for c in conversations)
    results: dict[str, Any] = {"questions": len(questions), "conversations": len(conversations), "configs": {}}
    all_preds: dict[str, tuple[list[dict], list[dict]]] = {}
    with tqdm(total=(len(questions) + n_turns) * len(configs), desc="eval", unit="q", file=sys.stderr) as bar:
        for name in configs:
            bar.set_postfix_str(name)
            preds, turns = run_config(assistant, name, questions, conversations, bar)
            all_preds[name] = (preds, turns)
            results["configs"][name] = summarize_run(preds, turns, questions)
    main = "full" if "full" in configs else configs[-1]
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as f:
        for name in configs:
            preds, turns = all_preds[name]
            for p in preds:
                f.write(json.dumps({"config": name, **p}, ensure_ascii=False) + "\n")
            for t in turns:
                f.write(json.dumps({"config": name, **t}, ensure_ascii=False) + "\n")
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(report_md(results, worst_misses(all_preds[main][0], questions), main), encoding="utf-8")
    try:
        plot(results, out / "report.png")
    except ImportError:
        logger.warning("matplotlib is not installed: report.png skipped")
    return results


# --------------------------------------------------------------------- CLI


def main(args) -> int:
    from .core import Assistant

    qpath = Path(args.questions) if args.questions else PROJECT_ROOT / "eval" / "questions.jsonl"
    cpath = Path(args.conversations) if args.conversations else PROJECT_ROOT / "eval" / "conversations.jsonl"
    for p in (qpath, cpath):
        if not p.exists():
            print(f"assistant: {p}: no such file", file=sys.stderr)
            return 2
    configs = CONFIG_ORDER if args.config == "all" else [c.strip() for c in args.config.split(",")]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        print(f"assistant: unknown config {', '.join(unknown)} (choose from {', '.join(CONFIG_ORDER)}, all)", file=sys.stderr)
        return 2
    try:
        questions = load_questions(qpath, args.split)
        conversations = load_conversations(cpath, args.split)
    except (ValueError, KeyError) as e:
        print(f"assistant: {e}", file=sys.stderr)
        return 2
    assistant = Assistant.load(index_dir=args.index, model=args.model, corpus=args.corpus)
    results = evaluate(assistant, questions, conversations, configs, Path(args.out))
    print(results_table(results))
    print(f"\nwritten: {args.out}/predictions.jsonl results.json report.md report.png", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "readme":
        update_readme(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print("usage: python -m assistant.evaluate readme RUN_DIR README.md", file=sys.stderr)
        sys.exit(2)
