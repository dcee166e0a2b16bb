"""The package's one stderr handler.

Library modules log to ``logging.getLogger(__name__)``: what a user should
see (an index rebuilt and why, the model materialised) at INFO, diagnostics
at DEBUG. One handler on the ``assistant`` logger shows INFO and above as
``assistant: <message>``, the way these lines always read; it is attached on
import because a library caller (``Assistant.load`` in an app, a test, a
benchmark) that waits minutes for a rebuild should be told why, as before.
The CLI's ``-v`` lowers it to DEBUG and names the module of each line. An
application that wants the lines elsewhere removes the handler or raises
the logger's level.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

PACKAGE = "assistant"
CONCISE = "assistant: %(message)s"
VERBOSE = "%(name)s: %(message)s"


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time of the record (a
    test capturing it, a server redirecting it), not the one at import."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:  # StreamHandler.__init__ assigns it
        pass


def stderr_handler(verbose: bool = False) -> logging.Handler:
    """Attach (once) and return the package's stderr handler: INFO and
    above, concise; with ``verbose``, DEBUG and the module's name."""
    logger = logging.getLogger(PACKAGE)
    handler = next((h for h in logger.handlers if isinstance(h, _CurrentStderr)), None)
    if handler is None:
        handler = _CurrentStderr()
        logger.addHandler(handler)
    level = logging.DEBUG if verbose else logging.INFO
    handler.setFormatter(logging.Formatter(VERBOSE if verbose else CONCISE))
    handler.setLevel(level)
    logger.setLevel(level)
    return handler
