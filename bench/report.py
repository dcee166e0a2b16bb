"""``report.md`` and ``scale.png`` from ``results.json``."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from bench.common import (
    COLD_QUESTION,
    PARTS,
    TARGET_COLD_S,
    TARGET_RATIO_P50,
    TARGET_RECALL,
    TARGET_SCALE_P95_MS,
)


def plot_scale(res: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows, kw = res.get("scale") or [], res.get("scale_keyword") or []
    if not rows:
        return
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    kinds = list(dict.fromkeys(r["faiss"] for r in rows))
    for kind in kinds:
        rs = [r for r in rows if r["faiss"] == kind]
        x = [r["passages"] for r in rs]
        label = kind.replace(" M=32 efC=200", "")
        axes[0].plot(x, [max(r["query_p95_ms"], 1e-3) for r in rs], "o-", label=label)
        if kind == "flat" or kind.endswith("efS=64"):
            axes[1].plot(x, [max(r["build_s"], 1e-4) for r in rs], "o-", label=label.replace(" efS=64", ""))
            axes[2].plot(x, [r["index_mb"] for r in rs], "o-", label=label.replace(" efS=64", ""))
    if kw:
        x = [r["passages"] for r in kw]
        axes[0].plot(x, [r["query_p95_ms"] for r in kw], "s--", label="keyword (BM25)")
        axes[1].plot(x, [r["build_s"] for r in kw], "s--", label="keyword (BM25)")
        axes[2].plot(x, [r["index_mb"] for r in kw], "s--", label="keyword (BM25)")
    axes[0].axhline(
        TARGET_SCALE_P95_MS, color="grey", lw=0.8, ls=":", label=f"target {TARGET_SCALE_P95_MS:.0f} ms"
    )
    titles = ("query p95 (ms, one query at a time)", "index build (s)", "index size on disk (MB)")
    for ax, title in zip(axes, titles, strict=True):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("passages")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Scale: synthetic corpora (perturbed real vectors / token lists) — 1x is the real report")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt(v: Any, unit: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.3g}{unit}" if abs(v) < 100 else f"{v:,.0f}{unit}"
    return f"{v}{unit}"


def _ok(cond: bool | None) -> str:
    return "—" if cond is None else ("✅ met" if cond else "❌ missed")


def write_report(res: dict, path: Path) -> None:
    m = res.get("machine", {})
    L: list[str] = []
    L.append("# Benchmark report\n")
    L.append(
        f"Run {res.get('finished_at', '?')} on {m.get('cores')} cores ({m.get('cpu_model')}), "
        f"{m.get('mem_gb')} GB RAM, Python {m.get('python')}, torch threads {m.get('torch_threads')}. "
        "Parts can be re-run separately; each part's duration and the 1-minute load average when it "
        "started and ended (2 cores: above ~1.5 another process was competing):\n"
    )
    L.append("| part | s | load at start → end |")
    L.append("|---|---|---|")
    for part in PARTS:
        ld = (res.get("load") or {}).get(part)
        if ld:
            L.append(
                f"| {part} | {(res.get('part_seconds') or {}).get(part)} | "
                f"{(ld.get('start') or ['?'])[0]} → {(ld.get('end') or ['?'])[0]} |"
            )
    if m.get("noisy"):
        L.append(
            "\n**The machine was shared and noisy** (2 cores; other engineers' test suites, evals, servers "
            "and a headless browser ran at the same time). Absolute times are inflated and vary 2–5× run to "
            "run; the *ratios* of the latency part are measured side by side (interleaved in one process) "
            "and hold better."
        )
    L.append(
        "\nRegenerate: `make bench` (all parts, ~10–15 min) or `python -m bench.run --out bench --only latency,profile`.\n"
    )

    # summary
    cs = res.get("cold_start_s") or {}
    big = [
        r
        for r in res.get("scale") or []
        if r["multiple"] == max((x["multiple"] for x in res.get("scale") or []), default=0)
    ]
    best = min(
        (r for r in big if r["faiss"].startswith("hnsw") and r["recall_at_10"] >= TARGET_RECALL),
        key=lambda r: r["query_p95_ms"],
        default=None,
    )
    L.append("## Summary against the targets\n")
    L.append("| what | measured | target | |")
    L.append("|---|---|---|---|")
    if "ratio_p50" in res:
        L.append(
            f"| warm `ask` p50 / bare `SentenceTransformer.encode`+FAISS p50 | {res['ratio_p50']:.2f}× "
            f"({res['ask_ms']['p50']} / {res['baseline_ms']['p50']} ms) | ≤ {TARGET_RATIO_P50}× (stretch < 1.0×) | "
            f"{_ok(res['ratio_p50'] <= TARGET_RATIO_P50)}{' (stretch too)' if res['ratio_p50'] < 1.0 else ''} |"
        )
        if "ratio_st_engine_p50" in res:
            L.append(
                f"| same, `ask` forced to the sentence-transformers query engine | {res['ratio_st_engine_p50']:.2f}× "
                f"({res['ask_st_engine_ms']['p50']} / {res['baseline_ms']['p50']} ms) | ≤ {TARGET_RATIO_P50}× | "
                f"{_ok(res['ratio_st_engine_p50'] <= TARGET_RATIO_P50)} |"
            )
    if cs:
        L.append(
            f"| cold start `assistant ask` (process → answer) | {_fmt(cs.get('ask'), ' s')} | ≤ {TARGET_COLD_S:.0f} s | {_ok(cs.get('ask') is not None and cs['ask'] <= TARGET_COLD_S)} |"
        )
        gradio_s = next(
            (r["cum_s"] for r in cs.get("imports_serve_ui_top") or [] if r["module"] == "gradio"), None
        )
        why = f" (`import gradio` alone: {gradio_s} s)" if gradio_s else ""
        L.append(
            f"| cold start `assistant serve` (spawn → first API answer) | {_fmt(cs.get('serve'), ' s')}{why} | ≤ {TARGET_COLD_S:.0f} s | {_ok(cs.get('serve') is not None and cs['serve'] <= TARGET_COLD_S)} |"
        )
    if big:
        if best:
            L.append(
                f"| {big[0]['passages']:,} passages (1000×): HNSW query p95 at recall@10 ≥ {TARGET_RECALL} | "
                f"{best['query_p95_ms']:.2f} ms, recall {best['recall_at_10']:.3f} ({best['faiss'].split()[-1]}) | ≤ {TARGET_SCALE_P95_MS:.0f} ms | "
                f"{_ok(best['query_p95_ms'] <= TARGET_SCALE_P95_MS)} |"
            )
        else:
            r = max(
                (r for r in big if r["faiss"].startswith("hnsw")),
                key=lambda r: r["recall_at_10"],
                default=None,
            )
            if r:
                L.append(
                    f"| 1000×: HNSW recall@10 | {r['recall_at_10']:.3f} (p95 {r['query_p95_ms']:.2f} ms) | ≥ {TARGET_RECALL} | ❌ missed |"
                )
    L.append("")

    if "ask_ms" in res:
        lm = res.get("latency_meta", {})
        L.append("## Warm latency (in process)\n")
        L.append(
            f"{lm.get('questions')} eval questions × {lm.get('rounds')} rounds, shuffled; for each question `ask` "
            "(default query engine: "
            f"{res.get('query_engine', '?')}), `ask` with the sentence-transformers query engine and the baseline run "
            "back to back in rotating order, with one BLAS thread (OpenBLAS's spinning threads would otherwise "
            "slow the torch encode that follows a NumPy one 2.6×; see bench/README.md). Baseline = `SentenceTransformer.encode` of the query (same model, "
            "`query: ` prompt, normalised) + `assistant.index.dense_search(v, 10)`.\n"
        )
        L.append("| ms | p50 | p95 | p99 | mean |")
        L.append("|---|---|---|---|---|")
        for k, label in (
            ("ask_ms", "`Assistant.ask`"),
            ("ask_st_engine_ms", "`Assistant.ask`, sentence-transformers query engine"),
            ("baseline_ms", "bare `SentenceTransformer.encode` + FAISS search"),
            ("overhead_ms", "paired difference ask − baseline"),
            ("overhead_st_engine_ms", "paired difference ask (ST engine) − baseline"),
            ("ask_without_model_ms", "`ask` with the query vector looked up (no model)"),
        ):
            p = res.get(k) or {}
            L.append(
                f"| {label} | {_fmt(p.get('p50'))} | {_fmt(p.get('p95'))} | {_fmt(p.get('p99'))} | {_fmt(p.get('mean'))} |"
            )
        th = res.get("encode_threads_ms") or {}
        if th:
            L.append(
                "\nOne query's `encode_queries` by torch intra-op threads (same questions, interleaved): "
                + "; ".join(
                    f"{k.replace('threads_', '')} thread(s) p50 {v['p50']} / p95 {v['p95']} ms"
                    for k, v in th.items()
                )
                + "."
            )
        st = res.get("ask_stages_ms") or {}
        if st:
            L.append(
                "\n`timings_ms` stages of `ask` (p50 / p95 ms): "
                + ", ".join(f"{k} {v['p50']} / {v['p95']}" for k, v in st.items())
                + "."
            )
        L.append(f"\nRatio p50 {res.get('ratio_p50')}, p95 {res.get('ratio_p95')}.")
        slow = lm.get("slowest_overhead") or []
        if slow:
            L.append(
                "\nQuestions with the largest median overhead: "
                + "; ".join(f"「{s['question']}」 {s['overhead_ms']} ms" for s in slow)
                + "."
            )
        L.append("")

    pf = res.get("profile")
    if pf:
        L.append("## Where the rest of `ask` goes (cProfile, 50 asks)\n")
        L.append(
            f"Profiled: {pf['ms_per_ask_profiled']} ms per ask, of which the model's `encode_queries` "
            f"{pf['encode_ms_per_ask_profiled']} ms ({pf['encode_share'] * 100:.0f} %). With the query vector "
            f"looked up instead, an ask costs {pf['rest_ms_per_ask_profiled']} ms under the profiler "
            "(cProfile inflates Python-heavy code; compare rows with each other).\n"
        )
        L.append("Top self time without the model (ms per ask):\n")
        L.append("| where | calls/ask | self ms | cum ms |")
        L.append("|---|---|---|---|")
        for r in pf["rest_top_self"][:15]:
            L.append(f"| `{r['where']}` | {r['calls']} | {r['self_ms']} | {r['cum_ms']} |")
        L.append("\nProject functions by cumulative time without the model (ms per ask):\n")
        L.append("| where | calls/ask | cum ms | self ms |")
        L.append("|---|---|---|---|")
        for r in pf["rest_top_project_cum"][:15]:
            L.append(f"| `{r['where']}` | {r['calls']} | {r['cum_ms']} | {r['self_ms']} |")
        L.append("")

    if cs:
        b = cs.get("breakdown") or {}
        L.append("## Cold start\n")
        L.append(
            f'`assistant ask "{COLD_QUESTION}"` with the index built, wall time per run: {cs.get("ask_runs")} s '
            f"(median {cs.get('ask')} s). `assistant serve`: spawn → first answered `gradio_client` request "
            f"{cs.get('serve')} s (includes its warm-up ask and the Gradio import).\n"
        )
        L.append("Breakdown in a fresh interpreter (s):\n")
        L.append("| stage | s |")
        L.append("|---|---|")
        for k, v in b.items():
            L.append(f"| {k} | {v} |")
        L.append(
            "\nTop-level imports during `assistant ask` (`python -X importtime`, cumulative s, inflated by importtime itself):\n"
        )
        L.append("| module | s |")
        L.append("|---|---|")
        for r in cs.get("imports_ask_top") or []:
            L.append(f"| {r['module']} | {r['cum_s']} |")
        qe = res.get("query_engine_check")
        if qe:
            w = qe["warm_query_ms"]
            L.append(
                f"\n**Query engine** (`assistant/numpy_encoder.py`, the default for `ask`): the model's forward pass in "
                f"NumPy on the same `model.safetensors`, so answering never imports torch. Over {qe['questions']} eval "
                f"questions: cosine to `SentenceTransformer.encode` min {qe['min_cosine_vs_sentence_transformers']}, "
                f"mean {qe['mean_cosine']}; same top-1 passage {qe['same_top1_passage']}; warm per-query p50 "
                f"{w['numpy']['p50']} ms (NumPy) vs {w['sentence_transformers']['p50']} ms (sentence-transformers)."
            )
        if cs.get("imports_serve_ui_top"):
            L.append(
                "\n`import gradio, ui.app` (the server's extra imports, cumulative s): "
                + ", ".join(f"{r['module']} {r['cum_s']} s" for r in cs["imports_serve_ui_top"][:6])
                + "."
            )
        L.append("")

    if "build_s" in res or "materialize_s" in res:
        L.append("## Index build and model materialisation\n")
        b = res.get("build") or {}
        if "build_s" in res:
            L.append(
                f"Build of the report ({b.get('passages')} passages, {b.get('sentences')} sentences embedded too) with the "
                f"model loaded: **{res['build_s']} s**; passage embedding {b.get('embed_passages_s')} s = "
                f"**{res['passages_per_s']} passages/s**; all texts {b.get('texts_per_s')} texts/s over the whole build. "
                f"Index on disk {b.get('index_bytes', 0) / 2**20:.2f} MB."
            )
        if "materialize_s" in res:
            mz = res.get("materialize") or {}
            L.append(
                f"\nModel materialisation into an empty cache: **{res['materialize_s']} s** ({mz.get('mb')} MB written; {mz.get('wall_s')} s with interpreter start)."
            )
        L.append("")

    if res.get("scale"):
        sm = res.get("scale_meta", {})
        L.append("## Scale\n")
        L.append(
            "**Synthetic data.** Embedding 160k passages with the real model is too slow here, so the vectors are "
            "*perturbed real passage vectors*: the report's own 158 vectors, then copies of them with Gaussian noise "
            "shaped like the real vectors' covariance (passage + sentence vectors), or mixtures of two real vectors of "
            "the same field plus such noise, renormalised; scaled so a synthetic vector is as close to its nearest real "
            "one as real passages are to each other, with the same effective dimension (see Sanity). "
            "Recall depends on that choice: with isotropic noise instead (every point nearly equidistant in 384-d) a "
            "first run gave HNSW recall@10 of only 0.65/0.71/0.78/0.81 at efSearch 64/128/256/512 at 1000× — the "
            "worst case, not what real embeddings look like. The keyword corpora are perturbed real token lists: each passage's sentences are tokenised once, "
            "then sentences are swapped with others of the same field, shuffled, dropped or duplicated, and numbers and "
            "entity names are swapped. Queries are the real query vectors / tokens of the "
            f"{sm.get('queries')} eval questions, one at a time. Recall@10 is HNSW against the exact flat index. "
            f"Sanity: {sm.get('synthetic')}.\n"
        )
        L.append(
            "| passages | index | build s | MB | query p50 ms | query p95 ms | recall@10 | 10th-score gap |"
        )
        L.append("|---|---|---|---|---|---|---|---|")
        for r in res["scale"]:
            L.append(
                f"| {r['passages']:,} | {r['faiss']} | {r['build_s']} | {r['index_mb']} | {r['query_p50_ms']} | "
                f"{r['query_p95_ms']} | {r['recall_at_10']} | {r.get('score_gap_10th', '—')} |"
            )
        L.append(
            "\n*10th-score gap*: the true 10th cosine minus the 10th cosine HNSW returned, averaged over the "
            "queries — how near the neighbours it missed were."
        )
        kw = res.get("scale_keyword") or []
        if kw:
            L.append("\nKeyword index (`KeywordIndex.build` / `search(tokens, 60)`):\n")
            L.append("| passages | tokens | vocabulary | build s | MB | query p50 ms | query p95 ms |")
            L.append("|---|---|---|---|---|---|---|")
            for r in kw:
                L.append(
                    f"| {r['passages']:,} | {r['tokens']:,} | {r['vocab']:,} | {r['build_s']} | {r['index_mb']} | {r['query_p50_ms']} | {r['query_p95_ms']} |"
                )
        L.append("\n![scale](scale.png)\n")

    if res.get("ui"):
        L.append("## UI throughput (real server, gradio_client `/ask`)\n")
        L.append("| concurrent clients | answers | errors | answers/s | p50 ms | p95 ms |")
        L.append("|---|---|---|---|---|---|")
        for r in res["ui"]:
            L.append(
                f"| {r['clients']} | {r['answers']} | {r['errors']} | {r['answers_per_s']} | {r['p50_ms']} | {r['p95_ms']} |"
            )
        rs = res.get("serve_rss_mb") or {}
        L.append(
            f"\nPeak RSS of `assistant serve` under this load (VmHWM): **{res.get('peak_rss_mb')} MB** "
            f"(after start {rs.get('after_start')} MB, after the load {rs.get('after_load')} MB).\n"
        )
    soak_path = path.parent / "soak.json"
    if soak_path.exists():
        with contextlib.suppress(ValueError, OSError):
            sk = json.loads(soak_path.read_text(encoding="utf-8"))
            lat = sk.get("latency_ms") or {}
            L.append("## Soak (`make soak`, bench/soak.json)\n")
            L.append(
                f"{sk.get('sessions')} concurrent sessions × {sk.get('questions_per_session')} questions "
                f"({sk.get('finished_at')}, load average at the end {sk.get('loadavg_end')}): "
                f"**{sk.get('answered')}/{sk.get('requests')} answered, {sk.get('errors')} errors**, "
                f"{sk.get('follow_ups_resolved_from_history')} follow-ups resolved from their own session's history, "
                f"{sk.get('answers_per_s')} answers/s, latency p50 {lat.get('p50')} / p95 {lat.get('p95')} ms "
                f"(max {sk.get('max_latency_ms')}), server peak RSS {sk.get('server_peak_rss_mb')} MB, "
                f"top-1 section in the eval gold {sk.get('top1_in_gold')}."
            )
            mem = sk.get("server_memory") or {}
            b, e = mem.get("before") or {}, mem.get("after") or {}
            if b and e:
                L.append(
                    f"\nServer memory before → after the soak: RSS {b.get('VmRSS_mb')} → {e.get('VmRSS_mb')} MB "
                    f"(anonymous {b.get('RssAnon_mb')} → {e.get('RssAnon_mb')}, file-backed {b.get('RssFile_mb')} → "
                    f"{e.get('RssFile_mb')}), virtual {b.get('VmSize_mb')} → {e.get('VmSize_mb')} MB, threads "
                    f"{b.get('threads')} → {e.get('threads')}, mappings of the MeCab dictionary {b.get('unidic_mappings')} → "
                    f"{e.get('unidic_mappings')} (before the shared tagger it grew with every worker thread and was never unmapped: see README Findings).\n"
                )
            else:
                L.append("")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")
