"""Tickets in SQLite (SQLAlchemy 2): create, list, get, close; the agents' CLI; no personal data in logs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import create_engine, inspect

from caf_assistant.handoff import cli
from caf_assistant.handoff.store import CLOSED, OPEN, TicketStore, database_url
from caf_assistant.handoff.transcript import questions_of, transcript_from_events

NAME, EMAIL = "Marie Dupont", "marie.dupont@mairie-craon.fr"
EVENTS = [
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "bonjour", "parse_data": {"intent": {"name": "greet"}}, "timestamp": 1},
    {"event": "bot", "text": "Bonjour ! Je suis l'assistant des élus", "timestamp": 2},
    {"event": "user", "text": "la caf finance-t-elle une piscine ?", "parse_data": {"intent": {"name": "ask_question"}},
     "timestamp": 3},
    {"event": "bot", "text": "Je ne trouve pas de réponse sûre", "timestamp": 4},
    {"event": "user", "text": "/affirm", "parse_data": {"intent": {"name": "affirm"}}, "timestamp": 5},
    {"event": "active_loop", "name": "handoff_form"},
    {"event": "user", "text": NAME, "parse_data": {"intent": {"name": "nlu_fallback"}}, "timestamp": 6},
]


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return TicketStore()


def test_database_url_follows_the_environment(tmp_path):
    assert database_url({"DATABASE_URL": "postgresql://u:p@db:5432/rasa"}) == "postgresql+psycopg2://u:p@db:5432/rasa"
    assert database_url({"DATABASE_URL": "sqlite:////x/c.db"}) == "sqlite:////x/c.db"
    assert database_url({}).endswith("conversations.db")
    with pytest.raises(ValueError):
        database_url({"DATABASE_URL": "mysql://x"})


def test_create_list_get_close(store, tmp_path):
    ticket = store.create("sender-1", "Craon", NAME, EMAIL, "email", transcript_from_events(EVENTS),
                          {"theme": "hors_champ", "route": "accueil_allocataires", "draft": "Bonjour"})
    assert ticket.id >= 1 and ticket.status == OPEN and ticket.theme == "hors_champ"
    assert "handoff_tickets" in inspect(create_engine(store.url)).get_table_names()
    assert [t.id for t in store.list()] == [ticket.id]
    assert store.open_for("sender-1").id == ticket.id
    got = store.get(ticket.id)
    assert got.name == NAME and got.contact == EMAIL
    assert [turn["role"] for turn in got.transcript] == ["user", "bot", "user", "bot", "user"]
    assert NAME not in str(got.transcript)  # the form's answers stay out of the transcript
    closed = store.close(ticket.id)
    assert closed.status == CLOSED and closed.closed_at
    assert store.list() == [] and [t.id for t in store.list(CLOSED)] == [ticket.id]
    assert store.status(ticket.id) == CLOSED and store.open_for("sender-1") is None
    assert store.get("nope") is None and store.close(9999) is None


def test_questions_of_the_conversation_leave_out_small_talk_and_the_form():
    assert questions_of(EVENTS) == "la caf finance-t-elle une piscine ?"


def test_no_personal_data_in_logs(store, caplog):
    caplog.set_level(logging.DEBUG)
    ticket = store.create("sender-2", "Craon", NAME, EMAIL, "email", [], None)
    store.close(ticket.id)
    text = caplog.text
    assert str(ticket.id) in text
    assert NAME not in text and EMAIL not in text and "Dupont" not in text


def test_cli_list_show_close(store, capsys):
    ticket = store.create("sender-3", "Laval", NAME, "06 12 34 56 78", "telephone", transcript_from_events(EVENTS))
    assert cli.main(["list"]) == 0
    assert f"#{ticket.id}" in capsys.readouterr().out
    assert cli.main(["show", str(ticket.id)]) == 0
    out = capsys.readouterr().out
    assert NAME in out and "06 12 34 56 78" in out and "piscine" in out
    assert cli.main(["close", str(ticket.id)]) == 0
    assert "fermée" in capsys.readouterr().out
    assert cli.main(["list"]) == 0
    assert "Aucune demande ouverte" in capsys.readouterr().out
    assert cli.main(["show", "424242"]) == 1


def _conversation(store, sender: str, timestamp: float) -> None:
    """Rasa's tracker-store table, as Rasa creates it, with two events of a conversation."""
    from sqlalchemy import text
    with store.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                                "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
                                "action_name VARCHAR(255), data TEXT)"))
        for offset in (0, 1):
            connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, :d)"),
                               {"s": sender, "t": timestamp + offset, "d": f'{{"text": "{NAME}"}}'})


def test_erasure_by_ticket_email_or_phone_takes_the_conversation_with_it(store, capsys):
    import time

    from caf_assistant.handoff.retention import count_events
    now = time.time()
    by_mail = store.create("s-mail", "Craon", NAME, EMAIL, "email", [])
    by_phone = store.create("s-phone", "Laval", NAME, "06 12 34 56 78", "telephone", [])
    other = store.create("s-other", "Laval", "Paul Martin", "paul@mairie.fr", "email", [])
    for sender in ("s-mail", "s-phone", "s-other", "s-alone"):
        _conversation(store, sender, now)
    assert cli.main(["erase", "--email", EMAIL.upper()]) == 0
    assert f"#{by_mail.id}" in capsys.readouterr().out
    assert store.get(by_mail.id) is None and count_events(store, "s-mail") == 0
    assert cli.main(["erase", "--phone", "+33 6 12 34 56 78"]) == 0
    assert store.get(by_phone.id) is None and count_events(store, "s-phone") == 0
    assert store.get(other.id) is not None and count_events(store, "s-other") == 2
    assert cli.main(["erase", "--ticket", str(other.id)]) == 0
    assert store.get(other.id) is None and count_events(store, "s-other") == 0
    assert count_events(store, "s-alone") == 2  # nobody asked
    assert cli.main(["erase", "--email", "personne@nulle-part.fr"]) == 0
    assert "Rien à effacer" in capsys.readouterr().out
    assert cli.main(["erase"]) == 2


def test_the_erasure_sees_a_request_kept_aside_while_the_database_was_down(store, capsys, tmp_path, monkeypatch):
    from caf_assistant.handoff.outbox import Outbox

    monkeypatch.setenv("CAF_HANDOFF_OUTBOX", str(tmp_path / "outbox"))
    assert Outbox(tmp_path / "outbox").put({"sender_id": "s-waiting", "commune": "Craon", "name": NAME,
                                           "contact": EMAIL, "contact_kind": "email", "transcript": []})
    assert cli.main(["erase", "--email", EMAIL]) == 0
    out = capsys.readouterr().out
    assert "en attente enregistrées d'abord : 1" in out and "#" in out
    assert not Outbox(tmp_path / "outbox").pending() and store.list(None) == []


def test_the_purge_removes_what_is_older_than_the_retention_period(store, capsys):
    import datetime as dt

    from sqlalchemy.orm import Session

    from caf_assistant.handoff.retention import count_events, purge, retention_days
    from caf_assistant.handoff.store import TicketRow
    now = dt.datetime.now(dt.timezone.utc)
    old = store.create("s-old", "Craon", NAME, EMAIL, "email", [])
    recent = store.create("s-recent", "Laval", NAME, EMAIL, "email", [])
    with Session(store.engine) as session, session.begin():
        session.get(TicketRow, old.id).created_at = now - dt.timedelta(days=400)
    _conversation(store, "s-old", (now - dt.timedelta(days=400)).timestamp())
    _conversation(store, "s-recent", (now - dt.timedelta(days=400)).timestamp())  # old talk, recent ticket: kept
    _conversation(store, "s-stale", (now - dt.timedelta(days=200)).timestamp())
    _conversation(store, "s-fresh", now.timestamp())
    erased = purge(store, days=180, now=now)
    assert erased.tickets == [old.id] and set(erased.conversations) == {"s-old", "s-stale"}
    assert store.get(old.id) is None and store.get(recent.id) is not None
    assert count_events(store, "s-old") == 0 and count_events(store, "s-stale") == 0
    assert count_events(store, "s-recent") == 2 and count_events(store, "s-fresh") == 2
    assert retention_days({}) == 180 and retention_days({"CAF_RETENTION_DAYS": "30"}) == 30
    assert cli.main(["purge", "--days", "180"]) == 0 and "Rien à effacer" in capsys.readouterr().out


def test_ticket_creation_is_bounded_per_conversation_and_per_hour(store):
    from caf_assistant.handoff.rate_limits import over_limit
    for _ in range(3):
        assert not over_limit(store, "s-1", environ={})
        store.create("s-1", "Craon", NAME, EMAIL, "email", [])
    assert over_limit(store, "s-1", environ={})  # a fourth from the same conversation today
    assert not over_limit(store, "s-2", environ={})
    assert over_limit(store, "s-2", environ={"CAF_TICKETS_PER_HOUR": "3"})  # everyone's bound
    assert not over_limit(store, "s-1", environ={"CAF_TICKETS_PER_CONVERSATION_PER_DAY": "10"})


def test_show_sends_no_escape_sequence_to_the_agent_s_terminal(store, capsys):
    ticket = store.create("s-esc", "Craon\x1b[2J", NAME, EMAIL, "email",
                          [{"role": "user", "text": "bonjour \x1b]0;pwned\x07 \x1b[31mrouge"}])
    assert cli.main(["show", str(ticket.id)]) == 0 and cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "rouge" in out


def test_the_endpoints_file_is_for_its_owner_only(tmp_path, monkeypatch):
    from caf_assistant import endpoints

    monkeypatch.setenv("DATABASE_URL", "postgresql://caf:mot-de-passe@db:5432/caf")
    out = tmp_path / "endpoints.yml"
    endpoints.main([str(out)])
    assert out.stat().st_mode & 0o777 == 0o600 and "mot-de-passe" in out.read_text()
