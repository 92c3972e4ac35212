"""Reciprocal-rank fusion of several rankings (Cormack et al., 2009)."""

from __future__ import annotations


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = 60, weights: list[float] | None = None
                           ) -> list[tuple[int, float]]:
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
