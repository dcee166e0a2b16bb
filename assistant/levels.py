"""Schemes graded into a number of levels.

"Which schemes have three levels?", 「3段階のレベル分けがある制度は？」: the condition is a
structure, not a word. A section meets it when it counts its levels
(「次の3つのレベル」, 「3 段階のレベル分け」, "three tiers") or names them as a range or a
run of numbered labels (「Star3~5」, 「Tier1～3」, 「Star3、4、5」) that holds that many.
"""

from __future__ import annotations

import re
import unicodedata

from .counted_members import EN_NUMBERS, JA_NUMBERS

_LEVEL_EN = r"(?:levels?|tiers?|stages?|grades?|ranks?)"
_LEVEL_JA = r"(?:段階|レベル|階層|ランク|等級)"
_NUMBER_EN = r"(\d{1,2}|" + "|".join(EN_NUMBERS) + r")"
_NUMBER_JA = r"(\d{1,2}|[" + "".join(JA_NUMBERS) + r"])"
# how a question asks for a number of levels: "three levels", "a three-tier structure", 「3段階」
_ASKS_EN = re.compile(r"\b" + _NUMBER_EN + r"[\s-]+(?:[a-z]+[\s-]+)?" + _LEVEL_EN + r"\b|\b" + _NUMBER_EN + r"-(?:tier|level)(?:ed)?\b", re.I)
_ASKS_JA = re.compile(r"(?<![\d第])" + _NUMBER_JA + r"\s*(?:つの|個の)?\s*" + _LEVEL_JA)
# a label numbered in a range or a run: Star3~5, Tier 1-3, レベル1～3; Star3、4、5
_LABEL = r"(?:Star|Tier|Level|レベル|ティア)\s*"
_RANGE = re.compile(_LABEL + r"(\d{1,2})\s*[~～〜\-－–]\s*(?:" + _LABEL + r")?(\d{1,2})(?!\d)", re.I)
_RUN = re.compile(_LABEL + r"(\d{1,2}(?:\s*[、,，/]\s*\d{1,2})+)(?!\d)", re.I)


def _count(m: re.Match[str]) -> int:
    """The number a match of ``_ASKS_EN`` or ``_ASKS_JA`` counts, in digits or words."""
    t = next(g for g in m.groups() if g).lower()
    return int(t) if t.isdigit() else EN_NUMBERS.get(t) or JA_NUMBERS[t]


def levels_asked(question: str) -> int | None:
    """How many levels a question asks schemes to have, if it asks that."""
    q = unicodedata.normalize("NFKC", question)
    m = _ASKS_EN.search(q) or _ASKS_JA.search(q)
    if not m:
        return None
    n = _count(m)
    return n if n >= 2 else None


def shows_levels(sentence: str, n: int) -> bool:
    """Does the sentence count n levels, or name n of them by number?"""
    s = unicodedata.normalize("NFKC", sentence)
    if any(_count(m) == n for pattern in (_ASKS_JA, _ASKS_EN) for m in pattern.finditer(s)):
        return True
    if any(int(b) - int(a) + 1 == n for a, b in (m.groups() for m in _RANGE.finditer(s))):
        return True
    return any(len(re.split(r"\s*[、,，/]\s*", m.group(1))) == n for m in _RUN.finditer(s))
