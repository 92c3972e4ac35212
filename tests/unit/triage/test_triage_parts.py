"""Triage parts without any model: message parsing, theme scoring, routing, input checks, config data."""

from __future__ import annotations

import re

import pytest

from caf_assistant import paths
from caf_assistant.triage.config import OUT_OF_SCOPE, load_config
from caf_assistant.triage.errors import TriageInputError, check_input
from caf_assistant.triage.message import is_question, parse_message
from caf_assistant.triage.routing import route
from caf_assistant.triage.themes import keyword_cues, score_themes

EMAIL = """Madame, Monsieur,

Je me permets de vous contacter au nom du conseil municipal. Notre commune compte 2 300 habitants.

Nous réfléchissons à la création d'une micro-crèche. Quelles aides la Caf peut-elle apporter pour l'investissement ?
Faut-il avoir signé une Ctg ?

Je vous remercie par avance de votre retour.

Bien cordialement,
Jean-Pierre Martin
Maire de Saint-Amans
Tél. 04 77 12 34 56
"""


@pytest.fixture(scope="module")
def config():
    return load_config()


def test_topics_of_the_themes_are_keys_of_the_vocabulary(config):
    vocabulary = set(re.findall(r"^\| (\w+) \|", (paths.knowledge_dir() / "FORMAT.md").read_text(), re.M))
    used = {topic for theme in config.themes.values() for topic in theme.topics}
    assert used <= vocabulary, used - vocabulary
    owners = [topic for theme in config.themes.values() for topic in theme.topics]
    assert len(owners) == len(set(owners)), "un topic appartient à deux thèmes"


def test_long_email_drops_greeting_closing_and_signature():
    message = parse_message(EMAIL)
    assert message.questions == ["Quelles aides la Caf peut-elle apporter pour l'investissement ?",
                                 "Faut-il avoir signé une Ctg ?"]
    body = message.body_text
    assert "Madame" not in body and "Cordialement" not in body and "Martin" not in body and "04 77" not in body
    assert "micro-crèche" in body


def test_a_message_without_question_mark_still_has_questions():
    assert is_question("Pourriez-vous nous dire si la Caf finance un espace jeunes")
    assert is_question("Estimation Bafa pour 6 jeunes")
    assert not is_question("Notre commune compte 2 300 habitants.")
    message = parse_message("Nous voulons créer une crèche de 20 places.")
    assert message.questions == ["Nous voulons créer une crèche de 20 places."]


def test_keyword_cues_ignore_accents_case_and_hyphens(config):
    cues = keyword_cues("Notre MICRO CRÈCHE et le Relais Petite-Enfance", config)
    assert "petite_enfance" in cues


def test_retrieved_topics_and_keywords_make_the_theme(config):
    scores = score_themes("Comment créer un lieu d'accueil enfants-parents ?", ["laep", "parentalite", "creches"],
                          config)
    assert scores.best == "parentalite"
    assert 0 < scores.confidence <= 1


def test_individual_case_wins_over_topics(config):
    scores = score_themes("Mon RSA n'a pas été versé ce mois-ci", ["acces_aux_droits", "contacts"], config,
                          answered=False)
    assert scores.best == OUT_OF_SCOPE


def test_no_evidence_is_out_of_scope_with_low_confidence(config):
    scores = score_themes("bla bla", [], config, answered=False)
    assert scores.best == OUT_OF_SCOPE


@pytest.mark.parametrize("text,theme,expected,human", [
    ("Quelles aides pour créer une crèche ?", "petite_enfance", "charge_conseil_developpement", False),
    ("Le versement de la PSU n'est toujours pas arrivé, pouvez-vous regarder notre dossier ?", "petite_enfance",
     "gestionnaire_conseil", True),
    ("Mon APL a baissé", OUT_OF_SCOPE, "accueil_allocataires", True),
    ("Pouvons-nous rencontrer quelqu'un pour la Ctg ?", "ctg_ingenierie", "charge_conseil_developpement", True),
])
def test_routing(config, text, theme, expected, human):
    result = route(text, theme, answered=True, has_estimate=False, confidence=0.8, config=config)
    assert result.route == expected
    assert result.needs_human is human
    assert result.label == config.routes[expected]["label"]


def test_unanswered_message_needs_a_person(config):
    result = route("Quelles aides pour le logement ?", "logement", answered=False, has_estimate=False,
                   confidence=0.8, config=config)
    assert result.needs_human


@pytest.mark.parametrize("text,code", [
    ("", "texte_vide"), ("   \n ", "texte_vide"), (None, "texte_invalide"), (42, "texte_invalide"),
    ("x" * 20_001, "texte_trop_long"), ("\x00\x01\x02binaire\x03", "texte_illisible"),
    ("ï¿½ï¿½ï¿½ \ufffd\ufffd\ufffd\ufffd", "texte_illisible"), ("12345 !!! ???", "texte_illisible"),
])
def test_bad_input_is_refused_in_french(text, code):
    with pytest.raises(TriageInputError) as error:
        check_input(text)
    assert error.value.code == code
    assert error.value.to_dict()["message"]


def test_good_input_passes():
    assert check_input("Quelles aides pour une crèche ?") == "Quelles aides pour une crèche ?"


def test_a_project_draft_gets_its_estimate_when_only_a_yes_no_fact_is_missing():
    from caf_assistant.triage.draft import try_estimate

    breakdown, text = try_estimate("Notre commune veut créer une crèche de 20 places, le projet coûte 900 000 €.")
    assert breakdown is not None and breakdown["estimate"] == "creche_creation"
    assert text.count("Estimation indicative") == 1  # « en QPV ? » does not change this figure: one breakdown
