"""Aide nationale Bafa versée aux candidats."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import Context, check_count, finish
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
    breakdown.remarks.append(
        "L'aide nationale est versée directement aux candidats ; s'y ajoutent des aides locales des Caf ou "
        "des aides "
        "aux collectivités via les Ctg, non chiffrées par les fiches."
    )
    return finish(breakdown, ctx)
