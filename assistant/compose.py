"""Answers shaped like the question, still made only of the report's text.

``Answerer`` picks the best sentences for a lookup; this module builds the
other shapes from the same material: a definition (what X is, with its full
name and issuer), an enumeration (the sentence that announces a list *and*
its items), a list across sections (every section that satisfies a
condition), a comparison table (one row per entity), the catalogue filtered
by group, region or issuer, and answers about the report itself. Every line
is a quoted sentence or table cell with its citation; only labels (names,
「記載なし」, counts computed from the records) are framing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .answer import Answerer, Candidate
from .catalogue import CatalogueRecord, Cell, match_group
from .japanese import compact, is_mostly_english, search_tokens
from .regions import same_country
from .retrieve import Retrieval
from .segment import TITLE_PAGE_ID, short_title
from .shape import Shape, named_sections
from .types import Citation, Passage, Table, TableCell

MAX_LIST_LINES = 15
MAX_ITEMS = 12
NOT_STATED_JA = "記載なし"
NOT_STATED_EN = "not stated"

# "…は以下の通り。" / "次の 3 つの…がある。" / a trailing colon: a sentence that promises a list
_ANNOUNCES = re.compile(
    r"(?:以下|次)の\s*(?:(?P<n>\d+|[一二三四五六七八九十]+)\s*(?:つ|個|種類|段階|部|分野|領域|文書|項目|点|機能|レベル|パート)?)?"
    r"|[:：]\s*$|as\s+follows|the\s+following"
)
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ITEM_MARK = re.compile(r"^\s*(?:[①-⑳]|[・•◇◆○●■□✓✔\-–*]|\(?\d{1,2}[).、．]?\s|Part\s*\d|[A-Za-z]\)|第\s*\d)")
_IDENT = re.compile(
    r"(?:[A-Z][A-Za-z]*(?:/[A-Z]+)?\s?)+\d[A-Za-z0-9.\-:]*(?:\s?\d[A-Za-z0-9.\-]*)?"
    r"|(?<![A-Za-z])[A-Z]{2,}(?:\s[A-Z]{2,})?(?![A-Za-z])|[「『][^」』]{2,40}[」』]"
)
_FIELD_CONCEPTS = (
    ("target", re.compile(r"対象|適用範囲|誰向け|誰が使|target|scope|who\s+(?:is|are)\s+it\s+for|applies\s+to|covers?|aimed", re.I)),
    ("issuer", re.compile(r"運営|運用組織|発行者|作成組織|所管|主体|issuer|operat|run\s+by|runs|publish|owner|who\s+runs|administ", re.I)),
    ("isms", re.compile(r"ISMS|27001|関連性|relation|relate", re.I)),
    ("summary", re.compile(r"概要|特徴|目的|overview|summary|purpose|what\s+(?:is|are)\s+they", re.I)),
)
_COMPARE_WORDS = re.compile(r"違い|ちがい|比較|比べ|異な|差異|相違|共通|それぞれ|各々|両方|どちらも|compare|difference|differ|versus|\bvs\b", re.I)
_GOVERNMENT = re.compile(r"省|庁|政府|内閣|行政|局|Government|Agency|Directorate|Office|Authority|Ministry|Department|GSA", re.I)
_ENGLISH_LABELS = {"target": "target", "issuer": "issuer", "isms": "relation to ISMS", "summary": "overview"}
_JAPANESE_LABELS = {"target": "対象", "issuer": "運営・発行組織", "isms": "ISMSとの関連性", "summary": "概要・特徴"}


@dataclass
class Shaped:
    citations: list[Citation]
    text: str
    table: Table | None = None
    lines: list[str] = field(default_factory=list)


class Composer:
    """Builds the non-lookup shapes over one loaded index."""

    def __init__(self, index, sections, answerer: Answerer, records: list[CatalogueRecord]):
        self.index = index
        self.sections = sections
        self.answerer = answerer
        self.records = records
        self.by_id = {r.section_id: r for r in records}
        self._section_compact: dict[str, str] = {}

    # ------------------------------------------------------------------ helpers

    def cite_cell(self, cell: Cell, score: float = 1.0) -> Citation:
        p = self.index.passages[cell.passage_id]
        i = p.text.find(cell.text)
        i = max(i, 0)
        return self.answerer.citation(Candidate(p, i, i + len(cell.text), score, score))

    def cite_span(self, p: Passage, a: int, b: int, score: float = 1.0) -> Citation:
        return self.answerer.citation(Candidate(p, a, b, score, score))

    def line(self, c: Citation, lead: str = "") -> str:
        return f"{lead}{c.text}{self.answerer.label(c)}"

    def name_of(self, sid: str) -> str:
        return short_title(self.sections[sid].title) if sid in self.sections else sid

    def _compact_of(self, sid: str) -> str:
        if sid not in self._section_compact:
            self._section_compact[sid] = compact("\n".join(p.text for p in self.index.passages_of(sid)))
        return self._section_compact[sid]

    def _sentences_of(self, sid: str, fields: re.Pattern | None = None):
        for p in self.index.passages_of(sid):
            if fields is not None and not fields.search(p.field):
                continue
            for k, (a, b) in enumerate(self.answerer.sentence_spans(p)):
                yield p, k, a, b

    def _sentence_score(self, r: Retrieval, p: Passage, k: int, a: int, b: int, qw: dict[str, float]) -> tuple[float, float]:
        """(cosine to the question, idf-weighted share of the aspect words)."""
        dense = 0.0
        if r.qvec is not None and getattr(self.index, "sentence_vectors", None) is not None:
            vecs = self.index.sentence_vectors_for(p.id)
            if k < len(vecs):
                dense = float(np.dot(vecs[k], r.qvec))
        toks = set(search_tokens(p.text[a:b]))
        total = sum(qw.values()) or 1.0
        lex = sum(w for t, w in qw.items() if t in toks) / total
        return dense, lex

    def _aspect_weights(self, question: str, names: list[str]) -> dict[str, float]:
        own: set[str] = set()
        for n in names:
            own |= set(search_tokens(n))
        text = _COMPARE_WORDS.sub(" ", question)
        toks = [t for t in dict.fromkeys(search_tokens(text)) if t not in own]
        return dict(zip(toks, self.answerer.idf(toks)))

    # ------------------------------------------------------------------ enumeration

    def expand_list(self, cites: list[Citation]) -> list[Citation]:
        """An answer never ends on a sentence that promises a list: the items follow it."""
        out: list[Citation] = []
        for c in cites:
            out.append(c)
            items = self.items_after(c)
            out.extend(i for i in items if all(i.start != o.start for o in out))
        return out

    def items_after(self, c: Citation) -> list[Citation]:
        m = _ANNOUNCES.search(c.text)
        if not m or c.passage_id < 0:
            return []
        want = _count(m.group("n")) if m.group("n") else None
        p0 = self.index.passages[c.passage_id]
        # the items may run on into the next passage of the same section and field
        run = [p0] + [
            p for p in self.index.passages_of(p0.section_id) if p.id > p0.id and p.field == p0.field
        ][:2]
        items: list[Citation] = []
        markers = 0
        after = p0.text.find(c.text) + len(c.text)
        for p in run:
            text = p.text if p is not p0 else p.text[after:]
            base = 0 if p is not p0 else after
            for line_m in re.finditer(r"[^\n]+", text):
                line = line_m.group(0).strip()
                if not line or len(line) < 2:
                    continue
                a = base + line_m.start() + (len(line_m.group(0)) - len(line_m.group(0).lstrip()))
                b = a + len(line)
                prose = line.endswith("。") and len(line) > 80 and not _ITEM_MARK.match(line)
                if prose and items:
                    return items
                items.append(self.cite_span(p, a, b, c.score))
                markers += max(1, len(re.findall(r"(?:^|、|\s)(?:\d{1,2}\s|[①-⑳])", line)))
                if (want and markers >= want) or len(items) >= MAX_ITEMS:
                    return items
            if not want and items:
                break  # without a count, stop at the end of the passage that holds the list
        return items

    # ------------------------------------------------------------------ definition

    def definition(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        sid = shape.entities[0] if shape.entities else None
        if sid is None:
            found = self._defining_sentence(shape.subject, question)
            if found is not None or not r.sections:
                return found
            # a name the entity table lacks ("the NIS Directive"): the best-ranked scheme
            sid = r.sections[0][0]
            if sid not in self.by_id:
                return None
        subject = compact(shape.subject)
        # a sub-part of a section (SOC2+ in 2.4.5, NIST SP 800-171 in 2.4.6) is defined under its own heading
        sub = [p for p in self.index.passages_of(sid) if subject and compact(p.field).startswith(subject)]
        cites: list[Citation] = []
        if sub:
            title = _english_title(sub[0])
            if title:
                cites.append(self.cite_span(sub[0], 0, len(title)))
            for p in sub:
                first = _first_declarative(self.answerer.sentence_spans(p), p.text)
                if first:
                    cites.append(self.cite_span(p, *first))
                    break
        elif sid in self.by_id:
            rec = self.by_id[sid]
            for cell in (rec.name, rec.summary):
                if cell is not None:
                    cites.append(self.cite_cell(cell))
        if not cites:
            return None
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _defining_sentence(self, subject: str, question: str) -> Shaped | None:
        """A term without a section of its own: the sentence that says what it is
        (``Xとは、…``, ``X : …``, ``Xは、…である``)."""
        key = compact(subject)
        if len(key) < 2:
            return None
        pat = re.compile(re.escape(key) + r"(?:\(.{1,40}?\))?(?:とは|:|は、|は)")
        for sid in self.sections:
            for p, _k, a, b in self._sentences_of(sid):
                s = compact(p.text[a:b])
                if pat.match(s) or pat.match(re.sub(r"^※\d*", "", s)):
                    c = self.cite_span(p, a, b)
                    return Shaped([c], self.frame(question, [self.line(c)]))
        return None

    # ------------------------------------------------------------------ list across sections

    def across(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        pool = [x.section_id for x in self.records] or list(self.sections)
        lines: list[str] = []
        cites: list[Citation] = []
        for ident, own in self._conditions(shape, question):
            key = compact(ident)
            for sid in pool:
                if sid in own or not _contains_id(self._compact_of(sid), key):
                    continue
                c = self._sentence_with(sid, key)
                if c is not None and all(x.section_id != sid for x in cites):
                    cites.append(c)
            if cites:
                break
        if not cites:
            cites = self._semantic_list(r, question, pool)
        if not cites:
            return None
        order = {sid: i for i, sid in enumerate(self.sections)}
        cites.sort(key=lambda c: order.get(c.section_id, 0))
        cites = cites[:MAX_LIST_LINES]
        english = is_mostly_english(question)
        lines = [self.line(c, f"- {self.name_of(c.section_id)}: ") for c in cites]
        head = f"{len(cites)} sections:" if english else f"該当する記載は{len(cites)}件あります。"
        return Shaped(cites, self.frame(question, [head, *lines]))

    def _conditions(self, shape: Shape, question: str) -> list[tuple[str, set[str]]]:
        """Identifiers the question puts as a condition (ISO/IEC 27001, ISAE 3000,
        a named section's own name), each with the sections it names itself."""
        out: list[tuple[str, set[str]]] = []
        for m in shape.names:
            out.append((m.alias.name, {m.alias.section_id}))
        for m in _IDENT.finditer(question):
            ident = m.group(0).strip("「」『』 ")
            if len(compact(ident)) >= 3:
                out.append((ident, set()))
        return out

    def _sentence_with(self, sid: str, key: str) -> Citation | None:
        best = None
        for p, _k, a, b in self._sentences_of(sid):
            if _contains_id(compact(p.text[a:b]), key):
                rank = 0 if "関連" in p.field else 1 if p.field != "注記" else 2
                if best is None or rank < best[0]:
                    best = (rank, p, a, b)
        if best is None:
            return None
        return self.cite_span(best[1], best[2], best[3])

    def _semantic_list(self, r: Retrieval, question: str, pool: list[str], margin: float = 0.85) -> list[Citation]:
        qw = self._aspect_weights(question, [])
        scored: list[tuple[float, Citation]] = []
        for sid, _ in r.sections[:MAX_LIST_LINES + 4]:
            if sid not in pool:
                continue
            best = None
            for p, k, a, b in self._sentences_of(sid):
                if b - a < 8:
                    continue
                dense, lex = self._sentence_score(r, p, k, a, b, qw)
                s = dense + 0.3 * lex
                if best is None or s > best[0]:
                    best = (s, p, a, b)
            if best:
                scored.append((best[0], self.cite_span(best[1], best[2], best[3], best[0])))
        if not scored:
            return []
        top = max(s for s, _ in scored)
        return [c for s, c in scored if s >= margin * top]

    # ------------------------------------------------------------------ compare

    def compare(self, shape: Shape, r: Retrieval, question: str) -> Shaped | None:
        sids = [sid for sid in named_sections(list(shape.names)) if sid in self.sections]
        if len(sids) < 2:
            return None
        english = is_mostly_english(question)
        concept = next((name for name, pat in _FIELD_CONCEPTS if pat.search(_COMPARE_WORDS.sub(" ", question))), None)
        qw = self._aspect_weights(question, [m.alias.name for m in shape.names])
        rows: list[tuple[TableCell, ...]] = []
        cites: list[Citation] = []
        lines: list[str] = []
        not_stated = NOT_STATED_EN if english else NOT_STATED_JA
        for sid in sids:
            c = self._aspect_cell(sid, concept, r, qw)
            name = self.name_of(sid)
            if c is None:
                rows.append((TableCell(name), TableCell(not_stated, None, True)))
                lines.append(f"- {name}: {not_stated}")
            else:
                rows.append((TableCell(name), TableCell(c.text, c)))
                cites.append(c)
                lines.append(self.line(c, f"- {name}: "))
        if not cites:
            return None
        labels = _ENGLISH_LABELS if english else _JAPANESE_LABELS
        aspect = labels.get(concept or "", "") or (", ".join(list(qw)[:3]) if english else "・".join(list(qw)[:3]))
        columns = ("scheme" if english else "制度・規格", aspect or ("what the report says" if english else "記載"))
        table = Table(columns, tuple(rows))
        return Shaped(cites, self.frame(question, lines), table)

    def _aspect_cell(self, sid: str, concept: str | None, r: Retrieval, qw: dict[str, float]) -> Citation | None:
        rec = self.by_id.get(sid)
        if concept and rec is not None:
            cell = rec.cells().get(concept)
            if cell is not None:
                return self.cite_cell(cell)
        best = None
        for p, k, a, b in self._sentences_of(sid):
            if b - a < 8 or p.field.startswith("関連"):
                continue
            dense, lex = self._sentence_score(r, p, k, a, b, qw)
            s = dense + 0.5 * lex
            if best is None or s > best[0]:
                best = (s, lex, dense, p, a, b)
        if best is None:
            return None
        s, lex, dense, p, a, b = best
        if qw and lex == 0 and dense < 0.8:
            return None  # nothing in this section is about the aspect: 「記載なし」
        return self.cite_span(p, a, b, s)

    # ------------------------------------------------------------------ catalogue

    def catalogue(self, shape: Shape, question: str) -> Shaped:
        english = is_mostly_english(question)
        recs = list(self.records)
        scope: list[str] = []
        if shape.region:
            recs = [x for x in recs if x.region == shape.region]
            scope.append(shape.region)
        elif shape.country:
            recs = [x for x in recs if x.country and same_country(x.country, shape.country)]
            scope.append(shape.country)
        grouped = match_group(recs, question)
        if grouped:
            recs = grouped
            scope.append(grouped[0].group)
        if shape.issuer_kind:
            gov = bool(re.match(r"政府|公的|行政|国|government|public|national", shape.issuer_kind, re.I))
            # a record that names no issuer cannot be said to be run by either
            recs = [x for x in recs if (x.issuer is not None or gov) and _is_government(x) == gov]
            scope.append(shape.issuer_kind)
        cites: list[Citation] = []
        lines: list[str] = []
        for x in recs:
            cell = x.summary or x.name
            if cell is None:
                continue
            c = self.cite_cell(cell)
            cites.append(c)
            who = f"（{x.issuer.text}）" if x.issuer is not None else ""
            lines.append(f"- {x.short_name}{who}: {self.line(c)}")
        where = "・".join(scope)
        if not cites:
            head = (
                f"The report describes no scheme for {where}." if english else f"この報告書には{where}の制度・規格等の記載がありません。"
            )
            return Shaped([], head)
        if english:
            head = f"The report describes {len(cites)} schemes/standards" + (f" ({where})" if where else "") + ":"
        else:
            by_group = _group_counts(recs)
            head = f"この報告書で紹介されている{where + 'の' if where else ''}制度・規格等は{len(cites)}件です" + (
                f"（{by_group}）。" if not scope else "。"
            )
        return Shaped(cites, "\n".join([head, *lines]))

    # ------------------------------------------------------------------ the report itself

    def meta(self, r: Retrieval, question: str) -> Shaped | None:
        """Front and back matter: the title page, the introduction, purpose,
        structure, conclusion and the committee; never a scheme's section."""
        record_ids = set(self.by_id)
        title_page = self._title_page_line(question)
        if title_page is not None:
            return Shaped([title_page], self.frame(question, [self.line(title_page)]))
        kept = [(sid, s) for sid, s in r.sections if sid not in record_ids]
        if not kept:
            return None
        sub = Retrieval(r.query, [h for h in r.hits if h.passage.section_id not in record_ids], kept, {}, {}, r.qvec, r.tokens)
        chosen = self.answerer.select(sub)
        cites = [self.answerer.citation(c) for c in chosen if not _converter_note(c.text)]
        if not cites:
            return None
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _title_page_line(self, question: str) -> Citation | None:
        ps = self.index.passages_of(TITLE_PAGE_ID) if TITLE_PAGE_ID in self.sections else []
        if not ps:
            return None
        p = ps[0]
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", p.text)]
        lines = [(a, b) for a, b in lines if not _converter_note(p.text[a:b])]
        if not lines:
            return None
        if re.search(r"題名|タイトル|表題|名前|正式名|\btitle\b|called|named", question, re.I):
            return self.cite_span(p, *lines[0])
        if re.search(r"発行日|いつ|日付|年月日|\bwhen\b|\bdate\b", question, re.I):
            for a, b in lines:
                if re.search(r"\d{4}\s*年|\d{4}-\d{2}", p.text[a:b]):
                    return self.cite_span(p, a, b)
        if re.search(r"発行者|発行元|発行した|発行している|著者|publisher|published\s+by|who\s+(?:published|issued)|author", question, re.I):
            a, b = lines[-1]
            return self.cite_span(p, a, b)
        return None

    # ------------------------------------------------------------------ framing

    def frame(self, question: str, lines: list[str]) -> str:
        if is_mostly_english(question):
            return "From the report (quoted in Japanese):\n" + "\n".join(lines)
        return "\n".join(lines)


def _count(n: str) -> int | None:
    if n.isdigit():
        return int(n)
    total = 0
    for ch in n:
        total = total * 10 if ch == "十" and total else total
        total += _KANJI_NUM.get(ch, 0) if ch != "十" else (10 if total == 0 else 0)
    return total or None


def _contains_id(text: str, key: str) -> bool:
    """``iso/iec27001`` is in ``…iso/iec27001の管理策…`` but not in ``…iso/iec270012…``."""
    for m in re.finditer(re.escape(key), text):
        j = m.end()
        if key[-1].isdigit() and j < len(text) and text[j].isdigit():
            continue
        i = m.start()
        if key[0].isascii() and key[0].isalnum() and i > 0 and text[i - 1].isascii() and text[i - 1].isalnum():
            continue
        return True
    return False


def _english_title(p: Passage) -> str | None:
    first = p.text.split("\n")[0]
    return first if len(first) >= 12 and is_mostly_english(first) else None


def _first_declarative(spans: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    for a, b in spans:
        s = text[a:b].strip()
        if len(s) >= 12 and not is_mostly_english(s) and not s.startswith(("(", "（")):
            return a, b
    return None


def _is_government(rec: CatalogueRecord) -> bool:
    text = (rec.issuer.text if rec.issuer else "") + " " + rec.title
    return bool(_GOVERNMENT.search(text))


def _group_counts(recs: list[CatalogueRecord]) -> str:
    counts: dict[str, int] = {}
    for x in recs:
        counts[x.group] = counts.get(x.group, 0) + 1
    return "、".join(f"{g} {n}件" for g, n in counts.items())


def _converter_note(text: str) -> bool:
    """A PDF converter's description of a figure or logo ("The logo for … features …")
    in a Japanese report: not the report's own words."""
    return bool(re.match(r"^(?:The|This|A|An)\s+(?:logo|cover|image|figure|picture|photo|diagram)\b", text.strip()))

