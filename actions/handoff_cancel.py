from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_common import FORM_SLOTS

CANCELLED = ("D'accord, j'annule la demande de mise en relation : rien n'est transmis. Avez-vous une autre "
             "question sur les offres de la Caf ?")


class ActionHandoffCancel(Action):
    """"annuler" in the handoff form: forgets the answers given, nothing is transmitted."""

    def name(self) -> str:
        return "action_handoff_cancel"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=CANCELLED)
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
