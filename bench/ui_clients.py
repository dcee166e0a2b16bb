"""UI part: N concurrent gradio_client sessions against the real server; peak RSS."""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import (
    Ctx,
    log,
    pct,
    proc_status_mb,
)


def _run_clients(url: str, n: int, per_client: int, questions: list[str]) -> dict:
    from gradio_client import Client

    with ThreadPoolExecutor(max_workers=min(n, 8)) as ex:
        clients = list(ex.map(lambda _: Client(url, verbose=False), range(n)))
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n + 1)

    def worker(k: int) -> None:
        c = clients[k]
        barrier.wait()
        for j in range(per_client):
            q = questions[(k * per_client + j) % len(questions)]
            t = time.perf_counter()
            try:
                ans = json.loads(c.predict(q, [], api_name="/ask"))
                ok = isinstance(ans, dict) and "ranked_sections" in ans
                err = None if ok else f"bad answer: {str(ans)[:200]}"
            except Exception as e:  # noqa: BLE001 - counted, reported
                err = f"{type(e).__name__}: {e}"[:300]
            dt = (time.perf_counter() - t) * 1000
            with lock:
                if err:
                    errors.append(err)
                else:
                    lat.append(dt)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(n)]
    for th in threads:
        th.start()
    barrier.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join(timeout=900)
    wall = time.perf_counter() - t0
    for c in clients:
        with contextlib.suppress(Exception):
            c.close()
    p = pct(lat)
    return {
        "clients": n,
        "answers": len(lat),
        "errors": len(errors),
        "error_samples": errors[:3],
        "wall_s": round(wall, 2),
        "answers_per_s": round(len(lat) / wall, 2) if wall else None,
        "p50_ms": p["p50"],
        "p95_ms": p["p95"],
    }


def part_ui(ctx: Ctx) -> dict:
    srv = ctx.server()
    qs = ctx.questions[:]
    random.Random(1).shuffle(qs)
    rows = []
    for n in [int(x) for x in ctx.args.ui_clients.split(",") if x]:
        per = max(2, ctx.args.ui_answers // n)
        log(f"ui: {n} clients x {per} questions")
        rows.append(_run_clients(srv.url, n, per, qs))
        log(
            f"  {rows[-1]['answers_per_s']} answers/s, p95 {rows[-1]['p95_ms']} ms, errors {rows[-1]['errors']}"
        )
    out = {
        "ui": rows,
        "peak_rss_mb": proc_status_mb(srv.proc.pid, "VmHWM"),
        "serve_rss_mb": {
            "after_start": (ctx.server_cold or {}).get("serve_rss_after_start_mb"),
            "after_load": proc_status_mb(srv.proc.pid, "VmRSS"),
            "peak": proc_status_mb(srv.proc.pid, "VmHWM"),
        },
    }
    return out
