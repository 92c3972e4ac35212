"""Rendering, JSON form and registry of the estimates."""

from __future__ import annotations

import json

import pytest

from caf_assistant.estimates import (
    CAVEAT,
    REGISTRY,
    InvalidInput,
    get_estimate,
    missing_inputs,
    run_estimate,
    to_dict,
    to_text,
)
from caf_assistant.estimates.declaration import INPUT_TYPES
from caf_assistant.estimates.formatting import NBSP, format_eur, format_rate


def test_french_formatting():
    assert format_eur(2600) == f"2{NBSP}600{NBSP}€"
    assert format_eur(1_700_000) == f"1{NBSP}700{NBSP}000{NBSP}€"
    assert format_eur(91.47) == f"91,47{NBSP}€"
    assert format_rate(0.37) == f"37{NBSP}%"
    assert format_rate(0.0856) == f"8,56{NBSP}%"


def test_text_shows_lines_formula_source_and_caveat():
    breakdown = run_estimate(
        "creche_creation", {"places": 30, "cout_projet": 1_700_000, "qpv": True}, "2024-06-01"
    )
    text = to_text(breakdown).replace(NBSP, " ")
    assert "30 places × 8 000 € à 26 000 € par place" in text
    assert "de 240 000 € à 780 000 €" in text
    # the source as an official knows it: the sheet's title, publisher and edition, the section's heading
    assert "source : « La Caf aux côtés des collectivités pour réussir le service public de la petite enfance » " \
           "(Cnaf, édition 2024), « " in text
    assert "creche_investissement" not in text
    assert "80 % × 1 700 000 € = 1 360 000 €" in text
    assert "non atteint" in text
    assert "780 000 €" in text  # the sheet's own example for a QPV
    assert text.endswith(CAVEAT)
    assert (
        CAVEAT
        == "Estimation indicative et non contractuelle ; la décision revient aux conseillers de la Caf."
    )


def test_history_is_flagged():
    text = to_text(run_estimate("bonus_creche", {"places": 10, "ctg": True, "qpv": False}, "2021-06-01"))
    assert "Chiffre historique" in text and "« La Caf aux côtés des élus #GrandirAvecVous » (Cnaf, édition 2022)" in text
    text = to_text(run_estimate("bonus_creche", {"places": 10, "ctg": True, "qpv": False}, "2022-06-01"))
    assert "Chiffre historique" not in text


def test_dict_is_json_ready():
    breakdown = run_estimate("ctg_ingenierie", {"ctg": True, "cout_poste": 60_000}, "2024-06-01")
    data = json.loads(json.dumps(to_dict(breakdown)))
    assert data["total"] == 24_000
    assert data["ceilings"][0]["binds"] is True
    assert data["ceilings"][0]["amount"] > 0
    assert data["lines"][0]["references"][0]["sheet"] == "cnaf-sppe-2024"
    assert data["lines"][0]["reference"].startswith("« La Caf aux côtés des collectivités")
    assert data["lines"][0]["formula"] and data["lines"][0]["parameter"]
    assert data["rules_date"] == "2024-06-01"
    assert data["caveat"] == CAVEAT


def test_dict_ranges_and_ceilings_only():
    data = to_dict(run_estimate("creche_creation", {"places": 30, "cout_projet": 1_700_000, "qpv": True},
                                "2024-06-01"))
    assert "total" not in data and (data["total_min"], data["total_max"]) == (240_000, 780_000)
    assert (data["lines"][0]["min"], data["lines"][0]["max"]) == (240_000, 780_000)
    assert data["ceilings"][0] == {**data["ceilings"][0], "amount": 1_360_000, "binds": False}
    old = to_dict(run_estimate("creche_creation", {"places": 30, "cout_projet": 1_700_000, "qpv": True},
                               "2020-12-31"))
    assert old["lines"][0]["min"] is None and old["lines"][0]["max"] == 510_000
    assert old["total_min"] is None and old["total_max"] == 510_000
    assert old["rules_date"] == "2020-12-31"


def test_registry_holds_declared_estimates():
    assert {"creche_creation", "psu", "bafa"} <= set(REGISTRY)
    for estimate in REGISTRY.values():
        assert estimate.required_inputs
        for spec in estimate.inputs:
            assert spec.type in INPUT_TYPES
            assert spec.question.endswith("?")


def test_missing_inputs_asks_only_what_is_missing():
    names = [spec.name for spec in missing_inputs("creche_creation", {"places": 30})]
    assert names == ["cout_projet", "qpv"]
    assert missing_inputs("creche_creation", {"places": 30, "cout_projet": 1e6, "qpv": False}) == []
    with pytest.raises(KeyError):
        get_estimate("inconnu")


@pytest.mark.parametrize(
    ("inputs", "fragment"),
    [
        ({"places": 0, "cout_projet": 1e6, "qpv": False}, "supérieur à zéro"),
        ({"places": -2, "cout_projet": 1e6, "qpv": False}, "supérieur à zéro"),
        ({"places": 600, "cout_projet": 1e6, "qpv": False}, "hors norme"),
        ({"places": 30, "cout_projet": 0, "qpv": False}, "montant positif"),
        ({"places": 30, "cout_projet": 200_000_000, "qpv": False}, "hors norme"),
        ({"places": 30.5, "cout_projet": 1e6, "qpv": False}, "entier"),
        ({"places": 30, "cout_projet": 1e6, "qpv": "peut-être"}, "oui ou non"),
    ],
)
def test_invalid_inputs_raise_value_error_in_french(inputs, fragment):
    with pytest.raises(InvalidInput, match=fragment) as caught:
        run_estimate("creche_creation", inputs, "2024-06-01")
    assert isinstance(caught.value, ValueError)
