"""Answers shaped like the question, still made only of the report's text.

``Answerer`` picks the best sentences for a lookup; this module builds the
other shapes from the same material: a list across sections (every section that
satisfies a condition). Definitions are read by ``definition``, sweeps (every
date or address of some sections) by ``sweep``, enumerations by ``listing``, comparison tables built by
``comparison``, the catalogue listed by ``catalogue_answer``, questions about the
report itself by ``frontmatter``, a figure's cells by ``figure_quote``. Every line is a quoted
sentence or table cell with its citation; only labels (names, 「記載なし」,
counts computed from the records) are framing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .answer import Answerer, Candidate
from .asked_names import WILDCARD
from .catalogue import CatalogueRecord, match_group
from .catalogue_answer import CatalogueLister
from .comparison import Comparer
from .definition import Definer
from .entities import EntityTable, Match
from .figure_quote import FigureQuoter
from .frontmatter import FrontMatter
from .japanese import (
    compact,
    content_words,
    is_katakana,
    is_mostly_english,
    japanese_dates,
    plain_english_words,
    stems,
    western_years,
)
from .listing import ListReader, announces
from .named_only import standard_numbers
from .question_cues import (
    asks_both_sides,
    asks_either,
    asks_where_used,
    asks_whole_report,
    bracketed_examples,
    english_word_asked,
    group_words,
    names_a_word,
    negates_mention,
    word_named,
)
from .quoting import Quoter, Shaped, bare_name, compact_cached, contains_id, first_declarative, overlaps
from .retrieve import Retrieval
from .rows import ROW_LABELS, field_concept
from .section_refs import CIRCLED
from .segment import TITLE_PAGE_ID, short_title
from .shape import Shape
from .sweep import Sweeper
from .types import Citation
from .walk import Walker, asks_to_walk, leaves_out_notes

MAX_LIST_LINES = 15
# a list made from one word of the question needs a word that few sections use
MAX_SINGLE_TERM_SECTIONS = 4
_IDENT = re.compile(
    r"(?:[A-Z][A-Za-z]*(?:/[A-Z]+)?\s?)+\d[A-Za-z0-9.\-:]*(?:\s?\d[A-Za-z0-9.\-]*)?"
    r"|(?<![A-Za-z])[A-Z]{2,}(?:\s[A-Z]{2,})?(?![A-Za-z])|[「『][^」』]{2,40}[」』]"
)


def _longer_forms(question: str) -> set[str]:
    """The quoted words that are a longer form of another quoted word (「準拠性」 beside
    「準拠」: the shorter is the word asked about)."""
    quoted = re.findall(r"[「『]([^」』]+)[」』]", question)
    return {k for k in quoted if any(o != k and compact(o) in compact(k) for o in quoted)}


# a word opens with a kanji, a katakana or a Latin letter; wording opens with a particle
_IS_WORD = re.compile(r"[^ぁ-ゖ]")


def _quoted_words(question: str) -> list[str]:
    """The words a question quotes, but for the longer forms of another. A quoted
    turn of phrase marks the words around it as any words with a wave dash or an ellipsis
    (「〜となる」, 「〜を提供する組織」):
    its fixed pieces are the words. A quote followed by のように is an example of the
    kind of wording asked about, not the words to look for."""
    quoted = [p for k in re.findall(r"[「『]([^」』]{1,20})[」』](?!のよう)", question) for p in WILDCARD.split(k) if p]
    return [k for k in dict.fromkeys(quoted) if not any(o != k and compact(o) in compact(k) for o in quoted)]


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
        self.walker = Walker(index, sections, answerer)
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
        self.definer = Definer(index, sections, answerer, records, self.lists.expand_list, subheadings)
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

    def walk_through(self, shape: Shape, question: str) -> Shaped | None:
        """「EU-SECの項を書かれている順番に追って」: the one entry the question names, read
        through in the report's order (or its one sub-part the question names)."""
        if not asks_to_walk(question):
            return None
        named = [sid for sid in dict.fromkeys(shape.entities) if sid in self.by_id]
        # (a document named by number may be a term of another entry too: its own sub-heading wins)
        sub = self.walker.named_subpart(question, {sid: self.parts.get(sid, []) for sid in named})
        notes = not leaves_out_notes(question)
        if sub is not None:
            cites = self.walker.walk(sub[0], part=sub[1], notes=notes)
        elif len(named) == 1:
            cites = self.walker.walk(named[0], notes=notes)
        else:
            return None
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites])) if cites else None

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

    def marked_items(self, question: str, cites: list[Citation]) -> list[Citation]:
        """「③の統一基準と④のガイドラインは、それぞれ何年度版？」: the items of the answer's
        section that open with the circled numbers the question names, each quoted
        (after what was chosen, unless it is already there). An answer that names an item
        only by its number (「③は、…を示している。」) is followed by that item too."""
        if not cites:
            return cites
        opening = re.match(r"\s*([①-⑳])\s*[はがも]", cites[0].text)
        asked = CIRCLED.findall(question)
        marks = list(dict.fromkeys(asked + ([opening.group(1)] if opening else [])))
        if not marks:
            return cites
        sid = cites[0].section_id
        out = list(cites)
        for mark in asked:
            # 「④は何のための文書？」: the sentence that says what the item is (「④は、…を解説している。」)
            # follows the one chosen
            c = self._first_sentence(sid, re.compile(r"\s*" + mark + r"\s*[はが]"))
            if c is not None and not overlaps(c, out):
                out.insert(1, c)
        for mark in marks:
            # (the item itself, 「③ 政府機関等の…」, not a sentence about it, 「④は、③に…」)
            c = self._first_sentence(sid, re.compile(r"\s*" + mark + r"\s*(?![はがのにをと、])"))
            if c is not None and not overlaps(c, out):
                out.append(c)
        return out

    def _first_sentence(self, sid: str, pattern: re.Pattern) -> Citation | None:
        """The first sentence of section ``sid`` that opens as ``pattern`` says."""
        found = next(((p, a, b) for p, _k, a, b in self.sentences_of(sid) if pattern.match(p.text[a:b])), None)
        return None if found is None else self.cite_span(*found)

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

    def definition(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        return self.definer.answer(shape, r, question)

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
        unsaid: set[str] = set()
        if negates_mention(question):
            # "Which entries do not mention ISO/IEC 27001?": the others, each by its opening line;
            # "say how each relates to 27017, and name the entry that does not": both
            # (no match by words, no answer: a list by meaning has no complement)
            held = {c.section_id for c in cites}
            others = [c for sid in pool if cites and sid not in held and (c := self._opening_line(sid))]
            unsaid = {c.section_id for c in others}
            cites = (cites if asks_both_sides(question) else []) + others
            if not others:
                return None
        if not cites:
            cites = self._semantic_list(r, question, pool)
        if not cites:
            return None
        order = {sid: i for i, sid in enumerate(self.sections)}
        cites.sort(key=lambda c: order.get(c.section_id, 0))  # stable: a section's own order kept
        kept_sids = list(dict.fromkeys(c.section_id for c in cites))[:MAX_LIST_LINES]
        cites = [c for c in cites if c.section_id in kept_sids]
        english = is_mostly_english(question)
        none = "(not mentioned) " if english else "（記載なし）"
        lines = [
            self.line(c, "  " if k and cites[k - 1].section_id == c.section_id else f"- {self.name_of(c.section_id)}: " + (none if c.section_id in unsaid and len(unsaid) < len(kept_sids) else ""))
            for k, c in enumerate(cites)
        ]
        n = len(kept_sids)
        head = (f"{n} section" + ("s:" if n > 1 else ":")) if english else f"該当する記載は{n}件あります。"
        return Shaped(cites, self.frame(question, [head, *lines]))

    def _opening_line(self, sid: str) -> Citation | None:
        """What a section is: the first sentence of its overview row, else its first sentence."""
        spans = [(p, a, b) for p, _k, a, b in self.sentences_of(sid)]
        first = next(((p, a, b) for p, a, b in spans if "概要" in p.field), spans[0] if spans else None)
        return self.cite_span(*first) if first else None

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
        forms = _longer_forms(question)
        for m in _IDENT.finditer(question):
            ident = m.group(0).strip("「」『』 ")
            if m.group(0)[0] in "「『" and ident in forms:
                continue  # (the shorter quoted word is the condition)
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
        # (else the relation row or the links: "関連" labels both)
        row = ROW_LABELS[concept] if concept in ("target", "issuer", "summary") else "関連"
        ranked = []
        for p, k, a, b in self.sentences_of(sid):
            text = western_years(compact_cached(p.text[a:b]))
            if required is not None and not contains_id(text, required):
                continue
            have = stems(p.text[a:b])
            # a word matches in any inflection (紐づけ / 紐づける); a turn of phrase (となる,
            # が示されている: it opens with a particle) matches as written
            # (an English word inside a name, "Infocomm Media Development Authority", is run
            # together with its neighbours in the compact text: looked for as a word as written)
            hits = sum(
                1 for key in keys
                if contains_id(text, key) or (not key.isascii() and (key in text or _IS_WORD.match(key) and stems(key) <= have))
                or (key.isascii() and key.isalpha() and re.search(rf"(?<![A-Za-z]){re.escape(key)}(?![A-Za-z])", p.text[a:b], re.I))
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
        # 「お金やコスト（費用、有料、資金など）に触れている箇所」: the words given as examples are
        # the words looked for, any one of them
        # (an English question's Japanese words are the terms whatever brackets hold them: below)
        if not english and (examples := bracketed_examples(question)) and (found := self._given_terms(question, examples, pool, r, either=True)):
            return found
        if (word := english_word_asked(question) or word_named(question)) and (found := self._given_terms(question, [word], pool, r)):
            return found
        words = content_words(question)
        if english:
            # "(責任分界点 or 責任分掌)": the report's own words, which the question gives, are the terms
            # (one character is a term too when the question asks about it as written: "the character 各",
            # and then a longer form holding it is an example of it: "as in 各国")
            as_written = names_a_word(question)
            given = [w for w in words if not w.isascii() and (len(compact(w)) >= 2 or as_written)]
            if as_written:
                given = [w for w in given if not any(o != w and compact(o) in compact(w) for o in given)]
            if given:
                return self._given_terms(question, given, pool, r)
        terms = []
        # (sections *without* a word are asked for: a word most sections use singles out the rest)
        negated = negates_mention(question)
        most = len(pool) if negated else max(2, 0.6 * len(pool))
        # ("July 2018" is looked up as the report writes it: 2018年7月)
        plain = {w.lower() for w in plain_english_words(question)} if english else set()
        for w in words + japanese_dates(question):
            key = compact(w)
            if len(key) < 2 or _LIST_NOUN.fullmatch(key) or _GENERIC_TERM.fullmatch(key):
                continue
            if w.lower() in plain or (english and w.isalpha() and w[:1].isupper() and w[1:].islower()):
                continue  # a plain English word ("out", "guidelines", "Give") is noise in a Japanese report
            holders = {sid for sid in pool if key in self.compact_of(sid)}
            if 1 <= len(holders) <= most:
                terms.append((key, holders))
        if not terms and english and (asks_whole_report(question) or negated):
            # "where in the report does X come up" asks where a word stands
            return self._translated_list(question, pool, r, most=len(pool) if negated else MAX_SINGLE_TERM_SECTIONS)
        if not terms:
            return []
        if len(terms) == 1 and len(terms[0][1]) > MAX_SINGLE_TERM_SECTIONS and not negated:
            # one common word ("参照すべき…") singles out nothing: half the report holds it
            return []
        common = set.intersection(*(h for _, h in terms))
        if len(common) < (1 if negated else 2):
            return []
        return self._each_with(pool, common, [k for k, _ in terms], question, r)

    def _given_terms(
        self, question: str, given: list[str], pool: list[str], r: Retrieval | None, either: bool = False
    ) -> list[Citation]:
        """The sections that hold the Japanese words an English question names: all of
        them, or any one for "A or B" (or when ``either``)."""
        keys = [compact(w) for w in given]
        held = [{sid for sid in pool if k in self.compact_of(sid)} for k in keys]
        common = set.union(*held) if either or asks_either(question) else set.intersection(*held)
        return self._each_with(pool, common, keys, question, r)

    def _translated_list(self, question: str, pool: list[str], r: Retrieval | None, most: int = MAX_SINGLE_TERM_SECTIONS) -> list[Citation]:
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
            if 2 <= len(holders) <= most and (best is None or len(holders) < len(best[1])):
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
        return self.sweeper.answer(question, kind, shape.entities, [(m.alias.name, m.alias.section_id) for m in shape.names])

    def standards_compared(self, question: str, entities: EntityTable) -> tuple[str, str] | None:
        """「ISO/IEC 27001とISO/IEC 20000-1を比べて」: the two numbered standards a comparison
        names, each in its own entry or, with none, where the report glosses it (27001 in
        the ISMS entry's footnote)."""
        numbers = list(dict.fromkeys(standard_numbers(question)))
        if len(numbers) != 2:
            return None
        matches = entities.find(question)
        sids = []
        for n in numbers:
            own = {m.alias.section_id for m in matches if n in m.alias.name and m.alias.kind != "term"}
            sid = next(iter(own)) if len(own) == 1 else self.definer.glossed_in(f"ISO/IEC {n}" if n.isdigit() else n)
            sids.append(sid)
        a, b = sids
        return (a, b) if a and b and a != b else None

    def extreme_date(self, question: str, which: str) -> Shaped | None:
        """The sentences that give the report's earliest (or latest) year."""
        return self.sweeper.extreme(question, which)


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


# 「Xが作った…」, "… developed by X": X made the thing the question asks about
_MAKER_AFTER = re.compile(r"^[)）]*(?:が|の)(?:作(?:った|成した)|策定した|開発した|定めた|出した|発行した|公開した)")
_MAKER_BEFORE = re.compile(r"(?:made|developed|created|published|issued|written)by(?:the)?$")


def _made_by(q: str, m: Match) -> bool:
    """Is the name at ``m`` (offsets in the compact question ``q``) the maker of what is asked about?"""
    return bool(_MAKER_AFTER.match(q[m.end :]) or _MAKER_BEFORE.search(q[: m.start].lower()))
