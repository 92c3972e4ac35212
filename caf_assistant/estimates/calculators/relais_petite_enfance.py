"""Aides aux relais petite enfance (Rpe) : investissement, et fonctionnement (prestation de service RPE)."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line, sum_lines
from caf_assistant.estimates.calculators._common import (
    Context,
    cap,
    check_bool,
    check_money,
    check_number,
    finish,
)
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input, Remark
from caf_assistant.estimates.errors import InvalidInput
from caf_assistant.estimates.formatting import format_eur, format_number, format_rate
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import COUT_PROJET, MONEY_EXAMPLE

PLAFOND_INVESTISSEMENT = "relais_petite_enfance/plafond_aide_investissement"
TAUX_PS = "relais_petite_enfance/taux_max_ps_fonctionnement"
AIDE_MOYENNE_POSTE = "relais_petite_enfance/aide_moyenne_par_poste_animateur"
BONUS_GUICHET = "relais_petite_enfance/bonus_guichet_unique"
MAX_POSTES = 50  # the form's bound and the calculator's (declared below)


def estimer_rpe_investissement(
    cout_projet: float,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    cout_projet = check_money(cout_projet, "cout_projet", "coût du projet")
    ctx = Context.make(date_regles, parameters)
    ceiling = ctx.get(PLAFOND_INVESTISSEMENT)
    breakdown = Breakdown(
        estimate="rpe_investissement",
        title=f"Création ou extension d'un relais petite enfance — projet de {format_eur(cout_projet)}",
        rules_date=ctx.when,
        inputs={"cout_projet": cout_projet},
    )
    raw = Amount.up_to(cout_projet)
    breakdown.lines.append(
        Line(
            label="Aide à l'investissement Rpe",
            amount=raw,
            formula="selon les caractéristiques du projet, au plus le coût du projet",
            parameters=(PLAFOND_INVESTISSEMENT,),
            references=(ceiling.reference,),
        )
    )
    breakdown.total, check = cap(
        raw,
        ceiling.number,
        "aide à l'investissement d'un Rpe",
        f"jusqu'à {format_eur(ceiling.number)} par projet",
        ceiling,
    )
    breakdown.ceilings.append(check)
    return finish(breakdown, ctx)


def estimer_rpe_fonctionnement(
    cout_fonctionnement: float | None = None,
    guichet_unique: bool = False,
    postes_animateur: float | None = None,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """With the running cost: the prestation de service up to its rate of the cost, and the sheet's average
    per post beside it; with only the posts: the sheet's average aid per full-time post."""
    if cout_fonctionnement is None and postes_animateur is None:
        raise InvalidInput("Indiquez le coût de fonctionnement annuel du relais ou son nombre de postes d'animateur.",
                           "cout_fonctionnement")
    cout = None if cout_fonctionnement is None else check_money(
        cout_fonctionnement, "cout_fonctionnement", "coût de fonctionnement annuel")
    guichet_unique = check_bool(
        guichet_unique, "guichet_unique", "le Rpe est-il « guichet unique d'information » ?"
    )
    if postes_animateur is not None:
        postes_animateur = check_number(
            postes_animateur, "postes_animateur", "nombre de postes d'animateur", MAX_POSTES
        )
    ctx = Context.make(date_regles, parameters)
    rate = ctx.get(TAUX_PS)
    described = f"coût annuel {format_eur(cout)}" if cout is not None else \
        f"{format_number(postes_animateur)} poste(s) d'animateur"
    breakdown = Breakdown(
        estimate="rpe_fonctionnement",
        title=f"Fonctionnement d'un relais petite enfance — {described}",
        rules_date=ctx.when,
        inputs={
            "cout_fonctionnement": cout,
            "guichet_unique": guichet_unique,
            "postes_animateur": postes_animateur,
        },
    )
    if cout is not None:
        breakdown.lines.append(
            Line(
                label="Prestation de service RPE",
                amount=Amount.up_to(rate.number * cout),
                formula=f"jusqu'à {format_rate(rate.number)} × {format_eur(cout)}",
                parameters=(TAUX_PS,),
                references=(rate.reference,),
                per_year=True,
            )
        )
    elif not ctx.has(AIDE_MOYENNE_POSTE):
        raise InvalidInput("Pour ces règles, la fiche ne donne pas d'aide moyenne par poste : indiquez le coût de "
                           "fonctionnement annuel du relais.", "cout_fonctionnement")
    if guichet_unique:
        bonus = ctx.get(BONUS_GUICHET)
        breakdown.lines.append(
            Line(
                label="Bonus « guichet unique d'information »",
                amount=Amount.exact(bonus.number),
                formula=f"bonus supplémentaire de {format_eur(bonus.number)} (périodicité non précisée par "
                "la fiche)",
                parameters=(BONUS_GUICHET,),
                references=(bonus.reference,),
            )
        )
    elif ctx.has(BONUS_GUICHET):
        ctx.remark(breakdown, "Un Rpe qui se positionne comme « guichet unique d'information » perçoit un bonus "
                   f"supplémentaire de {format_eur(ctx.get(BONUS_GUICHET).number)}.", BONUS_GUICHET)
    if ctx.has(AIDE_MOYENNE_POSTE):
        average = ctx.get(AIDE_MOYENNE_POSTE)
        if postes_animateur is not None:
            breakdown.lines.append(
                Line(
                    label="Aide moyenne par poste d'animateur" if cout is None else
                    "Repère : aide moyenne par poste d'animateur",
                    amount=Amount.exact(average.number * postes_animateur),
                    formula=f"{format_number(postes_animateur)} poste(s) à temps plein × "
                    f"{format_eur(average.number)} "
                    "en moyenne",
                    parameters=(AIDE_MOYENNE_POSTE,),
                    references=(average.reference,),
                    counted=cout is None,  # without the cost, the figure; with it, a benchmark beside it
                    per_year=True,
                )
            )
        else:
            ctx.remark(breakdown, f"Repère de la fiche : en moyenne {format_eur(average.number)} par an d'aide de la "
                       "Caf par poste à temps plein d'animateur de Rpe.", AIDE_MOYENNE_POSTE)
    breakdown.total = sum_lines(breakdown.lines)
    breakdown.per_year = not guichet_unique
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "rpe_investissement",
        "Création ou extension d'un relais petite enfance (investissement)",
        "Investissement d'un relais petite enfance",
        estimer_rpe_investissement,
        topics=("relais_petite_enfance", "information_familles"),
        inputs=(COUT_PROJET,),
        parameters=(PLAFOND_INVESTISSEMENT,),
        follow_ups=(FollowUp("Fonctionnement du relais", "rpe_fonctionnement"),),
        remarks=(Remark("Les fiches ne donnent pas, pour les Rpe, de limite en part du coût du projet.",
                        PLAFOND_INVESTISSEMENT),),
        family="relais",
        order=70,
    ),
    Estimate(
        "rpe_fonctionnement",
        "Fonctionnement d'un relais petite enfance",
        "Fonctionnement d'un relais petite enfance",
        estimer_rpe_fonctionnement,
        topics=("relais_petite_enfance", "information_familles"),
        inputs=(
            Input("cout_fonctionnement", "money", "coût de fonctionnement annuel",
                  "Quel est le coût de fonctionnement annuel du relais (en euros) ?", example=MONEY_EXAMPLE,
                  context=r"fonctionnement|annuel|par an\b|/an\b|chaque annee"),
            Input("guichet_unique", "bool", "guichet unique",
                  "Le relais se positionne-t-il comme « guichet unique d'information » des familles ?",
                  required=False, negative=r"(?:pas|sans|non)\s+(?:de\s+|en\s+)?guichet unique",
                  positive=r"guichet unique"),
            Input("postes_animateur", "number", "nombre de postes d'animateur",
                  "Combien de postes d'animateur à temps plein compte le relais ?", required=False,
                  example="« 1,5 » (postes à temps plein)", maximum=MAX_POSTES, units=("poste", "etp"),
                  replaces=("cout_fonctionnement",),
                  also_units=("animat",),
                  phrases=((r"\bmi-?temps\b", 0.5),
                           (r"\b(?:un|une|1)\s+(?:poste\s+|animat\w*\s+)?a\s+temps plein\b|\bun plein temps\b|"
                            r"\bun temps plein\b|\b(?:notre |l |son |leur )animat\w*(?: \w+){0,3} (?:est|travaille) a "
                            r"(?:temps )?plein", 1.0))),
        ),
        parameters=(TAUX_PS, AIDE_MOYENNE_POSTE, BONUS_GUICHET),
        follow_ups=(FollowUp("Investissement pour le relais", "rpe_investissement"),),
        family="relais",
        order=80,
    ),
)
