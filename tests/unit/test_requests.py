import pytest

from caf_assistant.answers.requests import asks_for_person, is_own_case


@pytest.mark.parametrize("text, expected", [
    ("mon RSA n'est pas arrivé", True),
    ("quand est versée ma prime d'activité ?", True),
    ("la demande d'AEEH de ma fille est en attente", True),
    ("Un administré me demande quel numéro appeler pour joindre la Caf", False),
    ("que peut faire la caf pour ma commune ?", False),
    ("Qui, à la Caf, suit nos demandes de subventions ?", False),
    ("Bonjour je viens d'accoucher et j'habite Perpignan, à combien j'ai droit pour la Paje ?", True),
    ("Les micro-crèches financées par la Paje ont-elles droit au bonus ?", False),
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


def test_a_project_described_without_its_kind():
    from caf_assistant.estimates.requests import describes_a_project
    assert describes_a_project("Le lieu où les nounous se retrouvent nous coûte 70k€/an. Combien la Caf compense ?")
    assert not describes_a_project("c'est quoi le bonus territoire ?")
    assert not describes_a_project("combien de communes dans la Loire ?")  # a figure of the sheets, no project's
    assert not describes_a_project("on veut créer une crèche de 30 places, 1,7 M€, combien ?")  # its kind is named


def test_a_figure_quoted_to_check_is_a_question():
    from caf_assistant.estimates.requests import checks_a_figure, is_estimate_request
    text = "Pour créer notre relais, la Caf peut nous aider jusqu'à 250 000 € en investissement, c'est bien toujours ça ?"
    assert checks_a_figure(text) and not is_estimate_request(text)
    # the figure checked named by its kind, not quoted again (« c'est toujours ce montant ? »)
    assert checks_a_figure("On parlait d'un forfait de 2 100 € par an par place. C'est toujours ce montant ?")


@pytest.mark.parametrize("text, question", [
    ("je suis maire d'une commune de la Loire", False),
    ("Bonjour, je suis DGS en Mayenne (53), Pays de Craon", False),
    ("on est dans le 66 ?", False),
    ("Bonjour, maire d'un village du Conflent. Hors de Perpignan, combien de lieux pour rencontrer la Caf ?", True),
])
def test_a_question_naming_a_place_is_more_than_the_place(text, question):
    from caf_assistant.answers.service import asks_more_than_place
    assert asks_more_than_place(text) is question
