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
    # a question on the rules that happens to carry a project's figures: the sheets answer
    ("On voudrait agrandir notre crèche de 10 berceaux. On peut passer par le fonds de modernisation pour ça ?", False),
    ("On agrandit notre multi-accueil de 8 places. Le forfait annuel, on le touche automatiquement ?", False),
    # the rule told in the passive is not a request to calculate
    ("Le bonus mixité, il est calculé seulement pour les enfants défavorisés ou sur toute la crèche ?", False),
    # a figure asked, in whatever words: the estimate
    ("projet mam 8 places, travaux 60 000 €, aide caf ?", True),
    ("rénovation du local des nounous regroupées (8 places) : 30k. aide caf max ?", True),
    ("Trois assistantes maternelles ouvrent une Mam de 12 places, local chiffré à 130 000 €. Que peut apporter la Caf ?",
     True),
    ("on voudrait calculer l'aide pour notre crèche de 20 places", True),
    # a person's own bill: not a project
    ("La crèche me facture un tarif trop élevé vu mes revenus. Pouvez-vous refaire le calcul de mon tarif ?", False),
])
def test_gives_project_facts(text, expected):
    from caf_assistant.estimates.requests import gives_project_facts

    assert gives_project_facts(text) is expected


def test_one_of_something_asks_the_figure_per_unit_not_an_estimate():
    from caf_assistant.estimates.facts import extract_facts
    from caf_assistant.estimates.requests import is_estimate_request, not_an_estimate
    rate = "la caf donne cb par an pr 1 animatrice de relais a plein temps ?"
    assert not is_estimate_request(rate)
    assert not_an_estimate(extract_facts(rate, intent="request_estimate"), rate, "request_estimate")
    # two of them, or a simulation asked for one, are a project to compute
    assert is_estimate_request("notre relais : 2 animatrices a temps plein, combien par an ?")
    assert is_estimate_request("on veut simuler pour 1 animatrice de relais, combien ?")


def test_a_list_of_costs_asking_the_total_and_a_question_worded_c_est_quoi_the_sum_are_estimates():
    from caf_assistant.estimates.requests import is_estimate_request
    listed = ("Ingénierie Ctg :\n- Ctg : signée\n- poste de chargée de coopération : 60 000 € par an\n"
              "- diagnostic initial : 18 000 €\nFinancement Caf total ?")
    assert is_estimate_request(listed)
    worded = ("Une micro-crèche de 12 places va ouvrir chez nous. Chaque place coûte 14 500 € par an. C'est quoi, en "
              "moyenne, la somme que la Caf lui donnera pour le fonctionnement chaque année ?")
    assert is_estimate_request(worded)
    assert not is_estimate_request("notre crèche de 20 places : c'est quoi le bonus territoire ?")
