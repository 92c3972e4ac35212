"""Aide à l'investissement pour créer ou agrandir une crèche (fonds d'investissement, puis Piaje)."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import (
    Context,
    cap_to_project_cost,
    check_bool,
    check_money,
    check_places,
    finish,
    per_place_range_line,
)
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input
from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import COUT_PROJET, PLACES, QPV

PIAJE = "creche_creation/aide_par_place"
PLAFOND_AVANT_PIAJE = "creche_creation/plafond_aide_par_place"
TAUX_MAX = "creche_creation/taux_max_cout_projet"
EXEMPLE_QPV = "creche_creation/exemple_piaje_qpv"


def estimer_creche_creation(
    places: int,
    cout_projet: float,
    qpv: bool = False,
    france_ruralites: bool = False,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    places = check_places(places)
    cout_projet = check_money(cout_projet, "cout_projet", "coût du projet")
    qpv = check_bool(qpv, "qpv", "la crèche est-elle en quartier prioritaire (QPV) ?")
    france_ruralites = check_bool(
        france_ruralites, "france_ruralites", "la commune est-elle en zone France Ruralités ?"
    )
    ctx = Context.make(date_regles, parameters)
    breakdown = Breakdown(
        estimate="creche_creation",
        title=f"Création de places en crèche — {places} places, projet de {format_eur(cout_projet)}",
        rules_date=ctx.when,
        inputs={
            "places": places,
            "cout_projet": cout_projet,
            "qpv": qpv,
            "france_ruralites": france_ruralites,
        },
    )
    if ctx.has(PIAJE):
        per_place = ctx.get(PIAJE)
        line, raw = per_place_range_line("Aide à l'investissement (Piaje)", places, per_place)
        breakdown.lines.append(line)
        ctx.remark(breakdown, "Le montant par place dépend de la nature du projet (crèche sortie de terre, ambition "
                   "en développement durable) ; la Caf intervient plus fortement quand le potentiel financier par "
                   "habitant de la collectivité et l'offre d'accueil existante sont faibles.", PIAJE)
        if (qpv or france_ruralites) and ctx.has(EXEMPLE_QPV):
            example = ctx.get(EXEMPLE_QPV)
            breakdown.remarks.append(f"Exemple de la fiche {example.reference.sheet_name} : « {example.note} »")
    else:
        per_place = ctx.get(PLAFOND_AVANT_PIAJE)
        raw = Amount.up_to(places * per_place.number)
        breakdown.lines.append(
            Line(
                label="Aide à l'investissement (fonds d'investissement)",
                amount=raw,
                formula=f"{places} places × jusqu'à {format_eur(per_place.number)} par place, selon les "
                "caractéristiques du territoire",
                parameters=(PLAFOND_AVANT_PIAJE,),
                references=(per_place.reference,),
            )
        )
        if per_place.note:
            breakdown.remarks.append(f"Fiche {per_place.reference.sheet_name} : {per_place.note}.")
    cap_to_project_cost(breakdown, raw, cout_projet, ctx.get(TAUX_MAX))
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "creche_creation",
        "Création ou agrandissement d'une crèche",
        "Créer ou agrandir une crèche",
        estimer_creche_creation,
        topics=("creche_investissement", "creches"),
        inputs=(
            PLACES.asked("Combien de places la crèche va-t-elle créer ?"),
            COUT_PROJET,
            QPV,
            Input("france_ruralites", "bool", "zone France Ruralités",
                  "La commune est-elle en zone France Ruralités, faiblement couverte en modes d'accueil ?",
                  required=False, negative=r"(?:pas|hors|non|sans)\s+(?:en\s+)?(?:zone\s+)?france ruralite",
                  positive=r"france ruralite"),
        ),
        parameters=(PIAJE, PLAFOND_AVANT_PIAJE, TAUX_MAX, EXEMPLE_QPV),
        follow_ups=(FollowUp("Bonus annuels{places}", "bonus_creche"),
                    FollowUp("Prestation de service (PSU){places}", "psu")),
        family="creche",
        growth="places",
        order=10,
    ),
)
