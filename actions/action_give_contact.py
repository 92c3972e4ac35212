from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import send_contacts


class ActionGiveContact(Action):
    """Asking for a person: gives the Caf contacts for officials."""

    def name(self) -> str:
        return "action_give_contact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text="Pour parler à une personne de la Caf :")
        send_contacts(dispatcher, "elus")
        return []
