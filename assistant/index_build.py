"""Building an index: segment the corpus, embed and keyword-index every
passage and sentence, and write the directory atomically.

Writes are atomic: a build fills ``<out>.tmp-<pid>`` beside the target,
fsyncs it and swaps it into place with two renames, so an interrupted build
leaves the previous index intact. ``<out>.lock`` serialises builds across
processes.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .atomic import (
    DirLock,
    LockTimeout,
    clean_leftovers,
    fsync_dir,
    has_dead_leftovers,
    sibling,
    swap_into_place,
    write_synced,
)
from .index_files import (
    ARTEFACTS,
    FAISS_KINDS,
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    INDEX_FORMAT,
    KEYWORDS,
    MANIFEST,
    PASSAGES,
    SENTENCES,
    VECTORS,
    IndexProblem,
    contextual_text,
    corpus_paths,
    expected_model_id,
    model_index_dir,
    passage_record,
    sha256_bytes,
)
from .index_load import Index
from .japanese import TOKENIZER_VERSION, search_tokens
from .keyword import BM25_B, BM25_K1, KeywordIndex
from .manifest import CorpusFile, Counts, FileEntry, Manifest
from .segment import SEGMENTER_VERSION, Document, load_corpus, sentences, short_title
from .types import Passage, Section

if TYPE_CHECKING:  # the embedder pulls in the model runtime: import it only when embedding
    from .embed import Embedder

logger = logging.getLogger(__name__)

LOCK_TIMEOUT_S = 900.0


def sweep_dead_builds(out: Path) -> None:
    """A fresh index can still have a killed build's half-written ``.tmp-<pid>``
    beside it (megabytes per corpus); remove it when no build holds the lock.
    Never waits, never fails: it is housekeeping."""
    if not has_dead_leftovers(out):
        return
    try:
        with BuildLock(out, timeout=0):
            clean_leftovers(out)
    except (IndexProblem, OSError) as e:
        logger.debug("left a dead build's files beside %s: %s", out, e)


class BuildLock(DirLock):
    """``<out>.lock``: one builder per index directory across processes; a
    timeout is an IndexProblem that says what to do."""

    def __init__(self, out: Path, timeout: float = LOCK_TIMEOUT_S) -> None:
        super().__init__(out, timeout)

    def __enter__(self) -> BuildLock:
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


def _corpus_entries(docs: list[Document]) -> tuple[CorpusFile, ...]:
    out = []
    for d in docs:
        data = d.path.read_bytes()
        out.append(CorpusFile(d.path.name, str(d.path.resolve()), sha256_bytes(data), len(data)))
    return tuple(out)


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
    with BuildLock(out):
        return build_locked(corpus, model, out, faiss_kind, embedder, progress)


def build_locked(
    corpus: list[Path] | None,
    model: str | None,
    out: Path,
    faiss_kind: str,
    embedder: Embedder | None,
    progress: bool,
    log: Callable[[str], None] | None = None,
) -> Index:
    """``build_index`` with ``<out>.lock`` held; says what it does on ``log``
    (default: this module's logger at INFO)."""
    import faiss

    log = log or logger.info

    if faiss_kind not in FAISS_KINDS:
        raise ValueError(f"faiss_kind must be one of {FAISS_KINDS}, not {faiss_kind!r}")
    t0 = time.perf_counter()
    clean_leftovers(out, log)
    _check_replaceable(out)
    paths = corpus_paths(corpus)
    docs = load_corpus(paths)
    corpus_entries = _corpus_entries(docs)
    sections = [s for d in docs for s in d.sections]
    passages = [p for d in docs for p in d.passages]
    by_id = {s.id: s for s in sections}
    texts = [contextual_text(by_id[p.section_id], p) for p in passages]

    if embedder is None:
        from .embed import Embedder

        embedder = Embedder(model)
    elif model is not None and expected_model_id(model) != embedder.model_id:
        raise ValueError(f"model {model!r} does not match the embedder's {embedder.model_id!r}")

    tmp = sibling(out, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        files: dict[str, FileEntry] = {}

        def put(name: str, data: bytes) -> None:
            write_synced(tmp / name, data)
            files[name] = FileEntry(sha256_bytes(data), len(data))

        put(
            PASSAGES,
            "".join(json.dumps(passage_record(p), ensure_ascii=False) + "\n" for p in passages).encode(
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
