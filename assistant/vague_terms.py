"""Whether a report names only vaguely what a question asks the specifics of.

"具体的な資格要件は？" asks for the details of something; a report that says only
"一定の要件を満たす" tells the reader that it does not give them.
"""

from __future__ import annotations

import re
import unicodedata

from .japanese import compact
from .question_words import aspect_nouns

_SPECIFIC_JA = re.compile(
    r"(?:具体的な|具体的に|詳細な|詳しい|正確な)[^。？?]{0,12}?(資格要件|要件|資格|条件|基準|手順|ステップ|手続き?)"
)
_SPECIFIC_EN = re.compile(
    r"\b(?:specific|exact|detailed|precise)\s+(?:[a-z-]+\s+){0,2}?(requirements|qualifications|criteria|conditions|steps|procedures?)\b",
    re.I,
)
# qualifications are specifics by their nature: 「資格要件は？」 needs no 具体的な
_QUALIFICATION = re.compile(r"(資格要件|資格条件|認定要件|応募要件|申請要件)")
_ASPECT_JA = {
    "requirements": ("要件",), "qualifications": ("要件", "資格"), "criteria": ("基準", "要件"),
    "conditions": ("条件", "要件"), "steps": ("手順", "ステップ"), "procedure": ("手順", "手続"), "procedures": ("手順", "手続"),
}
_VAGUE = r"(?:一定の|所定の|一定水準の|相応の)"
# 「具体的にはどのガイドラインと…」: the specifics of any thing, asked by a question word; the
# report that names it only as 「他のガイドライン」 or 「様々なガイドライン」 does not say which
_WHICH_SPECIFIC_JA = re.compile(r"具体的に(?:は)?、?(?:どの|どんな|どういう|どのような|何の)([一-龯ァ-ヺー]{2,10})")
_UNNAMED = r"(?:" + _VAGUE + r"|他の|その他の|ほかの|様々な|さまざまな|各種の?|いくつかの|複数の|多くの)"


def vaguely_stated(question: str, sentences: list[str]) -> bool:
    """Does the question ask for the specifics of a thing (資格要件, steps) that
    these sentences name only vaguely ("一定の要件") and never spell out?"""
    q = unicodedata.normalize("NFKC", question)
    if m := _WHICH_SPECIFIC_JA.search(q):
        # (what is said of it is what the question says after it: 「…と比較されている」)
        return _only_unnamed(m.group(1), q[m.end() :], sentences)
    if m := _SPECIFIC_JA.search(q) or _QUALIFICATION.search(q):
        nouns: tuple[str, ...] = (m.group(1)[-2:] if m.group(1).endswith("要件") else m.group(1),)
    elif m := _SPECIFIC_EN.search(q):
        nouns = _ASPECT_JA.get(m.group(1).lower(), ())
    else:
        return False
    return _only_vaguely(nouns, [compact(unicodedata.normalize("NFKC", s)) for s in sentences], _VAGUE)


def _only_unnamed(noun: str, predicate: str, sentences: list[str]) -> bool:
    """Do the sentences that say of ``noun`` what the question's ``predicate`` says (they
    share a word of it: 比較 in 「他のガイドラインと比較される」) name it only as 「他の…」?"""
    others = {c for n, _, _ in aspect_nouns(predicate) if len(c := compact(n)) >= 2}
    if not others:
        return False
    texts = [c for s in sentences if noun in (c := compact(unicodedata.normalize("NFKC", s))) and any(o in c for o in others)]
    return _only_vaguely((noun,), texts, _UNNAMED)


def _only_vaguely(nouns: tuple[str, ...], texts: list[str], vague_words: str) -> bool:
    """Is every mention of the nouns in these compact texts after a vague word, and is
    there one?"""
    vague = plain = False
    for c in texts:
        for n in nouns:
            for hit in re.finditer(re.escape(n), c):
                if re.search(vague_words + r"$", c[: hit.start()]):
                    vague = True
                else:
                    plain = True
    return vague and not plain
