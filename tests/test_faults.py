"""Faults, end to end: a damaged index, a corpus swapped under a built index,
a half-written model cache and a build killed mid-way, through the
``assistant`` CLI (exit codes, one-line messages) and ``Assistant.load``
(automatic rebuild). After every recovery ``C5の監査基準は？`` is answered
from 2.3.4 — no silent wrong answers.

tests/test_index.py already checks, at the library level, that
``load_index`` names each damaged file and that ``build_index`` is atomic
under SIGKILL; this file checks what a user sees.

Cost control (each full rebuild of the report embeds ~540 texts, 20-40 s
here; each CLI process loads the model):

* detection runs on copies of the real ``index/default`` (no rebuild:
  ``rebuild=False`` and ``assistant index info``);
* recoveries rebuild a copy of a small index of two sections of the report
  (2.3.4 C5, 2.3.5 IRAP; 14 passages), so they take seconds; one test
  rebuilds a damaged copy of the real index (the expensive one: 20-70 s);
* the two CLI cases that need a process of their own (``index build
  --if-stale`` beside a dead build's leftovers, and a build interrupted with
  Ctrl-C) start together when the module's first test runs and are only
  collected by the tests, so they overlap with everything else; the other CLI
  cases run ``cli.main`` in this process (the CLI's own code, exit codes and
  messages, without another interpreter and torch import).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from assistant import cli
from assistant import materialize as mat
from assistant.core import Assistant
from assistant.index import (
    ARTEFACTS,
    KEYWORDS,
    MANIFEST,
    PASSAGES,
    SENTENCES,
    VECTORS,
    IndexProblem,
    build_index,
    load_index,
)
from assistant.paths import PROJECT_ROOT, default_index_dir
from assistant.segment import CorpusError, strip_markup
from ui import testserver as uiserver

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

REPORT = PROJECT_ROOT / "corpus" / "jipdec-cloud-2019.md"
C5 = "C5の監査基準は？"
HINT = "assistant index build"
FILES = (MANIFEST, *ARTEFACTS)


# ----------------------------------------------------------------- helpers


def small_report(dest: Path) -> Path:
    """Two sections of the real report (2.3.4 C5, 2.3.5 IRAP) with their headings."""
    lines = REPORT.read_text(encoding="utf-8").split("\n")

    def at(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    body = lines[at("### 2.3.4") : at("### 2.3.6")]
    head = [lines[at("# ")], "", lines[at("## 2. ")], "", lines[at("## 2.3 ")], ""]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return dest


def delete(p: Path) -> None:
    p.unlink()


def truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def corrupt(p: Path) -> None:
    """Flip 32 bytes in the middle (same size, so only the checksum / parser can tell)."""
    data = bytearray(p.read_bytes())
    mid = len(data) // 2
    for k in range(mid, min(len(data), mid + 32)):
        data[k] ^= 0x5A
    p.write_bytes(bytes(data))


DAMAGE = {"deleted": delete, "truncated": truncate, "corrupted": corrupt}


def leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(out.name + ".") and not p.name.endswith(".lock")
    )


def one_line(text: str) -> str:
    assert "Traceback" not in text, text[-3000:]
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("Batches")]
    return "\n".join(lines)


def assert_c5(ans: dict, corpus_text: str | None = None) -> None:
    assert ans["ranked_sections"][0] == "2.3.4", ans["ranked_sections"]
    assert not ans["abstained"]
    cited = [c for c in ans["citations"] if c["section_id"] == "2.3.4"]
    assert cited, ans["citations"]
    if corpus_text is not None:  # the quote is where the citation says, in THIS corpus file
        for c in ans["citations"]:
            src = strip_markup(corpus_text[c["start"] : c["end"]])
            assert src.replace("\n", "") == c["text"].replace("\n", ""), (src, c["text"])


# ----------------------------------------------------------------- fixtures


class Env:
    """Everything the module shares: a small index, copies and the CLI children."""

    def __init__(self, root: Path, embedder) -> None:
        self.root = root
        self.embedder = embedder
        self.small_corpus = small_report(root / "small" / "corpus" / "small-report.md")
        self.small_index = root / "small" / "idx"
        build_index([self.small_corpus], out=self.small_index, embedder=embedder, progress=False)
        self.children: dict[str, subprocess.Popen] = {}
        self.logs = root / "logs"
        self.logs.mkdir()
        self._kill_thread: threading.Thread | None = None
        self.kill_note: str | None = None

    # -- copies
    def copy_small(self, name: str) -> Path:
        dest = self.root / "copies" / name / "idx"
        shutil.copytree(self.small_index, dest)
        return dest

    def copy_default(self, name: str) -> Path:
        dest = self.root / "copies" / name / "idx"
        shutil.copytree(default_index_dir(), dest)
        return dest

    # -- CLI children
    def spawn(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        with open(self.logs / f"{name}.out", "wb") as out, open(self.logs / f"{name}.err", "wb") as err:
            p = subprocess.Popen(
                [str(uiserver.ASSISTANT_BIN), *args],
                cwd=PROJECT_ROOT,
                stdout=out,
                stderr=err,
                env=full_env,
                start_new_session=True,
            )
        self.children[name] = p
        return p

    def result(self, name: str, timeout: float = 600) -> tuple[int, str, str]:
        p = self.children[name]
        p.wait(timeout=timeout)
        out = (self.logs / f"{name}.out").read_text(encoding="utf-8")
        err = (self.logs / f"{name}.err").read_text(encoding="utf-8")
        return p.returncode, out, err

    def stop(self) -> None:
        for p in self.children.values():
            if p.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)  # each child has its own process group
                p.wait()


@pytest.fixture(scope="module")
def env(assistant):
    root = Path(tempfile.mkdtemp(prefix="faults-"))
    e = Env(root, assistant.embedder)
    start_children(e)
    yield e
    e.stop()
    shutil.rmtree(root, ignore_errors=True)


def start_children(e: Env) -> None:
    """The CLI cases that need a process of their own, started at once."""
    small = ["--corpus", str(e.small_corpus)]

    # 1. `assistant index build --if-stale` on an index that lost sentences.npz, next to the
    #    half-written directory of a build that died (its pid is gone)
    x = e.copy_small("build-if-stale")
    delete(x / SENTENCES)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    tmp = x.with_name(f"{x.name}.tmp-{dead.pid}")
    tmp.mkdir()
    (tmp / PASSAGES).write_bytes((x / PASSAGES).read_bytes()[:100])
    e.spawn("build-if-stale", ["index", "build", "--if-stale", "--out", str(x), *small])
    e.build_if_stale = x

    # 2. `assistant index build` interrupted (Ctrl-C) once embedding has begun
    x = e.copy_small("killed")
    e.killed_before = json.loads((x / MANIFEST).read_text(encoding="utf-8"))
    p = e.spawn("killed", ["index", "build", "--out", str(x), *small])
    e.killed = x
    tmpdir = x.with_name(f"{x.name}.tmp-{p.pid}")

    def watch() -> None:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and p.poll() is None:
            if (tmpdir / KEYWORDS).exists():  # written just before the passages are embedded
                e.kill_note = "vectors already written" if (tmpdir / VECTORS).exists() else "mid-embedding"
                p.send_signal(signal.SIGINT)
                return
            time.sleep(0.005)
        e.kill_note = "the build ended before it could be interrupted"

    e._kill_thread = threading.Thread(target=watch, daemon=True)
    e._kill_thread.start()


# ----------------------------------------------------------------- detection on the real index


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("name", FILES)
def test_damaged_default_index_is_detected(env, assistant, name, damage, capsys):
    x = env.copy_default(f"detect-{name}-{damage}")
    DAMAGE[damage](x / name)
    # Assistant.load without rebuilding: a one-line IndexProblem naming the file and the fix
    with pytest.raises(IndexProblem) as ei:
        Assistant.load(index_dir=x, embedder=assistant.embedder, rebuild=False)
    msg = str(ei.value)
    assert "\n" not in msg and HINT in msg, msg
    assert name in msg or (name == MANIFEST and str(x) in msg), msg
    # the CLI: `assistant index info --index X` says it is not fresh (or fails in one line)
    capsys.readouterr()
    code = cli.main(["index", "info", "--index", str(x)])
    out, err = capsys.readouterr()
    if code == 0:
        status = next(line for line in out.splitlines() if line.startswith("status: "))
        assert status != "status: fresh" and status.split(": ")[1] in ("corrupt", "stale", "missing"), status
    else:
        assert code == 1 and err.startswith("assistant: ") and err.count("\n") == 1, err
        assert name == MANIFEST and HINT in err


# ----------------------------------------------------------------- recovery (small index)

RECOVERY = {
    MANIFEST: "corrupted",
    VECTORS: "deleted",
    KEYWORDS: "truncated",
    PASSAGES: "corrupted",
    SENTENCES: "truncated",
}


@pytest.mark.parametrize("name", FILES)
def test_assistant_load_rebuilds_a_damaged_index(env, assistant, name, capfd):
    damage = RECOVERY[name]
    x = env.copy_small(f"recover-{name}")
    DAMAGE[damage](x / name)
    capfd.readouterr()
    a = Assistant.load(index_dir=x, corpus=[str(env.small_corpus)], embedder=assistant.embedder)
    err = capfd.readouterr().err
    said = [line for line in err.splitlines() if "rebuilding" in line]
    assert len(said) == 1, err
    assert said[0].startswith("assistant: index ") and str(x) in said[0], said
    if name != MANIFEST:
        assert name in said[0], said
    ans = a.ask(C5).to_json()
    assert_c5(ans, env.small_corpus.read_text(encoding="utf-8"))
    assert load_index(x, corpus=[env.small_corpus], embedder=assistant.embedder).manifest == a.index.manifest
    assert leftovers(x) == []


def test_assistant_load_rebuilds_a_damaged_default_index(env, assistant, capfd):
    x = env.copy_default("recover-full")
    corrupt(x / VECTORS)
    a = Assistant.load(index_dir=x, embedder=assistant.embedder)
    assert "damaged" in capfd.readouterr().err
    assert_c5(a.ask(C5).to_json(), REPORT.read_text(encoding="utf-8"))


def test_fresh_index_load_sweeps_a_dead_builds_leftovers(env, assistant, capfd):
    """No rebuild needed, yet a killed build's half-written directory beside the
    index is removed; one of a live build (this process's pid) is left alone."""
    x = env.copy_small("sweep")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    junk = x.with_name(f"{x.name}.tmp-{dead.pid}")
    junk.mkdir()
    (junk / PASSAGES).write_bytes(b"partial")
    live = x.with_name(f"{x.name}.tmp-{os.getppid()}")
    live.mkdir()
    before = (x / MANIFEST).read_bytes()
    a = Assistant.load(index_dir=x, corpus=[str(env.small_corpus)], embedder=assistant.embedder)
    assert "rebuilding" not in capfd.readouterr().err
    assert (x / MANIFEST).read_bytes() == before
    assert not junk.exists() and live.exists()
    assert a.index.manifest["counts"]["passages"] > 0
    shutil.rmtree(live)


def test_missing_corpus_file_is_one_clear_line(env, assistant, capsys, tmp_path):
    gone = tmp_path / "moved" / env.small_corpus.name  # the file the index was built from, moved away
    x = env.copy_small("missing-corpus")
    with pytest.raises(CorpusError) as ei:
        Assistant.load(index_dir=x, corpus=[str(gone)], embedder=assistant.embedder)
    assert str(gone) in str(ei.value) and "\n" not in str(ei.value)
    code = cli.main(["index", "build", "--if-stale", "--out", str(x), "--corpus", str(gone)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and str(gone) in err, err
    assert load_index(x, corpus=[env.small_corpus]).manifest  # the index was left alone


# ----------------------------------------------------------------- the CLI processes


def test_cli_build_if_stale_repairs_and_cleans_up(env):
    rc, out, err = env.result("build-if-stale")
    assert rc == 0, err[-3000:]
    text = one_line(err)
    assert "damaged" in text and SENTENCES in text, text
    x = env.build_if_stale
    assert leftovers(x) == []  # the dead build's half-written directory is gone
    idx = load_index(x, corpus=[env.small_corpus])
    assert (x / SENTENCES).exists() and idx.sentence_vectors is not None
    # a second --if-stale finds it fresh: nothing to do (speed lives in make bench, not here)
    r = subprocess.run(
        [
            str(uiserver.ASSISTANT_BIN),
            "index",
            "build",
            "--if-stale",
            "--out",
            str(x),
            "--corpus",
            str(env.small_corpus),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0 and "rebuilding" not in r.stderr, r.stderr
    assert json.loads((x / MANIFEST).read_text(encoding="utf-8")) == idx.manifest


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    """``assistant ARGS`` in this process (``cli.main``: the CLI's own code,
    exit code and messages, without paying for another interpreter and torch import)."""
    capsys.readouterr()
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_corpus_swapped_under_the_index_is_rebuilt_not_served_stale(env, capfd):
    x = env.copy_small("corpus-swap")
    edited = env.root / "edited" / env.small_corpus.name  # same file name, other content
    edited.parent.mkdir()
    text = env.small_corpus.read_text(encoding="utf-8")
    assert "ISAE 3000" in text
    edited.write_text(text.replace("3000", "3402"), encoding="utf-8")
    rc, out, err = run_cli(["ask", "--json", "--index", str(x), "--corpus", str(edited), C5], capfd)
    assert rc == 0, err[-3000:]
    text = one_line(err)
    assert "out of date" in text and "has changed" in text and "rebuilding" in text, text
    ans = json.loads(out)
    assert_c5(ans, edited.read_text(encoding="utf-8"))
    assert "ISAE 3402" in ans["answer"] and "3000" not in ans["answer"], ans["answer"]
    manifest = json.loads((x / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["corpus"][0]["path"] == str(edited.resolve())


@pytest.fixture(scope="module")
def half_model(env):
    """`assistant ask` with ASSISTANT_CACHE pointing at a half-written model
    (no completion marker, truncated weights, a cut-off tokenizer.json)."""
    cache = env.root / "cache"
    part = cache / "models" / mat.model_dir().name
    part.mkdir(parents=True)
    shutil.copyfile(mat.model_dir() / "config.json", part / "config.json")
    (part / "model.safetensors").write_bytes(b"\0" * 4096)  # what an interrupted write leaves
    (part / "tokenizer.json").write_text('{"version": "1.0", "trunc', encoding="utf-8")
    return cache, env.copy_small("half-model")


def test_cli_half_written_model_cache_is_rebuilt(env, half_model, capfd, monkeypatch):
    cache, x = half_model
    monkeypatch.setenv("ASSISTANT_CACHE", str(cache))
    rc, out, err = run_cli(["ask", "--json", "--index", str(x), "--corpus", str(env.small_corpus), C5], capfd)
    env.half_model_err = err
    assert rc == 0, err[-3000:]
    text = one_line(err)
    assert "materialising" in text and "no completion marker" in text, text
    assert_c5(json.loads(out), env.small_corpus.read_text(encoding="utf-8"))
    d = cache / "models" / mat.model_dir().name
    assert mat.check_dir(d, mat.source_bin()) == (True, "ok")
    assert not [p.name for p in d.parent.iterdir() if ".build-" in p.name or ".old-" in p.name]


def test_rematerialised_model_has_the_fingerprint_indexes_recorded(env, half_model, assistant):
    """The model rebuilt in test_cli_half_written_model_cache_is_rebuilt must be
    byte-identical to the one the session uses, or every index built with the
    one is "stale" for the other (a full rebuild on every fresh machine)."""
    cache, _ = half_model
    fresh = mat.weights_fingerprint(cache / "models" / mat.model_dir().name)
    assert fresh, "run with test_cli_half_written_model_cache_is_rebuilt"
    assert fresh == assistant.embedder.fingerprint
    assert "rebuilding" not in getattr(env, "half_model_err", "")


def test_cli_build_interrupted_mid_way_keeps_the_previous_index(env, assistant):
    rc, out, err = env.result("killed")
    env._kill_thread.join(timeout=60)
    assert env.kill_note == "mid-embedding", env.kill_note
    assert rc == 130, err[-3000:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines[-1] == "assistant: interrupted" and "Traceback" not in err, err[-3000:]
    x = env.killed
    assert leftovers(x) == []  # the half-written build directory was removed
    idx = load_index(x, corpus=[env.small_corpus], embedder=assistant.embedder)
    assert idx.manifest == env.killed_before  # the previous index, untouched
    a = Assistant(idx, assistant.embedder)
    assert_c5(a.ask(C5).to_json())
