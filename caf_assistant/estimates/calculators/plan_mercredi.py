"""Bonification Plan mercredi de la prestation « accueil de loisirs » (nouvelles heures le mercredi)."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import Context, check_count, check_number, finish
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input, Remark
from caf_assistant.estimates.errors import InvalidInput
from caf_assistant.estimates.formatting import format_eur, format_number
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import CHILD_UNITS, PLACE_UNITS

BONIFICATION = "plan_mercredi/bonification_horaire"
CIBLE = "plan_mercredi/financement_cible_horaire"
MAX_ENFANTS, MAX_HEURES = 10_000, 2_000  # the form's bounds and the calculator's
MAX_HEURES_ENFANTS = MAX_ENFANTS * MAX_HEURES


def estimer_plan_mercredi(
    enfants: int | None = None,
    heures_nouvelles: float | None = None,
    heures_enfants: float | None = None,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """``heures_nouvelles``: new Wednesday hours of care per child over the year; or ``heures_enfants``, their
    total over the children (« 10 000 heures-enfants »)."""
    if heures_enfants is not None:
        hours = check_number(heures_enfants, "heures_enfants", "nombre d'heures-enfants nouvelles", MAX_HEURES_ENFANTS)
        title, counted = f"Plan mercredi — {format_number(hours)} heures-enfants nouvelles", \
            f"{format_number(hours)} heures-enfants"
        inputs = {"heures_enfants": hours}
    else:
        if enfants is None or heures_nouvelles is None:
            raise InvalidInput("Indiquez le nombre d'enfants et d'heures nouvelles par enfant, ou le total "
                               "d'heures-enfants nouvelles.", "enfants" if enfants is None else "heures_nouvelles")
        enfants = check_count(enfants, "enfants", "nombre d'enfants accueillis le mercredi", maximum=MAX_ENFANTS)
        heures = check_number(heures_nouvelles, "heures_nouvelles", "nombre d'heures nouvelles par enfant",
                              MAX_HEURES)
        hours = enfants * heures
        title = f"Plan mercredi — {enfants} enfants, {format_number(heures)} heures nouvelles chacun"
        counted = f"{enfants} enfants × {format_number(heures)} heures"
        inputs = {"enfants": enfants, "heures_nouvelles": heures}
    ctx = Context.make(date_regles, parameters)
    bonus = ctx.get(BONIFICATION)
    breakdown = Breakdown(
        estimate="plan_mercredi",
        title=title,
        rules_date=ctx.when,
        inputs=inputs,
    )
    breakdown.lines.append(
        Line(
            label="Bonification Plan mercredi",
            amount=Amount.exact(hours * bonus.number),
            formula=f"{counted} × {format_eur(bonus.number)} par heure",
            parameters=(BONIFICATION,),
            references=(bonus.reference,),
        )
    )
    if ctx.has(CIBLE):
        target = ctx.get(CIBLE)
        breakdown.lines.append(
            Line(
                label="Repère : financement total visé des Caf pour ces heures",
                amount=Amount.exact(hours * target.number),
                formula=f"{format_number(hours)} heures-enfants × {format_eur(target.number)} par heure "
                "(objectif "
                "annoncé par la fiche, prestation de service comprise)",
                parameters=(CIBLE,),
                references=(target.reference,),
                counted=False,
            )
        )
    breakdown.total = breakdown.lines[0].amount
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "plan_mercredi",
        "Bonification Plan mercredi",
        "Plan mercredi",
        estimer_plan_mercredi,
        topics=("plan_mercredi",),
        inputs=(
            Input("enfants", "count", "nombre d'enfants", "Combien d'enfants seront accueillis le mercredi ?",
                  example="« 40 enfants »", maximum=MAX_ENFANTS, units=CHILD_UNITS, also_units=PLACE_UNITS),
            Input("heures_nouvelles", "number", "nombre d'heures nouvelles par enfant",
                  "Combien d'heures d'accueil nouvelles le mercredi par enfant sur l'année ?",
                  example="« 120 heures »", maximum=MAX_HEURES, units=("heure", "h"),
                  # « 2 heures de plus chaque mercredi, sur 36 mercredis »: 72 heures
                  per_occurrence=(r"^[^.;]{0,40}?\b(?:par|chaque|tous les|le) mercredis?\b", r"\b(\d+) mercredis\b",
                                  8)),  # a few hours with a number of Wednesdays: per Wednesday
            Input("heures_enfants", "number", "nombre d'heures-enfants nouvelles",
                  "Combien d'heures-enfants nouvelles le mercredi sur l'année ?", required=False,
                  example="« 10 000 heures-enfants »", maximum=MAX_HEURES_ENFANTS, units=("heure", "h"),
                  # « 4 500 heures-enfants », « 7 200 heures de présence d'enfants », « 6 500 (heures x enfants) »
                  marked_after=(r"^\s*(?:-|x|×)?\s*enfants?\b|^\s*(?:de )?presence d enfants|"
                                r"^\s*\(?\s*heures?\s*(?:x|×|-)\s*enfants?"),
                  replaces=("enfants", "heures_nouvelles")),
        ),
        parameters=(BONIFICATION, CIBLE),
        follow_ups=(FollowUp("Aide au Bafa des animateurs", "bafa"),),
        remarks=(
            Remark("Concerne les accueils de loisirs labellisés Plan mercredi qui développent de nouvelles heures "
                   "d'accueil le mercredi.", BONIFICATION),
        ),
        named_by=r"plan mercredi|\bmercredis?\b.{0,160}(?:\bheures?\b|\d ?h\b)|\bheures?\b.{0,80}\bmercredis?\b",
        order=34,
    ),
)
