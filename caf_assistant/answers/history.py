"""Older figures from the dated parameters: when an answer states a figure that a parameter dates, the
older edition's different figure is shown as history, quoted from the older sheet itself.

The parameters (knowledge/parameters) say which figure changed between which editions and where each was
written (sheet, heading); the sentence shown is the older sheet's own, found by its figure. Pure functions.
"""

from __future__ import annotations

from functools import lru_cache

from caf_assistant.estimates.parameters import ValueRange, load_parameters
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import HistoryNote, numbers_in
from caf_assistant.knowledge.units import split_units


def written_figures(value, unit: str) -> set[str]:
    """A parameter's value as numbers_in() reads the sheets: « 2 600 » → 2600, 0.37 → 37."""
    numbers = [value.min, value.max] if isinstance(value, ValueRange) else [value]
    if unit == "rate":
        numbers = [n * 100 for n in numbers]
    return {f"{n:g}".replace(".", ",") for n in numbers}


@lru_cache(maxsize=1)
def dated_changes() -> tuple[tuple[frozenset[str], object, object], ...]:
    """(figures of a newer value, the newer value, the older value) for each change between two editions."""
    parameters = load_parameters()
    changes = []
    for name in parameters:
        parameter = parameters.get(name)
        stated = [v for v in parameter.values if v.in_force]
        for older, newer in zip(stated, stated[1:]):
            new, old = written_figures(newer.value, parameter.unit), written_figures(older.value, parameter.unit)
            if new != old and older.reference.edition < newer.reference.edition:
                changes.append((frozenset(new), newer, older))
    return tuple(changes)


def sentence_of(value, chunks: list[Chunk]) -> HistoryNote | None:
    """The sheet's own sentence that gave a dated value, found by its figure, as a history note."""
    figures = written_figures(value.value, value.unit)
    for chunk in chunks:
        if chunk.sheet_id == value.reference.sheet and chunk.departement is None \
                and chunk.topic == value.reference.section:
            sentence = next((u for u in split_units(chunk.text) if numbers_in(u) & figures), None)
            if sentence:
                return HistoryNote(chunk.sheet_id, chunk.publisher, chunk.edition, chunk.title, chunk.section,
                                   sentence, "")
    return None


def parameter_history(answer_units: list[str], chunk: Chunk, chunks: list[Chunk], seen: set[int],
                      limit: int = 2) -> list[HistoryNote]:
    """History notes for the dated figures the answer states (editions in `seen` are already shown).

    Only the parameters of the answer's own topic count, or those whose newest figure is written in the answer's
    section (the sheets moved it: the allocataires of « Les caisses d'Allocations familiales » in the 2022 « Édito »):
    « 37 % » in another section is another figure.
    """
    notes = []
    seen = set(seen)
    stated = set().union(*(numbers_in(u) for u in answer_units)) if answer_units else set()
    parameters = load_parameters()
    for figures, newer, older in dated_changes():
        newest = parameters.current(newer.name).reference
        here = newest.sheet == chunk.sheet_id and newest.heading == chunk.section
        if (newer.reference.section != chunk.topic and not here) or newer.reference.edition > chunk.edition \
                or not figures & stated or older.reference.edition in seen:
            continue
        note = sentence_of(older, chunks)
        if note:
            notes.append(note)
            seen.add(older.reference.edition)
        if len(notes) >= limit:
            break
    return notes
