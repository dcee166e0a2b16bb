"""The words of a yes-or-no question that the report never uses nor means.

「データの暗号化まで義務づけられてる？」 about a scheme the report covers: a yes or no needs the
thing asked about, and a report that never writes 暗号化 (nor any word sharing its dictionary
gloss) does not say whether it is required. Names are set aside: they are checked elsewhere.
"""

from __future__ import annotations

import re

from .asked_names import written_forms
from .bilingual import ASKS_SCOPE_EN, Glossary, content_words_en, english_variants
from .japanese import compact, search_tokens
from .question_words import aspect_nouns


def unsaid_nouns(question: str, names: list[str], doc_freq: dict[str, int], corpus: str, glossary: Glossary | None) -> list[str]:
    """The question's nouns, names aside, that no word of the report means: not
    spelled (暗号化; not 再委託, whose 委託 is the report's) nor any word sharing a
    dictionary gloss (not 役所: government -> 政府; not ベースライン: "Baseline").
    (Measured on dev: a synonym anywhere in the report, not only in the scheme's
    section, keeps casual words such as 役所 and 病院 from abstaining.) ``corpus`` is the
    report's text compacted, ``names`` the names the question uses."""
    said = [compact(n) for n in names]
    out = []
    for noun, _, _ in aspect_nouns(question):
        c = compact(noun)
        if any(c in n or n in c for n in said):
            continue
        words = [t for t in search_tokens(noun) if len(t) >= 2 and not t.isascii()]
        # a compound is said when its head is: セキュリティクリアランス is no セキュリティ, but
        # クラウドサービスプロバイダ is the report's プロバイダ
        # (the head is the last word of two or more characters: 運用面 and 医療系 are 運用 and 医療)
        heads = [t for t in words if compact(t) != c and c.endswith(compact(t))]
        if not words or any(doc_freq.get(t, 0) for t in (heads or words)):
            continue
        # the report's text as written: 代わり is in 「取って代わる」, whose lemma (変わる) is another
        inflected = re.sub(r"[ぁ-ゖ]$", "", c)
        if len(inflected) >= 2 and inflected in corpus:
            continue
        if not (glossary is not None and glossary.synonyms(noun)):
            out.append(noun)
    return out


def unsaid_english(question: str, names: list[str], corpus: str, glossary: Glossary | None) -> list[str]:
    """The English question's words, names aside, that the report neither writes
    nor means by any word of its own (through the dictionary's glosses, in any of
    the word's forms): "penetration", "headquartered", "mandatory"."""
    if glossary is None or not len(glossary) or ASKS_SCOPE_EN.search(question):
        return []  # without the dictionary no English word can be judged
    said = [compact(n).lower() for n in names]
    text = corpus.lower()
    out = []
    for word in dict.fromkeys(content_words_en(question)):
        forms = english_variants(word)
        if any(word in n for n in said) or any(f in text for f in forms):
            continue
        if any(glossary.words_for(f) for f in forms):
            continue
        # any word the dictionary gives for it, as the report writes it (必須 for "mandatory")
        if not any(w in text for f in forms for w in written_forms(glossary.japanese_words(f))):
            out.append(word)
    return out
