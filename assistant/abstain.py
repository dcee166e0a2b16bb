"""When to say 「この報告書には記載がありません。」, and why.

Kinds of evidence, each explainable as a ``reason``:

- ``unknown_name`` / ``unknown_words``: the question is about something the
  report never mentions (GDPR, ISMAP), however similar its other words;
- ``weak_evidence``: no name, and nothing in the report close in meaning —
  either the question's words are hardly in the best section, or most of them
  are not in the report at all (明日の天気, ランチのおすすめ);
- ``no_content``: nothing to look up — no word of the question is a word the
  report uses (``' OR 1=1 --``, ``{{7*7}}``, ``%s%s%n``, markup, emoji);
- ``absent_aspect``: the question asks for a type of answer (an amount of
  money, a penalty, a number of organisations or of anything, a share, a
  company by name, a language, a duration, the time a process takes, a date) that occurs in no sentence of the section it
  names (or its conversation's topic) nor of the best-ranked section — the
  classic answer-type check of extractive QA. (A second check — none of the
  question's aspect words in the section and no sentence close in meaning —
  was measured on dev and dropped: paraphrased and English questions about
  covered aspects share no words with the Japanese section either, and their
  cosines overlap the negatives'.)
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from .japanese import compact, counted_noun, normalize_text, proper_nouns, search_tokens
from .regions import other_names
from .retrieve import Retrieval, idf_weights
from .segment import sentences
from .types import Section

log = logging.getLogger(__name__)

ABSTAIN_JA = "この報告書には記載がありません。"
ABSTAIN_EN = "The report does not say."

# ---------------------------------------------------------------- answer types
# What a question asks for (Japanese and English), and what a sentence that
# gives it must contain. Checked in this order: "いつまで有効" is a duration.
_ASKS: dict[str, re.Pattern[str]] = {
    # the time a process takes is not the validity of its result: "有効期間は3年"
    # does not answer "審査にどのくらいかかる？"
    "elapsed": re.compile(
        r"(?:期間|時間|日数|どのくらい|どれくらい|何日|何か月|何ヶ月|何カ月|何週間)\S{0,4}(?:かか|掛か|要す|要し)|"
        r"(?:かか|掛か|要す|要し)\S{0,4}(?:期間|時間|日数)|所要|"
        r"\bhow (?:long|many (?:days|weeks|months|years|hours))\b.*\b(?:take|takes|taking|last)\b|\bhow much time\b",
        re.I,
    ),
    "penalty": re.compile(r"罰則|罰金|制裁|処罰|処分|ペナルティ|\bpenalt|\bsanction|\bfines?\b|\bpunish", re.I),
    "money": re.compile(
        r"費用|料金|価格|値段|コスト|金額|罰金|制裁金|手数料|いくら|幾ら|予算|"
        r"\bhow much\b|\bcosts?\b|\bprices?\b|\bfees?\b|\bfines?\b|\bcharges?\b|\bbudget\b",
        re.I,
    ),
    "count": re.compile(
        r"何社|何件|何団体|何組織|何人|何名|何か国|何カ国|何ヶ国|"
        r"(?:企業|会社|事業者|組織|団体|供給者|審査員|機関|サービス|製品)(?:の)?数|社数|件数|人数|登録数|"
        r"\bhow many (?:\w+ )?(?:companies|organi[sz]ations|providers|firms|vendors|suppliers|businesses|"
        r"people|assessors|auditors|members|countries|services)\b|"
        r"\bnumber of (?:\w+ )?(?:companies|organi[sz]ations|providers|firms|vendors|suppliers|businesses|"
        r"people|assessors|auditors|members|countries|services)\b",
        re.I,
    ),
    "duration": re.compile(
        r"期間|有効期限|何年間|何年ごと|何か月|何ヶ月|何カ月|何日|何時間|何週間|いつまで|どのくらいかか|どれくらいかか|"
        r"\bhow long\b|\bvalidity\b|\bvalid for\b|\bduration\b|\bhow many (?:years|months|days|hours|weeks)\b|"
        r"\bhow often\b",
        re.I,
    ),
    # a date still to come: the report's past dates do not answer it
    "future": re.compile(
        r"(?:いつ|時期|何年|何月).{0,12}(?:予定|見込|見通し|予想)|(?:予定|見込|見通し).{0,6}(?:いつ|時期)|次(?:は|に)?いつ"
        r"|\bwhen\s+will\b|\bwhen\s+(?:is|are)\b.{0,40}\b(?:expected|planned|scheduled|due)\b",
        re.I,
    ),
    # which companies / services by name: "BSI Group Singapore Pte Ltd" names one, "CSP" does not
    "company": re.compile(
        r"どの(?:企業|会社|ベンダー|サービス)|(?:企業|会社|ベンダー)名|具体的な(?:企業|会社|ベンダー|サービス名|製品)|"
        r"(?:サービス|製品|企業)の(?:具体)?例|"
        r"\bwhich\s+(?:companies|vendors|firms|products|cloud\s+services)\b|\bname\s+(?:some|the)\s+(?:companies|vendors|firms)\b|"
        r"\bexamples?\s+of\s+(?:companies|vendors|firms|products|(?:cloud\s+)?services)\b",
        re.I,
    ),
    # the language a document is written in
    "language": re.compile(r"何語|言語は|\b(?:what|which)\s+languages?\b|\bin\s+what\s+language\b", re.I),
    # a share: "何割", "what percentage" — "多数みられる" is not one
    "ratio": re.compile(
        r"割合|比率|何割|何パーセント|何%|シェア|\bshare of\b|\bpercent|\bproportion\b|\bfraction\b|\bratio\b",
        re.I,
    ),
    # how many of anything (levels, sections, requirements): a small count
    "number": re.compile(
        r"いくつ|幾つ|何個|何項目|何種類|何段階|何分野|何領域|何群|何章|何つ|何点|何ポイント|"
        r"\bhow many\b|\bnumber of\b",
        re.I,
    ),
    "date": re.compile(r"いつ|何年に|何年の|何月|時期|発行日|\bwhen\b|\bwhat year\b|\bwhich year\b|\bwhat date\b", re.I),
}
# an ordinal (第三者: "third party") is not a quantity
_NUM = r"(?<![第\d])(?:\d[\d,.]*|[一二三四五六七八九十百千万]+)"
_GIVES: dict[str, re.Pattern[str]] = {
    "elapsed": re.compile(
        r"(?:\d+|[一二三四五六七八九十]+)\s*(?:年|か月|ヶ月|カ月|日|週間|時間)\S{0,6}(?:かか|掛か|要|以内)|"
        r"(?:所要|within|takes?)\D{0,20}\d",
        re.I,
    ),
    "penalty": re.compile(r"罰|制裁|処分|penalt|sanction|punish|fine[sd]?\b", re.I),
    "money": re.compile(
        rf"{_NUM}\s*(?:兆|億|万|千)?\s*(?:円|ドル|ユーロ|ポンド|dollars?|euros?|pounds?|yen)|[$€£¥]\s*\d", re.I
    ),
    "count": re.compile(
        rf"{_NUM}\s*(?:以上の|を超える|超の|余りの)?\s*(?:社|者|人|名|組織|団体|件|か国|カ国|ヵ国|ヶ国|企業|事業者|機関)"
        r"|を超える|大半|過半|半数|大多数|ほとんど|\d+\s*(?:companies|organi[sz]ations|providers|people)",
        re.I,
    ),
    "duration": re.compile(
        r"(?<!\d)(?:\d{1,3}|[一二三四五六七八九十]+)\s*(?:年|か月|ヶ月|カ月|ヵ月|ケ月|箇月|日|週間|時間)"
        r"|\d+\s*(?:years?|months?|days?|weeks?|hours?)|毎年|年\s*\d+\s*回|年次",
        re.I,
    ),
    "future": re.compile(r"予定|見込|見通し|予想|今後|将来|までに|\bwill\b|\bexpected\b|\bplanned\b|\bscheduled\b", re.I),
    "number": re.compile(
        r"(?<![\d./:\-A-Za-z])\d{1,4}\s*(?:つ|の|個|項目|分野|種類|段階|件|領域|群|章|節|部|パート|カテゴリ|レベル|社|者|か国|カ国|点)"
        r"|(?<![第])[一二三四五六七八九十]+\s*(?:つ|種類|段階|分野|領域|群)",
    ),
    "date": re.compile(r"(?:19|20)\d\d\s*年|(?:19|20)\d\d|平成|令和|昭和", re.I),
    "ratio": re.compile(r"\d+(?:\.\d+)?\s*(?:%|パーセント|割)|半数|大半|過半|大多数|ほとんど|\bhalf\b|\bmost\b", re.I),
    "company": re.compile(r"株式会社|有限会社|\b(?:Pte|Ltd|LTD|Inc|GmbH|Corporation|Corp|LLC|PLC|AG)\b\.?", re.I),
    "language": re.compile(r"[一-龯ァ-ヺ]{1,6}語(?:版|で|の|に|が)|English|German|Japanese|French|言語", re.I),
}


def expected_type(question: str) -> str | None:
    """The type of answer a question asks for, when it asks for one."""
    q = unicodedata.normalize("NFKC", question)
    for kind, pattern in _ASKS.items():
        if pattern.search(q):
            return kind
    return None


def gives_type(sentence: str, kind: str, counted: str | None = None) -> bool:
    """Does the sentence hold that type of answer (for a count, of ``counted``:
    "3 段階" does not say how many コントロール)?"""
    text = unicodedata.normalize("NFKC", sentence)
    if not _GIVES[kind].search(text):
        return False
    if counted is None:
        return True
    # the number must count that noun: "14 分野 109 項目" counts 要件 in "この要件は 14 分野…",
    # but "6つの領域に分けて記載したカタログ (管理策集)" does not say how many 管理策
    c, n = compact(text), re.escape(compact(counted))
    return bool(re.search(r"\d+(?:つの|個の|の)?" + n + r"|" + n + r"(?:数)?\S{0,3}?\d", c))




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


class Abstainer:
    def __init__(self, index, sections: dict[str, Section], doc_freq: dict[str, int], n_docs: int, entities=None):
        self.index = index
        self.sections = sections
        self.doc_freq = doc_freq
        self.n_docs = n_docs
        self.entities = entities
        self._tok_cache: dict[str, set[str]] = {}
        self._compact_text: str | None = None
        self._spaced_text: str | None = None

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
        salient = [(t, wi) for t, wi in zip(toks, w) if (not t.isascii() or t in names) and not _other_spelling(t, corpus)]
        stotal = sum(wi for _, wi in salient) or 1.0
        unknown = sum(wi for t, wi in salient if self.doc_freq.get(t, 0) == 0) / stotal
        support = 0.0
        if r.sections:
            text_tokens = self.section_tokens(r.sections[0][0])
            support = sum(wi for t, wi in zip(toks, w) if t in text_tokens) / total
        # an acronym must be a word of the report; a country it spells another way (豪州) is known
        acronyms = {compact(a) for a in re.findall(r"(?<![A-Za-z])[A-Z]{2,4}(?![A-Za-z])", unicodedata.normalize("NFKC", r.query))}
        missing = tuple(
            n
            for n in question_names(r.query)
            if len(n) >= 2 and not self._mentions(n, corpus, n in acronyms) and not _other_spelling(n, corpus)
        )
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

    def absent_aspect(self, question: str, r: Retrieval, named: set[str], config, candidates: list[str]) -> str | None:
        """The section a question is about when it asks for a type of answer
        (money, a count, a duration, a date, a penalty) that none of the best
        ``candidates`` (answer sentences in score order) gives; else None. The
        section reported is the one the question (or its topic) names, else
        the top-ranked one."""
        if not r.sections:
            return None
        kind = expected_type(question)
        if kind is None:
            return None
        top = r.sections[0][0]
        scope = [top] + sorted(set(named) - {top})
        pool = candidates[: config.type_pool]
        counted = counted_noun(question) if kind == "number" else None
        if any(gives_type(s, kind, counted) for s in pool):
            return None
        about = next((sid for sid in scope if sid in named), top)
        log.debug("absent %s in %s for %r", kind, scope, question)
        return about

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

    def _corpus_compact(self) -> str:
        if self._compact_text is None:
            parts = [s.title for s in self.sections.values()] + [p.text for p in self.index.passages]
            self._compact_text = compact("\n".join(parts))
        return self._compact_text


_VERSION = re.compile(r"^(?:rev|revision|ver|version|v|ed|edition)\.?\d+(?:\.\d+)*$", re.I)


def _other_spelling(name: str, corpus: str) -> bool:
    """The report names this country another way (豪州 / オーストラリア, US / 米国)."""
    return any(o in corpus for o in other_names(name))


def question_names(question: str) -> list[str]:
    """Names a question is about, in compact form: Latin acronyms and
    identifiers (GDPR, ISMAP, 27701), capitalised words that are not just the
    first word of an English sentence (Azure), and Japanese proper nouns."""
    from .japanese import is_mostly_english

    text = unicodedata.normalize("NFKC", question)
    out: list[str] = []
    words = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9.\-+&]*[A-Za-z0-9+]|[A-Za-z]", text))
    english = is_mostly_english(question)
    for k, m in enumerate(words):
        w = m.group(0)
        if _VERSION.match(w):
            continue  # "Rev.4", "v2": which edition of a name, not a name of its own
        upper = sum(ch.isupper() for ch in w)
        digits = sum(ch.isdigit() for ch in w)
        if upper >= 2 or (digits and len(w) >= 3 and not w.isdigit() and upper) or (w.isdigit() and len(w) >= 4):
            out.append(w)
        elif w[:1].isupper() and len(w) >= 3 and not (english and k == 0):
            out.append(w)
    out.extend(proper_nouns(question))
    return [compact(n) for n in dict.fromkeys(out)]


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


# ---------------------------------------------------------------- wording

_HINT_JA = "報告書の内容について、制度名や知りたいことを文章で質問してください。"
_HINT_EN = "Please ask about the report's content in words (a scheme and what you want to know)."


def no_content_text(english: bool) -> str:
    return f"{ABSTAIN_EN} {_HINT_EN}" if english else f"{ABSTAIN_JA}{_HINT_JA}"


def related_text(english: bool, name: str, quoted: list[str]) -> str:
    """The abstention, then what the report does say nearest (quoted and
    labelled by the caller), marked as related and not as the answer."""
    if not quoted:
        return ABSTAIN_EN if english else ABSTAIN_JA
    body = "\n".join(quoted)
    if english:
        return f"{ABSTAIN_EN} What it says about {name} (quoted in Japanese):\n{body}"
    return f"{ABSTAIN_JA}{name}については次の記載があります:\n{body}"
