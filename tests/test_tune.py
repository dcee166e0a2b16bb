"""The tuning grids are independent: each starts from the defaults, never
from the last point of the grid run before it."""

from __future__ import annotations

from dataclasses import fields

import pytest

from assistant.answer import AnswerConfig, Answerer, Evidence
from assistant.tune import abstention_grid, sentence_grid

ABSTENTION_FIELDS = ("min_dense", "max_unknown", "min_support")


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    # abstention judges Evidence alone: no index or model is needed for it
    return Answerer(None, {}, {}, 0, AnswerConfig())


def test_abstention_grid_leaves_the_shared_config_alone(answerer: Answerer) -> None:
    before = answerer.config
    feats = [
        (True, Evidence(top_dense=0.70, unknown=0.90, support=0.0), False),  # a negative
        (False, Evidence(top_dense=0.85, unknown=0.10, support=0.60), False),  # answerable
        (False, Evidence(top_dense=0.77, unknown=0.40, support=0.10), True),  # names an entity
    ]
    rows = abstention_grid(answerer, feats)
    assert len(rows) == 6 * 7 * 5
    assert answerer.config is before
    # the grid really varied the thresholds: not every point judged alike
    assert len({r[1] for r in rows}) > 1


def test_sentence_grid_starts_from_the_defaults_after_the_abstention_grid(answerer: Answerer) -> None:
    defaults = AnswerConfig()
    abstention_grid(answerer, [(True, Evidence(0.5, 1.0, 0.0), False)])
    points = list(sentence_grid(answerer.config))
    assert len(points) == 3 * 3 * 3 * 3
    for cfg in points:
        for name in ABSTENTION_FIELDS:
            assert getattr(cfg, name) == getattr(defaults, name), name
    varied = {"w_dense", "w_lexical", "w_section", "multi_section_ratio"}
    for f in fields(AnswerConfig):
        if f.name not in varied:
            assert all(getattr(c, f.name) == getattr(defaults, f.name) for c in points), f.name
