"""HTML for the 制度一覧 tab: the catalogue as a filterable table, and two
ticked records compared field by field, every cell cited.

A row (``data-section``) opens its section in 本文 through the page's one
click handler; a badge opens the cell's passage; a row's checkbox
(``input.cat-tick``) ticks it for the comparison. All text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.catalogue import CatalogueRecord, Cell
from assistant.japanese import compact

from .render import ABSENT, badge, esc, page_suffix, target

ALL_GROUPS = "すべて"
#: the fields compared side by side, as (record attribute, label)
COMPARE_FIELDS = (("target", "対象"), ("summary", "概要・特徴"), ("isms", "ISMSとの関連性"))
SUMMARY_CHARS = 60
COLUMNS = ("tick", "short", "name", "issuer", "group", "country", "target", "summary", "page")

COMPARE_EMPTY = (
    '<div class="cat-compare-empty">行のチェックボックスで2つ選ぶと、'
    "対象・概要・特徴・ISMSとの関連性を並べて比較します。</div>"
)


def groups(records: Sequence[CatalogueRecord]) -> list[str]:
    """The records' groups in report order (the group filter's choices)."""
    out: list[str] = []
    for r in records:
        if r.group and r.group not in out:
            out.append(r.group)
    return out


def search_key(r: CatalogueRecord) -> str:
    """Every name a reader may type for the record, normalised the way the
    query is (width, case, dashes; spaces dropped)."""
    parts = [r.short_name, r.title, r.country or ""]
    parts += [c.text for c in (r.name, r.issuer, *r.co_issuers) if c is not None]
    return compact(" ".join(parts))


def matches(r: CatalogueRecord, group: str | None, query: str | None) -> bool:
    if group and group != ALL_GROUPS and r.group != group:
        return False
    q = compact(query or "")
    return not q or q in search_key(r)


def one_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_badge(r: CatalogueRecord, c: Cell) -> str:
    label = f"{r.section_id} {r.short_name} › {c.field}{page_suffix(r.page)}"
    return badge(r.section_id, label, c.passage_id, text=r.section_id + page_suffix(r.page))


def cited(r: CatalogueRecord, c: Cell | None, limit: int | None = None) -> str:
    """A record's cell: its text (shortened to ``limit``) and a badge to the
    passage, or 「記載なし」 marked absent."""
    if c is None:
        return f'<span class="absent" title="報告書に記載がありません">{ABSENT}</span>'
    text = one_line(c.text, limit) if limit else c.text
    body = "<br>".join(esc(x) for x in text.split("\n"))
    return f'<span class="cell-text" title="{esc(c.text)}">{body}</span>{cell_badge(r, c)}'


def table(
    records: Sequence[CatalogueRecord],
    group: str | None = None,
    query: str | None = None,
    ticked: Sequence[str] = (),
) -> str:
    shown = [r for r in records if matches(r, group, query)]
    out = [
        f'<div class="cat-count" role="status">{len(records)} 件中 {len(shown)} 件を表示</div>',
        '<div class="cat-wrap"><table class="cat-table"><colgroup>'
        + "".join(f'<col class="c-{c}">' for c in COLUMNS)
        + "</colgroup><thead><tr>"
        '<th class="cat-tick-cell"><span class="sr-only">比較</span></th>'
        "<th>略称</th><th>名称</th><th>発行・運用</th><th>区分</th><th>国・地域</th>"
        "<th>対象</th><th>概要</th><th>頁</th></tr></thead><tbody>",
    ]
    for r in shown:
        tick = " checked" if r.section_id in ticked else ""
        page = f"p.{int(r.page)}" if r.page is not None else ""
        out.append(
            f'<tr class="cat-row" data-section="{esc(r.section_id)}" tabindex="0" '
            f'title="クリックで {esc(r.section_id)} の本文を表示">'
            f'<td class="cat-tick-cell"><label><input type="checkbox" class="cat-tick" '
            f'data-tick="{esc(r.section_id)}"{tick} aria-label="{esc(r.short_name)} を比較に追加"></label></td>'
            f'<td class="cat-short"><span class="sid">{esc(r.section_id)}</span> {esc(r.short_name)}</td>'
            f"<td>{cited(r, r.name, 50)}</td>"
            f"<td>{''.join(cited(r, c, 40) for c in (r.issuer, *r.co_issuers))}</td>"
            f'<td class="cat-group">{esc(r.group)}</td>'
            f"<td>{esc(r.country or '')}</td>"
            f"<td>{cited(r, r.target, 40)}</td>"
            f"<td>{cited(r, r.summary)}</td>"
            f'<td class="cat-page">{page}</td></tr>'
        )
    if not shown:
        out.append('<tr><td colspan="9" class="cat-none">該当する制度はありません</td></tr>')
    out.append("</tbody></table></div>")
    return "".join(out)


def compare(records: Sequence[CatalogueRecord], ticked: Sequence[str]) -> str:
    """The ticked records side by side, one row per compared field."""
    by_id = {r.section_id: r for r in records}
    chosen = [by_id[s] for s in ticked if s in by_id]
    if not chosen:
        return COMPARE_EMPTY
    if len(chosen) == 1:
        return (
            f'<div class="cat-compare-empty">{esc(chosen[0].short_name)} を選択中。'
            "もう1つ選ぶと比較します。</div>"
        )
    head = "".join(
        f'<th><a class="sec-link" href="{esc(target(r.section_id))}">{esc(r.section_id)} {esc(r.short_name)}</a></th>'
        for r in chosen
    )
    rows = []
    for attr, label in COMPARE_FIELDS:
        cells = "".join(
            f'<td class="{"absent-cell" if getattr(r, attr) is None else ""}">{cited(r, getattr(r, attr))}</td>'
            for r in chosen
        )
        rows.append(f'<tr><th scope="row">{esc(label)}</th>{cells}</tr>')
    return (
        '<div class="cat-compare"><div class="cat-compare-title">比較</div>'
        f'<div class="cat-wrap"><table class="cmp-table"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def chosen(ticks: Any, known: set[str], keep: int = 2) -> list[str]:
    """The records to compare from the page's ticked list (oldest first):
    known ids only, the last ``keep`` of them."""
    if not isinstance(ticks, list):
        return []
    out: list[str] = []
    for t in ticks:
        if isinstance(t, str) and t in known and t not in out:
            out.append(t)
    return out[-keep:]
