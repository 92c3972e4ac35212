from dataclasses import replace

from caf_assistant.answers.definitions import defines, defines_asked, is_acronym, names_asked
from caf_assistant.answers.sentences import select_units
from caf_assistant.retrieval.analysis import analyse
from caf_assistant.text import content_terms

MAM = tuple(content_terms("maison d'assistants maternels"))
RPE = tuple(content_terms("relais petite enfance"))


def test_a_definition_is_the_name_then_what_it_is():
    assert defines("La convention territoriale globale (Ctg) est une démarche fondée sur le partenariat.",
                   tuple(content_terms("convention territoriale globale")))
    assert defines("Les relais petite enfance : ils renseignent les parents sur tous les modes d'accueil.", RPE)
    # an explanation in brackets, not an acronym
    assert defines("Ils exercent seuls ou en Maison d'assistants maternels (jusqu'à 4 assistants maternels regroupés).",
                   MAM)
    assert not defines("La Caf soutient la création de maisons d'assistants maternels (MAM) dès lors que le maire…", MAM)
    # how it varies is not what it is
    assert not defines("Le bonus territoire est modulé selon le potentiel financier de la collectivité.",
                       tuple(content_terms("bonus territoire")))
    # a heading's label is no definition, nor the name's words scattered
    assert not defines("Relais petite enfance : montants", RPE)
    assert not defines("les 3/4 des assistantes maternelles et maisons d'assistants sont référencés",
                       tuple(content_terms("assistants maternels")))


def test_the_names_asked_are_those_the_question_writes_or_abbreviates():
    assert names_asked(analyse("ct quoi une mam ?")) == [MAM]
    assert is_acronym("psu", "prestation de service unique") and not is_acronym("nounou", "assistant maternel")
    # an everyday word the sheets spell otherwise names nothing to define (« les nounous »)
    described = replace(analyse("un service où les nounous se retrouvent : comment ça s'appelle ?"),
                        topics=frozenset({"assistants_maternels"}))
    assert names_asked(described) == []


def test_c_est_quoi_reads_the_sentence_that_defines_not_the_section_s_other_facts():
    text = ("Les assistants maternels salariés des parents employeurs. Ils accueillent jusqu'à 4 enfants de moins de "
            "3 ans. Ils exercent seuls à leur domicile ou en Maison d'assistants maternels (jusqu'à 4 assistants "
            "maternels regroupés).\n\nLa garde d'enfant à domicile, qui peut être assurée par un professionnel.\n\n"
            "Les relais petite enfance : ils renseignent les parents sur tous les modes d'accueil.")
    query = analyse("c'est quoi une MAM ?")
    units = select_units(text, query, heading="L'accueil du jeune enfant")
    assert defines_asked(units, query) is not None
    assert not any("garde d'enfant" in u or "relais" in u for u in units)


def test_the_thing_defined_is_the_first_one_named_even_in_full():
    query = analyse("Le schéma départemental des services aux familles, qu'est-ce que c'est, et quel rapport avec notre Ctg ?")
    assert names_asked(query)[0] == tuple(content_terms("schéma départemental des services aux familles"))
    units = ["La convention territoriale globale (Ctg) est une démarche fondée sur le partenariat avec la Caf.",
             "Le schéma départemental des services aux familles est un plan piloté par le préfet."]
    assert defines_asked(units, query) == 1
