"""Loading an index and checking it: the loaded :class:`Index` (dense and
keyword search, the passage and section maps) and :func:`load_index`.

Loading is cheap and never loads the embedding model: the corpus files are
re-segmented (~0.1 s) and compared with the manifest and ``passages.jsonl``;
the artefacts are checked against their hashes before FAISS or NumPy sees
them, so a truncated or damaged file is an ``IndexCorrupt`` with a clear
message rather than a crash.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from .atomic import leftovers, pid_alive
from .index_files import (
    ARTEFACTS,
    HNSW_EF_SEARCH,
    INDEX_FORMAT,
    KEYWORDS,
    MANIFEST,
    PASSAGES,
    SENTENCES,
    VECTORS,
    IndexCorrupt,
    IndexMissing,
    IndexProblem,
    IndexStale,
    contextual_text,
    corpus_paths,
    expected_model_id,
    model_index_dir,
    passage_record,
    sha256_bytes,
)
from .japanese import TOKENIZER_VERSION, search_tokens
from .keyword import KeywordIndex
from .manifest import Manifest, ManifestError
from .segment import SEGMENTER_VERSION, CorpusError, Document, load_corpus, sentences
from .types import Passage, Section

if TYPE_CHECKING:  # the embedder pulls in the model runtime: import it only when embedding
    import faiss

    from .embed import Embedder

logger = logging.getLogger(__name__)


@dataclass
class Index:
    dir: Path
    manifest: Manifest
    docs: list[Document]
    sections: list[Section]
    passages: list[Passage]  # passages[i].id == i
    vectors: faiss.Index
    bm25: KeywordIndex
    sentence_vectors: np.ndarray | None = None  # rows in (passage, sentence) order
    sentence_starts: np.ndarray | None = None  # first row of each passage; len = passages + 1
    _sections_by_id: dict[str, Section] = field(default_factory=dict, repr=False)
    _passages_by_section: dict[str, list[Passage]] = field(default_factory=dict, repr=False)
    _docs_by_name: dict[str, Document] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._sections_by_id = {s.id: s for s in self.sections}
        self._docs_by_name = {d.doc: d for d in self.docs}
        by_section: dict[str, list[Passage]] = {}
        for p in self.passages:
            by_section.setdefault(p.section_id, []).append(p)
        self._passages_by_section = by_section

    # -- search ------------------------------------------------------------

    def dense_search(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Nearest passages to an L2-normalised query vector: (passage id, cosine)."""
        n = self.vectors.ntotal
        k = min(int(k), n)
        if k <= 0:
            return []
        q = np.ascontiguousarray(np.asarray(qvec, dtype=np.float32).reshape(1, -1))
        if q.shape[1] != self.vectors.d:
            raise ValueError(f"query vector has {q.shape[1]} dimensions, the index {self.vectors.d}")
        if hasattr(self.vectors, "hnsw"):  # per-call parameters: no shared state between threads
            import faiss

            ef = max(self.vectors.hnsw.efSearch, HNSW_EF_SEARCH, k)
            scores, ids = self.vectors.search(q, k, params=faiss.SearchParametersHNSW(efSearch=ef))
        else:
            scores, ids = self.vectors.search(q, k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def keyword_search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """Passages matching the search tokens by BM25: (passage id, score), score > 0 only."""
        return self.bm25.search(tokens, k)

    def keyword_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (index = passage id)."""
        return self.bm25.scores(tokens)

    def passage_vectors(self, ids: Sequence[int] | None = None) -> np.ndarray:
        """Stored embeddings of the given passages (all when ``ids`` is None)."""
        if ids is None:
            return self.vectors.reconstruct_n(0, self.vectors.ntotal)
        ids = np.asarray(list(ids), dtype=np.int64)
        if not len(ids):
            return np.zeros((0, self.vectors.d), dtype=np.float32)
        return self.vectors.reconstruct_batch(ids)

    def sentence_vectors_for(self, passage_id: int) -> np.ndarray:
        """Embeddings of the passage's sentences, in ``segment.sentences`` order."""
        if self.sentence_vectors is None or self.sentence_starts is None:
            return np.zeros((0, self.vectors.d), dtype=np.float32)
        a, b = int(self.sentence_starts[passage_id]), int(self.sentence_starts[passage_id + 1])
        return self.sentence_vectors[a:b]

    # -- corpus statistics ---------------------------------------------------

    @property
    def n_docs(self) -> int:
        """Passages: the documents of both document-frequency tables."""
        return len(self.passages)

    @cached_property
    def text_doc_freq(self) -> dict[str, int]:
        """Passages whose own text contains each search token, counted once
        per index (on first use). Answering asks it whether the report uses a
        question's words at all and weighs them with ``keyword.idf_weights``.
        Unlike ``bm25.doc_freq`` it leaves out the section title and field
        the keyword index adds to each passage (``contextual_text``): for 260
        of the 314 eval questions some word's count differs between the two,
        so unifying them would change answers, not just code."""
        df: Counter[str] = Counter()
        for p in self.passages:
            df.update(set(search_tokens(p.text)))
        return dict(df)

    # -- lookup ------------------------------------------------------------

    @property
    def sections_by_id(self) -> Mapping[str, Section]:
        """Every section by id (read-only): the one section map."""
        return MappingProxyType(self._sections_by_id)

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._sections_by_id

    def passages_of(self, section_id: str) -> list[Passage]:
        return list(self._passages_by_section.get(section_id, ()))

    def passage(self, passage_id: int) -> Passage:
        return self.passages[passage_id]

    def context(self, passage_id: int) -> str:
        p = self.passages[passage_id]
        return contextual_text(self.section(p.section_id), p)

    def document(self, doc: str | Document) -> Document:
        return doc if isinstance(doc, Document) else self._docs_by_name[doc]

    def doc_text(self, doc: str | Document) -> str:
        """The full source text of a corpus file (by name, or the passage's ``doc``)."""
        return self.document(doc).text



def read_manifest(dir: Path) -> Manifest:
    """The manifest of the index at ``dir``, checked for format and shape."""
    mpath = dir / MANIFEST
    if not dir.exists():
        raise IndexMissing(dir, "no index has been built here")
    if not dir.is_dir():
        raise IndexCorrupt(dir, "is not a directory")
    if not mpath.exists():
        if not any(dir.iterdir()):
            raise IndexMissing(dir, "no index has been built here (empty directory)")
        raise IndexCorrupt(mpath, "is missing (incomplete index)")
    try:
        raw = json.loads(mpath.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IndexCorrupt(mpath, "is not valid JSON") from None
    except OSError as e:
        raise IndexCorrupt(mpath, f"cannot be read ({e.strerror})") from None
    if not isinstance(raw, dict):
        raise IndexCorrupt(mpath, "is not a JSON object")
    fmt = raw.get("index_format")
    if fmt != INDEX_FORMAT:
        if isinstance(fmt, int):
            raise IndexStale(mpath, f"index format {fmt}, this version reads format {INDEX_FORMAT}")
        raise IndexCorrupt(mpath, "has no index_format")
    try:
        return Manifest.from_dict(raw, required_files=ARTEFACTS)
    except ManifestError as e:
        raise IndexCorrupt(mpath, str(e)) from None


def _check_inputs(
    dir: Path, manifest: Manifest, paths: list[Path], model: str | None, embedder: Embedder | None
) -> None:
    """Raise IndexStale when the index was built from other inputs than these."""
    if manifest.segmenter != SEGMENTER_VERSION:
        raise IndexStale(dir, f"built with segmenter {manifest.segmenter}, current is {SEGMENTER_VERSION}")
    if manifest.tokenizer != TOKENIZER_VERSION:
        raise IndexStale(dir, f"built with tokenizer {manifest.tokenizer}, current is {TOKENIZER_VERSION}")
    built = manifest.corpus
    built_names = [c.name for c in built]
    now_names = [p.name for p in paths]
    if built_names != now_names:
        raise IndexStale(dir, f"built from corpus {built_names}, now {now_names}")
    for c, p in zip(built, paths, strict=True):
        try:
            data = p.read_bytes()
        except OSError:
            raise CorpusError(f"{p}: no such file" if not p.exists() else f"{p}: cannot read") from None
        if c.sha256 != sha256_bytes(data):
            raise IndexStale(dir, f"corpus file {p.name} has changed since the index was built")
    if embedder is not None:
        if manifest.model != embedder.model_id:
            raise IndexStale(dir, f"built with model {manifest.model}, now {embedder.model_id}")
        if manifest.model_fingerprint != embedder.fingerprint:
            raise IndexStale(
                dir, f"the weights of model {embedder.model_id} differ from those the index was built with"
            )
        if manifest.dim != embedder.dim:
            raise IndexStale(dir, f"built with {manifest.dim}-dim vectors, the model gives {embedder.dim}")
    else:
        want = expected_model_id(model)
        if manifest.model != want:
            raise IndexStale(dir, f"built with model {manifest.model}, now {want}")


def _read_artefact(dir: Path, manifest: Manifest, name: str) -> bytes:
    path = dir / name
    entry = manifest.files[name]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IndexCorrupt(path, "is missing") from None
    except OSError as e:
        raise IndexCorrupt(path, f"cannot be read ({e.strerror})") from None
    if len(data) != entry.bytes:
        what = "truncated" if len(data) < entry.bytes else "longer than written"
        raise IndexCorrupt(path, f"is {what} ({len(data)} bytes, expected {entry.bytes})")
    if sha256_bytes(data) != entry.sha256:
        raise IndexCorrupt(path, "is damaged (checksum mismatch)")
    return data


def _check_passages(dir: Path, data: bytes, passages: list[Passage]) -> None:
    path = dir / PASSAGES
    try:
        records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IndexCorrupt(path, "is not valid JSON lines") from None
    if len(records) != len(passages):
        raise IndexStale(
            dir, f"the corpus now segments into {len(passages)} passages, the index has {len(records)}"
        )
    for rec, p in zip(records, passages, strict=True):
        if rec != passage_record(p):
            raise IndexStale(
                dir,
                f"passage {p.id} ({p.section_id} {p.field}) segments differently now "
                "(segmenter changed without a version bump?)",
            )


def load_index(
    dir: Path | None = None,
    *,
    corpus: list[Path] | None = None,
    model: str | None = None,
    embedder: Embedder | None = None,
) -> Index:
    """Load the index at ``dir`` and check it against the current corpus,
    segmenter, tokenizer and model (``embedder``'s id and weight fingerprint
    when given, else ``model``'s id, else the default model's).

    Raises IndexMissing, IndexStale or IndexCorrupt; never loads the model."""
    dir = Path(dir) if dir is not None else model_index_dir(model, embedder)
    paths = corpus_paths(corpus)
    # A concurrent build swaps the directory with two renames; if that happens
    # under our feet the files we read may be from two different builds:
    # notice it (directory identity changed, or a swap in progress) and retry.
    for attempt in range(5):
        ident = _dir_identity(dir)
        try:
            idx = _load_once(dir, paths, model, embedder)
        except IndexProblem:
            swapping = any(pid_alive(pid) for _, pid in leftovers(dir, "old"))
            if attempt < 4 and (_dir_identity(dir) != ident or swapping):
                time.sleep(0.05 * (attempt + 1))
                continue
            raise
        if _dir_identity(dir) == ident:
            return idx
        time.sleep(0.05)
    return _load_once(dir, paths, model, embedder)


def _dir_identity(dir: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(dir)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _load_once(dir: Path, paths: list[Path], model: str | None, embedder: Embedder | None) -> Index:
    import faiss

    t0 = time.perf_counter()
    manifest = read_manifest(dir)
    _check_inputs(dir, manifest, paths, model, embedder)
    blobs = {name: _read_artefact(dir, manifest, name) for name in ARTEFACTS}

    docs = load_corpus(paths)
    sections = [s for d in docs for s in d.sections]
    passages = [p for d in docs for p in d.passages]
    if any(p.id != i for i, p in enumerate(passages)):
        raise IndexCorrupt(dir, "passage ids are not contiguous (segmenter bug)", "report it")
    _check_passages(dir, blobs[PASSAGES], passages)

    try:
        vectors = faiss.deserialize_index(np.frombuffer(blobs[VECTORS], dtype=np.uint8))
    except Exception as e:  # faiss raises RuntimeError with a C++ message; keep its last clause
        m = re.search(r"Error: '([^']{1,120})", str(e))
        raise IndexCorrupt(
            dir / VECTORS, "cannot be read by FAISS" + (f" ({m.group(1)})" if m else "")
        ) from None
    if vectors.ntotal != len(passages) or vectors.d != manifest.dim:
        raise IndexCorrupt(
            dir / VECTORS,
            f"holds {vectors.ntotal} vectors of {vectors.d} dims, expected {len(passages)} of {manifest.dim}",
        )
    if hasattr(vectors, "hnsw"):
        vectors.hnsw.efSearch = max(HNSW_EF_SEARCH, int(manifest.faiss_params.get("efSearch", 0) or 0))

    try:
        bm25 = KeywordIndex.from_bytes(blobs[KEYWORDS])
    except Exception as e:
        raise IndexCorrupt(dir / KEYWORDS, f"cannot be read ({type(e).__name__})") from None
    if bm25.n_docs != len(passages):
        raise IndexCorrupt(dir / KEYWORDS, f"covers {bm25.n_docs} passages, expected {len(passages)}")

    try:
        with np.load(io.BytesIO(blobs[SENTENCES]), allow_pickle=False) as z:
            svecs = z["vectors"].astype(np.float32)
            counts = z["counts"].astype(np.int64)
    except Exception as e:
        raise IndexCorrupt(dir / SENTENCES, f"cannot be read ({type(e).__name__})") from None
    expected = [len(sentences(p.text)) for p in passages]
    if counts.tolist() != expected or svecs.shape != (int(counts.sum()), manifest.dim):
        raise IndexCorrupt(dir / SENTENCES, "does not match the passages' sentences")
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    logger.debug("loaded %s: %d passages in %.3f s", dir, len(passages), time.perf_counter() - t0)
    return Index(dir, manifest, docs, sections, passages, vectors, bm25, svecs, starts)
