"""Japanese text handling, in one place: normalisation and search tokens.

Everything that knows about NFKC, full/half width, 長音 and hyphen variants,
okurigana (via UniDic lemmas) and how alphanumeric identifiers such as
``ISO/IEC 27017``, ``SP 800-53`` or ``C5`` become tokens lives here, so the
keyword index, the entity table and the query side all agree.

``normalize`` works character by character and keeps a map back to the
original offsets, so every token can point at the exact span it came from.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

TOKENIZER_VERSION = "ja-4"

# Dashes that mean "hyphen" between alphanumerics; NFKC leaves most of them alone.
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u30fc\uff70"
_LONG_VOWEL = "\u30fc"  # ー
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_WAVE = {"\u301c": "~", "\uff5e": "~"}

# Identifiers: runs of Latin letters/digits joined by . - + _ (after NFKC+casefold).
# Accented Latin letters belong to the word ("für"), they are not separators.
_LATIN = "a-z0-9\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f"
_IDENT = re.compile(rf"[{_LATIN}]+(?:[.\-_+][{_LATIN}]+)*\+*")
_LETTERS_THEN_LONG_NUMBER = re.compile(r"^([a-z]+)(\d{3,}(?:[.\-]\d+)*)$")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")
# Combining marks that NFKC must see together with their base character:
# kana (semi-)voiced marks, including the half-width ﾞ ﾟ of ｻｰﾊﾞｰ.
_JOINERS = "\u3099\u309a\u309b\u309c\uff9e\uff9f"

# Parts of speech that carry no search meaning (UniDic pos1).
_DROP_POS = {"助詞", "助動詞", "補助記号", "空白", "記号", "感動詞", "接続詞"}
# Content words so generic that they only add noise to a keyword query.
_STOP_LEMMAS = {
    "為る", "する", "有る", "ある", "居る", "いる", "成る", "なる", "れる", "られる", "事", "こと",
    "物", "もの", "為", "ため", "様", "よう", "此れ", "これ", "其れ", "それ", "其の", "その", "此の",
    "この", "何", "なに", "どう", "どの", "どれ", "何処", "どこ", "誰", "だれ", "何時", "いつ", "等",
    "など", "出来る", "できる", "言う", "いう", "下さる", "くださる", "教える", "思う", "的", "について",
    "ござる", "です", "ます", "さん", "方", "又", "また", "及び", "並びに", "若しくは", "或いは",
    # English function words (questions in English search an index that holds English titles)
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "are", "was", "were", "be",
    "been", "do", "does", "did", "what", "which", "who", "whom", "whose", "when", "where", "why",
    "how", "this", "that", "these", "those", "it", "its", "there", "can", "could", "should", "would",
    "will", "with", "by", "from", "as", "at", "about", "into", "any", "me", "tell", "please",
    # interrogatives: they shape a question, they are not what it is about
    "幾つ", "いくつ", "幾ら", "いくら", "幾", "如何", "どんな", "何方", "どなた", "何故", "なぜ", "どちら",
}

# The verb inside a compound particle (について, における, によって, に対して,
# に関する, にわたって): after the particle に these forms are grammar, not content.
_COMPOUND_PARTICLE_VERBS = {
    "つい", "つき", "おい", "おけ", "よっ", "よる", "より", "よれ", "対し", "対する",
    "関し", "関する", "わたっ", "わたる", "わたり",
}


@dataclass(frozen=True)
class Token:
    text: str  # the normalised search form
    surface: str  # as it stands in the original text
    start: int  # offsets into the original text
    end: int


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: tuple[int, ...]  # offsets[i] = original index of text[i]; len(text)+1 entries

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.offsets[i], self.offsets[j] if j > i else self.offsets[i]


def _fold_char(cluster: str) -> str:
    if cluster in _ZERO_WIDTH:
        return ""
    if cluster in _WAVE:
        return _WAVE[cluster]
    out = unicodedata.normalize("NFKC", cluster).casefold()
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in out):
        out = "".join(" " if unicodedata.category(c) == "Cc" and c not in "\t\n" else c for c in out)
    return out


def _clusters(text: str):
    """Yield (start, cluster): a base character with its combining marks, so
    NFKC can compose ``か+゙`` into ``が`` while offsets stay exact."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _JOINERS):
            j += 1
        yield i, text[i:j]
        i = j


def normalize(text: str) -> Normalized:
    """NFKC, case folding, width folding, dash/long-vowel unification.

    Hyphen-like characters between ASCII alphanumerics become ``-``; ``ー``
    (and its variants) after katakana stays ``ー``. Offsets map every output
    character back to the original string.
    """
    out: list[str] = []
    offs: list[int] = []
    for start, cluster in _clusters(text):
        folded = _fold_char(cluster)
        for ch in folded:
            out.append(ch)
            offs.append(start)
    # Second pass: dashes depend on their neighbours.
    for i, ch in enumerate(out):
        if ch in _HYPHENS or ch == "-":
            prev = out[i - 1] if i > 0 else ""
            nxt = out[i + 1] if i + 1 < len(out) else ""
            if _is_kana(prev) or prev == _LONG_VOWEL:
                out[i] = _LONG_VOWEL
            elif prev.isascii() and prev.isalnum() or nxt.isascii() and nxt.isalnum():
                out[i] = "-"
            elif ch != "-":
                out[i] = "-"
    offs.append(len(text))
    return Normalized("".join(out), tuple(offs))


# a word of katakana only (a loanword: アライアンス), and a run of such words with their
# middle dots (a name of several words: クラウドセキュリティアライアンス)
_KATAKANA_WORD = re.compile(r"[ァ-ヺー]+")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー・]+")


def is_katakana(word: str) -> bool:
    return bool(_KATAKANA_WORD.fullmatch(word))


def katakana_runs(text: str, min_chars: int) -> list[str]:
    """The runs of katakana in ``text`` at least ``min_chars`` long."""
    return [r for r in _KATAKANA_RUN.findall(text) if len(r) >= min_chars]


def _is_kana(ch: str) -> bool:
    return bool(ch) and ("\u30a1" <= ch <= "\u30fa" or "\u3041" <= ch <= "\u3096")


@lru_cache(maxsize=8192)
def normalize_text(text: str) -> str:
    """Just the normalised string (for comparisons and keys). Cached: one ask
    normalises its question some thirty times (names, places, shapes)."""
    return normalize(text).text


def compact(text: str) -> str:
    """Normalised with all whitespace removed: for matching names and titles
    that a PDF conversion spaced differently (``ISMS との関連性``)."""
    return re.sub(r"\s+", "", normalize_text(text))


def compact_with_gaps(text: str) -> tuple[str, set[int]]:
    """The compact form plus the positions where whitespace was removed, so
    ``does irap reference`` still has word boundaries around ``irap``."""
    norm = normalize_text(text)
    out: list[str] = []
    gaps: set[int] = set()
    for ch in norm:
        if ch.isspace():
            gaps.add(len(out))
        else:
            out.append(ch)
    return "".join(out), gaps


def fold_long_vowel(word: str) -> str:
    """``サーバー`` and ``サーバ`` are the same word (JIS Z 8301 style endings)."""
    if len(word) >= 3 and word.endswith(_LONG_VOWEL) and _KATAKANA.match(word):
        return word.rstrip(_LONG_VOWEL)
    return word


def identifier_tokens(ident: str) -> list[str]:
    """Tokens for an ASCII identifier run (already normalised).

    ``iso/iec`` arrives split by ``/``; ``iso27017`` -> ``iso``, ``27017``;
    ``sp800-53`` -> ``sp``, ``800-53``; ``c5`` and ``soc2`` stay whole.
    """
    ident = ident.strip(".-_")
    if not ident:
        return []
    m = _LETTERS_THEN_LONG_NUMBER.match(ident)
    if m:
        return [m.group(1), m.group(2)]
    if ident.endswith("+") and ident.rstrip("+"):
        # "soc2+" is a variant of "soc2": match both, the exact form scores higher.
        return [ident, ident.rstrip("+")]
    return [ident]


@dataclass(frozen=True)
class _Word:
    surface: str
    feature: object  # UniDic features (pos1, pos2, pos3, lemma, …), copied out of MeCab


class _Tagger:
    """One MeCab tagger for the process, behind a lock.

    fugashi taggers are not thread-safe, but one per thread leaks: each maps
    the dictionary again and a server's short-lived worker threads never give
    the mapping back (measured in the soak test: 1.0 -> 3.6 GB). Parsing takes
    well under a millisecond, so sharing one costs nothing measurable.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tagger = None

    def get(self):
        return self.parse

    def parse(self, text: str) -> list[_Word]:
        with self._lock:
            if self._tagger is None:
                import fugashi

                self._tagger = fugashi.Tagger()
            return [_Word(w.surface, w.feature) for w in self._tagger(text)]


_TAGGER = _Tagger()


def _lemma(word) -> str:
    lemma = getattr(word.feature, "lemma", None) or word.surface
    # unidic-lite glosses loanwords: "クラウド-crowd", "サービス-service".
    if "-" in lemma:
        head, _, tail = lemma.partition("-")
        if head and tail.isascii():
            lemma = head
    return lemma


def tokenize(text: str) -> list[Token]:
    """Search tokens with offsets into ``text``.

    Identifiers are cut by regex before MeCab sees them, because UniDic
    splits ``C5`` into ``C`` + ``5`` and ``27017`` into pieces.
    """
    norm = normalize(text)
    s = norm.text
    tokens: list[Token] = []
    pos = 0
    for m in _IDENT.finditer(s):
        if m.start() > pos:
            tokens.extend(_mecab_tokens(text, norm, pos, m.start()))
        tokens.extend(t for t in _ident_tokens(text, norm, m.start(), m.end()) if t.text not in _STOP_LEMMAS)
        pos = m.end()
    if pos < len(s):
        tokens.extend(_mecab_tokens(text, norm, pos, len(s)))
    return tokens


def _token(text: str, norm: Normalized, i: int, j: int, form: str) -> Token:
    start = norm.offsets[i]
    end = norm.offsets[j] if j < len(norm.offsets) else len(text)
    if end <= start:  # folded clusters: cover at least the original cluster
        end = start + 1
    return Token(form, text[start:end], start, end)


def _ident_tokens(text: str, norm: Normalized, i: int, j: int) -> list[Token]:
    raw = norm.text[i:j]
    parts = identifier_tokens(raw)
    if not parts:
        return []
    if len(parts) == 1 or "".join(parts) != raw.strip(".-_"):
        # one token, or variants of one identifier ("soc2+" and "soc2"): each
        # covers the whole identifier, so offsets never point past it.
        return [_token(text, norm, i, j, part) for part in parts]
    out = []
    k = i
    for part in parts:
        at = norm.text.find(part, k, j)
        if at < 0:
            at = k
        out.append(_token(text, norm, at, at + len(part), part))
        k = at + len(part)
    return out


def _mecab_tokens(text: str, norm: Normalized, i: int, j: int) -> list[Token]:
    chunk = norm.text[i:j]
    if not chunk.strip():
        return []
    out: list[Token] = []
    pos = 0
    prev = ("", "")  # (surface, pos1) of the previous word
    for word in _TAGGER.get()(chunk):
        surface = word.surface
        at = chunk.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        pos1 = word.feature.pos1 or ""
        after_ni = prev == ("に", "助詞")
        prev = (surface, pos1)
        if pos1 in _DROP_POS or not surface.strip():
            continue
        if after_ni and surface in _COMPOUND_PARTICLE_VERBS:
            continue
        lemma = _lemma(word)
        if lemma in _STOP_LEMMAS or surface in _STOP_LEMMAS:
            continue
        if len(surface) == 1 and not surface.isalnum():
            continue
        form = fold_long_vowel(normalize_text(lemma))
        out.append(_token(text, norm, i + at, i + at + len(surface), form))
    return out


def search_tokens(text: str) -> list[str]:
    """Token strings for the keyword index: lemmas plus joined noun compounds.

    Adjacent tokens that stand next to each other in the text are also
    emitted as one compound (``監査`` + ``基準`` -> ``監査基準``), so a phrase
    match outranks the same words scattered across a passage.
    """
    toks = tokenize(text)
    out = [t.text for t in toks]
    for a, b in pairwise(toks):
        if a.end == b.start and not (a.text.isascii() and b.text.isascii()):
            out.append(a.text + b.text)
    return out


@lru_cache(maxsize=4096)
def cached_search_tokens(text: str) -> tuple[str, ...]:
    return tuple(search_tokens(text))


def stem(token: str) -> str:
    """A word without its okurigana: 紐付け and 紐付ける (a noun and a verb the
    lemmatiser keeps apart) both stem to 紐付. Kana-only words stay whole."""
    t = re.sub(r"[ぁ-ゖ]+$", "", token)
    return t or token


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The stems of a text's search tokens."""
    return frozenset(stem(t) for t in cached_search_tokens(text))


_SENTENCE_BREAK = re.compile(r"[.?!:;]\s+$|[。？！]\s*$")


def opens_sentence(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text or a sentence in it ("… areas. What are …")?
    Its capital is then the sentence's, not a name's."""
    before = text[:start]
    return not before.strip() or bool(_SENTENCE_BREAK.search(before))


_JAPANESE_CHAR = re.compile(r"[ぁ-ゖァ-ヺ一-龯]")


def has_japanese(text: str) -> bool:
    """Does the text hold any kana or kanji (not only Latin letters, digits and signs)?"""
    return bool(_JAPANESE_CHAR.search(text))


def is_mostly_english(text: str) -> bool:
    """True when the question is written in English (for the answer's framing)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    # a Japanese question with Latin names ("G-CloudとFedRAMPの違いは？") has kana
    if any("\u3041" <= c <= "\u309f" for c in letters):
        return False
    ascii_letters = sum(1 for c in letters if c.isascii())
    return ascii_letters / len(letters) > 0.6


def clean_control(text: str) -> str:
    """Strip NUL and control characters (keep tab/newline), lone surrogates and
    invisible format characters (Cf: zero-width spaces and joiners, BOM, soft
    hyphen, bidi overrides). A pasted 「監査\u200b基準」 must match 監査基準, and an
    RLO echoed back in the chat would reorder the text displayed after it."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace") if has_surrogate(text) else text
    return "".join(
        ch for ch in text if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn", "Cf")
    )


def has_surrogate(text: str) -> bool:
    """Does the text hold a lone surrogate (which cannot be encoded or tokenised)?"""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def place_names(text: str) -> list[tuple[str, str | None]]:
    """Country/place names (UniDic 固有名詞-地名) with the English gloss UniDic
    gives for loanwords (``オーストラリア-Australia``), else None."""
    out = []
    for w in _TAGGER.get()(text):
        f = w.feature
        if f.pos2 == "固有名詞" and f.pos3 == "地名":
            lemma = f.lemma or ""
            gloss = lemma.partition("-")[2] if "-" in lemma else None
            out.append((w.surface, gloss if gloss and gloss.isascii() and gloss.istitle() else None))
    return out


def proper_nouns(text: str) -> list[str]:
    """Japanese proper nouns (UniDic 固有名詞: places, organisations, people)."""
    out = []
    for w in _TAGGER.get()(normalize_text(text)):
        if w.feature.pos2 == "固有名詞":
            out.append(w.surface)
    return out


# What may stand between two tokens of one name: "ISO/IEC 27002", "EU-SEC".
_NAME_GLUE = re.compile(r"^[\s/\-.]*$")


def content_words(text: str) -> list[str]:
    """The question's content words as a reader would write them, for a
    short, readable search query: runs of adjacent tokens keep their original
    surface ("事業者", "ISO/IEC 27002"), a conjugated verb at the end of a run
    becomes its dictionary form ("取っ" -> "取る"), and English words keep
    their spaces because each is its own word."""
    toks = tokenize(text)
    words: list[str] = []
    run: list[Token] = []

    def flush() -> None:
        if not run:
            return
        head = text[run[0].start : run[-1].start]
        last = run[-1]
        # "取っ", "使わ": a verb stem cut before its ending reads as its lemma
        tail = last.text if last.surface[-1:] and "\u3041" <= last.surface[-1] <= "\u3096" else last.surface
        words.append((head + tail).strip())
        run.clear()

    for t in toks:
        if run:
            gap = text[run[-1].end : t.start]
            glued = gap == "" or (_NAME_GLUE.match(gap) and run[-1].surface.isascii() and t.surface.isascii()
                                  and not (gap.strip() == "" and gap and t.surface.isalpha() and t.surface.islower()))
            if not glued:
                flush()
        if run and run[-1].start == t.start:
            continue  # variants of one identifier ("soc2+" / "soc2") cover the same text
        run.append(t)
    flush()
    return list(dict.fromkeys(w for w in words if w))


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_YEAR = re.compile(r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年")


def western_years(text: str) -> str:
    """Era years as Western ones (平成30年 -> 2018年), so that "2018年7月" finds
    「（平成30年7月）」; everything else unchanged."""
    return _ERA_YEAR.sub(lambda m: f"{_ERAS[m.group(1)] + (1 if m.group(2) == '元' else int(m.group(2)))}年", text)


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTHS = tuple(m[:3] for m in MONTH_NAMES)  # "Jan.", "Sep 2018"
_EN_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+((?:19|20)\d\d)\b", re.I)
_CALENDAR_WORD = re.compile(
    r"^(?:" + "|".join(MONTH_NAMES + _MONTHS) + r"|sept)\.?$|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.I
)


def is_calendar_word(word: str) -> bool:
    """A month or a weekday ("July", "Sept.", "Monday"): part of a date, not a name."""
    return bool(_CALENDAR_WORD.match(word))


_PLAIN_WORD = re.compile(r"(?<![A-Za-z\-])[a-z][a-z]+(?![A-Za-z\-])")


def plain_english_words(text: str) -> set[str]:
    """The English words a question writes in lower case: plain words ("cloud
    security"), not names ("G-Cloud", "Cloud Security Alliance", "ISMS")."""
    return set(_PLAIN_WORD.findall(text))


def japanese_dates(text: str) -> list[str]:
    """English month-and-year dates as a Japanese report writes them: "July 2018" -> 2018年7月."""
    return [f"{m.group(2)}年{_MONTHS.index(m.group(1).lower()[:3]) + 1}月" for m in _EN_DATE.finditer(text)]


_FISCAL_YEAR = re.compile(r"fy\s*((?:19|20)\d\d)", re.I)


def fiscal_year(name: str) -> str | None:
    """A fiscal year as a Japanese report writes it: "FY2019" -> 2019年度."""
    m = _FISCAL_YEAR.fullmatch(name.strip())
    return f"{m.group(1)}年度" if m else None


def morphemes(text: str) -> list:
    """The text's MeCab words (surface and UniDic features), from the one shared tagger."""
    return _TAGGER.parse(text)
