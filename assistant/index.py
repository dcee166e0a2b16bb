"""The search index: dense vectors (FAISS) and a keyword index (BM25) over
every passage of the corpus, plus a manifest saying what it was built from.

Layout of an index directory (``index/default`` unless told otherwise)::

    manifest.json    what the index was built from, and a sha256 of each file below
    vectors.faiss    FAISS index of L2-normalised passage embeddings (inner product = cosine)
    keywords.npz     BM25 postings over our own Japanese search tokens
    passages.jsonl   one line per passage: id, doc, section_id, field, start, end, text
    sentences.npz    an embedding of every sentence of every passage (for choosing
                     the answer's sentences without running the model again)

Loading is cheap and never loads the embedding model: the corpus files are
re-segmented (~0.1 s) and compared with the manifest and ``passages.jsonl``;
the artefacts are checked against their hashes before FAISS or NumPy sees
them, so a truncated or damaged file is an ``IndexCorrupt`` with a clear
message rather than a crash.

Writes are atomic: a build fills ``<out>.tmp-<pid>`` beside the target,
fsyncs it and swaps it into place with two renames, so an interrupted build
leaves the previous index intact. ``<out>.lock`` serialises builds across
processes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import AssistantError
from .japanese import TOKENIZER_VERSION, search_tokens
from .paths import default_corpus, default_index_dir, index_root
from .segment import SEGMENTER_VERSION, Document, load_corpus, sentences, short_title
from .types import Passage, Section

if TYPE_CHECKING:  # the embedder pulls in the model runtime: import it only when embedding
    import faiss

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

BM25_K1 = 1.2
BM25_B = 0.75

LOCK_TIMEOUT_S = 900.0
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


# --------------------------------------------------------------------------
# Keyword index
# --------------------------------------------------------------------------


class KeywordIndex:
    """BM25 (Lucene variant: idf = ln(1 + (N - df + .5) / (df + .5)), k1=1.2,
    b=0.75) over pre-tokenised passages, stored as per-term postings with the
    term weights precomputed.

    Why our own instead of bm25s: we feed it our own tokens anyway, the whole
    thing is ~40 lines of NumPy, loading is one ``np.load`` of a few hundred KB
    (bm25s pulls in scipy: +0.4 s on every CLI start), and an empty or
    all-unknown query simply scores nothing instead of raising.
    """

    def __init__(
        self,
        vocab: list[str],
        indptr: np.ndarray,
        indices: np.ndarray,
        weights: np.ndarray,
        n_docs: int,
        k1: float = BM25_K1,
        b: float = BM25_B,
    ) -> None:
        self.vocab = vocab
        self.term_id = {t: i for i, t in enumerate(vocab)}
        self.indptr = indptr
        self.indices = indices
        self.weights = weights
        self.n_docs = n_docs
        self.k1 = k1
        self.b = b

    @classmethod
    def build(
        cls, docs_tokens: Sequence[Sequence[str]], k1: float = BM25_K1, b: float = BM25_B
    ) -> KeywordIndex:
        n = len(docs_tokens)
        lengths = np.array([len(t) for t in docs_tokens], dtype=np.float64)
        avgdl = float(lengths.mean()) if n and lengths.sum() else 1.0
        postings: dict[str, dict[int, int]] = {}
        for d, toks in enumerate(docs_tokens):
            for t in toks:
                if t:
                    row = postings.setdefault(t, {})
                    row[d] = row.get(d, 0) + 1
        vocab = sorted(postings)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        indices: list[int] = []
        weights: list[float] = []
        for i, t in enumerate(vocab):
            row = postings[t]
            df = len(row)
            idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
            for d in sorted(row):
                tf = row[d]
                norm = k1 * (1.0 - b + b * lengths[d] / avgdl)
                indices.append(d)
                weights.append(idf * tf * (k1 + 1.0) / (tf + norm))
            indptr[i + 1] = len(indices)
        return cls(
            vocab,
            indptr,
            np.asarray(indices, dtype=np.int32),
            np.asarray(weights, dtype=np.float32),
            n,
            k1,
            b,
        )

    def scores(self, tokens: Iterable[str]) -> np.ndarray:
        """BM25 score of every passage; a token given twice counts twice, so
        a caller can weight query terms by repeating them."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for t in tokens:
            i = self.term_id.get(t)
            if i is None:
                continue
            a, z = self.indptr[i], self.indptr[i + 1]
            out[self.indices[a:z]] += self.weights[a:z]  # a term lists each passage once
        return out

    def search(self, tokens: Iterable[str], k: int) -> list[tuple[int, float]]:
        s = self.scores(tokens)
        hits = np.flatnonzero(s > 0)
        if k <= 0 or not len(hits):
            return []
        order = hits[np.lexsort((hits, -s[hits]))][:k]  # score desc, then id asc: deterministic
        return [(int(i), float(s[i])) for i in order]

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez(
            buf,
            # JSON bytes, not a '<U' array: those are UTF-32 padded to the longest term
            vocab=np.frombuffer(json.dumps(self.vocab, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            indptr=self.indptr,
            indices=self.indices,
            weights=self.weights,
            params=np.array([self.n_docs, self.k1, self.b], dtype=np.float64),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> KeywordIndex:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            vocab = json.loads(z["vocab"].tobytes().decode("utf-8"))
            indptr, indices, weights, params = z["indptr"], z["indices"], z["weights"], z["params"]
        n_docs, k1, b = int(params[0]), float(params[1]), float(params[2])
        if (
            not isinstance(vocab, list)
            or not all(isinstance(t, str) for t in vocab)
            or len(indptr) != len(vocab) + 1
            or len(indices) != len(weights)
            or (len(indptr) and int(indptr[-1]) != len(indices))
            or (len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= n_docs))
        ):
            raise ValueError("inconsistent arrays")
        return cls(vocab, indptr, indices, weights, n_docs, k1, b)


# --------------------------------------------------------------------------
# The loaded index
# --------------------------------------------------------------------------


@dataclass
class Index:
    dir: Path
    manifest: dict[str, Any]
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

    # -- lookup ------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Helpers: files, hashes, locks
# --------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sibling(out: Path, tag: str, pid: int | None = None) -> Path:
    return out.with_name(f"{out.name}.{tag}-{os.getpid() if pid is None else pid}")


def _leftovers(out: Path, tag: str) -> list[tuple[Path, int]]:
    found = []
    if not out.parent.is_dir():
        return found
    prefix = f"{out.name}.{tag}-"
    for p in out.parent.iterdir():
        if p.name.startswith(prefix) and p.name[len(prefix) :].isdigit():
            found.append((p, int(p.name[len(prefix) :])))
    return found


def _clean_leftovers(out: Path, log: Callable[[str], None] | None = None) -> None:
    """Remove what dead builders left beside ``out`` (call with the lock held).

    A ``.tmp-<pid>`` is a build that never finished: deleted. An
    ``.old-<pid>`` is the previous index of a build that died between its two
    renames: put back when ``out`` is missing, deleted otherwise."""
    for p, pid in _leftovers(out, "old"):
        if _pid_alive(pid) and pid != os.getpid():
            continue
        if not out.exists():
            os.rename(p, out)
            if log:
                log(f"restored the previous index from {p.name}")
        else:
            shutil.rmtree(p, ignore_errors=True)
    for p, pid in _leftovers(out, "tmp"):
        if _pid_alive(pid) and pid != os.getpid():
            continue
        shutil.rmtree(p, ignore_errors=True)


def _sweep_dead_builds(out: Path) -> None:
    """A fresh index can still have a killed build's half-written ``.tmp-<pid>``
    beside it (megabytes per corpus); remove it when no build holds the lock.
    Never waits, never fails: it is housekeeping."""
    if not any(not _pid_alive(pid) for _, pid in _leftovers(out, "tmp") + _leftovers(out, "old")):
        return
    try:
        with _BuildLock(out, timeout=0):
            _clean_leftovers(out)
    except (IndexProblem, OSError):
        pass


class _BuildLock:
    """``<out>.lock``: one builder per index directory across processes."""

    def __init__(self, out: Path, timeout: float = LOCK_TIMEOUT_S) -> None:
        from filelock import FileLock

        self.path = out.with_name(out.name + ".lock")
        self.timeout = timeout
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self.path), timeout=timeout)

    def __enter__(self) -> _BuildLock:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise IndexProblem(
                self.path,
                f"another index build has held this lock for over {self.timeout:.0f} s",
                "wait for it to finish, or stop it",
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


def _package_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("jipdec-cloud-assistant")
    except (PackageNotFoundError, ValueError):
        return "dev"


def _corpus_paths(corpus: Iterable[str | Path] | None) -> list[Path]:
    paths = [Path(p) for p in corpus] if corpus is not None else default_corpus()
    if not paths:
        from .segment import CorpusError

        raise CorpusError("no corpus files given (and none found in corpus/*.md)")
    return paths


def _corpus_entries(docs: list[Document]) -> list[dict[str, Any]]:
    out = []
    for d in docs:
        data = d.path.read_bytes()
        out.append(
            {"name": d.path.name, "path": str(d.path.resolve()), "sha256": _sha256(data), "size": len(data)}
        )
    return out


def _passage_record(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id,
        "doc": p.doc,
        "section_id": p.section_id,
        "field": p.field,
        "start": p.start,
        "end": p.end,
        "text": p.text,
    }


def _model_id(model: str | None) -> str:
    """The id an ``Embedder(model)`` will report, without loading (or
    materialising) anything: the same rule as ``Embedder.__init__``."""
    from .embed import model_id_for

    return model_id_for(model)


def model_index_dir(model: str | None = None, embedder: Embedder | None = None) -> Path:
    """The index directory of ``embedder``'s model (else ``model``'s, else the
    default model's) when none is named: ``index/default`` for the default
    model, ``index/<model-slug>/`` for any other (see paths.default_index_dir)."""
    from .embed import DEFAULT_MODEL

    mid = embedder.model_id if embedder is not None else _model_id(model)
    return default_index_dir(None if mid == DEFAULT_MODEL else mid)


def list_indexes(corpus: list[Path] | None = None) -> list[dict]:
    """``index_info`` of every index under the index root (and of
    ``$ASSISTANT_INDEX``), each checked against the model it was built with."""
    dirs = [default_index_dir()]
    root = index_root()
    if root.is_dir():
        dirs += sorted(p for p in root.iterdir() if (p / MANIFEST).is_file())
    out = []
    for d in dict.fromkeys(dirs):
        try:
            model = _read_manifest(d)["model"]
        except IndexProblem:
            continue
        out.append(index_info(d, corpus=corpus, model=model))
    return out


def _stderr(msg: str) -> None:
    print(f"assistant: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def _check_replaceable(out: Path) -> None:
    """Never swap away a directory that is not an index (``--out .`` by mistake)."""
    if out.exists() and not out.is_dir():
        raise IndexProblem(out, "exists and is not a directory", "choose another --out")
    if out.is_dir():
        names = {p.name for p in out.iterdir()}
        if names and MANIFEST not in names and not names <= set(ARTEFACTS):
            raise IndexProblem(
                out,
                "is not an index directory (no manifest.json); refusing to replace it",
                "choose another --out",
            )


def build_index(
    corpus: list[Path] | None = None,
    model: str | None = None,
    out: Path | None = None,
    faiss_kind: str = "flat",
    embedder: Embedder | None = None,
    progress: bool = True,
) -> Index:
    """Segment the corpus, embed and index every passage and write the index
    to ``out`` atomically. Waits for a concurrent build of the same ``out``."""
    out = Path(out) if out is not None else model_index_dir(model, embedder)
    with _BuildLock(out):
        return _build_locked(corpus, model, out, faiss_kind, embedder, progress)


def _build_locked(
    corpus: list[Path] | None,
    model: str | None,
    out: Path,
    faiss_kind: str,
    embedder: Embedder | None,
    progress: bool,
    log: Callable[[str], None] = _stderr,
) -> Index:
    import faiss

    if faiss_kind not in FAISS_KINDS:
        raise ValueError(f"faiss_kind must be one of {FAISS_KINDS}, not {faiss_kind!r}")
    t0 = time.perf_counter()
    _clean_leftovers(out, log)
    _check_replaceable(out)
    paths = _corpus_paths(corpus)
    docs = load_corpus(paths)
    corpus_entries = _corpus_entries(docs)
    sections = [s for d in docs for s in d.sections]
    passages = [p for d in docs for p in d.passages]
    by_id = {s.id: s for s in sections}
    texts = [contextual_text(by_id[p.section_id], p) for p in passages]

    if embedder is None:
        from .embed import Embedder

        embedder = Embedder(model)
    elif model is not None and _model_id(model) != embedder.model_id:
        raise ValueError(f"model {model!r} does not match the embedder's {embedder.model_id!r}")

    tmp = _sibling(out, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        files: dict[str, dict[str, Any]] = {}

        def put(name: str, data: bytes) -> None:
            _write_file(tmp / name, data)
            files[name] = {"sha256": _sha256(data), "bytes": len(data)}

        put(
            PASSAGES,
            "".join(json.dumps(_passage_record(p), ensure_ascii=False) + "\n" for p in passages).encode(
                "utf-8"
            ),
        )
        bm25 = KeywordIndex.build([search_tokens(t) for t in texts])
        put(KEYWORDS, bm25.to_bytes())

        if progress:
            log(f"embedding {len(texts)} passages with {embedder.model_id}")
        t_embed = time.perf_counter()
        vecs = np.ascontiguousarray(embedder.encode_passages(texts, show_progress=progress), dtype=np.float32)
        embed_seconds = time.perf_counter() - t_embed
        if vecs.shape != (len(texts), embedder.dim):
            raise ValueError(f"embedder returned shape {vecs.shape}, expected ({len(texts)}, {embedder.dim})")
        vectors = _make_faiss(faiss_kind, embedder.dim)
        vectors.add(vecs)
        put(VECTORS, faiss.serialize_index(vectors).tobytes())

        sent_texts, counts = sentence_texts(sections, passages)
        if progress:
            log(f"embedding {len(sent_texts)} sentences")
        svecs = np.ascontiguousarray(
            embedder.encode_passages(sent_texts, show_progress=progress), dtype=np.float32
        ).reshape(len(sent_texts), embedder.dim)
        buf = io.BytesIO()
        np.savez(buf, vectors=svecs.astype(np.float16), counts=np.asarray(counts, dtype=np.int32))
        put(SENTENCES, buf.getvalue())
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

        manifest = {
            "index_format": INDEX_FORMAT,
            "package_version": _package_version(),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(time.perf_counter() - t0, 3),
            "embed_seconds": round(embed_seconds, 3),
            "corpus": corpus_entries,
            "segmenter": SEGMENTER_VERSION,
            "tokenizer": TOKENIZER_VERSION,
            "model": embedder.model_id,
            "model_fingerprint": embedder.fingerprint,
            "dim": int(embedder.dim),
            "faiss": faiss_kind,
            "faiss_type": type(vectors).__name__,
            "faiss_params": {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION, "efSearch": HNSW_EF_SEARCH}
            if faiss_kind == "hnsw"
            else {},
            "bm25": {"k1": BM25_K1, "b": BM25_B, "idf": "lucene"},
            "counts": {
                "docs": len(docs),
                "sections": len(sections),
                "passages": len(passages),
                "sentences": len(sent_texts),
            },
            "files": files,
        }
        _write_file(
            tmp / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        )
        _fsync_dir(tmp)
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Index(out, manifest, docs, sections, passages, vectors, bm25, svecs, starts)


def sentence_texts(sections: list[Section], passages: list[Passage]) -> tuple[list[str], list[int]]:
    """What each sentence is embedded as: the section's short name and the
    field give a bare table sentence its subject ("IRAP（オーストラリア） ›
    ISMSとの関連性: ISM の中で参考文書として…")."""
    by_id = {s.id: s for s in sections}
    texts: list[str] = []
    counts: list[int] = []
    for p in passages:
        spans = sentences(p.text)
        counts.append(len(spans))
        head = f"{short_title(by_id[p.section_id].title)} › {p.field}: "
        texts.extend(head + p.text[a:b] for a, b in spans)
    return texts, counts


def _make_faiss(kind: str, dim: int):
    import faiss

    if kind == "hnsw":
        ix = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        ix.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        ix.hnsw.efSearch = HNSW_EF_SEARCH
        return ix
    return faiss.IndexFlatIP(dim)


def _swap_into_place(tmp: Path, out: Path) -> None:
    backup = _sibling(out, "old")
    if backup.exists():
        shutil.rmtree(backup)
    had_old = out.exists()
    if had_old:
        os.rename(out, backup)
    os.rename(tmp, out)
    _fsync_dir(out.parent)
    if had_old:
        shutil.rmtree(backup, ignore_errors=True)


# --------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------


def _read_manifest(dir: Path) -> dict[str, Any]:
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
        manifest = json.loads(mpath.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IndexCorrupt(mpath, "is not valid JSON") from None
    except OSError as e:
        raise IndexCorrupt(mpath, f"cannot be read ({e.strerror})") from None
    if not isinstance(manifest, dict):
        raise IndexCorrupt(mpath, "is not a JSON object")
    fmt = manifest.get("index_format")
    if fmt != INDEX_FORMAT:
        if isinstance(fmt, int):
            raise IndexStale(mpath, f"index format {fmt}, this version reads format {INDEX_FORMAT}")
        raise IndexCorrupt(mpath, "has no index_format")
    required = {
        "corpus": list,
        "files": dict,
        "model": str,
        "dim": int,
        "faiss": str,
        "counts": dict,
        "segmenter": str,
        "tokenizer": str,
    }
    for key, typ in required.items():
        if not isinstance(manifest.get(key), typ):
            raise IndexCorrupt(mpath, f"has no valid {key!r} entry")
    for name in ARTEFACTS:
        entry = manifest["files"].get(name)
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("bytes"), int)
        ):
            raise IndexCorrupt(mpath, f"has no checksum for {name}")
    return manifest


def _check_inputs(
    dir: Path, manifest: dict[str, Any], paths: list[Path], model: str | None, embedder: Embedder | None
) -> None:
    """Raise IndexStale when the index was built from other inputs than these."""
    if manifest["segmenter"] != SEGMENTER_VERSION:
        raise IndexStale(dir, f"built with segmenter {manifest['segmenter']}, current is {SEGMENTER_VERSION}")
    if manifest["tokenizer"] != TOKENIZER_VERSION:
        raise IndexStale(dir, f"built with tokenizer {manifest['tokenizer']}, current is {TOKENIZER_VERSION}")
    built = manifest["corpus"]
    built_names = [c.get("name") if isinstance(c, dict) else None for c in built]
    now_names = [p.name for p in paths]
    if built_names != now_names:
        raise IndexStale(dir, f"built from corpus {built_names}, now {now_names}")
    for c, p in zip(built, paths, strict=True):
        try:
            data = p.read_bytes()
        except OSError:
            from .segment import CorpusError

            raise CorpusError(f"{p}: no such file" if not p.exists() else f"{p}: cannot read") from None
        if c.get("sha256") != _sha256(data):
            raise IndexStale(dir, f"corpus file {p.name} has changed since the index was built")
    if embedder is not None:
        if manifest["model"] != embedder.model_id:
            raise IndexStale(dir, f"built with model {manifest['model']}, now {embedder.model_id}")
        if manifest.get("model_fingerprint") != embedder.fingerprint:
            raise IndexStale(
                dir, f"the weights of model {embedder.model_id} differ from those the index was built with"
            )
        if manifest["dim"] != embedder.dim:
            raise IndexStale(dir, f"built with {manifest['dim']}-dim vectors, the model gives {embedder.dim}")
    else:
        want = _model_id(model)
        if manifest["model"] != want:
            raise IndexStale(dir, f"built with model {manifest['model']}, now {want}")


def _read_artefact(dir: Path, manifest: dict[str, Any], name: str) -> bytes:
    path = dir / name
    entry = manifest["files"][name]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IndexCorrupt(path, "is missing") from None
    except OSError as e:
        raise IndexCorrupt(path, f"cannot be read ({e.strerror})") from None
    if len(data) != entry["bytes"]:
        what = "truncated" if len(data) < entry["bytes"] else "longer than written"
        raise IndexCorrupt(path, f"is {what} ({len(data)} bytes, expected {entry['bytes']})")
    if _sha256(data) != entry["sha256"]:
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
        if rec != _passage_record(p):
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
    paths = _corpus_paths(corpus)
    # A concurrent build swaps the directory with two renames; if that happens
    # under our feet the files we read may be from two different builds:
    # notice it (directory identity changed, or a swap in progress) and retry.
    for attempt in range(5):
        ident = _dir_identity(dir)
        try:
            idx = _load_once(dir, paths, model, embedder)
        except IndexProblem:
            swapping = any(_pid_alive(pid) for _, pid in _leftovers(dir, "old"))
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

    manifest = _read_manifest(dir)
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
    if vectors.ntotal != len(passages) or vectors.d != manifest["dim"]:
        raise IndexCorrupt(
            dir / VECTORS,
            f"holds {vectors.ntotal} vectors of {vectors.d} dims, expected "
            f"{len(passages)} of {manifest['dim']}",
        )
    if hasattr(vectors, "hnsw"):
        vectors.hnsw.efSearch = max(
            HNSW_EF_SEARCH, int(manifest.get("faiss_params", {}).get("efSearch", 0) or 0)
        )

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
    if counts.tolist() != expected or svecs.shape != (int(counts.sum()), manifest["dim"]):
        raise IndexCorrupt(dir / SENTENCES, "does not match the passages' sentences")
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Index(dir, manifest, docs, sections, passages, vectors, bm25, svecs, starts)


# --------------------------------------------------------------------------
# Ensure / info
# --------------------------------------------------------------------------


def ensure_index(
    dir: Path | None = None,
    corpus: list[Path] | None = None,
    model: str | None = None,
    faiss_kind: str | None = None,
    rebuild: bool = True,
    embedder: Embedder | None = None,
    log: Callable[[str], None] = _stderr,
    progress: bool = True,
) -> Index:
    """Load the index; when it is missing, stale or corrupt (or of another
    ``faiss_kind`` than asked for), rebuild it, saying why on ``log``. With
    ``rebuild=False`` the problem is raised instead. ``faiss_kind=None``
    accepts whatever kind is there and builds ``flat``."""
    dir = Path(dir) if dir is not None else model_index_dir(model, embedder)

    def attempt() -> Index:
        idx = load_index(dir, corpus=corpus, model=model, embedder=embedder)
        if faiss_kind is not None and idx.manifest["faiss"] != faiss_kind:
            raise IndexStale(dir, f"is a {idx.manifest['faiss']} index, {faiss_kind} was asked for")
        return idx

    try:
        idx = attempt()
    except IndexProblem as e:
        if not rebuild:
            raise
        first = e
    else:
        _sweep_dead_builds(dir)
        return idx
    with _BuildLock(dir):
        _clean_leftovers(dir, log)  # may put back the index of a build that died mid-swap
        try:  # another process may have rebuilt it while we waited for the lock
            return attempt()
        except IndexProblem as e:
            first = e
        kind = {IndexMissing: "missing", IndexStale: "out of date", IndexCorrupt: "damaged"}.get(
            type(first), "unusable"
        )
        log(f"index {kind}: {first.path}: {first.reason}; rebuilding {dir}")
        return _build_locked(corpus, model, dir, faiss_kind or "flat", embedder, progress, log)


def index_info(
    dir: Path | None = None, *, corpus: list[Path] | None = None, model: str | None = None
) -> dict:
    """The manifest plus where the index is, the size of its files and
    whether it is fresh for the current corpus and model (``status``)."""
    dir = Path(dir) if dir is not None else model_index_dir(model)
    manifest = _read_manifest(dir)
    sizes = {}
    for name in (MANIFEST, *ARTEFACTS):
        p = dir / name
        sizes[name] = p.stat().st_size if p.exists() else None
    try:
        load_index(dir, corpus=corpus, model=model)
        status = "fresh"
    except IndexProblem as e:
        # name the file at fault, not only the symptom ("vectors.faiss is damaged ...")
        where = f"{Path(e.path).name} " if Path(e.path) != dir else ""
        status = f"{type(e).__name__.removeprefix('Index').lower()}: {where}{e.reason}"
    except Exception as e:  # a corpus or model problem: report, don't fail `index info`
        status = f"unchecked: {e}"
    info = {"dir": str(dir), "status": status}
    info.update(manifest)
    info["sizes"] = sizes
    info["total_bytes"] = sum(v for v in sizes.values() if v)
    return info
