"""Registry of the estimates: type key -> calculator and the inputs to ask for.

The Rasa form asks only the missing required inputs (``missing_inputs``), with the French question
of each, and parses the answer according to the input type:

- ``places`` / ``count``: numbers.parse_places / numbers.parse_count
- ``number``: numbers.parse_count (a decimal is accepted)
- ``money``: numbers.parse_money
- ``bool``: affirm / deny intents
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from caf_assistant.estimates.breakdown import Breakdown
from caf_assistant.estimates.calculators.bafa import estimer_bafa
from caf_assistant.estimates.calculators.bonus_creche import estimer_bonus_creche
from caf_assistant.estimates.calculators.creche_creation import estimer_creche_creation
from caf_assistant.estimates.calculators.creche_modernisation import estimer_creche_modernisation
from caf_assistant.estimates.calculators.ctg_ingenierie import estimer_ctg_ingenierie
from caf_assistant.estimates.calculators.maison_assistants_maternels import (
    estimer_mam_creation,
    estimer_mam_renovation,
)
from caf_assistant.estimates.calculators.plan_mercredi import estimer_plan_mercredi
from caf_assistant.estimates.calculators.psu import estimer_psu
from caf_assistant.estimates.calculators.relais_petite_enfance import (
    estimer_rpe_fonctionnement,
    estimer_rpe_investissement,
)
from caf_assistant.estimates.parameters import ParameterSet

INPUT_TYPES = ("places", "count", "number", "money", "bool")


@dataclass(frozen=True)
class InputSpec:
    name: str
    type: str
    question: str
    required: bool = True


@dataclass(frozen=True)
class EstimateType:
    key: str
    title: str
    calculator: Callable[..., Breakdown]
    inputs: tuple[InputSpec, ...]

    @property
    def required_inputs(self) -> tuple[InputSpec, ...]:
        return tuple(spec for spec in self.inputs if spec.required)


PLACES_CRECHE = InputSpec("places", "places", "Combien de places compte la crèche ?")
COUT_PROJET = InputSpec("cout_projet", "money", "Quel est le coût total du projet (en euros) ?")
QPV = InputSpec(
    "qpv",
    "bool",
    "L'équipement est-il situé dans un quartier prioritaire de la politique de la ville (QPV) ?",
)
CTG = InputSpec(
    "ctg", "bool", "Votre collectivité a-t-elle signé une convention territoriale globale (Ctg) avec la Caf ?"
)

REGISTRY: dict[str, EstimateType] = {
    estimate.key: estimate
    for estimate in (
        EstimateType(
            "creche_creation",
            "Création ou agrandissement d'une crèche",
            estimer_creche_creation,
            (
                InputSpec("places", "places", "Combien de places la crèche va-t-elle créer ?"),
                COUT_PROJET,
                QPV,
                InputSpec(
                    "france_ruralites",
                    "bool",
                    "La commune est-elle en zone France Ruralités, faiblement couverte en modes d'accueil ?",
                    required=False,
                ),
            ),
        ),
        EstimateType(
            "creche_modernisation",
            "Rénovation ou équipement d'une crèche (Fonds de modernisation)",
            estimer_creche_modernisation,
            (
                PLACES_CRECHE,
                InputSpec(
                    "cout_projet", "money", "Quel est le coût des travaux ou des équipements (en euros) ?"
                ),
            ),
        ),
        EstimateType(
            "mam_creation",
            "Création d'une maison d'assistants maternels (Mam)",
            estimer_mam_creation,
            (InputSpec("places", "places", "Combien de places comptera la Mam ?"), COUT_PROJET),
        ),
        EstimateType(
            "mam_renovation",
            "Rénovation d'une maison d'assistants maternels (Mam)",
            estimer_mam_renovation,
            (InputSpec("places", "places", "Combien de places compte la Mam ?"), COUT_PROJET),
        ),
        EstimateType(
            "rpe_investissement",
            "Création ou extension d'un relais petite enfance (investissement)",
            estimer_rpe_investissement,
            (COUT_PROJET,),
        ),
        EstimateType(
            "rpe_fonctionnement",
            "Fonctionnement d'un relais petite enfance",
            estimer_rpe_fonctionnement,
            (
                InputSpec(
                    "cout_fonctionnement",
                    "money",
                    "Quel est le coût de fonctionnement annuel du relais (en euros) ?",
                ),
                InputSpec(
                    "guichet_unique",
                    "bool",
                    "Le relais se positionne-t-il comme « guichet unique d'information » des familles ?",
                    required=False,
                ),
                InputSpec(
                    "postes_animateur",
                    "number",
                    "Combien de postes d'animateur à temps plein compte le relais ?",
                    required=False,
                ),
            ),
        ),
        EstimateType(
            "bonus_creche",
            "Bonus annuels d'une crèche (territoire, mixité sociale, inclusion handicap)",
            estimer_bonus_creche,
            (
                PLACES_CRECHE,
                CTG,
                QPV,
                InputSpec(
                    "places_nouvelles",
                    "places",
                    "Combien de ces places sont nouvelles (créées dans le cadre de la Ctg) ?",
                    required=False,
                ),
                InputSpec(
                    "accueil_enfants_pauvres",
                    "bool",
                    "La crèche accueille-t-elle des enfants de familles en situation de pauvreté ?",
                    required=False,
                ),
                InputSpec(
                    "enfant_handicap",
                    "bool",
                    "La crèche accueille-t-elle au moins un enfant porteur de handicap ?",
                    required=False,
                ),
            ),
        ),
        EstimateType(
            "ctg_ingenierie",
            "Ingénierie Ctg : chargé de coopération et diagnostic initial",
            estimer_ctg_ingenierie,
            (
                CTG,
                InputSpec(
                    "cout_poste",
                    "money",
                    "Quel est le coût du poste de chargé de coopération (en euros, 0 si aucun) ?",
                ),
                InputSpec(
                    "cout_diagnostic",
                    "money",
                    "Quel est le coût du diagnostic initial du territoire (en euros, 0 si aucun) ?",
                    required=False,
                ),
            ),
        ),
        EstimateType(
            "bafa",
            "Aide nationale Bafa",
            estimer_bafa,
            (InputSpec("candidats", "count", "Combien de jeunes vont passer le Bafa ?"),),
        ),
        EstimateType(
            "plan_mercredi",
            "Bonification Plan mercredi",
            estimer_plan_mercredi,
            (
                InputSpec("enfants", "count", "Combien d'enfants seront accueillis le mercredi ?"),
                InputSpec(
                    "heures_nouvelles",
                    "number",
                    "Combien d'heures d'accueil nouvelles le mercredi par enfant sur l'année ?",
                ),
            ),
        ),
        EstimateType(
            "psu",
            "Prestation de service unique (PSU)",
            estimer_psu,
            (
                PLACES_CRECHE,
                InputSpec(
                    "cout_place",
                    "money",
                    "Quel est le coût annuel d'une place de votre crèche (en euros) ?",
                    required=False,
                ),
            ),
        ),
    )
}


def get_estimate(key: str) -> EstimateType:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"type d'estimation inconnu : {key} (connus : {', '.join(REGISTRY)})") from None


def missing_inputs(key: str, known: Mapping[str, Any]) -> list[InputSpec]:
    """Required inputs not yet known (None counts as unknown), in the order to ask them."""
    return [spec for spec in get_estimate(key).required_inputs if known.get(spec.name) is None]


def run_estimate(
    key: str,
    inputs: Mapping[str, Any],
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """Calls the calculator with the known inputs of its spec (unknown optional inputs keep their default)."""
    estimate = get_estimate(key)
    names = {spec.name for spec in estimate.inputs}
    kwargs = {name: value for name, value in inputs.items() if name in names and value is not None}
    return estimate.calculator(**kwargs, date_regles=date_regles, parameters=parameters)


__all__ = ["REGISTRY", "EstimateType", "InputSpec", "get_estimate", "missing_inputs", "run_estimate"]
