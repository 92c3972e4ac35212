"""Properties: ceilings are never exceeded, totals do not decrease when places are added."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from caf_assistant.estimates import run_estimate

PLACES = st.integers(min_value=1, max_value=499)
COST = st.floats(min_value=1, max_value=100_000_000, allow_nan=False)
DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 12, 31))
BOOL = st.booleans()
OPTIONAL_BOOL = st.none() | st.booleans()

PLACE_ESTIMATES = {
    "creche_creation": (
        dt.date(2020, 1, 1),
        lambda places, cost, flag: {"places": places, "cout_projet": cost, "qpv": flag},
    ),
    "creche_modernisation": (
        dt.date(2024, 1, 1),
        lambda places, cost, flag: {"places": places, "cout_projet": cost},
    ),
    "mam_creation": (dt.date(2024, 1, 1), lambda places, cost, flag: {"places": places, "cout_projet": cost}),
    "mam_renovation": (
        dt.date(2024, 1, 1),
        lambda places, cost, flag: {"places": places, "cout_projet": cost},
    ),
    "bonus_creche": (
        dt.date(2020, 1, 1),
        lambda places, cost, flag: {
            "places": places,
            "ctg": True,
            "qpv": flag,
            "accueil_enfants_pauvres": True,
            "enfant_handicap": True,
        },
    ),
    "psu": (
        dt.date(2024, 1, 1),
        lambda places, cost, flag: {"places": places, "cout_place": min(cost, 1_000_000)},
    ),
}


def _run(key, places, cost, flag, when):
    start, build = PLACE_ESTIMATES[key]
    return run_estimate(key, build(places, cost, flag), date_regles=max(when, start))


def _check_ceilings(breakdown):
    for ceiling in breakdown.ceilings:
        if ceiling.scope == "total":
            assert breakdown.total.maximum <= ceiling.limit + 0.01
            if breakdown.total.minimum is not None:
                assert breakdown.total.minimum <= ceiling.limit + 0.01
    if breakdown.total.minimum is not None:
        assert 0 <= breakdown.total.minimum <= breakdown.total.maximum


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(PLACE_ESTIMATES)), PLACES, COST, BOOL, DATES)
def test_ceilings_never_exceeded(key, places, cost, flag, when):
    _check_ceilings(_run(key, places, cost, flag, when))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(PLACE_ESTIMATES)), PLACES, PLACES, COST, BOOL, DATES)
def test_totals_grow_with_places(key, a, b, cost, flag, when):
    fewer, more = sorted((a, b))
    low, high = _run(key, fewer, cost, flag, when), _run(key, more, cost, flag, when)
    assert low.total.maximum <= high.total.maximum + 0.01
    assert (low.total.minimum or 0) <= (high.total.minimum or 0) + 0.01


@settings(max_examples=40, deadline=None)
@given(COST, COST, DATES)
def test_rpe_and_ctg_ceilings(cost, other, when):
    rpe = run_estimate(
        "rpe_investissement", {"cout_projet": cost}, date_regles=max(when, dt.date(2022, 1, 1))
    )
    _check_ceilings(rpe)
    ctg = run_estimate(
        "ctg_ingenierie",
        {"ctg": True, "cout_poste": cost, "cout_diagnostic": other},
        date_regles=max(when, dt.date(2024, 1, 1)),
    )
    for line, ceiling in zip(ctg.lines, ctg.ceilings, strict=True):
        assert line.amount.maximum <= ceiling.limit / 2 + 0.01  # 50 % of the capped expense


@settings(max_examples=40, deadline=None)
@given(PLACES, st.integers(min_value=1, max_value=499), BOOL, BOOL, OPTIONAL_BOOL, OPTIONAL_BOOL, DATES)
def test_bonus_total_is_sum_of_counted_lines(places, new, ctg, qpv, poor, handicap, when):
    new = min(new, places)
    breakdown = run_estimate(
        "bonus_creche",
        {
            "places": places,
            "places_nouvelles": new,
            "ctg": ctg,
            "qpv": qpv,
            "accueil_enfants_pauvres": poor,
            "enfant_handicap": handicap,
        },
        date_regles=when,
    )
    counted = [line for line in breakdown.lines if line.counted]
    assert abs(breakdown.total.maximum - sum(line.amount.maximum for line in counted)) < 0.01
