"""Whether the report gives the national (JIS) counterpart of a standard.

"What is the JIS designation of ISO/IEC 27018?" ties the JIS number it asks for
to one standard. A JIS number elsewhere in the section (JIS X 9250, which the
report gives for ISO/IEC 29100) does not answer it; one in a sentence that names
the standard, or right after the line that names it, does ("ISO/IEC 29100:2011 …"
then "(JIS X 9250:2017 …)"; "国内規格化したものが JIS Q 27017").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NUMBER = r"(\d{4,5}(?:-\d{1,2})?)"
_TIED = re.compile(
    _NUMBER + r"\s*(?:に対応|に相当|の\s*JIS|の国内規格|を国内規格|を翻訳|と同等)"
    r"|\bJIS\s+(?:designation|number|equivalent|counterpart|version)\s+(?:of|for)\s+(?:ISO(?:/IEC)?\s*)?" + _NUMBER
    + r"|\bISO(?:/IEC)?\s*" + _NUMBER + r"(?:['’]s)?\s+JIS\b",
    re.I,
)
_JIS = re.compile(r"JIS\s*[A-Z]\s*\d{4,5}")


def tied_standard(question: str) -> str | None:
    """The number of the standard whose JIS counterpart the question asks for
    ("27018" in 「ISO/IEC 27018に対応するJIS規格は？」), when it names one."""
    m = _TIED.search(unicodedata.normalize("NFKC", question))
    return next((g for g in m.groups() if g), None) if m else None


def counterpart_given(number: str, sentences: Iterable[str]) -> bool:
    """Do these sentences (in the report's order) give a JIS number for that
    standard: in a sentence that names it, or in the one right after?"""
    named = re.compile(r"(?<!\d)" + re.escape(number) + r"(?!\d)")
    previous = ""
    for s in (unicodedata.normalize("NFKC", x) for x in sentences):
        if _JIS.search(s) and (named.search(s) or named.search(previous)):
            return True
        previous = s
    return False
