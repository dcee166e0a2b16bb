"""Forms of words quoted with a wildcard (「〜よりも」, 「従来の〜とは異なる」) are looked for
wherever they stand: several given as examples are alternatives, each found by its longest
fixed piece; the punctuation beside a wildcard is the pattern's, not the report's; and a
question about the report that asks for such forms is a list of places, not about the report.
Measured on probe 43's failures (session 38). Real model, real index; our own examples."""

from __future__ import annotations


def test_several_forms_in_brackets_are_any_of_them(assistant):
    ans = assistant.ask("本書の中で、比べている記述（「〜よりも」「〜であるのに対し」など）をすべて一覧にしてください。")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert {"2.3.2", "2.4.6"} <= cited, ans.answer
    assert all("よりも" in c.text or "のに対し" in c.text for c in ans.citations), ans.answer


def test_punctuation_beside_a_wildcard_is_no_unknown_title(assistant):
    # the report writes 「当初は…。その後…」, not 「、その後」
    ans = assistant.ask("「当初は〜、その後〜」という書き方をしている箇所はどこですか？")
    assert not ans.abstained, ans.answer
    assert any("当初" in c.text for c in ans.citations), ans.answer
