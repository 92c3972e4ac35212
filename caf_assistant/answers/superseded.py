"""Figures the sheets have changed since: an answer never states an older edition's figure as the current one.

The dated parameters (knowledge/parameters) know which figure each edition gave, where the newest one is written
(sheet and heading) and, for a figure the newest sheet no longer gives, what replaced it (``replaced_by``). Two
readings use them: a passage chosen to answer that states a figure a newer sheet changed, and a question that
quotes such a figure and asks whether it still holds (« c'est toujours 17 000 € par place ? »). Both are
answered from the heading where the newest figure is written; the older sentence is shown as history. Pure
functions over the parameters and the chunks.
"""

from __future__ import annotations

from functools import lru_cache

from caf_assistant.answers.history import written_figures
from caf_assistant.estimates.parameters import ParameterValue, Reference, load_parameters
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import numbers_in
from caf_assistant.retrieval.analysis import asks_current
from caf_assistant.text import content_terms


@lru_cache(maxsize=1)
def current_values() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """(figures, the parameter's words) of every figure in force."""
    parameters = load_parameters()
    values = []
    for name in parameters:
        current = parameters.current(name)
        if current.in_force:
            values.append((frozenset(written_figures(current.value, current.unit)),
                           frozenset(content_terms(current.description))))
    return tuple(values)


@lru_cache(maxsize=1)
def stale_values() -> tuple[tuple[frozenset[str], ParameterValue, Reference, frozenset[str]], ...]:
    """(figures, the older value, where the current figure is written, the parameter's own words) for every
    value a newer sheet changed, or replaced by another figure (``replaced_by``): its figures differ from the
    current ones. A figure the newest sheets stopped giving without a replacement (the Plan mercredi's 0,46 €
    per hour) is not stale: the newest edition that states a figure wins."""
    parameters = load_parameters()
    stale = []
    for name in parameters:
        parameter = parameters.get(name)
        current = parameters.current(name)
        if not current.in_force:
            continue  # the newest sheet gives no figure and names no replacement: the newest that gave one holds
        now = written_figures(current.value, current.unit)
        for value in parameter.values:
            if not value.in_force or value.reference.edition >= current.reference.edition:
                continue
            figures = written_figures(value.value, value.unit)
            if figures != now:
                stale.append((frozenset(figures), value, current.reference,
                              frozenset(content_terms(f"{parameter.description} {current.description}"))))
    return tuple(stale)


def chunk_at(reference: Reference, chunks: list[Chunk]) -> Chunk | None:
    """The first chunk of the heading a reference names, in the national part of its sheet."""
    return next((c for c in chunks if c.sheet_id == reference.sheet and c.section == reference.heading
                 and c.departement is None), None)


def superseding(units: list[str], chunk: Chunk) -> Reference | None:
    """Where the current figure is written when the answer's sentences state one that a newer sheet changed:
    a figure this chunk's own sheet gave for a parameter of this section."""
    stated = set().union(*(numbers_in(u) for u in units)) if units else set()
    for figures, value, current, _ in stale_values():
        if value.reference.sheet == chunk.sheet_id and value.reference.section == chunk.topic \
                and figures & stated and current.edition > chunk.edition:
            return current
    return None


def quoted_stale(text: str) -> tuple[Reference, ParameterValue] | None:
    """A question that quotes an older edition's figure and asks whether it still holds: where the current
    figure is, and the older value. Among several parameters that gave the figure, the one whose words the
    question shares most; none when two tie."""
    if not asks_current(text):
        return None
    quoted = numbers_in(text)
    if not quoted:
        return None
    words = set(content_terms(text))
    matches = sorted(((len(terms & words), value.reference.edition, current, value)
                      for figures, value, current, terms in stale_values() if figures & quoted),
                     key=lambda m: (-m[0], -m[1]))
    if not matches or matches[0][0] == 0:
        return None
    best = matches[0]
    if any(figures & quoted and len(terms & words) >= best[0] for figures, terms in current_values()):
        return None  # the figure is also one in force (« le bonus mixité va jusqu'à 2 100 € ? »)
    rivals = [m for m in matches[1:] if m[0] == best[0] and m[2] != best[2]]
    return None if rivals else (best[2], best[3])

