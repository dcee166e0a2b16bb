"""Which dates answer a when-question.

"When was it last revised?" is not answered by the year a thing first appeared, "When was JIPDEC
founded?" not by the date of a document it issued, 「何月何日？」 not by a month: a sentence with a
date answers only when it dates what is asked (a revision, a first edition, a founding, a start,
a law's making, a month or a day), and not by an edition year of another standard or a year the question
states itself.
"""

from __future__ import annotations

import re
import unicodedata

from .japanese import MONTH_NAMES

_EDITION = re.compile(r"(\d{3,6}(?:-\d+)?)\s*[:：]\s*((?:19|20)\d\d)(?!\d)")


# a question that asks which standard (and so which edition of it), naming none
_ASKS_WHICH_STANDARD = re.compile(r"(?:どの|何の|どういう)(?:国際)?規格|\b(?:which|what)\s+(?:international\s+)?standard\b", re.I)


def without_other_editions(sentence: str, question: str) -> str:
    """The sentence without the edition years of standards the question does not
    name: "ISO/IEC 29100:2011" dates 29100, not the 27018 asked about."""
    q = unicodedata.normalize("NFKC", question)
    if _ASKS_WHICH_STANDARD.search(q):
        return unicodedata.normalize("NFKC", sentence)  # 「どの国際規格の何年版？」: any standard's edition may be it
    return _EDITION.sub(lambda m: m.group(0) if m.group(1) in q else m.group(1), unicodedata.normalize("NFKC", sentence))


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a choice offered: "2016 or 2017?", 「2016年か2017年か」
_CHOICE = re.compile(r"\bor\b|それとも|(?:19|20)\d\d\s*年?\s*か\s*(?:19|20)\d\d", re.I)


def without_years_given(sentence: str, question: str) -> str:
    """The sentence without the years the question states itself: "It cites 29100 in its
    2011 edition. When did a newer one come out?" is not answered by "29100:2011"
    (unless the question offers the years to choose from)."""
    q = unicodedata.normalize("NFKC", question)
    given = set(_YEAR.findall(q))
    if not given or _CHOICE.search(q):
        return sentence
    return _YEAR.sub(lambda m: " " if m.group(0) in given else m.group(0), sentence)


# a question about the date of a revision, a latest or a numbered edition, and what a sentence
# that dates one says
# (not \b: a Latin word right after Japanese, 「…のver.1.1」, has no word boundary before it)
_ASKS_REVISION = re.compile(
    r"改訂|改定|最新|更新|(?<![A-Za-z])(?:latest\b|revis|updated?\b|ver(?:sion)?\.?\s*\d|rev\.?\s*\d)", re.I
)
_REVISION_SAID = re.compile(r"改訂|改定|最新|更新|版|(?<![A-Za-z])(?:rev|ver|update|edition)", re.I)
# …and about when a thing first appeared, and what a sentence that dates a first edition says
# (of the thing itself: not "when were safeguards first added", which an edition may answer)
_ASKS_FIRST = re.compile(
    r"初版|最初の版|第\s*1\s*版|最初に(?:発行|公表|策定|出|作|始)|(?:始ま|開始|スタート)(?:った|した|された)"
    r"|\b(?:first|originally)\s+(?:edition|version|published|issued|released|came\s+out|start(?:ed)?|began|launched|appeared)\b"
    r"|\bvery\s+first\b",
    re.I,
)
# (「原文公表：2013年12月」 dates the original text, though the title says "(Revised)")
_FIRST_SAID = re.compile(r"初版|最初|初めて|第\s*1\s*版|開始|創設|設立|発足|原文|当初|\b(?:first|launch|start|establish|original)", re.I)


# which year's edition of a standard (「27001の何年版？」), and a sentence that dates an edition
# ("ISO/IEC 27017:2015", 「平成 28 年版」)
_ASKS_EDITION = re.compile(r"何年版|\b(?:which|what)\s+year['’]s\s+(?:edition|version)\b|\b(?:edition|version)\s+(?:year|of\s+which\s+year)\b", re.I)
_EDITION_SAID = re.compile(r"\d\s*[:：]\s*(?:19|20)\d\d(?!\d)|年\s*版|\d{4}\s*(?:edition|version)|\b(?:edition|version)\s+(?:of\s+)?(?:19|20)\d\d", re.I)


# when an organisation was founded: only a sentence that says it was founded (or started) dates
# that; the year of a document it issued ("平成 28 年版") does not
_ASKS_FOUNDING = re.compile(r"設立|発足|創設|創立|設置|\b(?:founded|established|set\s+up|formed)\b", re.I)
# (an organisation's founding is said as such; a scheme's may be said as its start)
_FOUNDED = r"設立|発足|創設|創立|設置|誕生|\b(?:found|establish|set\s+up|form)(?:ed|s)?\b"
_FOUNDED_SAID = re.compile(_FOUNDED, re.I)
_FOUNDING_SAID = re.compile(_FOUNDED + r"|開始|始ま|\b(?:launch|start)(?:ed|s)?\b", re.I)
# when a scheme or programme began: a sentence that dates its start or introduction, not a
# later change to it (「2019年度の…への制度変更」 is no start of Meaningful Use)
_ASKS_START = re.compile(r"始ま|開始|\b(?:begin|began|begun|start|started|launch|launched|commence|commenced)\b", re.I)
# (a document starts when it is first drawn up or issued: 「初版は 1985 年に…策定され」)
_START_SAID = re.compile(
    _FOUNDED + r"|開始|始ま|導入|策定|制定|発行|初版|当初|\b(?:launch|start|introduc|commenc|issu|publish|first)\w*", re.I
)
_ORGANISATION = re.compile(r"団体|組織|機関|協会|法人|センター|\b(?:organi[sz]ation|body|agency|association|institute|foundation|consortium)\b", re.I)
# ...and when a law was made: a sentence that dates its making or its entry into force
# ("2016 年 8 月に発効"), not one that dates a later change to rules made under it
# (coming into force is enacting too: "When did it come into effect?", 「いつ発効した？」)
_ASKS_ENACTED = re.compile(
    r"制定|成立|施行|発効|\b(?:enact(?:ed|ment)?|passed|signed\s+into\s+law)\b"
    r"|\b(?:come|came|comes|coming|enter(?:ed|s)?|go(?:es)?|went)\s+into\s+(?:effect|force)\b|\b(?:take|took|takes|taking)\s+effect\b|\bin\s+force\b",
    re.I,
)
# (策定: the report's word for drawing up a document of rules)
_ENACTED_SAID = re.compile(
    r"制定|成立|施行|発効|採択|公布|策定|\b(?:enact\w*|adopt\w*|passed|signed|in(?:to)?\s+force|took\s+effect|came\s+into\s+effect)\b", re.I
)
# the day asked for (「何月何日」, "on which day") is not given by a year or a month alone:
# 「平成26年法律第104号」 does not say on what day the standards were decided
_ASKS_DAY = re.compile(r"何日(?!間)|\b(?:which|what)\s+day\b|\bexact\s+date\b", re.I)
_DAY_SAID = re.compile(
    r"\d{1,2}\s*日|\b(?:" + "|".join(MONTH_NAMES) + r")\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(MONTH_NAMES) + r")\b", re.I
)


# …nor the month asked for (「何年何月？」, "in which month") by a year alone: 「平成 28 年版」
# does not say in which month of 2016 a standard came out
_ASKS_MONTH = re.compile(r"何月|\b(?:which|what)\s+month\b|\bmonth\s+(?:and|of)\b", re.I)
# (an English month is capitalised: "may" is a verb)
_MONTH_SAID = re.compile(r"\d{1,2}\s*月|\b(?:" + "|".join(m.capitalize() for m in MONTH_NAMES) + r")\b|(?<!\d)(?:19|20)\d\d\s*[/.-]\s*\d{1,2}(?!\d)")


def names_founding_or_enactment(question: str) -> bool:
    """Does the question speak of a founding or of a law's making ("founded", 制定, 発効)?"""
    return bool(_ASKS_FOUNDING.search(question) or _ASKS_ENACTED.search(question))


def dates_what_is_asked(sentence: str, question: str) -> str | None:
    """The sentence as it may date what the question asks (without the edition years of
    other standards and the years the question gives), or None when the date it gives is of
    something else: a first appearance for a revision, a revision for a first edition, a
    document for a founding, a later change for a start, a month for a day."""
    asked = unicodedata.normalize("NFKC", question)
    sentence = without_years_given(without_other_editions(sentence, question), question)
    if _ASKS_REVISION.search(asked) and not _REVISION_SAID.search(sentence):  # (NFKC already)
        # "when was it last revised / when did ver.1.1 come out": a date the sentence gives
        # to no revision or edition ("2013 年に発行された") is when it first appeared
        return None
    if _ASKS_FIRST.search(asked) and _REVISION_SAID.search(sentence) and not _FIRST_SAID.search(sentence):
        # "When did the very first edition come out?": the date of a later, numbered or
        # revised edition (「第5版（平成29年5月）」, 「2019年3月の第9版改訂」) is not that
        return None
    if _ASKS_EDITION.search(asked) and not _EDITION_SAID.search(sentence):
        return None  # 「何年版？」: the year an edition carries, not when a scheme began
    if _ASKS_FOUNDING.search(asked):
        # an organisation is founded, not started: 「認証を開始」 dates the scheme
        said = _FOUNDED_SAID if _ORGANISATION.search(asked) else _FOUNDING_SAID
        if not said.search(sentence):
            return None
    if _ASKS_START.search(asked) and not _START_SAID.search(sentence):
        return None
    if _ASKS_ENACTED.search(asked) and not _ENACTED_SAID.search(sentence):
        return None
    if _ASKS_DAY.search(asked) and not _DAY_SAID.search(sentence):
        return None
    if _ASKS_MONTH.search(asked) and not _MONTH_SAID.search(sentence):
        return None
    return sentence
