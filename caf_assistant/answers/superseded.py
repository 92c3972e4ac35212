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
    """The first chunk of the heading a reference names, in the national part of its sheet; of its topic when several
    headings are alike (« En chiffres » of the crèches and of the espaces de vie sociale)."""
    found = [c for c in chunks if c.sheet_id == reference.sheet and c.section == reference.heading
             and c.departement is None]
    return next((c for c in found if c.topic == reference.section), found[0] if found else None)


# a statistic the answer states in passing (« 421 000 places de crèche » in a list of figures) does not move the answer
# to where its newest figure is written unless the question is about it: it shares this many of its words
STATISTIC_WORDS_ASKED = 2


def superseding(units: list[str], chunk: Chunk, asked: str = "") -> Reference | None:
    """Where the current figure is written when the answer's sentences state one that a newer sheet changed:
    a figure this chunk's own sheet gave for a parameter of this section (for a statistic, one the question is
    about)."""
    stated = set().union(*(numbers_in(u) for u in units)) if units else set()
    words = set(content_terms(asked))
    # the sentence the question is most about (« les places créées grâce aux plans crèches » in a list of figures)
    main = max(units, key=lambda u: len(set(content_terms(u)) & words), default="")
    found = []
    for figures, value, current, terms in stale_values():
        if value.reference.sheet != chunk.sheet_id or value.reference.section != chunk.topic \
                or not figures & stated or current.edition <= chunk.edition:
            continue
        if is_statistic(value.name) and (len(terms & words) < STATISTIC_WORDS_ASKED or not figures & numbers_in(main)):
            continue
        found.append((len(terms & words), current))
    # several figures of the passage changed: where the one the question shares most words with is written
    return max(found, key=lambda item: item[0])[1] if found else None


def is_statistic(name: str) -> bool:
    return load_parameters().get(name).kind == "statistic"


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

