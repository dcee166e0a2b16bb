"""A question and a conversation history as clients send them, made safe to ask:
control characters and NUL stripped, whitespace collapsed, length capped.
"""

from __future__ import annotations

from typing import Any

from .conversation import Turn
from .errors import AssistantError
from .japanese import clean_control
from .types import Answer

MAX_QUESTION_CHARS = 2000


class QuestionError(AssistantError):
    """The question itself cannot be asked (empty after cleaning)."""


def clean_question(question: Any) -> tuple[str, list[str]]:
    """Strip control characters and NUL, collapse whitespace, truncate.

    Returns the cleaned question and notices for the user.
    """
    if not isinstance(question, str):
        question = "" if question is None else str(question)
    notices: list[str] = []
    q = clean_control(question)
    q = " ".join(q.split())
    if not q:
        raise QuestionError("empty question: type a question about the report")
    if len(q) > MAX_QUESTION_CHARS:
        q = q[:MAX_QUESTION_CHARS]
        notices.append(f"質問が長すぎるため、先頭{MAX_QUESTION_CHARS}文字で検索しました。")
    return q, notices


def _turn_text(text: Any) -> str:
    """History comes from clients too: the same cleaning as a question, but an
    unusable turn is just dropped instead of being an error."""
    if not isinstance(text, str):
        return ""
    return " ".join(clean_control(text).split())[:MAX_QUESTION_CHARS]


def turns_from_history(history: list | None) -> list[Turn]:
    """Accept history as Turn objects, dicts ({question, searched_query?,
    ranked_sections?}), Answer objects or plain question strings."""
    out: list[Turn] = []
    if not isinstance(history, (list, tuple)):
        return out
    for h in history:
        abstained = False
        if isinstance(h, Answer):
            q, sq, secs, abstained = h.question, h.searched_query, h.ranked_sections, h.abstained
        elif isinstance(h, Turn):
            q, sq, secs, abstained = h.question, h.searched_query, h.sections, h.abstained
        elif isinstance(h, dict):
            q, sq, secs = h.get("question"), h.get("searched_query"), h.get("ranked_sections")
            abstained = h.get("abstained") is True
        else:
            q, sq, secs = h, "", ()
        q = _turn_text(q)
        if not q:
            continue
        secs = tuple(x for x in secs if isinstance(x, str)) if isinstance(secs, (list, tuple)) else ()
        out.append(Turn(q, _turn_text(sq), secs, abstained))
    return out
