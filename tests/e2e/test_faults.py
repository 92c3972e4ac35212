"""Faults while messages flow. The action server stopped then back: Rasa says in French that the service is
briefly unavailable, keeps what was said, and answers again once the action server is back. Rasa restarted
in the middle of a form: the form resumes where it was, with what was already answered. The tickets' database
unavailable during a hand-off: a clear French message, the next message answered, and the ticket recorded
once the database is back, with nothing typed in the logs."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import time

import pytest

from caf_assistant import paths
from caf_assistant.handoff.outbox import Outbox
from caf_assistant.handoff.store import TicketStore
from caf_assistant.stack import APP_PYTHON, free_port, start_stack, wait_http
from caf_assistant.text import fold
from tests.conftest import Conversation, domain_text

NAME, EMAIL = "Hortense Vasseur-Quintal", "hortense.vasseur@mairie-exemple.fr"


def start_action_server(port: int, log, env: dict | None = None) -> subprocess.Popen:
    process = subprocess.Popen([str(APP_PYTHON), "-m", "caf_assistant.action_server", "--port", str(port)],
                               cwd=paths.REPO_ROOT, env={**os.environ, **(env or {})}, stdout=log,
                               stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/health", 180, process)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def wait_for_line(log, text: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"« {text} » not in {log.name}"
        time.sleep(0.2)


def texts(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if m.get("text")]


def said(chat: Conversation) -> list[str]:
    return [e["text"] for e in chat.tracker()["events"] if e["event"] == "user"]


@pytest.mark.stack
def test_the_action_server_down_then_back(tmp_path):
    port = free_port()
    log = open(tmp_path / "actions.log", "w")
    actions = start_action_server(port, log)
    stack = start_stack(log_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'conversations.db'}",
                        action_url=f"http://127.0.0.1:{port}", api_token="fault-test")
    try:
        chat = Conversation(stack.rasa_url, api_token="fault-test")
        assert any(m.get("custom") for m in chat.send("c'est quoi le bonus territoire ?"))  # answered, with sources
        stop(actions)
        while_down = chat.send("combien pour le Bafa ?")
        assert texts(while_down) == [domain_text("utter_service_unavailable")]
        actions = start_action_server(port, log)
        back = chat.send("combien pour le Bafa ?")
        assert any(m.get("custom") for m in back), back  # answered again, with its sources
        assert said(chat) == ["c'est quoi le bonus territoire ?", "combien pour le Bafa ?", "combien pour le Bafa ?"]
    finally:
        stack.stop()
        stop(actions)


@pytest.mark.stack
def test_rasa_restarted_mid_form_the_forms_resume(tmp_path):
    """Only Rasa restarts: the same action server and the same tracker store, two forms half answered."""
    port, token, api_token = free_port(), secrets.token_hex(16), secrets.token_hex(16)
    tickets = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}")
    log = open(tmp_path / "actions.log", "w")
    actions = start_action_server(port, log, {"CAF_ACTION_TOKEN": token, "DATABASE_URL": tickets.url})

    def rasa(name: str):
        return start_stack(log_dir=tmp_path / name, database_url=f"sqlite:///{tmp_path / 'conversations.db'}",
                           action_url=f"http://127.0.0.1:{port}", api_token=api_token,
                           extra_env={"CAF_ACTION_TOKEN": token})

    estimate_steps = ["je voudrais une estimation pour la création d'une crèche", "trente places"]
    handoff_steps = ["je voudrais parler à un conseiller de la caf", "/affirm", "/affirm", "Craon"]
    stack = rasa("first")
    try:
        estimate = Conversation(stack.rasa_url, api_token=api_token)
        estimate.send(estimate_steps[0])
        assert "utter_ask_est_places" in estimate.responses()
        estimate.send(estimate_steps[1])
        assert "utter_ask_est_cout_projet" in estimate.responses()
        handoff = Conversation(stack.rasa_url, api_token=api_token)
        for step in handoff_steps:
            asked = handoff.send(step)
        assert fold(domain_text("utter_handoff_ask_name")) in fold("\n".join(texts(asked)))
    finally:
        stack.stop()  # Rasa only: the action server was started apart
    assert actions.poll() is None
    stack = rasa("second")
    try:
        estimate = Conversation(stack.rasa_url, sender=estimate.sender, api_token=api_token)
        kept = estimate.tracker()
        assert kept["active_loop"]["name"] == "estimate_form" and kept["slots"]["requested_slot"] == "est_cout_projet"
        assert kept["slots"]["est_places"] == 30
        done = estimate.send("deux cents mille euros")
        reply = "\n".join(texts(done)).replace("\xa0", " ")  # figures are written with non-breaking spaces
        assert "30 places" in reply and "160 000" in reply and "Total indicatif" in reply, done
        assert "utter_ask_est_places" not in estimate.responses()
        assert said(estimate) == [*estimate_steps, "deux cents mille euros"]

        handoff = Conversation(stack.rasa_url, sender=handoff.sender, api_token=api_token)
        asked = handoff.send(NAME)
        assert fold(domain_text("utter_handoff_ask_contact")) in fold("\n".join(texts(asked))), asked
        done = handoff.send(EMAIL)
        [recorded] = [m["custom"] for m in done if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "handoff"]
        ticket = tickets.get(recorded["ticket_id"])
        assert (ticket.sender_id, ticket.commune, ticket.name, ticket.contact) == (handoff.sender, "Craon", NAME, EMAIL)
        assert said(handoff) == [*handoff_steps, NAME, EMAIL]
    finally:
        stack.stop()
        stop(actions)


@pytest.mark.stack
def test_the_ticket_database_locked_during_the_submit(tmp_path):
    """The tickets' database alone is unavailable (a SQLite file of its own, held by an exclusive lock): a
    shared file locked would stop Rasa itself from reading the conversation, which is another fault."""
    tickets = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}")  # the table exists, as once the server ran
    outbox = Outbox(tmp_path / "outbox")
    port, api_token = free_port(), secrets.token_hex(16)
    log = open(tmp_path / "actions.log", "w")
    actions = start_action_server(port, log, {
        "DATABASE_URL": tickets.url, "CAF_TICKETS_DB_TIMEOUT": "0.5", "CAF_HANDOFF_OUTBOX": str(outbox.directory),
        "CAF_OUTBOX_RETRY_SECONDS": "1"})
    conversations = tmp_path / "conversations.db"
    stack = start_stack(log_dir=tmp_path, database_url=f"sqlite:///{conversations}", action_url=f"http://127.0.0.1:{port}",
                        api_token=api_token)
    holder = sqlite3.connect(tmp_path / "tickets.db", isolation_level=None)
    try:
        chat = Conversation(stack.rasa_url, api_token=api_token)
        for step in ["je voudrais parler à un conseiller de la caf", "/affirm", "/affirm", "Craon", NAME]:
            chat.send(step)
        holder.execute("BEGIN EXCLUSIVE")  # no one else reads or writes the file until the rollback
        started = time.perf_counter()
        not_saved = chat.send(EMAIL)
        answered_in = time.perf_counter() - started
        assert texts(not_saved) == [domain_text("utter_handoff_not_saved")], not_saved
        assert len(outbox.pending()) == 1
        following = chat.send("c'est quoi une ctg ?")  # the server keeps answering, the database still locked
        assert any(isinstance(m.get("custom"), dict) and m["custom"].get("type") == "sources" for m in following), following
        wait_for_line(tmp_path / "actions.log", "toujours indisponible")  # a background try failed, nothing lost
        assert len(outbox.pending()) == 1
        holder.execute("ROLLBACK")

        deadline = time.monotonic() + 30
        while tickets.open_for(chat.sender) is None and time.monotonic() < deadline:
            time.sleep(0.5)
        ticket = tickets.open_for(chat.sender)
        assert ticket is not None, "the ticket kept in the outbox was not recorded once the database was back"
        assert (ticket.commune, ticket.name, ticket.contact, ticket.contact_kind) == ("Craon", NAME, EMAIL, "email")
        assert "c'est quoi une ctg ?" not in [turn["text"] for turn in ticket.transcript]  # the request as it was
        assert outbox.pending() == [] and len(tickets.list(None)) == 1
        assert answered_in < 15
        # the typed answers left the conversation store with the turn (no ticket then), and no log holds them
        assert b"Vasseur" not in conversations.read_bytes()
        for path in tmp_path.rglob("*.log"):
            content = path.read_text(errors="replace")
            assert NAME not in content and EMAIL not in content and "Vasseur" not in content, path
        assert "OperationalError" in (tmp_path / "actions.log").read_text()
    finally:
        holder.close()
        stack.stop()
        stop(actions)


@pytest.mark.stack
def test_the_conversation_database_locked_for_a_moment(tmp_path):
    """Rasa cannot read the conversation (its SQLite file locked longer than the driver waits): the bot says
    in French that the service is briefly unavailable; once the lock is gone the conversation goes on."""
    stack = start_stack(log_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'conversations.db'}",
                        api_token="db-fault")
    holder = sqlite3.connect(tmp_path / "conversations.db", isolation_level=None)
    try:
        chat = Conversation(stack.rasa_url, api_token="db-fault")
        assert any(m.get("custom") for m in chat.send("c'est quoi le bonus territoire ?"))
        holder.execute("BEGIN EXCLUSIVE")
        try:
            assert texts(chat.send("et le bonus mixité sociale ?")) == [domain_text("utter_store_unavailable")]
        finally:
            holder.execute("ROLLBACK")
        assert stack.alive()
        assert any(m.get("custom") for m in chat.send("et le bonus mixité sociale ?"))
        assert said(chat) == ["c'est quoi le bonus territoire ?", "et le bonus mixité sociale ?"]
        log = "".join(path.read_text(errors="replace") for path in tmp_path.glob("rasa-*.log"))
        assert "mixité" not in log and "OperationalError" in log
    finally:
        holder.close()
        stack.stop()
