"""The learned ranker's inputs: for each candidate chunk, its retrieval signals as named features.

Pure functions over the signals of one search (scores by retriever) and facts about the chunks that are
computed once per loaded index (`ChunkFacts`). The names are ranker.FEATURES.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.units import split_units
from caf_assistant.retrieval.analysis import CUES, Query
from caf_assistant.text import content_terms, fold

POOL = 40  # candidates of the fusion the ranker re-scores
# Reference lists and forewords match many words but rarely answer: demoted unless asked for.
REFERENCE_TOPIC = "textes_reference"
DEMOTED_TOPICS = frozenset({REFERENCE_TOPIC, "edito", "sommaire"})
ASKS_FOR_TEXTS = re.compile(r"\b(?:textes?|circulaires?|references?|reglements?|lettres?|edito|documentation|"
                            r"documents? officiels?|sites? officiels?|en detail|cahier des charges)\b")


# what a section is, read from its heading (folded): the kind of question it answers best
SECTION_KINDS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("example", r"\bexemple"),
    ("amounts", r"\bmontants?\b|\benveloppe|\bbareme|\bcombien"),
    ("figures", r"\ben chiffres\b|\bchiffres\b"),
    ("contacts", r"\bcontacts?\b|\bjoindre\b|\btelephone|\bcaf\.fr\b|\bmon compte\b"),
))
# the section kinds that answer each question type; a definition is answered by a section of no kind
ANSWERING_KINDS = {"amount": {"amounts", "figures", "example"}, "contact": {"contacts"}}
_ASKS_EXAMPLE = re.compile(r"\bexemples?\b|\bconcretement\b|\bcas concret")


def section_kind(heading_path: tuple[str, ...]) -> str:
    """The kind of the section from its own heading: example, amounts, figures, contacts, or ""."""
    folded = fold(heading_path[-1]) if heading_path else ""
    return next((name for name, pattern in SECTION_KINDS if pattern.search(folded)), "")


def kind_match(query: Query, kind: str, topic: str) -> float:
    """1 when the section's kind is the one the question asks for, -1 when it is another kind, else 0."""
    if _ASKS_EXAMPLE.search(fold(query.text)):
        return 1.0 if kind == "example" else 0.0
    if query.question_type == "definition":
        return -1.0 if kind else 1.0
    wanted = ANSWERING_KINDS.get(query.question_type)
    if topic in ("contacts", "portrait_contacts"):
        kind = kind or "contacts"
    if wanted is None:
        return -1.0 if kind == "example" else 0.0
    return 1.0 if kind in wanted else -1.0 if kind else 0.0


@dataclass(frozen=True)
class ChunkFacts:
    """What the features need of each chunk, computed once when the index is loaded."""

    terms: tuple[frozenset[str], ...]
    heading_terms: tuple[frozenset[str], ...]
    folded: tuple[str, ...]
    recency: tuple[float, ...]  # 0 for the oldest edition, 1 for the newest
    kinds: tuple[str, ...]  # section_kind of each chunk
    units: tuple[tuple[str, ...], ...]  # each chunk's answer units, folded

    @classmethod
    def of(cls, chunks: list[Chunk]) -> ChunkFacts:
        editions = [c.edition for c in chunks] or [0]
        oldest, span = min(editions), (max(editions) - min(editions)) or 1
        return cls(terms=tuple(frozenset(content_terms(c.indexed_text())) for c in chunks),
                   heading_terms=tuple(frozenset(content_terms(" ".join(c.heading_path))) for c in chunks),
                   folded=tuple(fold(c.text) for c in chunks),
                   recency=tuple((c.edition - oldest) / span for c in chunks),
                   kinds=tuple(section_kind(c.heading_path) for c in chunks),
                   units=tuple(tuple(fold(u) for u in split_units(c.text)) for c in chunks))


def asks_for_texts(query: Query) -> bool:
    return bool(ASKS_FOR_TEXTS.search(fold(query.search_text)))


def candidate_features(query: Query, signals: dict, chunks: list[Chunk], facts: ChunkFacts,
                       pool: int = POOL) -> list[tuple[int, dict[str, float]]]:
    """(chunk index, features) for the best `pool` chunks of the fusion (`signals["fused"]`)."""
    def best(values: dict) -> float:
        return max(values.values(), default=0.0)

    top_lexical, top_dense = best(signals["lexical"]) or 1.0, best(signals["dense"])
    top_question, top_question_lexical = best(signals["questions"]), best(signals["question_lexical"]) or 1.0
    top_unit = best(signals["units"])
    top_three = best(signals["questions_three"])
    asked = set(content_terms(query.asked))
    cue = CUES.get(query.question_type)
    texts_asked = asks_for_texts(query)
    rows = []

    def cue_share(i: int) -> float:
        units = facts.units[i]
        return sum(bool(cue.search(u)) for u in units) / len(units) if cue and units else 0.0

    for rank, (i, _) in enumerate(signals["fused"][:pool]):
        dense, question, unit = (signals[name].get(i, 0.0) for name in ("dense", "questions", "units"))
        rows.append((i, {
            "fused_rank": 1.0 / (1 + rank),
            "lexical": signals["lexical"].get(i, 0.0) / top_lexical,
            "dense": dense, "dense_gap": dense - top_dense,
            "question_dense": question, "question_dense_gap": question - top_question,
            "question_lexical": signals["question_lexical"].get(i, 0.0) / top_question_lexical,
            "questions_three_gap": signals["questions_three"].get(i, 0.0) - top_three,
            "unit_dense": unit, "unit_dense_gap": unit - top_unit,
            "topic_named": float(chunks[i].topic in signals["wanted"]),
            "coverage": len(asked & facts.terms[i]) / len(asked) if asked else 0.0,
            "heading": len(asked & facts.heading_terms[i]) / len(asked) if asked else 0.0,
            "cue": float(bool(cue and cue.search(facts.folded[i]))),
            "demoted": float(chunks[i].topic in DEMOTED_TOPICS and not texts_asked),
            "recency": facts.recency[i],
            "cue_share": cue_share(i),
            "kind_match": kind_match(query, facts.kinds[i], chunks[i].topic),
        }))
    return rows
