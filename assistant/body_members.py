"""Whether the report names who makes up a body a question asks about.

"Which agencies sit on the JAB?" asks for the members of a board the report
names only as a whole ("合同承認委員会 (JAB : …) が検討・承認する"); 「残りの5組織は
どこ？」 asks for members beyond the ones the question already names ("Fraunhofer
Fokus, CSA, PwC Germany 含む 8 組織"). A sentence answers only when it says what the
body is made of (構成, 含む, members) and names someone the question does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .japanese import compact

_BODY_JA = r"(?:省庁|官庁|機関|組織|団体|企業|会社|国|メンバー|委員)"
_ASKS = re.compile(
    r"(?:どの|どこの)(?:省庁|官庁|機関|組織|団体|企業|会社|国)(?:で|から)(?:構成|成[りる]|なる|なって)"
    r"|構成(?:する|している|してる)" + _BODY_JA + r"|(?:構成|参加)(?:メンバー|組織|団体|機関|企業|国)(?:は|って|を)"
    r"|残りの\S{0,4}?(?:組織|団体|機関|企業|社|メンバー|国)"
    r"|\bwhich\s+(?:[a-z-]+\s+){0,2}?(?:agencies|organi[sz]ations|bodies|members|companies|departments|countries|partners)\s+"
    r"(?:sit|serve|are\s+represented|make\s+up|form|belong\s+to|are\s+(?:in|on|part\s+of))\b"
    r"|\b(?:who|which\s+[a-z]+)\s+(?:sits?|serves?)\s+on\b"
    # ("which are the remaining members", not "reusable by other agencies")
    r"|\b(?:which|who|name|list)\b[^?]*\bthe\s+(?:other|remaining)\s+(?:[a-z-]+\s+)?(?:members|organi[sz]ations|partners|agencies)\b",
    re.I,
)
# what says a body's make-up
_MAKE_UP = re.compile(r"構成|含む|含め|メンバー|から成|からなる|参加|\b(?:members?|consists?|compris\w*|made\s+up|participa\w*)\b", re.I)
# a name: capitalised words ("Fraunhofer Fokus", "PwC Germany"), or a Japanese body (…省, …庁, …協会)
_NAME = re.compile(
    r"\b[A-Z][A-Za-z0-9&\-]+(?:\s+[A-Z][A-Za-z0-9&\-]+)*"
    r"|[一-龯ァ-ヺー]{2,16}(?:省|庁|協会|機構|センター|研究所|大学|株式会社)"
)

# the body itself ("EU-SEC Consortium"), not one of its members
_BODY = re.compile(r"\b(?:Consortium|Board|Committee|Council|Panel|Project|Framework)$")


def asks_body_members(question: str) -> bool:
    """Does the question ask which organisations make up a body?"""
    return bool(_ASKS.search(unicodedata.normalize("NFKC", question)))


def members_unnamed(question: str, sentences: Iterable[str]) -> bool:
    """The question asks who makes up a body, and none of these sentences says what
    a body is made of while naming someone the question does not."""
    if not asks_body_members(question):
        return False
    q = compact(question)
    for s in sentences:
        text = unicodedata.normalize("NFKC", s)
        if _MAKE_UP.search(text) and any(compact(n) not in q and not _BODY.search(n) for n in _NAME.findall(text)):
            return False
    return True
