"""HTML for the chat UI: answers with citation badges, the sources panel,
the section viewer and the table of contents.

Every piece of text that reaches the page (the user's question, the report's
own text, section titles, notices) goes through :func:`esc` — nothing is ever
interpolated raw. Clickable things carry ``data-section`` (and, for a cited
passage, ``data-passage``); one document-level click handler in ``app.py``
turns a click on any of them into "open this section in the viewer".

The functions here only read from an :class:`assistant.core.Assistant` (or
anything with ``sections``, ``index.passage`` and ``section_passages``), so
they can be called from several request threads at once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from assistant.export import strip_bullet
from assistant.segment import short_title
from assistant.types import Answer, Citation, Passage, Section, TableCell

ABSTAIN_HEAD = "この報告書には記載がありません"
ABSENT = "記載なし"
#: answer shapes whose cited lines are items of a list
LIST_SHAPES = ("list", "enumeration")
_LABEL = re.compile(r"［([^\s］]+)[^］]*］")


def esc(text: object) -> str:
    """Escape text for HTML element content and (quoted) attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def _lines(text: str) -> str:
    """Escaped text with newlines as <br> (no raw newlines reach Markdown)."""
    return "<br>".join(esc(x) for x in str(text).split("\n"))


# ---------------------------------------------------------------- small pieces


def target(section_id: str, passage_id: int | None = None, start: int | None = None) -> str:
    """The fragment a clickable element points at: ``#s=2.3.4&p=103``.

    Chat messages go through Gradio's HTML sanitiser, which drops ``data-*``
    attributes but keeps ``href``; so every link into the report is an anchor
    with this fragment, and the page's click handler opens the section
    instead of following it (the fragment also deep-links: opening the page
    at ``…/#s=2.3.4`` shows that section)."""
    frag = "#s=" + quote(str(section_id), safe="")
    if passage_id is not None and passage_id >= 0:
        frag += f"&p={int(passage_id)}"
        if start is not None and start >= 0:
            # two sentences of one passage are two badges: each focuses its own quote
            frag += f"&c={int(start)}"
    return frag


def badge(
    section_id: str, label: str = "", passage_id: int | None = None, cls: str = "cite", text: str = "",
    start: int | None = None,
) -> str:
    """A clickable citation badge ``［2.3.4 C5 › 概要・特徴 · p.15］`` (``text``,
    default the section id) that opens the section viewer."""
    tip = f"{label} — クリックで本文を表示" if label else "クリックで本文を表示"
    return (
        f'<a class="{cls}" href="{esc(target(section_id, passage_id, start))}" title="{esc(tip)}">'
        f"［{esc(text or section_id)}］</a>"
    )


def page_suffix(page: int | None) -> str:
    """`` · p.15`` when the 目次 gives the section's page."""
    return f" · p.{int(page)}" if page is not None else ""


def cite_badge(c: Citation, short: bool = False) -> str:
    """A citation's badge: ``［2.3.4 C5 › 概要・特徴 · p.15］``, or in a table
    cell, where row and column already say scheme and aspect, ``［2.3.4 · p.15］``."""
    full = cite_label(c) + page_suffix(c.page)
    text = (c.section_id + page_suffix(c.page)) if short else full
    return badge(c.section_id, full, c.passage_id, text=text, start=c.start)


def section_link(sec: Section, cls: str = "sec-link") -> str:
    """A clickable chip ``2.3.5 IRAP（オーストラリア）`` (related sections)."""
    name = short_title(sec.title) or sec.title
    same = name.replace(" ", "") == sec.id.replace(" ", "")
    text = name if same else f"{sec.id} {name}"
    return (
        f'<a class="{cls}" href="{esc(target(sec.id))}" '
        f'title="{esc(sec.title)} — クリックで本文を表示">{esc(text)}</a>'
    )


def title_html(section_id: str, title: str) -> str:
    """``2.3.4 クラウド…`` with the section number emphasised (the number is
    added when the printed title does not start with it, e.g. はじめに)."""
    if title.startswith(section_id):
        return f'<span class="sid">{esc(section_id)}</span>{esc(title[len(section_id) :])}'
    if title.replace(" ", "") == section_id.replace(" ", ""):
        return f'<span class="sid">{esc(title)}</span>'
    return f'<span class="sid">{esc(section_id)}</span> {esc(title)}'


def cite_label(c: Citation) -> str:
    name = short_title(c.title)
    if not name or name.replace(" ", "") == c.section_id.replace(" ", ""):
        return f"{c.section_id} › {c.field}"  # はじめに, おわりに: the id is the title
    return f"{c.section_id} {name} › {c.field}"


def highlight(text: str, spans: Iterable[tuple[int, int]], focus: Iterable[tuple[int, int]] = ()) -> str:
    """Escape ``text`` and wrap each (start, end) span in <mark>.

    Overlapping spans are merged; a span also in ``focus`` gets class="focus"
    (the passage whose badge was clicked), so the viewer can scroll to it.
    """
    focus = set(focus)
    merged: list[list] = []
    for a, b in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = merged[-1][2] or (a, b) in focus
        else:
            merged.append([a, b, (a, b) in focus])
    out, pos = [], 0
    for a, b, is_focus in merged:
        out.append(esc(text[pos:a]))
        cls = ' class="focus"' if is_focus else ""
        out.append(f"<mark{cls}>{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def quote_span(c: Citation, p: Passage) -> tuple[int, int] | None:
    """Where the citation's quoted text stands in its passage's clean text."""
    if p.offsets:
        # exact: the clean-text index whose source offset is the citation's start
        for i, off in enumerate(p.offsets):
            if off == c.start and p.text.startswith(c.text, i):
                return (i, i + len(c.text))
    i = p.text.find(c.text)
    return (i, i + len(c.text)) if i >= 0 else None


# ---------------------------------------------------------------- chat messages


PENDING = '<div class="pending" role="status"><span class="dot"></span><span class="dot"></span><span class="dot"></span> 報告書を検索しています…</div>'


def user_message(question: str) -> str:
    return f'<div class="q-text">{_lines(question)}</div>'


def answer_message(ans: Answer, sections: dict[str, Section]) -> str:
    """The assistant's chat message: quoted sentences each with a badge, or an
    abstention box with related sections. One line of HTML (so Markdown in
    the chatbot treats it as a raw HTML block and leaves the text alone)."""
    parts: list[str] = []
    if ans.searched_query and ans.searched_query != ans.question:
        parts.append(
            f'<div class="searched" title="会話の流れから補った検索語">検索: <span>{esc(ans.searched_query)}</span></div>'
        )
    for n in ans.notices:
        parts.append(f'<div class="notice">※ {esc(n)}</div>')
    if ans.abstained:
        parts.append(
            f'<div class="abstain" role="note"><div class="abstain-head">{ABSTAIN_HEAD}</div>'
            '<div class="abstain-body">質問に答える記述は見つかりませんでした。'
            "関連しそうな節を開いて確認してください。</div>"
        )
        rel = [sections[s] for s in ans.related if s in sections]
        if rel:
            parts.append('<div class="related">' + "".join(section_link(s) for s in rel) + "</div>")
        parts.append("</div>")
        return f'<div class="answer is-abstained">{"".join(parts)}</div>'

    table_cites = {_span(c) for c in _table_citations(ans)}
    listing = ans.shape in LIST_SHAPES
    items: list[str] = []
    frames: list[str] = []
    for line_html, c in answer_lines(ans, sections):
        if c is None:
            frames.append(f'<p class="a-line a-frame">{line_html}</p>')
        elif listing:
            items.append(f'<li class="a-item">{line_html}</li>')
        elif _span(c) not in table_cites:
            items.append(f'<p class="a-line">{line_html}</p>')
    parts.extend(frames)
    if ans.table is not None:
        parts.append(answer_table(ans))
    if listing and items:
        parts.append('<ul class="a-list">' + "".join(items) + "</ul>")
    else:
        parts.extend(items)
    rel = [sections[s] for s in ans.related if s in sections]
    if rel:
        parts.append(
            '<div class="related"><span class="related-label">関連:</span>'
            + "".join(section_link(s) for s in rel)
            + "</div>"
        )
    shape = ans.shape if ans.shape.isidentifier() else "lookup"
    return f'<div class="answer shape-{shape}">{"".join(parts)}</div>'


def answer_cites(ans: Answer) -> tuple[Citation, ...]:
    """The answer's citations and its table cells' (highlighted in 本文)."""
    out = list(ans.citations)
    seen = {_span(c) for c in out}
    for c in _table_citations(ans):
        if _span(c) not in seen:
            seen.add(_span(c))
            out.append(c)
    return tuple(out)


def _table_citations(ans: Answer) -> list[Citation]:
    return ans.table.citations() if ans.table is not None else []


def _span(c: Citation) -> tuple[str, int, int]:
    return (c.doc, c.start, c.end)


def answer_lines(ans: Answer, sections: dict[str, Section]) -> list[tuple[str, Citation | None]]:
    """Each non-empty line of the answer text as HTML, with the citation it
    quotes (its quote followed by the citation's badge) or None for a line of
    framing text (whose ``［id …］`` labels still become badges)."""
    out: list[tuple[str, Citation | None]] = []
    remaining = list(ans.citations)
    for line in ans.answer.split("\n"):
        if not line.strip():
            continue
        c = next((c for c in remaining if c.text and c.text in line), None)
        if c is None:
            out.append((_linkify_labels(line, sections), None))
            continue
        remaining.remove(c)
        i = line.index(c.text)
        rest = line[i + len(c.text) :]
        # the text's own ［2.3.4 …］ label is replaced by the clickable badge
        extra = "" if _LABEL.fullmatch(rest.strip()) else esc(rest)
        head = strip_bullet(line[:i])  # a list draws its own bullets
        lead = f'<span class="lead">{esc(head)}</span>' if head.strip() else ""
        out.append((f'{lead}<span class="quote">{esc(c.text)}</span>{extra}{cite_badge(c)}', c))
    return out


def table_cell(cell: TableCell, header: bool = False) -> str:
    tag = "th" if header else "td"
    scope = ' scope="row"' if header else ""
    if cell.absent:
        return f'<{tag}{scope} class="absent" title="報告書に記載がありません">{esc(cell.text or ABSENT)}</{tag}>'
    body = _lines(cell.text)
    if cell.citation is not None:
        body += cite_badge(cell.citation, short=True)
    for c in cell.more:
        body += f'<div class="cell-more">{_lines(c.text)}{cite_badge(c, short=True)}</div>'
    return f"<{tag}{scope}>{body}</{tag}>"


def answer_table(ans: Answer) -> str:
    """A comparison: one row per entity (its name in the first cell), each
    aspect's cited text with a badge that opens the passage."""
    t = ans.table
    assert t is not None
    width = max([len(t.columns)] + [len(r) for r in t.rows])
    head = "".join(f"<th>{esc(c)}</th>" for c in t.columns)
    head += "<th></th>" * (width - len(t.columns))
    rows = []
    for row in t.rows:
        cells = [table_cell(cell, header=(j == 0)) for j, cell in enumerate(row)]
        cells += ["<td></td>"] * (width - len(row))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="a-table-wrap"><table class="a-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _linkify_labels(line: str, sections: dict[str, Section]) -> str:
    """Escape a free line; any ``［id …］`` naming a known section becomes a badge."""
    out, pos = [], 0
    for m in _LABEL.finditer(line):
        sid = m.group(1)
        if sid not in sections:
            continue
        out.append(esc(line[pos : m.start()]))
        out.append(badge(sid, m.group(0).strip("［］"), text=sid + page_suffix(sections[sid].page)))
        pos = m.end()
    out.append(esc(line[pos:]))
    return "".join(out)


def chat_messages(turns: Sequence[Answer], sections: dict[str, Section]) -> list[dict]:
    msgs: list[dict] = []
    for a in turns:
        msgs.append({"role": "user", "content": user_message(a.question)})
        msgs.append({"role": "assistant", "content": answer_message(a, sections)})
    return msgs


# ---------------------------------------------------------------- sources panel

SOURCES_EMPTY = (
    '<div class="panel-empty"><p>質問すると、回答の根拠になった報告書の箇所がここに表示されます。</p>'
    '<p>回答中の <span class="cite demo">［2.3.4］</span> のようなバッジや出典をクリックすると、その節の全文を読めます。</p></div>'
)


def sources_panel(ans: Answer | None, assistant) -> str:
    if ans is None:
        return SOURCES_EMPTY
    sections = assistant.sections
    head = [f'<div class="src-head"><div class="src-q">質問: {esc(ans.question)}</div>']
    if ans.searched_query != ans.question:
        head.append(f'<div class="searched">検索: <span>{esc(ans.searched_query)}</span></div>')
    t = ans.timings_ms.get("total")
    if t is not None:
        head.append(f'<div class="timing">検索・回答 {t:.0f} ms</div>')
    head.append("</div>")
    body: list[str] = []
    if ans.abstained or not ans.citations:
        body.append(
            f'<div class="abstain"><div class="abstain-head">{ABSTAIN_HEAD}</div>'
            '<div class="abstain-body">引用できる記述がありません。近い節:</div></div>'
        )
        for sid in ans.related:
            if sid in sections:
                s = sections[sid]
                body.append(
                    f'<article class="src src-related" data-section="{esc(s.id)}" tabindex="0" role="button">'
                    f'<div class="src-title">{title_html(s.id, s.title)}</div>'
                    f'<div class="src-meta"><span class="path">{esc(" › ".join(s.path_titles or s.path))}</span></div>'
                    "</article>"
                )
        return "".join(head + body)
    for n, c in enumerate(ans.citations, 1):
        body.append(source_card(n, c, assistant))
    return "".join(head + body)


def source_card(n: int, c: Citation, assistant) -> str:
    text_html = esc(c.text)
    p = None
    if c.passage_id is not None and c.passage_id >= 0:
        try:
            p = assistant.index.passage(c.passage_id)
        except (IndexError, KeyError, AttributeError):
            p = None
    if p is not None:
        span = quote_span(c, p)
        text_html = highlight(p.text, [span] if span else [])
        if not span:
            text_html = f"<mark>{esc(c.text)}</mark>"
    pid = f' data-passage="{int(c.passage_id)}"' if c.passage_id is not None and c.passage_id >= 0 else ""
    return (
        f'<article class="src" data-section="{esc(c.section_id)}"{pid} tabindex="0" role="button" '
        f'title="クリックで {esc(c.section_id)} の全文を表示">'
        f'<div class="src-title"><span class="n">{n}</span>{title_html(c.section_id, c.title)}</div>'
        f'<div class="src-meta"><span class="field">{esc(c.field)}</span>'
        + (f'<span class="page">p.{int(c.page)}</span>' if c.page is not None else "")
        + f'<span class="score">score {float(c.score):.2f}</span>'
        f'<span class="path">{esc(c.path)}</span></div>'
        f'<div class="passage">{text_html}</div>'
        f'<div class="src-open">節の全文を読む →</div>'
        "</article>"
    )


# ---------------------------------------------------------------- section viewer

VIEWER_EMPTY = (
    '<div class="panel-empty"><p>回答の出典バッジ、出典カード、または「目次」の項目をクリックすると、'
    "その節の全文がここに表示されます。</p></div>"
)


def section_viewer(
    section_id: str, assistant, cites: Sequence[Citation] = (), focus_passage: int | None = None,
    focus_start: int | None = None,
) -> str:
    """All passages of a section with field labels; spans quoted in ``cites``
    (the latest answer) are highlighted, those of ``focus_passage`` marked focus
    (only the one starting at ``focus_start`` when the badge said which)."""
    sections = assistant.sections
    sec = sections.get(section_id)
    if sec is None:
        return f'<div class="panel-empty">節 {esc(section_id)} はこの報告書にありません。</div>'
    passages = assistant.section_passages(section_id)
    crumbs = [t for t in (sec.path_titles or ())[:-1]]
    out = ['<div class="viewer" data-viewing="' + esc(sec.id) + '">']
    # on a phone the viewer sits below the chat: a way back up
    out.append('<a class="to-chat" href="#chat-col">↑ 会話に戻る</a>')
    if crumbs:
        out.append('<nav class="crumbs">' + " › ".join(esc(t) for t in crumbs) + "</nav>")
    out.append(f'<h3 class="v-title">{esc(sec.title)}</h3>')
    meta = []
    if sec.page is not None:
        meta.append(f"p.{int(sec.page)}")
    n_cited = sum(1 for c in cites if c.section_id == sec.id)
    if n_cited:
        meta.append(f"回答で引用: {n_cited} 箇所（黄色）")
    if meta:
        out.append(f'<div class="v-meta">{" · ".join(esc(m) for m in meta)}</div>')
    last_field = None
    for p in passages:
        spans, focus = [], []
        for c in cites:
            if c.passage_id == p.id:
                sp = quote_span(c, p)
                if sp:
                    spans.append(sp)
                    if focus_passage is not None and p.id == focus_passage and focus_start in (None, c.start):
                        focus.append(sp)
        if p.field != last_field:
            out.append(f'<div class="v-field">{esc(p.field)}</div>')
            last_field = p.field
        cls = "v-passage cited" if spans else "v-passage"
        if focus_passage is not None and p.id == focus_passage:
            cls += " focus"  # the passage a badge pointed at, even without a quote in it
        out.append(f'<div class="{cls}" data-pid="{int(p.id)}">{highlight(p.text, spans, focus)}</div>')
    if not passages:
        out.append('<div class="v-passage muted">（この節には本文がありません）</div>')
    # previous / next section, so the report can be read in order
    ids = [s.id for s in assistant.outline()]
    i = ids.index(sec.id)
    nav = []
    if i > 0:
        prev = sections[ids[i - 1]]
        nav.append(f'<a class="v-nav" href="{esc(target(prev.id))}">← {esc(prev.title)}</a>')
    if i + 1 < len(ids):
        nxt = sections[ids[i + 1]]
        nav.append(f'<a class="v-nav next" href="{esc(target(nxt.id))}">{esc(nxt.title)} →</a>')
    if nav:
        out.append('<div class="v-navs">' + "".join(nav) + "</div>")
    out.append("</div>")
    return "".join(out)


# ---------------------------------------------------------------- table of contents


def toc(outline: Sequence[Section]) -> str:
    """The report's outline, indented by depth. Intermediate headings that are
    not sections of their own (e.g. 2.1, 2.3) are shown as group labels."""
    out = ['<nav class="toc" aria-label="目次">']
    seen_groups: set[str] = set()
    ids = {s.id for s in outline}
    for s in outline:
        titles = list(s.path_titles) if s.path_titles else []
        for depth, pid in enumerate(s.path[:-1]):
            if pid in ids or pid in seen_groups:
                continue
            seen_groups.add(pid)
            label = titles[depth] if depth < len(titles) else pid
            out.append(f'<div class="toc-group" style="--depth:{depth}">{esc(label)}</div>')
        depth = len(s.path) - 1
        page = f'<span class="toc-page">p.{int(s.page)}</span>' if s.page is not None else ""
        out.append(
            f'<a class="toc-item" href="{esc(target(s.id))}" style="--depth:{depth}">'
            f'<span class="toc-title">{esc(s.title)}</span>{page}</a>'
        )
    out.append("</nav>")
    return "".join(out)
