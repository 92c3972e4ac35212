"""Turns a caf_assistant reply into dispatcher messages (text for every channel, JSON for the widget); the
bot's own words are domain responses (bot/domain/*.yml), sent by name."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from caf_assistant.answers.contacts import contact_lines
from caf_assistant.answers.service import Reply, no_portrait_text
from caf_assistant.estimates.domain_file import YES_NO_BUTTONS

YES_NO = YES_NO_BUTTONS  # the Oui / Non buttons of every yes/no question


def latest_entity(tracker, name: str) -> str | None:
    """The entity's value in the latest message, as text: « /ask_question{"departement": 42} » typed or sent
    by a button gives a number, which the readers of entities (all of text) get as « 42 »."""
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]
    value = values[0] if values else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def send_contacts(dispatcher: CollectingDispatcher, group: str) -> None:
    dispatcher.utter_message(text="\n".join(contact_lines(group)))


def send_reply(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    if reply.kind == "unreadable":
        dispatcher.utter_message(response="utter_unreadable")
        return
    if reply.no_portrait_for:
        dispatcher.utter_message(text=no_portrait_text(reply.no_portrait_for, reply.portraits))
    if reply.kind == "answer":
        dispatcher.utter_message(text=reply.answer.text)
        for line in reply.contacts:  # « où trouver... ? », « qui contacter ? » answered without a way to reach anyone
            dispatcher.utter_message(text=line)
        dispatcher.utter_message(json_message={"type": "sources", "sources": reply.answer.sources})
        if reply.answer.overview:  # a broad question: one button per offer listed, to go deeper
            dispatcher.utter_message(response="utter_overview_more",
                                     buttons=[{"title": item["title"], "payload": item["title"]}
                                              for item in reply.answer.overview])
    else:
        dispatcher.utter_message(response="utter_unknown")
        send_contacts(dispatcher, "elus")
