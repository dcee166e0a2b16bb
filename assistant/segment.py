"""Segment a Markdown-from-PDF report into sections and passages.

The table of contents (目次) is the authoritative outline: headings in the
body are aligned to it in order, by number and title, which is what keeps a
figure's headings (``## 2.1 国内`` inside 1.2) out of chapter 2 and makes
inconsistent heading depths irrelevant. Reports without a 目次 fall back to
their numbered headings (``outline.py``).

Passages follow the report's own structure: one per table field (名称 / 対象 /
概要・特徴 …), per sub-part heading (SOC2, NIST SP 800-53 …) and per footnote
block, with long runs split at sentence ends into pieces of at most
``MAX_PASSAGE_CHARS`` (``passages.py``). Each passage keeps a per-character
map back to the source file (``markup.py``) so any quoted sentence can be
highlighted exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import AssistantError
from .markup import clean_markup, strip_markup
from .outline import OutlineEntry, OutlineNode, build_outline, find_headings, split_number
from .passages import BODY_FIELD, MAX_PASSAGE_CHARS, NOTE_FIELD, passages_in, sentences, table_vocabulary
from .types import Passage, Section

# What callers of the segmenter use from its parts (tests, answering, indexing).
__all__ = [
    "BODY_FIELD",
    "MAX_PASSAGE_CHARS",
    "NOTE_FIELD",
    "SEGMENTER_VERSION",
    "TITLE_PAGE_FIELD",
    "TITLE_PAGE_ID",
    "CorpusError",
    "Document",
    "OutlineEntry",
    "clean_markup",
    "load_corpus",
    "load_document",
    "read_corpus_file",
    "segment_text",
    "sentences",
    "short_title",
    "strip_markup",
]

SEGMENTER_VERSION = "seg-3"

TITLE_PAGE_ID = "表紙"
TITLE_PAGE_FIELD = "表題・発行日・発行者"


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
    headings = find_headings(text)
    nodes, entries, toc = build_outline(text, headings) if headings else ([], [], None)
    if not nodes:
        raise CorpusError("no recognisable section headings (Markdown '#' lines) found")
    vocab = table_vocabulary(text)

    sections: list[Section] = []
    passages: list[Passage] = []
    seen: set[str] = set()

    def add_section(node: OutlineNode, start: int, end: int, body_start: int) -> None:
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
                next_id = first_passage_id + len(passages) + len(ps)
                ps.extend(passages_in(text, a, b, vocab, sid, doc, next_id))
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
        add_section(OutlineNode(TITLE_PAGE_ID, tp_title, None, (TITLE_PAGE_ID,), (tp_title,), None), 0, first, 0)

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
    _, rest = split_number(title)
    m = re.match(r"^(.{8,}?)\s*[（(]\s*([A-Za-z][A-Za-z0-9 .\-+/&]*)\s*[)）]\s*(.*)$", rest)
    if m and len(m.group(2)) <= 12:
        return (m.group(2) + m.group(3)).strip()
    return rest
