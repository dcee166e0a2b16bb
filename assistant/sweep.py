"""A sweep: every value of one kind across a set of sections, each where it stands.

"Go through the domestic entries and list every date, saying what each one dates",
「2.2の各項目の関連URLのドメインを挙げて」, 「各項目の脚注を一覧にして」, "Spell out each
acronym in the NIS entry": the answer is not one sentence per section but every
line of those sections that holds a value of the kind asked for (a date, a web
address, a footnote, an acronym with its expansion, a count), in the report's
order, each cited. The sections are the ones the question sets out: a chapter
group by its label or number (国内, 2.3), the entries it names, or the report's
own parts (the introduction, the conclusion); with none, the whole report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from .answer_type import gives_type
from .catalogue import CatalogueRecord, match_group
from .japanese import MONTH_NAMES, compact, is_mostly_english, western_years
from .question_cues import group_words, names_a_word
from .quoting import Quoter, Shaped
from .set_aside import set_aside
from .types import Citation

# every one of them, not the one that answers: "list every", 「全部挙げて」, "one by one", 「それぞれ」
_EVERY = re.compile(
    r"すべて|全て|全部|漏れなく|一覧|洗い出|拾い出|それぞれ|ひとつずつ|1つずつ|一つずつ|各(?:項目|節|制度)"
    r"|\bevery\b|\ball\s+(?:the\s+)?\w+|\beach\b|\bone\s+by\s+one\b|\bgo\s+through\b"
    # "Which web addresses end in …?": the addresses themselves, every one that does (in the
    # plural: 「どのURLで参照できる」 asks for one)
    r"|\bwhich\s+(?:web\s+)?(?:addresses|urls|links)\b"
    # how many times they come up asks for every one of them: 「いくつ出てきますか」
    r"|(?:いくつ|何回|何箇所|何か所|何カ所)(?:出て|登場|書かれ|現れ|記載)|\bhow\s+many\s+times\b",
    re.I,
)
# what a question calls each kind of value a sweep collects
_ASKS = {
    "date": re.compile(r"日付|年月日?|\bdates?\b", re.I),
    "address": re.compile(r"URL|ドメイン|アドレス|\bdomains?\b|\bweb\s*(?:sites?|pages?|address(?:es)?)\b|\bwebsites?\b|\burls?\b", re.I),
    "footnote": re.compile(r"脚注|※印?の?(?:付いた)?注|\bfootnotes?\b", re.I),
    "acronym": re.compile(r"略語|略称|頭字語|\bacronyms?\b|\babbreviations?\b", re.I),
    "money": re.compile(r"金額|通貨|\bamounts?\s+of\s+money\b|\bmonetary\b|\bsums?\s+of\s+money\b", re.I),
    # ("figures" are the report's 図, not its numbers)
    "count": re.compile(r"数字|数値|\bnumbers\b|\bevery\s+number\b", re.I),
}
_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+", re.I)
# a ※ note, or a numbered note under a table
_FOOTNOTE = re.compile(r"^\s*(?:※\s*\d*|\*|\d{1,2}\s)(?=\S)")
# a capitalised run with its expansion in brackets or after a colon, either way round
_ACRONYM = re.compile(
    r"\b[A-Z][A-Z0-9]{1,7}s?\b\s*[:：(（]\s*[A-Z][a-z]+|[A-Z][a-z]+(?:\s+[A-Za-z][a-z-]+)+\s*[(（]\s*[A-Z][A-Z0-9]{1,7}s?\s*[)）]"
    r"|[一-龯ァ-ヺー]{2,}\s*[(（]\s*[A-Z][A-Z0-9]{1,7}s?\s*[)）]"
)
# how a line of a passage (text, field label) gives a value of each kind: dates and counts as
# ``answer_type`` reads them for any question
_GIVES: dict[str, Callable[[str, str], bool]] = {
    "date": lambda text, _field: gives_type(text, "date"),
    "address": lambda text, _field: bool(_ADDRESS.search(text)),
    "footnote": lambda text, field: bool(_FOOTNOTE.match(text)) or field == "注記",
    "acronym": lambda text, _field: bool(_ACRONYM.search(text)),
    "money": lambda text, _field: gives_type(text, "money"),
    "count": lambda text, _field: any(gives_type(text, k) for k in ("number", "count", "duration")),
}
# any acronym, spelled out or not: "ENISA", "ISO/IEC", "ITSMS"
_BARE_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]*[A-Z](?:/[A-Z]{2,})?(?![A-Za-z])")
# asks for what acronyms stand for: then only the ones the report spells out answer
_SPELLED = re.compile(r"spell|stands?\s+for|expan|written\s+out|正式名称|何の略|略さず|訳", re.I)
# the acronyms a question leaves out: "apart from ISO/IEC, JIS and ISMS", 「ISOとNISTは除いて」
_BESIDES = re.compile(
    r"\b(?:apart\s+from|except(?:\s+for)?|other\s+than|besides|excluding|leaving\s+out)\b(?P<en>[^?？.;。]*)"
    r"|(?P<ja>[^。？?、]*?)(?:以外|を除|は除|を省|は省)",
    re.I,
)


def _acronyms_left_out(question: str) -> set[str]:
    return {a for m in _BESIDES.finditer(question) for a in _BARE_ACRONYM.findall(m.group("en") or m.group("ja") or "")}


def _any_acronym_but(left_out: set[str]) -> Callable[[str, str], bool]:
    """How a line gives an acronym when every one counts but those left out."""
    return lambda text, _field: any(a not in left_out for a in _BARE_ACRONYM.findall(text))


# a value the question gives itself (2014年, .go.jp): only the lines holding it
_GIVEN_VALUE = {
    "date": re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?:平成|令和|昭和)\s*\d+(?=\s*年)"),
    # (a scheme alone, 「http://」で始まる: "https://…" does not hold "http://")
    # ("containing www", "ending in a # fragment": a part of the address the question names)
    "address": re.compile(r"(?<![\w.])\.[a-z]{2,6}(?:\.[a-z]{2})?\b|\bhttps?://(?![\w.])|\bwww\b(?!\.\w)|#", re.I),
}
# "Which entries …", 「どれ」: the sections are what is asked for, each with its values
_WHICH = re.compile(
    r"どれ|どこ|どの(?:制度|項目|節|ガイドライン|規格|認証)|\bwhich\s+(?:[\w-]+\s+){0,2}(?:entries|sections|schemes|parts|guidelines|standards|certifications)\b|\bwhere\b",
    re.I,
)


def asks_which_sections(question: str) -> bool:
    """Does a sweep question ask which sections hold the values (a list), rather than
    for the values of sections it sets out (a catalogue)?"""
    return bool(_WHICH.search(question))


# a run of sections by their numbers
_RANGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)+)\s*(?:〜|~|～|-|–|—|to|から|through)\s*(\d+(?:\.\d+)+)(?![\d.])", re.I)
# lines per section and in all: a sweep quotes every value, within reason
MAX_PER_SECTION = 8
MAX_LINES = 40


# a statement before the question itself: "X ties each measure to 27002's controls. How many…?"
_PREAMBLE = re.compile(r"^(?:[^?？]*?[.。](?=\s))+(?=[^.。]*[?？]\s*$)")


def _asking(question: str) -> str:
    """The question without the statements that lead up to it: what they say is given,
    not asked for."""
    return _PREAMBLE.sub("", question)


def asked_kind(question: str) -> str | None:
    """The kind of value a question sweeps for, when it asks for every one of them
    (not where a word stands: 「「枠組み」という言葉が使われている節」)."""
    q = _asking(unicodedata.normalize("NFKC", question))
    # (a word the question asks about as a word: where it stands is a list, not a sweep)
    if not _EVERY.search(q) or names_a_word(q):
        return None
    # ("…, saying what it counts. Leave out dates": a kind set aside is not asked for)
    asked, _ = set_aside(q)
    kinds = [k for k, asks in _ASKS.items() if asks.search(asked)]
    return kinds[0] if len(kinds) == 1 else None


def _superlative(n: int) -> str:
    return rf"(?:いちばん|一番|最も)(?:(?P<e{n}>古い|早い)|新しい|最近の?|遅い)"


# the first or the last of the dates themselves: 「いちばん古い年」, 「年や日付のうち、最も新しいもの」,
# "the most recent date" (not "the latest edition … and when was it issued": one scheme's)
_EXTREME = re.compile(
    _superlative(1) + r"(?:年|日付|日)|(?:年|日付)[^。？?]{0,10}のうち[、,]?\s*" + _superlative(2)
    + r"|(?P<e3>最古)の(?:年|日付)|\b(?:(?P<e4>earliest|oldest)|latest|newest|most\s+recent)\s+(?:year|date)s?\b",
    re.I,
)
# a year the report dates something by: 「1985 年」, 「平成30年」 (as a Western year), "March 2019";
# not a name that holds a number (HORIZON 2020) nor an edition (27001:2013)
_DATED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年|\b(?:" + "|".join(MONTH_NAMES) + r")\s+((?:19|20)\d\d)\b", re.I)


def extreme_date(question: str) -> str | None:
    """"earliest" or "latest", when the question asks for the first or the last date
    the report gives (「本書に出てくる年のうち、いちばん古いもの」)."""
    m = _EXTREME.search(unicodedata.normalize("NFKC", question))
    if m is None:
        return None
    return "earliest" if any(m.group(f"e{n}") for n in range(1, 5)) else "latest"


def dated_years(text: str) -> list[int]:
    """The years a sentence dates things by, era years as Western ones."""
    return [int(m.group(1) or m.group(2)) for m in _DATED_YEAR.finditer(western_years(text))]


class Sweeper(Quoter):
    """Quotes every line of a value kind in the sections a question sets out."""

    def __init__(self, index, sections, answerer, records: list[CatalogueRecord], parts: Callable[[str], set[str]]):
        super().__init__(index, sections, answerer)
        self.records = records
        self.parts = parts  # the report's own parts a question names (its introduction, its cover)

    def scope(self, question: str, named: Iterable[str], names: Iterable[tuple[str, str]] = ()) -> list[str]:
        """The sections a sweep goes through, in the report's order: a group, a numbered
        range, the entries named (``named``; ``names`` gives each name as written, with its
        section), the report's parts named; with none of them, every section. What the
        question sets aside (「医療分野を除く」, "except the NIST entry") is left out."""
        q = unicodedata.normalize("NFKC", question)
        ids = list(self.sections)
        kept, aside = set_aside(q)
        written = list(names)
        # a name inside the clause set aside is set aside, wherever else the question names it
        out = {sid for name, sid in written if compact(name) in compact(aside)} if aside else set()
        base = self._sections_in(kept, {sid for sid in named if sid not in out})
        out |= self._sections_in(aside, set()) if aside else set()
        every = [sid for sid in ids if self.index.passages_of(sid)]
        chosen = (base or set(every)) - out if aside else base
        return [sid for sid in every if sid in chosen] if chosen else every

    def _sections_in(self, text: str, named: set[str]) -> set[str]:
        """The entries a piece of a question sets out: its numbered range (which says
        exactly which), else its group; with the entries named and the report's parts."""
        own = {x.section_id for x in self.records}
        ids = list(self.sections)
        chosen = {sid for sid in named if sid in own} | self.parts(text)
        ranged: set[str] = set()
        for m in _RANGE.finditer(text):
            # "2.1.1 to 2.1.6", 「2.1〜2.3」: every entry from the first to the last
            inside = [i for i, sid in enumerate(ids) if any(sid == n or sid.startswith(n + ".") for n in m.groups())]
            if inside:
                ranged |= {sid for sid in ids[inside[0] : inside[-1] + 1] if sid in own}
        # a range says exactly which entries; the group words beside it only describe them
        # ("the six foreign-country entries (2.3.1 to 2.3.6)": foreign is 国際 and 諸外国 alike)
        return chosen | (ranged or {x.section_id for x in match_group(self.records, text, group_words(text))})

    def answer(self, question: str, kind: str, named: Iterable[str] = (), names: Iterable[tuple[str, str]] = ()) -> Shaped | None:
        gives = _GIVES[kind]
        q = unicodedata.normalize("NFKC", question)
        # ("say whether the report spells it out" asks of every one)
        spelled = _SPELLED.search(q) and not re.search(r"\bwhether\b[^?.]{0,40}\bspell|かどうか", q, re.I)
        if kind == "acronym" and not spelled:
            # "which abbreviations occur": every one, spelled out or not, but those left out
            gives = _any_acronym_but(_acronyms_left_out(q))
        given = [compact(v.group(0)) for v in _GIVEN_VALUE[kind].finditer(q)] if kind in _GIVEN_VALUE else []
        cites: list[Citation] = []
        for sid in self.scope(question, named, names):
            found = 0
            for p in self.index.passages_of(sid):
                for a, b in self.answerer.sentence_spans(p):
                    text = p.text[a:b]
                    hit = gives(text, p.field)
                    if hit and given:
                        hit = any(v in compact(text) for v in given)
                    if hit and found < MAX_PER_SECTION and len(cites) < MAX_LINES:
                        cites.append(self.cite_span(p, a, b))
                        found += 1
        if not cites:
            return None
        english = is_mostly_english(question)
        n = len({c.section_id for c in cites})
        head = f"{len(cites)} passages in {n} sections:" if english else f"{n}節に{len(cites)}件あります。"
        lines = [head]
        for k, c in enumerate(cites):
            lead = "  " if k and cites[k - 1].section_id == c.section_id else f"- {self.name_of(c.section_id)}: "
            lines.append(self.line(c, lead))
        return Shaped(cites, "\n".join(lines))

    def extreme(self, question: str, which: str) -> Shaped | None:
        """The sentences that give the earliest (or the latest) year of the sections a
        question sets out (a group, a range), the whole report by default."""
        dated = []
        for sid in self.scope(question, ()):
            for p in self.index.passages_of(sid):
                for a, b in self.answerer.sentence_spans(p):
                    if years := dated_years(p.text[a:b]):
                        dated.append((min(years) if which == "earliest" else max(years), p, a, b))
        if not dated:
            return None
        best = (min if which == "earliest" else max)(y for y, *_ in dated)
        cites = [self.cite_span(p, a, b) for y, p, a, b in dated if y == best][:MAX_PER_SECTION]
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))
