"""Scale part: FAISS flat vs HNSW and the keyword index over synthetic
corpora of 10x/100x/1000x the report."""

from __future__ import annotations

import gc
import os
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.evaluate import percentile
from bench.common import (
    EF_SEARCH,
    Ctx,
    log,
)


def synthetic_vectors(
    base: np.ndarray, fields: list[str], n: int, rng: np.random.Generator, pool: np.ndarray | None = None
) -> np.ndarray:
    """``n`` unit vectors: the real ones first, then perturbed copies.

    Half are a real passage vector plus Gaussian noise, half a mixture of two
    real vectors of the same field (random weights) plus noise; all are
    renormalised. The noise is Gaussian with the covariance of real e5
    vectors (``pool``: the report's passage and sentence vectors), so the
    synthetic corpus keeps the model's anisotropy and effective dimension
    (participation ratio ~37 for both); isotropic noise would make every
    point nearly equidistant from every other in 384 dimensions, a
    needlessly hard and unrealistic case for HNSW. The scale is calibrated
    so that a synthetic vector is as far from its nearest real vector
    (median cosine ~0.945) as real passages are from each other (~0.944):
    neighbours, not near-duplicates."""
    m, d = base.shape
    out = np.empty((n, d), dtype=np.float32)
    out[: min(m, n)] = base[: min(m, n)]
    pool = base if pool is None else pool
    centred = (pool - pool.mean(axis=0)).astype(np.float32)
    by_field: dict[str, np.ndarray] = {}
    for f in set(fields):
        by_field[f] = np.array([i for i, g in enumerate(fields) if g == f])
    field_of = [by_field[f] for f in fields]
    chunk = 20000
    for s in range(m, n, chunk):
        e = min(n, s + chunk)
        k = e - s
        j = rng.integers(0, m, k)
        v = base[j].astype(np.float32).copy()
        mix = rng.random(k) < 0.5
        partners = np.array([rng.choice(field_of[x]) for x in j[mix]], dtype=np.int64)
        alpha = rng.uniform(0.5, 0.9, mix.sum()).astype(np.float32)[:, None]
        v[mix] = alpha * v[mix] + (1 - alpha) * base[partners]
        sigma = np.where(mix, 0.7, rng.uniform(0.8, 1.5, k)).astype(np.float32)[:, None]
        g = rng.standard_normal((k, len(centred)), dtype=np.float32) / np.sqrt(len(centred))
        v += (g @ centred) * sigma  # noise ~ N(0, sigma^2 * covariance of the real vectors)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[s:e] = v
    return out


def effective_dim(x: np.ndarray) -> float:
    """Participation ratio of the covariance spectrum: (sum l)^2 / sum l^2."""
    ev = np.linalg.eigvalsh(np.cov((x - x.mean(axis=0)).T))
    return float(ev.sum() ** 2 / (ev**2).sum())


_NUM = re.compile(r"^[0-9０-９][0-9０-９.,．，]*$")


class TokenPerturber:
    """Synthetic keyword documents made from the real passages' tokens.

    Each passage is split into sentences and each sentence tokenised ONCE
    (``search_tokens``); a synthetic document is its base passage's heading
    tokens plus sentence token lists where some sentences are replaced by a
    sentence of another passage of the same field, the order is shuffled,
    a sentence may be dropped or duplicated, numbers are swapped for other
    numbers and entity names for other entity names."""

    def __init__(self, index, entities, rng: random.Random):
        from assistant.index import contextual_text
        from assistant.japanese import search_tokens
        from assistant.segment import sentences

        self.rng = rng
        self.heads: list[list[str]] = []
        self.sents: list[list[list[str]]] = []
        self.fields: list[str] = []
        pool: dict[str, list[list[str]]] = defaultdict(list)
        self.real_tokens: list[list[str]] = []
        for p in index.passages:
            sec = index.section(p.section_id)
            head = search_tokens(f"{sec.title} › {p.field}")
            sl = [search_tokens(p.text[a:b]) for a, b in sentences(p.text)] or [search_tokens(p.text)]
            self.heads.append(head)
            self.sents.append(sl)
            self.fields.append(p.field)
            pool[p.field].extend(sl)
            self.real_tokens.append(search_tokens(contextual_text(sec, p)))
        self.pool = dict(pool)
        names: set[str] = set()
        for al in entities.aliases():
            names.update(t for t in search_tokens(al.name) if len(t) > 1 and not _NUM.match(t))
        self.entity_tokens = sorted(names)
        self.entity_set = set(names)

    def doc(self, i: int) -> list[str]:
        rng = self.rng
        base = rng.randrange(len(self.sents))
        sl = list(self.sents[base])
        field_pool = self.pool[self.fields[base]]
        sl = [field_pool[rng.randrange(len(field_pool))] if rng.random() < 0.3 else s for s in sl]
        rng.shuffle(sl)
        if len(sl) > 1 and rng.random() < 0.2:
            del sl[rng.randrange(len(sl))]
        if rng.random() < 0.2:
            sl.append(sl[rng.randrange(len(sl))])
        out = list(self.heads[base])
        swap_to = self.entity_tokens[rng.randrange(len(self.entity_tokens))] if self.entity_tokens else None
        for s in sl:
            for t in s:
                if _NUM.match(t) and rng.random() < 0.5:
                    t = str(rng.randrange(1, 100000))
                elif swap_to and t in self.entity_set and rng.random() < 0.5:
                    t = swap_to
                out.append(t)
        return out

    def corpus(self, n: int) -> list[list[str]]:
        real = [list(t) for t in self.real_tokens]
        return real[:n] + [self.doc(i) for i in range(max(0, n - len(real)))]


def _time_queries(
    search: Callable[[np.ndarray], Any], queries: np.ndarray, repeat: int = 1
) -> tuple[list[float], list]:
    times, results = [], []
    for _ in range(repeat):
        results = []
        for q in queries:
            t = time.perf_counter()
            results.append(search(q))
            times.append((time.perf_counter() - t) * 1000)
    return times, results


def part_scale(ctx: Ctx) -> dict:
    """FAISS flat vs HNSW and the keyword index over synthetic corpora of
    10x/100x/1000x the report (vectors and token lists by perturbation; see
    ``synthetic_vectors`` and ``TokenPerturber``)."""
    import faiss

    from assistant.index import HNSW_EF_CONSTRUCTION, HNSW_M, KeywordIndex, make_faiss
    from assistant.japanese import search_tokens

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    a = ctx.assistant()
    idx = a.index
    base = idx.passage_vectors().astype(np.float32)
    pool = (
        np.vstack([base, idx.sentence_vectors.astype(np.float32)])
        if idx.sentence_vectors is not None
        else base
    )
    fields = [p.field for p in idx.passages]
    queries = ctx.query_vectors()
    qtokens = [search_tokens(q) for q in ctx.questions]
    n0 = len(base)
    mults = [int(x) for x in ctx.args.scale.split(",") if x]
    rng = np.random.default_rng(0)
    perturber = TokenPerturber(idx, a.entities, random.Random(0))
    rows: list[dict] = []
    kw_rows: list[dict] = []
    sanity: dict[str, Any] = {}
    for mult in [1, *mults]:
        n = n0 * mult
        log(f"scale {mult}x: {n} passages")
        vecs = synthetic_vectors(base, fields, n, rng, pool)
        if mult == mults[-1] and n > n0:
            # how close the synthetic vectors are to real ones, and query top-1 scores
            s = vecs[n0 : n0 + 2000]
            sanity = {
                "synthetic_max_cos_to_real_p50": round(float(np.median((s @ base.T).max(axis=1))), 3),
                "real_max_cos_to_other_real_p50": round(
                    float(np.median(np.sort(base @ base.T, axis=1)[:, -2])), 3
                ),
                "effective_dim_real": round(effective_dim(pool), 1),
                "effective_dim_synthetic": round(effective_dim(vecs[n0 : n0 + 5000]), 1),
            }
        # flat (exact)
        t = time.perf_counter()
        flat = faiss.IndexFlatIP(base.shape[1])
        flat.add(vecs)
        flat_build = time.perf_counter() - t
        flat_mb = len(faiss.serialize_index(flat)) / 2**20
        times, res = _time_queries(lambda q, ix=flat: ix.search(q[None, :], 10), queries)
        truth = [set(r[1][0].tolist()) for r in res]
        flat_res = res
        rows.append(
            {
                "multiple": mult,
                "passages": n,
                "faiss": "flat",
                "build_s": round(flat_build, 3),
                "index_mb": round(flat_mb, 2),
                "query_p50_ms": round(percentile(times, 50), 3),
                "query_p95_ms": round(percentile(times, 95), 3),
                "recall_at_10": 1.0,
            }
        )
        if mult == mults[-1]:
            sanity["query_top1_cos_p50"] = round(float(np.median([r[0][0][0] for r in res])), 3)
        # HNSW, exactly as the app makes it (assistant.index.make_faiss)
        t = time.perf_counter()
        hn = make_faiss("hnsw", base.shape[1])
        hn.add(vecs)
        hn_build = time.perf_counter() - t
        hn_mb = len(faiss.serialize_index(hn)) / 2**20
        for ef in EF_SEARCH:
            params = faiss.SearchParametersHNSW(efSearch=ef)
            times, res = _time_queries(
                lambda q, p=params, ix=hn: ix.search(q[None, :], 10, params=p), queries
            )
            recall = float(
                np.mean([len(set(r[1][0].tolist()) & tr) / 10 for r, tr in zip(res, truth, strict=True)])
            )
            # how close the missed neighbours were: true 10th score minus the 10th score found
            gap = float(np.mean([t[0][0][-1] - r[0][0][-1] for r, t in zip(res, flat_res, strict=True)]))
            rows.append(
                {
                    "multiple": mult,
                    "passages": n,
                    "faiss": f"hnsw M={HNSW_M} efC={HNSW_EF_CONSTRUCTION} efS={ef}",
                    "build_s": round(hn_build, 3),
                    "index_mb": round(hn_mb, 2),
                    "query_p50_ms": round(percentile(times, 50), 3),
                    "query_p95_ms": round(percentile(times, 95), 3),
                    "recall_at_10": round(recall, 4),
                    "score_gap_10th": round(gap, 5),
                }
            )
        hrows = rows[-len(EF_SEARCH) :]
        log(
            f"  flat build {flat_build:.2f} s p95 {rows[-len(EF_SEARCH) - 1]['query_p95_ms']} ms; "
            f"hnsw build {hn_build:.1f} s; "
            + ", ".join(
                f"ef{r['faiss'].split('=')[-1]} p95 {r['query_p95_ms']} ms recall {r['recall_at_10']}"
                for r in hrows
            )
        )
        del flat, hn, vecs
        gc.collect()
        # keyword index (BM25) over perturbed token lists
        docs = perturber.corpus(n)
        ntok = sum(len(d) for d in docs)
        t = time.perf_counter()
        kw = KeywordIndex.build(docs)
        kw_build = time.perf_counter() - t
        del docs
        gc.collect()
        kw_mb = len(kw.to_bytes()) / 2**20
        times, _ = _time_queries(
            lambda toks, ix=kw: ix.search(toks, 60), qtokens
        )  # depth 60, as retrieval asks
        kw_rows.append(
            {
                "multiple": mult,
                "passages": n,
                "tokens": ntok,
                "vocab": len(kw.vocab),
                "build_s": round(kw_build, 3),
                "index_mb": round(kw_mb, 2),
                "query_p50_ms": round(percentile(times, 50), 3),
                "query_p95_ms": round(percentile(times, 95), 3),
            }
        )
        log(f"  keyword build {kw_build:.1f} s, p95 {kw_rows[-1]['query_p95_ms']} ms, vocab {len(kw.vocab)}")
        del kw
        gc.collect()
    return {
        "scale": rows,
        "scale_keyword": kw_rows,
        "scale_meta": {"queries": len(queries), "synthetic": sanity},
    }
