"""Engine part: the NumPy query engine ``ask`` uses against
SentenceTransformer.encode (agreement, warm speed)."""

from __future__ import annotations

import time

import numpy as np

from bench.common import (
    Ctx,
    log,
    one_blas_thread,
    pct,
)


def part_engine(ctx: Ctx) -> dict:
    with one_blas_thread():
        return _part_engine(ctx)


def _part_engine(ctx: Ctx) -> dict:
    """The query engine ``ask`` uses (assistant.numpy_encoder) against
    SentenceTransformer.encode: agreement over every eval question and warm
    per-query time, interleaved."""
    emb = ctx.assistant().embedder
    st = emb.using("sentence-transformers")
    qs = ctx.questions
    mine = np.vstack([emb.encode_queries([q]) for q in qs])
    ref = np.vstack([st.encode_queries([q]) for q in qs])
    cos = np.sum(mine * ref, axis=1)
    # do both engines rank the same passages first?
    idx = ctx.assistant().index
    same_top = sum(
        idx.dense_search(mine[i : i + 1], 1)[0][0] == idx.dense_search(ref[i : i + 1], 1)[0][0]
        for i in range(len(qs))
    )
    warm: dict[str, list[float]] = {"numpy": [], "sentence_transformers": []}
    for i, q in enumerate(qs):
        pair = (("numpy", emb), ("sentence_transformers", st))
        for name, e in pair if i % 2 == 0 else pair[::-1]:
            t = time.perf_counter()
            e.encode_queries([q])
            warm[name].append((time.perf_counter() - t) * 1000)
    r = {
        "engine": emb.query_engine,
        "questions": len(qs),
        "min_cosine_vs_sentence_transformers": round(float(cos.min()), 6),
        "mean_cosine": round(float(cos.mean()), 6),
        "same_top1_passage": f"{same_top}/{len(qs)}",
        "warm_query_ms": {k: pct(v) for k, v in warm.items()},
    }
    log(f"query engine: {r}")
    return {"query_engine_check": r}
