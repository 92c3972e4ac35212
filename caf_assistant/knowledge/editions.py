"""Links the same section across editions (same topic key) and finds what an older edition said.

Pure functions over chunks and query terms; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.text import content_terms

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?")
GENERIC_TOPICS = frozenset({"general", "textes_reference", "edito", "sommaire"})


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0\u202f.]", "", n) for n in _NUMBER.findall(text)}


@lru_cache(maxsize=4096)
def masked_terms(text: str) -> frozenset[str]:
    return frozenset(content_terms(_NUMBER.sub(" ", text)))


def similarity(a: str, b: str) -> float:
    ta, tb = masked_terms(a), masked_terms(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def linked(chunk: Chunk, chunks: list[Chunk]) -> list[Chunk]:
    """Chunks of other sheets on the same topic and scope (national or the same department)."""
    if chunk.topic in GENERIC_TOPICS:
        return []
    return [c for c in chunks if c.topic == chunk.topic and c.sheet_id != chunk.sheet_id
            and c.departement == chunk.departement]


def newest_version(chunk: Chunk, chunks: list[Chunk], min_similarity: float = 0.4) -> Chunk:
    """The same passage in the newest edition that repeats it (its words, figures aside, mostly the same).

    Sheets reword headings and move sections between topics from one edition to the next; a passage whose
    words are the same but for its figures is the same statement, updated.
    """
    newer = [c for c in chunks if c.edition > chunk.edition and c.departement == chunk.departement
             and similarity(chunk.text, c.text) >= min_similarity]
    return max(newer, key=lambda c: (c.edition, similarity(chunk.text, c.text))) if newer else chunk


@dataclass(frozen=True)
class HistoryNote:
    sheet_id: str
    publisher: str
    edition: int
    title: str
    section: str
    sentence: str
    current_sentence: str


def history_notes(answer_units: list[str], chunk: Chunk, chunks: list[Chunk], split_units,
                  min_similarity: float = 0.45, limit: int = 2) -> list[HistoryNote]:
    """Older editions' sentences that say the same thing as an answer sentence with other figures."""
    notes: list[HistoryNote] = []
    seen_editions: set[tuple[int, str]] = set()
    older = sorted((c for c in linked(chunk, chunks) if c.edition < chunk.edition), key=lambda c: -c.edition)
    for unit in answer_units:
        figures = numbers_in(unit)
        if not figures:
            continue
        for old in older:
            best = max(split_units(old.text), key=lambda u: similarity(unit, u), default=None)
            if best is None or similarity(unit, best) < min_similarity:
                continue
            old_figures = numbers_in(best)
            if old_figures and old_figures != figures and (old.edition, best) not in seen_editions:
                seen_editions.add((old.edition, best))
                notes.append(HistoryNote(old.sheet_id, old.publisher, old.edition, old.title, old.heading_path[-1],
                                         best, unit))
                break
        if len(notes) >= limit:
            break
    return notes
