"""Answers shaped like the question, still made only of the report's text.

``Answerer`` picks the best sentences for a lookup; this module builds the
other shapes from the same material: a definition (what X is, with its full
name and issuer) and a list across sections (every section that satisfies a
condition). Enumerations are read by ``listing``, comparison tables built by
``comparison``, the catalogue listed by ``catalogue_answer``, questions about the
report itself by ``frontmatter``, a figure's cells by ``figure_quote``. Every line is a quoted
sentence or table cell with its citation; only labels (names, 「記載なし」,
counts computed from the records) are framing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .answer import Answerer, Candidate
from .catalogue import CatalogueRecord, match_group
from .catalogue_answer import CatalogueLister
from .comparison import Comparer, field_concept
from .entities import FOOTNOTE_MARK, Match
from .figure_quote import FigureQuoter
from .frontmatter import FrontMatter
from .japanese import (
    compact,
    content_words,
    is_katakana,
    is_mostly_english,
    japanese_dates,
    plain_english_words,
    search_tokens,
    stems,
    western_years,
)
from .listing import ListReader, announces
from .question_cues import asks_either, asks_where_used, asks_whole_report, group_words
from .quoting import Quoter, Shaped, bare_name, compact_cached, contains_id, english_title, first_declarative
from .retrieve import Retrieval
from .segment import TITLE_PAGE_ID, short_title
from .shape import Shape
from .sweep import Sweeper
from .types import Citation

MAX_LIST_LINES = 15
_IDENT = re.compile(
    r"(?:[A-Z][A-Za-z]*(?:/[A-Z]+)?\s?)+\d[A-Za-z0-9.\-:]*(?:\s?\d[A-Za-z0-9.\-]*)?"
    r"|(?<![A-Za-z])[A-Z]{2,}(?:\s[A-Z]{2,})?(?![A-Za-z])|[「『][^」』]{2,40}[」』]"
)
# a definition asked with more: 「…も含めて」, "including …", "and how/what/which …"
_ASKS_MORE = re.compile(r"も含めて|を含めて|含む形で|\bincluding\b|\b(?:and|also)\s+(?:how|what|which|who|when|why|whether)\b", re.I)


def _quoted_words(question: str) -> list[str]:
    """The words a question quotes, a quoted form of another (「準拠」（「準拠性」なども含む）)
    counted as that word."""
    quoted = re.findall(r"[「『]([^」』]{1,20})[」』]", question)
    return [k for k in quoted if not any(o != k and compact(o) in compact(k) for o in quoted)]


# words that ask rather than restrict: "触れる", "対象", "紹介" say nothing about which sections
_GENERIC_TERM = re.compile(
    r"対象|紹介|記載|言及|触れる|触れ|関係|関連|実施|使う|利用|ある|いる|する|なる|もの|こと|どれ|どこ|挙げる|教える|which|what|schemes?|mention"
    # the report and its parts, where a list question looks, not what for
    r"|報告書|本書|部分|箇所|セクション|パート",
)


class Composer(Quoter):
    """Builds the non-lookup shapes over one loaded index."""

    def __init__(self, index, sections, answerer: Answerer, records: list[CatalogueRecord], glossary=None):
        super().__init__(index, sections, answerer)
        self.records = records
        self.glossary = glossary  # the report's words for an English question's plain words
        self.by_id = {r.section_id: r for r in records}
        self.lists = ListReader(index, sections, answerer)
        self.front = FrontMatter(index, sections, answerer, records)
        self.figures = FigureQuoter(index, sections, answerer)
        self.lister = CatalogueLister(index, sections, answerer, records)
        self.sweeper = Sweeper(index, sections, answerer, records, self.front.named_parts)
        # a section that is itself a set (2.4.6: one sub-heading per NIST document) has
        # several field labels no other section uses; a table row label recurs everywhere
        uses: dict[str, set[str]] = {}
        for p in index.passages:
            uses.setdefault(p.field, set()).add(p.section_id)
        own: dict[str, int] = {}
        for sids in uses.values():
            if len(sids) == 1:
                sid = next(iter(sids))
                own[sid] = own.get(sid, 0) + 1
        self.set_sections = {sid for sid, n in own.items() if n >= 2}
        # the parts of the report that are no scheme's entry: introduction, purpose, figure,
        # conclusion, committee (not the title page, nor a chapter's bare heading "2")
        self.front_ids = [
            s.id
            for s in index.sections
            if s.id not in self.by_id and s.id != TITLE_PAGE_ID and not s.id.isdigit() and index.passages_of(s.id)
        ]
        # the sub-headings of those sections name parts: compact name -> (section, field label)
        subheadings: dict[str, tuple[str, str]] = {}
        for fld, sids in uses.items():
            sid = next(iter(sids))
            if len(sids) == 1 and sid in self.set_sections:
                base = bare_name(fld)
                if len(base) >= 3:
                    subheadings.setdefault(base, (sid, fld))
        self.comparer = Comparer(index, sections, answerer, records, subheadings, self.lists)
        self.parts: dict[str, list[str]] = {}  # section -> its sub-headings, in order
        for sid, fld in subheadings.values():
            self.parts.setdefault(sid, []).append(fld)

    def parts_of(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        """"NIST関連の文書は？名前も全部": a section made of parts under headings of their own
        (2.4.6's documents) is enumerated by them: each heading with its first sentence,
        and the items a sentence announces ("次の文書も発行されている。" + two titles)."""
        sid = shape.entities[0] if len(shape.entities) == 1 else (r.sections[0][0] if r.sections else None)
        order = [p.field for p in self.index.passages_of(sid)] if sid else []
        parts = sorted(self.parts.get(sid, []), key=order.index) if sid else []
        if len(parts) < 2 or not _PARTS_ASKED.search(question) or _MEMBERS_ASKED.search(question):
            return None
        cites: list[Citation] = []
        lines: list[str] = []
        for fld in parts:
            p = next(p for p in self.index.passages_of(sid) if p.field == fld)
            span = first_declarative(self.answerer.sentence_spans(p), p.text)
            if not span:
                continue
            c = self.cite_span(p, *span)
            more = self.lists.items_after(c) if announces(c.text) else []
            cites += [c, *more]
            lines.append(self.line(c, f"- {fld}: "))
            lines += [self.line(m, "  ") for m in more]
        return Shaped(cites, self.frame(question, lines)) if cites else None

    def issuer_first(self, question: str, cites: list[Citation]) -> list[Citation]:
        """"誰が作った？", "Who runs it?": the 名称 row, which names the issuer, leads."""
        if not cites or field_concept(question) != "issuer":
            return cites
        rec = self.by_id.get(cites[0].section_id)
        if rec is None or rec.name is None or rec.issuer is None:
            return cites
        cell = self.cite_cell(rec.name)
        rest = [c for c in cites if not (c.start < cell.end and c.end > cell.start and c.doc == cell.doc)]
        return [cell] + rest

    def expand_list(self, cites: list[Citation]) -> list[Citation]:
        return self.lists.expand_list(cites)

    def best_enumeration(self, cites: list[Citation], r: Retrieval) -> list[Citation]:
        return self.lists.best_enumeration(cites, r)

    def compare(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        return self.comparer.compare(shape, r, question)

    def meta(self, r: Retrieval, question: str) -> Shaped | None:
        return self.front.meta(r, question)

    def figure(self, figures, r: Retrieval, question: str) -> Shaped | None:
        return self.figures.answer(figures, r, question)

    def about_report(self, question: str) -> bool:
        return self.front.about_report(question)

    # ------------------------------------------------------------------ definition

    def _definition(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        sid = shape.entities[0] if shape.entities else None
        if sid is not None and shape.names and all(m.alias.kind == "term" for m in shape.names):
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
            sid = r.sections[0][0]
            if sid not in self.by_id or not set(search_tokens(shape.subject)) & self.answerer.name_tokens(sid):
                return None
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
        elif sid in self.by_id and subject and (held := self._term_sentence(sid, subject)) is not None:
            # a term of the scheme, not the scheme (「FISCのクラウド固有基準とは？」): the sentence
            # of its section that speaks of it, not the scheme's own name and summary
            cites.append(held)
        elif sid in self.by_id:
            rec = self.by_id[sid]
            for cell in (rec.name, rec.summary):
                if cell is not None:
                    cites.append(self.cite_cell(cell))
        if not cites:
            return None
        # a name that stands for "the following guidelines" is defined by them
        cites = self.expand_list(cites)
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def definition(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        """What the thing asked about is, and, when the question asks more of it (「SOC2との関係も
        含めて定義して」), the sentences of the same section that answer the question as a whole."""
        shaped = self._definition(shape, r, question)
        if shaped is None or not shaped.citations or not _ASKS_MORE.search(question):
            return shaped
        cites = list(shaped.citations)
        have = {(c.passage_id, c.start) for c in cites}
        for cand in self.answerer.select(r):
            c = self.answerer.citation(cand)
            if c.section_id == cites[0].section_id and (c.passage_id, c.start) not in have:
                cites.append(c)
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _term_sentence(self, sid: str, subject: str) -> Citation | None:
        """The first sentence of section ``sid`` that holds ``subject`` (compact), when the
        subject is no name of the section itself (not in its title nor its name row)."""
        rec = self.by_id[sid]
        own = compact(self.sections[sid].title) + compact(rec.name.text if rec.name else "")
        if len(subject) < 2 or subject in own:
            return None
        for p in self.index.passages_of(sid):
            for a, b in self.answerer.sentence_spans(p):
                if subject in compact(p.text[a:b]):
                    return self.cite_span(p, a, b)
        return None

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
            (re.compile(r"である" + k + r"\(|(?<![a-z0-9])" + k + r"\([a-z][a-z\-]+[a-z]|\(" + k + r"[:)]|:" + k + r"\)"), False),
            (re.compile(k + r"(?:\(.{1,40}?\))?(?:は、|は)"), True),
        )
        for pat, anchored in forms:
            for sid in self.sections:
                for p, _k, a, b in self.sentences_of(sid):
                    s = compact_cached(p.text[a:b])
                    # a footnote's mark opens it: "※3 X : …", "1 HORIZON 2020 : …"
                    if (pat.match(s) or pat.match(re.sub("^" + FOOTNOTE_MARK, "", s))) if anchored else pat.search(s):
                        cites = [self.cite_span(p, a, b)]
                        # a gloss is short: the sentence after it in the same text goes on
                        # defining (what CUI covers; what the PII controller beside the processor is)
                        spans = self.answerer.sentence_spans(p)
                        if _k + 1 < len(spans):
                            cites.append(self.cite_span(p, *spans[_k + 1]))
                        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))
        return None

    # ------------------------------------------------------------------ list across sections

    def across(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        if len(shape.entities) == 1 and shape.entities[0] in self.set_sections and not asks_where_used(question):
            # "NISTが出している文書を全部": the named section is itself a set of such documents
            title = compact(self.sections[shape.entities[0]].title)
            if any(compact(n) in title for n in _LIST_NOUN.findall(question)):
                return None
        pool = [x.section_id for x in self.records] or list(self.sections)
        # "海外の制度のうち、ISO/IEC 27001に言及しているもの": a group narrows the pool
        grouped = match_group(self.records, question, group_words(question))
        if grouped:
            pool = [x.section_id for x in grouped]
        elif asks_whole_report(question):
            pool = pool + [sid for sid in self.front_ids if sid not in pool]
        lines: list[str] = []
        cites: list[Citation] = []
        # the question's other words pick, among a section's sentences with the identifier,
        # the one that shows the relation ("…をベースに策定されており")
        soft = [k for w in content_words(question) if len(k := compact(w)) >= 2 and not _LIST_NOUN.fullmatch(k)]
        # "AICPA SOC reports or ISAE 3000": the sections that use either
        either = asks_either(question)
        for ident, own in self._conditions(shape, question):
            key = compact(ident)
            holders = [sid for sid in pool if contains_id(self.compact_of(sid), key)]
            if not any(ch.isdigit() for ch in key) and len(pool) >= 6 and len(holders) > 0.6 * len(pool):
                continue  # a word most sections use (ISMS) singles none out; a numbered standard does
            if len(holders) == 1 and any(
                m.alias.section_id == holders[0] and compact(m.alias.name) == key and _made_by(compact(question), m) for m in shape.names
            ):
                # "The Cloud Security Allianceが作った管理策マトリクスを使っている制度": a name only its own
                # section uses, as the maker of the thing asked about, is not which sections use it
                continue
            for sid in pool:
                if sid in own or not contains_id(self.compact_of(sid), key):
                    continue
                found = self._sentences_with(sid, [key, *soft], question, required=key, r=r, n=LIST_SENTENCES)
                if found and all(x.section_id != sid for x in cites):
                    cites.extend(found)
            if cites and not either:
                break
        if not cites:
            cites = self._term_list(question, pool, r)
        if not cites:
            cites = self._semantic_list(r, question, pool)
        if not cites:
            return None
        order = {sid: i for i, sid in enumerate(self.sections)}
        cites.sort(key=lambda c: order.get(c.section_id, 0))  # stable: a section's own order kept
        kept_sids = list(dict.fromkeys(c.section_id for c in cites))[:MAX_LIST_LINES]
        cites = [c for c in cites if c.section_id in kept_sids]
        english = is_mostly_english(question)
        lines = [
            self.line(c, "  " if k and cites[k - 1].section_id == c.section_id else f"- {self.name_of(c.section_id)}: ")
            for k, c in enumerate(cites)
        ]
        n = len(kept_sids)
        head = (f"{n} section" + ("s:" if n > 1 else ":")) if english else f"該当する記載は{n}件あります。"
        return Shaped(cites, self.frame(question, [head, *lines]))

    def _conditions(self, shape: Shape, question: str) -> list[tuple[str, set[str]]]:
        """Identifiers the question puts as a condition (ISO/IEC 27001, ISAE 3000,
        a named section's own name), each with the sections it names itself."""
        out: list[tuple[str, set[str]]] = []
        for m in shape.names:
            # a section that *is* the thing (2.4.1 for ISO/IEC 27017) does not refer to itself
            sec = self.sections.get(m.alias.section_id)
            is_own = sec is not None and (
                m.alias.kind == "name-title" or compact(m.alias.name) == compact(short_title(sec.title))
            )
            out.append((m.alias.name, {m.alias.section_id} if is_own else set()))
        quoted = re.findall(r"[「『]([^」』]+)[」』]", question)
        for m in _IDENT.finditer(question):
            ident = m.group(0).strip("「」『』 ")
            if m.group(0)[0] in "「『" and any(o != ident and compact(o) in compact(ident) for o in quoted):
                continue  # a form of another quoted word (「準拠性」 by 「準拠」), which is the condition
            if len(compact(ident)) >= 3:
                out.append((ident, set()))
            # "US HIPAA": two acronyms in a row may be a place and a name; each is a condition too
            if re.fullmatch(r"[A-Z]{2,}\s[A-Z]{2,}", ident):
                out += [(part, set()) for part in ident.split() if len(part) >= 3]
        # the most specific condition first: "ISO/IEC 27002" before "ISO"
        return sorted(out, key=lambda x: -len(compact(x[0])))

    def _sentence_with(
        self, sid: str, keys: list[str], question: str, required: str | None = None, r: Retrieval | None = None
    ) -> Citation | None:
        found = self._sentences_with(sid, keys, question, required, r, 1)
        return found[0] if found else None

    def _sentences_with(
        self, sid: str, keys: list[str], question: str, required: str | None = None, r: Retrieval | None = None,
        n: int = 1,
    ) -> list[Citation]:
        """The sentence of a section that shows the condition: the one holding the
        most of ``keys``; among those, the closest in meaning to the question,
        with a small preference for the row the question is about (対象 for
        "…を対象とした", else the relation row) and a footnote last."""
        concept = field_concept(question)
        row = {"target": "対象", "issuer": "名称", "summary": "概要"}.get(concept or "", "関連")
        ranked = []
        for p, k, a, b in self.sentences_of(sid):
            text = western_years(compact_cached(p.text[a:b]))
            if required is not None and not contains_id(text, required):
                continue
            have = stems(p.text[a:b])
            # a word matches in any inflection (紐づけ / 紐づける)
            hits = sum(
                1 for key in keys if contains_id(text, key) or (not key.isascii() and (key in text or stems(key) <= have))
            )
            if not hits:
                continue
            dense = self.sentence_score(r, p, k, a, b, {})[0] if r is not None else 0.0
            bonus = ROW_BONUS if row in p.field else 0.0 if p.field != "注記" else -ROW_BONUS
            ranked.append(((-hits, -(dense + bonus)), p, a, b))
        ranked.sort(key=lambda x: x[0])
        return [self.cite_span(p, a, b) for _, p, a, b in ranked[:n]]

    def _term_list(self, question: str, pool: list[str], r: Retrieval | None = None) -> list[Citation]:
        """No identifier: the question's own terms (第三者認証, サーベイランス, 3年) that
        single out a few sections; the sections holding all of them, when two or more do."""
        english = is_mostly_english(question)
        # 「品質」に触れている箇所: a word in quotes is the term itself, whatever else is said
        # (a value in quotes, 「3年」, is a condition on what is said, and "3年" is inside "2013年")
        quoted = _quoted_words(question)
        if quoted and all(len(compact(k)) >= 2 and not re.search(r"\d", k) for k in quoted):
            if found := self._given_terms(question, quoted, pool, r):
                return found
        words = content_words(question)
        if english:
            # "(責任分界点 or 責任分掌)": the report's own words, which the question gives, are the terms
            given = [w for w in words if not w.isascii() and len(compact(w)) >= 2]
            if given:
                return self._given_terms(question, given, pool, r)
        terms = []
        # ("July 2018" is looked up as the report writes it: 2018年7月)
        plain = {w.lower() for w in plain_english_words(question)} if english else set()
        for w in words + japanese_dates(question):
            key = compact(w)
            if len(key) < 2 or _LIST_NOUN.fullmatch(key) or _GENERIC_TERM.fullmatch(key):
                continue
            if w.lower() in plain or (english and w.isalpha() and w[:1].isupper() and w[1:].islower()):
                continue  # a plain English word ("out", "guidelines", "Give") is noise in a Japanese report
            holders = {sid for sid in pool if key in self.compact_of(sid)}
            if 1 <= len(holders) <= max(2, 0.6 * len(pool)):
                terms.append((key, holders))
        if not terms and english and asks_whole_report(question):
            # "where in the report does X come up" asks where a word stands
            return self._translated_list(question, pool, r)
        if not terms:
            return []
        if len(terms) == 1 and len(terms[0][1]) > MAX_SINGLE_TERM_SECTIONS:
            # one common word ("参照すべき…") singles out nothing: half the report holds it
            return []
        common = set.intersection(*(h for _, h in terms))
        if len(common) < 2:
            return []
        return self._each_with(pool, common, [k for k, _ in terms], question, r)

    def _given_terms(self, question: str, given: list[str], pool: list[str], r: Retrieval | None) -> list[Citation]:
        """The sections that hold the Japanese words an English question names: all of
        them, or any one for "A or B"."""
        keys = [compact(w) for w in given]
        held = [{sid for sid in pool if k in self.compact_of(sid)} for k in keys]
        common = set.union(*held) if asks_either(question) else set.intersection(*held)
        return self._each_with(pool, common, keys, question, r)

    def _translated_list(self, question: str, pool: list[str], r: Retrieval | None) -> list[Citation]:
        """The sections holding the report's loanword for an English question's most
        telling plain word ("on-premises" -> オンプレミス): the word held by the fewest
        sections, two or more. Only one word: a word-by-word translation is too loose
        to intersect."""
        if self.glossary is None:
            return []
        best: tuple[list[str], set[str]] | None = None
        for w in content_words(question):
            if len(w) < 4 or not re.fullmatch(r"[a-z][a-z\-]+", w) or _LIST_FRAME_EN.fullmatch(w):
                continue
            keys = [compact(x) for x in self.glossary.words_for(w) + self.glossary.words_for(w.split("-")[-1])]
            # a loanword renders the English word itself; a kanji word may render another of
            # its senses ("validity" -> 有効性, "state" -> 国家)
            keys = [k for k in dict.fromkeys(keys) if len(k) >= 3 and is_katakana(k)]
            holders = {sid for sid in pool if any(k in self.compact_of(sid) for k in keys)}
            if 2 <= len(holders) <= MAX_SINGLE_TERM_SECTIONS and (best is None or len(holders) < len(best[1])):
                best = (keys, holders)
        if best is None:
            return []
        return self._each_with(pool, best[1], best[0], question, r)

    def _each_with(self, pool: list[str], sids: set[str], keys: list[str], question: str, r: Retrieval | None) -> list[Citation]:
        """The sentences that show the terms, section by section in the pool's order."""
        return [c for sid in pool if sid in sids for c in self._sentences_with(sid, keys, question, r=r, n=LIST_SENTENCES)]

    def _semantic_list(self, r: Retrieval, question: str, pool: list[str], margin: float = 0.6) -> list[Citation]:
        """No identifier to match: the scheme sections whose best sentence scores
        within ``margin`` of the best one, by the answerer's own (rescaled) score,
        each with its next sentence when that one is within the margin too."""
        kept = [(sid, sc) for sid, sc in r.sections if sid in pool][: MAX_LIST_LINES]
        if not kept:
            return []
        sub = replace(r, hits=[h for h in r.hits if h.passage.section_id in pool], sections=kept, entity_sections={}, preferred={})
        wide = replace(self.answerer.config, sections_considered=len(kept))
        cands = self.answerer.candidates(sub, wide)
        best: dict[str, list[Candidate]] = {}
        for cand in cands:
            got = best.setdefault(cand.passage.section_id, [])
            if len(got) < LIST_SENTENCES:
                got.append(cand)
        if not best:
            return []
        top = max(cs[0].score for cs in best.values())
        return [self.answerer.citation(c) for cs in best.values() for c in cs if c.score >= margin * top]

    # ------------------------------------------------------------------ catalogue

    def catalogue(self, shape: Shape, question: str) -> Shaped:
        return self.lister.answer(shape, question)

    def sweep(self, shape: Shape, question: str, kind: str) -> Shaped | None:
        """Every value of one kind (dates, web addresses, footnotes…) in the sections asked about."""
        return self.sweeper.answer(question, kind, shape.entities)


_LIST_NOUN = re.compile(r"文書|規格|ガイドライン|制度|認証|スキーム")
# the words of an English list question that say where to look, not what for
_LIST_FRAME_EN = re.compile(
    r"reports?|sections?|parts?|places?|chapters?|pages?|entr(?:y|ies)|mentions?|mentioned|talks?|gives?|lists?|names?|named"
    r"|appears?|refers?|comes?|every|where|which|about|anywhere|documents?|schemes?|standards?|guidelines?"
)
# a cosine margin: the row a list question is about wins among near-equal sentences
ROW_BONUS = 0.01
# sentences per section of a list: the first-ranked sentence missed the item on about
# half the dev and probe questions whose wording differs from the report
LIST_SENTENCES = 3
# "名前も全部", "which documents": the parts of a section by their headings
# ("SOC2の分野を全部" asks for 5 分野 in a sentence, not for SOC2's and SOC2+'s headings)
_PARTS_ASKED = re.compile(r"文書|名前|名称|\bdocuments?\b|\bpublications?\b|\bnames?\b", re.I)
_MEMBERS_ASKED = re.compile(r"分野|領域|レベル|段階|種類|機能|項目|要素|プロセス|\blevels?\b|\btiers?\b|\bareas?\b|\bdomains?\b|\btypes?\b|\bprocess", re.I)
# a list made from one word of the question needs a word that few sections use
MAX_SINGLE_TERM_SECTIONS = 4


# 「Xが作った…」, "… developed by X": X made the thing the question asks about
_MAKER_AFTER = re.compile(r"^[)）]*(?:が|の)(?:作(?:った|成した)|策定した|開発した|定めた|出した|発行した|公開した)")
_MAKER_BEFORE = re.compile(r"(?:made|developed|created|published|issued|written)by(?:the)?$")


def _made_by(q: str, m: Match) -> bool:
    """Is the name at ``m`` (offsets in the compact question ``q``) the maker of what is asked about?"""
    return bool(_MAKER_AFTER.match(q[m.end :]) or _MAKER_BEFORE.search(q[: m.start].lower()))
