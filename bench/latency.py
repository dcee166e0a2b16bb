"""Latency part: warm ``Assistant.ask`` against the bare encode + FAISS search."""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict

import numpy as np

from bench.common import (
    CachedQueryEmbedder,
    Ctx,
    log,
    one_blas_thread,
    pct,
)


def part_latency(ctx: Ctx) -> dict:
    with one_blas_thread():
        out = _part_latency(ctx)
    out["latency_meta"]["blas_threads"] = 1
    return out


def _part_latency(ctx: Ctx) -> dict:
    """Warm ``ask`` against the bare encode+search, interleaved per question
    (order alternates, so drift in machine load hits both alike)."""
    a = ctx.assistant()
    emb, idx = a.embedder, a.index
    # the baseline: SentenceTransformer.encode of the query (same model,
    # same prompt) + a FAISS search, whatever engine ask itself uses
    st = emb.using("sentence-transformers")
    qs = ctx.questions
    rounds = ctx.args.rounds

    def baseline(q: str) -> None:
        v = st.encode_queries([q])
        idx.dense_search(v, 10)

    def ask_st(q: str):
        # the same ask with its queries encoded by sentence-transformers
        real = a.retriever.embedder
        a.retriever.embedder = st
        try:
            return a.ask(q)
        finally:
            a.retriever.embedder = real

    for q in qs[:10]:  # warm-up: tokeniser caches, torch kernels, FAISS
        a.ask(q)
        ask_st(q)
        baseline(q)
    rng = random.Random(0)
    ask_ms: list[float] = []
    ask_st_ms: list[float] = []
    base_ms: list[float] = []
    paired: list[float] = []
    paired_st: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    per_question: dict[str, list[float]] = defaultdict(list)
    orders = [("ask", "base", "ask_st"), ("base", "ask_st", "ask"), ("ask_st", "ask", "base")]
    t_start = time.perf_counter()
    for r in range(rounds):
        order = qs[:]
        rng.shuffle(order)
        for i, q in enumerate(order):
            took: dict[str, float] = {}
            for which in orders[(i + r) % 3]:
                t = time.perf_counter()
                if which == "ask":
                    ans = a.ask(q)
                elif which == "ask_st":
                    ask_st(q)
                else:
                    baseline(q)
                took[which] = (time.perf_counter() - t) * 1000
            ask_ms.append(took["ask"])
            ask_st_ms.append(took["ask_st"])
            base_ms.append(took["base"])
            paired.append(took["ask"] - took["base"])
            paired_st.append(took["ask_st"] - took["base"])
            per_question[q].append(took["ask_st"] - took["base"])
            for k in ("resolve", "retrieve", "answer"):
                stages[k].append(ans.timings_ms.get(k, 0.0))
        log(
            f"latency round {r + 1}/{rounds}: ask p50 {np.median(ask_ms):.1f} ms, ask (ST engine) p50 "
            f"{np.median(ask_st_ms):.1f} ms, base p50 {np.median(base_ms):.1f} ms"
        )
    ask_p, ask_st_p, base_p = pct(ask_ms), pct(ask_st_ms), pct(base_ms)

    # the same asks with the query vector looked up instead of computed: what
    # ask costs beyond the model, measured directly rather than as a difference
    cached = CachedQueryEmbedder(emb, {q: emb.encode_queries([q])[0] for q in qs})
    real_embedder = a.retriever.embedder
    a.retriever.embedder = cached
    try:
        no_model = []
        for q in qs:
            t = time.perf_counter()
            a.ask(q)
            no_model.append((time.perf_counter() - t) * 1000)
    finally:
        a.retriever.embedder = real_embedder
    slowest = sorted(((statistics.median(v), q) for q, v in per_question.items()), reverse=True)[:5]
    threads = encode_threads(st, qs[:60])
    return {
        "encode_threads_ms": threads,
        "query_engine": emb.query_engine,
        "ask_ms": ask_p,
        "baseline_ms": base_p,
        "ratio_p50": round(ask_p["p50"] / base_p["p50"], 3),
        "ratio_p95": round(ask_p["p95"] / base_p["p95"], 3),
        "ask_st_engine_ms": ask_st_p,
        "ratio_st_engine_p50": round(ask_st_p["p50"] / base_p["p50"], 3),
        "overhead_ms": pct(paired),
        "overhead_st_engine_ms": pct(paired_st),
        "ask_without_model_ms": pct(no_model),
        "ask_stages_ms": {k: pct(v) for k, v in stages.items()},
        "latency_meta": {
            "questions": len(qs),
            "rounds": rounds,
            "pairs": len(ask_ms),
            "seconds": round(time.perf_counter() - t_start, 1),
            "slowest_overhead": [{"question": q, "overhead_ms": round(d, 1)} for d, q in slowest],
        },
    }


def encode_threads(emb, qs: list[str]) -> dict:
    """One query's encode with torch's default thread count vs one thread,
    interleaved (on a shared machine, intra-op threads fight other processes)."""
    import torch

    default = torch.get_num_threads()
    out: dict[str, list[float]] = {f"threads_{default}": [], "threads_1": []}
    try:
        for q in qs:
            for n in (default, 1):
                torch.set_num_threads(n)
                t = time.perf_counter()
                emb.encode_queries([q])
                out[f"threads_{n}"].append((time.perf_counter() - t) * 1000)
    finally:
        torch.set_num_threads(default)
    return {k: pct(v) for k, v in out.items()}
