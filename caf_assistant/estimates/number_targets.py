"""Which input of an estimate a number of a message is (« 30 places », « 1,7 M€ pour le poste »,
« 10 berceaux ») by the words each input declares (estimates/declaration.py): its unit, the words naming a sum,
the words marking it. Pure functions on numbers.Quantity; facts.py reads a whole message with them.
"""

from __future__ import annotations

import re

from caf_assistant.estimates.calculators import get_estimate
from caf_assistant.estimates.declaration import Input
from caf_assistant.estimates.inputs import INPUT_TYPES, INPUTS
from caf_assistant.estimates.numbers import Quantity
from caf_assistant.estimates.shared_inputs import CHILD_UNITS, COUT_PROJET, PLACE_UNITS
from caf_assistant.text import fold

# children described by who they are (« 3 enfants porteurs de handicap »): a fact about the bonuses, not a count
_DESCRIBED = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:handicap|pauvre|porteu|trisomi|autis|polyhandicap|en situation)")

_NAMING = [spec for spec in INPUTS.values() if spec.named_before]
_NAMED_AFTER = [spec for spec in INPUTS.values() if spec.named_after]
_MONEY_CONTEXT = [spec for spec in INPUTS.values() if spec.type == "money" and spec.context]


def inputs_of(estimate: str | None) -> list[str]:
    return [spec.name for spec in get_estimate(estimate).inputs] if estimate else []


def candidate_inputs(estimate: str | None) -> list[Input]:
    """The inputs a number may be: the estimate's, or every input while the kind is unknown."""
    return [INPUTS[name] for name in inputs_of(estimate)] if estimate else list(INPUTS.values())


def money_inputs(estimate: str | None) -> list[str]:
    return [name for name in inputs_of(estimate) if INPUT_TYPES[name] == "money"]


def _nearest(before: str) -> str | None:
    """The cost a sum follows: of the inputs a sum's preceding words name, the one named last."""
    found = [(match.end(), spec.name) for spec in _NAMING for match in re.finditer(spec.named_before, before)]
    return max(found)[1] if found else None


def named(q: Quantity) -> str | None:
    """The cost the words around a sum name, if any: the words right after it (« 12 000 € par place »,
    « 12 000 € pour l'étude »), the one named last just before it, or one named a little further before it."""
    before, after = fold(q.before[-70:]), fold(q.after[:40])
    named_after = next((spec.name for spec in _NAMED_AFTER if re.search(spec.named_after, after)), None)
    # « le diagnostic a été confié à un cabinet pour 12 000 € »: the nearest naming before it
    return named_after or _nearest(before[-40:]) or _nearest(before)


def money_target(q: Quantity, estimate: str | None, requested: str | None) -> str | None:
    inputs = inputs_of(estimate)
    name = named(q)
    if name is None:
        before, after = fold(q.before[-40:]), fold(q.after[:20])
        name = next((spec.name for spec in _MONEY_CONTEXT
                     if re.search(spec.context, before) or re.search(spec.context, after)), None)
    if estimate is None:
        return name or (requested if requested and INPUT_TYPES.get(requested) == "money" else COUT_PROJET.name)
    if name in inputs:
        return name
    if name and INPUTS[name].exclusive:
        return None  # an amount per place is never a project's cost
    if requested in inputs and INPUT_TYPES[requested] == "money":
        return requested
    whole = fold(q.before + " " + q.after)  # « pas de recrutement » : not the post's cost
    money = [name for name in money_inputs(estimate) if not (INPUTS[name].none and re.search(INPUTS[name].none, whole))]
    # a sum far from what it pays for (« nous lançons l'état des lieux des besoins (…). Le marché a été attribué pour
    # 20 000 € »): the one cost the message names before it
    before = fold(q.before)
    mentioned = [name for name in money if INPUTS[name].named_before and re.search(INPUTS[name].named_before, before)]
    if len(mentioned) == 1:
        return mentioned[0]
    return money[0] if money else None


def times_occurrences(spec: Input, q: Quantity, value: float) -> float:
    """« 2 heures de plus chaque mercredi, sur 36 mercredis »: 72 (the declared ``per_occurrence``)."""
    if not spec.per_occurrence:
        return value
    per, count, at_most = spec.per_occurrence
    occurrences = re.search(count, fold(q.before + " " + q.after))  # the digits of « trente-quatre mercredis »
    # per occurrence when said so, or when a small value comes with a number of occurrences and no year
    few = value <= at_most and not re.search(r"^[^.;]{0,40}\b(?:an|annee)\b", fold(q.after))
    if occurrences and (re.search(per, fold(q.after)) or few):
        return plain_number(value * int(occurrences.group(1)), float(value).is_integer())
    return value


def has_unit(units: tuple[str, ...], unit: str) -> bool:
    return any(unit.startswith(prefix) for prefix in units)


def _marked(spec: Input, q: Quantity) -> bool:
    after, before = fold(q.after[:30]), fold(q.before[-10:])
    return bool((spec.marked_after and re.search(spec.marked_after, after))
                or (spec.marked_before and re.search(spec.marked_before, before)))


def count_target(q: Quantity, estimate: str | None) -> tuple[str | None, bool]:
    """(the input a counted number is, whether by its own unit: « 30 enfants » for places is not)."""
    unit = fold(q.unit or "")
    after = fold(q.after[:40])
    if has_unit(PLACE_UNITS + CHILD_UNITS, unit) and (_DESCRIBED.search(after) or (
            has_unit(CHILD_UNITS, unit) and re.search(r"handicap|pauvre", after[:25]))):
        return None, False
    pool = candidate_inputs(estimate)
    if estimate is not None:  # « dont 10 places nouvelles »: the fact its words mark, when the estimate has it
        marked = next((spec.name for spec in pool if (spec.marked_after or spec.marked_before)
                       and has_unit(spec.units, unit) and _marked(spec, q)), None)
        if marked:
            return marked, True
    own = [spec.name for spec in pool if not (spec.marked_after or spec.marked_before) and has_unit(spec.units, unit)]
    if own:
        return own[0], True
    also = [spec.name for spec in pool if has_unit(spec.also_units, unit)] if estimate is not None else []
    return (also[0], False) if also else (None, False)


def plain_number(value: float, integer: bool) -> int | float:
    return int(value) if integer and value == int(value) else value
