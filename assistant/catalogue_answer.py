"""The catalogue as an answer: the report's schemes, filtered by group, region,
country or issuer, one cited row each.

「欧州の制度を一覧で」, "Which schemes are run by governments?", 「それぞれの対象を
一覧に」: each record's cited cell (its summary, or the row the question asks
of every scheme: its target or its relation to ISMS), its issuer, and a count
per group or region computed from the records.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .catalogue import PLACE_ORG, CatalogueRecord, in_country, in_regions, match_group
from .entities import SHORT_FORM_SET_UP
from .japanese import compact, is_mostly_english
from .question_cues import ORGANISATIONS, group_words
from .quoting import Quoter, Shaped
from .regions import same_country, spellings
from .shape import Shape
from .types import Citation

_GOVERNMENT = re.compile(r"省|庁|政府|内閣|行政|局|国立|Government|Agency|Directorate|Office|Authority|Ministry|Department|GSA", re.I)


class CatalogueLister(Quoter):
    def __init__(
        self, index, sections, answerer, records: list[CatalogueRecord],
        parts: Callable[[str], list[tuple[str, Citation, list[Citation]]]],
    ):
        super().__init__(index, sections, answerer)
        self.records = records
        # a section made of parts (2.4.6: one NIST document per sub-heading) lists them
        self.parts = parts

    def answer(self, shape: Shape, question: str) -> Shaped:
        english = is_mostly_english(question)
        recs, scope = self.records_for(shape, question)
        cites: list[Citation] = []
        lines: list[str] = []
        listed = 0
        # 「それぞれの対象を一覧に」, "what each one covers": each record's own row for it
        row = "target" if _ASKS_TARGET.search(question) else "isms" if _ASKS_ISMS.search(question) else "summary"
        for x in recs:
            cell = getattr(x, row) or x.summary or x.name
            if cell is None:
                continue
            listed += 1
            c = self.cite_cell(cell)
            cites.append(c)
            who = f"（{x.issuers_text()}）" if x.issuer is not None else ""
            lines.append(f"- {x.short_name}{who}: {self.line(c)}")
            # the formal name, when it says more than the short name and issuers do
            # (総務省「クラウドサービス提供における…ガイドライン（第2版）」)
            if x.name is not None and cell is not x.name and formal_name_says_more(x.name.text, x.short_name, x.issuers_text()):
                n = self.cite_cell(x.name)
                cites.append(n)
                lines.append(self.line(n, "  "))
            # the documents a set of them covers, each by its heading: they are in the catalogue too
            for fld, c, more in self.parts(x.section_id) if row == "summary" else []:
                cites += [c, *more]
                lines.append(self.line(c, f"  {fld}: "))
                lines += [self.line(m, "    ") for m in more]
        where = "・".join(scope)
        abroad = tuple(c for c in (shape.countries or (shape.country,)) if c and not same_country(c, "国内"))
        if cites and abroad and ORGANISATIONS.search(question):
            # "every organisation from Germany": the bodies of that country other entries name too
            # (PwC Germany in the EU-SEC consortium)
            # (not the report's own country: half its bodies are Japanese, the publisher first)
            others = self._named_elsewhere({x.section_id for x in recs}, abroad)
            if others:
                lines.append("Named in other entries:" if english else "ほかの項で名前が挙がっている組織:")
                lines += [self.line(c, f"- {self.name_of(c.section_id)}: ") for c in others]
                cites += others
        if not cites:
            head = (
                f"The report describes no scheme for {where}." if english else f"この報告書には{where}の制度・規格等の記載がありません。"
            )
            return Shaped([], head)
        if english:
            per = f"; {_counts(recs, 'region')}" if shape.regions else ""
            head = f"The report describes {listed} " + ("schemes/standards" if listed != 1 else "scheme/standard") + (f" ({where}{per})" if where else "") + ":"
        else:
            by = _counts(recs, "region") if shape.regions else (_counts(recs, "group") if not scope else "")
            head = f"この報告書で紹介されている{where + 'の' if where else ''}制度・規格等は{listed}件です" + (
                f"（{by}）。" if by else "。"
            )
        return Shaped(cites, "\n".join([head, *lines]))

    def _named_elsewhere(self, listed: set[str], countries: tuple[str, ...]) -> list[Citation]:
        """One sentence per other section that names a body of one of the countries by a name
        that holds the country ("PwC Germany", "BSI Group Singapore Pte Ltd", 「米国国立標準
        技術研究所」), in report order."""
        names_body = _bodies_of(countries)
        out: list[Citation] = []
        for sid in self.sections:
            if sid in listed:
                continue
            hit = next(((p, a, b) for p, _k, a, b in self.sentences_of(sid) if names_body(p.text[a:b])), None)
            if hit:
                out.append(self.cite_span(*hit))
        return out

    def records_for(self, shape: Shape, question: str) -> tuple[list[CatalogueRecord], list[str]]:
        """The records a catalogue question asks for, and the words of its scope (国内, 米国)."""
        recs = list(self.records)
        scope: list[str] = []
        grouped = match_group(recs, question, group_words(question))
        if not grouped and shape.country:
            # 「日本の制度はいくつ？」: the report's own country, said by its name, is its 国内 group
            grouped = [x for x in recs if same_country(shape.country, x.group)]
        if grouped:
            recs = grouped
            scope.append("・".join(dict.fromkeys(x.group for x in grouped)))
        # "日本国内の制度": the report's own country is its 国内 group, which names no country
        home = bool(grouped) and shape.country is not None and same_country(shape.country, "国内")
        if shape.regions:
            # "how many are European, how many from the Americas?": each region's records, region by region
            recs = sorted(in_regions(recs, shape.regions), key=lambda x: shape.regions.index(x.region))
            scope.append("・".join(shape.regions))
        elif shape.region:
            recs = in_regions(recs, (shape.region,))
            scope.append(shape.region)
        elif shape.country and not home:
            # "from Australia, Singapore or Hong Kong": the schemes of each country named
            recs = in_country(recs, *(shape.countries or (shape.country,)))
            # (the country as the report writes it: 米国, not "united states")
            scope.append("・".join(dict.fromkeys(x.country for x in recs if x.country)) or shape.country)
        if shape.issuer_kind:
            gov = bool(re.match(r"政府|公的|行政|国|government|public|national", shape.issuer_kind, re.I))
            # a record that names no issuer cannot be said to be run by either
            recs = [x for x in recs if (x.issuer is not None or gov) and _is_government(x) == gov]
            scope.append(shape.issuer_kind)
        return recs, scope


# what a catalogue question asks of each scheme, when it is one of the rows every record has
_ASKS_TARGET = re.compile(
    r"対象|適用範囲|\bscope\b|\btargets?\b|\bwho\s+(?:is|are)\s+(?:it|they|each(?:\s+one)?)\s+(?:for|aimed\s+at)\b"
    r"|\bwhat\s+(?:each(?:\s+one)?|they)\s+covers?\b|\bapplies\s+to\b|\bapply\s+to\b",
    re.I,
)
_ASKS_ISMS = re.compile(
    # 「ISMSとどう関係しているか」, "link to ISMS", "tie back to ISMS", "ISMS relationship"
    r"ISMS\s*(?:と|との)[^、。？?]{0,6}?(?:関[連係わ]|つなが|結びつ|紐づ|紐付)"
    r"|(?:relat\w*|link\w*|tie[sd]?|connect\w*|bear\w*)\s+(?:back\s+)?(?:to|with|on)\s+(?:the\s+)?ISMS\b"
    r"|\bISMS\s+(?:link|relationship|relation|connection|tie)s?\b",
    re.I,
)


def _bodies_of(countries: tuple[str, ...]) -> Callable[[str], bool]:
    """Does a text name a body by a name that holds one of the countries: in English a run
    of capitalised words with the country's name or adjective among them ("PwC Germany",
    "American Association of …"); in Japanese a body's name that opens with the country
    (catalogue.PLACE_ORG: 米国国立標準技術研究所)?"""
    forms = [f for c in countries for f in (c, *spellings(c))]
    en = sorted({r"\s+".join(w.capitalize() for w in f.split()) for f in forms if f.isascii() and len(f) >= 3}, key=len, reverse=True)
    ja = tuple(f for f in forms if not f.isascii() and f != "国内")
    word = r"[A-Z][\w&.\-]*"
    country = "(?:" + "|".join(en) + ")"
    english = re.compile(rf"\b(?:{word}\s+){{1,4}}{country}\b|\b{country}(?:\s+{word}){{1,4}}") if en else None

    def names_body(text: str) -> bool:
        return bool(english and english.search(text)) or any(m.group(0).startswith(ja) for m in PLACE_ORG.finditer(text))

    return names_body


def formal_name_says_more(name: str, short: str, issuers: str) -> bool:
    """Does a scheme's formal name say more than the words of its short name and its issuers
    (「クラウドセキュリティ・マーク (CS マーク)」 beside 「CS マーク」; not "StarAudit
    Certification (EuroCloud Europe (ECE))" beside "ECE StarAudit Certification")?"""
    # (「…統一基準群」（以下「統一基準群」という。）: a short form set up for later is no more)
    rest = compact(SHORT_FORM_SET_UP.sub("", name))
    for word in sorted(re.split(r"[\s()（）、,・]+", f"{short} {issuers}"), key=len, reverse=True):
        if len(word) >= 2:
            rest = rest.replace(compact(word), "")
    return len(re.sub(r"[\W_]+", "", rest)) >= 3


def _is_government(rec: CatalogueRecord) -> bool:
    text = rec.issuers_text() + " " + rec.title
    return bool(_GOVERNMENT.search(text))


def _counts(recs: list[CatalogueRecord], key: str) -> str:
    """Records per group or per region, in the order they are listed: "欧州 5件、米州 2件"."""
    counts: dict[str, int] = {}
    for x in recs:
        k = getattr(x, key) or "?"
        counts[k] = counts.get(k, 0) + 1
    return "、".join(f"{g} {n}件" for g, n in counts.items())
