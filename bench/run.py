"""
Writes ``<out>/results.json``, ``<out>/report.md`` and ``<out>/scale.png``.
Every part is real: the real model, the real default index, the real
``assistant`` CLI and UI server in subprocesses on a free loopback port. The
only synthetic data are the scale corpora (see ``part_scale``).

Parts (run in this order; ``--only``/``--skip`` take comma lists):

  latency      warm ``Assistant.ask`` vs the bare encode+FAISS search, interleaved
  profile      cProfile of 50 asks: the model's share and where the rest goes
  build        index build of the report into a temp dir (model already loaded)
  materialize  model materialisation once into a temporary ASSISTANT_CACHE
  scale        FAISS flat vs HNSW and the keyword index at 10x/100x/1000x
  cold         process start -> first answer: ``assistant ask`` and ``assistant serve``
  engine       the NumPy query engine ask uses vs SentenceTransformer.encode (agreement, speed)
  ui           N concurrent gradio_client sessions against the real server; peak RSS

Results of parts that are not run are kept from the previous results.json
(``--fresh`` drops them), so a part can be re-run alone during development.
See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.build import part_build, part_materialize
from bench.cold import part_cold
from bench.common import PARTS, Ctx, loadavg, log, machine_info
from bench.engine import part_engine
from bench.latency import part_latency
from bench.profiling import part_profile
from bench.report import plot_scale, write_report
from bench.scale import part_scale
from bench.ui_clients import part_ui

RUNNERS: dict[str, Callable[[Ctx], dict]] = {
    "latency": part_latency,
    "profile": part_profile,
    "build": part_build,
    "materialize": part_materialize,
    "scale": part_scale,
    "cold": part_cold,
    "engine": part_engine,
    "ui": part_ui,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="bench", help="directory for results.json, report.md, scale.png")
    ap.add_argument("--only", default="", help=f"comma list of parts: {','.join(PARTS)}")
    ap.add_argument("--skip", default="", help="comma list of parts to skip")
    ap.add_argument("--fresh", action="store_true", help="drop results of parts not run this time")
    ap.add_argument("--rounds", type=int, default=2, help="latency rounds over all eval questions")
    ap.add_argument("--scale", default="10,100,1000", help="corpus multiples for the scale part")
    ap.add_argument("--cold-runs", type=int, default=5, help="runs of `assistant ask` for the cold start")
    ap.add_argument("--ui-clients", default="1,8,32", help="concurrent gradio_client sessions")
    ap.add_argument(
        "--ui-answers", type=int, default=64, help="answers per concurrency level (split over clients)"
    )
    args = ap.parse_args(argv)
    only = [p for p in args.only.split(",") if p]
    skip = {p for p in args.skip.split(",") if p}
    bad = [p for p in [*only, *skip] if p not in PARTS]
    if bad:
        ap.error(f"unknown part(s) {bad}; parts are {','.join(PARTS)}")
    parts = [p for p in PARTS if (not only or p in only) and p not in skip]

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    res_path = out / "results.json"
    res: dict[str, Any] = {}
    if res_path.exists() and not args.fresh:
        with contextlib.suppress(ValueError, OSError):
            res = json.loads(res_path.read_text(encoding="utf-8"))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    machine = machine_info()
    ctx = Ctx(args)
    res.setdefault("load", {})
    res.setdefault("part_seconds", {})
    t_all = time.perf_counter()
    try:
        for part in parts:
            log(f"== {part} (load {loadavg()})")
            la0, t = loadavg(), time.perf_counter()
            res.update(RUNNERS[part](ctx))
            res["part_seconds"][part] = round(time.perf_counter() - t, 1)
            res["load"][part] = {"start": la0, "end": loadavg()}
            machine["loadavg_end"] = loadavg()
            machine["noisy"] = any(
                (v.get("start") or [0])[0] > 0.75 * (machine["cores"] or 1)
                or (v.get("end") or [0])[0] > 0.75 * (machine["cores"] or 1)
                for v in res["load"].values()
            )
            res["machine"] = machine
            res["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            res_path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        ctx.close()
    res["total_seconds_last_run"] = round(time.perf_counter() - t_all, 1)
    res_path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    plot_scale(res, out / "scale.png")
    write_report(res, out / "report.md")
    log(f"done in {res['total_seconds_last_run']} s: {res_path}, {out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
