"""Quoting the report: citations from a passage span or a catalogue cell, the
answer's framing, and a section's sentences scored against a question. The
shared ground of every answer shape (``compose``, ``listing``, ``frontmatter``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np

from .answer import Answerer, Candidate
from .catalogue import Cell
from .japanese import cached_search_tokens, compact, is_mostly_english, western_years
from .retrieve import Retrieval
from .segment import short_title
from .types import Citation, Passage, Table


@dataclass
class Shaped:
    citations: list[Citation]
    text: str
    table: Table | None = None
    lines: list[str] = field(default_factory=list)


# a sentence that opens this way goes on with the point of the one before it
_ELABORATES = re.compile(
    r"^\s*(?:特に|具体的には|具体的に言えば|すなわち|つまり|例えば|なかでも|中でも)[、,]?"
    # 「SOC2 では、この中から一つ以上を選択（…但し「セキュリティ」は必須）」: it picks out of what
    # the sentence before listed, and is read with it
    r"|^[^。]{0,15}?(?:この|これらの|その)\s*(?:中から|中で|中でも|うち)"
)


class Quoter:
    """Turns spans of the report into citations and lines, for one loaded index."""

    def __init__(self, index, sections, answerer: Answerer):
        self.index = index
        self.sections = sections
        self.answerer = answerer
        self._section_compact: dict[str, str] = {}

    def cite_cell(self, cell: Cell, score: float = 1.0) -> Citation:
        p = self.index.passages[cell.passage_id]
        i = p.text.find(cell.text)
        i = max(i, 0)
        return self.answerer.citation(Candidate(p, i, i + len(cell.text), score, score))


    def cite_span(self, p: Passage, a: int, b: int, score: float = 1.0) -> Citation:
        return self.answerer.citation(Candidate(p, a, b, score, score))


    def elaboration_after(self, c: Citation) -> Citation | None:
        """The sentence right after a quoted one when it opens by saying it goes on with
        the same point (「特に…」「具体的には…」, 「この中から…」): "今後の課題としては…を挙げたい。"
        is finished only by the 「特に…」 that says what the task is."""
        nxt = self.sentence_after(c)
        if nxt is None or not _ELABORATES.match(nxt.text):
            return None
        return nxt

    def sentence_after(self, c: Citation) -> Citation | None:
        """The sentence right after a quoted one, in its passage or, when a long paragraph
        was split, at the start of the next passage of the same section and field."""
        if c.passage_id < 0:
            return None
        p = self.index.passages[c.passage_id]
        at = p.text.find(c.text)
        if at < 0:
            return None
        after = at + len(c.text)
        nxt = next(((a, b) for a, b in self.answerer.sentence_spans(p) if a >= after), None)
        if nxt is None and c.passage_id + 1 < len(self.index.passages):
            q = self.index.passages[c.passage_id + 1]
            spans = self.answerer.sentence_spans(q)
            if (q.section_id, q.field) == (p.section_id, p.field) and spans:
                p, nxt = q, spans[0]
        return None if nxt is None else self.cite_span(p, *nxt, c.score)


    def line(self, c: Citation, lead: str = "") -> str:
        return f"{lead}{c.text}{self.answerer.label(c)}"


    def name_of(self, sid: str) -> str:
        return short_title(self.sections[sid].title) if sid in self.sections else sid


    def compact_of(self, sid: str) -> str:
        if sid not in self._section_compact:
            # (a date written in an era, 平成30年7月, is found by its Western year too)
            text = compact("\n".join(p.text for p in self.index.passages_of(sid)))
            self._section_compact[sid] = text + "\n" + western_years(text) if "年" in text else text
        return self._section_compact[sid]


    def sentences_of(self, sid: str, fields: re.Pattern | None = None):
        for p in self.index.passages_of(sid):
            if fields is not None and not fields.search(p.field):
                continue
            for k, (a, b) in enumerate(self.answerer.sentence_spans(p)):
                yield p, k, a, b


    def sentence_score(self, r: Retrieval, p: Passage, k: int, a: int, b: int, qw: dict[str, float]) -> tuple[float, float]:
        """(cosine to the question, idf-weighted share of the aspect words)."""
        dense = 0.0
        if r.sentence_vec is not None and getattr(self.index, "sentence_vectors", None) is not None:
            vecs = self.index.sentence_vectors_for(p.id)
            if k < len(vecs):
                dense = float(np.dot(vecs[k], r.sentence_vec))
        toks = set(cached_search_tokens(p.text[a:b]))
        total = sum(qw.values()) or 1.0
        lex = sum(w for t, w in qw.items() if t in toks) / total
        return dense, lex


    def frame(self, question: str, lines: list[str]) -> str:
        if is_mostly_english(question):
            return "From the report (quoted in Japanese):\n" + "\n".join(lines)
        return "\n".join(lines)


def overlaps(c: Citation, cites: list[Citation]) -> bool:
    """Does ``c`` overlap a span already among ``cites`` (same document)?"""
    return any(x.doc == c.doc and x.start < c.end and c.start < x.end for x in cites)


@functools.lru_cache(maxsize=8192)
def compact_cached(text: str) -> str:
    """Sentences are scanned for identifiers on every list question; the report's are few."""
    return compact(text)


def contains_id(text: str, key: str) -> bool:
    """``iso/iec27001`` is in ``…iso/iec27001の管理策…`` but not in ``…iso/iec270012…``."""
    for m in re.finditer(re.escape(key), text):
        j = m.end()
        if key[-1].isdigit() and j < len(text) and text[j].isdigit():
            continue
        i = m.start()
        if key[0].isascii() and key[0].isalnum() and i > 0 and text[i - 1].isascii() and text[i - 1].isalnum():
            continue
        return True
    return False


# a title translated in brackets on a line of its own: 「(情報技術－…の規範)」
BRACKETED = re.compile(r"^\s*[（(][^()（）]*(?:[（(][^()（）]*[)）][^()（）]*)*[)）]\s*$")


def bare_name(label: str) -> str:
    """A heading or field label without its bracketed tail, compact: "NIST SP 800-53 (Rev.4)"
    -> "nistsp800-53", "C5（ドイツ）" -> "c5"."""
    return compact(re.sub(r"\s*[（(].*$", "", label))


def ends_word(text: str, j: int, key: str) -> bool:
    """``soc2`` ends a word in ``soc2と`` but not in ``soc2+``; ``800-53`` not in ``800-530``."""
    if j >= len(text):
        return True
    nxt = text[j]
    return not (nxt.isascii() and (nxt.isalnum() or nxt in "+-."))


def english_title(p: Passage) -> str | None:
    first = p.text.split("\n")[0]
    return first if len(first) >= 12 and is_mostly_english(first) else None


def first_declarative(spans: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    for a, b in spans:
        s = text[a:b].strip()
        if len(s) >= 12 and not is_mostly_english(s) and not s.startswith(("(", "（")):
            return a, b
    return None
