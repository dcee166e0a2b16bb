"""Questions that ask for the sections *without* a condition.

"Which entries do not mention ISO/IEC 27001?", 「クラウドという言葉が出てこない箇所はどこ？」,
"Which schemes do not have levels?": the answer is the sections that do not meet the
condition the question negates (the list reader finds those that do and sets them aside).
"""

from __future__ import annotations

import re

from .japanese import is_mostly_english

# "Which entries do not mention ISO/IEC 27001?", 「27001に触れていない制度は？」: the sections
# without the condition are asked for
_NOT_MENTIONED = re.compile(
    r"\b(?:do(?:es)?\s+not|don't|doesn't|never|fails?\s+to)\s+(?:\w+\s+){0,2}?(?:mention|refer|cite|name|use|include|contain|reference|touch|have|has|give|set|define|provide)"
    r"|\b(?:without|lacking|with\s+no)\s+(?:any\s+)?(?:levels?|tiers?|grades?|validity|expiry)\b"
    r"|\bwithout\s+(?:any\s+)?(?:mentioning|mention\s+of|referring|reference\s+to|citing|naming)\b|\bmakes?\s+no\s+mention\b"
    r"|(?:触れ|言及し|出て(?:こ|き)|登場し|使われ|使って|書かれ|記載され|挙げ|引用し|参照し|含まれ|含ん)(?:てい|て)?(?:ない|ません|ず)"
    r"|(?:言及|記載|記述)(?:が|は)?(?:ない|なし|ありません)"
    # 「レベルがない制度」, 「有効期間を定めていない制度」
    r"|(?:が|の)(?:ない|無い)(?:制度|規格|認証|もの|ガイドライン|項目)|(?:定め|設け|持た|持っ|設定され)(?:てい)?(?:ない|ません|ず)",
    re.I,
)


def unmet_condition(question: str) -> str:
    """What a question negates: in Japanese the words before its negation (「有効期間が書かれていない
    認証制度は」 -> 「有効期間が」), in English those after it ("do not give a validity period"
    -> "a validity period"); without a negation, the whole question."""
    m = _NOT_MENTIONED.search(question)
    if not m:
        return question
    if is_mostly_english(question):
        return question[m.end() :] or question
    return question[: m.start()] or question


def negates_mention(question: str) -> bool:
    """Does the question ask for the sections that do *not* meet its condition?"""
    return bool(_NOT_MENTIONED.search(question))


# "Which part of the report never mentions …", 「…が出てこない箇所はどこ」: the sections are asked for
_WHICH_PLACE = re.compile(r"どこ|どれ|どの|箇所|\bwhich\b|\bwhere\b", re.I)


def asks_sections_without(question: str) -> bool:
    """"Which entries do not mention X?", 「Xに触れていない箇所はどこ？」"""
    return negates_mention(question) and bool(_WHICH_PLACE.search(question))


# "For each domestic entry, say how it relates to 27017, and name the entry that does not":
# every entry asked about first, the ones without it as well
_EACH_FIRST = re.compile(r"\bfor\s+each\b|\beach\s+of\b|それぞれ|各(?:項目|節|制度)", re.I)


def asks_both_sides(question: str) -> bool:
    """Does the question ask about each section first, and then for the ones without its condition?"""
    each, neg = _EACH_FIRST.search(question), _NOT_MENTIONED.search(question)
    return bool(each and neg and each.start() < neg.start())
