"""A list across sections: the sections that meet a question's condition, each quoted.

"Which schemes refer to ISO/IEC 27017?", 「「品質」に触れている箇所は？」, "Which entries do not
mention ISO/IEC 27001?": the condition is an identifier the question names, a word it quotes
or names as a word, its own rarer terms, or (with none of these) its meaning; the answer is
every section that meets it (or, asked for those without it, every other one), in the
report's order, each with the sentences that show it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .answer import Answerer, Candidate
from .asked_names import WILDCARD, pattern_pieces
from .catalogue import CatalogueRecord, in_country, in_regions, match_group
from .entities import Match
from .japanese import (
    compact,
    content_words,
    is_katakana,
    is_mostly_english,
    japanese_dates,
    plain_english_words,
    stems,
    western_years,
)
from .levels import levels_asked, shows_levels
from .question_cues import (
    asks_either,
    asks_where_used,
    asks_whole_report,
    bracketed_examples,
    english_word_asked,
    group_words,
    names_a_word,
    without_examples,
    word_named,
)
from .quoting import Quoter, Shaped, compact_cached, contains_id
from .regions import country_named, regions_named
from .retrieve import Retrieval
from .rows import ROW_LABELS, field_concept
from .sections_without import asks_both_sides, negates_mention, unmet_condition
from .segment import TITLE_PAGE_ID, short_title
from .shape import Shape
from .types import Citation
from .walk import converter_note

MAX_LIST_LINES = 15
# something asked of each scheme: 「各項目は、それぞれどんな種類のもの（認証の仕組み、マーク…）」
_OF_EACH = re.compile(r"\beach\b|それぞれ|各(?:項目|節|制度)", re.I)
# a country's schemes: 「米国の制度」, "US schemes", "Germany's standards"
_SCHEMES_OF = re.compile(r"(?:'?s)?(?:の)?(?:制度|スキーム|規格|ガイドライン|認証|項目|schemes?|standards?|guidelines?|entries|certifications?|programmes?|programs?)")
# a list made from one word of the question needs a word that few sections use
MAX_SINGLE_TERM_SECTIONS = 4
_IDENT = re.compile(
    r"(?:[A-Z][A-Za-z]*(?:/[A-Z]+)?\s?)+\d[A-Za-z0-9.\-:]*(?:\s?\d[A-Za-z0-9.\-]*)?"
    r"|(?<![A-Za-z])[A-Z]{2,}(?:\s[A-Z]{2,})?(?![A-Za-z])|[「『][^」』]{2,40}[」』]"
)


def _longer_forms(question: str) -> set[str]:
    """The quoted words that are a longer form of another quoted word (「準拠性」 beside
    「準拠」: the shorter is the word asked about)."""
    quoted = re.findall(r"[「『]([^」』]+)[」』]", question)
    return {k for k in quoted if any(o != k and compact(o) in compact(k) for o in quoted)}


# a word opens with a kanji, a katakana or a Latin letter; wording opens with a particle
_IS_WORD = re.compile(r"[^ぁ-ゖ]")


def _quotes(question: str) -> list[str]:
    """What a question quotes as words to look for: not 「…」のように, an example of a kind,
    nor any quote of a run of them that ends so (「特に〜」「〜を中心に」のように)."""
    out = []
    for run in re.finditer(r"(?:[「『][^」』]{1,20}[」』][、,・\s]*)+", question):
        if not question.startswith("のよう", run.end()):
            out += re.findall(r"[「『]([^」』]{1,20})[」』]", run.group(0))
    return out


def quoted_words(question: str) -> list[str]:
    """The words a question quotes, but for the longer forms of another. A quoted
    turn of phrase marks the words around it as any words with a wave dash or an ellipsis
    (「〜となる」, 「〜を提供する組織」):
    its fixed pieces are the words. A quote followed by のように is an example of the
    kind of wording asked about, not the words to look for."""
    quoted = [p for k in _quotes(question) for p in WILDCARD.split(k) if p]
    return [k for k in dict.fromkeys(quoted) if not any(o != k and compact(o) in compact(k) for o in quoted)]


# words that ask rather than restrict: "触れる", "対象", "紹介" say nothing about which sections
_GENERIC_TERM = re.compile(
    r"対象|紹介|記載|言及|触れる|触れ|関係|関連|実施|使う|利用|ある|いる|する|なる|もの|こと|どれ|どこ|挙げる|教える|which|what|schemes?|mention"
    # the report and its parts, where a list question looks, not what for
    r"|報告書|本書|部分|箇所|セクション|パート",
)


_LIST_NOUN = re.compile(r"文書|規格|ガイドライン|制度|認証|スキーム")
# the words of an English list question that say where to look, not what for
_LIST_FRAME_EN = re.compile(
    r"reports?|sections?|parts?|places?|chapters?|pages?|entr(?:y|ies)|mentions?|mentioned|talks?|gives?|lists?|names?|named"
    r"|appears?|refers?|comes?|every|where|which|about|anywhere|documents?|schemes?|standards?|guidelines?"
)
# a cosine margin: the row a list question is about wins among near-equal sentences
ROW_BONUS = 0.01
# sentences per section of a list: the first-ranked sentence missed the item on about
# half the dev and probe questions whose wording differs from the report
LIST_SENTENCES = 3
# …and of a list by a word the question gives ("every section that uses 審査, and what in
# each"): each place the word stands, up to this many (measured on the dev list questions:
# 3 -> .841 items, 5 -> .851, 8 -> .857; a list by meaning keeps 3, or it runs to 30 lines)
WORD_LIST_SENTENCES = 8
# 「Xが作った…」, "… developed by X": X made the thing the question asks about
_MAKER_AFTER = re.compile(r"^[)）]*(?:が|の)(?:作(?:った|成した)|策定した|開発した|定めた|出した|発行した|公開した)")
_MAKER_BEFORE = re.compile(r"(?:made|developed|created|published|issued|written)by(?:the)?$")


def _made_by(q: str, m: Match) -> bool:
    """Is the name at ``m`` (offsets in the compact question ``q``) the maker of what is asked about?"""
    return bool(_MAKER_AFTER.match(q[m.end :]) or _MAKER_BEFORE.search(q[: m.start].lower()))


class AcrossLister(Quoter):
    """Lists the sections that meet a question's condition, over one loaded index."""

    def __init__(
        self, index, sections, answerer: Answerer, records: list[CatalogueRecord], glossary, set_sections: set[str], front_ids: list[str]
    ):
        super().__init__(index, sections, answerer)
        self.records = records
        self.glossary = glossary  # the report's words for an English question's plain words
        self.set_sections = set_sections  # sections that are themselves sets of documents (2.4.6)
        self.front_ids = front_ids  # the report's own parts: introduction, purpose, conclusion …


    def answer(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        """The sections that meet the question's condition (an identifier, the question's own
        terms, or its meaning), each with the sentences that show it, in the report's order."""
        if len(shape.entities) == 1 and shape.entities[0] in self.set_sections and not asks_where_used(question):
            # "NISTが出している文書を全部": the named section is itself a set of such documents
            title = compact(self.sections[shape.entities[0]].title)
            if any(compact(n) in title for n in _LIST_NOUN.findall(question)):
                return None
        pool = [x.section_id for x in self.records] or list(self.sections)
        # "海外の制度のうち、ISO/IEC 27001に言及しているもの": a group narrows the pool
        # (not a group a word's examples happen to name: 「（具体的に、国際的に など）」)
        # (a catalogue of the report's words is the whole report's: "every Japanese legal-person
        # form (一般社団法人, …)" is Japanese as the forms are, wherever they stand)
        scoped = shape.kind != "catalogue"
        scope = without_examples(question)
        grouped = match_group(self.records, scope, group_words(scope)) if scoped else []
        if grouped:
            pool = [x.section_id for x in grouped]
        # 「欧州の制度のうち…」, "Which US schemes …": the schemes of the regions or the country named
        # (a country only named, "which schemes mention Singapore", is a condition, not a scope)
        regions, country = (regions_named(question), country_named(question)) if scoped else ([], None)
        placed = in_regions(self.records, regions) if regions else []
        if not placed and country and _SCHEMES_OF.match(compact(question).split(country, 1)[-1]):
            placed = in_country(self.records, country)
        if placed:
            pool = [x.section_id for x in placed if x.section_id in pool]
        elif not grouped and (asks_whole_report(question) or not scoped):
            # (the title page's words are the report's too: "which parts use the word 国内")
            pool = pool + [sid for sid in [*self.front_ids, TITLE_PAGE_ID] if sid not in pool and sid in self.sections]
        lines: list[str] = []
        cites: list[Citation] = []
        # the question's other words pick, among a section's sentences with the identifier,
        # the one that shows the relation ("…をベースに策定されており")
        soft = [k for w in content_words(question) if len(k := compact(w)) >= 2 and not _LIST_NOUN.fullmatch(k)]
        # "AICPA SOC reports or ISAE 3000": the sections that use either
        either = asks_either(question)
        # ("the English word technology, for example in NIST's full name": the word is the condition,
        # the names given as examples of where it stands are not)
        # "Which schemes have three levels?": a structure counted or numbered, not a word
        if (levels := levels_asked(question)) is not None:
            cites = self._with_levels(pool, levels)
        for ident, own in self._conditions(shape, question) if not (english_word_asked(question) or word_named(question) or cites) else []:
            key = compact(ident)
            holders = [sid for sid in pool if contains_id(self.compact_of(sid), key)]
            quoted = any(f"{o}{ident}{c}" in question for o, c in ("「」", "『』"))
            if not any(ch.isdigit() for ch in key) and not quoted and len(pool) >= 6 and len(holders) > 0.6 * len(pool):
                # a word most sections use (ISMS) singles none out; a numbered standard does, and
                # so does a word the question quotes as the word to look for
                continue
            if len(holders) == 1 and any(
                m.alias.section_id == holders[0] and compact(m.alias.name) == key and _made_by(compact(question), m) for m in shape.names
            ):
                # "The Cloud Security Allianceが作った管理策マトリクスを使っている制度": a name only its own
                # section uses, as the maker of the thing asked about, is not which sections use it
                continue
            for sid in pool:
                if sid in own or not contains_id(self.compact_of(sid), key):
                    continue
                found = self._sentences_with(sid, [key, *soft], question, required=key, r=r, n=LIST_SENTENCES)
                if found and all(x.section_id != sid for x in cites):
                    cites.extend(found)
            if cites and not either:
                break
        if not cites:
            cites = self._term_list(question, pool, r)
        negated = negates_mention(question)
        unsaid: set[str] = set()
        if negated:
            # "Which entries do not mention ISO/IEC 27001?": the others, each by its opening line;
            # "say how each relates to 27017, and name the entry that does not": both
            # (no match by words, no answer: a list by meaning has no complement)
            # (every section meeting it: none is without, and the ones that meet it show so)
            held = {c.section_id for c in cites}
            if not cites:
                return None
            others = [c for sid in pool if sid not in held and (c := self._opening_line(sid))]
            unsaid = {c.section_id for c in others}
            cites = (cites if asks_both_sides(question) or not others else []) + others
        if not cites:
            cites = self._semantic_list(r, question, pool)
        if not cites:
            return None
        order = {sid: i for i, sid in enumerate(self.sections)}
        cites.sort(key=lambda c: order.get(c.section_id, 0))  # stable: a section's own order kept
        # (a list by meaning keeps its best MAX_LIST_LINES sections; a list by a word keeps every
        # section that holds it: "every section that uses 管理策" may be most of the report)
        kept_sids = list(dict.fromkeys(c.section_id for c in cites))
        english = is_mostly_english(question)
        # (the sections without the condition are marked when those with it are listed too)
        mark = ("(not mentioned) " if english else "（記載なし）") if len(unsaid) < len(kept_sids) else ""
        lines = [
            self.line(c, "  " if k and cites[k - 1].section_id == c.section_id else f"- {self.name_of(c.section_id)}: " + (mark if c.section_id in unsaid else ""))
            for k, c in enumerate(cites)
        ]
        n = len(kept_sids)
        head = (f"{n} section" + ("s:" if n > 1 else ":")) if english else f"該当する記載は{n}件あります。"
        if negated and not unsaid:
            head = f"None: all {n} sections mention it:" if english else f"該当する節はありません。{n}件すべてに記載があります。"
        return Shaped(cites, self.frame(question, [head, *lines]))

    def _with_levels(self, pool: list[str], n: int) -> list[Citation]:
        """Each section's first sentence that counts n levels or names n of them."""
        out: list[Citation] = []
        for sid in pool:
            shown = next(((p, a, b) for p, _k, a, b in self.sentences_of(sid) if shows_levels(p.text[a:b], n)), None)
            if shown:
                out.append(self.cite_span(*shown))
        return out

    def _opening_line(self, sid: str) -> Citation | None:
        """What a section is: the first sentence of its overview row, else its first sentence."""
        spans = [(p, a, b) for p, _k, a, b in self.sentences_of(sid)]
        first = next(((p, a, b) for p, a, b in spans if "概要" in p.field), spans[0] if spans else None)
        return self.cite_span(*first) if first else None

    def _conditions(self, shape: Shape, question: str) -> list[tuple[str, set[str]]]:
        """Identifiers the question puts as a condition (ISO/IEC 27001, ISAE 3000,
        a named section's own name), each with the sections it names itself."""
        out: list[tuple[str, set[str]]] = []
        for m in shape.names:
            # a section that *is* the thing (2.4.1 for ISO/IEC 27017) does not refer to itself
            sec = self.sections.get(m.alias.section_id)
            is_own = sec is not None and (
                m.alias.kind == "name-title" or compact(m.alias.name) == compact(short_title(sec.title))
            )
            out.append((m.alias.name, {m.alias.section_id} if is_own else set()))
        forms = _longer_forms(question)
        for m in _IDENT.finditer(question):
            ident = m.group(0).strip("「」『』 ")
            if m.group(0)[0] in "「『" and ident in forms:
                continue  # (the shorter quoted word is the condition)
            if len(compact(ident)) >= 3:
                out.append((ident, set()))
            # "US HIPAA": two acronyms in a row may be a place and a name; each is a condition too
            if re.fullmatch(r"[A-Z]{2,}\s[A-Z]{2,}", ident):
                out += [(part, set()) for part in ident.split() if len(part) >= 3]
        # the most specific condition first: "ISO/IEC 27002" before "ISO"
        return sorted(out, key=lambda x: -len(compact(x[0])))

    def _sentences_with(
        self, sid: str, keys: list[str], question: str, required: str | None = None, r: Retrieval | None = None,
        n: int = 1,
    ) -> list[Citation]:
        """The sentence of a section that shows the condition: the one holding the
        most of ``keys``; among those, the closest in meaning to the question,
        with a small preference for the row the question is about (対象 for
        "…を対象とした", else the relation row) and a footnote last."""
        concept = field_concept(question)
        # (else the relation row or the links: "関連" labels both)
        row = ROW_LABELS[concept] if concept in ("target", "issuer", "summary") else "関連"
        ranked = []
        for p, k, a, b in self.sentences_of(sid):
            if converter_note(p.text[a:b]):
                continue  # the title page's logo, as a PDF converter described it: not the report's words
            text = western_years(compact_cached(p.text[a:b]))
            if required is not None and not contains_id(text, required):
                continue
            have = stems(p.text[a:b])
            # a word matches in any inflection (紐づけ / 紐づける); a turn of phrase (となる,
            # が示されている: it opens with a particle) matches as written
            # (an English word inside a name, "Infocomm Media Development Authority", is run
            # together with its neighbours in the compact text: looked for as a word as written)
            hits = sum(
                1 for key in keys
                # (a key with no stem of its own, 「的に」, is no word to inflect: every sentence has none)
                if contains_id(text, key) or (not key.isascii() and (key in text or _IS_WORD.match(key) and set() < stems(key) <= have))
                # (and in the plural: "service" stands in "General Services")
                or (key.isascii() and key.isalpha() and re.search(rf"(?<![A-Za-z]){re.escape(key)}(?:e?s)?(?![A-Za-z])", p.text[a:b], re.I))
            )
            if not hits:
                continue
            dense = self.sentence_score(r, p, k, a, b, {})[0] if r is not None else 0.0
            bonus = ROW_BONUS if row in p.field else 0.0 if p.field != "注記" else -ROW_BONUS
            ranked.append(((-hits, -(dense + bonus)), p, a, b))
        ranked.sort(key=lambda x: x[0])
        return [self.cite_span(p, a, b) for _, p, a, b in ranked[:n]]

    def _term_list(self, question: str, pool: list[str], r: Retrieval | None = None) -> list[Citation]:
        """No identifier: the question's own terms (第三者認証, サーベイランス, 3年) that
        single out a few sections; the sections holding all of them, when two or more do."""
        english = is_mostly_english(question)
        # 「品質」に触れている箇所: a word in quotes is the term itself, whatever else is said
        # (a value in quotes, 「3年」, is a condition on what is said, and "3年" is inside "2013年")
        quoted = quoted_words(question)
        # 「「〜よりも」「〜であるのに対し」など」: several forms of words, any of them, each found by
        # its longest fixed piece (「従来の〜とは異なる」 by とは異なる)
        forms = [q for q in _quotes(question) if WILDCARD.search(q)]
        keys = [max(pieces, key=len) for f in forms if (pieces := pattern_pieces(f))]
        if len(keys) >= 2 and (found := self._given_terms(question, keys, pool, r, either=True)):
            return found
        # (one character is a word too when the question asks for it as written: 「「等」という字」)
        shortest = 1 if names_a_word(question) else 2
        if quoted and all(len(compact(k)) >= shortest and not re.search(r"\d", k) for k in quoted):
            if found := self._given_terms(question, quoted, pool, r):
                return found
        # (a word named is the condition, its compounds given as examples are instances of it: "the
        # kanji 間 in any compound (期間, 空間, …)")
        if (word := english_word_asked(question) or word_named(question)) and (found := self._given_terms(question, [word], pool, r)):
            return found
        # 「お金やコスト（費用、有料、資金など）に触れている箇所」: the words given as examples are
        # the words looked for, any one of them
        # (an English question's Japanese examples are the report's words too: "every legal-person
        # form (一般社団法人, 独立行政法人, …)"; its other Japanese words are the terms: below)
        if (examples := self._examples_given(question)) and (found := self._given_terms(question, examples, pool, r, either=True)):
            return found
        # (「有効期間が書かれていない認証制度」: the words negated are the condition, not 認証制度)
        words = content_words(unmet_condition(question))
        if english:
            # "(責任分界点 or 責任分掌)": the report's own words, which the question gives, are the terms
            # (one character is a term too when the question asks about it as written: "the character 各",
            # and then a longer form holding it is an example of it: "as in 各国")
            as_written = names_a_word(question)
            given = [w for w in words if not w.isascii() and (len(compact(w)) >= 2 or as_written)]
            if as_written:
                given = [w for w in given if not any(o != w and compact(o) in compact(w) for o in given)]
            if given:
                return self._given_terms(question, given, pool, r)
        terms = []
        # (sections *without* a word are asked for: a word most sections use singles out the rest)
        negated = negates_mention(question)
        most = len(pool) if negated else max(2, 0.6 * len(pool))
        # ("July 2018" is looked up as the report writes it: 2018年7月)
        plain = {w.lower() for w in plain_english_words(question)} if english else set()
        for w in words + japanese_dates(question):
            key = compact(w)
            if len(key) < 2 or _LIST_NOUN.fullmatch(key) or _GENERIC_TERM.fullmatch(key):
                continue
            if w.lower() in plain or (english and w.isalpha() and w[:1].isupper() and w[1:].islower()):
                continue  # a plain English word ("out", "guidelines", "Give") is noise in a Japanese report
            holders = {sid for sid in pool if key in self.compact_of(sid)}
            if 1 <= len(holders) <= most:
                terms.append((key, holders))
        if not terms and english and negated and (found := self._negated_english(question, pool, r)):
            return found
        if not terms and english and (asks_whole_report(question) or negated):
            # "where in the report does X come up" asks where a word stands
            return self._translated_list(question, pool, r, most=len(pool) if negated else MAX_SINGLE_TERM_SECTIONS)
        if not terms:
            return []
        if len(terms) == 1 and len(terms[0][1]) > MAX_SINGLE_TERM_SECTIONS and not negated:
            # one common word ("参照すべき…") singles out nothing: half the report holds it
            return []
        common = set.intersection(*(h for _, h in terms))
        if len(common) < (1 if negated else 2):
            return []
        return self._each_with(pool, common, [k for k, _ in terms], question, r)

    def _examples_given(self, question: str) -> list[str]:
        """The report's own words a question gives as examples in brackets: two or more, in
        Japanese (an English question's English glosses, "(commentary, explanation)", are none)."""
        examples = bracketed_examples(question)
        if is_mostly_english(question):
            examples = [w for w in examples if not w.isascii()]
        return examples if len(examples) >= 2 else []

    def catalogues_examples(self, question: str) -> bool:
        """"Catalogue every legal-person form (一般社団法人, 独立行政法人, …)": things of one kind
        named by examples the report uses, not schemes, and not something asked of each scheme."""
        examples = self._examples_given(question)
        held = [w for w in examples if any(compact(w) in self.compact_of(sid) for sid in self.sections)]
        return len(held) >= 2 and not _OF_EACH.search(question) and not any(self._names_scheme(w) for w in examples)

    def _names_scheme(self, word: str) -> bool:
        key = compact(word)
        return any(key in compact(x.short_name) or compact(x.short_name) in key for x in self.records)

    def _given_terms(
        self, question: str, given: list[str], pool: list[str], r: Retrieval | None, either: bool = False
    ) -> list[Citation]:
        """The sections that hold the Japanese words an English question names: all of
        them, or any one for "A or B" (or when ``either``)."""
        keys = [compact(w) for w in given]
        held = [{sid for sid in pool if k in self.compact_of(sid)} for k in keys]
        common = set.union(*held) if either or asks_either(question) else set.intersection(*held)
        return self._each_with(pool, common, keys, question, r, n=WORD_LIST_SENTENCES)

    def _negated_english(self, question: str, pool: list[str], r: Retrieval | None) -> list[Citation]:
        """"Which certifications do not give a validity period?": two words of what is negated
        that the report writes as one compound (validity + period -> 有効期間), the sections
        holding it, to be set aside."""
        if self.glossary is None:
            return []
        words = [w for w in content_words(unmet_condition(question)) if re.fullmatch(r"[a-z][a-z\-]{2,}", w)]
        for w1, w2 in zip(words, words[1:]):
            heads = [compact(x) for x in self.glossary.words_for(w2)]
            compounds = [k for x in self.glossary.words_for(w1) if any(h in (k := compact(x)) and h != k for h in heads)]
            for key in sorted(compounds, key=len, reverse=True):
                if holders := {sid for sid in pool if key in self.compact_of(sid)}:
                    return self._each_with(pool, holders, [key], question, r)
        return []

    def _translated_list(self, question: str, pool: list[str], r: Retrieval | None, most: int = MAX_SINGLE_TERM_SECTIONS) -> list[Citation]:
        """The sections holding the report's loanword for an English question's most
        telling plain word ("on-premises" -> オンプレミス): the word held by the fewest
        sections, two or more. Only one word: a word-by-word translation is too loose
        to intersect."""
        if self.glossary is None:
            return []
        best: tuple[list[str], set[str]] | None = None
        for w in content_words(question):
            if len(w) < 4 or not re.fullmatch(r"[a-z][a-z\-]+", w) or _LIST_FRAME_EN.fullmatch(w):
                continue
            keys = [compact(x) for x in self.glossary.words_for(w) + self.glossary.words_for(w.split("-")[-1])]
            # a loanword renders the English word itself; a kanji word may render another of
            # its senses ("validity" -> 有効性, "state" -> 国家)
            keys = [k for k in dict.fromkeys(keys) if len(k) >= 3 and is_katakana(k)]
            holders = {sid for sid in pool if any(k in self.compact_of(sid) for k in keys)}
            if 2 <= len(holders) <= most and (best is None or len(holders) < len(best[1])):
                best = (keys, holders)
        if best is None:
            return []
        return self._each_with(pool, best[1], best[0], question, r)

    def _each_with(
        self, pool: list[str], sids: set[str], keys: list[str], question: str, r: Retrieval | None, n: int = LIST_SENTENCES
    ) -> list[Citation]:
        """The sentences that show the terms, section by section in the pool's order (``n`` at most each)."""
        return [c for sid in pool if sid in sids for c in self._sentences_with(sid, keys, question, r=r, n=n)]

    def _semantic_list(self, r: Retrieval, question: str, pool: list[str], margin: float = 0.6) -> list[Citation]:
        """No identifier to match: the scheme sections whose best sentence scores
        within ``margin`` of the best one, by the answerer's own (rescaled) score,
        each with its next sentence when that one is within the margin too."""
        # (a title page is no place a list by meaning points at)
        kept = [(sid, sc) for sid, sc in r.sections if sid in pool and sid != TITLE_PAGE_ID][: MAX_LIST_LINES]
        if not kept:
            return []
        sub = replace(r, hits=[h for h in r.hits if h.passage.section_id in pool], sections=kept, entity_sections={}, preferred={})
        wide = replace(self.answerer.config, sections_considered=len(kept))
        cands = self.answerer.candidates(sub, wide)
        best: dict[str, list[Candidate]] = {}
        for cand in cands:
            got = best.setdefault(cand.passage.section_id, [])
            if len(got) < LIST_SENTENCES:
                got.append(cand)
        if not best:
            return []
        top = max(cs[0].score for cs in best.values())
        return [self.answerer.citation(c) for cs in best.values() for c in cs if c.score >= margin * top]

    # ------------------------------------------------------------------ catalogue
