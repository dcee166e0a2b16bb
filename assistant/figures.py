"""The figures a report numbers, and the questions that point at them.

A converted PDF keeps a figure's caption as a line of its own ("図 1-1
クラウドサービスに関連する制度・ガイドライン"); the section that holds the
caption holds the figure. A question that points at the figure — by its
number ("図1-1で…", "Figure 1-1"), or, when the report has only one, as
"the overview figure" or 「同じ図」 — asks about that section, whatever
scheme it also names ("図1-1で、IRAPの関連規格として挙がっている規格は？"
is answered by the figure's cell, not by IRAP's own section).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .types import Passage

# A caption opens its line with the label and number, then the title; a
# sentence that refers to the figure goes on with a particle (「図 1-1 に示す通り」).
_CAPTION = re.compile(r"^\s*(?:図|Figure|Fig\.)\s*(\d+(?:\s*[-‐－.]\s*\d+)?)\s+(?![にのでをはがとへもや])(\S.{0,80})$", re.M)
# a figure pointed at by its number
_NUMBERED = re.compile(r"(?:図|\bFigure|\bFig\.)\s*(\d+(?:\s*[-‐－.]\s*\d+)?)", re.I)
# a figure pointed at without a number: 図 as a word of its own (not 意図, 地図, 図る, 図表),
# "the figure", "diagram" (not "figure out")
_UNNUMBERED = re.compile(
    r"(?<![一-龯])図(?![一-龯ぁ-ゖ\d\s])|(?<![一-龯])図(?=[のでにはをが、])(?![らりるれろっ])"
    r"|\b(?:figure|diagram|chart)\b(?!\s+out\b)",
    re.I,
)
# "Apart from the overview figure, …", 「図以外で」: the figure is left out, not asked about
_EXCEPT = re.compile(r"\b(?:apart\s+from|aside\s+from|besides|other\s+than|except(?:\s+for)?|excluding|outside)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_EXCEPT_AFTER = re.compile(r"^\S{0,8}?(?:以外|を除|除いて|除く|は除)")


@dataclass(frozen=True)
class Figure:
    number: str  # as compacted: "1-1"
    caption: str  # the title after the number
    section_id: str


def _number(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("‐", "-").replace("－", "-")


def find_figures(passages: list[Passage]) -> list[Figure]:
    """Every numbered figure whose caption the passages print, first occurrence each."""
    seen: dict[str, Figure] = {}
    for p in passages:
        for m in _CAPTION.finditer(unicodedata.normalize("NFKC", p.text)):
            number = _number(m.group(1))
            seen.setdefault(number, Figure(number, m.group(2).strip(), p.section_id))
    return list(seen.values())


def pointed_figures(question: str, figures: list[Figure]) -> list[Figure]:
    """The figures the question points at (and does not set aside): by number, or
    the only figure there is when it points at "the figure"."""
    q = unicodedata.normalize("NFKC", question)
    out: list[Figure] = []
    by_number = {f.number: f for f in figures}
    for m in _NUMBERED.finditer(q):
        f = by_number.get(_number(m.group(1)))
        if f is not None and not _set_aside(q, m) and f not in out:
            out.append(f)
    if not out and len(figures) == 1:
        if any(not _set_aside(q, m) for m in _UNNUMBERED.finditer(q)):
            out.append(figures[0])
    return out


def mentions_figure(question: str) -> bool:
    """Does the question point at a figure at all (numbered or not, not set aside)?"""
    q = unicodedata.normalize("NFKC", question)
    return any(not _set_aside(q, m) for pat in (_NUMBERED, _UNNUMBERED) for m in pat.finditer(q))


# 「同じ図で」, "this figure": the pointer is the figure's own, not a pronoun for the topic
_POINTER_BEFORE = re.compile(r"(?:同じ|この|その|当該|\b(?:the\s+same|this|that)(?:\s+\w+)?\s+)$", re.I)


def points_at_figure(question: str) -> bool:
    """Does a pointer word (同じ, この, "the same") stand before the figure word itself?"""
    q = unicodedata.normalize("NFKC", question)
    return any(_POINTER_BEFORE.search(q[: m.start()]) for pat in (_NUMBERED, _UNNUMBERED) for m in pat.finditer(q))


def _set_aside(q: str, m: re.Match[str]) -> bool:
    return bool(_EXCEPT.search(q[: m.start()]) or _EXCEPT_AFTER.match(q[m.end() :]))
