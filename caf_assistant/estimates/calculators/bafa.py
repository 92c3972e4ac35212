"""Aide nationale Bafa versée aux candidats."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Breakdown
from caf_assistant.estimates.calculators._common import Context, check_count, per_unit_estimate
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input, Remark
from caf_assistant.estimates.parameters import ParameterSet

AIDE_NATIONALE = "bafa/aide_nationale"
MAX_CANDIDATS = 10_000  # the form's bound and the calculator's


def estimer_bafa(
    candidats: int,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    candidats = check_count(candidats, "candidats", "nombre de candidats au Bafa", maximum=MAX_CANDIDATS)
    return per_unit_estimate(Context.make(date_regles, parameters), "bafa", f"Aide nationale Bafa — {candidats} candidat(s)",
                             {"candidats": candidats}, "Aide nationale versée aux candidats", candidats, "candidat(s)",
                             AIDE_NATIONALE)


ESTIMATES = (
    Estimate(
        "bafa",
        "Aide nationale Bafa",
        "Aide au Bafa",
        estimer_bafa,
        topics=("bafa",),
        inputs=(
            Input("candidats", "count", "nombre de jeunes", "Combien de jeunes vont passer le Bafa ?",
                  example="« 8 jeunes »", maximum=MAX_CANDIDATS,
                  units=("candidat", "jeunes", "ados", "adolescent", "animat", "lyceen", "etudiant")),
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
