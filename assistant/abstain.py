"""When to say 「この報告書には記載がありません。」, and why.

Kinds of evidence, each explainable as a ``reason``:

- ``unknown_name`` / ``unknown_words``: the question is about something the
  report never mentions (GDPR, ISMAP), however similar its other words (its
  names, and the ways the report may know them, are read in ``asked_names``);
- ``weak_evidence``: no name, and nothing in the report close in meaning —
  either the question's words are hardly in the best section, or most of them
  are not in the report at all (明日の天気, ランチのおすすめ);
- ``no_content``: nothing to look up — no word of the question is a word the
  report uses (``' OR 1=1 --``, ``{{7*7}}``, ``%s%s%n``, markup, emoji);
- ``absent_aspect``: the question asks for a type of answer (an amount of
  money, a penalty, a number of organisations or of anything, a share, a
  company by name, a language, a duration, the time a process takes, a date; or a thing named by
  a word of its own: a qualification, a revocation, a provider abroad, an appeal, a mutual
  recognition, a logo, encryption) that occurs in no sentence of the section it
  names (or its conversation's topic) nor of the best-ranked section — the
  classic answer-type check of extractive QA; or a Japanese yes/no question
  about a named scheme turns on a noun that no word of the report means, by
  itself or through its dictionary glosses (暗号化, 研修; not 役所, said as
  政府); or it asks what an acronym stands for where the report only names it
  (``expansions``), who makes up a body it names only as a whole
  (``body_members``), or a standard's JIS number it gives for others only
  (``counterparts``). (A second check — none of the
  question's aspect words in the section and no sentence close in meaning —
  was measured on dev and dropped: paraphrased and English questions about
  covered aspects share no words with the Japanese section either, and their
  cosines overlap the negatives'.)
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .answer_type import (
    WORD_TYPES,
    answers_type,
    asks_about_holders,
    expected_type,
    gives_type,
    typed_asks,
)
from .asked_names import (
    documents_named,
    editions_named,
    family_members_known,
    other_spelling,
    question_names,
    translated_names,
    unknown_english_names,
    unknown_quotes,
)
from .bilingual import is_polar_question_en
from .body_members import members_unnamed
from .catalogue import is_name_field
from .counted_members import asked_kinds, count_unnamed, kinds_never_listed
from .counterparts import counterpart_given, tied_standard
from .entities import FOOTNOTE_MARK, Alias
from .expansions import Expansions, asked_acronym, asked_rendering, asked_short_form
from .japanese import compact, is_mostly_english, normalize_text, search_tokens
from .listed_only import only_those_listed
from .named_only import asked_standards, described, standard_numbers
from .question_cues import counts_kinds_by_name
from .question_words import counted_nouns, counted_word_en, is_polar_question
from .regions import regions_named
from .retrieve import Retrieval, idf_weights
from .segment import sentences
from .types import Section
from .unsaid_words import unsaid_english, unsaid_nouns
from .vague_terms import vaguely_stated

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- evidence


@dataclass(frozen=True)
class AbstainConfig:
    min_dense: float = 0.78
    max_unknown: float = 0.85  # nearly every content word absent from the report…
    min_support: float = 0.2  # …and the best section shares almost none of them
    # most content words absent and no sentence close in meaning: 明日の天気, ランチのおすすめ
    # (answerable dev and probe questions with half their words unknown score >= 0.835)
    half_unknown: float = 0.5
    weak_dense: float = 0.82
    # The answer to a typed question is one of the best few candidate sentences;
    # a number elsewhere in the section ("6つの領域") does not give "how many controls".
    type_pool: int = 3


@dataclass
class Evidence:
    """What abstention looks at."""

    top_dense: float
    unknown: float  # idf-weighted share of question words the corpus never uses
    support: float  # idf-weighted share of question words present in the best section
    unknown_names: tuple[str, ...] = ()  # names in the question the report never mentions
    has_content: bool = True  # the question has any word the report uses
    nothing_known: bool = False  # none of its words (numbers aside) occurs in the report
    prose: bool = False  # a sentence of plain Latin words (not code, markup or a keyboard mash)


# what a name row may answer: when a name dates it (平成30年7月), which company runs it
_NAME_ROW_TYPES = ("date", "company", "future")
# "※2 NIST SP 800-53 : …", "1 HORIZON 2020 : …": a footnote glossing a term
_GLOSS = re.compile(r"^" + FOOTNOTE_MARK + r"?([^:：。、()（）「」]{2,60}?)[:：(（]")


def says_any(names: list[str], field: str, text: str) -> bool:
    """Does the sentence, under its field (a sub-heading such as "NIST SP 800-53 (Rev.4)"),
    name any of these?"""
    said = compact(field + text)
    return any(compact(n) in said for n in names)


def _glosses_other(sentence: str, field: str, question: str, words_said: set[str]) -> bool:
    """Is the sentence a footnote on a term the (compacted) question does not name?
    ``words_said``: the question's Japanese words (an English one's in the report's words)."""
    c = compact(sentence)
    if not (field == "注記" or c.startswith("※")) or not (g := _GLOSS.match(c)):
        return False
    term = g.group(1)
    # the term, its first word, or an acronym it opens with ("(ISAE) 3000") names it
    acronyms = [x.lower() for x in re.findall(r"[A-Z]{3,}", sentence[: len(term) + 60])]
    # …or two of its words ("that assurance standard" for International Standard on Assurance…)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{6,}", sentence[: len(term) + 20])}
    named = term in question or term[:6] in question or any(x in question for x in acronyms)
    if named or sum(w in question for w in words) >= 2:
        return False
    # …or the question describes it in the gloss's own words: 「EUの研究助成の枠組み」 (or "the EU
    # programme that funds…") for "HORIZON 2020 : …研究・イノベーションプロジェクトを助成する欧州連合 (EU) の枠組み"
    return len(words_said & set(search_tokens(c[g.end() :]))) < 2


class Abstainer:
    def __init__(self, index, sections: dict[str, Section], doc_freq: dict[str, int], n_docs: int, entities=None, glossary=None):
        self.index = index
        self.glossary = glossary  # a bilingual.Glossary: what an English question counts, in the report's words
        self.sections = sections
        self.doc_freq = doc_freq
        self.n_docs = n_docs
        self.entities = entities
        self._tok_cache: dict[str, set[str]] = {}
        self._compact_text: str | None = None
        self._spaced_text: str | None = None
        self._passages_compact: list[str] | None = None
        self._spelled: Expansions | None = None

    # ------------------------------------------------------------ whole question

    def evidence(self, r: Retrieval) -> Evidence:
        toks = [t for t in dict.fromkeys(r.tokens) if len(t) > 1 or t.isalnum()]
        known = [t for t in toks if not t.isdigit() and self.doc_freq.get(t, 0) > 0]
        if not toks:
            return Evidence(r.top_dense, 0.0, 0.0, (), False)
        w = idf_weights(self.doc_freq, self.n_docs, toks)
        total = sum(w) or 1.0
        # Only names and Japanese content words count as "unknown": an English
        # question's ordinary words ("which", "does") are absent from a Japanese
        # report without meaning the report lacks the answer.
        names = _salient(r.query)
        corpus = self._corpus_compact()
        # a country the report names another way (US / 米国) is not an unknown word
        salient = [(t, wi) for t, wi in zip(toks, w) if (not t.isascii() or t in names) and not other_spelling(t, corpus)]
        stotal = sum(wi for _, wi in salient) or 1.0
        unknown = sum(wi for t, wi in salient if self.doc_freq.get(t, 0) == 0) / stotal
        support = 0.0
        if r.sections:
            text_tokens = self.section_tokens(r.sections[0][0])
            support = sum(wi for t, wi in zip(toks, w) if t in text_tokens) / total
        # an acronym must be a word of the report; a country it spells another way (豪州) is known
        acronyms = {compact(a) for a in re.findall(r"(?<![A-Za-z])[A-Z]{2,4}(?![A-Za-z])", unicodedata.normalize("NFKC", r.query))}
        # an English proper name of a word the report uses ("Ministry of Health, Labour and
        # Welfare" for 厚生労働省) names nothing unknown, whatever its words
        asked = r.query
        for name, _ in self.glossary.names_written_out(asked) if self.glossary is not None else ():
            asked = asked.replace(name, " ")
        missing = tuple(
            n
            for n in question_names(asked)
            if len(n) >= 2
            and not self._mentions(n, corpus, n in acronyms)
            and not other_spelling(n, corpus)
            and not family_members_known(n, r.query, corpus)
            # an English plural of a name the report uses: "3PAOs", "CSPs"
            and not (len(n) >= 4 and n.endswith("s") and self._mentions(n[:-1], corpus, n[:-1] in acronyms))
            # an English acronym of a name the report writes in Japanese: MIC for 総務省
            and not (n in acronyms and self.glossary is not None and self.glossary.word_for_acronym(n))
        )
        # an English name of something the report names in Japanese: "Microsoft" (マイクロソフト),
        # "the Fifth Science and Technology Basic Plan" (第5期科学技術基本計画)
        if missing:
            translated = translated_names(asked, missing, self.glossary, self._passage_texts(), corpus)
            missing = tuple(n for n in missing if n not in translated)
        missing += unknown_english_names(asked, corpus, self.entities, self.glossary, self._passage_texts())
        # an edition the report never names ("Rev.5", 「第10版」) of a thing it does name
        missing += tuple(e[0] for e in editions_named(r.query) if not any(x in corpus for x in e))
        # a title in quotes that the report never prints, nor most of it in one piece
        # (『地方公共団体における…ガイドライン』; 「クラウド情報セキュリティ監査制度」 is the report's)
        missing += unknown_quotes(r.query, corpus)
        # a region the catalogue groups schemes by ("Asia-Pacific"), which the report need not spell
        missing = tuple(n for n in missing if not regions_named(n))
        words = [t for t in toks if not t.isdigit()]
        nothing_known = bool(words) and all(self.doc_freq.get(t, 0) == 0 for t in words)
        # a single letter or a number is not a word to look up ("%s%s%n", "{{7*7}}")
        has_content = any(len(t) > 1 or not t.isascii() for t in known)
        return Evidence(r.top_dense, unknown, support, missing, has_content, nothing_known, _prose(r.query))

    def reason(self, ev: Evidence, has_entity: bool, config) -> str | None:
        """Why the whole question cannot be answered from the report, or None."""
        if ev.unknown_names:
            return "unknown_name"
        if ev.prose and not has_entity and (not ev.has_content or ev.nothing_known):
            # an English question in plain words shares none with a Japanese report
            # ("Which certifications have levels?"): its meaning decides, not its words
            return "weak_evidence" if ev.top_dense < config.weak_dense else None
        if not ev.has_content and not has_entity:
            return "no_content"
        if ev.nothing_known and not has_entity:
            return "no_content"
        if ev.unknown >= config.max_unknown and ev.support < config.min_support:
            return "unknown_words"
        if has_entity:
            return None
        if ev.top_dense < config.min_dense and ev.support < config.min_support:
            return "weak_evidence"
        if ev.unknown >= config.half_unknown and ev.top_dense < config.weak_dense:
            return "weak_evidence"
        return None

    # ------------------------------------------------------------ absent aspect

    def absent_aspect(
        self, question: str, r: Retrieval, named: set[str], config, candidates: list[tuple[str, str, float, str]]
    ) -> str | None:
        """The section a question is about when it asks for a type of answer
        (money, a count, a duration, a date, a penalty) that none of the best
        ``candidates`` ((section id, sentence, score without the answer-type
        preference, the passage's field), in score order) gives; else None.
        The section is the one the question (or its topic) names, else the
        top-ranked one; when it is named, only its own sentences can answer:
        another scheme's "有効期間は3年" does not say how long C5's report is valid,
        but a sentence elsewhere that names it can ("110 を超える組織が ISMS
        クラウドセキュリティ認証を取得" in はじめに)."""
        if not r.sections:
            return None
        if asks := typed_asks(question):
            # two things asked, each of a type: not stated only when neither is
            found = [self.absent_aspect(part, r, named, config, candidates) for part, _ in asks]
            return found[0] if all(found) else None
        kind = expected_type(question)
        if kind == "number" and counts_kinds_by_name(question):
            kind = None  # "セキュリティ管理策とプライバシー管理策": the kinds named give their number
        top = r.sections[0][0]
        # the section asked about: the top-ranked one if the question (or its topic) names it
        # (when it names several, none of them the top one — 米国 is CSA STAR's and FedRAMP's —
        # it is the top one that is asked about, and any sentence may answer)
        if top not in named and len(named) > 1:
            named = set()
        about = next((sid for sid in [top, *sorted(named)] if sid in named), top)
        if (acronym := asked_acronym(question) or asked_rendering(question)) and self._expansions().spelled_out(acronym) is False:
            return about  # "What does OGCIO stand for?" where the report only names it
        if (name := asked_short_form(question)) and self._expansions().short_form_given(name) is False:
            return about  # 「…協議会の略称は？」 where the report writes the name without one
        # 「例の組織・要員…以外のセクションは？」, 「AとBのほかに、どの規格との…」 where the
        # section lists only those, whatever kind of thing the others would be
        if about in named and only_those_listed(question, self._section_sentences(about)):
            return about
        if kind is None:
            # "具体的な資格要件は？" where the report says only "一定の要件を満たす"
            if vaguely_stated(question, [text for _, text, _, _ in candidates][: config.type_pool]):
                return about
            # 「「統制基準」には具体的にどんな事項が？」 where the report only lists its name
            if _ASKS_CONTENTS.search(question) and any(self._only_listed(t) for t in _asked_terms(question)):
                return about
            # "What are those 14 areas called?" where the section counts them and names none
            if about in named and count_unnamed(question, self._section_sentences(about)):
                return about
            # "What are the names of those areas?" where the section names the areas and lists none
            words_for = self.glossary.words_for if self.glossary is not None else None
            if about in named and (kinds := asked_kinds(question, words_for)) and kinds_never_listed(kinds, self._section_sentences(about)):
                return about
            # "Which agencies sit on the JAB?" where the section names the board only as a whole
            if about in named and members_unnamed(question, self._section_sentences(about)):
                return about
            # "Does the CSF's reference list include ISO/IEC 27017?" where its section never names 27017
            if about in named and self._standard_unsaid(question, about):
                return about
            # "What does ISO/IEC 17020 lay down?" where the report only cites 17020
            if (numbers := asked_standards(question)) and not any(self._describes(n) for n in numbers):
                return about
            return self._unsaid_polar(question, about, named)
        if kind not in _NAME_ROW_TYPES:
            # the name row says what a scheme is called and who runs it: "(…含む 8 組織)" counts
            # the consortium (コンソーシアムは何団体？), not the companies that hold the certification
            if asks_about_holders(question):
                candidates = [c for c in candidates if not is_name_field(c[3])]
        if kind == "jis" and (number := tied_standard(question)):
            # 「27018に対応するJIS規格は？」: only a JIS number given for 27018 answers it, wherever
            # the report gives it (JIS Q 27017 is in the ISMS entry, not in 27017's own)
            given = any(counterpart_given(number, self._section_sentences(sid)) for sid in self.sections)
            return None if given else about
        if kind in ("country", "headquarters") and about in self.sections and gives_type(self.sections[about].title, kind):
            return None  # the heading says where: "ECE StarAudit (本部：ルクセンブルク)"
        if kind == "url" and (docs := self._documents_asked(question, about)):
            # "At which web address can JIP-ISMS517 be downloaded?": an address answers for a
            # document the question names only in a passage that names that document too (the
            # entry's own link row is the scheme's page, not the document's)
            given = any(gives_type(p.text, "url") and any(d in compact(p.text) for d in docs) for p in self.index.passages)
            return None if given else about
        own: list[tuple[str, str]] = []  # (sentence, field)
        if about in named:
            # the names the question (or its topic) calls it by: a term such as "NIST SP 800-53"
            # is named in the sections that describe it too, not only where it was first met
            said = self.named_in(r.query, about)
            # a numbered document the section names among others ("SP 800-144" in the NIST
            # section): a date or a count elsewhere in that section is another document's
            numbered = [a.name for a in said if a.kind == "term" and re.search(r"\d", a.name)]
            # in score order, until the pool is full: naming is checked on few sentences
            for sid, text, _, where in candidates:
                if len(own) == config.type_pool:
                    break
                # (a sentence under the heading "NIST SP 800-53 (Rev.4)" is about it)
                own_text = not numbered and (sid == about or self._names(text, about))
                if own_text or says_any(numbered or [a.name for a in said], where, text):
                    own.append((text, where))
        # Over the whole report the preference for typed sentences would pull in any date or
        # number: there only the sentences best on their own merit count.
        counted = counted_nouns(question) if kind == "number" else ()
        if kind == "number" and not counted and self.glossary is not None and (word := counted_word_en(question)):
            # "How many subcategories…": a thing the report has no word for is a thing none of its
            # numbers counts (one it has a word for may be counted in another: families -> 分野)
            counted = () if self.glossary.words_for(word) else (word,)
        # ...unless what is counted is named ("how many sections"): a number of セクション
        # anywhere near the top is that answer, not any number
        ranked = candidates if counted else sorted(candidates, key=lambda x: -x[2])
        pool = own or [(text, where) for _, text, _, where in ranked][: config.type_pool]
        # a footnote that glosses another term ("1 HORIZON 2020 : … 総額 800 億ユーロ", "2 International
        # Standard … ISAE 3000 … (原文公表：2013年12月)") gives that term's amount or date, not the asked one's
        q = compact(question)
        words_said = {t for t in r.tokens if len(t) >= 2 and not t.isascii()}
        pool = [(s, f) for s, f in pool if not _glosses_other(s, f, q, words_said)]
        if any(answers_type(s, question, kind, counted) for s, _ in pool):
            # (a thing of that type is said: "Will authorities have to approve the mutual
            # recognition?" still needs the approval asked about)
            return self._unsaid_polar(question, about, named) if kind in WORD_TYPES else None
        log.debug("absent %s in %s for %r", kind, about, question)
        return about

    def _documents_asked(self, question: str, about: str) -> list[str]:
        """The documents a question names by title or number (compact) that are not the
        section asked about itself."""
        own = {a.key for a in self.entities.aliases_of(about)} if self.entities else set()
        title = compact(self.sections[about].title) if about in self.sections else ""
        return [k for k in documents_named(question) if k not in own and k not in title and not any(k in o for o in own)]

    def _standard_unsaid(self, question: str, about: str) -> bool:
        """A yes or no about a numbered standard (ISO/IEC 27017, SP 800-53) in the section
        asked about, which that section never names: what it says of it is not stated."""
        if not (is_polar_question(question) or is_polar_question_en(question)):
            return False
        q = unicodedata.normalize("NFKC", question)
        numbers = standard_numbers(q)
        # (and an acronym the report uses elsewhere: IaaS, PaaS and SaaS asked of a section that
        # never names them; not one of its entities' names, nor a word such as "OK")
        corpus = self._corpus_compact()
        numbers += [a for a in _ACRONYM.findall(q) if compact(a) in corpus and not (self.entities and self.entities.find(a))]
        fields = " ".join(dict.fromkeys(p.field for p in self.index.passages_of(about)))
        own = compact(" ".join(self._section_sentences(about)) + " " + self.sections[about].title + " " + fields) if about in self.sections else ""
        return bool(own) and any(compact(n) not in own for n in numbers)

    def _unsaid_polar(self, question: str, about: str, named: set[str]) -> str | None:
        """「データの暗号化まで義務づけられてる？」 about a scheme the report covers (``about``): a
        yes or no needs the thing asked about, and the report never uses the word (暗号化)."""
        if named and (
            (is_polar_question(question) and self.unsaid_nouns(question))
            or (is_polar_question_en(question) and self.unsaid_english(question))
        ):
            return about
        return None

    def unsaid_nouns(self, question: str) -> list[str]:
        """The question's nouns, names aside, that no word of the report means (暗号化)."""
        return unsaid_nouns(question, self._names_in(question), self.doc_freq, self._corpus_compact(), self.glossary)

    def unsaid_english(self, question: str) -> list[str]:
        """The English question's words, names aside, that the report neither writes nor
        means by any word of its own ("penetration", "mandatory")."""
        return unsaid_english(question, self._names_in(question), self._corpus_compact(), self.glossary)

    def _names_in(self, question: str) -> list[str]:
        return [m.alias.name for m in self.entities.find(question)] if self.entities else []

    def _describes(self, number: str) -> bool:
        """Does the report describe the standard with this number (not only cite it)?"""
        titles = [s.title for s in self.sections.values()] + list(dict.fromkeys(p.field for p in self.index.passages))
        holding = (p.text[a:b] for p in self.index.passages if number in p.text for a, b in sentences(p.text))
        return described(number, titles, holding)

    def _section_sentences(self, sid: str) -> Iterator[str]:
        """A section's sentences, split only when read (most questions never ask for them)."""
        return (p.text[a:b] for p in self.index.passages_of(sid) for a, b in sentences(p.text))

    def _only_listed(self, term: str) -> bool:
        """Does the report name ``term`` only as an item of a list — a numbered line of
        its own (「① …の統一規範」) or one quoted name among others (「統制基準」「実務基準」…) —
        and never in a sentence that says something of it?"""
        key = compact(term)
        if len(key) < 2:
            return False
        # (only the passages that hold it are split into sentences: this runs on the query path)
        holding = [p for p, c in zip(self.index.passages, self._passage_texts()) if key in c]
        said = [t.strip() for p in holding for a, b in sentences(p.text) if key in compact(t := p.text[a:b])]
        among = re.compile(r"」「" + re.escape(key) + r"」|「" + re.escape(key) + r"」「")
        # or only inside a longer title the report quotes: 「4.1.2 約款による外部サービスの利用」
        titled = re.compile(r"「([^「」]*" + re.escape(key) + r"[^「」]*)」")

        def untitled(t: str) -> str:
            return titled.sub(lambda m: "" if m.group(1) != key else m.group(0), t)

        return bool(said) and all(
            (_LISTED_ITEM.match(t) and len(t) <= MAX_LIST_ITEM) or among.search(compact(t)) or key not in untitled(compact(t))
            for t in said
        )

    def named_in(self, query: str, sid: str) -> list[Alias]:
        """The names of section ``sid`` that the query calls it (or a term of it) by."""
        return [m.alias for m in self.entities.find(query) if m.alias.section_id == sid] if self.entities else []

    def _names(self, text: str, sid: str) -> bool:
        """Does the sentence name the entity of section ``sid``?"""
        return self.entities is not None and any(m.alias.section_id == sid for m in self.entities.find(text))

    def support(self, sid: str, r: Retrieval) -> tuple[float, float]:
        """How well a section answers the retrieved question: the cosine of
        its closest sentence, and the idf-weighted share of the question's
        words it contains."""
        cos = 0.0
        vecs = self._section_vectors(sid)
        if vecs is not None and r.qvec is not None and len(vecs):
            cos = float(np.max(vecs @ r.qvec))
        toks = [t for t in dict.fromkeys(r.tokens) if not t.isdigit() and (len(t) > 1 or not t.isascii())]
        if not toks:
            return cos, 0.0
        w = idf_weights(self.doc_freq, self.n_docs, toks)
        have = self.section_tokens(sid)
        return cos, sum(wi for t, wi in zip(toks, w) if t in have) / (sum(w) or 1.0)

    def _section_vectors(self, sid: str) -> np.ndarray | None:
        cache = self.__dict__.setdefault("_vec_cache", {})
        if sid not in cache:
            vecs = [v for _, v in self.section_sentences(sid) if v is not None]
            cache[sid] = np.stack(vecs) if vecs else None
        return cache[sid]

    # ------------------------------------------------------------ section text

    def section_sentences(self, sid: str) -> list[tuple[str, np.ndarray | None]]:
        cache = self.__dict__.setdefault("_sent_cache", {})
        if sid in cache:
            return cache[sid]
        out: list[tuple[str, np.ndarray | None]] = []
        has_vecs = getattr(self.index, "sentence_vectors", None) is not None
        for p in self.index.passages_of(sid):
            vecs = self.index.sentence_vectors_for(p.id) if has_vecs else None
            for k, (a, b) in enumerate(sentences(p.text)):
                out.append((p.text[a:b], vecs[k] if vecs is not None and k < len(vecs) else None))
        cache[sid] = out
        return out

    def section_tokens(self, sid: str) -> set[str]:
        if sid not in self._tok_cache:
            sec = self.sections[sid]
            # the table's row labels ("ISMS との関連性") are part of what the section says
            text = sec.title + "\n" + "\n".join(f"{p.field}\n{p.text}" for p in self.index.passages_of(sid))
            self._tok_cache[sid] = set(search_tokens(text))
        return self._tok_cache[sid]

    def _passage_texts(self) -> list[str]:
        if self._passages_compact is None:
            self._passages_compact = [compact(p.text) for p in self.index.passages]
        return self._passages_compact

    def _mentions(self, name: str, corpus: str, acronym: bool = False) -> bool:
        """Is this (compact) name in the report? An acronym must be a word of its
        own there: "AI" is not in "maintain"."""
        if name not in corpus:
            return False
        if not acronym:
            return True
        if self._spaced_text is None:
            parts = [s.title for s in self.sections.values()] + [p.text for p in self.index.passages]
            self._spaced_text = normalize_text("\n".join(parts))
        return bool(re.search(r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])", self._spaced_text))

    def _expansions(self) -> Expansions:
        if self._spelled is None:
            self._spelled = Expansions([s.title for s in self.sections.values()] + [p.text for p in self.index.passages])
        return self._spelled

    def _corpus_compact(self) -> str:
        if self._compact_text is None:
            # (a sub-heading such as "NIST SP 800-53 (Rev.4)" is a passage's field, not its text)
            fields = dict.fromkeys(p.field for p in self.index.passages)
            # (the titles of a section's ancestors too: a group's heading "2.4 クラウドに関連する規格・ガイド等")
            titles = dict.fromkeys(t for s in self.sections.values() for t in (s.title, *s.path_titles))
            parts = list(titles) + list(fields) + [p.text for p in self.index.passages]
            self._compact_text = compact("\n".join(parts))
        return self._compact_text


# an acronym of two capitals or more, as a word of its own (IaaS, ISMS, PII; not "Is" or "I")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,6}(?![A-Za-z0-9])")
# what a thing holds: 「具体的にどんな事項が」, "what does X actually lay down"
_ASKS_CONTENTS = re.compile(
    r"具体的に\S{0,6}?(?:どんな|何)|(?:どんな|どのような)(?:事項|項目|内容)が|何が(?:定め|書か|含ま|規定)"
    # what a term is defined as: 「どのようなサービスとして定義されて」, "how is X defined"
    r"|(?:どのような|どんな|どういう)\S{0,12}?として定義|どう定義|\bhow\s+(?:is|are)\s+.{2,60}?\s+defined\b"
    r"|\bwhat\s+(?:does|do)\s+.{2,60}?\s+(?:actually\s+)?(?:lay\s+down|contain|include|set\s+out|specify)\b",
    re.I,
)
# a line that is one item of a list, and a quoted name next to another
_LISTED_ITEM = re.compile(r"^(?:[①-⑳]|[・•\-*]|\(?\d{1,2}[).])\s*")
MAX_LIST_ITEM = 60  # characters: an item that is a name, not a sentence


def asks_contents(question: str) -> bool:
    """「具体的にどんな事項が…」, 「どう定義されて」: what a thing holds or is defined as."""
    return bool(_ASKS_CONTENTS.search(question))


def _asked_terms(question: str) -> list[str]:
    """The terms a question asks about by name: quoted 「…」, or written in Japanese
    inside an English question ("document ①, the 統一規範")."""
    quoted = re.findall(r"[「『]([^」』]{2,30})[」』]", question)
    if quoted or not is_mostly_english(question):
        return quoted
    return re.findall(r"[一-龯ァ-ヺー]{2,20}", question)


def _prose(query: str) -> bool:
    """Three or more Latin words and (nearly) nothing but letters, spaces and
    sentence punctuation: "Which certifications have levels?", not "' OR 1=1 --",
    "<div></div>" or "asdfgh qwerty 12345 ???"."""
    text = unicodedata.normalize("NFKC", query).strip()
    words = re.findall(r"[A-Za-z]{2,}", text)
    plain = sum(1 for ch in text if ch.isascii() and (ch.isalpha() or ch in " ?,.'-!"))
    return len(words) >= 3 and bool(text) and plain / len(text) >= 0.95


def _salient(query: str) -> set[str]:
    """Search tokens of the query's Latin names: acronyms and identifiers
    written with capitals or digits (GDPR, AWS, SP 800-53), not plain words."""
    out: set[str] = set()
    for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9./\-+]*", unicodedata.normalize("NFKC", query)):
        word = m.group(0)
        if sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word):
            out.update(search_tokens(word))
    return out
