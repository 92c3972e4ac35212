"""Financement de l'ingénierie Ctg : poste de chargé de coopération et diagnostic territorial initial."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, CeilingCheck, Line, sum_lines
from caf_assistant.estimates.calculators._common import Context, check_bool, check_money, finish
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input
from caf_assistant.estimates.errors import InvalidInput
from caf_assistant.estimates.formatting import format_eur, format_rate
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import CTG, MONEY_EXAMPLE

TAUX_POSTE = "ctg_ingenierie/taux_charge_cooperation"
PLAFOND_POSTE = "ctg_ingenierie/plafond_depense_charge_cooperation"
TAUX_DIAGNOSTIC = "ctg_ingenierie/taux_diagnostic_initial"
PLAFOND_DIAGNOSTIC = "ctg_ingenierie/plafond_depense_diagnostic_initial"


def _share(
    ctx: Context, breakdown: Breakdown, label: str, expense: float, rate_name: str, cap_name: str
) -> None:
    rate, ceiling = ctx.get(rate_name), ctx.get(cap_name)
    retained = min(expense, ceiling.number)
    binds = expense > ceiling.number
    breakdown.ceilings.append(
        CeilingCheck(
            label=f"dépense retenue ({label})",
            limit=ceiling.number,
            formula=f"dépense de {format_eur(expense)} plafonnée à {format_eur(ceiling.number)}"
            + (" : le plafond s'applique" if binds else " : sous le plafond"),
            binds=binds,
            parameters=(cap_name,),
            references=(ceiling.reference,),
            scope="depense",
        )
    )
    breakdown.lines.append(
        Line(
            label=label[0].upper() + label[1:],
            amount=Amount.exact(rate.number * retained),
            formula=f"{format_rate(rate.number)} × {format_eur(retained)}",
            parameters=(rate_name, cap_name),
            references=(rate.reference,),
        )
    )


def estimer_ctg_ingenierie(
    ctg: bool,
    cout_poste: float = 0,
    cout_diagnostic: float = 0,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    ctg = check_bool(ctg, "ctg", "la collectivité a-t-elle signé (ou prépare-t-elle) une Ctg ?")
    cout_poste = check_money(
        cout_poste, "cout_poste", "coût du poste de chargé de coopération", allow_zero=True
    )
    cout_diagnostic = check_money(
        cout_diagnostic, "cout_diagnostic", "coût du diagnostic initial", allow_zero=True
    )
    if cout_poste == 0 and cout_diagnostic == 0:
        raise InvalidInput(
            "Indiquez le coût du poste de chargé de coopération ou celui du diagnostic initial.", "cout_poste"
        )
    ctx = Context.make(date_regles, parameters)
    breakdown = Breakdown(
        estimate="ctg_ingenierie",
        title="Ingénierie de la convention territoriale globale (Ctg)",
        rules_date=ctx.when,
        inputs={"ctg": ctg, "cout_poste": cout_poste, "cout_diagnostic": cout_diagnostic},
    )
    if cout_poste > 0:
        _share(
            ctx,
            breakdown,
            "financement du poste de chargé de coopération",
            cout_poste,
            TAUX_POSTE,
            PLAFOND_POSTE,
        )
    if cout_diagnostic > 0:
        _share(ctx, breakdown, "diagnostic initial", cout_diagnostic, TAUX_DIAGNOSTIC, PLAFOND_DIAGNOSTIC)
    if ctg:
        breakdown.total = sum_lines(breakdown.lines)
    else:
        breakdown.lines = [
            Line(line.label, line.amount, line.formula, line.parameters, line.references, counted=False)
            for line in breakdown.lines
        ]
        breakdown.total = Amount.exact(0)
        ctx.remark(breakdown, "Sans Ctg, pas de financement : il concerne les collectivités signataires d'une Ctg "
                   "avec la Caf et les associations ayant reçu délégation de la collectivité. Les montants "
                   "ci-dessus sont ceux d'une collectivité signataire.", TAUX_POSTE)
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "ctg_ingenierie",
        "Ingénierie Ctg : chargé de coopération et diagnostic initial",
        "Ingénierie Ctg",
        estimer_ctg_ingenierie,
        topics=("ctg_ingenierie",),
        inputs=(
            CTG,
            Input("cout_poste", "money", "coût du poste",
                  "Quel est le coût du poste de chargé de coopération (en euros, 0 si aucun) ?",
                  example=MONEY_EXAMPLE, zero_allowed=True,
                  named_before=r"poste|salaire|charge(e)? de cooperation|coordinat|coordonn|\bcoordo\b|recrut|pilot",
                  named_after=(r"^\s*(?:ht |ttc )?(?:par an )?(?:pour|du|de)\s+(?:le |la |un |une |l )?"
                               r"(?:poste|charge|coordinat|recrut)"),
                  none=r"\b(?:pas de|aucun|sans) (?:poste|charge(?:e)? de cooperation|recrutement)"),
            Input("cout_diagnostic", "money", "coût du diagnostic",
                  "Quel est le coût du diagnostic initial du territoire (en euros, 0 si aucun) ?", required=False,
                  example=MONEY_EXAMPLE, zero_allowed=True,
                  named_before=(r"diagnostic|\bdiag\b|etude des besoins|etude de (?:territoire|besoins)|etat des lieux|"
                                r"etude prealable|etude du territoire|\betudes?\b.{0,40}\bbesoins\b|"
                                r"\bbesoins (?:du territoire|des familles|des habitants)\b"),
                  # « un devis de 18 000 € pour le diagnostic »
                  named_after=(r"^\s*(?:ht |ttc )?(?:pour|du|de|concernant)\s+(?:le |la |un |une |l )?"
                               r"(?:diagnostic|diag\b|etude|etat des lieux)"),
                  exclusive=True, replaces=("cout_poste",),  # a diagnostic alone: no post to ask about first
                  none=r"\b(?:pas de|aucun|sans) diagnostic"),
        ),
        parameters=(TAUX_POSTE, PLAFOND_POSTE, TAUX_DIAGNOSTIC, PLAFOND_DIAGNOSTIC),
        follow_ups=(FollowUp("Bonus territoire d'une crèche (Ctg)", "bonus_creche"),),
        named_by=(r"charge(e)?s? de cooperation|ingenierie|chef de projet ctg|"
                  r"diagnostic (initial|de territoire|du territoire)|etude des besoins"),
        # a coordinator may be the one who writes (« coordinatrice petite enfance à la mairie »)
        hinted_by=(r"coordinat(eur|rice)|coordonnat(eur|rice)|\bcoordo\b|qui coordonne|\bdiagnostic\b|\bdiag\b|"
                   r"coordination de la (?:convention|ctg)|poste de coordination|pilot\w* (?:de )?la convention|"
                   r"suivra la convention|etude prealable|etude (?:des besoins )?du territoire|"
                   r"etat des lieux des besoins|\betudes?\b.{0,40}\bbesoins\b"),
        order=90,
    ),
)
