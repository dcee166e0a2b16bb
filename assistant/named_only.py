"""Standards the report names but never describes.

"What kind of bodies does ISO/IEC 17020 lay down requirements for?" asks what a
standard says. The report names 17020 once, as what 3PAOs are accredited under
("3PAO は、ISO/IEC 17020 に従って…"), and says nothing of its contents; a
standard it does describe has a section of its own (ISO/IEC 27017) or a sentence
whose subject it is (「ISO/IEC 29100 は…」, "ISO/IEC 27002 : …", "X (glossed)").
Read from the text, so it holds for any report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .japanese import compact

# a question about what a standard says: "what … does X lay down / require / cover",
# 「Xは何を定めている」, 「Xはどんな事項を規定している」
_ASKS_CONTENT = re.compile(
    r"\bwhat\b[^?]{0,60}?\b(?:does|do|did)\s+(?P<x>[^?]{2,60}?)\s+"
    r"(?:lay\s+down|specify|require|cover|define|set\s+out|prescribe|deal\s+with|address|contain|stipulate|say\s+about)\b"
    r"|(?P<y>[^、。？?]{2,40}?)(?:は|って|では)、?(?:何|なに|(?:どんな|どのような|どういう)[^、。？?をに]{0,8}?)を"
    r"(?:定め|規定|要求|求め|扱|対象と)",
    re.I,
)
# a standard's number after its body's prefix (ISO/IEC 27017, SP 800-53), or a five-digit one alone
_NUMBER = re.compile(r"(?:ISO(?:/IEC)?|IEC|SP|JIS\s?[A-Z])\s?(\d{3,5}(?:-\d{1,3})?)|(?<![\d.\-/:])(\d{5}(?:-\d{1,3})?)(?!\d)")


def standard_numbers(text: str) -> list[str]:
    """The numbers of the standards a text names ("27017", "800-53"), in order."""
    return [m.group(1) or m.group(2) for m in _NUMBER.finditer(text)]


def asked_standards(question: str) -> list[str]:
    """The numbered standards whose contents a question asks about, as numbers ("17020")."""
    m = _ASKS_CONTENT.search(unicodedata.normalize("NFKC", question))
    return standard_numbers(m.group("x") or m.group("y") or "") if m else []


def described(number: str, titles: Iterable[str], sentences: Iterable[str]) -> bool:
    """Does the report describe the standard with this number: a section titled by it,
    or a sentence it opens as its subject or glosses (not one that only cites it)?"""
    key = re.escape(number)
    if any(re.search(rf"(?<![\d.\-]){key}(?![\d\-])", compact(t)) for t in titles):
        return True
    # 「ISO/IEC 29100 は」, "ISO/IEC 29100:2011 Information technology – …", "X : …", "X (…)"
    # (a kind noun may follow the number: 「SP 800 シリーズは」)
    subject = re.compile(
        rf"(?<![\d.\-]){key}(?::\d{{4}})?(?:シリーズ|[Ss]eries|規格|文書)?(?:\([^)]{{0,60}}\))?(?:とは|は|:|では|[A-Z][a-z])"
    )
    return any(subject.search(compact(s)) for s in sentences if number in s)
