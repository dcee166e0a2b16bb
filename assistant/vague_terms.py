"""Whether a report names only vaguely what a question asks the specifics of.

"具体的な資格要件は？" asks for the details of something; a report that says only
"一定の要件を満たす" tells the reader that it does not give them.
"""

from __future__ import annotations

import re
import unicodedata

from .japanese import compact

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


def vaguely_stated(question: str, sentences: list[str]) -> bool:
    """Does the question ask for the specifics of a thing (資格要件, steps) that
    these sentences name only vaguely ("一定の要件") and never spell out?"""
    q = unicodedata.normalize("NFKC", question)
    if m := _SPECIFIC_JA.search(q) or _QUALIFICATION.search(q):
        nouns: tuple[str, ...] = (m.group(1)[-2:] if m.group(1).endswith("要件") else m.group(1),)
    elif m := _SPECIFIC_EN.search(q):
        nouns = _ASPECT_JA.get(m.group(1).lower(), ())
    else:
        return False
    vague = plain = False
    for s in sentences:
        c = compact(unicodedata.normalize("NFKC", s))
        for n in nouns:
            for hit in re.finditer(re.escape(n), c):
                if re.search(_VAGUE + r"$", c[: hit.start()]):
                    vague = True
                else:
                    plain = True
    return vague and not plain
