"""What a figure question asks for, and aids the sheets do not know: pure functions, no index."""

import pytest

from caf_assistant.answers.fit import asks_money, counted_subject, counts_in_so_many_words, holds_asked_fact, per_subject
from caf_assistant.retrieval.analysis import aid_followers, analyse, unknown_aid
from caf_assistant.text import content_terms


@pytest.mark.parametrize("text, expected", [
    ("Combien y a-t-il de centres sociaux dans la Loire ?", "centres"),
    ("il y a combien d'espaces de vie sociale dans le 66", "espaces"),
    ("Quel est le taux de couverture dans la Loire ?", "couverture"),
    ("nombre de chargés de coopération financés ?", "charges"),
    ("combien de temps dure une Ctg ?", None),
    ("le bonus territoire c'est combien ?", None),
    # what a figure depends on is not what is counted
    ("la part qui ne dépend pas du nombre d'heures facturées va-t-elle évoluer ?", None),
    ("le montant change selon le nombre d'enfants ?", None),
    ("quel est le nombre de places financées ?", "places"),
])
def test_what_a_count_counts(text, expected):
    assert counted_subject(text) == expected


def test_per_what_and_money():
    assert per_subject("c combien par habitant ?") == "habitant"
    assert per_subject("financé par la Caf") is None
    assert asks_money("Combien la Caf verse-t-elle par enfant ?")
    assert asks_money("De quel montant ?")
    assert not asks_money("Concrètement, à part les allocations familiales, la Caf verse quoi ?")


def test_a_figure_asked_needs_a_figure_about_it():
    count = analyse("Combien y a-t-il de centres sociaux dans la Loire ?")
    assert not holds_asked_fact(count, ["448 collaborateurs sont au service du département."], "L'équipe")
    assert holds_asked_fact(count, ["2 310 centres sociaux agréés par les Caf."], "En chiffres")
    # people counted in other words than the sheet's: any figure
    staff = analyse("Combien de salariés à la Caf de la Loire ?")
    assert holds_asked_fact(staff, ["448 collaborateurs sont au service du département."])
    money = analyse("Combien la Caf verse-t-elle par enfant inscrit dans un Clas ?")
    assert not holds_asked_fact(money, ["167 000 enfants et jeunes accompagnés."], "Les Clas")
    assert holds_asked_fact(analyse("Et l'enveloppe, de quel montant ?"), ["+1,55 Mrd € pour les places."])
    per = analyse("le bonus c combien par habitant ?")
    assert not holds_asked_fact(per, ["Un forfait de 2 600 euros par place."])
    assert holds_asked_fact(per, ["1 euro par habitant et par an."])
    assert holds_asked_fact(analyse("c'est quoi une Ctg ?"), ["Une convention."])  # not a figure question
    # a duration asked needs one; people described as « âgés » ask no age
    label = analyse("Le label d'un centre social, il est valable combien d'années ?")
    assert not holds_asked_fact(label, ["La Caf donne l'agrément du projet social des centres sociaux."])
    assert holds_asked_fact(label, ["L'agrément est délivré pour une durée de quatre ans au plus."])
    assert analyse("nos habitants âgés sont isolés, la Caf propose-t-elle un entretien ?").question_type != "age"
    assert analyse("la PS Jeunes c'est pour quel âge ?").question_type == "age"
    # an amount per post is not a count of posts; a share of structures is no sum
    per_post = analyse("quel montant la Caf verse-t-elle par poste d'animateur ?")
    assert not holds_asked_fact(per_post, ["Soutenir 1 000 postes d'animateur.", "Un budget de 23,9 millions d'euros."])
    assert holds_asked_fact(per_post, ["En moyenne 38 000 € par poste d'animateur."])
    grant = analyse("Quel est le montant annuel de la subvention versée à un centre social ?")
    assert not holds_asked_fact(grant, ["2 310 centres sociaux.", "96 % des centres sociaux ont un projet."])
    assert holds_asked_fact(grant, ["La Caf finance jusqu'à 80 % des dépenses du centre social."])


SHEETS = ["Le bonus « territoire » : un forfait de 2 600 euros par place.",
          "Le Fonds de modernisation des Eaje et le fonds Caf pour les crèches.", "Zone de revitalisation rurale.",
          "Le bonus « mixité sociale » est versé aux crèches.", "La prime d'activité est versée par la Caf."]


def test_an_aid_the_sheets_never_name_is_unknown():
    known_words = "horaires atypiques installation assistantes maternelles montait financement centres bourgs rénover était"
    vocabulary = {stem for text in SHEETS for stem in content_terms(text)} | set(content_terms(known_words))
    followers = aid_followers(SHEETS)
    assert unknown_aid("le bonus horaires atypiques c combien ?", vocabulary, followers) == "horaires"
    assert unknown_aid("la prime d'installation des assistantes maternelles", vocabulary, followers) == "installation"
    assert unknown_aid("le bonus territoire c'est combien ?", vocabulary, followers) is None
    # the aid's name is two words at most: what follows may be the sentence's verb
    assert unknown_aid("le bonus mixité sociale montait à combien ?", vocabulary, followers) is None
    assert unknown_aid("la prime d'activité", vocabulary, followers) is None
    # the aid's name stops at the clause: « Merci de votre éclairage » names no aid
    assert unknown_aid("Que faut-il pour le bonus territoire ? Merci de votre éclairage.", vocabulary, followers) is None
    assert unknown_aid("le plan de financement, et auprès de qui nous devrions aller", vocabulary, followers) is None
    # a fund is named by the words after it, the Caf's name aside (« revitalisation » is a word of the sheets)
    assert unknown_aid("un « fonds Caf de revitalisation des centres-bourgs » ?", vocabulary, followers) == "revitalisation"
    assert unknown_aid("le fonds de modernisation, c'est combien ?", vocabulary, followers) is None
    assert unknown_aid("des fonds pour rénover la crèche ?", vocabulary, followers) is None
    assert unknown_aid("le bonus territoire tel qu'il était en 2020 ?", vocabulary, followers) is None


def test_a_contact_asked_needs_a_way_to_reach_someone():
    phone = analyse("quel numéro de téléphone donner aux habitants ?")
    assert not holds_asked_fact(phone, ["Appli gratuite, sur caf.fr."], "Caf - Mon compte")
    assert holds_asked_fact(phone, ["Le numéro de téléphone unique des Caf"], "3230 (Service gratuit + prix de l'appel)")
    address = analyse("Quelle est l'adresse postale de la Cnaf ?")
    assert holds_asked_fact(address, ["Cnaf, 32 avenue de la Sibelle, 75685 Paris cedex 14"])
    assert not holds_asked_fact(address, ["La Cnaf pilote la branche Famille."])
    # « s'adressent » is not an address asked for
    assert analyse("À quels élèves s'adressent les Clas ?").question_type != "contact"


def test_a_list_right_under_its_heading_answers_as_a_whole():
    from caf_assistant.answers.sentences import select_units
    section = ("- Lutte contre la non-décence des logements\n- Prévention des expulsions locatives\n"
               "- Aide à l'autoréhabilitation accompagnée")
    units = select_units(section, "que peut-on faire avec la Caf sur la non-décence ?", heading="Logement")
    assert len(units) == 3


def test_a_count_asked_prefers_the_unit_naming_what_the_heading_names():
    from caf_assistant.answers.sentences import select_units
    section = ("- 155 609 allocataires (30/06/19)\n- 386 074 personnes couvertes\n- 163 191 enfants\n"
               "- Dont 48 842 enfants de – de 6 ans\n- 1 habitant sur 2 est bénéficiaire de prestations")
    units = select_units(section, "combien d'allocataires ?", heading="Nos allocataires",
                         similarity={"386 074 personnes couvertes": 0.88, "155 609 allocataires (30/06/19)": 0.86})
    assert any("155 609" in unit for unit in units)


def test_a_count_asked_prefers_the_figure_given_with_what_is_counted():
    from caf_assistant.answers.sentences import select_units
    section = ("La Caf de la Loire est un organisme de droit privé assurant une mission de service public.\n\n"
               "448 collaborateurs sont au service du département et de ses habitants.\n\n"
               "**10** EPCI\n\n**323** Communes\n\n**19** QPV")
    units = select_units(section, "je dois indiquer le nombre de communes du département de la Loire, la Caf donne "
                         "quel chiffre ?", heading="L'équipe", max_words=20)
    assert "323" in " ".join(units)
    units = select_units(section, "combien d'intercos dans la Loire d'après la Caf ?", heading="L'équipe", max_words=20)
    assert "10" in " ".join(units)


def test_a_figure_for_a_year_after_every_edition_is_not_the_newest_one():
    from pathlib import Path

    from caf_assistant.answers.compose import beyond_editions
    from caf_assistant.knowledge.chunking import chunk_sheets
    from caf_assistant.knowledge.sheets import load_sheets
    chunks = chunk_sheets(load_sheets(Path(__file__).resolve().parent.parent / "fixtures" / "sheets"))
    newest = max(c.edition for c in chunks)
    later = analyse(f"Quel budget pour les centres sociaux en {newest + 3} ?")
    assert beyond_editions(later, ["Les Caf consacrent 90 M€ par an."], chunks)
    assert not beyond_editions(later, [f"D'ici {newest + 3}, 90 M€ par an."], chunks)
    assert not beyond_editions(analyse(f"Quel budget en {newest} ?"), ["90 M€ par an."], chunks)
    assert not beyond_editions(analyse(f"Qu'est-ce qui change en {newest + 3} ?"), ["La réforme."], chunks)


def test_a_number_several_portraits_give_is_every_caf_s():
    from types import SimpleNamespace

    from caf_assistant.answers.fit import phones_in, shared_phones
    assert phones_in("32 30 : téléconseillers ; sinon 0 810 25 42 80") == {"3230", "0810254280"}
    portrait = lambda dep, text: SimpleNamespace(departement=dep, section="Vos contacts", text=text)  # noqa: E731
    chunks = [portrait("Mayenne", "- 32 30 : téléconseillers"), portrait("Loire", "0 810 25 42 80"),
              portrait("Pyrénées-Orientales", "3230 (Service gratuit + prix de l'appel)"),
              SimpleNamespace(departement=None, section="Contacts", text="01 45 65 52 52")]
    assert shared_phones(chunks) == {"3230"}


def test_a_figure_asked_about_a_named_aid_is_about_that_aid():
    query = analyse("Le bonus « attractivité » des crèches, il est de combien par place ?")
    listed = ["Prix de revient d'une place en crèche en 2022 : 17 500 €", "Bonus « Attractivité »"]
    assert not holds_asked_fact(query, listed, "PSU et bonus associés : financement d'une place en crèche")
    territoire = analyse("le bonus territoire c'est combien par place ?")
    assert holds_asked_fact(territoire, ["Un forfait de 2 600 euros par place et par an."], "Le bonus « territoire »")


def test_euros_asked_need_euros():
    query = analyse("Quel est le montant annuel, en euros, de la subvention versée à un centre social ?")
    assert not holds_asked_fact(query, ["77 % des centres sociaux ont intégré l'accès aux droits"], "En chiffres")
    assert holds_asked_fact(query, ["La subvention est de 70 000 euros par an pour un centre social."], "Centres sociaux")


def test_the_scale_of_the_figure_asked_chooses_between_a_budget_and_a_project_aid():
    from caf_assistant.answers.sentences import select_units
    section = ("Enveloppe financière : Les Caf consacrent 90 M€ par an à cette mesure.\n\n"
               "Ce qui est proposé concrètement : 50 % du coût du poste, dans la limite de 24 000 € par an.")
    project = select_units(section, "Pour notre poste de coordinateur, la Caf donne combien ?", max_words=20)
    national = select_units(section, "Au plan national, combien les Caf consacrent-elles à ces postes ?", max_words=14)
    assert "24 000" in " ".join(project) and "90 M€" not in " ".join(project)
    assert "90 M€" in " ".join(national)


def test_a_count_asked_shows_what_counts_it_not_the_sections_other_figures():
    from caf_assistant.answers.sentences import select_units
    section = "448 collaborateurs sont au service du département.\n\n**41** Communes classées ZRR\n\n**19** QPV"
    follow_up = analyse("et chez nous dans la Loire ?", "Combien de QPV compte-t-on dans les Pyrénées-Orientales ?")
    assert select_units(section, follow_up, heading="L'équipe") == ["19 QPV"]
    both = select_units(section, "combien de collaborateurs et combien de QPV ?", heading="L'équipe")
    assert any("448" in u for u in both) and any("19 QPV" in u for u in both)


def test_a_follow_up_on_another_department_drops_the_first_ones_name():
    from caf_assistant.answers.departements import without_departement
    assert without_departement("Combien de QPV dans les Pyrénées-Orientales ?", "Pyrénées-Orientales") \
        == "Combien de QPV dans les ?"
    assert without_departement("combien d'allocataires en Haute-Loire ?", "Loire") == "combien d'allocataires en Haute-Loire ?"


def test_the_public_a_broad_question_names_orders_its_offers_first():
    from caf_assistant.answers.overview import asked_families
    assert asked_families("qu'est-ce que la caf peut faire pour nos jeunes ?")[:2] == ["jeunes", "loisirs"]
    assert asked_families("que peut faire la Caf pour les parents et les tout-petits ?")[0] == "parentalite"
    assert asked_families("que peut faire la Caf pour nous ?") == []
    assert asked_families("les nounous partent à la retraite, comment la Caf peut-elle nous aider ?") == ["relais", "mam"]


def test_asking_for_the_range_of_offers_is_an_overview_even_on_one_family():
    from caf_assistant.answers.overview import wants_overview
    assert wants_overview(analyse("Pourriez-vous me dresser un panorama des leviers pour l'accueil des moins de 3 ans ?"))
    assert wants_overview(analyse("Les nounous partent à la retraite. Comment la Caf peut-elle nous aider ?"))
    assert wants_overview(analyse("Sur quoi la Caf peut-elle concrètement nous aider ?"))
    assert not wants_overview(analyse("c'est quoi le bonus territoire ?"))
    assert not wants_overview(analyse("comment la Caf calcule-t-elle la PSU ?"))


def test_a_unit_is_scored_with_its_abbreviations_spelled_out():
    from caf_assistant.answers.sentences import unit_score
    terms = set(content_terms("communes en zone de revitalisation rurale"))
    assert unit_score("124 Communes classées ZRR", terms) > unit_score("226 Communes", terms)


def test_a_question_asked_nearly_word_for_word_as_one_its_section_answers_is_answered():
    from caf_assistant.answers.relevance import is_answerable
    from caf_assistant.retrieval.retriever import ScoredChunk
    from caf_assistant.retrieval.settings import RetrievalSettings
    from tests.unit.test_editions_and_answers import NEW
    settings = RetrievalSettings(min_confidence=0.5, min_close_confidence=0.05, min_dense_similarity=0.84)
    unsure = dict(chunk=NEW, score=0.1, dense_similarity=0.80, lexical_score=0.1, rank=1, confidence=0.03)
    assert not is_answerable(ScoredChunk(**unsure, question_similarity=0.95), "bonus territoire", settings)
    assert is_answerable(ScoredChunk(**unsure, question_similarity=0.99), "bonus territoire", settings)


def test_a_figure_asked_per_place_is_given_per_place():
    from caf_assistant.answers.fit import gives_per
    assert gives_per("place", "de 4 800 € à 6 800 € par place selon la nature du projet")
    assert gives_per("place", "un forfait de 2 600 euros par an et par berceau")
    assert not gives_per("place", "plus de 152 000 places d'Eaje ont été renouvelées")
    query = analyse("La Caf peut mettre combien par place sur ce genre de travaux ?")
    assert not holds_asked_fact(query, ["Plus de 152 000 places d'Eaje ont été renouvelées ou informatisées."])


def test_an_abbreviation_is_named_by_itself_its_head_or_half_its_words():
    from caf_assistant.answers.fit import names
    # « Laep » is a lieu d'accueil enfants-parents: « enfants » alone counts children, not Laep
    assert not names("laep", set(content_terms("Dont 26 000 enfants de moins de 6 ans")))
    assert names("laep", set(content_terms("1 730 Laep sont soutenus par les Caf")))
    assert names("laep", set(content_terms("12 lieux d'accueil enfants-parents")))
    assert names("rpe", set(content_terms("8 relais dans le département")))
    count = analyse("combien de LAEP il y a dans le 66 ?")
    assert not holds_asked_fact(count, ["Nos allocataires : - Dont 26 000 enfants de – de 6 ans"], "Nos allocataires")


def test_a_duration_asked_is_answered_by_the_unit_giving_one():
    from caf_assistant.answers.sentences import select_units
    section = ("La Ctg permet le rééquilibrage territorial des équipements, pour assurer un accès à tous à des "
               "services complets, innovants et de qualité. La Ctg s'appuie sur :\n"
               "- Un diagnostic partagé de l'existant et des besoins du territoire\n"
               "- Un plan d'actions à moyen terme, de quatre à cinq ans, selon les besoins")
    units = select_units(section, "une ctg ça nous engage sur combien d'années ?", heading="Les +",
                         similarity={"La Ctg permet le rééquilibrage territorial des équipements, pour assurer un "
                                     "accès à tous à des services complets, innovants et de qualité.": 0.95})
    assert any("quatre à cinq ans" in unit for unit in units)


def test_a_figure_per_hour_must_be_given_per_hour():
    from caf_assistant.answers.fit import gives_per
    assert per_subject("le prix plafond horaire de la PSU ?") == "heure"
    hourly = analyse("Quel est le prix plafond horaire de la PSU en 2024 ?")
    # « pour chaque heure facturée » says how the PSU is paid, not how much an hour
    assert not holds_asked_fact(hourly, ["Les Caf consacrent 4 Mrd€ au financement des EAJE en 2024. La Caf verse "
                                         "la PSU pour chaque heure facturée aux familles."])
    assert gives_per("heure", "Le financement sera porté à 1 euro par heure et par enfant.")
    assert gives_per("place", "La Caf contribue à hauteur de 4 800 € par place.")
    assert not gives_per("place", "La Caf verse une aide pour chaque place, selon le projet.")


def test_a_count_qualified_is_answered_by_the_figure_of_its_qualifier():
    from caf_assistant.answers.sentences import select_units
    section = "- 476 357 habitants\n- 12 EPCI\n- 226 Communes\n- 124 ZRR\n- 10 QPV"
    units = select_units(section, "Combien de communes sont en zone de revitalisation rurale dans les Pyrénées-Orientales ?",
                         heading="Le portrait social de votre département")
    assert any("124 ZRR" in unit for unit in units)
    assert any("226 Communes" in unit for unit in select_units(section, "combien de communes ?", heading="Portrait"))


def test_a_definition_starts_at_the_sentence_naming_what_is_asked():
    from caf_assistant.answers.sentences import select_units
    section = ("Les crèches qui respectent le barème national des participations familiales. Les crèches gérées ou "
               "cofinancées par une collectivité publique signataire d'une CTG font l'objet d'un financement majoré "
               "de la part de la Caf, par le biais du « bonus territoire ».")
    query = analyse("c'est quoi le bonus territoire ?")
    query = type(query)(**{**query.__dict__, "topics": frozenset({"bonus_territoire"})})
    units = select_units(section, query, heading="PSU et bonus « territoire » : qui est concerné")
    assert units and units[0].startswith("Les crèches gérées") and not any("barème" in unit for unit in units)


def test_a_definition_naming_its_own_topic_is_no_follow_up():
    from caf_assistant.retrieval.analysis import is_follow_up
    assert not is_follow_up("c'est quoi le bonus territoire ?", "c'est quoi une Ctg ?", names_topic=True)
    assert is_follow_up("c'est quoi ?", "le bonus territoire", names_topic=False)
    assert is_follow_up("et en QPV ?", "c'est quoi le bonus territoire ?", names_topic=False)


@pytest.mark.parametrize("counted, units, expected", [
    ("allocataires", ["- 155 609 allocataires (30/06/19)"], True),
    ("ctg", ["Plus de 1 824 Ctg ont déjà été signées."], True),
    ("allocataires", ["900 millions d'euros de prestations légales"], False),  # under a heading « Allocataires »
    ("structures", ["690 000 personnes accompagnées, soit 300 personnes par structure"], False),
    ("enfants", ["Ils accueillent jusqu'à 4 enfants de moins de 3 ans."], False),  # a vague noun: any figure
    ("habitants", ["- 1 habitant sur 2 est couvert par une prestation Caf"], False),  # a ratio counts nobody
    ("habitants", ["- 476 357 habitants (publication INSEE au 01/01/2018)"], True),
    # a sum given for the benefit by its full name, not a list that names it in passing
    ("rsa", ["- 138 millions au titre du revenu de solidarité active"], True),
    ("rsa", ["679 millions de prestations légales (allocations familiales, aides au logement, Rsa, etc.)"], False),
    ("laep", ["- 55 millions au titre de la prestation d'accueil du jeune enfant"], False),  # not half its words
    ("berceaux", ["- 4 294 places de crèche"], True),  # what the sheets call a berceau (abbreviations.yml)
])
def test_a_count_is_written_right_before_its_noun(counted, units, expected):
    assert counts_in_so_many_words(counted, units) is expected


def test_a_commune_s_size_and_young_parents_are_no_public_of_their_own():
    from caf_assistant.answers.overview import asked_families, set_aside_families
    # « 900 habitants » is the commune's size; « jeunes parents » are parents of young children, not young people
    assert asked_families("maire d'un village de 900 habitants, les jeunes parents galèrent, que peut faire la Caf ?")[0] \
        == "creches"
    assert "vie_sociale" not in asked_families("un village de 900 habitants : que peut faire la Caf ?")
    # a public set aside comes last
    text = "En dehors de la garde des tout-petits, qu'est-ce que la Caf peut faire pour nous ?"
    assert set_aside_families(text) == ["creches", "relais", "mam"]
    assert "creches" not in asked_families(text)


def test_asking_what_the_caf_can_do_or_all_its_levers_is_an_overview():
    from caf_assistant.answers.overview import wants_overview
    assert wants_overview(analyse("Les parents galèrent pour faire garder leurs petits. Qu'est-ce que la Caf peut faire "
                                  "pour nous ?"))
    assert wants_overview(analyse("Nos nounous partent à la retraite. Que peut faire la Caf pour nous aider ?"))
    assert wants_overview(analyse("je souhaiterais connaître l'ensemble des leviers que la Caf peut mobiliser pour "
                                  "l'accès aux droits"))
    assert not wants_overview(analyse("Que finance la Caf pour la rénovation d'une crèche ?"))


def test_a_follow_up_turns_to_the_offers_it_names_not_to_one_the_previous_name_holds():
    from caf_assistant.retrieval.retriever import turned_to
    assert turned_to({"fonds_modernisation"}, "creche_investissement") == {"fonds_modernisation"}
    assert turned_to({"assistants_maternels"}, "maison_assistants_maternels") == set()
    assert turned_to({"psu"}, None) == {"psu"}


@pytest.mark.parametrize("question, units, expected", [
    ("et pour le RSA ?", ["- 138 millions au titre du revenu de solidarité active"], True),
    ("et pour l'action sociale ?", ["La Caf finance 40 millions d'euros au service de l'action sociale dont :"], True),
    ("et les aides au logement ?", ["- 161 millions au titre des aides au logement"], True),
    # a total names no purpose of its own; a purpose the question does not name is another sum
    ("et pour le RSA ?", ["679 millions de prestations légales (allocations familiales, aides au logement, Rsa, etc.)"],
     False),
    ("combien la Caf verse-t-elle chaque année ?", ["- 161 millions au titre des aides au logement"], False),
])
def test_a_sum_paid_for_what_the_question_names(question, units, expected):
    from caf_assistant.answers.fit import names_sum_for
    assert names_sum_for(question, units) is expected


def test_a_sum_s_purpose_is_named_in_full():
    from caf_assistant.answers.fit import names_sum_for
    # « mixité sociale » shares a word with the action sociale, and is not it
    assert not names_sum_for("le bonus mixité sociale, il en est où aujourd'hui ?",
                             ["La Caf finance 40 millions d'euros au service de l'action sociale dont :"])


def test_a_figure_per_structure_answers_per_centre_or_espace():
    evs = analyse("le nombre moyen de salariés par espace de vie sociale, c'est combien ?")
    assert holds_asked_fact(evs, ["- 7 940 salariés, soit 2,8 par structure en moyenne"])
    assert not holds_asked_fact(evs, ["- 1 400 espaces de vie sociale soutenus, 31 900 bénévoles"])


def test_a_project_s_figure_is_not_what_the_caf_spend_nationally():
    national = ["Enveloppe financière : Les Caf consacrent 90 M€ par an au financement de 4 580 chargés de coopération."]
    project = analyse("Nous voulons recruter un coordinateur. Quelle participation financière pour ce poste ?")
    assert project.question_type == "amount"
    assert not holds_asked_fact(project, national)
    assert holds_asked_fact(project, ["Ingénierie : 50 % de la dépense plafonnée à 48 000 €, soit 24 000 €"])
    # a national or a whole department's figure asked: the millions answer
    assert holds_asked_fact(analyse("Combien les Caf consacrent-elles aux chargés de coopération ?"), national)
    assert holds_asked_fact(analyse("Pour notre rapport, combien la Caf verse dans tout le département ?"), national)


def test_new_hours_or_places_ask_no_current_figure():
    from caf_assistant.retrieval.analysis import asked_year
    assert asked_year("dans la fiche de 2020, la Caf donnait combien par heure pour les nouvelles heures du mercredi ?") \
        == 2020
    assert asked_year("en 2020 c'était combien ? et le nouveau montant ?") is None


def test_a_count_is_in_a_sentence_naming_what_is_counted_not_only_under_its_heading():
    query = analyse("Combien de conventions territoriales globales ont été signées ?")
    heading = "Convention territoriale globale et chargés de coopération"
    assert not holds_asked_fact(query, ["Les Caf financent 4 580 chargés de coopération."], heading)
    assert holds_asked_fact(query, ["Fin 2021, 1 824 conventions territoriales globales étaient signées."], heading)
