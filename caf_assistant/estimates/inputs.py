"""The inputs of all the estimates (from the registry): their types, labels, examples and bounds, the check of
a value given, the re-ask when an answer holds nothing usable, and each input's question.
"""

from __future__ import annotations

from typing import Any

from caf_assistant.estimates.calculators import REGISTRY, get_estimate
from caf_assistant.estimates.calculators._common import (
    MAX_COUNT,
    check_bool,
    check_count,
    check_money,
    check_number,
    check_places,
)
from caf_assistant.estimates.errors import InvalidInput
from caf_assistant.estimates.formatting import format_eur

INPUT_TYPES: dict[str, str] = {}
for _estimate in REGISTRY.values():
    for _spec in _estimate.inputs:
        INPUT_TYPES.setdefault(_spec.name, _spec.type)

LABELS = {
    "places": "nombre de places",
    "places_nouvelles": "nombre de places nouvelles",
    "cout_projet": "coût du projet",
    "cout_fonctionnement": "coût de fonctionnement annuel",
    "cout_poste": "coût du poste",
    "cout_diagnostic": "coût du diagnostic",
    "cout_place": "coût annuel d'une place",
    "candidats": "nombre de jeunes",
    "enfants": "nombre d'enfants",
    "heures_nouvelles": "nombre d'heures nouvelles par enfant",
    "postes_animateur": "nombre de postes d'animateur",
    "qpv": "situation en quartier prioritaire (QPV)",
    "ctg": "signature d'une Ctg",
    "france_ruralites": "zone France Ruralités",
    "guichet_unique": "guichet unique",
    "accueil_enfants_pauvres": "accueil d'enfants de familles pauvres",
    "enfant_handicap": "accueil d'un enfant porteur de handicap",
}
EXAMPLES = {
    "places": "« 30 places »",
    "places_nouvelles": "« 10 places »",
    "money": "« 1,7 M€ », « 800 k€ » ou « 250 000 € »",
    "candidats": "« 8 jeunes »",
    "enfants": "« 40 enfants »",
    "heures_nouvelles": "« 120 heures »",
    "postes_animateur": "« 1,5 » (postes à temps plein)",
}
ZERO_ALLOWED = {"cout_poste", "cout_diagnostic"}
MIN_MONEY = 100  # below, the user most likely forgot "M€" or "k€"
NUMBER_MAXIMUM = {"heures_nouvelles": 2_000, "postes_animateur": 50}
COUNT_MAXIMUM = {"enfants": 10_000, "candidats": 10_000}


def check_fact(name: str, value: Any) -> tuple[Any, str | None]:
    """(clean value, None) or (None, French message saying what is expected)."""
    kind = INPUT_TYPES.get(name)
    label = LABELS.get(name, name)
    try:
        if kind == "places":
            return check_places(value, name, label), None
        if kind == "count":
            return check_count(value, name, label, maximum=COUNT_MAXIMUM.get(name, MAX_COUNT)), None
        if kind == "number":
            return check_number(value, name, label, NUMBER_MAXIMUM.get(name, MAX_COUNT)), None
        if kind == "money":
            money = check_money(value, name, label, allow_zero=name in ZERO_ALLOWED)
            if 0 < money < MIN_MONEY:
                raise InvalidInput(
                    f"{format_eur(money)} pour le {label}, cela paraît très faible : précisez l'unité, par exemple "
                    f"{EXAMPLES['money']}.",
                    name,
                )
            return money, None
        if kind == "bool":
            return check_bool(value, name, label), None
    except InvalidInput as error:
        return None, str(error)
    return value, None


def unreadable_message(name: str) -> str:
    """Re-ask when the answer holds nothing usable for ``name``."""
    kind = INPUT_TYPES.get(name)
    label = LABELS.get(name, name)
    if kind == "bool":
        return "Je n'ai pas compris votre réponse : répondez simplement par oui ou par non."
    if kind == "money":
        return f"Je n'ai pas trouvé de montant dans votre réponse : indiquez le {label} en euros, par exemple " \
               f"{EXAMPLES['money']}."
    example = EXAMPLES.get(name, "« 12 »")
    return f"Je n'ai pas trouvé de nombre dans votre réponse : indiquez le {label}, par exemple {example}."


def question(estimate: str | None, name: str) -> str:
    """The French question for input ``name`` of ``estimate`` (from the registry)."""
    specs = get_estimate(estimate).inputs if estimate else ()
    for spec in specs:
        if spec.name == name:
            return spec.question
    for other in REGISTRY.values():
        for spec in other.inputs:
            if spec.name == name:
                return spec.question
    raise KeyError(name)
