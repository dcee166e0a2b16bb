"""How a turn points at the topic without naming it: by the kind noun of its title
(「この指令」 after NIS 指令), by a noun only the topic's section uses ("the baseline"), or
by "the report" that the topic's own report is (SOC2's 保証報告書), not this one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .japanese import is_mostly_english
from .question_words import aspect_nouns
from .turn_cues import GOING_BACK, SELF_REFERENCE, WHOLE_REPORT_SCOPE

if TYPE_CHECKING:
    from .conversation import Probe, Turn


# the report's own parts, which only the report in hand has
_REPORT_PARTS = re.compile(
    r"\b(?:parts?|sections?|chapters?|pages?)\s+of\s+(?:the|this)\s+(?:report|document)\b|(?:この|本)?(?:報告書|レポート)の(?:どの)?(?:節|章|部分|ページ)", re.I
)
# the same kind of document in the other language
_REPORT_NOUNS = {"report": ("報告書", "レポート"), "報告書": ("report",), "レポート": ("report",), "document": ("文書",), "文書": ("document",)}


def topic_report(question: str, history: list[Turn], probe: Probe | None = None) -> str | None:
    """「この報告書」 right after a question that spoke of a scheme's 報告書 ("SOC2の報告書って…")
    is that report, and so is "the report" right after an answer from a section that speaks of
    a report of its own (SOC2's 保証報告書): the question with its self-reference made a
    pronoun, else None."""
    m = SELF_REFERENCE.search(question)
    # (a turn that goes back somewhere leaves the last turn's report: "Returning to how the
    # report is organised" is about the report in hand)
    if not m or not history or SELF_REFERENCE.search(history[-1].question) or GOING_BACK.search(question):
        return None
    if _REPORT_PARTS.search(question):
        return None  # "Which parts of the report …": a scheme's report has no numbered sections
    noun = re.sub(r"^(?:この|本|当|今回の|this|the)\s*", "", m.group(0), flags=re.I)
    before = history[-1].question.lower()
    # (in either language: "the report" after 「SOC2の保証報告書は…」)
    forms = (noun.lower(), *_REPORT_NOUNS.get(noun.lower(), ())) if noun else ()
    said_before = any(n in before for n in forms)
    # ("this report" is the one in hand; "the report" may be the topic's own)
    topic = history[-1].sections[0] if history[-1].sections else None
    in_topic = (
        m.group(0).lower().startswith("the ") and probe is not None and topic is not None
        # ("Across the report, which schemes …" is this one, searched whole)
        and not WHOLE_REPORT_SCOPE.search(question)
        and any(probe.mentions(topic, f) for f in forms if not f.isascii())
    )
    if not noun or not (said_before or in_topic):
        return None
    pronoun = "that " if noun.isascii() else "その"
    return question[: m.start()] + pronoun + noun + question[m.end() :]


_THIS_JA = re.compile(r"(?:この|その|当該|同)([一-龯ァ-ヺー]{1,6}?)(?=[をにがはのでと、]|$)")
_THIS_EN = re.compile(r"\b(?:this|that|the\s+same)\s+([a-z]{4,})\b", re.I)


def points_at_topic(question: str, title: str, probe: Probe) -> bool:
    """Does the question point at the topic by the kind noun of its title (「この指令」,
    "this directive" after 「NIS 指令 (EU)」)?"""
    title_words = set(probe.words(title))
    nouns = [m.group(1) for m in _THIS_JA.finditer(question)] + [m.group(1) for m in _THIS_EN.finditer(question)]
    return any(w in title_words for n in nouns for w in probe.words(n) if len(w) >= 2)


_DEFINITE_EN = re.compile(r"\b(?:the|this|that|its)\s+([a-z]{4,})\b(?!\s+(?:of|for)\b)", re.I)
# nouns every section may be called by: they point at no topic in particular
_ANY_SECTION = re.compile(r"reports?|sections?|entry|entries|documents?|parts?|chapters?|pages?|figures?|tables?|same|other|first|last|following|above|latter|former", re.I)


def topic_noun(question: str, topic: str, subjects: set[str], probe: Probe) -> bool:
    """Does the question point at the topic by a noun that the topic's section uses and the
    sections of the names it asks about do not: in English one with a definite article ("the
    baseline", "the catalogue"), in Japanese any of its nouns (「…27017 の管理策とのマッピング
    も公開されていますか？」 after C5, whose section publishes the mapping)?"""
    nouns = [m.group(1) for m in _DEFINITE_EN.finditer(question) if not _ANY_SECTION.fullmatch(m.group(1))]
    if not is_mostly_english(question):
        nouns += [noun for noun, _, _ in aspect_nouns(question)]
    for noun in nouns:
        forms = [noun, *probe.words(noun)]
        if any(probe.mentions(topic, f) for f in forms) and not any(probe.mentions(s, f) for s in subjects for f in forms):
            return True
    return False
