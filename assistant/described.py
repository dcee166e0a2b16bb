"""Subjects a turn describes rather than names.

A switch may describe the scheme it moves to ("the Singapore multi-tier standard",
「27002をベースにしたクラウド管理策の規格」), a return the topic it goes back to
(「…の規格の話に戻ると」), and a word of a section's title may point at it (医療 ->
the healthcare guideline). A description is read off the wording: a switch cue, a
headline before a colon, or a switch's opening clause (「Xの場合は？…」, "And for X,
…") ending on a kind noun such as 規格 or 制度. What it refers to is measured:
whichever section the description alone finds. ``conversation`` decides what the
turn does with it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .entities import Match
from .japanese import compact, search_tokens
from .segment import short_title
from .shape import sections_by_span
from .turn_cues import ANAPHORA_JA, KIND_EN

if TYPE_CHECKING:  # (conversation imports this module)
    from .conversation import Probe, Topic


# "And for the banking sector's guideline — …", "What about the UK government's cloud buying
# framework?": a switch to a scheme described, not named (the phrase ends on what kind of thing it is)
# the words that open a switch to another subject, in English
_SWITCH_EN = (
    r"(?:and\s+(?:what|how)\s+about|and\s+for|what\s+about|how\s+about|and\s+then|now\s+for|as\s+for|regarding"
    r"|moving\s+(?:on\s+)?to|switching\s+to|turning\s+(?:now\s+)?to|on\s+to|then|now|next"
    r"|let'?s\s+(?:talk\s+about|look\s+at|turn\s+to|move\s+on\s+to|switch\s+to|go\s+to))"
)
# ("For the financial-sector safety standards, what …": a phrase of scope opens a description too)
# (what kind of thing a description ends on: KIND_EN)
# (to the last kind noun of its clause: "the US standards institute's cybersecurity framework")
_DESCRIBED = re.compile(
    r"^\s*(?:" + _SWITCH_EN + r"|and|for|under|in|within)[,:]?\s+"
    r"(?P<d>(?:the|a|an)\s+[^—–:;,?!]{3,80}\b" + KIND_EN + r")\b",
    re.I,
)
# "The federal cloud program whose baseline is built on 800-53: which body …?", "JIPDEC's own
# cloud add-on to ISMS certification: how long …?": a headline before a colon or a dash, with no
# cue word, says what the turn is about; it describes a scheme when it holds a kind noun
_HEADLINE = re.compile(
    # ("Let's look at …" is no one's)
    # (a possessive may stand right before its kind noun: "JIPDEC's supplement for …")
    r"^\s*(?P<d>(?:(?:[Tt]he|[Aa]n?)\s+[^—–:;,?!]{3,80}?|(?!(?:Let|It|That|What|Here|There|Who|Where|How)'s)[A-Z][\w-]*'s\s+[^—–:;,?!]{0,80}?)\b"
    + KIND_EN + r")\b"
    r"(?P<tail>[^—–:;,?!]{0,60}?)\s*[:—–]\s*\S",
)


# the opening clause of a switch that goes on to ask something else:
# 「Xの場合は？…」, "And for X, …", "What about X: …"; after a word that opens a new
# subject (次に, 今度は, 「…に話を移すと」), the clause may be all the turn says
_OPENING_SUBJECT = re.compile(
    r"^\s*(?:じゃあ|では|それでは)?\s*(?P<s>[^？?。、]{2,40}?)(?:の場合は|の場合|では|なら|だと)[？?、,]\s*\S"
    r"|^\s*(?:じゃあ|じゃ|では|それでは|次に|次は|今度は|ところで|続いて|話を変えて)、?\s*(?P<c>[^？?。、]{2,40}?)"
    r"(?:について(?:は|も)?|の方は|のほうは|は)(?:[？?、,]|\s*$)"
    r"|^\s*(?P<m>[^？?。、]{2,40}?)(?:に話を移す(?:と)?|に話を変え(?:て|ると)|に話題を移(?:して|すと)|に移って|に移ると)(?:[？?、,]|\s*$)"
    r"|^\s*" + _SWITCH_EN + r"[,:]?\s+(?P<e>[^,—–:;?]{2,80})[,—–:;]\s*\S"
    # "For hospitals instead: which …": a scope the turn moves to
    r"|^\s*(?:for|in|under|with)\s+(?P<i>[^,—–:;?]{2,60}?)\s+instead[,—–:;]\s*\S",
    re.I,
)
# what ends a Japanese opening clause, before the rest of the turn
_CLAUSE_END = re.compile(
    r"^(?:の場合は|の場合|では|なら|だと|について(?:は|も)?|の方は|のほうは|は|に話を移す(?:と)?|に話を変え(?:て|ると)"
    r"|に話題を移(?:して|すと)|に移って|に移ると)[？?、,]?\s*"
)
# (a part of a standard is a kind of document too: 「供給者管理規格のクラウド編」)
_KIND_JA = re.compile(r"(?:基準|基準群|ガイドライン|制度|規格|認証|指令|マーク|プログラム|枠組み|フレームワーク|カタログ|編|パート)$")
_NOT_DESCRIBING = frozenset("of its their this that these those same other".split())
# "the cloud part of the supplier-relationship standard": a part of a document is one of its own
_PART_OF = frozenset("part parts edition version extension add-on counterpart equivalent member".split())


def opening_clause(question: str) -> tuple[str, int, bool] | None:
    """A switch's opening clause: its subject, where the subject ends, and whether it is Japanese."""
    o = _OPENING_SUBJECT.match(question)
    if not o:
        return None
    group = next(g for g in ("s", "c", "m", "e", "i") if o.group(g))
    return o.group(group), o.end(group), group not in ("e", "i")


def subject_sections(question: str, cur: list[Match]) -> set[str]:
    """The sections named in a switch's opening clause (「Xの場合は？…」), else every section named."""
    everything = {m.alias.section_id for m in cur}
    opening = opening_clause(question)
    if not opening:
        return everything
    cut = len(compact(question[: opening[1]]))
    return {m.alias.section_id for m in cur if m.end <= cut} or everything


def descriptions(question: str) -> list[tuple[str, str]]:
    """The description a switch cue introduces and the rest of the question after it;
    in English, to the end of its clause ("the ISMS add-on certification for cloud
    services — which …") and to its kind noun ("the ISMS add-on certification"), longest first."""
    opening = opening_clause(question)
    # (「そのカタログでは」: a kind noun after a demonstrative points back at the topic)
    if opening and opening[2] and _KIND_JA.search(opening[0]) and not ANAPHORA_JA.match(opening[0].lstrip()):
        # 「政府機関向けの統一基準の場合は？…」 (the rest without its 「の場合は？」)
        return [(opening[0], _CLAUSE_END.sub("", question[opening[1] :]))]
    m = _DESCRIBED.match(question)
    h = None if m else _HEADLINE.match(question)
    if not m and not h and opening and not opening[2]:
        # "Switching to healthcare: which …": what a switch cue opens, up to where its clause
        # breaks off, is what the turn moves to
        subject = re.sub(r"\s+instead\s*$", "", opening[0].strip())
        return [(subject, re.sub(r"^\s*instead\b", "", question[opening[1] :]).lstrip(",—–:; "))]
    if h:
        # the headline to its colon, and to its kind noun ("The federal cloud program")
        start, ends = h.start("d"), (h.end("tail"), h.end("d"))
    elif not m or question[m.end() :].startswith("'"):
        return []  # "the standard's requirements": an aspect of the topic
    else:
        # (a phrase of purpose or place after the kind noun, not a clause: "… program built on SP 800-53")
        ext = re.match(r"\s+(?:for|in)\s[^—–:;,?!]{0,36}", question[m.end() :])
        start, ends = m.start("d"), (m.end() + (len(ext.group(0).rstrip()) if ext else 0), m.end())
    out = []
    for e in dict.fromkeys(ends):
        desc = question[start:e]
        words = desc.split()[1:-1]
        # "the validity of the standards", "that scheme": an aspect or a pronoun, not a description
        if words and not any(w.lower() in _NOT_DESCRIBING and not (w.lower() == "of" and k and words[k - 1].lower() in _PART_OF) for k, w in enumerate(words)):
            out.append((desc, question[e:].lstrip(",—–:; ") if h else question[e:]))
    return out


def described_subject(question: str) -> str | None:
    """The description a switch cue introduces ("the banking sector's guideline"), or None."""
    d = descriptions(question)
    return d[0][0] if d else None


def describes(matches: list[Match]) -> bool:
    """Does a description name no scheme of its own? Terms and places describe; so does
    a name that several sections share ("the EU research project": EU-SEC's or NIS's EU)."""
    spans = sections_by_span(matches)
    return all(m.alias.kind in ("term", "place") or len(set(spans[(m.start, m.end)])) > 1 for m in matches)


def described_section(description: str, probe: Probe) -> str | None:
    """The section a description alone finds: a scheme among the best three, not an
    overview figure or the introduction that lists every scheme (「供給者管理のクラウド向け
    規格」 finds 図 1-1 first); else the best one."""
    ranked = [sid for sid, _ in probe.search(description).sections[:3]]
    return next((sid for sid in ranked if probe.is_entry(sid)), ranked[0]) if ranked else None


def returned_to(question: str, m: re.Match[str] | None, tops: list[Topic], probe: Probe) -> Topic | None:
    """The earlier topic a return describes ("the banking guideline" in "Back to the banking
    guideline, …", the words before 「…の話に戻ると」): the first of the sections the
    description alone finds that was a topic; None when that is the current topic.
    ``m`` is where the question's return cue stands (``conversation`` reads the cue)."""
    if m is None:
        return None
    clause = question[: m.start()] if m.start() > 0 else re.split(r"[,:;—–?？、。]", question[m.end() :], maxsplit=1)[0]
    clause = re.sub(r"(?:の)?(?:話|件|ところ)$", "", clause.strip())
    if len(compact(clause)) < 4:
        return None
    for sid, _ in probe.search(clause).sections[:3]:
        hit = next((t for t in tops if t.section_id == sid), None)
        if hit is not None:
            return hit if hit is not tops[0] else None
    return None


# a title word that moves the topic is used by at most this many sections
MAX_TITLE_WORD_SECTIONS = 3


def topics_by_title(text: str, earlier: list[Topic], titles: dict[str, str], probe: Probe | None) -> list[Topic]:
    """The earlier topics whose short titles share a word of the text, the question without
    its return cue (an English one's in the report's words: "healthcare" -> 医療), the most
    telling first: a word few titles use (医療) says more than one many do (ガイドライン);
    then the most recent."""
    words = {t for t in (probe.words(text) if probe is not None else search_tokens(text)) if len(t) >= 2 and not t.isdigit()}
    df = _title_words(tuple(titles.items()))
    scored = []
    for k, t in enumerate(earlier):
        shared = words & set(search_tokens(short_title(titles.get(t.section_id, ""))))
        if shared:
            # (every shared word is a title word, so the index has it)
            scored.append((-sum(1 / len(df[w]) for w in shared), k, t))
    return [t for *_, t in sorted(scored, key=lambda x: x[:2])]


@functools.lru_cache(maxsize=8)
def _title_words(titles: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    """Each word of the short section titles -> the sections it titles. The
    titles are fixed per corpus, so this is computed once, not per turn."""
    df: dict[str, set[str]] = {}
    for sid, title in titles:
        for t in set(search_tokens(short_title(title))):
            df.setdefault(t, set()).add(sid)
    return {t: frozenset(v) for t, v in df.items()}


def titles_elsewhere(question: str, topic: str, titles: dict[str, str], probe: Probe) -> bool:
    """Does the question use a word that titles one or two other sections and
    that the topic's own section never uses?"""
    df = _title_words(tuple(titles.items()))
    for t in dict.fromkeys(search_tokens(question)):
        holders = df.get(t, frozenset())
        if len(t) < 2 or t.isdigit() or not 1 <= len(holders) <= 2 or topic in holders:
            continue
        if len(search_tokens(t)) > 1:
            continue  # a compound (クラウド事業) is judged by its parts
        # …and that few sections use at all: 医療 singles out a section, クラウド事業者 does not
        if not probe.mentions(topic, t) and sum(probe.mentions(sid, t) for sid in titles) <= MAX_TITLE_WORD_SECTIONS:
            return True
    return False
