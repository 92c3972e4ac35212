"""Decides whether the best passage answers the question (else the assistant says it does not know).

With the learned ranker (retrieval_ranker.yml): its confidence that the top passage answers, or a lower
confidence with a passage close to the question. Without it: a close passage that holds most of the
question's words, or one of the questions its section answers (knowledge/questions/) very close to the
question asked. Thresholds are settings (retrieval.yml), calibrated on the dev split.
"""

from __future__ import annotations

from dataclasses import dataclass

from caf_assistant.retrieval.analysis import Query, as_query, coverage
from caf_assistant.retrieval.retriever import ScoredChunk


@dataclass(frozen=True)
class Relevance:
    dense_similarity: float
    coverage: float
    question_similarity: float


def relevance(hit: ScoredChunk, query: Query | str) -> Relevance:
    return Relevance(hit.dense_similarity, coverage(as_query(query), hit.chunk.indexed_text()),
                     hit.question_similarity)


def is_answerable(hit: ScoredChunk | None, query: Query | str, settings) -> bool:
    """Sure enough: a question its section answers asked nearly word for word, the learned ranker confident,
    or fairly confident with a close passage.

    Without a ranker: a close passage holding enough of the question's words, or a close question.
    """
    if hit is None:
        return False
    r = relevance(hit, query)
    close = r.dense_similarity >= settings.min_dense_similarity
    if r.question_similarity >= settings.min_question_match:
        return True  # asked nearly word for word as a question its section answers (knowledge/questions/)
    if hit.confidence is not None:
        return hit.confidence >= settings.min_confidence or (close and hit.confidence >= settings.min_close_confidence)
    return (close and r.coverage >= settings.min_term_coverage) \
        or r.question_similarity >= settings.min_question_similarity
