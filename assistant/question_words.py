"""What a question's words ask, read with the Japanese tokenizer.

The noun a "how many" question counts (「何段階」, 「いくつのパート」, "how many
parts"), whether a Japanese question asks yes or no (「必須ですか？」, not
「監査基準は？」), and the noun compounds that say what it asks about. The
text's normalization and tokenization stay in ``japanese``; this module only
reads questions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .japanese import is_mostly_english, morphemes, tokenize

_COUNTED_NOUN = r"[一-龯ァ-ヺー]{2,16}"


# what an English question counts, in the counter words a Japanese report uses
MEMBER_NOUNS_EN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bparts?\b", ("パート", "部")),
    (r"\bsections?\b|\bchapters?\b", ("セクション", "節", "章", "部")),
    (r"\blevels?\b|\btiers?\b|\bstages?\b|\bsteps?\b|\bgrades?\b", ("レベル", "段階")),
    (r"\bareas?\b|\bdomains?\b|\bfields?\b", ("分野", "領域")),
    (r"\bfunctions?\b", ("機能",)),
    (r"\bfamil(?:y|ies)\b", ("ファミリ", "分野")),
    (r"\btypes?\b|\bkinds?\b", ("種類",)),
    (r"\bcategor", ("カテゴリ", "分類")),
    (r"\bpillars?\b", ("柱",)),
    (r"\bitems?\b|\brequirements?\b", ("項目", "要件", "要求事項")),
    (r"\bcontrols?\b|\bcontrol\s+objectives?\b", ("管理策", "コントロール", "項目")),
    (r"\bdocuments?\b", ("文書",)),
)


# counters a report uses for the same parts: いくつのグループ is answered by "4 つの…群"
COUNTER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "グループ": ("群",), "群": ("グループ",),
    "段階": ("レベル",), "レベル": ("段階",),
    "分野": ("領域",), "領域": ("分野",),
    "種類": ("タイプ",), "タイプ": ("種類",),
}


def japanese_counters(question: str) -> list[str]:
    """The Japanese counter words for what an English question names ("levels" -> レベル, 段階)."""
    return [ja for en, jas in MEMBER_NOUNS_EN if re.search(en, question, re.I) for ja in jas]


def counted_nouns(question: str) -> tuple[str, ...]:
    """What a "how many" question counts, as the report may write it: the
    Japanese noun it names (``counted_noun``), or for "how many parts" the
    Japanese counters of "parts" (パート, 部); empty when it does not say."""
    if noun := counted_noun(question):
        q = unicodedata.normalize("NFKC", question)
        # "何段階のレベル" counts レベル in 段階: "3つのレベル" answers it
        after = re.search("何" + re.escape(noun) + "の(" + _COUNTED_NOUN + ")", q)
        nouns = (noun, after.group(1)) if after else (noun,)
        # a compound counts its head, its last word: "セキュリティ要件数" counts 要件
        # ("この要件は 14 分野 109 項目")
        heads = tuple(h for n in nouns if len(toks := tokenize(n)) > 1 and len(h := toks[-1].surface) >= 2)
        return tuple(dict.fromkeys(x for n in nouns + heads for x in (n, *COUNTER_SYNONYMS.get(n, ()))))
    q = unicodedata.normalize("NFKC", question)
    m = re.search(r"\b(?:how\s+many|(?<!\ba\s)number\s+of)\s+((?:\w+\s+){0,2}?\w+)\b", q, re.I)
    if not m:
        return ()
    # (or the plural the phrase closes on: "how many maturity levels" counts levels)
    found = japanese_counters(m.group(1)) or ((p := COUNTED_EN.search(q)) and japanese_counters(p.group(1))) or []
    return tuple(found)


# "how many organisations", "number of member organisations": the first plural of the phrase
COUNTED_EN = re.compile(r"\b(?:how\s+many|(?<!\ba\s)number\s+of)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+s)\b", re.I)


def counted_word_en(question: str) -> str | None:
    """The plain word an English "how many" question counts, when no counter word
    stands for it: "How many subcategories sit under…" -> subcategories (the first
    plural of the phrase: "how many member organisations" counts organisations)."""
    m = COUNTED_EN.search(unicodedata.normalize("NFKC", question))
    if not m or japanese_counters(m.group(0).split()[2]) or m.group(1).lower().endswith(("ss", "us", "is")):
        return None
    return m.group(1)


def counted_noun(question: str) -> str | None:
    """What a Japanese "how many" question counts: 何種類 -> 種類, いくつのパート ->
    パート, コントロールがいくつ -> コントロール; None when it does not say."""
    q = unicodedata.normalize("NFKC", question)
    if m := re.search(r"何(種類|段階|分野|領域|項目|群|章|点|パート|レベル)", q):
        return m.group(1)
    if m := re.search(r"(?:いくつ|幾つ|何個|何つ)の(" + _COUNTED_NOUN + ")", q):
        return m.group(1)
    # (spoken: 「府省庁って、全部でいくつ」)
    if m := re.search("(" + _COUNTED_NOUN + r")(?:が|は|を|って|の数は?)[、,]?\s*(?:全部で|合計で|全体で)?\s*(?:いくつ|幾つ|何個)", q):
        return m.group(1)
    # "要件数", "管理策の総数": the noun before 数 (not 件数, 人数: those count in the world)
    # (in an English question a Japanese compound is a word of the report's it mentions, "a
    # compound such as 管理策数", not a count it asks for)
    if not is_mostly_english(q) and (m := re.search("(" + _COUNTED_NOUN + r")(?:の)?総?数(?![値字])", q)):
        toks = tokenize(m.group(1))
        if toks and toks[-1].surface not in ("件", "人", "社", "名", "回", "日", "点", "年", "者", "機関", "企業", "事業者", "団体", "組織"):
            return m.group(1)
    return None


# ---------------------------------------------------------------- yes/no questions

# Japanese question words, one definition (shape reads them in whole questions too)
WH_JA = r"どれ|どの|何|なに|なん|いつ|どこ|誰|だれ|どう|どんな|いくつ|いくら|どちら|どっち|どのくらい|どれくらい|なぜ"
_WH_JA = re.compile(f"^(?:{WH_JA})")
_FINAL_PARTICLES = ("か", "の", "ね", "よ", "な", "ん", "っけ")
_IMPERATIVE = ("ください", "下さい", "くれ", "ちょうだい")
_WH_LEMMAS = ("幾", "何", "誰", "何処", "何時", "如何", "何故")  # いくつ is 幾 + つ
_ASKING_A_FAVOUR = ("呉れる", "貰う", "頂く", "戴く")
# what a reader is asked to do with the report: tell, list, explain, compare
_TELLING = frozenset(
    "教える 上げる 挙げる 纏める 書き出す 示す 答える 比べる 並べる 列挙 説明 一覧 整理 比較 要約 紹介 解説 リスト 表 箇条 箇条書き 書く 抜き出す 拾う 探す 調べる 出す".split()
)


@lru_cache(maxsize=1024)
def is_polar_question(text: str) -> bool:
    """Does a Japanese question ask yes or no? It has no question word of its own
    and ends on a predicate (「必須ですか？」, 「選べるの？」, 「書いてある？」), not on
    a topic (「監査基準は？」), a request (「教えてください」) or a wish (「知りたいです」)."""
    q = unicodedata.normalize("NFKC", text).strip()
    if not any("\u3041" <= c <= "\u3096" for c in q):
        return False  # no hiragana: not Japanese prose
    body = q.rstrip("?？。!！ 　")
    words = [w for w in morphemes(body) if w.surface.strip()]
    if not (q.endswith(("?", "？")) or (words and words[-1].surface == "か")):
        return False
    # (sentence-final particles only: the copula な of 「ものなの？」 is the predicate)
    while words and words[-1].surface in _FINAL_PARTICLES and words[-1].feature.pos1 == "助詞":
        words.pop()
    for i, w in enumerate(words):
        # 「何か…ありますか」, 「どうすべきかまで書いてある？」: a question word inside an
        # embedded question (closed by the particle か, more words after it) asks nothing itself
        wh = _WH_JA.match(w.surface) or w.feature.lemma in _WH_LEMMAS
        # (「誰でも」「いつでも」「何も」: anyone, any time, nothing — no question word)
        after = [x.surface for x in words[i + 1 : i + 3] if x.feature.pos1 == "助詞"]
        if wh and (after[:1] in (["も"], ["でも"]) or after[:2] == ["で", "も"]):
            continue
        if wh and not any(x.surface == "か" and x.feature.pos1 == "助詞" for x in words[i + 1 :]):
            return False
    if not words or words[-1].surface in _IMPERATIVE or (words[-1].feature.pos1 or "") == "助詞":
        return False
    verbs = [k for k, w in enumerate(words) if w.feature.pos1 == "動詞"]
    if verbs and words[verbs[-1]].feature.lemma in _ASKING_A_FAVOUR and words[verbs[-1] - 1].surface in ("て", "で"):
        # 「挙げてくれる？」, 「説明してもらえますか」 ask the reader to tell; 「省略してもらえる？」,
        # 「チェックしてくれるの？」 ask whether someone else does it
        done = [w.feature.lemma or w.surface for w in words[max(0, verbs[-1] - 5) : verbs[-1] - 1]]
        if any(d.split("-")[0] in _TELLING for d in done[-4:]):
            return False
    if any(w.feature.lemma == "たい" for w in words[-3:]):
        return False  # 「知りたいです」 asks for something, not whether
    last = words[-1].feature
    return last.pos1 in ("動詞", "助動詞", "形容詞", "形状詞") or (last.pos1 == "名詞" and last.pos3 == "形状詞可能")


def aspect_nouns(text: str) -> list[tuple[str, int, int]]:
    """The question's noun compounds (surface, start, end in the NFKC text) that
    say what it asks about: 「データの暗号化まで義務づけられてる？」 -> データ, 暗号化, 義務.
    Numbers, pronouns and nouns of time or manner (とき, 場合, 最初, ほか) are left out."""
    q = unicodedata.normalize("NFKC", text)
    out: list[tuple[str, int, int]] = []
    run: list[tuple[str, int]] = []
    pos = 0

    def flush() -> None:
        if run:
            start = run[0][1]
            end = run[-1][1] + len(run[-1][0])
            out.append((q[start:end], start, end))
            run.clear()

    for w in morphemes(q):
        at = q.find(w.surface, pos)
        if at < 0:
            continue
        pos = at + len(w.surface)
        f = w.feature
        noun = (f.pos1 == "名詞" and f.pos2 not in ("数詞", "代名詞") and f.pos3 != "副詞可能") or f.pos1 in ("接頭辞", "接尾辞")
        if noun and not (run and at != run[-1][1] + len(run[-1][0])):
            run.append((w.surface, at))
        else:
            flush()
            if noun:
                run.append((w.surface, at))
    flush()
    # (a suffix or prefix alone is no noun: 「化」, 「再」)
    return [(s, a, b) for s, a, b in out if len(s) >= 2 and not s.isascii()]


# where one sentence ends and the next begins: after 。 or ！, or after ". " before a capital
# ("…in 1985. In which month…"), not after an abbreviation ("i.e. AICPA", "No. 104")
_SENTENCE_END = re.compile(r"(?<=[。！])\s*|(?<=[.!])\s+(?=[A-Z「『\"“(])")
_ABBREVIATED = re.compile(r"(?:\b(?:i\.e|e\.g|etc|vs|cf|no|nos|rev|fig|art|sec|vol|mr|ms|dr|st|inc|ltd|co)|\b[A-Z])\.$", re.I)
_ENDS_ASKING = re.compile(r"[?？]\s*$")
_ASKS_TOO = re.compile(
    r"[?？]|か。?$|ください|下さい|なさい|(?:て|で)(?:ね|ほしい|欲しい)?。?$|たい。?$"
    r"|^(?:please\s+)?(?:list|name|give|enumerate|catalog(?:ue)?|compare|go\s+through|tell|show|find|say|describe|explain|set|leave|put|count|quote|define)\b",
    re.I,
)


def question_after_statement(text: str) -> str | None:
    """The question of a turn that first states something and then asks ("FISC's standards
    first appeared in 1985. In which month …?"): its last sentence, when only that one asks
    (ends in a question mark) and every sentence before it states; else None."""
    t = text.strip()
    if not _ENDS_ASKING.search(t):
        return None
    cuts = [0]
    for m in _SENTENCE_END.finditer(t):
        if m.end() < len(t) and not _ABBREVIATED.search(t[cuts[-1]:m.start()]):
            cuts.append(m.end())
    if len(cuts) < 2:
        return None
    sentences = [t[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(t)])]
    # (a statement asks nothing: 「…は何ですか。…は？」 asks twice, 「…を全部挙げて。」 and
    # "List the … ." ask too)
    if any(_ASKS_TOO.search(s) for s in sentences[:-1]):
        return None
    return sentences[-1]
