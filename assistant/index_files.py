"""What an index directory holds, where it lives, and what can be wrong
with it: the file names and format, FAISS parameters, the errors, and the
record each passage is stored and indexed as (shared by building and
loading).

Layout of an index directory (one per model unless told otherwise:
``index/default`` for the default model, ``index/<model-slug>`` for others,
see :func:`model_index_dir`)::

    manifest.json    what the index was built from, and a sha256 of each file below
    vectors.faiss    FAISS index of L2-normalised passage embeddings (inner product = cosine)
    keywords.npz     BM25 postings over our own Japanese search tokens
    passages.jsonl   one line per passage: id, doc, section_id, field, start, end, text
    sentences.npz    an embedding of every sentence of every passage (for choosing
                     the answer's sentences without running the model again)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AssistantError
from .paths import default_corpus, default_index_dir
from .segment import CorpusError
from .types import Passage, Section

if TYPE_CHECKING:  # the embedder pulls in the model runtime
    from .embed import Embedder

INDEX_FORMAT = 2

MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
KEYWORDS = "keywords.npz"
PASSAGES = "passages.jsonl"
SENTENCES = "sentences.npz"
ARTEFACTS = (VECTORS, KEYWORDS, PASSAGES, SENTENCES)

FAISS_KINDS = ("flat", "hnsw")
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 256  # bench: recall@10 0.965 at 158k passages (64 gave 0.88), p95 3.4 ms

REBUILD_HINT = "run: assistant index build"


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


class IndexProblem(AssistantError):
    """Base of the index errors. ``str(e)`` is one line naming the file, what
    is wrong and what to do; ``e.reason`` is the middle part alone."""

    def __init__(self, path: Path | str, reason: str, hint: str = REBUILD_HINT) -> None:
        self.path = Path(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{path}: {reason}" + (f"; {hint}" if hint else ""))


class IndexMissing(IndexProblem):
    """No index has been built at that place."""


class IndexStale(IndexProblem):
    """The index is intact but was built from other inputs (corpus, model,
    segmenter, tokenizer or index format) than the current ones."""


class IndexCorrupt(IndexProblem):
    """A file of the index is missing, truncated, damaged or inconsistent."""


# --------------------------------------------------------------------------
# What gets indexed
# --------------------------------------------------------------------------


def contextual_text(section: Section, passage: Passage) -> str:
    """The text that is embedded and keyword-indexed for a passage: its
    section title and field give context to a bare table cell."""
    return f"{section.title} › {passage.field}\n{passage.text}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def corpus_paths(corpus: Iterable[str | Path] | None) -> list[Path]:
    """The corpus files given, else the default ones; none at all is a CorpusError."""
    paths = [Path(p) for p in corpus] if corpus is not None else default_corpus()
    if not paths:
        raise CorpusError("no corpus files given (and none found in corpus/*.md)")
    return paths


def passage_record(p: Passage) -> dict[str, Any]:
    """A passage as one line of ``passages.jsonl``."""
    return {
        "id": p.id,
        "doc": p.doc,
        "section_id": p.section_id,
        "field": p.field,
        "start": p.start,
        "end": p.end,
        "text": p.text,
    }


def expected_model_id(model: str | None) -> str:
    """The id an ``Embedder(model)`` will report, without loading (or
    materialising) anything: the same rule as ``Embedder.__init__``."""
    from .embed import model_id_for

    return model_id_for(model)


def model_index_dir(model: str | None = None, embedder: Embedder | None = None) -> Path:
    """The index directory of ``embedder``'s model (else ``model``'s, else the
    default model's) when none is named: ``index/default`` for the default
    model, ``index/<model-slug>/`` for any other (see paths.default_index_dir)."""
    from .embed import DEFAULT_MODEL

    mid = embedder.model_id if embedder is not None else expected_model_id(model)
    return default_index_dir(None if mid == DEFAULT_MODEL else mid)
