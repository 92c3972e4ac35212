"""Facts of an estimate read from one message: kind of project (kinds.py), places, costs (number_targets.py),
yes/no facts (bool_facts.py), rules year (rules_year.py), and what the message's own wording does to them
(a value corrected in it, « de 24 à 40 places », « 10 de nos 24 places sont nouvelles », a label « : 25 »).

Pure functions used by the Rasa form (actions/validate_estimate_form.py): the form asks only what
``extract_facts`` did not find, checks each value with ``inputs.check_fact`` and re-asks with
``inputs.unreadable``.

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
from caf_assistant.estimates.inputs import INPUT_TYPES, INPUTS
from caf_assistant.estimates.kinds import detect_estimate, names_project
from caf_assistant.estimates.number_targets import (
    candidate_inputs,
    count_target,
    has_unit,
    inputs_of,
    money_inputs,
    money_target,
    named,
    plain_number,
    times_occurrences,
)
from caf_assistant.estimates.numbers import Quantity, normalised, quantities
from caf_assistant.estimates.rules_year import rules_year
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
# a value corrected in the same message (« 45 000 €, mais avec les charges ce sera 60 000 € », « 25, non, 28 »)
_CORRECTED = re.compile(r"\b(?:mais|finalement|en fait|enfin|plutot|non|donc|pardon|au final|ce sera|ca sera|sera de|"
                        r"passe a|revue? a|rectifiee? a|corrigee? a)(?:\s*(?:de|a|:|,))?\s*$")
_PART_OF = re.compile(r"^\s*de (?:nos|ses|ces|leurs|les) (?:\d+ )?(?:places|berceaux)\s+(?:sont |seront |ont ete )?"
                      r"(?:nouvel|nouveaux|creee?s?)")
_PART_BEFORE = re.compile(r"\d+ de (?:nos|ses|ces|leurs|les)\s*$")
# « candidats inscrits : 25 », « projet / places : 20 / coût : … »: a list's label names the number after it
_LABEL_BEFORE = re.compile(r"(?:^|\n|[•*/;(.-]\s*)\s*(?:dont )?(?:nombre (?:de |d )?)?(\w+)(?: \w+){0,2}\s*[:=]\s*$")
# a longer label on its own line names the number by its first word (« enfants accueillis l'an prochain : 60 »)
_LINE_LABEL = re.compile(r"(?:^|\n)[^\S\n]*(?:[•*-][^\S\n]*)?(?:dont )?(?:nombre (?:de |d )?)?(\w+)"
                         r"[^\n:=.;?!]{0,60}[:=][^\S\n]*$")
# people counted by who they are (« ils sont douze », « nous serons 8 »): the estimate's one count of people
_WE_ARE = re.compile(r"\b(?:ils|elles|on|nous) (?:sont|seront|est|sera|sommes|serons)(?: au nombre de| en tout| au total)?\s*$")
# « une place nous revient à 19 000 €, et nous en avons 60 »: « en » stands for what the estimate counts
_WE_HAVE_SOME = re.compile(r"\b(?:nous|on|ils|elles|j|je) en (?:avons|a|ont|ai|aurons|aura|comptons|compte|comptera"
                           r"|accueillons|accueille|gerons|gere|proposons|propose|offrons|offre)(?: \w+)?\s*$")
# the input types a bare number may count, and the words before it that give it to the estimate's one such input
_SAID_COUNTS = (
    (("count",), lambda before: bool(_WE_ARE.search(fold(before[-30:])) or _CORRECTED.search(fold(before[-25:])))),
    (("count", "places"), lambda before: bool(_WE_HAVE_SOME.search(fold(before[-30:])))),
)
_TOTAL_BEFORE = re.compile(r"\b(?:sur|parmi) (?:les|nos|ces|ses|leurs)\s*$")
_OBJECT_BEFORE = re.compile(r"\b(?:poussettes?|minibus|vehicules?|voitures?|bus|tables?|lits?|chaises?)\s*$")
_GROWTH = re.compile(r"\bde (\d+) (?:a|jusqu a) (\d+) (?:places|berceaux)\b|"
                     r"\b(\d+) (?:places|berceaux)\b.{0,300}?\b(?:porter|portera|passer|passera|augmenter|monter|montera)"
                     r"\w* (?:la capacite |sa capacite |l accueil )?(?:a|jusqu a) (\d+) (?:places|berceaux)\b")
# a Mam's places as its assistants' agreements (« trois assmat, agréées chacune pour quatre enfants »): 3 × 4
_AGREEMENTS = re.compile(r"\b(\d{1,2}) (?:assmats?|ass mat|assistant\w* maternel\w*|nounous|professionnel\w*)\b"
                         r"[^.;?!]{0,80}?\b(?:chacune?|chaque|agreee?s?)\b[^.;?!]{0,20}?\b(\d{1,2}) (?:enfants|places)\b")
BONUS_INSTEAD = ("creche_creation", "creche_modernisation", "psu")
_YEARLY_ASKED = r"par an\b|annuel|chaque annee|/an\b"
_TO_BUILD = r"\bcreer\b|\bcreation\b|construi|agrandi|\bextension\b|renov|travaux"
# the facts only the bonuses ask (poor families, a child with a disability: their inputs' own words), and the Ctg
_BONUS_FACTS = re.compile("|".join([r"\bctg\b|convention territoriale|convention globale", *(
    f"(?:{spec.positive})" for spec in REGISTRY["bonus_creche"].inputs
    if spec.type == "bool" and spec.positive and not any(REGISTRY[kind].input(spec.name) for kind in BONUS_INSTEAD))]))
# the yes/no facts read before the kind is known: those several estimates ask (QPV, Ctg)
_SHARED_BOOLS = [name for name in BOOL_INPUTS if sum(bool(e.input(name)) for e in REGISTRY.values()) > 1]


def _label(before: str) -> tuple[str, str] | None:
    """The unit a list's label before a bare number names (« candidats inscrits : », « enfants … : ») and the
    label's words after it (« places nouvelles : 12 » marks the places as new ones), or None."""
    for pattern, span in ((_LABEL_BEFORE, 40), (_LINE_LABEL, 80)):
        label = pattern.search(fold(before[-span:]))
        if label and any(has_unit(spec.units, label.group(1)) for spec in INPUTS.values()):
            rest = label.group(0)[label.end(1) - label.start(0):]
            return label.group(1), re.sub(r"\s*[:=]\s*$", "", rest)
    return None


# what a sum is for, right after it (« 2,3 M€ engagés sur la piscine », « 90 000 € de budget pour la cantine »)
_SPENT_ON = re.compile(r"^\s*(?:ht |ttc )?(?:de budget |d investissement |de depenses? )?(?:deja |aussi )?"
                       r"(?:engages?|prevus?|consacres?|investis?|depenses?|votes?|inscrits?|mis|mobilises?)?\s*"
                       r"(?:pour|sur|dans) (?:la |le |l |les |notre |nos |un |une |des |son |sa |ses )?"
                       r"([a-z]{3,}(?: [a-z]+)?)")


def _spent_elsewhere(q: Quantity) -> bool:
    """A sum whose words say it is spent on something else than a project the estimates know."""
    spent = _SPENT_ON.search(fold(q.after[:60]))
    return bool(spent) and not names_project(spent.group(1)) and not names_project(fold(q.before[-15:]))


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
        if not q.marked and q.integer and 1900 <= q.value <= 2100 and _YEAR_BEFORE.search(fold(q.before[-25:])):
            continue  # "ouverture en 2026", "ctg signée en 2022", « label obtenu en 2025 / enfants : 60 »
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
            marked = next((spec.name for spec in candidate_inputs(kind) if spec.marked_after), None)
            if marked:
                facts.values[marked] = plain_number(q.value, q.integer)
                continue
        if q.unit and _PART_BEFORE.search(fold(q.before[-20:])):
            q = dataclasses.replace(q, after="")  # the 24 of « 10 de nos 24 places sont nouvelles »: all the places
        if q.unit:
            last_unit = q.unit
        if not q.marked and not q.unit:
            label = _label(q.before)
            if label:  # « candidats inscrits : 25 », a note's line: as if written « 25 candidats inscrits »
                # (unless the number explains itself: « 6 500 (heures x enfants) »)
                after = q.after if q.after.lstrip().startswith("(") else f"{label[1]} ; {q.after}"
                q = dataclasses.replace(q, unit=label[0], after=after)
        if q.marked and _spent_elsewhere(q):
            continue  # « on a aussi 90 000 € de budget pour la cantine »: not the project's
        if q.marked:
            name = money_target(q, kind, requested)
            if name and name in facts.values and named(q) is None and not _CORRECTED.search(fold(q.before[-25:])):
                # a second sum that names nothing (« 21 500 €/an, + le diag 16 800 € »): the next cost not given
                name = next((other for other in money_inputs(kind) if other not in facts.values), name)
            spec = INPUTS.get(name) if name else None
            if spec and spec.total_of and named(q) != name \
                    and re.search(spec.total_of[1], fold(q.before[-40:] + " " + q.after[:30])):
                totals[name] = q.value  # divided by its places below
                continue
        elif q.unit:
            if _OBJECT_BEFORE.search(fold(q.before[-20:])):
                continue  # « 2 poussettes 6 places »: an object's places
            name, own_unit = count_target(q, kind)
            if name and not own_unit and name in by_own_unit:
                continue  # « 40 places … deux enfants porteurs de handicap »: the places stay
            if name and own_unit:
                by_own_unit.add(name)
        else:
            marked = next((spec.name for spec in candidate_inputs(kind) if spec.marked_after
                           and re.search(spec.marked_after, fold(q.after[:30]))), None)
            if marked:
                facts.values[marked] = plain_number(q.value, q.integer)  # "dont 10 nouvelles"
                continue
            bare.append(q)
            continue
        if name:
            value = q.value if INPUT_TYPES[name] == "money" else plain_number(q.value, q.integer)
            facts.values[name] = times_occurrences(INPUTS[name], q, value)

    agreements = _AGREEMENTS.search(fold(normalised(text))) if kind in ("mam_creation", "mam_renovation") else None
    said_places = any(q.unit and fold(q.unit).startswith(("place", "berceau")) for q in quantities(text))
    if agreements and not said_places and int(agreements.group(2)) <= 6:
        facts.values["places"] = int(agreements.group(1)) * int(agreements.group(2))
    growth = _GROWTH.search(folded) if kind and get_estimate(kind).growth else None
    if growth:  # « notre crèche passe de 30 à 40 places »: 10 places added, 40 in all
        before, after = (int(n) for n in growth.groups() if n)
        added = get_estimate(kind).growth
        others = [name for name in inputs_of(kind) if name != added and INPUT_TYPES[name] == INPUT_TYPES[added]]
        if after > before:
            facts.values[added] = after - before
            for name in others:
                facts.values[name] = after
    for name, total in totals.items():
        divider = INPUTS[name].total_of[0]
        if facts.values.get(divider):
            facts.values[name] = round(total / facts.values[divider], 2)

    # a bare number its words give to the estimate's one count: « ils sont douze », « on en avait inscrit 10 mais
    # 2 de plus, donc 12 » (people counted), « une place nous revient à 19 000 €, et nous en avons 60 » (places too)
    for types, says_count in _SAID_COUNTS:
        numbered = [name for name in inputs_of(kind) if INPUT_TYPES[name] in types] if kind else []
        if len(numbered) == 1 and numbered[0] not in facts.values and numbered[0] != requested:
            said = [q for q in bare if q.integer and says_count(q.before)]
            if said:
                facts.values[numbered[0]] = plain_number(said[-1].value, True)
                bare.remove(said[-1])

    if requested and requested not in facts.values and INPUT_TYPES.get(requested) != "bool" and bare:
        q = bare[-1]
        wanted = INPUT_TYPES.get(requested)
        facts.values[requested] = q.value if wanted == "money" else plain_number(q.value, q.integer)

    for spec in candidate_inputs(kind):  # « un mi-temps »: a value said in words
        if spec.phrases and spec.name not in facts.values:
            # several said (« une animatrice à temps plein et une deuxième à mi-temps »): they add up
            said = [value for pattern, value in spec.phrases for _ in re.finditer(pattern, folded)]
            if said:
                facts.values[spec.name] = sum(said)

    if kind in BONUS_INSTEAD and not any(INPUT_TYPES.get(name) == "money" for name in facts.values) \
            and _BONUS_FACTS.search(folded) and estimate is None \
            and (re.search(_YEARLY_ASKED, folded) or not re.search(_TO_BUILD, folded)):
        # a crèche's places, its Ctg, its QPV, its children in poverty or with a handicap, and no cost: its
        # yearly bonuses, not its construction (« 24 places, toutes créées dans le cadre de notre Ctg »)
        return extract_facts(text, "bonus_creche", requested, intent, decided_kind="bonus_creche")
    if kind == "bonus_creche" and "places_nouvelles" in facts.values and "places" not in facts.values:
        facts.values["places"] = facts.values["places_nouvelles"]  # « une crèche de 20 places nouvelles »
    for spec in (candidate_inputs(kind) if kind else ()):  # « pas de poste à financer »: a cost of zero, not a question
        if spec.none and spec.name not in facts.values and re.search(spec.none, folded):
            facts.values[spec.name] = 0.0

    for name in (inputs_of(kind) if kind else _SHARED_BOOLS):
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
