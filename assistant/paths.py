"""Where things live by default (all overridable by CLI flags or env vars)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> list[Path]:
    env = os.environ.get("ASSISTANT_CORPUS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return sorted(
        p for p in (PROJECT_ROOT / "corpus").glob("*.md") if p.name not in ("NOTICE.md", "README.md")
    )


def index_root() -> Path:
    """Where the per-model indexes live: ``$ASSISTANT_INDEX_ROOT`` or ``index/``."""
    env = os.environ.get("ASSISTANT_INDEX_ROOT")
    return Path(env).expanduser() if env else PROJECT_ROOT / "index"


def model_slug(model_id: str) -> str:
    """A directory name for a model: its last two path parts, readable, plus a
    hash of the whole id, so two directories both called ``model`` differ."""
    parts = [p for p in re.split(r"[\\/]+", model_id) if p][-2:]
    name = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")[:48].strip("-")
    return f"{name or 'model'}-{hashlib.sha256(model_id.encode('utf-8')).hexdigest()[:8]}"


def default_index_dir(model_id: str | None = None) -> Path:
    """The index a model uses unless told otherwise: one per model, so trying
    ``--model`` never touches another model's index. ``model_id`` None is the
    default model (``index/default``); ``$ASSISTANT_INDEX`` overrides it for
    every model, as ``--index`` does."""
    env = os.environ.get("ASSISTANT_INDEX")
    if env:
        return Path(env).expanduser()
    return index_root() / ("default" if model_id is None else model_slug(model_id))


def cache_dir() -> Path:
    """The one cache (materialised model, weight fingerprints): ``$ASSISTANT_CACHE``,
    else ``$XDG_CACHE_HOME/jipdec-assistant``, else ``~/.cache/jipdec-assistant``."""
    env = os.environ.get("ASSISTANT_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "jipdec-assistant"
