"""Builds the answer to a question from retrieved chunks: the sentences that answer, then the source.

Every sentence and figure comes word for word from the cited chunk; older editions' figures are shown
as history, with their own source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from caf_assistant.answers.relevance import is_answerable, relevance
from caf_assistant.answers.sentences import select_units, split_units, truncate_words
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import HistoryNote, history_notes, prefer_newest
from caf_assistant.retrieval.retriever import ScoredChunk

NEWEST_WINDOW = 3


@dataclass
class Answer:
    kind: str  # answer | unknown
    text: str = ""
    sources: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    chunk_id: str | None = None
    dense_similarity: float = 0.0
    coverage: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def source_of(chunk: Chunk) -> dict:
    return {"sheet_id": chunk.sheet_id, "title": chunk.title, "publisher": chunk.publisher,
            "edition": chunk.edition, "section": chunk.section, "fiche": chunk.fiche, "chunk_id": chunk.id}


def cite(source: dict) -> str:
    section = source["section"]
    where = section if section == source["fiche"] else f"{source['fiche']} > {section}"
    return f"Source : « {where} », {source['title']} — {source['publisher']}, édition {source['edition']}."


def cite_history(note: HistoryNote) -> str:
    return (f"Historique : l'édition {note.edition} ({note.publisher}) indiquait : "
            f"« {truncate_words(note.sentence, 40)} »")


def compose_answer(query: str, hits: list[ScoredChunk], all_chunks: list[Chunk], max_words: int,
                   min_dense: float, min_coverage: float) -> Answer:
    top = hits[0] if hits else None
    if not is_answerable(top, query, min_dense, min_coverage):
        dense, cov = relevance(top, query) if top else (0.0, 0.0)
        return Answer(kind="unknown", dense_similarity=dense, coverage=cov)
    # the best section in all its editions, then other sections of the same topic ranked just below it
    candidates = list(hits[0].editions or (hits[0].chunk,))
    candidates += [c for h in hits[1:NEWEST_WINDOW] if h.chunk.topic == hits[0].chunk.topic
                   for c in (h.editions or (h.chunk,))]
    chunk = prefer_newest(candidates, query)
    units = select_units(chunk.text, query, max_words=max_words, heading=chunk.section)
    notes = history_notes(units, chunk, all_chunks, split_units)
    source = source_of(chunk)
    lines = [" ".join(units), cite(source)]
    lines.extend(cite_history(note) for note in notes)
    dense, cov = relevance(top, query)
    return Answer(
        kind="answer",
        text="\n".join(lines),
        sources=[source] + [{"sheet_id": n.sheet_id, "title": n.title, "publisher": n.publisher,
                             "edition": n.edition, "section": n.section, "history": True} for n in notes],
        history=[asdict(n) for n in notes],
        chunk_id=chunk.id,
        dense_similarity=dense,
        coverage=cov,
    )
