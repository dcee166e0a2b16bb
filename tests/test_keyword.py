"""The keyword index's BM25 numbers, pinned on a toy corpus worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from assistant.keyword import BM25_B, BM25_K1, KeywordIndex, bm25_idf, idf_weights

# three passages, lengths 3, 2 and 4: avgdl = 3
DOCS = [["a", "b", "a"], ["b", "c"], ["c", "c", "c", "d"]]


def test_parameters_are_the_documented_ones() -> None:
    assert (BM25_K1, BM25_B) == (1.2, 0.75)


def test_scores_match_bm25_worked_by_hand() -> None:
    kw = KeywordIndex.build(DOCS)
    # "a": df 1 of N 3 -> idf = ln(1 + 2.5/1.5) = ln(8/3); in doc 0 tf 2, dl = avgdl
    # -> norm = k1 = 1.2 and weight = idf * 2 * 2.2 / (2 + 1.2)
    a0 = math.log(8 / 3) * 2 * 2.2 / 3.2
    assert a0 == pytest.approx(1.348641, abs=1e-6)
    # "b": df 2 -> idf = ln(1 + 1.5/2.5) = ln(1.6)
    #   doc 0: tf 1, dl 3 -> norm 1.2       -> ln(1.6) * 2.2 / 2.2
    #   doc 1: tf 1, dl 2 -> norm 1.2 * (0.25 + 0.75 * 2/3) = 0.9 -> ln(1.6) * 2.2 / 1.9
    b0 = math.log(1.6) * 2.2 / 2.2
    b1 = math.log(1.6) * 2.2 / 1.9
    # "c": df 2, idf ln(1.6)
    #   doc 1: tf 1, norm 0.9               -> ln(1.6) * 2.2 / 1.9
    #   doc 2: tf 3, dl 4 -> norm 1.2 * (0.25 + 0.75 * 4/3) = 1.5 -> ln(1.6) * 3 * 2.2 / 4.5
    c1 = math.log(1.6) * 2.2 / 1.9
    c2 = math.log(1.6) * 3 * 2.2 / 4.5
    np.testing.assert_allclose(kw.scores(["a"]), [a0, 0, 0], rtol=1e-6)
    np.testing.assert_allclose(kw.scores(["b"]), [b0, b1, 0], rtol=1e-6)
    np.testing.assert_allclose(kw.scores(["a", "b", "c"]), [a0 + b0, b1 + c1, c2], rtol=1e-6)
    # a repeated query token counts twice; an unknown one scores nothing
    np.testing.assert_allclose(kw.scores(["c", "c", "zzz"]), [0, 2 * c1, 2 * c2], rtol=1e-6)
    # the weight keeps the (k1 + 1) factor: bm25s' default "lucene" scores are these / 2.2
    assert kw.scores(["a"])[0] == pytest.approx(math.log(8 / 3) * 2 / 3.2 * (BM25_K1 + 1), rel=1e-6)


def test_search_orders_by_score_then_id_and_drops_zero() -> None:
    kw = KeywordIndex.build(DOCS)
    hits = kw.search(["b", "c"], k=10)
    assert [i for i, _ in hits] == [1, 2, 0]  # b1 + c1 > c2 > b0
    assert [i for i, _ in kw.search(["d"], k=10)] == [2]
    assert kw.search(["zzz"], k=10) == [] and kw.search(["a"], k=0) == []


def test_doc_freq_and_idf_are_the_postings_and_one_formula() -> None:
    kw = KeywordIndex.build(DOCS)
    assert kw.doc_freq == {"a": 1, "b": 2, "c": 2, "d": 1}
    assert bm25_idf(0, 3) == pytest.approx(math.log(1 + 3.5 / 0.5))  # unknown: the highest weight
    assert kw.idf(["a", "b", "nope"]) == pytest.approx([math.log(8 / 3), math.log(1.6), math.log(8)])
    assert idf_weights(kw.doc_freq, kw.n_docs, ["c"]) == kw.idf(["c"])


def test_bytes_round_trip_keeps_every_score() -> None:
    kw = KeywordIndex.build(DOCS)
    back = KeywordIndex.from_bytes(kw.to_bytes())
    assert back.vocab == kw.vocab and back.n_docs == 3
    for q in (["a"], ["b", "c"], ["d", "d"]):
        np.testing.assert_array_equal(back.scores(q), kw.scores(q))
