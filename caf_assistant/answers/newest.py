"""Chooses the edition that answers: the newest one that states what was asked.

Pure functions over chunks and the analysed question.
"""

from __future__ import annotations

import re

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import GENERIC_TOPICS
from caf_assistant.retrieval.analysis import Query, as_query, coverage

AMOUNT = re.compile(r"\d[\d \u00a0\u202f.,]*\s?(?:€|euros?|%|millions?|milliards?|md€|m€)", re.IGNORECASE)
# a count (« 12 500 crèches », « 1 824 Ctg »), not a year
COUNT = re.compile(r"(?<![\d,.])(?!(?:19|20)\d\d\b)\d[\d \u00a0\u202f]*\s[^\W\d_]")


def states_figure(text: str) -> bool:
    return bool(AMOUNT.search(text) or COUNT.search(text))


def prefer_newest(candidates: list[Chunk], query: Query | str, tolerance: float = 0.8) -> Chunk:
    """Among ranked candidates, the newest edition on the best one's topic that covers the query as well.

    `candidates[0]` is the best-ranked chunk. A newer chunk on the same topic and scope replaces it when
    its coverage of the question's terms is at least `tolerance` times the best one's: a newer edition
    that does not state what was asked does not hide the older one that does; when the question asks for
    an amount, the newer chunk must state one (the newest edition that states a figure wins).
    With an edition year asked for (« et en 2020 ? »), the newest edition up to that year answers.
    Coverage does not count the figures the question quotes: a question that quotes an older edition's
    figure (« c'est toujours 250 000 € ? ») matches that edition's words, and it asks for the newest one.
    """
    query = as_query(query)
    best = candidates[0]
    if best.topic in GENERIC_TOPICS:
        return best
    same = [c for c in candidates if c.topic == best.topic and c.departement == best.departement]
    if not query.asks_amount and not query.year:
        # no figure asked: the best section in its newest edition, not another section of the topic
        same = [c for c in same if c.section == best.section]
    if query.year:
        older = [c for c in same if c.edition <= query.year]
        if older:
            return max(older, key=lambda c: (c.edition, coverage(query, c.indexed_text()), -same.index(c)))
    best_coverage = coverage(query, best.indexed_text(), figures=False)
    chosen = best
    for candidate in same[1:]:
        if query.asks_amount and not states_figure(candidate.text):
            continue
        if candidate.edition > chosen.edition \
                and coverage(query, candidate.indexed_text(), figures=False) >= tolerance * best_coverage:
            chosen = candidate
    return chosen
