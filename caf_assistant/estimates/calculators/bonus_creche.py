"""Bonus annuels d'une crèche PSU : « territoire », « mixité sociale », « inclusion handicap »."""

from __future__ import annotations

import datetime as dt

from caf_assistant.estimates.breakdown import Amount, Breakdown, Line, sum_lines
from caf_assistant.estimates.calculators._common import Context, check_bool, check_places, finish
from caf_assistant.estimates.declaration import Estimate, FollowUp, Input
from caf_assistant.estimates.errors import InvalidInput
from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import ParameterSet
from caf_assistant.estimates.shared_inputs import CTG, PLACE_UNITS, PLACES, QPV

TERRITOIRE = "bonus/bonus_territoire"
TERRITOIRE_QPV = "bonus/bonus_territoire_qpv"
MIXITE = "bonus/bonus_mixite_sociale"
INCLUSION = "bonus/bonus_inclusion_handicap"


def estimer_bonus_creche(
    places: int,
    ctg: bool,
    qpv: bool,
    places_nouvelles: int | None = None,
    accueil_enfants_pauvres: bool | None = None,
    enfant_handicap: bool | None = None,
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """``accueil_enfants_pauvres`` / ``enfant_handicap``: True counts the bonus, False leaves it out,
    None shows it for information only."""
    places = check_places(places)
    ctg = check_bool(ctg, "ctg", "la collectivité a-t-elle signé une Ctg ?")
    qpv = check_bool(qpv, "qpv", "la crèche est-elle en quartier prioritaire (QPV) ?")
    nouvelles = (
        places
        if places_nouvelles is None
        else check_places(places_nouvelles, "places_nouvelles", "nombre de places nouvelles")
    )
    if nouvelles > places:
        raise InvalidInput(
            f"Le nombre de places nouvelles ({nouvelles}) ne peut pas dépasser le nombre de places "
            f"({places}).",
            "places_nouvelles",
        )
    ctx = Context.make(date_regles, parameters)
    breakdown = Breakdown(
        estimate="bonus_creche",
        title=f"Bonus annuels d'une crèche de {places} places",
        rules_date=ctx.when,
        inputs={
            "places": places,
            "places_nouvelles": nouvelles,
            "ctg": ctg,
            "qpv": qpv,
            "accueil_enfants_pauvres": accueil_enfants_pauvres,
            "enfant_handicap": enfant_handicap,
        },
        per_year=True,
    )
    territoire = ctx.get(TERRITOIRE)
    if ctg:
        if qpv:
            top = ctx.get(TERRITOIRE_QPV)
            amount = Amount.between(nouvelles * territoire.number, nouvelles * top.number)
            formula = (
                f"{nouvelles} places nouvelles × {format_eur(territoire.number)} (forfait) à "
                f"{format_eur(top.number)} (niveau maximal en QPV)"
            )
            params, refs = (TERRITOIRE, TERRITOIRE_QPV), (territoire.reference, top.reference)
        else:
            amount = Amount.exact(nouvelles * territoire.number)
            formula = f"{nouvelles} places nouvelles × {format_eur(territoire.number)} (forfait)"
            params, refs = (TERRITOIRE,), (territoire.reference,)
            ctx.remark(breakdown, "Le bonus « territoire » est modulé selon le potentiel financier et le niveau de "
                       "vie des habitants : les territoires les plus précaires sont aidés davantage.", TERRITOIRE)
        breakdown.lines.append(Line("Bonus « territoire »", amount, formula, params, refs, per_year=True))
    else:
        ctx.remark(breakdown, "Bonus « territoire » non compté : il est réservé aux places nouvelles créées dans le "
                   "cadre d'une convention territoriale globale (Ctg) signée avec la Caf.", TERRITOIRE)
    mixite = ctx.get(MIXITE)
    rng = mixite.range
    if accueil_enfants_pauvres is not False:
        breakdown.lines.append(
            Line(
                "Bonus « mixité sociale »",
                Amount.between(places * rng.min, places * rng.max),
                f"{places} places × {format_eur(rng.min)} à {format_eur(rng.max)}, selon l'accueil "
                "d'enfants en "
                "situation de pauvreté",
                (MIXITE,),
                (mixite.reference,),
                counted=accueil_enfants_pauvres is True,
                per_year=True,
            )
        )
    inclusion = ctx.get(INCLUSION)
    if enfant_handicap is not False:
        breakdown.lines.append(
            Line(
                "Bonus « inclusion handicap »",
                Amount.up_to(places * inclusion.number),
                f"{places} places × jusqu'à {format_eur(inclusion.number)}, dès le premier enfant porteur de "
                "handicap inscrit",
                (INCLUSION,),
                (inclusion.reference,),
                counted=enfant_handicap is True,
                per_year=True,
            )
        )
    breakdown.total = sum_lines(breakdown.lines)
    return finish(breakdown, ctx)


ESTIMATES = (
    Estimate(
        "bonus_creche",
        "Bonus annuels d'une crèche (territoire, mixité sociale, inclusion handicap)",
        "Bonus annuels d'une crèche",
        estimer_bonus_creche,
        topics=("bonus_mixite_sociale", "bonus_inclusion_handicap", "bonus_territoire"),
        inputs=(
            PLACES,
            CTG,
            QPV,
            Input("places_nouvelles", "places", "nombre de places nouvelles",
                  "Combien de ces places sont nouvelles (créées dans le cadre de la Ctg) ?", required=False,
                  example="« 10 places »", maximum=500, units=PLACE_UNITS,
                  marked_after=(r"^\s*(?:places?\s+)?(?:(?:qui\s+)?(?:sont|seront|ont ete|viennent d etre)\s+|"
                                r"(?:que nous avons|qu on a|que l on a|que la commune a)\s+)?"
                                r"(?:nouvel(?:le)?s?|nouveaux|creee?s?|supplementaires|en plus|ouverte?s?|ajoutee?s?)"),
                  marked_before=r"dont\s*$"),
            Input("accueil_enfants_pauvres", "bool", "accueil d'enfants de familles pauvres",
                  "La crèche accueille-t-elle des enfants de familles en situation de pauvreté ?", required=False,
                  negative=(r"(?:pas|aucun|aucune|sans|ni)\s+(?:d\s+|de\s+)?(?:enfants?\s+(?:de\s+|d\s+)?)?"
                            r"(?:familles?\s+|foyers?\s+|menages?\s+)?"
                            r"(?:pauvres?|precaires?|modestes|defavorisee?s?|en situation de (?:pauvrete|precarite))"),
                  positive=(r"pauvrete|pauvres?|precarite|precaires?|minima sociaux|\brsa\b|faibles revenus|"
                            r"revenus modestes")),
            Input("enfant_handicap", "bool", "accueil d'un enfant porteur de handicap",
                  "La crèche accueille-t-elle au moins un enfant porteur de handicap ?", required=False,
                  negative=r"(?:pas|aucun|sans)\s+(?:d\s+|de\s+)?enfants?\s+(?:\w+\s+){0,3}handicap",
                  positive=r"handicap|trisomi|autis|fauteuil roulant|en fauteuil|polyhandicap"),
        ),
        parameters=(TERRITOIRE, TERRITOIRE_QPV, MIXITE, INCLUSION),
        follow_ups=(FollowUp("Prestation de service (PSU){places}", "psu"),),
        family="creche",
        growth="places_nouvelles",
        named_by=(r"\bbonus\b|\bforfai\w* (?:annuel|par place|par berceau)|aides? forfaitaires?|"
                  r"aides? annuelles?|complement\w* (?:annuel|de la psu)|en plus de la psu"),
        # « bonus compris » for a relais is its guichet unique bonus
        unless=r"\brpe\b|\bram\b|\brelais\b|\bmams?\b|maisons? d assistant",
        order=40,
    ),
)
