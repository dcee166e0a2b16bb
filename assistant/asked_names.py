"""The names a question uses, and whether the report knows them.

A question about something the report never mentions (GDPR, ISMAP, 「個人情報保護委員会」)
is answered 「この報告書には記載がありません。」 however close its other words; ``abstain``
reads its names here. A name is an acronym or identifier (ISMAP, 27701, 800-207), a
capitalised word that does not just open an English sentence (Azure), a law or an
agency (CLOUD Act, 個人情報保護法, デジタル庁) or a Japanese proper noun
(``question_names``); an edition ("Rev.5", 「第10版」, ``editions_named``) or a quoted
title (『…ガイドライン』, ``quoted``) names something too. The report may know a name
it does not spell as asked: a country by another name (豪州 / オーストラリア,
``other_spelling``), an English name by its Japanese words (Microsoft -> マイクロソフト,
Fifth Science and Technology Basic Plan -> 第5期科学技術基本計画, ``translated_names``),
a quoted title with a word dropped or added (``unknown_quotes``).
"""

from __future__ import annotations

import re
import unicodedata

from .bilingual import name_spellings
from .japanese import (
    compact,
    fiscal_year,
    is_calendar_word,
    is_katakana,
    is_mostly_english,
    opens_sentence,
    proper_nouns,
)
from .regions import LANGUAGE_OF, country_phrases, other_names

# ---------------------------------------------------------------- names

_DOC_PART = re.compile(r"^(?:figure|fig|table|chapter|section|appendix|annex|part|page|introduction|conclusion)s?\.?$", re.I)
_VERSION = re.compile(r"^(?:rev|revision|ver|version|v|ed|edition)\.?\d+(?:\.\d+)*$", re.I)


_LOWER_TAIL = re.compile(r"(?<=[A-Za-z0-9])(?:-[a-z]{2,})+$")
# "non-ISO", "pre-FedRAMP": an English prefix on a name; the name is the part after it
_LOWER_HEAD = re.compile(r"^[a-z]{2,5}-(?=[A-Z0-9])")
_NUMBER_ID = re.compile(r"\d{3,}(?:-\d+)+|\d+(?:\.\d+){2,}")
_DATE_ID = re.compile(r"(?:19|20)\d\d-\d{1,2}(?:-\d{1,2})?")
_ACT_EN = re.compile(r"\b(?:[A-Z][A-Za-z0-9-]*\s+){1,4}(?:Act|Law)\b")
# (three characters or more before 法: 国内法, 準拠法 are kinds of law, not a law's name)
# …or a body by its name: 「個人情報保護委員会」 (the report names its own: 合同承認委員会)
# (a body by its name too: 日本銀行, 日本データセンター協会, 日本シーサート協議会)
_LAW_JA = re.compile(r"[一-龯ァ-ヺー]{3,14}法(?![一-龯ァ-ヺー])|[一-龯ァ-ヺー]{2,14}(?:庁|委員会|銀行|協会|協議会|機構)(?![一-龯ァ-ヺー])")
# words that end like a law or an agency and are neither: 方法, 手法, 省庁, 官公庁
_GENERIC_LAW_JA = re.compile(r"(?:方|手|用|文|技|製|寸|工|論|作|療|司|立|算|話|解)法$|(?:省|公)庁$")
# a language named as the language of a name or text ("its English name", "the Japanese title"),
# not as a place ("a Korean scheme")
_IN_A_LANGUAGE = re.compile(
    LANGUAGE_OF.pattern +
    # "in English", "the English for it"
    r"|(?:English|Japanese)(?=\s*(?:[?.!,]|$|too\b|as\s+well\b|for\b|or\b|and\b))"
    # "in English or in Japanese"
    r"|(?<=\bin\s)(?:English|Japanese|Chinese|French|German|Spanish|Korean)\b(?!\s+(?:schemes?|standards?|law|companies|providers))"
)


def question_names(question: str) -> list[str]:
    """Names a question is about, in compact form: Latin acronyms and
    identifiers (GDPR, ISMAP, 27701), capitalised words that are not just the
    first word of an English sentence (Azure), and Japanese proper nouns."""
    text = unicodedata.normalize("NFKC", question)
    out: list[str] = []
    words = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9.\-+&]*[A-Za-z0-9+]|[A-Za-z]", text))
    english = is_mostly_english(question)
    countries = country_phrases(text)
    out.extend(text[a:b] for a, b in countries)
    for k, m in enumerate(words):
        if any(a <= m.start() < b for a, b in countries):
            continue  # a word of "United States": the country is the name
        # "StarAudit-certified", "ISMS-based": the name is the part before an English word
        w = _LOWER_TAIL.sub("", m.group(0)) or m.group(0)
        w = _LOWER_HEAD.sub("", w)
        if _VERSION.match(w):
            continue  # "Rev.4", "v2": which edition of a name, not a name of its own
        if _DOC_PART.match(w):
            continue  # "Figure 1-1", "Chapter 2": a place in the report, not a name
        if is_calendar_word(w):
            continue  # "July 2018": a date, which the report writes in Japanese (2018年7月)
        if _IN_A_LANGUAGE.match(text, m.start()):
            continue  # "the English name of the board": a language, not a name
        upper = sum(ch.isupper() for ch in w)
        digits = sum(ch.isdigit() for ch in w)
        if upper >= 2 or (digits and len(w) >= 3 and not w.isdigit() and upper) or (w.isdigit() and len(w) >= 4):
            out.append(w)
        elif w[:1].isupper() and len(w) >= 3 and not (english and (k == 0 or opens_sentence(text, m.start()))):
            out.append(w)
        elif _NUMBER_ID.fullmatch(w) and not _DATE_ID.fullmatch(w):
            out.append(w)  # "800-207", "4.1.3": a document's or an item's number
    # a law by its name: "CLOUD Act", 「個人情報保護法」, an agency: 「デジタル庁」
    out.extend(m.group(0) for m in _ACT_EN.finditer(text))
    out.extend(m.group(0) for m in _LAW_JA.finditer(text) if not _GENERIC_LAW_JA.search(m.group(0)))
    out.extend(proper_nouns(question))
    return [compact(n) for n in dict.fromkeys(out)]


# a law's English name, compact: "hitechact" -> hitech (the report writes HITECH法)
_ACT_COMPACT = re.compile(r"(.{2,}?)(?:act|law)")


def other_spelling(name: str, corpus: str) -> bool:
    """The report names this country another way (豪州 / オーストラリア, US / 米国), or
    this law by its Japanese suffix ("HITECH Act" / HITECH法), or this fiscal year
    by its Japanese one ("FY2019" / 2019年度)."""
    law = _ACT_COMPACT.fullmatch(name)
    year = fiscal_year(name)
    return any(o in corpus for o in other_names(name)) or bool(law and law.group(1) + "法" in corpus) or bool(year and year in corpus)

# "the ISO/IEC 27000 family", 「27000 シリーズ」: a number named as a whole family
_FAMILY = re.compile(r"(?<!\d)(\d{4,})\s*(?:family|series|シリーズ|ファミリー)", re.I)


def family_members_known(name: str, question: str, corpus: str) -> bool:
    """A number the question names as a family ("the 27000 family") that the report
    never prints but whose members it does (27001, 27002): the family is known."""
    text = unicodedata.normalize("NFKC", question)
    if not any(m.group(1) == name for m in _FAMILY.finditer(text)):
        return False
    stem = name[:-1]  # 27000 -> 2700: its members differ in the last digits
    return bool(re.search(r"(?<!\d)" + re.escape(stem) + r"\d", corpus))


# ---------------------------------------------------------------- editions and quoted titles

_ORDINAL_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+(?:edition|version|revision)\b", re.I)
_REVISION = re.compile(r"\b(?:rev(?:ision)?\.?|version|ver\.?)\s*(\d+)(?![\d.])", re.I)
_HAN_EDITION = re.compile(r"第\s*(\d+)\s*版")


def editions_named(question: str) -> list[tuple[str, ...]]:
    """The editions a question names, each as the compact spellings a report may
    use for it: "Rev.5" -> (rev.5, rev5, revision5), "10th edition" -> (第10版, …)."""
    text = unicodedata.normalize("NFKC", question)
    out: list[tuple[str, ...]] = []
    for m in _REVISION.finditer(text):
        n = m.group(1)
        out.append((f"rev.{n}", f"rev{n}", f"revision{n}", f"version{n}", f"ver.{n}"))
    for m in list(_HAN_EDITION.finditer(text)) + list(_ORDINAL_EDITION.finditer(text)):
        n = m.group(1)
        out.append((f"第{n}版", f"{n}版", f"{n}thedition", f"{n}stedition", f"{n}ndedition", f"{n}rdedition"))
    return out


_QUOTED = re.compile(r"[「『]([^」』]{4,60})[」』]")
# A quoted title is the report's when this share of it stands in the report in one piece: a
# reader's quote may drop or add a word (制度) but not replace the name.
_QUOTED_KNOWN = 2 / 3


def quoted(question: str) -> list[str]:
    """The titles and terms a question quotes (「…」, 『…』), in compact form."""
    return [c for m in _QUOTED.finditer(question) if len(c := compact(m.group(1))) >= 4]


# a quoted predicate (「名前を変えた」「統合された」「切り替わる」) quotes wording, not a title
_PREDICATE = re.compile(r"[ぁ-ゖ](?:た|だ|る|ない|ます|です|ている|ていた)$")
# …and so does a quote in kana alone (「です・ます」調, 「である」調): a style, not a title
_KANA_ONLY = re.compile(r"[ぁ-ゖー・、\s]+")


def unknown_quotes(question: str, corpus: str) -> tuple[str, ...]:
    """The titles the question quotes that the (compact) report never prints, nor
    most of each in one piece, nor as its own term and gloss in another order."""
    return tuple(
        t for t in quoted(question)
        if _mostly_unknown(t, corpus)
        and not _parts_known(t, corpus) and not _pattern_known(t, corpus)
        and not _PREDICATE.search(t) and not _KANA_ONLY.fullmatch(t)
    )


# a word of a title: a run of kanji or katakana (白書, ハンドブック)
_TITLE_WORD = re.compile(r"[一-龯々]{2,}|[ァ-ヺー]{3,}")


def _mostly_unknown(text: str, corpus: str) -> bool:
    """Is a quoted title not the report's: most of it never printed in one piece, or what
    is left beside its longest known piece a word the report never prints? 「情報セキュリティ
    白書」 is another document than the report's 情報セキュリティ…, though most of it is
    known; a dropped or added 制度 is not."""
    k = _longest_part(text, corpus)
    if k < _QUOTED_KNOWN * len(text):
        return True
    piece = next(text[i : i + k] for i in range(len(text) - k + 1) if text[i : i + k] in corpus)
    return any(w not in corpus for w in _TITLE_WORD.findall(text.replace(piece, " ", 1)))


def _longest_part(text: str, corpus: str) -> int:
    """The length of the longest piece of ``text`` that occurs in ``corpus``."""
    for k in range(len(text), 0, -1):
        if any(text[i : i + k] in corpus for i in range(len(text) - k + 1)):
            return k
    return 0


# 「特に〜について紹介」 quotes a pattern of wording, not a title: 〜, … or a placeholder
# (「〇〇とは」, "XX") stands for any words
WILDCARD = re.compile(r"[〜～~…]+|\.{3,}|[〇○◯]{2,}|(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])")


def pattern_pieces(text: str) -> list[str]:
    """The fixed pieces of a quoted pattern, without the punctuation beside its wildcards,
    which is the pattern's and not the text's (「当初は〜、その後〜」 where the report writes
    「当初は…。その後…」)."""
    return [q for p in WILDCARD.split(text) if (q := p.strip("、。，．,.・ "))]


def _pattern_known(text: str, corpus: str) -> bool:
    """A quoted pattern whose fixed pieces the report all prints."""
    pieces = pattern_pieces(text)
    return WILDCARD.search(text) is not None and bool(pieces) and all(p in corpus for p in pieces)


def _parts_known(text: str, corpus: str) -> bool:
    """A quoted term and its gloss in brackets, both the report's, in another order:
    「CE（適用対象主体）」 where the report writes 適用対象主体（CE）."""
    parts = [p for p in re.split(r"[()]", text) if p]
    return len(parts) >= 2 and all(p in corpus for p in parts)


# ---------------------------------------------------------------- English names of Japanese things

# words that join the words of one English name: "Science and Technology", "Ministry of …"
_RUN_GAP = re.compile(r"\s+(?:(?:and|of|the|for|on|in)\s+)*|-")
# how far apart the Japanese words of one English name may stand, per word
_SPREAD = 8
# how near a lone word must stand to a translated name (閣議決定 … 第5期科学技術基本計画)
_NEAR = 40
_ORDINALS = {w: k for k, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"), 1)}


def translated_names(query: str, missing: tuple[str, ...], glossary, passages: list[str], corpus: str) -> set[str]:
    """The question's capitalised English words (compact, among ``missing``) that
    name what the report writes in Japanese. One word names it by its katakana
    rendering (Microsoft -> マイクロソフト); a run of words (Fifth Science and
    Technology Basic Plan) by words the report has for each, written close together
    in one passage (第5期科学技術基本計画), and a lone word next to it then too
    (Cabinet -> 閣議). Common words scattered over a passage name nothing (Cabinet
    Office, Transformation Strategy). ``glossary``: a bilingual.Glossary;
    ``passages``: the report's passages, and ``corpus`` its whole text, compact."""
    if glossary is None or not len(glossary):
        return set()
    text = unicodedata.normalize("NFKC", query)
    runs: list[list[str]] = []
    last = -1
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        w = m.group(0).lower()
        if w not in missing or m.start() == 0 or opens_sentence(text, m.start()):
            continue
        if runs and _RUN_GAP.fullmatch(text[last : m.start()]):
            runs[-1].append(w)
        else:
            runs.append([w])
        last = m.end()
    known: set[str] = set()
    spans: list[tuple[int, int, int]] = []  # (passage, start, end) of a translated run
    for run in (r for r in runs if len(r) > 1):
        options = [_japanese_options(w, glossary) for w in run]
        if not all(options):
            continue
        hit = next(((k, sp) for k, ptext in enumerate(passages) if (sp := _close_together(ptext, options))), None)
        if hit:
            known.update(run)
            spans.append((hit[0], *hit[1]))
    # ...or next to a Japanese name the question writes as the report does ("the 第5期科学技術基本計画
    # … decided by the Cabinet": 閣議決定 stands next to it)
    for jp in re.findall(r"[一-龯ァ-ヺー0-9]{4,}", compact(text)):
        spans += [(k, a, a + len(jp)) for k, ptext in enumerate(passages) if (a := ptext.find(jp)) >= 0]
    for (w,) in (r for r in runs if len(r) == 1):
        found = _japanese_options(w, glossary)
        # (a katakana rendering, Microsoft -> マイクロソフト, or a name's own spelling, Hitachi -> 日立)
        if any((is_katakana(x) or x in _names(w, glossary)) and x in corpus for x in found):
            known.add(w)
        elif any(0 <= passages[k].find(x, max(0, a - _NEAR)) < b + _NEAR for k, a, b in spans for x in found):
            known.add(w)
    return known


def _japanese_options(word: str, glossary) -> tuple[str, ...]:
    """The report's (or the dictionary's) Japanese words for an English word, compact."""
    if word in _ORDINALS:
        return (str(_ORDINALS[word]),)
    found = glossary.words_for(word) + tuple(written_forms(glossary.japanese_words(word))) + _names(word, glossary)
    return tuple(dict.fromkeys(compact(x) for x in found))


def _names(word: str, glossary) -> tuple[str, ...]:
    """The Japanese spellings of a proper name given in romaji (Mitsubishi -> 三菱)."""
    return name_spellings(glossary.dictionary, word.capitalize()) if glossary.dictionary else ()


def written_forms(words: tuple[str, ...]) -> list[str]:
    """Dictionary words as a text would write them: not a reading in hiragana (ぎむてき),
    and an adjective in 的 by its noun too (義務的 -> 義務)."""
    out = []
    for w in words:
        c = compact(w)
        if len(c) < 2 or re.fullmatch(r"[ぁ-ゖー]+", c):
            continue
        out.append(c)
        if c.endswith("的") and len(c) >= 3:
            out.append(c[:-1])
    return out


def _close_together(text: str, options: list[tuple[str, ...]]) -> tuple[int, int] | None:
    """The span of ``text`` in which one of each word's options stands, all within
    ``_SPREAD`` characters a word; None when there is no such span."""
    hits = [[(i, i + len(x)) for x in opts for i in _positions(text, x)] for opts in options]
    if not all(hits):
        return None
    width = _SPREAD * len(options)
    for a, _ in sorted(h for hs in hits for h in hs):
        inside = [[h for h in hs if a <= h[0] and h[1] <= a + width] for hs in hits]
        if all(inside):
            return a, max(max(e for _, e in hs) for hs in inside)
    return None


def _positions(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def unknown_english_names(query: str, corpus: str, entities, glossary, passages: list[str]) -> tuple[str, ...]:
    """English names of two or more capitalised words ("Hosting Certification
    Framework") that the report (``corpus``, compact) prints nowhere, neither as a
    whole nor in Japanese words of its own close together (``glossary``, ``passages``:
    as for ``translated_names``), and that name none of its ``entities``."""
    text = unicodedata.normalize("NFKC", query)
    runs: list[list[re.Match[str]]] = []
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        if runs and re.fullmatch(r"\s+(?:(?:and|of|the|for|on|in)\s+)*|-", text[runs[-1][-1].end() : m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        if run[0].start() == 0 or opens_sentence(text, run[0].start()):
            run = run[1:]
        # "Japanese and English", "the HITECH Act in Japanese": languages, not a name
        while run and _IN_A_LANGUAGE.match(text, run[-1].start()):
            run = run[:-1]
        if len(run) < 2 or all(_IN_A_LANGUAGE.match(text, m.start()) for m in run):
            continue
        words = tuple(m.group(0).lower() for m in run)
        # (with what a hyphen joins to its first word: "G-Cloud Digital Marketplace")
        start = run[0].start()
        while start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            start -= 2
            while start > 0 and text[start - 1].isalnum():
                start -= 1
        name = text[start : run[-1].end()]
        # (an English plural of the report's name: "Cloud Security Principles")
        if any(compact(n) in corpus for n in (name, re.sub(r"s$", "", name))) or (entities is not None and entities.find(name)):
            continue
        if set(words) <= translated_names(text, words, glossary, passages, corpus) | {w for w in words if len(w) <= 3}:
            continue
        out.append(compact(name))
    return tuple(out)


def documents_named(question: str) -> list[str]:
    """The documents a question names by title or number, compact: a quoted title
    (「…ガイドライン」), a number with letters (JIP-ISMS517, SS 584) or a run of capitalised
    words ("Information Security Manual")."""
    q = unicodedata.normalize("NFKC", question)
    found = re.findall(r"[「『]([^」』]{6,60})[」』]", q)
    found += re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z]*(?:[-/][A-Z]+)*[- ]?\d{2,}[A-Za-z0-9]*", q)
    found += re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,5}\b", q)
    return [k for k in dict.fromkeys(compact(f) for f in found) if len(k) >= 4]
