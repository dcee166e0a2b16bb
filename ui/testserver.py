"""Start the real UI server (``assistant serve``) for the UI, API and browser
tests and for the benchmarks (``bench/``).

``running_server()`` is a context manager: it starts ``.venv/bin/assistant
serve --port <free port>`` as a subprocess in its own process group, waits
until the page answers HTTP, yields a :class:`Server` and kills that process
group at the end. ``shared_server()`` starts one server per pytest process
(the API tests and the browser tests use the same one, which saves a model
load) and stops it when the process exits.

No mocks: the subprocess loads the real model and the real default index
(building the index first if it is missing or stale, which is why the
start-up timeout is generous).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSISTANT_BIN = Path(sys.executable).with_name("assistant")
if not ASSISTANT_BIN.exists():  # running under another interpreter: use the project venv
    ASSISTANT_BIN = ROOT / ".venv" / "bin" / "assistant"

#: model load + warm-up is ~15 s; rebuilding a stale index adds ~60 s on a small CPU
START_TIMEOUT = float(os.environ.get("UI_SERVER_TIMEOUT", "180"))


@dataclass
class Server:
    url: str  # "http://127.0.0.1:<port>/"
    port: int
    proc: subprocess.Popen
    log_path: Path
    startup_s: float = 0.0  # seconds from spawn to ready (negative: not ready yet)
    env: dict = field(default_factory=dict, repr=False)

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status < 500
    except urllib.error.HTTPError as e:  # 401/403 with auth on: it is up
        return e.code < 500
    except (urllib.error.URLError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # the server runs in its own session: signal exactly that process group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def spawn_server(env: dict | None = None, args: tuple[str, ...] = ()) -> Server:
    """Start ``assistant serve`` on a free port and return at once; call
    :func:`wait_ready` before using it (lets several servers load in parallel)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = Path(tempfile.mkstemp(prefix=f"ui-server-{port}-", suffix=".log")[1])
    full_env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", **(env or {})}
    for k in ("ASSISTANT_AUTH_USER", "ASSISTANT_AUTH_PASSWORD"):
        if env is None or k not in env:
            full_env.pop(k, None)  # auth only when a test asks for it
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(ASSISTANT_BIN), "serve", "--port", str(port), *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            start_new_session=True,
        )
    server = Server(url, port, proc, log, env=full_env)
    server.startup_s = -time.monotonic()
    return server


def wait_ready(server: Server, timeout: float = START_TIMEOUT) -> Server:
    """Wait until the server answers HTTP and has printed its ready line."""
    if server.startup_s >= 0:
        return server
    t0 = -server.startup_s
    deadline = t0 + timeout
    while True:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"assistant serve exited with {server.proc.returncode}:\n{server.log()[-3000:]}"
            )
        if _answers_http(server.url) and "Serving on" in server.log():
            break
        if time.monotonic() > deadline:
            _stop(server.proc)
            raise RuntimeError(
                f"assistant serve did not answer on {server.url} within {timeout:.0f} s:\n{server.log()[-3000:]}"
            )
        time.sleep(0.3)
    server.startup_s = time.monotonic() - t0
    return server


def start_server(
    env: dict | None = None, args: tuple[str, ...] = (), timeout: float = START_TIMEOUT
) -> Server:
    return wait_ready(spawn_server(env, args), timeout)


def stop_server(server: Server) -> None:
    _stop(server.proc)
    with contextlib.suppress(OSError):
        server.log_path.unlink()


@contextlib.contextmanager
def running_server(
    env: dict | None = None, args: tuple[str, ...] = (), timeout: float = START_TIMEOUT
) -> Iterator[Server]:
    server = start_server(env, args, timeout)
    try:
        yield server
    finally:
        stop_server(server)


_shared: Server | None = None
_shared_auth: Server | None = None

#: the credentials of the basic-auth server (``spawn_auth_server``)
AUTH = {"ASSISTANT_AUTH_USER": "auditor", "ASSISTANT_AUTH_PASSWORD": "s3cret-pass"}


def shared_server() -> Server:
    """One default server per test process, stopped when the process exits."""
    global _shared
    if _shared is None or _shared.proc.poll() is not None:
        _shared = start_server()
        atexit.register(stop_server, _shared)
    return _shared


def spawn_auth_server() -> Server:
    """One server with basic auth on (``AUTH``) per test process, spawned
    without waiting so it loads while other things start; ``wait_ready`` it."""
    global _shared_auth
    if _shared_auth is None or _shared_auth.proc.poll() is not None:
        _shared_auth = spawn_server(env=AUTH)
        atexit.register(stop_server, _shared_auth)
    return _shared_auth
