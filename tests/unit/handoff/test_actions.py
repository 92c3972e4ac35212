"""The handoff actions with a real rasa-sdk Tracker and a SQLite ticket store (no Rasa, no model)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.handoff_common as common
from actions.handoff_offer import ActionHandoffOffer
from actions.handoff_submit import ActionHandoffSubmit
from actions.handoff_validate import ValidateHandoffForm

NAME, EMAIL = "Marie Dupont", "marie.dupont@mairie-craon.fr"


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'conversations.db'}")
    common._store.cache_clear()
    monkeypatch.setattr("actions.handoff_submit.get_retriever", lambda: None)
    monkeypatch.setattr("actions.handoff_submit.conversation_triage",
                        lambda events, retriever: {"theme": "hors_champ", "route": "accueil_allocataires",
                                                   "route_label": "Accueil allocataires"})
    yield
    common._store.cache_clear()


def tracker(slots=None, intent="ask_question", text="question", events=None, active_loop=None):
    return Tracker("sender-x", slots or {}, {"intent": {"name": intent}, "text": text, "entities": []},
                   events or [], False, None, active_loop or {}, "action_listen")


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_two_failed_answers_lead_to_the_offer():
    dispatcher = CollectingDispatcher()
    assert common.after_answer(dispatcher, tracker(), 1.0) == []
    assert FollowupAction("action_handoff_offer") in common.after_answer(dispatcher, tracker(), 2.0)
    # never in the middle of a form
    assert common.after_answer(dispatcher, tracker(active_loop={"name": "estimate_form"}), 2.0) == []


def test_a_question_about_contacts_routed_as_a_request_for_a_person_is_answered_from_the_sheets(monkeypatch):
    dispatcher = CollectingDispatcher()
    answered = []
    monkeypatch.setattr("actions.handoff_offer.ActionAnswerFromSheets.run",
                        lambda self, d, t, domain: answered.append(t.latest_message["text"]) or [])
    ActionHandoffOffer().run(dispatcher, tracker(intent="ask_human", text="adresse de la caf de la Loire"), {})
    assert answered == ["adresse de la caf de la Loire"] and dispatcher.messages == []


def test_offer_has_yes_no_buttons_and_resets_the_failures():
    dispatcher = CollectingDispatcher()
    events = ActionHandoffOffer().run(dispatcher, tracker(intent="ask_human", text="je veux parler à quelqu'un"), {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert "chargé de conseil et de développement" in texts(dispatcher)
    assert SlotSet("failed_answers", 0.0) in events


@pytest.mark.parametrize("slot,bad,good,clean", [
    ("handoff_commune", "combien pour une crèche ?", "Craon", "Craon"),
    ("handoff_name", "1234", NAME, NAME),
    ("handoff_contact", "demain", EMAIL, EMAIL),
    ("handoff_consent", "peut-être", "/affirm", "oui"),
])
def test_form_validation_reasks_in_french(slot, bad, good, clean):
    form = ValidateHandoffForm()
    validate = getattr(form, f"validate_{slot}")
    dispatcher = CollectingDispatcher()
    assert validate(bad, dispatcher, tracker(), {}) == {slot: None}
    assert texts(dispatcher)
    assert validate(good, CollectingDispatcher(), tracker(), {}) == {slot: clean}


def submit(slots, caplog=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionHandoffSubmit().run(dispatcher, tracker(slots=slots, events=[
        {"event": "user", "text": "une piscine ?", "parse_data": {"intent": {"name": "ask_question"}}},
        {"event": "bot", "text": "Je ne trouve pas"}, {"event": "active_loop", "name": "handoff_form"},
        {"event": "user", "text": NAME}]), {}))
    return dispatcher, events


def test_submit_records_a_ticket_then_the_notice_until_closed(caplog):
    caplog.set_level(logging.DEBUG)
    slots = {"handoff_commune": "Craon", "handoff_name": NAME, "handoff_contact": EMAIL, "handoff_consent": "oui"}
    dispatcher, events = submit(slots)
    handoff = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert handoff[0]["type"] == "handoff" and handoff[0]["status"] == "open"
    ticket_id = handoff[0]["ticket_id"]
    assert SlotSet("handoff_ticket", str(ticket_id)) in events
    assert SlotSet("handoff_name", None) in events
    ticket = common.store().get(ticket_id)
    assert ticket.name == NAME and ticket.commune == "Craon" and ticket.route == "accueil_allocataires"
    assert [t["text"] for t in ticket.transcript] == ["une piscine ?", "Je ne trouve pas"]
    assert NAME not in caplog.text and EMAIL not in caplog.text

    # while open: every answer carries the notice, and no new offer
    notice = CollectingDispatcher()
    assert common.after_answer(notice, tracker(slots={"handoff_ticket": str(ticket_id)}), 5.0) == []
    assert f"n° {ticket_id}" in texts(notice) and "une personne va vous répondre" in texts(notice)

    # closed by an agent: a last word, the slot is cleared, back to normal
    common.store().close(ticket_id)
    after = CollectingDispatcher()
    events = common.after_answer(after, tracker(slots={"handoff_ticket": str(ticket_id)}), 0.0)
    assert SlotSet("handoff_ticket", None) in events and "a été traitée" in texts(after)


def test_submit_without_consent_records_nothing():
    slots = {"handoff_commune": "Craon", "handoff_name": NAME, "handoff_contact": EMAIL, "handoff_consent": "non"}
    dispatcher, events = submit(slots)
    assert "Sans votre accord" in texts(dispatcher)
    assert common.store().list(None) == []
    assert not any(isinstance(e, dict) and e.get("name") == "handoff_ticket" and e.get("value") for e in events)
