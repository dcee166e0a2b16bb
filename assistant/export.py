"""A conversation as Markdown: each question, its answer (a comparison as a
table, a list one item per line) and its citations with section, field and
page, so an answer can be filed or cited the way people cite a report.

One writer for both the page's 「Markdownで保存」 button and
``assistant ask --format markdown``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .types import Answer, Citation, Table, TableCell

ABSTAINED = "この報告書には記載がありません。"
ABSENT = "記載なし"
# characters that would turn the report's or the user's text into markup
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_LABEL = re.compile(r"\s*［[^］]*］\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•・]\s*)")


def strip_bullet(line: str) -> str:
    """A list line without its ``- `` / ``・`` marker (the list draws its own)."""
    return _BULLET.sub("", line, count=1)


def md_text(text: str) -> str:
    """Text as literal Markdown: markup characters escaped, lines kept."""
    return _SPECIAL.sub(r"\\\1", str(text))


def citation_ref(c: Citation) -> str:
    """``2.3.4 クラウド…（C5）（ドイツ） › 概要・特徴 · p.15``"""
    page = f" · p.{int(c.page)}" if c.page is not None else ""
    return f"{c.title} › {c.field}{page}"


def _cites(ans: Answer) -> list[Citation]:
    """The answer's citations, then any table cell's not among them."""
    out = list(ans.citations)
    seen = {(c.doc, c.start, c.end) for c in out}
    for c in ans.table.citations() if ans.table is not None else []:
        if (c.doc, c.start, c.end) not in seen:
            seen.add((c.doc, c.start, c.end))
            out.append(c)
    return out


def _table(t: Table, number: dict[tuple[str, int, int], int]) -> list[str]:
    def cell(x: TableCell) -> str:
        if x.absent:
            return f"（{ABSENT}）"
        def quoted(text: str, c: Citation | None) -> str:
            body = md_text(" ".join(text.split()))
            return body + f" [{number[(c.doc, c.start, c.end)]}]" if c is not None else body

        # a row's further sentences follow in the same cell, each with its number
        return " ".join([quoted(x.text, x.citation)] + [quoted(c.text, c) for c in x.more])

    width = max([len(t.columns)] + [len(r) for r in t.rows])
    cols = list(t.columns) + [""] * (width - len(t.columns))
    lines = ["| " + " | ".join(md_text(c) for c in cols) + " |", "|" + "---|" * width]
    for row in t.rows:
        cells = [cell(x) for x in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def answer_markdown(ans: Answer, n: int | None = None) -> str:
    """One question and its answer; ``n`` numbers it within a conversation."""
    head = f"## {n}. {md_text(ans.question)}" if n is not None else f"## {md_text(ans.question)}"
    out = [head, ""]
    if ans.searched_query and ans.searched_query != ans.question:
        out += [f"検索: {md_text(ans.searched_query)}", ""]
    for note in ans.notices:
        out += [f"※ {md_text(note)}", ""]
    cites = _cites(ans)
    number = {(c.doc, c.start, c.end): i for i, c in enumerate(cites, 1)}
    if ans.abstained:
        out += [ABSTAINED, ""]
        if ans.related_citations:
            out.append("報告書の関連する記述:")
            out += [
                f"- {md_text(c.text)}（{md_text(citation_ref(c))}）" for c in ans.related_citations
            ]
            out.append("")
        if ans.related:
            out += ["近い節: " + "、".join(md_text(s) for s in ans.related), ""]
        return "\n".join(out).rstrip() + "\n"
    if ans.table is not None:
        # the framing lines, then the table (the quoted lines are its cells)
        out += [md_text(x) for x in ans.answer.split("\n") if x.strip() and not any(c.text in x for c in cites)]
        out += [""] + _table(ans.table, number) + [""]
    else:
        listing = ans.shape in ("list", "enumeration")
        for line in ans.answer.split("\n"):
            if not line.strip():
                continue
            c = next((c for c in ans.citations if c.text and c.text in line), None)
            if c is None:
                out.append(md_text(line))
                continue
            # the line's own ［…］ label becomes the citation's number
            text = md_text(_LABEL.sub("", strip_bullet(line) if listing else line))
            text += f" [{number[(c.doc, c.start, c.end)]}]"
            out.append(f"- {text}" if listing else text)
            if not listing:
                out.append("")
        out.append("")
    if cites:
        out.append("出典:")
        out.append("")
        out += [f"{i}. {md_text(citation_ref(c))} — 「{md_text(c.text)}」" for i, c in enumerate(cites, 1)]
        out.append("")
    if ans.related:
        out += ["関連: " + "、".join(md_text(s) for s in ans.related), ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"


def conversation_markdown(answers: Sequence[Answer], title: str = "会話の記録") -> str:
    """The whole conversation, oldest question first."""
    parts = [f"# {md_text(title)}", ""]
    for i, ans in enumerate(answers, 1):
        parts.append(answer_markdown(ans, i))
    return "\n".join(parts).rstrip() + "\n"
