"""Amounts and counts written the way people write them."""

from __future__ import annotations

import pytest

from caf_assistant.estimates.numbers import parse_count, parse_money, parse_places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30", 30),
        ("30 places", 30),
        ("trente places", 30),
        ("trente", 30),
        ("une crèche de trente places", 30),
        ("quarante-cinq berceaux", 45),
        ("une place", 1),
        ("12", 12),
        (30, 30),
    ],
)
def test_parse_places(text, expected):
    assert parse_places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 700 000", 1_700_000),
        ("1\u00a0700\u00a0000 €", 1_700_000),
        ("1.700.000", 1_700_000),
        ("1,7 million", 1_700_000),
        ("1,7 millions d'euros", 1_700_000),
        ("1,7 M€", 1_700_000),
        ("1.7M€", 1_700_000),
        ("800 k€", 800_000),
        ("800k", 800_000),
        ("deux cents mille euros", 200_000),
        ("trois cent mille", 300_000),
        ("un million sept cent mille euros", 1_700_000),
        ("150 000€", 150_000),
        ("2 600 €", 2_600),
        ("1 700 000,50 €", 1_700_000.5),
        ("1,700,000", 1_700_000),
        ("30 places pour 1,7 M€", 1_700_000),
        (1_700_000, 1_700_000),
    ],
)
def test_parse_money(text, expected):
    assert parse_money(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "je ne sais pas", None, "oui", "M€"])
def test_non_numbers_give_none(text):
    assert parse_money(text) is None
    assert parse_places(text) is None


def test_places_are_not_money_and_money_is_not_places():
    assert parse_money("30 places") is None
    assert parse_places("1,7 M€") is None
    assert parse_places("30 places pour 1,7 M€") == 30


def test_places_must_be_whole_and_counts_keep_decimals():
    assert parse_places("2,5") is None
    assert parse_count("2,5 heures") == 2.5
    assert parse_count("dix candidats") == 10


@pytest.mark.parametrize("text", ["9" * 400, "1e308", "-" + "9" * 30 + " €", "١٠٠٠٠٠ €", "Ⅻ places", "½", "0x1F",
                                  "12/34/5678", "Infinity", "NaN", "3,14159e10 €", "1.2.3.4"])
def test_numbers_of_every_shape_are_read_or_ignored_never_raise(text):
    from caf_assistant.estimates.calculators import REGISTRY
    from caf_assistant.estimates.facts import extract_facts
    from caf_assistant.estimates.inputs import INPUTS
    assert parse_money(text) is None or abs(parse_money(text)) < 1e15
    assert parse_count(text) is None or abs(parse_count(text)) < 1e15
    for key in list(REGISTRY):
        for pending in [None, *list(INPUTS)[:6]]:
            extract_facts(f"{text} places {text}", key, pending, None, None)
    assert parse_money(float("inf")) is None and parse_count(float("nan")) is None
