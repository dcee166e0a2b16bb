"""Members beyond those the report lists.

「例として挙がっている組織・要員・資産管理…以外のセクションは？」, "Besides ISMS and the
Privacy Mark, which other certifications count?": the question names the members it
already has and asks for more. When the report's list holds exactly those (「例：…組織、
要員、資産管理、物理的セキュリティ、運用等」), the others are not stated; when it goes on
(「ISO/IEC 27001、CSA CCM、ドイツ国内規格…」) the next member answers. Read from the
sentence's own list separators, so it holds for any report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .japanese import compact

# the members a question sets aside before asking for others: 「A・B以外の」, 「AとBのほかに」,
# "apart from A and B, which other …"
_BEYOND_JA = re.compile(r"(?P<x>[^。？?]{2,80}?)(?:以外の|以外に|以外で|のほかに|の他に|のほか(?:の|、)|の他(?:の|、))")
_BEYOND_EN = re.compile(
    r"\b(?:apart\s+from|besides|other\s+than|in\s+addition\s+to|beyond)\s+(?P<x>[^,?;:]{2,120}?)\s*[,;:]?\s*(?=\b(?:what|which|who|are|is|does|do|can)\b)",
    re.I,
)
# what separates the members of a list in a sentence
# (not "/": ISO/IEC is one name)
# (「AとBとの対応ガイダンス」: と before a Latin name joins two names)
_SEPARATOR = re.compile(r"[、，,・]|\s+and\s+|\s+or\s+|や|及び|および|並びに|ならびに|と(?=[^、。]{1,12}(?:の|を|が|は|以外|ほか|他|$))|と(?=\s?[A-Z])")
# a member is short: a long stretch is the sentence around the list
MAX_MEMBER = 24


def _members(text: str) -> list[str]:
    """The stretches between a text's list separators, compacted, without 等 and brackets."""
    out = []
    for part in _SEPARATOR.split(text):
        c = re.sub(r"^.*?[（(]\s*(?:例|e\.g\.)\s*[:：]?", "", compact(part))
        c = re.sub(r"(?:等|など|etc\.?)?[)）。．.]*$", "", c)
        if c:
            out.append(c)
    return out


def set_aside_members(question: str) -> list[str]:
    """The members a question already names and asks beyond (two at least), compacted."""
    q = unicodedata.normalize("NFKC", question)
    m = _BEYOND_JA.search(q) or _BEYOND_EN.search(q)
    if not m:
        return []
    # (「例として挙がっている組織・要員…」: the clause before the first member is no member)
    # (「例として挙がっている組織・要員…」: the clause before the first member is no member;
    # "the CSA CCM": an article is no part of a name)
    listed = re.sub(r"\b(?:the|an?)\s+", "", re.sub(r"^.*(?:挙がって|挙げられて|ある|いる)", "", m.group("x")), flags=re.I)
    # the subject before the members is none of them: 「C5の要求事項は、A と B 以外に」
    given = [g for g in _members(listed) if 1 <= len(g) <= MAX_MEMBER and not re.search(r"(?:は|が|を|で|に|も|うち)$", g)]
    return given if len(given) >= 2 else []


def only_those_listed(question: str, sentences: Iterable[str]) -> bool:
    """Does a sentence list exactly the members the question sets aside, and no other, so
    that the others it asks for are not stated?"""
    given = set_aside_members(question)
    if not given:
        return False
    for sentence in sentences:
        parts = _members(unicodedata.normalize("NFKC", sentence))
        covered = [any(g in p for g in given) for p in parts]
        if sum(covered) < len(given) or sum(covered) < 2:
            continue
        # the run of members the question names, and what follows it
        start = covered.index(True)
        end = start
        while end + 1 < len(parts) and covered[end + 1]:
            end += 1
        if sum(covered[start : end + 1]) < len(given):
            continue  # the members stand apart: not one list
        after = parts[end + 1] if end + 1 < len(parts) else ""
        if not after or len(after) > MAX_MEMBER:
            return True
    return False
