"""Aide nationale Bafa versée aux candidats."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import Context, check_count, finish
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input, Remark
from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import ParameterSet

AIDE_NATIONALE = "bafa/aide_nationale"


def estimer_bafa(
    candidats: int,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    candidats = check_count(candidats, "candidats", "nombre de candidats au Bafa", maximum=10_000)
    ctx = Context.make(date_regles, parameters)
    aide = ctx.get(AIDE_NATIONALE)
    breakdown = Breakdown(
        estimate="bafa",
        title=f"Aide nationale Bafa — {candidats} candidat(s)",
        rules_date=ctx.when,
        inputs={"candidats": candidats},
    )
    breakdown.lines.append(
        Line(
            label="Aide nationale versée aux candidats",
            amount=Amount.exact(candidats * aide.number),
            formula=f"{candidats} candidat(s) × {format_eur(aide.number)}",
            parameters=(AIDE_NATIONALE,),
            references=(aide.reference,),
        )
    )
    breakdown.total = breakdown.lines[0].amount
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "bafa",
        "Aide nationale Bafa",
        "Aide au Bafa",
        estimer_bafa,
        inputs=(
            Input("candidats", "count", "nombre de jeunes", "Combien de jeunes vont passer le Bafa ?",
                  example="« 8 jeunes »", maximum=10_000,
                  units=("candidat", "jeunes", "ados", "adolescent", "animat")),
        ),
        parameters=(AIDE_NATIONALE,),
        follow_ups=(FollowUp("Bonification Plan mercredi", "plan_mercredi"),),
        remarks=(
            Remark("L'aide nationale est versée directement aux candidats ; s'y ajoutent des aides locales des Caf "
                   "ou des aides aux collectivités via les Ctg, non chiffrées par les fiches.", AIDE_NATIONALE),
        ),
        named_by=(r"\bbafa\b|brevet d aptitude aux fonctions d animat|brevet d animat|(?:formation|diplome|stage) "
                  r"(?:generale? )?d animat|devenir animat|brevet pour encadrer|formation pour encadrer"),
        order=32,
    ),
)
