"""Crash-safe writes (assistant.atomic) and the typed manifest, on real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.atomic import (
    DirLock,
    LockTimeout,
    clean_leftovers,
    leftovers,
    sibling,
    swap_into_place,
    write_atomic,
)
from assistant.manifest import Manifest, ManifestError


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path) -> None:
    f = tmp_path / "x.json"
    write_atomic(f, "one")
    write_atomic(f, b"two")
    assert f.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_swap_into_place_replaces_a_directory(tmp_path) -> None:
    out = tmp_path / "idx"
    out.mkdir()
    (out / "old").write_text("old")
    tmp = sibling(out, "tmp")
    tmp.mkdir()
    (tmp / "new").write_text("new")
    swap_into_place(tmp, out)
    assert [p.name for p in out.iterdir()] == ["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


def test_clean_leftovers_puts_back_what_a_dead_writer_moved_aside(tmp_path) -> None:
    out = tmp_path / "idx"
    dead = _dead_pid()
    old = sibling(out, "old", dead)  # died between its two renames: out is gone
    old.mkdir()
    (old / "data").write_text("previous")
    half = sibling(out, "tmp", dead)  # a build that never finished
    half.mkdir()
    said: list[str] = []
    clean_leftovers(out, said.append)
    assert (out / "data").read_text() == "previous"
    assert leftovers(out, "old") == [] and leftovers(out, "tmp") == []
    assert said and "restored" in said[0]


def test_dir_lock_excludes_a_second_holder(tmp_path) -> None:
    out = tmp_path / "idx"
    with DirLock(out, timeout=5):
        with pytest.raises(LockTimeout), DirLock(out, timeout=0):
            pass
    with DirLock(out, timeout=0):  # released
        pass


MANIFEST = {
    "index_format": 2,
    "package_version": "dev",
    "built_at": "2026-01-01T00:00:00+00:00",
    "build_seconds": 1.5,
    "embed_seconds": 1.0,
    "corpus": [{"name": "r.md", "path": "/x/r.md", "sha256": "ab", "size": 10}],
    "segmenter": "s1",
    "tokenizer": "t1",
    "model": "m",
    "model_fingerprint": "fp",
    "dim": 4,
    "faiss": "flat",
    "faiss_type": "IndexFlatIP",
    "faiss_params": {},
    "bm25": {"k1": 1.2, "b": 0.75, "idf": "lucene"},
    "counts": {"docs": 1, "sections": 2, "passages": 3, "sentences": 4},
    "files": {"vectors.faiss": {"sha256": "cd", "bytes": 7}},
}


def test_manifest_round_trips_its_json() -> None:
    m = Manifest.from_dict(json.loads(json.dumps(MANIFEST)), required_files=("vectors.faiss",))
    assert m.counts.passages == 3 and m.files["vectors.faiss"].bytes == 7 and m.corpus[0].name == "r.md"
    assert m == MANIFEST and m["counts"]["passages"] == 3 and m.get("faiss") == "flat"
    assert json.loads(m.to_json()) == MANIFEST
    assert list(json.loads(m.to_json())) == list(MANIFEST)  # the builder's key order


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda d: d.pop("model"), "'model'"),
        (lambda d: d.update(dim="4"), "'dim'"),
        (lambda d: d.update(files={}), "checksum for vectors.faiss"),
        (lambda d: d["counts"].pop("passages"), "counts"),
    ],
)
def test_manifest_rejects_what_is_malformed(edit, words) -> None:
    d = json.loads(json.dumps(MANIFEST))
    edit(d)
    with pytest.raises(ManifestError, match=words):
        Manifest.from_dict(d, required_files=("vectors.faiss",))
