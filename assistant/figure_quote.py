"""Answers read off a figure: the cells of the figure a question points at.

A converted figure keeps its panels as short passages of cells ("名称":
"FedRamp (米国) / G-Cloud (英国) …", "関連規格又は参照規格": "ISO/IEC 27001 …")
in the section that prints its caption. 「図1-1の国内の欄には何が載っている？」
or "In the overview figure, which standards are listed against C5?" is
answered by those cells, not by the schemes' own sections: the cells the
question's words find best are quoted whole, a panel's names with its
standards, with the caption to say which figure they come from.
"""

from __future__ import annotations

import re
import unicodedata

from .figures import Figure
from .japanese import compact
from .quoting import Quoter, Shaped
from .retrieve import Retrieval

MAX_FIGURE_CELLS = 4  # passages of cells quoted: a panel's names and its standards, twice
# a name or a content word as a figure's cells print it: Latin names, katakana and kanji runs
# (a Latin word counts when it is a name — "IRAP", "C5", "FedRAMP" —, not "which" or "in")
_NAME_WORD = re.compile(r"\b(?=[A-Za-z0-9\-+]*[A-Z0-9][A-Za-z0-9\-+]*[A-Z0-9])[A-Za-z][A-Za-z0-9\-+]*|[ァ-ヺー]{2,}|[一-龯]{2,}")


class FigureQuoter(Quoter):
    def answer(self, figures: list[Figure], r: Retrieval, question: str) -> Shaped | None:
        """The cells of the figures pointed at, best first, or None when the retrieval
        found none of them (the figure's section is not among the hits)."""
        sids = {f.section_id for f in figures}
        captions = {f.caption for f in figures}
        cells = [
            h for h in r.hits
            if h.passage.section_id in sids and h.passage.field != "本文" and h.passage.text.strip()
        ]
        if not cells:
            return None

        def is_caption(text: str) -> bool:
            return any(c in unicodedata.normalize("NFKC", text) for c in captions)

        ranked = [h.passage for h in cells if not is_caption(h.passage.text)]
        # the cells that hold a name or word of the question ("IRAP", 国内) are the ones asked
        # about: 「図1-1で、IRAPの関連規格は？」 wants IRAP's panel, not every panel's standards
        words = [compact(w) for w in _NAME_WORD.findall(unicodedata.normalize("NFKC", question))]
        holding = [p for p in ranked if any(w in compact(p.text) for w in words)]
        chosen = (holding or ranked)[:MAX_FIGURE_CELLS]
        caption = next((h.passage for h in cells if is_caption(h.passage.text)), None)
        # the cell right after a chosen one completes its panel: the standards listed under a
        # panel's names ("IRAP (オーストラリア)" … "ISO/IEC 27005") say whose standards they are
        ids = {p.id for p in chosen}
        for p in list(chosen):
            nxt = self.index.passages[p.id + 1] if p.id + 1 < len(self.index.passages) else None
            if nxt is not None and nxt.section_id == p.section_id and nxt.field != "本文" and not is_caption(nxt.text) and nxt.id not in ids:
                chosen.append(nxt)
                ids.add(nxt.id)
        # in the figure's order, the caption last: it says which figure the cells are from
        quoted = sorted(chosen, key=lambda p: p.id) + ([caption] if caption is not None else [])
        cites = [self.cite_span(p, 0, len(p.text), score=1.0) for p in quoted]
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))
