"""What shape of answer a question wants, from its words alone.

A lookup wants one sentence; "Xとは" wants what X is; "どの制度が…" wants every
section that satisfies a condition; "AとBの違い" wants one row per entity;
"欧州の制度は" wants the catalogue filtered; "この報告書の発行日" wants the
report's front matter; "こんにちは" wants no search at all. The patterns are
general Japanese and English question forms, not phrases of any eval set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entities import EntityTable, Match, is_self_reference
from .japanese import compact
from .regions import country_named, region_named

SHAPES = ("lookup", "definition", "enumeration", "list", "compare", "catalogue", "meta", "chat")

_CHAT = re.compile(
    r"^(?:こんにちは|こんばんは|おはよう(?:ございます)?|はじめまして|よろしく(?:お願いします)?|ありがとう(?:ございます|ございました)?"
    r"|どうも|お疲れ様(?:です)?|hello|hi|hey|thanks?(?:you)?|thankyou(?:verymuch)?|goodmorning|goodevening|help|ヘルプ"
    r"|使い方(?:は|を教えて)?|何ができる(?:の|んですか)?|何ができますか|なにができる(?:の)?|whatcanyoudo|whoareyou|あなたは誰(?:ですか)?"
    r"|what(?:is|'s)this|これは何(?:ですか)?)[!！。.？?～~ｗw]*$"
)
_COMPARE = re.compile(
    r"違い|ちがい|比較|比べ|異な|差異|相違|共通|それぞれ|各々|どちらも|両方|\bvs\.?\b|versus|compar|differ|\bboth\b|\beach\b|similar",
    re.I,
)
_LIST = re.compile(
    r"どの(?:制度|規格|ガイドライン|文書|認証|スキーム|もの)|どれ(?!くらい|ぐらい|ほど|だけ|位)|ものは|ものを|ものが|もの(?:を)?(?:すべて|全て|全部)"
    r"|挙げて|すべて|全て|全部|列挙|一覧|リスト"
    r"|\bwhich\s+(?:schemes|standards|documents|guidelines|frameworks|certifications|programs|ones)\b"
    r"|\b(?:list|name)\s+(?:all|every|the)\b|\bwhat\s+(?:schemes|standards|documents|guidelines|frameworks)\b|\ball\s+the\b",
    re.I,
)
_CATALOGUE_NOUN = re.compile(
    r"制度|規格|ガイドライン|ガイド|基準|認証|スキーム|枠組み|文書|scheme|standard|guideline|framework|certification|program",
    re.I,
)
_COUNT = re.compile(r"いくつ|幾つ|何件|何個|何種類の制度|数は|how\s+many|number\s+of", re.I)
_WHOLE = re.compile(r"紹介され|取り上げ|掲載|載って|covered|included|described|introduce|in\s+the\s+report", re.I)
# who runs a scheme: 民間団体が運営する / run by a government body
_ISSUER_KIND = re.compile(
    r"(民間|政府|公的|行政|業界|非営利|国)(?:の)?(?:団体|機関|組織|法人)?(?:が|の)?(?:運営|運用|発行|作成|策定|所管|管理|主導|主管)"
    r"|(?:run|operated|issued|published|managed|owned|administered)\s+by\s+(?:a\s+|an\s+|the\s+)?"
    r"(private|government|public|industry|non-?profit|national)",
    re.I,
)
_ENUMERATE = re.compile(
    r"どんな(?:種類|段階|レベル|文書|分野|領域|項目|機能|部)|何種類|どういう種類|種類は|段階は|レベルは|構成|内訳|列挙|挙げて|全部|すべて|全て"
    r"|(?:\d+|[一二三四五六七八九十])\s*(?:つ|個|種類|段階|分野|領域|部|項目|機能)の|"
    r"\bwhat\s+are\s+the\b|\bwhich\s+(?:levels|parts|fields|areas|domains|functions|documents|tiers|types)\b|\blist\b|\bkinds?\s+of\b|\btypes?\s+of\b",
    re.I,
)
_DEFINITION_JA = re.compile(r"^(?P<x>.+?)\s*(?:とは|って(?:何|なに|なん)|ってどんな(?:もの|制度|規格)|は何(?:ですか|でしょう)?|はなに|とはなん)"
                            r"(?:ですか|でしょうか|ですか|か|\s)*[？?。]*$")
_DEFINITION_EN = re.compile(r"^(?:what\s+is|what's|what\s+are|define|explain|tell\s+me\s+about|describe)\s+(?:the\s+|a\s+|an\s+)?(?P<x>.+?)[?.!]*$", re.I)
_META = re.compile(
    r"題名|タイトル|表題|発行日|発行者|発行元|発行した|著者|作成者|作成した|作成に関わ|委員|部会|編集|執筆|調査方法|想定読者|読者"
    r"|\btitle\b|publisher|published|\bauthors?\b|committee|who\s+wrote|who\s+made|who\s+prepared",
    re.I,
)


@dataclass(frozen=True)
class Shape:
    kind: str
    entities: tuple[str, ...] = ()  # section ids the question names, in order
    subject: str = ""  # definition: the thing asked about
    region: str | None = None  # catalogue: a region named
    country: str | None = None  # catalogue: a country named
    count: bool = False  # catalogue: "how many"
    issuer_kind: str | None = None  # catalogue: 民間 / 政府 …
    names: tuple[Match, ...] = field(default=(), repr=False)


def named_sections(matches: list[Match]) -> list[str]:
    """One section per name the question uses; an ambiguous name (米国: two
    schemes) stands for all of them, in order."""
    by_span: dict[tuple[int, int], list[str]] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m.alias.section_id)
    out: list[str] = []
    for sids in by_span.values():
        for sid in sids:
            if sid not in out:
                out.append(sid)
    return out


def _unambiguous(matches: list[Match]) -> list[str]:
    by_span: dict[tuple[int, int], list[Match]] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m)
    out: list[str] = []
    for ms in by_span.values():
        if len(ms) == 1 and ms[0].alias.kind != "place" and ms[0].alias.section_id not in out:
            out.append(ms[0].alias.section_id)
    return out


def detect_shape(question: str, entities: EntityTable, group_labels: list[str] | None = None) -> Shape:
    q = question.strip()
    c = compact(q)
    low = q.lower()
    matches = entities.find(q)
    named = _unambiguous(matches)
    if not matches and _CHAT.match(c):
        return Shape("chat")
    if len(named) >= 2 and _COMPARE.search(q):
        return Shape("compare", tuple(named), names=tuple(matches))

    region = region_named(q)
    country = country_named(q) if not region else None
    # a group label as a word of its own: 国内 in "国内の制度", not in "国内外"
    groups = [g for g in (group_labels or []) if g and re.search(re.escape(compact(g)) + r"(?![外部])", c)]
    issuer_kind = (m.group(1) or m.group(2)) if (m := _ISSUER_KIND.search(q)) else None
    scoped = bool(region or country or groups or issuer_kind)
    count = bool(_COUNT.search(q))
    wants_many = bool(_LIST.search(q)) or count or bool(_NOUN_ASKED.search(q))
    yes_no = bool(_YES_NO.search(q))
    if not named and not yes_no and _CATALOGUE_NOUN.search(q) and ((scoped and wants_many) or count):
        return Shape("catalogue", region=region, country=country, count=count, issuer_kind=issuer_kind)
    if not named and (is_self_reference(q) or _META.search(q)):
        return Shape("meta")

    d = _DEFINITION_JA.match(q) or _DEFINITION_EN.match(q)
    if d and len(compact(d.group("x"))) <= 40 and not _COMPARE.search(q):
        x = d.group("x").strip()
        x_matches = entities.find(x)
        # the whole subject is a name ("C5とは", "What is the NIS Directive?"), not "Xの有効期間とは"
        covered = sum(m.end - m.start for m in {(m.start, m.end): m for m in x_matches}.values())
        if (not x_matches and _looks_like_name(x)) or (x_matches and covered >= 0.6 * len(compact(x))):
            return Shape("definition", tuple(named_sections(x_matches)), subject=x, names=tuple(x_matches))

    condition = bool(named) or bool(_IDENTIFIER.search(q))
    many = _LIST.search(q) or (condition and _NOUN_ASKED.search(q) and _RELATION.search(q))
    if many and len(named) <= 1 and not _ENUMERATE_ONLY.search(q) and not _is_subject(q, matches) and not _inside(q, matches):
        return Shape("list", tuple(named), names=tuple(matches))
    if _ENUMERATE.search(low):
        return Shape("enumeration", tuple(named), names=tuple(matches))
    return Shape("lookup", tuple(named), names=tuple(matches))


# a relation that other sections have to a named thing: "ISO/IEC 27001を参照している制度"
_RELATION = re.compile(
    r"参照|引用|基づ|基盤|準拠|採用|マッピング|整合|対応|言及|推奨|活用|要件|求め|向け|取り上げ|使|利用|用い"
    r"|referenc|cite|based\s+on|requir|map|align|recommend|mention|build\s+on|\buses?\b|\bapply",
    re.I,
)
_NOUN_ASKED = re.compile(
    r"(?:制度|規格|ガイドライン|認証|スキーム|文書)(?:等|など)?\s*(?:は|って|を教えて|\?|？|$)"
    r"|(?:schemes|standards|guidelines|frameworks|certifications)\b",
    re.I,
)


_YES_NO = re.compile(r"(?:ますか|ですか|いるか|あるか|でしょうか)[？?]?$|^(?:is|are|does|do|did|can|has|have)\b", re.I)
_IDENTIFIER = re.compile(r"[A-Z][A-Za-z/]*\s?\d|[「『]|(?<![A-Za-z])[A-Z]{3,}(?![A-Za-z])")
_PARTICLES = re.compile(r"[のでをがにはへとや]")


def _looks_like_name(x: str) -> bool:
    """A definition's subject is a name or a term ("PII処理者", "the NIS Directive"),
    not a clause ("金融機関向け安全対策基準の第9版で新設された基準")."""
    if x.isascii():
        return len(x.split()) <= 5
    return len(compact(x)) <= 20 and not _PARTICLES.search(re.sub(r"[A-Za-z0-9/\-\s]+", "", x))


def _inside(question: str, matches: list[Match]) -> bool:
    """"NIST文書はどれ？" asks for a member of one named section, not for sections."""
    if len({m.alias.section_id for m in matches}) != 1:
        return False
    c = compact(question)
    m = matches[-1]
    return bool(re.match(r"(?:の)?(?:文書|規格|シリーズ|部|パート|レベル|documents?|parts?|series)", c[m.end : m.end + 6]))


def _is_subject(question: str, matches: list[Match]) -> bool:
    """Is the named entity what the question is about (``IRAPは…``, ``does IRAP …``)
    rather than a condition on other sections (``ISO/IEC 27001を参照している…``)?"""
    if not matches:
        return False
    c = compact(question)
    m = matches[0]
    after = c[m.end : m.end + 2]
    if after[:1] in ("は", "が") or after.startswith("って"):
        return True
    before = c[max(0, m.start - 6) : m.start]
    return bool(re.search(r"(?:does|do|did|is|are|has|have|was|were|can)$", before))


# "構成" / "which levels" ask for the members of one thing, not for a set of sections
_ENUMERATE_ONLY = re.compile(r"構成|内訳|種類|段階|レベル|分野|領域|機能|levels|parts|tiers|functions|domains", re.I)
