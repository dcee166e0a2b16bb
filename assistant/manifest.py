"""``manifest.json`` of an index directory: what the index was built from
and a checksum of each of its files, as a typed, frozen ``Manifest``.

``Manifest.from_dict`` validates the JSON and raises ``ManifestError`` (a
ValueError whose message is the reason) for anything malformed; the index
turns that into an ``IndexCorrupt`` naming the file. A Manifest also reads
like the JSON it was written as (``m["counts"]["passages"]``, ``m.get``,
``m == json.loads(text)``), for callers that print or compare it whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


class ManifestError(ValueError):
    """The manifest's JSON is not a valid manifest; ``str(e)`` says why."""


@dataclass(frozen=True)
class CorpusFile:
    name: str
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Counts:
    docs: int
    sections: int
    passages: int
    sentences: int


@dataclass(frozen=True, eq=False)  # equality is Mapping's: same JSON, same manifest
class Manifest(Mapping[str, Any]):
    index_format: int
    corpus: tuple[CorpusFile, ...]
    segmenter: str
    tokenizer: str
    model: str
    model_fingerprint: str | None
    dim: int
    faiss: str
    counts: Counts
    files: Mapping[str, FileEntry]
    faiss_type: str = ""
    faiss_params: Mapping[str, int] = field(default_factory=dict)
    bm25: Mapping[str, Any] = field(default_factory=dict)
    package_version: str = ""
    built_at: str = ""
    build_seconds: float = 0.0
    embed_seconds: float = 0.0

    @classmethod
    def from_dict(cls, d: Any, required_files: tuple[str, ...] = ()) -> Manifest:
        if not isinstance(d, dict):
            raise ManifestError("is not a JSON object")
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
            if not isinstance(d.get(key), typ):
                raise ManifestError(f"has no valid {key!r} entry")
        files: dict[str, FileEntry] = {}
        for name, entry in d["files"].items():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("sha256"), str)
                and _is_int(entry.get("bytes"))
            ):
                files[name] = FileEntry(entry["sha256"], entry["bytes"])
        for name in required_files:
            if name not in files:
                raise ManifestError(f"has no checksum for {name}")
        try:
            corpus = tuple(CorpusFile(c["name"], c["path"], c["sha256"], c["size"]) for c in d["corpus"])
            c = d["counts"]
            counts = Counts(c["docs"], c["sections"], c["passages"], c["sentences"])
        except (KeyError, TypeError):
            raise ManifestError("has no valid 'corpus' or 'counts' entry") from None
        fp = d.get("model_fingerprint")
        return cls(
            index_format=d.get("index_format"),
            corpus=corpus,
            segmenter=d["segmenter"],
            tokenizer=d["tokenizer"],
            model=d["model"],
            model_fingerprint=fp if isinstance(fp, str) else None,
            dim=d["dim"],
            faiss=d["faiss"],
            counts=counts,
            files=files,
            faiss_type=str(d.get("faiss_type", "")),
            faiss_params=dict(d.get("faiss_params") or {}),
            bm25=dict(d.get("bm25") or {}),
            package_version=str(d.get("package_version", "")),
            built_at=str(d.get("built_at", "")),
            build_seconds=d.get("build_seconds", 0.0),
            embed_seconds=d.get("embed_seconds", 0.0),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON object, keys in the order the builder writes them."""
        return {
            "index_format": self.index_format,
            "package_version": self.package_version,
            "built_at": self.built_at,
            "build_seconds": self.build_seconds,
            "embed_seconds": self.embed_seconds,
            "corpus": [
                {"name": c.name, "path": c.path, "sha256": c.sha256, "size": c.size} for c in self.corpus
            ],
            "segmenter": self.segmenter,
            "tokenizer": self.tokenizer,
            "model": self.model,
            "model_fingerprint": self.model_fingerprint,
            "dim": self.dim,
            "faiss": self.faiss,
            "faiss_type": self.faiss_type,
            "faiss_params": dict(self.faiss_params),
            "bm25": dict(self.bm25),
            "counts": {
                "docs": self.counts.docs,
                "sections": self.counts.sections,
                "passages": self.counts.passages,
                "sentences": self.counts.sentences,
            },
            "files": {n: {"sha256": f.sha256, "bytes": f.bytes} for n, f in self.files.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    # read-only view of the JSON
    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_dict())

    def __len__(self) -> int:
        return len(self.to_dict())


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
