"""Build and materialise parts: the report's index build and the model's
materialisation, each from scratch in a temporary directory."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import (
    PYTHON,
    ROOT,
    Ctx,
    child_env,
    log,
)


def part_build(ctx: Ctx) -> dict:
    """Build the report's index into a temp dir with the already-loaded model."""
    from assistant.index import build_index
    from assistant.paths import default_corpus

    emb = ctx.assistant().embedder
    with tempfile.TemporaryDirectory(prefix="bench-build-") as d:
        t = time.perf_counter()
        idx = build_index(default_corpus(), out=Path(d) / "idx", embedder=emb, progress=False)
        build_s = time.perf_counter() - t
        m = idx.manifest
        sizes = {p.name: p.stat().st_size for p in (Path(d) / "idx").iterdir()}
    n_pass, n_sent = m.counts.passages, m.counts.sentences
    embed_s = float(m.embed_seconds)
    log(f"build {build_s:.1f} s, {n_pass / embed_s:.1f} passages/s")
    return {
        "build_s": round(build_s, 2),
        "passages_per_s": round(n_pass / embed_s, 2),
        "build": {
            "passages": n_pass,
            "sentences": n_sent,
            "embed_passages_s": round(embed_s, 2),
            "texts_per_s": round((n_pass + n_sent) / build_s, 2),
            "index_bytes": sum(sizes.values()),
            "files": sizes,
        },
    }


def part_materialize(ctx: Ctx) -> dict:
    """Materialise the default model once into an empty temporary ASSISTANT_CACHE."""
    code = (
        "import time; t=time.perf_counter()\n"
        "from assistant.materialize import materialize\n"
        "p = materialize(quiet=True)\n"
        "print(time.perf_counter()-t)\n"
    )
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as d:
        t = time.perf_counter()
        r = subprocess.run(
            [PYTHON, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=child_env(ASSISTANT_CACHE=d),
            timeout=900,
        )
        wall = time.perf_counter() - t
        if r.returncode != 0:
            raise RuntimeError(f"materialize failed: {r.stderr[-2000:]}")
        size = sum(p.stat().st_size for p in Path(d).rglob("*") if p.is_file())
    inner = float(r.stdout.strip().splitlines()[-1])
    log(f"materialise {inner:.1f} s ({wall:.1f} s with the interpreter)")
    return {
        "materialize_s": round(inner, 2),
        "materialize": {"wall_s": round(wall, 2), "mb": round(size / 2**20, 1)},
    }
