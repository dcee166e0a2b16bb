"""The part a name plays in a question: the subject asked about (「IRAPは…」, "Under the NIS
Directive, …"), a condition on other sections (「ISO/IEC 27001を参照している制度」), one of two
names joined to be set side by side, the place a member is asked for inside it, or the one
scheme a country names."""

from __future__ import annotations

import re

from .entities import EntityTable, Match
from .japanese import compact, search_tokens
from .question_cues import asks_where_used

# a relation that other sections have to a named thing: "ISO/IEC 27001を参照している制度"
RELATION = re.compile(
    r"参照|引用|基づ|基盤|ベース|準拠|採用|マッピング|整合|対応|言及|触れ|推奨|活用|要件|求め|向け|取り上げ|使|利用|用い"
    r"|出て|登場|含|扱|関係|関わ"
    r"|referenc|refer(?:s|red)?\s+to|cite|based\s+on|requir|map|align|recommend|mention|build\s+on|\buses?\b|\bapply|appear|includ|deal\s+with"
    r"|\brel(?:y|ies)\s+on|\bdepend|\bdraw(?:s|n)?\s+(?:on|from)|\bbuilt\s+on|\badopt",
    re.I,
)
_PARTICLES = re.compile(r"[のでをがにはへとや]")


def section_of_place(question: str, span: tuple[int, int], sids: list[str], entities: EntityTable) -> str | None:
    """The section a country names in a comparison: the only one that has it, or —
    when several do (米国: CSA STAR and FedRAMP) — the only one whose names share
    another word of the question ("the US federal programme" -> The Federal Risk…)."""
    if len(sids) == 1:
        return sids[0]
    place = compact(question)[span[0] : span[1]]
    rest = set(search_tokens(question)) - set(search_tokens(place)) - {place}
    fits = [
        sid for sid in sids
        if rest & {t for a in entities.aliases_of(sid) for t in search_tokens(a.name) if len(t) >= 2}
    ]
    return fits[0] if len(fits) == 1 else None


def joined(question: str, matches: list[Match]) -> bool:
    """Two names joined by a conjunction ("IRAPとMTCS", "IRAP and MTCS", "IRAP、MTCS"):
    a question about both, side by side."""
    c = compact(question)
    spans = sorted({(m.start, m.end) for m in matches if m.alias.kind != "place"})
    for (_a0, b0), (a1, _b1) in zip(spans, spans[1:]):
        between = c[b0:a1]
        if re.fullmatch(r"(?:と|や|、|,|及び|および|and|&|/|vs\.?|or|か|andunder|andfor|andin)", between):
            return True
    return False


def looks_like_name(x: str) -> bool:
    """A definition's subject is a name or a term ("PII処理者", "the NIS Directive"),
    not a clause ("金融機関向け安全対策基準の第9版で新設された基準")."""
    if x.isascii():
        return len(x.split()) <= 5 and not re.search(r"\b(?:of|for|in|on|to|with|by|under|from|at|about|between)\b", x, re.I)
    return len(compact(x)) <= 20 and not _PARTICLES.search(re.sub(r"[A-Za-z0-9/\-\s]+", "", x))


def inside(question: str, matches: list[Match]) -> bool:
    """"NIST文書はどれ？" asks for a member of one named section, not for sections."""
    if len({m.alias.section_id for m in matches}) != 1:
        return False
    c = compact(question)
    m = matches[-1]
    # ("the 27017 entry says …", 「27017の項では」: the named section is where the answer is)
    # (not "(not counting the 27018 entry itself)": a section set aside is no place to look)
    if re.match(r"(?:の)?(?:項目?|節)(?:では|で|に)|(?:entry|section)(?:say|state|give|describe|present|mention)", c[m.end : m.end + 16]):
        return True
    if asks_where_used(c[m.end :]):
        return False  # "NISTの文書が登場するもの": the sections it appears in
    return bool(re.match(r"(?:の)?(?:文書|規格|シリーズ|部|パート|レベル|documents?|parts?|series)", c[m.end : m.end + 6]))


def is_subject(question: str, matches: list[Match]) -> bool:
    """Is the named entity what the question is about (``IRAPは…``, ``does IRAP …``)
    rather than a condition on other sections (``ISO/IEC 27001を参照している…``)?"""
    if not matches:
        return False
    c = compact(question)
    m = matches[0]
    after = c[m.end : m.end + 3].lstrip("」』\"'”’")  # 「統一基準群」って
    if after[:1] == "は" or after.startswith("って"):
        return True
    # 「NIS指令のもとで…」, 「C5では…」, 「FedRAMPにおいて…」: what holds under it, inside it
    if re.match(r"のもとで|の下で|では|において|における", c[m.end : m.end + 4]):
        return True
    if after[:1] == "の" and not RELATION.search(c[m.end :]):
        return True  # "NIS指令の対象…": something inside it, not sections that relate to it
    if m.start == 0 and re.match(r"[:：]", c[m.end : m.end + 1]):
        return True  # "ISO/IEC 27017: which sources does its Annex B list …": the headline
    if re.search(r"(?:^|[,.:;])under(?:the)?$", c[max(0, m.start - 9) : m.start]):
        return True  # "Under the NIS Directive, …"
    before = c[max(0, m.start - 6) : m.start]
    # ("Where does X show up?" asks where X is used, not about X)
    return bool(re.search(r"(?:does|do|did|is|are|has|have|was|were|can)$", before)) and not re.match(r"\s*where\b", question, re.I)
