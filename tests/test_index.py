"""The search index: build, load, search, and every way it can go wrong.

Real embedding model (``Embedder()``, the default model), real FAISS, real
corpus. The report is embedded once per session (``built``); the fault tests
work on copies of that directory. Builds that have to happen again run on a
small report written by the test (``mini``) so the file stays fast.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from assistant.embed import Embedder
from assistant.index import (
    INDEX_FORMAT,
    KEYWORDS,
    MANIFEST,
    PASSAGES,
    VECTORS,
    Index,
    IndexCorrupt,
    IndexMissing,
    IndexProblem,
    IndexStale,
    build_index,
    contextual_text,
    ensure_index,
    index_info,
    load_index,
)
from assistant.japanese import search_tokens
from assistant.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

REPORT = PROJECT_ROOT / "corpus" / "jipdec-cloud-2019.md"
HINT = "run: assistant index build"

# A sentence of 2.3.4 (C5) and one of 2.2.1 (CSA STAR), as they stand in the clean passage text.
SENTENCES = {
    "2.3.4": "C5の監査・報告は、ISAE 3000（及び必要に応じて審査に関する国際・国内規格）を適用して実施される。",
    "2.2.1": "CSA STAR 認証は、ISMS 認証を取得していることが要件となっている。",
}

MINI = textwrap.dedent(
    """\
    # 小さな試験用報告書

    ## 1. 概要

    本書は索引の試験のために書かれた小さな報告書である。内容に意味はない。

    ## 2. 制度

    ### 2.1 認証制度

    認証制度では、第三者の審査機関が組織の管理策を審査する。審査は毎年行われる。

    ### 2.2 監査基準

    監査の報告は ISAE 3000 に従って作成される。保証業務の基準として広く使われている。
    """
)


@dataclass
class Built:
    dir: Path
    corpus: list[Path]
    index: Index
    seconds: float


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def built(tmp_path_factory, embedder) -> Built:
    root = tmp_path_factory.mktemp("built")
    (root / "corpus").mkdir()
    corpus = [root / "corpus" / REPORT.name]
    shutil.copyfile(REPORT, corpus[0])
    t = time.perf_counter()
    idx = build_index(corpus, out=root / "idx", embedder=embedder, progress=False)
    return Built(root / "idx", corpus, idx, time.perf_counter() - t)


def clone(b: Built, dest: Path) -> tuple[Path, list[Path]]:
    """A private copy of the built index and of its corpus file."""
    shutil.copytree(b.dir, dest / "idx")
    (dest / "corpus").mkdir()
    corpus = [dest / "corpus" / p.name for p in b.corpus]
    for src, dst in zip(b.corpus, corpus, strict=True):
        shutil.copyfile(src, dst)
    return dest / "idx", corpus


def write_mini(dest: Path) -> list[Path]:
    (dest / "corpus").mkdir(parents=True, exist_ok=True)
    p = dest / "corpus" / "mini-report.md"
    p.write_text(MINI, encoding="utf-8")
    return [p]


def leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(out.name + ".") and not p.name.endswith(".lock")
    )


def assert_clear(e: IndexProblem, path_part: str) -> None:
    msg = str(e)
    assert "\n" not in msg
    assert path_part in msg, msg
    assert HINT in msg, msg


# ----------------------------------------------------------------- build & load


def test_build_writes_a_complete_manifest(built: Built, embedder):
    m = built.index.manifest
    assert m["index_format"] == INDEX_FORMAT
    assert m["model"] == embedder.model_id and m["model_fingerprint"] == embedder.fingerprint
    assert m["dim"] == embedder.dim == built.index.vectors.d
    assert m["faiss"] == "flat" and m["faiss_type"] == "IndexFlatIP"
    assert m["counts"]["passages"] == len(built.index.passages) > 100
    assert m["counts"]["sections"] == len(built.index.sections) > 20
    assert [c["name"] for c in m["corpus"]] == [REPORT.name]
    assert m["corpus"][0]["size"] == REPORT.stat().st_size and len(m["corpus"][0]["sha256"]) == 64
    assert m["segmenter"] and m["tokenizer"] and m["package_version"] and m["built_at"]
    assert 0 < m["build_seconds"] <= built.seconds + 1
    for name in (VECTORS, KEYWORDS, PASSAGES):
        assert m["files"][name]["bytes"] == (built.dir / name).stat().st_size
    assert json.loads((built.dir / MANIFEST).read_text(encoding="utf-8")) == m
    assert leftovers(built.dir) == []  # no .tmp-/.old- sibling left behind


def test_load_gives_the_built_index(built: Built, embedder):
    t = time.perf_counter()
    idx = load_index(built.dir, corpus=built.corpus, embedder=embedder)
    load_ms = (time.perf_counter() - t) * 1000
    print(f"\nbuild {built.seconds:.1f} s, load {load_ms:.0f} ms")
    assert load_ms < 3000
    assert idx.passages == built.index.passages
    assert [p.id for p in idx.passages] == list(range(len(idx.passages)))
    assert idx.sections == built.index.sections
    assert idx.manifest == built.index.manifest
    np.testing.assert_allclose(idx.passage_vectors(), built.index.passage_vectors())
    # lookups
    sec = idx.section("2.3.4")
    assert "C5" in sec.title
    ps = idx.passages_of("2.3.4")
    assert ps and all(p.section_id == "2.3.4" for p in ps)
    assert idx.passages_of("no-such-section") == []
    assert idx.doc_text(ps[0].doc) == REPORT.read_text(encoding="utf-8")
    p = ps[0]
    assert idx.doc_text(p.doc)[p.start : p.end].startswith(p.text[:5])
    assert idx.context(p.id) == contextual_text(sec, p)
    assert contextual_text(sec, p) == f"{sec.title} › {p.field}\n{p.text}"


@pytest.mark.parametrize("section_id", sorted(SENTENCES))
def test_dense_search_finds_the_passage_of_a_sentence(built: Built, embedder, section_id):
    sentence = SENTENCES[section_id]
    idx = built.index
    target = [p.id for p in idx.passages if sentence in p.text]
    assert len(target) == 1 and idx.passages[target[0]].section_id == section_id
    qvec = embedder.encode_queries([sentence])[0]
    t = time.perf_counter()
    hits = idx.dense_search(qvec, 10)
    print(f"\ndense search {(time.perf_counter() - t) * 1000:.2f} ms")
    assert hits[0][0] == target[0], [(i, idx.passages[i].section_id, round(s, 3)) for i, s in hits[:5]]
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and 0.5 < scores[0] <= 1.0001
    assert len(idx.dense_search(qvec, 10_000)) == len(idx.passages)
    assert idx.dense_search(qvec, 0) == []


def test_keyword_search_isae_3000(built: Built):
    idx = built.index
    tokens = search_tokens("ISAE 3000")
    t = time.perf_counter()
    hits = idx.keyword_search(tokens, 10)
    print(f"\nkeyword search {(time.perf_counter() - t) * 1000:.2f} ms")
    assert hits and idx.passages[hits[0][0]].section_id == "2.3.4"
    assert all(s > 0 for _, s in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    # every passage that mentions ISAE scores; nothing without a query term does
    mention = {
        p.id for p in idx.passages if "isae" in search_tokens(contextual_text(idx.section(p.section_id), p))
    }
    assert mention <= {i for i, _ in idx.keyword_search(tokens, 1000)}
    assert idx.keyword_search([], 10) == []
    assert idx.keyword_search(["存在しない語彙xyz"], 10) == []
    assert idx.keyword_search(tokens, 0) == []
    assert len(idx.keyword_search(tokens, 1)) == 1


# ----------------------------------------------------------------- stale


def test_changed_corpus_is_stale_and_ensure_index_rebuilds(tmp_path, embedder):
    corpus = write_mini(tmp_path)
    out = tmp_path / "idx"
    build_index(corpus, out=out, embedder=embedder, progress=False)
    load_index(out, corpus=corpus, embedder=embedder)

    with corpus[0].open("a", encoding="utf-8") as f:
        f.write("\n### 2.3 追加の節\n\n改訂で追加された節である。\n")
    with pytest.raises(IndexStale) as ei:
        load_index(out, corpus=corpus, embedder=embedder)
    assert_clear(ei.value, str(out))
    assert "mini-report.md" in str(ei.value) and "changed" in str(ei.value)
    with pytest.raises(IndexStale):
        ensure_index(out, corpus=corpus, embedder=embedder, rebuild=False)

    said: list[str] = []
    idx = ensure_index(out, corpus=corpus, embedder=embedder, log=said.append, progress=False)
    assert len(said) == 1 and "mini-report.md" in said[0] and "rebuilding" in said[0], said
    assert any(p.section_id == "2.3" for p in idx.passages)
    again: list[str] = []
    fresh = ensure_index(out, corpus=corpus, embedder=embedder, log=again.append)
    assert again == [] and fresh.manifest == idx.manifest
    assert leftovers(out) == []


def test_other_corpus_list_is_stale(built: Built, tmp_path, embedder):
    other = write_mini(tmp_path)
    with pytest.raises(IndexStale) as ei:
        load_index(built.dir, corpus=other, embedder=embedder)
    assert_clear(ei.value, str(built.dir))
    with pytest.raises(IndexStale):
        load_index(built.dir, corpus=built.corpus + other, embedder=embedder)


@pytest.mark.parametrize(
    "key, value, words",
    [
        ("model", "someone/another-model", "another-model"),
        ("model_fingerprint", "0" * 16, "weights"),
        ("segmenter", "seg-0", "segmenter"),
        ("tokenizer", "ja-0", "tokenizer"),
        ("index_format", INDEX_FORMAT + 1, "format"),
    ],
)
def test_other_inputs_are_stale(built: Built, tmp_path, embedder, key, value, words):
    out, corpus = clone(built, tmp_path)
    m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    m[key] = value
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(IndexStale) as ei:
        load_index(out, corpus=corpus, embedder=embedder)
    assert_clear(ei.value, str(out))
    assert words in str(ei.value)


def test_passages_that_segment_differently_are_stale(built: Built, tmp_path, embedder):
    """Same corpus and versions, but the stored passages differ from a fresh
    segmentation (a segmenter change without a version bump)."""
    out, corpus = clone(built, tmp_path)
    lines = (out / PASSAGES).read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[5])
    rec["end"] += 1
    lines[5] = json.dumps(rec, ensure_ascii=False)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (out / PASSAGES).write_bytes(data)
    m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    import hashlib

    m["files"][PASSAGES] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(IndexStale) as ei:
        load_index(out, corpus=corpus, embedder=embedder)
    assert "passage 5" in str(ei.value)


# ----------------------------------------------------------------- corrupt / missing


def _flip_middle(p: Path) -> None:
    data = bytearray(p.read_bytes())
    for k in range(len(data) // 2, len(data) // 2 + 64):
        data[k] ^= 0xA5
    p.write_bytes(bytes(data))


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 3])


FAULTS = {
    "vectors damaged": (VECTORS, _flip_middle, IndexCorrupt, "checksum"),
    "vectors truncated": (VECTORS, _truncate, IndexCorrupt, "truncated"),
    "vectors deleted": (VECTORS, Path.unlink, IndexCorrupt, "missing"),
    "passages truncated": (PASSAGES, _truncate, IndexCorrupt, "truncated"),
    "keywords garbage": (KEYWORDS, lambda p: p.write_bytes(b"\x00garbage" * 100), IndexCorrupt, "bytes"),
    "manifest garbage": (
        MANIFEST,
        lambda p: p.write_bytes(b'{"index_format": 1, "corp'),
        IndexCorrupt,
        "JSON",
    ),
    "manifest not an object": (MANIFEST, lambda p: p.write_text("[1, 2]"), IndexCorrupt, "object"),
    "manifest deleted": (MANIFEST, Path.unlink, IndexCorrupt, "missing"),
    "manifest emptied": (MANIFEST, lambda p: p.write_bytes(b""), IndexCorrupt, "JSON"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_damaged_index_is_reported_clearly(built: Built, tmp_path, embedder, fault):
    name, damage, exc, words = FAULTS[fault]
    out, corpus = clone(built, tmp_path)
    damage(out / name)
    with pytest.raises(exc) as ei:
        load_index(out, corpus=corpus, embedder=embedder)
    assert_clear(ei.value, str(out / name))
    assert words in str(ei.value)
    if name == MANIFEST:
        with pytest.raises(exc):
            index_info(out)


@pytest.mark.parametrize("what", ["vectors", "keywords"])
def test_garbage_with_matching_checksum_is_corrupt_not_a_crash(built: Built, tmp_path, embedder, what):
    """Even a file whose manifest entry was rewritten to match never reaches
    FAISS or NumPy unchecked in a way that crashes the process."""
    import hashlib

    out, corpus = clone(built, tmp_path)
    name = VECTORS if what == "vectors" else KEYWORDS
    data = (out / name).read_bytes()
    data = b"XXXX" + data[4:] if what == "vectors" else b"PK\x03\x04" + b"\x00" * 200
    (out / name).write_bytes(data)
    m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    m["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from assistant.index import load_index, IndexProblem\n"
        f"try: load_index(Path({str(out)!r}), corpus=[Path({str(corpus[0])!r})])\n"
        "except IndexProblem as e: print(type(e).__name__, e); sys.exit(3)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 3, (r.returncode, r.stderr[-2000:])  # an IndexCorrupt, not a segfault or traceback
    assert r.stdout.startswith("IndexCorrupt") and name in r.stdout and HINT in r.stdout, r.stdout


def test_missing_index(tmp_path, built: Built, embedder):
    with pytest.raises(IndexMissing) as ei:
        load_index(tmp_path / "nowhere", corpus=built.corpus, embedder=embedder)
    assert_clear(ei.value, str(tmp_path / "nowhere"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexMissing):
        load_index(tmp_path / "empty", corpus=built.corpus, embedder=embedder)
    with pytest.raises(IndexMissing):
        ensure_index(tmp_path / "nowhere", corpus=built.corpus, embedder=embedder, rebuild=False)
    with pytest.raises(IndexMissing):
        index_info(tmp_path / "nowhere")


def test_ensure_index_repairs_a_damaged_index(tmp_path, embedder):
    corpus = write_mini(tmp_path)
    out = tmp_path / "idx"
    build_index(corpus, out=out, embedder=embedder, progress=False)
    _truncate(out / VECTORS)
    said: list[str] = []
    idx = ensure_index(out, corpus=corpus, embedder=embedder, log=said.append, progress=False)
    assert len(said) == 1 and "damaged" in said[0] and VECTORS in said[0], said
    assert load_index(out, corpus=corpus, embedder=embedder).manifest == idx.manifest


def test_build_refuses_to_replace_a_directory_that_is_not_an_index(tmp_path, embedder):
    corpus = write_mini(tmp_path)
    out = tmp_path / "mydocs"
    out.mkdir()
    (out / "thesis.txt").write_text("precious")
    with pytest.raises(IndexProblem) as ei:
        build_index(corpus, out=out, embedder=embedder, progress=False)
    assert "not an index" in str(ei.value)
    assert (out / "thesis.txt").read_text() == "precious" and leftovers(out) == []


def test_readers_never_see_a_half_written_index(tmp_path, embedder):
    """Loads running while the directory is rebuilt (and swapped) again and
    again always get a whole index, old or new."""
    import threading

    corpus = write_mini(tmp_path)
    out = tmp_path / "idx"
    build_index(corpus, out=out, embedder=embedder, progress=False)
    errors: list[BaseException] = []
    loads = 0
    done = threading.Event()

    def reader() -> None:
        nonlocal loads
        while not done.is_set():
            try:
                idx = load_index(out, corpus=corpus, embedder=embedder)
                assert len(idx.passages) == idx.vectors.ntotal
                loads += 1
            except BaseException as e:  # noqa: BLE001 - collected and reported below
                errors.append(e)
            time.sleep(0.002)  # leave the GIL to the builder now and then

    t = threading.Thread(target=reader)
    t.start()
    try:
        for _ in range(2):
            build_index(corpus, out=out, embedder=embedder, progress=False)
    finally:
        done.set()
        t.join()
    assert errors == [] and loads > 0
    assert leftovers(out) == []


def test_progress_goes_to_stderr_only(tmp_path, embedder, capfd):
    corpus = write_mini(tmp_path)
    build_index(corpus, out=tmp_path / "idx", embedder=embedder, progress=True)
    out, err = capfd.readouterr()
    assert out == ""
    assert "embedding" in err and "%" in err  # our line and the tqdm bar
    build_index(corpus, out=tmp_path / "idx", embedder=embedder, progress=False)
    assert capfd.readouterr() == ("", "")


def test_index_info(built: Built):
    info = index_info(built.dir, corpus=built.corpus)
    assert info["status"] == "fresh", info["status"]
    assert info["dir"] == str(built.dir)
    assert info["counts"]["passages"] == len(built.index.passages)
    assert info["sizes"][VECTORS] == (built.dir / VECTORS).stat().st_size
    assert info["total_bytes"] == sum(info["sizes"].values())
    assert info["model"] == built.index.manifest["model"]
    json.dumps(info)


def test_index_info_names_the_damaged_file(built: Built, tmp_path):
    x = tmp_path / "idx"
    shutil.copytree(built.dir, x)
    data = bytearray((x / VECTORS).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (x / VECTORS).write_bytes(bytes(data))
    status = index_info(x, corpus=built.corpus)["status"]
    assert status.startswith("corrupt: ") and VECTORS in status and "checksum" in status, status


# ----------------------------------------------------------------- processes
#
# Each child process loads the model (~10 s), so the multi-process scenarios
# are started in the background when the session begins (``children``,
# autouse) and overlap the session's own model load and build; their tests
# only collect the outcome.


def _code(corpus: list[Path], body: str) -> str:
    paths = ", ".join(f"Path({str(p)!r})" for p in corpus)
    return (
        "import sys; from pathlib import Path\n"
        "from assistant.embed import Embedder\n"
        "from assistant.index import build_index, ensure_index\n"
        f"corpus = [{paths}]\n" + textwrap.dedent(body)
    )


class Child:
    """A ``python -c`` child in the repo, its output in files (no pipe to fill)."""

    def __init__(self, code: str, logdir: Path, name: str) -> None:
        self.out = logdir / f"{name}.out"
        self.err = logdir / f"{name}.err"
        with self.out.open("wb") as o, self.err.open("wb") as e:
            self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, stdout=o, stderr=e)

    def wait(self, timeout: float = 300) -> int:
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")


class Children:
    """Two children, started together, each:

    1. ``build_index`` of the small report into ``conc`` - both build, one
       after the other (the lock);
    2. ``ensure_index`` of ``conc2``, which is missing - one builds, the
       other waits for the lock and finds it fresh;

    then the first child alone (one model load less than a third child):

    3. builds the small report into ``killed`` (the "previous" index) and
       starts rebuilding it from the report; a watcher thread kills it with
       SIGKILL once its temporary directory shows that embedding has begun.
    """

    def __init__(self, root: Path) -> None:
        import threading

        self.mini = write_mini(root / "mini")
        (root / "corpus").mkdir()
        self.report = [root / "corpus" / REPORT.name]
        shutil.copyfile(REPORT, self.report[0])
        self.conc, self.conc2, self.killed = root / "conc", root / "conc2", root / "killed"
        common = f"""\
            mini = [Path({str(self.mini[0])!r})]
            e = Embedder()
            idx = build_index(mini, out=Path({str(self.conc)!r}), embedder=e, progress=False)
            print("built", flush=True)
            ensure_index(Path({str(self.conc2)!r}), corpus=mini, embedder=e, progress=False)
            print("ensured", flush=True)
            """
        then_killed = f"""\
            build_index(mini, out=Path({str(self.killed)!r}), embedder=e, progress=False)
            print("previous index built", flush=True)
            build_index(corpus, out=Path({str(self.killed)!r}), embedder=e, progress=False)
            print("SHOULD HAVE BEEN KILLED", flush=True)
            """
        self.children = [
            Child(_code(self.report, textwrap.dedent(common) + textwrap.dedent(then_killed)), root, "child0"),
            Child(_code(self.report, common), root, "child1"),
        ]
        self.victim = self.children[0]
        self.tmp = self.killed.with_name(f"{self.killed.name}.tmp-{self.victim.proc.pid}")
        self.killed_mid_embedding: bool | None = None
        self.failure: str | None = None
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        deadline = time.monotonic() + 300
        try:
            # The first build's tmp dir is renamed to ``killed``; after that, a tmp dir
            # holding the keyword index (written just before embedding) is the second.
            while not ((self.killed / MANIFEST).exists() and (self.tmp / KEYWORDS).exists()):
                if self.victim.proc.poll() is not None:
                    self.failure = f"the child ended early: {self.victim.stderr()[-2000:]}"
                    return
                if time.monotonic() > deadline:
                    self.failure = "the child never started its last build"
                    return
                time.sleep(0.005)
            self.victim.proc.send_signal(signal.SIGKILL)
            self.victim.proc.wait()
            self.killed_mid_embedding = not (self.tmp / VECTORS).exists()
        finally:
            self.victim.stop()

    def killed_result(self) -> None:
        self.thread.join(timeout=300)
        assert self.failure is None, self.failure
        assert self.killed_mid_embedding, "too late: embedding had finished when the child was killed"

    def stop(self) -> None:
        for c in self.children:
            c.stop()


@pytest.fixture(scope="session", autouse=True)
def children(tmp_path_factory):
    ch = Children(tmp_path_factory.mktemp("children"))
    yield ch
    ch.stop()


@pytest.fixture(scope="session")
def after_kill(children: Children, embedder) -> tuple[dict, bool, Index, list[str]]:
    """The killed build's directory: what a reader saw right after the kill,
    then the next build (of the report, as HNSW: ``test_hnsw_*`` examines it)."""
    children.killed_result()
    tmp_was_left = children.tmp.exists()
    seen = load_index(children.killed, corpus=children.mini, embedder=embedder).manifest
    rebuilt = build_index(
        children.report, out=children.killed, embedder=embedder, progress=False, faiss_kind="hnsw"
    )
    return seen, tmp_was_left, rebuilt, leftovers(children.killed)


def test_interrupted_build_leaves_the_previous_index(children: Children, after_kill, embedder):
    seen, tmp_was_left, rebuilt, left = after_kill
    out = children.victim.stdout()
    assert "previous index built" in out and "SHOULD HAVE" not in out
    assert tmp_was_left  # the dead build's half-written directory was there ...
    assert [c["name"] for c in seen["corpus"]] == ["mini-report.md"]  # ... readers got the previous index
    assert left == []  # ... and the next build removed it
    assert load_index(children.killed, corpus=children.report, embedder=embedder).manifest == rebuilt.manifest


def test_concurrent_builds_both_finish(children: Children, embedder):
    children.killed_result()  # child0 goes on to be killed: wait for that
    assert children.children[1].wait() == 0, children.children[1].stderr()[-2000:]
    for ch in children.children:
        assert "built" in ch.stdout() and "ensured" in ch.stdout(), ch.stderr()[-2000:]
    rebuilt = [ch for ch in children.children if "rebuilding" in ch.stderr()]
    assert len(rebuilt) == 1, [ch.stderr()[-500:] for ch in children.children]  # the other found it fresh
    for d in (children.conc, children.conc2):
        idx = load_index(d, corpus=children.mini, embedder=embedder)
        assert len(idx.passages) == idx.vectors.ntotal > 0
        assert leftovers(d) == []


def test_a_build_that_died_between_its_renames_is_recovered(built: Built, tmp_path, embedder):
    out, corpus = clone(built, tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    os.rename(out, out.with_name(f"{out.name}.old-{dead.pid}"))
    said: list[str] = []
    idx = ensure_index(out, corpus=corpus, embedder=embedder, log=said.append)
    assert idx.manifest == built.index.manifest  # put back, not rebuilt
    assert leftovers(out) == [] and not any("rebuilding" in m for m in said), said


# ----------------------------------------------------------------- hnsw


def test_hnsw_builds_and_searches(children: Children, after_kill, built: Built, embedder):
    """HNSW over the real report gives the same top hits as the exact index."""
    hn = after_kill[2]
    out, corpus = children.killed, children.report
    assert hn.manifest["faiss"] == "hnsw" and hn.manifest["faiss_type"] == "IndexHNSWFlat"
    loaded = load_index(out, corpus=corpus, embedder=embedder)
    assert loaded.manifest["faiss"] == "hnsw" and loaded.vectors.hnsw.efSearch >= 64
    assert loaded.passages == built.index.passages
    for sentence in SENTENCES.values():
        q = embedder.encode_queries([sentence])[0]
        exact = built.index.dense_search(q, 5)
        approx = loaded.dense_search(q, 5)
        assert [i for i, _ in approx] == [i for i, _ in exact]
        np.testing.assert_allclose([s for _, s in approx], [s for _, s in exact], rtol=1e-4)
    # asking for flat is a reason to rebuild; asking for no kind in particular is not
    with pytest.raises(IndexStale):
        ensure_index(out, corpus=corpus, embedder=embedder, faiss_kind="flat", rebuild=False)
    ensure_index(out, corpus=corpus, embedder=embedder, rebuild=False)
