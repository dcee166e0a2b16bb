"""The search index: dense vectors (FAISS) and a keyword index (BM25) over
every passage of the corpus, plus a manifest saying what it was built from.

This module is the index's front door: :func:`ensure_index` (load, or
rebuild when missing, stale or damaged), :func:`index_info` and
:func:`list_indexes`. The parts live beside it: ``index_files`` (the
directory's layout, the errors), ``index_load`` (the loaded ``Index`` and the
checks made on loading) and ``index_build`` (building and the atomic swap).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import clean_leftovers
from .index_build import BuildLock, build_index, build_locked, make_faiss, sentence_texts, sweep_dead_builds
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
    REBUILD_HINT,
    SENTENCES,
    VECTORS,
    IndexCorrupt,
    IndexMissing,
    IndexProblem,
    IndexStale,
    contextual_text,
    model_index_dir,
)
from .index_load import Index, load_index, read_manifest
from .keyword import KeywordIndex
from .paths import default_index_dir, index_root

if TYPE_CHECKING:
    from .embed import Embedder

# The index's API, wherever each part is defined (the CLI, the app, tests and bench import it from here).
__all__ = [
    "ARTEFACTS",
    "FAISS_KINDS",
    "HNSW_EF_CONSTRUCTION",
    "HNSW_EF_SEARCH",
    "HNSW_M",
    "INDEX_FORMAT",
    "KEYWORDS",
    "MANIFEST",
    "PASSAGES",
    "REBUILD_HINT",
    "SENTENCES",
    "VECTORS",
    "Index",
    "IndexCorrupt",
    "IndexMissing",
    "IndexProblem",
    "IndexStale",
    "KeywordIndex",
    "build_index",
    "contextual_text",
    "ensure_index",
    "index_info",
    "list_indexes",
    "load_index",
    "make_faiss",
    "model_index_dir",
    "sentence_texts",
]

logger = logging.getLogger(__name__)


def ensure_index(
    dir: Path | None = None,
    corpus: list[Path] | None = None,
    model: str | None = None,
    faiss_kind: str | None = None,
    rebuild: bool = True,
    embedder: Embedder | None = None,
    log: Callable[[str], None] | None = None,
    progress: bool = True,
) -> Index:
    """Load the index; when it is missing, stale or corrupt (or of another
    ``faiss_kind`` than asked for), rebuild it, saying why on ``log``. With
    ``rebuild=False`` the problem is raised instead. ``faiss_kind=None``
    accepts whatever kind is there and builds ``flat``. ``log`` defaults to
    this module's logger at INFO (shown on stderr, see ``assistant.logs``)."""
    log = log or logger.info
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
        sweep_dead_builds(dir)
        return idx
    with BuildLock(dir):
        clean_leftovers(dir, log)  # may put back the index of a build that died mid-swap
        try:  # another process may have rebuilt it while we waited for the lock
            return attempt()
        except IndexProblem as e:
            first = e
        kind = {IndexMissing: "missing", IndexStale: "out of date", IndexCorrupt: "damaged"}.get(
            type(first), "unusable"
        )
        log(f"index {kind}: {first.path}: {first.reason}; rebuilding {dir}")
        return build_locked(corpus, model, dir, faiss_kind or "flat", embedder, progress, log)


def index_info(
    dir: Path | None = None, *, corpus: list[Path] | None = None, model: str | None = None
) -> dict:
    """The manifest plus where the index is, the size of its files and
    whether it is fresh for the current corpus and model (``status``)."""
    dir = Path(dir) if dir is not None else model_index_dir(model)
    manifest = read_manifest(dir)
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
            model = read_manifest(d).model
        except IndexProblem:
            continue
        out.append(index_info(d, corpus=corpus, model=model))
    return out
