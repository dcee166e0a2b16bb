"""Whether the report names the members of a count a question cites.

"SP 800-171's requirements span 14 areas: what are they called?" asks for the
names behind a number the report gives. A report that lists them says so in the
sentence that counts them: quoted names (「特定」「防御」…の 5 つの機能), names
joined before the count (セキュリティ、可用性…の 5 分野), a bracketed list
((SOC1、SOC2、SOC3)), examples (例：…) or a list announced to follow (以下の,
次の). A count with none of these ("14 分野 109 項目にわたる", "2つのガイドラインが
1つに集約") gives the number, not the members.

The same holds without a count: "What are the names of those areas?" asks for the
items of a kind (管理策領域) that a section may name only as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from .japanese import compact

EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12, "fourteen": 14, "seventeen": 17}
JA_NUMBERS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a number and what it counts, as a question cites it: "those 14 areas", "the two MIC guidelines"
# (with a determiner: "Name two documents" asks for two, it cites no count of the report's)
_CITED_EN = re.compile(
    r"\b(?:the|those|these|its|their|all)\s+(\d{1,3}|" + "|".join(EN_NUMBERS) + r")\s+(?:[A-Za-z-]+\s+){0,2}?"
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
    out = [int(m.group(1)) if m.group(1).isdigit() else EN_NUMBERS[m.group(1).lower()] for m in _CITED_EN.finditer(q)]
    out += [int(m.group(1)) if m.group(1) else JA_NUMBERS[m.group(2)] for m in _CITED_JA.finditer(q)]
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
        # (the digit of a name, "SOC2対応", counts nothing)
        if any(re.search(rf"(?<![\d.\-/A-Za-z]){n}\s*(?:つの|つ|個の)?\s*[一-龯ァ-ヺ]", s) for n in counts)
    ]
    return bool(counting) and not any(_LISTS.search(s) or _NUMBERED_MEMBERS.search(s) for s in counting)


# members named by one label and their numbers: 「Tier1 が基本レベルで、Tier3 が最も高いレベル」
_NUMBERED_MEMBERS = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,}|レベル)\s?\d+(?!\d).*?(?<![A-Za-z])\1\s?\d+(?!\d)")


# The items of a kind, asked for as specifics, without a count: "the names of those areas",
# "what specific items of information", 「具体的にどんな考慮事項が」 (measured: 「どのような X が
# ある」 without 具体的に abstained on a held-out lookup and gained nothing)
_KIND_EN = r"(?P<en>(?:[a-z-]+\s+){0,2}?[a-z-]{3,}s(?:\s+of\s+[a-z-]{3,})?)\b"
_ASKS_KINDS_EN = (
    # (plural: "the name of the board that reviews…" asks one name)
    re.compile(r"\b(?:names|titles)\s+of\s+(?:the|those|these|its|their|each\s+of\s+the|all\s+the)\s+" + _KIND_EN, re.I),
    re.compile(r"\bwhat\s+(?:specific|exact|particular|individual)\s+" + _KIND_EN, re.I),
)
_KIND_JA = r"(?P<ja>[一-龯ァ-ヺー]{2,10})(?:[（(](?P<gloss>[一-龯ァ-ヺー]{2,10})[）)])?"
_ASKS_KINDS_JA = (
    re.compile(r"具体的に(?:は)?、?(?:どんな|どのような|どういう)" + _KIND_JA + r"(?:が|を|に)"),
)
# what says the items of a kind: a list announced (次の, 以下の; not 「以下「JIPDEC」という」) or
# examples anywhere in the sentence; else names joined by 、, ・ or と right before the kind
# (「ブロンズ、シルバー、ゴールドのアワード」 lists awards, not 領域), or items after it
_ANNOUNCES = re.compile(r"次の|以下の|以下のとおり|例[：:]|例えば|[：:]\s*[^、。：:]{1,30}、[^、。：:]{1,30}、")
_ITEM_NAME = r"[^、。・\s「」はがをにでて]{1,15}"
_JOINED = _ITEM_NAME + r"(?:(?:、|・|と|及び|および|並びに|や)" + _ITEM_NAME + r")+\s*(?:など|等)?\s*(?:の)?\s*(?:\d+\s*(?:つの|個の)?)?\s*"
_AFTER = r"\s*(?:は|には|として|が)?\s*[：:(（]\s*[^)）。]{1,40}[、・,]"


# one item named with its kind: 「サーベイランス審査」, 「A2LA の認定」, 「認定 (ATO : …)」
_NAMED_BEFORE = r"(?:[ァ-ヺー]{2,}|[a-z0-9]{2,}の?)"
_NAMED_AFTER = r"\S{0,3}[(（][a-z]"  # (compact text is lower-cased)
# words for "kind" itself: 「どんな種類がある」 asks for the kinds of something else
_GENERIC = ("種類", "タイプ", "種別", "もの", "こと", "内容", "点")


def _gives_items(key: str, sentence: str) -> bool:
    c = compact(sentence)
    k = re.escape(key)
    return bool(
        _ANNOUNCES.search(sentence) or re.search(_JOINED + k, c) or re.search(k + _AFTER, c)
        or re.search(_NAMED_BEFORE + k, c) or re.search(k + _NAMED_AFTER, c)
    )


def _names_kind(key: str, sentence: str) -> bool:
    """Does the sentence name the kind itself (not as one item of a list: 「概説・特徴・利点・費用」)?"""
    c = compact(sentence)
    # (nor inside a longer loanword: デジタルサービスプロバイダ names no サービス; one that ends
    # with it, クラウドコンピューティングサービス, names one item of the kind)
    kana = re.fullmatch(r"[ァ-ヺー]+", key) is not None
    return any(
        not re.search(r"・$", c[: m.start()]) and not c[m.end() :].startswith("・")
        and not (kana and re.match(r"[ァ-ヺー]", c[m.end() :]))
        for m in re.finditer(re.escape(key), c)
    )


def asks_items_of_kind(question: str) -> bool:
    """Does the question ask for the items of a kind of thing, without a count?"""
    q = unicodedata.normalize("NFKC", question)
    return any(p.search(q) for p in (*_ASKS_KINDS_JA, *_ASKS_KINDS_EN))


def asked_kinds(question: str, japanese_words: Callable[[str], tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The report's words for the kind of thing whose items a question asks for
    (「考慮事項」, "areas" → 領域), or () when it asks for no items. ``japanese_words``
    maps an English word to the report's words for it."""
    q = unicodedata.normalize("NFKC", question)
    for pattern in _ASKS_KINDS_JA:
        if m := pattern.search(q):
            return tuple(w for w in (m.group("ja"), m.group("gloss")) if w)
    for pattern in _ASKS_KINDS_EN:
        if (m := pattern.search(q)) and japanese_words is not None:
            words = [w for w in re.findall(r"[a-z-]{3,}", m.group("en").lower()) if w != "of"]
            return tuple(dict.fromkeys(j for w in words for j in japanese_words(w)))
    return ()


def kinds_never_listed(kinds: Iterable[str], sentences: Iterable[str]) -> bool:
    """Do these sentences name a kind of thing (or its head: 機密区分 → 区分) and never
    give its items? False when none names it: the report may call it otherwise."""
    texts = [unicodedata.normalize("NFKC", x) for x in sentences]
    keys = {c for k in kinds if len(c := compact(k)) >= 2 and c not in _GENERIC}
    naming = [(k, t) for t in texts for k in keys if _names_kind(k, t)]
    if not naming:
        heads = {compact(k)[-2:] for k in kinds if re.fullmatch(r"[一-龯]{3,}", k)} - set(_GENERIC)
        naming = [(k, t) for t in texts for k in heads if _names_kind(k, t)]
    return bool(naming) and not any(_gives_items(k, t) for k, t in naming)
