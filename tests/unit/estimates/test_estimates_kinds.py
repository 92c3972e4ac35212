"""The kind of estimate a message asks for: from its words, from the sheets' topic its words are closest to."""

from __future__ import annotations

import pytest

from caf_assistant.estimates.facts import extract_facts
from caf_assistant.estimates.kinds import detect_estimate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on veut créer une crèche de 30 places", "creche_creation"),
        ("estimation pour une micro-crèche", "creche_creation"),
        ("travaux dans la crèche, 18 places", "creche_modernisation"),
        ("mise aux normes de notre crèche", "creche_modernisation"),
        ("notre projet de rénovation de la crèche", "creche_modernisation"),
        ("on veut une crèche de 30 places en QPV", "creche_creation"),
        ("la nouvelle crèche de 30 places : ce que la Caf verse pour le fonctionnement, pas les aides à la "
         "construction", "psu"),
        ("créer une mam de 12 places", "mam_creation"),
        ("rénovation de la mam", "mam_renovation"),
        ("créer un relais petite enfance", "rpe_investissement"),
        ("fonctionnement du rpe, 1,5 etp", "rpe_fonctionnement"),
        ("combien de bonus pour notre crèche de 40 places", "bonus_creche"),
        ("poste de chargé de coopération ctg", "ctg_ingenierie"),
        ("aide bafa pour 8 jeunes", "bafa"),
        ("simule le plan mercredi", "plan_mercredi"),
        ("estimation de la psu pour notre crèche", "psu"),
        ("estimation pour une crèche de 30 places", None),
        ("je veux une estimation", None),
        # an existing place and works: « depuis dix ans », « pas d'agrandissement »
        ("La maison où nos 3 nounous travaillent ensemble depuis dix ans a besoin d'un coup de neuf, 25 000 €",
         "mam_renovation"),
        ("trois assistantes maternelles veulent se regrouper dans un logement vacant depuis deux ans, travaux de mise "
         "aux normes 210 000 €", "mam_creation"),
        ("Crèche existante : 40 places / travaux : isolation thermique / coût : 400 000 € / pas d'agrandissement",
         "creche_modernisation"),
        ("Si on ouvre une crèche de 20 places, combien ça coûte à faire tourner chaque année ?", "psu"),
        ("un équipement neuf pour les tout-petits, 40 berceaux : quel budget de construction faut-il prévoir ?",
         "creche_cout_construction"),
        ("une étude de départ sur les besoins du territoire pour le contrat global : 18k€", "ctg_ingenierie"),
        ("la mam du village (12 places) a besoin d une nouvelle cuisine et de stores, devis 10 000 €", "mam_renovation"),
        # what a relais does, without its name
        ("un lieu où les assistantes maternelles du canton se retrouvent et où les parents viennent se renseigner "
         "sur les modes de garde, le bâtiment coûterait 0,9 M€", "rpe_investissement"),
        # the words officials use for them
        ("un bâtiment neuf pour accueillir trente tout-petits", "creche_creation"),
        ("extention de la creche 8 place en plus", "creche_creation"),
        ("la halte-garderie a besoin d'un sérieux coup de neuf", "creche_modernisation"),
        ("la creche doit refaire toute l'isolation", "creche_modernisation"),
        ("notre crèche de 16 places, combien par an pour le fonctionnement ?", "psu"),
        ("quatre nounous veulent se regrouper dans l'ancien presbytère", "mam_creation"),
        ("la maison des nounous prend l'eau, travaux de toiture", "mam_renovation"),
        ("sept jeunes passent leur brevet d'aptitude aux fonctions d'animateur", "bafa"),
        ("4 heures de plus par mercredi pour 25 enfants", "plan_mercredi"),
        ("notre poste de coordo à 45000 €/an", "ctg_ingenierie"),
        ("on veut fair un multi acceuil de 18 place", "creche_creation"),
        ("micro-creche de 10 places, on doit installer une ventilation", "creche_modernisation"),
        ("une micro-crèche de 12 places, quelle somme pour le fonctionnement annuel ?", "psu"),
        ("le ram nous coute 48 k€ par an a faire tourner", "rpe_fonctionnement"),
        ("construire un bâtiment pour le relais, avec un bureau pour l'animatrice", "rpe_investissement"),
        ("coordinatrice petite enfance : notre relais ouvre une antenne, aménagement du local", "rpe_investissement"),
        ("quatre jeunes s'inscrivent à la formation d'animateur", "bafa"),
        ("une étude des besoins confiée à un cabinet", "ctg_ingenierie"),
        ("3 assmat veulent se regrouper dans l'ancien logement", "mam_creation"),
        ("on veut faire une creche de vingt places, travaux estimes a 600k€", "creche_creation"),
        ("un projet de multi-accueil de 45 places, livraison prévue en 2027 ; l'équipement emploiera 14 agents",
         "creche_creation"),
        ("Nous gérons une crèche PSU de 30 berceaux et voulons acheter du mobilier pour 10 000 €", "creche_modernisation"),
        ("la creche (20 places) a besoin d'etre refaite, sols + clim, devis 200 000e", "creche_modernisation"),
        ("ce que coûterait la construction d'un multi-accueil de quarante-cinq places", "creche_cout_construction"),
        ("combien de PSU pour une crèche de 30 places ?", "psu"),
        ("crèche de 30 berceaux : traiter l'acoustique et créer un petit local de repos, devis 95 000 €",
         "creche_modernisation"),
        ("la crèche municipale, ouverte en 1998 : menuiseries, ventilation ; l'économiste de la construction a chiffré "
         "480 000 €", "creche_modernisation"),
        ("la crèche ouverte en 2005 prend 10 places supplémentaires, travaux de 300 000 €", "creche_creation"),
        ("Les nounous du village veulent bosser ensemble dans l'ancienne poste, la commune ferait les travaux",
         "mam_creation"),
        ("les 4 nounous regroupees au rdc se plaignent du chauffage, on refait tout pour 18k", "mam_renovation"),
        ("trois assistantes maternelles de la commune (1 450 habitants, 23 naissances l'an dernier) nous ont sollicités "
         "pour se regrouper dans un même lieu", "mam_creation"),
        # a list's lines are one message; « projet mam … travaux » creates one; a year's running cost is the PSU
        ("Projet : crèche neuve\nCapacité : 45 berceaux\nQuestion : combien va coûter la construction ?",
         "creche_cout_construction"),
        ("projet mam 8 places, travaux 60 000 €, aide caf ?", "mam_creation"),
        ("notre mam installée depuis 2019 : travaux 60 000 €", "mam_renovation"),
        ("une place dans notre crèche revient à 19 000 € à l'année : combien verse la prestation de service ?", "psu"),
    ],
)
def test_kind_of_estimate_from_words(text, expected):
    assert detect_estimate(text) == expected


def test_a_creche_described_by_its_bonus_facts_and_no_cost_asks_its_bonuses():
    facts = extract_facts("Une crèche de 24 places, toutes créées l'an passé dans le cadre de notre Ctg, en quartier "
                          "prioritaire, beaucoup de familles sous le seuil de pauvreté.", intent="request_estimate")
    assert facts.estimate == "bonus_creche" and facts.values["places"] == 24 and facts.values["ctg"] is True
    # a creation still to come without its cost stays a creation (the form asks the cost)
    assert extract_facts("on veut créer une crèche de 30 places dans le cadre de notre Ctg",
                         intent="request_estimate").estimate == "creche_creation"
    assert extract_facts("deux millions d'euros pour 40 places de crèche à créer",
                         intent="request_estimate").values["cout_projet"] == 2_000_000


def test_the_words_decide_the_kind_before_the_nlu_entity():
    text = "une micro-crèche de 12 places, une place coûte 16 000 € par an : combien pour le fonctionnement ?"
    assert extract_facts(text, intent="request_estimate", entity="creche_creation").estimate == "psu"
    # the entity still serves when the words name no kind
    assert extract_facts("30 places", intent="request_estimate", entity="creche_creation").estimate == "creche_creation"


def test_a_kind_from_the_sheets_topic_its_words_are_closest_to():
    from caf_assistant.estimates.kinds import kind_for_topic
    assert kind_for_topic("bafa", "vingt jeunes veulent se former") == "bafa"
    assert kind_for_topic("bonus_territoire", "20 places nouvelles") == "bonus_creche"
    # a family of kinds: the words choose among them once the family is known
    assert kind_for_topic("relais_petite_enfance", "le lieu nous coûte 70 k€ par an de fonctionnement") \
        == "rpe_fonctionnement"
    assert kind_for_topic("relais_petite_enfance", "un local à aménager, travaux 185 000 €") == "rpe_investissement"
    assert kind_for_topic("maison_assistants_maternels", "2 assmat veulent ouvrir une maison, 40 k€") == "mam_creation"
    assert kind_for_topic("portrait_equipe", "20 places") is None


def test_the_kind_from_the_sheets_needs_a_confident_passage():
    from types import SimpleNamespace

    from caf_assistant.estimates.kind_from_sheets import kind_from_sheets

    def retriever(topic, confidence):
        hit = SimpleNamespace(chunk=SimpleNamespace(topic=topic), confidence=confidence)
        return SimpleNamespace(search=lambda text, k: [hit])
    assert kind_from_sheets(retriever("plan_mercredi", 0.6), "7 200 heures en plus") == "plan_mercredi"
    assert kind_from_sheets(retriever("plan_mercredi", 0.01), "7 200 heures en plus") is None


def test_a_child_with_a_disability_in_a_creche_asks_for_its_bonus():
    text = ("notre crèche de 25 places va accueillir un petit garçon porteur de trisomie 21 : la Caf donne-t-elle un "
            "financement à la crèche, et combien par an au maximum ?")
    assert extract_facts(text, intent="request_estimate").estimate == "bonus_creche"


def test_renewing_equipment_is_no_new_crèche_and_setting_up_a_mam_is_a_creation():
    from caf_assistant.estimates.kinds import detect_estimate
    assert detect_estimate("Notre crèche de 12 places veut renouveler tout son équipement : 75 000 €") \
        == "creche_modernisation"
    # « depuis 2023 » says what is missing, not a Mam that exists; the works are the creation's
    text = ("Il n'y a plus aucune assistante maternelle depuis 2023. Quatre jeunes femmes veulent monter une MAM de "
            "16 places dans l'ancienne école ; la mairie porterait les travaux, 250 000 €.")
    assert detect_estimate(text) == "mam_creation"
    assert detect_estimate("Notre MAM ouverte en 2019 doit refaire ses sols, 20 000 €") == "mam_renovation"
