"""Whether the report names the members of a count a question cites.

"SP 800-171's requirements span 14 areas: what are they called?" asks for the
names behind a number the report gives. A report that lists them says so in the
sentence that counts them: quoted names (「特定」「防御」…の 5 つの機能), names
joined before the count (セキュリティ、可用性…の 5 分野), a bracketed list
((SOC1、SOC2、SOC3)), examples (例：…) or a list announced to follow (以下の,
次の). A count with none of these ("14 分野 109 項目にわたる", "2つのガイドラインが
1つに集約") gives the number, not the members.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12, "fourteen": 14, "seventeen": 17}
_JA_NUMBERS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a number and what it counts, as a question cites it: "those 14 areas", "the two MIC guidelines"
# (with a determiner: "Name two documents" asks for two, it cites no count of the report's)
_CITED_EN = re.compile(
    r"\b(?:the|those|these|its|their|all)\s+(\d{1,3}|" + "|".join(_EN_NUMBERS) + r")\s+(?:[A-Za-z-]+\s+){0,2}?"
    r"(?!(?:years|months|days|weeks|hours|times|editions|versions)\b)[a-z-]{3,}s\b",
    re.I,
)
# 「8つのファミリ」「14分野」 (not 第三者, 2016年, 3 年間, a number inside a name: 3省3ガイドライン,
# nor how many to give: 「2つ挙げて」)
_CITED_JA = re.compile(
    r"(?<![\dA-Za-z.\-/第一-龯])(?:(\d{1,3})\s*(?:つの|個の)?|([二三四五六七八九十])\s*つの)\s*(?![年月日者回版号条章倍時省%])(?=[一-龯ァ-ヺ])"
)
# the names asked for, not the number: "what are they called", 「それぞれの名称」
_ASKS_NAMES = re.compile(
    r"名前|名称|タイトル|題名|表題|それぞれ(?:何|なに|どんな)|内訳|何という|何と(?:いう|呼)"
    r"|\b(?:called|named|names?|titles?|titled|what\s+(?:are|were)\s+(?:they|those|these|the)|which\s+(?:are|were)\s+they|spell\s+(?:them\s+)?out)\b",
    re.I,
)
# what lists the members in the counting sentence
_ITEM = r"[^、。をにがはで\s()（）]{1,25}(?:\s*[(（][^)）]{0,20}[)）])?"
_LISTS = re.compile(
    r"「[^」]{1,30}」[^「]{0,4}「|[(（][^)）]{1,80}[、,][^)）]{1,80}[)）]|例[：:]|以下|次の"
    # names joined right before the count: 「ゴールド (適合監査) とシルバー (自主監査) の 2 種類」
    r"|" + _ITEM + r"\s*(?:、\s*(?:及び|および|並びに)?|と|及び|および|並びに)\s*" + _ITEM + r"\s*の\s*\d"
)


def cited_counts(question: str) -> list[int]:
    """The numbers a question cites as counts of something ("14 areas", 「8つのファミリ」)."""
    q = unicodedata.normalize("NFKC", question)
    out = [int(m.group(1)) if m.group(1).isdigit() else _EN_NUMBERS[m.group(1).lower()] for m in _CITED_EN.finditer(q)]
    out += [int(m.group(1)) if m.group(1) else _JA_NUMBERS[m.group(2)] for m in _CITED_JA.finditer(q)]
    return [n for n in out if n >= 2]


def asks_members_of_count(question: str) -> bool:
    """Does the question cite a count and ask for the names behind it?"""
    return bool(cited_counts(question)) and bool(_ASKS_NAMES.search(unicodedata.normalize("NFKC", question)))


def count_unnamed(question: str, sentences: Iterable[str]) -> bool:
    """The question asks for the members of a count it cites; these sentences give
    that count and never name its members. False when no sentence gives the count.
    (The sentences are read only for a question that asks for members.)"""
    if not asks_members_of_count(question):
        return False
    counts = cited_counts(question)
    counting = [
        s for s in (unicodedata.normalize("NFKC", x) for x in sentences)
        if any(re.search(rf"(?<![\d.\-/]){n}\s*(?:つの|つ|個の)?\s*[一-龯ァ-ヺ]", s) for n in counts)
    ]
    return bool(counting) and not any(_LISTS.search(s) for s in counting)

