"""The outline of a report: its sections, found by aligning the body's
headings to the table of contents (目次) in order, by number and title, or
from the numbered headings when there is no 目次."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from .japanese import compact
from .markup import HEADING, clean_title

_TOC_TITLE = re.compile(r"^(目\s*次|contents|table of contents)$", re.I)
_TOC_LINE = re.compile(r"^(?P<title>.+?)(?:\t+|\s*\.{3,}\s*|\s*…+\s*|\s{2,})(?P<page>\d{1,4})\s*$")
# A section number: "2.3.4 …", "1. 概要", "1.概要", "2.1国内" (see split_number).
_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<sep>\.?[ \t\u3000]+|\.|)(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class OutlineEntry:
    """A node of the table of contents, with or without own text."""

    number: str | None
    title: str
    page: int | None
    depth: int


@dataclass
class Heading:
    """A Markdown heading line of the body."""

    line_no: int
    start: int  # offset of the heading line
    body_start: int  # offset just after the heading line
    depth: int
    text: str  # cleaned heading text


@dataclass
class OutlineNode:
    """A section of the outline, with the heading that opens it."""

    id: str
    title: str
    page: int | None
    path: tuple[str, ...]
    path_titles: tuple[str, ...]
    heading: Heading | None
    start: int = 0
    end: int = 0


def split_number(title: str) -> tuple[str | None, str]:
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


def find_headings(text: str) -> list[Heading]:
    """Every non-empty Markdown heading of ``text``, in order."""
    out = []
    pos = 0
    for no, line in enumerate(text.split("\n")):
        m = HEADING.match(line)
        if m:
            cleaned = clean_title(m.group(2))
            if cleaned:
                out.append(Heading(no, pos, min(len(text), pos + len(line) + 1), len(m.group(1)), cleaned))
        pos += len(line) + 1
    return out


def _parse_toc(text: str, headings: list[Heading]) -> tuple[list[OutlineEntry], tuple[int, int] | None]:
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
                title = clean_title(m.group("title"))
                num, _ = split_number(title)
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


def _align(entries: list[OutlineEntry], headings: list[Heading], exclude: set[int]) -> dict[int, int]:
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
            num, rest = split_number(h.text)
            by_number.setdefault(num, []).append((k, rest))
    for ei, e in enumerate(entries):
        _, etitle = split_number(e.title)
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


def build_outline(
    text: str, headings: list[Heading]
) -> tuple[list[OutlineNode], list[OutlineEntry], tuple[int, int] | None]:
    """The sections (possibly none), the 目次's entries when the outline
    follows it (else none) and the (start, end) of the 目次 block."""
    entries, toc = _parse_toc(text, headings)
    nodes: list[OutlineNode] = []
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
                nodes.append(OutlineNode(sid, title, e.page, path, titles + (title,), h))
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
            num, _ = split_number(h.text)
            sid = _section_id(None, h.text)
            if sid not in ids and (h.start < first or (h.start > last and num is None)):
                nodes.append(OutlineNode(sid, h.text, None, (sid,), (h.text,), h))
                ids.add(sid)
        nodes.sort(key=lambda n: n.heading.start)
    else:
        nodes = _nodes_from_headings([h for k, h in enumerate(headings) if k not in in_toc])
        entries = []
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


def _nodes_from_headings(headings: list[Heading]) -> list[OutlineNode]:
    """Fallback outline for a report with no 目次: numbered headings that
    follow the outline order and shallow unnumbered ones become sections."""
    numbers = {k: split_number(h.text)[0] for k, h in enumerate(headings)}
    chain = _outline_chain([(k, _number_key(num)) for k, num in numbers.items() if num])
    nodes: list[OutlineNode] = []
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
            nodes.append(OutlineNode(num, h.text, None, path, tuple(titles.get(p, p) for p in path), h))
            seen.add(num)
        elif h.depth <= 2 and (k > 0 or h.depth == 2):
            sid = _section_id(None, h.text)
            if sid in seen:
                continue
            nodes.append(OutlineNode(sid, h.text, None, (sid,), (h.text,), h))
            seen.add(sid)
    return nodes
