"""Segment a Markdown-from-PDF report into sections and passages.

The table of contents (目次) is the authoritative outline: headings in the
body are aligned to it in order, by number and title, which is what keeps a
figure's headings (``## 2.1 国内`` inside 1.2) out of chapter 2 and makes
inconsistent heading depths irrelevant. Reports without a 目次 fall back to
their numbered headings.

Passages follow the report's own structure: one per table field (名称 / 対象 /
概要・特徴 …), per sub-part heading (SOC2, NIST SP 800-53 …) and per footnote
block, with long runs split at sentence ends into pieces of at most
``MAX_PASSAGE_CHARS``. Each passage keeps a per-character map back to the
source file so any quoted sentence can be highlighted exactly.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AssistantError
from .japanese import compact
from .types import Passage, Section

SEGMENTER_VERSION = "seg-1"
MAX_PASSAGE_CHARS = 400

TITLE_PAGE_ID = "表紙"
BODY_FIELD = "本文"
NOTE_FIELD = "注記"

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_TOC_TITLE = re.compile(r"^(目\s*次|contents|table of contents)$", re.I)
_TOC_LINE = re.compile(r"^(?P<title>.+?)(?:\t+|\s*\.{3,}\s*|\s*…+\s*|\s{2,})(?P<page>\d{1,4})\s*$")
_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\.?(?:\s+|(?=[^\d.\s]))(?P<rest>.*)$")
_FOOTNOTE_START = re.compile(r"^\s*(?:※\s*\d*|\(※\)|\\?\*\s|<sup>\s*\d+\s*</sup>|\d+\)\s)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<(https?://[^>\s]+)>")
_BLOCK_TAGS = {"li", "p", "br", "ul", "ol", "div", "tr", "td", "th", "table"}
_SENT_END = set("。！？!?")
_OPEN = "（(「『【［[〔"
_CLOSE = "）)」』】］]〕"


class CorpusError(AssistantError):
    """A corpus file that cannot be segmented; the message is one clear line."""


@dataclass
class Document:
    doc: str
    path: Path
    text: str
    sections: list[Section]
    passages: list[Passage]
    title: str = ""
    outline: list[OutlineEntry] = field(default_factory=list)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


@dataclass(frozen=True)
class OutlineEntry:
    """A node of the table of contents, with or without own text."""

    number: str | None
    title: str
    page: int | None
    depth: int


@dataclass
class _Heading:
    line_no: int
    start: int  # offset of the heading line
    body_start: int  # offset just after the heading line
    depth: int
    text: str  # cleaned heading text


@dataclass
class _Node:
    id: str
    title: str
    page: int | None
    path: tuple[str, ...]
    path_titles: tuple[str, ...]
    heading: _Heading | None
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------
# Markup-aware text with offsets
# --------------------------------------------------------------------------


@dataclass
class Span:
    """Clean text plus, for each character, its offset in the source file."""

    chars: list[str] = field(default_factory=list)
    offs: list[int] = field(default_factory=list)

    def add(self, ch: str, off: int) -> None:
        self.chars.append(ch)
        self.offs.append(off)

    def text(self) -> str:
        return "".join(self.chars)

    def __len__(self) -> int:
        return len(self.chars)

    def slice(self, i: int, j: int) -> Span:
        return Span(self.chars[i:j], self.offs[i:j])

    def extend(self, other: Span) -> None:
        self.chars.extend(other.chars)
        self.offs.extend(other.offs)

    def strip(self) -> Span:
        i, j = 0, len(self.chars)
        while i < j and self.chars[i].isspace():
            i += 1
        while j > i and self.chars[j - 1].isspace():
            j -= 1
        return self.slice(i, j)


def clean_markup(text: str, base: int = 0) -> Span:
    """Remove HTML and Markdown decoration, keeping an offset for each char.

    Block tags become line breaks (so list items stand on their own lines),
    ``<sup>※1</sup>`` keeps its content, links keep their visible text, and
    bullets, ``**`` and ``\\*`` escapes are dropped. Runs of spaces collapse.
    """
    out = Span()
    i, n = 0, len(text)
    line_start = True
    while i < n:
        m = _TAG.match(text, i) if text[i] == "<" else None
        if m and m.group(2) and m.group(2).lower() == "sup" and not line_start:
            # An inline footnote mark: "ISAE 3000<sup>2</sup>" must not read "30002".
            close = text.find("</sup>", m.end())
            if close != -1 and close - m.end() <= 8:
                i = close + len("</sup>")
                continue
        if m:
            if m.group(3):  # autolink <https://...>
                for k, ch in enumerate(m.group(3)):
                    out.add(ch, base + i + 1 + k)
                line_start = False
            elif m.group(2).lower() in _BLOCK_TAGS:
                if out.chars and out.chars[-1] != "\n":
                    out.add("\n", base + i)
                line_start = True
            i = m.end()
            continue
        ch = text[i]
        if ch == "*" and text.startswith("**", i):
            i += 2
            continue
        if ch == "\\" and i + 1 < n and text[i + 1] in "*_#[]()<>`":
            out.add(text[i + 1], base + i + 1)
            i += 2
            line_start = False
            continue
        if ch in "\t\r":
            ch = " "
        if ch == "\n":
            if out.chars and out.chars[-1] == " ":
                out.chars.pop()
                out.offs.pop()
            if out.chars and out.chars[-1] != "\n":
                out.add("\n", base + i)
            line_start = True
            i += 1
            continue
        if line_start and ch in " \u3000":
            i += 1
            continue
        if line_start and ch in "•・●◦▪" and i + 1 < n and text[i + 1] in " \u3000\t":
            i += 2  # a bullet decoration, not content
            continue
        if ch == " " and out.chars and out.chars[-1] in " \n":
            i += 1
            continue
        out.add(ch, base + i)
        line_start = False
        i += 1
    return out.strip()


def strip_markup(text: str) -> str:
    """The clean text of a source fragment (what citations are compared to)."""
    return clean_markup(text).text()


def _clean_title(text: str) -> str:
    text = re.sub(r"<sup>.*?</sup>", "", text)
    return re.sub(r"\s+", " ", strip_markup(text)).strip()


# --------------------------------------------------------------------------
# Outline
# --------------------------------------------------------------------------


def _split_number(title: str) -> tuple[str | None, str]:
    m = _NUMBER.match(title.strip())
    if m and m.group("rest").strip():
        return m.group("num"), m.group("rest").strip()
    return None, title.strip()


def _headings(text: str) -> list[_Heading]:
    out = []
    pos = 0
    for no, line in enumerate(text.split("\n")):
        m = _HEADING.match(line)
        if m:
            cleaned = _clean_title(m.group(2))
            if cleaned:
                out.append(_Heading(no, pos, min(len(text), pos + len(line) + 1), len(m.group(1)), cleaned))
        pos += len(line) + 1
    return out


def _parse_toc(text: str, headings: list[_Heading]) -> tuple[list[OutlineEntry], tuple[int, int] | None]:
    """Entries of the 目次 and the (start, end) of the TOC block."""
    for k, h in enumerate(headings):
        if _TOC_TITLE.match(h.text.replace(" ", "")) or _TOC_TITLE.match(h.text):
            end = headings[k + 1].start if k + 1 < len(headings) else len(text)
            entries = []
            for line in text[h.body_start : end].split("\n"):
                m = _TOC_LINE.match(line.strip())
                if not m:
                    continue
                title = _clean_title(m.group("title"))
                num, _ = _split_number(title)
                depth = num.count(".") + 1 if num else 1
                entries.append(OutlineEntry(num, title, int(m.group("page")), depth))
            if entries:
                return entries, (h.start, end)
    return [], None


def _title_similarity(a: str, b: str) -> float:
    a, b = compact(a), compact(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _section_id(number: str | None, title: str) -> str:
    if number:
        return number
    return re.sub(r"\s+", "", title)


def _align(entries: list[OutlineEntry], headings: list[_Heading], toc: tuple[int, int]) -> dict[int, int]:
    """Map TOC entry index -> heading index, monotonically in document order."""
    matched: dict[int, int] = {}
    hk = 0
    body = [k for k, h in enumerate(headings) if h.start >= toc[1]]
    for ei, e in enumerate(entries):
        best, best_score = None, 0.0
        for k in body:
            if k < hk:
                continue
            h = headings[k]
            num, rest = _split_number(h.text)
            if e.number is not None and num != e.number:
                continue
            if e.number is None and num is not None:
                continue
            _, etitle = _split_number(e.title)
            score = _title_similarity(rest, etitle)
            if score >= 0.6:
                best, best_score = k, score
                break
            if score > best_score and score >= 0.35:
                best, best_score = k, score
        if best is not None:
            matched[ei] = best
            hk = best + 1
    return matched


def _build_nodes(text: str, headings: list[_Heading]) -> tuple[list[_Node], list[OutlineEntry], tuple | None]:
    entries, toc = _parse_toc(text, headings)
    nodes: list[_Node] = []
    if entries and toc:
        matched = _align(entries, headings, toc)
        if len(matched) < max(1, len(entries) // 2):
            raise CorpusError(
                f"the table of contents lists {len(entries)} entries but only {len(matched)} match a heading"
            )
        stack: list[tuple[int, str, str]] = []  # (depth, id, title)
        for ei, e in enumerate(entries):
            depth = e.depth
            while stack and stack[-1][0] >= depth:
                stack.pop()
            sid = _section_id(e.number, e.title)
            path = tuple(s[1] for s in stack) + (sid,)
            titles = tuple(s[2] for s in stack)
            h = headings[matched[ei]] if ei in matched else None
            title = h.text if h else e.title
            stack.append((depth, sid, title))
            if h is not None:
                nodes.append(_Node(sid, title, e.page, path, titles + (title,), h))
        toc_start, toc_end = toc
        first_body = nodes[0].heading.start if nodes else len(text)
        last = nodes[-1].heading if nodes else None
        # Unlisted top-level headings before the TOC (はじめに) and after the
        # last listed section (a committee list, an appendix) are sections too.
        extra = []
        for h in headings:
            if h.start < toc_start and h.depth <= 2 and h is not headings[0]:
                extra.append(h)
            elif h.start < toc_start and h is headings[0] and h.depth >= 2:
                extra.append(h)
            elif last is not None and h.start > last.start and h.depth <= 2:
                num, _ = _split_number(h.text)
                if num is None and not any(n.heading is h for n in nodes):
                    extra.append(h)
        for h in extra:
            sid = _section_id(None, h.text)
            nodes.append(_Node(sid, h.text, None, (sid,), (h.text,), h))
        nodes.sort(key=lambda n: n.heading.start)
        del first_body
    else:
        nodes = _nodes_from_headings(headings)
        toc = None
    if not nodes:
        raise CorpusError("no recognisable section headings (Markdown '#' lines) found")
    return nodes, entries, toc


def _nodes_from_headings(headings: list[_Heading]) -> list[_Node]:
    """Fallback outline for a report with no 目次: numbered headings and
    shallow unnumbered ones become sections."""
    nodes: list[_Node] = []
    titles: dict[str, str] = {}
    seen: set[str] = set()
    for k, h in enumerate(headings):
        num, _ = _split_number(h.text)
        if num:
            if num in seen:
                continue  # a figure reusing a number: content of the current section
            parts = num.split(".")
            path = tuple(".".join(parts[: i + 1]) for i in range(len(parts)))
            titles[num] = h.text
            nodes.append(_Node(num, h.text, None, path, tuple(titles.get(p, p) for p in path), h))
            seen.add(num)
        elif h.depth <= 2 and (k > 0 or h.depth == 2):
            sid = _section_id(None, h.text)
            if sid in seen:
                continue
            nodes.append(_Node(sid, h.text, None, (sid,), (h.text,), h))
            seen.add(sid)
    return nodes


# --------------------------------------------------------------------------
# Passages
# --------------------------------------------------------------------------


@dataclass
class _Unit:
    field: str
    span: Span
    kind: str  # "row", "para", "note"


def _split_sentences(span: Span) -> list[tuple[int, int]]:
    """Sentence boundaries in clean text: after 。！？ outside brackets, and
    at line breaks (list items are sentences of their own)."""
    text = span.text()
    out = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch == "\n" or (ch in _SENT_END and depth == 0):
            j = i + 1 if ch != "\n" else i
            if text[start:j].strip():
                out.append((start, j))
            start = i + 1
            if ch == "\n":
                depth = 0
    if text[start:].strip():
        out.append((start, len(text)))
    # trim whitespace inside each range
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def sentences(text: str) -> list[tuple[int, int]]:
    """Public sentence splitter over clean text (used by the answer builder)."""
    sp = Span(list(text), list(range(len(text))))
    return _split_sentences(sp)


def _chunk(span: Span, limit: int) -> list[Span]:
    if len(span) <= limit:
        return [span]
    pieces: list[Span] = []
    cur_a = None
    cur_b = None
    for a, b in _split_sentences(span):
        if cur_a is None:
            cur_a, cur_b = a, b
        elif b - cur_a <= limit:
            cur_b = b
        else:
            pieces.append(span.slice(cur_a, cur_b).strip())
            cur_a, cur_b = a, b
    if cur_a is not None:
        pieces.append(span.slice(cur_a, cur_b).strip())
    return [p for p in pieces if len(p)]


def _split_row(line: str, line_off: int) -> list[tuple[str, int]]:
    cells = []
    pos = 0
    for part in line.split("\t"):
        cells.append((part, line_off + pos))
        pos += len(part) + 1
    return cells


def _row_label(cells: list[tuple[str, int]]) -> str:
    return compact(strip_markup(cells[0][0])) if cells else ""


def _field_label(raw: str) -> str:
    """``ISMS との関連性`` -> ``ISMSとの関連性``: drop the spaces a PDF
    conversion put between scripts, keep them between two Latin words."""
    s = strip_markup(raw)
    s = re.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", s)
    return s.strip() or BODY_FIELD


def _body_units(text: str, start: int, end: int, vocab: _TableVocabulary) -> list[_Unit]:
    """Turn a section body into units: table rows, paragraphs, footnotes,
    with sub-part headings switching the field label."""
    units: list[_Unit] = []
    lines = text[start:end].split("\n")
    offs = []
    p = start
    for line in lines:
        offs.append(p)
        p += len(line) + 1

    current_field = BODY_FIELD
    last_was_heading = True  # the section heading itself
    table: list[list[tuple[str, int]]] = []  # rows of cells
    para: list[tuple[str, int]] = []

    def flush_para() -> None:
        nonlocal para
        if not para:
            return
        first = para[0][0]
        raw_start = para[0][1]
        raw_end = para[-1][1] + len(para[-1][0])
        sp = clean_markup(text[raw_start:raw_end], raw_start)
        if len(sp):
            kind = "note" if _FOOTNOTE_START.match(first) else "para"
            units.append(_Unit(NOTE_FIELD if kind == "note" else current_field, sp, kind))
        para = []

    def flush_table() -> None:
        nonlocal table
        if not table:
            return
        units.extend(_table_units(text, table, vocab, current_field))
        table = []

    for line, off in zip(lines, offs):
        hm = _HEADING.match(line)
        if hm:
            flush_para()
            flush_table()
            title = _clean_title(hm.group(2))
            if not title:
                continue
            if last_was_heading:
                # a subtitle directly under a heading (English title, translation)
                sp = clean_markup(line[len(hm.group(1)) :], off + len(hm.group(1)))
                if len(sp):
                    units.append(_Unit(current_field, sp, "para"))
            else:
                current_field = title
            last_was_heading = True
            continue
        if "\t" in line:
            flush_para()
            table.append(_split_row(line, off))
            last_was_heading = False
            continue
        if not line.strip():
            flush_para()
            continue
        if table:
            flush_table()
        # A footnote starts its own paragraph even without a blank line.
        if para and _FOOTNOTE_START.match(line):
            flush_para()
        para.append((line, off))
        last_was_heading = False
    flush_para()
    flush_table()
    return units


def _table_units(
    text: str, rows: list[list[tuple[str, int]]], vocab: _TableVocabulary, current_field: str
) -> list[_Unit]:
    """A label/value table yields one unit per field; any other table
    yields its rows as lines under the current field (or its header)."""
    # Merge continuation rows (first cell empty: a row broken by a page break).
    merged: list[list[tuple[str, int]]] = []
    for cells in rows:
        if merged and not cells[0][0].strip():
            merged[-1].extend(c for c in cells[1:] if c[0].strip())
        else:
            merged.append([c for c in cells if c[0].strip()] or cells[:1])
    if merged and compact(strip_markup("\t".join(x[0] for x in merged[0]))) in vocab.headers:
        merged = merged[1:]  # the header row ("調査・分析項目 / 詳細")
    labels = [_row_label(c) for c in merged]
    record = sum(1 for lab in labels if vocab.is_field(lab)) >= max(2, (len(labels) + 1) // 2)
    units: list[_Unit] = []
    if record:
        for cells, lab in zip(merged, labels):
            if not vocab.is_field(lab):
                continue
            value = Span()
            for cell, coff in cells[1:]:
                sp = clean_markup(cell, coff)
                if len(sp):
                    if len(value):
                        value.add("\n", coff - 1)
                    value.extend(sp)
            if len(value):
                units.append(_Unit(_field_label(cells[0][0]), value, "row"))
        return units
    body = Span()
    for cells in merged:
        line = Span()
        for cell, coff in cells:
            sp = clean_markup(cell, coff)
            if len(sp):
                if len(line):
                    line.add(" ", coff - 1)
                line.extend(sp)
        if len(line):
            if len(body):
                body.add("\n", line.offs[0] - 1)
            body.extend(line)
    if len(body):
        units.append(_Unit(current_field, body, "table"))
    return units


def _label_head(label: str) -> str:
    """``名称(発行者)`` and ``名称及び構成`` are both the 名称 field."""
    return re.split(r"[（(]|及び|並びに", label)[0] or label


@dataclass(frozen=True)
class _TableVocabulary:
    heads: frozenset[str]  # label heads that recur across tables: field names
    headers: frozenset[str]  # whole rows repeated verbatim: table header rows

    def is_field(self, label: str) -> bool:
        return _label_head(label) in self.heads


def _table_vocabulary(text: str) -> _TableVocabulary:
    """Row labels that recur across the report's tables are field names
    (名称, 対象, 概要・特徴 …) and rows repeated verbatim are headers
    (調査・分析項目 / 詳細); both derived from the text, not listed by hand."""
    heads: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for line in text.split("\n"):
        if "\t" in line and line.split("\t")[0].strip():
            label = compact(strip_markup(line.split("\t")[0]))
            if len(label) <= 30:
                heads[_label_head(label)] += 1
            rows[compact(strip_markup(line))] += 1
    return _TableVocabulary(
        frozenset(h for h, c in heads.items() if c >= 3),
        frozenset(r for r, c in rows.items() if c >= 3),
    )


def _passages_for(section_id: str, doc: str, units: list[_Unit], first_id: int) -> list[Passage]:
    out: list[Passage] = []
    # Consecutive short units of the same field and kind share a passage.
    groups: list[tuple[str, Span]] = []
    for u in units:
        if (
            groups
            and groups[-1][0] == u.field
            and u.kind in ("para", "note")
            and len(groups[-1][1]) + 1 + len(u.span) <= MAX_PASSAGE_CHARS
            and groups[-1][2] == u.kind
        ):
            g = groups[-1][1]
            g.add("\n", u.span.offs[0] - 1 if u.span.offs else g.offs[-1])
            g.extend(u.span)
        else:
            groups.append((u.field, Span(list(u.span.chars), list(u.span.offs)), u.kind))
    for fld, sp, _kind in groups:
        for piece in _chunk(sp, MAX_PASSAGE_CHARS):
            out.append(
                Passage(
                    id=first_id + len(out),
                    section_id=section_id,
                    field=fld,
                    text=piece.text(),
                    start=piece.offs[0],
                    end=piece.offs[-1] + 1,
                    offsets=tuple(piece.offs),
                    doc=doc,
                )
            )
    return out


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def read_corpus_file(path: str | Path) -> str:
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file")
    if p.is_dir():
        raise CorpusError(f"{p}: is a directory, expected a Markdown/text report")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CorpusError(f"{p}: cannot read ({e.strerror})") from None
    if not data.strip():
        raise CorpusError(f"{p}: file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{p}: not UTF-8 text (bad byte at offset {e.start}); convert it to UTF-8") from None
    if "\x00" in text:
        raise CorpusError(f"{p}: contains NUL bytes; not a text report")
    return text.replace("\r\n", "\n") if "\r\n" in text else text


def segment_text(text: str, doc: str = "report", first_passage_id: int = 0) -> Document:
    headings = _headings(text)
    if not headings:
        raise CorpusError("no recognisable section headings (Markdown '#' lines) found")
    nodes, entries, toc = _build_nodes(text, headings)
    vocab = _table_vocabulary(text)

    sections: list[Section] = []
    passages: list[Passage] = []
    seen: set[str] = set()

    def add_section(node: _Node, start: int, end: int, body_start: int) -> None:
        skip = toc if toc and start <= toc[0] < end else None
        ranges = [(body_start, end)] if not skip else [(body_start, skip[0]), (skip[1], end)]
        if skip and not text[skip[1] : end].strip(" \t\n#"):
            end = skip[0]  # the 目次 closes this section; it belongs to none
        units: list[_Unit] = []
        for a, b in ranges:
            if b > a:
                units.extend(_body_units(text, a, b, vocab))
        ps = _passages_for(node.id, doc, units, first_passage_id + len(passages))
        if not ps or node.id in seen:
            return
        seen.add(node.id)
        sections.append(
            Section(node.id, node.title, node.path, node.page, start, end, doc, node.path_titles)
        )
        passages.extend(ps)

    # Title page: everything before the first section heading.
    first = nodes[0].heading.start
    title = headings[0].text if headings[0].start < first else ""
    if first > 0 and strip_markup(text[:first]).strip():
        tp = _Node(TITLE_PAGE_ID, title or TITLE_PAGE_ID, None, (TITLE_PAGE_ID,), (title,), None)
        units = _body_units(text, 0, first, vocab)
        ps = _passages_for(TITLE_PAGE_ID, doc, units, first_passage_id)
        if ps:
            sections.append(Section(TITLE_PAGE_ID, tp.title, tp.path, None, 0, first, doc, tp.path_titles))
            passages.extend(ps)
            seen.add(TITLE_PAGE_ID)

    for k, node in enumerate(nodes):
        start = node.heading.start
        end = nodes[k + 1].heading.start if k + 1 < len(nodes) else len(text)
        add_section(node, start, end, node.heading.body_start)

    if not passages:
        raise CorpusError("no text found under the headings")
    return Document(doc, Path(doc), text, sections, passages, title, entries)


def load_document(path: str | Path, doc: str | None = None, first_passage_id: int = 0) -> Document:
    p = Path(path)
    text = read_corpus_file(p)
    try:
        d = segment_text(text, doc or p.stem, first_passage_id)
    except CorpusError as e:
        raise CorpusError(f"{p}: {e}") from None
    d.path = p
    return d


def load_corpus(paths: list[str | Path]) -> list[Document]:
    """Several reports: passage ids stay unique across them; when more than
    one report is loaded, section ids are qualified as ``doc/id``."""
    docs: list[Document] = []
    next_id = 0
    for p in paths:
        d = load_document(p, first_passage_id=next_id)
        next_id += len(d.passages)
        docs.append(d)
    if len({d.doc for d in docs}) != len(docs):
        raise CorpusError("two corpus files share a name; rename one so citations stay unambiguous")
    if len(docs) > 1:
        docs = [_qualify(d) for d in docs]
    return docs


def _qualify(d: Document) -> Document:
    def q(sid: str) -> str:
        return f"{d.doc}/{sid}"

    sections = [
        Section(q(s.id), s.title, tuple(q(p) for p in s.path), s.page, s.start, s.end, s.doc, s.path_titles)
        for s in d.sections
    ]
    passages = [
        Passage(p.id, q(p.section_id), p.field, p.text, p.start, p.end, p.offsets, p.doc) for p in d.passages
    ]
    return Document(d.doc, d.path, d.text, sections, passages, d.title, d.outline)


def short_title(title: str) -> str:
    """``2.3.4 クラウドコンピューティング…カタログ（C5）（ドイツ）`` -> ``C5（ドイツ）``:
    a long name followed by its Latin acronym in brackets is shown by the acronym."""
    _, rest = _split_number(title)
    m = re.match(r"^(.{8,}?)\s*[（(]\s*([A-Za-z][A-Za-z0-9 .\-+/&]*)\s*[)）]\s*(.*)$", rest)
    if m and len(m.group(2)) <= 12:
        return (m.group(2) + m.group(3)).strip()
    return rest
