"""Questions about the report itself: its title page (title, date, publisher),
and the front and back matter whose titles say what they hold (主旨 → purpose,
構成 → structure, おわりに → conclusion, 部会 → committee, はじめに → readers
and method). Never a scheme's section.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .answer import Answerer
from .catalogue import CatalogueRecord
from .japanese import compact
from .quoting import Quoter, Shaped, compact_cached
from .retrieve import Retrieval
from .segment import TITLE_PAGE_ID, short_title
from .types import Citation

ROLE_BOOST = 1.1  # a front-matter section whose title names what is asked (目的 -> 1.1 本書の主旨)

# what a question asks about a report -> the title of the section that holds it
_FRONT_MATTER = (
    (re.compile(r"委員|部会|主査|メンバー|committee|members|reviewed|working\s+group", re.I), re.compile(r"部会|委員|committee|members", re.I)),
    (re.compile(r"目的|主旨|趣旨|ねらい|狙い|purpose|\baim|\bwhy\b", re.I), re.compile(r"主旨|趣旨|目的|purpose", re.I)),
    (re.compile(r"構成|章立て|structure|organi[sz]ed|chapters", re.I), re.compile(r"構成|structure", re.I)),
    (re.compile(r"結論|まとめ(?![たてる])|総括|所見|conclu|findings", re.I), re.compile(r"おわりに|まとめ|結論|結び|conclusion", re.I)),
    (re.compile(r"読者|対象者|誰向け|誰のため|audience|intended|readers|調査方法|方法|method|how\s+was", re.I),
     re.compile(r"はじめに|序|introduction|preface", re.I)),
)


class FrontMatter(Quoter):
    """Answers from the title page and the sections that are not catalogue records."""

    def __init__(self, index, sections, answerer: Answerer, records: list[CatalogueRecord]):
        super().__init__(index, sections, answerer)
        self.record_ids = {r.section_id for r in records}

    def meta(self, r: Retrieval, question: str) -> Shaped | None:
        """Front and back matter: the title page, the introduction, purpose,
        structure, conclusion and the committee; never a scheme's section."""
        record_ids = self.record_ids
        title_page = self._title_page_line(question)
        if title_page is not None:
            return Shaped([title_page], self.frame(question, [self.line(title_page)]))
        kept = [(sid, s) for sid, s in r.sections if sid not in record_ids]
        role = self._front_matter_role(question)
        if role:
            # the question names what a front/back-matter section is for (目的, 構成, 結論, 委員…):
            # that section leads, but a better sentence elsewhere may still be chosen
            top = kept[0][1] if kept else 1.0
            kept = sorted(((sid, max(s, top) * ROLE_BOOST if sid in role else s) for sid, s in kept), key=lambda x: -x[1])
        if not kept:
            return None
        sub = Retrieval(r.query, [h for h in r.hits if h.passage.section_id not in record_ids], kept, {}, {}, r.qvec, r.tokens)
        # front and back matter are few: every one of them is a candidate, not only the top three
        wide = replace(self.answerer.config, sections_considered=len(kept))
        chosen = self.answerer.select(sub, wide)
        cites = [self.answerer.citation(c) for c in chosen if not _converter_note(c.text)]
        for sid in sorted(role):
            # a committee or appendix is named by a sentence elsewhere ("ISMS専門部会の委員…に")
            named = self._sentence_naming(compact(short_title(self.sections[sid].title)), exclude=record_ids | {sid})
            if named is not None and all(named.start != c.start for c in cites):
                cites.append(named)
        if not cites:
            return None
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))


    def _sentence_naming(self, key: str, exclude: set[str]) -> Citation | None:
        if len(key) < 3:
            return None
        for sid in self.sections:
            if sid in exclude:
                continue
            for p, _k, a, b in self.sentences_of(sid):
                if key in compact_cached(p.text[a:b]):
                    return self.cite_span(p, a, b)
        return None


    def _front_matter_role(self, question: str) -> set[str]:
        """Sections whose title says they hold what the question asks about the report."""
        for ask, title in _FRONT_MATTER:
            if ask.search(question):
                hit = {sid for sid, sec in self.sections.items() if sid not in self.record_ids and title.search(sec.title)}
                if hit:
                    return hit
        return set()


    def _title_page_line(self, question: str) -> Citation | None:
        ps = self.index.passages_of(TITLE_PAGE_ID) if TITLE_PAGE_ID in self.sections else []
        if not ps:
            return None
        p = ps[0]
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", p.text)]
        lines = [(a, b) for a, b in lines if not _converter_note(p.text[a:b])]
        if not lines:
            return None
        if re.search(r"題名|タイトル|表題|名前|正式名|\btitle\b|called|named", question, re.I):
            return self.cite_span(p, *lines[0])
        if re.search(r"発行日|いつ|日付|年月日|\bwhen\b|\bdate\b", question, re.I):
            for a, b in lines:
                if re.search(r"\d{4}\s*年|\d{4}-\d{2}", p.text[a:b]):
                    return self.cite_span(p, a, b)
        if re.search(r"発行者|発行元|発行した|発行している|著者|publisher|published\s+by|who\s+(?:published|issued)|author", question, re.I):
            a, b = lines[-1]
            return self.cite_span(p, a, b)
        return None


def _converter_note(text: str) -> bool:
    """A PDF converter's description of a figure or logo ("The logo for … features …")
    in a Japanese report: not the report's own words."""
    return bool(re.match(r"^(?:The|This|A|An)\s+(?:logo|cover|image|figure|picture|photo|diagram)\b", text.strip()))
