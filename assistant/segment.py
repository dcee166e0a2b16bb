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

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import AssistantError
from .japanese import compact
from .types import Passage, Section

SEGMENTER_VERSION = "seg-3"
MAX_PASSAGE_CHARS = 400

TITLE_PAGE_ID = "表紙"
TITLE_PAGE_FIELD = "表題・発行日・発行者"
BODY_FIELD = "本文"
NOTE_FIELD = "注記"

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
_TOC_TITLE = re.compile(r"^(目\s*次|contents|table of contents)$", re.I)
_TOC_LINE = re.compile(r"^(?P<title>.+?)(?:\t+|\s*\.{3,}\s*|\s*…+\s*|\s{2,})(?P<page>\d{1,4})\s*$")
# A section number: "2.3.4 …", "1. 概要", "1.概要", "2.1国内" (see _split_number).
_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<sep>\.?[ \t\u3000]+|\.|)(?P<rest>.*)$", re.S)
_FOOTNOTE_START = re.compile(r"^\s*(?:※\s*\d*|\(※\)|\\?\*\s|<sup>\s*\d+\s*</sup>|\d+\)\s)")
# An autolink <https://…> (its URL is text; also when the fragment ends
# before its ">"), or an HTML tag: on one line, holding no other "<" (so
# "a < b … >" stays text).
_TAG = re.compile(
    r"<(?P<url>https?://[^<>\s]+)(?:>|(?=\s|$))|<(/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>\n]*>"
)
_URL_TAIL = re.compile(r"https?://[^\s<>]+$")
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
    a footnote mark such as ``<sup>※1</sup>`` is dropped inside a line and
    kept at the start of one (where it numbers the footnote), links keep
    their visible text, and heading marks (``## ``), bullets, ``**`` and
    ``\\*`` escapes are dropped. Runs of spaces collapse.
    """
    out = Span()
    i, n = 0, len(text)
    line_start = True
    while i < n:
        if text[i] == "#" and (i == 0 or text[i - 1] == "\n"):
            hm = _HEADING_MARK.match(text, i)
            if hm:
                i = hm.end()
                continue
        m = _TAG.match(text, i) if text[i] == "<" else None
        if m and m.group("name") and m.group("name").lower() == "sup" and not line_start:
            # An inline footnote mark: "ISAE 3000<sup>2</sup>" must not read "30002".
            close = text.find("</sup>", m.end())
            if close != -1 and close - m.end() <= 8:
                i = close + len("</sup>")
                continue
        if m:
            if m.group("url"):  # autolink <https://...>
                for k, ch in enumerate(m.group("url")):
                    out.add(ch, base + i + 1 + k)
                line_start = False
            elif m.group("name").lower() in _BLOCK_TAGS:
                if out.chars and out.chars[-1] != "\n":
                    out.add("\n", base + i)
                line_start = True
            i = m.end()
            continue
        ch = text[i]
        if ch == ">" and out.chars and _URL_TAIL.search("".join(out.chars[-300:])):
            i += 1  # the ">" closing an autolink whose "<" lies before this fragment
            continue
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
    """``2.3.4 C5`` -> (``2.3.4``, ``C5``). Up to three digits a level, and a
    bare number needs a dot or a space after it: ``2019年5月`` and ``27001
    の概要`` are titles, not numbered ones."""
    m = _NUMBER.match(title.strip())
    if m:
        rest = m.group("rest").strip()
        sep = m.group("sep")
        if rest and (sep or ("." in m.group("num") and not rest[0].isdigit())):
            return m.group("num"), rest
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
    """Entries of the 目次 and the (start, end) of the TOC block. A 目次
    without parsable entries (no page numbers) is still returned as a block,
    with no entries, so that it is skipped as content."""
    first: tuple[int, int] | None = None
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
            first = first or (h.start, end)
    return [], first


def _title_similarity(a: str, b: str) -> float:
    """1.0 for the same title; a title contained in the other scores by how
    much of it it covers (the figure's ``国内`` vs ``国内の制度・ガイドライン等``)."""
    a, b = compact(a), compact(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        short, long_ = sorted((a, b), key=len)
        return 0.6 + 0.4 * len(short) / len(long_)
    return difflib.SequenceMatcher(None, a, b).ratio()


def _section_id(number: str | None, title: str) -> str:
    if number:
        return number
    return re.sub(r"\s+", "", title)


def _align(entries: list[OutlineEntry], headings: list[_Heading], exclude: set[int]) -> dict[int, int]:
    """Map TOC entry index -> heading index, monotonically in document order.

    A numbered entry takes the best title match among the later headings
    with its number (so a figure's ``## 2.1 国内`` loses to ``### 2.1 国内の
    制度・ガイドライン等``), or the only such heading when none is similar;
    an unnumbered entry takes the first unnumbered heading that resembles it.
    """
    matched: dict[int, int] = {}
    hk = 0
    by_number: dict[str | None, list[tuple[int, str]]] = {}
    for k, h in enumerate(headings):
        if k not in exclude:
            num, rest = _split_number(h.text)
            by_number.setdefault(num, []).append((k, rest))
    for ei, e in enumerate(entries):
        _, etitle = _split_number(e.title)
        best, best_score = None, 0.0
        same_number = []
        for k, rest in by_number.get(e.number, ()):
            if k < hk:
                continue
            same_number.append(k)
            score = _title_similarity(rest, etitle)
            if e.number is None and score >= 0.6:
                best, best_score = k, score
                break
            if score > best_score and score >= 0.35:
                best, best_score = k, score
        if best is None and e.number is not None and len(same_number) == 1:
            best = same_number[0]
        if best is not None:
            matched[ei] = best
            hk = best + 1
    return matched


def _build_nodes(text: str, headings: list[_Heading]) -> tuple[list[_Node], list[OutlineEntry], tuple | None]:
    entries, toc = _parse_toc(text, headings)
    nodes: list[_Node] = []
    in_toc: set[int] = set()
    matched: dict[int, int] = {}
    if toc:
        toc_start, toc_end = toc
        in_toc = {k for k, h in enumerate(headings) if toc_start <= h.start < toc_end}
        title_k = 0 if headings[0].depth == 1 and headings[0].start < toc_start else None
        exclude = in_toc | ({title_k} if title_k is not None else set())
        matched = _align(entries, headings, exclude)
    # A 目次 that most headings do not follow is no outline: fall back to
    # the headings themselves (the 目次 block is still not content).
    if entries and toc and len(matched) >= max(1, len(entries) // 2):
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
        # Unlisted shallow headings before the first listed section (はじめに
        # ahead of the 目次) and unnumbered ones after the last (a committee
        # list, an appendix) are sections too; anything else unlisted is
        # content of the section it stands in.
        first = min(n.heading.start for n in nodes)
        last = max(n.heading.start for n in nodes)
        used = {matched[ei] for ei in matched} | exclude
        ids = {n.id for n in nodes}
        for k, h in enumerate(headings):
            if k in used or h.depth > 2:
                continue
            num, _ = _split_number(h.text)
            sid = _section_id(None, h.text)
            if sid not in ids and (h.start < first or (h.start > last and num is None)):
                nodes.append(_Node(sid, h.text, None, (sid,), (h.text,), h))
                ids.add(sid)
        nodes.sort(key=lambda n: n.heading.start)
    else:
        nodes = _nodes_from_headings([h for k, h in enumerate(headings) if k not in in_toc])
        entries = []
    if not nodes:
        raise CorpusError("no recognisable section headings (Markdown '#' lines) found")
    return nodes, entries, toc


def _number_key(num: str) -> tuple[int, ...]:
    return tuple(int(x) for x in num.split("."))


def _outline_chain(numbered: list[tuple[int, tuple[int, ...]]]) -> set[int]:
    """The longest run of numbered headings whose numbers increase in
    outline order (1 < 1.1 < 1.2 < 2 < 2.1 …). Headings off that run — a
    figure reusing chapter numbers, a repeated number — are content. Among
    equal numbers the later heading wins: a figure tends to preview the
    sections it names. (Patience sorting: O(n log n).)"""
    tails: list[int] = []  # tails[m]: the run of length m+1 ending on the smallest number
    prev = [-1] * len(numbered)
    for i, (_, key) in enumerate(numbered):
        pos = bisect.bisect_left(tails, key, key=lambda t: numbered[t][1])
        prev[i] = tails[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(i)
        else:
            tails[pos] = i
    keep = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(numbered[i][0])
        i = prev[i]
    return keep


def _nodes_from_headings(headings: list[_Heading]) -> list[_Node]:
    """Fallback outline for a report with no 目次: numbered headings that
    follow the outline order and shallow unnumbered ones become sections."""
    numbers = {k: _split_number(h.text)[0] for k, h in enumerate(headings)}
    chain = _outline_chain([(k, _number_key(num)) for k, num in numbers.items() if num])
    nodes: list[_Node] = []
    titles: dict[str, str] = {}
    seen: set[str] = set()
    for k, h in enumerate(headings):
        num = numbers[k]
        if num:
            if k not in chain or num in seen:
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
    kind: str  # "row", "para", "note", "table"


def _split_sentences(span: Span) -> list[tuple[int, int]]:
    """Sentence boundaries in clean text: after 。！？ outside brackets, and
    at line breaks (list items are sentences of their own). A "sentence"
    longer than ``MAX_PASSAGE_CHARS`` only because a bracket was never
    closed is split again at every 。！？."""
    text = span.text()
    out = []
    for a, b in _sentence_ranges(text, 0, len(text), brackets=True):
        if b - a > MAX_PASSAGE_CHARS:
            out.extend(_sentence_ranges(text, a, b, brackets=False))
        else:
            out.append((a, b))
    return out


def _sentence_ranges(text: str, lo: int, hi: int, brackets: bool) -> list[tuple[int, int]]:
    out = []
    depth = 0
    start = lo
    i = lo
    while i < hi:
        ch = text[i]
        if brackets and ch in _OPEN:
            depth += 1
        elif brackets and ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch == "\n" or (ch in _SENT_END and depth == 0):
            j = i
            if ch != "\n":
                while j + 1 < hi and text[j + 1] in _SENT_END:
                    j += 1  # "？！" ends one sentence
                j += 1
            out.append((start, j))
            start = j if ch != "\n" else i + 1
            i = j if ch != "\n" else i + 1
            depth = 0 if ch == "\n" else depth
            continue
        i += 1
    out.append((start, hi))
    # trim whitespace inside each range, drop empty ones
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
    after_para = False  # only blank lines since the last body paragraph

    def flush_para() -> None:
        nonlocal para, after_para
        if not para:
            return
        first = para[0][0]
        raw_start = para[0][1]
        raw_end = para[-1][1] + len(para[-1][0])
        sp = clean_markup(text[raw_start:raw_end], raw_start)
        para = []
        if not len(sp):
            return
        kind = "note" if _FOOTNOTE_START.match(first) else "para"
        prev = units[-1] if units else None
        if (
            kind == "para"
            and after_para
            and prev is not None
            and prev.kind == "para"
            and prev.field == current_field
            and _continues_sentence(prev.span, sp)
        ):
            prev.span.extend(sp)  # one sentence cut by a page break
        else:
            units.append(_Unit(NOTE_FIELD if kind == "note" else current_field, sp, kind))
        after_para = kind == "para"

    def flush_table() -> None:
        nonlocal table
        if not table:
            return
        units.extend(_table_units(text, table, vocab, current_field))
        table = []

    for line, off in zip(lines, offs, strict=True):
        hm = _HEADING.match(line)
        if hm:
            flush_para()
            flush_table()
            after_para = False
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
            after_para = False
            table.append(_split_row(line, off))
            last_was_heading = False
            continue
        if not line.strip():
            flush_para()
            continue
        if table:
            flush_table()
            after_para = False
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
    continued: set[int] = set()  # offsets of cells that continue the cell before
    for cells in rows:
        if merged and not cells[0][0].strip():
            more = [c for c in cells[1:] if c[0].strip()]
            if len(more) == 1:  # the rest of one cell; several cells are a sub-row
                continued.add(more[0][1])
            merged[-1].extend(more)
        else:
            merged.append([c for c in cells if c[0].strip()] or cells[:1])
    if merged and compact(strip_markup("\t".join(x[0] for x in merged[0]))) in vocab.headers:
        merged = merged[1:]  # the header row ("調査・分析項目 / 詳細")
    labels = [_row_label(c) for c in merged]
    record = sum(1 for lab in labels if vocab.is_field(lab)) >= max(2, (len(labels) + 1) // 2)
    units: list[_Unit] = []
    if record:
        # Every row is a field, the rare ones (備考) included: a record table
        # loses no text. A value cut by a page break is glued back together.
        for cells in merged:
            value = Span()
            for cell, coff in cells[1:]:
                sp = clean_markup(cell, coff)
                if len(sp):
                    if len(value):
                        sep = _continuation_joint(value.chars[-1], sp.chars[0], cell)
                        if coff not in continued:
                            sep = "\n"
                        if sep:
                            value.add(sep, coff - 1)
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
                body.add("\n", _gap_offset(text, body.offs[-1], line.offs[0]))
            body.extend(line)
    if len(body):
        units.append(_Unit(current_field, body, "table"))
    return units


def _continuation_joint(last: str, first: str, raw_next: str) -> str:
    """What stands between two pieces of text that a page break cut apart:
    nothing inside a Japanese sentence (``考慮`` + ``事項`` -> ``考慮事項``), a
    space inside a Latin phrase, a line break after a finished sentence or
    before a new list item."""
    if last in _SENT_END or last in _CLOSE or re.match(r"\s*<(?:li|ul|ol|p)\b", raw_next, re.I):
        return "\n"
    if last.isascii() or first.isascii():
        return " "
    return ""


def _continues_sentence(prev: Span, nxt: Span) -> bool:
    """A paragraph cut by a page break: the first part stops on a word
    (``…要件で``) and the next begins in the middle of a sentence (hiragana)."""
    if len(prev) < 20 or not len(nxt):
        return False
    last, first = prev.chars[-1], nxt.chars[0]
    return (
        not last.isascii()
        and unicodedata.category(last).startswith("L")
        and "\u3041" <= first <= "\u3096"
    )


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
    (名称, 対象, 概要・特徴 …) and a short row that opens several tables is
    their header (調査・分析項目 / 詳細); both derived from the text, not
    listed by hand. (A content row repeated verbatim is no header.)"""
    heads: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    in_table = False
    for line in text.split("\n"):
        if "\t" in line and line.split("\t")[0].strip():
            label = compact(strip_markup(line.split("\t")[0]))
            if len(label) <= 30:
                heads[_label_head(label)] += 1
            row = compact(strip_markup(line))
            if not in_table and len(row) <= 40 and not _SENT_END & set(row):
                rows[row] += 1
        if line.strip():
            in_table = "\t" in line
    return _TableVocabulary(
        frozenset(h for h, c in heads.items() if c >= 2),
        frozenset(r for r, c in rows.items() if c >= 2),
    )


def _gap_offset(text: str, a: int, b: int) -> int:
    """Where a separator joining clean text at source offsets ``a`` and ``b``
    points: the first line break (else whitespace) between them, so that
    every whitespace character of a passage maps to source whitespace."""
    for ch in "\n\t ":
        k = text.find(ch, a + 1, b)
        if k != -1:
            return k
    return a + 1 if a + 1 < b else b - 1


def _passages_for(
    section_id: str, doc: str, units: list[_Unit], first_id: int, text: str = ""
) -> list[Passage]:
    out: list[Passage] = []
    # Consecutive short units of the same field and kind share a passage when
    # nothing but whitespace and markup stands between them (no sub-part
    # heading, no dropped table row).
    groups: list[tuple[str, Span, str]] = []
    for u in units:
        if (
            groups
            and groups[-1][0] == u.field
            and u.kind in ("para", "note")
            and len(groups[-1][1]) + 1 + len(u.span) <= MAX_PASSAGE_CHARS
            and groups[-1][2] == u.kind
            and not strip_markup(text[groups[-1][1].offs[-1] + 1 : u.span.offs[0]]).strip()
        ):
            g = groups[-1][1]
            g.add("\n", _gap_offset(text, g.offs[-1], u.span.offs[0]))
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
        ranges = [(body_start, end)]
        if toc and start <= toc[0] < end:
            ranges = [(body_start, toc[0]), (toc[1], end)]
            if not text[toc[1] : end].strip(" \t\n#"):
                end = toc[0]  # the 目次 closes this section; it belongs to none
                ranges = ranges[:1]
        # Two sections with one id (a title used twice) keep all their text.
        sid, k = node.id, 2
        while sid in seen:
            sid, k = f"{node.id}-{k}", k + 1
        ps: list[Passage] = []
        for a, b in ranges:  # no passage reaches across the 目次
            if b > a:
                units = _body_units(text, a, b, vocab)
                ps.extend(_passages_for(sid, doc, units, first_passage_id + len(passages) + len(ps), text))
        if not ps:
            return
        if sid == TITLE_PAGE_ID:
            # What a title page holds, named the way readers ask for it.
            ps = [replace(p, field=TITLE_PAGE_FIELD) for p in ps]
        seen.add(sid)
        path = node.path[:-1] + (sid,)
        sections.append(Section(sid, node.title, path, node.page, start, end, doc, node.path_titles))
        passages.extend(ps)

    # Title page: everything before the first section heading (but not a
    # 目次 standing there).
    first = nodes[0].heading.start
    cover = [h for h in headings if h.start < first and not (toc and toc[0] <= h.start < toc[1])]
    title = cover[0].text if cover else ""
    if first > 0:
        tp_title = title or TITLE_PAGE_ID
        add_section(_Node(TITLE_PAGE_ID, tp_title, None, (TITLE_PAGE_ID,), (tp_title,), None), 0, first, 0)

    for k, node in enumerate(nodes):
        start = node.heading.start
        end = nodes[k + 1].heading.start if k + 1 < len(nodes) else len(text)
        add_section(node, start, end, node.heading.body_start)

    if not any(p.section_id != TITLE_PAGE_ID for p in passages):
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
