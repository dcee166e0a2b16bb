"""Answers shaped like the question, still made only of the report's text.

``Answerer`` picks the best sentences for a lookup; this module routes the
other shapes to the readers that build them from the same material: a list across
sections (every section that satisfies a condition) by ``across``, definitions by ``definition``, sweeps (every
date or address of some sections) by ``sweep``, enumerations by ``listing``, comparison tables built by
``comparison``, the catalogue listed by ``catalogue_answer``, questions about the
report itself by ``frontmatter``, a figure's cells by ``figure_quote``. Every line is a quoted
sentence or table cell with its citation; only labels (names, 「記載なし」,
counts computed from the records) are framing.
"""

from __future__ import annotations

import re

from .across import AcrossLister
from .answer import Answerer
from .catalogue import CatalogueRecord
from .catalogue_answer import CatalogueLister
from .comparison import Comparer
from .definition import Definer
from .entities import EntityTable
from .figure_quote import FigureQuoter
from .frontmatter import FrontMatter
from .heading_lists import HeadingLister
from .japanese import compact
from .listing import ListReader, announces
from .named_only import standard_numbers
from .outline import split_number
from .quoting import Quoter, Shaped, bare_name, first_declarative, overlaps
from .retrieve import Retrieval
from .rows import field_concept, pointed_row
from .section_refs import CIRCLED
from .segment import TITLE_PAGE_ID
from .shape import Shape
from .sweep import Sweeper
from .types import Citation
from .walk import Walker, asks_each_note, asks_for_links, asks_to_walk, leaves_out_notes


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
        # (their titles without numbers, as a question names them: 「本書の構成」)
        self.front_titles = {sid: compact(split_number(self.sections[sid].title)[1]) for sid in self.front_ids}
        self.across_lister = AcrossLister(index, sections, answerer, records, glossary, self.set_sections, self.front_ids)
        self.heading_lister = HeadingLister(index, sections, answerer, records, self.front_ids)
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
        self.lister = CatalogueLister(index, sections, answerer, records, self.part_cites)

    def parts_of(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        """"NIST関連の文書は？名前も全部": a section made of parts under headings of their own
        (2.4.6's documents) is enumerated by them: each heading with its first sentence,
        and the items a sentence announces ("次の文書も発行されている。" + two titles)."""
        sid = shape.entities[0] if len(shape.entities) == 1 else (r.sections[0][0] if r.sections else None)
        parts = self.part_cites(sid) if sid else []
        if len(parts) < 2 or not _PARTS_ASKED.search(question) or _MEMBERS_ASKED.search(question):
            return None
        cites: list[Citation] = []
        lines: list[str] = []
        for fld, c, more in parts:
            cites += [c, *more]
            lines.append(self.line(c, f"- {fld}: "))
            lines += [self.line(m, "  ") for m in more]
        return Shaped(cites, self.frame(question, lines)) if cites else None

    def part_cites(self, sid: str) -> list[tuple[str, Citation, list[Citation]]]:
        """The parts of a section made of parts under headings of their own, in order: each
        heading, its first sentence, and the items that sentence announces."""
        if sid not in self.parts:
            return []  # (most sections: the catalogue asks this of every record)
        order = [p.field for p in self.index.passages_of(sid)]
        out = []
        for fld in sorted(self.parts.get(sid, []), key=order.index):
            p = next(p for p in self.index.passages_of(sid) if p.field == fld)
            span = first_declarative(self.answerer.sentence_spans(p), p.text)
            if span:
                c = self.cite_span(p, *span)
                out.append((fld, c, self.lists.items_after(c) if announces(c.text) else []))
        return out

    def titled_parts(self, question: str) -> list[str]:
        """The report's own parts (not entries) a question names by their whole title
        (「本書の構成」, 「ISMS 専門部会」)."""
        c = compact(question)
        return [sid for sid, t in self.front_titles.items() if len(t) >= 4 and t in c]

    def walk_through(self, shape: Shape, question: str) -> Shaped | None:
        """「EU-SECの項を書かれている順番に追って」: the one entry the question names, read
        through in the report's order (or its one sub-part the question names)."""
        named = [sid for sid in dict.fromkeys(shape.entities) if sid in self.by_id]
        if len(named) == 1 and pointed_row(question) == "note" and asks_each_note(question):
            # "In their order, what do the three footnotes under the … table explain?": each note
            cites = self.walker.notes(named[0])
            return Shaped(cites, self.frame(question, [self.line(c) for c in cites])) if cites else None
        if not asks_to_walk(question):
            return None
        if not named:
            # 「本書の構成の節を書かれている順に」: a part of the report named by its whole title
            named = self.titled_parts(question)
        # (a document named by number may be a term of another entry too: its own sub-heading wins)
        sub = self.walker.named_subpart(question, {sid: self.parts.get(sid, []) for sid in named})
        notes, links = not leaves_out_notes(question), asks_for_links(question)
        if sub is not None:
            cites = self.walker.walk(sub[0], part=sub[1], notes=notes, links=links)
        elif len(named) == 1:
            cites = self.walker.walk(named[0], notes=notes, links=links)
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
        return self.across_lister.answer(shape, r, question)

    def catalogues_examples(self, question: str) -> bool:
        return self.across_lister.catalogues_examples(question)

    def by_headings(self, question: str) -> Shaped | None:
        return self.heading_lister.answer(question)

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


# "名前も全部", "which documents": the parts of a section by their headings
# ("SOC2の分野を全部" asks for 5 分野 in a sentence, not for SOC2's and SOC2+'s headings)
_PARTS_ASKED = re.compile(r"文書|名前|名称|\bdocuments?\b|\bpublications?\b|\bnames?\b", re.I)
_MEMBERS_ASKED = re.compile(r"分野|領域|レベル|段階|種類|機能|項目|要素|プロセス|\blevels?\b|\btiers?\b|\bareas?\b|\bdomains?\b|\btypes?\b|\bprocess", re.I)
