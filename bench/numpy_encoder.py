"""Prototype (benchmark evidence only, not used by the app): encode QUERIES
with the materialised e5-small in plain NumPy, without importing torch,
transformers or sentence-transformers.

Why: a cold ``assistant ask`` spends most of its time importing the model
runtime (torch + transformers + sentence-transformers, which drags in scipy,
scikit-learn and pandas), not computing. A query is ~10-40 tokens; a BERT
forward for that is ~0.4 GFLOP, a few milliseconds in NumPy. The weights are
memory-mapped from ``model.safetensors`` (only the rows of the query's tokens
of the 384 MB word-embedding matrix are touched) and the tokenizer is the
same ``tokenizer.json`` (Rust ``tokenizers``, imports in ~0.1 s).

``python -m bench.numpy_encoder`` compares it with ``Embedder.encode_queries``
over the eval questions (cosine) and times imports, load and per-query
encoding in fresh interpreters. Results go into bench/results.json under
``numpy_query_encoder`` when run by ``bench.run --only numpy``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz-Stegun 7.1.26 is 1.5e-7 accurate; float32 needs no better
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (
        ((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t * np.exp(-a * a)
    return s * y


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class NumpyQueryEncoder:
    def __init__(self, model_dir: str | Path):
        from safetensors import safe_open
        from tokenizers import Tokenizer

        d = Path(model_dir)
        cfg = json.loads((d / "config.json").read_text())
        st = json.loads((d / "config_sentence_transformers.json").read_text())
        self.prompt = (st.get("prompts") or {}).get("query", "")
        self.eps = float(cfg["layer_norm_eps"])
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.max_len = json.loads((d / "sentence_bert_config.json").read_text()).get("max_seq_length", 512)
        self.tok = Tokenizer.from_file(str(d / "tokenizer.json"))
        self.tok.enable_truncation(self.max_len)
        self.tok.no_padding()
        f = safe_open(str(d / "model.safetensors"), framework="numpy")
        self._f = f
        self.word = f.get_slice("embeddings.word_embeddings.weight")  # lazily sliced: rows on demand
        g = f.get_tensor
        self.pos = g("embeddings.position_embeddings.weight")
        self.typ = g("embeddings.token_type_embeddings.weight")[0]
        self.eln = (g("embeddings.LayerNorm.weight"), g("embeddings.LayerNorm.bias"))
        self.L = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([g(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([g(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
            self.L.append(
                (
                    qkv_w,
                    qkv_b,
                    g(p + "attention.output.dense.weight").T,
                    g(p + "attention.output.dense.bias"),
                    (g(p + "attention.output.LayerNorm.weight"), g(p + "attention.output.LayerNorm.bias")),
                    g(p + "intermediate.dense.weight").T,
                    g(p + "intermediate.dense.bias"),
                    g(p + "output.dense.weight").T,
                    g(p + "output.dense.bias"),
                    (g(p + "output.LayerNorm.weight"), g(p + "output.LayerNorm.bias")),
                )
            )

    def encode_one(self, text: str) -> np.ndarray:
        ids = self.tok.encode(self.prompt + text).ids
        n = len(ids)
        x = np.stack([self.word[i : i + 1][0] for i in ids]) + self.pos[:n] + self.typ
        x = _layer_norm(x.astype(np.float32), *self.eln, self.eps)
        h = self.heads
        dh = x.shape[1] // h
        for qkv_w, qkv_b, ow, ob, ln1, iw, ib, o2w, o2b, ln2 in self.L:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (
                qkv[:, j * x.shape[1] : (j + 1) * x.shape[1]].reshape(n, h, dh).transpose(1, 0, 2)
                for j in range(3)
            )
            att = q @ k.transpose(0, 2, 1) / math.sqrt(dh)
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(n, -1)
            x = _layer_norm(ctx @ ow + ob + x, *ln1, self.eps)
            x = _layer_norm(_gelu(x @ iw + ib) @ o2w + o2b + x, *ln2, self.eps)
        v = x.mean(0)
        return (v / np.linalg.norm(v)).astype(np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.encode_one(t) for t in texts])


COLD_CODE = r"""
import time, sys, json
t0 = time.perf_counter()
from bench.numpy_encoder import NumpyQueryEncoder
t1 = time.perf_counter()
enc = NumpyQueryEncoder(sys.argv[1])
t2 = time.perf_counter()
enc.encode_one(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps({"import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3), "first_query_s": round(t3 - t2, 3)}))
"""


def measure(embedder, questions: list[str], python: str, root: Path) -> dict:
    """Cosine against the real encoder, warm per-query time, cold start in a fresh interpreter."""
    import subprocess
    import time

    enc = NumpyQueryEncoder(embedder.path)
    ref = np.vstack([embedder.encode_queries([q]) for q in questions])
    mine = enc.encode_queries(questions)
    cos = np.sum(ref * mine, axis=1)
    warm_np, warm_st = [], []
    for q in questions[:60]:
        t = time.perf_counter()
        enc.encode_one(q)
        warm_np.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        embedder.encode_queries([q])
        warm_st.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    r = subprocess.run(
        [python, "-c", COLD_CODE, embedder.path, questions[0]],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.perf_counter() - t
    cold = json.loads(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else {"error": r.stderr[-500:]}
    cold["process_wall_s"] = round(wall, 3)
    return {
        "questions": len(questions),
        "min_cosine_vs_sentence_transformers": round(float(cos.min()), 6),
        "mean_cosine": round(float(cos.mean()), 6),
        "warm_query_ms_p50": {
            "numpy": round(float(np.median(warm_np)), 2),
            "sentence_transformers": round(float(np.median(warm_st)), 2),
        },
        "cold": cold,
    }


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    from assistant.embed import Embedder
    from bench.run import PYTHON, ROOT, load_questions

    qs = [q["question"] for q in load_questions()]
    print(json.dumps(measure(Embedder(), qs, PYTHON, ROOT), indent=2))
    sys.exit(0)
