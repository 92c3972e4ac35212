"""Facts of an estimate read from one message: kind of project (kinds.py), places, costs, yes/no facts
(yes_no.py), rules year (rules_year.py).

Pure functions used by the Rasa form (actions/validate_estimate_form.py): the form asks only what
``extract_facts`` did not find, checks each value with ``inputs.check_fact`` and re-asks with
``inputs.unreadable_message``.

Numbers are read by numbers.quantities. A number followed by its unit ("30 places", "8 jeunes",
"1,7 M€") goes to its fact whatever was asked; a bare number ("30", "250000") only answers the question
being asked (``requested``), so "30" given for a cost is never taken for places.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from caf_assistant.estimates.bool_facts import BOOL_INPUTS, bool_fact
from caf_assistant.estimates.calculators import REGISTRY, get_estimate
from caf_assistant.estimates.declaration import Input
from caf_assistant.estimates.inputs import INPUT_TYPES, INPUTS
from caf_assistant.estimates.kinds import detect_estimate
from caf_assistant.estimates.numbers import Quantity, quantities
from caf_assistant.estimates.rules_year import rules_year
from caf_assistant.estimates.shared_inputs import CHILD_UNITS, COUT_PROJET, PLACE_UNITS
from caf_assistant.text import fold
from caf_assistant.yes_no import yes_no

# --------------------------------------------------------------------------- kind of project (kinds.py)

TYPE_TITLES = {key: estimate.title for key, estimate in REGISTRY.items()}


def estimate_key(value: Any) -> str | None:
    """A registry key from an entity value, or None."""
    return value if isinstance(value, str) and value in REGISTRY else None


# --------------------------------------------------------------------------- numbers, by the inputs' declared words

_YEAR_BEFORE = re.compile(r"(?:en|depuis|annee|de l annee|dès|des|d ici|a partir de|fin|debut|ete|printemps|automne"
                          r"|hiver|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre"
                          r"|decembre)\s*$")
# children described by who they are (« 3 enfants porteurs de handicap »): a fact about the bonuses, not a count
_DESCRIBED = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:handicap|pauvre|porteu|trisomi|autis|polyhandicap|en situation)")
# a value corrected in the same message (« 45 000 €, mais avec les charges ce sera 60 000 € », « 25, non, 28 »)
_CORRECTED = re.compile(r"\b(?:mais|finalement|en fait|enfin|plutot|non|donc|pardon|au final|ce sera|ca sera|sera de|"
                        r"passe a|revue? a|rectifiee? a|corrigee? a)(?:\s*(?:de|a|:|,))?\s*$")
_PART_OF = re.compile(r"^\s*de (?:nos|ses|ces|leurs|les) (?:\d+ )?(?:places|berceaux)\s+(?:sont |seront |ont ete )?"
                      r"(?:nouvel|nouveaux|creee?s?)")
_PART_BEFORE = re.compile(r"\d+ de (?:nos|ses|ces|leurs|les)\s*$")
_LABEL_BEFORE = re.compile(r"(?:^|\n|[•*-]\s*)\s*(?:nombre (?:de |d )?)?(\w+)(?: \w+)?\s*:\s*$")
_TOTAL_BEFORE = re.compile(r"\b(?:sur|parmi) (?:les|nos|ces|ses|leurs)\s*$")
_OBJECT_BEFORE = re.compile(r"\b(?:poussettes?|minibus|vehicules?|voitures?|bus|tables?|lits?|chaises?)\s*$")
_GROWTH = re.compile(r"\bde (\d+) (?:a|jusqu a) (\d+) (?:places|berceaux)\b|"
                     r"\b(\d+) (?:places|berceaux)\b.{0,300}?\b(?:porter|portera|passer|passera|augmenter|monter|montera)"
                     r"\w* (?:la capacite |sa capacite |l accueil )?(?:a|jusqu a) (\d+) (?:places|berceaux)\b")
BONUS_INSTEAD = ("creche_creation", "creche_modernisation", "psu")
_YEARLY_ASKED = r"par an\b|annuel|chaque annee|/an\b"
_TO_BUILD = r"\bcreer\b|\bcreation\b|construi|agrandi|\bextension\b|renov|travaux"
_BONUS_FACTS = re.compile(r"\bctg\b|convention territoriale|convention globale|pauvrete|pauvres?\b|\brsa\b|handicap")
_NAMING = [spec for spec in INPUTS.values() if spec.named_before]
_NAMED_AFTER = [spec for spec in INPUTS.values() if spec.named_after]
_MONEY_CONTEXT = [spec for spec in INPUTS.values() if spec.type == "money" and spec.context]
# the yes/no facts read before the kind is known: those several estimates ask (QPV, Ctg)
_SHARED_BOOLS = [name for name in BOOL_INPUTS if sum(bool(e.input(name)) for e in REGISTRY.values()) > 1]


def _inputs_of(estimate: str | None) -> list[str]:
    return [spec.name for spec in get_estimate(estimate).inputs] if estimate else []


def _pool(estimate: str | None) -> list[Input]:
    """The inputs a number may be: the estimate's, or every input while the kind is unknown."""
    return [INPUTS[name] for name in _inputs_of(estimate)] if estimate else list(INPUTS.values())


def _money_inputs(estimate: str | None) -> list[str]:
    return [name for name in _inputs_of(estimate) if INPUT_TYPES[name] == "money"]


def _nearest(before: str) -> str | None:
    """The cost a sum follows: of the inputs a sum's preceding words name, the one named last."""
    found = [(match.end(), spec.name) for spec in _NAMING for match in re.finditer(spec.named_before, before)]
    return max(found)[1] if found else None


def _money_target(q: Quantity, estimate: str | None, requested: str | None) -> str | None:
    inputs = _inputs_of(estimate)
    before, after = fold(q.before[-70:]), fold(q.after[:40])
    named_after = next((spec.name for spec in _NAMED_AFTER if re.search(spec.named_after, after)), None)
    named = _nearest(before[-40:]) or (None if named_after else _nearest(before))
    if named:
        name = named  # « le diagnostic a été confié à un cabinet pour 12 000 € »: the nearest of the two
    elif named_after:
        name = named_after
    else:
        name = next((spec.name for spec in _MONEY_CONTEXT
                     if re.search(spec.context, before[-40:]) or re.search(spec.context, after[:20])), None)
    if estimate is None:
        return name or (requested if requested and INPUT_TYPES.get(requested) == "money" else COUT_PROJET.name)
    if name in inputs:
        return name
    if name and INPUTS[name].exclusive:
        return None  # an amount per place is never a project's cost
    if requested in inputs and INPUT_TYPES[requested] == "money":
        return requested
    whole = fold(q.before + " " + q.after)  # « pas de recrutement » : not the post's cost
    money = [name for name in _money_inputs(estimate) if not (INPUTS[name].none and re.search(INPUTS[name].none, whole))]
    return money[0] if money else None


def _named(q: Quantity) -> str | None:
    """The cost the words around a sum name, if any."""
    before, after = fold(q.before[-70:]), fold(q.after[:40])
    return _nearest(before[-40:]) or next((spec.name for spec in _NAMED_AFTER if re.search(spec.named_after, after)),
                                          None)


def _times_occurrences(spec: Input, q: Quantity, folded: str, value: float) -> float:
    """« 2 heures de plus chaque mercredi, sur 36 mercredis »: 72 (the declared ``per_occurrence``)."""
    if not spec.per_occurrence:
        return value
    per, count = spec.per_occurrence
    occurrences = re.search(count, fold(q.before + " " + q.after))  # the digits of « trente-quatre mercredis »
    # per occurrence when said so, or when a few hours come with a number of occurrences and no year
    few = value <= 8 and not re.search(r"^[^.;]{0,40}\b(?:an|annee)\b", fold(q.after))
    if occurrences and (re.search(per, fold(q.after)) or few):
        return _plain_number(value * int(occurrences.group(1)), float(value).is_integer())
    return value


def _has_unit(units: tuple[str, ...], unit: str) -> bool:
    return any(unit.startswith(prefix) for prefix in units)


def _marked(spec: Input, q: Quantity) -> bool:
    after, before = fold(q.after[:30]), fold(q.before[-10:])
    return bool((spec.marked_after and re.search(spec.marked_after, after))
                or (spec.marked_before and re.search(spec.marked_before, before)))


def _count_target(q: Quantity, estimate: str | None) -> tuple[str | None, bool]:
    """(the input a counted number is, whether by its own unit: « 30 enfants » for places is not)."""
    unit = fold(q.unit or "")
    after = fold(q.after[:40])
    if _has_unit(PLACE_UNITS + CHILD_UNITS, unit) and (_DESCRIBED.search(after) or (
            _has_unit(CHILD_UNITS, unit) and re.search(r"handicap|pauvre", after[:25]))):
        return None, False
    pool = _pool(estimate)
    if estimate is not None:  # « dont 10 places nouvelles »: the fact its words mark, when the estimate has it
        marked = next((spec.name for spec in pool if (spec.marked_after or spec.marked_before)
                       and _has_unit(spec.units, unit) and _marked(spec, q)), None)
        if marked:
            return marked, True
    own = [spec.name for spec in pool if not (spec.marked_after or spec.marked_before) and _has_unit(spec.units, unit)]
    if own:
        return own[0], True
    also = [spec.name for spec in pool if _has_unit(spec.also_units, unit)] if estimate is not None else []
    return (also[0], False) if also else (None, False)


def _plain_number(value: float, integer: bool) -> int | float:
    return int(value) if integer and value == int(value) else value


@dataclass
class Facts:
    """What one message says: ``values`` maps input names to raw values (checked later by check_fact)."""

    estimate: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    rules_year: int | None = None
    rules_today: bool = False

    @property
    def empty(self) -> bool:
        return self.estimate is None and not self.values and self.rules_year is None and not self.rules_today


def extract_facts(
    text: str | None,
    estimate: str | None = None,
    requested: str | None = None,
    intent: str | None = None,
    entity: str | None = None,
    decided_kind: str | None = None,
) -> Facts:
    """All the facts of one message.

    ``estimate``: the kind of estimate already known (the message may name another one, which wins);
    ``requested``: the input the bot just asked for (a bare number or a yes/no answers it);
    ``entity``: the ``type_estimation`` entity found by the NLU, if any.
    """
    text = text or ""
    facts = Facts()
    if text.startswith("/"):  # a button payload: only its entity counts
        facts.estimate = estimate_key(entity)
        if requested and INPUT_TYPES.get(requested) == "bool":
            facts.values[requested] = yes_no("", intent)
            if facts.values[requested] is None:
                del facts.values[requested]
        return facts
    # the words first, the NLU entity (a guess) after; `decided_kind` when the reading of the facts decided it
    facts.estimate = estimate_key(decided_kind) or detect_estimate(text) or estimate_key(entity)
    kind = facts.estimate or estimate
    facts.rules_year, facts.rules_today = rules_year(text)
    folded = fold(text)

    bare: list[Quantity] = []
    by_own_unit: set[str] = set()  # counts given with their own unit (« 40 places »), not overridden by others
    totals: dict[str, float] = {}  # sums that are totals of what an input counts per unit
    total_unit: str | None = None  # « sur les 27 jeunes du conseil, 6 s'inscrivent »: the count is the 6
    last_unit: str | None = None  # the unit of the last counted number, for a correction right after it
    for q in quantities(text):
        if facts.rules_year is not None and q.value == facts.rules_year and not q.marked and not q.unit:
            continue  # "selon les règles de 2020"
        if q.unit and _TOTAL_BEFORE.search(fold(q.before[-12:])):
            total_unit = q.unit
            continue
        if not q.marked and not q.unit and total_unit:
            q = dataclasses.replace(q, unit=total_unit)
            total_unit = None
        if not q.marked and not q.unit and last_unit and _CORRECTED.search(fold(q.before[-25:])):
            q = dataclasses.replace(q, unit=last_unit)  # « 10 berceaux, mais ce sera 12 finalement »
        part = _PART_OF.search(fold(q.after[:60])) if not q.marked and not q.unit else None
        if part:  # « 10 de nos 24 places sont nouvelles »: the 10 are the places it marks
            marked = next((spec.name for spec in _pool(kind) if spec.marked_after), None)
            if marked:
                facts.values[marked] = _plain_number(q.value, q.integer)
                continue
        if q.unit and _PART_BEFORE.search(fold(q.before[-20:])):
            q = dataclasses.replace(q, after="")  # the 24 of « 10 de nos 24 places sont nouvelles »: all the places
        if q.unit:
            last_unit = q.unit
        label = _LABEL_BEFORE.search(fold(q.before[-40:])) if not q.marked and not q.unit else None
        if label and any(_has_unit(spec.units, label.group(1)) for spec in INPUTS.values()):
            q = dataclasses.replace(q, unit=label.group(1))  # « candidats inscrits : 25 », a note's line
        if q.marked:
            name = _money_target(q, kind, requested)
            if name and name in facts.values and _named(q) is None and not _CORRECTED.search(fold(q.before[-25:])):
                # a second sum that names nothing (« 21 500 €/an, + le diag 16 800 € »): the next cost not given
                name = next((other for other in _money_inputs(kind) if other not in facts.values), name)
            spec = INPUTS.get(name) if name else None
            if spec and spec.total_of and re.search(spec.total_of[1], fold(q.before[-40:] + " " + q.after[:30])) \
                    and not re.search(spec.named_after, fold(q.after[:40])) \
                    and not re.search(r"\b(?:une|la|par|chaque|d une) (?:place|berceau)\b", fold(q.before[-90:])):
                totals[name] = q.value  # divided by its places below
                continue
        elif q.unit:
            if _OBJECT_BEFORE.search(fold(q.before[-20:])):
                continue  # « 2 poussettes 6 places »: an object's places
            name, own_unit = _count_target(q, kind)
            if name and not own_unit and name in by_own_unit:
                continue  # « 40 places … deux enfants porteurs de handicap »: the places stay
            if name and own_unit:
                by_own_unit.add(name)
        else:
            if q.integer and 1900 <= q.value <= 2100 and _YEAR_BEFORE.search(fold(q.before[-25:])):
                continue  # "ouverture en 2026", "ctg signée en 2022"
            marked = next((spec.name for spec in _pool(kind) if spec.marked_after
                           and re.search(spec.marked_after, fold(q.after[:30]))), None)
            if marked:
                facts.values[marked] = _plain_number(q.value, q.integer)  # "dont 10 nouvelles"
                continue
            bare.append(q)
            continue
        if name:
            value = q.value if INPUT_TYPES[name] == "money" else _plain_number(q.value, q.integer)
            facts.values[name] = _times_occurrences(INPUTS[name], q, folded, value)

    growth = _GROWTH.search(folded) if kind and get_estimate(kind).growth else None
    if growth:  # « notre crèche passe de 30 à 40 places »: 10 places added, 40 in all
        before, after = (int(n) for n in growth.groups() if n)
        added = get_estimate(kind).growth
        others = [name for name in _inputs_of(kind) if name != added and INPUT_TYPES[name] == INPUT_TYPES[added]]
        if after > before:
            facts.values[added] = after - before
            for name in others:
                facts.values[name] = after
    for name, total in totals.items():
        divider = INPUTS[name].total_of[0]
        if facts.values.get(divider):
            facts.values[name] = round(total / facts.values[divider], 2)

    if requested and requested not in facts.values and INPUT_TYPES.get(requested) != "bool" and bare:
        q = bare[-1]
        wanted = INPUT_TYPES.get(requested)
        facts.values[requested] = q.value if wanted == "money" else _plain_number(q.value, q.integer)

    for spec in _pool(kind):  # « un mi-temps »: a value said in words
        if spec.phrases and spec.name not in facts.values:
            said = next((value for pattern, value in spec.phrases if re.search(pattern, folded)), None)
            if said is not None:
                facts.values[spec.name] = said

    if kind in BONUS_INSTEAD and not any(INPUT_TYPES.get(name) == "money" for name in facts.values) \
            and _BONUS_FACTS.search(folded) and estimate is None \
            and (re.search(_YEARLY_ASKED, folded) or not re.search(_TO_BUILD, folded)):
        # a crèche's places, its Ctg, its QPV, its children in poverty or with a handicap, and no cost: its
        # yearly bonuses, not its construction (« 24 places, toutes créées dans le cadre de notre Ctg »)
        return extract_facts(text, "bonus_creche", requested, intent, decided_kind="bonus_creche")
    if kind == "bonus_creche" and "places_nouvelles" in facts.values and "places" not in facts.values:
        facts.values["places"] = facts.values["places_nouvelles"]  # « une crèche de 20 places nouvelles »
    for spec in (_pool(kind) if kind else ()):  # « pas de poste à financer »: a cost of zero, not a question
        if spec.none and spec.name not in facts.values and re.search(spec.none, folded):
            facts.values[spec.name] = 0.0

    for name in (_inputs_of(kind) if kind else _SHARED_BOOLS):
        if INPUT_TYPES[name] != "bool":
            continue
        value = bool_fact(name, text)
        if value is not None:
            facts.values[name] = value
    if requested and INPUT_TYPES.get(requested) == "bool" and requested not in facts.values:
        answer = yes_no(text, intent)
        if answer is not None:
            facts.values[requested] = answer
    return facts


__all__ = ["TYPE_TITLES", "Facts", "estimate_key", "extract_facts"]
