"""Sections a question points at by their number: "section 1.2", 「2.3.5節」,
「本書の 2.4.1」, a bare "2.1.4".

A reader who has the report open cites its outline; the section so named is where
the answer is, as a figure pointed at is. A number with one dot needs a word that
makes it a section ("section 1.2", 「1.1節」): "ver.1.1", "2.0" are not sections.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_NUMBER = r"(\d{1,2}(?:\.\d{1,2}){1,2})"
_CUED = re.compile(
    r"\b(?:sections?|sec\.?|§)\s*" + _NUMBER + r"(?![\d.])"
    r"|(?<![\d.])" + _NUMBER + r"\s*(?:節|項(?!目)|の項)"
    r"|(?:本書|報告書)の\s*" + _NUMBER + r"(?![\d.])"
    r"|第\s*" + _NUMBER + r"\s*節",
    re.I,
)
# three levels on their own: "2.1.4" is the outline, not a version
_BARE = re.compile(r"(?<![\w.:/\-])(\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.])")


def referenced_sections(question: str, section_ids: Collection[str]) -> list[str]:
    """The ids of ``section_ids`` the question names by number, in the question's order."""
    q = unicodedata.normalize("NFKC", question)
    found = [next(g for g in m.groups() if g) for m in _CUED.finditer(q)]
    found += [m.group(1) for m in _BARE.finditer(q)]
    return list(dict.fromkeys(n for n in found if n in section_ids))


# what a named section holds, asked of the section as a whole: 「2.3.5節には何が書いてある？」,
# "What is section 2.2.3 about?"
_WHOLE_SECTION = re.compile(
    r"^[^、,]{0,24}(?:には|では|は|って)?\s*(?:何が(?:書いて|書かれて|記載され|載って)|何について|どんな(?:こと|内容)|(?:の)?(?:内容|概要)(?:は|を))"
    r"|^\s*what\s+(?:is|does)\s+(?:section|sec\.?|§)\s*[\d.]+\s+(?:about|say|cover|contain|describe)\s*\??\s*$"
    r"|^\s*what\s+is\s+in\s+(?:section|sec\.?|§)\s*[\d.]+\s*\??\s*$",
    re.I,
)


def asks_whole_section(question: str) -> bool:
    """Does the question ask what a section it names holds, nothing more specific?"""
    return bool(_WHOLE_SECTION.search(unicodedata.normalize("NFKC", question).strip()))


# a list item's circled number (「③の統一基準」, "document ④"): the few sections that print it
CIRCLED = re.compile(r"[①-⑳]")
# more sections than this printing the mark, and it singles out none
MAX_MARK_HOLDERS = 2


def sections_holding_marks(question: str, texts: dict[str, str]) -> set[str]:
    """The sections whose (raw) text prints every circled number the question cites, when
    one or two do: a reader citing "document ④" has that list in front of them."""
    marks = set(CIRCLED.findall(question))
    if not marks:
        return set()
    held = {sid for sid, text in texts.items() if all(m in text for m in marks)}
    return held if 1 <= len(held) <= MAX_MARK_HOLDERS else set()
