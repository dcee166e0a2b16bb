"""Cold part: process start -> first answer of ``assistant ask`` and
``assistant serve``, with a per-stage breakdown and import times."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import time
from collections import defaultdict

from bench.common import (
    ASSISTANT_BIN,
    COLD_QUESTION,
    PYTHON,
    ROOT,
    Ctx,
    child_env,
    log,
)

STAGES_CODE = r"""
import time
T0 = time.perf_counter(); START = T0
import json, sys
t = {}
def mark(k):
    global T0
    n = time.perf_counter(); t[k] = round(n - T0, 3); T0 = n
import assistant.core, assistant.index, assistant.embed, assistant.cli
mark("import_assistant")
from assistant.embed import Embedder
e = Embedder()
mark("query_encoder_load")
from assistant.index import ensure_index
idx = ensure_index(embedder=e, rebuild=False)
mark("index_load")
from assistant.core import Assistant
a = Assistant(idx, e)
mark("assistant_init")
a.ask(sys.argv[1])
mark("first_answer")
a.ask(sys.argv[1])
mark("second_answer")
print(json.dumps(t))
"""


def _importtime(cmd: list[str], n: int = 12) -> list[dict]:
    """Run ``cmd`` under ``-X importtime`` and sum the cumulative time of
    each top-level import by package (lazy imports count where they happen)."""
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=child_env(), timeout=600)
    agg: dict[str, float] = defaultdict(float)
    pat = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
    for line in r.stderr.splitlines():
        m = pat.match(line)
        if m and len(m.group(3)) == 1:  # a top-level import
            agg[m.group(4).split(".")[0]] += int(m.group(2)) / 1e6
    top = sorted(agg.items(), key=lambda kv: -kv[1])[:n]
    return [{"module": k, "cum_s": round(v, 3)} for k, v in top]


def _timed_child(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``cmd`` from the project root; the result and its wall time (s)."""
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=child_env(), timeout=600)
    return r, time.perf_counter() - t


def part_cold(ctx: Ctx) -> dict:
    runs = []
    for i in range(ctx.args.cold_runs):
        r, wall = _timed_child([str(ASSISTANT_BIN), "ask", COLD_QUESTION])
        if r.returncode != 0 or "2.3.4" not in r.stdout:
            raise RuntimeError(f"assistant ask failed ({r.returncode}): {r.stderr[-2000:]}")
        runs.append(round(wall, 2))
        log(f"cold ask run {i + 1}: {wall:.2f} s")
    # stage breakdown in a fresh interpreter
    r, wall = _timed_child([PYTHON, "-c", STAGES_CODE, COLD_QUESTION])
    if r.returncode != 0:
        raise RuntimeError(f"stage breakdown failed: {r.stderr[-2000:]}")
    stages = json.loads(r.stdout.strip().splitlines()[-1])
    inner = sum(v for k, v in stages.items() if k != "second_answer")
    breakdown = {"interpreter_start_and_exit": round(wall - inner - stages["second_answer"], 3), **stages}
    log(f"cold breakdown: {breakdown}")
    imports_ask = _importtime([PYTHON, "-X", "importtime", "-m", "assistant.cli", "ask", COLD_QUESTION])
    imports_serve = _importtime([PYTHON, "-X", "importtime", "-c", "import gradio, ui.app"], 8)
    # serve: spawn -> first answered gradio_client request (the server is kept for the ui part)
    ctx.server()
    cold = ctx.server_cold or {}
    return {
        "cold_start_s": {
            "ask": round(statistics.median(runs), 2),
            "ask_runs": runs,
            "serve": cold.get("serve_first_answer_s"),
            "breakdown": breakdown,
            "imports_ask_top": imports_ask,
            "imports_serve_ui_top": imports_serve,
        }
    }
