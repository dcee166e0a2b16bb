"""Grounded, extractive answers: choose the report's own sentences for a
question, cite each one, or abstain when the report does not answer it.

Nothing in an answer is generated except short framing; every quoted
sentence is a substring of a passage's clean text, and its citation carries
the exact source offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .abstain_text import ABSTAIN_EN, ABSTAIN_JA
from .answer_type import answers_type, preferred_type
from .expansions import asked_acronym, asked_rendering, renders, spells_out
from .japanese import cached_search_tokens, compact, is_mostly_english, search_tokens
from .passages import NOTE_FIELD
from .question_words import counted_nouns
from .retrieve import Retrieval, idf_weights
from .rows import ROW_LABELS, asks_full_name, pointed_row
from .segment import sentences, short_title
from .types import Citation, Hit, Passage, Section

_URL_ONLY = re.compile(r"^(?:\s*(?:https?://|www\.)\S+)+\s*$")
# a footnote mark inside a sentence: "… (FedRAMP PMO) ※1)", "NIST SP 800-53※2をベースに"
_MARK = re.compile(r"(?<=\S)\s*(※\d+)")
_LINK_WORDS = re.compile(r"url|link|リンク|サイト|ホームページ|ウェブ|web|参照先|どこで見", re.I)



@dataclass(frozen=True)
class AnswerConfig:
    max_sentences: int = 3
    max_chars: int = 300
    sections_considered: int = 3
    passages_per_section: int = 4
    w_dense: float = 1.5  # sentence-vs-question cosine
    w_lexical: float = 0.4  # share of the question's (idf-weighted) words in the sentence
    w_section: float = 1.0  # how well the sentence's section ranked
    multi_section_ratio: float = 0.9  # a 2nd section joins when its best sentence is this close
    # a 2nd sentence of the best section joins when this close (dev lookups, dev and probes
    # 1-42: 0.92 -> .889 item recall, 1.88 sentences an answer; 0.88 -> .897, 1.97; 0.85 -> .898)
    second_ratio: float = 0.88
    # a sentence that holds the type of value asked for ("何組織" -> "110 を超える") gains this
    w_type: float = 1.0
    abstain: bool = True  # thresholds: abstain.AbstainConfig


@dataclass(frozen=True)
class Candidate:
    passage: Passage
    start: int  # sentence offsets in passage.text
    end: int
    score: float
    section_score: float
    bonus: float = 0.0  # the part of the score that is the answer-type preference (w_type)

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


class Answerer:
    def __init__(
        self, index, sections: dict[str, Section], doc_freq: dict[str, int], n_docs: int, config=None, entities=None
    ):
        self.index = index
        self.entities = entities
        self.sections = sections
        self.doc_freq = doc_freq
        self.n_docs = n_docs
        self.config = config or AnswerConfig()
        # passage id -> its sentence spans: passages are immutable, and splitting
        # them again on every ask was the largest non-model cost (~1.2 ms/ask)
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._last: tuple | None = None  # (retrieval, config, candidates) of the last call

    def _sentences(self, p: Passage) -> list[tuple[int, int]]:
        spans = self._spans.get(p.id)
        if spans is None:
            spans = self._spans[p.id] = sentences(p.text)
        return spans

    def sentence_spans(self, p: Passage) -> list[tuple[int, int]]:
        """A passage's sentence spans (cached); index k matches its k-th sentence vector."""
        return self._sentences(p)

    def idf(self, tokens: list[str]) -> list[float]:
        return idf_weights(self.doc_freq, self.n_docs, tokens)

    def entities_in(self, text: str):
        return self.entities.find(text) if self.entities is not None else []

    def name_tokens(self, sid: str) -> set[str]:
        """Tokens of what the section is called: its title and its 名称 row."""
        cache = self.__dict__.setdefault("_name_cache", {})
        if sid not in cache:
            parts = [self.sections[sid].title] if sid in self.sections else []
            parts += [p.text for p in self.index.passages_of(sid) if p.field.startswith("名称")]
            cache[sid] = set(search_tokens("\n".join(parts)))
        return cache[sid]

    # ------------------------------------------------------------------ selection

    def candidates(self, r: Retrieval, config: AnswerConfig | None = None) -> list[Candidate]:
        """``config`` overrides the answerer's own for one call (a wider pool of
        sections for lists and front matter) while sharing its caches."""
        c = config or self.config
        # one ask scores the same retrieval for abstention and for selection: keep the
        # last result (checked by identity, so concurrent asks never share one)
        last = self._last
        if last is not None and last[0] is r and last[1] == c:
            return list(last[2])
        out = self._candidates(r, c)
        self._last = (r, c, tuple(out))
        return out

    def _candidates(self, r: Retrieval, c: AnswerConfig) -> list[Candidate]:
        if not r.sections:
            return []
        top_score = r.sections[0][1] or 1.0
        top_sid = r.sections[0][0]
        # The words that name the entity are in every sentence of its section;
        # what distinguishes the answer is the rest of the question (its aspect).
        named = set(search_tokens(" ".join(m.alias.name for m in self.entities_in(r.query))))
        all_q = list(dict.fromkeys(r.tokens))
        # a row the question points at ("in its row on the link to ISMS") holds the answer
        # (and its "link" asks no web address)
        # (so does the name row when the name is asked written out: "What is the name in full?")
        row = pointed_row(r.query) or ("name" if asks_full_name(r.query) else None)
        wants_link = bool(_LINK_WORDS.search(r.query)) and row is None
        kind = preferred_type(r.query) if c.w_type else None
        # "What does PHI stand for?": the sentence that writes it out is the answer's type
        rendering = asked_rendering(r.query) if c.w_type else None
        acronym = (asked_acronym(r.query) or rendering) if c.w_type else None
        counted = counted_nouns(r.query) if kind == "number" else ()
        if kind == "number" and not counted:
            kind = None  # "How many staff…": any number would do, so none is preferred
        if kind == "country":
            kind = None  # a certification body's name (…Singapore Pte Ltd) is no better answer than the issuer's
        sent_vecs = getattr(self.index, "sentence_vectors", None)
        out: list[Candidate] = []
        raw: list[tuple] = []
        # Sentences come from the top sections, not only the named one: measured on
        # dev, restricting them to the named section lost 9 points of span hit.
        for sid, sscore in r.sections[: c.sections_considered]:
            # ...and so are the words of the section's own name (title, 名称 row)
            own = named | self.name_tokens(sid)
            qtok = [t for t in all_q if t not in own] or all_q
            qw = dict(zip(qtok, idf_weights(self.doc_freq, self.n_docs, qtok)))
            qtotal = sum(qw.values()) or 1.0
            hits: list[Hit] = r.hits_for(sid)[: c.passages_per_section]
            if (kind is not None or acronym) and sid in r.entity_sections and sent_vecs is not None:
                # a typed question about a named scheme ("When was MTCS published?"): the
                # sentence holding the value may sit in a passage the search ranked low
                seen = {h.passage.id for h in hits}
                hits = hits + [Hit(p, 0.0) for p in self.index.passages_of(sid) if p.id not in seen]
            elif row is not None and sid in r.entity_sections:
                # so may the row pointed at ("the note in the EU-SEC entry")
                seen = {h.passage.id for h in hits}
                hits = hits + [Hit(p, 0.0) for p in self.index.passages_of(sid) if p.id not in seen and ROW_LABELS[row] in p.field]
            for h in hits:
                p = h.passage
                spans = self._sentences(p)
                vecs = None
                if sent_vecs is not None and r.sentence_vec is not None:
                    vecs = self.index.sentence_vectors_for(p.id)
                for k, (a, b) in enumerate(spans):
                    text = p.text[a:b]
                    if len(text) < 6:
                        continue
                    st = set(cached_search_tokens(text))
                    lex = sum(wt for t, wt in qw.items() if t in st) / qtotal
                    if vecs is not None and k < len(vecs):
                        dense = float(np.dot(vecs[k], r.sentence_vec))
                    else:
                        dense = h.dense if h.dense is not None else 0.0
                    if not wants_link and _URL_ONLY.match(text):
                        continue  # a bare link answers only a question about links
                    raw.append((p, a, b, dense, lex, sscore / top_score, len(text)))
        if not raw:
            return []
        # Cosines of one model sit in a narrow band: rescale them over the
        # candidates so that meaning, not just shared words, picks the sentence.
        lo = min(x[3] for x in raw)
        span = max(max(x[3] for x in raw) - lo, 1e-6)
        for p, a, b, dense, lex, srel, n in raw:
            score = c.w_dense * (dense - lo) / span + c.w_lexical * lex + c.w_section * srel
            bonus = c.w_type if kind is not None and answers_type(p.text[a:b], r.query, kind, counted) else 0.0
            if kind == "standard" and (p.section_id not in r.entity_sections or p.section_id != top_sid):
                # the standard the named scheme asked about draws on (not a standard named elsewhere,
                # nor in another named section: "which standards does the conclusion say complement
                # ISO/IEC 27017?" is not asking 27017's entry)
                bonus = 0.0
            # (or, for a name asked in Japanese, writes it beside its Japanese: "HITECH法")
            if acronym and (spells_out(p.text[a:b], acronym) or (rendering and renders(p.text[a:b], rendering))):
                bonus = c.w_type
            score += bonus
            # (unless a value of a type is asked that the row's sentence lacks: the note points
            # to ISO/IEC 29100, the year stands in the body)
            # (and the row is the named entry's: "the note on US healthcare rules" is not the
            # introduction's)
            if row is not None and ROW_LABELS[row] in p.field and (kind is None or bonus) and (
                not r.entity_sections or p.section_id in r.entity_sections
            ):
                score += c.w_type
            # a bare list item ("ISO/IEC 27017") restates the question, it does not answer it
            score *= min(1.0, 0.6 + n / 60)
            out.append(Candidate(p, a, b, score, srel, bonus))
        out.sort(key=lambda x: -x.score)
        return out

    def select(self, r: Retrieval, config: AnswerConfig | None = None) -> list[Candidate]:
        c = config or self.config
        cands = self.candidates(r, c)
        if not cands:
            return []
        best = cands[0]
        chosen = [best]
        used_sections = {best.passage.section_id}
        chars = len(best.text)
        # one sentence from each other section that is nearly as good (questions spanning schemes)
        for cand in cands[1:]:
            if len(chosen) >= c.max_sentences:
                break
            sid = cand.passage.section_id
            if sid in used_sections:
                continue
            if cand.score >= c.multi_section_ratio * best.score and chars + len(cand.text) <= c.max_chars * 1.3:
                chosen.append(cand)
                used_sections.add(sid)
                chars += len(cand.text)
        # a second sentence of the best section when it adds to the first
        if len(chosen) == 1:
            for cand in cands[1:]:
                if cand.passage.section_id != best.passage.section_id or _overlaps(cand, best):
                    continue
                if cand.score >= c.second_ratio * best.score and chars + len(cand.text) <= c.max_chars:
                    chosen.append(cand)
                break
        return chosen

    def with_footnotes(self, cites: list[Citation], question: str = "") -> list[Citation]:
        """A quoted sentence that carries a footnote mark ("(FedRAMP PMO) ※1") brings the
        footnote it points to, right after it: the mark says that the answer goes on there.
        A footnote quoted first comes after the sentence that uses its term, unless the
        ``question`` asks for the notes themselves."""
        out: list[Citation] = []
        quoted = {(c.passage_id, c.start) for c in cites}
        chars = sum(len(c.text) for c in cites)

        def add(cand: Candidate | None) -> None:
            # (each sentence once, and the answer only a little over its length budget)
            nonlocal chars
            if cand is None:
                return
            cite = self.citation(cand)
            if (cite.passage_id, cite.start) not in quoted and chars + len(cite.text) <= self.config.max_chars * 1.3:
                out.append(cite)
                quoted.add((cite.passage_id, cite.start))
                chars += len(cite.text)

        for c in cites:
            if c.field == NOTE_FIELD and pointed_row(question) != "note":
                # a footnote quoted first ("2 International Standard on Assurance Engagements (ISAE)
                # 3000 …") comes after the sentence that uses the term it explains: that sentence
                # says what the report says of it ("C5の監査・報告は、ISAE 3000…を適用して実施される")
                # (not when the notes are what is asked for: "What does the C5 entry's note say?")
                add(self._anchor(c))
            out.append(c)
            for mark in dict.fromkeys(_MARK.findall(c.text)):
                add(self._footnote(c.section_id, mark))
            if c.field != NOTE_FIELD and question:
                # "How was the assessment report StarAudit's auditor checks made?": the sentence
                # uses the term, and an unnumbered note of its section (「※ アセスメントレポート：…」)
                # says what it is; the question asks about that term
                add(self._gloss(c, question))
        return out

    def _anchor(self, note: Citation) -> Candidate | None:
        """The first sentence outside the notes of the note's section that uses the term the
        note explains ("ISAE 3000" for "2 International Standard … (ISAE) 3000 …"), if any."""
        terms = _glossed_terms(note.text)
        return self._first_sentence(note.section_id, False, lambda t: any(x in compact(t) for x in terms))

    def _gloss(self, cite: Citation, question: str) -> Candidate | None:
        """The unnumbered note of the cited sentence's section that explains a term both the
        sentence and the question use ("※ アセスメントレポート： …"), if any."""
        said, asked = compact(cite.text), compact(question)

        def explains(t: str) -> bool:
            m = _GLOSS_OPENING.match(t)
            return m is not None and (term := compact(m.group("t"))) in said and term in asked

        return self._first_sentence(cite.section_id, True, explains)

    def _footnote(self, sid: str, mark: str) -> Candidate | None:
        """The sentence of section ``sid`` that opens footnote ``mark`` ("※1 FedRAMP PMO : …")."""
        opens = re.compile(re.escape(mark) + r"(?!\d)")
        return self._first_sentence(sid, None, lambda t: bool(opens.match(t.lstrip())))

    def _first_sentence(self, sid: str, notes: bool | None, keep: Callable[[str], bool]) -> Candidate | None:
        """The first sentence of section ``sid`` that ``keep`` accepts: among its notes only
        (``notes=True``), outside them (``False``) or anywhere (``None``)."""
        for p in self.index.passages_of(sid):
            if notes is not None and (p.field == NOTE_FIELD) != notes:
                continue
            for a, b in self._sentences(p):
                if keep(p.text[a:b]):
                    return Candidate(p, a, b, 0.0, 0.0)
        return None

    # ------------------------------------------------------------------ output

    def citation(self, cand: Candidate) -> Citation:
        p = cand.passage
        s = self.sections[p.section_id]
        start, end = p.source_span(cand.start, cand.end)
        return Citation(
            section_id=s.id,
            title=s.title,
            path=" › ".join(s.path),
            field=p.field,
            text=cand.text,
            start=start,
            end=end,
            score=cand.score,
            passage_id=p.id,
            doc=p.doc,
            page=s.page,
        )

    def label(self, c: Citation) -> str:
        return f"［{c.section_id} {short_title(c.title)} › {c.field}］"

    def compose(self, question: str, cites: list[Citation]) -> str:
        lines = [f"{c.text}{self.label(c)}" for c in cites]
        if is_mostly_english(question):
            return "From the report (quoted in Japanese):\n" + "\n".join(lines)
        return "\n".join(lines)

    def abstention(self, question: str, related: list[str]) -> str:
        english = is_mostly_english(question)
        head = ABSTAIN_EN if english else ABSTAIN_JA
        if not related:
            return head
        names = [f"{sid} {short_title(self.sections[sid].title)}" for sid in related if sid in self.sections]
        if english:
            return f"{head} Nearest sections: " + "; ".join(names)
        return f"{head}関連しそうな節: " + "、".join(names)


# a numbered footnote and the term it opens with: "2 International Standard … (ISAE) 3000 (Revised)",
# "※1 FedRAMP PMO : …", "1 HORIZON 2020 : …"
# an unnumbered note on a term: "※ アセスメントレポート： …", "※ SOC2 : …"
_GLOSS_OPENING = re.compile(r"\s*※\s*(?P<t>[^\d\s:：。][^:：。]{1,40}?)\s*[:：]")
_NOTE_OPENING = re.compile(r"\s*(?:※\s*)?\d{1,2}\s+(?P<t>[^:：。]{2,40}?)\s*[:：]|\s*(?:※\s*)?\d{1,2}\s+[^。]{0,80}?[(（](?P<a>[A-Z][A-Za-z0-9\-]{1,10})[)）]\s*(?P<n>\d+)?")


def _glossed_terms(note: str) -> list[str]:
    """The term a numbered footnote explains, compacted, in the forms a sentence may use it
    ("ISAE 3000", "ISAE"); none for a note that is no footnote on a term."""
    m = _NOTE_OPENING.match(note)
    if not m:
        return []
    if m.group("t"):
        return [compact(m.group("t"))]
    return [compact(f"{m.group('a')} {m.group('n')}")] if m.group("n") else [compact(m.group("a"))]


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.passage.id == b.passage.id and not (a.end <= b.start or b.end <= a.start)
