"""Lists by the sections' own headings: 「見出しに「本部」を含む節は？」, "Which section
headings contain the word ガイドライン?". The condition is a word the question quotes
or names as a word, looked for in the headings only;
each section is shown by its heading and cited by its name row (or its first sentence).
A question that sets the headings aside (「見出しを除いた本文で…」) is about the text.
"""

from __future__ import annotations

import re

from .across import quoted_words
from .catalogue import CatalogueRecord
from .japanese import compact, is_mostly_english
from .question_cues import asks_either, english_word_asked, word_named
from .quoting import Quoter, Shaped
from .types import Citation

_HEADINGS = re.compile(r"見出し|\bheadings?\b|\bsection\s+titles?\b|\btitles?\s+of\s+(?:the\s+)?(?:sections|entries)\b", re.I)
# the headings set aside, the text asked about
_ASIDE = re.compile(
    r"見出し(?:を|は)?(?:除|含めず|以外)|本文"
    r"|\bheadings?\s+(?:aside|excluded|out)\b|\b(?:leaving|leave|setting|set|putting)\s+(?:the\s+)?headings?\s+(?:aside|out)\b"
    r"|\b(?:except|excluding|apart\s+from|not\s+counting|other\s+than|besides|without|outside)\s+(?:the\s+)?(?:section\s+)?headings?\b"
    r"|\bheadings?\s+(?:do|does|did)(?:\s+not|n't)\s+count\b|\b(?:body|running)\s+text\b|\bheadings?\b[^.?？。]{0,30}\baside\b"
    r"|見出し(?:は|を)?(?:数え|含め|含ま|入れ)(?:ない|ません|ず)"
    # a table's row or column headers are cells, not the sections' headings
    r"|(?:行|列|欄|表)の見出し|\b(?:row|column|table)\s+headings?\b",
    re.I,
)


def asks_of_headings(question: str) -> bool:
    """Does the question ask about the sections' headings, not their text?"""
    return bool(_HEADINGS.search(question)) and not _ASIDE.search(question)


class HeadingLister(Quoter):
    def __init__(self, index, sections, answerer, records: list[CatalogueRecord], front_ids: list[str]):
        super().__init__(index, sections, answerer)
        self.by_id = {x.section_id: x for x in records}
        # the numbered parts of the report that have headings of their own
        self.pool = [x.section_id for x in records] + [sid for sid in front_ids if sid not in self.by_id]

    def answer(self, question: str) -> Shaped | None:
        """The sections whose headings hold the question's word (any of them for 「AやB」),
        in the report's order; None when the question gives no word or no heading holds it."""
        words = self._words(question)
        if not words:
            return None
        keys = [compact(w) for w in words]
        # (「「省」や「政府」」, 「「A」か「B」」: any of them; 「「A」と「B」を含む」: both)
        either = asks_either(question) or bool(re.search(r"[」』]\s*(?:や|、|,)\s*[「『]", question))
        held = [
            sid for sid in self.pool
            if (any if either else all)(k in compact(self.sections[sid].title) for k in keys)
        ]
        if not held:
            return None
        cites: list[Citation] = []
        lines: list[str] = []
        for sid in held:
            c = self._shown_by(sid)
            if c is None:
                continue
            cites.append(c)
            lines.append(self.line(c, f"- {self.sections[sid].title}: "))
        if not cites:
            return None
        shown = "」「".join(words)
        n = len(cites)
        head = f"{n} section heading{'s' if n > 1 else ''} contain{'' if n > 1 else 's'} {' or '.join(words)}:" if is_mostly_english(question) else f"見出しに「{shown}」を含む節は{n}件です。"
        return Shaped(cites, self.frame(question, [head, *lines]))

    def _words(self, question: str) -> list[str]:
        """What the headings are asked to hold: the quoted words, else the word named as a
        word (not any name the question uses: "the NIST documents that have their own
        heading" asks for those documents)."""
        quoted = quoted_words(question)
        if quoted:
            return quoted
        word = english_word_asked(question) or word_named(question)
        return [word] if word else []

    def _shown_by(self, sid: str) -> Citation | None:
        """A section as its heading names it: its name row, else its first sentence."""
        rec = self.by_id.get(sid)
        if rec is not None and rec.name is not None:
            return self.cite_cell(rec.name)
        first = next(iter(self.sentences_of(sid)), None)
        return self.cite_span(first[0], first[2], first[3]) if first else None
