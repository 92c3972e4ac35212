"""Aide du Fonds de modernisation des établissements (rénovation, équipement d'une crèche)."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import (
    Context,
    cap_to_project_cost,
    check_money,
    check_places,
    finish,
    per_place_range_line,
)
from caf_assistant.estimates.declaration import Estimate, FollowUp
from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import COUT_PROJET, PLACES

AIDE_PAR_PLACE = "fonds_modernisation/aide_par_place"
PLAFOND_RENOVATION_2020 = "fonds_modernisation/plafond_par_place_renovation"
TAUX_MAX = "fonds_modernisation/taux_max_cout_projet"


def estimer_creche_modernisation(
    places: int,
    cout_projet: float,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    places = check_places(places)
    cout_projet = check_money(cout_projet, "cout_projet", "coût du projet")
    ctx = Context.make(date_regles, parameters)
    breakdown = Breakdown(
        estimate="creche_modernisation",
        title=f"Rénovation ou équipement d'une crèche — {places} places, projet de {format_eur(cout_projet)}",
        rules_date=ctx.when,
        inputs={"places": places, "cout_projet": cout_projet},
    )
    if ctx.has(AIDE_PAR_PLACE):
        per_place = ctx.get(AIDE_PAR_PLACE)
        line, raw = per_place_range_line("Fonds de modernisation des établissements", places, per_place)
        breakdown.lines.append(line)
        cap_to_project_cost(breakdown, raw, cout_projet, ctx.get(TAUX_MAX))
        ctx.remark(breakdown, "Les projets ambitieux en matière de développement durable sont mieux financés.",
                   AIDE_PAR_PLACE)
    else:
        per_place = ctx.get(PLAFOND_RENOVATION_2020)
        raw = Amount.up_to(places * per_place.number)
        breakdown.lines.append(
            Line(
                label="Aide à la rénovation (plan de rénovation des Caf)",
                amount=raw,
                formula=f"{places} places × jusqu'à {format_eur(per_place.number)} par place rénovée",
                parameters=(PLAFOND_RENOVATION_2020,),
                references=(per_place.reference,),
            )
        )
        breakdown.total = raw
        ctx.remark(breakdown, "La fiche cite ce plafond à propos du plan de rénovation 2013-2017 ; elle ne donne "
                   "pas de limite en part du coût du projet.", PLAFOND_RENOVATION_2020)
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "creche_modernisation",
        "Rénovation ou équipement d'une crèche (Fonds de modernisation)",
        "Rénover ou équiper une crèche",
        estimer_creche_modernisation,
        topics=("fonds_modernisation",),
        inputs=(PLACES, COUT_PROJET.asked("Quel est le coût des travaux ou des équipements (en euros) ?")),
        parameters=(AIDE_PAR_PLACE, PLAFOND_RENOVATION_2020, TAUX_MAX),
        follow_ups=(FollowUp("Bonus annuels{places}", "bonus_creche"), FollowUp("PSU{places}", "psu")),
        family="creche",
        order=20,
    ),
)
