"""A definition asked for after the question (「…ですか？本書の記述に沿って定義してください。」,
"…? Give a definition.") or next to a second question ("What is X, and what part does it
play …?") is a definition. Measured on probe 43's failures (session 38). Real model, real
index; the examples are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "What is the 3PAO, and what does it do? Give a definition.",
        "What is ENISA, and what part does it play in the NIS entry?",
        "本書にいう「3省3ガイドライン」とは何を指し、どの省が定めたものですか？本書の記述に沿って定義してください。",
    ],
)
def test_a_definition_asked_with_more_is_a_definition(assistant, question):
    assert assistant.ask(question).shape == "definition"
