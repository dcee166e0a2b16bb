"""The search index: dense vectors (FAISS) and a keyword index (BM25) over
every passage of the corpus, plus a manifest saying what it was built from.

Layout of an index directory (one per model unless told otherwise:
``index/default`` for the default model, ``index/<model-slug>`` for others,
see :func:`model_index_dir`)::

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
import logging
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from .atomic import (
    DirLock,
    LockTimeout,
    clean_leftovers,
    fsync_dir,
    has_dead_leftovers,
    leftovers,
    pid_alive,
    sibling,
    swap_into_place,
    write_synced,
)
from .errors import AssistantError
from .japanese import TOKENIZER_VERSION, search_tokens
from .keyword import BM25_B, BM25_K1, KeywordIndex
from .manifest import CorpusFile, Counts, FileEntry, Manifest, ManifestError
from .paths import default_corpus, default_index_dir, index_root
from .segment import SEGMENTER_VERSION, Document, load_corpus, sentences, short_title
from .types import Passage, Section

if TYPE_CHECKING:  # the embedder pulls in the model runtime: import it only when embedding
    import faiss

    from .embed import Embedder

logger = logging.getLogger(__name__)

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
# The loaded index
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Helpers: files, hashes, locks
# --------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sweep_dead_builds(out: Path) -> None:
    """A fresh index can still have a killed build's half-written ``.tmp-<pid>``
    beside it (megabytes per corpus); remove it when no build holds the lock.
    Never waits, never fails: it is housekeeping."""
    if not has_dead_leftovers(out):
        return
    try:
        with _BuildLock(out, timeout=0):
            clean_leftovers(out)
    except (IndexProblem, OSError) as e:
        logger.debug("left a dead build's files beside %s: %s", out, e)


class _BuildLock(DirLock):
    """``<out>.lock``: one builder per index directory across processes; a
    timeout is an IndexProblem that says what to do."""

    def __init__(self, out: Path, timeout: float = LOCK_TIMEOUT_S) -> None:
        super().__init__(out, timeout)

    def __enter__(self) -> _BuildLock:
        try:
            super().__enter__()
        except LockTimeout:
            raise IndexProblem(
                self.path,
                f"another index build has held this lock for over {self.timeout:.0f} s",
                "wait for it to finish, or stop it",
            ) from None
        return self


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


def _corpus_entries(docs: list[Document]) -> tuple[CorpusFile, ...]:
    out = []
    for d in docs:
        data = d.path.read_bytes()
        out.append(CorpusFile(d.path.name, str(d.path.resolve()), _sha256(data), len(data)))
    return tuple(out)


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
            model = _read_manifest(d).model
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
    clean_leftovers(out, log)
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

    tmp = sibling(out, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        files: dict[str, FileEntry] = {}

        def put(name: str, data: bytes) -> None:
            write_synced(tmp / name, data)
            files[name] = FileEntry(_sha256(data), len(data))

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
        vectors = make_faiss(faiss_kind, embedder.dim)
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

        manifest = Manifest(
            index_format=INDEX_FORMAT,
            package_version=_package_version(),
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - t0, 3),
            embed_seconds=round(embed_seconds, 3),
            corpus=corpus_entries,
            segmenter=SEGMENTER_VERSION,
            tokenizer=TOKENIZER_VERSION,
            model=embedder.model_id,
            model_fingerprint=embedder.fingerprint,
            dim=int(embedder.dim),
            faiss=faiss_kind,
            faiss_type=type(vectors).__name__,
            faiss_params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION, "efSearch": HNSW_EF_SEARCH}
            if faiss_kind == "hnsw"
            else {},
            bm25={"k1": BM25_K1, "b": BM25_B, "idf": "lucene"},
            counts=Counts(len(docs), len(sections), len(passages), len(sent_texts)),
            files=files,
        )
        write_synced(tmp / MANIFEST, manifest.to_json().encode("utf-8"))
        fsync_dir(tmp)
        swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    logger.debug("built %s: %d passages in %.1f s", out, len(passages), manifest.build_seconds)
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


def make_faiss(kind: str, dim: int):
    import faiss

    if kind == "hnsw":
        ix = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        ix.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        ix.hnsw.efSearch = HNSW_EF_SEARCH
        return ix
    return faiss.IndexFlatIP(dim)


# --------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------


def _read_manifest(dir: Path) -> Manifest:
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
            from .segment import CorpusError

            raise CorpusError(f"{p}: no such file" if not p.exists() else f"{p}: cannot read") from None
        if c.sha256 != _sha256(data):
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
        want = _model_id(model)
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
    if _sha256(data) != entry.sha256:
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
        if faiss_kind is not None and idx.manifest.faiss != faiss_kind:
            raise IndexStale(dir, f"is a {idx.manifest.faiss} index, {faiss_kind} was asked for")
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
        clean_leftovers(dir, log)  # may put back the index of a build that died mid-swap
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
    info.update(manifest.to_dict())
    info["sizes"] = sizes
    info["total_bytes"] = sum(v for v in sizes.values() if v)
    return info
