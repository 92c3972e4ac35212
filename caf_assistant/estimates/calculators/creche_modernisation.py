"""Aide du Fonds de modernisation des établissements (rénovation, équipement d'une crèche)."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import Context, cap, check_money, check_places, finish
from caf_assistant.estimates.formatting import format_eur, format_rate
from caf_assistant.estimates.parameters import ParameterSet

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
        rng = per_place.range
        raw = Amount.between(places * rng.min, places * rng.max)
        breakdown.lines.append(
            Line(
                label="Fonds de modernisation des établissements",
                amount=raw,
                formula=f"{places} places × {format_eur(rng.min)} à {format_eur(rng.max)} par place, selon "
                "la "
                "nature du projet",
                parameters=(AIDE_PAR_PLACE,),
                references=(per_place.reference,),
            )
        )
        rate = ctx.get(TAUX_MAX)
        limit = rate.number * cout_projet
        breakdown.total, check = cap(
            raw,
            limit,
            f"{format_rate(rate.number)} du coût du projet",
            f"{format_rate(rate.number)} × {format_eur(cout_projet)} = {format_eur(limit)}",
            rate,
        )
        breakdown.ceilings.append(check)
        breakdown.remarks.append(
            "Les projets ambitieux en matière de développement durable sont mieux financés."
        )
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
        breakdown.remarks.append(
            "La fiche cite ce plafond à propos du plan de rénovation 2013-2017 ; elle ne donne pas de "
            "limite en "
            "part du coût du projet."
        )
    return finish(breakdown, ctx)
