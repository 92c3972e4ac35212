"""Prestation de service unique (PSU) : part moyenne du coût d'une place de crèche."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line
from caf_assistant.estimates.calculators._common import Context, check_money, check_places, finish
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input, Remark
from caf_assistant.estimates.errors import MissingInput
from caf_assistant.estimates.formatting import format_eur, format_rate
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import MONEY_EXAMPLE, PLACES

PART_PSU = "psu/part_cout_place"
PRIX_REVIENT = "psu/prix_revient_place"
PART_CAF_FAMILLES = "psu/part_caf_familles"
PART_CAF_FAMILLES_2027 = "psu/part_caf_familles_2027"
RESTE_A_CHARGE = "psu/reste_a_charge_gestionnaire"
# (parameter, line, how the sheet gives it) of each share of a place's cost shown as a benchmark
_SHARES = (
    (PART_CAF_FAMILLES, "financement Caf + familles", "Caf et familles ensemble, moyenne nationale"),
    (PART_CAF_FAMILLES_2027, "financement Caf + familles visé à horizon 2027", "part visée en 2027, moyenne nationale"),
    (RESTE_A_CHARGE, "reste à charge du gestionnaire ou du cofinanceur", "en moyenne"),
)


def estimer_psu(
    places: int,
    cout_place: float | None = None,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """``cout_place``: yearly cost of one place; by default the sheets' average cost, when they give one."""
    places = check_places(places)
    ctx = Context.make(date_regles, parameters)
    cost_refs = ()
    cost_params: tuple[str, ...] = ()
    if cout_place is None:
        if not ctx.has(PRIX_REVIENT):
            raise MissingInput(
                "Les fiches de cette édition ne donnent pas de coût moyen d'une place : indiquez le coût "
                "annuel "
                "d'une place de votre crèche.",
                "cout_place",
            )
        average = ctx.get(PRIX_REVIENT)
        cout_place = average.number
        cost_refs, cost_params = (average.reference,), (PRIX_REVIENT,)
        cost_words = f"{format_eur(cout_place)} (prix de revient moyen d'une place)"
    else:
        cout_place = check_money(cout_place, "cout_place", "coût annuel d'une place")
        cost_words = f"{format_eur(cout_place)} (coût annuel d'une place indiqué)"
    share = ctx.get(PART_PSU)
    breakdown = Breakdown(
        estimate="psu",
        title=f"Prestation de service unique — {places} places",
        rules_date=ctx.when,
        inputs={"places": places, "cout_place": cout_place},
        per_year=True,
    )
    breakdown.lines.append(
        Line(
            label="PSU (part moyenne du coût des places)",
            amount=Amount.exact(places * cout_place * share.number),
            formula=f"{places} places × {cost_words} × {format_rate(share.number)} en moyenne",
            parameters=(PART_PSU, *cost_params),
            references=(share.reference, *cost_refs),
            per_year=True,
        )
    )
    breakdown.lines.append(
        Line(
            label="Repère : coût de fonctionnement des places",
            amount=Amount.exact(places * cout_place),
            formula=f"{places} places × {cost_words}",
            parameters=cost_params,
            references=cost_refs,
            counted=False,
            per_year=True,
        )
    )
    for name, label, words in _SHARES:  # the sheets' other shares of a place's cost, beside the PSU's
        if ctx.has(name):
            rate = ctx.get(name)
            breakdown.lines.append(
                Line(
                    label=f"Repère : {label}",
                    amount=Amount.exact(places * cout_place * rate.number),
                    formula=f"{places} places × {format_eur(cout_place)} × {format_rate(rate.number)} ({words})",
                    parameters=(name,),
                    references=(rate.reference,),
                    counted=False,
                    per_year=True,
                )
            )
    if ctx.has(PART_CAF_FAMILLES) and share.reference.edition < ctx.get(PART_CAF_FAMILLES).reference.edition:
        breakdown.remarks.append(
            f"La part de la PSU vient de la fiche {share.reference.sheet_name} : "
            f"la fiche {ctx.get(PART_CAF_FAMILLES).reference.sheet_name} ne la redonne pas, ses repères portent "
            "sur le "
            "financement Caf + familles et le reste à charge."
        )
    breakdown.total = breakdown.lines[0].amount
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "psu",
        "Prestation de service unique (PSU)",
        "PSU d'une crèche",
        estimer_psu,
        topics=("psu",),
        inputs=(
            PLACES,
            Input("cout_place", "money", "coût annuel d'une place",
                  "Quel est le coût annuel d'une place de votre crèche (en euros) ?", required=False,
                  example=MONEY_EXAMPLE, named_after=r"^\s*(?:par|/|la|pour une?|d une)\s*(?:place|berceau)",
                  # « une place nous revient à », not « à la place de »
                  named_before=r"\b(?:une|(?<!\ba )la|par|chaque|d une) (?:place|berceau)\b",
                  exclusive=True,
                  # « un budget de fonctionnement de 720 000 € par an » for the crèche: per place, divided by its places
                  total_of=("places", r"budget|fonctionnement|par an\b|/an\b|annuel|au total|en tout")),
        ),
        parameters=(PART_PSU, PRIX_REVIENT, PART_CAF_FAMILLES, PART_CAF_FAMILLES_2027, RESTE_A_CHARGE),
        follow_ups=(FollowUp("Bonus annuels{places}", "bonus_creche"),),
        remarks=(
            Remark("La PSU dépend des heures facturées aux familles ; il s'agit ici de la part moyenne nationale, "
                   "pour les crèches qui appliquent le barème national des participations familiales.", PART_PSU),
        ),
        family="creche",
        named_by=r"\bpsu\b|prestation de service unique",
        # « notre crèche PSU veut acheter du mobilier »: the PSU says what the crèche is, the works are asked
        unless=(r"(?:creche|eaje|structure|etablissement|multi[- ]?accueil)s? (?:en |sous |financee?s? par (?:la )?)?psu\b"
                r".{0,200}(?:achet|acquisition|mobilier|materiel|renov|travaux|moderni|equiper)"),
        order=30,
    ),
)
