from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_common import TICKET_SLOT, YES_NO, open_notice, ticket_status
from caf_assistant.handoff.store import OPEN

OFFER = ("Je peux transmettre votre demande à une personne de la Caf : votre chargé de conseil et de "
         "développement pour un projet ou une Ctg, ou le gestionnaire conseil pour un dossier de financement. "
         "Elle vous répondra par e-mail ou par téléphone. Voulez-vous que je transmette votre demande ?")
AFTER_FAILURES = "Je n'ai pas trouvé de réponse sûre à vos deux dernières questions. "


class ActionHandoffOffer(Action):
    """Proposes a handoff to a person (buttons Oui / Non), unless a ticket is already open."""

    def name(self) -> str:
        return "action_handoff_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ticket_id, status = ticket_status(tracker)
        if status == OPEN:
            dispatcher.utter_message(text=open_notice(ticket_id))
            dispatcher.utter_message(json_message={"type": "handoff", "ticket_id": int(ticket_id), "status": OPEN})
            return [SlotSet("failed_answers", 0.0)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        prefix = "" if intent == "ask_human" else AFTER_FAILURES
        dispatcher.utter_message(text=prefix + OFFER, buttons=YES_NO)
        events = [SlotSet("failed_answers", 0.0)]
        if ticket_id:
            events.append(SlotSet(TICKET_SLOT, None))  # the previous ticket was closed by an agent
        return events
