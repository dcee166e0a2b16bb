"""Cited-answer retrieval assistant over a Japanese report.

Data flows one way: corpus -> passages (segment) -> index -> retriever ->
answer -> UI / CLI / eval. ``Assistant`` is the one API the shells call::

    from assistant import Assistant
    a = Assistant.load()           # the model once, the index (built if missing)
    ans = a.ask("C5の監査基準は？")  # an Answer: text, Citations, ranked sections

Importing this package stays cheap (no torch, no index): ``Assistant`` is
imported from ``assistant.core`` on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .logs import stderr_handler
from .types import Answer, Citation

if TYPE_CHECKING:
    from .core import Assistant

stderr_handler()  # what a library caller should see (an index rebuilt and why), see logs.py

__version__ = "0.1.0"
__all__ = ["Answer", "Assistant", "Citation", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Assistant":  # core pulls in retrieval and answering: only when asked for
        from .core import Assistant

        return Assistant
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
