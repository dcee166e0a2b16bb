"""The tuning grids are independent: each starts from the defaults, never
from the last point of the grid run before it."""

from __future__ import annotations

from dataclasses import fields

from assistant.abstain import AbstainConfig, Evidence
from assistant.answer import AnswerConfig
from assistant.tune import abstention_grid, sentence_grid


def test_abstention_grid_varies_copies_of_the_given_config() -> None:
    base = AbstainConfig()
    feats = [
        (True, Evidence(top_dense=0.70, unknown=0.90, support=0.0), False),  # a negative
        (False, Evidence(top_dense=0.85, unknown=0.10, support=0.60), False),  # answerable
        (False, Evidence(top_dense=0.77, unknown=0.40, support=0.10), True),  # names an entity
    ]
    rows = abstention_grid(base, feats)
    assert len(rows) == 6 * 7 * 5
    assert base == AbstainConfig()
    # the grid really varied the thresholds: not every point judged alike
    assert len({r[1] for r in rows}) > 1


def test_sentence_grid_starts_from_the_defaults_after_the_abstention_grid() -> None:
    defaults = AnswerConfig()
    abstention_grid(AbstainConfig(), [(True, Evidence(0.5, 1.0, 0.0), False)])
    points = list(sentence_grid(defaults))
    assert len(points) == 3 * 3 * 3 * 3
    varied = {"w_dense", "w_lexical", "w_section", "multi_section_ratio"}
    for f in fields(AnswerConfig):
        if f.name not in varied:
            assert all(getattr(c, f.name) == getattr(defaults, f.name) for c in points), f.name
