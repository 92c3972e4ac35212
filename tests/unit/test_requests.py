import pytest

from caf_assistant.answers.requests import asks_for_person, is_own_case


@pytest.mark.parametrize("text, expected", [
    ("mon RSA n'est pas arrivé", True),
    ("quand est versée ma prime d'activité ?", True),
    ("la demande d'AEEH de ma fille est en attente", True),
    ("Un administré me demande quel numéro appeler pour joindre la Caf", False),
    ("que peut faire la caf pour ma commune ?", False),
    ("Qui, à la Caf, suit nos demandes de subventions ?", False),
])
def test_own_case(text, expected):
    assert is_own_case(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Bonjour, je voudrais parler à quelqu'un de la Caf pour notre projet de crèche", True),
    ("un humain svp", True),
    ("pouvez-vous me mettre en relation avec un conseiller ?", True),
    ("adresse de la caf", False),
    ("La mairie ne veut pas gérer une crèche elle-même : comment aider les familles ?", False),
])
def test_asks_for_person(text, expected):
    assert asks_for_person(text) is expected
