"""What shape of answer a question wants, from its words alone.

A lookup wants one sentence; "Xとは" wants what X is; "どの制度が…" wants every
section that satisfies a condition; "AとBの違い" wants one row per entity;
"欧州の制度は" wants the catalogue filtered; "この報告書の発行日" wants the
report's front matter; "こんにちは" wants no search at all. The patterns are
general Japanese and English question forms, not phrases of any eval set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .answer_type import expected_type, gives_type
from .bilingual import SCOPE_FIRST_EN
from .catalogue import is_section_number, names_number
from .entities import (
    READER_SELF,
    REPORT_RESEARCH,
    EntityTable,
    Match,
    is_self_reference,
    without_report_frame,
)
from .expansions import asked_acronym, asked_rendering
from .japanese import compact, is_mostly_english
from .levels import levels_asked
from .name_roles import RELATION, inside, is_subject, joined, looks_like_name, section_of_place
from .question_cues import (
    ASKS_CONTACT,
    CATALOGUE_NOUN,
    COUNT_WORDS_EN,
    ENUMERATE,
    NAMED_PARTS,
    NAMES_TOO,
    ORGANISATIONS,
    PLACES_MENTIONING,
    PUBLISHED,
    STRUCTURE,
    asked_part,
    asks_either,
    asks_members,
    asks_to_define,
    asks_where_used,
    asks_where_word,
    chooses_one_of_count,
    definition_form,
    group_words,
    names_a_part,
    names_a_word,
    wants_members,
)
from .question_words import COUNTED_EN, WH_JA, counted_noun, is_polar_question, question_after_statement
from .regions import countries_named, country_named, region_of, regions_named
from .sections_without import asks_sections_without

SHAPES = ("lookup", "definition", "enumeration", "list", "compare", "catalogue", "meta", "chat")

_CHAT = re.compile(
    r"^(?:こんにちは|こんばんは|おはよう(?:ございます)?|はじめまして|よろしく(?:お願いします)?|ありがとう(?:ございます|ございました)?"
    r"|どうも|お疲れ様(?:です)?|hello|hi|hey|thanks?(?:you)?|thankyou(?:verymuch)?|goodmorning|goodevening|help|ヘルプ"
    r"|使い方(?:は|を教えて)?|何ができる(?:の|んですか)?|何ができますか|なにができる(?:の)?|whatcanyoudo|whoareyou|あなたは誰(?:ですか)?"
    r"|what(?:is|'s)this|これは何(?:ですか)?)[!！。.？?～~ｗw]*$"
)
_COMPARE = re.compile(
    r"違い|ちがい|違う|違っ|ちがう|比較|比べ|異な|差異|相違|共通|それぞれ|各々|どちらも|両方|\bvs\.?\b|versus|respectively|compar|differ|\bboth\b|\beach\b|similar",
    re.I,
)
_EACH_ONLY = re.compile(r"それぞれ|各々|respectively|\beach\b", re.I)
_SAME = re.compile(r"同じ|\bsame\b", re.I)


def compares(question: str) -> bool:
    """Does the question set things side by side ("the same body?", 「比べて」), not only ask
    for each of them ("list every date, one by one", which a sweep asks too)?"""
    return bool(_COMPARE.search(_EACH_ONLY.sub(" ", question)) or _SAME.search(question))
_LIST = re.compile(
    r"どの(?:制度|規格|ガイドライン|文書|認証|スキーム|もの)|どれ(?!くらい|ぐらい|ほど|だけ|位)|ものは|ものを|ものが|もの(?:を)?(?:すべて|全て|全部)"
    r"|挙げて|すべて|全て|全部|列挙|一覧|リスト|箇所|どの節|どのセクション|どこ(?:に|で)[^？?。]{0,12}?(?:書|記載|出て|登場|言及|触れ)"
    r"|(?:触れ|言及|記載|書かれ|出て|登場|参照|引用|関係|関わ|関連)[^？?。]{0,8}(?:どこ|どれ)"
    r"|洗い出|拾い出|漏れなく"
    r"|\bwhich\s+(?:of\s+the\s+)?(?:[a-z-]+\s+)?(?:schemes|standards|documents|guidelines|frameworks|certifications|programs|programmes|regimes|ones|entries)\b"
    r"|\bwhich\s+parts?\s+of\s+the\s+(?:report|document)\b"
    # "For each scheme in chapter 2 that names …": the schemes that meet a condition, each
    r"|\beach\s+(?:of\s+the\s+)?(?:[a-z-]+\s+)?(?:scheme|standard|document|guideline|framework|certification|programme|program|entry)\s+(?:(?:in|of)\s+[\w\s.-]{1,30}?\s+)?(?:that|which|whose|where)\b"
    r"|\bwhich\s+sections?\b|\bwhere\s+(?:in\s+the\s+report|does\s+the\s+report)"
    r"|\bwhere\s+(?:does|do|did)\s+.{2,40}?\s+(?:show\s+up|appear|come\s+up|feature|get\s+(?:mentioned|cited))|\b(?:list|name|catalog(?:ue)?|enumerate|tabulate)\s+(?:all|every|the)\b|\bwhat\s+(?:schemes|standards|documents|guidelines|frameworks)\b|\ball\s+the\b",
    re.I,
)
# the things a 「どれ」 chooses among: 「Xのうち、…どれ」
_AMONG = re.compile(r"(?P<x>[^、。？?]{1,20}?)(?:のうち|の中で)、?[^？?。]{0,30}?どれ(?!くらい|ぐらい|ほど|だけ|位)")
# "どんな制度が取り上げられて", "何が載っていますか": the schemes of a group, asked openly
_WHAT_KINDS = re.compile(
    r"(?:どんな|どの|どういう|どのような)(?:国・地域の)?(?:制度|規格|ガイドライン|もの)|何が(?:載って|紹介|取り上げ|挙が|ある|あります|収録|含まれ|入って)"
    # "Which German scheme does the report cover?": which ones are in the report, as 「ドイツの制度はどれ」
    r"|^(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:schemes?|standards?|guidelines?|frameworks?|certifications?|programmes?|programs?|directives?)\b"
    r"(?=.*\b(?:cover(?:s|ed)?|includ(?:e|es|ed)|describ(?:e|es|ed)|introduc(?:e|es|ed)|featur(?:e|es|ed)|present(?:s|ed)?|in\s+the\s+report)\b)",
    re.I,
)
# ("5つの機能" counts the members of one thing: only 件 counts schemes)
_EACH = re.compile(r"それぞれ|各(?:制度|規格)|\beach\b|(?:\d+|[一二三四五六七八九十])\s*件|整理(?:して|すると|したら|する)|まとめ(?:て|ると|たら)", re.I)
_COUNT = re.compile(r"いくつ|幾つ|何件|何個|何種類の制度|数は|how\s+many|(?<!\ba\s)number\s+of", re.I)
_WHOLE = re.compile(r"紹介され|取り上げ|掲載|載って|covered|included|described|introduce|in\s+the\s+report", re.I)
# who runs a scheme: 民間団体が運営する / run by a government body
_ISSUER_KIND = re.compile(
    # 国 on its own: 米国の組織 names a country, not the state
    r"(民間|政府|公的|行政|業界|非営利|(?<![一-龯ァ-ヺ])国)(?:の)?(?:団体|機関|組織|法人)?(?:が|の)?(?:運営|運用|発行|作成|作っ|作ら|作る|つく|策定|定め|出し|出す|所管|管理|主導|主管)"
    r"|(?:run|operated|issued|published|managed|owned|administered)\s+by\s+(?:a\s+|an\s+|the\s+)?"
    r"(private|government|public|industry|non-?profit|national)"
    r"|\b(government|private|state|industry)[- ](?:run|operated|owned|led|backed)\b",
    re.I,
)
# "Under the unified standards, …", "In JASA's audit, …": a phrase of place or scope before the question
_SCOPE_FIRST = SCOPE_FIRST_EN
# what the report itself recommends is its conclusion, even when the answer is a list of standards
_REPORT_ADVISES = re.compile(r"勧め|薦め|すすめ|推奨|\b(?:recommend|suggest|advise)", re.I)
_META = re.compile(
    r"題名|タイトル|表題|発行日|発行者|発行元|発行した|著者|作成者|作成した|作成に関わ|委員|部会|主査|オブザーバ|事務局|名簿|編集|執筆|調査方法|想定読者|読者|誰向け"
    r"|調査(?:し|の方法|手法)|調査は(?:どう|どの)|どうやって(?:調べ|行われ|作られ)|どのように調べ|調べ方|方法論|第\s*\d+\s*章"
    # what the report concludes and what it warns its readers of
    r"|結論|何が(?:分か|わか)|注意書き|留意|網羅|今後の課題|提言|はじめに|おわりに|序文|まえがき"
    r"|読んでもら|読み手|(?:どんな|どの|どういう)方法で|誰に向け|対象読者|図\s*\d+\s*[-‐－]\s*\d+|\bfigure\s*\d|\baudience\b"
    # ("the exact title of the METI reference material" names another document's title)
    r"|\btitle\b(?!\s+of\s+(?:the\s+|a\s+|that\s+)?(?!(?:report|document|publication|paper|this)\b)\w)|publisher|published|\bauthors?\b|committee|\broster\b|observers|secretariat|who\s+wrote|who\s+made|who\s+prepared"
    r"|who\s+(?:put\s+out|released|produced|issued)|\bput\s+(?:it|this)\s+out\b|\bis\s+(?:it|this)\s+dated\b|\bdated\b"
    r"|" + REPORT_RESEARCH + r"|\bmethod(?:s|ology)?\b|\bchapters?\s+\d|\bconclu(?:sions?|ding)\b|\b(?:report|authors?|document|paper|JIPDEC)\s+(?:\w+\s+)?conclude[sd]?\b|\bconclude[sd]?\s*[?？]|\bfindings\b|\bcaveats?\b"
    r"|\b(?:the|its)\s+(?:introduction|preface|foreword|closing\s+section)\b"
    r"|" + "|".join(p.pattern for p in (*NAMED_PARTS, ASKS_CONTACT)),
    re.I,
)

# the places a thing stands, asked for
_WHERE_STANDS = re.compile(r"箇所|どこ|どの(?:節|項目|部分)|\bwhere\b|\bsections\b|\bplaces\b", re.I)
# 「JIS X 9250:2017の日本語タイトル」: a numbered standard's title, not the report's
_OTHER_TITLE = re.compile(r"[A-Z][A-Za-z/]*\s?\d[\d:.\-]*\s*の\s*(?:日本語|英語|正式な?)?\s*(?:タイトル|題名|表題)")


@dataclass(frozen=True)
class Shape:
    kind: str
    entities: tuple[str, ...] = ()  # section ids the question names, in order
    subject: str = ""  # definition: the thing asked about
    region: str | None = None  # catalogue: a region named
    regions: tuple[str, ...] = ()  # catalogue: every region named, when several are
    country: str | None = None  # catalogue: a country named
    countries: tuple[str, ...] = ()  # catalogue: every country named, when several are
    count: bool = False  # catalogue: "how many"
    issuer_kind: str | None = None  # catalogue: 民間 / 政府 …
    names: tuple[Match, ...] = field(default=(), repr=False)


def named_sections(matches: list[Match]) -> list[str]:
    """One section per name the question uses; an ambiguous name (米国: two
    schemes) stands for all of them, in order."""
    out: list[str] = []
    for sids in sections_by_span(matches).values():
        for sid in sids:
            if sid not in out:
                out.append(sid)
    return out


def sections_by_span(matches: list[Match]) -> dict[tuple[int, int], list[str]]:
    """The sections each stretch of the question names (two for 米国: CSA STAR, FedRAMP)."""
    out: dict[tuple[int, int], list[str]] = {}
    for m in matches:
        out.setdefault((m.start, m.end), []).append(m.alias.section_id)
    return out


def _unambiguous(matches: list[Match]) -> list[str]:
    """Sections the question names by a name of their own: not a country or
    region (EU, 米国 say where, not which), not a name two sections share."""
    by_span: dict[tuple[int, int], list[Match]] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m)
    out: list[str] = []
    for ms in by_span.values():
        a = ms[0].alias
        if len(ms) == 1 and a.kind != "place" and not region_of(a.name) and a.section_id not in out:
            out.append(a.section_id)
    return out


def detect_shape(
    question: str, entities: EntityTable, group_labels: list[str] | None = None, asked: str | None = None,
    entry_terms: Callable[[str], list[str]] | None = None,
) -> Shape:
    """The shape of answer a question wants (see ``_shape_of``)."""
    shape = _shape_of(question, entities, group_labels, asked, entry_terms)
    if shape.kind in ("list", "catalogue") and (asked_rendering(question) or asked_acronym(question)):
        # "What is the Japanese name the report uses for the NIS Directive?": one name's rendering
        return Shape("lookup", shape.entities, names=shape.names)
    if shape.kind in ("list", "enumeration", "catalogue") and (last := question_after_statement(question)):
        # "The medical entry closes with a note that cites HIPAA. Under which law number …?": a
        # statement set before the question frames it; the sections it describes are not asked for
        if _shape_of(last, entities, group_labels, None, entry_terms).kind == "lookup":
            return Shape("lookup", shape.entities, names=shape.names)
    return shape


def _shape_of(
    question: str, entities: EntityTable, group_labels: list[str] | None = None, asked: str | None = None,
    entry_terms: Callable[[str], list[str]] | None = None,
) -> Shape:
    """The shape of answer a question wants. A follow-up is read from its searched words
    (its topic's name and its own words); ``asked`` is the turn as the user wrote it, whose
    particles say what is counted (「管理策がいくつ」 loses its が among the searched words).
    ``entry_terms`` gives the words of a turn that only the report's entries use (HIPAA, Rev.4):
    a turn that holds one is about those entries even when it speaks of the report ("according
    to the report"). It is asked only of a turn that would otherwise be about the report."""
    q = question.strip()
    c = compact(q)
    matches = entities.find(q)
    named = _unambiguous(matches)
    if not matches and _CHAT.match(c):
        return Shape("chat")
    distinct_names = {compact(m.alias.name) for m in matches if m.alias.kind != "place"}
    # in a comparison a country that only one section has (シンガポール) names that section
    chosen = {span: sid for span, sids in sections_by_span(matches).items() if (sid := section_of_place(q, span, sids, entities))}
    places = set(chosen.values()) - set(named)
    # two names of one section set nothing side by side by "each" alone ("What did BSI draw on for
    # C5? Give each source": the sources are what is counted)
    one_section = len({m.alias.section_id for m in matches}) == 1
    strictly = _COMPARE.search(_EACH_ONLY.sub(" ", q))  # compared, not only each of them asked for
    compared = strictly if one_section else _COMPARE.search(q)
    if compared and not strictly and not named and _LIST.search(q):
        # "Catalogue every organisation from the UK or Germany, with the part each plays": places
        # listed, each with its own, are a catalogue's scope, not two things set side by side
        compared = None
    if (len(named) + len(places) >= 2 or len(distinct_names) >= 2) and (compared or joined(q, matches)):
        # two names of one section may be two parts of it (SOC2 / SOC2+): the composer decides;
        # a country two sections share stands for the one the question's words point to
        rows = [m for m in matches if chosen.get((m.start, m.end), m.alias.section_id) == m.alias.section_id]
        return Shape("compare", tuple(named), names=tuple(rows))

    q_groups = group_words(q)
    regions = regions_named(q)
    region = regions[0] if regions else None
    country = country_named(q) if not region else None
    countries = tuple(countries_named(q)) if country else ()
    # a group label as a word of its own: 国内 in "国内の制度", not in "国内外"
    groups = [
        g
        for g in (group_labels or [])
        if g and (
            names_number(q, g)  # a group's number: 2.4, not 2.4.1
            if is_section_number(g)
            else any(re.search(r"(?<![ァ-ヺーA-Za-z])" + re.escape(compact(g)) + r"(?![外部])", t) for t in (c, q_groups))
        )
    ]
    issuer_kind = next((g for g in m.groups() if g), None) if (m := _ISSUER_KIND.search(q)) else None
    value = expected_type(q)  # the type of answer asked for, once per question
    scoped = bool(region or country or groups or issuer_kind)
    # "how many" counts the catalogue only when what it counts is a kind of scheme:
    # 「取得している組織は全部でいくつ？」 counts organisations
    counted = counted_noun(asked or q)
    # (what is counted is named by its last word: 認証機関 are bodies, 認証制度 schemes)
    counts_other = counted is not None and not _CATALOGUE_HEAD.search(counted)
    count = bool(_COUNT.search(q)) and not counts_other and not _counts_other_en(asked or q)
    wants_many = bool(_LIST.search(q) or _EACH.search(q) or _WHAT_KINDS.search(q)) or count or bool(_NOUN_ASKED.search(asked_part(q)))
    exists = bool(_EXIST.search(q))
    yes_no = (bool(_YES_NO.search(q)) or is_polar_question(q)) and not _WH.search(q) and not exists
    # "…のうち、ISO/IEC 27001に言及しているもの"; a group's own label in quotes (「諸外国」) is no condition
    # (nor is a group's heading in quotes: 「クラウドに関連する規格・ガイド等」 holds 規格・ガイド)
    unquoted = re.sub(
        r"[「『]([^」』]{1,30})[」』]", lambda m: m.group(1) if any(g in m.group(1) for g in group_labels or [] if not is_section_number(g)) else m.group(0), q
    )
    conditioned = bool(_IDENTIFIER.search(unquoted) and RELATION.search(q)) or bool(_CONDITION_CLAUSE.search(q))
    # "Which of the Japanese guidelines were issued in July 2018?": a date is a condition too
    conditioned = conditioned or gives_type(q, "date")
    # "How many schemes are graded into three levels?": a number of levels is a condition too
    levels = levels_asked(q)
    conditioned = conditioned or levels is not None
    # (「…を漏れなく一覧にしてもらえますか」 is a request, not a yes or no question)
    whole = wants_many and not named and _whole_catalogue(q)
    # 「はじめにで名前が挙がっている米国の制度」: a part of the report named is where to answer from
    names_part = names_a_part(q)
    # "How is the report organised: what do its parts 2.1 … 2.4 each introduce?" asks about the
    # report's chapters, not for the schemes they hold
    organised = is_self_reference(q) and bool(STRUCTURE.search(q))
    if (
        not named
        and not names_part
        and not organised
        and (not yes_no or whole)
        and not conditioned
        and not counts_other
        # "Which Japanese companies are certified under …", "…の費用は": a value, not the catalogue
        and value not in _VALUE_TYPES
        # "Which four documents make up the Japanese government's standards?": the parts of one
        and not _MADE_UP.search(q)
        # "List every section whose text contains the word X, … the standards in 2.4 aside": where a
        # word stands, not the catalogue of a group
        and not asks_where_word(q)
        # ("2.4ではどんなものを紹介している？": a group named by its number needs no noun)
        and (CATALOGUE_NOUN.search(q) or any(is_section_number(g) for g in groups) or bool((region or country) and ORGANISATIONS.search(q))
             # ("For each of the six domestic entries, give …": the entries are the schemes)
             or bool(_EACH.search(q) and _ENTRIES.search(q)))
        and ((scoped and wants_many) or count or whole)
    ):
        return Shape(
            "catalogue", region=region, country=country, count=count, issuer_kind=issuer_kind,
            regions=tuple(regions) if len(regions) > 1 else (), countries=countries if len(countries) > 1 else (),
        )
    asks_for_schemes = bool(_LIST.search(q) and (CATALOGUE_NOUN.search(q) or _SECTION_NOUN.search(q)))
    # "the other parts of ISO/IEC 27036 listed in the report" asks for a standard's parts, not
    # about the report (a self-reference with a standard's number alone may still be about the report)
    parts_of_standard = bool(_NUMBERED.search(q) and asks_members(q))
    # 「HIPAAに触れているのは本書のどの項目？」 asks which sections meet a condition: 本書 only says where
    locator = conditioned and bool(_WHICH_ENTRY.search(q) or _SECTION_NOUN.search(q))
    # (「本書の中で「〜よりも」という形の記述をすべて」: a form of words asked for wherever it stands)
    locator = locator or (wants_many and names_a_word(q))
    about_report = _META.search(_OTHER_TITLE.sub(" ", q)) or (is_self_reference(q) and not parts_of_standard and not locator)
    # "how many organisations had … when the report was written" counts things in the world
    # (「…制度を全部網羅しているの？」 asks a yes or no of the report, not for its schemes)
    # "…does the report name for Singapore's multi-tier cloud standard?": a place that has one
    # scheme, and a kind of scheme asked about, is that scheme, wherever the report is mentioned
    one_place = any(len(sids) == 1 for sids in sections_by_span([m for m in matches if m.alias.kind == "place"]).values())
    # ("When was Singapore's multi-tier standard published?": the standard's publication)
    if one_place and CATALOGUE_NOUN.search(q) and not _META.search(PUBLISHED.sub(" ", q)):
        about_report = False
    advised = is_self_reference(q) and bool(_REPORT_ADVISES.search(q))
    # (「本書が使っている「X」という言葉を…定義して」 asks for X, wherever the report uses it)
    if asks_to_define(q) and definition_form(without_report_frame(q)):
        about_report = False
    if asks_sections_without(q) and not yes_no:
        # "Which part of the report never mentions the cloud?": the sections without it, a list
        return Shape("list", tuple(named), names=tuple(matches))
    if (not named or names_part) and about_report and (names_part or not (entry_terms and entry_terms(asked or q))) and (not asks_for_schemes or yes_no or advised) and not counts_other and not _counts_other_en(q):
        return Shape("meta")

    # ("According to the report, what is a 3PAO?": the report is where to look, not the subject)
    d = definition_form(without_report_frame(q))
    subject = next((g for g in (d.groupdict().values()) if g), "") if d else ""
    # "What is CUI, as used in the NIST SP 800-171 discussion?": the term, not where it is used
    # ("Define X as the IRAP entry presents it: who keeps it, …": what to cover follows the colon)
    subject = re.sub(
        r",?\s+(?:as\s+(?:used|mentioned|described|defined)|in\s+the\s+context|according\s+to|in\s+the\s+(?:report|document)|under"
        r"|(?:the\s+way|as)\s+the\s+(?:report|document)|as\s+the\s+(?:\S+\s+){0,2}?(?:entry|section|report|document)\s+(?:presents|describes|defines|puts|gives|explains|summari[sz]es|sets\s+out|introduces|uses)\s+(?:it|the\s+(?:term|word|phrase|name|expression)))\b.*$"
        # ("What is SOC? Give a definition based on the report.": the subject ends at its question mark)
        r"|\s*:\s.*$|\s*[?？]\s.*$"
        # ("What is ENISA, and what part does it play …?": a second question about it follows)
        r"|,\s*and\s+(?:what|how|who|which|where|why|when)\b.*$", "", subject, flags=re.I)
    # 「本書が使っている「責任分界点」という言葉」: the word itself
    subject = re.sub(r"という(?:言葉|語|用語|表現)$", "", subject.strip())
    # "NIST SP 800-171で出てくるCUI": the term, not where it occurs
    subject = re.sub(r"^.+?(?:で|に)(?:出てくる|出て来る|登場する|使われる|使われている|いう|言う|書かれている)\s*", "", subject)
    # "StarAuditの審査で使う「アセスメントレポート」": the term in quotes is what is asked about
    if q_term := re.fullmatch(r".*?[「『]([^」』]{1,40})[」』]\s*", subject):
        subject = q_term.group(1)
    # "Define the 差分審査 that EU-SEC is developing": the term, not the clause about it
    # ("the parts that make up …" still asks for members)
    clause = subject
    head = re.sub(r"\s+(?:that|which|who)\s+.*$", "", subject)
    if head != subject and (not head.isascii() or re.search(r"""['"‘’“”]|[A-Z]{2}""", head)):
        subject = head  # a term (差分審査, 'assessment report', SOC2), not "the six domains"
    # "the term 'basic statement requirements' (基本言明要件)", 「CE（適用対象主体）」: the report's own word, in brackets
    if (gloss := re.fullmatch(r"[^(（]*[(（]([^)）]{1,30})[)）]\s*", subject)) and not gloss.group(1).isascii():
        subject = gloss.group(1)
    elif (acronym := re.fullmatch(r"(.+?)\s*[(（][A-Za-z0-9][A-Za-z0-9/\-]{1,9}[)）]\s*", subject)) and not acronym.group(1).isascii():
        # 「サービスマネジメントシステム（SMS）とは」: the term, not the acronym the asker added
        subject = acronym.group(1)
    elif spelled := re.fullmatch(r"([A-Z][A-Za-z0-9+]{1,9})\s*[(（][A-Za-z][A-Za-z\s\-]{5,60}[)）]\s*", subject):
        # "What is SOC (System and Organization Controls)?": the acronym, spelled out by the asker
        subject = spelled.group(1)
    if d and len(compact(subject)) <= 40 and not _COMPARE.search(q) and not ENUMERATE.search(_TITLE_CASE_RUN.sub("", clause)):
        # "a 'SOC2+' report", "the NIS Directive": quotes and a kind noun after a name are not the term
        x = re.sub(r"""['"‘’“”]([^'"‘’“”]{1,30})['"‘’“”]""", r"\1", subject.strip())
        # "define the term 3PAO": the term, not the word "term"
        x = re.sub(r"^(?:term|word|phrase|expression|notion|concept)\s+(?=\S)", "", x, flags=re.I)
        x = re.sub(r"(?<=\S)\s+(?:report|document|standard|scheme|framework|certification|programme|program|catalogue|catalog|guidelines?)$", "", x, flags=re.I)
        x_matches = entities.find(x)
        # the whole subject is a name ("C5とは", "What is the NIS Directive?"), not "Xの有効期間とは"
        covered = sum(m.end - m.start for m in {(m.start, m.end): m for m in x_matches}.values())
        # an English term may hold a name ("PII processor"): a term, not "the target of C5"
        # (asked outright to define it, "Define the ASD Certified Cloud Services List", it is a term
        # whatever share of it a name covers)
        explicit = asks_to_define(q)
        if x_matches and (covered >= 0.6 * len(compact(x)) or explicit):
            return Shape("definition", tuple(named_sections(x_matches)), subject=x, names=tuple(x_matches))
        # (a term the asker put in quotes is a term, a name inside it or not: 「FedRAMP Security
        # Controls Baseline」)
        if q_term or ((not x_matches or not x.isascii()) and (looks_like_name(x) or explicit)):
            # a term of its own; a Japanese one whatever name it holds (PII処理者) (measured:
            # letting an English term that holds a name, "PII processor", be defined as a term
            # cost a test question its section; not done)
            return Shape("definition", subject=x)

    if counts_other:
        # "…を取得している企業は全部でいくつ？" wants a number of something, not sections;
        # "いくつのグループに分かれてる？名前も" wants the parts, and their number with them
        # (a bare "何段階？" is a number: answered by the sentence that states it)
        kind = "enumeration" if _PARTS_COUNTED.fullmatch(counted or "") and NAMES_TOO.search(q) else "lookup"
        return Shape(kind, tuple(named), names=tuple(matches))
    condition = bool(named) or bool(_IDENTIFIER.search(q))
    body = re.sub("^" + _SCOPE_FIRST, "", q, flags=re.I)
    # 「留意点のうち、本書はどれを取り上げる？」: a choice among the members of a thing that is no
    # scheme (留意点, 5分野) is made inside one section, not a list of sections
    among = _AMONG.search(q)
    choice_within = bool(among and not CATALOGUE_NOUN.search(among.group("x")) and not _LIST.search(q[: among.start()] + q[among.end() :]))
    # "How many schemes are graded into three levels?": the schemes with that many levels
    levelled = not named and levels is not None and bool(CATALOGUE_NOUN.search(q))
    many = (
        (_LIST.search(q) and not choice_within)
        # 「ENISAが出てくるのはどの項目？」: which entries of the report; 「統一基準のどの項目」 is inside one
        or (not named and _WHICH_ENTRY.search(q))
        # (the question after a phrase of scope: "In the US reference note of the medical
        # guidelines section, what programme …?" asks no guidelines for a reference)
        or (condition and (_NOUN_ASKED.search(body) or _WHICH_ONES.search(body) or exists) and RELATION.search(body))
        or (not named and _CLAUSE_NOUN.search(q))  # "サーベイランスを実施する認証は？"
        or levelled
    )
    # "Which schemes build on AICPA SOC reports or ISAE 3000?": the names are the conditions
    conditions = len(named) <= 1 or bool((_WHICH_KIND.search(q) or asks_either(q)) and RELATION.search(q))
    # "Which schemes have three levels?", "3段階のレベルがある制度は？": levels are the
    # condition, schemes the answer; "Which levels does MTCS have?" wants the levels
    # (「…というレイヤー区分が出てくる箇所はどこ」 asks where the members' word stands)
    members_only = (asks_members(q) or bool(_THE_COUNTED.search(q))) and not (
        not named and (_WHICH_KIND.search(q) or _CLAUSE_NOUN.search(q) or (CATALOGUE_NOUN.search(q) and "どれ" in q))
    ) and not levelled and not (asks_where_used(q) and bool(_WHERE_STANDS.search(q)))
    # "How many countries use …", "Which companies hold …": a value in the world, not sections
    # ("Which parts of the report name private companies?" asks for parts, whatever they name)
    # (「費用に触れている箇所をすべて挙げて」: the places that mention money, not an amount)
    wants_value = value in _COUNTED_VALUE_TYPES and not _WHICH_PARTS.search(q) and not PLACES_MENTIONING.search(q)
    # ("every section that uses the term 組織, alone or in compounds such as 組織数": in an English
    # question the report's words are mentioned, not asked for)
    wants_value = wants_value and not (asks_where_word(q) and is_mostly_english(q))
    if asks_where_word(q) and not yes_no and not wants_value:
        return Shape("list", tuple(named), names=tuple(matches))
    # (「おわりにで、…とされているのはどの規格？」: the part of the report named holds the answer)
    if many and not yes_no and conditions and not members_only and not wants_value and not names_part and not is_subject(q, matches) and not inside(q, matches):
        return Shape("list", tuple(named), names=tuple(matches))
    # 「5つの機能は、…の代わりになるものなの？」 asks whether, not which: the count names them
    # (「3つのレベルのうち、第三者認証は何番目？」, "Of the two certifications, which one…": one member chosen)
    if wants_members(q) and not is_polar_question(q) and not chooses_one_of_count(q):
        return Shape("enumeration", tuple(named), names=tuple(matches))
    return Shape("lookup", tuple(named), names=tuple(matches))


# a run of capitalised words is a name ("ASD Certified Cloud Services List"), whatever its words say
_TITLE_CASE_RUN = re.compile(r"\b[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)+")
# the words of a request for everything the report covers, which set no condition
_ASKING = re.compile(
    r"漏れなく|一覧|リスト|教えて|挙げて|列挙|もらえ|ください|下さい|すべて|全て|全部|ほしい|欲しい|したい|して|です|ます|か"
    r"|\b(?:list|all|every|each|give|show|tell|please|me|us|of|the|a|what|which|are|is|does|do|can|could|you|that|in|by|and|or)\b",
    re.I,
)

# what a thing is made of: its parts, not the catalogue's entries
_MADE_UP = re.compile(
    r"\bmakes?\s+up\b|\bconsists?\s+of\b|\bcompris(?:e|es|ing)\b|\bcomposed\s+of\b|を構成|で構成|から(?:成る|なる|成り立)", re.I
)
_ENTRIES = re.compile(r"\bentries\b", re.I)
_CATALOGUE_NOUNS = re.compile(f"(?:{CATALOGUE_NOUN.pattern})s?", re.I)
# the report named, particles and auxiliaries: 「…で紹介されている…を」
_GLUE = re.compile(r"報告書|レポート|本書|\breport\b|で|に|を|は|が|の|、|。|・|？|\?|られ|いる|れて|され|ている|にして|類|等|など|\s", re.I)


def _whole_catalogue(question: str) -> bool:
    """「この報告書で紹介されている制度を漏れなく一覧に」, "List every scheme covered in this
    report": the catalogue as a whole, since nothing but being in the report is asked of them."""
    if not _WHOLE.search(question):
        return False
    rest = question
    for pat in (READER_SELF, _WHOLE, _CATALOGUE_NOUNS, _ASKING, _GLUE):
        rest = pat.sub(" ", rest)
    return not re.sub(r"[\s\W_]+", "", rest)


# answer types that ask for a value in the world, never for the catalogue's entries…
_VALUE_TYPES = ("company", "money", "paid", "people", "contact", "penalty", "elapsed", "frequency", "duration", "countries", "ratio", "clock")
# …and those that never ask which sections either ("有効期間が3年の認証は？" is a list;
# 「要求事項のうち、Tier1に該当するものは何パーセント？」 asks for a share, not for sections)
_COUNTED_VALUE_TYPES = ("company", "people", "countries", "contact", "money", "paid", "count", "ratio")
# "how many organisations had obtained…": the plural noun an English count names


def _counts_other_en(question: str) -> bool:
    """An English count of something other than the catalogue's entries
    (organisations, providers): not a question about the catalogue."""
    m = COUNTED_EN.search(question)
    return bool(m) and not CATALOGUE_NOUN.search(m.group(0)) and not re.search(r"entries|items|ones", m.group(1), re.I)


# the parts a thing is divided into, as opposed to things counted in the world (企業, 事業者)
_PARTS_COUNTED = re.compile(
    r"種類|段階|分野|領域|群|グループ|章|パート|部|レベル|カテゴリー?|区分|柱|機能|要素|ステップ|フェーズ|ランク|等級|ティア|階層|区分け"
)


# (「何か所で使われている」: how many places, each of them)
_WHICH_ENTRY = re.compile(r"どの(?:項目|節|章|セクション|エントリ|部分|箇所)|何[かカヶケ箇]所|\b(?:which|what)\s+(?:[a-z0-9-]+\s+)?(?:entries|sections)\b", re.I)
_WHICH_PARTS = re.compile(r"どの(?:項目|節|章|セクション|部分|箇所)|\b(?:which|what)\s+(?:parts?|sections?|entries)\s+of\s+the\s+(?:report|document)\b", re.I)
# a relative clause restricting the kind of thing asked for: "…を対象とした制度は", "…が3年の認証は"
_CLAUSE_NOUN = re.compile(
    r"[\u3041-\u3096](?:(?:制度|認証|規格|ガイドライン|スキーム|枠組み)[・、]?)+(?:[・、][^\s、。？?・]{1,8})*(?:等|など)?"
    r"(?:は|を(?:教えて|挙げて|全部)(?:ください|下さい)?)(?:どれ|何|なに)?(?:です|でしょう)?か?\s*[？?。]*$"
)
# a question that opens on the kind of thing it wants: "Which schemes …", "どの制度が…"
_WHICH_KIND = re.compile(
    r"^\s*(?:which|what)\s+(?:of\s+the\s+)?(?:[a-z-]+\s+)?(?:schemes|standards|documents|guidelines|frameworks|certifications|programs|programmes|entries)\b"
    r"|^どの(?:制度|規格|ガイドライン|文書|認証|スキーム)",
    re.I,
)
# "プライバシーマークに言及している…": a named thing as a condition, written without digits
_CONDITION_CLAUSE = re.compile(r"[ァ-ヺー一-龯A-Za-z0-9]{3,}(?:に|を|へ)(?:言及|参照|触れ|引用|準拠)")
_SECTION_NOUN = re.compile(
    r"節|箇所|セクション|どこ|\bsections?\b|\bparts?\s+of\s+the\s+(?:report|document)|\bwhere\b", re.I
)
# "…をベースにしているのは？": the ones that do
_WHICH_ONES = re.compile(
    r"(?:る|た|いる|ある)(?:もの)?のは(?:どれ|どこ|何|なに)?(?:です|でしょう)?か?\s*[？?]*$"
    r"|(?:る|た|いる|ある)ところ(?:は|って)?(?:どこ)?(?:です|でしょう)?か?\s*[？?]*$"
)
# "…しているものはありますか？", "Are there any schemes that …?": which ones there are
_EXIST = re.compile(
    r"(?:もの|制度|規格|ガイドライン|認証|スキーム)(?:は|が|って)?(?:あります|ありますか|ある|あるの)(?:か|でしょうか)?\s*[？?]*$"
    r"|^\s*(?:are|is)\s+there\s+(?:any\s+)?(?:schemes|standards|guidelines|documents|frameworks|certifications|programs|programmes)\b",
    re.I,
)
_NOUN_ASKED = re.compile(
    r"(?:制度|規格|ガイドライン|認証|スキーム|文書)(?:[・、][^\s、。？?・]{1,8})*(?:等|など)?\s*(?:(?:は|って)\s*[？?]?\s*$|を教えて|\?|？|$)"
    r"|(?:schemes|standards|guidelines|frameworks|certifications)\b",
    re.I,
)

_CATALOGUE_HEAD = re.compile("(?:" + CATALOGUE_NOUN.pattern + r")(?:等|など)?$", re.I)

# "Name the three documents the NIST entry describes": a number of things, the definite ones
# (measured: read as members in comparisons too, it cost a catalogue question an item)
_THE_COUNTED = re.compile(r"\bthe\s+(?:" + COUNT_WORDS_EN + r"|\d{1,2})\s+(?!sections?\b|entry\b|entries\b|schemes\b)[a-z]", re.I)

_YES_NO = re.compile(
    r"(?:ますか|ですか|いるか|あるか|でしょうか)[？?]?$|(?:いるの|てるの|てる|いる|あるの)[？?]$"
    # ("Under the unified standards, is a ministry allowed …": a phrase of place or scope may come first)
    r"|^" + _SCOPE_FIRST + r"(?:is|are|does|do|did|can|has|have|must|may)\b",
    re.I,
)
_WH = re.compile(WH_JA + r"|\b(?:which|what|who|where|when|how)\b", re.I)
_IDENTIFIER = re.compile(r"[A-Z][A-Za-z/]*\s?\d|[「『]|(?<![A-Za-z])[A-Z]{3,}(?![A-Za-z])")
_NUMBERED = re.compile(r"[A-Z][A-Za-z/]*\s?\d")
