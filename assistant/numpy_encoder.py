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
then optionally ``Normalize``, saved by sentence-transformers 5.x (module
types ``sentence_transformers.models.*``, pooling as ``pooling_mode_*`` flags,
length in ``sentence_bert_config.json``) or 6.x (types under
``sentence_transformers.base`` / ``.sentence_transformer.modules``, pooling as
``pooling_mode``, length as the tokenizer's ``model_max_length``).
:func:`unsupported` says why any other model directory is not, and
:class:`assistant.embed.Embedder` then uses sentence-transformers for its
queries too, and says so.

The weights are memory-mapped, not read: the 250k-row word-embedding matrix of
e5 (384 MB) costs nothing until a query touches a few of its rows.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_ARCHS = {"bert": 0, "xlm-roberta": 1, "roberta": 1, "camembert": 1}  # value: RoBERTa-style positions
_ACTS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu")
# The glue modules by class name. sentence-transformers 5.x saves their types
# as ``sentence_transformers.models.<Name>``, 6.x under its new package layout
# (``sentence_transformers.base.modules.transformer.Transformer``,
# ``sentence_transformers.sentence_transformer.modules.pooling.Pooling``, ...):
# the files decide, not the version installed here.
_MODULES = ("Transformer", "Pooling", "Normalize")
_POOLING_FLAGS = {  # 5.x: one boolean per mode; 6.x: "pooling_mode": "mean" | ["mean", ...]
    "pooling_mode_cls_token": "cls",
    "pooling_mode_max_tokens": "max",
    "pooling_mode_mean_tokens": "mean",
    "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens",
    "pooling_mode_weightedmean_tokens": "weightedmean",
    "pooling_mode_lasttoken": "lasttoken",
}
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


def _module_name(type_: str) -> str | None:
    """"Pooling" for a sentence-transformers Pooling type of any version, else None."""
    if not type_.startswith("sentence_transformers."):
        return None
    name = type_.rsplit(".", 1)[-1]
    return name if name in _MODULES else None


def pooling_modes(pool: dict[str, Any]) -> tuple[str, ...]:
    """The pooling modes a Pooling config asks for, from either save format."""
    mode = pool.get("pooling_mode")
    if isinstance(mode, str):
        return (mode,)
    if isinstance(mode, list) and all(isinstance(m, str) for m in mode):
        return tuple(mode)
    return tuple(v for k, v in _POOLING_FLAGS.items() if pool.get(k) is True)


@dataclass(frozen=True)
class ModelConfig:
    """What the encoder needs from a model directory's configuration files."""

    unsupported: str | None  # why NumpyEncoder cannot run this directory, or None
    config: dict[str, Any]  # config.json
    pooling: tuple[str, ...]  # e.g. ("mean",)
    max_seq_length: int  # tokens, special tokens included
    lower_case: bool


def _configs(d: Path) -> ModelConfig:
    """Read the directory's configuration once."""

    def no(why: str, cfg: dict[str, Any] | None = None, modes: tuple[str, ...] = ()) -> ModelConfig:
        return ModelConfig(why, cfg or {}, modes, 0, False)

    mods = _modules(d)
    if mods is None:
        return no("no readable modules.json")
    types = [str(m.get("type", "")) for m in mods]
    names = tuple(_module_name(t) for t in types)
    if not (2 <= len(names) <= 3 and names == _MODULES[: len(names)]):
        shown = [t.rsplit(".", 1)[-1] for t in types]
        return no(f"modules {shown} (only Transformer, Pooling[, Normalize])")
    if str(mods[0].get("path", "")) not in ("", "."):
        return no("the Transformer module is not at the top of the directory")
    cfg = read_json(d / "config.json")
    pool = read_json(d / str(mods[1].get("path", "")) / "config.json")
    modes = pooling_modes(pool)
    st = read_json(d / "sentence_bert_config.json")
    if st.get("transformer_task", "feature-extraction") != "feature-extraction":
        return no(f"transformer_task {st.get('transformer_task')!r}", cfg, modes)
    if cfg.get("model_type") not in _ARCHS:
        return no(f"model_type {cfg.get('model_type')!r}", cfg, modes)
    if cfg.get("position_embedding_type", "absolute") != "absolute":
        return no(f"position_embedding_type {cfg.get('position_embedding_type')!r}", cfg, modes)
    if cfg.get("hidden_act") not in _ACTS:
        return no(f"hidden_act {cfg.get('hidden_act')!r}", cfg, modes)
    if modes not in (("mean",), ("cls",)):
        return no(f"pooling {list(modes) or 'unknown'} (only mean or cls)", cfg, modes)
    if pool.get("include_prompt") is False:
        return no("pooling excludes the prompt", cfg, modes)
    for f in ("model.safetensors", "tokenizer.json"):
        if not (d / f).is_file():
            return no(f"no {f}", cfg, modes)
    limit = int(cfg.get("max_position_embeddings", 512))
    if _ARCHS[cfg["model_type"]]:
        limit -= int(cfg.get("pad_token_id", 1)) + 1  # see NumpyEncoder.pos_offset
    # 5.x records the length in sentence_bert_config.json; 6.x leaves it to the
    # tokenizer's model_max_length; both cap it at the position table
    asked = st.get("max_seq_length") or read_json(d / "tokenizer_config.json").get("model_max_length")
    length = min(int(asked), limit) if isinstance(asked, (int, float)) and asked > 0 else limit
    return ModelConfig(None, cfg, modes, length, bool(st.get("do_lower_case")))


def unsupported(model_dir: str | Path) -> str | None:
    """None if :class:`NumpyEncoder` can encode for this directory, else why not."""
    return _configs(Path(model_dir)).unsupported


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
        conf = _configs(d)
        if conf.unsupported:
            raise ValueError(f"{d}: not supported by the NumPy encoder: {conf.unsupported}")
        cfg = conf.config
        self.dim = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self._act = _activation(cfg["hidden_act"])
        self.cls_pooling = conf.pooling == ("cls",)
        self.lower = conf.lower_case
        # RoBERTa numbers positions from padding_idx + 1, which the table's length includes
        self.pos_offset = int(cfg.get("pad_token_id", 1)) + 1 if _ARCHS[cfg["model_type"]] else 0
        self.max_seq_length = conf.max_seq_length
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


__all__ = ["ModelConfig", "NumpyEncoder", "pooling_modes", "read_json", "unsupported"]
