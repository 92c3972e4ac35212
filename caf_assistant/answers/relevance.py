"""Decides whether the best passage answers the question (else the assistant says it does not know)."""

from __future__ import annotations

from caf_assistant.knowledge.editions import coverage
from caf_assistant.retrieval.retriever import ScoredChunk


def relevance(hit: ScoredChunk, query: str) -> tuple[float, float]:
    return hit.dense_similarity, coverage(query, hit.chunk.indexed_text())


def is_answerable(hit: ScoredChunk | None, query: str, min_dense: float, min_coverage: float) -> bool:
    if hit is None:
        return False
    dense, cov = relevance(hit, query)
    return dense >= min_dense and cov >= min_coverage
