"""The keyword index: BM25 over our own Japanese search tokens
(``japanese.search_tokens``), one posting list per term.

``bm25_idf`` is the one definition of inverse document frequency in the
project: the index weights its postings with it, and answering weighs a
question's words with it (``idf_weights``).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence

import numpy as np

BM25_K1 = 1.2
BM25_B = 0.75


def bm25_idf(df: int, n_docs: int) -> float:
    """Lucene's BM25 idf, ln(1 + (N - df + 0.5) / (df + 0.5)): never
    negative, highest for a term no passage contains (df = 0)."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def idf_weights(doc_freq: dict[str, int], n_docs: int, tokens: Sequence[str]) -> list[float]:
    """``bm25_idf`` of each token; unknown tokens get the highest weight (they
    are the most informative words of a question, and the corpus lacks them)."""
    return [bm25_idf(doc_freq.get(t, 0), n_docs) for t in tokens]


class KeywordIndex:
    """BM25 over pre-tokenised passages, stored as per-term postings with the
    term weights precomputed. The weight of a term in a passage is

        idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)),
        idf = ln(1 + (N - df + 0.5) / (df + 0.5))            (``bm25_idf``)

    with k1=1.2, b=0.75: Lucene's idf (never negative) and the classic
    Robertson weight, which keeps the ``(k1 + 1)`` factor. bm25s' default
    ``method="lucene"`` drops that factor, so its scores are ours divided by
    (k1 + 1) = 2.2: the same ranking, other numbers.

    Why our own instead of bm25s: we feed it our own tokens anyway, the whole
    thing is ~40 lines of NumPy, loading is one ``np.load`` of a few hundred KB
    (bm25s pulls in scipy: +0.4 s on every CLI start), and an empty or
    all-unknown query simply scores nothing instead of raising.
    """

    def __init__(
        self,
        vocab: list[str],
        indptr: np.ndarray,
        indices: np.ndarray,
        weights: np.ndarray,
        n_docs: int,
        k1: float = BM25_K1,
        b: float = BM25_B,
    ) -> None:
        self.vocab = vocab
        self.term_id = {t: i for i, t in enumerate(vocab)}
        self.indptr = indptr
        self.indices = indices
        self.weights = weights
        self.n_docs = n_docs
        self.k1 = k1
        self.b = b
        self._doc_freq: dict[str, int] | None = None

    @property
    def doc_freq(self) -> dict[str, int]:
        """Passages containing each term: the length of its postings list
        (counted once, on first use; the postings already hold it)."""
        if self._doc_freq is None:
            counts = np.diff(self.indptr).tolist()
            self._doc_freq = dict(zip(self.vocab, counts, strict=True))
        return self._doc_freq

    def idf(self, tokens: Sequence[str]) -> list[float]:
        """``bm25_idf`` of each token over this index's passages."""
        return idf_weights(self.doc_freq, self.n_docs, tokens)

    @classmethod
    def build(
        cls, docs_tokens: Sequence[Sequence[str]], k1: float = BM25_K1, b: float = BM25_B
    ) -> KeywordIndex:
        n = len(docs_tokens)
        lengths = np.array([len(t) for t in docs_tokens], dtype=np.float64)
        avgdl = float(lengths.mean()) if n and lengths.sum() else 1.0
        postings: dict[str, dict[int, int]] = {}
        for d, toks in enumerate(docs_tokens):
            for t in toks:
                if t:
                    row = postings.setdefault(t, {})
                    row[d] = row.get(d, 0) + 1
        vocab = sorted(postings)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        indices: list[int] = []
        weights: list[float] = []
        for i, t in enumerate(vocab):
            row = postings[t]
            df = len(row)
            idf = bm25_idf(df, n)
            for d in sorted(row):
                tf = row[d]
                norm = k1 * (1.0 - b + b * lengths[d] / avgdl)
                indices.append(d)
                weights.append(idf * tf * (k1 + 1.0) / (tf + norm))
            indptr[i + 1] = len(indices)
        return cls(
            vocab,
            indptr,
            np.asarray(indices, dtype=np.int32),
            np.asarray(weights, dtype=np.float32),
            n,
            k1,
            b,
        )

    def scores(self, tokens: Iterable[str]) -> np.ndarray:
        """BM25 score of every passage; a token given twice counts twice, so
        a caller can weight query terms by repeating them."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for t in tokens:
            i = self.term_id.get(t)
            if i is None:
                continue
            a, z = self.indptr[i], self.indptr[i + 1]
            out[self.indices[a:z]] += self.weights[a:z]  # a term lists each passage once
        return out

    def search(self, tokens: Iterable[str], k: int) -> list[tuple[int, float]]:
        s = self.scores(tokens)
        hits = np.flatnonzero(s > 0)
        if k <= 0 or not len(hits):
            return []
        order = hits[np.lexsort((hits, -s[hits]))][:k]  # score desc, then id asc: deterministic
        return [(int(i), float(s[i])) for i in order]

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez(
            buf,
            # JSON bytes, not a '<U' array: those are UTF-32 padded to the longest term
            vocab=np.frombuffer(json.dumps(self.vocab, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            indptr=self.indptr,
            indices=self.indices,
            weights=self.weights,
            params=np.array([self.n_docs, self.k1, self.b], dtype=np.float64),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> KeywordIndex:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            vocab = json.loads(z["vocab"].tobytes().decode("utf-8"))
            indptr, indices, weights, params = z["indptr"], z["indices"], z["weights"], z["params"]
        n_docs, k1, b = int(params[0]), float(params[1]), float(params[2])
        if (
            not isinstance(vocab, list)
            or not all(isinstance(t, str) for t in vocab)
            or len(indptr) != len(vocab) + 1
            or len(indices) != len(weights)
            or (len(indptr) and int(indptr[-1]) != len(indices))
            or (len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= n_docs))
        ):
            raise ValueError("inconsistent arrays")
        return cls(vocab, indptr, indices, weights, n_docs, k1, b)
