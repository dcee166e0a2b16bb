"""A sentence that picks out of what the sentence before it listed (「この中から一つ以上を選択」,
「その中で、…5 つの機能」) is read with it: quoting the list alone leaves out what the
report says of its members. Real model, real index; our own questions."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    ["Which trust categories does a SOC2 report cover?", "SOC2 が対象にする 5 つの分野とは？"],
)
def test_the_choice_among_the_categories_follows_the_categories(assistant, question):
    ans = assistant.ask(question)
    texts = [c.text for c in ans.citations]
    at = next(i for i, t in enumerate(texts) if "5 分野" in t)
    assert texts[at + 1].startswith("SOC2 では、この中から一つ以上を選択"), ans.answer
