"""What the conversation tests share: one conversation asked turn by turn through
``Assistant.ask``, each turn seeing the answers before it."""

from __future__ import annotations


def converse(assistant, *questions):
    history = []
    for q in questions:
        history.append(assistant.ask(q, history=history))
    return history
