"""Links the same section across editions (same topic key) and prefers the newest edition.

Pure functions over chunks and query terms; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.text import content_terms

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?")
GENERIC_TOPICS = frozenset({"general", "textes_reference", "edito", "sommaire"})


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0\u202f.]", "", n) for n in _NUMBER.findall(text)}


def masked_terms(text: str) -> set[str]:
    return set(content_terms(_NUMBER.sub(" ", text)))


def similarity(a: str, b: str) -> float:
    ta, tb = masked_terms(a), masked_terms(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def coverage(query: str, text: str) -> float:
    """Share of the query's content terms that the text contains."""
    q = set(content_terms(query))
    if not q:
        return 0.0
    return len(q & set(content_terms(text))) / len(q)


def linked(chunk: Chunk, chunks: list[Chunk]) -> list[Chunk]:
    """Chunks of other sheets on the same topic and scope (national or the same department)."""
    if chunk.topic in GENERIC_TOPICS:
        return []
    return [c for c in chunks if c.topic == chunk.topic and c.sheet_id != chunk.sheet_id
            and c.departement == chunk.departement]


_AMOUNT = re.compile(r"\d[\d \u00a0\u202f.,]*\s?(?:€|euros?|%)", re.IGNORECASE)
_ASKS_AMOUNT = re.compile(r"\b(combien|montant|tarif|prix|cout|coût|taux|plafond|somme|forfait)\b|€", re.IGNORECASE)


def prefer_newest(candidates: list[Chunk], query: str, tolerance: float = 0.8) -> Chunk:
    """Among ranked candidates, the newest edition on the best one's topic that covers the query as well.

    `candidates[0]` is the best-ranked chunk. A newer chunk on the same topic replaces it when its
    coverage of the query terms is at least `tolerance` times the best one's: a newer edition that
    does not state what was asked does not hide the older one that does; when the question asks for
    an amount, the newer chunk must state one (the newest edition that states a figure wins).
    """
    best = candidates[0]
    if best.topic in GENERIC_TOPICS:
        return best
    best_coverage = coverage(query, best.indexed_text())
    needs_amount = bool(_ASKS_AMOUNT.search(query))
    chosen = best
    for candidate in candidates[1:]:
        if candidate.topic != best.topic or candidate.departement != best.departement:
            continue
        if needs_amount and not _AMOUNT.search(candidate.text):
            continue
        if candidate.edition > chosen.edition and coverage(query, candidate.indexed_text()) >= tolerance * best_coverage:
            chosen = candidate
    return chosen


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
