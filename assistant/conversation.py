"""Follow-up questions, resolved from the conversation as evidence.

The state is the conversation's *topics*: the sections earlier answers were
about, most recent first, each with the name the conversation used for it.
It is rebuilt from the plain history (question, searched query, ranked
sections of every turn), so a stateless client that sends its history back
and a server that keeps it resolve a conversation identically.

Every turn after the first is one of:

- ``standalone``: the question stands on its own (it names nothing earlier
  and the evidence says the last topic does not answer it);
- ``continue``: it continues the last topic, with or without a pronoun —
  「国内ではどのくらいの事業者が認証を取っているの？」 after a question about
  ISO/IEC 20000-1 searches ``ISO/IEC 20000-1 国内 事業者 認証 取る``;
- ``switch``: it names another entity, keeping the old aspect when it has
  none of its own (「米国の場合は？」);
- ``return``: it goes back to an earlier topic (「さっきの…」, "back to …", or a
  name from two turns ago).

Whether an unnamed question continues the topic is measured, not guessed
from its wording: a pronoun (その, it) keeps the topic; otherwise the question
is retrieved on its own and leaves the topic only when the topic's section
has (almost) none of its words (idf-weighted) while the section found has
many, and is no further in meaning (closest sentence vector). A question
asking for a typed answer the topic lacks (費用, 何社) stays, to be told the
report does not say. The searched query is the topic's name plus the
question's own content words: short, readable, never two questions glued.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from .answer_type import expected_type, type_cue
from .described import (
    described_section,
    describes,
    descriptions,
    opening_clause,
    returned_to,
    subject_sections,
    titles_elsewhere,
    topics_by_title,
)
from .entities import EntityTable, Match, without_report_source
from .figures import mentions_figure, points_at_figure
from .japanese import compact, content_words, has_surrogate, opens_sentence, search_tokens
from .question_cues import CATALOGUE_NOUN, NAMES_ROSTER, asks_what_it_is, asks_where_word, names_a_part
from .retrieve import POINTED_PREFER
from .segment import short_title
from .topic_pointers import points_at_topic, topic_noun, topic_report
from .turn_cues import (
    ASKS_IF_MENTIONED,
    BOTH,
    ELLIPSIS_JA,
    EXAMPLE_AFTER,
    EXAMPLE_BEFORE,
    FIRST,
    GOING_BACK,
    NEW_TOPIC,
    RETURN,
    SAME_PLACE,
    SELF_REFERENCE,
    asks_of_report,
    has_pronoun,
    is_followup,
    named_as_object,
    points_back,
)

log = logging.getLogger(__name__)


# "the same report" is the whole report, not the part the last turn was in
_SAME_REPORT = re.compile(r"same\s+(?:report|document|publication)|同じ(?:報告書|本書|資料|文書)", re.I)

def _last_aspect(prev: Turn, prev_matches: list[Match], topic_name: str) -> list[str]:
    """What the previous turn asked, without the names it asked it of."""
    names = [m.alias.name for m in prev_matches] + [topic_name]
    return _words_without(prev.searched_query or prev.question, names)


# Evidence thresholds (idf-weighted share of the question's words found in a
# section; chosen on the dev conversations). A conversation usually stays on
# its subject, so leaving it needs words the topic lacks and another section has.
MAX_STAY_WORDS = 0.1
MIN_LEAVE_WORDS = 0.3
# how strongly a follow-up that names one entity prefers its section
SWITCH_PREFER = 1.0
# …and one that continues the topic prefers the topic's: a nudge the question's words can
# overrule ("In the same section" pins it instead, with POINTED_PREFER)
TOPIC_PREFER = 0.8


@dataclass(frozen=True)
class Turn:
    question: str
    searched_query: str
    sections: tuple[str, ...] = ()
    # an answer of "the report does not say": its ranked sections are no topic
    abstained: bool = False


@dataclass(frozen=True)
class Topic:
    section_id: str
    name: str  # what the conversation called it ("C5"), else the section's own name
    age: int  # turns ago: 0 = the last turn


@dataclass
class Resolution:
    searched_query: str
    prefer: dict[str, float] = field(default_factory=dict)
    is_followup: bool = False
    kind: str = "standalone"
    topic: tuple[str, ...] = ()  # section ids of the topic the turn was resolved against
    retrieval: Any = None  # the standalone retrieval, when it was measured and chosen
    # the question as the conversation reads it: 「この報告書」 after 「SOC2の報告書って…」
    # is SOC2's report ("その報告書"), not the report in hand
    question: str | None = None
    description: str = ""  # a switch to a scheme described, not named: the description

    def explain(self) -> dict[str, Any]:
        return {"kind": self.kind, "topic": list(self.topic)}


class Probe(Protocol):
    """Evidence the resolver measures (implemented by ``core.Assistant``)."""

    def search(self, query: str) -> Any: ...  # a retrieve.Retrieval

    def support(self, section_id: str, retrieval: Any) -> tuple[float, float]: ...  # (cosine, word share)

    def mentions(self, section_id: str, name: str) -> bool: ...

    def words(self, text: str) -> list[str]: ...  # search tokens, an English text's in the report's words

    def same_language(self, question: str) -> bool: ...  # is the report written in the question's language?

    def is_entry(self, section_id: str) -> bool: ...  # is the section one of the catalogue's schemes?


# ------------------------------------------------------------------ topics


def section_name(section_id: str, entities: EntityTable) -> str:
    """The name a section goes by: its heading name, shortest first."""
    best: tuple[int, int, str] | None = None
    for a in entities.aliases():
        if a.section_id != section_id or a.kind not in ("name-title", "title"):
            continue
        key = (0 if a.kind == "name-title" else 1, len(a.name), a.name)
        if len(compact(a.name)) >= 2 and (best is None or key < best):
            best = key
    if best is not None:
        return best[2]
    return short_title(section_id)


def topics(history: list[Turn], entities: EntityTable, titles: dict[str, str] | None = None) -> list[Topic]:
    """The sections the conversation has been about, most recent first."""
    out: list[Topic] = []
    seen: set[str] = set()
    for age, turn in enumerate(reversed(history)):
        named = entities.find(turn.searched_query or turn.question)
        if turn.abstained:
            # a turn the report could not answer was about the one thing it named, or stayed on
            # the topic: its nearest section is only related text ("EU" names two sections)
            named_sids = {m.alias.section_id for m in named}
            sid = next(iter(named_sids)) if len(named_sids) == 1 else None
        else:
            sid = turn.sections[0] if turn.sections else (named[0].alias.section_id if named else None)
        # (a client may send any string as a turn's section: a lone surrogate cannot be read)
        if not sid or sid in seen or has_surrogate(sid):
            continue
        seen.add(sid)
        used = [m.alias.name for m in named if m.alias.section_id == sid]
        name = used[0] if used else section_name(sid, entities)
        if name == sid and titles and sid in titles:
            name = short_title(titles[sid])
        out.append(Topic(sid, name, age))
    return out


# ------------------------------------------------------------------ wording


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _words_without(text: str, names: list[str]) -> list[str]:
    """Content words of ``text`` that are not part of the given names."""
    # a capital that only opens a sentence ("Now the …", "Switching to …"): behind the
    # topic's name in a searched query it would read as a name
    text = _CAPITALISED.sub(lambda m: m.group(0).lower() if opens_sentence(text, m.start()) else m.group(0), text)
    keys = [compact(n) for n in names if n]
    name_tokens = set(search_tokens(" ".join(names))) if names else set()
    out = []
    for w in content_words(text):
        cw = compact(w)
        if any(cw in k or k in cw for k in keys):
            continue
        if name_tokens and set(search_tokens(w)) <= name_tokens:
            continue
        out.append(w)
    return out


def _query(*parts: str | list[str]) -> str:
    words: list[str] = []
    for p in parts:
        words.extend([p] if isinstance(p, str) else p)
    return " ".join(dict.fromkeys(w for w in words if w.strip()))


def _siblings(a: str, b: str) -> bool:
    pa, _, _ = a.rpartition(".")
    pb, _, _ = b.rpartition(".")
    return bool(pa) and pa == pb


# ------------------------------------------------------------------ resolve


def resolve(
    question: str,
    history: list[Turn],
    entities: EntityTable,
    probe: Probe | None = None,
    titles: dict[str, str] | None = None,
) -> Resolution:
    as_topic = topic_report(question, history, probe)
    res = _resolve(as_topic or question, history, entities, probe, titles)
    res.question = as_topic
    if not res.searched_query.strip():
        res.searched_query = question  # nothing left to search with: the question as asked
    elif (cue := type_cue(question)) and not expected_type(res.searched_query):
        # "how many parts…", 「いつ…」: the content words keep the topic, the cue keeps what
        # kind of answer is wanted (a count, a date) for choosing and checking the sentence
        res.searched_query = f"{res.searched_query} {cue.lower()}"  # ("When" mid-query is no name)
    return res


def _resolve(
    question: str,
    history: list[Turn],
    entities: EntityTable,
    probe: Probe | None,
    titles: dict[str, str] | None,
) -> Resolution:
    if not history:
        return Resolution(question)
    # "…, according to the report?" says where to look, not what the turn is about
    question = without_report_source(question)
    tops = topics(history, entities, titles)
    # (a question about the report stands alone, unless it goes back to an earlier topic first:
    # "Going back to the supplier-relationship series: how does the report mark …")
    back = GOING_BACK.search(question)
    # ("Returning to how the report is organised: …" goes back to the report itself)
    back_to = re.split(r"[:：,、—–?？]", question[back.end() :], maxsplit=1)[0] if back else ""
    # ("In the same section, on what is the report said to be based?" stays in the part it was in)
    same_place = bool(SAME_PLACE.search(question)) and not back and not _SAME_REPORT.search(question)
    if not tops or (
        asks_of_report(question) and not same_place and (not back or SELF_REFERENCE.search(back_to))
    ):
        return Resolution(question)
    if asks_where_word(question):
        # "which sections use the word 利用者": every section that does, the topic's among them
        return Resolution(question)
    figure = mentions_figure(question)
    # "Back to the opening section: …" goes back to a part of the report, not to a scheme it names
    if back and (names_a_part(question) or figure):
        return Resolution(question)
    # ("Same roster: who …" stays on the roster it was on)
    if (names_a_part(question) or (NAMES_ROSTER.search(question) and not same_place)) and not has_pronoun(question) and not figure:
        # "One last point from the introduction: …": a part of the report named, and nothing
        # pointing back at the topic, is where the turn looks
        return Resolution(question, {}, True, "standalone", ())
    if figure and (not has_pronoun(question) or points_at_figure(question)):
        # "Same section, overview figure: which standards are listed against C5?": the figure
        # is what is asked about, and the scheme a cell of it
        return Resolution(question, {}, True, "standalone", ())
    last = tops[0]
    if same_place:
        # 「同じ名簿で、ISMS-ACから加わっているのは誰？」: the turn says it stays where the last one
        # was, so a name in it is asked about there (ISMS-AC on the roster), not switched to
        # ("In the same section" pins it, as a section named by its number is; "Same roster:" names
        # a part, which the last topic may not be: there the words decide)
        query = _query(last.name, _words_without(question, [last.name]))
        weight = TOPIC_PREFER if names_a_part(question) or NAMES_ROSTER.search(question) else POINTED_PREFER
        return Resolution(query, {last.section_id: weight}, True, "continue", (last.section_id,))
    # (a description may hold a term: 「27002にクラウド向けの追加事項を足した規格」; one that
    # runs on to a name, "the … program built on SP 800-53", is described up to its kind noun)
    # (a number counts as a name: "… program whose baseline is built on 800-53")
    descs = descriptions(question)
    said = [len(entities.find(d)) + len(re.findall(r"\d+(?:-\d+)?", d)) for d, _ in descs]
    described = next((d for d, n in zip(descs, said) if n == said[-1]), None)
    # ("Let's look at a scheme we have not touched yet: under IRAP, …": the scheme named after
    # an indefinite description is where the turn goes; the description only announces it, where
    # 「政府機関向けの統一基準の場合は？27017はどこで出てくる？」 asks of the one described)
    named_after = described and re.match(r"(?:a|an|another)\s", described[0], re.I) and any(m.alias.kind in ("title", "name-title", "name") for m in entities.find(described[1]))
    if described and probe is not None and describes(entities.find(described[0])) and not named_after:
        # the scheme described is whichever section the description alone finds first
        desc, rest = described
        top = described_section(desc, probe)
        if top is not None and top != last.section_id:
            prev = history[-1]
            aspect = _words_without(rest, []) or _last_aspect(prev, entities.find(prev.searched_query), last.name)
            prefer = {top: SWITCH_PREFER, last.section_id: -SWITCH_PREFER}
            return Resolution(_query(desc, aspect), prefer, True, "switch", (top,), description=desc)
    cq = compact(question)
    found = entities.find(question)
    cur = [m for m in found if not EXAMPLE_BEFORE.search(cq[: m.start]) and not EXAMPLE_AFTER.match(cq[m.end :])]
    examples = len(cur) < len(found)
    cur = _without_qualifiers(cq, cur)
    named = list(dict.fromkeys(m.alias.section_id for m in cur))
    names = list(dict.fromkeys(m.alias.name for m in cur))
    # the names as the question wrote them too: "the United Kingdom" is 英国, not an aspect
    said = list(dict.fromkeys([*names, *(m.alias.key for m in cur)]))
    own = _words_without(ELLIPSIS_JA.sub("", question.strip()), said)

    # Back to an earlier topic: by a name mentioned before, or by 「さっきの」 alone.
    earlier = [t for t in tops[1:] if t.section_id in named and t.section_id != last.section_id]
    cue = RETURN.search(question)
    returning = cue is not None
    described_back = None
    # ("Going back to the US federal cloud programme: which NIST publication …": a name after the
    # clause that says where the turn goes back to is part of what it asks)
    clause_end = len(compact(question[: back.end() + len(back_to)])) if back else len(cq)
    in_clause = [m for m in cur if m.start < clause_end]
    if returning and not earlier and cur and probe is not None and all(m.alias.kind in ("term", "place") for m in in_clause):
        # 「27002をベースにしたクラウド管理策の規格の話に戻ると」: a return to what the words
        # before the cue describe; the term in them (27002) is part of the description, and so
        # is a place ("Returning to the hospital guidelines' American note")
        described_back = returned_to(question, cue, tops, probe)
        earlier = [described_back] if described_back is not None else []
    if earlier or (returning and not named and len(tops) > 1):
        # 「医療のほうに戻って」: the earlier topic whose title holds a word of the question
        by_title = topics_by_title(RETURN.sub(" ", question), tops[1:], titles, probe) if titles else []
        # "Back to the first one", 「最初の話に戻って」: the oldest topic, not the one before last
        first = [tops[-1]] if FIRST.search(question) else []
        # "Coming back to the service-management standard": no title word, but what the words
        # describe was a topic
        described = [] if earlier or by_title or first or probe is None else [t for t in [returned_to(question, cue, tops, probe)] if t]
        target = earlier[0] if earlier else (by_title or first or described or tops[1:])[0]
        own = _words_without(ELLIPSIS_JA.sub("", RETURN.sub(" ", question).strip()), said)
        if not own and ELLIPSIS_JA.search(question.strip()):
            # 「米国の場合は？」 back to FedRAMP after 「C5の監査基準は？」: the last aspect, of it
            prev = history[-1]
            own = _last_aspect(prev, entities.find(prev.searched_query), last.name)
        query = _query([target.name] + names if described_back else names or [target.name], own)
        return Resolution(query, {target.section_id: 1.0}, True, "return", (target.section_id,))

    if cur:
        if last.section_id in named and last.section_id in subject_sections(question, cur):
            # the topic named again: it continues
            return Resolution(_query(names, own), {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        subjects = [m for m in cur if m.alias.kind not in ("term", "place")]
        if probe is not None and ASKS_IF_MENTIONED.search(question) and all(probe.mentions(last.section_id, n) for n in names):
            # "Is ISO/IEC 27017 mentioned as a reference?", 「27017への言及はある？」: asks whether the
            # topic names it, and the topic's own section does
            query = _query([last.name] + names, _words_without(question, said))
            return Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        # a name that opens the turn as its headline is its subject, and a pronoun after it points
        # at it: "NIST SP 800-53, which US providers often add to such reports: what does that
        # publication mainly provide?"
        headline = any(m.start == 0 and cq[m.end : m.end + 1] in (",", ":", "—", "–", "、", "：") for m in cur)
        if not subjects and probe is not None and titles and points_at_topic(question, titles.get(last.section_id, ""), probe):
            # 「イギリスでこの指令を国内法にした法令は？」 after the NIS directive: "this directive" is
            # the topic, and the place only says where the aspect is asked about
            query = _query(last.name, _words_without(question, [last.name]))
            return Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        if (
            subjects and not headline and has_pronoun(question) and probe is not None
            and all(named_as_object(cq, m.start, m.end) for m in subjects)
            and all(probe.mentions(last.section_id, n) for n in names)
        ):
            # "Which edition of ISO/IEC 27017 is it based on?", "which one is tied to SOC2?": a
            # scheme the topic's section names, as what the topic builds on or is tied to, with
            # a pronoun for the topic, asks about the topic
            query = _query(last.name, _words_without(question, [last.name]))
            return Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        if (
            subjects and not headline and probe is not None
            # ("Moving on: the introduction picks out one American scheme …" leaves the topic)
            and not NEW_TOPIC.search(question) and not names_a_part(question)
            and all(probe.mentions(last.section_id, n) for n in names)
            and topic_noun(question, last.section_id, {m.alias.section_id for m in subjects}, probe)
        ):
            # "Which NIST publication is the baseline derived from?" after FedRAMP: "the baseline"
            # is the topic's (its section uses the word, NIST's does not), and NIST, which the
            # topic's section names, is what the baseline is asked about
            query = _query(last.name, _words_without(question, [last.name]))
            return Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        if not subjects and not headline and (has_pronoun(question) or not (asks_what_it_is(question) or opening_clause(question))) and probe is not None:
            # "And how does it relate to ISO/IEC 27002?", "What gets added on top of ISO/IEC
            # 27002's controls?": a term the topic's own section mentions is what the topic
            # is compared with or builds on, not a new topic ("What is 3PAO?" asks for the term).
            if all(probe.mentions(last.section_id, n) for n in names):
                query = _query(last.name, _words_without(question, [last.name]))
                return Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
        return _switch(question, history, cur, names, own, entities, tops)

    if NEW_TOPIC.search(question):
        return Resolution(NEW_TOPIC.sub(" ", question).strip(" 、,，:：—-"), {}, True, "standalone", ())

    if BOTH.search(question) and len(tops) >= 2:
        pair = tops[:2]
        query = _query([t.name for t in pair], _words_without(question, [t.name for t in pair]))
        return Resolution(query, {t.section_id: TOPIC_PREFER for t in pair}, True, "continue", tuple(t.section_id for t in pair))

    pointing = has_pronoun(question)
    query = _query(last.name, _words_without(question, [last.name]))
    keep = Resolution(query, {last.section_id: TOPIC_PREFER}, True, "continue", (last.section_id,))
    if probe is None:
        return keep if is_followup(question, False) else Resolution(question)
    if examples:
        return keep  # only examples named ("…, such as FedRAMP?"): still about the topic
    r = probe.search(question)
    if not r.sections:
        return keep
    top = r.sections[0][0]
    if top == last.section_id:
        return keep
    if pointing:
        return keep  # a pronoun with no other name points at the last topic
    if titles and titles_elsewhere(question, last.section_id, titles, probe):
        # a word that titles another section and that the topic never uses
        # (医療 after 金融分野のガイドライン) leaves the topic for that section
        return Resolution(question, {}, True, "standalone", (), r)
    if not probe.same_language(question):
        # words cannot be compared across languages: "Which kinds of digital service
        # providers are covered?" shares no word with a Japanese section however well it
        # answers, so the conversation stays on its subject
        return keep
    # Without a pronoun the question leaves the topic only when the topic's
    # section has (almost) none of its words and the section found on its
    # own has many of them, and is no further in meaning.
    stay_cos, stay_words = probe.support(last.section_id, r)
    leave_cos, leave_words = probe.support(top, r)
    log.debug("continue %s %.3f/%.2f vs standalone %s %.3f/%.2f for %r", last.section_id, stay_cos, stay_words, top, leave_cos, leave_words, question)
    # A typed question (費用, 何社, 期間…) the topic cannot answer is an absent
    # aspect of the topic, to be said so, not a reason to answer about another.
    if (
        stay_words < MAX_STAY_WORDS
        and leave_words >= MIN_LEAVE_WORDS
        and leave_cos >= stay_cos
        and expected_type(question) is None
    ):
        return Resolution(question, {}, True, "standalone", (), r)
    return keep


def _without_qualifiers(cq: str, matches: list[Match]) -> list[Match]:
    """The matches without a place that only qualifies the name after it: in 「米国のCSF」
    the turn names CSF, and 米国 (also CSA STAR's and FedRAMP's) says whose it is."""
    named = [m for m in matches if m.alias.kind != "place"]
    return [
        m for m in matches
        if m.alias.kind != "place"
        or not any(n.start >= m.end and cq[m.end : n.start] in ("", "の", "'s", "s") for n in named)
    ]


def _switch(
    question: str,
    history: list[Turn],
    cur: list[Match],
    names: list[str],
    own: list[str],
    entities: EntityTable,
    tops: list[Topic],
) -> Resolution:
    """A new entity: its name with the question's own aspect, or the last
    aspect when it brings none ("米国の場合は？" after "C5の監査基準は？")."""
    prev = history[-1]
    prev_matches = entities.find(prev.searched_query)
    # 「オーストラリアの制度ではどう？」: the kind noun says what the name is, it asks nothing of it
    asks_own = any(not CATALOGUE_NOUN.fullmatch(compact(w)) for w in own)
    aspect = own if asks_own else _last_aspect(prev, prev_matches, tops[0].name)
    prefer: dict[str, float] = {}
    prev_sections = [m.alias.section_id for m in prev_matches] or [tops[0].section_id]
    by_span: dict[tuple[int, int], list[Match]] = {}
    for m in cur:
        by_span.setdefault((m.start, m.end), []).append(m)
    for ms in by_span.values():
        if len(ms) > 1 and prev_sections:
            # an ambiguous name (米国: CSA STAR or FedRAMP) means the sibling of what we talked about
            for m in ms:
                if any(_siblings(m.alias.section_id, p) for p in prev_sections):
                    prefer[m.alias.section_id] = 1.0
    # a full question of its own is searched as asked; a fragment gets the old aspect
    # ("3PAOとは？" asks what it is, not the last question's aspect of it)
    fragment = (not asks_own and not asks_what_it_is(question)) or points_back(question) or prefer
    query = _query(names, aspect) if fragment else question
    # 「統一基準の場合は？27017はどこで出てくる？」: the name in the opening clause is what the turn
    # switches to; a name after it is what is asked about there
    subject = subject_sections(question, cur)
    if len(subject) < len({m.alias.section_id for m in cur}):
        by_span = {k: ms for k, ms in by_span.items() if any(m.alias.section_id in subject for m in ms)}
        cur = [m for ms in by_span.values() for m in ms]
    if not prefer:
        # the entity the turn switches to is what it asks about (米国政府 → FedRAMP,
        # not the procurement scheme another country runs)
        for ms in by_span.values():
            if len(ms) == 1 and ms[0].alias.kind not in ("term",):
                prefer[ms[0].alias.section_id] = SWITCH_PREFER
    if fragment:
        # 「英国の場合は？」 after 「C5の監査基準は？」 carries C5's aspect words, which C5's own
        # section matches best; the turn has just left it
        named_now = {m.alias.section_id for m in cur}
        for sid in prev_sections:
            if sid not in named_now:
                prefer[sid] = -SWITCH_PREFER
    return Resolution(query, prefer, True, "switch", tuple(dict.fromkeys(m.alias.section_id for m in cur)))
