"""Crash-safe files and directories: what index building, model
materialisation and the fingerprint cache share.

- ``write_synced``: bytes written and fsynced (a file inside a directory that
  is swapped into place later).
- ``write_atomic``: a file replaced in one step (temp sibling, fsync,
  ``os.replace``): readers see the old or the new file, never half of one.
- ``swap_into_place``: a directory built as ``<out>.tmp-<pid>`` replaces
  ``<out>`` with two renames; ``clean_leftovers`` repairs what a process killed
  between them left behind (``<out>.old-<pid>``).
- ``DirLock``: ``<out>.lock``, one writer per directory across processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than we were willing to wait."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        super().__init__(f"{path}: held by another process for over {timeout:.0f} s")


def write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` by ``data`` in one step (str is written as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        write_synced(tmp, raw)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (best effort: not every file
    system lets a directory be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sibling(out: Path, tag: str, pid: int | None = None) -> Path:
    """``<out>.<tag>-<pid>`` (this process's by default)."""
    return out.with_name(f"{out.name}.{tag}-{os.getpid() if pid is None else pid}")


def leftovers(out: Path, tag: str) -> list[tuple[Path, int]]:
    """Every ``<out>.<tag>-<pid>`` beside ``out``, with its pid."""
    found = []
    if not out.parent.is_dir():
        return found
    prefix = f"{out.name}.{tag}-"
    for p in out.parent.iterdir():
        if p.name.startswith(prefix) and p.name[len(prefix) :].isdigit():
            found.append((p, int(p.name[len(prefix) :])))
    return found


def has_dead_leftovers(out: Path) -> bool:
    return any(not pid_alive(pid) for _, pid in leftovers(out, "tmp") + leftovers(out, "old"))


def clean_leftovers(out: Path, say: Callable[[str], None] | None = None) -> None:
    """Remove what dead writers left beside ``out`` (call with the lock held).

    A ``.tmp-<pid>`` is a build that never finished: deleted. An
    ``.old-<pid>`` is the previous directory of a writer that died between its
    two renames: put back when ``out`` is missing, deleted otherwise."""
    for p, pid in leftovers(out, "old"):
        if pid_alive(pid) and pid != os.getpid():
            continue
        if not out.exists():
            os.rename(p, out)
            msg = f"restored the previous index from {p.name}"
            if say:
                say(msg)
            else:
                logger.info(msg)
        else:
            shutil.rmtree(p, ignore_errors=True)
    for p, pid in leftovers(out, "tmp"):
        if pid_alive(pid) and pid != os.getpid():
            continue
        shutil.rmtree(p, ignore_errors=True)


def swap_into_place(tmp: Path, out: Path) -> None:
    """Replace directory ``out`` by the complete directory ``tmp``: ``out`` is
    renamed to ``<out>.old-<pid>``, ``tmp`` to ``out``, then the old one is
    deleted. A crash in between leaves the ``.old`` for ``clean_leftovers``."""
    backup = sibling(out, "old")
    if backup.exists():
        shutil.rmtree(backup)
    had_old = out.exists()
    if had_old:
        os.rename(out, backup)
    os.rename(tmp, out)
    fsync_dir(out.parent)
    if had_old:
        shutil.rmtree(backup, ignore_errors=True)


@contextlib.contextmanager
def lock_file(path: Path, timeout: float = -1) -> Iterator[None]:
    """Hold the cross-process lock file ``path`` (``timeout`` < 0: wait for
    ever); raises LockTimeout."""
    with DirLock(path, timeout, lock_path=path):
        yield


class DirLock:
    """``<out>.lock`` (a ``filelock.FileLock``): one writer of ``out`` at a
    time across processes. ``timeout=0`` tries once; raises LockTimeout."""

    def __init__(self, out: Path, timeout: float, lock_path: Path | None = None) -> None:
        from filelock import FileLock  # only writers pay for the import

        self.path = lock_path or out.with_name(out.name + ".lock")
        self.timeout = timeout
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self.path), timeout=timeout)

    def __enter__(self) -> DirLock:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise LockTimeout(self.path, self.timeout) from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
