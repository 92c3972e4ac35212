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
