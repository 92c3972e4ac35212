"""Coût indicatif de construction d'une crèche neuve : le repère par place de la fiche (un coût, pas une aide).

The estimate added by following the README's recipe (« Adding an estimate »): this module, its parameter file
(knowledge/parameters/creche_creation/exemple_cout_par_place.yaml), its cases
(tests/estimates_cases/creche_cout_construction.yaml) and its NLU examples (bot/data/nlu/estimates.yml).
"""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Breakdown
from caf_assistant.estimates.calculators._common import Context, check_places, per_unit_estimate
from caf_assistant.estimates.declaration import Estimate, FollowUp, Remark
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import PLACES

COUT_PAR_PLACE = "creche_creation/exemple_cout_par_place"


def estimer_creche_cout_construction(
    places: int,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    places = check_places(places)
    return per_unit_estimate(Context.make(date_regles, parameters), "creche_cout_construction",
                             f"Coût de construction d'une crèche neuve de {places} places (repère de la fiche)",
                             {"places": places}, "Coût de construction (repère)", places, "places", COUT_PAR_PLACE,
                             per=" par place")


# a question about what a new crèche will cost (« combien va coûter une crèche de 30 places ? »)
_COST = (r"(?:combien|\bcb\b)\s+(?:\w+\s+){0,3}?(?:couter|coute|couterait|coutera|coutent)\b|"
         r"(?:couterait|coutera|coute|couter) combien|(?:cout|prix) (?:de (?:la )?construction|d une creche neuve|du batiment)|"
         r"\bconstruction\b.{0,30}\b(?:combien|cb)\b|ce que (?:couterait|coutera|coute|couteraient)\b|"
         r"budget (?:de construction|a prevoir|du batiment)|quel budget\b.{0,40}\bprevoir")
_CRECHE = r"creche|multi[- ]?accueil|berceau|\beaje\b|accueil du jeune enfant"
_NAMED_BY = f"(?:{_COST}).{{0,80}}(?:{_CRECHE})|(?:{_CRECHE}).{{0,80}}(?:{_COST})"

ESTIMATES = (
    Estimate(
        "creche_cout_construction",
        "Coût de construction d'une crèche neuve (repère)",
        "Coût de construction d'une crèche",
        estimer_creche_cout_construction,
        inputs=(PLACES.asked("Combien de places comptera la crèche ?"),),
        parameters=(COUT_PAR_PLACE,),
        follow_ups=(FollowUp("Aide à l'investissement{places}", "creche_creation"),),
        remarks=(
            Remark("C'est un coût, pas une aide : celui d'une structure sortie de terre, construite avec une forte "
                   "ambition en développement durable. La Caf peut en financer une part : demandez l'estimation de "
                   "l'aide à l'investissement avec le coût de votre projet.", COUT_PAR_PLACE),
        ),
        family="creche",
        named_by=_NAMED_BY,
        unless=r"\d\s*(?:€|euros?\b|k\s?€|m\s?€|keur)|\bmillions?\b|par an\b|/an\b|\bannuel|fonctionnement|faire tourner|"
               r"chaque annee|\bmams?\b|assistant|(?:une|par|d une|la) place\b|\baide\b|\bfinanc|subvention",
        order=95,
    ),
)
