"""Whether a message asks for an amount for its project, and gives the project's facts."""

from __future__ import annotations

import pytest

from caf_assistant.estimates.requests import asks_for_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("combien pour créer une mam ?", True),
        ("combien la caf peut mettre dans notre projet ?", True),
        ("je veux une estimation", True),
        ("simulez le financement de notre projet svp", True),
        ("combien d'allocataires chez nous ?", False),
        ("comment financer une crèche ?", False),
    ],
)
def test_asks_for_amount(text, expected):
    assert asks_for_amount(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Projet de crèche de 18 places, 350 000 € de travaux : quelle aide maximale ?", True),
    ("6 jeunes de la commune passent le Bafa, combien la Caf va leur donner ?", True),
    ("combien coûte une place de crèche ?", False),
    ("une crèche de 30 places, c'est quoi la psu ?", False),
    ("combien d'allocataires dans le 42 ?", False),
    ("c tjs 250 000 € max pr creer un relais petite enfance ?", False),
    ("notre PPI prévoit 17 000 euros par place pour la crèche : ce plafond est-il toujours d'actualité ?", False),
    ("crèche de 20 places, 500 000 € de travaux, toujours en QPV : combien ?", True),
])
def test_gives_project_facts(text, expected):
    from caf_assistant.estimates.requests import gives_project_facts

    assert gives_project_facts(text) is expected
