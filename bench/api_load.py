"""Answers/s through the plain JSON API: ``python -m bench.api_load``.

N concurrent clients (default 1, 8 and 32), each on its own keep-alive HTTP
connection, POST ``/api/ask`` with questions of ``eval/questions.jsonl``
(shuffled, fixed seed) against the real server — ``assistant serve`` on a free
loopback port, started here unless ``--url`` names one already running (it
must be a loopback address). Every level sends a bounded number of
questions (``--answers``, split over the clients), after a warm-up.

Prints one line per level and writes ``--out`` (JSON): answers/s, latency
percentiles and the error count per level, the machine's load average, and
the server's peak RSS when it was started here.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ui import testserver

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "eval" / "questions.jsonl"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WARMUP = 8


def log(msg: str) -> None:
    print(f"[api_load] {msg}", file=sys.stderr, flush=True)


def questions(path: Path = QUESTIONS) -> list[str]:
    qs = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(1).shuffle(qs)
    return qs


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))] if s else float("nan")


class ApiClient:
    """One keep-alive connection posting to /api/ask."""

    def __init__(self, url: str, timeout: float = 120):
        u = urlsplit(url)
        self.host, self.port = u.hostname or "127.0.0.1", u.port or 80
        self.timeout = timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def ask(self, question: str) -> dict[str, Any]:
        body = json.dumps({"question": question}, ensure_ascii=False).encode("utf-8")
        for attempt in (0, 1):  # a keep-alive connection the server closed is reopened once
            try:
                self.conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt:
                    raise
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {data[:200]!r}")
        return json.loads(data)

    def close(self) -> None:
        self.conn.close()


def run_level(url: str, clients: int, answers: int, qs: list[str]) -> dict[str, Any]:
    """``clients`` threads share ``answers`` questions (at least 2 each)."""
    per = max(2, answers // clients)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def worker(i: int) -> None:
        c = ApiClient(url)
        mine = [qs[(i * per + j) % len(qs)] for j in range(per)]
        start.wait()
        for q in mine:
            t0 = time.perf_counter()
            try:
                a = c.ask(q)
                ok = isinstance(a.get("answer"), str)
            except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the run
                ok, a = False, {"error": f"{type(e).__name__}: {e}"}
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                if ok:
                    latencies.append(dt)
                else:
                    errors.append(str(a.get("error"))[:200])
        c.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "answers": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:3],
        "wall_s": round(wall, 2),
        "answers_per_s": round(len(latencies) / wall, 1) if wall > 0 else None,
        "p50_ms": round(pct(latencies, 50), 1),
        "p95_ms": round(pct(latencies, 95), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
    }


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", default="1,8,32", help="concurrency levels, comma-separated")
    ap.add_argument("--answers", type=int, default=96, help="questions per level, split over the clients")
    ap.add_argument("--url", help="a running server on a loopback address (default: start one)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "api_load.json"), help="JSON results file")
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.clients.split(",") if x.strip()]
    if not levels or min(levels) < 1 or max(levels) > 256 or not 1 <= args.answers <= 10_000:
        ap.error("--clients must be 1..256 each and --answers 1..10000")
    qs = questions()

    server = None
    url = args.url
    if url:
        if urlsplit(url).hostname not in LOOPBACK:
            ap.error("--url must be a loopback address (127.0.0.1, localhost, ::1)")
    else:
        log("starting assistant serve")
        server = testserver.start_server()
        url = server.url
    try:
        warm = ApiClient(url)
        for q in qs[:WARMUP]:
            warm.ask(q)
        warm.close()
        rows = []
        for n in levels:
            log(f"{n} clients x {max(2, args.answers // n)} questions")
            rows.append(run_level(url, n, args.answers, qs))
            r = rows[-1]
            log(f"  {r['answers_per_s']} answers/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, errors {r['errors']}")
        result = {
            "api_ask": rows,
            "load_avg": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
            "server_peak_rss_mb": peak_rss_mb(server.proc.pid) if server else None,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
    finally:
        if server is not None:
            testserver.stop_server(server)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("clients  answers/s  p50 ms  p95 ms  errors")
    for r in rows:
        print(f"{r['clients']:>7}  {r['answers_per_s']:>9}  {r['p50_ms']:>6}  {r['p95_ms']:>6}  {r['errors']:>6}")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
