"""Hybrid retrieval: keyword (BM25 over Japanese tokens) + dense (e5), fused,
with the corpus-derived entity table pulling named sections up.

Passages are ranked first; sections are ranked from their passages (the best
passage plus a little credit for a second one, since a section's evidence
can be spread over several table fields).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np

from .bilingual import Glossary
from .entities import EntityTable, rewrite_self_reference, self_term
from .figures import Figure, find_figures, pointed_figures
from .japanese import is_mostly_english, search_tokens
from .keyword import idf_weights  # noqa: F401 - moved to keyword.py; answer.py imports it from here
from .section_refs import referenced_sections
from .types import Hit


@dataclass(frozen=True)
class RetrievalConfig:
    name: str = "full"
    dense: bool = True
    keyword: bool = True
    entities: bool = True
    fusion: str = "weighted"  # "weighted" (normalised scores) or "rrf"
    w_dense: float = 1.0
    w_keyword: float = 0.6
    rrf_k: float = 20.0
    entity_boost: float = 0.2
    followup_boost: float = 0.5  # sections the conversation points at (carried or sibling entity)
    second_passage: float = 0.0  # credit for a section's second-best passage
    depth: int = 60  # candidates taken from each index
    short_passage: int = 40  # passages shorter than this (characters) count for less


# The four configurations a batch evaluation compares.
CONFIGS: dict[str, RetrievalConfig] = {
    "keyword": RetrievalConfig(name="keyword", dense=False, entities=False),
    "dense": RetrievalConfig(name="dense", keyword=False, entities=False),
    "hybrid": RetrievalConfig(name="hybrid", entities=False),
    "full": RetrievalConfig(name="full"),
}


@dataclass
class Retrieval:
    query: str
    hits: list[Hit]
    sections: list[tuple[str, float]]  # (section id, score), best first
    entity_sections: dict[str, float] = field(default_factory=dict)
    preferred: dict[str, float] = field(default_factory=dict)  # from the conversation
    qvec: np.ndarray | None = None
    tokens: list[str] = field(default_factory=list)
    # an English question's vector joined with that of the report's words for it: what sentences
    # are chosen by ("who can use the report" is nearer 「利用者…が利用することができる」 so)
    bridged_vec: np.ndarray | None = None

    @property
    def sentence_vec(self) -> np.ndarray | None:
        """The vector a sentence's cosine to the question is measured against."""
        return self.bridged_vec if self.bridged_vec is not None else self.qvec

    @property
    def top_dense(self) -> float:
        vals = [h.dense for h in self.hits[:10] if h.dense is not None]
        return max(vals) if vals else 0.0

    def hits_for(self, section_id: str) -> list[Hit]:
        return [h for h in self.hits if h.passage.section_id == section_id]

    def focused_on(self, section_id: str) -> Retrieval:
        """This retrieval answered from one section's passages, that section first."""
        return replace(self, hits=self.hits_for(section_id), sections=[(section_id, 1.0)] + [x for x in self.sections if x[0] != section_id])


# a figure or a section the question points at, times followup_boost: above a named section's own score
POINTED_PREFER = 2.0


class Retriever:
    """Stateless over a loaded index: one instance serves every request."""

    def __init__(
        self,
        index,
        embedder,
        entities: EntityTable,
        config: RetrievalConfig | None = None,
        glossary: Glossary | None = None,
        figures: list[Figure] | None = None,
    ):
        self.index = index
        self.embedder = embedder
        self.entities = entities
        self.config = config or CONFIGS["full"]
        self.self_term = self_term(index.passages)
        self.glossary = glossary or Glossary({})
        self.figures = find_figures(index.passages) if figures is None else figures
        # the sections that hold text, which a number may name (not 2.4, a group heading)
        self.numbered = frozenset(p.section_id for p in index.passages)

    def with_config(self, config: RetrievalConfig) -> Retriever:
        # a shallow copy: what __init__ derives from the index (self term, figures, numbered
        # sections) is shared, not derived again on every ask that names a configuration
        other = copy.copy(self)
        other.config = config
        return other

    def encode(self, query: str) -> np.ndarray:
        return self.embedder.encode_queries([query])[0]

    def search(
        self, query: str, prefer: dict[str, float] | None = None, qvec: np.ndarray | None = None, bridged_vec: np.ndarray | None = None
    ) -> Retrieval:
        """``qvec``: the query's vector, already encoded (a batch of questions, as
        ``assistant.tune`` encodes them); such a search has no ``bridged_vec`` unless it is
        given too (the same query searched again with other sections preferred), so its
        English sentences are chosen by the question's own vector."""
        cfg = self.config
        n = len(self.index.passages)
        depth = min(cfg.depth, n)
        dense: dict[int, float] = {}
        keyword: dict[int, float] = {}
        # The keyword side needs the report's own word for itself; the dense
        # side understands "this report" as it is.
        # ...and an English question needs the report's Japanese words for its plain words
        tokens = self.glossary.bridge(query, search_tokens(rewrite_self_reference(query, self.self_term)))
        bridged = bridged_vec if qvec is not None else None
        if cfg.dense:
            # (the report's words an English question was bridged to, encoded in the same call)
            words = [t for t in tokens if not t.isascii()] if qvec is None and is_mostly_english(query) else []
            if words:
                qvec, ja = self.embedder.encode_queries([query, " ".join(words)])
                both = qvec + ja
                bridged = both / (np.linalg.norm(both) or 1.0)
            elif qvec is None:
                qvec = self.encode(query)
            dense = dict(self.index.dense_search(qvec, depth))
        if cfg.keyword and tokens:
            keyword = dict(self.index.keyword_search(tokens, depth))

        ent = self.entities.section_weights(query) if cfg.entities else {}
        # what the conversation was about disambiguates a follow-up
        pref = dict(prefer or {}) if cfg.entities else {}
        boosted = ent
        if cfg.entities:
            # a figure pointed at ("図1-1で…", "the overview figure") is where the answer is,
            # before the scheme named in it, whose own section says more about it in every other
            # way (「図1-1で、IRAPの関連規格は？」 asks for IRAP's cell of the figure)
            figure = {f.section_id for f in pointed_figures(query, self.figures)}
            for sid in figure:
                pref[sid] = max(pref.get(sid, 0.0), POINTED_PREFER)
            # a section named by its number ("section 1.2", 「2.3.5節」) is where the answer is, as a figure
            # is (unless a figure is pointed at: "the column that refers to 2.1.3 to 2.1.6" is the figure's)
            for sid in [] if figure else referenced_sections(query, self.numbered):
                pref[sid] = max(pref.get(sid, 0.0), POINTED_PREFER)
            # (the schemes it names are looked up in the figure: they are still named, but pull no one up)
            boosted = {sid: w for sid, w in ent.items() if not figure or sid in figure}

        fused = self._fuse(dense, keyword)
        if ent or pref:
            # a named section is a candidate even when neither index ranked it
            for sid in {**ent, **pref}:
                for p in self.index.passages_of(sid):
                    fused.setdefault(p.id, 0.0)
        hits = []
        for pid, score in fused.items():
            p = self.index.passages[pid]
            score *= _substance(p.text, cfg.short_passage)
            score += cfg.entity_boost * boosted.get(p.section_id, 0.0) + cfg.followup_boost * pref.get(p.section_id, 0.0)
            hits.append(Hit(p, score, dense.get(pid), keyword.get(pid)))
        hits.sort(key=lambda h: (-h.score, h.passage.id))
        hits = [replace(h, rank=i + 1) for i, h in enumerate(hits)]
        return Retrieval(query, hits, self._sections(hits), ent, pref, qvec, tokens, bridged)

    def _fuse(self, dense: dict[int, float], keyword: dict[int, float]) -> dict[int, float]:
        cfg = self.config
        out: dict[int, float] = {}
        if cfg.fusion == "rrf":
            for scores, w in ((dense, cfg.w_dense), (keyword, cfg.w_keyword)):
                ranked = sorted(scores, key=lambda k: -scores[k])
                for r, pid in enumerate(ranked):
                    out[pid] = out.get(pid, 0.0) + w / (cfg.rrf_k + r + 1) * (cfg.rrf_k + 1)
            return out
        # weighted: dense cosine rescaled over the candidate pool, BM25 by its max
        if dense:
            vals = np.fromiter(dense.values(), dtype=np.float32)
            lo, hi = float(vals.min()), float(vals.max())
            span = max(hi - lo, 1e-6)
            for pid, v in dense.items():
                out[pid] = cfg.w_dense * (v - lo) / span
        if keyword:
            hi = max(keyword.values())
            for pid, v in keyword.items():
                out[pid] = out.get(pid, 0.0) + cfg.w_keyword * (v / hi if hi > 0 else 0.0)
        return out

    def _sections(self, hits: list[Hit]) -> list[tuple[str, float]]:
        best: dict[str, list[float]] = {}
        for h in hits:
            s = best.setdefault(h.passage.section_id, [])
            if len(s) < 2:
                s.append(h.score)
        scored = [
            (sid, v[0] + (self.config.second_passage * v[1] if len(v) > 1 else 0.0)) for sid, v in best.items()
        ]
        scored.sort(key=lambda x: -x[1])
        return scored


def _substance(text: str, short: int) -> float:
    """Down-weight what says little on its own: a bare label, a figure cell,
    a list of names (short lines). Vague questions are similar to all of them."""
    factor = 1.0
    if len(text) < short:
        factor *= 0.6 + 0.4 * len(text) / short
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) >= 3 and sum(len(ln) for ln in lines) / len(lines) < 24:
        factor *= 0.75
    return factor
