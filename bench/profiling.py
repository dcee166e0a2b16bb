"""Profile part: cProfile of 50 asks, the model's share and where the rest goes."""

from __future__ import annotations

import cProfile
import pstats
import re
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    ROOT,
    CachedQueryEmbedder,
    Ctx,
)


def _where(key: tuple[str, int, str]) -> str:
    file, line, func = key
    try:
        rel = str(Path(file).resolve().relative_to(ROOT))
    except (ValueError, OSError):
        m = re.search(r"site-packages/(.*)$", file)
        rel = m.group(1) if m else file
    return f"{rel}:{line} {func}" if line else func


def _profile_rows(
    stats: pstats.Stats, n: int, key: str, keep: Callable[[str], bool], runs: int
) -> list[dict]:
    rows = []
    for k, (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if keep(k[0]):
            rows.append({"where": _where(k), "calls": round(nc / runs, 2), "self_ms": tt, "cum_ms": ct})
    rows.sort(key=lambda r: -r[key])
    out = []
    for r in rows[:n]:
        out.append(
            {
                **r,
                "self_ms": round(r["self_ms"] * 1000 / runs, 3),
                "cum_ms": round(r["cum_ms"] * 1000 / runs, 3),
            }
        )
    return out


def part_profile(ctx: Ctx) -> dict:
    """cProfile of 50 asks: (1) full asks, for the model's share; (2) asks
    with the query vector looked up, for where the rest of ``ask`` goes.
    Times are per ask (profiler overhead included: compare rows, not totals)."""
    a = ctx.assistant()
    qs = ctx.questions[::4][:50]
    for q in qs[:5]:
        a.ask(q)

    pr = cProfile.Profile()
    pr.enable()
    for q in qs:
        a.ask(q)
    pr.disable()
    st = pstats.Stats(pr)
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]
    enc = max(
        (v[3] for k, v in st.stats.items() if k[2] == "encode_queries"),  # type: ignore[attr-defined]
        default=0.0,
    )

    emb = a.embedder
    cached = CachedQueryEmbedder(emb, {q: emb.encode_queries([q])[0] for q in qs})
    a.retriever.embedder = cached
    try:
        pr2 = cProfile.Profile()
        pr2.enable()
        for q in qs:
            a.ask(q)
        pr2.disable()
    finally:
        a.retriever.embedder = emb
    st2 = pstats.Stats(pr2)
    total2 = sum(v[2] for v in st2.stats.values())  # type: ignore[attr-defined]
    project = (str(ROOT / "assistant"), str(ROOT / "ui"))

    def in_project(f: str) -> bool:
        return f.startswith(project)

    def anything(f: str) -> bool:
        return True

    n = len(qs)
    return {
        "profile": {
            "asks": n,
            "ms_per_ask_profiled": round(total * 1000 / n, 2),
            "encode_ms_per_ask_profiled": round(enc * 1000 / n, 2),
            "encode_share": round(enc / total, 3) if total else None,
            "rest_ms_per_ask_profiled": round(total2 * 1000 / n, 2),
            "rest_top_self": _profile_rows(st2, 20, "self_ms", anything, n),
            "rest_top_project_cum": _profile_rows(st2, 20, "cum_ms", in_project, n),
            "full_top_self": _profile_rows(st, 12, "self_ms", anything, n),
        }
    }
