"""Words the report uses only inside its entries.

A question that speaks of the report ("according to the report", 「本書での説明」) but
holds a word only one or two entries use (HIPAA, Rev.4, 戦略本部) asks about what those
entries say, not about the report: the front matter never uses the word. Derived from
the sections' own tokens, so it holds for any report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .bilingual import Glossary
from .entities import is_self_reference, mentions_report
from .japanese import cached_search_tokens
from .regions import country_named

# a word two entries share at most: a word more of them use is the report's common
# vocabulary (基準, セキュリティ), which a question about the report may use too
MAX_SECTIONS = 2
# a term, not a common word: a Japanese compound of three characters (戦略本部, not 方法 or
# 冒頭, which a question about the report's method or opening uses), four letters of an
# English one ("use" and "new" are in some name or other)
_TERM = re.compile(r"^(?:.*[一-龯ァ-ヺー々]{3,}.*|(?=.*[a-z])[a-z0-9.\-/]{4,})$")
# an English word the question writes as a name: capitalised after a sentence's first word
# ("HIPAA", "Meaningful Use", "Rev.4"); "government" and "the full title" are plain words,
# which a Japanese report holds only inside its English names
_NAME_WORD = re.compile(r"(?<=[\w,;:)] )[A-Z][\w.\-/]*|\b[\w.\-/]*\d[\w.\-/]*")


class EntryTerms:
    """The words found in at most ``MAX_SECTIONS`` sections, all of them entries."""

    def __init__(
        self, section_ids: Iterable[str], entry_ids: Iterable[str], section_tokens: Callable[[str], set[str]], glossary: Glossary | None = None
    ):
        self._glossary = glossary
        self._ids = list(section_ids)
        self._entries = frozenset(entry_ids)
        self._tokens = section_tokens
        self._terms: frozenset[str] | None = None

    def _build(self) -> frozenset[str]:
        where: dict[str, set[str]] = {}
        for sid in self._ids:
            for t in self._tokens(sid):
                where.setdefault(t, set()).add(sid)
        return frozenset(
            t for t, sids in where.items() if len(sids) <= MAX_SECTIONS and sids <= self._entries and _TERM.match(t) and not mentions_report(t)
        )

    def held_by(self, question: str) -> list[str]:
        """The question's words that only entries use."""
        if self._terms is None:
            self._terms = self._build()
        names = {w.lower() for w in _NAME_WORD.findall(question)}
        return [
            t
            for t in dict.fromkeys(cached_search_tokens(question))
            # (a word for the report itself, 資料 or "document", says where to look, not what about)
            if t in self._terms and (not t.isascii() or (t in names and not self._plain_english(t))) and not is_self_reference("この" + t)
        ]

    def _plain_english(self, word: str) -> bool:
        """A word of the dictionary ("Meaningful") or a country's ("American"), not a name (HIPAA, Rev.4)."""
        return self._glossary is None or bool(self._glossary.japanese_words(word)) or country_named(word) is not None
