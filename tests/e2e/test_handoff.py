"""Human handoff end to end through REST: proposal, form with re-asks, ticket in the conversations'
database (the stack's DATABASE_URL), notice while open, back to normal once closed, no personal data in logs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from caf_assistant.handoff.store import TicketStore
from caf_assistant.text import fold
from tests.conftest import Conversation

NAME, EMAIL = "Hortense Vasseur-Quintal", "hortense.vasseur@mairie-exemple.fr"
UNKNOWN = ["la caf finance-t-elle un terrain de football synthétique ?",
           "la caf paie-t-elle le déneigement des routes communales ?"]


def text_of(messages: list[dict]) -> str:
    return fold("\n".join(m.get("text", "") for m in messages if m.get("text")))


def payloads(messages: list[dict]) -> list[str]:
    return [b.get("payload") for m in messages for b in m.get("buttons") or []]


def handoff_json(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "handoff"]


@pytest.fixture
def store(rasa_stack):
    if not getattr(rasa_stack, "database", None):
        pytest.skip("base de données de la pile inconnue (CAF_STACK_URL)")
    return TicketStore(f"sqlite:///{rasa_stack.database}")


@pytest.mark.stack
def test_handoff_records_a_ticket_then_notice_until_closed(rasa_stack, store):
    chat = Conversation(rasa_stack.rasa_url)
    chat.send("c'est quoi une ctg ?")
    offer = chat.send("je voudrais parler à un conseiller de la caf")
    assert payloads(offer) == ["/affirm", "/deny"], offer
    consent = chat.send("/affirm")  # first what will be asked and why, and the consent
    assert payloads(consent) == ["/affirm", "/deny"], consent
    assert fold("commune") in text_of(chat.send("/affirm"))
    reasked = chat.send("combien pour une crèche ?")
    assert fold("je n'ai pas reconnu un nom de commune") in text_of(reasked)
    assert fold("prenom et votre nom") in text_of(chat.send("Craon"))
    assert fold("je n'ai pas reconnu un nom") in text_of(chat.send("1234"))
    assert fold("e-mail ou a quel numero") in text_of(chat.send(NAME))
    assert fold("ni un numero de telephone") in text_of(chat.send("demain matin"))
    done = chat.send(EMAIL)
    assert fold("c'est transmis") in text_of(done), done
    [handoff] = handoff_json(done)
    assert handoff["status"] == "open"

    ticket = store.get(handoff["ticket_id"])
    assert ticket.sender_id == chat.sender and ticket.status == "open"
    assert (ticket.commune, ticket.name, ticket.contact, ticket.contact_kind) == ("Craon", NAME, EMAIL, "email")
    said = [turn["text"] for turn in ticket.transcript]
    assert "c'est quoi une ctg ?" in said and any("Source" in t for t in said)
    assert NAME not in said
    assert ticket.triage and ticket.triage["theme"] == "ctg_ingenierie" and ticket.triage["draft"]

    while_open = chat.send("quelles aides pour un relais petite enfance ?")
    assert fold("une personne va vous repondre") in text_of(while_open), while_open
    assert handoff_json(while_open)[0]["ticket_id"] == ticket.id
    again = chat.send("je veux parler à un humain")
    assert "/affirm" not in payloads(again) and fold("une personne va vous repondre") in text_of(again)

    store.close(ticket.id)
    closed = chat.send("c'est quoi le plan mercredi ?")
    assert fold("a ete traitee") in text_of(closed) and fold("une personne va vous repondre") not in text_of(closed)
    normal = chat.send("aide bafa ?")
    assert fold("a ete traitee") not in text_of(normal) and not handoff_json(normal)

    for log in rasa_stack.log_dir.glob("*.log"):
        content = log.read_text(errors="replace")
        assert NAME not in content and EMAIL not in content and "Vasseur" not in content, log

    # the person's erasure request: the ticket and the conversation it came from, nothing left in the file
    from caf_assistant.handoff.retention import count_events, erase
    erased = erase(store, email=EMAIL)
    assert erased.tickets == [ticket.id] and erased.conversations == [chat.sender] and erased.events > 10
    assert store.get(ticket.id) is None and count_events(store, chat.sender) == 0
    assert b"Vasseur" not in Path(rasa_stack.database).read_bytes()


@pytest.mark.stack
def test_two_failed_answers_propose_the_handoff(rasa_stack):
    chat = Conversation(rasa_stack.rasa_url)
    first = chat.send(UNKNOWN[0])
    assert fold("ne trouve pas") in text_of(first) and "/affirm" not in payloads(first)
    second = chat.send(UNKNOWN[1])
    # unanswered either way: « je ne trouve pas » from the sheets, or not the Caf's business
    assert fold("ne trouve pas") in text_of(second) or fold("ne peux pas vous aider") in text_of(second)
    assert payloads(second)[-2:] == ["/affirm", "/deny"], second
    assert fold("transmettre votre demande") in text_of(second)
    assert fold("je ne transmets rien") in text_of(chat.send("/deny"))


@pytest.mark.stack
def test_cancel_leaves_the_form_without_ticket_and_erases_what_was_typed(rasa_stack, store):
    chat = Conversation(rasa_stack.rasa_url)
    chat.send("un humain svp")
    chat.send("/affirm")
    chat.send("/affirm")
    chat.send("Château-Gontier-sur-Mayenne")
    chat.send("Mauricette Quillevéré")
    cancelled = chat.send("annuler")
    assert fold("j'annule la demande") in text_of(cancelled)
    assert store.open_for(chat.sender) is None
    answer = chat.send("c'est quoi un relais petite enfance ?")
    assert fold("prenom") not in text_of(answer) and fold("source") in text_of(answer)
    # what was typed for the hand-off is nowhere: not in the conversation store, not in the logs
    for typed in ("Quillevéré", "Quillev\\u00e9r\\u00e9", "Château-Gontier-sur-Mayenne", "Ch\\u00e2teau-Gontier"):
        assert typed.encode() not in Path(rasa_stack.database).read_bytes(), typed
        for log in rasa_stack.log_dir.glob("*.log"):
            assert typed not in log.read_text(errors="replace"), log
    said = [row for row in sqlite3.connect(rasa_stack.database).execute(
        "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.sender,))]
    assert any("relais petite enfance" in row[0] for row in said)  # the rest of the conversation is kept
