"""English words of a question in the report's own Japanese words.

An English question over a Japanese report finds little by its words: BM25
matches "cloud security certification" against the few English phrases the
report quotes ("Cloud Security Principle") instead of セキュリティ and 認証, and
every word-share measure (does the topic's section hold the question's words?
does the named section?) reads zero. A general Japanese–English dictionary,
JMdict (EDRDG, CC BY-SA 4.0, via the ``jamdict-data`` package), gives the
English glosses of each Japanese word the report uses; reversed, a plain English
word of a question becomes the report's own words for it (certification -> 認証,
incident -> インシデント, 事故). Names are left alone: only words the question
writes in lower case are plain words ("G-Cloud" and "Cloud Security Alliance"
keep their "Cloud").

The other way round, a Japanese question may write an English name in katakana
(「クラウドセキュリティアライアンス」 for the report's "Cloud Security Alliance"): a
katakana word the report never uses brings the English words of its glosses that
the report does use (アライアンス -> alliance).

The glossary is built from the report's vocabulary when the assistant loads
(a few thousand indexed SQLite lookups) and cached per vocabulary. Without
the dictionary package nothing is bridged and a warning is logged.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3

from .japanese import is_katakana, is_mostly_english, plain_english_words, tokenize

log = logging.getLogger(__name__)

# Per English word, at most this many of the report's words, best first. Chosen on
# the 181 English questions of dev and probes 1-10 (retrieval R@1 0.735 -> 0.790 with
# 3; 1, 2, 5 and 9 all within 0.02 of it).
MAX_WORDS_PER_GLOSS = 3
# Only a word's first senses and their first glosses: 機関's "trick" is far down.
_SENSES = 2
_GLOSSES = 4
_PARTIAL = 100  # rank offset of a gloss that only holds the word
# gloss words that say nothing of the concept ("to put a mark on", "something done")
_STOP = frozenset(
    "the and for with from into onto that this which who what whom whose its one oneself "
    "someone something thing things etc not being been are was were has have".split()
)


# the words of an English question that carry no meaning of their own to look up
_FUNCTION_EN = _STOP | frozenset(
    "does did are can could has have must may might will would should shall was were been being "
    "the any its this that these those there their they them for with from into onto about under over "
    "than then also only just own other others which what who whom when where how whether both each every "
    "some more most very not yes either per via such even still ever already really actually at all "
    "need needs needed required require requires allowed allow allows able".split()
)
# "Under the unified standards, …", "In JASA's audit, …": a phrase of place or scope before the question
SCOPE_FIRST_EN = r"(?:(?:under|for|in|within|according\s+to|regarding|as\s+for|with)\b[^,?]{2,80},\s*)?"
# an English question that asks yes or no: it opens on an auxiliary (after a phrase of scope,
# "Under the NIS Directive, may …") and asks no question word
_EN_POLAR = re.compile(
    r"^(?:(?:and|so|also|but|ok|okay),?\s+)?" + SCOPE_FIRST_EN +
    r"(?:is|are|does|do|did|can|could|has|have|must|may|will|would|should|was|were)\b",
    re.I,
)
_EN_WH = re.compile(r"\b(?:which|what|who|whom|whose|where|when|how|why)\b", re.I)


# a question word after a verb of saying opens what is said, not what is asked: "Does the
# guideline say how tenants are kept apart?" asks yes or no
_EN_REPORTED = re.compile(
    r"\b(?:say|explain|describe|specify|state|set\s+out|spell\s+out|mention|detail|define|indicate|address|cover)s?\s+"
    # (up to a comma: "…say which body approves, and when?" asks "when" of its own)
    r"(?:[a-z-]+\s+){0,2}?(?:how|what|which|who|whom|when|where|why)\b[^,;]*",
    re.I,
)


def is_polar_question_en(text: str) -> bool:
    """Does an English question ask yes or no ("Does FedRAMP require a penetration test?")?
    After a statement that sets the scene ("The CS mark audit uses JASA's criteria. Has JASA
    published them in English?") the question is its last sentence."""
    if not is_mostly_english(text):
        return False
    asked = _LAST_SENTENCE.split(text.strip())[-1]
    return bool(_EN_POLAR.match(asked)) and not _EN_WH.search(_EN_REPORTED.sub("", asked))


# the end of a sentence before another one ("… criteria. Has …"; not "U.S." nor "Rev. 4")
_LAST_SENTENCE = re.compile(r"(?<=[a-z0-9)'’”][.!?])\s+(?=[A-Z])")


def english_variants(word: str) -> tuple[str, ...]:
    """A word and the forms a dictionary may list it under: "assessing" -> assess,
    "broader" -> broad, "purely" -> pure, "agencies" -> agency."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ings", ""), ("ings", "e"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("ly", ""), ("ly", "e"), ("er", ""), ("er", "e"), ("est", ""), ("est", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(out))


def content_words_en(text: str) -> list[str]:
    """The lower-case English words of a question that carry its meaning (four letters or more)."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4 and w not in _FUNCTION_EN]


# "Is IRAP limited to cloud services, or is its remit broader?" asks the scope, which a
# scheme's scope row answers in its own words, whatever the question's other words
ASKS_SCOPE_EN = re.compile(r"\b(?:only|limited\s+to|restricted\s+to|confined\s+to|purely|solely|exclusively)\b", re.I)


def abbreviates(acronym: str, name: str) -> bool:
    """Is the acronym the initials of the name's capitalised words, in order, from its
    first word to its last (words between may be skipped): MIC for "Ministry of Internal
    Affairs and Communications", MHLW for "Ministry of Health, Labour and Welfare"."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()]
    a = acronym.upper()
    if len(words) < 2 or len(a) > len(words) or a[0] != words[0][0] or a[-1] != words[-1][0]:
        return False
    k = 1
    for w in words[1:-1]:
        if k < len(a) - 1 and w[0] == a[k]:
            k += 1
    return k == len(a) - 1


def english_key(word: str) -> str:
    """A plain English word without its plural ending: providers -> provider."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


class Glossary:
    """English key -> the report's Japanese words whose glosses use it, and each
    report word's first gloss."""

    def __init__(
        self,
        table: dict[str, tuple[str, ...]],
        first: dict[str, str] | None = None,
        vocabulary: frozenset[str] = frozenset(),
        dictionary: str | None = None,
        names: dict[str, tuple[str, ...]] | None = None,
    ):
        self.table = table
        self.first = first or {}
        self.vocabulary = vocabulary  # the report's search tokens
        self.dictionary = dictionary  # the JMdict database, for loanwords the report does not use
        # the report's words whose glosses are English proper names: 総務省 -> "Ministry of
        # Internal Affairs and Communications", 経済産業省 -> (…, "METI")
        self.names = names or {}

    def word_for_acronym(self, acronym: str) -> str | None:
        """The report's word for an English acronym it never writes: MIC -> 総務省, when
        exactly one word's English name it abbreviates (or its gloss is the acronym)."""
        if len(acronym) < 3 or not acronym.isalpha() or acronym.lower() in self.vocabulary:
            return None
        hits = [w for w, glosses in self.names.items() if any(g == acronym.upper() or abbreviates(acronym, g) for g in glosses)]
        return hits[0] if len(hits) == 1 else None

    def names_written_out(self, question: str) -> list[tuple[str, str]]:
        """The English proper names of the report's words that a question writes out, as
        written, with the word: "Ministry of Internal Affairs and Communications" -> 総務省
        (multi-word names only: "United Kingdom" is read as the place it is already)."""
        out = []
        for word, glosses in self.names.items():
            for g in glosses:
                if len(g.split()) >= 3 and (m := re.search(r"(?<![A-Za-z])" + re.escape(g) + r"(?![A-Za-z])", question, re.I)):
                    out.append((m.group(0), word))
                    break
        return out

    def english_name(self, name: str) -> str | None:
        """A Japanese name word by word in English, when every word has a gloss:
        ISMS クラウドセキュリティ認証 -> "isms cloud security certification" (how
        an English question may call a scheme the report names only in Japanese)."""
        tokens = [t.text for t in tokenize(name)]
        if all(t.isascii() for t in tokens) or len(tokens) < 2 or not all(t.isascii() or t in self.first for t in tokens):
            return None  # an English name already, one word, or a word without a gloss
        return " ".join(t if t.isascii() else self.first[t] for t in tokens)

    def __len__(self) -> int:
        return len(self.table)

    def words_for(self, word: str) -> tuple[str, ...]:
        """The report's words for one plain English word (organisations -> 組織)."""
        return self._entry(english_key(word))[:MAX_WORDS_PER_GLOSS]

    def _entry(self, key: str) -> tuple[str, ...]:
        # a participle by its noun, as glosses give it: unified -> unification (統一)
        # (measured: falling back on every inflection, assessed -> assess, moved top sections
        # both ways and lost two abstentions)
        if key not in self.table and key.endswith("ified") and len(key) > 6:
            key = key[:-5] + "ification"
        return self.table.get(key, ())

    def japanese_words(self, word: str) -> tuple[str, ...]:
        """Every Japanese word the dictionary glosses with this English word, whether
        the report uses it or not (the report's own are checked against its text)."""
        return japanese_for(self.dictionary, word.lower()) if self.dictionary else ()

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The report's words for a Japanese word it never uses, through the English of
        their glosses: 役所 -> government, office -> 政府, 省庁…; ベースライン -> the report's
        own "baseline"; 暗号化 -> none."""
        if not self.dictionary or not self.table:
            return ()
        english = _loan_glosses(self.dictionary, word)
        return tuple(dict.fromkeys([e for e in english if e in self.vocabulary] + [w for e in english for w in self.words_for(e)]))

    def bridge(self, question: str, tokens: list[str]) -> list[str]:
        """The search tokens with each plain English word of an English question
        replaced by the report's words for it; a Japanese question as it is."""
        if not self.table:
            return tokens
        if not is_mostly_english(question):
            return self._loanwords(tokens)
        plain = {english_key(w) for w in plain_english_words(question)}
        out: list[str] = []
        for t in tokens:
            key = english_key(t) if t.isascii() and t.isalpha() else None
            words = self._entry(key) if key in plain else None
            out.extend(words[:MAX_WORDS_PER_GLOSS] if words else (t,))
        return list(dict.fromkeys(out))

    def katakana_english(self, run: str) -> str | None:
        """A run of katakana words in English word by word, when every word has a
        one-word gloss: クラウドセキュリティアライアンス -> "Cloud Security Alliance"."""
        words = [t.text for t in tokenize(run)]
        if len(words) < 2 or not all(is_katakana(w) for w in words):
            return None
        out = []
        for w in words:
            # the report's own word's gloss first, else the dictionary's for a word it never uses
            gloss = self.first.get(w)
            if not gloss and self.dictionary:
                gloss = next(iter(_loan_glosses(self.dictionary, w)), None)
            if not gloss or " " in gloss:
                return None
            out.append(gloss.capitalize())
        return " ".join(out)

    def _loanwords(self, tokens: list[str]) -> list[str]:
        """A Japanese question's katakana loanword the report never uses, with its English
        original when the report uses that: 「クラウドセキュリティアライアンス」 is the report's
        "Cloud Security Alliance" (アライアンス -> alliance)."""
        if not self.dictionary or not self.vocabulary:
            return tokens
        out = list(tokens)
        for t in tokens:
            if len(t) >= 3 and is_katakana(t) and t not in self.vocabulary:
                out.extend(w for w in _loan_glosses(self.dictionary, t) if w in self.vocabulary)
        return list(dict.fromkeys(out))


@functools.lru_cache(maxsize=4096)
def japanese_for(path: str, word: str) -> tuple[str, ...]:
    """The dictionary's Japanese words that have the English word as a whole gloss
    ("mandatory" -> 必須, 強制的…; "to assess" counts for "assess"), any sense."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT DISTINCT Sense.idseq FROM SenseGloss JOIN Sense ON Sense.ID = SenseGloss.sid"
            " WHERE SenseGloss.text IN (?, ?) AND (SenseGloss.lang = 'eng' OR SenseGloss.lang IS NULL) LIMIT 50",
            (word, "to " + word),
        ).fetchall()
        out: list[str] = []
        for (idseq,) in rows:
            out += [r[0] for r in db.execute("SELECT text FROM Kanji WHERE idseq = ?", (idseq,))]
            out += [r[0] for r in db.execute("SELECT text FROM Kana WHERE idseq = ?", (idseq,))]
    finally:
        db.close()
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=2048)
def name_spellings(path: str, name: str) -> tuple[str, ...]:
    """How Japanese writes a proper name given in romaji, from the dictionary's names
    (JMnedict): "Hitachi" -> 日立 (and other places read so), "Mitsubishi" -> 三菱."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT DISTINCT NEKanji.text FROM NETransGloss JOIN NETranslation ON NETranslation.ID = NETransGloss.tid"
            " JOIN NEKanji ON NEKanji.idseq = NETranslation.idseq WHERE NETransGloss.text = ? LIMIT 20",
            (name,),
        ).fetchall()
    except sqlite3.Error:
        return ()  # a dictionary without the names
    finally:
        db.close()
    return tuple(r[0] for r in rows if len(r[0]) >= 2)


@functools.lru_cache(maxsize=2048)
def _loan_glosses(path: str, word: str) -> tuple[str, ...]:
    """The English words of a katakana word's first glosses (アライアンス -> alliance)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        glosses = [g for rank, g in _glosses(db, word) if rank < _GLOSSES]
    finally:
        db.close()
    words = (w for g in glosses for w in re.findall(r"[a-z][a-z\-]+", g.lower()) if len(w) >= 3 and w not in _STOP)
    return tuple(dict.fromkeys(words))[:MAX_WORDS_PER_GLOSS]


def _dictionary_path() -> str | None:
    try:
        import jamdict_data
    except ImportError:
        return None
    return jamdict_data.JAMDICT_DB_PATH


# a name the tokenizer splits into words (厚生/労働/省) is still one dictionary word: a run of
# kanji (or katakana) in the report's text
_COMPOUND = re.compile(r"[一-龯々]{3,}|[ァ-ヺー]{4,}")


def build_glossary(doc_freq: dict[str, int], texts: tuple[str, ...] = ()) -> Glossary:
    """The glossary of the report's words (its search tokens with their document
    frequencies: among the words a gloss fits equally well, the report's usual one
    comes first, セキュリティ before 担保 for "security"). ``texts``: the report's
    passages, whose compound words (厚生労働省) may have an English name of their own."""
    compounds = sorted({m.group(0) for t in texts for m in _COMPOUND.finditer(t)} - set(doc_freq))
    return _glossary(tuple(sorted(doc_freq.items())), tuple(compounds))


@functools.lru_cache(maxsize=4)
def _glossary(vocabulary: tuple[tuple[str, int], ...], compounds: tuple[str, ...] = ()) -> Glossary:
    path = _dictionary_path()
    if path is None:
        log.warning("jamdict-data is not installed: English questions are not bridged to the report's words")
        return Glossary({})
    df = dict(vocabulary)
    first: dict[str, str] = {}
    names: dict[str, tuple[str, ...]] = {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # English key -> {Japanese word: how early the key comes among its glosses}
        table: dict[str, dict[str, int]] = {}
        for word in df:
            if word.isascii() or len(word) < 2:
                continue
            glosses = _glosses(db, word)
            if proper := _proper_name(glosses):
                names[word] = proper
            for rank, gloss in glosses:
                words = re.findall(r"[a-z][a-z\-]+", re.sub(r"\([^)]*\)", "", gloss.lower()))
                if rank == 0 and 1 <= len(words) <= 2:
                    first[word] = " ".join(words)
                for w in words:
                    if len(w) >= 3 and w not in _STOP:
                        # a gloss that is the word itself ("audit") before one that holds it
                        # ("audit standard" of 監査基準)
                        r = rank + (0 if len(words) == 1 else _PARTIAL)
                        held = table.setdefault(english_key(w), {})
                        held[word] = min(r, held.get(word, r))
        # a compound's English proper name: 厚生労働省 -> "Ministry of Health, Labour and Welfare"
        for word in compounds:
            if plain := _proper_name(_glosses(db, word)):
                names[word] = plain
    finally:
        db.close()
    log.debug("glossary: %d English words for %d report words", len(table), len(df))
    ordered = {k: tuple(sorted(v, key=lambda x: (v[x], -df[x], x))) for k, v in table.items()}
    return Glossary(ordered, first, frozenset(df), path, names)


def _proper_name(glosses: list[tuple[int, str]]) -> tuple[str, ...]:
    """A word's English proper name and any acronym among its glosses ("Ministry of Economy,
    Trade and Industry", "METI"), when its first gloss is a name ("Ministry of …", not
    "(former) …"); none for a word that is first a common noun (ケース: "case")."""
    plain = [re.sub(r"\([^)]*\)", "", g).strip() for _, g in glosses]
    if plain and len(re.findall(r"\b[A-Z][a-z]+", plain[0])) >= 2 and glosses[0][1][:1].isupper():
        return tuple(g for g in plain if g == plain[0] or re.fullmatch(r"[A-Z]{3,6}", g))
    return ()


def _glosses(db: sqlite3.Connection, word: str) -> list[tuple[int, str]]:
    """(rank, gloss): the first gloss of the first sense ranks 0."""
    ids = [r[0] for r in db.execute("SELECT idseq FROM Kanji WHERE text = ?", (word,))]
    if not ids:
        ids = [r[0] for r in db.execute("SELECT idseq FROM Kana WHERE text = ?", (word,))]
    out: list[tuple[int, str]] = []
    for idseq in ids[:2]:
        senses = db.execute("SELECT ID FROM Sense WHERE idseq = ? ORDER BY ID LIMIT ?", (idseq, _SENSES)).fetchall()
        for i, (sid,) in enumerate(senses):
            rows = db.execute(
                "SELECT text FROM SenseGloss WHERE sid = ? AND (lang = 'eng' OR lang IS NULL) LIMIT ?", (sid, _GLOSSES)
            ).fetchall()
            out.extend((i * _GLOSSES + j, r[0]) for j, r in enumerate(rows))
    return out
