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

import re
from dataclasses import dataclass, field
from typing import Any

from caf_assistant.estimates.calculators import REGISTRY, get_estimate
from caf_assistant.estimates.inputs import INPUT_TYPES
from caf_assistant.estimates.kinds import detect_estimate
from caf_assistant.estimates.numbers import Quantity, quantities
from caf_assistant.estimates.rules_year import rules_year
from caf_assistant.estimates.yes_no import BOOL_PATTERNS, bool_fact, yes_no
from caf_assistant.text import fold

# --------------------------------------------------------------------------- kind of project (kinds.py)

TYPE_TITLES = {key: estimate.title for key, estimate in REGISTRY.items()}


def estimate_key(value: Any) -> str | None:
    """A registry key from an entity value, or None."""
    return value if isinstance(value, str) and value in REGISTRY else None


# --------------------------------------------------------------------------- numbers

_MONEY_PLACE = re.compile(r"^\s*(?:par|/|la|pour une?|d une)\s*(?:place|berceau)")
_MONEY_YEARLY = re.compile(r"fonctionnement|annuel|par an\b|/an\b|chaque annee")
_MONEY_POSTE = re.compile(r"poste|salaire|charge(e)? de cooperation|coordinat")
_MONEY_DIAGNOSTIC = re.compile(r"diagnostic|etude des besoins|etude de (?:territoire|besoins)")
_YEAR_BEFORE = re.compile(r"(?:en|depuis|annee|de l annee|dès|des|d ici|a partir de|fin|debut|ete|printemps|automne"
                          r"|hiver|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre"
                          r"|decembre)\s*$")
_NEW_PLACES = re.compile(r"^\s*(?:places?\s+)?(?:sont\s+|seront\s+)?(?:nouvelles?|creees?|supplementaires|en plus)")
_NOT_PLACES = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:handicap|pauvre)")
BONUS_INSTEAD = ("creche_creation", "creche_modernisation", "psu")
_YEARLY_ASKED = r"par an\b|annuel|chaque annee|/an\b"
_TO_BUILD = r"\bcreer\b|\bcreation\b|construi|agrandi|\bextension\b|renov|travaux"
_BONUS_FACTS = re.compile(r"\bctg\b|convention territoriale|pauvrete|pauvres?\b|\brsa\b|handicap")
_NONE_OF = {"cout_poste": r"\b(?:pas de|aucun|sans) (?:poste|charge(?:e)? de cooperation|recrutement)",
            "cout_diagnostic": r"\b(?:pas de|aucun|sans) diagnostic"}
_HALF_TIME = re.compile(r"\bmi-?temps\b")
_FULL_TIME = re.compile(r"\b(?:un|1)\s+(?:poste\s+a\s+)?temps plein\b|\bun plein temps\b")


def _inputs_of(estimate: str | None) -> list[str]:
    return [spec.name for spec in get_estimate(estimate).inputs] if estimate else []


def _money_inputs(estimate: str | None) -> list[str]:
    return [name for name in _inputs_of(estimate) if INPUT_TYPES[name] == "money"]


def _nearest(before: str) -> str | None:
    """The cost a sum follows: a diagnostic's or a post's, whichever is named last before it."""
    found = [(match.end(), name) for name, pattern in (("cout_diagnostic", _MONEY_DIAGNOSTIC), ("cout_poste", _MONEY_POSTE))
             for match in pattern.finditer(before)]
    return max(found)[1] if found else None


def _money_target(q: Quantity, estimate: str | None, requested: str | None) -> str | None:
    inputs = _inputs_of(estimate)
    before, after = fold(q.before[-70:]), fold(q.after[:40])
    named = _nearest(before[-40:]) or (None if _MONEY_PLACE.search(after) else _nearest(before))
    if named:
        name = named  # « le diagnostic a été confié à un cabinet pour 12 000 € »: the nearest of the two
    elif _MONEY_PLACE.search(after):
        name = "cout_place"
    elif _MONEY_YEARLY.search(before[-40:]) or _MONEY_YEARLY.search(after[:20]):
        name = "cout_fonctionnement"
    else:
        name = None
    if estimate is None:
        return name or (requested if requested and INPUT_TYPES.get(requested) == "money" else "cout_projet")
    if name in inputs:
        return name
    if name in ("cout_place", "cout_diagnostic"):
        return None  # an amount per place is never a project's cost
    if requested in inputs and INPUT_TYPES[requested] == "money":
        return requested
    money = _money_inputs(estimate)
    return money[0] if money else None


def _count_target(q: Quantity, estimate: str | None) -> str | None:
    unit = q.unit or ""
    inputs = _inputs_of(estimate)
    known = estimate is not None

    def first(*names: str) -> str | None:
        if not known:
            return names[0]
        return next((name for name in names if name in inputs), None)

    if unit.startswith(("place", "berceau")):
        if _NOT_PLACES.search(fold(q.after[:40])):
            return None
        if "places_nouvelles" in inputs and (_NEW_PLACES.search(fold(q.after[:30]))
                                             or re.search(r"dont\s*$", fold(q.before[-10:]))):
            return "places_nouvelles"
        return first("places", "enfants")
    if unit.startswith(("enfant", "bebe", "bébé", "tout-petit", "petit", "gamin")):
        if _NOT_PLACES.search(fold(q.after[:40])) or re.search(r"handicap|pauvre", fold(q.after[:25])):
            return None
        return first("enfants", "places")
    if unit in ("candidat", "candidats", "jeunes", "ados") or unit.startswith(("adolescent", "animat")):
        if unit.startswith("animat") and "postes_animateur" in inputs:
            return "postes_animateur"
        return first("candidats")
    if unit in ("heure", "heures", "h"):
        return "heures_nouvelles" if estimate in (None, "plan_mercredi") else None
    if unit in ("poste", "postes", "etp"):
        return "postes_animateur" if estimate in (None, "rpe_fonctionnement") else None
    return None


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
    for q in quantities(text):
        if facts.rules_year is not None and q.value == facts.rules_year and not q.marked and not q.unit:
            continue  # "selon les règles de 2020"
        if q.marked:
            name = _money_target(q, kind, requested)
        elif q.unit:
            name = _count_target(q, kind)
        else:
            if q.integer and 1900 <= q.value <= 2100 and _YEAR_BEFORE.search(fold(q.before[-25:])):
                continue  # "ouverture en 2026", "ctg signée en 2022"
            if kind in (None, "bonus_creche") and _NEW_PLACES.search(fold(q.after[:30])):
                facts.values["places_nouvelles"] = _plain_number(q.value, q.integer)  # "dont 10 nouvelles"
                continue
            bare.append(q)
            continue
        if name:
            facts.values[name] = q.value if INPUT_TYPES[name] == "money" else _plain_number(q.value, q.integer)

    if requested and requested not in facts.values and INPUT_TYPES.get(requested) != "bool" and bare:
        q = bare[-1]
        wanted = INPUT_TYPES.get(requested)
        facts.values[requested] = q.value if wanted == "money" else _plain_number(q.value, q.integer)

    if _HALF_TIME.search(folded) and kind in (None, "rpe_fonctionnement") and "postes_animateur" not in facts.values:
        facts.values["postes_animateur"] = 0.5
    elif _FULL_TIME.search(folded) and kind in (None, "rpe_fonctionnement") \
            and "postes_animateur" not in facts.values:
        facts.values["postes_animateur"] = 1

    if kind in BONUS_INSTEAD and not any(INPUT_TYPES.get(name) == "money" for name in facts.values) \
            and _BONUS_FACTS.search(folded) and estimate is None \
            and (re.search(_YEARLY_ASKED, folded) or not re.search(_TO_BUILD, folded)):
        # a crèche's places, its Ctg, its QPV, its children in poverty or with a handicap, and no cost: its
        # yearly bonuses, not its construction (« 24 places, toutes créées dans le cadre de notre Ctg »)
        return extract_facts(text, "bonus_creche", requested, intent, decided_kind="bonus_creche")
    if kind == "bonus_creche" and "places_nouvelles" in facts.values and "places" not in facts.values:
        facts.values["places"] = facts.values["places_nouvelles"]  # « une crèche de 20 places nouvelles »
    for name, pattern in _NONE_OF.items():  # « pas de poste à financer »: a cost of zero, not a question
        if name in _inputs_of(kind) and name not in facts.values and re.search(pattern, folded):
            facts.values[name] = 0.0

    for name in BOOL_PATTERNS:
        if kind is not None and name not in _inputs_of(kind):
            continue
        if kind is None and name not in ("qpv", "ctg"):
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
