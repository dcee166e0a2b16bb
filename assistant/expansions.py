"""What an acronym stands for, and whether the report writes it out.

"What does OGCIO stand for?" asks for an expansion. The report names "Hong
Kong OGCIO" without one, so the answer is "not stated"; it spells out others
where it uses them: "3PAO (Third-Party Assessment Organization)", "The Cloud
Security Alliance (CSA)", "合同承認委員会 (JAB : Joint Authorization Board)",
"(Controlled Unclassified Information : 以下 CUI という)". Read from the text,
so it holds for any report.
"""

from __future__ import annotations

import re
import unicodedata

from .bilingual import abbreviates
from .regions import country_named

# what a name in words is called: "the Japanese term / rendering / equivalent for …"
_IN_WORDS = r"(?:term|name|word|translation|rendering|equivalent|gloss)"
# an acronym as a question writes it: two capitals at least ("3PAO", "A2LA", "EU-SEC")
_ACRONYM = r"[A-Za-z0-9][A-Za-z0-9&\-]*"
_ASKS = re.compile(
    rf"(?P<a>{_ACRONYM})['’\"」』]?\s*(?:stands?|stood)\s+for\b"
    rf"|(?P<b>{_ACRONYM})['’\"」』]?\s*(?:は|って)\s*、?\s*(?:何|なに|なん)の略"
    # 「この「JST」は何という組織の略称？」
    rf"|(?P<g>{_ACRONYM})['’\"」』]?\s*(?:は|って)\s*、?\s*(?:何|なん|どこ)(?:という|の)?(?:組織|団体|機関|言葉|語|名称)?の?略(?:称|語)"
    rf"|\b(?:what\s+is|what's)\s+(?:the\s+)?['’\"]?(?P<c>{_ACRONYM})['’\"]?\s+short\s+for\b"
    # "What do the abbreviations ISO and IEC in its designation stand for?"
    rf"|\bwhat\s+(?:do|does|did)\s+(?:the\s+)?(?:abbreviations?|acronyms?|letters|initials)\s+['’\"]?(?P<h>{_ACRONYM})\b[^?]{{0,60}}?\s+(?:stands?|stood)\s+for\b"
    rf"|\b(?:abbreviation|acronym|initialism)\s+['’\"]?(?P<d>{_ACRONYM})['’\"]?\s+(?:(?:is|was)\s+)?(?:spelled|spelt|written)\s+out\b"
    # "What full form of the abbreviation IoT…", "Spell out in English the abbreviation 3PAO"
    rf"|\b(?:full\s+form|long\s+form|expansion|spell\s+out(?:\s+in\s+[A-Z][a-z]+)?)\s+(?:of\s+|for\s+)?(?:the\s+)?(?:abbreviation|acronym|initialism)\s+['’\"]?(?P<i>{_ACRONYM})\b"
    # its name in words: "what Japanese term is given for PHI", 「PHIに当てられている日本語」, 「CEの和訳」
    rf"|\b(?:japanese|english|full)\s+{_IN_WORDS}\s+(?:[a-z]+\s+){{0,4}}?for\s+(?:the\s+)?['’\"]?(?P<e>{_ACRONYM})\b(?!\s+[A-Z][a-z])"
    rf"|(?P<f>{_ACRONYM})['’\"」』]?\s*(?:に(?:当て|あて|充て)られ\S{{0,6}}日本語|の(?:日本語(?:名|訳|表記|での(?:名称|呼び方))|和訳|訳語)|は日本語で(?:何|なん))",
    re.I,
)
# what a bracket holds when it glosses a name: two words, or a Japanese phrase
_GLOSS = re.compile(r"[A-Za-z][A-Za-z\-]*[\s,&]+[A-Za-z]|[一-龯ァ-ヺぁ-ゖー]{3,}")

_DESIGNATION = re.compile(r"(?:/[A-Z]+)*\s*(?:[A-Z]{1,2}\s*)?\d")
# a gloss that ends where a bracket opens: 「適用対象主体 (」, "The Cloud Security Alliance ("
_GLOSS_BEFORE = re.compile(r"(?:[一-龯ァ-ヺぁ-ゖー・]{3,}|[A-Za-z][A-Za-z\-]*(?:[\s,&]+[A-Za-z][A-Za-z\-]*)+)\s*$")


# the Japanese for an English name of several words: "what Japanese rendering is given for
# Promoting Interoperability", 「Meaningful Use の日本語訳は？」
_ASKS_RENDERING = re.compile(
    # (a name may open with its acronym: "the NIS Directive", "the HITECH Act")
    r"\b[Jj]apanese\s+" + _IN_WORDS + r"\s+(?:[\w-]+\s+){0,6}?for\s+(?:the\s+)?['’\"]?(?P<e>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)+)\b"
    r"|(?P<j>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)+)['’\"」』]?\s*の(?:日本語(?:名|訳|表記)|和訳|訳語)"
    # "How does the report write the HITECH Act in Japanese?"
    r"|\b[Hh]ow\s+(?:does|do|is|are)\s+(?:the\s+(?:report|document)\s+)?(?:write|render|call|name|translate|put)s?\s+(?:the\s+)?"
    r"(?P<w>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)+)\s+(?:written\s+|rendered\s+|called\s+)?in\s+Japanese\b"
)


def asked_rendering(question: str) -> str | None:
    """The English name of several words whose Japanese rendering a question asks for
    ("Promoting Interoperability"), as written; else None."""
    m = _ASKS_RENDERING.search(unicodedata.normalize("NFKC", question))
    return next((g for g in m.groups() if g), None) if m else None


def renders(text: str, name: str) -> bool:
    """Does this text write the English name with Japanese beside it: the name, or the
    acronym it opens with, right before or after Japanese ("HITECH法", "NIS 指令：ネットワーク
    及び情報セキュリティ指令", 「…指令 (NIS Directive)」)?"""
    text = unicodedata.normalize("NFKC", text)
    head = name.split()[0]
    forms = [name] + ([head] if head.isupper() and len(head) >= 2 else [])
    for form in forms:
        for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(form) + r"(?![A-Za-z0-9])", text, re.I):
            if _JAPANESE_NEAR.match(text, m.end()) or _JAPANESE_BEFORE.search(text, 0, m.start()):
                return True
    return False


_JAPANESE_NEAR = re.compile(r"\s?[(（:：]?\s?[一-龯ァ-ヺぁ-ゖ]")
_JAPANESE_BEFORE = re.compile(r"[一-龯ァ-ヺぁ-ゖ]\s?[(（]?\s?$")


def asked_acronym(question: str) -> str | None:
    """The acronym a question asks to have spelled out ("What does ATO stand for?",
    「AAOは何の略？」), as written; None when it asks no such thing."""
    m = _ASKS.search(unicodedata.normalize("NFKC", question))
    if not m:
        return None
    name = next(g for g in m.groups() if g)
    # ("C5" is one too; "for" in "What is it short for" is not, but a quoted 「smpo」 is)
    capitals = sum(ch.isupper() for ch in name)
    start = m.start(next(k for k, g in m.groupdict().items() if g))
    quoted = start > 0 and m.string[start - 1] in "「『\"'“‘"
    return name if capitals >= 2 or (capitals and any(ch.isdigit() for ch in name)) or quoted else None


def _glosses(text: str) -> bool:
    """Does this text (a bracket's contents, or what precedes one) gloss a name,
    rather than place it ("（ドイツ）") or number it ("※1")?"""
    text = text.strip(" ※0123456789:：,、")
    if not _GLOSS.search(text):
        return False
    return not (country_named(text) and len(text) <= 8)


def _spelled_at(text: str, m: re.Match[str]) -> bool:
    """Does the text write out the acronym found at ``m``, beside it or around it?"""
    after = text[m.end():]
    # "A2LA (American Association of Laboratory Accreditors)", "CSA CCM (クラウドコントロールマトリクス)"
    # (after a word that closes the name: "HIPAA法（医療保険の…に関する法律）")
    if (g := re.match(r"[一-龯]{0,2}\s*[(（]([^()（）]{3,80})[)）]", after)) and _glosses(g.group(1)):
        return True
    # "JAB : Joint Authorization Board" (not "PMO : GSA (…)", another acronym)
    if re.match(r"\s*[:：]\s*(?:[A-Z][a-z]+[\s\-]+[A-Za-z]|[一-龯ァ-ヺ]{3,})", after):
        return True
    # inside a bracket: "The Cloud Security Alliance (CSA)", "(Controlled Unclassified
    # Information : 以下 CUI という)", "(JAB : Joint Authorization Board)"
    opened = max(text.rfind("(", 0, m.start()), text.rfind("（", 0, m.start()))
    closed = max(text.rfind(")", 0, m.start()), text.rfind("）", 0, m.start()))
    if opened <= closed or m.start() - opened > 80:
        return False
    if re.search(r"[,、]\s*$", text[opened + 1 : m.start()]):
        return False  # one of a list of names in the bracket: "(Fraunhofer Fokus, CSA, PwC Germany 含む 8 組織)"
    # what stands right before the bracket glosses what the bracket opens with ("適用対象主体(CE)"),
    # after other names of the same thing at most ("(FedRAMP PMO)", "(CSA STAR)"); words further
    # back do not ("…である、ISO/IEC 27017:2015 (JIS Q 27017:2016)", "…として ISMS (ISO/IEC 27001、…)")
    before = text[max(0, opened - 60): opened].split("\n")[-1]
    lead = bool(re.fullmatch(r"(?:[A-Za-z0-9][\w\-]*\s+){0,2}", text[opened + 1: m.start()]))
    gloss = _GLOSS_BEFORE.search(before) if lead else None
    if gloss and abbreviates(m.group(0), gloss.group(0)):
        return True  # its initials: "Multi-Tier Cloud Security Standard For Singapore (MTCS SS 584)"
    # "JIS Q 27017", "ISO/IEC 27001": a standard's designation, which the words around it title
    # or place (「(JIS X 9250:2017 情報技術-…)」, 「領域 (ISO/IEC 27001 に加えて…)」)
    if _DESIGNATION.match(after):
        return False
    end = re.search(r"[)）(（\[]", after)
    inside = text[opened + 1: m.start()] + " " + (after[: end.start()] if end else "")
    return _glosses(inside) or gloss is not None


def spells_out(text: str, acronym: str) -> bool | None:
    """Does this text write out what the acronym stands for? None when it never uses it."""
    text = unicodedata.normalize("NFKC", text)
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(acronym) + r"(?![A-Za-z0-9])", re.I)
    found = False
    for m in pattern.finditer(text):
        found = True
        if _spelled_at(text, m):
            return True
    return False if found else None


# the name whose short form is asked: 「日本情報経済社会推進協会の略称は？」, "the abbreviation of
# the Cloud Security Alliance" (a Japanese name is a run without kana particles)
_ASKS_SHORT = re.compile(
    r"(?P<j>[一-龯ァ-ヺー・A-Za-z0-9]{2,40}?)\s*の(?:英語の|英字の|英文の|アルファベットの)?(?:略称|略語|略記)(?:は|を|って|が)"
    r"|\b(?:abbreviation|acronym|short\s+form|initials)\s+(?:of|for)\s+(?:the\s+)?(?P<e>[A-Z][A-Za-z]*(?:[\s\-]+(?:of\s+|and\s+|for\s+)?[A-Z][A-Za-z]*)+)"
)
# a short form beside a name: "(JIPDEC)", 「（以下「ISMS-AC」という。）」, "(BSI) :"
_SHORT_AFTER = re.compile(r"\s*[(（]\s*(?:以下\s*[「『]?)?[A-Z][A-Za-z0-9\-&]{1,11}\s*(?:[)）:：,、」』]|という)")
_SHORT_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9\-&]{1,11}\s*[)）]?\s*[(（:：]\s*$")


def asked_short_form(question: str) -> str | None:
    """The name a question asks the abbreviation of (「…協議会の英語の略称は何ですか」,
    "What is the acronym of the Cloud Security Alliance?"), as written; else None."""
    m = _ASKS_SHORT.search(unicodedata.normalize("NFKC", question))
    return next((g for g in m.groups() if g), None) if m else None


def asks_name_form(question: str) -> bool:
    """Is what an acronym stands for, or what a name is abbreviated to, asked for?"""
    return bool(asked_acronym(question) or asked_short_form(question) or asked_rendering(question))


def gives_short_form(text: str, name: str) -> bool | None:
    """Does the text give a short form beside the name, in a bracket after it or
    before a bracket that holds it? None when it never writes the name."""
    text = unicodedata.normalize("NFKC", text)
    found = False
    for m in re.finditer(re.escape(unicodedata.normalize("NFKC", name)), text):
        found = True
        if _SHORT_AFTER.match(text, m.end()) or _SHORT_BEFORE.search(text[max(0, m.start() - 40): m.start()]):
            return True
    return False if found else None


class Expansions:
    """Which acronyms the report writes out, read once from its text."""

    def __init__(self, texts: list[str]):
        self.text = unicodedata.normalize("NFKC", "\n".join(texts))

    def spelled_out(self, acronym: str) -> bool | None:
        """Does the report write out what this acronym stands for? None when the
        report never uses it (then the name is unknown, not its expansion)."""
        return spells_out(self.text, acronym)

    def short_form_given(self, name: str) -> bool | None:
        """Does the report give this name's abbreviation anywhere it writes the name?"""
        return gives_short_form(self.text, name)
