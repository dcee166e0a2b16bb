"""Passages of a section body: one per table field (名称 / 対象 / 概要・特徴
…), per sub-part heading (SOC2, NIST SP 800-53 …) and per footnote block,
with long runs split at sentence ends into pieces of at most
``MAX_PASSAGE_CHARS``, each with a per-character map back to the source."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .japanese import compact
from .markup import HEADING, Span, clean_markup, clean_title, strip_markup
from .types import Passage

MAX_PASSAGE_CHARS = 400
BODY_FIELD = "本文"
NOTE_FIELD = "注記"

_FOOTNOTE_START = re.compile(r"^\s*(?:※\s*\d*|\(※\)|\\?\*\s|<sup>\s*\d+\s*</sup>|\d+\)\s)")
_SENT_END = set("。！？!?")
_OPEN = "（(「『【［[〔"
_CLOSE = "）)」』】］]〕"


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


def _body_units(text: str, start: int, end: int, vocab: TableVocabulary) -> list[_Unit]:
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
        hm = HEADING.match(line)
        if hm:
            flush_para()
            flush_table()
            after_para = False
            title = clean_title(hm.group(2))
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
    text: str, rows: list[list[tuple[str, int]]], vocab: TableVocabulary, current_field: str
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
class TableVocabulary:
    heads: frozenset[str]  # label heads that recur across tables: field names
    headers: frozenset[str]  # whole rows repeated verbatim: table header rows

    def is_field(self, label: str) -> bool:
        return _label_head(label) in self.heads


def table_vocabulary(text: str) -> TableVocabulary:
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
    return TableVocabulary(
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


def passages_in(
    text: str, start: int, end: int, vocab: TableVocabulary, section_id: str, doc: str, first_id: int
) -> list[Passage]:
    """The passages of the body ``text[start:end]`` of one section, numbered
    from ``first_id``."""
    return _passages_for(section_id, doc, _body_units(text, start, end, vocab), first_id, text)
