"""scripts/sysdeps, the system-package check `make test` runs first, run for
real under PATHs that lack a package.

The machine's own apt is never run: where the script may call apt-get, a
recording stand-in named apt-get is first on PATH (it installs nothing, so
the script must then say the package is still missing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "sysdeps"


def _bin_without(tmp: Path, *absent: str) -> Path:
    """A directory of links to every program of /usr/bin and /bin except ``absent``."""
    d = tmp / "bin"
    d.mkdir()
    for src in (Path("/usr/bin"), Path("/bin")):
        if not src.is_dir():
            continue
        for f in src.iterdir():
            if f.name not in absent and not (d / f.name).exists():
                (d / f.name).symlink_to(f)
    return d


def _recording_apt(tmp: Path) -> tuple[Path, Path]:
    """A directory holding an apt-get that appends its arguments to a log."""
    d = tmp / "fake-apt"
    d.mkdir()
    log = tmp / "apt-calls.log"
    apt = d / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexit 0\n')
    apt.chmod(0o755)
    return d, log


def _run(path: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = [str(SCRIPT)]
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)


def _have_everything() -> None:
    p = _run(os.environ["PATH"])
    assert p.returncode == 0, f"this machine lacks system packages the tests need: {p.stderr}"


def test_everything_present_costs_no_apt_call(tmp_path):
    _have_everything()
    fake, log = _recording_apt(tmp_path)
    p = _run(f"{fake}:{os.environ['PATH']}")
    assert p.returncode == 0 and p.stderr == "" and p.stdout == ""
    assert not log.exists()  # apt-get was not called at all


def test_missing_browser_without_apt_names_it_and_the_command(tmp_path):
    _have_everything()
    bindir = _bin_without(tmp_path, "chromium", "apt-get")
    p = _run(str(bindir))
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert "missing system packages: chromium;" in lines[0]
    assert "fonts-noto-cjk" not in lines[0] and "gcc" not in lines[0]  # only what is missing
    assert "package manager" in lines[0]


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to become another user")
def test_missing_browser_as_a_user_gives_the_sudo_command():
    _have_everything()
    tmp = Path(tempfile.mkdtemp(prefix="sysdeps-"))  # pytest's tmp_path is closed to other users
    try:
        tmp.chmod(0o755)
        bindir = _bin_without(tmp, "chromium", "apt-get")
        fake, log = _recording_apt(tmp)
        p = _run(f"{fake}:{bindir}", user="65534")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert p.returncode == 1
    assert p.stderr.strip() == (
        "sysdeps: missing system packages: chromium; "
        "install them with: sudo apt-get install -y --no-install-recommends chromium"
    )
    assert not log.exists()  # not root: nothing is attempted


@pytest.mark.skipif(os.geteuid() != 0, reason="the install branch runs only as root")
def test_missing_compiler_as_root_calls_apt_quietly_then_rechecks(tmp_path):
    _have_everything()
    bindir = _bin_without(tmp_path, "chromium", "gcc", "apt-get")
    fake, log = _recording_apt(tmp_path)
    p = _run(f"{fake}:{bindir}")
    calls = log.read_text().splitlines()
    assert calls == ["update -qq", "install -y -qq --no-install-recommends chromium gcc libc6-dev"]
    # the stand-in installed nothing: the script must not let the tests start
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [
        "sysdeps: installing chromium gcc libc6-dev (apt-get, once)",
        "sysdeps: still missing after apt-get install: chromium gcc libc6-dev",
    ]
