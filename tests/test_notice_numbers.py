"""The number a ministry's notice was issued under is asked like a law's number: an
identifier, which the report gives for no ministry guideline. Real model, real index; our
own examples."""

from __future__ import annotations

import pytest

from assistant.answer_type import expected_type


@pytest.mark.parametrize(
    "question",
    ["Under what notice number did the ministry issue the guideline?", "そのガイドラインの通知番号は？"],
)
def test_a_notice_number_is_an_identifier(question):
    assert expected_type(question) == "identifier"


def test_a_ministry_notice_number_the_report_never_gives_is_not_stated(assistant):
    ans = assistant.ask("Under what notice number did the Ministry of Economy, Trade and Industry issue its guideline for processors of medical information?")
    assert ans.abstained and ans.reason == "absent_aspect", ans.answer
