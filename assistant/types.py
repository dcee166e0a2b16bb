"""The plain data that flows through the pipeline.

corpus file -> Section / Passage (segment) -> index -> Hit (retrieve)
-> Answer with Citations (answer). Everything here is a frozen dataclass so
it can be cached, compared in tests and turned into JSON with ``asdict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """One node of the report's outline (from its 目次 where it has one)."""

    id: str  # canonical id, e.g. "2.3.4", "はじめに", "表紙"
    title: str  # as printed, e.g. "2.3.4 クラウドコンピューティング…（C5）（ドイツ）"
    path: tuple[str, ...]  # ancestors and itself, e.g. ("2", "2.3", "2.3.4")
    page: int | None  # page number from the table of contents, when given
    start: int  # character offsets of the whole section in the source text
    end: int
    doc: str  # which corpus file it came from (file stem)
    path_titles: tuple[str, ...] = ()  # titles matching ``path``

    @property
    def label(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True)
class Passage:
    """The unit of retrieval and citation: a table field, a sub-part, a
    footnote block or a run of paragraphs, never cutting a sentence."""

    id: int  # position in the corpus-wide passage list
    section_id: str
    field: str  # e.g. "概要・特徴", "SOC2", "注記", "本文"
    text: str  # clean text: markup removed, list items on their own lines
    start: int  # offsets of the passage in the source text
    end: int
    # offsets[i] is the source offset of text[i]; lets any substring of the
    # clean text be mapped back to the exact span of the original file.
    offsets: tuple[int, ...] = field(repr=False, default=())
    doc: str = ""

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets covering clean text[i:j]."""
        if not self.offsets or i >= j:
            return (self.start, self.start)
        return (self.offsets[i], self.offsets[j - 1] + 1)


@dataclass(frozen=True)
class Hit:
    """A passage with its retrieval scores."""

    passage: Passage
    score: float  # fused score used for ranking
    dense: float | None = None  # cosine similarity, when the dense index saw it
    keyword: float | None = None  # BM25 score, when the keyword index saw it
    rank: int = 0


@dataclass(frozen=True)
class Citation:
    """A quoted sentence (or table cell) and where it stands in the report."""

    section_id: str
    title: str
    path: str  # "2 › 2.3 › 2.3.4"
    field: str
    text: str  # the quoted sentence, clean text
    start: int  # source offsets of the quoted text
    end: int
    score: float
    passage_id: int = -1
    doc: str = ""
    page: int | None = None  # report page where the section starts (from the 目次)

    def to_json(self) -> dict[str, Any]:
        return {
            "section_id": self.section_id,
            "title": self.title,
            "path": self.path,
            "field": self.field,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(float(self.score), 4),
            "page": self.page,
        }


@dataclass(frozen=True)
class TableCell:
    """One cell of a comparison table: the report's text and where it stands,
    or ``citation=None`` for a label or for 「記載なし」 (``absent=True``)."""

    text: str
    citation: Citation | None = None
    absent: bool = False
    # further sentences of the same row, each with its own citation
    more: tuple[Citation, ...] = ()

    def citations(self) -> tuple[Citation, ...]:
        return ((self.citation,) if self.citation is not None else ()) + self.more

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citation": self.citation.to_json() if self.citation else None,
            "absent": self.absent,
            "more": [c.to_json() for c in self.more],
        }


@dataclass(frozen=True)
class Table:
    """A comparison: one row per entity, the first cell names it."""

    columns: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]

    def citations(self) -> list[Citation]:
        """Every cell's citations, row by row."""
        return [c for row in self.rows for cell in row for c in cell.citations()]

    def to_json(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "rows": [[c.to_json() for c in row] for row in self.rows]}


@dataclass(frozen=True)
class Answer:
    """What ``Assistant.ask`` returns; ``to_json`` is the stable CLI/API shape."""

    question: str
    searched_query: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    ranked_sections: tuple[str, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notices: tuple[str, ...] = ()  # e.g. "質問が長すぎるため先頭2000文字で検索しました"
    related: tuple[str, ...] = ()  # nearest sections offered as 関連 / on abstention
    # lookup | definition | enumeration | list | compare | catalogue | meta | chat
    shape: str = "lookup"
    table: Table | None = None  # compare answers
    # how the conversation was read: {"kind": standalone|continue|switch|return, "topic": [...]}
    resolution: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None  # why it abstained: unknown_name, absent_aspect, no_content, …
    # related text quoted after an abstention ("the report does say: …"), not the answer
    related_citations: tuple[Citation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question,
            "searched_query": self.searched_query,
            "answer": self.answer,
            "abstained": self.abstained,
            "shape": self.shape,
            "citations": [c.to_json() for c in self.citations],
            "ranked_sections": list(self.ranked_sections),
            "related": list(self.related),
            "notices": list(self.notices),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
        if self.table is not None:
            out["table"] = self.table.to_json()
        if self.resolution:
            out["resolution"] = self.resolution
        if self.abstained:
            out["reason"] = self.reason
            out["related_citations"] = [c.to_json() for c in self.related_citations]
        return out
