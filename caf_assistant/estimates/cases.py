"""An estimate computed with what is known: answer first, refine after.

A yes/no fact not given (« en QPV ? », « Ctg signée ? ») does not stop the figure: the estimate is computed
for each answer, and the fact is asked only if the answers give different figures (when the 80 % ceiling
decides the maximum, QPV changes nothing and is never asked). Pure functions over the calculators.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from caf_assistant.estimates.breakdown import Breakdown
from caf_assistant.estimates.calculators import get_estimate, missing_inputs, run_estimate
from caf_assistant.estimates.errors import EstimateError, MissingInput
from caf_assistant.estimates.inputs import LABELS, question


@dataclass(frozen=True)
class Case:
    assumed: tuple[tuple[str, bool], ...]  # the yes/no facts assumed for this case, by input name
    breakdown: Breakdown


@dataclass(frozen=True)
class Cases:
    """The estimate's cases, and the yes/no facts whose answer changes the figure (to ask, in that order)."""

    cases: tuple[Case, ...]
    refining: tuple[str, ...]

    @property
    def single(self) -> bool:
        return len(self.cases) == 1


def _figure(breakdown: Breakdown) -> tuple:
    return breakdown.total.minimum, breakdown.total.maximum, breakdown.per_year


def unknown_numbers(key: str, known: Mapping[str, Any]) -> list[str]:
    """Required inputs that are not yes/no and still unknown: without them no figure can be computed."""
    return [spec.name for spec in missing_inputs(key, known) if spec.type != "bool"]


def estimate_cases(key: str, known: Mapping[str, Any], date_regles: dt.date | str | None = None) -> Cases:
    """The estimate for each answer to the required yes/no facts not given (MissingInput while a number is
    missing: no figure without it).

    Cases that give the same figure are one case: a yes/no fact refines the estimate only when its answer
    changes the figure for some answer to the others.
    """
    numbers = unknown_numbers(key, known)
    if numbers:
        raise MissingInput(f"Il manque une donnée : {question(key, numbers[0])}", numbers[0])
    open_facts = [spec.name for spec in missing_inputs(key, known)]
    optional = [spec.name for spec in get_estimate(key).inputs
                if not spec.required and spec.type == "bool" and known.get(spec.name) is None]
    if not open_facts and len(optional) == 1:
        open_facts = optional  # one optional yes/no left (« guichet unique ? »): its two figures, not a default
    combinations = [dict(zip(open_facts, answers)) for answers in itertools.product((False, True), repeat=len(open_facts))]
    computed = [(answers, run_estimate(key, {**known, **answers}, date_regles)) for answers in combinations]
    refining = tuple(name for name in open_facts if any(
        _figure(breakdown) != _figure(other)
        for answers, breakdown in computed for other_answers, other in computed
        if other_answers == {**answers, name: not answers[name]}))
    cases = {tuple((name, answers[name]) for name in refining): breakdown for answers, breakdown in computed}
    ordered = sorted(_merged(cases).items(), key=lambda item: [value for _, value in item[0]])
    return Cases(cases=tuple(Case(assumed, breakdown) for assumed, breakdown in ordered), refining=refining)


def _merged(cases: dict[tuple, Breakdown]) -> dict[tuple, Breakdown]:
    """Two cases with the same figure that differ by one fact are one case without it (« sans Ctg : 0 € »
    whether in QPV or not)."""
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(list(cases), 2):
            differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
            if len(a) == len(b) and len(differ) == 1 and _figure(cases[a]) == _figure(cases[b]):
                kept = a[:differ[0]] + a[differ[0] + 1:]
                breakdown = cases.pop(a)
                cases.pop(b)
                cases[kept] = breakdown
                merged = True
                break
    return cases


def to_ask(key: str, known: Mapping[str, Any], date_regles: dt.date | str | None = None) -> list[str]:
    """What the form still asks, in order: the numbers missing (no figure without them), then the required
    yes/no facts that change the figure; a yes/no fact that changes nothing is never asked."""
    numbers = unknown_numbers(key, known)
    if numbers:
        return numbers
    try:
        cases = estimate_cases(key, known, date_regles)
    except EstimateError:
        return []  # no figure for these rules or values: the estimate action says why
    required = {spec.name for spec in get_estimate(key).required_inputs}
    # an optional fact is not asked: the estimate shows its two figures (a correction refines it)
    return [name for name in cases.refining if name in required]


def case_label(assumed: tuple[tuple[str, bool], ...]) -> str:
    """« situation en quartier prioritaire (QPV) : non ; signature d'une Ctg : oui »."""
    return " ; ".join(f"{LABELS.get(name, name)} : {'oui' if value else 'non'}" for name, value in assumed)


def cases_lines(cases: Cases) -> list[str]:
    """One line per case: its conditions, then its figure in words."""
    return [f"- {case_label(case.assumed)} → {headline(case.breakdown)}" for case in cases.cases]


def headline(breakdown: Breakdown) -> str:
    """The figure in words an official repeats in a council meeting, with the ceiling that decides it
    (« Jusqu'à 280 000 € ; le plafond « 80 % du coût du projet » s'applique »)."""
    figure = breakdown.total.text()
    figure = figure[0].upper() + figure[1:]
    text = f"{figure}{' par an' if breakdown.per_year else ''} : {breakdown.title.lower()}"
    binding = [ceiling.label for ceiling in breakdown.ceilings if ceiling.binds]
    if binding:
        text += f" ; le plafond « {binding[0]} » s'applique"
    return text + "."
