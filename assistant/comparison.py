"""Comparisons: one row per entity the question names (or per part of one
section: SOC2 / SOC2+), each the asked field's cell or the aspect's best
sentences of that entity's own section, 「記載なし」 where it gives no such
answer. Returned as a ``Table`` and as plain lines, every cell cited.
"""

from __future__ import annotations

import re

from .answer import Answerer
from .answer_type import expected_type, gives_type
from .catalogue import CatalogueRecord
from .japanese import (
    compact,
    compact_with_gaps,
    has_japanese,
    is_mostly_english,
    normalize_text,
    search_tokens,
)
from .listing import ListReader, announces, holds_list
from .question_cues import asks_members
from .quoting import BRACKETED, Quoter, Shaped, ends_word, first_declarative, overlaps
from .retrieve import Retrieval
from .rows import field_concepts
from .shape import Shape, named_sections
from .types import Citation, Table, TableCell

# how things are divided, asked and said: 「どう分けているか」, "divide up", "categorised";
# 「…の 4 つの対策基準群に分類して」, 「6つの領域に分けて」
_ASKS_DIVISION = re.compile(r"分け|分類|区分|分かれ|\bdivid|\bsplit|\bcategori[sz]|\bclassif|\bgroup(?:s|ed|ing)?\b|\bbroken\s+down\b", re.I)
_DIVISION_SAID = re.compile(r"に(?:分類|分け|分かれ|区分)|から(?:成|な)る|で構成|\b(?:divided|split|grouped|categori[sz]ed|classified)\s+into\b")
# what a sentence that sorts the things compared into parts adds to its score (a dense score
# plus half a lexical one, both within about 0..1)
DIVISION_BONUS = 0.5

_NAMES_ASKED = re.compile(r"名前|名称|書き方|表記|呼び|タイトル|題名|\bnames?\b|\btitle|\bcalled\b|\bspell", re.I)

NOT_STATED_JA = "記載なし"
NOT_STATED_EN = "not stated"
_COMPARE_WORDS = re.compile(r"違い|ちがい|比較|比べ|異な|差異|相違|共通|それぞれ|各々|両方|どちらも|compare|difference|differ|versus|\bvs\b", re.I)
_ENGLISH_LABELS = {"name": "full name", "target": "target", "issuer": "issuer", "isms": "relation to ISMS", "summary": "overview"}
_JAPANESE_LABELS = {"name": "正式名称", "target": "対象", "issuer": "運営・発行組織", "isms": "ISMSとの関連性", "summary": "概要・特徴"}
# sentences per row of a comparison: the first-ranked sentence missed the item on about
# half the dev and probe questions whose wording differs from the report
ROW_SENTENCES = 3


class Comparer(Quoter):
    """Builds comparison tables over one loaded index."""

    def __init__(
        self, index, sections, answerer: Answerer, records: list[CatalogueRecord],
        subheadings: dict[str, tuple[str, str]], lists: ListReader,
    ):
        super().__init__(index, sections, answerer)
        self.by_id = {r.section_id: r for r in records}
        self.subheadings = subheadings
        self.lists = lists  # the composer's reader: a sentence that announces a list brings its items

    def _aspect_weights(self, question: str, names: list[str]) -> dict[str, float]:
        own: set[str] = set()
        for n in names:
            own |= set(search_tokens(n))
        text = _COMPARE_WORDS.sub(" ", question)
        toks = [t for t in dict.fromkeys(search_tokens(text)) if t not in own]
        return dict(zip(toks, self.answerer.idf(toks)))


    def compare(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        targets = self._compare_targets(shape, question)
        if len(targets) < 2:
            return None
        english = is_mostly_english(question)
        # the aspect is what is left once the names are gone ("ISMS" in a name is no aspect)
        fields = tuple(field_concepts(_without_names(question, shape)))
        qw = self._aspect_weights(question, [m.alias.name for m in shape.names])
        if not fields and not _ASPECT_LEFT.search(_COMPARE_WORDS.sub(" ", _strip_names(question, shape))):
            fields = ("summary",)  # "FedRAMPとG-Cloudの違いは？": what each one is
        rows: list[tuple[TableCell, ...]] = []
        cites: list[Citation] = []
        lines: list[str] = []
        not_stated = NOT_STATED_EN if english else NOT_STATED_JA
        kind = expected_type(question)
        aspects = count_aspects(_without_names(question, shape))
        for sid, part in targets:
            found = self._aspect_cells(sid, fields, r, qw, part, kind, asks_members(question), aspects)
            name = part or self.name_of(sid)
            if not found:
                rows.append((TableCell(name), TableCell(not_stated, None, True)))
                lines.append(f"- {name}: {not_stated}")
                continue
            c, *more = found
            rows.append((TableCell(name), TableCell(c.text, c, more=tuple(more))))
            cites.extend(found)
            lines.append(self.line(c, f"- {name}: "))
            lines.extend(self.line(m, "  ") for m in more)
        labels = _ENGLISH_LABELS if english else _JAPANESE_LABELS
        aspect = "・".join(labels[f] for f in fields) or ("what the report says" if english else "該当する記載")
        columns = ("scheme" if english else "制度・規格", aspect)
        table = Table(columns, tuple(rows))
        return Shaped(cites, self.frame(question, lines), table)

    def _compare_targets(self, shape: Shape, question: str) -> list[tuple[str, str | None]]:
        """What the rows are: one per named section, or — when the names are parts
        of a section under headings of their own (SOC2 / SOC2+, NIST SP 800-53 /
        800-171) — one per part, as (section id, the part's field label)."""
        q, gaps = compact_with_gaps(question)
        found: list[tuple[int, str, str]] = []
        taken: set[int] = set()
        # sub-headings named in the question, longest first so "SOC2+" is not read as "SOC2";
        # a removed space ends a word too ("SOC2 and SOC2+")
        for key, (sid, label) in sorted(self.subheadings.items(), key=lambda kv: -len(kv[0])):
            i = q.find(key)
            while i >= 0 and (
                taken & set(range(i, i + len(key))) or not (i + len(key) in gaps or ends_word(q, i + len(key), key))
            ):
                i = q.find(key, i + 1)
            if i >= 0:
                taken |= set(range(i, i + len(key)))
                found.append((i, sid, label, key))
        parts = [(sid, label) for _, sid, label, _ in sorted(found)]
        if len(parts) >= 2:
            return parts
        sids = [sid for sid in named_sections(list(shape.names)) if sid in self.sections]
        if len(parts) == 1 and found[0][3] not in compact(self.sections[found[0][1]].title):
            # one side has a heading of its own (NIST SP 800-53 under 2.4.6), which another entry
            # only glosses in a footnote: that side is its part, the other the entry named (a
            # heading that names its entry, SOC2 of "SOC2、SOC2+", is that entry)
            at, psid, _, key = found[0]
            others = [m for m in shape.names if compact(m.alias.name) not in key and key not in compact(m.alias.name)]
            rest = [(sid, None) for sid in named_sections(others) if sid in self.sections and sid != psid]
            if rest:
                # (in the order the question names them)
                first = min((i for m in others if (i := q.find(compact(m.alias.name))) >= 0), default=at + 1)
                return [parts[0], *rest] if at < first else [*rest, parts[0]]
        if not shape.names:
            # (two schemes described, not named: the sections their descriptions found)
            sids = [sid for sid in shape.entities if sid in self.sections]
        return [(sid, None) for sid in sids] if len(sids) >= 2 else []

    def _aspect_cells(
        self, sid: str, fields: tuple[str, ...], r: Retrieval, qw: dict[str, float],
        part: str | None = None, kind: str | None = None, members: bool = False, aspects: int = 1,
    ) -> list[Citation]:
        """A row of a comparison: the record's cell for the asked field (対象, 名称…)
        or the section's best sentence for the aspect, then the next best
        sentence — one sentence per row missed the answer on half the questions
        whose aspect was worded unlike the report (dev and probe sets). A sentence
        that announces a list brings its items when the question asks for members
        ("levels", 種類) and is passed over otherwise: alone it says nothing."""
        out: list[Citation] = []
        rec = self.by_id.get(sid)
        if rec is not None and part is None:
            # every field asked ("運営団体と対象": both cells)
            cells = rec.cells()
            out.extend(self.cite_cell(cells[f]) for f in fields if cells.get(f) is not None)
            if "issuer" in fields:
                out.extend(self.cite_cell(c) for c in rec.co_issuers)  # 厚生労働省, then 総務省…
            if fields == ("name",) and out:
                return out  # a name written out needs no sentence beside it
        # two fields asked at once fill a row with their cells and one sentence more;
        # each further aspect asked ("who issues each, how is each structured, and…") one more
        budget = ROW_SENTENCES + max(0, len(out) - 1, aspects - 1)
        if fields[:1] == ("summary",) and part is not None:
            # what a part is: the first sentence under its heading that is not its English title
            for p in self.index.passages_of(sid):
                if p.field == part and (span := first_declarative(self.answerer.sentence_spans(p), p.text)):
                    out.append(self.cite_span(p, *span))
                    break
        # 「記載なし」 when the question asks for a type of answer (a duration, an amount,
        # a count…) that no sentence of the section gives. Missing aspect *words* are
        # no evidence: paraphrases (焦点, 物差し) and English questions share none.
        if not out and kind is not None and not any(gives_type(p.text[a:b], kind) for p, _k, a, b in self.sentences_of(sid)):
            return []
        # the words of the section's own name (StarAudit for 2.2.2) are not the aspect
        own = self.answerer.name_tokens(sid)
        qw = {t: w for t, w in qw.items() if t not in own} or qw
        scored = []
        # "how does each divide up its requirements": the sentence that sorts them into parts
        division = bool(_ASKS_DIVISION.search(r.query))
        # (unless names or titles are what is compared: 「名前の書き方」, "how each is titled")
        names_asked = bool(_NAMES_ASKED.search(r.query))
        # (in an entry written in Japanese: in an English report every sentence is English)
        japanese_entry = any(has_japanese(p.text) for p in self.index.passages_of(sid))
        for p, k, a, b in self.sentences_of(sid):
            if b - a < 8 or p.field.startswith("関連") or (part is not None and p.field != part):
                continue
            if BRACKETED.match(p.text[a:b]):
                continue  # a translated title in brackets names the standard, it says nothing of the aspect
            if japanese_entry and not names_asked and not has_japanese(p.text[a:b]):
                continue  # nor does a standard's English title ("Part 3: Guidelines for …") in a Japanese entry
            dense, lex = self.sentence_score(r, p, k, a, b, qw)
            sorts = division and bool(_DIVISION_SAID.search(p.text[a:b]))
            scored.append((dense + 0.5 * lex + (DIVISION_BONUS if sorts else 0.0), p, a, b))
        scored.sort(key=lambda x: -x[0])
        for s, p, a, b in scored:
            full = len(out) >= budget
            if full and not members:
                break
            c = self.cite_span(p, a, b, s)
            if full and not (announces(c.text) or holds_list(c.text)):
                continue  # "how are their levels structured, and…": the levels still come after the field
            if overlaps(c, out):
                continue
            if announces(c.text):
                if not members:
                    continue
                return out + [c, *(i for i in self.lists.items_after(c) if not overlaps(i, out))]
            out.append(c)
            if full:
                break  # the one list sentence over the budget
        return out


def count_aspects(rest: str) -> int:
    """How many things a comparison asks of each entity: the parts of what is left
    of the question (names and filler gone) between commas and conjunctions."""
    parts = re.split(r"[、，,;；:：]|\band\b|及び|および|ならびに|並びに|それから", _COMPARE_WORDS.sub(" ", rest), flags=re.I)
    return max(1, sum(1 for x in parts if _ASPECT_LEFT.search(_FILLER_WORDS.sub(" ", x))))


# content left once names and compare words are gone: an aspect was asked
_ASPECT_LEFT = re.compile(r"[一-龯ァ-ヺA-Za-z]{2,}")
_FILLER = re.compile(r"(?:について|を|の|は|と|が|に|で|教えて|ください|下さい|ですか|何|なに|どう|です|ある|あります|"
                     r"what|is|are|the|of|and|between|how|do|does|they|tell|me|about|please|main|key)", re.I)


# what is left of a part of a question that asks nothing of its own
_FILLER_WORDS = re.compile(
    r"\b(?:what|is|are|the|of|and|between|how|do|does|did|they|their|them|tell|me|about|please|main|key|each|in|on|at|"
    r"for|with|who|which|this|that|these|those|way|ways|its|it|to|a|an|or|us|by|vs|versus|compare|differ|difference|also)\b"
    r"|[のでをがにはへとやもか]|について|教えて|ください|下さい|ですか|でしょうか|それぞれ|どう|何|なに|ある|あります|って|(?:違|ちが)[いうっ]|ます",
    re.I,
)


def _without_names(question: str, shape: Shape) -> str:
    """The question with the names it uses cut out, spaces and case kept for the rest."""
    text = normalize_text(question)
    for name in sorted({m.alias.name for m in shape.names}, key=len, reverse=True):
        pattern = r"\s*".join(re.escape(ch) for ch in name if not ch.isspace())
        text = re.sub(pattern, " ", text, flags=re.I)
    return text


def _strip_names(question: str, shape: Shape) -> str:
    c = compact(question)
    for m in sorted(shape.names, key=lambda m: -m.start):
        c = c[: m.start] + " " + c[m.end :]
    return _FILLER.sub(" ", c)
