"""Aides à la création et à la rénovation d'une maison d'assistants maternels (Mam)."""

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
from caf_assistant.estimates.declaration import Estimate, FollowUp, Remark
from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import COUT_PROJET, PLACES

CREATION = "maison_assistants_maternels/creation_aide_par_place"
RENOVATION = "maison_assistants_maternels/renovation_plafond_par_place"
TAUX_MAX = "maison_assistants_maternels/taux_max_cout_projet"
CONDITION = (
    "La Caf soutient les projets de Mam qui reçoivent l'avis favorable et le soutien du maire de la commune."
)


def estimer_mam_creation(
    places: int,
    cout_projet: float,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    places = check_places(places)
    cout_projet = check_money(cout_projet, "cout_projet", "coût du projet")
    ctx = Context.make(date_regles, parameters)
    per_place = ctx.get(CREATION)
    breakdown = Breakdown(
        estimate="mam_creation",
        title=f"Création d'une Mam — {places} places, projet de {format_eur(cout_projet)}",
        rules_date=ctx.when,
        inputs={"places": places, "cout_projet": cout_projet},
    )
    line, raw = per_place_range_line("Aide à la création de Mam", places, per_place)
    breakdown.lines.append(line)
    cap_to_project_cost(breakdown, raw, cout_projet, ctx.get(TAUX_MAX))
    return finish(breakdown, ctx)


def estimer_mam_renovation(
    places: int,
    cout_projet: float,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    places = check_places(places)
    cout_projet = check_money(cout_projet, "cout_projet", "coût du projet")
    ctx = Context.make(date_regles, parameters)
    per_place = ctx.get(RENOVATION)
    breakdown = Breakdown(
        estimate="mam_renovation",
        title=f"Rénovation d'une Mam — {places} places, projet de {format_eur(cout_projet)}",
        rules_date=ctx.when,
        inputs={"places": places, "cout_projet": cout_projet},
    )
    raw = Amount.up_to(places * per_place.number)
    breakdown.lines.append(
        Line(
            label="Aide à la rénovation de Mam",
            amount=raw,
            formula=f"{places} places × jusqu'à {format_eur(per_place.number)} par place",
            parameters=(RENOVATION,),
            references=(per_place.reference,),
        )
    )
    cap_to_project_cost(breakdown, raw, cout_projet, ctx.get(TAUX_MAX))
    if per_place.note:
        breakdown.remarks.append(f"Lecture de la fiche {per_place.reference.sheet_name} : {per_place.note}.")
    return finish(breakdown, ctx)


_RPE_AFTER = (FollowUp("Fonctionnement d'un relais petite enfance", "rpe_fonctionnement"),)
ESTIMATES = (
    Estimate(
        "mam_creation",
        "Création d'une maison d'assistants maternels (Mam)",
        "Créer une Mam",
        estimer_mam_creation,
        topics=("maison_assistants_maternels", "assistants_maternels"),
        inputs=(PLACES.asked("Combien de places comptera la Mam ?"), COUT_PROJET),
        parameters=(CREATION, TAUX_MAX),
        follow_ups=_RPE_AFTER,
        remarks=(Remark(CONDITION, CREATION),),
        family="mam",
        order=50,
    ),
    Estimate(
        "mam_renovation",
        "Rénovation d'une maison d'assistants maternels (Mam)",
        "Rénover une Mam",
        estimer_mam_renovation,
        topics=("maison_assistants_maternels", "assistants_maternels"),
        inputs=(PLACES.asked("Combien de places compte la Mam ?"), COUT_PROJET),
        parameters=(RENOVATION, TAUX_MAX),
        follow_ups=_RPE_AFTER,
        family="mam",
        order=60,
    ),
)
