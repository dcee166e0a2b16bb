"""Markdown export (assistant/export.py) of real answers from the real
Assistant: comparisons as a table, lists one item per line, every citation
with section, field and page, and user text kept literal."""

from __future__ import annotations

import re

from assistant.export import answer_markdown, conversation_markdown, md_text


def cited_refs(md: str) -> list[str]:
    return re.findall(r"^\d+\. (.+?) — 「", md, flags=re.M)


def test_comparison_exports_as_a_table_with_numbered_citations(assistant):
    ans = assistant.ask("G-CloudとFedRAMPの対象の違いは？")
    assert ans.shape == "compare" and ans.table is not None
    md = answer_markdown(ans)
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(ans.table.rows)  # header + one per entity
    assert rows[0] == "| " + " | ".join(ans.table.columns) + " |"
    for row, line in zip(ans.table.rows, rows[1:]):
        assert line.startswith("| " + md_text(row[0].text) + " |")
        for cell in row[1:]:
            assert ("（記載なし）" in line) if cell.absent else (re.search(r"\[\d+\]", line) is not None)
    refs = cited_refs(md)
    # one numbered reference per quoted span (two sentences of one field are two references)
    assert len(refs) == len({(c.doc, c.start, c.end) for c in ans.table.citations()})
    cites = {(c.section_id, c.field, c.page) for c in ans.table.citations()}
    for sid, field, page in cites:
        assert any(ref.startswith(sid) and f"› {field} · p.{page}" in ref for ref in refs), (sid, field, page)


def test_list_exports_one_item_per_line(assistant):
    ans = assistant.ask("ISO/IEC 27001を参照している制度は？")
    assert ans.shape in ("list", "enumeration") and len(ans.citations) >= 3
    md = answer_markdown(ans)
    items = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(items) == len(ans.citations)
    for n, (line, c) in enumerate(zip(items, ans.citations), 1):
        assert not line.startswith("- -") and line.endswith(f"[{n}]")
        assert md_text(c.text) in line
    assert len(cited_refs(md)) == len(ans.citations)
    assert all(f"· p.{c.page}" in md for c in ans.citations)


def test_conversation_numbers_questions_and_keeps_user_text_literal(assistant):
    first = assistant.ask("C5の監査基準は？")
    evil = assistant.ask("<img src=x onerror=alert(1)> [link](javascript:alert(1)) の **人口** は？", history=[first])
    md = conversation_markdown([first, evil])
    assert re.findall(r"^## (\d+)\. ", md, flags=re.M) == ["1", "2"]
    assert not re.search(r"(?<!\\)[<>\[\]*]", md.split("## 2. ")[1].split("\n")[0])  # every one escaped
    assert "\\<img src=x onerror=alert(1)\\>" in md and "\\*\\*人口\\*\\*" in md
    assert answer_markdown(first).split("\n", 1)[1] in md  # the same text as `ask --format markdown`
