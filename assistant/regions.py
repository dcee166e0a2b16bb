"""Which region a country belongs to: general geography, not knowledge of any
report. A catalogue question asks for "欧州の制度" while a report names the
country of each scheme (ドイツ, 英国, EU); this table joins the two.

Keys and members are written in ``japanese.compact`` form (NFKC, lower case,
no spaces), so full-width and English spellings meet the same entry.
"""

from __future__ import annotations

import re

from .japanese import compact

# region -> (names a reader uses for the region, countries and unions in it)
_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "欧州": (
        ("欧州", "ヨーロッパ", "europe", "european", "eu圏", "europa"),
        (
            "eu", "欧州連合", "ドイツ", "germany", "英国", "イギリス", "uk", "unitedkingdom", "britain",
            "フランス", "france", "ルクセンブルク", "luxembourg", "オランダ", "netherlands", "イタリア",
            "italy", "スペイン", "spain", "ベルギー", "belgium", "スイス", "switzerland", "スウェーデン",
            "sweden", "アイルランド", "ireland", "デンマーク", "denmark", "ノルウェー", "norway",
            "フィンランド", "finland", "オーストリア", "austria", "ポーランド", "poland", "ポルトガル",
            "portugal", "エストニア", "estonia", "チェコ", "czech", "ギリシャ", "greece", "duits",
        ),
    ),
    "アジア太平洋": (
        ("アジア太平洋", "アジア", "アジアパシフィック", "apac", "asia", "asiapacific", "asia-pacific",
         "オセアニア", "oceania"),
        (
            "日本", "japan", "シンガポール", "singapore", "オーストラリア", "australia", "中国", "china",
            "韓国", "korea", "インド", "india", "香港", "hongkong", "台湾", "taiwan", "ニュージーランド",
            "newzealand", "マレーシア", "malaysia", "タイ", "thailand", "インドネシア", "indonesia",
            "フィリピン", "philippines", "ベトナム", "vietnam",
        ),
    ),
    "米州": (
        ("米州", "北米", "南米", "アメリカ大陸", "americas", "northamerica", "southamerica"),
        ("米国", "アメリカ", "アメリカ合衆国", "usa", "us", "unitedstates", "america", "カナダ", "canada",
         "メキシコ", "mexico", "ブラジル", "brazil"),
    ),
}

_COUNTRY_REGION = {m: r for r, (_, members) in _REGIONS.items() for m in members}
_REGION_ALIASES = {a: r for r, (aliases, _) in _REGIONS.items() for a in aliases}


def region_of(place: str) -> str | None:
    """The region a country or union belongs to (``ドイツ`` -> ``欧州``)."""
    return _COUNTRY_REGION.get(compact(place))


def region_named(text: str) -> str | None:
    """A region a question names (``ヨーロッパの制度`` -> ``欧州``), longest alias first."""
    c = compact(text)
    for alias in sorted(_REGION_ALIASES, key=len, reverse=True):
        if alias.isascii():
            # an English alias must be a whole word: "asia" is not in "caucasian"
            if re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", c):
                return _REGION_ALIASES[alias]
        elif alias in c:
            return _REGION_ALIASES[alias]
    return None


def country_named(text: str) -> str | None:
    """A country a question names, in compact form, when the table knows it."""
    c = compact(text)
    for name in sorted(_COUNTRY_REGION, key=len, reverse=True):
        if name.isascii():
            if len(name) >= 3 and re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", c):
                return name
        elif name in c:
            return name
    return None


# one country, several names
_SAME = (
    ("米国", "アメリカ", "アメリカ合衆国", "usa", "us", "unitedstates", "america"),
    ("英国", "イギリス", "uk", "unitedkingdom", "britain", "greatbritain"),
    ("ドイツ", "germany", "duits"),
    ("eu", "欧州連合", "europeanunion"),
    ("日本", "japan", "国内"),
    ("オーストラリア", "australia"),
    ("シンガポール", "singapore"),
    ("ルクセンブルク", "luxembourg"),
    ("フランス", "france"),
    ("中国", "china"),
    ("韓国", "korea", "southkorea"),
)
_CANONICAL = {name: group[0] for group in _SAME for name in group}


def same_country(a: str, b: str) -> bool:
    ca, cb = compact(a), compact(b)
    return _CANONICAL.get(ca, ca) == _CANONICAL.get(cb, cb)
