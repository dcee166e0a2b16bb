"""Follow-up questions: turn "その有効期間は？" after a question about C5 into
the query actually searched ("C5 有効期間"), carrying the entity forward or
swapping it when the follow-up names a new one ("米国の場合は？")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entities import _READER_SELF, EntityTable, Match
from .japanese import compact

# Words that point back at something said before.
# anywhere in the question ("政府機関はそれを使って…"), except "この報告書"-style
# references to the report itself, which are not about the previous turn
_ANAPHORA_JA = re.compile(r"(?:その|それ|これ|この|あの|同(?=[じ制規認機])|そこ|当該|こちら|そちら|上記|前者|後者)")
_ANAPHORA_EN = re.compile(r"\b(it|its|it's|they|their|them|this|that|these|those|what about|how about|and for)\b", re.I)
_ELLIPSIS_JA = re.compile(r"(の場合|だと|では|なら|について|も)[はって]?[？?。]?$")
_TRAILING = re.compile(r"(?:について)?(?:は|って|とは|を教えて(?:ください)?|は何|はなに|はどう|はいつ|はどこ|は誰)?\s*[？?。!！]*\s*$")
_LEADING = re.compile(r"^(?:では|じゃあ|じゃ|それでは|で、|また、)?\s*(?:その|それの|それ|これの|これ|この|あの|同(?!じ)|そこの|当該|上記の?)\s*")
_SELF_REFERENCE = _READER_SELF
SHORT_FOLLOWUP = 14  # compact characters: "有効期間は？" is a follow-up, a full question is not


@dataclass(frozen=True)
class Turn:
    question: str
    searched_query: str
    sections: tuple[str, ...] = ()


@dataclass
class Resolution:
    searched_query: str
    prefer: dict[str, float] = field(default_factory=dict)
    is_followup: bool = False


def _aspect(query: str, matches: list[Match]) -> str:
    """The query without its entity names: what was asked about them."""
    q = compact(query)
    for m in sorted(matches, key=lambda m: -m.start):
        q = q[: m.start] + " " + q[m.end :]
    q = re.sub(r"^[のはをにでと、\s]+", "", q.strip())
    return _strip_question(q)


def _strip_question(q: str) -> str:
    q = _LEADING.sub("", q.strip())
    q = _TRAILING.sub("", q)
    return q.strip(" 、。").lstrip("のはを")


def is_followup(question: str, has_entity: bool) -> bool:
    c = compact(question)
    if _SELF_REFERENCE.search(question):
        return False  # "この報告書の目的は？" is about the report, not the last turn
    if _ANAPHORA_JA.search(question) or _ANAPHORA_EN.search(question):
        return True
    if _ELLIPSIS_JA.search(c) and len(c) <= SHORT_FOLLOWUP + 4:
        return True
    return len(c) <= SHORT_FOLLOWUP and not has_entity


def _siblings(a: str, b: str) -> bool:
    pa, _, _ = a.rpartition(".")
    pb, _, _ = b.rpartition(".")
    return bool(pa) and pa == pb


def resolve(question: str, history: list[Turn], entities: EntityTable) -> Resolution:
    if not history:
        return Resolution(question)
    prev = history[-1]
    prev_matches = entities.find(prev.searched_query)
    cur_matches = entities.find(question)
    follow = is_followup(question, bool(cur_matches))
    if not follow:
        return Resolution(question)

    if cur_matches:
        # Swap: the new entity, the old aspect ("米国の場合は？" after "C5の監査基準は？").
        aspect = _aspect(prev.searched_query, prev_matches)
        names = " ".join(dict.fromkeys(m.alias.name for m in cur_matches))
        own = _aspect(question, cur_matches)
        query = " ".join(x for x in (names, own if own else aspect) if x)
        prefer: dict[str, float] = {}
        prev_sections = [m.alias.section_id for m in prev_matches] or list(prev.sections[:1])
        by_span: dict[tuple[int, int], list[Match]] = {}
        for m in cur_matches:
            by_span.setdefault((m.start, m.end), []).append(m)
        for ms in by_span.values():
            if len(ms) > 1 and prev_sections:
                # an ambiguous name (米国: CSA STAR or FedRAMP) means the sibling of what we talked about
                for m in ms:
                    if any(_siblings(m.alias.section_id, p) for p in prev_sections):
                        prefer[m.alias.section_id] = 1.0
        return Resolution(query, prefer, True)

    # Carry: the old entity, the new aspect ("その有効期間は？").
    aspect = _strip_question(question)
    if prev_matches:
        names = " ".join(dict.fromkeys(m.alias.name for m in prev_matches))
        query = f"{names} {aspect}".strip()
        prefer = {m.alias.section_id: 0.8 for m in prev_matches}
    else:
        query = f"{prev.searched_query} {aspect}".strip()
        prefer = {sid: 0.5 for sid in prev.sections[:1]}
    return Resolution(query, prefer, True)
