"""Choose fusion and abstention parameters on the dev split, never on test.

    python -m assistant.tune [--out eval/tuning.md]

Each question is encoded once; every grid point then reuses the vector, so
the whole grid takes seconds. The chosen values are printed next to the
defaults in ``retrieve.RetrievalConfig`` / ``answer.AnswerConfig`` so a
human copies them over deliberately (and the commit says so).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .abstain import AbstainConfig, Abstainer, Evidence
from .answer import AnswerConfig, Answerer
from .evaluate import load_conversations, load_questions, mrr, recall_at
from .paths import PROJECT_ROOT
from .retrieve import CONFIGS


def _retrieval_grid():
    base = CONFIGS["full"]
    for fusion, wk, eb, sp in itertools.product(
        ["weighted", "rrf"], [0.3, 0.6, 1.0, 1.5], [0.0, 0.2, 0.35, 0.5, 0.8], [0.0, 0.15, 0.3]
    ):
        yield replace(base, fusion=fusion, w_keyword=wk, entity_boost=eb, second_passage=sp)


def abstention_grid(base: AbstainConfig, feats: list[tuple[bool, Evidence, bool]]) -> list[tuple]:
    """Score every abstention grid point on ``feats`` (is-negative, evidence,
    has-entity). Each point is a copy of ``base``; judging needs no index."""
    judge = Abstainer(None, {}, {}, 0)
    rows = []
    for md, mu, ms in itertools.product(
        [0.76, 0.78, 0.80, 0.82, 0.84, 0.86],
        [0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 1.01],
        [0.0, 0.15, 0.25, 0.35, 0.5],
    ):
        cfg = replace(base, min_dense=md, max_unknown=mu, min_support=ms)
        tp = fp = fn = 0
        for neg, ev, ent in feats:
            ab = judge.reason(ev, ent, cfg) is not None
            tp += ab and neg
            fp += ab and not neg
            fn += (not ab) and neg
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        # a false abstention hides an answer the report has: weigh it double
        rows.append((f1 - 0.02 * fp, f1, p, rc, fp, md, mu, ms))
    return rows


def sentence_grid(defaults: AnswerConfig) -> Iterator[AnswerConfig]:
    """Answer-sentence weights, each point a copy of ``defaults`` (never of
    a point of another grid)."""
    for wd, wl, ws, ms in itertools.product(
        [0.5, 1.0, 1.5], [0.4, 0.8, 1.2], [0.25, 0.5, 1.0], [0.9, 0.93, 0.97]
    ):
        yield replace(defaults, w_dense=wd, w_lexical=wl, w_section=ws, multi_section_ratio=ms)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m assistant.tune")
    ap.add_argument("--out", default=str(PROJECT_ROOT / "eval" / "tuning.md"))
    args = ap.parse_args(argv)

    from .core import Assistant

    a = Assistant.load()
    defaults = a.answerer.config  # frozen: every grid below varies a copy of it
    qs = load_questions(PROJECT_ROOT / "eval" / "questions.jsonl", "dev")
    convs = load_conversations(PROJECT_ROOT / "eval" / "conversations.jsonl", "dev")
    pos = [q for q in qs if q.gold]
    vecs = {q.id: a.embedder.encode_queries([q.question])[0] for q in qs}

    rows = []
    for cfg in _retrieval_grid():
        r = a.retriever.with_config(cfg)  # the product's retriever: same entities, same English bridge
        r1, m = [], []
        for q in pos:
            ranked = [s for s, _ in r.search(q.question, qvec=vecs[q.id]).sections]
            r1.append(recall_at(ranked, q.gold, 1, q.type == "compare"))
            m.append(mrr(ranked, q.gold))
        rows.append((statistics.fmean(r1), statistics.fmean(m), cfg))
    rows.sort(key=lambda x: (-x[1], -x[0]))
    best = rows[0][2]

    # Abstention: features of every dev question under the best retrieval.
    retr = a.retriever.with_config(best)
    feats = []
    for q in qs:
        res = retr.search(q.question, qvec=vecs[q.id])
        ev = a.abstainer.evidence(res)
        feats.append((not q.gold, ev, bool(res.entity_sections)))
    arows = abstention_grid(a.abstain_config, feats)
    arows.sort(key=lambda x: -x[0])

    # Answer sentences: weights of cosine / aspect overlap / section rank.
    from .evaluate import span_hit

    spans = [(q, retr.search(q.question, qvec=vecs[q.id])) for q in qs if q.gold and q.answer_span]
    srows = []
    for cfg in sentence_grid(defaults):
        ans = Answerer(a.index, a.sections, a.answerer.doc_freq, a.answerer.n_docs, cfg, a.entities)
        hits = [span_hit(" ".join(c.text for c in ans.select(res)), q.answer_span) for q, res in spans]
        srows.append(
            (statistics.fmean(hits), cfg.w_dense, cfg.w_lexical, cfg.w_section, cfg.multi_section_ratio)
        )
    srows.sort(key=lambda x: -x[0])

    lines = [
        "# Parameter tuning (dev split only)",
        "",
        f"{len(pos)} dev questions with gold sections, {sum(1 for q in qs if not q.gold)} dev negatives,"
        f" {len(convs)} dev conversations. The test split is never read here.",
        "",
        "## Retrieval: top 10 of the grid (sorted by MRR, then R@1)",
        "",
        "| fusion | w_keyword | entity_boost | second_passage | R@1 | MRR |",
        "|---|---|---|---|---|---|",
    ]
    for r1, m, cfg in rows[:10]:
        lines.append(
            f"| {cfg.fusion} | {cfg.w_keyword} | {cfg.entity_boost} | {cfg.second_passage} | {r1:.3f} | {m:.3f} |"
        )
    lines += [
        "",
        "## Abstention: top 10 (F1 − 0.02·false abstentions)",
        "",
        "| min_dense | max_unknown | min_support | F1 | precision | recall | false abstentions |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, f1, p, rc, fp, md, mu, ms in arows[:10]:
        lines.append(f"| {md} | {mu} | {ms} | {f1:.3f} | {p:.3f} | {rc:.3f} | {fp} |")
    lines += [
        "",
        f"## Answer sentences: top 10 by span hit@1 ({len(spans)} dev questions with a span)",
        "",
        "| w_dense | w_lexical | w_section | multi_section_ratio | span hit |",
        "|---|---|---|---|---|",
    ]
    for h, wd, wl, ws, ms in srows[:10]:
        lines.append(f"| {wd} | {wl} | {ws} | {ms} | {h:.3f} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
