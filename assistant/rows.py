"""The rows of a catalogue entry a question asks about.

Each entry of a report like this one is a table of the same rows: its name (and
who runs it), whom it covers, an overview, its relation to ISMS, links. A
question may ask what a row holds ("運営してる団体は？" -> the name row), compare
a row across schemes, or point at a row outright ("in its row on the link to
ISMS", 「対象の欄で」), when only that row's sentences answer.
"""

from __future__ import annotations

import re

from .passages import NOTE_FIELD

# the scheme's own name asked for in full (not "spell them out", nor another body's name "written
# out" in a sentence): the name row answers, and it is one of the ways to ask for that row
_FULL_NAME = r"正式名称|正式な名称|フルネーム|\bfull\s+(?:names?|titles?)\b|\bnames?\s+(?:written|spelled|spelt)\s+out\b|\bnames?\s+in\s+full\b"

# what a question asks of a scheme -> the catalogue field that holds it
FIELD_CONCEPTS = (
    # what each name stands for: the row that writes it out ("The Federal Risk and Authorization …")
    ("name", re.compile(
        _FULL_NAME + r"|略さず|何の略|略称の意味|\bstands?\s+for\b|\bspell(?:ed|s)?\s+(?:\w+\s+){0,6}?out\b|\bin\s+full\b"
        r"|\bfull\s+forms?\b|\bexpan(?:d|ds|sions?)\b|\bwritten\s+out\b|\bwrites?\s+(?:\w+\s+){0,2}?out\b", re.I)),
    ("issuer", re.compile(
        r"運営|運用し|運用組織|運用主体|どこが|発行者|発行元|作成組織|作成した|所管|主体|issuer|operat|run\s+by|runs|publish|owner|"
        r"誰が(?:作|つく|策定|定め|出)|作ったの|作った(?:組織|団体|機関)|"
        r"who\s+(?:runs|issues|owns|manages|made|created|developed|wrote|publishes)|administ", re.I)),
    ("target", re.compile(
        r"対象|適用範囲|誰向け|誰のため|誰が使|(?:どんな|どの|どういう)(?:事業者|組織|人|企業)(?:向け|が対象|を対象)|target|scope|who\s+(?:is|are)\s+(?:it|they)\s+for|for\s+whom|intended\s+for|"
        r"applies\s+to|covers?|aimed", re.I)),
    ("isms", re.compile(r"ISMS|27001|関連性|relation|relate", re.I)),
    ("summary", re.compile(r"概要|特徴|目的|overview|summary|purpose|what\s+(?:is|are)\s+they", re.I)),
)




def asks_full_name(question: str) -> bool:
    """「正式名称は？」, "What is the name written out in full?": the name row answers."""
    return bool(re.search(_FULL_NAME, question, re.I))


def field_concept(question: str) -> str | None:
    """The catalogue field a question asks about (issuer, target, isms, summary), if any."""
    return next((name for name, pat in FIELD_CONCEPTS if pat.search(question)), None)


def field_concepts(question: str) -> list[str]:
    """Every catalogue field a question asks about, in the order it asks
    ("運営してる団体と対象にしている組織はどう違う？" -> issuer, target)."""
    at = {name: m.start() for name, pat in FIELD_CONCEPTS if (m := pat.search(question))}
    return sorted(at, key=at.__getitem__)


# the part of a row's label that each concept is written under (名称(運用組織), 対象(適用範囲),
# 概要・特徴, ISMSとの関連性)
ROW_LABELS = {"name": "名称", "issuer": "名称", "target": "対象", "summary": "概要", "isms": "関連性", "note": NOTE_FIELD}

# every note, each in turn: 「注記をすべて」, 「それぞれの脚注」
EACH_NOTE_JA = r"(?:注記|脚注|注釈)(?:を|は)?(?:すべて|全て|全部|順に|順番に|それぞれ)|(?:それぞれ|すべて|全て|各)の(?:注記|脚注|注釈)"
# the notes under an entry's table, pointed at: "the note in the EU-SEC entry", 「27018の項の注記で」
# ("the three footnotes under the … table"; not "Note that …", nor what the report notes)
_NOTE_POINTED = re.compile(r"\b(?:the|its|a)\s+(?:(?:\d+|two|three|four|five|numbered|short)\s+)?(?:foot)?notes?\s+(?:in|of|to|under|on|below|after)\b|\b(?:entry|section)['’]s\s+(?:foot)?notes?\b|(?:注記|脚注)(?:で|に|では|には|によると|の中で)|" + EACH_NOTE_JA, re.I)

# a row pointed at: "in its row on the link to ISMS", "the row describing what it covers",
# "according to the operator row", 「「ISMSとの関連性」欄」, 「対象の欄で」
_ROW_POINTED = (
    re.compile(
        r"\b(?:row|cell|field)\s+(?:on|about|for|describing|covering|headed|labell?ed|titled|called|that\s+(?:describes|gives|covers|says))\s+"
        r"(?P<d>[^,.;:?]{2,60})",
        re.I,
    ),
    re.compile(r"(?P<d>\b[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:row|cell)\b", re.I),
    re.compile(r"「(?P<d>[^」]{1,20})」\s*(?:の)?(?:欄|行|セル)"),
    re.compile(r"(?P<d>[一-龯ァ-ヺー・A-Za-z]{1,12})\s*の?欄"),
)


def pointed_row(question: str) -> str | None:
    """The concept of the row a question points at by name ("in its row on the link to
    ISMS" -> isms; "the note in the X entry" -> note), if it points at one."""
    for pattern in _ROW_POINTED:
        for m in pattern.finditer(question):
            if concept := field_concept(m.group("d")):
                return concept
    return "note" if _NOTE_POINTED.search(question) else None
