"""A part of the report read through in its own order.

「EU-SECの項を書かれている順番に追って」, "walk through the report's account of X
in the order it gives it", 「おわりにを段落ごとに」: the reader wants the whole account,
sentence by sentence as the report runs, not the few sentences nearest the
question's words (which a list of sub-questions scatters over the whole entry).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .japanese import compact
from .passages import NOTE_FIELD
from .quoting import Quoter
from .rows import EACH_NOTE_JA
from .types import Citation

# a table read one row after another: 「上の行から順に一行ずつ」, "row by row", "one row at a time"
_ROW_BY_ROW = r"一行ずつ|1\s*行ずつ|行ごと|上の行から|\brow[- ]by[- ]row\b|\bone\s+row\s+at\s+a\s+time\b|\bfrom\s+the\s+top\s+row\b"
# asks for a part read through: 「段落ごとに」, 「論の運び」, 「順番に追って」, "paragraph by paragraph",
# "walk through … in the order it gives it"
_WALK = re.compile(
    r"段落(?:ごと|毎|の順|を追|ずつ)|順を追|論の運び|話の流れ|(?:順番|順)に(?:追|たど|辿)"
    # (「上から順に、書かれているとおりにたどって」: from the top, as written)
    r"|(?:上|頭|冒頭)から順(?:番)?に|" + _ROW_BY_ROW + r"|書かれ(?:ている|た)(?:とおり|通り)に(?:追|たど|辿)"
    # (「書かれている順番に」, 「順番に整理して」, 「順番どおりに整理」: the account in the report's own order)
    r"|(?:書かれ(?:ている|た)|記述の|記載の)順(?:番)?に|順番に(?:整理|並べ|まとめ)|(?:順番|順序)(?:[（(][^）)]{0,80}[）)])?に沿って|(?:順番|順序)(?:どおり|通り)に(?:整理|並べ|まとめ)"
    r"|\bparagraph[- ]by[- ]paragraph\b|\beach\s+paragraph\b|\b(?:walk|take)\s+(?:me\s+)?through\b"
    r"|\bin\s+the\s+order\s+(?:it|they|the\s+(?:report|entry|section))\s+(?:appear|come|gives?|tells?|presents?|(?:is|are)\s+(?:given|written))",
    re.I,
)
# leaves the notes out: 「脚注の…は除きます」, 「注記を除いて」, "leaving out the footnotes"
_NO_NOTES = re.compile(
    r"(?:脚注|注記|注釈)[^。？?]{0,30}?(?:除|省い|省き|省く|抜い|含めな|含まな|不要)"
    r"|\b(?:without|excluding|except(?:\s+for)?|leav(?:e|ing)\s+out|omit(?:ting)?|skip(?:ping)?|ignor(?:e|ing))\s+(?:the\s+|its\s+|any\s+)?(?:foot)?notes?\b"
    r"|\b(?:foot)?notes?\s+(?:aside|excluded)\b",
    re.I,
)
# several notes asked for, each: "the three footnotes under the … table", "its notes, in
# order", 「注記をすべて」, 「それぞれの脚注」
_EACH_NOTE = re.compile(
    r"\b(?:\d+|two|three|four|five|all|each|every)\s+(?:of\s+(?:the|its)\s+)?(?:foot)?notes\b|\b(?:foot)?notes\b[^?.]{0,40}?\bin\s+(?:their|the)\s+order\b"
    r"|\bin\s+(?:their|the)\s+order\b[^?.]{0,40}?\b(?:foot)?notes\b"
    r"|" + EACH_NOTE_JA,
    re.I,
)
# a note's opening: 「※1 ISO/IEC 27001 : …」, 「※ アセスメントレポート：…」, 「* 2.1.3～2.1.6参照」
_NOTE_START = re.compile(r"^\s*(?:※|\*)")
# a sentence that is only a web address: a link row, not the account
_LINK_ONLY = re.compile(r"^\s*(?:URL\s*)?https?://\S+\s*$", re.I)
# …unless the walk is asked to reach it, or to give every row: 「名称の行から関連 URL の行まで」,
# 「表の各行を」, a table read row by row
_LINKS_ASKED = re.compile(
    r"URL|リンク|\blinks?\b|\bweb\s*address|各行|(?:すべて|全て|全部)の行|\b(?:every|each)\s+row\b|" + _ROW_BY_ROW, re.I
)
# the words of a sub-heading that name it ("NIST SP 800-171 (rev.1)" -> 800-171, CSF)
_SUBHEAD_NAME = re.compile(r"[A-Za-z]*\d+(?:[-.]\d+)+|(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")


def _names(key: str) -> bool:
    """A sub-heading's word that names it: 800-171, CSF; not a bare version number (1.1)."""
    return len(key) >= 3 and not re.fullmatch(r"[\d.]+", key)


def asks_to_walk(question: str) -> bool:
    """Does the question ask for a part of the report read through in order?"""
    return bool(_WALK.search(question))


def asks_for_links(question: str) -> bool:
    """Does the walk reach the link rows (the related URL, every row of the table)?"""
    return bool(_LINKS_ASKED.search(question))


def leaves_out_notes(question: str) -> bool:
    """Does the question ask for the account without its footnotes?"""
    return bool(_NO_NOTES.search(question))


def asks_each_note(question: str) -> bool:
    """Does the question ask for several notes of an entry, each in turn?"""
    return bool(_EACH_NOTE.search(question))


def converter_note(text: str) -> bool:
    """A PDF converter's description of a figure or logo ("The logo for … features …")
    in a Japanese report: not the report's own words."""
    return bool(re.match(r"^(?:The|This|A|An)\s+(?:logo|cover|image|figure|picture|photo|diagram)\b", text.strip()))


class Walker(Quoter):
    """Quotes one section, or one sub-part of it, in the report's order."""

    def walk(
        self, sid: str, fields: re.Pattern | None = None, part: str | None = None, notes: bool = True, links: bool = False
    ) -> list[Citation]:
        """Every sentence of section ``sid`` in the report's order (only the rows whose
        label ``fields`` matches, or only those under the sub-heading ``part``; without
        its notes unless ``notes``), but for converter notes and, unless ``links``, bare
        web addresses."""
        return [
            self.cite_span(p, a, b)
            for p, _k, a, b in self.sentences_of(sid, fields)
            if (part is None or p.field == part) and (notes or p.field != NOTE_FIELD)
            and (links or not _LINK_ONLY.match(p.text[a:b])) and not converter_note(p.text[a:b])
        ]

    def notes(self, sid: str) -> list[Citation]:
        """The opening sentence of each note under section ``sid``'s table, in order (every
        note sentence when none opens with a mark)."""
        cites = self.walk(sid, part=NOTE_FIELD)
        opening = [c for c in cites if _NOTE_START.match(c.text)]
        return opening or cites

    def named_subpart(self, question: str, subparts: dict[str, Sequence[str]]) -> tuple[str, str] | None:
        """(section, sub-heading): of the sections' own sub-headings (``subparts``, not the
        rows every entry has), the one whose own name (800-171, CSF) the question uses first
        ("800-171 … how it differs from SP 800-53"); the name of its section (NIST) names none."""
        q = compact(question)
        at: dict[tuple[str, str], int] = {}
        for sid, labels in subparts.items():
            title = compact(self.sections[sid].title) if sid in self.sections else ""
            for label in labels:
                keys = [k for k in (compact(m.group(0)) for m in _SUBHEAD_NAME.finditer(label)) if _names(k) and k not in title and k in q]
                if keys:
                    at[(sid, label)] = min(q.find(k) for k in keys)
        return min(at, key=at.__getitem__) if at else None
