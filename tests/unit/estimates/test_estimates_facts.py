"""Facts read from one message for the estimate form: numbers, yes/no, rules year, checks."""

from __future__ import annotations

import datetime as dt

import pytest

from caf_assistant.estimates.cases import to_ask
from caf_assistant.estimates.facts import extract_facts
from caf_assistant.estimates.followups import follow_ups, type_buttons
from caf_assistant.estimates.inputs import check_fact, question, unreadable
from caf_assistant.estimates.numbers import quantities
from caf_assistant.estimates.rules_year import check_rules_year, rules_date, rules_year
from caf_assistant.yes_no import yes_no


def test_the_issue_example_holds_every_fact():
    facts = extract_facts("On veut une crèche de 30 places en QPV, le projet coûte 1,7 M€ : combien "
                          "la Caf peut mettre ?", intent="request_estimate")
    assert facts.estimate == "creche_creation"
    assert facts.values == {"places": 30, "cout_projet": 1_700_000, "qpv": True}
    assert to_ask("creche_creation", facts.values) == []


def test_a_sum_is_the_cost_of_the_diagnostic_or_the_post_named_nearest_before_it():
    facts = extract_facts("Nous recrutons une chargée de coopération dont le coût employeur sera de 52 000 € par an, "
                          "et le diagnostic initial a été confié à un cabinet pour 12 000 €.", intent="request_estimate")
    assert facts.values["cout_poste"] == 52_000 and facts.values["cout_diagnostic"] == 12_000
    assert extract_facts("Quatre ados passent le Bafa", intent="request_estimate").values["candidats"] == 4


def test_entity_wins_over_words_and_payloads_carry_only_the_entity():
    assert extract_facts("truc", entity="bafa").estimate == "bafa"
    assert extract_facts("truc", entity="pas_un_type").estimate is None
    payload = extract_facts('/inform{"type_estimation":"psu"}', entity="psu", requested="places")
    assert payload.estimate == "psu" and payload.values == {}
    assert extract_facts("/affirm", requested="qpv", intent="affirm").values == {"qpv": True}
    assert extract_facts("/deny", requested="ctg", intent="deny").values == {"ctg": False}


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        ("30", "places", {"places": 30}),
        ("30", "cout_projet", {"cout_projet": 30}),  # refused later by check_fact: too small
        ("trente places", "cout_projet", {"places": 30}),
        ("1,7 M€", "places", {"cout_projet": 1_700_000}),
        ("800 k€", "cout_projet", {"cout_projet": 800_000}),
        ("deux cents mille euros", "cout_projet", {"cout_projet": 200_000}),
        ("250000", "cout_projet", {"cout_projet": 250_000}),
        ("1.7M€", None, {"cout_projet": 1_700_000}),
        ("en fait ce sera 40 places", None, {"places": 40}),
        ("correction : le coût est de 1,5 M€", "qpv", {"cout_projet": 1_500_000}),
        ("-5 places", "places", {"places": -5}),
        ("beaucoup", "places", {}),
        ("ouverture en 2026, 30 places", None, {"places": 30}),
    ],
)
def test_numbers_for_a_creche_creation(text, requested, expected):
    assert extract_facts(text, "creche_creation", requested, "inform").values == expected


@pytest.mark.parametrize(
    ("text", "requested", "intent", "expected"),
    [
        ("c'est en qpv", None, "inform", {"qpv": True}),
        ("hors qpv", None, "inform", {"qpv": False}),
        ("pas en qpv", None, "inform", {"qpv": False}),
        ("non, hors quartier prioritaire", "qpv", "deny", {"qpv": False}),
        ("le site est dans un quartier politique de la ville", None, "inform", {"qpv": True}),
        ("oui", "qpv", "affirm", {"qpv": True}),
        ("non", "qpv", "deny", {"qpv": False}),
        ("oui", "places", "affirm", {}),
    ],
)
def test_qpv_and_plain_yes_no(text, requested, intent, expected):
    assert extract_facts(text, "creche_creation", requested, intent).values == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on a signé une ctg", True),
        ("ctg signée en 2022", True),
        ("nous avons une convention territoriale globale", True),
        ("pas de ctg", False),
        ("on n'a pas encore de ctg", False),
        ("notre ctg est en cours de signature", False),
        ("communauté de communes signataire de la convention territoriale globale depuis 2023", True),
        ("Ctg : signée en juin 2024", True),
    ],
)
def test_ctg(text, expected):
    assert extract_facts(text, "bonus_creche", "ctg", "inform").values == {"ctg": expected}


def test_a_sum_is_the_cost_the_words_right_after_it_name():
    assert extract_facts("un devis de 18 000 € pour le diagnostic initial, puis un chargé de coopération à 50 000 € "
                         "par an").values == {"cout_diagnostic": 18_000, "cout_poste": 50_000}
    assert extract_facts("45 000 € pour le poste de chargé de coopération et 12 000 € HT pour l'étude des besoins",
                         "ctg_ingenierie").values == {"cout_poste": 45_000, "cout_diagnostic": 12_000}


def test_a_mam_s_places_from_its_assistants_agreements():
    assert extract_facts("trois assmat, agréées chacune pour quatre enfants, veulent ouvrir une Mam ; "
                         "250 000 € de travaux").values == {"places": 12, "cout_projet": 250_000}
    assert extract_facts("une mam de 10 places, 3 assistantes maternelles agréées chacune pour 4 enfants").values \
        == {"places": 10}


def test_people_counted_by_who_they_are_or_by_a_correction():
    assert extract_facts("ils doivent passer le brevet d'animateur. Ils sont douze. Le séjour : 45 enfants").values \
        == {"candidats": 12}
    assert extract_facts("formation bafa : on en avait inscrit 10 mais 2 de plus, donc 12. stage de 8 jours").values \
        == {"candidats": 12}


def test_words_that_are_no_fact():
    # « à la place de l'ancienne gendarmerie » names no cost per place: the sum is the project's
    assert extract_facts("création d'une crèche de 32 places à la place de l'ancienne gendarmerie, 1,3 M€ HT").values \
        == {"places": 32, "cout_projet": 1_300_000}
    assert extract_facts("psu : 12 places, la place nous revient à 16 000 € par an").values == {
        "places": 12, "cout_place": 16_000}
    bonus = extract_facts("ctg signee, creche de 14 places toutes creees dans ce cadre. pas de familles precaires, "
                          "pas d enfant handicape. le bonus territoire par an ?")
    assert bonus.values == {"places": 14, "ctg": True, "accueil_enfants_pauvres": False, "enfant_handicap": False}


def test_other_estimates():
    assert extract_facts("simule le plan mercredi pour 40 enfants et 120 heures").values == {
        "enfants": 40, "heures_nouvelles": 120}
    assert extract_facts("aide bafa pour 8 jeunes").values == {"candidats": 8}
    rpe = extract_facts("fonctionnement du rpe : un mi-temps, coût annuel de 90 000 €")
    assert rpe.estimate == "rpe_fonctionnement" and rpe.values == {"postes_animateur": 0.5,
                                                                    "cout_fonctionnement": 90_000}
    ctg = extract_facts("chargé de coopération ctg : le poste coûte 50 000 € et le diagnostic 20 000 €")
    assert ctg.values == {"cout_poste": 50_000, "cout_diagnostic": 20_000}
    assert extract_facts("20 000 €", "ctg_ingenierie", "cout_diagnostic").values == {"cout_diagnostic": 20_000}
    psu = extract_facts("psu pour 40 places, le prix de revient est de 18 000 € par place")
    assert psu.values == {"places": 40, "cout_place": 18_000}
    # an amount per place is never taken for a project's cost
    assert extract_facts("18 000 € par place", "creche_creation", "cout_projet").values == {}
    bonus = extract_facts("bonus pour nos 20 places dont 10 nouvelles, hors qpv, on a signé une ctg")
    assert bonus.values == {"places": 20, "places_nouvelles": 10, "qpv": False, "ctg": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("selon les règles de 2020", (2020, False)),
        ("avec les barèmes 2022", (2022, False)),
        ("barème 2022", (2022, False)),
        ("les règles actuelles", (None, True)),
        ("30 places", (None, False)),
    ],
)
def test_rules_year(text, expected):
    assert rules_year(text) == expected


def test_rules_year_is_not_a_number_of_places():
    facts = extract_facts("30 places selon les règles de 2020", "creche_creation", "cout_projet")
    assert facts.rules_year == 2020 and facts.values == {"places": 30}


def test_rules_date():
    today = dt.date(2026, 6, 1)
    assert rules_date(2020, today) == dt.date(2020, 12, 31)
    assert rules_date(2026.0, today) is None and rules_date(2030, today) is None and rules_date(None) is None
    assert check_rules_year(2020) == (2020.0, None)
    assert check_rules_year(12)[0] is None


@pytest.mark.parametrize(
    ("name", "value", "ok", "response"),
    [
        ("places", 30.0, 30, None),
        ("places", -5, None, "utter_estimate_not_positive"),
        ("places", 0, None, "utter_estimate_not_positive"),
        ("places", 800, None, "utter_estimate_too_high"),
        ("places", 2.5, None, "utter_estimate_not_whole"),
        ("places", "trente", None, "utter_estimate_not_a_number"),
        ("places", float("nan"), None, "utter_estimate_not_a_number"),
        ("cout_projet", 1_700_000, 1_700_000, None),
        ("cout_projet", 0, None, "utter_estimate_not_positive"),
        ("cout_projet", 1.7, None, "utter_estimate_money_too_low"),
        ("cout_projet", 1e12, None, "utter_estimate_too_high"),
        ("cout_poste", 0, 0, None),
        ("candidats", 8, 8, None),
        ("candidats", 20_000, None, "utter_estimate_too_high"),  # the Bafa's own bound
        ("heures_nouvelles", 12.5, 12.5, None),
        ("qpv", False, False, None),
        ("qpv", "peut-être", None, "utter_estimate_bool_unreadable"),
    ],
)
def test_check_fact(name, value, ok, response):
    clean, problem = check_fact(name, value)
    assert clean == ok
    assert (problem.response if problem else None) == response


def test_check_fact_gives_what_the_response_needs():
    _, problem = check_fact("cout_projet", 1.7)
    assert set(problem.values) == {"label", "value", "example"} and all(problem.values.values())


def test_messages_and_questions():
    assert unreadable("qpv").response == "utter_estimate_bool_unreadable"
    assert unreadable("cout_projet").response == "utter_estimate_money_unreadable"
    assert unreadable("places").response == "utter_estimate_number_unreadable"
    assert all(unreadable("places").values.values())
    assert question("creche_creation", "places") == "Combien de places la crèche va-t-elle créer ?"
    assert question("mam_creation", "places") == "Combien de places comptera la Mam ?"
    assert yes_no("oui bien sûr") is True and yes_no("non") is False and yes_no("peut-être") is None
    assert yes_no("Non merci") is False and yes_no("pas d'accord") is False and yes_no("j'accepte") is True
    assert yes_no("/affirm") is True and yes_no("", intent="deny") is False


def test_follow_ups_and_type_buttons():
    buttons = follow_ups("creche_creation", {"places": 30})
    assert buttons[0] == ("Bonus annuels pour ces 30 places", '/request_estimate{"type_estimation":"bonus_creche"}')
    assert buttons[-1] == ("Parler à un conseiller de la Caf", "/ask_human")
    assert len(type_buttons()) == len(type_buttons(set()))


def test_quantities_keep_units_and_context():
    found = quantities("crèche de 30 places, projet à 1,7 M€")
    assert [(q.value, q.unit, q.marked) for q in found] == [(30, "places", False), (1_700_000, None, True)]


@pytest.mark.parametrize(("text", "estimate", "expected"), [
    ("extention de la creche 8 place en plus, 400000e de travaux", "creche_creation",
     {"places": 8, "cout_projet": 400_000}),
    ("le bonus pour une crèche de 20 places nouvelles créées dans le cadre de la Ctg, en QPV", "bonus_creche",
     {"places": 20, "places_nouvelles": 20, "ctg": True, "qpv": True}),
    ("quatre nounous veulent se regrouper, 16 gamins, travaux 300 000 €", "mam_creation",
     {"places": 16, "cout_projet": 300_000}),
    ("notre crèche de 40 places, une place revient à 18 500 € par an ; pour construire notre budget, combien ?",
     "psu", {"places": 40, "cout_place": 18_500}),
    # « on voudrait » is a wish (a creation); « balles » are euros
    ("on voudrait faire un lieu pour les bebes du village, 20 places, 400 000 € tout compris", "creche_creation",
     {"places": 20, "cout_projet": 400_000}),
    ("creche de 15 places, on veut changer tout le mobilier, ca fait 45 000 balles", "creche_modernisation",
     {"places": 15, "cout_projet": 45_000}),
    ("nous avons neuf lycéens qui souhaitent passer le Bafa", "bafa", {"candidats": 9}),
    # a year is no count, even when the next line's label follows it
    ("Label : Plan mercredi obtenu en 2025\nHeures nouvelles : 80 heures par enfant, 60 enfants", "plan_mercredi",
     {"heures_nouvelles": 80, "enfants": 60}),
    ("le mercredi on accueille les gamins au centre de loisirs, on passe a la journee complete : 40 enfants, "
     "100 heures de plus par enfant. ca fait combien de bonus caf ?", "plan_mercredi",
     {"enfants": 40, "heures_nouvelles": 100}),
])
def test_projects_as_officials_write_them(text, estimate, expected):
    facts = extract_facts(text, intent="request_estimate")
    assert facts.estimate == estimate and facts.values == expected


def test_families_on_the_rsa_are_families_in_poverty_and_a_small_e_is_no_euro():
    facts = extract_facts("bonus pour notre crèche de 30 places, Ctg signée, beaucoup de familles au RSA",
                          intent="request_estimate")
    assert facts.values["accueil_enfants_pauvres"] is True
    assert extract_facts("la 2e tranche de 30 places", intent="request_estimate").values == {"places": 30}


def test_a_list_of_labels_and_values_is_read_as_written():
    from caf_assistant.estimates.bool_facts import bool_fact
    text = "projet petite enfance / places : 20 / coût total : 620 k€ / QPV : non / nature : construction neuve"
    facts = extract_facts(text, "creche_creation", intent="request_estimate")
    assert (facts.values["places"], facts.values["cout_projet"], facts.values["qpv"]) == (20, 620_000, False)
    assert bool_fact("qpv", text) is False
    assert bool_fact("qpv", "Quartier prioritaire : oui.") is True
    assert bool_fact("qpv", "la crèche est en QPV") is True


def test_an_input_known_stands_for_those_it_replaces():
    from caf_assistant.estimates.calculators import run_estimate
    # the relais's posts give the sheet's average aid per post: its running cost is not asked first
    assert to_ask("rpe_fonctionnement", {"postes_animateur": 2}) in ([], ["guichet_unique"])
    assert run_estimate("rpe_fonctionnement", {"postes_animateur": 2}).total.maximum == 76_000
    assert to_ask("rpe_fonctionnement", {}) == ["cout_fonctionnement"]
    # a diagnostic alone: no post to ask about
    assert "cout_poste" not in to_ask("ctg_ingenierie", {"cout_diagnostic": 12_000, "ctg": True})
    # the children's hours in total (« 4 500 heures-enfants »)
    facts = extract_facts("Plan mercredi : nous allons développer 4 500 heures-enfants nouvelles", intent="request_estimate")
    assert facts.values == {"heures_enfants": 4500}
    assert to_ask("plan_mercredi", facts.values, "2021-06-01") == []
    # several phrases add up: a full-time and a half-time post
    facts = extract_facts("Notre animatrice du relais est à temps plein et une deuxième à mi-temps, par an ?",
                          "rpe_fonctionnement")
    assert facts.values["postes_animateur"] == 1.5


def test_a_sum_after_the_study_of_needs_is_the_diagnostic_s_cost():
    text = "étude de départ sur les besoins du territoire (pour le contrat global avec la Caf) : 18k€ TTC / combien ?"
    assert extract_facts(text, "ctg_ingenierie").values.get("cout_diagnostic") == 18_000
    facts = extract_facts("Quartier prioritaire : oui. Places nouvelles créées : 20. Combien par an ?", "bonus_creche")
    assert 20 in (facts.values.get("places"), facts.values.get("places_nouvelles")) and facts.values["qpv"] is True


def test_a_number_and_its_unit_stay_on_their_line():
    from caf_assistant.estimates.numbers import quantities
    # « 2025 » ends its line: the next line's « Enfants concernés » is no unit of it
    year, children = quantities("Label obtenu en 2025\nEnfants concernés : 60")
    assert (year.value, year.unit, children.value) == (2025, None, 60)
    (budget,) = quantities("Budget 350 000\n€ de places")
    assert (budget.unit, budget.marked) == (None, False)
    (cost,) = quantities("Budget : 350 000 €")
    assert cost.marked


def test_a_long_label_names_its_number_by_its_first_word():
    text = "Projet de Mam\nAssistantes maternelles prévues dans la maison : 3\nPlaces envisagées pour l'ouverture : 12"
    facts = extract_facts(text, "mam_creation")
    assert facts.values.get("places") == 12
    # within a sentence, a colon far after a unit word is no label
    sentence = extract_facts("Nous voulons créer une crèche : 18 places et 350 000 € de travaux", "creche_creation")
    assert sentence.values.get("places") == 18


def test_en_stands_for_what_the_estimate_counts():
    text = "Une place nous revient à 19 000 € à l'année, et nous en avons 60."
    assert extract_facts(text, "psu").values == {"cout_place": 19_000, "places": 60}
    # no « en »: a bare number stays for the question asked
    assert "places" not in extract_facts("Une place nous revient à 19 000 €, nous avons 60 ans d'histoire", "psu").values


def test_a_label_s_other_words_mark_its_number():
    text = ("Projet d'extension EAJE\n- capacité totale : 40 places\n- dont places nouvelles : 12\n- Ctg : signée\n"
            "Quel montant total de bonus par an ?")
    assert extract_facts(text).values.get("places_nouvelles") == 12
    label = "Plan mercredi\n- heures-enfants nouvelles le mercredi prévues en 2027 : 10 000\n- nombre de sites : 3"
    assert extract_facts(label, "plan_mercredi").values == {"heures_enfants": 10_000}
    # a number that explains itself keeps its explanation
    explained = "heures nouvelles le mercredi : 6 500 (heures x enfants)"
    assert extract_facts(explained, "plan_mercredi").values == {"heures_enfants": 6_500}


def test_hours_and_minutes_are_a_duration_not_a_time_of_day():
    text = ("le centre fermera à 18h30 au lieu de 17h : 1h30 de plus chaque mercredi pour 32 enfants, "
            "sur 36 mercredis")
    assert extract_facts(text, "plan_mercredi").values == {"heures_nouvelles": 54, "enfants": 32}


def test_a_sum_far_from_what_it_pays_for_goes_to_the_cost_named_before_it():
    text = ("Dans le cadre de notre Ctg, nous lançons l'état des lieux des besoins du territoire (petite enfance, "
            "jeunesse, parentalité). Le marché a été attribué pour 20 000 € HT.")
    assert extract_facts(text, "ctg_ingenierie").values.get("cout_diagnostic") == 20_000
    # named after it: the post, even with a diagnostic mentioned later
    later = ("La personne qui animera la convention nous coûtera 52 000 € par an. En parallèle, l'état des lieux "
             "des besoins, pour 12 000 €.")
    values = extract_facts(later, "ctg_ingenierie").values
    assert (values.get("cout_poste"), values.get("cout_diagnostic")) == (52_000, 12_000)


def test_a_ctg_said_in_a_word():
    assert extract_facts("15 places neuves en qpv, ctg ok. bonus territoire par place ?").values.get("ctg") is True
    assert extract_facts("crèche 20 places, Ctg : oui, bonus territoire ?").values.get("ctg") is True
    assert extract_facts("crèche 20 places, Ctg : non, bonus territoire ?").values.get("ctg") is False


def test_a_sum_spent_on_something_else_is_not_the_project_s():
    text = ("Ville de 12 000 habitants, on a deja 2,3 M€ engages sur la piscine cette annee, et les elus veulent savoir "
            "ce qu une creche de 45 places rapporterait en PSU.")
    assert extract_facts(text).values == {"places": 45}
    # a part of the project stays its cost
    works = "Notre crèche de 30 places : 20 000 € pour la salle de motricité et 15 000 € pour la cuisine, combien ?"
    assert any(isinstance(value, float) for value in extract_facts(works).values.values())
