import yaml

from caf_assistant.answers.contacts import load_contacts
from caf_assistant.answers.departements import canonical, detect_departement
from caf_assistant.endpoints import endpoints, lock_store, tracker_store
from caf_assistant.knowledge.sheets import load_sheets
from caf_assistant.retrieval.query import expand_query


def test_sqlite_is_the_default_tracker_store():
    store = tracker_store(None)
    assert store["type"] == "SQL" and store["dialect"] == "sqlite" and store["db"].endswith("conversations.db")


def test_postgresql_url_becomes_rasa_sql_settings():
    store = tracker_store("postgresql://rasa:s%40cret@db.local:5433/caf")
    assert store == {"type": "SQL", "dialect": "postgresql", "url": "db.local", "port": 5433, "db": "caf",
                     "username": "rasa", "password": "s@cret"}


def test_redis_lock_store_only_when_asked():
    assert lock_store(None) is None
    assert lock_store("redis://cache:6380/2")["port"] == 6380
    data = endpoints({"REDIS_URL": "redis://cache:6379/0", "ACTION_SERVER_URL": "http://lb:5055/webhook"})
    assert data["lock_store"]["type"] == "redis" and data["action_endpoint"]["url"] == "http://lb:5055/webhook"
    assert yaml.safe_load(yaml.safe_dump(data)) == data


def test_departments_are_recognised_by_name_code_and_abbreviation():
    assert detect_departement("combien d'allocataires dans la Loire ?") == "Loire"
    assert detect_departement("je suis maire en Haute-Loire") == "Haute-Loire"
    assert detect_departement("on est dans les PO") == "Pyrénées-Orientales"
    assert detect_departement("commune du 53") == "Mayenne"
    assert detect_departement("quel bonus au nord de la ville") is None
    assert detect_departement("aide pour une crèche") is None
    assert canonical("pyrenees orientales") == "Pyrénées-Orientales" and canonical("42") == "Loire"
    for odd in (42, 4.2, ["42"], {"x": 1}, True):  # an injected entity is no text: no department, no crash
        assert canonical(odd) is None


def test_entities_reach_the_actions_as_text():
    """Found by the fuzz run: « /ask_question{"departement": 42} » made the answer action raise (int.upper)."""
    from rasa_sdk import Tracker

    from actions.replies import latest_entity

    def with_entity(value):
        message = {"text": "x", "entities": [{"entity": "departement", "value": value}]}
        return Tracker("t", {}, message, [], False, None, {}, "action_listen")

    assert latest_entity(with_entity(42), "departement") == "42"
    assert latest_entity(with_entity("Loire"), "departement") == "Loire"
    assert latest_entity(with_entity(["Loire"]), "departement") is None
    assert latest_entity(with_entity(True), "departement") is None
    assert latest_entity(with_entity("Loire"), "type_estimation") is None


def test_departments_are_recognised_by_the_places_their_portraits_list():
    # every place of a portrait's front matter names its department, and only that one
    for sheet in load_sheets():
        for place in sheet.meta.places:
            assert detect_departement(f"à {place}, que propose la Caf ?") == sheet.meta.departement
    assert detect_departement("pays de craon : on est combien d'habitants ?") == "Mayenne"
    assert detect_departement("une crèche à Perpignan") == "Pyrénées-Orientales"


def test_every_contact_is_quoted_from_its_sheet():
    sheets = {s.meta.id: s for s in load_sheets()}
    for group in load_contacts().values():
        for contact in group:
            text = "\n".join(p for section in sheets[contact.sheet].sections for p in section.paragraphs)
            text += "\n".join(section.heading for section in sheets[contact.sheet].sections)
            assert contact.text in text, (contact.sheet, contact.text)


def test_abbreviations_are_expanded_in_queries():
    assert "convention territoriale globale" in expand_query("ctg c koi")
    assert expand_query("bonjour") == "bonjour"


def test_the_nlu_department_entity_counts_only_when_the_text_names_it():
    from caf_assistant.answers.departements import explicit_departement

    assert explicit_departement("Isère", "on a signé la Ctg l'an dernier") is None
    assert explicit_departement("42", "un poste à 42 000 €/an") is None
    assert explicit_departement("Loire", "dans la Loire, combien d'allocataires ?") == "Loire"
    assert explicit_departement("66", "une crèche dans le 66") == "Pyrénées-Orientales"


def test_an_ambiguous_department_name_needs_its_context_or_a_capital():
    assert detect_departement("ds la loire ca fait combien de gens ?") == "Loire"
    assert detect_departement("combien la Loire compte-t-elle de communes ?") == "Loire"
    assert detect_departement("Cher Monsieur, ça coûte cher") is None
    assert detect_departement("le conseil du 14 octobre a voté") is None


def test_the_action_endpoint_carries_the_action_token_and_the_server_checks_it():
    from caf_assistant.action_server import authorised
    from caf_assistant.endpoints import endpoints
    assert "headers" not in endpoints({})["action_endpoint"]
    assert endpoints({"CAF_ACTION_TOKEN": "s3cret"})["action_endpoint"]["headers"] == {"Authorization": "Bearer s3cret"}
    assert authorised("Bearer s3cret", "s3cret")
    assert not authorised("Bearer s3cre", "s3cret") and not authorised(None, "s3cret") and not authorised("", "s3cret")


def test_the_action_server_will_not_listen_beyond_loopback_without_a_token(monkeypatch, capsys):
    from caf_assistant.action_server import main
    monkeypatch.delenv("CAF_ACTION_TOKEN", raising=False)
    assert main(["--host", "0.0.0.0", "--port", "1"]) == 2
    assert "CAF_ACTION_TOKEN" in capsys.readouterr().err
