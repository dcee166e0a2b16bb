"""Soak test: ``python -m bench.soak`` (``make soak``).

50 concurrent gradio_client sessions x 20 questions against the real server
(``assistant serve`` on a free loopback port, or ``--url``). Each session
walks through eval conversations (follow-ups such as 「それを発行しているのは
どこ？」 / 「米国の場合は？」 whose meaning depends on the session's own
previous turns) with single eval questions in between. Even-numbered
sessions use ``/chat`` (the server keeps the conversation per session),
odd-numbered ones ``/ask`` with the history sent by the client.

Every answer is checked against what a single-threaded ``Assistant.ask``
returns for the same question and history (computed in this process while
the server starts):

* ``question`` is this request's own question (no response crossed over);
* ``searched_query`` is the same (the follow-up was resolved from this
  session's own previous turn: sessions never mix);
* ``ranked_sections[0]`` and the cited sections are the same.

Prints a summary (and writes it as JSON to ``--out``); exits 1 on any error
or mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, load_conversations, load_questions, log, pct, proc_status_mb
from ui import testserver
from ui.api import HISTORY_TURNS  # the turns the server passes to ask()


@dataclass
class Turn:
    question: str
    gold: list[str]
    kind: str  # "conversation" (a turn of an eval conversation) or "single"


@dataclass
class Session:
    id: int
    endpoint: str  # "/chat" or "/ask"
    turns: list[Turn]
    expected: list[dict] = field(default_factory=list)
    got: list[dict | None] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def make_sessions(n: int, per: int, seed: int) -> list[Session]:
    convs = load_conversations()
    singles = [q for q in load_questions() if q["gold"]]
    rng = random.Random(seed)
    rng.shuffle(singles)
    sessions = []
    for s in range(n):
        turns: list[Turn] = []
        j = 0
        while len(turns) < per:
            c = convs[(s * 5 + j) % len(convs)]  # sessions start on different conversations
            turns.extend(Turn(t["question"], t["gold"], "conversation") for t in c["turns"])
            q = singles[(s * 11 + j) % len(singles)]
            turns.append(Turn(q["question"], q["gold"], "single"))
            j += 1
        sessions.append(Session(s, "/chat" if s % 2 == 0 else "/ask", turns[:per]))
    return sessions


def expected_answers(sessions: list[Session], hist_turns: int) -> None:
    """Single-threaded reference: the same questions with the same histories."""
    from assistant.core import Assistant

    a = Assistant.load()
    cache: dict[tuple, dict] = {}
    t0 = time.perf_counter()
    for s in sessions:
        history = []
        for t in s.turns:
            key = (
                t.question,
                tuple((h.question, h.searched_query, h.ranked_sections) for h in history[-hist_turns:]),
            )
            if key not in cache:
                ans = a.ask(t.question, history=history[-hist_turns:])
                cache[key] = (ans, ans.to_json())
            ans, obj = cache[key]
            s.expected.append(obj)
            history.append(ans)
    log(f"reference answers: {len(cache)} asks in {time.perf_counter() - t0:.0f} s")


def check(s: Session, i: int, got: dict) -> list[str]:
    exp = s.expected[i]
    problems = []
    if got.get("question") != exp["question"]:
        problems.append(
            f"question {got.get('question')!r} != asked {exp['question']!r} (response crossed over)"
        )
    if got.get("searched_query") != exp["searched_query"]:
        problems.append(f"searched_query {got.get('searched_query')!r} != expected {exp['searched_query']!r}")
    g0 = (got.get("ranked_sections") or [None])[0]
    if g0 != exp["ranked_sections"][0]:
        problems.append(f"ranked_sections[0] {g0} != expected {exp['ranked_sections'][0]}")
    gc = sorted({c["section_id"] for c in got.get("citations") or []})
    ec = sorted({c["section_id"] for c in exp["citations"]})
    if gc != ec:
        problems.append(f"cited sections {gc} != expected {ec}")
    for c in got.get("citations") or []:
        if c.get("text") not in got.get("answer", ""):
            problems.append(f"citation text not in the answer: {c.get('text', '')[:40]!r}")
    return problems


def run_session(url: str, s: Session, barrier: threading.Barrier, timeout: float) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as e:  # noqa: BLE001
        s.errors.append({"turn": -1, "kind": "connect", "detail": f"{type(e).__name__}: {e}"[:300]})
        barrier.wait()
        return
    barrier.wait()
    history: list[dict] = []
    for i, t in enumerate(s.turns):
        t0 = time.perf_counter()
        try:
            if s.endpoint == "/chat":
                job = client.submit(t.question, api_name="/chat")
            else:
                job = client.submit(t.question, history[-HISTORY_TURNS:], api_name="/ask")
            raw = job.result(timeout=timeout)
            got = json.loads(raw)
        except Exception as e:  # noqa: BLE001 - every failure is counted and reported
            s.errors.append({"turn": i, "kind": "request", "detail": f"{type(e).__name__}: {e}"[:300]})
            s.got.append(None)
            history.append({"question": t.question})
            continue
        s.latencies.append((time.perf_counter() - t0) * 1000)
        s.got.append(got)
        history.append(got)
        for p in check(s, i, got):
            s.errors.append({"turn": i, "kind": "mismatch", "question": t.question, "detail": p})
    try:
        client.close()
    except Exception:  # noqa: BLE001
        pass


def server_memory(pid: int) -> dict:
    """RSS split (anonymous / file-backed, MB), virtual size, threads, and how
    many mappings of the MeCab dictionary (unidic) the server holds."""
    out: dict = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":")[0]
            if key in ("VmRSS", "RssAnon", "RssFile", "VmSize"):
                out[key + "_mb"] = round(int(line.split()[1]) / 1024)
            elif key == "Threads":
                out["threads"] = int(line.split()[1])
        maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
        out["mappings"] = len(maps)
        out["unidic_mappings"] = sum("unidic" in m for m in maps)
    except OSError:
        pass
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--turns", type=int, default=20, help="questions per session")
    ap.add_argument("--url", help="an already running server (default: start one on a free port)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=300, help="seconds one request may take")
    ap.add_argument(
        "--out", default=str(ROOT / "bench" / "soak.json"), help="summary JSON (bench/report.md shows it)"
    )
    args = ap.parse_args(argv)

    sessions = make_sessions(args.sessions, args.turns, args.seed)
    us = testserver
    srv = None
    if args.url:
        url = args.url
    else:
        srv = us.spawn_server()  # loads while the reference answers are computed
        url = srv.url
    try:
        expected_answers(sessions, HISTORY_TURNS)
        if srv is not None:
            us.wait_ready(srv)
            mem_before = server_memory(srv.proc.pid)
            log(f"server ready on {url} ({srv.startup_s:.0f} s)")
        barrier = threading.Barrier(len(sessions) + 1)
        threads = [
            threading.Thread(target=run_session, args=(url, s, barrier, args.timeout), daemon=True)
            for s in sessions
        ]
        for th in threads:
            th.start()
        barrier.wait()
        t0 = time.perf_counter()
        log(f"{len(sessions)} sessions x {args.turns} questions started")
        for th in threads:
            th.join(timeout=args.timeout * args.turns)
        wall = time.perf_counter() - t0
        stuck = sum(th.is_alive() for th in threads)
        peak = proc_status_mb(srv.proc.pid, "VmHWM") if srv is not None else None
        mem_after = server_memory(srv.proc.pid) if srv is not None else None
        server_alive = srv is None or srv.proc.poll() is None
    finally:
        if srv is not None:
            us.stop_server(srv)

    lat = [x for s in sessions for x in s.latencies]
    errors = [{"session": s.id, "endpoint": s.endpoint, **e} for s in sessions for e in s.errors]
    answered = sum(1 for s in sessions for g in s.got if g is not None)
    gold_hits = gold_n = 0
    for s in sessions:
        for t, g in zip(s.turns, s.got, strict=False):
            if g is not None and t.gold:
                gold_n += 1
                gold_hits += (g.get("ranked_sections") or [None])[0] in t.gold
    followups = sum(1 for s in sessions for e in s.expected if e["searched_query"] != e["question"])
    summary = {
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "url": url,
        "sessions": len(sessions),
        "questions_per_session": args.turns,
        "requests": len(sessions) * args.turns,
        "answered": answered,
        "errors": len(errors),
        "errors_by_kind": dict(Counter(e["kind"] for e in errors)),
        "stuck_sessions": stuck,
        "server_alive": server_alive,
        "follow_ups_resolved_from_history": followups,
        "wall_s": round(wall, 1),
        "answers_per_s": round(answered / wall, 2) if wall else None,
        "latency_ms": pct(lat),
        "max_latency_ms": round(max(lat), 1) if lat else None,
        "server_peak_rss_mb": peak,
        "server_memory": {"before": mem_before if srv is not None else None, "after": mem_after},
        "top1_in_gold": round(gold_hits / gold_n, 3) if gold_n else None,
        "error_samples": errors[:20],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(
        json.dumps({k: v for k, v in summary.items() if k != "error_samples"}, ensure_ascii=False, indent=2)
    )
    for e in errors[:20]:
        print(f"ERROR session {e['session']} ({e['endpoint']}) turn {e['turn']}: {e['kind']}: {e['detail']}")
    ok = not errors and not stuck and server_alive and answered == len(sessions) * args.turns
    print("SOAK OK" if ok else "SOAK FAILED", f"({args.out})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
