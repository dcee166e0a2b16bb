"""The report as a catalogue: one record per scheme, standard or guideline.

Reports of this kind describe each scheme in a section of its own under a
grouping heading (``2.1 国内の制度・ガイドライン等``), most often as a table
with the same fields (名称 with the issuer in brackets, 対象, 概要・特徴,
ISMSとの関連性, 関連URL). The records are derived from the outline and those
field labels by code; every text cell keeps its passage and source offsets
so it can be cited like any quoted sentence. Fields a section lacks stay empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .japanese import compact, is_mostly_english, place_names
from .regions import region_of, same_country
from .segment import sentences, short_title
from .types import Passage, Section

_BRACKET_OPEN = "（("
_BRACKET_CLOSE = "）)"
_URL = re.compile(r"https?://\S+")
# a field label names what the row holds; the bracketed part of 名称 (運用組織,
# 作成組織, 発行者, 検討実施組織) says that the brackets of the row name its issuer
_NAME_FIELD = re.compile(r"^名称")
_TARGET_FIELD = re.compile(r"^対象")
_SUMMARY_FIELD = re.compile(r"^(概要|本文)")
_ISMS_FIELD = re.compile(r"関連性")
_URL_FIELD = re.compile(r"url|リンク", re.I)
_ISSUER_ROLE = re.compile(r"組織|発行|運営|運用|作成|実施|機関|者")
# issuers named before a quoted title: 総務省「クラウドサービス提供における…」
_LEADING_ISSUER = re.compile(r"^\s*([^\s「『（(]{2,12}?)\s*[「『]")
_ITEM_ISSUER = re.compile(r"^\s*(?:[①-⑳]|\d{1,2}[.)）]|[・•])\s*([^\s「『（(]{2,12}?)\s*[「『]")
# a group heading says what its sections are: "国内の制度・ガイドライン等" -> 国内
_GROUP_HEAD = re.compile(r"^(.{1,8}?)(?:的な|の)")
_GROUP_TAIL = re.compile(r"^.*?(?:に関連する|に関する)")


@dataclass(frozen=True)
class Cell:
    """A piece of the report's text in a record, with where it stands."""

    text: str
    passage_id: int
    start: int  # source offsets, like a Citation
    end: int
    field: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "passage_id": self.passage_id, "field": self.field}


@dataclass(frozen=True)
class CatalogueRecord:
    section_id: str
    title: str
    short_name: str
    group: str  # from the grouping heading: 国内 / 国際 / 諸外国 / 規格・ガイド …
    group_id: str  # the grouping heading's number, e.g. "2.3"
    country: str | None  # a place named in the title (米国, ドイツ, EU)
    region: str | None  # the country's region (欧州, アジア太平洋, 米州)
    page: int | None
    name: Cell | None = None
    issuer: Cell | None = None
    target: Cell | None = None
    summary: Cell | None = None
    isms: Cell | None = None
    urls: tuple[str, ...] = field(default=())
    # a row naming several documents by several issuers (① 厚生労働省「…」② 総務省「…」): the others
    co_issuers: tuple[Cell, ...] = field(default=())

    def issuers_text(self) -> str:
        """Every issuer the name row gives, joined: 厚生労働省・総務省・経済産業省."""
        return "・".join(dict.fromkeys(c.text for c in (self.issuer, *self.co_issuers) if c is not None))

    def to_json(self) -> dict[str, Any]:
        def cell(c: Cell | None):
            return c.to_json() if c else None

        return {
            "section_id": self.section_id,
            "title": self.title,
            "short_name": self.short_name,
            "group": self.group,
            "group_id": self.group_id,
            "country": self.country,
            "region": self.region,
            "page": self.page,
            "name": cell(self.name),
            "issuer": cell(self.issuer),
            "co_issuers": [c.to_json() for c in self.co_issuers],
            "target": cell(self.target),
            "summary": cell(self.summary),
            "isms": cell(self.isms),
            "urls": list(self.urls),
        }

    def cells(self) -> dict[str, Cell]:
        return {
            k: v
            for k, v in (
                ("name", self.name),
                ("issuer", self.issuer),
                ("target", self.target),
                ("summary", self.summary),
                ("isms", self.isms),
            )
            if v is not None
        }


def is_name_field(field: str) -> bool:
    """The row that names a scheme and its issuer (名称, 名称(運用組織))."""
    return bool(_NAME_FIELD.match(field))


def group_label(title: str) -> str:
    """``2.2 国際的な制度・ガイドライン等`` -> ``国際``;
    ``2.4 クラウドに関連する規格・ガイド等`` -> ``規格・ガイド``."""
    t = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", title).strip()
    m = _GROUP_HEAD.match(t)
    if m:
        return m.group(1)
    t = _GROUP_TAIL.sub("", t)
    return re.sub(r"等$", "", t).strip() or title


def _cell(p: Passage, i: int, j: int) -> Cell:
    text = p.text[i:j].strip()
    lead = len(p.text[i:j]) - len(p.text[i:j].lstrip())
    i += lead
    j = i + len(text)
    a, b = p.source_span(i, j)
    return Cell(text, p.id, a, b, p.field)


def _first_sentence(p: Passage, min_chars: int = 12) -> Cell | None:
    """The first real sentence: not an English title line, not a bracketed
    translation, not a bare URL."""
    for a, b in sentences(p.text):
        s = p.text[a:b].strip()
        if len(s) < min_chars or _URL.fullmatch(s) or s.startswith(("(", "（")):
            continue
        if not s.endswith("。") and len(s) < 30:
            continue  # a run-in heading ("1) ISMS基準の活用"), not a sentence
        if is_mostly_english(s):
            continue  # the English title of a standard, not what it is
        return _cell(p, a, b)
    return None


def _title_line(p: Passage) -> Cell | None:
    """A standard's full name: the English title line that opens its prose."""
    first = p.text.split("\n")[0]
    if len(first) >= 12 and is_mostly_english(first) and not _URL.search(first):
        return _cell(p, 0, len(first))
    return None


def _short_field(p: Passage, limit: int = 300) -> Cell:
    """A short row (対象) whole, a long one up to the sentence that passes ``limit``."""
    end = 0
    for _, b in sentences(p.text):
        end = b
        if b >= limit:
            break
    return _cell(p, 0, end or len(p.text))


def _last_bracket(text: str) -> tuple[int, int] | None:
    """Offsets of the inside of the last top-level bracket group."""
    depth = 0
    start = None
    last = None
    for k, ch in enumerate(text):
        if ch in _BRACKET_OPEN:
            if depth == 0:
                start = k + 1
            depth += 1
        elif ch in _BRACKET_CLOSE and depth > 0:
            depth -= 1
            if depth == 0 and start is not None:
                last = (start, k)
    return last


def _issuers(p: Passage) -> list[Cell]:
    """The name row's issuer, or — when the row lists documents by several
    issuers (① 厚生労働省「…」, ② 総務省「…」) — each of them, in order."""
    one = _issuer(p)
    if one is not None:
        return [one]
    out: list[Cell] = []
    for line in re.finditer(r"[^\n]+", p.text):
        if (m := _ITEM_ISSUER.match(line.group(0))):
            c = _cell(p, line.start() + m.start(1), line.start() + m.end(1))
            if all(c.text != x.text for x in out):
                out.append(c)
    return out


def _issuer(p: Passage) -> Cell | None:
    label_role = re.search(r"[（(](.+?)[)）]", p.field)
    first = p.text.split("\n")[0]
    if label_role and _ISSUER_ROLE.search(label_role.group(1)):
        span = _last_bracket(first)
        if span and span[1] - span[0] >= 2:
            a, b = span
            # a footnote mark after the name (``… Office (FedRAMP PMO) ※1``) is not part of it
            m = re.search(r"\s*※\s*\d*\s*$", first[a:b])
            return _cell(p, a, a + m.start() if m else b)
    m = _LEADING_ISSUER.match(first)
    if m:
        return _cell(p, m.start(1), m.end(1))
    return None


def _country(section: Section) -> str | None:
    """A place the section's title names: ``（ドイツ）``, ``(本部：米国)``, ``(EU)``."""
    brackets = re.findall(r"[（(]([^（()）]+)[)）]", section.title)
    for inner in brackets:
        places = place_names(inner)
        if places:
            return places[0][0]
        for word in re.findall(r"[A-Za-z]+", inner):
            if word.isupper() and region_of(word):
                return word
    return None


# an organisation named after its country: 米国公認会計士協会, 米国国立標準技術研究所
PLACE_ORG = re.compile(r"[一-龯ァ-ヺ]{2,24}?(?:協会|研究所|省|庁|機構|委員会|センター)")


def _body_issuer(ps: list[Passage]) -> tuple[Cell, str] | None:
    """A standard described in prose has no 名称 row: the first organisation its
    opening text names after a country is its issuer, and that is its country."""
    for p in [p for p in ps if p.field != "注記"][:2]:
        for m in PLACE_ORG.finditer(p.text):
            places = place_names(m.group(0))
            if places and m.group(0).startswith(places[0][0]):
                return _cell(p, m.start(), m.end()), places[0][0]
    return None


def build_catalogue(sections: list[Section], passages_of) -> list[CatalogueRecord]:
    """One record per section that sits under a grouping heading (depth ≥ 3:
    chapter › group › entry), in report order. ``passages_of(section_id)``
    gives a section's passages in order."""
    out: list[CatalogueRecord] = []
    for s in sections:
        if len(s.path) < 3:
            continue
        group_title = s.path_titles[-2] if len(s.path_titles) >= 2 else ""
        ps = list(passages_of(s.id))
        name = issuer = target = summary = isms = None
        co_issuers: list[Cell] = []
        urls: list[str] = []
        for p in ps:
            if is_name_field(p.field) and name is None:
                first_line = p.text.split("\n")[0]
                name = _cell(p, 0, len(first_line))
                issuer, *co_issuers = _issuers(p) or [None]
            elif _TARGET_FIELD.match(p.field) and target is None:
                target = _short_field(p)
            elif _ISMS_FIELD.search(p.field) and isms is None:
                isms = _first_sentence(p)
            elif _URL_FIELD.search(p.field):
                urls += _URL.findall(p.text)
            elif _SUMMARY_FIELD.match(p.field) and summary is None:
                summary = _first_sentence(p)
        if name is None and ps:
            name = _title_line(ps[0])
        if summary is None:
            # no 概要 row (a standard described in prose under sub-headings)
            for p in ps:
                if p.field != "注記":
                    summary = _first_sentence(p)
                    if summary:
                        break
        country = _country(s)
        if issuer is None and country is None and (found := _body_issuer(ps)):
            issuer, country = found
        out.append(
            CatalogueRecord(
                section_id=s.id,
                title=s.title,
                short_name=short_title(s.title),
                group=group_label(group_title),
                group_id=s.path[-2],
                country=country,
                region=region_of(country) if country else None,
                page=s.page,
                name=name,
                issuer=issuer,
                target=target,
                summary=summary,
                isms=isms,
                urls=tuple(dict.fromkeys(urls)),
                co_issuers=tuple(co_issuers),
            )
        )
    return out


def groups(records: list[CatalogueRecord]) -> list[tuple[str, str]]:
    """(group id, label) in report order."""
    return list(dict.fromkeys((r.group_id, r.group) for r in records))


_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+")


def is_section_number(text: str) -> bool:
    """"2.4", "2.1.3": a number in the report's outline, not a word."""
    return bool(_SECTION_NUMBER.fullmatch(text))


def names_number(text: str, number: str) -> bool:
    """"2.4で紹介されているもの" names 2.4 — not 2.4.1, a section of it, nor 12.4."""
    return re.search(r"(?<![\d.])" + re.escape(number) + r"(?![\d.])", text) is not None


def in_regions(records: list[CatalogueRecord], regions) -> list[CatalogueRecord]:
    """The records of schemes in the regions named (欧州, アジア太平洋)."""
    return [x for x in records if x.region in regions]


def in_country(records: list[CatalogueRecord], *countries: str) -> list[CatalogueRecord]:
    """The records of schemes of the countries named, however they are spelled (米国, US)."""
    return [x for x in records if x.country and any(same_country(x.country, c) for c in countries)]


def match_group(records: list[CatalogueRecord], *texts: str) -> list[CatalogueRecord]:
    """Records whose group label one of the texts names (``国内の制度は？`` -> 2.1);
    each text is searched on its own (a question, then its group words)."""
    cs = [compact(t) for t in texts if t]
    if cs and any(names_number(cs[0], gid) for gid, _ in groups(records)):
        # "the six foreign schemes in section 2.3": the number the question gives is the group;
        # words translated into group labels ("foreign" -> 国際、諸外国) only say it less exactly
        cs = cs[:1]
    # a label inside a longer compound is not the group: 国内規格化, 国内外, 国際規格;
    # nor is one that follows a foreign name: ドイツ国内 is Germany's, not the report's 国内
    hit = {
        gid
        for gid, label in groups(records)
        if label
        # (国際的な制度 is the group 国際: 的 makes an adjective of the label, not a compound)
        and any(re.search(r"(?<![ァ-ヺーA-Za-z])" + re.escape(compact(label)) + r"(?:(?![一-龯ァ-ヺ])|(?=的))", c) for c in cs)
        or any(names_number(c, gid) for c in cs)
    }
    return [r for r in records if r.group_id in hit]
