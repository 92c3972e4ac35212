"""The tickets' database unavailable for a moment: how the store fails, the bounded retry, the outbox that keeps
the request until the database is back, and the submit action that says so without logging what was typed."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import logging
import sqlite3
import stat
import time

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

import actions.handoff_common as common
from actions.handoff_submit import ActionHandoffSubmit
from caf_assistant.handoff.outbox import SET_ASIDE, Outbox
from caf_assistant.handoff.retry import retried
from caf_assistant.handoff.store import TRANSIENT_ERRORS, TicketStore, db_timeout

NAME, EMAIL = "Marie Dupont", "marie.dupont@mairie-craon.fr"


def locked(values: str = f"('{NAME}', '{EMAIL}')") -> OperationalError:
    """What SQLAlchemy raises on a locked SQLite file: its message quotes the row's values."""
    return OperationalError(f"INSERT INTO handoff_tickets VALUES {values}", {}, sqlite3.OperationalError("database is locked"))


def request(sender: str = "sender-x") -> dict:
    return dict(sender_id=sender, commune="Craon", name=NAME, contact=EMAIL, contact_kind="email",
                transcript=[{"speaker": "user", "text": "une piscine ?"}], triage={"theme": "hors_champ"})


# --- the store's engine: a locked file fails within CAF_TICKETS_DB_TIMEOUT, and passes once released ---

def test_a_locked_sqlite_file_fails_fast_with_a_transient_error_then_works_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CAF_TICKETS_DB_TIMEOUT", "0.2")
    path = tmp_path / "tickets.db"
    store = TicketStore(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    started = time.perf_counter()
    with pytest.raises(TRANSIENT_ERRORS):
        store.create(**request())
    assert time.perf_counter() - started < 2
    holder.execute("ROLLBACK")
    assert store.create(**request()).name == NAME


def test_the_database_timeout_setting():
    assert db_timeout({}) == 2.0
    assert db_timeout({"CAF_TICKETS_DB_TIMEOUT": "0.5"}) == 0.5
    assert db_timeout({"CAF_TICKETS_DB_TIMEOUT": "beaucoup"}) == db_timeout({"CAF_TICKETS_DB_TIMEOUT": "-1"}) == 2.0


# --- the bounded retry ---

class FailingOperation:
    def __init__(self, failures: int, error: Exception | None = None):
        self.failures, self.calls, self.error = failures, 0, error

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error or locked()
        return "done"


def test_retry_tries_three_times_over_about_two_seconds_then_gives_up(caplog):
    caplog.set_level(logging.DEBUG)
    waits: list[float] = []
    operation = FailingOperation(2)
    assert retried(operation, sleep=waits.append) == "done" and operation.calls == 3
    assert waits == [0.5, 1.5]
    waits.clear()
    operation = FailingOperation(3)
    with pytest.raises(OperationalError):
        retried(operation, sleep=waits.append)
    assert operation.calls == 3 and sum(waits) == 2.0
    assert "OperationalError" in caplog.text and NAME not in caplog.text and EMAIL not in caplog.text


def test_retry_does_not_repeat_an_error_that_is_not_transient():
    waits: list[float] = []
    operation = FailingOperation(1, ValueError("bad value"))
    with pytest.raises(ValueError):
        retried(operation, sleep=waits.append)
    assert operation.calls == 1 and waits == []


# --- the outbox ---

def test_the_outbox_keeps_requests_readable_by_its_user_only_and_records_them_in_order(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    assert outbox.put(request("a")) and outbox.put(request("b"))
    assert stat.S_IMODE((tmp_path / "outbox").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in outbox.pending())
    recorded: list[dict] = []
    assert outbox.flush(lambda **r: recorded.append(r)) == 2
    assert [r["sender_id"] for r in recorded] == ["a", "b"] and outbox.pending() == []
    assert isinstance(recorded[0]["created_at"], dt.datetime) and recorded[0]["name"] == NAME


def test_a_flush_stops_at_a_transient_error_and_sets_aside_a_refused_request(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    for sender in ("a", "b", "c"):
        outbox.put(request(sender))

    def database_down(**r):
        raise locked()
    with pytest.raises(OperationalError):
        outbox.flush(database_down)
    assert len(outbox.pending()) == 3  # nothing lost

    def refuses_b(**r):
        if r["sender_id"] == "b":
            raise ValueError("refused")
    assert outbox.flush(refuses_b) == 2 and outbox.pending() == []
    assert len(list((tmp_path / "outbox").glob(f"*{SET_ASIDE}"))) == 1  # kept for an operator, not retried


def test_the_outbox_is_bounded_per_conversation_and_in_all(tmp_path):
    outbox = Outbox(tmp_path / "outbox", max_per_sender=2, max_total=3)
    assert outbox.put(request("a")) and outbox.put(request("a"))
    assert not outbox.put(request("a"))
    assert outbox.put(request("b"))
    assert not outbox.put(request("c"))


# --- the submit action, the database unavailable then back ---

class DownStore:
    def count_since(self, since, sender_id=None):
        raise locked()

    def create(self, **kwargs):
        raise locked(str(tuple(kwargs.values())))


def tracker() -> Tracker:
    slots = {"handoff_commune": "Craon", "handoff_name": NAME, "handoff_contact": EMAIL, "handoff_consent": "oui"}
    events = [{"event": "user", "text": "une piscine ?", "parse_data": {"intent": {"name": "ask_question"}}},
              {"event": "bot", "text": "Je ne trouve pas"}, {"event": "active_loop", "name": "handoff_form"},
              {"event": "user", "text": NAME}]
    return Tracker("sender-x", slots, {"intent": {"name": "inform"}, "text": EMAIL, "entities": []}, events, False,
                   None, {}, "action_listen")


@pytest.fixture
def unavailable(tmp_path, monkeypatch):
    """The action's store down; the real one (SQLite in tmp_path) used by the outbox's flush."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tickets.db'}")
    monkeypatch.setenv("CAF_HANDOFF_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setenv("CAF_OUTBOX_RETRY_SECONDS", "0.1")
    common._store.cache_clear()
    monkeypatch.setattr("actions.handoff_submit.get_retriever", lambda: None)
    monkeypatch.setattr("actions.handoff_submit.conversation_triage", lambda events, retriever: {"theme": "hors_champ"})
    monkeypatch.setattr("actions.handoff_submit.store", DownStore)
    monkeypatch.setattr("actions.handoff_submit.retried", functools.partial(retried, sleep=lambda _: None))
    yield
    common._store.cache_clear()


def test_submit_with_the_database_down_says_so_keeps_the_request_and_records_it_once_back(unavailable, tmp_path,
                                                                                          caplog):
    caplog.set_level(logging.DEBUG)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionHandoffSubmit().run(dispatcher, tracker(), {}))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_handoff_not_saved"]
    assert SlotSet("handoff_name", None) in events and not any(e.get("name") == "handoff_ticket" for e in events)
    [waiting] = Outbox(tmp_path / "outbox").pending()
    assert json.loads(waiting.read_text(encoding="utf-8"))["contact"] == EMAIL

    # the background flush records it in the real database (up since the start here)
    deadline = time.monotonic() + 10
    while Outbox(tmp_path / "outbox").pending() and time.monotonic() < deadline:
        time.sleep(0.05)
    [ticket] = common.store().list()
    assert (ticket.sender_id, ticket.name, ticket.contact, ticket.commune) == ("sender-x", NAME, EMAIL, "Craon")
    assert [t["text"] for t in ticket.transcript] == ["une piscine ?", "Je ne trouve pas"]
    assert NAME not in caplog.text and EMAIL not in caplog.text and "Dupont" not in caplog.text
    assert "OperationalError" in caplog.text


def test_submit_with_the_outbox_full_gives_the_direct_contact(unavailable, monkeypatch):
    monkeypatch.setattr("actions.handoff_submit.outbox", lambda: Outbox("/proc/no-such-dir"))
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHandoffSubmit().run(dispatcher, tracker(), {}))
    assert "chargé de conseil et de développement" in dispatcher.messages[0]["text"]
