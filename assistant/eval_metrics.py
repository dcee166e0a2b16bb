"""Answer-level metrics of ``assistant eval`` that look at what the user sees.

They read an answer in the JSON form of ``Answer.to_json()`` (the same dict
the CLI prints and ``predictions.jsonl`` stores), so a stored run can be
re-scored without asking again:

- item recall: the share of a question's ``must_contain`` quotes found in the
  answer, its citations and its table cells (after NFKC and with all
  whitespace removed, since the report breaks lines and spaces freely);
- section coverage: the share of gold sections cited (by the citations or by
  the citations of table cells);
- abstention precision / recall / F1, and the share of answerable questions
  abstained;
- follow-up accuracy: a turn after the first is right when its top-ranked
  section is gold, or, when its gold is empty (the report does not say), when
  it abstained.

Related text quoted after an abstention (``related_citations``) is not the
answer and counts for none of these.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable
from typing import Any

_SPACE = re.compile(r"\s+")


_FOOTNOTE_MARK = re.compile(r"※\d*")


def normalise(text: str) -> str:
    """NFKC with every whitespace and footnote marker removed: 「ISO/IEC　27017」 ==
    "ISO/IEC27017", and "27002※の" == "27002の" (the segmenter moves a bare ※ to its note)."""
    return _FOOTNOTE_MARK.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))


def _table_cells(answer: dict[str, Any]) -> Iterable[dict[str, Any]]:
    table = answer.get("table") or {}
    for row in table.get("rows") or []:
        yield from row


def answer_text(answer: dict[str, Any]) -> str:
    """Everything the answer shows: its text, its citations, its table cells."""
    parts = [answer.get("answer") or ""]
    parts += [c.get("text") or "" for c in answer.get("citations") or []]
    for cell in _table_cells(answer):
        parts.append(cell.get("text") or "")
        if cell.get("citation"):
            parts.append(cell["citation"].get("text") or "")
    return "\n".join(parts)


def cited_sections(answer: dict[str, Any]) -> list[str]:
    """Section ids cited by the answer, first citation first, no repeats."""
    ids = [c.get("section_id") for c in answer.get("citations") or []]
    ids += [cell["citation"].get("section_id") for cell in _table_cells(answer) if cell.get("citation")]
    return list(dict.fromkeys(i for i in ids if i))


def item_recall(items: Iterable[str], answer: dict[str, Any]) -> float | None:
    """Share of ``items`` quoted in the answer; None when there are no items."""
    wanted = [normalise(s) for s in items]
    if not wanted:
        return None
    shown = normalise(answer_text(answer))
    return sum(1 for s in wanted if s in shown) / len(wanted)


def section_coverage(gold: Iterable[str], answer: dict[str, Any]) -> float | None:
    """Share of gold sections the answer cites; None for negatives."""
    want = set(gold)
    if not want:
        return None
    return len(want & set(cited_sections(answer))) / len(want)


def abstention_scores(should: list[bool], did: list[bool]) -> dict[str, float | int]:
    """Precision / recall / F1 of abstaining, "should abstain" being the positive class."""
    tp = sum(1 for s, d in zip(should, did) if s and d)
    fp = sum(1 for s, d in zip(should, did) if d and not s)
    fn = sum(1 for s, d in zip(should, did) if s and not d)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    answerable = sum(1 for s in should if not s)
    return {
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "negatives": sum(should),
        "false_abstentions": fp,
        "answerable_abstained": fp / answerable if answerable else 0.0,
    }


def followup_correct(gold: list[str], ranked: list[str], abstained: bool) -> float:
    """A gold [] turn is right iff it abstained; otherwise iff its top-ranked
    section is gold (as the older follow-up R@1, which ignores abstention)."""
    if not gold:
        return 1.0 if abstained else 0.0
    return 1.0 if ranked[:1] and ranked[0] in gold else 0.0


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.fmean(vals) if vals else None
