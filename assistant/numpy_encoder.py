"""Query encoding in plain NumPy for BERT-family sentence-transformers models.

Why this exists: a cold ``assistant ask`` used to spend ~11 s importing torch,
transformers and sentence-transformers (which drag in scipy, scikit-learn and
pandas) to encode one 10-40 token query, a ~0.4 GFLOP forward pass that NumPy
does in a few tens of milliseconds. So queries go through this module and
passages (index builds: big batches, where torch is the better engine) through
``SentenceTransformer``; both read the same ``model.safetensors``. Tests hold
the two to cosine > 0.9999 on real questions for the default e5 model and for
a second model (all-MiniLM-L6-v2).

Only the plain architecture is handled: a ``Transformer`` module of a BERT or
(XLM-)RoBERTa encoder with absolute positions, then mean or CLS ``Pooling``,
then optionally ``Normalize``. :func:`unsupported` says why any other model
directory is not, and :class:`assistant.embed.Embedder` then uses
sentence-transformers for its queries too.

The weights are memory-mapped, not read: the 250k-row word-embedding matrix of
e5 (384 MB) costs nothing until a query touches a few of its rows.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any

import numpy as np

_ARCHS = {"bert": 0, "xlm-roberta": 1, "roberta": 1, "camembert": 1}  # value: RoBERTa-style positions
_ACTS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu")
_MODULES = (
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
)
_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16, "F64": np.float64}


def read_json(path: Path) -> dict[str, Any]:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return obj if isinstance(obj, dict) else {}


def _modules(d: Path) -> list[dict[str, Any]] | None:
    try:
        mods = json.loads((d / "modules.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return mods if isinstance(mods, list) and all(isinstance(m, dict) for m in mods) else None


def _configs(d: Path) -> tuple[str | None, dict[str, Any], dict[str, Any]]:
    """Read the directory's configuration once: (why it is not supported, or
    None; config.json; the Pooling module's config)."""
    mods = _modules(d)
    if mods is None:
        return "no readable modules.json", {}, {}
    types = [str(m.get("type", "")) for m in mods]
    if not (2 <= len(types) <= 3 and tuple(types) == _MODULES[: len(types)]):
        return f"modules {[t.rsplit('.', 1)[-1] for t in types]} (only Transformer, Pooling[, Normalize])", {}, {}
    cfg = read_json(d / "config.json")
    pool = read_json(d / str(mods[1].get("path", "")) / "config.json")
    if cfg.get("model_type") not in _ARCHS:
        return f"model_type {cfg.get('model_type')!r}", cfg, pool
    if cfg.get("position_embedding_type", "absolute") != "absolute":
        return f"position_embedding_type {cfg.get('position_embedding_type')!r}", cfg, pool
    if cfg.get("hidden_act") not in _ACTS:
        return f"hidden_act {cfg.get('hidden_act')!r}", cfg, pool
    modes = [k for k, v in pool.items() if k.startswith("pooling_mode_") and v]
    if modes not in (["pooling_mode_mean_tokens"], ["pooling_mode_cls_token"]):
        return f"pooling {modes or 'unknown'}", cfg, pool
    if pool.get("include_prompt") is False:
        return "pooling excludes the prompt", cfg, pool
    for f in ("model.safetensors", "tokenizer.json"):
        if not (d / f).is_file():
            return f"no {f}", cfg, pool
    return None, cfg, pool


def unsupported(model_dir: str | Path) -> str | None:
    """None if :class:`NumpyEncoder` can encode for this directory, else why not."""
    return _configs(Path(model_dir))[0]


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file as a read-only view on one memmap."""
    with open(path, "rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out: dict[str, np.ndarray] = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] not in _DTYPES:
            continue
        a, b = meta["data_offsets"]
        out[name] = data[a:b].view(_DTYPES[meta["dtype"]]).reshape(meta["shape"])
    return out


def _f32(a: np.ndarray) -> np.ndarray:
    if a.dtype == np.uint16:  # bfloat16: the high half of a float32
        return (a.astype(np.uint32) << 16).view(np.float32)
    return np.ascontiguousarray(a, dtype=np.float32)


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz-Stegun 7.1.26, |error| < 1.5e-7: below float32 noise here, and
    # it spares importing scipy (a second of start-up) for one function
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y


def _activation(name: str):
    if name == "gelu":
        return lambda x: 0.5 * x * (1.0 + _erf(x * (1.0 / math.sqrt(2.0))))
    if name == "relu":
        return lambda x: np.maximum(x, 0.0)
    c = math.sqrt(2.0 / math.pi)  # the tanh approximations
    return lambda x: 0.5 * x * (1.0 + np.tanh(c * (x + 0.044715 * x * x * x)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(-1, keepdims=True)
    return xc / np.sqrt(var + eps) * w + b


class NumpyEncoder:
    """Encodes single texts the way ``SentenceTransformer.encode`` does (same
    tokenizer, truncation, prompt, pooling), returning unit-norm float32.

    Thread-safe: it holds only read-only arrays and a ``tokenizers`` tokenizer.
    """

    def __init__(self, model_dir: str | Path):
        from tokenizers import Tokenizer  # Rust, imports in ~0.1 s

        d = Path(model_dir)
        why, cfg, pool = _configs(d)
        if why:
            raise ValueError(f"{d}: not supported by the NumPy encoder: {why}")
        self.dim = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self._act = _activation(cfg["hidden_act"])
        self.cls_pooling = bool(pool.get("pooling_mode_cls_token"))
        st = read_json(d / "sentence_bert_config.json")
        self.lower = bool(st.get("do_lower_case"))
        limit = int(cfg.get("max_position_embeddings", 512))
        if _ARCHS[cfg["model_type"]]:
            # RoBERTa numbers positions from padding_idx + 1, which the table's length includes
            self.pos_offset = int(cfg.get("pad_token_id", 1)) + 1
            limit -= self.pos_offset
        else:
            self.pos_offset = 0
        self.max_seq_length = min(int(st.get("max_seq_length") or limit), limit)
        self.tokenizer = Tokenizer.from_file(str(d / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_seq_length)

        t = _safetensors(d / "model.safetensors")
        key = next((k for k in t if k.endswith("embeddings.word_embeddings.weight")), None)
        if key is None:
            raise ValueError(f"{d}: no embeddings.word_embeddings.weight in model.safetensors")
        pre = key[: -len("embeddings.word_embeddings.weight")]

        def g(name: str) -> np.ndarray:
            try:
                return _f32(t[pre + name])
            except KeyError:
                raise ValueError(f"{d}: model.safetensors has no tensor {pre + name}") from None

        self._word = t[key]  # stays memory-mapped: rows are gathered per query
        self._pos = g("embeddings.position_embeddings.weight")
        self._type0 = g("embeddings.token_type_embeddings.weight")[0]
        self._eln = (g("embeddings.LayerNorm.weight"), g("embeddings.LayerNorm.bias"))
        self._layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            self._layers.append(
                (
                    # one (dim, 3*dim) matmul instead of three
                    np.ascontiguousarray(np.concatenate([g(a + f"self.{n}.weight") for n in ("query", "key", "value")]).T),
                    np.concatenate([g(a + f"self.{n}.bias") for n in ("query", "key", "value")]),
                    np.ascontiguousarray(g(a + "output.dense.weight").T),
                    g(a + "output.dense.bias"),
                    (g(a + "output.LayerNorm.weight"), g(a + "output.LayerNorm.bias")),
                    np.ascontiguousarray(g(p + "intermediate.dense.weight").T),
                    g(p + "intermediate.dense.bias"),
                    np.ascontiguousarray(g(p + "output.dense.weight").T),
                    g(p + "output.dense.bias"),
                    (g(p + "output.LayerNorm.weight"), g(p + "output.LayerNorm.bias")),
                )
            )

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text.lower() if self.lower else text).ids

    def encode_one(self, text: str) -> np.ndarray:
        ids = self.token_ids(text)
        n = len(ids)
        x = _f32(self._word[ids]) + self._pos[self.pos_offset : self.pos_offset + n] + self._type0
        x = _layer_norm(x, *self._eln, self.eps)
        h, d = self.heads, self.dim
        dh = d // h
        scale = 1.0 / math.sqrt(dh)
        for qkv_w, qkv_b, ow, ob, ln1, iw, ib, o2w, o2b, ln2 in self._layers:
            qkv = (x @ qkv_w + qkv_b).reshape(n, 3, h, dh).transpose(1, 2, 0, 3)  # (3, h, n, dh)
            q, k, v = qkv[0], qkv[1], qkv[2]
            att = (q @ k.transpose(0, 2, 1)) * scale
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(n, d)
            x = _layer_norm(ctx @ ow + ob + x, *ln1, self.eps)
            x = _layer_norm(self._act(x @ iw + ib) @ o2w + o2b + x, *ln2, self.eps)
        v = x[0] if self.cls_pooling else x.mean(0)
        return (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.encode_one(t) for t in texts])


__all__ = ["NumpyEncoder", "read_json", "unsupported"]
