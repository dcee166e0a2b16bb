"""The entity table: names, acronyms, organisations and countries that point
at one section, derived from the corpus text by code.

Sources, strongest first:
- a section's heading: its acronym in brackets (``（C5）``), the place names
  in its brackets (``（ドイツ）``), the heading name itself;
- its 名称 row: the English name, bracketed acronyms and organisations
  (``Cloud Computing Compliance Control Catalogue``, ``BSI``);
- defined terms of its footnotes (``※1 FedRAMP PMO : GSA (General Services …)``);
- any Latin acronym of its body that occurs (almost) only in that section
  (``3PAO``, ``JAB``).

Nothing here is written by hand, so the same code builds the table for any
report. Matching works on ``japanese.compact`` forms, so full-width,
lower-case and spacing variants (``ＩＳＯ／ＩＥＣ　２７０１７``, ``iso27017``)
all meet the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .japanese import compact, compact_with_gaps, place_names
from .regions import compound_spellings, spellings
from .segment import short_title
from .types import Passage, Section

# Weights: how strongly a match pulls its section up.
W_TITLE = 1.0
W_NAME = 0.9
W_PLACE = 0.6
W_TERM = 0.6

_ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z0-9][A-Za-z0-9]*[A-Z0-9](?:[-+][A-Za-z0-9]+)*\+?|[A-Z]\d)(?![A-Za-z0-9])")
_BRACKETED = re.compile(r"[（(]\s*([^（()）]{1,80}?)\s*[)）]")
_ENGLISH_NAME = re.compile(
    r"(?:The\s+)?[A-Z][A-Za-z0-9\-]*(?:[ ,&]+(?:and|for|of|the|in|der|für|on|[A-Z][A-Za-z0-9\-]*|&)){1,10}"
)
# the mark that opens a footnote: "※2", "※", "1"
FOOTNOTE_MARK = r"(?:※\s*\d*|\d+)"
_FOOTNOTE_TERM = re.compile(r"^\s*" + FOOTNOTE_MARK + r"\s*([^:：\n]{2,40}?)\s*[:：]")
# ...and its common name: 通称として「3省3ガイドライン」, 「…」と呼ばれる
SHORT_FORM_SET_UP = re.compile(
    r"(?:以下|通称(?:として|は)?)[、,]?\s*[「『]([^」』]{2,20})[」』]\s*(?:という|と呼ぶ|と称する|とする|と呼ばれ|と称され)"
)
# A coined word inside a longer name ("ECE StarAudit Certification"): readers
# use it alone ("StarAuditのレベルは？"). Plain dictionary words never have an
# inner capital, so they are not taken.
_COINED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+[A-Z][A-Za-z]*(?![A-Za-z])")
_GENERIC_WORDS = {"the", "and", "for", "of", "in", "on", "information", "security", "technology"}


@dataclass(frozen=True)
class Alias:
    key: str  # compact form used for matching
    name: str  # as printed
    section_id: str
    weight: float
    kind: str  # title | name | place | term


@dataclass(frozen=True)
class Match:
    alias: Alias
    start: int  # in the compact query
    end: int


_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+")  # one word of two: EuroCloud


def _spelling_key(name: str) -> str:
    """An English name without its article, plural, case and spacing: "The Cloud Security
    Alliance" == "Cloud Security Alliance", "Government Digital Services" == "… Service",
    "Euro- Cloud" == "EuroCloud"."""
    key = re.sub(r"[^a-z0-9]", "", re.sub(r"^\s*the\s+", "", name.lower()))
    return key[:-1] if key.endswith("s") else key


class EntityTable:
    def __init__(self, aliases: list[Alias]):
        aliases = _prune(aliases)
        by_key: dict[str, list[Alias]] = defaultdict(list)
        for a in aliases:
            if all(not (b.section_id == a.section_id) for b in by_key[a.key]):
                by_key[a.key].append(a)
            else:  # keep the strongest alias per (key, section)
                by_key[a.key] = [
                    a if b.section_id == a.section_id and a.weight > b.weight else b for b in by_key[a.key]
                ]
        self.by_key = dict(by_key)
        self._by_section: dict[str, list[Alias]] = defaultdict(list)
        for v in self.by_key.values():
            for a in v:
                self._by_section[a.section_id].append(a)
        self._keys = sorted(self.by_key, key=len, reverse=True)
        # the report's English names of several words ("The Cloud Security Alliance", "EuroCloud"),
        # for a question that renders one word by word from another script
        self._english: dict[str, str] = {
            _spelling_key(a.name): a.name
            for a in self.aliases()
            if a.kind != "place" and a.name.isascii() and (len(a.name.split()) >= 2 or _CAMEL.fullmatch(a.name))
        }

    def english_name(self, rendering: str) -> str | None:
        """The report's spelling of an English name rendered word by word: "Cloud Security
        Alliance" -> "The Cloud Security Alliance", "Euro- Cloud" -> "EuroCloud"."""
        return self._english.get(_spelling_key(rendering))

    def __len__(self) -> int:
        return len(self.by_key)

    def aliases(self) -> list[Alias]:
        return [a for v in self.by_key.values() for a in v]

    def aliases_of(self, section_id: str) -> list[Alias]:
        """Every name of one section."""
        return self._by_section.get(section_id, [])

    def find(self, text: str) -> list[Match]:
        """Longest non-overlapping alias matches in ``text``."""
        q, gaps = compact_with_gaps(text)
        taken = [False] * len(q)
        found: list[Match] = []
        # In English prose an acronym is written in capitals: "first" and "Star rating"
        # are words, not FIRST or CSA STAR (a Japanese question may write "fedramp").
        prose = len(_LOWER_WORD.findall(text)) >= 3
        nfkc = unicodedata.normalize("NFKC", text) if prose else text
        for key in self._keys:
            start = 0
            while True:
                i = q.find(key, start)
                if i < 0:
                    break
                j = i + len(key)
                start = i + 1
                if any(taken[i:j]) or not _boundary_ok(q, i, j, key, gaps):
                    continue
                if prose and not any(_written(a.name, nfkc) for a in self.by_key[key]):
                    break  # written in lower case here, so everywhere in this text
                for a in self.by_key[key]:
                    found.append(Match(a, i, j))
                for t in range(i, j):
                    taken[t] = True
        found.sort(key=lambda m: m.start)
        return found

    def section_weights(self, text: str) -> dict[str, float]:
        """Sections named by ``text`` and how strongly (ambiguous names share)."""
        out: dict[str, float] = defaultdict(float)
        by_span: dict[tuple[int, int], list[Match]] = defaultdict(list)
        for m in self.find(text):
            by_span[(m.start, m.end)].append(m)
        for ms in by_span.values():
            share = 1.0 / len(ms) ** 0.5
            for m in ms:
                out[m.alias.section_id] = max(out[m.alias.section_id], m.alias.weight * share)
        return dict(out)


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _written(name: str, text: str) -> bool:
    """An all-capitals name (FIRST, STAR) occurs in capitals; any other name as it may."""
    if not re.fullmatch(r"[A-Z]{2,}", name):
        return True
    return bool(re.search(r"(?<![A-Za-z])" + name + r"(?![a-z])", text))


def _boundary_ok(q: str, i: int, j: int, key: str, gaps: set[int]) -> bool:
    """ASCII keys must not sit inside a longer ASCII word: ``c5`` is not in ``c50``."""
    def alnum(c: str) -> bool:
        return c.isascii() and c.isalnum()

    if alnum(key[0]) and i > 0 and i not in gaps and alnum(q[i - 1]):
        return False
    if alnum(key[-1]) and j < len(q) and j not in gaps and alnum(q[j]):
        return False
    return True


def _occurs(key: str, q: str, gaps: set[int]) -> bool:
    start = 0
    while (i := q.find(key, start)) >= 0:
        if _boundary_ok(q, i, i + len(key), key, gaps):
            return True
        start = i + 1
    return False


def _initialism(name: str) -> str | None:
    """"Network and Information Security Directive" is also called "NIS
    Directive": the initials of its leading words, then its last word."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]*", name) if w.lower() not in ("and", "of", "the", "for", "on", "in", "&")]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words[:-1]) + " " + words[-1]


def _prune(aliases: list[Alias]) -> list[Alias]:
    """A heading name belongs to its own section: weaker aliases of the same
    key elsewhere (an overview figure listing every scheme, a footnote that
    explains ISO/IEC 27017) are dropped, and keys shared by more than two
    sections (``ISO``, ``IEC``) name nothing in particular."""
    title_owner: dict[str, set[str]] = defaultdict(set)
    for a in aliases:
        if a.kind in ("title", "name-title"):
            title_owner[a.key].add(a.section_id)
    kept = [a for a in aliases if a.kind in ("title", "name-title") or not title_owner[a.key] or a.section_id in title_owner[a.key]]
    owners: dict[str, set[str]] = defaultdict(set)
    for a in kept:
        owners[a.key].add(a.section_id)
    return [a for a in kept if len(owners[a.key]) <= 2]


def _variants(key: str) -> set[str]:
    """``iso/iec27017`` is also written ``iso27017``, and among people who know
    the series just ``27017``."""
    out = {key}
    m = re.match(r"^([a-z]+)/([a-z]+)(.+)$", key)
    if m:
        out |= {m.group(1) + m.group(3), m.group(2) + m.group(3)}
        if re.fullmatch(r"\d{4,}(?:-\d+)*", m.group(3)):
            out.add(m.group(3))
    return out


def build_entities(
    sections: list[Section], passages: list[Passage], english_name: Callable[[str], str | None] | None = None
) -> EntityTable:
    """``english_name``: a Japanese name rendered word by word in English
    (``bilingual.Glossary.english_name``), so that "the cloud security mark" names
    （クラウドセキュリティ・マーク）; its printed name stays the report's."""
    aliases: list[Alias] = []
    by_section: dict[str, list[Passage]] = defaultdict(list)
    for p in passages:
        by_section[p.section_id].append(p)

    def add(name: str, sid: str, weight: float, kind: str, written: str | None = None) -> None:
        """``written``: how the report writes the name, when a reader's spelling is added."""
        name = name.strip(" 　・,、:：")
        key = compact(name)
        if len(key) < 2 or key.isdigit() or key in _GENERIC_WORDS:
            return
        for v in _variants(key):
            aliases.append(Alias(v, written or name, sid, weight, kind))

    # Only sections that describe one thing get names: numbered leaves.
    leaves = [s for s in sections if len(s.path) >= 2 or (s.path and s.path[0][:1].isdigit())]
    leaf_ids = {s.id for s in leaves}
    for s in leaves:
        st = short_title(s.title)
        title_wo_num = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", s.title)
        base = _BRACKETED.sub("", title_wo_num).strip()
        for part in re.split(r"[、,]", base):
            # a heading that *is* a name ("ISO/IEC 27017", "SOC2") names its
            # section however often other sections cite it
            add(part, s.id, W_TITLE, "name-title" if _ACRONYM.search(part) and len(compact(part)) <= 20 else "title")
        for inner in _BRACKETED.findall(title_wo_num):
            for acr in _ACRONYM.findall(inner):
                add(acr, s.id, W_TITLE, "title")
            for place, gloss in place_names(inner):
                add(place, s.id, W_PLACE, "place")
                if gloss:
                    add(gloss, s.id, W_PLACE, "place")
                # readers write the country their own way: "the UK" for （英国政府）
                # (searched as the report writes it: "the UK" finds 英国)
                for other in spellings(place):
                    add(other, s.id, W_PLACE, "place", written=place)
                if inner.strip() != place and len(compact(inner)) <= 8 and inner.strip().startswith(place):
                    # "(米国政府)": the place with what it is there names this section alone
                    add(inner, s.id, W_PLACE, "place")
                    for other in compound_spellings(place):
                        # …however the reader writes the country in it: 米政府, アメリカ政府
                        add(other + inner.strip()[len(place) :], s.id, W_PLACE, "place", written=inner.strip())
        if st != title_wo_num:
            add(re.sub(r"[（(].*$", "", st), s.id, W_TITLE, "title")
        # the series of a numbered part ("ISO/IEC 27036-4"), where the section speaks of the
        # series itself ("ISO/IEC 27036 は 4 部構成"): a question about the series means it
        for part in re.split(r"[、,]", base):
            m = re.fullmatch(r"(.*\d{4,})-\d+", part.strip())
            own_text = compact(" ".join(p.text for p in by_section.get(s.id, []))) if m else ""
            if m and re.search(re.escape(compact(m.group(1))) + r"(?![-\d])", own_text):
                add(m.group(1), s.id, W_TERM, "term")
        for acr in _ACRONYM.findall(base):
            add(acr, s.id, W_TITLE, "title")
        for p in by_section.get(s.id, []):
            if p.field.startswith("名称"):
                first = p.text.split("\n")[0]
                for m in _ENGLISH_NAME.finditer(p.text):
                    add(m.group(0), s.id, W_NAME, "name")
                for inner in _BRACKETED.findall(p.text):
                    for acr in _ACRONYM.findall(inner):
                        add(acr, s.id, W_NAME, "name")
                # the report's own short form: 「…統一基準群」（以下「統一基準群」という。）
                for short in SHORT_FORM_SET_UP.findall(p.text):
                    add(short, s.id, W_NAME, "name")
                lead = re.split(r"[（(「]", first)[0].strip()
                # (a clause is no name: 「3省が定めた以下のガイドラインは、通称として、「…」」)
                if 2 <= len(lead) <= 40 and "、" not in lead:
                    add(lead, s.id, W_NAME, "name")
            if p.field == "注記":
                for line in p.text.split("\n"):
                    m = _FOOTNOTE_TERM.match(line)
                    if m and _ACRONYM.search(m.group(1)):
                        add(m.group(1), s.id, W_TERM, "term")

    # "医療分野のガイドライン" / "金融分野のガイドライン": when sibling headings share
    # their head noun, what sets each apart (医療分野) names it on its own
    heads: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s in leaves:
        base = _BRACKETED.sub("", re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", s.title)).strip()
        modifier, sep, head = base.rpartition("の")
        if sep and len(head) >= 2 and 2 <= len(modifier) <= 12 and "の" not in modifier:
            heads[head].append((modifier, s.id))
    for mods in heads.values():
        if len(mods) >= 2:
            for modifier, sid in mods:
                add(modifier, sid, W_NAME, "title")

    for a in list(aliases):
        if a.kind in ("title", "name-title", "name") and " " in a.name:
            for word in _COINED.findall(a.name):
                add(word, a.section_id, W_NAME, "name")
            short = _initialism(a.name)
            if short:
                add(short, a.section_id, W_NAME, "name")

    # Latin acronyms of the body that (almost) only one section uses.
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for p in passages:
        for line in p.text.split("\n"):
            if "http" in line:
                continue  # URL fragments are not names
            for acr in _ACRONYM.findall(line):
                if len(acr) <= 8 and sum(c.isupper() for c in acr) + sum(c.isdigit() for c in acr) >= 2:
                    counts[compact(acr)][p.section_id] += 1
    named = {a.key for a in aliases}
    for key, per_section in counts.items():
        if key in named or len(key) < 2 or key.isdigit():
            continue
        total = sum(per_section.values())
        sid, n = per_section.most_common(1)[0]
        if sid in leaf_ids and n / total >= 0.75:
            display = next((a for a in _ACRONYM.findall(" ".join(x.text for x in by_section[sid])) if compact(a) == key), key)
            add(display, sid, W_TERM, "term")
    if english_name is not None:
        for a in [a for a in aliases if a.kind in ("title", "name-title", "name") and not a.name.isascii()]:
            if en := english_name(a.name):
                add(en, a.section_id, a.weight, a.kind, written=a.name)
    # A name that half the report uses (ISMS, 制度) points at nothing in particular.
    # (counted as whole words: "NIS" is not used by every section that says "NIST")
    texts = {s.id: compact_with_gaps(" ".join(p.text for p in by_section.get(s.id, []))) for s in sections}
    limit = max(3, len(sections) // 5)
    df = {key: sum(1 for t, gaps in texts.values() if _occurs(key, t, gaps)) for key in {a.key for a in aliases}}
    aliases = [a for a in aliases if a.kind in ("place", "name-title") or df.get(a.key, 0) <= limit]
    return EntityTable(aliases)


# How reports refer to themselves, and how readers refer to them.
_SELF_TERMS = ("本書", "本報告書", "本稿", "本資料", "本レポート", "本ガイド", "本文書")
READER_SELF = re.compile(
    # (「このガイドライン」 is a scheme's guideline, not the report: ガイド only as a word)
    r"(?:この|本|当|今回の)\s*(?:報告書|レポート|資料|文書|冊子|本|ガイド(?!ライン)|書籍|ドキュメント)"
    r"|\b(?:this|the)\s+(?:report|document|publication|paper|guide|booklet)\b"
    # "this JIPDEC paper": a name between (not after "the": "the SOC report" is SOC's)
    r"|\bthis\s+(?-i:[A-Z]{2,}|[A-Z][a-z]+)\s+(?:report|document|publication|paper|guide|booklet)\b"
    # "this overview of cloud schemes": what else a reader calls the report in hand
    r"|\bthis\s+(?:overview|survey|study|white\s?paper|summary|compilation)\b"
    # "how much the study cost": a reader's word for the work behind the report
    r"|\bthe\s+study\b",
    re.I,
)


# what the report is said to do when it is where an answer is looked for ("does the report say …")
REPORT_VERBS = r"(?:say|state|mention|explain|describe|list|give|specify|indicate|tell\s+(?:us|me)|discuss|cover|address|show|name)"
# "Does the report say whether X?", "According to the report, X?": a frame around the
# question X, which asks nothing of the report itself
_REPORT_FRAME = re.compile(
    r"^\s*(?:(?:does|did|do|can)\s+(?:the|this)\s+(?:report|document|paper|study)\s+"
    + REPORT_VERBS +
    r"\s+(?:(?:anything|something)\s+(?:about|on)\s+|whether\s+|if\s+|(?=(?:how|what|which|who|whom|when|where|why)\b))"
    r"|is\s+there\s+anything\s+in\s+(?:the|this)\s+(?:report|document)\s+(?:about|on)\s+"
    r"|(?:according\s+to|in)\s+(?:the|this)\s+report\s*,\s*"
    # "Based on the report, define …", "Going by the report's text, what is …"
    r"|(?:based\s+on|going\s+by|using|drawing\s+on|from)\s+(?:only\s+)?(?:the|this)\s+report(?:'s\s+(?:own\s+)?(?:text|wording|words|description|account))?\s*,\s*"
    r"|(?:この)?(?:報告書|本書)(?:によると|によれば)[、,]\s*"
    # 「本書に基づいて、…」, 「報告書をもとに、…」, 「本書の説明に沿って、…」, 「本書の記述に基づいて、…」
    r"|(?:この)?(?:報告書|本書)(?:の(?:説明|記述|内容))?(?:に(?:沿って|そって|基づいて|基づき)|をもとに|を基に)[、,]\s*)",
    re.I,
)


_REPORT_AS_SOURCE = re.compile(
    r",?\s*\b(?:according\s+to|as\s+(?:described|stated|given|explained|set\s+out)\s+in)\s+(?:the|this)\s+(?:report|document)\b"
    # "…, with the report's provisional Japanese names", "in the report's words": its wording
    r"|,?\s*\b(?:in|with|using|giving|by)\s+(?:the|this)\s+(?:report|document)['’]s\s+(?:own\s+)?(?:provisional\s+)?(?:japanese\s+|english\s+)?"
    r"(?:words?|wording|terms?|names?|translations?|renderings?|phrasing|spellings?|gloss(?:es)?)\b"
    r"|(?:この)?(?:報告書|本書)(?:によると|によれば)[、,]?"
    # "how does the report give their names in Japanese": how it words what is asked about
    r"|\b(?:the|this)\s+(?:report|document)\s+(?=(?:give|render|translate|write|word|call|name|spell)s?\s+(?:their|its|them|it|those|these)\b)",
    re.I,
)


def without_report_source(question: str) -> str:
    """The question without "…, according to the report": where to look, anywhere in it,
    is not what the question is about ("What does the standard aim at, according to the report?")."""
    return _REPORT_AS_SOURCE.sub("", question).strip() or question


def without_report_frame(question: str) -> str:
    """The question inside "Does the report say …": the report is where the answer is
    looked for, not what is asked about (an absent detail is still the topic's)."""
    m = _REPORT_FRAME.match(question)
    if not m or not question[m.end() :].strip(" ?？"):
        return question
    rest = question[m.end() :]
    return rest[:1].upper() + rest[1:]


def self_term(passages: list[Passage]) -> str | None:
    """The word this report uses for itself (``本書``), counted in its text."""
    text = "\n".join(p.text for p in passages)
    counts = {t: text.count(t) for t in _SELF_TERMS}
    best = max(counts, key=lambda t: counts[t])
    return best if counts[best] >= 2 else None


def rewrite_self_reference(query: str, term: str | None) -> str:
    """``この報告書の目的は？`` -> ``本書の目的は？``: readers say 報告書 / この本 /
    this report; the report says 本書, and only that word finds its front matter."""
    if not term:
        return query
    return READER_SELF.sub(term, query)


# a question that opens on "報告書の/を/は…" speaks of the one report it is asked about —
# on its own; after a turn about SOC2, 「報告書はいくつのパートに分かれる？」 is SOC2's
_OPENS_ON_REPORT = re.compile(r"^\s*(?:報告書|レポート|資料)(?=\s*(?:の|を|は|が|って|で))")


def is_self_reference(text: str) -> bool:
    """The question is about the report itself (``この報告書の…``, ``this report``,
    a question that opens on ``報告書の…``)."""
    return bool(READER_SELF.search(text) or _OPENS_ON_REPORT.search(text)) or any(t in text for t in _SELF_TERMS)


# the report named without この/本 ("報告書の結論では…"): weaker than a self-reference.
# A report some other word qualifies is another report: 保証報告書, "the assurance report"
# (a determiner or a possessive may stand before it: "the report", "JIPDEC's report")
_REPORT_WORD = re.compile(r"(?<![一-龯ァ-ヺー々A-Za-z0-9])(?:報告書|レポート)|(?:\b([\w'’]+)\s+)?\breport\b", re.I)
_BEFORE_REPORT = re.compile(r"the|this|that|its|their|our|your|whole|same|entire|full|.*['’]s", re.I)


# the report's research ("how was it researched"), not research a thing is named for ("the EU research project")
REPORT_RESEARCH = r"\bresearch(?:ed)?\b(?!\s+(?:projects?|program(?:me)?s?|funding|initiatives?|frameworks?))"


def mentions_report(text: str) -> bool:
    """The text speaks of the report, with or without この/本."""
    return is_self_reference(text) or any(
        m.group(1) is None or _BEFORE_REPORT.fullmatch(m.group(1)) for m in _REPORT_WORD.finditer(text)
    )
