"""BM25 over French-stemmed terms (Snowball). Pure: built from texts, queried with a text."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from caf_assistant.text import content_terms


@dataclass
class BM25Index:
    postings: dict[str, dict[int, int]]
    lengths: list[int]
    k1: float = 1.2
    b: float = 0.75

    @classmethod
    def build(cls, texts: list[str], k1: float = 1.2, b: float = 0.75) -> BM25Index:
        postings: dict[str, dict[int, int]] = {}
        lengths = []
        for doc, text in enumerate(texts):
            terms = Counter(content_terms(text))
            lengths.append(sum(terms.values()))
            for term, count in terms.items():
                postings.setdefault(term, {})[doc] = count
        return cls(postings=postings, lengths=lengths, k1=k1, b=b)

    def idf(self, term: str) -> float:
        n = len(self.lengths)
        df = len(self.postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> dict[int, float]:
        if not self.lengths:
            return {}
        average = sum(self.lengths) / len(self.lengths) or 1.0
        result: dict[int, float] = {}
        for term in set(content_terms(query)):
            idf = self.idf(term)
            for doc, tf in self.postings.get(term, {}).items():
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[doc] / average)
                result[doc] = result.get(doc, 0.0) + idf * tf * (self.k1 + 1) / norm
        return result

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        ranked = sorted(self.scores(query).items(), key=lambda item: (-item[1], item[0]))
        return ranked[:k]

    def to_dict(self) -> dict:
        return {"postings": {t: {str(d): c for d, c in p.items()} for t, p in self.postings.items()},
                "lengths": self.lengths, "k1": self.k1, "b": self.b}

    @classmethod
    def from_dict(cls, data: dict) -> BM25Index:
        postings = {t: {int(d): c for d, c in p.items()} for t, p in data["postings"].items()}
        return cls(postings=postings, lengths=data["lengths"], k1=data["k1"], b=data["b"])
