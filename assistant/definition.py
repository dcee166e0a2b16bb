"""Definitions: what the thing a question asks about is, in the report's words.

A scheme with a section of its own is defined by its name row and summary; a
sub-part of one (SOC2+ in 2.4.5) by the first sentence under its own heading; a
term a section uses (3PAO, クラウド固有基準) by the sentence that speaks of it; a
term without a section by the sentence that glosses it where the report first does
(「Xとは、…」, "X : …", 「…(以下 X という)」). A definition asked with more
(「SOC2との関係も含めて」) adds the sentences of the same section that answer the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .catalogue import CatalogueRecord
from .entities import FOOTNOTE_MARK
from .japanese import compact, search_tokens
from .listing import announces
from .quoting import BRACKETED, Quoter, Shaped, bare_name, compact_cached, english_title, first_declarative
from .retrieve import Retrieval
from .shape import Shape
from .types import Citation

# a definition asked with more: 「…も含めて」, "including …", "and how/what/which …"
_ASKS_MORE = re.compile(
    r"も含めて|を含めて|含む形で|\bincluding\b|\b(?:and|also)\s+(?:how|what|which|who|when|why|whether)\b"
    # ("Define X as the report presents it: what it is for, how it relates to Y")
    r"|:\s*(?:what|how|which|who|whom|when|why|whether)\b",
    re.I,
)
# a sentence that opens on a thing just named: 「この Baseline は」, 「同規格は」, "This baseline"
_DEMONSTRATIVE = re.compile(r"^\s*(?:この|同|当該|本|this\s+|these\s+)\s*(\S{1,20}?)\s*(?:は|では|には|の|,|\s)", re.I)


# sentences of a scheme's summary a definition quotes, its first included
SUMMARY_SENTENCES = 3


# the sentences that speak of a term of an entry, quoted to define it
TERM_SENTENCES = 3
# a definition asked with more: how many other sections' sentences that speak of the term are quoted
ELSEWHERE_SENTENCES = 2


def _held(subject: str, text: str) -> bool:
    """Does the (compact) text hold the (compact) subject, a term of some length?"""
    return len(subject) >= 4 and subject in text


# a title line in English ("Information technology – Security techniques – …")
_ENGLISH_LINE = re.compile(r"^[\x00-\x7f–—]+$")
# "X : https://…" (compact) points to a thing, it does not say what it is
_POINTER = re.compile(r":https?://")


class Definer(Quoter):
    """Says what a scheme or a term is, quoting the report."""

    def __init__(
        self, index, sections, answerer, records: list[CatalogueRecord], expand_list: Callable[[list[Citation]], list[Citation]],
        subheadings: dict[str, tuple[str, str]],
    ):
        super().__init__(index, sections, answerer)
        self.by_id = {r.section_id: r for r in records}
        self.expand_list = expand_list  # a name that stands for "the following …" is defined by them
        self.subheadings = subheadings  # the composer's: compact name -> (section, sub-heading)

    def _define(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        sid = shape.entities[0] if shape.entities else None
        # a term with a heading of its own (NIST SP 800-53 (Rev.4) in 2.4.6) is defined there,
        # not by the footnote of another entry that glosses it in passing
        if (own := self._headed_in(shape.subject)) is not None:
            sid = own
        elif sid is not None and shape.names and all(m.alias.kind == "term" for m in shape.names):
            # a term a section uses (3PAO in FedRAMP's), not the section's own name: what the term is
            found = self._defining_sentence(shape.subject, question)
            if found is not None:
                return found
        if sid is None:
            found = self._defining_sentence(shape.subject, question)
            if found is not None or not r.sections:
                return found
            # a name the entity table lacks ("the NIS Directive"): the best-ranked scheme, when
            # its name shares a word with the subject (not NIST's for "CUI")
            # (or whose text holds the subject: the G-Cloud entry for its Cloud Security Principle)
            sid = r.sections[0][0]
            if sid not in self.by_id or not (
                set(search_tokens(shape.subject)) & self.answerer.name_tokens(sid) or _held(compact(shape.subject), self.compact_of(sid))
            ):
                return self._uses(shape.subject, question)
        subject = compact(shape.subject)
        # a sub-part of a section (SOC2+ in 2.4.5, NIST SP 800-171 in 2.4.6) is defined under its own heading
        sub = [p for p in self.index.passages_of(sid) if subject and compact(p.field).startswith(subject)]
        cites: list[Citation] = []
        if sub:
            title = english_title(sub[0])
            if title:
                cites.append(self.cite_span(sub[0], 0, len(title)))
            for p in sub:
                first = first_declarative(self.answerer.sentence_spans(p), p.text)
                if first:
                    cites.append(self.cite_span(p, *first))
                    break
        elif sid in self.by_id and subject and (held := self._term_sentences(sid, subject)):
            # a term of the scheme, not the scheme (「FISCのクラウド固有基準とは？」): the sentences
            # of its section that speak of it, not the scheme's own name and summary
            cites += held
        elif sid in self.by_id:
            rec = self.by_id[sid]
            for cell in (rec.name, rec.summary):
                if cell is not None:
                    cites.append(self.cite_cell(cell))
            if rec.summary is not None:
                # the summary's first sentence says what it is; the next ones how it works
                # (who assesses, its levels, who certifies): a definition an expert would give
                p = self.index.passages[rec.summary.passage_id]
                start = max(p.text.find(rec.summary.text), 0)
                following = [(a, b) for a, b in self.answerer.sentence_spans(p) if a > start]
                for a, b in following[: SUMMARY_SENTENCES - 1]:
                    if not announces(p.text[a:b]):
                        cites.append(self.cite_span(p, a, b))
        if not cites:
            return None
        # a name that stands for "the following guidelines" is defined by them
        cites = self.expand_list(cites)
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _headed_in(self, subject: str) -> str | None:
        """The section with a sub-heading of its own named by the subject."""
        found = self.subheadings.get(bare_name(subject))
        return found[0] if found else None

    def answer(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        """What the thing asked about is, and, when the question asks more of it (「SOC2との関係も
        含めて定義して」), the sentences of the same section that answer the question as a whole."""
        shaped = self._define(shape, r, question)
        if shaped is None or not shaped.citations:
            return shaped
        cites = list(shaped.citations)
        have = {(c.passage_id, c.start) for c in cites}
        if shape.subject and (after := self._refers_back(cites[0], shape.subject)) is not None:
            # 「…Baseline に規定されている。この Baseline は、…以下の 3 段階…」 goes on defining it
            # (unless the definition quotes it already: 「3PAO は、…の認定を受ける必要がある」)
            new = [c for c in self.expand_list([after]) if (c.passage_id, c.start) not in have]
            cites[1:1] = new
            have |= {(c.passage_id, c.start) for c in new}
        # (a scheme's name row and summary leave its features out: its best sentence for the
        # question follows, unless that only announces a list of other things: 「他のシリーズは以下の通り」)
        asked_more = bool(_ASKS_MORE.search(question))
        subject = compact(re.sub(r"\s*[（(][^)）]*[)）]\s*$", "", shape.subject or ""))
        more = self.answerer.select(r) if asked_more else self.answerer.select(r)[:1]
        for cand in more:
            c = self.answerer.citation(cand)
            if not asked_more and announces(c.text):
                continue
            if c.section_id == cites[0].section_id and (c.passage_id, c.start) not in have:
                cites.append(c)
                have.add((c.passage_id, c.start))
        if asked_more:
            # asked more of a term, other sections' sentences that speak of the term itself answer
            # too (a standard glossed in one footnote is described in other entries)
            held = sorted(
                (
                    (-self.sentence_score(r, p, k, a, b, {})[0], p, a, b)
                    for sid in self.sections if sid != cites[0].section_id
                    for p, k, a, b in self.sentences_of(sid)
                    # (a sentence that says something of it: not a figure's cell that only names it,
                    # nor another standard's title, English or bracketed, that holds its number)
                    if _held(subject, t := compact_cached(p.text[a:b])) and len(t) >= 3 * len(subject) and (p.id, a) not in have
                    and not _ENGLISH_LINE.match(p.text[a:b].strip()) and not BRACKETED.match(p.text[a:b])
                ),
                key=lambda x: x[0],
            )
            cites += [self.cite_span(p, a, b) for _, p, a, b in held[:ELSEWHERE_SENTENCES]]
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _refers_back(self, c: Citation, subject: str) -> Citation | None:
        """The sentence after ``c`` when it opens on the term again, with a demonstrative
        (「この Baseline は」, 「同規格は」) or by itself (「…（以下「統一基準群」という。）
        統一基準群は、以下の4つの文書から構成される。」): it says more of what is defined."""
        nxt = self.sentence_after(c)
        if nxt is None:
            return None
        if len(key := compact(subject)) >= 2 and re.match(re.escape(key) + r"(?:は|とは|では)", compact(nxt.text)):
            return nxt
        m = _DEMONSTRATIVE.match(nxt.text)
        words = re.findall(r"[A-Za-z]{3,}|[一-龯ァ-ヺー]{2,}", subject)
        return nxt if m and any(w.lower() in m.group(1).lower() for w in words) else None

    def _term_sentences(self, sid: str, subject: str) -> list[Citation]:
        """The sentences of section ``sid`` that hold ``subject`` (compact), in order, a few
        at most, when the subject is no name of the section itself (not in its title nor its
        name row): what the entry says the term is used for, and what it refers to."""
        rec = self.by_id[sid]
        own = compact(self.sections[sid].title) + compact(rec.name.text if rec.name else "")
        if len(subject) < 2 or subject in own:
            return []
        return self._holding(subject, [sid])[:TERM_SENTENCES]

    def _holding(self, key: str, sids: Iterable[str]) -> list[Citation]:
        """The sentences of these sections that hold ``key`` (compact), in order, but for an
        "X : https://…" line, which points to a thing and says nothing of it."""
        return [
            self.cite_span(p, a, b)
            for sid in sids
            for p, _k, a, b in self.sentences_of(sid)
            if key in (text := compact_cached(p.text[a:b])) and not _POINTER.search(text)
        ]

    def glossed_in(self, subject: str) -> str | None:
        """The section where the report says what a term is (where it first glosses it)."""
        found = self._defining_sentence(subject, subject)
        return found.citations[0].section_id if found is not None and found.citations else None

    def _uses(self, subject: str, question: str) -> Shaped | None:
        """A word the report uses without glossing it (責任分界点): the few sentences that
        use it, in the report's order, say what it means there; a word used more often
        is no term to define this way."""
        key = compact(subject.strip().strip("「」『』\"'“”‘’"))
        # (an English subject is the asker's gloss: "assessment" is inside "Self-Assessment")
        if len(key) < 3 or key.isascii():
            return None
        found = self._holding(key, self.sections)
        if not found or len(found) > TERM_SENTENCES:
            return None
        return Shaped(found, self.frame(question, [self.line(c) for c in found]))

    def _defining_sentence(self, subject: str, question: str) -> Shaped | None:
        """A term without a section of its own: the sentence that says what it is.
        Reports define a term where they first gloss it, so the forms are tried
        in order over the whole report: ``Xとは、…`` / ``X : …`` at the start;
        ``…(… : 以下 X という)``; ``…である X (…)`` or ``X (expansion)``; ``Xは、…``
        at the start."""
        # "CUI (Controlled Unclassified Information)": the term, without the gloss the asker added
        subject = re.sub(r"\s*[（(][^)）]*[)）]\s*$", "", subject) or subject
        # 「基本言明要件」, 'PII processor': the term, not its quotes
        subject = subject.strip().strip("「」『』\"'“”‘’")
        key = compact(re.sub(r"^\s*(?:a|an|the)\s+", "", subject, flags=re.I))
        if len(key) < 2:
            return None
        k = re.escape(key)
        forms = (  # (pattern, anchored at the sentence start)
            (re.compile(k + r"(?:\(.{1,40}?\))?(?:とは|:)"), True),
            (re.compile(r"以下[「『]?" + k + r"[」』]?(?:という|と呼ぶ|と称する|とする)"), False),
            # …である X (…), X (expansion), (X : …), and an expansion itself: 3PAO (X), (JAB : X)
            # (an expansion is in Latin letters to its bracket: not 「PII 管理者（PII コントローラ）」)
            (re.compile(r"である" + k + r"\(|(?<![a-z0-9])" + k + r"\([a-z][a-z\-]+[a-z][a-z\-.,&/]*\)|\(" + k + r"[:)]|:" + k + r"\)"), False),
            (re.compile(k + r"(?:\(.{1,40}?\))?(?:は、|は)"), True),
        )
        for pat, anchored in forms:
            for sid in self.sections:
                for p, _k, a, b in self.sentences_of(sid):
                    s = compact_cached(p.text[a:b])
                    # a footnote's mark opens it: "※3 X : …", "1 HORIZON 2020 : …"
                    if _POINTER.search(s):
                        continue  # "X : https://…" points to it, it does not say what it is
                    if (pat.match(s) or pat.match(re.sub("^" + FOOTNOTE_MARK, "", s))) if anchored else pat.search(s):
                        cites = [self.cite_span(p, a, b)]
                        # a gloss is short: the sentence after it in the same text goes on
                        # defining (what CUI covers; what the PII controller beside the processor is)
                        spans = self.answerer.sentence_spans(p)
                        if _k + 1 < len(spans):
                            cites.append(self.cite_span(p, *spans[_k + 1]))
                        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))
        return None
