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
"""

from __future__ import annotations

import json
import math
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .paths import PROJECT_ROOT
from .retrieve import CONFIGS

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
        out.append(
            Question(
                str(r["id"]),
                r["question"],
                list(r.get("gold") or []),
                r.get("answer_span"),
                r.get("type", "lookup"),
                r.get("split", "all"),
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
    pos = [p for p in preds if by_id[p["id"]].gold]
    neg = [p for p in preds if not by_id[p["id"]].gold]

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
        return out

    res: dict[str, Any] = {"overall": block(preds)}
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
    lat = [p["latency_ms"] for p in preds]
    res["overall"]["latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    types = sorted({q.type for q in questions})
    res["by_type"] = {t: block([p for p in preds if by_id[p["id"]].type == t]) for t in types}
    return res


def summarize_turns(turns: list[dict]) -> dict[str, Any]:
    later = [t for t in turns if t["turn"] > 0 and t["gold"]]
    first = [t for t in turns if t["turn"] == 0 and t["gold"]]
    return {
        "turns": len(turns),
        "followup_recall@1": statistics.fmean(1.0 if t["ranked_sections"][:1] and t["ranked_sections"][0] in t["gold"] else 0.0 for t in later) if later else 0.0,
        "followup_recall@3": statistics.fmean(recall_at(t["ranked_sections"], t["gold"], 3, False) for t in later) if later else 0.0,
        "first_turn_recall@1": statistics.fmean(1.0 if t["ranked_sections"][:1] and t["ranked_sections"][0] in t["gold"] else 0.0 for t in first) if first else 0.0,
    }


# --------------------------------------------------------------------- running


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
                }
            )
            if progress:
                progress.update(1)
    return preds, turns


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
            r = summarize(preds, questions) if questions else {}
            if conversations:
                r["conversations"] = summarize_turns(turns)
            results["configs"][name] = r
    main = "full" if "full" in configs else configs[-1]
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as f:
        for name in configs:
            preds, turns = all_preds[name]
            for p in preds:
                f.write(json.dumps({"config": name, **p}, ensure_ascii=False) + "\n")
            for t in turns:
                f.write(json.dumps({"config": name, **t}, ensure_ascii=False) + "\n")
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(report_md(results, all_preds[main][0], questions, main), encoding="utf-8")
    try:
        plot(results, out / "report.png")
    except ImportError:
        print("matplotlib is not installed: report.png skipped", file=sys.stderr)
    return results


# --------------------------------------------------------------------- reports


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def results_table(results: dict) -> str:
    cols = ["recall@1", "recall@3", "recall@5", "mrr", "ndcg@5", "span_hit@1"]
    lines = ["| config | " + " | ".join(cols) + " | abstain P/R/F1 | follow-up R@1 | p50 ms | p95 ms |"]
    lines.append("|" + "---|" * (len(cols) + 5))
    for name, r in results["configs"].items():
        o = r.get("overall", {})
        ab = o.get("abstention", {})
        conv = r.get("conversations", {})
        lat = o.get("latency_ms", {})
        lines.append(
            f"| {name} | "
            + " | ".join(_f(o.get(c, "")) for c in cols)
            + f" | {ab.get('precision', 0):.2f}/{ab.get('recall', 0):.2f}/{ab.get('f1', 0):.2f}"
            + f" | {_f(conv.get('followup_recall@1', ''))} | {lat.get('p50', 0):.0f} | {lat.get('p95', 0):.0f} |"
        )
    return "\n".join(lines)


def report_md(results: dict, preds: list[dict], questions: list[Question], main: str) -> str:
    by_id = {q.id: q for q in questions}
    out = ["# Evaluation report", "", f"{results['questions']} questions, {results['conversations']} conversations.", ""]
    out += ["## Configurations", "", results_table(results), ""]
    r = results["configs"][main]
    out += [f"## By question type ({main})", "", "| type | n | R@1 | R@3 | R@5 | MRR | span hit@1 |", "|---|---|---|---|---|---|---|"]
    for t, b in r.get("by_type", {}).items():
        out.append(
            f"| {t} | {b['n']} | {_f(b.get('recall@1', '-'))} | {_f(b.get('recall@3', '-'))} | {_f(b.get('recall@5', '-'))} | {_f(b.get('mrr', '-'))} | {_f(b.get('span_hit@1', '-'))} |"
        )
    out += ["", f"## Worst misses ({main})", "", "| id | question | gold | returned | abstained |", "|---|---|---|---|---|"]
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
    for _, p, q in misses[:25]:
        question = q.question.replace("|", "\\|")
        out.append(f"| {q.id} | {question} | {', '.join(q.gold) or '(none)'} | {', '.join(p['ranked_sections'][:3])} | {p['abstained']} |")
    return "\n".join(out) + "\n"


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(results["configs"])
    types = sorted({t for r in results["configs"].values() for t in r.get("by_type", {}) if t != "negative"})
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    width = 0.8 / max(1, len(configs))
    for i, name in enumerate(configs):
        bt = results["configs"][name].get("by_type", {})
        vals = [bt.get(t, {}).get("recall@1", 0.0) for t in types]
        axes[0].bar([x + i * width for x in range(len(types))], vals, width, label=name)
    axes[0].set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(types))], types, rotation=30)
    axes[0].set_title("Recall@1 by question type")
    axes[0].set_ylim(0, 1)
    axes[0].legend()
    metrics = ["recall@1", "recall@3", "mrr", "ndcg@5", "span_hit@1"]
    for i, name in enumerate(configs):
        o = results["configs"][name].get("overall", {})
        axes[1].bar([x + i * width for x in range(len(metrics))], [o.get(m, 0.0) for m in metrics], width, label=name)
    axes[1].set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(metrics))], metrics)
    axes[1].set_title("Overall")
    axes[1].set_ylim(0, 1)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def update_readme(run_dir: Path, readme: Path) -> None:
    """Replace the block between the eval markers with the run's table."""
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    start, end = "<!-- eval:start -->", "<!-- eval:end -->"
    text = readme.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"{readme}: no {start} … {end} block to update")
    table = results_table(results)
    head = text.split(start)[0]
    tail = text.split(end)[1]
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")


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
