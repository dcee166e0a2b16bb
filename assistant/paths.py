"""Where things live by default (all overridable by CLI flags or env vars)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> list[Path]:
    env = os.environ.get("ASSISTANT_CORPUS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return sorted(
        p for p in (PROJECT_ROOT / "corpus").glob("*.md") if p.name not in ("NOTICE.md", "README.md")
    )


def default_index_dir() -> Path:
    return Path(os.environ.get("ASSISTANT_INDEX", PROJECT_ROOT / "index" / "default"))


def cache_dir() -> Path:
    env = os.environ.get("ASSISTANT_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "jipdec-assistant"
