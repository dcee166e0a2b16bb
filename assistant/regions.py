"""Which region a country belongs to: general geography, not knowledge of any
report. A catalogue question asks for "欧州の制度" while a report names the
country of each scheme (ドイツ, 英国, EU); this table joins the two.

Keys and members are written in ``japanese.compact`` form (NFKC, lower case,
no spaces), so full-width and English spellings meet the same entry.
"""

from __future__ import annotations

import functools
import re

from .japanese import compact, normalize_text

# region -> (names a reader uses for the region, countries and unions in it)
_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "欧州": (
        ("欧州", "ヨーロッパ", "europe", "european", "eu圏", "europa"),
        (
            "eu", "欧州連合", "ドイツ", "germany", "german", "英国", "イギリス", "uk", "united kingdom", "britain", "british",
            "フランス", "france", "ルクセンブルク", "luxembourg", "オランダ", "netherlands", "イタリア",
            "italy", "スペイン", "spain", "ベルギー", "belgium", "スイス", "switzerland", "スウェーデン",
            "sweden", "アイルランド", "ireland", "デンマーク", "denmark", "ノルウェー", "norway",
            "フィンランド", "finland", "オーストリア", "austria", "ポーランド", "poland", "ポルトガル",
            "portugal", "エストニア", "estonia", "チェコ", "czech", "ギリシャ", "greece", "duits",
        ),
    ),
    "アジア太平洋": (
        ("アジア太平洋", "アジア", "アジアパシフィック", "apac", "asia", "asia pacific",
         "オセアニア", "oceania"),
        (
            "日本", "japan", "japanese", "シンガポール", "singapore", "singaporean", "オーストラリア", "australia", "australian", "中国", "china",
            "韓国", "korea", "インド", "india", "香港", "hong kong", "台湾", "taiwan", "ニュージーランド",
            "new zealand", "マレーシア", "malaysia", "タイ", "thailand", "インドネシア", "indonesia",
            "フィリピン", "philippines", "ベトナム", "vietnam",
        ),
    ),
    "米州": (
        ("米州", "北米", "南米", "アメリカ大陸", "americas", "north america", "south america"),
        ("米国", "アメリカ", "アメリカ合衆国", "usa", "us", "united states", "america", "american", "カナダ", "canada",
         "メキシコ", "mexico", "ブラジル", "brazil"),
    ),
}

_COUNTRY_REGION = {m: r for r, (_, members) in _REGIONS.items() for m in members}
_REGION_ALIASES = {a: r for r, (aliases, _) in _REGIONS.items() for a in aliases}
_COUNTRY_COMPACT = {compact(m): r for m, r in _COUNTRY_REGION.items()}


def region_of(place: str) -> str | None:
    """The region a country or union belongs to (``ドイツ`` -> ``欧州``)."""
    return _COUNTRY_COMPACT.get(compact(place))


def _ascii_word_in(name: str, text: str) -> bool:
    """An English name as a whole word of the question ("asia" is not in "caucasian");
    a two-letter one (EU, US, UK) only as written, in capitals."""
    if len(name) <= 2:
        return bool(re.search(rf"(?<![A-Za-z]){re.escape(name.upper())}(?![A-Za-z])", text))
    words = _ascii_words(text)
    return f" {name} " in words or (" " not in name and f" {name}s " in words)


@functools.lru_cache(maxsize=256)
def _ascii_words(text: str) -> str:
    """The question's Latin words, space-padded (normalised once per question,
    not once per country name: that was half of a warm ask's Python time)."""
    return " " + re.sub(r"[^a-z0-9]+", " ", normalize_text(text).lower()) + " "


def region_named(text: str) -> str | None:
    """A region a question names (``ヨーロッパの制度`` -> ``欧州``), longest alias first."""
    found = regions_named(text)
    return found[0] if found else None


def regions_named(text: str) -> list[str]:
    """Every region a question names ("how many are European, how many from the
    Americas?"), in the order the question names them."""
    c = compact(text)
    at: dict[str, int] = {}
    for alias in sorted(_REGION_ALIASES, key=len, reverse=True):
        region = _REGION_ALIASES[alias]
        if (alias.isascii() and _ascii_word_in(alias, text)) or (not alias.isascii() and alias in c):
            pos = c.find(compact(alias))
            at[region] = min(at.get(region, len(c)), pos if pos >= 0 else len(c))
    return sorted(at, key=at.__getitem__)


# a language named as the language of a name or text ("a standard's Japanese title", "its English
# name"): no country asked about, nor a name of its own
LANGUAGE_OF = re.compile(
    r"\b(?:English|Japanese|Chinese|French|German|Spanish|Korean)\s+(?:names?|titles?|versions?|translations?|terms?|words?"
    r"|original|text|abbreviation|acronym|spellings?|equivalent|rendering|expression|wording|phrases?|labels?|forms?)\b"
)


# (a longer name first: "united kingdom" before "uk" inside it)
_COUNTRIES_LONGEST_FIRST = sorted(_COUNTRY_REGION, key=len, reverse=True)


def _country_at(name: str, text: str, c: str) -> int | None:
    """Where in the compact text ``c`` (of ``text``) a country's name stands, or None."""
    if name.isascii():
        return max(compact(text.lower()).find(compact(name)), 0) if _ascii_word_in(name, text) else None
    # (a country that opens a katakana name is part of it: 「日本マネジメントシステム認証機関協議会」)
    m = re.search(re.escape(name) + r"(?![ァ-ヺ])", c)
    return m.start() if m else None


def country_named(text: str) -> str | None:
    """A country a question names, in compact form, when the table knows it."""
    text = LANGUAGE_OF.sub(" ", text)
    c = compact(text)
    return next((name for name in _COUNTRIES_LONGEST_FIRST if _country_at(name, text, c) is not None), None)


def countries_named(text: str) -> list[str]:
    """Every country a question names, once each, in the order it names them
    ("from Australia, Singapore or Hong Kong" -> australia, singapore)."""
    text = LANGUAGE_OF.sub(" ", text)
    c = compact(text)
    at: dict[str, tuple[int, str]] = {}  # one country, however many ways it is written
    for name in _COUNTRIES_LONGEST_FIRST:
        if (pos := _country_at(name, text, c)) is not None:
            at.setdefault(_CANONICAL.get(compact(name), compact(name)), (pos, name))
    return [name for _, name in sorted(at.values())]


# one country, several names
_SAME = (
    ("米国", "アメリカ", "アメリカ合衆国", "usa", "us", "united states", "america", "american"),
    ("英国", "イギリス", "uk", "united kingdom", "britain", "greatbritain", "british"),
    ("ドイツ", "germany", "duits", "独国", "german"),
    ("eu", "欧州連合", "europeanunion"),
    ("日本", "japan", "国内", "japanese"),
    ("オーストラリア", "australia", "豪州", "australian"),
    ("シンガポール", "singapore", "星国", "singaporean"),
    ("ルクセンブルク", "luxembourg"),
    ("フランス", "france", "仏国", "french"),
    ("中国", "china", "chinese"),
    ("韓国", "korea", "southkorea", "korean"),
)
_CANONICAL = {compact(name): group[0] for group in _SAME for name in group}


def same_country(a: str, b: str) -> bool:
    ca, cb = compact(a), compact(b)
    return _CANONICAL.get(ca, ca) == _CANONICAL.get(cb, cb)


def spellings(place: str) -> tuple[str, ...]:
    """The other ways a reader writes a country, as written (英国 -> イギリス, UK,
    united kingdom…), except "us", which in an English question is a pronoun."""
    key = _CANONICAL.get(compact(place))
    group = next((g for g in _SAME if g[0] == key), ())
    return tuple(n for n in group if compact(n) != compact(place) and n != "us")


# a country's one-character form, written only in compounds: 米政府, 英政府, 独政府
_COMPOUND_FORM = {"米国": "米", "英国": "英", "ドイツ": "独", "オーストラリア": "豪", "フランス": "仏"}


def compound_spellings(place: str) -> tuple[str, ...]:
    """The ways a reader writes a country inside a compound such as (米国)政府: its other
    Japanese names and its one-character form (米政府, アメリカ政府), not its English names."""
    key = _CANONICAL.get(compact(place))
    short = (_COMPOUND_FORM[key],) if key in _COMPOUND_FORM else ()
    return tuple(n for n in spellings(place) if not n.isascii()) + short


def country_phrases(text: str) -> list[tuple[int, int]]:
    """Where a text writes a country in several English words ("the United States"):
    the words are one name, which the report may write another way (米国)."""
    names = sorted((n for g in _SAME for n in g if " " in n), key=len, reverse=True)
    return [m.span() for n in names for m in re.finditer(r"\b" + r"\s+".join(n.split()) + r"\b", text, re.I)]


def other_names(place: str) -> tuple[str, ...]:
    """The other names of a country (豪州 -> オーストラリア, australia), compact."""
    return tuple(compact(n) for n in spellings(place))
