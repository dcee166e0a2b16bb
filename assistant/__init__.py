"""Cited-answer retrieval assistant over a Japanese report.

Data flows one way: corpus -> passages (segment) -> index -> retriever ->
answer -> UI / CLI / eval. ``Assistant`` (in ``assistant.core``) is the one
API the shells call; importing this package stays cheap (no torch).
"""

__version__ = "0.1.0"
